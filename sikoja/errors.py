"""Errors a user can act on. The CLI prints their message as one line, never a traceback."""


class SikojaError(Exception):
    """A problem with input or environment that the user can fix (bad config, empty data dir)."""


# The one answer to an empty query, from the CLI and the API alike.
EMPTY_QUERY = "the query is empty: type what you are looking for, e.g. 'urus KTP'"
