"""Titles on any layout: one OPD's service pages rendered through many independent shapes.

A citizen reads a result by its title. On a site sikoja has never seen, the title it stores
must be the page's own name ("KTP-el: Pencetakan Ulang", whole), never the site's name, a
breadcrumb, a category or a generic word ("Detail Layanan", "Beranda"). Real sites combine
a ``<title>`` shape (which end holds the site's name, which separator, or no page name at
all) with a main heading shape (an ``<h1>`` that is the site's brand, a ``<font>`` line in a
table layout, a breadcrumb) freely, so every combination is rendered here, for sites of one,
two and thirty pages, and run through what the crawler does with a site: each page
extracted as it arrives (``html_document``), the site's repeated title segments learned from
all of them when the crawl ends (``learn_site_titles``, as ``crawler.site.refresh_site``
does), each stored page re-titled from its saved evidence (``retitle``), and the next crawl
extracting with what was learned (which must give the same title, or every recrawl would
rewrite the site).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler.extract.document import ExtractedPage, html_document
from crawler.extract.title import NO_SITE, TitleEvidence, normalise
from crawler.linkstore import LinkStore
from crawler.site import refresh_site
from crawler.sitetitles import learn_site_titles, retitle
from sikoja.store import DocumentStore

SITE = "Disdukcapil Kota Jambi"
SHORT = "Disdukcapil"
# the service pages: some hold a separator of their own, three share their first word
NAMES = [
    "KTP-el: Pencetakan Ulang", "Izin Usaha Mikro - Kecil", "Akta Kelahiran",
    "KTP-el: Perekaman Baru", "Kartu Identitas Anak", "KTP-el: Perubahan Data",
    "Pindah Datang Antar Kabupaten", "Legalisir Dokumen Kependudukan",
]
MORE = [
    "Perubahan Data Kartu Keluarga", "Akta Kematian", "Akta Perkawinan", "Akta Perceraian",
    "Pengakuan Anak", "Pengesahan Anak", "Pengangkatan Anak", "Perubahan Nama",
    "Perubahan Kewarganegaraan", "Surat Pindah Keluar",
    "Surat Keterangan Tempat Tinggal", "Kartu Keluarga Baru", "Biodata Penduduk",
    "Aktivasi Identitas Kependudukan Digital", "Perekaman Sidik Jari", "Pembatalan Akta",
    "Salinan Akta Kelahiran", "Akta Kelahiran Terlambat", "Surat Keterangan Pindah WNI",
    "Penerbitan KK Hilang", "Penerbitan KTP-el Rusak", "Pelayanan Jemput Bola",
    "Pendaftaran Penduduk Rentan",
]
# what no result should be titled: the site, its parts, the words of its navigation
GENERIC = {normalise(w) for w in (SITE, SHORT, "Kota Jambi", "Layanan", "Detail Layanan",
                                  "Beranda", "Index", "Home")}

# <title> shapes: (site's name, page's name) -> <title>; None leaves the tag out
TITLES = {
    "page": lambda p: p,
    "site|page": lambda p: f"{SITE} | {p}",
    "site:page": lambda p: f"{SHORT}: {p}",
    "page|site": lambda p: f"{p} | {SITE}",
    "page-site-city": lambda p: f"{p} - {SHORT} - Kota Jambi",
    "site::cat::page": lambda p: f"{SITE} :: Layanan :: {p}",
    "page«site": lambda p: f"{p} \u00ab {SITE}",
    "site»cat»page": lambda p: f"{SITE} \u00bb Layanan \u00bb {p}",
    "site-only": lambda p: SITE,
    "empty": lambda p: "",
    "missing": lambda p: None,
    "detail-layanan": lambda p: "Detail Layanan",
    "layanan|site": lambda p: f"Layanan | {SITE}",
    "og-page": lambda p: SITE,  # og:title names the page, <title> the site
    "og-site": lambda p: f"{p} | {SITE}",  # og:title is the site's settings, <title> the page
}
# <title> shapes that carry the page's name: the stored title is that name, spelled as there
NAMED = {"page", "site|page", "site:page", "page|site", "page-site-city", "site::cat::page",
         "page«site", "site»cat»page", "og-page", "og-site"}

# main heading shapes: page's name -> the content's first lines
HEADINGS = {
    "h1-site-h2-page": lambda p: f"<h2>{p}</h2>",
    "h2-no-h1": lambda p: f"<h2 class='entry-title'>{p}</h2>",
    "font": lambda p: f"<font size='4'><b>{p}</b></font><br>",
    "table-cell": lambda p: f"<table><tr><td><b>{p}</b></td></tr></table>",
    "div-title": lambda p: f"<div class='title'>{p}</div>",
    "breadcrumb": lambda p: (
        "<ol class='breadcrumb'><li><a href='/'>Beranda</a></li>"
        f"<li><a href='/layanan'>Layanan</a></li><li class='active'>{p}</li></ol>"),
    # the trail's last item links to the page itself
    "breadcrumb-self": lambda p: (
        "<ul class='breadcrumbs'><li><a href='/'>Beranda</a></li>"
        f"<li><a href='/layanan'>Layanan</a></li><li><a href='{{url}}'>{p}</a></li></ul>"),
    "strong-first": lambda p: f"<p><strong>{p}</strong><br>",
    "h1-caps": lambda p: f"<h1>{p.upper()}</h1>",
    "none": lambda p: "",  # only <title> names the page
}

OLD_LAYOUTS = {"font", "table-cell", "strong-first"}


def render(title: str, heading: str, name: str, url: str, menu: list[tuple[str, str]]) -> bytes:
    """A service page of the site: a masthead with its brand, a menu of its pages, the
    heading shape, the service's sections, a footer."""
    shown = TITLES[title](name)
    head = "" if shown is None else f"<title>{shown}</title>"
    if title == "og-page":
        head += f"<meta property='og:title' content='{name}'>"
    elif title == "og-site":
        head += f"<meta property='og:title' content='{SITE}'>"
    if heading == "h1-site-h2-page":
        brand = f"<h1 class='site-title'><a href='/'>{SITE}</a></h1>"
    elif heading in OLD_LAYOUTS:  # a banner image: the page never writes the site's name
        brand = "<img src='/images/banner.jpg' width='980'>"
    else:
        brand = f"<div class='logo'><a href='/'>{SITE}</a></div>"
    links = "".join(f"<li><a href='{href}'>{text}</a></li>" for href, text in menu)
    top = HEADINGS[heading](name).replace("{url}", url)
    close = "</p>" if heading == "strong-first" else ""
    lead = "" if heading == "strong-first" else "<p>"
    return (f"<html><head><meta charset='utf-8'>{head}</head><body>"
            f"<header>{brand}<nav class='menu'><ul>{links}</ul></nav></header>"
            f"<div class='content'>{top}{lead}Pelayanan {name.lower()} di {SITE} dilayani setiap "
            f"hari kerja, pukul 08.00 sampai 15.00, di loket pelayanan lantai satu.{close}"
            "<h3>Persyaratan</h3><ol><li>Fotokopi KTP-el pemohon</li>"
            "<li>Fotokopi Kartu Keluarga</li><li>Formulir permohonan yang telah diisi</li></ol>"
            "<h3>Biaya</h3><p>Tidak dipungut biaya.</p>"
            "<h3>Waktu Penyelesaian</h3><p>Paling lama 3 hari kerja.</p></div>"
            f"<footer><p>&copy; 2025 {SITE}. Jl. Jend. Basuki Rahmat No. 1.</p></footer>"
            "</body></html>").encode()


