"""The semantic signal side by side: which embedder reads which text, at which vector weight.

    .venv/bin/python bench/semantic.py [--webs tuning heldout] [--configs use-whole e5-passage]

Each web is served and crawled once as a new user would (``bench/eval_webs.py``); then, for
every embedding configuration (embedder x embedded text, ``Settings.embedder`` and
``semantic.text``), the crawl is indexed afresh into its own data dir with an empty
embedding cache (its documents/s is the real indexing speed on that web), and the judged
queries run with the vector weight ``fixed`` and ``adaptive`` (``semantic.weight``). Each
configuration is also indexed on generated 1,500-character documents (``bench/corpus.py``
text), the speed sikoja must keep: at least 50 documents/s on this machine.

Prints per-category MRR@10 / Success@1 and writes ``bench/results/semantic-<webs>.md``. For
a held-out web only the figures are reported, never the queries (no tuning on it).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.eval_webs import WEBS, crawl_and_index, moved_judgments  # noqa: E402
from indexer.evaluate import Judged, Report, read_judgments, run_judgments  # noqa: E402

CONFIGS = {  # name: (embedder, embedded text)
    "use-whole": ("use", "whole"),
    "use-passage": ("use", "passage"),
    "use-sections": ("use", "sections"),
    "e5-passage": ("e5", "passage"),
    "e5-whole": ("e5", "whole"),
}
WEIGHTS = ("fixed", "adaptive")
GENERATED_CHARS = 1500
SPEED_FLOOR = 50.0  # documents/s for 1,500-character documents


def config_dir(crawl: Path, work: Path, name: str, embedder: str, text: str) -> Path:
    """A data dir holding the crawl's documents and this configuration's settings, with no
    index and no embedding cache yet."""
    out = work / name
    out.mkdir(parents=True)
    shutil.copy(crawl / "documents.db", out / "documents.db")
    (out / "sikoja.yaml").write_text(f"embedder: {embedder}\nsemantic:\n  text: {text}\n",
                                     encoding="utf-8")
    return out


def index_speed(data_dir: Path) -> tuple[float, int]:
    """(documents/s, documents) of a full build of ``data_dir`` with an empty cache."""
    from indexer.build import build_index
    from sikoja.config import load_settings

    started = time.perf_counter()
    summary = build_index(load_settings(data_dir), full=True)
    return summary.documents / (time.perf_counter() - started), summary.documents


def generated_speed(work: Path, embedder: str, text: str, n: int) -> float:
    """Indexing documents/s on ``n`` generated documents of GENERATED_CHARS characters."""
    from bench.corpus import generate
    from sikoja.store import DocumentStore

    data_dir = work / f"generated-{embedder}-{text}"
    data_dir.mkdir(parents=True)
    store = DocumentStore.open(data_dir)
    for doc in generate(n):
        while len(doc.text) < GENERATED_CHARS:
            doc.text = f"{doc.text} {doc.text}"
        doc.text = doc.text[:GENERATED_CHARS]
        store.upsert(doc)
    store.close()
    (data_dir / "sikoja.yaml").write_text(f"embedder: {embedder}\nsemantic:\n  text: {text}\n",
                                          encoding="utf-8")
    speed, _ = index_speed(data_dir)
    shutil.rmtree(data_dir, ignore_errors=True)
    return speed


def evaluate(data_dir: Path, judged: list[Judged], weight: str, max_weight: float,
             use_vector: bool = True) -> tuple[Report, float]:
    """The judged queries on ``data_dir`` with the vector weight mode ``weight``; also the
    share of queries whose weight rose above the base."""
    from indexer.search import RankingConfig, Searcher
    from sikoja.config import load_settings

    settings = load_settings(data_dir)
    settings.semantic.weight = weight  # type: ignore[assignment]
    settings.semantic.max_vector_weight = max_weight
    ranking = RankingConfig(use_vector=use_vector)
    searcher = Searcher(settings, ranking=ranking)
    raised = 0

    def search(query: str) -> list[list[str]]:
        nonlocal raised
        response = searcher.search(query, limit=10, explain=True)
        if (response.analysis.vector_weight or 0.0) > ranking.vector_weight:
            raised += 1
        return [[r.url, *r.also_at] for r in response.results]

    try:
        report = run_judgments(search, judged, f"{data_dir.name}/{weight}")
    finally:
        searcher.close()
    return report, raised / max(len(judged), 1)


def category_lines(reports: dict[str, Report]) -> list[str]:
    """MRR@10 / Success@1 per category (rows) for every run (columns)."""
    names = list(reports)
    tables = {n: r.table() for n, r in reports.items()}
    lines = ["| category | n | " + " | ".join(names) + " |",
             "|---|---:|" + "---:|" * len(names)]
    for category, row in tables[names[0]].items():
        cells = " | ".join(f"{tables[n][category]['rr10']:.3f} / "
                           f"{tables[n][category]['success1']:.3f}" for n in names)
        lines.append(f"| {category} | {row['n']} | {cells} |")
    return lines


def changed_lines(base: Report, other: Report, label: str) -> list[str]:
    """Queries whose first result's relevance differs between two runs (tuning web only)."""
    out = []
    for a, b in zip(base.outcomes, other.outcomes, strict=True):
        if a.success1 != b.success1:
            sign = "+" if b.success1 > a.success1 else "-"
            out.append(f"- {sign} {a.judged.qid} [{a.judged.category}] `{a.judged.query}`")
    return [f"{label}: {len(out)} queries change at rank 1", "", *out, ""] if out else []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--webs", nargs="+", default=["tuning"], choices=list(WEBS))
    parser.add_argument("--configs", nargs="+", default=list(CONFIGS), choices=list(CONFIGS))
    parser.add_argument("--max-weight", type=float, default=0.6,
                        help="semantic.max_vector_weight for the adaptive runs")
    parser.add_argument("--generated", type=int, default=120,
                        help="generated 1,500-character documents per speed run")
    parser.add_argument("--keep", type=Path, default=None,
                        help="keep the data dirs here (default: a temp dir, removed)")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="sikoja-semantic-"))
    work.mkdir(parents=True, exist_ok=True)
    out_path = args.out or ROOT / "bench" / "results" / f"semantic-{'-'.join(args.webs)}.md"
    command = f"bench/semantic.py --webs {' '.join(args.webs)}"  # no paths of this machine
    if args.configs != list(CONFIGS):
        command += f" --configs {' '.join(args.configs)}"
    if args.max_weight != 0.6:
        command += f" --max-weight {args.max_weight}"
    out = ["# Semantic signal: embedder, embedded text, vector weight", "",
           f"```sh\n.venv/bin/python {command}\n```", "",
           "Cells are MRR@10 / Success@1. `fixed` fuses vectors at weight 0.25; `adaptive` "
           f"raises it up to {args.max_weight} by the share of the query's content words that "
           "neither the lexicons nor the index know (indexer/familiarity.py).", ""]
    speeds: dict[str, float] = {}
    for name in args.configs:
        embedder, text = CONFIGS[name]
        speeds[name] = generated_speed(work, embedder, text, args.generated)
        print(f"[speed] {name}: {speeds[name]:.1f} documents/s on generated "
              f"{GENERATED_CHARS}-character documents", flush=True)
    for web in args.webs:
        root, queries = WEBS[web]
        crawl, ports, _families = crawl_and_index(web, root, work / "crawl")
        judged = read_judgments(moved_judgments(queries, ports, work / f"{web}-judged.tsv"))
        reports: dict[str, Report] = {}
        rows = ["| configuration | weight | Success@1 | MRR@10 | nDCG@10 | weight raised "
                "| index docs/s (web) | index docs/s (1,500 chars) |",
                "|---|---|---:|---:|---:|---:|---:|---:|"]
        keyword, _ = evaluate(crawl, judged, "fixed", args.max_weight, use_vector=False)
        reports["keyword only"] = keyword
        k = keyword.table()["overall"]
        rows.append(f"| keyword only (no vectors) | - | {k['success1']:.3f} | {k['rr10']:.3f} "
                    f"| {k['ndcg10']:.3f} | - | - | - |")
        for name in args.configs:
            embedder, text = CONFIGS[name]
            data_dir = config_dir(crawl, work / web, name, embedder, text)
            web_speed, documents = index_speed(data_dir)
            print(f"[{web}] {name}: indexed {documents} documents at {web_speed:.1f}/s",
                  flush=True)
            for weight in WEIGHTS:
                report, raised = evaluate(data_dir, judged, weight, args.max_weight)
                reports[f"{name} {weight}"] = report
                o = report.table()["overall"]
                rows.append(f"| {name} | {weight} | {o['success1']:.3f} | {o['rr10']:.3f} | "
                            f"{o['ndcg10']:.3f} | {raised:.2f} | {web_speed:.1f} | "
                            f"{speeds[name]:.1f} |")
                print(f"[{web}] {name} {weight}: S@1 {o['success1']:.3f} "
                      f"MRR@10 {o['rr10']:.3f}", flush=True)
        out += [f"## {web} ({queries.relative_to(ROOT)}, {len(judged)} queries, "
                f"{documents} documents)", "", *rows, "",
                "Per category (MRR@10 / Success@1):", "", *category_lines(reports), ""]
        if web != "heldout":
            base = reports.get("use-whole fixed")
            if base is not None:
                for label, report in reports.items():
                    if label not in ("use-whole fixed", "keyword only"):
                        out += changed_lines(base, report, f"{label} against use-whole fixed")
    out += [f"Indexing floor: {SPEED_FLOOR:.0f} documents/s on {GENERATED_CHARS}-character "
            "documents; " + ", ".join(
                f"{n} {'meets' if s >= SPEED_FLOOR else 'misses'} it ({s:.1f})"
                for n, s in speeds.items()) + ".", ""]
    text = "\n".join(out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(text, encoding="utf-8")
    print(text)
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
