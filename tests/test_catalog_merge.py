"""An app catalog that lists crawled service pages as apps adds to those pages, never
replaces them: the DTKS registration page stays a service page that "siks-ng" also finds.

A real local site with six service pages, and a catalog listing six apps whose URLs are
those pages (plus apps elsewhere), crawled in both orders and recrawled.
"""

from __future__ import annotations

import json

import pytest

from crawler.reports import sites_report
from crawler.run import crawl
from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import Settings, load_settings
from sikoja.sources import Source
from sikoja.store import DocumentStore
from tests.faultserver import Page, PageSite, html

# (path, title, app name in the catalog, words only the page has)
SERVICES = [
    ("/layanan/dtks", "Pendaftaran DTKS", "SIKS-NG",
     "Cara daftar DTKS bagi keluarga miskin agar menerima bansos"),
    ("/layanan/kartu-lansia", "Kartu Lansia", "SiLansia",
     "Pengajuan kartu lansia untuk warga berusia enam puluh tahun"),
    ("/layanan/pkh", "Program Keluarga Harapan", "e-PKH",
     "Pendaftaran peserta program keluarga harapan di kelurahan"),
    ("/layanan/rehab-rumah", "Bedah Rumah Tidak Layak Huni", "SiBedah",
     "Usulan perbaikan rumah tidak layak huni melalui RT"),
    ("/layanan/disabilitas", "Kartu Penyandang Disabilitas", "SiDifa",
     "Pendataan penyandang disabilitas dan kartu bantuannya"),
    ("/layanan/panti", "Rujukan Panti Sosial", "e-Panti",
     "Rujukan terlantar ke panti sosial milik pemerintah kota"),
]


def service_page(title: str, words: str) -> bytes:
    return html(title, f"<h1>{title}</h1><p>{words}.</p>"
                "<h2>Persyaratan</h2><ul><li>Fotokopi KTP</li><li>Fotokopi KK</li>"
                "<li>Surat keterangan tidak mampu dari kelurahan</li></ul>"
                "<h2>Prosedur</h2><ol><li>Datang ke kantor kelurahan</li>"
                "<li>Isi formulir pendaftaran</li><li>Petugas memverifikasi data</li></ol>"
                "<h2>Biaya</h2><p>Gratis, tidak dipungut biaya.</p>")


def site_pages() -> dict[str, Page]:
    links = "".join(f'<li><a href="{p}">{t}</a></li>' for p, t, _, _ in SERVICES)
    pages = {"/": Page(html("Dinas Sosial Kota Jambi", f"<h1>Layanan</h1><ul>{links}</ul>"))}
    for path, title, _, words in SERVICES:
        pages[path] = Page(service_page(title, words))
    return pages


def catalog(base: str, services=SERVICES) -> bytes:
    apps = [{"nama_aplikasi": app, "url": base + path, "opd": "Dinas Sosial",
             "deskripsi": f"Aplikasi {app} untuk {title.lower()}", "platform": "web",
             "status": "Aktif"} for path, title, app, _ in services]
    apps += [{"nama_aplikasi": "SiKesal", "url": "https://sikesal.jambikota.go.id",
              "deskripsi": "Pengaduan warga", "platform": "Android", "status": "Aktif"},
             {"nama_aplikasi": "SIPATEN", "url": "", "deskripsi": "Administrasi kecamatan",
              "platform": "web", "status": "Non-Aktif"}]
    return json.dumps({"apps": apps}).encode()


@pytest.fixture()
def web():
    with PageSite(site_pages()) as site:
        site.pages["/katalog.json"] = Page(catalog(site.base), etag=False,
                                           content_type="application/json")
        website = Source(name="dinsos", opd="Dinas Sosial Kota Jambi", kind="website",
                         start_urls=[site.url("/")], use_sitemap=False)
        apps = Source(name="katalog", opd="Diskominfo Kota Jambi", kind="app-catalog",
                      url=site.url("/katalog.json"))
        yield site, website, apps


