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

A service's fields (requirements, cost, place, ...) are read from the page before the site
is known, so where a widget column sits inside the content block a section runs on into it:
"Lokasi" takes the agenda's places, a requirements list ends with the visitor counter. The
same lines leave the fields at the same two moments (``strip_template_fields``): an item
read only from template lines goes, a field's text is cut where template begins after its
own value, and a field left with nothing is removed (a sidebar "Lokasi Kantor" box on every
page gives a field of template only): the answer card shows less, never the widgets. The
fields are read from the whole cleaned page, whose widget column the main text may have
left out (a post's own block chosen by its headline), so the lines each value was read
from are kept with the page (``value_lines``) and both moments decide from them: a page
unchanged on the next crawl keeps the same fields.

Measured (session 7): a served site with the column inside the content block
(``tests/test_crawl_field_template.py``) loses the agenda's places, the counter and the
"Lokasi Kantor" box from its three services' fields at the first crawl, and its recrawl
rewrites nothing. On the tuning web no stored service field held a template line before or
after (4 of 53 sites have template lines; kel-talangbanjar, the OpenSID classic theme whose
sections would run into its widgets, has its posts read as listings and keeps no sections),
and the dev figures are unchanged. Giving those posts their cleaned sections back in
``crawler.siblings`` (tried: commits e3c4f99, e335de9, reverted) cleaned all 10, but cost
dev nDCG@10 0.661 -> 0.647 and Recall@5 0.505 -> 0.481.

A blog's home, label and archive pages show its posts' bodies, so on a small kelurahan blog
whose posts are mostly services the papers every letter asks for ("Fotokopi KTP", "Surat
pengantar RT/RW") were on most pages, those outside services included, and left every
post's text and requirements (issue #11). Such a page is told by the site's pages alone: it
holds more than half of the own lines (those on at most half the pages) of two or more
other pages (``_digests``). It still counts among the pages that carry a line, but not
among the pages outside services that must carry it, unless every such page is one; a
widget beside every post is on the plain pages too and stays template. Measured (session
23): the served blog of ``tests/test_crawl_shared_requirements.py`` keeps its five posts'
shared requirements and cost (they had kept only their own requirement), its hours line
still goes, and on the tuning web every site's template is the same as before.

A line that stops being template is not restored in pages stored before; it comes back when
the page itself changes.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from crawler.extract.service import LIST_FIELDS, SECTION_FIELDS

MIN_PAGES = 6  # below this a site's pages are too few to tell template from content
MIN_OTHER_PAGES = 3  # ...and its non-service pages too few to tell which lines are template
SHARE = 0.5
# a post's own line is on its page and the few digests that show it (home, its labels, an
# archive): a line on more pages than this is no page's own, and is not followed to them,
# which bounds ``_digests`` on a site of thousands of pages
MAX_DIGEST_SPREAD = 50
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


def value_lines(fields: dict[str, Any], text: str) -> dict[str, list[int]]:
    """For each value of the service fields (a list's item, a part of a field's text), the
    fingerprints of the lines of ``text`` it is read from (-1 for a line too long to be
    template); kept with the page (``crawler.linkstore``), as the text it was read from is
    the whole cleaned page, not the main text stored."""
    values = {str(v).casefold() for _, v in _values(fields)}
    if not values:
        return {}
    lines = [(line.casefold(), fingerprint(line) if len(line) <= MAX_LINE else -1)
             for line in text.split("\n") if line]
    return {value: sorted({fp for line, fp in lines if value in line}) for value in values}


def _values(fields: dict[str, Any]) -> Iterable[tuple[str, str]]:
    for name in SECTION_FIELDS:
        value = fields.get(name)
        if name == "online_url" or not value:
            continue
        if isinstance(value, list):
            yield from ((name, str(item)) for item in value)
        elif isinstance(value, str):
            yield from ((name, part) for part in value.split("; "))


def strip_template_fields(fields: dict[str, Any], lines: dict[str, list[int]],
                          template: frozenset[int] | set[int],
                          keep: Iterable[str] = ()) -> dict[str, Any]:
    """``fields`` without what template lines put in them; ``lines``: ``value_lines`` of
    the fields; ``keep``: fields not read from the page (those taken from a Standar
    Pelayanan PDF). A value also read from a line that is not template stays: a requirement
    the sidebar happens to repeat is still the page's own."""
    if not template or not lines:
        return fields

    def is_template(value: str) -> bool:
        found = lines.get(value.casefold())
        return bool(found) and all(fp in template for fp in found)

    out = dict(fields)
    for name in SECTION_FIELDS:
        value = fields.get(name)
        if name in keep or name == "online_url" or not value:
            continue
        if name in LIST_FIELDS and isinstance(value, list):
            cleaned: Any = [item for item in value if not is_template(str(item))]
        elif isinstance(value, str):
            cleaned = "; ".join(_before_template(value.split("; "), is_template))
        else:
            continue
        if cleaned != value:
            if cleaned:
                out[name] = cleaned
            else:
                del out[name]
    return out


def _before_template(parts: list[str], is_template: Callable[[str], bool]) -> list[str]:
    """The parts of a field's text before template begins: template parts ahead of its own
    value are skipped (a "Lokasi Kantor" box above the post), the first one after it ends
    the text (the widget column below the post)."""
    kept: list[str] = []
    for part in parts:
        if is_template(part):
            if kept:
                break
            continue
        kept.append(part)
    return kept


def learn_template(pages: Iterable[tuple[str, Iterable[int]]]) -> frozenset[int]:
    """Template lines from ``(kind, fingerprints)`` of every live page of one site. The
    pages that show other pages' bodies (``_digests``: a blog's home, label and archive
    pages) count towards how many pages carry a line, not as the pages outside services
    that carry it: a requirement every post asks for is on each of them, and on each post."""
    site = [(kind, set(lines)) for kind, lines in pages]
    total = len(site)
    others = sum(kind != "service" for kind, _ in site)
    if total < MIN_PAGES or others < MIN_OTHER_PAGES:
        return frozenset()
    everywhere: Counter[int] = Counter()
    for _, lines in site:
        everywhere.update(lines)
    digests = _digests([lines for _, lines in site], everywhere, total)
    plain = [lines for n, (kind, lines) in enumerate(site)
             if kind != "service" and n not in digests]
    # a site whose every page outside services is a digest judges from them all
    evidence = plain or [lines for kind, lines in site if kind != "service"]
    outside_services: Counter[int] = Counter()
    for lines in evidence:
        outside_services.update(lines)
    return frozenset(
        line for line, count in everywhere.items()
        if count > SHARE * total and outside_services[line] > SHARE * len(evidence)
    )


def _digests(site: list[set[int]], everywhere: Counter[int], total: int) -> set[int]:
    """The pages (their indices) that show the bodies of at least two other pages: more
    than half of each one's own lines (those on at most half the site's pages and at most
    ``MAX_DIGEST_SPREAD`` of them, two or more of them)."""
    holders: dict[int, list[int]] = {}
    for n, lines in enumerate(site):
        for line in lines:
            holders.setdefault(line, []).append(n)
    shown: Counter[int] = Counter()
    for n, lines in enumerate(site):
        own = [line for line in lines
               if everywhere[line] <= min(SHARE * total, MAX_DIGEST_SPREAD)]
        if len(own) < 2:
            continue
        held: Counter[int] = Counter()
        for line in own:
            held.update(holders[line])
        shown.update(m for m, count in held.items() if m != n and 2 * count > len(own))
    return {n for n, count in shown.items() if count >= 2}


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

