"""Jambi Malay's final -o for -a is read as a rule, not only from the lists (issues #11, #16).

The o-dialect says "usaho" for usaha and "dendonyo" for dendanya; jambi_malay.tsv lists the
forms its writers thought of, and a citizen's word in no list is read by the rule: a word
ending in -o that nobody knows (no list, no root, no page of the index) is its -a word when
that is an Indonesian word. "toko", "foto" and a page's own "Angso Duo" stay as typed.
"""

from __future__ import annotations

import pytest

from sikoja.documents import Document
from tests.corpus import keyword_searcher

BASE = "http://127.0.0.1:8702/layanan/"


def service(slug: str, title: str, text: str, opd: str) -> Document:
    return Document(url=BASE + slug, source="dpmptsp", opd=opd, kind="service",
                    title=title, text=text)


DOCS = [
    service("izin-usaha", "Nomor Induk Berusaha (NIB) dan Izin Usaha",
            "Pelaku usaha mikro dan kecil mendaftar izin usaha lewat OSS. Persyaratan: KTP, "
            "NPWP.", "DPMPTSP"),
    service("reklame", "Izin Penyelenggaraan Reklame",
            "Izin reklame untuk papan nama dan baliho. Persyaratan: gambar desain, foto "
            "lokasi.", "DPMPTSP"),
    service("denda-sampah", "Denda Pelanggaran Kebersihan Kota",
            "Denda bagi warga yang membuang sampah di luar TPS.", "DLH"),
    service("jadwal-sampah", "Jadwal Pengangkutan Sampah Rumah Tangga",
            "Sampah rumah tangga diangkut setiap pagi; sampah dikumpulkan di TPS; truk "
            "sampah lewat pukul enam. Sampah dipilah.", "DLH"),
    service("pasar", "Retribusi Pasar Angso Duo",
            "Retribusi los dan kios di Pasar Angso Duo.", "Dinas Perindag"),
]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    s = keyword_searcher(tmp_path_factory.mktemp("o_dialect"), DOCS)
    yield s
    s.close()


def test_izin_usaho_reads_usaha_and_finds_the_business_licence(searcher) -> None:
    response = searcher.search("izin usaho")
    assert response.analysis.normalized == "izin usaha"
    assert response.did_you_mean is None  # a reading of the dialect, not a typo
    assert [r.url for r in response.results][:1] == [BASE + "izin-usaha"]


def test_an_o_word_with_nyo_that_no_list_has_finds_its_page(searcher) -> None:
    """"dendonyo" is denda + -nyo: the normaliser makes "dendonya", which no stemmer rule and
    no typo correction reached (three letters from "denda"), so the fine's page lost to the
    page that says "sampah" most."""
    response = searcher.search("berapo dendonyo sampah")
    assert response.analysis.normalized == "berapa dendanya sampah"
    assert [r.url for r in response.results][:1] == [BASE + "denda-sampah"]


def test_a_derived_word_is_read_when_the_pages_say_its_a_form(searcher) -> None:
    """"berusaho": the stemmer's -o rule reads roots only; the pages say "berusaha"."""
    analysis = searcher.analyze("nomor induk berusaho")
    assert analysis.normalized == "nomor induk berusaha"
    assert analysis.did_you_mean is None


@pytest.mark.parametrize("query", ["toko foto", "video logo", "promo"])
def test_words_that_are_words_stay_as_typed(searcher, query) -> None:
    # none of these is on a page of the corpus but "foto": roots stay roots, and "promo"
    # has no -a word ("proma") to be
    assert searcher.analyze(query).normalized == query


def test_a_place_the_pages_write_with_o_stays(searcher) -> None:
    """"angsa" is a root (a goose), but the pages say "Angso Duo": the market's name."""
    assert searcher.analyze("pasar angso duo").normalized == "pasar angso duo"
    assert [r.url for r in searcher.search("retribusi angso duo").results][:1] == [
        BASE + "pasar"]
