"""Extraction from OPD pages as they are really written: service sections under many names
and layouts, content without the menus, the page's own title, dates, language, charsets."""

from __future__ import annotations

import pytest

from crawler.extract.dates import parse_http_date, visible_date
from crawler.extract.document import html_document
from crawler.extract.encoding import decode_html, looks_binary
from crawler.extract.html import extract_page
from crawler.extract.lang import detect_language
from crawler.extract.service import extract_service_fields, match_label


def service(html: str) -> dict[str, object]:
    page = extract_page(html, "https://dukcapil.jambikota.go.id/layanan/x")
    return extract_service_fields(page.content, "https://dukcapil.jambikota.go.id/layanan/x")


WORDPRESS = """<html><head><title>Pembuatan KTP-el &#8211; Disdukcapil Kota Jambi</title></head>
<body><header><nav class="main-menu"><ul><li><a href="/">Beranda</a></li>
<li><a href="/akta">Akta Kelahiran: syarat dan biaya</a></li></ul></nav></header>
<div id="content"><article><h1 class="entry-title">Pembuatan KTP-el</h1>
<h3>Persyaratan</h3><ol><li>Telah berusia 17 tahun</li><li>Fotokopi Kartu Keluarga</li></ol>
<h3>Alur Pelayanan</h3><ol><li>Ambil nomor antrian</li><li>Perekaman biometrik</li>
<li>Pencetakan KTP-el</li></ol><h3>Waktu Penyelesaian</h3><p>1 (satu) hari kerja</p>
<h3>Biaya/Tarif</h3><p>Tidak dipungut biaya (gratis)</p>
<h3>Dasar Hukum</h3><ul><li>UU No. 24 Tahun 2013</li><li>Perpres No. 96 Tahun 2018</li></ul>
<h3>Lokasi</h3><p>Kantor Disdukcapil, Jl. Jend. Basuki Rahmat No. 1, Kota Jambi</p>
<p><a href="https://siak.jambikota.go.id/daftar">Daftar Online</a></p></article></div>
<aside class="sidebar"><h3>Berita Terbaru</h3><ul><li>Jadwal pelayanan Sabtu</li></ul></aside>
<footer class="site-footer">Hak cipta Disdukcapil</footer></body></html>"""

BOLD_PARAGRAPHS = """<html><body><div class="container"><div class="isi">
<h2>Akta Kelahiran</h2>
<p><strong>Syarat-syarat:</strong><br>1. Surat keterangan lahir dari bidan<br>
2. Fotokopi KK orang tua<br>3. Fotokopi buku nikah</p>
<p><b>Mekanisme</b></p><p>- Pemohon mengisi formulir F-2.01</p><p>- Petugas memverifikasi</p>
<p><b>Jangka Waktu:</b> 3 hari kerja</p><p><b>Biaya:</b> Gratis</p>
<p>Tempat Pelayanan: Mal Pelayanan Publik Kota Jambi, lantai 1</p></div></div></body></html>"""

STANDARD_TABLE = """<html><body><table class="layout"><tr><td>
<h1>Izin Usaha Mikro Kecil</h1><table border="1">
<tr><th>No</th><th>Komponen</th><th>Uraian</th></tr>
<tr><td>1</td><td>Dasar Hukum</td><td>PP No. 7 Tahun 2021</td></tr>
<tr><td>2</td><td>Persyaratan Pelayanan</td><td><ol><li>KTP pemilik</li><li>NIB</li></ol></td></tr>
<tr><td>3</td><td>Sistem, Mekanisme dan Prosedur</td><td>1. Daftar di OSS<br>2. Verifikasi berkas
<br>3. Izin terbit</td></tr>
<tr><td>4</td><td>Jangka Waktu Penyelesaian</td><td>5 hari kerja</td></tr>
<tr><td>5</td><td>Biaya / Tarif</td><td>Tidak dipungut biaya</td></tr>
<tr><td>6</td><td>Produk Pelayanan</td><td>Izin usaha</td></tr></table></td></tr></table>
</body></html>"""

DEFINITION_LIST = """<html><body><main><h1>Kartu Pencari Kerja (AK/1)</h1><dl>
<dt>Persyaratan Pelayanan</dt><dd><ul><li>Fotokopi ijazah terakhir</li><li>Pas foto 3x4</li>
</ul></dd><dt>Prosedur</dt><dd>Datang ke loket, isi formulir, ambil kartu.</dd>
<dt>Waktu Penyelesaian</dt><dd>30 menit</dd><dt>Tarif</dt><dd>Rp 0,-</dd></dl>
</main></body></html>"""

LABEL_TABLE_WITH_COLON = """<html><body><div id="main"><h1>Surat Keterangan Pindah</h1>
<table><tr><td>Persyaratan</td><td>:</td><td>KK asli; KTP-el; Surat pengantar RT</td></tr>
<tr><td>Lama Proses</td><td>:</td><td>1 hari</td></tr><tr><td>Biaya</td><td>:</td>
<td>Gratis</td></tr></table></div></body></html>"""

COLUMN_TABLE = """<html><body><div class="content"><h1>Legalisir Dokumen</h1>
<table><tr><th>No</th><th>Persyaratan</th></tr><tr><td>1</td><td>Dokumen asli</td></tr>
<tr><td>2</td><td>Fotokopi dokumen</td></tr></table>
<h4>Prosedur</h4><p>Serahkan berkas ke petugas loket.</p>
<h4>Biaya</h4><p>Gratis</p></div></body></html>"""


