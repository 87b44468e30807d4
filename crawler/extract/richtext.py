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
objects) the longest one that holds block markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from crawler.extract.html import block_text, extract_headings, parse_html, tags_in
from crawler.extract.service import extract_service_fields

# markup an editor writes around sections: paragraphs, headings, lists, tables, line breaks
_BLOCK_MARKUP = re.compile(r"<(p|div|h[1-6]|ul|ol|li|table|tr|td|br|dl|dt|section|figure)\b",
                           re.IGNORECASE)
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
MAX_NESTING = 2  # how deep a record nests the object holding its body ("attributes")
MAX_BODY = 500_000  # characters of one field parsed


@dataclass
class RichText:
    """What a rich-text field says, read as a page body."""

    text: str  # one line per block element, as a page's text
    headings: list[str] = field(default_factory=list)
    fields: dict[str, object] = field(default_factory=dict)  # service sections found


def has_markup(value: Any) -> bool:
    """Whether ``value`` is a string with block markup (not a name with a stray "<")."""
    return isinstance(value, str) and _BLOCK_MARKUP.search(value) is not None


def rich_body(record: dict[str, Any], is_body_key: Callable[[str], bool]) -> str | None:
    """The HTML body of ``record``: the longest value with block markup under a key that
    ``is_body_key`` (the record reader's "description" keys, or a key it names no field),
    here or in an object the record nests; ``{"rendered": html}`` is its HTML."""
    found = list(_bodies(record, is_body_key, 0))
    return max(found, key=len)[:MAX_BODY] if found else None


def _bodies(record: dict[str, Any], is_body_key: Callable[[str], bool],
            depth: int) -> Iterable[str]:
    for key, value in record.items():
        if isinstance(value, dict) and isinstance(value.get("rendered"), str):
            value = value["rendered"]  # WordPress: {"rendered": "<p>...", "protected": false}
        if isinstance(value, str):
            if has_markup(value) and is_body_key(str(key)):
                yield value
        elif isinstance(value, dict) and depth < MAX_NESTING:
            yield from _bodies(value, is_body_key, depth + 1)


def rich_text(html_text: str, base_url: str, titles: Iterable[str] = ()) -> RichText:
    """``html_text`` read as a page body; ``titles``: what the record calls itself, never a
    section's label (``service.extract_service_fields``)."""
    soup = parse_html(html_text)
    root = soup.body or soup
    headings = extract_headings([(t, int(t.name[1])) for t in tags_in(root, _HEADING_TAGS)])
    fields = extract_service_fields(root, base_url, list(titles))
    return RichText(text=block_text(root), headings=headings, fields=fields)
