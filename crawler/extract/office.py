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
``OfficeError`` (a ``PdfError``) with a reason the site-health report shows, never a crash:
a part that is no well-formed XML, a missing part, a broken zip are "damaged DOCX: ...".
The downloader's cap (``max_response_bytes``) bounds the file, ``MAX_UNPACKED`` what it
unpacks to, and the reading stops where a PDF's does (``MAX_CHARS``), after ``MAX_BLOCKS``
paragraphs or ``MAX_ROWS`` rows, and at ``MAX_COLUMNS`` columns: a workbook declaring
16,384 columns (``<dimension ref="A1:XFD5000"/>``) or a Word row of 20,000 cells is read
in the time a standard is.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import ParseError

from lxml.etree import LxmlError

from crawler.downloadermiddlewares.contenttype import (
    GENERIC_TYPES,
    OFFICE_MISLABELS,
    OFFICE_NAMES,
)
from crawler.extract.html import squash
from crawler.extract.labels import label_name
from crawler.extract.pdf import MAX_CHARS, PdfError, PdfText, paged_text
from crawler.extract.pdflayout import row_lines

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OFFICE_TYPES = {DOCX_TYPE: "docx", XLSX_TYPE: "xlsx"}
MAX_UNPACKED = 100 * 1024 * 1024  # what its parts may unpack to (a zip bomb stops here)
MAX_ROWS = 5_000  # rows read of a workbook, through its sheets
MAX_COLUMNS = 50  # columns read of a sheet or a Word table (a standard has 3 to 12)
MAX_BLOCKS = 20_000  # paragraphs and table rows read of a Word file (a standard has 100s)
# worksheet XML read of a workbook: openpyxl parses every cell of a row, past MAX_COLUMNS
# too (a sheet of a million empty cells, 11 MB, took 24 s); a list of a few hundred
# services is a few hundred KB
MAX_SHEET_XML = 2 * 1024 * 1024
# ...and on opening a workbook it parses a sheet without a <dimension> to its end: larger
# sheets are no list of services (a data set of 50,000 rows), refused before
MAX_SHEETS_UNPACKED = 8 * 1024 * 1024
_OLE = bytes.fromhex("d0cf11e0a1b11ae1")  # an OLE2 compound file: .doc, .xls, or encrypted
_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WORD_P, _WORD_TBL = f"{_WORD}p", f"{_WORD}tbl"
_NUMBER_HEADER = re.compile(r"^(?:no|no\.|nomor|#)$", re.IGNORECASE)
# the header of a workbook's column naming each row's service: "Jenis Pelayanan", "Nama
# Layanan", "Nama Izin", "Produk"; a "Bidang"/"Seksi"/"Unit" column before it groups them
_NAME_HEADER = re.compile(r"\b(layanan|pelayanan|izin|perizinan|surat|produk|permohonan|"
                          r"dokumen)\b|^(jenis|nama|macam)\b", re.IGNORECASE)
# a list of services has a column of their requirements or their procedure, as a Standar
# Pelayanan has: a table of facilities with "Waktu Pelayanan" and "Biaya" is data, not one
_SERVICE_FIELDS = ("requirements", "procedure")
# what the parsers raise on a damaged file besides a broken zip: XML that is not
# well-formed (lxml's, and expat's through openpyxl), a part the package names but does not
# hold (KeyError)
_PARSE_ERRORS = (LxmlError, ParseError, KeyError)


class OfficeError(PdfError):
    """The Word or Excel file cannot be read: ``kind`` is "encrypted" or "parse"."""


def office_kind(content_type: str, url: str, body: bytes = b"") -> str | None:
    """"docx" or "xlsx" for a response that is one, by its type or, when the server sends
    a generic type, by its file name; by its file name and its ``body``'s magic when the
    server calls it a .doc, an .xls or a zip (``OFFICE_MISLABELS``); None otherwise."""
    if content_type in OFFICE_TYPES:
        return OFFICE_TYPES[content_type]
    mislabelled = content_type in OFFICE_MISLABELS
    if content_type and content_type not in GENERIC_TYPES and not mislabelled:
        return None  # an HTML page at a .docx address is a page
    if mislabelled and body[:4] != b"PK\x03\x04" and body[:8] != _OLE:
        return None
    path = url.split("#", 1)[0].split("?", 1)[0].lower()
    return next((name[1:] for name in OFFICE_NAMES if path.endswith(name)), None)


