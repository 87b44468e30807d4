"""A one-page site whose services follow one another, each repeating the same sections.

Read from the bundled sample sites as the crawler fetches them: a Canva Websites export
(every heading a styled span, one ``<section id>`` per service) and a classic Google Sites
page (bold numbered lines under ``<a name>`` anchors, "Syarat:" and "Biaya: Gratis" in the
flow). A citizen notices each service found under its own name, with its own requirements
and cost, at a link that opens the page at that service; and a page about one service is
not cut in two for repeating "Persyaratan".
"""

from __future__ import annotations

from crawler.extract.document import html_document
from sikoja.demo.server import SITES_ROOT


def read(body: bytes, url: str):
    return html_document(body, url=url, content_type="text/html; charset=utf-8",
                         http_last_modified=None, source="site", opd="UPTD")


def parts_of(page) -> dict[str, object]:
    return {part.url.rsplit("#", 1)[1]: part for part in page.parts}


def test_each_service_of_a_builder_one_pager_is_a_document_of_its_own():
    url = "http://127.0.0.1:8826/"
    page = read((SITES_ROOT / "onepage20-metrologi" / "index.html").read_bytes(), url)
    assert page.document.fields["listing"] is True  # beside its contact details
    parts = parts_of(page)
    assert {k: p.title for k, p in parts.items()} == {
        "layanan-tera-ulang": "Tera Ulang UTTP", "layanan-tera-baru": "Tera UTTP Baru",
        "layanan-sidang-tera": "Sidang Tera Ulang di Pasar",
        "layanan-pompa-bbm": "Tera Ulang Pompa Ukur BBM",
        "layanan-pengaduan": "Pengaduan Takaran dan Timbangan"}
    for part in parts.values():
        assert part.kind == "service" and part.parent_url == url
    # each with its own sections, not the first one's or all of them
    pump = parts["layanan-pompa-bbm"].fields
    assert pump["requirements"][0] == "Surat permohonan dari pengelola SPBU/Pertashop"
    assert pump["duration"] == "1 hari kerja per SPBU"
    assert pump["cost"] == "Gratis (tanpa retribusi)"
    complaint = parts["layanan-pengaduan"].fields
    assert complaint["cost"] == "Gratis"
    assert complaint["requirements"][0] == "Nama dan lokasi pedagang, kios atau SPBU"
    assert "Pompa Ukur" not in parts["layanan-pengaduan"].text
    assert "legal_basis" not in parts["layanan-sidang-tera"].fields  # it states none


def test_bold_lines_of_a_classic_google_sites_page_are_its_services():
    url = "http://127.0.0.1:8827/site/uptdppakotajambi/layanan"
    body = (SITES_ROOT / "onepage20-uptdppa" / "site" / "uptdppakotajambi"
            / "layanan.html").read_bytes()
    page = read(body, url)
    assert page.document.title == "Layanan"  # the page's, not its first service's
    assert page.document.fields == {"listing": True}
    parts = parts_of(page)
    assert {k: p.title for k, p in parts.items()} == {
        "pengaduan": "Pengaduan Kekerasan terhadap Perempuan dan Anak",
        "psikologis": "Pendampingan Psikologis Korban",
        "hukum": "Pendampingan Hukum dan Medikolegal",
        "rumah-aman": "Penampungan Sementara (Rumah Aman)",
        "pita-molin": "PITA MOLIN (Mobil Perlindungan ke Sekolah)"}
    safe = parts["rumah-aman"].fields
    assert safe["requirements"][0] == "Hasil asesmen petugas bahwa korban terancam"
    assert safe["cost"] == "Gratis"
    assert safe["duration"] == "Paling lama 14 hari, dapat diperpanjang"
    assert parts["pengaduan"].fields["cost"] == "Gratis & rahasia"
    assert "Penampungan" not in parts["hukum"].text


SERVICE = """<html><head><title>Izin Usaha Mikro - DPMPTSP</title></head><body><main>
<h1>Izin Usaha Mikro</h1><p>Izin bagi pelaku usaha mikro di Kota Jambi.</p>
<p><b>A. Perorangan</b></p><p><b>Persyaratan Perorangan</b></p><ul><li>Fotokopi KTP</li>
<li>Pas foto 3x4</li></ul><p><b>Biaya:</b> Gratis</p>
<p><b>B. Badan Usaha</b></p><p><b>Persyaratan Badan Usaha</b></p><ul><li>Akta pendirian</li>
<li>NPWP badan</li></ul><p><b>Biaya:</b> Gratis</p>
<p><b>Prosedur</b></p><ol><li>Daftar di OSS</li><li>Terbit izin</li></ol></main></body></html>"""


def test_a_service_for_two_kinds_of_applicant_is_not_two_services():
    """Two requirement lists of one service, each under its applicant ("A. Perorangan"),
    are sections of that service: the page names one service and says no other."""
    page = read(SERVICE.encode(), "http://dpmptsp.jambikota.go.id/layanan/izin-usaha-mikro")
    assert page.document.kind == "service" and not page.parts
    assert page.document.title == "Izin Usaha Mikro"


