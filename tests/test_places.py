"""Places are not services (issue #16 part 5): "jam buka kantor X" answers with X's contact.

Crawled end to end: the bundled sample web, whose OPDs have contact pages in every template
family ("Hubungi Kami" under ?page_id=, /kontak/, index.php?p=kontak, kontak.asp, /node/3),
plus an old table-layout OPD site that has no contact page and says its address, phone and
hours only in the footer of its home page. A where/when/what-number question that names an
OPD (by abbreviation, name, Jambi Malay or English) gets that OPD's contact page first and a
contact card; a service query that names the OPD still gets the service.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from crawler.extract.contact import contact_fields, is_contact_page
from crawler.run import crawl
from indexer.build import build_index
from indexer.search import Searcher
from search_api.app import create_app
from sikoja.config import load_settings
from sikoja.documents import Document
from sikoja.sources import Source
from tests.corpus import keyword_searcher
from tests.faultserver import Page, PageSite

BANGPOL = "Badan Kesatuan Bangsa dan Politik Kota Jambi"
FOOTER = ("<table width='100%' bgcolor='#336699'><tr><td><font size='1' color='white'>"
          "<b>BADAN KESATUAN BANGSA DAN POLITIK KOTA JAMBI</b><br>"
          "Jl. Jend. Sudirman No. 5, Thehok, Kota Jambi<br>"
          "Telp. (0741) 60123 &middot; Jam layanan: Senin-Jumat 08.00-15.00 WIB<br>"
          "Copyright &copy; 2011</font></td></tr></table>")


def _old_page(title: str, body: str) -> bytes:
    menu = ("<table><tr><td><a href='/index.php'>HOME</a> | "
            "<a href='/index.php?p=layanan&id=1'>LAYANAN</a></td></tr></table>")
    return (f"<html><head><title>KESBANGPOL :: {title}</title></head><body>{menu}"
            f"<table><tr><td><font size='3'><b>{title}</b></font><br>{body}</td></tr></table>"
            f"{FOOTER}</body></html>").encode()


@pytest.fixture(scope="module")
def web(sample_crawl, tmp_path_factory):
    """The sample web (the session's crawl, copied) and an OPD site without a contact page,
    crawled into the copy and indexed with it."""
    assert sample_crawl.summary.ok, str(sample_crawl.summary)
    data_dir = sample_crawl.copy_to(tmp_path_factory.mktemp("places"))
    pages = {
        "/": Page(_old_page("Beranda", "<p>Selamat datang di situs resmi KESBANGPOL.</p>"
                                       "<p><a href='/index.php?p=layanan&id=1'>Surat Keterangan "
                                       "Terdaftar Ormas</a></p>")),
        "/index.php": Page(_old_page("Layanan", (
            "<p><b>Persyaratan:</b><br>1. Fotokopi KTP-el<br>2. Pas foto 3x4</p>"
            "<p><b>Biaya:</b> Gratis</p><p><b>Waktu Penyelesaian:</b> 15 menit</p>"))),
    }
    with PageSite(pages) as bangpol:
        kesbangpol = Source(name="kesbangpol", opd=BANGPOL, start_urls=[bangpol.url("/")],
                          use_sitemap=False)
        settings = load_settings(data_dir)
        settings.crawl.delay = 0.0
        summary = crawl([kesbangpol], settings, data_dir)
        assert summary.ok and summary.sources[0].pages == 2, str(summary)
        build_index(settings)
        searcher = Searcher(settings)
        yield settings, searcher, bangpol.url("/")
        searcher.close()


@pytest.mark.parametrize("query", [
    "jam buka kantor disdukcapil", "alamat disdukcapil", "alamat dinas kependudukan",
    "dimano kantor dukcapil", "opening hours of population office", "contact population office",
])
@pytest.mark.slow  # crawls and indexes the sample web
def test_place_questions_get_the_contact_page_and_card(web, query):
    _, searcher, _ = web
    response = searcher.search(query)
    top = response.results[0]
    assert top.opd.startswith("Dinas Kependudukan"), [r.title for r in response.results[:3]]
    # the office's contact page: its website's "Hubungi Kami", or since session 14 the
    # "Kontak" of its document corner (dokumen-dukcapil), which gives the same address and hours
    assert top.title in ("Hubungi Kami", "Kontak") and top.kind == "page"
    card = response.answer
    assert card is not None and card.kind == "contact" and card.url == top.url
    assert "08.00" in card.hours and "Basuki Rahmat" in card.address
    assert card.requirements == []


@pytest.mark.parametrize(("query", "opd"), [
    ("nomor telepon damkar", "Dinas Pemadam Kebakaran"),
    ("jam buka mpp", "Mal Pelayanan Publik"),
    ("alamat kantor camat telanaipura", "Kecamatan Telanaipura"),
    ("jam pelayanan dinas sosial", "Dinas Sosial"),
    ("where is the fire station", "Dinas Pemadam Kebakaran"),
    ("phone number of the hospital", "Rumah Sakit Umum Daerah"),
])
@pytest.mark.slow  # crawls and indexes the sample web
def test_other_opds_by_name_and_abbreviation(web, query, opd):
    _, searcher, _ = web
    response = searcher.search(query)
    assert response.results[0].opd.startswith(opd)
    assert response.answer is not None and response.answer.kind == "contact"
    assert response.answer.opd.startswith(opd)


@pytest.mark.slow  # crawls and indexes the sample web
def test_without_a_contact_page_the_home_footer_gives_the_card(web):
    _, searcher, home = web
    for query in ("jam buka kantor kesbangpol", "alamat badan kesatuan bangsa dan politik"):
        response = searcher.search(query)
        assert response.results[0].url == home
        card = response.answer
        assert card is not None and card.kind == "contact"
        assert card.hours == "Senin-Jumat 08.00-15.00 WIB"
        assert card.address == "Jl. Jend. Sudirman No. 5, Thehok, Kota Jambi"
        assert "(0741) 60123" in card.phone


@pytest.mark.parametrize(("query", "service"), [
    ("ktp disdukcapil", "KTP"), ("urus ktp di disdukcapil", "KTP"),
    ("dimana bayar pbb", "PBB"), ("where to pay property tax", "PBB"),
])
@pytest.mark.slow  # crawls and indexes the sample web
def test_a_service_query_naming_the_opd_still_gets_the_service(web, query, service):
    """A where-question about a service, or a service with its OPD's name, is no place
    question: the service leads."""
    _, searcher, _ = web
    response = searcher.search(query)
    assert response.results[0].kind == "service" and service in response.results[0].title
    assert response.answer is None or response.answer.kind == "service"


@pytest.mark.parametrize("query", ["ganti alamat ktp", "alamat dinas", "jam buka kantor kecamatan"])
@pytest.mark.slow  # crawls and indexes the sample web
def test_no_contact_card_without_one_named_opd(web, query):
    """A service that mentions an address, or a name several OPDs share (the sample web has
    several kecamatan sites): no guess."""
    _, searcher, _ = web
    answer = searcher.search(query).answer
    assert answer is None or answer.kind != "contact"


@pytest.mark.slow  # crawls and indexes the sample web
def test_app_card_names_provider_platform_and_link(web):
    _, searcher, _ = web
    response = searcher.search("aplikasi sikesal")
    card = response.answer
    assert card is not None and card.kind == "app", response.results[0].title
    assert "SiKesal" in card.title.replace("-", "") or "Kesal" in card.title
    assert card.platform and card.opd and card.url.startswith("http")


@pytest.mark.slow  # crawls and indexes the sample web
def test_api_returns_the_contact_card(web):
    settings, _, _ = web
    with TestClient(create_app(settings)) as client:
        body = client.get("/api/search", params={"q": "jam buka kantor disdukcapil"}).json()
    assert body["answer"]["kind"] == "contact"
    assert body["answer"]["hours"].startswith("Senin")
    assert body["results"][0]["url"] == body["answer"]["url"]


# -- crawl-time recognition ------------------------------------------------------------------


@pytest.mark.parametrize(("url", "headline", "expected"), [
    ("http://x/kontak/", "Kontak", True),
    ("http://x/index.php?p=kontak", "", True),
    ("http://x/kontak.asp", "", True),
    ("http://x/?page_id=189", "Hubungi Kami", True),
    ("http://x/node/3", "Contact Us", True),
    ("http://x/layanan/ktp/", "Perekaman KTP-el", False),
    ("http://x/berita/12", "Warga Diminta Menghubungi Kantor Kelurahan Soal Bansos", False),
])
def test_contact_pages_are_recognised_by_path_or_heading(url, headline, expected):
    assert is_contact_page(url, [headline]) is expected


def test_contact_fields_from_labels_and_from_a_footer():
    labelled = ("Alamat: Jl. Slamet Riyadi, Kota Jambi\nJam Pelayanan: Senin–Kamis 08.00–16.00 "
                "WIB\nKontak: Hotline/WhatsApp 0821-2121-9692\nEmail: info@pdam.example.go.id")
    assert contact_fields(labelled) == {
        "address": "Jl. Slamet Riyadi, Kota Jambi", "phone": "Hotline/WhatsApp 0821-2121-9692",
        "hours": "Senin–Kamis 08.00–16.00 WIB", "email": "info@pdam.example.go.id"}
    page = ("Berita Terbaru\nPetugas memutar balik truk di Jalan Lingkar. Warga yang melihat "
            "pelanggaran di jalan dapat melapor ke Call Center 112 kapan saja, siang dan malam.\n"
            "UPTD Pengujian Kendaraan Bermotor\nKenali Asam Bawah, Kec. Kota Baru, Kota Jambi\n"
            "Jam layanan: Senin–Kamis 08.00–16.00 WIB\nLayanan kedaruratan: Call Center 112")
    found = contact_fields(page)
    assert found["address"] == "Kenali Asam Bawah, Kec. Kota Baru, Kota Jambi"
    assert found["phone"] == "Call Center 112"
    assert contact_fields("Visi dan misi dinas untuk warga kota.") == {}


def test_a_headline_naming_a_street_is_not_the_offices_address():
    # the header names the site; a footer line says where the office is: a ticker's or a
    # headline's street after it is no address
    ticker = ("Kelurahan Sungai Putri\nKantor Kelurahan Sungai Putri, Kecamatan Telanaipura\n"
              "Telp. (0741) 123456\nSenin - Jumat 08.00 - 16.00 WIB\n"
              "Pengumuman: Penutupan Jl. Sersan Anwar Bay untuk perbaikan")
    assert contact_fields(ticker)["address"] == (
        "Kantor Kelurahan Sungai Putri, Kecamatan Telanaipura")
    # the footer names the kelurahan only, and links a headline naming a street
    footer = ("Kelurahan Sungai Putri\nTelp. (0741) 123456\nSenin - Jumat 08.00 - 16.00 WIB\n"
              "Penutupan Jl. Kapten Pattimura untuk perbaikan")
    links = frozenset({"Penutupan Jl. Kapten Pattimura untuk perbaikan"})
    assert contact_fields(footer, links)["address"] == "Kelurahan Sungai Putri"
    # a street line still comes before a nearer line that only names the site
    named = ("Kelurahan Payo Lebar\nTelp. (0741) 40213\nJl. Sultan Agung No. 12, Jelutung\n"
             "Senin - Jumat 08.00 - 16.00 WIB")
    assert contact_fields(named)["address"] == "Jl. Sultan Agung No. 12, Jelutung"
    # and a link holding the address (a map link) is read when no other line is one
    assert contact_fields("Telp. (0741) 40213\nJl. Sultan Agung No. 12", frozenset(
        {"Jl. Sultan Agung No. 12"}))["address"] == "Jl. Sultan Agung No. 12"


# Kelurahan whose one-word names are also words (indexer/places.py): named after a level
# word or "di", not wherever the word is said.
SIPIN = "http://127.0.0.1:8781/layanan/domisili"
SELAMAT = "http://127.0.0.1:8782/layanan/domisili"
TENGAH = "http://127.0.0.1:8783/layanan/domisili"
DOMISILI = ("Surat keterangan domisili bagi warga kelurahan, juga warga yang baru pindah ke "
            "kelurahan. Persyaratan: pengantar RT, KTP, KK. Biaya: gratis.")


@pytest.fixture(scope="module")
def kelurahan(tmp_path_factory):
    copies = [Document(url=url, source=f"kel-{name.replace(' ', '').casefold()}",
                       opd=f"Kelurahan {name}", kind="service", group_id=SIPIN,
                       title="Surat Keterangan Domisili", text=DOMISILI)
              for url, name in [(SIPIN, "Solok Sipin"), (SELAMAT, "Selamat"), (TENGAH, "Tengah")]]
    others = [Document(url=f"http://127.0.0.1:879{n}/berita/1", source=source, opd=opd,
                       kind="news", title=f"Berita {opd}", text=f"Kegiatan {opd} pekan ini.")
              for n, (source, opd) in enumerate([("dinsos", "Dinas Sosial"),
                                                  ("dishub", "Dinas Perhubungan"),
                                                  ("dinkes", "Dinas Kesehatan"),
                                                  ("dlh", "Dinas Lingkungan Hidup")])]
    s = keyword_searcher(tmp_path_factory.mktemp("kelurahan"), copies + others)
    yield s
    s.close()


@pytest.mark.parametrize(("query", "url"), [
    ("surat domisili kelurahan selamat", SELAMAT), ("surat domisili kel. tengah", TENGAH),
    ("urus surat domisili di selamat", SELAMAT), ("kantor lurah tengah surat domisili", TENGAH),
])
def test_a_kelurahan_named_by_a_word_is_named_after_its_level_or_di(kelurahan, query, url):
    first = kelurahan.search(query).results[0]
    assert first.url == url and SIPIN in first.also_at


@pytest.mark.parametrize("query", ["selamat pagi, mau urus surat domisili",
                                   "surat domisili untuk tinggal tengah kota"])
def test_the_word_alone_names_no_kelurahan(kelurahan, query):
    assert kelurahan._opds().said(kelurahan.analyze(query)) == frozenset()
    first = kelurahan.search(query).results[0]
    assert first.url == SIPIN  # the group's own page: no office was asked for
