"""Documents a page shows through a viewer: the file behind a flipbook, an embed or a frame.

OPD pages often say little themselves ("Silakan baca standar pelayanan berikut") and show
their Standar Pelayanan through a plugin that draws a PDF with JavaScript. The file is then
named nowhere a link is, but always somewhere in the markup the plugin printed for its
script to read:

* the browser's own viewers: ``<object data=...pdf>``, ``<embed src=...pdf>``, a frame whose
  ``src`` is the file;
* a viewer page in a frame (or behind a link) that names its file in its query (PDF.js's
  ``viewer.html?file=``, Google Docs' ``viewer?url=``, a Joomla plugin's copy of PDF.js):
  the file is read, the viewer (a script shell, on the site or on Google's host) is not;
* an attribute of the plugin's element: dFlip's ``<div class="_df_book" source=...>``,
  ``data-source``, ``data-pdf``, ``data-file``; or JSON options in one (Real3D FlipBook's
  ``data-flipbook-options='{"pdfUrl": ...}'``);
* an inline script's options object (dFlip's ``window.option_df_12 = {"source": ...}``),
  whose ``\\/`` escapes JSON writes.

No plugin is named here: any element, attribute or inline script whose value is the URL of
a document (a path ending in a document's extension, after a file name) is read the same way,
so a theme or plugin not seen before is too. No script is run or fetched. The crawl follows
the files under the same rules as links (same site, size and type limits): those the page's
content shows all (up to ``MAX_SCANNED``), those of its menus, sidebars and popups at most
``MAX_EMBEDDED``. Only a viewer inside the page's content (its ``<main>``/``<article>``, never
an element right under ``<body>``: a site-wide popup, a JSON-LD script) shows its file in the
page, which then takes the file's service fields as it takes a framed PDF's
(``crawler.standards``); a file named only by an attribute or a script must be about the
service the page's title names.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from bs4 import Tag

from crawler.extract.viewers import DOCUMENT_EXTENSIONS, named_files
from sikoja.schemes import is_web_url
from sikoja.urls import same_site

MAX_EMBEDDED = 20  # files a page's viewers outside its content may name
MAX_SCANNED = 200  # files one page's viewers may name at all
# hosts whose viewer pages draw another host's file (``docs.google.com/viewer?url=``)
VIEWER_HOSTS = frozenset({"docs.google.com", "drive.google.com", "view.officeapps.live.com"})
MAX_SCRIPT_CHARS = 200_000  # of an inline script or an attribute's JSON read for file URLs
# elements whose own address is what they show
_SHOWING = {"iframe": "src", "frame": "src", "embed": "src", "object": "data"}
# attributes a plugin may name its file by even as a bare file name (no ``/``): the name
# without ``data-``
_FILE_ATTRS = frozenset(
    {
        "source",
        "src",
        "file",
        "url",
        "pdf",
        "doc",
        "document",
        "href",
        "pdfurl",
        "pdf-url",
        "file-url",
        "data",
    }
)
# attributes that name or describe, never point
_TEXT_ATTRS = frozenset(
    {
        "title",
        "alt",
        "aria-label",
        "class",
        "id",
        "style",
        "name",
        "data-title",
        "placeholder",
        "value",
        "content",
        "action",  # a form's: forms are no viewers
        "formaction",
    }
)
_EXTENSION = re.compile(r"\.(?:pdf|docx?|odt|xlsx?|ods|pptx?|odp|rtf)\b", re.IGNORECASE)
# a quoted string in code or JSON (``\/`` and ``\"`` escapes allowed inside)
_QUOTED = re.compile(r""""((?:[^"\\\s<>]|\\.){4,800})"|'((?:[^'\\\s<>]|\\.){4,800})'""")
# what only code builds (a list of extensions, a template, a concatenation), no address
_NOT_ADDRESS = re.compile(r"^\.|[,{}$\s]")
_STEM = re.compile(r"\w")


def document_url(value: str, base: str) -> str | None:
    """``value`` resolved against ``base`` if it is a document's address (its path ends in a
    document's extension), without its fragment; else None."""
    value = value.strip().replace("\\/", "/")
    if not value or len(value) > 2000 or any(c.isspace() for c in value):
        return None
    try:
        url = urljoin(base, value).split("#", 1)[0]
        path = urlsplit(url).path.lower()
    except ValueError:
        return None
    if not is_web_url(url) or not path.endswith(DOCUMENT_EXTENSIONS):
        return None
    # a file's name before its extension (``/sp/.pdf`` is an extension alone)
    name = path.rsplit("/", 1)[-1]
    return url if _STEM.search(name[: name.rfind(".")]) else None


def viewed_files(url: str) -> list[str]:
    """The documents the viewer at ``url`` names in its query (``viewer.html?file=/a.pdf``,
    ``docs.google.com/viewer?url=...``)."""
    out = []
    for named in named_files(url):
        found = document_url(named, url)
        if found is not None:
            out.append(found)
    return out


