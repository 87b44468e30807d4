"""Script apps and a blog as Kota Jambi's offices really build them (issue #11, session 12).

Three sample sites the crawler stored none of the services of before (0 of 15):

* SIMPADA (Vue 2 CLI, history mode): axios joins a config module's ``baseURL`` in an async
  chunk the index only prefetches; the list is paged by ``?page=N`` with ``meta.last_page``
  alone and names each service only, its facts are in ``/api/v1/layanan/<slug>`` under the
  office's keys (``persyaratan`` as HTML, ``"biaya": 0`` for a free service);
* Puskesmas Kebun Kopi (Vue 2): records typed into a webpack chunk as a JS literal
  (``e.exports=[{judul:'...',isi:'<h4>Persyaratan</h4>...'}]``), placed by the router's
  table (``path:"/layanan/:slug"``), services and news in one array;
* Kelurahan Mayang Mangurai (Blogger): the home lists its posts from the JSON feed in a
  script, and robots.txt closes the label pages, so the feed is the only list of posts;
* SILARAS (Vue 3 + Vite, 0 of 5 before): the API base is Vite's env object read in
  template literals, the detail endpoint is named only in a lazily imported view, and each
  detail is the Standar Pelayanan's component rows.
"""

from __future__ import annotations

import json

import pytest

from crawler.extract.jsonlist import (
    NotRecords,
    endpoints,
    gdata_plain,
    json_records,
    module_imports,
    record_document,
    record_fields,
    script_records,
    shell_scripts,
)
from crawler.extract.jsroutes import (
    detail_prefixes,
    property_bases,
    route_templates,
    with_bases,
)
from sikoja.demo.server import SITES_ROOT
from tests.samplecrawl import crawl_sites

PAGE = "http://127.0.0.1:9000/"
CONFIG = ('var x={"f121":function(t,e,n){"use strict";'
          'e["a"]={appName:"SIMPADA",baseURL:"/api/v1"}}};')
VIEW = ('s.a.get(c["a"].baseURL+"/layanan",{params:{page:this.page}}).then(f);'
        's.a.get(c["a"].baseURL+"/layanan/"+this.slug).then(g);'
        'e("router-link",{attrs:{to:"/layanan/"+a.slug}})')


def test_a_base_named_in_one_script_completes_the_paths_of_another():
    assert endpoints(VIEW, PAGE) == []  # the chunk alone names no whole endpoint
    bases = property_bases([CONFIG, VIEW])
    assert bases == {"baseURL": "/api/v1"}
    read = with_bases(VIEW, bases)
    assert endpoints(read, PAGE) == [PAGE + "api/v1/layanan"]
    assert detail_prefixes(read) == ["/api/v1/layanan/"]
    assert route_templates(read) == [("/layanan/", "slug")]


VITE_INDEX = ('const Ee={BASE_URL:"/",MODE:"production",VITE_API_URL:"/api"};'
              'const n=await fetch(`${Ee.VITE_API_URL}/layanan`);'
              'routes:[{path:"/layanan/:slug",component:()=>import("./LayananDetail-4b1e.js")}]')
VITE_DETAIL = ('import{e as Ee}from"./index-7f3c.js";import{r as k}from"./vendor-2c8e.js";'
               'const n=await fetch(`${Ee.VITE_API_URL}/layanan/${t.slug}`);')


def test_a_vite_build_names_its_endpoints_in_template_literals_and_lazy_views():
    script = "http://127.0.0.1:9000/assets/index-7f3c.js"
    assert module_imports(VITE_INDEX, script) == [
        "http://127.0.0.1:9000/assets/LayananDetail-4b1e.js"]
    assert module_imports(VITE_DETAIL, script) == [script]  # the vendor bundle is not read
    bases = property_bases([VITE_INDEX, VITE_DETAIL])
    assert endpoints(with_bases(VITE_INDEX, bases), PAGE) == [PAGE + "api/layanan"]
    assert detail_prefixes(with_bases(VITE_DETAIL, bases)) == ["/api/layanan/"]
    assert route_templates(VITE_INDEX) == [("/layanan/", "slug")]


def test_a_property_given_two_bases_names_none():
    assert property_bases([CONFIG, 'o={baseURL:"/api/v2"}']) == {}
    assert property_bases(['o={title:"Layanan Publik", icon:"/img/x.png"}']) == {}


