"""Indonesian stemming: Sastrawi (dictionary-checked, so it rarely over-stems), memoized.

Sastrawi tries affix removals until the remainder is in its root dictionary, which makes it
correct on formal text (``perizinan`` -> ``izin``, ``kelahiran`` -> ``lahir``) but slow. Most
of that slowness is its list-backed dictionary (see :class:`SetDictionary`); the rest is pure
Python rule matching, tens of microseconds a word. A document collection repeats the same few
thousand words, so a per-word cache turns that into one dict lookup
(bench/bench_stemmers.py measures all three against Snowball).

Left alone: words with digits (``ak1``, ``2024``), words of three letters or fewer, protected
acronyms and app names (``perkim`` would otherwise lose ``per-``). Words Sastrawi leaves
unchanged and that are not in its dictionary get one more try for colloquial affixes
(``ngurusin`` -> ``urus``, ``nyari`` -> ``cari``, ``disiapin`` -> ``siap``) and for Jambi
Malay's final -o where Indonesian has -a (``koto`` -> ``kota``, ``tigo`` -> ``tiga``): 32 of
the 53 -o words in our Jambi Malay list are exactly that, so the rule reads the ones no list
has. Place names never get here (they are protected), and a word that is a root itself
("foto", "toko") is left alone. The colloquial nasal n- of a root in t- (``nunggak`` ->
``tunggak``, ``nanya`` -> ``tanya``, as formal ``menunggak`` has it) is read the same way.

A word that is an override or a protected word with a clitic (-nya, -ku, -mu, -lah, -kah,
-pun) attached stems as that word does: Sastrawi strips the clitic and then the word's
prefix too (``meninggalnya`` -> ``tinggal``, "to stay"), while ``meninggal`` ("to die") is
kept whole by an override, and the synonyms that read it ("akta kematian") are keyed on it.
"""

from __future__ import annotations

from Sastrawi.Stemmer.Stemmer import Stemmer as SastrawiStemmer

from indexer.analysis.lexicon import Lexicon

_CACHE_LIMIT = 1_000_000


class SetDictionary:
    """Sastrawi's dictionary interface over a set.

    Sastrawi's own ``ArrayDictionary`` keeps its 30 000 root words in a list, so every
    ``contains`` is a linear scan and one word costs milliseconds; a set makes it a hash lookup
    with identical results.
    """

    def __init__(self, words: frozenset[str]):
        self.words = words

    def contains(self, word: str) -> bool:
        return word in self.words

    def count(self) -> int:
        return len(self.words)


_NY_ROOTS = ("s", "c")
# the particles and possessive pronouns written onto a word ("dokumennya", "ktpku")
_CLITICS = ("nya", "lah", "kah", "pun", "ku", "mu")
# Particles are written onto words, seldom onto an acronym: "ktpnya" is "ktp" + "nya", while
# "simkah" (the marriage registration app) is not "sim" (a driving licence) + "kah".
_PARTICLES = ("lah", "kah", "pun")


# lexicon -> the word cache every Stemmer of that lexicon shares: a stem depends only on the
# lexicon, and every searcher a process opens (the server: one per index version it swaps
# in) built a new Analyzer whose synonyms and expansions stemmed the same few thousand
# words again. Warming a searcher was 44% of tests/test_api.py's busy time (py-spy), most of
# it stemming; an app's start and first search 0.19 -> 0.14 s of CPU. Full, it is emptied in
# place, so that every Stemmer keeps sharing one bounded dict (a Stemmer moving to a private
# one would leave the full one pinned here for the next, up to (stemmers + 1) x the limit).
_SHARED: dict[int, tuple[Lexicon, dict[str, str]]] = {}


class Stemmer:
    def __init__(self, lexicon: Lexicon):
        self._roots = lexicon.root_words
        self._sastrawi = SastrawiStemmer(SetDictionary(lexicon.root_words))
        overrides: dict[str, str] = dict(lexicon.stem_overrides)
        for word in lexicon.protected:
            overrides[word] = word
        self._overrides = overrides
        # the entry holds the lexicon, so its id is not reused while the entry lives
        self._cache = _SHARED.setdefault(id(lexicon), (lexicon, {}))[1]

    def stem(self, word: str) -> str:
        cached = self._overrides.get(word)
        if cached is None:
            cached = self._cache.get(word)
        if cached is not None:
            return cached
        stem = self._compute(word)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = stem
        return stem

    def _compute(self, word: str) -> str:
        if len(word) <= 3 or not word.isalpha() or not word.isascii():
            return word
        for clitic in _CLITICS:
            base = word[: -len(clitic)]
            shortest = 5 if clitic in _PARTICLES else 3  # "ktpnya", but "simkah" is a name
            if word.endswith(clitic) and len(base) >= shortest and base in self._overrides:
                return self._overrides[base]
        stem = self._sastrawi.stem_word(word)
        if stem == word and word not in self._roots:
            return self._colloquial(word) or word
        return stem

    def _colloquial(self, word: str) -> str | None:
        """Root of a Jakarta-style affixed word (ng-/nge-/ny-/n-, -in, di-...-in) or of a Jambi
        Malay -o word (dimano -> mana), if any."""
        roots = self._roots
        candidates = [word]
        if word.endswith("in") and len(word) > 5:
            candidates.append(word[:-2])
        if word.endswith("o"):
            candidates.append(word[:-1] + "a")
        out = []
        for cand in candidates:
            out.append(cand)
            if cand.startswith("di"):
                out.append(cand[2:])
            if cand.startswith("nge"):
                out.append(cand[3:])
            if cand.startswith("ng"):
                out.append(cand[2:])
                out.append("k" + cand[2:])
            if cand.startswith("ny"):
                out.extend(r + cand[2:] for r in _NY_ROOTS)
            if cand.startswith("m"):
                out.append("p" + cand[1:])
            if cand.startswith("n") and not cand.startswith(("ng", "ny")):
                out.append("t" + cand[1:])
        for cand in out[1:]:
            if len(cand) >= 3 and cand in roots:
                return cand
        return None
