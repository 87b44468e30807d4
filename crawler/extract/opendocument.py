"""Text of OpenDocument text (.odt) and spreadsheet (.ods) files, as ``crawler.extract.office``
reads .docx and .xlsx.

Offices that moved to LibreOffice post their Standar Pelayanan as the .odt Writer saved or
their list of services as a Calc .ods. Both are a zip whose ``content.xml`` holds the text:
read with lxml (entities not resolved, no network), not with odfpy, whose DOM is built in
pure Python and expands nothing itself, or a spreadsheet library that would first make every
cell Calc writes as repeated: a sheet Calc saves ends with one row repeated a million times,
and a row may say ``table:number-columns-repeated="16384"``. Here a repeated row or cell is
counted, not made: at most ``MAX_ROWS`` rows (empty rows at a sheet's end dropped) and
``MAX_COLUMNS`` cells a row are read, as an .xlsx's are.

A text's paragraphs and headings are lines, a list's items numbered or bulleted as its list
style says (as Word's are, ``office._list_marker``), a table row by row as a PDF's
(``row_lines``) with a blank line after it, a cell merged over others once (the covered cells
are no text). A spreadsheet's rows are its pages, the services' rows recognised by
``officerows.rows_lines`` as an .xlsx's.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree

from crawler.extract.html import squash
from crawler.extract.officerows import MAX_COLUMNS, MAX_PROPERTIES, MAX_ROWS, Budget, rows_lines
from crawler.extract.pdf import PdfText, paged_text
from crawler.extract.pdflayout import row_lines

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}
_TEXT, _TABLE = "{" + _NS["text"] + "}", "{" + _NS["table"] + "}"
_P, _H, _LIST = f"{_TEXT}p", f"{_TEXT}h", f"{_TEXT}list"
_ITEM, _HEADER = f"{_TEXT}list-item", f"{_TEXT}list-header"
_TBL, _ROW = f"{_TABLE}table", f"{_TABLE}table-row"
_CELL, _COVERED = f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"
_STYLE_NAME = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}name"
# what a paragraph's text holds besides characters: spaces (their count), a tab, a break
_SPACE, _SPACES, _TAB, _BREAK = f"{_TEXT}s", f"{_TEXT}c", f"{_TEXT}tab", f"{_TEXT}line-break"
_COLUMNS_REPEATED = f"{_TABLE}number-columns-repeated"
_ROWS_REPEATED = f"{_TABLE}number-rows-repeated"
# what groups a table's rows (header rows, row groups) or a text's blocks (sections)
_GROUPS = {f"{_TABLE}table-header-rows", f"{_TABLE}table-rows", f"{_TABLE}table-row-group",
           f"{_TEXT}section", f"{_TEXT}soft-page-break"}
# inline parts that are no text of the line: a footnote's body, an annotation, a change's
_SKIPPED = {f"{_TEXT}note", "{" + _NS["office"] + "}annotation", f"{_TEXT}tracked-changes",
            f"{_TEXT}bookmark-ref"}
_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "huge_tree": False}


def read_odf(archive: zipfile.ZipFile, kind: str) -> PdfText:
    """The text of an .odt or .ods (``kind``) whose zip ``archive`` is open and checked."""

    content = etree.fromstring(archive.read("content.xml"), etree.XMLParser(**_PARSER_OPTIONS))
    title, modified = _meta(archive)
    budget = Budget()
    body = content.find("office:body", _NS)
    if body is None:
        raise KeyError("no office:body in content.xml")
    if kind == "ods":
        pages: list[list[str]] = []
        for sheet in body.iterfind("office:spreadsheet/table:table", _NS):
            if len(pages) >= MAX_ROWS or budget.chars <= 0:
                break
            pages += rows_lines(list(_sheet_rows(sheet, MAX_ROWS - len(pages), budget)))
        return paged_text(pages, title, modified, kind="ODS", running_heads=False)
    text = body.find("office:text", _NS)
    lines = _block_lines(text if text is not None else body, _list_styles(content), budget)
    return paged_text([lines], title, modified, kind="ODT", running_heads=False)


def is_encrypted(archive: zipfile.ZipFile) -> bool:
    """Whether the package's manifest says its parts are encrypted (a password set in
    LibreOffice): its content.xml is then no XML to read."""
    try:
        with archive.open("META-INF/manifest.xml") as part:
            manifest = part.read(MAX_PROPERTIES)
    except KeyError:
        return False
    return b"encryption-data" in manifest


def _meta(archive: zipfile.ZipFile) -> tuple[str, str | None]:
    """The title and date of ``meta.xml``; none when it is missing, broken or larger than
    ``MAX_PROPERTIES`` (the text is still read)."""
    try:
        with archive.open("meta.xml") as part:
            data = part.read(MAX_PROPERTIES + 1)
        if len(data) > MAX_PROPERTIES:
            return "", None
        meta = etree.fromstring(data, etree.XMLParser(**_PARSER_OPTIONS))
    except (KeyError, etree.XMLSyntaxError):
        return "", None
    title = meta.findtext(".//dc:title", "", _NS)
    date = meta.findtext(".//dc:date", "", _NS)
    return squash(title), (date[:10] if len(date) >= 10 and date[:4].isdigit() else None)


def _list_styles(content: Any) -> dict[str, str]:
    """Each list style's first level: "number" or "bullet"."""
    styles = {}
    for style in content.iter(f"{_TEXT}list-style"):
        level = next((child for child in style if isinstance(child.tag, str)), None)
        if level is not None:
            styles[style.get(_STYLE_NAME, "")] = (
                "number" if level.tag == f"{_TEXT}list-level-style-number" else "bullet")
    return styles


