"""Synonym left terms that read wider than they are written (review of session 11).

A rule fires on the analysed tokens of its left term, so "gantung diri" ("diri" is a
stopword) fired on every query holding "gantung": "biaya tergantung apa" was sent to the
emergency line, "hasil seleksi" to the certificate of poverty ("penghasilan kecil"), "tukar
uang" to the complaint pages ("dimintai uang").
"""

from __future__ import annotations

import pytest

from indexer.analysis.analyzer import Analyzer
from indexer.analysis.synonym_check import narrowed_terms, shared_stems
from synonyms.default import default_text
from synonyms.rules import parse


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def test_no_shipped_phrase_reads_as_one_word(analyzer) -> None:
    problems = narrowed_terms(parse(default_text(), "default.txt"), analyzer.index_tokens)
    assert not problems, "\n".join(map(str, problems))


def test_a_phrase_that_loses_its_stopwords_is_flagged(analyzer) -> None:
    rules = parse("gantung diri, percobaan bunuh diri => call center 112\n"
                  "bunuh, bunuh diri => call center 112\n"
                  "ktp hilang, kehilangan ktp => ktp\n", "admin")
    flagged = narrowed_terms(rules, analyzer.index_tokens)
    # "bunuh diri" reads as "bunuh", which the same rule already leads to 112
    assert [(p.line, p.term, p.tokens) for p in flagged] == [(1, "gantung diri", ("gantung",))]


def test_a_search_for_the_common_word_no_longer_reaches_the_rule(analyzer) -> None:
    """What a citizen sees: "tergantung" and "penghasilan" queries get no emergency line or
    poverty certificate added, while the phrases that stay still do."""
    def synonyms_of(query: str) -> set[str]:
        return {" ".join(t.tokens) for t in analyzer.analyze_query(query).terms
                if t.origin == "synonym"}

    assert "112" not in " ".join(synonyms_of("biaya tergantung apa"))
    assert synonyms_of("hasil seleksi") == set()  # was "mampu", "bantu sosial"
    assert synonyms_of("tukar uang") == set()  # was "pungli", "adu"
    assert synonyms_of("petunjuk teknis pendaftaran") == set()  # was "pajak hiburan"
    assert "pungli" in synonyms_of("uang pelicin")


def test_a_term_sharing_its_stem_with_a_common_page_word_is_flagged(analyzer) -> None:
    """"pertunjukan" (a show) stems as "petunjuk" (instructions) does: a rule keyed on it
    fired on "petunjuk teknis pendaftaran"."""
    rules = parse("konser, pertunjukan => pajak hiburan\n", "admin")
    pages = {"petunjuk": 40, "teknis": 30, "konser": 2}
    found = shared_stems(rules, analyzer.index_tokens, analyzer.stemmer.stem, pages, 5)
    assert found == [(1, "pertunjukan", "petunjuk")]
    assert shared_stems(rules, analyzer.index_tokens, analyzer.stemmer.stem,
                        {"konser": 40, "petunjuk": 2}, 5) == []
