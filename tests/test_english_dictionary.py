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


@pytest.mark.parametrize(("word", "wanted", "not_wanted"), [
    ("animals", {"hewan", "binatang"}, {"anime"}),
    ("customer", set(), {"custom", "adat", "kebiasaan"}),
    ("parking", {"parkir"}, {"taman"}),
    ("housing", set(), {"balai"}),
])
def test_an_inflected_word_reads_as_its_own_headword(analyzer, word, wanted, not_wanted):
    # not as the shortest headword of its Snowball stem ("animals" is not "anime")
    found = set(dictionary.load(analyzer._english_stem).readings(word))
    assert wanted <= found
    assert not found & not_wanted


def test_a_reading_the_pages_never_say_is_dropped(tmp_path_factory) -> None:
    pages = PAGES + [service(
        "akta-kematian", "Pencatatan Kematian Terlambat",
        "Pelaporan kematian yang terlambat lebih dari 30 hari memerlukan penetapan.")]
    s = keyword_searcher(tmp_path_factory.mktemp("late"), pages)
    try:
        terms = {t.tokens for t in s.analyze("late registration of a death").terms
                 if t.origin == "dictionary"}
        tokens = s.analyzer.index_tokens
        assert tuple(tokens("terlambat")) in terms
        for unsaid in ("almarhum", "mendiang"):  # no page says them
            assert tuple(tokens(unsaid)) not in terms
    finally:
        s.close()


@pytest.mark.parametrize("query", ["customer service pdam", "service center pajak"])
def test_a_mixed_query_gets_no_misleading_reading(analyzer, query: str) -> None:
    analysis = analyzer.analyze_query(query)
    assert analysis.lang == "en", "the query no longer tests the dictionary"
    found = {t for tokens in readings(analyzer, query, "dictionary") for t in tokens}
    assert not found & {"custom", "adat", "kebiasaan", "bea"}


def _dictd(folder, entries: list[tuple[str, str]], index_tail: str = "") -> None:
    """A dictd database of ``entries`` (headword, text) as Debian ships it."""
    import gzip

    from tools.extract_freedict import _B64, NAME

    def number(value: int) -> str:
        out = ""
        while True:
            out = _B64[value % 64] + out
            value //= 64
            if not value:
                return out

    data, index = b"", []
    for head, text in entries:
        raw = text.encode("utf-8")
        index.append(f"{head}\t{number(len(data))}\t{number(len(raw))}")
        data += raw
    (folder / f"{NAME}.index").write_text("\n".join(index) + "\n" + index_tail,
                                           encoding="utf-8")
    (folder / f"{NAME}.dict.dz").write_bytes(gzip.compress(data))


ENTRIES = [("00databaseinfo", "00databaseinfo\nEdition: 2022.11.18\n"),
           ("court", "court /koət/ <n>\n1. lapangan\nenclosed space\n"
                     "2. pengadilan, mahkamah 2.\nhall\n 3.\ntribunal\n"),
           ("purse", "purse /pɜːs/ <n>\ndompet\na small bag for money\n")]


def test_the_extractor_reads_a_dictd_database(tmp_path) -> None:
    from tools.extract_freedict import extract

    _dictd(tmp_path, ENTRIES)
    edition, rows = extract(tmp_path)
    assert edition == "2022.11.18"
    assert rows == [("court", 1, "lapangan"), ("court", 2, "pengadilan"),
                    ("court", 2, "mahkamah"), ("purse", 1, "dompet")]


def test_the_extractor_names_a_malformed_index_line(tmp_path) -> None:
    from tools.extract_freedict import extract

    _dictd(tmp_path, ENTRIES, index_tail="wallet dompet\n")
    with pytest.raises(SystemExit, match=r"index line 4: expected headword"):
        extract(tmp_path)
