"""WordPress page builders as Kota Jambi's offices really publish them (issue #11, session 16).

Two sample sites, crawled alone on loopback as the demo serves them:

* Layanan Naker (WPBakery + TablePress): half its service pages were imported with the
  builder switched off and print its shortcodes as text (``[vc_row][vc_column]...``), the
  facts under ``[vc_tta_section title="Persyaratan"]``; the "Layanan" page lists every
  service in a TablePress table whose names link to the service's page (some as the
  ``?page_id=`` shortlink). Before: the three raw pages were services without a single fact
  and with brackets in their text, and every service was stored twice, once more as the
  table's row at ``/layanan/#<slug>``;
* Kelurahan Payo Selincah (Divi): the "Layanan" page holds every letter in a toggle
  (``et_pb_toggle_title`` / ``et_pb_toggle_content``), four of them also posted on their own
  with a "Selengkapnya" link. Before: the page was one "service" mixing five letters'
  requirements, and the letter posted nowhere else could not be found as itself.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from crawler.extract.document import html_document
from crawler.extract.html import parse_html
from crawler.extract.servicetable import OWN_PAGE, table_services
from crawler.extract.shortcodes import unwrap_shortcodes
from crawler.extract.tabs import unfold_tabs
from crawler.ownpages import settle_own_pages, still_retired
from crawler.run import crawl
from sikoja.config import load_settings
from sikoja.demo.server import SITES_ROOT, render_sources, serve_sample_sites
from sikoja.documents import Document
from sikoja.sources import load_sources
from sikoja.store import DocumentStore
from tests.samplecrawl import crawl_sites

SITES = ("layanan-naker", "kel-payoselincah")
RAW_PAGES = ("/layanan/wajib-lapor-ketenagakerjaan/", "/layanan/pengesahan-peraturan-perusahaan/",
             "/layanan/mediasi-perselisihan-hubungan-industrial/")


def test_shortcodes_leave_the_text_and_a_titled_section_keeps_its_title():
    soup = parse_html(
        '<div><p>[vc_row][vc_column width="1/2"][vc_column_text]</p><p>Intro.</p>'
        '<p>[/vc_column_text][vc_tta_accordion][vc_tta_section title="Persyaratan" '
        'tab_id="a-1"]</p><ol><li>KTP</li></ol><p>[/vc_tta_section][/vc_tta_accordion]</p>'
        '<p>[vc_btn title="Daftar Online" link="url:https%3A%2F%2Fx.id"]</p>'
        "<p>Lihat catatan [1] dan [Sumber: Disnaker].</p><p>[/vc_column][/vc_row]</p></div>")
    assert unwrap_shortcodes(soup) == 11
    assert [h.get_text() for h in soup.find_all("h3")] == ["Persyaratan"]  # not the button
    text = soup.get_text(" ")
    assert "[vc_" not in text and "[/vc_" not in text
    assert "Lihat catatan [1] dan [Sumber: Disnaker]." in text  # not shortcodes
    assert "Intro." in text and "KTP" in text
    button = soup.find("a")  # the button's target, URL-encoded in the shortcode
    assert (button["href"], button.get_text()) == ("https://x.id", "Daftar Online")


def test_a_page_without_shortcodes_is_left_as_it_is():
    html = "<div><p>Tarif [Rp] sesuai Perda.</p><p>[catatan]</p></div>"
    soup = parse_html(html)
    assert unwrap_shortcodes(soup) == 0
    assert "[catatan]" in soup.get_text()


def test_toggles_named_by_class_alone_are_panels_titled_by_their_service():
    soup = parse_html(
        '<div class="et_pb_toggle"><h5 class="et_pb_toggle_title">Surat Keterangan Usaha</h5>'
        '<div class="et_pb_toggle_content"><p>Syarat: KTP</p></div></div>'
        '<div class="et_pb_toggle"><h5 class="et_pb_toggle_title">Persyaratan</h5>'
        '<div class="et_pb_toggle_content"><p>KTP</p></div></div>'
        "<details><summary>Surat Pengantar Nikah</summary><p>Syarat: KK</p></details>")
    panels = unfold_tabs(soup)
    # a section label ("Persyaratan") is one service's section, not a panel of its own
    assert [(p.id, p.title) for p in panels] == [
        ("surat-keterangan-usaha", "Surat Keterangan Usaha"),
        ("surat-pengantar-nikah", "Surat Pengantar Nikah")]


def test_a_row_linking_to_its_services_page_is_marked_and_one_linking_to_a_file_is_not():
    table = parse_html(
        "<div><table><tr><th>Nama Layanan</th><th>Persyaratan</th><th>Biaya</th></tr>"
        '<tr><td><a href="/layanan/sktm/">SKTM</a></td><td>KTP</td><td>Gratis</td></tr>'
        '<tr><td><a href="/?page_id=12">Surat Domisili</a></td><td>KK</td><td>Gratis</td></tr>'
        '<tr><td><a href="/sp/sku.pdf">Surat Usaha</a></td><td>KTP</td><td>Gratis</td></tr>'
        "</table></div>").find("div")
    rows = table_services(table, "http://kel.id/layanan/", "kel", "Kelurahan")
    assert [(d.title, d.fields.get(OWN_PAGE)) for d in rows] == [
        ("SKTM", "http://kel.id/layanan/sktm/"), ("Surat Domisili", "http://kel.id/?page_id=12"),
        ("Surat Usaha", None)]  # the PDF may not say what the row does


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return crawl_sites(tmp_path_factory.mktemp("pagebuilders"), SITES)


def test_a_page_printing_its_builders_shortcodes_is_a_service_with_its_facts(sample):
    docs, _log = sample
    naker = docs["layanan-naker"]
    for path in RAW_PAGES:
        doc = naker[path]
        assert doc.kind == "service", path
        assert "[vc_" not in doc.text and "[/vc_" not in doc.text, path
        assert doc.fields.get("requirements") and doc.fields.get("cost") == "Gratis", path
        assert doc.fields.get("duration"), path
    wlkp = naker["/layanan/wajib-lapor-ketenagakerjaan/"]
    assert wlkp.fields["requirements"][0] == "Akun perusahaan di aplikasi WLKP Online"
    assert wlkp.fields.get("online_url") == "https://wajiblapor.kemnaker.go.id"
    assert all("[vc_" not in d.text for d in naker.values())


def test_a_tablepress_list_of_linked_services_stores_each_service_once(sample):
    docs, _log = sample
    naker = docs["layanan-naker"]
    assert naker["/layanan/"].fields.get("listing") is True
    services = [d for d in naker.values() if d.kind == "service"]
    assert len(services) == 6
    assert all("#" not in d.url for d in services)  # not again as the table's rows
    assert max(Counter(d.title for d in services).values()) == 1
    ak1 = naker["/layanan/kartu-kuning-ak1/"]
    assert ak1.title == "Pembuatan Kartu Tanda Pencari Kerja (Kartu Kuning / AK-1)"
    assert ak1.fields.get("cost") == "Gratis"


def test_divi_toggles_list_their_letters_and_a_letter_posted_elsewhere_is_stored_there(sample):
    docs, _log = sample
    kel = docs["kel-payoselincah"]
    assert kel["/layanan/"].fields.get("listing") is True
    nikah = kel["/layanan/#surat-pengantar-nikah-n1-n4"]
    assert nikah.kind == "service" and nikah.title == "Surat Pengantar Nikah (N1-N4)"
    assert nikah.fields["requirements"][0] == "Surat pengantar RT dan RW"
    assert nikah.fields.get("cost") == "Gratis"
    services = [d for d in kel.values() if d.kind == "service"]
    assert sorted(d.title for d in services) == [
        "Surat Keterangan Ahli Waris", "Surat Keterangan Domisili",
        "Surat Keterangan Tidak Mampu (SKTM)", "Surat Keterangan Usaha (SKU)",
        "Surat Pengantar Nikah (N1-N4)"]
    sku = kel["/surat-keterangan-usaha-sku/"]
    assert sku.fields["requirements"][0] == "Surat pengantar RT dan RW"
    assert sku.fields.get("duration") == "1 hari kerja"
    # the post's title without the site's name, the archive pages as lists
    assert kel["/category/layanan/"].fields.get("listing") is True


def _naker_web(tmp_path) -> Path:
    """The Disnaker WPBakery site with PKWT's page gone (404 at its permalink and its
    shortlink) and the rule's page a stub that says nothing yet."""
    web = tmp_path / "web"
    shutil.copytree(SITES_ROOT / "layanan-naker", web / "layanan-naker")
    (web / "manifest.json").write_text(json.dumps([m for m in json.loads(
        (SITES_ROOT / "manifest.json").read_text(encoding="utf-8"))
        if m["name"] == "layanan-naker"]), encoding="utf-8")
    routes_file = web / "layanan-naker" / "_routes.json"
    routes = json.loads(routes_file.read_text(encoding="utf-8"))
    routes = {path: file for path, file in routes.items() if "pencatatan-pkwt" not in file}
    shutil.rmtree(web / "layanan-naker" / "layanan" / "pencatatan-pkwt")
    stub = web / "layanan-naker" / "layanan" / "pengesahan-peraturan-perusahaan" / "index.html"
    html = stub.read_text(encoding="utf-8")
    start, end = html.index('<div class="entry-content">'), html.index("</article>")
    stub.write_text(html[:start] + '<div class="entry-content"><p>Informasi layanan ini sedang '
                    "diperbarui. Silakan hubungi kami.</p></div>" + html[end:], encoding="utf-8")
    routes_file.write_text(json.dumps(routes), encoding="utf-8")
    return web