def test_the_router_table_places_records_after_the_links_built_from_them():
    code = ('to:"berita"===e.kategori?"/berita/"+e.slug:"/layanan/"+e.slug;'
            'routes:[{path:"/layanan/:slug",component:c},{path:"/profil/:id",component:p},'
            '{path:"/api/x/:id"}]')
    assert route_templates(code) == [("/berita/", "slug"), ("/layanan/", "slug"),
                                     ("/profil/", "id")]


def test_a_webpack_module_exporting_a_literal_holds_records():
    code = ("(window.webpackJsonp=window.webpackJsonp||[]).push([['chunk-7d4e'],{'7d4e':"
            "function(e,t){e.exports=[{id:1,judul:'Surat Keterangan Sehat',slug:'sks',"
            "isi:'<p>Untuk melamar kerja.</p><h4>Persyaratan</h4><ol><li>KTP-el</li></ol>'}]}}]);")
    records = script_records(code)
    assert [r["judul"] for r in records] == ["Surat Keterangan Sehat"]


@pytest.mark.parametrize("value,cost", [(0, "Gratis"), (15000, "Rp15.000"), ("Rp5.000", "Rp5.000")])
def test_a_cost_typed_as_a_number_reads_as_the_app_shows_it(value, cost):
    assert record_fields({"nama_layanan": "Mutasi SPPT", "biaya": value})["cost"] == cost


def test_bloggers_json_feed_is_read_as_plain_records():
    feed = {"feed": {"title": {"$t": "Kelurahan"}, "entry": [
        {"title": {"type": "text", "$t": "SKTM untuk Sekolah"},
         "content": {"type": "html", "$t": "<b>Persyaratan :</b><div>1. Pengantar RT</div>"},
         "category": [{"scheme": "http://www.blogger.com/atom/ns#", "term": "Layanan"}],
         "link": [{"rel": "replies", "type": "text/html", "href": "http://k/2024/05/s.html#c"},
                  {"rel": "alternate", "type": "text/html", "href": "http://k/2024/05/s.html"}]},
        {"title": {"$t": "Gotong Royong"}, "content": {"$t": "<p>Warga RT 12.</p>"},
         "link": [{"rel": "alternate", "type": "text/html", "href": "http://k/2024/03/g.html"}]},
    ]}}
    records = json_records(json.dumps(feed).encode())
    assert [(r["title"], r["link"]) for r in records] == [
        ("SKTM untuk Sekolah", "http://k/2024/05/s.html"),
        ("Gotong Royong", "http://k/2024/03/g.html")]
    assert records[0]["category"] == ["Layanan"]
    assert gdata_plain({"a": {"$t": 1, "type": "text"}, "b": {"$t": 2, "x": 3}}) == {
        "a": 1, "b": {"$t": 2, "x": 3}}  # an object with more than text stays an object


TOC = ("<h3>Daftar Isi</h3><div id='toc'>Memuat daftar isi...</div>"
       "<script>function loadtoc(json){var e=json.feed.entry;}</script>"
       "<script src='/feeds/posts/summary?alt=json-in-script&amp;max-results=150&amp;"
       "callback=loadtoc'></script>")


def test_a_blogger_table_of_contents_loads_its_posts_as_jsonp():
    """Blogger's table-of-contents gadget loads the feed as a script calling its callback
    (``alt=json-in-script``): the crawl reported kel-legok's page as unreadable."""
    scripts = shell_scripts(TOC, PAGE + "p/daftar-isi.html", "Daftar Isi Memuat daftar isi...")
    assert scripts.endpoints == [
        PAGE + "feeds/posts/summary?alt=json-in-script&max-results=150&callback=loadtoc"]
    assert scripts.script_files == []
    # the feed URL a script builds is found as well
    code = "var s=document.createElement('script');s.src='/feeds/posts/default?alt=json-in-script';"
    assert endpoints(code, PAGE) == [PAGE + "feeds/posts/default?alt=json-in-script"]
    entry = {"title": {"$t": "Layanan SKTM"}, "link": [{"rel": "alternate", "href": PAGE + "p/s"}]}
    answer = "// API callback\nloadtoc(" + json.dumps({"feed": {"entry": [entry]}}) + ");"
    assert [(r["title"], r["link"]) for r in json_records(answer.encode())] == [
        ("Layanan SKTM", PAGE + "p/s")]
    with pytest.raises(NotRecords):
        json_records(b"loadtoc(json.feed);")  # a call on no JSON is code, not an answer


