"""Select the out-of-vocabulary (OOV) queries of a judged query file, by rule, not by hand.

Issue #16 asks how sikoja does on words nobody listed. A query belongs to that category when
none of its content words appears in any lexicon or synonym entry, so that what finds its
answer is the analysis and ranking in general (stemming, typo tolerance, embeddings), not a
list someone wrote for it. Writing such queries by feel leaks listed words in; this script is
the judge, and it prints why it turned each candidate away.

    python tools/select_oov.py [CANDIDATES] [--out OOV.tsv]
    # default: eval/heldout/oov_candidates.tsv -> eval/heldout/oov.tsv

What counts, decided once here:

- **Content words** of a query are its words split and lower-cased as the analyzer splits them
  (``indexer.analysis.text.words_of``: Unicode clean-up, casefold, punctuation split,
  hyphenated words into parts, ``anak-anak`` into ``anak``), minus stop-words and pure numbers.
  Stop-words are the analyzer's: ``stopwords-id.txt`` changed by ``stopwords.txt`` (``-word``
  keeps a word, ``+word`` adds one) and its English function words (``how``, ``the``), which
  carry no content in either language.
- **Entries** are the rows of every lexicon of ``indexer/analysis/data`` and every rule of the
  synonym file. A word "appears in an entry" when it is any word of any term of the entry, on
  any side: the informal and the formal form, the English and the Indonesian side, the old and
  the new name, the acronym and its expansion (the whole expansion cell, notes in brackets
  included), every term of a synonym rule left and right of ``=>``. A multi-word term counts by
  its words: ``kartu keluarga`` makes ``kartu`` and ``keluarga`` listed. Terms are split with
  the same ``words_of`` as the queries, so case and punctuation never decide. Comment lines and
  the source/domain columns of the abbreviation lists are not entries. The slang lists count in
  full, including entries the analyzer itself distrusts: "appears in no entry" is about the
  files, not about which rows the analyzer applies.
- Words are compared as written, not stemmed: ``kebakaran`` is not ``bakar``.
- A candidate without any content word is rejected (there is nothing to be out of vocabulary).

The output keeps the kept rows exactly as they were written, in the candidates' order; running
it twice gives the same file. Bad input (missing file, wrong header, short row, repeated qid,
a lexicon file missing) stops with one clear line and writes nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.analysis.lexicon import ENGLISH_STOPWORDS  # noqa: E402
from indexer.analysis.text import words_of  # noqa: E402
from synonyms.rules import SynonymFileError  # noqa: E402
from synonyms.rules import parse as parse_synonyms  # noqa: E402

DATA_DIR = ROOT / "indexer" / "analysis" / "data"
SYNONYMS = ROOT / "synonyms" / "data" / "default.txt"
CANDIDATES = ROOT / "eval" / "heldout" / "oov_candidates.tsv"
OUT = ROOT / "eval" / "heldout" / "oov.tsv"
HEADER = ["qid", "category", "query", "relevant"]

# two-column tab-separated lists (``#`` comments): every cell is a term
TSV_LEXICONS = ("colloquial.tsv", "jambi_malay.tsv", "glossary_en.tsv", "renamed_terms.tsv",
                "compounds.tsv")
# CSV with a header: the ``abbr`` and ``expansion`` columns are terms (not domain, source)
CSV_LEXICONS = ("abbreviations_extra.csv", "gov_abbreviations_compiled.csv")
# header line ``informal<TAB>formal``, then pairs
INDOCOLLEX = "indocollex_informal-formal-dictionary.tsv"
# one JSON object, slang -> formal
SLANG_JSON = "louisowen6_combined_slang_words.json"


class SelectError(Exception):
    """Input the selection cannot trust; the message names the file and line."""


@dataclass(frozen=True)
class Entry:
    """Where a listed word was first seen: ``file:line`` and the entry's terms."""

    where: str
    terms: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.where} ({' | '.join(self.terms)})"


def read_stopwords(data_dir: Path) -> frozenset[str]:
    """The analyzer's stop-words: the stopwords-iso list, its local changes, English ones."""
    words = set(_read(data_dir / "stopwords-id.txt").split())
    for line in _read(data_dir / "stopwords.txt").splitlines():
        change = line.strip()
        if change.startswith("-"):
            words.discard(change[1:])
        elif change.startswith("+"):
            words.add(change[1:])
    return frozenset(words) | ENGLISH_STOPWORDS


def _read(path: Path) -> str:
    if not path.is_file():
        raise SelectError(f"{path}: not found (every lexicon must be there, or the selection "
                          "would call listed words unlisted)")
    return path.read_text(encoding="utf-8")


