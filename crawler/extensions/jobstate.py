"""Crawl bookkeeping per source: the ``crawls`` row, and the resumable frontier (JOBDIR).

Scrapy persists the frontier in JOBDIR only on a graceful stop (SIGTERM/SIGINT); after a
hard kill the queue files are inconsistent and resuming from them could silently drop the
pending URLs. So a "clean-stop" marker is written on graceful stop, and a JOBDIR without it
is discarded at start: the rerun then recrawls from the start URLs, and conditional
requests make the pages already stored cheap. A finished crawl removes its JOBDIR so the
next crawl starts fresh.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals

from sikoja.store import DocumentStore

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

CLEAN_MARKER = "clean-stop"


def prepare_jobdir(jobdir: Path) -> bool:
    """Make ``jobdir`` safe to resume from; True when a frontier is being resumed."""
    marker = jobdir / CLEAN_MARKER
    if jobdir.exists() and not marker.exists():
        shutil.rmtree(jobdir, ignore_errors=True)
        return False
    resumed = marker.exists()
    if resumed:
        marker.unlink()
    return resumed


class CrawlStateExtension:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlStateExtension:
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider: Spider, reason: str) -> None:
        crawl_id = getattr(spider, "crawl_id", None)
        jobdir = self.crawler.settings.get("JOBDIR")
        capped = bool(getattr(spider, "capped", False))
        if reason == "finished":
            state = "partial" if capped else "done"
            if jobdir:
                shutil.rmtree(jobdir, ignore_errors=True)
        else:
            state = "interrupted"
            if jobdir and Path(jobdir).exists():
                (Path(jobdir) / CLEAN_MARKER).write_text(reason)
        if crawl_id is None:
            return
        store = DocumentStore.open(Path(self.crawler.settings["SIKOJA_DATA_DIR"]))
        try:
            pages, errors = crawl_counts(store, crawl_id)
            if pages == 0 and errors > 0 and state == "done":
                state = "failed"  # nothing reachable: the site is down or the URL wrong
            store.finish_crawl(crawl_id, pages=pages, errors=errors, state=state)
        finally:
            store.close()


def crawl_counts(store: DocumentStore, crawl_id: int) -> tuple[int, int]:
    row = store.query(
        "SELECT SUM(outcome IN ('ok', 'unchanged')), SUM(outcome = 'error') "
        "FROM fetch_log WHERE crawl_id = ?", (crawl_id,),
    )[0]
    return int(row[0] or 0), int(row[1] or 0)
