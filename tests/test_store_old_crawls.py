"""A store written before ``crawls`` had its ``crawler``, ``reread`` and ``fleet`` columns:
opened by several processes at once (a fleet's workers, ``sikoja serve`` and a crawl after an
upgrade), each gets the columns or finds them added; opened read-only, its crawl report
still reads, also from a store older than the ``catalog_entries`` table."""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.reports import sites_report
from sikoja.store import SCHEMA, DocumentStore, documents_db_path
from tests.test_readonly_data_dir import ROOT, read_only

# ``crawls`` as stores were created before crawler identities (the columns came later)
OLD_CRAWLS = """
CREATE TABLE crawls (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    started_at REAL NOT NULL,
    finished_at REAL,
    pages INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'running'
);
"""


def old_store(data_dir: Path, *, catalog_entries: bool = True) -> Path:
    """A data dir whose documents.db has the old ``crawls`` and two finished crawls in it:
    one that read 12 pages, then one that read none (no fleet then: a crawl robots.txt
    turned away). Without ``catalog_entries``: from before that table too."""
    data_dir.mkdir(parents=True)
    path = documents_db_path(data_dir)
    db = sqlite3.connect(path)
    # in WAL, as every store sikoja ever wrote: six processes switching a rollback-journal
    # file to WAL at once can meet "database is locked" with no busy wait, which no old
    # store of ours can hit (it failed one CI run in about ten)
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(OLD_CRAWLS)
    db.executescript(SCHEMA)  # the other tables; the old ``crawls`` stays as it is
    if not catalog_entries:
        db.execute("DROP TABLE catalog_entries")
    db.execute("INSERT INTO documents (url, source, opd, kind, title, text, "
               "content_hash, updated_at) VALUES ('http://127.0.0.1:8704/', 'dishub', "
               "'Dishub', 'page', 'Dishub', 'dinas perhubungan', 'h', 1010)")
    db.execute("INSERT INTO crawls (source, started_at, finished_at, pages, errors, state) "
               "VALUES ('dishub', 1000, 1010, 12, 0, 'done')")
    db.execute("INSERT INTO crawls (source, started_at, finished_at, pages, errors, state) "
               "VALUES ('dishub', 2000, 2010, 0, 0, 'done')")
    db.commit()
    db.close()
    # closed here, not dropped: a dropped connection stays open until the garbage collector
    # finds it (it and its statement cache refer to each other), and the test forks openers
    # from this process; a child inheriting an open SQLite connection inherits its lock
    # bookkeeping without the locks (SQLite's "How To Corrupt": carrying an open connection
    # across a fork())
    db = sqlite3.connect(path)
    try:
        columns = {r[1] for r in db.execute("PRAGMA table_info(crawls)")}
    finally:
        db.close()
    assert not columns & {"crawler", "reread", "fleet"}
    return data_dir


def _open(data_dir: str, barrier, results) -> None:
    barrier.wait()
    try:
        DocumentStore.open(Path(data_dir)).close()
        results.put("ok")
    except Exception as exc:  # noqa: BLE001 - the test reports what each process met
        results.put(f"{type(exc).__name__}: {exc}")


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="lists open files via /proc")
def test_an_old_store_leaves_no_connection_open_for_the_openers_to_inherit(tmp_path):
    """The openers below are forked from this process: a connection to the store still open
    here (one dropped but not yet collected) is closed mid-run by the garbage collector, as
    the last one holding real locks, so it deletes ``-wal``/``-shm`` under the openers, and
    one of them reads a frame from the new empty ``-wal``: "disk I/O error"
    (SQLITE_IOERR_SHORT_READ). With the collector off, a dropped connection stays open."""
    gc.disable()
    try:
        path = documents_db_path(old_store(tmp_path / "data"))
        fds = Path("/proc/self/fd")
        open_files = {os.readlink(fd) for fd in fds.iterdir() if fd.is_symlink()}
    finally:
        gc.enable()
    assert not {f for f in open_files if f.startswith(str(path))}


@pytest.mark.parametrize("trial", range(3))
def test_processes_opening_an_old_store_at_once_all_open_it(tmp_path, trial):
    data_dir = old_store(tmp_path / "data")
    fork = multiprocessing.get_context("fork")
    barrier, results = fork.Barrier(6), fork.Queue()
    openers = [fork.Process(target=_open, args=(str(data_dir), barrier, results))
               for _ in range(6)]
    for p in openers:
        p.start()
    outcomes = [results.get(timeout=60) for _ in openers]
    for p in openers:
        p.join(timeout=60)
    assert outcomes == ["ok"] * 6
    store = DocumentStore.open(data_dir)
    try:
        rows = store.query("SELECT source, crawler, reread, fleet FROM crawls")
        assert [tuple(r) for r in rows] == [("dishub", None, 0, 0)] * 2
        assert store.needs_reread("dishub", "new-crawler")
    finally:
        store.close()


@pytest.mark.parametrize("catalog_entries", [True, False])
def test_an_old_store_opened_read_only_reports_its_crawls(tmp_path, catalog_entries):
    """Its last success is the crawl that read pages (no crawl of it is known to be a
    fleet worker's); from before ``catalog_entries`` it has no catalog rows, and its site
    still counts its documents."""
    data_dir = old_store(tmp_path / "data", catalog_entries=catalog_entries)
    script = ("import sys; from pathlib import Path; "
              "from sikoja.store import DocumentStore; "
              "from crawler.reports import sites_report; "
              "store = DocumentStore.open(Path(sys.argv[1])); assert store.read_only; "
              "print([(s.source, s.last_success_at, s.reread, s.documents) "
              "for s in sites_report(store)])")
    first = datetime.fromtimestamp(1010, UTC).isoformat()
    expected = [("dishub", first, False, 1)]
    try:
        run = subprocess.run(read_only(data_dir, [sys.executable, "-c", script,
                                                  str(data_dir)]),
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        for path in [data_dir, *data_dir.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == repr(expected)
    # and as the CLI prints it, read-only
    cli = "import sys; from sikoja.cli import main; sys.exit(main(sys.argv[1:]))"
    try:
        run = subprocess.run(read_only(data_dir, [sys.executable, "-c", cli, "report", "sites",
                                                  "--data-dir", str(data_dir), "--json"]),
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        for path in [data_dir, *data_dir.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)
    assert run.returncode == 0, run.stderr
    assert [s["last_success_at"] for s in json.loads(run.stdout)] == [first]
    store = DocumentStore.open(data_dir)  # writable again: the report is the same
    try:
        assert [(s.source, s.last_success_at, s.reread, s.documents)
                for s in sites_report(store)] == expected
    finally:
        store.close()
