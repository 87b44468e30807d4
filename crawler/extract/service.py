"""Structured parts of a service page: requirements, procedure, duration, cost, ...

Every OPD heads these differently: ``<h3>Persyaratan</h3><ol>..``, ``<p><b>Biaya:</b>
Gratis</p>``, a two-column table whose first column says "Jangka Waktu", or a paragraph
"Syarat-syarat:" followed by ``<br>``-separated lines; a blog post says it in prose ("Berkas
yang harus dibawa:", "Caranya:", "Biayanya? Gratis"). So the page is first flattened into
a sequence of blocks (headings, lines with their leading bold text, list items, table rows)
and a small state machine assigns the blocks after a recognised label to that field, until
the next heading or label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from urllib.parse import urljoin

from bs4 import NavigableString, Tag

from crawler.extract.dates import DURATION, MONTH_NAMES
from crawler.extract.html import BLOCK_TAGS, squash, tags_in
from crawler.extract.labels import (  # noqa: F401  (FIELD_LABELS, match_label: imported from here)
    FIELD_LABELS,
    MAX_LABEL,
    NUMBERING,
    OTHER,
    WHEN,
    label_name,
    match_label,
)
from sikoja.schemes import is_web_url

LIST_FIELDS = ("requirements", "procedure")
_BULLET = re.compile(r"^\s*[-•*–·▪●○✓]\s+")
# a capital and a full stop before a name and its degree is a name's initial ("H. Ahmad
# Yani, S.Sos", "M. Yusuf, SE"), not a list's letter: "A. KTP asli", "B. Kartu Keluarga"
# are a list lettered by hand, and the paragraph after the last of them is not part of it
_DEGREE = (r"(?:[A-Z][a-z]{0,3}\.\s?(?:[A-Z][A-Za-z]{0,4}\.?\s?)+|S[EHTPK]|SKM|M[HM]|"
           r"MSi|MPd|SPd|SSos|SIP|Amd)")
_INITIAL = re.compile(r"^\s*(?:[A-Z]\.\s*)+(?:[A-Z][A-Za-z'-]+\.?\s+)*[A-Z][A-Za-z'-]+\s*,\s*"
                      rf"{_DEGREE}(?:\s*,\s*{_DEGREE})*\s*$")
_WRAPPED_LINE = 60  # a text line this long that ends mid-sentence was wrapped
_LEAD_LABEL = re.compile(r"^[^:]{1,40}:")  # "Pengaduan: ..." starts a statement of its own
_INLINE_MARK = re.compile(r"[:：?]")  # what ends a label written inline with its value
# what a form writes where a field has no value ("Jangka Waktu: -")
_PLACEHOLDER = re.compile(r"^(?:[-–—_.\s]+|n/?a|nihil|tidak ada data)$", re.IGNORECASE)
# an address in an online-service value: "OSS RBA (https://oss.go.id)", "oss.go.id/daftar"
_WEB_ADDRESS = re.compile(
    r"\bhttps?://[^\s<>()\"']+|\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:go\.id|id|com|org|net|info|app)\b(?:/[^\s<>()\"']*)?", re.IGNORECASE)
_ONLINE_LINK_TEXT = re.compile(
    r"(daftar|ajukan|layanan|pendaftaran|permohonan|akses|kunjungi|mohon)\b.*\bonline|"
    r"online\b.*\b(daftar|ajukan|pendaftaran|permohonan)", re.IGNORECASE
)


@dataclass
class Block:
    kind: str  # "heading", "line", "item", "row"
    text: str
    level: int = 0
    bold: str = ""  # leading bold text of a line
    cells: list[list[str]] = field(default_factory=list)  # row: lines of each cell
    header: bool = False  # row made of <th>
    row: int = 0  # index of a row in its table
    para: int = 0  # lines split by <br> share a paragraph number
    links: list[str] = field(default_factory=list)
    link_text: str = ""  # text of the anchors in the block
    item_lines: set[str] = field(default_factory=set)  # row: cell lines that are list items
    closed: bool = False  # a line that ends a sentence (its full stop may be cut off)
    hand: bool = False  # an item numbered or bulleted by hand, not by a list's markup

    @property
    def link_only(self) -> bool:
        """A line that is just links ("Beranda", "Kembali"): navigation, not a value."""
        return bool(self.link_text) and len(self.link_text) >= len(self.text.replace(" ", ""))


def _split_inline_label(text: str) -> tuple[str | None, str]:
    """``"Biaya : Gratis"`` -> ("cost", "Gratis"); blog prose asks instead of labelling:
    ``"Biayanya? Gratis"`` -> ("cost", "Gratis")."""
    mark = _INLINE_MARK.search(text)
    if mark is None:
        return None, text
    name = label_name(text[:mark.start()])
    return (name, text[mark.end():].strip()) if name else (None, text)


# -- flattening ------------------------------------------------------------------------

class _Line:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.bold: list[str] = []
        self.bold_open = True  # still in the leading run of bold text
        self.links: list[str] = []
        self.link_text: list[str] = []
        self.para = 0

    def add(self, text: str, bold: bool) -> None:
        if not text.strip():
            self.parts.append(text)
            return
        if bold and self.bold_open:
            self.bold.append(text)
        elif not bold:
            self.bold_open = False
        self.parts.append(text)

    def text(self) -> str:
        return squash("".join(self.parts))


def _cell_lines(blocks: list[Block]) -> tuple[list[str], list[str], set[str]]:
    """A cell's lines, its links, and which of the lines are list items."""
    lines: list[str] = []
    links: list[str] = []
    items: set[str] = set()
    for block in blocks:
        if block.kind == "row":
            lines.extend(" ".join(" ".join(c) for c in block.cells).split("\n"))
        else:
            lines.append(block.text)
            if block.kind == "item":
                items.add(squash(block.text))
        links.extend(block.links)
    return [line for line in (squash(x) for x in lines) if line], links, items


