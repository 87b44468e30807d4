"""Single-page apps whose details live at endpoints of other shapes (issue #11, session 16).

Both sample sites list their services by name only and hold each service's facts at a detail
URL that is not the list's path plus "/" + id, so sikoja stored them as names (thin pages):

* SIAP NAKES (Vue 3, history mode, axios ``baseURL: "/api/v2"``): the list is
  ``/api/v2/layanan``, a detail ``http.get("/layanan-detail", {params: {slug}})``; the
  server answers index.html for any path it has nothing at;
* SIMPEL PUPR (hand-built bundle, hash routes ``#/layanan/<id>``): the list is
  ``/data/layanan.json``, a detail the static file ``/data/layanan/<id>.json`` whose facts
  are one HTML body field (``konten``) with Persyaratan/Biaya/Waktu headings.

A detail template is used only once one record's answer is that record: a template that
answers with the list, another record or the app's index.html costs one request, not one per
record, and the records are stored as the list names them.
"""

from __future__ import annotations

import json
import shutil

import pytest
from scrapy.http import Request, TextResponse
from scrapy.settings import Settings

from crawler.extract.jsonlist import (
    DetailTemplate,
    detail_candidates,
    detail_record,
    endpoints,
    list_candidates,
    record_document,
    same_record,
)
from crawler.extract.jsroutes import detail_templates
from crawler.items import FetchedDocument
from crawler.spiders.website import WebsiteSpider, _ListContext
from sikoja.demo.server import SITES_ROOT, load_manifest
from tests.samplecrawl import crawl_sites

SITES = ("siap-nakes", "simpel-pupr")


def test_detail_templates_of_each_shape_a_build_writes():
    # a suffix after the key, joined to a constant
    code = ('var A="/data";function d(id){j(A+"/layanan/"+id+".json")}'
            'function l(){j(A+"/layanan.json")}h=\'<a href="#/layanan/\'+e.id+\'">\'')
    assert detail_templates(code) == [("/data/layanan/", "id", ".json")]
    # a query parameter in a template literal, the value wrapped in a call
    code = 'const B="/api";fetch(`${B}/layanan-detail?slug=${encodeURIComponent(t.slug)}`)'
    assert detail_templates(code) == [("/api/layanan-detail?slug=", "slug", "")]
    # axios's params under the client's base; a list's paging parameters are no detail
    code = ('const h=x.create({baseURL:"/api/v2"});h.get("/layanan",{params:{page:2}});'
            'h.get("/layanan-detail",{params:{slug:t.slug}})')
    assert detail_templates(code) == [("/api/v2/layanan-detail?slug=", "slug", "")]
    assert endpoints(code, "http://127.0.0.1:9000/") == ["http://127.0.0.1:9000/api/v2/layanan"]
    # URLSearchParams of one record value, joined or in a template literal
    code = 'const B="/api/v2";fetch(B+"/layanan-detail?"+new URLSearchParams({slug:t.slug}))'
    assert detail_templates(code) == [("/api/v2/layanan-detail?slug=", "slug", "")]
    code = 'const B="/api/v2";fetch(`${B}/layanan-detail?${new URLSearchParams({id})}`)'
    assert detail_templates(code) == [("/api/v2/layanan-detail?id=", "id", "")]
    assert detail_templates('fetch("/api/layanan?"+new URLSearchParams({page:2}))') == []
    # a page route and markup after the value are not data URLs
    code = 'r.push("/layanan/"+e.slug);x=\'<img src="/img/\'+e.id+\'.png">\''
    assert detail_templates(code) == []


def test_a_detail_answer_is_one_record_that_names_the_listed_one():
    listed = {"id": 7, "nama": "Persetujuan Bangunan Gedung"}
    bare = {"id": 7, "nama": "Persetujuan Bangunan Gedung", "konten": "<h3>Persyaratan</h3>"}
    assert detail_record(json.dumps(bare).encode()) == bare
    assert detail_record(json.dumps({"success": True, "data": bare}).encode()) == bare
    assert detail_record(json.dumps([bare, {**bare, "id": 9}]).encode()) is None  # a list
    assert detail_record(b"<!DOCTYPE html><div id=app></div>") is None  # index.html
    assert same_record(listed, bare)
    assert not same_record(listed, {"id": 9, "nama": "Sertifikat Laik Fungsi"})
    # another list's record with the same id is another record
    assert not same_record(listed, {"id": 7, "judul": "Jadwal Posyandu Balita"})
    assert same_record({"slug": "a", "nama": "A"}, {"slug": "a", "nama": "A (revisi)"})
    assert not same_record({"slug": "a"}, {"slug": "b", "id": 1})


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return crawl_sites(tmp_path_factory.mktemp("spa16"), SITES)


