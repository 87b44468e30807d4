"""Old names as a citizen meets them: a service or agency searched by the name it had years
ago finds the page that uses only today's name (indexer/analysis/data/renamed_terms.tsv, the
"former names" section of synonyms/data/default.txt); a short old name that is also an
ordinary word or another acronym stays quiet outside the phrase that makes it one."""

from __future__ import annotations

import pytest

from sikoja.documents import Document
from tests.corpus import keyword_searcher


def page(slug: str, title: str, text: str, opd: str) -> Document:
    return Document(url=f"http://127.0.0.1:8701/layanan/{slug}.html", source="pemkot",
                    opd=opd, kind="service", title=title, text=text)


KELURAHAN = "Kelurahan Telanaipura"
BPPRD = "Badan Pengelola Pajak dan Retribusi Daerah"
DISDIK = "Dinas Pendidikan"
PAGES = [
    page("domisili", "Surat Keterangan Domisili",
         "Surat keterangan domisili bagi pendatang yang tinggal sementara di kelurahan. "
         "Persyaratan: surat pengantar RT.", KELURAHAN),
    page("ktp", "Perekaman KTP-el",
         "Perekaman kartu tanda penduduk elektronik bagi penduduk berusia 17 tahun.",
         "Dinas Kependudukan dan Pencatatan Sipil"),
    page("pbb", "Pembayaran Pajak Bumi dan Bangunan (PBB-P2)",
         "Bayar PBB-P2 di bank atau lewat QRIS. Bawa SPPT tahun berjalan.", BPPRD),
    page("pbjt-listrik", "PBJT atas Tenaga Listrik",
         "Badan Pengelola Pajak dan Retribusi Daerah (BPPRD) menerima setoran PBJT tenaga "
         "listrik yang dipungut PLN dari pelanggan.", BPPRD),
    page("spmb-smp", "SPMB SMP Negeri",
         "Sistem Penerimaan Murid Baru jenjang SMP negeri: jalur domisili, afirmasi, mutasi "
         "dan prestasi.", DISDIK),
    page("spmb-sma", "SPMB SMA dan SMK Negeri",
         "Sistem Penerimaan Murid Baru jenjang SMA dan SMK negeri, kewenangan provinsi.",
         "Dinas Pendidikan Provinsi"),
    page("pbi", "Usulan Peserta PBI JK",
         "Warga tidak mampu diusulkan menjadi peserta Penerima Bantuan Iuran Jaminan "
         "Kesehatan (PBI JK) lewat Dinas Sosial.", "Dinas Sosial"),
    page("nib", "Nomor Induk Berusaha (NIB) melalui OSS",
         "Pelaku usaha mendaftar di OSS untuk memperoleh NIB.",
         "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
    page("penelitian", "Rekomendasi Izin Penelitian",
         "Badan Kesatuan Bangsa dan Politik (Kesbangpol) menerbitkan rekomendasi penelitian "
         "bagi mahasiswa.", "Badan Kesatuan Bangsa dan Politik"),
    page("pdam-baru", "Pemasangan Sambungan Baru Air Bersih",
         "Daftar pasang baru PDAM: fotokopi KTP, denah lokasi rumah. Biaya pasang baru "
         "dibayar di kantor PDAM.", "Perumda Air Minum Tirta Mayang"),
]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    s = keyword_searcher(tmp_path_factory.mktemp("oldnames"), PAGES)
    yield s
    s.close()


def top(searcher, query: str) -> str:
    results = searcher.search(query).results
    assert results, query
    return results[0].url.rsplit("/", 1)[-1].removesuffix(".html")


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("kipem", "domisili"),                      # migrants' card -> surat domisili
        ("pajak penerangan jalan", "pbjt-listrik"), # UU HKPD 2022: now PBJT
        ("daftar smu negeri", "spmb-sma"),          # SMU is today's SMA, not the SMP
        ("askeskin", "pbi"),                        # Askeskin -> Jamkesmas -> PBI JK
        ("siujk", "nib"),                           # construction licence -> NIB
        ("dipenda", "pbjt-listrik"),                # the tax office's old name -> BPPRD
        ("kesbanglinmas", "penelitian"),            # Kesbangpol's old name
    ],
)
def test_an_old_name_finds_the_page_that_uses_only_the_new_one(searcher, query, slug):
    assert top(searcher, query) == slug


@pytest.mark.parametrize(
    ("query", "slug", "not_added"),
    [
        ("psb pdam", "pdam-baru", ("spmb",)),       # PDAM's "pasang sambungan baru"
        ("bank bsm", None, ("pip",)),               # a bank, not the old school aid
        ("yang tdi saya tanya", None, ("nib",)),    # chat shorthand for "tadi"
        ("pasang baru pdam di situ", "pdam-baru", ("nib",)),  # "there", not the SITU permit
        ("kantor pdam dari situ kemana", "pdam-baru", ("nib",)),
    ],
)
def test_a_short_old_name_that_means_something_else_does_not_fire(
    searcher, query, slug, not_added
):
    analysis = searcher.analyzer.analyze_query(query)
    assert not_added not in {t.tokens for t in analysis.terms}
    if slug is not None:
        assert top(searcher, query) == slug


def test_a_page_saying_di_situ_is_not_found_by_the_old_permit(searcher):
    """SITU (the old business permit) still reaches NIB, but a page that says "di situ"
    ("there") is not a SITU page: its words never carry the permit's name."""
    assert "situ" not in searcher.analyzer.index_tokens("Loket ada di situ, dekat parkir.")
    assert "situ" in searcher.analyzer.index_tokens("Dulu namanya SITU, sekarang NIB.")
    assert ("nib",) in {t.tokens for t in searcher.analyzer.analyze_query("urus situ").terms}
