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

Tables written in Word merge cells: a letter's name spans the rows of its requirements
(``<td rowspan=3>SKTM</td><td>KTP</td>``, then rows with only ``KK``, ``Pengantar RT``).
The table is read as the grid it draws (``_grid``): a row whose naming cell is the one
above (or empty) continues that row's service, each of its cells one more line of the
section (the SKTM row kept only "KTP" when such rows were skipped); a cell spanning
several services' rows (one cost for all) belongs to each of them.

A row whose name links to another page of the site (a TablePress "Daftar Layanan" whose
names open each service's page), or that opens one when clicked (an old site's
``<tr onclick="location.href=...">``, ``clicked_page``), may list a service that has a page
of its own: the row says so in its ``OWN_PAGE`` field and is stored with its facts like any
other row; once the site is crawled, a row whose page is stored live as a service of the
site telling a fact of its own leaves (``crawler.ownpages``), so the service is found once,
at its page (the tuning web's WPBakery site gave every service twice, the row's copy ranked
above the page). A row whose page answers 404, is blocked by robots.txt, or is a stub, a
category or an attachment page keeps the service.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from bs4 import Tag

from crawler.extract.catalog import slugify
from crawler.extract.html import page_base, squash, tags_in
from crawler.extract.lang import detect_language
from crawler.extract.scriptnav import script_links
from crawler.extract.service import (
    CORE_FIELDS,
    flatten,
    is_service,
    label_name,
    text_service_fields,
)
from crawler.extract.viewers import DOCUMENT_EXTENSIONS
from sikoja.documents import Document

# a header that names each row's subject: "Jenis Surat", "Nama Layanan", "Perizinan"
_NAME_HEADER = re.compile(r"^(jenis|nama|macam)\b|\b(surat|layanan|pelayanan|izin|perizinan|"
                          r"dokumen|produk|permohonan)\b", re.IGNORECASE)
# a row or panel whose service may have a page of its own says so in this field: the row
# counts towards the page being a listing, and leaves once that page is stored as a service
# (``crawler.ownpages``)
OWN_PAGE = "own_page"
MIN_ROWS = 2  # services a table must name to be a table of services
MAX_NAME = 120  # a longer cell is prose, not a name
# kind confidence of a row with fewer sections than a service page has (a letter and its
# requirements only): the table's header says it is a service, its own fields do not
THIN_ROW = 0.9


MAX_SPAN = 50  # rows or columns one cell may span: a larger number is a typo, not a layout


def _cells(row: Tag) -> list[Tag]:
    return list(row.find_all(("td", "th"), recursive=False))


def _span(cell: Tag, name: str) -> int:
    try:
        return max(1, min(MAX_SPAN, int(str(cell.get(name) or 1).strip())))
    except ValueError:
        return 1


@dataclass
class _Slot:
    """One column of one row of the drawn table: the cell there, and whether the cell
    starts in this row (not spanned down from above) and in this column."""

    cell: Tag
    new_row: bool
    new_column: bool


def _grid(rows: list[Tag]) -> list[list[_Slot | None]]:
    """The rows as the grid the browser draws: a cell with ``rowspan``/``colspan`` fills
    every slot it covers (None where a short row leaves a hole)."""
    below: dict[int, tuple[Tag, int]] = {}  # column -> (cell spanning down, rows left)
    grid = []
    for row in rows:
        line: list[_Slot | None] = []
        cells = iter(_cells(row))
        while True:
            col = len(line)
            if col in below:
                cell, left = below.pop(col)
                if left > 1:
                    below[col] = (cell, left - 1)
                line.append(_Slot(cell, False, not line or line[-1] is None
                                  or line[-1].cell is not cell))
                continue
            cell = next(cells, None)
            if cell is None:
                if any(c > col for c in below):
                    line.append(None)
                    continue
                break
            down = _span(cell, "rowspan")
            for offset in range(_span(cell, "colspan")):
                if down > 1:
                    below[col + offset] = (cell, down - 1)
                line.append(_Slot(cell, True, offset == 0))
        grid.append(line)
    return grid


def _text_at(line: list[_Slot | None], col: int) -> str:
    slot = line[col] if col < len(line) else None
    return squash(slot.cell.get_text(" ")) if slot is not None else ""


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
        grid = _grid(rows)
        header = [_text_at(grid[0], i) for i in range(len(grid[0]))]
        columns = _columns(header)
        if columns is None:
            continue
        name_at, labels = columns
        out: dict[str, Document] = {}
        for name, values, link in _named_rows(grid[1:], name_at, labels, page_url):
            if name:
                document = _row_service(name, values, labels, page_url, source, opd,
                                        lang_attr, fetched_at)
                if document is not None:
                    if link:
                        document.fields[OWN_PAGE] = link
                    out.setdefault(document.url, document)
        if len(out) >= MIN_ROWS:
            return list(out.values())
    return []


