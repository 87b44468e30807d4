"""Several vectors per document, max-combined, and what the query vector reads: measured
before building anything into the vector layer (issue #16, item 3).

    .venv/bin/python bench/multivector.py --data-dir D --port-offset N \\
        [--configs whole passage+chunk700 ...] [--queries analysed typed+analysed]

``D`` is an indexed crawl of the tuning web (``bench/eval_webs.py --webs tuning --keep``);
``N`` moves the judged URLs (default ports) to the ports that crawl was served on. Its live
index answers the keyword side exactly as ``sikoja eval`` does; only the vector side is
replaced, by an exact in-memory search over a set of USE vectors per document in which a
document scores its best vector (what a multi-vector index would return after mapping hits
back to documents). So a configuration is measured on real ranking, fusion and coverage
weight without an index layout for it. Texts per document (any combination, ``+``):

- ``whole``: the embedded text of the index today (``indexer.build.embedding_text``)
- ``passage``: title, headings, first paragraph (``indexer.build.passage_text``)
- ``title``: title and headings alone
- ``chunk700`` / ``chunk400``: the first 700 / 400 characters of the text in 60-word
  windows (15 words shared), each after the title (``chunk400``: without the title)
- ``chunk3000``: the same over the first 3,000 characters
- ``sections``: what ``semantic.text: sections`` indexes (``indexer.build.embedding_texts``:
  the passage and ``chunk400``)

Query vector (``--queries``, ``semantic.query``): ``analysed`` embeds the analysed query with
its expansions, ``typed+analysed`` the normalised sum of that and the query as typed. Each
configuration's embedding cost is measured on generated 1,500-character documents
(``bench/corpus.py``) in the same run as ``whole``, as a ratio: indexing must keep 50
documents/s on this machine, and ``whole`` alone is at about 51 (BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.answer_card import to_ports  # noqa: E402
from indexer.backend import Filters, Hit  # noqa: E402
from indexer.build import (  # noqa: E402
    embedding_text,
    embedding_texts,
    passage_text,
    section_windows,
)
from indexer.embedding import Embedder, load_embedder  # noqa: E402
from indexer.evaluate import read_judgments, run_judgments  # noqa: E402
from sikoja.config import SemanticSettings  # noqa: E402
from sikoja.demo.server import DEFAULT_BASE_PORT  # noqa: E402
from sikoja.documents import Document  # noqa: E402
from sikoja.urls import doc_id  # noqa: E402

WINDOW = 60  # words per chunk (neighbours share a quarter, as indexer.build's sections)
SETS = ("eval/oov.tsv", "eval/devset.tsv")


TEXTS: dict[str, Callable[[Document], list[str]]] = {
    "whole": lambda d: [embedding_text(d)],
    "passage": lambda d: [passage_text(d)],
    "title": lambda d: [f"{d.title} \n{' '.join(d.headings[:6])}".strip()],
    "chunk700": lambda d: [f"{d.title} \n{c}" for c in section_windows(d.text[:700], WINDOW)],
    "chunk400": lambda d: section_windows(d.text[:400], WINDOW),
    "chunk3000": lambda d: [f"{d.title} \n{c}" for c in section_windows(d.text[:3000], WINDOW)],
    "sections": lambda d: embedding_texts(d, SemanticSettings(text="sections")),
}


def texts_of(doc: Document, config: str) -> list[str]:
    return [t for part in config.split("+") for t in TEXTS[part](doc) if t.strip()]


class Vectors:
    """USE vectors of texts, each embedded once per run."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.known: dict[str, np.ndarray] = {}

    def of(self, texts: list[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self.known})
        for start in range(0, len(missing), 32):
            part = missing[start:start + 32]
            self.known.update(zip(part, self.embedder.embed_documents(part), strict=True))
        return np.array([self.known[t] for t in texts], dtype=np.float32)


def multi_vector_search(matrix: np.ndarray, owners: np.ndarray, metas: dict) -> Callable:
    """A backend ``vector_search``: every row scored, each document by its best row."""
    ids, owner_of_row = np.unique(owners, return_inverse=True)

    def search(vector: np.ndarray, k: int, filters: Filters | None = None) -> list[Hit]:
        best = np.full(len(ids), -2.0, dtype=np.float32)
        np.maximum.at(best, owner_of_row, matrix @ vector)
        out = []
        for j in np.argsort(-best, kind="stable"):
            meta = metas.get(str(ids[j]))
            if meta is None or (filters and not filters.allows(meta.opd, meta.kind)):
                continue
            out.append(Hit(id=str(ids[j]), score=float(best[j])))
            if len(out) >= k:
                break
        return out
    return search


