"""Titles learned per site and main headings on any layout (issue #11).

The stories: a citizen searching "uji KIR" must see "Uji KIR" as the result's title, not
"Dinas Perhubungan Kota Jambi" for every page of the site; and a title that holds a dash
of its own ("Layanan Kesehatan Ibu dan Anak - KIA") must not lose half of itself because
dashes often separate a site's name. Only comparing a site's titles with each other tells
the two apart, so the multi-page stories go through real crawls of sites served on
loopback.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from crawler.extract.document import html_document
from crawler.extract.html import extract_page
from crawler.extract.title import (
    SiteTitles,
    TitleEvidence,
    choose_title,
    is_home,
    own_title,
    split_title,
)
from crawler.linkstore import LinkStore
from crawler.run import crawl
from crawler.sitetitles import learn_site_titles, saved_site_titles
from sikoja.sources import Source
from sikoja.store import DocumentStore
from sikoja.urls import canonicalize_url
from tests.faultserver import Page, PageSite
from tests.test_crawl_incremental import settings

# -- pure functions ---------------------------------------------------------------------------


@pytest.mark.parametrize("title,segments", [
    ("Uji KIR | Dinas Perhubungan", ["Uji KIR", "Dinas Perhubungan"]),
    ("BPPRD :: Pembayaran PBB-P2", ["BPPRD", "Pembayaran PBB-P2"]),
    ("Site » Layanan » Uji KIR", ["Site", "Layanan", "Uji KIR"]),
    ("Uji KIR « Dinas Perhubungan", ["Uji KIR", "Dinas Perhubungan"]),
    ("Disdukcapil: Pindah - Datang", ["Disdukcapil", "Pindah", "Datang"]),
    ("Perekaman KTP-el", ["Perekaman KTP-el"]),  # a dash inside a word is no separator
    ("Imunisasi anak 0-6 tahun", ["Imunisasi anak 0-6 tahun"]),
    ("Jam layanan 08:00 \u2013 Dinkes", ["Jam layanan 08:00", "Dinkes"]),
    ("KIA \u2014 Dinkes ~ Kota Jambi \u00b7 2025", ["KIA", "Dinkes", "Kota Jambi", "2025"]),
])
def test_titles_split_on_the_usual_separators_only(title, segments):
    assert split_title(title) == segments


def test_only_learned_segments_come_off_and_the_rest_keeps_its_separators():
    site = SiteTitles(frozenset({"disdukcapil kota jambi"}), frozenset({"layanan"}))

    def is_site(text):
        return text.casefold() in site.names

    assert own_title("Pindah - Datang | Disdukcapil Kota Jambi", is_site, site) == (
        "Pindah - Datang")
    assert own_title("Disdukcapil Kota Jambi » Layanan » Uji KIR", is_site, site) == "Uji KIR"
    # the section's own page keeps the section: nothing else is left
    assert own_title("Layanan - Disdukcapil Kota Jambi", is_site, site) == "Layanan"
    assert own_title("Disdukcapil Kota Jambi", is_site, site) == ""
    # a section is joined as the site's name is; a name's own first word is not
    ktp = SiteTitles(site.names, frozenset({"layanan", "ktp-el"}))
    assert own_title("Disdukcapil Kota Jambi | KTP-el: Pencetakan Ulang", is_site, ktp) == (
        "KTP-el: Pencetakan Ulang")
    assert own_title("Disdukcapil Kota Jambi | Layanan | KTP-el: Pencetakan Ulang", is_site,
                     ktp) == "KTP-el: Pencetakan Ulang"


def test_a_segment_is_the_sites_when_more_than_half_of_its_pages_repeat_it():
    titles = [(f"DISHUB :: {name} | Dinas Perhubungan", None)
              for name in ("Uji KIR", "Parkir", "Terminal")]
    titles += [("Dinas Perhubungan", "Dinas Perhubungan"), ("Profil - Layanan", None)]
    learned = learn_site_titles(titles)
    assert learned.names == {"dishub", "dinas perhubungan"}
    assert learned.sections == set()  # "Layanan" is on one page only
    # one page alone teaches nothing
    assert not learn_site_titles([("Layanan KIA - Dinkes", None)])
    # sections repeat on several pages without being on most of them
    many = [(f"Site » Layanan » Layanan {i}", None) for i in range(3)]
    many += [(f"Site » Berita {i}", None) for i in range(4)]
    learned = learn_site_titles(many)
    assert learned.names == {"site"} and learned.sections == {"layanan"}


def test_choose_title_falls_back_to_the_main_heading_when_the_title_is_the_site():
    evidence = TitleEvidence(title_tag="Puskesmas Putri Ayu",
                             headings=[(4, "Persyaratan"), (3, "Jadwal Imunisasi")])
    assert choose_title(evidence) == "Puskesmas Putri Ayu"  # nothing says it is the site's
    site = SiteTitles(frozenset({"puskesmas putri ayu"}))
    assert choose_title(evidence, site) == "Jadwal Imunisasi"
    # evidence survives its JSON form unchanged
    assert TitleEvidence.from_json(evidence.to_json()) == evidence


@pytest.mark.parametrize("evidence,names,title", [
    # WordPress: "Site – tagline", no heading but the latest posts
    (TitleEvidence(title_tag="Puskesmas Putri Ayu \u2013 Sehat Bersama Warga",
                   site_names={"puskesmas putri ayu"}, headings=[(2, "Informasi Terbaru")]),
     set(), "Puskesmas Putri Ayu"),
    # Drupal: "Site | motto", the posts' titles in h2s
    (TitleEvidence(title_tag="Kemenag Kota Jambi | Ikhlas Beramal",
                   headings=[(2, "Pendaftaran Nikah di KUA")]),
     {"kemenag kota jambi"}, "Kemenag Kota Jambi"),
    # CodeIgniter: "Beranda | Site", even with a "Beranda" heading
    (TitleEvidence(title_tag="Beranda | PPID Kota Jambi", headings=[(1, "Beranda")]),
     {"ppid kota jambi"}, "PPID Kota Jambi"),
    # old PHP: the shouted spelling and the written one; the written one wins
    (TitleEvidence(title_tag="UPTD PKB DISHUB KOTA JAMBI :: UPTD PKB Dishub Kota Jambi",
                   headings=[(1, "UPTD PKB DISHUB KOTA JAMBI")]),
     {"uptd pkb dishub kota jambi"}, "UPTD PKB Dishub Kota Jambi"),
    # only the site's name in <title>, section boxes in h2s
    (TitleEvidence(title_tag="Diskop UM Kota Jambi", headings=[(2, "Layanan Kami")]),
     {"diskop um kota jambi"}, "Diskop UM Kota Jambi"),
    # a home page whose heading and <title> agree on its own name keeps it
    (TitleEvidence(title_tag="Beranda Dinas Sosial | Dinas Sosial Kota Jambi",
                   headings=[(1, "Beranda Dinas Sosial")]),
     {"dinas sosial kota jambi"}, "Beranda Dinas Sosial"),
    # ... or whose <title> names it in words that hold the site's name
    (TitleEvidence(title_tag="Beranda Dinas Sosial Kota Jambi | Dinas Sosial Kota Jambi",
                   headings=[(2, "Layanan Unggulan")]),
     {"dinas sosial kota jambi"}, "Beranda Dinas Sosial Kota Jambi"),
    # the site's name followed by the office it belongs to is not the home page's own name
    (TitleEvidence(title_tag="UPTD TPA Talang Gulo | UPTD TPA Talang Gulo Dinas Lingkungan "
                             "Hidup Kota Jambi", headings=[(1, "UPTD TPA Talang Gulo")]),
     {"uptd tpa talang gulo"}, "UPTD TPA Talang Gulo"),
    # a one-page site that names nothing as the site's keeps its whole title
    (TitleEvidence(title_tag="REDKAR - Relawan Kebakaran Kota Jambi",
                   site_names={"dinas pemadam kebakaran dan penyelamatan kota jambi"},
                   body_h1="REDKAR - Relawan Kebakaran Kota Jambi"),
     set(), "REDKAR - Relawan Kebakaran Kota Jambi"),
])
def test_a_home_page_is_titled_with_the_site_name(evidence, names, title):
    assert choose_title(evidence, SiteTitles(frozenset(names)), home=True) == title


def test_only_a_home_page_takes_the_site_name():
    evidence = TitleEvidence(title_tag="Kemenag Kota Jambi | Ikhlas Beramal")
    site = SiteTitles(frozenset({"kemenag kota jambi"}))
    assert choose_title(evidence, site) == "Ikhlas Beramal"
    assert is_home("http://x.go.id/") and is_home("http://x.go.id/beranda")
    assert not is_home("http://x.go.id/?p=layanan") and not is_home("http://x.go.id/node/1")


def test_a_route_of_a_script_app_that_names_only_the_site_is_named_by_its_path():
    """Every route of a script-drawn app serves the same shell, "<title>e-Pajak Kota
    Jambi</title>" and nothing else: its path says which page it is."""
    evidence = TitleEvidence(title_tag="e-Pajak Kota Jambi")
    site = SiteTitles(frozenset({"e-pajak kota jambi"}))
    assert choose_title(evidence, site, url="http://127.0.0.1:8736/layanan") == "Layanan"
    assert choose_title(evidence, site, url="http://x.go.id/layanan/pajak-reklame.html") == (
        "Pajak Reklame")
    assert choose_title(evidence, site, home=True, url="http://127.0.0.1:8736/") == (
        "e-Pajak Kota Jambi")
    assert choose_title(evidence, site, url="http://x.go.id/node/12") == "e-Pajak Kota Jambi"


