"""Indexing throughput and query latency: embedded index vs OpenSearch backend.

    .venv/bin/python bench/bench_opensearch.py [--copies 40] [--queries 3]

The corpus is tests/test_opensearch_parity.py's Kota Jambi services, copied ``--copies``
times as if every kecamatan published its own pages (62 x 40 = 2,480 documents). The
cluster is SIKOJA_OPENSEARCH_URL if set, else an osmem-server started on loopback; osmem is
an in-memory test server, so its numbers show the backend's own overhead (bulk batching,
exact re-scoring, round trips), not what a real cluster on real disks does. Embedder "none".
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from indexer.build import build_index  # noqa: E402
from indexer.embedded import EmbeddedBackend  # noqa: E402
from indexer.opensearch import OpenSearchBackend  # noqa: E402
from indexer.search import Searcher  # noqa: E402
from sikoja.config import load_settings  # noqa: E402
from sikoja.store import DocumentStore  # noqa: E402
from tests.test_opensearch_parity import QUERIES, corpus  # noqa: E402

KECAMATAN = ["Kota Baru", "Jambi Selatan", "Jelutung", "Pasar Jambi", "Telanaipura",
             "Danau Teluk", "Pelayangan", "Jambi Timur", "Alam Barajo", "Paal Merah",
             "Danau Sipin"]


def write(data_dir: Path, copies: int) -> int:
    store = DocumentStore.open(data_dir)
    count = 0
    for n in range(copies):
        place = KECAMATAN[n % len(KECAMATAN)]
        for doc in corpus():
            if n:
                doc.url = f"{doc.url}?kecamatan={n}"
                doc.title = f"{doc.title} - Kecamatan {place}"
                doc.text = f"{doc.text} Dilayani juga di kantor Kecamatan {place}."
                doc.group_id = None
            store.upsert(doc)
            count += 1
    store.close()
    return count


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def report(label: str, samples: list[float]) -> None:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    print(f"  {label:38} p50 {statistics.median(samples):7.1f} ms   p95 {p95:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--queries", type=int, default=3, help="repeats of the query set")
    args = parser.parse_args()
    server = None
    url = os.environ.get("SIKOJA_OPENSEARCH_URL")
    if not url:
        from osmem_server import OsmemServer

        server = OsmemServer.start(japanese=False)
        url = server.url
    try:
        with tempfile.TemporaryDirectory(prefix="sikoja-bench-") as tmp:
            data_dir = Path(tmp)
            documents = write(data_dir, args.copies)
            print(f"{documents} documents, cluster {url}"
                  f"{' (osmem-server, in memory)' if server else ''}")
            embedded_settings = load_settings(data_dir, embedder="none")
            started = time.perf_counter()
            build_index(embedded_settings)
            seconds = time.perf_counter() - started
            print(f"  build embedded:   {seconds:6.1f} s  ({documents / seconds:6.0f} docs/s)")
            results = {}
            for scoring in ("exact", "engine"):
                settings = load_settings(data_dir, embedder="none", backend="opensearch",
                                         opensearch={"hosts": [url], "number_of_replicas": 0,
                                                     "index_prefix": f"bench-{scoring}",
                                                     "scoring": scoring})
                backend = OpenSearchBackend(settings)
                started = time.perf_counter()
                build_index(settings, backend=backend, full=True)
                seconds = time.perf_counter() - started
                print(f"  build opensearch ({scoring}): {seconds:6.1f} s  "
                      f"({documents / seconds:6.0f} docs/s)")
                results[scoring] = (settings, backend)

            embedded = Searcher(embedded_settings, backend=EmbeddedBackend(data_dir),
                                embedder=False)
            searchers = {"embedded": embedded}
            for scoring, (settings, backend) in results.items():
                searchers[f"opensearch {scoring}"] = Searcher(settings, backend=backend,
                                                              embedder=False)
            queries = list(QUERIES) * args.queries
            print("Searcher.search (analysis, retrieval, fusion, collapse, snippets):")
            answers = {}
            for name, searcher in searchers.items():
                for q in QUERIES:  # warm caches (vocabulary, statistics, title index)
                    searcher.search(q)
                samples = []
                for q in queries:
                    samples += timed(lambda s=searcher, q=q: s.search(q), 1)
                report(name, samples)
                answers[name] = [searcher.search(q).results[0].url for q in QUERIES]
            print("keyword_search(k=100) alone:")
            for name, searcher in searchers.items():
                terms = [searcher.analyze(q).terms for q in QUERIES]
                samples = []
                for _ in range(args.queries):
                    for t in terms:
                        samples += timed(lambda s=searcher, t=t: s.backend.keyword_search(
                            t, 100), 1)
                report(name, samples)
            for name, urls in answers.items():
                same = sum(a == b for a, b in zip(urls, answers["embedded"], strict=True))
                print(f"  same first answer as embedded, {name:18}: {same}/{len(QUERIES)}")
            for _, backend in results.values():
                backend.drop_all()
    finally:
        if server is not None:
            server.close()


if __name__ == "__main__":
    main()
