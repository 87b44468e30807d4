"""The scheduler of a fleet worker: scrapy-redis's, with leases, seeds and a fleet-wide end.

Keys of one source's run (``run_prefix``): ``requests`` (scrapy-redis's priority queue),
``starts`` (the start pages, first), ``open-starts``, ``seen`` (its duplicate filter),
``seeds``, ``workers``, ``beat:<worker>`` (heartbeat,
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
import weakref
from typing import TYPE_CHECKING, Any

from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from crawler.fleet import run_prefix
from crawler.fleet.leases import POP, RELEASE, REQUEUE, SEED, Lease, LeasedCallback, Ticket

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
HOLD_META = "sikoja_lease_hold"  # a yielded request's share of its parent's lease


class FleetScheduler(Scheduler):
    crawler: Crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FleetScheduler:
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.lease_ms = int(crawler.settings.getfloat("SIKOJA_LEASE_SECONDS", 15.0) * 1000)
        return scheduler

    @property
    def holding(self) -> int:
        """How many shared requests this worker may hold at once: the host's concurrency.
        Scrapy pulls requests as long as its downloader has room (32), and a worker would
        otherwise take a whole site's queue to wait out the host's delay by itself."""
        return max(1, self.crawler.settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN", 1))

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
        self.items: dict[int, Ticket] = {}  # id of an item yielded under a lease -> its share
        self._pop = self.server.register_script(POP)
        self._requeue = self.server.register_script(REQUEUE)
        self._seed = self.server.register_script(SEED)
        self._release_script = self.server.register_script(RELEASE)
        self._join_run()
        super().open(spider)
        self.crawler.signals.connect(self._spider_idle, signal=signals.spider_idle)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            self.crawler.signals.connect(self._item_done, signal=signal)
        self.beat = task.LoopingCall(self._beat)
        self.beat.start(min(1.0, self.lease_ms / 5000), now=True)

    def _join_run(self) -> None:
        """Join the run under way, or start a new one if the last one finished."""
        lock = self.key("reset")
        while self.server.exists(self.key("done")):
            if self.server.set(lock, self.worker, nx=True, px=30_000):
                # again under the lock: a worker that held it before may have started the
                # new run already, and its keys must stay
                if self.server.exists(self.key("done")):
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
        back = self._give_back(self.worker)
        if back:
            logger.info("%s: %d in-flight requests returned to the shared queue",
                        self.spider.name, back)
        self.server.delete(self.key(f"beat:{self.worker}"))

    def _beat(self) -> None:
        """Heartbeat; take back the leases of dead workers; wake the engine for new work or
        for the end of the fleet's crawl."""
        try:
            self.server.set(self.key(f"beat:{self.worker}"), "1", px=self.lease_ms)
            # a worker whose reactor stalled past its lease was taken for dead: it comes
            # back into the fleet's view, so the fleet does not end while it still works
            self.server.sadd(self.key("workers"), self.worker)
            for raw in self.server.smembers(self.key("workers")):
                worker = raw.decode() if isinstance(raw, bytes) else raw
                if worker != self.worker and not self.server.exists(self.key(f"beat:{worker}")):
                    back = self._give_back(worker)
                    logger.warning("%s: worker %s is gone; %d of its requests requeued",
                                   self.spider.name, worker, back)
            # new work, or the fleet's last lease released elsewhere: this worker may end now,
            # not at the engine's next 5-second idle heartbeat
            if self._queued() or self.fleet_idle():
                self._wake()
        except Exception:  # a Redis hiccup must not stop the heartbeat loop for good
            logger.exception("fleet heartbeat failed")

    def _give_back(self, worker: str) -> int:
        return int(self._requeue(keys=[self.key(f"leases:{worker}"), self.key("workers")],
                                 args=[worker, self.prefix]))

    # -- queue ---------------------------------------------------------------------------
    # Two shared queues: "starts" (the source's start pages) and "requests" (the rest, the
    # scrapy-redis queue). Nothing leaves "requests" while a start page is still open
    # anywhere in the fleet: what a site's other pages are compared with (the home page a
    # soft 404 repeats) is known first, as in a single process's breadth-first crawl.

    def enqueue_request(self, request: Request) -> bool:
        if isinstance(request.callback, LeasedCallback):  # kept by a callback, or a retry
            self._push_local(request)
            return True
        hold = request.meta.pop(HOLD_META, None)
        try:
            return self._enqueue_shared(request)
        finally:
            if hold is not None:  # queued (or filtered): the lease need not wait for it
                hold.end()

    def _enqueue_shared(self, request: Request) -> bool:
        if request.dont_filter:
            start = request.meta.get("sikoja_depth") == 0 and not request.meta.get(
                "sikoja_sweep")
            fingerprint = self.df.request_fingerprint(request)
            data = self.queue._encode_request(request)
            queue = self.key("starts") if start else self.queue.key
            return bool(self._seed(keys=[self.key("seeds"), queue, self.key("open-starts")],
                                   args=[fingerprint, -request.priority, data, int(start)]))
        # scrapy-redis's filter and push, in one script: a worker killed between the two
        # would leave a URL marked seen that no queue holds
        fingerprint = self.df.request_fingerprint(request)
        added = self._seed(keys=[self.df.key, self.queue.key, self.key("open-starts")],
                           args=[fingerprint, -request.priority,
                                 self.queue._encode_request(request), 0])
        if not added:
            self.df.log(request, self.spider)
        elif self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        return bool(added)

    def _push_local(self, request: Request) -> None:
        heapq.heappush(self.local, (-request.priority, next(self.order), request))

    def next_request(self) -> Request | None:
        if self.local:
            return heapq.heappop(self.local)[2]
        if len(self.leases) >= self.holding:
            return None
        popped = self._pop(keys=[self.key("starts"), self._my_leases, self.key("lease-n")],
                           args=["starts"])
        if not popped:
            if int(self.server.get(self.key("open-starts")) or 0) > 0:
                return None  # another worker is on a start page: the rest waits for it
            popped = self._pop(keys=[self.queue.key, self._my_leases, self.key("lease-n")],
                               args=["requests"])
        if not popped:
            return None
        raw_token, data = popped
        token = raw_token.decode() if isinstance(raw_token, bytes) else raw_token
        request = self.queue._decode_request(data)
        lease = Lease(token, self._release)
        self.leases[token] = lease
        self._wrap(request, lease)
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    @property
    def _my_leases(self) -> str:
        return self.key(f"leases:{self.worker}")

    def _queued(self) -> int:
        return len(self.queue) + int(self.server.zcard(self.key("starts")))

    def has_pending_requests(self) -> bool:
        return bool(self.local) or self._queued() > 0

    def __len__(self) -> int:
        return len(self.local) + self._queued()

    def _wrap(self, request: Request, lease: Lease) -> None:
        ticket = Ticket(lease)

        def adopt(item: Any) -> None:
            """A request the callback yields holds its lease until it is queued (Scrapy
            may queue it after the callback has ended); one it keeps in the worker, until
            it is done."""
            if isinstance(item, Request):
                if not isinstance(item.callback, LeasedCallback):
                    lease.adopt()
                    if item.dont_filter:
                        self._wrap_ticket(item, Ticket(lease), adopt)
                    else:
                        item.meta[HOLD_META] = Ticket(lease)
            elif item is not None:
                self._hold_until_stored(item, lease)

        self._wrap_ticket(request, ticket, adopt)

    def _hold_until_stored(self, item: Any, lease: Lease) -> None:
        """An item holds its lease until the item pipelines are done with it. Scrapy drains
        a callback's output into a queue before it stores the items (``CONCURRENT_ITEMS``
        at a time), so the callback's end is not theirs: a worker killed in between lost
        the last records of a listing page, its lease already ended (#15)."""
        try:
            # an item the signals never name (a pipeline returned another object) ends its
            # share once it is garbage: its ticket is dropped, and ends as an orphan
            weakref.finalize(item, self.items.pop, id(item), None)
        except TypeError:  # an item that takes no weak reference (a dict): not held
            return
        lease.adopt()
        self.items[id(item)] = Ticket(lease)

    def _item_done(self, item: Any, **_: Any) -> None:
        ticket = self.items.pop(id(item), None)
        if ticket is not None:
            ticket.end()

    def _wrap_ticket(self, request: Request, ticket: Ticket, adopt: Any) -> None:
        request.callback = LeasedCallback(request.callback or self.spider._parse, ticket, adopt)
        request.errback = LeasedCallback(request.errback, ticket, adopt)

    def _release(self, lease: Lease) -> None:
        self.leases.pop(lease.token, None)
        self._release_script(keys=[self._my_leases, self.key("open-starts"),
                                   self.key(f"undo:{lease.token}")], args=[lease.token])
        self._wake()  # room for another request, maybe the rest of the site

    def _wake(self) -> None:
        """Have the engine ask for a request now, not at its next 5-second heartbeat."""
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None:
            slot.nextcall.schedule()

    # -- the end -------------------------------------------------------------------------

    def fleet_idle(self) -> bool:
        """Nothing queued and nothing leased, in this worker or any other."""
        if self.local or self._queued():
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
