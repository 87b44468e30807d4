"""Standar Pelayanan PDFs: their service fields, and the service pages that absorb them.

Many OPD service pages are one paragraph and a link: "persyaratan, prosedur, waktu dan
biaya tercantum dalam Standar Pelayanan terlampir". The answer a citizen needs is in the
PDF, so the page takes the PDF's fields it lacks (its own fields win), the page's text gets
them as lines (keyword search finds "syarat uji kir" on the page), and
``fields["fields_from"]`` records which fields came from which PDF and what the page was
before, so the step can be undone and redone exactly.

It runs twice, with the same result in both orders of arrival: when a page is fetched
(with the PDFs already stored: a recrawl, or a PDF reached first from the download page),
and for the whole site when its crawl closes (PDFs fetched after their page). A recrawl of
an unchanged site therefore stores the same page and rewrites nothing.

A PDF often holds the standards of several services (one numbered block each); the block
whose title matches the page's title is the page's. A PDF is shown under the page that
links it (``parent_url``): a service page before any other page, never a listing (the
download page) when another page links it, and among equals the first by URL, so the page
the crawl happened to reach first does not decide.

A page may also show its standard rather than link it: a frame of its content (a Google Doc
"published to the web", a PDF in a viewer) is what the page says. A framed document is the
page's hinted standard like a linked PDF whose link says so, and a framed page that holds a
service's sections (the published Doc's list of requirements) is one too. Where the page's
own section only points at the document ("Daftar persyaratan dapat dilihat pada dokumen
berikut"), the pointer is no requirement: the document's list takes its place, and undoing
the step puts the pointer back. A framed page whose sections a page took is that page's
document from then on (kind ``document``, shown under the page like a PDF, its own kind kept
in ``fields["framed_in"]``): a citizen asking for the service gets the page that shows it,
not the bare document beside it; it is a page again when no page takes from it.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from crawler.extract.document import is_standard_link
from crawler.extract.pdf import (
    HEAD_LINES,
    heading_after_letterhead,
    heading_text,
    names_office,
    shouted,
    title_case,
)
from crawler.extract.service import OTHER, is_service, line_label, text_service_fields
from crawler.extract.title import normalise, split_title
from crawler.sitetitles import learn_site_titles
from sikoja.documents import Document
from sikoja.urls import canonicalize_url

if TYPE_CHECKING:
    from crawler.extract.html import Link
    from crawler.linkstore import LinkStore
    from sikoja.store import DocumentStore

# Fields a page takes from its standard, and how they are written into its text
ABSORBED = {"requirements": "Persyaratan", "procedure": "Prosedur",
            "duration": "Jangka waktu penyelesaian", "cost": "Biaya/tarif",
            "legal_basis": "Dasar hukum", "location": "Tempat pelayanan",
            "online_url": "Layanan online"}
MARKER = "Dari Standar Pelayanan: "  # first line of the text a page takes from a PDF
MATCH = 0.6  # share of a block title's words the page title must have
FROM_STANDARD = 0.9  # kind confidence of a service page whose PDF holds its standard
PROMOTED = 0.8  # ...of a plain page that links the standard of the service it names
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A section that only says where its facts are: a short sentence naming a document or an
# attachment and sending the reader to it
_POINTS_AT = re.compile(r"\b(?:dokumen|lampiran|terlampir|file|berkas pdf|pdf|tautan|link|"
                        r"formulir|brosur|gambar|tabel)\b", re.IGNORECASE)
_SENDS = re.compile(r"\b(?:lihat|dilihat|tercantum|terlampir|berikut|di ?bawah|unduh|"
                    r"download|klik|silakan|silahkan|buka)\b", re.IGNORECASE)
MAX_POINTER_WORDS = 20
_TITLE_NUMBER = re.compile(r"^\s*(?:[a-zA-Z]|\d{1,2}|[ivxIVX]{1,4})[.)]\s+")
# words that say nothing about which service a title is about
_GENERIC = frozenset(
    "standar pelayanan layanan publik dan atau di ke dari untuk yang pada dengan kota jambi "
    "dinas badan kantor pdf sop sp persyaratan syarat prosedur tentang nomor tahun".split())


@dataclass
class Standard:
    """One service's block of a standard PDF."""

    url: str  # the PDF
    title: str  # the block's title ("Pengujian Berkala Kendaraan Bermotor (Uji KIR)")
    fields: dict[str, object]
    single: bool  # the only service block of its PDF
    about: str  # the words that say which service it is (title, or a one-service PDF's head)
    hinted: bool = False  # the page links it as a standard ("Standar Pelayanan ... (PDF)")
    line: int = 0  # the line of the PDF's text the block starts on (its title)
    text: str = ""  # the block's lines
    framed: bool = False  # a page another page shows in a frame, not a PDF
    # a PDF only an attribute or a script of the page names (a flipbook's ``source``)
    loose: bool = False
    heading: str = ""  # a one-service PDF's own heading over its fields, when it has one


