"""Generate the sample site ``office19-disnaker``: Standar Pelayanan as old Office and ODF files.

Many OPD computers still save as "Word 97-2003" and "Excel 97-2003", and offices that moved
to LibreOffice post .odt and .ods. This site (family ``office-legacy-formats``, port offset
124) imitates a Dinas Tenaga Kerja site of a classic PHP CMS:

- the page of the Kartu Tanda Pencari Kerja (AK/1) links its standard as an old binary Word
  file (``SP-Kartu-AK1.doc``: kop surat, heading and the table "No | Komponen | Uraian");
- the page of Pelatihan Kerja links its standard as OpenDocument text (``.odt``: the same
  table, the procedure as an automatic list);
- a Download page lists an Excel 97-2003 workbook of the Bidang Penempatan's services (.xls,
  one a row: AK/1, pelatihan, izin LPK, rekomendasi paspor CPMI), an OpenDocument
  spreadsheet of the Bidang Hubungan Industrial's (.ods: mediasi, PKWT, peraturan
  perusahaan, wajib lapor, their "Bidang" merged down the rows) and a damaged .xls (an
  upload cut off);
- news, profile and contact pages.

The .xls is written with xlwt, the ODF files with odfpy (both only needed here, to write
the site again). No program here writes a Word 97 binary file: ``old_word_doc`` writes one
itself, the smallest a reader of the format needs: an OLE2 compound file holding a
``WordDocument`` stream (its File Information Block and the text) and a ``1Table`` stream
(the piece table, ``Clx``), the text in two pieces, one of 8-bit characters and one of
UTF-16, as Word writes a file edited twice; paragraphs end in ``\\r``, table cells and rows
in ``\\x07``. It carries no formatting (no styles, no character or paragraph properties).

Services that only a workbook lists are answered at ``<file>#page=N``, N the row.
It also writes the site's entry in the manifest and ``sources/sample-kota-jambi.yaml``,
judges its pages into the existing rows of the query files that judge the city's other
pages of the same service (``TWINS``: the Disnaker site ``layanan-naker``'s, offset 109, and
the other city-wide sites'; the highest grade of those a row gives), and appends the site's
own queries q1830-q1849 to ``eval/devset.tsv``. Idempotent: re-running rewrites the same bytes.

Usage: .venv/bin/python tools/make_office19_site.py
"""

# ruff: noqa: E501  (page prose keeps real pages' long lines)
from __future__ import annotations

import datetime
import html
import io
import json
import re
import struct
import zipfile
from pathlib import Path

from make_office_site import judge_query_files, own_rows, register, write_site

REPO = Path(__file__).resolve().parents[1]
NAME = "office19-disnaker"
OFFSET = 124
PORT = 8701 + OFFSET
BASE = f"http://127.0.0.1:{PORT}"
OPD = "Dinas Tenaga Kerja Kota Jambi"
ADDRESS = "Jl. H. Agus Salim No. 7, Kebun Kopi, Kota Baru, Kota Jambi 36129, Telp. (0741) 583210"
STAMP = datetime.datetime(2024, 2, 12, 10, 0, 0)
FILES = "/files/standar"
ROOT = REPO / "sikoja" / "demo" / "sites" / NAME

# -- the services ----------------------------------------------------------------------------