def flatten(root: Tag, base_url: str = "") -> Iterator[Block]:
    """Linear sequence of blocks in document order."""
    line = _Line()
    yield from _flatten(root, base_url, line, bold=False, in_item=False)
    yield from _emit(line)


# Where a sentence ends and the next starts with an inline label: "Syarat: KTP dan KK.
# Biaya: gratis." (the label at most a few words before its colon)
_NEXT_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[^\s.:：?][^.:：?]{0,40}[:：])")


def split_labelled_sentences(text: str) -> list[str]:
    """``text`` cut where a sentence ends and the next one starts with a field's label: an
    editor writes a service in one paragraph ("Syarat-syarat: pengantar RT dan KK.
    Caranya: ajukan ke loket. Biaya: gratis."), each label a section of its own."""
    cuts = [m.start() for m in _NEXT_SENTENCE.finditer(text)
            if _split_inline_label(text[m.end():])[0] is not None]
    if not cuts:
        return [text]
    edges = [0, *cuts, len(text)]
    # each part is a sentence of its own: its full stop is not part of the value
    return [squash(text[a:b]).removesuffix(".") for a, b in pairwise(edges)
            if text[a:b].strip()]


def _emit(line: _Line, kind: str = "line") -> Iterator[Block]:
    text = line.text()
    if text:
        parts = split_labelled_sentences(text)
        # a link goes with the first sentence that shows its text (else the first sentence)
        owner = [next((n for n, part in enumerate(parts) if label and label in part), 0)
                 for label in map(squash, line.link_text)]
        for n, part in enumerate(parts):
            mine = [i for i, o in enumerate(owner) if o == n]
            bold = squash("".join(line.bold)) if n == 0 else ""
            # a line numbered or bulleted by hand ("1.&nbsp;KTP", "- KK" in a <div> or after
            # a <br>, as Blogger's compose mode writes a list) is a list item, as it is in a
            # PDF's text (``text_blocks``), unless it is a label ("2. Prosedur") or all bold
            # (the "1. Surat Keterangan Usaha" heading of one service of a post of several):
            # the plain paragraph after the last one is not part of the list
            item = kind == "line" and bool(NUMBERING.match(part)) and bold != part and (
                line_label(part) is None) and not _INITIAL.match(part)
            yield Block("item" if item else kind, part, bold=bold,
                        links=[line.links[i] for i in mine],
                        link_text="".join(line.link_text[i] for i in mine).replace(" ", ""),
                        para=line.para, closed=len(parts) > 1 or text.endswith("."),
                        hand=item)
    line.parts.clear()
    line.bold.clear()
    line.links.clear()
    line.link_text.clear()
    line.bold_open = True