def test_a_row_whose_page_is_never_stored_as_a_service_keeps_the_service(tmp_path):
    """Review of wpb16: a row linking to a page that answers 404, or to a stub without a
    fact, was dropped at extraction, its service lost; rows whose page is a service leave."""
    web = _naker_web(tmp_path)
    (tmp_path / "data").mkdir()
    docs, _log = crawl_sites(tmp_path / "data", ("layanan-naker",), root=web)
    naker = docs["layanan-naker"]
    rows = {path: d for path, d in naker.items() if path.startswith("/layanan/#")}
    assert sorted(rows) == ["/layanan/#pencatatan-perjanjian-kerja-waktu-tertentu-pkwt",
                            "/layanan/#pengesahan-peraturan-perusahaan"]
    pkwt = rows["/layanan/#pencatatan-perjanjian-kerja-waktu-tertentu-pkwt"]
    assert pkwt.kind == "service" and pkwt.fields.get("requirements")
    # the four pages that are services are found there, once
    services = [d for d in naker.values() if d.kind == "service" and d.fields.keys() & {
        "requirements", "procedure", "cost", "duration"}]
    assert max(Counter(d.title for d in services).values()) == 1
    assert len(services) == 6


def test_a_toggle_linking_to_a_category_page_is_still_a_service_of_the_list():
    def toggle(title: str, more: str) -> str:
        return (f'<div class="et_pb_toggle"><h5 class="et_pb_toggle_title">{title}</h5>'
                '<div class="et_pb_toggle_content"><p>Persyaratan:</p><ul><li>Surat pengantar '
                "RT dan RW</li><li>Fotokopi KK</li></ul><p>Biaya: Gratis</p><p>Waktu "
                f"penyelesaian: 1 hari kerja</p>{more}</div></div>")
    more = '<p><a href="/category/surat-keterangan/">Selengkapnya</a></p>'
    html = ("<html><head><title>Layanan - Kel</title></head><body><main><article><h1>Layanan"
            "</h1>" + toggle("Surat Keterangan Domisili", more) + toggle(
                "Surat Keterangan Usaha", more) + toggle("Surat Pengantar Nikah", "")
            + "</article></main></body></html>")
    page = html_document(html.encode(), url="http://kel.id/layanan/", content_type="text/html",
                         http_last_modified=None, source="kel", opd="Kelurahan")
    assert page.document.fields.get("listing") is True
    assert [p.title for p in page.parts] == [
        "Surat Keterangan Domisili", "Surat Keterangan Usaha", "Surat Pengantar Nikah"]
    # kept until the category page is found a service of the site (crawler.ownpages)
    assert page.parts[0].fields[OWN_PAGE] == "http://kel.id/category/surat-keterangan/"


