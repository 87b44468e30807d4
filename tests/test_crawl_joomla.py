"""Joomla sites as they really are: one article at its SEF URL and at non-SEF links with
another menu item (``Itemid``) and so other breadcrumbs, a hits counter that grows on every
fetch, and a publication date in every article's info block, service pages included."""

from __future__ import annotations

from crawler.extract.document import html_document
from crawler.twins import kept_twin, query_twins, twin_identity
from sikoja.store import DocumentStore

SITE = "http://kec-paalmerah.jambikota.go.id"
SEF = f"{SITE}/index.php/layanan/12-surat-keterangan-domisili"
NON_SEF = (f"{SITE}/index.php?option=com_content&view=article&id=12:surat-keterangan-domisili"
           "&catid=9&Itemid=101")


def joomla3(active: str, trail: str, hits: int, body: str, title: str = "Surat Keterangan "
            "Domisili", date: str = "2024-01-15") -> bytes:
    """An article as Protostar renders it under the menu item ``active``."""
    menu = "".join(f'<li class="item-{i}{" current active" if label == active else ""}">'
                   f'<a href="{href}">{label}</a></li>' for i, href, label in (
                       (101, "/", "Beranda"), (103, "/index.php/layanan", "Layanan"),
                       (104, "/index.php/berita", "Berita")))
    return f"""<!DOCTYPE html><html lang="id-id" dir="ltr"><head><meta charset="utf-8" />
<meta name="generator" content="Joomla! - Open Source Content Management" />
<title>{title}</title></head>
<body class="site com_content view-article no-layout no-task itemid-101 fluid">
<header class="header"><a class="brand pull-left" href="/"><span class="site-title">Kecamatan
Paal Merah</span></a></header>
<nav class="navigation"><ul class="nav menu nav-pills mod-list">{menu}</ul></nav>
<div class="moduletable"><ul itemscope itemtype="https://schema.org/BreadcrumbList"
class="breadcrumb"><li>Anda di sini: &#160;</li>{trail}<li class="active"><span>{title}</span>
</li></ul></div>
<div class="row-fluid"><main id="content" role="main" class="span9">
<div class="item-page" itemscope itemtype="https://schema.org/Article">
<div class="page-header"><h2 itemprop="headline">{title}</h2></div>
<dl class="article-info muted"><dt class="article-info-term">Rincian</dt>
<dd class="category-name">Kategori: <a href="/index.php/layanan">Layanan</a></dd>
<dd class="published"><time datetime="{date}T08:00:00+07:00">Diterbitkan: 15 Januari 2024</time>
</dd><dd class="hits"><span class="icon-eye-open" aria-hidden="true"></span>
<meta itemprop="interactionCount" content="UserPageVisits:{hits}" />Dilihat: {hits} kali
</dd></dl>
<div itemprop="articleBody">{body}</div>
<ul class="pager pagenav"><li class="next"><a href="/index.php/layanan/13-sktm" rel="next">
Selanjutnya &gt;</a></li></ul></div></main>
<div id="aside" class="span3"><div class="moduletable"><h3>Berita Terbaru</h3>
<ul class="latestnews"><li><a href="/index.php/berita/32-rapat">Rapat Koordinasi DTKS</a></li>
</ul></div></div></div>
<footer class="footer"><p>&copy; 2024 Kecamatan Paal Merah</p></footer></body></html>
""".encode()


DOMISILI = ("<p>Surat keterangan domisili bagi warga Kecamatan Paal Merah.</p>"
            "<p><strong>Syarat-syarat:</strong></p><ol><li>Surat pengantar RT/RW</li>"
            "<li>Fotokopi KTP/KK</li></ol><p><strong>Alur Pelayanan:</strong></p><ol>"
            "<li>Ambil antrean</li><li>Verifikasi</li><li>Tanda tangan Lurah</li></ol>"
            "<p><strong>Biaya:</strong></p><p>Gratis</p>")
IN_MENU = ('<li><a href="/" class="pathway">Beranda</a><span class="divider"> / </span></li>'
           '<li><a href="/index.php/layanan" class="pathway">Layanan</a>'
           '<span class="divider"> / </span></li>')
FROM_HOME = '<li><a href="/" class="pathway">Beranda</a><span class="divider"> / </span></li>'


def read(url: str, body: bytes):
    return html_document(body, url=url, content_type="text/html; charset=utf-8",
                         http_last_modified=None, source="kec-paalmerah",
                         opd="Kecamatan Paal Merah").document


def test_an_article_under_another_menu_item_is_a_twin_of_its_sef_url():
    sef = read(SEF, joomla3("Layanan", IN_MENU, 584, DOMISILI))
    copy = read(NON_SEF, joomla3("Beranda", FROM_HOME, 587, DOMISILI))
    assert sef.breadcrumbs != copy.breadcrumbs  # each copy has its menu item's trail
    other = read(f"{SITE}/index.php/layanan/13-sktm",
                 joomla3("Layanan", IN_MENU, 90, DOMISILI.replace("domisili", "tidak mampu"),
                         title="Surat Keterangan Tidak Mampu (SKTM)"))
    pages = {d.url: twin_identity(d) for d in (sef, copy, other)}
    # one page kept, at the SEF URL (no query); another article is never its twin
    assert query_twins(pages) == {NON_SEF: SEF}


