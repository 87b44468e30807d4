"""Mends of session 19's English glossary pass (indexer/analysis/data/glossary_en.tsv), each
found by its review: "eid" in an Indonesian query, "overdue" read as late civil-registry
reporting, household sewage read as pollution, septic tanks sent to the water tanker or the
rubbish complaint, a word of a multi-word row counted as familiar wherever it stands, and
"books" losing its buku."""

from __future__ import annotations

import pytest

from indexer.analysis import Analyzer
from indexer.familiarity import familiarity
from tests.corpus import keyword_searcher
from tests.test_glossary_domains import PAGES as DOMAIN_PAGES
from tests.test_old_names import page, top

DLH = "Dinas Lingkungan Hidup"
OTHER_PAGES = [
    page("bank-sampah", "Cara Mendaftarkan Bank Sampah Unit di DLH",
         "Pengurus bank sampah unit mendaftar ke DLH untuk pembinaan dan pengolahan sampah.",
         DLH),
    page("pengaduan-sampah", "Pengaduan Sampah Belum Terangkut",
         "Sampah belum terangkut atau TPS penuh? Laporkan lokasi dan foto ke DLH.", DLH),
    page("mobil-tangki", "Pengaduan Gangguan Air dan Mobil Tangki",
         "Air mati, keruh atau pipa bocor? Minta mobil tangki air bersih ke Tirta Mayang.",
         "Perumda Air Minum Tirta Mayang"),
    page("akta-kematian", "Pelaporan Kematian dan Penerbitan Akta Kematian",
         "Kematian dilaporkan paling lambat 30 hari; keterlambatan pelaporan dikenakan denda "
         "administrasi.", "Dinas Kependudukan dan Pencatatan Sipil"),
]
PALD_SLUGS = {"sedot-tinja", "iplt", "saluran-limbah"}


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer()


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    s = keyword_searcher(tmp_path_factory.mktemp("vocab_mend19"), DOMAIN_PAGES + OTHER_PAGES)
    yield s
    s.close()


@pytest.fixture(scope="module")
def no_pald_searcher(tmp_path_factory):
    """A crawl without the UPTD PALD's site (the tuning web has none)."""
    pages = [p for p in DOMAIN_PAGES if "Air Limbah" not in p.opd] + OTHER_PAGES
    s = keyword_searcher(tmp_path_factory.mktemp("vocab_mend19_no_pald"), pages)
    yield s
    s.close()


def _readings(analyzer, query):
    return {" ".join(t.tokens) for t in analyzer.analyze_query(query).terms}


@pytest.mark.parametrize("query", ["eid mubarak", "pelayanan saat eid", "libur eid",
                                   "eid holiday"])
def test_eid_reads_as_idul_in_any_language(analyzer, query):
    assert "idul" in _readings(analyzer, query)


@pytest.mark.parametrize("query", ["overdue", "overdue fine", "pbb overdue", "denda overdue"])
def test_overdue_is_arrears_not_late_reporting(analyzer, query):
    readings = _readings(analyzer, query)
    assert "tunggak" in readings or "denda tunggak" in readings
    assert not {r for r in readings if "lambat" in r.split()}


def test_an_overdue_library_book_is_still_late(analyzer):
    assert "lambat kembali buku" in _readings(analyzer, "overdue book")


@pytest.mark.parametrize(("query", "slugs"), [
    ("sewage", PALD_SLUGS),
    ("sewer", {"saluran-limbah"}),
    ("septic tank penuh", {"sedot-tinja"}),
    ("cesspool", {"sedot-tinja"}),
])
def test_household_sewage_finds_the_wastewater_service(searcher, analyzer, query, slugs):
    assert top(searcher, query) in slugs
    assert not {"cemar lingkung", "dlh"} & _readings(analyzer, query)


@pytest.mark.parametrize("query", ["sewage", "sewer", "septic tank penuh",
                                   "septic tank bocor", "cesspool"])
def test_no_wrong_card_for_sewage_without_a_wastewater_page(no_pald_searcher, query):
    answer = no_pald_searcher.search(query).answer
    assert answer is None, answer.title


@pytest.mark.parametrize("query", ["septic tank bocor", "cesspool"])
def test_a_septic_tank_is_no_water_tank(analyzer, query):
    assert "tangki" not in _readings(analyzer, query)


def test_a_word_only_inside_a_multi_word_row_stays_unfamiliar(analyzer):
    # "route" appears only in "route permit": alone, only the embedder may read it
    assert familiarity(analyzer, analyzer.analyze_query("route"), None).unknown == ["route"]
    said = familiarity(analyzer, analyzer.analyze_query("route permit"), None)
    assert said.unknown == []


def test_books_reads_as_buku(analyzer):
    assert "buku" in _readings(analyzer, "books")
