"""The search as the API serves it: one shared Searcher, response caches, index refresh.

The Searcher (``indexer.search``) does the searching; this module adds what a busy server
needs around it: the index is opened lazily (a server may start before the first crawl and
answers 503 until an index exists), a newer index version is picked up at most every
``refresh_every`` seconds without a restart, and answers are cached until the index,
synonyms or best bets change.
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from search_api.analytics import normalise_query
from search_api.cache import LRUCache
from sikoja.config import Settings
from sikoja.pipeline import open_built_searcher
from sikoja.results import Result

if TYPE_CHECKING:
    from indexer.backend import Filters
    from indexer.search import Searcher
    from search_api.analytics import Analytics

log = logging.getLogger(__name__)

_QUERY_HEAD = b'{"query":""'


class IndexUnavailable(Exception):
    """No index to search yet (nothing crawled and built), or it cannot be opened."""


@dataclass
class SearchOutcome:
    """A search answer ready to send, plus what analytics records about it."""

    body: bytes
    total: int
    did_you_mean: str | None
    top_id: str | None
    cached: bool
    query_text: str = ""  # the query as the caller typed it (echoed in the body)


@dataclass
class _Cached:
    tail: bytes  # the serialised response after its "query" value
    total: int
    did_you_mean: str | None
    top_id: str | None


def _outcome(q: str, entry: _Cached, *, cached: bool) -> SearchOutcome:
    """The answer for query ``q``: its own spelling echoed in front of the shared tail."""
    head = b'{"query":' + json.dumps(q, ensure_ascii=False).encode()
    return SearchOutcome(head + entry.tail, entry.total, entry.did_you_mean, entry.top_id,
                         cached, q)


class SearchService:
    def __init__(self, settings: Settings, *, analytics: Analytics | None = None,
                 refresh_every: float = 2.0, cache_ttl: float = 300.0,
                 answers_stamp: Callable[[], Hashable] | None = None) -> None:
        """``answers_stamp`` returns something that changes whenever answers may change
        outside this process (synonyms or best bets edited by the CLI, a new day for dated
        best bets); it is checked at most once a second."""
        self.settings = settings
        self.analytics = analytics
        self._answers_stamp = answers_stamp
        self._stamp: Hashable = None
        self._stamp_checked = 0.0
        self.refresh_every = refresh_every
        self._searcher: Searcher | None = None
        self._warmers: list[threading.Thread] = []
        self._closing = False
        self._open_lock = threading.Lock()
        self._refresh_lock = threading.Lock()
        self._last_refresh = 0.0
        self._version: Any = None
        self._last_open_error = 0.0
        self.search_cache: LRUCache[_Cached] = LRUCache(max_entries=2048, ttl=cache_ttl)
        self.suggest_cache: LRUCache[list[str]] = LRUCache(max_entries=8192, ttl=cache_ttl)
        self._popular: tuple[float, list[str]] = (0.0, [])
        self._popular_lock = threading.Lock()
        self._popular_docs: tuple[float, list[dict[str, str]]] = (0.0, [])
        self.generation = 0  # bumped whenever cached answers may have gone stale
        self.searches_run = 0  # searches that reached the index (cache misses that ran)

    # -- the searcher ------------------------------------------------------------------

    def searcher(self) -> Searcher:
        if self._searcher is not None:
            return self._searcher
        with self._open_lock:
            if self._searcher is None:
                # do not retry opening a broken index on every request of a burst
                if time.monotonic() - self._last_open_error < 1.0:
                    raise IndexUnavailable("the search index is not available yet")
                try:
                    opened = open_built_searcher(self.settings)
                except Exception as exc:
                    self._last_open_error = time.monotonic()
                    log.warning("cannot open the index: %s", exc)
                    raise IndexUnavailable("the search index is not available yet") from None
                if opened is None:  # nothing built yet: try again on a later request
                    self._last_open_error = time.monotonic()
                    raise IndexUnavailable("the search index is not available yet")
                searcher, info = opened
                self._version = info.get("version")
                self._last_refresh = time.monotonic()
                self._searcher = searcher
        return self._searcher

    def refresh_due(self) -> bool:
        return (self._searcher is not None
                and time.monotonic() - self._last_refresh >= self.refresh_every)

    def maybe_refresh(self, *, force: bool = False) -> None:
        """Pick up a newly built index version; cheap, and at most every few seconds."""
        searcher = self._searcher
        if searcher is None:
            return
        now = time.monotonic()
        if not force and now - self._last_refresh < self.refresh_every:
            return
        if not self._refresh_lock.acquire(blocking=force):
            return  # another request is refreshing right now
        try:
            self._last_refresh = now
            searcher.refresh()
            version = searcher.info().get("version")
            if version != self._version:
                log.info("index version %s is live (was %s)", version, self._version)
                self._version = version
                self.invalidate()
                self.warm_in_background(load_models=False)
        except Exception:
            log.exception("index refresh failed; still serving the previous version")
        finally:
            self._refresh_lock.release()

    def _check_stamp(self) -> None:
        if self._answers_stamp is None:
            return
        now = time.monotonic()
        if now - self._stamp_checked < 1.0:
            return
        self._stamp_checked = now
        try:
            stamp = self._answers_stamp()
        except Exception:
            log.exception("checking for synonym or best bet changes failed")
            return
        if stamp != self._stamp:
            if self._stamp is not None:
                self.invalidate()
            self._stamp = stamp

    def answers_changed(self) -> None:
        """Synonyms or best bets were just edited through this server: forget cached answers
        now, and take note of the new stamp so that the next stamp check does not clear the
        cache a second time for the same edit (dropping answers cached since)."""
        self.invalidate()
        if self._answers_stamp is not None:
            try:
                self._stamp = self._answers_stamp()
                self._stamp_checked = time.monotonic()
            except Exception:
                log.exception("checking for synonym or best bet changes failed")

    def invalidate(self) -> None:
        """Forget every cached answer (new index, synonyms or best bets changed)."""
        self.generation += 1
        self.search_cache.clear()
        self.suggest_cache.clear()
        self._popular = (0.0, [])
        self._popular_docs = (0.0, [])

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
        if self._searcher is not None:
            try:
                self._searcher.close()
            except Exception:
                log.exception("closing the searcher failed")
            self._searcher = None

    # -- what the API calls ------------------------------------------------------------

    @staticmethod
    def search_key(q: str, limit: int, page: int, filters: Filters | None,
                    explain: bool) -> tuple[Any, ...]:
        return ("search", normalise_query(q), limit, page,
                tuple(sorted(filters.opd)) if filters else (),
                tuple(sorted(filters.kind)) if filters else (), explain)

    def cached_search(self, q: str, *, limit: int = 10, page: int = 1,
                      filters: Filters | None = None, explain: bool = False,
                      count: bool = True) -> SearchOutcome | None:
        """The cached answer, or None; never touches the index (safe on the event loop)."""
        self._check_stamp()
        hit = self.search_cache.get(self.search_key(q, limit, page, filters, explain),
                                    count=count)
        if hit is None:
            return None
        return _outcome(q, hit, cached=True)

    def search(self, q: str, *, limit: int = 10, page: int = 1, filters: Filters | None = None,
               explain: bool = False) -> SearchOutcome:
        hit = self.cached_search(q, limit=limit, page=page, filters=filters, explain=explain,
                                 count=False)  # the caller has usually just looked
        if hit is not None:
            return hit
        searcher = self.searcher()
        generation = self.generation
        self.searches_run += 1
        response = searcher.search(q, limit=limit, page=page, filters=filters, explain=explain)
        top_id = response.results[0].id if response.results else None
        # "query" is SearchResponse's first field, so an empty one serialises as exactly
        # _QUERY_HEAD: the rest is the same for every spelling of the query and is cached.
        response.query = ""
        body = response.model_dump_json().encode()
        entry = _Cached(body[len(_QUERY_HEAD):], response.total, response.did_you_mean, top_id)
        if generation == self.generation:  # not invalidated while we were searching
            self.search_cache.put(self.search_key(q, limit, page, filters, explain), entry)
        return _outcome(q, entry, cached=False)

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Service and app names, then popular queries, that continue what was typed."""
        self._check_stamp()
        folded = normalise_query(prefix)
        if not folded:
            return []
        key = (folded, limit)
        hit = self.suggest_cache.get(key)
        if hit is not None:
            return hit
        generation = self.generation
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
        if generation == self.generation:
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
        """Queries many visitors made and found something with (reloaded every 5 minutes).

        With ``wait=False`` (autocomplete, on the event loop) a stale list is returned at
        once and reloaded in the background, so typing never waits for the analytics DB."""
        if self.analytics is None:
            return []
        loaded_at, queries = self._popular
        if loaded_at and time.monotonic() - loaded_at <= 300:
            return queries
        if wait:
            return self._load_popular()
        if self._popular_lock.acquire(blocking=False):
            def reload() -> None:
                try:
                    self._load_popular()
                finally:
                    self._popular_lock.release()

            threading.Thread(target=reload, name="popular-queries", daemon=True).start()
        return queries

    def _load_popular(self) -> list[str]:
        queries: list[str] = self._popular[1]
        try:
            queries = [q for q, _ in self.analytics.popular_queries(limit=500)]
        except Exception:
            log.exception("loading popular queries failed")
        self._popular = (time.monotonic(), queries)
        return queries

    def popular_services(self, limit: int = 8) -> list[dict[str, str]]:
        """The results citizens open most, for the zero-result help."""
        loaded_at, services = self._popular_docs
        if self.analytics is not None and (not loaded_at or time.monotonic() - loaded_at > 300):
            services = []
            for doc_id, _ in self.analytics.popular_documents(limit=limit * 2):
                doc = self.searcher().get_document(doc_id)
                if doc is not None:
                    services.append({"id": doc.id, "title": doc.title, "url": doc.url,
                                     "opd": doc.opd, "kind": doc.kind})
            self._popular_docs = (time.monotonic(), services)
        return services[:limit]


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
