"""Index words near a query word nobody listed, by the embedder (issue #16, session 9).

A citizen who writes "husband", "flood" or "urgent" uses a word that no page, lexicon or
glossary entry has; BM25 cannot match it and the whole-query vector carries it diluted.
The embedder is multilingual: the word's vector lies near its translation among the index's
own title words ("wife" -> istri 0.88, "treatment" -> pengobatan 0.91, "flood" -> banjir
0.82, "school" -> sekolah 0.89 on the tuning web). Those words join the keyword query with
a low weight (``semantic.neighbour_weight``) and count as readings of the word for keyword
coverage, so the page that says the translation is found and weighed as saying the word.

Built at index time (:func:`build_table`, from the live documents' titles: the words that
name services; 644 words for the tuning web's 730 pages, 0.25 s with an empty embedding
cache against a 25 s build, about 1%), saved beside the index
(``neighbours.npz`` in the data dir) and read by the searcher. A query word gets
neighbours only when it is unknown to the index and the lexicons (indexer/familiarity.py)
and reads as English (lingua's confidence, :func:`indexer.analysis.language.english_share`):
for rare Indonesian words ("becek", "berbau", "dagang") the embedder's nearest title words
are spelling look-alikes ("cek", "imbau", "magang"), since its sub-word pieces, not a
translation, carry them.

Some words are near everything (hubs: "unduhan", "perekaman" were among the four nearest
title words of a third of the unknown words measured). Scores are cross-domain similarity
local scaling (CSLS, Conneau et al. 2018): ``2 cos(q, w) - r(w) - r(q)``, where ``r`` is a
word's mean cosine to its ``RADIUS_K`` nearest words of a general vocabulary (Indonesian
roots, :func:`reference_words`), which removes them on a small site as on a large one.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from indexer.analysis.analyzer import QueryTerm
from indexer.analysis.language import english_share

if TYPE_CHECKING:
    from indexer.analysis import Analyzer, QueryAnalysis
    from indexer.embedding import Embedder, EmbeddingCache

FILE_NAME = "neighbours.npz"
RADIUS_K = 10  # nearest words a hub radius averages
MAX_WORDS = 50_000  # title words kept, most frequent first (about 25 ms a query word at most)
REFERENCE_WORDS = 500  # general words a hub radius is taken against
SELF = 0.9999  # a cosine this high is the word itself
MIN_LETTERS = 3
# A word's translations lie at cosine 0.6-0.9 on the tuning web ("urgent" -> darurat 0.69,
# "microcredit" -> mikro 0.66, "poor" -> miskin 0.77); among few title words (a small site)
# the scaled score alone let "abroad" -> kependudukan, at cosine 0.47, through.
COSINE_MIN = 0.6
ENGLISH_MIN = 0.65  # lingua's confidence that a word is English (tuning web's unknown
# words: English ones 0.69-0.99 but "startup" 0.54; Indonesian ones 0.0-0.44 but "salon" 0.56,
# "rentenir" 0.58, "diabetes" 0.64)


@dataclass
class NeighbourTable:
    """Title words, their unit vectors and hub radii, of one embedder."""

    embedder: str
    words: list[str]
    vectors: np.ndarray  # (n, dim) float32, L2-normalised
    radii: np.ndarray  # (n,) float32
    reference: np.ndarray  # (m, dim) float32: the general words radii are taken against

    def near(self, vector: np.ndarray, k: int, floor: float) -> list[tuple[str, float]]:
        """Up to ``k`` title words whose CSLS score against ``vector`` is ``floor`` or more
        and whose cosine is COSINE_MIN or more, best first."""
        if not self.words or k <= 0:
            return []
        vector = np.asarray(vector, dtype=np.float32)
        cosines = self.vectors @ vector
        radius = hub_radii(vector[None, :], self.reference)[0]
        scores = 2.0 * cosines - self.radii - radius
        top = np.argsort(-scores)[:k]
        return [(self.words[i], float(scores[i])) for i in top
                if scores[i] >= floor and cosines[i] >= COSINE_MIN]

    def save(self, path: Path) -> None:
        """Written atomically: a searcher never reads half a table."""
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".neighbours-", suffix=".npz")
        try:
            with os.fdopen(fd, "wb") as fh:
                np.savez(fh, embedder=np.array(self.embedder), words=np.array(self.words),
                         vectors=self.vectors.astype(np.float16), radii=self.radii,
                         reference=self.reference.astype(np.float16))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path) -> NeighbourTable | None:
        """The table saved at ``path``; None when there is none or it cannot be read (the
        search then goes without neighbours, as before an index build wrote one)."""
        try:
            with np.load(path, allow_pickle=False) as data:
                return cls(str(data["embedder"]), [str(w) for w in data["words"]],
                           data["vectors"].astype(np.float32), data["radii"].astype(np.float32),
                           data["reference"].astype(np.float32))
        except (OSError, ValueError, KeyError):
            return None


def title_words(analyzer: Analyzer, titles: Iterable[str]) -> list[str]:
    """The surface words of ``titles`` (normalised, no stopwords, letters only, at least
    MIN_LETTERS), most frequent first, at most MAX_WORDS."""
    counts: Counter[str] = Counter()
    for title in titles:
        counts.update(w for w in set(analyzer.words(title))
                      if len(w) >= MIN_LETTERS and w.isalpha())
    return [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_WORDS]]


def reference_words(analyzer: Analyzer) -> list[str]:
    """REFERENCE_WORDS Indonesian root words spread evenly over the stemmer's dictionary:
    a vocabulary of any subject, the same for every web, so that a word near everything is
    told apart on a site of twenty titles as on one of twenty thousand."""
    roots = sorted(w for w in analyzer.lexicon.root_words if w.isalpha() and len(w) >= 4)
    step = max(len(roots) // REFERENCE_WORDS, 1)
    return roots[::step][:REFERENCE_WORDS]


def build_table(embedder: Embedder, cache: EmbeddingCache | None, words: list[str],
                reference: list[str], batch: int = 256) -> NeighbourTable:
    """Embed ``words`` and the ``reference`` words (through ``cache``: a rebuild embeds
    only new words) and take each word's hub radius against the reference."""
    vectors = _embedded(embedder, cache, words, batch)
    general = _embedded(embedder, cache, reference, batch)
    return NeighbourTable(embedder.name, words, vectors, hub_radii(vectors, general), general)


