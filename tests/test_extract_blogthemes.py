"""Kelurahan blogs on the third-party themes Indonesian offices use (Blogger's Plus UI and
Fletro, OpenSID's Natra) are read as their pages say, not as their furniture says.

Three things those themes do that the stock ones did not: an editor's "Baca juga: <link>"
line inside a post (another post's title among this post's words), the byline's date in an
element of its own right after the author's name and an icon ("Administrator4 Maret
2024Berita" as text), and Blogger's label lists that show a label used once as its one
dated post. See the "Blogger and OpenSID as Indonesian offices really run them" families
of ``tools/make_sample_sites.py``."""

from __future__ import annotations

import pytest

from crawler.extract.dates import visible_date
from crawler.extract.document import html_document
from crawler.listings import blogger_listing

BLOG = "http://kel-contoh.blogspot.com"
SID = "http://kel-contoh.desa.id"


def plusui_post(title: str, body: str, path: str) -> bytes:
    """A post page of a Plus UI-like theme: breadcrumb, byline, post body, share buttons."""
    return f"""<!DOCTYPE html><html dir='ltr' lang='id'><head><meta charset='UTF-8'/>
<title>{title} | Kelurahan Contoh</title><link href='{BLOG}{path}' rel='canonical'/></head>
<body><header class='header'><h2 class='headH'><a href='{BLOG}/'>Kelurahan Contoh</a></h2>
</header><main class='blogItm mainbar'><div class='widget Blog' id='Blog1'>
<div class='brdCmb'><a href='{BLOG}/'>Home</a> <a href='{BLOG}/search/label/Info'>Info</a></div>
<article class='ntry ps post'><h1 class='pTtl aTtl itm'>{title}</h1><div class='pInf ps'>
<div class='pNm'>Admin Kelurahan</div><time datetime='2024-01-22T08:00:00+07:00'>22 Januari
2024</time></div><div class='pEnt'><div class='pS post-body postBody' id='postBody'>{body}
</div></div></article></div></main></body></html>""".encode()


def read(body: bytes, url: str):
    return html_document(body, url=url, content_type="text/html; charset=UTF-8",
                         http_last_modified=None, source="kel", opd="Kelurahan Contoh").document


DOMISILI = ("<p>Surat keterangan domisili sering diminta saat melamar pekerjaan.</p>{box}"
            "<p><b>Syarat-syarat:</b><br />1. Surat pengantar RT/RW<br />2. Fotokopi KTP dan "
            "KK</p><p>Lama proses: selesai di hari yang sama<br />Biaya: Gratis<br />Tempat: "
            "Kantor Lurah Contoh</p>")


def test_a_baca_juga_line_inside_a_post_is_not_the_posts_words():
    path = "/2024/01/cara-membuat-surat-keterangan-domisili.html"
    box = (f"<div class='bcaJg'><b>Baca juga:</b> <a href='{BLOG}/2024/05/surat-keterangan-"
           "usaha-untuk-umkm.html'>Surat Keterangan Usaha untuk Pelaku UMKM</a></div>")
    doc = read(plusui_post("Cara Membuat Surat Keterangan Domisili",
                           DOMISILI.format(box=box), path), BLOG + path)
    assert doc.kind == "service"
    assert "Usaha" not in doc.text
    assert "Surat pengantar RT/RW" in doc.text


@pytest.mark.parametrize("box", [
    # written inline by the editor, in a paragraph of its own
    f"<p>Baca Juga : <a href='{BLOG}/2024/05/sku.html'>Surat Keterangan Usaha untuk UMKM</a></p>",
    # two of them in one box, as a theme's "Artikel Terkait" inside the post
    f"<blockquote>Artikel terkait: <a href='{BLOG}/2024/05/sku.html'>Surat Keterangan Usaha</a>"
    f", <a href='{BLOG}/2024/06/ahli-waris.html'>Surat Keterangan Ahli Waris</a></blockquote>",
])
def test_see_also_lines_go_however_they_are_written(box):
    path = "/2024/01/cara-membuat-surat-keterangan-domisili.html"
    doc = read(plusui_post("Cara Membuat Surat Keterangan Domisili",
                           DOMISILI.format(box=box), path), BLOG + path)
    assert "Usaha" not in doc.text and "Ahli Waris" not in doc.text
    assert "Syarat-syarat" in doc.text


def test_a_see_also_line_to_a_file_or_with_words_of_its_own_stays():
    path = "/2024/01/cara-membuat-surat-keterangan-domisili.html"
    box = ("<p>Lihat juga: <a href='https://drive.google.com/file/d/1aB2/view'>Standar Pelayanan "
           "Surat Domisili</a></p><p>Baca juga syarat di bawah ini dengan teliti sebelum datang "
           f"ke kantor lurah agar tidak bolak-balik, atau <a href='{BLOG}/p/kontak.html'>hubungi "
           "kami</a>.</p>")
    doc = read(plusui_post("Cara Membuat Surat Keterangan Domisili",
                           DOMISILI.format(box=box), path), BLOG + path)
    assert "Standar Pelayanan Surat Domisili" in doc.text
    assert "tidak bolak-balik" in doc.text


