"""Services an OPD admin writes as news-style posts are read as services; news stays news.

An admin writes a service as a dated post, often in the CMS's default category ("Berita",
"Info"), in editor markup: a label after an emoji ("📌 Persyaratan:"), a question ("Apa saja
syaratnya?"), or no label at all ("Berikut persyaratan untuk mengurus ... yaitu: ...",
"tidak dipungut biaya", "langsung jadi"). Around the post, the theme shows other posts'
teasers (related and popular posts) and the post's category and tags. On the tuning web's
Median UI blog every post was a listing, and on its Newspaper-theme site every short news
post was one (issue #11)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from crawler.extract.document import html_document, states_service
from crawler.extract.service import extract_service_fields

BLOG = "http://kel-contoh.blogspot.com"
WP = "http://dinsos.example.go.id"


def teaser(path: str, title: str, snippet: str) -> str:
    """Another post's card, as Median UI writes it in its related and popular posts."""
    return (f"<article class='ntry'><div class='pCntn'><h2 class='pTtl aTtl sml'><a href='"
            f"{BLOG}{path}'>{title}</a></h2><div class='pSnpt'>{snippet}</div><div class='pInf"
            f"'><time class='aTtmp' data-text='1 Mei 2024' datetime='2024-05-01T09:00:00+07:00'"
            "></time></div></div></article>")


TEASERS = [("/2024/09/bantuan-pangan.html", "Penyaluran Bantuan Pangan di Kantor Lurah",
            "Penerima cukup membawa KTP dan KK asli; bantuan tanpa biaya apa pun."),
           ("/2025/01/rekam-ktp.html", "Perekaman KTP-el di Aula Kelurahan",
            "Pelajar berusia 17 tahun merekam KTP-el; KTP langsung jadi bila blangko ada."),
           ("/2024/07/gotong-royong.html", "Gotong Royong Bersihkan Drainase",
            "Warga RT 05 membersihkan saluran yang tersumbat sampah menjelang musim hujan.")]


def median_post(title: str, body: str, path: str, label: str = "Berita") -> bytes:
    """A post page of Blogger's Median UI template: the date only in a <time> attribute,
    related posts under the post and popular posts in the sidebar, all as <article> cards."""
    cards = "".join(teaser(*t) for t in TEASERS)
    return f"""<!DOCTYPE html><html lang='id'><head><meta content='blogger' name='generator'/>
<link href='{BLOG}{path}' rel='canonical'/><title>{title} - Kelurahan Contoh</title></head>
<body class='onItm onPs'><div class='mainWrp'><header class='header'><h2 class='headH'><a
class='headTtl' href='{BLOG}/'>Kelurahan Contoh</a></h2></header><div class='blogCont'>
<main class='blogItm mainbar'><div class='widget Blog' id='Blog1'><div class='brdCmb'><div
class='hm'><a href='{BLOG}/'>Beranda</a></div><div class='tl'><a href='{BLOG}/search/label/{label}'
>{label}</a></div></div><article class='ntry ps post'><h1 class='pTtl aTtl sml itm'><span>
{title}</span></h1><div class='pInf pSml ps'><time class='aTtmp pTtmp pbl' data-text='8 April
2024' datetime='2024-04-08T09:00:00+07:00'></time></div><div class='pEnt'><div class='pS
post-body postBody' id='postBody'>{body}</div></div></article><div class='rPst' id='rPst'><h3
class='title'>Postingan Terkait</h3>{cards}</div></div></main>
<aside class='blogItm sidebar'><div class='widget PopularPosts'><h3 class='title dt'>Postingan
Populer</h3>{cards}</div></aside></div></div></body></html>""".encode()


def newspaper_post(title: str, body: str, path: str, category: str = "Berita") -> bytes:
    """A post page of tagDiv's Newspaper theme: its category above the title, its tags
    below the text."""
    cat = category.lower()
    return f"""<!doctype html><html lang="id-ID"><head><title>{title} | Dinsos Kota Jambi
</title><link rel="canonical" href="{WP}{path}" /></head><body class="single single-post">
<div class="td-main-content-wrap"><div class="td-pb-span8 td-main-content" role="main">
<article id="post-1591" class="post-1591 post type-post status-publish category-{cat}">
<div class="td-post-header"><ul class="td-category"><li class="entry-category"><a href="{WP}/
category/{cat}/">{category}</a></li></ul><header class="td-post-title"><h1 class="entry-title">
{title}</h1><div class="td-module-meta-info"><div class="td-post-author-name"><a href="{WP}/
author/admin/">Humas Dinsos</a></div><span class="td-post-date"><time class="entry-date updated
td-module-date" datetime="2024-08-05T08:15:00+07:00">5 Agustus 2024</time></span></div></header>
</div><div class="td-post-content tagdiv-type">{body}</div><footer><div class="td-post-source-tags">
<ul class="td-tags td-post-small-box"><li><span>TAGS</span></li><li><a href="{WP}/tag/panti/">
Panti</a></li><li><a href="{WP}/tag/vaksinasi/">Vaksinasi</a></li></ul></div></footer></article>
</div><div class="td-pb-span4 td-main-sidebar"><div class="td_block_wrap"><h4 class="block-title">
Berita Terbaru</h4></div></div></div></body></html>""".encode()


