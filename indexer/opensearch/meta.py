"""Per-version metadata in ``<prefix>-meta``: what the data dir's files are to the embedded
backend (meta.json, vocabulary.json, word_counts.json), kept in the cluster so that every
search server reading the cluster gets the same typo corrections.

One *record* per version index (``record:<index>``) holds built_at, documents, vectors,
embedder and a generation number that grows with each incremental update. Large values
(vocabulary, word counts) are zlib-compressed *blobs* split into parts of at most 1 MiB,
stored under the generation that wrote them. An update writes the new generation's blobs
first and the record last, so a reader that fetched a record always finds its blobs.
"""

from __future__ import annotations

import base64
import zlib
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import RequestError

from indexer.opensearch.layout import Names, meta_index_body
from sikoja.errors import SikojaError

PART_CHARS = 1 << 20


class MetaStore:
    def __init__(self, client: OpenSearch, names: Names) -> None:
        self.client = client
        self.names = names
        self.index = names.meta

    def ensure(self) -> None:
        if self.client.indices.exists(index=self.index):
            return
        try:
            self.client.indices.create(index=self.index, body=meta_index_body())
        except RequestError as exc:
            if exc.error != "resource_already_exists_exception":
                raise

    # -- records ---------------------------------------------------------------------

    def record(self, index: str) -> dict[str, Any] | None:
        found = self.client.get(index=self.index, id=f"record:{index}", ignore=[404])
        return found.get("_source") if found.get("found") else None

    def put_record(self, index: str, record: dict[str, Any]) -> None:
        body = {**record, "type": "record", "index": index}
        self.client.index(index=self.index, id=f"record:{index}", body=body, refresh=True)

    # -- blobs -----------------------------------------------------------------------

    def put_blob(self, index: str, kind: str, generation: int, data: bytes) -> int:
        """Store ``data``; returns the number of parts (kept in the record)."""
        encoded = base64.b64encode(zlib.compress(data, 6)).decode("ascii")
        parts = [encoded[i:i + PART_CHARS] for i in range(0, len(encoded), PART_CHARS)] or [""]
        for n, chunk in enumerate(parts):
            self.client.index(index=self.index, id=self._blob_id(index, kind, generation, n),
                              body={"type": "blob", "index": index, "kind": kind,
                                    "generation": generation, "part": n, "data": chunk})
        self.client.indices.refresh(index=self.index)
        return len(parts)

    def blob(self, index: str, kind: str, generation: int, parts: int) -> bytes | None:
        if parts <= 0:
            return None
        ids = [self._blob_id(index, kind, generation, n) for n in range(parts)]
        found = self.client.mget(index=self.index, body={"ids": ids})["docs"]
        if not all(d.get("found") for d in found):
            return None
        encoded = "".join(d["_source"]["data"] for d in found)
        try:
            return zlib.decompress(base64.b64decode(encoded))
        except (ValueError, zlib.error) as exc:
            raise SikojaError(f"{self.index}: {kind} of {index} is damaged: {exc}") from None

    def drop_blobs(self, index: str, keep_generation: int | None = None) -> None:
        must: list[dict[str, Any]] = [{"term": {"type": "blob"}}, {"term": {"index": index}}]
        query: dict[str, Any] = {"bool": {"filter": must}}
        if keep_generation is not None:
            query["bool"]["must_not"] = [{"term": {"generation": keep_generation}}]
        self.client.delete_by_query(index=self.index, body={"query": query}, refresh=True,
                                    conflicts="proceed")

    def drop(self, index: str) -> None:
        """Forget a version: its record and every blob."""
        self.drop_blobs(index)
        self.client.delete(index=self.index, id=f"record:{index}", refresh=True, ignore=[404])

    @staticmethod
    def _blob_id(index: str, kind: str, generation: int, part: int) -> str:
        return f"blob:{kind}:{index}:{generation}:{part:05d}"
