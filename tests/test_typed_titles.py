"""The words a citizen typed before the kind extraction gave a page (issue #11, item 4).

The story: Kelurahan Kebun Handil runs a blog; its service posts are dated posts, which
extraction reads as news. A citizen types the official name and the kelurahan,
"surat keterangan usaha kelurahan kebun handil". Plain BM25 puts the kelurahan's SKU post
first; the news prior put it below the kelurahan's SKTM page (a sibling service that says
"surat keterangan" and the place, not "usaha") and another kelurahan's SKU page. The post of
the office named, titled with every other word typed, is the page asked for: the priors may
reorder near-ties only. A news headline that merely echoes a question keeps its whole prior.
"""

from __future__ import annotations

import pytest

from indexer.search import Searcher
from sikoja.documents import Document
from tests.corpus import keyword_searcher

HANDIL = "Kelurahan Kebun Handil"
SKU_POST = "http://127.0.0.1:8833/2024/04/surat-keterangan-usaha-domisili-usaha.html"
SKTM_PAGE = "http://127.0.0.1:8833/2024/01/syarat-membuat-sktm-di-kelurahan-kebun.html"
OTHER_SKU = "http://127.0.0.1:8752/artikel/persyaratan-surat-keterangan-usaha-kur"
PBB_NEWS = "http://127.0.0.1:8704/berita/bayar-pbb-kini-bisa-pakai-qris"
PBB_SERVICE = "http://127.0.0.1:8704/layanan.asp?id=1"


def web() -> list[Document]:
    return [
        Document(
            url=SKU_POST,
            source="kel-kebunhandil",
            opd=HANDIL,
            kind="news",
            title="Surat Keterangan Usaha, Domisili Usaha dan Penghasilan",
            text="Kelurahan Kebun Handil melayani tiga surat keterangan yang sering diminta "
            "pelaku usaha kecil. Surat Keterangan Usaha (SKU) untuk pengajuan KUR: "
            "pengantar RT/RW, fotokopi KTP dan KK, foto tempat usaha. Surat Keterangan "
            "Domisili Usaha: bukti sewa tempat usaha. Surat Keterangan Penghasilan untuk "
            "keringanan UKT. Semuanya gratis.",
        ),
        Document(
            url=SKTM_PAGE,
            source="kel-kebunhandil",
            opd=HANDIL,
            kind="service",
            title="Syarat Membuat SKTM di Kelurahan Kebun Handil",
            headings=["Persyaratan"],
            text="Surat Keterangan Tidak Mampu (SKTM) Kelurahan Kebun Handil untuk keringanan "
            "biaya sekolah dan berobat. Persyaratan: surat pengantar RT/RW, fotokopi KTP "
            "dan KK, surat pernyataan tidak mampu. Gratis.",
            fields={"requirements": ["Pengantar RT/RW", "Fotokopi KTP dan KK"]},
        ),
        Document(
            url=OTHER_SKU,
            source="kel-pakuanbaru",
            opd="Kelurahan Pakuan Baru",
            kind="service",
            title="Persyaratan Surat Keterangan Usaha untuk Pinjaman KUR",
            headings=["Persyaratan"],
            text="Surat Keterangan Usaha (SKU) dari Kelurahan Pakuan Baru untuk pinjaman KUR "
            "dan bantuan modal usaha. Persyaratan: pengantar RT/RW, fotokopi KTP dan KK, "
            "foto tempat usaha.",
            fields={"requirements": ["Pengantar RT/RW", "Fotokopi KTP dan KK"]},
        ),
        Document(
            url=PBB_NEWS,
            source="bpprd",
            opd="Badan Pengelola Pajak dan Retribusi Daerah",
            kind="news",
            title="Bayar PBB Kini Bisa Pakai QRIS",
            text="Warga kini bisa bayar PBB pakai QRIS dari aplikasi bank mana saja.",
        ),
        Document(
            url=PBB_SERVICE,
            source="bpprd",
            opd="Badan Pengelola Pajak dan Retribusi Daerah",
            kind="service",
            title="Pembayaran PBB-P2",
            headings=["Cara Bayar"],
            text="Pembayaran Pajak Bumi dan Bangunan (PBB-P2) bisa di bank, kantor pos, "
            "minimarket atau pakai QRIS dari aplikasi bank.",
            fields={"procedure": ["Bayar di bank, kantor pos atau pakai QRIS"]},
        ),
    ]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    searcher = keyword_searcher(tmp_path_factory.mktemp("typed-titles"), web())
    yield searcher
    searcher.close()


def first(searcher: Searcher, query: str) -> str:
    return searcher.search(query).results[0].url


@pytest.mark.parametrize(
    "query",
    [
        "surat keterangan usaha kelurahan kebun handil",  # the official name, the office named
        "sku kelurahan kebun handil",  # the name's abbreviation, read through its expansion
        "bikin surat keterangan usaha di kebun handil",  # everyday words around the name
    ],
)
def test_the_named_office_post_titled_with_the_service_comes_first(searcher, query):
    assert first(searcher, query) == SKU_POST


def test_its_priors_still_order_it_below_a_service_of_the_same_office_saying_as_much(searcher):
    """Bounded, not dropped: among the office's pages the SKTM service, titled with what was
    typed, stays ahead of the post."""
    urls = [r.url for r in searcher.search("sktm kelurahan kebun handil").results]
    assert urls[0] == SKTM_PAGE


def test_a_headline_echoing_a_question_to_no_office_keeps_its_prior(searcher):
    """No office named: "Bayar PBB Kini Bisa Pakai QRIS" says every word of the question,
    and the payment service still comes first."""
    assert first(searcher, "bayar pbb bisa pakai qris") == PBB_SERVICE


def test_explain_reports_the_bounded_prior(searcher):
    response = searcher.search("surat keterangan usaha kelurahan kebun handil", explain=True)
    top = response.results[0]
    assert top.url == SKU_POST
    assert top.explain.boosts["kind_prior"] == pytest.approx(0.9**0.75)
