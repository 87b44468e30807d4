"""The API against a real ``sikoja serve`` process: what only a real server shows.

An in-process test client cannot send a body slowly, measure a process's memory or pass
through uvicorn's own handling of ``X-Forwarded-For``; these tests start ``sikoja serve``
on loopback over a small indexed data dir and talk to it over sockets:

- a 50 MB body, announced or chunked, is refused (413) without the server's RSS growing by
  50 MB, and searches still answer;
- a body shorter than its ``Content-Length`` is answered 408 after ``body_timeout_seconds``;
- ``X-Forwarded-For`` names the client only when ``trust_proxy_headers`` says so;
- Schemathesis fuzzes every public and admin operation (bounded, fixed seed, all checks):
  no server error, every answer as the schema says.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from search_api.keys import create_key
from tests.processes import stop
from tests.test_api import build_data_dir
from tests.test_browser import free_port

pytestmark = pytest.mark.slow  # starts 'sikoja serve' processes

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024


class LiveServer:
    def __init__(self, proc: subprocess.Popen[str], port: int, key: str) -> None:
        self.proc, self.port, self.key = proc, port, key
        self.url = f"http://127.0.0.1:{port}"

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        request = urllib.request.Request(self.url + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def rss(self) -> int:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) * 1024

    def raw(self, head: str, body: Iterable[bytes] = (), timeout: float = 30) -> bytes:
        """Send a request as written (headers, then body pieces while the server reads)
        and return what came back; a server that stops reading ends the sending."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as s:
            s.sendall(head.replace("\n", "\r\n").encode() + b"\r\n")
            try:
                for piece in body:
                    s.sendall(piece)
            except OSError:  # refused and closed: the rest of the upload goes nowhere
                pass
            answer = b""
            try:
                while chunk := s.recv(65536):
                    answer += chunk
            except OSError:
                pass
            return answer


@contextmanager
def serving(tmp: Path, **api: object) -> Iterator[LiveServer]:
    data = tmp / "data"
    build_data_dir(data)
    options = {"rate_limit_per_minute": 100_000, **api}
    (data / "sikoja.yaml").write_text(json.dumps({"embedder": "none", "api": options}),
                                      encoding="utf-8")
    key = create_key(data, "fuzz")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SIKOJA_DEBUG": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "sikoja.cli", "serve", "--data-dir", str(data), "--port",
         str(port)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True)
    server = LiveServer(proc, port, key)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if server.get("/api/health")[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"sikoja serve did not start: {proc.stdout.read()}")
            time.sleep(0.05)
        yield server
    finally:
        stop(proc, grace=15)


@pytest.fixture(scope="module")
def live(tmp_path_factory) -> Iterator[LiveServer]:
    with serving(tmp_path_factory.mktemp("live"), body_timeout_seconds=1) as server:
        yield server


def _status(answer: bytes) -> int:
    match = re.match(rb"HTTP/1\.[01] (\d{3})", answer)
    assert match, answer[:200]
    return int(match.group(1))


def test_a_50_mb_body_is_refused_unread_and_memory_stays_put(live):
    for q in ("urus ktp", "akta kelahiran", "izin bangunan"):  # warm: caches, imports
        assert live.get(f"/api/search?q={q.replace(' ', '+')}")[0] == 200
    before = live.rss()
    piece = b"x" * MB
    announced = live.raw("POST /api/click HTTP/1.1\nHost: sikoja\nContent-Type: "
                         f"application/json\nContent-Length: {50 * MB}\n",
                         (piece for _ in range(50)))
    assert _status(announced) == 413
    chunked = live.raw("POST /api/click HTTP/1.1\nHost: sikoja\nContent-Type: "
                       "application/json\nTransfer-Encoding: chunked\n",
                       (b"%x\r\n%s\r\n" % (len(piece), piece) for _ in range(50)))
    assert _status(chunked) == 413
    growth = live.rss() - before
    print(f"RSS {before / MB:.0f} MB before, growth {growth / MB:.1f} MB after 2 x 50 MB")
    assert growth < 50 * MB, f"RSS grew by {growth / MB:.1f} MB"
    status, body = live.get("/api/search?q=urus+ktp")
    assert status == 200 and json.loads(body)["results"]


def test_a_body_shorter_than_announced_is_answered_408(live):
    answer = live.raw("POST /api/click HTTP/1.1\nHost: sikoja\nContent-Type: "
                      'application/json\nContent-Length: 100\n', [b'{"query": "k'],
                      timeout=20)
    assert _status(answer) == 408
    assert live.get("/api/health")[0] == 200