def services(docs: dict) -> dict:
    return {path: d for path, d in docs.items() if d.kind == "service"}


@pytest.mark.slow  # crawls served sites
def test_details_at_a_query_string_endpoint_complete_a_history_mode_app(sample):
    found = services(sample[0]["siap-nakes"])
    assert set(found) == {"/layanan/rekomendasi-sip-dokter", "/layanan/rekomendasi-sip-bidan",
                          "/layanan/rekomendasi-sip-perawat", "/layanan/cek-kesehatan-gratis"}
    bidan = found["/layanan/rekomendasi-sip-bidan"]
    assert bidan.title == "Rekomendasi Surat Izin Praktik Bidan (SIPB)"
    assert bidan.fields["requirements"][0] == "Permohonan bermaterai"
    assert bidan.fields["cost"] == "Tidak dipungut biaya"
    assert bidan.fields["duration"] == "5 hari kerja"
    assert all(d.fields.get("requirements") for d in found.values())


@pytest.mark.slow  # crawls served sites
def test_a_static_file_per_record_with_one_html_body_gives_a_services_fields(sample):
    found = services(sample[0]["simpel-pupr"])
    assert set(found) == {"/#/layanan/7", "/#/layanan/9", "/#/layanan/12", "/#/layanan/15"}
    slf = found["/#/layanan/9"]
    assert slf.title == "Sertifikat Laik Fungsi (SLF) Bangunan Gedung"
    assert slf.fields["requirements"][0] == "As-built drawing final"
    assert slf.fields["cost"] == "Retribusi sesuai Perda"
    assert slf.fields["duration"] == "Paling lambat 3 hari kerja"
    assert all(d.fields.get("requirements") and d.fields.get("cost") for d in found.values())
    # a suffix after a value, or a path joined to a constant, is not a list to fetch
    assert not [r for r in sample[1] if r["outcome"] == "error"]


def test_a_template_answering_something_else_is_not_used_and_costs_one_request(tmp_path):
    """The same two apps, their detail URLs answering something other than the record:
    SIAP NAKES's the app's index.html (the API route gone, the history-mode fallback
    answers), SIMPEL PUPR's each the next record. One request each, then the records are
    stored as the list names them, at their routes, without the facts."""
    root = tmp_path / "web"
    for name in SITES:
        shutil.copytree(SITES_ROOT / name, root / name)
    (root / "manifest.json").write_text(json.dumps(
        [{"name": s.name, "opd": s.opd, "port_offset": s.port_offset, "family": s.family}
         for s in load_manifest() if s.name in SITES]), encoding="utf-8")
    routes_file = root / "siap-nakes" / "_routes.json"
    routes = json.loads(routes_file.read_text(encoding="utf-8"))
    routes_file.write_text(json.dumps({k: v for k, v in routes.items()
                                       if not k.startswith("/api/v2/layanan-detail")}))
    details = sorted((root / "simpel-pupr" / "data" / "layanan").glob("*.json"))
    bodies = [f.read_bytes() for f in details]
    for file, body in zip(details, bodies[1:] + bodies[:1], strict=True):
        file.write_bytes(body)
    (tmp_path / "data").mkdir()
    docs, log = crawl_sites(tmp_path / "data", SITES, root)
    for name, detail_path, count in (("siap-nakes", "/api/v2/layanan-detail", 4),
                                     ("simpel-pupr", "/data/layanan/", 4)):
        asked = [r for r in log if r["source"] == name and detail_path in r["url"]]
        assert len(asked) == 1, asked
        assert asked[0]["reason"] == "parse: the detail URL does not answer the record"
        stored = {p: d for p, d in docs[name].items() if p.startswith(("/layanan/", "/#/"))}
        assert len(stored) == count
        assert not [d for d in stored.values() if d.fields.get("requirements")]


def test_a_record_that_says_more_than_its_name_is_asked_only_at_its_lists_path():
    posts = "http://127.0.0.1:9000/wp-json/wp/v2/posts"
    own = DetailTemplate(posts + "/", "slug")
    pages = DetailTemplate("http://127.0.0.1:9000/wp-json/wp/v2/pages?slug=", "slug")
    named = {"id": 4, "slug": "simulasi-pemadaman", "title": "Simulasi Pemadaman"}
    assert [t for t, _ in detail_candidates(named, posts, [pages, own])] == [own, pages]
    full = {**named, "content": "<p>Relawan RT berlatih memadamkan api.</p>"}
    assert [t for t, _ in detail_candidates(full, posts, [pages, own])] == [own]


