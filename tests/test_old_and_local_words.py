"""Words of other eras and of Jambi, as a citizen types them, reach today's service (issues #16
and #11; the session-11 blocks of indexer/analysis/data/renamed_terms.tsv, colloquial.tsv,
jambi_malay.tsv, glossary_en.tsv and abbreviations_extra.csv). Every page below names its
service only the way Kota Jambi names it now, and the corpus holds a neighbour for each that
shares the query's other words, so a query only lands on the right page through the list."""

from __future__ import annotations

import pytest

from sikoja.documents import Document
from tests.corpus import keyword_searcher
from tests.test_old_names import top  # the slug of the first result


def page(slug: str, title: str, text: str, opd: str) -> Document:
    return Document(url=f"http://127.0.0.1:8702/layanan/{slug}.html", source="pemkot",
                    opd=opd, kind="service", title=title, text=text)


DUKCAPIL = "Dinas Kependudukan dan Pencatatan Sipil"
DPMPTSP = "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"
PAGES = [
    page("kk", "Penerbitan Kartu Keluarga (KK) Baru",
         "Syarat membuat kartu keluarga baru: buku nikah, surat pengantar RT.", DUKCAPIL),
    page("akta-lahir", "Penerbitan Kutipan Akta Kelahiran",
         "Pencatatan kelahiran anak. Persyaratan: surat keterangan lahir dari bidan atau "
         "rumah sakit, KK orang tua. Gratis.", DUKCAPIL),
    page("akta-mati", "Penerbitan Kutipan Akta Kematian",
         "Pencatatan kematian penduduk: surat keterangan kematian dari rumah sakit atau "
         "kelurahan, KTP almarhum.", DUKCAPIL),
    page("nib", "Nomor Induk Berusaha (NIB) melalui OSS",
         "Pelaku usaha mendaftar di OSS-RBA untuk memperoleh NIB sebagai identitas usaha.",
         DPMPTSP),
    page("slf", "Sertifikat Laik Fungsi (SLF)",
         "Bangunan gedung yang selesai dibangun wajib memiliki sertifikat laik fungsi "
         "sebelum dimanfaatkan.", DPMPTSP),
    page("bpnt", "Bantuan Pangan Non Tunai (BPNT)",
         "Keluarga penerima manfaat menerima bantuan pangan lewat KKS setiap bulan.",
         "Dinas Sosial"),
    page("pbb-cek", "Cek Tagihan PBB Online",
         "Lihat tagihan pajak bumi dan bangunan dengan memasukkan NOP.",
         "Badan Pengelola Pajak dan Retribusi Daerah"),
    page("domisili", "Surat Keterangan Domisili",
         "Bagi pendatang yang tinggal sementara: surat pengantar RT, fotokopi KTP asal.",
         "Kelurahan Telanaipura"),
    page("puskesmas", "Pelayanan Kesehatan Ibu dan Anak di Puskesmas",
         "Pemeriksaan kehamilan, imunisasi dan KB di puskesmas terdekat.", "Dinas Kesehatan"),
    page("satpol", "Penertiban Pedagang Kaki Lima",
         "Satpol PP menata pedagang di trotoar dan menjaga ketertiban umum.",
         "Satuan Polisi Pamong Praja"),
    # neighbours: the queries' other words, without the service
    page("kakak-asuh", "Program Kakak Asuh",
         "Kakak asuh mendampingi anak baru di sekolah. Daftar lewat kelurahan.", "Dinas Sosial"),
    page("usaha-kuliner", "Pelatihan Usaha Kuliner",
         "Pelatihan usaha makanan dan minuman bagi warga, gratis, di Balai Latihan Kerja.",
         "Dinas Tenaga Kerja"),
    page("bedah-rumah", "Bantuan Bedah Rumah",
         "Bangunan rumah tidak layak huni diperbaiki; warga mengajukan lewat kelurahan.",
         "Dinas Perumahan dan Kawasan Permukiman"),
    page("sembako-murah", "Pasar Murah Sembako",
         "Pasar murah beras dan minyak goreng di kecamatan menjelang hari raya.",
         "Dinas Perindustrian dan Perdagangan"),
]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    s = keyword_searcher(tmp_path_factory.mktemp("oldlocal"), PAGES)
    yield s
    s.close()


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("kartu perlindungan sosial", "bpnt"),   # KPS (2013) -> KKS, the BPNT card
        ("ipeda", "pbb-cek"),                    # Ipeda (before 1986) -> PBB
        ("surat boro pendatang", "domisili"),    # seasonal residents' letter -> domisili
        ("bkia", "puskesmas"),                   # Balai Kesehatan Ibu dan Anak -> puskesmas
        ("izin usaha industri rumahan", "nib"),  # IUI (PP 5/2021: NIB)
        ("raskin bulan ini", "bpnt"),            # Raskin -> Rastra -> BPNT
    ],
)
def test_an_old_name_finds_todays_service(searcher, query, slug):
    assert top(searcher, query) == slug


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("cakmano nak buat kknyo", "kk"),                 # -nyo on a two-letter acronym
        ("hargonyo ngurus akto budak baru lahir", "akta-lahir"),  # -o word + -nyo; budak
        ("umah ambo rusak nian, ado bantuan dak", "bedah-rumah"),  # umah = rumah
        ("laki ambo meninggal, ngurus aktenyo dimano", "akta-mati"),  # laki = husband
        ("dak pacak ke kantor, jingok tagihan pbb", "pbb-cek"),      # pacak, jingok
    ],
)
def test_a_jambi_malay_question_reaches_its_service(searcher, query, slug):
    assert top(searcher, query) == slug


@pytest.mark.parametrize("query", ["kkku ilang", "kknya baru", "syarat kk2 baru"])
def test_a_colloquial_spelling_keeps_the_family_card_acronym(searcher, query):
    """``kk`` is the family card, never ``kakak`` (the slang lists' reading); with a clitic
    or a digit written on it is still the card."""
    analysis = searcher.analyzer.analyze_query(query)
    assert ("kk",) in {t.tokens for t in analysis.terms}
    assert not any("kakak" in t.tokens for t in analysis.terms)
    assert top(searcher, query) == "kk"


def test_an_english_newcomer_phrase_reaches_the_indonesian_service(searcher):
    analysis = searcher.analyzer.analyze_query("register a newborn")
    assert analysis.lang == "en"
    assert top(searcher, "register a newborn") == "akta-lahir"


@pytest.mark.parametrize(("query", "reading"), [
    ("dkpp", "dinas tahan pangan tani"),  # was corrected to "kpp" when its row went missing
    ("penertiban pkl", "dagang kaki"),  # pedagang kaki lima ("lima" is a stopword)
])
def test_an_agency_or_trade_acronym_is_spelled_out(query, reading):
    from indexer.analysis.analyzer import Analyzer

    found = Analyzer().analyze_query(query)
    assert reading in {" ".join(t.tokens) for t in found.terms if t.origin == "abbreviation"}
    assert found.did_you_mean is None
