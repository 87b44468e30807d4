"""The semantic signal: what the embedder reads (``semantic.text``) and how much the vector
ranking counts for a query with words sikoja has never seen (``semantic.weight``)."""

from __future__ import annotations

import pytest

from indexer.build import build_index, passage_text
from indexer.search import RankingConfig, Searcher
from sikoja.config import SemanticSettings, load_settings
from sikoja.documents import Document
from sikoja.errors import SikojaError
from tests.corpus import AKTA_URL, KTP_URL, write_corpus


@pytest.fixture(scope="module")
def adaptive_dir(tmp_path_factory):
    """The small Kota Jambi corpus indexed with USE, searched with the adaptive weight."""
    data_dir = tmp_path_factory.mktemp("adaptive")
    write_corpus(data_dir).close()
    (data_dir / "sikoja.yaml").write_text(
        "semantic:\n  weight: adaptive\n  max_vector_weight: 0.6\n", encoding="utf-8")
    build_index(load_settings(data_dir))
    return data_dir


@pytest.fixture()
def adaptive(adaptive_dir):
    searcher = Searcher(load_settings(adaptive_dir), ranking=RankingConfig(use_priors=False))
    yield searcher
    searcher.close()


@pytest.mark.slow  # loads the default embedder (USE)
def test_familiar_queries_keep_the_base_vector_weight(adaptive):
    # every word is indexed, or read by a lexicon: slang, a typo fixed, an English gloss
    for query in ("penerbitan akta kelahiran", "bikin akte lahir anak", "akta kelahran",
                  "cakmano ngurus kk", "birth certificate"):
        response = adaptive.search(query, explain=True)
        assert response.analysis.vector_weight == pytest.approx(0.25), query
        assert response.analysis.unfamiliar == [], query
        assert response.results[0].url in (AKTA_URL, KTP_URL), query


@pytest.mark.slow  # loads the default embedder (USE)
def test_unfamiliar_words_raise_the_vector_weight_by_their_share(adaptive):
    half = adaptive.search("ktp kucing", explain=True)
    assert half.analysis.unfamiliar == ["kucing"]
    assert half.analysis.vector_weight == pytest.approx(0.25 + (0.6 - 0.25) / 2)
    assert half.results[0].url == KTP_URL  # the known word still finds its service
    new = adaptive.search("kucing melompat", explain=True)
    assert new.analysis.vector_weight == pytest.approx(0.6)


@pytest.mark.slow  # loads the default embedder (USE)
def test_the_fused_score_uses_the_reported_weight(adaptive):
    """Without priors, a result's fused score is 1/(k + keyword rank) + w/(k + vector
    rank): the weight explain reports is the one ranking used (a result standing for
    collapsed duplicates carries its best member's score, so those are left out)."""
    response = adaptive.search("ktp kucing", explain=True)
    weight, k = response.analysis.vector_weight, RankingConfig().rrf_k
    both = [r.explain for r in response.results
            if r.explain.keyword_rank and r.explain.vector_rank and not r.also_at]
    assert len(both) >= 2
    for e in both:
        assert e.fused_score == pytest.approx(1 / (k + e.keyword_rank)
                                              + weight / (k + e.vector_rank))


@pytest.mark.slow  # loads the default embedder (USE)
def test_fixed_weight_ignores_new_words(adaptive_dir):
    settings = load_settings(adaptive_dir)
    settings.semantic.weight = "fixed"
    searcher = Searcher(settings)
    try:
        response = searcher.search("ktp kucing", explain=True)
    finally:
        searcher.close()
    assert response.analysis.vector_weight == pytest.approx(0.25)
    assert response.analysis.unfamiliar is None


