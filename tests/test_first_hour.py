"""The first hour: a new admin's commands either work or say in one line what to do.

Covers ``sikoja serve`` on a data dir without an index, the demo's port check before the
minute of crawling, what the demo prints when it is ready, and ``sikoja serve`` on the
demo's data serving the sample sites its result links point at.
"""

from __future__ import annotations

import json
import random
import shlex
import socket
import time
import urllib.request
from pathlib import Path

import pytest

from sikoja.demo.run import DEMO_MARKER, port_in_use, sample_site_ports, where_things_are
from tests import test_api
from tests.test_cli import one_line_error, run, sikoja

# the API tests' fixtures: a small indexed data dir and the app running on it
settings, client = test_api.settings, test_api.client


# Ports for servers a test's process binds later, after a crawl: below the kernel's
# ephemeral range (Linux: 32768-60999), where the crawl's own outgoing connections take their
# local ports. A port the kernel hands out (bind to 0) was taken that way during a demo's
# 20-second crawl: the demo then failed with "Address already in use".
LISTEN_PORTS = range(20000, 32700)


def free_port(avoid: set[int] = frozenset()) -> int:
    """A free port for a server started later, below the ephemeral range, from a random
    place so test processes side by side (pytest -n) do not pick the same one; never one
    of ``avoid`` (ports the same test will bind for something else)."""
    start = random.randrange(len(LISTEN_PORTS))
    for port in [*LISTEN_PORTS[start:], *LISTEN_PORTS[:start]]:
        if port not in avoid and _free(port):
            return port
    raise RuntimeError("no free port below the ephemeral range")


