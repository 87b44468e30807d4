"""How an app catalog's entry joins the crawled page at the same URL, instead of replacing it.

An app catalog often lists, as an app's URL, a page that a website crawl also fetches: the
DTKS registration page listed as the app "SIKS-NG", an app's own page on the Diskominfo
site. Both sources say something true about that URL, so the document there is a merge of
two contributions, each kept apart so either can change or leave without the other:

- the **page** (what the website crawl extracted) is the document: its kind, title, text,
  headings and fields are never touched by a catalog;
- the **catalog entries** (one per catalog source that lists the URL, kept whole in the
  store's ``catalog_entries`` table) add ``fields["app"]``: the app's name, platform,
  status, description, OPD, the catalog it came from and ``also_at`` (other catalogs that
  list it). A search finds the page by the app's name as well (``app_search_text``).

One exception, reversible: a *plain* page (kind ``page`` with no fields of its own but
extraction's notes such as ``kind_confidence``, i.e. not a service, news, listing) at an
app's URL is the app's own page, and the catalog says more about it than "page": it
becomes kind ``app`` with the app's ``platform``, ``status`` and ``description`` at the top
of ``fields`` like any app document. ``own_part`` undoes
the merge exactly (a document of kind ``app`` carrying ``fields["app"]`` is always such a
promoted plain page; a catalog-only app document never carries ``fields["app"]``).

Without a page, the catalog's lead entry (first catalog by source name) is the document,
exactly as the catalog wrote it. This module is pure: the store decides when to apply it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sikoja.documents import APP_FIELDS, Document

APP_KEY = "app"
# What extraction says about a page rather than what the page says (how sure it is of the
# kind): a page with only these is still a plain page, and keeps them when promoted.
PAGE_NOTES = ("kind_confidence",)


def _notes(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: fields[k] for k in PAGE_NOTES if k in fields}


@dataclass(frozen=True)
class CatalogEntry:
    """One catalog's record of the app at a URL: its own app document, as listed."""

    source: str
    catalog_url: str
    document: Document


def is_merged(doc: Document) -> bool:
    return isinstance((doc.fields or {}).get(APP_KEY), dict)


def own_part(doc: Document) -> Document:
    """The page as its site published it: ``doc`` without any catalog contribution."""
    if not is_merged(doc):
        return doc
    if doc.kind == "app":  # a promoted plain page (see the module docstring)
        return replace(doc, kind="page", fields=_notes(doc.fields))
    return replace(doc, fields={k: v for k, v in doc.fields.items() if k != APP_KEY})


def app_part(entries: list[CatalogEntry]) -> dict[str, Any]:
    """What the catalogs add to a page: the lead entry's facts, the other listings' places."""
    lead = entries[0]
    app = lead.document
    aliases = list(app.fields.get("aliases") or [])
    for other in entries[1:]:
        name = other.document.title
        if name != app.title and name not in aliases:
            aliases.append(name)
    part: dict[str, Any] = {
        "name": app.title,
        "platform": app.fields.get("platform", ""),
        "status": app.fields.get("status", ""),
        "description": app.fields.get("description", ""),
        "opd": app.opd,
        "catalog": lead.catalog_url,
        "also_at": sorted({e.catalog_url for e in entries[1:] if e.catalog_url}
                          - {lead.catalog_url}),
    }
    if aliases:
        part["aliases"] = aliases
    return part


def merge(page: Document, entries: list[CatalogEntry]) -> Document:
    """The document at a page's URL given the catalog entries there (may be none)."""
    own = own_part(page)
    if not entries:
        return own
    part = app_part(entries)
    if own.kind == "page" and set(own.fields) <= set(PAGE_NOTES):
        fields = {**_notes(own.fields), **{key: part[key] for key in APP_FIELDS}}
        if part.get("aliases"):
            fields["aliases"] = part["aliases"]
        fields[APP_KEY] = part
        return replace(own, kind="app", fields=fields)
    return replace(own, fields={**own.fields, APP_KEY: part})


def app_search_text(fields: dict[str, Any] | None) -> tuple[list[str], str]:
    """(names, description) a catalog added to a page, for the index: a citizen who types
    the app's name ("siks-ng") must find the page the catalog points at."""
    part = (fields or {}).get(APP_KEY)
    if not isinstance(part, dict):
        return [], ""
    names = [str(n) for n in [part.get("name"), *(part.get("aliases") or [])] if n]
    description = str(part.get("description") or "")
    # a promoted page already has the description among its own fields
    return names, "" if fields.get("description") == description else description
