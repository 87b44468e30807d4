"""Durable storage of crawled documents and crawl history in the data dir (SQLite).

The crawler writes here; the indexer reads here. One file, ``documents.db``, in WAL mode so
that a search server can read while a crawl writes. Every write is a small transaction, so
an interrupted crawl loses at most the page in flight and a rerun neither loses nor
duplicates documents (the URL is the primary key).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sikoja.documents import Document, index_key

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    url TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    opd TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    headings TEXT NOT NULL DEFAULT '[]',
    breadcrumbs TEXT NOT NULL DEFAULT '[]',
    fields TEXT NOT NULL DEFAULT '{}',
    lang TEXT NOT NULL DEFAULT 'id',
    last_modified TEXT,
    fetched_at TEXT,
    parent_url TEXT,
    group_id TEXT,
    content_hash TEXT NOT NULL,
    etag TEXT,
    http_last_modified TEXT,
    status TEXT NOT NULL DEFAULT 'live',
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source);
CREATE INDEX IF NOT EXISTS documents_status ON documents(status);
CREATE TABLE IF NOT EXISTS fetch_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    crawl_id INTEGER,
    source TEXT NOT NULL,
    url TEXT NOT NULL,
    status INTEGER,
    outcome TEXT NOT NULL,
    reason TEXT,
    elapsed_ms REAL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS fetch_log_crawl ON fetch_log(crawl_id, source);
CREATE TABLE IF NOT EXISTS crawls (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    started_at REAL NOT NULL,
    finished_at REAL,
    pages INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'running'
);
"""

_JSON_COLUMNS = ("headings", "breadcrumbs", "fields")


def documents_db_path(data_dir: Path) -> Path:
    return Path(data_dir) / "documents.db"


