"""View counters: the line of an article that changes on every request.

Joomla prints "Dilihat: 231 kali" ("Hits: 231") in every article's info block, WordPress
post-view plugins "Dibaca 1.204 kali" or "Post Views: 57", and many hand-made PHP sites
"123 kali dilihat". The number grows with each fetch, so a page that keeps it in its text is
never the same twice: every recrawl rewrites and re-indexes it, and the copies of one
article reached at two URLs (``crawler.twins``) never compare equal. The number says nothing
a citizen searches for, so the whole line leaves the text. Only a line that is nothing but a
counter goes: "Dilihat oleh kepala dinas" or a sentence with a number stays.
"""

from __future__ import annotations

import re

_NUMBER = r"\d[\d.,]*"
_COUNTER_LINE = re.compile(
    rf"^(?:(?:telah\s+)?(?:dilihat|dibaca|dikunjungi)|hits|(?:post\s+)?views?|read|"
    rf"jumlah\s+(?:pembaca|kunjungan))\s*:?\s*(?:sebanyak\s+)?{_NUMBER}\s*(?:kali|x|times)?$"
    rf"|^{_NUMBER}\s*(?:kali\s+)?(?:dilihat|dibaca|views?|hits)$",
    re.IGNORECASE)


def is_counter(line: str) -> bool:
    return bool(_COUNTER_LINE.match(line.strip()))


def drop_counters(text: str) -> str:
    """``text`` without its view-counter lines (see the module docstring)."""
    if not text:
        return text
    lines = text.split("\n")
    kept = [line for line in lines if not is_counter(line)]
    return "\n".join(kept) if len(kept) != len(lines) else text
