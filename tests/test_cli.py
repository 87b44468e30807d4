"""The sikoja command line: the contract other tools drive, and its one-line errors.

Most commands run in this process through ``sikoja.cli.main`` (``run``): the exit code and
the output are main's own, without starting Python again (a crawl still runs in its own
crawl process). The tests of the entry point itself (``--help``) and of ``sikoja serve``
start the real command.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout

import pytest

from sikoja.cli import main
from tests.corpus import KTP_URL, write_corpus


def sikoja(*args, cwd=None):
    """``sikoja ARGS`` as a new process (``python -m sikoja.cli``)."""
    return subprocess.run([sys.executable, "-m", "sikoja.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=300, cwd=cwd)


def run(*args) -> subprocess.CompletedProcess[str]:
    """``sikoja ARGS`` in this process: main's exit code and what it wrote to stdout and
    stderr, in the shape ``sikoja`` returns."""
    argv = [str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    return subprocess.CompletedProcess(["sikoja", *argv], code, out.getvalue(), err.getvalue())


COMMANDS = ["crawl", "index", "search", "serve", "demo", "eval", "report"]


@pytest.mark.slow  # starts a process
def test_the_installed_command_explains_itself_and_names_every_command():
    """The entry point as a new process, once: each command's own help is read in this
    process below (a new Python per command was 0.27 s of CPU each)."""
    result = sikoja("--help")
    assert result.returncode == 0
    assert "usage: sikoja" in result.stdout
    assert all(f"    {command} " in result.stdout for command in COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_explains_itself(command):
    out = io.StringIO()
    with redirect_stdout(out), pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    assert f"usage: sikoja {command}" in out.getvalue() and len(out.getvalue().splitlines()) > 3


def one_line_error(result):
    """A failed command ends with exactly one error line (after any progress lines)."""
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("sikoja: error:")]
    assert len(errors) == 1, result.stderr
    assert result.stderr.strip().splitlines()[-1] == errors[0]
    assert "Traceback" not in result.stderr
    return errors[0]


def test_missing_sources_file(tmp_path):
    line = one_line_error(run("crawl", "--config", tmp_path / "nope.yaml",
                                 "--data-dir", tmp_path))
    assert "sources file not found" in line


def test_bad_yaml(tmp_path):
    bad = tmp_path / "sources.yaml"
    bad.write_text("sources:\n  - name: [unclosed\n", encoding="utf-8")
    line = one_line_error(run("crawl", "--config", bad, "--data-dir", tmp_path))
    assert "invalid YAML" in line and "line" in line


def test_source_without_start_urls(tmp_path):
    bad = tmp_path / "sources.yaml"
    bad.write_text("sources:\n  - name: dinkes\n    opd: Dinas Kesehatan\n    kind: website\n",
                   encoding="utf-8")
    line = one_line_error(run("crawl", "--config", bad, "--data-dir", tmp_path))
    assert "start_urls" in line


@pytest.mark.parametrize("text,expected", [
    # YAML would keep the second list silently, dropping the first site
    ("sources:\n  - name: dinkes\n    opd: Dinas Kesehatan\n"
     "    start_urls: ['https://dinkes.jambikota.go.id/']\n"
     "    start_urls: ['https://dinsos.jambikota.go.id/']\n",
     "key 'start_urls' appears twice (lines 4 and 5)"),
    ("sources: []\n", "'sources:' is empty"),
    ("sources:\n", "'sources:' is empty"),
    # a whole-file problem has no location: never "file: : message"
    ("sources:\n  - {name: a, opd: A, start_urls: ['https://a.go.id/']}\n"
     "  - {name: a, opd: B, start_urls: ['https://b.go.id/']}\n",
     "sources.yaml: source name 'a' is used twice"),
    ("sources:\n  - {name: katalog, opd: A, kind: app-catalog, url: 'file:///etc/passwd'}\n",
     "sources.0 (katalog).url: catalog url 'file:///etc/passwd' uses file:, not a web address"),
    ("sources:\n  - {name: a, opd: A, start_urls: ['javascript:alert(1)']}\n",
     "uses javascript:, not a web address"),
])
def test_a_bad_sources_file_is_refused_with_where_and_why(tmp_path, text, expected):
    bad = tmp_path / "sources.yaml"
    bad.write_text(text, encoding="utf-8")
    line = one_line_error(run("crawl", "--config", bad, "--data-dir", tmp_path / "d"))
    assert expected in line, line
    assert ": :" not in line and not (tmp_path / "d" / "documents.db").exists()


@pytest.mark.slow  # starts a crawl process that waits for its connection errors
def test_unreachable_site_is_one_line(tmp_path):
    sources = tmp_path / "sources.yaml"
    # port 9 (discard) on loopback: nothing listens, the connection is refused at once
    sources.write_text(
        "sources:\n  - name: mati\n    opd: Dinas Mati\n    kind: website\n"
        "    start_urls: ['http://127.0.0.1:9/']\n", encoding="utf-8")
    result = run("crawl", "--config", sources, "--data-dir", tmp_path / "d", "--delay", "0")
    assert "stored no pages" in one_line_error(result)
    assert "1 galat dalam" in result.stdout  # the summary still says what went wrong


def test_search_on_an_empty_data_dir(tmp_path):
    line = one_line_error(run("search", "--data-dir", tmp_path, "urus ktp"))
    assert "no index" in line
    line = one_line_error(run("index", "--data-dir", tmp_path))
    assert "crawl" in line


def test_index_then_search_json(tmp_path):
    write_corpus(tmp_path).close()
    assert run("index", "--data-dir", tmp_path, "--embedder", "none").returncode == 0
    result = run("search", "--data-dir", tmp_path, "--limit", "3", "--json", "urus KTP")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["query"] == "urus KTP"
    first = payload["results"][0]
    assert first["url"] == KTP_URL
    assert {"url", "title", "opd", "kind", "snippet", "score"} <= set(first)
    assert len(payload["results"]) <= 3
    text = run("search", "--data-dir", tmp_path, "urus KTP")
    assert text.returncode == 0 and KTP_URL in text.stdout.splitlines()[1]


def serve_and_search(data_dir, *serve_args, python_code=None):
    """Start ``sikoja serve --data-dir DATA_DIR SERVE_ARGS`` on a free port (through
    ``python -c PYTHON_CODE`` when given, which calls ``sikoja.cli.main``), wait for its
    first answer to a search for "urus KTP", stop it: (the JSON answer, its stderr)."""
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    start = [sys.executable, "-c", python_code] if python_code else [
        sys.executable, "-m", "sikoja.cli"]
    server = subprocess.Popen([*start, "serve", "--data-dir", str(data_dir), "--port",
                               str(port), *serve_args],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/api/search?q=urus%20KTP&limit=2"
        for _ in range(600):  # 30 s, looked at every 0.05 s
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    payload = json.loads(response.read())
                break
            except OSError:
                if server.poll() is not None:
                    break
                time.sleep(0.05)
        else:
            payload = None
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    if payload is None:
        pytest.fail("sikoja serve did not answer: " + stderr.decode())
    return payload, stderr.decode()


@pytest.mark.slow  # starts 'sikoja serve' with two workers
def test_serve_answers_the_api_contract(tmp_path):
    """sikoja serve, as other tools start it: the JSON contract on a real socket."""
    write_corpus(tmp_path).close()
    assert run("index", "--data-dir", tmp_path, "--embedder", "none").returncode == 0
    payload, _ = serve_and_search(tmp_path, "--workers", "2")
    assert payload["query"] == "urus KTP"
    assert payload["results"][0]["url"] == KTP_URL
    assert len(payload["results"]) <= 2


@pytest.mark.slow  # starts 'sikoja serve'
def test_serve_opens_the_index_once(tmp_path):
    """The index 'sikoja serve' checks at start is the one it serves: a large index opened
    twice would double the start. Counted by the backend's own log line per open, which an
    operator sees with logging at INFO."""
    write_corpus(tmp_path).close()
    assert run("index", "--data-dir", tmp_path, "--embedder", "none").returncode == 0
    with_info_logs = ("import logging, sys; logging.basicConfig(level=logging.INFO); "
                      "from sikoja.cli import main; sys.exit(main(sys.argv[1:]))")
    payload, stderr = serve_and_search(tmp_path, python_code=with_info_logs)
    assert payload["results"][0]["url"] == KTP_URL  # served, warmed up, searched
    opens = [line for line in stderr.splitlines() if "opened index version" in line]
    assert len(opens) == 1, stderr


def test_environment_overrides_one_setting_and_keeps_the_rest_of_sikoja_yaml(
        tmp_path, monkeypatch):
    from sikoja.config import load_settings

    (tmp_path / "sikoja.yaml").write_text(
        "embedder: none\n"
        "api:\n  cors_origins: ['https://portal.jambikota.go.id']\n  max_query_length: 120\n",
        encoding="utf-8")
    monkeypatch.setenv("SIKOJA_API__RATE_LIMIT_PER_MINUTE", "10")
    monkeypatch.setenv("SIKOJA_EMBEDDER", "use")  # the default, yet named: it wins
    settings = load_settings(tmp_path)
    assert settings.api.rate_limit_per_minute == 10
    assert settings.api.cors_origins == ["https://portal.jambikota.go.id"]
    assert settings.api.max_query_length == 120
    assert settings.embedder == "use"
    # an explicit override still beats both
    assert load_settings(tmp_path, embedder="e5").embedder == "e5"
