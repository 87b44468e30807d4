"""Reading a PDF page's ruled tables cell by cell, and dropping running heads and feet.

A Standar Pelayanan that Word or LibreOffice exported is a table "No | Komponen | Uraian":
the text of its cells comes out of pypdf line by line across the page, so a label that
wraps ("Sistem, Mekanisme" / "dan Prosedur") is split around the values beside it, and a
vertically centred number or label lands in the middle of the items. The table's borders
are in the page too: each piece of text is put in the cell its nearest rules enclose, and a
row is written as its label and then its items, a wrapped item joined again. Every page
also repeats the kop surat (agency, address) and a page number; lines at a page's top or
bottom that come back on the other pages are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler.extract.html import squash
from crawler.extract.labels import NUMBERING, label_name
from crawler.extract.service import LIST_FIELDS

_ROW_NUMBER = re.compile(r"^(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)]?$")
_PAGE_NUMBER = re.compile(r"^(?:hal(?:aman)?\.?\s*)?[-–]?\s*\d{1,3}\s*[-–]?"
                          r"(?:\s*(?:dari|/|of)\s*\d{1,3})?$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
HEAD_LINES, FOOT_LINES = 5, 3  # where a page's running head and foot may be


@dataclass
class _Run:
    x: float
    y: float
    size: float
    text: str


@dataclass
class _Edges:
    across: list[tuple[float, float, float]] = field(default_factory=list)  # (y, x0, x1)
    down: list[tuple[float, float, float]] = field(default_factory=list)  # (x, y0, y1)

    def add(self, x0: float, y0: float, x1: float, y1: float) -> None:
        if abs(y1 - y0) < 2 and abs(x1 - x0) >= 2:
            self.across.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) < 2 and abs(y1 - y0) >= 2:
            self.down.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))

    def cell(self, x: float, y: float) -> tuple[float, float, float, float] | None:
        """(top, bottom, left, right) of the rules around a point, None outside a table."""
        above = [e[0] for e in self.across if e[0] > y and e[1] - 1 <= x <= e[2] + 1]
        below = [e[0] for e in self.across if e[0] < y and e[1] - 1 <= x <= e[2] + 1]
        left = [e[0] for e in self.down if e[0] <= x + 1 and e[1] - 1 <= y <= e[2] + 1]
        right = [e[0] for e in self.down if e[0] > x + 1 and e[1] - 1 <= y <= e[2] + 1]
        if not (above and below and left and right):
            return None
        return min(above), max(below), max(left), min(right)


def read_page(page) -> tuple[str, list[str] | None]:
    """(pypdf's text of ``page``, its lines read cell by cell when it has ruled tables)."""
    runs: list[_Run] = []
    edges = _Edges()
    point = [0.0, 0.0]

    def place(cm, x: float, y: float) -> tuple[float, float]:
        return cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]

    def on_text(text, cm, tm, font, size) -> None:
        if text.strip():
            x, y = place(cm, tm[4], tm[5])
            runs.append(_Run(x, y, max(1.0, abs(size * tm[3] * cm[3])), text))

    def on_operator(op, args, cm, tm) -> None:
        if op == b"re" and len(args) == 4 and not (cm[1] or cm[2]):
            x, y, w, h = (float(a) for a in args)
            (x0, y0), (x1, y1) = place(cm, x, y), place(cm, x + w, y + h)
            for a, b, c, d in ((x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1),
                               (x1, y0, x1, y1)):
                edges.add(a, b, c, d)
        elif op == b"m" and len(args) == 2:
            point[:] = place(cm, float(args[0]), float(args[1]))
        elif op == b"l" and len(args) == 2:
            end = place(cm, float(args[0]), float(args[1]))
            edges.add(point[0], point[1], end[0], end[1])
            point[:] = end

    text = page.extract_text(visitor_text=on_text, visitor_operand_before=on_operator) or ""
    if edges.across and not edges.down:
        _columns_from_text(runs, edges)
    if not edges.across or not edges.down:
        return text, None
    return text, _table_lines(runs, edges)


