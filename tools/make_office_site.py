"""Generate the sample site ``docx-dpmptsp``: Standar Pelayanan published as Word and Excel.

Real OPD sites very often publish their Standar Pelayanan, Maklumat and service lists not as
PDF but as the Office files they were typed in: a short WordPress page says "Standar
pelayanan dapat diunduh di sini" and links ``SP-Izin-Reklame.docx``, a Download page lists
``Daftar-Standar-Pelayanan-2024.xlsx`` whose rows are services. This site (family
``office-documents``, port offset 117) imitates such a DPMPTSP perizinan site:

- four short service pages, each linking its one-service standard as .docx: a Word table
  "No | Komponen | Uraian" as Permenpan-RB 15/2014 lays out, requirements and procedure as
  lists inside the cells (Word's automatic "List Number" numbering in two files, typed "1."
  in the others), the kop surat in the page header of two files and in the body of the others;
- a Download page listing those files again, an .xlsx of seven services (one per row, a
  merged title, a two-row merged header, a blank row, a footer note and a second sheet), an
  old binary Word .doc (Maklumat Pelayanan) and a damaged .docx (an upload cut off);
- news posts, a profile and a contact page.

The Office files are written with python-docx and openpyxl and made reproducible (fixed
document properties, fixed zip timestamps). Services whose only standard is the workbook
(NIB, SLF, SIPP) are answered at ``<xlsx>#page=N``, N the row of the workbook the service is
on (rows counted through the sheets in order), as a service of a PDF bundle is answered at
the PDF's page.

It also writes the site's entry in the manifest and ``sources/sample-kota-jambi.yaml``, and
judges the site's pages into existing rows of the query files wherever the DPMPTSP site
(offset 1) has a page of the same service (same grade), appending the site's own queries
q1600-q1619 to ``eval/devset.tsv``. Idempotent: re-running rewrites the same bytes.

Usage: .venv/bin/python tools/make_office_site.py
"""

# ruff: noqa: E501  (page prose keeps real pages' long lines)
from __future__ import annotations

import datetime
import html
import io
import json
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NAME = "docx-dpmptsp"
OFFSET = 117
PORT = 8701 + OFFSET
BASE = f"http://127.0.0.1:{PORT}"
OPD = "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Jambi"
SHORT = "Perizinan DPMPTSP Kota Jambi"
ROOT = REPO / "sikoja" / "demo" / "sites" / NAME
STAMP = datetime.datetime(2024, 3, 4, 9, 0, 0)
ADDRESS = "Jl. Jend. Basuki Rahmat No. 1, Paal Lima, Kota Baru, Kota Jambi 36129, Telp. (0741) 445566"
UPLOADS = "/wp-content/uploads/2024/03"

# -- the services ----------------------------------------------------------------------------

