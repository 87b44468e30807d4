"""Generate the sample site ``ocr22-disdik``: Standar Pelayanan published only as scanned PDFs.

Many OPDs print their Standar Pelayanan, have it signed and stamped, put it through the
office scanner and upload what the scanner made: one grey JPEG a page, slightly rotated,
no text layer. This site (family ``scanned-pdf-standards``, port offset 133) imitates an
old PHP site of the Dinas Pendidikan whose service pages are short ("Standar pelayanan
dapat diunduh di bawah ini" and a link) and whose details are only in those scans:

- the page of the SPMB SMP links its own scan (``SP-SPMB-SMP-2025.pdf``), and so does the
  page of the Beasiswa Kartu Bahagia (``SP-Beasiswa-Kartu-Bahagia-2025.pdf``);
- the Unduhan page links the bundle of the Bidang's standards, one service a page
  (``Standar-Pelayanan-Disdik-2025.pdf``: SPMB SMP, penerimaan murid baru SD, beasiswa), the
  SD's admission having no page of its own;
- news, profile and contact pages.

Each page of a scan is drawn with Pillow at 150 dpi: kop surat, heading, the table
"No | Komponen | Uraian", the Kepala Dinas's signature with a round stamp over it, grey
paper with specks, turned by about a degree, saved as JPEG inside the PDF. The facts come
from ``../shared/data/services.jsonl`` (the Dinas Pendidikan's services there).

It also writes the site's entry in the manifest and ``sources/sample-kota-jambi.yaml``,
judges its pages into the existing rows of the query files that judge the ``disdik`` site's
page of the same service (offset 4), and appends the site's own queries q2290-q2319 to
``eval/devset.tsv``. Idempotent: re-running rewrites the same bytes.

Usage: .venv/bin/python tools/make_ocr22_site.py
"""

# ruff: noqa: E501  (page prose keeps real pages' long lines)
from __future__ import annotations

import datetime
import io
import json
import random
import re
from pathlib import Path

from make_office_site import e, judge_query_files, own_rows, register, write_site
from make_sample_sites import shared_data_dir
from PIL import Image, ImageDraw, ImageFilter, ImageFont

REPO = Path(__file__).resolve().parents[1]
NAME = "ocr22-disdik"
OFFSET = 133
PORT = 8701 + OFFSET
BASE = f"http://127.0.0.1:{PORT}"
OPD = "Dinas Pendidikan Kota Jambi"
ADDRESS = "Jl. Jend. Sudirman No. 22, Thehok, Jambi Selatan, Kota Jambi 36138, Telp. (0741) 40285"
STAMP = datetime.datetime(2025, 5, 14, 8, 30, 0)
FILES = "/upload/dokumen"
ROOT = REPO / "sikoja" / "demo" / "sites" / NAME
DPI = 150
FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
)

# -- the services (facts from services.jsonl, matched by the start of their name) --------------

WANTED = {
    "spmb_smp": "Sistem Penerimaan Murid Baru (SPMB) SMP",
    "ppdb_sd": "Penerimaan murid baru SD",
    "beasiswa": "Beasiswa Kartu Bahagia",
}
TITLES = {
    "spmb_smp": "Sistem Penerimaan Murid Baru (SPMB) SMP Negeri",
    "ppdb_sd": "Penerimaan Murid Baru Sekolah Dasar (SD) Negeri",
    "beasiswa": "Beasiswa Kartu Bahagia Siswa SD dan SMP",
}
# what the Dinas's own standard adds around the facts: the place, the product, the complaints
PLACE = {
    "spmb_smp": "Laman SPMB Kota Jambi dan SMP Negeri tujuan",
    "ppdb_sd": "SD Negeri terdekat dari domisili atau laman SPMB Kota Jambi",
    "beasiswa": "Bidang Pembinaan SD dan SMP, Dinas Pendidikan Kota Jambi",
}
PRODUCT = {
    "spmb_smp": "Pengumuman hasil seleksi dan bukti daftar ulang di SMP Negeri",
    "ppdb_sd": "Pengumuman penerimaan dan bukti daftar ulang di SD Negeri",
    "beasiswa": "Bantuan beasiswa disalurkan ke rekening siswa",
}
COMPLAINT = "Pengaduan: SiKesal, Call Center 112, atau langsung ke kantor Dinas Pendidikan"


