"""A citizen who reports a problem in their own words reaches the OPD's service (issue #16).

The second pass at situation vocabulary (synonyms/data/default.txt, "Session 10") maps the
words people use for a problem (a Jambi "siring" for a drain, "literan bensin", "gaji
telat") to
the words of the service that handles it, one way and with a lower weight: a page that says
the very word typed keeps its place.
"""

from __future__ import annotations

import pytest

from indexer.analysis import Analyzer
from indexer.search import Searcher
from sikoja.documents import Document
from tests.corpus import keyword_searcher

BASE = "http://127.0.0.1:8702/"


def page(slug: str, title: str, text: str, opd: str, kind: str = "service") -> Document:
    return Document(url=BASE + slug, source="opd", opd=opd, kind=kind, title=title, text=text)


DOCS = [
    page("drainase", "Pengaduan Drainase Tersumbat dan Genangan",
         "Laporkan saluran drainase yang tersumbat atau genangan di lingkungan Anda.",
         "Dinas PUPR"),
    page("tera", "Tera dan Tera Ulang UTTP",
         "Tera ulang alat ukur, takar, timbang dan perlengkapannya oleh UPTD Metrologi Legal.",
         "Disperindag"),
    page("disnaker", "Konsultasi dan Pengaduan Ketenagakerjaan",
         "Dinas Tenaga Kerja (Disnaker) menerima konsultasi hubungan industrial.",
         "Disnaker"),
    page("satpol", "Pengaduan Ketertiban Umum",
         "Satpol PP menerima laporan gangguan ketertiban umum dan ketenteraman masyarakat.",
         "Satpol PP"),
    # pages that share a typed word and none of the services' words
    page("bbm-eceran", "Harga bensin eceran di warung",
         "Pedagang bensin eceran di pinggir jalan kota menjual per botol.", "Disperindag",
         kind="news"),
    page("malam", "Pasar malam tiap Sabtu",
         "Tetangga dan warga meramaikan pasar malam di lapangan kelurahan.", "Kelurahan",
         kind="news"),
    # a service too, so that only the words decide between it and the drainage service
    page("gotong-royong", "Gotong royong membersihkan siring",
         "Warga RT 05 membersihkan siring bersama Lurah pada hari Minggu.", "Kelurahan"),
]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    s = keyword_searcher(tmp_path_factory.mktemp("reported"), DOCS)
    yield s
    s.close()


def urls(searcher: Searcher, query: str) -> list[str]:
    results = searcher.search(query).results
    assert results, f"nothing found for {query!r}"
    return [r.url for r in results]


# each query found another page first, or nothing, with the default synonym set of 6267d1d
@pytest.mark.parametrize(("query", "slug"), [
    ("literan bensin eceran kurang", "tera"),  # a short measure: the scales office
    ("siring penuh lumpur", "drainase"),  # the Jambi word for a roadside drain
    ("gaji telat dua bulan", "disnaker"),
    ("tetangga berisik sampai malam", "satpol"),
])
def test_a_problem_in_everyday_words_reaches_the_service(searcher, query, slug) -> None:
    assert urls(searcher, query)[0] == BASE + slug


def test_the_word_typed_keeps_its_weight(searcher) -> None:
    """"siring" (the Jambi word for a roadside drain) expands to the drainage service's
    words; the page that says the words typed still comes first, the service right after."""
    terms = {t.tokens: t for t in Analyzer().analyze_query("siring").terms}
    assert terms[("siring",)].weight == 1.0
    assert terms[("drainase",)].weight < 1.0
    assert urls(searcher, "bersihkan siring")[:2] == [BASE + "gotong-royong", BASE + "drainase"]


@pytest.mark.parametrize(("query", "normalized"), [
    ("mak mano caro ngurus akta", "bagaimana cara urus akta"),  # not "ibu mana"
    ("dakdo kepeng nak bayar pbb", "tidak ada uang mau bayar pbb"),
])
def test_jambi_malay_frames_read_as_indonesian(query, normalized) -> None:
    assert Analyzer().analyze_query(query).normalized == normalized
