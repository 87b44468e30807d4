"""Standar Pelayanan as Word 97-2003 (.doc), Excel 97-2003 (.xls) and OpenDocument (.odt,
.ods) files.

The files are the sample site ``office19-disnaker``'s (``sikoja/demo/sites/office19-disnaker``,
written by ``tools/make_office19_site.py``: the .xls by xlwt, the ODF files by odfpy, the
.doc by the script itself): each format must give a service whose requirements a search
finds, as a .docx or .xlsx does; a damaged file a report line and nothing else lost; a file
built to be costly (a sheet repeating a row a million times, a Word file claiming two
billion characters) must be read in the time a standard is.
"""

from __future__ import annotations

import importlib
import io
import struct
import sys
import time
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from crawler.extract.office import MAX_COLUMNS, MAX_ROWS, OfficeError, extract_office, office_kind
from crawler.extract.officerows import MAX_PROPERTIES
from crawler.extract.pdf import MAX_CHARS
from sikoja.demo.server import SITES_ROOT
from tests.samplecrawl import crawl_sites, indexed

SITE = "office19-disnaker"
FILES = SITES_ROOT / SITE / "files" / "standar"
DOC, ODT = "SP-Kartu-AK1.doc", "SP-Pelatihan-Kerja.odt"
XLS = "Standar-Pelayanan-Bidang-Penempatan-2024.xls"
ODS = "Standar-Pelayanan-Hubungan-Industrial-2024.ods"
BROKEN = "Daftar-Perusahaan-Wajib-Lapor-2023.xls"


def reason(body: bytes, kind: str) -> tuple[str, str]:
    with pytest.raises(OfficeError) as caught:
        extract_office(body, kind)
    return caught.value.kind, str(caught.value)


def test_each_format_is_known_by_its_body_and_its_name_or_type():
    doc, xls = (FILES / DOC).read_bytes(), (FILES / XLS).read_bytes()
    odt, ods = (FILES / ODT).read_bytes(), (FILES / ODS).read_bytes()
    assert office_kind("application/msword", "https://x.example/unduh.php?id=3", doc) == "doc"
    assert office_kind("application/vnd.ms-excel", "https://x.example/f", xls) == "xls"
    assert office_kind("application/octet-stream", "https://x.example/SP.ODT", odt) == "odt"
    assert office_kind("application/zip", "https://x.example/daftar.ods", ods) == "ods"
    # an old Word file saved under a .docx name is read as the .doc it is, and an .odt
    # sent as a Word file as the .odt
    assert office_kind("", "https://x.example/SP.docx", doc) == "doc"
    assert office_kind("application/msword", "https://x.example/SP.doc", odt) == "odt"
    # an error page sent as an old Word file is a page
    assert office_kind("application/msword", "https://x.example/SP.doc", b"<html>") is None


def test_an_old_word_standard_gives_its_fields():
    from crawler.extract.document import pdf_document
    from crawler.standards import standard_blocks

    text = extract_office((FILES / DOC).read_bytes(), "doc")
    assert text.title == "Standar Pelayanan Kartu Tanda Pencari Kerja (AK/1)"
    # the table "No | Komponen | Uraian" row by row, across its 8-bit and UTF-16 pieces
    assert "Jangka Waktu Penyelesaian: 1 hari kerja sejak berkas lengkap" in text.text
    doc = pdf_document(text, url="https://x.example/SP.doc", http_last_modified=None,
                       source="s", opd="D", parent_url=None)
    [block] = standard_blocks(doc)
    assert block.fields["requirements"][0] == "Fotokopi KTP-el domisili Kota Jambi"
    assert len(block.fields["requirements"]) == 5
    assert block.fields["cost"] == "Tidak dipungut biaya"


