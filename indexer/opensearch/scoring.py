"""Exact BM25 over the cluster's candidates: the embedded index's scores, to the last digit.

Lucene (OpenSearch) and tantivy (the embedded backend) score with the same BM25: k1=1.2,
b=0.75, the same idf, and document lengths
rounded through the same one-byte table (Lucene's ``SmallFloat.byte4``, which tantivy's
``FIELD_NORMS_TABLE`` copies). Lucene only drops the constant factor (k1 + 1). Where they
still differ - Lucene counts only documents that have a field (``docCount``) for idf and the
average length, statistics are per shard unless ``dfs_query_then_fetch`` - and on engines
whose "BM25" is something else (osmem-server scores like bleve: squared idf, square-rooted
term frequency), answers can differ where two services are close.

``scoring: exact`` removes the doubt: the cluster still finds the candidates (a
``window`` of them, more than asked for), and this module scores them from their stored
tokens with collection statistics read from the cluster. The result is the embedded
backend's ranking whatever engine runs underneath, at the cost of fetching the candidates'
tokens; ``scoring: engine`` keeps the cluster's own scores (docs/opensearch.md, sizing).
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from indexer.query_model import Clause

K1 = 1.2
B = 0.75


def _byte4_to_int(code: int) -> int:
    """Lucene SmallFloat.byte4ToInt: exact below 24, then 4-bit floats (3-bit mantissa)."""
    if code < 24:
        return code
    i = code - 24
    bits, shift = i & 0x07, (i >> 3) - 1
    return 24 + (bits if shift == -1 else (bits | 0x08) << shift)


LENGTHS = tuple(_byte4_to_int(code) for code in range(256))


def quantized_length(length: int) -> int:
    """The document length as both engines store it (one byte per field and document)."""
    return LENGTHS[bisect.bisect_right(LENGTHS, length) - 1]


def idf(doc_freq: int, docs: int) -> float:
    return math.log(1.0 + (docs - doc_freq + 0.5) / (doc_freq + 0.5))


@dataclass(frozen=True)
class CollectionStats:
    docs: int  # documents in the index
    tokens: Mapping[str, int]  # field -> tokens summed over all documents

    def average_length(self, field: str) -> float:
        return self.tokens.get(field, 0) / self.docs if self.docs else 0.0


def needed_frequencies(clauses: Sequence[Clause]) -> set[tuple[str, str]]:
    """(field, token) pairs whose document frequency the scores need."""
    return {(c.field, c.token) for c in clauses}


def score(clauses: Sequence[Clause], fields: Mapping[str, Sequence[str]],
          stats: CollectionStats, doc_freq: Mapping[tuple[str, str], int]) -> float:
    """Sum over the clauses of boost x BM25 of the token in its field, as the embedded
    backend's BooleanQuery of boosted term queries computes it. ``fields`` holds every
    keyword field of the document (``indexer.query_model.field_tokens``)."""
    counts: dict[str, Counter[str]] = {}
    total = 0.0
    for c in clauses:
        tokens = fields.get(c.field) or ()
        if not tokens or c.boost <= 0:
            continue
        if c.field not in counts:
            counts[c.field] = Counter(tokens)
        tf = counts[c.field][c.token]
        if not tf:
            continue
        average = stats.average_length(c.field)
        length = quantized_length(len(tokens))
        norm = K1 * (1.0 - B + B * length / average) if average > 0 else K1
        weight = idf(doc_freq.get((c.field, c.token), 0), stats.docs)
        total += c.boost * weight * (K1 + 1.0) * tf / (tf + norm)
    return total
