"""A single-page app whose data lives on another origin (session 19).

SIMTANI (``spa19-distankp``, Dinas Pertanian dan Ketahanan Pangan) is a Vue 3 build with a
hash router, written before its crawler was read. Its HTTP client's base is the API's
origin alone, baked in from ``.env`` (``qh="http://127.0.0.1:8824"; axios.create({baseURL:
qh})``), and it asks that origin for two backends: a headless WordPress (the custom post
type ``layanan`` whose facts are ACF fields in three shapes, ``X-WP-TotalPages`` and a
``Link`` header paging it, pages read from one list) and the Puskeswan's own API (a list
naming its records only, details by ``id_layanan``). The bundle also fetches BMKG's
forecast and names OpenStreetMap, unpkg and Google's hosts. sikoja stored the shell alone:
the base was no path, so each path was asked of the page's own origin (404), and a host
other than the page's was never asked at all.

The rule now: an origin other than the page's is asked for data only when the app's code
makes its HTTP client with it as the base and it is the page's own host on another port or
under the same registrable domain (``api-distankp.jambikota.go.id`` beside
``distankp.jambikota.go.id``); a URL the code merely fetches, or a client made for another
organisation's host, is never asked.
"""

from __future__ import annotations

import json

import pytest

from crawler.downloadermiddlewares.offsite import SiteScope
from crawler.extract.jsonlist import endpoints, own_key, record_document
from crawler.extract.jsroutes import (
    api_origins,
    not_found_view,
    property_bases,
    registrable,
    routes_for,
    with_bases,
)
from crawler.run import crawl
from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.sources import Source
from tests.faultserver import Page, PageSite
from tests.samplecrawl import crawl_sites

SITE = "spa19-distankp"
PAGE = "https://distankp.jambikota.go.id/"
# as Vite minifies the app's api.js: the base from .env, a path constant, BMKG fetched
BUNDLE = ('const qh="https://api-distankp.jambikota.go.id",tn="/wp-json/wp/v2",xt=ge.create({'
          'baseURL:qh,timeout:15e3});const Ni={layanan:(e=1)=>xt.get(`${tn}/layanan`,{params:'
          '{per_page:10,page:e}}),pages:()=>xt.get(`${tn}/pages?per_page=100&_embed`)},bm={'
          'daftar:()=>xt.get("/api/v1/puskeswan/layanan"),detail:e=>xt.get(`/api/v1/puskeswan/'
          'layanan/${e}`)},Kh=()=>fetch("https://api.bmkg.go.id/publik/prakiraan-cuaca?adm4=1")')


def test_the_origin_the_client_is_made_with_is_the_apps_api():
    assert api_origins(BUNDLE, PAGE) == {"https://api-distankp.jambikota.go.id"}
    api = "https://api-distankp.jambikota.go.id"
    # each path is asked of the API, not of the page's own origin; BMKG is not asked
    assert endpoints(BUNDLE, PAGE) == [f"{api}/api/v1/puskeswan/layanan",
                                       f"{api}/wp-json/wp/v2/layanan",
                                       f"{api}/wp-json/wp/v2/pages?per_page=100&_embed"]


def test_a_client_made_for_another_organisations_host_is_not_the_sites_api():
    bmkg = BUNDLE.replace("api-distankp.jambikota.go.id", "api.bmkg.go.id")
    assert api_origins(bmkg, PAGE) == set()
    assert not [u for u in endpoints(bmkg, PAGE) if "bmkg" in u]
    assert registrable("api-distankp.jambikota.go.id") == "jambikota.go.id"
    assert registrable("api.bmkg.go.id") == "bmkg.go.id"
    assert registrable("www.googletagmanager.com") == "googletagmanager.com"
    # the page's own host on another port is its own (the sample web's loopback sites)
    assert api_origins('h=ax.create({baseURL:"http://127.0.0.1:9001"})',
                       "http://127.0.0.1:9000/") == {"http://127.0.0.1:9001"}


