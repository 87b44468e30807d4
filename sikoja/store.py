"""Durable storage of crawled documents and crawl history in the data dir (SQLite).

The crawler writes here; the indexer reads here. One file, ``documents.db``, in WAL mode so
that a search server can read while a crawl writes. Every write is a small transaction, so
an interrupted crawl loses at most the page in flight and a rerun neither loses nor
duplicates documents (the URL is the primary key).

A URL can be both a crawled page and an app in a catalog. Each catalog's record is kept
whole in ``catalog_entries`` (one row per URL and catalog source), and the ``documents``
row at that URL is always the merge of the page with those entries (``sikoja.apps``): the
store, not the writer, owns ``fields["app"]``, so a page write keeps the app's part, an
app write never replaces the page, and either can leave without taking the other along.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sikoja.apps import APP_KEY, CatalogEntry, is_merged, merge, own_part
from sikoja.documents import Document, index_key
from sikoja.sqlite import connect

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
-- a page's twins share its title and text (crawler.twins.kept_twin): found by title and
-- length, not by reading the whole site's texts for each page that arrives
CREATE INDEX IF NOT EXISTS documents_twins ON documents(source, title, length(text));
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
CREATE TABLE IF NOT EXISTS catalog_entries (
    url TEXT NOT NULL,
    source TEXT NOT NULL,
    catalog_url TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    updated_at REAL NOT NULL,
    PRIMARY KEY (url, source)
);
CREATE INDEX IF NOT EXISTS catalog_entries_source ON catalog_entries(source);
CREATE INDEX IF NOT EXISTS fetch_log_crawl ON fetch_log(crawl_id, source);
CREATE TABLE IF NOT EXISTS crawls (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    started_at REAL NOT NULL,
    finished_at REAL,
    pages INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'running',
    crawler TEXT,
    reread INTEGER NOT NULL DEFAULT 0,
    fleet INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS imported_crawls (
    origin TEXT NOT NULL,
    crawl_id INTEGER NOT NULL,
    PRIMARY KEY (origin, crawl_id)
);
"""

_JSON_COLUMNS = ("headings", "breadcrumbs", "fields")
# columns added to a table after stores were written without them: (table, column, type)
_ADDED_COLUMNS = (
    # the identity of the crawler that ran a crawl (crawler.identity); none: an older one
    ("crawls", "crawler", "TEXT"),
    # the crawl re-read its site in full because the crawler changed
    ("crawls", "reread", "INTEGER NOT NULL DEFAULT 0"),
    # a fleet worker's crawl (crawler.fleet): its pages may all be other workers'
    ("crawls", "fleet", "INTEGER NOT NULL DEFAULT 0"),
)


# a crawl that read its site: done or capped with some page read; or a fleet worker's crawl
# done without an error and no page (the other workers took them all: crawler.fleet). A
# single process that read no page (robots.txt disallows everything, the start page
# redirects off the site) ends the same way, and read nothing: no success
_SUCCESSFUL = ("(state IN ('done', 'partial') AND pages > 0 "
               "OR state = 'done' AND errors = 0 AND fleet = 1)")
# the same, in a store from before the ``fleet`` column opened read-only: no crawl in it
# is known to be a fleet worker's
_SUCCESSFUL_UNKNOWN_FLEET = "(state IN ('done', 'partial') AND pages > 0)"


def documents_db_path(data_dir: Path) -> Path:
    return Path(data_dir) / "documents.db"


