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

import re

import pytest

from crawler.traps import PROBES, TrapWatch
from sikoja.demo.server import load_manifest
from sikoja.urls import canonicalize_url, url_key
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


def test_a_calendar_is_judged_a_trap_after_its_first_pages():
    watch = TrapWatch()
    urls = [f"http://a.go.id/agenda.php?tgl=2024-12-{d:02d}" for d in range(1, 32)]
    admitted = [watch.admit(u, url_key(u), u) for u in urls]
    assert admitted == ["follow"] * PROBES + ["held"] * (31 - PROBES)
    verdicts = [watch.read(u, *_agenda(int(u[-2:]))) for u in urls[:PROBES]]
    assert [v for v, _ in verdicts[:-1]] == [None] * (PROBES - 1)
    verdict, held = verdicts[-1]
    assert verdict == "trap" and held == urls[PROBES:]
    assert watch.admit(urls[0].replace("2024-12", "2031-13"), "k", None) == "trap"
    # another parameter set on the same path is a shape of its own
    assert watch.admit("http://a.go.id/agenda.php?bulan=1&tahun=2025", "m", None) == "follow"


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
