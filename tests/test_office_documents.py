"""Standar Pelayanan published as Word (.docx) and Excel (.xlsx) files (issue #11).

Real OPD sites often link the standard a service page points to as the Word file it was
typed in, and list their services in a workbook on a Download page. The files here are the
sample web's (``sikoja/demo/sites/docx-dpmptsp``, written by ``tools/make_office_site.py``
with python-docx and openpyxl): a linked Word standard must give the service page its
requirements, cost and time as a linked PDF does; a workbook of many services one service
per row; a damaged file a clear report line, and nothing else lost.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from crawler.extract.document import pdf_document
from crawler.extract.office import OFFICE_TYPES, OfficeError, extract_office, office_kind
from crawler.run import crawl
from crawler.settings import SIKOJA_ACCEPTED_TYPES
from crawler.standards import part_documents, standard_blocks
from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.demo.server import SITES_ROOT, render_sources, serve_sample_sites
from sikoja.sources import load_sources
from sikoja.store import DocumentStore

SITE = "docx-dpmptsp"
FILES = SITES_ROOT / SITE / "wp-content" / "uploads" / "2024" / "03"
XLSX = "Daftar-Standar-Pelayanan-DPMPTSP-2024.xlsx"
UPLOADS = "/wp-content/uploads/2024/03/"


def read(name: str, url: str = "https://dpmptsp.example/sp") -> object:
    kind = name.rsplit(".", 1)[1]
    return pdf_document(extract_office((FILES / name).read_bytes(), kind), url=url,
                        http_last_modified=None, source="s", opd="DPMPTSP", parent_url=None)


def test_a_word_standard_gives_its_services_fields_as_a_pdf_does():
    # Word's automatic numbering is not in a paragraph's text: the items are numbered again
    doc = read("SP-Izin-Reklame.docx")
    assert doc.kind == "document"
    assert doc.title == "SP Izin Penyelenggaraan Reklame"  # the file's own title
    [block] = standard_blocks(doc)
    assert block.single
    assert block.fields["requirements"][0] == "Surat permohonan bermaterai"
    assert len(block.fields["requirements"]) == 8
    assert block.fields["procedure"][-1] == "Penerbitan izin penyelenggaraan reklame"
    assert block.fields["duration"] == "3 jam setelah berkas dinyatakan lengkap"
    assert block.fields["cost"].startswith("Izin tidak dipungut biaya")
    # a file without a title is named by its heading after the kop surat, not the kop
    assert read("SP-SIP-Dokter-dan-Dokter-Gigi.docx").title.startswith(
        "Standar Pelayanan Surat Izin Praktik (SIP) Dokter")


def test_a_workbook_gives_one_service_a_row_at_its_row():
    doc = read(XLSX)
    blocks = standard_blocks(doc)
    assert [b.title for b in blocks] == [
        "Nomor Induk Berusaha (NIB) melalui OSS-RBA", "Persetujuan Bangunan Gedung (PBG)",
        "Sertifikat Laik Fungsi (SLF) dan SBKBG",
        "Surat Izin Praktik (SIP) Dokter dan Dokter Gigi", "Surat Izin Praktik Bidan (SIPB)",
        "Surat Izin Praktik Perawat (SIPP)", "Izin Penyelenggaraan Reklame"]
    parts = part_documents(doc, blocks, taken=set())
    # the row each service is on: the merged title, the two-row header and the blank rows
    # are rows too
    assert [p.url.rsplit("#", 1)[1] for p in parts] == [
        f"page={row}" for row in (6, 7, 8, 10, 11, 12, 13)]
    sipp = parts[5]
    assert sipp.fields["requirements"][0] == "Fotokopi KTP-el"
    assert sipp.fields["duration"] == "5 hari kerja"
    assert sipp.fields["cost"] == "Tidak dipungut biaya"
    # the header's words are no service's; the footer below the list changes no field of
    # the last row's service
    assert "Komponen Standar" not in parts[0].text
    assert parts[-1].fields["cost"] == ("Izin tidak dipungut biaya; pajak reklame dibayar ke "
                                        "BPPRD Kota Jambi")
    assert parts[-1].fields["legal_basis"].startswith("Undang-Undang Nomor 1 Tahun 2022")


def test_a_merged_cell_is_read_once():
    from docx import Document as WordDocument

    doc = WordDocument()
    doc.add_paragraph("STANDAR PELAYANAN UJI COBA")
    table = doc.add_table(rows=4, cols=3)
    for col, text in enumerate(("No", "Komponen", "Uraian")):
        table.cell(0, col).text = text
    table.cell(1, 0).merge(table.cell(3, 0)).text = "1."  # a number centred down 3 rows
    table.cell(1, 1).text, table.cell(1, 2).text = "Persyaratan", "1. KTP-el\n2. KK"
    table.cell(2, 1).text, table.cell(2, 2).text = "Biaya", "Gratis"
    table.cell(3, 1).merge(table.cell(3, 2)).text = "Pelayanan di MPP"  # across 2 columns
    out = io.BytesIO()
    doc.save(out)
    assert extract_office(out.getvalue(), "docx").text.split("\n") == [
        "STANDAR PELAYANAN UJI COBA", "Persyaratan", "1. KTP-el", "2. KK", "Biaya: Gratis",
        "Pelayanan di MPP"]


def test_broken_old_and_encrypted_files_raise_a_reason():
    def reason(body: bytes, kind: str = "docx") -> tuple[str, str]:
        with pytest.raises(OfficeError) as caught:
            extract_office(body, kind)
        return caught.value.kind, str(caught.value)

    assert reason((FILES / "SP-Izin-Praktik-Perawat.docx").read_bytes()) == (
        "parse", "damaged DOCX: File is not a zip file")
    kind, text = reason((FILES / "Maklumat-Pelayanan-DPMPTSP-2023.doc").read_bytes())
    assert kind == "parse" and "old binary Word/Excel" in text
    ole = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(500) + "EncryptedPackage".encode("utf-16-le")
    assert reason(ole, "xlsx") == ("encrypted", "encrypted XLSX (password required)")
    assert reason(b"<html>not found</html>")[1] == "damaged DOCX: not a zip archive"
    # a zip that is no Word file, and one whose parts claim more than the cap
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert reason(empty.getvalue())[1].startswith("unreadable DOCX: KeyError")


def test_office_files_are_recognised_by_type_or_name_and_accepted_by_the_gate():
    assert set(OFFICE_TYPES) <= set(SIKOJA_ACCEPTED_TYPES)
    assert office_kind(next(iter(OFFICE_TYPES)), "https://x.example/a") == "docx"
    assert office_kind("application/octet-stream", "https://x.example/SP.DOCX?v=2") == "docx"
    assert office_kind("application/octet-stream", "https://x.example/daftar.xlsx") == "xlsx"
    assert office_kind("", "https://x.example/daftar.xlsx") == "xlsx"
    assert office_kind("application/msword", "https://x.example/maklumat.doc") is None
    # a page at a Word file's address (a CMS's attachment page, an error page) is a page
    assert office_kind("text/html", "https://x.example/SP-Reklame.docx") is None


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    out = tmp_path_factory.mktemp("office")
    with serve_sample_sites(0) as web:
        sites = [s for s in web.sites if s.name == SITE]
        (out / "sources.yaml").write_text(render_sources(web.urls, sites, catalog_site=None),
                                          encoding="utf-8")
        settings = load_settings(out, embedder="none")
        settings.crawl.delay = 0
        summary = crawl(load_sources(out / "sources.yaml"), settings, out, timeout=120)
        assert summary.ok, str(summary)
        store = DocumentStore.open(out)
        try:
            docs = {"/" + d.url.split("/", 3)[3]: d for d in store.iter_documents()}
            log = [dict(r) for r in store.query("SELECT url, outcome, reason FROM fetch_log")]
        finally:
            store.close()
        build_index(settings)
        searcher = Searcher(settings)
        try:
            yield docs, log, searcher, web.urls[SITE]
        finally:
            searcher.close()


@pytest.mark.slow  # crawls a served site and indexes it
def test_a_service_page_takes_its_word_standards_fields_onto_its_card(crawled):
    docs, _, searcher, base = crawled
    page = docs["/layanan/izin-penyelenggaraan-reklame/"]
    assert page.kind == "service"
    assert page.fields["fields_from"]["url"].endswith(UPLOADS + "SP-Izin-Reklame.docx")
    found = searcher.search("syarat izin penyelenggaraan reklame")
    assert found.results[0].url == base + "/layanan/izin-penyelenggaraan-reklame/"
    assert found.answer is not None
    assert found.answer.requirements[0] == "Surat permohonan bermaterai"
    assert found.answer.duration == "3 jam setelah berkas dinyatakan lengkap"
    assert found.answer.cost.startswith("Izin tidak dipungut biaya")
    # the Word file is shown under the page that links it, not under the Download page
    for name, slug in (("SP-Izin-Reklame.docx", "izin-penyelenggaraan-reklame"),
                       ("SP-PBG-2024.docx", "persetujuan-bangunan-gedung")):
        word = docs[UPLOADS + name]
        assert (word.kind, word.parent_url) == ("document", f"{base}/layanan/{slug}/")


@pytest.mark.slow  # crawls a served site and indexes it
def test_a_workbooks_services_without_a_page_are_answered_at_their_rows(crawled):
    docs, _, searcher, base = crawled
    parts = {u: d for u, d in docs.items() if u.startswith(UPLOADS + XLSX + "#")}
    # seven rows, four services have pages of their own that take theirs
    assert {u: d.title for u, d in parts.items()} == {
        UPLOADS + XLSX + "#page=6": "Nomor Induk Berusaha (NIB) melalui OSS-RBA",
        UPLOADS + XLSX + "#page=8": "Sertifikat Laik Fungsi (SLF) dan SBKBG",
        UPLOADS + XLSX + "#page=12": "Surat Izin Praktik Perawat (SIPP)"}
    found = searcher.search("persyaratan surat izin praktik perawat")
    assert found.results[0].url == base + UPLOADS + XLSX + "#page=12"
    assert found.answer is not None and found.answer.requirements[0] == "Fotokopi KTP-el"


@pytest.mark.slow  # crawls a served site
def test_a_damaged_word_file_is_reported_and_nothing_else_is_lost(crawled):
    docs, log, _, _ = crawled
    broken = [r for r in log if r["url"].endswith("SP-Izin-Praktik-Perawat.docx")]
    assert [(r["outcome"], r["reason"]) for r in broken] == [
        ("error", "parse: damaged DOCX: File is not a zip file")]
    assert [r["url"] for r in log if r["outcome"] == "error"] == [broken[0]["url"]]
    # every page and every other file of the site is stored; the old .doc is not fetched
    assert {"/", "/unduhan/", "/layanan/surat-izin-praktik-bidan/", UPLOADS + XLSX,
            UPLOADS + "Standar-Pelayanan-SIPB.docx"} <= set(docs)
    assert not any(u.endswith(".doc") for u in docs)