@pytest.mark.slow  # loads the default embedder (USE)
def test_a_new_index_version_is_searched_without_loading_the_model_again(adaptive_dir, adaptive):
    """The server opens a new searcher for each index version: it must reuse the model
    already in memory (no second load of seconds, no second copy of the weights)."""
    first = adaptive.embedder()
    assert first is not None
    vector = first.embed_query("kartu tanda penduduk")
    settings = load_settings(adaptive_dir)
    build_index(settings, full=True)
    newer = Searcher(settings)
    try:
        assert newer.info()["version"] != adaptive.info()["version"]
        assert newer.embedder() is first
        assert newer.search("bikin ktp").results[0].url == KTP_URL
        assert (newer.embedder().embed_query("kartu tanda penduduk") == vector).all()
    finally:
        newer.close()


def test_passage_is_title_headings_and_first_paragraph():
    long_paragraph = ("Akta kelahiran adalah bukti sah status dan peristiwa kelahiran seseorang "
                      "yang diterbitkan oleh Dinas Kependudukan dan Pencatatan Sipil. ") * 5
    doc = Document(
        url="http://127.0.0.1:8701/layanan/akta.html", source="disdukcapil",
        opd="Dinas Kependudukan dan Pencatatan Sipil", kind="service",
        title="Penerbitan Akta Kelahiran",
        headings=["Penerbitan Akta Kelahiran", "Persyaratan", "Biaya"],
        text="Penerbitan Akta Kelahiran\n12 Maret 2025\n"
             "Akta kelahiran diterbitkan untuk setiap anak yang lahir di Kota Jambi.\n"
             "Persyaratan\nSurat keterangan lahir dari bidan atau rumah sakit setempat.")
    passage = passage_text(doc)
    assert passage.splitlines() == [
        "Penerbitan Akta Kelahiran ", "Persyaratan Biaya ",
        "Akta kelahiran diterbitkan untuk setiap anak yang lahir di Kota Jambi."]
    assert "bidan" not in passage  # the second paragraph is left out
    doc.text = long_paragraph
    capped = passage_text(doc).splitlines()[-1]
    assert len(capped) <= SemanticSettings().passage_chars and long_paragraph.startswith(capped)
    assert long_paragraph[len(capped)] == " "  # cut at a word boundary
    shorter = passage_text(doc, 100).splitlines()[-1]  # semantic.passage_chars: 100
    assert len(shorter) <= 100 and capped.startswith(shorter) and len(shorter) < len(capped)


@pytest.mark.slow  # embeds the corpus twice with the default embedder
def test_an_index_of_passages_answers_and_a_switch_reembeds(tmp_path):
    write_corpus(tmp_path).close()
    (tmp_path / "sikoja.yaml").write_text("semantic:\n  text: whole\n", encoding="utf-8")
    first = build_index(load_settings(tmp_path))
    (tmp_path / "sikoja.yaml").write_text("semantic:\n  text: passage\n", encoding="utf-8")
    settings = load_settings(tmp_path)
    switched = build_index(settings)
    # every document is redone with its passage embedded, none kept from the whole text
    assert switched.updated == switched.documents == first.documents
    assert switched.embedded > 0
    assert build_index(settings).updated == 0  # and the next build has nothing to do
    searcher = Searcher(settings)
    vectors = Searcher(settings, ranking=RankingConfig(use_keyword=False))
    try:
        assert searcher.search("bikin akte lahir anak").results[0].url == AKTA_URL
        top = [r.url for r in vectors.search("surat kelahiran bayi").results[:2]]
        assert AKTA_URL in top
    finally:
        searcher.close()
        vectors.close()


def test_semantic_settings_come_from_the_yaml_and_bad_values_are_clear(tmp_path):
    (tmp_path / "sikoja.yaml").write_text(
        "semantic:\n  text: passage\n  weight: adaptive\n", encoding="utf-8")
    settings = load_settings(tmp_path)
    assert (settings.semantic.text, settings.semantic.weight) == ("passage", "adaptive")
    (tmp_path / "sikoja.yaml").write_text("semantic:\n  weight: sometimes\n", encoding="utf-8")
    with pytest.raises(SikojaError, match="semantic.weight"):
        load_settings(tmp_path)


DRAIN_URL = "http://127.0.0.1:8702/?page_id=40"


