"""robots.txt holds for every request of a host, however its fetch goes.

A site on loopback disallows ``/private/`` and answers robots.txt slowly, with a 503, or
with a 503 once: the pages requested while robots.txt loads obey it too (Scrapy 2.14+ let
all but the first of them through, ``crawler.downloadermiddlewares.robots``), a robots.txt
that stays unreachable skips the host's pages with that reason, and one that answers on a
retry is obeyed.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from crawler.run import crawl
from sikoja.config import Settings
from sikoja.sources import Source
from sikoja.store import DocumentStore

pytestmark = pytest.mark.slow  # each test runs a real crawl in a child process

ROBOTS = b"User-agent: *\nDisallow: /private/\n"
PAGES = ["/", "/buka.html", "/private/1.html", "/private/2.html", "/private/3.html"]


class _Site(http.server.BaseHTTPRequestHandler):
    robots_delay = 0.0
    robots_statuses: list[int] = []  # answered in turn to robots.txt; 200 after the last
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        self.hits.append(self.path)
        if self.path == "/robots.txt":
            time.sleep(self.robots_delay)
            status = self.robots_statuses.pop(0) if self.robots_statuses else 200
            self._send(status, ROBOTS if status == 200 else b"Sedang gangguan",
                       "text/plain")
        elif self.path in PAGES:
            n = PAGES.index(self.path)
            self._send(200, (f"<html><head><title>Halaman {n}</title></head><body><main>"
                             f"<h1>Halaman {n}</h1><p>Informasi layanan publik nomor {n} "
                             "untuk warga kota Jambi.</p></main></body></html>").encode(),
                       "text/html; charset=utf-8")
        else:
            self._send(404, b"tidak ada", "text/plain")

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def site(*, delay: float = 0.0, statuses: tuple[int, ...] = ()) -> Iterator[str]:
    _Site.robots_delay, _Site.robots_statuses, _Site.hits = delay, list(statuses), []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def crawl_site(base: str, data_dir: Path) -> dict[str, str | None]:
    """Crawl every page of the site as a start URL, four at a time; the fetch log's
    outcome and reason per path."""
    settings = Settings()
    settings.crawl.delay = 0
    settings.crawl.retries = 2
    settings.crawl.concurrency_per_host = 4
    source = Source(name="dinas-uji", opd="Dinas Uji", use_sitemap=False,
                    start_urls=[base + p for p in PAGES])
    summary = crawl([source], settings, data_dir, timeout=60,
                    overrides={"RETRY_BACKOFF_BASE": 0.05})
    assert summary.returncode == 0, summary
    store = DocumentStore.open(data_dir)
    try:
        rows = store.query("SELECT url, outcome, reason FROM fetch_log")
        stored = {r["url"] for r in store.query(
            "SELECT url FROM documents WHERE status = 'live'")}
    finally:
        store.close()
    log = {r["url"][len(base):] or "/": f"{r['outcome']}: {r['reason']}" for r in rows}
    return {p: ("stored" if base + p in stored or (p == "/" and base + "/" in stored)
                else log.get(p)) for p in PAGES}


def test_pages_requested_while_robots_txt_loads_obey_it(tmp_path):
    with site(delay=0.5) as base:  # all five pages wait on one robots.txt fetch
        outcome = crawl_site(base, tmp_path)
    assert not [p for p in _Site.hits if p.startswith("/private/")], _Site.hits
    assert outcome["/"] == outcome["/buka.html"] == "stored", outcome
    assert all(outcome[p] == "skipped: robots: disallowed by robots.txt"
               for p in PAGES[2:]), outcome


def test_an_unreachable_robots_txt_skips_the_host(tmp_path):
    with site(statuses=(503,) * 10) as base:
        outcome = crawl_site(base, tmp_path)
    assert _Site.hits.count("/robots.txt") == 3, _Site.hits  # asked, then retried twice
    assert set(_Site.hits) == {"/robots.txt"}, _Site.hits  # no page of the host
    assert all(outcome[p] and outcome[p].startswith("skipped: robots: robots.txt "
                                                    "unreachable (HTTP 503)")
               for p in PAGES), outcome


def test_a_robots_txt_that_answers_on_a_retry_is_obeyed(tmp_path):
    with site(statuses=(503,)) as base:
        outcome = crawl_site(base, tmp_path)
    assert _Site.hits.count("/robots.txt") == 2
    assert not [p for p in _Site.hits if p.startswith("/private/")], _Site.hits
    assert outcome["/"] == outcome["/buka.html"] == "stored", outcome
