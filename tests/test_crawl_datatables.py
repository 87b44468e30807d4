"""Service lists that jQuery DataTables draws from a server-side JSON endpoint: the crawler
asks the endpoint for its rows as the plugin does (GET query or POST form, ``draw``/
``start``/``length``, page after page until ``recordsFiltered``), follows the links in the
cells to the services' own pages, stores nothing for the endpoint, and logs a malformed
endpoint with its reason instead of failing."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

from crawler.extract.datatables import (
    NotDataTables,
    Table,
    detail_links,
    page_params,
    read_page,
    row_links,
    tables,
)
from crawler.extract.jsroutes import loaded_templates
from crawler.run import crawl
from sikoja.config import Settings
from sikoja.sources import Source
from sikoja.store import DocumentStore
from tests.faultserver import LoopbackSite, Reply, html

NAMES = ["Surat Keterangan Tidak Mampu", "Surat Keterangan Domisili", "Pengantar KTP-el",
         "Pengantar Kartu Keluarga", "Surat Keterangan Kematian", "Pengantar Pindah",
         "Surat Keterangan Usaha", "Surat Keterangan Ahli Waris", "Pengantar Nikah",
         "Surat Keterangan Belum Menikah", "Usulan DTKS", "Kampung Bahagia"]
SERVICE = ("<h1>{name}</h1><h3>Persyaratan</h3><ol><li>Surat pengantar RT dan RW</li>"
           "<li>Fotokopi KTP-el dan KK</li></ol><h3>Waktu Penyelesaian</h3><p>1 hari kerja</p>"
           "<h3>Biaya</h3><p>Gratis</p>")
TABLE = ("<h1>Daftar Layanan</h1><p>Klik Detail untuk persyaratan.</p>"
         "<table id='tabel-layanan'><thead><tr><th>No</th><th>Layanan</th><th>Aksi</th></tr>"
         "</thead><tbody></tbody></table>"
         "<script src='/assets/plugins/datatables/jquery.dataTables.min.js'></script>")


def inline_get(base: str) -> bytes:
    """CodeIgniter's ``base_url('layanan/data')`` rendered absolute, object form, GET."""
    return html("Layanan", TABLE + "<script>$(function(){ $('#tabel-layanan').DataTable({"
                "processing: true, serverSide: true, pageLength: 5, ajax: { url: "
                f"\"{base}/layanan/data\", type: \"GET\" }}, language: {{ url: "
                "'/assets/i18n/id.json' } }); });</script>")


SCRIPT_POST = b"""$(document).ready(function () {
    $('#tabel-layanan').DataTable({
        serverSide: true, processing: true, pageLength: 5, order: [],
        ajax: { url: '/layanan/json', type: 'POST', dataSrc: 'data' },
        columns: [{ data: 'no' }, { data: 'nama_layanan' }, { data: 'aksi' }]
    });
});"""


class DataTablesSite(LoopbackSite):
    """Pages by path, and a DataTables endpoint answering ``draw``/``start``/``length`` from
    the query (GET) or the form (POST), rows as arrays of cells or as objects."""

    def __init__(self, pages: dict[str, bytes], endpoint: str, method: str, form: str,
                 broken: bytes | None = None) -> None:
        super().__init__()
        self.pages, self.endpoint, self.method, self.form = pages, endpoint, method, form
        self.broken = broken
        self.asked: list[dict[str, str]] = []

    def rows(self, start: int, length: int) -> list:
        out = []
        for n in range(start, min(start + length, len(NAMES))):
            if self.form == "buttons":  # Yajra's rows: the script's render draws the button
                out.append({"id": n + 1, "DT_RowId": f"row_{n + 1}", "nama_layanan": NAMES[n],
                            "created_at": "2024-02-19T03:11:52.000000Z"})
                continue
            link = (f'<a href="/layanan/detail/{n + 1}" class="btn btn-primary btn-sm">'
                    '<i class="fa fa-eye"></i> Detail</a>')
            out.append([str(n + 1), NAMES[n], link] if self.form == "arrays" else
                       {"no": n + 1, "nama_layanan": NAMES[n], "aksi": link})
        return out

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        path = unquote(parts.path)
        if path == self.endpoint:
            if request.command == "POST":
                size = int(request.headers.get("Content-Length") or 0)
                params = dict(parse_qsl(request.rfile.read(size).decode()))
            else:
                params = dict(parse_qsl(parts.query))
            if request.command != self.method:
                self.send(request, Reply(405, b"<h1>Method Not Allowed</h1>"))
                return
            self.asked.append(params)
            if self.broken is not None:
                self.send(request, Reply(body=self.broken))
                return
            start, length = int(params.get("start", 0)), int(params.get("length", 10))
            answer = {"draw": int(params.get("draw", 0)), "recordsTotal": len(NAMES),
                      "recordsFiltered": len(NAMES), "data": self.rows(start, length)}
            self.send(request, Reply(body=json.dumps(answer).encode(),
                                     content_type="application/json"))
            return
        if path.startswith("/layanan/detail/"):
            n = int(path.rsplit("/", 1)[1])
            if 1 <= n <= len(NAMES):
                detail = SERVICE.format(name=NAMES[n - 1])
                # a Blade partial for a modal's body: no page around it
                self.send(request, Reply(body=detail.encode() if self.form == "buttons"
                                         else html(NAMES[n - 1], detail)))
                return
        body = self.pages.get(path)
        if body is None:
            self.send(request, Reply(404, b"<h1>Not Found</h1>"))
        else:
            ctype = "application/javascript" if path.endswith(".js") else \
                "text/html; charset=utf-8"
            self.send(request, Reply(body=body, content_type=ctype))