class DocumentStore:
    """Crawled documents keyed by canonical URL, with HTTP validators for incremental recrawl."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.parent.is_dir():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        # on a read-only data dir: read only (crawl health for /api/health), see sikoja.sqlite
        self._db, self.read_only = connect(self.path)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA synchronous=NORMAL")
        adopted = self._has_table("catalog_entries")
        if self.read_only:
            with contextlib.suppress(sqlite3.OperationalError):  # only an empty one needs it
                self._db.executescript(SCHEMA)
        else:
            self._db.executescript(SCHEMA)
            self._add_columns()
            if not adopted:
                self._adopt_catalog_apps()
        # what counts as a successful crawl (``_SUCCESSFUL``), as far as this store can tell
        self._successful = (_SUCCESSFUL if "fleet" in self._columns("crawls")
                            else _SUCCESSFUL_UNKNOWN_FLEET)

    def _has_table(self, name: str) -> bool:
        return self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).fetchone() is not None

    def _add_columns(self) -> None:
        """A store written before a column existed gets it (empty: its default)."""
        for table, column, kind in _ADDED_COLUMNS:
            if column in self._columns(table):
                continue
            try:
                with self._lock, self._db:
                    self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
            except sqlite3.OperationalError as exc:
                # another process opening the same old store added it in between
                if "duplicate column" not in str(exc) or column not in self._columns(table):
                    raise

    def _columns(self, table: str) -> set[str]:
        return {r["name"] for r in self._db.execute(f"PRAGMA table_info({table})")}

    def _adopt_catalog_apps(self) -> None:
        """A store written before ``catalog_entries``: each live app document is its
        catalog's entry (so the next catalog crawl can still delist it)."""
        with self._lock, self._db:
            rows = self._db.execute(
                "SELECT * FROM documents WHERE kind = 'app' AND status = 'live'").fetchall()
            for row in rows:
                doc = _row_to_document(row)
                self._db.execute(
                    "INSERT OR IGNORE INTO catalog_entries (url, source, catalog_url, data, "
                    "content_hash, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (doc.url, doc.source, doc.parent_url or "", _dumps(asdict(doc)),
                     row["content_hash"], time.time()))

    @classmethod
    def open(cls, data_dir: Path) -> DocumentStore:
        return cls(documents_db_path(data_dir))

    def close(self) -> None:
        self._db.close()

    # -- documents ---------------------------------------------------------------------

    def upsert(
        self,
        doc: Document | MergedPage,
        *,
        etag: str | None = None,
        http_last_modified: str | None = None,
    ) -> bool:
        """Store ``doc``; return True when the document at its URL is new or changed.

        An app document (kind ``app``, as a catalog writes it) is its catalog's entry
        (``put_app``); anything else is a page, stored merged with the catalog entries at
        its URL (``with_catalog``). A :class:`MergedPage` is that merge, already made by a
        writer that compared it with the stored document first: written as it is."""
        if isinstance(doc, MergedPage):
            return self._write(doc.document, etag, http_last_modified)
        if doc.kind == "app" and not is_merged(doc):
            return self.put_app(doc) != "unchanged"
        return self._write(self.with_catalog(doc).document, etag, http_last_modified)

    def _write(self, doc: Document, etag: str | None, http_last_modified: str | None) -> bool:
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
        """A page answered 404/410 on recrawl: it leaves the index. True if it was live.

        A catalog app at the same URL stays: the document becomes the app as its catalog
        lists it. An app alone is the catalog's to remove (``remove_app``), not a site's."""
        row = self._db.execute(
            "SELECT * FROM documents WHERE url = ? AND status = 'live'", (url,)).fetchone()
        entries = self.catalog_entries(url) if row is not None else []
        if entries:
            if _live_page(row) is None:  # the catalog's app alone
                return False
            self._write(entries[0].document, None, None)
            return True
        return self._retire(url)

    def retire_of(self, url: str, source: str) -> bool:
        """Retire the page at ``url`` as ``mark_gone`` does (a catalog app there stays) if
        ``source`` still holds it (not once another source stored it as its own). True if
        it was live."""
        row = self._db.execute("SELECT source FROM documents WHERE url = ? AND status = 'live'",
                               (url,)).fetchone()
        return row is not None and row["source"] == source and self.mark_gone(url)

    def _retire(self, url: str) -> bool:
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
        """ETag, Last-Modified and content hash of a stored page, for conditional requests
        (with its status and when it was last fetched)."""
        row = self._db.execute(
            "SELECT etag, http_last_modified, content_hash, status, fetched_at, source "
            "FROM documents WHERE url = ?",
            (url,),
        ).fetchone()
        return dict(row) if row else None

    # -- catalog entries (see sikoja.apps) ---------------------------------------------

    def with_catalog(self, doc: Document) -> MergedPage:
        """The page ``doc`` as it is stored: merged with the other sources' catalog entries
        at its URL, or without any catalog part when there are none."""
        entries = [e for e in self.catalog_entries(doc.url) if e.source != doc.source]
        return MergedPage(merge(doc, entries))

    def catalog_entries(self, url: str) -> list[CatalogEntry]:
        """The catalogs' records of the app at ``url``, lead (first source by name) first."""
        rows = self._db.execute(
            "SELECT source, catalog_url, data FROM catalog_entries WHERE url = ? "
            "ORDER BY source", (url,)).fetchall()
        return [CatalogEntry(r["source"], r["catalog_url"],
                             Document.from_dict(json.loads(r["data"]))) for r in rows]

    def listed_urls(self, source: str) -> set[str]:
        """URLs of the apps catalog ``source`` listed in its last complete read."""
        rows = self._db.execute(
            "SELECT url FROM catalog_entries WHERE source = ?", (source,)).fetchall()
        return {r["url"] for r in rows}

    def put_app(self, doc: Document) -> str:
        """Record a catalog's app (``doc.parent_url`` is the catalog) and settle the
        document at its URL. Returns "stored", "changed" or "unchanged"."""
        digest = doc.content_hash()
        with self._lock, self._db:
            row = self._db.execute(
                "SELECT content_hash FROM catalog_entries WHERE url = ? AND source = ?",
                (doc.url, doc.source)).fetchone()
            if row is None or row["content_hash"] != digest:
                self._db.execute(
                    "INSERT OR REPLACE INTO catalog_entries (url, source, catalog_url, data, "
                    "content_hash, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (doc.url, doc.source, doc.parent_url or "", _dumps(asdict(doc)), digest,
                     time.time()))
        settled = self._settle(doc.url)
        if row is None:
            return "stored"
        return "changed" if settled or row["content_hash"] != digest else "unchanged"

    def remove_app(self, url: str, source: str) -> bool:
        """Catalog ``source`` no longer lists the app at ``url``: its part leaves the page
        there, or the app document leaves the index. True if the document changed."""
        with self._lock, self._db:
            cur = self._db.execute(
                "DELETE FROM catalog_entries WHERE url = ? AND source = ?", (url, source))
        return self._settle(url) if cur.rowcount else False

    def _settle(self, url: str) -> bool:
        """Rewrite the document at ``url`` from its parts: the live page there (if any)
        merged with the catalog entries, else the lead entry, else nothing (gone)."""
        row = self._db.execute("SELECT * FROM documents WHERE url = ?", (url,)).fetchone()
        page = _live_page(row)
        if page is not None:
            return self.upsert(self.with_catalog(page), etag=row["etag"],
                               http_last_modified=row["http_last_modified"])
        entries = self.catalog_entries(url)
        if entries:
            return self._write(entries[0].document, None, None)
        return self._retire(url)

    def is_catalog_only(self, url: str) -> bool:
        """The live document at ``url`` is a catalog's app alone, no site's page: a page
        written over it is new to the store, not a change of it."""
        row = self._db.execute("SELECT * FROM documents WHERE url = ?", (url,)).fetchone()
        return row is not None and row["status"] == "live" and _live_page(row) is None

    def is_listed(self, url: str, source: str) -> bool:
        return self._db.execute(
            "SELECT 1 FROM catalog_entries WHERE url = ? AND source = ?", (url, source)
        ).fetchone() is not None

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

    def iter_pages(self) -> Iterator[tuple[Document, str | None, str | None]]:
        """Every live page a site published (its catalog part aside), with its ETag and
        Last-Modified: what a merge of several crawls' stores copies (``crawler.merge``)."""
        cursor = self._db.cursor()
        cursor.execute("SELECT * FROM documents WHERE status = 'live' ORDER BY url")
        while rows := cursor.fetchmany(500):
            for row in rows:
                page = _live_page(row)
                if page is not None:
                    yield own_part(page), row["etag"], row["http_last_modified"]

    def iter_catalog_apps(self) -> Iterator[Document]:
        """Every catalog's record of an app, as the catalog wrote it (``put_app``)."""
        cursor = self._db.cursor()
        cursor.execute("SELECT data FROM catalog_entries ORDER BY url, source")
        while rows := cursor.fetchmany(500):
            for row in rows:
                yield Document.from_dict(json.loads(row["data"]))

    def iter_documents_at(self, urls: Iterable[str]) -> Iterator[Document]:
        """The live documents at ``urls``, in URL order, read by key: an update of 1% of a
        million documents reads that 1%, not the whole store."""
        ordered = sorted(set(urls))
        for start in range(0, len(ordered), 500):
            batch = ordered[start:start + 500]
            rows = self._db.execute(
                f"SELECT * FROM documents WHERE status = 'live' AND url IN "
                f"({','.join('?' * len(batch))}) ORDER BY url", batch).fetchall()
            for row in rows:
                yield _row_to_document(row)

    def index_keys(self) -> dict[str, str]:
        """url -> what decides whether the index must redo a document: its content hash
        and its near-duplicate group (set after the crawl, outside the content)."""
        rows = self._db.execute(
            "SELECT url, content_hash, group_id FROM documents WHERE status = 'live'"
        ).fetchall()
        return {r["url"]: index_key(r["content_hash"], r["group_id"]) for r in rows}

    def titles(self, sources: Iterable[str] | None = None) -> Iterator[tuple[str, str, str]]:
        """(url, source, title) of every live document (of ``sources`` only, when given),
        streamed: what the index compares a site's pages by (``indexer.site_words``)."""
        cursor = self._db.cursor()
        if sources is None:
            cursor.execute("SELECT url, source, title FROM documents WHERE status = 'live'")
        else:
            wanted = sorted(set(sources))
            cursor.execute("SELECT url, source, title FROM documents WHERE status = 'live' "
                           f"AND source IN ({','.join('?' * len(wanted))})", wanted)
        while rows := cursor.fetchmany(500):
            for row in rows:
                yield row["url"], row["source"], row["title"]

    def urls_for_source(self, source: str) -> set[str]:
        rows = self._db.execute(
            "SELECT url FROM documents WHERE source = ? AND status = 'live'", (source,)
        ).fetchall()
        return {r["url"] for r in rows}

    def live_urls_under(self, prefixes: Iterable[str]) -> set[str]:
        """URLs of the live site pages starting with one of ``prefixes``, whoever's; a
        catalog's app alone there (``is_catalog_only``) is no site's page and left out.

        Read by the URL key: ``+status`` keeps SQLite off the status index, which would walk
        every live row of the store (EXPLAIN QUERY PLAN: "SEARCH documents USING INDEX
        sqlite_autoindex_documents_1 (url>? AND url<?)")."""
        urls: set[str] = set()
        for prefix in prefixes:
            end = prefix[:-1] + chr(ord(prefix[-1]) + 1)
            rows = self._db.execute(
                "SELECT url, kind, CASE WHEN kind = 'app' THEN fields END AS fields "
                "FROM documents WHERE url >= ? AND url < ? AND +status = 'live'",
                (prefix, end)).fetchall()
            urls.update(r["url"] for r in rows
                        if r["kind"] != "app"
                        or isinstance(json.loads(r["fields"] or "{}").get(APP_KEY), dict))
        return urls

    def count(self) -> int:
        return self._db.execute(
            "SELECT COUNT(*) FROM documents WHERE status = 'live'"
        ).fetchone()[0]

    # -- crawl history -----------------------------------------------------------------

    def start_crawl(self, source: str, *, crawler: str | None = None,
                    reread: bool = False, fleet: bool = False) -> int:
        """A crawl of ``source`` begins, run by the crawler whose identity is ``crawler``
        (``crawler.identity``); ``reread``: it reads the site in full, unconditionally;
        ``fleet``: run by a worker of a shared crawl (``crawler.fleet``), whose pages the
        other workers may all take."""
        with self._lock, self._db:
            cur = self._db.execute(
                "INSERT INTO crawls (source, started_at, crawler, reread, fleet) "
                "VALUES (?, ?, ?, ?, ?)",
                (source, time.time(), crawler, int(reread), int(fleet)),
            )
        return int(cur.lastrowid)

    def last_successful_crawl(self, source: str) -> sqlite3.Row | None:
        """The latest crawl of ``source`` that read its site (``_SUCCESSFUL``): the one rule
        for what counts as a success, for the re-read decision and the site-health report's
        "berhasil terakhir" (``crawler.reports``) alike."""
        return self._db.execute(
            f"SELECT * FROM crawls WHERE source = ? AND {self._successful} "
            "ORDER BY id DESC LIMIT 1", (source,)).fetchone()

    def needs_reread(self, source: str, crawler: str) -> bool:
        """Were ``source``'s stored pages read by another crawler than ``crawler``? True
        when its last successful crawl (``_SUCCESSFUL``) was another's, or an older one's
        that recorded none; or when it has pages but no successful crawl.

        Only a successful crawl counts: one that failed or stopped early recorded its
        crawler but did not read the whole site, so the next crawl re-reads it again."""
        row = self.last_successful_crawl(source)
        if row is not None:  # a read-only store from before the column: an older crawler's
            return (row["crawler"] if "crawler" in row.keys() else None) != crawler
        return self._db.execute("SELECT 1 FROM documents WHERE source = ? AND "
                                "status = 'live' LIMIT 1", (source,)).fetchone() is not None

    def read_since(self, source: str, crawler: str) -> int | None:
        """Since when ``crawler`` has read ``source``: the start of the first of the
        successful crawls it ran in a row, up to the last one (None: not the last one's).

        A page stored here but fetched before then was read by another crawler: in a fleet
        another worker fetched it in the re-read (``crawler.fleet``), and this store keeps
        the older copy; asked for conditionally, its 304 would make that copy the newest
        fetch and win the merge (``crawler.merge``). In whole seconds, as a page's
        ``fetched_at`` is written."""
        since = None
        for row in self._db.execute(
                f"SELECT crawler, started_at FROM crawls WHERE source = ? AND {self._successful} "
                "ORDER BY id DESC", (source,)):
            if row["crawler"] != crawler:
                break
            since = int(row["started_at"])
        return since

    def finish_crawl(self, crawl_id: int, *, pages: int, errors: int, state: str = "done") -> None:
        with self._lock, self._db:
            self._db.execute(
                "UPDATE crawls SET finished_at = ?, pages = ?, errors = ?, state = ? WHERE id = ?",
                (time.time(), pages, errors, state, crawl_id),
            )

    def interrupt_running_crawls(self) -> int:
        """Close the crawls a killed crawl process left "running": "interrupted", finished
        at their last fetch, with the pages and errors their fetch log shows. Only call it
        holding the data dir's crawl lock (no crawl can be running then)."""
        with self._lock, self._db:
            cur = self._db.execute(
                """
                UPDATE crawls SET state = 'interrupted',
                    finished_at = COALESCE((SELECT MAX(at) FROM fetch_log
                                            WHERE crawl_id = crawls.id), started_at),
                    pages = (SELECT COUNT(*) FROM fetch_log WHERE crawl_id = crawls.id
                             AND outcome IN ('ok', 'unchanged')),
                    errors = (SELECT COUNT(*) FROM fetch_log WHERE crawl_id = crawls.id
                              AND outcome = 'error')
                WHERE state = 'running'
                """)
        return cur.rowcount

    def import_crawl(self, origin: str, crawl: Any, fetches: list[Any]) -> bool:
        """Copy a finished crawl of another store (``origin``) with its fetch log, once:
        False when it was copied before (``crawler.merge``)."""
        with self._lock, self._db:
            if self._db.execute("SELECT 1 FROM imported_crawls WHERE origin = ? AND "
                                "crawl_id = ?", (origin, crawl["id"])).fetchone():
                return False
            new_id = self._db.execute(
                "INSERT INTO crawls (source, started_at, finished_at, pages, errors, state, "
                "crawler, reread, fleet) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (crawl["source"], crawl["started_at"], crawl["finished_at"], crawl["pages"],
                 crawl["errors"], crawl["state"], _get(crawl, "crawler"),
                 _get(crawl, "reread") or 0, _get(crawl, "fleet") or 0)).lastrowid
            self._db.executemany(
                "INSERT INTO fetch_log (crawl_id, source, url, status, outcome, reason, "
                "elapsed_ms, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(new_id, f["source"], f["url"], f["status"], f["outcome"], f["reason"],
                  f["elapsed_ms"], f["at"]) for f in fetches])
            self._db.execute("INSERT INTO imported_crawls (origin, crawl_id) VALUES (?, ?)",
                             (origin, crawl["id"]))
        return True

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

    def relog_fetch(self, *, crawl_id: int | None, url: str, outcome: str,
                    reason: str | None) -> bool:
        """Change what this crawl's fetch of ``url`` came to (a page stored, then found to
        repeat another: ``crawler.twins``); False when this crawl did not store it."""
        with self._lock, self._db:
            cur = self._db.execute(
                "UPDATE fetch_log SET outcome = ?, reason = ? WHERE crawl_id IS ? AND url = ? "
                "AND outcome = 'ok'", (outcome, reason, crawl_id, url))
        return cur.rowcount > 0

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        """Read-only helper for reports."""
        return self._db.execute(sql, params).fetchall()


@dataclass(frozen=True)
class MergedPage:
    """A page merged with the catalog entries at its URL (``DocumentStore.with_catalog``):
    the document the store writes for it. A writer that needs it before writing (to compare
    with what is stored) passes it to ``upsert``, so each write merges once, not twice."""

    document: Document


def _get(row: Any, key: str) -> Any:
    """``row[key]``, or None from a store read before that column existed."""
    return row[key] if key in row.keys() else None


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _live_page(row: sqlite3.Row | None) -> Document | None:
    """The live page a ``documents`` row holds (merged with its catalog part, if any);
    None for no row, a gone one, or a catalog-only app (which never carries that part)."""
    if row is None or row["status"] != "live":
        return None
    doc = _row_to_document(row)
    return doc if doc.kind != "app" or is_merged(doc) else None


def _row_to_document(row: sqlite3.Row) -> Document:
    data = dict(row)
    for key in _JSON_COLUMNS:
        data[key] = json.loads(data[key] or ("{}" if key == "fields" else "[]"))
    return Document.from_dict(data)