# --- the review's findings (session 16, round 1) -------------------------------------------


def test_a_detail_must_name_the_record_by_the_key_its_url_was_built_from():
    # a short name inside another record's title is another record
    assert not same_record({"id": 1, "nama": "KTP"},
                           {"id": 1, "judul": "Pelayanan KTP Keliling di Kecamatan Kota Baru"})
    assert not same_record({"id": 7, "nama": "Izin"}, {"id": 7, "nama": "Izin Usaha Mikro"})
    assert same_record({"id": 7, "nama": "Izin Reklame"}, {"id": 7, "nama": "Izin Reklame Tetap"})
    # the key the URL was built from, and any other the two share, must agree
    assert not same_record({"kode": "A1", "nama": "Legalisir"}, {"kode": "B2", "nama": "Legalisir"})
    assert not same_record({"uuid": "u-1", "slug": "a"}, {"uuid": "u-2", "slug": "a"}, "uuid")
    assert same_record({"id": 7, "nama": "A"}, {"id": 7.0, "nama": "A"})


def test_paging_search_and_sorting_parameters_are_no_detail_templates():
    code = ('const B="/api/v2";fetch(`${B}/layanan?page=${e.page}`);fetch(B+"/layanan?q="+e.kata);'
            'fetch(B+"/layanan?per_page="+e.id);fetch(`/api/v2/layanan?sort=${t.slug}`);'
            'fetch(`${B}/layanan-detail?slug=${t.slug}`)')
    assert detail_templates(code) == [("/api/v2/layanan-detail?slug=", "slug", "")]


def test_the_templates_asked_first_do_not_depend_on_the_order_scripts_arrived_in():
    host = "http://127.0.0.1:9000"
    record = {"id": 2, "nama": "Rekomendasi SIP Bidan", "slug": "rekomendasi-sip-bidan"}
    a = DetailTemplate(host + "/api/v2/layanan-detail?slug=", "slug")
    b = DetailTemplate(host + "/api/v2/layanan-cetak?slug=", "slug")
    c = DetailTemplate(host + "/api/v2/layanan/")
    listing = host + "/api/v2/layanan"
    assert detail_candidates(record, listing, [a, b, c]) == detail_candidates(
        record, listing, [b, c, a])
    assert detail_candidates(record, listing, [a, b, c])[0] == (c, "slug")  # its own path


def test_a_first_record_without_a_slug_does_not_hide_the_slug_templates():
    host = "http://127.0.0.1:9000"
    by_slug = DetailTemplate(host + "/api/v2/layanan-detail?slug=", "slug")
    by_id = DetailTemplate(host + "/api/v2/layanan/", "id")
    records = [{"id": 1, "nama": "Rekomendasi SIP Dokter", "slug": ""},
               {"id": 2, "nama": "Rekomendasi SIP Bidan", "slug": "rekomendasi-sip-bidan"}]
    assert list_candidates(records, host + "/api/v2/layanan", [by_slug, by_id]) == [
        (by_id, "id", 0), (by_slug, "slug", 1)]


def test_a_literal_parameter_value_leaves_a_client_path_an_endpoint():
    code = ('const h=axios.create({baseURL:"/wp-json/wp/v2"});'
            'h.get("/pages",{params:{slug:"layanan-publik"}})')
    assert endpoints(code, "http://h/") == ["http://h/wp-json/wp/v2/pages"]
    code = 'const h=axios.create({baseURL:"/api"});h.get("/layanan",{params:{id:t.id}})'
    assert endpoints(code, "http://h/") == []  # a record's detail, asked per record
    # the slug of the route the app is on: the bare path lists what it picks from
    code = 'const wp=Ze.create({baseURL:"/wp-json/wp/v2"});wp.get("/pages",{params:{slug:e}})'
    assert endpoints(code, "http://h/") == ["http://h/wp-json/wp/v2/pages"]


