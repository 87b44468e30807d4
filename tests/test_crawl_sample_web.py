"""End to end on the bundled sample Kota Jambi web: every OPD site and the app catalog are
crawled, services come out structured, the planted near-duplicates are reported, and a
recrawl of the unchanged web rewrites nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from crawler.dedup import is_aggregator
from crawler.extract.service import is_service
from crawler.extract.servicetable import THIN_ROW
from crawler.reports import overlap_report, sites_report
from crawler.run import crawl
from sikoja.demo.server import DEFAULT_BASE_PORT
from sikoja.store import DocumentStore
from sikoja.urls import canonicalize_url

PLANTED = Path(__file__).parent / "data" / "planted_duplicates.json"

# The recrawl's part of the sample web: a page is rewritten on a recrawl when what it is
# made from changes between two fetches or is compared wrongly, and that depends on how the
# page is made, not on which OPD serves it. So one site of each way of making pages (a
# fixed list, so the recrawl does not grow with the sample web; session 7 recrawled all of
# it, 7 s of CPU), and the whole app catalog with every site its apps live on (an app's
# page is fetched again but compared by the catalog, not by the site).
RECRAWLED = {
    "katalog-aplikasi", "diskominfo", "dinsos", "dinkes", "dpmppa", "sipeda",  # the catalog
    "disdukcapil",  # WordPress query-string URLs, robots.txt, the largest OPD site
    "simpatik", "sehat-bahagia", "kec-danauteluk", "kec-jambitimur", "sibansos",  # JSON
    "diskop",  # services only in PDFs
    "kec-pasarjambi", "kec-jambiselatan", "kel-pakuanbaru",  # Blogspot, Joomla, OpenSID
}


@pytest.fixture(scope="module")
def sample(sample_crawl, tmp_path_factory: pytest.TempPathFactory):
    """The session's crawl of the sample web (tests/conftest.py), then a second crawl of the
    unchanged web's ``RECRAWLED`` sources into a copy of its data dir (the session's data
    stays as first crawled)."""
    data_dir = sample_crawl.copy_to(tmp_path_factory.mktemp("sample-web"))
    sources, first = sample_crawl.sources, sample_crawl.summary
    part = [s for s in sources if s.name in RECRAWLED]
    assert {s.name for s in part} == RECRAWLED, "a recrawled source left the sample web"
    second = crawl(part, sample_crawl.settings, data_dir, timeout=300)
    store = DocumentStore.open(data_dir)
    yield sample_crawl.web.base_port, sources, first, second, store
    store.close()


def served(url: str, base_port: int) -> str:
    """A URL of the sample web on its default ports, moved to the ports in use."""
    def move(match: re.Match[str]) -> str:
        return f"127.0.0.1:{int(match.group(1)) - DEFAULT_BASE_PORT + base_port}"

    return canonicalize_url(re.sub(r"127\.0\.0\.1:(\d+)", move, url))


def test_every_source_is_crawled(sample):
    base_port, sources, first, second, store = sample
    assert first.ok
    assert {s.source for s in first.sources} == {s.name for s in sources}
    for source in first.sources:
        assert source.state == "done", source
        assert source.pages > 0, source
    health = {h.source: h for h in sites_report(store)}
    assert set(health) == {s.name for s in sources}


def test_a_first_crawl_has_one_error_the_broken_link(sample):
    """A new user's first crawl reports what is wrong with the sites, and nothing else: the
    bpprd page's dead link to a Perda, docx-dpmptsp's Word standard cut off in its upload
    and its old .doc whose compound file is broken, and office19-disnaker's .xls cut off.
    Drive's viewer on the puskesmas site, drawn by script, is skipped as the viewer
    of the PDF its page's button downloads (read there)."""
    base_port, sources, first, second, store = sample
    assert {s.source: s.errors for s in first.sources if s.errors} == {
        "bpprd": 1, "docx-dpmptsp": 2, "office19-disnaker": 1}
    rows = store.query("SELECT reason FROM fetch_log WHERE outcome = 'error' AND url LIKE ?",
                       ("%/SP-Izin-Praktik-Perawat.docx",))
    assert {r["reason"] for r in rows} == {"parse: damaged DOCX: File is not a zip file"}
    rows = store.query("SELECT outcome, reason FROM fetch_log WHERE url LIKE ?",
                       ("%/file/d/%/preview",))
    assert rows and {(r["outcome"], r["reason"].split(":", 1)[0]) for r in rows} == {
        ("skipped", "viewer")}