def run(sources, tmp_path, *, check=True):
    settings = Settings()
    settings.crawl.delay = 0
    summary = crawl(sources, settings, tmp_path, timeout=120)
    assert summary.ok or not check, str(summary)
    return summary


def assert_merged(site, tmp_path):
    store = DocumentStore.open(tmp_path)
    try:
        for path, title, app, words in SERVICES:
            doc = store.get(site.url(path))
            assert doc is not None and doc.source == "dinsos", path
            assert doc.kind == "service" and doc.title == title
            assert words in doc.text
            assert doc.fields["requirements"] and doc.fields["procedure"]
            assert doc.fields["app"]["name"] == app
            assert doc.fields["app"]["platform"] == "web"
            assert doc.fields["app"]["status"] == "active"
            assert doc.fields["app"]["catalog"] == site.url("/katalog.json")
        # the apps that are nowhere else are documents of their own
        titles = {d.title: d for d in store.iter_documents() if d.kind == "app"}
        assert set(titles) == {"SiKesal", "SIPATEN"}
        assert store.count() == 1 + len(SERVICES) + 2  # home, services, other apps
        # site health counts the catalog's apps that live on inside the pages too
        health = {h.source: h for h in sites_report(store)}
        assert health["katalog"].documents == len(SERVICES) + 2
        assert health["dinsos"].documents == 1 + len(SERVICES)
    finally:
        store.close()


def search_top(tmp_path, query):
    settings = load_settings(tmp_path, embedder="none")
    build_index(settings)
    searcher = Searcher(settings)
    try:
        return searcher.search(query).results
    finally:
        searcher.close()


@pytest.mark.slow  # crawls a served site and its catalog
@pytest.mark.parametrize("order", ["site-first", "catalog-first"])
def test_catalog_apps_merge_into_the_pages_they_point_at(web, tmp_path, order):
    site, website, apps = web
    first, second = (website, apps) if order == "site-first" else (apps, website)
    run([first], tmp_path)
    run([second], tmp_path)
    assert_merged(site, tmp_path)

    dtks = site.url("/layanan/dtks")
    by_app = search_top(tmp_path, "siks-ng")
    assert by_app and by_app[0].url == dtks and by_app[0].kind == "service"
    assert by_app[0].fields["app"]["name"] == "SIKS-NG"  # the API shows the app too
    by_page = search_top(tmp_path, "cara daftar dtks")
    assert by_page and by_page[0].url == dtks

    again = run([website, apps], tmp_path)
    assert sum(s.stored + s.changed + s.gone for s in again.sources) == 0, str(again)
    assert_merged(site, tmp_path)


@pytest.mark.slow  # crawls a served site and its catalog
def test_either_side_can_leave_without_the_other(web, tmp_path):
    site, website, apps = web
    run([website, apps], tmp_path)
    store = DocumentStore.open(tmp_path)
    before = store.get(site.url("/layanan/pkh")).content_hash()
    store.close()

    # the catalog drops SIKS-NG: its fields leave the DTKS page, the page stays
    site.pages["/katalog.json"] = Page(catalog(site.base, SERVICES[1:]), etag=False,
                                       content_type="application/json")
    # and the bedah-rumah page disappears: its app stays as an app document
    del site.pages["/layanan/rehab-rumah"]
    run([apps], tmp_path)
    run([website], tmp_path)
    store = DocumentStore.open(tmp_path)
    try:
        dtks = store.get(site.url("/layanan/dtks"))
        assert dtks.kind == "service" and "app" not in dtks.fields
        assert "Cara daftar DTKS" in dtks.text
        rehab = store.get(site.url("/layanan/rehab-rumah"))
        assert rehab.kind == "app" and rehab.title == "SiBedah" and rehab.source == "katalog"
        assert rehab.fields["status"] == "active"
        assert store.get(site.url("/layanan/pkh")).content_hash() == before
    finally:
        store.close()

    # the page comes back: it is the document again, with the app merged
    site.pages["/layanan/rehab-rumah"] = site_pages()["/layanan/rehab-rumah"]
    run([website], tmp_path)
    store = DocumentStore.open(tmp_path)
    try:
        rehab = store.get(site.url("/layanan/rehab-rumah"))
        assert rehab.kind == "service" and rehab.fields["app"]["name"] == "SiBedah"
    finally:
        store.close()


