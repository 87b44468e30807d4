"""The second review of session 19's single-page apps with their API on another origin.

An absolute client base of another organisation's host (a weather widget's BMKG client) is
no base of the app's and never erases the app's own; another source's site is never the
app's API, whether the crawl is of one source, the sibling is on the same host at another
port, or the API origin was saved by an earlier crawl; a list is "unroutable" by the route
table of the page's own app, not another app of the same site; IPv6 API origins, hosts
under a TLD the Public Suffix List does not name, and a record's own nested slug.
"""

from __future__ import annotations

import json

import pytest

from crawler.downloadermiddlewares.offsite import SiteScope
from crawler.extract.jsonlist import endpoints, record_fields
from crawler.extract.jsroutes import api_origins, property_bases, registrable, with_bases
from crawler.run import CrawlJob
from crawler.spiders.website import WebsiteSpider
from sikoja.config import load_settings
from sikoja.sources import Source, select_sources
from sikoja.urls import origin
from tests.faultserver import Page, PageSite
from tests.test_crawl_spa19 import _crawl, _crawl_app, _shell

JS = "application/javascript"
SERVICES = json.dumps({"data": [{"id": 7, "nama_layanan": "Izin Usaha Peternakan", "slug": "iup",
                                 "persyaratan": ["KTP", "NIB"], "biaya": "Gratis"}]}).encode()
APP = 'const h=ax.create({baseURL:"/api/v1"});export{h as a};'
LAZY = 'import{a as e}from"./app.js";const l=()=>e.get("/layanan");'
WEATHER = ('const w=ax.create({baseURL:"https://api.bmkg.go.id"});'
           'w.get("/publik/prakiraan-cuaca?adm4=15.71");')


def _spider(start: str, crawl_hosts: list[str]) -> WebsiteSpider:
    return WebsiteSpider({"name": "distankp", "opd": "o", "kind": "website",
                          "start_urls": [start]}, crawl_hosts=crawl_hosts)


def test_another_organisations_client_base_never_erases_the_apps_own():
    page = "https://distankp.jambikota.go.id/"
    bases = property_bases([APP, LAZY, WEATHER], page)
    assert bases == {"baseURL": "/api/v1"}
    assert endpoints(with_bases(LAZY, bases), page) == [
        "https://distankp.jambikota.go.id/api/v1/layanan"]
    # the app's own API origin is still a base
    own = 'const w=ax.create({baseURL:"https://api-distankp.jambikota.go.id"});'
    assert property_bases([own, WEATHER], page) == {
        "baseURL": "https://api-distankp.jambikota.go.id"}


@pytest.mark.slow  # crawls a served site
def test_a_weather_widgets_client_leaves_the_lazy_views_calls_asked(tmp_path):
    with PageSite() as app:
        app.pages["/"] = _shell("SIMTANI", "/assets/app.js", "/assets/cuaca.js")
        app.pages["/api/v1/layanan"] = Page(SERVICES, content_type="application/json")
        app.pages["/assets/app.js"] = Page(
            (APP + 'const r=R({history:"hash",mode:"hash",routes:[{path:"/layanan/:slug",'
             'component:()=>import("./Layanan.js")}]});').encode(), content_type=JS)
        app.pages["/assets/Layanan.js"] = Page(LAZY.encode(), content_type=JS)
        app.pages["/assets/cuaca.js"] = Page(WEATHER.encode(), content_type=JS)
        _, docs, _ = _crawl_app(tmp_path, app.url("/"))
        assert "/api/v1/layanan" in app.paths_hit()
    services = [d for d in docs.values() if d.kind == "service"]
    assert [d.title for d in services] == ["Izin Usaha Peternakan"]


def test_a_crawl_of_one_source_tells_its_spider_the_whole_files_sites(tmp_path):
    file = [Source(name=n, opd="o", start_urls=[f"http://127.0.0.1:1/{n}"],
                   allowed_hosts=[f"{n}.jambikota.go.id"], use_sitemap=False)
            for n in ("distankp", "disdukcapil")]
    chosen = select_sources(file, {"distankp"})
    assert chosen[0].foreign_sites == ["disdukcapil.jambikota.go.id"]
    job = CrawlJob(chosen, load_settings(tmp_path), tmp_path).start()
    try:
        written = json.loads(job._job_path.read_text(encoding="utf-8"))
    finally:
        job.wait()
    assert written["hosts"] == ["disdukcapil.jambikota.go.id", "distankp.jambikota.go.id"]


def test_a_source_on_the_same_host_at_another_port_is_never_the_apps_api():
    spider = _spider("http://127.0.0.1:9000/",
                     ["http://127.0.0.1:9000", "http://127.0.0.1:9001"])
    spider._declare_apis(["http://127.0.0.1:9001/api/layanan",
                          "http://127.0.0.1:9002/api/layanan"], "http://127.0.0.1:9000/")
    assert not spider.scope.allows("http://127.0.0.1:9001/api/layanan", data=True)
    assert spider.scope.allows("http://127.0.0.1:9002/api/layanan", data=True)  # its own


