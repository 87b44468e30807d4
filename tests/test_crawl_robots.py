"""robots.txt holds for every request of a host, however its fetch goes.

A site on loopback disallows ``/private/`` and answers robots.txt slowly, with a 503, or
with a 503 once: the pages requested while robots.txt loads obey it too (Scrapy 2.14+ let
all but the first of them through, ``crawler.downloadermiddlewares.robots``), a robots.txt
that stays unreachable keeps the host's pages unrequested, each an error with its reason,
and one that answers on a retry is obeyed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.run import crawl
from sikoja.config import Settings
from sikoja.sources import Source
from sikoja.store import DocumentStore
from tests.robotssite import PAGES, RobotsSite, robots_site

pytestmark = pytest.mark.slow  # each test runs a real crawl in a child process


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
    with robots_site(delay=0.5) as base:  # all the pages wait on one robots.txt fetch
        outcome = crawl_site(base, tmp_path)
    assert not [p for p in RobotsSite.hits if p.startswith("/private/")], RobotsSite.hits
    assert outcome["/"] == outcome["/buka.html"] == "stored", outcome
    assert all(outcome[p] == "skipped: robots: disallowed by robots.txt"
               for p in PAGES[2:]), outcome


def test_an_unreachable_robots_txt_keeps_the_hosts_pages_unrequested(tmp_path):
    with robots_site(statuses=(503,) * 10) as base:
        outcome = crawl_site(base, tmp_path)
    assert RobotsSite.hits.count("/robots.txt") == 3, RobotsSite.hits  # asked, then retried twice
    assert set(RobotsSite.hits) == {"/robots.txt"}, RobotsSite.hits  # no page of the host
    assert all(outcome[p] == "error: http 5xx: robots.txt unreachable, page not requested: "
               "HTTP 503" for p in PAGES), outcome


def test_a_robots_txt_that_answers_on_a_retry_is_obeyed(tmp_path):
    with robots_site(statuses=(503,)) as base:
        outcome = crawl_site(base, tmp_path)
    assert RobotsSite.hits.count("/robots.txt") == 2
    assert not [p for p in RobotsSite.hits if p.startswith("/private/")], RobotsSite.hits
    assert outcome["/"] == outcome["/buka.html"] == "stored", outcome