def test_an_api_origin_named_as_the_clients_base_is_the_base_of_a_lazy_chunks_calls():
    """The main script makes the client with the API's origin alone; a lazy view's chunk
    imports it and asks ``e.get("/api/v1/...")``: that path is the API's, not the page's."""
    main = 'const h=ge.create({baseURL:"https://api-x.jambikota.go.id",timeout:15e3});' \
           'export{h as a};'
    chunk = 'import{a as e}from"./index-Bdl2EukW.js";const l=()=>e.get("/api/v1/layanan");'
    read = with_bases(chunk, property_bases([main, chunk]))
    assert endpoints(read, PAGE) == ["https://api-x.jambikota.go.id/api/v1/layanan"]
    # another organisation's host as that base is still never asked
    bmkg = main.replace("api-x.jambikota.go.id", "api.bmkg.go.id")
    assert endpoints(with_bases(chunk, property_bases([bmkg, chunk])), PAGE) == [
        "https://distankp.jambikota.go.id/api/v1/layanan"]


def test_a_catch_all_route_with_a_view_of_its_own_is_a_not_found_view():
    assert not_found_view('routes:[{path:"/:pathMatch(.*)*",component:()=>import("./N.js")}]')
    assert not_found_view('jsx(Route,{path:"*",element:jsx(NotFound,{})})')
    assert not not_found_view('routes:[{path:"*",redirect:"/"}]')  # SIBANSOS: home
    assert not not_found_view('routes:[{path:"**",redirectTo:""}]')
    assert not not_found_view('routes:[{path:"/layanan/:id",component:d}]')


def test_a_record_names_its_own_id_as_its_table_does():
    record = {"id_layanan": 3, "id_kategori": 1, "nama_layanan": "Sterilisasi",
              "slug_layanan": "sterilisasi-hewan"}
    assert (own_key(record, "id"), own_key(record, "slug")) == ("3", "sterilisasi-hewan")
    # a foreign key alone is no id of the record
    assert own_key({"id_kategori": 1, "nama_layanan": "Sterilisasi"}, "id") == ""


def test_a_related_records_key_is_never_the_records_own():
    """A joined row names its category before itself, and a record nests its category
    with the category's slug: each service keeps its own URL, none merges into another."""
    joined = {"id_kategori": 2, "nama_kategori": "Kesehatan Hewan", "id_layanan": 3,
              "nama_layanan": "Sterilisasi Kucing", "persyaratan": ["KTP"], "biaya": "Gratis"}
    assert own_key(joined, "id") == "3"
    coded = {"kode_layanan": "PKW-01", "nama_layanan": "Pengobatan Hewan", "id_kategori": 2,
             "nama_kategori": "Kesehatan Hewan", "persyaratan": ["KTP"]}
    assert own_key(coded, "id") == ""  # the category's id is not this service's
    kategori = {"id_kategori": 1, "nama_kategori": "Kesehatan Hewan",
                "slug_kategori": "kesehatan-hewan"}
    urls = set()
    for rows, route in (([joined, dict(joined, id_layanan=4, nama_layanan="Vaksinasi")],
                         ("#/puskeswan/", "id")),
                        ([{"id_layanan": n, "nama_layanan": name, "persyaratan": ["KTP"],
                           "biaya": "Gratis", "kategori": kategori}
                          for n, name in ((1, "Vaksinasi Rabies"), (2, "Sterilisasi"))],
                         ("#/layanan/", "slug"))):
        for row in rows:
            doc = record_document(row, page_url="http://h:9000/",
                                  endpoint_url="http://h:9001/api/layanan", source="s",
                                  opd="o", fetched_at="2026-01-01T00:00:00Z", routes=[route])
            assert "kesehatan-hewan" not in doc.url and doc.url not in urls
            urls.add(doc.url)
    assert "http://h:9000/#/puskeswan/3" in urls


