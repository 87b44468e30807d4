"""A misbehaving OPD site: the crawl finishes, keeps every good page, and logs every failure
with its URL and reason, and never touches a host outside the source."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.failures import reason_kind
from crawler.reports import format_sites, sites_report
from crawler.run import crawl
from sikoja.config import Settings
from sikoja.sources import Source
from sikoja.store import DocumentStore
from sikoja.urls import canonicalize_url
from tests.faultserver import FaultSite

pytestmark = pytest.mark.slow  # crawls a misbehaving site with timeouts

# Short timeouts so the hanging page fails fast; the child join timeout guards the test.
CRAWL_TIMEOUT = 120


def fast_settings() -> Settings:
    settings = Settings()
    settings.crawl.delay = 0
    settings.crawl.timeout = 1.5
    settings.crawl.retries = 1
    settings.crawl.max_response_bytes = 1024 * 1024
    settings.crawl.concurrency_per_host = 4
    return settings


OVERRIDES = {"RETRY_AFTER_MAX": 2.0, "RETRY_BACKOFF_BASE": 0.1}


@pytest.fixture(scope="module")
def crawl_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The crawl process's home and state folders, to see that it writes nothing there."""
    return tmp_path_factory.mktemp("crawl-home")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory, crawl_home: Path):
    data_dir = tmp_path_factory.mktemp("faults")
    home = crawl_home
    with FaultSite() as site, pytest.MonkeyPatch.context() as env:
        env.setenv("HOME", str(home))
        env.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
        source = Source(name="dinas-uji", opd="Dinas Uji", start_urls=[site.url("/")],
                        max_depth=4, max_pages=60)
        lines: list[str] = []
        summary = crawl([source], fast_settings(), data_dir, progress=lines.append,
                        timeout=CRAWL_TIMEOUT, overrides=OVERRIDES)
        hits = list(site.hits)
    store = DocumentStore.open(data_dir)
    yield site, summary, store, hits, lines
    store.close()


def log_rows(store: DocumentStore, url: str) -> list:
    return store.query("SELECT * FROM fetch_log WHERE url = ?", (canonicalize_url(url),))


def test_crawl_finishes_with_a_summary_and_progress(crawled):
    site, summary, store, hits, lines = crawled
    assert summary.ok
    assert summary.sources[0].state in ("done", "partial")
    assert summary.sources[0].errors >= 10
    assert any("pages" in line and "errors" in line for line in lines)
    assert "dinas-uji" in str(summary)


def test_the_crawl_opens_no_remote_control_and_writes_nothing_outside_its_data_dir(
        crawled, crawl_home):
    """Scrapy's remote-control extension (on by default) would listen on a port for Python
    code to run inside the crawl and leave its token in ~/.local/state/scrapy/job_files,
    one file per crawl killed before it could clean up."""
    assert crawled[1].ok
    assert sorted(p.relative_to(crawl_home) for p in crawl_home.rglob("*")) == []


@pytest.mark.parametrize("path", [p for p, kind in FaultSite.FAULTS.items() if kind is None])
def test_every_good_page_is_kept(crawled, path):
    site, summary, store, hits, lines = crawled
    doc = store.get(canonicalize_url(site.url(path)))
    assert doc is not None, f"{path} was not stored"
    assert doc.title


@pytest.mark.parametrize("path,kind",
                         [(p, k) for p, k in FaultSite.FAULTS.items() if k is not None])
def test_every_failure_is_logged_with_url_and_reason(crawled, path, kind):
    site, summary, store, hits, lines = crawled
    rows = log_rows(store, site.url(path))
    assert rows, f"no fetch_log row for {path}"
    assert {reason_kind(r["reason"]) for r in rows} == {kind}, [r["reason"] for r in rows]
    assert all(r["outcome"] in ("error", "skipped") for r in rows)
    assert store.get(canonicalize_url(site.url(path))) is None


def test_home_page_and_sitemap_orphan_are_stored(crawled):
    site, summary, store, hits, lines = crawled
    assert store.get(canonicalize_url(site.url("/"))) is not None
    assert store.get(canonicalize_url(site.url("/orphan.html"))) is not None


def test_calendar_trap_is_stopped_by_caps(crawled):
    site, summary, store, hits, lines = crawled
    months = [p for p in site.paths_hit() if p.startswith("/kalender")]
    assert 0 < len(months) <= 60


def test_robots_disallowed_path_is_never_requested(crawled):
    site, summary, store, hits, lines = crawled
    assert "/private/secret.html" not in site.paths_hit()


def test_other_hosts_are_never_contacted(crawled):
    site, summary, store, hits, lines = crawled
    assert all(h.host.startswith("127.0.0.1") for h in hits)
    assert not store.query("SELECT 1 FROM fetch_log WHERE url LIKE 'http://127.0.0.2%'")
    assert not store.query("SELECT 1 FROM documents WHERE url LIKE 'http://127.0.0.2%'")


