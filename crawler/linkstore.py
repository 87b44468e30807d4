"""What a page linked to and the URL it was fetched from, kept between crawls.

A 304 answer has no body, so without this an unchanged home page would end the recrawl
right there: nothing below it would be discovered. Each HTML page's in-scope links are
saved here (``data_dir/crawl-state/links.db``, crawler-private, SQLite so memory stays
flat), and a 304 follows the links saved last time. The fetched URL is kept because the
stored document URL is canonical (``/?page_id=5``) and some servers only answer the form
they link to (``/index.php?page_id=5``); revalidation asks for that form.

Each page's kind and main-text line fingerprints are kept too, and per source the template
lines learned from them (see ``crawler.boilerplate``): a page that answers 304 still counts
in what the site repeats. Likewise each page's title evidence (its ``<title>``, og:title,
headings) and per source the title segments the site repeats (``crawler.sitetitles``), and
the lines each value of its service fields was read from (``crawler.boilerplate``). The
links of its main block are kept too, where a service page links its Standar Pelayanan PDF
(see ``crawler.standards``), 304 or not. And per source the canonical URLs its pages were
found to share while saying different things (``crawler.canonicals``): the next crawl
stores those pages at their own URLs from the start.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sikoja.sqlite import Schema, connect

SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    key TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    fetched_url TEXT NOT NULL,
    links TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS templates (
    source TEXT PRIMARY KEY,
    lines TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS site_titles (
    source TEXT PRIMARY KEY,
    data TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS template_canonicals (
    source TEXT NOT NULL,
    url TEXT NOT NULL,
    PRIMARY KEY (source, url)
);
CREATE TABLE IF NOT EXISTS home_robots (
    source TEXT PRIMARY KEY,
    directives TEXT NOT NULL DEFAULT '[]'
);
"""
# columns added after the first release: (name, definition)
_ADDED_COLUMNS = (("kind", "TEXT"), ("lines", "TEXT NOT NULL DEFAULT '[]'"),
                  ("title", "TEXT"), ("content", "TEXT NOT NULL DEFAULT '[]'"))


def _add_columns(db: sqlite3.Connection) -> None:
    """Version 1: the columns added to ``pages`` before versions were kept (a file of
    version 0 may have some of them already)."""
    present = {row[1] for row in db.execute("PRAGMA table_info(pages)")}
    for name, definition in _ADDED_COLUMNS:
        if name not in present:
            db.execute(f"ALTER TABLE pages ADD COLUMN {name} {definition}")


_SCHEMA = Schema(SCHEMA, migrations=(
    _add_columns,
    # version 2: the lines each service field value was read from (crawler.boilerplate)
    "ALTER TABLE pages ADD COLUMN field_lines TEXT NOT NULL DEFAULT '{}'",
    # version 3: the service sections of a page its own rule did not make a service, for the
    # site-level step that may (crawler.siblings)
    "ALTER TABLE pages ADD COLUMN sections TEXT NOT NULL DEFAULT '{}'",
    # version 4: the frames a page's content shows (crawler.standards takes their fields)
    "ALTER TABLE pages ADD COLUMN embeds TEXT NOT NULL DEFAULT '[]'",
))
MAX_LINKS = 1000


