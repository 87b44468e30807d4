"""How much of a query the keyword side found, and how far the vector ranking is trusted for it.

The lexicons and BM25 only know the words someone listed or a page uses. A citizen who
writes "dad died need papers" or "kobra di pekarangan" gets keyword results anyway, matched
on one common word of the query ("need", "di") or on none of its meaning, while the embedder
ranks the right service near the top. Rank fusion cannot see that: keyword rank 1 counts the
same whether it matched every word or one, and vector-only candidates below
``ranking.vector_only_min`` (a cosine floor against junk) are dropped before fusion, which is
why raising the vector weight by unknown words alone moved no rank.

``coverage`` weighting (``Settings.semantic.weight``) reads what the keyword side's best
``coverage_results`` pages say of the query: the IDF-weighted share of its content words
that the best of them holds, by any reading of each word (``indexer.answer.QueryWords``).
At ``full_coverage`` or more the keywords matched what matters and nothing changes. Below
it the query is *weakly matched* in the measure

    weak = 1 - coverage / full_coverage

and the vector weight rises from the ranking's base towards ``max_vector_weight`` by
``weak``, while the cosine floor for vector-only candidates falls by the same share. A
query the keywords match fully keeps its keyword winner; one they matched on nothing is
ranked by meaning.

The same share, read on each of the first fused results, also scales that result's score
(``ranking.coverage_weight``, :func:`coverage_factor`): rank fusion adds up BM25 lookups of
every query word, so a page with a generic word of a wordy query in its title ("rumah",
"anak", "kota jambi") can outrank the page that says the words only the right service
says ("sarang tawon", "keruh", "ular"). Weighted by rarity, those words decide.

What a page says (:func:`said_tokens`) is the same for every query, so the build stores it
with the page (``IndexedDoc.said``) and the search reads it with the page instead of
analysing up to 60 pages per query (about 0.3 ms per 1,500-character page).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from indexer.answer import spelled_title_tokens

if TYPE_CHECKING:
    from indexer.analysis import Analyzer
    from indexer.answer import QueryWords


def said_tokens(analyzer: Analyzer, title: str, text: str,
                fields: dict[str, Any] | None) -> frozenset[str]:
    """Every index token of a page: its title with acronyms spelled out, its text and every
    value of its fields (what keyword coverage and the answer card read). A kelurahan
    site's own place, which its masthead says, is not one of them: the search lends it to
    a page only for a query that names the place (``Searcher._shares``)."""
    values = " ".join(str(v) for v in (fields or {}).values())
    return (spelled_title_tokens(analyzer, title)
            | frozenset(analyzer.index_tokens(f"{text} {values}")))


def keyword_coverage(words: QueryWords, said: Iterable[frozenset[str] | set[str]]) -> float:
    """The largest IDF-weighted share of the query's content words that one of the token
    sets ``said`` (the keyword side's best pages) holds; 0.0 when there is none."""
    return max((words.covered(tokens) for tokens in said), default=0.0)


def weakness(coverage: float, full: float) -> float:
    """0.0 for a query whose keyword results say at least ``full`` of it, 1.0 for one they
    say nothing of, linear between."""
    if full <= 0:
        return 0.0
    return min(max(1.0 - coverage / full, 0.0), 1.0)


def coverage_factor(coverage: float, weight: float) -> float:
    """The multiplier of a result whose page says ``coverage`` of the query: 1.0 when it
    says all of it, ``1 - weight`` when it says none."""
    return 1.0 - weight + weight * min(max(coverage, 0.0), 1.0)
