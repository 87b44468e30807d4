"""The single writer of a crawl: documents into the store, every fetch into the fetch log.

Each item is written as it arrives (one small SQLite transaction), so memory stays flat
however big the site, and a crawl killed midway has stored everything it fetched.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.canonicals import CanonicalClaims
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
from crawler.ownpages import still_retired
from crawler.siblings import restore
from crawler.site import settle_source
from crawler.twins import kept_twin
from sikoja.documents import Document
from sikoja.store import DocumentStore, MergedPage
from sikoja.urls import slash_alias

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler


class StorePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.store = DocumentStore.open(Path(crawler.settings["SIKOJA_DATA_DIR"]))
        # document URLs this crawl wrote or confirmed: the same page fetched again under
        # another spelling (/node/12 and ?q=node/12) is one page, counted once
        self.written: set[str] = set()
        # where each page this crawl stored or confirmed was served (document URL -> served
        # URL): a claimant is moved off a URL only if this crawl put it there
        self.placed: dict[str, str] = {}
        # who claimed each document URL: a canonical two different pages declare is the
        # template's (crawler.canonicals)
        self.claims = CanonicalClaims()
        # per source, the listing rows whose own page stands in for them, weighed once per
        # crawl for the rows arriving again (crawler.ownpages.still_retired)
        self.stand_ins: dict[str, set[str]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def close_spider(self, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        try:
            # A fleet worker's store holds only its part of each site: the site-level steps
            # compare a site's pages with each other, and one learned from a part decides
            # differently from the whole (a template line stripped from one copy of a Joomla
            # article made it differ from its twin, which no later step can restore). They
            # run once, over the whole site, when the workers' stores are merged
            # (``crawler.merge``).
            fleet_worker = bool(self.crawler.settings.get("SIKOJA_FRONTIER"))
            # what waited for every page to be read: a document viewer's verdict depends on
            # whether its document was (crawler.spiders.website ``settle_viewers``)
            for item in getattr(spider, "settle_viewers", lambda store: ())(self.store):
                self.process_item(item, spider)
            if getattr(spider, "learns_template", False):
                links = LinkStore.open(Path(self.crawler.settings["SIKOJA_DATA_DIR"]))
                try:
                    # what one page could not tell, for the next crawl's pages as they come
                    links.save_template_canonicals(spider.source.name, self.claims.lies)
                    if not fleet_worker:
                        settle_source(self.store, links, spider.source.name, spider.crawl_id)
                finally:
                    links.close()
        finally:
            self.store.close()

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        spider = spider or self.crawler.spider
        source = spider.source.name
        crawl_id = spider.crawl_id
        board = getattr(spider, "board", None)
        served = self._place(item) if isinstance(item, FetchedDocument) else None
        # the page as the store would hold it, merged with the catalog at its URL once for
        # the twin check, the comparison and the write (None: an app, or written already)
        page = self._merged(item.document) if isinstance(item, FetchedDocument) else None
        duplicate_of = (self._duplicate_of(item.document, page)
                        if isinstance(item, FetchedDocument) else None)
        if duplicate_of is not None:
            outcome, counter = SKIPPED, "skipped"
            self.store.log_fetch(crawl_id=crawl_id, source=source, url=item.fetched_url,
                                 status=item.status, outcome=outcome,
                                 reason=f"duplicate: the page at {duplicate_of}",
                                 elapsed_ms=item.elapsed_ms)
        elif isinstance(item, FetchedDocument):
            outcome, counter = (
                (UNCHANGED, "unchanged")
                # a listing's row retired for its own page stays so (crawler.ownpages)
                if page is not None and still_retired(
                    self.store, getattr(spider, "linkstore", None), item.document,
                    self.stand_ins)
                else self._store_document(item, page))
            if item.document.kind != "app":
                self.written.add(item.document.url)
                self.placed[item.document.url] = served or item.document.url
            # reason tells a new document from a changed one, and a page the app catalog
            # describes from a page seen before, for the crawl summary
            self.store.log_fetch(crawl_id=crawl_id, source=source, url=item.fetched_url,
                                 status=item.status, outcome=outcome,
                                 reason=counter if outcome == OK or counter == CATALOG else None,
                                 elapsed_ms=item.elapsed_ms)
        elif isinstance(item, FetchOutcome):
            outcome, counter = self._apply_outcome(item, source)
            self.store.log_fetch(crawl_id=crawl_id, source=source, url=item.url,
                                 status=item.status, outcome=outcome, reason=item.reason,
                                 elapsed_ms=item.elapsed_ms)
        else:
            return item
        if board is not None:
            board.count(source, counter)
        return item

    def _place(self, item: FetchedDocument) -> str | None:
        """Store a page at the canonical URL it declares unless the site's other pages show
        that canonical is the template's (``crawler.canonicals``); then the page, and any
        earlier one stored there on the same claim, keep the URLs they were served at.
        Returns the URL the page was served at, if it is known."""
        doc = item.document
        served = item.served_url or (doc.url if doc.url == item.fetched_url else None)
        if doc.kind == "app" or served is None or "#" in doc.url:
            return served
        if served != doc.url and doc.url not in self.claims.claims:
            # the page stored at this URL (it answered 304, or has not come yet) claims it
            # first: a page declaring it is compared with it, in whatever order they come
            self._claim_stored(doc.url, doc.source)
        verdict = self.claims.arrive(doc, served)
        if verdict.move is not None:
            self._move(doc.url, verdict.move.served, free=verdict.free)
        if verdict.url != doc.url:
            item.document = replace(doc, url=verdict.url)
        return served

    def _claim_stored(self, url: str, source: str) -> None:
        """The live page of ``source`` an earlier crawl stored at ``url`` claims it."""
        if url in self.claims.lies:
            return
        validators = self.store.validators(url)
        stored = self.store.get(url) if validators and validators["status"] == "live" else None
        if stored is not None and stored.kind != "app" and stored.source == source:
            self.claims.arrive(stored, url, stored=True)

    def _move(self, url: str, to: str, *, free: bool) -> None:
        """The page stored at ``url`` on a template canonical goes back to ``to``, its own
        URL; with ``free``, no page of the site lives at ``url``, which leaves the index.
        Only a claimant this crawl stored there moves: what another crawl stored, or a page
        that answered 304 at ``url``, is not the claimant's text."""
        if self.placed.get(url) != to:
            return
        del self.placed[url]
        self.placed[to] = to
        stored = self.store.get(url)
        if stored is not None:
            validators = self.store.validators(url) or {}
            self.store.upsert(replace(stored, url=to), etag=validators.get("etag"),
                              http_last_modified=validators.get("http_last_modified"))
            self.written.add(to)
        self.written.discard(url)
        if free:
            self.store.mark_gone(url)

    def _merged(self, doc: Document) -> MergedPage | None:
        if doc.kind == "app" or doc.url in self.written:
            return None
        return self.store.with_catalog(doc)

    def _duplicate_of(self, doc: Document, page: MergedPage | None) -> str | None:
        """The page this fetch repeats: its own URL written earlier in this crawl (another
        spelling of it), or a stored twin kept over it (``crawler.twins.kept_twin``), which
        it then also leaves the index for if an earlier crawl stored it."""
        if doc.url in self.written:
            return doc.url
        if page is None or "#" in doc.url:
            return None
        twin = kept_twin(self.store, page.document)
        if twin is not None:
            self.store.mark_gone(doc.url)
        return twin

    def _store_document(self, item: FetchedDocument,
                        page: MergedPage | None) -> tuple[str, str]:
        if page is None:
            # a catalog's app: kept as that catalog's entry and merged into the page at its
            # URL, if a site has one (sikoja.apps); it never replaces the page
            state = self.store.put_app(item.document)
            return (UNCHANGED, state) if state == "unchanged" else (OK, state)
        # compared as it is stored: with the catalog's part at this URL
        doc = page.document
        previous = self.store.validators(doc.url)
        if previous and previous["status"] == "live":
            # the stored copy, or what the site step made of the same page last time
            kept = page if previous["content_hash"] == doc.content_hash() else self._settled(doc)
            if kept is not None:
                if (previous["etag"], previous["http_last_modified"]) == (
                    item.etag, item.http_last_modified
                ):
                    self.store.touch(doc.url, fetched_at=doc.fetched_at or "")
                else:
                    # same content, new validators: keep them for the next conditional GET
                    self.store.upsert(kept, etag=item.etag,
                                      http_last_modified=item.http_last_modified)
                return UNCHANGED, "unchanged"
        # a page stored over the catalog's own app document at its URL is new, not changed
        new = not previous or self.store.is_catalog_only(doc.url)
        self.store.upsert(page, etag=item.etag, http_last_modified=item.http_last_modified)
        if new:
            self._retire_alias(doc.url, doc.source)
        return OK, ("stored" if new else "changed")

    def _settled(self, doc: Document) -> MergedPage | None:
        """The stored copy of ``doc``'s page when it is ``doc`` as the site step rewrote it
        (its kind from its siblings, a standard's fields: ``crawler.siblings.restore``
        undoes both), with this fetch's time; None when the page itself changed. Without
        it, every page the site step rewrote would be "changed" at every crawl, written
        with its extraction, then rewritten by the site step again."""
        stored = self.store.get(doc.url)
        if stored is None or restore(stored).content_hash() != doc.content_hash():
            return None
        return MergedPage(replace(stored, fetched_at=doc.fetched_at))

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

    def _apply_outcome(self, item: FetchOutcome, source: str) -> tuple[str, str]:
        if item.outcome == UNCHANGED:
            from crawler.extract.document import now_iso

            url = item.document_url or item.url
            if url in self.written:
                item.reason = f"duplicate: the page at {url}"
                return SKIPPED, "skipped"
            self.written.add(url)
            self.placed[url] = url
            self.store.touch(url, fetched_at=now_iso())
            return UNCHANGED, "unchanged"
        if item.outcome == GONE:
            url = item.document_url or item.url
            if self.store.is_listed(url, source):  # a catalog delisted the app
                gone = self.store.remove_app(url, source)
            else:
                gone = self.store.mark_gone(url)
            if gone:
                return GONE, "gone"
            # a broken link to a page we never had is the site's error, not a removal
            item.reason = item.reason or f"http 4xx: HTTP {item.status}"
            return ERROR, "errors"
        if item.outcome == SKIPPED:
            if item.document_url:  # stored by an earlier crawl, no page of its own after all
                self.store.mark_gone(item.document_url)
            return SKIPPED, "skipped"
        return ERROR, "errors"