def test_a_route_named_by_its_lists_own_path_part_shows_that_list():
    api = "http://127.0.0.1:9001"
    routes = [("#/layanan/", "slug"), ("#/puskeswan/", "id"), ("#/halaman/", "slug")]
    lists = [f"{api}/wp-json/wp/v2/layanan", f"{api}/api/v1/puskeswan/layanan",
             f"{api}/wp-json/wp/v2/pages", f"{api}/wp-json/wp/v2/jenis_layanan"]
    assert routes_for(lists[1], routes, lists)[0] == ("#/puskeswan/", "id")
    assert routes_for(lists[0], routes, lists)[0] == ("#/layanan/", "slug")
    assert routes_for(lists[2], routes, lists) == [("#/halaman/", "slug")]  # pages
    # a list no route names is shown at none of the others' routes
    assert routes_for(lists[3], routes, lists) == []


def test_an_api_origin_declared_by_http_is_followed_to_https():
    """``VITE_API_URL=http://api-distankp...`` and the API's 301 to https: the redirect is
    the same API, as the source's own host is by either scheme; its pages are still not."""
    source = Source(name="distankp", opd="o", start_urls=["http://distankp.jambikota.go.id/"],
                    use_sitemap=False)
    scope = SiteScope(source)
    scope.declare_api("http://api-distankp.jambikota.go.id")
    path = "/api/v1/puskeswan/layanan"
    assert scope.allows(f"http://api-distankp.jambikota.go.id{path}", data=True)
    assert scope.allows(f"https://api-distankp.jambikota.go.id{path}", data=True)
    assert scope.allows(f"https://api-distankp.jambikota.go.id:443{path}", data=True)
    assert not scope.allows(f"https://api-distankp.jambikota.go.id{path}")  # not a page
    assert not scope.allows(f"http://api-distankp.jambikota.go.id:8080{path}", data=True)


def _shell(title: str, *scripts: str, body: str = "") -> Page:
    """An app's HTML shell: a title, its scripts, an empty mount point (then ``body``)."""
    tags = "".join(f'<script type="module" src="{src}"></script>' for src in scripts)
    return Page(f'<!doctype html><html><head><title>{title}</title>{tags}</head>'
                f'<body><div id="app"></div>{body}</body></html>'.encode())


def _script(code: str) -> Page:
    return Page(code.encode(), content_type="application/javascript")


def _crawl_app(tmp_path, start: str, name: str = "s", opd: str = "o"):
    """Crawl the one source starting at ``start`` (no delay): its summary, its documents
    by URL and the URLs and reasons of its fetch errors."""
    return _crawl(tmp_path, [Source(name=name, opd=opd, start_urls=[start],
                                    use_sitemap=False)])


def _crawl(tmp_path, sources: list[Source]):
    """Crawl ``sources`` (no delay): the summary, the documents by URL and the URLs and
    reasons of the fetch errors."""
    from sikoja.store import DocumentStore

    settings = load_settings(tmp_path)
    settings.crawl.delay = 0.0
    summary = crawl(sources, settings, tmp_path)
    store = DocumentStore.open(tmp_path)
    try:
        docs = {d.url: d for d in store.iter_documents()}
        errors = [dict(r) for r in store.query("SELECT url, reason FROM fetch_log "
                                               "WHERE outcome = 'error'")]
    finally:
        store.close()
    return summary, docs, errors


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("spa19")
    return (*crawl_sites(out, (SITE,)), out)


