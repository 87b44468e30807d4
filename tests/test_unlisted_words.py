"""Queries in words nobody listed still reach the service (issue #16, session 9).

A citizen writes a word with a clitic ("meninggalnya"), a colloquial nasal form
("nunggak"), or a word that no lexicon and no page has ("husband", "flood"). The analysis
reads the first two as the words they are; the third reaches the index's own title and
heading words through the embedder (indexer/neighbours.py).
"""

from __future__ import annotations

import pytest

from indexer.analysis import Analyzer
from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.documents import Document
from tests.corpus import write_corpus

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
    data_dir = tmp_path_factory.mktemp("unlisted")
    write_corpus(data_dir, DOCS).close()
    settings = load_settings(data_dir, embedder="none")
    build_index(settings)
    s = Searcher(settings, embedder=False)
    yield s
    s.close()


def first(searcher: Searcher, query: str) -> str:
    results = searcher.search(query).results
    assert results, f"nothing found for {query!r}"
    return results[0].url


@pytest.mark.parametrize(("query", "slug"), [
    # "meninggal" keeps its meaning with -nya: not "tinggal" (to stay), the domicile page
    ("mertua meninggalnya kemarin", "akta-kematian"),
    # "nunggak" is "menunggak" (in arrears), not a typo of "unggah" (upload)
    ("lupa sudah berapa lama nunggak", "tagihan-pbb"),
])
def test_a_word_written_with_a_clitic_or_a_colloquial_prefix_finds_its_page(
        searcher, query, slug) -> None:
    assert first(searcher, query) == BASE + slug


def test_a_clitic_keeps_the_readings_of_its_word() -> None:
    """"meninggalnya" has the synonyms of "meninggal" (the death certificate), as
    "berobatnya" always had those of "berobat"."""
    analyzer = Analyzer()
    with_clitic = {t.tokens for t in analyzer.analyze_query("meninggalnya").terms}
    assert {t.tokens for t in analyzer.analyze_query("meninggal").terms} <= with_clitic
    assert ("tinggal",) not in with_clitic
