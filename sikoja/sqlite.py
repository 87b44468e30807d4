"""Opening the data dir's SQLite stores, also when the data dir is read-only.

A search server may run on a data dir it cannot write (a read-only mount, ``chmod -R a-w``
for a non-root user): searching must still work. SQLite in WAL mode needs ``-wal`` and
``-shm`` files beside the database even to read it, and creating them there fails (or, with a
stale ``-shm``, maps a file that cannot grow: the SIGBUS seen on such a dir). So when the
folder is not writable an existing database is opened ``immutable`` (read only, no locks, no
side files; a ``-wal`` left by an unclean stop is not read) and a missing one becomes an
empty in-memory database. A table the file lacks (made by a newer sikoja, or by a server that
never ran on this dir) becomes an empty TEMP table, which SQLite looks in first, so reads
find nothing instead of failing; writes to the file fail on their own, loudly.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

log = logging.getLogger(__name__)


def read_only_dir(folder: Path) -> bool:
    """True when ``folder`` exists and this process cannot create files in it."""
    return folder.is_dir() and not os.access(folder, os.W_OK)


def connect(path: Path, *, wal: bool = True, schema: str = "", timeout: float = 30.0,
            check_same_thread: bool = False) -> tuple[sqlite3.Connection, bool]:
    """(connection, read_only) for the store at ``path``, with ``schema`` applied.

    On a writable folder: the file itself (created if missing), in WAL mode when ``wal``.
    On a read-only folder: see the module docstring; ``schema`` is applied where it can be
    (an in-memory database gets it all, an immutable file keeps what it has).
    """
    path = Path(path)
    if not read_only_dir(path.parent):
        conn = sqlite3.connect(str(path), timeout=timeout, check_same_thread=check_same_thread)
        if wal:
            conn.execute("PRAGMA journal_mode=WAL")
        if schema:
            conn.executescript(schema)
        return conn, False
    if path.is_file():
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1",
                               uri=True, timeout=timeout, check_same_thread=check_same_thread)
    else:
        conn = sqlite3.connect(":memory:", check_same_thread=check_same_thread)
    for statement in _statements(schema):
        try:
            conn.execute(statement)
        except sqlite3.OperationalError:
            if _CREATE_TABLE.match(statement):
                conn.execute(_CREATE_TABLE.sub("CREATE TEMP TABLE", statement, count=1))
            # an index the file lacks only costs speed on this small read-only use
    log.info("%s: the data dir is read-only; reading only", path)
    return conn, True


_CREATE_TABLE = re.compile(r"^\s*CREATE\s+TABLE", re.IGNORECASE)


def _statements(script: str) -> list[str]:
    """The statements of a schema script, one by one."""
    out: list[str] = []
    pending = ""
    for part in script.split(";"):
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            out.append(pending.strip())
            pending = ""
    return [statement for statement in out if statement != ";"]