def free_block() -> int:
    """A base port whose whole block of sample-site ports is free, below the ephemeral
    range. The search starts at a random place, so test processes running side by side
    (pytest -n) do not pick the same block before either binds it."""
    bases = list(range(LISTEN_PORTS.start, LISTEN_PORTS.stop - 100, 97))
    start = random.randrange(len(bases))
    for base in bases[start:] + bases[:start]:
        if all(_free(p) for p in sample_site_ports(base)):
            return base
    raise RuntimeError("no free block of ports")


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture()
def occupied():
    """A port something else is listening on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


@pytest.mark.slow  # starts 'sikoja serve'
def test_serve_without_an_index_says_how_to_build_one_and_fails(tmp_path):
    started = time.monotonic()
    result = sikoja("serve", "--data-dir", tmp_path, "--port", free_port())
    line = one_line_error(result)
    assert time.monotonic() - started < 60  # not serving 503 forever
    assert "no index" in line and "sikoja index --data-dir" in line and "sikoja crawl" in line
    assert result.stdout == ""


@pytest.mark.slow  # starts a process
def test_demo_names_a_busy_search_port_before_crawling(tmp_path, occupied):
    started = time.monotonic()
    result = sikoja("demo", "--data-dir", tmp_path / "demo", "--port", occupied,
                    "--sites-port", free_block(), "--example-port", 0)
    line = one_line_error(result)
    assert f"port {occupied} " in line and "--port" in line and "(None)" not in line
    assert time.monotonic() - started < 30  # no crawl first
    assert not (tmp_path / "demo").exists()


@pytest.mark.slow  # starts a process
def test_demo_names_a_busy_sample_site_port_before_crawling(tmp_path, occupied):
    base = occupied - (sample_site_ports(0)[3])  # the fourth sample site's port is taken
    port = free_port(avoid=set(sample_site_ports(base)))  # else "asked for twice"
    result = sikoja("demo", "--data-dir", tmp_path / "demo", "--port", port,
                    "--sites-port", base, "--example-port", 0)
    line = one_line_error(result)
    assert "sample" in line and "--sites-port" in line
    named = int(line.split("port ", 1)[1].split()[0])
    # ours, unless another program on this machine holds a lower port of the block
    assert named == occupied or (named in sample_site_ports(base) and port_in_use(
        "127.0.0.1", named))
    assert not (tmp_path / "demo").exists()


@pytest.mark.slow  # starts a process
def test_demo_names_a_busy_widget_example_port(tmp_path, occupied):
    base = free_block()
    port = free_port(avoid=set(sample_site_ports(base)))  # else "asked for twice"
    result = sikoja("demo", "--data-dir", tmp_path / "demo", "--port", port,
                    "--sites-port", base, "--example-port", occupied)
    line = one_line_error(result)
    assert f"port {occupied} " in line and "--example-port" in line


@pytest.mark.slow  # starts a process
def test_demo_refuses_a_search_port_inside_its_sample_sites_block(tmp_path):
    base = free_block()
    inside = sample_site_ports(base)[2]
    result = sikoja("demo", "--data-dir", tmp_path / "demo", "--port", inside,
                    "--sites-port", base, "--example-port", 0)
    line = one_line_error(result)
    assert f"port {inside} is asked for twice" in line and "--sites-port" in line
    assert not (tmp_path / "demo").exists()  # said before the crawl


def test_a_reserved_port_cannot_be_taken_while_the_demo_crawls():
    from sikoja.demo.run import reserve_port

    port = free_port()
    sock = reserve_port("127.0.0.1", port)
    try:
        assert port_in_use("127.0.0.1", port)  # another program, or an outgoing connection
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass  # already listening: early clients wait in the queue, not refused
    finally:
        sock.close()
    assert not port_in_use("127.0.0.1", port)


def test_the_demo_says_where_things_are(tmp_path):
    data = tmp_path / "data" / "demo"
    lines = "\n".join(where_things_are(data, "http://127.0.0.1:8000/",
                                       "http://127.0.0.1:8700/host-page.html"))
    assert f"data dir:        {data.resolve()}" in lines
    assert "widget example:  http://127.0.0.1:8700/host-page.html" in lines
    key_line = next(x for x in lines.splitlines() if x.startswith("admin API key:"))
    command = shlex.split(key_line.split(":", 1)[1])
    assert command[1:] == ["apikey", "create", "--data-dir", str(data), "admin"]
    assert "sikoja" in command[0] and ".venv/bin" in lines or "on your PATH" in lines


@pytest.mark.slow  # serves the sample web from a demo data dir, twice
def test_serve_on_the_demo_data_serves_the_sample_sites_again(tmp_path):
    from sikoja.demo.run import demo_sites_for

    base = free_block()
    (tmp_path / DEMO_MARKER).write_text(json.dumps({"sites_port": base}), encoding="utf-8")
    said: list[str] = []
    first = sample_site_ports(base)[0]
    with demo_sites_for(tmp_path, progress=said.append):
        with urllib.request.urlopen(f"http://127.0.0.1:{first}/", timeout=10) as r:
            assert r.status == 200
        assert "result links open" in said[0]
    assert not port_in_use("127.0.0.1", first)  # stopped with the server
    with demo_sites_for(Path(tmp_path / "not-demo"), progress=said.append):
        assert len(said) == 1  # ordinary data: nothing started, nothing said


# -- consistent errors ----------------------------------------------------------------------


def test_an_empty_query_is_refused_alike_by_the_cli_and_the_api(client):
    from sikoja.errors import EMPTY_QUERY

    api = client.get("/api/search", params={"q": "   "})
    assert api.status_code == 422 and api.json()["message"] == EMPTY_QUERY
    data_dir = client.app.state.settings.data_dir
    line = one_line_error(run("search", "--data-dir", data_dir, "  "))
    assert line == f"sikoja: error: {EMPTY_QUERY}"


def test_every_422_has_one_shape(client):
    answers = [
        client.get("/api/search", params={"q": ""}),
        client.get("/api/search"),
        client.get("/api/search", params={"q": "k" * 1000}),
        client.get("/api/search", params={"q": "ktp", "opd": ["x"] * 30}),
        client.get("/api/search", params={"q": "ktp", "limit": 0}),
        client.get("/api/suggest", params={"q": "k" * 1000}),
        client.get("/api/services/not%20an%20id"),
        client.post("/api/click", json={"query": "k" * 1000, "id": "abc"}),
        client.post("/api/click", json={"query": "ktp", "id": "<script>"}),
    ]
    for r in answers:
        assert r.status_code == 422, r.request.url
        body = r.json()
        assert set(body) == {"detail", "message"}, body
        assert isinstance(body["message"], str) and body["message"]
        assert all(set(d) == {"loc", "msg", "type"} for d in body["detail"]), body


def test_synonyms_add_works_without_user_in_the_environment(tmp_path, monkeypatch):
    """In this process (``sikoja.who`` reads the environment when a change is made): as a
    new Python it was 0.5 s of CPU for what the environment alone decides."""
    import os
    import pwd

    monkeypatch.delenv("USER", raising=False)
    monkeypatch.delenv("LOGNAME", raising=False)
    result = run("synonyms", "add", "--data-dir", tmp_path, "pisah kk, pecah kk",
                 "--why", "warga menulis pisah")
    assert result.returncode == 0, result.stderr
    history = run("synonyms", "history", "--data-dir", tmp_path)
    assert pwd.getpwuid(os.getuid()).pw_name in history.stdout


# -- the home page's life events -----------------------------------------------------------


def test_life_events_lead_to_the_services_the_index_has(client):
    events = {e["key"]: e for e in client.get("/api/life-events").json()["events"]}
    birth = events["kelahiran"]
    assert birth["label"] == {"id": "Kelahiran anak", "en": "A baby is born"}
    assert [s["title"] for s in birth["services"]][:1] == ["Penerbitan Akta Kelahiran"]
    assert client.get(f"/api/search?q={birth['query']}").json()["total"] > 0
    # no death certificate service in this index: no look-alike (Akta Kelahiran) offered
    assert "kematian" not in events


def test_an_admin_can_replace_the_life_events(settings):
    from fastapi.testclient import TestClient

    from search_api.app import create_app

    (settings.data_dir / "life_events.yaml").write_text(
        "events:\n  - key: bangun\n    label: {id: Membangun rumah, en: Building a house}\n"
        "    queries: [persetujuan bangunan gedung]\n", encoding="utf-8")
    with TestClient(create_app(settings)) as c:
        events = c.get("/api/life-events").json()["events"]
    assert [(e["key"], [s["title"] for s in e["services"]]) for e in events] == [
        ("bangun", ["Persetujuan Bangunan Gedung (PBG)"])]
