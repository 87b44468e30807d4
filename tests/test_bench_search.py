"""The speed bench's embedding-cache fill (bench/bench_search.py, ``--embed-sample``) caches
every text the build will embed, for the configured ``semantic.text``: a fill that missed the
``sections`` passage and windows left the build embedding the whole corpus for real, and the
bench reported the model's speed as the index's."""

from __future__ import annotations

import json

import pytest

from bench.bench_search import _fill_cache, build_semantic, texts_of
from bench.corpus import write_corpus
from indexer.build import build_index
from indexer.embedding import load_embedder
from indexer.registry import open_backend
from sikoja.config import load_settings

pytestmark = pytest.mark.slow  # loads the default model


@pytest.mark.parametrize("text", ["sections", "whole"])
def test_a_filled_cache_leaves_the_build_nothing_to_embed(tmp_path, text):
    (tmp_path / "sikoja.yaml").write_text(json.dumps({"semantic": {"text": text}}))
    docs = write_corpus(tmp_path, 30)
    embedder = load_embedder("use")
    semantic = build_semantic(tmp_path, len(docs))
    sample = embedder.embed_documents(texts_of(docs[:2], [semantic]))
    _fill_cache(tmp_path, docs, sample, embedder.name, 3, [semantic])

    settings = load_settings(tmp_path, embedder="use")
    summary = build_index(settings, embedder=embedder)

    assert summary.embedded == 0
    backend = open_backend(settings)
    try:
        vectors = backend.info()["vectors"]
    finally:
        backend.close()
    if text == "sections":  # a passage and at least one window per page
        assert vectors >= 2 * len(docs)
    else:
        assert vectors == len(docs)