def test_services_and_apps_are_structured(sample):
    base_port, sources, first, second, store = sample
    docs = list(store.iter_documents())
    services = [d for d in docs if d.kind == "service"]
    assert len(services) >= 40
    # a service is structured, unless extraction says it is unsure it is one (a SPA's record
    # with a name and a summary only, shown under a service route; a blog's prose post known
    # as a service by the label that files it, crawler.siblings; an OpenSID post told in prose
    # under a "Cara Mengurus ..." headline, and its self-service login at /layanan-mandiri,
    # on both OpenSID themes; five posts that state what to bring, pay and wait in running
    # sentences: two news-style ones, and three of kel-legok's Blogger posts listing what to
    # bring and saying the cost and the time in a sentence, "tidak ada biaya alias gratis").
    # Session 21 added five, each a service whose facts are told in prose: village21's
    # OpenSID site (Wijaya Pura) with its "Syarat dan Cara Membuat SKTM" and "Surat
    # Keterangan Usaha untuk Pengajuan KUR" posts and its /layanan-mandiri login (a third
    # OpenSID theme), village21's Blogger "Surat Keterangan Domisili Warga" (what to bring
    # only), and uptd19-pald's undated "Pengaduan Saluran Air Limbah" (kind21: its headline
    # names one service and it states facts; its "2 hari kerja" and "tidak dipungut biaya"
    # are said in a sentence, its address is read).
    # A letter of a table of letters (crawler.extract.servicetable) that
    # says only what to bring is a service at its table's page, a little unsure (THIN_ROW).
    structured = [d for d in services if is_service(d.fields)]
    unsure = [d for d in services if not is_service(d.fields)]
    assert all(d.fields["kind_confidence"] < 1.0 for d in unsure)
    rows = [d for d in unsure if d.fields["kind_confidence"] == THIN_ROW]
    assert rows and all("#" in d.url and d.fields.get("requirements") for d in rows)
    assert len([d for d in unsure if "kind_from" not in d.fields and d not in rows]) <= 15
    # (a few state no requirements: the SPAs' records typed with a fee and a place only)
    assert sum(bool(d.fields.get("requirements")) for d in structured) >= len(structured) - 4
    apps = [d for d in docs if d.kind == "app"]
    assert len(apps) >= 20
    assert {d.fields["status"] for d in apps} == {"active", "inactive"}
    assert any(d.kind == "document" and d.parent_url for d in docs)


def test_a_pdf_is_titled_by_its_subject_and_a_lone_standard_is_its_service(sample):
    # the Disdukcapil document site's one-service standards have no title in their metadata
    # and open with the kop surat; the kelurahan's each carry the kelurahan's title
    base_port, sources, first, second, store = sample
    pdfs = {(d.source, d.url.rsplit("/", 1)[1]): d for d in store.iter_documents()
            if d.url.endswith(".pdf")}
    assert not [d.title for d in pdfs.values() if d.title.startswith("PEMERINTAH")]
    cerai = pdfs["dokumen-dukcapil", "SP-01.pdf"]
    assert (cerai.kind, cerai.title) == ("service", "Pencatatan Perceraian")
    assert cerai.fields["requirements"][0].startswith("Salinan putusan pengadilan")
    assert pdfs["dokumen-dukcapil", "SP-03.pdf"].title == "Legalisir Dokumen Kependudukan"
    # the kelurahan's pages took their standards: they stay documents, each titled apart
    kelurahan = {name: d for (source, name), d in pdfs.items() if source == "kel-sungaiputri"}
    assert kelurahan["SP-sktm.pdf"].title == (
        "Standar Pelayanan Surat Keterangan Tidak Mampu (SKTM)")
    assert kelurahan["SP-pengantar-kk.pdf"].title == (
        "Standar Pelayanan Pengantar Perubahan Kartu Keluarga")
    assert {d.kind for d in kelurahan.values()} == {"document"}
    # the standard of several services keeps the kelurahan's title, its own
    assert [name for name, d in kelurahan.items()
            if d.title == "Standar Pelayanan Kelurahan Sungai Putri"] == [
        "SP-Kelurahan-Sungai-Putri-2025.pdf"]