@pytest.mark.slow  # crawls a served site
def test_every_service_of_both_backends_is_stored_at_its_route_with_its_facts(sample):
    docs, log = sample[0][SITE], sample[1]
    services = {path: d for path, d in docs.items() if d.kind == "service"}
    assert len([p for p in services if p.startswith("/#/layanan/")]) == 12  # both pages
    assert {p for p in services if p.startswith("/#/puskeswan/")} == {
        f"/#/puskeswan/{n}" for n in (1, 2, 3, 4)}
    # ACF in its three shapes: HTML, a textarea's lines, a repeater's rows
    skkh = services["/#/layanan/surat-keterangan-kesehatan-hewan"]
    assert skkh.title == "Surat Keterangan Kesehatan Hewan (SKKH)"
    assert skkh.fields["requirements"][1] == "Fotokopi KTP pemilik atau pengirim hewan"
    assert skkh.fields["duration"].startswith("1 (satu) hari kerja")
    prima = services["/#/layanan/sertifikasi-prima-3"]
    assert prima.fields["requirements"][0].startswith("Surat permohonan dari petani")
    nkv = services["/#/layanan/nomor-kontrol-veteriner"]
    assert len(nkv.fields["requirements"]) == 6 and len(nkv.fields["procedure"]) == 4
    # the Puskeswan's list names its records; their details hold the requirements
    steril = services["/#/puskeswan/3"]
    assert steril.fields["requirements"][2] == "Hewan dipuasakan 8 jam sebelum operasi"
    assert steril.fields["cost"].startswith("Retribusi Rp 150.000")
    # WordPress pages at the app's page route, not at another list's
    assert docs["/#/halaman/kontak"].kind != "service"
    assert not [p for p in docs if p.startswith("/#/puskeswan/") and p not in services]
    # the service categories (``jenis_layanan``) no route shows: not pages at ``/#<slug>``
    assert not [p for p in docs if p.startswith("/#") and not p.startswith("/#/")]
    # the third parties the bundle names were never asked
    asked = {row["url"] for row in log}
    assert not [u for u in asked if "127.0.0.1" not in u]


@pytest.mark.slow  # crawls and indexes a served site
def test_a_citizen_finds_the_service_at_its_route(sample):
    settings = load_settings(sample[2], embedder="none")
    build_index(settings)
    searcher = Searcher(settings)
    try:
        top = searcher.search("syarat surat keterangan kesehatan hewan").results[0]
        assert top.url.endswith("/#/layanan/surat-keterangan-kesehatan-hewan")
        top = searcher.search("sterilisasi kucing").results[0]
        assert top.url.endswith("/#/puskeswan/3")
    finally:
        searcher.close()


@pytest.mark.slow  # crawls served sites
def test_a_third_party_host_the_code_fetches_is_never_asked(tmp_path):
    """The app's API (its client's base: the page's host, another port) is read; a host
    the bundle fetches directly (``localhost``: another host than the page's) is not."""
    with PageSite() as api, PageSite() as third, PageSite() as app:
        api.pages["/api/layanan"] = Page(json.dumps({"data": [{
            "id": 7, "nama_layanan": "Rekomendasi Izin Usaha Peternakan",
            "slug": "izin-usaha-peternakan", "persyaratan": ["Fotokopi KTP", "NIB"],
            "biaya": "Gratis", "waktu": "7 hari kerja"}]}).encode(),
            content_type="application/json")
        third.pages["/collect.json"] = Page(b'{"data": [{"id": 1, "nama": "Statistik"}]}',
                                            content_type="application/json")
        app.pages["/"] = Page(b'<!doctype html><html><head><title>SIMTANI</title>'
                              b'<script type="module" src="/app.js"></script></head>'
                              b'<body><div id="app"></div></body></html>')
        app.pages["/app.js"] = Page((
            f'const A="{api.base}",T="http://localhost:{third.port}";'
            'const h=ax.create({baseURL:A});h.get("/api/layanan");'
            'fetch(T+"/collect.json");fetch(`${T}/collect.json`);'
            'const r=R({history:"hash",mode:"hash",routes:[{path:"/layanan/:slug"}]});'
        ).encode(), content_type="application/javascript")
        summary, docs, _errors = _crawl_app(tmp_path, app.url("/"), "simtani",
                                            "Dinas Pertanian")
        assert summary.ok, str(summary)
        assert "/api/layanan" in api.paths_hit()
        assert third.paths_hit() == []
    service = docs[app.url("/#/layanan/izin-usaha-peternakan")]
    assert service.kind == "service" and service.fields["requirements"] == ["Fotokopi KTP",
                                                                           "NIB"]


