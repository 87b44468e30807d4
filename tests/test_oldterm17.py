"""Old names and Jambi Malay of the second blind pass (session 17) as a citizen types them: an
old document, register or office name finds the page that uses only today's name, not a
neighbour sharing a word, and a Jambi Malay word is read as the Indonesian word it is
(indexer/analysis/data/jambi_malay.tsv; the "Session 17: old names and Jambi Malay" section
of synonyms/data/default.txt)."""

from __future__ import annotations

import pytest

from indexer.analysis import Analyzer
from tests.corpus import keyword_searcher
from tests.test_old_names import page, top

BPPRD = "Badan Pengelola Pajak dan Retribusi Daerah"
KELURAHAN = "Kelurahan Kenali Besar"
DUKCAPIL = "Dinas Kependudukan dan Pencatatan Sipil"

PAGES = [
    page("pbb", "Pembayaran PBB-P2",
         "Pajak Bumi dan Bangunan sektor perdesaan dan perkotaan atas tanah dan bangunan "
         "dibayar sesuai SPPT setiap tahun.", BPPRD),
    page("bphtb", "Pelayanan Validasi BPHTB",
         "Bea perolehan hak atas tanah dan bangunan karena jual beli, hibah atau waris "
         "divalidasi sebelum akta ditandatangani.", BPPRD),
    page("ahli-waris", "Surat Keterangan Ahli Waris",
         "Surat keterangan ahli waris ditandatangani lurah dan camat. Persyaratan: akta "
         "kematian pewaris dan kartu keluarga.", KELURAHAN),
    page("belum-menikah", "Surat Keterangan Belum Menikah",
         "Surat keterangan bahwa warga belum pernah menikah, untuk melamar kerja atau "
         "keperluan lain.", KELURAHAN),
    page("domisili", "Surat Keterangan Domisili",
         "Surat keterangan domisili bagi warga yang tinggal di kelurahan. Surat keterangan "
         "ini memerlukan surat pengantar RT, diurus di kantor lurah.", KELURAHAN),
    page("sktm", "Surat Keterangan Tidak Mampu",
         "Surat keterangan tidak mampu untuk keringanan biaya sekolah dan berobat. Surat "
         "keterangan ini memerlukan surat pengantar RT.", KELURAHAN),
    page("nikah", "Pendaftaran Nikah di KUA",
         "Calon pengantin mendaftarkan kehendak nikah di Kantor Urusan Agama paling lambat "
         "10 hari kerja sebelum akad nikah.",
         "Kantor Urusan Agama"),
    page("pengantar-nikah", "Surat Pengantar Nikah (N1-N4)",
         "Kelurahan menerbitkan pengantar nikah bagi calon pengantin yang akan mendaftar "
         "di KUA.", KELURAHAN),
    page("jalan-rusak", "Pengaduan Jalan Rusak dan Berlubang",
         "Laporkan jalan kota yang rusak atau berlubang ke Dinas PUPR untuk diperbaiki.",
         "Dinas Pekerjaan Umum dan Penataan Ruang"),
    page("kia", "Kartu Identitas Anak (KIA)",
         "Kartu identitas bagi anak di bawah 17 tahun, diterbitkan Disdukcapil.", DUKCAPIL),
    page("perizinan", "Mal Pelayanan Publik DPMPTSP",
         "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu melayani perizinan usaha.",
         "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    s = keyword_searcher(tmp_path_factory.mktemp("oldterm17"), PAGES)
    yield s
    s.close()


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("girik", "pbb"),                           # the old land-tax register (IPEDA): land, PBB
        ("petok d", "pbb"),
        ("surat keterangan jejaka", "belum-menikah"),  # the old name of the single-status letter
        ("surat perawan", "belum-menikah"),
        ("surat n.a. dari kelurahan", "pengantar-nikah"),  # the marriage form before N1-N4
        ("kantor pu", "jalan-rusak"),               # not any office ("kantor lurah")
        ("catpil", "kia"),                          # the other clipping of Catatan Sipil
        ("bp2t", "perizinan"),                      # the licensing office before the DPMPTSP
        ("nak bebini", "nikah"),                    # Malay berbini: to take a wife
    ],
)
def test_an_old_or_local_name_finds_todays_service(searcher, query, slug):
    assert top(searcher, query) == slug


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ("ktp lum jadi", "belum"),       # clipped "belum", not an unknown word
        ("kk keno aek", "air"),          # Palembang / Batak "aek", water
        ("sudah belaki", "menikah"),     # the stemmer read "belaki" as "belak"
        ("nak bedagang", "berdagang"),   # Malay be- for ber-, kept whole by the stemmer
        ("mau betanyo", "bertanya"),     # read as "beta" before
        ("cakmana ngurus kk", "bagaimana"),  # "cakmano" with the standard -a
        ("ngurusi surat pindah", "urus"),     # everyday "mengurusi"
    ],
)
def test_jambi_malay_words_are_read_as_indonesian(query, word):
    assert word in Analyzer(synonyms=None).analyze_query(query).normalized.split()
