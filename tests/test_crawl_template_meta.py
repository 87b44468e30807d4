"""Metadata a theme prints on every page, through real crawls of small loopback sites.

On sites sikoja has never seen, a page's head often says what its template says, not what
the page is: one fixed canonical URL on every post, ``http://`` on a site served over https,
the dev server's ``<base href>``, a ``noindex`` left on from the staging copy, an app
shell's canonical on every route. Each test serves such a site and checks what a citizen
would notice: every page found, each at the URL that shows it, and the true duplicates (a
print view) still kept once.
"""

from __future__ import annotations

import json

import pytest

from crawler.canonicals import CanonicalClaims, Claim, fingerprint, same_page
from crawler.run import crawl
from sikoja.config import Settings
from sikoja.documents import Document
from sikoja.sources import Source
from sikoja.store import DocumentStore
from tests.faultserver import Page, PageSite

POSTS = {"/berita/rekam-ktp-keliling": ("Rekam KTP-el Keliling di Kelurahan",
                                        "Petugas Disdukcapil merekam KTP-el warga lanjut usia "
                                        "di aula kelurahan pada hari Sabtu."),
         "/berita/posyandu-lansia": ("Posyandu Lansia Bulan Juli",
                                     "Kader posyandu memeriksa tekanan darah dan gula darah "
                                     "sembilan puluh warga lansia."),
         "/berita/gotong-royong-parit": ("Gotong Royong Bersihkan Parit",
                                         "Warga RT 04 membersihkan parit sepanjang dua ratus "
                                         "meter menjelang musim hujan.")}


def page(title: str, body: str, head: str = "") -> Page:
    return Page(f"<html><head><title>{title} - Kelurahan Uji</title>{head}</head><body>"
                "<nav><a href='/'>Beranda</a></nav>"
                f"<main>{body}</main></body></html>".encode())


def canonical(url: str) -> str:
    return f"<link rel='canonical' href='{url}'>"


def test_who_keeps_a_claimed_url_does_not_depend_on_the_order_pages_arrive():
    """Whichever of the index page and two posts declaring it arrives first, each ends at
    the URL that shows it; a print view saying what its article says is its copy."""
    index, posts = "http://k.go.id/berita", ["http://k.go.id/berita/a", "http://k.go.id/berita/b"]
    pages = {index: ("Berita", "Daftar berita kelurahan: rekam KTP, posyandu, parit."),
             posts[0]: ("Rekam KTP", "Petugas merekam KTP-el warga lansia di aula kelurahan."),
             posts[1]: ("Posyandu", "Kader memeriksa tekanan darah sembilan puluh warga.")}
    for order in ([index, *posts], [*posts, index], [posts[0], index, posts[1]]):
        claims, placed = CanonicalClaims(), {}
        for served in order:
            title, text = pages[served]
            verdict = claims.arrive(Document(url=index, source="k", opd="K", kind="page",
                                             title=title, text=text), served)
            if verdict.move is not None:
                placed[verdict.move.served] = placed.pop(index)
            placed[verdict.url] = served
        assert placed == {u: u for u in pages}, order
    claims = CanonicalClaims()
    article = Document(url=posts[0], source="k", opd="K", kind="page", title="Rekam KTP",
                       text=pages[posts[0]][1])
    assert claims.arrive(article, posts[0]).url == posts[0]
    assert claims.arrive(article, posts[0] + "/cetak").url == posts[0]  # a copy: one page


def test_pages_are_copies_by_their_text_and_title():
    """The article under a menu item's own title is a copy; two short posts beside one long
    widget column are not; nor are a list's two pages under one title."""
    widgets = " ".join(f"Statistik pengunjung hari ini {n} orang, arsip artikel bulan {n}."
                       for n in range(30))
    ktp = "Petugas merekam KTP-el warga lansia di aula kelurahan setiap hari Sabtu pagi."
    claim = lambda title, text: Claim("http://k.go.id/x", title, fingerprint(text))  # noqa: E731
    assert same_page(claim("Rekam KTP", ktp), claim("Layanan - Rekam KTP", ktp))
    assert not same_page(claim("Rekam KTP", f"{ktp} {widgets}"),
                         claim("Posyandu", f"Kader memeriksa tensi lansia. {widgets}"))
    assert not same_page(claim("Berita", "Rekam KTP keliling. Posyandu lansia. Parit."),
                         claim("Berita", "Musrenbang kelurahan. Lomba kebersihan antar RT."))


