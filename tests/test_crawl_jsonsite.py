"""Sites that draw their service list with JavaScript from a JSON endpoint: sikoja reads the
JSON (a top-level list called inline, ``{"data": [...]}`` named in a separate script file),
or reports the site as unreadable when its scripts load no JSON at all."""

from __future__ import annotations

import json

import pytest

from crawler.extract.jsonlist import endpoints, json_records, record_document, shell_scripts
from crawler.reports import format_sites, sites_report
from crawler.run import crawl
from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import Settings, load_settings
from sikoja.sources import Source
from sikoja.store import DocumentStore
from tests.faultserver import Page, PageSite, html

KK = {"nama_layanan": "Penerbitan Kartu Keluarga Baru",
      "deskripsi": "Kartu keluarga untuk pasangan yang baru menikah.",
      "persyaratan": ["Surat pengantar RT/RW", "Buku nikah", "KTP suami dan istri"],
      "prosedur": "1. Ambil nomor antrian\n2. Serahkan berkas\n3. Ambil KK jadi",
      "biaya": "Gratis", "waktu": "1 hari kerja", "lokasi": "Kantor Disdukcapil"}
AKTA = {"nama_layanan": "Akta Kelahiran", "url": "/layanan/akta-kelahiran",
        "persyaratan": "Surat keterangan lahir; KK orang tua; Buku nikah orang tua",
        "biaya": "Gratis", "waktu": "3 hari kerja"}
PINDAH = {"nama": "Surat Pindah Domisili", "syarat": ["KK asli", "KTP-el"],
          "alur": ["Isi formulir F-1.03", "Verifikasi petugas"], "tarif": "Rp 0",
          "jangka_waktu": "1 hari", "slug": "surat-pindah"}

INLINE_SHELL = html("Layanan Disdukcapil", "<h1>Layanan</h1><div id='app'></div>",
                    head="<script>document.addEventListener('DOMContentLoaded', function () {"
                         " fetch('/api/layanan.json').then(r => r.json()).then(render); });"
                         "</script>")
FILE_SHELL = html("Layanan Dinsos", "<div id='daftar-layanan'></div>"
                  "<script src='/assets/js/jquery.min.js'></script>"
                  "<script src='/assets/js/app.js'></script>")
APP_JS = b"""$(function () {
  $.getJSON('data/layanan-sosial.json', function (res) {
    res.data.forEach(function (l) { $('#daftar-layanan').append('<li>' + l.nama + '</li>'); });
  });
});"""
NO_JSON_SHELL = html("Layanan Dishub", "<div id='daftar-layanan'></div>"
                     "<script src='/js/render.js'></script>")
RENDER_JS = (b"document.getElementById('daftar-layanan').innerHTML = "
             b"'<ul><li>Uji KIR</li><li>Izin trayek</li></ul>';")


def json_page(value) -> Page:
    return Page(json.dumps(value).encode(), etag=False, content_type="application/json")


@pytest.fixture()
def sites():
    with PageSite({"/": Page(INLINE_SHELL), "/api/layanan.json": json_page([KK, AKTA])}) as a, \
         PageSite({"/": Page(FILE_SHELL), "/assets/js/app.js": Page(
             APP_JS, content_type="application/javascript"),
             "/assets/js/jquery.min.js": Page(b"/* jquery */", content_type="text/javascript"),
             "/data/layanan-sosial.json": json_page({"status": "ok", "data": [PINDAH]})}) as b, \
         PageSite({"/": Page(NO_JSON_SHELL), "/js/render.js": Page(
             RENDER_JS, content_type="application/javascript")}) as c:
        sources = [Source(name=name, opd=opd, kind="website", start_urls=[site.url("/")],
                          use_sitemap=False)
                   for name, opd, site in (("disdukcapil", "Disdukcapil", a),
                                           ("dinsos", "Dinas Sosial", b),
                                           ("dishub", "Dinas Perhubungan", c))]
        yield a, b, c, sources


def run(sources, tmp_path):
    settings = Settings()
    settings.crawl.delay = 0
    return crawl(sources, settings, tmp_path, timeout=120)


