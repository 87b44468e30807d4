"""One service written in every way a hand-edited page writes it (issue #11).

OPD admins type a service into Blogger's compose box, WordPress's classic editor, Joomla or
a Word document pasted into either, and each says "Persyaratan", "Biaya" and "Waktu" in its
own markup. The crawler must read the same service out of all of them, from what the page
says. So one service's content (requirements, procedure, cost, duration, place) is rendered
here by independent parts, crossed:

* a label form: ``<h2>``..``<h5>``, a bold paragraph with a colon, bold capitals before a
  ``<br>``, a ``font-weight: bold`` span, ``<u>``, the first column of a table, ``<dt>``,
  a numbered or lettered label, an emoji or symbol before it, a label inline with its value;
* the label's words ("Syarat-syarat", "Dokumen yang diperlukan", "Berkas", "Tarif/Biaya",
  "Retribusi", "Jangka waktu", "Lama proses", "Mekanisme", "Tata cara", English ones);
* a list form: ``<ul>``/``<ol>``, ``<br>`` lines (bare, "-", "•", "1.", "a)"), a ``<p>`` or
  ``<div>`` per item, a one- or two-column table, one ";"-separated sentence, ``<span>`` and
  ``<font>`` soup with ``&nbsp;``, Word's ``MsoListParagraph`` paragraphs;
* a page shell: a Blogger post (with its sidebar's label, archive and popular-posts
  widgets), a WordPress classic-editor post, a Joomla article, an old table layout.

Every label form meets every list form once (the shell and the words turn with them), and
each case must be stored as a service whose requirements are the four items, with its
procedure, cost and duration. A page that says only what to bring and what it costs (or
how long it takes) has no section to spare, so each label form writes one in every shell.
News, an officials' profile and a forms list in the same shells must not be services.
On the code before issue #11's session-9 fixes, 223 of these 541 cases failed: 106 in the
old table layout (its content cell read as one value), 66 in Joomla, 26 in WordPress, 24 in
Blogger (mostly "Berkas", a bare "Waktu", "Tempat" and a table under a label).
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable

import pytest

from crawler.extract.document import html_document

NAME = "Surat Keterangan Usaha"
INTRO = ("Surat keterangan usaha diberikan kepada warga yang menjalankan usaha mikro di "
         "wilayah kelurahan, misalnya untuk pengajuan kredit usaha rakyat di bank.")
REQUIREMENTS = ["Surat pengantar RT dan RW", "Fotokopi KTP-el pemohon",
                "Fotokopi Kartu Keluarga", "Foto tempat usaha"]
PROCEDURE = ["Pemohon mengambil nomor antrean", "Petugas memeriksa kelengkapan berkas",
             "Lurah menandatangani surat keterangan"]
COST = "Gratis"
DURATION = "1 hari kerja"
PLACE = "Kantor Lurah Solok Sipin"

# the words a label says, per field: each case takes the next one
WORDS = {
    "requirements": ["Persyaratan", "Syarat-syarat", "Dokumen yang diperlukan", "Berkas",
                     "Requirements", "Syarat", "Kelengkapan berkas", "Berkas yang diperlukan"],
    "procedure": ["Prosedur", "Alur", "Mekanisme", "Tata cara", "How to apply",
                  "Alur Pelayanan", "Langkah-langkah", "Tata Cara Pengurusan"],
    "cost": ["Biaya", "Tarif/Biaya", "Retribusi", "Fee", "Biaya Layanan", "Tarif"],
    "duration": ["Jangka waktu", "Lama proses", "Waktu penyelesaian", "Processing time",
                 "Waktu", "Lama Pelayanan", "Waktu Layanan"],
    "location": ["Tempat", "Lokasi", "Tempat Pelayanan", "Location", "Tempat pengurusan"],
}

e = html.escape
NB = "&nbsp;"


# -- list forms: items -> the HTML of the list ------------------------------------------------

def _lines(mark: Callable[[int], str]) -> Callable[[list[str]], str]:
    return lambda items: "<p>" + "<br />".join(
        f"{mark(n)}{e(x)}" for n, x in enumerate(items, 1)) + "</p>"


def _word_list(items: list[str]) -> str:
    return "".join(
        f'<p class="MsoListParagraphCxSpMiddle" style="margin-left:36.0pt;text-indent:-18.0pt;'
        f'mso-list:l0 level1 lfo1"><!--[if !supportLists]--><span style="font-family:Symbol">'
        f'·<span style="font:7.0pt &quot;Times New Roman&quot;">{NB * 6} </span></span>'
        f'<!--[endif]--><span style="font-size:12.0pt;font-family:&quot;Arial&quot;,sans-serif">'
        f"{e(x)}<o:p></o:p></span></p>" for x in items)


LIST_FORMS: dict[str, Callable[[list[str]], str]] = {
    "ul": lambda items: "<ul>" + "".join(f"<li>{e(x)}</li>" for x in items) + "</ul>",
    "ol": lambda items: "<ol>" + "".join(f"<li>{e(x)}</li>" for x in items) + "</ol>",
    "br": _lines(lambda n: ""),
    "br-dash": _lines(lambda n: "- "),
    "br-bullet": _lines(lambda n: "• "),
    "br-number": _lines(lambda n: f"{n}. "),
    "br-letter": _lines(lambda n: f"{chr(96 + n)}) "),
    "p-each": lambda items: "".join(f"<p>{n}. {e(x)}</p>" for n, x in enumerate(items, 1)),
    "div-each": lambda items: "".join(f"<div>{e(x)}</div>" for x in items),
    "table-1col": lambda items: "<table border='1'><tbody>" + "".join(
        f"<tr><td>{e(x)}</td></tr>" for x in items) + "</tbody></table>",
    "table-2col": lambda items: "<table border='1'><tbody>" + "".join(
        f"<tr><td>{n}.</td><td>{e(x)}</td></tr>" for n, x in enumerate(items, 1))
        + "</tbody></table>",
    "semicolons": lambda items: "<p>" + "; ".join(e(x) for x in items[:-1])
        + f"; dan {e(items[-1])}.</p>",
    "soup": lambda items: "<div>" + "".join(
        f'<span style="font-family: arial;"><font size="2">{NB}{n}.{NB}{e(x)}{NB}</font>'
        f"</span><br />" for n, x in enumerate(items, 1)) + "</div>",
    "word": _word_list,
    "word-numbered": lambda items: "".join(
        f'<p class="MsoListParagraphCxSpMiddle" style="mso-list:l1 level1 lfo2">'
        f'<!--[if !supportLists]--><span>{n}.<span style="font:7.0pt &quot;Times New Roman'
        f'&quot;">{NB * 5} </span></span><!--[endif]-->{e(x)}<o:p></o:p></p>'
        for n, x in enumerate(items, 1)),
    "br-paren": _lines(lambda n: f"{n}) "),
    "br-roman": _lines(lambda n: f"{['i', 'ii', 'iii', 'iv'][n - 1]}. "),
    "br-check": _lines(lambda n: "✓ "),
    "br-arrow": _lines(lambda n: "→ "),
    "nbsp-dash": lambda items: "<p>" + "<br />".join(
        f"{NB}{NB}-{NB}{e(x)}" for x in items) + "</p>",
}


# -- label forms: (label, content HTML) -> a section; (label, value) -> a scalar line --------

def _block(wrap: Callable[[str], str]) -> Callable[[str, str], str]:
    return lambda label, content: wrap(e(label)) + content


def _heading(level: int) -> Callable[[str, str], str]:
    return _block(lambda t: f"<h{level}>{t}</h{level}>")


LABEL_FORMS: dict[str, Callable[[str, str], str]] = {
    "h2": _heading(2),
    "h3": _heading(3),
    "h4": _heading(4),
    "h5": _heading(5),
    "p-strong-colon": _block(lambda t: f"<p><strong>{t}:</strong></p>"),
    "b-caps-br": lambda label, content: f"<b>{e(label.upper())}</b><br />" + content,
    "span-bold": _block(lambda t: f'<p><span style="font-weight: bold;">{t}</span></p>'),
    "u": _block(lambda t: f"<p><u>{t}</u></p>"),
    "numbered": _block(lambda t: f"<p><b>{{n}}. {t}</b></p>"),
    "lettered": _block(lambda t: f"<p><b>{{letter}}. {t}</b></p>"),
    "emoji": _block(lambda t: f"<p>📌 <b>{t}:</b></p>"),
    "symbol": _block(lambda t: f"<p><b>► {t}</b></p>"),
    "dt": lambda label, content: f"<dl><dt>{e(label)}</dt><dd>{content}</dd></dl>",
    "b-i": _block(lambda t: f"<p><b><i>{t}</i></b></p>"),
    "font-size": lambda label, content: (
        f'<font size="4"><b>{e(label)}</b></font><br />' + content),
    "b-colon-br": lambda label, content: f"<b>{e(label)} :</b><br />" + content,
    "li-strong": lambda label, content: f"<ol><li><strong>{e(label)}</strong>{content}</li></ol>",
    "table-colon": lambda label, content: (
        f"<table><tbody><tr><td>{e(label)}</td><td>:</td><td>{content}</td></tr></tbody>"
        "</table>"),
    "plain-colon-br": lambda label, content: f"{e(label)}:<br />" + content,
    "colon-outside": _block(lambda t: f"<p><strong>{t}&nbsp;</strong>:</p>"),
    "caps-dash": _block(lambda t: f"<p>{t.upper()} -</p>"),
    "table": lambda label, content: (
        f"<table border='1'><tbody><tr><td valign='top'><b>{e(label)}</b></td>"
        f"<td>{content}</td></tr></tbody></table>"),
}

# how a form writes a scalar beside its label: most give it its own paragraph below; these
# write it on the label's line
INLINE = {
    "p-strong-colon": lambda label, value: f"<p><strong>{e(label)}:</strong> {e(value)}</p>",
    "b-caps-br": lambda label, value: f"<b>{e(label.upper())}</b> : {e(value)}<br />",
    "span-bold": lambda label, value: (
        f'<p><span style="font-weight: bold;">{e(label)}</span>: {e(value)}</p>'),
    "u": lambda label, value: f"<p><u>{e(label)}</u> : {e(value)}</p>",
    "emoji": lambda label, value: f"<p>📌 <b>{e(label)}:</b> {e(value)}</p>",
    "b-i": lambda label, value: f"<p><b><i>{e(label)}</i></b>{NB}: {e(value)}</p>",
    "plain-colon-br": lambda label, value: f"{e(label)}: {e(value)}<br />",
    "colon-outside": lambda label, value: (
        f"<p><strong>{e(label)}&nbsp;</strong>:&nbsp;{e(value)}</p>"),
}


def service_body(label_form: str, list_form: str, turn: int) -> str:
    """The service's sections: requirements and procedure in ``list_form``, then cost,
    duration and place, each under a label in ``label_form``; ``turn`` picks the words."""
    section = LABEL_FORMS[label_form]
    words = {k: v[turn % len(v)] for k, v in WORDS.items()}
    lists = LIST_FORMS[list_form]
    parts = [section(words["requirements"], lists(REQUIREMENTS)),
             section(words["procedure"], lists(PROCEDURE))]
    for field, value in (("cost", COST), ("duration", DURATION), ("location", PLACE)):
        if label_form in INLINE:
            parts.append(INLINE[label_form](words[field], value))
        else:
            parts.append(section(words[field], f"<p>{e(value)}</p>"))
    body = f"<p>{e(INTRO)}</p>"
    for n, part in enumerate(parts, 1):
        body += part.replace("{n}", str(n)).replace("{letter}", "ABCDE"[n - 1])
    return body


# -- page shells: (title, body, date) -> (URL, page) ------------------------------------------

def blogger(title: str, body: str, slug: str) -> tuple[str, str]:
    url = f"https://kel-soloksipin.blogspot.com/2025/03/{slug}.html"
    popular = "".join(f"<li><a href='https://kel-soloksipin.blogspot.com/2025/0{n}/p{n}.html'>"
                      f"Kegiatan kerja bakti RT 0{n}</a></li>" for n in range(1, 5))
    return url, f"""<!DOCTYPE html><html><head><title>Kelurahan Solok Sipin: {e(title)}</title>
