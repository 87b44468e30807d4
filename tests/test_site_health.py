"""Site health an admin can act on: Indonesian labels, relative times, failing URLs."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from crawler.identity import REREAD_NEXT_NOTE, REREAD_NOTE, crawler_identity
from crawler.reports import configured_sources, format_sites, relative_time, sites_report
from sikoja.cli import main
from sikoja.documents import Document
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
    # partial: the crawl reached the source's max_pages, not a failure
    assert site.state_label == "sebagian (batas halaman tercapai)"
    assert {f["url"]: f["label"] for f in site.failures} == {
        f"{BASE}/perda-5-2011.pdf": "halaman tidak ditemukan (HTTP 404)",
        f"{BASE}/pajak/": "situs terlalu lama menjawab",
    }
    text = format_sites([site], now=datetime.fromisoformat(site.last_crawl_at)
                        + timedelta(hours=3, minutes=5))
    assert "crawl terakhir: sebagian (batas halaman tercapai), 3 jam lalu" in text
    assert "gagal" not in text
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


def finished_crawl(store, source, *, crawler, pages, errors=0, state="done", reread=False,
                   at=None, fleet=False) -> int:
    """A crawl of ``source`` by ``crawler`` (a fleet worker's: ``fleet``) that ended so,
    finished at Unix time ``at``."""
    crawl_id = store.start_crawl(source, crawler=crawler, reread=reread, fleet=fleet)
    for n in range(pages):
        store.log_fetch(crawl_id=crawl_id, source=source, url=f"{BASE}/{source}/{n}",
                        status=200, outcome="ok", reason="stored", elapsed_ms=10.0)
    store.finish_crawl(crawl_id, pages=pages, errors=errors, state=state)
    if at is not None:
        with store._db:  # the two crawls' times apart, as hours apart in a real store
            store._db.execute("UPDATE crawls SET started_at = ?, finished_at = ? WHERE id = ?",
                              (at - 60, at, crawl_id))
    return crawl_id


def write_sources(data_dir, websites, catalogs=()) -> None:
    """The data dir's sources.yaml (the next crawl's sources) listing these sources."""
    lines = ["sources:"]
    for name in websites:
        lines += [f"  - name: {name}", "    opd: Dinas", f'    start_urls: ["{BASE}/{name}/"]']
    for name in catalogs:
        lines += [f"  - name: {name}", "    opd: Diskominfo", "    kind: app-catalog",
                  f'    url: "{BASE}/apps.json"']
    (data_dir / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def report_json(data_dir, capsys) -> dict[str, dict]:
    assert main(["report", "sites", "--data-dir", str(data_dir), "--json"]) == 0
    return {site["source"]: site for site in json.loads(capsys.readouterr().out)}


def test_a_site_read_again_in_full_or_about_to_be_says_so_in_indonesian(tmp_path, capsys):
    """After an upgrade the admin sees which sites the new crawler read in full, and which
    the next crawl will: those whose last successful crawl was the old crawler's, a re-read
    that was interrupted among them, of the sources the sources file still lists. An app
    catalog is never re-read (crawler.run); a site removed from the sources file is never
    crawled again, so it is not "read again on the next crawl"."""
    now = crawler_identity()
    store = DocumentStore.open(tmp_path)
    try:
        finished_crawl(store, "dishub", crawler="lama", pages=3)
        finished_crawl(store, "dishub", crawler=now, pages=3, reread=True)
        finished_crawl(store, "bpprd", crawler="lama", pages=2)
        finished_crawl(store, "dinkes", crawler="lama", pages=2)
        finished_crawl(store, "dinkes", crawler=now, pages=1, state="interrupted", reread=True)
        finished_crawl(store, "disdik", crawler=now, pages=2)
        store.put_app(Document(url=f"{BASE}/apps/sipd", source="katalog", opd="Diskominfo",
                               kind="app", title="SIPD", text="aplikasi SIPD",
                               parent_url=f"{BASE}/apps"))
        finished_crawl(store, "katalog", crawler="lama", pages=1)
        finished_crawl(store, "dispora", crawler="lama", pages=2)  # removed from the file
    finally:
        store.close()
    write_sources(tmp_path, ["dishub", "bpprd", "dinkes", "disdik"], catalogs=["katalog"])
    sites = report_json(tmp_path, capsys)
    assert {source: (s["reread"], s["reread_next"], s["reread_label"])
            for source, s in sites.items()} == {
        "dishub": (True, False, REREAD_NOTE),
        "bpprd": (False, True, REREAD_NEXT_NOTE),
        "dinkes": (True, True, REREAD_NEXT_NOTE),  # the re-read did not finish: again
        "disdik": (False, False, None),
        "katalog": (False, False, None),
        "dispora": (False, False, None),
    }
    assert REREAD_NEXT_NOTE.startswith("akan dibaca ulang seluruhnya")
    assert main(["report", "sites", "--data-dir", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.lstrip().startswith("dishub") and line.endswith(f"; {REREAD_NOTE}")
               for line in lines)
    assert any(line.lstrip().startswith("bpprd") and line.endswith(f"; {REREAD_NEXT_NOTE}")
               for line in lines)
    assert not any(line.lstrip().startswith(("disdik", "katalog", "dispora"))
                   and "dibaca ulang" in line for line in lines)
    # the interrupted re-read is a site with a problem: the note has its own line
    assert lines[lines.index("dinkes") + 3] == f"  {REREAD_NEXT_NOTE}"
    # a sources file elsewhere (--config) is the one the report reads
    elsewhere = tmp_path / "elsewhere.yaml"
    (tmp_path / "sources.yaml").rename(elsewhere)
    assert main(["report", "sites", "--data-dir", str(tmp_path), "--json",
                 "--config", str(elsewhere)]) == 0
    assert {s["source"] for s in json.loads(capsys.readouterr().out)
            if s["reread_next"]} == {"bpprd", "dinkes"}
    # a sources file named that cannot be read is an error, not a silent "nothing next"
    assert main(["report", "sites", "--data-dir", str(tmp_path), "--config",
                 str(tmp_path / "missing.yaml")]) != 0
    assert "sources file not found" in capsys.readouterr().err
    # no sources file: the report cannot tell what the next crawl reads, and says nothing
    sites = report_json(tmp_path, capsys)
    assert not any(s["reread_next"] for s in sites.values())
    assert sites["dishub"]["reread_label"] == REREAD_NOTE  # what the last crawl did stays


def test_last_success_is_the_crawl_the_store_counts_as_successful(tmp_path, capsys):
    """A fleet worker whose pages the other workers all took ends done with 0 pages and no
    error: the store counts it a success (it decides the re-read from it), and so does the
    report, which once said the crawl before it was the last success. A single process's
    crawl that ends the same way read nothing (robots.txt disallows everything): no
    success, for the re-read and the report alike."""
    write_sources(tmp_path, ["dishub", "bpprd"])
    store = DocumentStore.open(tmp_path)
    try:
        finished_crawl(store, "dishub", crawler="lama", pages=4, at=1_700_000_000)
        finished_crawl(store, "dishub", crawler="baru", pages=0, at=1_700_090_000, fleet=True)
        finished_crawl(store, "dishub", crawler="baru", pages=0, errors=2, state="failed",
                       at=1_700_100_000)
        finished_crawl(store, "bpprd", crawler="lama", pages=4, at=1_700_000_000)
        finished_crawl(store, "bpprd", crawler="baru", pages=0, at=1_700_090_000)
        assert not store.needs_reread("dishub", "baru")  # the fleet crawl was a success
        assert store.needs_reread("bpprd", "baru")  # the empty one read nothing
        dishub, bpprd = sorted(sites_report(store, crawler="baru",
                                            sources=configured_sources(tmp_path / "sources.yaml")),
                               key=lambda s: s.source != "dishub")
    finally:
        store.close()
    fleet = datetime.fromtimestamp(1_700_090_000, UTC).isoformat()
    assert dishub.last_success_at == fleet and not dishub.reread_next
    first = datetime.fromtimestamp(1_700_000_000, UTC).isoformat()
    assert bpprd.last_success_at == first and bpprd.reread_next
    sites = report_json(tmp_path, capsys)
    assert sites["dishub"]["last_success_at"] == fleet
    assert sites["bpprd"]["last_success_at"] == first
    text = format_sites([dishub], now=datetime.fromtimestamp(1_700_100_000 + 3 * 3600, UTC))
    # the fleet crawl, not the one 28 hours before it ("kemarin")
    assert "crawl terakhir: gagal, 3 jam lalu; berhasil terakhir: 5 jam lalu" in text


def test_the_crawl_summary_speaks_indonesian_as_the_site_health_does():
    """What ``sikoja crawl`` prints: Indonesian around the re-read line, the figures kept,
    and no plural after a number ("1 halaman", "2 halaman", never "1 errors")."""
    from crawler.run import CrawlSummary, SourceSummary

    summary = CrawlSummary(sources=[
        SourceSummary("dishub", "website", "done", stored=1, errors=1, elapsed=2.0,
                      reread=True),
        SourceSummary("bpprd", "website", "partial", stored=2, changed=1, unchanged=4,
                      skipped=3, elapsed=1.5),
    ], elapsed=4.0, groups=1, error="exit status 1")
    lines = str(summary).splitlines()
    assert lines[0].split() == ["sumber", "keadaan", "baru", "berubah", "sama", "hilang",
                                "galat", "dilewati", "detik"]
    assert lines[2].split() == ["dishub", "berhasil", "1", "0", "0", "0", "1", "0", "2.0"]
    # partial: the page cap was reached, nothing failed
    assert lines[3].split() == ["bpprd", "sebagian", "(batas", "halaman", "tercapai)", "2",
                                "1", "4", "0", "0", "3", "1.5"]
    assert "gagal" not in lines[3]
    # the figures stay under their heads with the longer label
    end = lines[0].index(" baru") + len(" baru")
    assert lines[2][:end].endswith(" 1") and lines[3][:end].endswith(" 2")
    assert lines[4] == f"dishub: {REREAD_NOTE}"
    assert lines[5] == "proses crawl gagal: exit status 1"
    assert lines[6] == ("2 sumber, 8 halaman, 1 galat dalam 4.0 detik (2.0 halaman/detik); "
                        "1 kelompok salinan")