def test_a_link_store_from_before_titles_were_kept_gains_them(tmp_path: Path):
    path = tmp_path / "crawl-state" / "links.db"
    path.parent.mkdir()
    old = sqlite3.connect(path)
    old.executescript("CREATE TABLE pages (key TEXT PRIMARY KEY, source TEXT NOT NULL, "
                      "fetched_url TEXT NOT NULL, links TEXT NOT NULL DEFAULT '[]', kind TEXT,"
                      " lines TEXT NOT NULL DEFAULT '[]');"
                      "INSERT INTO pages VALUES ('http://a/x', 's', 'http://a/x', '[]', 'page',"
                      " '[]');")
    old.commit()
    old.close()
    links = LinkStore(path)
    assert list(links.page_titles("s")) == []  # the old page has no evidence yet
    assert links.links("http://a/x") == []
    links.save("http://a/y", source="s", fetched_url="http://a/y", links=[],
               title={"title": "A | S", "url": "http://a/y"})
    assert list(links.page_titles("s")) == [("http://a/y", {"title": "A | S",
                                                            "url": "http://a/y"})]
    assert links.site_titles("s") == {}
    links.close()


# -- headings of layouts without h1 -------------------------------------------------------------

TABLE_PAGE = """<html><head><title>DINAS X :: {title}</title></head><body>
<table width="980"><tr><td class="kiri" width="200"><table>
<tr><td><b>BERITA TERBARU</b></td></tr>
<tr><td><a href="berita.asp?id=1">Jadwal pelayanan keliling bulan ini</a><br>
<a href="berita.asp?id=2">Pengumuman libur nasional dan cuti bersama</a></td></tr></table></td>
<td class="isi" valign="top"><font face="Arial" size="2">
{heading}
<p>{name} dilayani setiap hari kerja di kantor dinas, dengan membawa berkas lengkap.</p>
<font size="2"><b>Persyaratan</b></font><br>
<ol><li>Fotokopi KTP pemohon</li><li>Surat pengantar dari kelurahan</li></ol>
<font size="2"><b>Biaya</b></font><br>Gratis, tidak dipungut biaya.
</font></td></tr></table></body></html>"""


