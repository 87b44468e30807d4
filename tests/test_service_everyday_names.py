"""A citizen who names a service the way people say it reaches the service (issues #11, #16).

The "Session 11: services and apps by their everyday names" rules of the default synonym
set (synonyms/data/default.txt) were written service by service from ../shared/data: what a
citizen calls each of the 75 services and 34 apps when they do not know its formal name
("surat susah" for the SKTM, "pbb terlalu tinggi" for an objection to the PBB assessment,
"pajak warisan tanah" for the BPHTB). They add the service's title words to the query one
way, so the formal name still finds its page first, and none of them fires on a word that
is everywhere on the city's pages.
"""

from __future__ import annotations

import pytest

from indexer.analysis import Analyzer
from indexer.search import Searcher
from sikoja.documents import Document
from synonyms.default import default_text
from synonyms.rules import parse
from tests.corpus import keyword_searcher

BASE = "http://127.0.0.1:8704/layanan/"
BLOCK = "# == Session 11: services and apps by their everyday names"


# pairs of pages that share the words a citizen types, so the query alone cannot tell them apart
# (titles and text after ../shared/data/services.jsonl and apps.jsonl)
PAGES = [
    ("pindah-datang", "Pindah Datang ke Kota Jambi",
            "Penerbitan KK dan KTP-el alamat baru. Bawa SKPWNI dari daerah asal ke kelurahan.",
            "Disdukcapil"),
    ("skpwni", "Surat Keterangan Pindah WNI (SKPWNI)",
            "Pindah keluar Kota Jambi: KK asli, KTP-el asli, pengantar RT/RW dan kelurahan.",
            "Disdukcapil"),
    ("pbb-bayar", "Pembayaran Pajak Bumi dan Bangunan (PBB-P2)",
            "Bayar PBB di bank persepsi, kantor pos, QRIS atau mobil pelayanan keliling.",
            "BPPRD"),
    ("pbb-keberatan", "Keberatan atas Ketetapan PBB-P2",
            "Syarat: asli SPPT, surat keberatan, SPOP/LSPOP, fotokopi KTP/KK.", "BPPRD"),
    ("pbb-mutasi", "Mutasi / Balik Nama SPPT PBB-P2",
            "Syarat: fotokopi sertifikat, KTP pemohon, SPPT induk, formulir SPOP.", "BPPRD"),
    ("bphtb", "Validasi Bea Perolehan Hak atas Tanah dan Bangunan (BPHTB)",
            "Diajukan melalui PPAT/notaris: SSPD BPHTB, sertifikat, SPPT PBB dan bukti lunas.",
            "BPPRD"),
    ("domisili", "Surat Keterangan Domisili",
            "Syarat: surat pengantar RT/RW, fotokopi KTP/KK. Tanda tangan Lurah.", "Kelurahan"),
    ("sktm", "Surat Keterangan Tidak Mampu (SKTM)",
            "Syarat: pengantar RT/RW, KTP/KK. Diajukan ke kelurahan.", "Kelurahan"),
    ("skck", "Surat Keterangan Catatan Kepolisian (SKCK)",
            "Syarat: fotokopi KTP, KK, akta kelahiran, pas foto latar merah; sidik jari.",
            "Polresta Jambi"),
    ("air-sambung", "Pemasangan Sambungan Baru Air Bersih",
            "Calon pelanggan PDAM Tirta Mayang masuk daftar tunggu dan membayar uang muka.",
            "PDAM Tirta Mayang"),
    ("air-gangguan", "Pengaduan Air Mati, Keruh dan Pipa Bocor",
            "Hubungi hotline Tirta Mayang atau SiKesal; minta mobil tangki air gratis.",
            "PDAM Tirta Mayang"),
    ("wbs", "Whistleblowing System (WBS) Pemprov Jambi",
            "Sampaikan dugaan pelanggaran ASN Pemprov; identitas pelapor dirahasiakan.",
            "Inspektorat Provinsi"),
    ("pemadaman", "Pemadaman Kebakaran",
            "Lapor ke Call Center 112, 0741-41171 atau aplikasi Si Merah Koja.", "Damkartan"),
    ("si-merah-koja", "Si Merah Koja (Sistem Informasi Penanggulangan Kebakaran)",
            "Aplikasi lapor kebakaran dan penyelamatan, terhubung 112 dan WhatsApp.",
            "Damkartan"),
    ("bedah-rumah", "Bantuan Bedah Rumah Tidak Layak Huni (RTLH)",
            "Usulan dari RT ke Lurah; bantuan material dan upah.", "Perkim"),
]
DOCS = [Document(url=BASE + slug, source="sikoja-test", opd=opd, kind="service", title=title,
                 text=text) for slug, title, text, opd in PAGES]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    s = keyword_searcher(tmp_path_factory.mktemp("everyday"), DOCS)
    yield s
    s.close()


def top(searcher: Searcher, query: str) -> list[str]:
    return [r.url for r in searcher.search(query).results][:1]


# each query finds another page first, or none, without the session 11 service-name rules
# (checked by running this test with the default synonym set of 0843dda)
@pytest.mark.parametrize(("query", "slug"), [
    ("pindah dari luar kota", "pindah-datang"),  # not the letter for moving away
    ("pbb terlalu tinggi", "pbb-keberatan"),
    ("pajak warisan tanah", "bphtb"),
    ("surat susah", "sktm"),
    ("surat bersih diri", "skck"),
    ("whistle blowing", "wbs"),
    ("kebakaran rumah", "pemadaman"),
])
def test_an_everyday_name_reaches_its_service(searcher: Searcher, query: str,
                                              slug: str) -> None:
    assert top(searcher, query) == [BASE + slug]


@pytest.mark.parametrize(("query", "slug"), [
    ("surat keterangan pindah", "skpwni"),
    ("pembayaran pbb", "pbb-bayar"),
    ("balik nama sppt", "pbb-mutasi"),
    ("surat keterangan tidak mampu", "sktm"),
    ("surat keterangan domisili", "domisili"),
    ("pemasangan sambungan baru air bersih", "air-sambung"),
    ("pemadaman kebakaran", "pemadaman"),
    ("bedah rumah", "bedah-rumah"),
])
def test_the_formal_name_still_finds_its_service_first(searcher: Searcher, query: str,
                                                       slug: str) -> None:
    assert top(searcher, query) == [BASE + slug]


def _block_rules():
    text = default_text()
    block = text[text.index(BLOCK):]
    end = block.find("\n# == ", 1)  # a later session's block, if any
    return parse(block if end < 0 else block[:end], max_expansions=None)


# words a query keeps after stopword removal ("mau bikin ktp" -> "ktp", "ada ular" -> "ular")
# that are on many of the city's pages or name more than one service
COMMON = ["surat", "pajak", "izin", "ktp", "kk", "nik", "daftar", "lapor", "aplikasi",
          "online", "bantuan", "bansos", "rumah", "nikah", "sekolah", "kerja", "air", "jalan",
          "data", "informasi", "identitas", "gratis", "anak", "banjir", "api", "ular",
          "sppt", "rujukan", "tender", "pindah", "mati"]


@pytest.mark.parametrize("word", COMMON)
def test_no_everyday_name_rule_fires_on_a_common_word_alone(word: str) -> None:
    analyzer = Analyzer()
    compiled = _block_rules().compile(analyzer.index_tokens)
    assert compiled.expand(analyzer.index_tokens(word)) == []

