"""A service's fields without the widget column its template puts inside the content block.

Many OPD themes (OpenSID's classic theme, most hand-made kelurahan sites) draw the widget
boxes in the same block as the post: an agenda whose rows say "Lokasi : ...", a visitor
counter as a list, a "Lokasi Kantor" box. The service fields are read before the site is
known, so a section runs on into them; the answer card then showed the agenda's places as
where to apply. What a citizen must get: after the first crawl the card holds only what
the page says of its service, and a second crawl of the unchanged site (fetched again in
full, or answered 304) rewrites nothing.
"""

from __future__ import annotations

import pytest

from crawler.boilerplate import fingerprints
from crawler.extract.document import html_document
from tests.faultserver import Page
from tests.recrawl import crawled_twice

OWN_PLACE = "Kantor Lurah Uji, Jl. Merdeka No. 1"
# what the widget column says on every page, and how it would end up in a field
WIDGET_LINES = ("Posyandu Melati RT 07", "Aula Kelurahan", "Hari ini: 146", "Total: 9.870",
                "Jl. Merdeka No. 1, Kel. Uji, Kec. Contoh")
REQUIREMENTS = ["Surat pengantar RT dan RW", "Fotokopi KTP-el dan KK"]
# path -> (title, body): sections ending where the widgets begin, each in its own way
SERVICES = {
    # a place last: the agenda's "Lokasi : ..." rows would continue it
    "/layanan/domisili": ("Surat Keterangan Domisili",
                          "<p><b>Persyaratan:</b></p><ul><li>Surat pengantar RT dan RW</li>"
                          "<li>Fotokopi KTP-el dan KK</li></ul><p><b>Biaya:</b> Gratis</p>"
                          f"<p><b>Lokasi:</b> {OWN_PLACE}</p>"),
    # a list last: the visitor counter's items would join it
    "/layanan/usaha": ("Surat Keterangan Usaha",
                       "<p><b>Biaya:</b> Gratis</p><p><b>Waktu Penyelesaian:</b> 1 hari kerja"
                       "</p><p><b>Persyaratan:</b></p><ul><li>Surat pengantar RT dan RW</li>"
                       "<li>Fotokopi KTP-el dan KK</li></ul>"),
    # no place of its own: the "Lokasi Kantor" box alone would make one
    "/layanan/sktm": ("Surat Keterangan Tidak Mampu",
                      "<p><b>Persyaratan:</b></p><ul><li>Surat pengantar RT dan RW</li>"
                      "<li>Fotokopi KTP-el dan KK</li></ul><p><b>Biaya:</b> Gratis</p>"),
}
OTHERS = {
    "/berita/gotong-royong": ("Gotong Royong Bersihkan Parit",
                              "<p>Warga RT 09 membersihkan parit menjelang musim hujan.</p>"),
    "/berita/posyandu": ("Posyandu Balita Timbang 64 Anak",
                         "<p>Kader posyandu menimbang 64 balita dan memberi vitamin A.</p>"),
    "/berita/lomba": ("Lomba Kebersihan Antar-RT",
                      "<p>Kelurahan menggelar lomba kebersihan lingkungan antar-RT.</p>"),
    "/profil": ("Profil Kelurahan Uji",
                "<p>Kelurahan Uji terdiri atas 12 RT dengan 4.100 penduduk.</p>"),
}


def widgets() -> str:
    """The column of boxes, inside the content block, titled by plain divs (no heading
    ends a section before them)."""
    def box(title: str, inner: str) -> str:
        return f"<div class='box'><div class='box-title'>{title}</div>{inner}</div>"

    return (box("Agenda", "<p>Posyandu Balita RW 03</p><p>Lokasi : Posyandu Melati RT 07</p>"
                "<p>Rapat Pemutakhiran Data</p><p>Lokasi : Aula Kelurahan</p>")
            + box("Statistik Pengunjung", "<ul><li>Hari ini: 146</li><li>Total: 9.870</li></ul>")
            + box("Lokasi Kantor Kelurahan", "<p>Jl. Merdeka No. 1, Kel. Uji, Kec. Contoh</p>"))


def page(title: str, body: str) -> bytes:
    return (f"<html><head><title>{title} - Kelurahan Uji</title></head><body>"
            "<div id='menu'><a href='/'>Beranda</a></div><div class='content'>"
            f"<h1>{title}</h1>{body}{widgets()}</div></body></html>").encode()


