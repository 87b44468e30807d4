"""Writing versions: a full build into a fresh index swapped in by alias, or an incremental
update applied to the live index as deletes and upserts.

Full build (``writer(incremental=False)``): a new ``<prefix>-docs-v000008`` is created from
the template with replicas 0 and refresh off (bulk loading is several times faster without
them), filled with ``streaming_bulk`` (batches, per-document retries with exponential
back-off when the cluster answers 429), then given its replicas back, refreshed, counted,
described in the meta index and finally swapped in: the alias moves in one
``update_aliases`` call, so a search sees either the old or the new version, never a mix.
A failure before the swap deletes the new index and the old one keeps serving.

Incremental update (``writer(incremental=True)``): copying a 10M-document index to change a
hundred pages would be absurd, so the changes go to the live index. They are spooled to a
temporary file while the build runs and sent only at ``commit``, so ``abort`` (or a crash
before commit) changes nothing. A crash *during* commit leaves some changes applied; the
next build reads the manifest from the live index itself and sends what is still missing.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
from opensearchpy.exceptions import TransportError
from opensearchpy.helpers import streaming_bulk

from indexer.backend import IndexedDoc, IndexWriter
from indexer.opensearch.connection import reason
from indexer.opensearch.layout import to_source, vector_mapping
from sikoja.errors import SikojaError

if TYPE_CHECKING:
    from indexer.analysis import Vocabulary
    from indexer.opensearch.backend import OpenSearchBackend

BUFFER_DOCS = 2000  # documents held before a bulk round-trip in a full build
MAX_CHUNK_BYTES = 10 * 1024 * 1024  # well under http.max_content_length (100mb)
MAX_ERRORS_SHOWN = 3


class BulkError(SikojaError):
    pass


def send_bulk(backend: OpenSearchBackend, actions: Iterable[dict[str, Any]]) -> int:
    """Send ``actions``; return how many succeeded. Deleting a missing document is fine;
    any other rejected document fails the build with the cluster's reason."""
    cfg = backend.cfg
    failed: list[str] = []
    sent = 0
    try:
        for ok, item in streaming_bulk(
            backend.client,
            actions,
            chunk_size=cfg.bulk_chunk_size,
            max_chunk_bytes=MAX_CHUNK_BYTES,
            max_retries=cfg.bulk_max_retries,
            initial_backoff=cfg.bulk_initial_backoff,
            max_backoff=cfg.bulk_max_backoff,
            raise_on_error=False,
            raise_on_exception=True,
            yield_ok=True,
            request_timeout=max(cfg.timeout, 120.0),
        ):
            sent += 1
            if ok:
                continue
            op, info = next(iter(item.items()))
            if op == "delete" and info.get("status") == 404:
                continue
            error = info.get("error")
            if isinstance(error, dict):
                error = f"{error.get('type')}: {error.get('reason')}"
            failed.append(f"{op} {info.get('_id')}: status {info.get('status')} {error}")
    except TransportError as exc:
        raise BulkError(f"bulk indexing failed after {sent} documents: "
                        f"{exc.status_code} {reason(exc)}") from None
    if failed:
        shown = "; ".join(failed[:MAX_ERRORS_SHOWN])
        more = f" (and {len(failed) - MAX_ERRORS_SHOWN} more)" if len(failed) > 3 else ""
        raise BulkError(f"OpenSearch rejected {len(failed)} of {sent} documents: {shown}{more}")
    return sent


class _VectorField:
    """The knn_vector mapping is added before the first vector is sent (its length is the
    embedder's dimension); every later vector is checked against it."""

    def __init__(self, backend: OpenSearchBackend, index: str, enabled: bool,
                 dimension: int | None) -> None:
        self.backend, self.index, self.enabled = backend, index, enabled
        self.dimension = dimension
        self.mapped = dimension is not None
        self.skipped = 0
        self.accepted = 0

    def accept(self, doc: IndexedDoc) -> bool:
        if doc.vector is None:
            return False
        if not self.enabled:
            self.skipped += 1
            return False
        if np.ndim(doc.vector) > 1:
            # one knn field per document here; several would need a nested field scored
            # by its best row (indexer.vectors says how the embedded index does it)
            raise SikojaError("semantic.text: sections gives a document several vectors, "
                              "which the OpenSearch backend does not store yet; use "
                              "semantic.text: whole or passage with it")
        size = int(getattr(doc.vector, "shape", (len(doc.vector),))[-1])
        if self.dimension is None:
            self.dimension = size
        elif size != self.dimension:
            raise SikojaError(
                f"{doc.url}: embedding has {size} dimensions, the index {self.dimension}; "
                "changing the embedder needs a full rebuild (sikoja index --full)")
        self.accepted += 1
        return True

    def ensure_mapping(self) -> None:
        if self.dimension is not None and not self.mapped:
            self.backend.client.indices.put_mapping(
                index=self.index, body=vector_mapping(self.dimension, self.backend.cfg))
            self.mapped = True