def test_shortcodes_with_quotes_curled_by_wordpress_are_read_as_straight_ones():
    # wptexturize curls the quotes of a shortcode no active plugin registered
    soup = parse_html(
        "<div><p>[vc_row][vc_column width=\u201d1/2\u2033][vc_tta_accordion]"
        "[vc_tta_section title=\u201dPersyaratan\u201d tab_id=\u201d8bd-1\u2033]</p>"
        "<ul><li>KTP</li></ul><p>[/vc_tta_section][vc_tta_section title=&#8221;Biaya&#8221;]"
        "</p><p>Gratis</p><p>[/vc_tta_section][/vc_tta_accordion][/vc_column][/vc_row]</p></div>")
    unwrap_shortcodes(soup)
    assert [h.get_text() for h in soup.find_all("h3")] == ["Persyaratan", "Biaya"]
    assert "[vc_" not in soup.get_text() and "[/vc_" not in soup.get_text()


@pytest.mark.parametrize(("spelled", "title"), [
    ("title=\"Jadwal Jum'at dan Sabtu\"", "Jadwal Jum'at dan Sabtu"),
    ("title=\u201dJadwal Pelayanan Jum\u2019at\u201d tab_id=\u201d8bd-1\u2033",
     "Jadwal Pelayanan Jum\u2019at"),
    ("title=&#8221;Pendaftaran Jama&#8217;ah Haji&#8221;", "Pendaftaran Jama\u2019ah Haji"),
    ("title='Kata \"Gratis\" di loket'", 'Kata "Gratis" di loket'),
])
def test_an_apostrophe_inside_a_quoted_title_is_the_titles(spelled, title):
    soup = parse_html(f"<div><p>[vc_tta_section {spelled}]Buka 08.00 - 11.00"
                      "[/vc_tta_section]</p></div>")
    unwrap_shortcodes(soup)
    assert [h.get_text() for h in soup.find_all("h3")] == [title]
    assert "[vc_" not in soup.get_text() and "[/vc_" not in soup.get_text()