def test_a_twin_arriving_after_its_sef_page_is_recognised_on_arrival(tmp_path):
    store = DocumentStore.open(tmp_path)
    try:
        store.upsert(read(SEF, joomla3("Layanan", IN_MENU, 584, DOMISILI)))
        copy = read(NON_SEF, joomla3("Beranda", FROM_HOME, 601, DOMISILI))
        assert kept_twin(store, copy) == SEF
        changed = read(NON_SEF, joomla3("Beranda", FROM_HOME, 601, DOMISILI + "<p>Baru.</p>"))
        assert kept_twin(store, changed) is None  # the article changed: not a copy
    finally:
        store.close()


def test_a_copy_under_its_section_arriving_after_a_plainer_one_is_stored(tmp_path):
    store = DocumentStore.open(tmp_path)
    try:
        # the SEF spelling reached from the home page, drawn under the home's trail
        store.upsert(read(SEF, joomla3("Beranda", FROM_HOME, 584, DOMISILI)))
        section = read(NON_SEF, joomla3("Layanan", IN_MENU, 601, DOMISILI))
        assert kept_twin(store, section) is None  # the deeper trail wins: stored, not skipped
        store.upsert(section)
        again = read(SEF, joomla3("Beranda", FROM_HOME, 590, DOMISILI))
        assert kept_twin(store, again) == NON_SEF  # and the plainer copy is the one skipped
    finally:
        store.close()


def test_the_hits_counter_is_not_content():
    news = DOMISILI.replace("<strong>", "").replace("</strong>", "")
    first = read(f"{SITE}/index.php/berita/32-rapat", joomla3("Berita", FROM_HOME, 272, news))
    again = read(f"{SITE}/index.php/berita/32-rapat", joomla3("Berita", FROM_HOME, 275, news))
    assert "Dilihat" not in first.text
    assert "Kategori: Layanan" in first.text  # the rest of the info block stays
    assert first.content_hash() == again.content_hash()  # nothing to rewrite or re-index


PDF_ONLY = ("<p>Kematian warga dilaporkan keluarga melalui kelurahan dan kecamatan agar akta "
            "kematian terbit.</p><p>Unduh standar pelayanan (persyaratan, prosedur, waktu dan "
            'biaya): <a href="/images/dokumen/sp-pelaporan-kematian.pdf">'
            "sp-pelaporan-kematian.pdf</a></p>")


def test_a_dated_service_article_that_links_its_standard_is_a_service():
    title = "Pelaporan Kematian dan Penerbitan Akta Kematian"
    doc = read(f"{SITE}/index.php/layanan/36-pelaporan-kematian",
               joomla3("Layanan", IN_MENU, 272, PDF_ONLY, title=title))
    assert doc.kind == "service"
    # the same article in the news section is news: the date says so there
    news = read(f"{SITE}/index.php/berita/36-pelaporan-kematian",
                joomla3("Berita", FROM_HOME, 272, PDF_ONLY, title=title))
    assert news.kind == "news"


def test_protostar_right_column_is_not_the_page():
    """Protostar's modules sit in ``<div id="aside" class="span3">``, beside ``<main>``; on a
    short page (a tag's articles, the download list) they hold more text than the page."""
    tag_page = b"""<!DOCTYPE html><html lang="id-id"><head><meta charset="utf-8" />
<title>Tag: Kependudukan</title></head><body class="site com_tags view-tag">
<nav class="navigation"><ul class="nav menu"><li><a href="/">Beranda</a></li></ul></nav>
<div class="row-fluid"><main id="content" role="main" class="span9">
<div class="tag-category"><h2>Tag: Kependudukan</h2><ul class="category list-striped">
<li><a href="/index.php/layanan/12-surat-keterangan-domisili">Surat Keterangan Domisili</a></li>
<li><a href="/index.php/layanan/14-pengantar-pindah">Surat Pengantar Pindah</a></li></ul>
</div></main>
<div id="aside" class="span3"><div class="moduletable"><h3>Berita Terbaru</h3>
<ul class="latestnews"><li><a href="/index.php/berita/32-rapat">Rapat Koordinasi Pemutakhiran
DTKS Bersama Lurah dan Operator SIKS-NG se-Kecamatan Paal Merah</a></li></ul></div>
<div class="moduletable"><h3>Jam Pelayanan</h3><div class="custom"><p>Senin sampai Kamis
pukul 08.00 sampai 16.00 WIB, Jumat pukul 08.00 sampai 16.30 WIB. Pelayanan administrasi
kependudukan dan surat keterangan dilayani di loket depan kantor camat.</p></div></div></div>
</div></body></html>"""
    doc = read(f"{SITE}/index.php/component/tags/tag/2", tag_page)
    assert "Berita Terbaru" not in doc.text and "Jam Pelayanan" not in doc.text
    assert (doc.kind, doc.fields.get("listing")) == ("page", True)


def test_copies_of_a_short_service_article_are_twins_though_only_one_url_says_layanan():
    """The SEF URL's /layanan/ is one more service signal than the non-SEF copy has: the
    kind's confidence differs, the page does not."""
    title = "Pelaporan Kematian dan Penerbitan Akta Kematian"
    sef_url = f"{SITE}/index.php/layanan/36-pelaporan-kematian"
    sef = read(sef_url, joomla3("Layanan", IN_MENU, 272, PDF_ONLY, title=title))
    copy = read(f"{SITE}/index.php?option=com_content&view=article&id=36:pelaporan-kematian"
                "&catid=9&Itemid=101", joomla3("Beranda", FROM_HOME, 275, PDF_ONLY, title=title))
    assert (sef.kind, copy.kind) == ("service", "service")
    assert sef.fields["kind_confidence"] != copy.fields["kind_confidence"]
    assert query_twins({d.url: twin_identity(d) for d in (sef, copy)}) == {copy.url: sef_url}