def extract_office(body: bytes, kind: str) -> PdfText:
    """The text of a .docx or .xlsx file (``kind``), as a PDF's."""
    name = kind.upper()
    if body[:8] == _OLE:
        if "EncryptedPackage".encode("utf-16-le") in body:
            raise OfficeError("encrypted", f"encrypted {name} (password required)")
        raise OfficeError("parse", f"not a {name}: an old binary Word/Excel file (.doc/.xls)")
    if body[:4] != b"PK\x03\x04":
        raise OfficeError("parse", f"damaged {name}: not a zip archive")
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            parts = archive.infolist()
            if sum(info.file_size for info in parts) > MAX_UNPACKED:
                raise OfficeError("parse", f"{name} unpacks to more than "
                                  f"{MAX_UNPACKED // 2**20} MB")
            if kind == "xlsx" and sum(info.file_size for info in parts if info.filename
                                      .startswith("xl/worksheets/")) > MAX_SHEETS_UNPACKED:
                raise OfficeError("parse", f"{name} sheets unpack to more than "
                                  f"{MAX_SHEETS_UNPACKED // 2**20} MB")
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
    except _PARSE_ERRORS as exc:
        raise OfficeError("parse", f"damaged {name}: {type(exc).__name__}: {exc}"[:300]
                          ) from None
    except (ValueError, TypeError, AttributeError, IndexError, OSError,
            RecursionError, LookupError) as exc:
        raise OfficeError("parse", f"unreadable {name}: {type(exc).__name__}: {exc}"[:300]
                          ) from None
    except Exception as exc:
        # python-docx's and openpyxl's own (InvalidXmlError, PackageNotFoundError,
        # InvalidFileException...): the file is damaged; anything else is our bug
        if not type(exc).__module__.startswith(("docx.", "openpyxl.")):
            raise
        raise OfficeError("parse", f"damaged {name}: {type(exc).__name__}: {exc}"[:300]
                          ) from None


def _modified(properties: Any) -> str | None:
    stamp = getattr(properties, "modified", None) or getattr(properties, "created", None)
    return stamp.date().isoformat() if isinstance(stamp, datetime.datetime) else None


# -- Word ---------------------------------------------------------------------------------

class _Budget:
    """What is left to read of a file: its characters (``MAX_CHARS``, what a PDF keeps) and
    its paragraphs and table rows (``MAX_BLOCKS``: 400,000 empty paragraphs hold no
    characters and took 77 s to read)."""

    def __init__(self) -> None:
        self.chars = MAX_CHARS
        self.blocks = MAX_BLOCKS
        self.xml = MAX_SHEET_XML  # bytes of a workbook's sheets (``_CappedSheet``)

    def spent(self) -> bool:
        return self.chars <= 0 or self.blocks <= 0

    def take(self, lines: list[str]) -> None:
        self.blocks -= 1
        self.chars -= sum(len(line) + 1 for line in lines)


def _read_docx(body: bytes) -> PdfText:
    from docx import Document as WordDocument

    doc = WordDocument(io.BytesIO(body))
    lines: list[str] = []
    budget = _Budget()
    if doc.sections:
        # the kop surat is often in the page header: the PDF of the file shows it on top
        lines += _block_lines(doc.sections[0].header, {}, budget)
    lines += _block_lines(doc._body, {}, budget)
    title = squash(doc.core_properties.title or "")
    return paged_text([lines], title, _modified(doc.core_properties), kind="DOCX",
                      running_heads=False)