@pytest.mark.slow  # crawls served sites and indexes them
def test_services_in_json_become_documents_found_by_search(sites, tmp_path):
    a, b, c, sources = sites
    run(sources, tmp_path)
    store = DocumentStore.open(tmp_path)
    try:
        kk = store.get(a.url("/#penerbitan-kartu-keluarga-baru"))
        assert kk is not None and kk.kind == "service" and kk.source == "disdukcapil"
        assert kk.fields["requirements"] == KK["persyaratan"]
        assert kk.fields["procedure"] == ["Ambil nomor antrian", "Serahkan berkas",
                                          "Ambil KK jadi"]
        assert kk.fields["cost"] == "Gratis" and kk.fields["duration"] == "1 hari kerja"
        assert kk.fields["location"] == "Kantor Disdukcapil"
        # a record with its own URL is that URL's document
        akta = store.get(a.url("/layanan/akta-kelahiran"))
        assert akta.kind == "service" and len(akta.fields["requirements"]) == 3
        # {"data": [...]} named by a relative URL in a separate script file
        pindah = store.get(b.url("/#surat-pindah"))
        assert pindah.kind == "service" and pindah.fields["requirements"] == ["KK asli", "KTP-el"]
    finally:
        store.close()
    # the library file is not read; the app's own script is
    assert "/assets/js/jquery.min.js" not in b.paths_hit()
    assert "/assets/js/app.js" in b.paths_hit()

    settings = load_settings(tmp_path, embedder="none")
    build_index(settings)
    searcher = Searcher(settings)
    try:
        response = searcher.search("syarat kartu keluarga baru")
        assert response.results[0].url == a.url("/#penerbitan-kartu-keluarga-baru")
        assert response.answer is not None and "Buku nikah" in response.answer.requirements
        assert searcher.search("surat pindah domisili").results[0].url == b.url(
            "/#surat-pindah")
    finally:
        searcher.close()

    # a recrawl of unchanged JSON writes nothing; a record that leaves the JSON leaves
    again = run(sources, tmp_path)
    assert sum(s.stored + s.changed + s.gone for s in again.sources) == 0, str(again)
    a.pages["/api/layanan.json"] = json_page([AKTA])
    third = run(sources[:1], tmp_path)
    assert third.sources[0].gone == 1
    store = DocumentStore.open(tmp_path)
    try:
        assert store.get(a.url("/#penerbitan-kartu-keluarga-baru")).url  # kept, but gone:
        live = {d.url for d in store.iter_documents()}
        assert a.url("/#penerbitan-kartu-keluarga-baru") not in live
        assert a.url("/layanan/akta-kelahiran") in live
    finally:
        store.close()


@pytest.mark.slow  # crawls served sites
def test_a_shell_whose_scripts_load_no_json_is_reported_unreadable(sites, tmp_path):
    a, b, c, sources = sites
    summary = run(sources, tmp_path)
    store = DocumentStore.open(tmp_path)
    try:
        health = {h.source: h for h in sites_report(store)}
        text = format_sites(list(health.values()))
    finally:
        store.close()
    dishub = health["dishub"]
    assert [u["url"] for u in dishub.unreadable] == [c.url("/")]
    assert "drawn by JavaScript" in dishub.unreadable[0]["reason"]
    assert dishub.errors_by_kind == {"javascript": 1}
    # the shell is fetched and kept under its title (a page), and reported as an error: a
    # site made only of such pages was reached, not failed (the pipeline goes on to index)
    assert dishub.errors == 1 and dishub.pages_fetched == 1 and dishub.documents == 1
    assert dishub.last_crawl_state == "done" and dishub.last_success_at is not None
    assert {s.source: s.state for s in summary.sources}["dishub"] == "done"
    # the Indonesian site report names the page once, and why it cannot be read
    assert text.count(c.url("/")) == 1
    assert f"{c.url('/')} — isi digambar JavaScript, tidak terbaca tanpa peramban" in text
    # the sites whose JSON was read are not
    assert health["disdukcapil"].unreadable == [] and health["dinsos"].unreadable == []


