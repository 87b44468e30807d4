"""Assemble a ``Document`` from a fetched body: the one place that decides a page's kind.

Kinds matter to ranking (a citizen asking "syarat KTP" wants the service page, not the
news item about the KTP drive), so the rule is explicit, in this order:

1. a page with service sections is a "service", whatever else it has (links, a date);
2. a home page is a listing (see 4);
3. an article with a date line under its headline, or dated by its meta tags, is "news";
4. a list of links to other pages (news index, service index, downloads) is a "page"
   flagged ``fields["listing"]``: it repeats the words of everything it lists, and the
   ranker demotes it below the pages themselves;
5. a dated page under a news path (/berita/...) is "news"; anything else a "page".

PDFs are "document"s and catalog rows "app"s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from crawler.boilerplate import fingerprints, strip_template
from crawler.canonical import canonicalize_url
from crawler.extract.catalog import AppEntry, slugify
from crawler.extract.dates import parse_http_date, parse_iso, visible_date
from crawler.extract.encoding import decode_html
from crawler.extract.html import Link, extract_page, link_items
from crawler.extract.lang import detect_language
from crawler.extract.pdf import PdfText
from crawler.extract.service import extract_service_fields, is_service
from sikoja.documents import Document

if TYPE_CHECKING:
    from bs4 import Tag

_NEWS_PATH = re.compile(r"/(berita|news|post|posts|artikel|article|kabar|warta|pengumuman)"
                        r"(/|-|_|\.|$)", re.IGNORECASE)
# Paths a site's home page is served at (after canonicalisation dropped index.php & co.)
_HOME_PATHS = {"/", "/home", "/beranda", "/index", "/main", "/id"}
# A listing's text between its entries is an intro or a one-item summary; an article or a
# profile has paragraphs longer than this of its own
MAX_LISTING_GAP = 400
MAX_TEXT = 100_000


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class ExtractedPage:
    document: Document
    links: list[Link]
    lines: list[int] = field(default_factory=list)  # fingerprints of the main text's lines


def _same_host(a: str, b: str) -> bool:
    """Same host (``www.`` aside) and, beyond the default ports, the same port."""
    pa, pb = urlsplit(a), urlsplit(b)
    host_a = (pa.hostname or "").removeprefix("www.")
    host_b = (pb.hostname or "").removeprefix("www.")
    ports = {p for p in (pa.port, pb.port) if p not in (None, 80, 443)}
    return bool(host_a) and host_a == host_b and (not ports or pa.port == pb.port)


def document_url(served_url: str, canonical: str | None) -> str:
    """The served URL, or the page's rel=canonical when it names the same host (a CMS
    pointing at another site's copy must not move the page there)."""
    if canonical and canonical.startswith(("http://", "https://")) and _same_host(
        canonical, served_url
    ):
        return canonicalize_url(canonical)
    return canonicalize_url(served_url)


def is_home(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.query and (parts.path.rstrip("/") or "/").lower() in _HOME_PATHS


def page_kind(url: str, fields: dict[str, object], meta: dict[str, str | None],
              dated: bool, listing: bool = False) -> str:
    if is_service(fields):
        return "service"
    if is_home(url):
        return "page"
    if meta.get("dateline") or (
        meta.get("published") and (meta.get("og_type") in (None, "article"))
    ):
        return "news"
    if listing:
        return "page"
    if _NEWS_PATH.search(urlsplit(url).path) and dated:
        return "news"
    return "page"


def is_listing(url: str, main: Tag | None) -> bool:
    """A home page, or a block that is entries linking elsewhere with little text between."""
    if is_home(url):
        return True
    if main is None:
        return False
    items = link_items(main, url)
    return items.count >= 1 and items.longest_gap <= MAX_LISTING_GAP


def html_document(
    body: bytes,
    *,
    url: str,
    content_type: str | None,
    http_last_modified: str | None,
    source: str,
    opd: str,
    template: frozenset[int] = frozenset(),
) -> ExtractedPage:
    """``template``: fingerprints of the lines this site repeats everywhere (learned by
    ``crawler.boilerplate`` from earlier crawls), left out of the text."""
    text, _ = decode_html(body, content_type)
    page = extract_page(text, url)
    fields = extract_service_fields(page.content, url) if page.content is not None else {}
    if not is_service(fields):
        # partial sections (a "Lokasi" paragraph on a news post) are noise, not a service
        fields = {}
    shown_date = visible_date(page.text)
    last_modified = (
        parse_iso(page.meta.get("modified"))
        or parse_iso(page.meta.get("published"))
        or page.meta.get("dateline")
        or shown_date
        or parse_http_date(http_last_modified)
    )
    doc_url = document_url(url, page.canonical)
    listing = not is_service(fields) and is_listing(doc_url, page.main)
    kind = page_kind(doc_url, fields, page.meta,
                     dated=bool(shown_date or page.meta.get("published")), listing=listing)
    if listing and kind == "page":
        fields = {"listing": True}
    body_text = strip_template(page.text, template)[:MAX_TEXT]
    document = Document(
        url=doc_url,
        source=source,
        opd=opd,
        kind=kind,
        title=page.title or (page.meta.get("description") or "")[:120] or doc_url,
        text=body_text,
        headings=page.headings,
        breadcrumbs=page.breadcrumbs,
        fields=fields,
        lang=detect_language(body_text, page.lang_attr),
        last_modified=last_modified,
        fetched_at=now_iso(),
    )
    return ExtractedPage(document, page.links, fingerprints(page.text))


def pdf_document(
    pdf: PdfText,
    *,
    url: str,
    http_last_modified: str | None,
    source: str,
    opd: str,
    parent_url: str | None,
    link_text: str | None = None,
) -> Document:
    title = pdf.title
    if link_text and (not title or title.lower().startswith(("microsoft word", "untitled"))):
        title = link_text
    return Document(
        url=canonicalize_url(url),
        source=source,
        opd=opd,
        kind="document",
        title=title or urlsplit(url).path.rsplit("/", 1)[-1],
        text=pdf.text[:MAX_TEXT],
        lang=detect_language(pdf.text),
        last_modified=pdf.modified or parse_http_date(http_last_modified),
        fetched_at=now_iso(),
        parent_url=canonicalize_url(parent_url) if parent_url else None,
    )


def app_document(entry: AppEntry, *, catalog_url: str, source: str, opd: str) -> Document:
    """One catalog row; its URL is the app's own, or catalog#slug when it has none. Its
    ``parent_url`` is the catalog that lists it (the store keeps it as the entry's origin)."""
    url = canonicalize_url(entry.url) if entry.url else (
        f"{canonicalize_url(catalog_url)}#{slugify(entry.name)}"
    )
    return Document(
        url=url,
        source=source,
        opd=entry.opd or opd,
        kind="app",
        title=entry.name,
        text=entry.description or entry.name,
        fields={"platform": entry.platform, "status": entry.status,
                "description": entry.description},
        lang=detect_language(entry.description) if entry.description else "id",
        fetched_at=now_iso(),
        parent_url=canonicalize_url(catalog_url),
    )
