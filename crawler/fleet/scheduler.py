"""The scheduler of a fleet worker: scrapy-redis's, with leases, seeds and a fleet-wide end.

Keys of one source's run (``run_prefix``): ``requests`` (scrapy-redis's priority queue),
``seen`` (its duplicate filter), ``seeds``, ``workers``, ``beat:<worker>`` (heartbeat,
expires after ``lease_seconds``), ``leases:<worker>``, ``shared:<name>`` (the spider's
sets, ``crawler.fleet.sharedset``) and ``done``. A run ends when a worker finds the queue
empty and no lease held anywhere; it then sets ``done``, and the next worker to start
clears the run's keys and starts a new one. A run nobody finished (every worker killed) is
joined, not cleared: the dead workers' leases return to the queue and the crawl resumes.

Requests that skip the duplicate filter are handled apart: made outside any callback (the
start URLs, robots.txt, sitemaps, the revalidation of stored pages) they are seeds, queued
once per run by whichever worker comes first; made by a callback (retries, redirect hops,
scripts a page is drawn from) they stay in this worker under the callback's lease.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import os
import socket
import time
import uuid
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from crawler.fleet import run_prefix
from crawler.fleet.leases import POP, REQUEUE, SEED, Lease, LeasedCallback, Ticket

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
LEASE_META = "sikoja_lease"


class FleetScheduler(Scheduler):
    crawler: Crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FleetScheduler:
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.lease_ms = int(crawler.settings.getfloat("SIKOJA_LEASE_SECONDS", 15.0) * 1000)
        return scheduler

    # -- keys ----------------------------------------------------------------------------

    def key(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    # -- life ----------------------------------------------------------------------------

    def open(self, spider: Spider) -> None:
        self.prefix = run_prefix(spider.name)
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.local: list[tuple[int, int, Request]] = []
        self.order = itertools.count()
        self.leases: dict[str, Lease] = {}
        self._pop = self.server.register_script(POP)
        self._requeue = self.server.register_script(REQUEUE)
        self._seed = self.server.register_script(SEED)
        self._join_run()
        super().open(spider)
        self.crawler.signals.connect(self._spider_idle, signal=signals.spider_idle)
        self.beat = task.LoopingCall(self._beat)
        self.beat.start(min(1.0, self.lease_ms / 5000), now=True)

    def _join_run(self) -> None:
        """Join the run under way, or start a new one if the last one finished."""
        lock = self.key("reset")
        while self.server.exists(self.key("done")):
            if self.server.set(lock, self.worker, nx=True, px=30_000):
                pattern = _glob_escape(self.prefix) + ":*"
                stale = [k for k in self.server.scan_iter(match=pattern, count=1000)
                         if k not in (lock, lock.encode())]
                if stale:
                    self.server.delete(*stale)
                self.server.delete(lock)
                break
            time.sleep(0.05)
        self.server.sadd(self.key("workers"), self.worker)
        self.server.set(self.key(f"beat:{self.worker}"), "1", px=self.lease_ms)

    def close(self, reason: str) -> None:
        if self.beat.running:
            self.beat.stop()
        # stopped before the end (SIGTERM, time limit): what it held goes back to the fleet
        back = self._requeue(keys=[self.key(f"leases:{self.worker}"), self.queue.key,
                                   self.key("workers")], args=[self.worker])
        if back:
            logger.info("%s: %d in-flight requests returned to the shared queue",
                        self.spider.name, back)
        self.server.delete(self.key(f"beat:{self.worker}"))

    def _beat(self) -> None:
        """Heartbeat; take back the leases of dead workers; wake the engine for new work."""
        try:
            self.server.set(self.key(f"beat:{self.worker}"), "1", px=self.lease_ms)
            for raw in self.server.smembers(self.key("workers")):
                worker = raw.decode() if isinstance(raw, bytes) else raw
                if worker != self.worker and not self.server.exists(self.key(f"beat:{worker}")):
                    back = self._requeue(keys=[self.key(f"leases:{worker}"), self.queue.key,
                                               self.key("workers")], args=[worker])
                    logger.warning("%s: worker %s is gone; %d of its requests requeued",
                                   self.spider.name, worker, back)
            if len(self.queue):
                slot = getattr(self.crawler.engine, "_slot", None)
                if slot is not None:
                    slot.nextcall.schedule()
        except Exception:  # a Redis hiccup must not stop the heartbeat loop for good
            logger.exception("fleet heartbeat failed")

    # -- queue ---------------------------------------------------------------------------

    def enqueue_request(self, request: Request) -> bool:
        if isinstance(request.callback, LeasedCallback):  # a retry or redirect hop
            self._push_local(request)
            return True
        token = request.meta.pop(LEASE_META, None)
        if request.dont_filter and token in self.leases:  # kept by a callback
            lease = self.leases[token]
            lease.adopt()
            self._wrap(request, lease)
            self._push_local(request)
            return True
        if request.dont_filter:
            fingerprint = self.df.request_fingerprint(request)
            data = self.queue._encode_request(request)
            return bool(self._seed(keys=[self.key("seeds"), self.queue.key],
                                   args=[fingerprint, -request.priority, data]))
        return super().enqueue_request(request)

    def _push_local(self, request: Request) -> None:
        heapq.heappush(self.local, (-request.priority, next(self.order), request))

    def next_request(self) -> Request | None:
        if self.local:
            return heapq.heappop(self.local)[2]
        popped = self._pop(keys=[self.queue.key, self.key(f"leases:{self.worker}"),
                                 self.key("lease-n")])
        if not popped:
            return None
        raw_token, data = popped
        token = raw_token.decode() if isinstance(raw_token, bytes) else raw_token
        request = self.queue._decode_request(data)
        lease = Lease(token, self._release)
        self.leases[token] = lease
        self._wrap(request, lease)
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis", spider=self.spider)
        return request

    def has_pending_requests(self) -> bool:
        return bool(self.local) or len(self.queue) > 0

    def __len__(self) -> int:
        return len(self.local) + len(self.queue)

    def _wrap(self, request: Request, lease: Lease) -> None:
        ticket = Ticket(lease)
        mark = self._marker(lease.token)
        request.callback = LeasedCallback(request.callback or self.spider._parse, ticket, mark)
        request.errback = LeasedCallback(request.errback, ticket, mark)

    @staticmethod
    def _marker(token: str) -> Any:
        def mark(item: Any) -> None:
            if getattr(item, "dont_filter", False) and hasattr(item, "meta"):
                item.meta[LEASE_META] = token
        return mark

    def _release(self, lease: Lease) -> None:
        self.leases.pop(lease.token, None)
        self.server.hdel(self.key(f"leases:{self.worker}"), lease.token)

    # -- the end -------------------------------------------------------------------------

    def fleet_idle(self) -> bool:
        """Nothing queued and nothing leased, in this worker or any other."""
        if self.local or len(self.queue):
            return False
        workers = self.server.smembers(self.key("workers"))
        for raw in workers:
            worker = raw.decode() if isinstance(raw, bytes) else raw
            if self.server.hlen(self.key(f"leases:{worker}")):
                return False
        return True

    def _spider_idle(self, spider: Spider) -> None:
        if not self.fleet_idle():
            raise DontCloseSpider
        self.server.set(self.key("done"), self.worker)


def _glob_escape(text: str) -> str:
    return "".join(f"\\{c}" if c in "*?[]\\" else c for c in text)