<meta content='blogger' name='generator'/></head><body>
<div class='header'><h1 class='title'><a href='https://kel-soloksipin.blogspot.com/'>Kelurahan
Solok Sipin</a></h1></div>
<div class='main-outer'><div class='widget Blog' id='Blog1'><div class='date-outer'>
<h2 class='date-header'><span>Senin, 10 Maret 2025</span></h2>
<div class='post hentry'><h3 class='post-title entry-title'>{e(title)}</h3>
<div class='post-header'><abbr class='published' title='2025-03-10T08:00:00+07:00'>08.00</abbr>
</div><div class='post-body entry-content' id='post-body-7'>{body}</div>
<div class='post-footer'>Label: <a href='/search/label/Layanan' rel='tag'>Layanan</a></div>
</div></div></div></div>
<div class='sidebar'><div class='widget Label'><h2>Label</h2><ul><li><a
href='/search/label/Layanan'>Layanan</a> (12)</li><li><a href='/search/label/Berita'>Berita</a>
(30)</li></ul></div><div class='widget BlogArchive'><h2>Arsip Blog</h2><ul><li><a
href='/2025/'>2025</a> (9)</li><li><a href='/2024/'>2024</a> (33)</li></ul></div>
<div class='widget PopularPosts'><h2>Postingan Populer</h2><ul>{popular}</ul></div></div>
<div class='footer'>Tema Sederhana. Diberdayakan oleh Blogger.</div></body></html>"""


def wordpress(title: str, body: str, slug: str) -> tuple[str, str]:
    url = f"https://soloksipin.jambikota.go.id/{slug}/"
    return url, f"""<!DOCTYPE html><html lang="id"><head><title>{e(title)} &#8211; Kelurahan
