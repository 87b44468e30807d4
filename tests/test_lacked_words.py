"""A word the query says the citizen lacks weighs less (issues #16 and #11, session 18).

"nenek tidak punya ktp tinggal di panti mau didata dinsos" tells of a woman with no KTP:
she needs the vulnerable-residents registration, but with "ktp" at full weight the pages
about the KTP (the free treatment "cukup pakai KTP", the KTP-el) led. After "tidak/tak
punya/ada/memiliki" a word and its expansions weigh ``LACKED_WEIGHT`` of themselves; after
"belum" (not yet) they keep their weight, since "belum punya akta" asks for the akta. On
the sample web: tests/test_sentence_queries.py.
"""

from __future__ import annotations

import pytest

from indexer.analysis.analyzer import LACKED_WEIGHT, Analyzer


def _weights(query: str) -> dict[str, float]:
    return {" ".join(t.tokens): t.weight for t in Analyzer().analyze_query(query).terms}


def test_a_lacked_word_and_its_expansions_weigh_less():
    weights = _weights("kakek dak punyo ktp jadi dak biso dapat bantuan")  # Jambi Malay
    assert weights["ktp"] == pytest.approx(LACKED_WEIGHT)
    assert weights["kartu tanda penduduk"] == pytest.approx(0.8 * LACKED_WEIGHT)
    assert weights["kakek"] == weights["bantu"] == 1.0


def test_not_yet_having_it_and_saying_it_again_keep_the_word():
    assert _weights("anak belum punya ktp")["ktp"] == 1.0
    assert _weights("tidak punya kk mau bikin kk baru")["kk"] == 1.0
    assert _weights("ktp hilang")["ktp"] == 1.0