def test_retry_after_is_respected(crawled):
    site, summary, store, hits, lines = crawled
    flaky = [h.at for h in hits if h.path == "/flaky503"]
    assert len(flaky) == 2
    assert flaky[1] - flaky[0] >= 0.9  # Retry-After: 1


def test_tracking_params_and_fragments_do_not_duplicate_pages(crawled):
    site, summary, store, hits, lines = crawled
    assert sum(1 for p in site.paths_hit() if p.startswith("/good")) == 1
    assert store.get(canonicalize_url(site.url("/good"))).kind == "service"


def test_charset_lies_are_decoded(crawled):
    site, summary, store, hits, lines = crawled
    wrong = store.get(canonicalize_url(site.url("/wrong-charset")))
    assert "\u201cretribusi\u201d" in wrong.text and "caf\u00e9" in wrong.text
    missing = store.get(canonicalize_url(site.url("/no-charset")))
    assert "\u2013 kuota" in missing.text


def test_pdf_is_attributed_to_the_linking_page(crawled):
    site, summary, store, hits, lines = crawled
    pdf = store.get(canonicalize_url(site.url("/docs/good.pdf")))
    assert pdf.kind == "document"
    assert pdf.parent_url == canonicalize_url(site.url("/good"))
    assert pdf.opd == "Dinas Uji"
    assert "Pelayanan Kartu Keluarga" in pdf.text


def test_relative_links_with_dots_and_spaces(crawled):
    site, summary, store, hits, lines = crawled
    assert "/a/c/surat%20pindah.html" in site.paths_hit()


def test_site_health_groups_errors_by_kind(crawled):
    site, summary, store, hits, lines = crawled
    [health] = sites_report(store)
    # robots.txt's refusals and an unsupported type are skips, the rest errors
    kinds = health.errors_by_kind | health.skipped_by_kind
    assert sum(health.errors_by_kind.values()) == health.errors
    for kind in ("http 5xx", "http 4xx", "timeout", "redirect", "too large", "content type",
                 "robots", "parse"):
        assert kinds.get(kind), (kind, kinds)
    assert health.response_ms_median is not None and health.response_ms_p95 is not None
    assert health.last_success_at is not None
    # every reason this crawl of a misbehaving site wrote has a kind, and so Indonesian
    # words: none is 'masalah lain' (a reason the crawler writes and the report misreads)
    assert "other" not in kinds, kinds
    reasons = store.query("SELECT DISTINCT outcome, reason FROM fetch_log WHERE outcome IN "
                          "('error', 'skipped', 'gone')")
    assert reasons and {r["reason"]: reason_kind(r["reason"]) for r in reasons
                        if reason_kind(r["reason"]) == "other"} == {}
    assert "masalah lain" not in format_sites([health])


def test_unreachable_source_is_errors_not_an_exception(tmp_path: Path):
    with FaultSite() as site:
        port = site.port
    # the server is closed: its port now refuses connections
    source = Source(name="mati", opd="Dinas Mati", start_urls=[f"http://127.0.0.1:{port}/"],
                    use_sitemap=False)
    summary = crawl([source], fast_settings(), tmp_path, timeout=CRAWL_TIMEOUT,
                    overrides=OVERRIDES)
    assert not summary.ok
    assert summary.sources[0].errors >= 1
    assert summary.sources[0].state == "failed"


def test_deeply_nested_page_keeps_its_text(crawled):
    site, summary, store, hits, lines = crawled
    doc = store.get(canonicalize_url(site.url("/deep")))
    assert "Layanan legalisir berkas." in doc.text


def test_utf16_page_with_a_bom_is_read(crawled):
    site, summary, store, hits, lines = crawled
    doc = store.get(canonicalize_url(site.url("/utf16")))
    assert doc.title.startswith("Jadwal Pelayanan")
    assert "Senin\u2013Jumat" in doc.text


def test_script_link_is_never_an_online_address(crawled):
    site, summary, store, hits, lines = crawled
    doc = store.get(canonicalize_url(site.url("/daftar-online")))
    assert doc.kind == "service"  # the page is kept; only its unsafe link is not
    assert "online_url" not in doc.fields, doc.fields


def test_redirect_to_a_local_file_is_never_followed(crawled):
    site, summary, store, hits, lines = crawled
    assert not store.query("SELECT 1 FROM documents WHERE url LIKE 'file:%'")
    assert not store.query("SELECT 1 FROM documents WHERE text LIKE '%root:%'")
    [row] = log_rows(store, site.url("/to-file"))
    assert "file:" in row["reason"]
