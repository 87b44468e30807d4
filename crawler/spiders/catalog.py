"""Read one app catalog (JSON, CSV or HTML table) into one Document per app.

A catalog that was read completely is authoritative: an app that has left it leaves the
index. A catalog that failed to download or parse changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy import Request

from crawler.downloadermiddlewares.contenttype import content_type_of
from crawler.extract.catalog import CatalogError, RejectedRow, parse_catalog
from crawler.extract.document import app_document
from crawler.failures import http_reason
from crawler.items import ERROR, GONE, UNCHANGED, FetchedDocument, FetchOutcome
from crawler.spiders.base import SourceSpider
from sikoja.documents import Document
from sikoja.store import DocumentStore
from sikoja.urls import canonicalize_url

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

    from scrapy.http import Response


class CatalogSpider(SourceSpider):
    name = "catalog"

    scope = None  # the catalog URL is the whole crawl; apps are not fetched

    def apply_source_settings(self, crawler: Any) -> None:
        # one request: nothing to resume, so no JOBDIR
        crawler.settings.set("ROBOTSTXT_OBEY", self.source.obey_robots, priority="spider")

    async def start(self) -> AsyncIterator[Any]:
        yield Request(self.source.catalog_url, callback=self.parse, errback=self.on_error,
                      dont_filter=True,
                      meta={"sikoja_any_type": True, "sikoja_unconditional": True})

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        key = canonicalize_url(response.url)
        elapsed = self.elapsed_ms(response)
        if response.status >= 400 or response.status == 304:
            outcome = UNCHANGED if response.status == 304 else ERROR
            yield FetchOutcome(url=key, outcome=outcome, status=response.status,
                               reason=None if outcome == UNCHANGED else http_reason(
                                   response.status), elapsed_ms=elapsed)
            return
        rejected: list[RejectedRow] = []
        try:
            entries = parse_catalog(response.body, content_type_of(response.headers) or None,
                                    response.url, rejected)
            if rejected and not entries:
                raise CatalogError(f"none of its {len(rejected)} rows is readable "
                                   f"(first: {rejected[0].reason})")
        except CatalogError as exc:
            yield FetchOutcome(url=key, outcome=ERROR, status=response.status,
                               reason=f"parse: {exc}", elapsed_ms=elapsed)
            return
        for row in rejected:
            # the row is left out, the rest of the catalog is read: one record per row
            yield FetchOutcome(url=f"{key}#row-{row.row}", outcome=ERROR,
                               status=response.status,
                               reason=f"parse: row {row.row} ({row.name or 'unnamed'}): "
                                      f"{row.reason}")
        apps: dict[str, Document] = {}
        for entry in entries:
            try:
                doc = app_document(entry, catalog_url=response.url, source=self.source.name,
                                   opd=self.source.opd)
            except ValueError as exc:  # a URL canonicalisation cannot read
                yield FetchOutcome(url=key, outcome=ERROR, status=response.status,
                                   reason=f"parse: app {entry.name!r}: {exc}"[:500])
                continue
            first = apps.get(doc.url)
            if first is None:
                apps[doc.url] = doc
            elif doc.title != first.title and doc.title not in first.fields.get("aliases", []):
                # one app under two names ("PPID Kota Jambi", "Aplikasi PPID"): one
                # document, and the other name kept so search and the overlap report know it
                first.fields.setdefault("aliases", []).append(doc.title)
        for index, doc in enumerate(apps.values()):
            # one download for all apps: its time counts once in the response-time stats
            yield FetchedDocument(document=doc, fetched_url=doc.url, status=response.status,
                                  elapsed_ms=elapsed if index == 0 else None)
        listed = set(apps)
        store = DocumentStore.open(self.settings["SIKOJA_DATA_DIR"])
        try:
            dropped = store.listed_urls(self.source.name) - listed
        finally:
            store.close()
        for url in sorted(dropped):
            yield FetchOutcome(url=url, outcome=GONE, status=response.status,
                               reason="gone: no longer listed in the catalog",
                               document_url=url)
