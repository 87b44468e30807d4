"""Services told in blog prose on a classic Blogger layout are read as services; reports about
a service stay news.

Kecamatan and kelurahan blogs write a service as a post: "Syarat dan Cara Mengurus ...",
what to bring as ``<br />`` lines or one sentence, "Caranya:", "Biayanya? Gratis", all in
Blogger's editor markup, every post dated (``h2.date-header``, ``abbr.published``). A dated
post used to be news whatever it said, and its prose labels were not labels."""

from __future__ import annotations

from crawler.extract.document import html_document, service_evidence
from crawler.extract.service import extract_service_fields

BLOG = "http://kec-contoh.blogspot.com"
SPAN = '<span style="font-family: arial, helvetica, sans-serif;">'


def blogger_post(title: str, body: str, path: str, date: str = "2025-03-10") -> bytes:
    """A post page of a classic Blogger layout: date header, hAtom entry, sidebar widgets."""
    return f"""<!DOCTYPE html><html dir='ltr' lang='id'><head>
<meta content='blogger' name='generator'/><link href='{BLOG}{path}' rel='canonical'/>
<title>Kecamatan Contoh: {title}</title></head><body>
<div id='header-inner'><h1 class='title'><a href='{BLOG}/'>Kecamatan Contoh</a></h1></div>
<div class='main section' id='main'><div class='widget Blog' id='Blog1'>
<div class='date-outer'><h2 class='date-header'><span>Senin, 10 Maret 2025</span></h2>
<div class='date-posts'><div class='post-outer'><div class='post hentry'>
<h3 class='post-title entry-title'>{title}</h3>
<div class='post-header'><div class='post-header-line-1'></div></div>
<div class='post-body entry-content' id='post-body-1'>{body}<div style='clear: both;'></div></div>
<div class='post-footer'><span class='post-author vcard'>Diposting oleh Admin</span>
<span class='post-timestamp'>di <a class='timestamp-link' href='{BLOG}{path}'><abbr
class='published' title='{date}T08:30:00+07:00'>08.30</abbr></a></span>
<span class='post-labels'>Label: <a href='{BLOG}/search/label/Layanan' rel='tag'>Layanan</a>
</span></div></div></div></div></div>
<div class='blog-pager'><a class='blog-pager-older-link' href='{BLOG}/2025/02/lama.html'>Posting
Lama</a> <a class='home-link' href='{BLOG}/'>Beranda</a></div></div></div>
<div class='sidebar section'><div class='widget PopularPosts'><h2>Postingan Populer</h2>
<ul><li><div class='item-title'><a href='{BLOG}/2024/07/syarat-domisili.html'>Syarat
Domisili</a></div><div class='item-snippet'>Surat domisili diurus di kelurahan...</div></li>
</ul></div><div class='widget BlogArchive'><h2>Arsip Blog</h2><ul class='hierarchy'><li><a
class='post-count-link' href='{BLOG}/2025/'>2025</a> (4)</li></ul></div></div>
</body></html>""".encode()


def read(body: bytes, path: str):
    return html_document(body, url=BLOG + path, content_type="text/html; charset=UTF-8",
                         http_last_modified=None, source="kec", opd="Kecamatan Contoh").document


SKTM_PROSE = (
    f'<div style="text-align: justify;">{SPAN}SKTM masih dipakai untuk keringanan biaya '
    "sekolah.</span></div><div><br /></div>"
    f"<div>{SPAN}<b>Berkas yang harus dibawa:</b></span></div>"
    f"<div>{SPAN}1. Surat pengantar RT/RW<br />2. Fotokopi KTP dan KK</span></div>"
    f"<div><br /></div><div>{SPAN}<b>Caranya:</b><br />1. Datang ke kantor lurah<br />"
    "2. Verifikasi berkas<br />3. SKTM ditandatangani lurah</span></div><div><br /></div>"
    f"<div>{SPAN}Lama pengurusan: hari itu juga</span></div>"
    f"<div>{SPAN}Biayanya?&nbsp;<b>Gratis</b>, tidak dipungut biaya.</span></div>")


def test_blog_prose_labels_are_read_as_service_fields():
    from bs4 import BeautifulSoup

    fields = extract_service_fields(BeautifulSoup(SKTM_PROSE, "html.parser"))
    assert fields["requirements"] == ["Surat pengantar RT/RW", "Fotokopi KTP dan KK"]
    assert fields["procedure"] == ["Datang ke kantor lurah", "Verifikasi berkas",
                                   "SKTM ditandatangani lurah"]
    assert fields["duration"] == "hari itu juga"
    assert fields["cost"].startswith("Gratis, tidak dipungut biaya")


