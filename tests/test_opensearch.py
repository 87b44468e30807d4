"""An admin moves a Kota Jambi deployment to a search cluster: indexing, updates, swaps,
back-pressure and failures behave as on the embedded index.

Runs against osmem-server (an in-memory server speaking the OpenSearch API on a free
loopback port; one clone per test). What osmem cannot run - k-NN, hybrid pipelines,
synonym_graph, the indonesian analyzer - is in tests/test_opensearch_real.py.
"""

from __future__ import annotations

import gzip
import json
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from indexer.analysis import Analyzer, QueryTerm, Vocabulary
from indexer.backend import Filters
from indexer.build import analyse_document, analysis_mark, build_index
from indexer.embedded import EmbeddedBackend
from indexer.opensearch import OpenSearchBackend
from indexer.opensearch import backend as backend_module
from indexer.opensearch import meta as meta_module
from indexer.opensearch.synonym_rules import export_rules
from indexer.registry import open_backend
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.documents import Document
from sikoja.errors import SikojaError
from sikoja.store import DocumentStore
from sikoja.urls import doc_id
from synonyms import SynonymStore
from tests.test_opensearch_parity import (
    AKTA_LAHIR_URL,
    DUKCAPIL,
    KTP_URL,
    PBB_URL,
    corpus,
    opensearch_settings,
    write_corpus,
)


@pytest.fixture
def cluster(osmem_server):
    clone = osmem_server.clone()
    yield clone.url
    clone.close()


@pytest.fixture
def data_dir(tmp_path):
    write_corpus(tmp_path)
    return tmp_path


@pytest.fixture
def settings(data_dir, cluster):
    return opensearch_settings(data_dir, cluster)


@pytest.fixture
def backend(settings):
    opened = OpenSearchBackend(settings)
    yield opened
    opened.close()


def built_key(doc: Document) -> str:
    """The key ``sikoja index`` gives a stored page: marked with the analysis lists and what
    the build stores."""
    return f"{doc.index_key()}|lex{analysis_mark()}"


def first_url(searcher: Searcher, query: str) -> str | None:
    results = searcher.search(query).results
    return results[0].url if results else None


def terms(*words: str) -> list[QueryTerm]:
    return [QueryTerm(tokens=(w,), weight=1.0, origin="query") for w in words]


def versions(backend: OpenSearchBackend) -> list[str]:
    return backend._versions()


# -- switching ------------------------------------------------------------------------


def test_one_line_in_sikoja_yaml_moves_the_deployment_to_the_cluster(data_dir, cluster):
    (data_dir / "sikoja.yaml").write_text(
        "backend: opensearch\n"
        f"opensearch:\n  hosts: ['{cluster}']\n  number_of_replicas: 0\n", encoding="utf-8")
    settings = load_settings(data_dir, embedder="none")
    assert isinstance(open_backend(settings), OpenSearchBackend)

    summary = build_index(settings)
    assert summary.added == len(corpus()) and summary.version == "v000001"

    searcher = Searcher(settings, embedder=False)
    try:
        assert first_url(searcher, "urus ktp") == KTP_URL
        assert first_url(searcher, "bayar pbb") == PBB_URL
        info = searcher.info()
        assert info["backend"] == "opensearch" and info["documents"] == len(corpus())
        assert info["index"] == "sikoja-docs-v000001"
    finally:
        searcher.close()
    assert not (data_dir / "index").exists() or not any((data_dir / "index").iterdir())


# -- versions -------------------------------------------------------------------------


def test_a_full_rebuild_swaps_the_alias_and_keeps_one_previous_version(settings, backend):
    for _ in range(3):
        build_index(settings, backend=backend, full=True)
    assert versions(backend) == ["sikoja-test-docs-v000002", "sikoja-test-docs-v000003"]
    assert backend.info()["version"] == "v000003"
    assert backend._alias_target() == "sikoja-test-docs-v000003"
    assert backend.meta.record("sikoja-test-docs-v000001") is None
    assert backend.meta.record("sikoja-test-docs-v000002") is not None


def _full_version(backend: OpenSearchBackend, extra: list[Document]):
    """Start a full writer holding the corpus plus ``extra`` (not committed yet)."""
    analyzer = Analyzer()
    docs = corpus() + extra
    writer = backend.writer(incremental=False)
    for doc in docs:
        writer.add(analyse_document(analyzer, doc))
    manifest = {doc_id(d.url): d.index_key() for d in docs}
    return writer, manifest


