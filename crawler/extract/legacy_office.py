"""Text of Word 97-2003 (.doc) and Excel 97-2003 (.xls) files, as ``crawler.extract.office``
reads .docx and .xlsx.

Many OPD computers still save a Standar Pelayanan as "Word 97-2003" or a list of services
as "Excel 97-2003": an OLE2 compound file, not a zip. A workbook is read with xlrd (its
cells, one row a page, the services' rows recognised by ``officerows.rows_lines`` as an .xlsx's
are). A Word file is read with olefile and the format's piece table: no maintained Python
reader of .doc text exists that needs no outside program (antiword, LibreOffice), so the
text is taken from the ``WordDocument`` stream as [MS-DOC] 2.4.1 says (the ``Clx`` in the
table stream maps the document's characters to 8-bit or UTF-16 runs of the stream).

A Word table in the text: each cell ends in \\x07 and each row in one more \\x07 (paragraphs
inside a cell end in \\r). Which \\x07 ends a row, and which paragraphs are in a cell, the
paragraph properties say (a row's end mark has sprmPFTtp): rows of any number of cells are
read so, as Word 2000 and later write a row whose cells are merged across (a title or
section row) with fewer cells, and a table in a cell is read as the cell's paragraphs. A file
without them (a writer of text only) is read by its marks alone: an empty cell's mark
looks like a row's, so a table's first row of more than one cell sets its width, and one
cell with text followed by the row's mark is a row merged across. Word's automatic list
numbers and the page header are not in the text (typed numbers are kept); formatting is
not read.

Bounds: the downloader's cap bounds the file and so every stream; at most ``MAX_CHARS``
characters of the text are decoded, at most ``MAX_PAPX_BYTES`` of paragraph properties
parsed (past them a table is read by its marks alone), and ``MAX_ROWS``, ``MAX_COLUMNS``
and ``MAX_CHARS`` bound a workbook's reading as an .xlsx's.
"""

from __future__ import annotations

import bisect
import datetime
import re
import struct
from typing import Any

from crawler.extract.html import squash
from crawler.extract.officerows import MAX_COLUMNS, MAX_ROWS, Budget, cell_lines, rows_lines
from crawler.extract.pdf import MAX_CHARS, PdfText, is_letterhead_title, paged_text
from crawler.extract.pdflayout import row_lines

_FIB_MAGIC = 0xA5EC  # Word 97 and later (every such file has nFib 193 or more)
_FIB_MAGIC_WORD6 = 0xA5DC  # Word 6.0 and Word 95: another layout, no piece table of this kind
_FIB_FLAGS = 0x0A
_ENCRYPTED, _TABLE_1 = 0x0100, 0x0200
_CCP_TEXT = 76  # FibRgLw97.ccpText: characters of the main document
_FC_CLX = 154 + 33 * 8  # FibRgFcLcb97.fcClx, lcbClx
_FC_PAPX = 154 + 13 * 8  # FibRgFcLcb97.fcPlcfBtePapx, lcbPlcfBtePapx: paragraph properties
_COMPRESSED = 0x40000000
_CELL, _PARA = "\x07", "\r"
# what the paragraph properties make of a paragraph mark: a row's end mark (the \x07 after
# its last cell's), the end of a paragraph inside a cell (\r)
_ROW_END, _CELL_PARA = "\x06", "\x10"
_IN_TABLE, _TTP = 1, 2  # a paragraph in a table, a row's end mark (sprmPFInTable, sprmPFTtp)
_SPRM_IN_TABLE, _SPRM_TTP, _SPRM_ITAP = 0x2416, 0x2417, 0x6649
_SPRM_DEF_TABLE, _SPRM_CHG_TABS = 0xD608, 0xC615  # variable operands of their own length
_SPRA_SIZES = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}
# field codes: "\x13 instruction \x14 shown result \x15" (a hyperlink, a page number)
_FIELD_BEGIN, _FIELD_SEPARATE, _FIELD_END = "\x13", "\x14", "\x15"
# what stands for an object, not text: a picture, a drawing, a footnote or comment mark
_DROPPED = dict.fromkeys(map(ord, "\x01\x02\x03\x04\x05\x08\x1f"), None) | {
    ord("\x0b"): "\n", ord("\x0c"): _PARA, ord("\x0e"): _PARA, ord("\x1e"): "-",
    ord("\xa0"): " ", ord("\t"): " "}


class LegacyError(ValueError):
    """What is wrong with an old Word or Excel file: ``office.extract_office`` reports it."""


