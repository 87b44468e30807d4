"""Rank fusion counts ranks among the distinct results a citizen would see (session 9).

The MPP re-lists an OPD's service and kecamatan publish one standard text, so one page's
copies can fill several ranks of a retriever's list; the results show one of them. Counted
as raw ranks, those copies pushed the next page down in that retriever and let a page the
other retriever liked less take the lead.
"""

from __future__ import annotations

from indexer.backend import Hit
from indexer.fusion import fuse_linear, fuse_rrf


def hits(*ids: str) -> list[Hit]:
    return [Hit(i, 10.0 - n) for n, i in enumerate(ids)]


# keyword: a page X first, then three copies of one service A, then the service B;
# vector: B first, X fourth
KEYWORD = hits("x", "a-opd", "a-mpp", "a-kecamatan", "b")
VECTOR = hits("b", "y", "z", "x")
GROUPS = {"a-opd": "a-opd", "a-mpp": "a-opd", "a-kecamatan": "a-opd"}


def fused_order(groups: dict[str, str] | None) -> list[str]:
    return [f.id for f in fuse_rrf(KEYWORD, VECTOR, keyword_weight=1.0, vector_weight=1.0,
                                   k=30, groups=groups)]


def test_copies_of_one_page_take_one_rank() -> None:
    assert fused_order(GROUPS)[0] == "b"
    # counted as raw ranks, the three copies put B at keyword rank 5 and X led
    assert fused_order(None)[0] == "x"


def test_the_copies_share_their_first_copy_s_rank() -> None:
    scores = {f.id: f.score for f in fuse_rrf(KEYWORD, VECTOR, keyword_weight=1.0,
                                              vector_weight=1.0, k=30, groups=GROUPS)}
    assert scores["a-opd"] == scores["a-mpp"] == scores["a-kecamatan"] == 1.0 / 32
    assert scores["b"] == 1.0 / 33 + 1.0 / 31  # keyword rank 3: after X and the copies


def test_linear_fusion_keeps_the_keyword_winner_when_only_past_cosines_are_left():
    """Every vector hit below the vector-only floor and not found by keywords is dropped,
    so the vector list can be empty while the keyword candidates still have cosines
    (``past``): those must be scaled among themselves, not by a span of nothing, or a
    cosine of 0.30 against 0.21 overturns a clear keyword winner (review, session 13)."""
    fused = fuse_linear([Hit("b", 10.0), Hit("a", 5.0)], [], keyword_weight=1.0,
                        vector_weight=0.25, vector_floor=0.2,
                        past=[Hit("a", 0.30), Hit("b", 0.21)])
    assert [f.id for f in fused] == ["b", "a"]
    assert all(f.score <= 1.25 for f in fused)
