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

from crawler.extract.jsonlist import (
    DetailTemplate,
    detail_candidates,
    detail_record,
    endpoints,
    same_record,
)
from crawler.extract.jsroutes import detail_templates
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
