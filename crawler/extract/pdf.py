"""Text of PDFs that OPD pages link to (SOPs, Perwal, brochures with the requirements).

Broken PDFs are common on OPD sites (uploads cut off by PHP limits, files "protected" by
the office scanner), so every failure becomes a ``PdfError`` with a reason the site-health
report can show, never a crash of the crawl. A page with ruled tables (a Standar Pelayanan
exported from Word) is read cell by cell, and what every page repeats at its top and bottom
is dropped (``crawler.extract.pdflayout``).
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from crawler.extract.html import squash
from crawler.extract.ocr import NOT_INSTALLED, OcrReader, has_scan, scanned
from crawler.extract.pdflayout import drop_running_heads, gap_rows, read_page
from crawler.extract.service import line_label

MAX_PAGES = 60
MAX_CHARS = 200_000

logging.getLogger("pypdf").setLevel(logging.ERROR)


class PdfError(Exception):
    """The PDF cannot be read: ``kind`` is "encrypted" or "parse"."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class PdfText:
    title: str
    text: str
    modified: str | None
    # the line of ``text`` (split at "\n") each page starts on, when there are several
    pages: list[int] = field(default_factory=list)
    meta_title: str = ""  # the title in the file's metadata, "" when it has none


# -- the kop surat and the document's own heading -------------------------------------------

# A kop surat names the government and the office ("PEMERINTAH KOTA JAMBI" / "DINAS
# KEPENDUDUKAN DAN PENCATATAN SIPIL"), then where it is: street, telephone, post code, mail,
# website. Its lines are the same on every letter the office writes, so they name no document.
_GOVERNMENT = re.compile(
    r"^(?:PEMERINTAH|DINAS|BADAN|KANTOR|KECAMATAN|KELURAHAN|DESA|SEKRETARIAT|INSPEKTORAT|"
    r"SATUAN|UPTD?|UNIT|RUMAH SAKIT|RSUD|PUSKESMAS|BAGIAN|KEMENTERIAN|PROVINSI|KABUPATEN|"
    r"KOTA|DEWAN|LEMBAGA|KEPOLISIAN|PENGADILAN)\b")
# where an office is: a street with its number ("Jl. Jend. Sudirman No. 1"), a telephone or
# fax number, a post code after "kode pos", a mail or web address. A heading may name a road
# and a year ("DAFTAR RUAS JALAN KOTA JAMBI TAHUN 2024") or a website ("PENDAFTARAN MELALUI
# WEBSITE ..."): a word of the kind alone, or a number anywhere, is no address.
_ADDRESS = re.compile(
    r"\bjln?(?:\.\s*|\s+)\S+.*\d|\bjalan\s+\S.*(?:\bno\.?\s*\d|\b\d{5}\b)|"
    r"\b(?:telp|telepon|tlp|fax|faks|faksimile)\b[^\d\n]{0,12}\d|"
    r"\bkode\s*pos\s*:?\s*\d{5}\b|"
    r"\b(?:e-?mail|surel|website|laman|homepage)\s*:\s*\S+\.\S|www\.|https?://|@[a-z0-9-]+\.",
    re.IGNORECASE)
# what an office's name never says: that the line is a service's standard or its steps
_NAMES_STANDARD = re.compile(r"\b(?:STANDAR\s+(?:PELAYANAN|OPERASIONAL)|SOP|MAKLUMAT\s+PELAYANAN|"
                             r"PERSYARATAN|PROSEDUR|ALUR)\b", re.IGNORECASE)
HEAD_LINES = 8  # how far down a page a kop surat may reach
WRAPPED = 50  # a heading line this long may have been wrapped by the page's width
_NUMBERED_HEADING = re.compile(r"^\s*(?:[A-Z]|\d{1,2}|[IVX]{1,4})[.)]\s+")
# what follows a report's or a decree's heading, never a part of it
_SECTION = re.compile(r"^(?:KATA PENGANTAR|DAFTAR (?:ISI|TABEL|GAMBAR|LAMPIRAN)|BAB\b|LAMPIRAN\b|"
                      r"PENDAHULUAN|RINGKASAN|IKHTISAR|LATAR BELAKANG|MENIMBANG|MENGINGAT|"
                      r"MEMUTUSKAN|MENETAPKAN|DENGAN RAHMAT)")
