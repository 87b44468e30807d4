"""Crawl and reindex jobs started from the admin API: one at a time, in a child process.

A crawl runs Scrapy (whose Twisted reactor cannot be restarted inside one process) and a
reindex is CPU-bound embedding work; both run in a child process of their own (forked from
a fork server, never from the server and its threads) so the server keeps answering
searches at full speed and a crash in a job cannot take the server down. An
exclusive lock file in the data dir makes it one job at a time even across several server
processes. Jobs, their progress lines and outcome are kept in ``admin.db`` so status
survives a restart (a job whose server died is marked ``interrupted``).
"""

from __future__ import annotations

import fcntl
import json
import logging
import multiprocessing
import os
import queue
import re
import sqlite3
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from search_api.keys import connect_admin_db
from sikoja import pipeline
from sikoja.config import Settings
from sikoja.errors import SikojaError
from sikoja.sources import load_sources, select_sources

log = logging.getLogger(__name__)

JobKind = Literal["crawl", "reindex"]
MAX_PROGRESS_LINES = 30

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    params TEXT NOT NULL DEFAULT '{}',
    who TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    started_at REAL NOT NULL,
    finished_at REAL,
    progress TEXT NOT NULL DEFAULT '[]',
    summary TEXT,
    error TEXT
);
"""


class Job(BaseModel):
    id: int
    kind: str
    params: dict[str, Any] = Field(default_factory=dict)
    who: str = ""
    state: Literal["running", "done", "failed", "interrupted"]
    started_at: float
    finished_at: float | None = None
    progress: list[str] = Field(default_factory=list, description="latest progress lines")
    summary: str | None = None
    error: str | None = None


class JobBusy(Exception):
    """A crawl or reindex is already running."""


def scrub_paths(message: str, data_dir: Path) -> str:
    """A message fit for an HTTP response: no absolute paths of this machine in it."""
    for path in {str(data_dir.resolve()), str(data_dir)}:
        if path and path not in (".", "/"):
            message = message.replace(path, "<data dir>")
    return re.sub(r"(?<![\w:/])/(?:[\w.@+-]+/)+[\w.@+-]*", "<path>", message)


class JobRunner:
    # seconds a job's process may take to exit after its last message before it is stopped
    # (it flushes its queue and returns; a crawl's reactor threads are daemons)
    exit_grace = 30.0

    def __init__(self, settings: Settings, *, sources_path: Path | None = None,
                 on_finished: Callable[[Job], None] | None = None) -> None:
        self.settings = settings
        self.data_dir = Path(settings.data_dir)
        self.sources_path = sources_path or self.data_dir / "sources.yaml"
        self.on_finished = on_finished
        self._lock = threading.Lock()
        self._running: tuple[int, multiprocessing.process.BaseProcess, int] | None = None
        self._ended = threading.Condition()  # notified when the watcher has finished a job
        self.problem: str | None = None  # why the job records cannot be read, for health
        db = self._db()
        try:
            with db:
                db.executescript(_SCHEMA)
            if not self._lock_is_held_elsewhere():
                with db:  # nobody holds the lock, so a 'running' job lost its server
                    db.execute("UPDATE jobs SET state = 'interrupted', finished_at = ? "
                               "WHERE state = 'running'", (time.time(),))
        except (OSError, sqlite3.Error) as exc:  # a read-only data dir: search, run no jobs
            log.warning("jobs cannot be recorded in %s: %s", self.data_dir, exc)
        finally:
            db.close()

    # -- API -----------------------------------------------------------------------------

    def start(self, kind: JobKind, params: dict[str, Any] | None = None, *, who: str = "") -> Job:
        params = dict(params or {})
        if kind == "crawl":
            self._check_sources(params.get("sources") or [])
        with self._lock:
            if self._running is not None:
                raise JobBusy(f"job {self._running[0]} is still running; one job at a time")
            lock_fd = self._acquire_file_lock()
            if lock_fd is None:
                raise JobBusy("a crawl or reindex started by another server process is running")
            try:
                job_id = self._insert(kind, params, who)
                ctx = _context()
                messages = ctx.Queue()
                proc = ctx.Process(
                    target=self._job_main(), name=f"sikoja-{kind}-{job_id}", daemon=True,
                    args=(kind, self.settings.model_dump(mode="json"), str(self.sources_path),
                          params, messages))
                proc.start()
            except BaseException:
                os.close(lock_fd)
                raise
            self._running = (job_id, proc, lock_fd)
        threading.Thread(target=self._watch, args=(job_id, proc, messages, lock_fd),
                         name=f"job-{job_id}-watch", daemon=True).start()
        job = self.get(job_id)
        assert job is not None
        return job

    def get(self, job_id: int) -> Job | None:
        db = self._db()
        try:
            row = db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        finally:
            db.close()
        return _row_to_job(row) if row else None

    def recent(self, limit: int = 10) -> list[Job]:
        db = self._db()
        try:
            rows = db.execute("SELECT * FROM jobs ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        finally:
            db.close()
        return [_row_to_job(r) for r in rows]

    def running(self) -> Job | None:
        """The job running now. Health and metrics ask: when admin.db cannot be read (a
        full disk cannot make SQLite's WAL files), None, and ``problem`` says why."""
        try:
            recent = self.recent(5)
        except sqlite3.Error as exc:
            log.warning("cannot read the job records: %s", exc)
            self.problem = f"job records cannot be read: {exc}"
            return None
        self.problem = None
        jobs = [j for j in recent if j.state == "running"]
        return jobs[0] if jobs else None

    def wait(self, job_id: int, timeout: float = 600.0) -> Job | None:
        """Block until a job ends (tests and the CLI); returns its final record."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.get(job_id)
            if job is None or job.state != "running":
                # the watcher runs on_finished after writing the record: let it finish
                with self._lock:
                    if self._running is None or self._running[0] != job_id:
                        return job
            with self._ended:  # woken when this runner's job ends; polls another's
                self._ended.wait(0.1)
        return self.get(job_id)

    def close(self) -> None:
        """Stop a running job (server shutdown); it is recorded as interrupted."""
        with self._lock:
            running = self._running
        if running is not None:
            _, proc, _ = running
            proc.terminate()
            proc.join(timeout=10)

    # -- internals -------------------------------------------------------------------

    def _job_main(self) -> Callable[..., None]:
        """What the job's process runs (a module-level function: spawn sends it by name)."""
        return _child_main

    def _check_sources(self, names: list[str]) -> None:
        if not self.sources_path.is_file():
            raise SikojaError("no sources file: put sources.yaml in the data dir")
        from sikoja.sources import load_sources

        try:
            known = {s.name for s in load_sources(self.sources_path)}
        except SikojaError as exc:
            raise SikojaError(scrub_paths(str(exc), self.data_dir)) from None
        unknown = sorted(set(names) - known)
        if unknown:
            raise SikojaError(f"unknown sources: {', '.join(unknown)}")

    def _watch(self, job_id: int, proc: multiprocessing.process.BaseProcess,
               messages: Any, lock_fd: int) -> None:
        progress: list[str] = []
        outcome: tuple[str, str | None, str | None] | None = None
        last_write = 0.0
        try:
            exited = False
            while outcome is None:  # the outcome is the child's last message: stop there
                try:
                    kind, text = messages.get(timeout=0.5)
                except queue.Empty:
                    if exited:
                        break
                    exited = not proc.is_alive()  # one more pass drains the last messages
                    continue
                except (EOFError, OSError):
                    break
                if kind == "progress":
                    progress = [*progress, scrub_paths(str(text), self.data_dir)][
                        -MAX_PROGRESS_LINES:]
                    if time.monotonic() - last_write > 1.0:
                        last_write = time.monotonic()
                        self._update(job_id, progress=progress)
                elif kind == "done":
                    outcome = ("done", scrub_paths(str(text), self.data_dir), None)
                elif kind == "error":
                    outcome = ("failed", None, scrub_paths(str(text), self.data_dir))
            proc.join(timeout=self.exit_grace)
            _stop(proc)
            if outcome is None:
                code = proc.exitcode
                outcome = ("interrupted" if code and code < 0 else "failed", None,
                           f"the job process ended without a result (exit code {code})")
            state, summary, error = outcome
            self._update(job_id, progress=progress, state=state, summary=summary, error=error,
                         finished_at=time.time())
        except Exception:
            log.exception("watching job %s failed", job_id)
            self._update(job_id, state="failed", error="internal error while running the job",
                         finished_at=time.time())
        finally:
            _stop(proc)  # the lock is the next job's only when this one's process is gone
            os.close(lock_fd)
            job = self.get(job_id)
            try:
                if job is not None and self.on_finished is not None:
                    self.on_finished(job)
            except Exception:
                log.exception("after-job hook failed for job %s", job_id)
            finally:
                with self._lock:
                    self._running = None
                with self._ended:
                    self._ended.notify_all()

    def _db(self):  # noqa: ANN202 - sqlite3.Connection
        return connect_admin_db(self.data_dir, _SCHEMA)

    def _insert(self, kind: str, params: dict[str, Any], who: str) -> int:
        db = self._db()
        try:
            with db:
                cur = db.execute(
                    "INSERT INTO jobs (kind, params, who, state, started_at) "
                    "VALUES (?, ?, ?, 'running', ?)",
                    (kind, json.dumps(params, ensure_ascii=False), who, time.time()))
            return int(cur.lastrowid)
        finally:
            db.close()

    def _update(self, job_id: int, **values: Any) -> None:
        if "progress" in values:
            values["progress"] = json.dumps(values["progress"], ensure_ascii=False)
        sets = ", ".join(f"{k} = ?" for k in values)
        db = self._db()
        try:
            with db:
                db.execute(f"UPDATE jobs SET {sets} WHERE id = ?", (*values.values(), job_id))
        finally:
            db.close()

    def _lock_path(self) -> Path:
        return self.data_dir / "jobs.lock"

    def _acquire_file_lock(self) -> int | None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self._lock_path(), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        return fd

    def _lock_is_held_elsewhere(self) -> bool:
        fd = self._acquire_file_lock()
        if fd is None:
            return True
        os.close(fd)
        return False


def _context() -> multiprocessing.context.BaseContext:
    """Where job processes come from: a fork server, itself a fresh process (never a fork
    of the server and its threads) that has imported what a job runs; each job is forked
    from it and so starts without paying Python's start and those imports again. A spawned
    process cost 1.2-1.4 s of CPU for an 8-document reindex, most of it that start
    (issue #14: the admin job tests and Schemathesis start a dozen jobs)."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["search_api.jobs"])
    return ctx


def _stop(proc: multiprocessing.process.BaseProcess, grace: float = 5.0) -> None:
    """End a job's process that outlived its watch: one lingering after its last message (a
    non-daemon thread, a queue still flushing) would otherwise run beside the next job once
    the lock is released, out of reach of :meth:`JobRunner.close`. SIGTERM, then SIGKILL."""
    if not proc.is_alive():
        return
    log.warning("job process %s still running after its last message: stopping it", proc.pid)
    proc.terminate()
    proc.join(grace)
    if proc.is_alive():
        proc.kill()
        proc.join(grace)


def _row_to_job(row: Any) -> Job:
    return Job(id=row["id"], kind=row["kind"], params=json.loads(row["params"] or "{}"),
               who=row["who"], state=row["state"], started_at=row["started_at"],
               finished_at=row["finished_at"], progress=json.loads(row["progress"] or "[]"),
               summary=row["summary"], error=row["error"])


def _child_main(kind: str, settings_data: dict[str, Any], sources_path: str,
                params: dict[str, Any], messages: Any) -> None:
    """Runs in the job's own process: do the work, report progress and the outcome."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s job %(levelname)s %(message)s")

    def progress(*args: Any, **kwargs: Any) -> None:
        text = " ".join(str(a) for a in args)
        if kwargs:
            text += " " + " ".join(f"{k}={v}" for k, v in kwargs.items())
        messages.put(("progress", text.strip()[:500]))

    try:
        settings = Settings.model_validate(settings_data)
        full = bool(params.get("full", False))
        if kind == "crawl":
            sources = load_sources(sources_path)
            # the sources left out still hold their folders of a shared host: a subsite
            # crawled alone keeps to its own (sikoja.sources.share_hosts)
            sources = select_sources(sources, params.get("sources") or [])
            # not strict: a crawl that reached no site still reindexes what the store holds
            done = pipeline.crawl_and_index(settings, sources, reindex=params.get("reindex", True),
                                            full=full, strict=False, progress=progress)
        else:
            done = pipeline.PipelineRun(index=pipeline.build_index(settings, full=full,
                                                                   progress=progress))
        messages.put(("done", str(done)))
    except SikojaError as exc:
        messages.put(("error", str(exc)))
    except BaseException as exc:  # the parent only sees a short message; the log has the rest
        traceback.print_exc()
        messages.put(("error", f"the {kind} failed unexpectedly ({type(exc).__name__}); "
                               "see the server log"))
    finally:
        messages.close()
        messages.join_thread()