def test_wordpress_headings_and_lists():
    fields = service(WORDPRESS)
    assert fields["requirements"] == ["Telah berusia 17 tahun", "Fotokopi Kartu Keluarga"]
    assert fields["procedure"] == ["Ambil nomor antrian", "Perekaman biometrik",
                                   "Pencetakan KTP-el"]
    assert fields["duration"] == "1 (satu) hari kerja"
    assert fields["cost"] == "Tidak dipungut biaya (gratis)"
    assert "UU No. 24 Tahun 2013" in fields["legal_basis"]
    assert fields["location"].startswith("Kantor Disdukcapil")
    assert fields["online_url"] == "https://siak.jambikota.go.id/daftar"


def test_bold_labels_with_line_breaks():
    fields = service(BOLD_PARAGRAPHS)
    assert fields["requirements"] == ["Surat keterangan lahir dari bidan",
                                      "Fotokopi KK orang tua", "Fotokopi buku nikah"]
    assert fields["procedure"] == ["Pemohon mengisi formulir F-2.01", "Petugas memverifikasi"]
    assert fields["duration"] == "3 hari kerja"
    assert fields["cost"] == "Gratis"
    assert fields["location"] == "Mal Pelayanan Publik Kota Jambi, lantai 1"


def test_standard_pelayanan_table_with_numbered_rows():
    fields = service(STANDARD_TABLE)
    assert fields["legal_basis"] == "PP No. 7 Tahun 2021"
    assert fields["requirements"] == ["KTP pemilik", "NIB"]
    assert fields["procedure"] == ["Daftar di OSS", "Verifikasi berkas", "Izin terbit"]
    assert fields["duration"] == "5 hari kerja"
    assert fields["cost"] == "Tidak dipungut biaya"


def test_definition_list():
    fields = service(DEFINITION_LIST)
    assert fields["requirements"] == ["Fotokopi ijazah terakhir", "Pas foto 3x4"]
    assert fields["procedure"] == ["Datang ke loket, isi formulir, ambil kartu."]
    assert fields["duration"] == "30 menit"
    assert fields["cost"] == "Rp 0,-"


def test_label_table_with_colon_column_and_semicolon_lists():
    fields = service(LABEL_TABLE_WITH_COLON)
    assert fields["requirements"] == ["KK asli", "KTP-el", "Surat pengantar RT"]
    assert fields["duration"] == "1 hari"
    assert fields["cost"] == "Gratis"


def test_table_with_a_requirements_column():
    fields = service(COLUMN_TABLE)
    assert fields["requirements"] == ["Dokumen asli", "Fotokopi dokumen"]
    assert fields["procedure"] == ["Serahkan berkas ke petugas loket."]
    assert fields["cost"] == "Gratis"


@pytest.mark.parametrize("label,field", [
    ("Persyaratan", "requirements"), ("Syarat-syarat:", "requirements"),
    ("Persyaratan Pelayanan", "requirements"), ("2. Persyaratan Administrasi", "requirements"),
    ("Prosedur", "procedure"), ("Alur Pelayanan", "procedure"), ("Mekanisme", "procedure"),
    ("Tata Cara Pengajuan", "procedure"), ("Waktu Penyelesaian", "duration"),
    ("Jangka Waktu", "duration"), ("Biaya/Tarif", "cost"), ("Biaya / Tarif", "cost"),
    ("Dasar Hukum", "legal_basis"), ("Lokasi", "location"),
    ("Tempat Pelayanan", "location"), ("Daftar Online", "online_url"),
    ("Berita Terbaru", None), ("Kontak Kami", None),
    # the variants of the sample web's five templates and of the national service standard
    ("Syarat", "requirements"), ("Prosedur Pelayanan", "procedure"),
    ("Sistem, Mekanisme dan Prosedur", "procedure"), ("Waktu Layanan", "duration"),
    ("Jangka Waktu Penyelesaian", "duration"), ("Tarif", "cost"), ("Biaya/Tarif", "cost"),
    ("Landasan Hukum", "legal_basis"), ("Lokasi Pelayanan", "location"),
    ("Akses Online", "online_url"), ("Link Aplikasi", "online_url"),
    ("Pengajuan Online", "online_url"), ("Produk Pelayanan", None), ("Jam Pelayanan", None),
])
def test_label_vocabulary(label, field):
    assert match_label(label) == field


FIRE_CALL = """<html><body><main><h1 class="page-title">Pemadaman Kebakaran</h1>
<div class="content"><p>Bila terjadi kebakaran, segera hubungi Call Center 112.</p>
<h2>Syarat</h2><ul><li>Lokasi kejadian</li></ul>
<h2>Prosedur Pelayanan</h2><ol><li>Lapor ke Call Center 112</li><li>Petugas diberangkatkan</li></ol>
<h2>Waktu Layanan</h2><p>Petugas segera diberangkatkan setelah laporan diterima</p>
<h2>Tarif</h2><p>Gratis</p><h2>Landasan Hukum</h2><p>Perwal Kota Jambi 27/2020</p>
<h2>Lokasi</h2><p>Seluruh wilayah Kota Jambi</p>
<h2>Akses Online</h2><p><a href="https://merah.jambikota.go.id/">Si Merah Koja</a></p>
</div></main></body></html>"""


