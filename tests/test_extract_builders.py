"""Pages made with a page builder or tabs: the service's own text and fields are read.

Elementor calls every block of a page's content a widget ("elementor-widget-container"),
which the sidebar rule used to drop, leaving service pages empty; tabbed pages (Bootstrap,
Elementor) keep the section names in a tab bar apart from the sections, which put the
requirements under the wrong heading."""

from __future__ import annotations

import pytest

from crawler.extract.document import html_document

MENU = ('<nav class="elementor-nav-menu--main"><ul class="elementor-nav-menu">'
        '<li><a href="/">Beranda</a></li><li><a href="/layanan/">Layanan</a></li></ul></nav>')


def widget(kind: str, inner: str) -> str:
    return (f'<div class="elementor-element elementor-widget elementor-widget-{kind}" '
            f'data-widget_type="{kind}.default"><div class="elementor-widget-container">'
            f"{inner}</div></div>")


def elementor_page(content: str) -> bytes:
    return (
        "<html><head><title>Surat Keterangan Tidak Mampu (SKTM) &#8211; Kecamatan Contoh"
        '</title></head><body class="elementor-page"><div data-elementor-type="header" '
        'class="elementor elementor-location-header">' + widget("nav-menu", MENU) + "</div>"
        '<main id="content"><div class="elementor elementor-293"><div class="elementor-'
        'widget-wrap elementor-element-populated">' + content + "</div></div></main>"
        '<div class="elementor elementor-location-footer">'
        + widget("text-editor", "<p>Jl. Contoh No. 1, Kota Jambi</p>") + "</div></body></html>"
    ).encode()


def read(body: bytes, url: str = "http://kec.jambikota.go.id/layanan/sktm/"):
    return html_document(body, url=url, content_type="text/html; charset=utf-8",
                         http_last_modified=None, source="kec", opd="Kecamatan").document


def test_an_elementor_page_keeps_its_widgets_text():
    doc = read(elementor_page(
        widget("heading", '<h2 class="elementor-heading-title">Surat Keterangan Tidak Mampu '
               "(SKTM)</h2>")
        + widget("text-editor", "<p>SKTM diberikan kepada warga yang kurang mampu untuk "
                 "keringanan biaya pendidikan.</p><h4>Persyaratan</h4><ul><li>Pengantar RT/RW"
                 "</li><li>KTP/KK</li></ul><h4>Biaya</h4><p>Gratis</p>")))
    assert "keringanan biaya pendidikan" in doc.text
    assert doc.kind == "service"
    assert doc.fields["requirements"] == ["Pengantar RT/RW", "KTP/KK"]
    assert doc.fields["cost"] == "Gratis"
    assert "Beranda" not in doc.text and "Jl. Contoh" not in doc.text  # menu and footer


def test_elementor_tabs_put_each_panel_under_its_own_title():
    titles = ["Persyaratan", "Sistem, Mekanisme dan Prosedur", "Biaya/Tarif"]
    panels = ["<ol><li>Pengantar RT/RW</li><li>KTP/KK</li></ol>",
              "<ol><li>Ajukan ke kelurahan</li><li>Terbit SKTM</li></ol>", "<p>Gratis</p>"]
    bar = "".join(f'<div class="elementor-tab-title" role="tab" aria-controls="t{i}">{t}</div>'
                  for i, t in enumerate(titles))
    body = "".join(f'<div class="elementor-tab-title elementor-tab-mobile-title" role="tab" '
                   f'aria-controls="t{i}">{t}</div><div id="t{i}" class="elementor-tab-content" '
                   f'role="tabpanel">{p}</div>'
                   for i, (t, p) in enumerate(zip(titles, panels, strict=True)))
    doc = read(elementor_page(widget("text-editor", "<p>SKTM untuk warga kurang mampu.</p>")
                              + widget("tabs", f'<div class="elementor-tabs"><div class='
                                       f'"elementor-tabs-wrapper" role="tablist">{bar}</div>'
                                       f'<div class="elementor-tabs-content-wrapper" '
                                       f'role="tablist">{body}</div></div>')))
    assert doc.fields["requirements"] == ["Pengantar RT/RW", "KTP/KK"]
    assert doc.fields["procedure"] == ["Ajukan ke kelurahan", "Terbit SKTM"]
    assert doc.fields["cost"] == "Gratis"
    assert doc.text.count("Persyaratan") == 1  # the tab bar is not read as a list