# -- reading a PDF ------------------------------------------------------------------------

def standard_blocks(pdf: Document) -> list[Standard]:
    """The service blocks of a PDF's text that are services (two sections, one core).

    A block starts where a field label comes back after other labels ("Persyaratan" of the
    second service); its title is the line before that label.
    """
    lines = pdf.text.split("\n")
    skipped = 0
    while lines and lines[0].strip().casefold() == pdf.title.strip().casefold():
        lines = lines[1:]  # the title repeated as the first line ("Persyaratan Uji KIR")
        skipped += 1
    starts: list[int] = []  # index of each block's title line (or first label)
    seen: list[str] = []
    for index, line in enumerate(lines):
        name = line_label(line)
        if name is None or name == OTHER:
            continue
        if not starts:
            starts.append(index - 1 if index and line_label(lines[index - 1]) is None
                          else index)
        elif name in seen and any(other != name for other in seen[seen.index(name):]):
            starts.append(index - 1 if line_label(lines[index - 1]) is None else index)
            seen = []
        seen.append(name)
    blocks = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        body = lines[start:end]
        title = body[0] if body and line_label(body[0]) is None else ""
        fields = text_service_fields(body[1:] if title else body, blank_ends=True)
        if is_service(fields):
            blocks.append((_TITLE_NUMBER.sub("", title).strip(), fields, skipped + start,
                           "\n".join(body).strip()))
    if len(blocks) == 1:
        # the head of a one-service standard is all about it: "STANDAR PELAYANAN" /
        # "Pengujian Berkala Kendaraan Bermotor" / the OPD
        head = " ".join([pdf.title, *lines[:starts[0] + 1]])
        return [Standard(pdf.url, pdf.title or blocks[0][0], blocks[0][1], True, head,
                         line=blocks[0][2], text=blocks[0][3], heading=blocks[0][0])]
    return [Standard(pdf.url, title or pdf.title, fields, False, title, line=line, text=text)
            for title, fields, line, text in blocks]


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if w not in _GENERIC and not w.isdigit()}


def title_match(page_title: str, block_title: str) -> float:
    """Share of the block title's words in the page title (or the other way round, for a
    page titled "Uji KIR" and a block "Pengujian Berkala Kendaraan Bermotor (Uji KIR)")."""
    page, block = _words(page_title), _words(block_title)
    if not page or not block:
        return 0.0
    return len(page & block) / min(len(page), len(block))


def is_pointer(value: object) -> bool:
    """Whether a section's value only sends the reader to a document ("Persyaratan dan
    tarif tercantum pada dokumen di bawah ini"), stating none of its facts."""
    items = value if isinstance(value, list) else [value]
    if len(items) != 1 or not isinstance(items[0], str):
        return False
    text = items[0]
    return (len(text.split()) <= MAX_POINTER_WORDS and bool(_POINTS_AT.search(text))
            and bool(_SENDS.search(text)))


def framed_standard(doc: Document) -> Standard | None:
    """The service sections of a page another page frames (a published Doc), as its
    standard (one section is enough: the framing page shows it as its own); None when it
    holds none."""
    fields = {k: doc.fields[k] for k in ABSORBED if doc.fields.get(k)}
    if (doc.kind not in ("service", "page") and "framed_in" not in doc.fields) or not fields:
        return None
    return Standard(doc.url, doc.title, fields, True, doc.title, hinted=True, framed=True)


