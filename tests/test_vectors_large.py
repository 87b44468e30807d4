"""The embedded backend's vector files at scale: IVF with SQ8, exact re-scoring, updates of a
few rows in place, and the capacity check that sends a too-large corpus to OpenSearch."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from indexer import integrity, vectors
from indexer.build import build_index
from sikoja.config import IndexSettings, load_settings
from sikoja.errors import SikojaError
from tests.corpus import write_corpus

CFG = IndexSettings(ann_threshold=100, ivf_lists=8, ivf_probe=4)


def unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def ids(n: int, start: int = 0) -> list[str]:
    return [f"{(i * 2654435761 + 12345) % 2**64:016x}" for i in range(start, start + n)]


def write_version(path: Path, base: Path | None, adds: dict[str, np.ndarray],
                  removes: list[str] = (), kind: str = "service") -> vectors.VectorIndex:
    path.mkdir()
    writer = vectors.VectorWriter(base)
    for doc_id in removes:
        writer.remove(doc_id)
    for n, (doc_id, v) in enumerate(adds.items()):
        writer.add(doc_id, v, f"opd{n % 3}", kind if n % 2 else "news")
    writer.commit(path, CFG)
    return vectors.VectorIndex(path, CFG)


def test_ivf_sq8_finds_what_exact_search_finds_and_updates_in_place(tmp_path):
    rng = np.random.default_rng(1)
    centres = unit(rng.normal(size=(40, 64)))
    rows = unit(centres[rng.integers(0, 40, 3000)] + rng.normal(0, 0.05, (3000, 64)))
    first = ids(3000)
    v1 = write_version(tmp_path / "v1", None, dict(zip(first, rows, strict=True)))
    assert v1.ann is not None and v1.ann.ntotal == 3000
    assert (tmp_path / "v1" / vectors.ANN_FILE).is_file()

    queries = unit(centres[:20] + rng.normal(0, 0.05, (20, 64)))
    recall = np.mean([len({i for i, _ in v1.search(q, 10)} & {i for i, _ in v1.exact(q, 10)})
                      / 10 for q in queries])
    assert recall >= 0.95

    # 1% changes: 30 rows gone, 30 new; the IVF index is updated, not trained again
    fresh = unit(rng.normal(size=(30, 64)))
    v2 = write_version(tmp_path / "v2", tmp_path / "v1",
                       dict(zip(ids(30, 5000), fresh, strict=True)), removes=first[:30])
    assert len(v2) == 3000 and v2.ann.ntotal == 3000
    with np.load(tmp_path / "v1" / vectors.ROWS) as a, np.load(tmp_path / "v2" / vectors.ROWS) as b:
        assert list(a["ann"]) == list(b["ann"])  # same cells: an update
        assert np.all(np.diff(b["keys"]) > 0)  # rows sorted by key, no duplicate
    for doc_id, v in zip(ids(30, 5000), fresh, strict=True):
        assert v2.search(v, 1)[0][0] == doc_id
    gone = set(first[:30])
    for q in rows[:30]:
        assert not gone & {i for i, _ in v2.search(q, 10)}
    # the old version still answers as before: its files were not touched
    assert v1.search(rows[0], 1)[0][0] == first[0]


def test_a_filter_through_the_ivf_index_returns_only_that_kind(tmp_path):
    rng = np.random.default_rng(2)
    rows = unit(rng.normal(size=(2000, 32)))
    index = write_version(tmp_path / "v1", None, dict(zip(ids(2000), rows, strict=True)),
                          kind="app")
    found = index.search(rows[0], 20, kind=["app"])
    assert len(found) == 20
    kinds = dict(zip(ids(2000), ["app" if n % 2 else "news" for n in range(2000)],
                     strict=True))
    assert {kinds[i] for i, _ in found} == {"app"}


def test_a_large_file_is_checked_by_samples_at_open_and_in_full_on_demand(tmp_path,
                                                                         monkeypatch):
    monkeypatch.setattr(integrity, "SAMPLE_ABOVE", 100_000)
    version = tmp_path / "v000001"
    version.mkdir()
    big = version / "vectors.npy"
    big.write_bytes(os.urandom(1_000_000))
    integrity.write_checksums(version)
    expected = integrity.read_checksums(version)
    assert expected["vectors.npy"][2] is not None
    integrity.verify(version, expected, sampled=True)
    data = bytearray(big.read_bytes())
    data[0] ^= 0xFF  # the first block is always sampled
    big.write_bytes(bytes(data))
    with pytest.raises(integrity.DamagedVersion):
        integrity.verify(version, expected, sampled=True)


def test_a_corpus_too_large_for_the_memory_stops_before_the_build(tmp_path):
    write_corpus(tmp_path).close()
    settings = load_settings(tmp_path, embedder="use", index={"memory_limit_mb": 1})
    with pytest.raises(SikojaError) as caught:
        build_index(settings)
    message = str(caught.value)
    assert "opensearch" in message and "1 MB available (index.memory_limit_mb)" in message
    assert "\n" not in message
    assert not list((tmp_path / "index").glob("v*"))  # nothing was written
    assert not (tmp_path / "embeddings.db").exists()  # nor embedded
    build_index(load_settings(tmp_path, embedder="none", index={"memory_limit_mb": 4000}))
    assert (tmp_path / "index" / "CURRENT").is_file()


def test_a_small_machine_still_builds_a_citys_index(tmp_path):
    """Against what the kernel says is available, only the documents must still fit: the
    process asking already holds Python and the model. 300 MB free builds a city (10k
    documents); a million documents on it are refused, naming MemAvailable."""
    from indexer.capacity import check_capacity

    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal: 1048576 kB\nMemAvailable: 307200 kB\n", encoding="ascii")
    settings = load_settings(tmp_path, embedder="use")
    check_capacity(settings, 10_000, meminfo)
    with pytest.raises(SikojaError, match="300 MB available \\(MemAvailable\\)"):
        check_capacity(settings, 1_000_000, meminfo)


def test_two_embedders_as_one_need_room_for_both(tmp_path):
    """A composite embedder ("use+e5-numpy") holds a second model and a vector as wide as
    both parts': a corpus that fits one embedder's vectors may not fit the composite's,
    and the build says so before it starts (review, session 13)."""
    from indexer.capacity import check_capacity, estimate_mb

    limit = {"memory_limit_mb": estimate_mb(load_settings(tmp_path, embedder="use"), 400_000)}
    check_capacity(load_settings(tmp_path, embedder="use", index=limit), 400_000)
    with pytest.raises(SikojaError, match="MB available"):
        check_capacity(load_settings(tmp_path, embedder="use+e5-numpy", index=limit), 400_000)
