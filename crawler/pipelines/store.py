"""The single writer of a crawl: documents into the store, every fetch into the fetch log.

Each item is written as it arrives (one small SQLite transaction), so memory stays flat
however big the site, and a crawl killed midway has stored everything it fetched.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.boilerplate import learn_template, strip_template
from crawler.canonical import slash_alias
from crawler.items import (
    CATALOG,
    ERROR,
    GONE,
    OK,
    SKIPPED,
    UNCHANGED,
    FetchedDocument,
    FetchOutcome,
)
from crawler.linkstore import LinkStore
from sikoja.store import DocumentStore

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler


class StorePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.store = DocumentStore.open(Path(crawler.settings["SIKOJA_DATA_DIR"]))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def close_spider(self, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        try:
            if getattr(spider, "learns_template", False):
                self._refresh_template(spider.source.name)
        finally:
            self.store.close()

    def _refresh_template(self, source: str) -> None:
        """Learn the site's template lines from all its live pages (this crawl's and those
        revalidated by 304) and take them out of the stored texts (``crawler.boilerplate``)."""
        links = LinkStore.open(Path(self.crawler.settings["SIKOJA_DATA_DIR"]))
        try:
            live = self.store.urls_for_source(source)
            template = learn_template(links.page_lines(source, live))
            links.save_template(source, template)
        finally:
            links.close()
        if not template:
            return
        for url in sorted(live):
            doc = self.store.get(url)
            if doc is None or doc.kind in ("app", "document"):
                continue
            text = strip_template(doc.text, template)
            if text != doc.text:
                validators = self.store.validators(url) or {}
                doc.text = text
                self.store.upsert(doc, etag=validators.get("etag"),
                                  http_last_modified=validators.get("http_last_modified"))

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        spider = spider or self.crawler.spider
        source = spider.source.name
        crawl_id = spider.crawl_id
        board = getattr(spider, "board", None)
        if isinstance(item, FetchedDocument):
            outcome, counter = self._store_document(item)
            # reason tells a new document from a changed one, and a page the app catalog
            # describes from a page seen before, for the crawl summary
            self.store.log_fetch(crawl_id=crawl_id, source=source, url=item.fetched_url,
                                 status=item.status, outcome=outcome,
                                 reason=counter if outcome == OK or counter == CATALOG else None,
                                 elapsed_ms=item.elapsed_ms)
        elif isinstance(item, FetchOutcome):
            outcome, counter = self._apply_outcome(item)
            self.store.log_fetch(crawl_id=crawl_id, source=source, url=item.url,
                                 status=item.status, outcome=outcome, reason=item.reason,
                                 elapsed_ms=item.elapsed_ms)
        else:
            return item
        if board is not None:
            board.count(source, counter)
        return item

    def _store_document(self, item: FetchedDocument) -> tuple[str, str]:
        doc = item.document
        if doc.kind != "app" and self._is_catalog_app(doc.url, doc.source):
            # The app catalog is the authority on an app; the app's own web page (often on
            # the Diskominfo site) would otherwise replace the app entry on every crawl.
            self.store.touch(doc.url, fetched_at=doc.fetched_at or "")
            return UNCHANGED, CATALOG  # not "same": a first crawl has nothing to compare
        previous = self.store.validators(doc.url)
        if previous and previous["status"] == "live" and (
            previous["content_hash"] == doc.content_hash()
        ):
            if (previous["etag"], previous["http_last_modified"]) == (
                item.etag, item.http_last_modified
            ):
                self.store.touch(doc.url, fetched_at=doc.fetched_at or "")
            else:
                # same content, new validators: keep them for the next conditional GET
                self.store.upsert(doc, etag=item.etag, http_last_modified=item.http_last_modified)
            return UNCHANGED, "unchanged"
        self.store.upsert(doc, etag=item.etag, http_last_modified=item.http_last_modified)
        if not previous:
            self._retire_alias(doc.url, doc.source)
        return OK, ("changed" if previous else "stored")

    def _retire_alias(self, url: str, source: str) -> None:
        """The same page stored under its other trailing-slash spelling (an older crawl
        stripped slashes, or the site changed its links) leaves the index: the crawler
        fetches one URL per ``url_key``, so the alias would otherwise stay live forever."""
        alias = slash_alias(url)
        if alias is None:
            return
        rows = self.store.query("SELECT 1 FROM documents WHERE url = ? AND source = ? AND "
                                "status = 'live'", (alias, source))
        if rows:
            self.store.mark_gone(alias)

    def _is_catalog_app(self, url: str, source: str) -> bool:
        rows = self.store.query(
            "SELECT 1 FROM documents WHERE url = ? AND kind = 'app' AND source != ? "
            "AND status = 'live'", (url, source))
        return bool(rows)

    def _apply_outcome(self, item: FetchOutcome) -> tuple[str, str]:
        if item.outcome == UNCHANGED:
            from crawler.extract.document import now_iso

            self.store.touch(item.document_url or item.url, fetched_at=now_iso())
            return UNCHANGED, "unchanged"
        if item.outcome == GONE:
            if self.store.mark_gone(item.document_url or item.url):
                return GONE, "gone"
            # a broken link to a page we never had is the site's error, not a removal
            item.reason = item.reason or f"http 4xx: HTTP {item.status}"
            return ERROR, "errors"
        if item.outcome == SKIPPED:
            return SKIPPED, "skipped"
        return ERROR, "errors"