SERVICES = {
    "ak1": {
        "title": "Kartu Tanda Pencari Kerja (AK/1)",
        "requirements": ["Fotokopi KTP-el domisili Kota Jambi", "Pas foto 3x4 berwarna 2 lembar",
                         "Fotokopi ijazah terakhir yang dilegalisir", "Fotokopi transkrip nilai / sertifikat keahlian",
                         "Akun SIAPkerja (karirhub.kemnaker.go.id)"],
        "procedure": ["Pencari kerja mendaftar akun SIAPkerja", "Menyerahkan berkas di loket Bidang Penempatan",
                      "Verifikasi berkas oleh petugas antar kerja", "Pencetakan dan penandatanganan kartu AK/1"],
        "duration": "1 hari kerja sejak berkas lengkap",
        "cost": "Tidak dipungut biaya",
        "product": "Kartu AK/1 (kartu kuning) berlaku 2 tahun, diperbarui setiap 6 bulan",
        "legal": "Permenaker Nomor 39 Tahun 2016 tentang Penempatan Tenaga Kerja",
    },
    "pelatihan": {
        "title": "Pendaftaran Pelatihan Kerja Berbasis Kompetensi",
        "requirements": ["Fotokopi KTP-el Kota Jambi", "Usia 18 sampai 45 tahun",
                         "Pendidikan minimal SMP sederajat", "Pas foto 3x4 2 lembar",
                         "Tidak sedang bekerja atau mengikuti pelatihan lain"],
        "procedure": ["Mendaftar di loket Disnaker atau melalui SIAPkerja", "Mengikuti seleksi tertulis dan wawancara",
                      "Pengumuman peserta di papan informasi", "Pelatihan di BALIKAT selama 20 hari",
                      "Uji kompetensi dan sertifikat"],
        "duration": "Pengumuman seleksi 7 hari kerja setelah pendaftaran ditutup",
        "cost": "Gratis (dibiayai APBD Kota Jambi)",
        "product": "Sertifikat pelatihan dan sertifikat kompetensi",
        "legal": "PP Nomor 31 Tahun 2006 tentang Sistem Pelatihan Kerja Nasional",
    },
    "lpk": {
        "title": "Izin Lembaga Pelatihan Kerja (LPK) Swasta",
        "requirements": ["Akta pendirian lembaga dan pengesahannya", "NIB melalui OSS-RBA",
                         "Program pelatihan berbasis kompetensi", "Daftar instruktur dan tenaga pelatihan",
                         "Bukti kepemilikan atau sewa gedung dan sarana pelatihan"],
        "procedure": ["Pengajuan melalui OSS-RBA", "Verifikasi dan peninjauan lapangan oleh Disnaker",
                      "Penerbitan izin LPK"],
        "duration": "10 hari kerja sejak berkas lengkap",
        "cost": "Tidak dipungut biaya",
        "product": "Izin Lembaga Pelatihan Kerja",
        "legal": "Permenaker Nomor 17 Tahun 2016 tentang Tata Cara Perizinan dan Pendaftaran LPK",
    },
    "pmi": {
        "title": "Rekomendasi Paspor Calon Pekerja Migran Indonesia (CPMI)",
        "requirements": ["Fotokopi KTP-el dan Kartu Keluarga", "Kartu AK/1",
                         "Surat izin suami/istri/orang tua diketahui lurah",
                         "Surat keterangan sehat", "Perjanjian penempatan dari P3MI"],
        "procedure": ["CPMI mendaftar di Disnaker", "Verifikasi berkas dan wawancara",
                      "Penerbitan surat rekomendasi ke Kantor Imigrasi"],
        "duration": "1 hari kerja",
        "cost": "Tidak dipungut biaya",
        "product": "Surat rekomendasi pembuatan paspor CPMI",
        "legal": "Undang-Undang Nomor 18 Tahun 2017 tentang Pelindungan Pekerja Migran Indonesia",
    },
    "mediasi": {
        "title": "Mediasi Perselisihan Hubungan Industrial",
        "requirements": ["Surat permohonan pencatatan perselisihan", "Risalah perundingan bipartit yang gagal",
                         "Fotokopi KTP-el pekerja", "Bukti hubungan kerja (kontrak kerja, slip gaji)"],
        "procedure": ["Pencatatan perselisihan di Bidang Hubungan Industrial", "Penunjukan mediator",
                      "Sidang mediasi dengan para pihak", "Perjanjian bersama atau anjuran tertulis mediator"],
        "duration": "30 hari kerja sejak pelimpahan perselisihan",
        "cost": "Tidak dipungut biaya",
        "product": "Perjanjian Bersama atau Anjuran Tertulis",
        "legal": "Undang-Undang Nomor 2 Tahun 2004 tentang Penyelesaian Perselisihan Hubungan Industrial",
    },
    "pkwt": {
        "title": "Pencatatan Perjanjian Kerja Waktu Tertentu (PKWT)",
        "requirements": ["Surat permohonan pencatatan dari perusahaan", "Naskah PKWT yang ditandatangani para pihak",
                         "Daftar nama pekerja PKWT", "NIB perusahaan"],
        "procedure": ["Perusahaan mengajukan permohonan", "Pemeriksaan naskah PKWT", "Pencatatan dan bukti pencatatan"],
        "duration": "3 hari kerja",
        "cost": "Tidak dipungut biaya",
        "product": "Bukti pencatatan PKWT",
        "legal": "PP Nomor 35 Tahun 2021 tentang PKWT, Alih Daya, Waktu Kerja dan PHK",
    },
    "pp": {
        "title": "Pengesahan Peraturan Perusahaan",
        "requirements": ["Surat permohonan pengesahan", "Naskah peraturan perusahaan 3 rangkap",
                         "Bukti konsultasi dengan wakil pekerja", "Wajib lapor ketenagakerjaan yang masih berlaku"],
        "procedure": ["Perusahaan mengajukan naskah", "Pemeriksaan isi oleh pengantar kerja",
                      "Perbaikan bila ada", "Penerbitan SK pengesahan"],
        "duration": "7 hari kerja",
        "cost": "Tidak dipungut biaya",
        "product": "SK Pengesahan Peraturan Perusahaan (berlaku 2 tahun)",
        "legal": "Permenaker Nomor 28 Tahun 2014",
    },
    "wlkp": {
        "title": "Wajib Lapor Ketenagakerjaan di Perusahaan (WLKP)",
        "requirements": ["Akun WLKP online perusahaan", "Data jumlah pekerja", "NIB dan NPWP perusahaan"],
        "procedure": ["Perusahaan mengisi WLKP online di wajiblapor.kemnaker.go.id",
                      "Verifikasi oleh Disnaker", "Bukti lapor terbit"],
        "duration": "1 hari kerja",
        "cost": "Tidak dipungut biaya",
        "product": "Bukti Wajib Lapor Ketenagakerjaan",
        "legal": "Undang-Undang Nomor 7 Tahun 1981 tentang Wajib Lapor Ketenagakerjaan di Perusahaan",
    },
}
COMMON = [
    ("Penanganan Pengaduan, Saran dan Masukan", ["Kotak saran di ruang pelayanan", "SP4N-LAPOR!", "WhatsApp Disnaker 0812-7400-1981"]),
    ("Sarana dan Prasarana", ["Ruang tunggu", "Loket pelayanan", "Komputer dan jaringan internet"]),
    ("Jumlah Pelaksana", "4 orang"),
    ("Evaluasi Kinerja Pelaksana", "Survei kepuasan masyarakat setiap semester"),
]