class NotRead(LegacyError):
    """An older format than Word 97's, not damaged but not read (Word 6/95)."""


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
    except MemoryError:
        raise  # not the file's damage (``office._reason``)
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
        magic = struct.unpack_from("<H", word, 0)[0]
        flags = struct.unpack_from("<H", word, _FIB_FLAGS)[0]
        if magic == _FIB_MAGIC_WORD6:
            raise NotRead("Word 6/95 is not read")
        if magic != _FIB_MAGIC:
            raise LegacyError("no Word File Information Block")
        if flags & _ENCRYPTED:
            raise LegacyError("encrypted")
        table_name = "1Table" if flags & _TABLE_1 else "0Table"
        if not ole.exists(table_name):
            raise LegacyError(f"no {table_name} stream")
        table = ole.openstream(table_name).read()
        title, modified = _properties(ole)
    length = min(struct.unpack_from("<i", word, _CCP_TEXT)[0], MAX_CHARS)
    fc_clx, lcb_clx = struct.unpack_from("<II", word, _FC_CLX)
    text, pieces = _piece_text(word, table[fc_clx:fc_clx + lcb_clx], max(length, 0))
    marked = (_marked(text, pieces, _paragraph_runs(word, table, _spans(pieces, len(text))))
              if _CELL in text else None)
    lines = _doc_lines(text) if marked is None else _marked_lines(marked)
    if is_letterhead_title(title, lines):
        title = ""  # the heading after the kop surat stands in, as a PDF's
    return paged_text([lines], title, modified, kind="DOC", running_heads=False)


def _piece_text(word: bytes, clx: bytes, length: int) -> tuple[str, list[tuple[int, int, int]]]:
    """The document's first ``length`` characters in all, through the piece table ``clx``,
    and where each piece's text is in the stream: (its first character in the text, its
    first byte in ``word``, bytes a character). The pieces' character positions must go
    forward (each piece starts where the one before it ends, or later): a table whose
    pieces go back or overlap, which would read the same bytes again and again, is a
    damaged file."""
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
    pieces: list[tuple[int, int, int]] = []
    done = 0
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
            pieces.append((done, offset, 1))
            parts.append(word[offset:offset + take].decode("cp1252", "replace"))
        else:
            pieces.append((done, fc, 2))
            parts.append(word[fc:fc + 2 * take].decode("utf-16-le", "replace"))
        left -= take
        done += len(parts[-1])
    return "".join(parts), pieces


def _spans(pieces: list[tuple[int, int, int]], length: int) -> list[tuple[int, int]]:
    """The byte ranges of the stream the text's ``pieces`` (``_piece_text``) were read from,
    in order of their first byte."""
    ends = [start for start, _, _ in pieces[1:]] + [length]
    return sorted((offset, offset + width * (end - start))
                  for (start, offset, width), end in zip(pieces, ends, strict=True))


# paragraph properties parsed at most (bytes of sprms): past it the tables are read by their
# marks alone (``_doc_lines``). A real document's are some kilobytes; 13,000 pages of runs
# each naming a page-long property list took 38 s
MAX_PAPX_BYTES = 1024 * 1024


