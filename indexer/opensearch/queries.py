"""Query DSL for the backend: the same retrieval as the embedded tantivy queries, in JSON.

Keyword: one boosted ``term`` query per clause of ``indexer.query_model.keyword_clauses`` (words
in the FIELD_BOOSTS fields, phrases through their adjacent pairs in the PAIR_FIELDS), summed
in a ``bool`` ``should`` - exactly the tantivy BooleanQuery of Should clauses. Filters are
non-scoring ``terms`` clauses in ``filter``.

Vector: the k-NN plugin's ``knn`` query (filters inside it, which the Lucene and Faiss engines
apply during the graph search since 2.9/2.4). Scores come back in OpenSearch's [0, inf)
convention and are turned back into the cosine similarity the Searcher's fusion expects.
Given documents are scored exactly by the plugin's ``knn_score`` script over an ``ids`` query.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from indexer.backend import Filters
from indexer.opensearch.layout import TOKENS, VECTOR
from indexer.query_model import FIELD_BOOSTS

if TYPE_CHECKING:
    from indexer.query_model import Clause


def filter_clauses(filters: Filters | None) -> list[dict[str, Any]]:
    if filters is None:
        return []
    out = []
    if filters.opd:
        out.append({"terms": {"opd": list(filters.opd)}})
    if filters.kind:
        out.append({"terms": {"kind": list(filters.kind)}})
    return out


def keyword_query(clauses: Sequence[Clause], filters: Filters | None) -> dict[str, Any] | None:
    should = [{"term": {f"{TOKENS}.{c.field}": {"value": c.token, "boost": float(c.boost)}}}
              for c in clauses]
    if not should:
        return None
    query: dict[str, Any] = {"bool": {"should": should, "minimum_should_match": 1}}
    clauses = filter_clauses(filters)
    if clauses:
        query["bool"]["filter"] = clauses
    return query


def knn_query(vector: Sequence[float], k: int, filters: Filters | None) -> dict[str, Any]:
    inner: dict[str, Any] = {"vector": [float(x) for x in vector], "k": k}
    clauses = filter_clauses(filters)
    if clauses:
        inner["filter"] = {"bool": {"filter": clauses}}
    return {"knn": {VECTOR: inner}}


def cosine_from_score(score: float, space: str) -> float:
    """Invert the k-NN plugin's score transform (docs: "Spaces") for normalised vectors.

    cosinesimil: score = (2 - (1 - cos)) / 2, so cos = 2 score - 1 (every engine).
    innerproduct: score = 1 + ip when ip > 0, else 1 / (1 - ip) (Faiss and Lucene alike).
    """
    if space == "cosinesimil":
        return 2.0 * score - 1.0
    if score >= 1.0:
        return score - 1.0
    return 1.0 - 1.0 / score if score > 0 else -1.0


def vector_score_query(vector: Sequence[float], ids: Sequence[str],
                       space: str) -> dict[str, Any]:
    """The k-NN plugin's exact scoring script (docs: "Exact k-NN search with scoring
    script", k-NN plugin 1.0+, any engine: it reads the field's doc values) over exactly
    ``ids``; ``exists`` leaves out a document without a vector, which the script would
    score 0 rather than skip."""
    return {"script_score": {
        "query": {"bool": {"filter": [{"ids": {"values": list(ids)}},
                                      {"exists": {"field": VECTOR}}]}},
        "script": {"source": "knn_score", "lang": "knn", "params": {
            "field": VECTOR, "query_value": [float(x) for x in vector], "space_type": space}},
    }}


def cosine_from_script_score(score: float, space: str) -> float:
    """Invert the ``knn_score`` script's transform for normalised vectors, which is not the
    ``knn`` query's for cosinesimil (the plugin's KNNScoringSpace: 1 + cos, where the query
    gives (1 + cos) / 2); innerproduct is the query's (1 + ip, or 1 / (1 - ip) at ip <= 0).
    Read from the plugin's code: its documentation's table of spaces gives (2 - d) / 2 for
    the script's cosinesimil, which the code does not compute."""
    if space == "cosinesimil":
        return score - 1.0
    return cosine_from_score(score, space)


def text_query(text: str, filters: Filters | None) -> dict[str, Any]:
    """Server-side analysis (indonesian analyzer + synonym_graph) over the raw text."""
    query: dict[str, Any] = {"bool": {"should": [
        {"match": {"title": {"query": text, "boost": FIELD_BOOSTS["title"]}}},
        {"match": {"text": {"query": text}}},
    ], "minimum_should_match": 1}}
    clauses = filter_clauses(filters)
    if clauses:
        query["bool"]["filter"] = clauses
    return query


def hybrid_pipeline(technique: str, weights: tuple[float, float],
                    with_rrf_weights: bool) -> dict[str, Any]:
    """A search pipeline that fuses the hybrid query's [keyword, vector] sub-results.

    ``min_max``: normalization-processor (2.10+), min-max per sub-query then a weighted
    arithmetic mean. ``rrf``: score-ranker-processor (2.19+), reciprocal rank fusion with
    rank_constant 60 like ``indexer.fusion.fuse_rrf``; weights are sent only on 3.0+.
    """
    if technique == "rrf":
        combination: dict[str, Any] = {"technique": "rrf", "rank_constant": 60}
        if with_rrf_weights:
            combination["parameters"] = {"weights": list(weights)}
        processor = {"score-ranker-processor": {"combination": combination}}
    else:
        processor = {"normalization-processor": {
            "normalization": {"technique": "min_max"},
            "combination": {"technique": "arithmetic_mean",
                            "parameters": {"weights": list(weights)}},
        }}
    return {"description": f"sikoja hybrid search ({technique})",
            "phase_results_processors": [processor]}


def hybrid_query(clauses: Sequence[Clause], vector: Sequence[float], k: int,
                 filters: Filters | None) -> dict[str, Any] | None:
    keyword = keyword_query(clauses, filters)
    if keyword is None:
        return None
    return {"hybrid": {"queries": [keyword, knn_query(vector, k, filters)]}}