def natra_article(title: str, body: str, path: str) -> bytes:
    """An article of OpenSID's Natra theme: the byline's parts each after an icon."""
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title} - Website Resmi Kelurahan Contoh</title></head><body>
<header id="header"><div class="logo_area"><h2>Kelurahan Contoh</h2></div></header>
<section id="contentSection"><div class="left_content"><div class="single_page">
<ol class="breadcrumb"><li><a href="{SID}/">Beranda</a></li><li><a
href="{SID}/index.php/artikel/kategori/berita-kelurahan">Berita Kelurahan</a></li></ol>
<h1>{title}</h1><div class="post_commentbox"><a href="#"><i class="fa fa-user"
></i>Administrator</a><span><i class="fa fa-calendar"></i>4 Maret 2024</span><a
href="{SID}/index.php/artikel/kategori/berita-kelurahan">Berita Kelurahan</a><span><i
class="fa fa-eye"></i>Dibaca 570 Kali</span></div><div class="single_page_content">{body}</div>
</div></div></section></body></html>""".encode()


def test_a_natra_article_dated_after_an_icon_is_news():
    path = "/index.php/artikel/2024/3/4/gotong-royong-bersihkan-tepian-batanghari"
    doc = read(natra_article("Gotong Royong Bersihkan Tepian Batanghari",
                             "<p>Warga RT 03 dan RT 05 bersama aparatur kelurahan membersihkan "
                             "sampah di tepian Sungai Batanghari.</p>", path), SID + path)
    assert doc.kind == "news"
    assert visible_date(doc.text) == "2024-03-04"


@pytest.mark.parametrize("text,date", [
    ("Administrator4 Maret 2024Berita Kelurahan", "2024-03-04"),
    ("oleh Admin12 Januari 2025", "2025-01-12"),
    ("nomor 123 Maret 2024", None),  # a longer number is not a day
    ("4 Maret 20245", None),
])
def test_a_date_touching_the_words_around_it_is_still_a_date(text, date):
    assert visible_date(text) == date


@pytest.mark.parametrize("path,listing", [
    ("/search/label/Info", True),
    ("/search/label/Info?m=1", True),
    ("/search/label/Umum?updated-max=2024-07-15T08:00:00%2B07:00&max-results=6", True),
    ("/search?updated-max=2024-07-15T08:00:00%2B07:00&max-results=6", True),
    ("/search?q=sktm", True),
    ("/search", False),
    ("/p/layanan.html", False),
    ("/2024/07/surat-pengantar-pindah.html?m=1", False),
    ("/index.php/search/label", False),
])
def test_bloggers_lists_are_told_from_its_pages(path, listing):
    assert blogger_listing(BLOG + path) is listing


def test_labels_written_one_after_another_in_a_paragraph_are_sections():
    # an editor's one paragraph: each sentence opens with its label, the steps are chained
    # by arrows; before, the requirements ran on to the end of the paragraph
    path = "/2024/05/surat-keterangan-usaha-untuk-umkm.html"
    body = ("<p>Pelaku usaha kecil yang mengajukan KUR diminta melampirkan surat keterangan "
            "usaha dari kelurahan.</p><p>Syarat-syarat: Pengantar RT/RW, fotokopi KTP, foto "
            "tempat usaha. Alur: Minta pengantar RT → Serahkan berkas ke loket → Lurah "
            "menandatangani. Biaya: Gratis. Lama proses: 1 hari kerja.</p>")
    doc = read(plusui_post("Surat Keterangan Usaha untuk Pelaku UMKM", body, path), BLOG + path)
    assert doc.kind == "service"
    assert doc.fields["requirements"] == ["Pengantar RT/RW", "fotokopi KTP", "foto tempat usaha"]
    assert doc.fields["procedure"] == ["Minta pengantar RT", "Serahkan berkas ke loket",
                                       "Lurah menandatangani"]
    assert (doc.fields["cost"], doc.fields["duration"]) == ("Gratis", "1 hari kerja")


def test_a_sentence_that_only_mentions_a_word_of_a_label_is_not_cut():
    path = "/2024/05/pelayanan-tetap-buka.html"
    body = ("<p>Pelayanan tetap buka selama Ramadan. Waktu pelayanan berubah menjadi pukul "
            "08.00-14.00 WIB dan syarat tidak berubah.</p>")
    doc = read(plusui_post("Pelayanan Tetap Buka Selama Ramadan", body, path), BLOG + path)
    assert "Ramadan. Waktu pelayanan berubah" in doc.text
    assert not doc.fields.get("requirements")


def test_a_list_told_in_a_sentence_ends_with_its_sentence():
    # "Caranya: a; b; c." then a paragraph of prose: the prose is not a fourth step
    path = "/2024/03/pelayanan-sktm-tahun-2024.html"
    body = ("<p>Banyak warga bertanya soal SKTM menjelang pendaftaran sekolah.</p><p>Syarat-"
            "syarat: Pengantar RT/RW dan KTP/KK. Caranya: ajukan ke kelurahan; verifikasi; "
            "terbit SKTM.</p><p>Pengurusan tidak dipungut biaya, 1 hari kerja. Silakan datang "
            "ke Kantor Lurah Contoh.</p>")
    doc = read(plusui_post("Pelayanan SKTM Tahun 2024", body, path), BLOG + path)
    assert doc.fields["procedure"] == ["ajukan ke kelurahan", "verifikasi", "terbit SKTM"]
    # ...while a list given on lines of its own goes on past its label's paragraph
    body = ("<p>Berikut syaratnya.</p><p><b>Persyaratan:</b> Fotokopi KTP</p><p>Fotokopi KK"
            "</p><p><b>Biaya:</b> Gratis</p>")
    doc = read(plusui_post("Syarat Surat Domisili", body, path), BLOG + path)
    assert doc.fields["requirements"] == ["Fotokopi KTP", "Fotokopi KK"]
