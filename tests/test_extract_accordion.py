"""A service page whose sections are accordion items is one service with those sections.

WordPress sites built with a page builder put each section of a service (Persyaratan,
Prosedur, Biaya) in an accordion item, each plugin with its own markup; some name the
item's title like a page header ("card-header", "kt-accordion-header-wrap"), and the
boilerplate rules took the title away, leaving the lists without their labels. An accordion
whose items are services (not sections) stays a list of them, each at its panel.
"""

from __future__ import annotations

import pytest

from crawler.extract.document import html_document

SECTIONS = [("Persyaratan", ["Surat pengantar RT dan RW", "Fotokopi KTP-el"]),
            ("Prosedur", ["Serahkan berkas ke loket", "Surat ditandatangani camat"]),
            ("Waktu Penyelesaian", "1 hari kerja"),
            ("Biaya", "Gratis"),
            ("Dasar Hukum", "Perwal Kota Jambi Nomor 12 Tahun 2021")]


def inner(value) -> str:
    if isinstance(value, list):
        return "<ol>" + "".join(f"<li>{v}</li>" for v in value) + "</ol>"
    return f"<p>{value}</p>"


# Each plugin's item, as it writes one: (n, title, panel HTML) -> HTML
MARKUPS = {
    "gutenberg-details": lambda n, t, p: (
        f'<details class="wp-block-details"><summary>{t}</summary>{p}</details>'),
    "elementor": lambda n, t, p: (
        f'<div class="elementor-accordion-item"><div id="elementor-tab-title-71{n}" class="'
        f'elementor-tab-title" data-tab="{n}" role="button" aria-controls="elementor-tab-'
        f'content-71{n}" aria-expanded="false"><span class="elementor-accordion-icon"><i class'
        f'="fas fa-plus"></i></span><a class="elementor-accordion-title" tabindex="0">{t}</a>'
        f'</div><div id="elementor-tab-content-71{n}" class="elementor-tab-content" data-tab="'
        f'{n}" role="region">{p}</div></div>'),
    "shortcodes-ultimate": lambda n, t, p: (
        f'<div class="su-spoiler su-spoiler-closed"><div class="su-spoiler-title" role="button"'
        f' tabindex="0"><span class="su-spoiler-icon"></span>{t}</div><div class="su-spoiler-'
        f'content su-u-clearfix">{p}</div></div>'),
    "bootstrap-collapse": lambda n, t, p: (
        f'<div class="card"><div class="card-header" id="h{n}"><button class="btn btn-link" '
        f'type="button" data-bs-toggle="collapse" data-bs-target="#c{n}">{t}</button></div>'
        f'<div id="c{n}" class="collapse" data-bs-parent="#acc"><div class="card-body">{p}'
        f"</div></div></div>"),
    "kadence": lambda n, t, p: (
        f'<div class="kt-accordion-pane kt-accordion-pane-{n}"><div class="kt-accordion-header-'
        f'wrap"><button class="kt-blocks-accordion-header" type="button"><span class="kt-blocks'
        f'-accordion-title">{t}</span><span class="kt-blocks-accordion-icon-trigger"></span>'
        f'</button></div><div class="kt-accordion-panel kt-accordion-panel-hidden"><div class="'
        f'kt-accordion-panel-inner">{p}</div></div></div>'),
    "divi-toggle": lambda n, t, p: (
        f'<div class="et_pb_module et_pb_toggle et_pb_toggle_close"><h5 class="et_pb_toggle_'
        f'title">{t}</h5><div class="et_pb_toggle_content clearfix">{p}</div></div>'),
}


def magazine(title: str, content: str) -> bytes:
    """A news-magazine theme around a page: mega menu, ticker, share bars, related posts."""
    related = "".join(
        f'<article class="jeg_post"><h3 class="jeg_post_title"><a href="/berita/{i}/">Berita '
        f'kecamatan {i}</a></h3><p>Ringkasan berita kecamatan nomor {i} minggu ini.</p>'
        "</article>" for i in (1, 2, 3))
    return (
        f"<html><head><title>{title} &#8211; Kecamatan Contoh</title></head><body>"
        '<div class="jeg_header"><ul class="jeg_menu"><li><a href="/">Beranda</a></li><li><a '
        'href="/layanan/">Layanan</a></li></ul></div><div class="jeg_breakingnews"><a href="'
        '/berita/1/">Berita kecamatan 1</a></div><div class="jeg_main_content">'
        f'<h1 class="jeg_post_title">{title}</h1><div class="jeg_share_button"><a href="'
        'https://www.facebook.com/sharer.php">Bagikan</a></div><div class="entry-content '
        f'no-share"><div class="content-inner"><p>{title} diterbitkan kantor camat bagi warga '
        f"yang membutuhkannya.</p>{content}</div></div>"
        f'<div class="jnews_related_post_container"><h3>Baca Juga</h3>{related}</div></div>'
        '<div id="cookie-notice">Kami menggunakan cookie.</div></body></html>').encode()


# the served site's pages, one service per markup (the same text would be one page twice)
SERVICES = dict(zip(sorted(MARKUPS), (
    "Surat Keterangan Usaha", "Surat Keterangan Domisili", "Surat Keterangan Ahli Waris",
    "Surat Pengantar Pindah", "Legalisasi Dokumen Kependudukan", "Rekomendasi Izin Keramaian"),
    strict=True))


def section_page(markup: str, title: str = "Surat Keterangan Usaha") -> bytes:
    items = "".join(MARKUPS[markup](n, t, inner(v)) for n, (t, v) in enumerate(SECTIONS, 1))
    return magazine(title, f'<div class="accordion" id="acc">{items}</div>')


