"""Turn an HTML body into text when the server and the page disagree about its charset.

Kota Jambi sites run old PHP stacks: Apache's default ``charset=ISO-8859-1`` in front of
UTF-8 pages, ``<meta charset=windows-1252>`` pages saved by Word, or no charset at all.
The order below trusts evidence over declarations: a body that is valid UTF-8 and not pure
ASCII is UTF-8 whatever the header says (the odds of windows-1252 text being valid UTF-8
are negligible), then the declared charset (header, then meta), then windows-1252 if the
bytes are valid in it, and only then charset_normalizer.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.\-]+)", re.IGNORECASE)

# Per the WHATWG encoding standard, these labels mean windows-1252 in a browser.
_AS_CP1252 = {"iso-8859-1", "latin-1", "latin1", "ascii", "us-ascii", "iso8859-1", "l1",
              "windows-1252", "cp1252", "x-cp1252"}

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def _lookup(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def header_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return _lookup(match.group(1)) if match else None


def meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:4096])
    return _lookup(match.group(1).decode("ascii", "ignore")) if match else None


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; never raises, replacing what cannot be decoded."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body.decode(encoding, errors="replace"), encoding
    if body.isascii():
        return body.decode("ascii"), "ascii"
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for declared in (header_charset(content_type), meta_charset(body)):
        if declared and declared != "utf-8":
            try:
                return body.decode(declared), declared
            except (UnicodeDecodeError, LookupError):
                continue
    # Indonesian sites are Latin script: windows-1252 is the legacy charset to expect, and
    # charset_normalizer guesses Cyrillic code pages on short Latin samples
    try:
        return body.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    best = from_bytes(body[:65536]).best()
    if best is not None and best.encoding:
        encoding = _lookup(best.encoding) or best.encoding
        return body.decode(encoding, errors="replace"), encoding
    return body.decode("cp1252", errors="replace"), "cp1252"


_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"Rar!",
                 b"7z\xbc\xaf", b"\x7fELF", b"MZ", b"\xd0\xcf\x11\xe0", b"ID3", b"OggS",
                 b"RIFF", b"\x00\x00\x00")


def looks_binary(body: bytes) -> bool:
    """True for images, archives and executables served with a text content type."""
    head = body[:1024]
    if not head:
        return False
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            # a text page saved with a byte-order mark (Windows tools write UTF-16 with
            # one): every other byte of UTF-16 is NUL, so judge the decoded characters
            text = head[: len(head) - len(head) % 2].decode(encoding, errors="replace")
            return _mostly_controls([ord(c) for c in text])
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        return True
    return _mostly_controls(list(head))


def _mostly_controls(codes: list[int]) -> bool:
    controls = sum(1 for c in codes if c < 9 or 13 < c < 32)
    return controls > len(codes) * 0.1


def looks_pdf(body: bytes) -> bool:
    return body[:1024].lstrip().startswith(b"%PDF-")