@pytest.mark.slow  # crawls served sites
def test_a_sibling_on_another_port_keeps_its_records_its_own(tmp_path):
    rows = json.dumps({"data": [{"id": 7, "nama_layanan": "Perekaman KTP-el", "slug": "ktp",
                                 "persyaratan": ["KK"], "biaya": "Gratis"}]}).encode()
    with PageSite() as sib, PageSite() as app:
        sib.pages["/"] = Page(b"<html><head><title>Disdukcapil</title></head><body>"
                              b"<p>Situs Disdukcapil, layanan kependudukan.</p></body></html>")
        sib.pages["/api/layanan"] = Page(rows, content_type="application/json")
        app.pages["/"] = _shell("SIMTANI", "/app.js")
        app.pages["/app.js"] = Page(
            (f'const h=ax.create({{baseURL:"{sib.base}"}});h.get("/api/layanan");'
             'const r=R({history:"hash",mode:"hash",routes:[{path:"/layanan/:slug"}]});').encode(),
            content_type=JS)
        _, docs, _ = _crawl(tmp_path, [
            Source(name="distankp", opd="Distankp", start_urls=[app.url("/")],
                   use_sitemap=False),
            Source(name="disdukcapil", opd="Disdukcapil", start_urls=[sib.url("/")],
                   use_sitemap=False)])
    assert not [d for d in docs.values() if d.source == "distankp" and d.kind == "service"]


def test_a_saved_api_origin_of_another_source_is_never_asked():
    sibling = "https://disdukcapil.jambikota.go.id/api/layanan"
    spider = _spider("https://distankp.jambikota.go.id/",
                     ["distankp.jambikota.go.id", "disdukcapil.jambikota.go.id"])
    spider.state = {"apis": {"https://disdukcapil.jambikota.go.id",
                             "https://api-distankp.jambikota.go.id"}}
    spider._restore_state()
    assert spider.scope.apis == {"https://api-distankp.jambikota.go.id"}
    assert not spider.scope.allows(sibling, data=True)
    # and the scope never lets one through, however it was declared
    spider.scope.apis.add("https://disdukcapil.jambikota.go.id")
    assert not spider.scope.allows(sibling, data=True)


@pytest.mark.slow  # crawls a served site
def test_a_router_less_page_of_a_hash_apps_site_keeps_its_records(tmp_path):
    news = json.dumps([{"id": n, "judul": t, "slug": s, "isi": (
        "Pelayanan ditutup sementara pada tanggal tersebut karena libur nasional dan cuti "
        "bersama; layanan daring tetap buka.")} for n, t, s in (
            (1, "Pengumuman Libur Idul Fitri", "libur-idul-fitri"),
            (2, "Jadwal Pelayanan Ramadhan", "jadwal-ramadhan"))]).encode()
    with PageSite() as app:
        app.pages["/api/layanan"] = Page(SERVICES, content_type="application/json")
        app.pages["/api/pengumuman"] = Page(news, content_type="application/json")
        app.pages["/"] = _shell("SIMTANI", "/app.js",
                                body='<noscript><a href="/info/">Pengumuman</a></noscript>')
        app.pages["/app.js"] = Page(
            b'const h=ax.create({baseURL:"/api"});h.get("/layanan");const r=R({history:"hash",'
            b'mode:"hash",routes:[{path:"/layanan/:slug"},{path:"/:pathMatch(.*)*",component:'
            b'()=>import("./NotFound.js")}]});', content_type=JS)
        app.pages["/info/"] = Page(b'<!doctype html><html><head><title>Info</title><script '
                                   b'src="/info.js"></script></head><body><div id="list">'
                                   b'</div></body></html>')
        app.pages["/info.js"] = Page(
            b'fetch("/api/pengumuman").then(r=>r.json()).then(d=>{document.getElementById('
            b'"list").innerHTML=d.map(x=>"<h2>"+x.judul+"</h2>").join("")});',
            content_type=JS)
        _, docs, _ = _crawl_app(tmp_path, app.url("/"))
    titles = {d.title for d in docs.values()}
    assert {"Pengumuman Libur Idul Fitri", "Jadwal Pelayanan Ramadhan",
            "Izin Usaha Peternakan"} <= titles


def test_an_ipv6_api_origin_is_written_and_matched_in_brackets():
    assert origin("http://[::1]:9001/x") == "http://[::1]:9001"
    page = "http://[::1]:9000/"
    found = api_origins('h=ax.create({baseURL:"http://[::1]:9001"});h.get("/x")', page)
    assert found == {"http://[::1]:9001"}
    scope = SiteScope(Source(name="s", opd="o", start_urls=[page], use_sitemap=False))
    scope.declare_api(next(iter(found)))
    assert scope.allows("http://[::1]:9001/x", data=True)


def test_a_host_under_an_unlisted_tld_is_registered_under_its_last_two_labels():
    assert registrable("api.dinas.internal") == "dinas.internal"
    assert registrable("layanan.dinas.internal") == "dinas.internal"
    assert registrable("app.kantor.lan") == "kantor.lan"
    assert registrable("localhost") == "localhost"
    assert api_origins('h=ax.create({baseURL:"https://api.dinas.internal"})',
                       "https://layanan.dinas.internal/") == {"https://api.dinas.internal"}


def test_a_records_own_nested_slug_is_kept_a_related_records_is_not():
    own = {"nama": "Izin Usaha", "persyaratan": ["KTP"], "seo": {"slug": "izin-usaha"}}
    assert record_fields(own)["slug"] == "izin-usaha"
    related = {"nama_layanan": "Sterilisasi Kucing", "persyaratan": ["KTP"],
               "kategori": {"nama_kategori": "Kesehatan Hewan", "slug": "kesehatan-hewan"}}
    assert "slug" not in record_fields(related)
