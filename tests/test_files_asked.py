"""A file asked for by its format or a download word (indexer/files.py, issue #11).

On a small index of one office's site: its home, a news post announcing its standard of
service, the download page offering the workbook, a service page and another office's app.
A query naming the format or saying it wants to download gets the file or its download page;
one that names an app with "download" still gets the app, and a service query naming the
office its service.
"""

from __future__ import annotations

import pytest

from indexer.files import file_cues, file_ending
from indexer.search import Searcher
from sikoja.documents import Document
from tests.corpus import keyword_searcher

SITE = "http://127.0.0.1:8790"
HOME = f"{SITE}/"
NEWS = f"{SITE}/berita/standar-pelayanan-2024-ditetapkan/"
DOWNLOADS = f"{SITE}/unduhan/"
WORKBOOK = f"{SITE}/uploads/Daftar-Standar-Pelayanan-Disperkim-2024.xlsx"
SERVICE = f"{SITE}/layanan/rekomendasi-psu/"
APP = "http://127.0.0.1:8791/aplikasi/sirumah/"
PBG = f"{SITE}/layanan/pbg/"
OPD = "Dinas Perumahan dan Kawasan Permukiman Kota Jambi"
# another office's site: a KK service beside another service's form file
DUKCAPIL = "http://127.0.0.1:8793"
KK = f"{DUKCAPIL}/layanan/kartu-keluarga-baru/"
PBB_FORM = "http://127.0.0.1:8794/files/formulir-keberatan-pbb.pdf"
PPID = "http://127.0.0.1:8795/layanan/permohonan-informasi/"
PUBLIC_LIST = "http://127.0.0.1:8796/files/daftar-informasi-publik.pdf"
DISHUB_ADVICE = "http://127.0.0.1:8799/layanan/rekomendasi"
# an office whose download page is titled "Download"
DISKOP = "http://127.0.0.1:8797"
DISKOP_DOWNLOAD = f"{DISKOP}/download"


def doc(url: str, title: str, text: str, kind: str = "page", **extra) -> Document:
    return Document(url=url, source=url.split("/")[2], opd=OPD, kind=kind, title=title,
                    text=text, **extra)


def filler(n: int) -> Document:
    return Document(url=f"http://127.0.0.1:8792/info/{n}.html", source="127.0.0.1:8792",
                    opd="Dinas Kominfo Kota Jambi", kind="news",
                    title=f"Informasi kegiatan {n}",
                    text=f"Informasi kegiatan kantor {n} dan jam pelayanan warga.")


def corpus() -> list[Document]:
    return [
        doc(HOME, "Disperkim Kota Jambi", "Beranda Disperkim Kota Jambi. Standar pelayanan "
            "Disperkim 2024, layanan rekomendasi PSU, berita dan unduhan dokumen."),
        doc(NEWS, "Standar Pelayanan Disperkim 2024 Ditetapkan",
            "Kepala Disperkim menetapkan daftar standar pelayanan Disperkim 2024. Daftar "
            "standar pelayanan 2024 dapat diunduh dalam format excel di halaman unduhan.",
            kind="news"),
        doc(DOWNLOADS, "Unduhan", "Daftar Standar Pelayanan Disperkim 2024 (xlsx). "
            "Formulir permohonan rekomendasi.", fields={"listing": True}),
        doc(WORKBOOK, "Daftar Standar Pelayanan Disperkim 2024",
            "No Jenis Layanan Persyaratan Waktu Biaya. Rekomendasi PSU. Pengaduan rumah "
            "tidak layak huni.", kind="document", parent_url=DOWNLOADS),
        doc(SERVICE, "Rekomendasi Penyerahan PSU Perumahan",
            "Persyaratan rekomendasi penyerahan prasarana sarana dan utilitas perumahan "
            "Disperkim: surat permohonan, site plan. Standar pelayanan: 14 hari kerja.",
            kind="service"),
        Document(url=APP, source="127.0.0.1:8791", opd="Dinas Kominfo Kota Jambi",
                 kind="app", title="SiRumah",
                 text="Aplikasi SiRumah untuk pengaduan rumah tidak layak huni. Pasang dari "
                 "Play Store."),
        doc(PBG, "Persetujuan Bangunan Gedung",
            "Persetujuan bangunan gedung diajukan melalui SIMBG. Persyaratan: gambar "
            "rencana, KTP pemohon.", kind="service"),
        Document(url=f"{DUKCAPIL}/", source="127.0.0.1:8793", kind="page",
                 opd="Dinas Kependudukan dan Pencatatan Sipil Kota Jambi",
                 title="Disdukcapil Kota Jambi", text="Beranda Disdukcapil Kota Jambi."),
        Document(url=KK, source="127.0.0.1:8793", kind="service",
                 opd="Dinas Kependudukan dan Pencatatan Sipil Kota Jambi",
                 title="Penerbitan Kartu Keluarga (KK) Baru",
                 text="Persyaratan KK baru: formulir F-1.01 permohonan KK, buku nikah, surat "
                 "pengantar RT. Formulir diisi di kantor."),
        Document(url=PBB_FORM, source="127.0.0.1:8794", kind="document",
                 opd="Badan Pengelola Pajak dan Retribusi Daerah Kota Jambi",
                 title="Formulir Permohonan Keberatan PBB",
                 text="Formulir permohonan keberatan PBB. Nama wajib pajak, NOP, alasan."),
        Document(url=PPID, source="127.0.0.1:8795", kind="service", opd="PPID Kota Jambi",
                 title="Permohonan Informasi Publik",
                 text="Permohonan informasi publik: warga mengajukan permohonan informasi "
                 "publik dengan formulir permohonan informasi publik dan KTP pemohon."),
        Document(url=PUBLIC_LIST, source="127.0.0.1:8796", kind="document",
                 opd="Dinas Perhubungan Kota Jambi", title="Daftar Informasi Publik",
                 text="Dinas Perhubungan 2024: angkutan, terminal, parkir."),
        Document(url=f"{DISKOP}/", source="127.0.0.1:8797", kind="page",
                 opd="Dinas Koperasi dan Usaha Mikro Kota Jambi", title="Diskop UM Kota Jambi",
                 text="Beranda Diskop UM Kota Jambi. Pendampingan usaha mikro."),
        Document(url=f"{DISKOP}/layanan/nib", source="127.0.0.1:8797", kind="service",
                 opd="Dinas Koperasi dan Usaha Mikro Kota Jambi",
                 title="Pendampingan NIB untuk Usaha Mikro Diskop UM",
                 text="Diskop UM mendampingi pelaku usaha mikro mengurus NIB."),
        Document(url=DISKOP_DOWNLOAD, source="127.0.0.1:8797", kind="page",
                 opd="Dinas Koperasi dan Usaha Mikro Kota Jambi", title="Download",
                 text="Formulir pendataan usaha mikro (pdf). Profil koperasi.",
                 fields={"listing": True}),
        Document(url="http://127.0.0.1:8798/files/rekomendasi-teknis-drainase.pdf",
                 source="127.0.0.1:8798", kind="document",
                 opd="Dinas Pekerjaan Umum dan Penataan Ruang Kota Jambi",
                 title="Rekomendasi Teknis Saluran Drainase Kawasan Industri Tahun 2024",
                 text="Lampiran teknis saluran drainase kawasan industri: dimensi parit, "
                 "kemiringan, titik buangan, jadwal pembersihan dan pemeliharaan."),
        Document(url=DISHUB_ADVICE, source="127.0.0.1:8799", kind="service",
                 opd="Dinas Perhubungan Kota Jambi", title="Rekomendasi Dinas Perhubungan",
                 text="Rekomendasi andalalin untuk pembangunan gedung: dokumen andalalin, "
                 "gambar rencana. Rekomendasi andalalin terbit 14 hari kerja."),
        *[filler(n) for n in range(8)],
    ]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    s = keyword_searcher(tmp_path_factory.mktemp("files-asked"), corpus())
    yield s
    s.close()