def test_only_a_feed_of_posts_asked_for_a_callback_is_a_jsonp_answer():
    """A script file's ``?callback=`` is still a script, a comments feed holds readers'
    comments (no documents), and a share or tracker URL with a callback is no data."""
    toc = PAGE + "p/daftar-isi.html"

    def read(tags):
        return shell_scripts("<div id='toc'></div>" + tags, toc, "Daftar Isi")

    app = read("<script src='/js/app.js?callback=init'></script>")
    assert (app.endpoints, app.script_files) == ([], [PAGE + "js/app.js?callback=init"])
    comments = read("<script src='/feeds/comments/default?alt=json-in-script&amp;"
                    "callback=showrecentcomments'></script>")
    assert (comments.endpoints, comments.script_files) == ([], [])
    assert read("<script src='/feeds/123/comments/default?alt=json-in-script&amp;"
                "callback=c'></script>").endpoints == []
    comment = {"title": "Syaratnya apa saja ya min?", "content": "Biayanya berapa?",
               "link": PAGE + "2024/01/domisili.html?showComment=1#c1"}
    assert record_document(comment, page_url=toc, source="s", opd="o", fetched_at="2026",
                           endpoint_url=PAGE + "feeds/comments/default?alt=json") is None
    inline = read("<script>var u='/share/count?url=x&callback=cb',t='/tracker?callback=x',"
                  "e='/feeds/posts/default?callback=';</script>")
    assert inline.endpoints == []
    posts = read("<script>var u='/feeds/posts/default?alt=json-in-script&callback=toc';"
                 "</script>")
    assert posts.endpoints == [PAGE + "feeds/posts/default?alt=json-in-script&callback=toc"]


def test_a_body_of_many_comments_is_no_jsonp_answer():
    """Leading comments were skipped by a pattern repeating a lazy match: 26 comments took
    15 s and each one more doubled it. Thousands are read at once now."""
    for body in ("/**/\n" * 10_000 + "x", "/**/ " * 10_000 + "cb([{\"nama\": \"x\"}]);",
                 "// c\n" * 10_000 + "x"):
        with pytest.raises(NotRecords):
            json_records(body.encode())
    assert json_records(b"/**/\n/* a */ // b\ncb([{\"nama\": \"x\"}]);") == [{"nama": "x"}]


NEW_SITES = ("simpada-bpprd", "pkm-kebunkopi", "kel-mayangmangurai", "silaras-dukcapil")


@pytest.fixture(scope="module")
def new_sites(tmp_path_factory):
    """The three sites crawled alone, as the demo serves them: {path: document} per site."""
    return crawl_sites(tmp_path_factory.mktemp("spa13"), NEW_SITES)[0]


def services(docs: dict) -> dict[str, object]:
    return {path: d for path, d in docs.items() if d.kind == "service"}


@pytest.mark.slow  # crawls served sites
def test_every_service_of_a_paged_list_is_stored_with_the_facts_of_its_detail(new_sites):
    """All three pages of SIMPADA's list, each service at the route its app shows it at,
    with the requirements only its detail endpoint holds; a free service says Gratis."""
    found = services(new_sites["simpada-bpprd"])
    listed = json.loads((SITES_ROOT / "simpada-bpprd" / "_routes.json").read_text())
    slugs = {p.rsplit("/", 1)[-1] for p in listed if p.startswith("/api/v1/layanan/")}
    assert set(found) == {f"/layanan/{s}" for s in slugs} and len(found) == 7
    mutasi = found["/layanan/mutasi-balik-nama-sppt"]
    assert mutasi.title == "Mutasi / Balik Nama SPPT PBB"
    assert mutasi.fields["requirements"][0] == "Fotokopi sertifikat (SHM)/buku tanah"
    assert mutasi.fields["cost"] == "Gratis"
    assert all(d.fields.get("requirements") for d in found.values())


