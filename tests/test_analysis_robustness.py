"""Whatever a citizen (or a bot) types, analysis returns a normal result and never fails."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.analysis import Analyzer, QueryAnalysis, Vocabulary

ORIGINS = {"query", "correction", "synonym", "abbreviation", "glossary", "dictionary", "slang"}
ANALYZER = Analyzer()
VOCABULARY = Vocabulary.build(
    dict.fromkeys(ANALYZER.words("akta kelahiran perizinan bangunan kependudukan pajak bumi"), 1)
)


def check(analysis: QueryAnalysis, text: str) -> None:
    assert analysis.text == text
    assert analysis.lang in ("id", "en")
    assert isinstance(analysis.normalized, str)
    assert isinstance(analysis.embedding_text, str)
    assert analysis.did_you_mean is None or isinstance(analysis.did_you_mean, str)
    seen = set()
    for term in analysis.terms:
        assert term.tokens and all(t and not any(c.isspace() for c in t) for t in term.tokens)
        assert 0 < term.weight <= 1.0
        assert term.origin in ORIGINS
        assert term.tokens not in seen
        seen.add(term.tokens)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "👍🙏🔥",
        "🇮🇩",
        "مرحبا بالعالم",  # Arabic, right to left
        "\u202eptk\u202c",  # a bidi override around "ktp"
        "שלום",
        "\x00\x01\x1b[31mktp\x7f",
        "' OR 1=1; DROP TABLE documents; --",
        '"akta kelahiran"',
        "ktp*",
        "title:ktp AND body:kk OR NOT kia",
        "(((ktp)))",
        "ktp\\",
        "%",
        "-",
        "---",
        "a" * 10_000,
        "ktp " * 5_000,
        "\ud7ff\ue000\uffff",
        "hello \udfff world",  # a lone surrogate (cannot be encoded as UTF-8)
        "\ud800",
        "ǅ İstanbul ß ﬁ",
        "1" * 300,
        "e-" * 200,
    ],
)
def test_odd_queries_give_a_normal_result(text: str) -> None:
    check(ANALYZER.analyze_query(text, VOCABULARY), text)
    assert isinstance(ANALYZER.index_tokens(text), list)


def test_emoji_only_query_has_no_terms() -> None:
    analysis = ANALYZER.analyze_query("🙏🙏")
    assert analysis.terms == [] and analysis.normalized == ""


def test_query_syntax_is_just_words() -> None:
    analysis = ANALYZER.analyze_query('"ktp" AND kk:*')
    assert {t.tokens for t in analysis.terms if t.origin == "query"} == {("ktp",), ("kk",)}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_analyses(text: str) -> None:
    check(ANALYZER.analyze_query(text, VOCABULARY), text)
    for token in ANALYZER.index_tokens(text):
        assert token and not any(c.isspace() for c in token)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(categories=["Cs", "Cc", "Cf", "Zs", "So", "Lo", "Ll"])))
def test_any_text_with_surrogates_and_controls_analyses(text: str) -> None:
    check(ANALYZER.analyze_query(text, VOCABULARY), text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["ktp", "KK", "akte", "bikin", "dak", "DAK", "e-ktp", "ktp-el", "anak-anak", "pbb-p2",
             "kartu", "keluarga", "id", "card", "birth", "certificate", "ilang", "cakmano", "2",
             "-", "imb", "zonasi", "kartu kuning", "kelahran", "*", ":", '"', "AND", "🙂", "\u200b"]
        ),
        max_size=12,
    ).map(" ".join)
)  # fmt: skip
def test_any_mix_of_known_words_analyses(text: str) -> None:
    check(ANALYZER.analyze_query(text, VOCABULARY), text)
