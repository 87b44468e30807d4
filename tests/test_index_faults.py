"""A damaged index version: search keeps answering from the newest intact version, health says
"degraded" with the reason, and ``sikoja index`` (plain or ``--full``) rebuilds (issue #13).

Each file kind of a version is corrupted in turn on a real index of the test corpus built
with the real embedder and the faiss HNSW file (its threshold lowered to the corpus)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import indexer.embedded as embedded
from indexer.build import build_index
from indexer.search import Searcher
from search_api.app import create_app
from sikoja.config import load_settings
from tests.corpus import KTP_URL, write_corpus

pytestmark = pytest.mark.slow  # builds and rebuilds indexes with the default embedder

ROOT = Path(__file__).resolve().parent.parent


def garbage(path: Path) -> None:
    """The same number of bytes, none of them right (a size check alone cannot see it)."""
    path.write_bytes(bytes((b ^ 0x5A) for b in path.read_bytes()))


def truncate(path: Path) -> None:
    with path.open("r+b") as f:
        f.truncate(path.stat().st_size // 2)


def first_segment(version: Path) -> Path:
    return sorted((version / "tantivy").glob("*.idx"))[0]


FAULTS = {
    "docs.db garbage": lambda v: garbage(v / "docs.db"),
    "tantivy segment truncated": lambda v: truncate(first_segment(v)),
    "tantivy meta.json truncated": lambda v: truncate(v / "tantivy" / "meta.json"),
    "version meta.json truncated": lambda v: truncate(v / "meta.json"),
    "vectors.npy truncated": lambda v: truncate(v / "vectors.npy"),
    "faiss HNSW file garbage": lambda v: garbage(v / embedded.ANN_FILE),
    "checksum manifest truncated": lambda v: truncate(v / "checksums.json"),
    "vocabulary.json removed": lambda v: (v / "vocabulary.json").unlink(),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two intact versions (v000001, v000002 live) with vectors and the HNSW file."""
    data_dir = tmp_path_factory.mktemp("intact")
    write_corpus(data_dir).close()
    settings = load_settings(data_dir, embedder="use", index={"ann_threshold": 3})
    build_index(settings)
    build_index(settings, full=True)
    assert (data_dir / "index" / "CURRENT").read_text() == "v000002"
    assert (data_dir / "index" / "v000002" / embedded.ANN_FILE).is_file()
    return data_dir


@pytest.fixture()
def data_dir(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(template, copy)
    return copy


def documents_in(data_dir: Path) -> int:
    from sikoja.store import DocumentStore

    store = DocumentStore.open(data_dir)
    try:
        return len(store.index_keys())
    finally:
        store.close()


def answers_ktp(searcher: Searcher) -> bool:
    results = searcher.search("urus ktp", limit=3).results
    return bool(results) and results[0].url == KTP_URL


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_damaged_live_version_is_set_aside_and_rebuilt(data_dir: Path, fault: str) -> None:
    index = data_dir / "index"
    FAULTS[fault](index / "v000002")
    settings = load_settings(data_dir, embedder="use")

    searcher = Searcher(settings)
    try:
        assert answers_ktp(searcher), "search stopped answering"
        vector = searcher.embedder().embed_query("kartu tanda penduduk elektronik")
        assert searcher.backend.vector_search(vector, 3), "vector search stopped answering"
        info = searcher.info()
        assert info["version"] == "v000001"
        assert info["damaged"] and info["damaged"][0].startswith("damaged-v000002: ")
    finally:
        searcher.close()
    assert not (index / "v000002").exists()  # renamed, not deleted
    assert (index / "damaged-v000002" / "DAMAGE.txt").is_file()
    assert (index / "CURRENT").read_text() == "v000001"

    summary = build_index(settings)
    assert "damaged index version set aside, rebuilt" in str(summary)
    assert summary.version == "v000003"
    full = build_index(settings, full=True)
    assert full.version == "v000004"

    rebuilt = Searcher(settings)
    try:
        assert answers_ktp(rebuilt)
        info = rebuilt.info()
        assert "damaged" not in info
        assert info["documents"] == documents_in(data_dir)  # no document lost
    finally:
        rebuilt.close()


def test_health_says_degraded_with_the_reason_while_search_answers(data_dir: Path) -> None:
    garbage(data_dir / "index" / "v000002" / "docs.db")
    settings = load_settings(data_dir, embedder="use")
    with TestClient(create_app(settings)) as client:
        health = client.get("/api/health")
        assert health.status_code == 200
        body = health.json()
        assert body["status"] == "degraded"
        assert "v000002" in body["reason"] and "docs.db" in body["reason"]
        assert body["index"]["version"] == "v000001"
        search = client.get("/api/search", params={"q": "urus ktp"})
        assert search.status_code == 200 and search.json()["results"][0]["url"] == KTP_URL
    build_index(settings)
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/health").json()["status"] == "ok"


@pytest.mark.parametrize("fault", ["docs.db garbage", "vectors.npy truncated"])
def test_damage_under_a_running_searcher_is_caught_by_the_next_search(
        data_dir: Path, fault: str) -> None:
    """The files break after the searcher opened them (vectors load on first use)."""
    settings = load_settings(data_dir, embedder="use")
    searcher = Searcher(settings)
    try:
        assert searcher.info()["version"] == "v000002"
        FAULTS[fault](data_dir / "index" / "v000002")
        assert answers_ktp(searcher)
        assert searcher.info()["version"] == "v000001"
        assert (data_dir / "index" / "damaged-v000002").is_dir()
    finally:
        searcher.close()


def test_a_refresh_notices_a_changed_file_by_size_and_time(data_dir: Path) -> None:
    settings = load_settings(data_dir, embedder="none")
    searcher = Searcher(settings)
    try:
        truncate(data_dir / "index" / "v000002" / "vocabulary.json")
        searcher.refresh()
        assert searcher.info()["version"] == "v000001"
        assert answers_ktp(searcher)
    finally:
        searcher.close()


def test_every_version_damaged_means_no_index_until_a_full_rebuild(data_dir: Path) -> None:
    index = data_dir / "index"
    for version in ("v000001", "v000002"):
        garbage(index / version / "docs.db")
    settings = load_settings(data_dir, embedder="use")
    searcher = Searcher(settings)
    assert searcher.info()["version"] is None
    assert len(searcher.info()["damaged"]) == 2
    searcher.close()
    summary = build_index(settings)
    assert summary.added == summary.documents == documents_in(data_dir)
    rebuilt = Searcher(settings)
    try:
        assert answers_ktp(rebuilt) and "damaged" not in rebuilt.info()
    finally:
        rebuilt.close()


def test_concurrent_full_builds_leave_current_on_the_newest_version(data_dir: Path) -> None:
    """Two real ``sikoja index --full`` processes at once: the second waits for the first."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "sikoja.cli", "index", "--data-dir", str(data_dir),
               "--full", "--embedder", "none"]
    runs = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    index = data_dir / "index"
    versions = sorted(p.name for p in index.glob("v[0-9]*"))
    assert (index / "CURRENT").read_text() == versions[-1] == "v000004"
    searcher = Searcher(load_settings(data_dir, embedder="none"))
    try:
        assert answers_ktp(searcher)
        assert searcher.info()["documents"] == documents_in(data_dir)
        meta = json.loads((index / versions[-1] / "meta.json").read_text())
        assert meta["checksums"] == "checksums.json"
    finally:
        searcher.close()
