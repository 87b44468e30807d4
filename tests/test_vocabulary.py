"""Vocabulary that grows from the pages and from citizens (issue #16, parts 1, 2 and 4).

A page that defines its own abbreviation is found by it with no synonym rule; names the
pages use for one thing reach the admin as ranked candidates with the pages as evidence,
and change no search until approved; a page that searchers of three networks dig out from
below the top three becomes a synonym or best bet suggestion.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from indexer.build import build_index
from indexer.search import Searcher
from search_api.app import create_app
from search_api.keys import create_key
from sikoja.config import load_settings
from sikoja.documents import Document
from sikoja.store import DocumentStore
from synonyms.mining import mine
from synonyms.page_names import abbreviation_for, own_names, page_names

KEL = "Kelurahan Sungai Putri"
MAKAM_URL = "http://127.0.0.1:8731/layanan/izin-makam.html"
MAKAM_NEWS_URL = "http://127.0.0.1:8731/berita/iptm-libur.html"
KJS_URL = "http://127.0.0.1:8732/layanan/kartu-jambi-sehat.html"
KJS_NEWS_URL = "http://127.0.0.1:8733/berita/program-baru.html"
PASAR_URL = "http://127.0.0.1:8734/layanan/retribusi-pasar.html"


def corpus() -> list[Document]:
    return [
        Document(
            url=MAKAM_URL, source="perkim", opd="Dinas Perumahan dan Permukiman",
            kind="service", title="Izin Pemakaian Tanah Makam",
            headings=["Izin Pemakaian Tanah Makam", "Persyaratan", "Biaya"],
            text="Izin Pemakaian Tanah Makam (IPTM) diberikan kepada ahli waris untuk "
                 "pemakaman di TPU milik Pemerintah Kota Jambi.\nPersyaratan: surat "
                 "keterangan kematian, fotokopi KTP-el ahli waris.\nBiaya sesuai Perda "
                 "(Perda No. 5 Tahun 2019). Pelayanan (gratis) untuk warga miskin.",
            fields={"requirements": ["Surat keterangan kematian", "Fotokopi KTP-el"]}),
        Document(
            url=MAKAM_NEWS_URL, source="perkim", opd="Dinas Perumahan dan Permukiman",
            kind="service", title="Jadwal Pelayanan IPTM dan Pemakaman",
            text="Loket pelayanan buka Senin sampai Jumat; selama cuti bersama tutup dan "
                 "dibuka kembali hari Senin."),
        Document(
            url=KJS_URL, source="dinkes", opd="Dinas Kesehatan", kind="service",
            title="Kartu Jambi Sehat",
            text="Pendaftaran kartu berobat gratis di puskesmas untuk warga ber-KTP Kota "
                 "Jambi. Persyaratan: KTP-el, Kartu Keluarga."),
        Document(
            url=KJS_NEWS_URL, source="diskominfo", opd="Dinas Komunikasi dan Informatika",
            kind="news", title="Warga Antusias Daftar Program Baru",
            text="Ratusan warga mendaftar program Kartu Jambi Sehat (KJS) di kantor "
                 "kelurahan pada pekan pertama."),
        Document(
            url=PASAR_URL, source="disperindag", opd="Dinas Perindustrian dan Perdagangan",
            kind="service", title="Retribusi Pelayanan Pasar",
            text="Retribusi harian pedagang pasar tradisional dibayar di loket pasar."),
    ]


@pytest.fixture()
def settings(tmp_path):
    store = DocumentStore.open(tmp_path)
    for doc in corpus():
        store.upsert(doc)
    store.close()
    settings = load_settings(tmp_path, embedder="none")
    settings.api = settings.api.model_copy(update={"rate_limit_per_minute": 10_000})
    build_index(settings)
    return settings


# -- part 1: names a page defines ------------------------------------------------------------


def test_abbreviations_are_read_from_the_words_before_them_only():
    assert abbreviation_for("SITU", "Surat Izin Tempat Usaha") == "Surat Izin Tempat Usaha"
    assert abbreviation_for("PBB", "Bayar Pajak Bumi dan Bangunan") == "Pajak Bumi dan Bangunan"
    assert abbreviation_for("REDKAR", "360 Relawan Pemadam Kebakaran") == \
        "Relawan Pemadam Kebakaran"
    assert abbreviation_for("KTP-el", "Kartu Tanda Penduduk elektronik") == \
        "Kartu Tanda Penduduk elektronik"
    # letters that cannot be read from the words before: not a definition
    for abbreviation, before in (("PDF", "Standar Pelayanan Disdukcapil Kota Jambi"),
                                 ("DPMPTSP", "Lanjut izin reklame"),
                                 ("gratis", "Pelayanan"), ("SD", "boleh manual di sekolah")):
        assert abbreviation_for(abbreviation, before) is None, abbreviation
    text = "Biaya sesuai Perda (Perda No. 5 Tahun 2019). Pelayanan (gratis) untuk warga."
    assert page_names("Retribusi", [], text) == []


def test_marked_and_former_names_and_what_is_not_a_name():
    names = {(n.name, n.full, n.how) for n in page_names(
        "Konsultasi dan Pengajuan PBG / eks IMB (Loket DPMPTSP)", ["KIA / Kartu Anak"],
        "Kartu AK/1 atau yang dikenal sebagai kartu kuning adalah tanda pencari kerja.")}
    assert ("IMB", "PBG", "former") in names
    assert ("Kartu Anak", "KIA", "alternative") in names
    assert ("kartu kuning", "AK/1", "also-called") in names
    # "dulu" as "first", a former use of a building, "terlebih dahulu": no names
    assert page_names("Ada Kebakaran, Lapor Dulu ke 112, Jangan Sibuk Bikin Video", [],
                      "Gedung MPP (eks rumah dinas DPRD Kota Jambi). Pemohon terlebih "
                      "dahulu memperbarui Kartu Keluarga.") == []
    assert page_names("Surat Pindah / Datang") == []


def test_only_names_of_the_pages_own_subject_go_to_its_index():
    def words(text):
        return {w.casefold() for w in text.split()}

    service = page_names("Surat Izin Tempat Usaha", [], "Surat Izin Tempat Usaha (SITU) ...")
    assert own_names(service, words("Surat Izin Tempat Usaha"), words) == ["SITU"]
    news = page_names("Warga Antusias Daftar Program Baru", [],
                      "Ratusan warga mendaftar program Kartu Jambi Sehat (KJS).")
    assert news and own_names(news, words("Warga Antusias Daftar Program Baru"), words) == []


def test_a_page_defined_abbreviation_finds_its_page_without_any_synonym_rule(settings):
    searcher = Searcher(settings)
    try:
        # no lexicon, abbreviation or synonym rule knows IPTM: the query is the word alone
        terms = searcher.analyze("iptm").terms
        assert [t.tokens for t in terms] == [("iptm",)]
        urls = [r.url for r in searcher.search("iptm").results]
        # the schedule has IPTM in its title; the service only defines it in its text
        assert urls[0] == MAKAM_URL and MAKAM_NEWS_URL in urls
        # the same holds with the other words citizens add
        assert searcher.search("syarat iptm").results[0].url == MAKAM_URL
    finally:
        searcher.close()


# -- part 2: mined candidates ------------------------------------------------------------------


@pytest.fixture()
def client(settings):
    with TestClient(create_app(settings)) as c:
        yield c


def _auth(settings) -> dict[str, str]:
    return {"X-API-Key": create_key(settings.data_dir, "ana-diskominfo")}


def _urls(client, q: str) -> list[str]:
    client.app.state.search.invalidate()
    return [r["url"] for r in client.get("/api/search", params={"q": q}).json()["results"]]


def test_a_mined_candidate_is_offered_with_evidence_and_changes_nothing_until_approved(
        client, settings):
    headers = _auth(settings)
    before = _urls(client, "kjs")
    assert before == [KJS_NEWS_URL]  # only the news page says KJS
    candidates = client.get("/admin/api/synonyms/candidates", headers=headers).json()
    kjs = next(c for c in candidates if c["terms"] == ["KJS", "Kartu Jambi Sehat"])
    assert kjs["kind"] == "page-name" and kjs["pages"] == 1
    assert kjs["evidence"] == [{"url": KJS_NEWS_URL, "title": "Warga Antusias Daftar Program "
                                "Baru", "opd": "Dinas Komunikasi dan Informatika"}]
    # offered, not applied: the search is what it was
    assert _urls(client, "kjs") == before
    assert client.get("/admin/api/synonyms/candidates?kind=one-slot",
                      headers=headers).json() == []

    response = client.post("/admin/api/synonyms", headers=headers,
                           json={"terms": kjs["terms"], "why": "kandidat dari halaman"})
    assert response.status_code == 201
    after = _urls(client, "kjs")
    assert KJS_URL in after and after[0] == KJS_URL
    # approved: no longer a candidate
    candidates = client.get("/admin/api/synonyms/candidates", headers=headers).json()
    assert all(c["terms"] != kjs["terms"] for c in candidates)


def test_candidates_need_an_admin_key(client):
    assert client.get("/admin/api/synonyms/candidates").status_code == 401


def test_one_slot_pairs_come_from_different_sites_naming_one_thing():
    from indexer.analysis import Analyzer

    analyzer = Analyzer()
    text = ("Pencari kerja mendaftar untuk mendapat kartu AK/1. Persyaratan: KTP-el, ijazah "
            "terakhir, pas foto, sertifikat pelatihan. Selesai satu hari kerja.")
    docs = [
        Document(url="http://a/1", source="disnaker", opd="Disnaker", kind="service",
                 title="Pendaftaran Kartu Pencari Kerja", text=text),
        Document(url="http://b/1", source="mpp", opd="MPP", kind="service",
                 title="Pembuatan Kartu Pencari Kerja", text=text + " Loket Disnaker."),
        # one site titles both: two different services, never a pair
        Document(url="http://a/2", source="disnaker", opd="Disnaker", kind="service",
                 title="Pendaftaran Pelatihan Kerja Tematik", text=text),
        Document(url="http://a/3", source="disnaker", opd="Disnaker", kind="service",
                 title="Pengaduan Pelatihan Kerja Tematik", text=text),
        # same words but a different subject: the texts do not agree
        Document(url="http://c/1", source="dishub", opd="Dishub", kind="service",
                 title="Perpanjangan Kartu Pencari Kerja",
                 text="Uji kendaraan bermotor angkutan umum setiap enam bulan di UPTD PKB."),
    ]
    found = {tuple(c.terms): c for c in mine(docs, analyzer.index_tokens, analyzer.words)
             if c.kind == "one-slot"}
    assert set(found) == {("pendaftaran", "pembuatan")}
    assert {e.url for e in found[("pendaftaran", "pembuatan")].evidence} == {
        "http://a/1", "http://b/1"}


# -- part 4: learning from clicks ----------------------------------------------------------------


def _as(client, network: int) -> TestClient:
    return TestClient(client.app, client=(f"10.0.{network}.7", 50000))


def test_a_page_clicked_below_the_top_three_by_three_networks_is_offered(client, settings):
    headers = _auth(settings)
    pasar = client.get("/api/search", params={"q": "retribusi pasar"}).json()["results"][0]
    assert pasar["url"] == PASAR_URL

    def clicked(network: int) -> None:
        visitor = _as(client, network)
        visitor.get("/api/search", params={"q": "bayar lapak"})
        visitor.post("/api/click", json={"query": "bayar lapak", "id": pasar["id"],
                                         "url": PASAR_URL, "position": 5})

    def offered() -> list[dict]:
        client.app.state.analytics.flush()
        report = client.get("/admin/api/analytics/queries", headers=headers).json()
        return report["clicked_low"]

    for network in (1, 2):
        clicked(network)
    # a click near the top is no sign of a missing word
    _as(client, 3).post("/api/click", json={"query": "bayar lapak", "id": pasar["id"],
                                            "url": PASAR_URL, "position": 2})
    assert offered() == []
    clicked(4)
    [stat] = offered()
    assert stat["query"] == "bayar lapak" and stat["visitors"] == 3
    assert stat["title"] == "Retribusi Pelayanan Pasar" and stat["avg_position"] == 5.0
    assert stat["synonym"] == ["bayar lapak", "retribusi pelayanan pasar"]
    assert stat["best_bet"] == {"query": "bayar lapak", "url": PASAR_URL}


def test_one_service_named_by_its_opd_and_by_mpp_is_a_pair_without_the_counter_name():
    from indexer.analysis import Analyzer

    analyzer = Analyzer()

    def doc(url, source, title, group=None):
        return Document(url=url, source=source, opd=source.upper(), kind="service",
                        title=title, text="Layanan di loket.", group_id=group)

    opd_url = "http://disnaker/layanan/ak1"
    docs = [
        doc(opd_url, "disnaker", "Penerbitan Kartu Pencari Kerja", opd_url),
        doc("http://mpp/ak1", "mpp", "Pembuatan Kartu Pencari Kerja (Loket Disnaker)", opd_url),
        doc("http://mpp/ktp", "mpp", "KTP-el (Loket Disdukcapil)"),
        doc("http://mpp/pbg", "mpp", "Persetujuan Bangunan Gedung (Loket DPMPTSP)"),
        doc("http://mpp/pbb", "mpp", "Bayar PBB (Loket BPPRD)"),
        # grouped with the same service, but a page about another one
        doc("http://mpp/balikat", "mpp", "Pelatihan Tematik BALIKAT (Loket Disnaker)", opd_url),
    ]
    found = [c for c in mine(docs, analyzer.index_tokens, analyzer.words)
             if c.kind == "same-service"]
    assert [c.terms for c in found] == [["Penerbitan Kartu Pencari Kerja",
                                         "Pembuatan Kartu Pencari Kerja"]]
    assert {e.url for e in found[0].evidence} == {opd_url, "http://mpp/ak1"}
