"""Session 22's entries of the word lists, as a citizen meets them (issues #11, #16): an office,
tax or document searched by a name it had before today's finds the page that uses only the
current one; a Jambi Malay question reaches its service; and the Indonesian words these
rewrites could clash with ("laki-laki", a place named Payo) are left as they are. Every page
names its service only the way Kota Jambi names it now, next to a neighbour that shares the
query's other words."""

from __future__ import annotations

import pytest

from sikoja.documents import Document
from tests.corpus import keyword_searcher
from tests.test_old_names import top  # the slug of the first result


def page(slug: str, title: str, text: str, opd: str) -> Document:
    return Document(
        url=f"http://127.0.0.1:8702/layanan/{slug}.html",
        source="pemkot",
        opd=opd,
        kind="service",
        title=title,
        text=text,
    )


BPPRD = "Badan Pengelola Pajak dan Retribusi Daerah"
DUKCAPIL = "Dinas Kependudukan dan Pencatatan Sipil"
PAGES = [
    page(
        "pbjt-makan",
        "PBJT Makanan dan Minuman",
        "Pajak barang dan jasa tertentu atas makanan dan minuman yang dijual restoran, rumah "
        "makan dan kafe. Daftar dan lapor setiap bulan ke BPPRD.",
        BPPRD,
    ),
    page(
        "pbb",
        "Pembayaran Pajak Bumi dan Bangunan (PBB-P2)",
        "Bayar PBB rumah dan tanah di bank atau lewat QRIS dengan SPPT tahun berjalan.",
        BPPRD,
    ),
    page(
        "pbjt-hiburan",
        "PBJT Jasa Kesenian dan Hiburan",
        "Pajak atas bioskop, karaoke, pagelaran musik dan permainan ketangkasan.",
        BPPRD,
    ),
    page(
        "kua",
        "Pendaftaran Nikah di KUA",
        "Kantor Urusan Agama Kementerian Agama menerima pendaftaran kehendak nikah: bawa "
        "surat pengantar dari kelurahan, fotokopi KTP dan KK, pas foto.",
        "Kementerian Agama",
    ),
    page(
        "pengantar-nikah",
        "Surat Pengantar Nikah",
        "Kelurahan menerbitkan surat pengantar nikah (N1 sampai N4) untuk calon pengantin.",
        "Kelurahan Telanaipura",
    ),
    page(
        "uji-kir",
        "Uji Berkala Kendaraan Bermotor",
        "Dinas Perhubungan menguji mobil barang, angkutan umum dan bus setiap enam bulan.",
        "Dinas Perhubungan",
    ),
    page(
        "pdam-baru",
        "Pemasangan Sambungan Baru PDAM",
        "Perumda Air Minum Tirta Mayang memasang sambungan baru air bersih ke rumah pelanggan.",
        "Perumda Air Minum Tirta Mayang",
    ),
    page(
        "uhc",
        "UHC Jambi Bugar",
        "Berobat gratis di puskesmas dan rumah sakit bagi warga yang didaftarkan sebagai "
        "peserta PBI JK dan BPJS Kesehatan daerah.",
        "Dinas Kesehatan",
    ),
    page(
        "ktp-rekam",
        "Perekaman KTP-el",
        "Perekaman kartu tanda penduduk elektronik: foto, sidik jari dan iris.",
        DUKCAPIL,
    ),
    page(
        "ktp-hilang",
        "KTP-el Hilang atau Rusak",
        "Ganti KTP-el yang hilang: surat kehilangan dari polisi dan fotokopi KK.",
        DUKCAPIL,
    ),
    page(
        "akta-lahir",
        "Penerbitan Kutipan Akta Kelahiran",
        "Pencatatan kelahiran anak: surat keterangan lahir, KK dan KTP orang tua.",
        DUKCAPIL,
    ),
    page(
        "akta-mati",
        "Penerbitan Kutipan Akta Kematian",
        "Pencatatan kematian: surat keterangan kematian dan KTP almarhum suami atau istri.",
        DUKCAPIL,
    ),
    page(
        "drainase",
        "Pengaduan Drainase Tersumbat",
        "Laporkan saluran dan parit yang tersumbat ke Dinas PUPR.",
        "Dinas PUPR",
    ),
    page(
        "jalan",
        "Pengaduan Jalan Berlubang",
        "Laporkan jalan kota yang berlubang atau rusak ke Dinas PUPR.",
        "Dinas PUPR",
    ),
    # neighbours: the queries' other words, without the service
    page(
        "lomba-kuliner",
        "Lomba Rumah Makan Sehat",
        "Rumah makan dan warung peserta lomba kuliner sehat tingkat kota.",
        "Dinas Pariwisata",
    ),
    page(
        "depan-rumah",
        "Penataan Halaman Depan Rumah",
        "Lomba kebersihan depan rumah dan saluran air antarwarga.",
        "Kelurahan Telanaipura",
    ),
]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    s = keyword_searcher(tmp_path_factory.mktemp("former22"), PAGES)
    yield s
    s.close()


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("bayar pajak pembangunan 1 rumah makan", "pbjt-makan"),  # PB1, before UU 28/2009
        ("pajak tontonan karaoke", "pbjt-hiburan"),  # UU 18/1997's name
        ("daftar nikah di kandepag", "kua"),  # Kandepag -> Kemenag, the KUA
        ("surat model n nikah", "pengantar-nikah"),  # the N forms of PMA 11/2007
        ("uji kendaraan di dllaj", "uji-kir"),  # DLLAJ -> Dishub
        ("pasang ledeng", "pdam-baru"),  # ledeng: the old word for piped water
        ("kartu gakin berobat", "uhc"),  # JPK-Gakin, before Askeskin and Jamkesmas
        ("urus ktp siak", "ktp-rekam"),  # the KTP before KTP-el: recorded anew
    ],
)
def test_a_former_name_finds_todays_service(searcher, query, slug):
    assert top(searcher, query) == slug


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("nak nikah apo bae yang dibawak", "kua"),  # dibawak = dibawa
        ("saluran depan umah tesumbat", "drainase"),  # te- for ter-
        ("jalan belubang lapor kemano", "jalan"),  # be- for ber-
        ("laki dio lah meninggal ngurus akte", "akta-mati"),  # laki = husband
    ],
)
def test_a_jambi_malay_question_reaches_its_service(searcher, query, slug):
    assert top(searcher, query) == slug


