"""The Analyzer: one pipeline for documents (``index_tokens``) and queries (``analyze_query``).

Documents and queries go through the same steps so that they meet on the same tokens:
clean -> tokenise -> normalise (colloquial, Jambi Malay, spelling variants, compounds) ->
drop stopwords -> stem. A query then gets, on top of what the user typed:

- typo corrections against the index vocabulary ("akte kelahran" -> "akta kelahiran");
- acronym expansions both ways (``KTP`` <-> "kartu tanda penduduk");
- current names for old ones (``IMB`` -> ``PBG``, ``SIUP`` -> ``NIB``, ``zonasi`` -> ``domisili``);
- English glossary terms ("birth certificate" -> "akta kelahiran");
- synonyms from the synonym store, re-read whenever the store's version changes (at most
  ``synonyms.max_expansions`` per query; a large new set is compiled in the background while
  queries keep the previous rules for that fraction of a second);
- a low-weight second reading of colloquial words that are also real words ("liat" ->
  "lihat", "info" -> "informasi"), which documents never get rewritten to.

Each expansion is a :class:`QueryTerm` with a weight below 1, so typed words keep priority;
in a query the index says every word of, the synonyms of one typed word together weigh no
more than that word (``QueryTerm.source``, indexer.query_model.shared_weights). What the
query says the citizen does not own ("nenek tidak punya ktp", "tidak memiliki kartu tanda
penduduk": the word, or the name it starts) weighs ``LACKED_WEIGHT`` of itself, and so does
every term read from it: its acronyms, synonyms, and the phrases it is part of
(:meth:`Analyzer._lacked`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import Stemmer as PyStemmer

from indexer.analysis import dictionary, language, lexicon
from indexer.analysis.lexicon import Phrase
from indexer.analysis.normalize import Normalizer
from indexer.analysis.stemming import Stemmer
from indexer.analysis.text import words_of
from indexer.analysis.vocabulary import MAX_WORD, is_subsequence
from synonyms.partial import voted_targets

if TYPE_CHECKING:
    from indexer.analysis.vocabulary import Vocabulary
    from synonyms import SynonymSource
    from synonyms.rules import CompiledSynonyms

log = logging.getLogger(__name__)

MAX_QUERY_WORDS = 48
MAX_EMBEDDING_EXPANSIONS = 8
# A new synonym version whose text is longer than this is compiled off the query path (a
# 430 KB file takes about 0.25 s); shorter ones are compiled by the query that first sees
# them, so an edit applies to exactly the next query. The default set passed 100 KB in
# session 11 (117 KB after its three blocks; at 104 KB it took 0.05 s CPU to compile cold,
# 3 ms for a one-rule edit with the memo), so the bound sits above it with room for an
# admin's own rules.
BACKGROUND_SYNONYM_CHARS = 200_000
MAX_SYNONYM_MEMO = 200_000
MAX_COMPILED_SETS = 8  # compiled rule sets a process keeps (a server holds one or two)
# The weight, as a share of its own, of a word the query says the citizen lacks ("tidak
# punya KTP", "dak punyo" once normalised), and of what is read from it: a problem told this
# way asks for what to do without it (the vulnerable-residents service, the scholarship),
# and the pages about having one (KTP-el, BPJS referrals) took the lead with the word at
# full weight. Not after "belum" (not yet): "belum punya akta" asks for the akta. After
# "tidak ada" (there is no) only money ("tidak ada biaya", "dak ado duit"): otherwise it
# tells of an outage or a symptom ("tidak ada air di rumah", "tidak ada petugas"), whose
# word is the service asked for. Tuning crawl (BENCHMARKS.md, "Problems told by symptom and
# situation"): 0.5 and 0.7 +2 problem queries, none lower; 0.3 costs a situation ("kakek
# tidak punya dokumen").
LACKED_WEIGHT = 0.6
_LACKING = frozenset({"tidak", "tak"})
_OWNING = frozenset({"punya", "mempunyai", "memiliki"})
_MONEY = frozenset({"uang", "biaya", "dana", "ongkos"})  # normalised: "duit" -> uang
MIN_GLUED_PART = 4  # "aktakelahiran" -> akta + kelahiran; shorter parts are acronyms or noise
_SUFFIXES = ("wan", "wati", "man", "an", "kan", "i")  # "sukarelawan", "budiman"
_VOWELS = frozenset("aeiou")

WEIGHTS = {
    "query": 1.0,
    "correction": 0.9,
    "glossary": 0.9,
    "glossary_word": 0.5,
    # a general dictionary's reading of an English word the glossary lacks (dictionary.py):
    # below a glossary word's, so the pages decide between its senses
    "dictionary": 0.2,
    "renamed": 0.9,
    "abbreviation": 0.8,
    "synonym": 0.8,
    "slang": 0.5,
}
# A rule's reading from its distinctive key words without a whole key (synonyms.partial),
# as a share of a synonym's weight: the citizen said the rule's words, not its phrase.
PARTIAL_WEIGHT = 0.6
_ORIGIN_RANK = {"query": 0, "correction": 1, "glossary": 2, "abbreviation": 3, "synonym": 4,
                "dictionary": 5}


@dataclass(frozen=True)
class QueryTerm:
    tokens: tuple[str, ...]  # analysed index tokens; more than one = a phrase
    weight: float  # 1.0 typed (after normalisation); below 1 for expansions
    # "query" | "correction" | "synonym" | "abbreviation" | "glossary" | "dictionary" | "slang"
    origin: str
    # the typed words (normalised) a synonym-store expansion reads, or a typed term's own word,
    # when the index says every word of the query: such synonyms share those words' weight,
    # the weight of their typed terms (query_model.shared_weights)
    source: tuple[str, ...] = ()


@dataclass
class QueryAnalysis:
    text: str
    normalized: str
    lang: str
    terms: list[QueryTerm] = field(default_factory=list)
    did_you_mean: str | None = None
    embedding_text: str = ""


@dataclass
class _Expansions:
    """Phrase tables analysed once per Analyzer (keys are normalised surface words)."""

    # key -> (readable, analysed tokens) pairs
    abbreviations: dict[Phrase, tuple[tuple[str, Phrase], ...]]
    contractions: dict[Phrase, Phrase]  # analysed expansion -> analysed acronym
    renamed: dict[Phrase, tuple[tuple[str, Phrase], ...]]
    glossary: dict[Phrase, tuple[str, Phrase]]  # keys: Snowball English stems
    glossary_span: int
    span: int
    dictionary: dictionary.Dictionary


def _find_phrases(words: Sequence[str], table: dict[Phrase, object], span: int):
    """(start, end, key) of every table key occurring in ``words``, longest first per start."""
    n = len(words)
    for i in range(n):
        for size in range(min(span, n - i), 0, -1):
            key = tuple(words[i : i + size])
            if key in table:
                yield i, i + size, key
                break


def _restores_dropped_letter(typed: str, fixed: str) -> bool:
    """``fixed`` is ``typed`` with one vowel, or a final h, put back ("percerian" ->
    "perceraian", "sekola" -> "sekolah"): the commonest slip (see indexer.analysis.vocabulary),
    and one a real word seldom sits at from another ("beruban" -> "berubah" is a change)."""
    if len(fixed) != len(typed) + 1 or not is_subsequence(typed, fixed):
        return False
    at = next((i for i, ch in enumerate(typed) if fixed[i] != ch), len(typed))
    return fixed[at] in _VOWELS or (fixed[at] == "h" and at == len(typed))


@dataclass(frozen=True)
class _Core:
    """What an analyzer derives from the word lists alone: the same for every analyzer of a
    process, since the lists do not change while it runs. Each ``Searcher`` (every test
    index, every new index version a server opens) used to build its own: 19.7 s of the fast
    tests' CPU over 255 analyzers, and 13.1 s more compiling the synonym rules with a cold
    memo of analysed rule terms (suite11, session 11)."""

    lexicon: lexicon.Lexicon
    normalizer: Normalizer
    stemmer: Stemmer
    english: PyStemmer.Stemmer
    english_cache: dict[str, str]
    english_variants: dict[str, str]
    expansions: _Expansions
    synonym_memo: dict[str, tuple[str, ...]]
    # (id of a parsed rule set, expansion cap) -> (that set, its compiled form): stores of a
    # process share the parse of a text (synonyms.store), so each new Searcher over the same
    # rules compiled them again (137 compiles, 2.9 s of the fast tests under cProfile)
    compiled: dict[tuple[int, int], tuple[object, CompiledSynonyms]]


_CORES: dict[int, _Core] = {}
_CORES_LOCK = threading.Lock()


class Analyzer:
    """Indonesian text analysis; safe to share between threads once built.

    Analyzers of one process share what the word lists decide (:class:`_Core`) and differ
    only in their synonym source; ``shared=False`` builds a core of its own (for benchmarks
    of the build; the stemmer's word cache is process-wide either way, stemming.py)."""

    def __init__(self, synonyms: SynonymSource | None = None, *, shared: bool = True):
        self.lexicon = lexicon.load()
        core = _CORES.get(id(self.lexicon)) if shared else None
        if core is None or core.lexicon is not self.lexicon:
            with _CORES_LOCK:
                core = _CORES.get(id(self.lexicon)) if shared else None
                if core is None or core.lexicon is not self.lexicon:
                    core = self._build_core()
                    if shared:
                        _CORES[id(self.lexicon)] = core
        self.normalizer = core.normalizer
        self.stemmer = core.stemmer
        self._english = core.english
        self._english_cache = core.english_cache
        self._english_variants = core.english_variants
        self._expansions = core.expansions
        self._synonym_memo = core.synonym_memo  # rule term -> analysed tokens
        self._compiled = core.compiled
        self._stop = self.lexicon.stopwords - self.lexicon.protected
        if synonyms is None:
            from synonyms import default_source

            synonyms = default_source()
        self.synonyms = synonyms
        self._synonym_lock = threading.Lock()
        self._synonym_version: object = object()
        self._synonym_rules: CompiledSynonyms | None = None
        self._synonym_loading: object = None  # the version a background compile works on

    def _build_core(self) -> _Core:
        lex = self.lexicon
        self.normalizer = Normalizer(lex)
        self.stemmer = Stemmer(lex)
        self._stop = lex.stopwords - lex.protected
        self._english = PyStemmer.Stemmer("english")
        self._english_cache = {}
        # a variant's stem -> the stem of the word it spells ("licenc" -> "licens")
        self._english_variants = {
            self._english.stemWord(variant): self._english.stemWord(word)
            for variant, word in lex.english_variants.items()
        }
        return _Core(lex, self.normalizer, self.stemmer, self._english, self._english_cache,
                     self._english_variants, self._build_expansions(), {}, {})

    # -- documents ----------------------------------------------------------------------------

    def words(self, text: str) -> list[str]:
        """Normalised surface words, stopwords removed (feeds the typo vocabulary)."""
        stop = self._stop
        return [w for w in self.normalizer.words(text) if w not in stop]

    def is_stopword(self, word: str) -> bool:
        """Whether a normalised word is a stopword (one analysis drops)."""
        return word in self._stop

    def _content(self, words: Sequence[str], lang: str) -> list[str]:
        """The words of a query that carry meaning: no stopwords (nor English ones in an
        English query), at most MAX_QUERY_WORDS."""
        content = [w for w in words if w not in self._stop]
        if lang == "en":
            content = [w for w in content if w not in self.lexicon.english_stopwords]
        return content[:MAX_QUERY_WORDS]

    def index_tokens(self, text: str) -> list[str]:
        """Document tokens: normalised, stopwords removed, stemmed."""
        stop = self._stop
        stem = self.stemmer.stem
        rewritten = self.normalizer.rewrite(self.normalizer.split(text))
        return [stem(w) for w, _ in rewritten if w not in stop]

    def title_tokens(self, title: str) -> list[str]:
        """A title's tokens, then the spelled-out name of each acronym it is written with
        ("SKCK Baru" also says "surat keterangan catatan kepolisian"): a page titled by an
        acronym is found by a citizen who writes the name out, as a query's acronym already
        finds a page that writes its name out. The first reading only: the one a title
        means, not every sense a query might."""
        tokens = self.index_tokens(title)
        words = [w for w, _ in self.normalizer.rewrite(self.normalizer.split(title))]
        ex = self._expansions
        for _, _, key in _find_phrases(words, ex.abbreviations, ex.span):
            readings = ex.abbreviations[key]
            if readings:
                tokens.extend(t for t in readings[0][1] if t not in tokens)
        return tokens

    def stem_words(self, words: Sequence[str]) -> tuple[str, ...]:
        return tuple(self.stemmer.stem(w) for w in words if w not in self._stop)

    def warm_up(self) -> None:
        """Load what the first query would otherwise pay for (lingua's models, the synonyms).

        Call once at server start: lingua loads its language models on first use, a few
        hundred milliseconds that would otherwise land on one unlucky citizen's query.
        """
        language.warm_up()
        self._current_synonyms()

    # -- queries ------------------------------------------------------------------------------

    def analyze_query(self, q: str, vocabulary: Vocabulary | None = None) -> QueryAnalysis:
        return self._analyze(q, vocabulary, lacking=True)

    def _analyze(self, q: str, vocabulary: Vocabulary | None, lacking: bool) -> QueryAnalysis:
        """``analyze_query``; ``lacking``: whether what the query says is lacking weighs less
        (off for the query without it, which :meth:`_lacked` compares with)."""
        text = q if isinstance(q, str) else str(q)
        # callers pass text already cut to api.max_query_length (indexer.search.Searcher)
        raw = self.normalizer.split(text)[: MAX_QUERY_WORDS * 2]
        raw_words = [w for w, _ in raw]
        lang = language.detect(raw_words, self.lexicon)
        rewritten = self.normalizer.rewrite(raw)
        all_words = [w for w, _ in rewritten]
        if lang != "en":
            all_words = [self._o_dialect(w, vocabulary) or w for w in all_words]
        normalized = " ".join(all_words)

        content = self._content(all_words, lang)
        rules = self._current_synonyms()  # once per query: the store's version is a read
        corrections = self._corrections(content, vocabulary, lang, rules)
        corrected = [part for w in content for part in corrections.get(w, w).split()]

        terms: dict[tuple[str, ...], QueryTerm] = {}

        def add(tokens: Sequence[str], weight: float, origin: str,
                source: Sequence[str] = ()) -> None:
            tokens = tuple(t for t in tokens if t)
            if not tokens:
                return
            old = terms.get(tokens)
            if old is None or weight > old.weight:
                terms[tokens] = QueryTerm(tokens, weight, origin, tuple(source))

        stem = self.stemmer.stem
        # a query in the index's own words: its synonyms are alternatives (see _expand), and
        # each typed word's term says which word it is, whose weight they share
        shared = vocabulary is not None and all(w in vocabulary for w in content)
        for word in content:
            add((stem(word),), WEIGHTS["query"], "query", (word,) if shared else ())
        for word in content:
            reading = self.lexicon.slang_readings.get(word)
            if reading is not None and reading not in self._stop:
                add((stem(reading),), WEIGHTS["slang"], "slang")
        for fixed in corrections.values():
            for word in fixed.split():
                add((stem(word),), WEIGHTS["correction"], "correction")

        readable_extra: list[str] = []
        translated, indonesian, english = self._glossary(raw_words, lang, add, readable_extra)
        if lang == "en":
            self._dictionary(content, english, add, vocabulary)
        budget = [self._synonym_limit()]  # synonym expansions this query may still take
        # each corrected word stands for the typed word it came from
        typed_of = [(w,) for w in content for _ in corrections.get(w, w).split()]
        self._expand(corrected, add, readable_extra, budget, rules, typed_of, shared)
        if not shared and lang != "en":
            self._partial_keys(corrected, add, readable_extra, budget, rules, vocabulary)
        if indonesian:
            # "job seeker card" -> "kartu pencari kerja" -> AK1, kartu kuning, ...: all
            # readings of the English words translated
            words = self._content(self.normalizer.words(translated), lang)
            glossed = {w for phrase in indonesian for w in self.normalizer.words(phrase)}
            self._expand(words, add, readable_extra, budget, rules,
                         [english if w in glossed else (w,) for w in words], shared)

        did_you_mean = None
        if corrections:
            did_you_mean = " ".join(corrections.get(w, w) for w in all_words)

        base = translated if lang == "en" and translated else (did_you_mean or normalized)
        embedding_text = self._embedding_text(base, readable_extra)
        for tokens in self._lacked(all_words, terms, vocabulary) if lacking else ():
            t = terms[tokens]
            terms[tokens] = QueryTerm(t.tokens, t.weight * LACKED_WEIGHT, t.origin, t.source)
        ordered = sorted(terms.values(), key=lambda t: (-t.weight, _ORIGIN_RANK.get(t.origin, 9)))
        return QueryAnalysis(
            text=text,
            normalized=normalized,
            lang=lang,
            terms=ordered,
            did_you_mean=did_you_mean,
            embedding_text=embedding_text,
        )

    def _lacked(self, words: Sequence[str], terms: dict[tuple[str, ...], QueryTerm],
                vocabulary: Vocabulary | None) -> list[tuple[str, ...]]:
        """The terms that stand only for what the query says the citizen does not own: the
        content word right after "tidak/tak punya/mempunyai/memiliki" (normalised: "dak
        punyo", "gak punya"), or money after "tidak ada" ("dak ado duit"), or the longest
        name the abbreviation, old-name and synonym tables know that starts there ("tidak
        memiliki kartu tanda penduduk" lacks all three words), unless "sendiri" follows
        ("tidak punya kk sendiri": a couple asks for its own). Every term read from those
        words goes with them: the words, their acronyms and synonyms, and the phrases they
        are part of ("air di rumah" -> banjir). What the query's other words read as well
        stays ("tidak punya kk, mau kk baru" keeps "kk"): the terms are those the query
        loses without the lacked words."""
        stop = self._stop
        at = [i + 2 for i in range(len(words) - 2)
              if words[i] in _LACKING and words[i + 2] not in stop
              and (words[i + 1] in _OWNING or (words[i + 1] == "ada" and words[i + 2] in _MONEY))]
        if not at:
            return []
        where = [i for i, w in enumerate(words) if w not in stop]  # content word -> position
        content = [words[i] for i in where]
        ex = self._expansions
        tables = [(content, ex.abbreviations, ex.span), (content, ex.renamed, ex.span)]
        rules = self._current_synonyms()
        if rules is not None:
            tables.append(([self.stemmer.stem(w) for w in content], rules.index, rules.span))
        ends: dict[int, int] = {}
        for seq, table, longest in tables:
            for start, end, _ in _find_phrases(seq, table, longest):
                ends[start] = max(ends.get(start, start + 1), end)
        lacked: set[int] = set()
        for position in at:
            first = where.index(position)
            span = where[first:ends.get(first, first + 1)]
            if words[span[-1] + 1:span[-1] + 2] != ["sendiri"]:  # "... kk sendiri": wants one
                lacked.update(span)
        if not lacked:
            return []
        rest = " ".join(w for i, w in enumerate(words) if i not in lacked)
        kept = {t.tokens for t in self._analyze(rest, vocabulary, lacking=False).terms}
        return [tokens for tokens in terms if tokens not in kept]

    def glossary_phrases(self, text: str) -> list[tuple[tuple[str, ...], list[Phrase]]]:
        """The multi-word English glossary keys ``text`` says, each with its reading: "id
        card" -> KTP, "family card" -> kartu keluarga. An English compound names one thing,
        which its words translated one by one do not ("card" -> kartu: any card)."""
        ex = self._expansions
        raw = self.normalizer.words(text)
        stems = [self._english_stem(w) for w in raw]
        return [(tuple(raw[start:end]), [ex.glossary[key][1]])
                for start, end, key in _find_phrases(stems, ex.glossary, ex.glossary_span)
                if end - start > 1]

    def phrase_readings(self, text: str) -> list[tuple[tuple[str, ...], list[Phrase]]]:
        """The multi-word keys of the abbreviation, old-name, synonym and English glossary
        tables that ``text`` says, each as (its normalised words, the analysed expansions it
        reads as, and their acronyms): "pajak penerangan jalan" -> PBJT, "certified copy" ->
        legalisir, "family card" -> kartu keluarga, KK. A reading of the phrase, which none
        of its words has alone."""
        ex = self._expansions
        words = self.words(text)
        out: list[tuple[tuple[str, ...], list[Phrase]]] = []
        for table in (ex.abbreviations, ex.renamed):
            for start, end, key in _find_phrases(words, table, ex.span):
                if end - start > 1:
                    out.append((tuple(words[start:end]), [t for _, t in table[key]]))
        rules = self._current_synonyms()
        if rules is not None:
            stems = [self.stemmer.stem(w) for w in words]
            for start, end, key in _find_phrases(stems, rules.index, rules.span):
                if end - start > 1:
                    out.append((tuple(words[start:end]),
                                [t for t, _, _ in rules.expansions_of(key)]))
        out.extend(self.glossary_phrases(text))
        # and the acronym of an expansion ("family card" -> kartu keluarga -> KK)
        return [(phrase, [*readings, *(ex.contractions[r] for r in readings
                                       if r in ex.contractions)])
                for phrase, readings in out]

    # -- helpers ------------------------------------------------------------------------------

    def _corrections(self, content: list[str], vocabulary: Vocabulary | None, lang: str,
                     rules: CompiledSynonyms | None) -> dict[str, str]:
        """Typed word -> the index word(s) it was probably meant to be (space-separated when
        a glued word is read as two)."""
        if vocabulary is None or len(vocabulary) == 0:
            return {}
        out: dict[str, str] = {}
        for word in content:
            if word in out or word in vocabulary:
                continue
            fixed = self._correction(word, vocabulary, lang, rules)
            if fixed is not None and fixed != word:
                out[word] = fixed
        return out

    def _correction(self, word: str, vocabulary: Vocabulary, lang: str,
                    rules: CompiledSynonyms | None) -> str | None:
        """The index word a word the index lacks was meant to be, or None.

        A word no list knows is corrected against the index vocabulary, or read as two index
        words it glues together ("aktakelahiran"). A misspelling that stems to a real root
        escaped correction ("percerian" stems to "ceri", cherry): it is corrected when
        neither the index (as a word) nor a synonym rule knows that root and a neighbour one
        edit away that the index holds reads as another root ("perceraian"; "kekersan" ->
        "kers", "sekola" -> "kola" likewise). The typed word's own reading stays in the query
        at full weight either way; "dicopet" stays as typed, since a situation rule reads
        "copet" and "dicoret" is one letter away. Real words stay uncorrected: letting them
        be turned "butuh" into "utuh", "janda" into "tanda" and "kejang" into "kemang" on the
        tuning web's everyday phrasings (situations MRR@10 0.766 -> 0.736) for one right
        guess ("rentang" -> "rentan"). A derived word whose root is merely on no page is no
        typo either: the stemmed branch only puts back a dropped vowel or final h (every
        typo11 case), and leaves a stem the slang lists read ("terliat": "liat" is "lihat");
        it had turned "rekanan" into "tekanan", "beruban" into "berubah", "lajukan" into
        "ajukan", "ditimang" into "ditimbang" and "terliat" into "terlibat" (review, session 11).
        """
        lex = self.lexicon
        if len(word) < 4 or not word.isalpha() or word in lex.protected:
            return None
        if word in lex.indonesian_words or word in lex.english_words:
            return None
        stem = self.stemmer.stem(word)
        if stem == word or stem not in lex.root_words:
            return vocabulary.correct(word) or self._unglued(word, vocabulary)
        if (stem in vocabulary or lang == "en" or stem in lex.slang_readings
                or (rules is not None and (stem,) in rules.index)):
            return None
        fixed = vocabulary.correct(word)
        if fixed is None or not _restores_dropped_letter(word, fixed):
            return None
        return fixed if self.stemmer.stem(fixed) != stem else None

    def _o_dialect(self, word: str, vocabulary: Vocabulary | None) -> str | None:
        """The standard word a Jambi Malay o-dialect word is, or None: the dialect turns a
        word's final open -a into -o ("usaho" is usaha, "keluargo" keluarga, "berapo"
        berapa; phrasing.md, "Jambi Malay o-dialect"), so a word no list has is read by the
        rule, with -nya after it too ("biayonyo" -> "biayonya" -> "biayanya").

        Only a word nobody knows is read: not a root, nor in any list, nor on any page of
        the index ("toko", "foto", "video", a place such as "Angso Duo" that the pages
        write) and only as an Indonesian word: a root, or a page's word that stems to one
        ("berusaho" -> "berusaha"), not a name a page happens to say. The stemmer's own -o
        rule (stemming.py) already gives most of these the -a word's token; this reading
        puts the word itself into the query, where the vocabulary, the phrase tables, the
        typo corrector and the embedding see it. A few set lookups and a memoised stem."""
        if len(word) < 3 or not word.isalpha() or self._known(word, vocabulary):
            return None
        base, clitic = word, ""
        if word.endswith("nya") and len(word) > 6:
            base, clitic = word[:-3], "nya"
            if self._known(base, vocabulary):
                return None
        if not base.endswith("o"):
            return None
        reading = base[:-1] + "a"
        lex = self.lexicon
        if reading in lex.root_words or reading in lex.stopwords or (
                vocabulary is not None and reading in vocabulary
                and self.stemmer.stem(reading) in lex.root_words):
            return reading + clitic
        return None

    def _known(self, word: str, vocabulary: Vocabulary | None) -> bool:
        lex = self.lexicon
        return (word in lex.indonesian_words or word in lex.english_words
                or (vocabulary is not None and word in vocabulary))

    def _unglued(self, word: str, vocabulary: Vocabulary) -> str | None:
        """Two index words written as one ("aktakelahiran" -> "akta kelahiran", "akte" read
        as "akta"), each part at least four letters; the split whose rarer part is the most
        common wins."""
        if len(word) > MAX_WORD or self._derived(word):
            # no index word is longer; and each cut's parts land in the normaliser's cache
            # (one 500-letter junk word added ~1,000 entries)
            return None
        best: tuple[int, str] | None = None
        for cut in range(MIN_GLUED_PART, len(word) - MIN_GLUED_PART + 1):
            parts = self.normalizer.words(word[:cut]) + self.normalizer.words(word[cut:])
            if len(parts) > 1 and all(p in vocabulary and p not in self._stop for p in parts):
                support = min(vocabulary.counts[p] for p in parts)
                if best is None or support > best[0]:
                    best = (support, " ".join(parts))
        return best[1] if best else None

    def _derived(self, word: str) -> bool:
        """A root with a suffix the stemmer does not strip: one word, not two glued
        ("sukarelawan" is sukarela + -wan, not "suka relawan")."""
        roots = self.lexicon.root_words
        return any(word.endswith(suffix) and word[: -len(suffix)] in roots
                   for suffix in _SUFFIXES)

    def _expand(self, words: list[str], add, readable_extra: list[str], budget: list[int],
                rules: CompiledSynonyms | None, typed_of: Sequence[tuple[str, ...]],
                shared: bool) -> None:
        """Acronyms both ways, current names for old ones, and synonyms of a word sequence
        (at most ``budget[0]`` synonyms, which is lowered by those taken).

        ``typed_of[i]`` are the typed words ``words[i]`` reads. When ``shared`` (the index
        says every word of the query: the citizen wrote a name or a title in the pages' own
        words), a synonym is one of its typed words' alternatives and gets them as its
        ``source``, so that the synonyms of a word together weigh no more than the word
        (query_model.shared_weights). A query with a word no page says ("siring penuh
        lumpur", "perantauan", English, a typo) is in the citizen's own words, and its
        synonyms are how it reaches the service: they keep their weight. Capping every
        expansion of every query cost the tuning web's old-term MRR@10 0.981 -> 0.958 and
        situations 0.795 -> 0.785 (BENCHMARKS.md, issue #11)."""

        def source(start: int, end: int) -> tuple[str, ...]:
            if not shared:
                return ()
            return tuple(dict.fromkeys(w for of in typed_of[start:end] for w in of))

        ex = self._expansions
        for _, _, key in _find_phrases(words, ex.abbreviations, ex.span):
            for readable, analysed in ex.abbreviations[key]:
                add(analysed, WEIGHTS["abbreviation"], "abbreviation")
                readable_extra.append(readable)
        for _, _, key in _find_phrases(words, ex.renamed, ex.span):
            for readable, analysed in ex.renamed[key]:
                add(analysed, WEIGHTS["renamed"], "synonym")
                readable_extra.append(readable)
        stems = [self.stemmer.stem(w) for w in words]
        for _, _, key in _find_phrases(stems, ex.contractions, ex.span):
            add(ex.contractions[key], WEIGHTS["abbreviation"], "abbreviation")
        if rules is not None and budget[0] > 0:
            found = rules.expand(stems, budget[0])
            budget[0] -= len(found)
            spans = [(a, b, {t for t, _, _ in rules.expansions_of(key)})
                     for a, b, key in rules.spans(stems)]
            for tokens, weight, readable in found:
                start, end = next(((a, b) for a, b, of in spans if tokens in of),
                                  (0, len(words)))
                add(tokens, weight * WEIGHTS["synonym"], "synonym", source(start, end))
                readable_extra.append(readable)

    def _partial_keys(self, words: list[str], add, readable_extra: list[str],
                      budget: list[int], rules: CompiledSynonyms | None,
                      vocabulary: Vocabulary | None) -> None:
        """What the synonym rules read whose distinctive key words the query says without
        saying a whole key ("reyot lapuk doyong hampir ambruk" -> bedah rumah, from the keys
        "rumah reyot", "rumah lapuk", "rumah doyong"): :mod:`synonyms.partial` decides which
        readings, each weighs ``PARTIAL_WEIGHT`` of a synonym's.

        Only for a query no rule reads otherwise: one in the pages' words (a name or a
        title, which its words found already), or one that says a whole key, has its
        reading, which words of other rules' phrases must not pull away ("bapak jatuh di
        kamar mandi pingsan" is the emergency room of "pingsan", not a rescue from "jatuh
        ke sumur" and "terkunci di kamar mandi"; "sanca melilit kandang" the python, not
        the debt of "terlilit utang"). Nor for an English query: its words are not the
        rules' (the keys are Indonesian), and "outage" of "water outage" would read water
        for "electricity outage".

        Words are read together, at least two of them, and against the pages: a word
        analysed alone (how familiar a query's word is, the answer card's reading of each
        word) and text analysed without an index (a title) keep their own readings."""
        if rules is None or budget[0] <= 0 or vocabulary is None or len(set(words)) < 2:
            return
        stems = [self.stemmer.stem(w) for w in words]
        if rules.spans(stems):
            return
        for tokens, readable in voted_targets(rules, stems):
            if budget[0] <= 0:
                return
            budget[0] -= 1
            add(tokens, WEIGHTS["synonym"] * PARTIAL_WEIGHT, "synonym")
            readable_extra.append(readable)

    def _english_stem(self, word: str) -> str:
        """The Snowball English stem of ``word``, a spelling variant's read as the word it
        spells ("licences" and "license" meet on "licens")."""
        cached = self._english_cache.get(word)
        if cached is None:
            cached = self._english.stemWord(word)
            cached = self._english_variants.get(cached, cached)
            if len(self._english_cache) < 100_000:
                self._english_cache[word] = cached
        return cached

    def _glossary(self, raw_words, lang, add, readable_extra
                  ) -> tuple[str, list[str], tuple[str, ...]]:
        """Add glossary terms; return the query with English put into Indonesian, the
        Indonesian phrases used (empty when nothing matched) and the English words they
        translate.

        English words are matched by their Snowball English stem, so "licenses", "moving"
        and "certificates" find "license", "move" and "certificate", and British spellings
        and common misspellings by the word they spell ("licence", "certficate"; the
        ``=word`` rows of glossary_en.tsv), in phrases too. Single words are only
        translated in an English query ("free" is not free in "bebas"), phrases always.
        """
        ex = self._expansions
        stems = [self._english_stem(w) for w in raw_words]
        out: list[str] = []
        used: list[str] = []
        english: list[str] = []
        i = 0
        found = _find_phrases(stems, ex.glossary, ex.glossary_span)
        matches = {start: (end, key) for start, end, key in found}
        while i < len(raw_words):
            hit = matches.get(i)
            if hit is not None and (len(hit[1]) > 1 or lang == "en"):
                end, key = hit
                indonesian, analysed = ex.glossary[key]
                typed = tuple(w.lower() for w in raw_words[i:end])
                english.extend(typed)
                add(analysed, WEIGHTS["glossary"], "glossary")
                if lang == "en" and len(analysed) > 1:
                    for token in analysed:  # partial matches still count for an English query
                        add((token,), WEIGHTS["glossary_word"], "glossary")
                readable_extra.append(indonesian)
                out.append(indonesian)
                used.append(indonesian)
                i = end
            else:
                out.append(raw_words[i])
                i += 1
        return " ".join(out), used, tuple(dict.fromkeys(english))

    def _dictionary(self, content: list[str], glossed: Sequence[str], add,
                    vocabulary: Vocabulary | None) -> None:
        """Add the general dictionary's readings of an English query's content words the
        glossary did not read ("my purse was snatched" -> dompet): the glossary wins where
        it has the word. With the index's vocabulary, only readings whose every word the
        pages say: a translation no page uses cannot find a page, and would only pull the
        ranking toward another sense ("today" as "dewasa ini", adult)."""
        for word in dict.fromkeys(w for w in content if w not in glossed):
            for reading in self._expansions.dictionary.readings(word):
                if vocabulary is not None and not all(
                        w in vocabulary for w in self.words(reading)):
                    continue
                add(tuple(self.index_tokens(reading)), WEIGHTS["dictionary"], "dictionary")

    def _embedding_text(self, base: str, extras: list[str]) -> str:
        seen = set(base.split())
        parts = [base] if base else []
        for extra in extras:
            words = extra.lower().split()
            if not words or all(w in seen for w in words):
                continue
            seen.update(words)
            parts.append(extra.lower())
            if len(parts) > MAX_EMBEDDING_EXPANSIONS:
                break
        return " ".join(parts)

    def _synonym_limit(self) -> int:
        from synonyms.rules import DEFAULT_MAX_EXPANSIONS

        return int(getattr(self.synonyms, "max_expansions", DEFAULT_MAX_EXPANSIONS))

    def _current_synonyms(self) -> CompiledSynonyms | None:
        """The compiled synonym rules, recompiled only when the store's version changed.

        The first rules load on the calling thread. A later version loads there too when its
        text is short; a long one compiles on a background thread while queries keep the
        previous rules, so a large import never stalls searching.
        """
        source = self.synonyms
        if source is None:
            return None
        try:
            version = source.version()
            if version != self._synonym_version:
                if self._synonym_rules is not None and self._large(source):
                    self._load_synonyms_in_background(source, version)
                else:
                    with self._synonym_lock:
                        if version != self._synonym_version:
                            self._synonym_rules = self._compile_synonyms(source)
                            self._synonym_version = version
        except Exception:
            # a locked or damaged synonyms.db must not fail a citizen's search: keep
            # answering with the last rules that loaded, and say so in the log
            log.warning("synonyms unavailable; using the last loaded rules", exc_info=True)
        return self._synonym_rules

    @staticmethod
    def _large(source: SynonymSource) -> bool:
        size = getattr(source, "text_size", None)
        return callable(size) and size() > BACKGROUND_SYNONYM_CHARS

    def _compile_synonyms(self, source: SynonymSource) -> CompiledSynonyms:
        rules, limit = source.rules(), self._synonym_limit()
        key = (id(rules), limit)
        known = self._compiled.get(key)
        if known is not None and known[0] is rules:
            return known[1]
        if len(self._synonym_memo) > MAX_SYNONYM_MEMO:
            self._synonym_memo.clear()
        compiled = rules.compile(self.index_tokens, limit=limit, memo=self._synonym_memo)
        if not self._large(source):  # a large set is compiled rarely; never pin old ones
            if len(self._compiled) >= MAX_COMPILED_SETS:
                self._compiled.clear()
            self._compiled[key] = (rules, compiled)
        return compiled

    def _load_synonyms_in_background(self, source: SynonymSource, version: object) -> None:
        with self._synonym_lock:
            if self._synonym_loading == version:
                return
            self._synonym_loading = version

        def load() -> None:
            try:
                rules = self._compile_synonyms(source)
            except Exception:
                # not retried until the version moves again: keep the last rules
                log.warning("synonyms version %s failed to load; keeping the last rules",
                            version, exc_info=True)
                return
            with self._synonym_lock:
                if self._synonym_loading == version:  # no newer version started meanwhile
                    self._synonym_rules = rules
                    self._synonym_version = version
                    self._synonym_loading = None

        threading.Thread(target=load, name="sikoja-synonyms", daemon=True).start()

    def _build_expansions(self) -> _Expansions:
        lex = self.lexicon

        def key_of(text_words: Sequence[str]) -> Phrase:
            # acronyms that are also colloquial words (DAK / dak) are keys in capitals
            joined = " ".join(w.upper() if w in lex.lowercase_only else w for w in text_words)
            return tuple(self.words(joined))

        abbreviations: dict[Phrase, list[str]] = {}
        contractions: dict[Phrase, Phrase] = {}
        for acronym, readables in lex.abbreviations.items():
            key = key_of(acronym)
            if not key:
                continue
            bucket = abbreviations.setdefault(key, [])
            for readable in readables:
                expansion = tuple(self.index_tokens(readable))
                if expansion and expansion != tuple(self.stem_words(key)):
                    if readable not in bucket:
                        bucket.append(readable)
                    if len(expansion) > 1:
                        contractions.setdefault(expansion, self.stem_words(key))
        renamed: dict[Phrase, tuple[str, ...]] = {}
        for old, news in lex.renamed.items():
            key = key_of(old)
            if len(key) == 1 < len(old):  # "ktp biasa" is "ktp": every KTP query, no old name
                log.warning("renamed_terms.tsv: %r reads as %r; skipped", " ".join(old), key[0])
            elif key:
                renamed[key] = tuple(dict.fromkeys(renamed.get(key, ()) + news))
        glossary = {
            tuple(self._english_stem(w) for w in words_of(" ".join(k))): (
                v,
                tuple(self.index_tokens(v)),
            )
            for k, v in lex.glossary.items()
        }
        span = max(
            [len(k) for k in abbreviations]
            + [len(k) for k in contractions]
            + [len(k) for k in renamed]
            + [1]
        )

        def analysed(readables: Sequence[str]) -> tuple[tuple[str, Phrase], ...]:
            return tuple((r, tuple(self.index_tokens(r))) for r in readables)

        return _Expansions(
            abbreviations={k: analysed(v) for k, v in abbreviations.items() if v},
            contractions=contractions,
            renamed={k: analysed(v) for k, v in renamed.items()},
            glossary=glossary,
            glossary_span=max(len(k) for k in glossary),
            span=span,
            dictionary=dictionary.load(self._english_stem),
        )
