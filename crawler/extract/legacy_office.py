"""Text of Word 97-2003 (.doc) and Excel 97-2003 (.xls) files, as ``crawler.extract.office``
reads .docx and .xlsx.

Many OPD computers still save a Standar Pelayanan as "Word 97-2003" or a list of services
as "Excel 97-2003": an OLE2 compound file, not a zip. A workbook is read with xlrd (its
cells, one row a page, the services' rows recognised by ``officerows.rows_lines`` as an .xlsx's
are). A Word file is read with olefile and the format's piece table: no maintained Python
reader of .doc text exists that needs no outside program (antiword, LibreOffice), so the
text is taken from the ``WordDocument`` stream as [MS-DOC] 2.4.1 says (the ``Clx`` in the
table stream maps the document's characters to 8-bit or UTF-16 runs of the stream).

What the text alone says of a Word table: each cell ends in \\x07 and each row in one more
\\x07 (paragraphs inside a cell end in \\r). A table's first row gives its number of
columns, and a row ends when it has that many cells; a row's first cell is taken to be its
last paragraph before the first cell mark (a "No" cell), so the paragraphs before it are
the document's. Word's automatic list numbers and the page header are not in the text
(typed numbers are kept); formatting is not read.

Bounds: the downloader's cap bounds the file and so every stream; at most ``MAX_CHARS``
characters of the text are decoded, and ``MAX_ROWS``, ``MAX_COLUMNS`` and ``MAX_CHARS``
bound a workbook's reading as an .xlsx's.
"""

from __future__ import annotations

import datetime
import struct
from typing import Any

from crawler.extract.html import squash
from crawler.extract.officerows import MAX_COLUMNS, MAX_ROWS, Budget, cell_text, rows_lines
from crawler.extract.pdf import MAX_CHARS, PdfText, paged_text
from crawler.extract.pdflayout import row_lines

_FIB_MAGIC = 0xA5EC
_FIB_FLAGS = 0x0A
_ENCRYPTED, _TABLE_1 = 0x0100, 0x0200
_CCP_TEXT = 76  # FibRgLw97.ccpText: characters of the main document
_FC_CLX = 154 + 33 * 8  # FibRgFcLcb97.fcClx, lcbClx
_COMPRESSED = 0x40000000
_CELL, _PARA = "\x07", "\r"
# field codes: "\x13 instruction \x14 shown result \x15" (a hyperlink, a page number)
_FIELD_BEGIN, _FIELD_SEPARATE, _FIELD_END = "\x13", "\x14", "\x15"
# what stands for an object, not text: a picture, a drawing, a footnote or comment mark
_DROPPED = dict.fromkeys(map(ord, "\x01\x02\x03\x04\x05\x08\x1f"), None) | {
    ord("\x0b"): "\n", ord("\x0c"): _PARA, ord("\x0e"): _PARA, ord("\x1e"): "-",
    ord("\xa0"): " ", ord("\t"): " "}


class LegacyError(ValueError):
    """What is wrong with an old Word or Excel file: ``office.extract_office`` reports it."""


def _properties(ole: Any) -> tuple[str, str | None]:
    """The file's title and the date it was last saved, from its SummaryInformation."""
    try:
        meta = ole.get_metadata()
    except Exception:  # damaged or missing properties: the text is still read  # noqa: BLE001
        return "", None
    title = meta.title or b""
    if isinstance(title, bytes):
        title = title.decode("cp1252", "replace")
    stamp = meta.last_saved_time or meta.create_time
    modified = stamp.date().isoformat() if isinstance(stamp, datetime.datetime) else None
    return squash(title.replace("\x00", "")), modified


def _open(body: bytes) -> Any:
    """The compound file ``body`` as olefile opens it; a damaged one a ``LegacyError``
    (olefile's errors on a broken header or sector chain are of many types)."""
    import olefile

    try:
        return olefile.OleFileIO(body)
    except Exception as exc:  # noqa: BLE001
        raise LegacyError(f"not a valid compound file ({type(exc).__name__})") from None


def read_doc(body: bytes) -> PdfText:
    with _open(body) as ole:
        if not ole.exists("WordDocument"):
            if ole.exists("Workbook") or ole.exists("Book"):
                return read_xls(body)  # an Excel file named .doc
            raise LegacyError("no WordDocument stream: not a Word file")
        word = ole.openstream("WordDocument").read()
        if len(word) < _FC_CLX + 8:
            raise LegacyError("File Information Block cut off")
        magic, n_fib = struct.unpack_from("<HH", word, 0)
        flags = struct.unpack_from("<H", word, _FIB_FLAGS)[0]
        if magic != _FIB_MAGIC:
            raise LegacyError("no Word File Information Block")
        if flags & _ENCRYPTED:
            raise LegacyError("encrypted")
        if n_fib < 101:
            raise LegacyError(f"a Word 6/95 file (nFib {n_fib}): not read")
        table_name = "1Table" if flags & _TABLE_1 else "0Table"
        if not ole.exists(table_name):
            raise LegacyError(f"no {table_name} stream")
        table = ole.openstream(table_name).read()
        title, modified = _properties(ole)
    length = min(struct.unpack_from("<i", word, _CCP_TEXT)[0], MAX_CHARS)
    fc_clx, lcb_clx = struct.unpack_from("<II", word, _FC_CLX)
    text = _piece_text(word, table[fc_clx:fc_clx + lcb_clx], max(length, 0))
    return paged_text([_doc_lines(text)], title, modified, kind="DOC", running_heads=False)