def _columns_from_text(runs: list[_Run], edges: _Edges) -> None:
    """A table ruled only between its rows (Word's "horizontal borders" style): its columns
    are where the text between the rules starts again and again (left-aligned cells), in
    three different rows, side by side on at least three lines (an underlined heading or
    two over a letter's indented paragraphs is not a table)."""
    top, bottom = max(e[0] for e in edges.across), min(e[0] for e in edges.across)
    x0, x1 = min(e[1] for e in edges.across), max(e[2] for e in edges.across)
    rows_at: dict[int, set[int]] = {}
    inside = [run for run in runs if bottom < run.y < top and x0 <= run.x <= x1]
    for run in inside:
        row = min((e[0] for e in edges.across if e[0] > run.y), default=top)
        rows_at.setdefault(round(run.x / 2), set()).add(round(row))
    starts = sorted(x for x, rows in rows_at.items() if len(rows) >= 3)
    lines: dict[int, set[int]] = {}
    for run in inside:
        if round(run.x / 2) in starts:
            lines.setdefault(round(run.y), set()).add(round(run.x / 2))
    if len(starts) < 2 or sum(len(found) >= 2 for found in lines.values()) < 3:
        return
    for x in [starts[0]] + [b for a, b in zip(starts, starts[1:], strict=False) if b - a > 2]:
        edges.down.append((x * 2 - 2, bottom, top))
    edges.down.append((x1, bottom, top))


def _table_lines(runs: list[_Run], edges: _Edges) -> list[str] | None:
    rows: dict[tuple[float, float], dict[float, list[_Run]]] = {}
    loose: list[_Run] = []
    for run in runs:
        box = edges.cell(run.x, run.y)
        if box is None:
            loose.append(run)
        else:
            top, bottom, left, _ = box
            rows.setdefault((top, bottom), {}).setdefault(left, []).append(run)
    for key in [k for k, cells in rows.items() if len(cells) < 2]:
        # a box around a heading or the whole page is not a table
        loose.extend(run for cell in rows.pop(key).values() for run in cell)
    if not rows:
        return None
    parts: list[tuple[float, int, list[str]]] = []  # (top, order, lines)
    for line in _lines(loose, join_headings=True):
        parts.append((line[0], 0, [line[1]]))
    previous_bottom = None
    for (top, bottom), cells in sorted(rows.items(), key=lambda kv: -kv[0][0]):
        starts_table = previous_bottom is None or abs(previous_bottom - top) > 1
        texts = [[text for _, text in _lines(cells[left])] for left in sorted(cells)]
        parts.append((top, 2 if starts_table else 1, row_lines(texts, header=starts_table)))
        previous_bottom = bottom
    out: list[str] = []
    in_table = False
    for _, order, lines in sorted(parts, key=lambda p: (-p[0], p[1])):
        if in_table and order != 1:
            out.append("")  # what follows a table is not its last value
        out.extend(lines)
        in_table = order > 0
    return out


def _lines(runs: list[_Run], join_headings: bool = False) -> list[tuple[float, str]]:
    """Runs as text lines, top to bottom: (top of the line, text)."""
    lines: list[tuple[float, float, str]] = []  # (baseline, size, text)
    for run in sorted(runs, key=lambda r: (-r.y, r.x)):
        if lines and abs(lines[-1][0] - run.y) <= run.size * 0.4:
            y, size, text = lines[-1]
            lines[-1] = (y, size, text + run.text)
        else:
            lines.append((run.y, run.size, run.text))
    out: list[tuple[float, float, float, str]] = []  # (top, baseline, size, text)
    for y, size, text in lines:
        text = squash(text)
        if not text:
            continue
        if (join_headings and out and out[-1][2] == size and out[-1][1] - y < size * 1.6
                and text.isupper() and out[-1][3].isupper()):
            top, _, _, before = out[-1]
            out[-1] = (top, y, size, f"{before} {text}")  # a heading wrapped over lines
        else:
            out.append((y + size, y, size, text))
    return [(top, text) for top, _, _, text in out]


