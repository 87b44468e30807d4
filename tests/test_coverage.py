"""Words nobody listed (issue #16): when the keyword side's best pages say little of a query,
the vector ranking decides (``semantic.weight: coverage``, indexer/coverage.py)."""

from __future__ import annotations

import pytest

from indexer.build import build_index
from indexer.coverage import weakness
from indexer.search import Searcher
from sikoja.config import load_settings
from tests.corpus import AKTA_URL, PBG_URL, write_corpus


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    """The small Kota Jambi corpus indexed with USE, with the shipped semantic settings."""
    data_dir = tmp_path_factory.mktemp("coverage")
    write_corpus(data_dir).close()
    build_index(load_settings(data_dir))
    return data_dir


def _search(data_dir, query: str, weight: str):
    settings = load_settings(data_dir)
    settings.semantic.weight = weight
    searcher = Searcher(settings)
    try:
        return searcher.search(query, explain=True)
    finally:
        searcher.close()


def test_weakness_is_full_below_nothing_and_none_at_full_coverage():
    assert weakness(0.0, 0.5) == 1.0
    assert weakness(0.25, 0.5) == pytest.approx(0.5)
    assert weakness(0.5, 0.5) == 0.0
    assert weakness(0.9, 0.5) == 0.0


@pytest.mark.slow  # loads the default embedder (USE)
@pytest.mark.parametrize(("query", "url"), [
    # no content word of these is in a lexicon, a synonym rule or a page (session 7's
    # vocabulary took in the earlier examples, "newborn daughter papers" and "renovasi tembok
    # pondasi perlu legalitas", which the keyword side now answers by itself)
    ("putra pertama hadir ke dunia dokumennya", AKTA_URL),
    ("remodel dwelling storey", PBG_URL),
])
def test_a_query_in_unlisted_words_finds_its_service_by_meaning(corpus_dir, query, url):
    fixed = _search(corpus_dir, query, "fixed")
    assert url not in [r.url for r in fixed.results[:1]]  # what the rule changes
    response = _search(corpus_dir, query, "coverage")
    assert response.results[0].url == url
    assert response.analysis.vector_weight == pytest.approx(2.0)


@pytest.mark.slow  # loads the default embedder (USE)
def test_a_query_the_keywords_match_keeps_its_keyword_winner(corpus_dir):
    response = _search(corpus_dir, "penerbitan akta kelahiran", "coverage")
    assert response.analysis.vector_weight == pytest.approx(0.25)  # the ranking's base
    assert response.results[0].url == AKTA_URL
    assert response.results[0].explain.keyword_rank == 1


def _doc(url: str, parent_url: str | None):
    from indexer.backend import IndexedDoc
    return IndexedDoc(id=url, url=url, title="", opd="O", kind="service", source="s", text="",
                      content_hash="", title_tokens=[], heading_tokens=[], body_tokens=[],
                      parent_url=parent_url)


def test_only_a_section_split_from_its_page_says_its_offices_header():
    """The office's name its site prints on every page is lent to a one-page site's section
    (``<page>#<anchor>`` under that page), not to a page of its own nor to a file's page."""
    from indexer.search import _section
    page = "http://kel.example/view/kel/layanan"
    assert _section(_doc(page + "#h.9aaf573d779d", page))
    assert not _section(_doc(page, "http://kel.example/"))
    assert not _section(_doc(page + "#sku", "http://kel.example/other"))
    ods = "http://naker.example/files/Standar.ods"
    assert not _section(_doc(ods + "#page=6", ods))