_LOWER_WORDS = frozenset("dan atau di ke dari untuk yang bagi pada dengan oleh karena tentang "
                         "atas serta".split())


def shouted(line: str) -> bool:
    """Whether ``line`` is written in capitals (a heading, a kop surat's line)."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def names_office(line: str) -> bool:
    """Whether ``line`` is an office's name in capitals ("DINAS PERHUBUNGAN KOTA JAMBI"), as
    a kop surat or a standard's head writes it: it names who serves, never the service. A
    heading that goes on to name the standard ("BADAN PENDAPATAN DAERAH STANDAR PELAYANAN
    PBB") names the service too: it is the service's heading, not only its office's."""
    return (shouted(line) and bool(_GOVERNMENT.match(line.strip()))
            and not _NAMES_STANDARD.search(line))


def is_address(line: str) -> bool:
    """A kop surat's line of where the office is: street, telephone, post code, mail, web."""
    return bool(_ADDRESS.search(line)) and line_label(line) is None


def letterhead_lines(lines: list[str], shared: Callable[[str], bool] = lambda _: False) -> int:
    """How many of ``lines`` (a PDF's first lines) are its kop surat. By its shape, a block
    of capitals lines each opening with a government or an office ("PEMERINTAH KOTA JAMBI",
    "DINAS ...", "KELURAHAN SUNGAI PUTRI") followed by its address (a street with its
    number, a telephone, a post code, mail or a website), maybe with the document's own
    heading between them ("PUSKESMAS X" / "JADWAL POSYANDU 2025" / "Jl. ..."). Without the
    address it is no kop surat: "DINAS ... MENETAPKAN" or a title in capitals stays. Lines
    the site's other PDFs share at their top (``shared``) are its kop only with that shape:
    up to an address they close, or each opening with a government or an office; a title
    the site's yearly reports share ("LAPORAN KINERJA ...") is theirs, not the kop."""
    limit = min(len(lines), HEAD_LINES)
    run = 0
    while run < limit and (not lines[run].strip() or shared(lines[run])):
        run += 1
    closed = [n + 1 for n in range(min(run + 1, len(lines))) if is_address(lines[n])]
    top = min(closed[-1], run) if closed else 0
    while top < run and (not lines[top].strip() or _GOVERNMENT.match(lines[top].strip())):
        top += 1
    block = top
    while (block < limit and shouted(lines[block]) and not is_address(lines[block])
           and _GOVERNMENT.match(lines[block].strip())):
        block += 1
    if block > top:
        # the address, after the office's lines or after the document's heading below them
        after = block
        while after < min(block + 3, limit) and shouted(lines[after]) and not is_address(
                lines[after]):
            after += 1
        if after < len(lines) and is_address(lines[after]):
            top = block
    while top < min(len(lines), HEAD_LINES + 2) and (
            not lines[top].strip() or is_address(lines[top])
            or (shared(lines[top]) and _GOVERNMENT.match(lines[top].strip()))):
        top += 1
    return top


def is_letterhead_title(title: str, lines: list[str]) -> bool:
    """Whether a file's metadata ``title`` is only its kop surat: its text's first line
    (Word 97-2003 fills the Title property with the first line typed: "PEMERINTAH KOTA
    JAMBI") or a line of the kop (``letterhead_lines``) of its text's ``lines``."""
    head = [line.strip() for line in lines if line.strip()][:HEAD_LINES + 2]
    key = squash(title).casefold()
    kop = {line.casefold() for line in head[:max(letterhead_lines(head), 1)]}
    return bool(key) and key in kop


def heading_text(line: str) -> str:
    """A heading as the page shows it, without what a table's first row put beside it on the
    same line ("No STANDAR PELAYANAN SKTM Komponen Uraian"): the run of capitals, when words
    of other cells stand on both sides of it."""
    line = _NUMBERED_HEADING.sub("", line).strip()
    if shouted(line):
        return line
    words = line.split()
    caps = [not any(c.islower() for c in word) for word in words]  # "2024", "(SKTM)" too
    best = (0, 0)
    start = None
    for at, is_caps in enumerate([*caps, False]):
        if is_caps and start is None:
            start = at
        elif not is_caps and start is not None:
            best = max(best, (start, at), key=lambda run: run[1] - run[0])
            start = None
    first, end = best
    named = sum(any(c.isalpha() for c in word) for word in words[first:end])
    if end - first >= 3 and named >= 2 and first > 0 and end < len(words):
        return " ".join(words[first:end])
    return line


def heading_after_letterhead(text: str, shared: Callable[[str], bool] = lambda _: False) -> str:
    """The document's own heading: the first line after its kop surat that is not a
    component's row, with a heading wrapped over lines in capitals joined again, and a
    decree's subject ("KEPUTUSAN ..." / "NOMOR ..." / "TENTANG" / "STANDAR PELAYANAN ...")
    after it; "" when none is found."""
    lines = text.split("\n")[:HEAD_LINES + 12]
    start = letterhead_lines(lines, shared)
    rest = [line.strip() for line in lines[start:]]
    for at, line in enumerate(rest):
        if len(line) <= 3 or line_label(line) is not None or is_address(line):
            continue
        words = [heading_text(line)]
        following = rest[at + 1:at + 6]
        if shouted(line):
            for more in following[:2] if len(line) >= WRAPPED else ():
                # a long heading wrapped by the page's width
                if (not shouted(more) or line_label(more) is not None or _SECTION.match(more)
                        or re.match(r"^(?:NOMOR|NO\.|TENTANG|TAHUN)\b", more)):
                    break
                words.append(more)
                following = following[1:]
            subject = [n for n, more in enumerate(following) if more.upper() == "TENTANG"]
            if subject and subject[0] + 1 < len(following) and subject[0] <= 1:
                words += ["TENTANG", heading_text(following[subject[0] + 1])]
        return " ".join(words)[:200]
    return ""


def abbreviations(text: str) -> set[str]:
    """The words ``text`` writes in capitals among words that are not ("mengurus SKCK di
    Polresta"): abbreviations, as the document itself spells them. A run of three or more
    is a heading read on one line with a table's cells, not abbreviations."""
    words: set[str] = set()
    for line in text.split("\n"):
        if shouted(line) or not any(c.islower() for c in line):
            continue
        run: list[str] = []
        for word in [*line.split(), "."]:
            bare = word.strip("()[],.;:\"'")
            if len(bare) >= 2 and bare.isalpha() and bare.isupper():
                run.append(bare)
                continue
            if len(run) <= 2:
                words.update(run)
            run = []
    return words


def title_case(title: str, text: str = "") -> str:
    """A title written in capitals, as a name is written ("SURAT KETERANGAN PINDAH WNI" ->
    "Surat Keterangan Pindah WNI"); any other title as it is. A word stays in capitals when
    it is short (WNI, KK), has no vowel (SKCK, NPWP, BPHTB: no Indonesian word is written
    so) or a digit or a hyphen (KTP-EL, PBB-P2), or when the document's ``text`` writes it
    in capitals among lowercase words (SIUP, RSUD)."""
    if title.upper() != title:
        return title
    kept = abbreviations(text) if text else set()
    words = []
    for n, word in enumerate(title.split()):
        lower = word.casefold()
        bare = word.strip("()[],.;:")
        if n and lower in _LOWER_WORDS:
            words.append(lower)
        elif (len(bare) <= 3 or word.startswith("(") or bare in kept
              or not any(c in "AEIOU" for c in bare.upper())
              or any(c.isdigit() or c in "-/" for c in word)):
            words.append(word)  # an abbreviation: WNI, KTP-EL, (SKPWNI), SKCK
        else:
            words.append(word[:1] + word[1:].lower())
    return " ".join(words)


def extract_pdf(body: bytes, ocr: OcrReader | None = None, name: str = "",
                stop: Callable[[], bool] | None = None) -> PdfText:
    """The text of the PDF ``body``. With ``ocr``, its pages that have no usable text layer
    but a scan are read by OCR (``crawler.extract.ocr``) and go on as a text page would;
    ``name`` (its URL) is how the crawl's report names a scan it could not read; once
    ``stop()`` is true (the crawl is stopping) no further scanned page is read."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    if not body.lstrip()[:5] == b"%PDF-":
        raise PdfError("parse", "not a PDF (no %PDF- header)")
    if b"%%EOF" not in body[-2048:]:
        raise PdfError("parse", "truncated PDF (no %%EOF marker)")
    try:
        reader = PdfReader(io.BytesIO(body), strict=False)
        if reader.is_encrypted:
            # many "protected" PDFs only restrict printing and open with an empty password
            try:
                if not reader.decrypt(""):
                    raise PdfError("encrypted", "encrypted PDF (password required)")
            except (NotImplementedError, FileNotDecryptedError) as exc:
                raise PdfError("encrypted", f"encrypted PDF ({exc})") from None
        pages: list[list[str]] = []
        scans: dict[int, Any] = {}  # pages with no usable text layer, but a scan
        size = 0
        for page in reader.pages[:MAX_PAGES]:
            text, table = read_page(page)
            if ocr is not None and scanned(text) and has_scan(page):
                scans[len(pages)] = page
            # a blank line in a table page's reading ends a table; pypdf's own are noise
            lines = [squash(line) for line in (table or gap_rows(text.splitlines()))]
            pages.append([line for line in lines if line or table is not None])
            size += len(text)
            if size > MAX_CHARS:
                break
        if scans and ocr is not None:
            # read as a ruled table page is: a blank line kept, where a table ends
            for number, lines in ocr.read(body, scans, name, stop).items():
                pages[number] = [squash(line) for line in lines]
            if not ocr.binary and not any(any(page) for page in pages):
                raise PdfError("parse", NOT_INSTALLED)
        meta = reader.metadata
        title = squash(str(meta.title)) if meta and meta.title else ""
        modified = None
        if meta is not None:
            try:
                stamp = meta.modification_date or meta.creation_date
                modified = stamp.date().isoformat() if stamp else None
            except (ValueError, TypeError):
                modified = None
    except PdfError:
        raise
    except FileNotDecryptedError as exc:
        raise PdfError("encrypted", f"encrypted PDF ({exc})") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            AssertionError, OSError, RecursionError, ZeroDivisionError) as exc:
        raise PdfError("parse", f"unreadable PDF: {type(exc).__name__}: {exc}"[:300]) from None
    return paged_text(pages, title, modified)


def paged_text(pages: list[list[str]], meta_title: str, modified: str | None, *,
               kind: str = "PDF", running_heads: bool = True) -> PdfText:
    """A document's text from its pages' lines (a blank line ends a table): the pages'
    running heads and feet dropped (``running_heads``), blank runs collapsed, the title from
    the metadata or else the heading after the kop surat, and the line each page starts
    on. Word and Excel files (``crawler.extract.office``) come through here too, a row of a
    workbook as a page."""
    # a page's blank edge is where its running head or foot was, not the end of a table
    texts = (["\n".join(page).strip("\n") for page in drop_running_heads(pages)]
             if running_heads else ["\n".join(page) for page in pages])
    numbered = [(number, line) for number, text in enumerate(texts)
                for line in text.split("\n")]
    kept = [(number, line) for n, (number, line) in enumerate(numbered)
            if line or (n and numbered[n - 1][1])]
    while kept and not kept[0][1].strip():
        kept.pop(0)  # what strip() takes off the text's start
    text = "\n".join(line for _, line in kept)[:MAX_CHARS].strip()
    if not text.strip():
        raise PdfError("parse", f"{kind} has no extractable text"
                       + (" (scanned image?)" if kind == "PDF" else ""))
    title = meta_title
    if not title:
        # the document's heading, not the kop surat above it ("PEMERINTAH KOTA JAMBI ...")
        title = title_case(heading_after_letterhead(text), text) or next(
            (line for line in text.splitlines() if len(line) > 3), "")[:200]
    size = text.count("\n") + 1
    first: dict[int, int] = {}  # one pass: a workbook's 5,000 rows are 5,000 pages
    for n, (number, _) in enumerate(kept):
        first.setdefault(number, n)
    starts = [first.get(page) for page in range(len(pages))]
    # a page with no line of its own (blank, or only its running head) starts where the
    # next one does
    for page in range(len(starts) - 2, -1, -1):
        if starts[page] is None:
            starts[page] = starts[page + 1]
    return PdfText(title=title, text=text, modified=modified,
                   pages=[min(s, size) if s is not None else size for s in starts]
                   if len(pages) > 1 else [], meta_title=meta_title)
