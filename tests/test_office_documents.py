"""Standar Pelayanan published as Word (.docx) and Excel (.xlsx) files (issue #11).

Real OPD sites often link the standard a service page points to as the Word file it was
typed in, and list their services in a workbook on a Download page. The files here are the
sample web's (``sikoja/demo/sites/docx-dpmptsp``, written by ``tools/make_office_site.py``
with python-docx and openpyxl): a linked Word standard must give the service page its
requirements, cost and time as a linked PDF does; a workbook of many services one service
per row; a damaged file a clear report line, and nothing else lost.
"""

from __future__ import annotations

import datetime
import io
import time
import zipfile
from dataclasses import replace

import pytest
from openpyxl.utils import get_column_letter
from scrapy import Request
from scrapy.exceptions import StopDownload
from scrapy.http import Headers

from crawler.downloadermiddlewares.contenttype import ContentTypeGateMiddleware
from crawler.extract.document import is_standard_link, pdf_document
from crawler.extract.office import (
    MAX_UNPACKED,
    OFFICE_TYPES,
    OfficeError,
    extract_office,
    office_kind,
)
from crawler.extract.officerows import MAX_PROPERTIES
from crawler.run import crawl
from crawler.settings import SIKOJA_ACCEPTED_TYPES
from crawler.standards import choose, part_documents, standard_blocks
from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.demo.server import SITES_ROOT, render_sources, serve_sample_sites
from sikoja.documents import Document
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
    # an old binary Word file named .docx is read as one (crawler.extract.legacy_office):
    # this one's compound file is broken
    assert reason((FILES / "Maklumat-Pelayanan-DPMPTSP-2023.doc").read_bytes()) == (
        "parse", "damaged DOC: not a valid compound file (ValueError)")
    ole = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(500) + "EncryptedPackage".encode("utf-16-le")
    assert reason(ole, "xlsx") == ("encrypted", "encrypted XLSX (password required)")
    assert reason(b"<html>not found</html>")[1] == "damaged DOCX: not a zip archive"
    # a zip that is no Word file, and one whose parts claim more than the cap
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert reason(empty.getvalue())[1].startswith("damaged DOCX: KeyError")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", bytes(MAX_UNPACKED + 1))
    assert len(bomb.getvalue()) < 200_000
    assert reason(bomb.getvalue()) == ("parse", "DOCX unpacks to more than 100 MB")
    # a workbook's sheets too large to be a list of services
    big = _xlsx("<sheetData>" + '<row r="1"><c r="A1"/></row>' * 400_000 + "</sheetData>")
    assert reason(big, "xlsx") == ("parse", "XLSX sheets unpack to more than 8 MB")


