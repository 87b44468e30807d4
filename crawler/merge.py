"""Collect the stores of a fleet's workers into one data dir: ``sikoja crawl-merge``.

In a crawl shared by several workers (``crawler.fleet``, docs/scaling.md) each worker
writes its own data dir, because a store is one SQLite file on one machine and the crawl
lock allows one crawl per data dir. Before indexing, their stores are merged into the main
data dir:

- pages: the URL is the key, so a page two workers both fetched (the first was killed after
  storing it, and its lease went back to the queue) is one document: the latest fetch wins;
- catalog apps: each catalog's record goes through ``put_app``, so a page and an app at one
  URL, stored by different workers, become the one merged document a single crawl stores;
- pages a worker found gone (404/410) leave the main store unless fetched later elsewhere;
- the workers' crawl history and fetch logs are copied once (``imported_crawls`` remembers
  which), so ``sikoja report sites`` reads the fleet's crawl from the main data dir;
- the site-level steps (``crawler.site``: template, titles, query twins, standards PDFs)
  run over each whole site, from the workers' saved links merged too (the workers leave
  them: each held part of a site), and the near-duplicate groups are recomputed (both
  span workers).

Merging is idempotent: merging the same workers again changes nothing.
"""

from __future__ import annotations

import fcntl
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from crawler.linkstore import LinkStore
from crawler.site import settle_source
from sikoja.errors import SikojaError
from sikoja.store import DocumentStore, documents_db_path


@dataclass
class MergeSummary:
    workers: int = 0
    pages: int = 0  # pages written to the main store (new or newer)
    apps: int = 0  # catalog records copied
    gone: int = 0
    repeated: int = 0  # pages more than one worker stored (kept once: the latest fetch)
    crawls: int = 0  # crawl rows copied
    groups: int = 0
    total: int = 0  # live documents in the main store after the merge

    def __str__(self) -> str:
        return (f"merged {self.workers} worker stores: {self.pages} pages written, "
                f"{self.apps} catalog apps, {self.gone} gone, {self.repeated} stored by "
                f"more than one worker (kept once), {self.crawls} crawls; "
                f"{self.total} live documents, {self.groups} near-duplicate groups")


def merge_stores(main: Path, workers: list[Path]) -> MergeSummary:
    """Merge the stores of ``workers`` into ``main``; SikojaError if one is missing, is the
    main data dir itself, or is being crawled."""
    from crawler.dedup import group_near_duplicates

    main = Path(main)
    sources = [Path(w) for w in workers]
    for worker in sources:
        if not documents_db_path(worker).is_file():
            raise SikojaError(f"no crawl data in {worker}: nothing to merge")
        if worker.resolve() == main.resolve():
            raise SikojaError(f"{worker} is the data dir merged into: name the workers' dirs")
    summary = MergeSummary(workers=len(sources))
    with ExitStack() as stack:
        for data_dir in [main, *sources]:
            stack.enter_context(_crawl_lock(data_dir))
        store = DocumentStore.open(main)
        stack.callback(store.close)
        seen: set[str] = set()
        for worker in sources:
            other = DocumentStore.open(worker)
            try:
                _merge_one(store, other, worker, summary, seen)
            finally:
                other.close()
        # a site's pages now come from several workers: its site-level steps run over the
        # whole site, as at the end of a single crawl (crawler.site)
        links = LinkStore.open(main)
        stack.callback(links.close)
        for worker in sources:
            worker_links = worker / "crawl-state" / "links.db"
            if worker_links.is_file():
                links.absorb(worker_links)
        for source in sorted({r["source"] for r in store.query(
                "SELECT DISTINCT source FROM documents WHERE status = 'live'")}):
            settle_source(store, links, source, None, log=False)
        summary.groups = group_near_duplicates(store)
        summary.total = store.count()
    return summary


def _merge_one(store: DocumentStore, other: DocumentStore, origin: Path,
               summary: MergeSummary, seen: set[str]) -> None:
    for app in other.iter_catalog_apps():
        store.put_app(app)
        summary.apps += 1
    for page, etag, last_modified in other.iter_pages():
        if page.url in seen:
            summary.repeated += 1
        seen.add(page.url)
        current = store.query("SELECT status, fetched_at FROM documents WHERE url = ?",
                              (page.url,))
        newer = not current or (current[0]["fetched_at"] or "") < (page.fetched_at or "")
        # a catalog's app alone at the URL takes the page in; a page retired since (a
        # query twin) stays retired unless this fetch is newer
        if newer or (current[0]["status"] == "live" and store.is_catalog_only(page.url)):
            store.upsert(page, etag=etag, http_last_modified=last_modified)
            summary.pages += 1
    for row in other.query("SELECT url, source, updated_at FROM documents "
                           "WHERE status = 'gone'"):
        current = store.query("SELECT source, fetched_at FROM documents WHERE url = ? AND "
                              "status = 'live'", (row["url"],))
        # a page the worker's source retired as no longer its own (a shared host split,
        # ``WebsiteSpider.spider_idle``) is not the copy another source stored as its own
        if (current and iso_epoch(current[0]["fetched_at"]) < row["updated_at"]
                and _gone_for(other, row, current[0]["source"])):
            summary.gone += int(store.mark_gone(row["url"]))
    summary.crawls += _copy_history(store, other, str(origin.resolve()))


def _gone_for(other: DocumentStore, row: Any, source: str) -> bool:
    """Whether the worker's retirement of ``row`` holds for the main store's copy, held by
    ``source``: the worker's copy was that source's, or that source found the page gone."""
    return row["source"] == source or bool(other.query(
        "SELECT 1 FROM fetch_log WHERE url = ? AND source = ? AND outcome = 'gone' LIMIT 1",
        (row["url"], source)))


def _copy_history(store: DocumentStore, other: DocumentStore, origin: str) -> int:
    """Copy the worker's finished crawls and their fetch logs, each once."""
    copied = 0
    for crawl in other.query("SELECT * FROM crawls WHERE state != 'running' ORDER BY id"):
        fetches = other.query("SELECT * FROM fetch_log WHERE crawl_id = ? ORDER BY id",
                              (crawl["id"],))
        copied += store.import_crawl(origin, crawl, fetches)
    return copied


def iso_epoch(iso: str | None) -> float:
    """An ISO time (``Document.fetched_at``) in epoch seconds; 0 for none or unreadable."""
    if not iso:
        return 0.0
    try:
        return datetime.fromisoformat(iso).timestamp()
    except ValueError:
        return 0.0


class _crawl_lock:  # noqa: N801 - used as a context manager
    """Hold a data dir's crawl lock (``crawler.run``): no crawl may write it meanwhile."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.file: IO[str] | None = None

    def __enter__(self) -> _crawl_lock:
        state = self.data_dir / "crawl-state"
        state.mkdir(parents=True, exist_ok=True)
        self.file = open(state / "crawl.lock", "a+", encoding="utf-8")  # noqa: SIM115
        try:
            fcntl.flock(self.file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.file.close()
            raise SikojaError(f"a crawl of {self.data_dir} is running: merge it once it "
                              "has finished") from None
        return self

    def __exit__(self, *exc: object) -> None:
        if self.file is not None:
            fcntl.flock(self.file, fcntl.LOCK_UN)
            self.file.close()
