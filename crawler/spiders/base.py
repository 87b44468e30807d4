"""What every source spider shares: its Source, its crawl id, per-source settings, and the
errback that turns any failed request into a fetch-log entry.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import Spider

from crawler.extensions.jobstate import prepare_jobdir
from crawler.failures import classify_failure
from crawler.items import FetchOutcome
from sikoja.sources import Source
from sikoja.urls import canonicalize_url

if TYPE_CHECKING:
    from collections.abc import Iterator

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure

    from crawler.progress import CrawlBoard


class SourceSpider(Spider):
    """A spider bound to one ``Source`` of the sources file."""

    source: Source
    crawl_id: int | None
    board: CrawlBoard | None

    def __init__(self, source: Source | dict[str, Any], crawl_id: int | None = None,
                 board: CrawlBoard | None = None, reread: bool = False,
                 read_since: float | None = None, **kwargs: Any) -> None:
        src = source if isinstance(source, Source) else Source.model_validate(source)
        super().__init__(name=f"{self.name}:{src.name}", **kwargs)
        self.source = src
        self.crawl_id = crawl_id
        self.board = board
        # read every page again, without conditional headers: the pages stored were read
        # by another crawler (crawler.identity, crawler.downloadermiddlewares.conditional)
        self.reread = reread
        # this crawler has read the site since then (epoch seconds): a page stored but
        # fetched before then is asked for without validators too (DocumentStore.read_since)
        self.read_since = read_since
        self.capped = False

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SourceSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.apply_source_settings(crawler)
        return spider

    def apply_source_settings(self, crawler: Crawler) -> None:
        """Per-source politeness and robots, and a resumable frontier under the data dir."""
        settings = crawler.settings
        if self.source.delay is not None:
            settings.set("DOWNLOAD_DELAY", self.source.delay, priority="spider")
            settings.set("DOWNLOAD_DELAY_JITTER", 0.5 if self.source.delay > 0 else 0,
                         priority="spider")
        if self.source.concurrency is not None:
            settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", self.source.concurrency,
                         priority="spider")
        settings.set("ROBOTSTXT_OBEY", self.source.obey_robots, priority="spider")
        if settings.get("SIKOJA_FRONTIER"):
            # a fleet worker: the host's delay is the fleet's (crawler.fleet.politeness),
            # and the frontier lives in Redis, not in a JOBDIR
            settings.set("SIKOJA_HOST_DELAY", settings.getfloat("DOWNLOAD_DELAY"),
                         priority="spider")
            settings.set("DOWNLOAD_DELAY", 0, priority="spider")
            settings.set("DOWNLOAD_DELAY_JITTER", 0, priority="spider")
            return
        data_dir = settings.get("SIKOJA_DATA_DIR")
        if data_dir:
            jobdir = Path(data_dir) / "crawl-state" / self.source.name
            prepare_jobdir(jobdir)
            settings.set("JOBDIR", str(jobdir), priority="spider")

    # -- shared helpers ----------------------------------------------------------------

    @staticmethod
    def elapsed_ms(response: Response) -> float | None:
        latency = response.meta.get("download_latency")
        return round(latency * 1000, 1) if latency is not None else None

    def on_error(self, failure: Failure) -> Iterator[FetchOutcome]:
        request = failure.request  # type: ignore[attr-defined]
        outcome, reason = classify_failure(failure)
        started = request.meta.get("sikoja_started")
        elapsed = round((time.monotonic() - started) * 1000, 1) if started else None
        # after redirects, the URL to report is the link that was followed
        url = (request.meta.get("redirect_urls") or [request.url])[0]
        yield FetchOutcome(url=canonicalize_url(url), outcome=outcome, reason=reason,
                           elapsed_ms=elapsed)
