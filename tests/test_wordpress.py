"""sikoja on a real WordPress site: Debian's ``wordpress`` package with MariaDB, seeded as an
OPD (Dinas Perhubungan Kota Jambi, ``tests/wordpress/site.py``) with the default "plain"
permalinks (``?p=123``, ``?page_id=45``), and crawled once.

What an admin or a citizen would notice: each page and post found once (not again through
feeds, comment-reply links, archives, shortlinks or the home page WordPress answers for any
unknown path), service pages as services with their requirements and cost, titles without
the site name, pages only the sitemap lists, and the attached PDF.

Decision: WordPress's tag, author and date archives, pagination, feeds and attachment pages
are followed for their links but not stored: they repeat the posts they list. A category's
first page (OPD sites make their menu sections categories) and the home page are stored, as
listings: kind "page" with ``fields["listing"]``, which the ranker puts below the pages they
list.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qsl, urlsplit

import pytest

from crawler.run import crawl
from sikoja.config import Settings
from sikoja.sources import Source
from sikoja.store import DocumentStore
from sikoja.urls import canonicalize_url
from tests.faultserver import Page, PageSite
from tests.wordpress import server, site

pytestmark = pytest.mark.slow  # starts MariaDB and WordPress, crawls it

# query keys of URLs that must never be a document of their own
NEVER_STORED = {"feed", "replytocom", "tag", "author", "m", "paged", "attachment_id",
                "pagename", "name", "s"}


def fast_settings() -> Settings:
    settings = Settings()
    settings.crawl.delay = 0
    settings.crawl.concurrency_per_host = 4
    return settings


@pytest.fixture(scope="module")
def wordpress():
    reason = server.install()
    if reason:
        pytest.skip(f"WordPress test site unavailable: {reason}")
    started = time.monotonic()
    with server.wordpress_site() as wp:
        print(f"\nwordpress: installed, seeded and serving in {time.monotonic() - started:.1f}s")
        yield wp


@pytest.fixture(scope="module")
def crawled(wordpress, tmp_path_factory):
    """({url: document}, fetch log rows) of one crawl of the WordPress site."""
    data_dir = tmp_path_factory.mktemp("wordpress-crawl")
    source = Source(name="dishub", opd=site.SITE_NAME, start_urls=[wordpress.url])
    started = time.monotonic()
    summary = crawl([source], fast_settings(), data_dir, timeout=300)
    assert summary.ok, str(summary)
    store = DocumentStore.open(data_dir)
    docs = {doc.url: doc for doc in store.iter_documents()}  # the live ones
    log = [dict(r) for r in store.query("SELECT url, status, outcome, reason FROM fetch_log")]
    store.close()
    print(f"wordpress: crawled in {time.monotonic() - started:.1f}s: {len(docs)} documents, "
          f"{len(log)} fetches")
    return docs, log


def seeded_url(wordpress, *path: str) -> str:
    value = wordpress.seeded
    for part in path:
        value = value[part]
    return canonicalize_url(value if isinstance(value, str) else value["url"])


def test_service_pages_are_services_with_requirements_and_cost(wordpress, crawled):
    docs, _ = crawled
    assert len(site.SERVICES) >= 20
    for service in site.SERVICES:
        doc = docs[seeded_url(wordpress, "services", service.slug)]
        assert doc.kind == "service", service.title
        assert doc.title == service.title
        assert doc.fields["requirements"] == list(service.requirements)
        assert doc.fields["procedure"] == list(service.procedure)
        assert doc.fields["cost"] == service.cost
        assert doc.fields["duration"] == service.duration
        assert doc.opd == site.SITE_NAME


def test_titles_carry_no_site_name(wordpress, crawled):
    """Every page and post is titled by its own name; the home page, whose name is the
    site's, is the one page titled so (see test_home_page_and_categories_are_listings)."""
    docs, _ = crawled
    home = seeded_url(wordpress, "home")
    html_docs = [d for d in docs.values() if d.kind != "document" and d.url != home]
    assert html_docs
    for doc in html_docs:
        assert site.SITE_NAME.casefold() not in doc.title.casefold(), doc.url
    for news in site.NEWS:
        assert docs[seeded_url(wordpress, "news", news.slug)].title == news.title
    assert docs[seeded_url(wordpress, "profile")].title == "Profil"


def test_each_page_and_post_is_stored_once_and_nothing_else(wordpress, crawled):
    """Feeds, comment-reply links, archives, pagination, shortlinks (?p= of a page), ?name=,
    ?pagename= and a pretty permalink all lead to pages stored once under their own URL."""
    docs, log = crawled
    expected = {seeded_url(wordpress, "home"), seeded_url(wordpress, "profile"),
                seeded_url(wordpress, "layanan"), seeded_url(wordpress, "pdf")}
    expected |= {seeded_url(wordpress, "services", s.slug) for s in site.SERVICES}
    expected |= {seeded_url(wordpress, "news", n.slug) for n in site.NEWS}
    categories = {canonicalize_url(u) for u in wordpress.seeded["categories"].values()}
    assert set(docs) == expected | categories
    titles = [d.title for d in docs.values()]
    assert len(titles) == len(set(titles))
    for url in docs:
        assert not {k for k, _ in parse_qsl(urlsplit(url).query)} & NEVER_STORED, url
    # the archives were read (that is how older posts are found), feeds never requested
    reasons = {r["url"]: r["reason"] or "" for r in log}
    for archive in [*wordpress.seeded["tags"].values(), wordpress.url + "?paged=2"]:
        assert reasons[canonicalize_url(archive)].startswith("listing: WordPress archive")
    assert not [r for r in log if "feed" in r["url"]]
    assert not [r for r in log if "replytocom" in r["url"]]
    # WordPress answers the pretty permalink with the home page (plain permalinks)
    pretty = canonicalize_url(wordpress.url + "2025/01/11/berita-1/")
    assert reasons[pretty].startswith("soft 404")


