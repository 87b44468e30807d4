"""Tabs read as sections: each tab's panel headed by the tab's title, the tab bar gone.

Service pages built with tabs (Bootstrap's ``nav-tabs``, Elementor's tabs widget, ARIA
tabs in general) keep the section names in a tab bar and the sections' text in panels
elsewhere: "Persyaratan | Prosedur | Biaya" in one row, then the lists. Read in document
order, the names are a list of their own and every panel loses its heading, so the
requirements end up under "Biaya". The tab bar is a menu of the panels (Bootstrap's is
even named ``nav``), so it goes, and each panel gets its tab's title as its heading, unless
the template already puts that title just before it (Elementor repeats each title before
its panel for phones).

A tab names its panel by ``aria-controls``, ``data-bs-target``/``data-target`` or an
``href="#id"``; a tab whose panel is not on the page is left alone. Accordions work the
same way without the tab roles: a toggle button (inside the item's heading, where the
button would otherwise go with the page's other buttons) opens a collapsed panel, and the
heading keeps the toggle's text. The toggle may be any element given the button role that
names its panel by ``aria-controls`` (WAI-ARIA's disclosure pattern): the new Google Sites
writes each collapsible text group as a ``<div role="button" aria-controls=...>`` title
over its folded panel, so a kelurahan's page of such groups, one letter each, is a list of
those letters.

Some accordions name nothing by markup: Divi's toggles (``<h5 class="et_pb_toggle_title">``
then ``<div class="et_pb_toggle_content">``) and the block editor's ``<details><summary>``.
Their titles open the element after them (or their ``<details>``); when a title is a
service's name rather than a section label, the panel is one service of a list, at
``<page>#<slug of its title>`` (``_named_items``; ``-2``, ``-3`` after a title met before on the
page, in page order). A Divi kelurahan site's "Layanan" page of
five toggles was read as one service of five letters' mixed requirements.

A Bootstrap modal written into the page for each row of a list (``<button data-toggle="modal"
data-target="#modal-12">Detail</button>`` and a hidden ``<div class="modal" id="modal-12">``
holding that row's details, common in CodeIgniter and Laravel admin templates) is such a
panel too, titled by its own ``modal-title`` (the button says only "Detail"); a modal with no
title of its own, or one a script fills, holds no service and stays out.

``unfold_tabs`` returns the panels, each with its id and title: a one-page site that puts
several services in panels is a list of them, each at ``<page>#<panel id>``
(``crawler.extract.document``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

from crawler.extract.labels import label_name
from crawler.extract.title import squash

_TARGETS = ("aria-controls", "data-bs-target", "data-target", "href")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_NUMBERING = re.compile(r"^\d{1,2}[.)]\s+")
# a class naming an accordion item's title: "et_pb_toggle_title", "su-spoiler-title",
# "accordion-title", "toggle-heading"
_ITEM_TITLE = re.compile(r"(toggle|accordion|spoiler|collaps\w*)[_-]?(title|head\w*)\b",
                         re.IGNORECASE)
MAX_ITEM_TITLE = 120  # characters: a service's name, not a paragraph


# a question a page answers in its FAQ ("KTP-el saya hilang, apa yang harus dilakukan?"),
# not a service's name
_QUESTION = re.compile(r"\?\s*$|^(apa|apakah|bagaimana|berapa|kapan|dimana|di mana|kemana|"
                       r"mengapa|kenapa|siapa|bisakah|bolehkah|dapatkah|haruskah|perlukah)\b",
                       re.IGNORECASE)


def is_question(title: str) -> bool:
    """Whether an item's title asks a question (an FAQ's item, not a service)."""
    return bool(_QUESTION.search(title.strip()))


def slugify(name: str) -> str:
    """An anchor for a panel without an id (as ``crawler.extract.catalog.slugify``)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "panel"


@dataclass
class Panel:
    """A tab's or an accordion item's panel: its element id, its title and its element."""

    id: str
    title: str
    tag: Tag
    head: Tag | None = None  # the item's title element, where it is not the panel's tab


def _panel_of(tab: Tag, soup: BeautifulSoup) -> Tag | None:
    for attr in _TARGETS:
        value = str(tab.get(attr) or "").strip()
        if attr != "aria-controls":
            if not value.startswith("#") or len(value) < 2:
                continue
            value = value[1:]
        if value:
            panel = soup.find(id=value)
            if isinstance(panel, Tag) and panel is not tab and tab not in panel.parents:
                return panel
    return None