def test_a_path_joined_to_a_reused_name_is_still_a_url():
    # "e" is a locale constant, and a parameter where the path is joined to it
    code = 'var e="id-ID";function f(e){return fetch(e+"/api/layanan")}'
    assert "http://h/api/layanan" in endpoints(code, "http://h/")
    # joined to a constant base: the whole URL, not the part
    code = 'var A="/api/v1";function f(){return fetch(A+"/layanan.json")}'
    assert endpoints(code, "http://h/") == ["http://h/api/v1/layanan.json"]


def test_a_resumed_crawls_probe_answer_needs_no_job_of_its_page():
    """A probe's answer read after a crawl resumed: its page's job was in the stopped
    process. The record is stored and the next record's detail asked, as parse_detail did."""
    spider = WebsiteSpider({"name": "x", "opd": "y", "kind": "website",
                            "start_urls": ["http://h/"]})
    spider.settings = Settings({"URLLENGTH_LIMIT": 2083})
    page, listing = "http://h/", "http://h/data/layanan.json"
    records = [{"id": 7, "nama": "Izin A"}, {"id": 9, "nama": "Izin B"}]
    pairs = [(r, record_document(r, page_url=page, endpoint_url=listing, source="x", opd="y",
                                 fetched_at="2026-01-01T00:00:00Z", routes=[], listed={}))
             for r in records]
    template = DetailTemplate("http://h/data/layanan/", "id", ".json")
    context = _ListContext(page, listing, 200, None, listing)
    request = Request("http://h/data/layanan/7.json", meta={
        "sikoja_probe": (pairs, (template, "id"), ((template, "id"),), context),
        "sikoja_listed": (records[0], pairs[0][1], listing), "sikoja_js_page": page,
        "sikoja_js_key": "h/data/layanan/7.json"})
    body = {"id": 7, "nama": "Izin A", "konten": "<h3>Persyaratan</h3><ol><li>KTP</li></ol>"}
    answer = TextResponse(request.url, body=json.dumps(body).encode(), request=request)
    out = list(spider.parse_probe(answer))
    stored = [o.document for o in out if isinstance(o, FetchedDocument)]
    assert [d.title for d in stored] == ["Izin A"]
    assert stored[0].fields["requirements"] == ["KTP"]
    assert [r.url for r in out if isinstance(r, Request)] == ["http://h/data/layanan/9.json"]


SIKONTEN_HTML = """<!doctype html><html lang="id"><head><meta charset="utf-8">
<title>SIKONTEN Uji</title><script defer src="/static/app.js"></script></head>
<body><div id="root"></div><script>fetch("/api/konten?jenis=layanan").then(function(r){
return r.json()}).then(function(d){window.tampil(d)})</script></body></html>"""
SIKONTEN_JS = (
    '!function(){"use strict";var B="/api",root=document.getElementById("root");'
    'function j(u){return fetch(u).then(function(r){return r.json()})}'
    'window.tampil=function(d){root.innerHTML=d.map(function(e){return \'<a href="#/layanan/\''
    '+e.id+\'">\'+e.nama+"</a>"}).join("")};'
    'function info(){j(B+"/konten?jenis=pengumuman").then(function(d){root.innerHTML+=d.map('
    'function(e){return \'<a href="#/pengumuman/\'+e.id+\'">\'+e.judul+"</a>"}).join("")})}'
    'function detail(e){j(B+"/layanan-detail?"+new URLSearchParams({id:e.id})).then('
    'function(d){root.innerHTML=d.nama+d.konten})}info()}();')


