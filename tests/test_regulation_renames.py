"""A service searched by the name a regulation retired finds the page that names only the
service that replaced it (the session-14 block of synonyms/data/default.txt: IUJK -> NIB under
OSS, the old KUA forms "surat NA" -> pendaftaran nikah, Regsosek -> DTSEN, the BLUe card ->
uji KIR, "pajak tontonan" -> PBJT hiburan, metrologi -> tera ulang). The pages carry the
requirements and steps services.jsonl gives for Kota Jambi; none of them says the old name,
and each query's other words sit on a neighbour page, so only the rename can lead to the
right one."""

from __future__ import annotations

import pytest

from tests.corpus import keyword_searcher
from tests.test_old_names import page, top  # a service page; the slug of the first result

BPPRD = "Badan Pengelola Pajak dan Retribusi Daerah"
PAGES = [
    page("nib", "Nomor Induk Berusaha (NIB) melalui OSS-RBA",
         "Pelaku usaha membuat akun di oss.go.id, mengisi data usaha dan KBLI; NIB terbit "
         "seketika untuk usaha berisiko rendah. Persyaratan: NIK/KTP dan NPWP pelaku usaha; "
         "badan usaha melampirkan SK pengesahan akta pendirian (AHU).",
         "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
    page("nikah-kua", "Pendaftaran Nikah di KUA",
         "Calon pengantin mendaftar lewat SIMKAH atau datang ke KUA. Persyaratan: pengantar "
         "kelurahan (N1-N4), fotokopi KTP, KK dan akta kelahiran, pas foto. Gratis bila akad "
         "di KUA pada jam kerja.", "Kementerian Agama Kota Jambi"),
    page("dtks", "Pendaftaran dan Perbaikan DTKS (kini DTSEN)",
         "Usulan masuk data terpadu untuk bansos PKH, BPNT dan PBI JK: daftar ke kelurahan, "
         "musyawarah kelurahan, verifikasi dan validasi, input SIKS-NG oleh operator, "
         "penetapan Kemensos. Persyaratan: fotokopi KTP dan KK.", "Dinas Sosial"),
    page("uji-kir", "Uji Berkala Kendaraan Bermotor (Uji KIR)",
         "Mobil barang, mobil penumpang umum dan bus wajib uji berkala di UPTD PKB Kenali Asam "
         "Bawah. Persyaratan: buku atau kartu uji asli, STNK. Kendaraan yang lulus pengujian "
         "mendapat kartu uji dan tanda uji.", "Dinas Perhubungan"),
    page("pajak-hiburan", "Pajak Hiburan (PBJT Jasa Kesenian dan Hiburan)",
         "Penyelenggara konser, bioskop, karaoke dan pertunjukan mendaftar sebagai wajib pajak "
         "dan melapor setiap bulan ke BPPRD.", BPPRD),
    page("pajak-restoran", "Pajak Restoran (PBJT Makanan dan Minuman)",
         "Rumah makan, kafe dan katering mendaftar sebagai wajib pajak, memungut pajak dari "
         "pembeli dan melapor setiap bulan ke BPPRD.", BPPRD),
    page("pbb", "Pembayaran Pajak Bumi dan Bangunan (PBB-P2)",
         "Bayar PBB-P2 di bank atau lewat QRIS. Bawa SPPT tahun berjalan; tunggakan boleh "
         "dicicil.", BPPRD),
    page("tera", "Tera dan Tera Ulang Alat Ukur, Takar, Timbang (UTTP)",
         "Timbangan dan takaran pedagang diuji dalam sidang tera berkala di pasar atau di "
         "UPTD; alat yang sah diberi segel tera. Gratis, tanpa retribusi.",
         "Dinas Perindustrian dan Perdagangan"),
    # neighbours: the queries' other words, without the service
    page("domisili", "Surat Keterangan Domisili",
         "Surat keterangan domisili bagi pendatang. Persyaratan: surat pengantar RT, blangko "
         "permohonan dari kelurahan, fotokopi KTP asal.", "Kelurahan Telanaipura"),
    page("cek-pbb", "Cek Tagihan PBB Online",
         "Cek tagihan pajak bumi dan bangunan dengan memasukkan NOP di laman BPPRD.", BPPRD),
    page("truk-batu-bara", "Laporan Truk Angkutan Batu Bara",
         "Warga melaporkan truk batu bara yang masuk dalam kota lewat call center.",
         "Pemerintah Kota Jambi"),
    page("balai-latihan", "Pelatihan Kerja BALIKAT (Balai Latihan Kerja Tematik)",
         "Pelatihan keterampilan gratis bagi pencari kerja di balai latihan kerja kota.",
         "Pemerintah Kota Jambi"),
]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    s = keyword_searcher(tmp_path_factory.mktemp("renames"), PAGES)
    yield s
    s.close()


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("syarat iujk", "nib"),                   # construction licence -> NIB (OSS, PP 5/2021)
        ("blangko surat na", "nikah-kua"),        # the kelurahan's old marriage forms
        ("cek regsosek", "dtks"),                 # Regsosek merged into DTSEN (Inpres 4/2025)
        ("kartu blue truk", "uji-kir"),           # the KIR book's successor (PM 19/2021)
        ("pajak tontonan", "pajak-hiburan"),      # UU 18/1997, then PBJT (UU 1/2022)
        ("balai metrologi", "tera"),              # tera moved to the city (UU 23/2014)
        ("pajak bangunan 1 tahun", "pbb"),        # not the retired "pajak pembangunan I"
    ],
)
def test_a_name_a_regulation_retired_finds_the_service_that_replaced_it(
    searcher, query, slug
):
    assert top(searcher, query) == slug


@pytest.mark.parametrize(
    ("old", "new"),
    [("skkb", "skck"), ("jamsostek", "bpjs ketenagakerjaan"), ("sltp", "smp"),
     ("dispenda", "bpprd"), ("p2tp2a", "uptd ppa"), ("diknas", "disdik")],
)
def test_a_retired_name_leads_to_todays_but_not_back(searcher, old, new):
    """One way: the old name adds today's, today's name does not add the old one, so a
    search for the current service is not pulled towards pages about the retired one."""
    def terms(query: str) -> set[tuple[str, ...]]:
        return {t.tokens for t in searcher.analyzer.analyze_query(query).terms}

    old_tokens = tuple(searcher.analyzer.index_tokens(old))
    new_tokens = tuple(searcher.analyzer.index_tokens(new))
    assert new_tokens in terms(old)
    assert old_tokens not in terms(new)
