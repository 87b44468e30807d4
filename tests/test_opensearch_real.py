"""On a real OpenSearch node: what osmem-server cannot run.

k-NN vectors (HNSW, the Lucene engine, cosinesimil; given documents scored exactly by the
k-NN scoring script), server-side hybrid search (hybrid query + normalization-processor,
2.11+; score-ranker-processor RRF, 2.19+), the built-in indonesian analyzer, synonym_graph
reloads, BM25 parity with the cluster's own scores (scoring: engine), statistics across
several shards, and reindexing as a polled task.

Skipped unless SIKOJA_OPENSEARCH_URL names a node, e.g. the one docker-compose.yml starts:

    docker compose up -d opensearch
    SIKOJA_OPENSEARCH_URL=http://127.0.0.1:9200 \\
    SIKOJA_OPENSEARCH_SYNONYMS_DIR=./data/opensearch-analysis \\
        .venv/bin/pytest -m opensearch_real tests/test_opensearch_real.py

Optional: SIKOJA_OPENSEARCH_USERNAME / _PASSWORD, SIKOJA_OPENSEARCH_CA_CERTS,
SIKOJA_OPENSEARCH_SYNONYMS_DIR (the host directory mounted as the node's
config/analysis; enables the file-reload test). Every test works under its own index prefix
and deletes it afterwards.
"""

from __future__ import annotations

import os
import uuid

import numpy as np
import pytest

from indexer.build import build_index
from indexer.embedded import EmbeddedBackend
from indexer.embedding import load_embedder
from indexer.opensearch import OpenSearchBackend
from indexer.opensearch import backend as backend_module
from indexer.search import RankingConfig, Searcher
from sikoja.config import load_settings
from tests.test_opensearch_parity import KTP_URL, QUERIES, write_corpus

URL = os.environ.get("SIKOJA_OPENSEARCH_URL")
SYNONYMS_DIR = os.environ.get("SIKOJA_OPENSEARCH_SYNONYMS_DIR")

pytestmark = [
    pytest.mark.opensearch_real,
    pytest.mark.skipif(not URL, reason="set SIKOJA_OPENSEARCH_URL to a real OpenSearch node"),
]


def real_settings(data_dir, embedder: str = "none", **opensearch: object):
    cfg: dict[str, object] = {
        "hosts": [URL], "index_prefix": f"sikoja-real-{uuid.uuid4().hex[:8]}",
        "number_of_replicas": 0,
        "username": os.environ.get("SIKOJA_OPENSEARCH_USERNAME"),
        "password": os.environ.get("SIKOJA_OPENSEARCH_PASSWORD"),
        "ca_certs": os.environ.get("SIKOJA_OPENSEARCH_CA_CERTS"),
    }
    cfg.update(opensearch)
    return load_settings(data_dir, embedder=embedder, backend="opensearch",
                         opensearch={k: v for k, v in cfg.items() if v is not None})


@pytest.fixture
def data_dir(tmp_path):
    write_corpus(tmp_path)
    return tmp_path


@pytest.fixture
def deployments():
    """Backends made by a test; their indices, template and pipelines are dropped after."""
    made: list[OpenSearchBackend] = []

    def make(settings) -> OpenSearchBackend:
        backend = OpenSearchBackend(settings)
        made.append(backend)
        return backend

    yield make
    for backend in made:
        backend.drop_all()
        backend.close()


@pytest.fixture(scope="module")
def embedder():
    return load_embedder("use")


def first_urls(searcher: Searcher) -> dict[str, str | None]:
    out = {}
    for query in QUERIES:
        results = searcher.search(query).results
        out[query] = results[0].url if results else None
    return out


def test_a_real_node_can_do_what_the_backend_needs(data_dir, deployments):
    caps = deployments(real_settings(data_dir)).capabilities()
    assert caps.distribution == "opensearch" and caps.version >= (2, 11, 0)
    assert caps.knn and caps.indonesian and caps.synonyms
    if caps.hybrid and caps.version >= (2, 19, 0):
        assert caps.rrf