def test_endpoint_discovery_and_record_mapping():
    page = "https://dinsos.jambikota.go.id/layanan/"
    code = ("axios.get('/api/v1/layanan').then(x => x); var cfg = {url: 'daftar.json'};"
            "xhr.open('GET', \"https://dinsos.jambikota.go.id/data/list.php\");"
            "fetch('https://cdn.example.com/x.json'); var logo = '/img/logo.png';"
            "var tpl = `/api/${id}.json`;")
    assert endpoints(code, page) == [
        "https://dinsos.jambikota.go.id/api/v1/layanan",
        "https://dinsos.jambikota.go.id/layanan/daftar.json",
        "https://dinsos.jambikota.go.id/data/list.php",
    ]
    # a server-rendered page with scripts is not a shell, and nothing is read
    article = "<p>" + "kata " * 200 + "</p><script src='/js/app.js'></script>"
    assert shell_scripts(article, page, "kata " * 200).shell is False
    # a short page with theme scripts has its scripts read, but is not unreadable without
    contact = "Jl. Jenderal Sudirman No. 1, Telanaipura, Kota Jambi. Telepon 0741-123456. " * 3
    scripts = shell_scripts(f"<p>{contact}</p><script src='/js/theme.js'></script>", page,
                            contact)
    assert scripts.shell and not scripts.empty
    mounted = shell_scripts(f"<p>{contact}</p><div id='app'></div><script>x()</script>",
                            page, contact)
    assert mounted.empty
    # a page with text: only the JSON its inline code loads into an app mount is read
    words = "kata " * 100
    call = "<script>fetch('/api/layanan.json').then(render)</script>"
    assert shell_scripts(f"<p>{words}</p><div id='app'></div>{call}", page, words).endpoints \
        == ["https://dinsos.jambikota.go.id/api/layanan.json"]
    assert shell_scripts(f"<p>{words}</p>{call}", page, words).endpoints == []
    with pytest.raises(ValueError):
        json_records(b'{"version": 3}')
    doc = record_document({"judul": "Pengumuman", "isi": "<p>Libur</p>"}, page_url=page,
                          endpoint_url=page + "x.json", source="s", opd="o", fetched_at="")
    assert doc.kind == "page" and doc.text == "Libur" and doc.url == page + "#pengumuman"


SPA_SHELL = html("Layanan Online", "<div id='root'></div><script src='/static/js/main.js'>"
                                   "</script>")
# a bundle that keeps the API's base in a constant and draws each record as a hash route
HASH_ROUTES_JS = (b'!function(){var n="/api/v1",r={list:function(){return t(n+"/layanan")},'
                  b'detail:function(e){return t(n+"/layanan/"+encodeURIComponent(e))}};'
                  b'function t(e){return fetch(e).then(function(e){return e.json()})}'
                  b'r.list().then(function(e){document.getElementById("root").innerHTML='
                  b'e.data.map(function(e){return\'<a href="#/layanan/\'+e.slug+\'">\''
                  b'+e.nama_layanan+"</a>"}).join("")})}();')
# a bundle whose routes the sitemap lists (its code builds no link from the slug)
PATH_ROUTES_JS = (b"fetch('/api/layanan').then(function(r){return r.json()})"
                  b".then(function(d){render(d.data)});")


def sitemap(site, *paths: str) -> Page:
    urls = "".join(f"<url><loc>{site.url(p)}</loc></url>" for p in paths)
    return Page(f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                f'sitemap/0.9">{urls}</urlset>'.encode(), etag=False,
                content_type="application/xml")


@pytest.mark.slow  # a real crawl
def test_records_are_stored_where_the_site_shows_them(tmp_path):
    """A record whose slug ends a URL the sitemap lists is that URL's document (not the
    script shell served there); a record the app links as a hash route keeps that route;
    one the site shows nowhere stays ``<page>#<slug>``. A recrawl writes nothing."""
    kk, akta = dict(KK, slug="kk-baru"), dict(AKTA, slug="akta-kelahiran")
    del akta["url"]
    js = "application/javascript"
    with PageSite({"/": Page(SPA_SHELL), "/static/js/main.js": Page(HASH_ROUTES_JS,
                                                                     content_type=js),
                   "/api/v1/layanan": json_page({"data": [kk, PINDAH]})}) as hashed, \
         PageSite({"/": Page(SPA_SHELL), "/layanan/kk-baru": Page(SPA_SHELL),
                   "/layanan/akta-kelahiran": Page(SPA_SHELL),
                   "/static/js/main.js": Page(PATH_ROUTES_JS, content_type=js),
                   "/api/layanan": json_page({"data": [kk, akta, PINDAH]})}) as routed:
        routed.pages["/sitemap.xml"] = sitemap(routed, "/", "/layanan/kk-baru",
                                               "/layanan/akta-kelahiran")
        sources = [Source(name=name, opd="Disdukcapil", kind="website",
                          start_urls=[site.url("/")])
                   for name, site in (("sipadu", hashed), ("layanan", routed))]
        run(sources, tmp_path)
        store = DocumentStore.open(tmp_path)
        try:
            live = {d.url: d for d in store.iter_documents()}
        finally:
            store.close()
        again = run(sources, tmp_path)
    assert set(live) == {
        hashed.url("/"), hashed.url("/#/layanan/kk-baru"), hashed.url("/#/layanan/surat-pindah"),
        routed.url("/"), routed.url("/layanan/kk-baru"), routed.url("/layanan/akta-kelahiran"),
        routed.url("/#surat-pindah")}
    # the record, with its own title and fields, not the shell's
    record = live[routed.url("/layanan/kk-baru")]
    assert record.kind == "service" and record.title == KK["nama_layanan"]
    assert record.fields["requirements"] == KK["persyaratan"]
    assert live[hashed.url("/#/layanan/kk-baru")].title == KK["nama_layanan"]
    # the base constant is not an endpoint, and the detail URL missing its id is not asked
    assert "/api/v1" not in hashed.paths_hit() and "/api/v1/layanan/" not in hashed.paths_hit()
    assert sum(s.stored + s.changed + s.gone + s.errors for s in again.sources) == 0, str(again)


