"""Text of Word and Excel files (.docx, .xlsx; .doc, .xls; .odt, .ods) that OPD pages link to.

Many OPD sites publish their Standar Pelayanan as the Word file it was typed in
("SP-Izin-Reklame.docx": a "No | Komponen | Uraian" table) or list their services in a
workbook, one a row, with columns Persyaratan / Biaya / Waktu / Produk. Both are read into
what a PDF gives (``crawler.extract.pdf.PdfText``): text lines, a table's row as its label
and its items (``pdflayout.row_lines``, the PDF reader's own), a blank line after a table, so
``crawler.standards`` treats a linked Word or Excel standard exactly as a linked PDF. A
workbook's rows are its pages: a service of a list of many is answered at ``<xlsx>#page=N``,
N the row it is on (counted through the sheets in order), as a bundle PDF's at its page.

Word 97-2003 (.doc) and Excel 97-2003 (.xls) files are read by ``crawler.extract.
legacy_office``, OpenDocument (.odt, .ods) by ``crawler.extract.opendocument``, into the
same lines. What a file is decided by its body (an OLE2 compound file, a zip, an ODF zip
naming its type) and by its name or type (Word or Excel): a .docx saved as "SP.doc" is read
as the .docx it is, and an old binary file named .docx as a .doc.

An encrypted file, a damaged or oversized one becomes an
``OfficeError`` (a ``PdfError``) with a reason the site-health report shows, never a crash:
a part that is no well-formed XML, a missing part, a broken zip are "damaged DOCX: ...".
The downloader's cap (``max_response_bytes``) bounds the file, ``MAX_UNPACKED`` what it
unpacks to, ``MAX_XML_UNPACKED`` the XML parts the readers parse on opening (a large part
they parse but the text needs not, styles or properties, is emptied), and the reading
stops where a PDF's does (``MAX_CHARS``), after ``MAX_BLOCKS`` paragraphs or ``MAX_ROWS``
rows, and at ``MAX_COLUMNS`` columns: a workbook declaring 16,384 columns
(``<dimension ref="A1:XFD5000"/>``) or a Word row of 20,000 cells is read
in the time a standard is.
"""

from __future__ import annotations

import datetime
import io
import re
import struct
import warnings
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
from crawler.extract.officerows import (
    MAX_COLUMNS,
    MAX_PROPERTIES,
    MAX_ROWS,
    Budget,
    cell_lines,
    rows_lines,
)
from crawler.extract.pdf import PdfError, PdfText, paged_text
from crawler.extract.pdflayout import row_lines

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOC_TYPE, XLS_TYPE = "application/msword", "application/vnd.ms-excel"
ODT_TYPE = "application/vnd.oasis.opendocument.text"
ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet"
OFFICE_TYPES = {DOCX_TYPE: "docx", XLSX_TYPE: "xlsx", DOC_TYPE: "doc", XLS_TYPE: "xls",
                ODT_TYPE: "odt", ODS_TYPE: "ods"}
_WORD_KINDS, _EXCEL_KINDS = ("docx", "doc", "odt"), ("xlsx", "xls", "ods")
_ZIP_TYPES = ("application/zip", "application/x-zip-compressed")
MAX_UNPACKED = 100 * 1024 * 1024  # what its parts may unpack to (a zip bomb stops here)
# ...and on opening a workbook it parses a sheet without a <dimension> to its end: larger
# sheets are no list of services (a data set of 50,000 rows), refused before; an ODF file's
# content.xml (its text, or all its sheets) is held to the same
MAX_SHEETS_UNPACKED = 8 * 1024 * 1024
_OLE = bytes.fromhex("d0cf11e0a1b11ae1")  # an OLE2 compound file: .doc, .xls, or encrypted
_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WORD_P, _WORD_TBL = f"{_WORD}p", f"{_WORD}tbl"
# what the parsers raise on a damaged file besides a broken zip: XML that is not
# well-formed (lxml's, and expat's through openpyxl), a part the package names but does not
# hold (KeyError)
_PARSE_ERRORS = (LxmlError, ParseError, KeyError)


class OfficeError(PdfError):
    """The Word or Excel file cannot be read: ``kind`` is "encrypted" or "parse"."""


