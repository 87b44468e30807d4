"""A word the query says the citizen lacks weighs less (issues #16 and #11, session 18).

"nenek tidak punya ktp tinggal di panti mau didata dinsos" tells of a woman with no KTP:
she needs the vulnerable-residents registration, but with "ktp" at full weight the pages
about the KTP (the free treatment "cukup pakai KTP", the KTP-el) led. After "tidak/tak
punya/mempunyai/memiliki" a word, or the name it starts ("kartu tanda penduduk"), and
every term read from it weigh ``LACKED_WEIGHT`` of themselves; their synonyms share that
weight, not a whole word's. After "belum" (not yet) they keep their weight, since "belum
punya akta" asks for the akta; after "tidak ada" (there is no) too, unless it is money,
since that tells of an outage ("tidak ada air di rumah" asks PDAM for the water). On the
sample web: tests/test_sentence_queries.py.
"""

from __future__ import annotations

import pytest

from indexer.analysis import Vocabulary
from indexer.analysis.analyzer import LACKED_WEIGHT, Analyzer
from indexer.query_model import group_mass, shared_weights
from synonyms import StaticSynonyms


def _weights(query: str) -> dict[str, float]:
    return {" ".join(t.tokens): t.weight for t in Analyzer().analyze_query(query).terms}


def test_a_lacked_word_and_its_expansions_weigh_less():
    weights = _weights("kakek dak punyo ktp jadi dak biso dapat bantuan")  # Jambi Malay
    assert weights["ktp"] == pytest.approx(LACKED_WEIGHT)
    assert weights["kartu tanda penduduk"] == pytest.approx(0.8 * LACKED_WEIGHT)
    assert weights["kakek"] == weights["bantu"] == 1.0


def test_a_lacked_name_weighs_less_every_word_of_it_and_what_it_reads_as():
    # the name spelled out: its three words, its acronym and the synonym of the whole name
    # (before, only "kartu" weighed less, and "kartu identitas" kept 0.8)
    weights = _weights("nenek tidak memiliki kartu tanda penduduk mau didata")
    assert weights["kartu"] == weights["tanda"] == weights["penduduk"] == pytest.approx(
        LACKED_WEIGHT)
    assert weights["ktp"] == pytest.approx(0.8 * LACKED_WEIGHT)
    assert weights["kartu identitas"] == pytest.approx(0.8 * LACKED_WEIGHT)
    assert weights["nenek"] == weights["data"] == 1.0


def test_not_yet_having_it_and_saying_it_again_keep_the_word():
    assert _weights("anak belum punya ktp")["ktp"] == 1.0
    assert _weights("tidak punya kk mau bikin kk baru")["kk"] == 1.0
    assert _weights("ktp hilang")["ktp"] == 1.0
    # "of their own": a married couple asks for its own KK (before, the lowered "kk" let
    # "suami istri" lead to the birth certificate)
    assert _weights("suami istri tidak punya kk sendiri")["kk"] == 1.0


def test_no_money_is_a_lack():
    # "tidak ada" (there is no) + money is "tidak punya" uang: the need is the scholarship
    assert _weights("anak terancam putus sekolah karena tidak ada biaya")["biaya"] == (
        pytest.approx(LACKED_WEIGHT))
    assert _weights("anak batuk panas dak ado duit ke dokter")["uang"] == pytest.approx(
        LACKED_WEIGHT)


@pytest.mark.parametrize("query", ["sudah 3 hari tidak ada air di rumah",
                                   "kok tidak ada air ya di rumah"])
def test_an_outage_is_not_a_lack(query):
    # "tidak ada air" is the water that stopped: PDAM's service, asked at full weight; at
    # 0.6 the flood reading of "air di rumah" (banjir, BPBD, 0.8) outweighed it
    weights = _weights(query)
    assert weights["air"] == 1.0
    assert weights["banjir"] < weights["air"]


RULES = "bpjs => jkn, kis, kartu indonesia sehat, bpjs kesehatan\n"


def test_the_synonyms_of_a_lacked_word_share_its_lowered_weight():
    # the index says every word: the synonyms of "bpjs" share what "bpjs" weighs, 0.6 of a
    # word; sharing a whole word's weight gave them back what the lack took
    analyzer = Analyzer(synonyms=StaticSynonyms.from_text(RULES))
    said = Vocabulary.build({"orang": 9, "tua": 9, "bpjs": 3})
    terms = shared_weights(analyzer.analyze_query("orang tua tidak punya bpjs", said).terms)
    synonyms = [t for t in terms if t.origin == "synonym"]
    assert len(synonyms) == 4
    assert group_mass(synonyms) == pytest.approx(LACKED_WEIGHT)
    typed = {t.tokens: t.weight for t in terms if t.origin == "query"}
    assert typed == {("orang",): 1.0, ("tua",): 1.0, ("bpjs",): pytest.approx(LACKED_WEIGHT)}
