"""A listed service stored once: the row or panel retired where its own page is a service.

A listing page may name each service in a table row or a panel and link the row's name (or
a "Selengkapnya") to another page of the site (``crawler.extract.servicetable.OWN_PAGE``).
Whether that page is the service is known only once the site is crawled: it may answer 404,
be blocked by robots.txt, be a stub without a fact, a category archive or an attachment
page. So the row is stored with its facts at ``<listing>#<slug>`` as it is read, and this
site-level step (``crawler.site.settle_source``) retires it once the page it links to is
stored live as a service of the same site telling a fact of its own (a
requirement, a step, a cost, a duration): the service is then found once, at its own page,
not twice (the tuning web's WPBakery site gave every service twice, the row's copy ranked
above the page). A row retired so comes back when its page stops being a service (gone, or
read as something else) while the listing still names it.

The link may be a shortlink (``/?page_id=137``) the site redirects or answers with the
page stored at its permalink: the link is followed through the pages the crawl saved
(``crawler.linkstore``: the URL fetched, and the document URL it was stored at).

A page stands in for a row only when it is that row's service: the row alone of the site's
rows and panels links it (three letters that each link one "Cara Mengurus Surat" page saying
"1 hari kerja" are three services, not that page), its title names the row's service (the
same distinctive words, or the row's abbreviation), and it tells at least what the row
tells (its requirements, if the row has them, and as many facts). A row may link a spelling
of the page the site step retired as a twin of another (``crawler.twins``): it is followed to
the page kept in its place.

On a re-crawl the listing yields the row again; the pipeline leaves a retired row as it is
while its page still stands in for it (``still_retired``, which weighs the site once per
crawl), so the row does not come back at each crawl only to be retired again.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING, NamedTuple

from crawler.extract.service import CORE_FIELDS
from crawler.extract.servicetable import OWN_PAGE
from crawler.extract.title import squash
from crawler.titlewords import words
from crawler.twins import live_twin
from sikoja.urls import url_key

if TYPE_CHECKING:
    from crawler.linkstore import LinkStore
    from sikoja.documents import Document
    from sikoja.store import DocumentStore


def stored_at(links: LinkStore | None, source: str) -> dict[str, str]:
    """url_key of each URL the crawl fetched for ``source`` (the request's and the answer's)
    -> url_key of the document it was stored at."""
    if links is None:
        return {}
    out: dict[str, str] = {}
    for key, fetched_url, url in links.stored_urls(source):
        out[url_key(key)] = out[url_key(fetched_url)] = url_key(url)
    return out


def _services(store: DocumentStore, source: str) -> dict[str, tuple[str, dict[str, object]]]:
    """The live services of ``source`` that tell a fact of their own (a stub the site's
    siblings make a service, "Informasi layanan ini sedang diperbarui", tells none the row
    does): url_key -> (title, fields)."""
    rows = store.query("SELECT url, title, fields FROM documents WHERE source = ? "
                       "AND status = 'live' AND kind = 'service'", (source,))
    out: dict[str, tuple[str, dict[str, object]]] = {}
    for r in rows:
        fields = json.loads(r["fields"] or "{}")
        if not fields.keys().isdisjoint(CORE_FIELDS):
            out[url_key(r["url"])] = (r["title"], fields)
    return out


def _service_page(store: DocumentStore, target: object, services: dict[str, object],
                  at: dict[str, str], gone: dict[str, str]) -> str | None:
    """The url_key of the live service ``target`` (a row's link) leads to, through the
    URL it was stored at and a twin retired for the page kept in its place."""
    if not isinstance(target, str) or not target:
        return None
    key = url_key(target)
    for candidate in (key, at.get(key)):
        if candidate in services:
            return candidate
    for candidate in (key, at.get(key)):
        page = store.get(gone[candidate]) if candidate in gone else None
        kept = live_twin(store, page) if page is not None else None
        if kept is not None and url_key(kept) in services:
            return url_key(kept)
    return None


# words that name no service of their own: a row's "Surat Keterangan Usaha" and a page's
# "Surat Keterangan Domisili" are two services
_COMMON_WORDS = frozenset(
    "surat keterangan layanan pelayanan pembuatan penerbitan permohonan pengurusan "
    "pendaftaran izin perizinan cara syarat persyaratan prosedur tata mengurus membuat dan "
    "di ke untuk atau dari yang baru".split())


def _names(page_title: str, row_title: str) -> bool:
    """Whether ``page_title`` names the service ``row_title`` does: the distinctive words of
    one are all in the other, or one is the other's abbreviation ("SKTM", "Surat Keterangan
    Tidak Mampu")."""
    page, row = words(page_title), words(row_title)
    page_own = {w for w in page if w not in _COMMON_WORDS}
    row_own = {w for w in row if w not in _COMMON_WORDS}
    if (row_own and row_own <= set(page)) or (page_own and page_own <= set(row)):
        return True
    return _abbreviates(page, row) or _abbreviates(row, page)


def _abbreviates(short: list[str], long: list[str]) -> bool:
    """``short`` is one word made of the initials of ``long``'s words ("SKTM" of "Surat
    Keterangan Tidak Mampu", or of "Pengurusan Surat Keterangan Tidak Mampu" from three
    letters on)."""
    if len(short) != 1 or len(long) < 2:
        return False
    initials = "".join(w[0] for w in long)
    return short[0] == initials or (len(short[0]) >= 3 and short[0] in initials)


def _tells(page: dict[str, object], row: dict[str, object]) -> bool:
    """Whether a page's fields tell at least what the row's do: its requirements if the
    row has them, and as many facts."""
    page_facts = {f for f in CORE_FIELDS if page.get(f)}
    row_facts = {f for f in CORE_FIELDS if row.get(f)}
    return ("requirements" not in row_facts or "requirements" in page_facts) and len(
        page_facts) >= len(row_facts)


class OwnRow(NamedTuple):
    """A row or panel linking its own page, its fields read once."""
    url: str
    status: str
    parent_url: str
    title: str
    fields: dict[str, object]


def _own_rows(store: DocumentStore, source: str) -> list[OwnRow]:
    """The rows and panels of ``source`` (at ``<listing>#<slug>``) that link a page of
    their own."""
    return [OwnRow(r["url"], r["status"], r["parent_url"], r["title"],
                   json.loads(r["fields"] or "{}"))
            for r in store.query("SELECT url, status, fields, parent_url, title FROM documents "
                                 "WHERE source = ? AND parent_url IS NOT NULL AND fields LIKE ?",
                                 (source, f'%"{OWN_PAGE}"%'))
            if "#" in r["url"]]


def stand_ins(store: DocumentStore, links: LinkStore | None, source: str,
              rows: list[OwnRow] | None = None) -> set[str]:
    """The URLs of ``source``'s rows and panels (live or retired) whose own page stands in
    for them (see the module docstring)."""
    rows = _own_rows(store, source) if rows is None else rows
    if not rows:
        return set()
    services = _services(store, source)
    at = stored_at(links, source)
    gone = {url_key(r["url"]): r["url"] for r in store.query(
        "SELECT url FROM documents WHERE source = ? AND status = 'gone' AND url NOT LIKE ?",
        (source, "%#%"))}
    linked: dict[str, tuple[str, str, dict[str, object]]] = {}  # row URL -> page, title, fields
    linking: dict[str, set[str]] = defaultdict(set)  # page -> the rows linking it, by title
    for row in rows:
        page = _service_page(store, row.fields.get(OWN_PAGE), services, at, gone)
        if page is not None:
            linked[row.url] = (page, row.title, row.fields)
            # one row read at two spellings of its listing is one row
            linking[page].add(" ".join(words(row.title)))
    return {url for url, (page, title, fields) in linked.items()
            if len(linking[page]) == 1 and _names(services[page][0], title)
            and _tells(services[page][1], fields)}


def still_retired(store: DocumentStore, links: LinkStore | None, doc: Document,
                  cache: dict[str, set[str]] | None = None) -> bool:
    """Whether ``doc``, a row or panel arriving again, is one this step retired, unchanged,
    whose own page still stands in for it: then it stays retired. ``cache`` (source -> the
    rows whose page stands in for them) weighs each site once per crawl, not once per row."""
    target = doc.fields.get(OWN_PAGE)
    if not target or "#" not in doc.url:
        return False
    stored = store.validators(doc.url)
    if not stored or stored["status"] != "gone" or stored["content_hash"] != doc.content_hash():
        return False
    cache = {} if cache is None else cache
    if doc.source not in cache:
        cache[doc.source] = stand_ins(store, links, doc.source)
    return doc.url in cache[doc.source]


def settle_own_pages(store: DocumentStore, links: LinkStore | None, source: str) -> int:
    """Retire the live rows and panels of ``source`` whose own page stands in for them,
    and bring back the retired ones whose page no longer does while their listing, live,
    still names them. Returns how many changed status."""
    rows = _own_rows(store, source)
    if not rows:
        return 0
    retired = stand_ins(store, links, source, rows)
    changed = 0
    for row in rows:
        if not row.fields.get(OWN_PAGE):
            continue
        if row.url in retired:
            changed += row.status == "live" and store.mark_gone(row.url)
            continue
        if row.status == "live":
            continue
        listing = next(store.iter_documents_at([row.parent_url]), None)  # live only
        if (listing is None or not listing.fields.get("listing")
                or squash(row.title) not in squash(listing.text)):
            continue
        doc = store.get(row.url)
        if doc is not None:
            row_validators = store.validators(row.url) or {}
            store.upsert(doc, etag=row_validators.get("etag"),
                         http_last_modified=row_validators.get("http_last_modified"))
            changed += 1
    return changed
