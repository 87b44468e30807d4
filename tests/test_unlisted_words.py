"""Queries in words nobody listed still reach the service (issue #16, session 9).

A citizen writes a word with a clitic ("meninggalnya"), a colloquial nasal form
("nunggak"), or a word that no lexicon and no page has ("husband", "flood"). The analysis
reads the first two as the words they are; the third reaches the index's own title and
heading words through the embedder (indexer/neighbours.py).
"""

from __future__ import annotations

import numpy as np
import pytest

from indexer.analysis import Analyzer
from indexer.build import build_index
from indexer.neighbours import FILE_NAME, NeighbourTable, hub_radii
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.documents import Document
from tests.corpus import keyword_searcher, write_corpus

BASE = "http://127.0.0.1:8701/layanan/"


def service(slug: str, title: str, text: str, opd: str = "Disdukcapil") -> Document:
    return Document(url=BASE + slug, source="disdukcapil", opd=opd, kind="service",
                    title=title, text=text)


DOCS = [
    service("akta-kematian", "Pencatatan Kematian dan Kutipan Akta Kematian",
            "Persyaratan: surat kematian dari dokter atau lurah, Kartu Keluarga, KTP-el "
            "pelapor."),
    # says "tinggal", the stem Sastrawi leaves of "meninggalnya"
    service("domisili", "Surat Keterangan Domisili",
            "Surat keterangan tempat tinggal bagi warga yang tinggal di kelurahan. "
            "Persyaratan: surat pengantar RT/RW.", opd="Kelurahan"),
    service("tagihan-pbb", "Informasi Tagihan PBB-P2",
            "Cek tagihan dan tunggakan Pajak Bumi dan Bangunan per tahun pajak.",
            opd="BPPRD"),
    # says "unggah", the word a typo correction made of "nunggak"
    service("unggah-berkas", "Unggah Berkas Permohonan Online",
            "Unggah berkas permohonan dalam format PDF; ukuran unggahan paling besar 2 MB.",
            opd="DPMPTSP"),
]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    s = keyword_searcher(tmp_path_factory.mktemp("unlisted"), DOCS)
    yield s
    s.close()


@pytest.mark.parametrize(("query", "slug"), [
    # "meninggal" keeps its meaning with -nya: not "tinggal" (to stay), the domicile page
    ("mertua meninggalnya kemarin", "akta-kematian"),
    # "nunggak" is "menunggak" (in arrears), not a typo of "unggah" (upload)
    ("lupa sudah berapa lama nunggak", "tagihan-pbb"),
])
def test_a_word_written_with_a_clitic_or_a_colloquial_prefix_finds_its_page(
        searcher, query, slug) -> None:
    assert [r.url for r in searcher.search(query).results][:1] == [BASE + slug]


def test_a_clitic_keeps_the_readings_of_its_word() -> None:
    """"meninggalnya" has the synonyms of "meninggal" (the death certificate), as
    "berobatnya" always had those of "berobat"."""
    analyzer = Analyzer()
    with_clitic = {t.tokens for t in analyzer.analyze_query("meninggalnya").terms}
    assert {t.tokens for t in analyzer.analyze_query("meninggal").terms} <= with_clitic
    assert ("tinggal",) not in with_clitic


def test_a_name_ending_like_a_particle_is_not_an_acronym_with_one() -> None:
    """"simkah" is the marriage registration app, not "sim" (a driving licence, which the
    police provide) with the particle "-kah": its query must not be told to go to the
    police. "ktpnya" still reads as "ktp"."""
    from indexer.external import ExternalServices

    analyzer = Analyzer()
    assert ("sim",) not in {t.tokens for t in analyzer.analyze_query("simkah").terms}
    assert ("ktp",) in {t.tokens for t in analyzer.analyze_query("ktpnya").terms}
    external = ExternalServices(None, analyzer)
    assert external.match(analyzer.analyze_query("kua simkah daftar online")) is None
    assert external.match(analyzer.analyze_query("perpanjang simnya")) is not None


# -- embedder neighbours: an English word nobody listed reaches the page of its translation

