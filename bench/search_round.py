"""One round of ``bench_search.py``'s query paths on an index already built, as JSON.

    .venv/bin/python bench/search_round.py DATA_DIR > round.json

Seconds per query of each path (keyword, vector, hybrid cold and warm, Zipf mix), with the
code of the checkout it runs from: run it from two checkouts in turn (A B B A), each on an
index its own code built, to compare two versions of the code on one machine state, which
``bench_search.py --compare`` (two settings, one code) cannot.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_search import latency_samples  # noqa: E402
from bench.corpus import queries  # noqa: E402
from indexer.embedding import load_embedder  # noqa: E402
from sikoja.config import load_settings  # noqa: E402


def main() -> None:
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        sys.exit("usage: search_round.py DATA_DIR (a data dir with an index)")
    settings = load_settings(Path(sys.argv[1]), embedder="use")
    samples = latency_samples(settings, load_embedder("use"), queries(300, repeat=False),
                              queries(300, repeat=True))
    samples.pop("searcher").close()
    print(json.dumps({name: [float(s) for s in values] for name, values in samples.items()}))


if __name__ == "__main__":
    main()
