"""How new a query's words are to sikoja, and how much the vector ranking counts because of it.

BM25 can only match words the index holds, and the lexicons (slang, abbreviations, old
names, synonyms, the English glossary, typo correction) only help with words they list. A
content word that none of them knows ("ambulans" on a web that says "mobil jenazah", a new
colloquial form) reaches the right page through the embedder alone, which the fusion weighs at
a quarter of the keywords. ``adaptive`` weighting (``Settings.semantic.weight``) raises the
vector weight with the share of such words, from the ranking's base weight for a query that
is all familiar words up to ``max_vector_weight`` for one that is all new words:

    weight = base + (top - base) x unknown content words / content words

A word is familiar when the index has it (its surface form or its stem occurs in some
document: document frequency above 0) or a lexicon reads it (any expansion, a slang reading,
a typo correction to an indexed word, an English glossary entry). Question frames ("urus",
"cara", "how", see ``indexer.answer.FRAME_WORDS``) and stopwords are not content words.

A query that reads as a sentence ("nenek tidak punya ktp tinggal di panti mau didata
dinsos") tells its situation in words of its own (nenek, tinggal, panti) beside the need,
and BM25 adds up a lookup of every one of them, so a page that repeats the situation's
words can lead the page about the need. The embedder reads the sentence whole. Past
``Settings.semantic.sentence_words`` words of no content (stopwords, question frames:
:func:`function_words`) each adds ``sentence_weight`` to the vector weight (up to
``max_vector_weight``), whatever ``weight`` says; a query of names ("kk hilang", "syarat
akta kelahiran") keeps the base weight. The count of content words would not do: formal
service names are long too, and raising the vector weight with it cost formal queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from indexer.answer import FRAME_WORDS

if TYPE_CHECKING:
    from indexer.analysis import Analyzer, QueryAnalysis, Vocabulary


@dataclass
class Familiarity:
    """The content words of a query and those that neither the index nor a lexicon knows."""

    words: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        """Share of the content words that are unknown (0.0 for a query without any)."""
        return len(self.unknown) / len(self.words) if self.words else 0.0


def familiarity(analyzer: Analyzer, analysis: QueryAnalysis,
                vocabulary: Vocabulary | None) -> Familiarity:
    """Which content words of the analysed query are new to the index and the lexicons."""
    text = analysis.did_you_mean or analysis.normalized
    words = analyzer.words(text)
    if analysis.lang == "en":
        stop = analyzer.lexicon.english_stopwords
        words = [w for w in words if w not in stop]
    words = [w for w in dict.fromkeys(words) if w not in FRAME_WORDS and not w.isdigit()]
    counts = vocabulary.counts if vocabulary is not None else {}
    glossary: frozenset[str] = frozenset()
    said: frozenset[str] = frozenset()
    if analysis.lang == "en":
        glossary = _glossary_stems(analyzer)
        # a word inside a multi-word row ("helmet" of "safety helmet") is known only when
        # the query says the whole phrase; alone it keeps its embedder reading
        said = frozenset(analyzer._english_stem(w)
                         for phrase, _ in analyzer.glossary_phrases(text) for w in phrase)
    unknown = [w for w in words
               if not _known(analyzer, w, counts, vocabulary, glossary, said)]
    return Familiarity(words, unknown)


def function_words(analyzer: Analyzer, analysis: QueryAnalysis) -> int:
    """How many distinct words typed carry no content (stopwords, English ones in an English
    query, and question frames: "nenek *tidak punya* ktp tinggal *di* panti *mau* didata" has
    four, "persyaratan kartu keluarga baru" one): how much a query reads as a sentence. The
    words are read once as normalised, so a content word is never counted (and a word typed
    twice counts once)."""
    if not analysis.terms:
        return 0
    typed = dict.fromkeys(analyzer.normalizer.words(analysis.did_you_mean or analysis.normalized))
    stop = analyzer.lexicon.english_stopwords if analysis.lang == "en" else frozenset()
    return sum(1 for w in typed if analyzer.is_stopword(w) or w in FRAME_WORDS or w in stop)


def sentence_weight(base: float, top: float, function: int, free: int, step: float) -> float:
    """The vector weight for a query with ``function`` words of no content: ``base`` up to
    ``free`` of them, raised by ``step`` for each one past it, never above ``top`` (nor
    below ``base``)."""
    return base + min(step * max(function - free, 0), max(top - base, 0.0))


def adaptive_weight(base: float, top: float, share: float) -> float:
    """The vector weight for a query with ``share`` unknown content words: ``base`` when all
    are familiar, ``top`` when none is, linear between (never below ``base``)."""
    share = min(max(share, 0.0), 1.0)
    return base + max(top - base, 0.0) * share


def _known(analyzer: Analyzer, word: str, counts: dict[str, int],
           vocabulary: Vocabulary | None, glossary: frozenset[str],
           said: frozenset[str]) -> bool:
    """Whether the index or a lexicon knows ``word``: ``glossary`` holds the English stems of
    the glossary's single-word rows, ``said`` those of the multi-word rows the query says."""
    if counts.get(word, 0) > 0 or counts.get(analyzer.stemmer.stem(word), 0) > 0:
        return True
    if glossary or said:
        stem = analyzer._english_stem(word)
        if stem in glossary or stem in said:
            return True
    # a general dictionary's guess (analysis/dictionary.py) leaves the word new: the
    # embedder still weighs up what BM25 makes of a sense the word may not mean here
    reading = analyzer.analyze_query(word, vocabulary)
    return any(term.origin not in ("query", "dictionary") for term in reading.terms)


def _glossary_stems(analyzer: Analyzer) -> frozenset[str]:
    """Every English stem the glossary has a single-word entry for (built once per
    analyzer); the words of a multi-word entry are known only where the query says it."""
    cached = getattr(analyzer, "_glossary_stems", None)
    if cached is None:
        cached = frozenset(key[0] for key in analyzer._expansions.glossary if len(key) == 1)
        analyzer._glossary_stems = cached  # type: ignore[attr-defined]
    return cached
