"""Speed of indexing and search, with bm25s and SQLite FTS5 as peers, in one run.

    .venv/bin/python bench/bench_search.py --docs 10000 --embed-all
    .venv/bin/python bench/bench_search.py --docs 100000 --embed-sample 3000
    nice .venv/bin/python bench/bench_search.py --docs 1000000 --embed-sample 3000
    nice -n 10 .venv/bin/python bench/bench_search.py --docs 100000 --embed-sample 3000 --compare

Also: reindex after changing 1% of the documents (their embeddings filled the same way), and
recall@10 of the approximate vector search (faiss IVF) against exact search over the same
float vectors, on the bench queries.

Measures: index build time (analysis + tantivy + embeddings), embedding throughput, reindex
with nothing changed, query latency p50/p95/p99 in-process for keyword, vector and hybrid
search (hybrid with a cold and a warm query-embedding cache), peak memory (max RSS), and
the same keyword queries, on the same analysed tokens, on bm25s and SQLite FTS5.

With ``--embed-sample K`` only K documents are really embedded (their throughput is what
is reported); the other documents get those vectors plus small noise, written into the
embedding cache before the build. Vector search cost does not depend on the values, and
embedding 100k documents at ~40/s would take 40 minutes of a shared 2-core machine. The
texts cached are those the build will embed (``indexer.build.embedding_texts`` for the
configured ``semantic.text``, as ``backend_semantic`` resolves it for the corpus size): with
``sections`` a passage and windows per document, each its own digest.

``--compare`` builds and searches the same corpus twice, with the session-5 settings
(``semantic.text: whole``, ``semantic.weight: fixed``) and with today's defaults, and
searches them back to back in child processes in the order A B B A (each its own peak RSS,
the machine's drift shared alike); it writes ``search-N-compare.json|md``. ``--against
NAME=JSON`` compares the defaults with other settings instead, written as ``sikoja.yaml``
would hold them (``--against 'no coverage weight={"ranking": {"coverage_weight": 0}}'``).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import pickle
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import queries, write_corpus  # noqa: E402
from indexer.build import backend_semantic, build_index, embedding_texts  # noqa: E402
from indexer.embedding import EmbeddingCache, load_embedder  # noqa: E402
from indexer.query_model import keyword_clauses  # noqa: E402
from indexer.registry import open_backend  # noqa: E402
from indexer.search import RankingConfig, Searcher  # noqa: E402
from sikoja.config import SemanticSettings, load_settings  # noqa: E402
from sikoja.store import DocumentStore  # noqa: E402

PROBES = (16, 32, 64, 128, 256)
ANN_NAME = "faiss IVF (index.vector_quantization) + exact re-scoring"
# --compare: the settings before session 6 made sections and coverage the defaults, and today's
VARIANTS = {"session 5 (whole, fixed)": {"semantic": {"text": "whole", "weight": "fixed"}},
            "defaults": {}}


def percentiles(samples: list[float]) -> dict[str, float]:
    arr = np.array(samples) * 1000
    return {"p50": float(np.percentile(arr, 50)), "p95": float(np.percentile(arr, 95)),
            "p99": float(np.percentile(arr, 99)), "n": len(samples)}


def timed(fn, items) -> list[float]:
    out = []
    for item in items:
        t = time.perf_counter()
        fn(item)
        out.append(time.perf_counter() - t)
    return out


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_semantic(data_dir: Path, documents: int) -> SemanticSettings:
    """The ``semantic`` settings a build of ``documents`` documents in ``data_dir`` embeds with
    (its ``sikoja.yaml``, then what the backend can index at that size)."""
    settings = load_settings(data_dir, embedder="use")
    backend = open_backend(settings)
    try:
        return backend_semantic(settings.semantic, backend, documents)
    finally:
        backend.close()


def texts_of(docs, semantics: list[SemanticSettings]) -> list[str]:
    """Every text the builds with ``semantics`` embed for ``docs``, each once, in order."""
    return list(dict.fromkeys(t for d in docs for sem in semantics
                              for t in embedding_texts(d, sem)))


def _fill_cache(tmp: Path, docs, vecs: np.ndarray, name: str, seed: int,
                semantics: list[SemanticSettings]) -> None:
    """Cache a vector for each text the builds with ``semantics`` embed for ``docs``: the
    really embedded ``vecs`` plus noise, in turn."""
    rng = np.random.default_rng(seed)
    cache = EmbeddingCache(tmp / "embeddings.db")
    for start in range(0, len(docs), 5000):
        fill = {}
        for n_, text in enumerate(texts_of(docs[start:start + 5000], semantics), start):
            v = vecs[n_ % len(vecs)] + rng.normal(0, 0.02, vecs.shape[1]).astype(np.float32)
            fill[EmbeddingCache.digest(text)] = v / np.linalg.norm(v)
        cache.put_many(name, fill)
    cache.close()


def _change(tmp: Path, every: int, queue) -> None:
    """Child process: change every ``every``-th document (a sentence added), as a recrawl
    would, with cached vectors for the new text."""
    store = DocumentStore.open(tmp)
    total = store.count()
    docs = [d for n, d in enumerate(store.iter_documents()) if n % every == 0]
    for doc in docs:
        doc.text += " Informasi ini diperbarui oleh petugas."
        store.upsert(doc)
    store.close()
    semantics = [build_semantic(tmp, total)]
    embedder = load_embedder("use")
    vecs = embedder.embed_documents(texts_of(docs[:50], semantics))
    _fill_cache(tmp, docs, vecs, embedder.name, 5, semantics)
    queue.put({"changed": len(docs)})


def _prepare(tmp: Path, n: int, embed_all: bool, sample: int, dirs: list[Path],
             queue) -> None:
    """Child process: write the corpus into the store; with a sample, embed it for real and
    fill the cache for the rest (see the module docstring), for the builds in ``dirs``."""
    docs = write_corpus(tmp, n)
    result = {}
    if not embed_all:
        semantics = [build_semantic(d, n) for d in dirs]
        embedder = load_embedder("use")
        head = docs[:sample]
        texts = texts_of(head, semantics)
        t = time.perf_counter()
        vecs = embedder.embed_documents(texts)
        took = time.perf_counter() - t
        result["embedding_texts_per_s"] = len(texts) / took
        result["embedding_docs_per_s"] = len(head) * len(semantics) / took
        _fill_cache(tmp, docs, vecs, embedder.name, 3, semantics)
    queue.put(result)


def _build(tmp: Path, queue) -> None:
    """Child process: one index build, so its peak memory is its own."""
    settings = load_settings(tmp, embedder="use")
    t = time.perf_counter()
    summary = build_index(settings)
    queue.put({"seconds": time.perf_counter() - t, "embedded": summary.embedded,
               "rss_mb": max_rss_mb(), "summary": str(summary)})


def _check_filled(build: dict, embed_all: bool) -> None:
    """With a sample, a build that embedded anything found a text the fill did not cache:
    its time would be the model's, not the index's."""
    if not embed_all and build["embedded"]:
        raise SystemExit(f"the build embedded {build['embedded']} texts for real: the cache "
                         "fill missed them (bench_search._fill_cache)")


def _in_child(target, *args) -> dict:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=500)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--embed-all", action="store_true")
    group.add_argument("--embed-sample", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=Path("bench/results"))
    parser.add_argument("--data-dir", type=Path, help="keep the corpus here and reuse it "
                        "(with its embedding cache) on the next run; its index is rebuilt")
    parser.add_argument("--skip-peers", action="store_true",
                        help="no bm25s and FTS5 (they index the corpus again)")
    parser.add_argument("--search-only", action="store_true", help="with --data-dir: search "
                        "the index already there (no builds)")
    parser.add_argument("--compare", action="store_true", help="session-5 settings (whole, "
                        "fixed) against today's defaults, side by side (no reindex, no peers)")
    parser.add_argument("--against", metavar="NAME=JSON", help="with --compare: these "
                        "settings (as sikoja.yaml holds them) against the defaults instead")
    args = parser.parse_args()
    if args.against:
        name, _, value = args.against.partition("=")
        try:
            VARIANTS.clear()
            VARIANTS.update({name.strip(): json.loads(value), "defaults": {}})
        except json.JSONDecodeError as exc:
            parser.error(f"--against: the settings after '=' are not JSON ({exc})")

    tmp = args.data_dir or Path(tempfile.mkdtemp(prefix="sikoja-bench-"))
    if args.compare:
        args.out.mkdir(parents=True, exist_ok=True)
        try:
            result = compare(args, tmp)
        finally:
            if not args.data_dir:
                shutil.rmtree(tmp, ignore_errors=True)
        name = f"search-{args.docs}-" + ("against" if args.against else "compare")
        (args.out / f"{name}.json").write_text(json.dumps(result, indent=2))
        (args.out / f"{name}.md").write_text(format_compare(result) + "\n")
        print(format_compare(result))
        return
    result: dict = {"docs": args.docs}
    args.out.mkdir(parents=True, exist_ok=True)
    partial = args.out / f"search-{args.docs}.partial.json"

    def save() -> None:  # a long run leaves what it measured so far
        partial.write_text(json.dumps(result, indent=2))
    try:
        settings = load_settings(tmp, embedder="use")
        prepared = tmp / "prepared.json"
        if args.data_dir and (tmp / "embeddings.db").is_file():
            if not args.search_only:
                shutil.rmtree(tmp / "index", ignore_errors=True)
            if prepared.is_file():
                result.update(json.loads(prepared.read_text()))
        else:
            result.update(_in_child(_prepare, tmp, args.docs, args.embed_all,
                                    args.embed_sample, [tmp]))
            prepared.write_text(json.dumps(result))
        if not args.search_only:
            _builds(tmp, result, args.embed_all)
            save()

        embedder = load_embedder("use")
        zipf = queries(args.queries, repeat=True)
        fresh = queries(args.queries, repeat=False)
        searcher, lat = latencies(settings, embedder, fresh, zipf)
        result["search_peak_rss_mb"] = max_rss_mb()
        result["search_rss_now_mb"] = rss_now_mb()
        result.update(ann_recall(searcher.backend._version(), embedder, fresh))
        result["latency_ms"] = lat
        save()

        if not args.skip_peers:
            _peers(searcher, fresh, tmp, result, lat)
        result["latency_ms"] = lat
        result["vectors_ann"] = searcher.backend.info().get("vectors", 0) > 20_000
        searcher.close()
    finally:
        if not args.data_dir:
            shutil.rmtree(tmp, ignore_errors=True)

    partial.unlink(missing_ok=True)
    (args.out / f"search-{args.docs}.json").write_text(json.dumps(result, indent=2))
    print(format_markdown(result))


def latencies(settings, embedder, fresh: list[str], zipf: list[str]):
    """Each query path's latency percentiles on one index in memory, as in a server process;
    returns the hybrid searcher (still open) and the percentiles."""
    samples = latency_samples(settings, embedder, fresh, zipf)
    searcher = samples.pop("searcher")
    return searcher, {name: percentiles(values) for name, values in samples.items()}


def latency_samples(settings, embedder, fresh: list[str], zipf: list[str]) -> dict:
    """Seconds per query of each query path, in turn: keyword, vector with a cold query
    cache, hybrid cold then warm, hybrid on the Zipf mix."""
    searcher = Searcher(settings, embedder=embedder)
    shared = searcher.backend  # one index in memory, as in a server process
    keyword = Searcher(settings, embedder=False, backend=shared,
                       ranking=RankingConfig(use_vector=False))
    vector = Searcher(settings, embedder=embedder, backend=shared,
                      ranking=RankingConfig(use_keyword=False))
    for s in (searcher, keyword, vector):
        s.search("urus ktp")  # warm up
    out: dict = {"searcher": searcher}
    out["keyword (full search)"] = timed(lambda q: keyword.search(q), fresh)
    vector._query_vectors.clear()
    out["vector (full search, cold query cache)"] = timed(lambda q: vector.search(q), fresh)
    searcher._query_vectors.clear()
    out["hybrid (cold query-embedding cache)"] = timed(lambda q: searcher.search(q), fresh)
    out["hybrid (warm query-embedding cache)"] = timed(lambda q: searcher.search(q), fresh)
    searcher._query_vectors.clear()
    out["hybrid, Zipf mix"] = timed(lambda q: searcher.search(q), zipf)
    return out


def _search_round(data_dir: Path, n_queries: int, recall: bool, queue) -> None:
    """Child process (--compare): one round of every query path on ``data_dir``'s index."""
    settings = load_settings(data_dir, embedder="use")
    embedder = load_embedder("use")
    load = os.getloadavg()[0]
    samples = latency_samples(settings, embedder, queries(n_queries, repeat=False),
                              queries(n_queries, repeat=True))
    searcher = samples.pop("searcher")
    info = searcher.backend.info()
    out = {"samples": samples, "peak_rss_mb": max_rss_mb(), "rss_now_mb": rss_now_mb(),
           "load": [load, os.getloadavg()[0]], "documents": info.get("documents", 0),
           "vectors": info.get("vectors", 0)}
    if recall:
        out.update(ann_recall(searcher.backend._version(), embedder,
                              queries(n_queries, repeat=False)))
    searcher.close()
    queue.put(out)