def _flatten(node: Tag, base_url: str, line: _Line, *, bold: bool,
             in_item: bool) -> Iterator[Block]:
    for child in node.children:
        if isinstance(child, NavigableString):
            line.add(str(child), bold)
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            yield from _emit(line, "item" if in_item else "line")
        elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            yield from _emit(line)
            yield Block("heading", squash(child.get_text(" ")), level=int(name[1]))
        elif name == "table":
            yield from _emit(line)
            yield from _table(child, base_url)
        elif name == "li":
            yield from _emit(line)
            item = _Line()
            nested = list(_flatten(child, base_url, item, bold=bold, in_item=True))
            # text before a nested list belongs to the item itself
            nested.extend(_emit(item, "item"))
            for sub in nested:
                if sub.kind == "line":
                    sub.kind = "item"
                yield sub
        elif name in ("dt",):
            yield from _emit(line)
            yield Block("line", squash(child.get_text(" ")), bold=squash(child.get_text(" ")))
        elif name in BLOCK_TAGS:
            yield from _emit(line, "item" if in_item else "line")
            line.para += 1
            yield from _flatten(child, base_url, line, bold=bold, in_item=in_item)
            yield from _emit(line, "item" if in_item else "line")
            line.para += 1
        else:
            if name == "a" and child.get("href"):
                line.links.append(urljoin(base_url, str(child["href"]).strip()))
                line.link_text.append(squash(child.get_text(" ")))
            is_bold = bold or name in ("b", "strong") or (
                name == "span" and "bold" in str(child.get("style", "")).replace(" ", "")
            )
            yield from _flatten(child, base_url, line, bold=is_bold, in_item=in_item)


def _table(table: Tag, base_url: str) -> Iterator[Block]:
    index = 0
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        cells = tr.find_all(["td", "th"], recursive=False)
        if not cells:
            continue
        flat = [list(flatten(cell, base_url)) for cell in cells]
        if any(c.find(["table", "h1", "h2", "h3", "h4", "h5", "h6"]) for c in cells) or any(
                _holds_sections(blocks) for blocks in flat):
            # a layout table (old CMS templates): its cells are page regions, not values
            for blocks in flat:
                yield from blocks
                yield Block("region_end", "")
            continue
        lines: list[list[str]] = []
        links: list[str] = []
        items: set[str] = set()
        for blocks in flat:
            cell_lines, cell_links, cell_items = _cell_lines(blocks)
            lines.append(cell_lines)
            links.extend(cell_links)
            items |= cell_items
        header = all(c.name == "th" for c in cells)
        text = " | ".join(" ".join(c) for c in lines)
        yield Block("row", text, cells=lines, header=header, links=links, row=index,
                    item_lines=items)
        index += 1
    yield Block("table_end", "")


def _holds_sections(blocks: list[Block]) -> bool:
    """A table cell that labels two sections of its own ("Persyaratan:" ... "Biaya:") is a
    region of the page (an old layout's content column, ``<font>`` and all), not a value
    beside a label: a label table's value cell holds one section's lines."""
    labels = {_label_of(b)[0] for b in blocks if b.kind in ("line", "item")}
    return len(labels - {None, OTHER}) >= 2


