"""What spiders hand to the store pipeline: one item per fetch outcome.

Every fetch, good or bad, becomes exactly one item, so the pipeline is the single writer
of both the documents table and the fetch log, and a report can always say what happened
to a URL.
"""

from __future__ import annotations

from dataclasses import dataclass

from sikoja.documents import Document

# fetch_log outcomes (see DocumentStore.log_fetch)
OK, UNCHANGED, SKIPPED, GONE, ERROR = "ok", "unchanged", "skipped", "gone", "error"
# The counter (and fetch_log reason) of an app's own page that the app catalog describes:
# left unchanged in the store, and counted with the skipped pages in the crawl summary.
CATALOG = "catalog"


@dataclass
class FetchedDocument:
    """A page, PDF or app that was (re)extracted; the store decides changed vs unchanged."""

    document: Document
    fetched_url: str
    status: int | None
    elapsed_ms: float | None
    etag: str | None = None
    http_last_modified: str | None = None
    # a page stored at the canonical URL it declares: the URL it was served at, where it
    # goes back to if the site's other pages show that canonical is the template's
    served_url: str | None = None


@dataclass
class FetchOutcome:
    """A fetch that produced no document: 304, 404/410, skipped or failed."""

    url: str
    outcome: str
    status: int | None = None
    reason: str | None = None
    elapsed_ms: float | None = None
    # for 304/404: the stored URL to touch or mark gone; for a skip, a page an earlier crawl
    # stored that is no page of its own after all (a document viewer): it leaves the index
    document_url: str | None = None
