"""A WordPress site whose theme is a script app: every permalink answers the same empty
shell, and the app reads the REST API (``/wp-json/wp/v2/pages``, ten records a page, the
next page named only by the ``Link`` header). A citizen must find each service page at
its permalink, with its requirements, as on a WordPress site that renders its pages."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

import pytest

from crawler.run import crawl
from sikoja.config import Settings
from sikoja.sources import Source
from sikoja.store import DocumentStore
from tests.faultserver import LoopbackSite, Reply

pytestmark = pytest.mark.slow  # crawls a served site

SHELL = (b'<!DOCTYPE html><html lang="id"><head><title>Dinas Uji</title>'
         b'<script type="module" src="/wp-content/themes/uji/dist/index.js"></script></head>'
         b'<body><div id="app"></div></body></html>')
BUNDLE = (b'const wp=Ze.create({baseURL:"/wp-json/wp/v2"}),api={halaman:()=>wp.get("/pages",'
          b'{params:{slug:e}})};createApp(App).use(router).mount("#app");')
PER_PAGE = 10


class WordPressApp(LoopbackSite):
    """The shell at every path, the bundle, and the REST API's pages in pages of ten."""

    def __init__(self, records: list[dict]) -> None:
        super().__init__()
        self.records = records

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        if parts.path == "/wp-content/themes/uji/dist/index.js":
            self.send(request, Reply(body=BUNDLE, content_type="text/javascript"))
        elif parts.path == "/wp-json/wp/v2/pages":
            number = int(parse_qs(parts.query).get("page", ["1"])[0])
            last = -(-len(self.records) // PER_PAGE)
            headers = {"X-WP-Total": str(len(self.records)), "X-WP-TotalPages": str(last)}
            if number < last:
                headers["Link"] = (f'<{self.url("/wp-json/wp/v2/pages")}?page={number + 1}>; '
                                   'rel="next"')
            chunk = self.records[(number - 1) * PER_PAGE:number * PER_PAGE]
            self.send(request, Reply(body=json.dumps(chunk).encode(), headers=headers,
                                     content_type="application/json; charset=UTF-8"))
        elif parts.path == "/robots.txt":
            self.send(request, Reply(body=b"User-agent: *\nAllow: /\n",
                                     content_type="text/plain"))
        else:
            self.send(request, Reply(body=SHELL))


def record(site: WordPressApp, n: int) -> dict:
    slug = f"izin-usaha-{n}"
    return {"id": n, "slug": slug, "type": "page", "link": site.url(f"/layanan/{slug}/"),
            "title": {"rendered": f"Izin Usaha Jenis {n} &#8211; DPMPTSP"},
            "content": {"rendered": f"<p>Izin usaha jenis {n}.</p><h2>Persyaratan</h2><ul>"
                                    f"<li>KTP pemohon {n}</li><li>NPWP</li></ul><h2>Biaya</h2>"
                                    "<p>Gratis</p>", "protected": False}}


def test_a_wordpress_rest_app_is_read_page_after_page_at_its_permalinks(tmp_path):
    with WordPressApp([]) as site:
        site.records = [record(site, n) for n in range(1, 13)]
        source = Source(name="uji", opd="Dinas Uji", kind="website",
                        start_urls=[site.url("/")], use_sitemap=False)
        settings = Settings()
        settings.crawl.delay = 0
        crawl([source], settings, tmp_path, timeout=120)
        hits = site.paths_hit()
    assert "/wp-json/wp/v2/pages?page=2" in hits  # the page the Link header names
    store = DocumentStore.open(tmp_path)
    try:
        for n in (1, 12):  # the first page's and the second's
            doc = store.get(f"{site.base}/layanan/izin-usaha-{n}/")
            assert doc is not None and doc.kind == "service", n
            assert doc.title == f"Izin Usaha Jenis {n} – DPMPTSP"
            assert doc.fields["requirements"] == [f"KTP pemohon {n}", "NPWP"]
            assert doc.fields["cost"] == "Gratis"
    finally:
        store.close()
