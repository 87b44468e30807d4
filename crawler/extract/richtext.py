"""A JSON record's rich-text field, read as a page's body is read.

Script apps over a CMS keep a service in ONE field holding the HTML its editor saved:
WordPress's REST API answers ``content: {rendered: "<h2>Persyaratan</h2><ol>..."}``, a
headless CMS ``konten: "<h3>Biaya</h3><p>Gratis</p>"``, an admin panel ``isi: "<p><strong>
Syarat:</strong><br>1. ..."``. The app shows it with ``v-html`` or
``dangerouslySetInnerHTML``, so a citizen sees headings and sections; flattened to one
line of words (``jsonlist._text``) it has none, and its record reads as a mere page.

``rich_text`` parses such a field with the page parser (``html.parse_html``) and reads it
with the page rules: its sections by ``service.extract_service_fields`` (the same label
vocabulary and state machine as a served page), its headings, and its text one line per
block. ``rich_body`` picks the field a record keeps its body in: among its text-like values
(its own keys, the objects it nests such as ``attributes``, and ``{"rendered": ...}``
objects) the longest one that holds block markup; a block editor's tree of blocks is that
HTML (``richblocks.blocks_html``).

A body typed in a plain textarea, or in Markdown as a headless CMS's rich-text field stores
it (``"## Persyaratan\n1. KTP-el\n2. KK\n\n**Biaya:** Gratis"``), has its structure in its
lines: ``text_body`` finds it (several lines, no markup) and ``plain_text`` reads its lines
with the rules a Standar Pelayanan PDF's text is read by
(``service.text_service_fields``), a ``#`` line being a heading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from crawler.extract.html import (
    HEADING_TAGS,
    block_text,
    extract_headings,
    parse_html,
    squash,
    tags_in,
)
from crawler.extract.richblocks import blocks_html
from crawler.extract.service import extract_service_fields, text_service_fields

# markup an editor writes around sections: paragraphs, headings, lists, tables, line breaks
_BLOCK_MARKUP = re.compile(r"<(p|div|h[1-6]|ul|ol|li|table|tr|td|br|dl|dt|section|figure)\b",
                           re.IGNORECASE)
MAX_NESTING = 2  # how deep a record nests the object holding its body ("attributes")
MAX_BODY = 500_000  # characters of one field parsed
MIN_LINES = 3  # a text with fewer lines is a sentence or two, not a body with sections
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


@dataclass
class RichText:
    """What a rich-text field says, read as a page body."""

    text: str  # one line per block element, as a page's text
    headings: list[str] = field(default_factory=list)
    fields: dict[str, object] = field(default_factory=dict)  # service sections found


def has_markup(value: Any) -> bool:
    """Whether ``value`` is a string with block markup (not a name with a stray "<")."""
    return isinstance(value, str) and _BLOCK_MARKUP.search(value) is not None


def _lined(value: Any) -> bool:
    """A text of several lines and no markup: a textarea's or Markdown's body."""
    return isinstance(value, str) and not has_markup(value) and sum(
        1 for line in value.splitlines() if line.strip()) >= MIN_LINES


def rich_body(record: dict[str, Any], is_body_key: Callable[[str], bool]) -> str | None:
    """The HTML body of ``record``: the longest value with block markup under a key that
    ``is_body_key`` (the record reader's "description" keys, or a key it names no field),
    here or in an object the record nests; ``{"rendered": html}`` is its HTML."""
    found = list(_bodies(record, is_body_key, has_markup, 0))
    return max(found, key=len)[:MAX_BODY] if found else None


def text_body(record: dict[str, Any], is_body_key: Callable[[str], bool]) -> str | None:
    """The plain-text body of ``record`` (see ``rich_body``): the longest value of several
    lines without markup."""
    found = list(_bodies(record, is_body_key, _lined, 0))
    return max(found, key=len)[:MAX_BODY] if found else None


def _bodies(record: dict[str, Any], is_body_key: Callable[[str], bool],
            wanted: Callable[[Any], bool], depth: int) -> Iterable[str]:
    for key, value in record.items():
        if isinstance(value, dict) and isinstance(value.get("rendered"), str):
            value = value["rendered"]  # WordPress: {"rendered": "<p>...", "protected": false}
        blocks = blocks_html(value) if wanted is has_markup and is_body_key(str(key)) else None
        if blocks:
            yield blocks
        elif isinstance(value, str):
            if wanted(value) and is_body_key(str(key)):
                yield value
        elif isinstance(value, dict) and depth < MAX_NESTING:
            yield from _bodies(value, is_body_key, wanted, depth + 1)


def rich_text(html_text: str, base_url: str, titles: Iterable[str] = ()) -> RichText:
    """``html_text`` read as a page body; ``titles``: what the record calls itself, never a
    section's label (``service.extract_service_fields``)."""
    soup = parse_html(html_text)
    root = soup.body or soup
    headings = extract_headings([(t, int(t.name[1])) for t in tags_in(root, HEADING_TAGS)])
    fields = extract_service_fields(root, base_url, list(titles))
    return RichText(text=block_text(root), headings=headings, fields=fields)


def plain_text(text: str) -> RichText:
    """A plain-text or Markdown body read line by line: ``#`` lines are headings (and
    labels), ``**bold**`` is its words; sections as a PDF's text gives them."""
    lines: list[str] = []
    headings: list[str] = []
    for raw in text.splitlines():
        heading = _MD_HEADING.match(raw)
        line = squash(_MD_EMPHASIS.sub(r"\2", heading.group(1) if heading else raw))
        if heading and line:
            headings.append(line)
        lines.append(line)
    return RichText(text="\n".join(line for line in lines if line), headings=headings,
                    fields=text_service_fields(lines))
