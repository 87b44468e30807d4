"""Words the vector side's best pages agree on, fed back to the keyword side (issue #16).

A query in words no page and no lexicon uses ("anak jatuh ke kolam ikan") gets keyword
results matched on its one common word ("anak"), while the embedder ranks the right service
near the top. The coverage weight (indexer/coverage.py) already trusts the vector ranking
more for such a query; this module also lets the keyword side look for what the embedder
found: the titles of the vector ranking's first ``feedback_results`` pages are read, and a
word that at least ``feedback_agree`` of them say ("tenggelam") joins the keyword query at
``feedback_weight`` of a typed word, origin "feedback". One title alone proves nothing (the
embedder's first page may be wrong); titles that agree name what the vector side believes
in. Copies count once: a near-duplicate group gives one title (its first page in the
ranking), and titles with the same words ("Berita", "Profil" on every site of a template)
count as one, for they say the same words because they are the same page, not because they
agree.

A word must be rare enough to point somewhere: its inverse document frequency
``log(1 + N / (1 + df))`` at least ``feedback_min_idf`` (words on many pages, "layanan",
"kota", "dinas", would pull in every page that says them), and not one the query already
has, nor a word that names an office or a place (``exclude``: "dukcapil" in "SILARAS
Dukcapil Kota Jambi" says who runs the app, not what the query asks). Only surface words of
the index's vocabulary count, so the frequencies are the ones the build stored. When it
fires it costs one metadata read of ``feedback_results`` pages and one more keyword search;
a query the keywords match well costs nothing. It runs where the search fuses locally with
``semantic.weight: coverage`` (the default); with ``fusion: server`` the node fuses and
nothing is fed back.

Off by default: on the tuning web no setting won on both the oov and the situations queries
(BENCHMARKS.md, "Words the vector side's titles agree on, session 13").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from indexer.analysis import QueryTerm

if TYPE_CHECKING:
    from indexer.analysis import Analyzer

ORIGIN = "feedback"


def feedback_terms(analyzer: Analyzer, titles: Sequence[str], have: Iterable[str],
                   counts: dict[str, int], documents: int, *, agree: int, min_idf: float,
                   weight: float, limit: int, exclude: Iterable[str] = ()) -> list[QueryTerm]:
    """The words at least ``agree`` of the distinct ``titles`` say, rarer than ``min_idf``
    and not among the query's index tokens ``have`` nor ``exclude``, as keyword terms at
    ``weight``: the most agreed on first, then the rarest, at most ``limit``."""
    if not titles or documents <= 0 or weight <= 0 or limit <= 0:
        return []
    said: Counter[str] = Counter()
    for words in {frozenset(analyzer.words(title)) for title in titles}:
        said.update(words)
    known = set(have) | set(exclude)
    chosen: list[tuple[int, float, tuple[str, ...]]] = []
    seen: set[tuple[str, ...]] = set()
    for word, n in said.items():
        if n < agree or word not in counts:
            continue
        idf = math.log(1 + documents / (1 + counts[word]))
        tokens = tuple(analyzer.index_tokens(word))
        if idf < min_idf or not tokens or set(tokens) <= known or tokens in seen:
            continue
        seen.add(tokens)
        chosen.append((n, idf, tokens))
    chosen.sort(key=lambda c: (-c[0], -c[1], c[2]))
    return [QueryTerm(tokens, weight, ORIGIN) for _, _, tokens in chosen[:limit]]
