"""Faults of the machine, not of the sites: a full disk, a crawl killed with ``kill -9``.

The crawl must stop with one clear line and a non-zero exit when its disk fills (never
hang), keep everything it stored, and finish the job on the next run; a killed
``sikoja crawl`` must not leave its crawl process running, nor let a second crawl start on
the same data dir while any crawl process of it lives, and the next crawl cleans up after it.
The disk test mounts a real small tmpfs (root only: CI runs the tests as root).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.run import CrawlJob
from sikoja.config import Settings
from sikoja.errors import SikojaError
from sikoja.sources import Source
from sikoja.store import DocumentStore
from tests.conftest import Gate
from tests.faultserver import Page, PageSite, html

pytestmark = pytest.mark.slow  # crawl processes, killed and out of disk

PAGES = 120


def service_pages(words: int, delay: float = 0.0) -> dict[str, Page]:
    """A home page linking ``PAGES`` service pages of about ``words`` words each."""
    links = "".join(f'<a href="/layanan/{i}">Layanan {i}</a> ' for i in range(PAGES))
    pages = {"/": Page(html("Beranda", f"<h1>Dinas Uji</h1><p>{links}</p>"))}
    for i in range(PAGES):
        text = " ".join(f"syarat{i}x{w}" for w in range(words))
        pages[f"/layanan/{i}"] = Page(
            html(f"Layanan {i}", f"<h1>Layanan Nomor {i}</h1><p>{text}</p>"), delay=delay)
    return pages


def write_sources(path: Path, site: PageSite) -> Path:
    path.write_text("sources:\n  - name: dinas-uji\n    opd: Dinas Uji\n"
                    f"    start_urls: ['{site.url('/')}']\n    use_sitemap: false\n",
                    encoding="utf-8")
    return path


def sikoja_crawl(config: Path, data_dir: Path, timeout: float = 180
                 ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sikoja.cli", "crawl", "--config", str(config),
                           "--data-dir", str(data_dir), "--delay", "0"],
                          capture_output=True, text=True, timeout=timeout)


def stored_pages(data_dir: Path) -> dict[str, str]:
    """url -> title of every live document, after SQLite's own integrity check."""
    store = DocumentStore.open(data_dir)
    try:
        assert store.query("PRAGMA integrity_check")[0][0] == "ok"
        return {r["url"]: r["title"] for r in store.query(
            "SELECT url, title FROM documents WHERE status = 'live'")}
    finally:
        store.close()


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 640 KB tmpfs: room for a few dozen pages, not for the whole site."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs the tests as root)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=640k", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_disk_stops_the_crawl_with_one_line_and_loses_nothing(small_disk, tmp_path):
    data_dir = small_disk / "data"
    with PageSite(service_pages(words=300)) as site:
        config = write_sources(tmp_path / "sources.yaml", site)
        started = time.monotonic()
        result = sikoja_crawl(config, data_dir, timeout=120)
        assert time.monotonic() - started < 90  # stopped, not hung
        assert result.returncode != 0
        errors = [line for line in result.stderr.splitlines() if line.startswith("sikoja:")]
        assert len(errors) == 1 and "storage error" in errors[0], result.stderr[-2000:]
        assert "disk is full" in errors[0] or "No space" in errors[0]
        assert "Traceback" not in result.stderr
        before = stored_pages(data_dir)
        assert 0 < len(before) < PAGES + 1  # some pages fit, not all

        # space is freed: the next crawl finishes the job and keeps what was stored
        subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
        again = sikoja_crawl(config, data_dir)
        assert again.returncode == 0, again.stderr[-2000:]
    after = stored_pages(data_dir)
    assert len(after) == PAGES + 1
    # every page stored before the disk filled is still there, as the same page (the
    # home page's title may change: the finished crawl learned the site's name)
    assert set(before) <= set(after)
    assert all(after[url] == title for url, title in before.items() if "/layanan/" in url)
    assert crawl_states(data_dir) == ["interrupted", "done"]


def crawl_states(data_dir: Path) -> list[str]:
    store = DocumentStore.open(data_dir)
    try:
        return [r["state"] for r in store.query("SELECT state FROM crawls ORDER BY id")]
    finally:
        store.close()


def lock_holder(data_dir: Path) -> str:
    lock = data_dir / "crawl-state" / "crawl.lock"
    return lock.read_text(encoding="utf-8") if lock.exists() else ""


