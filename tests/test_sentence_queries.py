"""A query told as a sentence trusts the embedder more (issues #11 and #16, session 14).

"belum punya bpjs sakit mau berobat puskesmas kebun kopi" tells the citizen's situation in
its own words (bpjs, sakit, puskesmas, kebun kopi) beside the need (free treatment without
BPJS). BM25 adds up a lookup of each of them, so the puskesmas's BPJS clinic, whose page
says nearly all of them, led the free-treatment service the embedder ranked above it. Past
``semantic.sentence_words`` words of no content (belum, punya, mau) each raise the vector
weight by ``semantic.sentence_weight`` (indexer/familiarity.py).
"""

from __future__ import annotations

import pytest

from indexer.analysis import analyzer as analyzer_module
from indexer.familiarity import function_words, sentence_weight
from indexer.search import Searcher

SITUATION = "belum punya bpjs sakit mau berobat puskesmas kebun kopi"
NEED = "/layanan/berobat-gratis-ktp"  # UHC Jambi Bugar: free treatment with a KTP


def _is_need(result) -> bool:
    """Whether a result is the free-treatment service (its page, or a copy shown for it)."""
    return any(url.endswith(NEED) for url in [result.url, *result.also_at])


def _searcher(settings, weight: float) -> Searcher:
    semantic = settings.semantic.model_copy(update={"sentence_weight": weight})
    return Searcher(settings.model_copy(update={"semantic": semantic}))


def test_a_sentence_has_more_words_of_no_content_than_a_name(sample_searcher):
    analyzer = sample_searcher.analyzer
    assert function_words(analyzer, sample_searcher.analyze(SITUATION)) == 3
    assert function_words(analyzer, sample_searcher.analyze("syarat akta kelahiran")) == 1
    assert function_words(analyzer, sample_searcher.analyze(
        "how do i get a birth certificate")) == 5
    # a word typed again is one word; a content word whose reading changes is still content
    assert function_words(analyzer, sample_searcher.analyze("mau mau mau mau mau kk")) == 1
    assert function_words(analyzer, sample_searcher.analyze("ktp dirubah alamat")) == 0
    # nothing left to search: no raise to report
    assert function_words(analyzer, sample_searcher.analyze("yang di dan ke dari")) == 0


def test_sentence_weight_rises_past_the_free_words_and_stops_at_the_top():
    assert sentence_weight(0.25, 2.0, 2, 2, 0.2) == 0.25
    assert sentence_weight(0.25, 2.0, 4, 2, 0.2) == pytest.approx(0.65)
    assert sentence_weight(0.25, 2.0, 40, 2, 0.2) == pytest.approx(2.0)


def test_a_problem_told_as_a_sentence_finds_the_service_it_needs(sample_index):
    before = _searcher(sample_index, 0.0)
    try:
        first = before.search(SITUATION, explain=True)
    finally:
        before.close()
    # without the raise the need still ranks near the top. It once ranked behind the clinic
    # whose page says the words; since session 21 (kind21: a Blogger post filed under a
    # label of services is stored as a service) the puskesmas's "Berobat Gratis dengan KTP
    # (UHC)" post is a service, its kind prior lifts it, and it may lead already: right for
    # a citizen without BPJS, so only its place near the top is asked here
    assert any(_is_need(r) for r in first.results[:3])
    # off by default (flat on the held-out webs); 0.2 brought the need first until session
    # 17's Blogger puskesmas added a second page on BPJS referrals, which the clinic's words
    # also match: 0.3 does now
    shipped = _searcher(sample_index, 0.3)
    try:
        response = shipped.search(SITUATION, explain=True)
        named = shipped.search("berobat gratis ktp", explain=True)
    finally:
        shipped.close()
    assert _is_need(response.results[0])
    assert response.analysis.vector_weight > first.analysis.vector_weight
    # a query of names keeps the ranking's base weight and its service
    assert named.analysis.vector_weight == pytest.approx(sample_index.ranking.vector_weight)
    assert _is_need(named.results[0])


NO_KTP = "nenek tidak punya ktp tinggal di panti mau didata dinsos"


def _ranks(searcher, query: str) -> tuple[int, int]:
    """The rank of the residents-without-documents page and of the first KTP page."""
    titles = [r.title.casefold() for r in searcher.search(query).results]
    rentan = next((i for i, t in enumerate(titles) if "penduduk rentan" in t), len(titles))
    ktp = next((i for i, t in enumerate(titles) if "ktp" in t), len(titles))
    return rentan, ktp


def test_a_woman_without_a_ktp_finds_the_vulnerable_residents_service(sample_searcher,
                                                                      monkeypatch):
    """A word the query says is lacking weighs less (indexer/analysis/analyzer.py
    ``LACKED_WEIGHT``; tests/test_lacked_words.py): the registration of residents without
    documents comes before the pages about having a KTP. (Whether it or the DTKS
    registration, the other Dinsos service for her, is first is a near tie on the sample
    web: 0.0299 against 0.0308.)"""
    rentan, ktp = _ranks(sample_searcher, NO_KTP)
    assert rentan < ktp and rentan <= 1
    monkeypatch.setattr(analyzer_module, "LACKED_WEIGHT", 1.0)  # the word at full weight
    rentan, ktp = _ranks(sample_searcher, NO_KTP)
    assert ktp < rentan