def _titled(panel: Tag, title: str) -> bool:
    """Whether the element just before ``panel`` (or its first child) already says
    ``title``."""
    before = panel.find_previous_sibling()
    first = next((c for c in panel.children if isinstance(c, Tag)), None)
    return any(node is not None and squash(node.get_text(" ")) == title
               for node in (before, first))


def _toggles(soup: BeautifulSoup) -> list[Tag]:
    """Tabs, and the buttons that open an accordion's collapsed panels or a modal."""
    found = soup.find_all(attrs={"role": "tab"})
    seen = {id(t) for t in found}
    for button in soup.find_all(("button", "a")):
        if id(button) not in seen and (button.get("aria-controls") or _opens(button) in (
                "collapse", "modal")):
            found.append(button)
            seen.add(id(button))
    # WAI-ARIA's disclosure: any element made a button (role="button") that names the
    # region it opens; site builders write their collapsible groups as a div so
    for button in soup.find_all(attrs={"role": "button", "aria-controls": True}):
        if id(button) not in seen:
            found.append(button)
    return found


def _opens(button: Tag) -> str:
    """What a Bootstrap toggle opens (4's ``data-toggle``, 5's ``data-bs-toggle``)."""
    return str(button.get("data-bs-toggle") or button.get("data-toggle") or "")


def _modal_title(panel: Tag) -> str:
    """A modal's own title (``.modal-title``), "" when it has none."""
    title = panel.find(class_="modal-title")
    return squash(title.get_text(" ")) if isinstance(title, Tag) else ""


def _named_items(soup: BeautifulSoup, out: dict[int, Panel]) -> None:
    """Add the accordion items that name their panel by markup alone (no ARIA, no target):
    a ``<summary>`` opening its ``<details>``, or an element whose class names it a toggle's
    or an accordion's title followed by its panel (Divi's ``et_pb_toggle_title``). An item
    titled by a section label is one service's section (``crawler.extract.accordion``), not
    a panel of its own; a panel without an id is named by its title's slug."""
    for title in soup.find_all(True):
        if title.name == "summary":
            panel = title.find_parent("details")
        elif title.name not in _HEADINGS and title.name not in ("div", "span", "p", "a",
                                                                "strong", "button"):
            continue
        elif _ITEM_TITLE.search(" ".join(title.get("class") or [])):
            panel = title.find_next_sibling()
        else:
            continue
        if not isinstance(panel, Tag) or id(panel) in out:
            continue
        text = _NUMBERING.sub("", squash(title.get_text(" ")))
        if not text or len(text) > MAX_ITEM_TITLE or label_name(text) is not None:
            continue
        if not squash(panel.get_text(" ")).replace(squash(title.get_text(" ")), "", 1).strip():
            continue
        out[id(panel)] = Panel(str(panel.get("id") or "") or _unique(
            slugify(text), {p.id for p in out.values()}), text, panel, title)


def _unique(slug: str, used: set[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``... when another panel of the page has it: two
    groups each holding an "Akta Kelahiran" item are two services."""
    found, n = slug, 1
    while found in used:
        n += 1
        found = f"{slug}-{n}"
    return found


def unfold_tabs(soup: BeautifulSoup) -> list[Panel]:
    """Rewrite the page's tabs and accordions as headed sections in place; returns their
    panels, in page order."""
    out: dict[int, Panel] = {}
    for tab in _toggles(soup):
        title = _NUMBERING.sub("", squash(tab.get_text(" ")))
        panel = _panel_of(tab, soup)
        if panel is not None and _opens(tab) == "modal":
            title = _modal_title(panel)  # titled in its header: nothing to move or add
            if title and id(panel) not in out:
                out[id(panel)] = Panel(str(panel.get("id") or ""), title, panel)
            continue
        if panel is None or not title or id(panel) in out:
            continue
        out[id(panel)] = Panel(str(panel.get("id") or ""), title, panel)
        heading = tab.find_parent(_HEADINGS)
        if tab.name == "button" and heading is not None:
            tab.replace_with(tab.get_text(" "))  # the heading keeps the title
        elif not _titled(panel, squash(tab.get_text(" "))):
            new = soup.new_tag("h3")
            new.string = title
            panel.insert(0, new)
    _named_items(soup, out)
    panels = list(out.values())
    if not panels:
        return panels
    tags = [p.tag for p in panels]
    for tablist in soup.find_all(attrs={"role": "tablist"}):
        # a bar of tabs, not the wrapper that also holds the panels
        if tablist.decomposed or any(p is tablist or tablist in p.parents for p in tags):
            continue
        if tablist.find(attrs={"role": "tabpanel"}) is None:
            tablist.decompose()
    return panels
