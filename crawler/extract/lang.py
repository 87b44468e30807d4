"""Indonesian or English? ``<html lang>`` when the page says so, else lingua.

The detector is limited to the two languages OPD sites publish in (building it for all 75
would cost seconds and memory for nothing) and built on first use, so importing the
crawler stays cheap. Most text is settled before that by counting function words ("yang",
"dan", "untuk" against "the", "and", "for"): lingua's models cost ~55 MB of memory, which
a crawl of plainly Indonesian pages never needs to load.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

SUPPORTED = ("id", "en")

_ID_WORDS = frozenset("yang dan di untuk dengan dari ini itu dalam atau pada tidak ke akan "
                      "oleh adalah sebagai juga bagi serta dapat telah sudah kami anda".split())
_EN_WORDS = frozenset("the and of to in for is with on that by are this be as from was "
                      "have has will your our can not".split())
_TOKEN = re.compile(r"[a-z]+")


def _by_function_words(text: str) -> str | None:
    id_count = en_count = 0
    for token in _TOKEN.findall(text.lower()):
        if token in _ID_WORDS:
            id_count += 1
        elif token in _EN_WORDS:
            en_count += 1
    if id_count >= 2 and id_count > 2 * en_count:
        return "id"
    if en_count >= 2 and en_count > 2 * id_count:
        return "en"
    return None


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        Language.INDONESIAN, Language.ENGLISH
    ).build()


def detect_language(text: str, declared: str | None = None) -> str:
    if declared in SUPPORTED:
        return declared
    sample = text[:2000]
    if len(sample.split()) < 3:
        return "id"
    clear = _by_function_words(sample)
    if clear:
        return clear
    if len(sample.split()) < 8:
        return "id"  # too little to tell; the city publishes in Indonesian
    from lingua import Language

    found = _detector().detect_language_of(sample)
    return "en" if found == Language.ENGLISH else "id"
