"""Text of Word (.docx) and Excel (.xlsx) files that OPD pages link to.

Many OPD sites publish their Standar Pelayanan as the Word file it was typed in
("SP-Izin-Reklame.docx": a "No | Komponen | Uraian" table) or list their services in a
workbook, one a row, with columns Persyaratan / Biaya / Waktu / Produk. Both are read into
what a PDF gives (``crawler.extract.pdf.PdfText``): text lines, a table's row as its label
and its items (``pdflayout.row_lines``, the PDF reader's own), a blank line after a table, so
``crawler.standards`` treats a linked Word or Excel standard exactly as a linked PDF. A
workbook's rows are its pages: a service of a list of many is answered at ``<xlsx>#page=N``,
N the row it is on (counted through the sheets in order), as a bundle PDF's at its page.

An old binary .doc or .xls, an encrypted file, a damaged or oversized one becomes an
``OfficeError`` (a ``PdfError``) with a reason the site-health report shows, never a crash.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from crawler.downloadermiddlewares.contenttype import GENERIC_TYPES
from crawler.extract.html import squash
from crawler.extract.labels import label_name
from crawler.extract.pdf import MAX_CHARS, PdfError, PdfText, paged_text
from crawler.extract.pdflayout import row_lines

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OFFICE_TYPES = {DOCX_TYPE: "docx", XLSX_TYPE: "xlsx"}
MAX_BYTES = 20 * 1024 * 1024  # a larger file is no standard: a scan pasted into Word
MAX_UNPACKED = 100 * 1024 * 1024  # what its parts may unpack to (a zip bomb stops here)
MAX_ROWS = 5_000  # rows read of a workbook, through its sheets
_OLE = bytes.fromhex("d0cf11e0a1b11ae1")  # an OLE2 compound file: .doc, .xls, or encrypted
_NUMBER_HEADER = re.compile(r"^(?:no|no\.|nomor|#)$", re.IGNORECASE)


class OfficeError(PdfError):
    """The Word or Excel file cannot be read: ``kind`` is "encrypted" or "parse"."""


def office_kind(content_type: str, url: str) -> str | None:
    """"docx" or "xlsx" for a response that is one, by its type or, when the server sends
    a generic type, by its file name; None otherwise."""
    if content_type in OFFICE_TYPES:
        return OFFICE_TYPES[content_type]
    if content_type and content_type not in GENERIC_TYPES:
        return None  # an HTML page at a .docx address is a page
    path = url.split("#", 1)[0].split("?", 1)[0].lower()
    for kind in ("docx", "xlsx"):
        if path.endswith(f".{kind}"):
            return kind
    return None


def extract_office(body: bytes, kind: str) -> PdfText:
    """The text of a .docx or .xlsx file (``kind``), as a PDF's."""
    name = kind.upper()
    if len(body) > MAX_BYTES:
        raise OfficeError("parse", f"{name} larger than {MAX_BYTES // 2**20} MB")
    if body[:8] == _OLE:
        if "EncryptedPackage".encode("utf-16-le") in body:
            raise OfficeError("encrypted", f"encrypted {name} (password required)")
        raise OfficeError("parse", f"not a {name}: an old binary Word/Excel file (.doc/.xls)")
    if body[:4] != b"PK\x03\x04":
        raise OfficeError("parse", f"damaged {name}: not a zip archive")
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise OfficeError("parse", f"{name} unpacks to more than "
                                  f"{MAX_UNPACKED // 2**20} MB")
            broken = archive.testzip()
            if broken is not None:
                raise OfficeError("parse", f"damaged {name}: part {broken} is corrupt")
        return _read_docx(body) if kind == "docx" else _read_xlsx(body)
    except OfficeError:
        raise
    except PdfError as exc:  # no text at all
        raise OfficeError(exc.kind, str(exc)) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise OfficeError("parse", f"damaged {name}: {exc}"[:300]) from None
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
            RecursionError, LookupError) as exc:
        raise OfficeError("parse", f"unreadable {name}: {type(exc).__name__}: {exc}"[:300]
                          ) from None


def _modified(properties: Any) -> str | None:
    stamp = getattr(properties, "modified", None) or getattr(properties, "created", None)
    return stamp.date().isoformat() if isinstance(stamp, datetime.datetime) else None


# -- Word -----------------------------------------------------------------------------------

def _read_docx(body: bytes) -> PdfText:
    from docx import Document as WordDocument

    doc = WordDocument(io.BytesIO(body))
    lines: list[str] = []
    if doc.sections:
        # the kop surat is often in the page header: the PDF of the file shows it on top
        lines += _block_lines(doc.sections[0].header, {})
    lines += _block_lines(doc, {})
    title = squash(doc.core_properties.title or "")
    return paged_text([lines], title, _modified(doc.core_properties), kind="DOCX",
                      running_heads=False)


def _block_lines(container: Any, styles: dict[str | None, tuple[str, bool]]) -> list[str]:
    """The lines of a document's body, a header or a table cell, in order: a paragraph a
    line (a list item with its number or bullet, as Word shows it), a table row by row.
    ``styles``: what ``_list_marker`` learnt of each paragraph style, read once."""
    from docx.table import Table

    lines: list[str] = []
    numbers = 0
    for item in container.iter_inner_content():
        if isinstance(item, Table):
            lines += _table_lines(item, styles)
            numbers = 0
            continue
        # a line break inside a paragraph (Shift+Enter, "1. KTP<br>2. KK" in a cell) is a line
        texts = [text for text in (squash(part) for part in item.text.split("\n")) if text]
        marker = _list_marker(item, styles)
        if marker is None:
            numbers = 0
        elif texts:
            numbers += 1
            texts[0] = f"{numbers}. {texts[0]}" if marker == "number" else f"- {texts[0]}"
        lines += texts
    return lines