def app_page_sources(site: PageSite, name: str, app: str, path: str, description: str,
                     platform: str) -> tuple[Source, Source]:
    """The website ``name`` served by ``site`` and a catalog (``/apps.json`` on the same
    site) listing its page at ``path`` as the active app ``app``."""
    apps = [{"nama_aplikasi": app, "url": site.url(path), "deskripsi": description,
             "platform": platform, "status": "Aktif"}]
    site.pages["/apps.json"] = Page(json.dumps(apps).encode(), etag=False,
                                    content_type="application/json")
    website = Source(name=name, opd="Diskominfo", kind="website",
                     start_urls=[site.url("/")], use_sitemap=False)
    katalog = Source(name="katalog", opd="Diskominfo", kind="app-catalog",
                     url=site.url("/apps.json"))
    return website, katalog


@pytest.mark.slow  # crawls a served site and its catalog
def test_an_apps_own_plain_page_is_the_app(tmp_path):
    """A plain page at an app's URL (the app's page on the Diskominfo site) becomes kind
    app with the catalog's facts, and goes back to a page when the catalog drops it."""
    with PageSite({"/": Page(html("Diskominfo", '<a href="/aplikasi/sikesal">SiKesal</a>')),
                   "/aplikasi/sikesal": Page(html(
                       "SiKesal", "<h1>SiKesal</h1><p>Aplikasi pengaduan warga Kota Jambi "
                       "untuk melaporkan jalan rusak dan lampu mati.</p>"))}) as site:
        website, katalog = app_page_sources(site, "kominfo", "SiKesal", "/aplikasi/sikesal",
                                            "Pengaduan warga", "Android")
        run([website, katalog], tmp_path)
        store = DocumentStore.open(tmp_path)
        doc = store.get(site.url("/aplikasi/sikesal"))
        store.close()
        assert doc.kind == "app" and doc.source == "kominfo"
        assert doc.fields["platform"] == "Android" and "jalan rusak" in doc.text
        site.pages["/apps.json"] = Page(b"[]", etag=False, content_type="application/json")
        assert run([katalog], tmp_path, check=False).sources[0].gone == 1
    store = DocumentStore.open(tmp_path)
    doc = store.get(site.url("/aplikasi/sikesal"))
    store.close()
    assert doc.kind == "page" and doc.fields == {} and "jalan rusak" in doc.text


def test_a_store_from_before_the_merge_keeps_its_apps_delistable(tmp_path):
    """Stores written before catalog entries existed: their app documents become entries."""
    import sqlite3

    from sikoja.documents import Document

    store = DocumentStore.open(tmp_path)
    store.upsert(Document(url="https://a.example/app", source="katalog", opd="X", kind="app",
                          title="App", text="App", fields={"platform": "web"}))
    store.close()
    db = sqlite3.connect(tmp_path / "documents.db")
    db.execute("DROP TABLE catalog_entries")
    db.commit()
    db.close()
    store = DocumentStore.open(tmp_path)
    try:
        assert store.listed_urls("katalog") == {"https://a.example/app"}
        assert store.remove_app("https://a.example/app", "katalog")
        assert store.count() == 0
    finally:
        store.close()


