"""A page's kind learned from its site's other pages (``crawler.siblings``), through real
crawls of small loopback sites.

A kelurahan blog writes its services as dated posts: one with its sections, others in
prose ("Syaratnya cukup bawa ...") that read as news alone; the blog files them under the
label "Layanan", its news under "Berita", and one news report uses the same words. A site
without names builds its service pages at one URL pattern. A fleet that splits the blog
between two workers (the label page in one store, the posts in the other) must give the
kinds one crawl gives.
"""

from __future__ import annotations

import pytest

from crawler.boilerplate import fingerprint
from crawler.linkstore import LinkStore
from crawler.merge import merge_stores
from crawler.run import crawl
from crawler.siblings import (
    FROM_LISTING,
    FROM_SIBLINGS,
    Group,
    decide,
    list_of,
    pager_link,
    restore,
    settle_kinds,
    url_pattern,
)
from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import Settings, load_settings
from sikoja.documents import Document
from sikoja.sources import Source
from sikoja.store import DocumentStore
from tests.faultserver import LoopbackSite, Page, PageSite, QuerySite, html
from tests.redisserver import missing, redis_server

MENU = ("<nav class='menu'><a href='/search/label/Layanan'>Layanan</a> "
        "<a href='/search/label/Berita'>Berita</a></nav>")
FULL = ("<h3>Persyaratan</h3><ol><li>Surat pengantar RT</li><li>Buku nikah</li></ol>"
        "<h3>Waktu Penyelesaian</h3><p>1 hari kerja</p><h3>Biaya</h3><p>Gratis</p>")
# path -> (label, title, date, body)
POSTS = {
    "/2024/02/syarat-kartu-keluarga.html": (
        "Layanan", "Penerbitan Kartu Keluarga Baru", "2024-02-05", FULL),
    "/2024/03/mau-urus-surat-domisili.html": (
        "Layanan", "Mau Urus Surat Domisili? Begini", "2024-03-04",
        "<p>Surat domisili dibuat di kantor lurah tempat tinggal.</p><p>Syaratnya cukup bawa "
        "surat pengantar RT dan fotokopi KTP. Soal biaya, gratis.</p><p>Prosesnya sekitar "
        "lima belas menit saja di loket pelayanan kelurahan.</p>"),
    "/2024/05/akta-lahir-bisa-dititip.html": (
        "Layanan", "Akta Lahir Bayi Bisa Dititip di Kelurahan", "2024-05-06",
        "<p>Orang tua tidak perlu antre ke Disdukcapil.</p><p>Syaratnya surat keterangan "
        "lahir dari bidan, KK dan KTP orang tua. Biayanya gratis, berkas dititipkan ke "
        "petugas register kelurahan.</p>"),
    "/2024/08/warga-baru-pindah-datang.html": (
        "Layanan", "Warga Baru Pindah Datang? Ini Caranya", "2024-08-12",
        "<p>Warga yang pindah ke kelurahan kami cukup datang ke kantor lurah pada jam "
        "kerja.</p><h3>Persyaratan</h3><ul><li>Surat Keterangan Pindah (SKPWNI) dari daerah "
        "asal</li><li>Fotokopi KK lama</li></ul>"),
    "/2024/04/jemput-bola-rekam-ktp.html": (
        "Berita", "Jemput Bola Rekam KTP di SMA Negeri 1", "2024-04-08",
        "<p>Petugas merekam KTP-el 140 siswa yang baru berusia 17 tahun di sekolah.</p>"
        "<p>Syarat rekam cukup membawa fotokopi KK dan seluruh layanan gratis.</p>"),
    "/2024/06/gotong-royong-parit.html": (
        "Berita", "Gotong Royong Bersihkan Parit RT 07", "2024-06-10",
        "<p>Warga RT 07 bersama staf kelurahan membersihkan parit menjelang musim hujan.</p>"),
    "/2024/07/lomba-kebersihan.html": (
        "Berita", "Lomba Kebersihan Antar-RT", "2024-07-15",
        "<p>Kelurahan menggelar lomba kebersihan lingkungan antar-RT menyambut hari jadi "
        "kota.</p>"),
}
PROSE_SERVICES = ("/2024/03/mau-urus-surat-domisili.html", "/2024/05/akta-lahir-bisa-dititip.html")
# one labelled section, too little for its own rule: news, until the label makes it a service
ONE_SECTION = "/2024/08/warga-baru-pindah-datang.html"


