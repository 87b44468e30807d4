"""The packages' own commands (``sikoja synonyms``, ``sikoja apikey``) are plug-ins of the
CLI. A package that is not installed leaves its commands out and ``--help`` says so; one that
is installed but broken must fail loudly, never make its commands vanish without a word.

Each test runs the real CLI in a child process over a copy of the packages it loads, with
one package removed or broken, as a slim or damaged install would be.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("sikoja", "synonyms", "search_api")  # all that building the parser loads
# the CLI as installed in the copy only: an editable install of the repository would
# otherwise still find the packages the copy left out
RUN_CLI = """import sys
sys.meta_path[:] = [f for f in sys.meta_path
                    if not getattr(f, "__module__", "").startswith("__editable__")]
from sikoja.cli import main
sys.exit(main(sys.argv[1:]))
"""


def install(tmp_path: Path, *, without: str | None = None) -> Path:
    site = tmp_path / "site"
    for package in PACKAGES:
        if package != without:
            shutil.copytree(ROOT / package, site / package,
                            ignore=shutil.ignore_patterns("__pycache__", "sites"))
    return site


def sikoja(site: Path, *args: str, debug: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SIKOJA_DEBUG"}
    env["PYTHONPATH"] = str(site)
    if debug:
        env["SIKOJA_DEBUG"] = "1"
    return subprocess.run([sys.executable, "-c", RUN_CLI, *args], cwd=site, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.slow  # starts a process
def test_a_complete_install_offers_every_package_command(tmp_path):
    result = sikoja(install(tmp_path), "--help")
    assert result.returncode == 0, result.stderr
    assert "synonyms" in result.stdout and "apikey" in result.stdout
    assert "not installed" not in result.stdout
    test = sikoja(install(tmp_path / "again"), "synonyms", "test", "--help")
    assert test.returncode == 0 and "--add" in test.stdout


@pytest.mark.slow  # starts a process
def test_a_package_that_is_not_installed_is_left_out_and_named_in_help(tmp_path):
    site = install(tmp_path, without="synonyms")
    result = sikoja(site, "--help")
    assert result.returncode == 0, result.stderr
    assert "not installed here" in result.stdout and "'synonyms' package" in result.stdout
    assert "apikey" in result.stdout  # the other plug-in is still there
    missing = sikoja(site, "synonyms", "list", "--data-dir", str(tmp_path))
    assert missing.returncode == 2 and "invalid choice: 'synonyms'" in missing.stderr


@pytest.mark.slow  # starts a process
def test_a_broken_command_module_fails_loudly_instead_of_vanishing(tmp_path):
    site = install(tmp_path)
    cli = site / "synonyms" / "cli.py"
    cli.write_text(cli.read_text() + "\nfrom indexer.nowhere import nothing\n")
    for args in (("--help",), ("synonyms", "list", "--data-dir", str(tmp_path)),
                 ("bestbet", "list", "--data-dir", str(tmp_path))):
        result = sikoja(site, *args)
        assert result.returncode == 1, (args, result.stdout)
        assert result.stderr.startswith("sikoja: error: the commands in synonyms.cli cannot "
                                        "be loaded: No module named 'indexer'"), result.stderr
        assert "Traceback" not in result.stderr
    debug = sikoja(site, "--help", debug=True)
    assert debug.returncode == 1 and "Traceback" in debug.stderr
    assert "from indexer.nowhere import nothing" in debug.stderr


@pytest.mark.slow  # starts a process
def test_a_command_module_with_an_error_of_its_own_fails_loudly(tmp_path):
    site = install(tmp_path)
    cli = site / "search_api" / "cli.py"
    cli.write_text(cli.read_text().replace("def add_subcommands", "def add_subcommands(:", 1))
    result = sikoja(site, "--help")
    assert result.returncode == 1
    assert "the commands in search_api.cli cannot be loaded: SyntaxError" in result.stderr