def test_citizens_are_served_the_old_version_until_the_new_one_is_swapped_in(settings, backend):
    build_index(settings, backend=backend)
    other_server = OpenSearchBackend(settings)  # a second search server on the same cluster
    new_page = Document(url="https://disdukcapil.jambikota.go.id/layanan/tiket-antrean",
                        source="disdukcapil", opd=DUKCAPIL, kind="service",
                        title="Tiket Antrean Disdukcapil",
                        text="Ambil tiket antrean sebelum datang ke kantor.")
    writer, manifest = _full_version(backend, [new_page])
    assert other_server.keyword_search(terms("tiket"), 10) == []
    writer.commit(vocabulary=Vocabulary.build({"tiket": 1}), manifest=manifest,
                  embedder="none", word_counts={"tiket": 1})
    other_server.refresh()
    assert [h.id for h in other_server.keyword_search(terms("tiket"), 10)] == [
        doc_id(new_page.url)]
    other_server.close()


def test_an_aborted_build_leaves_the_live_version_untouched(settings, backend):
    build_index(settings, backend=backend)
    before = (versions(backend), backend.manifest(), backend.info())
    writer, _ = _full_version(backend, [])
    writer.abort()
    assert (versions(backend), backend.manifest(), backend.info()) == before

    writer = backend.writer(incremental=True)
    writer.delete(doc_id(KTP_URL))
    writer.abort()
    backend.refresh()
    assert (versions(backend), backend.manifest(), backend.info()) == before


def test_a_document_the_cluster_rejects_fails_the_build_and_nothing_is_swapped(
        settings, backend):
    build_index(settings, backend=backend)
    before = backend.info()
    writer, manifest = _full_version(backend, [])
    broken = analyse_document(Analyzer(), corpus()[0])
    broken.id, broken.opd = "broken", {"not": "a keyword"}  # type: ignore[assignment]
    writer.add(broken)
    with pytest.raises(SikojaError, match="rejected 1 of .*mapper_parsing_exception"):
        writer.commit(vocabulary=Vocabulary.build({}), manifest=manifest)
    writer.abort()
    assert backend.info() == before
    assert versions(backend) == ["sikoja-test-docs-v000001"]


# -- incremental updates ---------------------------------------------------------------


def test_an_update_upserts_changed_pages_and_deletes_pages_that_disappeared(
        data_dir, settings, backend):
    build_index(settings, backend=backend)
    store = DocumentStore.open(data_dir)
    changed = store.get(KTP_URL)
    changed.text += " Perekaman kini juga dilayani hari Sabtu."
    store.upsert(changed)
    store.mark_gone(AKTA_LAHIR_URL)
    store.upsert(Document(url="https://dinsos.jambikota.go.id/layanan/kartu-lansia",
                          source="dinsos", opd="Dinas Sosial Kota Jambi", kind="service",
                          title="Kartu Lansia", text="Bantuan bagi warga lanjut usia."))
    hashes = {doc_id(d.url): built_key(d) for d in store.iter_documents()}
    store.close()

    summary = build_index(settings, backend=backend)
    assert (summary.added, summary.updated, summary.deleted) == (1, 1, 1)
    assert versions(backend) == ["sikoja-test-docs-v000001"]  # updated in place
    assert backend.info()["version"] == "v000001.2"
    assert backend.manifest() == hashes
    assert backend.get([doc_id(AKTA_LAHIR_URL)]) == {}
    searcher = Searcher(settings, backend=backend, embedder=False)
    assert [h.id for h in backend.keyword_search(terms("sabtu"), 10)] == [doc_id(KTP_URL)]
    assert first_url(searcher, "kartu lansia") == "https://dinsos.jambikota.go.id/layanan/kartu-lansia"
    # and the update gives the answers a full rebuild of the embedded index gives
    embedded_settings = load_settings(data_dir, embedder="none")
    build_index(embedded_settings)
    embedded = Searcher(embedded_settings, backend=EmbeddedBackend(data_dir), embedder=False)
    for query in ("urus ktp", "akte lahir", "ktp hari sabtu", "kartu lansia", "bayar pbb"):
        assert first_url(searcher, query) == first_url(embedded, query), query
    embedded.close()

    assert str(build_index(settings, backend=backend)).startswith("index is up to date")