def test_a_page_read_from_the_store_is_compared_by_what_it_holds():
    """A post that answered 304 is read back from the store, where it took in the fields of
    the Standar Pelayanan PDF it links: its mobile twin is still its copy (their Jaccard is
    0.26 on the sample web's kec-danausipin), a post declaring the news index is not."""
    post = "Orang tua tidak perlu antre ke Disdukcapil: berkas akta kelahiran bisa dititipkan."
    standard = " ".join(f"Persyaratan {n}: surat keterangan lahir dan KK asli." for n in range(20))
    stored = Claim("http://k.go.id/akta", "Akta Kelahiran", fingerprint(f"{post} {standard}"),
                   stored=True)
    assert same_page(stored, Claim("http://k.go.id/akta?m=1", "Akta Kelahiran", fingerprint(post)))
    index = Claim("http://k.go.id/berita", "Berita", fingerprint(
        "Daftar berita kelurahan: kegiatan warga dan pengumuman."), stored=True)
    assert not same_page(index, Claim("http://k.go.id/berita/a", "Rekam KTP", fingerprint(
        "Petugas merekam KTP-el warga lansia di aula kelurahan.")))


def run(sources: list[Source], data_dir) -> dict[str, tuple[str, str]]:
    settings = Settings()
    settings.crawl.delay, settings.crawl.retries = 0, 0
    summary = crawl(sources, settings, data_dir, timeout=120)
    assert summary.ok and summary.errors == 0, summary
    store = DocumentStore.open(data_dir)
    try:
        return {d.url: (d.title, d.text) for d in store.iter_documents()}
    finally:
        store.close()


def source(site: PageSite, name: str = "kel-uji") -> Source:
    return Source(name=name, opd="Kelurahan Uji", use_sitemap=False,
                  start_urls=[site.url("/")])


@pytest.mark.slow  # a crawl of a served site
def test_a_canonical_pages_that_differ_share_is_the_templates(tmp_path):
    """A theme printing the news index as every post's canonical, and page 2 of the index
    naming page 1, folded every post into the index page (skipped as its duplicates). The
    posts keep their URLs; the index keeps its own; a print view naming its article is
    still that article; a canonical on ``https://`` of a page served over http, or on the
    dev server's host, is taken on the host that served the page. A recrawl answered in
    full, the posts in any order, changes nothing: the template's canonical is remembered
    (before, a post arriving first was stored over the index page, then moved back)."""
    with PageSite() as site:
        index = site.url("/berita")
        items = "".join(f"<li><a href='{p}'>{t}</a></li>" for p, (t, _x) in POSTS.items())
        # the posts are linked before the index, so they are fetched before it
        site.pages["/"] = page("Beranda", f"<h1>Kelurahan Uji</h1>{items}<ul><li><a href="
                               "'/layanan/domisili'>Surat Domisili</a></li><li><a href="
                               "'/cetak/domisili'>Cetak</a></li><li><a href='/profil'>Profil"
                               "</a></li><li><a href='/kontak'>Kontak</a></li><li><a href="
                               "'/berita'>Berita</a></li></ul>")
        site.pages["/berita"] = page("Berita", f"<h1>Berita</h1><ul>{items}</ul><a href="
                                     "'/berita/hal/2'>Berikutnya</a>", canonical(index))
        site.pages["/berita/hal/2"] = page(
            "Berita", "<h1>Berita</h1><ul><li>Musrenbang Kelurahan Tahun 2024 digelar di aula"
            "</li></ul>", canonical(index))
        for path, (title, text) in POSTS.items():
            site.pages[path] = page(title, f"<h1>{title}</h1><p>{text}</p>", canonical(index))
        service = ("<h1>Surat Keterangan Domisili</h1><p>Persyaratan: surat pengantar RT dan "
                   "RW, fotokopi KTP-el dan KK. Biaya gratis, selesai satu hari kerja.</p>")
        site.pages["/layanan/domisili"] = page("Surat Keterangan Domisili", service,
                                               canonical(site.url("/layanan/domisili")))
        site.pages["/cetak/domisili"] = page(
            "Surat Keterangan Domisili", service, canonical(site.url("/layanan/domisili")))
        https = site.url("/profil").replace("http://", "https://")
        site.pages["/profil"] = page("Profil", "<h1>Profil Kelurahan</h1><p>Kelurahan Uji "
                                     "berdiri tahun 1986 dan terdiri dari 14 RT.</p>",
                                     canonical(https))
        site.pages["/kontak"] = page("Kontak", "<h1>Kontak</h1><p>Jalan Sultan Thaha 12, "
                                     "telepon 0741 123456.</p>",
                                     canonical("http://localhost:8080/kontak"))
        got = run([source(site)], tmp_path)
        again = run([source(site)], tmp_path)  # every page answers 304: nothing moves
        for served in site.pages.values():
            served.etag = False  # answered in full: the lie learned stays learned
        settings = Settings()
        settings.crawl.delay, settings.crawl.retries = 0, 0
        third = crawl([source(site)], settings, tmp_path, timeout=120)
        assert third.sources[0].changed == 0 and third.sources[0].gone == 0, third
    assert again == got
    for path, (title, _text) in POSTS.items():
        assert got[site.url(path)][0].startswith(title), path
    assert got[index][0].startswith("Berita") and "Rekam KTP-el" in got[index][1]
    assert "Musrenbang" in got[site.url("/berita/hal/2")][1]
    # a true canonical still makes one page of two
    assert site.url("/layanan/domisili") in got
    assert site.url("/cetak/domisili") not in got
    assert site.url("/profil") in got and https not in got
    assert site.url("/kontak") in got
    assert not [u for u in got if "localhost" in u or u.startswith("https://")]


