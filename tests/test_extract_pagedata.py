"""Records a script app ships in carriers other than a JSON endpoint (issue #11): a JS object
literal in a data file or an inline script, Apollo's normalised cache, Astro's island props,
Livewire's snapshot, Angular's TransferState, Alpine's ``x-data``. Before, such a page was
stored as its shell (a title, a skeleton) or reported unreadable, and its services were not
found at all; a citizen now finds each service under its own name with its requirements."""

from __future__ import annotations

import html
import json

from crawler.extract.document import html_document
from crawler.extract.jsonlist import record_document, script_records
from crawler.extract.pagedata import embedded_data, script_values
from crawler.extract.payload import page_data, read_payload, with_payload

SITE = "https://perizinan.jambikota.go.id"

DATA_JS = """/* data layanan, diperbarui Juni 2025 */
var dataLayanan = [
  {
    id: 1,
    nama: 'Izin Pemasangan Reklame',
    slug: 'reklame',
    ringkasan: 'Izin bagi pemasang baliho, spanduk atau videotron di Kota Jambi.',
    syarat: [
      'Fotokopi KTP pemohon',
      'Desain dan ukuran reklame',
    ],
    alur: `1. Ajukan permohonan
2. Survei lokasi
3. Izin terbit`,
    biaya: 'Sesuai Perda retribusi reklame',
    'waktu': "5 hari kerja",
  },
];
$(function () { $.each(dataLayanan, function (i, l) { $('#daftar').append(l.nama); }); });
"""


def read(body: str, url: str):
    page = html_document(body.encode(), url=url, content_type="text/html; charset=utf-8",
                         http_last_modified=None, source="app", opd="Dinas")
    return with_payload(page, body, source="app", opd="Dinas")


def shell(inner: str, title: str = "Aplikasi Layanan") -> str:
    return (f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{title}'
            f'</title></head><body><div id="app"><h1>{title}</h1></div>{inner}</body></html>')


def test_a_data_file_literal_is_read_as_records_of_services():
    records = script_records(DATA_JS)
    assert [r["nama"] for r in records] == ["Izin Pemasangan Reklame"]
    doc = record_document(records[0], page_url=f"{SITE}/layanan.html",
                          endpoint_url=f"{SITE}/assets/js/data-layanan.js", source="app",
                          opd="DPMPTSP", fetched_at="2025-01-01T00:00:00Z")
    assert doc.kind == "service"
    assert doc.url == f"{SITE}/layanan.html#reklame"  # the card's anchor on the list page
    assert doc.fields["requirements"][0] == "Fotokopi KTP pemohon"
    assert doc.fields["cost"] == "Sesuai Perda retribusi reklame"
    assert "Survei lokasi" in doc.text


def test_code_route_tables_and_menus_are_no_records():
    bundle = ('const routes=[{path:"/",name:"home",component:H},{path:"/layanan",'
              'name:"layanan",component:L}];var menu=[{id:1,nama:"Beranda",url:"/"},'
              '{id:2,nama:"Layanan",url:"/layanan"}];function f(){return {a:1}}')
    assert script_records(bundle) == []
    # a call inside a literal is read as text, never run
    assert script_records("var x = [{nama: alert(document.cookie), biaya: 'Gratis'}];")[0][
        "biaya"] == "Gratis"


def test_an_inline_state_in_json_parse_is_read():
    state = json.dumps({"layanan": [{"id": 3, "nama": "Akta Kelahiran",
                                     "persyaratan": ["Surat keterangan lahir"]}]})
    code = f"window.__INITIAL_STATE__=JSON.parse('{state}');"
    assert script_values(code)[0]["layanan"][0]["nama"] == "Akta Kelahiran"


APOLLO = {"ROOT_QUERY": {"__typename": "Query",
                         'layanan({"slug":"akta-perceraian"})': {"__ref": "Layanan:16"}},
          "Persyaratan:1601": {"__typename": "Persyaratan", "uraian": "Salinan putusan "
                               "pengadilan yang berkekuatan hukum tetap"},
          "Layanan:16": {"__typename": "Layanan", "id": "16", "slug": "akta-perceraian",
                         "namaLayanan": "Akta Perceraian",
                         "persyaratan": [{"__ref": "Persyaratan:1601"}],
                         "alurPelayanan": ["Lapor ke Disdukcapil", "Akta terbit"],
                         "biayaLayanan": "Gratis", "unit": {"__ref": "UnitLayanan:1"}},
          "UnitLayanan:1": {"__typename": "UnitLayanan", "nama": "Kantor Disdukcapil"}}


