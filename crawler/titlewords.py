"""What a service's title names, as a set of word forms two titles of one service share.

Near-duplicate grouping (``crawler.dedup``) keeps apart two services whose titles share no
word: one template across puskesmas sites gives "Poli Umum dan Rujukan" and "Pelayanan
Kesehatan Ibu dan Anak - KIA" the same requirements and procedure. A re-listing names its
service again, but perhaps in other words, so a title is read loosely enough that those
still meet:

- affixed forms meet their root: each word also stands for what is left after taking off
  a suffix (-an, -kan, -nya) and a prefix (pe-, pem-, per-, ke-, me-, ...), each way it
  can be read ("Perekaman" gives "rekam" and "ekam", "Pelaporan" and "Laporan" give
  "lapor", "Kelahiran" gives "lahir");
- an acronym meets its spelled-out name: the initials of every run of 3 to 6 words are
  names too ("Surat Keterangan Tidak Mampu" gives "sktm", "Kartu Identitas Anak" "kia").

Too loose a reading only leaves a pair to the text scores, as before; the crawler cannot
use the index's analysis (Sastrawi, the acronym list: the crawler and the indexer never
import each other), so this reading is its own and deliberately generous.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9]+")
# words that name no service: joiners, and where or how a page offers one
STOPWORDS = frozenset(
    "dan di ke dari untuk bagi atau yang dengan ini itu oleh pada dalam atas serta "
    "melalui lewat secara cara tata syarat persyaratan prosedur layanan pelayanan info "
    "informasi kota jambi kami online daring the of and for".split())
_SUFFIXES = ("nya", "kan", "an", "i")
_PREFIXES = ("meng", "meny", "mem", "men", "me", "peng", "peny", "pem", "pen", "per", "pe",
             "ber", "be", "ter", "di", "ke", "se")
MIN_FORM = 3  # shorter leftovers ("an", "ka") are not words
ACRONYM = range(3, 7)  # words in a run whose initials may be an acronym


def forms(word: str) -> set[str]:
    """``word`` and what is left of it without a suffix and/or a prefix."""
    out = {word}
    if word.isdigit():
        return out
    bases = {word} | {word[:-len(s)] for s in _SUFFIXES
                      if word.endswith(s) and len(word) - len(s) >= MIN_FORM}
    for base in bases:
        out.add(base)
        out.update(base[len(p):] for p in _PREFIXES
                   if base.startswith(p) and len(base) - len(p) >= MIN_FORM)
    return out


def words(text: str) -> list[str]:
    """The lower-cased runs of letters and digits of ``text``."""
    return _WORD.findall(text.lower())


def title_names(title: str) -> frozenset[str]:
    """The forms of the title's words that name something, and the initials of its runs
    of words (stopwords included: "Tidak" is the T of SKTM)."""
    said = words(title)
    names: set[str] = set()
    for word in said:
        if word not in STOPWORDS and (len(word) > 1 or word.isdigit()):
            names |= forms(word)
    for size in ACRONYM:
        for i in range(len(said) - size + 1):
            names.add("".join(w[0] for w in said[i:i + size]))
    return frozenset(names)
