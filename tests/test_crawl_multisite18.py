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

from collections import defaultdict
from pathlib import Path

import pytest

from crawler.downloadermiddlewares.offsite import SiteScope, names_file
from crawler.run import crawl
from sikoja.config import load_settings
from sikoja.demo.server import load_manifest, serve_sample_sites
from sikoja.sources import Source, load_sources, share_hosts
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
               website("dinsos", "https://portal.jambikota.go.id/opd/dinsos/beranda")]
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


@pytest.mark.slow  # crawls the sample multisite twice
def test_a_subsite_added_later_takes_its_pages_from_the_neighbour_that_held_them(tmp_path):
    """Dinas Sosial's subsite was listed alone and crawled the whole host (a source alone on
    its host keeps it whole); then Dishub's and DLH's subsites join the sources file. Each
    page then belongs to its own OPD, although it is unchanged since (a 304 would have kept
    Dinas Sosial's copy), and the network's home, no source's now, leaves the index."""
    with serve_sample_sites(0) as web:
        site = next(s for s in web.sites if s.name == SITE)
        sources = load_sources(Path(web.write_sources(tmp_path / "all.yaml")))
        portal = [s for s in sources if s.name.startswith("portal-")]
        settings = load_settings(tmp_path)
        settings.crawl.delay = 0
        for crawled in (portal[:1], portal):
            assert crawl(crawled, settings, tmp_path, timeout=120).ok
            store = DocumentStore.open(tmp_path)
            try:
                live = {r["url"][len(web.urls[SITE]):]: (r["source"], r["opd"]) for r in
                        store.query("SELECT url, source, opd FROM documents WHERE status = "
                                    "'live' AND url LIKE ?", (web.urls[SITE] + "/%",))}
            finally:
                store.close()
            if crawled == portal[:1]:
                assert "/dishub/kontak/" in live and "/" in live  # the whole host, before
    opds = {path: (name, opd) for name, opd, path in site.subsites}
    assert "/" not in live
    linked_from = {KIR_PDF: "/dishub/", DTSEN_PDF: "/dinsos/"}  # the uploads' pages
    for path, owner in live.items():
        assert owner == opds[linked_from.get(path, "/" + path.split("/")[1] + "/")], path
    assert len(live) == 26