def _visitors(server: LiveServer, query: str) -> int:
    status, body = server.get("/admin/api/analytics/queries",
                              headers={"X-API-Key": server.key})
    assert status == 200
    return next(q["visitors"] for q in json.loads(body)["top"] if q["query"] == query)


def test_forwarded_for_names_the_client_only_when_trusted(live, tmp_path):
    query = "pindah domisili"
    hops = ("203.0.113.7", "198.51.100.9", "192.0.2.5")
    for hop in hops:  # one client on loopback claiming three addresses
        live.get("/api/search?q=pindah+domisili", headers={"X-Forwarded-For": hop})
    assert _visitors(live, query) == 1
    with serving(tmp_path, trust_proxy_headers=True) as behind_proxy:
        for hop in hops:
            behind_proxy.get("/api/search?q=pindah+domisili", headers={"X-Forwarded-For": hop})
        assert _visitors(behind_proxy, query) == 3


def _search_ms(server: LiveServer, queries: list[str]) -> float:
    """Median wall time of uncached searches (each query is new to the answer cache)."""
    times = []
    for q in queries:
        start = time.perf_counter()
        status, _ = server.get("/api/search?q=" + q.replace(" ", "+"))
        times.append((time.perf_counter() - start) * 1000)
        assert status == 200
    return sorted(times)[len(times) // 2]


def _import(server: LiveServer, text: str) -> tuple[int, bytes]:
    body = json.dumps({"text": text, "why": "resource test"}).encode()
    request = urllib.request.Request(
        server.url + "/admin/api/synonyms/import", data=body, method="POST",
        headers={"X-API-Key": server.key, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


@pytest.mark.slow
def test_a_1_mb_synonym_rule_is_refused_and_memory_and_search_stay_put(live):
    """Issue #13's resource test: one 1 MB rule (``ktp, t0000, t0001, ...``) is over the
    expansion cap, so it is refused with its line, and neither memory nor the time of the
    searches around it moves. Times are compared side by side in one run, never to a fixed
    number; the bound is loose because the machine is shared. On the module's server, before
    Schemathesis changes its synonyms and best bets: a server of its own cost a start and a
    data dir (2 s of CPU, issue #14), and a refused rule leaves nothing behind."""
    words = ("ktp", "kk", "akta", "izin", "pajak", "sekolah", "bangunan", "kelahiran")
    warm = [f"{a} {b}" for a in words for b in words if a < b]
    _search_ms(live, warm[:6])
    before_ms = _search_ms(live, warm[6:18])
    before = live.rss()
    rule = "ktp, " + ", ".join(f"t{i:06d}" for i in range(130_000))
    assert len(rule) > 1_000_000
    status, body = _import(live, rule + "\n")
    assert status in (400, 422), body[:300]
    assert b"line 1" in body or b'"line": 1' in body or b"1:" in body, body[:300]
    after_ms = _search_ms(live, warm[18:30])
    growth = live.rss() - before
    print(f"RSS growth {growth / MB:.1f} MB; median search {before_ms:.1f} ms before, "
          f"{after_ms:.1f} ms after")
    assert growth < 50 * MB, f"RSS grew by {growth / MB:.1f} MB"
    assert after_ms < 3 * before_ms + 25, (before_ms, after_ms)
    status, body = live.get("/api/search?q=ktp")
    assert status == 200 and json.loads(body)["results"]


@pytest.mark.slow
def test_schemathesis_finds_no_server_error_and_no_schema_mismatch(live, tmp_path):
    """Every operation, 25 examples each, seed 1, all checks; about 1,400 requests."""
    done = subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "--config-file",
         str(ROOT / "tests" / "schemathesis.toml"), "run", f"{live.url}/openapi.json",
         "-H", f"X-API-Key: {live.key}", "--checks", "all", "--max-examples", "25",
         "--seed", "1", "--workers", "1", "--generation-database", "none", "--no-color",
         "--request-timeout", "30"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1"})
    summary = re.search(r"(\d+) generated, (.*)", done.stdout)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert summary and int(summary.group(1)) > 500, done.stdout[-3000:]
    selected = re.search(r"Selected: (\d+)/(\d+)", done.stdout)
    tested = re.search(r"Tested: (\d+)", done.stdout)
    assert selected and tested and int(tested.group(1)) == int(selected.group(2)) >= 20
    print(f"schemathesis: {tested.group(1)} operations, {summary.group(0)}")
