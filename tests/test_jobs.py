"""A job's process that outlives its last message (search_api/jobs.py).

The watcher records a job when its process sends the result; a process that then lingers (a
non-daemon thread, a queue still flushing) must not keep running once the lock is free, or a
second crawl or reindex would run beside it and a server shutdown could no longer stop it.
"""

from __future__ import annotations

import os
import threading
import time
from typing import Any

import pytest

from search_api.jobs import JobBusy, JobRunner
from sikoja.config import load_settings

LINGER = 120.0  # seconds the job's process would live on after its result


def _done_then_linger(kind: str, settings_data: dict[str, Any], sources_path: str,
                      params: dict[str, Any], messages: Any) -> None:
    """Runs in the job's process: reports its pid and a result, then a non-daemon thread
    keeps the process alive."""
    threading.Thread(target=time.sleep, args=(LINGER,), name="lingering").start()
    messages.put(("progress", f"pid {os.getpid()}"))
    messages.put(("done", f"{kind}: nothing to do"))
    messages.close()
    messages.join_thread()


class LingeringJobs(JobRunner):
    exit_grace = 1.0

    def _job_main(self):  # noqa: ANN202 - the job function
        return _done_then_linger


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.slow  # starts job processes
def test_a_job_process_lingering_after_its_result_is_stopped_before_the_next_job(tmp_path):
    runner = LingeringJobs(load_settings(tmp_path / "data", embedder="none"))
    job = runner.start("reindex", who="ana-diskominfo")
    with pytest.raises(JobBusy):
        runner.start("reindex")
    final = runner.wait(job.id, timeout=60)
    assert final.state == "done" and final.summary == "reindex: nothing to do", final
    assert final.error is None and final.finished_at is not None
    pid = int(final.progress[0].split()[1])
    assert not _alive(pid), "the job's process still runs after its record was closed"
    again = runner.start("reindex")  # the lock is free only now
    assert again.id != job.id
    second = runner.wait(again.id, timeout=60)
    assert second.state == "done"
    assert not _alive(int(second.progress[0].split()[1]))
