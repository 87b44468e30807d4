"""A problem told in everyday words, the trouble word anywhere in the sentence, finds the page
that solves it (issues #16, #11; synonyms/data/default.txt, "Session 17: problems").

The rules before were phrases ("jalan amblas", "pohon tumbang"), found only when the citizen
wrote the two words side by side; "jalan di gang kami amblas" went to the page sharing "jalan"
and "gang". Each query here found another page first with the rules of 6bec3ba.
"""

from __future__ import annotations

import pytest

from indexer.analysis import Analyzer
from tests.corpus import keyword_searcher
from tests.test_old_names import page, top

PUPR = "Dinas Pekerjaan Umum dan Penataan Ruang"
DAMKAR = "Dinas Pemadam Kebakaran dan Penyelamatan"
DINSOS = "Dinas Sosial"
KELURAHAN = "Kelurahan Pinang Merah"

PAGES = [
    page("jalan-rusak", "Pengaduan Jalan Rusak dan Berlubang",
         "Jalan kota yang rusak atau berlubang dapat dilaporkan warga dengan foto dan titik "
         "lokasi, lalu diperbaiki Dinas PUPR.", PUPR),
    page("kampung-bahagia", "Dana Kampung Bahagia untuk RT",
         "RT mengusulkan kegiatan di lingkungannya: semenisasi gang, jalan setapak dan "
         "drainase lingkungan yang tergenang saat hujan.", KELURAHAN),
    page("pju", "Pengaduan Lampu Jalan (PJU) Mati",
         "Lampu penerangan jalan umum yang mati dilaporkan lewat SiKesal.",
         "Dinas Komunikasi dan Informatika"),
    page("masjid", "Gotong Royong di Masjid Al-Ikhlas",
         "Warga membersihkan halaman masjid dan jalan di depannya pada hari Minggu.", KELURAHAN),
    page("evakuasi", "Penyelamatan dan Evakuasi Non-Kebakaran",
         "Damkar menangani evakuasi ular dan biawak, sarang tawon, pohon tumbang dan cincin "
         "yang tersangkut di jari.", DAMKAR),
    page("rtlh", "Bantuan Bedah Rumah (RTLH)",
         "Rumah tidak layak huni diperbaiki: atap rumah, lantai dan dinding.",
         "Dinas Perumahan dan Kawasan Permukiman"),
    page("beasiswa", "Beasiswa Kartu Bahagia",
         "Beasiswa bagi siswa SD dan SMP dari keluarga tidak mampu maupun siswa berprestasi.",
         "Dinas Pendidikan"),
    page("spmb", "SPMB SMP Negeri",
         "Pendaftaran sekolah anak ke SMP negeri: jalur domisili, afirmasi dan prestasi; "
         "daftar ulang membawa buku rapor.", "Dinas Pendidikan"),
    page("dtks", "Pendaftaran dan Perbaikan Data DTKS/DTSEN",
         "Warga kurang mampu yang belum menerima bantuan sosial mengusulkan diri agar masuk "
         "Data Terpadu Kesejahteraan Sosial.", DINSOS),
    page("kartu-kuning", "Kartu Tanda Pencari Kerja (AK/1)",
         "Pencari kerja, termasuk korban PHK, mendaftar kartu kuning di Disnaker.",
         "Dinas Tenaga Kerja"),
    page("pkh", "Penyaluran PKH Tahap IV",
         "Keluarga penerima PKH diminta membawa KTP dan KK ke kantor pos.", DINSOS),
]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    s = keyword_searcher(tmp_path_factory.mktemp("problem17"), PAGES)
    yield s
    s.close()


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        # a road that sank, however the sentence runs (PUPR road complaints)
        ("jalan di gang kami amblas habis hujan deras", "jalan-rusak"),
        # a dark street is a street lamp out (PJU)
        ("depan masjid gelap gulita", "pju"),
        # a tree fallen onto a roof is Damkar's rescue, not a house to rebuild
        ("pohon besar tumbang menimpa atap rumah", "evakuasi"),
        # school things a family cannot buy: the scholarship for poor families, not enrolment
        ("seragam dan buku sekolah anak tidak terbeli", "beasiswa"),
        # aid that stopped is a DTKS question, not a dismissal ("berhenti" read as PHK)
        ("bantuan pkh berhenti", "dtks"),
    ],
)
def test_a_trouble_word_anywhere_finds_the_service(searcher, query, slug):
    assert top(searcher, query) == slug


def test_a_left_side_never_rests_on_a_dropped_word_alone():
    """'naik', 'sendiri' and the negations are dropped by the analyzer: a rule on "air naik"
    would have sent every query about water to the flood page."""
    terms = {" ".join(t.tokens) for t in Analyzer().analyze_query("air pdam").terms}
    assert "siaga banjir" not in terms
    terms = {" ".join(t.tokens) for t in Analyzer().analyze_query("pajak restoran").terms}
    assert "berat pbb" not in terms
