"""The crawl process: ``python -m crawler.child JOB.json``.

Scrapy's Twisted reactor cannot be restarted in a process, so every crawl runs here, in a
fresh interpreter that the parent (``crawler.run``) starts, watches and, if needed, stops
(SIGTERM: graceful, the frontier is saved for resuming). All sources of one crawl run side
by side in one reactor, each as its own Scrapy crawler with its own politeness settings.

This process never outlives its parent: it runs in its own session (a terminal's Ctrl-C
goes to the parent, which stops it gracefully), so a parent killed with ``kill -9`` would
otherwise leave it crawling on its own. Two watches stop it when the parent is gone:

- on Linux, ``PR_SET_PDEATHSIG`` (when the parent started it from its main thread: the
  signal follows the thread, not the process) has the kernel send SIGTERM;
- everywhere, its stdin is a pipe from the parent that the parent never writes to: end of
  file means the parent is gone. The crawl is stopped gracefully, and after
  ``ORPHAN_GRACE`` seconds the process exits whatever it is waiting for.

The parent's lock on the data dir (``crawl-state/crawl.lock``) is inherited, so the lock is
held for as long as this process lives, even after its parent died.

A storage error anywhere (disk full, read-only, I/O error) ends this process at once with
one ``fatal`` line on stdout (``crawler.storage``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from crawler.progress import CrawlBoard
from crawler.storage import StorageGuard, stop_for_storage, storage_problem

ORPHAN_GRACE = 30.0
PARENT_ENV = "SIKOJA_CRAWL_PARENT"  # "<pid>" or "<pid>:pdeathsig"
_PR_SET_PDEATHSIG = 1


def watch_parent(stop: Any) -> None:
    """Stop the crawl (``stop()``, then a hard exit) as soon as the parent is gone."""
    parent = os.environ.get(PARENT_ENV, "")
    pid, _, mode = parent.partition(":")
    if mode == "pdeathsig" and sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the pipe below still notices
        if pid.isdigit() and os.getppid() != int(pid):  # gone before prctl took effect
            os.kill(os.getpid(), signal.SIGTERM)

    def wait_for_eof() -> None:
        # os.read, not sys.stdin: a daemon thread blocked in a buffered read would hold
        # its lock while the interpreter shuts down (a fatal error at exit)
        try:
            while os.read(stdin, 4096):
                pass
        except OSError:
            pass
        stop()
        timer = threading.Timer(ORPHAN_GRACE, os._exit, args=(1,))
        timer.daemon = True
        timer.start()

    stdin = sys.stdin.fileno() if sys.stdin is not None else -1
    if parent and stdin >= 0:
        threading.Thread(target=wait_for_eof, name="parent-watch", daemon=True).start()


def run_job(job: dict[str, object]) -> None:
    from scrapy.crawler import CrawlerProcess
    from twisted.internet import task

    from crawler.settings import scrapy_settings
    from crawler.spiders.catalog import CatalogSpider
    from crawler.spiders.website import WebsiteSpider
    from sikoja.config import CrawlSettings
    from sikoja.sources import Source

    data_dir = Path(str(job["data_dir"]))
    crawl = CrawlSettings.model_validate(job["crawl"])
    values = scrapy_settings(crawl, data_dir)
    values.update(job.get("overrides") or {})  # type: ignore[call-overload]
    process = CrawlerProcess(values)
    logging.getLogger().addHandler(StorageGuard(sys.stdout))
    board = CrawlBoard(sys.stdout)
    crawl_ids: dict[str, int] = job["crawl_ids"]  # type: ignore[assignment]
    reread = set(job.get("reread") or [])  # type: ignore[call-overload]
    read_since: dict[str, float] = job.get("read_since") or {}  # type: ignore[assignment]
    for raw in job["sources"]:  # type: ignore[attr-defined]
        source = Source.model_validate(raw)
        spidercls = CatalogSpider if source.kind == "app-catalog" else WebsiteSpider
        # a website knows the hosts of the crawl's other sources: none is its app's API
        others = {} if spidercls is CatalogSpider else {"crawl_hosts": job.get("hosts") or []}
        process.crawl(spidercls, source=source, crawl_id=crawl_ids.get(source.name),
                      board=board, reread=source.name in reread,
                      read_since=read_since.get(source.name), **others)

    from twisted.internet import reactor

    watch_parent(lambda: reactor.callFromThread(process.stop))
    ticker = task.LoopingCall(board.emit)
    reactor.callWhenRunning(ticker.start, float(job.get("interval", 1.0)), now=False)
    process.start()
    board.emit("done")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m crawler.child JOB.json", file=sys.stderr)
        return 2
    job = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    try:
        run_job(job)
    except Exception as exc:
        problem = storage_problem(exc)
        if problem is None:
            raise
        stop_for_storage(problem)
    return 0


def exit_at_once(code: int) -> None:
    """End the process without tearing the interpreter down. Everything the crawl keeps is
    on disk when Scrapy returns (the store and the frontier are closed when the spiders
    close), and unloading Scrapy, Twisted and lxml object by object took 0.2 to 0.8 s more
    per crawl, which the caller waited for."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):  # parent gone
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    exit_at_once(main(sys.argv))
