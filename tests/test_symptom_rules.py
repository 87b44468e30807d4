"""Session 18's symptom and life-situation rules read only the situations they were written
for (synonyms/data/default.txt, "Session 18: symptoms and life situations").

The first version read a word or two that many other queries say: "taspen" alone as a death
(a living pensioner's "kantor taspen jambi" got the death-certificate card), an age alone as
SD admission ("bayi umur 7 hari mau bikin akta"), "suntik" alone as a baby's vaccination (a
dog's rabies shot), flies and maggots as uncollected rubbish, "uang lembur" as an industrial
dispute, "grooming" as child abuse, "beli buku" and "nilai tinggi" as a scholarship,
"mutasi ke jambi" as a family moving in. Each query below read so.
"""

from __future__ import annotations

import pytest

from indexer.analysis import Analyzer


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def readings(analyzer: Analyzer, query: str) -> set[tuple[str, ...]]:
    return {t.tokens for t in analyzer.analyze_query(query).terms}


def phrase(analyzer: Analyzer, text: str) -> tuple[str, ...]:
    return analyzer.stem_words(analyzer.words(text))


@pytest.mark.parametrize(("query", "not_read_as"), [
    ("kantor taspen jambi", "akta kematian"),
    ("klaim taspen", "akta kematian"),
    ("asabri pensiunan tni", "akta kematian"),
    ("bayi umur 7 hari mau bikin akta", "penerimaan murid baru sd"),
    ("anak usia 6 tahun belum punya akta", "penerimaan murid baru sd"),
    ("suntik rabies anjing", "imunisasi"),
    ("pedagang gerobak butuh suntikan modal", "imunisasi"),
    ("belatung di luka", "sampah belum terangkut"),
    ("lalat di rumah makan", "sampah belum terangkut"),
    ("uang lembur pns", "mediasi"),
    ("grooming kucing", "uptd ppa"),
    ("nilai tinggi njop", "beasiswa"),
    ("beli buku terbitan daerah di perpustakaan", "sktm"),
    ("iuran tukang sampah bulanan", "sampah belum terangkut"),
    ("mobil saya mutasi ke jambi", "pindah datang"),
])
def test_a_word_of_many_situations_is_not_read_as_one(analyzer, query, not_read_as):
    assert phrase(analyzer, not_read_as) not in readings(analyzer, query)


@pytest.mark.parametrize(("query", "read_as"), [
    ("suami meninggal mau urus pensiun janda", "akta kematian"),
    ("janda pensiunan taspen", "akta kematian"),
    ("tukang sampah dak pernah lewat lagi di komplek kami", "sampah belum terangkut"),
    ("iuran tukang sampah bulanan", "retribusi sampah"),
    ("anak pintar tapi ortu dak sanggup beli buku dan sepatu", "beasiswa"),
    ("baru pindah kerja ke jambi bawa keluarga", "pindah datang"),
    ("anak sudah lulus tk mau masuk sekolah", "penerimaan murid baru sd"),
])
def test_the_situations_the_rules_were_written_for_still_read_so(analyzer, query, read_as):
    assert phrase(analyzer, read_as) in readings(analyzer, query)
