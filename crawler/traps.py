"""Crawler traps: URL families a site makes without end whose pages say nothing of their own.

Old OPD sites put an agenda calendar on every page (``agenda.php?bulan=12&tahun=2024``,
``?tgl=2024-12-05``): each month links the next one, every month of its year and each of
its days, forever, and almost every one of those pages says "no agenda this month". A
"kirim ke teman" form per article (``kirim.php?id=3``) is the same form each time. Under a
page budget (``max_pages``) a breadth-first crawl spends it there before it reaches the
services a list's second page links.

No list of parameter names can tell a calendar from a service list: ``?id=`` walks through
services on one site and through empty forms on another. The pages can. URLs of one site
that differ only in the values of the same query parameters (one *shape*: the path and the
parameters' names) are compared by what they say, their title and main text read as words
without digits and the names of months and days. A shape whose pages mostly say the same
(``TRAP_SHARE`` of them, at least ``PROBES``) is a trap: its other URLs are not requested.
Until ``PROBES`` pages of a shape are read, more of its URLs wait (not counted against the
budget): a trap costs the budget ``PROBES`` pages, and a shape whose pages differ (one
service each) is followed as before, only later. Whatever waits when the crawl has nothing
else to do is followed then: a shape never judged is never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from sikoja.urls import canonicalize_url

PROBES = 6  # pages of a shape read before its other URLs are requested
TRAP_SHARE = 2 / 3  # of its pages that say the same: the shape is a trap
_KEPT_TEXTS = 30  # pages of a shape compared (a shape judged on its first pages only)
# what differs between two days of a calendar: numbers, and the names of months and days
_DATE_WORDS = frozenset(
    "januari februari maret april mei juni juli agustus september oktober november desember "
    "january february march may june july august october december "
    "jan feb mar apr jun jul agu agt aug sep okt oct nov des dec "
    "senin selasa rabu kamis jumat sabtu minggu ahad sen sel rab kam jum sab min "
    "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun".split())
_WORD = re.compile(r"[^\W\d_]{2,}")

Shape = tuple[str, tuple[str, ...]]


def shape_of(url: str) -> Shape | None:
    """The path and the sorted names of the query's parameters (session and tracking ones
    left out: ``canonicalize_url``); None without a query."""
    parts = urlsplit(canonicalize_url(url))
    names = tuple(sorted({k.lower() for k, _ in parse_qsl(parts.query,
                                                         keep_blank_values=True)}))
    return (parts.path or "/", names) if names else None


def wording(title: str, text: str) -> frozenset[str]:
    """What a page says, for comparing it with its shape's other pages."""
    return frozenset(w for w in _WORD.findall(f"{title} {text}".lower())
                     if w not in _DATE_WORDS)


def same_wording(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two pages that say the same: a few words apart at most (a day's event line differs)."""
    return len(a ^ b) <= max(3, len(a | b) // 20)


@dataclass
class _Shape:
    asked: int = 0  # URLs requested
    texts: list[frozenset[str]] = field(default_factory=list)
    verdict: str | None = None  # None: not judged yet; "trap"; "pages"
    held: dict[str, Any] = field(default_factory=dict)  # url_key -> what to follow it with


class TrapWatch:
    """One site's shapes: which of its URLs to request now, hold, or drop as a trap."""

    def __init__(self, probes: int = PROBES) -> None:
        self.probes = probes
        self.shapes: dict[Shape, _Shape] = {}

    def admit(self, url: str, key: str, follow: Any) -> str:
        """"follow" (request it now), "held" (kept until its shape is judged; ``follow`` is
        what ``release`` gives back) or "trap"."""
        found = shape_of(url)
        if found is None:
            return "follow"
        shape = self.shapes.setdefault(found, _Shape())
        if shape.verdict == "trap":
            return "trap"
        if shape.verdict is None and shape.asked >= self.probes:
            shape.held.setdefault(key, follow)
            return "held"
        shape.asked += 1
        return "follow"

    def read(self, url: str, title: str, text: str) -> tuple[str | None, list[Any]]:
        """A page of ``url``'s shape was read: (the shape's new verdict if this page settled
        it, the held URLs' ``follow`` values to request ("pages") or drop ("trap"))."""
        found = shape_of(url)
        shape = self.shapes.get(found) if found is not None else None
        if shape is None or shape.verdict == "trap" or len(shape.texts) >= _KEPT_TEXTS:
            return None, []
        shape.texts.append(wording(title, text))
        if len(shape.texts) < self.probes:
            return None, []
        texts = shape.texts
        alike = max(sum(same_wording(a, b) for b in texts) for a in texts)
        verdict = "trap" if alike >= TRAP_SHARE * len(texts) else "pages"
        if verdict == shape.verdict:
            return None, []
        shape.verdict = verdict
        held, shape.held = list(shape.held.values()), {}
        return verdict, held

    def release(self) -> list[Any]:
        """Every URL still held (its shape had fewer pages read than ``probes``): followed
        as ordinary pages, as is the rest of its shape from now on."""
        held = []
        for shape in self.shapes.values():
            if shape.held:
                held += shape.held.values()
                shape.held = {}
            if shape.verdict is None:
                shape.verdict = "pages"
        return held

    def describe(self, url: str) -> str:
        """The reason logged for a URL not requested as part of a trap."""
        found = shape_of(url)
        path, names = found if found is not None else (urlsplit(url).path, ())
        shape = self.shapes.get(found) if found is not None else None
        read = len(shape.texts) if shape is not None else 0
        return (f"trap: {path}?{'&'.join(n + '=' for n in names)} walks without end, "
                f"its {read} pages read say the same")