def crawl_process_pid(data_dir: Path, deadline: float = 30.0) -> int:
    """The crawl process's pid, as the parent writes it in the lock file."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        holder = lock_holder(data_dir)
        if "crawl process" in holder:
            return int(holder.rsplit(" ", 1)[1])
        time.sleep(0.1)
    raise AssertionError("the crawl never started")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead: its parent (this test's child, killed) has not reaped it yet
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "\nState:\tZ" in status.read_text())


def wait_dead(pid: int, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return False


def started_crawl(config: Path, data_dir: Path) -> tuple[subprocess.Popen[str], int]:
    parent = subprocess.Popen([sys.executable, "-m", "sikoja.cli", "crawl", "--config",
                               str(config), "--data-dir", str(data_dir), "--delay", "0"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    child = crawl_process_pid(data_dir)
    end = time.monotonic() + 60
    while fetched(data_dir) < 3:  # a few pages in
        assert time.monotonic() < end, "the crawl fetched nothing"
        time.sleep(0.05)
    return parent, child


def fetched(data_dir: Path) -> int:
    db = sqlite3.connect(data_dir / "documents.db", timeout=10)
    try:
        return db.execute("SELECT COUNT(*) FROM fetch_log").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0
    finally:
        db.close()


def fast_pages(site: PageSite) -> None:
    """The pages answer at once from now on (for the crawl after the killed one)."""
    for page in site.pages.values():
        page.delay = 0.0


def second_crawl(data_dir: Path, site: PageSite) -> CrawlJob:
    source = Source(name="dinas-uji", opd="Dinas Uji", start_urls=[site.url("/")],
                    use_sitemap=False)
    settings = Settings()
    settings.crawl.delay = 0
    return CrawlJob([source], settings, data_dir)


def test_kill_9_of_the_crawl_command_stops_its_crawl_process(tmp_path):
    data_dir = tmp_path / "data"
    # service pages held after the third: a graceful stop waits for the requests in
    # flight, so the orphan lives on after its parent is killed until they are let go (with
    # pages slow by time, 1 s each, the orphan was once gone before the check at load 7)
    gate = Gate()
    gate.hold_after(3)
    pages = service_pages(words=20)
    for path, page in pages.items():
        if path != "/":
            page.hold = gate.enter
    with PageSite(pages) as site:
        try:
            config = write_sources(tmp_path / "sources.yaml", site)
            parent, child = started_crawl(config, data_dir)
            # a page held in flight: without one, a crawl with nothing to wait for could
            # finish its graceful stop between the check below and the second crawl
            end = time.monotonic() + 60
            while gate.waiting < 1:
                assert time.monotonic() < end, "no page was held"
                time.sleep(0.05)
            parent.send_signal(signal.SIGKILL)
            parent.wait()
            # while the orphan lives the data dir is still locked: no second crawl
            assert alive(child)
            with pytest.raises(SikojaError, match="already running"):
                second_crawl(data_dir, site).start()
        finally:
            gate.hold_after(None)  # the held replies go out: the orphan's stop can end
        assert wait_dead(child, 20), "the crawl process outlived its killed parent"
        hits = len(site.hits)
        time.sleep(1.0)
        assert len(site.hits) == hits  # nobody crawls any more
        # the next crawl starts, and the killed one is recorded as interrupted
        summary = second_crawl(data_dir, site).start().wait(timeout=120)
    assert summary.ok and summary.sources[0].state == "done"
    assert crawl_states(data_dir) == ["interrupted", "done"]


def test_crawl_killed_outright_is_cleaned_up_by_the_next_one(tmp_path):
    data_dir = tmp_path / "data"
    with PageSite(service_pages(words=20, delay=0.3)) as site:
        config = write_sources(tmp_path / "sources.yaml", site)
        parent, child = started_crawl(config, data_dir)
        os.kill(child, signal.SIGKILL)  # both die at once: nothing closes the crawl
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        assert wait_dead(child, 10)
        state_dir = data_dir / "crawl-state"
        assert list(state_dir.glob("job-*.json"))
        db = sqlite3.connect(data_dir / "documents.db")
        assert db.execute("SELECT state FROM crawls").fetchall() == [("running",)]
        db.close()
        fast_pages(site)
        job = second_crawl(data_dir, site).start()
        assert [p.name for p in state_dir.glob("job-*.json")] == [job._job_path.name]
        job.wait(timeout=120)
    store = DocumentStore.open(data_dir)
    try:
        rows = store.query("SELECT state, pages, finished_at FROM crawls ORDER BY id")
    finally:
        store.close()
    assert [r["state"] for r in rows] == ["interrupted", "done"]
    assert rows[0]["pages"] > 0 and rows[0]["finished_at"] is not None
    assert not list(state_dir.glob("job-*.json"))