Solok Sipin</title></head><body class="post-template-default single">
<header id="masthead" class="site-header"><p class="site-title"><a href="/">Kelurahan Solok
Sipin</a></p><nav class="main-navigation"><ul><li><a href="/">Beranda</a></li><li><a
href="/profil/">Profil</a></li><li><a href="/layanan/">Layanan</a></li></ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main">
<article id="post-41" class="post-41 post type-post hentry category-layanan">
<header class="entry-header"><h1 class="entry-title">{e(title)}</h1></header>
<div class="entry-content">{body}</div>
<footer class="entry-footer">Kategori: <a href="/category/layanan/">Layanan</a></footer>
</article></main></div>
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries">
<h2 class="widget-title">Pos-pos Terbaru</h2><ul><li><a href="/gotong-royong/">Gotong royong
RT 05</a></li><li><a href="/posyandu/">Posyandu balita</a></li></ul></section></aside></div>
<footer class="site-footer">&copy; 2025 Kelurahan Solok Sipin</footer></body></html>"""


def table_layout(title: str, body: str, slug: str) -> tuple[str, str]:
    url = f"http://soloksipin.jambikota.go.id/index.php?page=layanan&id={len(slug)}"
    menu = "".join(f'<a href="index.php?page={p}">{p.title()}</a><br>'
                   for p in ("beranda", "profil", "layanan", "berita", "kontak"))
    return url, f"""<html><head><title>Kelurahan Solok Sipin - {e(title)}</title></head>
