"""Fusing keyword and vector rankings into one.

The weights and constants come from ``Settings.ranking`` (indexer/search.py passes them).
Two methods, chosen by measurement on the dev set (see BENCHMARKS.md):
- reciprocal rank fusion (``fuse_rrf``): robust, ignores score scales;
- normalised linear (``fuse_linear``): min-max scaled scores, weighted sum; keeps how far
  ahead a strong keyword match is, which matters when one service clearly matches.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from indexer.backend import Hit


@dataclass
class Fused:
    id: str
    score: float
    keyword_score: float | None = None
    keyword_rank: int | None = None
    vector_score: float | None = None
    vector_rank: int | None = None
    # What ranking did to ``score`` after fusion, for explain: the score fusion gave, each
    # multiplier applied to it since (score == fused_score x the product of boosts), the
    # copy whose score a near-duplicate group carries, and why a result was put first.
    fused_score: float | None = None
    boosts: dict[str, float] = field(default_factory=dict)
    # A keyword candidate the vector side did not return: its rank after the vector side's
    # own (Searcher._vector_ranks_past), which counts in the fusion as ``vector_rank`` does;
    # ``vector_rank`` stays None, the rules reading "found by both retrievers" read it.
    vector_past: int | None = None
    score_from: str | None = None  # doc id
    pinned: str | None = None  # "best_bet", "place", "home" (indexer/homes.py), "listing"
    # (an office's services asked for as a list, Searcher._listing_asked), "desk"
    # (indexer/desks.py: a desk naming the dispute, not retrieved) or "file"
    # (indexer/files.py: a download page not retrieved)

    def rescore(self, name: str, score: float) -> None:
        """Move the score to ``score``, recorded as the multiplier ``name`` (from a score
        of 0 there is none; the tie-break that calls this never moves one)."""
        if score != self.score and self.score:
            self.boosts[name] = self.boosts.get(name, 1.0) * score / self.score
        self.score = score


def _collect(keyword: Sequence[Hit], vector: Sequence[Hit]) -> dict[str, Fused]:
    out: dict[str, Fused] = {}
    for rank, hit in enumerate(keyword, 1):
        out[hit.id] = Fused(hit.id, 0.0, keyword_score=hit.score, keyword_rank=rank)
    for rank, hit in enumerate(vector, 1):
        item = out.setdefault(hit.id, Fused(hit.id, 0.0))
        item.vector_score, item.vector_rank = hit.score, rank
    return out


def fuse_rrf(
    keyword: Sequence[Hit], vector: Sequence[Hit], *, keyword_weight: float,
    vector_weight: float, k: int, groups: Mapping[str, str] | None = None,
    past: Sequence[Hit] = (),
) -> list[Fused]:
    """Sum of weight / (k + rank) over the rankings a candidate is in; ``k``
    (``Settings.ranking.rrf_k``) sets how fast a lower rank stops counting.

    With ``groups`` (candidate id -> its near-duplicate group), a rank counts distinct
    groups: the MPP's re-listing of a service, or a second copy of one standard kecamatan
    text, takes no rank from the next page, as the results shown hold one of each group.
    A page's copies lie together in both retrievers, so they pushed the next page down
    (rank fusion reads only ranks) and let a page the other retriever liked less lead.
    Tuning crawl, hybrid MRR@10: dev set 0.965 -> 0.970 (11 queries better, 4 worse),
    everyday phrasings (eval/situations.tsv) 0.755 -> 0.780 (BENCHMARKS.md,
    "Out-of-vocabulary queries, session 9").

    ``past`` (keyword candidates only) rank after ``vector``, as ``Fused.vector_past``; one
    in the near-duplicate group of a vector hit takes that group's rank, as its copies do."""
    items = _collect(keyword, vector)
    keyword_ranks = _distinct_ranks(keyword, groups)
    vector_ranks = _distinct_ranks([*vector, *past], groups)
    for hit in past:
        item = items[hit.id]
        item.vector_score, item.vector_past = hit.score, vector_ranks[hit.id]
        item.score += vector_weight / (k + item.vector_past)
    for item in items.values():
        # explain reports the ranks fused: among distinct groups
        if item.keyword_rank:
            item.keyword_rank = keyword_ranks[item.id]
            item.score += keyword_weight / (k + item.keyword_rank)
        if item.vector_rank:
            item.vector_rank = vector_ranks[item.id]
            item.score += vector_weight / (k + item.vector_rank)
    return sorted(items.values(), key=lambda f: (-f.score, f.id))


def _distinct_ranks(hits: Sequence[Hit], groups: Mapping[str, str] | None) -> dict[str, int]:
    """Each hit's rank among the distinct groups of ``hits`` (every member of a group at
    its first member's rank); the plain rank without ``groups``."""
    groups = groups or {}
    first: dict[str, int] = {}
    out: dict[str, int] = {}
    for hit in hits:
        key = groups.get(hit.id, hit.id)
        out[hit.id] = first.setdefault(key, len(first) + 1)
    return out


def fuse_linear(
    keyword: Sequence[Hit], vector: Sequence[Hit], *, keyword_weight: float,
    vector_weight: float, vector_floor: float, past: Sequence[Hit] = (),
) -> list[Fused]:
    """Weighted sum of the keyword score scaled by the best keyword score and the cosine
    similarity scaled between ``vector_floor`` and the best cosine (``past``: cosines of
    keyword candidates the vector side did not return, as in :func:`fuse_rrf`)."""
    items = _collect(keyword, vector)
    for n, hit in enumerate(past, len(vector) + 1):
        items[hit.id].vector_score, items[hit.id].vector_past = hit.score, n
    top_kw = max((h.score for h in keyword), default=0.0)
    # past cosines count in the best: with no vector hit left (all below the vector-only
    # floor) they would otherwise be scaled by a span of nothing
    top_vec = max((h.score for h in [*vector, *past]), default=0.0)
    span = max(top_vec - vector_floor, 1e-9)
    for item in items.values():
        if item.keyword_score is not None and top_kw > 0:
            item.score += keyword_weight * item.keyword_score / top_kw
        if item.vector_score is not None:
            item.score += vector_weight * max(item.vector_score - vector_floor, 0.0) / span
    return sorted(items.values(), key=lambda f: (-f.score, f.id))