def home() -> bytes:
    return html("Beranda", "<h1>Kecamatan Uji</h1><p>Selamat datang di situs kecamatan.</p>"
                "<a href='/layanan'>Layanan</a>")


def run_crawl(site: DataTablesSite, tmp_path) -> DocumentStore:
    crawl_once(site, tmp_path)
    return DocumentStore.open(tmp_path)


def crawl_once(site: DataTablesSite, tmp_path):
    settings = Settings()
    settings.crawl.delay = 0
    source = Source(name="kecamatan", opd="Kecamatan Uji", kind="website",
                    start_urls=[site.url("/")], use_sitemap=False)
    return crawl([source], settings, tmp_path, timeout=120)


def stored_urls(store: DocumentStore) -> set[str]:
    return {d.url for d in store.iter_documents()}


@pytest.mark.slow  # crawls a served site
def test_rows_as_arrays_of_cells_are_paged_by_get_and_their_links_followed(tmp_path):
    site = DataTablesSite({"/": home()}, "/layanan/data", "GET", "arrays")
    site.pages["/layanan"] = inline_get(site.base)
    with site:
        store = run_crawl(site, tmp_path)
        store.close()
        # an unchanged recrawl reads the rows again: nothing written, no service gone
        again = crawl_once(site, tmp_path)
        assert sum(s.stored + s.changed + s.gone for s in again.sources) == 0, str(again)
        assert len(site.asked) == 6 and site.asked[3:] == site.asked[:3]
        del site.asked[3:]
        store = DocumentStore.open(tmp_path)
    try:
        urls = stored_urls(store)
        details = {site.url(f"/layanan/detail/{n}") for n in range(1, len(NAMES) + 1)}
        assert details <= urls  # all 12, on three pages of rows
        assert not any("/layanan/data" in u for u in urls)  # the endpoint is no document
        doc = store.get(site.url("/layanan/detail/3"))
        assert doc.kind == "service" and doc.title.startswith("Pengantar KTP-el")
        errors = store.query("SELECT url, reason FROM fetch_log WHERE outcome = 'error'")
        assert not errors, [dict(r) for r in errors]
    finally:
        store.close()
    # as the plugin asks: draw counts the requests, start the rows before, length the page
    assert [(p["draw"], p["start"], p["length"]) for p in site.asked] == [
        ("1", "0", "5"), ("2", "5", "5"), ("3", "10", "5")]


@pytest.mark.slow  # crawls a served site
def test_rows_as_objects_are_asked_for_by_post_from_a_script_file(tmp_path):
    pages = {"/": home(), "/layanan": html("Layanan", TABLE + "<script src='/assets/js/"
                                           "layanan.js'></script>"),
             "/assets/js/layanan.js": SCRIPT_POST}
    site = DataTablesSite(pages, "/layanan/json", "POST", "objects")
    with site:
        store = run_crawl(site, tmp_path)
    try:
        urls = stored_urls(store)
        assert {site.url(f"/layanan/detail/{n}") for n in range(1, len(NAMES) + 1)} <= urls
        assert not any("/layanan/json" in u for u in urls)
    finally:
        store.close()
    assert [p["start"] for p in site.asked] == ["0", "5", "10"]


