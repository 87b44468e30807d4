"""The word lists of the analysis, loaded once from ``data/`` into one immutable object.

Priority when two lists disagree about a word: ``compounds.tsv`` (names) over
``colloquial.tsv`` and ``jambi_malay.tsv`` (curated for sikoja) over IndoCollex over the
combined slang list. The two MIT slang lists are only trusted for words that are neither a real
Indonesian root word nor a protected acronym: that is what keeps ``kk`` from becoming
``kakak`` and ``smp`` from becoming ``sampai``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from indexer.analysis.text import words_of

DATA_DIR = Path(__file__).with_name("data")
_PARENTHETICAL = re.compile(r"\([^)]*\)")
_ALPHA = re.compile(r"[a-z]+")

Phrase = tuple[str, ...]

ENGLISH_STOPWORDS = frozenset(
    "a an the of to for in on at by with from and or is are be do does how what where when "
    "which who why i me my we our you your it this that can could need want get please about "
    "into out up".split()
)


# Raised when a rule in code changes what a word analyses to (stemming.py's Jambi Malay -o
# rule: 2; its clitics and colloquial n-: 3; no particle on an acronym: 4; formal suffixes
# after a colloquial prefix, Jambi Malay -ke: 5; normalize.py's no phrase on a reduplicated
# word: 6), so pages indexed with the old rule are analysed again, as for a changed list.
RULES_VERSION = "6"


@cache
def data_digest(folder: Path = DATA_DIR) -> str:
    """A digest of every word list in ``folder`` (names and bytes) and of ``RULES_VERSION``,
    read once per process: the index keys carry it, so a release that changes a list (a stem
    override, a renamed term, the glossary) or a rule re-analyses the pages an index built
    with the old ones holds."""
    digest = hashlib.sha256(f"rules {RULES_VERSION}\0".encode())
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class Lexicon:
    stopwords: frozenset[str]
    # surface phrase -> replacement words; applied to documents and queries alike
    rewrites: dict[Phrase, Phrase]
    # rewrites that only apply when the word was not written in capitals (dak vs DAK)
    lowercase_only: frozenset[str]
    # query-only second readings of colloquial words that are also real words ("liat" ->
    # "lihat", "info" -> "informasi"): never rewritten, offered with a low weight
    slang_readings: dict[str, str]
    # lowercase single-word acronyms and app/agency names: never slang-normalised, stemmed
    # or typo-corrected
    protected: frozenset[str]
    # acronym (surface phrase) -> readable expansions
    abbreviations: dict[Phrase, tuple[str, ...]]
    # old name -> current names (readable)
    renamed: dict[Phrase, tuple[str, ...]]
    # English phrase -> Indonesian phrase (readable)
    glossary: dict[Phrase, str]
    # English spelling variant or misspelling -> the word the glossary writes ("licence" ->
    # "license", "certficate" -> "certificate"): read as that word in every entry, phrases too
    english_variants: dict[str, str]
    stem_overrides: dict[str, str]
    # Indonesian root words (Sastrawi's dictionary): "is this a real word?"
    root_words: frozenset[str]
    # every surface word any list knows as Indonesian (roots, slang keys, acronyms, stopwords)
    indonesian_words: frozenset[str]
    english_words: frozenset[str]
    # dropped from English queries only ("a" stays in Indonesian text: "SIM A")
    english_stopwords: frozenset[str]


def _rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file, comments and blank lines skipped."""
    rows = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def _abbreviation_rows() -> list[tuple[str, str]]:
    rows = []
    for name in ("gov_abbreviations_compiled.csv", "abbreviations_extra.csv"):
        with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                rows.append((row["abbr"], row["expansion"]))
    return rows


def _expansions(text: str) -> list[str]:
    """``Izin Mendirikan Bangunan (diganti PBG)`` -> ["Izin Mendirikan Bangunan"]; " / " splits."""
    if text.lstrip().startswith("("):
        return []
    out = []
    for part in text.split(" / "):
        part = " ".join(_PARENTHETICAL.sub(" ", part).split())
        if part:
            out.append(part)
    return out


