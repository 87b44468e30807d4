"""What each page says is stored with it at build time, so a search reads it instead of
analysing up to 60 pages per query for the coverage weight (``IndexedDoc.said``,
indexer/coverage.py); an index built before it was stored still searches the same, and a
plain ``sikoja index`` after upgrading stores it."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from indexer.analysis import Analyzer
from indexer.build import STORED, analyse_document, build_index, site_marks
from indexer.coverage import said_tokens
from indexer.embedded import EmbeddedBackend
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.store import DocumentStore
from sikoja.urls import doc_id
from tests.corpus import KTP_URL, write_corpus

# several content words each, so the coverage weight reads the pages
QUERIES = ("bikin akte lahir anak", "urus ktp hilang", "imb rumah tinggal",
           "syarat kartu keluarga baru", "lapor jalan rusak depan rumah",
           "penerbitan ktp elektronik gratis")


@pytest.fixture()
def settings(tmp_path):
    write_corpus(tmp_path).close()
    settings = load_settings(tmp_path, embedder="none")
    build_index(settings)
    return settings


def answers(settings) -> dict[str, tuple]:
    searcher = Searcher(settings, embedder=False)
    try:
        out = {}
        for query in QUERIES:
            response = searcher.search(query, explain=True)
            out[query] = ([(r.url, r.score) for r in response.results],
                          response.answer.url if response.answer else None)
        return out
    finally:
        searcher.close()


def write_version_built_before(settings) -> None:
    """The live index again as the release before wrote it: the same pages and tokens,
    nothing said stored, keys without the mark."""
    backend = EmbeddedBackend(settings.data_dir)
    keys = {i: key.replace(f"+{STORED}", "") for i, key in backend.manifest().items()}
    assert keys != backend.manifest()
    store = DocumentStore.open(settings.data_dir)
    analyzer = Analyzer()
    own, _ = site_marks(store, analyzer)
    writer = backend.writer(incremental=False)
    for doc in store.iter_documents():
        indexed = analyse_document(analyzer, doc, keys[doc_id(doc.url)],
                                   own.get(doc.source, frozenset()))
        writer.add(replace(indexed, said=None))
    writer._flush()
    writer.db.execute("DROP TABLE said")  # docs.db as it was: no table of what pages say
    writer.commit(vocabulary=backend.vocabulary(), manifest=keys,
                  word_counts=backend.word_counts())
    store.close()
    backend.close()


def test_the_index_hands_back_what_each_page_says(settings):
    searcher = Searcher(settings, embedder=False)
    try:
        docs = searcher.backend.get(list(searcher.backend.manifest()))
        assert docs
        for doc in docs.values():
            assert doc.said == said_tokens(searcher.analyzer, doc.title, doc.text, doc.fields)
        # "KTP-el" of the title read as a query would read it, beside the text's words
        assert {"ktp", "kartu", "tanda", "penduduk", "biometrik"} <= docs[doc_id(KTP_URL)].said
    finally:
        searcher.close()


def test_an_index_built_before_searches_the_same_and_upgrades_on_a_plain_index(
        settings, caplog):
    stored = answers(settings)
    write_version_built_before(settings)
    backend = EmbeddedBackend(settings.data_dir)
    assert all(d.said is None for d in backend.get(list(backend.manifest())).values())
    backend.close()
    with caplog.at_level(logging.WARNING):
        assert answers(settings) == stored  # analysed at query time, the same ranking
    assert not caplog.records  # and nothing to say about it

    summary = build_index(settings)  # what an admin runs after upgrading
    assert summary.updated == summary.documents
    backend = EmbeddedBackend(settings.data_dir)
    assert all(d.said for d in backend.get(list(backend.manifest())).values())
    backend.close()
    assert answers(settings) == stored
