"""Answers kept until the index, synonyms or best bets change.

A search's serialised response is cached without its echoed query, so every spelling of a
query ("Urus KTP", "urus  ktp") shares one entry and still gets its own spelling back.
``generation`` moves whenever cached answers may have gone stale: an answer computed across
a change is not stored. Changes made by another process (the CLI editing synonyms, a new day
for dated best bets) are noticed through ``answers_stamp``, checked at most once a second.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from search_api.analytics import normalise_query
from search_api.cache import LRUCache
from sikoja.config import ApiSettings

if TYPE_CHECKING:
    from indexer.backend import Filters
    from sikoja.results import SearchResponse

log = logging.getLogger(__name__)

_QUERY_HEAD = b'{"query":""'


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


def search_key(q: str, limit: int, page: int, filters: Filters | None,
               explain: bool) -> tuple[Any, ...]:
    return ("search", normalise_query(q), limit, page,
            tuple(sorted(filters.opd)) if filters else (),
            tuple(sorted(filters.kind)) if filters else (), explain)


class AnswerCache:
    def __init__(self, api: ApiSettings, *,
                 answers_stamp: Callable[[], Hashable] | None = None) -> None:
        self.search_cache: LRUCache[_Cached] = LRUCache(
            max_entries=api.search_cache_entries, ttl=api.cache_ttl_seconds)
        self.suggest_cache: LRUCache[list[str]] = LRUCache(
            max_entries=api.suggest_cache_entries, ttl=api.cache_ttl_seconds)
        self._answers_stamp = answers_stamp
        self._stamp: Hashable = None
        self._stamp_checked = 0.0
        self.generation = 0  # bumped whenever cached answers may have gone stale
        self.on_invalidate: list[Callable[[], None]] = []

    def check_stamp(self) -> None:
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
        for forget in self.on_invalidate:
            forget()

    def get_search(self, q: str, key: tuple[Any, ...], *, count: bool = True
                   ) -> SearchOutcome | None:
        """The cached answer, or None; never touches the index (safe on the event loop)."""
        self.check_stamp()
        hit = self.search_cache.get(key, count=count)
        return None if hit is None else _outcome(q, hit, cached=True)

    def put_search(self, q: str, key: tuple[Any, ...], response: SearchResponse,
                   generation: int) -> SearchOutcome:
        """The outcome of a search just run, cached unless answers changed meanwhile."""
        top_id = response.results[0].id if response.results else None
        # "query" is SearchResponse's first field, so an empty one serialises as exactly
        # _QUERY_HEAD: the rest is the same for every spelling of the query and is cached.
        response.query = ""
        body = response.model_dump_json().encode()
        entry = _Cached(body[len(_QUERY_HEAD):], response.total, response.did_you_mean, top_id)
        if generation == self.generation:  # not invalidated while we were searching
            self.search_cache.put(key, entry)
        return _outcome(q, entry, cached=False)
