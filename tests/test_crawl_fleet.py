"""A crawl shared by three workers through Redis (``crawl.frontier``, docs/scaling.md).

A Debian ``redis-server`` is started on loopback (skipped, saying why, where it or
scrapy-redis is missing). The bundled sample web is crawled once by one process (the
session's sample crawl, tests/conftest.py); three workers crawl a fixed, named part of it
(``FLEET_SOURCES``) and after ``crawl-merge`` their documents are the single crawl's
documents of those sources, none lost and none twice, and none disallowed by its site's
robots.txt. What the fleet shares is hosts, robots.txt, seen URLs and leases, so the part
holds every kind of each, not every template family: a site whose robots.txt disallows a
path, the app catalog with every site its apps' pages live on (the catalog and the site
store the same URL, and the catalog says it is an app), pages whose URLs come from JSON, a
page's embedded data or a PDF's parent, query-string URLs. About 150 pages: the crawl
does not grow with the sample web (session 7 crawled the first site of every family, 33
sources, 70% of the web: 28 s of CPU for this module, now about a third of it).
Then a worker is killed with ``kill -9`` mid-crawl: the others take its in-flight URLs back
and the merged result is still the single crawl's. The kill lands mid-crawl by pages
served, not by time: the sample web holds every response after a count until the worker
is killed (``sample_gate``). The pages a worker pops while its robots.txt of their host
still loads obey it. Last, two workers on one host keep that host's delay between them,
not each.
"""

from __future__ import annotations

import http.server
import re
import signal
import threading
import time
import urllib.robotparser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.fleet import KEY_PREFIX
from crawler.merge import merge_stores
from crawler.run import CrawlJob, CrawlSummary
from sikoja.config import Settings
from sikoja.demo.server import APP_CATALOG_SOURCE, SampleWeb
from sikoja.errors import SikojaError
from sikoja.sources import Source
from sikoja.store import DocumentStore
from tests.conftest import Gate
from tests.redisserver import missing, redis_server
from tests.robotssite import PAGES, RobotsSite, robots_site

pytestmark = [pytest.mark.skipif(missing() is not None, reason=missing() or ""),
              pytest.mark.slow]  # redis-server and real crawls by several workers


def settings_for(frontier: str | None, *, delay: float = 0.0, concurrency: int = 4,
                 lease: float = 15.0) -> Settings:
    settings = Settings()
    settings.crawl.delay = delay
    settings.crawl.concurrency_per_host = concurrency
    settings.crawl.frontier = frontier
    settings.crawl.lease_seconds = lease
    return settings


