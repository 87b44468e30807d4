"""Pages made with a page builder or tabs: the service's own text and fields are read.

Elementor calls every block of a page's content a widget ("elementor-widget-container"),
which the sidebar rule used to drop, leaving service pages empty; tabbed pages (Bootstrap,
Elementor) keep the section names in a tab bar apart from the sections, which put the
requirements under the wrong heading."""

from __future__ import annotations

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