def link_base(tag: Tag, page_url: str) -> str:
    """What the links of the page holding ``tag`` resolve against, as the crawler resolves
    them (``crawler.extract.html.page_base``): its ``<base href>``, else its URL."""
    root = tag
    while root.parent is not None:
        root = root.parent
    base = root.find("base", href=True)
    return page_base(page_url, [base]) if isinstance(base, Tag) else page_url


def own_page(links: list[Tag], page_url: str, base: str | None = None) -> str | None:
    """The other page of the site the first of ``links`` leads to (a row's or a panel's
    service written on a page of its own), or None: no link, a place in this page, another
    site, a file (a row naming its standard's PDF still tells the facts the PDF may not).
    The link resolves against ``base`` (``link_base``, found from the links when not
    given): the URL the crawler follows and stores that page at."""
    for link in links:
        href = str(link.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        return _page_of_site(href, page_url, base or link_base(link, page_url))
    return None


def clicked_page(cell: Tag, page_url: str, base: str | None = None) -> str | None:
    """The other page of the site a click on the row of ``cell`` opens by script (an old
    site's ``<tr onclick="location.href='layanan.asp?id=3'">``, ``crawler.extract.scriptnav``),
    or None, as ``own_page`` reads a link."""
    row = cell.find_parent("tr") or cell
    base = base or link_base(cell, page_url)
    found = script_links(base, [row, *tags_in(row)], page_url)
    return _page_of_site(found[0][0], page_url, base) if found else None


def _page_of_site(href: str, page_url: str, base: str) -> str | None:
    try:
        target = urlsplit(urljoin(base, href))
    except ValueError:  # "http://[bad/x": no page of the site
        return None
    here = urlsplit(page_url)
    if target.scheme in ("http", "https") and target.netloc == here.netloc and (
            target.path, target.query) != (here.path, here.query) and not (
            target.path.lower().endswith(DOCUMENT_EXTENSIONS)):
        return urlunsplit(target._replace(fragment=""))
    return None


def _named_rows(grid: list[list[_Slot | None]], name_at: int, labels: dict[int, str],
                page_url: str) -> list[tuple[str, dict[int, list[str]], str | None]]:
    """(name, {label column: value lines}, the page its name links to) of each row naming
    something, its continuation rows' lines added (see the module docstring); "" for a row
    naming nothing readable."""
    services: list[tuple[str, dict[int, list[str]], str | None]] = []
    base = ""
    for line in grid:
        slot = line[name_at] if name_at < len(line) else None
        name = _text_at(line, name_at)
        starts = slot is not None and slot.new_row and bool(name)
        if starts:
            if len(name) > MAX_NAME or not re.search(r"[^\W\d_]", name):
                services.append(("", {}, None))  # a row of its own, not a service
                continue
            base = base or link_base(slot.cell, page_url)  # once per table: it is the page's
            services.append((name, {}, own_page(slot.cell.find_all("a"), page_url, base)
                             or clicked_page(slot.cell, page_url, base)))
        elif not services:  # a second header row, or nothing named yet
            continue
        values = services[-1][1]
        for i in labels:
            cell = line[i] if i < len(line) else None
            # a cell spanned down from a row above was read there, unless that row was
            # another service's (one cost for several letters): then it is this one's too
            if cell is not None and cell.new_column and (cell.new_row or starts):
                values.setdefault(i, []).extend(
                    b.text for b in flatten(cell.cell, page_url) if b.text)
    return services


def _row_service(name: str, values: dict[int, list[str]], labels: dict[int, str],
                 page_url: str, source: str, opd: str, lang_attr: str | None,
                 fetched_at: str | None) -> Document | None:
    """The service a row (with its continuation rows) names, or None without a core
    section."""
    fields: dict[str, object] = {}
    lines = [name]
    for i, label in labels.items():
        found = values.get(i, [])
        fields.update(text_service_fields([label, *found]))
        lines += [label, *found]
    if not fields.keys() & set(CORE_FIELDS):
        return None
    url = f"{page_url.split('#', 1)[0]}#{slugify(name)}"
    text = "\n".join(lines)
    return Document(
        url=url, source=source, opd=opd, kind="service", title=name, text=text,
        fields={**fields, "kind_confidence": 1.0 if is_service(fields) else THIN_ROW},
        lang=detect_language(text, lang_attr), fetched_at=fetched_at, parent_url=page_url)
