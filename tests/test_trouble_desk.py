"""Trouble told to a desk (indexer/desks.py): a query telling trouble finds the office's
complaint, fault or objection desk before the sibling application service of the same
office, and a query asking for the application still finds the application.

On main before session 20 the sample web put PDAM's "Pemasangan Sambungan Baru" first for
"air pdam dak keluar dari subuh", the PBB payment page for a tax that tripled, and the
kartu kuning page for a dismissal without severance pay.
"""

from __future__ import annotations

import pytest

from indexer.analysis import Analyzer
from indexer.backend import DocMeta
from indexer.desks import is_desk, lead_by_desk, tells_trouble
from indexer.fusion import Fused


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def trouble(analyzer: Analyzer, query: str) -> bool:
    analysis = analyzer.analyze_query(query)
    return tells_trouble(analysis.normalized, (t.tokens for t in analysis.terms))


@pytest.mark.parametrize(("title", "kind"), [
    ("Pengaduan Gangguan Air dan Mobil Tangki", "service"),
    ("Keberatan atas Ketetapan PBB-P2", "service"),
    ("Mediasi Perselisihan Hubungan Industrial", "service"),
    ("Si-Kesal (Sistem Informasi Keluhan Masyarakat Online)", "app"),
    ("Pengaduan Saluran Air Limbah", "page"),
])
def test_a_desk_is_read_from_its_title(title, kind):
    assert is_desk(title, kind)


@pytest.mark.parametrize(("title", "kind"), [
    ("Pemasangan Sambungan Baru", "service"),
    ("Wajib Lapor Ketenagakerjaan di Perusahaan (WLKP)", "service"),
    ("Izin Gangguan (HO)", "service"),                       # a permit, not a desk
    ("Jalan Rusak Jadi Keluhan Terbanyak di SiKesal", "news"),  # news about a desk
    ("Standar Pelayanan Pengaduan Angkutan Batu Bara", "document"),
])
def test_an_application_a_permit_news_or_a_file_is_no_desk(title, kind):
    assert not is_desk(title, kind)


@pytest.mark.parametrize("query", [
    "air pdam dak keluar dari subuh",              # a state denied, Jambi Malay
    "pipa pdam bocor depan rumah nambalinnya lama",  # a symptom
    "tagihan pbb naik tidak sesuai mau protes",    # a dispute said
    "tagihan air pdam naik padahal pemakaian sama saja",  # an expectation broken
    "di phk tanpa pesangon siapa yang bisa bantu",
    "bikin kk di kelurahan disuruh bayar padahal gratis",  # a dispute beats the act
])
def test_trouble_is_read_from_the_query(analyzer, query):
    assert trouble(analyzer, query)


@pytest.mark.parametrize("query", [
    "pasang air pdam baru",
    "syarat pasang baru sambungan pdam",
    "daftar npwpd",
    "tidak tahu tagihan pbb rumah berapa",  # not knowing is no trouble
    "anak belum punya akta kelahiran",      # lacking asks for the document
    "iuran sampah naik",                    # a price, not a complaint
    "bayar pbb online",
])
def test_an_application_or_a_question_is_not_trouble(analyzer, query):
    assert not trouble(analyzer, query)


def _meta(id_: str, title: str, opd: str, kind: str = "service") -> DocMeta:
    return DocMeta(id=id_, url=f"http://x/{id_}", title=title, opd=opd, kind=kind)


METAS = {m.id: m for m in [
    _meta("apply", "Pemasangan Sambungan Baru", "PDAM"),
    _meta("news", "Air Tak Mengalir Sepekan", "PDAM", "news"),
    _meta("desk", "Pengaduan Gangguan Air dan Mobil Tangki", "PDAM"),
    _meta("other", "Pengaduan Drainase Tersumbat", "PUPR"),
]}


def _items(*scored: tuple[str, float]) -> list:
    return [(Fused(id_, score, fused_score=score), []) for id_, score in scored]


def _office(item: Fused) -> frozenset[str]:
    return frozenset({METAS[item.id].opd})


def test_the_offices_desk_leads_a_near_tie_and_takes_its_score():
    items = _items(("apply", 0.0349), ("news", 0.0300), ("desk", 0.0300))
    out = lead_by_desk(items, METAS, _office, 5, 0.25)
    assert [f.id for f, _ in out] == ["desk", "news", "apply"]
    assert [f.score for f, _ in out] == [0.0349, 0.0300, 0.0300]
    assert "desk" in out[0][0].boosts


def test_a_desk_far_behind_or_of_another_office_stays_where_it_is():
    far = _items(("apply", 0.040), ("desk", 0.028))
    assert lead_by_desk(far, METAS, _office, 5, 0.25) is far
    other = _items(("apply", 0.040), ("other", 0.039))
    assert lead_by_desk(other, METAS, _office, 5, 0.25) is other
    led = _items(("desk", 0.040), ("apply", 0.039))
    assert lead_by_desk(led, METAS, _office, 5, 0.25) is led


def _first_title(searcher, query: str) -> str:
    return searcher.search(query).results[0].title


@pytest.mark.parametrize(("query", "desk"), [
    ("air pdam dak keluar dari subuh", "Pengaduan Gangguan Air"),
    ("pipa pdam bocor depan rumah nambalinnya lama", "Pengaduan Gangguan Air"),
    ("pajak pbb rumah kami tiba tiba naik tiga kali lipat tidak terima", "Keberatan"),
    ("di phk tanpa pesangon siapa yang bisa bantu", "Mediasi Perselisihan"),
])
def test_trouble_finds_the_offices_desk_first(sample_searcher, query, desk):
    assert desk in _first_title(sample_searcher, query)


@pytest.mark.parametrize("query", ["pasang air pdam baru", "syarat pasang baru sambungan pdam"])
def test_an_application_query_still_finds_the_application(sample_searcher, query):
    assert "Sambungan Baru" in _first_title(sample_searcher, query)
