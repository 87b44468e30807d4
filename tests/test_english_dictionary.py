"""The general English -> Indonesian dictionary (indexer/analysis/dictionary.py) as a visitor
meets it: an English word the glossary lacks still finds its service ("purse" is "dompet"),
the glossary keeps its own reading where it has the word, and Indonesian queries are read as
before."""

from __future__ import annotations

import logging

import pytest

from indexer.analysis import Analyzer, dictionary
from sikoja.documents import Document
from synonyms import StaticSynonyms
from tests.corpus import keyword_searcher


def service(slug: str, title: str, text: str) -> Document:
    return Document(url=f"http://127.0.0.1:8701/layanan/{slug}.html", source="polresta",
                    opd="Polresta Jambi", kind="service", title=title, text=text)


PAGES = [
    service("kehilangan", "Surat Keterangan Tanda Lapor Kehilangan",
            "Laporkan dompet, tas atau surat berharga yang hilang atau dicuri untuk "
            "mendapatkan surat keterangan kehilangan."),
    service("skck", "Penerbitan Surat Keterangan Catatan Kepolisian (SKCK)",
            "SKCK untuk melamar pekerjaan. Persyaratan: KTP-el dan pas foto."),
    service("sim", "Perpanjangan Surat Izin Mengemudi (SIM)",
            "Perpanjang SIM A dan SIM C sebelum masa berlakunya habis."),
]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(synonyms=StaticSynonyms.from_text("# no synonyms\n"))


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    s = keyword_searcher(tmp_path_factory.mktemp("dictionary"), PAGES)
    yield s
    s.close()


def readings(analyzer: Analyzer, query: str, origin: str) -> set[tuple[str, ...]]:
    return {t.tokens for t in analyzer.analyze_query(query).terms if t.origin == origin}


def test_a_word_only_the_dictionary_knows_finds_its_service(searcher) -> None:
    results = searcher.search("someone snatched my purse", limit=3).results
    assert results, "no page found for an English word outside the glossary"
    assert results[0].url.endswith("/kehilangan.html")


def test_a_plural_reads_as_its_headword(analyzer) -> None:
    assert ("dompet",) in readings(analyzer, "lost purses", "dictionary")


def test_the_glossary_wins_where_it_has_the_word(analyzer) -> None:
    # the dictionary reads "drive" as "kandar"; the glossary as "mengemudi"
    assert dictionary.load(analyzer._english_stem).readings("drive")
    assert readings(analyzer, "drive license renewal", "dictionary") == set()
    assert readings(analyzer, "drive license renewal", "glossary")


def test_dictionary_readings_weigh_less_than_a_glossary_word(analyzer) -> None:
    terms = [t for t in analyzer.analyze_query("my purse was stolen").terms
             if t.origin == "dictionary"]
    assert terms and all(t.weight < 0.5 for t in terms)


@pytest.mark.parametrize("query", ["bank sampah kelurahan", "kehilangan dompet di pasar",
                                   "data penduduk miskin", "taman kota"])
def test_an_indonesian_query_is_unchanged(query: str) -> None:
    with_dictionary = Analyzer(synonyms=StaticSynonyms.from_text("# none\n"), shared=False)
    without = Analyzer(synonyms=StaticSynonyms.from_text("# none\n"), shared=False)
    without._expansions.dictionary = dictionary.Dictionary({}, without._english_stem)
    assert with_dictionary.analyze_query(query) == without.analyze_query(query)


def test_a_missing_file_reads_nothing_and_says_so(tmp_path, caplog) -> None:
    with caplog.at_level(logging.WARNING):
        found = dictionary.load(str.lower, tmp_path / "missing.tsv")
    assert found.readings("purse") == ()
    assert "missing.tsv is missing" in caplog.text


def test_a_malformed_row_names_its_line(tmp_path) -> None:
    path = tmp_path / "broken.tsv"
    path.write_text("# header\npurse\t1\tdompet\nwallet dompet\n", encoding="utf-8")
    with pytest.raises(ValueError, match="broken.tsv line 3"):
        dictionary.load(str.lower, path)


def test_first_senses_only(tmp_path) -> None:
    path = tmp_path / "senses.tsv"
    path.write_text("court\t1\tlapangan\ncourt\t2\tpengadilan\ncourt\t6\tistana\n",
                    encoding="utf-8")
    assert dictionary.load(str.lower, path).readings("court") == ("lapangan", "pengadilan")


def test_a_word_only_the_dictionary_reads_stays_new_to_the_ranking(analyzer) -> None:
    # its reading is a guess: the embedder keeps the weight it gives a word sikoja lacks
    from indexer.familiarity import familiarity

    analysis = analyzer.analyze_query("purse")
    assert ("dompet",) in {t.tokens for t in analysis.terms}
    assert familiarity(analyzer, analysis, None).unknown == ["purse"]
