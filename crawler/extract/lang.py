"""Indonesian or English? ``<html lang>`` when the page says so, else lingua.

The detector is limited to the two languages OPD sites publish in (building it for all 75
would cost seconds and memory for nothing) and built on first use, so importing the
crawler stays cheap.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

SUPPORTED = ("id", "en")


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
    from lingua import Language

    found = _detector().detect_language_of(sample)
    return "en" if found == Language.ENGLISH else "id"