def test_an_apollo_cache_page_is_its_service_with_references_resolved():
    state = json.dumps(APOLLO).replace("<", "\\u003c")
    url = f"{SITE}/layanan/akta-perceraian"
    page = read(shell(f"<script>window.__APOLLO_STATE__={state};</script>", "Akta Perceraian"),
                url)
    doc = page.document
    assert page.payload and doc.url == url and doc.kind == "service"
    assert doc.fields["requirements"] == ["Salinan putusan pengadilan yang berkekuatan "
                                          "hukum tetap"]
    assert doc.fields["cost"] == "Gratis"


def test_a_cycle_of_references_stays_a_reference():
    data = embedded_data('<script>window.__APOLLO_STATE__={"A:1":{"nama":"x","b":{"__ref":'
                         '"B:1"}},"B:1":{"a":{"__ref":"A:1"}}};</script>')
    assert data["script0"]["A:1"]["b"]["a"]["nama"] == "x"
    assert data["script0"]["A:1"]["b"]["a"]["b"] == {"__ref": "B:1"}


ITEMS = [{"nama": "Kartu Identitas Anak", "syarat": "Akta kelahiran anak", "biaya": "Gratis"},
         {"nama": "Akta Kematian", "syarat": "Surat keterangan kematian", "biaya": "Gratis"}]


def astro_props(value):
    if isinstance(value, list):
        return [1, [astro_props(v) for v in value]]
    if isinstance(value, dict):
        return [0, {k: astro_props(v) for k, v in value.items()}]
    return [0, value]


def test_attribute_and_json_script_carriers_list_their_records():
    attr = html.escape
    carriers = {
        "astro": f'<astro-island uid="Z1" component-url="/_astro/Layanan.js" props="'
                 f'{attr(json.dumps({"items": astro_props(ITEMS)}))}" ssr></astro-island>',
        "livewire": '<div wire:id="a1" wire:snapshot="' + attr(json.dumps(
            {"data": {"layanan": [[[item, {"s": "arr"}] for item in ITEMS], {"s": "arr"}]},
             "memo": {"name": "daftar-layanan"}, "checksum": "ab12"})) + '"></div>',
        "ng-state": '<script id="ng-state" type="application/json">' + json.dumps(
            {"G.https://api/layanan?": {"body": {"data": ITEMS}, "status": 200}}).replace(
            '"', "&q;") + "</script>",
        "sveltekit": '<script type="application/json" data-sveltekit-fetched data-url="/api">'
                     + json.dumps({"status": 200, "body": json.dumps({"data": ITEMS})})
                     + "</script>",
        "alpine": '<div x-data="' + attr("{ open: false, items: [{nama: 'Kartu Identitas "
                                         "Anak', syarat: 'Akta kelahiran anak', biaya: "
                                         "'Gratis'}, {nama: 'Akta Kematian', syarat: "
                                         "'Surat keterangan kematian', biaya: 'Gratis',},] }")
                 + '"></div>',
    }
    for name, carrier in carriers.items():
        view = read_payload(page_data(shell(carrier)), f"{SITE}/layanan")
        assert [r["nama"] for r in view.records] == ["Kartu Identitas Anak", "Akta Kematian"], name
        page = read(shell(carrier), f"{SITE}/layanan")
        assert page.document.fields.get("listing"), name
        assert {d.url for d in page.parts} == {f"{SITE}/layanan#kartu-identitas-anak",
                                               f"{SITE}/layanan#akta-kematian"}, name
        assert all(d.kind == "service" for d in page.parts), name


def test_records_the_page_links_by_slug_are_not_repeated_as_parts():
    refs = [{"__ref": "Layanan:1"}]
    state = json.dumps({"ROOT_QUERY": {"layanans": refs},
                        "Layanan:1": {"id": "1", "slug": "akta-perceraian",
                                      "namaLayanan": "Akta Perceraian",
                                      "ringkasan": "Akta bagi pasangan yang bercerai"}})
    body = shell('<ul><li><a href="/layanan/akta-perceraian">Akta Perceraian</a></li></ul>'
                 f"<script>window.__APOLLO_STATE__={state};</script>", "Layanan")
    page = read(body, f"{SITE}/layanan")
    assert page.payload and page.parts == []


def test_a_shell_whose_scripts_hold_no_data_is_left_as_it_is():
    body = shell('<script>var app = {el: "#app", mounted() { this.load(); }};</script>')
    page = read(body, f"{SITE}/layanan")
    assert not page.payload and page.parts == []


