"""Partial keys of synonym rules (issue #16, session 22): distinctive words of a rule's keys
find its service without the whole phrase.

"reyot lapuk doyong hampir ambruk" (a house falling apart) says four words of the keys of
the house-repair rule ("rumah reyot", "rumah lapuk", "rumah doyong") but none of its
phrases, so no rule read it and the house-repair page, which says none of those words,
was not found. Distinctive words (whose keys lead to few targets, unlike "rumah") now
vote, and the targets with the most voters are read at a share of a synonym's weight. A query in
the pages' own words, or one that says a whole key, is read as before.
"""

from __future__ import annotations

import pytest

from indexer.analysis import Analyzer, Vocabulary
from indexer.analysis.analyzer import PARTIAL_WEIGHT, WEIGHTS
from indexer.search import Searcher
from sikoja.documents import Document
from synonyms import StaticSynonyms
from synonyms.partial import MAX_TARGETS_PER_WORD
from tests.corpus import keyword_searcher

RULES = """\
rumah reyot, rumah lapuk, rumah doyong, rumah hampir roboh => bedah rumah, rtlh
jembatan lapuk, jembatan ambruk => jembatan rusak
rumah ambruk, rumah roboh => bencana
terlilit utang, modal habis => modal usaha
ular sanca, sanca => evakuasi ular
air ledeng mati => gangguan air
air kuning => gangguan air
pipa ledeng bocor => pipa bocor
kartu kuning => kartu pencari kerja
"""
# "rumah" and "warna" lead to more targets than a distinctive word may
GENERIC = "".join(
    f"rumah {n}x, rumah warna {n}x => layanan {n}x\n" for n in range(MAX_TARGETS_PER_WORD + 1)
)

BEDAH = "http://127.0.0.1:8717/layanan/bedah-rumah.html"
JEMBATAN = "http://127.0.0.1:8711/layanan/jembatan-rusak.html"
BENCANA = "http://127.0.0.1:8714/layanan/bencana.html"
MODAL = "http://127.0.0.1:8726/layanan/modal-usaha.html"
ULAR = "http://127.0.0.1:8713/layanan/evakuasi-ular.html"
AIR = "http://127.0.0.1:8716/layanan/gangguan-air.html"


def doc(url: str, title: str, text: str, kind: str = "service") -> Document:
    return Document(
        url=url, source=url.split("/")[2], opd="Dinas Kota Jambi", kind=kind, title=title, text=text
    )


def corpus() -> list[Document]:
    return [
        doc(
            BEDAH,
            "Bedah rumah (RTLH)",
            "Bantuan bedah rumah tidak layak huni bagi keluarga "
            "kurang mampu: usulan lewat kelurahan, survei, pembangunan.",
        ),
        doc(JEMBATAN, "Jembatan rusak", "Laporan jembatan rusak di lingkungan warga."),
        doc(BENCANA, "Bencana", "Tanggap bencana angin ribut dan gempa."),
        doc(MODAL, "Modal usaha", "Pinjaman modal usaha tanpa bunga bagi pedagang kecil."),
        doc(ULAR, "Evakuasi ular", "Petugas datang menangkap ular di rumah warga."),
        doc(AIR, "Gangguan air", "Laporan gangguan air pelanggan PDAM."),
        *[
            doc(
                f"http://127.0.0.1:8720/info/{n}.html",
                f"Informasi {n}",
                f"Informasi jam layanan kantor {n} bulan ini dan nomor pengaduan warga.",
                kind="news",
            )
            for n in range(8)
        ],
    ]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    s = keyword_searcher(
        tmp_path_factory.mktemp("partial-keys"), corpus(), StaticSynonyms.from_text(RULES + GENERIC)
    )
    yield s
    s.close()


def urls(searcher: Searcher, query: str) -> list[str]:
    return [r.url for r in searcher.search(query).results]


def test_distinctive_words_of_a_rule_find_its_service_without_its_phrase(searcher):
    # before: no expansion, and no page says any of the typed words
    assert urls(searcher, "reyot lapuk doyong hampir ambruk")[:1] == [BEDAH]
    # "lapuk" and "ambruk" are words of the bridge rule too: outvoted, not read
    expansions = searcher.search("reyot lapuk doyong hampir ambruk").analysis.expansions
    assert "bedah rumah" in expansions and "jembatan rusak" not in expansions


def test_words_of_two_rules_with_one_target_add_up(searcher):
    # "ledeng" and "kuning" are each in two rules' keys; only "gangguan air" both lead to
    assert urls(searcher, "ledeng kuning")[:1] == [AIR]


def test_a_partial_reading_weighs_less_than_a_whole_key(searcher):
    whole = {" ".join(t.tokens): t.weight for t in searcher.analyze("rumah reyot").terms}
    part = {" ".join(t.tokens): t.weight for t in searcher.analyze("reyot doyong").terms}
    assert whole["bedah rumah"] == pytest.approx(WEIGHTS["synonym"])
    assert part["bedah rumah"] == pytest.approx(WEIGHTS["synonym"] * PARTIAL_WEIGHT)


def test_a_query_that_says_a_whole_key_keeps_its_reading(searcher):
    # "melilit" is a word of "terlilit utang" only; the python is what the query is about
    found = searcher.search("sanca melilit kandang unggas")
    assert found.results[0].url == ULAR
    assert "modal usaha" not in found.analysis.expansions


def test_generic_words_do_not_vote(searcher):
    # "rumah" and "warna" are in the keys of many rules: two of them read nothing
    assert searcher.search("rumah warna").analysis.expansions == []


def test_a_formal_query_in_the_pages_words_is_not_changed():
    analyzer = Analyzer(synonyms=StaticSynonyms.from_text(RULES))
    query = "ambruk lapuk"  # no whole key; both words of the bridge rule's keys
    said = Vocabulary.build({"ambruk": 2, "lapuk": 1, "rumah": 9})
    assert [t.tokens for t in analyzer.analyze_query(query, said).terms] == [
        ("ambruk",),
        ("lapuk",),
    ]
    # the same words where the pages do not say one are the citizen's own: read partially
    unsaid = Vocabulary.build({"ambruk": 2, "rumah": 9})
    terms = {t.tokens: t.weight for t in analyzer.analyze_query(query, unsaid).terms}
    assert terms[("jembatan", "rusak")] == pytest.approx(WEIGHTS["synonym"] * PARTIAL_WEIGHT)