class LinkStore:
    def __init__(self, path: Path) -> None:
        self._db, _ = connect(path, schema=_SCHEMA, synchronous="NORMAL")

    @classmethod
    def open(cls, data_dir: Path | str) -> LinkStore:
        return cls(Path(data_dir) / "crawl-state" / "links.db")

    def close(self) -> None:
        self._db.close()

    def save(self, key: str, *, source: str, fetched_url: str,
             links: list[tuple[str, str]], kind: str | None = None,
             lines: list[int] | None = None, title: dict[str, Any] | None = None,
             content: list[tuple[str, str]] | None = None,
             field_lines: dict[str, list[int]] | None = None,
             sections: dict[str, Any] | None = None,
             embeds: list[tuple[str, str, bool]] | None = None) -> None:
        """``title``: the page's title evidence with its document URL under "url";
        ``content``: the links of the page's main block (a subset of ``links``);
        ``field_lines``: the lines its service field values (or ``sections``) were read
        from; ``sections``: the service sections of a page not stored as a service;
        ``embeds``: the frames its content shows (a published document, a file viewer),
        each with whether only an attribute or a script names it (``Link.loose``)."""
        with self._db:
            self._db.execute(
                "INSERT INTO pages (key, source, fetched_url, links, kind, lines, title, content, "
                "field_lines, sections, embeds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET source = excluded.source, "
                "fetched_url = excluded.fetched_url, links = excluded.links, "
                "kind = excluded.kind, lines = excluded.lines, title = excluded.title, "
                "content = excluded.content, field_lines = excluded.field_lines, "
                "sections = excluded.sections, embeds = excluded.embeds",
                (key, source, fetched_url,
                 json.dumps(links[:MAX_LINKS], ensure_ascii=False), kind,
                 json.dumps(lines or []),
                 json.dumps(title, ensure_ascii=False) if title is not None else None,
                 json.dumps((content or [])[:MAX_LINKS], ensure_ascii=False),
                 json.dumps(field_lines or {}, ensure_ascii=False, sort_keys=True),
                 json.dumps(sections or {}, ensure_ascii=False, sort_keys=True),
                 json.dumps([[u, t, True] if loose else [u, t]
                             for u, t, loose in (embeds or [])[:MAX_LINKS]],
                            ensure_ascii=False)),
            )

    def source_links(
        self, source: str
    ) -> Iterator[tuple[str, list[tuple[str, str]], list[tuple[str, str]]]]:
        """(key, all links, main-block links) of each saved page of ``source``."""
        rows = self._db.execute("SELECT key, links, content FROM pages WHERE source = ? "
                                "ORDER BY key", (source,))
        for key, links, content in rows:
            yield (key, [(u, t) for u, t in json.loads(links)],
                   [(u, t) for u, t in json.loads(content)])

    def embeds(self, source: str) -> dict[str, list[tuple[str, str, bool]]]:
        """The frames each saved page of ``source`` shows in its content, by page key
        (pages showing none left out), each with whether only an attribute or a script
        names it."""
        rows = self._db.execute("SELECT key, embeds FROM pages WHERE source = ? AND "
                                "embeds != '[]'", (source,))
        return {key: [(u, t, bool(rest and rest[0])) for u, t, *rest in json.loads(embeds)]
                for key, embeds in rows}

    def page_lines(self, source: str, keys: set[str]) -> Iterator[tuple[str, list[int]]]:
        """(kind, line fingerprints) of the pages of ``source`` whose key is in ``keys``."""
        rows = self._db.execute(
            "SELECT key, kind, lines FROM pages WHERE source = ? AND kind IS NOT NULL",
            (source,))
        for key, kind, lines in rows:
            if key in keys:
                yield kind, json.loads(lines)

    def page_titles(self, source: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """(document URL, title evidence) of the pages of ``source`` that have one (a store
        from before titles were kept has none until the page is fetched again). A page that
        declared a template canonical is stored at the URL it was fetched at, and so is its
        title evidence (a post's title on the news index it named took the index's)."""
        lies = self.template_canonicals(source)
        rows = self._db.execute("SELECT key, fetched_url, title FROM pages WHERE source = ? "
                                "AND title IS NOT NULL", (source,))
        for key, fetched_url, title in rows:
            data = json.loads(title)
            url = data.get("url") or key
            yield (fetched_url if url in lies and fetched_url != url else url), data

    def stored_urls(self, source: str) -> Iterator[tuple[str, str, str]]:
        """(key, URL fetched, document URL) of each saved page of ``source`` with title
        evidence: where a link the crawl followed (a shortlink, a redirect) was stored."""
        rows = self._db.execute("SELECT key, fetched_url, title FROM pages WHERE source = ? "
                                "AND title IS NOT NULL", (source,))
        for key, fetched_url, title in rows:
            url = json.loads(title).get("url")
            if url:
                yield key, fetched_url, url

    def field_lines(self, key: str) -> dict[str, list[int]]:
        """One page's saved ``field_lines`` ({} when none were saved)."""
        row = self._db.execute("SELECT field_lines FROM pages WHERE key = ?",
                               (key,)).fetchone()
        return json.loads(row[0]) if row else {}

    def sections(self, key: str) -> dict[str, Any]:
        """One page's saved service sections ({} when it had none or is a service)."""
        row = self._db.execute("SELECT sections FROM pages WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else {}

    def title_evidence(self, key: str) -> dict[str, Any]:
        """One page's saved title evidence ({} when none was saved)."""
        row = self._db.execute("SELECT title FROM pages WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row and row[0] else {}

    def site_titles(self, source: str) -> dict[str, Any]:
        row = self._db.execute("SELECT data FROM site_titles WHERE source = ?",
                               (source,)).fetchone()
        return json.loads(row[0]) if row else {}

    def save_site_titles(self, source: str, data: dict[str, Any]) -> None:
        with self._db:
            self._db.execute(
                "INSERT INTO site_titles (source, data) VALUES (?, ?) "
                "ON CONFLICT(source) DO UPDATE SET data = excluded.data",
                (source, json.dumps(data, ensure_ascii=False, sort_keys=True)))

    def template(self, source: str) -> frozenset[int]:
        row = self._db.execute("SELECT lines FROM templates WHERE source = ?",
                               (source,)).fetchone()
        return frozenset(json.loads(row[0])) if row else frozenset()

    def save_template(self, source: str, lines: frozenset[int]) -> None:
        with self._db:
            self._db.execute(
                "INSERT INTO templates (source, lines) VALUES (?, ?) "
                "ON CONFLICT(source) DO UPDATE SET lines = excluded.lines",
                (source, json.dumps(sorted(lines))))

    def template_canonicals(self, source: str) -> frozenset[str]:
        rows = self._db.execute("SELECT url FROM template_canonicals WHERE source = ?",
                                (source,))
        return frozenset(r[0] for r in rows)

    def save_template_canonicals(self, source: str, urls: set[str]) -> None:
        with self._db:
            self._db.executemany("INSERT OR IGNORE INTO template_canonicals (source, url) "
                                 "VALUES (?, ?)", [(source, u) for u in sorted(urls)])

    def home_robots(self, source: str) -> frozenset[str] | None:
        """The robots directives ``source``'s home page had when last fetched in full
        (None: never saved), for a crawl whose home answers 304."""
        row = self._db.execute("SELECT directives FROM home_robots WHERE source = ?",
                               (source,)).fetchone()
        return frozenset(json.loads(row[0])) if row else None

    def save_home_robots(self, source: str, directives: frozenset[str]) -> None:
        with self._db:
            self._db.execute(
                "INSERT INTO home_robots (source, directives) VALUES (?, ?) "
                "ON CONFLICT(source) DO UPDATE SET directives = excluded.directives",
                (source, json.dumps(sorted(directives))))

    def absorb(self, other: Path) -> int:
        """Copy the pages saved in another links file (a shared crawl's worker, merged by
        ``crawler.merge``); returns how many. Templates and titles are learned again from
        the whole site afterwards, so only pages (with template canonicals and the homes'
        robots directives) are copied."""
        columns = ("key, source, fetched_url, links, kind, lines, title, content, field_lines, "
                   "sections, embeds")
        source = LinkStore(other)  # brings an older file up to this schema first
        source.close()
        self._db.execute("ATTACH DATABASE ? AS other", (str(other),))
        try:
            with self._db:
                cur = self._db.execute(f"INSERT OR REPLACE INTO pages ({columns}) "
                                       f"SELECT {columns} FROM other.pages")
                # what a worker's pages showed of the template's canonicals stays true
                self._db.execute("INSERT OR IGNORE INTO template_canonicals "
                                 "SELECT source, url FROM other.template_canonicals")
                # the worker that fetched a home in full knows its robots directives
                self._db.execute("INSERT OR REPLACE INTO home_robots "
                                 "SELECT source, directives FROM other.home_robots")
        finally:
            self._db.execute("DETACH DATABASE other")
        return cur.rowcount

    def add_links(self, key: str, links: list[tuple[str, str]]) -> None:
        """Add to a saved page's links those found after it was saved (where a script file
        it loads sends its handlers), once each; nothing for a page not saved."""
        with self._db:
            row = self._db.execute("SELECT links FROM pages WHERE key = ?", (key,)).fetchone()
            if row is None:
                return
            saved = [(u, t) for u, t in json.loads(row[0])]
            known = {u for u, _ in saved}
            saved += [(u, t) for u, t in links if u not in known and not known.add(u)]
            self._db.execute("UPDATE pages SET links = ? WHERE key = ?",
                             (json.dumps(saved[:MAX_LINKS], ensure_ascii=False), key))

    def links(self, key: str) -> list[tuple[str, str]]:
        row = self._db.execute("SELECT links FROM pages WHERE key = ?", (key,)).fetchone()
        return [(u, t) for u, t in json.loads(row[0])] if row else []

    def fetched_url(self, key: str) -> str | None:
        row = self._db.execute("SELECT fetched_url FROM pages WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None
