"""Document viewers: pages that only draw, with JavaScript, a file another URL serves.

An OPD page often shows its PDF in a frame through a viewer: Google Drive's preview
(``/file/d/<id>/preview`` or ``/view``), Google Docs' viewer (``/viewer?url=<file>``), PDF.js
(``/pdfjs/web/viewer.html?file=<file>``), Office Online (``/op/embed.aspx?src=<file>``). The
viewer's HTML holds no text of the document: fetched on its own it is a script shell whose
scripts load no JSON sikoja can read. When the document itself is read (the framing page
links the file, the "Unduh" button Drive offers, or the viewer's query names it) the viewer
is no unreadable page: it is a view of a document sikoja has, and the crawl skips it saying
where the document is read.

A viewer is tied to its file in two ways, for any viewer rather than one site's:

* its query names the file: a parameter (``file``, ``url``, ``src``, ...) whose value is a
  URL or a path (not a bare word), resolved against the viewer's own URL;
* it and the file's URL carry the same opaque file id: a path segment or query value of 12
  or more letters, digits, ``-`` and ``_``, mixing upper and lower case and digits inside a
  part (Drive's ids are 28 to 44 such characters; a slug such as ``standar-pelayanan-2024``
  or ``Standar-Pelayanan-2024`` joins words and numbers and is never one, and a version tag
  such as ``v=20241105`` has no letter). Drive's preview and its download
  (``/uc?export=download&id=<id>``) share the id.

The file, named or tied by id, must look like one (a document's extension, or a download
or export URL), or be stored as a document already: a second viewer of the same id
(``/view`` beside ``/preview``) is no file, two viewers never vouch for each other, and a
search page's ``?src=beranda`` names no file (a bare word is no URL).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, urljoin, urlsplit

from sikoja.schemes import is_web_url
from sikoja.urls import url_key

# query parameters a viewer names its file by (PDF.js ``file``, Google's ``url``, Office's
# ``src``)
FILE_PARAMS = frozenset({"file", "url", "src", "doc", "document", "pdf", "fileurl"})
DOCUMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".ppt",
                       ".pptx", ".odp", ".rtf")
_ID = re.compile(r"[A-Za-z0-9_-]{12,}")
_DOWNLOAD = re.compile(r"(?:^|[^a-z])(downloads?|export|unduh[a-z]*)(?:[^a-z]|$)",
                       re.IGNORECASE)
# a part of a slug: a word (lower, Capitalised or UPPER case), maybe numbered, or a number
_WORD = re.compile(r"(?:[A-Z]?[a-z]+|[A-Z]+)[0-9]*|[0-9]+")


def _is_id(token: str) -> bool:
    """An opaque id mixes case and digits, and inside a part: ``Standar-Pelayanan-2024`` and
    ``SK_Walikota_No12_2024`` are words and numbers joined, a slug, not an id."""
    return bool(_ID.fullmatch(token) and re.search(r"[0-9]", token)
                and re.search(r"[A-Z]", token) and re.search(r"[a-z]", token)
                and not all(_WORD.fullmatch(part) for part in re.split(r"[-_]", token) if part))


def file_ids(url: str) -> set[str]:
    """The opaque file ids ``url`` carries in its path segments and query values."""
    parts = urlsplit(url)
    tokens = [segment.rsplit(".", 1)[0] for segment in parts.path.split("/")]
    tokens += [value for _, value in parse_qsl(parts.query)]
    return {token for token in tokens if _is_id(token)}


def named_files(viewer_url: str) -> list[str]:
    """The URLs the viewer's query names as its file (``viewer.html?file=/a.pdf``)."""
    out = []
    for name, value in parse_qsl(urlsplit(viewer_url).query):
        value = value.strip()
        if name.lower() not in FILE_PARAMS or not value:
            continue
        if "/" not in value and "." not in value:
            continue  # a bare word (``?src=beranda``) names no file, it is no relative URL
        try:
            url = urljoin(viewer_url, value)
        except ValueError:
            continue
        if is_web_url(url):
            out.append(url)
    return out


def looks_like_file(url: str) -> bool:
    """A URL that serves a file: a document's extension, or a download/export address."""
    parts = urlsplit(url)
    return (parts.path.lower().endswith(DOCUMENT_EXTENSIONS)
            or bool(_DOWNLOAD.search(parts.path)) or bool(_DOWNLOAD.search(parts.query)))


def is_viewer(url: str) -> bool:
    """Whether ``url`` could be a viewer of a file: its query names one, or it carries an
    opaque file id."""
    return bool(named_files(url) or file_ids(url))


def shown_file(viewer_url: str, candidates: Iterable[str],
               documents: Iterable[str] = ()) -> str | None:
    """The URL among ``candidates`` of the file the viewer at ``viewer_url`` shows (None:
    none is). ``documents``: candidates already stored as documents (a file whatever its
    URL looks like). The first by URL among several, so the answer never depends on order."""
    named = {url_key(u) for u in named_files(viewer_url)}
    ids = file_ids(viewer_url)
    if not named and not ids:
        return None
    stored = {url_key(u) for u in documents}
    own = url_key(viewer_url)
    for url in sorted(set(candidates)):
        key = url_key(url)
        if key == own:
            continue
        if (key in named or ids & file_ids(url)) and (key in stored or looks_like_file(url)):
            return url
    return None
