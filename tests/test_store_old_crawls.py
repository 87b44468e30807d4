"""A store written before ``crawls`` had its ``crawler`` and ``reread`` columns: opened by
several processes at once (a fleet's workers, ``sikoja serve`` and a crawl after an upgrade),
each gets the columns or finds them added; opened read-only, its crawl report still reads."""

from __future__ import annotations

import multiprocessing
import sqlite3
import subprocess
import sys
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


def old_store(data_dir: Path) -> Path:
    """A data dir whose documents.db has the old ``crawls`` and one finished crawl in it."""
    data_dir.mkdir(parents=True)
    path = documents_db_path(data_dir)
    db = sqlite3.connect(path)
    # in WAL, as every store sikoja ever wrote: six processes switching a rollback-journal
    # file to WAL at once can meet "database is locked" with no busy wait, which no old
    # store of ours can hit (it failed one CI run in about ten)
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(OLD_CRAWLS)
    db.executescript(SCHEMA)  # the other tables; the old ``crawls`` stays as it is
    db.execute("INSERT INTO crawls (source, started_at, finished_at, pages, errors, state) "
               "VALUES ('dishub', 1000, 1010, 12, 0, 'done')")
    db.commit()
    db.close()
    columns = {r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(crawls)")}
    assert "crawler" not in columns and "reread" not in columns
    return data_dir


def _open(data_dir: str, barrier, results) -> None:
    barrier.wait()
    try:
        DocumentStore.open(Path(data_dir)).close()
        results.put("ok")
    except Exception as exc:  # noqa: BLE001 - the test reports what each process met
        results.put(f"{type(exc).__name__}: {exc}")


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
        rows = store.query("SELECT source, crawler, reread FROM crawls")
        assert [tuple(r) for r in rows] == [("dishub", None, 0)]
        assert store.needs_reread("dishub", "new-crawler")
    finally:
        store.close()


def test_an_old_store_opened_read_only_reports_its_crawls(tmp_path):
    data_dir = old_store(tmp_path / "data")
    script = ("import sys; from pathlib import Path; "
              "from sikoja.store import DocumentStore; "
              "from crawler.reports import sites_report; "
              "store = DocumentStore.open(Path(sys.argv[1])); assert store.read_only; "
              "print([(s.source, s.last_success_at is not None, s.reread) "
              "for s in sites_report(store)])")
    try:
        run = subprocess.run(read_only(data_dir, [sys.executable, "-c", script,
                                                  str(data_dir)]),
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        for path in [data_dir, *data_dir.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[('dishub', True, False)]"
    store = DocumentStore.open(data_dir)  # writable again: the report is the same
    try:
        assert [(s.source, s.last_success_at is not None, s.reread)
                for s in sites_report(store)] == [("dishub", True, False)]
    finally:
        store.close()