def choose(page: Document, standards: list[Standard]) -> Standard | None:
    """The standard of the service ``page`` is about: the block whose title matches the
    page's best, or a service page's one hinted single-service PDF."""
    scored = sorted(((title_match(page.title, s.about), s.url, s.title, s) for s in standards),
                    key=lambda x: (-x[0], x[1], x[2]))
    if scored and scored[0][0] >= MATCH and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return scored[0][3]
    # a framed page ("Persyaratan SKTM Kelurahan X") must share a word of the service it
    # stands for: a frame of another service's page (a sign-up form's) gives nothing
    # so must a file a page names only in an attribute or a script (crawler.extract.embeds)
    hinted = [s for s in standards if s.hinted and s.single
              and (not (s.framed or s.loose) or title_match(page.title, s.about) > 0)]
    if page.kind == "service" and len({s.url for s in hinted}) == 1 and len(standards) == 1:
        return hinted[0]
    return None


# -- absorbing ----------------------------------------------------------------------------

def absorbed(page: Document) -> list[str]:
    """The fields ``page`` took from a standard (none if it took none)."""
    taken = page.fields.get("fields_from")
    return list(taken.get("fields") or []) if isinstance(taken, dict) else []


def restore(page: Document) -> Document:
    """``page`` as it was before it took a standard's fields (itself if it took none)."""
    taken = page.fields.get("fields_from")
    if not isinstance(taken, dict):
        return page
    fields = {k: v for k, v in page.fields.items()
              if k != "fields_from" and k not in taken.get("fields", [])}
    fields.update(taken.get("replaced") or {})  # the pointers the document stood in for
    if taken.get("kind_confidence") is None:
        fields.pop("kind_confidence", None)
    else:
        fields["kind_confidence"] = taken["kind_confidence"]
    text = page.text
    size = int(taken.get("text_chars") or 0)
    if size and text[-size:].startswith("\n" + MARKER):
        text = text[:-size]
    elif (at := text.rfind("\n" + MARKER)) >= 0:
        text = text[:at]
    return replace(page, fields=fields, text=text, kind=taken.get("kind") or page.kind)


def distinct(standards: list[Standard]) -> list[Standard]:
    """``standards`` with each block once: a PDF a page both shows and links (a viewer and
    its download button) is one standard, hinted if either says so (the surest copy kept:
    hinted, then shown by more than an attribute or a script)."""
    best: dict[tuple[str, int, str, str], Standard] = {}
    for s in standards:
        key = (s.url, s.line, s.title, s.about)
        old = best.get(key)
        if old is None or (s.hinted, not s.loose) > (old.hinted, not old.loose):
            best[key] = s
    return list(best.values())


def absorb(page: Document, standards: list[Standard]) -> Document:
    """``page`` with the fields it lacks taken from its standard among ``standards``.

    Only a service page or a plain page (not a listing, not news) takes fields; a plain
    page becomes a service when the standard is of the service its title names.
    """
    base = restore(page)
    # a page framing itself gives nothing; a PDF it both links and shows is one standard
    standards = distinct([s for s in standards if s.url != base.url])
    if base.kind not in ("service", "page") or base.fields.get("listing"):
        return base
    chosen = choose(base, standards)
    if chosen is None or (base.kind == "page" and title_match(base.title, chosen.about) < MATCH):
        return base
    taken = [k for k in ABSORBED if chosen.fields.get(k) and (
        not base.fields.get(k) or is_pointer(base.fields[k]))]
    if not taken:
        return base
    replaced = {k: base.fields[k] for k in taken if base.fields.get(k)}
    confidence = base.fields.get("kind_confidence")
    fields: dict[str, Any] = dict(base.fields)
    fields.update({k: chosen.fields[k] for k in taken})
    fields["kind_confidence"] = (PROMOTED if base.kind == "page"
                                 else max(float(confidence or 1.0), FROM_STANDARD))
    lines = [f"{MARKER}{chosen.title}"]
    for name in taken:
        value = chosen.fields[name]
        lines.append(f"{ABSORBED[name]}: "
                     f"{'; '.join(value) if isinstance(value, list) else value}")
    block = "\n" + "\n".join(lines)
    fields["fields_from"] = {"url": chosen.url, "fields": taken, "kind": base.kind,
                             "kind_confidence": confidence, "text_chars": len(block)}
    if replaced:
        fields["fields_from"]["replaced"] = replaced
    return replace(base, fields=fields, text=base.text + block, kind="service")


