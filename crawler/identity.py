"""Which crawler this is: a digest of the installed sikoja and the code that decides what a
page yields, so a recrawl can tell whether the pages it has were read by another crawler.

A recrawl asks with conditional GETs (``crawler.downloadermiddlewares.conditional``), and
an unchanged page answers 304 and is never extracted again: without this, an extraction
improvement of a new release would never reach the pages already stored. Each crawl
records the identity of the crawler that ran it (``crawls.crawler``); when the last
successful crawl of a source was another crawler's, the next one re-reads the site once
in full (``DocumentStore.needs_reread``), then conditional GETs resume.

A digest of the source rather than a hand-bumped number: nobody has to remember to bump
it, and no change to extraction can slip through with the old number. A change that does
not alter extraction (a comment, the progress line) costs one full re-read, which is the
traffic of a first crawl, once.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import sikoja

ROOT = Path(__file__).resolve().parent.parent
# besides every module of the crawler: the document model and URL identity it writes with,
# and which of a page's links it may follow or store (a scheme newly accepted or refused)
SHAPING = ("sikoja/documents.py", "sikoja/urls.py", "sikoja/schemes.py")
# what the crawl summary and ``sikoja report sites`` say of a site re-read for that reason
REREAD_NOTE = "dibaca ulang seluruhnya: versi crawler berubah"
# what the site health (``sikoja report sites``, the admin page) says of a site the next
# crawl will re-read: its last successful crawl was another crawler's
REREAD_NEXT_NOTE = "akan dibaca ulang seluruhnya pada crawl berikutnya: versi crawler berubah"


@functools.cache
def crawler_identity() -> str:
    """The running crawler's identity, computed once per process (about 100 small files)."""
    return identity_of(ROOT)


def identity_of(root: Path) -> str:
    """The identity of the crawler whose source tree is at ``root``."""
    digest = hashlib.sha256(f"sikoja {sikoja.__version__}\n".encode())
    files = sorted((root / "crawler").rglob("*.py")) + [root / name for name in SHAPING]
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
