"""A citizen who tells what happened, in everyday words, reaches the service (issue #16).

The situation rules of the default synonym set (synonyms/data/default.txt, "Situations in
everyday words") add a service's words to the words typed; they never replace them, and
they weigh less, so a page that says what the citizen typed keeps its place.
"""

from __future__ import annotations

import pytest

from indexer.analysis import Analyzer
from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.documents import Document
from tests.corpus import write_corpus

DUKCAPIL = "Dinas Kependudukan dan Pencatatan Sipil"
BASE = "http://127.0.0.1:8701/layanan/"


def service(slug: str, title: str, text: str, opd: str = DUKCAPIL) -> Document:
    return Document(url=BASE + slug, source="disdukcapil", opd=opd, kind="service",
                    title=title, text=text)


DOCS = [
    service("ktp-baru", "KTP-el Baru",
            "KTP-el bagi penduduk yang telah berusia 17 tahun: perekaman KTP-el, cetak KTP-el."),
    service("ktp-hilang", "Penerbitan KTP-el karena Hilang atau Rusak",
            "Persyaratan: surat keterangan kehilangan dari Kepolisian bila hilang, atau KTP-el "
            "yang rusak; fotokopi Kartu Keluarga."),
    service("akta-kematian", "Pencatatan Kematian dan Kutipan Akta Kematian",
            "Persyaratan: surat kematian dari dokter atau lurah, Kartu Keluarga, KTP-el "
            "pelapor."),
    service("akta-kelahiran", "Kutipan Akta Kelahiran",
            "Persyaratan: surat keterangan kelahiran, Kartu Keluarga dan buku nikah orang tua."),
    service("domisili", "Surat Keterangan Domisili",
            "Diterbitkan kelurahan. Persyaratan: surat pengantar RT/RW, fotokopi KTP/KK.",
            opd="Kelurahan"),
    service("pju", "Pengaduan Lampu Jalan Mati",
            "Laporkan penerangan jalan umum (PJU) yang padam dengan lokasi tiang.",
            opd="Dinas PUPR"),
    # pages that share a word with the situations below, and none of the service's words
    service("sipb", "Surat Izin Praktik Bidan (SIPB)",
            "Izin praktik bidan mandiri. Persyaratan: STR bidan, rekomendasi IBI.",
            opd="DPMPTSP"),
    service("penelitian", "Surat Izin Penelitian di Kota Jambi",
            "Surat rekomendasi penelitian bagi mahasiswa; surat diambil di kantor.",
            opd="Kesbangpol"),
    service("lampu-hias", "Lampu hias taman kota",
            "Warga memasang lampu hias warna-warni di taman kota.", opd="Kelurahan"),
    Document(url="http://127.0.0.1:8701/berita/copet-pasar.html", source="disdukcapil",
             opd=DUKCAPIL, kind="service",
             title="Waspada copet di pasar: dompet dicopet, rumah kemalingan",
             text="Tips warga: jaga dompet di keramaian pasar; bila dicopet atau kemalingan "
                  "segera hubungi pos keamanan terdekat."),
]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("situations")
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


# each query finds another page first without the situation rules (checked by running this
# test with the default synonym set of ffb5d4a)
@pytest.mark.parametrize(("query", "slug"), [
    ("bapak kami berpulang kemarin", "akta-kematian"),  # no word of the service's page
    ("almarhum dimakamkan minggu lalu", "akta-kematian"),
    ("lahiran di bidan, bayinya perlu surat apa", "akta-kelahiran"),
    ("ngontrak rumah perlu surat apa", "domisili"),
    ("ktp sobek kecuci", "ktp-hilang"),  # not the new-KTP page, which also says KTP-el
    ("lampu di lorong redup", "pju"),
])
def test_a_situation_in_everyday_words_reaches_the_service(searcher, query, slug) -> None:
    assert first(searcher, query) == BASE + slug


def test_the_typed_words_outweigh_their_expansions(searcher) -> None:
    """"dompet dicopet kemalingan" expands to the lost-KTP service's words; the page that
    says the very words typed still comes first, the service right after it."""
    urls = [r.url for r in searcher.search("dompet dicopet kemalingan").results]
    assert urls[0].endswith("copet-pasar.html")
    assert urls[1] == BASE + "ktp-hilang"


def test_situation_words_add_to_the_query_and_never_replace_it() -> None:
    terms = {t.tokens: t for t in Analyzer().analyze_query("berpulang").terms}
    assert terms[("berpulang",)].weight == 1.0
    assert terms[("akta", "mati")].weight < 1.0


@pytest.mark.parametrize(("query", "normalized"), [
    ("biayo akta budak", "biaya akta anak"),
    ("caronyo ngurus kk kalu pindah", "caranya urus kk kalau pindah"),
])
def test_jambi_malay_everyday_words_read_as_indonesian(query, normalized) -> None:
    assert Analyzer().analyze_query(query).normalized == normalized


@pytest.mark.parametrize(("situation", "not_meant"), [
    ("persalinan", ("salin",)),  # giving birth, not a copy ("salinan akta")
    ("berpulang", ("pulang",)),  # died, not went home
    ("dirumahkan", ("rumah",)),  # laid off, not a house
])
def test_situation_words_keep_their_own_meaning(situation, not_meant) -> None:
    assert not_meant not in {t.tokens for t in Analyzer().analyze_query(situation).terms}
