"""``OpenSearchBackend``: the IndexBackend for a cluster (a province, a national portal).

Readers resolve the alias ``<prefix>-docs`` to the concrete version index and its meta
record at most every ``STATE_TTL`` seconds (or on :meth:`refresh`); every read of one search
then goes to that concrete index, so keyword hits, stored documents, the manifest and the
vocabulary all come from the same version even while a swap happens.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from opensearchpy.exceptions import NotFoundError, RequestError, TransportError

from indexer.backend import (
    VECTOR_SCORE_DEPTH,
    DocMeta,
    Filters,
    Hit,
    IndexBackend,
    IndexedDoc,
    IndexWriter,
)
from indexer.opensearch import queries, scoring
from indexer.opensearch.connection import (
    MIN_RRF_WEIGHTS_VERSION,
    Capabilities,
    make_client,
    probe,
    user_errors,
)
from indexer.opensearch.layout import (
    KEYWORD_FIELDS,
    LAYOUT_VERSION,
    LENGTHS,
    TOKENS,
    VECTOR,
    Names,
    SynonymConfig,
    from_source,
    template,
    vector_mapping,
)
from indexer.opensearch.meta import MetaStore
from indexer.opensearch.synonym_rules import export_rules, write_rules_file
from indexer.opensearch.writer import FullWriter, IncrementalWriter
from indexer.query_model import (
    FIELD_BOOSTS,
    PAIR_FIELDS,
    Clause,
    keyword_clauses,
    search_in_two_steps,
    token_pairs,
)
from sikoja.errors import SikojaError

if TYPE_CHECKING:
    from indexer.analysis import QueryTerm, Vocabulary
    from sikoja.config import Settings

STATE_TTL = 2.0  # seconds a resolved alias is trusted before asking the cluster again
MGET_BATCH = 1000
SCAN_PAGE = 5000
REINDEX_POLL = 1.0
SYNC_REINDEX_MAX = 200_000  # documents copied in one request; more run as a polled task
DFS_MAX_DOCS = 1_000_000
# the stored fields DocMeta is made of (doc_meta, all_meta)
META_SOURCE = ["id", "url", "title", "opd", "kind", "group_id", "parent_url", "fields.listing",
               "fields.kind_confidence"]
DF_CACHE_MAX = 100_000  # (field, token) document frequencies kept per live version

log = logging.getLogger(__name__)


@dataclass
class _Live:
    """The live version as resolved from the alias, with lazily loaded per-version data."""

    index: str
    record: dict[str, Any]
    checked: float
    shards: int = 1
    layout: int = 0  # LAYOUT_VERSION the index was made with (0: unknown, rebuild)
    dimension: int | None = None  # of the knn_vector field, None without vectors
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, int]:
        return self.index, int(self.record.get("generation", 0))


class OpenSearchBackend(IndexBackend):
    name = "opensearch"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.cfg = settings.opensearch
        self.names = Names(self.cfg.index_prefix)
        self.client = make_client(self.cfg)
        self.meta = MetaStore(self.client, self.names)
        self._lock = threading.RLock()
        self._live: _Live | None = None
        self._caps: Capabilities | None = None
        self._pipelines: set[str] = set()
        self._scripts_refused = False  # the k-NN scoring script (vector_scores)

    def _errors(self, what: str):  # noqa: ANN202 - a context manager
        return user_errors(what, self.cfg.hosts)

    # -- capabilities and set-up -------------------------------------------------------

    def capabilities(self) -> Capabilities:
        """Probed once per backend object (creates and deletes small probe indices)."""
        if self._caps is None:
            with self._errors("probing the cluster"):
                self._caps = probe(self.client, self.names.prefix)
        return self._caps

    def _synonym_config(self, rules: list[str] | None = None) -> SynonymConfig:
        if self.cfg.synonyms_file and self.cfg.synonyms_node_path:
            # the file must exist before an index that names it is created, and a new
            # version should start from the store's current rules
            if rules is None:
                rules = export_rules(self.settings.data_dir)
            write_rules_file(Path(self.cfg.synonyms_file), rules)
            return SynonymConfig(path=self.cfg.synonyms_node_path)
        if rules is None:
            rules = export_rules(self.settings.data_dir) if self.capabilities().synonyms else []
        return SynonymConfig(rules=tuple(rules))

    def _prepare(self, rules: list[str] | None = None) -> None:
        """Meta index and the index template for new versions (with the current synonyms)."""
        caps = self.capabilities()
        with self._errors("preparing the index template"):
            self.meta.ensure()
            body = template(self.names, self.cfg, caps, self._synonym_config(rules))
            self.client.indices.put_index_template(name=self.names.template, body=body)

    # -- versions ----------------------------------------------------------------------

    def _alias_target(self) -> str | None:
        # ignore=404: a missing alias is the normal first build, not a warning in the log
        found = self.client.indices.get_alias(name=self.names.alias, ignore=[404])
        if found.get("status") == 404 or "error" in found:
            return None
        targets = sorted(found)
        if len(targets) > 1:
            raise SikojaError(f"alias {self.names.alias} points at several indices "
                              f"({', '.join(targets)}); point it at one")
        return targets[0] if targets else None

    def _versions(self) -> list[str]:
        try:
            found = self.client.indices.get(index=self.names.pattern,
                                            expand_wildcards="open,closed")
        except NotFoundError:
            return []
        return sorted((i for i in found if self.names.number(i) is not None),
                      key=lambda i: self.names.number(i) or 0)

    def _next_index(self) -> str:
        numbers = [self.names.number(i) or 0 for i in self._versions()]
        return self.names.version_index(max(numbers, default=0) + 1)

    def _state(self, force: bool = False) -> _Live | None:
        with self._lock:
            live = self._live
            if not force and live is not None and time.monotonic() - live.checked < STATE_TTL:
                return live
            with self._errors("reading the live index"):
                index = self._alias_target()
                if index is None:
                    self._live = None
                    return None
                record = self.meta.record(index) or {}
                same = live is not None and live.key == (index, int(record.get("generation", 0)))
                if same and not force:
                    live.checked = time.monotonic()
                    return live
                settings = self.client.indices.get_settings(index=index)[index]["settings"]
                mapping = self.client.indices.get_mapping(index=index)[index]["mappings"]
            self._live = _Live(
                index=index, record=record, checked=time.monotonic(),
                shards=int(settings["index"].get("number_of_shards", 1)),
                layout=int((mapping.get("_meta") or {}).get("sikoja_layout", 0)),
                dimension=_dimension(mapping),
                # same version: what was loaded for it (vocabulary, manifest) still holds
                cache=live.cache if same and live is not None else {})
            return self._live

    def refresh(self) -> bool:
        before = self._live.key if self._live else None
        live = self._state(force=True)
        return (live.key if live else None) != before

    def _publish(self, index: str, record: dict[str, Any], vocabulary: Vocabulary,
                 word_counts: dict[str, int] | None) -> None:
        """Write a version's vocabulary, word counts and record (the record last)."""
        generation = int(record["generation"])
        record["vocabulary_parts"] = self.meta.put_blob(
            index, "vocabulary", generation, vocabulary.to_bytes())
        if word_counts is not None:
            data = json.dumps(word_counts, ensure_ascii=False).encode("utf-8")
            record["word_counts_parts"] = self.meta.put_blob(
                index, "word_counts", generation, data)
        else:
            record["word_counts_parts"] = 0
        self.meta.put_record(index, record)
        self.meta.drop_blobs(index, keep_generation=generation)

    def _swap(self, index: str) -> None:
        """Point the alias at ``index`` in one atomic update, then prune old versions."""
        with self._errors("swapping the alias"):
            actions: list[dict[str, Any]] = []
            current = self._alias_target()
            if current and current != index:
                actions.append({"remove": {"index": current, "alias": self.names.alias}})
            actions.append({"add": {"index": index, "alias": self.names.alias}})
            self.client.indices.update_aliases(body={"actions": actions})
        self.refresh()
        self._prune()

    def _prune(self) -> None:
        live = self._alias_target()
        versions = self._versions()
        keep = set(versions[-self.settings.index.keep_versions:]) | {live}
        for index in versions:
            if index in keep:
                continue
            try:
                self.client.indices.delete(index=index)
            except NotFoundError:
                pass
            self.meta.drop(index)

    def writer(self, *, incremental: bool) -> IndexWriter:
        self._prepare()
        live = self._state(force=True) if incremental else None
        with self._errors("starting an index version"):
            if live is not None:
                if live.layout != LAYOUT_VERSION:
                    raise SikojaError(
                        f"{live.index} was made by another version of sikoja (layout "
                        f"{live.layout}, now {LAYOUT_VERSION}): rebuild with 'sikoja index --full'")
                return IncrementalWriter(self, live.index, dict(live.record))
            return FullWriter(self, self._next_index())

    def reindex(self, *, rules: list[str] | None = None, timeout: float = 3600.0) -> str:
        """Copy the live version into a new one made from the current template (after a
        change of shards, replicas, analysis or inline synonyms) and swap it in; searches
        are served from the old version until the swap. Returns the new index name."""
        live = self._state(force=True)
        if live is None:
            raise SikojaError("nothing to reindex: no live index (run 'sikoja index' first)")
        self._prepare(rules)
        target = self._next_index()
        with self._errors("reindexing"):
            self.client.indices.create(index=target, body={"settings": {"index": {
                "number_of_replicas": 0, "refresh_interval": "-1"}}})
            try:
                dimension = live.dimension  # read from the mapping just now (force=True)
                if dimension is not None and self.capabilities().knn:
                    self.client.indices.put_mapping(index=target,
                                                    body=vector_mapping(dimension, self.cfg))
                self._copy(live.index, target, timeout)
                self.client.indices.put_settings(index=target, body={"index": {
                    "number_of_replicas": self.cfg.number_of_replicas,
                    "refresh_interval": "1s"}})
                self.client.indices.refresh(index=target)
                source_count = int(self.client.count(index=live.index)["count"])
                count = int(self.client.count(index=target)["count"])
                if count != source_count:
                    raise SikojaError(f"reindex copied {count} of {source_count} documents")
                self._copy_meta(live, target)
            except BaseException:
                try:
                    self.client.indices.delete(index=target)
                except TransportError:
                    pass
                self.meta.drop(target)
                raise
            self._swap(target)
        return target

    def _copy(self, source: str, target: str, timeout: float) -> None:
        """Server-side ``_reindex``. Small indices are copied in one request; large ones run
        as a task that is polled, so no HTTP request stays open for an hour."""
        body = {"source": {"index": source}, "dest": {"index": target}}
        documents = int(self.client.count(index=source)["count"])
        if documents <= SYNC_REINDEX_MAX:
            done = self.client.reindex(body=body, wait_for_completion=True, refresh=False,
                                       request_timeout=timeout)
            self._check_reindex(source, target, done)
            return
        task = self.client.reindex(body=body, wait_for_completion=False, refresh=False)["task"]
        deadline = time.monotonic() + timeout
        while True:
            status = self.client.tasks.get(task_id=task)
            if status.get("completed"):
                if status.get("error"):
                    raise SikojaError(f"reindex {source} -> {target} failed: {status['error']}")
                self._check_reindex(source, target, status.get("response") or {})
                return
            if time.monotonic() > deadline:
                self.client.tasks.cancel(task_id=task)
                raise SikojaError(f"reindex {source} -> {target} took over {timeout:.0f}s")
            time.sleep(REINDEX_POLL)

    @staticmethod
    def _check_reindex(source: str, target: str, response: dict[str, Any]) -> None:
        failures = response.get("failures") or []
        if failures:
            raise SikojaError(f"reindex {source} -> {target} failed: {failures[0]}")

    def _copy_meta(self, live: _Live, target: str) -> None:
        record = dict(live.record)
        generation = int(record.get("generation", 1))
        for kind in ("vocabulary", "word_counts"):
            parts = int(record.get(f"{kind}_parts", 0))
            data = self.meta.blob(live.index, kind, generation, parts)
            if data is not None:
                record[f"{kind}_parts"] = self.meta.put_blob(target, kind, generation, data)
        self.meta.put_record(target, record)

    # -- reads -------------------------------------------------------------------------

    def _search(self, live: _Live, body: dict[str, Any], *, ranked_by_engine: bool = False,
                **params: Any) -> dict[str, Any]:
        documents = int(live.record.get("documents") or 0)
        if ranked_by_engine and live.shards > 1 and documents < DFS_MAX_DOCS:
            # each shard's own statistics would give other BM25 scores than one index; past
            # a million documents the shards' statistics agree and the extra round trip
            # is not worth it
            params.setdefault("search_type", "dfs_query_then_fetch")
        with self._errors("searching"):
            try:
                return self.client.search(index=live.index, body=body, **params)
            except NotFoundError:
                # the version was pruned under us: resolve the alias again, once
                fresh = self._state(force=True)
                if fresh is None:
                    return {"hits": {"hits": []}}
                return self.client.search(index=fresh.index, body=body, **params)

    def keyword_search(
        self, terms: Sequence[QueryTerm], k: int, filters: Filters | None = None
    ) -> list[Hit]:
        live = self._state()
        clauses = keyword_clauses(terms)
        if live is None or not clauses or k <= 0:
            return []
        frequencies = self._doc_freqs(live, scoring.needed_frequencies(clauses))
        return search_in_two_steps(
            clauses, lambda f, t: frequencies[(f, t)], self._collection_stats(live).docs, k,
            lambda chosen: self._keyword_hits(live, chosen, k, filters, frequencies))

    def _keyword_hits(self, live: _Live, clauses: Sequence[Clause], k: int,
                      filters: Filters | None,
                      frequencies: dict[tuple[str, str], int]) -> list[Hit]:
        query = queries.keyword_query(clauses, filters)
        if query is None:
            return []
        if self.cfg.scoring == "engine":
            found = self._search(live, {"size": k, "_source": False, "query": query,
                                        "track_total_hits": False}, ranked_by_engine=True)
            return [Hit(id=h["_id"], score=float(h["_score"])) for h in found["hits"]["hits"]]
        # exact: the cluster finds candidates, scoring.py ranks them as the embedded index
        window = max(k, self.cfg.exact_window)
        found = self._search(live, {
            "size": window, "query": query, "track_total_hits": False,
            # the pairs are derived from the words, no need to fetch them too
            "_source": [f"{TOKENS}.{name}" for name in FIELD_BOOSTS]})
        hits = found["hits"]["hits"]
        if not hits:
            return []
        stats = self._collection_stats(live)
        paired = [name for name in FIELD_BOOSTS if PAIR_FIELDS[name] in {c.field for c in clauses}]
        scored = []
        for hit in hits:
            stored = (hit.get("_source") or {}).get(TOKENS) or {}
            fields = {name: (stored.get(name) or "").split() for name in FIELD_BOOSTS}
            # pairs only for the fields a clause looks pairs up in
            fields.update({PAIR_FIELDS[name]: token_pairs(fields[name]) for name in paired})
            scored.append(Hit(id=hit["_id"],
                              score=scoring.score(clauses, fields, stats, frequencies)))
        scored.sort(key=lambda h: (-h.score, h.id))
        return [h for h in scored[:k] if h.score > 0]

    def _collection_stats(self, live: _Live) -> scoring.CollectionStats:
        """Documents and tokens per field of the live version (one aggregation, cached)."""
        if "stats" not in live.cache:
            body = {"size": 0, "track_total_hits": True, "query": {"match_all": {}},
                    "aggs": {name: {"sum": {"field": f"{LENGTHS}.{name}"}}
                             for name in KEYWORD_FIELDS}}
            with self._errors("reading collection statistics"):
                found = self.client.search(index=live.index, body=body)
            total = found["hits"]["total"]
            docs = int(total["value"] if isinstance(total, dict) else total)
            tokens = {name: int(found["aggregations"][name]["value"] or 0)
                      for name in KEYWORD_FIELDS}
            live.cache["stats"] = scoring.CollectionStats(docs=docs, tokens=tokens)
        return live.cache["stats"]

    def _doc_freqs(self, live: _Live, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """Document frequency of each (field, token), from one filters aggregation for the
        ones not yet cached for this version."""
        cache: dict[tuple[str, str], int] = live.cache.setdefault("df", {})
        missing = sorted(p for p in pairs if p not in cache)
        if missing:
            if len(cache) > DF_CACHE_MAX:
                cache.clear()
            named = {f"f{n}": {"term": {f"{TOKENS}.{field}": token}}
                     for n, (field, token) in enumerate(missing)}
            body = {"size": 0, "query": {"match_all": {}},
                    "aggs": {"df": {"filters": {"filters": named}}}}
            with self._errors("reading term statistics"):
                buckets = self.client.search(index=live.index, body=body)[
                    "aggregations"]["df"]["buckets"]
            for n, pair in enumerate(missing):
                cache[pair] = int(buckets[f"f{n}"]["doc_count"])
        return {p: cache[p] for p in pairs}

    def vector_search(
        self, vector: np.ndarray, k: int, filters: Filters | None = None
    ) -> list[Hit]:
        live = self._state()
        if live is None or k <= 0:
            return []
        query_vector = np.asarray(vector, dtype=np.float32).reshape(-1)
        dimension = live.dimension
        if dimension is None or query_vector.shape[0] != dimension:
            return []
        found = self._search(live, {"size": k, "_source": False,
                                    "query": queries.knn_query(query_vector, k, filters)})
        return [Hit(id=h["_id"], score=queries.cosine_from_score(float(h["_score"]),
                                                                 self.cfg.knn_space))
                for h in found["hits"]["hits"]]

    def vector_scores(self, vector: np.ndarray, ids: Sequence[str]) -> dict[str, float]:
        """The exact cosine of each of ``ids`` that has a vector, however far down the
        nearest it comes: the k-NN plugin's ``knn_score`` script over an ``ids`` query, a
        brute-force score of those documents only (a hundred keyword candidates, not a
        1,000-deep k-NN search per query). One vector per document in this layout (the
        writer refuses sections), so nothing to take the best of.

        A cluster that refuses the script (400: scripting turned off, a k-NN build without
        it) gets the base class's default, the documents read off a VECTOR_SCORE_DEPTH-deep
        k-NN search (those past it are left out), from then on for this backend object. A
        cluster without k-NN search (osmem-server) stores no vectors: nothing is scored."""
        live = self._state()
        unique = list(dict.fromkeys(ids))
        if live is None or not unique or live.dimension is None:
            return {}
        query_vector = np.asarray(vector, dtype=np.float32).reshape(-1)
        if (query_vector.shape[0] != live.dimension or not np.any(query_vector)
                or not np.isfinite(query_vector).all()):
            # a zero vector has no cosine, a NaN none either (the plugin rejects both, and
            # its refusal would turn the script off for good)
            return {}
        if self._scripts_refused:
            return super().vector_scores(vector, unique)
        space = self.cfg.knn_space
        out: dict[str, float] = {}
        for start in range(0, len(unique), MGET_BATCH):
            batch = unique[start:start + MGET_BATCH]
            found = self._search(live, {
                "size": len(batch), "_source": False, "track_total_hits": False,
                "query": queries.vector_score_query(query_vector, batch, space)}, ignore=[400])
            if "error" in found:
                error = found["error"]
                log.warning("OpenSearch refused the k-NN scoring script (%s); scoring keyword "
                            "candidates from a %d-deep k-NN search instead", error.get(
                                "reason", error) if isinstance(error, dict) else error,
                            VECTOR_SCORE_DEPTH)
                self._scripts_refused = True
                return super().vector_scores(vector, unique)
            out.update((h["_id"], queries.cosine_from_script_score(float(h["_score"]), space))
                       for h in found["hits"]["hits"])
        return out

    def supports_hybrid(self) -> bool:
        """True when :meth:`hybrid_search` can run: neural-search plugin, 2.11+, vectors."""
        live = self._state()
        return (live is not None and live.dimension is not None
                and self.capabilities().hybrid
                and (self.cfg.hybrid_technique != "rrf" or self.capabilities().rrf))

    def hybrid_search(self, terms: Sequence[QueryTerm], vector: np.ndarray, k: int,
                      filters: Filters | None = None,
                      weights: tuple[float, float] = (0.6, 0.4)) -> list[Hit]:
        """Keyword and vector retrieval fused on the cluster by a search pipeline
        (``hybrid_technique``: min_max normalization, or rrf on 2.19+). Hit scores are the
        fused scores. The client-side fusion in ``indexer.search`` over keyword_search +
        vector_search is the fallback for clusters without the neural-search plugin."""
        if not self.supports_hybrid():
            raise SikojaError("this cluster cannot run hybrid search (needs OpenSearch 2.11+ "
                              "with the k-NN and neural-search plugins, 2.19+ for rrf, and an "
                              "index built with vectors); use keyword + vector search")
        live = self._state()
        assert live is not None
        query_vector = np.asarray(vector, dtype=np.float32).reshape(-1)
        if query_vector.shape[0] != live.dimension:
            return []
        query = queries.hybrid_query(keyword_clauses(terms), query_vector, k, filters)
        if query is None:
            return []
        pipeline = self._ensure_pipeline(weights)
        found = self._search(live, {"size": k, "_source": False, "query": query},
                             ranked_by_engine=True, search_pipeline=pipeline)
        return [Hit(id=h["_id"], score=float(h["_score"])) for h in found["hits"]["hits"]]

    def _ensure_pipeline(self, weights: tuple[float, float]) -> str:
        total = float(sum(weights))
        if total <= 0 or min(weights) < 0:
            raise SikojaError(f"hybrid weights must be non-negative with a positive sum: {weights}")
        first = round(weights[0] / total, 4)
        normalised = (first, round(1.0 - first, 4))
        technique = self.cfg.hybrid_technique
        name = self.names.pipeline(technique, normalised)
        if name not in self._pipelines:
            body = queries.hybrid_pipeline(
                technique, normalised,
                with_rrf_weights=self.capabilities().version >= MIN_RRF_WEIGHTS_VERSION)
            with self._errors("creating the hybrid search pipeline"):
                self.client.search_pipeline.put(id=name, body=body)
            self._pipelines.add(name)
        return name

    def text_search(self, text: str, k: int, filters: Filters | None = None) -> list[Hit]:
        """Raw text analysed by the cluster (indonesian analyzer + synonym_graph on real
        nodes, the standard analyzer elsewhere). Not the parity path: for clients that send
        plain text, and for checking the cluster's synonym copy."""
        live = self._state()
        if live is None or not text.strip() or k <= 0:
            return []
        found = self._search(live, {"size": k, "_source": False,
                                    "query": queries.text_query(text, filters)},
                             ranked_by_engine=True)
        return [Hit(id=h["_id"], score=float(h["_score"])) for h in found["hits"]["hits"]]

    def facets(self, terms: Sequence[QueryTerm], filters: Filters | None = None,
               size: int = 100) -> dict[str, dict[str, int]]:
        """OPD and kind counts over *every* keyword match (terms aggregations), where the
        Searcher counts only its fused candidates; for result pages of a national portal."""
        live = self._state()
        query = queries.keyword_query(keyword_clauses(terms), filters) if live else None
        if live is None or query is None:
            return {"opd": {}, "kind": {}}
        body = {"size": 0, "query": query, "aggs": {
            "opd": {"terms": {"field": "opd", "size": size}},
            "kind": {"terms": {"field": "kind", "size": size}},
        }}
        aggregations = self._search(live, body)["aggregations"]
        return {name: {b["key"]: int(b["doc_count"]) for b in aggregations[name]["buckets"]}
                for name in ("opd", "kind")}

    def get(self, ids: Sequence[str]) -> dict[str, IndexedDoc]:
        return {i: from_source(source) for i, source in self._fetch(
            ids, {"_source_excludes": [TOKENS, LENGTHS, VECTOR]}).items()}

    def doc_meta(self, ids: Sequence[str]) -> dict[str, DocMeta]:
        # only what ranking needs: not the candidates' text, on every query
        return {i: DocMeta.of(from_source(source)) for i, source in self._fetch(
            ids, {"_source_includes": META_SOURCE}).items()}

    def all_meta(self) -> list[DocMeta]:
        live = self._state()
        if live is None:
            return []
        if "metas" not in live.cache:
            with self._errors("reading document metadata"):
                live.cache["metas"] = [DocMeta.of(from_source(h["_source"]))
                                       for h in self._scan(live.index, META_SOURCE)]
        return list(live.cache["metas"])

    def _fetch(self, ids: Sequence[str], source: dict[str, list[str]]) -> dict[str, dict]:
        """Stored sources by id (mget in batches), with ``source`` filtering."""
        live = self._state()
        if live is None or not ids:
            return {}
        out: dict[str, dict] = {}
        unique = list(dict.fromkeys(ids))
        with self._errors("fetching documents"):
            for start in range(0, len(unique), MGET_BATCH):
                batch = unique[start:start + MGET_BATCH]
                found = self.client.mget(index=live.index, body={"ids": batch}, **source)
                for doc in found["docs"]:
                    if doc.get("found"):
                        out[doc["_id"]] = doc["_source"]
        return out

    def _scan(self, index: str, source: list[str]) -> Iterator[dict[str, Any]]:
        """Every document of ``index`` in id order (search_after: no scroll context to
        keep alive, and no 10,000 result window)."""
        after: list[Any] | None = None
        while True:
            body: dict[str, Any] = {"size": SCAN_PAGE, "_source": source,
                                    "sort": [{"id": "asc"}], "query": {"match_all": {}},
                                    "track_total_hits": False}
            if after is not None:
                body["search_after"] = after
            hits = self.client.search(index=index, body=body)["hits"]["hits"]
            yield from hits
            if len(hits) < SCAN_PAGE:
                return
            after = hits[-1]["sort"]

    def manifest(self) -> dict[str, str]:
        live = self._state()
        if live is None:
            return {}
        if "manifest" not in live.cache:
            with self._errors("reading the manifest"):
                live.cache["manifest"] = {h["_id"]: h["_source"].get("content_hash", "")
                                          for h in self._scan(live.index, ["content_hash"])}
        return dict(live.cache["manifest"])

    def all_ids(self) -> list[str]:
        return list(self.manifest())

    def vocabulary(self) -> Vocabulary | None:
        live = self._state()
        if live is None:
            return None
        if "vocabulary" not in live.cache:
            live.cache["vocabulary"] = self._load_vocabulary(live)
        return live.cache["vocabulary"]

    def _load_vocabulary(self, live: _Live) -> Vocabulary | None:
        from indexer.analysis import Vocabulary

        with self._errors("loading the vocabulary"):
            data = self.meta.blob(live.index, "vocabulary", int(live.record.get("generation", 0)),
                                  int(live.record.get("vocabulary_parts", 0)))
        if data is None:
            return None
        return Vocabulary.from_bytes(data, f"{live.index} vocabulary")

    def word_counts(self) -> dict[str, int]:
        """Empty when the live index cannot be updated in place (none, or made with another
        layout), which makes the next build a full one."""
        live = self._state(force=True)
        if live is None or live.layout != LAYOUT_VERSION:
            return {}
        with self._errors("loading word counts"):
            data = self.meta.blob(live.index, "word_counts", int(live.record.get("generation", 0)),
                                  int(live.record.get("word_counts_parts", 0)))
        return json.loads(data.decode("utf-8")) if data else {}

    def info(self) -> dict[str, Any]:
        live = self._state()
        if live is None:
            return {"version": None, "built_at": None, "documents": 0, "embedder": None,
                    "backend": self.name}
        record = live.record
        number = self.names.number(live.index)
        version = f"v{number:06d}" if number is not None else live.index
        generation = int(record.get("generation", 1))
        if generation > 1:
            version = f"{version}.{generation}"
        return {
            "version": version,
            "built_at": record.get("built_at"),
            "documents": record.get("documents", 0),
            "vectors": record.get("vectors", 0),
            "embedder": record.get("embedder"),
            "created": record.get("created"),
            "backend": self.name,
            "index": live.index,
        }

    # -- vectors -----------------------------------------------------------------------

    def _vector_dimension(self, index: str) -> int | None:
        with self._errors("reading the mapping"):
            mapping = self.client.indices.get_mapping(index=index)[index]["mappings"]
        return _dimension(mapping)

    def _count_vectors(self, index: str) -> int:
        if self._vector_dimension(index) is None:
            return 0
        try:
            return int(self.client.count(index=index, body={
                "query": {"exists": {"field": VECTOR}}})["count"])
        except RequestError:
            return 0

    # -- synonyms ----------------------------------------------------------------------

    def reload_synonyms(self, rules: list[str] | None = None) -> dict[str, Any]:
        """Bring the cluster's search-time synonyms up to date with the synonym store.

        With ``synonyms_file``/``synonyms_node_path`` (a file every node reads, updateable
        filter) the file is rewritten and ``_plugins/_refresh_search_analyzers`` reloads it
        in place (ISM plugin). Otherwise the rules live in the index settings, which cannot
        change on an open index: the live version is reindexed with the new rules and
        swapped in, with searches served throughout. Keyword search (the parity path) does
        not depend on this: sikoja expands synonyms itself on every query."""
        caps = self.capabilities()
        if rules is None:
            rules = export_rules(self.settings.data_dir)
        file_mode = bool(self.cfg.synonyms_file and self.cfg.synonyms_node_path)
        if file_mode:
            write_rules_file(Path(self.cfg.synonyms_file or ""), rules)
        if not caps.synonyms:
            return {"applied": False, "rules": len(rules),
                    "reason": "the cluster ignores synonym_graph (not a real OpenSearch node)"}
        live = self._state(force=True)
        if file_mode and caps.refresh_analyzers:
            self._prepare(rules)  # writes the file and keeps the template current
            if live is None:
                return {"applied": True, "mode": "file", "rules": len(rules)}
            with self._errors("refreshing search analyzers"):
                self.client.transport.perform_request(
                    "POST", f"/_plugins/_refresh_search_analyzers/{self.names.alias}")
                self.client.indices.clear_cache(index=self.names.alias, request=True)
            return {"applied": True, "mode": "file", "rules": len(rules), "index": live.index}
        if live is None:
            self._prepare(rules)
            return {"applied": True, "mode": "template", "rules": len(rules)}
        index = self.reindex(rules=rules)
        return {"applied": True, "mode": "reindex", "rules": len(rules), "index": index}

    # -- housekeeping ------------------------------------------------------------------

    def drop_all(self) -> None:
        """Delete every index, template and pipeline of this deployment's prefix."""
        with self._errors("deleting the deployment's indices"):
            for index in self._versions():
                self.client.indices.delete(index=index)
            for name in (self.names.meta,):
                if self.client.indices.exists(index=name):
                    self.client.indices.delete(index=name)
            try:
                self.client.indices.delete_index_template(name=self.names.template)
            except NotFoundError:
                pass
            for name in list(self._pipelines):
                try:
                    self.client.search_pipeline.delete(id=name)
                except TransportError:
                    pass
        self._pipelines.clear()
        self._live = None

    def close(self) -> None:
        self.client.close()


def _dimension(mapping: dict[str, Any]) -> int | None:
    field_mapping = mapping.get("properties", {}).get(VECTOR)
    if not field_mapping or field_mapping.get("type") != "knn_vector":
        return None
    return int(field_mapping["dimension"])
