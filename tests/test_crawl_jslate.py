"""A page drawn by JavaScript is judged only once every request it waits on has ended
(issue #11, session 14).

The spider counts a shell's script and JSON requests (``_ScriptJob.pending``) and settles
the page, storing it and its records or reporting it unreadable, when the count reaches
zero. A list found late must still count: one named in a lazily imported chunk that answers
after everything else, the second page of a paginated API named only by the first page's
answer, a list whose URL redirects, next to a script that fails. And a request Scrapy drops
without calling back (its URL is longer than ``URLLENGTH_LIMIT``) must not keep the count
above zero: the page would never be settled, its own document never stored and the lists
that waited for it lost.
"""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler

import pytest

from crawler.reports import sites_report
from crawler.run import crawl
from sikoja.config import Settings
from sikoja.sources import Source
from sikoja.store import DocumentStore
from tests.faultserver import Page, PageSite, Reply, html, query_key

JS = "application/javascript"
KK = {"nama_layanan": "Penerbitan Kartu Keluarga Baru", "slug": "kk-baru",
      "persyaratan": ["Surat pengantar RT/RW", "Buku nikah"], "biaya": "Gratis"}
AKTA = {"nama_layanan": "Akta Kelahiran", "slug": "akta-kelahiran",
        "persyaratan": ["Surat keterangan lahir dari bidan", "KK orang tua"],
        "biaya": "Gratis"}
PINDAH = {"nama_layanan": "Surat Pindah Domisili", "slug": "surat-pindah",
          "persyaratan": ["KK asli", "KTP-el"], "biaya": "Gratis"}


class ApiSite(PageSite):
    """A PageSite whose pages may differ by their query (``/api/layanan?page=2``), and whose
    ``redirects`` answer 302 to another path."""

    def __init__(self, pages: dict[str, Page], redirects: dict[str, str]) -> None:
        super().__init__(pages)
        self.redirects = redirects

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        path = query_key(request.path)
        if path in self.redirects:
            self.send(request, Reply(302, b"", {"Location": self.redirects[path]}))
        elif path in self.pages and "?" in path:
            page = self.pages[path]
            self.send(request, Reply(body=page.body, content_type=page.content_type))
        else:
            super().handle(request)


def json_page(value: object, delay: float = 0.0) -> Page:
    return Page(json.dumps(value).encode(), etag=False, content_type="application/json",
                delay=delay)


def run(site: PageSite, start: str, tmp_path) -> dict[str, object]:
    settings = Settings()
    settings.crawl.delay = 0
    crawl([Source(name="disdukcapil", opd="Disdukcapil", kind="website",
                  start_urls=[site.url(start)], use_sitemap=False)], settings, tmp_path,
          timeout=120)
    store = DocumentStore.open(tmp_path)
    try:
        docs = {d.url: d for d in store.iter_documents()}
        health = {h.source: h for h in sites_report(store)}
    finally:
        store.close()
    return {"docs": docs, "health": health["disdukcapil"]}


def titled(docs: dict) -> dict[str, object]:
    return {d.title: d for d in docs.values()}


@pytest.mark.slow  # crawls a served site
def test_lists_found_late_are_read_before_their_page_is_judged(tmp_path):
    """The index script answers at once and imports a view that answers last; the view
    names the first page of the list, whose answer names the second; another list
    redirects to where it now lives; a statistics script is gone (404). Every record is
    stored with its text, the shell with them, and the page is not reported unreadable."""
    index = (b'const routes=[{path:"/layanan",component:()=>import("./Layanan-9c8d.js")}];'
             b'fetch("/api/info.json").then(r=>r.json()).then(drawInfo);')
    view = b'const r=await fetch("/api/layanan?page=1");draw(await r.json());'
    info = [{"nama_layanan": "Legalisir Dokumen Kependudukan", "slug": "legalisir",
             "persyaratan": ["Fotokopi dokumen", "Dokumen asli"], "biaya": "Gratis"}]
    shell = html("Layanan Disdukcapil", "<div id='app'></div>"
                 "<script type='module' src='/assets/index-1a2b.js'></script>"
                 "<script src='/js/statistik.js'></script>")
    pages = {"/": Page(shell),
             "/assets/index-1a2b.js": Page(index, content_type=JS),
             "/assets/Layanan-9c8d.js": Page(view, content_type=JS, delay=0.6),
             "/api/layanan?page=1": json_page(
                 {"data": [KK, AKTA], "next_page_url": "/api/layanan?page=2"}),
             "/api/layanan?page=2": json_page({"data": [PINDAH], "next_page_url": None},
                                              delay=0.6),
             "/api/v2/info.json": json_page(info, delay=0.3)}
    with ApiSite(pages, {"/api/info.json": "/api/v2/info.json"}) as site:
        found = run(site, "/", tmp_path)
        hit = site.paths_hit()
    docs, health = found["docs"], found["health"]
    assert "/api/layanan?page=2" in hit and "/js/statistik.js" in hit
    by_title = titled(docs)
    for record in (KK, AKTA, PINDAH, info[0]):
        doc = by_title.get(record["nama_layanan"])
        assert doc is not None, sorted(by_title)
        assert all(part in doc.text for part in record["persyaratan"])
    assert site.url("/") in docs  # the shell itself, stored once its lists were read
    assert health.unreadable == []


