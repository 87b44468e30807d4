"""API keys for the admin endpoints: random, shown once, stored only as SHA-256 hashes.

A key is 32 random bytes (``skj_`` + URL-safe base64), so a plain SHA-256 is enough: there is
nothing to brute-force that a slow password hash would protect. The store keeps the hash, a
short prefix to recognise a key in listings, and when it was created, last used and revoked.
Revoked keys stay listed (who had access, until when) and are answered with 403, unknown
keys with 401.

The CLI (``sikoja apikey create|revoke|list``) and the API share this module and the SQLite
file ``admin.db`` in the data dir, so a key revoked on the command line stops working on the
next request of a running server.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import sqlite3
import time
from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from sikoja.errors import SikojaError
from sikoja.sqlite import Schema, connect, open_immutable

log = logging.getLogger("search_api")

KEY_PREFIX = "skj_"
MAX_NAME_LENGTH = 64

_SCHEMA = """
CREATE TABLE IF NOT EXISTS api_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    created_at REAL NOT NULL,
    last_used_at REAL,
    revoked_at REAL
);
"""


def admin_db_path(data_dir: str | Path) -> Path:
    return Path(data_dir) / "admin.db"


def connect_admin_db(data_dir: str | Path, schema: str = "") -> sqlite3.Connection:
    """A short-lived connection to ``admin.db`` (WAL, so the server and the CLI can share it).

    ``schema`` is more ``CREATE TABLE IF NOT EXISTS`` for the caller's own tables. Health,
    metrics and admin requests each open a connection, so the WAL switch (which the file
    keeps) and the schema run once per file, not every time; a deleted and recreated
    admin.db (a new, empty file) is set up again.
    """
    # on a read-only data dir keys are read and nothing is saved (sikoja.sqlite)
    db, _ = connect(admin_db_path(data_dir), schema=Schema(_SCHEMA + schema), setup_once=True)
    db.row_factory = sqlite3.Row
    return db


@dataclass
class ApiKey:
    id: int
    name: str
    prefix: str
    created_at: float
    last_used_at: float | None = None
    revoked_at: float | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "active": self.active}


class KeyCheck(Enum):
    VALID = "valid"
    REVOKED = "revoked"
    UNKNOWN = "unknown"


def hash_key(plain: str) -> str:
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()


def _validate_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise SikojaError("an API key needs a name (who or what uses it)")
    if len(name) > MAX_NAME_LENGTH or not name.isprintable():
        raise SikojaError(f"an API key name is printable text of at most {MAX_NAME_LENGTH} "
                          "characters")
    if name.isdigit():
        raise SikojaError("an API key name cannot be only digits (digits mean a key id)")
    return name


def _row_to_key(row: sqlite3.Row) -> ApiKey:
    return ApiKey(id=row["id"], name=row["name"], prefix=row["prefix"],
                  created_at=row["created_at"], last_used_at=row["last_used_at"],
                  revoked_at=row["revoked_at"])


def create_key(data_dir: str | Path, name: str) -> str:
    """Create a key called ``name``; return the plain key (it is not stored, show it once)."""
    name = _validate_name(name)
    plain = KEY_PREFIX + secrets.token_urlsafe(32)
    db = connect_admin_db(data_dir)
    try:
        with db:
            taken = db.execute(
                "SELECT 1 FROM api_keys WHERE name = ? AND revoked_at IS NULL", (name,)
            ).fetchone()
            if taken:
                raise SikojaError(f"an active API key called {name!r} exists; revoke it first "
                                  "or choose another name")
            db.execute(
                "INSERT INTO api_keys (name, prefix, hash, created_at) VALUES (?, ?, ?, ?)",
                (name, plain[: len(KEY_PREFIX) + 6], hash_key(plain), time.time()),
            )
    finally:
        db.close()
    return plain


def revoke_key(data_dir: str | Path, key_id_or_name: str | int) -> ApiKey:
    """Revoke the active key with this id or name; it is answered with 403 from now on."""
    ident = str(key_id_or_name).strip()
    db = connect_admin_db(data_dir)
    try:
        with db:
            if ident.isdigit():
                row = db.execute("SELECT * FROM api_keys WHERE id = ?", (int(ident),)).fetchone()
            else:
                row = db.execute(
                    "SELECT * FROM api_keys WHERE name = ? ORDER BY revoked_at IS NULL DESC, "
                    "id DESC", (ident,)
                ).fetchone()
            if row is None:
                raise SikojaError(f"no API key with id or name {ident!r}")
            if row["revoked_at"] is not None:
                raise SikojaError(f"API key {row['name']!r} (id {row['id']}) is already revoked")
            now = time.time()
            db.execute("UPDATE api_keys SET revoked_at = ? WHERE id = ?", (now, row["id"]))
            key = _row_to_key(row)
            key.revoked_at = now
            return key
    finally:
        db.close()


def list_keys(data_dir: str | Path) -> list[ApiKey]:
    """Every key ever created, active and revoked, oldest first (hashes never leave here)."""
    if not admin_db_path(data_dir).is_file():
        return []
    db = connect_admin_db(data_dir)
    try:
        return [_row_to_key(r) for r in db.execute("SELECT * FROM api_keys ORDER BY id")]
    finally:
        db.close()


def _key_row(db: sqlite3.Connection, plain: str) -> sqlite3.Row | None:
    return db.execute("SELECT * FROM api_keys WHERE hash = ?", (hash_key(plain),)).fetchone()


def check_key(data_dir: str | Path, plain: str) -> tuple[KeyCheck, ApiKey | None]:
    """Is ``plain`` a valid key? Records the use of a valid one (for ``apikey list``), at
    most once a minute and only where the disk lets it: a full or read-only data dir must not
    lock the admin out."""
    if not plain or not plain.startswith(KEY_PREFIX) or len(plain) > 200:
        return KeyCheck.UNKNOWN, None
    try:
        db = connect_admin_db(data_dir)
        row = _key_row(db, plain)
    except sqlite3.OperationalError as exc:
        # a full disk cannot even recreate the WAL's side files: read the file as it is
        log.warning("admin.db read without its journal (%s)", exc)
        db = open_immutable(admin_db_path(data_dir))
        db.row_factory = sqlite3.Row
        row = _key_row(db, plain)
    try:
        if row is None:
            return KeyCheck.UNKNOWN, None
        key = _row_to_key(row)
        if not key.active:
            return KeyCheck.REVOKED, key
        now = time.time()
        # one write a minute at most: the admin page polls status
        if key.last_used_at is None or now - key.last_used_at > 60:
            try:
                with db:
                    db.execute("UPDATE api_keys SET last_used_at = ? WHERE id = ?",
                               (now, key.id))
                key.last_used_at = now
            except sqlite3.OperationalError as exc:
                log.warning("cannot record the use of key %s: %s", key.name, exc)
        return KeyCheck.VALID, key
    finally:
        db.close()