<body bgcolor="#ffffff"><table width="900" border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="2" bgcolor="#2d6a4f"><font color="#ffffff" size="5"><b>KELURAHAN SOLOK
SIPIN</b></font></td></tr>
<tr><td width="180" valign="top" bgcolor="#eeeeee"><font size="2">{menu}</font></td>
<td valign="top"><font face="Verdana" size="4"><b>{e(title)}</b></font><br><br>
<font face="Verdana" size="2">{body}</font></td></tr>
<tr><td colspan="2" align="center"><font size="1">Copyright 2012 Kelurahan Solok Sipin</font>
</td></tr></table></body></html>"""


def joomla(title: str, body: str, slug: str) -> tuple[str, str]:
    url = f"https://soloksipin.jambikota.go.id/index.php/layanan-publik/{slug}"
    latest = "".join(f'<li><a href="/index.php/berita/{n}-kerja-bakti">Kerja bakti RT 0{n}</a>'
                     "</li>" for n in range(1, 5))
    return url, f"""<!DOCTYPE html><html lang="id-id"><head><title>{e(title)}</title>
<meta name="generator" content="Joomla! - Open Source Content Management"></head>
<body class="site com_content view-article"><div class="container">
<header class="header"><a class="brand" href="/"><span class="site-title">Kelurahan Solok
Sipin</span></a></header><nav class="navigation"><ul class="nav menu"><li><a
href="/">Beranda</a></li><li><a href="/index.php/layanan-publik">Layanan Publik</a></li></ul>
</nav><div class="row-fluid"><main id="content" class="span9">
<div class="item-page" itemscope itemtype="https://schema.org/Article">
<div class="page-header"><h2 itemprop="headline">{e(title)}</h2></div>
<dl class="article-info muted"><dt class="article-info-term">Rincian</dt><dd class="hits">
<span class="icon-eye-open"></span> Dilihat: 312</dd></dl>
<div itemprop="articleBody">{body}</div></div></main>
<div id="aside" class="span3"><div class="moduletable"><h3>Berita Terbaru</h3>
<ul class="latestnews">{latest}</ul></div></div></div>
<footer class="footer"><p>&copy; 2025 Kelurahan Solok Sipin</p></footer></div></body></html>"""


SHELLS = {"blogger": blogger, "wordpress": wordpress, "table-layout": table_layout,
          "joomla": joomla}


def stored(shell: str, title: str, body: str, slug: str) -> tuple[str, dict]:
    url, page = SHELLS[shell](title, body, slug)
    doc = html_document(page.encode(), url=url, content_type="text/html; charset=utf-8",
                        http_last_modified=None, source="kel-soloksipin",
                        opd="Kelurahan Solok Sipin").document
    return doc.kind, doc.fields


CASES = [(label, lst, list(SHELLS)[(i + j) % len(SHELLS)], i + j)
         for (i, label), (j, lst) in itertools.product(enumerate(LABEL_FORMS),
                                                       enumerate(LIST_FORMS))]


@pytest.mark.parametrize(("label_form", "list_form", "shell", "turn"), CASES,
                         ids=[f"{a}-{b}-{c}" for a, b, c, _ in CASES])
def test_a_service_is_read_whatever_its_markup(label_form, list_form, shell, turn):
    kind, fields = stored(shell, NAME, service_body(label_form, list_form, turn),
                          "surat-keterangan-usaha")
    assert kind == "service", fields
    assert fields.get("requirements") == REQUIREMENTS
    assert fields.get("procedure") == PROCEDURE
    assert fields.get("cost") == COST
    assert fields.get("duration") == DURATION


def short_service_body(label_form: str, list_form: str, turn: int) -> tuple[str, str, str]:
    """A service page that says only what to bring and one of cost or duration: two
    sections are all a service page must have, so neither may be lost. Returns the body,
    the scalar field and its value."""
    section = LABEL_FORMS[label_form]
    words = {k: v[turn % len(v)] for k, v in WORDS.items()}
    field, value = (("cost", COST), ("duration", DURATION))[turn % 2]
    scalar = (INLINE[label_form](words[field], value) if label_form in INLINE
              else section(words[field], f"<p>{e(value)}</p>"))
    parts = [section(words["requirements"], LIST_FORMS[list_form](REQUIREMENTS)), scalar]
    body = f"<p>{e(INTRO)}</p>"
    for n, part in enumerate(parts, 1):
        body += part.replace("{n}", str(n)).replace("{letter}", "AB"[n - 1])
    return body, field, value


SHORT_CASES = [(label, list(LIST_FORMS)[(i * 5 + j) % len(LIST_FORMS)], shell, i + j)
               for (i, label), (j, shell) in itertools.product(enumerate(LABEL_FORMS),
                                                               enumerate(SHELLS))]


@pytest.mark.parametrize(("label_form", "list_form", "shell", "turn"), SHORT_CASES,
                         ids=[f"{a}-{b}-{c}" for a, b, c, _ in SHORT_CASES])
def test_a_two_section_service_is_read(label_form, list_form, shell, turn):
    body, field, value = short_service_body(label_form, list_form, turn)
    kind, fields = stored(shell, NAME, body, "surat-keterangan-usaha")
    assert kind == "service", fields
    assert fields.get("requirements") == REQUIREMENTS
    assert fields.get(field) == value


def test_every_label_word_is_read_in_every_shell():
    """Each label's words, under the plainest bold label, in each shell."""
    for shell, turn in itertools.product(SHELLS, range(max(map(len, WORDS.values())))):
        kind, fields = stored(shell, NAME, service_body("p-strong-colon", "ul", turn),
                              "surat-keterangan-usaha")
        words = {k: v[turn % len(v)] for k, v in WORDS.items()}
        assert kind == "service", (shell, words)
        assert fields.get("requirements") == REQUIREMENTS, (shell, words)
        assert fields.get("cost") == COST, (shell, words)
        assert fields.get("duration") == DURATION, (shell, words)
        assert fields.get("location") == PLACE, (shell, words)