def test_damaged_files_are_reported():
    for name, kind in ((DOC, "doc"), (ODT, "odt"), (XLS, "xls"), (ODS, "ods")):
        body = (FILES / name).read_bytes()
        for cut in (len(body) // 2, 600):
            found, text = reason(body[:cut], kind)
            assert found == "parse", (name, cut, text)
            assert text.startswith((f"damaged {kind.upper()}", f"unreadable {kind.upper()}"))
    assert reason(b"<html>404</html>", "doc")[1] == "damaged DOC: not an OLE2 compound file"
    # Word's "encrypted" flag in the File Information Block
    doc = bytearray((FILES / DOC).read_bytes())
    at = doc.index(bytes.fromhex("ecA5c100"))
    doc[at + 0x0B] |= 0x01  # fEncrypted: 0x0100 of the flags at 0x0A
    assert reason(bytes(doc), "doc") == ("encrypted", "encrypted DOC (password required)")
    # an ODF content.xml that is not well-formed
    assert reason(_ods("<office:spreadsheet><table:table"), "ods")[1].startswith(
        "damaged ODS: XMLSyntaxError")


def _small_xls() -> bytes:
    """A workbook of one sheet and one cell, as xlwt writes it."""
    import xlwt

    book = xlwt.Workbook()
    book.add_sheet("Data").write(0, 0, "Perusahaan")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_encrypted_or_older_file_says_so_and_a_word_file_sent_as_excel_is_read():
    xls = bytearray(_small_xls())
    # the globals' INTERFACEHDR record made a FILEPASS (a password set in Excel)
    at = xls.index(b"\xe1\x00\x02\x00")
    xls[at:at + 4] = b"\x2f\x00\x02\x00"
    assert reason(bytes(xls), "xls") == ("encrypted", "encrypted XLS (password required)")
    # an .odt saved with a password: its manifest names the encryption of its parts
    odt = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO((FILES / ODT).read_bytes())) as source, \
            zipfile.ZipFile(odt, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "META-INF/manifest.xml":
                data = data.replace(b'manifest:full-path="content.xml"',
                                    b'manifest:full-path="content.xml"><manifest:encryption-data'
                                    b' manifest:checksum="x"/></manifest:file-entry><x', 1)
            archive.writestr(info, data)
    assert reason(odt.getvalue(), "odt") == ("encrypted", "encrypted ODT (password required)")
    # Word 6.0 and Word 95 write another File Information Block (magic 0xA5DC): not damaged
    doc = bytearray((FILES / DOC).read_bytes())
    at = doc.index(bytes.fromhex("ecA5c100"))
    doc[at] = 0xDC
    assert reason(bytes(doc), "doc") == ("parse", "DOC: Word 6/95 is not read")
    # a Word file sent as application/vnd.ms-excel is read as the Word file it is
    text = extract_office((FILES / DOC).read_bytes(), "xls")
    assert "Fotokopi KTP-el domisili Kota Jambi" in text.text


def _ods(body: str) -> bytes:
    """An .ods whose ``<office:body>`` holds ``body``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"),
                         "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", (
            "<office:document-content"
            ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
            ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
            ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
            f"<office:body>{body}</office:body></office:document-content>"))
    return out.getvalue()


def test_a_cell_comment_in_a_spreadsheet_is_no_text_of_its_cell():
    # Calc keeps a cell's comment (office:annotation) inside the cell, before its text
    note = ("<office:annotation><text:p>Catatan: periksa lagi tarifnya</text:p>"
            "</office:annotation>")
    cells = "".join(f"<table:table-cell>{inner}</table:table-cell>" for inner in (
        "<text:p>Pelayanan</text:p>", "<text:p>Persyaratan</text:p>", "<text:p>Biaya</text:p>"))
    row = ("<table:table-cell><text:p>Mediasi</text:p></table:table-cell>"
           "<table:table-cell><text:p>Surat permohonan</text:p></table:table-cell>"
           f"<table:table-cell>{note}<text:p>Gratis</text:p></table:table-cell>")
    body = _ods("<office:spreadsheet><table:table>"
                f"<table:table-row>{cells}</table:table-row><table:table-row>{row}"
                "</table:table-row></table:table></office:spreadsheet>")
    text = extract_office(body, "ods").text
    assert "Gratis" in text
    assert "Catatan" not in text


def test_an_odf_meta_larger_than_its_cap_is_not_parsed():
    def with_meta(meta: str) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(_ods(SHEET))) as source, \
                zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for info in source.infolist():
                archive.writestr(info, source.read(info))
            archive.writestr("meta.xml", (
                '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
                'office:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta>'
                f"<dc:title>Daftar Layanan</dc:title>{meta}</office:meta>"
                "</office:document-meta>"))
        return out.getvalue()

    assert extract_office(with_meta(""), "ods").title == "Daftar Layanan"
    # 94 MB of empty elements took 3 GB to parse, for a title
    text = extract_office(with_meta("<a/>" * (MAX_PROPERTIES // 4)), "ods")
    assert text.title != "Daftar Layanan"  # the text's first line stands in
    assert text.text == "DAFTAR"


SHEET = ("<office:spreadsheet><table:table><table:table-row><table:table-cell><text:p>DAFTAR"
         "</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>")


def test_a_sheet_repeating_a_row_a_million_times_is_read_in_the_time_of_a_standard():
    cell = ('<table:table-cell table:number-columns-repeated="16384"><text:p>x</text:p>'
            "</table:table-cell>")
    title = "<table:table-cell><text:p>DAFTAR</text:p></table:table-cell>"
    sheet = ('<office:spreadsheet><table:table table:name="S">'
             f"<table:table-row>{title}</table:table-row>"
             f'<table:table-row table:number-rows-repeated="1000000">{cell}</table:table-row>'
             '<table:table-row table:number-rows-repeated="1048000"><table:table-cell/>'
             "</table:table-row></table:table></office:spreadsheet>")
    body = _ods(sheet)
    assert len(body) < 5_000
    start = time.monotonic()
    text = extract_office(body, "ods")
    assert time.monotonic() - start < 15
    lines = text.text.split("\n")
    assert lines[0] == "DAFTAR"
    assert len(lines) <= MAX_ROWS and len(text.text) <= MAX_CHARS
    # MAX_COLUMNS cells a row (the first read as the row's number, as a PDF table's is)
    assert MAX_COLUMNS - 1 <= lines[1].split(" ").count("x") <= MAX_COLUMNS


def test_a_word_file_claiming_billions_of_characters_is_read_as_far_as_a_pdf_is():
    # ccpText says 2**31-1 characters, and one piece of that length points into the stream
    doc = bytearray((FILES / DOC).read_bytes())
    at = doc.index(bytes.fromhex("ecA5c100"))
    doc[at + 76:at + 80] = struct.pack("<i", 2**31 - 1)
    start = time.monotonic()
    text = extract_office(bytes(doc), "doc")
    assert time.monotonic() - start < 5
    assert len(text.text) <= MAX_CHARS
    assert "Persyaratan Pelayanan" in text.text


def _with_clx(clx: bytes, ccp: int | None = None) -> bytes:
    """The sample .doc with its piece table (``Clx``, at the start of its 1Table stream,
    which the generator pads to 4,096 bytes) replaced by ``clx``."""
    doc = bytearray((FILES / DOC).read_bytes())
    fib = doc.index(bytes.fromhex("ecA5c100"))
    lcb = struct.unpack_from("<I", doc, fib + 422)[0]
    at = doc.index(b"\x02" + struct.pack("<Ii", lcb - 5, 0))
    assert len(clx) <= 4096
    doc[at:at + len(clx)] = clx
    struct.pack_into("<I", doc, fib + 422, len(clx))
    if ccp is not None:
        struct.pack_into("<i", doc, fib + 76, ccp)
    return bytes(doc)


def _clx(cps: list[int], fcs: list[int]) -> bytes:
    plc = struct.pack(f"<{len(cps)}i", *cps) + b"".join(struct.pack("<HIH", 0, fc, 0) for fc in fcs)
    return b"\x02" + struct.pack("<I", len(plc)) + plc


def test_a_piece_table_going_back_is_damage_and_the_pieces_read_no_more_than_the_text():
    text8 = 0x40000000 | (0x800 * 2)  # the 8-bit text at 0x800 of the WordDocument stream
    # 300 pieces, each the first 1,000 characters again (0, 1000, 0, 1000, ...): each was
    # capped at ccpText, not all of them (1,000 such pieces made 1.2 GB of text)
    cps = [0 if n % 2 == 0 else 1000 for n in range(301)]
    start = time.monotonic()
    assert reason(_with_clx(_clx(cps, [text8] * 300), 2**31 - 1), "doc") == (
        "parse", "damaged DOC: piece table out of order")
    assert time.monotonic() - start < 5
    # pieces going forward over the same bytes are read to ccpText, no further
    cps = [n * 1000 for n in range(301)]
    text = extract_office(_with_clx(_clx(cps, [text8] * 300), 5000), "doc")
    assert text.text.count("PEMERINTAH KOTA JAMBI") == 5


def test_field_marks_are_read_in_one_pass():
    from crawler.extract.legacy_office import _without_fields

    # a field's instruction is dropped and its result kept, nested fields too
    assert _without_fields("Lihat \x13 HYPERLINK \"x\" \x14situs\x15 ini \x13PAGE\x142\x15") == (
        "Lihat situs ini 2")
    assert _without_fields("a\x13 IF \x13PAGE\x141\x15 \x14b\x15c") == "abc"
    # 66,000 fields opened and never closed: each character looked at every open field
    # (38 s)
    start = time.monotonic()
    assert _without_fields("\x13\x14" * 66_000 + "a" * 68_000) == "a" * 68_000
    assert time.monotonic() - start < 2


@pytest.fixture(scope="module")
def office19() -> ModuleType:
    """The sample site's generator (``tools/make_office19_site.py``), for its OLE2 writer."""
    tools = str(Path(__file__).resolve().parents[1] / "tools")
    sys.path.insert(0, tools)
    try:
        return importlib.import_module("make_office19_site")
    finally:
        sys.path.remove(tools)


def _word(office19: ModuleType, blocks: list[str | list[str]], properties: bool = True,
          title: str = "") -> bytes:
    """A Word 97 file of ``blocks`` (a paragraph, or a table row: its cells), one 8-bit
    piece; with ``properties`` the paragraph properties Word writes for a table, in one
    PapxFkp page: each paragraph of a row in the table (sprmPFInTable) and the row's own
    end mark (sprmPFInTable, sprmPFTtp); with a ``title`` its SummaryInformation."""
    text, runs = "", []  # runs: (first character, character after, grpprl or b"")
    for block in blocks:
        if isinstance(block, str):
            runs.append((len(text), len(text) + len(block) + 1, b""))
            text += block + "\r"
            continue
        cells = "".join(cell.replace("\n", "\r") + "\x07" for cell in block)
        runs.append((len(text), len(text) + len(cells), b"\x16\x24\x01"))
        runs.append((len(text) + len(cells), len(text) + len(cells) + 1,
                     b"\x16\x24\x01\x17\x24\x01"))
        text += cells + "\x07"
    at = 0x800
    raw = text.encode("cp1252")
    fib = bytearray(at)
    struct.pack_into("<HHHH", fib, 0, 0xA5EC, 0x00C1, 0, 0x0421)
    struct.pack_into("<H", fib, 0x0A, 0x0200)  # the table stream is 1Table
    struct.pack_into("<H", fib, 32, 14)
    struct.pack_into("<H", fib, 62, 22)
    struct.pack_into("<i", fib, 76, len(text))  # ccpText
    struct.pack_into("<H", fib, 152, 0x5D)
    clx = _clx([0, len(text)], [0x40000000 | (at * 2)])
    stream = bytes(fib) + raw
    table = clx
    if properties:
        page = bytearray(512)
        page_number = -(-len(stream) // 512)
        crun = len(runs)
        struct.pack_into(f"<{crun + 1}I", page, 0, *[at + start for start, _, _ in runs],
                         at + len(text))
        end = 511
        for i, (_, _, grpprl) in enumerate(runs):
            if not grpprl:
                continue
            data = bytes(2) + grpprl  # the style (istd 0), then the sprms
            papx = (bytes([(len(data) + 1) // 2]) if len(data) % 2
                    else bytes([0, len(data) // 2])) + data
            end = (end - len(papx)) // 2 * 2
            page[end:end + len(papx)] = papx
            page[4 * (crun + 1) + 13 * i] = end // 2
        page[511] = crun
        bte = struct.pack("<III", at, at + len(text), page_number)
        struct.pack_into("<II", fib, 154 + 13 * 8, len(clx), len(bte))
        table += bte
        stream = bytes(fib) + raw
        stream = stream.ljust(page_number * 512, b"\0") + bytes(page)
    struct.pack_into("<II", fib, 154 + 33 * 8, 0, len(clx))
    stream = bytes(fib) + stream[at:]
    streams = {"WordDocument": stream, "1Table": table}
    if title:
        streams["\x05SummaryInformation"] = _summary(title)
    return office19._cfb(streams)


def _summary(title: str) -> bytes:
    """A SummaryInformation property set of a code page (1252) and a title ([MS-OLEPS])."""
    value = title.encode("cp1252") + b"\0"
    value += bytes(-len(value) % 4)
    properties = [(1, struct.pack("<IH2x", 2, 1252)),
                  (2, struct.pack("<II", 30, len(title) + 1) + value)]
    offsets, data = b"", b""
    for number, raw in properties:
        offsets += struct.pack("<II", number, 8 + 8 * len(properties) + len(data))
        data += raw
    section = struct.pack("<II", 8 + len(offsets) + len(data), len(properties)) + offsets + data
    summary = bytes.fromhex("e0859ff2f94f6810ab9108002b27b3d9")  # FMTID_SummaryInformation
    return (struct.pack("<HHI", 0xFFFE, 0, 0x00020006) + bytes(16) + struct.pack("<I", 1)
            + summary + struct.pack("<I", 48) + section)


MERGED = [
    "PEMERINTAH KOTA JAMBI", "STANDAR PELAYANAN KARTU AK/1",
    ["KOMPONEN STANDAR PELAYANAN"],  # a title row merged across the table's three columns
    ["No", "Komponen", "Uraian"],
    ["1.", "Persyaratan Pelayanan", "1. Fotokopi KTP-el\n2. Pas foto 3x4"],
    ["PENYAMPAIAN PELAYANAN"],  # a section row merged across
    ["2.", "Biaya/Tarif", "Tidak dipungut biaya"],
    ["3.", "Produk Pelayanan", "Kartu AK/1"],
    "", "Kepala Dinas"]
MERGED_LINES = [
    "PEMERINTAH KOTA JAMBI", "STANDAR PELAYANAN KARTU AK/1", "KOMPONEN STANDAR PELAYANAN",
    "Persyaratan Pelayanan", "1. Fotokopi KTP-el", "2. Pas foto 3x4", "PENYAMPAIAN PELAYANAN",
    "Biaya/Tarif: Tidak dipungut biaya", "Produk Pelayanan: Kartu AK/1", "", "Kepala Dinas"]


def test_a_word_table_with_merged_rows_keeps_its_fields(office19):
    # Word 2000 and later write a row of cells merged across as fewer cells: the rows' ends
    # are read from the paragraph properties (the row's end mark), whatever their width
    body = _word(office19, MERGED)
    assert extract_office(body, "doc").text.split("\n") == MERGED_LINES
    # a row's empty cell (a number merged down from the row above) is a cell, not a row's end
    rows = [*MERGED[:5], ["", "", "3. Kartu keluarga"], *MERGED[5:]]
    lines = extract_office(_word(office19, rows), "doc").text.split("\n")
    assert lines[3:7] == ["Persyaratan Pelayanan", "1. Fotokopi KTP-el", "2. Pas foto 3x4",
                          "3. Kartu keluarga"]
    # a table of one column: only its first row may be a heading row
    lines = extract_office(_word(office19, ["Syarat", ["Berkas"], ["KTP"], ["KK"]]), "doc").text
    assert lines.split("\n") == ["Syarat", "KTP", "KK"]
    # without paragraph properties (a file written as the sample site's is), one cell with
    # text then the row's mark is a row merged across
    body = _word(office19, MERGED, properties=False)
    assert extract_office(body, "doc").text.split("\n") == MERGED_LINES


def test_a_title_word_took_from_the_kop_surat_is_not_the_documents(office19):
    # Word 97-2003 fills the Title property with the first line typed: the kop surat
    lines = [*MERGED[:2], "Jl. H. Agus Salim No. 7, Telp. (0741) 583210", *MERGED[2:]]
    for title in ("PEMERINTAH KOTA JAMBI", "Pemerintah Kota Jambi"):
        text = extract_office(_word(office19, lines, title=title), "doc")
        assert text.title == "Standar Pelayanan Kartu AK/1"
    # a title of its own is kept
    text = extract_office(_word(office19, lines, title="SP Kartu Kuning"), "doc")
    assert text.title == "SP Kartu Kuning"


def test_whatever_the_reader_raises_on_a_file_is_a_damaged_file():
    body = bytearray(_small_xls())
    # the sheet's WINDOW2 record (18 bytes) made a cell comment (NOTE) of the same length:
    # its author "A" is followed by 6 bytes, not the 0 or 1 xlrd asserts (as in Apache
    # POI's 47251_1.xls), and the AssertionError escaped the crawl as a spider error
    at = body.index(b"\x3e\x02\x12\x00")
    body[at:at + 22] = struct.pack("<HH4HHB", 0x001C, 18, 0, 0, 0, 1, 1, 0) + b"A" + bytes(6)
    assert reason(bytes(body), "xls") == ("parse", "damaged XLS: AssertionError: ")


def test_a_long_workbook_is_read_to_its_row_cap():
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Data")
    for row in range(12_000):
        sheet.write(row, 0, f"Perusahaan {row}")
        sheet.write(row, 1, row)
    out = io.BytesIO()
    book.save(out)
    start = time.monotonic()
    text = extract_office(out.getvalue(), "xls")
    assert time.monotonic() - start < 15
    assert text.text.split("\n")[-1] == f"Perusahaan {MAX_ROWS - 1}: {MAX_ROWS - 1}"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    out = tmp_path_factory.mktemp("office19")
    docs, log = crawl_sites(out, (SITE,))
    with indexed(out) as searcher:
        first = next(iter(docs[SITE].values())).url
        yield docs[SITE], log, searcher, "/".join(first.split("/", 3)[:3])


@pytest.mark.slow  # crawls a served site and indexes it
@pytest.mark.parametrize(("query", "answer", "first_requirement"), [
    # .doc, absorbed into the service page that links it
    ("syarat kartu ak1 pencari kerja", "/layanan.php?hal=kartu-ak1",
     "Fotokopi KTP-el domisili Kota Jambi"),
    # .odt, likewise
    ("persyaratan pelatihan kerja berbasis kompetensi", "/layanan.php?hal=pelatihan-kerja",
     "Fotokopi KTP-el Kota Jambi"),
    # a service only the .xls lists, answered at its row
    ("syarat izin lembaga pelatihan kerja swasta", f"/files/standar/{XLS}#page=7",
     "Akta pendirian lembaga dan pengesahannya"),
    # and one only the .ods lists
    ("persyaratan mediasi perselisihan hubungan industrial", f"/files/standar/{ODS}#page=4",
     "Surat permohonan pencatatan perselisihan"),
])
def test_each_format_gives_a_service_a_search_answers(crawled, query, answer, first_requirement):
    _, _, searcher, base = crawled
    found = searcher.search(query)
    assert found.results[0].url == base + answer
    assert found.answer is not None and found.answer.requirements[0] == first_requirement


@pytest.mark.slow  # crawls a served site
def test_a_damaged_workbook_is_reported_and_nothing_else_is_lost(crawled):
    docs, log, _, _ = crawled
    errors = [(r["url"].rsplit("/", 1)[1], r["outcome"]) for r in log if r["outcome"] == "error"]
    assert errors == [(BROKEN, "error")]
    [broken] = [r for r in log if r["url"].endswith(BROKEN)]
    assert broken["reason"].startswith(("parse: damaged XLS", "parse: unreadable XLS"))
    # the files that link pages take are shown under those pages, not the Download page
    assert docs[f"/files/standar/{DOC}"].parent_url.endswith("/layanan.php?hal=kartu-ak1")
    assert docs[f"/files/standar/{ODT}"].parent_url.endswith("/layanan.php?hal=pelatihan-kerja")
    assert {"/unduhan.php", f"/files/standar/{XLS}", f"/files/standar/{ODS}"} <= set(docs)


def test_a_row_of_one_cell_is_read_a_line_a_paragraph(office19):
    # a body typed in a one-cell box (or a table of one column, a table in a cell) was one
    # row: its paragraphs ran into one line, the standard's title, and no field was found
    box = ("STANDAR PELAYANAN SURAT KETERANGAN SEHAT\nPersyaratan Pelayanan\n"
           "1. Fotokopi KTP-el\n2. Pas foto 3x4\nBiaya/Tarif\nTidak dipungut biaya")
    lines = extract_office(_word(office19, [[box], "Kepala Dinas"]), "doc").text.split("\n")
    assert lines == [*box.split("\n"), "", "Kepala Dinas"]
    # a table in a cell, its rows the cell's paragraphs, beside an empty cell (POI's
    # Bug51686.doc): its rows are not run into one line
    rows = ["Tabel", ["", "Nested table\nMore of our nested table"], "Akhir"]
    lines = extract_office(_word(office19, rows), "doc").text.split("\n")
    assert lines == ["Tabel", "Nested table", "More of our nested table", "", "Akhir"]


def test_without_paragraph_properties_a_row_ending_in_an_empty_cell_keeps_the_next_rows():
    from crawler.extract.legacy_office import _doc_lines

    # "Pengaduan | (empty)" was read as a row merged across: the rows after it lost a cell
    # each, their values read as rows' marks
    rows = [["Komponen", "Uraian"], ["Persyaratan Pelayanan", "Fotokopi KTP-el"],
            ["Pengaduan", ""], ["Biaya/Tarif", "Tidak dipungut biaya"],
            ["Produk Pelayanan", "Kartu AK/1"]]
    text = ("STANDAR PELAYANAN\r" + "".join("".join(c + "\x07" for c in r) + "\x07" for r in rows)
            + "Kepala Dinas\r")
    assert _doc_lines(text) == [
        "STANDAR PELAYANAN", "Persyaratan Pelayanan", "- Fotokopi KTP-el", "Pengaduan",
        "Biaya/Tarif: Tidak dipungut biaya", "Produk Pelayanan: Kartu AK/1", "", "Kepala Dinas"]


def test_a_word_file_sent_as_excel_says_what_is_wrong_with_it_and_memory_is_not_damage(
        monkeypatch):
    # read_doc's reasons were swallowed and xlrd's "damaged XLS" reported instead
    doc = bytearray((FILES / DOC).read_bytes())
    at = doc.index(bytes.fromhex("ecA5c100"))
    doc[at] = 0xDC
    assert reason(bytes(doc), "xls") == ("parse", "XLS: Word 6/95 is not read")
    doc = bytearray((FILES / DOC).read_bytes())
    doc[at + 0x0A + 1] |= 0x01  # the File Information Block's fEncrypted
    assert reason(bytes(doc), "xls") == ("encrypted", "encrypted XLS (password required)")
    # running out of memory is no damaged file: it is not reported as one
    import olefile
    import xlrd

    def no_memory(*_args: object, **_kwargs: object) -> None:
        raise MemoryError

    for module, name in ((olefile, "OleFileIO"), (xlrd, "open_workbook")):
        with monkeypatch.context() as patch:
            patch.setattr(module, name, no_memory)
            with pytest.raises(MemoryError):
                extract_office(_small_xls(), "xls")


class _Streams:
    """A compound file as ``legacy_office._open`` gives it, of ``streams`` (the sample
    site's writer holds no more than 64 KB)."""

    def __init__(self, streams: dict[str, bytes]) -> None:
        self.streams = streams

    def exists(self, name: str) -> bool:
        return name in self.streams

    def openstream(self, name: str) -> io.BytesIO:
        return io.BytesIO(self.streams[name])

    def get_metadata(self) -> None:
        raise OSError("no properties")

    def __enter__(self) -> _Streams:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def _paragraph_bomb(pages: int, first_fc: int) -> dict[str, bytes]:
    """A Word 97 file's streams whose bin table names ``pages`` pages of paragraph
    properties, each of 29 runs (from byte ``first_fc`` of the stream on) naming one
    property list as long as the page (over the page's own run bounds: sprmPFTtp there
    makes its paragraphs a row's end, one-byte sprms follow to the page's end)."""
    text, at = "Judul\rA\x07B\x07\x07Akhir\r", 0x800
    page = bytearray(512)
    crun = 29
    struct.pack_into(f"<{crun + 1}I", page, 0, *range(first_fc, first_fc + crun + 1))
    for i in range(crun):
        page[4 * (crun + 1) + 13 * i] = 1  # bOffset 1: the list at byte 2
    page[2:4] = b"\x00\xff"
    page[6:9] = b"\x17\x24\x01"  # after the style's number
    page[511] = crun
    fib = bytearray(at)
    struct.pack_into("<HHHH", fib, 0, 0xA5EC, 0x00C1, 0, 0x0421)
    struct.pack_into("<H", fib, 0x0A, 0x0200)
    struct.pack_into("<i", fib, 76, len(text))
    clx = _clx([0, len(text)], [0x40000000 | (at * 2)])
    first = -(-(at + len(text)) // 512)
    bte = struct.pack(f"<{pages + 1}I", *range(at, at + pages + 1))
    bte += struct.pack(f"<{pages}I", *range(first, first + pages))
    struct.pack_into("<II", fib, 154 + 13 * 8, len(clx), len(bte))
    struct.pack_into("<II", fib, 154 + 33 * 8, 0, len(clx))
    stream = (bytes(fib) + text.encode("cp1252")).ljust(first * 512, b"\0") + bytes(page) * pages
    return {"WordDocument": stream, "1Table": clx + bte}


def test_paragraph_properties_naming_the_same_long_list_over_and_over_are_read_in_time(
        monkeypatch):
    from crawler.extract import legacy_office

    # 29 runs a page each parsed a page-long property list again, on thousands of pages:
    # 38 s. Runs outside the text are not read; past MAX_PAPX_BYTES the marks alone are
    for first_fc in (0xFF000000, 0x800):
        streams = _paragraph_bomb(6000, first_fc)
        monkeypatch.setattr(legacy_office, "_open",
                            lambda _body, streams=streams: _Streams(streams))
        start = time.monotonic()
        assert legacy_office.read_doc(b"").text.split("\n")[0] == "Judul"
        assert time.monotonic() - start < 2
    # the same list on a page or on a few is read; on 6000 pages it is more than the cap
    spans = [(0x800, 0x900)]
    for pages, read in ((1, True), (6000, False)):
        streams = _paragraph_bomb(pages, 0x800)
        assert bool(legacy_office._paragraph_runs(*streams.values(), spans)) is read
