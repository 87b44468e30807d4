"""App catalogs in the three formats cities keep them in: JSON, CSV and an HTML table."""

from __future__ import annotations

import json

import pytest

from crawler.extract.catalog import (
    CatalogError,
    normalise_status,
    parse_catalog,
)
from crawler.extract.document import app_document
from crawler.reports import sites_report
from crawler.run import crawl
from sikoja.config import Settings
from sikoja.sources import Source
from sikoja.store import DocumentStore
from tests.faultserver import Page, PageSite

APPS = [
    {"nama_aplikasi": "SiKesal", "url": "https://sikesal.jambikota.go.id",
     "opd": "Diskominfo", "deskripsi": "Pengaduan warga", "platform": "Android",
     "status": "Aktif"},
    {"nama_aplikasi": "SIPATEN", "url": "", "opd": "Kecamatan",
     "deskripsi": "Administrasi kecamatan", "platform": "web", "status": "Non-Aktif"},
    {"nama_aplikasi": "e-Retribusi", "url": "retribusi.jambikota.go.id", "opd": "",
     "deskripsi": "Bayar retribusi", "platform": "web", "status": "tidak aktif"},
]

CSV = """Nama Aplikasi;Link;Instansi;Keterangan;Platform;Status
SiKesal;https://sikesal.jambikota.go.id;Diskominfo;Pengaduan warga;Android;Aktif
SIPATEN;;Kecamatan;Administrasi kecamatan;web;Non-Aktif
e-Retribusi;retribusi.jambikota.go.id;;Bayar retribusi;web;tidak aktif
"""

HTML = """<html><body><h1>Katalog Aplikasi</h1><table>
<tr><th>No</th><th>Nama Aplikasi</th><th>OPD</th><th>Deskripsi</th><th>Platform</th>
<th>Status</th></tr>
<tr><td>1</td><td><a href="https://sikesal.jambikota.go.id">SiKesal</a></td><td>Diskominfo</td>
<td>Pengaduan warga</td><td>Android</td><td>Aktif</td></tr>
<tr><td>2</td><td>SIPATEN</td><td>Kecamatan</td><td>Administrasi kecamatan</td><td>web</td>
<td>Non-Aktif</td></tr>
<tr><td>3</td><td><a href="http://retribusi.jambikota.go.id/">e-Retribusi</a></td><td></td>
<td>Bayar retribusi</td><td>web</td><td>tidak aktif</td></tr></table></body></html>"""

