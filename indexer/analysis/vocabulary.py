"""The index's surface-word vocabulary and typo correction against it.

Correction must be fast (every query) and cheap in memory (tens of thousands of words). A
symmetric-deletion index does both: every vocabulary word is stored under itself and each
one-letter deletion of it; a query word looks up itself and its deletions up to two letters.
Two strings meet that way whenever their edit distance is 1 (any edit, including a swap) or
2 by insertions/one substitution plus an insertion ("bangnan" -> "bangunan",
"kelahran" -> "kelahiran"). Keys are 64-bit hashes in a sorted numpy array (a few MB for
50 000 words), each candidate is verified with a real edit distance.

How far a word may be corrected scales with its length: none up to 3 letters (``kk``, ``kia``,
``pbb`` are acronyms, never typos), one edit up to 6 letters, two from 7. Among equally close
candidates one that only adds letters back wins ("berusha" -> "berusaha", not "berusia"). A
correction is confident when the best candidate is alone, or far more frequent than the next;
otherwise :meth:`Vocabulary.correct` says nothing.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import numpy as np

from sikoja.errors import SikojaError

_FORMAT = "sikoja-vocabulary/1"
MIN_CORRECTABLE = 4
# No vocabulary word is longer (``build`` drops longer ones): a longer query word has no
# candidate, and probing its deletions cost 8 s of CPU for 2,000 letters (review, session 11;
# api.max_query_length may be 10,000).
MAX_WORD = 40


def max_edits(word: str) -> int:
    n = len(word)
    if n < MIN_CORRECTABLE:
        return 0
    return 1 if n <= 6 else 2


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal-string-alignment distance (a swap of neighbours counts 1), capped at limit+1."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        row_min = i
        ai = a[i - 1]
        for j in range(1, len(b) + 1):
            cost = 0 if ai == b[j - 1] else 1
            value = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ai == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, prev2[j - 2] + 1)
            cur[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _deletions(word: str, depth: int) -> set[str]:
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w)) if len(w) > 1}
        out |= frontier
    return out


class Vocabulary:
    """Known surface words with their document counts."""

    def __init__(self, counts: dict[str, int]):
        self.counts = counts
        self._keys: np.ndarray | None = None
        self._ids: np.ndarray | None = None
        self._words: list[str] = []

    @classmethod
    def build(cls, word_counts: dict[str, int]) -> Vocabulary:
        """From ``Analyzer.words()`` counts over all documents (any iterable of words counted)."""
        counts = {
            w: int(c)
            for w, c in word_counts.items()
            if isinstance(w, str) and w and isinstance(c, int | float) and c > 0
            and len(w) <= MAX_WORD
        }
        return cls(counts)

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def __len__(self) -> int:
        return len(self.counts)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Written atomically (temp file + rename) so a reader never sees half a file."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(self.to_bytes())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Vocabulary:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise SikojaError(f"{path}: cannot read vocabulary: {exc}") from None
        return cls.from_bytes(data, str(path))

    def to_bytes(self) -> bytes:
        """The file's content (also stored as-is by the OpenSearch backend)."""
        payload = {"format": _FORMAT, "counts": self.counts}
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes, where: str = "vocabulary") -> Vocabulary:
        try:
            payload = json.loads(data.decode("utf-8"))
        except ValueError as exc:
            raise SikojaError(f"{where}: cannot read vocabulary: {exc}") from None
        if (
            not isinstance(payload, dict)
            or payload.get("format") != _FORMAT
            or not isinstance(payload.get("counts"), dict)
        ):
            raise SikojaError(f"{where}: not a sikoja vocabulary file")
        return cls.build(payload["counts"])

    # -- correction -------------------------------------------------------------------------

    def _index(self) -> tuple[np.ndarray, np.ndarray]:
        if self._keys is None or self._ids is None:
            words = [w for w in self.counts if len(w) >= 3 and w.isalpha()]
            keys: list[int] = []
            ids: list[int] = []
            for i, word in enumerate(words):
                for variant in _deletions(word, 1):
                    keys.append(hash(variant))
                    ids.append(i)
            key_arr = np.array(keys, dtype=np.int64)
            id_arr = np.array(ids, dtype=np.int32)
            order = np.argsort(key_arr, kind="stable")
            self._words = words
            self._keys, self._ids = key_arr[order], id_arr[order]
        return self._keys, self._ids

    def candidates(self, word: str) -> list[tuple[int, int, int, str]]:
        """``(distance, omission rank, -count, word)`` of words within reach, best first.

        Omission rank is 0 when ``word`` is the candidate with letters left out ("berusha" in
        "berusaha"): dropped letters, vowels above all, are the commonest Indonesian typo.
        """
        limit = max_edits(word)
        if limit == 0 or len(word) > MAX_WORD + limit or not word.isalpha():
            return []
        keys, ids = self._index()
        if len(keys) == 0:
            return []
        probes = np.array([hash(v) for v in _deletions(word, limit)], dtype=np.int64)
        left = np.searchsorted(keys, probes, side="left")
        right = np.searchsorted(keys, probes, side="right")
        found: set[int] = set()
        for lo, hi in zip(left.tolist(), right.tolist(), strict=True):
            if hi > lo:
                found.update(ids[lo:hi].tolist())
        out = []
        for i in found:
            cand = self._words[i]
            distance = edit_distance(word, cand, limit)
            if 0 < distance <= limit:
                omission = 0 if is_subsequence(word, cand) else 1
                out.append((distance, omission, -self.counts[cand], cand))
        out.sort()
        return out

    def correct(self, word: str) -> str | None:
        """The vocabulary word ``word`` was probably meant to be, or None (known / unsure)."""
        if word in self.counts:
            return None
        found = self.candidates(word)
        if not found:
            return None
        best = found[0]
        rivals = [c for c in found[1:] if c[:2] == best[:2]]
        if rivals and -best[2] < 3 * -rivals[0][2]:
            # equally close and similarly common: only a first-letter match can decide
            same_start = [c for c in [best, *rivals] if c[3][0] == word[0]]
            if len(same_start) != 1:
                return None
            best = same_start[0]
        return best[3]


def is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)
