"""A village site as OpenSID serves it, through real crawls of small loopback sites.

OpenSID ("Sistem Informasi Desa") draws every page as a list of "artikel" posts or one
post, with the same column of widgets beside it: linked box titles ("Arsip Artikel",
"Statistik Kelurahan"), the latest and most read posts, the categories, the latest
comments, a visitor counter. Its services are posts like its news, filed under a category
named like a service section, listed over several pages. The classic theme names that
column nothing a template rule knows (``rightcolumn``), so the extractor keeps it beside
each post: every post then looked like a list of links, and no service was found. The
newer Esensi theme prints the site's address as every page's canonical URL, which folded
every page into the home page. What a citizen must get: each post stored at its own URL,
the services found as services (those on the category's second page too), the news not,
and no widget text in what is searched.
"""

from __future__ import annotations

import pytest

from crawler.run import crawl
from sikoja.config import Settings
from sikoja.sources import Source
from sikoja.store import DocumentStore
from tests.faultserver import Page, PageSite

CATEGORIES = {1: "Berita Kelurahan", 3: "Informasi Layanan"}
SECTIONS = ("<p><strong>Persyaratan:</strong></p><ol><li>Surat pengantar RT dan RW</li>"
            "<li>Fotokopi KTP-el dan KK</li></ol><p><strong>Waktu Penyelesaian:</strong></p>"
            "<p>1 hari kerja</p><p><strong>Biaya:</strong></p><p>Gratis</p>")
# id -> (category, title, body)
POSTS = {
    12: (3, "Surat Keterangan Domisili", SECTIONS),
    15: (3, "Surat Keterangan Usaha (SKU)",
         "<p>Pelaku usaha kecil meminta surat keterangan usaha untuk pinjaman KUR.</p>"
         + SECTIONS),
    18: (3, "Surat Keterangan Ahli Waris",
         "<p>Surat ini dipakai untuk balik nama sertifikat tanah. Syaratnya cukup bawa "
         "pengantar RT, akta kematian pewaris dan KTP seluruh ahli waris; gratis.</p>"),
    21: (1, "Gotong Royong Bersihkan Parit di RT 09",
         "<p>Warga RT 09 bersama staf kelurahan membersihkan parit menjelang musim hujan."
         "</p>"),
    24: (1, "Posyandu Balita Melati Timbang 64 Anak",
         "<p>Kader posyandu menimbang 64 balita dan memberi vitamin A.</p>"),
    27: (1, "Lomba Kebersihan Antar-RT Sambut HUT RI",
         "<p>Kelurahan menggelar lomba kebersihan lingkungan antar-RT.</p>"),
}
PER_PAGE = 2  # posts per page of a category list
# the services the category lists on its second page
SERVICES = (12, 15, 18)


def post_path(pid: int) -> str:
    return f"/index.php/first/artikel/{pid}"


def category_path(cid: int, page: int = 1) -> str:
    return f"/index.php/first/kategori/{cid}" + (f"/{page}" if page > 1 else "")


def widgets() -> str:
    """The widget column, the same on every page, as boxes the classic theme draws."""
    def box(title: str, inner: str) -> str:
        return (f"<div class='box box-primary'><div class='box-header'><h3 class='box-title'>"
                f"{title}</h3></div><div class='box-body'>{inner}</div></div>")

    latest = "".join(f"<li><a href='{post_path(p)}'><small>5 Mei 2024</small><br>{t}</a></li>"
                     for p, (_c, t, _b) in POSTS.items())
    kategori = "".join(f"<li><a href='{category_path(c)}'>{n}</a></li>"
                       for c, n in CATEGORIES.items())
    return ("<form action='/index.php/first'><input name='cari'></form>"
            + box("<a href='/index.php/first/statistik/4'>Statistik Kelurahan Uji</a>",
                  "<script>var chart = 1;</script>")
            + box("<a href='/index.php/first/arsip'>Arsip Artikel</a>", f"<ul>{latest}</ul>")
            + box("Agenda", "<table><tr><td>Posyandu Balita RW 03</td></tr><tr><th>Lokasi</th>"
                  "<td>Posyandu Melati RT 07</td></tr></table>")
            + box("Komentar Terbaru", "<ul><li>Sari<br>Bu, untuk SKTM apakah harus ada "
                  f"pengantar RT... <a href='{post_path(18)}'>selengkapnya</a></li></ul>")
            + box("Kategori", f"<ul>{kategori}</ul>")
            + box("Statistik Pengunjung", "<table><tr><td>Hari ini</td><td>146</td></tr></table>"))


def classic(title: str, main: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><div id='maincontainer'>"
            "<div id='topsection'><h1>Kelurahan Uji</h1><h2>Kecamatan Contoh</h2></div>"
            f"<div id='contentwrapper'><div id='contentcolumn'>{main}</div></div>"
            f"<div id='rightcolumn'>{widgets()}</div><div id='footer'>&copy; OpenSID</div>"
            "</div></body></html>").encode()


def item(pid: int) -> str:
    cid, title, body = POSTS[pid]
    return (f"<li class='artikel'><h3 class='judul'><a href='{post_path(pid)}'>{title}</a></h3>"
            f"<div class='teks'>{body[:120]} <a href='{post_path(pid)}'>..selengkapnya</a>"
            "</div></li>")


