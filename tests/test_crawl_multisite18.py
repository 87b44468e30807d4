"""Several OPDs on one host, one path each (issue #11, session 18).

Pemda portals host their OPD sites as folders of one host: a WordPress multisite
(``https://jambikota.go.id/dinsos/``, ``/dishub/``, uploads under
``/wp-content/uploads/sites/N/`` at the host root) or a portal's ``/opd/dinsos/``. The sources
file lists each OPD with a start URL under its folder. A source's scope used to be its origin,
so each OPD's crawl wandered into every other OPD's pages and stored them as its own: the same
page fetched by three sources, the last one's OPD on it, and the subsites' names in each
other's titles. The sample web's ``portal-jambikota`` is such a host (three subsites, a network
root page, a network bar and footer, shared uploads at the root).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.settings import Settings as ScrapySettings

from crawler.downloadermiddlewares.conditional import ConditionalRequestMiddleware
from crawler.downloadermiddlewares.offsite import SiteScope, names_file
from crawler.merge import merge_stores
from crawler.run import crawl
from crawler.spiders.website import WebsiteSpider
from sikoja.config import load_settings
from sikoja.demo.server import SampleWeb, load_manifest, serve_sample_sites
from sikoja.documents import Document
from sikoja.sources import Source, load_sources, select_sources, share_hosts
from sikoja.store import DocumentStore
from tests.samplecrawl import crawl_sites

SITE = "portal-jambikota"
KIR_PDF = "/wp-content/uploads/sites/3/2024/05/Persyaratan-Uji-KIR.pdf"
DTSEN_PDF = "/wp-content/uploads/sites/2/2025/01/Alur-Pengusulan-DTSEN.pdf"


def website(name: str, *urls: str, **extra: object) -> Source:
    return Source(name=name, opd=name.upper(), start_urls=list(urls), **extra)


# --- which URLs a source covers ---------------------------------------------------------------


def test_sources_on_one_host_split_it_by_their_folders():
    dinsos, dishub, lone = share_hosts([
        website("dinsos", "https://jambikota.go.id/dinsos/"),
        website("dishub", "https://jambikota.go.id/dishub/index.php"),
        website("dlh", "https://dlh.jambikota.go.id/layanan/")])
    scope = SiteScope(dinsos)
    assert scope.allows("https://jambikota.go.id/dinsos/layanan/dtks/")
    assert scope.allows("https://jambikota.go.id/dinsos")  # its folder without the slash
    assert scope.allows("https://www.jambikota.go.id/dinsos/?p=3")  # www., either scheme
    assert not scope.allows("https://jambikota.go.id/dishub/layanan/uji-kir/")
    assert not scope.allows("http://jambikota.go.id/dishub/files/kir.pdf")  # the other's file
    assert not scope.allows("https://jambikota.go.id/")  # the network's home is no OPD's
    assert not scope.allows("https://jambikota.go.id/?page_id=2")
    # a file it links outside every source's folder (the network's uploads) is its own
    assert scope.allows("https://jambikota.go.id/wp-content/uploads/sites/2/alur.pdf")
    assert dishub.prefixes == ["https://jambikota.go.id/dishub/"]
    assert SiteScope(dishub).site_root("https://jambikota.go.id/dishub/x/") == \
        "https://jambikota.go.id/dishub"
    # alone on its host, a source started under a path keeps the whole host, as before
    assert lone.prefixes == [] and SiteScope(lone).allows("https://dlh.jambikota.go.id/")


def test_a_source_at_the_root_keeps_what_no_deeper_folder_claims():
    portal, dinkes = share_hosts([website("portal", "https://jambikota.go.id/"),
                                  website("dinkes", "https://jambikota.go.id/dinkes/")])
    scope = SiteScope(portal)
    assert scope.allows("https://jambikota.go.id/berita/walikota-resmikan-mpp/")
    assert not scope.allows("https://jambikota.go.id/dinkes/layanan/")
    assert SiteScope(dinkes).allows("https://jambikota.go.id/dinkes/layanan/")
    assert not SiteScope(dinkes).allows("https://jambikota.go.id/berita/")


def test_written_prefixes_are_kept_and_filling_in_twice_changes_nothing():
    sources = [website("disdik", "https://portal.jambikota.go.id/opd/disdik/beranda",
                       prefixes=["/opd/disdik", "https://cdn.jambikota.go.id/disdik/"]),
               website("dinsos", "https://portal.jambikota.go.id/opd/dinsos/beranda.html")]
    once = share_hosts(sources)
    assert once[0].prefixes == ["https://cdn.jambikota.go.id/disdik/",
                                "https://portal.jambikota.go.id/opd/disdik/"]
    # the others' prefixes on the sites it shares, not on the rest of theirs
    assert once[1].foreign_prefixes == ["https://portal.jambikota.go.id/opd/disdik/"]
    assert [s.model_dump() for s in share_hosts(once)] == [s.model_dump() for s in once]
    assert not SiteScope(once[1]).allows("https://portal.jambikota.go.id/opd/disdik/ppdb")


def test_the_sample_web_sources_alone_on_their_hosts_are_unchanged():
    sources = [website(n, f"http://127.0.0.1:{8701 + i}/") for i, n in enumerate("abc")]
    assert all(a is b for a, b in zip(sources, share_hosts(sources), strict=True))
    assert names_file("http://h/wp-content/uploads/a.PDF")
    assert not names_file("http://h/dinsos/index.php") and not names_file("http://h/berita")


# --- the sample multisite crawled ---------------------------------------------------------------


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    return crawl_sites(tmp_path_factory.mktemp("multisite18"), (SITE,))


@pytest.mark.slow  # crawls the sample multisite
def test_each_subsite_is_crawled_by_its_own_source_only(portal):
    docs, log = portal
    site = next(s for s in load_manifest() if s.name == SITE)
    opds = {name: opd for name, opd, _ in site.subsites}
    assert set(docs) == set(opds)
    fetched = defaultdict(set)
    for row in log:
        if row["outcome"] == "ok" and not row["url"].endswith("/robots.txt"):
            fetched[row["url"]].add(row["source"])
    assert fetched and not {u: s for u, s in fetched.items() if len(s) > 1}
    for name, path in ((n, p) for n, _, p in site.subsites):
        pages = docs[name]
        assert len(pages) >= 6, name
        assert all(p.startswith((path, "/wp-content/uploads/")) for p in pages), name
        assert {d.opd for d in pages.values()} == {opds[name]}
    assert not any("/" in pages for pages in docs.values())  # the network's home


@pytest.mark.slow  # crawls the sample multisite
def test_titles_lose_their_own_subsites_name(portal):
    docs, _ = portal
    titles = {path: doc.title for pages in docs.values() for path, doc in pages.items()}
    assert titles["/dinsos/kontak/"] == "Kontak"
    assert titles["/dlh/kontak/"] == "Kontak"
    assert titles["/dishub/layanan/andalalin/"] == \
        "Persetujuan Analisis Dampak Lalu Lintas (Andalalin)"
    assert titles["/dinsos/layanan/rekomendasi-pengangkatan-anak/"] == \
        "Rekomendasi Pengangkatan Anak"


@pytest.mark.slow  # crawls the sample multisite
def test_a_shared_upload_is_the_document_of_the_page_linking_it(portal):
    """The network keeps every subsite's uploads at the host root, outside every folder: the
    Uji KIR requirements PDF that Dishub's page links is Dishub's, under that page."""
    docs, log = portal
    pdf = docs["portal-dishub"][KIR_PDF]
    assert pdf.opd == "Dinas Perhubungan Kota Jambi"
    assert pdf.parent_url.endswith("/dishub/layanan/uji-kir/")
    assert [r["source"] for r in log if r["url"].endswith(KIR_PDF)] == ["portal-dishub"]


def _portal_rows(data_dir: Path, base: str) -> dict[str, tuple[str, str, str]]:
    """path -> (source, OPD, status) of every stored document of the sample multisite."""
    store = DocumentStore.open(data_dir)
    try:
        return {r["url"][len(base):]: (r["source"], r["opd"], r["status"]) for r in
                store.query("SELECT url, source, opd, status FROM documents WHERE url LIKE ?",
                            (base + "/%",))}
    finally:
        store.close()


@contextmanager
def _serve_again(port_base: int) -> Iterator[SampleWeb]:
    """The sample web back on the ports it had: a port the machine lent a moment ago to a
    connection of another program is free again shortly after."""
    for attempt in range(60):
        try:
            served = serve_sample_sites(port_base, only={SITE})
            web = served.__enter__()
        except OSError:
            if attempt == 59:
                raise
            time.sleep(0.5)
            continue
        try:
            yield web
        finally:
            served.__exit__(None, None, None)
        return


def _crawl_log(data_dir: Path, summary_sources: list[str]) -> list[dict]:
    store = DocumentStore.open(data_dir)
    try:
        return [dict(r) for r in store.query(
            "SELECT c.source, f.url, f.outcome, f.reason FROM fetch_log f JOIN crawls c ON "
            "c.id = f.crawl_id WHERE c.id IN (SELECT id FROM crawls ORDER BY id DESC LIMIT ?)",
            (len(summary_sources),))]
    finally:
        store.close()


@pytest.mark.slow  # crawls the sample multisite four times
def test_a_subsite_added_later_takes_its_pages_from_the_neighbour_that_held_them(tmp_path):
    """Dinas Sosial's subsite was listed alone and crawled the whole host (a source alone on
    its host keeps it whole); then Dishub's and DLH's subsites join the sources file. Each
    page then belongs to its own OPD, although it is unchanged since (a 304 would have kept
    Dinas Sosial's copy), and the network's home, no source's now, leaves the index. Until
    each owner has stored its pages they stay where they were: a crawl with the host down,
    or with Dishub stopped by its page budget, loses none of them."""
    with serve_sample_sites(0, only={SITE}) as web:
        site = next(s for s in web.sites if s.name == SITE)
        base = web.urls[SITE]
        port_base = int(base.rsplit(":", 1)[1]) - site.port_offset
        sources = load_sources(Path(web.write_sources(tmp_path / "all.yaml")))
        portal = [s for s in sources if s.name.startswith("portal-")]
        settings = load_settings(tmp_path)
        settings.crawl.delay = 0
        assert crawl(portal[:1], settings, tmp_path, timeout=120).ok
    before = _portal_rows(tmp_path, base)
    assert "/dishub/kontak/" in before and "/" in before  # the whole host, before
    assert {src for src, _, status in before.values()} == {"portal-dinsos"}

    # the host is down: the split says the neighbours' pages are theirs, but none of them
    # stored anything; the network's home is no one's, but nothing was reached either
    down = crawl(portal, settings, tmp_path, timeout=120)
    assert not down.ok and sum(s.gone for s in down.sources) == 0
    assert _portal_rows(tmp_path, base) == before

    with _serve_again(port_base) as web:
        assert web.urls[SITE] == base
        # Dishub stops at 3 pages: the ones it did not reach stay Dinas Sosial's copies
        capped = [s.model_copy(update={"max_pages": 3}) if s.name == "portal-dishub" else s
                  for s in portal]
        summary = crawl(capped, settings, tmp_path, timeout=120)
        live = _portal_rows(tmp_path, base)
        dishub = {p: row[0] for p, row in live.items() if p.startswith("/dishub/")}
        assert set(dishub) == {p for p in before if p.startswith("/dishub/")}
        assert sorted(dishub.values()).count("portal-dishub") == 3
        assert set(dishub.values()) == {"portal-dinsos", "portal-dishub"}
        assert all(row[2] == "live" for p, row in live.items() if p != "/")
        # the network's home left, and the summary says so
        assert live["/"][2] == "gone"
        gone = {s.source: s.gone for s in summary.sources}
        assert gone["portal-dinsos"] == 1, str(summary)
        log = _crawl_log(tmp_path, [s.name for s in portal])
        assert [(r["source"], r["outcome"]) for r in log if r["url"] == base + "/"] == [
            ("portal-dinsos", "gone")]
        # a page Dinas Sosial stored in Dishub's folder that Dishub's site no longer links
        # (nor serves): Dishub's crawl revalidates it too, and it leaves the index
        store = DocumentStore.open(tmp_path)
        removed = base + "/dishub/layanan/izin-trayek/"
        store.upsert(Document(url=removed, source="portal-dinsos", opd="Dinas Sosial Kota Jambi",
                              kind="service", title="Izin Trayek", text="Izin trayek " * 30))
        store.close()
        assert crawl(portal, settings, tmp_path, timeout=120).ok
        assert _portal_rows(tmp_path, base)[removed[len(base):]][2] == "gone"
        # the upload Dishub links, stored by Dinas Sosial first, unchanged: revalidated by
        # Dishub with a 304, not read whole again, and not moved to Dishub
        log = _crawl_log(tmp_path, [s.name for s in portal])
        assert ("portal-dishub", "unchanged") in [
            (r["source"], r["outcome"]) for r in log if r["url"].endswith(KIR_PDF)]
    live = {p: row for p, row in _portal_rows(tmp_path, base).items() if row[2] == "live"}
    opds = {path: (name, opd) for name, opd, path in site.subsites}
    assert "/" not in live
    # each upload stays the first source's that stored it (Dinas Sosial's, as it read the
    # whole host): another subsite linking it revalidates it and leaves it there
    for path, (src, opd, _) in live.items():
        owner = opds["/dinsos/"] if path.startswith("/wp-content/") else \
            opds["/" + path.split("/")[1] + "/"]
        assert (src, opd) == owner, path
    assert len(live) == 26


@pytest.mark.slow  # crawls the sample multisite
def test_a_subsite_crawled_alone_keeps_to_its_folder(tmp_path):
    """The admin page crawls one source of the sources file: its subsite keeps to its folder
    (the others' are theirs, though they are not crawled now), not to the whole host."""
    with serve_sample_sites(0, only={SITE}) as web:
        base = web.urls[SITE]
        everyone = load_sources(Path(web.write_sources(tmp_path / "all.yaml")))
        settings = load_settings(tmp_path)
        settings.crawl.delay = 0
        assert crawl(select_sources(everyone, ["portal-dinsos"]), settings, tmp_path,
                     timeout=120).ok
    live = _portal_rows(tmp_path, base)
    assert len(live) >= 6
    assert all(p.startswith(("/dinsos/", "/wp-content/uploads/")) for p in live), sorted(live)
    assert {src for src, _, _ in live.values()} == {"portal-dinsos"}


# --- the pieces -----------------------------------------------------------------------------


def test_one_source_selected_keeps_the_whole_files_split():
    everyone = [website("dinsos", "https://jambikota.go.id/dinsos/"),
                website("dishub", "https://jambikota.go.id/dishub/"),
                website("portal", "https://jambikota.go.id/")]
    dinsos, = select_sources(everyone, ["dinsos"])
    assert dinsos.foreign_prefixes == ["https://jambikota.go.id/",
                                       "https://jambikota.go.id/dishub/"]
    # the crawl splits its sources again among themselves: the others' folders stay
    assert share_hosts([dinsos]) == [dinsos]
    scope = SiteScope(share_hosts([dinsos])[0])
    assert scope.allows("https://jambikota.go.id/dinsos/layanan/")
    assert not scope.allows("https://jambikota.go.id/dishub/layanan/")
    assert not scope.allows("https://jambikota.go.id/berita/")
    portal, = select_sources(everyone, ["portal"])
    assert SiteScope(portal).allows("https://jambikota.go.id/berita/")
    assert not SiteScope(portal).allows("https://jambikota.go.id/dinsos/")
    assert select_sources(everyone, []) == everyone


def test_www_and_scheme_do_not_make_two_sites():
    for first, second in (("https://jambikota.go.id/dinsos/", "https://www.jambikota.go.id/dishub/"),
                          ("http://jambikota.go.id/dinsos/", "https://jambikota.go.id/dishub/")):
        dinsos, dishub = share_hosts([website("dinsos", first), website("dishub", second)])
        assert not SiteScope(dinsos).allows("https://www.jambikota.go.id/dishub/layanan/")
        assert not SiteScope(dishub).allows("http://jambikota.go.id/dinsos/layanan/")
        assert SiteScope(dishub).allows("https://jambikota.go.id/dishub/layanan/")


def test_a_folder_written_without_its_slash_is_that_folder_only():
    dinsos, dishub = share_hosts([website("dinsos", "https://h.id/dinsos"),
                                  website("dishub", "https://h.id/dishub/index.php")])
    assert dinsos.prefixes == ["https://h.id/dinsos/"]
    assert dishub.prefixes == ["https://h.id/dishub/"]
    scope = SiteScope(dinsos)
    assert scope.allows("https://h.id/dinsos/layanan/")
    assert not scope.allows("https://h.id/dishub/layanan/")
    assert not scope.allows("https://h.id/berita/")
    lama, kota = share_hosts([website("lama", "https://h.id/dinsos/",
                                      prefixes=["https://h.id/dinsos"]),
                              website("kota", "https://h.id/dinsoskota/")])
    assert lama.prefixes == ["https://h.id/dinsos/"]
    assert not SiteScope(lama).allows("https://h.id/dinsoslama/x/")
    assert not SiteScope(lama).allows("https://h.id/dinsoskota/x/")
    assert SiteScope(kota).allows("https://h.id/dinsoskota/x/")


def _kir_page(source: str, opd: str, fetched_at: str) -> Document:
    return Document(url="https://jambikota.go.id/dishub/layanan/uji-kir/", source=source,
                    opd=opd, kind="service", title="Uji KIR", text="Uji KIR kendaraan " * 20,
                    fetched_at=fetched_at)


def test_a_page_retired_as_no_longer_its_source_keeps_the_catalog_app_there(tmp_path):
    store = DocumentStore.open(tmp_path)
    try:
        page = _kir_page("portal-dinsos", "Dinas Sosial", "2026-01-01T00:00:00+00:00")
        store.upsert(page)
        store.put_app(Document(url=page.url, source="apps", opd="Diskominfo", kind="app",
                               title="SI-KIR", text="Aplikasi uji KIR",
                               parent_url="https://jambikota.go.id/apps.json"))
        assert not store.retire_of(page.url, "portal-dishub")  # not its copy
        assert store.retire_of(page.url, "portal-dinsos")
        assert [(d.source, d.kind, d.title) for d in store.iter_documents()] == [
            ("apps", "app", "SI-KIR")]
    finally:
        store.close()


def test_a_workers_retirement_does_not_undo_the_owners_copy_from_another_worker(tmp_path):
    main, worker_a, worker_b = (tmp_path / n for n in ("main", "a", "b"))
    old = _kir_page("portal-dinsos", "Dinas Sosial", "2026-01-01T00:00:00+00:00")
    for data_dir in (main, worker_a):
        store = DocumentStore.open(data_dir)
        store.upsert(old)
        store.close()
    store = DocumentStore.open(worker_b)  # Dishub's crawl stored its page on worker B
    store.upsert(_kir_page("portal-dishub", "Dinas Perhubungan", "2026-01-02T00:00:00+00:00"))
    store.close()
    store = DocumentStore.open(worker_a)  # ...and Dinas Sosial's let its copy go on A, later
    assert store.retire_of(old.url, "portal-dinsos")
    store.close()
    merge_stores(main, [worker_b, worker_a])
    store = DocumentStore.open(main)
    try:
        assert [tuple(r) for r in store.query("SELECT source, status FROM documents")] == [
            ("portal-dishub", "live")]
    finally:
        store.close()


def test_a_file_in_no_folder_is_revalidated_as_the_first_sources(tmp_path):
    """Two subsites link one upload at the network's root: the one that did not store it
    asks with its validators (a 304 keeps it the first's), not for the whole file; a page in
    its own folder that the other stored is still asked for whole, to become its own."""
    dinsos, dishub = share_hosts([website("dinsos", "https://jambikota.go.id/dinsos/"),
                                  website("dishub", "https://jambikota.go.id/dishub/")])
    pdf = "https://jambikota.go.id" + KIR_PDF
    store = DocumentStore.open(tmp_path)
    try:
        store.upsert(Document(url=pdf, source="dinsos", opd="DINSOS", kind="pdf",
                              title="Persyaratan Uji KIR", text="Persyaratan uji KIR " * 20),
                     etag='"kir-1"')
        store.upsert(_kir_page("dinsos", "DINSOS", "2026-01-01T00:00:00+00:00"), etag='"p-1"')
        middleware = ConditionalRequestMiddleware(store)
        spider = WebsiteSpider(source=dishub)
        upload = Request(pdf)
        middleware.process_request(upload, spider)
        assert upload.headers.get(b"If-None-Match") == b'"kir-1"'
        page = Request("https://jambikota.go.id/dishub/layanan/uji-kir/")
        middleware.process_request(page, spider)
        assert b"If-None-Match" not in page.headers
    finally:
        store.close()


def _spider(source: Source, data_dir: Path, crawl_id: int | None = None) -> WebsiteSpider:
    crawler = Crawler(WebsiteSpider, ScrapySettings({"SIKOJA_DATA_DIR": str(data_dir)}))
    return WebsiteSpider.from_crawler(crawler, source=source, crawl_id=crawl_id)


def _page(url: str, source: str) -> Document:
    return Document(url=url, source=source, opd=source.upper(), kind="page", title=url,
                    text="Halaman layanan " * 10)


@pytest.mark.parametrize("status, retired", [(404, True), (None, False), (503, False)])
def test_a_broken_link_does_not_keep_the_networks_home_but_an_unreachable_site_does(
        tmp_path, status, retired):
    """The network's home page Dinas Sosial stored before the split is retired after its
    sweep: a 404 to a link it never stored does not stop that; a timeout or a 5xx (the site
    unreachable, so nothing says the split is why the page was not reached) does."""
    dinsos, _ = share_hosts([website("dinsos", "https://jambikota.go.id/dinsos/"),
                             website("dishub", "https://jambikota.go.id/dishub/")])
    home = "https://jambikota.go.id/"
    store = DocumentStore.open(tmp_path)
    try:
        store.upsert(_page(home, "dinsos"))
        crawl_id = store.start_crawl("dinsos")
        store.log_fetch(crawl_id=crawl_id, source="dinsos", status=status, outcome="error",
                        url="https://jambikota.go.id/dinsos/tidak-ada/",
                        reason="http 4xx: HTTP 404" if status == 404 else "timeout")
    finally:
        store.close()
    spider = _spider(dinsos, tmp_path, crawl_id)
    spider.nobodys = [home]
    spider._retire_nobodys()
    store = DocumentStore.open(tmp_path)
    try:
        assert [tuple(r) for r in store.query("SELECT status FROM documents WHERE url = ?",
                                              (home,))] == [("gone" if retired else "live",)]
    finally:
        store.close()


def test_a_catalogs_app_in_a_subsites_folder_is_not_swept_as_its_page(tmp_path):
    """An app only the catalog holds, at a URL in Dinas Kesehatan's folder, is no page of
    the site: its sweep does not ask for it (a 404 would be an error each crawl, a 200 would
    write the page over the app); a page of the site there is still swept."""
    store = DocumentStore.open(tmp_path)
    try:
        app = "https://h.go.id/dinkes/sikesda/"
        store.put_app(Document(url=app, source="katalog", opd="Dinkes", kind="app",
                               title="SIKESDA", text="aplikasi", parent_url="https://k.go.id/"))
        page = "https://h.go.id/dinkes/layanan/"
        store.upsert(_page(page, "dinsos"))
        store.upsert(_page("https://h.go.id/dinsos/layanan/", "dinsos"))
        assert store.is_catalog_only(app)
        assert store.live_urls_under(["https://h.go.id/dinkes/"]) == {page}
    finally:
        store.close()


def test_the_folder_lookup_reads_by_url_not_every_live_row(tmp_path):
    """live_urls_under runs on the crawl's reactor thread at each sweep: the store's URL
    index bounds it to the folder (the status index would walk every live page)."""
    store = DocumentStore.open(tmp_path)
    statements: list[str] = []
    try:
        store._db.set_trace_callback(statements.append)
        store.live_urls_under(["https://h.go.id/dinkes/"])
        store._db.set_trace_callback(None)
        [select] = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        plan = " ".join(r[3] for r in store.query("EXPLAIN QUERY PLAN " + select))
        assert "(url>? AND url<?)" in plan and "status" not in plan, plan
    finally:
        store.close()


def test_other_sources_pages_in_its_folders_wait_when_its_page_budget_is_spent(tmp_path):
    """The sweep asks for the pages another source stored in Dinas Kesehatan's folder only
    within what is left of its page budget (max_pages); the rest are left for the next
    crawl, counted; its own pages not reached are still revalidated."""
    dinkes, _ = share_hosts([website("dinkes", "https://h.go.id/dinkes/", max_pages=5),
                             website("dinsos", "https://h.go.id/dinsos/")])
    own = "https://h.go.id/dinkes/tentang/"
    others = [f"https://h.go.id/dinkes/layanan-{i}/" for i in range(6)]
    store = DocumentStore.open(tmp_path)
    try:
        store.upsert(_page(own, "dinkes"))
        for url in others:
            store.upsert(_page(url, "dinsos"))
        spider = _spider(dinkes, tmp_path)
        spider.scheduled.update({"h.go.id/dinkes/", "h.go.id/dinkes/kontak/"})  # reached
        asked = [r.url for r in spider._sweep_requests(store)]
    finally:
        store.close()
    assert asked == [own, *others[:2]]
    assert spider.sweep_deferred == 4
    assert len(spider.scheduled) == dinkes.max_pages
