"""Index names, the per-deployment index template, and documents as OpenSearch stores them.

Names for ``index_prefix: sikoja``::

    sikoja-docs              alias searched by every reader; moved atomically on a swap
    sikoja-docs-v000007      one version (concrete index), created from the template
    sikoja-docs              composable index template for sikoja-docs-v*
    sikoja-meta              small index: per-version record, vocabulary and word counts
    sikoja-hybrid-*          search pipelines for server-side hybrid search

Parity with the embedded backend comes from indexing the *same* pre-analysed tokens
(``indexer.analysis``) into ``tokens.title|headings|body``, and their adjacent-token pairs
into ``tokens.title_pairs|headings_pairs|body_pairs``, with a whitespace analyzer and BM25
(k1=1.2, b=0.75, tantivy's values), and querying them with the same boosted term lookups
(``indexer.query_model.keyword_clauses``).
The raw ``title`` and ``text`` are also indexed with OpenSearch's own ``indonesian``
analyzer and an updateable ``synonym_graph`` search analyzer, for :meth:`text_search` on
real clusters; the parity path never touches them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from indexer.backend import IndexedDoc, pack_said, unpack_said
from indexer.query_model import FIELD_BOOSTS, PAIR_FIELDS, field_tokens

if TYPE_CHECKING:
    from indexer.opensearch.connection import Capabilities
    from sikoja.config import OpenSearchSettings

# 2: phrases as pair fields instead of positions; 3: page names in titles; 4: "said" stored
LAYOUT_VERSION = 4
TOKENS = "tokens"  # object holding one whitespace-analysed field per keyword field
KEYWORD_FIELDS = (*FIELD_BOOSTS, *PAIR_FIELDS.values())
LENGTHS = "lengths"  # token count of each of those fields, for exact BM25 statistics
VECTOR = "vector"
BM25 = {"type": "BM25", "k1": 1.2, "b": 0.75}


@dataclass(frozen=True)
class Names:
    prefix: str

    @property
    def alias(self) -> str:
        return f"{self.prefix}-docs"

    @property
    def pattern(self) -> str:
        return f"{self.prefix}-docs-v*"

    @property
    def template(self) -> str:
        return f"{self.prefix}-docs"

    @property
    def meta(self) -> str:
        return f"{self.prefix}-meta"

    def version_index(self, number: int) -> str:
        return f"{self.prefix}-docs-v{number:06d}"

    def number(self, index: str) -> int | None:
        match = re.fullmatch(re.escape(self.prefix) + r"-docs-v(\d{6,})", index)
        return int(match.group(1)) if match else None

    def pipeline(self, technique: str, weights: tuple[float, float]) -> str:
        return (f"{self.prefix}-hybrid-{technique.replace('_', '')}-"
                f"{round(weights[0] * 100)}-{round(weights[1] * 100)}")


@dataclass(frozen=True)
class SynonymConfig:
    """Where the search analyzer's synonym_graph filter gets its rules: inline in the index
    settings (``rules``) or from a file on every node (``path``, updateable + refreshable)."""

    rules: tuple[str, ...] = ()
    path: str | None = None


def analysis(caps: Capabilities, synonyms: SynonymConfig) -> dict[str, Any]:
    filters: dict[str, Any] = {}
    chain = ["lowercase"]
    if caps.synonyms and (synonyms.path or synonyms.rules):
        syn: dict[str, Any] = {"type": "synonym_graph", "lenient": True}
        if synonyms.path:
            syn.update(synonyms_path=synonyms.path, updateable=True)
        else:
            syn["synonyms"] = list(synonyms.rules)
        filters["sikoja_synonyms"] = syn
        chain.append("sikoja_synonyms")
    analyzers: dict[str, Any] = {
        "sikoja_tokens": {"type": "custom", "tokenizer": "whitespace"},
    }
    if caps.indonesian:
        # The same steps as the built-in "indonesian" analyzer, with synonyms before the
        # stop words and stemmer so that rules are written in everyday surface words.
        filters["sikoja_id_stop"] = {"type": "stop", "stopwords": "_indonesian_"}
        filters["sikoja_id_stem"] = {"type": "stemmer", "language": "indonesian"}
        analyzers["sikoja_text"] = {"type": "indonesian"}
        chain += ["sikoja_id_stop", "sikoja_id_stem"]
    else:
        analyzers["sikoja_text"] = {"type": "standard"}
    analyzers["sikoja_text_search"] = {"type": "custom", "tokenizer": "standard",
                                       "filter": chain}
    out: dict[str, Any] = {"analyzer": analyzers}
    if filters:
        out["filter"] = filters
    return out


def index_settings(cfg: OpenSearchSettings, caps: Capabilities,
                   synonyms: SynonymConfig) -> dict[str, Any]:
    index: dict[str, Any] = {
        "number_of_shards": cfg.number_of_shards,
        "number_of_replicas": cfg.number_of_replicas,
        "refresh_interval": "1s",
        "similarity": {"sikoja_bm25": dict(BM25)},
    }
    if caps.knn:
        index["knn"] = True
    return {"index": index, "analysis": analysis(caps, synonyms)}


def mappings() -> dict[str, Any]:
    def keyword(searchable: bool = True) -> dict[str, Any]:
        if searchable:
            return {"type": "keyword", "ignore_above": 2048}
        return {"type": "keyword", "index": False, "doc_values": False}

    text = {"type": "text", "analyzer": "sikoja_text", "search_analyzer": "sikoja_text_search"}
    # frequencies, no positions: phrases are looked up as pairs
    token_field = {"type": "text", "analyzer": "sikoja_tokens", "similarity": "sikoja_bm25",
                   "index_options": "freqs"}
    return {
        "dynamic": "strict",
        "_meta": {"sikoja_layout": LAYOUT_VERSION},
        "properties": {
            "id": keyword(),
            "url": keyword(),
            "opd": keyword(),
            "kind": keyword(),
            "source": keyword(),
            "group_id": keyword(),
            "content_hash": keyword(),
            "parent_url": keyword(False),
            "last_modified": keyword(False),
            "title": dict(text),
            "text": dict(text),
            "fields": {"type": "object", "enabled": False},
            # what the page says (IndexedDoc.said): read with the page, never searched
            "said": keyword(False),
            TOKENS: {"properties": {name: dict(token_field) for name in KEYWORD_FIELDS}},
            LENGTHS: {"properties": {name: {"type": "integer"} for name in KEYWORD_FIELDS}},
        },
    }


def vector_mapping(dimension: int, cfg: OpenSearchSettings) -> dict[str, Any]:
    """HNSW over L2-normalised embeddings; the dimension comes from the first vector."""
    parameters: dict[str, Any] = {"m": cfg.knn_m, "ef_construction": cfg.knn_ef_construction}
    if cfg.knn_fp16 and cfg.knn_engine == "faiss":
        parameters["encoder"] = {"name": "sq", "parameters": {"type": "fp16"}}
    return {"properties": {VECTOR: {
        "type": "knn_vector",
        "dimension": dimension,
        "method": {
            "name": "hnsw",
            "engine": cfg.knn_engine,
            "space_type": cfg.knn_space,
            "parameters": parameters,
        },
    }}}


def template(names: Names, cfg: OpenSearchSettings, caps: Capabilities,
             synonyms: SynonymConfig) -> dict[str, Any]:
    return {
        "index_patterns": [names.pattern],
        "priority": 200,
        "template": {"settings": index_settings(cfg, caps, synonyms), "mappings": mappings()},
        "_meta": {"managed_by": "sikoja", "layout": LAYOUT_VERSION},
    }


def meta_index_body() -> dict[str, Any]:
    return {
        "settings": {"index": {"number_of_shards": 1, "auto_expand_replicas": "0-1"}},
        "mappings": {"dynamic": False, "properties": {
            "type": {"type": "keyword"},
            "index": {"type": "keyword"},
            "kind": {"type": "keyword"},
            "generation": {"type": "long"},
            "part": {"type": "integer"},
        }},
    }


def to_source(doc: IndexedDoc, *, with_vector: bool) -> dict[str, Any]:
    fields = field_tokens(doc.title_tokens, doc.heading_tokens, doc.body_tokens,
                          doc.alias_tokens)
    source: dict[str, Any] = {
        "id": doc.id,
        "url": doc.url,
        "title": doc.title,
        "opd": doc.opd,
        "kind": doc.kind,
        "source": doc.source,
        "text": doc.text,
        "content_hash": doc.content_hash,
        "fields": doc.fields or {},
        "group_id": doc.group_id,
        "parent_url": doc.parent_url,
        "last_modified": doc.last_modified,
        "said": pack_said(doc.said),
        TOKENS: {name: " ".join(tokens) for name, tokens in fields.items()},
        LENGTHS: {name: len(tokens) for name, tokens in fields.items()},
    }
    if with_vector and doc.vector is not None:
        # the shortest decimal of each float32: half the JSON of a double's repr, same value
        source[VECTOR] = [float(str(v)) for v in np.asarray(doc.vector, dtype=np.float32)]
    return source


def from_source(source: dict[str, Any]) -> IndexedDoc:
    return IndexedDoc(
        id=source["id"],
        url=source["url"],
        title=source.get("title", ""),
        opd=source.get("opd", ""),
        kind=source.get("kind", ""),
        source=source.get("source", ""),
        text=source.get("text", ""),
        content_hash=source.get("content_hash", ""),
        title_tokens=[],
        heading_tokens=[],
        body_tokens=[],
        fields=source.get("fields") or {},
        group_id=source.get("group_id"),
        parent_url=source.get("parent_url"),
        last_modified=source.get("last_modified"),
        said=unpack_said(source.get("said")),  # absent in an index of layout 3
    )
