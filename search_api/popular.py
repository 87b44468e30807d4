"""What many citizens search for and open: autocomplete and the zero-result help.

Read from the analytics database at most every ``RELOAD_SECONDS``; autocomplete, which runs
on the event loop, never waits for that read (a stale list is given and reloaded in the
background).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search_api.analytics import Analytics
    from sikoja.results import Result

log = logging.getLogger(__name__)

RELOAD_SECONDS = 300


class PopularLists:
    def __init__(self, analytics: Analytics | None,
                 get_document: Callable[[str], Result | None]) -> None:
        self.analytics = analytics
        self._get_document = get_document
        self._queries: tuple[float, list[str]] = (0.0, [])
        self._queries_lock = threading.Lock()
        self._documents: tuple[float, list[dict[str, str]]] = (0.0, [])

    def forget(self) -> None:
        """Answers changed: the next call reads the lists again."""
        self._queries = (0.0, [])
        self._documents = (0.0, [])

    def queries(self, *, wait: bool = True) -> list[str]:
        """Queries many visitors made and found something with.

        With ``wait=False`` (autocomplete, on the event loop) a stale list is returned at
        once and reloaded in the background, so typing never waits for the analytics DB."""
        if self.analytics is None:
            return []
        loaded_at, queries = self._queries
        if loaded_at and time.monotonic() - loaded_at <= RELOAD_SECONDS:
            return queries
        if wait:
            return self._load_queries()
        if self._queries_lock.acquire(blocking=False):
            def reload() -> None:
                try:
                    self._load_queries()
                finally:
                    self._queries_lock.release()

            threading.Thread(target=reload, name="popular-queries", daemon=True).start()
        return queries

    def _load_queries(self) -> list[str]:
        queries: list[str] = self._queries[1]
        try:
            queries = [q for q, _ in self.analytics.popular_queries(limit=500)]
        except Exception:
            log.exception("loading popular queries failed")
        self._queries = (time.monotonic(), queries)
        return queries

    def services(self, limit: int = 8) -> list[dict[str, str]]:
        """The results citizens open most, for the zero-result help."""
        loaded_at, services = self._documents
        if self.analytics is not None and (
                not loaded_at or time.monotonic() - loaded_at > RELOAD_SECONDS):
            services = []
            for doc_id, _ in self.analytics.popular_documents(limit=limit * 2):
                doc = self._get_document(doc_id)
                if doc is not None:
                    services.append({"id": doc.id, "title": doc.title, "url": doc.url,
                                     "opd": doc.opd, "kind": doc.kind})
            self._documents = (time.monotonic(), services)
        return services[:limit]
