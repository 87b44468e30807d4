"""An office's services asked for as a list (issue #11, item 4).

"daftar layanan dinas pemadam kebakaran" asks for the fire service's list of services: its
"Layanan" page, which plain BM25 ranks near the top. The office's service pages say its
words as often and each is a service, so they led, and the listing fell below all of them.
A query asking for one of the services is not a list asked for.
"""

from __future__ import annotations

import pytest

from sikoja.documents import Document
from tests.corpus import keyword_searcher

DAMKAR = "Dinas Pemadam Kebakaran dan Penyelamatan Kota Jambi"
BASE = "http://127.0.0.1:8713"
LISTING = f"{BASE}/layanan/"
FIRE = f"{BASE}/layanan/pemadaman-kebakaran/"


def service(slug: str, title: str, text: str) -> Document:
    return Document(
        url=f"{BASE}/layanan/{slug}/",
        source="damkar",
        opd=DAMKAR,
        kind="service",
        title=title,
        headings=["Persyaratan", "Prosedur"],
        text=text,
        fields={"procedure": ["Hubungi 113 atau 112"], "cost": "Gratis"},
    )


def other(n: int, opd: str, title: str, text: str) -> Document:
    """A service of another office: the fire service's words are on few of the web's pages,
    as on the city's web (on half of them, they would name no office)."""
    return Document(
        url=f"http://127.0.0.1:87{n:02d}/layanan/{n}",
        source=f"opd{n}",
        opd=opd,
        kind="service",
        title=title,
        text=text,
    )


def web() -> list[Document]:
    return [
        other(
            1,
            "Dinas Kependudukan dan Pencatatan Sipil Kota Jambi",
            "Penerbitan KTP-el",
            "Perekaman KTP-el bagi penduduk berusia 17 tahun. Gratis.",
        ),
        other(
            2,
            "Dinas Kependudukan dan Pencatatan Sipil Kota Jambi",
            "Akta Kelahiran",
            "Penerbitan kutipan akta kelahiran. Persyaratan surat keterangan lahir.",
        ),
        other(
            3,
            "Dinas Lingkungan Hidup Kota Jambi",
            "Pengaduan Sampah Belum Terangkut",
            "Laporkan sampah yang belum diangkut petugas ke DLH.",
        ),
        other(
            4,
            "Dinas Lingkungan Hidup Kota Jambi",
            "Retribusi Sampah",
            "Retribusi pembuangan sampah ke TPA Talang Gulo.",
        ),
        other(
            5,
            "Badan Pengelola Pajak dan Retribusi Daerah Kota Jambi",
            "Pembayaran PBB-P2",
            "Bayar pajak bumi dan bangunan di bank atau QRIS.",
        ),
        other(6, "Dinas Perhubungan Kota Jambi", "Uji KIR", "Pengujian berkala kendaraan."),
        other(7, "Dinas Sosial Kota Jambi", "Pendaftaran DTKS", "Usulan data bantuan sosial."),
        other(8, "Dinas Kesehatan Kota Jambi", "Cek Kesehatan Gratis", "Pemeriksaan gratis."),
        Document(
            url=f"{BASE}/",
            source="damkar",
            opd=DAMKAR,
            kind="page",
            title="Beranda Damkar Kota Jambi",
            text="Dinas Pemadam Kebakaran dan Penyelamatan Kota Jambi siaga 24 jam.",
            fields={"listing": True},
        ),
        Document(
            url=LISTING,
            source="damkar",
            opd=DAMKAR,
            kind="page",
            title="Layanan",
            text="Layanan Dinas Pemadam Kebakaran dan Penyelamatan Kota Jambi: "
            "Pemadaman Kebakaran, Penyelamatan dan Evakuasi Non-Kebakaran, Relawan "
            "Pemadam Kebakaran (REDKAR).",
            fields={"listing": True},
        ),
        service(
            "pemadaman-kebakaran",
            "Pemadaman Kebakaran",
            "Dinas Pemadam Kebakaran Kota Jambi memadamkan kebakaran rumah, toko dan "
            "lahan. Layanan pemadaman kebakaran gratis, siaga 24 jam.",
        ),
        service(
            "penyelamatan-evakuasi",
            "Penyelamatan dan Evakuasi Non-Kebakaran",
            "Dinas Pemadam Kebakaran Kota Jambi mengevakuasi ular, biawak dan sarang "
            "tawon. Layanan penyelamatan gratis.",
        ),
        service(
            "relawan-redkar",
            "Relawan Pemadam Kebakaran (REDKAR)",
            "Pendaftaran relawan pemadam kebakaran tingkat RT di Dinas Pemadam Kebakaran "
            "Kota Jambi. Layanan pelatihan relawan gratis.",
        ),
    ]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    searcher = keyword_searcher(tmp_path_factory.mktemp("listing-asked"), web())
    yield searcher
    searcher.close()


@pytest.mark.parametrize(
    "query",
    [
        "daftar layanan dinas pemadam kebakaran",
        "layanan dinas pemadam kebakaran kota jambi",
    ],
)
def test_the_office_services_asked_for_as_a_list_show_its_listing_first(searcher, query):
    response = searcher.search(query, explain=True)
    assert response.results[0].url == LISTING
    assert response.results[0].explain.pinned == "listing"


