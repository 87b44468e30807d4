"""The document model shared by the crawler (which writes it) and the indexer (which reads it).

A document is one thing a citizen can be sent to: a page of an OPD website, a PDF linked
from one, or an app from an app catalog. ``url`` is always the canonical URL the content
was served from (after redirects), or the app's own URL for catalog entries.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

# What a document is to a citizen; the ranking prefers services and apps over news.
KINDS = ("service", "app", "document", "news", "page")

# Structured parts of an app catalog entry.
APP_FIELDS = ("platform", "status", "description")


@dataclass
class Document:
    url: str
    source: str
    opd: str
    kind: str
    title: str
    text: str
    headings: list[str] = field(default_factory=list)
    breadcrumbs: list[str] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    lang: str = "id"
    last_modified: str | None = None
    fetched_at: str | None = None
    parent_url: str | None = None  # for PDFs: the page that links them
    group_id: str | None = None  # near-duplicate group (same service on two sites)

    def content_hash(self) -> str:
        """Hash of everything the index uses; unchanged hash means nothing to re-index."""
        payload = json.dumps(
            [self.title, self.text, self.headings, self.breadcrumbs, self.fields, self.kind,
             self.opd],
            ensure_ascii=False,
            sort_keys=True,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def index_key(self) -> str:
        """What decides whether the index must redo this document: its content and its
        near-duplicate group (the crawler sets groups after the crawl, outside content)."""
        return index_key(self.content_hash(), self.group_id)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


def index_key(content_hash: str, group_id: str | None) -> str:
    return f"{content_hash}:{group_id or ''}"
