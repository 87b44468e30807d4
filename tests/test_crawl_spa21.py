"""Session 21's script-drawn apps built the way Indonesian pemda sites of 2014-2020 were:
an AngularJS 1.x app with hashbang routes over a PHP ``api.php?act=`` backend
(``spa21-dinsos``), and jQuery pages over a CodeIgniter REST backend that answers POST only
(``spa21-dishub``). Each record is stored at the address a citizen sees it at, with its
facts; the POSTs made are the app's own reads, never a form's, never another host's."""

from __future__ import annotations

import httpx
import pytest

from crawler.extract.jsonlist import (
    DetailTemplate,
    detail_candidates,
    endpoints,
    own_route_values,
)
from crawler.extract.jsroutes import property_bases, route_templates, with_bases
from crawler.extract.posts import as_request, post_calls
from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.demo.server import serve_sample_sites
from tests.samplecrawl import crawl_sites

PAGE = "https://dishub.jambikota.go.id/layanan.html"


def test_a_jquery_post_for_the_list_is_read_with_its_csrf_pair():
    code = """var BASE_URL = 'https://dishub.jambikota.go.id/';
    var csrf_name = 'csrf_dishub', csrf_hash = 'abc123';
    $.ajax({url: BASE_URL + 'api/layanan/get_all', type: 'POST', dataType: 'json',
            data: {[csrf_name]: csrf_hash}, success: function (res) {}});"""
    (call,) = post_calls(code, PAGE)
    assert call.url == "https://dishub.jambikota.go.id/api/layanan/get_all"
    assert call.fields == (("csrf_dishub", "abc123"),) and not call.record_param
    url, body, headers = as_request(call, call.url)
    assert url == call.url and body == b"csrf_dishub=abc123"
    assert headers["Content-Type"].startswith("application/x-www-form-urlencoded")


def test_a_detail_post_takes_the_records_id_in_its_body():
    code = """var base_url = '/';
    $.post(base_url + 'api/layanan/get_by_id', {id: getUrlParameter('id')},
                      function (res) { $('#judul').text(res.data.nama); }, 'json');"""
    (call,) = post_calls(code, PAGE)
    assert (call.record_param, call.record_key) == ("id", "id")
    url, body, _headers = as_request(call, call.detail_prefix() + "12")
    assert url == "https://dishub.jambikota.go.id/api/layanan/get_by_id"
    assert body == b"id=12"
    # AngularJS's $http.post sends JSON
    (angular,) = post_calls("$http.post('/api/layanan/detail', {id: $routeParams.id})", PAGE)
    assert as_request(angular, angular.detail_prefix() + "7")[1] == b'{"id": "7"}'


@pytest.mark.parametrize("code", [
    # a form's submission: what a visitor types
    "$('#form-aduan').submit(function (e) { e.preventDefault();"
    " $.post('/api/layanan/cari', {q: $('#q').val()}); });",
    "$.ajax({url: '/api/data', type: 'POST', data: $('#f').serialize()});",
    # a path that writes
    "axios.post('/api/pengaduan/simpan', {nama: 'x'});",
    "$.post('/api/komentar/tambah', {id: 3});",
    # another host, even for a read
    "$http.post('https://api.other.go.id/api/layanan', {});",
    # fetch without POST is an ordinary GET endpoint
    "fetch('/api/layanan', {headers: {Accept: 'application/json'}});",
])
def test_no_post_is_made_that_a_browser_would_not_make_by_rendering_the_page(code):
    assert post_calls(code, PAGE) == []


def test_a_config_objects_relative_api_folder_is_the_base_of_the_apps_calls():
    config = "var CONFIG = {APP_NAME: 'SILAYAN', API_URL: 'api/', VERSION: '1.4.2'};"
    app = "$http.get(CONFIG.API_URL + 'api.php?act=layanan').then(function (r) {});"
    page = "https://dinsos.jambikota.go.id/"
    bases = property_bases([config, app], page)
    assert bases == {"API_URL": "api/"}
    assert endpoints(with_bases(app, bases), page) == [
        "https://dinsos.jambikota.go.id/api/api.php?act=layanan"]