def test_the_opensearch_backend_indexes_the_apps_name_like_the_embedded_one():
    """Both backends take their searched text from ``analyse_document``: the app's name is
    a heading of the page there, its description part of the body."""
    from indexer.analysis import Analyzer
    from indexer.build import analyse_document
    from indexer.opensearch.layout import TOKENS, to_source
    from sikoja.apps import CatalogEntry, merge
    from sikoja.documents import Document

    page = Document(url="https://dinsos.example/dtks", source="dinsos", opd="Dinsos",
                    kind="service", title="Pendaftaran DTKS", text="Cara daftar DTKS.",
                    headings=["Persyaratan"], fields={"requirements": ["KTP"], "cost": "Gratis"})
    app = Document(url=page.url, source="katalog", opd="Diskominfo", kind="app",
                   title="SIKS-NG", text="Sistem kesejahteraan sosial",
                   fields={"platform": "web", "status": "active",
                           "description": "Sistem kesejahteraan sosial"})
    merged = merge(page, [CatalogEntry("katalog", "https://kominfo.example/apps.json", app)])
    analyzer = Analyzer()
    indexed = analyse_document(analyzer, merged)
    name = analyzer.index_tokens("SIKS-NG")
    assert name and set(name) <= set(indexed.heading_tokens)
    assert set(analyzer.index_tokens("kesejahteraan")) <= set(indexed.body_tokens)
    tokens = to_source(indexed, with_vector=False)[TOKENS]["headings"].split()
    assert set(name) <= set(tokens)
    # and the page's own part is untouched
    assert merged.title == page.title and merged.kind == "service"
    assert {k: v for k, v in merged.fields.items() if k != "app"} == page.fields


@pytest.mark.slow  # crawls a served site and its catalog
def test_a_script_drawn_list_at_an_apps_url_is_a_new_listing(tmp_path):
    """SIPEDA: the catalog lists the page that draws the permit list from JSON as an app.
    Crawled after the catalog, the page is new (not a change of the catalog's document),
    a listing of the records its script loads, titled by its heading, never the app; and
    so on every crawl, whichever of the pages that load the JSON is read first."""
    shell = ("<!DOCTYPE html><html><head><title>SIPEDA Kota Jambi</title></head><body>"
             "<header><span class='brand'>SIPEDA Kota Jambi</span><a href='/'>Beranda</a> "
             "<a href='/layanan'>Layanan</a></header><main><h2>Daftar Layanan Perizinan</h2>"
             "<div id='daftar-layanan'></div><script>fetch('/api/layanan.json').then("
             "r => r.json()).then(draw);</script></main></body></html>")
    records = {"data": [{"nama_layanan": "Izin Reklame", "persyaratan": ["KTP", "NPWP"],
                         "biaya": "Gratis", "waktu_penyelesaian": "-"}]}
    # the home page's script loads the same JSON: whichever page asks first, both are told
    home = html("SIPEDA", "<p>Perizinan daring.</p><a href='/layanan'>Layanan</a>",
                head="<script>fetch('/api/layanan.json').then(r => r.json());</script>")
    with PageSite({"/": Page(home, etag=False),
                   "/layanan": Page(shell.encode(), etag=False),
                   "/api/layanan.json": Page(json.dumps(records).encode(), etag=False,
                                             content_type="application/json")}) as site:
        website, katalog = app_page_sources(site, "sipeda", "SIPEDA Perizinan Kota Jambi",
                                            "/layanan", "Perizinan daring", "Web")
        run([katalog], tmp_path)
        first = run([website], tmp_path).sources[0]
        assert (first.changed, first.unchanged) == (0, 0), first
        store = DocumentStore.open(tmp_path)
        try:
            doc = store.get(site.url("/layanan"))
            record = next(d for d in store.iter_documents() if d.title == "Izin Reklame")
        finally:
            store.close()
        assert (doc.kind, doc.fields.get("listing")) == ("page", True)
        assert doc.title == "Daftar Layanan Perizinan"
        assert doc.fields["app"]["name"] == "SIPEDA Perizinan Kota Jambi"
        # the record is the service; its "-" time is no time
        assert record.kind == "service" and "duration" not in record.fields
        for _ in range(3):
            again = run([website], tmp_path).sources[0]
            assert (again.stored, again.changed) == (0, 0), again
