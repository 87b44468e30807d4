"""The English glossary as a visitor meets it: English words for a need, not for a document,
find the Indonesian service page; Indonesian queries that write words English has too are
left alone (indexer/analysis/data/glossary_en.tsv, shared_words.txt)."""

from __future__ import annotations

import pytest

from indexer.analysis import Analyzer
from indexer.answer import QueryWords
from sikoja.documents import Document
from synonyms import StaticSynonyms
from tests.corpus import keyword_searcher

DUKCAPIL = "Dinas Kependudukan dan Pencatatan Sipil"


def service(slug: str, title: str, text: str, opd: str = DUKCAPIL) -> Document:
    return Document(url=f"http://127.0.0.1:8701/layanan/{slug}.html", source="disdukcapil",
                    opd=opd, kind="service", title=title, text=text)


PAGES = [
    service("akta-kelahiran", "Pencatatan Kelahiran / Penerbitan Kutipan Akta Kelahiran",
            "Akta kelahiran bagi anak yang baru lahir. Persyaratan: surat keterangan lahir "
            "dari bidan atau rumah sakit, Kartu Keluarga, buku nikah orang tua."),
    service("kia", "Penerbitan Kartu Identitas Anak (KIA)",
            "Kartu Identitas Anak untuk anak usia di bawah 17 tahun. Persyaratan: akta "
            "kelahiran dan Kartu Keluarga orang tua."),
    service("ktp-hilang", "Penerbitan KTP-el karena Hilang atau Rusak",
            "Bawa surat keterangan kehilangan dari kepolisian jika KTP-el hilang, atau KTP-el "
            "yang rusak, dan fotokopi Kartu Keluarga."),
    service("ktp-digital", "Aktivasi Identitas Kependudukan Digital (IKD / KTP Digital)",
            "Unduh aplikasi IKD dan pindai kode QR di kantor Disdukcapil."),
    service("ak1", "Kartu Tanda Pencari Kerja (Kartu Kuning / AK-1)",
            "Pencari kerja mendaftar untuk kartu kuning di Dinas Tenaga Kerja.",
            opd="Dinas Tenaga Kerja"),
    service("nikah", "Pendaftaran Nikah di KUA",
            "Calon pengantin mendaftarkan nikah di Kantor Urusan Agama kecamatan.",
            opd="Kementerian Agama"),
    service("legalisir", "Legalisir Dokumen Kependudukan",
            "Legalisir fotokopi KK, akta kelahiran dan akta kematian di kantor Disdukcapil."),
    service("sampah", "Pengaduan Sampah Belum Terangkut / TPS Penuh",
            "Laporkan sampah yang belum terangkut ke Dinas Lingkungan Hidup.",
            opd="Dinas Lingkungan Hidup"),
    service("jam-buka", "Jam Pelayanan Disdukcapil",
            "Jam buka pelayanan Senin sampai Jumat pukul 08.00 sampai 15.00."),
]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(synonyms=StaticSynonyms.from_text("# no synonyms\n"))


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    s = keyword_searcher(tmp_path_factory.mktemp("glossary"), PAGES)
    yield s
    s.close()


def slug_of(url: str) -> str:
    return url.rsplit("/", 1)[-1].removesuffix(".html")


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("newborn paperwork", "akta-kelahiran"),
        ("my baby was born last week", "akta-kelahiran"),
        ("toddler id card", "kia"),
        ("jobless registration card", "ak1"),
        ("unemployed looking for work", "ak1"),
        ("i was pickpocketed", "ktp-hilang"),
        ("fiancé", "nikah"),
        ("bride and groom", "nikah"),
        ("certified copy of family card", "legalisir"),
        ("the bin is full", "sampah"),
        ("digital id activation", "ktp-digital"),
    ],
)
def test_an_english_phrasing_finds_its_indonesian_service(searcher, query, slug):
    response = searcher.search(query)
    assert response.results, query
    assert slug_of(response.results[0].url) == slug


@pytest.mark.parametrize(
    "query",
    ["birth certficate", "birth certificates", "driving licence", "goverment office"],
)  # fmt: skip
def test_a_british_spelling_or_misspelling_reads_as_the_word_it_spells(analyzer, query):
    fixed = {"birth certficate": "birth certificate", "birth certificates": "birth certificate",
             "driving licence": "driving license", "goverment office": "government office"}
    typed = analyzer.analyze_query(query)
    correct = analyzer.analyze_query(fixed[query])
    glossary = {t.tokens for t in typed.terms if t.origin == "glossary"}
    assert glossary and glossary == {t.tokens for t in correct.terms if t.origin == "glossary"}
    assert typed.lang == "en"


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("ktp digital", "ktp-digital"),
        ("jam buka disdukcapil", "jam-buka"),
        ("legalisir copy kk", "legalisir"),
    ],
)
def test_an_indonesian_query_with_a_word_english_has_too_is_not_translated(
    searcher, query, slug
):
    analysis = searcher.analyzer.analyze_query(query)
    assert analysis.lang == "id"
    assert not [t for t in analysis.terms if t.origin == "glossary"]
    assert slug_of(searcher.search(query).results[0].url) == slug


@pytest.mark.parametrize(
    "query",
    ["motor", "jambi", "digital", "copy kk", "visa kunjungan", "pajak motor",
     "kartu indonesia sehat", "status kawin berubah", "meter air rusak"],
)  # fmt: skip
def test_indonesian_words_english_shares_stay_indonesian(analyzer, query):
    # glossary phrases use these words ("motorcycle tax", "moving to jambi", "digital id")
    # but a query of them alone is Indonesian and gets no English reading
    analysis = analyzer.analyze_query(query)
    assert analysis.lang == "id"
    assert not [t for t in analysis.terms if t.origin == "glossary"]


@pytest.mark.parametrize(
    ("query", "title", "says"),
    [
        ("lost id card replacement", "Penerbitan KTP-el Hilang atau Rusak", True),
        ("lost id card replacement", "Penggantian Kartu Anggota Hilang atau Rusak", False),
        ("lost library card", "Penggantian Kartu Anggota Hilang atau Rusak", True),
        ("family card new baby", "Penerbitan Kartu Keluarga (KK) Baru", True),
        ("family card new baby", "Kartu Identitas Anak (KIA)", False),
    ],
)
def test_a_word_of_an_english_compound_reads_as_the_compound(analyzer, query, title, says):
    """"card" of "id card" is the KTP: a title naming another card (a library's member
    card) does not say it, as the word alone ("library card") still reads as any card."""
    words = QueryWords(analyzer, analyzer.analyze_query(query), None, 100)
    assert words.says("card", words.title_tokens(title)) is says


def test_an_english_wallet_reads_as_the_indonesian_dompet(analyzer):
    """"wallet" is translated, not guessed at: the Indonesian word brings what the
    Indonesian rules know of a lost dompet (the KTP in it, the police letter)."""
    glossary = {t.tokens for t in analyzer.analyze_query("wallet stolen").terms
                if t.origin == "glossary"}
    assert ("dompet",) in glossary