def drain_page() -> Document:
    """A long page whose service is said in the middle of its text, after a paragraph about
    something else: one vector of the whole text blurs it, a section's vector does not."""
    return Document(
        url=DRAIN_URL, source="pupr", opd="Dinas Pekerjaan Umum dan Penataan Ruang",
        kind="service", title="Layanan Bidang Sumber Daya Air",
        headings=["Layanan Bidang Sumber Daya Air"],
        text=("Bidang Sumber Daya Air menyusun rencana kerja tahunan, mengelola anggaran dan "
              "melaporkan capaian kinerja kepada kepala dinas setiap triwulan sesuai peraturan "
              "wali kota tentang susunan organisasi perangkat daerah. "
              "Warga dapat melaporkan saluran drainase yang tersumbat sampah, gorong-gorong "
              "yang mampet dan genangan air setelah hujan; petugas datang membersihkan "
              "saluran dalam tiga hari kerja tanpa biaya."))


@pytest.mark.slow  # embeds the corpus with the default embedder, twice
def test_sections_find_a_service_said_mid_page_once_and_a_switch_reembeds(tmp_path):
    store = write_corpus(tmp_path)
    store.upsert(drain_page())
    store.close()
    settings = load_settings(tmp_path)
    assert settings.semantic.text == "sections"  # the default
    built = build_index(settings)
    assert built.embedded > built.documents  # a passage and windows per page
    vectors = Searcher(settings, ranking=RankingConfig(use_keyword=False))
    try:
        assert vectors.info()["vectors"] > vectors.info()["documents"]
        urls = [r.url for r in vectors.search("got mampet air meluap ke jalan").results]
        assert urls[0] == DRAIN_URL
        assert len(urls) == len(set(urls))  # a page is listed once, not once per section
    finally:
        vectors.close()
    (tmp_path / "sikoja.yaml").write_text("semantic:\n  text: whole\n", encoding="utf-8")
    switched = build_index(load_settings(tmp_path))
    assert switched.updated == switched.documents  # every page re-embedded
    searcher = Searcher(load_settings(tmp_path))
    try:
        assert searcher.info()["vectors"] == searcher.info()["documents"]
    finally:
        searcher.close()
    (tmp_path / "sikoja.yaml").unlink()
    back = build_index(load_settings(tmp_path))
    assert back.updated == back.documents and back.embedded == 0  # all from the cache
    # more documents than semantic.sections_max_documents: one vector each, as `whole`
    (tmp_path / "sikoja.yaml").write_text("semantic:\n  sections_max_documents: 2\n",
                                          encoding="utf-8")
    capped = build_index(load_settings(tmp_path))
    assert capped.documents > 2 and capped.updated == capped.documents
    searcher = Searcher(load_settings(tmp_path))
    try:
        assert searcher.info()["vectors"] == searcher.info()["documents"]
    finally:
        searcher.close()


@pytest.mark.slow  # loads the default embedder (USE)
def test_the_query_vector_adds_the_typed_words_to_the_analysed_ones(adaptive_dir):
    import numpy as np

    settings = load_settings(adaptive_dir)
    searcher = Searcher(settings, ranking=RankingConfig(use_keyword=False))
    try:
        assert settings.semantic.query == "typed+analysed"  # the default
        analysis = searcher.analyze("birth certificate for my baby")
        assert analysis.embedding_text != analysis.text  # the glossary translated it
        typed = searcher._query_vector(analysis.text)
        analysed = searcher._query_vector(analysis.embedding_text)
        both = searcher._analysis_vector(analysis)
        assert np.linalg.norm(both) == pytest.approx(1.0, abs=1e-5)
        assert both @ typed > analysed @ typed and both @ analysed > typed @ analysed
        assert searcher.search("birth certificate for my baby").results[0].url == AKTA_URL
        settings.semantic.query = "analysed"
        assert np.allclose(searcher._analysis_vector(analysis), analysed)
    finally:
        searcher.close()