LEGAL_KES = "Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan"
SERVICES = {
    "nib": {
        "title": "Nomor Induk Berusaha (NIB) melalui OSS-RBA",
        "requirements": ["NIK / KTP-el pelaku usaha", "NPWP pelaku usaha",
                         "Untuk badan usaha: SK pengesahan akta pendirian dari AHU dan NPWP badan"],
        "procedure": ["Membuat akun di oss.go.id", "Mengisi data pelaku usaha dan memilih KBLI",
                      "NIB terbit; bagi usaha risiko rendah NIB berlaku sebagai izin tunggal"],
        "duration": "Seketika (saat itu juga) untuk usaha risiko rendah",
        "cost": "Tidak dipungut biaya",
        "product": "Nomor Induk Berusaha (NIB)",
        "legal": "PP Nomor 28 Tahun 2025 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko",
    },
    "pbg": {
        "title": "Persetujuan Bangunan Gedung (PBG)",
        "requirements": ["Registrasi akun di SIMBG", "Data pemohon dan data bangunan gedung",
                         "Bukti kepemilikan tanah (sertifikat atau surat tanah)",
                         "Dokumen rencana teknis: arsitektur, struktur, mekanikal-elektrikal-plumbing"],
        "procedure": ["Mendaftar dan mengunggah dokumen di simbg.pu.go.id",
                      "Konsultasi dan verifikasi oleh Tim Profesi Ahli / Tim Penilai Teknis Dinas PUPR",
                      "Perhitungan retribusi dan penerbitan SKRD",
                      "Pembayaran retribusi di bank", "Penerbitan PBG"],
        "duration": "2 jam setelah dokumen teknis dinyatakan lengkap dan retribusi dibayar",
        "cost": "Retribusi PBG sesuai Perda Kota Jambi Nomor 2 Tahun 2024 tentang Pajak Daerah dan Retribusi Daerah",
        "product": "Persetujuan Bangunan Gedung (pengganti IMB)",
        "legal": "PP Nomor 16 Tahun 2021 tentang Peraturan Pelaksanaan UU Bangunan Gedung",
    },
    "slf": {
        "title": "Sertifikat Laik Fungsi (SLF) dan SBKBG",
        "requirements": ["Gambar terbangun (as-built drawing)",
                         "Surat pernyataan penyedia jasa pengawas kepada pemilik bangunan",
                         "Surat pernyataan pemilik bangunan kepada Pemerintah Kota"],
        "procedure": ["Mengunggah dokumen melalui SIMBG", "Pemeriksaan kelaikan fungsi oleh tim teknis",
                      "Penerbitan SLF dan SBKBG oleh Kepala Dinas"],
        "duration": "3 hari kerja",
        "cost": "Retribusi sesuai Perda Kota Jambi Nomor 2 Tahun 2024",
        "product": "Sertifikat Laik Fungsi dan Surat Bukti Kepemilikan Bangunan Gedung",
        "legal": "PP Nomor 16 Tahun 2021",
    },
    "sip_dokter": {
        "title": "Surat Izin Praktik (SIP) Dokter dan Dokter Gigi",
        "requirements": ["Surat permohonan", "Fotokopi KTP-el", "NPWP (bagi praktik mandiri)",
                         "Fotokopi ijazah yang dilegalisir", "STR yang masih berlaku",
                         "Surat keterangan sehat dari dokter yang memiliki SIP",
                         "Surat keterangan dari pimpinan fasilitas pelayanan kesehatan tempat praktik",
                         "Rekomendasi organisasi profesi (IDI / PDGI)",
                         "Pas foto 4x6 latar merah 3 lembar"],
        "procedure": ["Pemohon mengajukan berkas ke loket DPMPTSP",
                      "Verifikasi berkas dan rekomendasi Dinas Kesehatan", "Penerbitan SIP"],
        "duration": "5 hari kerja sejak berkas lengkap",
        "cost": "Tidak dipungut biaya",
        "product": "Surat Izin Praktik Dokter / Dokter Gigi",
        "legal": LEGAL_KES,
    },
    "sipb": {
        "title": "Surat Izin Praktik Bidan (SIPB)",
        "requirements": ["Surat permohonan bermaterai", "Fotokopi KTP-el", "Pas foto 4x6 3 lembar",
                         "Fotokopi ijazah yang dilegalisir", "STR bidan yang masih berlaku",
                         "Rekomendasi Ikatan Bidan Indonesia (IBI)", "Surat keterangan sehat",
                         "Surat keterangan dari pimpinan fasilitas pelayanan kesehatan"],
        "procedure": ["Pemohon mengajukan berkas ke loket DPMPTSP", "Rekomendasi tim teknis Dinas Kesehatan",
                      "Penerbitan SIPB"],
        "duration": "5 hari kerja",
        "cost": "Tidak dipungut biaya",
        "product": "Surat Izin Praktik Bidan",
        "legal": "Permenkes Nomor 28 Tahun 2017; " + LEGAL_KES,
    },
    "sipp": {
        "title": "Surat Izin Praktik Perawat (SIPP)",
        "requirements": ["Fotokopi KTP-el", "STR perawat yang dilegalisir", "Fotokopi ijazah yang dilegalisir",
                         "Surat keterangan sehat",
                         "Surat keterangan dari pimpinan fasilitas pelayanan kesehatan tempat praktik",
                         "Pas foto 4x6 3 lembar", "Rekomendasi Dinas Kesehatan",
                         "Rekomendasi organisasi profesi (PPNI)"],
        "procedure": ["Pemohon mengajukan berkas ke loket DPMPTSP", "Verifikasi berkas",
                      "Penerbitan SIPP"],
        "duration": "5 hari kerja",
        "cost": "Tidak dipungut biaya",
        "product": "Surat Izin Praktik Perawat",
        "legal": "Undang-Undang Nomor 38 Tahun 2014 tentang Keperawatan",
    },
    "reklame": {
        "title": "Izin Penyelenggaraan Reklame",
        "requirements": ["Surat permohonan bermaterai", "Fotokopi KTP-el", "Pas foto 3x4 2 lembar",
                         "Bukti lunas pajak reklame dari BPPRD",
                         "Foto rencana lokasi dari 3 arah (jarak 10 meter)",
                         "Surat kesepakatan dengan pemilik bangunan atau lahan",
                         "Gambar desain dan naskah reklame",
                         "Jaminan konstruksi untuk billboard, neon box dan videotron"],
        "procedure": ["Pemohon mengajukan berkas ke loket DPMPTSP", "Verifikasi berkas dan peninjauan lokasi",
                      "Penerbitan izin penyelenggaraan reklame"],
        "duration": "3 jam setelah berkas dinyatakan lengkap",
        "cost": "Izin tidak dipungut biaya; pajak reklame dibayar ke BPPRD Kota Jambi",
        "product": "Izin Penyelenggaraan Reklame",
        "legal": "Undang-Undang Nomor 1 Tahun 2022 tentang HKPD; Perda Kota Jambi tentang Penyelenggaraan Reklame",
    },
}
COMMON = [
    ("Penanganan Pengaduan, Saran dan Masukan",
     ["Kotak saran di ruang tunggu MPP", "Aplikasi SiKesal dan SP4N-LAPOR!",
      "WhatsApp pengaduan DPMPTSP 0811-7470-2024"]),
    ("Sarana dan Prasarana, dan/atau Fasilitas",
     ["Ruang tunggu dan loket pelayanan", "Komputer dan jaringan internet", "Ruang konsultasi"]),
    ("Kompetensi Pelaksana", ["Memahami peraturan perizinan", "Mampu mengoperasikan OSS-RBA dan SIMBG"]),
    ("Pengawasan Internal", ["Supervisi atasan langsung", "Audit oleh Inspektorat Kota Jambi"]),
    ("Jumlah Pelaksana", "6 orang"),
    ("Jaminan Pelayanan", "Pelayanan dilaksanakan sesuai standar pelayanan dan maklumat pelayanan"),
    ("Evaluasi Kinerja Pelaksana", "Survei kepuasan masyarakat setiap semester"),
]

