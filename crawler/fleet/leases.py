"""In-flight URLs that survive the worker: Redis scripts and the callback wrapper.

Scrapy-redis pops a request from the shared queue and forgets it: if the worker is killed
(``kill -9``, a lost machine) before the page is stored, the URL is gone for the whole fleet.
Here a pop moves the request, in one Redis script, from the queue into the worker's
``leases`` hash. It stays there until its callback or errback has run to the end, every
request the callback yielded is in the shared queue (Scrapy may queue one after the
callback has ended), every item it yielded has been through the item pipelines (Scrapy
stores them after the callback's end too), and every request the callback keeps inside
this worker is done (a retry, a redirect hop, the scripts and JSON a page is drawn from:
they carry this worker's state, so they are not shared). A
worker whose heartbeat key has expired is dead: any other worker moves its whole hash back
into the queue, again in one script, so exactly one worker takes each lease back.

Ending a lease late rather than early is deliberate: a URL fetched twice (its worker died
after storing the page) is one document after the merge (the URL is the key), a URL never
fetched is a lost page.
"""

from __future__ import annotations

import contextvars
import inspect
import weakref
from collections.abc import AsyncIterator, Iterable
from typing import TYPE_CHECKING, Any

from twisted.python.failure import Failure

if TYPE_CHECKING:
    from collections.abc import Callable

# Tokens are "<queue>|<score>|<n>": a requeue puts a request back in its queue, at its rank.

# KEYS: queue, leases hash, lease counter. ARGV: queue name. Pops the best request into the
# leases hash and returns {token, data}.
POP = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return nil end
redis.call('ZREM', KEYS[1], top[1])
local token = ARGV[1] .. '|' .. top[2] .. '|' .. redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], token, top[1])
return {token, top[1]}
"""

# KEYS: leases hash, workers set. ARGV: worker id, key prefix. Puts every lease back in
# its queue, and takes back what its callback added to the shared sets (the page budget,
# the pages produced): the callback will run again elsewhere and must find them free.
REQUEUE = """
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local queue, score = string.match(all[i], '^(.-)|(.-)|')
  redis.call('ZADD', ARGV[2] .. ':' .. queue, score, all[i + 1])
  local undo = ARGV[2] .. ':undo:' .. all[i]
  for _, entry in ipairs(redis.call('SMEMBERS', undo)) do
    local key, member = string.match(entry, '^(.-)\t(.*)$')
    redis.call('SREM', key, member)
  end
  redis.call('DEL', undo)
end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
return #all / 2
"""

# KEYS: leases hash, open start pages counter, undo set. ARGV: token. A start page's end
# opens the rest of the site to the fleet.
RELEASE = """
if redis.call('HDEL', KEYS[1], ARGV[1]) == 1 and string.sub(ARGV[1], 1, 7) == 'starts|' then
  redis.call('DECR', KEYS[2])
end
redis.call('DEL', KEYS[3])
return 0
"""

# KEYS: a shared set, the lease's undo set. ARGV: member. Added under a lease: noted.
SHARED_ADD = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 1 and KEYS[2] ~= '' then
  redis.call('SADD', KEYS[2], KEYS[1] .. '\t' .. ARGV[1])
end
return 0
"""

# The lease whose callback is running now (its shared-set additions are undone if the
# worker dies before the lease ends); None outside callbacks.
current: contextvars.ContextVar[str | None] = contextvars.ContextVar("sikoja_lease",
                                                                      default=None)

# KEYS: seeds set, queue, open start pages counter. ARGV: fingerprint, score, data, start.
# A seed enters once per run.
SEED = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
if ARGV[4] == '1' then redis.call('INCR', KEYS[3]) end
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
    """One request's share of a lease: ended once, by its callback or its errback, or when
    the last copy of the request is dropped unanswered (a spider middleware filtered it:
    the ticket is garbage then, and must not hold the lease forever)."""

    def __init__(self, lease: Lease) -> None:
        self.lease = lease
        self.state = [False]  # ended; outside the object, for the finalizer
        weakref.finalize(self, _orphaned, self.state, lease)

    @property
    def ended(self) -> bool:
        return self.state[0]

    def end(self) -> None:
        if not self.state[0]:
            self.state[0] = True
            self.lease.done()


def _orphaned(state: list[bool], lease: Lease) -> None:
    if not state[0]:
        state[0] = True
        lease.done()


class LeasedCallback:
    """A request's callback (or errback) that ends its ticket once its output is consumed.

    Requests it yields that skip the shared duplicate filter (``dont_filter``) stay in this
    worker under the same lease: ``adopt`` gives each its own ticket as it is yielded,
    before the callback can end (a request the callback yields last may be enqueued after
    the callback's own ticket has ended).
    """

    def __init__(self, func: Callable[..., Any] | None, ticket: Ticket,
                 adopt: Callable[[Any], None]) -> None:
        self.func = func  # None: an errback that only ends the ticket and passes the failure
        self.ticket = ticket
        self.adopt = adopt

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.func is None:
            self.ticket.end()
            return args[0]
        mark = current.set(self.ticket.lease.token)
        try:
            out = self.func(*args, **kwargs)
        except BaseException:
            self.ticket.end()
            raise
        finally:
            current.reset(mark)
        if out is None or isinstance(out, Failure):
            self.ticket.end()
            return out
        if hasattr(out, "__aiter__"):
            return self._async_output(out)
        if inspect.isawaitable(out):
            return self._awaited(out)
        return self._output(out)

    def _output(self, out: Iterable[Any]) -> Iterable[Any]:
        iterator = iter(out)
        try:
            while True:
                mark = current.set(self.ticket.lease.token)
                try:
                    item = next(iterator)
                except StopIteration:
                    break
                finally:
                    current.reset(mark)
                self.adopt(item)
                yield item
        except GeneratorExit:  # the worker is stopping: the lease goes back to the queue
            raise
        except BaseException:
            self.ticket.end()
            raise
        self.ticket.end()

    async def _async_output(self, out: AsyncIterator[Any]) -> AsyncIterator[Any]:
        iterator = aiter(out)
        try:
            while True:
                mark = current.set(self.ticket.lease.token)
                try:
                    item = await anext(iterator)
                except StopAsyncIteration:
                    break
                finally:
                    current.reset(mark)
                self.adopt(item)
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