WORDS_DOCS = [
    service("call-center", "Call Center Darurat 112",
            "Layanan panggilan darurat 24 jam: kebakaran, kecelakaan, kriminal, bencana.",
            opd="Diskominfo"),
    service("igd", "Instalasi Gawat Darurat",
            "IGD rumah sakit melayani pasien gawat darurat 24 jam.", opd="RSUD"),
    service("hotline-pdam", "Hotline Pengaduan Air PDAM",
            "Hotline pengaduan air mati, pipa bocor dan meteran air.", opd="PDAM"),
    service("kredit-mikro", "Kredit Usaha Mikro Tanpa Bunga",
            "Pinjaman modal bergulir bagi pelaku usaha kecil dan warung.", opd="Diskop"),
    service("paspor", "Layanan Paspor di Mal Pelayanan Publik",
            "Pembuatan paspor untuk perjalanan ke luar negeri: KTP, KK, akta kelahiran.",
            opd="Imigrasi"),
]


@pytest.fixture(scope="module")
def embedded_index(tmp_path_factory):
    """A small web indexed with the default embedder (USE), as a deployment builds it."""
    data_dir = tmp_path_factory.mktemp("neighbours")
    write_corpus(data_dir, WORDS_DOCS).close()
    settings = load_settings(data_dir)
    build_index(settings)
    return settings


@pytest.fixture(scope="module")
def searchers(embedded_index):
    """The default searcher and one with neighbours turned off (``semantic.neighbours``),
    opened once for the module's tests (they only search)."""
    off = embedded_index.model_copy(deep=True)
    off.semantic = off.semantic.model_copy(update={"neighbours": 0})
    with_words, without = Searcher(embedded_index), Searcher(off)
    yield with_words, without
    with_words.close()
    without.close()


@pytest.mark.slow  # embeds with the default embedder (USE)
def test_the_build_keeps_the_embedder_table_of_title_words(embedded_index) -> None:
    table = NeighbourTable.load(embedded_index.data_dir / FILE_NAME)
    assert table is not None
    assert {"darurat", "hotline", "paspor", "mikro"} <= set(table.words)
    assert table.vectors.shape == (len(table.words), 512)


@pytest.mark.slow  # embeds with the default embedder (USE)
def test_an_english_word_nobody_listed_finds_the_pages_of_its_translation(
        searchers) -> None:
    """"urgent" is in no page, lexicon or glossary entry; the emergency pages say
    "darurat". Without the neighbours only the page that says "hotline" is found."""
    with_words, without = searchers
    found = with_words.search("urgent hotline", explain=True)
    assert "darurat" in found.analysis.expansions
    urls = [r.url for r in found.results]
    assert BASE + "call-center" in urls[:2]
    assert [r.url for r in without.search("urgent hotline").results] == [
        BASE + "hotline-pdam"]


@pytest.mark.slow  # embeds with the default embedder (USE)
@pytest.mark.parametrize("query", [
    "pengaduan air mati",  # every word known to the index
    "comberan becek",  # unknown, but Indonesian: the embedder's neighbours are look-alikes
])
def test_known_words_and_unknown_indonesian_words_get_no_neighbours(
        searchers, query) -> None:
    with_words, without = searchers
    a, b = with_words.search(query, explain=True), without.search(query, explain=True)
    assert a.analysis.expansions == b.analysis.expansions
    assert [r.url for r in a.results] == [r.url for r in b.results]


def test_a_word_near_every_word_is_not_taken_for_a_translation() -> None:
    """A hub ("layanan", near every other title word) loses to the word that is near the
    query word alone, though its plain cosine is higher: scores are scaled by how near each
    word is to everything (CSLS)."""
    basis = np.eye(16, dtype=np.float32)
    query = basis[0]
    hub = 0.9 * basis[0] + np.sqrt(1 - 0.81) * basis[1]  # cosine 0.9 to the query
    specific = 0.8 * basis[0] + 0.6 * basis[2]  # cosine 0.8
    others = [0.95 * basis[1] + np.sqrt(1 - 0.95**2) * basis[3 + i] for i in range(12)]
    vectors = np.vstack([hub, specific, *others]).astype(np.float32)
    words = ["layanan", "darurat", *(f"kata{i}" for i in range(len(others)))]
    table = NeighbourTable("test", words, vectors, hub_radii(vectors, vectors), vectors)
    assert [w for w, _ in table.near(query, 1, -2.0)] == ["darurat"]