@pytest.mark.slow  # crawls a served site
def test_a_page_whose_script_holds_its_records_is_read_not_reported_unreadable(tmp_path):
    """A shell whose only script is a data file (``var dataLayanan=[...]``): its records
    are stored and the page is no error (the script's endpoints overwrote the list's
    verdict, and the crawl failed reading it)."""
    with PageSite() as app:
        app.pages["/"] = Page(b'<!doctype html><html><head><title>Layanan</title>'
                              b'<script src="/data.js"></script></head>'
                              b'<body><div id="app"></div></body></html>')
        app.pages["/data.js"] = Page((
            b"var dataLayanan=[{nama:'Surat Keterangan Usaha',syarat:['KTP-el','KK'],"
            b"biaya:'Gratis'},{nama:'Surat Keterangan Domisili',syarat:['KTP-el',"
            b"'Pengantar RT'],biaya:'Gratis'}];"),
            content_type="application/javascript")
        summary, docs, errors = _crawl_app(tmp_path, app.url("/"))
    assert summary.ok and errors == [], (str(summary), errors)
    assert sorted(d.kind for d in docs.values()) == ["page", "service", "service"]


@pytest.mark.slow  # crawls a served site
def test_the_apps_own_script_path_names_no_other_list(tmp_path):
    """An app under ``/layanan/`` loads ``/layanan/js/app.js``: the script file is no list
    whose path names the ``/#/layanan/`` route, so the records keep that route."""
    with PageSite() as app:
        app.pages["/api/v1/items"] = Page(json.dumps({"data": [{
            "id": 7, "nama_layanan": "Rekomendasi Izin Usaha Peternakan",
            "slug": "izin-usaha-peternakan", "persyaratan": ["Fotokopi KTP", "NIB"],
            "biaya": "Gratis"}]}).encode(), content_type="application/json")
        app.pages["/layanan/"] = _shell("Layanan", "/layanan/js/app.js")
        app.pages["/layanan/js/app.js"] = _script(
            'const h=ax.create({baseURL:"/api/v1"});h.get("/items");'
            'const r=R({history:"hash",mode:"hash",routes:[{path:"/layanan/:slug"}]});')
        _summary, docs, _errors = _crawl_app(tmp_path, app.url("/layanan/"))
    urls = {url for url, d in docs.items() if d.kind == "service"}
    assert urls == {app.url("/layanan/#/layanan/izin-usaha-peternakan")}


def test_a_host_under_another_customers_private_suffix_is_no_api():
    """``web.app``, ``github.io``: each customer's site is its own registrable domain (the
    Public Suffix List's private part), so another's is never this app's API."""
    assert registrable("a.web.app") == "a.web.app"
    assert api_origins('h=ax.create({baseURL:"https://b.web.app"})', "https://a.web.app/") == set()
    assert api_origins('h=ax.create({baseURL:"https://api.a.web.app"})',
                       "https://a.web.app/") == {"https://api.a.web.app"}


def test_another_source_of_the_crawl_is_never_the_apps_api():
    """Disdukcapil's site is a source of the same crawl under the same domain: distankp's
    app making a client with it as base does not make it distankp's API (another office's
    host is never asked), while its own ``api-distankp`` is."""
    from crawler.spiders.website import WebsiteSpider

    source = {"name": "distankp", "opd": "o", "kind": "website",
              "start_urls": ["https://distankp.jambikota.go.id/"]}
    spider = WebsiteSpider(source, crawl_hosts=["distankp.jambikota.go.id",
                                                "www.disdukcapil.jambikota.go.id"])
    sibling = "https://disdukcapil.jambikota.go.id/api/layanan"
    own = "https://api-distankp.jambikota.go.id/api/v1/layanan"
    spider._declare_apis([sibling, own], PAGE)
    assert spider.scope.allows(own, data=True)
    assert not spider.scope.allows(sibling, data=True)


def test_the_crawl_tells_each_spider_every_sources_hosts(tmp_path):
    from crawler.run import CrawlJob

    sources = [Source(name=n, opd="o", start_urls=[f"http://127.0.0.1:1/{n}"],
                      allowed_hosts=[f"{n}.jambikota.go.id"], use_sitemap=False)
               for n in ("distankp", "disdukcapil")]
    settings = load_settings(tmp_path)
    job = CrawlJob(sources, settings, tmp_path).start()
    try:
        written = json.loads(job._job_path.read_text(encoding="utf-8"))
    finally:
        job.wait()
    assert written["hosts"] == ["disdukcapil.jambikota.go.id", "distankp.jambikota.go.id"]


