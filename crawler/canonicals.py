"""Which declared canonical URLs are the template's, learned from a site's own pages.

A page that declares a ``rel=canonical`` on its host is stored at that URL
(``crawler.extract.document.document_url``), and a second fetch of the same document URL
is skipped as a duplicate: that is how WordPress's ``?p=31`` and its pretty permalink, the
several menu paths Joomla reaches one article by, ``?replytocom=`` and print views end up
as one page. But on sites sikoja has never seen the canonical is often the template's, not
the page's: a theme that prints one fixed URL (the category page, the news index, page 1 of
a list, an SPA's front page) on every page it draws. One page cannot tell; the site's
pages can: two pages that declare one canonical URL and say different things are not one
page, so that URL is a template canonical, and every page that declared it is stored at the
URL it was served at. The real page at that URL, if the site has one, keeps it.

"Say different things": texts sharing less than half of their word 3-shingles
(``crawler.dedup.shingles``; the print view and the pretty permalink of a post share
nearly all of theirs, the posts of a category none but the template's), or another title
on texts that are not the same (a Joomla article keeps its text under the title each menu item
gives it; two short posts beside one long widget column share most shingles, not their
titles). A page with no text to compare is judged by its title.

This runs in the store pipeline as pages arrive (``CanonicalClaims``): the first page to
claim a URL is stored there, and moved back to its own URL when a second one shows the
claim is the template's; a page an earlier crawl stored at the URL claims it first (read
from the store, by what its text holds: it may have taken in a linked PDF's fields). The
URLs found are kept per source (``LinkStore``, ``template_canonicals``), so the next crawl
stores those pages at their own URLs as they come, whatever their order (a page answered
in full before the real page at the URL would otherwise overwrite it until that page
arrives). A fleet worker compares only the
pages it fetched; what each found is merged.

Of a page's other metadata, the crawler reads no ``og:url``, ``hreflang`` alternate or
sitemap ``lastmod`` (a sitemap gives URLs to fetch, nothing more), so a template's copy of
them changes nothing. A ``<base href>`` on a developer's host is ignored
(``crawler.extract.html.page_base``), a canonical on another host or scheme is taken on
the page's own (``document_url``), a script shell keeps its served URL (the spider), and
a ``noindex`` the home page repeats on every page is the site's, not the page's
(``WebsiteSpider._not_stored``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from crawler.dedup import shingles
from sikoja.documents import Document

# Shingle Jaccard at or above which two pages' texts say the same. The same value as
# ``crawl.dedup.text_jaccard`` by the same reasoning (half the 3-shingles), kept apart on
# purpose: that setting groups one service's pages across sites (a deployment lowers it
# to catch the MPP's re-listings), and lowered here it would fold a category's different
# posts into the one URL the template prints on them.
SAME_TEXT = 0.5
COPY_TEXT = 0.98  # ...at or above which they are one text, whatever the titles (a 12-word
# post beside a 300-word widget column shares 0.91 with the next post)


def fingerprint(text: str) -> np.ndarray:
    """A text's word 3-shingles (``crawler.dedup.shingles``, CRC32s) as a sorted uint32
    array: every stored page keeps one for the whole crawl, and a Python set of them took
    7.3 MB for a 100,000-word PDF against 0.4 MB so; the Jaccard stays exact."""
    found = shingles(text)
    return np.sort(np.fromiter(found, dtype=np.uint32, count=len(found)))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    both = np.intersect1d(a, b, assume_unique=True).size
    return both / (a.size + b.size - both)


@dataclass
class Claim:
    served: str  # where the page claiming the URL was served
    title: str
    shingles: np.ndarray  # fingerprint() of its text
    # read from the store (the page answered 304): its text may hold more than a fetch
    # gives (the fields of a Standar Pelayanan PDF it links), so a copy is judged by how
    # much of the other page's text it holds
    stored: bool = False


def same_page(a: Claim, b: Claim) -> bool:
    """Whether two pages that declared one URL are copies of one page."""
    if not a.shingles.size or not b.shingles.size:
        return a.title.strip().lower() == b.title.strip().lower()
    if a.stored or b.stored:
        whole, part = (a, b) if a.stored else (b, a)
        alike = np.intersect1d(part.shingles, whole.shingles,
                               assume_unique=True).size / part.shingles.size
    else:
        alike = jaccard(a.shingles, b.shingles)
    if a.title.strip().lower() != b.title.strip().lower():
        return alike >= COPY_TEXT
    return alike >= SAME_TEXT


@dataclass
class Verdict:
    """What to do with a page whose document URL another page of this crawl claimed."""

    url: str  # where to store the arriving page
    move: Claim | None = None  # an earlier claimant to move back to its ``served`` URL
    free: bool = False  # the earlier claimant left the URL and nobody owns it now


class CanonicalClaims:
    """The document URLs this crawl stored pages at, who claimed them, and the URLs found to
    be template canonicals (``lies``)."""

    def __init__(self) -> None:
        self.claims: dict[str, Claim] = {}
        self.lies: set[str] = set()

    def arrive(self, doc: Document, served: str, *, stored: bool = False) -> Verdict:
        """Where ``doc`` (served at ``served``, declaring ``doc.url``) is stored; ``stored``:
        ``doc`` is the stored page at its own URL, which answered 304."""
        claim = Claim(served, doc.title, fingerprint(doc.text), stored)
        url = doc.url
        if url in self.lies and served != url:
            self.claims.setdefault(served, claim)
            return Verdict(served)
        prior = self.claims.get(url)
        if prior is None or prior.served == served or same_page(prior, claim):
            self.claims.setdefault(url, claim)
            return Verdict(url)  # a copy of the claimant: the pipeline skips it as one
        # two different pages under one URL: the template's canonical
        self.lies.add(url)
        move = prior if prior.served != url else None
        if move is not None:
            self.claims[move.served] = move
            del self.claims[url]
        if served == url:  # the page that lives there takes it back
            self.claims[url] = claim
            return Verdict(url, move=move)
        self.claims.setdefault(served, claim)
        return Verdict(served, move=move, free=move is not None)