def read(body: bytes, url: str):
    return html_document(body, url=url, content_type="text/html; charset=UTF-8",
                         http_last_modified=None, source="s", opd="Kelurahan Contoh").document


SKTM_RUNON = (
    '<div style="text-align: justify;">Kelurahan mempercepat penerbitan Surat Keterangan '
    "Tidak Mampu bagi keluarga yang memerlukannya untuk keringanan biaya sekolah.</div>"
    '<div><br /></div><div style="text-align: justify;">Berikut persyaratan untuk mengurus '
    "SKTM di Kelurahan Contoh yaitu: pengantar RT/RW dan fotokopi KTP/KK.</div><div><br />"
    '</div><div style="text-align: justify;">Pengurusannya tidak dipungut biaya dan langsung '
    "jadi.</div>")


def test_a_post_with_teasers_of_other_posts_is_not_a_listing():
    path = "/2024/02/domisili.html"
    body = ("<p>Warga yang membutuhkan surat keterangan domisili dapat mengurusnya di kantor "
            "lurah.</p><p><b>Persyaratan :</b> Surat pengantar RT/RW, Fotokopi KTP/KK dan "
            "(pendatang) surat keterangan domisili daerah asal.</p>"
            "<p><b>Lama proses :</b> selesai dalam 1 hari</p><p><b>Biaya :</b> GRATIS</p>")
    doc = read(median_post("Pelayanan Surat Keterangan Domisili", body, path, "Layanan"),
               BLOG + path)
    assert doc.kind == "service"
    # a qualifier in brackets does not make an item too long to be one
    assert doc.fields["requirements"] == ["Surat pengantar RT/RW", "Fotokopi KTP/KK",
                                          "(pendatang) surat keterangan domisili daerah asal"]
    assert doc.fields["cost"] == "GRATIS"
    assert doc.fields["duration"] == "selesai dalam 1 hari"
    # other posts' cards, in the sidebar or under the post, are not this page's words: a
    # post must not be found by its related posts' titles
    assert "Postingan Populer" not in doc.text
    assert "Gotong Royong" not in doc.text and "Perekaman KTP-el" not in doc.text

    news = read(median_post("Lurah Menghadiri Musrenbang Kecamatan", "<p>Lurah menghadiri "
                            "musyawarah perencanaan pembangunan tingkat kecamatan.</p>",
                            "/2024/01/musrenbang.html"), BLOG + "/2024/01/musrenbang.html")
    assert news.kind == "news"
    assert "listing" not in news.fields


def test_a_short_news_post_with_its_category_and_tags_is_news_not_a_listing():
    path = "/2024/08/05/vaksinasi-penghuni-panti/"
    doc = read(newspaper_post("Vaksinasi Massal bagi Penghuni Panti Sosial", "<p>Dinas Sosial "
                              "bersama Dinas Kesehatan memberikan vaksin bagi 85 penghuni panti."
                              "</p>", path), WP + path)
    assert doc.kind == "news"
    assert "listing" not in doc.fields


def test_labels_after_an_emoji_and_as_questions():
    emoji = ("<p>📌 <b>Persyaratan:</b><br />✅ KK asli<br />✅ KTP-el asli</p>"
             "<p>⏰ Waktu penyelesaian: selesai dalam 1 hari kerja<br />💰 Biaya: GRATIS</p>")
    fields = extract_service_fields(BeautifulSoup(emoji, "html.parser"))
    assert fields["requirements"] == ["KK asli", "KTP-el asli"]
    assert fields["duration"] == "selesai dalam 1 hari kerja"
    assert fields["cost"] == "GRATIS"

    asked = ("<p><b>Apa saja syaratnya?</b></p><p>1. Fotokopi akta kelahiran<br />2. KK asli</p>"
             "<p><b>Bagaimana caranya?</b></p><ol><li>Serahkan berkas ke petugas register</li>"
             "<li>Ambil KIA di kelurahan</li></ol><p><b>Berapa biayanya?</b> GRATIS.</p>")
    fields = extract_service_fields(BeautifulSoup(asked, "html.parser"))
    assert fields["requirements"] == ["Fotokopi akta kelahiran", "KK asli"]
    assert fields["procedure"] == ["Serahkan berkas ke petugas register", "Ambil KIA di kelurahan"]