def url_of(index: int) -> str:
    # a query string: the URL's last path part says nothing of the page (old PHP sites)
    return f"http://disdukcapil.example/index.php?p=layanan&id={index + 1}"


def extracted(title: str, heading: str, size: int) -> dict[str, tuple[bytes, ExtractedPage]]:
    """Each page of a site of ``size`` pages, by name: its HTML and what the crawler
    extracts from it as it arrives."""
    names = (NAMES + MORE)[:size]
    menu = [(url_of(i), name) for i, name in enumerate(names)]
    pages = {}
    for index, name in enumerate(names):
        body = render(title, heading, name, url_of(index), menu)
        pages[name] = (body, html_document(
            body, url=url_of(index), content_type="text/html; charset=utf-8",
            http_last_modified=None, source="s", opd=SITE))
    return pages


def settle(title: str, heading: str, size: int,
           extraction: dict[str, tuple[bytes, ExtractedPage]] | None = None) -> dict[str, str]:
    """The titles stored for a site of ``size`` pages once its crawl is settled, by page
    name; each checked to come back unchanged from a recrawl with what the site learned.
    ``extraction``: the site's pages as ``extracted`` gives them, when already made."""
    if extraction is None:
        extraction = extracted(title, heading, size)
    pages = {name: (body, page.document.title, TitleEvidence.from_json(page.title_evidence))
             for name, (body, page) in extraction.items()}
    site = learn_site_titles((ev.title_tag, ev.og_title) for _, _, ev in pages.values())
    stored = {}
    for index, (name, (body, first, evidence)) in enumerate(pages.items()):
        stored[name] = retitle(first, url_of(index), [evidence], site)
        if site == NO_SITE:  # the recrawl's extraction is the first one again, made already
            again = first  # (a fifth of the matrix's extractions: every one-page site)
        else:
            again = html_document(body, url=url_of(index), site_titles=site,
                                  content_type="text/html; charset=utf-8",
                                  http_last_modified=None, source="s", opd=SITE).document.title
        assert again == stored[name], "a recrawl would re-title the page"
    return stored


