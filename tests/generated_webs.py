"""Checks shared by the generated held-out webs' tests (``eval/heldout2``, ``eval/heldout3``):
each web is what its generator writes, the generator refuses a folder without the facts,
and its judgments are complete. Nothing here looks at rankings: the webs are never tuned on.
"""

from __future__ import annotations

import csv
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import pytest

from tests.test_heldout_web import judged  # the same judgments format

GENERATED = ("queries.tsv", "sites")
CATEGORIES = ("formal", "colloquial", "abbreviation", "typo", "old-term", "english",
              "jambi-malay", "problem", "app")


def load_generator(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(path.stem, module)
    spec.loader.exec_module(module)
    return module


def judgments(web: Path) -> list[dict[str, str]]:
    with (web / "queries.tsv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def tree(folder: Path, names: Sequence[str] = GENERATED) -> dict[str, bytes]:
    files = {}
    for name in names:
        base = folder / name
        for p in [base] if base.is_file() else sorted(base.rglob("*")):
            if p.is_file():
                files[p.relative_to(folder).as_posix()] = p.read_bytes()
    return files


def assert_generated(generator: Path, web: Path, out: Path) -> None:
    """The committed web is byte for byte what its generator writes from the shared facts
    (skipped, saying where it looked, when the facts are not beside the repository)."""
    module = load_generator(generator)
    data = module.default_data_dir()
    if not (data / "services.jsonl").is_file():
        pytest.skip(f"the generator's fact files are not at {data}")
    assert module.main(["--data", str(data), "--out", str(out)]) == 0
    fresh, committed = tree(out), tree(web)
    stale = sorted(k for k in fresh.keys() | committed.keys() if fresh.get(k) != committed.get(k))
    assert not stale, f"{web.name} differs from {generator.name}: {stale[:5]}"


def assert_refuses_without_facts(generator: Path, folder: Path, err: object) -> None:
    """Run against a folder without the facts, the generator exits 2 naming the missing
    file and writes nothing (``err``: a callable giving what it printed to stderr)."""
    module = load_generator(generator)
    assert module.main(["--data", str(folder), "--out", str(folder / "out")]) == 2
    assert "services.jsonl" in err()  # type: ignore[operator]
    assert not (folder / "out").exists()


def assert_judged(rows: list[dict[str, str]], minimum: int, per_category: int = 14) -> None:
    """Every category has enough queries, no query twice, and each an exact answer."""
    counts = {c: sum(r["category"] == c for r in rows) for c in CATEGORIES}
    assert all(n >= per_category for n in counts.values()), counts
    assert len(rows) >= minimum and {r["category"] for r in rows} == set(CATEGORIES)
    assert len({r["qid"] for r in rows}) == len(rows)
    assert len({r["query"].lower() for r in rows}) == len(rows)
    for row in rows:
        grades = judged(row)
        assert grades and set(grades.values()) <= {1, 2}, row["qid"]
        assert 2 in grades.values(), f"{row['qid']} has no exact answer"
