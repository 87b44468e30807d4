"""Every Scrapy setting the crawler uses, in one place (alphabetised, as Scrapy's own
``default_settings.py``).

Politeness, timeouts, retries and the size cap come from ``sikoja.config.CrawlSettings``
(one typed settings object for the deployment); per-source overrides (delay, concurrency,
depth, robots) are applied by the spider's ``from_crawler`` from its ``Source``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sikoja.config import CrawlSettings

AUTOTHROTTLE_ENABLED = False

# Responses are handled by status in the spider (304 unchanged, 404/410 gone, 5xx error),
# so every status reaches it once retries are exhausted.
HTTPERROR_ALLOW_ALL = True

# Items are written synchronously by one pipeline, so there is nothing to overlap; Scrapy
# starts this many asyncio workers per response, and 100 (its default) cost more CPU than
# the page's extraction.
CONCURRENT_ITEMS = 4

CONCURRENT_REQUESTS = 32

COOKIES_ENABLED = False  # sessions only multiply URLs; public pages need no login

DEPTH_PRIORITY = 1  # breadth first: shallow pages (service lists) before deep archives

DOWNLOADER_MIDDLEWARES = {
    "crawler.downloadermiddlewares.offsite.SourceOffsiteMiddleware": 50,
    "crawler.downloadermiddlewares.conditional.ConditionalRequestMiddleware": 560,
    "crawler.downloadermiddlewares.retry.BackoffRetryMiddleware": 550,
    "crawler.downloadermiddlewares.contenttype.ContentTypeGateMiddleware": 950,
    # a PDF read in a thread (its scans by OCR), not on the loop every site shares; below
    # HttpCompressionMiddleware (590), whose process_response must run first: a gzip-encoded
    # PDF reached this one still compressed, failed looks_pdf and was read on the loop
    "crawler.downloadermiddlewares.pdfread.PdfReadingMiddleware": 585,
    "crawler.downloadermiddlewares.timing.AttemptTimingMiddleware": 990,
    "crawler.downloadermiddlewares.robots.SafeRobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
}

# Only the web is crawled (sikoja.schemes): without its handler, a file:, ftp:, s3: or
# data: request cannot be downloaded even if one got past the offsite middleware
DOWNLOAD_HANDLERS = {"file": None, "s3": None, "ftp": None, "data": None}

DOWNLOAD_WARNSIZE = 0

DNS_TIMEOUT = 10

DUPEFILTER_CLASS = "crawler.dupefilters.RedirectAwareDupeFilter"

# No console and no remote control: Scrapy's RemoteControl (on by default since 2.19) would
# listen on a port for Python code to run inside the crawl, write its token under
# ~/.local/state/scrapy (left there by every crawl that is killed), import aiohttp at each
# crawl's start-up and wait up to 2 s for its server to stop
EXTENSIONS = {
    "scrapy.extensions.telnet.TelnetConsole": None,
    "scrapy.extensions.remote_control.RemoteControl": None,
    "scrapy.extensions.logstats.LogStats": None,
    "crawler.extensions.jobstate.CrawlStateExtension": 500,
}

ITEM_PIPELINES = {
    "crawler.pipelines.store.StorePipeline": 300,
}

LOG_INSTALL_ROOT_HANDLER = True
LOG_LEVEL = "WARNING"

MEMUSAGE_ENABLED = False

REDIRECT_MAX_TIMES = 6

REMOTE_CONTROL_ENABLED = False

# "2.7" is the only fingerprinting left in Scrapy 2.19 (the setting itself is gone there);
# it is kept for older Scrapy versions, where it silences a deprecation warning.
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"

RETRY_AFTER_MAX = 30.0  # seconds: honour Retry-After up to this, never longer
RETRY_BACKOFF_BASE = 0.5  # seconds: base * 2**attempt between retries
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]

ROBOTSTXT_OBEY = True
# a host whose robots.txt cannot be read is skipped this long, then asked again
SIKOJA_ROBOTS_RETRY_SECONDS = 60.0

SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"

TELNETCONSOLE_ENABLED = False

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

URLLENGTH_LIMIT = 2000

# Scrapy reads the source of a spider's callback (inspect.getsource, then an AST walk) the
# first time each spider calls it, to warn about a generator that returns a value; with one
# spider per source that was 12% of a crawl's CPU on the sample web (11.6-13.7 s against
# 10.2-11.0 s), and 17% of its unchanged recrawl. Our callbacks are tested; the check is
# for a developer writing a new spider, who can turn it back on.
WARN_ON_GENERATOR_RETURN_VALUE = False

# Content types the crawler stores; anything else is skipped with a reason.
# ...and the Word, Excel and OpenDocument files crawler.extract.office reads (its
# OFFICE_TYPES; spelled out here so that loading the settings loads no extractor)
SIKOJA_ACCEPTED_TYPES = ["text/html", "application/xhtml+xml", "application/pdf",
                         "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         "application/msword", "application/vnd.ms-excel",
                         "application/vnd.oasis.opendocument.text",
                         "application/vnd.oasis.opendocument.spreadsheet"]


def scrapy_settings(crawl: CrawlSettings, data_dir: Path) -> dict[str, Any]:
    """Module defaults above, plus the deployment's crawl settings."""
    values = {
        name: value for name, value in globals().items()
        if name.isupper() and not name.startswith("_")
    }
    values.update(
        CONCURRENT_REQUESTS_PER_DOMAIN=crawl.concurrency_per_host,
        DOWNLOAD_DELAY=crawl.delay,
        DOWNLOAD_MAXSIZE=crawl.max_response_bytes,
        DOWNLOAD_TIMEOUT=crawl.timeout,
        DOWNLOAD_DELAY_JITTER=0.5 if crawl.delay > 0 else 0,
        RETRY_TIMES=crawl.retries,
        USER_AGENT=crawl.user_agent,
        SIKOJA_DATA_DIR=str(data_dir),
    )
    if crawl.frontier:
        values.update(fleet_settings(crawl.frontier, crawl.lease_seconds))
    return values


def fleet_settings(frontier: str, lease_seconds: float) -> dict[str, Any]:
    """A worker of a crawl shared through Redis (``crawler.fleet``, docs/scaling.md): the
    scrapy-redis scheduler and duplicate filter under sikoja's keys, leases, and the
    fleet-wide per-host politeness in place of each process's own."""
    return {
        "SCHEDULER": "crawler.fleet.scheduler.FleetScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": "sikoja:%(spider)s:requests",
        "SCHEDULER_DUPEFILTER_KEY": "sikoja:%(spider)s:seen",
        "SCHEDULER_PERSIST": True,  # the fleet, not one worker, decides when a run is over
        "REDIS_URL": frontier,
        "SIKOJA_FRONTIER": frontier,
        "SIKOJA_LEASE_SECONDS": lease_seconds,
        "DOWNLOADER_MIDDLEWARES": {
            **DOWNLOADER_MIDDLEWARES,
            "crawler.fleet.politeness.FleetPolitenessMiddleware": 980,
        },
    }
