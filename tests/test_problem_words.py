"""A citizen who describes a problem, not a service, reaches the service (issues #16, #11).

The "Session 11: problems and situations" rules of the default synonym set
(synonyms/data/default.txt) add the words a service page uses to the words a citizen uses
to tell what happened ("got mampet", "dipukuli suami", "kena phk"). They must not fire on a
word that is everywhere on the city's pages: stopword removal turns "mau nikah" into
"nikah" and "bikin rumah" into "rumah", and such a rule would pull every query with that
word towards one service.
"""

from __future__ import annotations

import pytest

from indexer.analysis import Analyzer
from indexer.search import Searcher
from sikoja.documents import Document
from synonyms.default import default_text
from synonyms.rules import parse
from tests.corpus import keyword_searcher

BASE = "http://127.0.0.1:8703/layanan/"
BLOCK = "# == Session 11: problems and situations =="


def service(slug: str, title: str, text: str, opd: str) -> Document:
    return Document(url=BASE + slug, source="sikoja-test", opd=opd, kind="service",
                    title=title, text=text)


DOCS = [
    service("drainase", "Pengaduan Drainase Tersumbat dan Genangan",
            "Laporkan saluran air yang tersumbat atau genangan di lingkungan dengan foto "
            "dan lokasi.", "Dinas PUPR"),
    service("evakuasi", "Penyelamatan dan Evakuasi Non-Kebakaran",
            "Evakuasi ular, biawak, sarang tawon dan pohon tumbang; gratis, 24 jam.",
            "Damkartan"),
    service("uptd-ppa", "Pengaduan Kekerasan terhadap Perempuan dan Anak",
            "UPTD PPA menerima pengaduan, pendampingan hukum dan psikologis korban.",
            "DPMPPA"),
    service("ak1", "Kartu Tanda Pencari Kerja (Kartu Kuning / AK-1)",
            "Persyaratan: KTP-el, ijazah terakhir, pas foto. Daftar lewat SIAPkerja.",
            "Disnaker"),
    service("air-keruh", "Pengaduan Air Mati dan Air Keruh PDAM",
            "Pelanggan PDAM Tirta Mayang melapor gangguan air mati, air keruh, pipa bocor.",
            "PDAM Tirta Mayang"),
    service("bphtb", "Validasi Bea Perolehan Hak atas Tanah dan Bangunan (BPHTB)",
            "Validasi BPHTB sebelum akta ditandatangani PPAT.", "BPPRD"),
    # pages that share a word with the problems below, and none of the service's words
    service("pbb", "Pembayaran PBB-P2",
            "Bayar pajak bumi dan bangunan untuk tanah dan rumah setiap tahun.", "BPPRD"),
    service("bedah-rumah", "Bedah Rumah Tidak Layak Huni (RTLH)",
            "Bantuan perbaikan rumah bagi warga tidak mampu: atap, dinding dan lantai.",
            "Perkim"),
    service("posyandu", "Posyandu Lansia dan Senam Sehat",
            "Senam sehat dan periksa tekanan darah bagi lansia setiap Jumat.", "Kelurahan"),
    service("nikah", "Pendaftaran Nikah di KUA",
            "Calon pengantin mendaftar nikah di KUA paling lambat 10 hari kerja sebelumnya.",
            "Kemenag"),
]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    s = keyword_searcher(tmp_path_factory.mktemp("problems"), DOCS)
    yield s
    s.close()


# each query finds another page first, or none, without the session 11 rules (checked by
# running this test with the default synonym set of 5f4c8b6)
@pytest.mark.parametrize(("query", "slug"), [
    ("comberan penuh sampah", "drainase"),
    ("ada tabuhan besar di plafon", "evakuasi"),
    ("suami main tangan tiap malam", "uptd-ppa"),
    ("baru kena phk bingung", "ak1"),
    ("jual beli rumah", "bphtb"),  # not the yearly tax on land and houses
])
def test_a_problem_told_in_everyday_words_reaches_the_service(searcher: Searcher, query: str,
                                                             slug: str) -> None:
    results = searcher.search(query).results
    assert results, f"nothing found for {query!r}"
    assert results[0].url == BASE + slug


def test_a_common_word_does_not_pull_a_query_to_a_problem_service(searcher) -> None:
    """"senam sehat" is about the posyandu page; no problem rule reads "sehat" (as the
    halal label "sehati" would, stemmed) or sends it anywhere else."""
    results = searcher.search("jadwal senam sehat").results
    assert [r.url for r in results] == [BASE + "posyandu"]


def _block_rules():
    text = default_text()
    return parse(text[text.index(BLOCK):], max_expansions=None)


# words on more than a tenth of the tuning web's pages, which stopword removal leaves alone
# from "mau nikah", "bikin rumah", "butuh bantuan", "pengen kerja", "minta data" ...
COMMON = ["rumah", "nikah", "kerja", "bantuan", "air", "data", "biaya", "lapor", "pindah",
          "usaha", "kk", "ktp", "sehat", "mati", "informasi", "identitas", "lahir"]


@pytest.mark.parametrize("word", COMMON)
def test_no_problem_rule_fires_on_a_common_word_alone(word) -> None:
    analyzer = Analyzer()
    compiled = _block_rules().compile(analyzer.index_tokens)
    assert compiled.expand(analyzer.index_tokens(word)) == []


def test_problem_rules_add_to_the_query_and_never_replace_it() -> None:
    terms = {t.tokens: t for t in Analyzer().analyze_query("got mampet").terms}
    assert terms[("got",)].weight == 1.0
    assert terms[("drainase",)].weight < 1.0
