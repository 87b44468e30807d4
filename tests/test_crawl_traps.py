"""Old PHP sites' crawler traps (issue #11, session 18): session ids in links, an endless
agenda calendar, "kirim ke teman" forms, print and sort variants.

The sample site trap-dispusip (Dinas Perpustakaan dan Kearsipan, an old PHP table layout)
runs with cookies off, so every link carries a session id under the site's own name
(``sipus_sessid``), and a visit entering at an unparameterised URL gets a new one; its
sidebar calendar links each day of the month and the months around, the agenda page every
month of its year and the years around, forever; its services 6-10 are listed on the
service list's second page only. Its sources entry gives it a small budget (150 pages).
Before: 144 pages stored, 140 of them under a session id, 126 of 150 requests spent on the
agenda, the page cap reached and services 6-10 never requested.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from crawler.run import crawl
from crawler.traps import PROBES, TrapWatch
from sikoja.config import Settings
from sikoja.demo.server import load_manifest
from sikoja.sources import Source
from sikoja.store import DocumentStore
from sikoja.urls import canonicalize_url, url_key
from tests.faultserver import LoopbackSite, Reply, make_pdf
from tests.samplecrawl import crawl_sites

SITE = "trap-dispusip"


def _agenda(day: int) -> tuple[str, str]:
    return (f"Agenda Tanggal {day} Desember 2024 - Dinas Perpustakaan",
            f"Agenda Tanggal {day} Desember 2024 Tahun: 2022 | 2023 | 2024 Bulan: Jan | Feb "
            "| Mar Tidak ada agenda kegiatan pada tanggal/bulan ini.")


SERVICES = [
    ("Pendaftaran Anggota", "Persyaratan fotokopi KTP pas foto formulir kartu anggota gratis"),
    ("Peminjaman Buku", "Ketentuan kartu anggota paling banyak tiga buku tujuh hari denda"),
    ("Perpustakaan Keliling", "Surat permohonan lokasi tanggal jumlah pengunjung mobil"),
    ("Kunjungan Rombongan", "Surat permohonan sekolah peserta pendamping mendongeng"),
    ("Arsip Inaktif", "Surat pengantar daftar arsip boks berita acara serah terima"),
    ("Ruang Aula", "Permohonan peminjaman ruang kegiatan bedah buku nonkomersial"),
    ("Karya Cetak", "Penerbit menyerahkan eksemplar judul karya rekam formulir"),
]


def _agenda_links(day: int) -> list[str]:
    """A day page's calendar: its month's days, and its month in the years around (URLs no
    page outside the agenda links: the calendar makes them)."""
    return ([f"http://a.go.id/agenda.php?tgl=2024-12-{d:02d}" for d in range(1, 32)]
            + [f"http://a.go.id/agenda.php?bulan=12&tahun={y}" for y in range(2022, 2027)]
            + [f"http://a.go.id/agenda.php?bulan={m}&tahun=2024" for m in range(1, 13)])


def test_a_calendar_is_judged_a_trap_after_its_first_pages():
    watch = TrapWatch()
    urls = [f"http://a.go.id/agenda.php?tgl=2024-12-{d:02d}" for d in range(1, 32)]
    home = [*urls, "http://a.go.id/layanan.php"]  # the sidebar links this month's days
    watch.read("http://a.go.id/", "Beranda", "Selamat datang di dinas", home)
    admitted = [watch.admit(u, url_key(u), u) for u in urls]
    assert admitted == ["follow"] * PROBES + ["held"] * (31 - PROBES)
    verdicts = [watch.read(u, *_agenda(int(u[-2:])), _agenda_links(int(u[-2:])))
                for u in urls[:PROBES]]
    assert [v for v, _ in verdicts[:-1]] == [None] * (PROBES - 1)
    verdict, held = verdicts[-1]
    assert verdict == "trap" and held == urls[PROBES:]
    # the months it made are of the trap: one family per path
    assert watch.admit("http://a.go.id/agenda.php?bulan=13&tahun=2031", "k", None) == "trap"


def test_like_pages_that_make_nothing_new_are_pages_not_a_trap():
    """A kelurahan's short services share the standard requirements and differ by a title
    word: they say the same, but their list links them all, the calendar's days do not."""
    watch = TrapWatch()
    urls = [f"http://kel.go.id/index.php?p=layanan&id={i}" for i in range(1, 11)]
    listing = "http://kel.go.id/index.php?p=layanan"  # the list: the same path
    watch.admit(listing, url_key(listing), listing)
    watch.read(listing, "Layanan", "Daftar layanan kelurahan", urls)
    # the list is the family's first probe, five services the others
    assert [watch.admit(u, url_key(u), u) for u in urls].count("held") == 11 - PROBES
    kinds = "Domisili Usaha Pindah Kelahiran Kematian".split()
    results = [watch.read(u, f"Surat Keterangan {kind} - Kelurahan Talang Banjar",
                          "Persyaratan: Fotokopi KTP, Fotokopi KK, Surat pengantar RT/RW. "
                          "Waktu penyelesaian 1 hari kerja. Biaya gratis.", urls)
               for u, kind in zip(urls, kinds, strict=False)]
    assert results[-1] == ("pages", urls[PROBES - 1:])


