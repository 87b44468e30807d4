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
OPD = "Dinas Perumahan dan Kawasan Permukiman Kota Jambi"


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
                 text="Aplikasi SiRumah untuk pengaduan rumah tidak layak huni. Download di "
                 "Play Store."),
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


def test_a_service_query_naming_the_office_still_gets_the_service(searcher):
    assert first(searcher, "syarat rekomendasi psu disperkim")[0] == SERVICE


def test_cues_and_endings():
    assert file_cues(["standar", "excel"]) == (frozenset({"xls", "xlsx", "ods"}), False)
    assert file_cues(["unduhan", "formulir"]) == (frozenset(), True)
    assert file_ending("http://a.go.id/files/SP-PBG.PDF") == "pdf"
    assert file_ending("http://a.go.id/index.php?file=x.pdf") is None
    assert file_ending("http://a.go.id/layanan/pbg.html") is None
