"""A list page whose services are only behind a "Detail" button (CodeIgniter and Laravel
admin templates): the data attributes of a button that opens a modal are read as a record,
each service stored at ``<page>#<slug of its name>``; a hidden modal written into the page
for a row is read as a tab panel is, at ``<page>#<modal id>``, titled by its own title; the
page is then the list of them."""

from __future__ import annotations

import html as html_lib
import json

import pytest

from crawler.extract.document import html_document
from crawler.extract.jsroutes import handler_templates
from crawler.extract.modals import (
    button_details,
    button_services,
    may_hold_buttons,
    may_load_details,
)
from crawler.extract.pagecode import PageCode
from crawler.run import crawl
from sikoja.config import Settings
from sikoja.sources import Source
from sikoja.store import DocumentStore
from tests.faultserver import Page, PageSite, html

URL = "http://kel.example/layanan"


def attr_button(toggle: str, **data: str) -> str:
    attrs = " ".join(f'data-{k.replace("_", "-")}="{html_lib.escape(v)}"'
                     for k, v in data.items())
    return (f'<button type="button" class="btn btn-info btn-sm" {toggle}="modal" '
            f'data-target="#modalDetail" {attrs}>Detail</button>')


def hidden_modal(ident: int, title: str, requirements: list[str], cost: str) -> str:
    items = "".join(f"<li>{r}</li>" for r in requirements)
    return (f'<div class="modal fade" id="modal-{ident}" tabindex="-1" aria-hidden="true">'
            '<div class="modal-dialog"><div class="modal-content"><div class="modal-header">'
            f'<h5 class="modal-title">{title}</h5><button type="button" class="close" '
            'data-dismiss="modal">&times;</button></div><div class="modal-body">'
            f'<table class="table"><tr><th>Persyaratan</th><td><ol>{items}</ol></td></tr>'
            f"<tr><th>Biaya</th><td>{cost}</td></tr></table></div></div></div></div>")


SHARED_MODAL = ('<div class="modal fade" id="modalDetail"><div class="modal-dialog"><div '
                'class="modal-content"><div class="modal-header"><h5 class="modal-title">'
                'Detail Layanan</h5></div><div class="modal-body"><table><tr><th>Persyaratan'
                '</th><td id="d-syarat"></td></tr><tr><th>Biaya</th><td id="d-biaya"></td>'
                "</tr></table></div></div></div></div>"
                "<script>$('#modalDetail').on('show.bs.modal', function (e) { var b = "
                "$(e.relatedTarget); $('#d-syarat').html(b.data('syarat')); });</script>")


def list_page() -> str:
    rows = [
        ("Surat Keterangan Tidak Mampu (SKTM)", attr_button(
            "data-toggle", id="3", nama="Surat Keterangan Tidak Mampu (SKTM)",
            syarat="1. Pengantar RT/RW\n2. Fotokopi KTP dan KK", biaya="Gratis",
            dasar_hukum="Perwal Kota Jambi 12/2020")),
        ("Surat Keterangan Domisili", attr_button(
            "data-bs-toggle", nama="Surat Keterangan Domisili",
            syarat="Pengantar RT<br>Fotokopi KTP", waktu="1 hari kerja")),
        ("Surat Keterangan Kematian", '<button data-toggle="modal" data-target="#modal-21">'
                                      "Detail</button>"),
        ("Pengantar Kartu Keluarga", '<button data-toggle="modal" data-target="#modal-22">'
                                     "Detail</button>"),
        # an admin's delete button names a row too: it is no service
        ("Rekap", '<a href="#" data-toggle="modal" data-target="#hapus" data-id="9" '
                  'data-nama="Rekap Layanan 2024">Hapus</a>'),
    ]
    table = "".join(f"<tr><td>{n}</td><td>{name}</td><td>{button}</td></tr>"
                    for n, (name, button) in enumerate(rows, 1))
    return (f"<h1>Daftar Layanan</h1><table>{table}</table>" + SHARED_MODAL
            + hidden_modal(21, "Surat Keterangan Kematian", ["Surat kematian dari RS",
                                                              "KK almarhum"], "Gratis")
            + hidden_modal(22, "Pengantar Kartu Keluarga", ["KK lama", "Akta kelahiran"],
                           "Gratis"))