# the service pages that link their standard as a Word file:
# (key, slug, page title, intro, file name, link text, kop in the Word header, automatic numbering)
PAGES = [
    ("reklame", "izin-penyelenggaraan-reklame", "Izin Penyelenggaraan Reklame",
     "Izin penyelenggaraan reklame diterbitkan DPMPTSP bagi pemasangan billboard, baliho, "
     "neon box, spanduk permanen dan videotron di wilayah Kota Jambi.",
     "SP-Izin-Reklame.docx", "di sini", True, True),
    ("sip_dokter", "surat-izin-praktik-dokter", "Surat Izin Praktik Dokter dan Dokter Gigi",
     "Setiap dokter dan dokter gigi yang berpraktik di Kota Jambi, baik di fasilitas pelayanan "
     "kesehatan maupun praktik mandiri, wajib memiliki Surat Izin Praktik (SIP).",
     "SP-SIP-Dokter-dan-Dokter-Gigi.docx", "Download Standar Pelayanan", False, False),
    ("sipb", "surat-izin-praktik-bidan", "Surat Izin Praktik Bidan",
     "Bidan yang menjalankan praktik kebidanan di fasilitas pelayanan kesehatan atau praktik "
     "mandiri bidan wajib memiliki SIPB.",
     "Standar-Pelayanan-SIPB.docx", "Standar Pelayanan SIPB", True, False),
    ("pbg", "persetujuan-bangunan-gedung", "Persetujuan Bangunan Gedung (PBG)",
     "PBG adalah perizinan untuk membangun baru, mengubah, memperluas atau merawat bangunan "
     "gedung, pengganti IMB. Permohonan diajukan secara daring melalui SIMBG.",
     "SP-PBG-2024.docx", "SP PBG 2024 (Word)", False, True),
]
XLSX = "Daftar-Standar-Pelayanan-DPMPTSP-2024.xlsx"
DOC = "Maklumat-Pelayanan-DPMPTSP-2023.doc"
BROKEN = "SP-Izin-Praktik-Perawat.docx"
# the workbook's rows: (row, service); rows 1-5 are titles and headers, 9 and 14 blank
XLSX_ROWS = [(6, "nib"), (7, "pbg"), (8, "slf"), (10, "sip_dokter"), (11, "sipb"), (12, "sipp"),
             (13, "reklame")]


def page_url(key: str) -> str:
    """The URL that answers a service of this site: its page, or its row of the workbook."""
    for k, slug, *_ in PAGES:
        if k == key:
            return f"{BASE}/layanan/{slug}/"
    row = {k: r for r, k in XLSX_ROWS}[key]
    return f"{BASE}{UPLOADS}/{XLSX}#page={row}"


# -- Office files ----------------------------------------------------------------------------

