"""The semantic signal side by side: which embedder reads which text, at which vector weight.

    .venv/bin/python bench/semantic.py [--webs tuning heldout] [--configs use-whole e5-passage]

Each web is served and crawled once as a new user would (``bench/eval_webs.py``); then, for
every embedding configuration (embedder x embedded text, ``Settings.embedder`` and
``semantic.text``), the crawl is indexed afresh into its own data dir with an empty
embedding cache (its documents/s is the real indexing speed on that web), and the judged
queries run with the vector weight ``fixed`` and ``adaptive`` (``semantic.weight``). Each
configuration is also indexed on generated 1,500-character documents (``bench/corpus.py``
text), the speed sikoja must keep: at least 50 documents/s on this machine.

``--weights coverage`` runs the default weight of today, ``--vector`` the vector ranking
alone, ``--sets oov situations`` the tuning web's other judged sets beside its dev set, and
``--rounds`` interleaves repeated speed runs (CPU seconds are reported beside wall time: the
machine is shared). ``--kept WORK`` reuses the crawl that ``bench/eval_webs.py --keep WORK``
left (``WORK/<web>`` and its judgments ``WORK/<web>-judgments.tsv``,
``WORK/<web>-<set>-judgments.tsv``, already on that crawl's ports) instead of crawling again.

Prints per-category MRR@10 / Success@1 and writes ``bench/results/semantic-<webs>.md``. For
a held-out web only the figures are reported, never the queries (no tuning on it).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.eval_webs import WEBS, crawl_and_index, moved_judgments  # noqa: E402
from indexer.evaluate import Judged, Report, read_judgments, run_judgments  # noqa: E402

CONFIGS = {  # name: (embedder, embedded text, other semantic settings)
    "use-whole": ("use", "whole", {}),
    "use-passage": ("use", "passage", {}),
    "use-sections": ("use", "sections", {}),
    "e5-passage": ("e5", "passage", {}),
    "e5-whole": ("e5", "whole", {}),
    # the same e5 weights through numpy's BLAS (indexer/e5.py), on passages of 300 (about 75
    # tokens), 200 (55) and 120 characters (40)
    "e5np-passage": ("e5-numpy", "passage", {}),
    "e5np-passage200": ("e5-numpy", "passage", {"passage_chars": 200}),
    "e5np-passage120": ("e5-numpy", "passage", {"passage_chars": 120}),
    "e5np-sections": ("e5-numpy", "sections", {}),
    # both models as one vector (indexer.embedding.CompositeEmbedder): USE reads the
    # sections, e5 the 300-character passage; cosine = w x USE's + (1 - w) x e5's
    "use-e5np": ("use+e5-numpy", "sections", {}),
    "use0.7-e5np": ("use@0.7+e5-numpy", "sections", {}),
    # the same e5 weights as an int8 ONNX graph (indexer/e5_onnx.py), alone on the passage
    # and beside USE's sections
    "e5i8-passage": ("e5-int8", "passage", {}),
    "use-e5i8": ("use+e5-int8", "sections", {}),
    "use0.7-e5i8": ("use@0.7+e5-int8", "sections", {}),
    # shorter passages (e5's text, and the first of USE's sections): the speed frontier
    "use-e5i8-p200": ("use+e5-int8", "sections", {"passage_chars": 200}),
    "use-e5i8-p120": ("use+e5-int8", "sections", {"passage_chars": 120}),
}
WEIGHTS = ("fixed", "adaptive", "coverage")
# judged sets of the tuning web besides its dev set (eval/README.md)
SETS = {"oov": ROOT / "eval" / "oov.tsv", "situations": ROOT / "eval" / "situations.tsv"}
GENERATED_CHARS = 1500
SPEED_FLOOR = 50.0  # documents/s for 1,500-character documents


def write_settings(data_dir: Path, name: str) -> None:
    """``sikoja.yaml`` of configuration ``name``: its embedder and semantic settings."""
    embedder, text, extra = CONFIGS[name]
    lines = [f"embedder: {embedder}", "semantic:", f"  text: {text}",
             *(f"  {key}: {value}" for key, value in extra.items())]
    (data_dir / "sikoja.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


# what an index build writes: left out of a configuration's copy of the crawl
BUILT = ("index", "embeddings.db", "neighbours.npz")


def config_dir(crawl: Path, work: Path, name: str) -> Path:
    """A copy of the crawl's data dir (documents, sources, synonyms, best bets) with this
    configuration's settings, and no index and no embedding cache yet."""
    out = work / name
    shutil.copytree(crawl, out, ignore=lambda _d, names: [n for n in names if n in BUILT])
    write_settings(out, name)
    return out


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def index_speed(data_dir: Path) -> tuple[float, int, float]:
    """(documents/s, documents, documents per CPU second) of a full build of ``data_dir``
    with an empty cache; the CPU figure holds on a machine others load too."""
    from indexer.build import build_index
    from sikoja.config import load_settings

    settings = load_settings(data_dir)
    started, cpu = time.perf_counter(), _cpu()
    summary = build_index(settings, full=True)
    cpu = _cpu() - cpu
    return (summary.documents / (time.perf_counter() - started), summary.documents,
            summary.documents / max(cpu, 1e-9))


