"""Same documents, same ranking: the judged queries searched in the process that built the
index and in a fresh process on the same data dir, counting queries whose top ten differ.

    .venv/bin/python bench/rank_determinism.py --queries JUDGMENTS.tsv [--data-dir KEPT]

With ``--data-dir`` (a kept crawl, e.g. ``bench/eval_webs.py --keep``'s ``tuning`` dir with
its ``tuning-judgments.tsv``, ports already mapped) the data dir is copied and indexed afresh
(``--full``) in this process; without it the tuning web is served on free ports, crawled and
indexed here as ``bench/eval_webs.py`` does. Then this process searches every query, and a
new process (``python bench/rank_determinism.py --search-only``), as ``sikoja search`` or
``sikoja serve`` would, searches them again. Evals and tests search in the indexing process;
users in a fresh one (session 21, issue #11).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def search_all(data_dir: Path, queries: Path, limit: int | None) -> dict[str, list[str]]:
    """qid -> the URLs of its first ten results, searched by one Searcher."""
    from indexer.evaluate import read_judgments
    from indexer.search import Searcher
    from sikoja.config import load_settings

    judged = read_judgments(queries)[:limit]
    searcher = Searcher(load_settings(data_dir))
    try:
        return {j.qid: [r.url for r in searcher.search(j.query, limit=10).results]
                for j in judged}
    finally:
        searcher.close()


def differing(a: dict[str, list[str]], b: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    """(queries whose top ten differ, queries whose first result differs)."""
    top10 = [q for q in a if a[q] != b.get(q)]
    return top10, [q for q in top10 if a[q][:1] != (b.get(q) or [])[:1]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=Path, required=True,
                        help="judgments TSV whose URLs name the ports the data dir was crawled on")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="a kept crawl to copy and index afresh "
                        "(default: crawl the tuning web)")
    parser.add_argument("--limit", type=int, default=None, help="the first N queries only")
    parser.add_argument("--search-only", type=Path, default=None,
                        help="(internal) search --data-dir and write the results here")
    args = parser.parse_args()
    if args.search_only:
        args.search_only.write_text(json.dumps(search_all(args.data_dir, args.queries,
                                                          args.limit)), encoding="utf-8")
        return
    from indexer.build import build_index
    from sikoja.config import load_settings

    work = Path(tempfile.mkdtemp(prefix="sikoja-rank-determinism-"))
    try:
        if args.data_dir is not None:
            data_dir = work / "data"
            shutil.copytree(args.data_dir, data_dir,
                            ignore=shutil.ignore_patterns("crawl.lock", "*.lock"))
            print(build_index(load_settings(data_dir), full=True), flush=True)
        else:
            from bench.eval_webs import WEBS, crawl_and_index
            data_dir = crawl_and_index("tuning", WEBS["tuning"][0], work)[0]
        started = time.perf_counter()
        here = search_all(data_dir, args.queries, args.limit)
        print(f"in-process: {len(here)} queries ({time.perf_counter() - started:.0f} s)",
              flush=True)
        out = work / "fresh.json"
        subprocess.run([sys.executable, __file__, "--queries", str(args.queries),
                        "--data-dir", str(data_dir), "--search-only", str(out),
                        *(["--limit", str(args.limit)] if args.limit else [])], check=True)
        fresh = json.loads(out.read_text(encoding="utf-8"))
        top10, first = differing(here, fresh)
        print(f"top ten differ: {len(top10)} of {len(here)}; first result differs: {len(first)}")
        for q in first:
            print(f"  {q}: in-process {here[q][:1]}, fresh {fresh[q][:1]}")
        for q in top10:
            if q not in first:
                print(f"  {q}: top ten differ below the first")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