def fixed_zip(data: bytes) -> bytes:
    """A zip written again with fixed timestamps, so the file is the same on every run."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=STAMP.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the time of saving: the file's own date instead
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + STAMP.isoformat().encode() + b"Z", data)
            dst.writestr(fixed, data)
    return out.getvalue()


def _properties(core, title: str) -> None:
    core.author = "Bidang Pelayanan DPMPTSP"
    core.title = title
    core.created = STAMP
    core.modified = STAMP
    core.last_modified_by = "admin"
    core.revision = 1


def standard_docx(key: str, kop_in_header: bool, auto_numbers: bool, title: str = "") -> bytes:
    """A one-service Standar Pelayanan as Word writes it: kop surat, heading, and the table
    "No | Komponen | Uraian" of Permenpan-RB 15/2014."""
    from docx import Document
    from docx.shared import Pt

    f = SERVICES[key]
    doc = Document()
    _properties(doc.core_properties, title)
    kop = ["PEMERINTAH KOTA JAMBI", "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU", ADDRESS]
    target = doc.sections[0].header if kop_in_header else doc
    for n, line in enumerate(kop):
        para = target.paragraphs[0] if kop_in_header and n == 0 else target.add_paragraph()
        run = para.add_run(line)
        run.bold = n < 2
        run.font.size = Pt(12 if n < 2 else 8)
    heading = doc.add_paragraph()
    heading.add_run(f"STANDAR PELAYANAN {f['title'].upper()}").bold = True
    doc.add_paragraph("Berdasarkan Peraturan Menteri PANRB Nomor 15 Tahun 2014 tentang Pedoman Standar Pelayanan")
    rows = [("Dasar Hukum", f["legal"]), ("Persyaratan Pelayanan", f["requirements"]),
            ("Sistem, Mekanisme dan Prosedur", f["procedure"]),
            ("Jangka Waktu Penyelesaian", f["duration"]), ("Biaya/Tarif", f["cost"]),
            ("Produk Pelayanan", f["product"]), *COMMON]
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("No", "Komponen", "Uraian"), strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for number, (label, value) in enumerate(rows, 1):
        cells = table.add_row().cells
        cells[0].text = f"{number}."
        cells[1].text = label
        if isinstance(value, list):
            first = True
            for n, item in enumerate(value, 1):
                para = cells[2].paragraphs[0] if first else cells[2].add_paragraph()
                first = False
                if auto_numbers:
                    para.style = doc.styles["List Number"]
                    para.add_run(item)
                else:
                    para.add_run(f"{n}. {item}")
        else:
            cells[2].text = value
    doc.add_paragraph("")
    for line in ("Ditetapkan di Jambi", "pada tanggal 4 Maret 2024", "KEPALA DINAS PENANAMAN MODAL DAN PTSP",
                 "KOTA JAMBI", "", "Drs. H. MUHAMMAD AMIN, M.Si"):
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return fixed_zip(out.getvalue())


def standards_xlsx() -> bytes:
    """The list of the office's standards, one service per row, as an admin lays it out."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    _properties(book.properties, "Daftar Standar Pelayanan DPMPTSP 2024")
    sheet = book.active
    sheet.title = "SP 2024"
    sheet["A1"] = "DAFTAR STANDAR PELAYANAN PERIZINAN DAN NONPERIZINAN"
    sheet.merge_cells("A1:H1")
    sheet["A2"] = "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU KOTA JAMBI TAHUN 2024"
    sheet.merge_cells("A2:H2")
    for cell in ("A1", "A2"):
        sheet[cell].font = Font(bold=True, size=12)
        sheet[cell].alignment = Alignment(horizontal="center")
    sheet["A4"], sheet["B4"], sheet["C4"] = "No", "Jenis Pelayanan", "Komponen Standar Pelayanan"
    sheet.merge_cells("A4:A5")
    sheet.merge_cells("B4:B5")
    sheet.merge_cells("C4:H4")
    for col, label in zip("CDEFGH", ("Persyaratan", "Sistem, Mekanisme dan Prosedur",
                                     "Jangka Waktu Penyelesaian", "Biaya/Tarif", "Produk Pelayanan",
                                     "Dasar Hukum"), strict=True):
        sheet[f"{col}5"] = label
    for number, (row, key) in enumerate(XLSX_ROWS, 1):
        f = SERVICES[key]
        values = [number, f["title"], "\n".join(f"{n}. {v}" for n, v in enumerate(f["requirements"], 1)),
                  "\n".join(f"{n}. {v}" for n, v in enumerate(f["procedure"], 1)),
                  f["duration"], f["cost"], f["product"], f["legal"]]
        for col, value in zip("ABCDEFGH", values, strict=True):
            sheet[f"{col}{row}"] = value
            sheet[f"{col}{row}"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A15"] = ("Catatan: pajak reklame dan retribusi PBG/SLF dibayar ke kas daerah melalui bank; "
                    "DPMPTSP tidak menerima pembayaran tunai.")
    sheet.merge_cells("A15:H15")
    sheet["F17"] = "Jambi, 4 Maret 2024"
    sheet["F18"] = "Kepala DPMPTSP Kota Jambi"
    sheet["F21"] = "Drs. H. MUHAMMAD AMIN, M.Si"
    for col, width in zip("ABCDEFGH", (5, 30, 50, 45, 25, 30, 30, 35), strict=True):
        sheet.column_dimensions[col].width = width
    notes = book.create_sheet("Keterangan")
    notes["A1"] = "Standar pelayanan ditetapkan dengan Keputusan Kepala DPMPTSP Kota Jambi Nomor 503/45/DPMPTSP/2024."
    notes["A2"] = "Pelayanan dilaksanakan di Mal Pelayanan Publik Kota Jambi, Senin-Jumat 08.00-15.00 WIB."
    out = io.BytesIO()
    book.save(out)
    return fixed_zip(out.getvalue())


