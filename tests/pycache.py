"""Compile the test modules once, before the workers start: ``python -m tests.pycache``.

pytest rewrites the asserts of every test module as it imports it and keeps the result in
``__pycache__`` (``*-pytest-<version>.pyc``). On a fresh clone, as CI runs, there is none
yet, and the xdist workers, collecting at the same moment, each rewrote all of them: 1.6 s
of CPU per worker for 110 modules, three times on two cores (issue #14). Here they are
rewritten once, over every core, with pytest's own rewriting, into the file pytest looks
for; a worker then reads them as it does on every later run. The test modules' helpers
(``tests/corpus.py``...) are compiled as the import system would.

The rewriting is pytest's private API: if it moved, this says so and stops, and the
workers rewrite for themselves as before (nothing else changes). Like pytest's own cache,
the files are written as with the default ini (no ``enable_assertion_pass_hook``).
"""

from __future__ import annotations

import os
import py_compile
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

TESTS = Path(__file__).resolve().parent


class _Quiet:
    """The assertion state ``_write_pyc`` reports to; a failed write is only a lost cache."""

    def trace(self, message: str) -> None:
        pass


def compile_one(path: Path) -> None:
    """Compile one module; any failure leaves it to the workers, as before this step (a
    pytest whose private functions changed their signature must not stop the suite)."""
    try:
        _compile(path)
    except Exception as exc:  # noqa: BLE001 - only a cache is lost
        print(f"tests.pycache: {path.name} left to the workers ({exc!r})", file=sys.stderr)


def _compile(path: Path) -> None:
    if not (path.name.startswith("test_") or path.name == "conftest.py"):
        py_compile.compile(str(path), doraise=False, quiet=2)
        return
    from _pytest.assertion.rewrite import (
        PYC_TAIL,
        _read_pyc,
        _rewrite_test,
        _write_pyc,
        get_cache_dir,
    )

    cache = get_cache_dir(path)
    pyc = cache / (path.name[:-3] + PYC_TAIL)
    if _read_pyc(path, pyc) is not None:  # current: the source's hash matches
        return
    cache.mkdir(exist_ok=True)
    source_hash, code = _rewrite_test(path, None)  # type: ignore[arg-type]
    _write_pyc(_Quiet(), code, source_hash, pyc)  # type: ignore[arg-type]


def main() -> int:
    if sys.dont_write_bytecode:
        print("tests.pycache: PYTHONDONTWRITEBYTECODE is set, nothing written", file=sys.stderr)
        return 0
    try:
        from _pytest.assertion import rewrite

        for name in ("PYC_TAIL", "_read_pyc", "_rewrite_test", "_write_pyc", "get_cache_dir"):
            getattr(rewrite, name)
    except (ImportError, AttributeError) as exc:
        print(f"tests.pycache: pytest's rewriting moved ({exc}); the workers rewrite",
              file=sys.stderr)
        return 0
    paths = sorted(TESTS.rglob("*.py"))
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(compile_one, paths, chunksize=8))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