def office_kind(content_type: str, url: str, body: bytes = b"") -> str | None:
    """"docx", "xlsx", "doc", "xls", "odt" or "ods" for a response that is one: by its type,
    or by its file name when the server sends a generic type or a zip's; None otherwise.
    The ``body``, when given, decides the format (an OLE2 file is a .doc or .xls, a zip a
    .docx or .xlsx, an ODF zip an .odt or .ods), the type or name whether it is Word or
    Excel; a body that is neither is no Office file when the type is an old or zip one (an
    HTML page sent as application/msword)."""
    path = url.split("#", 1)[0].split("?", 1)[0].lower()
    named = next((name[1:] for name in OFFICE_NAMES if path.endswith(name)), None)
    if content_type in OFFICE_TYPES:
        kind = OFFICE_TYPES[content_type]
        if named is not None and (named in _WORD_KINDS) == (kind in _WORD_KINDS):
            kind = named  # a .docx sent as application/msword
    elif not content_type or content_type in GENERIC_TYPES or content_type in _ZIP_TYPES:
        kind = named
    else:
        return None  # an HTML page at a .docx address is a page
    if kind is None or not body:
        return kind
    word = kind in _WORD_KINDS
    if body[:8] == _OLE:
        return "doc" if word else "xls"
    if body[:4] == b"PK\x03\x04":
        odf = _odf_kind(body)
        if odf is not None and (odf in _WORD_KINDS) == word:
            return odf
        return "docx" if word else "xlsx"
    if content_type in OFFICE_MISLABELS:
        return None
    return kind


def _odf_kind(body: bytes) -> str | None:
    """"odt" or "ods" for a zip whose first member is an ODF package's ``mimetype``."""
    if body[30:38] != b"mimetype":
        return None
    head = body[38:120]
    if b"opendocument.text" in head:
        return "odt"
    return "ods" if b"opendocument.spreadsheet" in head else None


def extract_office(body: bytes, kind: str) -> PdfText:
    """The text of an Office or OpenDocument file of ``kind`` (see ``office_kind``), as a
    PDF's."""
    name = kind.upper()
    if body[:8] == _OLE:
        if "EncryptedPackage".encode("utf-16-le") in body:
            raise OfficeError("encrypted", f"encrypted {name} (password required)")
        kind = "doc" if kind in _WORD_KINDS else "xls"
    elif body[:4] != b"PK\x03\x04":
        if kind in ("doc", "xls"):
            raise OfficeError("parse", f"damaged {name}: not an OLE2 compound file")
        raise OfficeError("parse", f"damaged {name}: not a zip archive")
    elif kind in ("doc", "xls"):  # a .docx or .xlsx by another name
        kind = "docx" if kind == "doc" else "xlsx"
    name = kind.upper()
    try:
        if kind in ("doc", "xls"):  # an OLE2 compound file
            return _read_ole(body, kind)
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            parts = archive.infolist()
            if sum(info.file_size for info in parts) > MAX_UNPACKED:
                raise OfficeError("parse", f"{name} unpacks to more than "
                                  f"{MAX_UNPACKED // 2**20} MB")
            sheets = ("content.xml",) if kind in ("odt", "ods") else ("xl/worksheets/",)
            if kind != "docx" and sum(info.file_size for info in parts if info.filename
                                      .startswith(sheets)) > MAX_SHEETS_UNPACKED:
                what = "content" if kind in ("odt", "ods") else "sheets"
                raise OfficeError("parse", f"{name} {what} unpack to more than "
                                  f"{MAX_SHEETS_UNPACKED // 2**20} MB")
            broken = archive.testzip()
            if broken is not None:
                raise OfficeError("parse", f"damaged {name}: part {broken} is corrupt")
            if kind in ("odt", "ods"):
                from crawler.extract.opendocument import is_encrypted, read_odf

                if is_encrypted(archive):
                    raise OfficeError("encrypted", f"encrypted {name} (password required)")
                return read_odf(archive, kind)
            body = _small_parts(archive, body, name)
        return _read_docx(body) if kind == "docx" else _read_xlsx(body)
    except OfficeError:
        raise
    except Exception as exc:
        reason = _reason(exc, name)
        if reason is exc:
            raise
        raise reason from None


def _small_parts(archive: zipfile.ZipFile, body: bytes, name: str) -> bytes:
    """``body``, or the same package with each part python-docx or openpyxl would parse on
    opening but our reading needs not (the properties, styles, numbering, settings, theme:
    ``_spare`` and the core properties wherever ``_rels/.rels`` places them) made an
    empty element when it unpacks to more than ``MAX_PROPERTIES``. The XML parts they do
    need (the document, its headers, the workbook, its shared strings; a sheet has a budget
    of its own) may unpack to ``MAX_XML_UNPACKED`` in all, or the file is refused: 94 MB of
    empty elements in a styles part took 25 s and 3 GB."""
    xml = _xml_types(archive)
    parts = [info for info in archive.infolist()
             if not info.filename.startswith("xl/worksheets/") and (
                 info.filename.lower().endswith((".xml", ".rels"))
                 or xml(info.filename))]
    spare = {info.filename for info in parts if _spare(info.filename)}
    spare |= _core_parts(archive)
    needed = sum(info.file_size for info in parts if info.filename not in spare)
    if needed > MAX_XML_UNPACKED:
        raise OfficeError("parse", f"{name} XML parts unpack to more than "
                          f"{MAX_XML_UNPACKED // 2**20} MB (too large)")
    large = {info.filename: _empty_root(archive, info, name) for info in parts
             if info.filename in spare and info.file_size > MAX_PROPERTIES}
    if not large:
        return body
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for part in archive.infolist():
            copy.writestr(part, large.get(part.filename) or archive.read(part))
    return out.getvalue()


