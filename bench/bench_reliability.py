"""Reliability figures of issue #13: a huge synonym import, and damaged index files.

    .venv/bin/python bench/bench_reliability.py --docs 1000 [--synonyms-only]

1. Synonyms. The reported file (200 rules, each "ktp" plus 198 made-up terms) is validated
   (rejected, with how long that takes); the same rules are compiled without validation to
   show compiling is linear; then a valid 430 KB file (rules of 40 terms, "ktp" in one of
   them) is imported into the store of a running Searcher, and the first "ktp" search after
   it is timed (uncached: the Searcher itself, not the API's answer cache), plus how long
   until the new rules apply and the searches after that.
2. Faults. An index of ``--docs`` synthetic documents is built twice (two versions, real
   embedder, faiss HNSW file forced); each file kind of the live version is damaged in turn
   on a copy; the bench checks that search answers, rebuilds with ``build_index`` and counts
   documents lost (documents crawled minus documents in the rebuilt index). It also times
   opening a version (hashing every file) against its size.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import indexer.embedded as embedded  # noqa: E402
from bench.corpus import write_corpus  # noqa: E402
from indexer.build import build_index  # noqa: E402
from indexer.search import Searcher  # noqa: E402
from sikoja.config import load_settings  # noqa: E402
from synonyms import SynonymFileError, SynonymStore, parse  # noqa: E402
from tests.test_index_faults import FAULTS, documents_in  # noqa: E402


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def issue_file() -> str:
    return "\n".join(", ".join(["ktp"] + [f"e{r}_{i:x}" for i in range(198)])
                     for r in range(200)) + "\n"


def valid_file(size: int = 430_000) -> str:
    rules, total, r = [], 0, 0
    while total < size:
        terms = [f"layanan{r}x{i}" for i in range(40)]
        if r == 0:
            terms[0] = "ktp"
        line = ", ".join(terms)
        rules.append(line)
        total += len(line) + 1
        r += 1
    return "\n".join(rules) + "\n"


def synonym_figures(data_dir: Path) -> dict[str, object]:
    out: dict[str, object] = {}
    text = issue_file()
    started = time.perf_counter()
    try:
        parse(text, "issue.txt")
        out["issue_file_rejected"] = False
    except SynonymFileError as exc:
        out["issue_file_rejected"] = True
        out["issue_file_problems"] = len(exc.problems)
        out["issue_file_first_problem"] = str(exc.problems[0])
    out["issue_file_bytes"] = len(text.encode())
    out["issue_file_validate_ms"] = ms(time.perf_counter() - started)
    unchecked = parse(text, "issue.txt", max_expansions=None)
    searcher = Searcher(load_settings(data_dir, embedder="none"))
    analyzer = searcher.analyzer
    started = time.perf_counter()
    compiled = unchecked.compile(analyzer.index_tokens)
    out["issue_file_compile_unvalidated_ms"] = ms(time.perf_counter() - started)
    out["issue_file_ktp_expansions_capped_at"] = len(compiled.expand(["ktp"]))

    valid = valid_file()
    out["valid_file_bytes"] = len(valid.encode())
    searcher.warm_up()  # as the server does at start: language models, default rules
    store = searcher.analyzer.synonyms
    started = time.perf_counter()
    with SynonymStore(data_dir) as admin:  # as the admin API or the CLI would
        admin.import_text(valid, who="bench", why="reliability", source="valid.txt")
    out["valid_file_import_ms"] = ms(time.perf_counter() - started)
    started = time.perf_counter()
    searcher.search("ktp", limit=10)
    out["first_search_after_import_ms"] = ms(time.perf_counter() - started)
    started = time.perf_counter()
    while not any(t.tokens == ("layanan0x1",) for t in analyzer.analyze_query("ktp").terms):
        time.sleep(0.005)
    out["new_rules_apply_after_ms"] = ms(time.perf_counter() - started)
    times = []
    for query in ("ktp", "urus ktp", "layanan5x3 akta"):
        started = time.perf_counter()
        searcher.search(query, limit=10)
        times.append(time.perf_counter() - started)
    out["searches_after_apply_ms"] = [ms(t) for t in times]
    started = time.perf_counter()
    store.rules().compile(analyzer.index_tokens)
    out["valid_file_compile_on_query_path_would_be_ms"] = ms(time.perf_counter() - started)
    searcher.close()
    return out


def index_size(version: Path) -> int:
    return sum(p.stat().st_size for p in version.rglob("*") if p.is_file())


def fault_figures(template: Path, work: Path) -> dict[str, object]:
    crawled = documents_in(template)
    out: dict[str, object] = {"documents": crawled, "faults": {}}
    live = template / "index" / (template / "index" / "CURRENT").read_text()
    size = index_size(live)
    started = time.perf_counter()
    version = embedded._Version(live)
    out["open_verify_ms"] = ms(time.perf_counter() - started)
    started = time.perf_counter()
    version.recheck()
    out["refresh_stat_check_ms"] = ms(time.perf_counter() - started)
    version.close()
    out["version_mb"] = round(size / 1e6, 1)
    lost_total = 0
    for name, damage in FAULTS.items():
        copy = work / "fault"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(template, copy)
        damage(copy / "index" / live.name)
        settings = load_settings(copy, embedder="use")
        searcher = Searcher(settings)
        answered = bool(searcher.search("urus ktp", limit=5).results)
        serving = searcher.info()["version"]
        searcher.close()
        started = time.perf_counter()
        build_index(settings)
        rebuild = time.perf_counter() - started
        searcher = Searcher(settings)
        documents = searcher.info()["documents"]
        healthy = "damaged" not in searcher.info()
        searcher.close()
        lost = crawled - documents
        lost_total += lost
        out["faults"][name] = {"search_answered": answered, "served_while_damaged": serving,
                               "rebuild_s": round(rebuild, 1), "documents_lost": lost,
                               "healthy_after": healthy}
    out["documents_lost_total"] = lost_total
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--synonyms-only", action="store_true", help="skip the fault runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = work / "data"
        write_corpus(data, args.docs)
        settings = load_settings(data, embedder="none" if args.synonyms_only else "use",
                                 index={"ann_threshold": 3})
        build_index(settings)
        faults = None
        if not args.synonyms_only:
            build_index(settings, full=True)
            faults = fault_figures(data, work)
        synonyms = synonym_figures(data)
    print(json.dumps({"synonyms": synonyms, "index_faults": faults}, indent=2,
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