def is_viewer_shell(url: str, base: str) -> bool:
    """Whether ``url`` is a viewer that cannot be the file it names, only a script shell
    drawing it: a static page (``viewer.html``) or a known viewer host's (Google's). A
    script of the site's (``download.php?file=``, on its www twin too) may serve the file
    at its own address, so it is the link and no guessed path is."""
    try:
        parts = urlsplit(urljoin(base, url))
    except ValueError:
        return False
    return parts.path.lower().endswith((".html", ".htm")) or (
        (parts.hostname or "") in VIEWER_HOSTS and not same_site(parts.geturl(), base)
    )


def _in_code(text: str, base: str) -> list[str]:
    """The document URLs a script or a JSON value writes as quoted strings."""
    text = text[:MAX_SCRIPT_CHARS]
    if not _EXTENSION.search(text):
        return []
    out = []
    for m in _QUOTED.finditer(text):
        value = (m.group(1) or m.group(2) or "").replace("\\/", "/")
        if _NOT_ADDRESS.search(value):
            continue
        found = document_url(value, base)
        if found is not None:
            out.append(found)
    return out


def _in_attributes(tag: Tag, base: str) -> list[str]:
    out = []
    for name, raw in tag.attrs.items():
        name = name.lower()
        if name in _TEXT_ATTRS or (name == "href" and tag.name in ("a", "area", "link", "base")):
            continue  # an anchor's href is a link already
        if _SHOWING.get(tag.name) == name:
            continue  # read as the element's own address
        value = " ".join(raw) if isinstance(raw, list) else str(raw)
        if not _EXTENSION.search(value):
            continue
        stripped = value.strip()
        if stripped[:1] in ("{", "["):
            out += _in_code(stripped, base)
        elif "/" in stripped or name.removeprefix("data-") in _FILE_ATTRS:
            found = document_url(stripped, base)
            if found is not None:
                out.append(found)
    return out


def _shown(tag: Tag, base: str) -> list[str]:
    """What a frame, object or embed shows, when it is a document: the file itself, or the
    file its viewer names."""
    attr = _SHOWING[tag.name]
    raw = str(tag.get(attr) or "").strip()
    if not raw or raw.startswith(("#", "javascript:", "data:", "about:")):
        return []
    try:
        url = urljoin(base, raw)
    except ValueError:
        return []
    own = document_url(url, base)
    if own is not None:
        return [own]
    return viewed_files(url) if is_viewer_shell(url, base) else []


def _label(tag: Tag) -> str:
    for attr in ("title", "aria-label", "data-title"):
        value = tag.get(attr)
        if value:
            return " ".join(str(value).split())
    return " ".join(tag.get_text(" ").split()) if tag.name in ("a", "area") else ""


def linked_viewer(href: str, base: str) -> list[str]:
    """The files a link to a viewer shows (``<a href="/pdfjs/web/viewer.html?file=...">``):
    the link is to them, not to the viewer's script shell. A script of the site's
    (``download.php?file=``) is the link itself: none."""
    if "?" not in href:
        return []
    try:
        url = urljoin(base, href)
    except ValueError:
        return []
    if document_url(url, base) is not None or not is_viewer_shell(url, base):
        return []
    return viewed_files(url)


def embedded_documents(tags: list[Tag], base: str) -> list[tuple[str, str, Tag | None, bool]]:
    """(file URL, the viewer's name, the element holding the viewer, whether only an
    attribute or a script names it) of each document the page's viewers show, first naming
    first, at most ``MAX_SCANNED``. ``tags``: every tag of the page in document order;
    ``base``: what its relative URLs resolve against."""
    out: dict[str, tuple[str, str, Tag | None, bool]] = {}
    for tag in tags:
        shown: list[str] = []
        if tag.name == "script":
            named = [] if tag.get("src") else _in_code(tag.get_text(), base)
        elif tag.name in ("a", "area"):
            shown = linked_viewer(str(tag.get("href") or ""), base)
            named = _in_attributes(tag, base)
        else:
            shown = _shown(tag, base) if tag.name in _SHOWING else []
            named = _in_attributes(tag, base) if tag.attrs else []
        for url, loose in [(u, False) for u in shown] + [(u, True) for u in named]:
            if url not in out:
                out[url] = (url, _label(tag), tag.parent, loose)
                if len(out) >= MAX_SCANNED:
                    return list(out.values())
    return list(out.values())


def frame_shows_document(src: str, base: str) -> bool:
    """Whether a frame's ``src`` (or a link's ``href``) is only a viewer of a file read
    instead, then neither followed nor framed: a static page (``viewer.html``) or a known
    viewer host's (Google's) cannot be the file, only a script shell drawing it. A script
    of the site itself (``download.php?file=``, ``tampil.php?file=``) may serve the file
    at its own address: it is followed, and no path guessed from its query is."""
    return bool(linked_viewer(src, base))
