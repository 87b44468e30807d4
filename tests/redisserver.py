"""A throwaway Debian ``redis-server`` on loopback, for the fleet crawl's tests and bench.

Started on a free port in its own temp dir with persistence off (``--save ''
--appendonly no``): nothing it holds outlives the test. ``None`` with the reason when the
binary or the ``scrapy-redis`` package is missing (``scripts/test.sh`` installs both where
apt and pip are available).
"""

from __future__ import annotations

import importlib.util
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

from tests.processes import stop


def missing() -> str | None:
    """Why a Redis-backed crawl cannot run here, or None."""
    if shutil.which("redis-server") is None:
        return "redis-server is not installed (scripts/test.sh installs Debian's as root)"
    # looked up, not imported: every test worker asks at collection, and importing
    # scrapy-redis (with redis-py and Scrapy's scheduler) cost each of them 0.25 s of CPU
    if importlib.util.find_spec("scrapy_redis") is None:
        return "scrapy-redis is not installed (pip install -e '.[redis]')"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def redis_server() -> Iterator[str]:
    """Yield the ``redis://`` URL of a fresh server; stop it and remove its dir after."""
    workdir = tempfile.mkdtemp(prefix="sikoja-redis-")
    port = _free_port()
    proc = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", workdir, "--loglevel", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on port {port}")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(proc, grace=5)
        shutil.rmtree(workdir, ignore_errors=True)