def _now() -> dict[str, Any]:
    return {"built_at": datetime.now(UTC).isoformat(timespec="seconds"), "created": time.time()}


class FullWriter(IndexWriter):
    def __init__(self, backend: OpenSearchBackend, index: str) -> None:
        self.backend = backend
        self.client = backend.client
        self.index = index
        self.client.indices.create(index=index, body={"settings": {"index": {
            "number_of_replicas": 0, "refresh_interval": "-1"}}})
        self.vectors = _VectorField(backend, index, backend.capabilities().knn, None)
        self._buffer: list[dict[str, Any]] = []
        self._closed = False

    def add(self, doc: IndexedDoc) -> None:
        with_vector = self.vectors.accept(doc)
        self._buffer.append({"_op_type": "index", "_index": self.index, "_id": doc.id,
                             "_source": to_source(doc, with_vector=with_vector)})
        if len(self._buffer) >= BUFFER_DOCS:
            self._flush()

    def delete(self, doc_id: str) -> None:
        self._buffer.append({"_op_type": "delete", "_index": self.index, "_id": doc_id})

    def _flush(self) -> None:
        if self._buffer:
            self.vectors.ensure_mapping()
            batch, self._buffer = self._buffer, []
            send_bulk(self.backend, batch)

    def commit(self, *, vocabulary: Vocabulary, manifest: dict[str, str],
               embedder: str | None = None, word_counts: dict[str, int] | None = None) -> None:
        cfg = self.backend.cfg
        self._flush()
        self.client.indices.put_settings(index=self.index, body={"index": {
            "number_of_replicas": cfg.number_of_replicas, "refresh_interval": "1s"}})
        self.client.indices.refresh(index=self.index)
        count = int(self.client.count(index=self.index)["count"])
        if count != len(manifest):
            raise SikojaError(
                f"the new index {self.index} holds {count} documents, the build expected "
                f"{len(manifest)}: not swapped in, the previous version keeps serving")
        record = {**_now(), "documents": count, "vectors": self.vectors.accepted,
                  "embedder": embedder, "generation": 1,
                  "vector_dimension": self.vectors.dimension,
                  "vectors_skipped": self.vectors.skipped}
        self.backend._publish(self.index, record, vocabulary, word_counts)
        self.backend._swap(self.index)
        self._closed = True

    def abort(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._buffer.clear()
        try:
            self.client.indices.delete(index=self.index)
        except TransportError:
            pass  # nothing was swapped in; a leftover index is pruned by the next build
        self.backend.meta.drop(self.index)


class IncrementalWriter(IndexWriter):
    def __init__(self, backend: OpenSearchBackend, index: str, record: dict[str, Any]) -> None:
        self.backend = backend
        self.client = backend.client
        self.index = index
        self.record = record
        settings = self.client.indices.get_settings(index=index)[index]["settings"]["index"]
        knn_enabled = str(settings.get("knn", "false")).lower() == "true"
        dimension = backend._vector_dimension(index)
        self.vectors = _VectorField(backend, index, knn_enabled and backend.capabilities().knn,
                                    dimension)
        self._spool = tempfile.TemporaryFile(mode="w+", encoding="utf-8",  # noqa: SIM115
                                             prefix="sikoja-os-")
        self._closed = False

    def add(self, doc: IndexedDoc) -> None:
        with_vector = self.vectors.accept(doc)
        action = {"_op_type": "index", "_index": self.index, "_id": doc.id,
                  "_source": to_source(doc, with_vector=with_vector)}
        self._spool.write(json.dumps(action, ensure_ascii=False) + "\n")

    def delete(self, doc_id: str) -> None:
        action = {"_op_type": "delete", "_index": self.index, "_id": doc_id}
        self._spool.write(json.dumps(action) + "\n")

    def _actions(self) -> Iterator[dict[str, Any]]:
        self._spool.seek(0)
        for line in self._spool:
            yield json.loads(line)

    def commit(self, *, vocabulary: Vocabulary, manifest: dict[str, str],
               embedder: str | None = None, word_counts: dict[str, int] | None = None) -> None:
        live = self.backend._alias_target()
        if live != self.index:
            self.abort()
            raise SikojaError(
                f"the live index changed from {self.index} to {live} during this update "
                "(another build swapped a version in): run the index again")
        # the mapping changes only now, so an aborted update leaves no trace
        self.vectors.ensure_mapping()
        try:
            send_bulk(self.backend, self._actions())
        finally:
            self._spool.close()
            self._closed = True
        self.client.indices.refresh(index=self.index)
        count = int(self.client.count(index=self.index)["count"])
        vectors = self.backend._count_vectors(self.index)
        record = {**self.record, **_now(), "documents": count, "vectors": vectors,
                  "embedder": embedder or self.record.get("embedder"),
                  "generation": int(self.record.get("generation", 1)) + 1,
                  "vector_dimension": self.vectors.dimension}
        self.backend._publish(self.index, record, vocabulary, word_counts)
        self.backend.refresh()

    def abort(self) -> None:
        if not self._closed:
            self._closed = True
            self._spool.close()
