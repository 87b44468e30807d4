"""The suite's crawl processes, forked from a warm server (tests/warmcrawl.py), are the
processes a cold start gives: their own session, the data dir locked while they live, an
exit status as ``subprocess.Popen`` reports it, and the crawl's pages stored."""

from __future__ import annotations

import os
import signal
import time

import pytest

from crawler.run import CrawlJob
from sikoja.config import Settings
from sikoja.errors import SikojaError
from sikoja.sources import Source
from sikoja.store import DocumentStore
from tests.faultserver import Page, PageSite, html
from tests.warmcrawl import WarmProcess

pytestmark = pytest.mark.slow  # crawl processes


def site_pages(delay: float) -> dict[str, Page]:
    links = "".join(f'<a href="/p/{i}">Layanan {i}</a> ' for i in range(20))
    pages = {"/": Page(html("Beranda", f"<h1>Dinas Uji</h1><p>{links}</p>"))}
    for i in range(20):
        pages[f"/p/{i}"] = Page(html(f"Layanan {i}", f"<h1>Layanan {i}</h1><p>syarat {i}</p>"),
                                delay=delay)
    return pages


def job(site: PageSite, data_dir) -> CrawlJob:  # noqa: ANN001
    settings = Settings()
    settings.crawl.delay = 0
    source = Source(name="dinas-uji", opd="Dinas Uji", start_urls=[site.url("/")],
                    use_sitemap=False)
    return CrawlJob([source], settings, data_dir)


def test_a_warm_crawl_process_is_a_crawl_process_of_its_own(tmp_path):
    with PageSite(site_pages(delay=0.5)) as site:
        running = job(site, tmp_path).start()
        assert isinstance(running.proc, WarmProcess)
        assert os.getsid(running.pid) == running.pid  # its own session, as Popen starts it
        with pytest.raises(SikojaError, match="already running"):
            job(site, tmp_path).start()
        deadline = time.monotonic() + 30
        while not site.hits and time.monotonic() < deadline:
            time.sleep(0.05)
        running.kill()
        killed = running.wait(timeout=60)
        assert killed.returncode == -signal.SIGKILL
        assert killed.sources[0].state == "interrupted"

        for page in site.pages.values():  # slow only to be killed mid-crawl
            page.delay = 0.0
        done = job(site, tmp_path).start().wait(timeout=60)  # the lock went with it
    assert done.returncode == 0 and done.sources[0].state == "done", str(done)
    store = DocumentStore.open(tmp_path)
    try:
        assert store.count() == 21
    finally:
        store.close()
