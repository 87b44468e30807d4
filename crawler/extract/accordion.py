"""Accordion items titled by a section label read as that section's heading.

A service page built with a page builder often puts its sections in an accordion, one item
per section: the block editor's ``<details><summary>Persyaratan</summary>``, Elementor's
``elementor-tab-title``, Shortcodes Ultimate's ``su-spoiler-title``, a Bootstrap collapse
button in a ``card-header``, Kadence's ``kt-accordion-header-wrap``. Each plugin names the
item's title differently, and some name it like a page header, so the boilerplate rules took
the title away with the masthead and the requirements lost their label (on the tuning web's
news-magazine site, the Bootstrap and Kadence pages kept no section at all).

What the items have in common is what their titles say: a section label ("Syarat-syarat",
"Biaya") alone in a toggle (a ``summary``, a button, an element with ``aria-expanded`` or
``aria-controls``, or one named like a toggle or an item title) followed by its panel. Such
a title becomes an ``<h3>``, so the section rules (``crawler.extract.service``) read the
items as the sections of one service and the boilerplate rules keep the wrapper. An item
titled by anything else, a service's name above all, is left alone: an accordion of
services stays a list of panels (``crawler.extract.tabs``, ``document.panel_services``).

Measured on the tuning web (with the "no-share" rule in ``crawler.extract.html``), the same
web crawled by main's crawler and by this one: the news-magazine site's 7 services stored as
services 0 -> 7 (family: answers stored as service 0.00 -> 1.00, hybrid MRR@10 0.919 ->
0.950); its 14 queries (q620-q633) nDCG@10 0.399 -> 0.662, Exact@1 0.00 -> 0.57; the whole
dev set (492) MRR@10 0.952 -> 0.953, nDCG@10 0.646 -> 0.651, Recall@5 0.477 -> 0.480.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from crawler.extract.labels import label_name
from crawler.extract.title import squash

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# a title part of a table or a list is a cell or an item, not a toggle
_NOT_TITLES = {"td", "th", "tr", "table", "tbody", "thead", "li", "ul", "ol", "body", "html"}
_TOGGLE_ATTRS = ("aria-expanded", "aria-controls", "data-toggle", "data-bs-toggle")
_TOGGLE_NAME = re.compile(r"toggle|accordion|spoiler|collapse|expand|trigger|header|title|"
                          r"question|faq", re.IGNORECASE)
MAX_TITLE = 60  # characters: a section label, not a sentence


def _is_toggle(tag: Tag) -> bool:
    if tag.name in ("summary", "button") or tag.get("role") in ("button", "tab"):
        return True
    if any(tag.has_attr(attr) for attr in _TOGGLE_ATTRS):
        return True
    classes = tag.get("class") or []
    return bool(_TOGGLE_NAME.search(" ".join(classes) if isinstance(classes, list)
                                    else str(classes)))


def _title_part(tag: Tag, text: str) -> Tag:
    """The outermost element around ``tag`` that says nothing but ``text``; each parent is
    read only up to the title's length (``short_text``), so the container of a page's 2,400
    labels is not read whole for each of them (``html_document`` of 400 permits in one flow:
    13.5 s -> 1.2 s CPU, ``bench/onepage_speed.py``, BENCHMARKS.md)."""
    top = tag
    while isinstance(top.parent, Tag) and top.parent.name not in _NOT_TITLES and short_text(
            top.parent, len(text)) == text:
        top = top.parent
    return top


def _parts(tag: Tag) -> int:
    """How many of the element's children say something."""
    return sum(1 for c in tag.children if squash(c.get_text(" ") if isinstance(c, Tag)
                                                 else str(c)))


def _links_away(title: Tag) -> bool:
    """A link to another page (a menu's "Persyaratan" item) is not a toggle: toggles link
    nowhere or to an anchor of the page."""
    return any(not str(a.get("href")).strip().startswith(("#", "javascript:"))
               for a in (title, *title.find_all("a")) if a.name == "a" and a.get("href"))


def _has_panel(title: Tag) -> bool:
    """A summary opens the rest of its details; another title opens the element after it."""
    if title.name == "summary":
        return True
    panel = title.find_next_sibling()
    return isinstance(panel, Tag) and bool(squash(panel.get_text(" ")))


def short_text(tag: Tag, limit: int) -> str | None:
    """``squash(tag.get_text(" "))`` when it is at most ``limit`` characters, else None;
    it stops reading at the first word past the limit, so a page's wrappers cost a few
    words each instead of their whole text."""
    words, size = [], -1
    for string in tag.strings:
        for word in string.split():  # split() takes no-break spaces as squash does
            size += len(word) + 1
            if size > limit:
                return None
            words.append(word)
    return " ".join(words)


def head_section_items(soup: BeautifulSoup) -> int:
    """Rewrite in place each accordion item title that is a section label as an ``<h3>``;
    returns how many were rewritten. Every element is a candidate (this was 8% of a crawl's
    CPU on the sample web, py-spy), so its text is read only up to ``MAX_TITLE``
    (``short_text``) and each text is looked up as a label once: 0.56 s -> 0.43 s over the
    sample web's 664 pages, the same headings."""
    done, gone, labels = 0, set(), {}
    for tag in soup.find_all(True):
        if id(tag) in gone or tag.name in _HEADINGS or tag.name in _NOT_TITLES:
            continue  # gone with an earlier title, or already a heading
        text = short_text(tag, MAX_TITLE)
        if not text:
            continue
        if text not in labels:  # nested wrappers of one text ask once
            labels[text] = label_name(text)
        if labels[text] is None or _parts(tag) > 1:
            continue  # an item holding its title and its short value is not a title
        title = _title_part(tag, text)
        if title.name in _NOT_TITLES or title.find_parent(tuple(_HEADINGS)) is not None \
                or title.find(tuple(_HEADINGS)) is not None:
            continue  # a heading already: a post's linked title ("Syarat Membuat SKTM")
        if _links_away(title) or not any(_is_toggle(t) for t in (title, *title.find_all(True))):
            continue
        if not _has_panel(title):
            continue
        gone.update(id(t) for t in title.find_all(True))
        heading = soup.new_tag("h3")
        heading.string = text
        title.replace_with(heading)
        done += 1
    return done