def post(path: str, menu: str = MENU) -> bytes:
    label, title, date, body = POSTS[path]
    return html(title, f"{menu}<article><h1 class='post-title entry-title'>{title}</h1>"
                f"<time class='published' datetime='{date}T09:00:00+07:00'>{date}</time>"
                f"<div class='post-body entry-content'>{body}</div><p class='post-labels'>"
                f"Label: {label}</p></article>")


def listing(title: str, paths: list[str], menu: str = MENU) -> bytes:
    items = "".join(f"<li><a href='{p}'>{POSTS[p][1]}</a></li>" for p in paths)
    return html(title, f"{menu}<h1>{title}</h1><ul>{items}</ul>")


def blog_pages(menu: str = MENU) -> dict[str, bytes]:
    pages = {p: post(p, menu) for p in POSTS}
    for label in ("Layanan", "Berita"):
        pages[f"/search/label/{label}"] = listing(
            label, [p for p, spec in POSTS.items() if spec[0] == label], menu)
    pages["/"] = listing("Kelurahan Uji", list(POSTS), menu)
    return pages


def settings(frontier: str | None = None) -> Settings:
    out = Settings()
    out.crawl.delay, out.crawl.retries, out.crawl.frontier = 0, 0, frontier
    return out


def kinds(data_dir) -> dict[str, tuple[str, dict]]:
    store = DocumentStore.open(data_dir)
    try:
        return {d.url: (d.kind, d.fields) for d in store.iter_documents()}
    finally:
        store.close()


def run(site: LoopbackSite, data_dir, *starts: str, frontier: str | None = None) -> None:
    source = Source(name="kel-uji", opd="Kelurahan Uji", use_sitemap=False,
                    start_urls=[site.url(s) for s in starts])
    summary = crawl([source], settings(frontier), data_dir, timeout=120)
    assert summary.ok, summary


def indexed_search(data_dir, query: str):
    """The crawl indexed (keywords only) and ``query`` searched on it."""
    settings = load_settings(data_dir, embedder="none")
    build_index(settings)
    searcher = Searcher(settings)
    try:
        return searcher.search(query)
    finally:
        searcher.close()