def test_a_one_line_requirement_that_looks_like_a_label_is_the_requirement():
    """Damkar's "Syarat: Lokasi kejadian" is the whole requirement, not a "Lokasi" label."""
    fields = service(FIRE_CALL)
    assert fields["requirements"] == ["Lokasi kejadian"]
    assert fields["procedure"] == ["Lapor ke Call Center 112", "Petugas diberangkatkan"]
    assert fields["duration"] == "Petugas segera diberangkatkan setelah laporan diterima"
    assert fields["cost"] == "Gratis"
    assert fields["legal_basis"] == "Perwal Kota Jambi 27/2020"
    assert fields["location"] == "Seluruh wilayah Kota Jambi"
    assert fields["online_url"] == "https://merah.jambikota.go.id/"
    doc = html_document(FIRE_CALL.encode(), url="https://damkar.jambikota.go.id/layanan/api/",
                        content_type=None, http_last_modified=None, source="s", opd="o").document
    assert doc.kind == "service"


def test_a_value_that_starts_like_a_label_is_kept():
    fields = service("<html><body><main><h1>SLF</h1><h2>Persyaratan Pelayanan</h2><ul>"
                     "<li>As-built drawing</li></ul><h2>Biaya</h2><p>Retribusi sesuai Perda</p>"
                     "<h2>Tempat Pelayanan</h2><p>Loket DPMPTSP</p></main></body></html>")
    assert fields["cost"] == "Retribusi sesuai Perda"
    assert fields["location"] == "Loket DPMPTSP"


def test_a_service_without_requirements_is_still_a_service():
    html = ("<html><body><main><h1>Call Center 112</h1><p>Nomor darurat bebas pulsa.</p>"
            "<h3>Prosedur</h3><ol><li>Tekan 112</li><li>Operator meneruskan laporan</li></ol>"
            "<h3>Biaya/Tarif</h3><p>Gratis</p></main></body></html>")
    doc = html_document(html.encode(), url="https://a.go.id/layanan/112", content_type=None,
                        http_last_modified=None, source="s", opd="o").document
    assert doc.kind == "service"
    assert doc.fields["cost"] == "Gratis"


def test_an_agency_profile_with_legal_basis_and_address_is_not_a_service():
    html = ("<html><body><main><h1>Profil Dinas</h1><p>Dinas dibentuk tahun 2016.</p>"
            "<h3>Dasar Hukum</h3><p>Perda Kota Jambi Nomor 8 Tahun 2016</p>"
            "<h3>Alamat</h3><p>Jl. Basuki Rahmat No. 1, Kota Jambi</p></main></body></html>")
    doc = html_document(html.encode(), url="https://a.go.id/profil", content_type=None,
                        http_last_modified=None, source="s", opd="o").document
    assert doc.kind == "page" and doc.fields == {}


def test_semicolons_split_a_sentence_list_but_not_a_list_item():
    fields = service("<html><body><main><h1>x</h1><h4>Syarat-syarat</h4>"
                     "<p>Fotokopi KTP; Fotokopi KK (asli; dan salinan); dan Surat pengantar RT.</p>"
                     "<h4>Alur Pelayanan</h4><ol><li>IGD langsung; poliklinik sesuai jadwal</li>"
                     "<li>Bayar di kasir</li></ol></main></body></html>")
    assert fields["requirements"] == ["Fotokopi KTP", "Fotokopi KK (asli; dan salinan)",
                                      "Surat pengantar RT"]
    assert fields["procedure"] == ["IGD langsung; poliklinik sesuai jadwal", "Bayar di kasir"]


def test_a_standard_component_that_is_not_a_field_ends_the_section():
    fields = service("<html><body><main><h1>AK/1</h1><p><b>Persyaratan:</b></p>"
                     "<ul><li>Fotokopi KTP</li></ul><p><b>Produk Pelayanan:</b></p>"
                     "<ul><li>Kartu AK/1</li></ul><p><b>Biaya:</b> Gratis</p></main></body></html>")
    assert fields["requirements"] == ["Fotokopi KTP"]
    assert fields["cost"] == "Gratis"


def test_document_kind_title_and_boilerplate():
    extracted = html_document(WORDPRESS.encode(), url="https://dukcapil.jambikota.go.id/ktp",
                              content_type="text/html", http_last_modified=None,
                              source="disdukcapil", opd="Disdukcapil")
    doc = extracted.document
    assert doc.kind == "service"
    assert doc.title == "Pembuatan KTP-el"
    assert "Perekaman biometrik" in doc.text
    # menus, sidebars and footers are not content
    assert "Akta Kelahiran: syarat" not in doc.text
    assert "Berita Terbaru" not in doc.text and "Hak cipta" not in doc.text
    # ...but their links are still followed
    assert any(link.url.endswith("/akta") for link in extracted.links)
    assert "Persyaratan" in doc.headings


def test_title_prefers_og_title_over_site_suffix():
    html = ("<html><head><title>Disdukcapil Kota Jambi | Beranda</title>"
            "<meta property='og:title' content='Jadwal Pelayanan Sabtu - Disdukcapil'>"
            "<meta property='og:site_name' content='Disdukcapil'></head>"
            "<body><p>Pelayanan dibuka hari Sabtu.</p></body></html>")
    doc = html_document(html.encode(), url="https://a.go.id/x", content_type=None,
                        http_last_modified=None, source="s", opd="o").document
    assert doc.title == "Jadwal Pelayanan Sabtu"


