"""WordPress shortcodes shown as text: the page builder's markup read as what it meant.

A page built with a WordPress page builder stores its layout as shortcodes in the post
content (``[vc_row][vc_column width="1/2"][vc_column_text]...[/vc_column_text]``); the
plugin turns them into markup when the page is served. When the plugin is deactivated, or
the page was imported into a site without it, WordPress prints them as they are, each run
of them wrapped in a ``<p>`` by ``wpautop``. Read as text they fill the page and the search
index with brackets, and the builder's accordion or tab sections
(``[vc_tta_section title="Persyaratan"]``) lose their titles, so the service's requirements
are not read as requirements.

What makes a bracketed token a shortcode, whichever plugin wrote it, is its syntax: a name
closed later on the same page (``[vc_row]`` ... ``[/vc_row]``), or a name followed by
``key="value"`` attributes (``[vc_single_image image="2087"]``). A footnote ``[1]`` or an
editor's ``[Sumber: Disdukcapil]`` is neither. Such tokens leave the text; one that titles
the section it encloses (a ``title="..."`` attribute on a shortcode closed later; a
button's title is not one) leaves that title as an ``<h3>`` in its place, so the section
rules (``crawler.extract.service``) read the section under its label, as they do on the
page the active plugin renders. A heading shortcode leaves its words as an ``<h3>`` too
(``[vc_custom_heading text="Persyaratan"]``, ``main_heading=``, a call to action's ``h2=``);
a button pointing to a web address (``link="url:https%3A%2F%2F..."``), or to a path of the
site under a label, leaves a link to it (the service's online form).

A shortcode no active plugin registered is text to WordPress, so ``wptexturize`` curls its
quotes: ``[vc_tta_section title=”Persyaratan” tab_id=”8bd-1″]``. Any of those quote marks
(and their entities) delimit a value as a straight quote does.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from bs4 import BeautifulSoup, NavigableString, Tag

from crawler.extract.title import squash

# a quote mark around a value: straight, or as wptexturize curls the quotes of a shortcode no
# plugin registered ("title=”Persyaratan”", "width=”1/2″"), as characters or entities. A
# value opened by a double quote closes at a double quote only, one opened by a single quote
# at a single quote: an apostrophe inside a title ("Jadwal Jum'at", "Jama’ah") is the title's
_DOUBLE = (r"(?:[\"\u201c\u201d\u2033\u00ab\u00bb]"
           r"|&#(?:822[01]|8243|34|x201[cd]);|&quot;)")
_SINGLE = r"(?:['\u2018\u2019\u2032]|&#(?:821[6-9]|8242|39|x201[89]);)"


def _value(group: str) -> str:
    """A value's spelling, quoted in either family or bare, its words in a ``group`` ("(" to
    capture them, "(?:" not)."""
    quoted = [rf"{q}{group}(?:(?!{q})[^\]])*){q}" for q in (_DOUBLE, _SINGLE)]
    return "|".join([*quoted, rf"{group}[^\s\]\"']+)"])


_VALUE_SPELLING = f"(?:{_value('(?:')})"
_TOKEN = re.compile(rf"\[(/?)([a-z][a-z0-9_-]*)((?:\s+[a-z_][\w-]*\s*=\s*{_VALUE_SPELLING})*)"
                    r"\s*/?\]", re.IGNORECASE)
_ATTRIBUTE = re.compile(rf"([a-z_][\w-]*)\s*=\s*(?:{_value('(')})", re.IGNORECASE)
# a shortcode that prints a heading (WPBakery's vc_custom_heading, Ultimate Addons'
# ultimate_heading, a separator's title) and the values it prints it from
_HEADING_CODE = re.compile(r"heading|separator|title", re.IGNORECASE)
_HEADING_VALUES = ("text", "main_heading", "title", "heading")
_HEADING_ATTRIBUTES = ("h1", "h2", "h3")  # a call to action's heading (vc_cta h2="...")
_LINK_ATTRIBUTES = ("link", "url", "href")
_OPENS = re.compile(r"\[/?[A-Za-z]")  # a text that may hold one
_SKIP = {"script", "style", "textarea", "pre", "code"}
_HOLDERS = {"p", "div", "span"}  # what wpautop or an editor wraps a run of shortcodes in


def _attributes(spelled: str) -> dict[str, str]:
    """A shortcode's ``key="value"`` attributes, whatever quotes they are written with."""
    return {m.group(1).lower(): next(v for v in m.groups()[1:] if v is not None)
            for m in _ATTRIBUTE.finditer(spelled)}