class StandardReader:
    """Standards of the stored PDFs, read once per crawl step."""

    def __init__(self, store: DocumentStore) -> None:
        self.store = store
        self._blocks: dict[str, list[Standard]] = {}
        self._sources: dict[str, str | None] = {}

    def blocks(self, url: str, source: str | None = None) -> list[Standard]:
        """The standards of the stored PDF at ``url`` (of ``source`` only, when given)."""
        if url not in self._blocks:
            pdf = next(self.store.iter_documents_at([url]), None)  # live only
            if pdf is not None and pdf.kind != "document" and not is_pdf(pdf):
                pdf = None  # a page: neither a document nor a PDF stored as its service
            self._blocks[url] = standard_blocks(as_document(pdf)) if pdf is not None else []
            self._sources[url] = pdf.source if pdf is not None else None
        if source is not None and self._sources.get(url) != source:
            return []
        return self._blocks[url]

    def framed(self, frames: list[tuple[str, str, bool]],
               source: str | None = None) -> list[Standard]:
        """Standards among the documents a page shows in frames (url, name, whether only
        an attribute or a script names it): a framed PDF's blocks, a framed page's service
        sections; hinted either way (the page shows them)."""
        out = []
        for url, _name, loose in frames:
            key = canonicalize_url(url)
            doc = next(self.store.iter_documents_at([key]), None)  # live only
            if doc is None or (source is not None and doc.source != source):
                continue
            if is_pdf(doc):
                out.extend(replace(s, hinted=True, loose=loose) for s in self.blocks(key))
                continue
            found = framed_standard(doc)
            if found is not None:
                out.append(found)
        return out

    def linked(self, links: list[tuple[str, str]], source: str | None = None) -> list[Standard]:
        """Standards among the documents a page's main block links (of ``source`` only, when
        given: the site step reads a site's own PDFs, so the fetch does too)."""
        out = []
        for url, text in links:
            hinted = is_standard_link(url, text)
            out.extend(replace(s, hinted=hinted)
                       for s in self.blocks(canonicalize_url(url), source))
        return out


def absorb_stored(page: Document, links: list[Link], store: DocumentStore,
                  frames: list[Link] | None = None) -> Document:
    """At fetch time: ``page`` with the standards of the PDFs (and framed pages) already
    stored."""
    reader = StandardReader(store)
    return absorb(page, reader.linked([(link.url, link.text) for link in links], page.source)
                  + reader.framed([(link.url, link.text, link.loose) for link in frames or []],
                                  page.source))


# -- the site-level step --------------------------------------------------------------------

def settle_site(store: DocumentStore, links: LinkStore, source: str) -> tuple[int, int]:
    """After a site's crawl: pages absorb the standards their PDFs now hold, and each PDF
    is placed under its best linking page. Returns (pages rewritten, PDFs re-parented);
    an unchanged site rewrites nothing."""
    settle_pdf_titles(store, source)
    reader = StandardReader(store)
    pages = _page_kinds(store, source)
    pdfs = {url for url, kind in pages.items() if kind[0] == "document"}
    pages_changed = 0
    outlinks: dict[str, set[str]] = {}
    in_content: dict[str, set[str]] = {}  # the PDFs each page links from its content
    framing = links.embeds(source)
    for key, all_links, content in links.source_links(source):
        if key not in pages or pages[key][0] in ("document", "app"):
            continue
        outlinks[key] = {canonicalize_url(u) for u, _ in all_links} & pdfs
        linked = [(u, t) for u, t in content if canonicalize_url(u) in pdfs]
        in_content[key] = {canonicalize_url(u) for u, _ in linked}
        frames = [f for f in framing.get(key, []) if canonicalize_url(f[0]) in pages]
        if not linked and not frames and not pages[key][2]:
            continue  # links no PDF and took nothing from one: nothing to do or undo
        page = store.get(key)
        if page is None:
            continue
        new = absorb(page, reader.linked(linked) + reader.framed(frames))
        if new.content_hash() != page.content_hash():
            _rewrite(store, new)
            pages[key] = _kind_of(new.kind, new.fields)
            pages_changed += 1
    pages_changed += _frame_documents(store, source, pages, framing)
    settle_parts(store, reader, source, outlinks, in_content)
    return pages_changed, _place_documents(store, pages, outlinks, in_content)


