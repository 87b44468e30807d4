"""The application layer: the one place that knows the order of the work.

    sources --crawl--> documents --build_index--> index --open_searcher--> answers

The command line, the admin job runner (``search_api.jobs``) and the demo drive sikoja
through these functions and never call the packages' entry points themselves, so the order
(crawl before index; a crawl that stored nothing stops before indexing; an empty index
folder is "not built yet", not an error) is written once, here.

This module sits above ``crawler`` and ``indexer`` and below ``search_api``, the CLI and the
demo (see the layers in ``pyproject.toml``): nothing under it imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawler import merge as merging
from crawler import run as crawling
from crawler.merge import MergeSummary
from crawler.run import CrawlSummary
from indexer import build as indexing
from indexer.build import BuildSummary
from indexer.search import Searcher
from sikoja.config import Settings
from sikoja.errors import SikojaError
from sikoja.sources import Source

Progress = Callable[[str], None]


@dataclass
class PipelineRun:
    """What one pass of the pipeline did: the crawl's summary and the index's, if run."""

    crawl: CrawlSummary | None = None
    index: BuildSummary | None = None

    def __str__(self) -> str:
        return "; ".join(str(part) for part in (self.crawl, self.index) if part is not None)


def crawl(settings: Settings, sources: list[Source], *,
          progress: Progress | None = None) -> CrawlSummary:
    """Crawl ``sources`` into the data dir of ``settings``. Never raises for unreachable
    sites: :func:`crawl_problem` says whether the crawl is fit to index."""
    return crawling.crawl(sources, settings, settings.data_dir, progress=progress)


def crawl_problem(summary: CrawlSummary, *, shared: bool = False) -> str | None:
    """Why a crawl must stop the work here (the disk failed, or no page was stored), or
    None when what it stored can be indexed. A worker of a shared crawl (``shared``) that
    stored nothing without an error found the fleet had taken every page: not a problem."""
    if summary.storage_error:  # the disk, not the sites: stop, whatever was stored
        return summary.storage_error
    if not summary.ok and not (shared and summary.errors == 0):
        return "the crawl stored no pages: every source failed (see the summary)"
    return None


def merge_crawls(settings: Settings, workers: list[Path]) -> MergeSummary:
    """Collect the stores of a shared crawl's workers into the data dir of ``settings``,
    before indexing (``crawler.merge``)."""
    return merging.merge_stores(settings.data_dir, workers)


def build_index(settings: Settings, *, full: bool = False,
                progress: Progress | None = None) -> BuildSummary:
    """Analyse and embed the crawled documents into a new index version, swapped in
    atomically; only changed documents are reprocessed unless ``full``."""
    return indexing.build_index(settings, progress, full=full)


def crawl_and_index(settings: Settings, sources: list[Source], *, reindex: bool = True,
                    full: bool = False, strict: bool = True,
                    progress: Progress | None = None,
                    report: Callable[[CrawlSummary | BuildSummary], None] | None = None,
                    ) -> PipelineRun:
    """Crawl, then (with ``reindex``) index what was crawled.

    ``report`` receives each stage's summary as soon as it is done. With ``strict``, a
    crawl that stored nothing (or hit a disk error) raises :class:`SikojaError` before
    indexing; without it, the index is rebuilt from what the store holds, as the admin's
    "crawl" job always did.
    """
    run = PipelineRun(crawl=crawl(settings, sources, progress=progress))
    if report is not None:
        report(run.crawl)
    problem = crawl_problem(run.crawl)
    if strict and problem:
        raise SikojaError(problem)
    if reindex:
        run.index = build_index(settings, full=full, progress=progress)
        if report is not None:
            report(run.index)
    return run


def open_built_searcher(settings: Settings) -> tuple[Searcher, dict[str, Any]] | None:
    """A searcher over the index and its info, or None (closed again) when no index was
    built yet: an embedded index folder without a version. A cluster backend answers for
    itself. The CLI and the API word the "no index" case each for their reader."""
    searcher = Searcher(settings)
    info = searcher.info()
    if info.get("version") is None and settings.backend == "embedded":
        searcher.close()
        return None
    return searcher, info


def open_searcher(settings: Settings) -> Searcher:
    """A searcher over the built index of ``settings``; the caller closes it. Raises
    :class:`SikojaError` saying how to build one when there is none."""
    data_dir = settings.data_dir
    if not data_dir.is_dir():
        raise SikojaError(f"data dir not found: {data_dir}")
    opened = open_built_searcher(settings)
    if opened is None:
        raise SikojaError(f"no index in {data_dir}: run 'sikoja index --data-dir {data_dir}'")
    return opened[0]