def classic_site() -> dict[str, Page]:
    pages = {}
    for pid, (cid, title, body) in POSTS.items():
        pages[post_path(pid)] = Page(classic(title, (
            f"<div class='artikel'><h2 class='judul'>{title}</h2><h3 class='kecil'>"
            f"Administrator | 5 Mei 2024 | <a href='{category_path(cid)}'>{CATEGORIES[cid]}</a>"
            f" | Dibaca 99 Kali</h3><div class='teks'>{body}</div></div>")))
    for cid, name in CATEGORIES.items():
        ids = [p for p, spec in POSTS.items() if spec[0] == cid]
        chunks = [ids[i:i + PER_PAGE] for i in range(0, len(ids), PER_PAGE)]
        for n, chunk in enumerate(chunks, start=1):
            pager = "".join(f"<li><a href='{category_path(cid, i)}'>{i}</a></li>"
                            for i in range(1, len(chunks) + 1))
            pages[category_path(cid, n)] = Page(classic(f"{name} Website Kelurahan Uji", (
                f"<div class='box'><h3 class='box-title'>{name}</h3><ul class='artikel-list'>"
                + "".join(item(p) for p in chunk) + f"</ul><ul class='pagination'>{pager}"
                "</ul></div>")))
    pages["/"] = Page(classic("Website Kelurahan Uji", "<ul class='artikel-list'>" + "".join(
        item(p) for p in POSTS) + "</ul>"))
    for path, title in (("/index.php/first/arsip", "Arsip Artikel"),
                        ("/index.php/first/statistik/4", "Data Penduduk Menurut Jenis Kelamin")):
        pages[path] = Page(classic(title, f"<h3>{title}</h3><table><tr><td>LAKI-LAKI</td>"
                                          f"<td>{len(path)}</td></tr></table>"))
    return pages


def run(site: PageSite, data_dir) -> dict[str, tuple[str, dict, str]]:
    settings = Settings()
    settings.crawl.delay, settings.crawl.retries = 0, 0
    source = Source(name="kel-uji", opd="Kelurahan Uji", use_sitemap=False,
                    start_urls=[site.url("/")])
    summary = crawl([source], settings, data_dir, timeout=120)
    assert summary.ok and summary.errors == 0, summary
    store = DocumentStore.open(data_dir)
    try:
        return {d.url: (d.kind, d.fields, d.text) for d in store.iter_documents()}
    finally:
        store.close()


@pytest.fixture(scope="module")
def classic_crawl(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("opensid")
    with PageSite(classic_site()) as site:
        first = run(site, data_dir)
        again = run(site, data_dir)  # the recrawl: every page answers 304
        yield site, first, again


@pytest.mark.slow  # two crawls of a served site
def test_service_posts_beside_a_widget_column_are_services(classic_crawl):
    site, got, _ = classic_crawl
    for pid, (cid, title, _body) in POSTS.items():
        kind, fields, text = got[site.url(post_path(pid))]
        assert (kind == "service") == (cid == 3), (pid, title, kind)
        assert not fields.get("listing"), title
        assert "Komentar Terbaru" not in text and "Statistik Pengunjung" not in text, title
    # the service listed on the category's second page only is found through its first page
    kind, fields, _ = got[site.url(post_path(18))]
    assert fields["kind_from"]["reason"].startswith("listed under a service section")
    # what undoes the step: the listing the page's own rule read (beside the widgets)
    assert (fields["kind_from"]["kind"], fields["kind_from"]["listing"]) == ("page", True)
    assert got[site.url(category_path(3, 2))][1].get("listing")  # the list stays a list


@pytest.mark.slow
def test_the_recrawl_settles_the_same_kinds(classic_crawl):
    _site, first, again = classic_crawl
    assert {u: (k, f) for u, (k, f, _t) in again.items()} == {
        u: (k, f) for u, (k, f, _t) in first.items()}


@pytest.mark.slow  # a crawl of a served site
def test_every_page_naming_the_home_as_canonical_is_stored_at_its_own_url(tmp_path):
    """Esensi's head links the site's root as the canonical URL of every page, and its
    sidebar draws a chart with a script: a two-line post is still a page that says
    something (not one drawn by its scripts, which the site's health reported unreadable)."""
    def esensi(title: str, body: str) -> Page:
        return Page((f"<html><head><title>{title} - Kelurahan Uji</title><link rel='canonical'"
                     f" href='{site.url('/')}'></head><body><main>{body}</main><aside><div "
                     "id='container_widget'></div><script>var chart = Highcharts.chart("
                     "'container_widget', {series: [6299, 6276]});</script></aside></body>"
                     "</html>").encode())

    posts = {"/artikel/2024/7/8/cara-mengurus-surat-domisili": "Cara Mengurus Surat Domisili",
             "/artikel/2024/9/7/gotong-royong-jalan-rt-12": "Gotong Royong Jalan RT 12"}
    with PageSite() as site:
        site.pages["/"] = esensi("Website Kelurahan Uji", "<h1>Kelurahan Uji</h1>" + "".join(
            f"<h2><a href='{p}'>{t}</a></h2><p>Ringkasan {t}.</p>" for p, t in posts.items()))
        site.pages["/index.php"] = site.pages["/"]
        for path, title in posts.items():
            site.pages[path] = esensi(title, f"<h1>{title}</h1><p>Warga membawa pengantar "
                                      "RT ke kantor lurah.</p>")
        got = run(site, tmp_path)
    assert {site.url(p) for p in posts} <= set(got)
    assert sum(url == site.url("/") for url in got) == 1