def _frame_documents(store: DocumentStore, source: str,
                     pages: dict[str, tuple[str, bool, str | None]],
                     framing: dict[str, list[tuple[str, str, bool]]]) -> int:
    """Each framed page a framing page took its sections from becomes that page's document;
    one no page takes from any more is a page again. Returns how many it rewrote."""
    shown: dict[str, str] = {}  # framed page -> the page that took from it
    for key, frames in sorted(framing.items()):
        taken = pages.get(key, ("", False, None))[2]
        if taken and any(canonicalize_url(u) == taken for u, *_ in frames):
            shown.setdefault(taken, key)
    rows = store.query("SELECT url FROM documents WHERE source = ? AND status = 'live' AND "
                       "kind = 'document' AND fields LIKE '%\"framed_in\"%'", (source,))
    changed = 0
    for doc in store.iter_documents_at(set(shown) | {r["url"] for r in rows}):
        url = doc.url
        was = doc.fields.get("framed_in")
        if url in shown and doc.kind in ("service", "page") and not isinstance(was, dict):
            fields = dict(doc.fields)
            fields["framed_in"] = {"kind": doc.kind}
            new = replace(doc, kind="document", fields=fields, parent_url=shown[url])
        elif url not in shown and isinstance(was, dict):
            fields = {k: v for k, v in doc.fields.items() if k != "framed_in"}
            new = replace(doc, kind=str(was.get("kind") or "page"), fields=fields,
                          parent_url=None)
        else:
            continue
        _rewrite(store, new)
        pages[url] = _kind_of(new.kind, new.fields)
        changed += 1
    return changed


def _kind_of(kind: str, fields: dict[str, Any]) -> tuple[str, bool, str | None]:
    """(kind, listing, URL of the PDF it took fields from) of a stored document; a PDF
    stored as its one service is a document here (it takes nothing, a page may take it)."""
    taken = fields.get("fields_from")
    if isinstance(fields.get(SERVICE_PDF), dict):
        kind = "document"
    return kind, bool(fields.get("listing")), (
        taken.get("url") if isinstance(taken, dict) else None)


def _page_kinds(store: DocumentStore, source: str) -> dict[str, tuple[str, bool, str | None]]:
    rows = store.query("SELECT url, kind, fields FROM documents WHERE source = ? AND "
                       "status = 'live'", (source,))
    return {r["url"]: _kind_of(r["kind"], json.loads(r["fields"] or "{}")) for r in rows}


def _rank(page: tuple[str, bool, str | None], pdf_url: str) -> int:
    """Lower is a better parent: the service page that took the PDF's fields, a service
    page, a plain page or news, a listing last."""
    kind, listing, taken = page
    if taken == pdf_url:
        return 0
    if kind == "service":
        return 1
    return 3 if listing else 2


def _place_documents(store: DocumentStore, pages: dict[str, tuple[str, bool, str | None]],
                     outlinks: dict[str, set[str]],
                     in_content: dict[str, set[str]] | None = None) -> int:
    linkers: dict[str, list[str]] = {}
    for key, targets in outlinks.items():
        for target in targets:
            linkers.setdefault(target, []).append(key)
    content = in_content or {}
    # the PDFs, read at once (every one is live: settle_site's steps before retire parts only)
    stored = {doc.url: doc for doc in store.iter_documents_at(linkers)}
    moved = 0
    for url in sorted(linkers):
        # the best rank, a page that links it from its content before one whose menu or
        # sidebar does, and then the first by URL: the same parent whichever page the crawl
        # reached first (the fetch records the first linker)
        best = min((_rank(pages[key], url), url not in content.get(key, ()), key)
                   for key in linkers[url])[2]
        pdf = stored.get(url)
        if pdf is None or pdf.parent_url == best:
            continue
        _rewrite(store, replace(pdf, parent_url=best))
        moved += 1
    return moved


def _rewrite(store: DocumentStore, doc: Document) -> None:
    validators = store.validators(doc.url) or {}
    store.upsert(doc, etag=validators.get("etag"),
                 http_last_modified=validators.get("http_last_modified"))


# -- a standard of many services, no page of its own for each ------------------------------

PART = "#page="  # a service of a standard PDF is at <pdf>#page=N: a browser opens it there
_STANDARD_NAMED = re.compile(r"\bstandar\s+pelayanan\b", re.IGNORECASE)
_STANDARD_PREFIX = re.compile(r"^(?:standar\s+pelayanan(?:\s+publik)?|jenis\s+(?:pelayanan|"
                              r"layanan))\s*[:.\-]?\s*", re.IGNORECASE)