def hub_radii(vectors: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Each row's mean cosine to its RADIUS_K nearest ``reference`` rows (itself left out,
    should it be one): how near it is to everything."""
    radii = np.zeros(len(vectors), dtype=np.float32)
    for start in range(0, len(vectors), 2048):
        block = vectors[start : start + 2048] @ reference.T
        block[block > SELF] = -1.0
        radii[start : start + 2048] = _mean_top(block, RADIUS_K, axis=1)
    return radii


def _embedded(embedder: Embedder, cache: EmbeddingCache | None, words: list[str],
              batch: int) -> np.ndarray:
    if not words:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    if cache is None:
        return np.asarray(embedder.embed_documents(words), dtype=np.float32)
    digests = [cache.digest(w) for w in words]
    found = cache.through(embedder, dict(zip(digests, words, strict=True)), batch)[0]
    return np.stack([found[d] for d in digests]).astype(np.float32)


def _mean_top(scores: np.ndarray, k: int, axis: int = -1) -> np.ndarray:
    """Mean of the ``k`` largest values along ``axis`` (all of them when fewer)."""
    n = scores.shape[axis]
    k = min(k, n)
    if k == 0:
        return np.zeros(scores.shape[:-1] if scores.ndim > 1 else (), dtype=np.float32)
    top = np.partition(scores, n - k, axis=axis)
    return np.take(top, range(n - k, n), axis=axis).mean(axis=axis)


def add_neighbours(analyzer: Analyzer, analysis: QueryAnalysis, unknown: Iterable[str],
                   table: NeighbourTable, embed: Callable[[str], np.ndarray | None], *,
                   k: int, floor: float, weight: float) -> dict[str, list[tuple[str, ...]]]:
    """Add to ``analysis.terms`` the title words near each query word that the index and
    the lexicons do not know (``unknown``: ``familiarity(...).unknown``, found once per
    query for this and the adaptive weight) and that reads as English, at ``weight``;
    returns each such word's added readings (index tokens), for keyword coverage to count
    them."""
    out: dict[str, list[tuple[str, ...]]] = {}
    have = {t.tokens for t in analysis.terms}
    for word in unknown:
        if english_share(word) < ENGLISH_MIN:
            continue
        vector = embed(word)
        if vector is None:
            continue
        for near, _score in table.near(vector, k, floor):
            tokens = tuple(analyzer.index_tokens(near))
            if not tokens:
                continue
            out.setdefault(word, []).append(tokens)
            if tokens not in have:
                analysis.terms.append(QueryTerm(tokens, weight, "neighbour"))
                have.add(tokens)
    return out
