"""A news portal of the Lokomedia kind (issue #11): the site's name alone in every <title>,
three columns whose left one (search, categories, popular posts, a services box, each
under an <h3>) comes before the article, the article's name in a styled span, every article
reached at its rewritten name and at ``media.php?module=detailberita&id=N``, and a "versi
cetak" copy of each (``print.php?id=N``, titled by the article).

A citizen notices: every article under its own name (not "Kategori Berita", the first
sidebar box, on every page), and each found once, at the address the site itself uses, not
its print copy, which opens the print dialog."""

from __future__ import annotations

from collections import Counter

import pytest

from crawler.extract.document import html_document
from crawler.extract.title import SiteTitles, TitleEvidence, choose_title
from crawler.run import crawl
from crawler.sitetitles import learn_site_titles
from crawler.twins import is_copy, page_copies, query_twins, twin_identity
from sikoja.config import Settings
from sikoja.documents import Document
from sikoja.sources import Source
from sikoja.store import DocumentStore
from sikoja.urls import url_key
from tests.faultserver import QuerySite, query_key

SITE = "Dinas Lingkungan Hidup Kota Jambi"
ARTICLES = {
    41: ("Tarif Retribusi Buang Sampah ke TPA Talang Gulo",
         ["Pengangkut sampah swasta membayar retribusi berdasarkan hasil timbangan di TPA.",
          "Biaya: Rp100.000 per ton. Pembayaran di loket jembatan timbang."]),
    42: ("Pendaftaran Bank Sampah Unit",
         ["Kelompok warga yang mengelola bank sampah di tingkat RT dapat mendaftarkannya.",
          "Syarat: surat keterangan RT dan Lurah, susunan pengurus, daftar nasabah."]),
    43: ("Jumat Bersih di Pasar Angso Duo",
         ["Pedagang dan petugas membersihkan saluran air dan mengangkut 12 ton sampah."]),
    44: ("Armada Pengangkut Sampah Baru",
         ["Sepuluh truk baru melayani kelurahan yang sering terlambat diangkut."]),
    45: ("Penanaman Pohon di Danau Sipin",
         ["Pelajar dan komunitas menanam seribu bibit pohon di sempadan Danau Sipin."]),
}


def seo(n: int) -> str:
    return f"berita-{n}-" + "-".join(ARTICLES[n][0].lower().split()) + ".html"


def layout(main: str, last_box: str = "") -> bytes:
    boxes = "".join(f'<li><a href="media.php?module=detailberita&amp;id={n}">{t}</a> (9{n})</li>'
                    for n, (t, _) in ARTICLES.items())
    services = "".join(f'<li><a href="{seo(n)}">{ARTICLES[n][0]}</a></li>' for n in (41, 42))
    return (f"<html><head><title>{SITE}</title></head><body><div id='header'><img "
            f"src='images/header.jpg'></div><ul class='menu'><li><a href='index.html'>Beranda"
            f"</a></li><li><a href='semua-berita.html'>Berita</a></li></ul><div id='kiri'>"
            f"<form action='hasil-pencarian.html'><input name='kata'></form>"
            f"<h3>Kategori Berita</h3>&bull; <a href='kategori-1-berita.html'>Berita (3)</a><br>"
            f"&bull; <a href='kategori-2-pelayanan.html'>Pelayanan (2)</a>"
            f"<h3>Berita Populer</h3><ul>{boxes}</ul><h3>Layanan Kami</h3><ul>{services}</ul>"
            f"{last_box}</div><div id='tengah'>{main}</div><div id='kanan'>"
            f"<h3>Statistik Pengunjung</h3>"
            f"Pengunjung hari ini : 127<br>Total pengunjung : 184.233</div><div id='footer'>"
            f"Copyright {SITE}. Powered by Lokomedia</div></body></html>").encode()


def article(n: int, last_box: str = "") -> bytes:
    title, paragraphs = ARTICLES[n]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return layout(f"<span class='date'>Senin, 5 Agustus 2024 - 09:{n}:12 WIB</span><br>"
                  f"<span class='judul'>{title}</span><br><span class='posting'>Diposting oleh "
                  f": Administrator - Dibaca: {n * 7} kali</span><div class='isi'>{body}</div>"
                  f"<a href='print.php?id={n}'>Versi cetak</a>", last_box)