def row_lines(cells: list[list[str]], header: bool) -> list[str]:
    """A table row as text lines: "Label" and its items, or "Label: value"."""
    cells = [c for c in cells if c and " ".join(c) not in (":", "：")]
    if cells and len(cells) > 1 and _ROW_NUMBER.match(" ".join(cells[0])):
        cells = cells[1:]  # | 3 | Sistem, Mekanisme dan Prosedur | ... |
    if not cells:
        return []
    label = " ".join(cells[0])
    name = label_name(label) if len(cells) > 1 else None
    if name is None:
        if header and all(len(" ".join(c).split()) <= 2 and not any(ch.isdigit() for ch in
                                                                    " ".join(c)) for c in cells):
            return []  # | No | Komponen | Uraian |
        if len(cells) == 2 and len(label) <= 60:
            return [f"{label}: {' '.join(_items(cells[1], False))}"]
        return [" ".join(" ".join(c) for c in cells)]
    values = [item for cell in cells[1:] for item in _items(cell, name in LIST_FIELDS)]
    if name not in LIST_FIELDS and len(values) == 1:
        return [f"{label}: {values[0]}"]
    return [label, *values]


# a row of a table set in columns by spaces, no rules ("2   Persyaratan Pelayanan   1. KTP"):
# its row number (a ``_ROW_NUMBER``), then cells two or more spaces apart
_GAP = re.compile(r"\s{2,}")
_CELL = re.compile(r"\S+(?: \S+)*")  # a cell of such a line, and where it starts
# a table header's words naming the standard's columns ("No | Komponen | Uraian"), not a
# tariff's or a schedule's ("No | Jenis Layanan | Tarif")
_COMPONENT_HEADER = re.compile(r"\b(komponen|uraian|unsur|aspek|standar|rincian|penjelasan)\b",
                               re.IGNORECASE)
# where a table's last row ends and a letter's closing begins
_SIGNATURE = re.compile(r"^\s*(ditetapkan|pada tanggal|hormat kami|mengetahui|kepala\b|"
                        r"a\.?\s?n\.?\s|plt\.?\s|plh\.?\s|nip\b|jambi,)", re.IGNORECASE)
MAX_GAP_LABEL_WORDS = 6  # "Persyaratan Pembuatan KTP-el Pemula"; a sentence is longer
MAX_LABEL_WRAP = 3  # words of a label's wrapped line ("dan Prosedur", "Penyelesaian")


def _gap_row(line: str) -> list[re.Match[str]] | None:
    """The three cells of a table row set by spaces whose middle one is a standard's label
    in full ("Persyaratan Pelayanan", never "Persyaratan harus lengkap." of a decree's
    prose typed with double spaces), else None."""
    cells = list(_CELL.finditer(line))
    if len(cells) != 3 or not _ROW_NUMBER.match(cells[0].group()):
        return None
    label = cells[1].group()
    if (label_name(label) is None or label.rstrip().endswith((".", ";", "!", "?"))
            or ". " in label or len(label.split()) > MAX_GAP_LABEL_WORDS):
        return None
    return cells


def _header(line: str) -> bool:
    """A table's header row set by spaces: three or more cells of a word or two each."""
    cells = _GAP.split(line.strip())
    return len(cells) >= 3 and row_lines([[c] for c in cells], header=True) == []


