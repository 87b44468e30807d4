"""Services written as the rows of one table: a kelurahan's "Persyaratan Surat" page
(No | Jenis Surat | Persyaratan), a licensing office's price list (Nama Izin | Biaya |
Lama Proses).

Read as one page, such a table is one service whose requirements mix every letter's (the
OpenSID Natra page on the sample web gave one "Persyaratan" of five letters' documents).
Its header says what it is: a column naming each row's subject ("Jenis Surat", "Nama
Layanan", "Izin") and at least one column labelled like a service section a citizen asks
about (requirements, procedure, duration, cost), over at least two rows naming different
things. Each row is then a service of its own at ``<page>#<slug of its name>`` (as a JSON
record is, ``crawler.extract.jsonlist``), its fields read from its cells by the same label
rules as a page (``text_service_fields``: "- item" lines are a list, "Gratis" a cost), and
the page is the listing of them. A table whose rows are one service's parts ("Komponen |
Uraian", or "No | Persyaratan | Keterangan", the requirements of one service) has no
naming column and stays what it was.
"""

from __future__ import annotations

import re

from bs4 import Tag

from crawler.extract.catalog import slugify
from crawler.extract.html import squash, tags_in
from crawler.extract.lang import detect_language
from crawler.extract.service import (
    CORE_FIELDS,
    flatten,
    is_service,
    label_name,
    text_service_fields,
)
from sikoja.documents import Document

# a header that names each row's subject: "Jenis Surat", "Nama Layanan", "Perizinan"
_NAME_HEADER = re.compile(r"^(jenis|nama|macam)\b|\b(surat|layanan|pelayanan|izin|perizinan|"
                          r"dokumen|produk|permohonan)\b", re.IGNORECASE)
MIN_ROWS = 2  # services a table must name to be a table of services
MAX_NAME = 120  # a longer cell is prose, not a name
# kind confidence of a row with fewer sections than a service page has (a letter and its
# requirements only): the table's header says it is a service, its own fields do not
THIN_ROW = 0.9


def _cells(row: Tag) -> list[Tag]:
    return list(row.find_all(("td", "th"), recursive=False))


def _columns(header: list[str]) -> tuple[int, dict[int, str]] | None:
    """(the naming column, {column: section label}) of a header row, or None."""
    labels = {i: text for i, text in enumerate(header) if label_name(text) in (
        *CORE_FIELDS, "legal_basis", "location")}
    if not any(label_name(header[i]) in CORE_FIELDS for i in labels):
        return None
    names = [i for i, text in enumerate(header)
             if i not in labels and _NAME_HEADER.search(text) and i < min(labels)]
    return (names[0], labels) if names else None


def table_services(content: Tag, page_url: str, source: str, opd: str,
                   lang_attr: str | None = None, fetched_at: str | None = None
                   ) -> list[Document]:
    """The services of the first table in ``content`` whose rows are services (see the
    module docstring), each a document whose parent is the page; [] when there is none."""
    for table in tags_in(content, ("table",)):
        rows = [r for r in table.find_all("tr") if r.find_parent("table") is table]
        if len(rows) <= MIN_ROWS:
            continue
        header = [squash(c.get_text(" ")) for c in _cells(rows[0])]
        columns = _columns(header)
        if columns is None:
            continue
        name_at, labels = columns
        out: dict[str, Document] = {}
        for row in rows[1:]:
            cells = _cells(row)
            if len(cells) != len(header):
                continue
            name = squash(cells[name_at].get_text(" "))
            if not name or len(name) > MAX_NAME or not re.search(r"[^\W\d_]", name):
                continue
            fields: dict[str, object] = {}
            lines = [name]
            for i, label in labels.items():
                values = [b.text for b in flatten(cells[i], page_url) if b.text]
                fields.update(text_service_fields([label, *values]))
                lines += [label, *values]
            if not fields.keys() & set(CORE_FIELDS):
                continue
            url = f"{page_url.split('#', 1)[0]}#{slugify(name)}"
            text = "\n".join(lines)
            out.setdefault(url, Document(
                url=url, source=source, opd=opd, kind="service", title=name, text=text,
                fields={**fields, "kind_confidence": 1.0 if is_service(fields) else THIN_ROW},
                lang=detect_language(text, lang_attr), fetched_at=fetched_at,
                parent_url=page_url))
        if len(out) >= MIN_ROWS:
            return list(out.values())
    return []