MAX_XML_UNPACKED = 16 * 1024 * 1024
# parts the readers parse on opening that our reading does without (emptied when large)
_SPARE_PREFIXES = ("docProps/", "customXml/")
_SPARE_NAMES = {"styles.xml", "styleswitheffects.xml", "numbering.xml", "settings.xml",
                "websettings.xml", "fonttable.xml", "people.xml", "comments.xml",
                "commentsextended.xml", "commentsids.xml", "footnotes.xml", "endnotes.xml",
                "calcchain.xml"}
_CORE_TYPE = re.compile(rb"<Relationship\b[^>]*?Type=\"[^\"]*/core-properties\"[^>]*>")
_TARGET = re.compile(rb"Target=\"/?([^\"]+)\"")
_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)(\s[^<>]*?)?/?>")


def _xml_types(archive: zipfile.ZipFile) -> Any:
    """Whether a part is XML by the type ``[Content_Types].xml`` gives it (by its name or
    its extension): the readers parse a part by its type, whatever its name."""
    try:
        with archive.open("[Content_Types].xml") as part:
            types = part.read(MAX_PROPERTIES)
    except KeyError:
        types = b""
    named, extensions = set(), set()
    for element in re.finditer(rb"<(Override|Default)\b[^>]*>", types):
        tag = element.group(0)
        kind = re.search(rb'ContentType="([^"]*)"', tag)
        if kind is None or not kind.group(1).lower().endswith(b"xml"):
            continue
        if (part := re.search(rb'PartName="/?([^"]*)"', tag)) is not None:
            named.add(part.group(1).decode("utf-8", "replace").lower())
        elif (ext := re.search(rb'Extension="([^"]*)"', tag)) is not None:
            extensions.add(ext.group(1).decode("utf-8", "replace").lower())

    def xml(filename: str) -> bool:
        return (filename.lower() in named
                or filename.rsplit(".", 1)[-1].lower() in extensions)

    return xml


def _spare(filename: str) -> bool:
    return (filename.startswith(_SPARE_PREFIXES) or "/theme/" in filename
            or filename.rsplit("/", 1)[-1].lower() in _SPARE_NAMES)


def _core_parts(archive: zipfile.ZipFile) -> set[str]:
    """The core properties' parts the package's relationships name (a writer may place
    them elsewhere than docProps/core.xml)."""
    try:
        info = archive.getinfo("_rels/.rels")
    except KeyError:
        return set()
    with archive.open(info) as part:
        rels = part.read(MAX_PROPERTIES)
    return {match.group(1).decode("utf-8", "replace")
            for rel in _CORE_TYPE.finditer(rels) if (match := _TARGET.search(rel.group(0)))}


