"""The one Searcher a server shares, opened lazily and swapped to a newer index version.

A server may start before the first crawl: the index is opened on the first request that
needs it, answers ``IndexUnavailable`` (503) until one exists, and does not retry a broken
index on every request of a burst. A newly built version is picked up at most every
``Settings.api.index_refresh_seconds`` without a restart.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Any

from sikoja.config import Settings
from sikoja.pipeline import open_built_searcher

if TYPE_CHECKING:
    from indexer.search import Searcher

log = logging.getLogger(__name__)


class IndexUnavailable(Exception):
    """No index to search yet (nothing crawled and built), or it cannot be opened."""


class LiveIndex:
    def __init__(self, settings: Settings,
                 opened: tuple[Searcher, dict[str, Any]] | None = None) -> None:
        """``opened`` is a searcher the caller already opened (with its info, as
        ``open_built_searcher`` gives both): served as is, so a server whose start checked
        the index does not open it a second time. Closed with this LiveIndex."""
        self.settings = settings
        self.refresh_every = settings.api.index_refresh_seconds
        self._searcher: Searcher | None = None
        self._open_lock = threading.Lock()
        self._refresh_lock = threading.Lock()
        self._last_refresh = 0.0
        self._last_open_error = 0.0
        self.version: Any = None
        if opened is not None:
            self._adopt(*opened)

    def _adopt(self, searcher: Searcher, info: dict[str, Any]) -> None:
        self.version = info.get("version")
        self._last_refresh = time.monotonic()
        self._searcher = searcher

    @property
    def opened(self) -> bool:
        return self._searcher is not None

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
                self._adopt(*opened)
        return self._searcher

    def refresh_due(self) -> bool:
        return (self._searcher is not None
                and time.monotonic() - self._last_refresh >= self.refresh_every)

    def refresh(self, *, force: bool = False) -> bool:
        """Pick up a newly built index version; cheap, and at most every few seconds.
        True when a new version went live (cached answers are then stale)."""
        searcher = self._searcher
        if searcher is None:
            return False
        now = time.monotonic()
        if not force and now - self._last_refresh < self.refresh_every:
            return False
        if not self._refresh_lock.acquire(blocking=force):
            return False  # another request is refreshing right now
        try:
            self._last_refresh = now
            searcher.refresh()
            version = searcher.info().get("version")
            if version == self.version:
                return False
            log.info("index version %s is live (was %s)", version, self.version)
            self.version = version
            return True
        except Exception:
            log.exception("index refresh failed; still serving the previous version")
            return False
        finally:
            self._refresh_lock.release()

    def close(self) -> None:
        if self._searcher is not None:
            try:
                self._searcher.close()
            except Exception:
                log.exception("closing the searcher failed")
            self._searcher = None