def part_title(block: Standard) -> str:
    """A block's title as a service's name: without "Standar Pelayanan" before it, and in
    title case when the PDF wrote it in capitals ("SURAT KETERANGAN PINDAH WNI")."""
    return title_case(_STANDARD_PREFIX.sub("", block.title).strip() or block.title)


def part_documents(pdf: Document, blocks: list[Standard], taken: set[int]) -> list[Document]:
    """The services of a standard PDF of several (``blocks``), those at the lines in
    ``taken`` aside (a service page took them), each a service at ``<pdf>#page=N``."""
    if len(blocks) < 2:
        return []
    starts = pdf.fields.get("page_lines") or [0]
    out: list[Document] = []
    used: dict[int, int] = {}
    for block in blocks:
        page = bisect_right(starts, block.line) or 1  # starts rise page by page
        used[page] = used.get(page, 0) + 1
        if block.line in taken:
            continue
        # a second service on one page: the page still opens, the URL stays its own
        url = f"{pdf.url}{PART}{page}" + (f"&part={used[page]}" if used[page] > 1 else "")
        out.append(Document(
            url=url, source=pdf.source, opd=pdf.opd, kind="service", title=part_title(block),
            text=block.text, fields=dict(block.fields), lang=pdf.lang,
            last_modified=pdf.last_modified, fetched_at=pdf.fetched_at, parent_url=pdf.url))
    return out


def settle_parts(store: DocumentStore, reader: StandardReader, source: str,
                 outlinks: dict[str, set[str]] | None = None,
                 in_content: dict[str, set[str]] | None = None) -> int:
    """Each standard PDF of several services that no page absorbs is stored as well as one
    service per block (``part_documents``), under the PDF; a block a service page took
    stays that page's, a part its PDF no longer holds (or a PDF gone) leaves. A standard PDF
    of one service that no page of the site holds is stored as that service
    (``as_service``), and is a document again once a page takes it. A service page that links
    it from its content (``in_content``: page -> those PDFs) holds it, whatever the two call
    the service: a PDF collapses under the service page that links it, never under a listing;
    so does another page that links it (``outlinks``: page -> the PDFs it links anywhere) and
    names its service (an article "Pengurusan SPPL ..." linking its standard is where the
    citizen reads it, the PDF shown under it). Returns how many documents were written or
    retired; an unchanged site writes none."""
    rows = store.query("SELECT url, kind, title, parent_url, fields FROM documents WHERE "
                       "source = ? AND status = 'live'", (source,))
    pdfs: list[str] = []
    # the site's own service pages: one that is a block's service holds it (it took the
    # block's fields, or had them all and took none), linked to the PDF or not
    services: list[Document] = []
    stored: dict[str, list[str]] = {}
    lent: set[str] = set()  # the PDFs a page took fields from
    framed: set[str] = set()  # framed pages a page shows as its document: no PDFs
    titles: dict[str, str] = {}  # pages that may name a PDF's service (no listing does)
    for r in rows:
        parent = r["parent_url"]
        fields = json.loads(r["fields"] or "{}")
        if not fields.get("listing"):
            titles[r["url"]] = r["title"]
        if isinstance(fields.get("fields_from"), dict):
            lent.add(str(fields["fields_from"].get("url")))
        if r["kind"] == "document" or isinstance(fields.get(SERVICE_PDF), dict):
            pdfs.append(r["url"])
            if "framed_in" in fields:
                framed.add(r["url"])
        elif parent and r["url"].startswith(parent + PART):
            stored.setdefault(parent, []).append(r["url"])
        elif r["kind"] == "service":
            services.append(Document(url=r["url"], source=source, opd="", kind="service",
                                     title=r["title"], text=""))
    # a service page that links one standard of one service from its content (not its menu
    # or sidebar) is where that standard is read, whatever the two call the service
    # ("Izin Usaha Mikro" and "Penerbitan IUMK"); a page linking several services' standards
    # is no one service's page
    service_pages = {page.url for page in services if page.url in titles}
    lone = {url for url in pdfs if len(b := reader.blocks(url)) == 1 and b[0].single}
    read_at: set[str] = set()
    for page, targets in (in_content or {}).items():
        if page in service_pages and len(targets & lone) == 1:
            read_at |= targets & lone
    linkers: dict[str, list[str]] = {}
    for page, targets in (outlinks or {}).items():
        for target in targets:
            linkers.setdefault(target, []).append(page)
    changed = 0
    for url in sorted(pdfs):
        blocks = reader.blocks(url)
        if len(blocks) == 1 and blocks[0].single and url not in framed:
            held = (url in lent or any(choose(page, blocks) is not None for page in services)
                    or url in read_at
                    or any(title_match(titles.get(page, ""), service_title(blocks[0])) >= MATCH
                           for page in linkers.get(url, [])))
            changed += _settle_single(store, url, blocks[0], held)
        wanted: list[Document] = []
        if len(blocks) >= 2 and (pdf := store.get(url)) is not None:
            taken = {chosen.line for page in services
                     if (chosen := choose(page, blocks)) is not None}
            wanted = part_documents(pdf, blocks, taken)
        for part in wanted:
            old = store.get(part.url)
            if old is None or old.content_hash() != part.content_hash() or (
                    old.parent_url != part.parent_url) or part.url not in stored.get(url, []):
                _rewrite(store, part)
                changed += 1
        for gone in sorted(set(stored.pop(url, [])) - {p.url for p in wanted}):
            changed += int(store.mark_gone(gone))
    for parts in stored.values():  # their PDF is no longer live
        changed += sum(int(store.mark_gone(gone)) for gone in parts)
    return changed