def test_a_literal_beyond_the_cap_is_not_read():
    from crawler.extract import pagedata

    big = "var data = [" + ",".join(
        f"{{nama: 'Layanan {n}', biaya: 'Gratis', syarat: ['KTP']}}" for n in range(30000)) + "];"
    assert len(big) > pagedata.MAX_LITERAL
    assert script_values(big) == []


def test_a_data_file_without_semicolons_gives_every_list():
    """Each literal ends where its brackets close, not at the next ";" (none here but the
    export's, so the second list was skipped as inside the first); a ";" or "]" inside a
    string ends nothing."""
    code = """const layanan = [
  { id: 1, nama: 'Izin Reklame', ringkasan: 'Izin bagi pemasang baliho', syarat: ['KTP'] },
]
const perizinan = [
  { id: 2, nama: 'Izin Mendirikan Bangunan', ringkasan: 'Biaya: Rp 0; gratis ]', syarat: [] },
]
export default { layanan, perizinan };
"""
    assert [r["nama"] for r in script_records(code)] == ["Izin Reklame",
                                                         "Izin Mendirikan Bangunan"]
    assert script_records(code)[1]["ringkasan"] == "Biaya: Rp 0; gratis ]"


MARKERS = ("<script>var lokasi = [{id: 1, nama: 'Posyandu Melati RT 05', lat: -1.6, lng: 103.6},"
           "{id: 2, nama: 'Posyandu Mawar RT 09', lat: -1.61, lng: 103.61}];"
           "lokasi.forEach(function(l){ L.marker([l.lat,l.lng]).addTo(map); });</script>")


def test_a_map_s_markers_are_no_records_of_the_page():
    """A name and an id are not a record: a kelurahan page with a map stays what its HTML
    says, not a listing of its markers."""
    body = shell('<p>Lokasi posyandu di Kelurahan Solok Sipin.</p><div id="map"></div>'
                 + MARKERS, "Peta Posyandu")
    page = read(body, "https://solok.jambikota.go.id/peta-posyandu")
    assert not page.payload and page.parts == []
    assert not page.document.fields.get("listing")


def test_a_contact_page_keeps_its_details_beside_a_map():
    body = ('<!DOCTYPE html><html lang="id"><head><title>Kontak</title></head><body>'
            '<h1>Kontak</h1><p>Kantor Kelurahan Solok Sipin, Jl. Sunan Gunung Jati No. 1. '
            'Telepon 0741-123456.</p><div id="map"></div>'
            "<script>var lokasi = [{id: 1, nama: 'Kantor Kelurahan Solok Sipin', keterangan: "
            "'Buka Senin sampai Jumat, pukul 08.00 sampai 15.00', lat: -1.6, lng: 103.6}];"
            "</script></body></html>")
    page = read(body, "https://solok.jambikota.go.id/kontak")
    assert page.document.fields["contact"]["phone"] == "Telepon 0741-123456"
    assert page.parts == [] and "Sunan Gunung Jati" in page.document.text


def test_a_short_service_page_keeps_its_sections_beside_a_theme_s_config():
    body = ('<!DOCTYPE html><html lang="id"><head><title>Kartu Identitas Anak</title></head>'
            "<body><main><h1>Kartu Identitas Anak</h1><h2>Persyaratan</h2><ul>"
            "<li>Fotokopi akta kelahiran</li><li>Kartu Keluarga asli</li></ul>"
            "<h2>Biaya</h2><p>Gratis</p><h2>Waktu Penyelesaian</h2><p>1 hari kerja</p></main>"
            '<script>var wpData = {"post": {"id": 57, "title": "Kartu Identitas Anak", '
            '"excerpt": "Kartu identitas bagi anak di bawah 17 tahun"}};</script></body></html>')
    page = read(body, "https://disdukcapil.jambikota.go.id/layanan/kia/")
    doc = page.document
    assert doc.kind == "service" and doc.fields["cost"] == "Gratis"
    assert doc.fields["requirements"] == ["Fotokopi akta kelahiran", "Kartu Keluarga asli"]


def test_a_script_state_named_as_the_page_lists_its_records():
    """A carrier's own root (``{title, layanan: [...]}``, an app's state named as the page)
    is not the one record the page shows: its services are."""
    state = json.dumps({"title": "Layanan", "id": 1, "ringkasan": "Daftar layanan dinas",
                        "layanan": ITEMS})
    page = read(shell(f"<script>window.__INITIAL_STATE__ = {state};</script>", "Layanan"),
                f"{SITE}/layanan")
    assert page.document.fields.get("listing")
    assert {d.title for d in page.parts} == {"Kartu Identitas Anak", "Akta Kematian"}
