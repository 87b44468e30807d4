"""Pages whose data is JSON inside the HTML (Inertia ``data-page``, Next ``__NEXT_DATA__``,
Nuxt ``__NUXT_DATA__``) are read from that JSON: a detail page is its record, a list page a
listing whose records' pages and next pages are links.

Such a page has no text and no ``<a>`` of its own and calls no endpoint: it used to be stored
as an empty page titled with the app's name, reported unreadable, and its services were
never reached."""

from __future__ import annotations

import html
import json

from crawler.extract.document import html_document
from crawler.extract.payload import page_data, read_payload, with_payload

APP = "https://sehat.jambikota.go.id"


def laravel_json(value: object) -> str:
    """As Laravel's json_encode writes it (ASCII, slashes escaped), then Blade's {{ }}."""
    return html.escape(json.dumps(value).replace("/", "\\/"))


def inertia_page(component: str, props: dict, path: str) -> bytes:
    page = {"component": component, "url": path, "version": "6b1a0c1e",
            "props": {"errors": {}, "auth": {"user": None}, "appName": "Sehat Bahagia", **props}}
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title inertia>Sehat Bahagia</title>
<script type="text/javascript">const Ziggy={{"url":"{APP}","routes":{{"layanan.show":
{{"uri":"layanan\\/{{layanan}}","methods":["GET","HEAD"]}},"layanan.index":{{"uri":"layanan",
"methods":["GET","HEAD"]}},"login":{{"uri":"login","methods":["GET","HEAD"]}},"logout":
{{"uri":"logout","methods":["POST"]}}}}}};</script>
<script type="module" src="{APP}/build/assets/app-8f2e4a6c.js"></script></head>
<body class="font-sans antialiased"><div id="app" data-page="{laravel_json(page)}"></div>
</body></html>""".encode()


def read(body: bytes, url: str):
    page = html_document(body, url=url, content_type="text/html; charset=utf-8",
                         http_last_modified=None, source="sehat", opd="Dinas Kesehatan")
    return with_payload(page, body.decode(), source="sehat", opd="Dinas Kesehatan")


SIPB = {"id": 5, "nama_layanan": "Rekomendasi Izin Praktik Bidan (SIPB)",
        "slug": "rekomendasi-sip-bidan", "url": f"{APP}/layanan/rekomendasi-sip-bidan",
        "kategori": {"id": 1, "nama": "Perizinan Tenaga Kesehatan"},
        "deskripsi": "<p>Rekomendasi bagi bidan yang akan praktik mandiri.</p>",
        "persyaratan": "<ol><li>Fotokopi STR yang masih berlaku</li><li>Ijazah bidan "
                       "dilegalisir</li><li>Pas foto 4x6 dua lembar</li></ol>",
        "alur": "<p>1. Ajukan permohonan<br>2. Verifikasi berkas<br>3. Rekomendasi terbit</p>",
        "biaya": "Gratis", "waktu_pelayanan": "5 hari kerja"}
SHORT = [{"id": n, "nama_layanan": name, "slug": slug, "url": f"{APP}/layanan/{slug}",
          "ringkasan": f"Ringkasan {name}."}
         for n, (name, slug) in enumerate([("Cek Kesehatan Gratis (CKG)", "ckg"),
                                           ("Berobat Gratis UHC", "uhc")], 1)]


def test_an_inertia_detail_page_is_the_service_its_data_holds():
    path = "/layanan/rekomendasi-sip-bidan"
    got = read(inertia_page("Layanan/Show", {"layanan": {"data": SIPB}, "layananLain": SHORT},
                            path), APP + path)
    doc = got.document
    assert doc.kind == "service"
    assert doc.title == "Rekomendasi Izin Praktik Bidan (SIPB)"  # not the app's name
    assert doc.url == APP + path
    assert doc.fields["requirements"] == ["Fotokopi STR yang masih berlaku",
                                          "Ijazah bidan dilegalisir", "Pas foto 4x6 dua lembar"]
    assert doc.fields["procedure"] == ["Ajukan permohonan", "Verifikasi berkas",
                                       "Rekomendasi terbit"]
    assert doc.fields["cost"] == "Gratis"
    # the "other services" beside it are links to their pages, not documents of this one
    assert {f"{APP}/layanan/ckg", f"{APP}/layanan/uhc"} <= {link.url for link in got.links}
    assert got.parts == []


def test_the_app_route_list_names_its_public_pages():
    # the menu linking "/layanan" is drawn by the app's code; its route list says it exists
    got = read(inertia_page("Home", {"layananPopuler": SHORT}, "/"), APP + "/")
    urls = {link.url for link in got.links}
    assert APP + "/layanan" in urls
    assert not {APP + "/login", APP + "/logout"} & urls  # an account's, or not a page
    assert not any("{" in u for u in urls)


def test_an_inertia_list_page_is_a_listing_linking_its_records_and_next_page():
    paginator = {"current_page": 1, "data": SHORT, "next_page_url": f"{APP}/layanan?page=2",
                 "links": [{"url": None, "label": "&laquo; Sebelumnya", "active": False},
                           {"url": f"{APP}/layanan?page=1", "label": "1", "active": True},
                           {"url": f"{APP}/layanan?page=2", "label": "2", "active": False}],
                 "per_page": 2, "total": 4}
    got = read(inertia_page("Layanan/Index", {"layanan": paginator}, "/layanan"),
               APP + "/layanan")
    assert got.document.kind == "page" and got.document.fields == {"listing": True}
    assert "Cek Kesehatan Gratis (CKG)" in got.document.text
    urls = {link.url for link in got.links}
    assert {f"{APP}/layanan/ckg", f"{APP}/layanan/uhc", f"{APP}/layanan?page=2"} <= urls
    assert got.parts == []  # records with pages of their own are read there
    assert got.payload


def test_next_data_records_without_a_page_are_documents_of_the_list():
    data = {"props": {"pageProps": {"layanan": [
        {"id": 1, "nama_layanan": "Aktivasi IKD", "slug": "aktivasi-ikd",
         "persyaratan": [{"nama": "KTP-el"}, {"nama": "Ponsel Android"}],
         "biaya": "Gratis"},
        {"id": 2, "nama_layanan": "Legalisir Dokumen", "slug": "legalisir",
         "persyaratan": [{"nama": "Dokumen asli"}], "waktu_pelayanan": "1 hari"}]}},
        "page": "/layanan", "buildId": "k2VQpX7aH1"}
    body = (f'<html><head><title>SIPADU</title></head><body><div id="__next"></div>'
            f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script>'
            "</body></html>").encode()
    got = read(body, APP + "/layanan")
    assert got.document.fields == {"listing": True}
    by_url = {d.url: d for d in got.parts}
    ikd = by_url[APP + "/layanan#aktivasi-ikd"]
    assert ikd.kind == "service" and ikd.fields["requirements"] == ["KTP-el", "Ponsel Android"]


def test_nuxt3_payload_is_unflattened():
    # devalue: [root, ...]; numbers are indexes, ["Reactive", i] wraps the state
    flat = [{"data": 1}, ["Reactive", 2], {"layanan": 3}, {"nama_layanan": 4, "persyaratan": 5,
                                                           "biaya": 8, "slug": 9},
            "Kartu Identitas Anak", [6, 7], "Akta kelahiran", "KK orang tua", "Gratis", "kia"]
    body = ('<html><body><div id="__nuxt"></div><script type="application/json" '
            f'id="__NUXT_DATA__" data-ssr="false">{json.dumps(flat)}</script></body></html>')
    data = page_data(body)
    assert data == {"data": {"layanan": {"nama_layanan": "Kartu Identitas Anak",
                                         "persyaratan": ["Akta kelahiran", "KK orang tua"],
                                         "biaya": "Gratis", "slug": "kia"}}}
    view = read_payload(data, APP + "/layanan/kia")
    assert view.record is not None and view.record["slug"] == "kia"


def test_a_page_with_text_of_its_own_keeps_it():
    # Inertia with server-side rendering: the HTML already says it all
    prose = " ".join(["Puskesmas melayani pemeriksaan umum setiap hari kerja."] * 12)
    body = inertia_page("Layanan/Show", {"layanan": {"data": SIPB}}, "/x").replace(
        b'<div id="app"', f"<main><h1>Layanan</h1><p>{prose}</p></main><div id=\"app\"".encode())
    got = read(body, APP + "/x")
    assert got.document.title != SIPB["nama_layanan"] and not got.payload
