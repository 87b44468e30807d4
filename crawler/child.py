"""The crawl process: ``python -m crawler.child JOB.json``.

Scrapy's Twisted reactor cannot be restarted in a process, so every crawl runs here, in a
fresh interpreter that the parent (``crawler.run``) starts, watches and, if needed, stops
(SIGTERM: graceful, the frontier is saved for resuming). All sources of one crawl run side
by side in one reactor, each as its own Scrapy crawler with its own politeness settings.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from crawler.progress import CrawlBoard


def run_job(job: dict[str, object]) -> None:
    from scrapy.crawler import CrawlerProcess
    from twisted.internet import task

    from crawler.settings import scrapy_settings
    from crawler.spiders.catalog import CatalogSpider
    from crawler.spiders.website import WebsiteSpider
    from sikoja.config import CrawlSettings
    from sikoja.sources import Source

    data_dir = Path(str(job["data_dir"]))
    crawl = CrawlSettings.model_validate(job["crawl"])
    values = scrapy_settings(crawl, data_dir)
    values.update(job.get("overrides") or {})  # type: ignore[call-overload]
    process = CrawlerProcess(values)
    board = CrawlBoard(sys.stdout)
    crawl_ids: dict[str, int] = job["crawl_ids"]  # type: ignore[assignment]
    for raw in job["sources"]:  # type: ignore[attr-defined]
        source = Source.model_validate(raw)
        spidercls = CatalogSpider if source.kind == "app-catalog" else WebsiteSpider
        process.crawl(spidercls, source=source, crawl_id=crawl_ids.get(source.name),
                      board=board)

    from twisted.internet import reactor

    ticker = task.LoopingCall(board.emit)
    reactor.callWhenRunning(ticker.start, float(job.get("interval", 1.0)), now=False)
    process.start()
    board.emit("done")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m crawler.child JOB.json", file=sys.stderr)
        return 2
    job = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    run_job(job)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