@pytest.mark.slow  # crawls a served site
def test_a_malformed_endpoint_is_logged_with_its_reason_and_the_crawl_goes_on(tmp_path):
    broken = (b"<div style='border:1px solid #990000'><h4>A PHP Error was encountered</h4>"
              b"<p>Message: Undefined index: search</p></div>")
    site = DataTablesSite({"/": home()}, "/layanan/data", "GET", "arrays", broken=broken)
    site.pages["/layanan"] = inline_get(site.base)
    with site:
        store = run_crawl(site, tmp_path)
    try:
        assert site.url("/layanan") in stored_urls(store)  # the page itself is still read
        rows = store.query("SELECT url, reason FROM fetch_log WHERE outcome = 'error'")
        reasons = [r["reason"] for r in rows]
        assert len(reasons) == 1, reasons
        assert reasons[0].startswith("parse: the DataTables endpoint of ")
        assert "not JSON" in reasons[0]
    finally:
        store.close()


MODAL_SCRIPT = """<script>
var base_url = "{base}";
$(function () {{
    $('#tabel-layanan').DataTable({{
        processing: true, serverSide: true, pageLength: 5,
        ajax: "{base}/layanan/datatable",
        columns: [
            {{ data: 'nama_layanan' }},
            {{ data: 'id', render: function (data, type, row) {{
                return '<button class="btn" onclick="detail(' + row.id + ')">Detail</button>';
            }} }}
        ]
    }});
}});
function detail(id) {{
    $.get(base_url + '/layanan/detail/' + id, function (html) {{
        $('#modal-detail .modal-body').html(html);
        $('#modal-detail').modal('show');
    }});
}}
</script>"""


@pytest.mark.slow  # crawls a served site
def test_details_a_row_loads_into_a_modal_are_stored_at_their_url(tmp_path):
    site = DataTablesSite({"/": home()}, "/layanan/datatable", "GET", "buttons")
    site.pages["/layanan"] = html("Layanan", TABLE + MODAL_SCRIPT.format(base=site.base))
    with site:
        store = run_crawl(site, tmp_path)
    try:
        urls = stored_urls(store)
        # no row links anything: each service is where the page loads its details from
        assert {site.url(f"/layanan/detail/{n}") for n in range(1, len(NAMES) + 1)} <= urls
        doc = store.get(site.url("/layanan/detail/4"))
        assert doc.kind == "service" and doc.title == "Pengantar Kartu Keluarga"
        assert doc.fields["requirements"] == ["Surat pengantar RT dan RW",
                                              "Fotokopi KTP-el dan KK"]
        assert store.get(site.url("/layanan")).kind == "page"
    finally:
        store.close()


def test_detail_urls_are_read_from_the_calls_that_load_them():
    code = MODAL_SCRIPT.format(base="http://kel.example/")
    assert loaded_templates(code) == [("http://kel.example/layanan/detail/", "id")]
    # a base set in another script is the site's root; a row's key is read off the call
    assert loaded_templates("$.ajax({url: base_url + 'layanan/get/' + row.id_layanan, "
                            "type: 'GET'})") == [("/layanan/get/", "id_layanan")]
    assert loaded_templates("fetch(`/api/layanan/${data.slug}`)") == [("/api/layanan/",
                                                                        "slug")]
    assert loaded_templates("$('#m .modal-body').load('/layanan/detail/' + $(this)"
                            ".data('id'))") == [("/layanan/detail/", "id")]
    # a POST (a delete button) shows nothing; nor does a whole literal URL
    assert loaded_templates("$.ajax({url: base_url + 'layanan/hapus/' + id, "
                            "type: 'POST'})") == []
    assert loaded_templates("$.get('/layanan/semua', function (d) {})") == []


def test_a_row_gives_its_key_its_id_or_the_argument_of_its_button():
    table = Table(url="http://kel.example/layanan/datatable",
                  details=(("http://kel.example/layanan/detail/", "id"),))
    rows = [{"id": 7, "nama_layanan": "Surat Keterangan Domisili",
             "updated_at": "2024-02-19T03:11:52.000000Z"},
            {"DT_RowId": "row_9", "nama": "SKTM"},
            ["3", "Pengantar Pindah", '<button onclick="detail(\'12\')">Detail</button>'],
            ["4", "Tanpa tombol", "-"], {"id": "../../admin/hapus", "nama": "Jalan"},
            {"id": "..", "nama": "Naik"}]  # a path is no row's key
    assert detail_links(rows, table) == [
        ("http://kel.example/layanan/detail/7", "Surat Keterangan Domisili"),
        ("http://kel.example/layanan/detail/9", "SKTM"),
        ("http://kel.example/layanan/detail/12", "Pengantar Pindah")]
    assert tables(MODAL_SCRIPT.format(base="http://kel.example"), "http://kel.example/"
                  )[0].details == (("http://kel.example/layanan/detail/", "id"),)
    # a row's delete button GETs too, and shows nothing of the answer: no detail
    deleting = MODAL_SCRIPT.replace("</script>", "$('#tabel-layanan').on('click', '.hapus', "
                                    "function () {{ $.get(base_url + '/layanan/hapus/' + "
                                    "$(this).data('id'), function () {{ t.ajax.reload(); }}); "
                                    "}});</script>")
    assert tables(deleting.format(base="http://kel.example"), "http://kel.example/"
                  )[0].details == (("http://kel.example/layanan/detail/", "id"),)