def test_a_service_of_the_office_asked_for_is_not_a_list(searcher):
    assert searcher.search("layanan pemadaman kebakaran").results[0].url == FIRE


# The pin's risky cases, each on a web of its own so the fire service's stays as above.

SIGNUP = "http://127.0.0.1:8790/daftar"
KEC_PLACE = "http://127.0.0.1:8791/tentang"
KEL_LISTING = "http://127.0.0.1:8792/layanan"
LISTING_2 = f"{BASE}/layanan/?page=2"


def risky_web() -> list[Document]:
    docs = [d for d in web() if d.url not in (LISTING, f"{BASE}/")]
    return [
        *docs,
        # the fire service's listing, and its second page, which says the office's words
        # more often than the first
        Document(url=LISTING, source="damkar", opd=DAMKAR, kind="page", title="Layanan",
                 text="Layanan: Pemadaman Kebakaran, Penyelamatan dan Evakuasi.",
                 fields={"listing": True}),
        Document(url=LISTING_2, source="damkar", opd=DAMKAR, kind="page", title="Layanan",
                 text="Layanan Dinas Pemadam Kebakaran dan Penyelamatan Kota Jambi, halaman 2: "
                 "Relawan Dinas Pemadam Kebakaran, edukasi Dinas Pemadam Kebakaran, layanan "
                 "Dinas Pemadam Kebakaran.", fields={"listing": True}),
        # an app's sign-up page titled "Daftar" (a listing title's word, no services list)
        Document(url=SIGNUP, source="dlh-app", opd="Dinas Lingkungan Hidup Kota Jambi",
                 kind="page", title="Daftar",
                 text="Daftar akun layanan bank sampah Dinas Lingkungan Hidup Kota Jambi."),
        # a kecamatan without a listing page, and the kelurahan of the same place with one
        Document(url=KEC_PLACE, source="kec-telanaipura", opd="Kecamatan Telanaipura",
                 kind="page", title="Tentang Kecamatan Telanaipura",
                 text="Kantor Camat Telanaipura melayani warga enam kelurahan."),
        Document(url=KEL_LISTING, source="kel-telanaipura", opd="Kelurahan Telanaipura",
                 kind="page", title="Layanan",
                 text="Layanan Kelurahan Telanaipura: SKTM, SKU, surat pindah. Layanan "
                 "Telanaipura gratis.", fields={"listing": True}),
    ]


@pytest.fixture(scope="module")
def risky(tmp_path_factory):
    searcher = keyword_searcher(tmp_path_factory.mktemp("listing-risky"), risky_web())
    yield searcher
    searcher.close()


def pinned(searcher, query: str) -> list[str]:
    return [r.url for r in searcher.search(query, explain=True).results
            if r.explain.pinned == "listing"]


def test_a_page_titled_daftar_is_no_services_listing(risky):
    """"Daftar" is a listing title's word and also "sign up": a title saying no listing
    cue ("layanan", "pelayanan") is not put first."""
    assert pinned(risky, "daftar layanan dinas lingkungan hidup") == []


def test_the_level_typed_names_the_kecamatan_not_the_kelurahan_of_its_place(risky):
    """"layanan kecamatan telanaipura" names Kecamatan Telanaipura; Kelurahan Telanaipura's
    listing is not put first for it (the kecamatan has none retrieved: nothing is)."""
    assert pinned(risky, "layanan kecamatan telanaipura") == []
    # no level typed, the place names both offices: a pin is for one office, never a choice
    assert pinned(risky, "layanan telanaipura") == []
    assert pinned(risky, "layanan kelurahan telanaipura") == [KEL_LISTING]


def test_the_listing_first_page_is_put_first_not_a_later_one(risky):
    assert pinned(risky, "daftar layanan dinas pemadam kebakaran") == [LISTING]


def test_a_listing_pinned_first_gets_no_answer_card(tmp_path):
    """A "Layanan" page stored as a service (its own sections) is still pinned as the
    office's list when the list is asked for: the citizen asked for the list, and the pin's
    +1.0 score is no lead to compute a card from."""
    docs = [
        d if d.url != LISTING else Document(
            url=LISTING, source="damkar", opd=DAMKAR, kind="service", title="Layanan",
            headings=["Persyaratan", "Prosedur"],
            text="Layanan Dinas Pemadam Kebakaran dan Penyelamatan Kota Jambi: Pemadaman "
            "Kebakaran, Penyelamatan dan Evakuasi Non-Kebakaran. Gratis, siaga 24 jam.",
            fields={"procedure": ["Hubungi 113 atau 112"], "cost": "Gratis"})
        for d in web()
    ]
    searcher = keyword_searcher(tmp_path, docs)
    try:
        response = searcher.search("daftar layanan dinas pemadam kebakaran", explain=True)
    finally:
        searcher.close()
    assert response.results[0].url == LISTING
    assert response.results[0].explain.pinned == "listing"
    assert response.answer is None
