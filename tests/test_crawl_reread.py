"""A site stored by another crawler is read again in full, once (``crawler.identity``).

Recrawls ask with conditional GETs, and an unchanged page answering 304 is never extracted
again: after an upgrade, the pages already stored would keep what the old crawler read. So
a crawl whose source's last successful crawl was another crawler's fetches every page
without validators, re-extracts it, says so in the summary, and the next crawl is
conditional again. Real crawls of a served site (the Standar Pelayanan site of
tests/test_crawl_pdf_service.py); the crawler's identity is changed by replacing the digest
the crawl reads.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.identity import REREAD_NOTE, crawler_identity, identity_of
from crawler.reports import format_sites, sites_report
from crawler.run import CrawlJob, crawl
from sikoja.cli import main
from sikoja.config import load_settings
from sikoja.pipeline import crawl_problem
from sikoja.sources import Source
from sikoja.store import DocumentStore
from sikoja.urls import canonicalize_url
from tests.faultserver import Page, PageSite
from tests.test_crawl_pdf_service import OPD, site_pages

pytestmark = pytest.mark.slow  # real crawls of a served site

TRAYEK = "/layanan/izin-trayek"  # a service page with its own sections


def conditional(site: PageSite) -> list[bool]:
    """For each request of a page the site has (not robots.txt, not a missing sitemap):
    did it carry validators?"""
    return [("If-None-Match" in h.headers or "If-Modified-Since" in h.headers)
            for h in site.hits if h.path in site.pages]


def crawl_rows(data_dir) -> list[tuple]:
    store = DocumentStore.open(data_dir)
    try:
        return [(r["state"], r["crawler"], r["reread"])
                for r in store.query("SELECT * FROM crawls ORDER BY id")]
    finally:
        store.close()


def as_an_older_crawler_stored(data_dir, url: str, field: str) -> dict:
    """Rewrite the stored document at ``url`` without ``field`` (as a crawler from before
    that field existed stored it), keeping its validators; returns the field's value."""
    store = DocumentStore.open(data_dir)
    try:
        doc = store.get(url)
        value = doc.fields.pop(field)
        validators = store.validators(url)
        store.upsert(doc, etag=validators["etag"],
                     http_last_modified=validators["http_last_modified"])
        return value
    finally:
        store.close()


def stored_fields(data_dir, url: str) -> dict:
    store = DocumentStore.open(data_dir)
    try:
        return store.get(url).fields
    finally:
        store.close()


@pytest.fixture
def dishub(tmp_path):
    settings = load_settings(tmp_path, embedder="none")
    settings.crawl.delay = 0
    with PageSite(site_pages()) as site:
        source = Source(name="dishub", opd=OPD, kind="website", start_urls=[site.url("/")])
        first = crawl([source], settings, tmp_path, timeout=120)
        assert first.ok and not first.sources[0].reread  # nothing stored: nothing to re-read
        yield site, source, settings, tmp_path


def test_a_new_crawler_reads_the_site_again_once_then_asks_conditionally(dishub, monkeypatch):
    site, source, settings, data_dir = dishub
    trayek = canonicalize_url(site.url(TRAYEK))

    # the same crawler: every page it has is asked for with its validators; nothing new
    site.hits.clear()
    same = crawl([source], settings, data_dir, timeout=120)
    assert all(conditional(site)) and conditional(site)
    assert (same.sources[0].stored, same.sources[0].changed) == (0, 0)
    assert not same.sources[0].reread and REREAD_NOTE not in str(same)

    # the page as a crawler that read no requirements stored it; the same crawler leaves
    # it so (the page answers 304)
    requirements = as_an_older_crawler_stored(data_dir, trayek, "requirements")
    crawl([source], settings, data_dir, timeout=120)
    assert "requirements" not in stored_fields(data_dir, trayek)

    # a new crawler: every page fetched without validators, and read again
    monkeypatch.setattr("crawler.run.crawler_identity", lambda: "next-release")
    site.hits.clear()
    upgraded = crawl([source], settings, data_dir, timeout=120)
    assert upgraded.ok and upgraded.sources[0].state == "done"
    assert conditional(site) and not any(conditional(site))
    assert upgraded.sources[0].reread and upgraded.sources[0].changed >= 1
    assert f"dishub: {REREAD_NOTE}" in str(upgraded)
    assert stored_fields(data_dir, trayek)["requirements"] == requirements
    store = DocumentStore.open(data_dir)
    try:
        assert REREAD_NOTE in format_sites(sites_report(store, crawler="next-release"))
    finally:
        store.close()

    # and once: the crawl after it is conditional again, and changes nothing
    site.hits.clear()
    after = crawl([source], settings, data_dir, timeout=120)
    assert all(conditional(site)) and conditional(site)
    assert (after.sources[0].stored, after.sources[0].changed) == (0, 0)
    assert not after.sources[0].reread
    assert [row[1:] for row in crawl_rows(data_dir)] == [
        (crawler_identity(), 0), (crawler_identity(), 0), (crawler_identity(), 0),
        ("next-release", 1), ("next-release", 0)]


