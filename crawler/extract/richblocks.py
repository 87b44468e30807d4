"""Rich text stored as a tree of blocks, written out as the HTML an app renders from it.

Block editors do not save HTML: Strapi 5's default rich-text field is a list of blocks
(``[{"type": "heading", "level": 2, "children": [{"type": "text", "text": "Persyaratan"}]},
{"type": "list", "format": "ordered", "children": [{"type": "list-item", ...}]}]``),
Contentful's is a document of ``nodeType`` nodes (``"heading-2"``, ``"ordered-list"``,
``{"nodeType": "text", "value": ...}``), Editor.js (common in Laravel admin panels) saves
``{"blocks": [{"type": "header", "data": {"text": ..., "level": 3}}, {"type": "list",
"data": {"style": "ordered", "items": [...]}}]}``, often as a JSON string. The app's
renderer turns each block into its element; ``blocks_html`` does the same, so the body is
read by the page rules (``crawler.extract.richtext``) like any HTML body.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

# block type (lowercased, "_" and " " as "-") -> element; "" for a container of blocks
_ELEMENTS = {
    "paragraph": "p", "heading": "h", "header": "h", "quote": "blockquote",
    "blockquote": "blockquote", "list": "ul", "ordered-list": "ol", "unordered-list": "ul",
    "bulleted-list": "ul", "numbered-list": "ol", "list-item": "li", "listitem": "li",
    "table": "table", "table-row": "tr", "table-cell": "td", "table-header-cell": "th",
    "document": "", "root": "",
}
_CONTENTFUL_HEADING = re.compile(r"^heading-([1-6])$")
MAX_NODES = 20_000
# blocks nested deeper are dropped: each level costs the writer three Python frames, and a
# 300-level tree (no editor nests lists that deep) raised RecursionError and lost the record
MAX_DEPTH = 64


def blocks_html(value: Any) -> str | None:
    """The HTML of a block tree (see the module docstring), or None when ``value`` is not
    one: no node of a known block type."""
    if isinstance(value, str) and value.lstrip().startswith(("{", "[")) and '"blocks"' in value:
        try:  # Editor.js saved as a JSON string
            value = json.loads(value)
        except (json.JSONDecodeError, RecursionError):
            return None
    if isinstance(value, dict) and isinstance(value.get("blocks"), list):
        value = value["blocks"]
    if not isinstance(value, (list, dict)):
        return None
    budget = [MAX_NODES]
    found = [0]
    html = _html(value, budget, found)
    return html if found[0] else None


def _kind(node: dict[str, Any]) -> str:
    return re.sub(r"[_\s]+", "-", str(node.get("type") or node.get("nodeType") or "").lower())


def _html(node: Any, budget: list[int], found: list[int], depth: int = 0) -> str:
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        return ""
    if isinstance(node, list):
        return "".join(_html(n, budget, found, depth + 1) for n in node)
    if isinstance(node, str):
        return escape(node)
    if not isinstance(node, dict):
        return ""
    kind = _kind(node)
    data = node.get("data") if isinstance(node.get("data"), dict) else {}
    leaf = node.get("text") if isinstance(node.get("text"), str) else node.get("value")
    children = node.get("children") or node.get("content")
    if kind in ("text", "") and isinstance(leaf, str):
        text = escape(leaf)
        return f"<strong>{text}</strong>" if node.get("bold") else text
    heading = _CONTENTFUL_HEADING.match(kind)
    element = f"h{heading.group(1)}" if heading else _ELEMENTS.get(kind)
    if element is None:
        return _html(children, budget, found, depth + 1) if isinstance(children, list) else ""
    found[0] += 1
    if element == "h":
        level = node.get("level") or data.get("level")
        element = f"h{level}" if isinstance(level, int) and 1 <= level <= 6 else "h2"
    ordered = node.get("format") == "ordered" or data.get("style") == "ordered"
    if element == "ul" and ordered:
        element = "ol"
    if isinstance(children, list):
        inner = _html(children, budget, found, depth + 1)
    elif element in ("ul", "ol") and isinstance(data.get("items"), list):  # Editor.js
        inner = "".join(f"<li>{_item(i, depth + 1)}</li>" for i in data["items"])
    elif element == "table" and isinstance(data.get("content"), list):  # Editor.js
        inner = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row if isinstance(c, str))
                        + "</tr>" for row in data["content"] if isinstance(row, list))
    else:
        inner = str(data.get("text") or "")  # Editor.js keeps a block's inline HTML
    return f"<{element}>{inner}</{element}>" if element else inner


def _item(item: Any, depth: int) -> str:
    """An Editor.js list item: its text, or ``{"content": ..., "items": [...]}``."""
    if depth > MAX_DEPTH:
        return ""
    if isinstance(item, dict):
        nested = item.get("items") or []
        inner = "".join(f"<li>{_item(i, depth + 1)}</li>" for i in nested
                        if isinstance(nested, list))
        return str(item.get("content") or "") + (f"<ul>{inner}</ul>" if inner else "")
    return str(item)