# the crawl check's cases (below), each a case of the matrix too: the matrix keeps what it
# extracted and settled for them, and the check does not extract those 184 pages again
CRAWL_CASES = [("site::cat::page", "breadcrumb", 30), ("page-site-city", "font", 2),
               ("detail-layanan", "h1-site-h2-page", 30), ("page", "none", 30)]
_kept: dict[tuple[str, str, int], tuple[dict[str, tuple[bytes, ExtractedPage]],
                                         dict[str, str]]] = {}


def settled(title: str, heading: str, size: int
            ) -> tuple[dict[str, tuple[bytes, ExtractedPage]], dict[str, str]]:
    """``extracted`` and ``settle`` of one case; kept for the crawl check's cases."""
    case = (title, heading, size)
    if case not in _kept:
        extraction = extracted(*case)
        result = extraction, settle(*case, extraction)
        if case not in CRAWL_CASES:
            return result
        _kept[case] = result
    return _kept[case]


def same_name(stored: str, name: str) -> bool:
    return normalise(stored) == normalise(name)


# every pair on small sites, the layouts that differ most on a large one; a page that
# names itself nowhere but in a <title> that does not name it is left out
CASES = [(t, h, size) for size in (1, 2, 30) for t in TITLES for h in HEADINGS
         if (size != 30 or h in ("h1-site-h2-page", "font", "breadcrumb", "none"))
         and (h != "none" or t in NAMED)
         # "Disdukcapil: KTP-el: Pencetakan Ulang" on three pages and nothing else: "KTP-el"
         # is joined as the site's name is, as a section would be; only a heading can tell
         and (t, h, size) != ("site:page", "none", 30)]


# the thirty-page sites hold 3,500 of the matrix's 4,400 extractions (about 9 s of CPU of
# 12.6): slow, so the inner loop (-m "not slow") keeps the one- and two-page sites of every
# pair and the whole suite runs them all (session 9: the inner loop 38 -> 33-35 s on two
# idle cores, 68 -> 60 s of CPU)
MARKED = [pytest.param(t, h, size, id=f"{t}/{h}/{size}",
                       marks=[pytest.mark.slow] if size == 30 else [])
          for t, h, size in CASES]


@pytest.mark.parametrize("title,heading,size", MARKED)
def test_each_page_is_stored_under_its_own_name(title, heading, size):
    _, stored = settled(title, heading, size)
    wrong = {}
    for name, got in stored.items():
        if normalise(got) in GENERIC:
            wrong[name] = got
        elif size == 1 and title in NAMED:
            # nothing says which end of a lone <title> is the site: its name stays whole
            if not re.search(re.escape(normalise(name)), normalise(got)):
                wrong[name] = got
        elif title in NAMED:
            if got != name:  # spelled as <title> spells it
                wrong[name] = got
        elif not same_name(got, name):  # the heading's spelling, capitals allowed
            wrong[name] = got
    assert not wrong, f"{len(wrong)} of {len(stored)} pages mis-titled: {wrong}"


@pytest.mark.parametrize("title,heading,size", CRAWL_CASES)
def test_the_matrix_settles_a_site_as_a_crawl_does(tmp_path: Path, title, heading, size):
    """The matrix's shortcut (learn, then re-title) is what a crawl's end does to the
    stores: the same pages saved as the spider saves them, settled by
    ``crawler.site.refresh_site``, keep the same titles."""
    store, links = DocumentStore.open(tmp_path), LinkStore.open(tmp_path)
    pages, shortcut = settled(title, heading, size)
    for _, page in pages.values():
        doc = page.document
        store.upsert(doc, etag=None, http_last_modified=None)
        links.save(doc.url, source="s", fetched_url=doc.url, links=[], kind=doc.kind,
                   lines=page.lines, title={**page.title_evidence, "url": doc.url})
    refresh_site(store, links, "s")
    stored = {name: store.get(page.document.url).title for name, (_, page) in pages.items()}
    assert stored == shortcut
    assert stored == {name: name for name in stored}