@pytest.fixture(scope="module")
def blog(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("blog")
    with PageSite({p: Page(b) for p, b in blog_pages().items()}) as site:
        run(site, data_dir, "/")
        first = kinds(data_dir)
        run(site, data_dir, "/")  # the recrawl: every page answers 304
        yield site, data_dir, first


@pytest.mark.slow  # the blog's two crawls
def test_service_posts_are_found_through_the_label_that_files_them(blog):
    site, data_dir, _ = blog
    got = kinds(data_dir)
    for path in PROSE_SERVICES:
        kind, fields = got[site.url(path)]
        assert kind == "service", path
        assert 0.6 <= fields["kind_confidence"] < 1.0  # a confidence that says how it knew
        assert fields["kind_from"]["kind"] == "news"
        assert site.url("/search/label/Layanan") in fields["kind_from"]["reason"]
    kind, fields = got[site.url("/2024/02/syarat-kartu-keluarga.html")]
    assert kind == "service" and "kind_from" not in fields  # its own rule was sure


@pytest.mark.slow  # the blog's two crawls, and an index of them
def test_a_post_made_a_service_by_its_label_brings_its_own_sections(blog):
    """Its card shows the requirements the post lists, not only its first sentence."""
    site, data_dir, _ = blog
    kind, fields = kinds(data_dir)[site.url(ONE_SECTION)]
    assert kind == "service" and fields["kind_from"]["kind"] == "news"
    assert fields["requirements"] == ["Surat Keterangan Pindah (SKPWNI) dari daerah asal",
                                      "Fotokopi KK lama"]
    assert fields["kind_from"]["fields"] == ["requirements"]
    # undone with the step: the post as its own rule read it carries no service fields
    assert "requirements" not in restore(Document(
        url="u", source="s", opd="o", kind=kind, title="t", text="", fields=fields)).fields
    # the prose posts had no labelled section to bring
    for path in PROSE_SERVICES:
        assert "requirements" not in kinds(data_dir)[site.url(path)][1]
    found = indexed_search(data_dir, "syarat pindah datang")
    assert found.results[0].url == site.url(ONE_SECTION)
    assert found.answer is not None
    assert found.answer.requirements == fields["requirements"]


@pytest.mark.slow  # the blog's two crawls
def test_a_news_report_on_the_same_words_stays_news(blog):
    site, data_dir, _ = blog
    got = kinds(data_dir)
    for path in ("/2024/04/jemput-bola-rekam-ktp.html", "/2024/06/gotong-royong-parit.html",
                 "/2024/07/lomba-kebersihan.html"):
        assert got[site.url(path)][0] == "news", path
        assert "kind_from" not in got[site.url(path)][1]


@pytest.mark.slow  # the blog's two crawls
def test_recrawl_and_rerun_give_the_same_kinds(blog):
    _, data_dir, first = blog
    assert kinds(data_dir) == first
    store, links = DocumentStore.open(data_dir), LinkStore.open(data_dir)
    try:
        assert settle_kinds(store, links, "kel-uji") == 0  # an unchanged site: no rewrite
    finally:
        store.close()
        links.close()


def test_without_the_label_page_the_prose_posts_stay_news(tmp_path):
    """The step adds what the site says; a site that says nothing keeps its pages' kinds."""
    pages = blog_pages(menu="")
    del pages["/search/label/Layanan"], pages["/search/label/Berita"]
    with PageSite({p: Page(b) for p, b in pages.items()}) as site:
        run(site, tmp_path, "/")
    got = kinds(tmp_path)
    for path in PROSE_SERVICES:
        assert got[site.url(path)][0] == "news"


def test_a_single_page_site_is_unchanged(tmp_path):
    body = html("Layanan Kelurahan", "<h1>Cara Mengurus Surat Domisili</h1><p>Syaratnya "
                "cukup bawa pengantar RT. Biayanya gratis.</p>")
    with PageSite({"/": Page(body)}) as site:
        run(site, tmp_path, "/")
    [(url, (kind, fields))] = kinds(tmp_path).items()
    assert "kind_from" not in fields
    store, links = DocumentStore.open(tmp_path), LinkStore.open(tmp_path)
    try:
        assert settle_kinds(store, links, "kel-uji") == 0
    finally:
        store.close()
        links.close()


def numbered(title: str, body: str) -> bytes:
    return html(title, f"<h1>{title}</h1>{body}")


def test_a_page_built_like_its_service_siblings_becomes_a_service(tmp_path):
    """No names: three pages at ``/info.php?id=`` state a service's sections, a fourth at
    the same pattern names a service in its headline and speaks of requirements and cost
    (too little alone); the index lists them as "Informasi"."""
    pages = {f"/info.php?id={n}": numbered(title, FULL) for n, title in enumerate(
        ("Penerbitan Kartu Keluarga", "Pencatatan Kelahiran", "Legalisir Dokumen"), 1)}
    pages["/info.php?id=4"] = numbered(
        "Cara Mengurus Surat Pindah", "<p>Syaratnya membawa KK asli dan KTP-el. Biayanya "
        "gratis, diurus di kantor kelurahan.</p>")
    index = "".join(f"<li><a href='{p}'>Info {p[-1]}</a></li>" for p in pages)
    pages["/"] = numbered("Informasi", f"<ul>{index}</ul>")

    with QuerySite(pages) as site:
        run(site, tmp_path, "/")
    got = kinds(tmp_path)
    kind, fields = got[site.url("/info.php?id=4")]
    assert kind == "service"
    assert fields["kind_from"]["kind"] == "page"
    assert "3 of 3" in fields["kind_from"]["reason"]


# an old PHP library site: its service list in two pages (``?hal=``), each in two orders
# (``&sort=``), a table of rows with a line of text each, a pager and the sort links below
LIBRARY = ("Pendaftaran Anggota", "Peminjaman Buku", "Perpustakaan Keliling",
           "Layanan Referensi", "Penggantian Kartu Anggota", "Pembinaan Perpustakaan Sekolah",
           "Penyerahan Arsip Inaktif", "Peminjaman Ruang Aula", "Serah Simpan Karya Cetak",
           "Akses Arsip Statis")
ROW_TEXT = ("Layanan ini diberikan di gedung perpustakaan pada jam kerja kepada setiap warga "
            "Kota Jambi yang membutuhkan, dengan petugas yang membantu mengisi formulir dan "
            "menjelaskan persyaratannya. ") * 4
LIBRARY_MENU = "<p><a href='/layanan.php'>LAYANAN</a> <a href='/berita.php'>BERITA</a></p>"


def library_list(page: int, sort: str = "") -> bytes:
    ids = list(range(1, 6) if page == 1 else range(6, 11))
    rows = "".join(f"<tr><td>{i}</td><td><a href='/layanan.php?id={i}'>{LIBRARY[i - 1]}</a>"
                   f"</td><td>{ROW_TEXT}</td></tr>"
                   for i in (reversed(ids) if sort == "desc" else ids))
    order = f"&sort={sort}" if sort else ""
    pager = " ".join(f"<a href='/layanan.php?hal={n}{order}'>{n}</a>" if n != page
                     else f"<b>{n}</b>" for n in (1, 2))
    if page == 1:
        pager += f" <a href='/layanan.php?hal=2{order}'>Berikutnya &raquo;</a>"
    return numbered("Daftar Layanan", f"{LIBRARY_MENU}<table>{rows}</table><p>Urutkan: "
                    "<a href='/layanan.php?sort=asc'>A-Z</a> | <a href='/layanan.php?sort=desc'>"
                    f"Z-A</a></p><p>Halaman: {pager}</p>")


def test_a_service_list_s_later_page_stays_a_list(tmp_path):
    """The second page of "Daftar Layanan" links the first through its pager ("1"), and
    services at ``/layanan.php?id=`` like the "Layanan" section: neither files it as a
    service. It stays the plain page its rule read, as the first page does; the services
    stay services."""
    pages = {f"/layanan.php?id={i}": numbered(name, LIBRARY_MENU + FULL)
             for i, name in enumerate(LIBRARY, 1)}
    pages["/layanan.php"] = library_list(1)
    for page in (1, 2):
        pages[f"/layanan.php?hal={page}"] = library_list(page)
        for sort in ("asc", "desc"):
            pages[f"/layanan.php?hal={page}&sort={sort}"] = library_list(page, sort)
    for sort in ("asc", "desc"):
        pages[f"/layanan.php?sort={sort}"] = library_list(1, sort)
    pages["/berita.php"] = numbered("Berita", LIBRARY_MENU + "<p>Belum ada berita.</p>")
    pages["/"] = numbered("Dinas Perpustakaan Uji", LIBRARY_MENU + "<ul>" + "".join(
        f"<li><a href='/layanan.php?id={i}'>{LIBRARY[i - 1]}</a></li>" for i in (1, 2, 3))
        + "</ul>")

    with QuerySite(pages) as site:
        run(site, tmp_path, "/")
    got = kinds(tmp_path)
    later = [u for u in got if "hal=2" in u]
    assert later, sorted(got)
    assert {u: got[u][0] for u in later} == dict.fromkeys(later, got[site.url("/layanan.php")][0])
    assert all("kind_from" not in got[u][1] for u in later)
    services = [u for u in got if "?id=" in u]
    assert services and all(got[u][0] == "service" for u in services)


@pytest.mark.parametrize(("page", "target", "text", "pager"), [
    ("/layanan.php?hal=2", "/layanan.php?hal=1", "1", True),
    ("/layanan.php?hal=2", "/layanan.php?sort=asc", "A-Z", True),  # the list in another order
    ("/layanan.php", "/layanan.php?hal=2", "Berikutnya »", True),
    ("/kategori/layanan/", "/kategori/layanan/page/2/", "Selanjutnya", True),
    ("/berita.php", "/berita.php?start=10", "»", True),
    ("/index.php", "/index.php?hal=profil", "PROFIL", False),  # a page chosen, not paged
    ("/layanan.php?id=5", "/layanan.php?id=5&print=1", "Versi cetak", False),
    ("/layanan.php", "/layanan.php?id=5", "Penggantian Kartu Anggota", False),
])
def test_a_pager_link_is_told_by_its_text_or_by_paging_its_own_list(page, target, text, pager):
    assert pager_link(f"http://x{page}", f"http://x{target}", text) is pager


def test_a_post_s_next_link_does_not_make_it_a_list():
    # "Berikutnya" from one post to the next is a pager's text, but not the same list
    assert list_of("http://x/artikel/12") != list_of("http://x/artikel/13")
    assert list_of("http://x/berita.php?id=21") != list_of("http://x/berita.php?id=22")
    assert list_of("http://x/layanan.php?hal=2&sort=desc") == list_of("http://x/layanan.php")


def test_url_pattern_generalises_the_id_or_slug():
    assert url_pattern("http://x/2025/03/syarat-ktp.html") == "/#/#/*.html"
    assert url_pattern("http://x/2025/03/14/syarat-ktp/") == "/#/#/#/*/"
    assert url_pattern("http://x/index.php?page=ktp&id=4") == "/index.php?id&page"
    assert url_pattern("http://x/layanan/ktp") == url_pattern("http://x/layanan/kk")


@pytest.mark.slow
@pytest.mark.skipif(missing() is not None, reason=missing() or "")
def test_a_fleet_split_between_label_and_posts_merges_into_the_single_crawl(tmp_path):
    """Worker a crawls an unnamed archive and so fetches the posts; worker b the label page
    (its posts already seen). Neither half alone knows the posts are filed as services."""
    pages = blog_pages(menu="")
    pages["/a"] = listing("Arsip", list(POSTS), menu="")
    with PageSite({p: Page(b) for p, b in pages.items()}) as site, redis_server() as frontier:
        for half, start in (("a", "/a"), ("b", "/search/label/Layanan")):
            run(site, tmp_path / half, start, frontier=frontier)
        run(site, tmp_path / "single", "/a", "/search/label/Layanan")
    assert kinds(tmp_path / "a")[site.url(PROSE_SERVICES[0])][0] == "news"  # half a alone
    merge_stores(tmp_path / "main", [tmp_path / "a", tmp_path / "b"])
    single, merged = kinds(tmp_path / "single"), kinds(tmp_path / "main")
    assert merged == single
    assert all(single[site.url(p)][0] == "service" for p in PROSE_SERVICES)


def test_a_post_in_a_mostly_news_layanan_list_and_a_service_list_is_a_service():
    """Two listings named like a service section, one of them mostly news (no verdict), the
    other not: the verdicts are weighed, not compared with the one that says nothing (a
    news-magazine site's fleet merge failed on exactly this)."""
    mostly_news = Group("http://kec.go.id/category/layanan/", "service", {"a", "b", "c"},
                        votes=3, services=1)
    services = Group("http://kec.go.id/layanan/", "service", {"a", "d"}, votes=1, services=1)
    confidence, reason, _ = decide([mostly_news, services])
    assert confidence == FROM_LISTING
    assert reason == "listed under a service section (http://kec.go.id/layanan/)"


def test_a_news_post_shown_beside_services_stays_news_without_sections_of_its_own():
    """A home listing seven services and one dated post about them ("Layanan Adminduk Malam
    Hari di MPP", under /berita/): the post stays news; the same list makes a plain page a
    service, and a "Layanan" label makes even the post one."""
    home = Group("http://dukcapil.go.id/", None, {"a", "b"}, votes=8, services=7)
    assert decide([home], news_post=True) == (0.0, "", False)
    assert decide([home])[0] == FROM_SIBLINGS
    label = Group("http://dukcapil.go.id/kategori/layanan", "service", {"a"}, votes=1,
                  services=1)
    assert decide([home, label], news_post=True)[0] == FROM_LISTING


def test_a_template_s_section_is_no_evidence_that_a_news_post_is_a_service(tmp_path):
    """A sidebar on every page lists "Persyaratan Umum" (the site's template): the sections
    read from it are not the post's own, so a news post shown on a home beside services
    stays news (with them counted, the post read as having sections and the home's
    services made it one); the same item written in the post itself does count."""
    site = "http://kel-uji.go.id"
    sidebar = ["Persyaratan Umum", "Fotokopi KTP"]
    template = frozenset(fingerprint(line) for line in sidebar)
    post_url = f"{site}/berita/2024/05/layanan-malam-hari.html"
    services = [f"{site}/layanan/{slug}" for slug in ("domisili", "sktm", "usaha")]

    def settled(own_line: str | None) -> tuple[str, dict]:
        data_dir = tmp_path / ("own" if own_line else "template")
        store, links = DocumentStore.open(data_dir), LinkStore.open(data_dir)
        try:
            docs = [Document(url=f"{site}/", source="kel", opd="Kel", kind="page",
                             title="Kelurahan Uji", text="Beranda", fields={"listing": True}),
                    Document(url=post_url, source="kel", opd="Kel", kind="news",
                             title="Layanan Surat Malam Hari di Kantor Lurah",
                             text="Kantor lurah melayani surat keterangan sampai pukul 21.00"
                                  " selama bulan Mei.\n" + (own_line or ""),
                             fields={"kind_confidence": 0.8})]
            docs += [Document(url=url, source="kel", opd="Kel", kind="service",
                              title=f"Surat {url.rsplit('/', 1)[1]}", text="Persyaratan",
                              fields={"requirements": ["Pengantar RT"], "cost": "Gratis"})
                     for url in services]
            for doc in docs:
                store.upsert(doc)
                main = [(u, "x") for u in [*services, post_url]] if doc.url == f"{site}/" else []
                lines = [fingerprint(line) for line in sidebar]
                if own_line:
                    lines.append(fingerprint(own_line))
                links.save(doc.url, source="kel", fetched_url=doc.url, links=main,
                           content=main,
                           sections={"requirements": ["Fotokopi KTP"]} if doc.url == post_url
                           else None,
                           field_lines={"fotokopi ktp": lines} if doc.url == post_url else None)
            links.save_template("kel", template)
            settle_kinds(store, links, "kel")
            got = store.get(post_url)
            return got.kind, got.fields
        finally:
            store.close()
            links.close()

    assert settled(None)[0] == "news"
    kind, fields = settled("Fotokopi KTP dan KK yang dibawa")
    assert kind == "service" and fields["requirements"] == ["Fotokopi KTP"]


def stored_rows(data_dir) -> dict[str, tuple]:
    """Each stored document as written: everything but when it was last fetched."""
    store = DocumentStore.open(data_dir)
    try:
        return {r["url"]: tuple(r[k] for k in r.keys() if k != "fetched_at")
                for r in store.query("SELECT * FROM documents ORDER BY url")}
    finally:
        store.close()


@pytest.mark.slow  # two crawls
def test_a_site_without_validators_crawled_again_is_unchanged(tmp_path):
    """Pages that send no ETag are fetched in full at every crawl. The posts the site step
    made services are stored as it rewrote them; fetched again unchanged, each is compared
    with what its own rule reads, so the crawl counts no change and rewrites nothing."""
    with PageSite({p: Page(b, etag=False) for p, b in blog_pages().items()}) as site:
        source = Source(name="kel-uji", opd="Kelurahan Uji", use_sitemap=False,
                        start_urls=[site.url("/")])
        first = crawl([source], settings(), tmp_path, timeout=120)
        assert first.ok and first.sources[0].stored > 0
        before = stored_rows(tmp_path)
        assert any(kinds(tmp_path)[site.url(p)][1].get("kind_from") for p in PROSE_SERVICES)
        second = crawl([source], settings(), tmp_path, timeout=120)
    assert second.ok
    assert (second.sources[0].changed, second.sources[0].stored) == (0, 0)
    assert second.sources[0].unchanged == first.sources[0].stored
    assert stored_rows(tmp_path) == before


# A puskesmas blog whose labels are links in each post's footer and whose label pages
# robots.txt keeps out of the crawl (Blogger's /search): path -> (labels, title, body)
FILED = {
    "/2024/02/alur-pendaftaran-pasien.html": (
        ("Info",), "Alur Pendaftaran Pasien", FULL),
    "/2024/04/syarat-surat-keterangan-sehat.html": (
        ("Info", "Pelayanan"), "Syarat Surat Keterangan Sehat", FULL),
    "/2024/06/berobat-gratis-cukup-bawa-ktp.html": (
        ("Info",), "Berobat Gratis Cukup Bawa KTP",
        "<p>Warga yang belum punya BPJS kini tetap bisa berobat gratis di puskesmas. Iuran "
        "JKN warga kurang mampu dibayar Pemerintah Kota.</p><p>Syaratnya warga dengan KTP-el "
        "Kota Jambi. Petugas pendaftaran membantu mengecek NIK dan mendaftarkannya, setelah "
        "itu bisa langsung berobat.</p>"),
    "/2024/07/posyandu-lansia-rt-09.html": (
        ("Berita",), "Posyandu Lansia RT 09 Ramai Dikunjungi",
        "<p>Posyandu lansia melayani pemeriksaan tekanan darah gratis. Warga cukup membawa KTP "
        "dan buku kesehatan. Sebanyak 61 lansia hadir pagi itu.</p>"),
    "/2024/08/lomba-balita-sehat.html": (
        ("Berita",), "Lomba Balita Sehat Tingkat Puskesmas",
        "<p>Puskesmas menggelar lomba balita sehat bagi kader posyandu se-kelurahan.</p>"),
    "/2024/09/vaksinasi-massal-di-aula.html": (
        ("Info",), "Vaksinasi Massal di Aula Kelurahan",
        "<p>Puskesmas menggelar vaksinasi massal di aula kelurahan. Warga cukup membawa KTP, "
        "vaksin diberikan gratis. Sebanyak 230 warga divaksin hingga siang hari.</p>"),
}


def filed_post(path: str, drop: str = "") -> bytes:
    labels, title, body = FILED[path]
    tags = "".join(f"<a href='/search/label/{label}' rel='tag'>{label}</a> "
                   for label in labels if label != drop)
    return html(title, f"<article><h1 class='post-title entry-title'>{title}</h1><time "
                f"class='published' datetime='2024-06-03T09:00:00+07:00'>3 Juni 2024</time>"
                f"<div class='post-body entry-content'>{body}</div>"
                f"<div class='post-labels'>Label: {tags}</div></article>")


def test_a_prose_post_filed_only_with_service_posts_is_a_service(tmp_path):
    """"Berobat Gratis Cukup Bawa KTP" says what to bring and that it is free in prose, like
    a report; its author filed it under "Info" with the blog's service posts and nothing
    else: a citizen asking to be treated free with a KTP gets it as the service it is, its
    card too. A report filed under "Berita" stays news; so does one filed with the services
    once the label holds a report as well."""
    pages = {p: Page(filed_post(p)) for p in FILED}
    pages["/"] = Page(html("Puskesmas Uji", "<ul>" + "".join(
        f"<li><a href='{p}'>{spec[1]}</a></li>" for p, spec in FILED.items()
        if "vaksinasi" not in p) + "</ul>"))
    pages["/robots.txt"] = Page(b"User-agent: *\nDisallow: /search\n", content_type="text/plain")
    with PageSite(pages) as site:
        run(site, tmp_path, "/")
        got = kinds(tmp_path)
        post = site.url("/2024/06/berobat-gratis-cukup-bawa-ktp.html")
        kind, fields = got[post]
        assert kind == "service" and fields["kind_from"]["kind"] == "news"
        assert site.url("/search/label/Info") in fields["kind_from"]["reason"]
        assert got[site.url("/2024/07/posyandu-lansia-rt-09.html")][0] == "news"
        found = indexed_search(tmp_path, "berobat gratis cukup bawa ktp")
        assert found.results[0].url == post and found.answer is not None
        # the report filed under "Info" too: the label no longer files only services
        pages["/"] = Page(html("Puskesmas Uji", "<ul>" + "".join(
            f"<li><a href='{p}'>{spec[1]}</a></li>" for p, spec in FILED.items()) + "</ul>"))
        site.pages.update(pages)
        run(site, tmp_path, "/")
    got = kinds(tmp_path)
    assert got[site.url("/2024/09/vaksinasi-massal-di-aula.html")][0] == "news"
    assert got[post][0] == "news"


BEROBAT = FILED["/2024/06/berobat-gratis-cukup-bawa-ktp.html"][2]
IMUNISASI = ("<p>Bayi dan balita warga kelurahan bisa diimunisasi di puskesmas tanpa biaya. "
             "Orang tua cukup membawa buku KIA dan KTP-el.</p><p>Petugas mencatat jadwal "
             "imunisasi berikutnya di buku KIA.</p>")


def labelled_blog(posts: dict[str, tuple[tuple[str, ...], str, str]],
                  extra: str = "") -> dict[str, Page]:
    """A blog whose posts (path -> (labels, title, body)) link their labels from the footer,
    with ``extra`` links below, and whose label pages robots.txt keeps out of the crawl."""
    pages = {}
    for path, (labels, title, body) in posts.items():
        tags = "".join(f"<a href='/search/label/{label}' rel='tag'>{label}</a> "
                       for label in labels)
        pages[path] = Page(html(title, f"<article><h1 class='post-title entry-title'>{title}"
                                f"</h1><time class='published' datetime='2024-06-03T09:00:00"
                                f"+07:00'>3 Juni 2024</time><div class='post-body "
                                f"entry-content'>{body}</div><div class='post-labels'>Label: "
                                f"{tags}</div>{extra.format(path=path)}</article>"))
    pages["/"] = Page(html("Puskesmas Uji", "<ul>" + "".join(
        f"<li><a href='{p}'>{spec[1]}</a></li>" for p, spec in posts.items()) + "</ul>"))
    pages["/robots.txt"] = Page(b"User-agent: *\nDisallow: /search\n",
                                content_type="text/plain")
    return pages


def two_services(label: str) -> dict[str, tuple[tuple[str, ...], str, str]]:
    return {"/2024/02/syarat-surat-sehat.html": ((label,), "Syarat Surat Keterangan Sehat", FULL),
            "/2024/03/alur-pendaftaran.html": ((label,), "Alur Pendaftaran Pasien", FULL)}


@pytest.mark.parametrize("label", ["Berita", "Pengumuman", "Artikel"])
def test_a_post_its_author_filed_as_news_stays_news_beside_two_service_posts(tmp_path, label):
    """The blog files two service posts under "Berita" too, and a post telling in prose
    that treatment is free with a KTP: the author called all three news, and only the
    posts whose own sections make them services are; the third stays news."""
    post = "/2024/06/berobat-gratis.html"
    posts = {**two_services(label), post: ((label,), "Berobat Gratis Cukup Bawa KTP", BEROBAT)}
    with PageSite(labelled_blog(posts)) as site:
        run(site, tmp_path, "/")
        got = kinds(tmp_path)
    assert got[site.url("/2024/02/syarat-surat-sehat.html")][0] == "service"
    assert got[site.url(post)][0] == "news", got[site.url(post)][1].get("kind_from")


def test_a_month_archive_or_an_author_page_files_no_post_with_services(tmp_path):
    """Each post links its month's archive ("Juni 2024") and its author's page: neither is
    a label the author filed the post under, so the two service posts of June, both by the
    admin, make no service of the admin's prose post of the same month."""
    post = "/2024/06/berobat-gratis.html"
    posts = {"/2024/06/syarat-surat-sehat.html": ((), "Syarat Surat Keterangan Sehat", FULL),
             "/2024/06/alur-pendaftaran.html": ((), "Alur Pendaftaran Pasien", FULL),
             post: ((), "Berobat Gratis Cukup Bawa KTP", "<p>Warga yang belum punya BPJS "
                    "bisa berobat gratis di puskesmas cukup dengan KTP-el Kota Jambi.</p>"),
             **{f"/2024/0{m}/kegiatan-{m}.html": ((), f"Kegiatan Rutin {m}", "<p>Kegiatan "
                "rutin kelurahan berjalan lancar.</p>") for m in (3, 4, 5)}}
    pages = labelled_blog(posts)
    for path, (_, title, body) in posts.items():
        author = "admin" if "/06/" in path else f"kader{path[6:8]}"
        pages[path] = Page(html(title, f"<article><h1 class='post-title entry-title'>{title}"
                                f"</h1><time class='published' datetime='2024-06-03T09:00:00"
                                f"+07:00'>3 Juni 2024</time><div class='post-body "
                                f"entry-content'>{body}</div><p>Arsip: <a href='{path[:9]}/'>"
                                f"Bulan {path[6:8]}</a> oleh <a href='/profile/{author}'>"
                                f"{author.title()}</a></p></article>"))
    pages["/robots.txt"] = Page(b"User-agent: *\nDisallow: /2024/06/$\nDisallow: /profile\n",
                                content_type="text/plain")
    with PageSite(pages) as site:
        run(site, tmp_path, "/")
        got = kinds(tmp_path)
    assert got[site.url("/2024/06/syarat-surat-sehat.html")][0] == "service"
    assert got[site.url(post)][0] == "news", got[site.url(post)][1].get("kind_from")


def test_two_prose_service_posts_filed_with_the_services_are_both_services(tmp_path):
    """Two posts told in prose (free treatment with a KTP, free immunisation with the KIA
    book) filed under "Info" with the blog's two service posts: each is a service, though
    each alone reads as news and each sees the other among the label's pages."""
    prose = {"/2024/06/berobat-gratis.html": (("Info",), "Berobat Gratis Cukup Bawa KTP",
                                              BEROBAT),
             "/2024/07/imunisasi-gratis.html": (("Info",), "Imunisasi Gratis Bawa Buku KIA",
                                                IMUNISASI)}
    with PageSite(labelled_blog({**two_services("Info"), **prose})) as site:
        run(site, tmp_path, "/")
        got = kinds(tmp_path)
    for path in prose:
        kind, fields = got[site.url(path)]
        assert kind == "service" and fields["kind_from"]["kind"] == "news", (path, fields)
        assert site.url("/search/label/Info") in fields["kind_from"]["reason"]