def test_bootstrap_tabs_become_headed_sections():
    tabs = ('<ul class="nav nav-tabs" role="tablist">'
            '<li><button role="tab" data-bs-target="#retribusi">Retribusi Buang Sampah</button>'
            '</li><li><button role="tab" aria-controls="pengaduan">Pengaduan Sampah</button>'
            "</li></ul>")
    panes = ('<div class="tab-content"><div class="tab-pane" id="retribusi" role="tabpanel">'
             "<p>Pembuangan sampah ke TPA membayar retribusi.</p><h5>Biaya</h5><p>Rp100.000/ton"
             '</p></div><div class="tab-pane" id="pengaduan" role="tabpanel"><p>Sampah belum '
             "diangkut? Laporkan.</p><h5>Biaya</h5><p>Gratis</p></div></div>")
    doc = read(f"<html><head><title>UPTD TPA</title></head><body><main><h1>UPTD TPA</h1>"
               f"{tabs}{panes}</main></body></html>".encode(), url="http://tpa.go.id/")
    lines = doc.text.splitlines()
    # each panel starts with the name of its tab, once
    assert lines.index("Retribusi Buang Sampah") < lines.index(
        "Pembuangan sampah ke TPA membayar retribusi.")
    assert lines.index("Pengaduan Sampah") < lines.index("Sampah belum diangkut? Laporkan.")
    assert lines.count("Pengaduan Sampah") == 1


def accordion(*items: tuple[str, str, str]) -> bytes:
    """A one-page list of services in a Bootstrap accordion: (id, title, requirement)."""
    body = "".join(
        f'<div class="accordion-item"><h2 class="accordion-header"><button class="accordion-'
        f'button" data-bs-toggle="collapse" data-bs-target="#{i}" aria-controls="{i}">{n}. '
        f'{title}</button></h2><div id="{i}" class="accordion-collapse collapse"><div class='
        f'"accordion-body"><p>Layanan {title.lower()} di kantor camat.</p><h5>Persyaratan</h5>'
        f"<ol><li>{req}</li><li>Fotokopi KTP</li></ol><h5>Biaya</h5><p>Gratis</p></div></div>"
        f"</div>" for n, (i, title, req) in enumerate(items, 1))
    return (f"<html><head><title>Layanan Kecamatan</title></head><body><main><h1>Layanan "
            f'Kecamatan</h1><div class="accordion">{body}</div></main></body></html>').encode()


@pytest.mark.slow  # a real crawl
def test_services_in_an_accordion_are_each_stored_at_their_panel(tmp_path):
    """A one-page list: the page is a listing, each service a document at its panel's
    anchor with its own title and fields; one taken off the page leaves the index."""
    from crawler.run import crawl
    from sikoja.config import Settings
    from sikoja.sources import Source
    from sikoja.store import DocumentStore
    from tests.faultserver import Page, PageSite

    ktp = ("ktp", "Pengantar Rekam KTP-el", "Telah berusia 17 tahun")
    sktm = ("sktm", "Surat Keterangan Tidak Mampu", "Pengantar RT/RW")
    settings = Settings()
    settings.crawl.delay, settings.crawl.retries = 0, 0
    with PageSite({"/layanan": Page(accordion(ktp, sktm), etag=False)}) as site:
        source = Source(name="kec", opd="Kecamatan", start_urls=[site.url("/layanan")],
                        use_sitemap=False)
        crawl([source], settings, tmp_path, timeout=60)
        store = DocumentStore.open(tmp_path)
        first = {d.url: d for d in store.iter_documents()}
        store.close()
        site.pages["/layanan"] = Page(accordion(ktp), etag=False)
        crawl([source], settings, tmp_path, timeout=60)
        store = DocumentStore.open(tmp_path)
        live = store.urls_for_source("kec")
        store.close()
    page, part = first[site.url("/layanan")], first[site.url("/layanan#sktm")]
    assert page.kind == "page" and page.fields == {"listing": True}
    assert part.kind == "service" and part.title == "Surat Keterangan Tidak Mampu"
    assert part.fields["requirements"] == ["Pengantar RT/RW", "Fotokopi KTP"]
    assert first[site.url("/layanan#ktp")].title == "Pengantar Rekam KTP-el"
    # one service left is the page itself again: no list, no parts
    assert live == {site.url("/layanan")}