def test_a_probe_that_gives_no_page_settles_its_family():
    watch = TrapWatch()
    urls = [f"http://a.go.id/download.php?id={i}" for i in range(1, 11)]
    assert [watch.admit(u, url_key(u), u) for u in urls].count("held") == 10 - PROBES
    assert watch.pending(urls[0])
    results = [watch.unread(u) for u in urls[:PROBES]]  # PDFs, a 404, a redirect
    assert results[-1] == ("pages", urls[PROBES:]) and not watch.pending(urls[0])


def test_what_is_held_and_judged_survives_a_resume():
    """The spider's state (pickled in JOBDIR on a graceful stop) keeps the URLs held for
    a verdict and the verdicts: a resumed crawl still requests or drops them."""
    from crawler.spiders.website import WebsiteSpider

    spider = WebsiteSpider(source={"name": "s", "opd": "o", "start_urls": ["http://a.go.id/"]})
    spider.state = {}
    spider._restore_state()
    urls = [f"http://a.go.id/layanan.php?id={i}" for i in range(1, 10)]
    for u in urls:
        spider.follow(u, depth=1, parent="http://a.go.id/")
    spider.trapped.add("a.go.id/agenda.php?tgl=2031-13-01")
    saved = pickle.loads(pickle.dumps(spider.state))
    resumed = WebsiteSpider(source={"name": "s", "opd": "o", "start_urls": ["http://a.go.id/"]})
    resumed.state = saved
    resumed._restore_state()
    assert [link for link, *_ in resumed.traps.release()] == urls[PROBES:]
    assert resumed.trapped == spider.trapped


def test_services_under_one_parameter_are_followed_once_judged():
    watch = TrapWatch()
    urls = [f"http://a.go.id/layanan.php?id={i}" for i in range(1, 11)]
    assert [watch.admit(u, u, u) for u in urls].count("held") == 10 - PROBES
    results = [watch.read(u, *SERVICES[i]) for i, u in enumerate(urls[:PROBES])]
    assert results[-1] == ("pages", urls[PROBES:])
    assert watch.admit("http://a.go.id/layanan.php?id=40", "x", None) == "follow"


def test_a_shape_never_judged_is_released_not_dropped():
    watch = TrapWatch()
    urls = [f"http://a.go.id/kirim.php?id={i}" for i in range(1, PROBES + 3)]
    for u in urls:
        watch.admit(u, u, u)
    watch.read(urls[0], "Kirim ke Teman", "Email teman Nama Anda Kirim")
    assert watch.release() == urls[PROBES:]
    assert watch.release() == []
    assert watch.admit("http://a.go.id/kirim.php?id=99", "y", None) == "follow"


@pytest.mark.parametrize("variant", [
    "http://a.go.id/layanan.php?id=3&sipus_sessid=u6c6qsks0gim4g8ki40i4kk6sk",
    "http://a.go.id/layanan.php?sid=4f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c&id=3",
    "http://a.go.id/layanan.php?id=3&PHPSESSID=8f2a",
    "http://a.go.id/layanan.php?id=3&JSESSIONID=8E1B0C6C2F9A3D4E5F6A7B8C9D0E1F2A.node0",
    "http://a.go.id/layanan.php;jsessionid=8E1B0C6C2F9A3D4E?id=3",
    "http://a.go.id/layanan.php?session_id=a81c0f5e77d24b0c9e1f&id=3",
    "http://a.go.id/(S(lit3py55t21z5v55vlm25s55))/layanan.php?id=3",
    "http://a.go.id/(A(mFq1r8Zk0AEkAAAA)S(lit3py55t21z5v55vlm25s55))/layanan.php?id=3",
])
def test_session_id_variants_are_one_url(variant):
    assert canonicalize_url(variant) == "http://a.go.id/layanan.php?id=3"