def _shortcodes(strings: list[NavigableString]) -> tuple[set[str], set[str]]:
    """The names used as shortcodes on the page, and those of them closed somewhere (the
    ones that enclose a part of the page)."""
    closed, attributed = set(), set()
    for string in strings:
        for m in _TOKEN.finditer(string):
            name = m.group(2).lower()
            if m.group(1):
                closed.add(name)
            elif m.group(3).strip():
                attributed.add(name)
    return closed | attributed, closed


def _heading(name: str, attributes: dict[str, str], enclosing: bool) -> str:
    """The heading a shortcode prints: the title of one that encloses its section, the
    text of a heading shortcode, or a call to action's ``h2``; "" for none."""
    if enclosing and attributes.get("title"):
        return squash(attributes["title"])
    if _HEADING_CODE.search(name):
        for key in _HEADING_VALUES:
            if attributes.get(key):
                return squash(unquote(attributes[key]))
    return next((squash(unquote(attributes[k])) for k in _HEADING_ATTRIBUTES
                 if attributes.get(k)), "")


def _button(soup: BeautifulSoup, attributes: dict[str, str], label: str) -> Tag | None:
    """The link a button-like shortcode makes (``[vc_btn title="Daftar" link="url:https%3A
    %2F%2F...|target:_blank"]``, ``[button url="https://..."]Daftar``): an ``<a>`` titled by
    its ``title``, or by its address; None without a web address among its values. A link
    to a path of the site (``link="url:%2Fformulir%2F"``) is one too when it has a label."""
    for key, spelled in attributes.items():
        value = unquote(spelled).split("|", 1)[0].strip()
        value = value[4:] if value.lower().startswith("url:") else value
        if value.lower().startswith(("http://", "https://")) or (
                label and key in _LINK_ATTRIBUTES and value.startswith("/")):
            link = soup.new_tag("a", href=value)
            link.string = label or value
            return link
    return None


def unwrap_shortcodes(soup: BeautifulSoup) -> int:
    """Take the shortcodes out of the page's text in place, a titled one leaving its title as
    an ``<h3>``; returns how many tokens went."""
    strings = [s for s in soup.find_all(string=_OPENS)
               if type(s) is NavigableString and not any(
                   p.name in _SKIP for p in s.parents if isinstance(p, Tag))]
    names, enclosing = _shortcodes(strings)
    if not names:
        return 0
    done = 0
    for string in strings:
        pieces: list[str | Tag] = []
        at = 0
        for m in _TOKEN.finditer(string):
            if m.group(2).lower() not in names:
                continue
            pieces.append(string[at:m.start()])
            at = m.end()
            done += 1
            if m.group(1):
                continue
            name = m.group(2).lower()
            attributes = _attributes(m.group(3) or "")
            if label := _heading(name, attributes, name in enclosing):
                heading = soup.new_tag("h3")
                heading.string = label
                pieces.append(heading)
            elif button := _button(soup, attributes, squash(attributes.get("title", ""))):
                pieces.append(button)
        if at == 0:
            continue
        pieces.append(string[at:])
        holder = string.parent
        only_codes = not squash("".join(p for p in pieces if isinstance(p, str)))
        if only_codes and isinstance(holder, Tag) and holder.name in _HOLDERS and squash(
                holder.get_text(" ")) == squash(str(string)):
            # a <p> of nothing but shortcodes: its headings take its place
            for piece in pieces:
                if isinstance(piece, Tag):
                    holder.insert_before(piece)
            holder.decompose()
            continue
        for piece in pieces:
            if isinstance(piece, Tag) or piece:
                string.insert_before(piece if isinstance(piece, Tag) else NavigableString(piece))
        string.extract()
    return done