def first(searcher: Searcher, query: str) -> list[str]:
    """The first result's URL and the URLs shown with it."""
    top = searcher.search(query).results[0]
    return [top.url, *top.also_at]


def test_a_format_named_gets_the_file_not_the_news_announcing_it(searcher):
    assert WORKBOOK in first(searcher, "daftar standar pelayanan disperkim 2024 excel")


def test_a_download_word_gets_the_download_page_of_the_office_named(searcher):
    assert first(searcher, "unduhan disperkim kota jambi")[0] == DOWNLOADS


def test_download_with_an_app_name_still_gets_the_app(searcher):
    assert first(searcher, "download sirumah")[0] == APP


def test_a_service_query_naming_the_office_and_a_format_still_gets_the_service(searcher):
    assert first(searcher, "syarat rekomendasi psu disperkim pdf")[0] == SERVICE


@pytest.mark.parametrize("query,url", [
    # a form of another service says only "formulir": the KK's service keeps its place
    ("formulir kk pdf", KK),
    ("form kk pdf", KK),
    ("download formulir f1.01", KK),
    # "permohonan informasi" are common words: the file saying only "publik" does not lead
    # the service saying all of them
    ("permohonan informasi publik pdf", PPID),
    ("download form permohonan informasi", PPID),
])
def test_a_service_asked_for_with_its_form_keeps_the_service(searcher, query, url):
    assert first(searcher, query)[0] == url


def test_a_file_saying_as_little_as_the_first_result_does_not_lead(searcher):
    # both say "rekomendasi" of "rekomendasi andalalin pdf", too small a share
    # for the file's format to decide between them
    assert first(searcher, "rekomendasi andalalin pdf")[0] == DISHUB_ADVICE


def test_a_file_saying_nothing_of_the_rest_of_the_query_never_leads(searcher):
    # no title says "simbg": the PBG service (its text says it) keeps its place before the
    # office's download page on the same site, which says nothing of the query either
    assert first(searcher, "download simbg")[0] == PBG


@pytest.mark.parametrize("query,url", [
    # the query's download word need not be the page's: "Unduhan" and "Download" both
    ("download formulir disperkim", DOWNLOADS),
    ("downloads disperkim", DOWNLOADS),
    ("unduhan diskop um kota jambi", DISKOP_DOWNLOAD),
    ("unduh diskop um", DISKOP_DOWNLOAD),
    ("download diskop um kota jambi", DISKOP_DOWNLOAD),
])
def test_every_download_word_finds_a_download_page_whichever_word_it_is_titled(searcher,
                                                                              query, url):
    assert first(searcher, query)[0] == url


def test_cues_and_endings():
    assert file_cues(["standar", "excel"]) == (frozenset({"xls", "xlsx", "ods"}), False)
    assert file_cues(["unduhan", "formulir"]) == (frozenset(), True)
    assert file_ending("http://a.go.id/files/SP-PBG.PDF") == "pdf"
    assert file_ending("http://a.go.id/index.php?file=x.pdf") is None
    assert file_ending("http://a.go.id/layanan/pbg.html") is None