# -- the state machine -------------------------------------------------------------------

def _clean_item(text: str) -> str:
    return NUMBERING.sub("", squash(text)).strip(" ;,")


_OUTSIDE_BRACKETS_SEMICOLON = re.compile(r";(?![^()\[\]]*[)\]])")
_ARROW = re.compile(r"\s+(?:→|->|⇒|➡)\s+(?![^()\[\]]*[)\]])")
_LAST_ITEM_CONJUNCTION = re.compile(r"^(dan|serta|and)\s+", re.IGNORECASE)
# "a; b; dan c.": a list written as a sentence, even inside a <li> that holds its section
_CLOSED_LIST = re.compile(r";\s*(dan|serta|and)\s+[^;]+$", re.IGNORECASE)


def _split_sentence_list(text: str) -> list[str]:
    """``"Fotokopi KTP; Fotokopi KK; dan surat pengantar RT."`` -> three items, and steps
    chained by arrows (``"Alur: Pengantar RT → Loket → Lurah."``) -> three steps.

    Only for a list written as one sentence: a ``<li>`` is already one item, however many
    semicolons it has ("Identitas; kartu BPJS untuk peserta JKN").
    """
    separator = _OUTSIDE_BRACKETS_SEMICOLON if ";" in text else _ARROW
    parts = [_clean_item(x) for x in separator.split(text)]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return [text]
    parts[-1] = _LAST_ITEM_CONJUNCTION.sub("", parts[-1])
    if parts[-1].endswith(".") and not parts[-1].endswith(".."):
        parts[-1] = parts[-1][:-1]
    return [p for p in parts if p]


_PROSE_LIST = re.compile(r",\s+(?:dan\s+|serta\s+)?|\s+(?:dan|serta)\s+")
MAX_PROSE_ITEM_WORDS = 5
_BRACKETED = re.compile(r"\([^()]*\)")


def _split_prose_list(text: str) -> list[str]:
    """A list a blog writes in a sentence after its label, with commas and a last "dan":
    ``"Yang perlu disiapkan: pengantar RT/RW, fotokopi KTP dan KK."`` -> three items. Only
    when every part is a short noun phrase; a sentence that explains stays one item."""
    body = text.rstrip(".")
    parts = [p.strip() for p in _PROSE_LIST.split(body)]
    # a qualifier in brackets is not part of the phrase's length: "(pendatang) surat
    # keterangan domisili daerah asal" is one requirement, as long as "KTP asli"
    if len(parts) < 2 or any(not p or len(_BRACKETED.sub(" ", p).split()) > MAX_PROSE_ITEM_WORDS
                             for p in parts):
        return [text]
    return parts


class _Collector:
    def __init__(self) -> None:
        self.values: dict[str, list[str]] = {}
        self.links: dict[str, list[str]] = {}

    def add(self, name: str, text: str, links: list[str] | None = None, *,
            item: bool = False, inline: bool = False) -> None:
        if name == OTHER:
            return
        # a numbered line ("5. Cetak akta; KK diperbarui") is one item, whatever it holds
        # short of a sentence list
        item = item or bool(NUMBERING.match(text))
        text = _clean_item(text)
        if links:
            self.links.setdefault(name, []).extend(links)
        if not text or _PLACEHOLDER.match(text):
            return
        # "Dokumen yang harus dibawa:" introduces a list, it is not an item of it
        if name in LIST_FIELDS and text.endswith(":") and len(text) < 80:
            return
        bucket = self.values.setdefault(name, [])
        parts = [text]
        if name in LIST_FIELDS and ";" in text and (not item or _CLOSED_LIST.search(text)):
            parts = _split_sentence_list(text)
        elif name == "procedure" and not item and _ARROW.search(text):
            parts = _split_sentence_list(text)  # steps chained by arrows in one sentence
        elif name in LIST_FIELDS and inline:
            parts = _split_prose_list(text)
        for part in parts:
            if part not in bucket and len(bucket) < 60:
                bucket.append(part)


