"""A served site crawled twice: what the first crawl stored and what the second rewrote.

Tests of a crawl-close step (template lines, a label's verdict) check both: the step gives
the stored documents at the first crawl, and an unchanged site re-extracts to the same
texts on the next, so nothing is rewritten."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from crawler.run import crawl
from sikoja.config import Settings
from sikoja.documents import Document
from sikoja.sources import Source
from sikoja.store import DocumentStore
from tests.faultserver import Page, PageSite


def snapshot(data_dir: Path) -> dict[str, tuple]:
    """{url: (content hash, updated at)} of the live documents."""
    store = DocumentStore.open(data_dir)
    try:
        rows = store.query("SELECT url, content_hash, updated_at FROM documents "
                           "WHERE status = 'live'")
        return {r["url"]: (r["content_hash"], r["updated_at"]) for r in rows}
    finally:
        store.close()


@contextmanager
def crawled_twice(pages: dict[str, Page], name: str, data_dir: Path) -> Iterator[
        tuple[PageSite, dict[str, Document], dict[str, tuple], dict[str, tuple]]]:
    """(site, {url: document} after the first crawl, snapshot after it, snapshot after the
    second) of ``pages`` served as source ``name`` of Kelurahan Uji, the site still up."""
    settings = Settings()
    settings.crawl.delay, settings.crawl.retries = 0, 0
    with PageSite(pages) as site:
        source = Source(name=name, opd="Kelurahan Uji", use_sitemap=False,
                        start_urls=[site.url("/")])
        assert crawl([source], settings, data_dir, timeout=120).ok
        store = DocumentStore.open(data_dir)
        first = {d.url: d for d in store.iter_documents()}
        store.close()
        before = snapshot(data_dir)
        assert crawl([source], settings, data_dir, timeout=120).ok
        yield site, first, before, snapshot(data_dir)
