"""Live counters of a crawl, written by the child as JSON lines for the parent to relay.

The child process owns the counters (the pipeline bumps them per item); every second it
prints one snapshot line on stdout. The parent never parses Scrapy's logs.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from typing import TextIO

from sikoja.wording import count


class CrawlBoard:
    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out or sys.stdout
        self.started = time.monotonic()
        self.counts: dict[str, Counter[str]] = {}

    def count(self, source: str, counter: str, n: int = 1) -> None:
        self.counts.setdefault(source, Counter())[counter] += n

    def snapshot(self) -> dict[str, object]:
        return {
            "type": "progress",
            "elapsed": round(time.monotonic() - self.started, 2),
            "sources": {name: dict(c) for name, c in self.counts.items()},
        }

    def emit(self, kind: str = "progress") -> None:
        data = self.snapshot()
        data["type"] = kind
        if kind == "done":
            import resource

            usage = resource.getrusage(resource.RUSAGE_SELF)
            # high-water mark of this process's resident memory (KiB on Linux)
            data["peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)
            data["cpu_seconds"] = round(usage.ru_utime + usage.ru_stime, 2)
        self.out.write(json.dumps(data) + "\n")
        self.out.flush()


def format_progress(snapshot: dict[str, object]) -> str:
    """``crawl 12.0s: 340 pages (300 new, 2 changed, 38 unchanged), 4 errors, 28.3 pages/s``"""
    totals: Counter[str] = Counter()
    sources = snapshot.get("sources") or {}
    assert isinstance(sources, dict)
    for counts in sources.values():
        totals.update(counts)
    pages = totals["stored"] + totals["changed"] + totals["unchanged"]
    elapsed = float(snapshot.get("elapsed") or 0.0)
    rate = (pages + totals["errors"] + totals["gone"]) / elapsed if elapsed > 0 else 0.0
    extra = f", {totals['gone']} gone" if totals["gone"] else ""
    extra += f", {totals['skipped']} skipped" if totals["skipped"] else ""
    return (f"crawl {elapsed:.0f}s: {pages} pages ({totals['stored']} new, "
            f"{totals['changed']} changed, {totals['unchanged']} unchanged), "
            f"{count(totals['errors'], 'error')}{extra}, {rate:.1f} pages/s")