def test_an_index_made_by_another_sikoja_layout_is_rebuilt_not_patched(
        data_dir, settings, backend):
    build_index(settings, backend=backend)
    live = backend._alias_target()
    backend.client.indices.put_mapping(index=live, body={"_meta": {"sikoja_layout": 0}})
    backend.refresh()
    with pytest.raises(SikojaError, match="sikoja index --full"):
        backend.writer(incremental=True)
    store = DocumentStore.open(data_dir)
    changed = store.get(KTP_URL)
    changed.text += " Perekaman kini juga dilayani hari Sabtu."
    store.upsert(changed)
    store.close()
    summary = build_index(settings, backend=backend)
    assert summary.version == "v000002" and backend._alias_target() != live
    assert [h.id for h in backend.keyword_search(terms("sabtu"), 10)] == [doc_id(KTP_URL)]


def test_the_manifest_is_read_from_the_live_index_page_by_page(settings, backend, monkeypatch):
    build_index(settings, backend=backend)
    monkeypatch.setattr(backend_module, "SCAN_PAGE", 4)
    fresh = OpenSearchBackend(settings)
    expected = {doc_id(d.url): built_key(d) for d in corpus()}
    assert fresh.manifest() == expected
    assert sorted(fresh.all_ids()) == sorted(expected)


# -- back-pressure -----------------------------------------------------------------------


