"""The index backend interface: what the search needs from an index, whatever runs it.

Two backends implement it: ``indexer.embedded.EmbeddedBackend`` (tantivy + numpy/faiss in
the data dir, no server; the default) and ``indexer.opensearch`` (a cluster, for scale-out).
Query analysis, fusion, ranking priors, collapsing, best bets, facets, snippets and the
answer card live above this interface in ``indexer.search`` so both backends give the same
answers; a backend only stores analysed documents and vectors and retrieves candidates.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from indexer.analysis import QueryTerm, Vocabulary

# Keyword field weights: service name and title above headings above body.
FIELD_BOOSTS = {"title": 3.0, "headings": 1.6, "body": 1.0}

# Phrases ("kartu tanda penduduk") are matched through adjacent-token pairs indexed in their
# own fields ("kartu_tanda", "tanda_penduduk"), so every clause of the keyword query is a
# plain term lookup. A union of term queries lets the engine skip documents that cannot reach
# the top k (block-max WAND); a single phrase query makes it score every document that has
# any query word, 3-4x slower at 100k documents (BENCHMARKS.md, "Keyword query shape").
PAIR_FIELDS = {name: f"{name}_pairs" for name in FIELD_BOOSTS}
PAIR_SEPARATOR = "_"  # analysed tokens never contain it (indexer.analysis.text)
PAIR_WEIGHT = 0.75  # a matched two-word phrase, relative to one word of the same field

# A word in more than this share of a field's documents ("alur", "syarat", "online" on
# service pages) scores almost nothing (BM25 idf below log 2) yet has the longest posting
# list, which every query that names it must walk: at 100k documents such words made up
# half of the keyword search time. Such a lookup is left out when another word of the query
# is rarer, as long as the rarer words still find enough documents (:func:`without_common`).
COMMON_SHARE = 0.5


def token_pairs(tokens: Sequence[str]) -> list[str]:
    """Adjacent-token pairs of an analysed stream, as indexed in the PAIR_FIELDS."""
    return [f"{a}{PAIR_SEPARATOR}{b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def field_tokens(title: Sequence[str], headings: Sequence[str], body: Sequence[str],
                 aliases: Sequence[str] = ()) -> dict[str, list[str]]:
    """Every keyword field of a document, FIELD_BOOSTS and PAIR_FIELDS, as token lists.

    ``aliases``, the other names a page gives its own subject ("Surat Izin Tempat Usaha
    (SITU)" -> situ; synonyms.page_names), are names of the page and join its title. A
    field of their own was measured worse: few pages have one, so BM25's average length
    of that field is a fraction of a token and every page that has a name is scored as
    overlong in it (a page's own abbreviation then lost to a page with it in the title).
    """
    fields = {"title": [*title, *aliases], "headings": list(headings), "body": list(body)}
    fields.update({PAIR_FIELDS[name]: token_pairs(tokens) for name, tokens in list(fields.items())})
    return fields


@dataclass(frozen=True)
class Clause:
    """One term lookup of the keyword query: BM25 of ``token`` in ``field`` x ``boost``."""

    field: str
    token: str
    boost: float


def keyword_clauses(terms: Sequence[QueryTerm]) -> list[Clause]:
    """The keyword query every backend runs, as a sum of boosted term lookups.

    A one-token term is looked up in each field with the field's boost x the term's weight;
    a token reached twice (typed, and again as an expansion) becomes one clause with the
    boosts added, which scores the same (BM25 is linear in the boost) for one lookup.

    A phrase is looked up through its adjacent pairs in the pair fields. Its weight grows
    with its length, as a phrase's BM25 (the sum of its words' idf) does, and is shared among
    its pairs, so a document with part of a long phrase gets part of it. A pair that two phrases
    share ("kartu tanda penduduk" and "kartu tanda penduduk elektronik", both expansions of
    KTP) counts once, at the larger weight: summing would let a page that merely repeats the
    shared words outrank the service (dev set, BENCHMARKS.md).
    """
    boosts: dict[tuple[str, str], float] = {}
    for term in terms:
        tokens = [t for t in term.tokens if t]
        if not tokens or term.weight <= 0:
            continue
        if len(tokens) == 1:
            for name, boost in FIELD_BOOSTS.items():
                key = (name, tokens[0])
                boosts[key] = boosts.get(key, 0.0) + boost * term.weight
            continue
        pairs = token_pairs(tokens)
        # a phrase of n words weighs n/2 words (x PAIR_WEIGHT), shared by its n - 1 pairs
        share = term.weight * PAIR_WEIGHT * len(tokens) / (2 * len(pairs))
        for name, boost in FIELD_BOOSTS.items():
            for pair in pairs:
                key = (PAIR_FIELDS[name], pair)
                boosts[key] = max(boosts.get(key, 0.0), boost * share)
    return [Clause(f, t, b) for (f, t), b in boosts.items()]


def without_common(clauses: Sequence[Clause], doc_freq: Callable[[str, str], int],
                   docs: int, k: int) -> list[Clause]:
    """The clauses less the lookups of words found in more than COMMON_SHARE of the field's
    documents, when the query has another word that is not that common.

    A backend runs these first, and the full clauses when they find fewer than the k
    documents asked for: a common word then still finds what only it matches. Otherwise the
    common word would only have added a sliver to documents the rarer words already rank.
    When the rarer lookups cannot find k documents (their document frequencies add up to
    fewer), the clauses come back whole, sparing that first search.
    """
    limit = COMMON_SHARE * docs
    common = {c for c in clauses if doc_freq(c.field, c.token) > limit}
    rare_tokens = {c.token for c in clauses if c not in common}
    fewer = [c for c in clauses if c not in common or not rare_tokens - {c.token}]
    if len(fewer) < len(clauses) and sum(doc_freq(c.field, c.token) for c in fewer) < k:
        return list(clauses)
    return fewer


def search_in_two_steps(clauses: Sequence[Clause], doc_freq: Callable[[str, str], int],
                        docs: int, k: int,
                        run: Callable[[Sequence[Clause]], list[Hit]]) -> list[Hit]:
    """``run`` the clauses :func:`without_common` first, and all of them when that finds
    fewer than k documents: how every backend runs its keyword query."""
    fewer = without_common(clauses, doc_freq, docs, k)
    if len(fewer) < len(clauses):
        hits = run(fewer)
        if len(hits) >= k:
            return hits
    return run(clauses)


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


@dataclass(frozen=True)
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

    @abstractmethod
    def writer(self, *, incremental: bool) -> IndexWriter:
        """Start a new version; incremental writers start from a copy of the live one."""

    @abstractmethod
    def keyword_search(
        self, terms: Sequence[QueryTerm], k: int, filters: Filters | None = None
    ) -> list[Hit]:
        """The sum of BM25 over :func:`keyword_clauses` (analysed fields with FIELD_BOOSTS,
        terms weighted by QueryTerm.weight, phrases through PAIR_FIELDS)."""

    @abstractmethod
    def vector_search(
        self, vector: np.ndarray, k: int, filters: Filters | None = None
    ) -> list[Hit]:
        """Nearest documents by cosine similarity of normalised embeddings."""

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


def open_backend(settings: Any) -> IndexBackend:
    """The backend named by ``settings.backend`` ("embedded" or "opensearch")."""
    if settings.backend == "opensearch":
        from indexer.opensearch import OpenSearchBackend

        return OpenSearchBackend(settings)
    from indexer.embedded import EmbeddedBackend

    return EmbeddedBackend(settings.data_dir)
