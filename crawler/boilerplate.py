"""Template text the page-level rules miss: lines a site repeats on most of its pages.

Extraction drops menus, sidebars, mastheads and tickers by tag and class name, but an OPD
template also puts unnamed blocks inside the content column: a "Jam pelayanan" box, a
welcome line, a hotline banner. On one page they look like content; across the site they
are the same line everywhere, so they match every query about opening hours or the hotline
and say nothing about the page.

So every HTML page's main-text lines are fingerprinted (CRC32 of the case-folded line) and
kept with the page in the link store. When a website source's crawl closes, a line is
template if it is on more than half of the site's live pages *and* on more than half of
its pages that are not services; the second condition keeps what only service pages
repeat (section labels, the office that serves them, the complaint line): that is how a
service is described, and citizens search for it. The lines found are removed from the
stored texts at once, and the next crawl removes them during extraction, so an unchanged
page re-extracts to the same text and is not rewritten.

A line that stops being template is not restored in pages stored before; it comes back when
the page itself changes.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable

MIN_PAGES = 6  # below this a site's pages are too few to tell template from content
MIN_OTHER_PAGES = 3  # ...and its non-service pages too few to tell which lines are template
SHARE = 0.5
MAX_LINE = 300  # a longer line is prose of its own, never repeated template


def fingerprint(line: str) -> int:
    return zlib.crc32(line.casefold().encode("utf-8"))


def fingerprints(text: str) -> list[int]:
    """Fingerprints of the distinct lines of a page's main text, sorted."""
    return sorted({fingerprint(line) for line in text.splitlines()
                   if line and len(line) <= MAX_LINE})


def strip_template(text: str, template: frozenset[int] | set[int]) -> str:
    """``text`` without its template lines (a page with nothing else keeps its text)."""
    if not template or not text:
        return text
    kept = [line for line in text.split("\n")
            if len(line) > MAX_LINE or fingerprint(line) not in template]
    return "\n".join(kept) if kept else text


def learn_template(pages: Iterable[tuple[str, Iterable[int]]]) -> frozenset[int]:
    """Template lines from ``(kind, fingerprints)`` of every live page of one site."""
    total = others = 0
    everywhere: Counter[int] = Counter()
    outside_services: Counter[int] = Counter()
    for kind, lines in pages:
        distinct = set(lines)
        total += 1
        everywhere.update(distinct)
        if kind != "service":
            others += 1
            outside_services.update(distinct)
    if total < MIN_PAGES or others < MIN_OTHER_PAGES:
        return frozenset()
    return frozenset(
        line for line, count in everywhere.items()
        if count > SHARE * total and outside_services[line] > SHARE * others
    )


def template_links(pages: Iterable[list[tuple[str, str]]]) -> frozenset[tuple[str, str]]:
    """Links (target, anchor text) in the main block of more than half of a site's pages:
    a widget column the extractor took for content (a classic theme's box of "Arsip
    Artikel", "Kategori", "Komentar Terbaru" beside every post). The anchor text counts: a
    category page lists a post under its title, the widget beside it under its date and
    title, so the category keeps what it lists."""
    total = 0
    seen: Counter[tuple[str, str]] = Counter()
    for links in pages:
        total += 1
        seen.update(set(links))
    if total < MIN_PAGES:
        return frozenset()
    return frozenset(link for link, count in seen.items() if count > SHARE * total)