def test_a_service_told_without_labels_in_the_news_category_is_a_service():
    path = "/2024/04/sktm-langsung-jadi.html"
    doc = read(median_post("Warga Kurang Mampu Kini Bisa Urus SKTM Langsung Jadi", SKTM_RUNON,
                           path, "Berita"), BLOG + path)
    assert doc.kind == "service"
    assert doc.fields["kind_confidence"] < 1.0  # told, not sectioned


def test_reports_that_say_what_to_bring_stay_news():
    vaccine = ("<p>Puskesmas bersama kelurahan menggelar vaksinasi massal di aula kelurahan. "
               "Warga cukup membawa KTP, vaksin diberikan gratis.</p>")
    food = ("<p>Sebanyak 312 keluarga menerima bantuan beras. Penerima diminta membawa KTP dan "
            "KK asli; penyaluran selesai dalam satu hari.</p>")
    for n, body in enumerate((vaccine, food)):
        path = f"/2024/05/laporan-{n}.html"
        doc = read(median_post("Kegiatan di Kantor Lurah", body, path), BLOG + path)
        assert doc.kind == "news", body
    # ...and so does a post whose teasers of other posts say it between them
    assert states_service(" ".join(t[2] for t in TEASERS))
    path = "/2024/07/banjir.html"
    doc = read(median_post("Banjir Rendam Dua RT", "<p>Air setinggi lutut merendam dua RT.</p>",
                           path), BLOG + path)
    assert doc.kind == "news"


ARCHIVE_ENTRIES = [
    ("/2024/03/sktm/", "Pelayanan Surat Keterangan Tidak Mampu",
     "<p><b>Persyaratan :</b> Surat pengantar RT/RW, Fotokopi KTP/KK.</p>"
     "<p><b>Biaya :</b> GRATIS</p><p><b>Lama proses :</b> 1 hari</p>"),
    ("/2024/02/domisili/", "Pelayanan Surat Keterangan Domisili",
     "<p><b>Persyaratan :</b> Surat pengantar RT/RW dan Fotokopi KTP.</p>"
     "<p><b>Biaya :</b> GRATIS</p>"),
    ("/2024/01/kematian/", "Pelayanan Akta Kematian",
     "<p>Keluarga melapor kematian warga paling lambat 30 hari setelahnya.</p>"),
]


def wordpress_archive(stock_header: bool) -> bytes:
    """A WordPress tag archive: an unlinked page title, then each post in full under its
    LINKED title, each in a ``post hentry`` wrapper (a theme's divs, or the stock
    ``<article>`` with its ``entry-header``)."""
    entries = []
    for path, title, body in ARCHIVE_ENTRIES:
        heading = f'<h2 class="entry-title"><a href="{WP}{path}" rel="bookmark">{title}</a></h2>'
        if stock_header:
            entries.append(f'<article class="post type-post status-publish hentry"><header '
                           f'class="entry-header">{heading}</header><div class="entry-content">'
                           f"{body}</div></article>")
        else:
            entries.append(f'<div class="post hentry"><div class="post-head">{heading}</div>'
                           f'<div class="entry-content">{body}</div></div>')
    return f"""<!doctype html><html lang="id-ID"><head><title>Layanan | Dinsos Kota Jambi
</title></head><body class="archive tag tag-layanan"><div id="primary" class="content-area">
<main id="main" class="site-main"><header class="page-header"><h1 class="page-title">Tag:
Layanan</h1></header>{"".join(entries)}</main></div></body></html>""".encode()


def test_a_wordpress_archive_of_whole_posts_is_a_listing_not_its_first_post():
    for stock_header in (False, True):
        doc = read(wordpress_archive(stock_header), WP + "/tag/layanan/")
        assert doc.kind == "page" and doc.fields == {"listing": True}, stock_header
        assert "Pelayanan Akta Kematian" in doc.text, stock_header