@pytest.mark.parametrize("url", [
    "http://a.go.id/layanan.php?id=3",
    "http://a.go.id/berita.php?page=2",
    "http://a.go.id/index.php?p=layanan&id=1",
    "http://a.go.id/index.php?option=com_content&view=article&id=12&Itemid=101",
    "http://a.go.id/index.php?sid=3",  # a section id, not a session
    "http://a.go.id/jadwal.php?sesi=2",  # a training's second session
    "http://a.go.id/(berkas)/layanan.php?id=3",
    # names that hold "sess" or end in "sid" inside a word of their own
    "http://a.go.id/nilai.php?assessment_id=a81c0f5e77d24b0c9e1f",
    "http://a.go.id/unduh.php?doc_sid=a81c0f5e77d24b0c9e1f",
])
def test_a_content_selecting_parameter_is_kept(url):
    assert canonicalize_url(url) == url


def test_the_sample_site_is_served_with_sessions_and_an_endless_agenda():
    site = next(s for s in load_manifest() if s.name == SITE)
    assert site.trans_sid == "sipus_sessid" and site.calendar == "/agenda.php"
    assert site.max_pages == 150


@pytest.mark.slow  # serves the sample web and crawls one of its sites
def test_the_calendar_trap_does_not_keep_services_from_the_crawl(tmp_path):
    docs, log = crawl_sites(tmp_path, (SITE,))
    pages = docs[SITE]
    # every service, the second list page's too, stored once, at its URL without a session
    # (its print views, cetak.php?id= and &print=1, leave as copies of it)
    services = {p for p, d in pages.items() if d.kind == "service"}
    assert {f"/layanan.php?id={i}" for i in range(1, 11)} <= services, sorted(services)
    # the list's second page (its pager leads there), in either order, is a list
    assert not [p for p in services if "hal=" in p or "sort=" in p], sorted(services)
    assert not [p for p in pages if "sessid" in p or "cetak" in p or "print" in p]
    # the agenda: a few pages read, the rest logged as skipped traps, within the budget
    requested = [r for r in log if r["outcome"] != "skipped" or
                 not (r["reason"] or "").startswith("trap:")]
    agenda = [r for r in requested if "/agenda.php?" in r["url"]]
    trapped = [r for r in log if (r["reason"] or "").startswith("trap:")]
    assert len(agenda) <= 3 * 6, len(agenda)
    assert trapped and all(re.search(r"/(agenda|kirim)\.php\?", r["url"]) for r in trapped)
    assert len(requested) < 150


_STANDARD = "Fotokopi KTP, Fotokopi KK, Surat pengantar RT/RW"
_KINDS = ["Domisili", "Usaha", "Tidak Mampu", "Belum Menikah", "Penghasilan", "Kehilangan",
          "Ahli Waris", "Pindah", "Kelahiran", "Kematian"]


class KelurahanSite(LoopbackSite):
    """An old PHP kelurahan site, everything under index.php: ten short services that say
    the same but their title's word, listed at ?p=layanan; their forms as PDFs at
    download.php?id= (form 4 gone); a paged announcement list walking ?page=N."""

    def handle(self, request):
        parts = urlsplit(request.path)
        q = dict(parse_qsl(parts.query))
        menu = ('<a href="/index.php?p=layanan">Layanan</a> <a href="/index.php?p=unduhan">'
                'Unduhan</a> <a href="/berita.php?page=1">Pengumuman</a>')

        def page(title, content):
            return (f"<html><head><title>{title} - Kelurahan Talang Banjar</title></head>"
                    f"<body><h1>Kelurahan Talang Banjar</h1><p>{menu}</p><h2>{title}</h2>"
                    f"{content}<p>Jl. Kapten Pattimura No. 12 Jambi</p></body></html>").encode()

        def listing(links):
            return "<ul>" + "".join(f'<li><a href="{h}">{t}</a></li>' for h, t in links) + "</ul>"

        body, ctype = None, "text/html; charset=utf-8"
        if parts.path == "/":
            body = page("Beranda", "<p>Selamat datang di website resmi kelurahan.</p>")
        elif parts.path == "/index.php" and q == {"p": "layanan"}:
            body = page("Layanan", listing((f"/index.php?p=layanan&id={i}",
                                            f"Surat Keterangan {k}")
                                           for i, k in enumerate(_KINDS, 1)))
        elif parts.path == "/index.php" and q.get("p") == "layanan":
            body = page(f"Surat Keterangan {_KINDS[int(q['id']) - 1]}",
                        f"<p>Persyaratan: {_STANDARD}.</p><p>Waktu penyelesaian: 1 hari kerja."
                        " Biaya: gratis.</p>")
        elif parts.path == "/index.php" and q == {"p": "unduhan"}:
            body = page("Unduhan", listing((f"/download.php?id={i}", f"Formulir {k}")
                                           for i, k in enumerate(_KINDS, 1)))
        elif parts.path == "/download.php" and q.get("id") != "4":
            kind = _KINDS[int(q["id"]) - 1]
            body, ctype = make_pdf([f"Formulir Permohonan Surat Keterangan {kind}", "Nama:",
                                    "Alamat:"], title=f"Formulir {kind}"), "application/pdf"
        elif parts.path == "/berita.php" and "page" in q:
            n = int(q["page"])
            more = f'<p><a href="/berita.php?page={n + 1}">Berikutnya</a></p>' if n < 6 else ""
            body = page(f"Pengumuman Halaman {n}", listing(
                (f"/berita.php?id={k}", f"Pengumuman Nomor {k} Tahun 2024")
                for k in range(3 * n - 2, 3 * n + 1)) + more)
        elif parts.path == "/berita.php" and "id" in q:
            k = int(q["id"])
            body = page(f"Pengumuman Nomor {k} Tahun 2024",
                        f"<p>Pembagian {['beras', 'pupuk', 'bibit'][k % 3]} untuk warga RT {k}"
                        " dilaksanakan di kantor lurah.</p>")
        if body is None:
            self.send(request, Reply(404, b"not found"))
        else:
            self.send(request, Reply(body=body, content_type=ctype))


