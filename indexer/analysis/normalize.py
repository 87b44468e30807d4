"""Surface normalisation: raw tokens -> standard Indonesian words, the same for both sides.

A document saying "Akte Kelahiran" and a query "bikin akte lahir" must meet on ``akta``; a
page naming "KTP-el" and a query "e-ktp" must meet on ``ktp``. So every rewrite here runs on
documents too, and a rewrite is only listed when it is safe on formal text (see lexicon.py for
how the slang lists are filtered).

Order: split hyphenated words, then multi-word rewrites (``ktp el`` -> ``ktp``, ``apa aja`` ->
``apa saja``), then one-word rewrites (``bikin`` -> ``buat``, ``gmn`` -> ``bagaimana``, the
Jambi Malay suffix ``-nyo`` -> ``-nya``). A word that is both colloquial and an acronym
(``dak``) is only rewritten when not in capitals.
"""

from __future__ import annotations

from indexer.analysis.lexicon import Lexicon, Phrase
from indexer.analysis.text import _TOKEN, clean, split_parts

_CACHE_LIMIT = 500_000


class Normalizer:
    def __init__(self, lexicon: Lexicon):
        self._single: dict[str, Phrase] = {}
        self._phrases: dict[Phrase, Phrase] = {}
        for key, value in lexicon.rewrites.items():
            if len(key) == 1:
                self._single[key[0]] = value
            else:
                self._phrases[key] = value
        self._starters = frozenset(key[0] for key in self._phrases)
        self._span = max((len(k) for k in self._phrases), default=1)
        self._lowercase_only = lexicon.lowercase_only
        # original-case token -> (parts, written in capitals)
        self._token_cache: dict[str, tuple[tuple[str, ...], bool]] = {}

    def _parts(self, token: str) -> tuple[tuple[str, ...], bool]:
        cached = self._token_cache.get(token)
        if cached is None:
            lower = token.casefold()
            cached = (tuple(split_parts(lower)), len(token) > 1 and token.isupper())
            if len(self._token_cache) >= _CACHE_LIMIT:
                self._token_cache.clear()
            self._token_cache[token] = cached
        return cached

    def split(self, text: str) -> list[tuple[str, bool]]:
        """``(word, written in capitals)`` before any rewrite."""
        out: list[tuple[str, bool]] = []
        parts_of = self._parts
        for token in _TOKEN.findall(clean(text)):
            parts, upper = parts_of(token)
            for part in parts:
                out.append((part, upper))
        return out

    def rewrite(self, words: list[tuple[str, bool]]) -> list[tuple[str, int]]:
        """Normalised words, each with the index of the input word it came from."""
        out: list[tuple[str, int]] = []
        single, starters, phrases = self._single, self._starters, self._phrases
        lowercase_only = self._lowercase_only
        i, n = 0, len(words)
        while i < n:
            word, upper = words[i]
            if word in starters:
                matched = False
                for span in range(min(self._span, n - i), 1, -1):
                    value = phrases.get(tuple(w for w, _ in words[i : i + span]))
                    if value is not None:
                        out.extend((v, i) for v in value)
                        i += span
                        matched = True
                        break
                if matched:
                    continue
            value = single.get(word)
            if value is None and word.endswith("nyo") and len(word) > 5:
                value = (self._nya(word[:-3]),)  # Jambi Malay -nyo is -nya: "syaratnyo"
            if value is None or (upper and word in lowercase_only):
                out.append((word, i))
            else:
                out.extend((v, i) for v in value)
            i += 1
        return out

    def _nya(self, base: str) -> str:
        """``base`` + -nya, with a one-word base read through the lists first: "aktenyo" is
        "aktanya" (akte -> akta), not "aktenya", which no list and no stemmer rule knows."""
        value = self._single.get(base)
        if value is not None and len(value) == 1:
            base = value[0]
        return base + "nya"

    def words(self, text: str) -> list[str]:
        """All normalised words of ``text``, stopwords included (readable form)."""
        return [w for w, _ in self.rewrite(self.split(text))]
