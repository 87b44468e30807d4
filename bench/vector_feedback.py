"""Feedback on the vector side: the query vector moved towards its first results' vectors.

    python bench/vector_feedback.py --data-dir DIR [--configs NAME ...] [--card] [--out FILE]

DIR is a data dir built from the bundled sample web (the tuning web: ``bench/eval_webs.py
--webs tuning --keep`` or ``sikoja demo --no-serve --data-dir DIR``); judged URLs on the
default ports are mapped onto the ports named in ``DIR/sources.yaml``. One searcher runs the
tuning judgments (eval/devset.tsv, eval/oov.tsv, eval/situations.tsv) once per configuration
of ``semantic.vector_feedback*`` (query-time settings: no re-index), the data dir's own
settings with feedback off first. For each: MRR@10 (Success@1) per set, the dev set per
category, how many queries the feedback moved the vector of, the queries whose reciprocal
rank changed against the baseline, and the search time (mean and 95th percentile, all
queries and those fed back). ``--card`` also runs bench/answer_card.py's dev and
out-of-scope measure (cards shown, right) per configuration.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.answer_card import base_port, collect, rates, read_out_of_scope, to_ports  # noqa: E402
from indexer.answer import CardWeights  # noqa: E402
from indexer.evaluate import Judged, QueryOutcome, read_judgments, run_judgments  # noqa: E402
from sikoja.config import load_settings  # noqa: E402
from sikoja.errors import SikojaError  # noqa: E402
from sikoja.pipeline import open_searcher  # noqa: E402

SETS = ("dev", "oov", "situations")

# name -> semantic settings; "off" is the data dir's own (vector_feedback 0)
CONFIGS: dict[str, dict[str, object]] = {"off": {"vector_feedback": 0.0}}
for _k in (2, 3, 5):
    for _beta in (0.3, 0.6, 1.0):
        CONFIGS[f"fused k{_k} b{_beta}"] = {"vector_feedback": _beta,
                                            "vector_feedback_results": _k}
for _beta in (0.3, 0.6, 1.0):
    # the pages nearest the keyword side's first page (k 1) and the vector ranking's own
    CONFIGS[f"keyword k1 b{_beta}"] = {"vector_feedback": _beta, "vector_feedback_results": 1,
                                       "vector_feedback_from": "keyword"}
    CONFIGS[f"vector k3 b{_beta}"] = {"vector_feedback": _beta, "vector_feedback_results": 3,
                                      "vector_feedback_from": "vector"}
    CONFIGS[f"keyword k3 b{_beta}"] = {"vector_feedback": _beta, "vector_feedback_results": 3,
                                       "vector_feedback_from": "keyword"}
    CONFIGS[f"disagree k3 b{_beta}"] = {"vector_feedback": _beta,
                                        "vector_feedback_results": 3,
                                        "vector_feedback_from": "disagree"}
    CONFIGS[f"fused k3 b{_beta} best-row"] = {"vector_feedback": _beta,
                                              "vector_feedback_results": 3,
                                              "vector_feedback_row": "best"}
    CONFIGS[f"fused k5 b{_beta} by-rank"] = {"vector_feedback": _beta,
                                             "vector_feedback_results": 5,
                                             "vector_feedback_by_rank": True}


for _weak in (0.3, 0.5):
    for _beta in (0.3, 0.6):
        CONFIGS[f"fused k3 b{_beta} weak>{_weak}"] = {
            "vector_feedback": _beta, "vector_feedback_results": 3,
            "vector_feedback_min_weakness": _weak}


def apply(searcher, base_settings, update: dict[str, object]) -> None:
    searcher.settings = base_settings.model_copy(
        update={"semantic": base_settings.semantic.model_copy(update=update)})


def watch_feedback(searcher) -> list[bool]:
    """A list that each search's feedback step appends to: whether it moved the vector."""
    fed: list[bool] = []
    original = searcher._fed_vector

    def counted(*args, **kwargs):
        out = original(*args, **kwargs)
        fed.append(out is not None)
        return out

    searcher._fed_vector = counted
    return fed


def measure(searcher, judged: dict[str, list[Judged]]
            ) -> tuple[dict[str, list[QueryOutcome]], list[float], list[float], list[int]]:
    """Outcomes per set; search times (ms) of all queries and of those fed back; how many
    of each set's queries were fed back."""
    fed = watch_feedback(searcher)
    times, fed_times, counts = [], [], []

    def search(query: str) -> list[list[str]]:
        fed.clear()
        started = time.perf_counter()
        response = searcher.search(query, limit=10)
        took = (time.perf_counter() - started) * 1000
        times.append(took)
        if any(fed):
            fed_times.append(took)
            counts[-1] += 1
        return [[r.url, *r.also_at] for r in response.results]

    outcomes: dict[str, list[QueryOutcome]] = {}
    try:
        for name, items in judged.items():  # graded as ``sikoja eval`` grades
            counts.append(0)
            outcomes[name] = run_judgments(search, items, "hybrid").outcomes
    finally:
        del searcher._fed_vector  # the class's own again
    return outcomes, times, fed_times, counts