def test_a_heading_shortcode_leaves_its_words_and_a_button_its_label():
    html = ('<html><head><title>Pencatatan PKWT - Disnaker</title></head><body><main><article>'
            "<h1>Pencatatan PKWT</h1><div class='entry-content'><p>[vc_row][vc_column]"
            '[vc_custom_heading text="Persyaratan" font_container="tag:h3|text_align:left"]'
            "[vc_column_text]</p><ul><li>Fotokopi KTP</li><li>Surat permohonan</li></ul>"
            '<p>[/vc_column_text][vc_custom_heading text="Biaya"][vc_column_text]</p><p>Gratis'
            '</p><p>[/vc_column_text][ultimate_heading main_heading="Waktu Penyelesaian"]'
            "[vc_column_text]</p><p>3 hari kerja</p><p>[/vc_column_text]"
            '[vc_btn title="Unduh Formulir" link="url:%2Fformulir-pkwt%2F|target:_blank"]'
            "[/vc_column][/vc_row]</p></div></article></main></body></html>")
    page = html_document(html.encode(), url="http://x.id/layanan/pkwt/",
                         content_type="text/html", http_last_modified=None, source="s", opd="o")
    fields = page.document.fields
    assert page.document.kind == "service"
    assert fields["requirements"] == ["Fotokopi KTP", "Surat permohonan"]
    assert fields["cost"] == "Gratis" and fields["duration"] == "3 hari kerja"
    assert "Unduh Formulir" in page.document.text
    assert ("http://x.id/formulir-pkwt/", "Unduh Formulir") in [
        (link.url, link.text) for link in page.content_links]


def _toggle(title: str, first: str) -> str:
    """A Divi toggle titled ``title`` giving a service's requirements (``first``, Fotokopi KK)
    and cost."""
    return (f'<div class="et_pb_toggle"><h5 class="et_pb_toggle_title">{title}</h5>'
            f'<div class="et_pb_toggle_content"><p>Persyaratan:</p><ul><li>{first}</li>'
            "<li>Fotokopi KK</li></ul><p>Biaya: Gratis</p></div></div>")


