"""Standar Pelayanan PDFs laid out as OPDs make them, for tests (needs fpdf2, a test extra).

The hand-written PDFs of ``tests/faultserver.py`` put one component per text line in
reading order. Real ones come out of Word or LibreOffice: a table "No | Komponen | Uraian"
whose cells wrap, items "1. Fotokopi KTP ..." wrapped over lines, the kop surat (agency name
and address) and a page number on every page, several services in one file, landscape
pages, a signature block. fpdf2 draws such tables the way office programs do (cell by cell,
each wrapped line its own text run), so what pypdf reads from them is what it reads from
an OPD's upload.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

# (field of a service record, Permenpan 15/2017 wording, short wording)
COMPONENTS = (
    ("legal_basis", "Dasar Hukum", "Dasar Hukum"),
    ("requirements", "Persyaratan Pelayanan", "Syarat"),
    ("procedure", "Sistem, Mekanisme dan Prosedur", "Prosedur"),
    ("duration", "Jangka Waktu Penyelesaian", "Waktu Penyelesaian"),
    ("cost", "Biaya/Tarif", "Biaya"),
    ("location", "Tempat Pelayanan", "Lokasi"),  # where a record has one
    ("product", "Produk Pelayanan", "Produk"),
    ("complaints", "Penanganan Pengaduan, Saran dan Masukan", "Pengaduan"),
)
ADDRESS = "Jl. Jend. Basuki Rahmat No. 1, Kotabaru, Kota Jambi 36129, Telp. (0741) 123456"
COMPLAINTS = "Kotak saran di ruang tunggu; SP4N-LAPOR! (lapor.go.id); WhatsApp 0812-7400-1234"


@dataclass(frozen=True)
class Layout:
    name: str
    columns: int = 3  # 3: No | Komponen | Uraian; 2: Komponen | Uraian
    landscape: bool = False
    permenpan: bool = True  # component names as Permenpan 15/2017 words them, else short
    numbered: bool = True  # items "1. ...", else "- ..."
    per_file: int = 1  # services per PDF
    kop: bool = True  # agency name and address on top of every page, page number below
    v_align: str = "MIDDLE"  # where a short cell's text sits in a tall row
    borders: str = "ALL"  # fpdf2's TableBordersLayout: "HORIZONTAL_LINES" rules rows only


LAYOUTS = (
    Layout("table3"),
    Layout("table2-short-bullets", columns=2, permenpan=False, numbered=False, v_align="TOP"),
    Layout("landscape", landscape=True, v_align="TOP"),
    Layout("several-services", per_file=3),
    Layout("several-services-short", columns=2, permenpan=False, per_file=3),
    Layout("no-kop", kop=False, numbered=False),
    Layout("rows-ruled-only", borders="HORIZONTAL_LINES", v_align="TOP"),
)


def latin(text: str) -> str:
    """What the PDF's core font can write (the facts use a few arrows)."""
    return text.replace("→", "->").encode("latin-1", "replace").decode("latin-1")


def uraian(value: object, numbered: bool) -> str:
    if isinstance(value, list):
        return "\n".join(f"{n}. {latin(v)}" if numbered else f"- {latin(v)}"
                         for n, v in enumerate(value, 1))
    return latin(str(value))


def standard_pdf(services: list[dict], layout: Layout, opd: str) -> bytes:
    """One PDF with the standard of each of ``services`` (records of services.jsonl)."""
    from fpdf import FPDF

    class Document(FPDF):
        def header(self) -> None:
            if layout.kop:
                self.set_font("Helvetica", "B", 13)
                self.cell(0, 6, "PEMERINTAH KOTA JAMBI", align="C", new_x="LMARGIN",
                          new_y="NEXT")
                self.cell(0, 6, opd.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
                self.set_font("Helvetica", "", 9)
                self.cell(0, 5, ADDRESS, align="C", new_x="LMARGIN", new_y="NEXT")
                self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin,
                          self.get_y() + 1)
                self.ln(5)

        def footer(self) -> None:
            if layout.kop:
                self.set_y(-15)
                self.set_font("Helvetica", "I", 8)
                self.cell(0, 8, f"Standar Pelayanan {opd} - Halaman {self.page_no()} dari "
                          "{nb}", align="C")

    pdf = Document(orientation="L" if layout.landscape else "P", format="A4")
    pdf.set_title(f"Standar Pelayanan {opd}")
    pdf.set_creation_date(datetime(2025, 1, 2, tzinfo=UTC))  # same file every build
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for number, service in enumerate(services, 1):
        pdf.set_font("Helvetica", "B", 12)
        heading = f"STANDAR PELAYANAN {latin(service['service']).upper()}"
        if len(services) > 1:
            heading = f"{chr(64 + number)}. {heading}"
        pdf.multi_cell(0, 6, heading, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        pdf.set_font("Helvetica", "", 10)
        label_width = 38 if layout.columns == 3 else 45
        widths = ((10, label_width, width - 10 - label_width) if layout.columns == 3
                  else (label_width, width - label_width))
        with pdf.table(col_widths=widths, text_align="LEFT", line_height=5,
                       first_row_as_headings=True, v_align=layout.v_align,
                       borders_layout=layout.borders,
                       repeat_headings=1) as table:
            table.row(("No", "Komponen", "Uraian") if layout.columns == 3
                      else ("Komponen", "Uraian"))
            values = {**service, "product": f"Dokumen {latin(service['service'])}",
                      "complaints": COMPLAINTS}
            for row, (key, long, short) in enumerate(COMPONENTS, 1):
                if not values.get(key):
                    continue
                cells = (long if layout.permenpan else short, uraian(values[key], layout.numbered))
                table.row((str(row), *cells) if layout.columns == 3 else cells)
        pdf.ln(6)
    # the signature block, once at the end
    pdf.set_font("Helvetica", "", 10)
    for line in ("Ditetapkan di Jambi", "pada tanggal 2 Januari 2025", f"KEPALA {opd.upper()}",
                 "", "", "H. AHMAD SYAHRIAL, S.Sos., M.Si", "NIP. 19700101 199503 1 001"):
        pdf.set_x(pdf.w / 2 + 10)
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
