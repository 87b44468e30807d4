"""Entry point of a crawl: ``crawl(sources, settings, data_dir, progress)``.

Scrapy runs in a child process (``python -m crawler.child``) because its reactor can run
once per process, and the CLI, the tests and the admin "trigger crawl" endpoint all need to
crawl more than once. The child writes straight into the document store; the parent relays
its progress lines, enforces an optional time limit (SIGTERM first, so the frontier is saved
for the next run, then SIGKILL), and afterwards builds the summary from the store's fetch
log, which stays true even if the child died. Then near-duplicates are grouped.

A source that cannot be reached shows up as errors in the summary, never as an exception:
``summary.ok`` (at least one page stored or revalidated) is what a caller checks. A failing
disk is different: the crawl stops at once and ``summary.storage_error`` says why
(``crawler.storage``); the CLI exits non-zero with that line.

One crawl per data dir: ``crawl-state/crawl.lock`` is flocked by the parent and inherited by
the child, so it is held while either lives. The child dies with its parent
(``crawler.child``). Whatever a killed crawl left behind (its job file, crawls rows still
"running") is cleaned up by the next crawl once it holds the lock: no crawl process of
that data dir can be alive then.
"""

from __future__ import annotations

import fcntl
import json
import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.child import PARENT_ENV
from crawler.identity import REREAD_NOTE, crawler_identity
from crawler.items import CATALOG
from crawler.progress import format_progress
from crawler.storage import storage_message, storage_problem
from sikoja.config import Settings
from sikoja.errors import SikojaError
from sikoja.sources import Source, share_hosts
from sikoja.store import DocumentStore

if TYPE_CHECKING:
    from crawler.extract.ocr import OcrCounts

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# what a source's line of the summary reads of its crawl, before and after closing it
_CRAWL_ROW = "SELECT state, started_at, finished_at, reread FROM crawls WHERE id = ?"

# what starts the crawl process: ``subprocess.Popen``, or a stand-in with its interface
# (pid, stdin, stdout, poll, wait, send_signal, kill) that starts the same command sooner;
# the test suite starts its crawls from a pre-warmed fork server (tests/warmcrawl.py)
start_process: Callable[..., Any] = subprocess.Popen


@dataclass
class SourceSummary:
    source: str
    kind: str
    state: str  # done | partial (page cap reached) | interrupted | failed
    stored: int = 0  # new documents
    changed: int = 0
    unchanged: int = 0
    gone: int = 0
    errors: int = 0
    skipped: int = 0  # robots, offsite, ... and the catalog-described pages below
    elapsed: float = 0.0
    catalog: int = 0  # an app's own page the app catalog describes: fetched, not compared
    reread: bool = False  # read again in full, unconditionally: the crawler changed

    @property
    def pages(self) -> int:
        return self.stored + self.changed + self.unchanged


@dataclass
class CrawlSummary:
    sources: list[SourceSummary] = field(default_factory=list)
    elapsed: float = 0.0
    groups: int = 0  # near-duplicate groups found after the crawl
    returncode: int | None = 0
    crawl_seconds: float | None = None  # the crawl process's own time (no start-up, no dedup)
    peak_rss_mb: float | None = None  # peak resident memory of the crawl process
    cpu_seconds: float | None = None  # CPU time the crawl process used
    error: str | None = None  # why the crawl process failed, if it did (see crawl.log)
    storage_error: str | None = None  # the disk failed: the crawl stopped (crawler.storage)
    ocr: OcrCounts | None = None  # scanned PDF pages read by OCR (crawler.extract.ocr)

    @property
    def ok(self) -> bool:
        """At least one page stored or revalidated: the CLI's success criterion."""
        return any(s.pages > 0 for s in self.sources)

    @property
    def pages(self) -> int:
        return sum(s.pages for s in self.sources)

    @property
    def errors(self) -> int:
        return sum(s.errors for s in self.sources)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        return data

    def __str__(self) -> str:
        """The table ``sikoja crawl`` prints, in Indonesian as the site health is
        (``crawler.reports``): an Indonesian noun takes no plural, "1 halaman", "3 halaman"."""
        from crawler.extract.ocr import ocr_lines
        from crawler.reports import STATE_LABELS  # imported when printed: it loads crawler.dedup

        states = [STATE_LABELS.get(s.state, s.state) for s in self.sources]
        wide = max([len("keadaan"), *map(len, states)])  # "sebagian (batas ...)" fits
        head = (f"{'sumber':<24} {'keadaan':<{wide}} {'baru':>6} {'berubah':>7} {'sama':>6} "
                f"{'hilang':>6} {'galat':>6} {'dilewati':>8} {'detik':>7}")
        lines = [head, "-" * len(head)]
        for s, state in zip(self.sources, states, strict=True):
            lines.append(
                f"{s.source[:24]:<24} {state:<{wide}} {s.stored:>6} {s.changed:>7} "
                f"{s.unchanged:>6} {s.gone:>6} {s.errors:>6} {s.skipped:>8} {s.elapsed:>7.1f}"
            )
        rate = self.pages / self.elapsed if self.elapsed > 0 else 0.0
        lines += [f"{s.source}: {REREAD_NOTE}" for s in self.sources if s.reread]
        lines += ocr_lines(self.ocr)
        if self.storage_error:
            lines.append(f"crawl berhenti: {self.storage_error}")
        elif self.error:
            lines.append(f"proses crawl gagal: {self.error}")
        lines.append(
            f"{len(self.sources)} sumber, {self.pages} halaman, {self.errors} galat dalam "
            f"{self.elapsed:.1f} detik ({rate:.1f} halaman/detik); "
            f"{self.groups} kelompok salinan"
        )
        return "\n".join(lines)