class _Section:
    """The field being collected and where its value may still continue."""

    def __init__(self) -> None:
        self.name: str | None = None
        self.level = 99  # heading level that opened it (99: a label line or a table row)
        self.from_table = False
        self.para: int | None = None  # paragraph a scalar value lives in
        self.items = 0  # list items collected so far
        self.values = 0  # blocks collected so far
        self.closed = False  # a list told inline in a sentence that ended: no more lines

    def open(self, name: str | None, *, level: int = 99, from_table: bool = False,
             para: int | None = None, values: int = 0, closed: bool = False) -> None:
        self.name, self.level, self.from_table = name, level, from_table
        self.para, self.items, self.values, self.closed = para, 0, values, closed

    def awaits_value(self, block: Block) -> bool:
        """A section just opened, or a list still taking items: a short line here that
        merely looks like a label ("Lokasi kejadian" as the one requirement of a fire call,
        "Retribusi sesuai Perda" as a cost) is the value, not the next label."""
        if self.name is None:
            return False
        if self.values == 0:
            return True
        return block.kind == "item" and self.name in LIST_FIELDS and self.items > 0

    def accepts(self, block: Block) -> bool:
        """Values end where the page moves on: a new paragraph after a scalar's paragraph,
        or plain text after a list (the "complaints go to SiKesal" line under the last
        section is not part of it)."""
        if self.name is None:
            return False
        # a line numbered by hand is an item of a list field only: under a cost or a time it
        # is a line, and a new paragraph ends the value ("- WA 0812 ..." under "Info lebih
        # lanjut" after a blank line is no duration)
        if block.kind == "item" and not (block.hand and self.name not in LIST_FIELDS):
            self.items += 1
            return True
        if self.name in LIST_FIELDS:
            # "Caranya: x; y; z." then a paragraph of prose: the list ended with its sentence
            return self.items == 0 and not (self.closed and block.para != self.para)
        if self.para is None:
            self.para = block.para
        return block.para == self.para


def extract_service_fields(content: Tag, base_url: str = "",
                           titles: Iterable[str] = ()) -> dict[str, object]:
    """Service fields found in the cleaned page; empty dict when the page has none. A
    heading that is one of the page's ``titles`` (its ``<title>`` or a segment of it) names
    the page, never a section ("Cara Mengurus SKTM di Kelurahan" is a post, not its
    procedure)."""
    return _finish(_collect(flatten(content, base_url), titles), content, base_url)


def text_service_fields(lines: list[str], *, blank_ends: bool = False) -> dict[str, object]:
    """Service fields of plain-text lines (a Standar Pelayanan PDF's text), read by the same
    label rules and state machine as a page. ``blank_ends``: a blank line ends the section
    (where the PDF reader saw a table end), not only a wrapped line."""
    return _finish(_collect(text_blocks(lines, blank_ends=blank_ends)), None, "")


def line_label(text: str) -> str | None:
    """Field (or ``OTHER``) a text line is the label of: "3. Jangka Waktu Penyelesaian",
    "Biaya/Tarif: Gratis"; ``None`` for a value line. A bulleted line is a value even when
    it reads like a label ("- Lokasi kejadian" is what a fire call requires)."""
    if len(text) > 400 or _BULLET.match(text):
        return None
    name = label_name(text) if len(text) <= MAX_LABEL + 2 else None
    return name or _split_inline_label(text)[0]


