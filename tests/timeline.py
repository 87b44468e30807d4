"""Where the whole suite's time goes: which module ran on which worker, when, for how long,
and with how much CPU, its crawl processes, servers and browsers included.

A pytest plugin, off unless asked for (issue #14 was measured with it)::

    SIKOJA_TIMELINE=/tmp/t.jsonl .venv/bin/pytest -q -n 2 --dist loadfile -p tests.timeline
    .venv/bin/python -m tests.timeline /tmp/t.jsonl

Each test writes one line: its worker, start and end, the CPU of the worker process and of
the worker's whole process tree (``/proc``: a child's time is counted while it runs and,
once reaped, in its parent's). A process that another one reaps late (Chromium's, the
daemons a test starts) can move CPU between tests, so a module's tree CPU is the figure to
trust, not a test's. The report prints modules by worker in the order they ran, then each
worker's end.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu(root: int) -> float:
    """CPU seconds of ``root`` and every live process below it, with their reaped children."""
    children: dict[int, list[int]] = {}
    cpu: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:  # gone meanwhile
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        cpu[int(entry)] = sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += cpu.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total / TICK


def _write(record: dict[str, object]) -> None:
    with open(os.environ["SIKOJA_TIMELINE"], "a", encoding="utf-8") as out:
        out.write(json.dumps(record) + "\n")


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    if "SIKOJA_TIMELINE" not in os.environ:
        yield
        return
    start, cpu, tree = time.time(), time.process_time(), tree_cpu(os.getpid())
    yield
    _write({"worker": _worker(), "start": start, "end": time.time(),
            "cpu": time.process_time() - cpu, "tree": tree_cpu(os.getpid()) - tree,
            "test": item.nodeid})


def pytest_sessionfinish() -> None:
    if "SIKOJA_TIMELINE" in os.environ:
        _write({"worker": _worker(), "finished": time.time()})


def report(path: Path) -> list[str]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    tests = sorted((r for r in records if "test" in r), key=lambda r: r["start"])
    if not tests:
        return ["no tests recorded"]
    zero = tests[0]["start"]
    modules: dict[tuple[str, str], dict[str, float]] = {}
    for r in tests:
        m = modules.setdefault((r["worker"], r["test"].split("::")[0]),
                               {"start": r["start"], "end": r["end"], "n": 0, "cpu": 0, "tree": 0})
        m["end"] = max(m["end"], r["end"])
        m["n"] += 1
        m["cpu"] += r["cpu"]
        m["tree"] += r["tree"]
    lines = []
    for worker in sorted({r["worker"] for r in tests}):
        lines.append(f"{worker}: start  end   wall  tree-cpu  worker-cpu  tests  module")
        for (w, module), m in modules.items():
            if w == worker:
                lines.append(f"  {m['start'] - zero:6.1f} {m['end'] - zero:6.1f} "
                             f"{m['end'] - m['start']:6.1f} {m['tree']:8.1f} {m['cpu']:10.1f} "
                             f"{m['n']:6.0f}  {module}")
        ends = [r["finished"] for r in records if r.get("worker") == worker and "finished" in r]
        if ends:
            lines.append(f"  finished at {max(ends) - zero:.1f} s")
    lines.append(f"tree CPU of all tests: {sum(r['tree'] for r in tests):.1f} s")
    return lines


if __name__ == "__main__":
    print("\n".join(report(Path(sys.argv[1]))))
