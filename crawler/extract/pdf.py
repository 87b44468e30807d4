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

from crawler.extract.html import squash
from crawler.extract.pdflayout import drop_running_heads, read_page
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
_ADDRESS = re.compile(
    r"(?:^|\b)(?:jl\.?|jln\.?|jalan|telp\.?|telepon|tlp\.?|fax|faks|faksimile|kode\s*pos|"
    r"e-?mail|surel|website|laman|homepage)(?:\b|\s|:)|www\.|https?://|@[a-z0-9-]+\.",
    re.IGNORECASE)
_REACHABLE = re.compile(r"\d|www\.|https?://|@")
HEAD_LINES = 8  # how far down a page a kop surat may reach
WRAPPED = 50  # a heading line this long may have been wrapped by the page's width
_NUMBERED_HEADING = re.compile(r"^\s*(?:[A-Z]|\d{1,2}|[IVX]{1,4})[.)]\s+")
_LOWER_WORDS = frozenset("dan atau di ke dari untuk yang bagi pada dengan oleh karena tentang "
                         "atas serta".split())


def shouted(line: str) -> bool:
    """Whether ``line`` is written in capitals (a heading, a kop surat's line)."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def is_address(line: str) -> bool:
    """A kop surat's line of where the office is: street, telephone, post code, mail, web."""
    # a heading may name a road ("IZIN GALIAN JALAN"); an address has a number or a web name
    return (bool(_ADDRESS.search(line)) and bool(_REACHABLE.search(line))
            and line_label(line) is None)


def letterhead_lines(lines: list[str], shared: Callable[[str], bool] = lambda _: False) -> int:
    """How many of ``lines`` (a PDF's first lines) are its kop surat: lines the site's other
    PDFs share at their top (``shared``), or by its shape, a block of capitals that opens with
    a government or an office ("PEMERINTAH KOTA JAMBI", "KELURAHAN SUNGAI PUTRI") followed by
    its address (a line with a street, a telephone, a post code, mail or a website). Without
    the address it is no kop surat: "DINAS ... MENETAPKAN" or a title in capitals stays."""
    top = 0
    while top < min(len(lines), HEAD_LINES) and (not lines[top].strip() or shared(lines[top])):
        top += 1
    block = top
    while (block < min(len(lines), HEAD_LINES) and shouted(lines[block])
           and not is_address(lines[block])
           and (block > top or _GOVERNMENT.match(lines[block].strip()))):
        block += 1
    if block > top and block < len(lines) and is_address(lines[block]):
        top = block
    while top < min(len(lines), HEAD_LINES + 2) and (
            not lines[top].strip() or is_address(lines[top]) or shared(lines[top])):
        top += 1
    return top


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
                if (not shouted(more) or line_label(more) is not None
                        or re.match(r"^(?:NOMOR|NO\.|TENTANG|TAHUN)\b", more)):
                    break
                words.append(more)
                following = following[1:]
            subject = [n for n, more in enumerate(following) if more.upper() == "TENTANG"]
            if subject and subject[0] + 1 < len(following) and subject[0] <= 1:
                words += ["TENTANG", heading_text(following[subject[0] + 1])]
        return " ".join(words)[:200]
    return ""


def title_case(title: str) -> str:
    """A title written in capitals, as a name is written ("SURAT KETERANGAN PINDAH WNI" ->
    "Surat Keterangan Pindah WNI"); any other title as it is."""
    if title.upper() != title:
        return title
    words = []
    for n, word in enumerate(title.split()):
        lower = word.casefold()
        if n and lower in _LOWER_WORDS:
            words.append(lower)
        elif (len(word.strip("()[],.;:")) <= 3 or word.startswith("(")
              or any(c.isdigit() or c in "-/" for c in word)):
            words.append(word)  # an abbreviation: WNI, KTP-EL, (SKPWNI)
        else:
            words.append(word[:1] + word[1:].lower())
    return " ".join(words)


def extract_pdf(body: bytes) -> PdfText:
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
        size = 0
        for page in reader.pages[:MAX_PAGES]:
            text, table = read_page(page)
            # a blank line in a table page's reading ends a table; pypdf's own are noise
            lines = [squash(line) for line in (table or text.splitlines())]
            pages.append([line for line in lines if line or table is not None])
            size += len(text)
            if size > MAX_CHARS:
                break
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
    # a page's blank edge is where its running head or foot was, not the end of a table
    numbered = [(number, line) for number, page in enumerate(drop_running_heads(pages))
                for line in "\n".join(page).strip("\n").split("\n")]
    kept = [(number, line) for n, (number, line) in enumerate(numbered)
            if line or (n and numbered[n - 1][1])]
    while kept and not kept[0][1].strip():
        kept.pop(0)  # what strip() takes off the text's start
    text = "\n".join(line for _, line in kept)[:MAX_CHARS].strip()
    if not text.strip():
        raise PdfError("parse", "PDF has no extractable text (scanned image?)")
    meta_title = title
    if not title:
        # the document's heading, not the kop surat above it ("PEMERINTAH KOTA JAMBI ...")
        title = title_case(heading_after_letterhead(text)) or next(
            (line for line in text.splitlines() if len(line) > 3), "")[:200]
    size = text.count("\n") + 1
    starts = [next((n for n, (number, _) in enumerate(kept) if number == page), None)
              for page in range(len(pages))]
    # a page with no line of its own (blank, or only its running head) starts where the
    # next one does
    for page in range(len(starts) - 2, -1, -1):
        if starts[page] is None:
            starts[page] = starts[page + 1]
    return PdfText(title=title, text=text, modified=modified,
                   pages=[min(s, size) if s is not None else size for s in starts]
                   if len(pages) > 1 else [], meta_title=meta_title)
