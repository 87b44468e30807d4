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

import pytest

from crawler.downloadermiddlewares.offsite import SiteScope, names_file
from sikoja.demo.server import load_manifest
from sikoja.sources import Source, share_hosts
from tests.samplecrawl import crawl_sites

SITE = "portal-jambikota"
KIR_PDF = "/wp-content/uploads/sites/3/2024/05/Persyaratan-Uji-KIR.pdf"


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