def printed(n: int) -> bytes:
    title, paragraphs = ARTICLES[n]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title></head><body onload='window.print()'><h3>"
            f"{title}</h3><p>Senin, 5 Agustus 2024</p>{body}<hr><small>Sumber: {SITE}"
            f"</small></body></html>").encode()


def pages() -> dict[str, bytes]:
    listing = "".join(f"<p><a href='{seo(n)}'>{t}</a></p>" for n, (t, _) in ARTICLES.items())
    out = {"/": layout(f"<span class='judul'>Berita Terkini</span>{listing}"),
           "/semua-berita.html": layout(f"<span class='judul'>Semua Berita</span>{listing}")}
    for n in ARTICLES:
        out[f"/{seo(n)}"] = article(n)
        out[query_key(f"/media.php?module=detailberita&id={n}")] = article(n)
        out[query_key(f"/print.php?id={n}")] = printed(n)
    return out


@pytest.mark.slow  # a real crawl
def test_a_portal_article_is_found_once_under_its_own_name(tmp_path):
    settings = Settings()
    settings.crawl.delay, settings.crawl.retries = 0, 0
    with QuerySite(pages()) as site:
        source = Source(name="dlh-portal", opd=SITE, start_urls=[site.url("/")],
                        use_sitemap=False)
        crawl([source], settings, tmp_path, timeout=60)
        store = DocumentStore.open(tmp_path)
        titles = {doc.url: doc.title for doc in store.iter_documents()}
        store.close()
    articles = {site.url(f"/{seo(n)}"): title for n, (title, _) in ARTICLES.items()}
    # each article once, at its rewritten name, under its own name; no print copy and no
    # media.php spelling left beside it
    assert {url: titles.get(url) for url in articles} == articles
    assert not [url for url in titles if "print.php" in url or "media.php" in url]



def without_query_twins(body: bytes) -> bytes:
    """The page with its sidebar linking each post at its rewritten name."""
    for n in ARTICLES:
        body = body.replace(f"media.php?module=detailberita&amp;id={n}".encode(), seo(n).encode())
    return body


@pytest.mark.slow  # two real crawls
def test_a_sidebar_on_most_pages_is_template_though_print_copies_make_half(tmp_path):
    # seven pages in the three columns, two pop-up pages without them (a map, a duty
    # roster) and five print copies: the columns are on 7 of 14 pages fetched, 7 of the 9
    # pages kept. The template is what the pages kept share, not what the copies dilute.
    bare = {"/peta-lokasi.html": ("Peta Lokasi TPS", "Tempat penampungan sementara sampah "
                                  "ada di setiap kelurahan, dekat kantor lurah."),
            "/jadwal-piket.html": ("Jadwal Piket Kebersihan", "Petugas kebersihan bergiliran "
                                   "menjaga taman kota setiap akhir pekan.")}
    served = {path: without_query_twins(body) for path, body in pages().items()
              if "media.php" not in path}
    served["/"] = served["/"].replace(b"</span>", b"</span>" + "".join(
        f"<p><a href='{path}'>{title}</a></p>" for path, (title, _) in bare.items()).encode(), 1)
    for path, (title, text) in bare.items():
        served[path] = (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
                        f"<p>{text}</p></body></html>").encode()
    settings = Settings()
    settings.crawl.delay, settings.crawl.retries = 0, 0
    texts = []
    with QuerySite(served) as site:
        source = Source(name="dlh-portal", opd=SITE, start_urls=[site.url("/")],
                        use_sitemap=False)
        for _crawl in range(2):
            crawl([source], settings, tmp_path, timeout=60)
            store = DocumentStore.open(tmp_path)
            texts.append({doc.url: doc.text for doc in store.iter_documents()})
            store.close()
    first, second = texts
    assert not [url for url in first if "print.php" in url]
    # a search for the visitor counter or a sidebar box finds no article
    assert not [url for url, text in first.items()
                if "Pengunjung hari ini" in text or "Berita Populer" in text]
    for n, (_title, paragraphs) in ARTICLES.items():
        assert paragraphs[0] in first[site.url(f"/{seo(n)}")]
    assert second == first  # the recrawl learns the same template and rewrites nothing