def evaluate(data_dir: Path, config: str, query: str, docs: list[Document],
             vectors: Vectors, judged: dict[str, list]) -> dict[tuple[str, str], dict]:
    """MRR@10 per set and category, hybrid and vector-only, for one configuration."""
    from indexer.search import Searcher
    from sikoja.config import load_settings

    owners, texts = [], []
    for doc in docs:
        mine = texts_of(doc, config)
        owners += [doc_id(doc.url)] * len(mine)
        texts += mine
    matrix = vectors.of(texts)
    settings = load_settings(data_dir)
    settings.semantic.query = query  # type: ignore[assignment]
    out = {}
    for mode in ("hybrid", "vector"):
        ranking = settings.ranking.model_copy(update={"use_keyword": mode == "hybrid"})
        searcher = Searcher(settings, ranking=ranking)
        metas = {m.id: m for m in searcher.backend.all_meta()}
        searcher.backend.vector_search = multi_vector_search(matrix, np.array(owners), metas)

        def search(q: str, searcher=searcher) -> list[list[str]]:
            return [[r.url, *r.also_at] for r in searcher.search(q, limit=10).results]
        for name, items in judged.items():
            table = run_judgments(search, items, mode).table()
            out[(name, mode)] = {k: v["rr10"] for k, v in table.items()}
        searcher.close()
    return out


def embedding_cost(embedder: Embedder, configs: list[str], n: int) -> dict[str, float]:
    """Seconds to embed ``n`` generated 1,500-character documents, per configuration
    (two rounds, the faster kept: the machine is shared)."""
    from bench.corpus import generate

    docs = []
    for doc in generate(n):
        while len(doc.text) < 1500:
            doc.text = f"{doc.text} {doc.text}"
        doc.text = doc.text[:1500]
        docs.append(doc)
    embedder.embed_documents(["pemanasan"])
    cost: dict[str, float] = {}
    for _ in range(2):
        for config in configs:
            texts = [t for d in docs for t in texts_of(d, config)]
            started = time.perf_counter()
            for start in range(0, len(texts), 32):
                embedder.embed_documents(texts[start:start + 32])
            took = time.perf_counter() - started
            cost[config] = min(cost.get(config, took), took)
    return cost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--port-offset", type=int, default=0,
                        help="added to the judged URLs' ports (the crawl's serving ports)")
    parser.add_argument("--configs", nargs="+", default=["whole", "sections", "whole+passage",
                        "whole+chunk700", "passage+chunk700"])
    parser.add_argument("--queries", nargs="+", default=["analysed", "typed+analysed"],
                        choices=["analysed", "typed+analysed"])
    parser.add_argument("--generated", type=int, default=96)
    args = parser.parse_args()
    from sikoja.store import DocumentStore

    store = DocumentStore.open(args.data_dir)
    docs = list(store.iter_documents())
    store.close()
    base = DEFAULT_BASE_PORT + args.port_offset
    judged = {(ROOT / name).stem: to_ports(read_judgments(ROOT / name), base) for name in SETS}
    embedder = load_embedder("use")
    assert embedder is not None
    cost = embedding_cost(embedder, args.configs, args.generated)
    vectors = Vectors(embedder)
    print("| texts per document | query vector | cost vs whole | OOV hybrid (english, "
          "situation) | OOV vector | dev hybrid | dev vector |")
    print("|---|---|---:|---|---:|---:|---:|")
    for config in args.configs:
        for query in args.queries:
            r = evaluate(args.data_dir, config, query, docs, vectors, judged)
            oov, dev = r[("oov", "hybrid")], r[("devset", "hybrid")]
            print(f"| {config} | {query} | {cost[config] / cost.get('whole', cost[config]):.2f}"
                  f" | {oov['overall']:.3f} ({oov['english']:.3f}, {oov['situation']:.3f}) | "
                  f"{r[('oov', 'vector')]['overall']:.3f} | {dev['overall']:.3f} | "
                  f"{r[('devset', 'vector')]['overall']:.3f} |", flush=True)


if __name__ == "__main__":
    main()