def test_a_templates_interpolated_link_and_a_pages_query_are_routes():
    template = ('<a class="list-group-item" ng-repeat="l in layanan"'
                ' ng-href="#!/layanan/{{l.id_layanan}}">{{l.nama_layanan}}</a>')
    assert route_templates(template) == [("#!/layanan/", "id_layanan")]
    row = "html += '<td><a href=\"detail-layanan.html?id=' + row.id_layanan + '\">';"
    assert route_templates(row) == [("detail-layanan.html?id=", "id_layanan")]
    # a record is placed by its own id, never by a related record's
    record = {"id_layanan": "21", "nama_layanan": "PUB", "id_kategori": "3"}
    routes = [("#!/layanan/", "id_layanan"), ("#!/kategori/", "id_kategori")]
    assert own_route_values(record, routes) == {"id_layanan": "21"}
    # the data the route loads, joined to the API's base, is no route
    assert route_templates("x = API_URL + 'api.php?act=detail&id=' + $routeParams.id;") == []


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("spa21")
    return (*crawl_sites(out, ("spa21-dinsos", "spa21-dishub")), out)


@pytest.mark.slow  # crawls two served sites
def test_every_record_is_stored_at_its_address_with_its_facts(sample):
    docs, log = sample[0], sample[1]
    dinsos = {p: d for p, d in docs["spa21-dinsos"].items() if d.kind == "service"}
    assert set(dinsos) == {f"/#!/layanan/{n}" for n in (12, 15, 17, 21, 24, 28)}
    pub = dinsos["/#!/layanan/21"]
    assert pub.title == "Rekomendasi Izin Pengumpulan Uang atau Barang (PUB)"
    assert "Proposal kegiatan penggalangan dana" in pub.fields["requirements"]
    assert pub.fields["duration"] == "14 hari kerja"
    dishub = {p: d for p, d in docs["spa21-dishub"].items() if d.kind == "service"}
    assert set(dishub) == {f"/detail-layanan.html?id={n}" for n in range(1, 7)}
    andalalin = dishub["/detail-layanan.html?id=3"]
    assert andalalin.fields["requirements"][1].startswith("Dokumen hasil analisis dampak")
    assert len(andalalin.fields["procedure"]) == 4
    # the POST-only backend was never left with a GET's 405, nor the config's base asked
    assert not [r for r in log if r["outcome"] == "error"]


@pytest.mark.slow  # crawls and indexes two served sites
def test_a_citizen_finds_each_apps_record_first(sample):
    settings = load_settings(sample[2], embedder="none")
    build_index(settings)
    searcher = Searcher(settings)
    try:
        top = searcher.search("izin galang donasi yayasan").results[0]
        assert top.url.endswith("/#!/layanan/21")
        top = searcher.search("persyaratan andalalin").results[0]
        assert top.url.endswith("/detail-layanan.html?id=3")
        assert "Site plan dan gambar rencana akses" in top.fields["requirements"]
    finally:
        searcher.close()


def test_a_rows_summary_asks_its_detail_a_posts_content_does_not():
    listed = "https://dinsos.jambikota.go.id/api/api.php?act=layanan"
    detail = DetailTemplate("https://dinsos.jambikota.go.id/api/api.php?act=detail_layanan&id=",
                            "id")
    row = {"id_layanan": "21", "nama_layanan": "Rekomendasi PUB",
           "ringkasan": "Rekomendasi bagi yayasan yang akan menggalang donasi."}
    assert [t for t, _ in detail_candidates(row, listed, [detail])] == [detail]
    post = {"id": 4, "title": "Rekomendasi PUB", "content": "<p>Yayasan menggalang donasi.</p>"}
    assert detail_candidates(post, listed, [detail]) == []


def test_the_demo_backend_answers_post_only_as_codeigniter_does():
    with serve_sample_sites(0, only=["spa21-dishub"]) as web:
        api = web.url("spa21-dishub", "/api/layanan/get_by_id")
        assert httpx.get(api).status_code == 405
        form = httpx.post(api, data={"id": "3",
                                     "csrf_dishub": "6f1c2d9a8b7e4f30a1b2c3d4e5f60718"})
        assert form.json()["data"]["nama_layanan"].endswith("(Andalalin)")
        csrf = {"csrf_dishub": "6f1c2d9a8b7e4f30a1b2c3d4e5f60718"}
        assert httpx.post(api, json={"id": 2, **csrf}).json()["data"]["id_layanan"] == "2"
        assert httpx.post(api, data={"id": "99", **csrf}).status_code == 404
        # CodeIgniter's csrf_protection: a POST without the page's pair is refused
        assert httpx.post(api, data={"id": "3"}).status_code == 403
        assert httpx.post(api, data={"id": "3", "csrf_dishub": "any"}).status_code == 403
        assert httpx.post(web.url("spa21-dishub", "/layanan.html"), data=csrf).status_code == 405