@pytest.mark.parametrize("shards", [1, 3])
def test_the_clusters_own_bm25_gives_the_embedded_answers(data_dir, deployments, shards):
    """scoring: engine - Lucene's BM25 is tantivy's up to the constant (k1 + 1); with 3
    shards the backend asks for dfs_query_then_fetch so statistics stay global."""
    embedded_settings = load_settings(data_dir, embedder="none")
    build_index(embedded_settings)
    embedded = Searcher(embedded_settings, backend=EmbeddedBackend(data_dir), embedder=False)
    settings = real_settings(data_dir, scoring="engine", number_of_shards=shards)
    backend = deployments(settings)
    build_index(settings, backend=backend)
    cluster = Searcher(settings, backend=backend, embedder=False)
    assert first_urls(cluster) == first_urls(embedded)
    for query in ("urus ktp", "imb rumah", "bayar pbb"):
        terms = embedded.analyze(query).terms
        a = {h.id: h.score for h in embedded.backend.keyword_search(terms, 100)}
        b = {h.id: h.score * 2.2 for h in backend.keyword_search(terms, 100)}
        assert a.keys() == b.keys()
        top = max(a, key=a.get)
        assert b[top] == pytest.approx(a[top], rel=0.1)


def test_vectors_hybrid_and_fusion_match_the_embedded_index(data_dir, deployments, embedder):
    # one vector per page, as the OpenSearch layout stores it (its writer turns sections off)
    embedded_settings = load_settings(data_dir, embedder="use", semantic={"text": "whole"})
    build_index(embedded_settings, embedder=embedder)
    embedded = Searcher(embedded_settings, backend=EmbeddedBackend(data_dir), embedder=embedder)
    settings = real_settings(data_dir, embedder="use")
    backend = deployments(settings)
    build_index(settings, backend=backend, embedder=embedder)
    assert backend.info()["vectors"] == len(backend.manifest())
    cluster = Searcher(settings, backend=backend, embedder=embedder)

    for query in ("urus ktp", "anak saya baru lahir", "rumah saya kebakaran"):
        vector = embedder.embed_query(query)
        a = embedded.backend.vector_search(vector, 5)
        b = backend.vector_search(vector, 5)
        assert [h.id for h in a] == [h.id for h in b]  # 62 vectors: HNSW finds the exact ones
        assert [h.score for h in b] == pytest.approx([h.score for h in a], abs=1e-3)
    # the default client-side fusion over both backends' candidates
    assert first_urls(cluster) == first_urls(embedded)

    if not backend.supports_hybrid():
        pytest.skip("no neural-search plugin: hybrid_search falls back to client-side fusion")
    vector = embedder.embed_query("urus ktp")
    terms = cluster.analyze("urus ktp").terms
    hits = backend.hybrid_search(terms, vector, 20)
    assert hits and all(0.0 <= h.score <= 1.0 + 1e-6 for h in hits)
    keyword_ids = {h.id for h in backend.keyword_search(terms, 20)}
    vector_ids = {h.id for h in backend.vector_search(vector, 20)}
    assert {h.id for h in hits} <= keyword_ids | vector_ids
    fused = Searcher(settings, backend=backend, embedder=embedder,
                     ranking=RankingConfig(fusion="linear"))
    assert fused.search("urus ktp").results[0].url == KTP_URL


@pytest.mark.parametrize("space", ["cosinesimil", "innerproduct"])
def test_given_documents_get_the_embedded_index_s_exact_cosine(data_dir, deployments, embedder,
                                                              space):
    """vector_scores (the ranking's vector ranks for keyword candidates the vector side did
    not return) scores exactly the documents asked about with the k-NN scoring script,
    however far down the nearest they come, as the embedded index does from its rows (one
    vector per page on both: the OpenSearch layout stores no sections)."""
    embedded_settings = load_settings(data_dir, embedder="use", semantic={"text": "whole"})
    build_index(embedded_settings, embedder=embedder)
    embedded = EmbeddedBackend(data_dir)
    settings = real_settings(data_dir, embedder="use", knn_space=space)
    backend = deployments(settings)
    if space == "innerproduct" and backend.capabilities().version < (2, 13, 0):
        pytest.skip("innerproduct on the Lucene engine needs OpenSearch 2.13+")
    build_index(settings, backend=backend, embedder=embedder)
    for query in ("urus ktp", "rumah saya kebakaran"):
        vector = embedder.embed_query(query)
        ordering = [h.id for h in embedded.vector_search(vector, 1000)]
        shallow = {h.id for h in backend.vector_search(vector, 5)}
        asked = ordering[:2] + ordering[-3:]  # the nearest two and the farthest three
        assert not shallow & set(ordering[-3:])  # past what a shallow k-NN search returns
        scores = backend.vector_scores(vector, [*asked, "0" * 16])
        assert scores.keys() == set(asked)  # an unknown id is left out
        expected = embedded.vector_scores(vector, asked)
        for id_ in asked:
            assert scores[id_] == pytest.approx(expected[id_], rel=1e-4, abs=1e-6), (query, id_)
    assert backend.vector_scores(vector, ["0" * 16]) == {}
    assert not backend._scripts_refused