def _settings() -> Settings:
    settings = Settings()
    settings.crawl.delay, settings.crawl.timeout, settings.crawl.retries = 0, 10, 0
    return settings


def _stored(data_dir: Path) -> tuple[list[str], list[dict]]:
    store = DocumentStore.open(data_dir)
    try:
        return ([d.url.split("/", 3)[3] for d in store.iter_documents()],
                [dict(r) for r in store.query("SELECT url, outcome, reason FROM fetch_log")])
    finally:
        store.close()


@pytest.mark.slow  # serves a site and crawls it
@pytest.mark.parametrize("max_pages", [1000, 45])
def test_short_services_forms_and_a_paged_list_are_all_crawled(tmp_path, max_pages):
    """No family of this site makes itself: nothing is dropped as a trap, and the forms'
    family (PDFs and a 404: no page read) does not wait for the crawl's end."""
    with KelurahanSite() as site:
        source = Source(name="kel", opd="Kelurahan", start_urls=[site.url("/")],
                        use_sitemap=False, max_pages=max_pages)
        crawl([source], _settings(), tmp_path, timeout=120)
    urls, log = _stored(tmp_path)
    assert {f"index.php?p=layanan&id={i}" for i in range(1, 11)} <= set(urls), sorted(urls)
    assert {f"download.php?id={i}" for i in range(1, 11) if i != 4} <= set(urls)
    assert not [r for r in log if (r["reason"] or "").startswith("trap:")]
    if max_pages > 100:
        assert {f"berita.php?page={n}" for n in range(1, 7)} <= set(urls)
        assert len([u for u in urls if u.startswith("berita.php?id=")]) == 18


@pytest.mark.slow  # serves the sample web and crawls one of its sites twice
def test_a_recrawl_reports_each_trap_url_once_and_does_not_sweep_it(tmp_path):
    """The second crawl's sweep revalidates stored pages it did not reach: not the agenda
    pages it dropped as a trap's (asked again and logged both skipped and stored)."""
    from sikoja.config import load_settings
    from sikoja.demo.server import render_sources, serve_sample_sites
    from sikoja.sources import load_sources

    with serve_sample_sites(0) as web:
        sites = [s for s in web.sites if s.name == SITE]
        (tmp_path / "sources.yaml").write_text(
            render_sources(web.urls, sites, catalog_site=None), encoding="utf-8")
        settings = load_settings(tmp_path)
        settings.crawl.delay = 0
        for _ in range(2):
            assert crawl(load_sources(tmp_path / "sources.yaml"), settings, tmp_path,
                         timeout=120).ok
    store = DocumentStore.open(tmp_path)
    last = store.query("SELECT MAX(crawl_id) AS c FROM fetch_log")[0]["c"]
    rows = [dict(r) for r in store.query(
        "SELECT url, outcome, reason FROM fetch_log WHERE crawl_id = ?", (last,))]
    store.close()
    trapped = {r["url"] for r in rows if (r["reason"] or "").startswith("trap:")}
    assert trapped
    twice = [r for r in rows if r["url"] in trapped
             and not (r["reason"] or "").startswith("trap:")]
    assert not twice, twice[:3]