@pytest.mark.slow  # crawls served sites
def test_records_typed_into_a_chunk_are_services_and_news_at_their_routes(new_sites):
    docs = new_sites["pkm-kebunkopi"]
    sehat = docs["/layanan/surat-keterangan-sehat"]
    assert (sehat.kind, sehat.title) == ("service", "Surat Keterangan Sehat")
    assert sehat.fields["requirements"] == ["KTP-el atau KIA", "Pas foto 3x4 berwarna 1 lembar",
                                            "Surat pengantar dari instansi atau sekolah yang "
                                            "meminta"]
    assert sehat.fields["cost"] == "Rp15.000 sesuai Perda retribusi jasa umum"
    assert len(services(docs)) == 4
    assert docs["/berita/posyandu-balita-suka-karya"].kind == "news"


@pytest.mark.slow  # crawls served sites
def test_blog_posts_listed_only_by_the_json_feed_are_found(new_sites):
    docs = new_sites["kel-mayangmangurai"]
    post = docs["/2024/08/surat-belum-menikah-untuk-calon.html"]
    assert (post.kind, post.title) == ("service", "Surat Belum Menikah untuk Calon Pengantin")
    assert post.fields["requirements"][0] == "Surat pengantar RT dan RW"
    assert len(services(docs)) == 4
    assert docs["/2024/09/penyaluran-bantuan-beras.html"].kind == "news"
    assert not [p for p in docs if p.startswith("/search")]  # robots.txt closes the labels


@pytest.mark.slow  # crawls served sites
def test_standar_pelayanan_rows_of_a_lazy_detail_view_are_a_services_facts(new_sites):
    found = services(new_sites["silaras-dukcapil"])
    assert len(found) == 5
    kia = found["/layanan/kartu-identitas-anak"]
    assert kia.title == "Kartu Identitas Anak"
    assert kia.fields["requirements"][0] == "Fotokopi kutipan akta kelahiran (tunjukkan asli)"
    assert kia.fields["cost"] == "Gratis"
    assert all(d.fields.get("requirements") and d.fields.get("procedure")
               for d in found.values())


@pytest.mark.parametrize("value", [float("inf"), float("nan"), -5000, 10**15])
def test_a_number_no_fee_can_be_is_not_a_cost(value):
    assert "cost" not in record_fields({"nama_layanan": "Izin Reklame", "biaya": value})


def test_an_export_is_read_after_an_identifier_holding_dollars():
    code = "var a$b$c=1;x$y.exports=[{nama:'Surat Keterangan Usaha',syarat:['KTP-el']}]"
    assert [r["nama"] for r in script_records(code)] == ["Surat Keterangan Usaha"]


# --- probe17: a server-rendered list whose data is asked at a path naming no feed or API ---


def test_a_script_file_answering_jsonp_is_read_by_its_answer_not_its_path():
    from crawler.extract.jsonlist import jsonp_file_records

    rows = [{"id": 1, "nama": "Polresta Jambi", "url": "/instansi/polresta"}]
    body = ("tampilInstansi(" + json.dumps({"data": rows}) + ");").encode()
    assert jsonp_file_records(PAGE + "instansi/data?callback=tampilInstansi", body) == rows
    # a script asked with a callback answers code; a counter answers no records
    code = b"init({a: 1}); function init(o){document.title = o.a}"
    assert jsonp_file_records(PAGE + "js/app.js?callback=init", code) is None
    assert jsonp_file_records(PAGE + "share/count?callback=cb", b'cb({"count": 3});') is None
    # no callback asked: a script, whatever it holds
    assert jsonp_file_records(PAGE + "instansi/data", body) is None
    # a literal asking for JSON by name is data at any path; a callback alone only on a feed
    code = "var sumber='/instansi/daftar?alt=json', s='/share/count?callback=cb';"
    assert endpoints(code, PAGE) == [PAGE + "instansi/daftar?alt=json"]