@pytest.mark.slow  # crawls served sites
def test_a_third_party_host_made_the_clients_base_is_never_asked(tmp_path):
    """The app makes its HTTP client with another organisation's host as base (``localhost``
    beside the page's ``127.0.0.1``: another registrable domain) and asks it for a list:
    the call is never sent there, only the app's own API is read."""
    with PageSite() as api, PageSite() as third, PageSite() as app:
        rows = json.dumps({"data": [{"id": 7, "nama_layanan": "Izin Usaha Peternakan",
                                     "slug": "iup", "persyaratan": ["KTP", "NIB"],
                                     "biaya": "Gratis"}]}).encode()
        api.pages["/api/layanan"] = Page(rows, content_type="application/json")
        third.pages["/api/statistik"] = Page(rows, content_type="application/json")
        app.pages["/"] = _shell("SIMTANI", "/app.js", "/stat.js")
        app.pages["/app.js"] = _script(
            f'const h=ax.create({{baseURL:"{api.base}"}});h.get("/api/layanan");'
            'const r=R({history:"hash",mode:"hash",routes:[{path:"/layanan/:slug"}]});')
        app.pages["/stat.js"] = _script(
            f'const g=ax.create({{baseURL:"http://localhost:{third.port}"}});'
            'g.get("/api/statistik");')
        summary, _docs, _errors = _crawl_app(tmp_path, app.url("/"))
        assert summary.ok, str(summary)
        assert "/api/layanan" in api.paths_hit()
        assert third.paths_hit() == []


@pytest.mark.slow  # crawls a served site
@pytest.mark.parametrize("catch_all, kept", [
    ('{path:"/:pathMatch(.*)*",name:"tidak-ditemukan",component:()=>import("./NotFound.js")}',
     False),
    ('{path:"*",redirect:"/"}', True)])
def test_a_list_no_route_of_a_hash_app_shows_is_not_stored_at_a_not_found_url(
        tmp_path, catch_all, kept):
    """SIMTANI's categories (WordPress's ``jenis_layanan``): the hash router's table has no
    route for them and answers any other URL with its "not found" view, so
    ``/#kesehatan-hewan`` is that view. They are not stored as pages there; the services,
    at their route, are. An app whose catch-all goes home (SIBANSOS) keeps them there."""
    with PageSite() as app:
        app.pages["/api/layanan"] = Page(json.dumps({"data": [{
            "id": 7, "nama_layanan": "Rekomendasi Izin Usaha Peternakan", "slug": "iup",
            "persyaratan": ["Fotokopi KTP", "NIB"], "biaya": "Gratis"}]}).encode(),
            content_type="application/json")
        app.pages["/api/kategori"] = Page(json.dumps([
            {"id": n, "name": name, "slug": slug, "description": "Layanan bidang " + name}
            for n, name, slug in ((1, "Kesehatan Hewan", "kesehatan-hewan"),
                                  (2, "Tanaman Pangan", "tanaman-pangan"))]).encode(),
            content_type="application/json")
        app.pages["/"] = _shell("SIMTANI", "/app.js")
        app.pages["/app.js"] = _script(
            'const h=ax.create({baseURL:"/api"});h.get("/layanan");h.get("/kategori");'
            'const r=R({history:"hash",mode:"hash",routes:[{path:"/layanan/:slug"},'
            + catch_all + ']});')
        summary, docs, _errors = _crawl_app(tmp_path, app.url("/"))
    assert summary.ok, str(summary)
    categories = {app.url("/#kesehatan-hewan"), app.url("/#tanaman-pangan")}
    assert set(docs) == {app.url("/"), app.url("/#/layanan/iup")} | (
        categories if kept else set())