def deep_blocks(levels: int) -> list:
    """A rich-text block tree nested ``levels`` deep (a broken or hostile CMS export)."""
    node = {"type": "paragraph", "children": [{"type": "text", "text": "Isi terdalam"}]}
    for _ in range(levels):
        node = {"type": "list-item", "children": [node]}
    return [{"type": "paragraph", "children": [{"type": "text", "text": "Izin usaha mikro."}]},
            node]


@pytest.mark.slow  # crawls a served site
def test_a_record_nested_too_deep_loses_neither_itself_nor_its_siblings(tmp_path):
    # 300 levels raised RecursionError in the writer: every record of the answer was lost
    deep = {"nama": "Izin Usaha Mikro Kecil", "konten": deep_blocks(300)}
    with PageSite({"/": Page(INLINE_SHELL), "/api/layanan.json": json_page([KK, deep])}) as a:
        run([Source(name="disdukcapil", opd="Disdukcapil", kind="website",
                    start_urls=[a.url("/")], use_sitemap=False)], tmp_path)
    store = DocumentStore.open(tmp_path)
    try:
        urls = {d.url for d in store.iter_documents()}
        assert a.url("/#penerbitan-kartu-keluarga-baru") in urls
        mikro = store.get(a.url("/#izin-usaha-mikro-kecil"))
        assert mikro is not None and "Izin usaha mikro." in mikro.text
        errors = store.query("SELECT url, reason FROM fetch_log WHERE outcome = 'error'")
        assert not errors, [dict(r) for r in errors]
    finally:
        store.close()


def waiting_shell(title: str) -> bytes:
    """A shell whose JSON list comes back before its other script: the list waits for it."""
    return html(title, "<div id='app'></div><script src='/js/slow.js'></script>",
                head="<script>fetch('/api/menu.json').then(r => r.json()).then(draw);</script>")


@pytest.mark.slow  # crawls served sites
def test_a_list_that_waits_keeps_its_records_and_its_verdict(tmp_path):
    """A record whose cost is no number a fee can be (JSON's 1e999) loses only its cost, not
    the list nor the shell; a list that waited and gave nothing still marks the page as
    drawn by JavaScript (session 12's review: the first lost all three documents, the second
    hid the error)."""
    services = (b'[{"nama_layanan": "Izin Reklame", "persyaratan": ["KTP-el", "NPWP"], '
                b'"biaya": 1e999}, {"nama_layanan": "Izin Keramaian", '
                b'"persyaratan": ["Surat pengantar"], "biaya": 0}]')
    slow = Page(b"/* draws the menu */", content_type="application/javascript", delay=1.0)
    with PageSite({"/": Page(waiting_shell("Layanan DPMPTSP")), "/js/slow.js": slow,
                   "/api/menu.json": Page(services, etag=False,
                                          content_type="application/json")}) as a, \
         PageSite({"/": Page(waiting_shell("Dishub")), "/js/slow.js": slow,
                   "/api/menu.json": json_page([{"id": 1, "warna": "merah"},
                                                {"id": 2, "warna": "biru"}])}) as b:
        sources = [Source(name=name, opd=name, kind="website", start_urls=[site.url("/")],
                          use_sitemap=False) for name, site in (("dpmptsp", a), ("dishub", b))]
        run(sources, tmp_path)
    store = DocumentStore.open(tmp_path)
    try:
        docs = {d.title: d for d in store.iter_documents() if d.source == "dpmptsp"}
        health = {h.source: h for h in sites_report(store)}
    finally:
        store.close()
    assert {"Izin Reklame", "Izin Keramaian"} <= set(docs)
    assert docs["Izin Keramaian"].fields.get("cost") == "Gratis"
    assert "cost" not in docs["Izin Reklame"].fields
    assert "KTP-el" in docs["Izin Reklame"].text
    assert health["dpmptsp"].unreadable == []
    assert [u["url"] for u in health["dishub"].unreadable] == [b.url("/")]
