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

On a re-crawl the listing yields the row again; the pipeline leaves a retired row as it is
while its page is still a live service (``still_retired``), so the row does not come back
at each crawl only to be retired again.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from crawler.extract.service import CORE_FIELDS
from crawler.extract.servicetable import OWN_PAGE
from crawler.extract.title import squash
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


def _services(store: DocumentStore, source: str) -> set[str]:
    """The live services of ``source`` that tell a fact of their own (a stub the site's
    siblings make a service, "Informasi layanan ini sedang diperbarui", tells none the row
    does)."""
    rows = store.query("SELECT url, fields FROM documents WHERE source = ? AND status = 'live' "
                       "AND kind = 'service'", (source,))
    return {url_key(r["url"]) for r in rows
            if json.loads(r["fields"] or "{}").keys() & set(CORE_FIELDS)}


def _is_service(target: object, services: set[str], at: dict[str, str]) -> bool:
    if not isinstance(target, str) or not target:
        return False
    key = url_key(target)
    return key in services or at.get(key) in services


def still_retired(store: DocumentStore, links: LinkStore | None, doc: Document) -> bool:
    """Whether ``doc``, a row or panel arriving again, is one this step retired, unchanged,
    whose own page is still a live service of its site: then it stays retired."""
    target = doc.fields.get(OWN_PAGE)
    if not target or "#" not in doc.url:
        return False
    stored = store.validators(doc.url)
    if not stored or stored["status"] != "gone" or stored["content_hash"] != doc.content_hash():
        return False
    return _is_service(target, _services(store, doc.source), stored_at(links, doc.source))


def settle_own_pages(store: DocumentStore, links: LinkStore | None, source: str) -> int:
    """Retire the live rows and panels of ``source`` whose own page is a live service of
    it, and bring back the retired ones whose page no longer is while their listing, live,
    still names them. Returns how many changed status."""
    rows = store.query("SELECT url, status, fields, parent_url, title FROM documents "
                       "WHERE source = ? AND parent_url IS NOT NULL AND fields LIKE ?",
                       (source, f'%"{OWN_PAGE}"%'))
    if not rows:
        return 0
    services = _services(store, source)
    at = stored_at(links, source)
    changed = 0
    for row in rows:
        target = json.loads(row["fields"] or "{}").get(OWN_PAGE)
        if not target or "#" not in row["url"]:
            continue
        if _is_service(target, services, at):
            changed += row["status"] == "live" and store.mark_gone(row["url"])
            continue
        if row["status"] == "live":
            continue
        listing = store.get(row["parent_url"])
        validators = store.validators(row["parent_url"]) or {}
        if (listing is None or validators.get("status") != "live"
                or not listing.fields.get("listing")
                or squash(row["title"]) not in squash(listing.text)):
            continue
        doc = store.get(row["url"])
        if doc is not None:
            row_validators = store.validators(row["url"]) or {}
            store.upsert(doc, etag=row_validators.get("etag"),
                         http_last_modified=row_validators.get("http_last_modified"))
            changed += 1
    return changed