# --- reading the script and the answer --------------------------------------------------------


def test_the_ajax_source_is_read_in_its_string_object_and_legacy_forms():
    page = "https://kec.example.go.id/layanan"
    short = tables("$('#t').DataTable({ serverSide: true, ajax: '/layanan/json' });", page)
    assert short == [Table(url="https://kec.example.go.id/layanan/json")]
    post = tables("$('#t').DataTable({ ajax: { url: \"https:\\/\\/kec.example.go.id/layanan"
                  "/data\", type: 'POST', dataSrc: 'rows' }, pageLength: 25,"
                  " language: { url: '/i18n/id.json' } });", page)
    assert post == [Table(url="https://kec.example.go.id/layanan/data", method="POST",
                          length=25, data_src="rows", server_side=False)]
    old = tables("oTable = $('#t').dataTable({ bServerSide: true, sAjaxSource: 'data.php',"
                 " sServerMethod: 'POST' });", page)
    assert old == [Table(url="https://kec.example.go.id/data.php", method="POST",
                         data_src="aaData", legacy=True)]
    # CodeIgniter's CSRF pair rendered into the options is sent back with every page
    csrf = tables("$('#t').DataTable({ serverSide: true, ajax: { url: '/layanan/data', type:"
                  " 'POST', data: { 'csrf_test_name': 'a41f09e2', kategori: \"umum\" } } });",
                  page)
    assert page_params(csrf[0], 10, 3) == {"csrf_test_name": "a41f09e2", "kategori": "umum",
                                           "draw": "3", "start": "10", "length": "10"}
    # a table without a server source, or one whose URL is built at run time, is not read
    assert tables("$('#t').DataTable({ paging: false });", page) == []
    assert tables("$('#t').DataTable({ ajax: `${base}/data` });", page) == []


def test_an_answer_gives_rows_and_the_filtered_count_or_a_reason():
    table = Table(url="https://x.example/data")
    rows, total = read_page(b'{"draw": 2, "recordsTotal": 40, "recordsFiltered": "37",'
                            b' "data": [["1", "SKTM"]]}', table)
    assert rows == [["1", "SKTM"]] and total == 37
    for body, words in ((b"<h4>A PHP Error was encountered</h4>", "not JSON"),
                        (b'{"error": "Token CSRF tidak valid"}', "Token CSRF tidak valid"),
                        (b'{"draw": 1, "rows": []}', "no 'data'"),
                        (b'{"data": "kosong"}', "not a list")):
        with pytest.raises(NotDataTables, match=words):
            read_page(body, table)


def test_cell_links_are_named_by_their_row_not_their_button():
    rows = [["1", "Surat Keterangan Usaha", '<a href="/layanan/detail/sku" class="btn">'
             '<i class="fa fa-eye"></i> Detail</a>'],
            {"no": 2, "nama": "<b>Surat Keterangan Domisili</b>",
             "aksi": "<a href='detail/domisili'>Lihat</a> <a href='#' onclick='hapus(2)'>x</a>"}]
    assert row_links(rows, "https://kec.example.go.id/layanan/data") == [
        ("https://kec.example.go.id/layanan/detail/sku", "Surat Keterangan Usaha"),
        ("https://kec.example.go.id/layanan/detail/domisili", "Surat Keterangan Domisili")]


def test_a_tables_script_file_is_the_one_the_browser_loads():
    """The site's own script beside an empty table, resolved against the page's
    ``<base href>`` as the browser loads it; one in an HTML comment loads nothing, and a
    page whose rows are written has no table to fill."""
    from crawler.extract.datatables import script_files
    from crawler.extract.pagecode import PageCode

    url = "http://kec.example/lama/layanan.php"
    head = ('<base href="http://kec.example/app/"><!-- <script src="js/lama.js"></script> -->'
            '<script src="js/jquery.dataTables.min.js"></script>'
            '<script src="js/layanan.js?v=2"></script>')
    empty = "<table><thead><tr><th>No</th></tr></thead><tbody></tbody></table>"
    assert script_files(PageCode(head + empty), url) == ["http://kec.example/app/js/layanan.js?v=2"]
    assert script_files(PageCode(head + "<table><tr><td>1</td></tr></table>"), url) == []