def test_a_page_kept_from_before_the_re_read_is_read_again_too(dishub, monkeypatch):
    """In a fleet each worker stores what it fetched: in the re-read another worker may have
    fetched a page this worker's store still holds from before. Asked for with its old
    validators it would answer 304 and become the newest fetch, winning the merge."""
    site, source, settings, data_dir = dishub
    trayek = canonicalize_url(site.url(TRAYEK))
    monkeypatch.setattr("crawler.run.crawler_identity", lambda: "next-release")
    assert crawl([source], settings, data_dir, timeout=120).sources[0].reread
    # this store's copy of the page: read by the older crawler, fetched before the re-read
    requirements = as_an_older_crawler_stored(data_dir, trayek, "requirements")
    store = DocumentStore.open(data_dir)
    try:
        store.touch(trayek, fetched_at="2020-01-01T00:00:00+00:00")
    finally:
        store.close()
    site.hits.clear()
    after = crawl([source], settings, data_dir, timeout=120)
    assert not after.sources[0].reread and REREAD_NOTE not in str(after)
    asked = {h.path: "If-None-Match" in h.headers for h in site.hits if h.path in site.pages}
    assert asked.pop(TRAYEK) is False and all(asked.values())
    assert stored_fields(data_dir, trayek)["requirements"] == requirements


def test_an_interrupted_re_read_is_not_taken_for_one(dishub, monkeypatch):
    site, source, settings, data_dir = dishub
    monkeypatch.setattr("crawler.run.crawler_identity", lambda: "next-release")
    # every page but the home page waits at the gate: the crawl is stopped while it waits
    gate = threading.Event()
    for path, page in site.pages.items():
        if path != "/":
            page.hold = lambda: gate.wait(30)
    site.hits.clear()
    job = CrawlJob([source], settings, data_dir).start()
    try:
        deadline = time.monotonic() + 60
        while not any(h.path not in ("/", "/robots.txt") for h in site.hits):
            assert time.monotonic() < deadline, "the crawl never got past the home page"
            time.sleep(0.05)
        job.terminate()
    finally:
        gate.set()
    stopped = job.wait(timeout=120)
    assert stopped.sources[0].state == "interrupted" and stopped.sources[0].reread
    assert not any(conditional(site))
    store = DocumentStore.open(data_dir)
    try:
        assert store.needs_reread("dishub", "next-release")  # not recorded as re-read
    finally:
        store.close()

    # the next crawl finishes the re-read, still without validators, and then it counts
    site.hits.clear()
    resumed = crawl([source], settings, data_dir, timeout=120)
    assert resumed.sources[0].state == "done" and resumed.sources[0].reread
    assert conditional(site) and not any(conditional(site))
    assert [row[0] for row in crawl_rows(data_dir)] == ["done", "interrupted", "done"]
    store = DocumentStore.open(data_dir)
    try:
        assert not store.needs_reread("dishub", "next-release")
    finally:
        store.close()