def _entries(data_dir: Path, synonyms: Path):
    """Every entry of every list as (file:line, terms), in a fixed order."""
    for name in TSV_LEXICONS:
        for number, line in enumerate(_read(data_dir / name).splitlines(), 1):
            if line.strip() and not line.startswith("#"):
                yield f"{name}:{number}", tuple(c.strip() for c in line.split("\t"))
    for name in CSV_LEXICONS:
        rows = csv.DictReader(_read(data_dir / name).splitlines())
        if not rows.fieldnames or not {"abbr", "expansion"} <= set(rows.fieldnames):
            raise SelectError(f"{data_dir / name}: header must name abbr and expansion")
        for row in rows:
            yield f"{name}:{rows.line_num}", (row["abbr"] or "", row["expansion"] or "")
    for number, line in enumerate(_read(data_dir / INDOCOLLEX).splitlines(), 1):
        if number > 1 and line.strip():
            yield f"{INDOCOLLEX}:{number}", tuple(line.split("\t"))
    try:
        slang = json.loads(_read(data_dir / SLANG_JSON))
    except json.JSONDecodeError as exc:
        raise SelectError(f"{data_dir / SLANG_JSON}: not JSON ({exc})") from exc
    if not isinstance(slang, dict):
        raise SelectError(f"{data_dir / SLANG_JSON}: expected one object of slang -> formal")
    for key, value in slang.items():
        yield f"{SLANG_JSON}[{key!r}]", (str(key), str(value))
    try:
        rules = parse_synonyms(_read(synonyms).encode("utf-8"), source=synonyms.name)
    except SynonymFileError as exc:  # its message names every bad line
        raise SelectError(str(exc)) from exc
    for rule in rules:
        yield f"{synonyms.name}:{rule.line}", rule.terms


def listed_words(data_dir: Path = DATA_DIR, synonyms: Path = SYNONYMS) -> dict[str, Entry]:
    """Every word of every entry -> the first entry it appears in."""
    out: dict[str, Entry] = {}
    for where, terms in _entries(data_dir, synonyms):
        entry = Entry(where, terms)
        for term in terms:
            for word in words_of(term):
                out.setdefault(word, entry)
    return out


def content_words(query: str, stopwords: frozenset[str]) -> list[str]:
    """The query's words as the analyzer splits them, without stop-words and pure numbers."""
    words = [w for w in words_of(query) if w not in stopwords and not w.isdigit()]
    return list(dict.fromkeys(words))


def read_candidates(path: Path) -> list[list[str]]:
    """The rows of a judged-query TSV (header ``qid category query relevant``), checked."""
    if not path.is_file():
        raise SelectError(f"{path}: not found")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header != HEADER:
            raise SelectError(f"{path}:1: the header must be: {' '.join(HEADER)}")
        rows: list[list[str]] = []
        seen: set[str] = set()
        for row in reader:
            number = reader.line_num
            if not "".join(row).strip():
                continue
            if len(row) != 4 or not all(cell.strip() for cell in row):
                raise SelectError(f"{path}:{number}: expected 4 non-empty tab-separated columns")
            if row[0] in seen:
                raise SelectError(f"{path}:{number}: qid {row[0]} written twice")
            seen.add(row[0])
            rows.append(row)
    if not rows:
        raise SelectError(f"{path}: no candidate queries")
    return rows


def select(rows: list[list[str]], listed: dict[str, Entry],
           stopwords: frozenset[str]) -> tuple[list[list[str]], list[tuple[str, str]]]:
    """(kept rows, (qid, reason) per rejected row), both in the input's order."""
    kept, rejected = [], []
    for row in rows:
        words = content_words(row[2], stopwords)
        if not words:
            rejected.append((row[0], "no content words"))
            continue
        hits = [f"'{w}' in {listed[w]}" for w in words if w in listed]
        if hits:
            rejected.append((row[0], "; ".join(hits)))
        else:
            kept.append(row)
    return kept, rejected


def write_rows(path: Path, rows: list[list[str]]) -> None:
    """The kept rows under the header, written whole or not at all."""
    text = "\n".join("\t".join(r) for r in [HEADER, *rows]) + "\n"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("candidates", nargs="?", type=Path, default=CANDIDATES,
                        help="judged candidate queries (default: eval/heldout/oov_candidates.tsv)")
    parser.add_argument("--out", type=Path, default=OUT,
                        help="where the kept queries go (default: eval/heldout/oov.tsv)")
    parser.add_argument("--data", type=Path, default=DATA_DIR,
                        help="the lexicon folder (default: indexer/analysis/data)")
    parser.add_argument("--synonyms", type=Path, default=SYNONYMS,
                        help="the synonym rules (default: synonyms/data/default.txt)")
    args = parser.parse_args(argv)
    try:
        rows = read_candidates(args.candidates)
        stopwords = read_stopwords(args.data)
        listed = listed_words(args.data, args.synonyms)
        kept, rejected = select(rows, listed, stopwords)
        for qid, reason in rejected:
            print(f"rejected {qid}: {reason}")
        write_rows(args.out, kept)
    except (SelectError, OSError, UnicodeDecodeError) as exc:
        print(f"select_oov: {exc}", file=sys.stderr)
        return 2
    print(f"kept {len(kept)} of {len(rows)} candidates ({len(rejected)} rejected) -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