# -- pages in the same shells that are not services ----------------------------------------

NOT_SERVICES = {
    "news": ("Posyandu Balita RT 07 Kembali Aktif",
             "<p>Posyandu Melati di RT 07 kembali aktif setiap Selasa minggu kedua. Ibu-ibu "
             "cukup membawa buku KIA; penimbangan dan imunisasi diberikan gratis.</p>"
             "<p><b>Waktu:</b> Selasa, 11 Maret 2025 pukul 08.00 WIB<br /><b>Tempat:</b> "
             "Balai RT 07</p><p>Sebanyak 48 balita ditimbang pada kegiatan perdana. Lurah "
             "berharap kegiatan ini rutin setiap bulan.</p>"),
    "officials": ("Profil Lurah dan Aparatur Kelurahan",
                  "<p>Susunan aparatur Kelurahan Solok Sipin periode 2024-2026:</p>"
                  "<table border='1'><tbody><tr><td><b>Jabatan</b></td><td><b>Nama</b></td></tr>"
                  "<tr><td>Lurah</td><td>Hj. Nurhayati, S.Sos</td></tr><tr><td>Sekretaris Lurah"
                  "</td><td>M. Ridwan, S.IP</td></tr><tr><td>Kasi Pemerintahan</td><td>Desi "
                  "Ratnasari, S.H.</td></tr></tbody></table><p><b>Alamat kantor:</b> Jl. Kapten "
                  "A. Bakaruddin, Kota Jambi</p><p><b>Jam pelayanan:</b> Senin-Jumat 08.00-16.00"
                  "</p><p><b>Dasar Hukum:</b> Perwal Kota Jambi Nomor 45 Tahun 2016</p>"),
    "downloads": ("Unduhan Formulir",
                  "<p>Formulir berikut dapat diunduh dan diisi sebelum datang ke kantor:</p>"
                  + "".join(f'<div>&nbsp;• <a href="/unduh/{f}.pdf">{t}</a> (PDF)</div>'
                            for f, t in (("f102", "Formulir F-1.02 Biodata Penduduk"),
                                         ("pengantar", "Formulir Surat Pengantar RT/RW"),
                                         ("sku", "Formulir Persyaratan Surat Keterangan Usaha"),
                                         ("biaya", "Daftar Tarif Retribusi Pelayanan")))
                  + "<p>Persyaratan tiap layanan ada di menu Layanan.</p>"),
}


@pytest.mark.parametrize("shell", list(SHELLS))
@pytest.mark.parametrize("what", list(NOT_SERVICES))
def test_news_profiles_and_downloads_are_not_services(what, shell):
    title, body = NOT_SERVICES[what]
    kind, fields = stored(shell, title, body, what)
    assert kind != "service", fields
    assert not fields.get("requirements")
    if what == "downloads" and kind == "page":  # a list of files, ranked below the services
        assert fields.get("listing"), fields      # (a dated post of them is news)
