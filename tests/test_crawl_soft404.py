"""Soft 404s: the home page answering a URL it does not have, against pages that only look
alike to the extractor.

A CMS with plain permalinks answers any unknown path with its home page; storing those would
fill the index with copies of the home page. But a blog template whose post body the
extractor misses gives every post the same "main text" as the home page (the sidebar), and
those posts are real pages with their own titles: they must be stored.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.run import crawl
from sikoja.sources import Source
from sikoja.store import DocumentStore
from sikoja.urls import canonicalize_url
from tests.faultserver import Page, PageSite
from tests.test_crawl_incremental import settings

pytestmark = pytest.mark.slow  # crawls a served site

SIDEBAR = ("<div><p>Kantor Kecamatan buka Senin sampai Jumat pukul 08.00 sampai 16.00 WIB. "
           "Hubungi kami untuk pengaduan pelayanan di kantor kecamatan.</p></div>")


def blog_page(title: str, links: list[str]) -> bytes:
    menu = "".join(f'<a href="{href}">{href}</a> ' for href in links)
    return (f"<html><head><title>{title}</title></head><body><nav>{menu}</nav>"
            f"<iframe src='/embed'></iframe>{SIDEBAR}</body></html>").encode()


def test_posts_that_share_the_home_pages_text_but_not_its_title_are_stored(tmp_path: Path):
    posts = {f"/2025/0{i}/kabar-{i}.html": f"Kabar Kelurahan Nomor {i}" for i in range(1, 4)}
    links = ["/", *posts, "/tidak-ada"]
    home = blog_page("Kecamatan Contoh", links)
    pages = {"/": Page(home), **{p: Page(blog_page(t, links)) for p, t in posts.items()},
             # the home page answering a path it does not have
             "/tidak-ada": Page(home)}
    with PageSite(pages) as site:
        source = Source(name="kec", opd="Kecamatan Contoh", start_urls=[site.url("/")],
                        use_sitemap=False)
        summary = crawl([source], settings(), tmp_path, timeout=120)
        assert summary.ok
        store = DocumentStore.open(tmp_path)
        try:
            for path, title in posts.items():
                doc = store.get(canonicalize_url(site.url(path)))
                assert doc is not None, f"{path} was dropped"
                assert doc.title == title
            assert store.get(canonicalize_url(site.url("/tidak-ada"))) is None
            reasons = {row["url"]: row["reason"] for row in store.query(
                "SELECT url, reason FROM fetch_log WHERE outcome = 'skipped'")}
        finally:
            store.close()
        soft = [u for u, r in reasons.items() if u.endswith("/tidak-ada")]
        assert soft and reasons[soft[0]].startswith("soft 404")