def test_a_crawl_robots_txt_turns_away_read_nothing_and_is_no_success(dishub, monkeypatch,
                                                                     capsys):
    """The site's robots.txt comes to disallow everything: the crawl ends done, with no
    page and no error, and read nothing. The site health's last success stays the crawl
    that read the site (as ``sikoja crawl`` says this one stored no pages), and a re-read
    it was to be is still to do."""
    site, source, settings, data_dir = dishub
    store = DocumentStore.open(data_dir)
    try:  # the first crawl an hour back, as crawls are apart: the report tells them apart
        with store._db:
            store._db.execute("UPDATE crawls SET started_at = started_at - 3600, "
                              "finished_at = finished_at - 3600")
        [first] = [r["finished_at"] for r in store.query("SELECT finished_at FROM crawls")]
    finally:
        store.close()
    monkeypatch.setattr("crawler.run.crawler_identity", lambda: "next-release")
    site.pages["/robots.txt"] = Page(b"User-agent: *\nDisallow: /\n", etag=False,
                                     content_type="text/plain")
    site.hits.clear()
    turned = crawl([source], settings, data_dir, timeout=120)
    assert (turned.sources[0].state, turned.sources[0].pages, turned.sources[0].errors) == (
        "done", 0, 0)
    assert turned.sources[0].reread and not turned.ok
    assert "the crawl stored no pages" in crawl_problem(turned)
    assert not [h for h in site.hits if h.path in site.pages and h.path != "/robots.txt"]
    assert main(["report", "sites", "--data-dir", str(data_dir), "--json"]) == 0
    [health] = json.loads(capsys.readouterr().out)
    assert health["last_success_at"] == datetime.fromtimestamp(
        int(first), UTC).isoformat()
    assert health["last_crawl_at"] != health["last_success_at"]

    # robots.txt allows the crawl again: the re-read the empty crawl did not do is done now
    del site.pages["/robots.txt"]
    site.hits.clear()
    again = crawl([source], settings, data_dir, timeout=120)
    assert again.ok and again.sources[0].reread and not any(conditional(site))


def test_a_store_from_before_crawler_identities_is_read_again_once(dishub):
    site, source, settings, data_dir = dishub
    store = DocumentStore.open(data_dir)
    try:  # the store as a crawler without identities left it: the column is empty
        store.query("UPDATE crawls SET crawler = NULL")
        store._db.commit()
    finally:
        store.close()
    site.hits.clear()
    first = crawl([source], settings, data_dir, timeout=120)
    assert first.sources[0].reread and not any(conditional(site))
    site.hits.clear()
    second = crawl([source], settings, data_dir, timeout=120)
    assert not second.sources[0].reread and all(conditional(site))


def test_a_fleet_worker_whose_crawls_took_no_page_has_read_the_site(tmp_path):
    """A fleet worker's crawl that ends done with no page and no error (the other workers
    took every page) is its crawler's successful crawl: it does not re-read at every crawl,
    and the pages an older crawler stored before it are still read in full. A single
    process's crawl that ends so read nothing (robots.txt turned it away): the re-read is
    still to do."""
    store = DocumentStore.open(tmp_path)
    try:
        old = store.start_crawl("dishub", crawler="old")
        store.finish_crawl(old, pages=12, errors=0)
        alone = store.start_crawl("dishub", crawler="new", reread=True)
        store.finish_crawl(alone, pages=0, errors=0)
        assert store.needs_reread("dishub", "new")
        assert store.read_since("dishub", "new") is None
        taken = store.start_crawl("dishub", crawler="new", reread=True, fleet=True)
        store.finish_crawl(taken, pages=0, errors=0)
        started = store.query("SELECT started_at FROM crawls WHERE id = ?", (taken,))[0][0]
        assert not store.needs_reread("dishub", "new")
        assert store.read_since("dishub", "new") == int(started)
        down = store.start_crawl("dishub", crawler="newer")  # nothing read, errors: no success
        store.finish_crawl(down, pages=0, errors=3, state="failed")
        assert store.needs_reread("dishub", "newer")
    finally:
        store.close()


@pytest.mark.parametrize("module", ["crawler/pipelines/store.py", "sikoja/documents.py",
                                    "sikoja/urls.py", "sikoja/schemes.py"])
def test_a_change_to_what_shapes_a_page_is_another_crawler(tmp_path, module):
    """Changing the crawler or a module that decides what it stores (which links it may
    follow: sikoja/schemes.py) makes another crawler, whose first crawl re-reads the site;
    a change elsewhere in sikoja (the search API) does not."""
    root = Path(__file__).resolve().parent.parent
    tree = tmp_path / "tree"
    for package in ("crawler", "sikoja", "search_api"):
        shutil.copytree(root / package, tree / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    assert identity_of(tree) == crawler_identity()
    with (tree / "search_api" / "app.py").open("a") as f:
        f.write("\n# not the crawler\n")
    assert identity_of(tree) == crawler_identity()
    with (tree / module).open("a") as f:
        f.write("\n# a release later\n")
    assert identity_of(tree) != crawler_identity()