@pytest.mark.parametrize("heading", [
    '<font size="3"><b>{name}</b></font><br>',
    '<b><font size="4">{name}</font></b>',
    '<table><tr><td class="judul">{name}</td></tr></table>',
    '<div class="page-title">{name}</div>',
    '<span class="judul">{name}</span><br>',
    '<p><span style="font-size: 18pt">{name}</span></p>',
    '<strong>{name}</strong><br>',
])
def test_the_main_heading_of_a_layout_without_h1(heading):
    name = "Izin Usaha Mikro"
    html = TABLE_PAGE.format(title="Beranda", name=name, heading=heading.format(name=name))
    page = extract_page(html, "http://x.go.id/index.php?p=layanan&id=1")
    # <title> names the site's home, the page shows what it is
    assert page.title_evidence.headings[0] == (1, name)
    # the labels that introduce its sections join its headings; the news box's label not
    assert "Persyaratan" in page.headings and "Biaya" in page.headings
    assert "BERITA TERBARU" not in page.headings
    assert choose_title(page.title_evidence, SiteTitles(frozenset({"beranda"}))) == name


def test_font_section_labels_still_describe_the_service():
    html = TABLE_PAGE.format(title="Izin Usaha Mikro", name="Izin Usaha Mikro",
                             heading='<font size="3"><b>Izin Usaha Mikro</b></font><br>')
    doc = html_document(html.encode(), url="http://x.go.id/layanan.asp?id=5", content_type=None,
                        http_last_modified=None, source="s", opd="o").document
    assert doc.title == "Izin Usaha Mikro"
    assert doc.kind == "service"
    assert doc.fields["requirements"] == ["Fotokopi KTP pemohon",
                                          "Surat pengantar dari kelurahan"]


