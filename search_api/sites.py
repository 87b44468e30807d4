"""Per-source crawl health for /api/health, /admin and /metrics, from the crawler's report.

The crawler owns the numbers (``crawler.reports.sites_report`` over the document store);
this module only reads them, keeps them for half a minute (a health check or a Prometheus
scrape every few seconds must not rescan the fetch log), and turns them into plain dicts.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CACHE_SECONDS = 30.0


class SiteHealthReader:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self._cached: tuple[float, list[dict[str, Any]]] = (0.0, [])
        self._lock = threading.Lock()

    def sites(self, *, fresh: bool = False) -> list[dict[str, Any]]:
        with self._lock:
            at, sites = self._cached
            if not fresh and at and time.monotonic() - at < CACHE_SECONDS:
                return sites
            sites = self._read()
            self._cached = (time.monotonic(), sites)
            return sites

    def _read(self) -> list[dict[str, Any]]:
        from sikoja.store import DocumentStore, documents_db_path

        if not documents_db_path(self.data_dir).is_file():
            return []
        try:
            from crawler.reports import sites_report
        except ImportError:
            log.warning("crawler.reports is not available; no site health")
            return []
        store = DocumentStore.open(self.data_dir)
        try:
            report = sites_report(store)
        except Exception:
            log.exception("reading site health failed")
            return []
        finally:
            store.close()
        return [_plain(site) for site in report]


def _plain(site: Any) -> dict[str, Any]:
    if hasattr(site, "model_dump"):
        data = site.model_dump(mode="json")
    elif hasattr(site, "__dataclass_fields__"):
        from dataclasses import asdict

        data = asdict(site)
    else:
        data = dict(site)
    last = data.get("last_success_at") or data.get("last_success")
    data["last_success_ts"] = _timestamp(last)
    return data


def _timestamp(value: Any) -> float | None:
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
        except ValueError:
            return None
    return None
