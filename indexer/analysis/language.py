"""Is a query Indonesian or English? Word lists first, lingua for what they cannot decide.

langdetect reads two-word queries as anything ("urus KTP" -> Latvian), so detection is limited
to the two languages citizens use here. lingua alone still calls "cakmano bikin kk" English, so
the words vote first: a word our Indonesian lists know (roots, slang, Jambi Malay, acronyms)
against a word of the English glossary. Only a tie goes to lingua, whose detector is built
lazily once per process (its models take a few hundred milliseconds to load).
"""

from __future__ import annotations

import threading

from indexer.analysis.lexicon import Lexicon

_detector = None
_lock = threading.Lock()


def _lingua():
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                from lingua import Language, LanguageDetectorBuilder

                _detector = LanguageDetectorBuilder.from_languages(
                    Language.INDONESIAN, Language.ENGLISH
                ).build()
    return _detector


def warm_up() -> None:
    """Build the detector and load its models now rather than on the first ambiguous query."""
    _lingua().detect_language_of("urus ktp di kantor")


def detect(words: list[str], lexicon: Lexicon) -> str:
    """``"id"`` or ``"en"`` for a query whose raw lowercase words are ``words``."""
    indonesian = sum(1 for w in words if w in lexicon.indonesian_words)
    english = sum(1 for w in words if w in lexicon.english_words)
    if indonesian != english:
        return "id" if indonesian > english else "en"
    # lingua reads the cleaned words, never the raw text (which may hold lone surrogates)
    cleaned = " ".join(words)
    if not any(ch.isalpha() for ch in cleaned):
        return "id"
    from lingua import Language

    language = _lingua().detect_language_of(cleaned)
    return "en" if language == Language.ENGLISH else "id"


def english_share(word: str) -> float:
    """lingua's confidence (0 to 1) that one word is English rather than Indonesian; for a
    word no list knows ("husband" 0.90, "frozen" 0.87; "melarat" 0.14, "becek" 0.02)."""
    if not any(ch.isalpha() for ch in word):
        return 0.0
    from lingua import Language

    return float(_lingua().compute_language_confidence(word, Language.ENGLISH))
