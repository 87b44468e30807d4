"""In-flight URLs that survive the worker: Redis scripts and the callback wrapper.

Scrapy-redis pops a request from the shared queue and forgets it: if the worker is killed
(``kill -9``, a lost machine) before the page is stored, the URL is gone for the whole fleet.
Here a pop moves the request, in one Redis script, from the queue into the worker's
``leases`` hash. It stays there until its callback or errback has run to the end, and with
it every request the callback keeps inside this worker (a retry, a redirect hop, the scripts
and JSON a page is drawn from: they carry this worker's state, so they are not shared). A
worker whose heartbeat key has expired is dead: any other worker moves its whole hash back
into the queue, again in one script, so exactly one worker takes each lease back.

Ending a lease late rather than early is deliberate: a URL fetched twice (its worker died
after storing the page) is one document after the merge (the URL is the key), a URL never
fetched is a lost page.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Iterable
from typing import TYPE_CHECKING, Any

from twisted.python.failure import Failure

if TYPE_CHECKING:
    from collections.abc import Callable

# KEYS: queue, leases hash, lease counter. Pops the best request into the leases hash and
# returns {token, data}; the token carries the request's score, so a requeue keeps its rank.
POP = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return nil end
redis.call('ZREM', KEYS[1], top[1])
local token = top[2] .. '|' .. redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], token, top[1])
return {token, top[1]}
"""

# KEYS: leases hash, queue, workers set. ARGV: worker id. Puts every lease back in the queue.
REQUEUE = """
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local score = string.match(all[i], '^(.-)|')
  redis.call('ZADD', KEYS[2], score, all[i + 1])
end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[3], ARGV[1])
return #all / 2
"""

# KEYS: seeds set, queue. ARGV: fingerprint, score, data. A seed enters once per run.
SEED = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""


class Lease:
    """One popped request and the follow-ups kept in this worker: ends when all have."""

    def __init__(self, token: str, release: Callable[[Lease], None]) -> None:
        self.token = token
        self.open = 1
        self._release = release

    def adopt(self) -> None:
        self.open += 1

    def done(self) -> None:
        self.open -= 1
        if self.open == 0:
            self._release(self)


class Ticket:
    """One request's share of a lease: ended once, by its callback or its errback."""

    def __init__(self, lease: Lease) -> None:
        self.lease = lease
        self.ended = False

    def end(self) -> None:
        if not self.ended:
            self.ended = True
            self.lease.done()


class LeasedCallback:
    """A request's callback (or errback) that ends its ticket once its output is consumed.

    Requests it yields that skip the shared duplicate filter (``dont_filter``) stay in this
    worker under the same lease: they are marked here and adopted when enqueued (a request
    a spider middleware drops is never adopted, so it cannot hold the lease forever).
    """

    def __init__(self, func: Callable[..., Any] | None, ticket: Ticket,
                 mark: Callable[[Any], None]) -> None:
        self.func = func  # None: an errback that only ends the ticket and passes the failure
        self.ticket = ticket
        self.mark = mark

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.func is None:
            self.ticket.end()
            return args[0]
        try:
            out = self.func(*args, **kwargs)
        except BaseException:
            self.ticket.end()
            raise
        if out is None or isinstance(out, Failure):
            self.ticket.end()
            return out
        if hasattr(out, "__aiter__"):
            return self._async_output(out)
        if inspect.isawaitable(out):
            return self._awaited(out)
        return self._output(out)

    def _output(self, out: Iterable[Any]) -> Iterable[Any]:
        try:
            for item in out:
                self.mark(item)
                yield item
        except GeneratorExit:  # the worker is stopping: the lease goes back to the queue
            raise
        except BaseException:
            self.ticket.end()
            raise
        self.ticket.end()

    async def _async_output(self, out: AsyncIterator[Any]) -> AsyncIterator[Any]:
        try:
            async for item in out:
                self.mark(item)
                yield item
        except GeneratorExit:
            raise
        except BaseException:
            self.ticket.end()
            raise
        self.ticket.end()

    async def _awaited(self, out: Any) -> Any:
        try:
            result = await out
        except BaseException:
            self.ticket.end()
            raise
        if result is None:
            self.ticket.end()
            return None
        return self._output(result)