def test_a_list_page_whose_records_come_by_jsonp_or_alt_json_is_no_unreadable_shell(tmp_path):
    """An MPP portal's agency list served with three names and a script loading the list
    (``<script src="/instansi/data?callback=...">``, or a literal ``...?alt=json``): read as
    data before mend17d, a script file and no endpoint after it, so the page was reported
    "isi digambar JavaScript" though its records were there to read."""
    import shutil

    name = "mpp-portal"
    web = tmp_path / "web"
    shutil.copytree(SITES_ROOT / name, web / name)
    (web / "manifest.json").write_text(json.dumps([m for m in json.loads(
        (SITES_ROOT / "manifest.json").read_text(encoding="utf-8")) if m["name"] == name]))
    site = web / name
    routes = json.loads((site / "_routes.json").read_text(encoding="utf-8"))
    rows = [{"id": i, "nama": n, "slug": s, "url": f"/instansi/{s}"} for i, (n, s) in enumerate(
        [("Dinas Kependudukan dan Pencatatan Sipil", "disdukcapil"),
         ("Kantor Imigrasi Kelas I TPI Jambi", "imigrasi"), ("Polresta Jambi", "polresta")], 1)]
    page = (site / "instansi.html").read_text(encoding="utf-8")
    start, end = page.index('<div class="list-group">'), page.index("</div></main>")
    old_script = '<script src="/js/app.js?id=3a9d2b1c"></script>'
    for path, label, script in (
            ("/instansi", "Instansi", '<script src="/instansi/data?callback=tampil"></script>'),
            ("/unit", "Unit", "<script>var sumber='/unit/daftar?alt=json';$(function(){"
             "muat(sumber)})</script>")):
        names = "".join(f'<a href="{r["url"]}">{label} {r["slug"]}</a>' for r in rows)
        html = page[:start] + f'<div class="list-group">{names}</div>' + page[end:]
        (site / f"{path[1:]}.html").write_text(html.replace(old_script, script).replace(
            "<title>Instansi", f"<title>{label}"), encoding="utf-8")
        routes[path] = f"{path[1:]}.html"
    (site / "instansi-cb.js").write_text("tampil(" + json.dumps({"data": rows}) + ");")
    (site / "unit.json").write_text(json.dumps({"data": rows}))
    routes["/instansi/data?callback=tampil"] = "instansi-cb.js"
    routes["/unit/daftar?alt=json"] = "unit.json"
    (site / "_routes.json").write_text(json.dumps(routes), encoding="utf-8")
    home = (site / "index.html").read_text(encoding="utf-8")
    (site / "index.html").write_text(home.replace("</main>", '<a href="/unit">Unit</a></main>', 1),
                                     encoding="utf-8")
    (tmp_path / "data").mkdir()
    docs, log = crawl_sites(tmp_path / "data", (name,), web)
    assert {"/instansi", "/unit"} <= docs[name].keys()
    unreadable = [r["url"] for r in log if (r["reason"] or "").startswith("javascript")]
    assert unreadable == []
    read = {r["url"].split("/", 3)[3] for r in log if "callback=" in r["url"]
            or "alt=json" in r["url"]}
    assert read == {"instansi/data?callback=tampil", "unit/daftar?alt=json"}


def test_a_jquery_jsonp_call_on_a_url_held_in_a_variable_is_an_endpoint():
    """``$.getJSON(url + "?callback=?")``: jQuery asks the URL the variable holds for JSONP,
    naming the callback itself. Since session 17 only a named callback on a feed path was
    data, so the call was no endpoint and its page was reported unreadable."""
    code = ("var sumber='/instansi/daftar';$.getJSON(sumber + '?callback=?', function (r) "
            "{ tampil(r.data); });")
    assert endpoints(code, PAGE) == [PAGE + "instansi/daftar?callback=jQueryCallback"]
    feed = 'var u="/feeds/posts/default";$.ajax({url: u + "?alt=json&callback=?"});'
    assert endpoints(feed, PAGE) == [PAGE + "feeds/posts/default?alt=json&callback=jQueryCallback"]
    # as a literal, the placeholder is asked as jQuery asks it too
    assert endpoints("$.getJSON('/instansi/daftar?callback=?')", PAGE) == [
        PAGE + "instansi/daftar?callback=jQueryCallback"]
    # a name holding no URL (a locale), or a detail URL's prefix, is no endpoint of its own
    assert endpoints('var e="id-ID";fetch(e + "?callback=?")', PAGE) == []
    assert endpoints('var b="/instansi/";$.getJSON(b + "detail/" + id)', PAGE) == []
    answer = b'jQueryCallback({"data": [{"nama": "Polresta Jambi"}]});'
    assert json_records(answer) == [{"nama": "Polresta Jambi"}]
