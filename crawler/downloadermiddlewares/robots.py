"""robots.txt, obeyed by every request of a host: never "allow all" because a fetch failed.

Scrapy's ``RobotsTxtMiddleware`` (2.14 and later) has two ways to let a disallowed page
through, and a crawl shared by several workers (``crawler.fleet``) hits the first often:

- The requests that arrive while a host's robots.txt is being fetched all wait on one
  Deferred, each through ``maybe_deferred_to_future``, whose callback returns None: the
  first waiter gets the parser, every later one gets None, which means "no rules", and is
  downloaded whatever robots.txt says. A single process mostly has one such waiter per host
  (the start page); a fleet worker that joins a crawl pops up to the host's concurrency of
  that host's queued pages at once, and all but one skipped robots.txt (the sample web's
  ``/cari/`` was stored by a worker in about one fleet run in three).
- A robots.txt that cannot be fetched (timeout, refused connection, 5xx after the retries)
  also becomes "no rules".

Here each waiter gets its own Deferred, and robots.txt is read as RFC 9309 says: a 4xx
(no robots.txt) allows everything, but a 5xx, a 429 or a failed fetch (after the retry
middleware's retries) disallows the whole host. That lasts ``SIKOJA_ROBOTS_RETRY_SECONDS``;
the next request to the host after that fetches robots.txt again. A page not requested
for that is logged as an error of the kind robots.txt failed with (``crawler.failures``:
a site that is down still shows as down), and the next crawl asks again.

robots.txt is fetched with any content type and follows redirects off the source's sites
(``ROBOTS_META``): the rules of a site whose robots.txt moved are still its rules.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler
from twisted.internet.defer import Deferred

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.robotstxt import RobotParser

logger = logging.getLogger(__name__)

ROBOTS_META = "sikoja_robots"  # the request fetches a robots.txt (crawler.downloadermiddlewares)


class RobotsUnreachable(IgnoreRequest):
    """A request to a host whose robots.txt could not be read: not sent. ``cause``: the
    robots.txt fetch's exception or HTTP status (``crawler.failures`` logs it as an error
    of that kind: the site failed, its rules did not exclude the page)."""

    def __init__(self, message: str, cause: BaseException | int) -> None:
        super().__init__(message)
        self.cause = cause


class Unreachable:
    """A host whose robots.txt could not be read, why, and until when that stands."""

    def __init__(self, cause: BaseException | int, until: float) -> None:
        self.cause = cause
        self.until = until

    def __str__(self) -> str:
        if isinstance(self.cause, int):
            return f"HTTP {self.cause}"
        return str(self.cause) or type(self.cause).__name__


class SafeRobotsTxtMiddleware(RobotsTxtMiddleware):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.retry_seconds = crawler.settings.getfloat("SIKOJA_ROBOTS_RETRY_SECONDS", 60.0)
        # netloc -> the robots.txt fetch in flight (each waiter adds its own Deferred)
        self._fetching: dict[str, Deferred[RobotParser | Unreachable]] = {}
        self._known: dict[str, RobotParser | Unreachable] = {}

    def process_request_2(self, rp: RobotParser | Unreachable | None,  # type: ignore[override]
                          request: Request) -> None:
        if isinstance(rp, Unreachable):
            self._stats.inc_value("robotstxt/unreachable_skipped")
            raise RobotsUnreachable(f"robots.txt unreachable ({rp})", rp.cause)
        super().process_request_2(rp, request)

    async def robot_parser(self, request: Request) -> RobotParser | Unreachable:  # type: ignore[override]
        url = urlparse_cached(request)
        netloc = url.netloc
        known = self._known.get(netloc)
        if isinstance(known, Unreachable) and time.monotonic() >= known.until:
            del self._known[netloc]  # time to ask the host again
            known = None
        if known is not None:
            return known
        fetching = self._fetching.get(netloc)
        if fetching is None:
            fetching = self._fetching[netloc] = Deferred()
            # what the waiters get if this fetch is cancelled (the crawl stops): a skip
            result: RobotParser | Unreachable = Unreachable(
                IgnoreRequest("robots.txt fetch cancelled"), 0.0)
            try:
                result = await self._fetch(f"{url.scheme}://{netloc}/robots.txt", request)
                return result
            finally:
                self._known[netloc] = result
                del self._fetching[netloc]
                fetching.callback(result)
        # a Deferred of our own: one shared by the waiters passes each the previous
        # waiter's return value, None (Scrapy's "no rules") for all but the first
        mine: Deferred[RobotParser | Unreachable] = Deferred()

        def pass_on(result: RobotParser | Unreachable) -> RobotParser | Unreachable:
            mine.callback(result)
            return result

        fetching.addCallback(pass_on)
        return await maybe_deferred_to_future(mine)

    async def _fetch(self, robots_url: str, request: Request) -> RobotParser | Unreachable:
        robots_request = Request(
            robots_url, priority=self.DOWNLOAD_PRIORITY, callback=NO_CALLBACK,
            meta={"dont_obey_robotstxt": True, "sikoja_any_type": True,
                  "sikoja_unconditional": True, ROBOTS_META: True})
        self._stats.inc_value("robotstxt/request_count")
        try:
            response = await self.crawler.engine.download_async(robots_request)
        except Exception as exc:  # noqa: BLE001 - any failure means the rules are unknown
            self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
            return self._unreachable(robots_url, exc)
        self._stats.inc_value("robotstxt/response_count")
        self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        if response.status >= 500 or response.status == 429:
            return self._unreachable(robots_url, response.status)
        return await self._parse(response, request)

    async def _parse(self, response: Response, request: Request) -> RobotParser:
        # a 4xx is "no robots.txt": no rules (RFC 9309 2.3.1.3), whatever its page says
        body = response.body if response.status < 400 else b""
        parser = build_from_crawler(self._parserimpl, self.crawler, body)
        await self.crawler.signals.send_catch_log_async(
            signal=signals.robots_parsed, robotparser=parser, request=request)
        return parser

    def _unreachable(self, robots_url: str, cause: BaseException | int) -> Unreachable:
        unreachable = Unreachable(cause, time.monotonic() + self.retry_seconds)
        logger.warning("%s: %s; the host's pages are not requested for %.0f s", robots_url,
                       unreachable, self.retry_seconds)
        return unreachable
