"""A citizen who describes a problem in many words reaches the service that says its rare
words, not a page that repeats its common ones (issues #11 and #16).

Keyword retrieval adds up one BM25 lookup per query word, so in "ada sarang tawon di rumah"
a page with "rumah" in its title (a housing service) outscored the service whose text says
"sarang tawon" (the fire brigade's rescue service). Each result's score is scaled by the
IDF-weighted share of the query its page says (``ranking.coverage_weight``,
indexer/coverage.py): the rare words decide. A nudge, not a rule: where the common page
also says a rarer word of the query ("atap" of "sarang tawon di atap rumah", in house
repair's text) it may still lead, as it does for that dev query on the tuning web.
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


def service(slug: str, title: str, text: str, opd: str) -> Document:
    return Document(url=BASE + slug, source="sample", opd=opd, kind="service", title=title,
                    text=text)


HOUSING = "Dinas Perumahan dan Kawasan Permukiman"
RESCUE = ("Petugas pemadam kebakaran juga menolong warga di luar kebakaran: evakuasi korban "
          "banjir, orang terjebak di sumur atau lift, cincin tersangkut di jari, kucing di "
          "pohon tinggi, sarang tawon atau lebah, biawak dan buaya di permukiman, pohon "
          "tumbang menutup jalan. Layanan gratis 24 jam; hubungi call center 112 dan sebutkan "
          "alamat lengkap, patokan dan nomor telepon yang bisa dihubungi petugas.")
DOCS = [
    service("rtlh", "Perbaikan Atap Rumah Tidak Layak Huni",
            "Bantuan perbaikan atap rumah yang bocor bagi warga kurang mampu; rumah diusulkan "
            "lewat kelurahan.", HOUSING),
    service("rumah-susun", "Sewa Rumah Susun Sederhana",
            "Pendaftaran penghuni rumah susun; rumah susun bagi warga berpenghasilan rendah.",
            HOUSING),
    service("evakuasi", "Penyelamatan Non-Kebakaran", RESCUE,
            "Dinas Pemadam Kebakaran dan Penyelamatan"),
    service("pdam-pasang", "Pemasangan Sambungan Air PDAM ke Rumah",
            "Pasang baru sambungan air PDAM ke rumah: air bersih dari PDAM sampai ke rumah. "
            "Persyaratan: KTP, bukti kepemilikan rumah.", "Perumda Air Minum"),
    service("pdam-gangguan", "Pengaduan Gangguan Air PDAM",
            "Laporkan air PDAM yang keruh, berbau atau tidak mengalir, dan pipa bocor. "
            "Petugas memeriksa jaringan dan kualitas air di wilayah Anda.", "Perumda Air Minum"),
    service("juragan", "Kisah Juragan Kopi dari Pasar Jambi",
            "Iya, juragan kopi ini memulai usahanya dari warung kecil; banget laris.",
            "Kelurahan"),
    *[service(f"berita-{n}", f"Kabar warga {n}",
              "Warga memperbaiki rumah dan pekarangan bersama.", "Kelurahan")
      for n in range(6)],
]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("wordy")
    write_corpus(path, DOCS).close()
    build_index(load_settings(path, embedder="none"))
    return path


@pytest.fixture(scope="module")
def searcher(data_dir):
    s = Searcher(load_settings(data_dir, embedder="none"), embedder=False)
    yield s
    s.close()


def urls(searcher: Searcher, query: str) -> list[str]:
    return [r.url for r in searcher.search(query).results]


@pytest.mark.parametrize(("query", "slug"), [
    ("ada sarang tawon di rumah", "evakuasi"),  # not a housing service, titled "rumah"
    ("air pdam di rumah keruh", "pdam-gangguan"),  # not a new connection, "air pdam ke rumah"
])
def test_the_page_saying_the_rare_words_of_a_description_comes_first(searcher, query, slug):
    assert urls(searcher, query)[0] == BASE + slug


def test_without_the_coverage_weight_the_common_words_win(data_dir):
    """The same index and query with ``ranking.coverage_weight: 0``: a housing service,
    with "rumah" in its title, comes first. What the weight changes."""
    settings = load_settings(data_dir, embedder="none")
    plain = settings.ranking.model_copy(update={"coverage_weight": 0.0})
    s = Searcher(settings, embedder=False, ranking=plain)
    try:
        assert urls(s, "ada sarang tawon di rumah")[0] in (BASE + "rtlh", BASE + "rumah-susun")
    finally:
        s.close()


def test_a_page_saying_the_whole_query_keeps_its_score(searcher):
    """Explain names the multiplier; a page saying every content word is not scaled down."""
    top = searcher.search("sarang tawon atap", explain=True).results
    scaled = {r.url: r.explain.boosts.get("coverage", 1.0) for r in top}
    assert scaled[BASE + "evakuasi"] > scaled[BASE + "rtlh"]
    full = searcher.search("evakuasi sarang tawon", explain=True).results[0]
    assert full.url == BASE + "evakuasi"
    assert full.explain.boosts.get("coverage", 1.0) == pytest.approx(1.0)


def test_a_one_word_query_is_not_rescored(searcher):
    for r in searcher.search("rumah", explain=True).results:
        assert "coverage" not in r.explain.boosts


@pytest.mark.parametrize("query", [
    "air pdam keruh ya gan", "air pdam keruh banget", "bagaimano air pdam keruh",
    "air pdam keruh nak lapor kemano", "cakmano air pdam keruh idak",
])
def test_filler_words_of_spoken_indonesian_and_jambi_malay_add_no_term(query):
    """Particles, address forms and question words are dropped, also where the slang lists
    rewrite them first ("ya" -> "iya", "gan" -> "juragan")."""
    def typed(q: str) -> set[tuple[str, ...]]:
        return {t.tokens for t in Analyzer().analyze_query(q).terms if t.origin == "query"}
    assert typed(query) - {("lapor",)} == typed("air pdam keruh")


def test_a_filler_word_does_not_pull_a_page_up(searcher):
    found = urls(searcher, "air pdam keruh ya gan")
    assert found[0] == BASE + "pdam-gangguan"
    assert BASE + "juragan" not in found  # "Iya, juragan ..." says none of the query


@pytest.mark.parametrize(("query", "phrase", "reading"), [
    ("pajak penerangan jalan", ("pajak", "penerangan", "jalan"), ("pbjt", "tenaga", "listrik")),
    ("certified copy of family card", ("family", "card"), ("kk",)),
])
def test_a_phrase_reading_covers_each_of_its_words(query, phrase, reading):
    """An old name or an English phrase reads as a name none of its words has alone; a page
    saying that name says those words of the query (the coverage weight reads it so)."""
    found = dict(Analyzer().phrase_readings(query))
    assert reading in found[phrase]
