"""The page's own title, which on OPD sites is rarely the first thing that looks like one.

Templates put the site's name wherever a title could be: ``<h1 class="logo">`` in the
header (so "the first h1" is "Dinas Perhubungan Kota Jambi" on every page), either end of
``<title>`` ("BPPRD Kota Jambi :: Pembayaran PBB-P2", "Uji KIR | Dinas Perhubungan"), an
og:title copied from the site settings. And the page's real name may sit in an h2 or h3
("panel-title", "judul"). So the candidates are gathered first: og:title, the segments of
``<title>``, the content's headings; everything equal to the site's name (og:site_name, the
logo/brand text, the rel=home link) is rejected; and the strongest evidence is a name the
page states twice, a content heading that is also a segment of ``<title>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


def squash(text: str) -> str:
    """Whitespace runs (and no-break spaces) to one space (``crawler.extract.html`` uses this
    one too)."""
    return " ".join(text.replace("\xa0", " ").split())

# "Page | Site", "Site :: Page", "Page – Site" (WordPress's &#8211;), "Page » Section"
TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|»|·|~)\s+|\s*(?:\||::|»|·)\s*")
_MAX_TITLE = 250


def normalise(text: str) -> str:
    return squash(text).casefold().strip(" .:-|–—»·")


def split_title(title: str) -> list[str]:
    """``"Uji KIR | Dinas Perhubungan Kota Jambi"`` -> the two segments."""
    return [p for p in (squash(x) for x in TITLE_SEPARATORS.split(squash(title))) if p]


@dataclass
class TitleEvidence:
    """What a page says about its own name, read before boilerplate removal where needed."""

    title_tag: str = ""
    og_title: str | None = None
    site_names: set[str] = field(default_factory=set)  # normalised
    headings: list[tuple[int, str]] = field(default_factory=list)  # main block, in order
    body_h1: str | None = None  # first h1 of the cleaned page, if outside the main block

    def is_site_name(self, text: str) -> bool:
        return normalise(text) in self.site_names

    def own_segments(self, title: str) -> list[str]:
        """Segments of a title that are not the site's name."""
        return [s for s in split_title(title) if not self.is_site_name(s)]


def _usable(text: str, evidence: TitleEvidence) -> bool:
    return 2 < len(text) <= _MAX_TITLE and not evidence.is_site_name(text)


def choose_title(evidence: TitleEvidence) -> str:
    """The page's own title; the site's name only when the page offers nothing else."""
    segments = evidence.own_segments(evidence.title_tag)
    og_segments = evidence.own_segments(evidence.og_title) if evidence.og_title else []
    stated = {normalise(s) for s in [*segments, *og_segments]}
    if evidence.og_title and _usable(evidence.og_title, evidence):
        stated.add(normalise(evidence.og_title))
    headings = [text for _, text in evidence.headings if _usable(text, evidence)]
    if evidence.body_h1 and _usable(evidence.body_h1, evidence):
        headings.append(evidence.body_h1)
    # said twice: a heading that <title> or og:title also names
    for text in headings:
        if normalise(text) in stated:
            return text
    h1s = [text for level, text in evidence.headings if level == 1 and _usable(text, evidence)]
    if h1s:
        return h1s[0]
    if evidence.body_h1 and _usable(evidence.body_h1, evidence):
        return evidence.body_h1
    if og_segments:
        return og_segments[0]
    if segments:
        return _pick_segment(segments, headings)
    for level in (2, 3):
        for heading_level, text in evidence.headings:
            if heading_level == level and _usable(text, evidence):
                return text[:_MAX_TITLE]
    # nothing but the site's name: better than no title
    if evidence.title_tag:
        return squash(evidence.title_tag)[:_MAX_TITLE]
    return evidence.headings[0][1][:_MAX_TITLE] if evidence.headings else ""


def _pick_segment(segments: list[str], headings: list[str]) -> str:
    """Of several segments ("Pembuatan KTP-el | Layanan | Disdukcapil"): the one a heading
    contains, else the first (titles run from the specific to the general)."""
    if len(segments) > 1:
        lowered = [h.casefold() for h in headings]
        for segment in segments:
            key = segment.casefold()
            if len(key) > 5 and any(key in h for h in lowered):
                return segment
    return segments[0]
