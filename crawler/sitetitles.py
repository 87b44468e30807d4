"""Which segments of a site's titles are the site's, learned by comparing its pages.

"Dinas Perhubungan Kota Jambi :: Pengujian KIR" and "Uji KIR | DISHUB" look alike to a
page-by-page rule: nothing on one page says which end is the site. Taking "the first
segment" stored the site's name as the title of every page of such a site; taking "the
part before the dash" cut "Layanan Kesehatan Ibu dan Anak - KIA" in two. Across the site
the answer is plain: the site's name is the segment every page repeats.

So each HTML page's title evidence (``<title>``, og:title, the page's own hints of the
site name, its headings: ``crawler.extract.title.TitleEvidence``) is kept with the page in
the link store. When a website source's crawl closes, its live pages' ``<title>`` and
og:title are split on the usual separators (``|``, ``::``, `` - ``, ``–``, ``—``, ``»``,
``«``, ``›``, ``:`` followed by a space, ``·``, ``~``) and counted once per page:

* a segment on more than half of the pages (``NAME_SHARE``), and on at least
  ``MIN_PAGES`` of them, is the site's (its name, its acronym, a motto); it never is the
  page's title, and a page whose title is nothing else takes its main heading;
* any other segment on at least ``MIN_SECTION_PAGES`` pages is a section ("Layanan",
  "Berita" in "Site » Layanan » Uji KIR"); it comes off a title only when something else
  is left, so the section's own index page keeps "Layanan", and only where the separator
  that joins the site's name joins it too: "KTP-el" on three pages of "Site | KTP-el:
  Pencetakan Ulang" is the first word of their names.

The same count over the pages' headings finds the template's own: a heading, at its level,
on more than half of the pages that show more than one heading, and on at least
``MIN_TEMPLATE_PAGES`` of them, is a block of the layout (a sidebar's "Kategori Berita",
"Berita Populer", "Agenda" above the article of a Lokomedia-style portal), never a page's
title at that level: the agenda page's own main heading "Agenda" still names it. A page
with one heading or none (a print view, an article read without its columns) shows no
template, so it does not count. Such a site often writes its name alone in
every ``<title>`` and its article's name in a styled span among those headings, so
without this the first sidebar heading named every page.

A site with a single page (or titles that share nothing) learns nothing and keeps whole
titles. The learned segments are saved per source; stored documents whose title changes
are re-titled at once from their saved evidence (validators kept, as for template lines),
and the next crawl applies them during extraction, so an unchanged page re-extracts to the
same document and is not rewritten.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from crawler.extract.title import (
    NO_SITE,
    SiteTitles,
    TitleEvidence,
    choose_title,
    is_home,
    normalise,
    split_title,
)

if TYPE_CHECKING:
    from crawler.linkstore import LinkStore

NAME_SHARE = 0.5
MIN_PAGES = 2
MIN_SECTION_PAGES = 3
MIN_TEMPLATE_PAGES = 4


def learn_site_titles(titles: Iterable[tuple[str, str | None]],
                      headings: Iterable[Iterable[tuple[int, str]]] = ()) -> SiteTitles:
    """The site's repeated segments from ``(<title>, og:title)`` of each of its pages, and
    the headings its template repeats from each page's ``(level, text)`` ``headings``."""
    pages = 0
    counts: Counter[str] = Counter()
    for title, og_title in titles:
        segments = {normalise(s) for text in (title, og_title) if text
                    for s in split_title(text)}
        segments.discard("")
        if segments:
            pages += 1
            counts.update(segments)
    names = frozenset(s for s, n in counts.items() if n >= MIN_PAGES and n > NAME_SHARE * pages)
    sections = frozenset(s for s, n in counts.items()
                         if n >= MIN_SECTION_PAGES and s not in names)
    heading_pages = 0
    heading_counts: Counter[tuple[int, str]] = Counter()
    for page_headings in headings:
        found = {(level, normalise(h)) for level, h in page_headings if normalise(h)}
        if len(found) > 1:
            heading_pages += 1
            heading_counts.update(found)
    template = frozenset(h for h, n in heading_counts.items()
                         if n >= MIN_TEMPLATE_PAGES and n > NAME_SHARE * heading_pages)
    return SiteTitles(names, sections, template)


def to_json(site: SiteTitles) -> dict[str, Any]:
    return {"names": sorted(site.names), "sections": sorted(site.sections),
            "headings": [[level, text] for level, text in sorted(site.headings)]}


def from_json(data: dict[str, Any] | None) -> SiteTitles:
    if not data:
        return NO_SITE
    # headings saved before they had levels are learned again when the crawl closes
    headings = frozenset((int(h[0]), str(h[1])) for h in data.get("headings") or ()
                         if isinstance(h, list))
    return SiteTitles(frozenset(data.get("names") or ()), frozenset(data.get("sections") or ()),
                      headings)


def saved_site_titles(links: LinkStore, source: str) -> SiteTitles:
    return from_json(links.site_titles(source))


def learn_titles(links: LinkStore, source: str,
                 live: set[str]) -> tuple[SiteTitles, dict[str, list[TitleEvidence]]]:
    """Learn ``source``'s repeated segments from its live pages ``live`` (this crawl's and
    those revalidated by 304) and save them. Returns them with each live page's saved title
    evidence (a URL saved under several spellings has several, in the store's order)."""
    evidence: dict[str, list[TitleEvidence]] = {}
    for url, data in links.page_titles(source):
        if url in live:
            evidence.setdefault(url, []).append(TitleEvidence.from_json(data))
    site = learn_site_titles(
        [(ev.title_tag, ev.og_title) for found in evidence.values() for ev in found],
        # one page's headings once, however many spellings of its URL were saved
        [found[-1].headings + ([(1, found[-1].body_h1)] if found[-1].body_h1 else [])
         for found in evidence.values() if found])
    links.save_site_titles(source, to_json(site))
    return site, evidence


def retitle(title: str, url: str, evidence: list[TitleEvidence], site: SiteTitles) -> str:
    """The title of the stored page at ``url`` (now ``title``) under the learned ``site``:
    what its evidence chooses, the last where several choose one; ``title`` if none does."""
    for found in evidence:
        title = choose_title(found, site, home=is_home(url), url=url) or title
    return title
