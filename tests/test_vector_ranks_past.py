"""Every keyword candidate has a place in the vector ranking too (issue #11, session 13).

Rank fusion adds 1/(k + rank) per retriever a page is in. The vector side returns its first
``ranking.candidates`` pages; a page the keywords found that the vectors ranked past them
got nothing from the vector side, as if the embedding had said it was unrelated, and fell
behind pages both sides had listed. On the sample web "pengurusan akta kelahiran disdukcapil
kota jambi" found Disdukcapil's birth certificate service first by keywords, but at cosine
rank 113 it lost the lead to the office's whole standard-of-service PDF (keyword rank 4,
vector rank 1). The missing keyword candidates are now scored by their cosine and ranked
after the vector side's own.
"""

from __future__ import annotations

import math

import pytest

from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import load_settings
from tests.corpus import write_corpus

QUERIES = ("urus ktp", "ktp", "akta kelahiran", "bikin akte lahir anak", "download sikesal",
           "berita ktp", "jemput bola ktp", "izin bangunan", "kartu keluarga", "syarat ktp el")


@pytest.fixture(scope="module")
def narrow(tmp_path_factory):
    """A small real index searched with a pool of two candidates per retriever, so that
    most keyword candidates lie past the vector side's own list, as on a large index."""
    path = tmp_path_factory.mktemp("vector-ranks")
    write_corpus(path).close()
    build_index(load_settings(path, embedder="use"))
    settings = load_settings(path)
    searcher = Searcher(settings, ranking=settings.ranking.model_copy(update={"candidates": 2}))
    yield searcher
    searcher.close()


def test_a_page_the_keywords_found_has_a_vector_rank_too(narrow):
    """With a pool of two, most pages the keywords found lie past the vector side's list;
    each still has its rank there, reported apart from the vector side's own."""
    past = 0
    search = narrow.backend.vector_search
    lists: list[set[str]] = []

    def listed(*args, **kwargs):
        hits = search(*args, **kwargs)
        lists.append({h.id for h in hits})
        return hits

    for query in QUERIES:
        narrow.backend.vector_search = listed
        try:
            response = narrow.search(query, limit=10, explain=True)
        finally:
            del narrow.backend.vector_search
        # the vector side's list that was fused: the last searched (a weakly matched query
        # is searched again from its first results' vectors, semantic.vector_feedback)
        own = lists[-1]
        for result in response.results:
            explain = result.explain
            if explain.keyword_rank is None or explain.score_from:  # a copy's ranks
                continue
            if result.id in own:
                assert explain.vector_rank is not None and explain.vector_rank_past is None
            else:  # ranked after the vector side's own, which "found by both" does not count
                assert explain.vector_rank is None, (query, result.title)
                assert explain.vector_rank_past is not None, (query, result.title)
                past += 1
    assert past > 0


def test_the_vector_side_scores_a_page_past_its_first_results_as_its_search_does(narrow):
    qv = narrow._analysis_vector(narrow.analyze("akta kelahiran"))
    everything = narrow.backend.vector_search(qv, 100)
    last = everything[-3:]
    scores = narrow.backend.vector_scores(qv, [h.id for h in last] + ["0" * 16])
    assert scores.keys() == {h.id for h in last}  # an id without a vector is left out
    for hit in last:
        assert math.isclose(scores[hit.id], hit.score, abs_tol=1e-6)


def test_the_service_the_keywords_found_first_leads_the_office_s_standard_pdf(sample_searcher):
    response = sample_searcher.search("pengurusan akta kelahiran disdukcapil kota jambi",
                                      explain=True)
    top = response.results[0]
    assert top.kind == "service", [(r.title, r.kind) for r in response.results[:3]]
    assert "akta kelahiran" in top.title.lower()
    assert top.opd == "Dinas Kependudukan dan Pencatatan Sipil Kota Jambi"
    assert top.explain.keyword_rank == 1
    assert top.explain.vector_rank_past is not None  # past the vector side's first 100
    standard = next(r for r in response.results if r.kind == "document")
    assert "standar pelayanan" in standard.title.lower()