def compare(args, tmp: Path) -> dict:
    """Build and search the corpus with each of ``VARIANTS`` (see the module docstring)."""
    dirs = {label: tmp / f"variant{i}" for i, label in enumerate(VARIANTS)}
    for label, d in dirs.items():
        d.mkdir(parents=True, exist_ok=True)
        if VARIANTS[label]:
            (d / "sikoja.yaml").write_text(json.dumps(VARIANTS[label]))
    result: dict = {"docs": args.docs, "variants": {}, "queries": args.queries,
                    "load_start": os.getloadavg()[0]}
    prepared = tmp / "prepared.json"
    if not (tmp / "documents.db").is_file():
        result["prepare"] = _in_child(_prepare, tmp, args.docs, args.embed_all,
                                      args.embed_sample, list(dirs.values()))
        prepared.write_text(json.dumps(result["prepare"]))
    else:
        result["prepare"] = json.loads(prepared.read_text()) if prepared.is_file() else {}
    for label, d in dirs.items():
        out = result["variants"][label] = {"settings": VARIANTS[label]}
        if args.search_only:
            continue
        for name in ("documents.db", "embeddings.db"):
            if (tmp / name).is_file():
                shutil.copyfile(tmp / name, d / name)
        shutil.rmtree(d / "index", ignore_errors=True)
        load = os.getloadavg()[0]
        first = _in_child(_build, d)
        _check_filled(first, args.embed_all)
        out.update(first_index_s=first["seconds"], index_peak_rss_mb=first["rss_mb"],
                   embedded_texts=first["embedded"], build_load=[load, os.getloadavg()[0]],
                   build_summary=first["summary"])
        (d / "embeddings.db").unlink(missing_ok=True)  # the index holds the vectors now
    rounds: dict[str, list[dict]] = {label: [] for label in dirs}
    order = [*dirs, *reversed(dirs)]  # A B B A
    for n, label in enumerate(order):
        rounds[label].append(_in_child(_search_round, dirs[label], args.queries,
                                       n < len(dirs)))
    for label, runs in rounds.items():
        out = result["variants"][label]
        first = runs[0]
        out.update({k: v for k, v in first.items() if k not in ("samples", "peak_rss_mb",
                                                                 "rss_now_mb", "load")})
        out["vectors_per_page"] = first["vectors"] / max(first["documents"], 1)
        out["search_peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
        out["search_load"] = [r["load"] for r in runs]
        out["latency_ms"] = {name: percentiles([x for r in runs for x in r["samples"][name]])
                             for name in first["samples"]}
    result["load_end"] = os.getloadavg()[0]
    return result


def format_compare(r: dict) -> str:
    """Both settings side by side, with the ratio of today's to session 5's."""
    (a_name, a), (b_name, b) = r["variants"].items()
    lines = [f"### {r['docs']:,} documents: {a_name} against {b_name}", "",
             f"Load average (1 min): {r['load_start']:.1f} at the start, "
             f"{r['load_end']:.1f} at the end.", ""]
    if r.get("prepare", {}).get("embedding_texts_per_s"):
        p = r["prepare"]
        lines += [f"Embedding (the real sample, both settings' texts): "
                  f"{p['embedding_texts_per_s']:.1f} texts/s.", ""]
    lines += [f"| | {a_name} | {b_name} | ratio |", "|---|---|---|---|"]

    def row(label, key, fmt="{:.1f}"):
        if key in a and key in b:
            ratio = b[key] / a[key] if a[key] else float("nan")
            lines.append(f"| {label} | {fmt.format(a[key])} | {fmt.format(b[key])} | "
                         f"{ratio:.2f} |")
    row("first index, s", "first_index_s")
    row("texts embedded by the build", "embedded_texts", "{:,}")
    row("vectors per page", "vectors_per_page", "{:.2f}")
    row("peak RSS building, MB", "index_peak_rss_mb", "{:.0f}")
    row("peak RSS searching, MB", "search_peak_rss_mb", "{:.0f}")
    row("recall@10 of the served vector search", "recall_at_10", "{:.3f}")
    for name in a["latency_ms"]:
        for q in ("p50", "p95", "p99"):
            x, y = a["latency_ms"][name][q], b["latency_ms"][name][q]
            lines.append(f"| {name} {q} ms | {x:.2f} | {y:.2f} | {y / x:.2f} |")
    n = next(iter(a["latency_ms"].values()))["n"]
    lines += ["", f"{n} queries per path and setting (two rounds of each, order A B B A, "
              "each round a fresh process)."]
    return "\n".join(lines)


def _corpus_tokens(analyzer, tmp: Path) -> list[list[str]]:
    """Every document's analysed tokens, in the store's order, for the peers. Kept in the data
    dir (``peer_tokens.pkl``, written once): analysing a million documents takes a quarter of
    an hour, and a ``--search-only`` rerun of the same corpus need not pay it again."""
    cached = tmp / "peer_tokens.pkl"
    if cached.is_file():
        with cached.open("rb") as fh:
            return pickle.load(fh)
    store = DocumentStore.open(tmp)
    try:
        tokens = [analyzer.index_tokens(f"{d.title} {d.text}") for d in store.iter_documents()]
    finally:
        store.close()
    partial = cached.with_suffix(".tmp")
    with partial.open("wb") as fh:
        pickle.dump(tokens, fh, protocol=pickle.HIGHEST_PROTOCOL)
    partial.rename(cached)
    return tokens


def _peers(searcher, fresh: list[str], tmp: Path, result: dict, lat: dict) -> None:
    """Keyword retrieval on bm25s and SQLite FTS5, beside tantivy, on the same tokens."""
    # Peers on the same analysed tokens: keyword retrieval of the top 100 only.
    analyzer = searcher.analyzer
    backend = searcher.backend
    terms = [analyzer.analyze_query(q).terms for q in fresh]
    analysed = [[t for term in ts for t in term.tokens] for ts in terms]
    import bm25s

    corpus_tokens = _corpus_tokens(analyzer, tmp)
    ids, vocab = _vocab_ids(corpus_tokens)
    t = time.perf_counter()
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenization.Tokenized(ids, vocab), show_progress=False)
    result["bm25s_index_s"] = time.perf_counter() - t

    def bm25s_query(tokens: list[str]) -> None:
        ids = [vocab[t] for t in tokens if t in vocab]
        if ids:
            scores = retriever.get_scores(ids)
            top = np.argpartition(-scores, 100)[:100]
            top[np.argsort(-scores[top])]

    # side by side: each query on each engine in turn, three rounds, so that load on
    # this shared machine falls on all of them alike
    version = backend._version()
    peers = {
        "tantivy keyword retrieval (top 100, 3 fields + pairs)":
            (lambda ts: backend.keyword_search(ts, 100), terms),
        "tantivy keyword retrieval, common words kept":
            (lambda ts: version._search(keyword_clauses(ts), 100, None), terms),
        "bm25s keyword retrieval (top 100, 1 field)": (bm25s_query, analysed),
    }
    samples: dict[str, list[float]] = {name: [] for name in peers}
    for _ in range(3):
        for i in range(len(fresh)):
            for name, (fn, items) in peers.items():
                t = time.perf_counter()
                fn(items[i])
                samples[name].append(time.perf_counter() - t)
    for name, values in samples.items():
        lat[name] = percentiles(values)

    fts = sqlite3.connect(":memory:")
    fts.execute("CREATE VIRTUAL TABLE d USING fts5(body, tokenize='unicode61')")
    t = time.perf_counter()
    fts.executemany("INSERT INTO d (body) VALUES (?)",
                    [(" ".join(tokens),) for tokens in corpus_tokens])
    result["fts5_index_s"] = time.perf_counter() - t

    def fts_query(tokens: list[str]) -> None:
        words = [t.replace('"', "") for t in tokens if t.replace('"', "")]
        if words:
            match = " OR ".join(f'"{w}"' for w in words)
            fts.execute("SELECT rowid FROM d WHERE d MATCH ? ORDER BY bm25(d) LIMIT 100",
                        (match,)).fetchall()
    lat["SQLite FTS5 keyword retrieval (top 100, 1 field)"] = percentiles(
        timed(fts_query, analysed))