def latency(searcher, base_settings, name: str, judged: dict[str, list[Judged]],
            rounds: int) -> str:
    """Search time with feedback off and with ``name``, query by query in turn (a loaded
    machine slows both alike): mean and 95th percentile over every query, and over those
    ``name`` feeds back."""
    fed = watch_feedback(searcher)
    off: list[float] = []
    on: list[float] = []
    was_fed: list[bool] = []
    try:
        queries = [j.query for items in judged.values() for j in items]
        for _ in range(rounds):
            for query in queries:
                for update, times in ((CONFIGS["off"], off), (CONFIGS[name], on)):
                    apply(searcher, base_settings, update)
                    fed.clear()
                    started = time.perf_counter()
                    searcher.search(query, limit=10)
                    times.append((time.perf_counter() - started) * 1000)
                was_fed.append(any(fed))
    finally:
        del searcher._fed_vector  # the class's own again
    off_fed = [t for t, f in zip(off, was_fed, strict=True) if f]
    on_fed = [t for t, f in zip(on, was_fed, strict=True) if f]
    return (f"latency, {len(off)} searches each, interleaved: off {mean(off):.1f} ms "
            f"(p95 {p95(off):.1f}), {name} {mean(on):.1f} ms (p95 {p95(on):.1f}); the "
            f"{len(on_fed)} fed back: off {mean(off_fed):.1f} ms (p95 {p95(off_fed):.1f}), "
            f"{name} {mean(on_fed):.1f} ms (p95 {p95(on_fed):.1f})")


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else mean(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--devset", type=Path, default=REPO / "eval" / "devset.tsv")
    parser.add_argument("--oov", type=Path, default=REPO / "eval" / "oov.tsv")
    parser.add_argument("--situations", type=Path, default=REPO / "eval" / "situations.tsv")
    parser.add_argument("--out-of-scope", type=Path,
                        default=REPO / "eval" / "out_of_scope.tsv")
    parser.add_argument("--configs", nargs="+", choices=list(CONFIGS), metavar="NAME",
                        help="these configurations only (default: all of: %(choices)s)")
    parser.add_argument("--card", action="store_true", help="also measure the answer card")
    parser.add_argument("--latency", choices=list(CONFIGS), metavar="NAME", default=None,
                        help="only time this configuration against off, query by query")
    parser.add_argument("--rounds", type=int, default=2, help="--latency: passes")
    parser.add_argument("--out", type=Path, default=None, help="also write the report here")
    args = parser.parse_args()
    try:
        settings = load_settings(args.data_dir)
        searcher = open_searcher(settings)
        base = base_port(args.data_dir)
        judged = {name: to_ports(read_judgments(path), base)
                  for name, path in zip(SETS, (args.devset, args.oov, args.situations),
                                        strict=True)}
        oos = read_out_of_scope(args.out_of_scope)
    except SikojaError as exc:
        sys.exit(f"vector_feedback: {exc}")
    if args.latency:
        try:
            apply(searcher, settings, CONFIGS["off"])
            measure(searcher, judged)  # warm: query vectors embedded once
            print(latency(searcher, settings, args.latency, judged, args.rounds))
        finally:
            searcher.close()
        return
    names = ["off", *[n for n in (args.configs or CONFIGS) if n != "off"]]
    head = ["| configuration | dev | oov | situations | fed back (dev/oov/sit) "
            "| ms mean (p95) | fed ms mean (p95) |" + (" card shown / right |" if args.card
                                                        else ""),
            "|---|---:|---:|---:|---:|---:|---:|" + ("---:|" if args.card else "")]
    rows, details = [], []
    baseline: dict[str, dict[str, float]] = {}
    try:
        apply(searcher, settings, CONFIGS["off"])
        measure(searcher, judged)  # warm: query vectors embedded once, for every configuration
        for name in names:
            apply(searcher, settings, CONFIGS[name])
            outcomes, times, fed_times, counts = measure(searcher, judged)
            cells = []
            for set_name in SETS:
                items = outcomes[set_name]
                cells.append(f"{mean([o.rr10 for o in items]):.4f} "
                             f"({mean([o.success1 for o in items]):.3f})")
            row = (f"| {name} | {' | '.join(cells)} | {'/'.join(map(str, counts))} "
                   f"| {mean(times):.1f} ({p95(times):.1f}) "
                   f"| {mean(fed_times):.1f} ({p95(fed_times):.1f}) |")
            if args.card:
                dev_out, oos_out = collect(searcher, judged["dev"], oos)
                r = rates(dev_out, oos_out, CardWeights.of(searcher.ranking))
                row += f" {r['dev_rate']:.3f} / {r['precision']:.3f} (oos {r['oos_rate']:.3f}) |"
            rows.append(row)
            print(row, flush=True)
            rr = {f"{s}:{o.judged.qid}": o.rr10 for s in SETS for o in outcomes[s]}
            by_cat: dict[str, list[float]] = defaultdict(list)
            for o in outcomes["dev"]:
                by_cat[o.judged.category].append(o.rr10)
            cats = ", ".join(f"{c} {mean(v):.3f}" for c, v in sorted(by_cat.items()))
            if name == "off":
                baseline = {"rr": rr}
                details.append(f"- off: dev by category: {cats}")
                continue
            changed = [(k, baseline["rr"][k], v) for k, v in rr.items()
                       if abs(v - baseline["rr"][k]) > 1e-9]
            better = sum(1 for _, a, b in changed if b > a)
            moves = "; ".join(f"{k} {a:.2f}->{b:.2f}" for k, a, b in changed[:30])
            details.append(f"- {name}: {better} better, {len(changed) - better} worse. "
                           f"dev by category: {cats}. Changed: {moves}")
    finally:
        searcher.close()
    out = ["# Vector-side feedback (Rocchio on the query vector)", "",
           f"{args.data_dir.name}: " + ", ".join(f"{n} {len(j)}" for n, j in judged.items())
           + " queries; MRR@10 (Success@1)", "", *head, *rows, "", *details]
    print("\n".join(out))
    if args.out:
        args.out.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
