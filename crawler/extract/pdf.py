"""Text of PDFs that OPD pages link to (SOPs, Perwal, brochures with the requirements).

Broken PDFs are common on OPD sites (uploads cut off by PHP limits, files "protected" by
the office scanner), so every failure becomes a ``PdfError`` with a reason the site-health
report can show, never a crash of the crawl.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from crawler.extract.html import squash

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
        parts: list[str] = []
        size = 0
        for page in reader.pages[:MAX_PAGES]:
            text = page.extract_text() or ""
            parts.append(text)
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
    lines = [squash(line) for line in "\n".join(parts).splitlines()]
    text = "\n".join(line for line in lines if line)[:MAX_CHARS]
    if not text.strip():
        raise PdfError("parse", "PDF has no extractable text (scanned image?)")
    if not title:
        title = next((line for line in text.splitlines() if len(line) > 3), "")[:200]
    return PdfText(title=title, text=text, modified=modified)
