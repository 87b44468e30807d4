"""The search as the API serves it: one service object, each of its jobs in its own module.

- ``search_api.live_index``: the shared Searcher, opened lazily, refreshed to new versions;
- ``search_api.answer_cache``: answers cached until the index, synonyms or best bets change;
- ``search_api.popular``: what many citizens search for and open;
- here: what a request asks for, checked (one query-length limit, filter counts), then
  answered from the cache, else searched once however many ask at the same moment
  (``SingleFlight``) on a few search threads, and counted (analytics, metrics).

Routes call ``SearchService`` and never reach past it, so a test can hand the app another
service (``app.dependency_overrides``) and every route uses it.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import math
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from anyio import CapacityLimiter, to_thread

from indexer.backend import Filters
from search_api.analytics import normalise_query
from search_api.answer_cache import AnswerCache, SearchOutcome, search_key
from search_api.live_index import IndexUnavailable, LiveIndex
from search_api.popular import PopularLists
from sikoja.config import Settings
from sikoja.errors import query_too_long
from sikoja.results import Result

if TYPE_CHECKING:
    from indexer.search import Searcher
    from search_api.analytics import Analytics
    from search_api.metrics import Metrics

__all__ = ["IndexUnavailable", "InvalidRequest", "SearchOutcome", "SearchRequest",
           "SearchService"]

log = logging.getLogger(__name__)

MAX_FILTER_VALUES = 20
MAX_OPD_CHARS = 200


class InvalidRequest(Exception):
    """A request whose shape is right but whose values are not: answered 422 with the same
    body as FastAPI's own validation errors (``search_api.errors``)."""

    def __init__(self, field: str, message: str, *, where: str = "query") -> None:
        super().__init__(message)
        self.field = field
        self.where = where
        self.message = message


@dataclass
class SearchRequest:
    """One citizen's search, as the API received it."""

    q: str
    limit: int = 10
    page: int = 1
    opd: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    explain: bool = False
    record: bool = True  # false for a page's own helper lookups
    client_address: str | None = None


class SingleFlight:
    """One search per distinct query at a time: when "urus ktp" arrives 30 times at once
    (a popular query, a cold cache), the first runs and the others wait for its answer
    instead of running the same search 30 times."""

    def __init__(self, limiter: CapacityLimiter) -> None:
        self.limiter = limiter
        self._running: dict[Any, asyncio.Future[Any]] = {}

    async def run(self, key: Any, fn: Any) -> Any:
        running = self._running.get(key)
        if running is not None:
            return await asyncio.shield(running)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._running[key] = future
        try:
            result = await to_thread.run_sync(fn, limiter=self.limiter)
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning without waiters
            raise
        else:
            future.set_result(result)
            return result
        finally:
            self._running.pop(key, None)


