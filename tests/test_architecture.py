"""The architecture is a rule the build checks, not a hope: imports follow the flow
sources -> documents -> index -> answers, in the layers ``pyproject.toml`` lists
(``[tool.importlinter]``), and no module imports itself round a cycle.

The layers, highest first: the CLI; the demo and the CLI's index-using synonyms command;
the API (``search_api``); the application layer (``sikoja.pipeline``); the crawler and the
indexer, which never import each other; the synonyms; the shared core (the rest of
``sikoja``). Imports inside functions count as much as those at the top of a module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGES = CONFIG["tool"]["importlinter"]["root_packages"]

# Cycles allowed for a reason that will go (none today: the backend split of issue #14 moved
# the registry out of indexer/backend.py). The test fails once an allowed cycle is gone, so an
# exception added here cannot outlive its reason.
ALLOWED_CYCLES: list[set[str]] = []


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """``lint-imports`` over the packages under ``root``, and those only (an editable
    install of another checkout must not answer for a module)."""
    code = ("import sys\n"
            "sys.meta_path[:] = [f for f in sys.meta_path\n"
            "                    if not getattr(f, '__module__', '').startswith('__editable__')]\n"
            "from importlinter.cli import lint_imports_command\n"
            "lint_imports_command(['--no-cache', '--config', 'pyproject.toml'])\n")
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.run([sys.executable, "-c", code], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.slow  # starts a process
def test_imports_follow_the_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_package_and_core_module_has_its_place_in_the_layers():
    found = set(CONFIG["tool"]["setuptools"]["packages"]["find"]["include"])
    assert {p + "*" for p in PACKAGES} == found  # every package we ship is checked
    layers = " ".join(CONFIG["tool"]["importlinter"]["contracts"][0]["layers"])
    named = {part.strip() for part in layers.replace("|", " ").replace(":", " ").split()}
    modules = {f"sikoja.{p.stem}" for p in (ROOT / "sikoja").glob("*.py")
               if p.stem != "__init__"}
    modules |= {f"sikoja.{p.parent.name}" for p in (ROOT / "sikoja").glob("*/__init__.py")}
    assert modules - named == set(), "add the new module to a layer in pyproject.toml"
    assert named - modules - set(PACKAGES) == set(), "a layer names a module that is gone"


@pytest.mark.slow  # starts a process
def test_a_wrong_way_import_breaks_the_build(tmp_path):
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("__pycache__", "sites", "data"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    wrong = {  # module -> what it must never import (inside a function still counts)
        "crawler/dedup.py": "def _peek():\n    from indexer import search  # noqa\n",
        "synonyms/rules.py": "from indexer.analysis import analyzer  # noqa\n",
        "search_api/keys.py": "from sikoja.cli import main  # noqa\n",
        "sikoja/documents.py": "from sikoja.pipeline import crawl  # noqa\n",
    }
    for path, line in wrong.items():
        with open(tmp_path / path, "a", encoding="utf-8") as f:
            f.write("\n\n" + line)
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "0 kept, 1 broken" in result.stdout
    for importer, imported in (("crawler.dedup", "indexer.search"),
                               ("synonyms.rules", "indexer.analysis.analyzer"),
                               ("search_api.keys", "sikoja.cli"),
                               ("sikoja.documents", "sikoja.pipeline")):
        assert f"{importer} -> {imported}" in result.stdout, (importer, result.stdout)


def _cycles(graph: grimp.ImportGraph) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(
                        child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def test_no_module_imports_itself_round_a_cycle():
    sys.path.insert(0, str(ROOT))
    try:
        graph = grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True, cache_dir=None)
    finally:
        sys.path.remove(str(ROOT))
    cycles = _cycles(graph)
    unexpected = [sorted(c) for c in cycles if c not in ALLOWED_CYCLES]
    assert unexpected == [], "import cycles (a function-local import does not hide one)"
    gone = [sorted(c) for c in ALLOWED_CYCLES if c not in cycles]
    assert gone == [], "this cycle is gone: remove it from ALLOWED_CYCLES"
