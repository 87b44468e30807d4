"""A general English -> Indonesian dictionary for the English words the glossary lacks.

``data/dictionary/freedict_eng_ind.tsv`` (FreeDict+WikDict, from Wiktionary; CC-BY-SA-3.0;
written by tools/extract_freedict.py) has one row per translation: english, sense number,
indonesian. It is read for queries only, never for pages (so it sits in a folder of its own,
outside the word lists whose digest keys the index, lexicon.data_digest): "purse" reads as
"dompet", "widow" as "janda", at a weight below the glossary's, since a general dictionary's
first sense is not always the public service's ("seizure" is "kejang", not "penyitaan").
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

PATH = Path(__file__).parent / "data" / "dictionary" / "freedict_eng_ind.tsv"
MAX_SENSES = 2  # a word's first senses: later ones are rarer readings ("court" 6: istana)
MAX_READINGS = 3  # translations per word, in the dictionary's order


class Dictionary:
    """English word -> its first Indonesian translations (at most ``MAX_READINGS`` from the
    first ``MAX_SENSES`` senses). A word is looked up as typed, else by its Snowball English
    stem ("widows" -> widow), so an inflected word finds its headword without pooling the
    senses of other words of that stem ("organization" is not "organ")."""

    def __init__(self, words: dict[str, tuple[str, ...]], stem: Callable[[str], str]):
        self.words = words
        self.stem = stem
        self.stems: dict[str, tuple[str, ...]] = {}
        for word in sorted(words, key=len):  # the shortest word of a stem is its headword
            self.stems.setdefault(stem(word), words[word])

    def readings(self, word: str) -> tuple[str, ...]:
        found = self.words.get(word)
        return found if found is not None else self.stems.get(self.stem(word), ())


def load(stem: Callable[[str], str], path: Path = PATH) -> Dictionary:
    """The dictionary of ``path``. A missing file leaves English words the glossary lacks
    unread (logged); a malformed row is a ``ValueError`` naming the file and line, since the
    file ships with the code."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        log.warning("%s is missing: English words outside the glossary get no Indonesian "
                    "reading (tools/extract_freedict.py writes it)", path)
        return Dictionary({}, stem)
    out: dict[str, list[str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[1].isdigit() or not parts[0] or not parts[2].strip():
            raise ValueError(f"{path.name} line {number}: expected english<TAB>sense<TAB>"
                             f"indonesian, got {line!r}")
        english, sense, indonesian = (part.strip() for part in parts)
        if int(sense) > MAX_SENSES:
            continue
        readings = out.setdefault(english.lower(), [])
        if len(readings) < MAX_READINGS and indonesian not in readings:
            readings.append(indonesian)
    return Dictionary({key: tuple(value) for key, value in out.items()}, stem)
