"""What a service's card says when extraction stored none of its fields.

A page can become a service after extraction: the crawl's sibling rule promotes the posts a
site lists under its service section ("Informasi Layanan", "label/Layanan"), and such a page
keeps the fields of the kind it was read as: none. On the tuning web 28 dev queries (session
10) had a right top of that sort and no card ("surat keterangan usaha kelurahan talang
banjar" -> "Surat Keterangan Usaha (SKU)", whose text says "Persyaratan:", "Prosedur:",
"Biaya/Tarif: Gratis" on lines of their own). The card reads such a page's text with the
crawler's own label rules (:func:`crawler.extract.service.text_service_fields`, as for a
Standar Pelayanan PDF) and takes the fields when they make a service by the crawler's test
(two sections, one about getting it), and only when every line read as a label says so
with a colon ("Biaya/Tarif:"): text flattened from a table ("Biaya Gratis" above "Tempat
Pelayanan Kantor Lurah ...") reads a place as the cost. Otherwise the card says what the
page says first (a post written as prose, "KIA untuk Anak, Syaratnya Cuma Ini"), never a
field it does not.
"""

from __future__ import annotations

import re
from typing import Any

from crawler.extract.service import CORE_FIELDS, is_service, line_label, text_service_fields

LEAD_CHARS = 300  # a lead longer than this is cut at its last sentence end before it
LEAD_MIN_WORDS = 6  # shorter lines are bylines, dates, menu words
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def card_fields(kind: str, fields: dict[str, Any], text: str) -> dict[str, Any]:
    """A service's stored fields, or, when they hold none of the core sections, the sections
    its text says under labels (only when they make a service, as the crawler decides)."""
    if kind != "service" or any(fields.get(k) for k in CORE_FIELDS):
        return fields
    lines = text.splitlines()
    labels = [line for line in lines if line_label(line.strip())]
    if not labels or not all(":" in line or "：" in line for line in labels):
        return fields
    found = text_service_fields(lines)
    return {**fields, **found} if is_service(found) else fields


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
