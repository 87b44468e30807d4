"""What a service's card says when extraction stored none of its fields (indexer/cards.py).

A post promoted to a service because its site lists it under "Informasi Layanan" keeps no
fields; its card says the page's first sentence, never a field the page was not read to say.
"""

from __future__ import annotations

from indexer.cards import lead

POST = """Surat Keterangan Tidak Mampu (SKTM)
Administrator | 12 Februari 2024 | Informasi Layanan | Dibaca 369 Kali
SKTM diberikan bagi keluarga kurang mampu untuk keringanan biaya sekolah atau syarat bantuan.
Persyaratan Pengantar RT/RW
KTP/KK"""


def test_the_lead_is_the_first_sentence_after_title_and_byline():
    assert lead(POST, "Surat Keterangan Tidak Mampu (SKTM)") == (
        "SKTM diberikan bagi keluarga kurang mampu untuk keringanan biaya sekolah atau "
        "syarat bantuan.")


def test_a_long_lead_is_cut_at_a_sentence_end():
    text = "Warga dapat mengurus surat ini di kantor kelurahan. " * 10
    cut = lead(text, "x")
    assert cut is not None and cut.endswith("kelurahan.") and len(cut) <= 300
    words = "kata " * 100  # no sentence end: cut at a word, and says so
    assert lead(words, "x").endswith(" ...")


def test_a_page_of_menu_words_has_no_lead():
    assert lead("Beranda\nProfil\nKontak Kami", "x") is None
