"""What reading a Word, Excel or OpenDocument file shares, whatever its format: the bounds of
reading (``Budget``, ``MAX_ROWS``, ``MAX_COLUMNS``) and how a workbook's rows become lines,
a list of services one a row (``rows_lines``). ``crawler.extract.office`` reads .docx and
.xlsx, ``crawler.extract.legacy_office`` .doc and .xls, ``crawler.extract.opendocument``
.odt and .ods with them.
"""

from __future__ import annotations

import datetime
import re

from crawler.extract.html import squash
from crawler.extract.labels import label_name
from crawler.extract.pdf import MAX_CHARS
from crawler.extract.pdflayout import row_lines

MAX_ROWS = 5_000  # rows read of a workbook, through its sheets
MAX_COLUMNS = 50  # columns read of a sheet or a Word table (a standard has 3 to 12)
MAX_BLOCKS = 20_000  # paragraphs and table rows read of a Word file (a standard has 100s)
# worksheet XML read of a workbook: openpyxl parses every cell of a row, past MAX_COLUMNS
# too (a sheet of a million empty cells, 11 MB, took 24 s); a list of a few hundred
# services is a few hundred KB
MAX_SHEET_XML = 2 * 1024 * 1024
# a file's properties part (an ODF meta.xml, a .docx's or .xlsx's docProps/core.xml), read
# for its title: a few KB; a larger one is not parsed (94 MB of empty elements took 3 GB)
MAX_PROPERTIES = 1024 * 1024
_NUMBER_HEADER = re.compile(r"^(?:no|no\.|nomor|#)$", re.IGNORECASE)
# the header of a workbook's column naming each row's service: "Jenis Pelayanan", "Nama
# Layanan", "Nama Izin", "Produk"; a "Bidang"/"Seksi"/"Unit" column before it groups them
_NAME_HEADER = re.compile(r"\b(layanan|pelayanan|izin|perizinan|surat|produk|permohonan|"
                          r"dokumen)\b|^(jenis|nama|macam)\b", re.IGNORECASE)
# a list of services has a column of their requirements or their procedure, as a Standar
# Pelayanan has: a table of facilities with "Waktu Pelayanan" and "Biaya" is data, not one
_SERVICE_FIELDS = ("requirements", "procedure")


class Budget:
    """What is left to read of a file: its characters (``MAX_CHARS``, what a PDF keeps) and
    its paragraphs and table rows (``MAX_BLOCKS``: 400,000 empty paragraphs hold no
    characters and took 77 s to read)."""

    def __init__(self) -> None:
        self.chars = MAX_CHARS
        self.blocks = MAX_BLOCKS
        self.xml = MAX_SHEET_XML  # bytes of a workbook's sheets (``office._CappedSheet``)

    def spent(self) -> bool:
        return self.chars <= 0 or self.blocks <= 0

    def take(self, lines: list[str]) -> None:
        self.blocks -= 1
        self.chars -= sum(len(line) + 1 for line in lines)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return (value.date().isoformat() if value.time() == datetime.time(0)
                else value.isoformat(" "))
    return str(value)


def cell_lines(value: object) -> list[str]:
    """A cell's value as the lines it shows (``cell_text``), blank ones dropped."""
    return [line for line in map(squash, cell_text(value).split("\n")) if line]


def rows_lines(rows: list[list[list[str]]]) -> list[list[str]]:
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
        return [plain_row(row) for row in rows]
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
        return [plain_row(row) for row in rows]
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
            out.append(plain_row(row))
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


def plain_row(row: list[list[str]]) -> list[str]:
    cells = [cell for cell in row if cell]
    if not cells:
        return []
    return row_lines(cells, header=False) if len(cells) > 1 else [" ".join(cells[0])]