def test_planted_duplicates_are_reported(sample):
    base_port, sources, first, second, store = sample
    planted = json.loads(PLANTED.read_text(encoding="utf-8"))
    report = overlap_report(store)
    url_groups = [{m.url for m in g.members} for g in report]
    for pair in planted["services"]:
        urls = {served(u, base_port) for u in pair}
        assert any(urls <= group for group in url_groups), pair
    name_groups = [{m.title for m in g.members} for g in report if g.kind == "app"]
    for pair in planted["apps"]:
        assert any(set(pair) <= group for group in name_groups), pair


def test_the_opd_page_is_the_canonical_copy_not_mpp(sample):
    base_port, sources, first, second, store = sample
    for group in overlap_report(store):
        # a service only the MPP's counters list (Imigrasi's passports: at the MPP and on
        # its portal) has no OPD page to prefer
        if group.kind == "service" and not all(is_aggregator(m) for m in group.members):
            head = next(m for m in group.members if m.canonical)
            assert not is_aggregator(head), group


def test_recrawl_of_an_unchanged_web_rewrites_nothing(sample):
    base_port, sources, first, second, store = sample
    assert second.ok
    assert {s.source for s in second.sources} == RECRAWLED
    assert sum(s.stored + s.changed for s in second.sources) == 0, str(second)
    # every page is fetched again: unchanged, or an app's page the catalog describes (on
    # the first crawl such a page may come before the catalog and be stored)
    before = [s for s in first.sources if s.source in RECRAWLED]
    assert (sum(s.unchanged + s.catalog for s in second.sources)
            == sum(s.pages + s.catalog for s in before))
    errors = [{s.source: s.errors for s in c if s.errors} for c in (before, second.sources)]
    assert second.errors == sum(s.errors for s in before), f"errors, first and second: {errors}"


def test_a_first_crawl_reports_no_page_as_same(sample):
    _, _, first, _, _ = sample
    assert sum(s.unchanged for s in first.sources) == 0, str(first)


def stored_rows(store: DocumentStore) -> dict[str, tuple]:
    rows = store.query("SELECT url, status, kind, title, parent_url, content_hash FROM documents")
    return {r["url"]: tuple(r) for r in rows}


@pytest.mark.slow  # serves the sample web again and crawls one of its sites
def test_a_second_settling_of_a_site_whose_twins_left_rewrites_nothing(tmp_path):
    # A site's settling is a fixed point: the next one, which meets no twin (they left in
    # this one), judges no page otherwise. dlh-berita's articles have print copies and
    # old-style URLs (media.php?module=detailberita&id=N); its kinds were judged while they
    # stood, and the second settling of the unchanged site turned an article linking its
    # standard from news into a service. A crawl stores such a copy when it meets it before
    # the article's own URL, which depends on the order of its answers: here the articles'
    # own URLs answer late, so that the crawl meets the copies first.
    import time

    from crawler.linkstore import LinkStore
    from crawler.site import settle_source
    from sikoja.config import load_settings
    from sikoja.demo import server
    from sikoja.demo.server import serve_sample_sites
    from sikoja.sources import load_sources

    make_handler = server._make_handler

    def late_articles(state: object) -> type:
        class Handler(make_handler(state)):  # type: ignore[misc, valid-type]
            def do_GET(self) -> None:  # noqa: N802 (http.server naming)
                if self.path.startswith("/berita-"):
                    time.sleep(0.3)
                super().do_GET()

        return Handler

    server._make_handler = late_articles
    try:
        context = serve_sample_sites(0)
        web = context.__enter__()
    finally:
        server._make_handler = make_handler
    try:
        site = next(s for s in load_sources(web.write_sources(tmp_path / "sources.yaml"))
                    if s.name == "dlh-berita")
        settings = load_settings(tmp_path, embedder="none")
        settings.crawl.delay = 0.0
        assert crawl([site], settings, tmp_path, timeout=120).ok
    finally:
        context.__exit__(None, None, None)
    store, links = DocumentStore.open(tmp_path), LinkStore.open(tmp_path)
    try:
        assert store.query("SELECT url FROM documents WHERE status = 'gone' AND url LIKE "
                           "'%media.php%'"), "the crawl met no old-style copy"
        before = stored_rows(store)
        settle_source(store, links, "dlh-berita", None, log=False)
        after = stored_rows(store)
    finally:
        store.close()
        links.close()
    assert {u: (before.get(u), row) for u, row in after.items() if before.get(u) != row} == {}