def test_a_bold_line_inside_prose_or_a_link_is_no_heading():
    html = ("<html><head><title>T</title></head><body><div class='isi'>"
            "<p>Bawa <b>KTP asli</b> ke loket.</p><p><a href='/a'><b>Lihat syarat</b></a></p>"
            "<p>Pelayanan dibuka setiap hari kerja pukul delapan pagi.</p></div></body></html>")
    page = extract_page(html, "http://x.go.id/a")
    assert page.headings == []


# -- real crawls ---------------------------------------------------------------------------------


class QuerySite(PageSite):
    """A PageSite that tells ``layanan.asp?id=5`` from ``layanan.asp?id=6``."""

    def handle(self, request):
        parts = urlsplit(request.path)
        full = unquote(parts.path) + (f"?{parts.query}" if parts.query else "")
        if full in self.pages:
            request.path = full.replace("?", "%3F")  # PageSite looks up the unquoted path
        super().handle(request)


def modern_page(title: str, text: str, menu: list[str]) -> bytes:
    links = "".join(f'<li><a href="{href}">{href}</a></li>' for href in menu)
    return (f"<html><head><title>{title}</title></head><body><nav><ul>{links}</ul></nav>"
            f"<div class='content'><p>{text}</p></div></body></html>").encode()


SITE = "Dinas Perhubungan Kota Jambi"
PAGES = {"/": "Beranda", "/kir": "Pengujian KIR", "/pindah": "Pindah - Datang",
         "/ktp": "Perekaman KTP-el", "/balita": "Imunisasi 0-6 tahun"}
SEPARATORS = [" | ", " :: ", " - ", " \u2013 ", " \u2014 ", " \u00bb ", ": "]


def separator_site(separator: str, site_first: bool) -> dict[str, Page]:
    pages = {}
    for path, name in PAGES.items():
        title = f"{SITE}{separator}{name}" if site_first else f"{name}{separator}{SITE}"
        pages[path] = Page(modern_page(title, f"Informasi tentang {name} bagi warga kota.",
                                       list(PAGES)), etag=False)
    return pages


def titles_of(store: DocumentStore, server: PageSite) -> dict[str, str]:
    return {path: store.get(canonicalize_url(server.url(path))).title for path in PAGES}


@pytest.fixture(scope="module")
def separator_crawl(tmp_path_factory):
    """One crawl of 14 sites: each separator with the site's name first and last."""
    data_dir = tmp_path_factory.mktemp("separators")
    servers = {(sep, first): QuerySite(separator_site(sep, first))
               for sep in SEPARATORS for first in (True, False)}
    for server in servers.values():
        server.__enter__()
    try:
        sources = [Source(name=f"site{i}", opd=SITE, start_urls=[server.url("/")],
                          use_sitemap=False) for i, server in enumerate(servers.values())]
        summary = crawl(sources, settings(), data_dir, timeout=180)
        assert summary.ok
        store = DocumentStore.open(data_dir)
        titles = {key: titles_of(store, server) for key, server in servers.items()}
        store.close()
        yield titles
    finally:
        for server in servers.values():
            server.__exit__(None, None, None)


@pytest.mark.slow  # crawls four served sites
@pytest.mark.parametrize("separator", SEPARATORS)
@pytest.mark.parametrize("site_first", [True, False], ids=["site-first", "site-last"])
def test_every_page_keeps_its_own_title_whatever_the_separator(separator_crawl, separator,
                                                               site_first):
    # the home page, "Beranda" beside the site's name, is titled with the site's name
    assert separator_crawl[(separator, site_first)] == {**PAGES, "/": SITE}


@pytest.mark.slow  # crawls a served site
def test_a_site_whose_titles_are_only_its_name_is_titled_by_its_headings(tmp_path: Path):
    names = {"/": "Selamat Datang", "/imunisasi": "Jadwal Imunisasi Balita",
             "/kia": "Layanan Kesehatan Ibu dan Anak"}
    pages = {path: Page(modern_page("Puskesmas Putri Ayu", "", list(names)).replace(
        b"<div class='content'>",
        f"<div class='content'><h2>{name}</h2><p>Isi halaman {name}.</p>".encode()),
        etag=False) for path, name in names.items()}
    with QuerySite(pages) as server:
        source = Source(name="pkm", opd="Puskesmas", start_urls=[server.url("/")],
                        use_sitemap=False)
        assert crawl([source], settings(), tmp_path, timeout=120).ok
        store = DocumentStore.open(tmp_path)
        # the home page's "Selamat Datang" is a greeting: it is the site's page
        assert ({p: store.get(canonicalize_url(server.url(p))).title for p in names}
                == {**names, "/": "Puskesmas Putri Ayu"})