class CrawlJob:
    """One crawl in a child process; ``crawl()`` is ``CrawlJob(...).start().wait()``.

    Kept separate so a server can start a crawl and poll it, and tests can interrupt one.
    """

    def __init__(self, sources: list[Source], settings: Settings, data_dir: Path, *,
                 overrides: dict[str, Any] | None = None) -> None:
        # sources sharing a site split it by path (sikoja.sources.share_hosts)
        self.sources = share_hosts(list(sources))
        self.settings = settings
        self.data_dir = Path(data_dir)
        self.overrides = overrides or {}
        self.crawl_ids: dict[str, int] = {}
        self.proc: subprocess.Popen[str] | None = None
        self.started = 0.0
        self._lines: queue.Queue[str | None] = queue.Queue()
        self.last_snapshot: dict[str, Any] | None = None
        self._lock: Any = None
        self.storage_error: str | None = None

    @property
    def state_dir(self) -> Path:
        return self.data_dir / "crawl-state"

    def start(self) -> CrawlJob:
        """Start the child; SikojaError if another crawl of this data dir is running."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        # one crawl per data dir: two would share (and corrupt) the saved frontiers
        self._lock = open(self.state_dir / "crawl.lock", "a+", encoding="utf-8")  # noqa: SIM115
        if not _try_lock(self._lock):
            self._lock.seek(0)
            holder = self._lock.read().strip() or "another process"
            self._lock.close()
            self._lock = None
            raise SikojaError(f"a crawl of {self.data_dir} is already running ({holder})") from None
        self._hold(f"pid {os.getpid()}")
        try:
            self._clean_stale()
            self._spawn()
        except BaseException as exc:
            self._release()
            problem = storage_problem(exc)
            if problem is not None:
                raise SikojaError(storage_message(self.data_dir, problem)) from None
            raise
        self._hold(f"pid {os.getpid()}, crawl process {self.pid}")
        return self

    def _hold(self, holder: str) -> None:
        """Say who holds the lock (shown to a second crawl); a full disk may refuse it."""
        try:
            self._lock.seek(0)
            self._lock.truncate()
            self._lock.write(holder)
            self._lock.flush()
        except OSError:
            pass

    def _clean_stale(self) -> None:
        """What a crawl killed outright left: job files, and crawls still "running" (they
        become "interrupted", with the pages and errors their fetch log shows)."""
        for stale in self.state_dir.glob("job-*.json"):
            stale.unlink(missing_ok=True)
        store = DocumentStore.open(self.data_dir)
        try:
            store.interrupt_running_crawls()
        finally:
            store.close()

    def _spawn(self) -> None:
        # a source whose pages another crawler read is read again in full (crawler.identity);
        # the decision is made here, from this data dir's store, and passed in each
        # source's start: every worker of a fleet reads it from its own job
        identity = crawler_identity()
        # a worker of a shared crawl: a crawl of it that took no page may still have read
        # its site (the other workers took the pages), as the store's success rule knows
        fleet = bool(self.settings.crawl.frontier)
        reread: list[str] = []
        read_since: dict[str, float] = {}  # pages fetched before then: read in full too
        store = DocumentStore.open(self.data_dir)
        try:
            for source in self.sources:
                again = source.kind != "app-catalog" and store.needs_reread(source.name,
                                                                            identity)
                since = None if again else store.read_since(source.name, identity)
                self.crawl_ids[source.name] = store.start_crawl(
                    source.name, crawler=identity, reread=again, fleet=fleet)
                if again:
                    reread.append(source.name)
                elif since is not None:
                    read_since[source.name] = since
        finally:
            store.close()
        job = {
            "sources": [s.model_dump() for s in self.sources],
            # every site of the sources file (those crawled and those left out): another
            # source's is no app's API (crawler.child); origins, a host alone any port
            "hosts": sorted({h for s in self.sources for h in [*s.sites, *s.foreign_sites]}),
            "crawl": self.settings.crawl.model_dump(),
            "data_dir": str(self.data_dir.resolve()),
            "crawl_ids": self.crawl_ids,
            "reread": reread,
            "read_since": read_since,
            "overrides": self.overrides,
        }
        from crawler.extract.ocr import forget_counts

        forget_counts(self.data_dir)  # an earlier crawl's OCR counts are not this one's
        first_id = min(self.crawl_ids.values(), default=0)
        job_path = self.state_dir / f"job-{os.getpid()}-{first_id}.json"
        job_path.write_text(json.dumps(job), encoding="utf-8")
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            [str(PROJECT_ROOT), *filter(None, [env.get("PYTHONPATH")])]
        )
        # the kernel's parent-death signal follows the thread that forks: only from the
        # main thread does it mean "the parent process died" (crawler.child)
        main = threading.current_thread() is threading.main_thread()
        env[PARENT_ENV] = f"{os.getpid()}{':pdeathsig' if main else ''}"
        log = open(self.state_dir / "crawl.log", "w", encoding="utf-8")  # noqa: SIM115
        self.started = time.monotonic()
        self._job_path = job_path
        try:
            # stdin: a pipe never written to; its end of file tells the child we are gone.
            # pass_fds: the child holds the data dir's lock as long as it lives
            self.proc = start_process(
                [sys.executable, "-m", "crawler.child", str(job_path)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True,
                env=env, start_new_session=True, pass_fds=(self._lock.fileno(),),
            )
        except BaseException:
            job_path.unlink(missing_ok=True)
            raise
        finally:
            log.close()
        threading.Thread(target=self._read, daemon=True).start()

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def _read(self) -> None:
        assert self.proc and self.proc.stdout
        for line in self.proc.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def terminate(self) -> None:
        """Graceful stop: Scrapy finishes in-flight requests and saves the frontier."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()

    def wait(self, progress: Callable[[str], None] | None = None, *,
             timeout: float | None = None, grace: float = 15.0) -> CrawlSummary:
        assert self.proc is not None, "start() first"
        deadline = self.started + timeout if timeout else None
        terminated_at: float | None = None
        eof = False
        while not eof:
            try:
                line = self._lines.get(timeout=0.5)
            except queue.Empty:
                line = ""
            except KeyboardInterrupt:
                # Ctrl-C reaches this process only (the child has its own session): stop
                # the crawl gracefully and summarise; a second Ctrl-C kills it
                line = ""
                if terminated_at is not None:
                    self.kill()
                self.terminate()
                terminated_at = terminated_at or time.monotonic()
            if line is None:
                eof = True
            elif line:
                self._relay(line, progress)
            now = time.monotonic()
            if deadline and now > deadline and terminated_at is None:
                self.terminate()
                terminated_at = now
            if terminated_at is not None and now > terminated_at + grace:
                self.kill()
        returncode = self.proc.wait()
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self._job_path.unlink(missing_ok=True)
        summary = self.finish(returncode)
        if self.storage_error:
            summary.storage_error = summary.error = storage_message(self.data_dir,
                                                                    self.storage_error)
        elif returncode not in (0, -signal.SIGTERM, -signal.SIGKILL):
            summary.error = self._last_log_line() or f"exit status {returncode}"
        if self.last_snapshot and self.last_snapshot.get("type") == "done":
            summary.crawl_seconds = self.last_snapshot.get("elapsed")
            summary.peak_rss_mb = self.last_snapshot.get("peak_rss_mb")
            summary.cpu_seconds = self.last_snapshot.get("cpu_seconds")
        return summary

    def _last_log_line(self) -> str | None:
        log = self.state_dir / "crawl.log"
        if not log.exists():
            return None
        lines = [line.strip() for line in log.read_text(encoding="utf-8",
                                                         errors="replace").splitlines()]
        last = next((line for line in reversed(lines) if line), None)
        return f"{last} (see {log})" if last else None

    def _relay(self, line: str, progress: Callable[[str], None] | None) -> None:
        try:
            snapshot = json.loads(line)
        except json.JSONDecodeError:
            return
        self.last_snapshot = snapshot
        if snapshot.get("type") == "fatal":
            self.storage_error = str(snapshot.get("error") or "storage error")
        if progress is not None and snapshot.get("type") == "progress":
            progress(format_progress(snapshot))

    def finish(self, returncode: int | None) -> CrawlSummary:
        """Close crawls the child could not close, then summarise from the fetch log.

        After a storage error the store may refuse writes: the summary is still read, and
        crawls left "running" are closed by the next crawl (``_clean_stale``)."""
        from crawler.dedup import group_near_duplicates
        from crawler.extensions.jobstate import crawl_counts
        from crawler.extract.ocr import read_counts

        store = DocumentStore.open(self.data_dir)
        try:
            summary = CrawlSummary(elapsed=round(time.monotonic() - self.started, 2),
                                   returncode=returncode, ocr=read_counts(self.data_dir))
            for source in self.sources:
                crawl_id = self.crawl_ids[source.name]
                row: Any = store.query(_CRAWL_ROW, (crawl_id,))[0]
                if row["state"] == "running":
                    stopped = returncode in (0, None, -signal.SIGTERM, -signal.SIGKILL)
                    state = "interrupted" if stopped or self.storage_error else "failed"
                    pages, errors = crawl_counts(store, crawl_id)
                    if self._try_write(store.finish_crawl, crawl_id, pages=pages,
                                       errors=errors, state=state):
                        row = store.query(_CRAWL_ROW, (crawl_id,))[0]
                    else:
                        row = {**dict(row), "state": state}
                summary.sources.append(_source_summary(store, source, crawl_id, row))
            if not self.storage_error:
                summary.groups = self._try_write(group_near_duplicates, store,
                                                 self.settings.crawl.dedup) or 0
        finally:
            store.close()
            self._release()
        return summary

    def _try_write(self, write: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``write(...)``, or None when the disk refuses it (then noted as the error)."""
        try:
            return write(*args, **kwargs)
        except (OSError, sqlite3.Error) as exc:
            problem = storage_problem(exc)
            if problem is None:
                raise
            self.storage_error = self.storage_error or problem
            return None

    def _release(self) -> None:
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None


def _try_lock(lock: Any, settle: float = 5.0) -> bool:
    """Take the data dir's crawl lock. A process killed a moment ago may still hold it while
    the kernel closes its files: when none of the processes the lock file names is alive,
    try again for up to ``settle`` seconds before saying a crawl is running."""
    deadline = time.monotonic() + settle
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            lock.seek(0)
            holders = [int(word) for word in lock.read().replace(",", " ").split()
                       if word.isdigit()]
            if any(_alive(pid) for pid in holders) or time.monotonic() > deadline:
                return False
            time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    status = Path(f"/proc/{pid}/status")
    try:  # a zombie has exited: it holds no files
        return "\nState:\tZ" not in status.read_text(encoding="utf-8")
    except OSError:
        return True


def _source_summary(store: DocumentStore, source: Source, crawl_id: int,
                    row: Any) -> SourceSummary:
    counts = {
        (r["outcome"], r["reason"]): r["n"]
        for r in store.query(
            "SELECT outcome, CASE WHEN outcome IN ('ok', 'unchanged') THEN reason END "
            "AS reason, COUNT(*) AS n FROM fetch_log WHERE crawl_id = ? GROUP BY 1, 2",
            (crawl_id,),
        )
    }
    return SourceSummary(
        source=source.name,
        kind=source.kind,
        state=row["state"],
        stored=counts.get(("ok", "stored"), 0) + counts.get(("ok", None), 0),
        changed=counts.get(("ok", "changed"), 0),
        unchanged=counts.get(("unchanged", None), 0),
        gone=counts.get(("gone", None), 0),
        errors=counts.get(("error", None), 0),
        # an app's page the catalog describes is not "same": nothing was compared
        skipped=counts.get(("skipped", None), 0) + counts.get(("unchanged", CATALOG), 0),
        catalog=counts.get(("unchanged", CATALOG), 0),
        elapsed=round((row["finished_at"] or time.time()) - row["started_at"], 2),
        reread=bool(row["reread"]),
    )


def crawl(
    sources: list[Source],
    settings: Settings,
    data_dir: Path,
    progress: Callable[[str], None] | None = None,
    *,
    timeout: float | None = None,
    overrides: dict[str, Any] | None = None,
) -> CrawlSummary:
    """Crawl ``sources`` into ``DocumentStore.open(data_dir)`` and summarise the crawl.

    ``progress`` receives a line about once a second (pages done, errors, rate).
    ``timeout`` (seconds) stops the crawl gracefully when exceeded; what was fetched is
    kept and the next crawl resumes the saved frontier. ``overrides`` are raw Scrapy
    settings for tests and benchmarks (e.g. ``{"RETRY_AFTER_MAX": 1}``).
    Never raises for unreachable sites; check ``summary.ok``.
    """
    job = CrawlJob(sources, settings, Path(data_dir), overrides=overrides)
    return job.start().wait(progress, timeout=timeout)