DOC = "SP-Kartu-AK1.doc"
ODT = "SP-Pelatihan-Kerja.odt"
XLS = "Standar-Pelayanan-Bidang-Penempatan-2024.xls"
ODS = "Standar-Pelayanan-Hubungan-Industrial-2024.ods"
BROKEN = "Daftar-Perusahaan-Wajib-Lapor-2023.xls"
# (key, page slug, page title, file linked, link text)
PAGES = [("ak1", "kartu-ak1", "Kartu Tanda Pencari Kerja (AK/1)", DOC, "Standar Pelayanan Kartu AK/1 (Word)"),
         ("pelatihan", "pelatihan-kerja", "Pelatihan Kerja Berbasis Kompetensi", ODT, "Standar Pelayanan Pelatihan Kerja (ODT)")]
# the workbooks' rows: row 1-4 the title and the header in the .xls, 1-3 in the .ods
XLS_ROWS = [(5, "ak1"), (6, "pelatihan"), (7, "lpk"), (8, "pmi")]
ODS_ROWS = [(4, "mediasi"), (5, "pkwt"), (6, "pp"), (7, "wlkp")]


def page_url(key: str) -> str:
    """The URL that answers a service of this site: its page, or its row of a workbook."""
    for k, slug, *_ in PAGES:
        if k == key:
            return f"{BASE}/layanan.php?hal={slug}"
    for file, rows in ((XLS, XLS_ROWS), (ODS, ODS_ROWS)):
        for row, k in rows:
            if k == key:
                return f"{BASE}{FILES}/{file}#page={row}"
    raise KeyError(key)


def numbered(items: list[str]) -> str:
    return "\n".join(f"{n}. {item}" for n, item in enumerate(items, 1))


def standard_rows(key: str) -> list[tuple[str, str | list[str]]]:
    f = SERVICES[key]
    return [("Dasar Hukum", f["legal"]), ("Persyaratan Pelayanan", f["requirements"]),
            ("Sistem, Mekanisme dan Prosedur", f["procedure"]), ("Jangka Waktu Penyelesaian", f["duration"]),
            ("Biaya/Tarif", f["cost"]), ("Produk Pelayanan", f["product"]), *COMMON]


KOP = ["PEMERINTAH KOTA JAMBI", "DINAS TENAGA KERJA", ADDRESS]
SIGNED = ["Ditetapkan di Jambi", "pada tanggal 12 Februari 2024", "KEPALA DINAS TENAGA KERJA KOTA JAMBI",
          "", "H. SYAHRIAL, S.H., M.H."]

# -- an old binary Word file ------------------------------------------------------------------