@pytest.mark.slow  # crawls a served site
def test_a_request_scrapy_drops_does_not_keep_the_page_waiting(tmp_path):
    """A shell served under a long path names its data relative to it: that URL passes
    URLLENGTH_LIMIT, and Scrapy drops such a request without calling back. The page's other
    list is read and the page stored (before, the page waited for ever: neither it nor the
    list that waited with it was stored)."""
    deep = "/" + "/".join(["layanan-kependudukan-dan-pencatatan-sipil"] * 47) + "/"
    assert 1950 < len(deep) < 2000
    shell = html("Layanan Disdukcapil", "<div id='app'></div>",
                 head="<script>fetch('data/rekapitulasi-layanan.json').then(drawSum);"
                      "fetch('/api/layanan.json').then(r=>r.json()).then(draw);</script>")
    pages = {deep: Page(shell), "/api/layanan.json": json_page({"data": [KK, AKTA]})}
    with ApiSite(pages, {}) as site:
        found = run(site, deep, tmp_path)
    docs, health = found["docs"], found["health"]
    by_title = titled(docs)
    assert {KK["nama_layanan"], AKTA["nama_layanan"]} <= set(by_title), sorted(by_title)
    assert "Surat keterangan lahir dari bidan" in by_title[AKTA["nama_layanan"]].text
    assert site.url(deep) in docs
    assert health.unreadable == []


SPA_SHELL = html("Layanan Online", "<div id='root'></div>"
                 "<script type='module' src='/assets/index-1a2b.js'></script>")
LIST_JS = b'fetch("/api/layanan").then(r=>r.json()).then(d=>render(d.data));'
# the list named in a view the router imports lazily, and read last
LAZY = {"/assets/index-1a2b.js": Page(
            b'const routes=[{path:"/layanan/:slug",component:()=>import("./Layanan-9c8d.js")}];',
            content_type=JS),
        "/assets/Layanan-9c8d.js": Page(LIST_JS, content_type=JS, delay=1.5)}
# the list named at once, its records waiting for another script of the home (deferred)
WAITING = {"/assets/index-1a2b.js": Page(
               b'import("./Statistik-5e6f.js");' + LIST_JS, content_type=JS),
           "/assets/Statistik-5e6f.js": Page(b"/* charts */", content_type=JS, delay=1.5)}


@pytest.mark.slow  # crawls a served site
@pytest.mark.parametrize("scripts", [LAZY, WAITING], ids=["lazy-view", "deferred-list"])
def test_a_record_read_after_its_route_page_was_judged_still_takes_that_page(tmp_path, scripts):
    """An app served at every route (history mode), its routes in the sitemap: the route
    pages ``/layanan/<slug>`` are judged before the home's list is read (they load the
    index script, read already, and name nothing more; or they wait on the list, whose
    records wait for the home's other script). Each record is still the document of its
    route page, not the empty shell served there (before, the shell came first and the
    record was skipped as a duplicate of it)."""
    kk, akta = dict(KK), dict(AKTA)
    slow_shell = Page(SPA_SHELL, delay=0.5)  # asked once the index script was read
    pages = {"/": Page(SPA_SHELL), "/layanan/kk-baru": slow_shell,
             "/layanan/akta-kelahiran": slow_shell,
             "/api/layanan": json_page({"data": [kk, akta]}), **scripts}
    with ApiSite(pages, {}) as site:
        site.pages["/sitemap.xml"] = Page(
            ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             + "".join(f"<url><loc>{site.url(p)}</loc></url>"
                       for p in ("/", "/layanan/kk-baru", "/layanan/akta-kelahiran"))
             + "</urlset>").encode(), etag=False, content_type="application/xml")
        settings = Settings()
        settings.crawl.delay = 0
        crawl([Source(name="disdukcapil", opd="Disdukcapil", kind="website",
                      start_urls=[site.url("/")])], settings, tmp_path, timeout=120)
        store = DocumentStore.open(tmp_path)
        try:
            docs = {d.url: d for d in store.iter_documents()}
            health = {h.source: h for h in sites_report(store)}["disdukcapil"]
        finally:
            store.close()
    for slug, record in (("kk-baru", kk), ("akta-kelahiran", akta)):
        doc = docs.get(site.url(f"/layanan/{slug}"))
        assert doc is not None and doc.title == record["nama_layanan"], sorted(docs)
        assert all(part in doc.text for part in record["persyaratan"])
    assert site.url("/") in docs
    assert health.unreadable == []
