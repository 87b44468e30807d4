"""Per-source crawl health for /api/health, /admin and /metrics, from the crawler's report.

The crawler owns the numbers (``crawler.reports.sites_report`` over the document store);
this module only reads them, keeps them for half a minute (a health check or a Prometheus
scrape every few seconds must not rescan the fetch log), and turns them into plain dicts.
When the store cannot be opened (a full disk cannot make SQLite's WAL files), the last
numbers read are kept and ``problem`` says why, for /api/health.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crawler.reports import SiteHealth

log = logging.getLogger(__name__)

CACHE_SECONDS = 30.0


class SiteHealthReader:
    def __init__(self, data_dir: Path, *, sources_path: Path | None = None) -> None:
        self.data_dir = Path(data_dir)
        # the sources admin crawls read: which sites the next crawl re-reads in full
        self.sources_path = sources_path or self.data_dir / "sources.yaml"
        self._cached: tuple[float, list[dict[str, Any]]] = (0.0, [])
        self._lock = threading.Lock()
        self.problem: str | None = None

    def sites(self, *, fresh: bool = False) -> list[dict[str, Any]]:
        with self._lock:
            at, sites = self._cached
            if not fresh and at and time.monotonic() - at < CACHE_SECONDS:
                return sites
            read = self._read()
            sites = sites if read is None else read
            self._cached = (time.monotonic(), sites)
            return sites

    def _read(self) -> list[dict[str, Any]] | None:
        """The report, or None when the store cannot be opened now."""
        from sikoja.store import DocumentStore, documents_db_path

        if not documents_db_path(self.data_dir).is_file():
            return []
        try:
            from crawler.reports import configured_sources, sites_report
        except ImportError:
            log.warning("crawler.reports is not available; no site health")
            return []
        try:
            store = DocumentStore.open(self.data_dir)
        except (sqlite3.Error, OSError) as exc:
            log.warning("cannot open the document store for site health: %s", exc)
            self.problem = f"crawl health cannot be read: {exc}"
            return None
        self.problem = None
        try:
            report = sites_report(store, sources=configured_sources(self.sources_path))
        except Exception:
            log.exception("reading site health failed")
            return []
        finally:
            store.close()
        return [_plain(site) for site in report]


def _plain(site: SiteHealth) -> dict[str, Any]:
    """The report's fields, plus ``last_success_ts`` (Unix time) for the metrics gauge."""
    data = site.to_dict()
    data["last_success_ts"] = (datetime.fromisoformat(site.last_success_at).timestamp()
                               if site.last_success_at else None)
    return data