def _builds(tmp: Path, result: dict, embed_all: bool) -> None:
    """The first build, a reindex with nothing changed, and one after 1% changed."""
    first = _in_child(_build, tmp)
    _check_filled(first, embed_all)
    result["first_index_s"] = first["seconds"]
    result["index_peak_rss_mb"] = first["rss_mb"]
    if embed_all:
        result["embedding_docs_per_s"] = first["embedded"] / max(first["seconds"], 1e-9)
    again = _in_child(_build, tmp)
    result["reindex_unchanged_s"] = again["seconds"]
    result["changed_docs"] = _in_child(_change, tmp, 100)["changed"]
    changed = _in_child(_build, tmp)
    result["reindex_1pct_s"] = changed["seconds"]
    result["reindex_1pct_peak_rss_mb"] = changed["rss_mb"]
    result["reindex_1pct_summary"] = changed["summary"]


def rss_now_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def ann_recall(version, embedder, texts: list[str], k: int = 10) -> dict:
    """Recall@k of the vector search as served (IVF + exact re-scoring when there is an IVF
    index) against brute-force inner product over the same float vectors."""
    version._load_vectors()
    index = version.vectors
    if index is None or index.ann is None:
        return {"recall_at_10": 1.0, "recall_queries": 0}
    vecs = [np.asarray(embedder.embed_query(text), dtype=np.float32) for text in texts]
    exact = [{i for i, _ in index.exact(q, k)} for q in vecs]
    served = index.ann.nprobe
    sweep = {}
    for probe in sorted({served, *PROBES}):  # the trade of recall for time, cells searched
        index.ann.nprobe = probe
        found, took = [], []
        for q, truth in zip(vecs, exact, strict=True):
            t = time.perf_counter()
            approx = {i for i, _ in index.search(q, k)}
            took.append(time.perf_counter() - t)
            found.append(len(approx & truth) / k)
        sweep[probe] = {"recall": float(np.mean(found)), "min": float(np.min(found)),
                        "below_half": int(np.sum(np.array(found) < 0.5)),
                        "p50_ms": percentiles(took)["p50"], "p99_ms": percentiles(took)["p99"]}
    index.ann.nprobe = served
    return {"recall_at_10": sweep[served]["recall"], "recall_queries": len(texts),
            "recall_min": sweep[served]["min"], "ivf_probe": served, "probe_sweep": sweep}


