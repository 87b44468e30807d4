"""Session 19's complaint rules (synonyms/data/default.txt, "Session 19: complaints and whom
to tell") read the complaints they were written for, and words that share a stem with a
rule's word no longer carry it: "next door" and "twice as much" are not damage, a nurse is
not a hospital stay, coffee is not a photocopy.

"terbelah" and "terlipat" (=> rusak) stem as "sebelah" and "kali lipat" do, so a neighbour's
nuisance ("bengkel sebelah rumah bising") was read as a damaged road or KTP and a doubled bill
as a damaged one. The complaint rules are phrases where one of their words means other
things: a neighbour's coop, not any coop (a monitor lizard in it is the fire brigade's); the
money asked at a desk ("uang jasa"), not a service's levy ("retribusi jasa").
"""

from __future__ import annotations

import pytest

from tests import test_symptom_rules
from tests.test_symptom_rules import phrase, readings

# the symptom rules' analyzer fixture
analyzer = test_symptom_rules.analyzer


@pytest.mark.parametrize(("query", "read_as"), [
    ("perusahaan tidak bayar thr karyawan", "mediasi"),
    ("thr dipotong perusahaan mau mengadu", "perselisihan hubungan industrial"),
    ("jalan rusak sudah sebulan tidak ada tindak lanjut", "pengaduan"),
    ("sudah sebulan tidak digubris", "pengaduan"),
    ("petugas tidak di tempat waktu jam kerja", "sikesal"),
    ("urus surat diminta imbalan", "pungli"),
    ("lampu jembatan mati sudah lama", "pju"),
    ("sampah pasar menumpuk bau", "pengaduan sampah"),
    ("pendangkalan sungai tiap hujan meluap", "drainase tersumbat"),
    ("kandang ayam tetangga bau sekali", "sikesal"),
    ("bengkel bising sampai malam", "sikesal"),
    ("ktp sobek", "rusak"),
])
def test_a_complaint_reads_as_the_desk_that_answers_it(analyzer, query, read_as):
    assert phrase(analyzer, read_as) in readings(analyzer, query)


@pytest.mark.parametrize(("query", "not_read_as"), [
    ("bengkel sebelah rumah bising sampai malam", "rusak"),
    ("tetangga sebelah bakar sampah", "rusak"),
    ("tagihan pbb naik dua kali lipat", "rusak"),
    ("biawak masuk kandang ayam warga", "sikesal"),
    ("retribusi jasa usaha", "pungli"),
    ("taman kota jambi buka jam berapa", "pju"),
    ("retribusi pasar", "pengaduan sampah"),
    ("thr pns cair kapan", "mediasi"),
    ("tanggap darurat banjir", "pengaduan"),
])
def test_a_word_of_other_needs_is_not_read_as_a_complaint(analyzer, query, not_read_as):
    assert phrase(analyzer, not_read_as) not in readings(analyzer, query)


@pytest.mark.parametrize(("query", "not_read_as", "still", "read_as"), [
    # "dirawat" stems as "perawat" (a nurse) does: a nurse's licence read as a hospital stay
    ("sip perawat", "rawat inap", "pasien dirawat di rumah sakit", "rawat inap"),
    # "kopian" stems as "kopi" does: coffee and Puskesmas Kebun Kopi read as a photocopy
    ("puskesmas kebun kopi", "fotokopi", "kopian ktp dilegalisir", "fotokopi"),
    ("izin kedai kopi", "fotokopi", "salinan akta", "fotokopi"),
])
def test_a_stem_shared_with_another_word_does_not_carry_the_rule(analyzer, query, not_read_as,
                                                                 still, read_as):
    assert phrase(analyzer, not_read_as) not in readings(analyzer, query)
    assert phrase(analyzer, read_as) in readings(analyzer, still)


def _first_urls(searcher, query: str, n: int) -> list[str]:
    return [url for r in searcher.search(query).results[:n] for url in [r.url, *r.also_at]]


def test_a_neighbours_coop_finds_the_citys_complaint_channel(sample_searcher):
    # before: the coal-truck report page ("lapor") led, SiKesal seventh
    first = _first_urls(sample_searcher,
                        "kandang ayam tetangga bau sekali sudah ditegur tidak digubris mau mengadu",
                        1)
    assert any("sikesal" in url or "si-kesal" in url for url in first)


def test_a_withheld_holiday_bonus_finds_the_labour_mediation(sample_searcher):
    # before: the companies' duty to report (WLKP) and the company rules led
    first = _first_urls(sample_searcher, "perusahaan tidak bayar thr karyawan", 1)
    assert any(url.endswith("/layanan/mediasi-perselisihan-hubungan-industrial/")
               for url in first)


def test_a_noisy_workshop_next_door_is_not_a_damaged_road(sample_searcher):
    # before: "sebelah" read as "terbelah" (=> rusak) and the road-damage page led
    top = _first_urls(sample_searcher, "bengkel sebelah rumah bising sampai malam", 3)
    assert not any("rusak" in url for url in top)