def run_fleet(sources: list[Source], settings: Settings, dirs: list[Path], *,
              kill_after: int | None = None, gate: Gate | None = None,
              pages: int = 0, killed: list[int] | None = None) -> list[CrawlSummary]:
    """Start one worker per dir at once; with ``kill_after``, ``kill -9`` the crawl process
    of the first worker whose store holds that many pages (its index goes into ``killed``):
    the worker that started last may find the others have taken every page the gate lets
    through. ``gate`` (the sample web's) holds every response after two thirds of the
    ``pages`` the crawl needs, so the kill lands mid-crawl however fast or slow the
    machine: the crawl cannot end before."""
    threads: list[threading.Thread] = []
    if kill_after is not None:
        assert gate is not None and pages > 0
        first = gate.served
        gate.hold_after(first + pages * 2 // 3)
    try:  # the gate is lifted whatever fails, a worker's start too: else later tests hang
        jobs = [CrawlJob(sources, settings, d).start() for d in dirs]
        summaries: list[CrawlSummary | None] = [None] * len(jobs)

        def wait(i: int) -> None:
            summaries[i] = jobs[i].wait(timeout=300)

        threads = [threading.Thread(target=wait, args=(i,)) for i in range(len(jobs))]
        for thread in threads:
            thread.start()
        if kill_after is not None:
            held_since: float | None = None
            while (victim := next((i for i, d in enumerate(dirs) if len(
                    stored_urls(d, quiet=True)) >= kill_after), None)) is None:
                if gate.waiting and gate.served == gate.limit:  # all it lets through fetched
                    held_since = held_since or time.monotonic()
                    assert time.monotonic() - held_since < 20, \
                        f"no worker stored {kill_after} of {gate.served - first} pages"
                time.sleep(0.05)
            jobs[victim].proc.send_signal(signal.SIGKILL)  # type: ignore[union-attr]
            jobs[victim].proc.wait()  # type: ignore[union-attr]
            if killed is not None:
                killed.append(victim)
    finally:
        if gate is not None:
            gate.hold_after(None)
    for thread in threads:
        thread.join()
    return [s for s in summaries if s is not None]


def stored_urls(data_dir: Path, *, quiet: bool = False) -> set[str]:
    if quiet and not (data_dir / "documents.db").exists():
        return set()
    store = DocumentStore.open(data_dir)
    try:
        return {r["url"] for r in store.query("SELECT url FROM documents WHERE status = 'live'")}
    finally:
        store.close()


def disallowed(data_dirs: list[Path], sources: list[Source]) -> list[str]:
    """Every stored URL of the sources' sites that the site's served robots.txt
    disallows, as ``urllib.robotparser`` reads it (a 404 robots.txt allows all)."""
    agent = Settings().crawl.user_agent
    parsers: dict[str, urllib.robotparser.RobotFileParser] = {}
    for source in sources:
        for url in source.start_urls:
            parts = urlsplit(url)
            parsers[parts.netloc] = urllib.robotparser.RobotFileParser(
                f"{parts.scheme}://{parts.netloc}/robots.txt")
    for parser in parsers.values():
        parser.read()
    return sorted(url for d in data_dirs for url in stored_urls(d)
                  if urlsplit(url).netloc in parsers
                  and not parsers[urlsplit(url).netloc].can_fetch(agent, url))


def kinds(data_dir: Path, sources: set[str] | None = None) -> dict[str, str]:
    """url -> kind of every stored document (of ``sources`` only, when given)."""
    store = DocumentStore.open(data_dir)
    try:
        return {d.url: d.kind for d in store.iter_documents()
                if sources is None or d.source in sources}
    finally:
        store.close()


# the part the fleet crawls, and what each brings that the fleet must share or hand over
FLEET_SOURCES = {
    "dpmptsp": "robots.txt disallows /cari/: the robots.txt race between workers (#15)",
    "kel-pakuanbaru": "OpenSID, robots.txt disallows paths too, and 35 pages of one host",
    APP_CATALOG_SOURCE: "the app catalog: its apps' pages are pages of the sites below",
    "diskominfo": "the catalog's host, its apps under /aplikasi/",
    "dinsos": "an app page at index.php?page=dtks (a query-string URL)",
    "dinkes": "WordPress ?page_id= URLs, one of them an app page",
    "dpmppa": "WordPress ?page_id= URLs, one of them an app page",
    "sipeda": "a paginated JSON list read to its last page, and an app page",
    "sehat-bahagia": "Laravel Inertia: URLs named by a page's data and its route list",
    "diskop": "services only in PDFs: documents with a parent page",
}


def fleet_part(web: SampleWeb, sources: list[Source], single: Path) -> list[Source]:
    """The sources of ``FLEET_SOURCES``; fails when one is missing from the sample web, or
    when a site the catalog's apps live on (as the single crawl ``single`` stored them) is
    not among them."""
    part = [s for s in sources if s.name in FLEET_SOURCES]
    assert {s.name for s in part} == set(FLEET_SOURCES), "a fleet source left the sample web"
    store = DocumentStore.open(single)
    try:
        apps = {urlsplit(r["url"]).netloc for r in store.query("SELECT url FROM catalog_entries")}
    finally:
        store.close()
    app_sites = {name for name, url in web.urls.items() if urlsplit(url).netloc in apps}
    assert app_sites <= set(FLEET_SOURCES), f"add {app_sites - set(FLEET_SOURCES)}"
    return part


@pytest.fixture(scope="module")
def web(sample_crawl, tmp_path_factory: pytest.TempPathFactory):
    """The session's crawl of the sample web by one process (tests/conftest.py) is what the
    fleet must store; its data dir is only read here."""
    single = sample_crawl.summary
    # the sample web's deliberately broken files (test_crawl_sample_web's first-crawl errors:
    # a dead Perda link, a cut-off .docx, a broken old .doc, a cut-off .xls)
    assert single.ok and single.errors <= 4, single
    assert not disallowed([sample_crawl.data_dir], sample_crawl.sources)
    sources = fleet_part(sample_crawl.web, sample_crawl.sources, sample_crawl.data_dir)
    root = tmp_path_factory.mktemp("fleet")
    with redis_server() as frontier:
        yield root, frontier, sources, kinds(sample_crawl.data_dir, {s.name for s in sources})


def test_three_workers_store_what_one_process_stores(web):
    root, frontier, sources, expected = web
    assert len(expected) >= 120
    dirs = [root / f"worker{i}" for i in range(3)]
    summaries = run_fleet(sources, settings_for(frontier), dirs)
    assert all(s.returncode == 0 and not s.error for s in summaries), summaries
    per_worker = [stored_urls(d) for d in dirs]
    assert all(len(urls) >= 20 for urls in per_worker), [len(u) for u in per_worker]
    # a worker that joined while a host's robots.txt loaded stored DPMPTSP's /cari/ (#15)
    assert disallowed(dirs, sources) == []

    merged = merge_stores(root / "main", dirs)
    assert kinds(root / "main") == expected  # same URLs, same kinds: 0 lost, 0 extra
    assert merged.total == len(expected)
    again = merge_stores(root / "main", dirs)  # idempotent: nothing new the second time
    assert (again.crawls, again.pages, again.total) == (0, 0, merged.total)
    # each worker's crawls are known as a fleet's, in the merged store too: one that the
    # other workers left no page is a success (sikoja.store), and the site health of the
    # merged crawl has a last success for every source
    store = DocumentStore.open(root / "main")
    try:
        assert [r["fleet"] for r in store.query("SELECT fleet FROM crawls")] == [1] * (
            len(dirs) * len(sources))
        assert all(store.last_successful_crawl(s.name) for s in sources)
    finally:
        store.close()


def test_a_worker_that_fails_to_start_leaves_the_web_ungated(tmp_path):
    gate = Gate()
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("")  # a data dir that cannot be made: the worker's start fails
    sources = [Source(name="s", opd="o", kind="website", start_urls=["http://127.0.0.1:9/"])]
    with pytest.raises((OSError, SikojaError)):
        run_fleet(sources, settings_for(None), [not_a_dir], kill_after=1, gate=gate, pages=3)
    assert gate.limit is None  # a later crawl of the sample web is not held


def test_a_worker_killed_mid_crawl_loses_nothing(web, sample_gate):
    root, frontier, sources, expected = web
    dirs = [root / f"killed{i}" for i in range(3)]
    # a short lease: the killed worker's in-flight URLs come back 2.5 s after its last beat
    settings = settings_for(frontier, concurrency=4, lease=2.5)
    victim: list[int] = []
    summaries = run_fleet(sources, settings, dirs, kill_after=5, gate=sample_gate,
                          pages=len(expected), killed=victim)
    assert summaries[victim[0]].returncode == -signal.SIGKILL
    assert all(s.returncode == 0 for i, s in enumerate(summaries) if i != victim[0]), summaries
    killed = stored_urls(dirs[victim[0]])
    assert 5 <= len(killed) < len(expected)
    merge_stores(root / "main-killed", dirs)
    assert kinds(root / "main-killed") == expected
    assert disallowed(dirs, sources) == []  # the requeued leases obeyed robots.txt too


def test_pages_a_worker_pops_before_its_robots_txt_loads_obey_it(web, tmp_path):
    """A worker pops up to the host's concurrency of pages at once, all waiting on its
    robots.txt (0.5 s here): every one of them obeys it, not only the first (#15)."""
    _, frontier, _, _ = web
    dirs = [tmp_path / f"w{i}" for i in range(3)]
    with robots_site(delay=0.5) as base:
        source = Source(name="robots-lambat", opd="Dinas Uji", use_sitemap=False,
                        start_urls=[base + p for p in PAGES])
        summaries = run_fleet([source], settings_for(frontier), dirs)
        assert all(s.returncode == 0 and not s.error for s in summaries), summaries
        assert disallowed(dirs, [source]) == []
    assert not [p for p in RobotsSite.hits if p.startswith("/private/")], RobotsSite.hits
    assert sum(len(stored_urls(d)) for d in dirs) == 2  # "/" and "/buka.html", once each


class _Site(http.server.BaseHTTPRequestHandler):
    hits: list[tuple[float, str]] = []

    def do_GET(self) -> None:  # noqa: N802
        self.hits.append((time.time(), self.path))  # the clock Redis's TIME reads
        match = re.fullmatch(r"/(?:p(\d+)\.html)?", self.path)
        if match is None:
            self.send_response(404)
            self.end_headers()
            return
        n = int(match.group(1) or 0)
        links = "".join(f'<li><a href="/p{m}.html">Halaman {m}</a></li>'
                        for m in range(n + 1, min(n + 4, 16)))
        body = (f"<html><head><title>Halaman {n}</title></head><body><main><h1>Halaman "
                f"{n}</h1><p>Informasi layanan publik nomor {n} untuk warga kota.</p>"
                f"<ul>{links}</ul></main></body></html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class TokenGrants:
    """When Redis granted a host's delay token (``crawler.fleet.politeness``), on Redis's own
    clock, read from ``MONITOR``: the grants are what the fleet spaces by the delay. A
    request reaches the host some time after its grant (sending it, the server stamping its
    arrival): 2-3 ms on an idle machine, 6-12 ms for a worker's first request (its
    robots.txt, on a cold connection). At load 7 the first two arrivals were once 0.13 s
    apart with a 0.3 s delay (the first, a robots.txt, about 0.17 s after its grant): the
    arrivals alone cannot show the spacing, the grants can, to the millisecond."""

    def __init__(self, url: str, key: str) -> None:
        import redis

        self.key, self.times = key, []
        self._client = redis.Redis.from_url(url)
        self._monitor = self._client.monitor().__enter__()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        while (command := self._monitor.next_command())["command"] != "ECHO tokens-done":
            words = command["command"].split()
            if words[:2] == ["SET", self.key]:
                self.times.append(command["time"])

    def close(self) -> list[float]:
        self._client.echo("tokens-done")
        self._thread.join(timeout=10)
        self._monitor.__exit__()
        self._client.close()
        return sorted(self.times)


def test_two_workers_keep_one_hosts_delay_between_them(web, tmp_path):
    root, frontier, _, _ = web
    _Site.hits.clear()  # a class attribute: a rerun in one process starts afresh
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = f"127.0.0.1:{server.server_address[1]}"
    grants = TokenGrants(frontier, f"{KEY_PREFIX}:host:{host}:next")
    try:
        source = Source(name="satu-host", opd="Dinas Uji", start_urls=[f"http://{host}/"],
                        use_sitemap=False)
        delay = 0.3
        dirs = [tmp_path / "a", tmp_path / "b"]
        summaries = run_fleet([source], settings_for(frontier, delay=delay, concurrency=1),
                              dirs)
    finally:
        server.shutdown()
        tokens = grants.close()
    assert sum(s.pages for s in summaries) == 16
    assert all(stored_urls(d) for d in dirs), "both workers fetched pages of the host"
    arrivals = sorted(t for t, _ in _Site.hits)
    # every request, each worker's robots.txt included, took the host's token: as many
    # grants as requests, the grants the delay apart (Redis's clock, whole milliseconds),
    # and no request reached the host before its grant (the k-th after the k-th)
    assert len(arrivals) >= 17 and len(tokens) == len(arrivals), (tokens, _Site.hits)
    token_gaps = [b - a for a, b in zip(tokens, tokens[1:], strict=False)]
    assert min(token_gaps) >= delay - 0.001, token_gaps
    assert all(a >= t - 0.001 for a, t in zip(arrivals, tokens, strict=True)), (
        [round(a - t, 3) for a, t in zip(arrivals, tokens, strict=True)])
    # and the host sees the delay: on average at least it between arrivals
    gaps = [b - a for a, b in zip(arrivals, arrivals[1:], strict=False)]
    assert sum(gaps) / len(gaps) >= delay - 0.01, gaps