def _list_marker(paragraph: Any, styles: dict[str | None, tuple[str, bool]]) -> str | None:
    """"number" or "bullet" for a paragraph in one of Word's automatic lists (its number is
    not in its text), None for any other. A style is looked up once per document
    (``styles``: its name, and whether it or a style it is based on numbers its paragraphs):
    python-docx's lookup reads every style, most of a Word file's reading time."""
    ppr = paragraph._p.pPr
    style_id = ppr.style if ppr is not None else None
    if style_id not in styles:
        style = paragraph.style
        name = (style.name or "") if style is not None else ""
        numbered = False
        while style is not None and not numbered:
            style_ppr = style.element.pPr
            numbered = style_ppr is not None and style_ppr.numPr is not None
            style = style.base_style
        styles[style_id] = (name, numbered)
    name, numbered = styles[style_id]
    numbered = numbered or (ppr is not None and ppr.numPr is not None)
    if not numbered and not name.startswith(("List Number", "List Bullet")):
        return None
    if re.match(r"^\s*(?:\d{1,2}|[a-z])[.)]\s", paragraph.text):
        return None  # typed numbers as well: kept as typed
    return "bullet" if "Bullet" in name else "number"


def _table_lines(table: Any, styles: dict[str | None, tuple[str, bool]]) -> list[str]:
    """A Word table's rows as a PDF table's (``row_lines``); a blank line after it."""
    lines: list[str] = []
    above: list[Any] = []  # the cells of the row above (a cell merged down is read once)
    for n, row in enumerate(table.rows):
        cells: list[list[str]] = []
        seen: list[Any] = []  # lxml gives the same element while one is held: compared by it
        for cell in row.cells:
            element = cell._tc
            if any(element is other for other in seen):
                continue  # merged across: read once
            seen.append(element)
            if any(element is other for other in above):
                continue  # merged down from the row above: read there
            cells.append([line for line in _block_lines(cell, styles) if line])
        above = seen
        lines += row_lines(cells, header=n == 0)
    return [*lines, ""] if lines else []


# -- Excel ----------------------------------------------------------------------------------

def _read_xlsx(body: bytes) -> PdfText:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(body), read_only=True, data_only=True)
    try:
        pages: list[list[str]] = []
        size = 0
        for sheet in book.worksheets:
            rows = list(_sheet_rows(sheet, MAX_ROWS - len(pages)))
            for lines in _rows_lines(rows):
                pages.append(lines)
                size += sum(len(line) for line in lines)
            if len(pages) >= MAX_ROWS or size > MAX_CHARS:
                break
        title = squash(book.properties.title or "")
        modified = _modified(book.properties)
    finally:
        book.close()
    return paged_text(pages, title, modified, kind="XLSX", running_heads=False)


def _sheet_rows(sheet: Any, limit: int) -> Iterator[list[list[str]]]:
    """A sheet's rows, each a list of its cells' lines (an empty list for an empty cell)."""
    for n, row in enumerate(sheet.iter_rows(values_only=True)):
        if n >= limit:
            return
        yield [[squash(line) for line in _cell_text(value).split("\n") if squash(line)]
               for value in row]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if not value.time() else value.isoformat(" ")
    return str(value)


def _rows_lines(rows: list[list[list[str]]]) -> list[list[str]]:
    """Each row's lines. Under a header row of field labels ("Persyaratan", "Biaya/Tarif",
    maybe below a merged "Komponen Standar Pelayanan"), a row is a service: its name, then
    each field as a table row of the standard's ("Persyaratan" and its items), a blank line
    after it. Any other row is read as a table row is: "Label: value" or its cells' text."""
    header = next((n for n, row in enumerate(rows)
                   if sum(len(c) == 1 and label_name(c[0]) is not None for c in row) >= 2), None)
    if header is None:
        return [_plain(row) for row in rows]
    width = max(len(row) for row in rows)
    band = [n for n in (header - 2, header - 1) if n >= 0 and sum(bool(c) for c in rows[n]) >= 2]
    heads: list[str] = []
    for col in range(width):
        names = [" ".join(rows[n][col]) for n in [header, *reversed(band)]
                 if col < len(rows[n]) and rows[n][col]]
        heads.append(names[0] if names else "")
    fields = [col for col, head in enumerate(heads) if label_name(head) is not None]
    names = [col for col, head in enumerate(heads)
             if col not in fields and head and not _NUMBER_HEADER.match(head)]
    name_col = names[0] if names else None
    out: list[list[str]] = []
    for n, row in enumerate(rows):
        if n == header or n in band:
            out.append([])  # the header: no service's words
            continue
        name = " ".join(row[name_col]) if name_col is not None and name_col < len(row) else ""
        filled = [col for col in fields if col < len(row) and row[col]]
        if n < header or not name or not filled:
            out.append(_plain(row))
            continue
        lines = [name]
        for col in filled:
            lines += row_lines([[heads[col]], row[col]], header=False)
        out.append([*lines, ""])
    return out


def _plain(row: list[list[str]]) -> list[str]:
    cells = [cell for cell in row if cell]
    if not cells:
        return []
    return row_lines(cells, header=False) if len(cells) > 1 else [" ".join(cells[0])]