@pytest.mark.slow  # crawls a served site
def test_a_single_page_site_keeps_the_dash_in_its_title(tmp_path: Path):
    title = "Layanan Kesehatan Ibu dan Anak - KIA"
    pages = {"/": Page(modern_page(title, "Pemeriksaan ibu hamil dan balita setiap Senin.", []))}
    with QuerySite(pages) as server:
        source = Source(name="kia", opd="Puskesmas", start_urls=[server.url("/")],
                        use_sitemap=False)
        assert crawl([source], settings(), tmp_path, timeout=120).ok
        store = DocumentStore.open(tmp_path)
        assert store.get(canonicalize_url(server.url("/"))).title == title


ASP = """<html><head><title>{title}</title></head><body>
<table width="980"><tr><td colspan="2" class="header"><font size="5"><b>{site}</b></font></td></tr>
<tr><td colspan="2" class="menu">{menu}</td></tr><tr><td class="isi">{heading}
<p>{text}</p></td></tr></table></body></html>"""


def asp_page(title: str, text: str, menu: list[str], heading: str = "") -> bytes:
    links = " | ".join(f'<a href="{href}">{i}</a>' for i, href in enumerate(menu))
    return ASP.format(title=title, site="BPPRD", menu=links, heading=heading,
                      text=text).encode()


@pytest.mark.slow  # crawls a served site
def test_table_layout_with_font_headings_and_query_string_urls(tmp_path: Path):
    names = {f"/index.php?p=layanan&id={i}": name for i, name in enumerate(
        ["Pajak Reklame", "Pajak Hotel", "Pajak Restoran", "Pajak Parkir"], 1)}
    menu = ["/", *names]
    pages = {path: Page(asp_page(f"BPPRD Kota Jambi :: {name}", f"Ketentuan {name}.", menu,
                                 f'<font size="3"><b>{name}</b></font><br>'), etag=False)
             for path, name in names.items()}
    # the home page's title is the site's name alone, and stays so beside its heading
    pages["/"] = Page(asp_page("BPPRD Kota Jambi", "Selamat datang.", menu,
                               '<font size="3"><b>Beranda BPPRD</b></font><br>'), etag=False)
    with QuerySite(pages) as server:
        source = Source(name="bpprd", opd="BPPRD", start_urls=[server.url("/")],
                        use_sitemap=False)
        assert crawl([source], settings(), tmp_path, timeout=120).ok
        store = DocumentStore.open(tmp_path)
        for path, name in names.items():
            doc = store.get(canonicalize_url(server.url(path)))
            assert doc.title == name and doc.headings[0] == name
        assert store.get(canonicalize_url(server.url("/"))).title == "BPPRD Kota Jambi"


@pytest.mark.slow  # crawls a served site twice
def test_an_old_asp_site_of_29_pages_and_its_unchanged_recrawl(tmp_path: Path):
    names = {f"/layanan.asp?id={i}": f"Layanan Nomor {i} Pajak Daerah" for i in range(1, 29)}
    menu = ["/", *names]
    pages = {path: Page(asp_page(f"BPPRD KOTA JAMBI :: {name}", f"Uraian {name}.", menu),
                        etag=False) for path, name in names.items()}
    pages["/"] = Page(asp_page("BPPRD KOTA JAMBI :: Beranda", "Selamat datang.", menu),
                      etag=False)
    with QuerySite(pages) as server:
        source = Source(name="asp", opd="BPPRD", start_urls=[server.url("/")],
                        use_sitemap=False)
        first = crawl([source], settings(), tmp_path, timeout=180)
        assert first.sources[0].stored == 29
        store = DocumentStore.open(tmp_path)
        titles = {p: store.get(canonicalize_url(server.url(p))).title for p in names}
        assert titles == names
        # the home page is the site's; the site writes its name in capitals only
        assert store.get(canonicalize_url(server.url("/"))).title == "BPPRD KOTA JAMBI"
        store.close()
        links = LinkStore.open(tmp_path)
        assert saved_site_titles(links, "asp").names == {"bpprd kota jambi"}
        links.close()

        # nothing changed on the site: every page comes back 200 (no validators), is
        # re-extracted with the learned segments, and compares equal
        second = crawl([source], settings(), tmp_path, timeout=180)
        summary = second.sources[0]
        assert (summary.stored, summary.changed, summary.unchanged) == (0, 0, 29)
        store = DocumentStore.open(tmp_path)
        assert {p: store.get(canonicalize_url(server.url(p))).title for p in names} == names
