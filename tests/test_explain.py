"""Explain reports what ranking did, not a recomputation of it.

An admin reading ``--explain`` or ``explain=true`` must be able to redo the ranking from
it: every result's score is its fused score times the multipliers reported (the part of
the intent-adjusted kind prior and of the listing prior applied after fusion, the share of
the query the page says, a tie-break),
and the order those scores imply is the order returned. Checked on a small real index with
keyword and vector retrieval and a near-duplicate group (an MPP re-listing of an OPD's service).
"""

from __future__ import annotations

import math

import pytest

from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import RankingConfig, load_settings
from tests.corpus import KTP_MPP_URL, KTP_URL, SIKESAL_URL, write_corpus

QUERIES = ("urus ktp", "ktp", "akta kelahiran", "bikin akte lahir anak", "download sikesal",
           "berita ktp", "jemput bola ktp", "izin bangunan", "kartu keluarga",
           "lapor jalan rusak", "pengumuman")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("explain")
    write_corpus(path).close()  # the MPP copy of the KTP service is grouped with it
    build_index(load_settings(path, embedder="use"))
    return path


@pytest.fixture(scope="module")
def searcher(data_dir):
    searcher = Searcher(load_settings(data_dir))
    yield searcher
    searcher.close()


def implied(result) -> float:
    e = result.explain
    return e.fused_score * math.prod(e.boosts.values())


def test_each_score_is_the_fused_score_times_the_reported_boosts(searcher):
    share = 1.0 - searcher.ranking.prior_signal_share
    checked = 0
    for query in QUERIES:
        for r in searcher.search(query, limit=100, explain=True).results:
            e = r.explain
            assert e.pinned is None, query
            assert r.score == pytest.approx(implied(r), abs=1e-6), (query, r.url, e)
            assert set(e.boosts) <= {"kind_prior", "listing_prior", "tie_break",
                                     "copy_weight", "coverage"}
            low = 1.0 - searcher.ranking.coverage_weight
            assert low - 1e-9 <= e.boosts.get("coverage", 1.0) <= 1.0 + 1e-9, (query, r.url)
            assert set(e.priors) <= {"kind_prior", "listing_prior"} and e.priors
            if e.score_from is None:
                # its own priors, the post-fusion part of each (none for a page or app
                # the query names whole)
                applied = set(e.boosts) - {"tie_break", "coverage"}
                assert applied in (set(), set(e.priors)), (query, r.url)
                for name in applied:
                    assert e.boosts[name] == pytest.approx(e.priors[name] ** share)
            else:
                assert e.score_from in r.also_at, (query, r.url)
                assert e.boosts["copy_weight"] == searcher.ranking.copy_weight
            checked += 1
    assert checked > 20


def test_the_order_explain_implies_is_the_order_returned(searcher):
    several = 0
    for query in QUERIES:
        results = searcher.search(query, limit=100, explain=True).results
        scores = [implied(r) for r in results]
        assert all(a >= b - 1e-9 for a, b in zip(scores, scores[1:], strict=False)), query
        several += len(scores) >= 3
    assert several >= 5


def test_a_copy_carrying_its_group_is_named(searcher):
    """The MPP re-listing matches "urus ktp" as well as Disdukcapil's page; the group is
    shown as the OPD's page, and when the copy's score carries it explain names the copy."""
    results = searcher.search("urus ktp", explain=True).results
    ktp = next(r for r in results if r.url == KTP_URL)
    assert KTP_MPP_URL in ktp.also_at
    assert ktp.explain.score_from in (None, KTP_MPP_URL)
    assert ktp.score == pytest.approx(implied(ktp), abs=1e-6)


def test_the_kind_prior_reported_is_the_intent_adjusted_one(searcher):
    """"download" asks for an app: the app gets the best prior and services step back, and
    explain reports those priors, not the plain table."""
    cfg = searcher.ranking
    results = searcher.search("download sikesal", limit=100, explain=True).results
    by_kind = {r.kind: r.explain for r in results}
    assert results[0].url == SIKESAL_URL
    assert by_kind["app"].priors["kind_prior"] == pytest.approx(max(cfg.kind_prior.values()))
    assert by_kind["service"].priors["kind_prior"] == pytest.approx(
        cfg.kind_prior["service"] * cfg.intent_service_factor)
    plain = searcher.search("sikesal", explain=True).results[0]
    assert plain.url == SIKESAL_URL
    assert plain.explain.priors["kind_prior"] == pytest.approx(cfg.kind_prior["app"])


def test_without_priors_nothing_is_reported_and_nothing_applied(data_dir):
    searcher = Searcher(load_settings(data_dir), ranking=RankingConfig(use_priors=False))
    try:
        for query in QUERIES[:4]:
            for r in searcher.search(query, explain=True).results:
                assert r.explain.priors == {}
                assert set(r.explain.boosts) <= {"tie_break"}
                assert r.score == pytest.approx(implied(r), abs=1e-6)
    finally:
        searcher.close()


def test_a_best_bet_is_reported_as_pinned(data_dir):
    searcher = Searcher(load_settings(data_dir))
    bet = searcher.bestbets.add("urus ktp", SIKESAL_URL)
    try:
        results = searcher.search("urus ktp", explain=True).results
        assert results[0].url == SIKESAL_URL and results[0].best_bet
        assert results[0].explain.pinned == "best_bet"
        for r in results[1:]:
            assert r.explain.pinned is None
            assert r.score == pytest.approx(implied(r), abs=1e-6)
    finally:
        searcher.bestbets.remove(bet)
        searcher.close()