def _paragraph_runs(word: bytes, table: bytes,
                    spans: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Where the stream's paragraphs are in a table or end a table row: (first byte, byte
    after, ``_IN_TABLE``/``_TTP`` flags) of each run of such paragraph marks, from the
    paragraph properties' pages (``PapxFkp``) the bin table ``PlcBtePapx`` names ([MS-DOC]
    2.8.6, 2.9.175); each page is read once, however often the bin table names it, each
    property list of a page once, and only runs within the text's byte ranges ``spans``
    (``_spans``). No runs (the marks alone are read) when they are more than
    ``MAX_PAPX_BYTES``."""
    fc, lcb = struct.unpack_from("<II", word, _FC_PAPX)
    plc = table[fc:fc + lcb]
    count = (len(plc) - 4) // 8
    runs: list[tuple[int, int, int]] = []
    numbers = struct.unpack_from(f"<{count}I", plc, 4 * (count + 1)) if count > 0 else ()
    starts = [start for start, _ in spans]
    reach = []  # the last byte after any span up to each
    for _, end in spans:
        reach.append(max(end, reach[-1] if reach else end))

    def in_text(first: int, after: int) -> bool:
        n = bisect.bisect_left(starts, after) - 1
        return n >= 0 and reach[n] > first

    left = MAX_PAPX_BYTES
    for page_number in dict.fromkeys(number & 0x3FFFFF for number in numbers):
        page = word[page_number * 512:page_number * 512 + 512]
        if len(page) < 512 or 4 * (page[511] + 1) + 13 * page[511] > 511:
            continue  # no such page: its paragraphs are read as having no properties
        crun = page[511]
        fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
        if not in_text(min(fcs), max(fcs)):
            continue
        seen: dict[int, int] = {}  # a page's property lists read: their flags
        for i in range(crun):
            at = 2 * page[4 * (crun + 1) + 13 * i]  # BxPap.bOffset; 0: no properties
            if not at or at >= 511 or not in_text(fcs[i], fcs[i + 1]):
                continue
            if at not in seen:
                left -= 2 * (page[at] or page[at + 1])
                if left < 0:
                    return []
                seen[at] = _papx_flags(page, at)
            if seen[at]:
                runs.append((fcs[i], fcs[i + 1], seen[at]))
    runs.sort()
    return runs


def _papx_flags(page: bytes, at: int) -> int:
    """``_IN_TABLE``/``_TTP`` of the paragraph properties (``PapxInFkp``) at ``at`` of a
    page: its style's number, then its sprms, each an opcode whose top bits give the size of
    its operand ([MS-DOC] 2.2.5.1)."""
    if at >= 511:
        return 0
    if page[at]:
        start, size = at + 1, 2 * page[at] - 1
    else:
        start, size = at + 2, 2 * page[at + 1]
    grpprl = page[start + 2:start + size]  # after the style's istd
    flags, i = 0, 0
    while i + 2 < len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, i)[0]
        i += 2
        if sprm == _SPRM_DEF_TABLE:
            if i + 2 > len(grpprl):
                break
            size = struct.unpack_from("<H", grpprl, i)[0] + 1
        elif sprm == _SPRM_CHG_TABS and grpprl[i] == 255:
            break  # a complex operand: what follows is not read
        else:
            size = _SPRA_SIZES.get(sprm >> 13) or 1 + grpprl[i]
        value = int.from_bytes(grpprl[i:i + size], "little")
        if sprm == _SPRM_TTP and value:
            flags |= _TTP | _IN_TABLE
        elif sprm in (_SPRM_IN_TABLE, _SPRM_ITAP) and value:
            flags |= _IN_TABLE
        i += size
    return flags


def _marked(text: str, pieces: list[tuple[int, int, int]],
            runs: list[tuple[int, int, int]]) -> str | None:
    """``text`` with each row's end mark made ``_ROW_END`` and each paragraph mark in a
    cell ``_CELL_PARA``, as the paragraph properties ``runs`` say; None when they mark no
    row's end (a file written without paragraph properties: its tables are found by
    their marks alone, ``_doc_lines``). A character is placed in the stream by its piece;
    a piece holding characters beyond UTF-16's first plane (two units, one character
    here) places those after them a unit early, which at worst misreads a mark there."""
    if not any(flags & _TTP for _, _, flags in runs):
        return None
    chars = list(text.replace(_ROW_END, " ").replace(_CELL_PARA, " "))
    piece_starts = [start for start, _, _ in pieces]
    run_starts = [start for start, _, _ in runs]
    for n, char in enumerate(chars):
        if char not in (_CELL, _PARA):
            continue
        start, offset, width = pieces[bisect.bisect_right(piece_starts, n) - 1]
        fc = offset + width * (n - start)
        r = bisect.bisect_right(run_starts, fc) - 1
        flags = runs[r][2] if r >= 0 and fc < runs[r][1] else 0
        if char == _CELL and flags & _TTP:
            chars[n] = _ROW_END
        elif char == _PARA and flags & _IN_TABLE:
            chars[n] = _CELL_PARA
    return "".join(chars)


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


def _paragraphs(chunk: str) -> list[str]:
    parts = (squash(part) for part in re.split(f"[\n{_PARA}{_CELL_PARA}]", chunk))
    return [line for line in parts if line]


class _Lines:
    """A document's lines as its paragraphs and table cells are met: a paragraph a line, a
    table row by row as a PDF's (``row_lines``), a blank line after a table. The table's
    heading row (| No | Komponen | Uraian |) is its first, or its second after a title row
    merged across the table."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.row: list[list[str]] = []
        self.rows = 0  # rows of the open table read
        self.header = True

    def cell(self, chunk: str) -> None:
        self.row.append(_paragraphs(chunk))

    def end_row(self) -> None:
        header = self.header and (self.rows == 0 or len(self.row) > 1)
        lines = row_lines(self.row[:MAX_COLUMNS], header=header)
        filled = [cell for cell in self.row[:MAX_COLUMNS] if cell]
        if len(filled) == 1 and lines:
            # a row of one cell with text (a box around the body, a table of one column, a
            # table in a cell read as its paragraphs): a line a paragraph, as outside a table
            lines = filled[0]
        self.lines += lines
        self.header = self.header and self.rows == 0 and len(self.row) <= 1
        self.row, self.rows = [], self.rows + 1

    def close(self) -> None:
        """The table ended (a paragraph of the document's follows, or the text ends)."""
        if self.row:
            self.end_row()
        if self.rows:
            self.lines.append("")
        self.rows, self.header = 0, True