def test_news_page_kind_and_visible_date_and_breadcrumbs():
    html = """<html><body><ol class="breadcrumb"><li><a href="/">Beranda</a></li>
    <li><a href="/berita">Berita</a></li><li>Perekaman KTP Keliling</li></ol>
    <div class="post"><h1>Perekaman KTP Keliling di Kecamatan Telanaipura</h1>
    <p class="meta">Diposting: Selasa, 12 Maret 2024</p>
    <p>Disdukcapil melakukan perekaman KTP-el keliling bagi warga lanjut usia.</p></div>
    </body></html>"""
    doc = html_document(html.encode(), url="https://dukcapil.jambikota.go.id/berita/ktp-keliling",
                        content_type="text/html", http_last_modified=None,
                        source="s", opd="o").document
    assert doc.kind == "news"
    assert doc.last_modified == "2024-03-12"
    assert doc.breadcrumbs == ["Beranda", "Berita", "Perekaman KTP Keliling"]
    assert doc.fields == {}


def test_meta_modified_time_beats_http_header():
    html = ("<html><head><meta property='article:modified_time' "
            "content='2023-08-17T09:00:00+07:00'></head><body><h1>x</h1></body></html>")
    doc = html_document(html.encode(), url="https://a.go.id/p", content_type=None,
                        http_last_modified="Wed, 21 Oct 2015 07:28:00 GMT",
                        source="s", opd="o").document
    assert doc.last_modified == "2023-08-17"


def test_dates():
    assert visible_date("Terakhir diperbarui 5 Agu 2023 pukul 10.00") == "2023-08-05"
    assert visible_date("Acara 1 Januari 2020. Diperbarui: 3 Desember 2023") == "2023-12-03"
    assert visible_date("tanggal 31 Februari 2024") is None
    assert parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT") == "2015-10-21"


def test_language():
    assert detect_language("Persyaratan pembuatan kartu tanda penduduk elektronik") == "id"
    assert detect_language("How to apply for an electronic identity card online") == "en"
    assert detect_language("anything at all", declared="en") == "en"


@pytest.mark.parametrize("body,header,expected", [
    ("Biaya \u2013 caf\u00e9".encode("cp1252"), "text/html; charset=utf-8",
     "Biaya \u2013 caf\u00e9"),
    ("Biaya \u2013 caf\u00e9".encode(), "text/html; charset=ISO-8859-1",
     "Biaya \u2013 caf\u00e9"),
    ("<meta charset='windows-1252'>\u201cBiaya\u201d".encode("cp1252"), None,
     "\u201cBiaya\u201d"),
    ("Syarat \u00bd hari \u2013 \u20ac".encode("cp1252"), None, "\u00bd hari \u2013 \u20ac"),
])
def test_charset_evidence_beats_declarations(body, header, expected):
    text, _ = decode_html(body, header)
    assert expected in text