def gap_rows(lines: list[str]) -> list[str]:
    """Text lines with each row of a "No | Komponen | Uraian" table that a PDF lays out in
    columns by spaces, without rules, written as its label and its value (``row_lines``):
    pypdf keeps the spaces between the columns ("3   Sistem, Mekanisme dan Prosedur   1.
    Daftar ..."), and squashed they read as one sentence whose label no rule sees.

    A row is a number, a standard's label in full and its value, three cells
    (``_gap_row``); the lines are a table only with a header naming the standard's columns
    over its first row, or, without any header, two such rows: a decree's numbered
    sentences typed with double spaces, justified prose, or a tariff's table are left as
    they were. The indented lines after a row go on its cells by their column: text that
    starts where the label starts wraps the label ("Sistem, Mekanisme" / "dan Prosedur",
    "Jangka Waktu" / "Penyelesaian"), other text is the value's, a numbered line a new item
    of it ("2. Bayar retribusi ..."). A blank line, an unindented one or a letter's closing
    ("Kepala Dinas", "NIP") ends the row."""
    rows = [_gap_row(line) for line in lines]
    first = next((i for i, row in enumerate(rows) if row), None)
    if first is None:
        return lines
    header = first > 0 and _header(lines[first - 1])
    if header and not _COMPONENT_HEADER.search(lines[first - 1]):
        return lines
    if not header and sum(1 for row in rows if row) < 2:
        return lines
    out: list[str] = []
    row: tuple[int, list[str], list[list[str]]] | None = None  # label column, label, value

    def close() -> None:
        if row is not None:
            _, label, value = row
            cells = [[" ".join(label)], [" ".join(parts) for parts in value]]
            out.extend(row_lines(cells, header=False))

    for i, line in enumerate(lines):
        cells = rows[i]
        if cells:
            close()
            if i == first and header:
                out.pop()  # the table's "NO   KOMPONEN   URAIAN" over its first row
            row = (cells[1].start(), [cells[1].group()], [[cells[2].group()]])
            continue
        if (row is not None and line[:1].isspace() and line.strip()
                and not _SIGNATURE.match(line)):
            column, label, value = row
            for cell in _CELL.finditer(line):
                text = cell.group()
                if cell.start() == column and len(text.split()) <= MAX_LABEL_WRAP:
                    label.append(text)
                elif NUMBERING.match(text) or not value:
                    value.append([text])
                else:
                    value[-1].append(text)
            continue
        close()
        row = None
        out.append(line)
    close()
    return out


def _items(lines: list[str], listed: bool) -> list[str]:
    """A cell's lines as its items: a line that is not numbered or bulleted continues the
    item before it (the cell's width wrapped it). Without any numbering, a list's items are
    its lines that start a sentence, marked "- " so that nothing joins them again."""
    numbered = any(NUMBERING.match(line) for line in lines)
    parts: list[list[str]] = []  # each item's lines, joined once (a long cell stays linear)
    for line in lines:
        starts = (NUMBERING.match(line) if numbered
                  else listed and not line[:1].islower())
        if parts and not starts:
            parts[-1].append(line)
        else:
            parts.append([line])
    items = [" ".join(item) for item in parts]
    if listed and not numbered:
        items = [f"- {item}" for item in items]
    return items


def drop_running_heads(pages: list[list[str]]) -> list[list[str]]:
    """Pages' lines without what the pages repeat at the same place at their top or bottom
    (the kop surat, a "Halaman 2 dari 5" footer) and without bare page numbers there. The
    place counts: a label that happens to open two pages is not a running head, and a
    component's label never is one (a PDF of many services, each on a new page, repeats
    "Persyaratan Pelayanan" under every service's heading)."""

    def places(lines: list[str]) -> dict[int, tuple[int, str]]:
        filled = [i for i, line in enumerate(lines) if line]
        at = {i: n for n, i in enumerate(filled[:HEAD_LINES])}
        at.update({i: -1 - n for n, i in enumerate(reversed(filled[-FOOT_LINES:]))})
        return {i: (n, _DIGITS.sub("#", lines[i].casefold())) for i, n in at.items()}

    counts: dict[tuple[int, str], int] = {}
    for lines in pages:
        for found in set(places(lines).values()):
            counts[found] = counts.get(found, 0) + 1
    out = []
    for lines in pages:
        edge = places(lines)
        out.append([line for i, line in enumerate(lines) if i not in edge or not (
            (counts[edge[i]] >= 2 and counts[edge[i]] * 2 >= len(pages)
             and label_name(line) is None)
            or _PAGE_NUMBER.match(line.strip()))])
    return out