def _empty_root(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """The part's root element with nothing in it (its name and namespaces kept)."""
    with archive.open(info) as part:
        head = part.read(64 * 1024)
    head = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!.*?>", b"", head, flags=re.DOTALL)
    root = _ROOT.search(head)
    if root is None:
        raise OfficeError("parse", f"{name} part {info.filename} unpacks to more than "
                          f"{MAX_PROPERTIES // 2**20} MB (too large)")
    return b"<" + root.group(1) + (root.group(2) or b"").rstrip(b"/") + b"/>"


def _read_ole(body: bytes, kind: str) -> PdfText:
    """A Word 97-2003 or Excel 97-2003 file (``crawler.extract.legacy_office``); its
    reader's own errors as ``OfficeError``, any other left to ``extract_office``."""
    from crawler.extract.legacy_office import LegacyError, NotRead, read_doc, read_xls

    name = kind.upper()
    try:
        return read_doc(body) if kind == "doc" else read_xls(body)
    except LegacyError as exc:
        if str(exc) == "encrypted":
            raise OfficeError("encrypted", f"encrypted {name} (password required)") from None
        if isinstance(exc, NotRead):
            raise OfficeError("parse", f"{name}: {exc}") from None
        raise OfficeError("parse", f"damaged {name}: {exc}"[:300]) from None


# what the readers raise on a damaged file besides the errors below: their own
# (python-docx's InvalidXmlError, openpyxl's InvalidFileException, xlrd's XLRDError and
# CompDocError)
_READER_MODULES = ("docx.", "openpyxl.", "xlrd.")
# the packages that read the files: whatever one of them raises on a file is the file's
# damage (xlrd asserts what it expects of a record: a cell comment Excel wrote otherwise
# is an AssertionError)
_READER_PACKAGES = {"xlrd", "olefile", "docx", "openpyxl", "lxml", "zipfile", "xml", "zlib"}


def _reason(exc: Exception, name: str) -> Exception:
    """The ``OfficeError`` a reader's exception on a damaged file stands for; anything else
    (our bug) is given back as it is."""
    if isinstance(exc, PdfError):  # no text at all
        return OfficeError(exc.kind, str(exc))
    if isinstance(exc, (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError)):
        return OfficeError("parse", f"damaged {name}: {exc}"[:300])
    if isinstance(exc, _PARSE_ERRORS):
        return OfficeError("parse", f"damaged {name}: {type(exc).__name__}: {exc}"[:300])
    if isinstance(exc, (ValueError, TypeError, AttributeError, IndexError, OSError,
                        RecursionError, LookupError, struct.error, ArithmeticError)):
        return OfficeError("parse", f"unreadable {name}: {type(exc).__name__}: {exc}"[:300])
    if type(exc).__module__.startswith(_READER_MODULES) or (
            not isinstance(exc, MemoryError) and _raised_by_reader(exc)):
        return OfficeError("parse", f"damaged {name}: {type(exc).__name__}: {exc}"[:300])
    return exc


def _raised_by_reader(exc: Exception) -> bool:
    """Whether ``exc`` was raised inside one of the packages that read the files (the last
    frame of its traceback is theirs), not in this code."""
    frame = exc.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    if frame is None:
        return False
    module = frame.tb_frame.f_globals.get("__name__", "")
    return module.split(".", 1)[0] in _READER_PACKAGES


def _modified(properties: Any) -> str | None:
    stamp = getattr(properties, "modified", None) or getattr(properties, "created", None)
    return stamp.date().isoformat() if isinstance(stamp, datetime.datetime) else None


# -- Word ---------------------------------------------------------------------------------

def _read_docx(body: bytes) -> PdfText:
    from docx import Document as WordDocument

    doc = WordDocument(io.BytesIO(body))
    lines: list[str] = []
    budget = Budget()
    if doc.sections:
        # the kop surat is often in the page header: the PDF of the file shows it on top
        lines += _block_lines(doc.sections[0].header, {}, budget)
    lines += _block_lines(doc._body, {}, budget)
    title = squash(doc.core_properties.title or "")
    return paged_text([lines], title, _modified(doc.core_properties), kind="DOCX",
                      running_heads=False)


def _block_lines(container: Any, styles: dict[str | None, tuple[str, bool]],
                 budget: Budget) -> list[str]:
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
                 budget: Budget) -> list[str]:
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

    with warnings.catch_warnings():
        # a styles part over the cap is emptied before opening (``_small_parts``): the
        # text does not need it, and openpyxl's defaults are what a reader of text wants
        warnings.filterwarnings("ignore", message="Workbook contains no stylesheet")
        book = load_workbook(io.BytesIO(body), read_only=True, data_only=True)
    try:
        pages: list[list[str]] = []
        budget = Budget()
        for sheet in book.worksheets:
            if len(pages) >= MAX_ROWS or budget.chars <= 0 or budget.xml <= 0:
                break
            pages += rows_lines(list(_sheet_rows(sheet, MAX_ROWS - len(pages), budget)))
        title = squash(book.properties.title or "")
        modified = _modified(book.properties)
    finally:
        book.close()
    return paged_text(pages, title, modified, kind="XLSX", running_heads=False)


def _sheet_rows(sheet: Any, limit: int, budget: Budget) -> Iterator[list[list[str]]]:
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
            cells = [[] if value is None else cell_lines(value) for value in row]
            budget.take([line for cell in cells for line in cell])
            yield cells
    except ParseError:
        if budget.xml > 0:
            raise  # the sheet's XML is broken
        # cut at the cap: the rows before it are read


class _CappedSheet:
    """A worksheet's XML as openpyxl reads it, ending once the workbook's ``budget.xml``
    bytes are read (the parser then stops with a ParseError at the cut)."""

    def __init__(self, raw: Any, budget: Budget) -> None:
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
