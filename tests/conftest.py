"""Fixtures shared by the test modules: the bundled sample Kota Jambi web, crawled once.

Crawling the sample web (55 sites, about 680 pages in session 8) and embedding it is the costliest
set-up in the suite. Five modules only read the result (end to end, the answer card, the
extraction truth table, the crawl report, the fleet's reference crawl), so the web is
served, crawled and indexed once per session here, as the demo does it
(``sikoja/demo/run.py``: default settings, no delay between requests), and handed to them
read-only. A test that must change the crawled data works on a copy
(``SampleCrawl.copy_to``; the places module crawls one more site into one).

Every test that uses the crawl (or the index built on it) is marked ``slow`` here, so
``-m "not slow"`` (the fast inner loop, see CONTRIBUTING.md) never crawls. Under
``pytest -n`` (pytest-xdist) the modules that use it run on one worker, so it is crawled
once per session there too.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawler.run import CrawlSummary, crawl
from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import Settings, load_settings
from sikoja.demo.server import SampleWeb, serve_sample_sites
from sikoja.sources import Source, load_sources
from tests.warmcrawl import WarmServer

# fixtures below that crawl or index the sample web (serving it takes a tenth of a second):
# a test using any of them is slow
CRAWLED_FIXTURES = {"sample_crawl", "sample_index", "sample_searcher"}


@dataclass(frozen=True)
class SampleCrawl:
    """One crawl of the running sample web into ``data_dir`` (read-only for tests)."""

    web: SampleWeb
    data_dir: Path
    settings: Settings
    sources: list[Source]
    summary: CrawlSummary

    def copy_to(self, folder: Path) -> Path:
        """A private copy of the data dir (documents and crawl state, not the index), for a
        test that crawls again or writes; the sample web keeps serving the same ports."""
        target = folder / "data"
        shutil.copytree(self.data_dir, target, ignore=shutil.ignore_patterns("index"))
        return target


# modules that use the crawl: ``pytest -n`` runs them on one worker, so the sample web is
# crawled once per session, not once per worker (checked against the fixtures at collection)
SAMPLE_CRAWL_MODULES = {
    "tests/test_answer_card.py",
    "tests/test_complaint_rules.py",
    "tests/test_crawl_fleet.py",
    "tests/test_crawl_sample_web.py",
    "tests/test_end_to_end.py",
    "tests/test_extraction_truth.py",
    "tests/test_places.py",
    "tests/test_sentence_queries.py",
    "tests/test_trouble_channels.py",
    "tests/test_trouble_desk.py",
    "tests/test_vector_ranks_past.py",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    unlisted = set()
    for item in items:
        if CRAWLED_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
            module = item.nodeid.split("::", 1)[0]
            if module.startswith("tests/") and module not in SAMPLE_CRAWL_MODULES:
                unlisted.add(module)
    if unlisted:
        raise pytest.UsageError(f"add {', '.join(sorted(unlisted))} to SAMPLE_CRAWL_MODULES "
                                "in tests/conftest.py")


# the work units that take longest, longest first: handed out before every other unit, so
# no worker is left running one of them alone at the end. xdist hands units out by their
# number of tests, which put the demo's module (4 tests, 30-40 s) and the live-server
# module (5 tests, 20-27 s) among the last: in session 9's first run one worker started
# the demo at 230 s of 280. Seconds of wall time on three workers at load 6 to 14 (session
# 9, round 2, the sum of the module's test times from --junitxml); the link walk of
# tests/test_sample_web.py (21 s before) took 7 s and left the list.
LONGEST_FIRST = (
    "sample-crawl",                         # 160 s: the crawl, index and their modules
    "tests/test_browser_firsthour.py",      # 84 s: `sikoja demo` crawls (embeds no more:
                                            # it waits for the sample index, session 11)
    "tests/test_api_live.py",               # 55 s: Schemathesis
    "tests/test_api.py",                    # 34 s
    "tests/test_crawl_process_faults.py",   # 29 s: kills and a full disk
    "tests/test_cli.py",                    # 27 s: `sikoja serve` and crawls
    "tests/test_index.py",                  # 26 s
    "tests/test_wordpress.py",              # 23 s: MariaDB, PHP and a crawl
    "tests/test_index_faults.py",           # 22 s
    "tests/test_crawl_template_meta.py",    # 21 s
    "tests/test_title_matrix.py",           # 20 s: 4,400 pages extracted
)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """``pytest -n 3 --dist loadfile`` (scripts/test.sh on two cores): each module runs on
    one worker, so its module fixtures are built once, the modules of the sample crawl run
    together, and the longest units go out first (``LONGEST_FIRST``)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class ModuleScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return "sample-crawl" if module in SAMPLE_CRAWL_MODULES else module

        def _assign_work_unit(self, node: object) -> None:
            first = next((unit for unit in LONGEST_FIRST if unit in self.workqueue), None)
            if first is not None:
                self.workqueue.move_to_end(first, last=False)
            super()._assign_work_unit(node)

    return ModuleScheduling(config, log)


@pytest.fixture(scope="session", autouse=True)
def warm_crawls() -> Iterator[None]:
    """Crawl processes are forked from a pre-warmed server (tests/warmcrawl.py): the same
    crawl process, without starting Python and importing Scrapy for each of them."""
    import crawler.run

    server = WarmServer()
    crawler.run.start_process = server.start_process
    try:
        yield
    finally:
        crawler.run.start_process = subprocess.Popen
        server.close()