def site_pages() -> dict[str, Page]:
    pages = {path: Page(page(title, body), etag=path != "/layanan/domisili")
             for path, (title, body) in {**SERVICES, **OTHERS}.items()}
    links = "".join(f"<li><a href='{p}'>{t}</a></li>" for p, (t, _) in {**SERVICES,
                                                                           **OTHERS}.items())
    pages["/"] = Page(f"<html><head><title>Kelurahan Uji</title></head><body><ul>{links}</ul>"
                      "</body></html>".encode())
    return pages


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    with crawled_twice(site_pages(), "kel-uji", tmp_path_factory.mktemp("fieldtemplate")) as run:
        yield run


def read(path: str, body: str, template: frozenset[int]) -> dict:
    title = SERVICES.get(path, ("Layanan", ""))[0]
    return html_document(page(title, body), url=f"http://kel-uji.test{path}",
                         content_type="text/html", http_last_modified=None, source="kel-uji",
                         opd="Kelurahan Uji", template=template).document.fields


def test_a_value_the_page_states_itself_stays_though_the_widgets_repeat_it():
    """Only what is read from template lines alone goes: the page's own cost stays though a
    widget says "Gratis" on every page, and a requirement stays though a box above the post
    names it, while the agenda's places leave the place; read before the template is known,
    the page keeps them all."""
    template = frozenset(fingerprints(
        "Bawa Fotokopi KTP-el dan KK saat datang\nAgenda\nPosyandu Balita RW 03\nLokasi : "
        "Posyandu Melati RT 07\nRapat Pemutakhiran Data\nLokasi : Aula Kelurahan\nGratis"))
    body = "<p>Bawa Fotokopi KTP-el dan KK saat datang</p>" + SERVICES["/layanan/domisili"][1]
    fields = read("/layanan/domisili", body, template)
    assert (fields["cost"], fields["location"]) == ("Gratis", OWN_PLACE)
    assert fields["requirements"] == REQUIREMENTS
    assert "Posyandu Melati RT 07" in read("/layanan/domisili", body, frozenset())["location"]


@pytest.mark.slow  # the served site of the crawls
def test_the_widgets_run_into_the_sections_of_a_page_read_alone(crawled):
    """What the crawl's close has to undo: read alone, the page's sections take the
    widgets (otherwise the test below would prove nothing)."""
    site, _, _, _ = crawled
    path = "/layanan/domisili"
    alone = html_document(site.pages[path].body, url=site.url(path), content_type="text/html",
                          http_last_modified=None, source="kel-uji", opd="Kelurahan Uji")
    assert alone.document.kind == "service"
    assert "Posyandu Melati RT 07" in alone.document.fields["location"]


@pytest.mark.slow  # two crawls of a served site
def test_the_first_crawl_gives_fields_without_widget_lines(crawled):
    site, first, _, _ = crawled
    got = {path: first[site.url(path)] for path in SERVICES}
    assert {p: d.kind for p, d in got.items()} == dict.fromkeys(SERVICES, "service")
    for path, doc in got.items():
        values = [v for name in ("requirements", "procedure", "duration", "cost", "location",
                                 "legal_basis") for v in ([doc.fields[name]] if isinstance(
                                     doc.fields.get(name), str) else doc.fields.get(name, []))]
        assert not [v for v in values for w in WIDGET_LINES if w in v], (path, doc.fields)
        assert "Statistik Pengunjung" not in doc.text and "Hari ini: 146" not in doc.text
    assert got["/layanan/domisili"].fields["location"] == OWN_PLACE
    assert got["/layanan/usaha"].fields["requirements"] == REQUIREMENTS
    # the section the "Lokasi Kantor" box made is gone; the page's own sections stay
    sktm = got["/layanan/sktm"].fields
    assert "location" not in sktm
    assert (sktm["requirements"], sktm["cost"]) == (REQUIREMENTS, "Gratis")


@pytest.mark.slow
def test_a_second_crawl_of_the_unchanged_site_rewrites_nothing(crawled):
    """One page is served without validators, so the second crawl reads it again in full
    (with the template known); the others answer 304."""
    _, _, before, after = crawled
    assert after == before