def test_a_heading_most_pages_repeat_is_the_template_s_not_a_title():
    boxes = [(3, "Kategori Berita"), (3, "Berita Populer"), (3, "Agenda")]
    site = learn_site_titles([(SITE, None)] * 6,
                             [[*boxes, (1, f"Artikel {n}")] for n in range(5)] + [boxes])
    assert site.headings == {(3, "kategori berita"), (3, "berita populer"), (3, "agenda")}
    evidence = TitleEvidence(title_tag=SITE, site_names={SITE.casefold()},
                             headings=[(3, "Kategori Berita"), (3, "Berita Populer"),
                                       (3, "Pendaftaran Bank Sampah Unit"), (3, "Agenda")])
    assert choose_title(evidence, site) == "Pendaftaran Bank Sampah Unit"
    # without the site's other pages the first box heading would have named the page
    assert choose_title(evidence, SiteTitles(frozenset({SITE.casefold()}))) == "Kategori Berita"
    # three pages are too few to tell a template's box from a name some pages share
    small = learn_site_titles([(SITE, None)] * 3, [boxes] * 3)
    assert not small.headings


def test_a_page_named_as_a_sidebar_box_keeps_its_own_name():
    boxes = [(3, "Kategori Berita"), (3, "Agenda"), (3, "Pengaduan")]
    site = learn_site_titles([(SITE, None)] * 6,
                             [[*boxes, (1, f"Artikel {n}")] for n in range(6)])
    # the agenda page: the site's name alone in <title>, the box "Agenda" in the sidebar
    # and "Agenda" again as its own main heading
    agenda = TitleEvidence(title_tag=SITE, site_names={SITE.casefold()},
                           headings=[*boxes, (1, "Agenda")])
    assert choose_title(agenda, site, url="http://a.go.id/agenda.html") == "Agenda"
    complaints = TitleEvidence(title_tag=SITE, site_names={SITE.casefold()},
                               headings=[*boxes, (1, "Pengaduan Masyarakat")])
    assert choose_title(complaints, site) == "Pengaduan Masyarakat"


def test_pages_that_show_no_template_do_not_hide_it():
    boxes = [(3, "Kategori Berita"), (3, "Berita Populer"), (3, "Agenda")]
    pages = [[*boxes, (1, f"Artikel {n}")] for n in range(5)]
    # print copies and articles read without their columns: one heading each
    bare = [[(3, f"Artikel {n}")] for n in range(6)]
    site = learn_site_titles([(SITE, None)] * 11, pages + bare)
    assert site.headings == {(3, "kategori berita"), (3, "berita populer"), (3, "agenda")}


def doc(url: str, title: str, text: str, kind: str = "news") -> Document:
    return Document(url=url, source="s", opd="o", kind=kind, title=title, text=text)


def test_a_print_copy_is_the_page_that_links_it_less_its_blocks():
    base = "http://a.go.id/"
    text = ("Senin, 5 Agustus 2024 - 09:41 WIB\nArmada Baru\n"
            "Sepuluh truk baru melayani kelurahan.")
    page = doc(base + "berita-44.html", "Armada Baru",
               text + "\nDibaca: 936 kali\nBerita Terkait:\nKomentar:\n"
               "Hendra: Terima kasih infonya.")
    footer = "Sumber: Dinas Lingkungan Hidup Kota Jambi"
    copy = doc(base + "print.php?id=44", "Armada Baru",
               "Armada Baru\nSenin, 5 Agustus 2024\nSepuluh truk baru melayani kelurahan.\n"
               + footer)
    others = {base + f"print.php?id={n}": doc(base + f"print.php?id={n}", f"Berita {n}",
                                              f"Isi berita {n}.\n{footer}") for n in (1, 2)}
    docs = {page.url: page, copy.url: copy, **others}
    links = [(page.url, [(copy.url, "Versi cetak")], [])]
    # the footer every print view repeats need not be in the article
    assert page_copies(docs, links) == {copy.url: page.url}
    assert not is_copy(copy.text, page.text)  # but on one page alone it is the copy's own
    # a page of another title, or one that says more than the page linking it, is no copy
    renamed = doc(copy.url, "Armada Baru (cetak)", copy.text)
    assert page_copies({**docs, copy.url: renamed}, links) == {}
    longer = doc(copy.url, "Armada Baru", copy.text + "\nJadwal baru diumumkan kelurahan. " * 9)
    assert page_copies({**docs, copy.url: longer}, links) == {}