def test_my_son_is_not_my_husband(searcher):
    """ "laki aku" is "my husband" in Jambi Malay, but "anak laki-laki aku", "anak laki saya" and
    "anak lakiku" are "my son": "anak laki" is one phrase, and no phrase rewrite changing its
    first word starts on a reduplication, hyphenated or not."""
    for query in (
        "akta lahir anak laki-laki aku",
        "akta lahir anak laki laki aku",
        "akta lahir anak laki saya",
        "akta lahir anak lakiku",
        "akta lahir anak laki dio",
    ):
        analysis = searcher.analyzer.analyze_query(query)
        assert "suami" not in analysis.normalized.split(), query
        assert not any("suami" in t.tokens for t in analysis.terms), query
        assert top(searcher, query) == "akta-lahir"
    assert "suami" in searcher.analyzer.analyze_query("laki aku meninggal").normalized


def test_a_reduplication_starts_only_a_phrase_that_keeps_it():
    """ "saudara laki-laki aku" is my brother, not my husband; "tiap-tiap ari" is still every
    day: that rewrite leaves "tiap" as it is."""
    from indexer.analysis.analyzer import Analyzer

    words = Analyzer().normalizer.words
    assert "suami" not in words("saudara laki-laki aku")
    assert "suami" not in words("saudara laki laki aku")
    assert words("tiap-tiap ari") == ["tiap", "hari"]


def test_only_a_collapsed_reduplication_is_flagged_doubled():
    from indexer.analysis.analyzer import Analyzer
    from indexer.analysis.normalize import DOUBLED

    split = Analyzer().normalizer.split
    assert [w for w, flags in split("laki-laki laki2 anak-anak") if flags & DOUBLED] == [
        "laki", "laki", "anak"
    ]
    assert not any(flags & DOUBLED for _, flags in split("P2 n2 2022 pbb-p2 e-ktp"))


def test_dppka_reaches_both_its_successors():
    """DPPKA's taxes went to BPPRD, its finance and assets to BPKAD."""
    from indexer.analysis.analyzer import Analyzer

    for old in ("dppka", "dppkad"):
        tokens = {t.tokens for t in Analyzer().analyze_query(old).terms}
        assert {("bpprd",), ("bpkad",)} <= tokens, old


@pytest.mark.parametrize(
    "text",
    [
        "Kelurahan Payo Selincah",
        "pada waktunya kelak",
        "kuda asil",
        "Dana DAK fisik",
        "Bapak Ari ini menjabat",  # the name Ari, not "ari ini" (hari ini)
        "Toko Sekok Jaya",
        "Kecamatan Tulung",
    ],
)
def test_an_indonesian_word_is_not_read_as_jambi_malay(text):
    """Words a Jambi Malay entry could claim but Indonesian pages use as they are."""
    from indexer.analysis.analyzer import Analyzer

    words = Analyzer().normalizer.words(text)
    assert words == [w.lower() for w in text.split()]


def test_an_old_name_read_as_one_word_is_skipped(monkeypatch, caplog):
    """An old name whose other words are stopwords ("ktp biasa" is "ktp") would read every query
    with its one remaining word as the old name: the analyzer skips such a row and says so."""
    import dataclasses
    import logging

    from indexer.analysis import analyzer as analyzer_module
    from indexer.analysis import lexicon

    real = lexicon.load()
    patched = dataclasses.replace(
        real, renamed={**real.renamed, ("ktp", "biasa"): ("perekaman ktp el",)}
    )
    monkeypatch.setattr(analyzer_module.lexicon, "load", lambda: patched)
    with caplog.at_level(logging.WARNING, logger=analyzer_module.__name__):
        analyzer = analyzer_module.Analyzer(shared=False)
    assert ("ktp",) not in analyzer._expansions.renamed
    assert "'ktp biasa' reads as 'ktp'; skipped" in caplog.text
    terms = analyzer.analyze_query("ktp hilang").terms
    assert not any(t.tokens == ("rekam", "ktp") for t in terms)


def test_no_old_name_in_the_lists_reads_as_one_word(caplog):
    import logging

    from indexer.analysis import analyzer as analyzer_module

    with caplog.at_level(logging.WARNING, logger=analyzer_module.__name__):
        analyzer_module.Analyzer(shared=False)
    assert "renamed_terms.tsv" not in caplog.text
