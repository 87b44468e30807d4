"""Partial keys of synonym rules (issue #16, session 22): distinctive words of a rule's keys
find its service without the whole phrase.

"reyot lapuk doyong hampir ambruk" (a house falling apart) says three words that make keys of
the house-repair rule with "rumah" ("rumah reyot", "rumah lapuk", "rumah doyong") but none
of its phrases, so no rule read it and the house-repair page, which says none of those
words, was not found. A key now votes when the query says its words but for generic ones
(words whose keys lead to many targets, like "rumah"), each key once, and the target with
most votes (at least two) is read at a share of a synonym's weight. A single word is never
read alone, a tie between readings of different words reads nothing, and a query in the
pages' own words, in English, or one that says a whole key is read as before.
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
jalan gelap, jalan sepi => lampu jalan
terkunci di kamar mandi, jatuh ke sumur => penyelamatan
rumah kamar mandi => sanitasi
air teh => air keruh, pdam
tiket masuk => pajak hiburan
sengat listrik => igd
video mesum => kekerasan anak
download ikd => ikd
water outage, water leak => pengaduan air
"""
# "rumah", "warna", "air", "mati", "jalan", "masuk" and "water" lead to more targets than a
# word that votes may: the unsaid word of a key that votes ("rumah" of "rumah reyot")
GENERIC = "".join(
    f"rumah {n}x, rumah warna {n}x, air {n}x, mati {n}x, jalan {n}x, masuk {n}x, water {n}x"
    f" => layanan {n}x\n"
    for n in range(MAX_TARGETS_PER_WORD + 1)
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
    analyzer = Analyzer(synonyms=StaticSynonyms.from_text(RULES + GENERIC))
    query = "reyot doyong"  # no whole key; both words of the house-repair rule's keys
    said = Vocabulary.build({"reyot": 2, "doyong": 1, "rumah": 9})
    assert [t.tokens for t in analyzer.analyze_query(query, said).terms] == [
        ("reyot",),
        ("doyong",),
    ]
    # the same words where the pages do not say one are the citizen's own: read partially
    unsaid = Vocabulary.build({"reyot": 2, "rumah": 9})
    terms = {t.tokens: t.weight for t in analyzer.analyze_query(query, unsaid).terms}
    assert terms[("bedah", "rumah")] == pytest.approx(WEIGHTS["synonym"] * PARTIAL_WEIGHT)


@pytest.mark.parametrize(
    "query",
    [
        "teh manis hangat",  # "teh" of "air teh" (murky water)
        "tiket pesawat murah ke jakarta",  # "tiket" of "tiket masuk" (entertainment tax)
        "token listrik habis",  # "listrik" of "sengat listrik" (the emergency room)
        "download video youtube",  # "download ikd", "video mesum" (child abuse)
    ],
)
def test_a_single_word_of_a_key_reads_nothing(searcher, query):
    # everyday words the pages never use: each is the distinctive word of one key, and
    # partial keys run exactly when a query has such words
    assert searcher.search(query).analysis.expansions == []


def test_two_words_of_one_key_are_one_vote(searcher):
    # "kamar" and "mandi" are both of "terkunci di kamar mandi", and of "rumah kamar mandi"
    # whose other word is generic: one key each, no rescue and no sanitation
    assert searcher.search("kamar mandi umum kotor").analysis.expansions == []


def test_a_key_votes_only_when_its_unsaid_words_are_generic(searcher):
    # "kamar" of "terkunci di kamar mandi" and "sumur" of "jatuh ke sumur" are two keys of
    # the rescue rule, but the query says neither "terkunci" nor "jatuh"
    assert searcher.search("kamar anak bocor dekat sumur").analysis.expansions == []


def test_a_tie_between_readings_of_different_words_reads_nothing(searcher):
    # "reyot", "doyong" vote for the house repair, "gelap", "sepi" for street lights
    assert searcher.search("reyot doyong gelap sepi").analysis.expansions == []
    # one vote more decides
    expansions = searcher.search("reyot doyong lapuk gelap sepi").analysis.expansions
    assert "bedah rumah" in expansions and "lampu jalan" not in expansions


def test_one_word_said_twice_reads_nothing(searcher):
    assert searcher.search("reyot reyot").analysis.expansions == []


def test_an_english_query_is_not_read_by_partial_keys(searcher):
    # "outage" and "leak" are words of "water outage" and "water leak" ("water" generic)
    # (read as "adu air", the stems of "pengaduan air"); the glossary still reads "leak"
    found = searcher.search("internet outage and a leak")
    assert found.analysis.lang == "en"
    assert found.analysis.expansions == ["bocor"]
