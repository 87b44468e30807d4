"""Crawler traps: URL families a site makes without end whose pages say nothing of their own.

Old OPD sites put an agenda calendar on every page (``agenda.php?bulan=12&tahun=2024``,
``?tgl=2024-12-05``): each month links the next one, every month of its year and each of
its days, forever, and almost every one of those pages says "no agenda this month". Under a
page budget (``max_pages``) a breadth-first crawl spends it there before it reaches the
services a list's second page links.

No list of parameter names can tell a calendar from a service list: ``?id=`` walks through
services on one site and through empty forms on another. Nor can the pages' wording alone:
a kelurahan's ten short services share their requirements and differ by a title word, as
the days of a calendar do. What a calendar does and a set of records does not is *make
itself*: reading its pages keeps giving URLs of its own family that nothing had linked
before (the next month, the months of another year, the days of a month), while the
records' URLs were all linked by their list. A *family* is the URLs of one path with a
query (``agenda.php?bulan=&tahun=`` and ``agenda.php?tgl=`` are one family). A family is a
trap when, of its first pages read (at least ``PROBES``), most say the same (``TRAP_SHARE``)
and at least ``GROWING`` of those, and two, linked URLs of the family never seen before in
the crawl; its other URLs are not requested. A paged list grows too (each page links the
next), but its pages differ from the records they list, and a family of list pages and
records is judged by what most of them say: the records, which do not grow.

Until ``PROBES`` URLs of a family are settled, more of its URLs wait (not counted against
the budget). A URL is settled when its answer is read as a page, or when it is not one (an
error, a 404, a PDF): such a probe counts as a page of its own, so it cannot hold the rest.
Whatever still waits when the crawl has nothing else to do is followed then: a family never
judged is never dropped.

A fleet's workers (``crawler.fleet``) do not watch: each sees a part of a family's pages and
would judge, hold and release on its own, so a fleet crawls a calendar as an ordinary part
of the site, within its page budget (a limit: share the families in Redis to lift it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from sikoja.urls import canonicalize_url, url_key

PROBES = 6  # pages of a family settled before its other URLs are requested
TRAP_SHARE = 2 / 3  # of its pages that say the same: the family may be a trap...
GROWING = 1 / 3  # ...if this share of those (and two) linked new URLs of the family
_KEPT_TEXTS = 30  # pages of a family compared (a family judged on its first pages only)
# what differs between two days of a calendar: numbers, and the names of months and days
_DATE_WORDS = frozenset(
    "januari februari maret april mei juni juli agustus september oktober november desember "
    "january february march may june july august october december "
    "jan feb mar apr jun jul agu agt aug sep okt oct nov des dec "
    "senin selasa rabu kamis jumat sabtu minggu ahad sen sel rab kam jum sab min "
    "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun".split())
_WORD = re.compile(r"[^\W\d_]{2,}")


def family_of(url: str, query: bool = True) -> str | None:
    """The host and path of a URL with a query (session and tracking parameters left out:
    ``canonicalize_url``); None without one, unless not ``query``."""
    parts = urlsplit(canonicalize_url(url))
    return f"{parts.netloc}{parts.path or '/'}" if parts.query or not query else None


def wording(title: str, text: str) -> frozenset[str]:
    """What a page says, for comparing it with its family's other pages."""
    return frozenset(w for w in _WORD.findall(f"{title} {text}".lower())
                     if w not in _DATE_WORDS)


