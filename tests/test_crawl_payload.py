"""Script apps whose data the crawl reads without running them: an Inertia app (every page's
records in its ``data-page`` JSON, no ``<a>`` anywhere) and a Laravel API paginated by
``links.next``. Before, the Inertia app was one empty page reported unreadable, and the API's
second page was never read."""

from __future__ import annotations

import html
import json

import pytest

from crawler.run import crawl
from sikoja.config import Settings
from sikoja.sources import Source
from sikoja.store import DocumentStore
from tests.faultserver import Page, PageSite
from tests.faultserver import html as page_html

CKG = {"id": 1, "nama_layanan": "Cek Kesehatan Gratis", "slug": "ckg",
       "deskripsi": "<p>Pemeriksaan kesehatan gratis untuk semua umur.</p>",
       "persyaratan": [{"id": 1, "nama": "KTP-el atau KIA"}],
       "alur": "<p>1. Daftar di puskesmas<br>2. Pemeriksaan</p>", "biaya": "Gratis",
       "waktu_pelayanan": "Sekitar 1 jam"}
SIPB = {"id": 2, "nama_layanan": "Rekomendasi Izin Praktik Bidan", "slug": "sipb",
        "persyaratan": "<ol><li>Fotokopi STR</li><li>Ijazah bidan</li></ol>",
        "alur": "<p>1. Ajukan permohonan<br>2. Rekomendasi terbit</p>", "biaya": "Gratis",
        "waktu_pelayanan": "5 hari kerja"}


def inertia(component: str, props: dict, path: str) -> Page:
    data = {"component": component, "props": {"errors": {}, "appName": "Sehat", **props},
            "url": path, "version": "6b1a0c1e"}
    attr = html.escape(json.dumps(data).replace("/", "\\/"))
    return Page(f"""<!DOCTYPE html><html lang="id"><head><title inertia>Sehat</title>
<script type="module" src="/build/assets/app-8f2e4a6c.js"></script></head>
<body><div id="app" data-page="{attr}"></div></body></html>""".encode())


def short(record: dict, site: PageSite) -> dict:
    return {"id": record["id"], "nama_layanan": record["nama_layanan"],
            "slug": record["slug"], "url": site.url(f"/layanan/{record['slug']}")}


def json_page(value) -> Page:
    return Page(json.dumps(value).encode(), etag=False, content_type="application/json")


def run(sources, tmp_path):
    settings = Settings()
    settings.crawl.delay = 0
    return crawl(sources, settings, tmp_path, timeout=120)


@pytest.mark.slow  # crawls served sites
def test_an_inertia_app_and_a_paginated_api_are_read(tmp_path):
    js = "application/javascript"
    with PageSite({"/build/assets/app-8f2e4a6c.js": Page(
            b'import{r as e}from"./vendor.js";e({resolve:t=>t});', content_type=js)}) as app, \
         PageSite({"/": Page(page_html("Layanan", "<h1>Layanan</h1><div id='app'></div>",
                                       head="<script>fetch('/api/layanan').then(r => r.json())"
                                            ".then(draw);</script>")),
                   "/api/layanan": json_page({"data": [dict(CKG, slug="ckg")],
                                              "links": {"next": "/api/layanan/2"}}),
                   "/api/layanan/2": json_page({"data": [dict(SIPB, slug="sipb")],
                                                "links": {"next": None}})}) as api:
        paginator = {"current_page": 1, "data": [short(CKG, app)], "next_page_url":
                     app.url("/layanan/hal/2"), "links": [{"url": None, "label": "&laquo;",
                                                           "active": False}]}
        app.pages.update({
            "/": inertia("Home", {"layananPopuler": []}, "/"),
            "/layanan": inertia("Layanan/Index", {"layanan": paginator}, "/layanan"),
            "/layanan/hal/2": inertia("Layanan/Index", {"layanan": {
                "current_page": 2, "data": [short(SIPB, app)], "next_page_url": None}},
                "/layanan/hal/2"),
            "/layanan/ckg": inertia("Layanan/Show", {"layanan": {"data": CKG}}, "/layanan/ckg"),
            "/layanan/sipb": inertia("Layanan/Show", {"layanan": {"data": SIPB}},
                                     "/layanan/sipb")})
        # the home's data names only the list: everything else is reached through data
        app.pages["/"] = inertia("Home", {"menu": [{"label": "Layanan",
                                                    "url": app.url("/layanan")}]}, "/")
        sources = [Source(name="sehat", opd="Dinkes", kind="website",
                          start_urls=[app.url("/")]),
                   Source(name="api", opd="Dinkes", kind="website", start_urls=[api.url("/")])]
        report = run(sources, tmp_path)
        store = DocumentStore.open(tmp_path)
        try:
            live = {d.url: d for d in store.iter_documents()}
        finally:
            store.close()
    sehat = next(s for s in report.sources if s.source == "sehat")
    assert sehat.errors == 0, str(report)  # not "unreadable"
    for slug, record in (("ckg", CKG), ("sipb", SIPB)):
        doc = live[app.url(f"/layanan/{slug}")]
        assert doc.kind == "service" and doc.title == record["nama_layanan"]
    assert live[app.url("/layanan/sipb")].fields["requirements"] == ["Fotokopi STR",
                                                                     "Ijazah bidan"]
    # the API's second page was read: its record is a service of the shell's page
    api_services = {d.title for d in live.values() if d.source == "api" and d.kind == "service"}
    assert api_services == {CKG["nama_layanan"], SIPB["nama_layanan"]}
