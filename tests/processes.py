"""Stopping a process a test started (``sikoja serve``, ``sikoja demo``): politely first, so
it cleans up as it would for an admin, then for sure, so no test leaves a server behind."""

from __future__ import annotations

import subprocess


def stop(proc: subprocess.Popen, grace: float) -> None:
    """SIGTERM, up to ``grace`` seconds to exit, then SIGKILL."""
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
