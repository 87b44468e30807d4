"""What a site's services ask a citizen to bring, found again in its other posts.

A kelurahan blog files its letters as dated posts under one label, and writes them alike
as often as not: one post says "Persyaratan SKTM:" above its list, the next lists the same
documents bare below one sentence ("Surat pengantar RT/RW", "Fotokopi KTP-el dan KK",
"Pas foto 4x6"), or in an image's caption ("Keterangan gambar: pengantar RT/RW, fotokopi
KTP dan KK, akta kelahiran, ..."). The page rule sees no service in the bare list; the
site says it is one: the list asks for what the site's own services ask for.

An *item* is a short line of a post's text, not a sentence (at most ``MAX_ITEM_WORDS``
words, not ending in a full stop), or a part of a line that enumerates at least
``MIN_PARTS`` short parts between commas (a caption, its leading "Keterangan gambar:"
taken off). Two items are the same requirement when they share at least two words and
``OVERLAP`` of the shorter one's words ("Fotokopi KTP dan KK" and "Fotokopi KTP-el
pemohon"; not "Surat pengantar RT/RW" and "Surat pernyataan tidak mampu"). A post lists
what the services ask for when ``MIN_SHARED`` of its items are requirements of theirs;
its requirements are then the run of items around them (``asked_items``).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

MAX_ITEM_WORDS = 8  # words of a list item; a longer line is a sentence
MIN_PARTS = 3  # comma-separated parts of a line that enumerates items
MIN_SHARED = 2  # items a post must share with the site's services' requirements
OVERLAP = 2 / 3  # share of the shorter item's words the two items must have in common
MAX_ASKED = 400  # requirement wordings a label's services ask for, the most asked first
_WORD = re.compile(r"[a-z0-9]+")
# words that tell no requirement from another
_FILLER = frozenset(
    {
        "dan",
        "atau",
        "dari",
        "yang",
        "yg",
        "untuk",
        "bagi",
        "bila",
        "jika",
        "ada",
        "di",
        "ke",
        "dengan",
        "serta",
        "beserta",
        "asli",
        "lembar",
        "sebanyak",
        "buah",
        "rangkap",
        "the",
        "of",
        "and",
    }
)
_LABEL = re.compile(r"^[^:]{1,40}:\s*")  # "Keterangan gambar: ", "Bawa: "
# What a registration's announcement says and a letter's post does not: a job's, a
# scholarship's, a contest's or a selection's intake, open for a while. Its list asks for
# the papers every list asks for ("Fotokopi KTP dan KK", "Surat pengantar RT/RW"), so the
# list alone cannot tell it from a letter's
_ANNOUNCED_TITLE = re.compile(
    r"\b(lowongan|loker|rekrutmen|recruitment|seleksi|lomba|sayembara|cpns|pppk|"
    r"(pendaftaran|program|penerimaan) beasiswa|pembukaan pendaftaran|penerimaan (calon|"
    r"pegawai|peserta|siswa|mahasiswa|tenaga|anggota|petugas))\b", re.IGNORECASE)
# ...in its text: the intake itself, not a letter's use ("SKCK untuk lamaran kerja", "bagi
# pelamar kerja", "melamar lowongan kerja" are what a letter is for)
_ANNOUNCED_TEXT = re.compile(
    r"\b(rekrutmen|formasi|calon peserta|(membuka|dibuka|buka) (pendaftaran|lowongan)|"
    r"pendaftaran (dibuka|ditutup|diperpanjang)|batas akhir pendaftaran|"
    r"lamaran (diantar|dikirim|ditujukan|diterima|paling lambat))\b", re.IGNORECASE)


def announces_registration(title: str, text: str) -> bool:
    """Whether a post announces a registration (a job, a scholarship, a contest): its list
    is what the applicants bring, not what a service asks for."""
    return bool(_ANNOUNCED_TITLE.search(title) or _ANNOUNCED_TEXT.search(text))


def item_words(item: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(item.lower()) if w not in _FILLER)


def same_item(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two items' words name the same requirement."""
    shorter = min(len(a), len(b))
    common = len(a & b)
    return common >= 2 and common >= math.ceil(OVERLAP * shorter)


def _is_item(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= MAX_ITEM_WORDS and not line.rstrip().endswith((".", "?", "!"))


def item_runs(text: str, headings: frozenset[str] = frozenset()) -> list[list[str]]:
    """The runs of items of ``text``: adjacent item lines, or a line's comma parts; a line
    that is one of the page's ``headings`` ends a run (a post on three letters heads each
    letter's list with its name)."""
    runs: list[list[str]] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line in headings:
            if current:
                runs.append(current)
            current = []
            continue
        parts = [p.strip().rstrip(".").strip() for p in line.split(",")]
        if len(parts) >= MIN_PARTS:
            parts[0] = _LABEL.sub("", parts[0])
            if all(_is_item(p) for p in parts):
                if current:
                    runs.append(current)
                runs.append(parts)
                current = []
                continue
        if _is_item(line) and ":" not in line:
            current.append(line)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


def requirement_items(value: object) -> list[frozenset[str]]:
    """The words of each requirement a service's ``requirements`` field lists."""
    lines = value if isinstance(value, list) else str(value or "").splitlines()
    found = (item_words(str(line)) for line in lines)
    return [words for words in found if len(words) >= 2]


class Asked:
    """The site's services' requirements, each wording once, indexed by word: whether an
    item is one of them costs the requirements that share its words, not all of them (a
    blog of a thousand letters asks for thousands of items, and a news post's short lines,
    a list of names or a schedule, share none), and each item's answer is kept (posts
    repeat "Fotokopi KTP dan KK")."""

    def __init__(self, items: Iterable[frozenset[str]]):
        # at most MAX_ASKED wordings, those the most services ask for: the papers a
        # site's letters share are the ones its bare lists repeat
        counts = Counter(items)
        self.items = sorted(counts, key=lambda words: (-counts[words], sorted(words)))
        self.items = self.items[:MAX_ASKED]
        self.index: dict[str, list[int]] = defaultdict(list)
        for i, words in enumerate(self.items):
            for word in words:
                self.index[word].append(i)
        self.known: dict[frozenset[str], bool] = {}

    def __contains__(self, words: frozenset[str]) -> bool:
        if words not in self.known:
            shared = Counter(i for word in words for i in self.index.get(word, ()))
            self.known[words] = any(
                n >= 2 and same_item(words, self.items[i]) for i, n in shared.items()
            )
        return self.known[words]


def asked_items(
    text: str, asked: Asked | list[frozenset[str]], headings: list[str] | None = None
) -> list[str]:
    """The items of ``text`` in the runs that hold a requirement of ``asked`` (the site's
    services' requirements), each once, when the post shares ``MIN_SHARED`` of them;
    else []. ``headings``: the page's headings, which end a run."""
    if not isinstance(asked, Asked):
        asked = Asked(asked)
    out: list[str] = []
    shared = 0
    for run in item_runs(text, frozenset(h.strip() for h in headings or ())):
        hits = sum(1 for item in run if item_words(item) in asked)
        if hits:
            out.extend(item for item in run if item not in out)
            shared += hits
    return out if shared >= MIN_SHARED else []
