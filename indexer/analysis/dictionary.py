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
OVERRIDES = PATH.with_name("overrides.tsv")  # english<TAB>readings (;), empty to skip
MAX_SENSES = 2  # a word's first senses: later ones are rarer readings ("court" 6: istana)
MAX_READINGS = 3  # translations per word, in the dictionary's order


class Dictionary:
    """English word -> its first Indonesian translations (at most ``MAX_READINGS`` from the
    first ``MAX_SENSES`` senses). A word is looked up as typed, else with a regular
    inflection taken off ("animals" -> animal, "parking" -> park, "stopped" -> stop); no
    Snowball-stem match, since a stem's shortest headword is often another word ("animals"
    is not "anime", "customer" not "custom"). ``overrides`` (english -> readings, empty to
    skip the word) replace the dictionary's first senses where they mislead ("late" read as
    "almarhum")."""

    def __init__(self, words: dict[str, tuple[str, ...]], stem: Callable[[str], str],
                 overrides: dict[str, tuple[str, ...]] | None = None):
        self.words = {**words, **(overrides or {})}
        self.stem = stem  # kept for callers; lookups no longer use it

    def readings(self, word: str) -> tuple[str, ...]:
        for candidate in _uninflected(word):
            found = self.words.get(candidate)
            if found is not None:
                return found
        return ()


def _uninflected(word: str) -> list[str]:
    """``word`` then its regular uninflected forms, most likely first."""
    out = [word]
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        out.append(word[:-1])
    if word.endswith("es") and len(word) > 4:
        out.append(word[:-2])  # boxes -> box
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)]
            if suffix == "ed" and base.endswith("i"):
                out.append(base[:-1] + "y")  # applied -> apply
            if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "aeiouls":
                out.append(base[:-1])  # stopped -> stop
            out.extend((base, base + "e"))  # parking -> park, housing -> house
    return list(dict.fromkeys(out))


def load_overrides(path: Path | None = OVERRIDES) -> dict[str, tuple[str, ...]]:
    """english -> readings of ``path`` (none if it is None or missing)."""
    if path is None or not path.exists():
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        english, tab, readings = line.partition("\t")
        if not tab or not english.strip():
            raise ValueError(f"{path.name} line {number}: expected english<TAB>readings, "
                             f"got {line!r}")
        out[english.strip().lower()] = tuple(r.strip() for r in readings.split(";")
                                             if r.strip())
    return out


def load(stem: Callable[[str], str], path: Path = PATH,
         overrides: Path | None = OVERRIDES) -> Dictionary:
    """The dictionary of ``path``. A missing file leaves English words the glossary lacks
    unread (logged); a malformed row is a ``ValueError`` naming the file and line, since the
    file ships with the code."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        log.warning("%s is missing: English words outside the glossary get no Indonesian "
                    "reading (tools/extract_freedict.py writes it)", path)
        return Dictionary({}, stem, load_overrides(overrides))
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
    return Dictionary({key: tuple(value) for key, value in out.items()}, stem,
                      load_overrides(overrides))