def test_two_toggles_sharing_a_title_are_two_services_at_two_anchors():
    html = ("<html><head><title>Layanan Akta - Disdukcapil</title></head><body><main><article>"
            "<h1>Layanan Akta</h1><h2>Warga Negara Indonesia</h2>"
            + _toggle("Akta Kelahiran", "Surat keterangan lahir dari bidan")
            + _toggle("Akta Kematian", "Surat keterangan kematian")
            + "<h2>Warga Negara Asing</h2>" + _toggle("Akta Kelahiran", "Paspor orang tua")
            + _toggle("Akta Kematian", "Paspor almarhum") + "</article></main></body></html>")
    page = html_document(html.encode(), url="http://dukcapil.id/layanan-akta/",
                         content_type="text/html", http_last_modified=None, source="s", opd="o")
    assert [(p.url.split("#")[1], p.fields["requirements"][0]) for p in page.parts] == [
        ("akta-kelahiran", "Surat keterangan lahir dari bidan"),
        ("akta-kematian", "Surat keterangan kematian"),
        ("akta-kelahiran-2", "Paspor orang tua"), ("akta-kematian-2", "Paspor almarhum")]


@pytest.mark.parametrize("items", [
    # an FAQ in details blocks, each answer with its own requirements
    ("<details><summary>KTP-el saya hilang, apa yang harus dilakukan?</summary><p>Persyaratan: "
     "surat kehilangan dari kepolisian.<br>Biaya: gratis.</p></details>"
     "<details><summary>Bagaimana jika KTP-el rusak</summary><p>Persyaratan: KTP-el yang rusak."
     "<br>Biaya: gratis.</p></details>"),
    # related services in toggles beside the page's own sections
    ('<div class="et_pb_toggle"><h5 class="et_pb_toggle_title">Legalisir Fotokopi KTP-el</h5>'
     '<div class="et_pb_toggle_content"><p>Persyaratan:</p><ul><li>KTP-el asli</li></ul>'
     '<p>Biaya: Gratis</p></div></div><div class="et_pb_toggle"><h5 class="et_pb_toggle_title">'
     'Cetak Ulang KTP-el</h5><div class="et_pb_toggle_content"><p>Persyaratan:</p><ul><li>'
     "KTP-el lama</li></ul><p>Biaya: Gratis</p></div></div>"),
])
def test_a_service_page_with_items_beside_its_own_sections_stays_that_service(items):
    html = ("<html><head><title>Pembuatan KTP-el - Disdukcapil</title></head><body><main>"
            "<article><h1>Pembuatan KTP-el</h1><h2>Persyaratan</h2><ul><li>Fotokopi KK</li>"
            "<li>Sudah berusia 17 tahun</li></ul><h2>Prosedur</h2><ol><li>Datang ke kantor</li>"
            "<li>Perekaman data</li></ol><h2>Biaya</h2><p>Gratis</p><h2>Waktu Penyelesaian</h2>"
            f"<p>14 hari kerja</p><h2>Lainnya</h2>{items}</article></main></body></html>")
    page = html_document(html.encode(), url="http://x.id/layanan/ktp-el/",
                         content_type="text/html", http_last_modified=None, source="s", opd="o")
    doc = page.document
    assert doc.kind == "service" and not doc.fields.get("listing") and page.parts == []
    assert doc.fields["requirements"] == ["Fotokopi KK", "Sudah berusia 17 tahun"]
    assert doc.fields["procedure"] == ["Datang ke kantor", "Perekaman data"]
    assert doc.fields["cost"] == "Gratis" and doc.fields["duration"] == "14 hari kerja"