def _inline(element: Any) -> str:
    """A paragraph's text as shown: spaces (``text:s``), tabs and line breaks kept."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == _SPACE:
            parts.append(" " * min(int(child.get(_SPACES, "1") or 1), 100))
        elif tag == _TAB:
            parts.append(" ")
        elif tag == _BREAK:
            parts.append("\n")
        elif isinstance(tag, str) and tag not in _SKIPPED:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _lines(paragraph: Any) -> list[str]:
    return [line for line in (squash(part) for part in _inline(paragraph).split("\n")) if line]


def _block_lines(container: Any, lists: dict[str, str], budget: Any,
                 style: str = "") -> list[str]:
    """The lines of a text's body, a section or a table cell, in order, until the
    ``budget`` is spent."""
    lines: list[str] = []
    for element in container:
        if budget.spent():
            break
        tag = element.tag
        if tag in (_P, _H):
            texts = _lines(element)
            budget.take(texts)
            lines += texts
        elif tag == _LIST:
            marker = lists.get(element.get(f"{_TEXT}style-name", ""), style or "bullet")
            number = 0
            for item in element:
                if item.tag not in (_ITEM, _HEADER):
                    continue
                texts = _block_lines(item, lists, budget, marker)
                if texts and item.tag == _ITEM:
                    number += 1
                    texts[0] = f"{number}. {texts[0]}" if marker == "number" else f"- {texts[0]}"
                lines += texts
        elif tag == _TBL:
            lines += _table_lines(element, lists, budget)
        elif tag in _GROUPS:
            lines += _block_lines(element, lists, budget, style)
    return lines


def _rows(table: Any) -> Iterator[Any]:
    for child in table:
        if child.tag == _ROW:
            yield child
        elif child.tag in _GROUPS:
            yield from _rows(child)


def _cells(row: Any) -> Iterator[tuple[Any, int]]:
    """A row's cells and how many times each is repeated; a covered cell as None."""
    for child in row:
        if child.tag in (_CELL, _COVERED):
            repeat = _count(child.get(_COLUMNS_REPEATED))
            yield (child if child.tag == _CELL else None), repeat


def _count(value: str | None) -> int:
    try:
        return max(int(value or 1), 1)
    except ValueError:
        return 1


def _table_lines(table: Any, lists: dict[str, str], budget: Any) -> list[str]:
    """A text's table, row by row as a PDF's (``row_lines``); a blank line after it."""

    lines: list[str] = []
    for n, row in enumerate(_rows(table)):
        if budget.spent():
            break
        budget.take([])
        cells: list[list[str]] = []
        for cell, repeat in _cells(row):
            if len(cells) >= MAX_COLUMNS:
                break
            if cell is None:
                continue  # merged into the cell before it or above it: read there
            text = [line for line in _block_lines(cell, lists, budget) if line]
            cells += [text] * min(repeat if text else 1, MAX_COLUMNS - len(cells))
        lines += row_lines(cells, header=n == 0)
    return [*lines, ""] if lines else []


def _paragraphs(element: Any) -> Iterator[Any]:
    """The paragraphs and headings in a spreadsheet's cell, not those of a comment on it
    (``office:annotation``) or of its other skipped parts."""
    for child in element:
        if child.tag in (_P, _H):
            yield child
        elif isinstance(child.tag, str) and child.tag not in _SKIPPED:
            yield from _paragraphs(child)


def _sheet_rows(sheet: Any, limit: int, budget: Any) -> Iterator[list[list[str]]]:
    """A sheet's rows, each a list of its cells' lines (an empty list for an empty or
    covered cell), at most ``limit`` of them and ``MAX_COLUMNS`` wide; a repeated row is
    counted, and the empty rows at the sheet's end are not given."""

    given = 0
    empty = 0  # empty rows seen since the last row with text: given only if one follows
    for row in _rows(sheet):
        if given >= limit or budget.chars <= 0:
            return
        cells: list[list[str]] = []
        for cell, repeat in _cells(row):
            if len(cells) >= MAX_COLUMNS:
                break
            text = [] if cell is None else [line for p in _paragraphs(cell) for line in _lines(p)]
            cells += [text] * min(repeat, MAX_COLUMNS - len(cells))
        while cells and not cells[-1]:
            cells.pop()
        repeat = _count(row.get(_ROWS_REPEATED))
        if not cells:
            empty += repeat
            continue
        for _ in range(min(empty, limit - given)):
            yield []
        given += min(empty, limit - given)
        empty = 0
        for _ in range(min(repeat, limit - given)):
            budget.take([line for cell in cells for line in cell])
            given += 1
            yield cells
