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

After a colloquial prefix the rule also reads the formal suffixes off (``ngusulkan`` ->
``usul``, ``nerbitkan`` -> ``terbit``, ``mbetulkan`` -> ``betul``: m- of b-, as "membetulkan"
has it), and Jambi Malay's -ke, which is -kan (``uruske`` -> ``urus``, ``daftarke`` ->
``daftar``). Every reading is a candidate accepted only when it is a root, tried after the
ones the rule had before, so a word it read before reads the same; the words of the sample
web and of every query set other than these forms stem as before.

A word that is an override or a protected word with a clitic (-nya, -ku, -mu, -lah, -kah,
-pun) attached stems as that word does: Sastrawi strips the clitic and then the word's
prefix too (``meninggalnya`` -> ``tinggal``, "to stay"), while ``meninggal`` ("to die") is
kept whole by an override, and the synonyms that read it ("akta kematian") are keyed on it.
A clitic on a colloquial form ("air tidak ngalirnya", "ngadunya", "aktifinnya"), though, is
left unread on purpose. Read as the bare form reads (alir, adu, aktif), it cost ranks on the
tuning web in session 19: the news "Air Tak Mengalir Sepekan" went above PDAM's complaint
service (2 queries), complaint channels above the bansos register ("belum dapat bansos
ngadunya kemana"), the IKD app above the IKD service; an unread word scores nothing and the
rest of the query found the service. Read it once the ranking keeps those apart.
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
        """Root of a Jakarta-style affixed word (ng-/nge-/ny-/n-/m-, -in, di-...-in) or of a
        Jambi Malay word (-o for -a: dimano -> mana; -ke for -kan: uruske -> urus), if any.

        After a colloquial prefix the formal suffix is read off too (ngusulkan -> usul,
        mbetulkan -> betul). The readings are tried in order, the ones the rule had before
        first, and the first that is a root wins: a word the rule read before reads the
        same."""
        out = _readings(word)
        if len(word) > 5 and word.endswith("ke"):  # Jambi Malay -ke is -kan
            out.append(word[:-2])
            out.extend(_unprefixed(word[:-2]))
        if len(word) > 6 and word.endswith("kan"):
            out.extend(_unprefixed(word[:-3]))
        elif len(word) > 5 and word.endswith("i"):
            out.extend(_unprefixed(word[:-1]))
        roots = self._roots
        for cand in out[1:]:
            if len(cand) >= 3 and cand in roots:
                return cand
        return None


def _readings(base: str) -> list[str]:
    """``base``, then what it may be without -in or with Jambi Malay's -o as -a, each followed
    by what it may be without a colloquial prefix."""
    candidates = [base]
    if base.endswith("in") and len(base) > 5:
        candidates.append(base[:-2])
    if base.endswith("o"):
        candidates.append(base[:-1] + "a")
    out = []
    for cand in candidates:
        out.append(cand)
        out.extend(_unprefixed(cand))
    return out


def _unprefixed(word: str) -> list[str]:
    """What ``word`` may be without a colloquial prefix: di-, nge-, and the nasal that stands
    for meN- (ng- of a vowel or k-, ny- of s- or c-, n- of t-, m- of p- or b-)."""
    out = []
    if word.startswith("di"):
        out.append(word[2:])
    if word.startswith("nge"):
        out.append(word[3:])
    if word.startswith("ng"):
        out.append(word[2:])
        out.append("k" + word[2:])
    if word.startswith("ny"):
        out.extend(r + word[2:] for r in _NY_ROOTS)
    if word.startswith("mb"):
        out.append(word[1:])
    elif word.startswith("m"):
        out.append("p" + word[1:])
    if word.startswith("n") and not word.startswith(("ng", "ny")):
        out.append("t" + word[1:])
    return out