def text_blocks(lines: list[str], *, blank_ends: bool = False) -> Iterator[Block]:
    """Lines of extracted text as blocks: a numbered or bulleted line is a list item unless
    it is a label ("2. Sistem, Mekanisme dan Prosedur"); a line wrapped by the PDF's page
    width ("...fotokopi identitas" / "pemohon yang masih berlaku") continues the one before.
    Each line is its own paragraph, so a scalar value ends at its line. With ``blank_ends``
    a blank line is where the PDF reader saw a table end (``crawler.extract.pdflayout``): no
    section goes on past it (the signature "H. AHMAD ..." under a cost row is not the cost);
    in a Markdown body a blank line only separates a heading from its list."""
    previous: Block | None = None
    last = ""  # the line before, as printed: only a full-width line was wrapped
    for para, raw in enumerate(lines):
        line = squash(raw)
        if not line:
            last = ""
            if blank_ends and previous is not None:
                yield previous
                yield Block("heading", "", level=0)
                previous = None
            continue
        numbered = bool(NUMBERING.match(line))
        label = line_label(line)
        wrapped = len(last) >= _WRAPPED_LINE and not last.endswith((".", ":", ";", "："))
        last = line
        if (previous is not None and not numbered and label is None and wrapped
                and not _LEAD_LABEL.match(line)):
            previous.text = f"{previous.text} {line}"
            continue
        if previous is not None:
            yield previous
        kind = "item" if numbered and label is None else "line"
        # a line that is all label ("2. Sistem, Mekanisme dan Prosedur") reads like a bold
        # label of a page, whatever its length and numbering
        whole = label is not None and ":" not in line.rstrip().rstrip(":：")
        previous = Block(kind, line, para=para, bold=line if whole else "")
    if previous is not None:
        yield previous


def _collect(blocks: Iterable[Block], titles: Iterable[str] = ()) -> _Collector:
    found = _Collector()
    section = _Section()
    table_columns: dict[int, str] = {}
    names = {squash(t).casefold() for t in titles if t}
    for block in blocks:
        if block.kind == "heading":
            own = squash(block.text).casefold() in names
            name = None if own else label_name(block.text)
            if name:
                section.open(name, level=block.level)
            elif block.level <= section.level or section.level == 99:
                section.open(None)
            table_columns = {}
            continue
        if block.kind == "row":
            name = _row(block, found, section.name, table_columns)
            if name != section.name or section.from_table:
                section.open(name, from_table=True)
            elif name is not None:  # a table under the section's label holds its values
                section.values += 1
                section.items += 1
            continue
        if block.kind == "region_end":
            # a value does not run on into the next region of a layout (the footer's
            # "Copyright ..." row after "Tempat: Kantor Lurah")
            if section.values:
                section.open(None)
            continue
        if block.kind == "table_end":
            table_columns = {}
            if section.from_table:
                section.open(None)
            continue
        if block.text.strip() in (":", "："):
            continue  # the colon column of a label table, split from its label by layout
        name, value = _label_of(block, bare=not section.awaits_value(block))
        if name:
            section.open(name, para=block.para if value else None, values=int(bool(value)),
                         closed=bool(value) and block.closed)
            if value or block.links:
                found.add(name, value, block.links, inline=True)
            continue
        if section.accepts(block):
            section.values += 1
            assert section.name is not None
            if block.link_only and section.name != "online_url":
                found.add(section.name, "", block.links)
            else:
                found.add(section.name, block.text, block.links, item=block.kind == "item")
    return found


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# what a sentence ending in a colon says when it introduces the requirements; meeting
# them ("bagi warga yang belum memenuhi persyaratan, silakan menghubungi :") is not
# ...nor is where to ask or send them ("Informasi persyaratan lebih lanjut silakan hubungi :",
# "Berkas persyaratan dapat dikirim melalui :"): the contacts after it are no requirements
_CONTACT_INTRO = re.compile(r"\b((meng)?hubungi|kontak|(di)?kirim(kan)?|"
                            r"(informasi|info)\b.{0,40}\blebih lanjut)\b|\bmelalui\s*$",
                            re.IGNORECASE)