def generated_speed(work: Path, name: str, n: int) -> tuple[float, float]:
    """Indexing (documents/s, documents per CPU second) on ``n`` generated documents of
    GENERATED_CHARS characters."""
    from bench.corpus import generate
    from sikoja.store import DocumentStore

    data_dir = work / f"generated-{name}"
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    store = DocumentStore.open(data_dir)
    for doc in generate(n):
        while len(doc.text) < GENERATED_CHARS:
            doc.text = f"{doc.text} {doc.text}"
        doc.text = doc.text[:GENERATED_CHARS]
        store.upsert(doc)
    store.close()
    write_settings(data_dir, name)
    # the embedder is loaded (once per process) before the clock starts
    from indexer.embedding import load_embedder
    load_embedder(CONFIGS[name][0])
    speed, _, cpu_speed = index_speed(data_dir)
    shutil.rmtree(data_dir, ignore_errors=True)
    return speed, cpu_speed


def evaluate(data_dir: Path, judged: list[Judged], weight: str, max_weight: float,
             use_vector: bool = True, vector_only: bool = False) -> tuple[Report, float]:
    """The judged queries on ``data_dir`` with the vector weight mode ``weight``; also the
    share of queries whose weight rose above the base."""
    from indexer.search import Searcher
    from sikoja.config import load_settings

    settings = load_settings(data_dir)
    if weight != "vector":
        settings.semantic.weight = weight  # type: ignore[assignment]
    if weight != "coverage":  # coverage keeps the deployment's own maximum
        settings.semantic.max_vector_weight = max_weight
    # the deployment's ranking, with only the retrievers asked for (as ``sikoja eval``)
    ranking = settings.ranking.model_copy(update={"use_vector": use_vector,
                                                  "use_keyword": not vector_only})
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
    parser.add_argument("--configs", nargs="+", default=list(CONFIGS)[:5], choices=list(CONFIGS))
    parser.add_argument("--weights", nargs="+", default=["fixed", "adaptive"], choices=WEIGHTS,
                        help="semantic.weight of the hybrid runs (coverage is the default "
                        "since session 6)")
    parser.add_argument("--sets", nargs="*", default=[], choices=list(SETS),
                        help="judged sets of the tuning web run besides its dev set")
    parser.add_argument("--vector", action="store_true",
                        help="also run each set on the vector ranking alone")
    parser.add_argument("--max-weight", type=float, default=0.6,
                        help="semantic.max_vector_weight for the adaptive runs")
    parser.add_argument("--generated", type=int, default=120,
                        help="generated 1,500-character documents per speed run")
    parser.add_argument("--rounds", type=int, default=1,
                        help="speed runs per configuration, interleaved (a loaded machine)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="keep the data dirs here (default: a temp dir, removed)")
    parser.add_argument("--kept", type=Path, default=None,
                        help="the WORK dir of a `bench/eval_webs.py --keep WORK` run: its "
                        "crawls and judgments are used, nothing is crawled")
    parser.add_argument("--e5-threads", type=int, default=1,
                        help="onnxruntime intra-op threads of embedder e5-int8 (default 1)")
    parser.add_argument("--speed-only", action="store_true",
                        help="only the speed runs on generated documents (no web)")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    from indexer.embedding import E5Int8Embedder
    E5Int8Embedder.threads = args.e5_threads
    work = args.keep or Path(tempfile.mkdtemp(prefix="sikoja-semantic-"))
    work.mkdir(parents=True, exist_ok=True)
    out_path = args.out or ROOT / "bench" / "results" / f"semantic-{'-'.join(args.webs)}.md"
    command = f"bench/semantic.py --webs {' '.join(args.webs)}"  # no paths of this machine
    for flag, value, default in (("--configs", args.configs, list(CONFIGS)[:5]),
                                 ("--weights", args.weights, ["fixed", "adaptive"]),
                                 ("--sets", args.sets, []), ("--rounds", args.rounds, 1)):
        if value != default:
            values = value if isinstance(value, list) else [value]
            command += f" {flag} {' '.join(map(str, values))}"
    if args.vector:
        command += " --vector"
    if args.kept is not None:
        command += " --kept WORK"
    if args.e5_threads != 1:
        command += f" --e5-threads {args.e5_threads}"
    if args.speed_only:
        command += f" --speed-only --generated {args.generated}"
    if args.max_weight != 0.6:
        command += f" --max-weight {args.max_weight}"
    out = ["# Semantic signal: embedder, embedded text, vector weight", "",
           f"```sh\n.venv/bin/python {command}\n```", "",
           "Cells are MRR@10 / Success@1. `fixed` fuses vectors at weight 0.25; `adaptive` "
           f"raises it up to {args.max_weight} by the share of the query's content words that "
           "neither the lexicons nor the index know (indexer/familiarity.py); `coverage` by "
           "how little of the query the keyword side's best pages say (indexer/coverage.py); "
           "`vector` is the vector ranking alone.", ""]
    speeds: dict[str, list[tuple[float, float]]] = {name: [] for name in args.configs}
    for _round in range(args.rounds):
        for name in args.configs:
            speeds[name].append(generated_speed(work, name, args.generated))
            wall, cpu = speeds[name][-1]
            print(f"[speed] {name}: {wall:.1f} documents/s ({cpu:.1f} per CPU second) on "
                  f"generated {GENERATED_CHARS}-character documents", flush=True)
    best = {name: max(s[0] for s in runs) for name, runs in speeds.items()}
    for web in [] if args.speed_only else args.webs:
        out += run_web(web, args, work, best)
    out += ["Indexing floor: " f"{SPEED_FLOOR:.0f} documents/s on {GENERATED_CHARS}-character "
            "documents; documents/s (per CPU second) in each round:", "",
            *(f"- {n}: " + ", ".join(f"{w:.1f} ({c:.1f})" for w, c in runs)
              + f" -> {'meets' if best[n] >= SPEED_FLOOR else 'misses'} the floor"
              for n, runs in speeds.items()), ""]
    text = "\n".join(out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(text, encoding="utf-8")
    print(text)
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


def run_web(web: str, args: argparse.Namespace, work: Path,
            speeds: dict[str, float]) -> list[str]:
    """The table, per-category lines and changed queries of every configuration on ``web``."""
    root, queries = WEBS[web]
    files = {"dev": queries, **({k: SETS[k] for k in args.sets} if web == "tuning" else {})}
    if web != "tuning" and (queries.parent / "oov.tsv").exists():
        files["oov"] = queries.parent / "oov.tsv"  # a held-out web's own OOV set (issue #16)
    if args.kept is not None:  # its crawl copied (never written into) and its judgments
        crawl = work / "crawl" / web
        shutil.copytree(args.kept / web, crawl)
        sets = {label: read_judgments(args.kept / (f"{web}-judgments.tsv" if label == "dev"
                                                   else f"{web}-{label}-judgments.tsv"))
                for label in files}
    else:
        crawl, ports, _families = crawl_and_index(web, root, work / "crawl")
        sets = {label: read_judgments(moved_judgments(path, ports, work / f"{web}-{label}.tsv"))
                for label, path in files.items()}
    reports: dict[str, dict[str, Report]] = {label: {} for label in sets}
    runs = [*args.weights, *(["vector"] if args.vector else [])]
    rows = ["| configuration | run | " + " | ".join(f"{label} S@1 | {label} MRR@10"
                                                  for label in sets)
            + " | index docs/s (web, per CPU s) | index docs/s (1,500 chars) |",
            "|---|---|" + "---:|---:|" * len(sets) + "---:|---:|"]
    for label, judged in sets.items():
        reports[label]["keyword only"], _ = evaluate(crawl, judged, "fixed", args.max_weight,
                                                     use_vector=False)
    rows.append("| keyword only (no vectors) | - | " + " | ".join(
        f"{r['keyword only'].table()['overall']['success1']:.3f} | "
        f"{r['keyword only'].table()['overall']['rr10']:.3f}" for r in reports.values())
        + " | - | - |")
    documents = 0
    for name in args.configs:
        data_dir = config_dir(crawl, work / web, name)
        web_speed, documents, web_cpu = index_speed(data_dir)
        print(f"[{web}] {name}: indexed {documents} documents at {web_speed:.1f}/s "
              f"({web_cpu:.1f} per CPU second)", flush=True)
        for run in runs:
            cells = []
            for label, judged in sets.items():
                report, _raised = evaluate(data_dir, judged, run, args.max_weight,
                                           vector_only=run == "vector")
                reports[label][f"{name} {run}"] = report
                o = report.table()["overall"]
                cells.append(f"{o['success1']:.3f} | {o['rr10']:.3f}")
                print(f"[{web}] {name} {run} {label}: S@1 {o['success1']:.3f} "
                      f"MRR@10 {o['rr10']:.3f}", flush=True)
            rows.append(f"| {name} | {run} | " + " | ".join(cells)
                        + f" | {web_speed:.1f} ({web_cpu:.1f}) | {speeds[name]:.1f} |")
    out = [f"## {web} ({queries.relative_to(ROOT)}, {documents} documents)", "", *rows, ""]
    for label, by_run in reports.items():
        out += [f"Per category, {label} (MRR@10 / Success@1):", "", *category_lines(by_run), ""]
        if web == "tuning":  # a held-out web's queries are counted, never listed
            # the default configuration, not a composite that also starts with "use"
            base = next((r for k, r in by_run.items() if k.startswith("use-sections")), None)
            base_label = next((k for k in by_run if k.startswith("use-sections")), "")
            for run_label, report in by_run.items():
                if base is not None and run_label not in (base_label, "keyword only"):
                    out += changed_lines(base, report,
                                         f"{label}: {run_label} against {base_label}")
    return out


if __name__ == "__main__":
    main()