@pytest.mark.slow  # a crawl of a served site
def test_a_noindex_on_every_page_is_the_sites_forgotten_switch(tmp_path):
    """WordPress's "discourage search engines" box, left ticked, prints ``noindex, nofollow``
    on every page, home included: the site is still indexed, its links followed. A page
    that says noindex on a site whose home does not is left out, as it asks."""
    robots = "<meta name='robots' content='noindex, nofollow'>"
    with PageSite() as hidden, PageSite() as chosen:
        for site, home_head in ((hidden, robots), (chosen, "")):
            site.pages["/"] = page("Beranda", "<h1>Kelurahan</h1><a href='/layanan/sktm'>SKTM"
                                   "</a> <a href='/internal'>Internal</a>", home_head)
            site.pages["/layanan/sktm"] = page(
                "Surat Keterangan Tidak Mampu", "<h1>Surat Keterangan Tidak Mampu</h1><p>"
                "Persyaratan: pengantar RT, KK dan KTP-el. Biaya gratis.</p>", robots
                if site is hidden else "")
            site.pages["/internal"] = page("Rapat Internal", "<h1>Rapat Internal</h1><p>Notulen "
                                           "rapat staf bulan Mei untuk pegawai.</p>", robots)
        got = run([source(hidden, "kel-hidden"), source(chosen, "kel-chosen")], tmp_path)
    assert {hidden.url(p) for p in ("/", "/layanan/sktm", "/internal")} <= set(got)
    assert chosen.url("/layanan/sktm") in got and chosen.url("/internal") not in got


@pytest.mark.slow  # crawls of a served site
def test_the_forgotten_switch_is_the_homes_on_a_recrawl_and_beside_other_start_pages(tmp_path):
    """The home's directives alone say what the site repeats: a second start page, a list
    saying ``noindex, follow``, took that role before and every page was left out; and on
    a recrawl whose home answered 304 a new or changed page was left out as noindex."""
    robots = "<meta name='robots' content='noindex, nofollow'>"
    sktm = ("<h1>Surat Keterangan Tidak Mampu</h1><p>Persyaratan: pengantar RT, KK dan "
            "KTP-el. Biaya gratis.</p>")
    with PageSite() as site:
        site.pages["/"] = page("Beranda", "<h1>Kelurahan</h1><a href='/profil'>Profil</a>",
                               robots)
        site.pages["/profil"] = page("Profil", "<h1>Profil Kelurahan</h1><p>Kelurahan Uji "
                                     "berdiri tahun 1986.</p><a href='/layanan/sktm'>SKTM</a>",
                                     robots)
        site.pages["/daftar"] = page("Daftar Layanan", "<h1>Daftar</h1><p>Semua layanan.</p>",
                                     "<meta name='robots' content='noindex, follow'>")
        site.pages["/layanan/sktm"] = page("Surat Keterangan Tidak Mampu", sktm, robots)
        both = Source(name="kel-uji", opd="Kelurahan Uji", use_sitemap=False,
                      start_urls=[site.url("/"), site.url("/daftar")])
        got = run([both], tmp_path)
        assert {site.url("/profil"), site.url("/layanan/sktm")} <= set(got)
        site.pages["/layanan/sktm"] = page("Surat Keterangan Tidak Mampu", sktm + "<p>Syarat "
                                           "baru: surat pernyataan. <a href='/layanan/kia'>KIA"
                                           "</a></p>", robots)
        site.pages["/layanan/kia"] = page("Kartu Identitas Anak", "<h1>Kartu Identitas Anak"
                                          "</h1><p>Persyaratan: akta kelahiran dan KK.</p>",
                                          robots)
        again = run([source(site)], tmp_path)  # the home answers 304
    assert "surat pernyataan" in again[site.url("/layanan/sktm")][1]
    assert site.url("/layanan/kia") in again