class RejectingProxy:
    """A loopback HTTP proxy in front of the test cluster that answers like a cluster whose
    write queue is full: the first ``whole`` bulk requests get 429, then the first ``items``
    documents of the next bulk are rejected one by one (not forwarded, status 429)."""

    def __init__(self, upstream: str, *, whole: int, items: int) -> None:
        self.upstream, self.whole, self.items = upstream.rstrip("/"), whole, items
        self.rejected_requests = 0
        self.rejected_items = 0
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                if body and self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                status, payload = proxy.answer(self.command, self.path, body)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def forward(self, method: str, path: str, body: bytes | None) -> tuple[int, bytes]:
        request = urllib.request.Request(self.upstream + path, data=body, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def answer(self, method: str, path: str, body: bytes | None) -> tuple[int, bytes]:
        if not path.split("?")[0].endswith("/_bulk") or body is None:
            return self.forward(method, path, body)
        if self.rejected_requests < self.whole:
            self.rejected_requests += 1
            error = {"type": "es_rejected_execution_exception",
                     "reason": "rejected execution of coordinating operation"}
            return 429, json.dumps({"error": {"root_cause": [error], **error},
                                    "status": 429}).encode()
        lines = [line for line in body.decode("utf-8").split("\n") if line.strip()]
        operations: list[list[str]] = []
        position = 0
        while position < len(lines):
            op = next(iter(json.loads(lines[position])))
            size = 1 if op == "delete" else 2
            operations.append(lines[position:position + size])
            position += size
        reject = min(self.items - self.rejected_items, len(operations))
        self.rejected_items += reject
        kept = operations[reject:]
        items = []
        for operation in operations[:reject]:
            op, meta = next(iter(json.loads(operation[0]).items()))
            items.append({op: {"_index": meta.get("_index"), "_id": meta.get("_id"),
                               "status": 429, "error": {
                                   "type": "es_rejected_execution_exception",
                                   "reason": "rejected execution: write queue is full"}}})
        if kept:
            forwarded = "\n".join(line for op in kept for line in op) + "\n"
            status, payload = self.forward(method, path, forwarded.encode())
            items += json.loads(payload)["items"]
        return 200, json.dumps({"took": 1, "errors": bool(reject), "items": items}).encode()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_bulk_indexing_backs_off_and_retries_when_the_cluster_is_overloaded(data_dir, cluster):
    proxy = RejectingProxy(cluster, whole=2, items=5)
    try:
        settings = opensearch_settings(data_dir, proxy.url, bulk_chunk_size=20,
                                       bulk_initial_backoff=0.01, bulk_max_backoff=0.05)
        backend = OpenSearchBackend(settings)
        summary = build_index(settings, backend=backend)
        assert summary.added == len(corpus())
        assert (proxy.rejected_requests, proxy.rejected_items) == (2, 5)
        assert backend.manifest() == {doc_id(d.url): built_key(d) for d in corpus()}
        searcher = Searcher(settings, backend=backend, embedder=False)
        assert first_url(searcher, "urus ktp") == KTP_URL
        backend.close()
    finally:
        proxy.close()


def test_a_cluster_that_stays_overloaded_fails_the_build_with_the_reason(data_dir, cluster):
    proxy = RejectingProxy(cluster, whole=1000, items=0)
    try:
        settings = opensearch_settings(data_dir, proxy.url, bulk_max_retries=2,
                                       bulk_initial_backoff=0.01, bulk_max_backoff=0.02)
        backend = OpenSearchBackend(settings)
        with pytest.raises(SikojaError, match="429 es_rejected_execution_exception"):
            build_index(settings, backend=backend)
        assert backend.info()["version"] is None and versions(backend) == []
        backend.close()
    finally:
        proxy.close()


# -- what readers share --------------------------------------------------------------------


def test_typo_corrections_come_from_the_cluster_for_every_search_server(
        data_dir, settings, backend, monkeypatch):
    monkeypatch.setattr(meta_module, "PART_CHARS", 300)  # vocabulary split into many parts
    build_index(settings, backend=backend)
    embedded_settings = load_settings(data_dir, embedder="none")
    build_index(embedded_settings)
    embedded = EmbeddedBackend(data_dir)

    another_server = OpenSearchBackend(settings)
    vocabulary = another_server.vocabulary()
    assert vocabulary is not None and vocabulary.counts == embedded.vocabulary().counts
    assert vocabulary.correct("kelahran") == "kelahiran"
    assert another_server.word_counts() == embedded.word_counts()
    record = another_server.meta.record(another_server._state().index)
    assert record["vocabulary_parts"] > 1
    embedded.close()


def test_facets_count_every_match_and_filters_narrow_results(backend, settings):
    build_index(settings, backend=backend)
    query = terms("gratis")
    every = backend.keyword_search(query, 1000)
    facets = backend.facets(query)
    assert sum(facets["kind"].values()) == len(every)
    assert facets["opd"][DUKCAPIL] == sum(
        1 for d in backend.get([h.id for h in every]).values() if d.opd == DUKCAPIL)
    only = backend.keyword_search(query, 100, Filters(opd=[DUKCAPIL], kind=["service"]))
    docs = backend.get([h.id for h in only])
    assert only and all(d.opd == DUKCAPIL and d.kind == "service" for d in docs.values())
    assert len(only) == facets["opd"][DUKCAPIL] - sum(
        1 for d in backend.get([h.id for h in every]).values()
        if d.opd == DUKCAPIL and d.kind != "service")


def test_plain_text_search_uses_the_clusters_own_analysis(backend, settings):
    build_index(settings, backend=backend)
    hits = backend.text_search("Kartu Identitas Anak", 3)
    assert hits and backend.get([hits[0].id])[hits[0].id].title == "Kartu Identitas Anak (KIA)"
    assert backend.text_search("   ", 3) == []


# -- capabilities --------------------------------------------------------------------------


def test_vectors_are_not_stored_where_the_cluster_cannot_search_them(settings, backend):
    capabilities = backend.capabilities()
    assert not capabilities.knn and not capabilities.hybrid  # osmem has no k-NN search
    analyzer = Analyzer()
    writer = backend.writer(incremental=False)
    rng = np.random.default_rng(7)
    for doc in corpus():
        indexed = analyse_document(analyzer, doc)
        vector = rng.normal(size=16).astype(np.float32)
        indexed.vector = vector / np.linalg.norm(vector)
        writer.add(indexed)
    writer.commit(vocabulary=Vocabulary.build({}), embedder="test-16",
                  manifest={doc_id(d.url): d.index_key() for d in corpus()})
    assert backend.info()["vectors"] == 0 and backend.info()["embedder"] == "test-16"
    assert backend.vector_search(np.ones(16, dtype=np.float32) / 4.0, 10) == []
    # nor scored one by one (the ranking's vector ranks past the vector side's list):
    # nothing, not an error from a k-NN script the cluster does not have
    assert backend.vector_scores(np.ones(16, dtype=np.float32) / 4.0,
                                 sorted(backend.manifest())[:5]) == {}
    assert not backend.supports_hybrid()
    with pytest.raises(SikojaError, match="cannot run hybrid search"):
        backend.hybrid_search(terms("ktp"), np.ones(16, dtype=np.float32), 10)
    assert backend.reload_synonyms(["kk, kartu keluarga"])["applied"] is False


def test_the_synonym_file_for_the_nodes_follows_the_synonym_store(data_dir, cluster):
    path = data_dir / "opensearch-analysis" / "sikoja-synonyms.txt"
    settings = opensearch_settings(data_dir, cluster, synonyms_file=str(path),
                                   synonyms_node_path="analysis/sikoja-synonyms.txt")
    backend = OpenSearchBackend(settings)
    build_index(settings, backend=backend)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#") and lines[1:] == export_rules(data_dir)

    with SynonymStore(data_dir) as store:
        store.add("kartu kuning, kartu pencari kerja, ak1", who="admin", why="Disnaker")
    report = backend.reload_synonyms()
    assert "kartu kuning, kartu pencari kerja, ak1" in path.read_text(encoding="utf-8")
    assert report["applied"] is False  # osmem ignores synonym_graph; a real node reloads
    backend.close()


# -- administration ----------------------------------------------------------------------


def test_reindexing_into_more_shards_keeps_answers_and_serves_throughout(
        data_dir, settings, backend):
    build_index(settings, backend=backend)
    searcher = Searcher(settings, backend=backend, embedder=False)
    before = {q: first_url(searcher, q) for q in ("urus ktp", "imb rumah", "akte lahir anak")}
    wider = OpenSearchBackend(opensearch_settings(data_dir, settings.opensearch.hosts[0],
                                                  number_of_shards=2))
    new_index = wider.reindex()
    assert new_index == "sikoja-test-docs-v000002"
    shards = backend.client.indices.get_settings(index=new_index)[new_index]["settings"]
    assert shards["index"]["number_of_shards"] == "2"
    backend.refresh()
    assert backend._alias_target() == new_index
    assert {q: first_url(searcher, q) for q in before} == before
    assert backend.vocabulary() is not None and backend.vocabulary().correct("kelahran")
    wider.close()


def test_unreachable_clusters_and_bad_settings_get_clear_errors(tmp_path):
    unreachable = opensearch_settings(tmp_path, "http://127.0.0.1:9", timeout=2)
    backend = OpenSearchBackend(unreachable)
    with pytest.raises(SikojaError, match="not reachable"):
        backend.keyword_search(terms("ktp"), 10)
    with pytest.raises(SikojaError, match="index_prefix"):
        OpenSearchBackend(opensearch_settings(tmp_path, "http://127.0.0.1:9",
                                              prefix="Sikoja Jambi"))
    with pytest.raises(SikojaError, match="either username/password or api_key"):
        OpenSearchBackend(opensearch_settings(tmp_path, "http://127.0.0.1:9",
                                              username="u", api_key="k"))


@pytest.mark.parametrize("space", ["cosinesimil", "innerproduct"])
@pytest.mark.parametrize("cos", [-0.9, -0.1, 0.0, 0.3, 0.95])
def test_the_scoring_script_s_score_reads_back_as_the_cosine(space, cos):
    """The k-NN plugin's exact scoring script scores a normalised vector 1 + cos for
    cosinesimil (the ``knn`` query's score is half that) and, for innerproduct, 1 + ip or
    1 / (1 - ip) at ip <= 0: vector_scores must read its hits back as the cosine the
    embedded index gives, or keyword candidates would be ranked on another scale."""
    from indexer.opensearch.queries import cosine_from_script_score

    score = 1.0 + cos if space == "cosinesimil" or cos > 0 else 1.0 / (1.0 - cos)
    assert cosine_from_script_score(score, space) == pytest.approx(cos, abs=1e-9)


def test_the_scoring_script_asks_for_exactly_the_documents_with_a_vector():
    from indexer.opensearch.queries import vector_score_query

    query = vector_score_query(np.array([0.6, 0.8], dtype=np.float32), ["a", "b"], "cosinesimil")
    filters = query["script_score"]["query"]["bool"]["filter"]
    assert {"ids": {"values": ["a", "b"]}} in filters
    assert any("exists" in f for f in filters)  # a page without a vector is left out, not 0
    script = query["script_score"]["script"]
    assert (script["source"], script["lang"]) == ("knn_score", "knn")
    assert script["params"]["space_type"] == "cosinesimil"
    assert script["params"]["query_value"] == pytest.approx([0.6, 0.8])
