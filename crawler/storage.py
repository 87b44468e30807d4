"""A crawl stops, with one clear line, when the data dir's disk fails; it never hangs.

A crawl writes everywhere under the data dir: the document store, the link store, Scrapy's
saved frontier (JOBDIR), its log. When the disk fills, each of those fails in its own way,
and Scrapy logs the error and carries on; with the frontier's queue files failing too, the
engine waited forever for requests it could not read back, and no longer answered SIGTERM.
Nothing done after that point can be saved anyway, so the crawl process stops at the first
storage error, wherever it happens: it writes one ``fatal`` line on its stdout (a pipe,
no disk needed) and exits with ``STORAGE_EXIT``. The parent reports that line and exits
non-zero.

Nothing stored is lost: every document write is its own SQLite transaction, so the one in
flight is rolled back and the rest stay. The frontier, not cleanly saved, is discarded at
the next start (``crawler.extensions.jobstate``), and the rerun recrawls from the start
URLs with conditional requests, storing what was missed.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import sqlite3
import sys
from typing import TextIO

STORAGE_EXIT = 75  # EX_TEMPFAIL: free space (or fix the disk) and run again

_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO, errno.EFBIG}
# how SQLite words the same conditions (its errors carry no errno)
_SQLITE_WORDS = ("disk is full", "disk i/o error", "readonly database", "database is full",
                 "malformed")


def storage_problem(exc: BaseException | None) -> str | None:
    """A short description when ``exc`` (or what caused it) is the disk failing, else None."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OSError) and exc.errno in _ERRNOS:
            return os.strerror(exc.errno or 0)
        if isinstance(exc, sqlite3.Error):
            message = str(exc)
            if any(words in message.lower() for words in _SQLITE_WORDS):
                return message
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None


def storage_message(data_dir: object, problem: str) -> str:
    """The one line a user reads."""
    return (f"storage error in {data_dir}: {problem}; what was stored is kept: free space "
            f"(or fix the disk) and run the crawl again to resume")


def stop_for_storage(problem: str, out: TextIO | None = None) -> None:
    """Tell the parent why, then exit at once: a graceful stop would need the disk."""
    stream = out or sys.stdout
    try:
        stream.write(json.dumps({"type": "fatal", "kind": "storage", "error": problem}) + "\n")
        stream.flush()
    finally:
        os._exit(STORAGE_EXIT)


class StorageGuard(logging.Handler):
    """On the root logger of the crawl process: any error logged with a storage exception
    (Scrapy logs what a pipeline, the scheduler or an extension raised, and goes on) stops
    the crawl."""

    def __init__(self, out: TextIO | None = None) -> None:
        super().__init__(logging.ERROR)
        self.out = out

    def emit(self, record: logging.LogRecord) -> None:
        exc = record.exc_info[1] if record.exc_info else None
        problem = storage_problem(exc)
        if problem is not None:
            stop_for_storage(problem, self.out)
