"""Best bets: results an admin pins to the top for a query, optionally between two dates.

A best bet matches when the citizen's query, normalised (case, spacing, punctuation), equals
the pinned query. Stored in ``bestbets.db`` in the data dir; read on every search, so a new
best bet applies to the next query without a reindex.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from sikoja.errors import SikojaError
from sikoja.sqlite import connect

_SPACE = re.compile(r"[\W_]+", re.UNICODE)


def normalise_query(query: str) -> str:
    return _SPACE.sub(" ", query.casefold()).strip()


class BestBet(BaseModel):
    id: int
    query: str
    url: str
    start: date | None = None
    end: date | None = None
    who: str = ""
    why: str = ""
    created_at: float = 0.0

    def active(self, today: date) -> bool:
        return (self.start is None or self.start <= today) and (
            self.end is None or today <= self.end)


class BestBetStore:
    def __init__(self, data_dir: Path) -> None:
        path = Path(data_dir) / "bestbets.db"
        with contextlib.suppress(OSError):  # a read-only data dir is searched all the same
            path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db, self.read_only = connect(path, schema=(
            "CREATE TABLE IF NOT EXISTS bestbets (id INTEGER PRIMARY KEY AUTOINCREMENT, "
            "query TEXT NOT NULL, key TEXT NOT NULL, url TEXT NOT NULL, start TEXT, end TEXT, "
            "who TEXT NOT NULL DEFAULT '', why TEXT NOT NULL DEFAULT '', created_at REAL);"
            "CREATE INDEX IF NOT EXISTS bestbets_key ON bestbets(key);"))
        self._db.commit()

    def add(self, query: str, url: str, *, start: date | None = None, end: date | None = None,
            who: str = "", why: str = "") -> int:
        key = normalise_query(query)
        if not key:
            raise SikojaError("a best bet needs a query with words in it")
        if not url.startswith(("http://", "https://")):
            raise SikojaError(f"a best bet needs an http(s) URL, not {url!r}")
        if start and end and end < start:
            raise SikojaError("a best bet's end date is before its start date")
        with self._lock, self._db:
            cur = self._db.execute(
                "INSERT INTO bestbets (query, key, url, start, end, who, why, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (query, key, url, start.isoformat() if start else None,
                 end.isoformat() if end else None, who, why, time.time()))
        return int(cur.lastrowid)

    def remove(self, bet_id: int, who: str = "") -> bool:
        with self._lock, self._db:
            cur = self._db.execute("DELETE FROM bestbets WHERE id = ?", (bet_id,))
        return cur.rowcount > 0

    def list(self) -> list[BestBet]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, query, url, start, end, who, why, created_at FROM bestbets "
                "ORDER BY id").fetchall()
        return [_to_bet(r) for r in rows]

    def match(self, query: str, today: date | None = None) -> list[str]:
        """URLs pinned for ``query`` and active today, in the order they were pinned."""
        key = normalise_query(query)
        if not key:
            return []
        today = today or date.today()
        with self._lock:
            rows = self._db.execute(
                "SELECT id, query, url, start, end, who, why, created_at FROM bestbets "
                "WHERE key = ? ORDER BY id", (key,)).fetchall()
        return [b.url for b in map(_to_bet, rows) if b.active(today)]

    def close(self) -> None:
        self._db.close()


def _to_bet(row: tuple) -> BestBet:
    bet_id, query, url, start, end, who, why, created = row
    return BestBet(id=bet_id, query=query, url=url,
                   start=date.fromisoformat(start) if start else None,
                   end=date.fromisoformat(end) if end else None,
                   who=who, why=why, created_at=created or 0.0)