class Gate:
    """Counts the responses the sample web has begun and, once ``limit`` is set, holds every
    response beyond it until the limit is raised or lifted: a crawl test can stop a crawl
    after so many pages, whatever the machine's speed (the fleet's kill lands mid-crawl)."""

    def __init__(self) -> None:
        self.served = 0
        self.waiting = 0
        self.limit: int | None = None
        self._cond = threading.Condition()

    def enter(self) -> None:
        with self._cond:
            self.waiting += 1
            self._cond.wait_for(lambda: self.limit is None or self.served < self.limit)
            self.waiting -= 1
            self.served += 1

    def hold_after(self, limit: int | None) -> None:
        """Let ``limit`` responses in all (None: no limit); raising it releases the held."""
        with self._cond:
            self.limit = limit
            self._cond.notify_all()


@pytest.fixture(scope="session")
def sample_web() -> Iterator[SampleWeb]:
    """The bundled sample sites on a free block of loopback ports, for the whole session;
    every response passes ``sample_gate`` (open unless a test sets a limit)."""
    from sikoja.demo import server

    gate, make_handler = Gate(), server._make_handler

    def gated(state: object) -> type:
        class Handler(make_handler(state)):  # type: ignore[misc, valid-type]
            def do_GET(self) -> None:  # noqa: N802 (http.server naming)
                gate.enter()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    super().do_GET()  # a held client may have been killed meanwhile

            def do_HEAD(self) -> None:  # noqa: N802
                gate.enter()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    super().do_HEAD()

        return Handler

    server._make_handler = gated  # the handlers are made as the sites are bound
    try:
        context = serve_sample_sites(0)
        web = context.__enter__()
    finally:
        server._make_handler = make_handler
    web.gate = gate  # type: ignore[attr-defined]
    try:
        yield web
    finally:
        gate.hold_after(None)
        context.__exit__(None, None, None)


@pytest.fixture(scope="session")
def sample_gate(sample_web: SampleWeb) -> Gate:
    return sample_web.gate  # type: ignore[attr-defined, no-any-return]


@pytest.fixture(scope="session")
def sample_crawl(sample_web: SampleWeb, tmp_path_factory: pytest.TempPathFactory
                 ) -> SampleCrawl:
    """The sample web crawled once, as the demo crawls it. Modules assert ``summary.ok``
    themselves, so a failed crawl fails their tests with the summary, not a set-up error."""
    data_dir = tmp_path_factory.mktemp("sample-crawl")
    # a worker waiting for the published embeddings waits only while one is on its way
    (run_folder(tmp_path_factory) / SAMPLE_EMBEDDINGS).with_suffix(".started").touch()
    sources = load_sources(sample_web.write_sources(data_dir / "sources.yaml"))
    settings = load_settings(data_dir)
    settings.crawl.delay = 0.0
    try:
        summary = crawl(sources, settings, data_dir, timeout=300)
    except BaseException:  # no sample index will follow: a worker waiting for it stops
        (run_folder(tmp_path_factory) / SAMPLE_EMBEDDINGS).with_suffix(".done").touch()
        raise
    return SampleCrawl(sample_web, data_dir, settings, sources, summary)


@pytest.fixture(scope="session")
def sample_index(sample_crawl: SampleCrawl, tmp_path_factory: pytest.TempPathFactory
                 ) -> Settings:
    """Settings of the sample crawl's data dir, indexed with the default embedder. Its
    embedding cache is then published for the other workers (``sample_embeddings``)."""
    published = run_folder(tmp_path_factory) / SAMPLE_EMBEDDINGS
    try:
        assert sample_crawl.summary.ok, str(sample_crawl.summary)
        build_index(sample_crawl.settings)
        copy_database(sample_crawl.data_dir / "embeddings.db", published)
    finally:  # a waiting worker stops waiting, with the cache or without it
        published.with_suffix(".done").touch()
    return sample_crawl.settings


SAMPLE_EMBEDDINGS = "sample-embeddings.db"


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this run that every xdist worker sees (the parent of their base temps)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of an SQLite file, appearing at ``target`` complete or not at all."""
    partial = target.with_suffix(".partial")
    with contextlib.closing(sqlite3.connect(source)) as src, \
            contextlib.closing(sqlite3.connect(partial)) as dst:
        src.backup(dst)
    partial.replace(target)


def sample_embeddings(request: pytest.FixtureRequest, timeout: float = 600,
                      grace: float = 10) -> Path | None:
    """The embedding cache of the session's sample index, for a test that indexes the same
    web again in a process of its own (the browser test's ``sikoja demo``): its vectors are
    keyed by the embedded text, so that index embeds only what differs (a port in a text)
    instead of the whole web again (about 8 s of CPU, issue #14). None when this run builds
    no sample index (a selection without its modules) or it failed; under xdist another
    worker builds it, and this one waits for it (the sample-crawl unit goes out first) while
    one has started it: if none has within ``grace`` seconds (this worker may hold every
    module that would build it, later), the demo embeds for itself rather than stall."""
    if not any("sample_index" in getattr(item, "fixturenames", ())
               for item in request.session.items):
        return None
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        request.getfixturevalue("sample_index")  # built here, once, as it would be later
    published = run_folder(request.getfixturevalue("tmp_path_factory")) / SAMPLE_EMBEDDINGS
    started, done = published.with_suffix(".started"), published.with_suffix(".done")
    now = time.monotonic()
    deadline, grace_end = now + timeout, now + grace
    while not done.exists() and time.monotonic() < deadline:
        if not started.exists() and time.monotonic() > grace_end:
            return None
        time.sleep(0.2)
    return published if published.is_file() else None


@pytest.fixture(scope="session")
def sample_searcher(sample_index: Settings) -> Iterator[Searcher]:
    searcher = Searcher(sample_index)
    yield searcher
    searcher.close()

