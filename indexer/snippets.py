"""Highlighted snippets: the passage of a document that best matches the query.

Output is HTML-escaped text in which only ``<mark>`` and ``</mark>`` are markup, so the page
and the widget can rebuild it safely and a crawled ``<script>`` is shown as text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

WORD = re.compile(r"\w[\w-]*", re.UNICODE)
SNIPPET_CHARS = 240
SCAN_CHARS = 20_000  # look for the best passage in the first part of long documents only


def make_snippet(
    text: str, query_tokens: set[str], token_of: Callable[[str], Sequence[str]],
    size: int = SNIPPET_CHARS,
) -> str:
    """``token_of`` maps one word to its analysed tokens (the same analysis as the index)."""
    text = " ".join(text[:SCAN_CHARS].split())
    if not text:
        return ""
    words = list(WORD.finditer(text))
    # no query words (a document page): nothing to analyse or mark
    hits = ([m for m in words if query_tokens.intersection(token_of(m.group(0)))]
            if query_tokens else [])
    start = 0
    if hits:
        # the window of ``size`` characters holding the most distinct hits
        best, best_count, end_index = hits[0].start(), 0, 0
        for i, first in enumerate(hits):
            while end_index < len(hits) and hits[end_index].end() - first.start() <= size:
                end_index += 1
            inside = {h.group(0).lower() for h in hits[i:end_index]}
            if len(inside) > best_count:
                best, best_count = first.start(), len(inside)
        start = max(0, best - 40)
        space = text.rfind(" ", 0, start)
        start = 0 if start == 0 else (space + 1 if space >= 0 else start)
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    hit_spans = [(m.start(), m.end()) for m in hits if m.start() >= start and m.end() <= end]
    out, pos = [], start
    for s, e in hit_spans:
        out.append(html.escape(text[pos:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        pos = e
    out.append(html.escape(text[pos:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return prefix + "".join(out) + suffix