# -- a standard of one service, no page of its own ---------------------------------------------

# fields key of a one-service standard PDF stored as its service: the PDF it was
# ({"title": ..., "fields": ...}), so that it is a document again when a page takes it
SERVICE_PDF = "service_pdf"


def is_pdf(doc: Document) -> bool:
    """Whether ``doc`` is a stored PDF: a document that is no framed page, or a one-service
    standard stored as its service."""
    return ((doc.kind == "document" and "framed_in" not in doc.fields)
            or isinstance(doc.fields.get(SERVICE_PDF), dict))


def as_document(doc: Document) -> Document:
    """A one-service standard PDF stored as its service, as the PDF it is; any other
    document as it is."""
    was = doc.fields.get(SERVICE_PDF)
    if not isinstance(was, dict):
        return doc
    return replace(doc, kind="document", title=str(was.get("title") or doc.title),
                   fields=dict(was.get("fields") or {}))


def service_title(block: Standard) -> str:
    """The name of the service a one-service standard is about: its own heading over the
    fields when it writes one as a heading ("STANDAR PELAYANAN PENCATATAN PERCERAIAN"),
    else the PDF's title, without "Standar Pelayanan" before it either way. An office's name
    over the fields ("DINAS PERHUBUNGAN KOTA JAMBI" above the table) is no such heading."""
    heading = heading_text(block.heading)
    named = _STANDARD_NAMED.search(heading or "")
    if named and named.start() and names_office(heading[:named.start()]):
        # "BADAN PENDAPATAN DAERAH STANDAR PELAYANAN PBB": the office, then its service's
        heading = heading[named.start():]
    if (heading and not names_office(heading)
            and (shouted(heading) or _STANDARD_PREFIX.match(heading))
            and _STANDARD_PREFIX.sub("", heading).strip()):
        return part_title(replace(block, title=heading))
    return part_title(block)


def as_service(pdf: Document, block: Standard) -> Document:
    """A standard PDF of one service (``block``, its only one) stored as that service: the
    service's name as its title, the block's fields as its own, as a part of a bundle is."""
    fields: dict[str, Any] = dict(block.fields)
    fields[SERVICE_PDF] = {"title": pdf.title, "fields": dict(pdf.fields)}
    return replace(pdf, kind="service", title=service_title(block), fields=fields)


def as_settled(pdf: Document, old: Document | None) -> Document:
    """A PDF fetched again, as the site's settling left its stored copy ``old``: re-titled
    when the title it came with is the one the site replaced, its one service when it was
    stored as that service (and still is one). An unchanged PDF is then stored unchanged;
    the site's next settling decides again either way."""
    if old is None:
        return pdf
    base = as_document(old)
    if base.fields.get(PDF_TITLE) == pdf.title and base.title != pdf.title:
        pdf = replace(pdf, title=base.title, fields={**pdf.fields, PDF_TITLE: pdf.title})
    return _as_service_again(pdf, old)