class DocumentStore:
    """Crawled documents keyed by canonical URL, with HTTP validators for incremental recrawl."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(self.path), check_same_thread=False, timeout=30)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)

    @classmethod
    def open(cls, data_dir: Path) -> DocumentStore:
        return cls(documents_db_path(data_dir))

    def close(self) -> None:
        self._db.close()

    # -- documents ---------------------------------------------------------------------

    def upsert(
        self,
        doc: Document,
        *,
        etag: str | None = None,
        http_last_modified: str | None = None,
    ) -> bool:
        """Store ``doc``; return True when its content is new or changed."""
        digest = doc.content_hash()
        with self._lock, self._db:
            row = self._db.execute(
                "SELECT content_hash, status FROM documents WHERE url = ?", (doc.url,)
            ).fetchone()
            changed = row is None or row["content_hash"] != digest or row["status"] != "live"
            self._db.execute(
                """
                INSERT INTO documents (url, source, opd, kind, title, text, headings,
                    breadcrumbs, fields, lang, last_modified, fetched_at, parent_url, group_id,
                    content_hash, etag, http_last_modified, status, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'live', ?)
                ON CONFLICT(url) DO UPDATE SET
                    source=excluded.source, opd=excluded.opd, kind=excluded.kind,
                    title=excluded.title, text=excluded.text, headings=excluded.headings,
                    breadcrumbs=excluded.breadcrumbs, fields=excluded.fields,
                    lang=excluded.lang, last_modified=excluded.last_modified,
                    fetched_at=excluded.fetched_at, parent_url=excluded.parent_url,
                    group_id=COALESCE(excluded.group_id, documents.group_id),
                    content_hash=excluded.content_hash, etag=excluded.etag,
                    http_last_modified=excluded.http_last_modified, status='live',
                    updated_at=CASE WHEN documents.content_hash = excluded.content_hash
                        AND documents.status = 'live'
                        THEN documents.updated_at ELSE excluded.updated_at END
                """,
                (
                    doc.url, doc.source, doc.opd, doc.kind, doc.title, doc.text,
                    json.dumps(doc.headings, ensure_ascii=False),
                    json.dumps(doc.breadcrumbs, ensure_ascii=False),
                    json.dumps(doc.fields, ensure_ascii=False),
                    doc.lang, doc.last_modified, doc.fetched_at, doc.parent_url, doc.group_id,
                    digest, etag, http_last_modified, time.time(),
                ),
            )
        return changed

    def touch(self, url: str, *, fetched_at: str) -> None:
        """Record that ``url`` was revalidated unchanged (HTTP 304 or same hash)."""
        with self._lock, self._db:
            self._db.execute(
                "UPDATE documents SET fetched_at = ?, status = 'live' WHERE url = ?",
                (fetched_at, url),
            )

    def mark_gone(self, url: str) -> bool:
        """A page answered 404/410 on recrawl: it leaves the index. True if it was live."""
        with self._lock, self._db:
            cur = self._db.execute(
                "UPDATE documents SET status = 'gone', updated_at = ? "
                "WHERE url = ? AND status = 'live'",
                (time.time(), url),
            )
        return cur.rowcount > 0

    def set_group(self, url: str, group_id: str | None) -> None:
        with self._lock, self._db:
            self._db.execute("UPDATE documents SET group_id = ? WHERE url = ?", (group_id, url))

    def validators(self, url: str) -> dict[str, str | None] | None:
        """ETag, Last-Modified and content hash of a stored page, for conditional requests."""
        row = self._db.execute(
            "SELECT etag, http_last_modified, content_hash, status FROM documents WHERE url = ?",
            (url,),
        ).fetchone()
        return dict(row) if row else None

    def get(self, url: str) -> Document | None:
        row = self._db.execute("SELECT * FROM documents WHERE url = ?", (url,)).fetchone()
        return _row_to_document(row) if row else None

    def iter_documents(self) -> Iterator[Document]:
        """Every live document, streamed in URL order: memory stays flat at any size."""
        cursor = self._db.cursor()
        cursor.execute("SELECT * FROM documents WHERE status = 'live' ORDER BY url")
        while rows := cursor.fetchmany(500):
            for row in rows:
                yield _row_to_document(row)

    def index_keys(self) -> dict[str, str]:
        """url -> what decides whether the index must redo a document: its content hash
        and its near-duplicate group (set after the crawl, outside the content)."""
        rows = self._db.execute(
            "SELECT url, content_hash, group_id FROM documents WHERE status = 'live'"
        ).fetchall()
        return {r["url"]: index_key(r["content_hash"], r["group_id"]) for r in rows}

    def urls_for_source(self, source: str) -> set[str]:
        rows = self._db.execute(
            "SELECT url FROM documents WHERE source = ? AND status = 'live'", (source,)
        ).fetchall()
        return {r["url"] for r in rows}

    def count(self) -> int:
        return self._db.execute(
            "SELECT COUNT(*) FROM documents WHERE status = 'live'"
        ).fetchone()[0]

    # -- crawl history -----------------------------------------------------------------

    def start_crawl(self, source: str) -> int:
        with self._lock, self._db:
            cur = self._db.execute(
                "INSERT INTO crawls (source, started_at) VALUES (?, ?)", (source, time.time())
            )
        return int(cur.lastrowid)

    def finish_crawl(self, crawl_id: int, *, pages: int, errors: int, state: str = "done") -> None:
        with self._lock, self._db:
            self._db.execute(
                "UPDATE crawls SET finished_at = ?, pages = ?, errors = ?, state = ? WHERE id = ?",
                (time.time(), pages, errors, state, crawl_id),
            )

    def log_fetch(
        self,
        *,
        crawl_id: int | None,
        source: str,
        url: str,
        status: int | None,
        outcome: str,
        reason: str | None = None,
        elapsed_ms: float | None = None,
    ) -> None:
        """One fetch: outcome is 'ok', 'unchanged', 'skipped', 'gone' or 'error'."""
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO fetch_log (crawl_id, source, url, status, outcome, reason, "
                "elapsed_ms, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (crawl_id, source, url, status, outcome, reason, elapsed_ms, time.time()),
            )

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        """Read-only helper for reports."""
        return self._db.execute(sql, params).fetchall()


def _row_to_document(row: sqlite3.Row) -> Document:
    data = dict(row)
    for key in _JSON_COLUMNS:
        data[key] = json.loads(data[key] or ("{}" if key == "fields" else "[]"))
    return Document.from_dict(data)