def old_word_doc() -> bytes:
    """An old binary Word file as the crawler sees it: an OLE2 compound file (the header's
    signature, sectors of binary data and some UTF-16 text), not a zip."""
    head = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    text = "MAKLUMAT PELAYANAN DPMPTSP KOTA JAMBI 2023".encode("utf-16-le")
    body = head.ljust(512, b"\xff") + b"\xec\xa5\xc1\x00" + bytes(508) + text
    return body.ljust(4096, b"\x00")


# -- pages ------------------------------------------------------------------------------------

def e(text: str) -> str:
    return html.escape(text, quote=True)


NAV = [("/", "Beranda"), ("/profil/", "Profil"), ("/layanan/", "Layanan"), ("/unduhan/", "Unduhan"),
       ("/category/berita/", "Berita"), ("/kontak/", "Kontak")]
NEWS = [
    ("2024/03/12/standar-pelayanan-dpmptsp-2024-ditetapkan", "2024-03-12",
     "Standar Pelayanan DPMPTSP 2024 Ditetapkan",
     ["Kepala DPMPTSP Kota Jambi menetapkan standar pelayanan tahun 2024 bagi tujuh jenis perizinan. "
      "Daftar lengkapnya dapat diunduh dalam format Excel di halaman <a href=\"/unduhan/\">Unduhan</a>.",
      "Standar memuat persyaratan, prosedur, jangka waktu penyelesaian dan biaya setiap layanan."]),
    ("2024/08/20/sosialisasi-perizinan-berusaha-bagi-umkm", "2024-08-20",
     "Sosialisasi Perizinan Berusaha bagi UMKM",
     ["DPMPTSP Kota Jambi menggelar sosialisasi perizinan berusaha berbasis risiko bagi 150 pelaku UMKM "
      "di aula kantor wali kota.", "Peserta didampingi petugas membuat akun OSS dan mengurus NIB di tempat."]),
]


def render(title: str, body: str, path: str, page_id: int, kind: str = "page") -> str:
    nav = "".join(f'<li class="menu-item"><a href="{href}">{e(text)}</a></li>' for href, text in NAV)
    recent = "".join(f'<li><a href="/{slug}/">{e(t)}</a></li>' for slug, _d, t, _p in NEWS)
    head_title = f"{e(title)} &#8211; {e(SHORT)}" if path != "/" else f"{e(SHORT)} &#8211; Melayani Perizinan dengan Cepat dan Mudah"
    body_class = "home page-template-default" if path == "/" else f"{'single single-post' if kind == 'post' else 'page page-template-default'} postid-{page_id}"
    return f"""<!DOCTYPE html>
<html lang="id-ID">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{head_title}</title>
<link rel="canonical" href="{BASE}{path}" />
<link rel='shortlink' href='{BASE}/?p={page_id}' />
<link rel='stylesheet' id='astra-theme-css-css' href='/wp-content/themes/astra/assets/css/minified/main.min.css?ver=4.6.4' media='all' />
<meta name="generator" content="WordPress 6.4.3" />
</head>
<body class="{body_class}">
<div id="page" class="hfeed site">
<header class="site-header" id="masthead"><div class="site-branding"><p class="site-title"><a href="/" rel="home">{e(SHORT)}</a></p><p class="site-description">Melayani Perizinan dengan Cepat dan Mudah</p></div>
<nav id="site-navigation" class="main-header-bar-navigation"><ul id="primary-menu" class="main-header-menu">{nav}</ul></nav></header>
<div id="content" class="site-content"><div class="ast-container"><div id="primary" class="content-area primary"><main id="main" class="site-main">
<article class="post-{page_id} {kind} type-{kind} status-publish hentry" id="post-{page_id}">
<header class="entry-header"><h1 class="entry-title">{e(title)}</h1></header>
<div class="entry-content clear">
{body}
</div>
</article>
</main></div>
<div class="widget-area secondary" id="secondary"><section class="widget widget_recent_entries"><h2 class="widget-title">Berita Terbaru</h2><ul>{recent}</ul></section></div>
</div></div>
<footer class="site-footer" id="colophon"><div class="ast-small-footer">Copyright &copy; 2024 {e(OPD)} &middot; {e(ADDRESS)}</div></footer>
</div>
<script src='/wp-includes/js/jquery/jquery.min.js?ver=3.7.1' id='jquery-core-js'></script>
</body>
</html>
"""