TEASERS = """<html><head><title>Berita Kelurahan</title></head><body><main>
<div class="post"><h2><a href="/2024/05/syarat-sktm.html">SKTM Kini Gratis</a></h2>
<p><b>Persyaratan:</b></p><ul><li>Pengantar RT</li></ul><p><b>Biaya:</b> Gratis</p></div>
<div class="post"><h2><a href="/2024/06/syarat-domisili.html">Domisili Bisa Online</a></h2>
<p><b>Persyaratan:</b></p><ul><li>Fotokopi KK</li></ul><p><b>Biaya:</b> Gratis</p></div>
</main></body></html>"""


def test_posts_shown_in_full_on_a_blog_page_are_not_its_sections():
    page = read(TEASERS.encode(), "http://kel.blogspot.com/")
    assert not [p for p in page.parts if "#" in p.url and "/2024/" not in p.url]


def _sub_case_page(title: str) -> bytes:
    return f"""<html><head><title>{title} - Disdukcapil</title></head><body><main>
<h1>{title}</h1><p>Dokumen ini diterbitkan oleh Disdukcapil Kota Jambi.</p>
<p><b>A. Anak usia 0 - 5 tahun</b></p><p><b>Persyaratan:</b></p><ul><li>Kutipan akta</li>
<li>KK asli</li></ul><p><b>Biaya:</b> Gratis</p>
<p><b>B. Anak usia 5 - 17 tahun</b></p><p><b>Persyaratan:</b></p><ul><li>Kutipan akta</li>
<li>Pas foto 2x3</li></ul><p><b>Biaya:</b> Gratis</p>
<p><b>Prosedur</b></p><ol><li>Datang ke loket</li><li>KIA dicetak</li></ol></main></body></html>
""".encode()


def test_groups_of_one_service_are_not_services_whatever_the_title_begins_with():
    """"A. Anak usia 0 - 5 tahun" and "B. ..." with one "Prosedur" after both are who one
    service is for: the page stays that service's card, not a listing of two fake ones."""
    for title in ("Kartu Identitas Anak (KIA)", "KTP Elektronik"):
        page = read(_sub_case_page(title), "http://disdukcapil.jambikota.go.id/kia")
        assert page.document.kind == "service" and not page.parts, title
        assert page.document.fields["procedure"] == ["Datang ke loket", "KIA dicetak"]
        assert "Pas foto 2x3" in page.document.fields["requirements"]


def test_cases_under_a_heading_naming_the_service_are_its_sections():
    page = read(b"""<html><head><title>Disdukcapil Kota Jambi</title></head><body><main>
<h2>Akta Kelahiran</h2>
<h3>Bayi Baru Lahir</h3><p><b>Persyaratan:</b></p><ul><li>Surat keterangan lahir</li></ul>
<p><b>Biaya:</b> Gratis</p>
<h3>Kelahiran Terlambat</h3><p><b>Persyaratan:</b></p><ul><li>Surat pernyataan</li></ul>
<p><b>Biaya:</b> Gratis</p></main></body></html>""", "http://dukcapil.jambikota.go.id/?page_id=12")
    assert page.document.kind == "service" and not page.parts


def test_a_section_opens_at_the_anchor_the_page_sets_before_its_name():
    service = ('<a name="{0}"></a><div><b>{1}</b></div><div>Uraian.</div><div><b>Syarat:</b>'
               '</div><ul><li>KTP</li></ul><div><b>Biaya:</b> Gratis</div>')
    page = read(("<html><head><title>Layanan - UPTD</title></head><body><main><h1>Layanan</h1>"
                 "<div>" + service.format("pengaduan", "1. Pengaduan Kekerasan")
                 + service.format("psikologis", "2. Pendampingan Psikologis")
                 + "</div></main></body></html>").encode(), "http://uptd.jambikota.go.id/")
    assert set(parts_of(page)) == {"pengaduan", "psikologis"}


def test_an_id_with_a_space_is_a_percent_encoded_fragment():
    section = ('<section id="{0}"><p><span style="font-size:30px">{1}</span></p><p><span '
               'style="font-weight:700">Persyaratan</span></p><ul><li>KTP</li></ul><p><span '
               'style="font-weight:700">Biaya</span></p><p>Gratis</p></section>')
    page = read(("<html><head><title>UPTD Metrologi</title></head><body><main>"
                 + section.format("layanan tera", "Tera Ulang")
                 + section.format("pengujian", "Pengujian Timbangan")
                 + "</main></body></html>").encode(), "http://m.jambikota.go.id/")
    assert set(parts_of(page)) == {"layanan%20tera", "pengujian"}


def test_a_page_of_thousands_of_labels_is_left_whole():
    """Past ``MAX_SERVICES`` blocks a page is no list a citizen reads (and is not cut)."""
    from crawler.extract.html import parse_html
    from crawler.extract.onepage import MAX_SERVICES, repeated_services
    service = ("<p><b>Layanan {0}</b></p><p><b>Persyaratan</b></p><ul><li>x</li></ul>"
               "<p><b>Biaya:</b> Gratis</p>")
    for n, expected in ((MAX_SERVICES, MAX_SERVICES), (MAX_SERVICES + 1, 0)):
        soup = parse_html("<html><body><main>" + "".join(service.format(i) for i in range(n))
                          + "</main></body></html>")
        assert len(repeated_services(soup, soup.body)) == expected
