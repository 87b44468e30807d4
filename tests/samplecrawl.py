"""Some sites of a sample web crawled alone, as the demo serves them (the SPA tests' fixture)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from crawler.run import crawl
from sikoja.config import load_settings
from sikoja.demo.server import SITES_ROOT, render_sources, serve_sample_sites
from sikoja.sources import load_sources
from sikoja.store import DocumentStore


def crawl_sites(out: Path, names: tuple[str, ...], root: Path = SITES_ROOT
                ) -> tuple[dict[str, dict], list[dict]]:
    """The sites ``names`` of the web at ``root`` crawled into ``out``: ({path: document}
    per site, the fetch log's rows)."""
    with serve_sample_sites(0, root=root) as web:
        sites = [s for s in web.sites if s.name in names]
        (out / "sources.yaml").write_text(render_sources(web.urls, sites, catalog_site=None),
                                          encoding="utf-8")
        settings = load_settings(out)
        settings.crawl.delay = 0
        summary = crawl(load_sources(out / "sources.yaml"), settings, out, timeout=120)
        assert summary.ok, str(summary)
        store = DocumentStore.open(out)
        docs: dict[str, dict] = {}
        for doc in store.iter_documents():
            docs.setdefault(doc.source, {})["/" + doc.url.split("/", 3)[3]] = doc
        log = [dict(r) for r in store.query("SELECT source, url, outcome, reason FROM fetch_log")]
        store.close()
    return docs, log


@contextmanager
def indexed(out: Path, **options: Any) -> Iterator[Any]:
    """The crawl in ``out`` indexed without embeddings and searched (a ``Searcher`` made
    with ``options``), closed after."""
    from indexer.build import build_index
    from indexer.search import Searcher

    settings = load_settings(out, embedder="none")
    build_index(settings)
    searcher = Searcher(settings, **options)
    try:
        yield searcher
    finally:
        searcher.close()
