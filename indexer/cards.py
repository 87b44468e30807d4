"""What a service's card says when extraction stored none of its fields.

A page can become a service after extraction: the crawl's sibling rule promotes the posts a
site lists under its service section ("Informasi Layanan", "label/Layanan"), and such a page
keeps the fields of the kind it was read as: none. On the tuning web 28 dev queries (session
10) had a right top of that sort and no card ("syarat kia anak danau sipim" -> "KIA untuk
Anak, Syaratnya Cuma Ini"). Its card says what the page says first, its lead sentence, beside
the service's name, provider and link, and no field the page was not read to say. (Reading
the labelled sections of its text, "Persyaratan:", is the crawler's to do when it promotes
the page: the indexer does not import the crawler's label rules.)
"""

from __future__ import annotations

import re

LEAD_CHARS = 300  # a lead longer than this is cut at its last sentence end before it
LEAD_MIN_WORDS = 6  # shorter lines are bylines, dates, menu words
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def lead(text: str, title: str) -> str | None:
    """The page's first sentences after its title: the first line of at least
    LEAD_MIN_WORDS words that is not a byline ("Administrator | 4 Maret 2024 | ..."), cut at
    a sentence end within LEAD_CHARS. None when no line qualifies."""
    name = title.strip().casefold()
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if line.casefold() == name or "|" in line or len(line.split()) < LEAD_MIN_WORDS:
            continue
        if len(line) <= LEAD_CHARS:
            return line
        ends = [m.end() for m in _SENTENCE_END.finditer(line, 0, LEAD_CHARS)]
        return line[:ends[-1]] if ends else line[:LEAD_CHARS].rsplit(" ", 1)[0] + " ..."
    return None