def same_wording(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two pages that say the same: a few words apart at most (a day's event line differs)."""
    return len(a ^ b) <= max(3, len(a | b) // 20)


@dataclass
class _Family:
    asked: set[str] = field(default_factory=set)  # keys of the URLs requested
    settled: set[str] = field(default_factory=set)  # ...of those answered (read or not)
    texts: list[frozenset[str]] = field(default_factory=list)
    # per page compared: the family's URLs it links, and whether it linked a URL never seen
    # before outside the family (a list's new records: the page feeds the crawl)
    links: list[frozenset[str]] = field(default_factory=list)
    feeds: list[bool] = field(default_factory=list)
    outside: set[str] = field(default_factory=set)  # its URLs linked by other pages
    verdict: str | None = None  # None: not judged yet; "trap"; "pages"
    held: dict[str, Any] = field(default_factory=dict)  # url_key -> what to follow it with


class TrapWatch:
    """One site's URL families: which of its URLs to request now, hold, or drop as a trap.
    Picklable: a resumed crawl keeps what is held and what was judged (spider.state)."""

    def __init__(self, probes: int = PROBES) -> None:
        self.probes = probes
        self.families: dict[str, _Family] = {}
        self.seen: set[str] = set()  # keys of every URL linked or admitted so far

    def admit(self, url: str, key: str, follow: Any, listed: bool = False) -> str:
        """"follow" (request it now), "held" (kept until its family is judged; ``follow`` is
        what ``read`` or ``release`` gives back) or "trap". ``listed``: by no page (a
        sitemap), as good as a link from outside its family."""
        self.seen.add(key)
        found = family_of(url)
        if found is None:
            return "follow"
        family = self.families.setdefault(found, _Family())
        if listed:
            family.outside.add(key)
        if family.verdict == "trap":
            return "trap"
        if family.verdict is None and len(family.asked) >= self.probes:
            family.held.setdefault(key, follow)
            return "held"
        family.asked.add(key)
        return "follow"

    def held_count(self) -> int:
        return sum(len(f.held) for f in self.families.values())

    def read(self, url: str, title: str, text: str,
             links: Iterable[str] = ()) -> tuple[str | None, list[Any]]:
        """A page was read at ``url`` (the URL asked for, before redirects), linking
        ``links``: (its family's new verdict if this page settled it, the held URLs'
        ``follow`` values to request ("pages") or drop ("trap"))."""
        found, path = family_of(url), family_of(url, query=False)
        own, feeds = set(), False
        for link in links:
            key, family = url_key(link), family_of(link)
            if family == path:  # the path's page without a query is the family's too
                own.add(key)
            elif family is not None:
                self.families.setdefault(family, _Family()).outside.add(key)
            feeds = feeds or (family != path and key not in self.seen)
            self.seen.add(key)
        return self._settle(url, found, wording(title, text), frozenset(own), feeds)

    def unread(self, url: str) -> tuple[str | None, list[Any]]:
        """``url`` was asked for and gave no page to read (an error, a 404, a PDF, another
        type): a page of its own, so that a family of such answers is judged, not held."""
        found = family_of(url)
        return self._settle(url, found, frozenset({f"\0{url_key(url)}"}), frozenset(), True)

    def pending(self, url: str) -> bool:
        """Whether ``url`` was asked for as a page of a family and is not settled yet."""
        family = self.families.get(family_of(url) or "")
        key = url_key(url)
        return family is not None and key in family.asked and key not in family.settled

    def _settle(self, url: str, found: str | None, said: frozenset[str], own: frozenset[str],
                feeds: bool) -> tuple[str | None, list[Any]]:
        family = self.families.get(found) if found is not None else None
        key = url_key(url)
        if family is None or key in family.settled:
            return None, []
        family.settled.add(key)
        if family.verdict == "trap" or len(family.texts) >= _KEPT_TEXTS:
            return None, []
        family.texts.append(said)
        family.links.append(own)
        family.feeds.append(feeds)
        if len(family.texts) < self.probes:
            return None, []
        verdict = self._judge(family)
        if verdict == family.verdict:
            return None, []
        family.verdict = verdict
        held, family.held = list(family.held.values()), {}
        return verdict, held

    @staticmethod
    def _judge(family: _Family) -> str:
        """"trap": most pages say the same, and enough of those walk: they link URLs of the
        family that no other page links (not the family's other pages, not its list), and
        nothing new beside them."""
        texts = family.texts
        alike = max(([i for i, b in enumerate(texts) if same_wording(a, b)] for a in texts),
                    key=len)
        members = set(alike)
        linked = family.outside.union(*(family.links[i] for i in range(len(texts))
                                        if i not in members))
        walking = sum(bool(family.links[i] - linked) and not family.feeds[i] for i in alike)
        if len(alike) >= TRAP_SHARE * len(texts) and walking >= max(2, GROWING * len(alike)):
            return "trap"
        return "pages"

    def release(self) -> list[Any]:
        """Every URL still held (its family had fewer pages settled than ``probes``):
        followed as ordinary pages, as is the rest of its family from now on."""
        held = []
        for family in self.families.values():
            if family.held:
                held += family.held.values()
                family.held = {}
            if family.verdict is None:
                family.verdict = "pages"
        return held

    def describe(self, url: str) -> str:
        """The reason logged for a URL not requested as part of a trap."""
        found = family_of(url)
        family = self.families.get(found) if found is not None else None
        read = len(family.texts) if family is not None else 0
        path = urlsplit(canonicalize_url(url)).path
        return (f"trap: {path}?... links more of itself without end, "
                f"its {read} pages read say the same")
