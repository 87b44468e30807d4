"""What reading a large script costs the crawler, against a plain scan of its string literals.

    .venv/bin/python bench/js_read.py [--rows 22000] [--rounds 3]

A single-page app's scripts are read for the URLs they load (``crawler.extract.jsonlist
.endpoints``) and the detail URLs they build per record (``crawler.extract.jsroutes
.detail_templates``). A data script of 2 MB of literals (a region table, as OPD apps ship)
is the costly case: session 16's first reading of detail templates looked back at each
literal with a regex and scanned patterns starting anywhere, at about 19x and 5x a plain
scan of the literals, where the reading before it cost about 4-10x and the mend brought it
back to about 4x and under 1x. Both are measured against the scan in the same process, so
the machine's speed cancels; best of ``--rounds``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.extract import jsroutes  # noqa: E402
from crawler.extract.jsonlist import _STRING, endpoints  # noqa: E402


def seconds(call: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def data_script(rows: int) -> str:
    """A script assigning a 2 MB table of literal records, as a region list is shipped."""
    table = [{"id": i, "kode": f"15.71.0{i % 9}.{i:04d}", "nama": f"Kelurahan Contoh {i}",
              "kec": "Telanaipura"} for i in range(rows)]
    return ("window.WILAYAH=" + json.dumps(table, separators=(",", ":")) + ";")[:2_000_000]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=22000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    code = data_script(args.rows)
    scan = seconds(lambda: sum(1 for _ in _STRING.finditer(code)), args.rounds)
    read = seconds(lambda: endpoints(code, "http://h/"), args.rounds)
    jsroutes._read(code)  # desugared once per script, as the crawl does
    templates = seconds(lambda: jsroutes._detail_templates.__wrapped__(code), args.rounds)
    print(f"script: {len(code):,} characters")
    print(f"scan of its literals: {scan:.3f} s")
    print(f"endpoints: {read:.3f} s ({read / scan:.1f}x the scan)")
    print(f"detail templates: {templates:.3f} s ({templates / scan:.1f}x the scan)")


if __name__ == "__main__":
    main()