_BRING_INTRO = re.compile(r"(?<!memenuhi )(?<!penuhi )(?<!sesuai )(?<!sesuai dengan )"
                          r"\b((per)?syarat(an|nya)?|(cukup|harus|perlu|wajib|diminta) "
                          r"(membawa|bawa|dibawa|menyiapkan|disiapkan))\b(?!.*\b(prosedur|alur|"
                          r"cara|biaya)\b)", re.IGNORECASE)


def _label_of(block: Block, *, bare: bool = True) -> tuple[str | None, str]:
    """(field, inline value) when ``block`` is a label line, else (None, "").

    ``bare``: whether a short line without bold or colon ("Alur Pelayanan") may be a label.
    """
    if block.bold and len(block.bold) <= MAX_LABEL + 2:
        name = label_name(block.bold)
        if name:
            return name, block.text[len(block.bold):].lstrip(" :：-–")
    stripped = block.text.rstrip().rstrip(":：?")
    if not _INLINE_MARK.search(stripped):
        # a line that is only a label: "Persyaratan:", "Berapa lama?" or a short "Alur
        # Pelayanan"
        whole = label_name(block.text) if len(block.text) <= MAX_LABEL + 2 else None
        colon = block.text.rstrip().endswith((":", "：", "?"))
        if whole and (colon or (bare and len(stripped.split()) <= 4)):
            return whole, ""
        # a sentence that introduces what to bring, at the end of a paragraph: "... untuk
        # melamar kerja. Berikut syaratnya ya bapak ibu :", "Bunda cukup membawa :"
        # (only a colon introduces a list: "Bagaimana jika saya belum memenuhi syarat?" asks)
        if not block.text.rstrip().endswith((":", "：")):
            return None, ""
        intro = _SENTENCE_END.split(stripped)[-1]
        if len(intro) <= MAX_LABEL and (
                _BRING_INTRO.search(intro)) and not _CONTACT_INTRO.search(intro):
            return "requirements", ""
        return None, ""
    if len(block.text) <= 400:
        name, value = _split_inline_label(block.text)
        if name:
            return name, value
    return None, ""


def _row(block: Block, found: _Collector, current: str | None,
         table_columns: dict[int, str]) -> str | None:
    cells = block.cells
    labels = [label_name(" ".join(c)) for c in cells]
    items = block.item_lines
    if block.header or (block.row == 0 and sum(1 for x in labels if x) >= 2):
        # header row naming columns: | No | Persyaratan | Keterangan |
        named = {i: n for i, n in enumerate(labels) if n}
        if named:
            table_columns.clear()
            table_columns.update(named)
            return current
    if table_columns and not any(labels[:1]):
        for index, name in table_columns.items():
            if index < len(cells):
                for line in cells[index]:
                    found.add(name, line, block.links, item=line in items)
        return current
    label_at = _label_column(cells, labels)
    if label_at is not None and len(cells) > label_at + 1:
        # label column: | 1 | Persyaratan | 1. KTP  2. KK |  (a ":" column may sit between)
        name = labels[label_at]
        assert name is not None
        values = [line for cell in cells[label_at + 1:] for line in cell
                  if line not in (":", "：")]
        for line in values:
            found.add(name, line, block.links, item=line in items)
        if not values and block.links:
            found.add(name, "", block.links)
        return name
    if len(cells) == 1 and labels[0]:
        return labels[0]
    if current and len(cells) >= 1:
        first = " ".join(cells[0])
        if re.fullmatch(r"\d{1,2}\.?", first.strip()) and len(cells) >= 3:
            return None  # | 5 | Produk Pelayanan | Izin |: another component of the table
        if re.fullmatch(r"\d{1,2}\.?", first.strip()) and len(cells) == 2:
            for line in cells[1]:
                found.add(current, line, block.links, item=line in items)
        elif labels[0] is None and len(cells) >= 2 and first.strip():
            return None  # a different label row: | Produk Pelayanan | KTP-el |
        else:
            for cell in cells:
                for line in cell:
                    found.add(current, line, block.links, item=line in items)
    return current


