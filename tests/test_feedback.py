"""Words the vector side's best pages agree on, fed back to the keyword side (issue #16).

A citizen writes "anak jatuh ke kolam ikan": no page and no lexicon says "jatuh" or "ikan";
the keyword side finds the pages that say "anak" (a child's birth certificate, the child ID
card), while the embedder ranks the drowning pages first. With ``semantic.feedback_weight``
the words those pages' titles agree on ("tenggelam") join the keyword query, and a drowning
page comes up; a query the keywords match well is searched as before (indexer/feedback.py).
"""

from __future__ import annotations

import pytest

from indexer.analysis import Analyzer
from indexer.build import build_index
from indexer.feedback import feedback_terms
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.documents import Document
from tests.corpus import write_corpus

BASE = "http://127.0.0.1:8701/layanan/"


def page(slug: str, title: str, text: str, opd: str) -> Document:
    return Document(url=BASE + slug, source=opd.lower().replace(" ", "-"), opd=opd,
                    kind="service", title=title, text=text)


DROWNING = {BASE + "korban-tenggelam", BASE + "sar-tenggelam", BASE + "renang-tenggelam"}
DOCS = [
    page("korban-tenggelam", "Pertolongan Pertama Korban Tenggelam",
         "Keluarkan korban dari air, periksa napas, lakukan resusitasi jantung paru dan "
         "hubungi 112.", "Dinas Kesehatan"),
    page("sar-tenggelam", "Pencarian Korban Tenggelam oleh Tim SAR",
         "Tim SAR gabungan menyisir sungai dan danau bila ada warga yang hilang terbawa arus.",
         "BPBD"),
    page("renang-tenggelam", "Pelatihan Renang dan Pencegahan Tenggelam",
         "Pelatihan renang gratis bagi pelajar setiap Minggu pagi di gelanggang renang kota.",
         "Dispora"),
    page("akta-anak", "Kutipan Akta Kelahiran Anak",
         "Akta kelahiran anak diterbitkan dengan surat keterangan lahir, Kartu Keluarga dan "
         "buku nikah orang tua. Anak di bawah 18 tahun.", "Disdukcapil"),
    page("kia", "Kartu Identitas Anak (KIA)",
         "Kartu identitas bagi anak usia 0 sampai 17 tahun. Syarat: akta kelahiran anak dan "
         "Kartu Keluarga.", "Disdukcapil"),
    page("sekolah", "Pendaftaran Sekolah Dasar",
         "Penerimaan murid baru untuk anak usia 7 tahun: akta kelahiran, Kartu Keluarga.",
         "Dinas Pendidikan"),
    page("pbb", "Pembayaran Pajak Bumi dan Bangunan",
         "Bayar PBB-P2 di bank atau kantor pos sebelum jatuh tempo Agustus.", "BPPRD"),
    page("pbg", "Persetujuan Bangunan Gedung",
         "Permohonan PBG melalui SIMBG: data tanah dan gambar rencana teknis bangunan.",
         "DPMPTSP"),
    page("sampah", "Retribusi Angkutan Sampah Rumah Tangga",
         "Retribusi sampah dibayar bersama rekening air setiap bulan.", "DLH"),
]
FELL_IN = "anak jatuh ke kolam ikan"


@pytest.fixture(scope="module")
def searchers(tmp_path_factory):
    """One index built with the default embedder, searched with feedback off (the default)
    and on. Nine pages: a word on three of them is log(1 + 9/4) = 1.18 rare, below the
    default floor made for a web of hundreds of pages, so the floor is lowered here."""
    data_dir = tmp_path_factory.mktemp("feedback")
    write_corpus(data_dir, DOCS).close()
    settings = load_settings(data_dir)
    build_index(settings)
    on = settings.model_copy(deep=True)
    on.semantic = on.semantic.model_copy(update={
        "feedback_weight": 0.5, "feedback_agree": 2, "feedback_min_idf": 1.0})
    off, fed = Searcher(settings), Searcher(on)
    yield off, fed
    off.close()
    fed.close()


def first_rank(urls: list[str], wanted: set[str]) -> int:
    return next((n for n, url in enumerate(urls, 1) if url in wanted), len(urls) + 1)


@pytest.mark.slow  # embeds with the default embedder (USE)
def test_words_the_vector_titles_agree_on_bring_their_page_up(searchers) -> None:
    off, fed = searchers
    plain, with_feedback = off.search(FELL_IN, explain=True), fed.search(FELL_IN, explain=True)
    assert "tenggelam" not in plain.analysis.expansions
    assert "tenggelam" in with_feedback.analysis.expansions
    before = first_rank([r.url for r in plain.results], DROWNING)
    after = first_rank([r.url for r in with_feedback.results], DROWNING)
    assert after < before


@pytest.mark.slow  # embeds with the default embedder (USE)
def test_a_query_the_keywords_match_gets_no_feedback(searchers) -> None:
    """The drowning pages are the vector side's first titles for this query too (the
    embedder reads "anak"); the keywords match it whole, so nothing is fed back and no
    drowning page joins the results (fed back regardless, "tenggelam" brings all three)."""
    off, fed = searchers
    a = off.search("akta kelahiran anak", explain=True)
    b = fed.search("akta kelahiran anak", explain=True)
    assert "tenggelam" not in b.analysis.expansions
    assert a.analysis.expansions == b.analysis.expansions
    assert [r.url for r in a.results] == [r.url for r in b.results]
    assert b.results[0].url == BASE + "akta-anak"
    assert not DROWNING & {r.url for r in b.results}


def test_copies_of_one_title_do_not_agree() -> None:
    """Two near-duplicate pages say the same title: that is one page's words, not two
    pages agreeing; a third, different title that says the word makes two."""
    analyzer = Analyzer()
    counts = {"evakuasi": 3, "penyelamatan": 3, "kebakaran": 3, "ular": 1, "sanca": 1}
    copies = ["Penyelamatan dan Evakuasi Non-Kebakaran"] * 2
    found = feedback_terms(analyzer, copies, (), counts, 900, agree=2, min_idf=2.0,
                           weight=0.5, limit=5)
    assert found == []
    agreed = feedback_terms(analyzer, [*copies, "Evakuasi Ular Sanca dari Dapur Warga"], (),
                            counts, 900, agree=2, min_idf=2.0, weight=0.5, limit=5)
    assert [t.tokens for t in agreed] == [("evakuasi",)]
    assert all(t.origin == "feedback" and t.weight == 0.5 for t in agreed)