def _place_words(stopwords: set[str]) -> set[str]:
    """Words of Kota Jambi's kecamatan and kelurahan names (BPS): names are not stemmed or
    slang-normalised ("Penyengat Rendah" must not become "sengat", "Pelayangan" "layang")."""
    out: set[str] = set()
    with open(DATA_DIR / "kota_jambi_wilayah_bps.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out.update(w for w in words_of(row["name"]) if len(w) >= 4 and w not in stopwords)
    return out


def _root_words() -> frozenset[str]:
    path = resources.files("Sastrawi") / "Stemmer" / "data" / "kata-dasar.txt"
    return frozenset(path.read_text(encoding="utf-8").split())


@cache
def load() -> Lexicon:
    """The lexicon (read once per process; it never changes while running)."""
    stopwords = {w.strip() for w in (DATA_DIR / "stopwords-id.txt").read_text().split()}
    for (change,) in (row[:1] for row in _rows("stopwords.txt")):
        if change.startswith("-"):
            stopwords.discard(change[1:])
        elif change.startswith("+"):
            stopwords.add(change[1:])

    abbreviations: dict[Phrase, list[str]] = {}
    acronyms: set[str] = set()
    for abbr, expansion in _abbreviation_rows():
        for variant in abbr.split("/"):
            key = tuple(words_of(variant))
            if not key:
                continue
            acronyms.update(key)
            for readable in _expansions(expansion):
                if tuple(words_of(readable)) != key:
                    abbreviations.setdefault(key, [])
                    if readable not in abbreviations[key]:
                        abbreviations[key].append(readable)
    root_words = _root_words()
    renamed: dict[Phrase, list[str]] = {}
    for old, new, *_ in _rows("renamed_terms.tsv"):
        renamed.setdefault(tuple(words_of(old)), []).append(new)
    # a one-word old name ("kipem", "tdi", "siujk") is a name, not a typo nor slang: typo
    # correction would turn it into a nearby index word before it could be renamed
    old_names = {key[0] for key in renamed if len(key) == 1 and key[0] not in root_words}
    protected = (
        set(acronyms) | {row[0] for row in _rows("protected.txt")} | _place_words(stopwords)
        | old_names
    )

    glossary: dict[Phrase, str] = {}
    english_variants: dict[str, str] = {}
    for en, idn, *_ in _rows("glossary_en.tsv"):
        if idn.startswith("="):
            variant, word = words_of(en), words_of(idn[1:])
            if len(variant) != 1 or len(word) != 1:
                raise ValueError(f"glossary_en.tsv: a spelling variant is one word: {en!r}")
            english_variants[variant[0]] = word[0]
        else:
            glossary[tuple(words_of(en))] = idn
    english_words = {w for key in glossary for w in key} | set(english_variants) | {
        "how", "what", "where", "when", "which", "who", "why", "get", "need", "can", "lost",
        "pay", "apply", "make", "new", "card", "certificate", "office", "city",
    } | ENGLISH_STOPWORDS  # fmt: skip
    english_words -= {row[0] for row in _rows("shared_words.txt")}

    rewrites: dict[Phrase, Phrase] = {}
    slang_readings: dict[str, str] = {}

    def add(informal: str, formal: str, *, trusted: bool) -> None:
        key, value = tuple(words_of(informal)), tuple(words_of(formal))
        # a phrase kept as it is still consumes its words: "anak laki" (son) keeps the Jambi
        # Malay "laki kau" (husband) from starting on its second word
        if not key or (key == value and len(key) == 1) or key in rewrites:
            return
        if not trusted:
            # an MIT slang entry: single plain word, not a real word, not an acronym
            if len(key) != 1 or not _ALPHA.fullmatch(key[0]):
                return
            if not all(_ALPHA.fullmatch(w) for w in value):
                return
            if key[0] in protected or len(key[0]) < 2 or key[0] in english_words:
                return  # the slang lists read "of" as "dari"
            if key[0] in root_words:
                if len(value) == 1 and len(key[0]) > 2:
                    slang_readings.setdefault(key[0], value[0])
                return
        rewrites[key] = value

    for informal, formal, *_ in _rows("compounds.tsv"):
        add(informal, formal, trusted=True)
    # the compounds also reach the canonical form from its own tokens (``ktp`` stays ``ktp``)
    curated = _rows("colloquial.tsv") + _rows("jambi_malay.tsv")
    for informal, formal, *_ in curated:
        add(informal, formal, trusted=True)
    lowercase_only = frozenset(key[0] for key in rewrites if len(key) == 1 and key[0] in acronyms)
    with open(DATA_DIR / "indocollex_informal-formal-dictionary.tsv", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            cells = line.rstrip("\n").split("\t")
            if len(cells) == 2:
                add(cells[0], cells[1], trusted=False)
    slang = json.loads((DATA_DIR / "louisowen6_combined_slang_words.json").read_text("utf-8"))
    for informal, formal in slang.items():
        add(informal, formal, trusted=False)

    stem_overrides = {word: stem for word, stem, *_ in _rows("stem_overrides.tsv")}
    indonesian_words = (
        root_words
        | stopwords
        | protected
        | {w for key in rewrites for w in key}
        | {w for value in rewrites.values() for w in value}
        | {w for idn in glossary.values() for w in words_of(idn) if w.isalpha()}
    ) - english_words

    return Lexicon(
        stopwords=frozenset(stopwords),
        rewrites=rewrites,
        lowercase_only=lowercase_only,
        slang_readings={k: v for k, v in slang_readings.items() if (k,) not in rewrites},
        protected=frozenset(protected),
        abbreviations={k: tuple(v) for k, v in abbreviations.items()},
        renamed={k: tuple(v) for k, v in renamed.items()},
        glossary=glossary,
        english_variants=english_variants,
        stem_overrides=stem_overrides,
        root_words=root_words,
        indonesian_words=frozenset(indonesian_words),
        english_words=frozenset(english_words),
        english_stopwords=ENGLISH_STOPWORDS,
    )