def _label_column(cells: list[list[str]], labels: list[str | None]) -> int | None:
    """Index of the label cell: the first cell, or the second after a row number."""
    if labels and labels[0]:
        return 0
    numbered = re.fullmatch(r"\d{1,2}\.?|[a-zA-Z]\.", " ".join(cells[0]))
    if len(labels) >= 3 and labels[1] and numbered:
        return 1
    return None


# how long something takes ("1 hari kerja", "langsung jadi", "3 working days"), and when
# an event is ("Selasa, 11 Maret 2025", "pukul 08.00 WIB")
# (a value labelled "Waktu" needs less than an unlabelled one: "langsung", "selesai")
_SPAN = re.compile(DURATION + r"|\d+\s*tahun\b|hari kerja|langsung|seketika|hari itu juga|"
                   r"selesai|same day", re.IGNORECASE)
_POINT = re.compile(r"\b(senin|selasa|rabu|kamis|jum.?at|sabtu|pukul|wib)\b|\b\d{1,2}[.:]\d{2}\b|"
                    rf"\b\d{{1,2}}\s+({MONTH_NAMES})\b", re.IGNORECASE)


def _duration_of_when(found: _Collector) -> None:
    """A section labelled just "Waktu" is the service's duration when its value states how
    long ("1 hari kerja"), not when something happens (an event's "Waktu: Selasa, 11 Maret
    2025 pukul 08.00 WIB" on a news post)."""
    when = found.values.pop(WHEN, [])
    if when and "duration" not in found.values and all(
            _SPAN.search(v) and not _POINT.search(v) for v in when):
        found.values["duration"] = when


def _finish(found: _Collector, content: Tag | None, base_url: str) -> dict[str, object]:
    _duration_of_when(found)
    fields: dict[str, object] = {}
    for name, values in found.values.items():
        if name == "online_url":
            continue
        if name in LIST_FIELDS:
            fields[name] = values
        else:
            fields[name] = "; ".join(values)[:1000]
    # only an http(s) address is a place to apply: a "Daftar online" button whose href is
    # javascript: runs script in the reader's browser (sikoja.schemes)
    online = [u for u in found.links.get("online_url", []) if is_web_url(u)]
    if not online:
        online = [a for a in map(web_address, found.values.get("online_url", [])) if a]
    if not online and content is not None and is_service(fields):
        # a service page's "Daftar online" button outside any section; on other pages such
        # a link says nothing about a service
        for anchor in tags_in(content, ("a",)):
            if not anchor.get("href"):
                continue
            address = urljoin(base_url, str(anchor["href"]).strip())
            if is_web_url(address) and _ONLINE_LINK_TEXT.search(squash(anchor.get_text(" "))):
                online.append(address)
                break
    if online:
        fields["online_url"] = online[0]
    return fields


def web_address(text: str) -> str:
    """The first web address written in ``text``, as a URL ("" if none): a PDF or a plain
    text writes "OSS RBA (https://oss.go.id)" or just "oss.go.id"."""
    found = _WEB_ADDRESS.search(text)
    if not found:
        return ""
    address = found.group(0).rstrip(".,;:")
    return address if re.match(r"https?://", address, re.IGNORECASE) else f"https://{address}"


SECTION_FIELDS = ("requirements", "procedure", "duration", "cost", "legal_basis", "location",
                  "online_url")
CORE_FIELDS = ("requirements", "procedure", "duration", "cost")


def is_service(fields: dict[str, object]) -> bool:
    """A service page has at least two recognised sections, one of them about getting the
    service (requirements, procedure, duration or cost).

    Requirements alone are not enough evidence (and not necessary: a fire call or the 112
    line has a procedure and a cost but nothing to bring). The core-section condition keeps
    out profile and contact pages, whose "Dasar Hukum" and "Alamat" are about the agency.
    """
    present = [k for k in SECTION_FIELDS if fields.get(k)]
    return len(present) >= 2 and any(k in CORE_FIELDS for k in present)