def test_requirements_told_in_one_sentence_and_a_question_label():
    from bs4 import BeautifulSoup

    html = (f"<div>{SPAN}Yang perlu disiapkan: pengantar RT/RW, fotokopi KTP dan KK asli."
            f"</span></div><div>{SPAN}Berapa lama? Biasanya 10 menit saja.</span></div>")
    fields = extract_service_fields(BeautifulSoup(html, "html.parser"))
    assert fields["requirements"] == ["pengantar RT/RW", "fotokopi KTP", "KK asli"]
    assert fields["duration"] == "Biasanya 10 menit saja."
    # a sentence that explains is one requirement, not a list
    explained = (f"<div>{SPAN}Syarat: warga yang sudah tinggal lebih dari enam bulan di "
                 "kelurahan dan membawa surat pengantar dari Ketua RT.</span></div>"
                 f"<div>{SPAN}Biaya: gratis</span></div>")
    fields = extract_service_fields(BeautifulSoup(explained, "html.parser"))
    assert len(fields["requirements"]) == 1


def test_a_dated_blog_post_with_service_sections_is_a_service():
    path = "/2024/09/cara-membuat-sktm-di-kelurahan.html"
    doc = read(blogger_post("Cara Membuat SKTM di Kelurahan", SKTM_PROSE, path), path)
    assert doc.kind == "service"
    assert doc.fields["requirements"][0] == "Surat pengantar RT/RW"


def test_a_dated_post_named_as_a_service_with_one_section_is_a_service():
    # requirements only (no cost, no procedure): not a full service page, but its headline
    # names a service and it has a section: two signals, one about content
    body = (f"<div>{SPAN}Akta kematian diterbitkan Disdukcapil.</span></div>"
            f"<div>{SPAN}<b>Berkas yang harus dibawa:</b></span></div>"
            f"<div>{SPAN}1. Surat kematian dari lurah<br />2. KK yang meninggal</span></div>")
    path = "/2024/11/persyaratan-mengurus-akta-kematian.html"
    doc = read(blogger_post("Persyaratan Mengurus Akta Kematian", body, path), path)
    assert doc.kind == "service"
    assert doc.fields["kind_confidence"] < 1.0


def test_a_report_about_a_service_stays_news():
    body = (f"<div>{SPAN}Tim Disdukcapil membuka jemput bola rekam KTP-el di aula kelurahan "
            "pada Sabtu pagi; 62 warga merekam data.</span></div><div><br /></div>"
            f"<div>{SPAN}Lurah mengingatkan syarat rekam cukup membawa KK asli, dan layanan "
            "ini gratis tanpa biaya.</span></div>")
    path = "/2025/02/disdukcapil-gelar-jemput-bola-rekam.html"
    doc = read(blogger_post("Disdukcapil Gelar Jemput Bola Rekam KTP di Kelurahan", body,
                            path), path)
    assert doc.kind == "news"


def test_a_post_slug_is_its_headline_again_not_a_service_path():
    # "/2025/04/pelayanan-rekam-..." names the service only because Blogger made the URL
    # from the title: headline and path are one signal, and a report stays news
    body = (f"<div>{SPAN}Mobil pelayanan keliling Disdukcapil berada di halaman kantor camat "
            "Sabtu ini pukul 08.00 sampai 12.00 WIB. Warga diminta membawa fotokopi KK; "
            "pelayanan ini gratis.</span></div>")
    path = "/2025/04/pelayanan-rekam-ktp-el-keliling-di.html"
    title = "Pelayanan Rekam KTP-el Keliling di Kantor Camat Sabtu Ini"
    assert read(blogger_post(title, body, path), path).kind == "news"
    # a service folder still is a service path
    evidence = service_evidence("http://x.go.id/layanan/pelayanan-rekam-ktp-el", [title], {},
                                "", [])
    assert "path" in evidence.signals


def test_terms_and_conditions_are_not_a_service_headline():
    evidence = service_evidence("http://x.go.id/p/syarat-dan-ketentuan.html",
                                ["Syarat dan Ketentuan"], {}, "", [])
    assert "headline" not in evidence.signals
    assert "headline" in service_evidence("http://x.go.id/p/a.html",
                                          ["Syarat dan Cara Mengurus Surat Domisili"], {}, "",
                                          []).signals


def test_a_dated_report_linking_the_service_standard_stays_news():
    # headline and a linked standard: two signals, but none of the service's sections
    body = (f"<div>{SPAN}Dishub menghadirkan uji KIR keliling di kecamatan. Persyaratan dan "
            "biaya sesuai <a href='/files/sp-uji-kir.pdf'>Standar Pelayanan Uji KIR (PDF)</a>."
            "</span></div>")
    path = "/2025/05/uji-kir-keliling-hadir.html"
    doc = read(blogger_post("Pelayanan Uji KIR Keliling Hadir di Kecamatan", body, path), path)
    assert doc.kind == "news"
