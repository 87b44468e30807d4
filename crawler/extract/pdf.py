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
from dataclasses import dataclass, field

from crawler.extract.html import squash
from crawler.extract.pdflayout import drop_running_heads, read_page

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
    if not title:
        title = next((line for line in text.splitlines() if len(line) > 3), "")[:200]
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
                   if len(pages) > 1 else [])