def test_a_list_s_second_page_is_nobody_s_copy():
    base = "http://a.go.id/"
    teasers = [f"Berita {n}: ringkasan berita nomor {n} untuk warga." for n in range(8)]
    first = doc(base + "semua-berita.html", "Semua Berita", "\n".join(teasers[:4]), "page")
    # shorter than the first page and wholly in the lists: only OWN_SHARE tells them apart
    second = doc(base + "halberita-2.html", "Semua Berita", "\n".join(teasers[5:]), "page")
    # the tag and category lists repeat the second page's teasers
    lists = {base + f"tag-{n}.html": doc(base + f"tag-{n}.html", f"Tag {n}", "\n".join(teasers),
                                         "page") for n in range(3)}
    docs = {first.url: first, second.url: second, **lists}
    assert page_copies(docs, [(first.url, [(second.url, "2")], [])]) == {}


def test_copies_read_as_different_kinds_are_one_page():
    text = "Pendaftaran bank sampah unit.\nSyarat: surat keterangan RT."
    seo_copy = doc("http://a.go.id/berita-42-bank-sampah.html", "Bank Sampah", text, "news")
    query_copy = doc("http://a.go.id/media.php?module=detailberita&id=42", "Bank Sampah", text,
                     "service")
    assert twin_identity(seo_copy) == twin_identity(query_copy)


def test_a_menu_page_the_home_shows_is_no_copy_of_it():
    base = "http://a.go.id/"
    agenda = "Rapat koordinasi kebersihan kota, Senin 12 Agustus 2024 di aula dinas."
    home = doc(base, SITE, f"Berita Terkini\n{agenda}\nJumat Bersih di Pasar Angso Duo", "page")
    # both fall back to the site's name: the agenda page's own text is what the home shows
    page = doc(base + "agenda.html", SITE, agenda, "page")
    others = {base + f"berita-{n}.html": doc(base + f"berita-{n}.html", f"Berita {n}",
                                             f"Isi berita {n}.") for n in (1, 2, 3)}
    docs = {home.url: home, page.url: page, **others}
    home_only = [(home.url, [(page.url, "Agenda")], [])]
    names = frozenset({SITE.casefold()})
    assert page_copies(docs, home_only, names) == {}
    assert page_copies(docs, home_only) == {page.url: home.url}  # as it was without the names
    # titled as the home by some other way, it is still the menu's page: every page links it
    renamed = {url: doc(url, "Agenda", d.text, d.kind)
               for url, d in docs.items() if url in (home.url, page.url)}
    menu = [(url, [(page.url, "Agenda")], []) for url in [home.url, *others]]
    assert page_copies({**docs, **renamed}, menu) == {}
    assert page_copies({**docs, **renamed}, menu[:1]) == {page.url: home.url}


def test_of_twins_read_as_different_kinds_the_service_stays():
    text = "Pendaftaran bank sampah unit.\nSyarat: surat keterangan RT."
    news = doc("http://a.go.id/berita/bank-sampah", "Bank Sampah", text, "news")
    service = doc("http://a.go.id/layanan/bank-sampah", "Bank Sampah", text, "service")
    # the news spelling shorter and linked from more pages, in either order
    inlinks = Counter({url_key(news.url): 5, url_key(service.url): 1})
    for docs in ([news, service], [service, news]):
        pages = {d.url: twin_identity(d) for d in docs}
        assert query_twins(pages, inlinks, {d.url: d.kind for d in docs}) == {
            news.url: service.url}


@pytest.mark.parametrize("last_box", [
    "<h3>Agenda</h3><ul><li><a href='agenda.html'>Rapat kebersihan</a></li></ul>",
    "<h3>Jam Pelayanan</h3><a href='jam-pelayanan.html'>Senin-Jumat</a>",
    # a box whose posts are headings that link, the article's own among them
    "<h3>Berita Terkini</h3>" + "".join(f"<h4><a href='{seo(n)}'>{ARTICLES[n][0]}</a></h4>"
                                        for n in ARTICLES),
])
def test_a_short_last_sidebar_box_does_not_outrank_the_article_s_name(last_box):
    # the box ends with the left column: its one link is not weighed against the article's
    # date line that follows it in the page
    found = html_document(article(44, last_box), url=f"http://a.go.id/{seo(44)}",
                          content_type=None, http_last_modified=None, source="s",
                          opd=SITE).document
    assert (found.title, found.last_modified) == (ARTICLES[44][0], "2024-08-05")
