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
``href="#id"``; a tab whose panel is not on the page is left alone.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from crawler.extract.title import squash

_TARGETS = ("aria-controls", "data-bs-target", "data-target", "href")


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


def unfold_tabs(soup: BeautifulSoup) -> int:
    """Rewrite the page's tabs as headed sections in place; returns the panels headed."""
    headed = 0
    panels: list[Tag] = []
    for tab in soup.find_all(attrs={"role": "tab"}):
        title = squash(tab.get_text(" "))
        panel = _panel_of(tab, soup)
        if panel is None or not title:
            continue
        panels.append(panel)
        if not _titled(panel, title):
            heading = soup.new_tag("h3")
            heading.string = title
            panel.insert(0, heading)
            headed += 1
    if not panels:
        return headed
    for tablist in soup.find_all(attrs={"role": "tablist"}):
        # a bar of tabs, not the wrapper that also holds the panels
        if tablist.decomposed or any(p is tablist or tablist in p.parents for p in panels):
            continue
        if tablist.find(attrs={"role": "tabpanel"}) is None:
            tablist.decompose()
    return headed
