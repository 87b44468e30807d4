"""``sikoja search`` and ``sikoja serve`` on a data dir that cannot be written (issue #13).

The data dir is used normally first (index, synonyms, best bets, analytics, an API key), then
made read-only for real: as a non-root user by ``chmod -R a-w``; as root (which chmod does not
stop) by a read-only bind mount inside a private mount namespace (``unshare -m``), so nothing
leaks onto the machine. Each command first proves it cannot create a file there."""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import pytest

from indexer.bestbets import BestBetStore
from indexer.build import build_index
from search_api.analytics import Analytics
from search_api.keys import create_key
from sikoja.config import load_settings
from synonyms import SynonymStore
from tests.corpus import AKTA_URL, KTP_URL, write_corpus

pytestmark = pytest.mark.slow  # runs sikoja search and serve processes in a read-only mount

ROOT = Path(__file__).resolve().parent.parent
PYTHON = [sys.executable, "-m", "sikoja.cli"]


def _namespaces_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount --bind / /mnt 2>/dev/null"],
                           capture_output=True)
    return probe.returncode == 0


def read_only(data_dir: Path, command: list[str]) -> list[str]:
    """``command`` run where ``data_dir`` is read-only, after checking that it really is."""
    proof = ['if touch "$0/.probe" 2>/dev/null; then echo "data dir is writable" >&2; exit 97; fi',
             'exec "$@"']
    if os.geteuid() != 0:
        for path in [data_dir, *data_dir.rglob("*")]:
            mode = path.stat().st_mode
            path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
        return ["sh", "-c", "; ".join(proof), str(data_dir), *command]
    if not _namespaces_work():
        pytest.skip("running as root without mount namespaces: chmod does not stop root and "
                    "no read-only mount can be made, so a read-only data dir cannot be tested")
    mount = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" || exit 98'
    return ["unshare", "-m", "sh", "-c", "; ".join([mount, *proof]), str(data_dir), *command]


@pytest.fixture()
def data_dir(tmp_path: Path):
    data = tmp_path / "data"
    write_corpus(data).close()
    build_index(load_settings(data, embedder="none"))
    with SynonymStore(data) as store:
        store.add("jadwal lahir => akta kelahiran", who="ana", why="t")
    bets = BestBetStore(data)
    bets.add("jadwal pelayanan", AKTA_URL, start=date.today() - timedelta(days=1))
    bets.close()
    analytics = Analytics(data)
    analytics.record_search("urus ktp", results=3)
    analytics.close()
    create_key(data, "admin")
    yield data
    for path in [data, *data.rglob("*")]:  # let pytest clean up after a chmod
        path.chmod(path.stat().st_mode | stat.S_IWUSR)


def test_search_on_a_read_only_data_dir(data_dir: Path) -> None:
    run = subprocess.run(read_only(data_dir, [*PYTHON, "search", "--data-dir", str(data_dir),
                                              "--json", "urus ktp"]),
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["results"][0]["url"] == KTP_URL

    change = subprocess.run(read_only(data_dir, [
        *PYTHON, "synonyms", "add", "--data-dir", str(data_dir), "a, b", "--who", "ana",
        "--why", "t"]), cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert change.returncode != 0
    assert "read-only" in change.stderr and "Traceback" not in change.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, data: bytes | None = None) -> tuple[int, bytes]:
    headers = {"content-type": "application/json"} if data else {}
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_serve_on_a_read_only_data_dir(data_dir: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        read_only(data_dir, [*PYTHON, "serve", "--data-dir", str(data_dir), "--port", str(port)]),
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, server.stdout.read() if server.stdout else ""
            try:
                status, body = _get(f"{base}/api/health")
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        assert status == 200 and json.loads(body)["status"] == "ok", body
        for _ in range(3):  # analytics cannot be written: searching goes on all the same
            status, body = _get(f"{base}/api/search?q=urus%20ktp")
            assert status == 200 and json.loads(body)["results"][0]["url"] == KTP_URL
        click = json.dumps({"query": "urus ktp", "id": "x", "url": KTP_URL, "position": 1})
        assert _get(f"{base}/api/click", click.encode())[0] == 204
        # the synonyms and best bets saved before the dir became read-only still apply
        status, body = _get(f"{base}/api/search?q=jadwal%20lahir")
        assert json.loads(body)["results"][0]["url"] == AKTA_URL
        status, body = _get(f"{base}/api/search?q=jadwal%20pelayanan")
        assert json.loads(body)["results"][0]["url"] == AKTA_URL
        assert _get(f"{base}/api/suggest?q=akta")[0] == 200
        assert server.poll() is None
    finally:
        server.terminate()
        output = server.communicate(timeout=60)[0]
    assert "Traceback" not in output, output
