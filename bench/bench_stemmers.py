"""Indonesian stemmers and the analysis pipeline: speed, and where Sastrawi and Snowball differ.

    .venv/bin/python bench/bench_stemmers.py                # defaults: 5000 docs
    .venv/bin/python bench/bench_stemmers.py --docs 20000 --diff-out bench/out/stem_diff.tsv

Measures, on one shared machine (numbers are indicative, compare within a run):

1. Stemming speed per word: stock Sastrawi (its list-backed dictionary), Sastrawi with a set
   dictionary and no cache, sikoja's memoized stemmer cold and warm, Snowball ``indonesian``
   (PyStemmer, C).
2. Where Sastrawi (as sikoja uses it) and Snowball give different stems, on the words of the
   Kota Jambi facts (../shared/data) and of the synthetic corpus, most frequent first.
3. ``Analyzer.index_tokens`` throughput on the synthetic corpus (bench/corpus.py), cold and
   warm, and ``analyze_query`` latency with typo correction against the corpus vocabulary.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import generate  # noqa: E402
from indexer.analysis import Analyzer, Vocabulary  # noqa: E402
from indexer.analysis.stemming import SetDictionary  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
PREFIXES = ["me", "mem", "men", "meng", "ber", "di", "ter", "pe", "pem", "pen", "peng", "ke", "se"]
SUFFIXES = ["", "an", "kan", "i", "nya"]


def per_word_us(stem, words: list[str]) -> float:
    started = time.perf_counter()
    for word in words:
        stem(word)
    return (time.perf_counter() - started) / max(1, len(words)) * 1e6


def fact_words(analyzer: Analyzer) -> Counter[str]:
    """Surface words of the Kota Jambi facts and phrasings (what real pages talk about)."""
    counts: Counter[str] = Counter()
    for name in ("services.jsonl", "apps.jsonl", "opds.jsonl", "phrasing.md"):
        path = SHARED / name
        if path.is_file():
            counts.update(analyzer.words(path.read_text(encoding="utf-8")))
    return counts


def affixed_words(roots: list[str], n: int, seed: int = 3) -> list[str]:
    """Derived forms (prefix + root + suffix) the way formal pages build them."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        out.append(rng.choice(PREFIXES) + rng.choice(roots) + rng.choice(SUFFIXES))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--words", type=int, default=20000, help="derived word sample size")
    parser.add_argument(
        "--stock-sample", type=int, default=300, help="words for stock Sastrawi (milliseconds each)"
    )
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--diff-out", type=Path, default=ROOT / "bench" / "out" / "stem_diff.tsv")
    parser.add_argument("--show", type=int, default=40, help="differences printed")
    args = parser.parse_args()

    import Stemmer as PyStemmer
    from Sastrawi.Stemmer.Stemmer import Stemmer as SastrawiStemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    started = time.perf_counter()
    analyzer = Analyzer(shared=False)
    print(f"Analyzer() built in {time.perf_counter() - started:.2f} s")
    lexicon = analyzer.lexicon
    roots = sorted(lexicon.root_words)

    facts = fact_words(analyzer)
    docs = list(generate(args.docs))
    corpus_words: Counter[str] = Counter()
    for doc in docs[:2000]:
        corpus_words.update(analyzer.words(f"{doc.title} {doc.text}"))
    derived = affixed_words(roots, args.words)
    vocabulary_words = list(dict.fromkeys([*facts, *corpus_words, *derived]))
    alpha = [w for w in vocabulary_words if w.isalpha() and len(w) > 3]
    print(
        f"\n== 1. stemming speed ({len(alpha)} distinct words; "
        f"{len(facts)} from the Kota Jambi facts, {len(derived)} derived forms) =="
    )

    stock = StemmerFactory().create_stemmer().delegatedStemmer  # list-backed dictionary
    sample = random.Random(5).sample(alpha, min(args.stock_sample, len(alpha)))
    stock_us = per_word_us(stock.stem, sample)
    print(
        f"  Sastrawi stock (list dictionary)   {stock_us:10.1f} us/word ({len(sample)}-word sample)"
    )

    set_backed = SastrawiStemmer(SetDictionary(lexicon.root_words))
    set_us = per_word_us(set_backed.stem_word, alpha)
    print(f"  Sastrawi, set dictionary, no cache {set_us:10.1f} us/word")

    ours = Analyzer(shared=False).stemmer  # fresh cache
    cold_us = per_word_us(ours.stem, alpha)
    warm_us = per_word_us(ours.stem, alpha)
    print(f"  sikoja memoized, cold              {cold_us:10.1f} us/word")
    print(f"  sikoja memoized, warm              {warm_us:10.2f} us/word")

    snowball = PyStemmer.Stemmer("indonesian")
    snow_one_us = per_word_us(snowball.stemWord, alpha)
    started = time.perf_counter()
    snowball.stemWords(alpha)
    snow_batch_us = (time.perf_counter() - started) / len(alpha) * 1e6
    print(
        f"  Snowball indonesian (PyStemmer)    {snow_one_us:10.2f} us/word "
        f"(batch stemWords {snow_batch_us:.2f})"
    )

    print("\n== 2. where Sastrawi (sikoja) and Snowball differ ==")
    weighted: Counter[str] = Counter()
    weighted.update({w: c for w, c in facts.items() if w.isalpha()})
    weighted.update({w: c for w, c in corpus_words.items() if w.isalpha()})
    real = [w for w in weighted if len(w) > 3]
    diffs = []
    for word in real:
        a, b = ours.stem(word), snowball.stemWord(word)
        if a != b:
            diffs.append((weighted[word], word, a, b))
    diffs.sort(key=lambda d: (-d[0], d[1]))
    derived_diffs = sum(1 for w in derived if ours.stem(w) != snowball.stemWord(w))
    print(
        f"  real words: {len(diffs)} of {len(real)} differ "
        f"({100 * len(diffs) / max(1, len(real)):.0f}%); derived forms: "
        f"{derived_diffs} of {len(derived)} ({100 * derived_diffs / len(derived):.0f}%)"
    )
    print(f"  {'count':>5}  {'word':<22} {'sastrawi':<16} snowball")
    for count, word, a, b in diffs[: args.show]:
        print(f"  {count:5d}  {word:<22} {a:<16} {b}")
    args.diff_out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.diff_out, "w", encoding="utf-8") as fh:
        fh.write("count\tword\tsastrawi\tsnowball\n")
        for count, word, a, b in diffs:
            fh.write(f"{count}\t{word}\t{a}\t{b}\n")
    print(f"  all differences: {args.diff_out}")

    print(f"\n== 3. pipeline on {len(docs)} synthetic documents ==")
    fresh = Analyzer(shared=False)
    texts = [f"{d.title} {d.text} {' '.join(str(v) for v in d.fields.values())}" for d in docs]
    for label in ("cold", "warm"):
        started = time.perf_counter()
        n_tokens = sum(len(fresh.index_tokens(t)) for t in texts)
        elapsed = time.perf_counter() - started
        print(
            f"  index_tokens {label}: {len(texts) / elapsed:8.0f} docs/s, "
            f"{n_tokens / elapsed / 1e3:6.0f}k tokens/s ({elapsed:.2f} s, {n_tokens} tokens)"
        )
    started = time.perf_counter()
    counts: Counter[str] = Counter()
    for t in texts:
        counts.update(set(fresh.words(t)))
    vocabulary = Vocabulary.build(dict(counts))
    vocabulary.correct("kelahran")  # builds the deletion index
    keys, ids = vocabulary._index()
    print(
        f"  vocabulary: {len(vocabulary)} words, words() + build + deletion index "
        f"{time.perf_counter() - started:.2f} s, index {len(keys)} keys "
        f"{(keys.nbytes + ids.nbytes) / 1e6:.1f} MB"
    )
    big = Vocabulary.build(dict.fromkeys(alpha + roots, 1))
    started = time.perf_counter()
    big.correct("kelahran")
    keys, ids = big._index()
    print(
        f"  a {len(big)}-word vocabulary (roots + derived forms): deletion index built in "
        f"{time.perf_counter() - started:.2f} s, {len(keys)} keys, "
        f"{(keys.nbytes + ids.nbytes) / 1e6:.1f} MB"
    )
    big_latencies = []
    for word in ("kelahran", "bangunn", "kependudukn", "perizinn", "pendaftarn") * 40:
        started = time.perf_counter()
        big.correct(word)
        big_latencies.append((time.perf_counter() - started) * 1e3)
    print(f"    correct() on it: median {statistics.median(big_latencies):.3f} ms")

    from bench.corpus import queries as corpus_queries

    typos = [
        "akte kelahran",
        "perizinan bangunn",
        "ktp ilang",
        "pajak bumi bangnan",
        "kependudukn",
        "cakmano bikin kk",
        "birth certificate",
        "bikin akte lahir",
    ]
    mix = corpus_queries(args.queries) + typos * 20
    fresh.warm_up()
    latencies = []
    for q in mix:
        started = time.perf_counter()
        fresh.analyze_query(q, vocabulary)
        latencies.append((time.perf_counter() - started) * 1e3)
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    print(
        f"  analyze_query ({len(mix)} queries, warm): p50 {q[49]:.3f} ms, p95 {q[94]:.3f} ms, "
        f"p99 {q[98]:.3f} ms, max {latencies[-1]:.3f} ms"
    )
    for typo in typos[:5]:
        result = fresh.analyze_query(typo, vocabulary)
        print(f"    {typo!r:24} -> did_you_mean={result.did_you_mean!r}")
    print(f"\nmax RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