@pytest.mark.parametrize("general", [
    # facts for all the services under their own headings...
    ("<h2>Persyaratan Umum</h2><ul><li>KTP asli</li><li>Surat pengantar RT/RW</li></ul>"
     "<h2>Waktu Penyelesaian</h2><p>1 hari kerja</p><h2>Biaya</h2><p>Gratis</p>"),
    # ...or stated once in loose lines
    ("<p>Semua layanan tidak dipungut biaya.</p><p>Waktu penyelesaian: 1 hari kerja</p>"
     "<p>Biaya: Gratis</p>"),
])
@pytest.mark.parametrize("heading", [
    "Layanan",
    # a list named by its office, as kelurahan, kecamatan and puskesmas sites name it
    "Layanan Kelurahan Payo Selincah",
])
def test_a_list_of_services_in_toggles_stays_a_list_beside_facts_for_all(general, heading):
    html = ("<html><head><title>Layanan - Kelurahan Payo Selincah</title></head><body><main>"
            f"<article><h1>{heading}</h1><p>Kelurahan melayani warga setiap hari kerja.</p>"
            f"{general}<h2>Jenis Layanan</h2>"
            + _toggle("Surat Keterangan Usaha", "Foto tempat usaha")
            + _toggle("Surat Keterangan Tidak Mampu", "Surat pengantar RT")
            + _toggle("Surat Keterangan Domisili", "Fotokopi KTP")
            + _toggle("Surat Pengantar Nikah", "Akta cerai (bila ada)")
            + "</article></main></body></html>")
    page = html_document(html.encode(), url="http://kel.id/layanan/", content_type="text/html",
                         http_last_modified=None, source="s", opd="o")
    # each letter is found as itself, not folded into one service called "Layanan"
    assert page.document.kind == "page" and page.document.fields.get("listing")
    assert [p.title for p in page.parts] == [
        "Surat Keterangan Usaha", "Surat Keterangan Tidak Mampu", "Surat Keterangan Domisili",
        "Surat Pengantar Nikah"]
    assert page.parts[1].fields["requirements"] == ["Surat pengantar RT", "Fotokopi KK"]


def test_a_recrawl_leaves_the_retired_rows_retired_and_the_kept_ones_kept(tmp_path):
    web, out = _naker_web(tmp_path), tmp_path / "data"
    out.mkdir()
    with serve_sample_sites(0, root=web) as served:
        (out / "sources.yaml").write_text(render_sources(served.urls, served.sites,
                                                         catalog_site=None), encoding="utf-8")
        settings = load_settings(out)
        settings.crawl.delay = 0
        sources = load_sources(out / "sources.yaml")
        first = crawl(sources, settings, out, timeout=120)
        base = served.base_port
    # the office renames the list: it is read again, its rows with it
    listing = web / "layanan-naker" / "layanan" / "index.html"
    listing.write_text(listing.read_text(encoding="utf-8").replace(
        "<title>Layanan - ", "<title>Daftar Layanan - ").replace(
        '<h1 class="entry-title">Layanan</h1>', '<h1 class="entry-title">Daftar Layanan</h1>'),
        encoding="utf-8")
    with serve_sample_sites(base, root=web):
        second = crawl(sources, settings, out, timeout=120)
    assert first.ok and second.ok
    again = second.sources[0]
    # the list changed; no row came back only to be retired again, none left
    assert (again.stored, again.changed, again.gone) == (0, 1, 0)
    store = DocumentStore.open(out)
    try:
        status = {r["url"].split("/", 3)[3]: r["status"] for r in store.query(
            "SELECT url, status FROM documents WHERE url LIKE '%/layanan/#%'")}
    finally:
        store.close()
    assert status["layanan/#pencatatan-perjanjian-kerja-waktu-tertentu-pkwt"] == "live"
    assert status["layanan/#wajib-lapor-ketenagakerjaan-di-perusahaan-wlkp"] == "gone"


def test_a_retired_row_comes_back_when_its_page_stops_being_a_service(tmp_path):
    base = "http://kel.id"
    row = Document(url=f"{base}/layanan/#sktm", source="kel", opd="Kel", kind="service",
                   title="SKTM", text="SKTM\nPersyaratan\nKTP", parent_url=f"{base}/layanan/",
                   fields={"requirements": ["KTP"], OWN_PAGE: f"{base}/sktm/"})
    listing = Document(url=f"{base}/layanan/", source="kel", opd="Kel", kind="page",
                       title="Layanan", text="SKTM KTP Gratis", fields={"listing": True})
    page = Document(url=f"{base}/sktm/", source="kel", opd="Kel", kind="service", title="SKTM",
                    text="SKTM", fields={"requirements": ["KTP", "KK"]})
    store = DocumentStore.open(tmp_path)
    try:
        for doc in (row, listing, page):
            store.upsert(doc)
        assert settle_own_pages(store, None, "kel") == 1  # found at its page
        assert store.urls_for_source("kel") == {f"{base}/layanan/", f"{base}/sktm/"}
        assert settle_own_pages(store, None, "kel") == 0  # settled: nothing moves again
        store.mark_gone(f"{base}/sktm/")  # the page answers 404 now
        assert settle_own_pages(store, None, "kel") == 1
        assert f"{base}/layanan/#sktm" in store.urls_for_source("kel")
    finally:
        store.close()


