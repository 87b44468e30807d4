"""What the citizen typed comes before what the query reads it as (issue #11).

A typed word's synonyms are that word's alternatives, not more evidence: a page that says
only synonyms, even several of them many times, must not outrank the page whose title says
the typed word (indexer.query_model.shared_weights), when the query is in the pages' own
words. Both pages are on a small index built here, with one-way synonym rules of the kind
session 11 added (an app's name read as its service).
"""

from __future__ import annotations

import pytest

from indexer.analysis import Analyzer, Vocabulary
from indexer.query_model import group_mass, shared_weights
from indexer.search import Searcher
from sikoja.documents import Document
from sikoja.urls import doc_id
from synonyms import StaticSynonyms
from tests.corpus import keyword_searcher

RULES = """\
sipekerja => kartu pencari kerja, pencari kerja, kartu kuning, lowongan kerja, bursa kerja
retribusi sampah => iuran kebersihan, iuran sampah, sampah rumah tangga, angkutan sampah, \
pungutan kebersihan, bayar sampah
"""

APP = "http://127.0.0.1:8711/aplikasi/sipekerja.html"
KARTU = "http://127.0.0.1:8711/layanan/kartu-kuning.html"
RETRIBUSI = "http://127.0.0.1:8712/layanan/retribusi-sampah.html"
IURAN = "http://127.0.0.1:8712/berita/iuran-kebersihan.html"


def doc(url: str, title: str, text: str, kind: str = "service") -> Document:
    return Document(url=url, source=url.split("/")[2], opd="Dinas Kota Jambi", kind=kind,
                    title=title, text=text)


def filler(n: int) -> Document:
    return doc(f"http://127.0.0.1:8713/info/{n}.html", f"Informasi layanan {n}",
               f"Informasi jam layanan kantor {n} dan nomor pengaduan warga.", kind="news")


def corpus() -> list[Document]:
    return [
        doc(APP, "Sipekerja", "Aplikasi Sipekerja Dinas Tenaga Kerja: daftar akun, unggah "
            "berkas, pantau status.", kind="app"),
        # says every reading of "sipekerja" but never the word itself, and says them often
        doc(KARTU, "Kartu kuning (kartu pencari kerja)",
            "Kartu pencari kerja atau kartu kuning untuk pencari kerja. Pencari kerja "
            "membawa kartu kuning ke bursa kerja; lowongan kerja dan bursa kerja diumumkan "
            "bagi pencari kerja yang punya kartu pencari kerja."),
        doc(RETRIBUSI, "Retribusi sampah", "Pembayaran retribusi sampah bulanan di kelurahan."),
        doc(IURAN, "Iuran sampah rumah tangga: iuran kebersihan, pungutan kebersihan",
            "Iuran kebersihan, iuran sampah rumah tangga dan angkutan sampah: bayar sampah "
            "ke RT, pungutan kebersihan bulanan, angkutan sampah rumah tangga dua kali "
            "seminggu.", kind="news"),
        *[filler(n) for n in range(8)],
    ]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    s = keyword_searcher(tmp_path_factory.mktemp("typed-first"), corpus(),
                         StaticSynonyms.from_text(RULES))
    yield s
    s.close()


def urls(searcher: Searcher, query: str) -> list[str]:
    return [r.url for r in searcher.search(query).results]


def test_the_page_titled_with_the_typed_word_beats_a_page_of_its_expansions(searcher):
    found = urls(searcher, "sipekerja")
    assert found[0] == APP
    assert KARTU in found  # the expansions still find the service the app is for


def test_a_typed_two_word_title_beats_a_page_saying_all_its_expansions(searcher):
    found = urls(searcher, "retribusi sampah")
    assert found[0] == RETRIBUSI
    assert IURAN in found
    # already in the keyword ranking that fusion reads, not only after the coverage factor
    # (which rescued it before: 18.2 for the title against 22.8 for the six expansions)
    hits = searcher.backend.keyword_search(searcher.analyze("retribusi sampah").terms, 5, None)
    assert hits[0].id == doc_id(RETRIBUSI) and doc_id(IURAN) in {h.id for h in hits}


def test_an_expansion_still_finds_the_page_when_no_page_says_the_typed_word(searcher):
    # "iuran kebersihan" is typed, no rule reads it, yet the page says it: found as typed
    assert urls(searcher, "iuran kebersihan")[0] == IURAN


def test_the_synonyms_of_a_word_the_pages_say_together_weigh_what_the_word_does():
    analyzer = Analyzer(synonyms=StaticSynonyms.from_text(RULES))
    said = Vocabulary.build({"sipekerja": 1, "kota": 9})
    terms = shared_weights(analyzer.analyze_query("sipekerja kota", said).terms)
    synonyms = [t for t in terms if t.origin == "synonym"]
    assert len(synonyms) == 5 and all(t.source == ("sipekerja",) for t in synonyms)
    # what the keyword query spends on them, a pair two phrases share counted once
    assert group_mass(synonyms) == pytest.approx(1.0)
    assert {t.tokens: t.weight for t in terms if t.origin == "query"} == {
        ("sipekerja",): 1.0, ("kota",): 1.0}


@pytest.mark.parametrize(("query", "said"), [
    ("sipekerja kota", {"kartu": 3, "kuning": 1, "kota": 9}),  # no page names the app
    ("sipekerja hilang", {"sipekerja": 1, "kota": 9}),  # the citizen's own word for a problem
])
def test_a_query_with_a_word_no_page_says_keeps_its_synonyms_whole(query, said):
    # then the synonyms are how the query reaches the service ("siring penuh lumpur",
    # tests/test_reported_problems.py): they keep their weight
    analyzer = Analyzer(synonyms=StaticSynonyms.from_text(RULES))
    terms = shared_weights(analyzer.analyze_query(query, Vocabulary.build(said)).terms)
    weights = [t.weight for t in terms if t.origin == "synonym"]
    assert len(weights) == 5 and weights == pytest.approx([0.8] * 5)