def _sikonten(root) -> None:
    """One path, two lists by a query parameter (services, announcements); a detail endpoint
    of the services only. The announcements' list is read first (its request is made last,
    by the app's script, and a page's last answer is read first)."""
    (root / "static").mkdir(parents=True)
    (root / "api" / "detail").mkdir(parents=True)
    (root / "index.html").write_text(SIKONTEN_HTML, encoding="utf-8")
    (root / "static" / "app.js").write_text(SIKONTEN_JS, encoding="utf-8")
    services = [{"id": i, "nama": n, "kategori": "layanan"} for i, n in (
        (1, "Izin Usaha Mikro Kecil"), (2, "Izin Reklame Permanen"), (3, "Izin Lokasi Usaha"))]
    news = [{"id": 100 + i, "judul": t, "kategori": "pengumuman", "tanggal": f"2024-05-0{i}",
             "isi": f"<p>{t}. Pengumuman resmi nomor {i} untuk warga Kota Jambi.</p>"}
            for i, t in ((1, "Libur Pelayanan Idul Adha"), (2, "Jadwal Pelayanan Keliling"))]
    (root / "api" / "layanan.json").write_text(json.dumps(services), encoding="utf-8")
    (root / "api" / "pengumuman.json").write_text(json.dumps(news), encoding="utf-8")
    routes = {"/": "index.html", "/api/konten?jenis=layanan": "api/layanan.json",
              "/api/konten?jenis=pengumuman": "api/pengumuman.json"}
    for record in services:
        (root / "api" / "detail" / f"{record['id']}.json").write_text(json.dumps({"data": {
            **record, "konten": f"<h3>Persyaratan</h3><ol><li>KTP pemohon {record['id']}</li>"
                                "</ol><h3>Biaya</h3><p>Gratis</p>"}}), encoding="utf-8")
        routes[f"/api/layanan-detail?id={record['id']}"] = f"api/detail/{record['id']}.json"
    (root / "_routes.json").write_text(json.dumps(routes), encoding="utf-8")


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """SIMPEL PUPR whose detail files all answer record 7 (an endpoint answering its first
    row whatever the key), SIAP NAKES whose first record's slug is empty and whose code also
    builds ``/api/v2/layanan/<id>`` (answered by index.html), and SIKONTEN's two lists."""
    tmp = tmp_path_factory.mktemp("spa16r")
    root = tmp / "web"
    for name in SITES:
        shutil.copytree(SITES_ROOT / name, root / name)
    details = root / "simpel-pupr" / "data" / "layanan"
    first = (details / "7.json").read_bytes()
    for number in (9, 12, 15):
        (details / f"{number}.json").write_bytes(first)
    listing = root / "siap-nakes" / "api" / "v2" / "layanan.json"
    listed = json.loads(listing.read_text(encoding="utf-8"))
    listed["data"][0]["slug"] = ""
    listing.write_text(json.dumps(listed), encoding="utf-8")
    (script,) = (root / "siap-nakes" / "assets").glob("index-*.js")
    code = script.read_text(encoding="utf-8")
    call = 'const{data:n}=await Ce.get("/layanan");'
    assert call in code
    script.write_text(code.replace(call, call + 'const z=await Ce.get("/layanan/"+t.id);'),
                      encoding="utf-8")
    _sikonten(root / "sikonten")
    sites = [s for s in load_manifest() if s.name in SITES]
    manifest = [{"name": s.name, "opd": s.opd, "port_offset": s.port_offset, "family": s.family}
                for s in sites]
    manifest.append({"name": "sikonten", "opd": "Dinas Uji", "family": "x",
                     "port_offset": 1 + max(s.port_offset for s in load_manifest())})
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (tmp / "data").mkdir()
    return crawl_sites(tmp / "data", (*SITES, "sikonten"), root)


@pytest.mark.slow  # crawls served sites
def test_each_detail_answer_is_checked_not_only_the_probed_ones(reviewed):
    docs, log = reviewed
    found = {p: d for p, d in docs["simpel-pupr"].items() if p.startswith("/#/layanan/")}
    assert found["/#/layanan/7"].fields.get("requirements")
    for path, title in (("/#/layanan/9", "Sertifikat Laik Fungsi (SLF) Bangunan Gedung"),
                        ("/#/layanan/12", "Pengaduan Jalan Kota Rusak atau Berlubang")):
        assert found[path].title == title  # its own, not record 7's
        assert not found[path].fields.get("requirements")
    refused = [r["url"] for r in log if r["reason"] == "parse: the detail URL does not answer "
               "the record" and r["source"] == "simpel-pupr"]
    assert len(refused) == 3


@pytest.mark.slow  # crawls served sites
def test_a_first_record_without_a_slug_still_lets_the_others_be_completed(reviewed):
    docs, _log = reviewed
    completed = {d.title for d in docs["siap-nakes"].values() if d.fields.get("requirements")}
    assert completed == {"Rekomendasi Surat Izin Praktik Bidan (SIPB)",
                         "Rekomendasi Surat Izin Praktik Perawat (SIPP)",
                         "Cek Kesehatan Gratis (CKG) Ulang Tahun"}


@pytest.mark.slow  # crawls served sites
def test_two_lists_on_one_path_have_a_verdict_each(reviewed):
    docs, _log = reviewed
    titles = {d.title: d for d in docs["sikonten"].values()}
    for number, name in ((1, "Izin Usaha Mikro Kecil"), (3, "Izin Lokasi Usaha")):
        assert titles[name].fields.get("requirements") == [f"KTP pemohon {number}"]
    assert "Libur Pelayanan Idul Adha" in titles
