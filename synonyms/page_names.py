"""Names that a page gives its own subject: "Surat Izin Tempat Usaha (SITU)", "PBG / eks
IMB", "Kartu AK/1 atau yang dikenal sebagai kartu kuning".

OPD pages define the short and the old names of their services themselves, in a handful of
ways Indonesian writers share across templates. Reading them at index time lets a page be
found by the name it gives, with no hand-written rule and no recrawl, and lets the admin see
them as synonym suggestions (with the page that taught them).

False names cost more than missed ones, so each way is strict:

- an abbreviation in parentheses counts only when its letters can be read, in order, from
  the words just before it (each word giving at least one letter, most of them their first;
  particles such as "dan" may give none): "(Perda No. 5 Tahun 2019)" and "(gratis)" never do;
- a marked name ("disebut juga", "dikenal sebagai", "alias") is taken up to the end of the
  phrase; a weak marker ("dulu", "sebelumnya", "eks", "d/h") only when a capitalised name or
  an acronym follows it, so "lapor dulu ke 112", "terlebih dahulu" and "eks rumah dinas" are
  not names;
- "A / B" is read as two names only in a title or heading, when one side is an acronym or
  both have two words or more ("KIA / Kartu Anak", not "Pindah / Datang").

This module is a pure function of the text: no index, no store.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Words an abbreviation may skip ("Pajak Bumi dan Bangunan" -> PBB).
PARTICLES = frozenset({"dan", "atau", "di", "ke", "dari", "untuk", "yang", "serta", "bagi",
                       "pada", "&", "of", "the", "and", "for"})
MAX_ABBREVIATION = 10
MAX_SPAN = 8  # words an abbreviation may stand for
MAX_NAME_WORDS = 6
# Where a marked name ends: punctuation, or a word that starts the rest of the sentence.
_NAME_STOP = frozenset({"adalah", "yaitu", "ialah", "merupakan", "yang", "untuk", "dengan",
                        "di", "ke", "dari", "pada", "oleh", "kini", "sekarang", "menjadi",
                        "karena", "sejak", "dan", "atau", "bisa", "dapat", "wajib", "harus"})

_WORD = re.compile(r"[^\W_]+(?:[-/.'][^\W_]+)*", re.UNICODE)
_ABBREVIATION = re.compile(r"\(\s*([^\W_][\w\-/.]{0,14}?)\s*\)")
# strong markers take what follows as a name; weak ones need a name-like word after them
_STRONG = re.compile(
    r"\b(?:(?:di|ter)?sebut\s+juga(?:\s+dengan|\s+sebagai)?|biasa\s+disebut|"
    r"(?:lebih\s+)?dikenal\s+(?:juga\s+)?(?:dengan(?:\s+nama)?|sebagai)|alias|"
    r"nama\s+lain(?:nya)?)\s*:?\s+", re.IGNORECASE)
_WEAK = re.compile(
    r"(?<!terlebih\s)\b(?:dulu(?:nya)?|dahulu(?:nya)?|sebelumnya|semula|d/h|eks\.?|"
    r"nama\s+lama(?:nya)?|nama\s+sebelumnya|(?:dulu|dahulu|sebelumnya)\s+(?:bernama|"
    r"disebut|dikenal(?:\s+sebagai)?))\s*:?\s+", re.IGNORECASE)
# words between a subject and its marker ("NIB, dahulu dikenal sebagai", "atau yang dikenal")
_GLUE = frozenset({"atau", "yang", "juga", "ini", "itu", "dulu", "dahulu", "sebelumnya",
                   "lebih", "biasa", "kini", "sekarang"})
_SENTENCE = re.compile(r"[.;:!?\n]\s|[\n;]")
_SLASH = re.compile(r"\s+/\s+")


@dataclass(frozen=True)
class PageName:
    """One name a page gives: ``name`` stands for ``full`` (the page's words for it)."""

    name: str
    full: str
    how: str  # "abbreviation" | "also-called" | "former" | "alternative"
    where: str  # "title" | "heading" (the first) | "section" (a later heading) | "text"


def is_acronym(word: str) -> bool:
    """SITU, KTP-el, AK/1, PBB-P2: mostly capitals, 2-10 letters."""
    letters = [c for c in word if c.isalpha()]
    if not 2 <= len(letters) <= MAX_ABBREVIATION:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper >= 2 and upper * 2 >= len(letters)


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalpha())


@lru_cache(maxsize=4096)
def _spells(letters: str, words: tuple[str, ...]) -> bool:
    """Whether ``letters`` can be read in order from ``words``: each content word gives a
    run of at least one of its letters (particles may give none), the first word its first
    letter, and most content words their first letter."""
    content = [w for w in words if w not in PARTICLES]
    if not content or words[0] in PARTICLES or not letters or letters[0] != words[0][0]:
        return False
    need_initials = (len(content) + 1) // 2

    def walk(i: int, w: int, initials: int) -> bool:
        if w == len(words):
            return i == len(letters) and initials >= need_initials
        word = words[w]
        if word in PARTICLES and walk(i, w + 1, initials):
            return True
        # the word gives letters[i:j], found in order inside it
        pos, j = 0, i
        first_used = False
        while j < len(letters):
            found = word.find(letters[j], pos)
            if found < 0:
                break
            if j == i:
                first_used = found == 0
            pos, j = found + 1, j + 1
            if walk(j, w + 1, initials + first_used):
                return True
        return False

    return walk(0, 0, 0)