def _block_lines(container: Any, styles: dict[str | None, tuple[str, bool]],
                 budget: _Budget) -> list[str]:
    """The lines of a document's body, a header or a table cell, in order: a paragraph a
    line (a list item with its number or bullet, as Word shows it), a table row by row,
    until the ``budget`` is spent. ``styles``: what ``_list_marker`` learnt of each
    paragraph style, read once."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    numbers = 0
    # python-docx's iter_inner_content asks lxml for "./w:p | ./w:tbl", whose sorting took
    # minutes for 200,000 paragraphs after a table: the children are in order already
    for element in container._element.iterchildren(_WORD_P, _WORD_TBL):
        if budget.spent():
            break
        if element.tag == _WORD_TBL:
            item: Any = Table(element, container)
            lines += _table_lines(item, styles, budget)
            numbers = 0
            continue
        item = Paragraph(element, container)
        # a line break inside a paragraph (Shift+Enter, "1. KTP<br>2. KK" in a cell) is a line
        texts = [text for text in (squash(part) for part in item.text.split("\n")) if text]
        budget.take(texts)
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


def _table_lines(table: Any, styles: dict[str | None, tuple[str, bool]],
                 budget: _Budget) -> list[str]:
    """A Word table's rows as a PDF table's (``row_lines``); a blank line after it. A cell
    merged across is one ``<w:tc>``, read once; one merged down from the row above
    (``vMerge="continue"``) was read there. Read from the XML, not by python-docx's
    ``row.cells``, which repeats a cell once per grid column it spans
    (``w:gridSpan="100000"``)."""
    from docx.table import _Cell

    lines: list[str] = []
    for n, row in enumerate(table._tbl.tr_lst):
        if budget.spent():
            break
        budget.take([])
        cells = [[line for line in _block_lines(_Cell(tc, table), styles, budget) if line]
                 for tc in row.tc_lst[:MAX_COLUMNS] if tc.vMerge != "continue"]
        lines += row_lines(cells, header=n == 0)
    return [*lines, ""] if lines else []


# -- Excel ----------------------------------------------------------------------------------

def _read_xlsx(body: bytes) -> PdfText:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(body), read_only=True, data_only=True)
    try:
        pages: list[list[str]] = []
        budget = _Budget()
        for sheet in book.worksheets:
            if len(pages) >= MAX_ROWS or budget.chars <= 0 or budget.xml <= 0:
                break
            pages += _rows_lines(list(_sheet_rows(sheet, MAX_ROWS - len(pages), budget)))
        title = squash(book.properties.title or "")
        modified = _modified(book.properties)
    finally:
        book.close()
    return paged_text(pages, title, modified, kind="XLSX", running_heads=False)


def _sheet_rows(sheet: Any, limit: int, budget: _Budget) -> Iterator[list[list[str]]]:
    """A sheet's rows, each a list of its cells' lines (an empty list for an empty cell), at
    most ``limit`` of them and ``MAX_COLUMNS`` wide, until the ``budget`` is spent."""
    # the sheet's <dimension> is whatever the program that wrote it said: read-only openpyxl
    # pads every row to it ("A1:XFD5000": 16,384 cells a row) or stops at it ("A1": one
    # cell); the cells are read as they are
    sheet.reset_dimensions()
    source = sheet._get_source
    sheet._get_source = lambda: _CappedSheet(source(), budget)
    try:
        for n, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)):
            if n >= limit or budget.chars <= 0:
                return
            cells = [[] if value is None else
                     [text for text in map(squash, _cell_text(value).split("\n")) if text]
                     for value in row]
            budget.take([line for cell in cells for line in cell])
            yield cells
    except ParseError:
        if budget.xml > 0:
            raise  # the sheet's XML is broken
        # cut at the cap: the rows before it are read


class _CappedSheet:
    """A worksheet's XML as openpyxl reads it, ending once the workbook's ``budget.xml``
    bytes are read (the parser then stops with a ParseError at the cut)."""

    def __init__(self, raw: Any, budget: _Budget) -> None:
        self.raw, self.budget = raw, budget

    def read(self, size: int = -1) -> bytes:
        left = self.budget.xml
        if left <= 0:
            return b""
        data = self.raw.read(left if size is None or size < 0 else min(size, left))
        self.budget.xml -= len(data)
        return data

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> _CappedSheet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return (value.date().isoformat() if value.time() == datetime.time(0)
                else value.isoformat(" "))
    return str(value)


def _rows_lines(rows: list[list[list[str]]]) -> list[list[str]]:
    """Each row's lines. Under a header row of field labels ("Persyaratan", "Biaya/Tarif",
    maybe below a merged "Komponen Standar Pelayanan") naming the services' column ("Jenis
    Pelayanan") and their requirements or procedure, a row is a service: its name, each
    field as a table row of the standard's ("Persyaratan" and its items), what the other
    columns say of it ("Bidang: Perizinan", a group's value merged down the rows of its
    services carried down them), a blank line after it. Any other row is read as a table
    row is: "Label: value" or its cells' text."""
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
    # the services' column is named so, before their fields (as in an HTML table of them,
    # ``crawler.extract.servicetable``)
    names = [col for col, head in enumerate(heads)
             if col not in fields and col < min(fields) and _NAME_HEADER.search(head)]
    if not names or not any(label_name(heads[col]) in _SERVICE_FIELDS for col in fields):
        return [_plain(row) for row in rows]
    name_col = names[0]
    groups = [col for col, head in enumerate(heads) if head and col not in (*fields, name_col)
              and not _NUMBER_HEADER.match(head)]
    held: dict[int, list[str]] = {}  # each group column's value, carried down
    out: list[list[str]] = []
    for n, row in enumerate(rows):
        if n == header or n in band:
            out.append([])  # the header: no service's words
            continue
        name = " ".join(row[name_col]) if name_col < len(row) else ""
        filled = [col for col in fields if col < len(row) and row[col]]
        if n < header or not name or not filled:
            out.append(_plain(row))
            continue
        held.update({col: row[col] for col in groups if col < len(row) and row[col]})
        lines = [name]
        for col in filled:
            lines += row_lines([[heads[col]], row[col]], header=False)
        # after its fields: the line after a block's name would be read as its title
        lines += [line for col in groups if held.get(col)
                  for line in row_lines([[heads[col]], held[col]], header=False)]
        out.append([*lines, ""])
    return out


def _plain(row: list[list[str]]) -> list[str]:
    cells = [cell for cell in row if cell]
    if not cells:
        return []
    return row_lines(cells, header=False) if len(cells) > 1 else [" ".join(cells[0])]