def test_binary_sniffing():
    assert looks_binary(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert not looks_binary("<html><body>Biaya \u2013</body></html>".encode("cp1252"))


def test_title_part_repeated_as_a_heading_wins_over_the_site_name():
    html = ("<html><head><title>BPPRD Kota Jambi :: Pembayaran PBB-P2</title></head><body>"
            "<table><tr><td class='kiri'>BERITA TERBARU</td><td class='isi'>"
            "<h3 class='judul'>Pembayaran PBB-P2</h3><p>PBB-P2 dibayar setiap tahun.</p>"
            "</td></tr></table></body></html>")
    doc = html_document(html.encode(), url="http://a.go.id/layanan.asp?id=1", content_type=None,
                        http_last_modified=None, source="s", opd="o").document
    assert doc.title == "Pembayaran PBB-P2"


PHP_TEMPLATE = """<!DOCTYPE html><html lang="id"><head>
<title>{title} | Dinas Perhubungan Kota Jambi</title></head>
<body><div class="header"><div class="container"><h1 class="logo">Dinas Perhubungan Kota Jambi</h1>
<p>Tertib, Aman dan Lancar Berlalu Lintas</p></div></div>
<nav class="navbar"><ul class="nav"><li><a href="index.php">Beranda</a></li></ul></nav>
<div class="container"><marquee scrollamount="3">Selamat datang di website resmi Dinas
Perhubungan Kota Jambi. Layanan kedaruratan Kota Jambi: 112 (bebas pulsa).</marquee></div>
<div class="container"><div class="row"><div class="col-md-8 konten">
<div class="panel"><div class="panel-heading"><h2 class="panel-title">{title}</h2></div>
<div class="panel-body">{body}</div></div></div>
<div class="col-md-4 sidebar"><div class="panel-heading">Berita Terbaru</div></div></div></div>
<footer class="footer"><p>Dinas Perhubungan Kota Jambi</p></footer></body></html>"""


def php_page(title: str, body: str, url: str = "http://dishub.go.id/index.php?page=x"):
    html = PHP_TEMPLATE.replace("{title}", title).replace("{body}", body)
    return html_document(html.encode(), url=url, content_type=None, http_last_modified=None,
                         source="dishub", opd="Dinas Perhubungan Kota Jambi").document


def test_the_logo_h1_is_the_site_name_not_the_page_title():
    doc = php_page("Pengujian Berkala Kendaraan Bermotor (Uji KIR)",
                   "<p>Uji KIR wajib bagi kendaraan angkutan umum dan barang.</p>")
    assert doc.title == "Pengujian Berkala Kendaraan Bermotor (Uji KIR)"


def test_a_news_headline_in_an_h2_beats_the_logo():
    doc = php_page("Bus Trans Siginjai Wajib Uji KIR",
                   "<p>19 Agustus 2024</p><p>Dinas Perhubungan mengingatkan bahwa bus Trans "
                   "Siginjai wajib menjalani uji KIR setiap enam bulan.</p>",
                   url="http://dishub.go.id/berita.php?id=104")
    assert doc.title == "Bus Trans Siginjai Wajib Uji KIR"
    # neither the masthead's tagline nor the running welcome text is the news
    assert "Tertib, Aman" not in doc.text
    assert "Selamat datang" not in doc.text and "bebas pulsa" not in doc.text
    assert "setiap enam bulan" in doc.text


def test_a_section_header_named_header_is_not_the_masthead():
    fields = service("<html><body><main><h1>Legalisir</h1><div class='header'><h3>Persyaratan"
                     "</h3></div><ul><li>Dokumen asli</li></ul><div class='header'><h3>Biaya"
                     "</h3></div><p>Gratis</p></main></body></html>")
    assert fields["requirements"] == ["Dokumen asli"]
    assert fields["cost"] == "Gratis"


@pytest.mark.parametrize("head,body,expected", [
    # WordPress: "Page – Site", the site title is a rel=home link
    ("<title>Kartu Identitas Anak (KIA) &#8211; Disdukcapil Kota Jambi</title>",
     "<p class='site-title'><a href='/' rel='home'>Disdukcapil Kota Jambi</a></p>"
     "<article><h1 class='entry-title'>Kartu Identitas Anak (KIA)</h1><p>KIA untuk anak.</p>"
     "</article>", "Kartu Identitas Anak (KIA)"),
    # site name first, and the same name as og:title on every page
    ("<title>Dinas Sosial Kota Jambi » Santunan Kematian</title>"
     "<meta property='og:title' content='Dinas Sosial Kota Jambi'>"
     "<meta property='og:site_name' content='Dinas Sosial Kota Jambi'>",
     "<div class='isi'><h3>Santunan Kematian</h3><p>Santunan bagi ahli waris.</p></div>",
     "Santunan Kematian"),
    # no heading at all: <title> minus the segment that is the brand's text
    ("<title>Jadwal Pelayanan Sabtu · Disdukcapil</title>",
     "<a class='navbar-brand' href='/'>Disdukcapil</a><p>Pelayanan dibuka hari Sabtu.</p>",
     "Jadwal Pelayanan Sabtu"),
    # a listing page is legitimately titled "Berita"
    ("<title>Berita - Damkar Kota Jambi</title>"
     "<meta property='og:site_name' content='Damkar Kota Jambi'>",
     "<main><h1>Berita</h1><ul><li><a href='/berita/a/'>Damkar Tangani 77 Kasus</a></li></ul>"
     "</main>", "Berita"),
    # a page that only ever says the site's name keeps it rather than no title
    ("<title>Dinas Perkim Kota Jambi</title>",
     "<h1 class='logo'>Dinas Perkim Kota Jambi</h1><p>Selamat datang.</p>",
     "Dinas Perkim Kota Jambi"),
])
def test_title_is_the_page_not_the_site(head, body, expected):
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    doc = html_document(html.encode(), url="https://a.go.id/x", content_type=None,
                        http_last_modified=None, source="s", opd="o").document
    assert doc.title == expected


def doc_of(html: str, url: str):
    return html_document(html.encode(), url=url, content_type=None, http_last_modified=None,
                         source="s", opd="o").document


CMS = """<html><head><title>{title} :: DLH Kota Jambi</title></head><body><div id="wrapper">
<div id="header"><div class="judul-situs">DLH Kota Jambi</div>
<div class="slogan">Kota Jambi Bersih, Hijau dan Sehat</div></div>
<div id="menu"><ul><li><a href="/">Beranda</a></li><li><a href="/berita.html">Berita</a></li></ul>
</div><div id="isi"><div id="kiri"><h1>{title}</h1>{body}</div>
<div id="kanan"><div class="kotak"><h3>Berita Terbaru</h3><ul>
<li><a href="/berita/2024/02/revisi-retribusi-tpa.html">DPRD Wacanakan Revisi Retribusi</a></li>
<li><a href="/berita/2023/01/jalan.html">Jalan Rusak Jadi Keluhan Terbanyak</a></li></ul></div>
<div class="kotak"><h3>Pengaduan</h3><p>Laporkan keluhan Anda melalui SiKesal.</p></div></div>
</div><div id="footer">DLH Kota Jambi</div></div></body></html>"""


def cms(title: str, body: str) -> str:
    return CMS.replace("{title}", title).replace("{body}", body)


def test_a_short_news_item_is_news_dated_and_without_the_side_column():
    doc = doc_of(cms("PUPR Tata Parit Jalan Raden Wijaya",
                     "<div class='tanggal'>22 April 2024</div><p>Dinas PUPR menata parit di "
                     "Jalan Raden Wijaya untuk mengurangi genangan.</p>"),
                 "http://dlh.go.id/berita/2024/04/parit.html")
    assert doc.kind == "news"
    assert doc.last_modified == "2024-04-22"
    assert "Berita Terbaru" not in doc.text and "DPRD Wacanakan" not in doc.text
    assert "Laporkan keluhan" not in doc.text
    assert "mengurangi genangan" in doc.text


@pytest.mark.parametrize("dateline", [
    "<div class='entry-meta'>Diposting pada <time class='entry-date published' "
    "datetime='2025-10-13T08:00:00+07:00'>13 Oktober 2025</time> oleh admin</div>",
    "<p class='tgl'><i>Diposting: 13 Oktober 2025</i></p>",
    "<p class='meta'><time datetime='2025-10-13'>13 Oktober 2025</time></p>",
])
def test_a_dateline_under_the_headline_makes_news_whatever_the_url(dateline):
    """WordPress posts live at /?p=140, old ASP news at /newspopup.asp?id=2013."""
    html = (f"<html><body><article><h1>Jemput Bola Perekaman KTP-el ke Sekolah</h1>{dateline}"
            "<p>Disdukcapil menurunkan tim jemput bola ke SMA dan SMK. " + "Isi berita. " * 30
            + "</p></article></body></html>")
    for url in ("http://a.go.id/?p=140", "http://a.go.id/newspopup.asp?id=2013"):
        doc = doc_of(html, url)
        assert doc.kind == "news", url
        assert doc.last_modified == "2025-10-13"
        assert not doc.fields.get("listing")


@pytest.mark.parametrize("after", [
    # the first sentence opens with a linked agency's name
    "<p><a href='/profil'>Dinas Kependudukan dan Pencatatan Sipil</a> menurunkan tim.</p>",
    # a byline whose author link is as long as a short title
    "<p>Oleh: <a href='/author/humas'>Humas Pemkot Kota Jambi</a></p>",
])
def test_a_date_before_a_link_among_words_is_the_article_s(after):
    html = ("<html><body><article><h1>Jemput Bola Perekaman KTP-el ke Sekolah</h1>"
            f"<p class='tgl'>13 Oktober 2025</p>{after}<p>Tim jemput bola ke SMA dan SMK. "
            + "Isi berita. " * 30 + "</p></article></body></html>")
    doc = doc_of(html, "http://a.go.id/?p=140")
    assert doc.kind == "news"
    assert doc.last_modified == "2025-10-13"


def test_a_date_in_a_pages_first_paragraph_is_not_a_dateline():
    html = ("<html><body><main><h1>Profil Dinas</h1><p>Dinas dibentuk berdasarkan Perda yang "
            "ditetapkan pada 12 Maret 2016 dan mulai bekerja sejak 1 Januari 2017 di bawah "
            "Wali Kota Jambi.</p><p>" + "Tugas pokok dinas. " * 20 + "</p></main></body></html>")
    assert doc_of(html, "http://a.go.id/profil").kind == "page"


@pytest.mark.parametrize("title,body,url", [
    # service index: an intro and one link per service
    ("Layanan", "<p>Berikut jenis layanan yang dapat diakses masyarakat.</p><ol>"
     "<li><a href='/layanan/pemadaman-kebakaran/'>Pemadaman Kebakaran</a></li>"
     "<li><a href='/layanan/penyelamatan-evakuasi/'>Penyelamatan dan Evakuasi</a></li>"
     "<li><a href='/layanan/relawan-redkar/'>Relawan Pemadam Kebakaran</a></li></ol>",
     "http://damkar.go.id/layanan/"),
    # news index with dates and summaries, even with a single item and a news-like path
    ("Berita", "<div class='post-item'><h3><a href='/berita/2024/04/parit.html'>PUPR Tata "
     "Parit Jalan Raden Wijaya</a></h3><small>22 April 2024</small><p>Dinas PUPR Kota Jambi "
     "menata parit di Jalan Raden Wijaya untuk mengurangi genangan saat hujan deras.</p></div>",
     "http://dlh.go.id/berita.html"),
    # downloads: the page is its links
    ("Unduhan", "<p>Dokumen yang dapat diunduh:</p><ul><li><a href='/files/standar.pdf'>"
     "Standar Pelayanan Disdukcapil Kota Jambi (PDF)</a></li></ul>",
     "http://a.go.id/?page_id=182"),
    # Bootstrap cards (CodeIgniter/Laravel): a heading, an excerpt, a "Selengkapnya" button
    ("Daftar Layanan", "<div class='row'>" + "".join(
        f"<div class='col-md-6'><div class='card'><h5 class='card-title'>{name}</h5><p>{name} "
        f"bagi warga pemegang Kartu Bahagia, cukup menunjukkan KTP-el.</p><a href='/layanan/"
        f"detail/{i}' class='btn'>Selengkapnya</a></div></div>"
        for i, name in enumerate(["Berobat Gratis", "Beasiswa", "Santunan Kematian"])) +
     "</div>", "http://kartubahagia.go.id/layanan"),
    # an old PHP table's news rows: a bold linked headline, its date, a summary
    ("Berita", "".join(
        f"<p><b><a href='index.php?p=berita&amp;id={i}'>{title}</a></b><br><font size='1'>"
        f"{i} Juli 2025</font><br>Untuk mengurangi antrean, UPTD membuka pelayanan uji "
        "berkala sampai Sabtu pukul 12.00 WIB.</p>"
        for i, title in [(11, "Uji KIR Dibuka Hingga Sabtu"), (12, "Truk Batu Bara Diputar")]),
     "http://uptd.go.id/index.php?p=berita"),
    # WordPress's page of child pages: each link followed by its excerpt
    ("Layanan", "<ul><li><a href='/layanan/poli-umum/'>Poli Umum</a> &ndash; Poli umum melayani "
     "pemeriksaan dan pengobatan warga setiap hari kerja.</li><li><a href='/layanan/ckg/'>Cek "
     "Kesehatan Gratis</a> &ndash; Setiap warga dapat memeriksakan kesehatannya gratis.</li>"
     "</ul>", "http://puskesmas.go.id/layanan/"),
    # a home page, whatever it shows
    ("Beranda DLH Kota Jambi", "<p>" + "Selamat datang di situs resmi DLH Kota Jambi. " * 12
     + "</p>", "http://dlh.go.id/index.php"),
])
def test_listing_pages_are_flagged(title, body, url):
    doc = doc_of(cms(title, body), url)
    assert doc.kind == "page"
    assert doc.fields == {"listing": True}


def test_a_short_service_index_keeps_the_side_column_out():
    doc = doc_of(cms("Layanan", "<p>Berikut jenis layanan yang dapat diakses masyarakat. Klik "
                     "nama layanan untuk melihat persyaratan, prosedur, waktu dan biaya.</p><ol>"
                     "<li><a href='/layanan/igd.html'>Instalasi Gawat Darurat</a></li></ol>"),
                 "http://rsud.go.id/layanan.html")
    assert doc.fields == {"listing": True}
    assert "Instalasi Gawat Darurat" in doc.text
    assert "Berita Terbaru" not in doc.text and "Laporkan keluhan" not in doc.text


def test_a_service_or_an_article_with_links_is_not_a_listing():
    service_page = doc_of(cms("Pengaduan Sampah", "<p>Laporkan sampah yang belum terangkut.</p>"
                              "<h3>Persyaratan</h3><ul><li>Foto lokasi</li></ul><h3>Prosedur</h3>"
                              "<ol><li>Lapor lewat <a href='/aplikasi/sikesal/'>SiKesal</a></li>"
                              "<li>Petugas mengangkut</li></ol><h3>Layanan Online</h3><ul><li>"
                              "<a href='https://sikesal.jambikota.go.id/'>SiKesal</a></li></ul>"),
                          "http://dlh.go.id/layanan/pengaduan-sampah.html")
    assert service_page.kind == "service" and "listing" not in service_page.fields
    article = doc_of(cms("Revisi Retribusi Sampah TPA",
                         "<p>" + "DPRD mewacanakan revisi Perda retribusi jasa umum. " * 10 +
                         "</p><h3>Berita terkait</h3><ul><li><a href='/berita/a.html'>Sampah "
                         "Numpuk</a></li><li><a href='/berita/b.html'>TPA Penuh</a></li></ul>"),
                     "http://dlh.go.id/artikel/revisi.html")
    assert "listing" not in article.fields


def test_entries_must_be_alike_and_short_to_make_a_listing():
    """A table layout's side column and content column both lead with bold text and hold
    links, but are not built alike; an article's paragraphs that each carry a link are
    neither led by it nor short."""
    contact = """<html><body><table><tr>
    <td><b>MENU LAYANAN</b><br>&#8226; <a href="index.php?p=layanan&amp;id=1">Uji Berkala</a>
    <br><table><tr><td>Pengunjung hari ini : 27</td></tr></table></td>
    <td><font size="3"><b>Kontak Kami</b></font><hr><p>Alamat: Kenali Asam Bawah, Kota Jambi.
    Jam pelayanan Senin-Kamis 08.00-16.00 WIB. Pengaduan: <a href="https://lapor.go.id">
    SP4N-LAPOR!</a></p></td></tr></table></body></html>"""
    assert "listing" not in doc_of(contact, "http://uptd.go.id/index.php?p=kontak").fields
    paragraph = ("<p>Warga dapat mengurus KTP-el di kantor kecamatan; syaratnya dijelaskan di "
                 "<a href='/layanan/{0}'>halaman layanan {0}</a> bersama jadwal pelayanan.</p>")
    article = doc_of(cms("Jemput Bola KTP-el", "".join(paragraph.format(x) for x in "abc")),
                     "http://a.go.id/artikel/jemput-bola")
    assert "listing" not in article.fields


BLOGGER = """<html><head><title>{title}</title></head><body>
<div class="header-outer"><div class="Header"><h1 class="title"><a href="/">Kecamatan Kota Baru</a>
</h1><p class="description"><span>Blog Resmi Kecamatan Kota Baru, Kota Jambi</span></p></div></div>
<div class="main-outer"><div class="main section">{posts}</div>
<div class="sidebar section"><div class="widget"><h2>Arsip Blog</h2><ul><li>
<a href="/2025/09/a.html">
Jumat Bersih</a></li></ul></div></div></div></body></html>"""
POST = """<div class="date-outer"><h2 class="date-header"><span>{day} September 2025</span></h2>
<div class="post hentry"><h3 class="post-title"><a href="/2025/09/{slug}.html">{title}</a></h3>
<div class="post-body"><p>Aparatur kecamatan bergotong royong membersihkan parit.</p></div>
<div class="post-footer">Diposting oleh Admin di
<a class="timestamp-link" href="/2025/09/{slug}.html">
<abbr class="published" title="2025-09-{day}T09:15:00+07:00">09.15</abbr></a></div></div></div>"""


def test_a_blog_post_is_news_of_its_own_date_and_a_label_page_lists_posts():
    post = doc_of(BLOGGER.format(title="Jumat Bersih", posts=POST.format(
        day=12, slug="jumat-bersih", title="Jumat Bersih Bersama Warga")),
        "http://kec.go.id/2025/09/jumat-bersih.html")
    assert (post.kind, post.last_modified, post.fields) == ("news", "2025-09-12", {})
    assert "Blog Resmi" not in post.text  # the blog's tagline is masthead
    assert "membersihkan parit" in post.text
    label = doc_of(BLOGGER.format(title="Kecamatan Kota Baru: Berita", posts="".join(
        POST.format(day=d, slug=f"p{d}", title=f"Kabar Kecamatan {d}") for d in (12, 20))),
        "http://kec.go.id/search/label/Berita")
    assert (label.kind, label.fields) == ("page", {"listing": True})
    assert "Blog Resmi" not in label.text


@pytest.mark.parametrize("url,news", [
    ("http://uptd.go.id/index.php?p=berita&id=12", True),
    ("http://kec.go.id/2025/09/jumat-bersih.html", True),
    ("http://a.go.id/2025/05/12/ckg-lansia/", True),
    ("http://a.go.id/2025/05/12/", False),  # a day's archive, not a post
    ("http://uptd.go.id/index.php?p=layanan&id=1", False),
    ("http://uptd.go.id/index.php?p=beritakan", False),
])
def test_news_sections_by_path_query_or_a_posts_month(url, news):
    from crawler.extract.document import is_news_path

    assert is_news_path(url) is news


def test_an_old_php_news_row_with_its_date_is_news():
    html = """<html><head><title>UPTD PKB :: Truk Diputar Balik</title></head><body><table><tr>
    <td><font size="3"><b>Truk Diputar Balik di Jalan Lingkar</b></font><hr size="1">
    <font size="1">Tanggal: 18 Maret 2025</font><br><br><p>Petugas gabungan memutar balik
    belasan truk batu bara yang mencoba masuk ke dalam kota.</p></td></tr></table></body></html>"""
    doc = doc_of(html, "http://uptd.go.id/index.php?p=berita&id=12")
    assert (doc.kind, doc.last_modified) == ("news", "2025-03-18")


def test_old_table_layout_keeps_the_side_column_out():
    html = """<html><body><table class="utama"><tr><td class="header">BADAN PAJAK</td></tr>
    <tr><td class="menu"><a href="/">BERANDA</a></td></tr><tr>
    <td class="kiri"><b>BERITA TERBARU</b><br><a href="/b1">Jatuh tempo PBB</a><br>30 Sep 2025</td>
    <td class="isi"><h3>Pembayaran PBB-P2</h3><p>""" + "PBB-P2 dibayar setiap tahun. " * 20 + """
    </p><p><b>Persyaratan :</b></p><ol><li>NOP / SPPT PBB</li></ol>
    <p><b>Biaya/Tarif :</b></p><p>Sesuai SPPT.</p>
    <p>Pengaduan atas pelayanan ini melalui SiKesal.</p></td></tr></table></body></html>"""
    doc = html_document(html.encode(), url="http://a.go.id/x", content_type=None,
                        http_last_modified=None, source="s", opd="o").document
    assert "BERITA TERBARU" not in doc.text and "BADAN PAJAK" not in doc.text
    assert doc.fields["cost"] == "Sesuai SPPT."  # the closing complaint line is not the cost


@pytest.mark.parametrize("canonical,expected", [
    # the canonical's page, on the scheme the page was served at (a theme printing https
    # on an http site, or the reverse, names the page, not where it answers)
    ("https://dukcapil.jambikota.go.id/layanan/ktp/", "http://dukcapil.jambikota.go.id/layanan/ktp/"),
    ("/layanan/ktp?utm_source=x", "http://dukcapil.jambikota.go.id/layanan/ktp"),
    ("https://mpp.jambikota.go.id/ktp", "http://dukcapil.jambikota.go.id/?p=12"),
    ("http://127.0.0.1:8702/ktp", "http://dukcapil.jambikota.go.id/?p=12"),
])
def test_rel_canonical_only_on_the_same_host(canonical, expected):
    html = f"<html><head><link rel='canonical' href='{canonical}'></head><body><h1>KTP</h1>"
    doc = html_document(html.encode(), url="http://dukcapil.jambikota.go.id/?p=12",
                        content_type=None, http_last_modified=None, source="s",
                        opd="o").document
    assert doc.url == expected


BLOGGER_POST = """<html><head><title>Kelurahan Contoh: Pelayanan Surat Pindah</title></head><body>
<div class="header-outer"><div class="Header widget" id="Header1"><h1 class="title">
<a href="/">Kelurahan Contoh</a></h1><p class="description">Melayani dengan hati</p></div></div>
<div class="main-outer"><div class="section" id="main"><div class="widget Blog" id="Blog1">
<div class="blog-posts hfeed"><div class="date-outer"><h2 class="date-header"><span>Senin, 12 Mei
2025</span></h2><div class="post-outer"><div class="post hentry">
<h3 class="post-title entry-title">Pelayanan Surat Pindah</h3>
<div class="post-body entry-content" id="post-body-1">Warga yang akan pindah ke luar kota mengurus
surat pengantar pindah di kantor kelurahan dengan membawa KTP dan KK asli.</div>
</div></div></div></div></div></div>
<div class="sidebar section" id="sidebar"><div class="widget PopularPosts" id="PopularPosts1">
<h2>Populer</h2><ul><li><a href="/2025/01/a.html">Kerja bakti</a></li></ul></div>
<div class="widget HTML" id="HTML1"><h2>Jam Pelayanan</h2><div class="widget-content">Senin - Jumat
08.00 - 16.00 WIB.</div></div></div></div></body></html>"""


def test_a_blogger_post_inside_its_widget_keeps_its_body_and_title():
    """Blogger puts every post inside <div class="widget Blog">: a wrapper named like
    furniture that holds the post (hAtom's hentry / entry-content say so), and its masthead
    h1 is one link home, the blog's name."""
    page = extract_page(BLOGGER_POST, "http://127.0.0.1:9/2025/05/pelayanan-surat-pindah.html")
    assert page.title == "Pelayanan Surat Pindah"
    assert "surat pengantar pindah" in page.text
    assert "Kerja bakti" not in page.text and "Jam Pelayanan" not in page.text
