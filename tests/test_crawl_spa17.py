"""A Vue 3 app written the way a developer who never saw sikoja writes one (issue #11,
session 17).

SIJEMPOL (DPMPTSP, ``sijempol-dpmptsp``) is a real Vite build (vue-router in history mode,
pinia, axios) on a Laravel API. sikoja stored nothing of it but its shell, because:

* its HTTP client's base is no literal: ``x=(O.API_BASE_URL||"/api").replace(...)`` and
  ``axios.create({baseURL: x})``, where ``O`` is ``window.__APP_CONFIG__`` that a runtime
  ``env.js`` (written at deployment) sets; a detail is ``f.get(`/layanan/${t}`)``;
* its service route is ``/layanan/:kategori/:slug``, the category a nested object of the
  record (``"kategori": {"id": 3, "nama": ..., "slug": "perizinan-tenaga-kesehatan"}``);
* its values are objects: requirements ``[{"id", "nama_persyaratan", "keterangan"}]``, a
  duration ``{"nilai": 5, "satuan": "hari kerja"}``, a cost a number beside
  ``satuan_biaya`` and ``keterangan_biaya``, a flag ``is_online`` beside ``tautan_online``.

SIMANTAP (Disdukcapil, ``simantap-disdukcapil``, Vue 2.7, one bundle with its libraries)
sets ``axios.defaults.baseURL = "/api/v1"`` in its main script and asks for a service's
detail in a lazy view's chunk (``this.$http.get("/layanan/" + this.id)``), at the route
``/layanan/:id/:slug``; its cost is a decimal column sent as a string (``"0.00"``).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from crawler.extract.jsonlist import endpoints, record_document, record_fields, settle_kinds
from crawler.extract.jsroutes import (
    detail_templates,
    property_bases,
    route_templates,
    with_bases,
)
from sikoja.demo.server import serve_sample_sites
from tests.samplecrawl import crawl_sites

SITE = "sijempol-dpmptsp"
SIMANTAP = "simantap-disdukcapil"
PAGE = "http://127.0.0.1:9000/"
# as Vite minifies it: the runtime config read with a fallback, a client made with the name
BUNDLE = ('const O=window.__APP_CONFIG__||{},x=(O.API_BASE_URL||"/api").replace(/\\/$/,""),'
          'f=$.create({baseURL:x,timeout:2e4}),b={paginate:(t=1)=>f.get("/layanan",'
          '{params:{page:t}}),find:t=>f.get(`/layanan/${t}`)},F={faq:()=>f.get("/faq")};'
          'const B=C({history:K(),routes:[{path:"/layanan/:kategori",name:"kategori"},'
          '{path:"/layanan/:kategori/:slug",name:"layanan.detail"},'
          '{path:"/berita/:slug",name:"berita.detail"}]})')
ENV = 'window.__APP_CONFIG__ = {APP_NAME: "SIJEMPOL", API_BASE_URL: "http://127.0.0.1:9000/v2/api"};'


def test_a_client_base_read_from_a_runtime_config_or_its_fallback():
    # without the config script, the literal the code falls back to
    assert endpoints(BUNDLE, PAGE) == ["http://127.0.0.1:9000/api/layanan",
                                       "http://127.0.0.1:9000/api/faq"]
    assert detail_templates(BUNDLE) == [("/api/layanan/", "", "")]
    # with it, the base the deployment wrote
    code = with_bases(BUNDLE, property_bases([ENV, BUNDLE]))
    assert endpoints(code, PAGE)[0] == "http://127.0.0.1:9000/v2/api/layanan"
    assert detail_templates(code) == [("http://127.0.0.1:9000/v2/api/layanan/", "", "")]
    # a name the client is made with that holds something else is no base
    assert endpoints('const x=g();f=$.create({baseURL:x});f.get("/layanan")', PAGE) == []


# SIMANTAP's main script and a lazy view's chunk, as Vite minifies them
MAIN = ('const rn=Ge;rn.defaults.baseURL="/api/v1";const S=new Vuex.Store({actions:{async '
        'a({commit:e},t=1){const n=await rn.get("/layanan",{params:{page:t}})}}});new '
        'VueRouter({mode:"history",routes:[{path:"/layanan/:id/:slug",name:"detail"}]})')
CHUNK = ('const i={methods:{async muat(){const e=await this.$http.get("/layanan/"+this.id);'
         'this.item=e.data.data}}}')


def test_a_site_wide_client_base_is_not_joined_to_jquery_or_other_scripts():
    bases = {"baseURL": "/api/v1"}
    # a page's jQuery asks its own server: no base, no data path
    page = '$.get("/layanan/semua",function(){});jQuery.get("/layanan/"+id)'
    assert detail_templates(with_bases(page, bases)) == []
    assert endpoints(with_bases(page, bases), PAGE) == endpoints(page, PAGE) == [
        "http://127.0.0.1:9000/layanan/semua"]
    # a plain script whose receiver is no HTTP client and that imports nothing of the app
    assert detail_templates(with_bases('cache.get("/layanan/"+k)', bases)) == []
    # a chunk importing the app's main module is read with its base, whatever the name
    chunk = 'import{n as e}from"./index-f754c022.js";const r=await e.get("/layanan/"+t.id)'
    assert detail_templates(with_bases(chunk, bases)) == [("/api/v1/layanan/", "", "")]


def test_a_webpack_chunk_calling_the_minified_client_is_read_with_the_site_wide_base():
    """A Vue CLI chunk takes axios by webpack's require (``i=n.n(a); i.a.get(...)``) and
    imports nothing by path: its calls lost the base the main script set (session 17)."""
    bases = {"baseURL": "/api/v1"}
    vue_cli = ('(window.webpackJsonp=window.webpackJsonp||[]).push([["chunk-2d0"],{abc1:'
               'function(t,e,n){var a=n("bc3a"),i=n.n(a);e.default={methods:{muat(){'
               'i.a.get("/layanan/"+this.id)}}}}}]);')
    assert detail_templates(with_bases(vue_cli, bases)) == [("/api/v1/layanan/", "", "")]
    webpack5 = ('(self.webpackChunkapp=self.webpackChunkapp||[]).push([[42],{5:(e,t,n)=>{'
                'var r=n(669);r.get("/layanan/"+e.id)}}]);')
    assert detail_templates(with_bases(webpack5, bases)) == [("/api/v1/layanan/", "", "")]
    # a name holding Vue's client, outside any chunk
    held = 'const o=this.$http;o.get("/layanan/"+this.id)'
    assert detail_templates(with_bases(held, bases)) == [("/api/v1/layanan/", "", "")]
    # jQuery in a chunk, or held in a name, still asks the page's own server
    jquery = vue_cli.replace('i.a.get("/layanan/"', '$.get("/layanan/"')
    assert detail_templates(with_bases(jquery, bases)) == []
    assert detail_templates(with_bases('var q=$;q.get("/layanan/"+k)', bases)) == []


def test_a_bundle_making_many_clients_with_a_named_base_reads_its_constants_once(monkeypatch):
    """Each client made with a named base once read the whole script's constants again (a
    2 MB bundle with 100 clients took 40 s); they are read once per script now."""
    from crawler.extract import jsroutes
    reads = []
    whole = jsroutes.constants
    monkeypatch.setattr(jsroutes, "constants", lambda code: reads.append(1) or whole(code))
    jsroutes._constants_of.cache_clear()
    code = 'var a=O.API_BASE_URL||"/api";' + "".join(
        f'x{i}=c.create({{baseURL:a}});var k{i}="v{i}";' for i in range(3000))
    assert jsroutes.client_bases(code) == {"/api"}
    assert len(reads) == 1


def test_a_base_set_on_the_client_defaults_serves_the_chunk_of_a_lazy_view():
    assert endpoints(MAIN, PAGE) == ["http://127.0.0.1:9000/api/v1/layanan"]
    assert detail_templates(CHUNK) == []  # alone, the chunk names no data path
    bases = property_bases([MAIN, CHUNK])
    assert bases == {"baseURL": "/api/v1"}
    assert detail_templates(with_bases(CHUNK, bases)) == [("/api/v1/layanan/", "", "")]
    assert route_templates(MAIN) == [("/layanan/:id/", "slug")]
    # a library's separator literal is no endpoint to ask for
    assert endpoints('x({url:"/,"})', PAGE) == []


def test_a_route_with_a_category_before_the_slug_is_filled_from_the_record():
    routes = route_templates(BUNDLE)
    assert ("/layanan/:kategori/", "slug") in routes
    assert ("/berita/", "slug") in routes
    assert all(not prefix.endswith(":kategori") for prefix, _ in routes)

    def placed(record):
        doc = record_document(record, page_url=PAGE, endpoint_url=PAGE + "api/layanan",
                              source=SITE, opd="DPMPTSP", fetched_at="2026-01-01T00:00:00Z",
                              routes=[r for r in routes if "layanan" in r[0]])
        return doc.url

    nested = {"id": 32, "nama_layanan": "Surat Izin Praktik Bidan", "slug": "sip-bidan",
              "kategori": {"id": 3, "nama": "Perizinan Tenaga Kesehatan",
                           "slug": "perizinan-tenaga-kesehatan"}}
    assert placed(nested) == PAGE + "layanan/perizinan-tenaga-kesehatan/sip-bidan"
    assert placed({**nested, "kategori": "kesehatan"}) == PAGE + "layanan/kesehatan/sip-bidan"
    # a category given only as a name is no part of a URL: the record stays on its page
    assert placed({**nested, "kategori": "Perizinan Tenaga Kesehatan"}) == PAGE + "#sip-bidan"
    assert placed({**nested, "kategori": "Kesehatan"}) == PAGE + "#sip-bidan"
    # a foreign key beside the category's slug: the slug is what the route shows
    keyed = {**nested, "kategori": 3, "kategori_slug": "perizinan-tenaga-kesehatan"}
    assert placed(keyed) == PAGE + "layanan/perizinan-tenaga-kesehatan/sip-bidan"
    # a slug stated as one is a URL's part as written, capitals and all; a bare name is not
    capital = {**nested, "kategori": {"id": 2, "nama": "Dukcapil", "slug": "Dukcapil"}}
    assert placed(capital) == PAGE + "layanan/Dukcapil/sip-bidan"
    assert placed({**nested, "kategori": 2, "kategori_slug": "KTP-el"}) == (
        PAGE + "layanan/KTP-el/sip-bidan")
    assert placed({**nested, "kategori": "KTP-el"}) == PAGE + "#sip-bidan"


RECORD = {
    "id": 12, "nama_layanan": "Izin Penyelenggaraan Reklame", "slug": "izin-reklame",
    "persyaratan": [{"id": 1, "nama_persyaratan": "Surat permohonan", "keterangan": None},
                    {"id": 2, "nama_persyaratan": "Pas foto 3x4", "keterangan": "2 lembar"}],
    "prosedur": [{"id": 1, "urutan": 1, "uraian": "Ajukan berkas"},
                 {"id": 2, "urutan": 2, "uraian": "Izin terbit"}],
    "biaya": 0, "satuan_biaya": "per izin", "keterangan_biaya": "pajak reklame dibayar ke BPPRD",
    "waktu_penyelesaian": {"nilai": 3, "satuan": "jam", "keterangan": "setelah berkas lengkap"},
    "is_online": True, "tautan_online": "https://example.go.id/reklame",
}


def fields_of(record):
    doc = record_document(record, page_url=PAGE, endpoint_url=PAGE + "api/layanan/x",
                          source=SITE, opd="DPMPTSP", fetched_at="2026-01-01T00:00:00Z")
    assert doc.kind == "service"
    return doc.fields


def test_object_values_read_as_the_app_shows_them():
    fields = fields_of(RECORD)
    assert fields["requirements"] == ["Surat permohonan", "Pas foto 3x4 (2 lembar)"]
    assert fields["procedure"] == ["Ajukan berkas", "Izin terbit"]
    assert fields["cost"] == "Gratis (pajak reklame dibayar ke BPPRD)"
    assert fields["duration"] == "3 jam (setelah berkas lengkap)"
    assert fields["online_url"] == "https://example.go.id/reklame"  # not the flag beside it
    paid = fields_of({**RECORD, "biaya": 150000, "keterangan_biaya": None,
                      "waktu_penyelesaian": {"nilai": 5, "satuan": "hari kerja"}})
    assert (paid["cost"], paid["duration"]) == ("Rp150.000 per izin", "5 hari kerja")
    # a retribution without an amount is its note; a note that is the cost is the cost
    assert fields_of({**RECORD, "biaya": None, "keterangan_biaya": "Retribusi sesuai Perda"}
                     )["cost"] == "Retribusi sesuai Perda"
    assert record_fields({"biaya": {"nominal": 0, "mata_uang": "IDR",
                                    "keterangan": "Bebas biaya izin"}})["cost"] == (
        "Bebas biaya izin")
    # a decimal column as Laravel sends it
    assert fields_of({**RECORD, "biaya": "0.00", "keterangan_biaya": None})["cost"] == "Gratis"
    assert fields_of({**RECORD, "biaya": "25000.00", "keterangan_biaya": None})["cost"] == (
        "Rp25.000 per izin")
    # a thousands point written as text is no decimal: "15.000" is fifteen thousand
    assert fields_of({**RECORD, "biaya": "15.000", "keterangan_biaya": None})["cost"] == (
        "15.000")
    assert fields_of({**RECORD, "biaya": "2.500", "keterangan_biaya": None})["cost"] == "2.500"
    # a zero column beside a stated tariff is a default left unset, not "free"
    tariff = {**RECORD, "biaya": "0.00", "keterangan_biaya": None, "tarif": "Rp 25.000"}
    assert fields_of(tariff)["cost"] == "Rp 25.000"
    # a note every item has says nothing of each ("wajib")
    same = [{"nama": n, "keterangan": "wajib"} for n in ("KTP", "KK")]
    assert fields_of({**RECORD, "persyaratan": same})["requirements"] == ["KTP", "KK"]


def test_a_cost_typed_as_a_whole_number_string_reads_as_the_app_shows_it():
    """``"biaya": "0"`` is free and ``"15000"`` fifteen thousand rupiah, as before session
    17 read "15.000" (a thousands point) wrongly as 15; that point is still kept as written."""
    bare = {"nama": "Izin A"}
    assert record_fields({**bare, "biaya": "0"})["cost"] == "Gratis"
    assert record_fields({**bare, "biaya": "15000"})["cost"] == "Rp15.000"
    assert record_fields({**bare, "biaya": "25000.00"})["cost"] == "Rp25.000"
    assert record_fields({**bare, "biaya": "15.000"})["cost"] == "15.000"


def test_a_fine_beside_a_free_service_is_not_its_cost():
    """Only a key naming the fee itself (``tarif``, ``retribusi``, ``biaya_izin``) stands
    for a zero cost; a fine (``tarif_denda``, ``biaya_sanksi``) is no fee of the service."""
    free = {"nama": "Izin A", "biaya": 0}
    assert record_fields({**free, "tarif_denda": "Rp 50.000"})["cost"] == "Gratis"
    assert record_fields({**free, "biaya_sanksi": "Rp 100.000"})["cost"] == "Gratis"
    assert record_fields({**free, "tarif": "Rp 25.000"})["cost"] == "Rp 25.000"
    assert record_fields({**free, "biaya_izin": "Rp 10.000"})["cost"] == "Rp 10.000"


def test_an_item_with_an_amount_keeps_its_name():
    # an item's number and unit are its note; its name or step is what it is
    fields = fields_of({**RECORD, "persyaratan": [
        {"id": 1, "nama_dokumen": "Fotokopi KK", "jumlah": 1, "satuan": "lembar"},
        {"id": 2, "nama_dokumen": "Surat keterangan lahir", "jumlah": 2, "satuan": "lembar",
         "keterangan": "asli"}], "prosedur": [
        {"urutan": 1, "uraian": "Pemohon mengisi formulir F-2.01", "waktu": 10,
         "satuan": "menit"},
        {"urutan": 2, "uraian": "Petugas memverifikasi berkas", "waktu": 30, "satuan": "menit"}]})
    assert fields["requirements"] == ["Fotokopi KK (1 lembar)",
                                      "Surat keterangan lahir (2 lembar; asli)"]
    assert fields["procedure"] == ["Pemohon mengisi formulir F-2.01 (10 menit)",
                                   "Petugas memverifikasi berkas (30 menit)"]
    # an amount that names nothing stands for itself
    assert record_fields({"waktu": {"nilai": 3, "satuan": "hari kerja"}})["duration"] == (
        "3 hari kerja")


def test_a_category_holding_its_records_is_a_list_of_them():
    category = {"id": 1, "nama": "Perizinan Berusaha", "slug": "perizinan-berusaha",
                "deskripsi": "Perizinan bagi pelaku usaha.",
                "layanan": [{"id": 11, "nama_layanan": "NIB", "slug": "nib"},
                            {"id": 12, "nama_layanan": "Izin Reklame", "slug": "izin-reklame"}]}
    doc = record_document(category, page_url=PAGE, endpoint_url=PAGE + "api/kategori-layanan",
                          source=SITE, opd="DPMPTSP", fetched_at="2026-01-01T00:00:00Z")
    assert (doc.kind, doc.fields) == ("page", {"listing": True})
    (settled,) = settle_kinds([(category, doc)], None)
    assert settled.fields == {"listing": True}
    # a page whose list holds values that are no records of their own stays a page
    tagged = {**category, "layanan": ["NIB", "Izin Reklame"]}
    doc = record_document(tagged, page_url=PAGE, endpoint_url=PAGE + "api/kategori-layanan",
                          source=SITE, opd="DPMPTSP", fetched_at="2026-01-01T00:00:00Z")
    assert doc.fields == {}
    # a generic list of things by id and name (a page's attachments) is no list of services
    files = {**category, "data": [{"id": 1, "nama": "Formulir permohonan"},
                                  {"id": 2, "nama": "Standar pelayanan"}]}
    del files["layanan"]
    doc = record_document(files, page_url=PAGE, endpoint_url=PAGE + "api/kategori-layanan",
                          source=SITE, opd="DPMPTSP", fetched_at="2026-01-01T00:00:00Z")
    assert "listing" not in doc.fields
    # records under a generic key that give a service's facts are its services
    offered = {**files, "data": [{"id": 1, "nama": "NIB", "slug": "nib", "biaya": 0},
                                 {"id": 2, "nama": "PBG", "slug": "pbg", "waktu": "2 jam"}]}
    doc = record_document(offered, page_url=PAGE, endpoint_url=PAGE + "api/kategori-layanan",
                          source=SITE, opd="DPMPTSP", fetched_at="2026-01-01T00:00:00Z")
    assert doc.fields == {"listing": True}


SERVICES = {
    "perizinan-berusaha": ("nomor-induk-berusaha", "izin-penyelenggaraan-reklame"),
    "perizinan-bangunan-gedung": ("persetujuan-bangunan-gedung", "sertifikat-laik-fungsi"),
    "perizinan-tenaga-kesehatan": ("surat-izin-praktik-dokter", "surat-izin-praktik-bidan",
                                   "surat-izin-praktik-perawat"),
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return crawl_sites(tmp_path_factory.mktemp("spa17"), (SITE, SIMANTAP))


@pytest.mark.slow  # crawls a served site
def test_every_service_of_the_app_is_stored_at_its_route_with_its_facts(sample):
    docs, log = sample[0][SITE], sample[1]
    services = {path: d for path, d in docs.items() if d.kind == "service"}
    assert set(services) == {f"/layanan/{k}/{s}" for k, slugs in SERVICES.items()
                             for s in slugs}
    bidan = services["/layanan/perizinan-tenaga-kesehatan/surat-izin-praktik-bidan"]
    assert bidan.title == "Surat Izin Praktik Bidan (SIPB)"
    assert bidan.fields["requirements"][2] == "Pas foto 4x6 (3 lembar)"
    assert (bidan.fields["cost"], bidan.fields["duration"]) == ("Gratis", "5 hari kerja")
    pbg = services["/layanan/perizinan-bangunan-gedung/persetujuan-bangunan-gedung"]
    assert pbg.fields["cost"].startswith("Retribusi PBG sesuai Perda Kota Jambi")
    assert pbg.fields["duration"].startswith("2 jam (target")
    assert pbg.fields["online_url"] == "https://simbg.pu.go.id"
    with_facts = [d for d in services.values() if d.fields.get("requirements")
                  and d.fields.get("procedure")]
    assert len(with_facts) == 7
    assert sum(bool(d.fields.get("cost")) for d in services.values()) == 6
    # the news at its route, the categories as the lists of their services
    assert {p for p, d in docs.items() if d.kind == "news"} == {
        "/berita/dpmptsp-jemput-bola-nib-di-pasar-angso-duo",
        "/berita/wali-kota-targetkan-pbg-terbit-dua-jam",
        "/berita/sosialisasi-perizinan-tenaga-kesehatan"}
    assert all(docs[f"/#{k}"].fields.get("listing") for k in SERVICES)
    # the vendor chunk's library code names no endpoint to ask
    asked = {row["url"] for row in log if row["source"] == SITE}
    assert not [u for u in asked if u.endswith(",")]


SIMANTAP_SERVICES = {101: "perekaman-ktp-el-baru", 102: "ktp-el-hilang-rusak",
                     103: "kartu-keluarga-baru", 104: "perubahan-kartu-keluarga",
                     105: "akta-kelahiran", 106: "akta-kematian", 107: "kartu-identitas-anak",
                     108: "pindah-keluar", 109: "aktivasi-ikd", 110: "legalisir-dokumen"}


@pytest.mark.slow  # crawls a served site
def test_details_asked_by_a_lazy_view_complete_each_service_at_its_id_route(sample):
    docs = sample[0][SIMANTAP]
    services = {path: d for path, d in docs.items() if d.kind == "service"}
    assert set(services) == {f"/layanan/{i}/{s}" for i, s in SIMANTAP_SERVICES.items()}
    lahir = services["/layanan/105/akta-kelahiran"]
    assert lahir.fields["requirements"][2] == "KK tempat anak didaftarkan"
    assert lahir.fields["procedure"][0] == "Lengkapi berkas"
    assert lahir.fields["duration"] == "1 hari kerja"
    assert lahir.fields["cost"] == "Tidak dipungut biaya (Pasal 79A UU Nomor 24 Tahun 2013)"
    assert all(d.fields.get("requirements") and d.fields.get("cost")
               and "kind_confidence" not in d.fields for d in services.values())
    assert {p for p, d in docs.items() if d.kind == "news"} == {
        "/pengumuman/jemput-bola-perekaman-ktp-el-sekolah", "/pengumuman/layanan-adminduk-di-mpp"}


CHROMIUM = "/usr/bin/chromium"


@pytest.mark.slow  # starts Chromium
@pytest.mark.skipif(not Path(CHROMIUM).exists() and not shutil.which("chromium"),
                    reason="Debian chromium is not installed (apt-get install chromium)")
def test_the_stored_url_is_the_page_a_browser_shows_the_service_at(sample, tmp_path):
    """The app really draws the service at the URL sikoja stores (a citizen's shared link),
    with the requirement sikoja read."""
    bidan = "/layanan/perizinan-tenaga-kesehatan/surat-izin-praktik-bidan"
    with serve_sample_sites(0) as web:
        shown = subprocess.run(
            [CHROMIUM if Path(CHROMIUM).exists() else "chromium", "--headless",
             "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path}",
             "--virtual-time-budget=8000", "--dump-dom", web.url(SITE, bidan)],
            capture_output=True, text=True, timeout=90).stdout
    assert "<h1>Surat Izin Praktik Bidan (SIPB)</h1>" in shown
    assert "Pas foto 4x6" in shown and "5 hari kerja" in shown
    stored = sample[0][SITE][bidan]
    assert stored.fields["requirements"][0] in shown


def test_a_map_get_in_a_webpack_chunk_is_no_endpoint():
    """A chunk's ``.get("/x")`` on a ``Map`` it built reads a key: joined to the site-wide
    base it was fetched as an API endpoint and answered 404. The client's calls in the same
    chunk are still read with the base."""
    bases = {"baseURL": "/api/v1"}
    head = ('(window.webpackJsonp=window.webpackJsonp||[]).push([["chunk-3a1"],{b2c4:'
            'function(t,e,n){var a=n("bc3a"),i=n.n(a),r=new Map([["/beranda","Beranda"]]);')
    only_map = head + 'e.default={computed:{judul(){return r.get("/tentang")}}}}}]);'
    assert endpoints(with_bases(only_map, bases), PAGE) == []
    assert detail_templates(with_bases(only_map, bases)) == []
    both = head + ('this.cache=new Map();e.default={methods:{muat(){i.a.get("/layanan/"+this.id);'
                   'return r.get("/tentang")||this.cache.get("/profil/"+this.id)}}}}}]);')
    assert endpoints(with_bases(both, bases), PAGE) == []
    assert detail_templates(with_bases(both, bases)) == [("/api/v1/layanan/", "", "")]
    # a script making its own client joins its base to the client's calls, not the Map's
    own = ('const h=x.create({baseURL:"/api/v2"}),m=new Map;h.get("/layanan");'
           'm.get("/pengumuman")')
    assert endpoints(own, PAGE) == ["http://127.0.0.1:9000/api/v2/layanan"]


def test_a_client_made_with_new_or_a_name_a_map_had_before_is_still_read():
    """Only a key/value builtin's ``.get`` reads a key. Any other ``new`` may make the
    client (a class-based client, minified: ``c=new o.Z({baseURL})``), and a minified name
    that held a Map in one module is the client in the next (a parameter, destructured or
    not): both were dropped as Maps and their pages' lists never read."""
    bases = {"baseURL": "/api/v1"}
    chunk = '(window.webpackJsonp=window.webpackJsonp||[]).push([["c"],{a1:function(t,e,n){'
    made = chunk + ('var o=n("x"),c=new o.Z({baseURL:"/api/v1"});'
                    'e.default={created(){c.get("/layanan")}}}}]);')
    layanan = [PAGE + "api/v1/layanan"]
    assert endpoints(with_bases(made, bases), PAGE) == layanan
    tabs = chunk + 'e.tabs=function(){var e=new Map;return e}},b2:function(t,n,r){n.default='
    for module in ('{asyncData({$axios:e}){return e.get("/layanan")}}}}]);',
                   '{asyncData:function(e){return e.get("/layanan")}}}}]);',
                   '{asyncData:e=>e.get("/layanan")}}}]);'):
        assert endpoints(with_bases(tabs + module, bases), PAGE) == layanan, module
    # still keys: a Map used in a later function that does not bind its name again, a
    # URLSearchParams, a Map of the global object
    for keyed in ('var e=new Map;function f(t,n){if(e){return e.get("/tentang")}}',
                  'var q=new URLSearchParams(location.search);q.get("/tentang")',
                  'this.cache=new window.Map();function f(e){return this.cache.get("/tentang")}'):
        assert endpoints(with_bases(chunk + keyed + "}}]);", bases), PAGE) == [], keyed