def clean(text: str) -> str:
    """A fact as the standard writes it: the file's notes on where it came from dropped."""
    text = re.sub(r"\s*\((?:general[^)]*|contoh[^)]*|\d{4})\)", "", text)
    return re.sub(r"\s+", " ", text).strip(" ;")


def services() -> dict[str, dict]:
    rows = [
        json.loads(line)
        for line in (shared_data_dir() / "services.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    found = {}
    for key, start in WANTED.items():
        row = next(r for r in rows if r["opd"] == OPD and r["service"].startswith(start))
        found[key] = {
            "title": TITLES[key],
            "requirements": [clean(r) for r in row["requirements"]],
            "procedure": [clean(p) for p in row["procedure"]],
            "duration": clean(row["duration"]),
            "cost": clean(row["cost"]),
            "legal": clean(row["legal_basis"]),
        }
    return found


# -- a scanned page ------------------------------------------------------------------------------

WIDTH, HEIGHT = int(8.27 * DPI), int(11.69 * DPI)  # A4


def font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    for path in FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def wrap(draw: ImageDraw.ImageDraw, text: str, face, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=face) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def components(service: dict) -> list[tuple[str, list[str]]]:
    def numbered(items: list[str]) -> list[str]:
        return [f"{n}. {item}" for n, item in enumerate(items, 1)]

    return [
        ("Dasar Hukum", [service["legal"]]),
        ("Persyaratan", numbered(service["requirements"])),
        ("Sistem, Mekanisme dan Prosedur", numbered(service["procedure"])),
        ("Jangka Waktu Penyelesaian", [service["duration"]]),
        ("Biaya/Tarif", [service["cost"]]),
        ("Produk Pelayanan", [service["product"]]),
        ("Tempat Pelayanan", [service["place"]]),
        ("Penanganan Pengaduan", [COMPLAINT]),
    ]


def scanned_page(service: dict, seed: int) -> Image.Image:
    """One page of a signed, stamped standard as the office scanner returns it."""
    rnd = random.Random(seed)
    page = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(page)
    big, bold, body = font(30), font(26), font(21)
    y = 90
    for text, face in (
        ("PEMERINTAH KOTA JAMBI", big),
        ("DINAS PENDIDIKAN", big),
        (ADDRESS, font(17)),
    ):
        draw.text((WIDTH // 2, y), text, fill=0, font=face, anchor="ma")
        y += 44 if face is big else 30
    draw.line((90, y + 4, WIDTH - 90, y + 4), fill=0, width=4)
    y += 40
    for text in ("STANDAR PELAYANAN", service["title"].upper()):
        for line in wrap(draw, text, bold, WIDTH - 240):
            draw.text((WIDTH // 2, y), line, fill=0, font=bold, anchor="ma")
            y += 36
    y += 20
    left, col1, col2, right = 90, 150, 470, WIDTH - 90
    top = y
    draw.text((left + 14, y + 8), "No", fill=0, font=body)
    draw.text((col1 + 12, y + 8), "Komponen", fill=0, font=body)
    draw.text((col2 + 12, y + 8), "Uraian", fill=0, font=body)
    y += 42
    draw.line((left, y, right, y), fill=0, width=2)
    for n, (label, items) in enumerate(components(service), 1):
        draw.text((left + 18, y + 8), str(n), fill=0, font=body)
        label_y = y + 8
        for line in wrap(draw, label, body, col2 - col1 - 24):
            draw.text((col1 + 12, label_y), line, fill=0, font=body)
            label_y += 28
        text_y = y + 8
        for item in items:
            for line in wrap(draw, item, body, right - col2 - 24):
                draw.text((col2 + 12, text_y), line, fill=0, font=body)
                text_y += 28
        y = max(label_y, text_y) + 8
        draw.line((left, y, right, y), fill=0, width=2)
    for x in (left, col1, col2, right):
        draw.line((x, top, x, y), fill=0, width=2)
    draw.line((left, top, right, top), fill=0, width=2)
    # the signature, the stamp over it
    sign_x, sign_y = WIDTH - 520, y + 50
    draw.text((sign_x, sign_y), "Jambi, 14 Mei 2025", fill=0, font=body)
    draw.text((sign_x, sign_y + 30), "KEPALA DINAS PENDIDIKAN", fill=0, font=body)
    points = [(sign_x + 40 + 18 * i, sign_y + 110 + rnd.randint(-22, 22)) for i in range(14)]
    draw.line(points, fill=20, width=3)
    draw.text((sign_x, sign_y + 170), "Dr. H. MULYADI, S.Pd., M.Pd", fill=0, font=body)
    draw.text((sign_x, sign_y + 198), "NIP. 19700312 199403 1 006", fill=0, font=font(18))
    stamp = Image.new("L", (220, 220), 0)
    ring = ImageDraw.Draw(stamp)
    ring.ellipse((6, 6, 214, 214), outline=255, width=7)
    ring.ellipse((40, 40, 180, 180), outline=255, width=3)
    ring.text((110, 110), "DISDIK", fill=255, font=font(26), anchor="mm")
    page.paste(150, (sign_x - 90, sign_y + 20), stamp)
    # paper, specks, the scanner's turn and blur
    specks = Image.effect_noise((WIDTH // 4, HEIGHT // 4), 18).resize((WIDTH, HEIGHT))
    page = Image.blend(page, specks, 0.12)
    for _ in range(400):
        x, y0 = rnd.randrange(WIDTH), rnd.randrange(HEIGHT)
        ImageDraw.Draw(page).point((x, y0), fill=rnd.randint(60, 160))
    page = page.point(lambda v: 40 + v * 190 // 255)  # grey paper, never white
    angle = rnd.choice((-1, 1)) * rnd.uniform(0.5, 1.5)
    page = page.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=200)
    return page.filter(ImageFilter.GaussianBlur(0.6))


def scanned_pdf(keys: list[str], found: dict[str, dict]) -> bytes:
    pages = [scanned_page(found[key], seed=sum(map(ord, key)) + n) for n, key in enumerate(keys)]
    out = io.BytesIO()
    # the scanner's own metadata: no title (a scan's title is never the document's)
    pages[0].save(
        out,
        format="PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=DPI,
        quality=35,
        producer="ScanSoft PDF Create!",
        creationDate=STAMP.timetuple(),
        modDate=STAMP.timetuple(),
    )
    return out.getvalue()


# -- the site -------------------------------------------------------------------------------------

BUNDLE = "Standar-Pelayanan-Disdik-2025.pdf"
BUNDLE_KEYS = ["spmb_smp", "ppdb_sd", "beasiswa"]
SINGLES = {
    "spmb_smp": ("spmb-smp", "SP-SPMB-SMP-2025.pdf"),
    "beasiswa": ("beasiswa-kartu-bahagia", "SP-Beasiswa-Kartu-Bahagia-2025.pdf"),
}
NAV = [
    ("index.php", "Beranda"),
    ("profil.php", "Profil"),
    ("layanan.php", "Layanan"),
    ("unduhan.php", "Unduhan"),
    ("berita.php", "Berita"),
    ("kontak.php", "Kontak"),
]
NEWS = [
    (
        1,
        "2025-05-20",
        "Standar Pelayanan Dinas Pendidikan 2025 Ditetapkan",
        "Kepala Dinas Pendidikan Kota Jambi menetapkan standar pelayanan 2025. Salinan yang telah ditandatangani dapat diunduh di menu Unduhan.",
    ),
    (
        2,
        "2025-06-10",
        "Sosialisasi SPMB Kota Jambi bagi Kepala Sekolah",
        "Dinas Pendidikan menggelar sosialisasi jadwal SPMB tahun ajaran 2025/2026 kepada kepala SD dan SMP negeri.",
    ),
]


def render(title: str, body: str, path: str) -> str:
    nav = " | ".join(f'<a href="/{href}">{e(text)}</a>' for href, text in NAV)
    news = "".join(f'<li><a href="/berita.php?id={n}">{e(t)}</a></li>' for n, _d, t, _b in NEWS)
    head = f"{e(title)} :: {e(OPD)}" if path != "/index.php" else e(OPD)
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>{head}</title>
<link href="/css/disdik.css" rel="stylesheet" type="text/css">
</head>
<body bgcolor="#e8eef4">
<div id="container">
<div id="banner"><img src="/images/logo.gif" alt="" width="60" height="70"> <b>DINAS PENDIDIKAN KOTA JAMBI</b><br><span>{e(ADDRESS)}</span></div>
<div id="menu">{nav}</div>
<div id="sidebar"><h4>Berita Terkini</h4><ul>{news}</ul></div>
<div id="content">
<h3 class="title">{e(title)}</h3>
{body}
</div>
<div id="footer">Copyright &copy; 2025 {e(OPD)} - All Rights Reserved</div>
</div>
</body>
</html>
"""


def page_url(key: str) -> str:
    return f"{BASE}/layanan.php?id={SINGLES[key][0]}"


def bundle_url(key: str) -> str:
    return f"{BASE}{FILES}/{BUNDLE}#page={BUNDLE_KEYS.index(key) + 1}"


def build() -> dict[str, bytes]:
    found = services()
    for key in found:
        found[key].update(product=PRODUCT[key], place=PLACE[key])
    files: dict[str, bytes] = {}
    routes: dict[str, str] = {}

    def page(path: str, title: str, body: str) -> None:
        file = (
            "index.html"
            if path == "/index.php"
            else re.sub(r"[^a-z0-9]+", "-", path.strip("/").lower()).strip("-") + ".html"
        )
        files[file] = render(title, body, path).encode("latin-1", "xmlcharrefreplace")
        routes[path] = file
        if path == "/index.php":
            routes["/"] = file

    links = "".join(
        f'<li><a href="/layanan.php?id={slug}">{e(found[key]["title"])}</a></li>'
        for key, (slug, _f) in SINGLES.items()
    )
    page(
        "/index.php",
        "Beranda",
        f"<p>Selamat datang di website resmi {e(OPD)}.</p><p>Layanan kami:</p><ul>{links}</ul>"
        '<p>Standar pelayanan lainnya dapat diunduh pada menu <a href="/unduhan.php">Unduhan</a>.</p>',
    )
    page(
        "/layanan.php",
        "Layanan",
        f"<ul>{links}</ul><p>Standar pelayanan seluruh bidang: menu "
        '<a href="/unduhan.php">Unduhan</a>.</p>',
    )
    for key, (slug, file) in SINGLES.items():
        files[f"{FILES.strip('/')}/{file}"] = scanned_pdf([key], found)
        page(
            f"/layanan.php?id={slug}",
            found[key]["title"],
            f"<p>Standar pelayanan dapat diunduh di bawah ini.</p>"
            f'<p><a href="{FILES}/{file}">Download Standar Pelayanan (PDF)</a></p>',
        )
    files[f"{FILES.strip('/')}/{BUNDLE}"] = scanned_pdf(BUNDLE_KEYS, found)
    page(
        "/unduhan.php",
        "Unduhan",
        '<table border="1" cellspacing="0" cellpadding="3"><tr><th>No</th><th>Dokumen</th><th>Unduh</th></tr>'
        f'<tr><td>1</td><td>Standar Pelayanan Dinas Pendidikan Kota Jambi Tahun 2025 (hasil pindai)</td><td><a href="{FILES}/{BUNDLE}">PDF</a></td></tr></table>',
    )
    for n, date, title, text in NEWS:
        page(f"/berita.php?id={n}", title, f"<p><i>{date}</i></p><p>{e(text)}</p>")
    page(
        "/berita.php",
        "Berita",
        "".join(f'<p><a href="/berita.php?id={n}">{e(t)}</a> ({d})</p>' for n, d, t, _b in NEWS),
    )
    page(
        "/profil.php",
        "Profil",
        f"<p>{e(OPD)} melaksanakan urusan pemerintahan bidang pendidikan: PAUD, pendidikan dasar dan "
        "pendidikan nonformal.</p>",
    )
    page("/kontak.php", "Kontak", f"<p>{e(OPD)}<br>{e(ADDRESS)}<br>Senin-Jumat 07.30-16.00 WIB</p>")
    files["css/disdik.css"] = (
        b"body{font:12px Verdana,sans-serif}#banner{background:#1b4f8a;color:#fff;padding:8px}\n"
    )
    files["images/logo.gif"] = (
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
    )
    files["_routes.json"] = (json.dumps(dict(sorted(routes.items())), indent=1) + "\n").encode()
    return files


# -- queries and judgments ----------------------------------------------------------------------

# the disdik site's page of each service: where a row judges it, this site's answers are
# judged as it is (the service page taking its scan's fields, and the bundle's page)
TWINS = {
    "spmb_smp": "http://127.0.0.1:8705/index.php?page=spmb-smp",
    "ppdb_sd": "http://127.0.0.1:8705/index.php?page=ppdb-sd",
    "beasiswa": "http://127.0.0.1:8705/index.php?page=beasiswa-kartu-bahagia",
}


def answers(key: str) -> list[str]:
    """This site's answers of a service: its page (when it has one) and the bundle's page."""
    return ([page_url(key)] if key in SINGLES else []) + [bundle_url(key)]


def twin_rows(relevant: str) -> str:
    items = relevant.split()
    grades = dict(item.rsplit("=", 1) for item in items)
    added = [
        f"{ours}={grades[twin]}"
        for key, twin in TWINS.items()
        if twin in grades
        for ours in answers(key)
        if ours not in grades
    ]
    return " ".join(items + added)


def other_sites(key: str, rows: list[list[str]]) -> set[str]:
    return {TWINS[key]}


QUERIES = [
    ("formal", "persyaratan sistem penerimaan murid baru smp negeri", "spmb_smp:2 other:2 sd:1"),
    ("formal", "prosedur penerimaan murid baru sekolah dasar negeri", "sd:2 other:2"),
    ("formal", "persyaratan beasiswa kartu bahagia siswa sd dan smp", "beasiswa:2 other:2"),
    ("formal", "biaya pendaftaran murid baru sd negeri kota jambi", "sd:2 other:2"),
    ("colloquial", "syarat daftar smp negeri jalur afirmasi apa aja", "spmb_smp:2 other:2"),
    ("colloquial", "anak mau masuk sd negeri bayar gak", "sd:2 other:2"),
    ("colloquial", "cara dapet beasiswa kartu bahagia buat anak sekolah", "beasiswa:2 other:2"),
    ("colloquial", "jadwal pengumuman penerimaan smp negeri kapan", "spmb_smp:2 other:2"),
    ("abbreviation", "syarat spmb smp jalur mutasi", "spmb_smp:2 other:2"),
    ("abbreviation", "spmb sd negeri kota jambi syarat", "sd:2 other:2 spmb_smp:1"),
    ("abbreviation", "beasiswa kb siswa dtks", "beasiswa:2 other:2"),
    (
        "jambi-malay",
        "cakmano nak daftarke budak ke smp negeri jalur domisili",
        "spmb_smp:2 other:2",
    ),
    ("jambi-malay", "budak sayo nak masuk sd negeri apo bae syaratnyo", "sd:2 other:2"),
    ("jambi-malay", "beasiswa kartu bahagia tu cakmano dapeknyo", "beasiswa:2 other:2"),
    ("english", "requirements for public junior high school admission", "spmb_smp:2 other:2"),
    ("english", "public elementary school enrolment age requirement", "sd:2 other:2"),
    ("english", "kartu bahagia scholarship for poor students", "beasiswa:2 other:2"),
    ("english", "junior high admission announcement date", "spmb_smp:2 other:2"),
    (
        "problem",
        "anak saya mau masuk smp negeri tapi orang tua baru pindah tugas ke jambi",
        "spmb_smp:2 other:2",
    ),
    ("problem", "anak sudah 7 tahun belum punya sekolah sd negeri mau daftar", "sd:2 other:2"),
    ("problem", "keluarga tidak mampu anak sd butuh bantuan biaya sekolah", "beasiswa:2 other:2"),
    ("problem", "anak juara lomba mau masuk smp negeri lewat prestasi", "spmb_smp:2 other:2"),
    ("typo", "persyaratn penerimaan murid baru smp negri", "spmb_smp:2 other:2"),
    ("typo", "pendaftran murid baru sd negri", "sd:2 other:2"),
    ("typo", "beasiwa kartu bahgia siswa", "beasiswa:2 other:2"),
    ("typo", "daftar ulang smp negri setelah pengumuman", "spmb_smp:2 other:2"),
    ("old-term", "ppdb smp negeri jalur afirmasi kip pkh", "spmb_smp:2 other:2"),
    ("old-term", "psb sd negeri kota jambi persyaratan akta kelahiran", "sd:2 other:2"),
    ("old-term", "ppdb sd negeri daftar manual di sekolah", "sd:2 other:2"),
    ("old-term", "beasiswa siswa miskin sd smp pemkot jambi", "beasiswa:2 other:2"),
]
FIRST_QID = 2290


def own_page(key: str) -> str:
    return page_url(key)


def write_queries() -> None:
    # "sd" is the SD's admission, only in the bundle; a service with a page of its own is
    # answered by it and by the bundle's page too (both in ``extra`` as "<key>_bundle")
    extra = {"sd": bundle_url("ppdb_sd")}

    def own(rows: list[list[str]]) -> list[str]:
        out = own_rows(
            QUERIES,
            FIRST_QID,
            rows,
            extra,
            lambda key, _rows: {TWINS["ppdb_sd"]} if key == "sd" else other_sites(key, _rows),
            own_page,
        )
        return [with_bundles(line) for line in out]

    judge_query_files(twin_rows, FIRST_QID, len(QUERIES), own)


def with_bundles(line: str) -> str:
    """A row judging a service's page judges the bundle's page of it as well, same grade."""
    cells = line.split("\t")
    grades = dict(item.rsplit("=", 1) for item in cells[3].split())
    for key in SINGLES:
        if page_url(key) in grades:
            grades.setdefault(bundle_url(key), grades[page_url(key)])
    cells[3] = " ".join(
        f"{u}={g}" for u, g in sorted(grades.items(), key=lambda x: (-int(x[1]), x[0]))
    )
    return "\t".join(cells)


def main() -> int:
    files = build()
    write_site(ROOT, files)
    register(NAME, OPD, OFFSET, "scanned-pdf-standards", BASE)
    write_queries()
    print(
        f"{NAME}: {len(files)} files, "
        + ", ".join(
            f"{Path(f).name} {len(d) // 1024} KB" for f, d in files.items() if f.endswith(".pdf")
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