KEL = "http://kel.id"


def _row(title: str, requirement: str, page: str, listing: str = f"{KEL}/layanan/") -> Document:
    slug = "-".join(title.lower().split())
    return Document(url=f"{listing}#{slug}", source="kel", opd="Kel", kind="service",
                    title=title, text=f"{title}\nPersyaratan\n{requirement}", parent_url=listing,
                    fields={"requirements": [requirement], "procedure": ["Datang ke kantor"],
                            OWN_PAGE: page})


def _service(url: str, title: str, **fields: object) -> Document:
    return Document(url=url, source="kel", opd="Kel", kind="service", title=title,
                    text=f"{title}\n" + " ".join(map(str, fields.values())), fields=fields)


def test_a_row_is_retired_only_for_a_page_that_is_its_own_service(tmp_path):
    store = DocumentStore.open(tmp_path)
    listing = Document(url=f"{KEL}/layanan/", source="kel", opd="Kel", kind="page",
                       title="Layanan", fields={"listing": True},
                       text="SKTM KTP\nSKU Surat RT\nSKCK KTP KK\nSurat Keterangan Domisili\n"
                            "Surat Pindah")
    shared = f"{KEL}/cara-mengurus-surat/"
    rows = [_row("SKTM", "KTP", shared), _row("SKU", "Surat RT", shared),
            _row("SKCK", "KTP KK", shared),
            _row("Surat Keterangan Domisili", "Surat pengantar RT", f"{KEL}/domisili/"),
            _row("Surat Pindah", "KK asli", f"{KEL}/pindah/")]
    pages = [
        # one page every letter links, telling only how long a letter takes
        _service(shared, "Cara Mengurus Surat di Kelurahan", duration="1 hari kerja"),
        # the letter's own page, telling all the row does
        _service(f"{KEL}/domisili/", "Surat Keterangan Domisili",
                 requirements=["Surat pengantar RT", "KTP"], procedure=["Datang"]),
        # the letter's own page, without its requirements
        _service(f"{KEL}/pindah/", "Surat Pindah", cost="Gratis", duration="1 hari kerja")]
    for doc in (listing, *pages, *rows):
        store.upsert(doc)
    assert settle_own_pages(store, None, "kel") == 1
    live = store.urls_for_source("kel")
    # three letters are still found, each with its own requirements
    assert {f"{KEL}/layanan/#sktm", f"{KEL}/layanan/#sku", f"{KEL}/layanan/#skck",
            f"{KEL}/layanan/#surat-pindah"} <= set(live)
    assert f"{KEL}/layanan/#surat-keterangan-domisili" not in live


def test_a_row_linking_a_twin_retired_for_another_spelling_follows_it(tmp_path):
    base = f"{KEL}/index.php?option=com_content&view=article"
    store = DocumentStore.open(tmp_path)
    listing = Document(url=f"{base}&id=3&Itemid=101", source="kel", opd="Kel", kind="page",
                       title="Layanan", text="SKTM KTP", fields={"listing": True})
    row = _row("SKTM", "KTP", f"{base}&id=12&Itemid=101", listing=listing.url)
    page = {"requirements": ["KTP", "KK"], "procedure": ["Datang"]}
    linked = _service(f"{base}&id=12&Itemid=101", "SKTM", **page)
    kept = _service(f"{base}&id=12&Itemid=115", "SKTM", **page)
    for doc in (listing, row, linked, kept):
        store.upsert(doc)
    store.mark_gone(linked.url)  # the site step kept the copy under its section's menu
    assert settle_own_pages(store, None, "kel") == 1
    # SKTM is found once, at its page
    assert sorted(store.urls_for_source("kel")) == sorted([listing.url, kept.url])