class SearchService:
    def __init__(self, settings: Settings, *, analytics: Analytics | None = None,
                 metrics: Metrics | None = None,
                 answers_stamp: Callable[[], Hashable] | None = None,
                 opened: tuple[Searcher, dict[str, Any]] | None = None) -> None:
        """``answers_stamp`` returns something that changes whenever answers may change
        outside this process (synonyms or best bets edited by the CLI, a new day for dated
        best bets); it is checked at most once a second. ``opened``: an index the caller
        already opened (``LiveIndex``)."""
        self.settings = settings
        self.analytics = analytics
        self.metrics = metrics
        self.index = LiveIndex(settings, opened)
        self.answers = AnswerCache(settings.api, answers_stamp=answers_stamp)
        self.popular = PopularLists(analytics, self.get_document)
        self.answers.on_invalidate.append(self.popular.forget)
        # Searching is CPU-bound Python: a few slots, first come first served, keep cached
        # answers fast and uncached ones fair.
        self.search_slots = CapacityLimiter(settings.api.search_threads)
        self._in_flight = SingleFlight(self.search_slots)
        self._warmers: list[threading.Thread] = []
        self._closing = False
        self.searches_run = 0  # searches that reached the index (cache misses that ran)

    # -- state other parts of the server read ---------------------------------------

    @property
    def search_cache(self):  # noqa: ANN201 - LRUCache of cached answers
        return self.answers.search_cache

    @property
    def suggest_cache(self):  # noqa: ANN201 - LRUCache of suggestion lists
        return self.answers.suggest_cache

    @property
    def generation(self) -> int:
        return self.answers.generation

    @property
    def max_query_length(self) -> int:
        return self.settings.api.max_query_length

    # -- the searcher and its versions ------------------------------------------------

    def searcher(self) -> Searcher:
        return self.index.searcher()

    def refresh_due(self) -> bool:
        return self.index.refresh_due()

    def maybe_refresh(self, *, force: bool = False) -> None:
        """Pick up a newly built index version; a new one empties the caches and warms the
        most popular answers again."""
        if self.index.refresh(force=force):
            self.invalidate()
            self.warm_in_background(load_models=False)

    async def refresh_if_due(self) -> None:
        if self.refresh_due():
            await to_thread.run_sync(self.maybe_refresh)

    def invalidate(self) -> None:
        """Forget every cached answer (new index, synonyms or best bets changed)."""
        self.answers.invalidate()

    def answers_changed(self) -> None:
        """Synonyms or best bets were just edited through this server."""
        self.answers.answers_changed()

    def warm(self, *, load_models: bool = True, popular: int = 50) -> None:
        """Get ready before citizens ask: open the index, load the embedder, and put the
        answers to the most popular queries in the cache (an emptied cache after a reindex
        would otherwise make the next few hundred citizens wait for uncached searches)."""
        try:
            searcher = self.searcher()
            if load_models and hasattr(searcher, "warm_up"):
                searcher.warm_up()
            if self.analytics is not None:
                for query, _ in self.analytics.popular_queries(limit=popular):
                    if self._closing:
                        return
                    self.search(query)
        except IndexUnavailable:
            pass
        except Exception:
            log.exception("warming the search up failed")

    def warm_in_background(self, *, load_models: bool = True) -> None:
        thread = threading.Thread(target=self.warm, kwargs={"load_models": load_models},
                                  name="search-warm-up", daemon=True)
        self._warmers = [t for t in self._warmers if t.is_alive()] + [thread]
        thread.start()

    def close(self) -> None:
        # A warm-up still searching would read stores closed under it (a crash in SQLite):
        # tell it to stop after its current query and wait for it.
        self._closing = True
        for thread in self._warmers:
            thread.join(timeout=60)
        self.index.close()

    # -- checking what was asked ---------------------------------------------------------

    def check_query(self, q: str, *, where: str = "query", name: str = "q") -> None:
        if len(q) > self.max_query_length:
            raise InvalidRequest(name, query_too_long(self.max_query_length), where=where)

    @staticmethod
    def check_filters(opd: list[str], kind: list[str]) -> None:
        if len(opd) > MAX_FILTER_VALUES or len(kind) > MAX_FILTER_VALUES:
            raise InvalidRequest("opd" if len(opd) > MAX_FILTER_VALUES else "kind",
                                 f"at most {MAX_FILTER_VALUES} values per filter")
        if any(len(o) > MAX_OPD_CHARS for o in opd):
            raise InvalidRequest("opd", f"an opd filter value is at most {MAX_OPD_CHARS} "
                                        "characters")

    # -- answering -----------------------------------------------------------------------

    async def answer(self, request: SearchRequest) -> SearchOutcome:
        """A search as the API serves it: checked, from the cache when it can be, else
        searched once for everyone asking the same at this moment; counted unless it is a
        page's own helper lookup."""
        self.check_query(request.q)
        text = request.q.strip() or request.q  # only what Python alone calls space: as typed
        self.check_filters(request.opd, request.kind)
        await self.refresh_if_due()
        filters = (Filters(opd=list(request.opd), kind=list(request.kind))
                   if (request.opd or request.kind) else None)
        params = {"limit": request.limit, "page": request.page, "filters": filters,
                  "explain": request.explain}
        outcome = self.cached_search(text, **params)
        if outcome is None:
            run = functools.partial(self.search, text, **params)
            key = self.search_key(text, request.limit, request.page, filters, request.explain)
            outcome = await self._in_flight.run(key, run)
            if outcome.query_text != text:  # answered by an identical search, other spelling
                outcome = (self.cached_search(text, count=False, **params)
                           or await to_thread.run_sync(run, limiter=self.search_slots))
        if request.record:
            self._record(request, text, outcome)
        return outcome

    def _record(self, request: SearchRequest, text: str, outcome: SearchOutcome) -> None:
        if self.analytics is not None:
            self.analytics.record_search(
                text, results=outcome.total, page=request.page,
                filters={"opd": list(request.opd), "kind": list(request.kind)},
                did_you_mean=outcome.did_you_mean, top_id=outcome.top_id,
                visitor=self.analytics.visitor(request.client_address))
        if self.metrics is not None:
            self.metrics.searches.labels("results" if outcome.total else "zero_results").inc()

    def record_click(self, query: str, *, doc_id: str, url: str | None, position: int | None,
                     client_address: str | None) -> None:
        """A citizen opened a result (click-through per query; nothing personal kept)."""
        self.check_query(query, where="body", name="query")
        if self.analytics is not None:
            self.analytics.record_click(query, doc_id=doc_id, url=url, position=position,
                                        visitor=self.analytics.visitor(client_address))

    search_key = staticmethod(search_key)

    def cached_search(self, q: str, *, limit: int = 10, page: int = 1,
                      filters: Filters | None = None, explain: bool = False,
                      count: bool = True) -> SearchOutcome | None:
        """The cached answer, or None; never touches the index (safe on the event loop)."""
        return self.answers.get_search(q, search_key(q, limit, page, filters, explain),
                                       count=count)

    def search(self, q: str, *, limit: int = 10, page: int = 1, filters: Filters | None = None,
               explain: bool = False) -> SearchOutcome:
        hit = self.cached_search(q, limit=limit, page=page, filters=filters, explain=explain,
                                 count=False)  # the caller has usually just looked
        if hit is not None:
            return hit
        searcher = self.searcher()
        generation = self.answers.generation
        self.searches_run += 1
        response = searcher.search(q, limit=limit, page=page, filters=filters, explain=explain)
        return self.answers.put_search(q, search_key(q, limit, page, filters, explain),
                                       response, generation)

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Service and app names, then popular queries, that continue what was typed."""
        self.check_query(prefix)
        self.answers.check_stamp()
        folded = normalise_query(prefix)
        if not folded:
            return []
        key = (folded, limit)
        hit = self.suggest_cache.get(key)
        if hit is not None:
            return hit
        generation = self.answers.generation
        names = self.searcher().suggest(folded, limit=limit)
        words = folded.split()
        queries = [q for q in self.popular_queries(wait=False)
                   if all(any(w.startswith(p) for w in q.split()) for p in words)][:limit]
        out: list[str] = []
        seen: set[str] = set()
        first_names = math.ceil(limit * 0.6)
        for item in [*names[:first_names], *queries, *names[first_names:]]:
            if item.casefold() not in seen:
                seen.add(item.casefold())
                out.append(item)
        out = out[:limit]
        if generation == self.answers.generation:
            self.suggest_cache.put(key, out)
        return out

    def service_names(self, prefix: str, limit: int = 8) -> list[str]:
        return self.searcher().suggest(normalise_query(prefix), limit=limit)

    def get_document(self, doc_id: str) -> Result | None:
        return self.searcher().get_document(doc_id)

    def top_result(self, query: str) -> tuple[str, str, str] | None:
        response = self.searcher().search(query, limit=1)
        if not response.results:
            return None
        top = response.results[0]
        return top.title, top.url, top.id

    def info(self) -> dict[str, Any] | None:
        """Index facts for /api/health and /metrics, or None when there is no index."""
        try:
            info = dict(self.searcher().info())
        except IndexUnavailable:
            return None
        built = _parse_time(info.get("built_at"))
        info["age_seconds"] = round(time.time() - built.timestamp(), 1) if built else None
        return info

    def popular_queries(self, *, wait: bool = True) -> list[str]:
        return self.popular.queries(wait=wait)

    def popular_services(self, limit: int = 8) -> list[dict[str, str]]:
        return self.popular.services(limit)


def _parse_time(value: Any) -> datetime | None:
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, UTC)
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