def _cfb(streams: dict[str, bytes]) -> bytes:
    """An OLE2 compound file (version 3, 512-byte sectors) holding ``streams`` at its root,
    each padded with zeros to at least 4,096 bytes (a smaller stream would be in the mini
    stream, which this writer does not write)."""
    end, free, fat_mark = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    names = list(streams)
    datas = [streams[n].ljust(4096, b"\0") for n in names]
    datas = [d + bytes(-len(d) % 512) for d in datas]
    fat: list[int] = [fat_mark, end]  # sector 0: the FAT, sector 1: the directory
    starts = []
    for data in datas:
        count = len(data) // 512
        start = len(fat)
        starts.append(start)
        fat += [start + n + 1 for n in range(count - 1)] + [end]
    assert len(fat) <= 128, "one FAT sector"
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, left: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1)
                + struct.pack("<III", left, free, child) + bytes(16 + 4 + 16)
                + struct.pack("<IQ", start, size))

    # the root's children as a tree: the directory orders names by length, then upper case
    order = sorted(range(len(names)), key=lambda i: (len(names[i]), names[i].upper()))
    directory = entry("Root Entry", 5, order[-1] + 1, free, end, 0)
    for i, name in enumerate(names):
        below = order.index(i)
        left = order[below - 1] + 1 if below > 0 else free
        directory += entry(name, 2, free, left, starts[i], max(len(streams[name]), 4096))
    directory = directory.ljust(512, b"\0")
    header = (bytes.fromhex("d0cf11e0a1b11ae1") + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + bytes(6) + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    return header + struct.pack("<128I", *fat) + directory + b"".join(datas)


def doc_text(key: str) -> str:
    """A one-service standard as Word 97 stores its text: paragraphs end in \\r, a table
    cell in \\x07 (its paragraphs in \\r), a table row in one more \\x07."""
    f = SERVICES[key]
    paras = [*KOP, "", f"STANDAR PELAYANAN {f['title'].upper()}",
             "Berdasarkan Peraturan Menteri PANRB Nomor 15 Tahun 2014"]
    text = "".join(p + "\r" for p in paras)
    rows = [("No", "Komponen", "Uraian")] + [(f"{n}.", label, numbered(v) if isinstance(v, list) else v)
                                             for n, (label, v) in enumerate(standard_rows(key), 1)]
    for row in rows:
        text += "".join(cell.replace("\n", "\r") + "\x07" for cell in row) + "\x07"
    return text + "".join(p + "\r" for p in ["", *SIGNED])


def old_word_doc(key: str) -> bytes:
    """A Word 97-2003 file of ``doc_text(key)``: see the module's docstring."""
    text = doc_text(key)
    cut = len(text) // 2  # piece 1: 8-bit (cp1252), piece 2: UTF-16
    first, second = text[:cut].encode("cp1252"), text[cut:].encode("utf-16-le")
    at = 0x800
    fib = bytearray(at)
    struct.pack_into("<HHHH", fib, 0, 0xA5EC, 0x00C1, 0, 0x0421)  # wIdent, nFib, unused, lid (id-ID)
    struct.pack_into("<H", fib, 0x0A, 0x0200)  # fWhichTblStm: the table stream is 1Table
    struct.pack_into("<H", fib, 0x0C, 0x00BF)  # nFibBack
    struct.pack_into("<H", fib, 32, 14)  # csw
    struct.pack_into("<H", fib, 62, 22)  # cslw
    body = bytes(fib) + first + second
    struct.pack_into("<I", fib, 64, len(body))  # cbMac
    struct.pack_into("<I", fib, 76, len(text))  # ccpText
    struct.pack_into("<H", fib, 152, 0x5D)  # cbRgFcLcb
    pieces = [(0, cut, 0x40000000 | (at * 2)), (cut, len(text), at + len(first))]
    plc = b"".join(struct.pack("<i", cp) for cp in [0, cut, len(text)])
    plc += b"".join(struct.pack("<HiH", 0, fc, 0) for _s, _e, fc in pieces)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    struct.pack_into("<II", fib, 154 + 33 * 8, 0, len(clx))  # fcClx, lcbClx
    return _cfb({"WordDocument": bytes(fib) + first + second, "1Table": clx})


# -- ODF and Excel 97 files -------------------------------------------------------------------


def fixed_zip(data: bytes) -> bytes:
    """An ODF package written again with fixed timestamps ("mimetype" first, stored)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=STAMP.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            part = src.read(info.filename)
            if info.filename == "meta.xml":
                part = re.sub(rb"<meta:(creation-date|generator)>[^<]*", rb"<meta:\1>", part)
                part = re.sub(rb"<dc:date>[^<]*", b"<dc:date>" + STAMP.isoformat().encode(), part)
            dst.writestr(fixed, part)
    return out.getvalue()


def standard_odt(key: str) -> bytes:
    """A one-service standard saved by LibreOffice Writer: the table, the procedure as an
    automatic numbered list inside its cell."""
    from odf import dc
    from odf.opendocument import OpenDocumentText
    from odf.style import ListLevelProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, List, ListItem, ListLevelStyleNumber, ListStyle, P

    f = SERVICES[key]
    doc = OpenDocumentText()
    doc.meta.addElement(dc.Title(text=f"Standar Pelayanan {f['title']}"))
    numbers = ListStyle(name="Numbering_1")
    level = ListLevelStyleNumber(level=1, numformat="1", numsuffix=".")
    level.addElement(ListLevelProperties())
    numbers.addElement(level)
    doc.automaticstyles.addElement(numbers)
    for line in KOP:
        doc.text.addElement(P(text=line))
    doc.text.addElement(H(outlinelevel=1, text=f"STANDAR PELAYANAN {f['title'].upper()}"))
    table = Table(name="Standar")
    table.addElement(TableColumn(numbercolumnsrepeated=3))
    rows = [("No", "Komponen", "Uraian")] + [(f"{n}.", label, value)
                                             for n, (label, value) in enumerate(standard_rows(key), 1)]
    for cells in rows:
        row = TableRow()
        for value in cells:
            cell = TableCell(valuetype="string")
            if isinstance(value, list) and cells[1] == "Sistem, Mekanisme dan Prosedur":
                items = List(stylename=numbers)
                for item in value:
                    li = ListItem()
                    li.addElement(P(text=item))
                    items.addElement(li)
                cell.addElement(items)
            elif isinstance(value, list):
                for item_n, item in enumerate(value, 1):
                    cell.addElement(P(text=f"{item_n}. {item}"))
            else:
                cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    doc.text.addElement(table)
    for line in SIGNED:
        doc.text.addElement(P(text=line))
    out = io.BytesIO()
    doc.save(out)
    return fixed_zip(out.getvalue())


HEAD = ["No", "Jenis Pelayanan", "Persyaratan", "Sistem, Mekanisme dan Prosedur", "Jangka Waktu Penyelesaian",
        "Biaya/Tarif", "Produk Pelayanan", "Dasar Hukum"]


def service_cells(number: int, key: str) -> list[str | int]:
    f = SERVICES[key]
    return [number, f["title"], numbered(f["requirements"]), numbered(f["procedure"]), f["duration"],
            f["cost"], f["product"], f["legal"]]


def standards_xls() -> bytes:
    """The Bidang Penempatan's standards as an Excel 97-2003 workbook, one service a row."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("SP 2024")
    bold = xlwt.easyxf("font: bold on; align: horiz center")
    wrap = xlwt.easyxf("align: wrap on, vert top")
    sheet.write_merge(0, 0, 0, 7, "STANDAR PELAYANAN BIDANG PENEMPATAN DAN PELATIHAN TENAGA KERJA", bold)
    sheet.write_merge(1, 1, 0, 7, "DINAS TENAGA KERJA KOTA JAMBI TAHUN 2024", bold)
    for col, text in enumerate(HEAD):
        sheet.write(3, col, text, bold)
    for number, (row, key) in enumerate(XLS_ROWS, 1):
        for col, value in enumerate(service_cells(number, key)):
            sheet.write(row - 1, col, value, wrap)
    sheet.write(9, 0, "Pelayanan Senin-Jumat 08.00-15.00 WIB di kantor Dinas Tenaga Kerja Kota Jambi.")
    notes = book.add_sheet("Keterangan")
    notes.write(0, 0, "Ditetapkan dengan Keputusan Kepala Dinas Tenaga Kerja Kota Jambi Nomor 560/112/Disnaker/2024.")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def standards_ods() -> bytes:
    """The Bidang Hubungan Industrial's standards as a LibreOffice Calc sheet: "Bidang"
    merged down its services' rows, one service a row."""
    from odf import dc
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    doc.meta.addElement(dc.Title(text="Standar Pelayanan Bidang Hubungan Industrial 2024"))
    table = Table(name="Hubungan Industrial")

    def row(values: list, spans: dict[int, int] | None = None, covered: set[int] | None = None) -> TableRow:
        out = TableRow()
        for col, value in enumerate(values):
            if covered and col in covered:
                out.addElement(CoveredTableCell())
                continue
            if value is None or value == "":
                out.addElement(TableCell())
                continue
            numeric = isinstance(value, int)
            cell = TableCell(valuetype="float", value=value) if numeric else TableCell(valuetype="string")
            if spans and col in spans:
                cell.setAttribute("numberrowsspanned", spans[col])
            for line in str(value).split("\n"):
                cell.addElement(P(text=line))
            out.addElement(cell)
        return out

    table.addElement(row(["STANDAR PELAYANAN BIDANG HUBUNGAN INDUSTRIAL DAN JAMINAN SOSIAL TENAGA KERJA"]))
    table.addElement(row([]))
    table.addElement(row(["No", "Bidang", *HEAD[1:]]))
    for number, (_row, key) in enumerate(ODS_ROWS, 1):
        cells = service_cells(number, key)
        values = [cells[0], "Hubungan Industrial" if number == 1 else "", *cells[1:]]
        table.addElement(row(values, spans={1: len(ODS_ROWS)} if number == 1 else None,
                             covered=None if number == 1 else {1}))
    empty = TableRow(numberrowsrepeated=1048560)  # as Calc saves the rest of the sheet
    empty.addElement(TableCell(numbercolumnsrepeated=1024))
    table.addElement(empty)
    doc.spreadsheet.addElement(table)
    out = io.BytesIO()
    doc.save(out)
    return fixed_zip(out.getvalue())


# -- pages ------------------------------------------------------------------------------------

def e(text: str) -> str:
    return html.escape(text, quote=True)


NAV = [("index.php", "Beranda"), ("profil.php", "Profil"), ("layanan.php", "Layanan"), ("unduhan.php", "Unduhan"),
       ("berita.php", "Berita"), ("kontak.php", "Kontak")]
NEWS = [(1, "2024-02-19", "Standar Pelayanan Disnaker 2024 Ditetapkan",
         "Kepala Dinas Tenaga Kerja Kota Jambi menetapkan standar pelayanan 2024. Berkasnya dapat diunduh di menu Unduhan."),
        (2, "2024-09-03", "Job Fair Kota Jambi Diikuti 40 Perusahaan",
         "Sebanyak 40 perusahaan membuka lowongan pada job fair di GOR Kota Baru. Pencari kerja diimbau membawa kartu AK/1.")]


def render(title: str, body: str, path: str) -> str:
    nav = " | ".join(f'<a href="/{href}">{e(text)}</a>' for href, text in NAV)
    news = "".join(f'<li><a href="/berita.php?id={n}">{e(t)}</a></li>' for n, _d, t, _b in NEWS)
    head = f"{e(title)} - {e(OPD)}" if path != "/index.php" else e(OPD)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{head}</title>
<link href="/css/style.css" rel="stylesheet" type="text/css" />
</head>
<body>
<table width="960" align="center" cellpadding="0" cellspacing="0" id="wrapper">
<tr><td colspan="2" id="header"><h2>DINAS TENAGA KERJA KOTA JAMBI</h2><small>{e(ADDRESS)}</small></td></tr>
<tr><td colspan="2" id="menu">{nav}</td></tr>
<tr><td width="220" valign="top" id="kiri"><b>BERITA TERBARU</b><ul>{news}</ul></td>
<td valign="top" id="isi">
<div class="judul">{e(title)}</div>
<div class="konten">
{body}
</div>
</td></tr>
<tr><td colspan="2" id="footer">&copy; 2024 {e(OPD)}</td></tr>
</table>
</body>
</html>
"""


def build() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    routes: dict[str, str] = {}

    def page(path: str, title: str, body: str) -> None:
        # the home page is the site's index.html, as every sample site's
        file = "index.html" if path == "/index.php" else re.sub(
            r"[^a-z0-9]+", "-", path.strip("/").lower()).strip("-") + ".html"
        files[file] = render(title, body, path).encode("utf-8")
        routes[path] = file
        if path == "/index.php":
            routes["/"] = file

    links = "".join(f'<li><a href="/layanan.php?hal={slug}">{e(title)}</a></li>' for _k, slug, title, *_ in PAGES)
    page("/index.php", "Beranda", f"<p>Selamat datang di situs resmi {e(OPD)}.</p><p>Layanan:</p><ul>{links}</ul>"
         '<p>Standar pelayanan lainnya di menu <a href="/unduhan.php">Unduhan</a>.</p>')
    page("/layanan.php", "Layanan", f"<ul>{links}</ul><p>Standar pelayanan seluruh layanan dapat diunduh di "
         '<a href="/unduhan.php">Unduhan</a>.</p>')
    intros = {"ak1": "Kartu AK/1 (kartu kuning) adalah tanda bahwa seseorang terdaftar sebagai pencari kerja di Dinas Tenaga Kerja. "
                     "Kartu ini diminta oleh perusahaan dan instansi saat melamar pekerjaan.",
              "pelatihan": "Dinas Tenaga Kerja membuka pelatihan kerja gratis bagi warga Kota Jambi di Balai Latihan Kerja Tematik: "
                           "menjahit, las, otomotif, tata boga dan komputer."}
    for key, slug, title, file, text in PAGES:
        files[f"{FILES.strip('/')}/{file}"] = old_word_doc(key) if file.endswith(".doc") else standard_odt(key)
        page(f"/layanan.php?hal={slug}", title,
             f"<p>{e(intros[key])}</p><p>Persyaratan, prosedur, waktu dan biaya pelayanan tercantum dalam standar "
             f'pelayanan: <a href="{FILES}/{file}">{e(text)}</a></p>')
    files[f"{FILES.strip('/')}/{XLS}"] = standards_xls()
    files[f"{FILES.strip('/')}/{ODS}"] = standards_ods()
    files[f"{FILES.strip('/')}/{BROKEN}"] = standards_xls()[:3000]
    downloads = [(XLS, "Standar Pelayanan Bidang Penempatan dan Pelatihan 2024", "Excel 97-2003 (.xls)"),
                 (ODS, "Standar Pelayanan Bidang Hubungan Industrial 2024", "LibreOffice Calc (.ods)"),
                 (DOC, "Standar Pelayanan Kartu AK/1", "Word 97-2003 (.doc)"),
                 (ODT, "Standar Pelayanan Pelatihan Kerja", "LibreOffice Writer (.odt)"),
                 (BROKEN, "Daftar Perusahaan Wajib Lapor 2023", "Excel 97-2003 (.xls)")]
    rows = "".join(f'<tr><td>{n}</td><td>{e(t)}</td><td>{e(k)}</td><td><a href="{FILES}/{f}">Unduh</a></td></tr>'
                   for n, (f, t, k) in enumerate(downloads, 1))
    page("/unduhan.php", "Unduhan", "<p>Dokumen Dinas Tenaga Kerja Kota Jambi:</p><table border=\"1\" cellpadding=\"4\">"
         f"<tr><th>No</th><th>Nama Dokumen</th><th>Format</th><th>File</th></tr>{rows}</table>")
    for n, date, title, text in NEWS:
        page(f"/berita.php?id={n}", title, f"<p><i>{date}</i></p><p>{e(text)}</p>")
    page("/berita.php", "Berita", "".join(f'<p><a href="/berita.php?id={n}">{e(t)}</a> ({d})</p>' for n, d, t, _b in NEWS))
    page("/profil.php", "Profil", f"<p>{e(OPD)} melaksanakan urusan pemerintahan bidang tenaga kerja: penempatan, "
         "pelatihan, hubungan industrial dan jaminan sosial tenaga kerja.</p>")
    page("/kontak.php", "Kontak", f"<p>{e(OPD)}<br />{e(ADDRESS)}<br />Senin-Jumat 08.00-15.00 WIB</p>")
    files["css/style.css"] = b"body{font-family:Tahoma,sans-serif;font-size:12px}#header{background:#036;color:#fff}\n"
    files["robots.txt"] = b"User-agent: *\nDisallow: /admin/\n"
    files["_routes.json"] = (json.dumps(dict(sorted(routes.items())), indent=1) + "\n").encode()
    return files


# -- queries and judgments ----------------------------------------------------------------------

# the other city-wide sites' pages of each service: where a row judges one, ours is judged as
# it is (a kecamatan's page of it is not: a query naming the kecamatan wants that one); the
# first, layanan-naker's, also chooses the "other" pages of the site's own queries
TWIN_BASE = "http://127.0.0.1:8810/layanan/"
TWINS = {"ak1": (TWIN_BASE + "kartu-kuning-ak1/", "http://127.0.0.1:8709/layanan.asp?id=1",
                 "http://127.0.0.1:8740/layanan/9/kartu-kuning",
                 "http://127.0.0.1:8756/layanan/kartu-pencari-kerja-ak1"),
         "pelatihan": (TWIN_BASE + "pendaftaran-pelatihan-kerja/", "http://127.0.0.1:8709/layanan.asp?id=2",
                       "http://127.0.0.1:8723/index.php?p=layanan&id=1",
                       "http://127.0.0.1:8756/layanan/pendaftaran-pelatihan-balikat"),
         "mediasi": (TWIN_BASE + "mediasi-perselisihan-hubungan-industrial/",),
         "pkwt": (TWIN_BASE + "pencatatan-pkwt/",), "pp": (TWIN_BASE + "pengesahan-peraturan-perusahaan/",),
         "wlkp": (TWIN_BASE + "wajib-lapor-ketenagakerjaan/",)}
# written before the site was crawled: (category, query, this site's answers); "other": the
# other sites' pages of the service, as the existing rows judge them (grade 1 where the query
# asks for this site's file, 2 where it names no site)
QUERIES = [
    ("formal", "standar pelayanan kartu tanda pencari kerja ak1 word disnaker", "ak1:2 other:1"),
    ("formal", "persyaratan pencatatan perjanjian kerja waktu tertentu perusahaan", "pkwt:2 other:2"),
    ("formal", "jangka waktu penyelesaian izin lembaga pelatihan kerja swasta", "lpk:2"),
    ("colloquial", "syarat bikin kartu kuning buat ngelamar kerja apa aja", "ak1:2 other:2"),
    ("colloquial", "perusahaan mau peraturan perusahaannya disahkan ngurusnya gimana", "pp:2 other:2"),
    ("abbreviation", "izin lpk disnaker kota jambi", "lpk:2"),
    ("abbreviation", "wlkp perusahaan syarat", "wlkp:2 other:2"),
    ("typo", "mediasi perselisihan hubungn industrail", "mediasi:2 other:2"),
    ("typo", "pendaftarn pelatihan kerj gratis", "pelatihan:2 other:2"),
    ("old-term", "rekomendasi paspor tki disnaker", "pmi:2"),
    ("old-term", "pengesahan peraturan perusahaan disnakertrans kota jambi", "pp:2 other:2"),
    ("english", "job seeker yellow card requirements jambi", "ak1:2 other:2"),
    ("english", "industrial dispute mediation service standard jambi", "mediasi:2 other:2"),
    ("jambi-malay", "nak ikut pelatihan kerjo apo syaratnyo", "pelatihan:2 other:2"),
    ("jambi-malay", "nak buka lpk kursus komputer izinnyo ke mano", "lpk:2"),
    ("problem", "di phk sepihak tanpa pesangon perundingan bipartit gagal", "mediasi:2 other:2"),
    ("problem", "mau kerja ke luar negeri jadi pmi butuh rekomendasi paspor", "pmi:2 paspor:1 paspor_mpp:1"),
    ("problem", "kontrak kerja karyawan harus dicatatkan ke dinas tenaga kerja", "pkwt:2 other:2"),
    ("app", "standar pelayanan bidang penempatan disnaker xls", "xls:2 unduhan:1"),
    ("app", "unduhan standar pelayanan hubungan industrial disnaker ods", "ods:2 unduhan:1"),
]
FIRST_QID = 1830
# the passport itself (the MPP's desk of the immigration office): the next step, partly relevant
EXTRA = {"paspor": "http://127.0.0.1:8703/layanan/paspor/", "paspor_mpp": "http://127.0.0.1:8740/layanan/3/paspor",
         "xls": f"{BASE}{FILES}/{XLS}", "ods": f"{BASE}{FILES}/{ODS}", "unduhan": f"{BASE}/unduhan.php"}


def twin_rows(relevant: str) -> str:
    """A row's judgments with this site's page of each service judged as the other sites'
    pages of it are (the highest grade of those the row judges)."""
    items = relevant.split()
    grades = dict(item.rsplit("=", 1) for item in items)
    added = []
    for key, twins in TWINS.items():
        found = [grades[twin] for twin in twins if twin in grades]
        if found and page_url(key) not in grades:
            added.append(f"{page_url(key)}={max(found)}")
    return " ".join(items + added)


def other_sites(key: str, rows: list[list[str]]) -> set[str]:
    """The other sites' pages of the service ``key``: those judged grade 2 by at least half
    of the existing rows that judge its layanan-naker page grade 2 (a row about one site's
    own page judges that page alone)."""
    counts: dict[str, int] = {}
    judged = 0
    for row in rows:
        grades = dict(item.rsplit("=", 1) for item in row[3].split())
        if grades.get(TWINS[key][0]) == "2":
            judged += 1
            for url, grade in grades.items():
                if grade == "2" and not url.startswith(BASE):
                    counts[url] = counts.get(url, 0) + 1
    return {url for url, count in counts.items() if 2 * count >= judged}


def main() -> int:
    files = build()
    write_site(ROOT, files)
    register(NAME, OPD, OFFSET, "office-legacy-formats", BASE)
    judge_query_files(twin_rows, FIRST_QID, len(QUERIES), lambda rows: own_rows(
        QUERIES, FIRST_QID, rows, EXTRA, other_sites, page_url))
    print(f"{NAME}: {len(files)} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