def _swap(body: bytes, part: str, data: bytes) -> bytes:
    """``body``, a Word or Excel file, with its ``part`` replaced by ``data``."""
    source, out = zipfile.ZipFile(io.BytesIO(body)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            archive.writestr(info.filename, data if info.filename == part
                             else source.read(info.filename))
    return out.getvalue()


def _xlsx(sheet: str) -> bytes:
    """A workbook of one sheet whose XML inside ``<worksheet>`` is ``sheet``, written as a
    program other than Excel may write it."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", (
            f'<Types xmlns="{package}/content-types">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            f'<Relationships xmlns="{package}/relationships"><Relationship Id="rId1" '
            f'Type="{rels}/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        archive.writestr("xl/workbook.xml", (
            f'<workbook xmlns="{main}" xmlns:r="{rels}"><sheets>'
            '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        archive.writestr("xl/_rels/workbook.xml.rels", (
            f'<Relationships xmlns="{package}/relationships"><Relationship Id="rId1" '
            f'Type="{rels}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'))
        archive.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{main}">{sheet}'
                                                     "</worksheet>")
    return out.getvalue()


def _cells(rows: list[list[str]]) -> str:
    return "<sheetData>" + "".join(
        f'<row r="{n}">' + "".join(
            f'<c r="{get_column_letter(col)}{n}" t="inlineStr"><is><t>{text}</t></is></c>'
            for col, text in enumerate(row, 1) if text) + "</row>"
        for n, row in enumerate(rows, 1)) + "</sheetData>"


def _docx(body: str) -> bytes:
    """A Word file whose ``<w:body>`` is ``body``."""
    from docx import Document as WordDocument

    out = io.BytesIO()
    WordDocument().save(out)
    return _swap(out.getvalue(), "word/document.xml", (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>").encode())


def test_a_part_that_is_not_well_formed_xml_is_a_damaged_file():
    # lxml's and expat's errors are no ValueError: uncaught, they ended the spider's
    # callback with no fetch_log row, and the crawl summary said 0 errors
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "Persyaratan"
    xlsx = io.BytesIO()
    book.save(xlsx)
    docx = _docx("<w:p><w:r><w:t>Persyaratan</w:t></w:r></w:p>")
    for body, kind, part, data in (
            (docx, "docx", "word/document.xml", b"<w:document><w:body>A & B"),
            (docx, "docx", "docProps/core.xml", b"<cp:coreProperties"),
            (xlsx.getvalue(), "xlsx", "xl/styles.xml", b"<styleSheet><broken"),
            (xlsx.getvalue(), "xlsx", "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row>")):
        with pytest.raises(OfficeError) as caught:
            extract_office(_swap(body, part, data), kind)
        assert caught.value.kind == "parse"
        assert str(caught.value).startswith(f"damaged {kind.upper()}: ")


def test_a_properties_part_larger_than_its_cap_is_not_parsed():
    # python-docx parses docProps/core.xml whole on opening, for the title: 94 MB of empty
    # elements took 3 GB. Past MAX_PROPERTIES the title is not read; the text is
    body = (FILES / "Standar-Pelayanan-SIPB.docx").read_bytes()
    core = zipfile.ZipFile(io.BytesIO(body)).read("docProps/core.xml")
    assert extract_office(body, "docx").title == "SP Surat Izin Praktik Bidan"
    padded = core.replace(b"</cp:coreProperties>",
                          b"<x>" + b"<a/>" * (MAX_PROPERTIES // 4) + b"</x></cp:coreProperties>")
    text = extract_office(_swap(body, "docProps/core.xml", padded), "docx")
    assert text.title != "SP Surat Izin Praktik Bidan"
    assert "Surat Izin Praktik Bidan" in text.text


def _renamed(body: bytes, part: str, name: str, data: bytes) -> bytes:
    """``body`` with its ``part`` moved to ``name`` (the package's relationships and types
    following it) and made ``data``."""
    source, out = zipfile.ZipFile(io.BytesIO(body)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = data if info.filename == part else source.read(info.filename)
            if info.filename in ("_rels/.rels", "[Content_Types].xml"):
                content = content.replace(part.encode(), name.encode())
            archive.writestr(name if info.filename == part else info.filename, content)
    return out.getvalue()


def test_every_part_the_readers_parse_on_opening_is_capped():
    from openpyxl import Workbook

    from crawler.extract.office import MAX_XML_UNPACKED, _small_parts

    body = (FILES / "Standar-Pelayanan-SIPB.docx").read_bytes()
    padding = b"<x>" + b"<a/>" * (MAX_PROPERTIES // 4) + b"</x>"
    # the core properties where _rels/.rels places them, not at docProps/core.xml
    core = zipfile.ZipFile(io.BytesIO(body)).read("docProps/core.xml")
    padded = core.replace(b"</cp:coreProperties>", padding + b"</cp:coreProperties>")
    text = extract_office(_renamed(body, "docProps/core.xml", "meta/props.xml", padded), "docx")
    assert text.title != "SP Surat Izin Praktik Bidan"
    assert "Surat Izin Praktik Bidan" in text.text
    # a large styles part (94 MB took 25 s and 3 GB) is emptied, in Word as in Excel
    book = Workbook()
    book.active["A1"] = "Persyaratan"
    xlsx = io.BytesIO()
    book.save(xlsx)
    for file, kind, part, end in ((body, "docx", "word/styles.xml", b"</w:styles>"),
                                  (xlsx.getvalue(), "xlsx", "xl/styles.xml", b"</styleSheet>")):
        styles = zipfile.ZipFile(io.BytesIO(file)).read(part)
        swapped = _swap(file, part, styles.replace(end, padding + end))
        with zipfile.ZipFile(io.BytesIO(swapped)) as archive:
            small = _small_parts(archive, swapped, kind.upper())
        emptied = zipfile.ZipFile(io.BytesIO(small)).read(part)
        assert len(emptied) < 2000 and emptied.endswith(b"/>")
        assert extract_office(swapped, kind).text
    # the document's own part past MAX_XML_UNPACKED is too large to read
    document = zipfile.ZipFile(io.BytesIO(body)).read("word/document.xml")
    padded = document.replace(b"</w:body>", b"<w:p>" + b"<a/>" * (MAX_XML_UNPACKED // 4)
                              + b"</w:p></w:body>")
    with pytest.raises(OfficeError, match="too large"):
        extract_office(_swap(body, "word/document.xml", padded), "docx")


def test_a_sheets_stated_size_is_not_trusted():
    rows = [["DAFTAR LAYANAN DINAS UJI"], ["No", "Jenis Layanan", "Persyaratan", "Biaya"],
            ["1", "Izin Usaha Mikro", "KTP", "Gratis"], ["2", "Izin Reklame", "KTP", "Gratis"]]
    # a program that wrote "A1" for the sheet's size: every row is read, not the first cell
    doc = extract_office(_xlsx('<dimension ref="A1"/>' + _cells(rows)), "xlsx")
    assert "Izin Reklame\nPersyaratan" in doc.text
    # one that wrote all 16,384 columns: read-only openpyxl padded each row to them (this
    # 1,000-row sheet took a minute and GBs; 5,000 rows, 290 s)
    many = [[f"Layanan {n}"] for n in range(1, 1001)]
    start = time.monotonic()
    doc = extract_office(_xlsx('<dimension ref="A1:XFD1000"/>' + _cells(many)), "xlsx")
    assert time.monotonic() - start < 15
    assert doc.text.split("\n")[-1] == "Layanan 1000"


def test_a_long_word_file_is_read_as_far_as_a_pdf_is():
    # 200,000 empty paragraphs hold no text but took 50 s to read; a table row of 20,000
    # cells, 22 s; one cell spanning 10 million columns was made 10 million times
    paragraph = "<w:p><w:r><w:t>Persyaratan</w:t></w:r></w:p>"
    cells = "".join(f"<w:tc><w:p><w:r><w:t>c{n}</w:t></w:r></w:p></w:tc>"
                    for n in range(20_000))
    wide = ('<w:tc><w:tcPr><w:gridSpan w:val="10000000"/></w:tcPr>'
            "<w:p><w:r><w:t>span</w:t></w:r></w:p></w:tc>")
    start = time.monotonic()
    doc = extract_office(_docx(paragraph + f"<w:tbl><w:tr>{wide}{cells}</w:tr></w:tbl>"
                               + "<w:p/>" * 200_000 + paragraph), "docx")
    assert time.monotonic() - start < 15
    assert doc.text.startswith("Persyaratan\nspan c0 c1 c2")
    assert "c48" in doc.text and "c49" not in doc.text  # MAX_COLUMNS cells a row


def test_a_workbooks_services_are_named_by_their_column_grouped_or_not():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["DAFTAR STANDAR PELAYANAN DINAS UJI"])
    sheet.append(["No", "Bidang", "Jenis Layanan", "Persyaratan", "Waktu Penyelesaian",
                  "Tanggal Berlaku"])
    sheet.append([1, "Bidang Perizinan", "Izin Usaha Mikro", "1. KTP\n2. KK", "1 hari",
                  datetime.datetime(2024, 3, 4)])
    sheet.append([2, None, "Izin Reklame", "1. KTP\n2. Desain reklame", "3 hari"])
    sheet.append([3, "Bidang Kesehatan", "Izin Praktik Bidan", "1. STR\n2. KTP", "5 hari"])
    sheet.merge_cells("B3:B4")  # the group's name merged down its services' rows
    out = io.BytesIO()
    book.save(out)
    doc = pdf_document(extract_office(out.getvalue(), "xlsx"), url="https://x.example/d.xlsx",
                       http_last_modified=None, source="s", opd="D", parent_url=None)
    parts = part_documents(doc, standard_blocks(doc), taken=set())
    # the group is no service: each row's service is named by "Jenis Layanan"
    assert [p.title for p in parts] == ["Izin Usaha Mikro", "Izin Reklame",
                                        "Izin Praktik Bidan"]
    assert parts[1].fields["requirements"] == ["KTP", "Desain reklame"]
    assert "Bidang: Bidang Perizinan" in parts[1].text  # carried down its merged rows
    assert "Bidang: Bidang Kesehatan" in parts[2].text
    assert "Tanggal Berlaku: 2024-03-04\n" in doc.text + "\n"  # a date, not midnight


def test_a_data_table_with_field_like_headers_is_no_list_of_services():
    # opening hours and a fee per facility, no requirements or procedure: data, not services
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["DATA FASILITAS KESEHATAN KOTA JAMBI 2023"])
    sheet.append(["No", "Nama Fasilitas", "Lokasi", "Waktu Pelayanan", "Biaya", "Keterangan"])
    for n, name in enumerate(("Puskesmas Olak Kemang", "Puskesmas Koni", "Puskesmas Paal V")):
        sheet.append([n + 1, name, "Jl. Koni", "Senin-Jumat 08.00-14.00", "Rp 10.000", "-"])
    out = io.BytesIO()
    book.save(out)
    doc = pdf_document(extract_office(out.getvalue(), "xlsx"), url="https://x.example/f.xlsx",
                       http_last_modified=None, source="s", opd="D", parent_url=None)
    assert standard_blocks(doc) == []
    assert "Puskesmas Koni" in doc.text


def test_a_standard_linked_as_a_workbook_is_a_linked_standard():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (["STANDAR PELAYANAN DINAS UJI 2024"], ["No", "Komponen", "Uraian"],
                [1, "Persyaratan", "1. Surat permohonan\n2. KTP"],
                [2, "Waktu Penyelesaian", "3 hari kerja"], [3, "Biaya/Tarif", "Gratis"]):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    url = "https://x.example/SP-Reklame.xlsx"
    doc = pdf_document(extract_office(out.getvalue(), "xlsx"), url=url,
                       http_last_modified=None, source="s", opd="D", parent_url=None)
    page = Document(url="https://x.example/layanan/reklame/", source="s", opd="D",
                    kind="service", title="Izin Penyelenggaraan Reklame",
                    text="Izin reklame. Standar pelayanan dapat diunduh.")
    assert is_standard_link(url, "Standar Pelayanan")
    standards = [replace(b, hinted=is_standard_link(url, "Standar Pelayanan"))
                 for b in standard_blocks(doc)]
    chosen = choose(page, standards)
    assert chosen is not None and chosen.fields["duration"] == "3 hari kerja"


def test_office_files_are_recognised_by_type_or_name_and_accepted_by_the_gate():
    assert set(OFFICE_TYPES) <= set(SIKOJA_ACCEPTED_TYPES)
    assert office_kind(next(iter(OFFICE_TYPES)), "https://x.example/a") == "docx"
    assert office_kind("application/octet-stream", "https://x.example/SP.DOCX?v=2") == "docx"
    assert office_kind("application/octet-stream", "https://x.example/daftar.xlsx") == "xlsx"
    assert office_kind("", "https://x.example/daftar.xlsx") == "xlsx"
    assert office_kind("application/msword", "https://x.example/maklumat.doc") == "doc"
    # a Word file served as an old .doc or as the zip it is: its name and its magic say so
    word = (FILES / "SP-Izin-Reklame.docx").read_bytes()
    assert office_kind("application/msword", "https://x.example/SP.docx", word) == "docx"
    assert office_kind("application/zip", "https://x.example/d.xlsx", word) == "xlsx"
    assert office_kind("application/msword", "https://x.example/SP.docx", b"<html>") is None
    assert office_kind("application/zip", "https://x.example/arsip.zip", word) is None
    # ...and the type gate lets it through by its name, a zip at another address not
    gate = ContentTypeGateMiddleware(SIKOJA_ACCEPTED_TYPES)
    headers = Headers({"Content-Type": "application/msword"})
    gate.headers_received(headers, 0, Request("https://x.example/SP.docx"))
    with pytest.raises(StopDownload):
        gate.headers_received(Headers({"Content-Type": "application/zip"}), 0,
                              Request("https://x.example/unduh.php?id=7"))
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
    # the old .doc is read too (crawler.extract.legacy_office): its compound file is broken
    assert sorted(r["url"].rsplit("/", 1)[1] for r in log if r["outcome"] == "error") == [
        "Maklumat-Pelayanan-DPMPTSP-2023.doc", "SP-Izin-Praktik-Perawat.docx"]
    # every page and every other file of the site is stored
    assert {"/", "/unduhan/", "/layanan/surat-izin-praktik-bidan/", UPLOADS + XLSX,
            UPLOADS + "Standar-Pelayanan-SIPB.docx"} <= set(docs)
