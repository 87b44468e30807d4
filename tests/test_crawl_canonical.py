"""Every spelling of an OPD page collapses to one key, distinct pages stay apart, and the
stored URL is the one the site serves (trailing slash included)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.listings import wordpress_listing
from sikoja.urls import canonicalize_url, origin, slash_alias, url_key


@pytest.mark.parametrize("variant", [
    "http://dukcapil.jambikota.go.id/layanan/ktp",
    "HTTP://Dukcapil.JambiKota.GO.ID/layanan/ktp",
    "http://dukcapil.jambikota.go.id:80/layanan/ktp",
    "http://dukcapil.jambikota.go.id/layanan/ktp#persyaratan",
    "http://dukcapil.jambikota.go.id/layanan/ktp?utm_source=fb&utm_medium=social",
    "http://dukcapil.jambikota.go.id/layanan/ktp?fbclid=IwAR0abc&gclid=xyz",
    "http://dukcapil.jambikota.go.id/layanan/ktp?PHPSESSID=8f2a",
    "http://dukcapil.jambikota.go.id/layanan/ktp;jsessionid=ABC123",
    "http://dukcapil.jambikota.go.id/layanan/./ktp",
    "http://dukcapil.jambikota.go.id/layanan/lama/../ktp",
])
def test_variants_of_one_page_share_a_url(variant):
    assert canonicalize_url(variant) == "http://dukcapil.jambikota.go.id/layanan/ktp"


@pytest.mark.parametrize("variant", [
    "http://dukcapil.jambikota.go.id/layanan/ktp/",
    "HTTP://Dukcapil.JambiKota.GO.ID:80/layanan/ktp/?utm_source=fb#persyaratan",
    "http://dukcapil.jambikota.go.id/layanan/ktp/index.php",
    "http://dukcapil.jambikota.go.id/layanan/ktp/index.html",
    "http://dukcapil.jambikota.go.id/layanan/ktp//",
])
def test_a_folder_url_keeps_its_trailing_slash(variant):
    """The sample server (like Apache) serves /layanan/ktp/; that is the URL a citizen and an
    evaluator follow, so it is the URL stored."""
    assert canonicalize_url(variant) == "http://dukcapil.jambikota.go.id/layanan/ktp/"


def test_the_duplicate_key_ignores_the_trailing_slash():
    with_slash = "http://dukcapil.jambikota.go.id/layanan/ktp/"
    assert url_key(with_slash) == url_key("http://dukcapil.jambikota.go.id/layanan/ktp")
    assert url_key(with_slash) == url_key(with_slash + "index.php?utm_medium=x")
    assert url_key("http://a.go.id/x/?page=2") == url_key("http://a.go.id/x?page=2")
    assert url_key("http://a.go.id/x/") != url_key("http://a.go.id/y/")
    assert url_key("http://a.go.id") == url_key("http://a.go.id/") == "http://a.go.id/"
    assert slash_alias("http://a.go.id/x/") == "http://a.go.id/x"
    assert slash_alias("http://a.go.id/x") == "http://a.go.id/x/"
    assert slash_alias("http://a.go.id/") is None
    assert slash_alias("http://a.go.id/x.html") is None


def test_wordpress_page_id_is_the_page():
    assert canonicalize_url("http://a.go.id/index.php?page_id=5") == "http://a.go.id/?page_id=5"
    assert canonicalize_url("http://a.go.id/?page_id=5&utm_campaign=x") == (
        "http://a.go.id/?page_id=5")
    assert canonicalize_url("http://a.go.id/?page_id=5") != canonicalize_url(
        "http://a.go.id/?page_id=6")


def test_wordpress_reply_links_are_the_post():
    assert canonicalize_url("http://dishub.jambikota.go.id/?p=31&replytocom=2#respond") == (
        "http://dishub.jambikota.go.id/?p=31")


@pytest.mark.parametrize("url,kind", [
    ("/?feed=rss2", "feed"), ("/?p=31&feed=rss2", "feed"), ("/feed/", "feed"),
    ("/berita/uji-kir-keliling/feed/", "feed"), ("/comments/feed/", "feed"),
    ("/?cat=3", "category"), ("/category/berita/", "category"), ("/?cat=3&paged=2", "archive"),
    ("/category/berita/page/2/", "archive"), ("/index.php?tag=uji-kir", "archive"),
    ("/?author=1&paged=2", "archive"),
    ("/?m=202501", "archive"), ("/?paged=2", "archive"), ("/?s=kir", "archive"),
    ("/tag/uji-kir/page/2/", "archive"), ("/2025/01/", "archive"),
    ("/berita/page/3/", "archive"), ("/?attachment_id=29", "attachment page"),
    ("/?page_id=45", None), ("/?p=31", None), ("/", None), ("/2025/01/11/uji-kir-keliling/", None),
    ("/layanan/2024/", None), ("/berita.php?cat=3", None), ("/feedback/", None),
    ("/?page_id=45&paged=2", None),
])
def test_wordpress_listings_are_told_from_pages(url, kind):
    assert wordpress_listing("http://dishub.jambikota.go.id" + url) == kind


def test_query_parameters_keep_the_sites_order_and_share_a_key():
    """An old PHP site links ``index.php?p=layanan&id=1``: that is the URL a citizen gets;
    the other order is the same page, requested once."""
    assert canonicalize_url("http://a.go.id/cari?q=ktp&hal=2&utm_source=x") == (
        "http://a.go.id/cari?q=ktp&hal=2")
    assert url_key("http://a.go.id/cari?q=ktp&hal=2") == url_key("http://a.go.id/cari?hal=2&q=ktp")
    assert url_key("http://a.go.id/berita?id=1") != url_key("http://a.go.id/berita?id=2")
    assert canonicalize_url("http://a.go.id/index.php?p=layanan&id=1") == (
        "http://a.go.id/index.php?p=layanan&id=1")


@pytest.mark.parametrize("url,stored", [
    ("/index.php?p=profil", "/index.php?p=profil"),  # an old PHP site's page, not WordPress's
    ("/index.php?p=berita&id=12", "/index.php?p=berita&id=12"),
    ("/index.php?page=uji-kir", "/index.php?page=uji-kir"),
    ("/index.php?p=31", "/?p=31"),  # WordPress: its post ids are numbers
    ("/index.php?page_id=5&preview=true", "/?page_id=5&preview=true"),
    ("/index.php?s=ktp", "/?s=ktp"),
    ("/index.php?cat=berita", "/index.php?cat=berita"),
])
def test_index_php_is_dropped_only_before_a_wordpress_query(url, stored):
    assert canonicalize_url("http://a.go.id" + url) == "http://a.go.id" + stored


def test_default_ports_dropped_other_ports_kept():
    assert canonicalize_url("https://a.go.id:443/") == "https://a.go.id/"
    assert canonicalize_url("http://127.0.0.1:8701/x") == "http://127.0.0.1:8701/x"
    assert origin("http://127.0.0.1:8701/x") != origin("http://127.0.0.1:8702/x")


def test_spaces_are_percent_encoded_once():
    url = canonicalize_url("http://a.go.id/unduhan/surat pindah.pdf")
    assert url == "http://a.go.id/unduhan/surat%20pindah.pdf"
    assert canonicalize_url("http://a.go.id/unduhan/surat%20pindah.pdf") == url


_segment = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_. %", min_size=0,
                   max_size=12)


@given(path=st.lists(_segment, max_size=4), params=st.dictionaries(
    st.sampled_from(["page_id", "q", "utm_source", "sid", "hal", "id"]),
    st.text(alphabet="abc123 /", max_size=6), max_size=4))
def test_canonicalisation_is_idempotent(path, params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    url = "http://A.go.id:80/" + "/".join(path) + ("?" + query if query else "")
    once = canonicalize_url(url)
    assert canonicalize_url(once) == once
    key = url_key(url)
    assert url_key(key) == key == url_key(once)


def test_site_scope_is_the_sources_sites():
    from crawler.downloadermiddlewares.offsite import SiteScope
    from sikoja.sources import Source

    scope = SiteScope(Source(name="s", opd="o", start_urls=[
        "http://disdukcapil.jambikota.go.id/", "http://127.0.0.1:8701/"]))
    assert scope.allows("http://disdukcapil.jambikota.go.id/layanan")
    assert scope.allows("https://disdukcapil.jambikota.go.id/layanan")  # http -> https
    assert scope.allows("https://www.disdukcapil.jambikota.go.id/")  # www. variant
    assert not scope.allows("http://disdukcapil.jambikota.go.id:8080/")
    assert not scope.allows("http://jambikota.go.id/")
    assert scope.allows("http://127.0.0.1:8701/x")
    assert not scope.allows("http://127.0.0.1:8702/x")  # another OPD's sample site
    assert not scope.allows("http://127.0.0.2:8701/x")
    assert not scope.allows("mailto:admin@jambikota.go.id")


@pytest.mark.slow  # crawls a served site twice
def test_a_page_is_stored_under_the_first_spelling_its_site_links(tmp_path):
    """An old PHP front controller picks the page by its query, whatever the order. The page
    is fetched once, stored as the site first links it, and keeps that URL when a later crawl
    meets the other spelling first."""
    from crawler.run import crawl
    from sikoja.config import Settings
    from sikoja.sources import Source
    from sikoja.store import DocumentStore
    from tests.faultserver import Page, PageSite, Reply

    class FrontController(PageSite):
        def handle(self, request):
            parts = urlsplit(request.path)
            query = "&".join(sorted(parts.query.split("&")))
            page = self.pages.get(parts.path + ("?" + query if query else ""))
            self.send(request, Reply(body=page.body) if page else Reply(404, b"<h1>404</h1>"))

    def html(title, *links):
        anchors = "".join(f'<li><a href="{href}">{title} {i}</a></li>'
                          for i, href in enumerate(links))
        return Page(f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
                    f"<p>Informasi {title} di kantor kami.</p><ul>{anchors}</ul></body>"
                    "</html>".encode(), etag=False)

    settings = Settings()
    settings.crawl.delay, settings.crawl.retries = 0, 0
    with FrontController({
        "/index.php": html("Beranda", "index.php?p=layanan&id=1", "index.php?p=profil"),
        "/index.php?p=profil": html("Profil", "index.php?id=1&p=layanan"),
        "/index.php?id=1&p=layanan": html("Uji Berkala"),
    }) as site:
        source = Source(name="uptd", opd="UPTD", start_urls=[site.url("/index.php")],
                        use_sitemap=False)
        crawl([source], settings, tmp_path, timeout=60)
        site.pages["/index.php"] = html("Beranda", "index.php?id=1&p=layanan",
                                        "index.php?p=profil")
        crawl([source], settings, tmp_path, timeout=60)
        store = DocumentStore.open(tmp_path)
        live = store.urls_for_source("uptd")
        store.close()
    assert live == {site.url(p) for p in ("/", "/index.php?p=profil",
                                          "/index.php?p=layanan&id=1")}


def test_percent_escapes_are_decoded_once_and_only_where_they_mean_the_same():
    """``%2e`` is a dot to a browser (so ``/x/%2e%2e/y`` is ``/y``), ``%7e`` a tilde; an
    escaped slash or percent sign keeps its meaning. Found by the idempotence property: the
    old decode-everything-then-resolve order turned ``/%2e`` into ``/.`` and then ``/``, and
    ``%2541`` into ``%41`` and then ``A``."""
    assert canonicalize_url("http://a.go.id/%2e") == "http://a.go.id/"
    assert canonicalize_url("http://a.go.id/x/%2E%2E/y") == "http://a.go.id/y"
    assert canonicalize_url("http://a.go.id/~user/%7edoc") == "http://a.go.id/~user/~doc"
    assert canonicalize_url("http://a.go.id/a%2fb") == "http://a.go.id/a%2Fb"
    for url in ("http://a.go.id/%2541", "http://a.go.id/%252e", "http://a.go.id/caf%c3%a9"):
        once = canonicalize_url(url)
        assert canonicalize_url(once) == once
    assert canonicalize_url("http://a.go.id/caf%c3%a9") == canonicalize_url("http://a.go.id/café")