def abbreviation_for(abbreviation: str, before: str) -> str | None:
    """The words just before ``(abbreviation)`` that it stands for, or None."""
    if not is_acronym(abbreviation) and not (abbreviation[:1].isupper()
                                             and len(abbreviation) <= MAX_ABBREVIATION):
        return None
    letters = _letters(abbreviation)
    if not 2 <= len(letters) <= MAX_ABBREVIATION:
        return None
    words = _WORD.findall(before)[-MAX_SPAN:]
    folded = tuple(w.casefold() for w in words)
    for size in range(2, len(words) + 1):  # the shortest run that spells it
        span = folded[-size:]
        if len(span) * 4 < len(letters):
            continue
        if _spells(letters, span):
            return " ".join(words[-size:])
    return None


def _name_after(text: str, strong: bool) -> str | None:
    """The name a marker introduces: quoted text, or words up to the end of the phrase."""
    text = text.lstrip()
    quoted = re.match(r"[\"“'‘]([^\"”'’]{2,60})[\"”'’]", text)
    if quoted:
        return quoted.group(1).strip()
    words: list[str] = []
    for match in _WORD.finditer(text):
        gap = text[match.start() - 1] if match.start() else " "
        if words and gap not in " -":
            break  # punctuation ends the name
        word = match.group(0)
        if word.casefold() in _NAME_STOP or len(words) >= MAX_NAME_WORDS:
            break
        if not strong and not (is_acronym(word) or word[:1].isupper()):
            break
        words.append(word)
        following = text[match.end(): match.end() + 1]
        if following and following not in " -":
            break
    if not words:
        return None
    name = " ".join(words)
    return name if len(_letters(name)) >= 2 else None


def _subject_before(text: str) -> str:
    """The words a marker refers back to: the phrase just before it, in its sentence."""
    cut = max((m.end() for m in _SENTENCE.finditer(text)), default=0)
    words = _WORD.findall(text[cut:])
    while words and words[-1].casefold() in _GLUE:
        words.pop()
    if words and is_acronym(words[-1]):
        return words[-1]  # "Pengajuan PBG / eks IMB": the name just before is PBG
    return " ".join(words[-MAX_NAME_WORDS:])


def _marked(line: str, where: str) -> list[PageName]:
    out: list[PageName] = []
    for pattern, strong in ((_STRONG, True), (_WEAK, False)):
        for match in pattern.finditer(line):
            name = _name_after(line[match.end():], strong)
            subject = _subject_before(line[: match.start()].rstrip(" /(,"))
            if not name or not subject or name.casefold() == subject.casefold():
                continue
            how = "also-called" if strong else "former"
            out.append(PageName(name, subject, how, where))
    return out


def _abbreviations(line: str, where: str) -> list[PageName]:
    out = []
    for match in _ABBREVIATION.finditer(line):
        abbreviation = match.group(1).strip(".-/")
        full = abbreviation_for(abbreviation, line[: match.start()])
        if full:
            out.append(PageName(abbreviation, full, "abbreviation", where))
    return out


def _alternatives(line: str, where: str) -> list[PageName]:
    """ "KIA / Kartu Anak" in a title or heading: two names of one service."""
    parts = _SLASH.split(re.sub(r"\s*\([^)]*\)\s*$", "", line).strip())
    if len(parts) != 2:
        return []
    left, right = (" ".join(_WORD.findall(p)) for p in parts)
    if not left or not right or _WEAK.match(right + " ") or _STRONG.match(right + " "):
        return []
    ok = (is_acronym(left) or is_acronym(right)
          or (len(left.split()) >= 2 and len(right.split()) >= 2))
    if not ok or max(len(left.split()), len(right.split())) > MAX_NAME_WORDS:
        return []
    return [PageName(right, left, "alternative", where)]


def page_names(title: str, headings: Sequence[str] = (), text: str = "") -> list[PageName]:
    """Every name the page's title, headings and text define (each pair once, first seen)."""
    found: list[PageName] = []
    # the first heading names the page (its h1); later ones name its sections, or on a
    # listing page the items listed, so they count as text for the page's own names
    places = [(title or "", "title")] + [(h, "heading" if i == 0 else "section")
                                         for i, h in enumerate(headings) if h]
    for line, where in places:
        found += _abbreviations(line, where) + _marked(line, where)
        found += _alternatives(line, where)
    for line in (text or "").splitlines():
        if line.strip():
            found += _abbreviations(line, "text") + _marked(line, "text")
    seen: set[tuple[str, str]] = set()
    out = []
    for name in found:
        key = (name.name.casefold(), name.full.casefold())
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


def own_names(names: Sequence[PageName], subject_words: set[str],
              words_of=lambda text: {w.casefold() for w in _WORD.findall(text)}) -> list[str]:
    """The names among ``names`` that name the page's own subject, for its index.

    A name found in the title or the first heading always does (the page is titled by it);
    one found in a later heading or the text only when one side of it is the subject: its
    words all in ``subject_words`` (the title's), or the title's words all in it. "Kota Jambi
    telah mengikuti Cek Kesehatan Gratis (CKG)" on a news page about something else teaches
    the admin, not the page. Only the sides the title does not already say are returned.
    ``words_of`` turns a text into comparable words (an analyser's index tokens).
    """
    out: list[str] = []
    if not subject_words:
        return out
    for name in names:
        sides = (words_of(name.name), words_of(name.full))
        own = name.where in ("title", "heading") or any(
            side and (side <= subject_words or subject_words <= side) for side in sides)
        if not own:
            continue
        for text, side in zip((name.name, name.full), sides, strict=True):
            # the title's own words are indexed already: only what is new to it counts
            if side and not side <= subject_words and text not in out:
                out.append(text)
    return out
