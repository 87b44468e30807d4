"""Per-host politeness for the fleet: the delay and the concurrency per host, in Redis.

Scrapy keeps both per process, so three workers would hit a host three times as often as a
source allows. Before a request leaves, this middleware (the last before the download)
takes a slot of the host's fleet-wide semaphore (``host:<netloc>:slots``, a sorted set of
holders with an expiry, so a killed worker's slots free themselves) and, when a delay is
set, the host's token (``host:<netloc>:next``, ``SET NX PX delay``: who holds it may send
now, everyone else waits until it expires). Both are taken in one script on Redis's clock,
so workers on several machines need no synchronised clocks. A request that gets neither
waits for the time Redis says and tries again; the worker's own delay is turned off in a
fleet (``SIKOJA_HOST_DELAY`` holds the source's), so nothing waits between token and send.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy_redis.connection import get_redis_from_settings

from crawler.fleet import KEY_PREFIX

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

# KEYS: slots zset, delay token. ARGV: holder, limit, delay ms, hold ms.
# Returns 0 when taken, else the milliseconds to wait before asking again.
ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 20 end
local delay = tonumber(ARGV[3])
if delay > 0 then
  local wait = redis.call('PTTL', KEYS[2])
  if wait > 0 then return wait end
  redis.call('SET', KEYS[2], '1', 'PX', delay)
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]) * 2)
return 0
"""

SLOT_META = "sikoja_host_slot"


class FleetPolitenessMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.server = get_redis_from_settings(settings)
        self._acquire = self.server.register_script(ACQUIRE)
        # a slot outlives a stuck download by this much, then frees itself
        self.hold_ms = int((settings.getfloat("DOWNLOAD_TIMEOUT", 20.0) + 10) * 1000)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FleetPolitenessMiddleware:
        return cls(crawler)

    def _limits(self) -> tuple[int, int]:
        settings = self.crawler.settings  # the spider's own (Source delay and concurrency)
        delay = settings.getfloat("SIKOJA_HOST_DELAY", 0.0)
        return max(1, settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN", 1)), int(delay * 1000)

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        host = urlsplit(request.url).netloc.lower()
        holder = uuid.uuid4().hex
        limit, delay_ms = self._limits()
        keys = [f"{KEY_PREFIX}:host:{host}:slots", f"{KEY_PREFIX}:host:{host}:next"]
        while True:
            wait = int(self._acquire(keys=keys, args=[holder, limit, delay_ms, self.hold_ms]))
            if wait <= 0:
                break
            await asyncio.sleep(wait / 1000)
        request.meta[SLOT_META] = (keys[0], holder)

    def _free(self, request: Request) -> None:
        held = request.meta.pop(SLOT_META, None)
        if held:
            self.server.zrem(*held)

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Response:
        self._free(request)
        return response

    def process_exception(self, request: Request, exception: BaseException,
                          spider: Spider | None = None) -> Any:
        self._free(request)
        return None