def test_rrf_pipeline_on_2_19(data_dir, deployments, embedder):
    settings = real_settings(data_dir, embedder="use", hybrid_technique="rrf")
    backend = deployments(settings)
    if not backend.capabilities().rrf:
        pytest.skip("score-ranker-processor (RRF) needs OpenSearch 2.19+ with neural-search")
    build_index(settings, backend=backend, embedder=embedder)
    searcher = Searcher(settings, backend=backend, embedder=embedder)
    terms = searcher.analyze("akte lahir anak").terms
    hits = backend.hybrid_search(terms, embedder.embed_query("akte lahir anak"), 10)
    assert hits and hits[0].score <= 2.0 / 61 + 1e-6  # a sum of reciprocal ranks


def test_the_indonesian_analyzer_stems_plain_text_queries(data_dir, deployments):
    settings = real_settings(data_dir)
    backend = deployments(settings)
    build_index(settings, backend=backend)
    hits = backend.text_search("persyaratan perekaman kartu tanda penduduk", 3)
    assert backend.get([hits[0].id])[hits[0].id].url == KTP_URL


def test_new_synonyms_reach_the_cluster_by_reindex_without_downtime(data_dir, deployments):
    settings = real_settings(data_dir)
    backend = deployments(settings)
    build_index(settings, backend=backend)
    before = backend._alias_target()
    assert backend.text_search("sikojaalfa", 5) == []
    report = backend.reload_synonyms(["sikojaalfa, kartu identitas anak"])
    assert report["applied"] and report["mode"] == "reindex" and report["index"] != before
    hits = backend.text_search("sikojaalfa", 5)
    assert hits and "Kartu Identitas Anak" in backend.get([hits[0].id])[hits[0].id].title


@pytest.mark.skipif(not SYNONYMS_DIR, reason="set SIKOJA_OPENSEARCH_SYNONYMS_DIR to the "
                    "host directory mounted as the node's config/analysis")
def test_a_synonyms_file_is_reloaded_in_place(data_dir, deployments):
    name = f"sikoja-test-{uuid.uuid4().hex[:8]}.txt"
    settings = real_settings(data_dir, synonyms_file=os.path.join(SYNONYMS_DIR or "", name),
                             synonyms_node_path=f"analysis/{name}")
    backend = deployments(settings)
    build_index(settings, backend=backend)
    index = backend._alias_target()
    report = backend.reload_synonyms(["sikojabeta, pajak bumi dan bangunan"])
    assert report["applied"] and report["mode"] in ("file", "reindex")
    hits = backend.text_search("sikojabeta", 5)
    assert hits and "PBB" in backend.get([hits[0].id])[hits[0].id].title
    if report["mode"] == "file":
        assert backend._alias_target() == index  # refreshed in place, no new version
    os.unlink(settings.opensearch.synonyms_file)


def test_a_large_reindex_runs_as_a_polled_task(data_dir, deployments, monkeypatch):
    monkeypatch.setattr(backend_module, "SYNC_REINDEX_MAX", 0)
    settings = real_settings(data_dir)
    backend = deployments(settings)
    build_index(settings, backend=backend)
    ids = sorted(backend.manifest())
    new_index = backend.reindex()
    assert backend._alias_target() == new_index and sorted(backend.manifest()) == ids


def test_vector_dimension_changes_need_a_full_rebuild(data_dir, deployments, embedder):
    settings = real_settings(data_dir, embedder="use")
    backend = deployments(settings)
    build_index(settings, backend=backend, embedder=embedder)
    assert backend.vector_search(np.ones(7, dtype=np.float32), 5) == []  # wrong dimension