FORMATS = {
    "json-list": (json.dumps(APPS).encode(), "application/json", "/apps.json"),
    "json-object": (json.dumps({"apps": APPS}).encode(), "application/json", "/apps"),
    "csv": (CSV.encode(), "text/csv; charset=utf-8", "/apps.csv"),
    "html": (HTML.encode(), "text/html; charset=utf-8", "/katalog.html"),
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_gives_the_same_apps(fmt):
    body, ctype, path = FORMATS[fmt]
    url = f"https://diskominfo.jambikota.go.id{path}"
    docs = [app_document(e, catalog_url=url, source="katalog", opd="Diskominfo Kota Jambi")
            for e in parse_catalog(body, ctype, url)]
    by_title = {d.title: d for d in docs}
    assert set(by_title) == {"SiKesal", "SIPATEN", "e-Retribusi"}
    sikesal = by_title["SiKesal"]
    assert sikesal.kind == "app"
    assert sikesal.url == "https://sikesal.jambikota.go.id/"
    assert sikesal.fields == {"platform": "Android", "status": "active",
                              "description": "Pengaduan warga"}
    assert sikesal.opd == "Diskominfo"
    # an app without a URL is reached through the catalog
    assert by_title["SIPATEN"].url == f"{url}#sipaten"
    assert by_title["SIPATEN"].fields["status"] == "inactive"
    # no OPD column value: the catalog source's OPD
    assert by_title["e-Retribusi"].opd == "Diskominfo Kota Jambi"
    assert by_title["e-Retribusi"].url.startswith(("https://retribusi.", "http://retribusi."))


@pytest.mark.parametrize("raw,expected", [
    ("Aktif", "active"), ("aktif", "active"), ("AKTIF ", "active"), ("Active", "active"),
    ("Nonaktif", "inactive"), ("Non-Aktif", "inactive"), ("tidak aktif", "inactive"),
    ("Tidak Aktif.", "inactive"), ("inactive", "inactive"), (False, "inactive"),
    ("", "active"), (None, "active"),
])
def test_status_normalisation(raw, expected):
    assert normalise_status(raw) == expected


def test_unreadable_catalogs_are_clear_errors():
    with pytest.raises(CatalogError):
        parse_catalog(b"{not json", "application/json", "https://a/apps.json")
    with pytest.raises(CatalogError):
        parse_catalog(b"<html><p>no table</p></html>", "text/html", "https://a/k.html")
    with pytest.raises(CatalogError):
        parse_catalog(b"kolom1,kolom2\n1,2\n", "text/csv", "https://a/k.csv")


@pytest.mark.slow  # crawls a served catalog twice
def test_catalog_crawl_stores_apps_and_drops_delisted_ones(tmp_path):
    settings = Settings()
    settings.crawl.delay = 0
    with PageSite({"/apps.json": Page(json.dumps({"apps": APPS}).encode(), etag=False,
                                      content_type="application/json")}) as site:
        source = Source(name="katalog", opd="Diskominfo Kota Jambi", kind="app-catalog",
                        url=site.url("/apps.json"))
        first = crawl([source], settings, tmp_path, timeout=120)
        assert first.ok and first.sources[0].stored == 3
        site.pages["/apps.json"] = Page(json.dumps({"apps": APPS[:2]}).encode(), etag=False,
                                        content_type="application/json")
        second = crawl([source], settings, tmp_path, timeout=120)
    assert second.sources[0].unchanged == 2 and second.sources[0].gone == 1
    store = DocumentStore.open(tmp_path)
    assert sorted(d.title for d in store.iter_documents()) == ["SIPATEN", "SiKesal"]


@pytest.mark.slow  # crawls a served catalog twice
def test_broken_catalog_changes_nothing(tmp_path):
    settings = Settings()
    settings.crawl.delay = 0
    with PageSite({"/apps.json": Page(json.dumps(APPS).encode(), etag=False,
                                      content_type="application/json")}) as site:
        source = Source(name="katalog", opd="Diskominfo", kind="app-catalog",
                        url=site.url("/apps.json"))
        crawl([source], settings, tmp_path, timeout=120)
        site.pages["/apps.json"] = Page(b"[{truncated", etag=False,
                                        content_type="application/json")
        summary = crawl([source], settings, tmp_path, timeout=120)
    assert summary.sources[0].errors == 1 and summary.sources[0].gone == 0
    assert DocumentStore.open(tmp_path).count() == 3


BAD_ROWS = [
    {"nama_aplikasi": "Call Center 112", "url": "tel:0741-112"},
    {"nama_aplikasi": "Menu", "url": "javascript:void(0)"},
    {"nama_aplikasi": "Dua Alamat", "url": ["https://a.jambikota.go.id", "https://b.go.id"]},
    {"nama_aplikasi": "Berkas Lokal", "url": "file:///C:/Users/admin/aplikasi.xlsx"},
]


def test_bad_rows_are_left_out_with_their_reason_and_the_rest_is_read():
    rejected = []
    entries = parse_catalog(json.dumps(APPS[:1] + BAD_ROWS + APPS[1:]).encode(),
                            "application/json", "https://diskominfo.jambikota.go.id/apps.json",
                            rejected)
    assert [e.name for e in entries] == ["SiKesal", "SIPATEN", "e-Retribusi"]
    assert [(r.row, r.name) for r in rejected] == [
        (2, "Call Center 112"), (3, "Menu"), (4, "Dua Alamat"), (5, "Berkas Lokal")]
    assert "not a web address" in rejected[0].reason and "list" in rejected[2].reason
    # a host with a port is a host, not a scheme
    [entry] = parse_catalog(b'[{"nama": "X", "url": "x.jambikota.go.id:8080/app"}]',
                            "application/json", "https://a/apps.json")
    assert entry.url == "https://x.jambikota.go.id:8080/app"


def test_a_javascript_link_in_an_html_catalog_is_not_the_apps_address():
    table = ("<table><tr><th>Nama Aplikasi</th></tr>"
             "<tr><td><a href='javascript:void(0)'>SIPATEN</a></td></tr></table>")
    [entry] = parse_catalog(table.encode(), "text/html", "https://a/katalog.html")
    assert entry.name == "SIPATEN" and entry.url is None


@pytest.mark.slow  # crawls a served catalog
def test_a_catalog_with_bad_rows_stores_the_rest_and_records_each_failure(tmp_path):
    settings = Settings()
    settings.crawl.delay = 0
    body = json.dumps({"apps": BAD_ROWS + APPS}).encode()
    with PageSite({"/apps.json": Page(body, etag=False,
                                      content_type="application/json")}) as site:
        source = Source(name="katalog", opd="Diskominfo", kind="app-catalog",
                        url=site.url("/apps.json"))
        summary = crawl([source], settings, tmp_path, timeout=120)
    assert summary.sources[0].stored == 3 and summary.sources[0].errors == 4
    store = DocumentStore.open(tmp_path)
    try:
        assert store.count() == 3
        reasons = [r["reason"] for r in store.query(
            "SELECT reason FROM fetch_log WHERE outcome = 'error' ORDER BY id")]
        [health] = sites_report(store)  # what `sikoja report sites` and /api/health show
    finally:
        store.close()
    assert health.errors == 4 and health.errors_by_kind == {"parse": 4}
    assert any("file:" in f["reason"] for f in health.failures)
    assert reasons[0].startswith("parse: row 1 (Call Center 112): url 'tel:0741-112'")
    assert all(r.startswith("parse: row ") for r in reasons)