def _vocab_ids(corpus_tokens):
    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(t, len(vocab)) for t in doc] for doc in corpus_tokens]
    return ids, vocab


def format_markdown(r: dict) -> str:
    lines = [f"### {r['docs']:,} documents", ""]
    if "first_index_s" in r:  # not with --search-only
        lines += [
            f"- first index (analysis + tantivy + embeddings): {r['first_index_s']:.1f} s",
            f"- embedding throughput: {r.get('embedding_docs_per_s') or 0:.1f} documents/s",
            f"- reindex with nothing changed: {r['reindex_unchanged_s']:.2f} s "
            f"({r['first_index_s'] / max(r['reindex_unchanged_s'], 1e-9):.0f}x faster)",
            f"- reindex after changing {r['changed_docs']:,} documents (1%): "
            f"{r['reindex_1pct_s']:.1f} s "
            f"({100 * r['reindex_1pct_s'] / r['first_index_s']:.1f}% of the first index)",
            f"- peak memory (max RSS): index build {r['index_peak_rss_mb']:.0f} MB"]
    lines += [f"- search process: peak RSS {r['search_peak_rss_mb']:.0f} MB",
             f"- vector search: {ANN_NAME if r['vectors_ann'] else 'exact numpy'}"
             f", recall@10 against exact {r['recall_at_10']:.3f} ({r['recall_queries']} queries)",
             f"- bm25s index {r.get('bm25s_index_s', 0):.1f} s, "
             f"FTS5 index {r.get('fts5_index_s', 0):.1f} s",
             "", "| query path | p50 ms | p95 ms | p99 ms | n |", "|---|---|---|---|---|"]
    for name, p in r["latency_ms"].items():
        lines.append(f"| {name} | {p['p50']:.2f} | {p['p95']:.2f} | {p['p99']:.2f} | {p['n']} |")
    ours = r["latency_ms"].get("tantivy keyword retrieval (top 100, 3 fields + pairs)")
    peer = r["latency_ms"].get("bm25s keyword retrieval (top 100, 1 field)")
    if ours and peer:
        lines += ["", f"Keyword retrieval p50, tantivy / bm25s: {ours['p50'] / peer['p50']:.2f}"]
    if r.get("probe_sweep"):
        lines += ["", "| IVF cells searched | recall@10 | min | queries < 0.5 | p50 ms | p99 ms |",
                  "|---|---|---|---|---|---|"]
        for probe, x in r["probe_sweep"].items():
            lines.append(f"| {probe} | {x['recall']:.3f} | {x['min']:.1f} | "
                         f"{x['below_half']} | {x['p50_ms']:.2f} | {x['p99_ms']:.2f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