@pytest.mark.slow  # a crawl of a served site
def test_a_base_href_left_on_the_dev_host_does_not_hide_the_site(tmp_path):
    """A theme built on a laptop keeps ``<base href="http://localhost:8080/">``: its relative
    links resolve off the site, and no page beyond the home was reached."""
    base = "<base href='http://localhost:8080/'>"
    with PageSite() as site:
        site.pages["/"] = page("Beranda", "<h1>Kelurahan</h1><a href='layanan/sktm'>SKTM</a>",
                               base)
        site.pages["/layanan/sktm"] = page(
            "Surat Keterangan Tidak Mampu", "<h1>Surat Keterangan Tidak Mampu</h1><p>"
            "Persyaratan: pengantar RT, KK dan KTP-el. Biaya gratis.</p>", base)
        got = run([source(site)], tmp_path)
    assert site.url("/layanan/sktm") in got


# a bundle drawing each record of its JSON list as a hash route (as in test_crawl_jsonsite)
HASH_ROUTES_JS = (b'fetch("/api/layanan").then(function(e){return e.json()}).then(function(e)'
                  b'{document.getElementById("root").innerHTML=e.data.map(function(e){return'
                  b'\'<a href="#/layanan/\'+e.slug+\'">\'+e.nama+"</a>"}).join("")});')
RECORDS = [{"nama": "Surat Pindah Domisili", "slug": "surat-pindah",
            "syarat": ["KK asli", "KTP-el"], "tarif": "Rp 0", "jangka_waktu": "1 hari"},
           {"nama": "Kartu Identitas Anak", "slug": "kia",
            "syarat": ["Akta kelahiran", "KK orang tua"], "tarif": "Gratis",
            "jangka_waktu": "1 hari"}]


@pytest.mark.slow  # a crawl of a served site
def test_an_app_shells_canonical_does_not_move_its_routes(tmp_path):
    """A single-page app at ``/`` whose index.html names ``/beranda`` (and og:url) as
    canonical: its records are where the app shows them, ``/#/layanan/<slug>``, not under
    a URL that serves nothing of them."""
    head = (canonical("/beranda") + "<meta property='og:url' content='/beranda'>")
    shell = ("<html><head><title>Layanan Online</title>" + head + "</head><body>"
             "<div id='root'></div><script src='/static/js/main.js'></script></body></html>")
    with PageSite({"/": Page(shell.encode()),
                   "/static/js/main.js": Page(HASH_ROUTES_JS,
                                              content_type="application/javascript"),
                   "/api/layanan": Page(json.dumps({"data": RECORDS}).encode(), etag=False,
                                        content_type="application/json")}) as site:
        got = run([source(site, "sipadu")], tmp_path)
    assert {site.url("/#/layanan/surat-pindah"), site.url("/#/layanan/kia")} <= set(got)
    assert not [u for u in got if "/beranda" in u]


@pytest.mark.slow  # two crawls of a served site
@pytest.mark.parametrize("posts_first", [False, True])
def test_a_page_unchanged_since_the_last_crawl_keeps_its_url_when_posts_claim_it(tmp_path,
                                                                                 posts_first):
    """On a recrawl the news index answers 304, and two new posts both declare it their
    canonical. Before, the first post was skipped as the index's duplicate yet taken for the
    claimant, and when the second showed the claim was the template's the index page's text
    was copied to the first post's URL and the index left the index for a crawl; with the
    posts fetched first, the first was stored over the index page, then moved back, and the
    index left the index. Now the stored index claims its URL first."""
    with PageSite() as site:
        index = site.url("/berita")
        site.pages["/"] = page("Beranda", "<h1>Kelurahan Uji</h1><a href='/berita'>Berita</a>")
        site.pages["/berita"] = page("Berita", "<h1>Berita</h1><p>Daftar berita Kelurahan "
                                     "Uji: kegiatan warga dan pengumuman kelurahan.</p>",
                                     canonical(index))
        run([source(site)], tmp_path)
        links = "".join(f"<a href='{p}'>{t}</a> " for p, (t, _x) in list(POSTS.items())[:2])
        index_link = "<a href='/berita'>Berita</a>"
        site.pages["/"] = page("Beranda", "<h1>Kelurahan Uji</h1>" + (
            f"{links} {index_link}" if posts_first else f"{index_link} {links}"))
        for path, (title, text) in list(POSTS.items())[:2]:
            site.pages[path] = page(title, f"<h1>{title}</h1><p>{text}</p>", canonical(index))
        got = run([source(site)], tmp_path)
    assert got[index][0].startswith("Berita") and "Daftar berita" in got[index][1]
    for path, (title, text) in list(POSTS.items())[:2]:
        assert site.url(path) in got, path
        assert got[site.url(path)][0].startswith(title) and text[:20] in got[site.url(path)][1]
