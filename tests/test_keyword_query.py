"""The keyword query's shape: phrases through adjacent-word pairs, common words left out
only while rarer words find enough documents (indexer.query_model.keyword_clauses)."""

from __future__ import annotations

import pytest

from indexer.analysis import QueryTerm
from indexer.backend import Filters
from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.documents import Document
from sikoja.urls import doc_id
from tests.corpus import write_corpus

ADJACENT = "http://127.0.0.1:8701/layanan/ktp.html"
SCATTERED = "http://127.0.0.1:8701/berita/kartu.html"
PARTIAL = "http://127.0.0.1:8701/berita/tanda-terima.html"


def page(n: int, title: str, text: str, opd: str = "Dinas Sosial",
         kind: str = "service") -> Document:
    return Document(url=f"http://127.0.0.1:8703/layanan/{n}.html", source="dinsos", opd=opd,
                    kind=kind, title=title, text=text)


@pytest.fixture()
def searcher(tmp_path):
    docs = [
        Document(url=ADJACENT, source="disdukcapil", opd="Disdukcapil", kind="service",
                 title="Penerbitan dokumen", text="Cetak kartu tanda penduduk elektronik."),
        Document(url=SCATTERED, source="disdukcapil", opd="Disdukcapil", kind="news",
                 title="Kartu pelajar", text="Kartu pelajar dibagikan, tanda terima diisi "
                 "penduduk kelurahan."),
        Document(url=PARTIAL, source="disdukcapil", opd="Disdukcapil", kind="news",
                 title="Tanda terima", text="Kartu tanda pengenal bagi penduduk baru."),
        # "layanan" is on every page below (and so in most of the index); "sktm" on three
        *[page(n, f"Layanan SKTM {n}", f"Layanan surat keterangan tidak mampu (SKTM) {n}.")
          for n in range(3)],
        *[page(n, f"Layanan umum {n}", "Layanan informasi umum.") for n in range(3, 10)],
        page(10, "Layanan pengaduan", "Layanan pengaduan warga.", opd="Inspektorat"),
    ]
    write_corpus(tmp_path, docs).close()
    settings = load_settings(tmp_path, embedder="none")
    build_index(settings)
    s = Searcher(settings, embedder=False)
    yield s
    s.close()


def ids(hits) -> list[str]:
    return [h.id for h in hits]


def words(*tokens: str) -> list[QueryTerm]:
    return [QueryTerm((t,), 1.0, "query") for t in tokens]


def test_a_phrase_matches_its_words_next_to_each_other_not_scattered(searcher):
    phrase = [QueryTerm(("tanda", "penduduk"), 0.8, "abbreviation")]
    hits = searcher.backend.keyword_search(phrase, 10)
    assert ids(hits) == [doc_id(ADJACENT)]
    # the typed abbreviation finds the page through its expansion
    assert searcher.search("ktp").results[0].url == ADJACENT


def test_part_of_a_long_phrase_scores_less_than_all_of_it(searcher):
    phrase = [QueryTerm(("kartu", "tanda", "penduduk", "elektronik"), 0.8, "abbreviation")]
    hits = searcher.backend.keyword_search(phrase, 10)
    # the second page has "kartu tanda", not the whole phrase; the scattered words do not match
    assert ids(hits) == [doc_id(ADJACENT), doc_id(PARTIAL)]


def test_a_common_word_is_left_out_only_while_the_rarer_word_finds_enough(searcher):
    query = words("sktm", "layan")
    version = searcher.backend._version()
    assert version.doc_freq("body", "layan") > version.searcher.num_docs / 2
    every = {h.id: h.score for h in searcher.backend.keyword_search(query, 100)}
    # 100 asked, "sktm" alone finds 3: every page with "layanan" still comes back
    assert len(every) == 11 and len(every) > 3
    top3 = searcher.backend.keyword_search(query, 3)
    assert {h.id for h in top3} == {doc_id(f"http://127.0.0.1:8703/layanan/{n}.html")
                                    for n in range(3)}
    # ...ranked by the rarer word alone: the common word's share is not in the scores
    assert all(h.score < every[h.id] for h in top3)


def test_a_query_of_common_words_only_still_finds_them(searcher):
    assert len(searcher.backend.keyword_search(words("layan"), 100)) == 11
    assert len(searcher.backend.keyword_search(words("layan"), 2)) == 2


def test_a_filter_still_finds_pages_with_only_the_common_word(searcher):
    hits = searcher.backend.keyword_search(words("sktm", "layan"), 1,
                                           Filters(opd=["Inspektorat"]))
    assert ids(hits) == [doc_id("http://127.0.0.1:8703/layanan/10.html")]