def build() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    routes: dict[str, str] = {}

    def page(path: str, title: str, body: str, page_id: int, kind: str = "page") -> None:
        file = "index.html" if path == "/" else path.strip("/") + "/index.html"
        files[file] = render(title, body, path, page_id, kind).encode("utf-8")
        routes[path] = file
        routes[f"/?p={page_id}"] = file

    service_links = "".join(f'<li><a href="/layanan/{slug}/">{e(title)}</a></li>'
                            for _k, slug, title, *_ in PAGES)
    page("/", SHORT, f"<p>Selamat datang di laman perizinan {e(OPD)}. Informasi layanan, standar pelayanan dan "
         f"formulir dapat dilihat pada menu Layanan dan Unduhan.</p><h2>Layanan Perizinan</h2><ul>{service_links}</ul>",
         2)
    page("/layanan/", "Layanan", "<p>Jenis layanan perizinan yang diselenggarakan DPMPTSP Kota Jambi:</p>"
         f"<ul>{service_links}</ul><p>Standar pelayanan layanan lainnya dapat dilihat di halaman "
         f'<a href="/unduhan/">Unduhan</a>.</p>', 11)
    for n, (key, slug, title, intro, file, text, kop_header, auto) in enumerate(PAGES):
        files[f"wp-content/uploads/2024/03/{file}"] = standard_docx(
            key, kop_header, auto, title="" if n % 2 else f"SP {title}")
        body = (f"<p>{e(intro)}</p>"
                "<p>Persyaratan, sistem, mekanisme dan prosedur, jangka waktu penyelesaian serta biaya "
                "pelayanan tercantum dalam Standar Pelayanan. Standar pelayanan dapat diunduh "
                f'<a href="{UPLOADS}/{file}">{e(text)}</a>.</p>'
                "<p>Informasi lebih lanjut hubungi loket DPMPTSP di Mal Pelayanan Publik Kota Jambi.</p>")
        page(f"/layanan/{slug}/", title, body, 20 + n)
    files[f"wp-content/uploads/2024/03/{XLSX}"] = standards_xlsx()
    files[f"wp-content/uploads/2024/03/{DOC}"] = old_word_doc()
    files[f"wp-content/uploads/2024/03/{BROKEN}"] = standard_docx("sipp", True, True)[:2500]
    downloads = [(XLSX, "Daftar Standar Pelayanan DPMPTSP Tahun 2024", "Excel"),
                 *((file, f"Standar Pelayanan {title}", "Word") for _k, _s, title, _i, file, *_ in PAGES),
                 (BROKEN, "Standar Pelayanan Surat Izin Praktik Perawat", "Word"),
                 (DOC, "Maklumat Pelayanan DPMPTSP 2023", "Word 97-2003")]
    rows = "".join(f"<tr><td>{n}</td><td>{e(text)}</td><td>{kind}</td><td><a href=\"{UPLOADS}/{file}\">Download</a></td></tr>"
                   for n, (file, text, kind) in enumerate(downloads, 1))
    page("/unduhan/", "Unduhan", "<p>Dokumen publik DPMPTSP Kota Jambi yang dapat diunduh:</p>"
         '<table class="wp-block-table"><thead><tr><th>No</th><th>Nama Dokumen</th><th>Format</th><th>File</th></tr></thead>'
         f"<tbody>{rows}</tbody></table>", 12)
    for n, (slug, date, title, paras) in enumerate(NEWS):
        day = datetime.date.fromisoformat(date)
        body = (f'<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{date}T08:00:00+07:00">'
                f"{day.day} {['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'][day.month - 1]} {day.year}</time></span></div>"
                + "".join(f"<p>{p}</p>" for p in paras))
        page(f"/{slug}/", title, body, 40 + n, kind="post")
    page("/category/berita/", "Berita", "".join(
        f'<article><h2 class="entry-title"><a href="/{slug}/">{e(t)}</a></h2><p>{e(p[1])}</p></article>'
        for slug, _d, t, p in NEWS), 13)
    page("/profil/", "Profil", f"<p>{e(OPD)} menyelenggarakan pelayanan perizinan dan nonperizinan secara "
         "terpadu satu pintu, di kantor dinas dan di Mal Pelayanan Publik Kota Jambi.</p>", 14)
    page("/kontak/", "Kontak", f"<p>{e(OPD)}<br>{e(ADDRESS)}<br>Senin-Jumat 08.00-15.00 WIB</p>", 15)
    files["wp-content/themes/astra/assets/css/minified/main.min.css"] = (
        b"body{font-family:sans-serif;margin:0}.site-header{background:#0f4c81;color:#fff;padding:1em}"
        b".entry-content table{border-collapse:collapse}.entry-content td,.entry-content th{border:1px solid #ccc;padding:4px}\n")
    files["wp-includes/js/jquery/jquery.min.js"] = b"/*! jQuery v3.7.1 (placeholder of the theme's copy) */\n"
    files["robots.txt"] = b"User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n"
    files["_routes.json"] = (json.dumps(dict(sorted(routes.items())), indent=1) + "\n").encode()
    return files


# -- queries and judgments ----------------------------------------------------------------------

