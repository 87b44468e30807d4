"""The vectors of one index version: float rows on disk, a quantised IVF index in memory.

Files of a version (``indexer.embedded``)::

    vectors.npy      float32 rows, L2-normalised, sorted by document key; memory-mapped
    vector_rows.npz  keys (int64, sorted), opd and kind codes per row, their labels, and the
                     IVF index's shape (quantisation, cells, vectors it was trained on)
    vectors.ivf      faiss IVF index over the rows, ids = document keys (above
                     ``index.ann_threshold`` rows)

Why IVF with scalar quantisation (``index.vector_quantization: sq8``): a million 512-dim
float vectors are 2 GB, an HNSW graph over them more, and its build is the slowest part of
a build on two cores. SQ8 keeps one byte per dimension (0.5 GB for a million); IVF trains
in a minute on a sample, and a change of 1% of the documents is ``remove_ids`` and
``add_with_ids`` on the previous version's index instead of a new graph. The loss of
quantisation is taken back by re-scoring ``vector_rescore`` x k candidates with the exact
float rows, read from the memory-mapped file (a few hundred rows per query). PQ would be
smaller still but loses more of the order among near neighbours than re-scoring a few
hundred candidates recovers; at 0.5 GB for a million, SQ8 already fits the memory target.

Keys are the 64-bit document ids shifted into the int64 range (as in the tantivy fast
field), so a row is found by ``searchsorted`` and no list of a million id strings is kept.

A document may have several rows (``semantic.text: sections``: its passage and windows of
its text), all under its key and next to each other in the sorted file; it scores its best
row, so a search maps rows back to documents before it takes the top k. The IVF index holds
every row under the document's key (faiss ids need not be unique; ``remove_ids`` drops all
of a document's rows at once). An index of one row per document is the same file with no
repeated key, so indexes written before sections load and search as they did. (OpenSearch
would need a nested field of vectors with a ``knn`` query scoring the best nested row, or
one indexed document per row collapsed on the document id: not built, see
``indexer.opensearch.writer``.)
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from sikoja.config import IndexSettings

VECTORS = "vectors.npy"
ROWS = "vector_rows.npz"
ANN_FILE = "vectors.ivf"
FILES = (VECTORS, ROWS, ANN_FILE)
KEY_SHIFT = 2**63  # ids are 64-bit; keys hold them shifted into the int64 range
BLOCK = 4096  # rows per block while collecting, and per chunk while writing
MAX_LISTS = 65_536
TRAIN_PER_LIST = 50  # training rows per IVF cell (faiss wants at least 39)
PROBE_SHARE = 32  # cells searched by default: one in this many...
# ...but never fewer than this: recall follows the share of cells searched, and below a
# million documents one in 32 is too few (100k documents, 632 cells: recall@10 0.92 with 32
# searched, 0.965 with 64 at 1.1 ms; BENCHMARKS.md "100,000 documents with the IVF index")
MIN_PROBE = 64
REGROW = 4  # an IVF index is re-trained when the rows outgrow its training this many times


def key_of(doc_id: str) -> int:
    return int(doc_id, 16) - KEY_SHIFT


def id_of(key: int) -> str:
    return f"{int(key) + KEY_SHIFT:016x}"


def _faiss() -> Any:
    try:
        import faiss
    except ImportError:
        return None
    faiss.omp_set_num_threads(1)
    return faiss


class VectorIndex:
    """The vectors of an open version, for search."""

    def __init__(self, path: Path, cfg: IndexSettings) -> None:
        self.cfg = cfg
        self.path = path / VECTORS
        self.matrix = np.load(self.path, mmap_mode="r")
        # up to ann_threshold rows (exact search reads them all) are read into memory; above,
        # the rows a query re-scores are read with pread: mapped pages it touched would stay
        # in the process's RSS (a million queries touch every page of 2 GB)
        self._offset = self.matrix.offset
        if self.matrix.shape[0] <= cfg.ann_threshold:
            self.matrix = np.ascontiguousarray(self.matrix)
        with np.load(path / ROWS) as rows:
            self.keys = rows["keys"]
            self.opd, self.kind = rows["opd"], rows["kind"]
            self.opd_labels = [str(x) for x in rows["opd_labels"]]
            self.kind_labels = [str(x) for x in rows["kind_labels"]]
        if not (len(self.keys) == len(self.opd) == len(self.kind) == self.matrix.shape[0]):
            raise ValueError(f"{ROWS} and {VECTORS} disagree on the number of rows")
        # several rows per document (sections): searches keep each document's best row
        self.sections = bool(len(self.keys) > 1 and (self.keys[1:] == self.keys[:-1]).any())
        self.ann = _read_ann(path / ANN_FILE, cfg)

    @property
    def dim(self) -> int:
        return int(self.matrix.shape[1])

    def __len__(self) -> int:
        return len(self.keys)

    def _mask(self, opd: list[str], kind: list[str]) -> np.ndarray:
        mask = np.ones(len(self.keys), dtype=bool)
        for codes, labels, wanted in ((self.opd, self.opd_labels, opd),
                                      (self.kind, self.kind_labels, kind)):
            if wanted:
                mask &= np.isin(codes, [n for n, label in enumerate(labels) if label in wanted])
        return mask

    def search(self, query: np.ndarray, k: int, opd: list[str] | None = None,
               kind: list[str] | None = None) -> list[tuple[str, float]]:
        """(document id, cosine) of the ``k`` nearest rows (with the opd/kind wanted)."""
        mask = self._mask(opd or [], kind or []) if (opd or kind) else None
        allowed = len(self.keys) if mask is None else int(mask.sum())
        if allowed == 0:
            return []
        if self.ann is None or allowed <= self.cfg.ann_threshold:
            rows = None if mask is None else np.flatnonzero(mask)
        else:
            rows = self._candidates(query, k * self.cfg.vector_rescore, mask)
        return self.exact(query, k, rows)

    def exact(self, query: np.ndarray, k: int,
              rows: np.ndarray | None = None) -> list[tuple[str, float]]:
        """Brute-force inner product over ``rows`` (all when None, else sorted) of the float
        vectors; a document with several rows scores its best."""
        if rows is None:
            scores = np.asarray(self.matrix @ query)
            keys = self.keys
        else:
            scores = self.rows(rows) @ query
            keys = self.keys[rows]
        if self.sections and len(keys):
            # rows of a document are neighbours (sorted by key): one score per run of a key
            starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
            scores, keys = np.maximum.reduceat(scores, starts), keys[starts]
        k = min(k, len(scores))
        if k == 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(id_of(keys[i]), float(scores[i])) for i in top]

    def scores(self, query: np.ndarray, ids: Sequence[str]) -> dict[str, float]:
        """The cosine of each of ``ids`` that has rows (a document with several rows
        scores its best), however far down the nearest it would come."""
        wanted = np.unique(np.array([key_of(i) for i in ids], dtype=np.int64))
        first = np.searchsorted(self.keys, wanted, side="left")
        last = np.searchsorted(self.keys, wanted, side="right")
        spans = [np.arange(a, b) for a, b in zip(first, last, strict=True) if b > a]
        if not spans:
            return {}
        rows = np.concatenate(spans)  # sorted: the keys are, and so are the wanted
        return dict(self.exact(query, len(rows), rows))

    def vectors_of(self, ids: Sequence[str], query: np.ndarray | None = None
                   ) -> dict[str, np.ndarray]:
        """Each of ``ids``' vector that has rows: its first row (the passage's, with
        ``sections``), or with ``query`` its row nearest to it (the row a search scores)."""
        wanted = np.unique(np.array([key_of(i) for i in ids], dtype=np.int64))
        first = np.searchsorted(self.keys, wanted, side="left")
        last = np.searchsorted(self.keys, wanted, side="right")
        out = {}
        for key, a, b in zip(wanted.tolist(), first.tolist(), last.tolist(), strict=True):
            if b <= a:
                continue
            rows = self.rows(np.arange(a, b if query is not None else a + 1))
            best = int(np.argmax(rows @ query)) if query is not None else 0
            out[id_of(key)] = np.array(rows[best], dtype=np.float32)
        return out

    def rows(self, rows: np.ndarray) -> np.ndarray:
        """The float vectors of ``rows`` (sorted), as an array in memory."""
        if not isinstance(self.matrix, np.memmap) or len(rows) > self.cfg.ann_threshold:
            return np.asarray(self.matrix[rows])
        size = self.dim * 4
        out = bytearray(len(rows) * size)
        with self.path.open("rb", buffering=0) as f:
            fd = f.fileno()
            for n, row in enumerate(rows.tolist()):
                got = os.pread(fd, size, self._offset + row * size)
                if len(got) != size:
                    raise ValueError(f"{VECTORS} is shorter than its {len(self.keys)} rows")
                out[n * size:(n + 1) * size] = got
        return np.frombuffer(out, dtype="<f4").reshape(len(rows), self.dim)

    def _candidates(self, query: np.ndarray, n: int, mask: np.ndarray | None) -> np.ndarray:
        faiss = _faiss()
        probe = self.ann.nprobe
        params = None
        if mask is not None:  # a filter leaves fewer rows per cell: look in more cells
            allowed = np.ascontiguousarray(self.keys[mask])
            selector = faiss.IDSelectorBatch(len(allowed), faiss.swig_ptr(allowed))
            params = faiss.SearchParametersIVF(sel=selector, nprobe=probe * 4)
        _, found = self.ann.search(query.reshape(1, -1), n, params=params)
        found = np.unique(found[0][found[0] != -1])
        first = np.searchsorted(self.keys, found, side="left")
        if not self.sections:
            rows = np.minimum(first, len(self.keys) - 1)
            return rows[self.keys[rows] == found]  # an id the rows do not hold is no candidate
        # every row of a document found (its best row may be one the IVF cells missed)
        end = np.searchsorted(self.keys, found, side="right")
        return np.concatenate([np.arange(a, b) for a, b in zip(first, end, strict=True)]
                              or [np.arange(0)]).astype(np.int64)


def _read_ann(path: Path, cfg: IndexSettings) -> Any:
    faiss = _faiss()
    if faiss is None or not path.is_file():
        return None
    index = faiss.read_index(str(path))
    index.nprobe = cfg.ivf_probe or min(index.nlist, max(MIN_PROBE, index.nlist // PROBE_SHARE))
    return index


class VectorWriter:
    """Rows of a version being built: those kept from ``base`` (a version's folder) and
    those added, written sorted by key at ``commit``. New rows collect in blocks of
    float32 (no Python object per vector: a million of those cost 100 MB more than the
    floats)."""

    def __init__(self, base: Path | None) -> None:
        self.base = base if base is not None and (base / ROWS).is_file() else None
        self.removed: set[int] = set()
        self.keys: list[int] = []
        self.facets: list[tuple[str, str]] = []
        self.blocks: list[np.ndarray] = []
        self.dim = 0

    def add(self, doc_id: str, vector: np.ndarray, opd: str, kind: str) -> None:
        """The document's vector, or its rows of vectors (``semantic.text: sections``)."""
        key = key_of(doc_id)
        if self.base is not None:
            self.removed.add(key)  # replaces the base's rows, if it had any
        for row in np.atleast_2d(vector):
            if not self.dim:
                self.dim = len(row)
            if len(self.keys) % BLOCK == 0:
                self.blocks.append(np.empty((BLOCK, self.dim), dtype=np.float32))
            self.blocks[-1][len(self.keys) % BLOCK] = row
            self.keys.append(key)
            self.facets.append((opd, kind))

    def remove(self, doc_id: str) -> None:
        if self.base is not None:
            self.removed.add(key_of(doc_id))

    def _new_rows(self, idx: np.ndarray) -> np.ndarray:
        return np.stack([self.blocks[i // BLOCK][i % BLOCK] for i in idx.tolist()])

    def commit(self, path: Path, cfg: IndexSettings) -> int:
        """Write the rows (and the IVF index) into the version at ``path``; rows written."""
        old = VectorIndex(self.base, cfg) if self.base is not None else None
        kept = np.arange(0)
        if old is not None:
            gone = np.fromiter(self.removed, dtype=np.int64, count=len(self.removed))
            kept = np.flatnonzero(~np.isin(old.keys, gone))
            if old.ann is not None and len(gone):
                faiss = _faiss()
                gone = np.ascontiguousarray(gone)
                old.ann.remove_ids(faiss.IDSelectorBatch(len(gone), faiss.swig_ptr(gone)))
        new_keys = np.array(self.keys, dtype=np.int64)
        total = len(kept) + len(new_keys)
        if total == 0:
            return 0
        dim = self.dim or (old.dim if old is not None else 0)
        if old is not None and self.dim and old.dim != dim:
            raise ValueError(f"vectors of {dim} dimensions added to an index of {old.dim}")
        all_keys = np.concatenate([old.keys[kept] if old is not None else kept, new_keys])
        order = np.argsort(all_keys, kind="stable")
        opd, kind, opd_labels, kind_labels = self._facets(old, kept)

        def chunks() -> Iterator[np.ndarray]:
            for start in range(0, total, BLOCK * 16):
                part = order[start:start + BLOCK * 16]
                out = np.empty((len(part), dim), dtype=np.float32)
                from_old = part < len(kept)
                if from_old.any():
                    assert old is not None
                    out[from_old] = old.matrix[kept[part[from_old]]]
                if not from_old.all():
                    out[~from_old] = self._new_rows(part[~from_old] - len(kept))
                yield out

        header = _write_npy(path / VECTORS, (total, dim), chunks())
        sorted_keys = all_keys[order]
        ann_shape = self._write_ann(path, cfg, old, header, (total, dim), new_keys,
                                    sorted_keys)
        np.savez(path / ROWS, keys=sorted_keys, opd=opd[order], kind=kind[order],
                 opd_labels=np.array(opd_labels, dtype=str),
                 kind_labels=np.array(kind_labels, dtype=str), ann=np.array(ann_shape))
        return total

    def _facets(self, old: VectorIndex | None,
                kept: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[str], list[str]]:
        """opd and kind codes of every row (kept, then new), over merged label lists."""
        out = []
        for n, name in enumerate(("opd", "kind")):
            base_labels = getattr(old, f"{name}_labels") if old is not None else []
            labels = sorted(set(base_labels) | {f[n] for f in self.facets})
            code = {label: i for i, label in enumerate(labels)}
            remap = np.array([code[x] for x in base_labels] or [0], dtype=np.int32)
            base_codes = (remap[getattr(old, name)[kept]] if old is not None
                          else np.zeros(0, dtype=np.int32))
            new_codes = np.array([code[f[n]] for f in self.facets], dtype=np.int32)
            out.append((np.concatenate([base_codes, new_codes]), labels))
        return out[0][0], out[1][0], out[0][1], out[1][1]

    def _write_ann(self, path: Path, cfg: IndexSettings, old: VectorIndex | None,
                   header: int, shape: tuple[int, int], new_keys: np.ndarray,
                   sorted_keys: np.ndarray) -> list[int]:
        """The IVF index: the base's, updated, while it still fits the rows; else trained
        anew. Returns [quantised (1/0), cells, rows trained on] ([] for none)."""
        faiss = _faiss()
        total, dim = shape
        if faiss is None or total <= cfg.ann_threshold:
            return []
        quantised = int(cfg.vector_quantization == "sq8")
        if old is not None and old.ann is not None:
            with np.load(self.base / ROWS) as rows:
                was = [int(x) for x in rows["ann"]]
            if (len(was) == 3 and was[0] == quantised and total <= was[2] * REGROW
                    and (cfg.ivf_lists in (0, was[1]))):
                for start in range(0, len(new_keys), BLOCK * 16):
                    idx = np.arange(start, min(start + BLOCK * 16, len(new_keys)))
                    old.ann.add_with_ids(self._new_rows(idx), new_keys[idx])
                faiss.write_index(old.ann, str(path / ANN_FILE))
                return was
        lists = cfg.ivf_lists or int(2 * math.sqrt(total))
        lists = max(1, min(MAX_LISTS, lists, total // TRAIN_PER_LIST))
        rows = np.load(path / VECTORS, mmap_mode="r")
        rng = np.random.default_rng(0)
        sample = np.sort(rng.choice(total, size=min(total, lists * TRAIN_PER_LIST),
                                    replace=False))
        training = np.ascontiguousarray(rows[sample])
        del rows
        quantizer = faiss.IndexFlatIP(dim)
        if quantised:
            index = faiss.IndexIVFScalarQuantizer(quantizer, dim, lists,
                                                  faiss.ScalarQuantizer.QT_8bit,
                                                  faiss.METRIC_INNER_PRODUCT)
        else:
            index = faiss.IndexIVFFlat(quantizer, dim, lists, faiss.METRIC_INNER_PRODUCT)
        index.train(training)
        del training
        for start, part in _read_npy_chunks(path / VECTORS, header, shape, BLOCK * 16):
            index.add_with_ids(part, sorted_keys[start:start + len(part)])
        faiss.write_index(index, str(path / ANN_FILE))
        return [quantised, lists, total]


def _write_npy(path: Path, shape: tuple[int, int], chunks: Iterator[np.ndarray]) -> int:
    """An .npy file of float32 ``shape`` written chunk by chunk (never whole in memory);
    returns the length of its header."""
    with path.open("wb") as f:
        np.lib.format.write_array_header_1_0(
            f, {"descr": "<f4", "fortran_order": False, "shape": shape})
        header = f.tell()
        for chunk in chunks:
            f.write(np.ascontiguousarray(chunk, dtype="<f4").tobytes())
    return header


def _read_npy_chunks(path: Path, header: int, shape: tuple[int, int],
                     rows: int) -> Iterator[tuple[int, np.ndarray]]:
    """(first row, rows) of a float32 .npy file, read (not mapped: a build's memory then
    holds one chunk, not the pages of the whole file)."""
    total, dim = shape
    with path.open("rb") as f:
        for start in range(0, total, rows):
            count = min(rows, total - start) * dim
            f.seek(header + start * dim * 4)
            yield start, np.fromfile(f, dtype="<f4", count=count).reshape(-1, dim)