def read(body: bytes, url: str = "http://kec.jambikota.go.id/layanan/sku/"):
    return html_document(body, url=url, content_type="text/html; charset=utf-8",
                         http_last_modified=None, source="kec", opd="Kecamatan")


def assert_one_service_with_its_sections(doc) -> None:
    assert doc.kind == "service", doc.fields
    assert doc.fields["requirements"] == ["Surat pengantar RT dan RW", "Fotokopi KTP-el"]
    assert doc.fields["procedure"] == ["Serahkan berkas ke loket", "Surat ditandatangani camat"]
    assert doc.fields["duration"] == "1 hari kerja"
    assert doc.fields["cost"] == "Gratis"
    assert doc.fields["legal_basis"] == "Perwal Kota Jambi Nomor 12 Tahun 2021"
    assert "diterbitkan kantor camat" in doc.text
    assert "Ringkasan berita kecamatan" not in doc.text  # related posts are not the page


@pytest.mark.parametrize("markup", sorted(MARKUPS))
def test_accordion_items_are_the_sections_of_one_service(markup):
    page = read(section_page(markup))
    assert not page.parts  # no service per item
    assert_one_service_with_its_sections(page.document)


def test_an_item_titled_by_a_label_with_its_short_value_is_not_a_title():
    """A two-line item ("Biaya" over "Gratis") is not one heading "Biaya Gratis"."""
    items = "".join(f'<div class="faq-item"><div class="faq-question" role="button">{t}</div>'
                    f'<div class="faq-answer">{inner(v)}</div></div>' for t, v in SECTIONS)
    doc = read(magazine("Surat Keterangan Usaha", items)).document
    assert doc.fields["cost"] == "Gratis" and doc.fields["duration"] == "1 hari kerja"
    assert "Biaya Gratis" not in doc.headings


def services_accordion() -> bytes:
    """Two services in one page's Bootstrap collapse: item titles are service names."""
    def item(pid: str, name: str, req: str) -> str:
        sections = (f"<p>{name} untuk warga kecamatan.</p><p><strong>Persyaratan:</strong></p>"
                    f"<ol><li>{req}</li><li>Fotokopi KTP-el</li></ol><p><strong>Biaya:</strong>"
                    " Gratis</p>")
        return MARKUPS["bootstrap-collapse"](pid, name, sections)
    return magazine("Layanan Kecamatan", item("1", "Surat Keterangan Domisili", "Pengantar RT")
                    + item("2", "Surat Keterangan Tidak Mampu", "Surat pernyataan tidak mampu"))


def test_an_accordion_of_service_names_stays_a_list_of_services():
    page = read(services_accordion(), url="http://kec.jambikota.go.id/layanan/")
    assert page.document.fields == {"listing": True}
    titles = {p.url.rsplit("#", 1)[1]: p.title for p in page.parts}
    assert titles == {"c1": "Surat Keterangan Domisili", "c2": "Surat Keterangan Tidak Mampu"}
    assert page.parts[1].fields["requirements"] == ["Surat pernyataan tidak mampu",
                                                    "Fotokopi KTP-el"]


@pytest.mark.slow  # a real crawl
def test_a_served_site_stores_each_accordion_page_as_one_service(tmp_path):
    """Crawled from a served site: one service per markup's page, with its sections and no
    part documents; the page of service names is a list with a document per service."""
    from crawler.run import crawl
    from sikoja.config import Settings
    from sikoja.sources import Source
    from sikoja.store import DocumentStore
    from tests.faultserver import Page, PageSite

    pages = {f"/layanan/{m}/": Page(section_page(m, SERVICES[m]), etag=False) for m in MARKUPS}
    pages["/layanan/"] = Page(services_accordion(), etag=False)
    index = "".join(f'<li><a href="{path}">{path}</a></li>' for path in pages)
    pages["/"] = Page(f"<html><body><h1>Kecamatan Contoh</h1><ul>{index}</ul></body></html>"
                      .encode(), etag=False)
    settings = Settings()
    settings.crawl.delay, settings.crawl.retries = 0, 0
    with PageSite(pages) as site:
        source = Source(name="kec", opd="Kecamatan", start_urls=[site.url("/")],
                        use_sitemap=False)
        crawl([source], settings, tmp_path, timeout=120)
        store = DocumentStore.open(tmp_path)
        docs = {d.url: d for d in store.iter_documents()}
        store.close()
    for markup in MARKUPS:
        doc = docs[site.url(f"/layanan/{markup}/")]
        assert doc.title == SERVICES[markup]
        assert_one_service_with_its_sections(doc)
    assert not [u for u in docs if "#" in u and "/layanan/#" not in u]
    assert docs[site.url("/layanan/")].fields == {"listing": True}
    assert docs[site.url("/layanan/#c2")].title == "Surat Keterangan Tidak Mampu"


def test_a_header_link_named_like_a_section_is_not_an_item_title():
    """A menu link "Persyaratan" in a page header links to another page: the header is
    still the page's furniture, and a post's linked title stays the post's."""
    header = ('<div class="header"><a class="header-link" href="/persyaratan-umum/">'
              "Persyaratan</a><span>Kantor Camat Contoh buka Senin sampai Jumat</span></div>")
    items = "".join(MARKUPS["kadence"](n, t, inner(v)) for n, (t, v) in enumerate(SECTIONS, 1))
    doc = read(magazine("Surat Keterangan Usaha", items).replace(
        b"<body>", b"<body>" + header.encode())).document
    assert "buka Senin sampai Jumat" not in doc.text
    assert_one_service_with_its_sections(doc)