def _marked_lines(text: str) -> list[str]:
    """A Word 97 document's lines, its rows' ends and its cells' paragraphs marked from
    its paragraph properties (``_marked``): rows of any number of cells (a row of merged
    cells has fewer), a table in a cell read as the cell's paragraphs."""
    text = _without_fields(text).translate(_DROPPED)
    out = _Lines()
    cell: list[str] = []  # the paragraphs of the cell being read
    parts = re.split(f"([{_PARA}{_CELL}{_ROW_END}{_CELL_PARA}])", text)
    for content, mark in zip(parts[::2], [*parts[1::2], ""], strict=True):
        if mark == _CELL_PARA:
            cell.append(content)
        elif mark == _CELL:
            out.cell("\n".join([*cell, content]))
            cell = []
        elif mark == _ROW_END:
            if cell or content:
                out.cell("\n".join([*cell, content]))
                cell = []
            out.end_row()
        else:  # a paragraph of the document's, or the text after the last mark
            if cell:  # a cell the text's end cut off
                out.cell("\n".join(cell))
                cell = []
            out.close()
            out.lines += _paragraphs(content)
    out.close()
    return out.lines


def _doc_lines(text: str) -> list[str]:
    """A Word 97 document's lines when its paragraph properties mark no row's end: each
    cell ends in \\x07 and each row in one more \\x07, which an empty cell's mark looks like.
    A table's first row of more than one cell sets its width, and a row ends when it has
    that many cells, or when one cell with text is followed by the row's mark and then by
    text (a title or section row merged across the table)."""
    text = _without_fields(text).translate(_DROPPED)
    out = _Lines()
    segments = text.split(_CELL)
    width = 0  # the open table's number of columns (0: not known)
    for n, segment in enumerate(segments):
        last = n == len(segments) - 1
        row = out.row
        if not row and (width == 0 or segment or last):
            # before a row: the document's paragraphs, then the row's first cell
            head, _, cell = segment.rpartition(_PARA)
            if out.rows and head:  # the table ended
                out.close()
                width = 0
            out.lines += _paragraphs(head)
            if last:
                out.lines += _paragraphs(cell)
                break
            out.cell(cell)
            continue
        if last:
            out.lines += _paragraphs(segment)
            break
        if not row:  # a row mark after a row mark: an empty first cell
            out.cell("")
            continue
        # one cell with text, then the row's mark; with the width known, only when text
        # follows it, not one more mark (then the mark was an empty cell's, "Pengaduan | ")
        merged = len(row) == 1 and bool(row[0]) and not segment and (
            width == 0 or n + 2 >= len(segments) or bool(segments[n + 1]))
        if merged or (width == 0 and not segment) or (width and len(row) >= width):
            if len(row) > 1:
                width = width or len(row)  # the row's own mark
            out.end_row()
            continue
        out.cell(segment)
    out.close()
    return out.lines


def read_xls(body: bytes) -> PdfText:
    import xlrd

    broken: LegacyError | None = None
    title: str = ""
    modified: str | None = None
    try:
        ole = _open(body)
    except LegacyError as exc:
        broken = exc  # raised after xlrd's reading: xlrd says first what is wrong with it
    else:
        with ole:
            word = ole.exists("WordDocument") and not (
                ole.exists("Workbook") or ole.exists("Book"))
            if not word:
                title, modified = _properties(ole)
        if word:  # a Word file sent as an Excel one: what is wrong with it is read_doc's
            return read_doc(body)
    try:
        book = xlrd.open_workbook(file_contents=body, on_demand=True, ragged_rows=True,
                                  logfile=_Quiet())
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001  (xlrd's on a cut or broken file are of many types)
        if isinstance(exc, xlrd.XLRDError) and "encrypted" in str(exc):
            raise LegacyError("encrypted") from None
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
                cells = [_xls_cell(cell, book.datemode)
                         for cell in sheet.row_slice(r, 0, min(sheet.row_len(r), MAX_COLUMNS))]
                budget.take([line for cell in cells for line in cell])
                rows.append(cells)
            book.unload_sheet(index)
            pages += rows_lines(rows)
    finally:
        book.release_resources()
    if broken is not None:
        raise broken
    return paged_text(pages, title, modified, kind="XLS", running_heads=False)


def _xls_cell(cell: Any, datemode: int) -> list[str]:
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
    return cell_lines(value)


class _Quiet:
    """xlrd's log: its warnings about a file's oddities are no concern of the crawl's."""

    def write(self, _text: str) -> None:
        return None
