"""Extract the English -> Indonesian word pairs of Debian's ``dict-freedict-eng-ind`` into
``indexer/analysis/data/dictionary/freedict_eng_ind.tsv``.

The package (FreeDict+WikDict, from Wiktionary; CC-BY-SA-3.0) is a dictd database: the
``.index`` lines are ``headword<TAB>offset<TAB>length`` (dictd's base64 numbers) into the
gzip'd ``.dict.dz``. An entry reads::

    court /koət/ <n>
    1. lapangan
    enclosed space; a courtyard
    2. pengadilan, mahkamah 2.
    hall, chamber, or place, where justice is administered
     3.
    tribunal established for the administration of justice

A sense's translations are the line after the headword (one sense) or each ``N. ...`` line;
a trailing `` 2.`` and the indented `` 3.`` lines number further English glosses of the same
translations, which are not kept. Only one-word English headwords are kept (the analyzer
reads a query word by word), and no names ("Job", Ayyub, is not "job"); the output has one
row per translation, ``english<TAB>sense<TAB>indonesian``, in the dictionary's order.

Usage: .venv/bin/python tools/extract_freedict.py [/usr/share/dictd]
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

NAME = "freedict-eng-ind"
DATA = Path(__file__).resolve().parent.parent / "indexer/analysis/data"
OUT = DATA / "dictionary" / "freedict_eng_ind.tsv"
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_SENSE = re.compile(r"^(\d+)\.\s+(.*?)(?:\s+\d+\.)?$")
_WORD = re.compile(r"^[a-z][a-z'-]*$")
_LINK = re.compile(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]")  # Wiktionary's [[kemudi|mengemudi]]
_PLAIN = re.compile(r"^[a-zA-Z][a-zA-Z '-]*$")
HEADER = (
    "# English -> Indonesian, one row per translation: english, sense number, indonesian.\n"
    "# Extracted by tools/extract_freedict.py from Debian's dict-freedict-eng-ind\n"
    "# (FreeDict+WikDict edition {edition}, from Wiktionary via DBnary), CC-BY-SA-3.0\n"
    "# (https://creativecommons.org/licenses/by-sa/3.0/);\n"
    "# this extract is shared under the same licence (see SOURCES.md).\n"
)


def dictd_number(text: str) -> int:
    """A dictd base64 number ("Bq" -> 106); ``ValueError`` naming the text if it is none."""
    value = 0
    for char in text:
        if char not in _B64:
            raise ValueError(f"{text!r} is no dictd base64 number")
        value = value * 64 + _B64.index(char)
    return value


def plain(translation: str) -> str:
    """A translation as words ("[[kemudi|mengemudi(kan)]]" -> "mengemudi"), or "" for one
    that is no plain word or phrase ("apakah ... atau tidak", "Tn.")."""
    text = re.sub(r"\([^)]*\)", "", _LINK.sub(r"\1", translation)).strip().rstrip("!")
    return text if _PLAIN.match(text) else ""


def senses(entry: str) -> list[tuple[int, list[str]]]:
    """The numbered translations of one entry (its headword line first)."""
    lines = entry.split("\n")[1:]
    out: list[tuple[int, list[str]]] = []
    for i, line in enumerate(lines):
        match = _SENSE.match(line)
        if match:
            number, text = int(match.group(1)), match.group(2)
        elif i == 0 and line.strip():
            number, text = 1, re.sub(r"\s+\d+\.$", "", line)
        else:
            continue
        words = [w for w in (plain(w) for w in text.split(",")) if w]
        if words:
            out.append((number, words))
    return out


def extract(folder: Path) -> tuple[str, list[tuple[str, int, str]]]:
    index = folder / f"{NAME}.index"
    data = gzip.open(folder / f"{NAME}.dict.dz").read()
    rows: list[tuple[str, int, str]] = []
    edition = ""
    for number, line in enumerate(index.read_text(encoding="utf-8").splitlines(), 1):
        try:
            head, offset, length = line.split("\t")
            start, size = dictd_number(offset), dictd_number(length)
        except ValueError as error:
            raise SystemExit(f"{index} line {number}: expected headword<TAB>offset<TAB>"
                             f"length (dictd base64), got {line!r} ({error})") from None
        entry = data[start:start + size].decode("utf-8")
        if head == "00databaseinfo":
            edition = next((x.split(":", 1)[1].strip() for x in entry.splitlines()
                            if x.startswith("Edition:")), "")
        word = head  # the index is lower case; the entry writes a name's capital
        if not _WORD.match(word) or not entry[:1].islower():
            continue
        for number, translations in senses(entry):
            for indonesian in translations:
                row = (word, number, indonesian)
                if row not in rows[-40:]:
                    rows.append(row)
    if not rows or not edition:
        raise SystemExit(f"{folder}: no {NAME} entries read; is dict-freedict-eng-ind "
                         "unpacked there?")
    return edition, rows


def main(argv: list[str]) -> None:
    folder = Path(argv[1]) if len(argv) > 1 else Path("/usr/share/dictd")
    edition, rows = extract(folder)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as out:
        out.write(HEADER.format(edition=edition))
        for word, number, indonesian in rows:
            out.write(f"{word}\t{number}\t{indonesian}\n")
    print(f"{len(rows)} rows, {len({r[0] for r in rows})} words -> {OUT}")


if __name__ == "__main__":
    main(sys.argv)
