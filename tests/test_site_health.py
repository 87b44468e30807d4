"""Site health an admin can act on: Indonesian labels, relative times, failing URLs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crawler.reports import format_sites, relative_time, sites_report
from sikoja.cli import main
from sikoja.store import DocumentStore

BASE = "http://127.0.0.1:8704"


def _crawl_with_failures(path) -> None:
    store = DocumentStore.open(path)
    crawl_id = store.start_crawl("bpprd")
    store.log_fetch(crawl_id=crawl_id, source="bpprd", url=f"{BASE}/", status=200,
                    outcome="ok", reason="stored", elapsed_ms=120.0)
    store.log_fetch(crawl_id=crawl_id, source="bpprd", url=f"{BASE}/perda-5-2011.pdf",
                    status=404, outcome="error", reason="http 4xx: HTTP 404", elapsed_ms=30.0)
    store.log_fetch(crawl_id=crawl_id, source="bpprd", url=f"{BASE}/pajak/", status=None,
                    outcome="error", reason="timeout: took longer than 30 s", elapsed_ms=None)
    store.finish_crawl(crawl_id, pages=1, errors=2, state="partial")
    store.close()


def _one_site(path):
    store = DocumentStore.open(path)
    try:
        [site] = sites_report(store)
    finally:
        store.close()
    return site


def test_failing_urls_come_with_their_reason_in_indonesian(tmp_path):
    _crawl_with_failures(tmp_path)
    site = _one_site(tmp_path)
    assert site.errors_by_kind == {"http 4xx": 1, "timeout": 1}  # the old shape is kept
    assert site.state_label == "sebagian gagal"
    assert {f["url"]: f["label"] for f in site.failures} == {
        f"{BASE}/perda-5-2011.pdf": "halaman tidak ditemukan (HTTP 404)",
        f"{BASE}/pajak/": "situs terlalu lama menjawab",
    }
    text = format_sites([site], now=datetime.fromisoformat(site.last_crawl_at)
                        + timedelta(hours=3, minutes=5))
    assert "crawl terakhir: sebagian gagal, 3 jam lalu" in text
    assert f"{BASE}/perda-5-2011.pdf — halaman tidak ditemukan (HTTP 404)" in text
    assert "{" not in text  # never a dict dumped at the admin


def test_relative_times():
    now = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
    assert relative_time(None, now) == "belum pernah"
    assert relative_time((now - timedelta(seconds=20)).isoformat(), now) == "baru saja"
    assert relative_time((now - timedelta(minutes=7)).isoformat(), now) == "7 menit lalu"
    assert relative_time((now - timedelta(hours=3)).isoformat(), now) == "3 jam lalu"
    assert relative_time((now - timedelta(hours=30)).isoformat(), now) == "kemarin"
    assert relative_time((now - timedelta(days=12)).isoformat(), now) == "12 hari lalu"


def test_report_sites_cli_prints_the_failures_and_explains_its_options(tmp_path, capsys):
    _crawl_with_failures(tmp_path)
    assert main(["report", "sites", "--data-dir", str(tmp_path), "--failures", "1"]) == 0
    out = capsys.readouterr().out
    assert "perda-5-2011.pdf — halaman tidak ditemukan (HTTP 404)" in out
    assert "… dan 1 lagi" in out
    try:
        main(["report", "sites", "--help"])
    except SystemExit:
        pass
    help_text = capsys.readouterr().out
    assert "--failures N" in help_text and "failing URLs" in help_text and "--json" in help_text


def test_every_reason_the_report_can_show_is_in_indonesian():
    from crawler.failures import ERROR_KINDS, SKIP_KINDS
    from crawler.reports import KIND_LABELS

    assert set(ERROR_KINDS) | set(SKIP_KINDS) <= set(KIND_LABELS)


VIEWER = f"{BASE}/file/d/1hT7pQ2wXk9LmR4vN8cZy3B/preview"


def crawl_with_skips(path) -> None:
    """A puskesmas crawl: a page read, one sikoja cannot read (``/peta``), and three skips
    (the home at another URL, a sitemap, Drive's ``VIEWER`` of a PDF read at its download
    URL)."""
    store = DocumentStore.open(path)
    try:
        crawl_id = store.start_crawl("pkm-rawasari")
        for url, outcome, reason in [
                (f"{BASE}/", "ok", "stored"),
                (f"{BASE}/beranda", "skipped", "soft 404: the home page answered this URL"),
                (f"{BASE}/sitemap.xml", "skipped", "sitemap: 9 URLs"),
                (VIEWER, "skipped", "viewer: a document viewer drawn by JavaScript; its "
                 f"document is read at {BASE}/uc?export=download&id=1hT7pQ2wXk9LmR4vN8cZy3B"),
                (f"{BASE}/peta", "error", "javascript: the page is drawn by JavaScript and none "
                 "of its scripts loads readable JSON (no JSON endpoint found)")]:
            store.log_fetch(crawl_id=crawl_id, source="pkm-rawasari", url=url, status=200,
                            outcome=outcome, reason=reason, elapsed_ms=10.0)
        store.finish_crawl(crawl_id, pages=1, errors=1, state="done")
    finally:
        store.close()


def test_skips_are_counted_apart_from_errors_in_words(tmp_path):
    crawl_with_skips(tmp_path)
    site = _one_site(tmp_path)
    # the labels under the error count add up to it; the skips are said apart
    assert site.errors_by_label == {"isi digambar JavaScript, tidak terbaca tanpa peramban": 1}
    assert sum(site.skipped_by_label.values()) == site.skipped == 3
    assert "masalah lain" not in site.skipped_by_label
    text = format_sites([site])
    assert "1 galat, 3 dilewati" in text
    assert text.count(f"{BASE}/peta") == 1 and VIEWER not in text  # one failing URL, once
    assert "penampil dokumen" in text and "drawn by" not in text