def test_home_page_and_categories_are_listings(wordpress, crawled):
    docs, _ = crawled
    home = docs[seeded_url(wordpress, "home")]
    assert home.fields.get("listing") is True
    # "Dinas Perhubungan Kota Jambi – Melayani ...": the home page is the site itself
    assert home.title == site.SITE_NAME
    for name, url in wordpress.seeded["categories"].items():
        category = docs[canonicalize_url(url)]
        assert (category.kind, category.fields) == ("page", {"listing": True})
        assert name in category.title


def test_wordpress_sitemap_finds_unlinked_pages(wordpress, crawled):
    docs, log = crawled
    sitemaps = [r for r in log if (r["reason"] or "").startswith("sitemap")]
    assert canonicalize_url(wordpress.url + "?sitemap=index") in {r["url"] for r in sitemaps}
    assert sum(int(r["reason"].split(": ")[1].split()[0]) for r in sitemaps
               if r["reason"].startswith("sitemap:")) >= len(site.SERVICES) + len(site.NEWS)
    unlisted = [s for s in site.SERVICES if not s.listed]
    assert unlisted
    _, layanan = wordpress.get("/?" + urlsplit(seeded_url(wordpress, "layanan")).query)
    assert seeded_url(wordpress, "services", "uji-kir") + '"' in layanan
    for service in unlisted:
        url = seeded_url(wordpress, "services", service.slug)
        assert url + '"' not in layanan  # linked from nowhere but the sitemap
        assert docs[url].kind == "service"


def test_pdf_attachment_is_a_document_of_its_page(wordpress, crawled):
    docs, log = crawled
    pdf = docs[seeded_url(wordpress, "pdf")]
    assert pdf.kind == "document"
    assert pdf.title == site.PDF_TITLE
    assert "buku uji lama" in pdf.text
    assert pdf.parent_url == seeded_url(wordpress, "services", "uji-kir")
    page = canonicalize_url(wordpress.seeded["pdf"]["page"])
    assert page not in docs
    assert [r["reason"] for r in log if r["url"] == page] == [
        "listing: WordPress attachment page, links followed"]


def test_noindex_pages_are_followed_but_not_stored(tmp_path):
    """Any site: ``<meta name="robots" content="noindex">`` keeps a page out of the index
    but its links are followed, unless it also says ``nofollow``."""
    def page(robots: str, links: list[str], text: str) -> Page:
        anchors = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
        return Page(f'<html><head><title>{text}</title><meta name="robots" content="{robots}">'
                    f"</head><body><main><h1>{text}</h1><p>{text} untuk warga Kota Jambi "
                    f"yang membutuhkan informasi.</p><ul>{anchors}</ul></main></body>"
                    "</html>".encode())

    with PageSite({
        "/": page("index, follow", ["/cari", "/arsip"], "Beranda"),
        "/cari": page("noindex, follow", ["/layanan-ktp"], "Hasil pencarian"),
        "/arsip": page("noindex, nofollow", ["/rahasia"], "Arsip lama"),
        "/layanan-ktp": page("index", [], "Layanan KTP"),
        "/rahasia": page("index", [], "Halaman tersembunyi"),
    }) as web:
        source = Source(name="uji", opd="Diskominfo", start_urls=[web.url("/")],
                        use_sitemap=False)
        summary = crawl([source], fast_settings(), tmp_path, timeout=120)
    store = DocumentStore.open(tmp_path)
    stored = {urlsplit(d.url).path for d in store.iter_documents()}
    store.close()
    assert summary.ok
    assert stored == {"/", "/layanan-ktp"}


def test_home_page_answered_at_another_url_is_not_a_copy(tmp_path):
    """Any site that serves its home page for unknown paths (WordPress with plain permalinks,
    many PHP sites): the copy is not stored, also on a recrawl where the home page is 304."""
    home = Page(b"<html><head><title>Beranda</title></head><body><main><h1>Beranda</h1>"
                b"<p>Selamat datang di situs resmi Dinas Contoh Kota Jambi.</p>"
                b'<a href="/berita/lama/">Berita lama</a> <a href="/profil">Profil</a>'
                b"</main></body></html>")
    profile = Page(b"<html><head><title>Profil</title></head><body><main><h1>Profil</h1>"
                   b"<p>Dinas Contoh melayani warga Kota Jambi setiap hari kerja.</p>"
                   b"</main></body></html>")
    with PageSite({"/": home, "/berita/lama/": home, "/profil": profile}) as web:
        source = Source(name="contoh", opd="Dinas Contoh", start_urls=[web.url("/")],
                        use_sitemap=False)
        for _ in range(2):
            summary = crawl([source], fast_settings(), tmp_path, timeout=120)
            assert summary.ok
            store = DocumentStore.open(tmp_path)
            stored = {urlsplit(d.url).path for d in store.iter_documents()}
            store.close()
            assert stored == {"/", "/profil"}
        assert summary.sources[0].unchanged >= 1  # the home page answered 304 the second time