def test_each_buttons_data_attributes_are_one_service():
    page = list_page()
    assert may_hold_buttons(page.encode())
    assert not may_hold_buttons(b"<button data-toggle='collapse'>Persyaratan</button>")
    docs = button_services(PageCode(page), URL, source="kel", opd="Kelurahan Uji",
                           fetched_at="2025")
    assert [d.url for d in docs] == [URL + "#surat-keterangan-tidak-mampu-sktm",
                                     URL + "#surat-keterangan-domisili"]
    sktm, domisili = docs
    # named as a JSON record's keys are: data-syarat, data-biaya, data-dasar-hukum
    assert sktm.kind == "service" and sktm.parent_url == URL
    assert sktm.fields == {"requirements": ["Pengantar RT/RW", "Fotokopi KTP dan KK"],
                           "cost": "Gratis", "legal_basis": "Perwal Kota Jambi 12/2020"}
    assert domisili.fields["requirements"] == ["Pengantar RT", "Fotokopi KTP"]
    assert domisili.fields["duration"] == "1 hari kerja"


def test_hidden_modals_are_services_titled_by_their_own_title():
    extracted = html_document(html("Daftar Layanan", list_page()), url=URL, content_type=None,
                              http_last_modified=None, source="kel", opd="Kelurahan Uji")
    assert extracted.document.fields == {"listing": True}
    parts = {p.url: p for p in extracted.parts}
    # the modal a script fills from the buttons holds no service of its own
    assert sorted(parts) == [URL + "#modal-21", URL + "#modal-22"]
    death = parts[URL + "#modal-21"]
    assert death.title == "Surat Keterangan Kematian" and death.kind == "service"
    assert death.fields["requirements"] == ["Surat kematian dari RS", "KK almarhum"]


def crawl_site(site: PageSite, tmp_path) -> None:
    settings = Settings()
    settings.crawl.delay = 0
    source = Source(name="kel", opd="Kelurahan Uji", kind="website",
                    start_urls=[site.url("/")], use_sitemap=False)
    crawl([source], settings, tmp_path, timeout=60)


@pytest.mark.slow  # crawls a served site
def test_a_crawl_stores_the_services_behind_the_buttons(tmp_path):
    site = PageSite({"/": Page(html("Beranda", "<a href='/layanan'>Layanan</a>")),
                     "/layanan": Page(html("Daftar Layanan", list_page()))})
    listing = site.url("/layanan")
    with site:
        crawl_site(site, tmp_path)
        store = DocumentStore.open(tmp_path)
        try:
            services = {d.url for d in store.iter_documents() if d.kind == "service"}
            assert sorted(services) == sorted(listing + tail for tail in (
                "#surat-keterangan-tidak-mampu-sktm", "#surat-keterangan-domisili",
                "#modal-21", "#modal-22"))
            assert store.get(listing).fields.get("listing") is True
        finally:
            store.close()
        # the kelurahan drops a service from its table: it leaves the index with it
        site.pages["/layanan"] = Page(html("Daftar Layanan", list_page().replace(
            "data-nama=\"Surat Keterangan Domisili\"", "")))
        crawl_site(site, tmp_path)
    store = DocumentStore.open(tmp_path)
    try:
        live = {d.url for d in store.iter_documents()}
        assert listing + "#surat-keterangan-tidak-mampu-sktm" in live
        assert listing + "#surat-keterangan-domisili" not in live
    finally:
        store.close()


HANDLERS = """<script>
var base_url = "{base}/";
function detail(id) {{
    $.get(base_url + 'layanan/detail/' + id, function (html) {{
        $('#modal-detail .modal-body').html(html);
        $('#modal-detail').modal('show');
    }});
}}
$(document).on('click', '.btn-info-layanan', function () {{
    var id = $(this).data('id');
    $.getJSON(base_url + 'api/layanan/' + id, function (res) {{
        $('#info').html(res.data.nama); $('#modal-info').modal('show'); }});
}});
$('.btn-riwayat').click(function () {{
    $.get(base_url + 'layanan/riwayat/' + $(this).data('id'), function (html) {{
        $('#riwayat').html(html); }});
}});
$(document).on('click', '.btn-hapus', function () {{
    $.get(base_url + 'layanan/hapus/' + $(this).data('id'), function () {{ location.reload(); }});
}});
function hapus(id) {{ $.ajax({{url: base_url + 'layanan/hapus/' + id, type: 'POST'}}); }}
</script>"""


