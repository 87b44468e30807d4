"""Surface normalisation: raw tokens -> standard Indonesian words, the same for both sides.

A document saying "Akte Kelahiran" and a query "bikin akte lahir" must meet on ``akta``; a
page naming "KTP-el" and a query "e-ktp" must meet on ``ktp``. So every rewrite here runs on
documents too, and a rewrite is only listed when it is safe on formal text (see lexicon.py for
how the slang lists are filtered).

Order: split hyphenated words, then multi-word rewrites (``ktp el`` -> ``ktp``, ``apa aja`` ->
``apa saja``), then one-word rewrites (``bikin`` -> ``buat``, ``gmn`` -> ``bagaimana``, the
Jambi Malay suffix ``-nyo`` -> ``-nya``). A word that is both colloquial and an acronym
(``dak``) is only rewritten when not in capitals. A multi-word rewrite that changes its first
word never starts on a reduplicated word ("laki-laki", "laki laki"): "saudara laki-laki aku" is
"my brother", while the Jambi Malay "laki aku" is "my husband". One that keeps its first word
still does: "tiap-tiap ari" is "tiap hari".
"""

from __future__ import annotations

from indexer.analysis.lexicon import Lexicon, Phrase
from indexer.analysis.text import _TOKEN, clean, split_parts

_CACHE_LIMIT = 500_000
# flags of a split word
CAPITALS = 1  # written in capitals (DAK, not dak)
DOUBLED = 2  # a reduplication ("laki-laki", "anak2") collapsed to its base word


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
        # original-case token -> (parts, flags)
        self._token_cache: dict[str, tuple[tuple[str, ...], int]] = {}

    def _parts(self, token: str) -> tuple[tuple[str, ...], int]:
        cached = self._token_cache.get(token)
        if cached is None:
            lower = token.casefold()
            parts = tuple(split_parts(lower))
            flags = CAPITALS if len(token) > 1 and token.isupper() else 0
            if len(parts) == 1 and parts[0] != lower:
                flags |= DOUBLED  # "laki-laki" and "laki2" collapsed to one word; "p2" did not
            cached = (parts, flags)
            if len(self._token_cache) >= _CACHE_LIMIT:
                self._token_cache.clear()
            self._token_cache[token] = cached
        return cached

    def split(self, text: str) -> list[tuple[str, int]]:
        """``(word, flags)`` before any rewrite (flags: ``CAPITALS``, ``DOUBLED``)."""
        out: list[tuple[str, int]] = []
        parts_of = self._parts
        for token in _TOKEN.findall(clean(text)):
            parts, flags = parts_of(token)
            for part in parts:
                out.append((part, flags))
        return out

    def rewrite(self, words: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """Normalised words, each with the index of the input word it came from."""
        out: list[tuple[str, int]] = []
        single, starters, phrases = self._single, self._starters, self._phrases
        lowercase_only = self._lowercase_only
        i, n = 0, len(words)
        while i < n:
            word, flags = words[i]
            if word in starters:
                # a reduplication is not the word said once ("laki-laki" is no husband): only a
                # rewrite keeping the first word as it is may start on one ("tiap-tiap ari")
                doubled = flags & DOUBLED or (i > 0 and words[i - 1][0] == word)
                matched = False
                for span in range(min(self._span, n - i), 1, -1):
                    value = phrases.get(tuple(w for w, _ in words[i : i + span]))
                    if value is not None and not (doubled and value[:1] != (word,)):
                        out.extend((v, i) for v in value)
                        i += span
                        matched = True
                        break
                if matched:
                    continue
            value = single.get(word)
            if value is None and word.endswith("nyo") and len(word) > 5:
                value = (self._nya(word[:-3]),)  # Jambi Malay -nyo is -nya: "syaratnyo"
            if value is None or (flags & CAPITALS and word in lowercase_only):
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