def _as_service_again(pdf: Document, old: Document) -> Document:
    """``pdf`` as its one service when its stored copy ``old`` was stored as that service
    and it still is a standard of one service; else as it is."""
    if isinstance(old.fields.get(SERVICE_PDF), dict):
        blocks = standard_blocks(pdf)
        if len(blocks) == 1 and blocks[0].single:
            return as_service(pdf, blocks[0])
    return pdf


def _settle_single(store: DocumentStore, url: str, block: Standard, held: bool) -> int:
    """The PDF at ``url`` as its one service unless a page of the site ``held`` it; 1 when
    it was rewritten."""
    doc = store.get(url)
    if doc is None:
        return 0
    base = as_document(doc)
    new = base if held else as_service(base, block)
    if new.content_hash() == doc.content_hash():
        return 0
    _rewrite(store, new)
    return 1


# -- the titles of a site's PDFs ---------------------------------------------------------------

PDF_TITLE = "pdf_title"  # fields key: the title a PDF came with, where the site replaced it
# a heading of years and numbers only ("TAHUN 2024", "NOMOR 12"), what tells apart a
# site's yearly reports, names none of them
_NUMBERS_ONLY = re.compile(r"^(?:(?:tahun|anggaran|nomor|no\.?|th\.?|periode|semester|triwulan|"
                           r"tahap|edisi|revisi|[ivx]+|[\d/.\-]+)\s*)+$", re.IGNORECASE)


def settle_pdf_titles(store: DocumentStore, source: str) -> int:
    """A PDF's title is its own subject, judged against the site's other PDFs: lines the
    site's PDFs share at their top are its kop surat (as a site's repeated title segments
    are its name, ``crawler.sitetitles``), and a title that several of them share
    ("Standar Pelayanan Kelurahan X" on each one-service standard) names none of them. Such
    a PDF is titled by its own heading after the kop surat, when that heading is its alone
    and the PDF is no standard of several services (whose shared name is its title). The
    title it came with is kept in ``fields["pdf_title"]``, so the step is undone when the
    site's PDFs no longer share it. Returns how many PDFs were re-titled."""
    rows = store.query("SELECT url FROM documents WHERE source = ? AND status = 'live' AND "
                       "(kind = 'document' OR fields LIKE ?)", (source, f'%"{SERVICE_PDF}"%'))
    stored = {doc.url: doc for doc in store.iter_documents_at(r["url"] for r in rows)}
    docs = [as_document(doc) for doc in stored.values()]
    docs = [doc for doc in docs if is_pdf(doc)]
    tops = []
    for doc in docs:
        lines = [line for line in doc.text.split("\n")[:HEAD_LINES * 2] if line.strip()]
        tops.append((" | ".join(lines[:HEAD_LINES]), None))
    # a site of one PDF shares nothing: each title it replaced goes back
    kop = learn_site_titles(tops).names if len(docs) >= 2 else set()

    def shared(line: str) -> bool:
        segments = [normalise(s) for s in split_title(line)]
        return bool(segments) and all(s in kop for s in segments)

    came = {doc.url: str(doc.fields.get(PDF_TITLE) or doc.title) for doc in docs}
    names = (learn_site_titles([(title, None) for title in came.values()]).names
             if len(docs) >= 2 else set())
    headings = {doc.url: title_case(heading_after_letterhead(doc.text, shared), doc.text)
                for doc in docs}
    counts = Counter(normalise(heading) for heading in headings.values())
    changed = 0
    for doc in docs:
        title, heading = came[doc.url], headings[doc.url]
        segments = [normalise(s) for s in split_title(title)]
        not_its_own = shared(title) or (bool(segments) and all(s in names for s in segments))
        if (not_its_own and normalise(heading) and counts[normalise(heading)] == 1
                and not _NUMBERS_ONLY.match(heading)
                and normalise(heading) != normalise(title) and len(standard_blocks(doc)) < 2):
            new_title = heading
        else:
            new_title = title
        fields = {k: v for k, v in doc.fields.items() if k != PDF_TITLE}
        if new_title != title:
            fields[PDF_TITLE] = title
        if new_title == doc.title and fields == doc.fields:
            continue
        old = stored[doc.url]
        # stored as its one service: it stays one, under its new title as a PDF
        # (``settle_parts`` decides whether it still is one), written once
        new = _as_service_again(replace(doc, title=new_title, fields=fields), old)
        if new.content_hash() == old.content_hash():
            continue
        _rewrite(store, new)
        changed += 1
    return changed