def handler_page(base: str) -> str:
    rows = "".join(
        f"<tr><td>{name}</td><td>{button}</td></tr>" for name, button in (
            ("Surat Keterangan Usaha", '<button onclick="detail(4)">Detail</button>'),
            ("Surat Keterangan Ahli Waris", "<button onclick=\"detail('7')\">Detail</button>"
                                            '<button onclick="hapus(7)">Hapus</button>'),
            ("Pengantar Nikah", '<button class="btn btn-info-layanan" data-id="9">Info</button>'
                                '<button class="btn btn-hapus" data-id="9">Hapus</button>'),
            ("Legalisir", '<button class="btn-riwayat" data-id="5">Riwayat</button>'
                          '<button class="btn-info-layanan" data-id="../../admin/hapus">'
                          "Info</button>")))
    return f"<h1>Layanan</h1><table>{rows}</table>" + HANDLERS.format(base=base)


def test_the_ids_a_pages_buttons_pass_complete_what_their_handler_loads():
    code = HANDLERS.format(base="http://kel.example")
    # hapus() POSTs, and the .btn-hapus handler shows nothing of what it loads: neither is
    # a detail
    assert handler_templates(code) == {
        "detail": [("http://kel.example/layanan/detail/", "id")],
        "click:.btn-info-layanan": [("http://kel.example/api/layanan/", "id")],
        "click:.btn-riwayat": [("http://kel.example/layanan/riwayat/", "id")]}
    page = handler_page("http://kel.example")
    assert may_load_details(page.encode())
    # each data-id goes to the handler its button's class names, and an id that is a path
    # walks nowhere
    shown = button_details(PageCode(page), URL)
    assert shown.urls == ["http://kel.example/layanan/detail/4",
                          "http://kel.example/layanan/detail/7",
                          "http://kel.example/api/layanan/9",
                          "http://kel.example/layanan/riwayat/5"]
    assert shown.listing
    assert button_details(PageCode("<button onclick='detail(4)'>x</button>"), URL).urls == []
    # one button outside any list row is a page's own, not a list's
    lone = button_details(PageCode('<button class="btn-info-layanan" data-id="9">Info</button>'
                                   + HANDLERS.format(base="http://kel.example")), URL)
    assert lone == (["http://kel.example/api/layanan/9"], False)


DETAIL = ("<h5>{name}</h5><table><tr><th>Persyaratan</th><td><ol><li>Pengantar RT/RW</li>"
          "<li>Fotokopi KTP</li></ol></td></tr><tr><th>Biaya</th><td>Gratis</td></tr></table>")


@pytest.mark.slow  # crawls a served site
def test_a_crawl_follows_what_the_buttons_handlers_load(tmp_path):
    site = PageSite({"/": Page(html("Beranda", "<a href='/layanan'>Layanan</a>"))})
    site.pages["/layanan"] = Page(html("Layanan", handler_page(site.base)))
    for path, name in (("detail/4", "Surat Keterangan Usaha"),
                       ("detail/7", "Surat Keterangan Ahli Waris"),
                       ("riwayat/5", "Legalisir Dokumen Kependudukan")):
        site.pages[f"/layanan/{path}"] = Page(DETAIL.format(name=name).encode())
    site.pages["/api/layanan/9"] = Page(json.dumps(
        {"status": True, "data": {"id": 9, "nama": "Pengantar Nikah",
                                  "syarat": ["Pengantar RT/RW", "Fotokopi KTP calon"],
                                  "biaya": "Gratis"}}).encode(), content_type="application/json")
    with site:
        crawl_site(site, tmp_path)
    # a delete button's GET is never sent, nor a path passed as an id
    assert not [p for p in site.paths_hit() if "hapus" in p or "admin" in p]
    store = DocumentStore.open(tmp_path)
    try:
        services = {d.url: d for d in store.iter_documents() if d.kind == "service"}
        # the JSON answer is read as a record, stored where it is shown: the page with the
        # button, not the API URL a citizen would get raw JSON from
        assert sorted(services) == sorted(site.url(p) for p in (
            "/layanan/detail/4", "/layanan/detail/7", "/layanan/riwayat/5",
            "/layanan#pengantar-nikah"))
        assert services[site.url("/layanan/detail/7")].title == "Surat Keterangan Ahli Waris"
        nikah = services[site.url("/layanan#pengantar-nikah")]
        assert nikah.title == "Pengantar Nikah" and nikah.fields["requirements"] == [
            "Pengantar RT/RW", "Fotokopi KTP calon"]
        assert store.get(site.url("/api/layanan/9")) is None
        errors = store.query("SELECT url, reason FROM fetch_log WHERE outcome = 'error'")
        assert not errors, [dict(r) for r in errors]
    finally:
        store.close()