def test_rows_arriving_again_weigh_their_site_once(tmp_path):
    store = DocumentStore.open(tmp_path)
    names = [f"Surat Keterangan {w}" for w in ("Usaha", "Domisili", "Kelahiran", "Kematian",
                                                "Penghasilan", "Ahli Waris")]
    rows = [_row(name, "KTP", f"{KEL}/{name.split()[-1].lower()}/") for name in names]
    listing = Document(url=f"{KEL}/layanan/", source="kel", opd="Kel", kind="page",
                       title="Layanan", text="\n".join(names), fields={"listing": True})
    pages = [_service(r.fields[OWN_PAGE], r.title, requirements=["KTP", "KK"],
                      procedure=["Datang"]) for r in rows]
    for doc in (listing, *pages, *rows):
        store.upsert(doc)
    assert settle_own_pages(store, None, "kel") == len(rows)
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    cache: dict[str, set[str]] = {}
    spent = []
    for row in rows:  # a re-crawl reads the list again
        steps[0] = 0
        store._db.set_progress_handler(count, 1)
        assert still_retired(store, None, row, cache)
        store._db.set_progress_handler(None, 1)
        spent.append(steps[0])
    # the first row weighs the site; the others only look their own row up
    assert max(spent[1:]) * 3 < spent[0]


@pytest.mark.parametrize(("row_title", "page_title", "retired"), [
    # an underscore joins a file name's words: "Surat_Keterangan_Usaha" is one word
    ("SKU", "Surat_Keterangan_Usaha", False), ("SKTM", "Formulir_SKTM", False),
    # accented and non-Latin letters are letters, not word breaks ("caf" is no word)
    ("Izin Usaha Café", "Izin Usaha Cafè", False),
    ("Layanan Sertifikasi Halal", "Layanan Sertifikasi Ḥalal", False),
    # case folded, not only lower-cased: "Straße" is "strasse"
    ("Izin Usaha STRASSE", "Izin Usaha Straße", True),
    ("Pembuatan Akta Kelahiran", "Pembuatan Akta Kelahiran ²", True),
])
def test_a_row_is_retired_for_its_page_by_the_words_a_reader_tells_apart(
        tmp_path, row_title, page_title, retired):
    """Whether a page's title names its row's service reads words as runs of letters of
    any script, case folded. A refactor read them as ASCII letters and
    digits: a row was retired for a page naming another service (a name's accent or
    underscore dropped) and kept beside its own page ("Straße" read as "stra e")."""
    store = DocumentStore.open(tmp_path)
    try:
        listing = Document(url=f"{KEL}/layanan/", source="kel", opd="Kel", kind="page",
                           title="Layanan", text=row_title, fields={"listing": True})
        row = _row(row_title, "KTP", f"{KEL}/halaman/")
        page = _service(f"{KEL}/halaman/", page_title, requirements=["KTP", "KK"],
                        procedure=["Datang"])
        for doc in (listing, page, row):
            store.upsert(doc)
        assert settle_own_pages(store, None, "kel") == int(retired)
        assert (row.url not in store.urls_for_source("kel")) == retired
    finally:
        store.close()


def test_two_rows_whose_titles_differ_by_an_underscore_are_two_rows(tmp_path):
    """One row read at two spellings of its listing is one row, retired for the page it
    links; two rows are kept when one page is all they link. "Surat_Keterangan_Usaha" and
    "Surat Keterangan Usaha" are two titles (a refactor had read them as one)."""
    store = DocumentStore.open(tmp_path)
    try:
        listing = Document(url=f"{KEL}/layanan/", source="kel", opd="Kel", kind="page",
                           title="Layanan", fields={"listing": True},
                           text="Surat Keterangan Usaha\nSurat_Keterangan_Usaha")
        page = _service(f"{KEL}/sku/", "Surat Keterangan Usaha", requirements=["KTP", "KK"],
                        procedure=["Datang"])
        rows = [_row("Surat Keterangan Usaha", "KTP", page.url),
                _row("Surat_Keterangan_Usaha", "KTP", page.url)]
        for doc in (listing, page, *rows):
            store.upsert(doc)
        assert settle_own_pages(store, None, "kel") == 0
        assert {r.url for r in rows} <= store.urls_for_source("kel")
    finally:
        store.close()