# the DPMPTSP site's page of each service: where it is judged, this site's page is judged too
TWINS = {"nib": "http://127.0.0.1:8702/layanan/nib-oss/", "pbg": "http://127.0.0.1:8702/layanan/pbg/",
         "slf": "http://127.0.0.1:8702/layanan/slf-sbkbg/", "sip_dokter": "http://127.0.0.1:8702/layanan/sip-dokter/",
         "sipb": "http://127.0.0.1:8702/layanan/sip-bidan/", "sipp": "http://127.0.0.1:8702/layanan/sip-perawat/",
         "reklame": "http://127.0.0.1:8702/layanan/izin-reklame/"}
# written before the site was crawled: (category, query, this site's answers); the other
# sites' pages of the same service are judged as in the existing rows of the same service
# (grade 1 here, as the site's own standard is what the query names, grade 2 where the query
# names no site)
QUERIES = [
    ("formal", "standar pelayanan izin penyelenggaraan reklame dpmptsp kota jambi", "reklame:2 other:1"),
    ("formal", "persyaratan surat izin praktik perawat standar pelayanan dpmptsp 2024", "sipp:2 other:1"),
    ("formal", "jangka waktu penyelesaian sertifikat laik fungsi standar pelayanan dpmptsp", "slf:2 other:1"),
    ("colloquial", "syarat bikin sip dokter gigi apa aja di dpmptsp", "sip_dokter:2 other:2"),
    ("colloquial", "urus izin pasang baliho berapa lama jadinya dpmptsp", "reklame:2 other:2"),
    ("colloquial", "bikin nib di oss gratis gak menurut daftar standar pelayanan dpmptsp", "nib:2 other:1"),
    ("abbreviation", "sipb bidan standar pelayanan dpmptsp", "sipb:2 other:1"),
    ("abbreviation", "sp pbg dpmptsp 2024", "pbg:2 other:1"),
    ("typo", "persyaratn izin praktek bidn dpmptsp", "sipb:2 other:2"),
    ("typo", "standar pelayann izin reklme dpmptsp", "reklame:2 other:1"),
    ("old-term", "syarat imb baru dpmptsp standar pelayanan 2024", "pbg:2 other:1"),
    ("old-term", "dulu siup sama tdp sekarang urus apa standar pelayanan dpmptsp", "nib:2 other:1"),
    ("english", "billboard permit requirements dpmptsp jambi service standard", "reklame:2 other:1"),
    ("english", "nurse practice license service standard dpmptsp", "sipp:2 other:1"),
    ("jambi-malay", "nak pasang reklame di toko apo syaratnyo dpmptsp", "reklame:2 other:2"),
    ("jambi-malay", "bidan nak buka praktik mandiri berapo hari izinnyo siap", "sipb:2 other:2"),
    ("problem", "gedung sudah selesai dibangun belum punya slf standar pelayanan dpmptsp", "slf:2 other:1"),
    ("problem", "bangun ruko baru harus urus izin apa dulu dpmptsp standar pelayanan", "pbg:2 other:1"),
    ("app", "daftar standar pelayanan dpmptsp 2024 excel", "xlsx:2 unduhan:1"),
    ("app", "unduhan standar pelayanan dpmptsp kota jambi", "unduhan:2 xlsx:1"),
]
FIRST_QID = 1600
EXTRA = {"xlsx": f"{BASE}{UPLOADS}/{XLSX}", "unduhan": f"{BASE}/unduhan/"}
QUERY_FILES = ("devset.tsv", "oov.tsv", "situations.tsv", "oov_candidates.tsv")


def twin_rows(relevant: str) -> str:
    """A row's judgments with this site's page of each service judged as the DPMPTSP site's."""
    items = relevant.split()
    grades = {item.rsplit("=", 1)[0]: item.rsplit("=", 1)[1] for item in items}
    added = []
    for key, twin in TWINS.items():
        ours = page_url(key)
        if twin in grades and ours not in grades:
            added.append(f"{ours}={grades[twin]}")
    return " ".join(items + added)


def other_sites(key: str, rows: list[list[str]]) -> set[str]:
    """The other sites' pages of the service ``key``: those every existing row that judges
    its DPMPTSP page grade 2 judges grade 2 too."""
    twin = TWINS[key]
    common: set[str] | None = None
    for row in rows:
        grades = dict(item.rsplit("=", 1) for item in row[3].split())
        if grades.get(twin) == "2":
            found = {u for u, g in grades.items() if g == "2" and not u.startswith(BASE)}
            common = found if common is None else common & found
    return common or set()


