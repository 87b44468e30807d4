"""Words of the third blind vocabulary pass (session 17) as a citizen types them: an
abbreviation the pages never print, an old or local word, a problem told in everyday words,
each finds the service page that uses only the official name, not a neighbour that shares a
word (indexer/analysis/data/abbreviations_extra.csv, colloquial.tsv, jambi_malay.tsv,
protected.txt; the session 17 section of synonyms/data/default.txt)."""

from __future__ import annotations

import pytest

from indexer.analysis import Analyzer
from tests.corpus import keyword_searcher
from tests.test_old_names import page, top

DUKCAPIL = "Dinas Kependudukan dan Pencatatan Sipil"
DISNAKER = "Dinas Tenaga Kerja"
KELURAHAN = "Kelurahan Talang Banjar"


PAGES = [
    page("mediasi", "Mediasi Perselisihan Hubungan Industrial",
         "Pekerja atau pengusaha yang berselisih soal hak, kepentingan atau pemutusan hubungan "
         "kerja mengajukan mediasi ke dinas. Mediator memanggil kedua pihak.", DISNAKER),
    page("pelatihan", "Pendaftaran Pelatihan Kerja",
         "Pelatihan kerja gratis bagi pencari kerja di balai latihan kerja milik dinas.",
         DISNAKER),
    page("wajib-lapor", "Wajib Lapor Ketenagakerjaan di Perusahaan",
         "Setiap perusahaan melaporkan keadaan ketenagakerjaannya secara daring setiap tahun.",
         DISNAKER),
    page("pindah-datang", "Pelayanan Pindah Datang ke Kota Jambi",
         "Penduduk dari luar daerah yang pindah ke Kota Jambi menyerahkan surat keterangan "
         "datang dari daerah asal.", DUKCAPIL),
    page("pindah-keluar", "Surat Keterangan Pindah WNI (SKPWNI)",
         "Penduduk yang pindah ke luar Kota Jambi mengurus surat keterangan pindah.", DUKCAPIL),
    page("kk-rusak", "Penerbitan KK Hilang atau Rusak",
         "Kartu Keluarga yang hilang atau rusak diterbitkan ulang. Persyaratan: surat "
         "keterangan hilang dari kepolisian atau KK yang rusak.", DUKCAPIL),
    page("damkar", "Pemadaman Kebakaran",
         "Laporkan kebakaran rumah, ruko dan lahan ke pemadam kebakaran. Petugas siaga 24 jam.",
         "Dinas Pemadam Kebakaran dan Penyelamatan"),
    page("sku", "Surat Keterangan Usaha",
         "Kelurahan menerbitkan surat keterangan usaha bagi pelaku usaha mikro, misalnya untuk "
         "pinjaman KUR di bank.", KELURAHAN),
    page("ahli-waris", "Surat Keterangan Ahli Waris",
         "Surat keterangan ahli waris ditandatangani lurah dan camat. Persyaratan: akta "
         "kematian pewaris dan kartu keluarga.", KELURAHAN),
    page("belum-menikah", "Surat Keterangan Belum Menikah",
         "Surat keterangan bahwa warga belum pernah menikah, untuk melamar kerja atau "
         "mendaftar nikah.", KELURAHAN),
    page("sktm", "Surat Keterangan Tidak Mampu",
         "Surat keterangan tidak mampu untuk keringanan biaya sekolah dan berobat.", KELURAHAN),
    page("rtlh", "Bantuan Bedah Rumah (RTLH)",
         "Rumah tidak layak huni milik keluarga miskin diperbaiki lewat bantuan bedah rumah.",
         "Dinas Perumahan dan Kawasan Permukiman"),
    page("nib", "Nomor Induk Berusaha (NIB) melalui OSS",
         "Pelaku usaha mendaftar di OSS untuk memperoleh NIB sesuai bidang usahanya.",
         "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    s = keyword_searcher(tmp_path_factory.mktemp("vocab17"), PAGES)
    yield s
    s.close()


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("phi disnaker", "mediasi"),                 # Perselisihan Hubungan Industrial, UU 2/2004
        ("wlkp perusahaan", "wajib-lapor"),          # Wajib Lapor Ketenagakerjaan, UU 7/1981
        ("skdwni", "pindah-datang"),                 # arrival letter, not the SKPWNI it resembles
        ("syarat sku", "sku"),                       # Surat Keterangan Usaha
        ("skaw", "ahli-waris"),                      # Surat Keterangan Ahli Waris
        ("skbm", "belum-menikah"),                   # not corrected to "sktm"
        ("bsps", "rtlh"),                            # national bedah rumah, Permen PUPR 7/2022
        ("kbli", "nib"),                             # business classification chosen with the NIB
    ],
)
def test_an_abbreviation_finds_the_service_that_spells_it_out(searcher, query, slug):
    assert top(searcher, query) == slug


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        # a KK burnt in a fire is the damaged KK to reissue, not a fire to report
        ("kk terbakar", "kk-rusak"),
        ("kk ikut terbakar", "kk-rusak"),
        # leaving school is no dismissal from work ("diberhentikan" => phk)
        ("anak berhenti sekolah", "sktm"),
    ],
)
def test_a_problem_in_everyday_words_finds_its_service(searcher, query, slug):
    assert top(searcher, query) == slug


def test_malay_words_are_read_not_corrected_into_other_words():
    analyzer = Analyzer(synonyms=None)
    # typo correction turned these into "pagi", "tindak" and "ubat" before
    assert analyzer.analyze_query("pigi ke puskesmas").normalized.split()[0] == "pergi"
    assert "tidak" in analyzer.analyze_query("indak ado duit").normalized.split()
    assert "berobat" in analyzer.analyze_query("berubat gratis").normalized.split()


def test_sk_stays_an_acronym_not_the_slang_for_suka():
    analyzer = Analyzer(synonyms=None)
    assert analyzer.analyze_query("sk ahli waris").normalized.split()[0] == "sk"
