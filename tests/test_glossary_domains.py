"""English words of whole domains of city services, as a resident or an expatriate types
them (session 19's blind pass, indexer/analysis/data/glossary_en.tsv): sanitation and
wastewater, slaughter and animal health, agriculture, libraries and archives, parking. Each
finds the Indonesian service page that names none of its words, and a word with two senses
("treatment", "sewer") is read by what it stands beside."""

from __future__ import annotations

import pytest

from indexer.analysis import Analyzer
from synonyms import StaticSynonyms
from tests.corpus import keyword_searcher
from tests.test_old_names import page, top

PALD = "UPTD Pengelolaan Air Limbah Domestik"
RPH = "UPTD Rumah Potong Hewan"
PUSKESWAN = "Dinas Ketahanan Pangan dan Pertanian"
DISPUSIP = "Dinas Perpustakaan dan Kearsipan"

PAGES = [
    page("sedot-tinja", "Sedot Tinja Panggilan",
         "WC penuh, septic tank meluap atau lambat surut? Pesan penyedotan lumpur tinja oleh "
         "truk UPTD. Retribusi Rp350.000 per rit.", PALD),
    page("iplt", "Pembuangan Lumpur Tinja ke IPLT",
         "Usaha sedot WC swasta wajib membuang lumpur tinja ke Instalasi Pengolahan Lumpur "
         "Tinja (IPLT) Talang Gulo, tidak ke sungai atau parit. Retribusi Rp25.000 per m3.",
         PALD),
    page("saluran-limbah", "Pengaduan Saluran Limbah",
         "Pipa air limbah IPAL komunal mampet, bak kontrol meluap atau berbau? Kirim foto dan "
         "nomor sambungan rumah ke WhatsApp UPTD.", PALD),
    page("drainase", "Pengaduan Drainase Tersumbat dan Genangan",
         "Laporkan parit dan drainase jalan kota yang tersumbat sampai air menggenang di "
         "jalan.", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    page("berobat-gratis", "Berobat Gratis UHC Jambi Bugar",
         "Warga ber-KTP Kota Jambi berobat gratis di puskesmas dan rumah sakit tanpa kartu "
         "BPJS.", "Dinas Kesehatan"),
    page("pemotongan", "Jasa Pemotongan Hewan",
         "Pemotongan sapi, kerbau, kambing dan domba oleh juru sembelih halal. Retribusi sapi "
         "Rp60.000 per ekor, kambing Rp15.000 per ekor.", RPH),
    page("rabies", "Vaksinasi Rabies Hewan Peliharaan",
         "Vaksinasi rabies untuk anjing, kucing dan kera peliharaan di Puskeswan, gratis.",
         PUSKESWAN),
    page("sterilisasi", "Sterilisasi dan Kastrasi Kucing dan Anjing",
         "Operasi steril betina dan kastrasi jantan untuk mengendalikan populasi kucing dan "
         "anjing.", PUSKESWAN),
    page("poktan", "Registrasi dan Pengukuhan Kelompok Tani (Poktan)",
         "Petani membentuk kelompok dan mendaftarkannya untuk dikukuhkan oleh penyuluh.",
         PUSKESWAN),
    page("peminjaman", "Peminjaman dan Perpanjangan Buku",
         "Anggota meminjam paling banyak 3 buku selama 7 hari. Keterlambatan pengembalian "
         "dikenakan denda Rp500 per buku per hari.", DISPUSIP),
    page("arsip-statis", "Penelusuran dan Akses Arsip Statis",
         "Masyarakat, peneliti dan mahasiswa menelusuri arsip statis di ruang baca arsip.",
         DISPUSIP),
    page("pbb", "Pembayaran PBB-P2",
         "Bayar pajak bumi dan bangunan sebelum jatuh tempo 31 Agustus di bank atau QRIS.",
         "Badan Pengelola Pajak dan Retribusi Daerah"),
    page("parkir", "Izin Penyelenggaraan Tempat Parkir",
         "Pemilik ruko dan pusat perbelanjaan yang menyelenggarakan tempat parkir mengajukan "
         "izin ke dinas.", "Dinas Perhubungan"),
]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    s = keyword_searcher(tmp_path_factory.mktemp("glossary_domains"), PAGES)
    yield s
    s.close()


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("cesspit emptying service", "sedot-tinja"),
        ("septage disposal fee for private trucks", "iplt"),
        ("abattoir charges for slaughtering a goat", "pemotongan"),
        ("where can i get my cat neutered", "sterilisasi"),
        ("overdue library book fine", "peminjaman"),
    ],
)
def test_an_english_name_of_a_city_service_finds_its_page(searcher, query, slug):
    assert top(searcher, query) == slug


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("fecal sludge treatment plant", "iplt"),       # treatment: processing, not medical
        ("free treatment at the health centre", "berobat-gratis"),
        ("blocked sewer pipe", "saluran-limbah"),        # a sewer carries wastewater
        ("blocked drain on my street", "drainase"),      # a drain is the street's
    ],
)
def test_a_word_with_two_senses_reads_as_its_neighbours_say(searcher, query, slug):
    assert top(searcher, query) == slug


@pytest.mark.parametrize("query", ["sedot septic tank penuh", "toilet umum rusak",
                                   "naik minibus ke pasar", "bank sampah", "vaksin rabies",
                                   "lab dlh", "upah minimum"])
def test_indonesian_words_english_has_too_keep_a_query_indonesian(query):
    analyzer = Analyzer(synonyms=StaticSynonyms.from_text("# no synonyms\n"))
    analysis = analyzer.analyze_query(query)
    assert analysis.lang == "id"
    assert not [t for t in analysis.terms if t.origin == "glossary"]