def own_rows(queries: list[tuple[str, str, str]], first_qid: int, rows: list[list[str]],
             urls: dict[str, str], other_sites: Callable[[str, list[list[str]]], set[str]],
             page_url: Callable[[str], str]) -> list[str]:
    """A site's own queries as rows of ``eval/devset.tsv``: each (category, query, spec), the
    spec's "key:grade" items naming a URL of ``urls``, "other" (the other sites' pages of
    the spec's first service, from the existing ``rows``) or a service (``page_url``)."""
    out = []
    for n, (category, query, spec) in enumerate(queries):
        grades: dict[str, str] = {}
        service = spec.split(":")[0]
        for item in spec.split():
            key, grade = item.split(":")
            if key in urls:
                grades[urls[key]] = grade
            elif key == "other":
                for url in sorted(other_sites(service, rows)):
                    grades.setdefault(url, grade)
            else:
                grades[page_url(key)] = grade
        relevant = " ".join(f"{u}={g}" for u, g in sorted(grades.items(), key=lambda x: (-int(x[1]), x[0])))
        out.append(f"q{first_qid + n}\t{category}\t{query}\t{relevant}")
    return out


def judge_query_files(twin_rows: Callable[[str], str], first_qid: int, count: int,
                      own: Callable[[list[list[str]]], list[str]]) -> None:
    """Every row of the query files judged again through ``twin_rows``; in devset.tsv the
    site's own rows (qids ``first_qid`` to ``first_qid + count - 1``) written again as ``own``
    makes them from the other rows."""
    for name in QUERY_FILES:
        path = REPO / "eval" / name
        lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
        header, body = lines[0], lines[1:]
        rel = header.split("\t").index("relevant") if "relevant" in header.split("\t") else None
        out = [header]
        for line in body:
            cells = line.split("\t")
            if name == "devset.tsv" and cells[0].startswith("q") and cells[0][1:].isdigit() and \
                    first_qid <= int(cells[0][1:]) < first_qid + count:
                continue  # this site's own queries: written again below
            if rel is not None and len(cells) > rel:
                cells[rel] = twin_rows(cells[rel])
            out.append("\t".join(cells))
        if name == "devset.tsv":
            out += own([line.split("\t") for line in out[1:]])
        path.write_text("\n".join(out) + "\n", encoding="utf-8")


def write_queries() -> None:
    judge_query_files(twin_rows, FIRST_QID, len(QUERIES), lambda rows: own_rows(
        QUERIES, FIRST_QID, rows, EXTRA, other_sites, page_url))


def register(name: str, opd: str, offset: int, family: str, base: str) -> None:
    """The site's entry in the manifest and in ``sources/sample-kota-jambi.yaml``."""
    manifest_path = ROOT.parent / "manifest.json"
    manifest = [s for s in json.loads(manifest_path.read_text(encoding="utf-8")) if s["name"] != name]
    manifest.append({"name": name, "opd": opd, "port_offset": offset, "family": family})
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    sources = REPO / "sources" / "sample-kota-jambi.yaml"
    text = sources.read_text(encoding="utf-8")
    entry = (f"  - name: {name}\n    opd: {opd}\n    kind: website\n"
             f'    start_urls: ["{base}/"]\n')
    if f"name: {name}\n" not in text:
        at = text.index("  - name: katalog-aplikasi\n")
        sources.write_text(text[:at] + entry + text[at:], encoding="utf-8")


def write_site(root: Path, files: dict[str, bytes]) -> None:
    """The site's files under ``root``, written anew."""
    if root.exists():
        shutil.rmtree(root)
    for rel, data in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def append_devset_rows(first_qid: int, queries: list[tuple[str, str, str]],
                       also: list[tuple[str, str, str]], url_of: Callable[[str], str],
                       others: Callable[[str, str], dict[str, str]] = lambda query, key: {},
                       ) -> None:
    """A generator's own rows of ``eval/devset.tsv`` (``queries``: category, query, key),
    written anew at the end from ``first_qid`` on, each judging its key's page 2 and
    ``others(query, key)`` (url -> grade); and its pages judged into the existing rows
    asking for the same service (``also``: qid, key, grade)."""
    path = REPO / "eval" / "devset.tsv"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    own = {f"q{first_qid + n}" for n in range(len(queries))}
    judged = {qid: (key, grade) for qid, key, grade in also}
    out = []
    for line in lines:
        cells = line.split("\t")
        if cells[0] in own:
            continue
        if cells[0] in judged:
            key, grade = judged[cells[0]]
            items = [i for i in cells[3].split() if i.rsplit("=", 1)[0] != url_of(key)]
            cells[3] = " ".join([*items, f"{url_of(key)}={grade}"])
        out.append("\t".join(cells))
    for n, (category, query, key) in enumerate(queries):
        extra = others(query, key)
        relevant = " ".join([f"{url_of(key)}=2", *(f"{u}={g}" for u, g in sorted(extra.items()))])
        out.append(f"q{first_qid + n}\t{category}\t{query}\t{relevant}")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def main() -> int:
    files = build()
    write_site(ROOT, files)
    register(NAME, OPD, OFFSET, "office-documents", BASE)
    write_queries()
    print(f"{NAME}: {len(files)} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
