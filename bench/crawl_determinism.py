"""Do two crawls of the same web with the same code store the same documents?

    .venv/bin/python bench/crawl_determinism.py                  # the whole tuning web
    .venv/bin/python bench/crawl_determinism.py --only docx-dpmptsp disdukcapil
    .venv/bin/python bench/crawl_determinism.py --compare DATA_DIR DATA_DIR

The sample web is served once and crawled twice into two fresh data dirs: once one request
per host at a time (pages arrive in the order they are found) and once many at a time (pages
arrive in whatever order the server answers). Every decision the crawler makes - which page
a file is filed under, which copy of a duplicate group is its canonical, which title a site
is known by - should follow from the pages and their URLs, not from the order they came in,
so the two data dirs should hold the same documents. Compared per URL: status, kind, title,
text, headings, fields, parent page and duplicate group (the timestamps and validators are
left out; a retired document counts as absent). Prints how many documents differ, per
stored column, and the first few of each. ``--keep DIR`` keeps both data dirs;
``--compare A B`` compares two data dirs crawled before (a crawl of another day, another
machine), the ports each was served on written as offsets from its base port.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COLUMNS = ("status", "kind", "title", "text", "headings", "breadcrumbs", "fields", "opd",
           "parent_url", "group_id", "lang")
ORDERS = {"one-at-a-time": 1, "many-at-once": 16}
_PORT = re.compile(r"(127\.0\.0\.1:)(\d+)")
_BASE = re.compile(r"base port (\d+)")


def crawl_into(data_dir: Path, sources_file: Path, per_host: int) -> float:
    """Crawl every source into ``data_dir`` with ``per_host`` requests per host at once."""
    from crawler.run import crawl
    from sikoja.config import load_settings
    from sikoja.sources import load_sources

    data_dir.mkdir(parents=True)
    settings = load_settings(data_dir)
    settings.crawl.delay = 0.0
    settings.crawl.concurrency_per_host = per_host
    started = time.perf_counter()
    summary = crawl(load_sources(sources_file), settings, data_dir, timeout=1800)
    print(f"[{data_dir.name}] {summary}", flush=True)
    return time.perf_counter() - started


def stored(data_dir: Path, base_port: int) -> dict[str, dict[str, str]]:
    """url -> the compared columns of every live document (a retired one is searched by no
    one), its loopback ports written as offsets from ``base_port`` (``:+3``) so that crawls
    of the web served on different ports compare."""
    con = sqlite3.connect(data_dir / "documents.db")
    con.row_factory = sqlite3.Row

    def plain(value: object) -> str:
        return _PORT.sub(lambda m: f"{m.group(1)}+{int(m.group(2)) - base_port}",
                         _plain(value))

    try:
        return {plain(r["url"]): {c: plain(r[c]) for c in COLUMNS}
                for r in con.execute(f"SELECT url, {', '.join(COLUMNS)} FROM documents "
                                     "WHERE status = 'live'")}
    finally:
        con.close()


def served_base(data_dir: Path) -> int:
    """The base port the web was served on, as the sources file of a sample crawl says."""
    found = _BASE.search((data_dir / "sources.yaml").read_text(encoding="utf-8"))
    if found is None:
        raise SystemExit(f"{data_dir}/sources.yaml names no base port (not a sample crawl)")
    return int(found.group(1))


def _plain(value: object) -> str:
    if isinstance(value, str) and value[:1] in "{[":
        try:  # JSON columns compared by content, not by key order
            return json.dumps(json.loads(value), sort_keys=True, ensure_ascii=False)
        except ValueError:
            pass
    return "" if value is None else str(value)


def differences(a: dict[str, dict[str, str]],
                b: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    """column (or "only in one crawl") -> the URLs whose stored value differs."""
    out: dict[str, list[str]] = {}
    for url in sorted(a.keys() ^ b.keys()):
        out.setdefault("only in one crawl", []).append(url)
    for url in sorted(a.keys() & b.keys()):
        for column in COLUMNS:
            if a[url][column] != b[url][column]:
                out.setdefault(column, []).append(url)
    return out


def _group_sizes(docs: dict[str, dict[str, str]]) -> Counter[str]:
    return Counter(d["group_id"] for d in docs.values() if d["group_id"])


def report(a: dict[str, dict[str, str]], b: dict[str, dict[str, str]], show: int) -> int:
    diff = differences(a, b)
    urls = {u for found in diff.values() for u in found}
    print(f"\n{len(a)} / {len(b)} documents stored; {len(urls)} differ between the crawls")
    for column, found in sorted(diff.items(), key=lambda kv: -len(kv[1])):
        print(f"  {column}: {len(found)}")
        for url in found[:show]:
            left, right = a.get(url, {}).get(column, "-"), b.get(url, {}).get(column, "-")
            print(f"    {url}\n      {left[:160]!r}\n      {right[:160]!r}")
    return len(urls)


def main(argv: list[str] | None = None) -> int:
    from sikoja.demo.server import serve_sample_sites

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT / "sikoja" / "demo" / "sites",
                        help="the sample web to crawl (default: the tuning web)")
    parser.add_argument("--only", nargs="*", help="just these sites of the web")
    parser.add_argument("--show", type=int, default=5, help="URLs shown per column")
    parser.add_argument("--keep", type=Path, help="keep both data dirs under this dir")
    parser.add_argument("--compare", nargs=2, type=Path, metavar="DATA_DIR",
                        help="compare two data dirs already crawled (no crawl)")
    args = parser.parse_args(argv)

    if args.compare:
        first, second = (stored(d, served_base(d)) for d in args.compare)
        return 1 if report(first, second, args.show) else 0
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        with serve_sample_sites(base_port=0, root=args.root, only=args.only) as web:
            sources = web.write_sources(work / "sources.yaml")
            seconds = {name: crawl_into(work / name, sources, per_host)
                       for name, per_host in ORDERS.items()}
        print(", ".join(f"{name}: {s:.0f} s" for name, s in seconds.items()))
        first, second = (stored(work / name, web.base_port) for name in ORDERS)
        differing = report(first, second, args.show)
        sizes = _group_sizes(first), _group_sizes(second)
        print(f"duplicate groups: {len(sizes[0])} / {len(sizes[1])}")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
