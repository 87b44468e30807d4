"""Conditional GETs from the validators of the stored copy (ETag, Last-Modified).

An OPD site that answers 304 costs one round trip and no extraction; most recrawls of a
city's sites change a handful of pages, so this is most of the incremental saving.

Except when the crawler changed: a 304 keeps the page as the crawler that stored it read
it, so a spider whose ``reread`` is set (the site's pages were read by another crawler,
``crawler.identity``) asks for every page without validators, once; and afterwards a page
fetched before this crawler first read the site (``read_since``: another fleet worker
re-read it, this store kept an older copy) is asked for without them too, and so is a page
another source stored (sources that came to share a host, ``sikoja.sources.share_hosts``),
except a file in no source's folder of that host: it stays the source's that stored it first
while it is unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from crawler.merge import iso_epoch
from sikoja.store import DocumentStore
from sikoja.urls import canonicalize_url

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler


class ConditionalRequestMiddleware:
    def __init__(self, store: DocumentStore, crawler: Crawler | None = None) -> None:
        self.store = store
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestMiddleware:
        store = DocumentStore.open(Path(crawler.settings["SIKOJA_DATA_DIR"]))
        middleware = cls(store, crawler)
        from scrapy import signals

        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def spider_closed(self) -> None:
        self.store.close()

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if request.meta.get("sikoja_unconditional") or request.method != "GET":
            return
        spider = spider or getattr(self.crawler, "spider", None)
        if getattr(spider, "reread", False):
            return
        if b"If-None-Match" in request.headers or b"If-Modified-Since" in request.headers:
            return
        validators = self.store.validators(canonicalize_url(request.url))
        if not validators or validators.get("status") != "live":
            return
        source = getattr(getattr(spider, "source", None), "name", None)
        scope = getattr(spider, "scope", None)
        if (source is not None and validators.get("source") not in (None, source)
                and not (scope is not None and scope.loose_file(request.url))):
            # another source stored it (before two sources split their shared host): this
            # one reads it whole, to store it as its own, not keep the other's copy by a 304;
            # but a file in no source's folder (the network's uploads, linked by two
            # subsites) stays the first's: a 304 keeps it so, not read whole by each
            return
        since = getattr(spider, "read_since", None)
        if since is not None and iso_epoch(validators.get("fetched_at")) < since:
            return
        if validators.get("etag"):
            request.headers[b"If-None-Match"] = validators["etag"]
        if validators.get("http_last_modified"):
            request.headers[b"If-Modified-Since"] = validators["http_last_modified"]
