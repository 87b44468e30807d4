"""One way to open the data dir's SQLite stores: WAL, busy timeout, schema version, migrations,
and reading only when the data dir is read-only.

Every store (documents, synonyms, best bets, the embedding cache, analytics, admin keys and
jobs, the crawler's link state) opens its file through ``connect``:

- on a writable folder: the file itself (created if missing), in WAL mode by default (the
  server and the CLI share it), waiting up to ``timeout`` seconds for a lock; its schema is
  applied and brought up to date (below);
- on a read-only folder (a read-only mount, ``chmod -R a-w`` for a non-root user), where
  searching must still work: SQLite in WAL mode needs ``-wal`` and ``-shm`` files beside the
  database even to read it, and creating them there fails (or, with a stale ``-shm``, maps a
  file that cannot grow: the SIGBUS seen on such a dir). So an existing database is opened
  ``immutable`` (read only, no locks, no side files; a ``-wal`` left by an unclean stop is
  not read) and a missing one becomes an empty in-memory database. A table the file lacks
  (made by a newer sikoja, or by a server that never ran on this dir) becomes an empty TEMP
  table, which SQLite looks in first, so reads find nothing instead of failing; writes to
  the file fail on their own, loudly. Nothing is migrated.

Schema versions: a store's ``Schema`` is its tables as first released (version 0, all
``CREATE ... IF NOT EXISTS``, so every database written before versions were kept is a valid
version 0) and an ordered list of migrations. Migration *n* takes a database from version
*n - 1* to *n* and is recorded in ``PRAGMA user_version`` in the same transaction, so a
crash half-way leaves the version it had. A new database gets version 0 and then every
migration: one path for old and new files. A file whose version is newer than this sikoja
knows is opened as it is, with a warning (reads mostly work; nothing is undone).
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

log = logging.getLogger(__name__)

# A migration: SQL statements, or a function given the connection inside the transaction.
Migration = str | Callable[[sqlite3.Connection], None]


@dataclass(frozen=True)
class Schema:
    tables: str = ""  # version 0: CREATE TABLE / INDEX IF NOT EXISTS ...
    migrations: tuple[Migration, ...] = ()

    @property
    def version(self) -> int:
        return len(self.migrations)


def read_only_dir(folder: Path) -> bool:
    """True when ``folder`` exists and this process cannot create files in it."""
    return folder.is_dir() and not os.access(folder, os.W_OK)


def connect(path: Path, *, schema: Schema | str = "", journal: str | None = "WAL",
            synchronous: str | None = None, timeout: float = 30.0,
            check_same_thread: bool = False, setup_once: bool = False,
            ) -> tuple[sqlite3.Connection, bool]:
    """(connection, read_only) for the store at ``path``, its schema applied and migrated.

    ``journal``: the journal mode set on a writable file (``None`` leaves it as it is).
    ``setup_once``: for short-lived connections opened per request (admin.db): the journal
    mode and schema are set up once per file (again for a deleted and recreated file).
    """
    path = Path(path)
    schema = Schema(schema) if isinstance(schema, str) else schema
    if read_only_dir(path.parent):
        return _connect_read_only(path, schema, check_same_thread), True
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=timeout, check_same_thread=check_same_thread)
    if synchronous:
        conn.execute(f"PRAGMA synchronous={synchronous}")
    if setup_once and not _needs_setup(path, schema):
        return conn, False
    if journal:
        conn.execute(f"PRAGMA journal_mode={journal}")
    migrate(conn, schema, name=path.name)
    if setup_once:
        _set_up_done(path, schema)
    return conn, False


def open_immutable(path: Path, *, check_same_thread: bool = False) -> sqlite3.Connection:
    """A file that never changes once written (an index version's ``docs.db``): no locks, no
    journal, no side files, so it is also readable on a read-only data dir."""
    return sqlite3.connect(f"file:{quote(str(Path(path).resolve()))}?mode=ro&immutable=1",
                           uri=True, check_same_thread=check_same_thread)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, schema: Schema, *, name: str = "database") -> int:
    """Apply version 0's tables, then each migration the database has not had yet; the
    version reached."""
    if schema.tables:
        conn.executescript(schema.tables)
    version = schema_version(conn)
    if version > schema.version:
        log.warning("%s has schema version %d, newer than the %d this sikoja knows; opened "
                    "as it is", name, version, schema.version)
        return version
    for number, step in enumerate(schema.migrations[version:], start=version + 1):
        with conn:
            if callable(step):
                step(conn)
            else:
                for statement in _statements(step):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        log.info("%s migrated to schema version %d", name, number)
    return max(version, schema.version)


def _connect_read_only(path: Path, schema: Schema,
                       check_same_thread: bool) -> sqlite3.Connection:
    """See the module docstring; version 0's tables are applied where they can be (an
    in-memory database gets them all, an immutable file keeps what it has)."""
    if path.is_file():
        conn = open_immutable(path, check_same_thread=check_same_thread)
    else:
        conn = sqlite3.connect(":memory:", check_same_thread=check_same_thread)
    for statement in _statements(schema.tables):
        try:
            conn.execute(statement)
        except sqlite3.OperationalError:
            if _CREATE_TABLE.match(statement):
                conn.execute(_CREATE_TABLE.sub("CREATE TEMP TABLE", statement, count=1))
            # an index the file lacks only costs speed on this small read-only use
    log.info("%s: the data dir is read-only; reading only", path)
    return conn


# (file, schema) -> (device, inode) of the file that setup last ran on
_set_up: dict[tuple[str, Schema], tuple[int, int]] = {}
_set_up_lock = threading.Lock()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if st.st_size else None  # an empty file is a new one


def _needs_setup(path: Path, schema: Schema) -> bool:
    identity = _identity(path)
    with _set_up_lock:
        return identity is None or _set_up.get((os.path.abspath(path), schema)) != identity


def _set_up_done(path: Path, schema: Schema) -> None:
    identity = _identity(path)
    if identity is not None:
        with _set_up_lock:
            _set_up[(os.path.abspath(path), schema)] = identity


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