def _piece_text(word: bytes, clx: bytes, length: int) -> str:
    """The document's first ``length`` characters in all, through the piece table ``clx``.
    The pieces' character positions must go forward (each piece starts where the one
    before it ends, or later): a table whose pieces go back or overlap, which would read
    the same bytes again and again, is a damaged file."""
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: formatting of pieces, skipped
        at += 3 + struct.unpack_from("<H", clx, at + 1)[0]
    if at + 5 > len(clx) or clx[at] != 0x02:
        raise LegacyError("no piece table")
    size = struct.unpack_from("<I", clx, at + 1)[0]
    plc = clx[at + 5:at + 5 + size]
    count = (len(plc) - 4) // 12
    if count <= 0:
        raise LegacyError("empty piece table")
    cps = struct.unpack_from(f"<{count + 1}i", plc, 0)
    parts: list[str] = []
    left = length  # characters still to be read, in all pieces
    for n in range(count):
        if cps[n + 1] < cps[n] or cps[n] < 0:
            raise LegacyError("piece table out of order")
        start, end = cps[n], min(cps[n + 1], length)
        if left <= 0 or start >= length:
            break
        if end <= start:
            continue
        take = min(end - start, left)
        fc = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * n + 2)[0]
        if fc & _COMPRESSED:
            offset = (fc & ~_COMPRESSED) // 2
            parts.append(word[offset:offset + take].decode("cp1252", "replace"))
        else:
            parts.append(word[fc:fc + 2 * take].decode("utf-16-le", "replace"))
        left -= take
    return "".join(parts)


def _without_fields(text: str) -> str:
    """``text`` with each field's instruction removed and its shown result kept, in one
    pass: the open fields whose instruction is still being read are counted, not searched
    for (65,000 nested field marks took 38 s so)."""
    if _FIELD_BEGIN not in text:
        return text
    out: list[str] = []
    hidden = []  # per open field: whether its instruction is still being read
    hiding = 0  # how many of them are
    for char in text:
        if char == _FIELD_BEGIN:
            hidden.append(True)
            hiding += 1
        elif char == _FIELD_SEPARATE and hidden:
            hiding -= hidden[-1]
            hidden[-1] = False
        elif char == _FIELD_END and hidden:
            hiding -= hidden.pop()
        elif not hiding:
            out.append(char)
    return "".join(out)


def _doc_lines(text: str) -> list[str]:
    """A Word 97 document's lines: a paragraph a line, a table row by row as a PDF's
    (``row_lines``), a blank line after a table."""
    text = _without_fields(text).translate(_DROPPED)
    lines: list[str] = []
    segments = text.split(_CELL)
    width = 0  # the open table's number of columns (0: none open)
    row: list[list[str]] = []
    rows = 0

    def paragraphs(chunk: str) -> list[str]:
        parts = (squash(part) for part in chunk.replace(_PARA, "\n").split("\n"))
        return [line for line in parts if line]

    def end_row() -> None:
        nonlocal row, rows
        lines.extend(row_lines(row[:50], header=rows == 0))
        row, rows = [], rows + 1

    for n, segment in enumerate(segments):
        last = n == len(segments) - 1
        if not row and (width == 0 or segment or last):
            # before a row: the document's paragraphs, then the row's first cell
            head, _, cell = segment.rpartition(_PARA)
            if width and head:  # the table ended: a blank line after it
                lines.append("")
                width, rows = 0, 0
            lines.extend(paragraphs(head))
            if last:
                lines.extend(paragraphs(cell))
                break
            row = [paragraphs(cell)]
            continue
        if last:
            lines.extend(paragraphs(segment))
            break
        if not row:  # a row mark after a row mark: an empty first cell
            row = [[]]
            continue
        if (width == 0 and not segment) or (width and len(row) >= width):
            width = width or len(row)  # the row's own mark: the first row sets the width
            end_row()
            continue
        row.append(paragraphs(segment))
    if width:
        lines.append("")
    return lines


def read_xls(body: bytes) -> PdfText:
    import xlrd


    try:
        book = xlrd.open_workbook(file_contents=body, on_demand=True, ragged_rows=True,
                                  logfile=_Quiet())
    except Exception as exc:  # noqa: BLE001  (xlrd's on a cut or broken file are of many types)
        raise LegacyError(f"workbook: {type(exc).__name__}: {exc}"[:200]) from None
    try:
        pages: list[list[str]] = []
        budget = Budget()
        for index in range(book.nsheets):
            if len(pages) >= MAX_ROWS or budget.chars <= 0:
                break
            sheet = book.sheet_by_index(index)
            rows: list[list[list[str]]] = []
            for r in range(min(sheet.nrows, MAX_ROWS - len(pages))):
                if budget.chars <= 0:
                    break
                cells = [_xls_cell(cell, book.datemode, cell_text)
                         for cell in sheet.row_slice(r, 0, min(sheet.row_len(r), MAX_COLUMNS))]
                budget.take([line for cell in cells for line in cell])
                rows.append(cells)
            book.unload_sheet(index)
            pages += rows_lines(rows)
    finally:
        book.release_resources()
    with _open(body) as ole:
        title, modified = _properties(ole)
    return paged_text(pages, title, modified, kind="XLS", running_heads=False)


def _xls_cell(cell: Any, datemode: int, text_of: Any) -> list[str]:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return []
    value = cell.value
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            value = xlrd.xldate_as_datetime(value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            pass
    elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
        value = "Ya" if value else "Tidak"
    return [line for line in map(squash, text_of(value).split("\n")) if line]


class _Quiet:
    """xlrd's log: its warnings about a file's oddities are no concern of the crawl's."""

    def write(self, _text: str) -> None:
        return None
