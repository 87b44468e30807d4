"""Feedback on the vector side (``semantic.vector_feedback``, issue #16).

A query the keyword side matches weakly ("anak jatuh ke kolam ikan": no page says "jatuh"
or "ikan") is searched by vectors once more with its vector moved towards the vectors of
its first results (Rocchio); a query the keywords match whole is searched once, as before.
"""

from __future__ import annotations

import numpy as np
import pytest

from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.urls import doc_id
from tests.corpus import write_corpus
from tests.test_feedback import BASE, DOCS, FELL_IN


@pytest.fixture(scope="module")
def searchers(tmp_path_factory):
    """One index (the default embedder, sections), searched with vector feedback off, at
    the defaults, and at 1.0 from the fused ranking's first two pages (a larger step, so
    that what it moves is plain on nine pages)."""
    data_dir = tmp_path_factory.mktemp("vector-feedback")
    write_corpus(data_dir, DOCS).close()
    settings = load_settings(data_dir)
    build_index(settings)
    off, strong = settings.model_copy(deep=True), settings.model_copy(deep=True)
    off.semantic = off.semantic.model_copy(update={"vector_feedback": 0.0})
    strong.semantic = strong.semantic.model_copy(update={"vector_feedback": 1.0,
                                                         "vector_feedback_results": 2})
    out = Searcher(off), Searcher(settings), Searcher(strong)
    yield out
    for searcher in out:
        searcher.close()


def searched(searcher: Searcher, query: str) -> tuple[list[tuple[str, float, float | None]], int]:
    """(url, score, cosine) of each result, and how many vector searches the query cost."""
    calls = []
    search = searcher.backend.vector_search

    def counted(*args, **kwargs):
        calls.append(1)
        return search(*args, **kwargs)

    searcher.backend.vector_search = counted
    try:
        response = searcher.search(query, explain=True)
    finally:
        del searcher.backend.vector_search
    return [(r.url, r.score, r.explain.vector_score) for r in response.results], len(calls)


@pytest.mark.slow  # embeds with the default embedder (USE)
def test_a_weakly_matched_query_is_searched_again_from_its_first_results(searchers) -> None:
    off, default, fed = searchers
    plain, plain_calls = searched(off, FELL_IN)
    moved, moved_calls = searched(fed, FELL_IN)
    assert (plain_calls, searched(default, FELL_IN)[1], moved_calls) == (1, 2, 2)
    cosine = {url: c for url, _, c in plain}
    cosine_fed = {url: c for url, _, c in moved}
    first_two = [url for url, _, _ in plain[:2]]
    # the query moved towards its first two results: they are nearer to it than before,
    # and the scores the results are ranked by change with it
    assert all(cosine_fed[u] > cosine[u] for u in first_two)
    assert [(u, round(s, 6)) for u, s, _ in plain] != [(u, round(s, 6)) for u, s, _ in moved]


@pytest.mark.slow  # embeds with the default embedder (USE)
def test_a_query_the_keywords_match_is_searched_once_and_ranked_as_before(searchers) -> None:
    off, default, fed = searchers
    plain, plain_calls = searched(off, "akta kelahiran anak")
    moved, moved_calls = searched(fed, "akta kelahiran anak")
    assert plain_calls == moved_calls == searched(default, "akta kelahiran anak")[1] == 1
    assert plain == moved
    assert moved[0][0] == BASE + "akta-anak"


@pytest.mark.slow  # embeds with the default embedder (USE)
def test_a_page_vector_is_its_first_row_or_the_row_nearest_the_query(searchers) -> None:
    """With sections a page has several rows: the feedback reads the first (the passage's)
    or, asked with a query, the one a search scores the page by (its best cosine)."""
    off = searchers[0]
    page = doc_id(BASE + "akta-anak")
    qv = off._analysis_vector(off.analyze("syarat buku nikah orang tua"))
    first = off.backend.doc_vectors([page])[page]
    best = off.backend.doc_vectors([page], qv)[page]
    assert float(best @ qv) == pytest.approx(off.backend.vector_scores(qv, [page])[page],
                                             abs=1e-5)
    assert float(best @ qv) >= float(first @ qv)
    assert np.linalg.norm(first) == pytest.approx(1.0, abs=1e-4)
