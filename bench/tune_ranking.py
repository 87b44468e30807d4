"""Choose ranking knobs by measurement on the dev set (a coarse grid, in-process).

    .venv/bin/python bench/tune_ranking.py --data-dir data/demo --queries eval/devset.tsv

Prints the best configurations by MRR@10 with their per-category minimum, so a choice
that helps one category at the expense of another is visible. Keep the grid coarse: the
dev set has ~200 queries and the knobs must generalise to sites we never see.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indexer.evaluate import read_judgments, run_judgments, searcher_fn  # noqa: E402
from indexer.search import Searcher  # noqa: E402
from sikoja.config import KIND_PRIOR, RankingConfig, load_settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--queries", type=Path, default=Path("eval/devset.tsv"))
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    judged = read_judgments(args.queries)
    settings = load_settings(args.data_dir)
    searcher = Searcher(settings)
    search = searcher_fn(searcher)
    grid = {
        "fusion": ["linear", "rrf:10", "rrf:30", "rrf:60"],
        "vector_weight": [0.15, 0.25, 0.4],
        "news": [0.45, 0.6],
        "page": [0.6, 0.75],
    }
    rows = []
    for values in itertools.product(*grid.values()):
        knobs = dict(zip(grid, values, strict=True))
        prior = dict(KIND_PRIOR, news=knobs["news"], page=knobs["page"])
        fusion, _, k = knobs["fusion"].partition(":")
        searcher.ranking = RankingConfig(
            fusion=fusion, rrf_k=int(k or 60), vector_weight=knobs["vector_weight"],
            keyword_weight=1 - knobs["vector_weight"] if fusion == "linear" else 1.0,
            kind_prior=prior)
        table = run_judgments(search, judged, "tune").table()
        worst = min((row["rr10"], name) for name, row in table.items() if name != "overall")
        rows.append((table["overall"]["rr10"], table["overall"]["success1"], worst, knobs))
    rows.sort(key=lambda r: (-r[0], -r[2][0]))
    for mrr, s1, worst, knobs in rows[: args.top]:
        print(f"MRR {mrr:.3f}  S@1 {s1:.3f}  worst {worst[1]} {worst[0]:.3f}  {knobs}")


if __name__ == "__main__":
    main()
