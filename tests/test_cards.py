"""What a service's card says when extraction stored none of its fields (indexer/cards.py).

A post promoted to a service because its site lists it under "Informasi Layanan" keeps no
fields; its card says the page's first sentence, never a field the page was not read to say,
and a page with no such sentence gets no card.
"""

from __future__ import annotations

import pytest

from indexer.cards import lead
from sikoja.documents import Document
from tests.corpus import keyword_searcher

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


def _post(url: str, title: str, text: str) -> Document:
    """A post its site lists as a service: kind service, no fields stored."""
    return Document(url=url, source="kel-legok", opd="Kelurahan Legok", kind="service",
                    title=title, text=text)


@pytest.fixture(scope="module")
def posts(tmp_path_factory):
    s = keyword_searcher(tmp_path_factory.mktemp("posts"), [
        _post("http://127.0.0.1:8761/2024/03/izin-keramaian.html", "Surat Izin Keramaian",
              "Surat Izin Keramaian\nAdministrator | 4 Maret 2024 | Informasi Layanan\n"
              "Warga yang akan menggelar hajatan mengurus surat izin keramaian di kelurahan."),
        _post("http://127.0.0.1:8761/2024/03/ahli-waris.html", "Surat Keterangan Ahli Waris",
              "Surat Keterangan Ahli Waris\nAdministrator | 5 Maret 2024 | Informasi Layanan\n"
              "Beranda\nLayanan\nAhli waris\nKontak"),
    ])
    yield s
    s.close()


def test_a_post_with_a_lead_gets_a_card_that_says_it(posts):
    card = posts.search("surat izin keramaian").answer
    assert card is not None and card.title == "Surat Izin Keramaian"
    assert card.description == ("Warga yang akan menggelar hajatan mengurus surat izin "
                                "keramaian di kelurahan.")


def test_a_post_with_nothing_to_say_gets_no_card(posts):
    response = posts.search("surat keterangan ahli waris")
    assert response.results[0].title == "Surat Keterangan Ahli Waris"
    assert response.answer is None
