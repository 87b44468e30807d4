"""Errors a user can act on. The CLI prints their message as one line, never a traceback."""


class SikojaError(Exception):
    """A problem with input or environment that the user can fix (bad config, empty data dir)."""
