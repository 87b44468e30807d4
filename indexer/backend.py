"""The index backend interface: what the search needs from an index, whatever runs it.

Two backends implement it: ``indexer.embedded.EmbeddedBackend`` (tantivy + numpy/faiss in
the data dir, no server; the default) and ``indexer.opensearch`` (a cluster, for scale-out).
Query analysis, fusion, ranking priors, collapsing, best bets, facets, snippets and the
answer card live above this interface in ``indexer.search`` so both backends give the same
answers; a backend only stores analysed documents and vectors and retrieves candidates.

This module holds only the interface and the types that cross it. The keyword query every
backend runs is ``indexer.query_model``; which backend a deployment uses is chosen by
``indexer.registry`` from ``Settings.backend``. Backends import this module, never the
other way round.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from indexer.analysis import QueryTerm, Vocabulary
    from sikoja.config import Settings

# How deep the default IndexBackend.vector_scores reads the nearest documents for the ones
# asked about (a backend that scores given documents exactly overrides it).
VECTOR_SCORE_DEPTH = 1000


@dataclass
class IndexedDoc:
    """A document as the index holds it: display fields plus analysed token streams."""

    id: str
    url: str
    title: str
    opd: str
    kind: str
    source: str
    text: str  # main content, for snippets
    content_hash: str
    title_tokens: list[str]
    heading_tokens: list[str]
    body_tokens: list[str]
    fields: dict[str, Any] = field(default_factory=dict)
    group_id: str | None = None
    parent_url: str | None = None
    last_modified: str | None = None
    vector: np.ndarray | None = None
    # the page's own other names (synonyms.page_names), analysed
    alias_tokens: list[str] = field(default_factory=list)
    # every index token the page says (indexer.coverage.said_tokens), stored by the build
    # so the search need not analyse the page again; None in an index built before
    said: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)  # a million of them in memory: no __dict__
class DocMeta:
    """What ranking needs of a candidate, without its text: kept in memory by backends
    that can, so only the page of results shown is read in full."""

    id: str
    url: str
    title: str
    opd: str
    kind: str
    group_id: str | None = None
    parent_url: str | None = None
    listing: bool = False
    # how sure extraction is of ``kind`` (crawler's fields["kind_confidence"]); ranking
    # weights the kind prior by it
    confidence: float = 1.0

    @classmethod
    def of(cls, doc: IndexedDoc) -> DocMeta:
        fields = doc.fields or {}
        return cls(doc.id, doc.url, doc.title, doc.opd, doc.kind, doc.group_id,
                   doc.parent_url, bool(fields.get("listing")),
                   kind_confidence(fields))


def pack_said(said: frozenset[str] | None) -> str | None:
    """``IndexedDoc.said`` as stored: its tokens sorted, space-separated (index tokens hold
    no spaces)."""
    return None if said is None else " ".join(sorted(said))


def unpack_said(stored: str | None) -> frozenset[str] | None:
    """The stored form back; None (an index built before it was stored) stays None."""
    return None if stored is None else frozenset(stored.split())


def kind_confidence(fields: dict) -> float:
    """The crawler's confidence in a document's kind, 1.0 when it did not say (catalog
    apps, documents indexed before it was recorded), clamped to 0..1."""
    try:
        value = float(fields.get("kind_confidence", 1.0))
    except (TypeError, ValueError):
        return 1.0
    return min(max(value, 0.0), 1.0) if value == value else 1.0


@dataclass
class Hit:
    id: str
    score: float


@dataclass
class Filters:
    opd: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)

    def allows(self, opd: str, kind: str) -> bool:
        return (not self.opd or opd in self.opd) and (not self.kind or kind in self.kind)


class IndexWriter(ABC):
    """Builds a new index version beside the live one; ``commit`` swaps it in atomically."""

    @abstractmethod
    def add(self, doc: IndexedDoc) -> None: ...

    @abstractmethod
    def delete(self, doc_id: str) -> None: ...

    @abstractmethod
    def commit(
        self,
        *,
        vocabulary: Vocabulary,
        manifest: dict[str, str],
        embedder: str | None = None,
        word_counts: dict[str, int] | None = None,
    ) -> None:
        """Make the new version live. ``manifest`` maps doc id -> content hash;
        ``word_counts`` (surface word -> document frequency) lets the next incremental build
        update the vocabulary without re-reading every document."""

    @abstractmethod
    def abort(self) -> None:
        """Drop the new version; the old one keeps serving."""


class IndexBackend(ABC):
    name = "abstract"
    # whether a document may have several vectors, of which the best counts (``semantic.text:
    # sections``); a backend without them indexes the ``whole`` text instead
    multi_vector = False

    @classmethod
    def from_settings(cls, settings: Settings) -> IndexBackend:
        """The backend a deployment's settings describe (``indexer.registry`` calls this);
        a backend whose constructor takes the settings needs nothing more."""
        return cls(settings)  # type: ignore[call-arg]

    @abstractmethod
    def writer(self, *, incremental: bool) -> IndexWriter:
        """Start a new version; incremental writers start from a copy of the live one."""

    @abstractmethod
    def keyword_search(
        self, terms: Sequence[QueryTerm], k: int, filters: Filters | None = None
    ) -> list[Hit]:
        """The sum of BM25 over ``indexer.query_model.keyword_clauses`` (analysed fields
        with FIELD_BOOSTS, terms weighted by QueryTerm.weight, phrases through PAIR_FIELDS)."""

    @abstractmethod
    def vector_search(
        self, vector: np.ndarray, k: int, filters: Filters | None = None
    ) -> list[Hit]:
        """Nearest documents by cosine similarity of normalised embeddings."""

    def vector_scores(self, vector: np.ndarray, ids: Sequence[str]) -> dict[str, float]:
        """The cosine of each of ``ids`` with a vector, however far down the nearest it
        comes. This default reads them off a search VECTOR_SCORE_DEPTH deep (those past it
        are left out); a backend that can score given documents overrides it."""
        wanted = set(ids)
        return {h.id: h.score for h in self.vector_search(vector, VECTOR_SCORE_DEPTH)
                if h.id in wanted}

    def doc_vectors(self, ids: Sequence[str], query: np.ndarray, best: bool = False
                    ) -> dict[str, np.ndarray]:
        """The stored vector of each of ``ids`` that has one of ``query``'s length (with
        several rows a page, its first, or with ``best`` its nearest to ``query``); none
        when the index's vectors have another length (built with another embedder). This
        default has none (the OpenSearch backend keeps it: it does not read its stored
        vectors back): vector-side feedback (``semantic.vector_feedback``) then leaves the
        query vector as it is, as if the knob were 0."""
        return {}

    @abstractmethod
    def get(self, ids: Sequence[str]) -> dict[str, IndexedDoc]:
        """Stored documents by id (vectors and token streams may be left empty)."""

    def doc_meta(self, ids: Sequence[str]) -> dict[str, DocMeta]:
        """Light metadata of candidates (backends override this with an in-memory map)."""
        return {i: DocMeta.of(d) for i, d in self.get(ids).items()}

    def all_meta(self) -> list[DocMeta]:
        """Light metadata of every document (for autocomplete over titles)."""
        return list(self.doc_meta(list(self.manifest())).values())

    @abstractmethod
    def manifest(self) -> dict[str, str]:
        """doc id -> content hash of the live version (empty when there is none)."""

    @abstractmethod
    def vocabulary(self) -> Vocabulary | None:
        """Surface-word vocabulary of the live version, for typo correction."""

    @abstractmethod
    def info(self) -> dict[str, Any]:
        """version, built_at (ISO time), documents, embedder: for /api/health."""

    def word_counts(self) -> dict[str, int]:
        """Surface word -> document frequency of the live version ({} if unknown)."""
        return {}

    def refresh(self) -> bool:
        """Pick up a newer live version if one was swapped in; True if it changed."""
        return False

    def build_lock(self) -> contextlib.AbstractContextManager[None]:
        """Held for a whole index build, so that builds run one at a time (the embedded
        backend locks a file; a cluster serialises its own writes)."""
        return contextlib.nullcontext()

    def close(self) -> None:  # noqa: B027 - optional hook
        pass
