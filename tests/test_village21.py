"""Kelurahan sites on a village CMS and on a blog, read as a citizen needs them.

``village21-wijayapura`` is OpenSID on the Cosmos theme: each article answers at its dated
slug (``index.php/artikel/<y>/<m>/<d>/<slug>``, the address its lists link and citizens
share) and at the older ``index.php/first/artikel/<id>``, which the "Arsip Artikel" widget
links from every page. ``village21-kebunhandil`` is a Blogger blog on a Sora-style theme:
every page has a ``?m=1`` copy, a post's pager names the newer and older posts, and only
one post's title names the kelurahan (``tools/make_village21_sites.py``). A search must
lead with the service's own post at the address a citizen bookmarks, with its
requirements, whichever post happens to carry the place's name in its title.
"""

from __future__ import annotations

import pytest

from indexer.search import Searcher
from indexer.site_words import site_words
from tests.samplecrawl import crawl_sites, indexed

OPENSID, BLOG = "village21-wijayapura", "village21-kebunhandil"
SKTM = "/index.php/artikel/2024/2/12/syarat-dan-cara-membuat-sktm-di-kelurahan-wijaya-pura"
KEMATIAN = "/index.php/artikel/2024/9/9/pelaporan-kematian-warga"
BLOG_SKTM = "/2024/01/syarat-membuat-sktm-di-kelurahan-kebun.html"
BLOG_SKU = "/2024/04/surat-keterangan-usaha-domisili-usaha-dan.html"
BLOG_NIKAH = "/2024/02/pengantar-nikah-n1-n4-di-kelurahan.html"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    out = tmp_path_factory.mktemp("village21")
    docs, _log = crawl_sites(out, (OPENSID, BLOG))
    with indexed(out, embedder=False) as searcher:
        yield docs, searcher


def paths(searcher: Searcher, query: str) -> list[str]:
    return ["/" + r.url.split("/", 3)[3] for r in searcher.search(query, limit=10).results]


@pytest.mark.slow  # crawls two served sites and indexes them
def test_an_opensid_article_is_kept_at_its_dated_slug_not_the_widgets_route(crawled):
    docs, _ = crawled
    site = docs[OPENSID]
    assert SKTM in site and KEMATIAN in site
    # the older route the sidebar links from every page leaves as the article's twin
    assert not [path for path in site if path.startswith("/index.php/first/artikel/6")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "site", "path"),
    [
        ("cakmano ngurus surat kematian di wijaya pura", OPENSID, KEMATIAN),
        ("bapak meninggal di rumah lapor ke kelurahan wijaya pura", OPENSID, KEMATIAN),
        ("sktm kel wijaya pura", OPENSID, SKTM),
        ("cara bikin sktm di kelurahan kebun handil", BLOG, BLOG_SKTM),
        # Blogger posts under "Layanan" whose lists no "Persyaratan" names (SKU's three
        # letters, the nikah poster's caption): services, since they list what the blog's
        # own SKTM and domicile posts ask for (crawler.asked)
        ("sku kel kebun handil", BLOG, BLOG_SKU),
        ("persyaratan surat pengantar nikah kelurahan kebun handil", BLOG, BLOG_NIKAH),
    ],
)
def test_the_service_post_leads_not_the_post_whose_title_names_the_place(
    crawled, query, site, path
):
    _, searcher = crawled
    found = paths(searcher, query)
    assert found[0] == path, found
    # no mobile copy, label list or archive stands in for the post
    assert not [p for p in found if "m=1" in p or p.startswith("/search")], found


@pytest.mark.slow
def test_a_blog_post_keeps_its_requirements_and_not_the_next_posts_title(crawled):
    docs, _ = crawled
    post = docs[BLOG][BLOG_SKTM]
    assert post.fields["requirements"][:2] == ["Surat pengantar RT/RW", "Fotokopi KTP-el pemohon"]
    assert post.fields["procedure"][-1] == "Surat ditandatangani Lurah dan diserahkan hari itu juga"
    assert "Pengantar Nikah" not in post.text
    # the blog's ?m=1 copies are not stored beside the posts
    assert not [path for path in docs[BLOG] if "m=1" in path]


@pytest.mark.slow
def test_a_blog_post_listing_what_the_blog_s_services_ask_for_is_one_with_its_list(crawled):
    docs, _ = crawled
    nikah = docs[BLOG][BLOG_NIKAH]
    assert nikah.kind == "service" and nikah.fields["kind_from"]["kind"] == "news"
    # the poster's caption is its list of requirements
    assert nikah.fields["requirements"][:2] == ["pengantar RT/RW", "fotokopi KTP dan KK"]
    # the blog's news stays news
    assert docs[BLOG]["/2024/10/lomba-kebersihan-antar-rt-2024.html"].kind == "news"


def test_a_sites_own_place_is_its_word_however_few_titles_say_it():
    def tokens(title: str) -> list[str]:
        return title.lower().split()

    titles = [
        ("kel", "syarat sktm di kelurahan wijaya pura"),
        ("kel", "pelaporan kematian"),
        ("kel", "surat keterangan usaha"),
    ]
    assert site_words(titles, tokens, {"kel": "Kelurahan Wijaya Pura"}) == {
        "kel": frozenset({"wijaya", "pura"})  # not the level: "di kelurahan" is a topic
    }
    # an office named by no place keeps its titles: the fire brigade's "kebakaran"
    fire = [("damkar", "pemadaman kebakaran"), ("damkar", "pelatihan apar")]
    assert site_words(fire, tokens, {"damkar": "Dinas Pemadam Kebakaran Kota Jambi"}) == {}
