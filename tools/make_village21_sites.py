"""Generate the sample sites ``village21-wijayapura`` and ``village21-kebunhandil``: a kelurahan
on an OpenSID theme and one on a Blogger theme that our other kelurahan sites do not cover.

Real kelurahan publish their services as articles of a village CMS or posts of a blog, and
both kinds of site repeat every post's title and first lines on many other pages. Both are
modelled on how the real software renders (read, not copied):

- ``village21-wijayapura`` (family ``opensid-cosmos``, port offset 131): OpenSID with the
  third-party Cosmos theme (``themes/OpenSID-Cosmos``: Bootstrap cards, ``.judul-artikel``,
  ``.meta-berita``, comments under ``section.komentar``, widgets in ``aside``). An article
  answers at two addresses, as OpenSID 21+ serves it: ``index.php/artikel/<y>/<m>/<d>/<slug>``
  (the cards' links, the one a citizen bookmarks) and ``index.php/first/artikel/<id>`` (the
  "Arsip Artikel" widget's links, an older route still served); neither names a canonical.
  Every page's sidebar carries the widgets "Arsip Artikel" (titles of the newest posts),
  "Komentar" (the newest comments, about other services), "Agenda", "Aparatur Desa" and
  "Statistik Pengunjung"; the home page and the category page list the articles as cards
  with a 180-character abstract ending "...". One article tells four services at once
  (pengantar nikah, ahli waris, belum menikah, penghasilan), each under its own heading; the
  SKTM article's requirements are a poster image with its text in ``alt``. Produk hukum and
  informasi publik are tables; layanan mandiri is a login form.
- ``village21-kebunhandil`` (family ``blogger-sora``, port offset 132): a Blogger blog on a
  Sora-Templates-style theme (``.index-post`` cards with ``.post-snippet`` and "Baca
  Selengkapnya", ``#breadcrumb``, ``.post-body.entry-content``, ``#related-wrap`` "Artikel
  Terkait" with three related posts' titles and snippets, ``.post-pager`` with the newer and
  older post's titles, Blogger comments, a "Postingan Populer" widget with snippets, Label and
  Arsip Blog widgets). Every page has its ``?m=1`` mobile copy (Blogger's mobile template,
  ``rel=canonical`` to the desktop address); label pages ``/search/label/X`` and the year and
  month archives list the posts truncated; ``/p/`` pages hold the profile, a service index
  and the contact. One post tells three letters (SKU, domisili usaha, penghasilan); the
  pengantar nikah post's requirements are an image with a short caption.

It writes the sites' entries in the manifest and ``sources/sample-kota-jambi.yaml``, judges
their service posts into the existing rows of the query files that judge the city's other
kelurahan pages of the same service (``TWINS``; the highest grade of those a row gives), and
appends their own queries q2160-q2189 to ``eval/devset.tsv``. Idempotent.

Usage: .venv/bin/python tools/make_village21_sites.py
"""

# ruff: noqa: E501  (page prose keeps real pages' long lines)
from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_office_site import judge_query_files, register, write_site  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sikoja.demo.server import route_key  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SITES = REPO / "sikoja" / "demo" / "sites"
OPENSID = {
    "name": "village21-wijayapura",
    "offset": 131,
    "family": "opensid-cosmos",
    "opd": "Kelurahan Wijaya Pura",
    "kecamatan": "Kecamatan Jambi Selatan",
}
BLOG = {
    "name": "village21-kebunhandil",
    "offset": 132,
    "family": "blogger-sora",
    "opd": "Kelurahan Kebun Handil",
    "kecamatan": "Kecamatan Jelutung",
}
OP, BP = 8701 + OPENSID["offset"], 8701 + BLOG["offset"]
MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def e(text: str) -> str:
    return html.escape(text, quote=True)


def url(port: int, path: str) -> str:
    return f"http://127.0.0.1:{port}{path}"


def tgl(date: str) -> str:
    y, m, d = (int(x) for x in date.split("-"))
    return f"{d} {MONTHS[m - 1]} {y}"


def plain(body: str) -> str:
    """The text of an article body, as a theme's ``potong_teks`` or Blogger's snippet sees it."""
    out, inside = [], False
    for ch in body:
        if ch == "<":
            inside = True
        elif ch == ">":
            inside = False
            out.append(" ")
        elif not inside:
            out.append(ch)
    return " ".join(html.unescape("".join(out)).split())


def cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n].rsplit(" ", 1)[0]


def ol(items: list[str]) -> str:
    return "<ol>" + "".join(f"<li>{e(i)}</li>" for i in items) + "</ol>"


def ul(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>"


# -- the services, as the two kelurahan told them ----------------------------------------------

SKTM_REQ = [
    "Surat pengantar RT/RW",
    "Fotokopi KTP-el pemohon",
    "Fotokopi Kartu Keluarga",
    "Surat pernyataan tidak mampu bermaterai (blanko dari kelurahan)",
]
DOMISILI_REQ = [
    "Surat pengantar RT/RW",
    "Fotokopi KTP/KK",
    "Bagi pendatang: surat keterangan domisili dari daerah asal",
]

# OpenSID articles: (id, date, slug, category id, title, body, comments)
O_ARTICLES = [
    (
        61,
        "2024-02-12",
        "syarat-dan-cara-membuat-sktm-di-kelurahan-wijaya-pura",
        3,
        "Syarat dan Cara Membuat SKTM di Kelurahan Wijaya Pura",
        "<p>Surat Keterangan Tidak Mampu (SKTM) diberikan kepada warga Kelurahan Wijaya Pura yang membutuhkan keringanan biaya sekolah, berobat di rumah sakit atau pengajuan bantuan sosial. Layanan ini gratis dan selesai pada hari yang sama.</p>"
        "<p>Persyaratan yang dibawa ke kantor lurah seperti pada gambar di bawah ini:</p>"
        '<p><img src="/desa/upload/artikel/sedang_1707712000_syarat-sktm.jpg" class="img-fluid" alt="Persyaratan SKTM: surat pengantar RT/RW, fotokopi KTP-el, fotokopi Kartu Keluarga, surat pernyataan tidak mampu bermaterai" width="600" height="800"></p>'
        "<p>Setelah berkas lengkap, petugas memeriksa data pada Data Terpadu Kesejahteraan Sosial (DTKS). Lurah menandatangani surat dan pemohon dapat mengambilnya di loket pelayanan pada jam kerja, Senin sampai Jumat pukul 08.00-15.00 WIB.</p>",
        [
            (
                "Bu Rosmiati",
                "2024-02-20",
                "Apakah SKTM bisa dipakai untuk daftar kuliah lewat jalur KIP?",
            ),
            ("Admin", "2024-02-21", "Bisa bu, sertakan juga surat keterangan dari sekolah."),
        ],
    ),
    (
        62,
        "2024-03-18",
        "pelayanan-surat-keterangan-domisili",
        3,
        "Pelayanan Surat Keterangan Domisili",
        "<p>Kelurahan Wijaya Pura melayani pembuatan Surat Keterangan Domisili bagi warga yang tinggal di wilayah kelurahan, termasuk pendatang yang KTP-nya masih dari daerah lain, untuk keperluan melamar pekerjaan, membuka rekening bank atau mendaftar sekolah.</p>"
        "<p><strong>Persyaratan:</strong></p>"
        + ol(DOMISILI_REQ)
        + "<p><strong>Prosedur:</strong> pemohon menyerahkan berkas di loket, operator mencetak surat dari aplikasi OpenSID, Lurah menandatangani. Waktu penyelesaian sekitar 10 menit. Biaya: gratis.</p>",
        [
            ("Dedi", "2024-04-02", "Kalau untuk domisili usaha warung apakah sama syaratnya pak?"),
            ("Admin", "2024-04-03", "Untuk usaha silakan lihat artikel surat keterangan usaha."),
        ],
    ),
    (
        63,
        "2024-05-06",
        "persyaratan-surat-menyurat-di-kelurahan",
        3,
        "Persyaratan Surat-Menyurat di Kelurahan",
        "<p>Berikut persyaratan beberapa surat keterangan yang dilayani di kantor Kelurahan Wijaya Pura. Semua layanan tidak dipungut biaya.</p>"
        "<h4>1. Surat Pengantar Nikah (N1-N4)</h4><p>Untuk calon pengantin yang akan mendaftar nikah di KUA Kecamatan Jambi Selatan.</p>"
        + ol(
            [
                "Surat pengantar RT/RW",
                "Fotokopi KTP-el dan Kartu Keluarga calon pengantin",
                "Fotokopi akta kelahiran",
                "Pas foto 2x3 dan 4x6 latar biru masing-masing 4 lembar",
                "Bagi duda/janda: akta cerai atau surat keterangan kematian pasangan",
            ]
        )
        + "<h4>2. Surat Keterangan Ahli Waris</h4>"
        + ol(
            [
                "Surat pengantar RT/RW",
                "Surat keterangan kematian pewaris",
                "Fotokopi KTP dan KK seluruh ahli waris",
                "Surat pernyataan ahli waris disaksikan dua orang saksi",
            ]
        )
        + "<h4>3. Surat Keterangan Belum Menikah</h4>"
        + ol(["Surat pengantar RT/RW", "Fotokopi KTP-el", "Fotokopi Kartu Keluarga"])
        + "<h4>4. Surat Keterangan Penghasilan</h4>"
        + ol(["Surat pengantar RT/RW", "Fotokopi KTP-el dan KK", "Keterangan pekerjaan dari RT"]),
        [
            ("Fajar", "2024-05-10", "Pengantar nikah berapa hari jadinya?"),
            ("Admin", "2024-05-11", "Satu hari kerja bila berkas lengkap."),
        ],
    ),
    (
        64,
        "2024-07-22",
        "surat-keterangan-usaha-untuk-pengajuan-kur",
        3,
        "Surat Keterangan Usaha untuk Pengajuan KUR",
        "<p>Pelaku usaha mikro di Kelurahan Wijaya Pura dapat meminta Surat Keterangan Usaha (SKU) sebagai syarat pengajuan Kredit Usaha Rakyat (KUR) di bank.</p>"
        "<p><strong>Persyaratan:</strong></p>"
        + ol(
            [
                "Surat pengantar RT/RW",
                "Fotokopi KTP-el dan KK",
                "Foto tempat usaha",
                "Surat pernyataan memiliki usaha",
            ]
        )
        + "<p>Petugas dapat meninjau tempat usaha sebelum surat ditandatangani Lurah. Layanan gratis.</p>",
        [],
    ),
    (
        65,
        "2024-09-09",
        "pelaporan-kematian-warga",
        3,
        "Pelaporan Kematian Warga",
        "<p>Keluarga yang ditinggalkan melaporkan kematian warga ke kelurahan paling lambat 30 hari untuk mendapatkan Surat Keterangan Kematian, yang menjadi syarat penerbitan akta kematian di Disdukcapil Kota Jambi.</p>"
        "<p><strong>Persyaratan:</strong></p>"
        + ol(
            [
                "Surat pengantar RT/RW",
                "Surat keterangan kematian dari rumah sakit/puskesmas (bila ada)",
                "KTP-el dan KK almarhum/almarhumah",
                "KTP-el pelapor dan dua orang saksi",
            ]
        ),
        [("Yusuf", "2024-09-15", "Apakah KTP almarhum harus diserahkan?")],
    ),
    (
        66,
        "2024-10-14",
        "gotong-royong-bersihkan-drainase-rt-08",
        1,
        "Gotong Royong Bersihkan Drainase RT 08",
        "<p>Warga RT 08 bersama Lurah Wijaya Pura membersihkan saluran drainase menjelang musim hujan. Kegiatan diikuti Babinsa dan Bhabinkamtibmas.</p>",
        [],
    ),
    (
        67,
        "2024-11-04",
        "posyandu-lansia-melati-bulan-november",
        1,
        "Posyandu Lansia Melati Bulan November",
        "<p>Posyandu Lansia Melati melayani pemeriksaan tekanan darah dan gula darah gratis bagi warga lanjut usia setiap Kamis minggu pertama.</p>",
        [],
    ),
]
O_CATEGORIES = {1: "Berita Kelurahan", 3: "Layanan Administrasi"}
O_COMMENTS_WIDGET = [
    ("Rina", "Kapan jadwal pembagian SPPT PBB tahun ini?"),
    ("Dedi", "Kalau untuk domisili usaha warung apakah sama syaratnya pak?"),
    ("Bu Rosmiati", "Apakah SKTM bisa dipakai untuk daftar kuliah lewat jalur KIP?"),
    ("Fajar", "Pengantar nikah berapa hari jadinya?"),
]


def o_slug_path(a: tuple) -> str:
    y, m, d = (int(x) for x in a[1].split("-"))
    return f"/index.php/artikel/{y}/{m}/{d}/{a[2]}"


def o_widgets() -> str:
    recent = sorted(O_ARTICLES, key=lambda a: a[1], reverse=True)
    arsip = "".join(
        f'<li><a href="/index.php/first/artikel/{a[0]}">{e(a[4])}</a></li>' for a in recent
    )
    komentar = "".join(
        f'<li><strong>{e(n)}</strong>: <a href="/index.php/first/artikel/{O_ARTICLES[0][0]}">{e(t)}</a></li>'
        for n, t in O_COMMENTS_WIDGET
    )
    box = '<div class="box box-primary box-solid"><div class="box-header"><h3 class="box-title">{}</h3></div><div class="box-body">{}</div></div>'
    return "".join(
        [
            box.format(
                '<i class="fa fa-user"></i> Aparatur Kelurahan',
                '<ul class="aparatur"><li>H. Syamsul Bahri, S.Sos &mdash; Lurah</li><li>Nurhayati, S.E. &mdash; Sekretaris Kelurahan</li><li>Andi Saputra &mdash; Kasi Pemerintahan</li></ul>',
            ),
            box.format(
                '<a href="/index.php/first/arsip"><i class="fa fa-archive"></i> Arsip Artikel</a>',
                f'<ul id="ul-menu">{arsip}</ul>',
            ),
            box.format(
                '<i class="fa fa-calendar"></i> Agenda',
                "<ul><li>Musyawarah Kelurahan, 20 Januari 2025, Aula Kantor Lurah</li><li>Posyandu Lansia Melati, Kamis minggu pertama</li></ul>",
            ),
            box.format(
                '<i class="fa fa-comments"></i> Komentar Terkini',
                f'<ul class="komentar-widget">{komentar}</ul>',
            ),
            box.format(
                '<i class="fa fa-bar-chart"></i> Statistik Pengunjung',
                "<table><tr><td>Hari ini</td><td>37</td></tr><tr><td>Kemarin</td><td>52</td></tr><tr><td>Total</td><td>18.904</td></tr></table>",
            ),
        ]
    )


def o_page(title: str, main: str) -> bytes:
    nav = (
        '<ul class="ace-responsive-menu"><li><a href="/">Beranda</a></li>'
        '<li><a href="/index.php/first/artikel/1">Profil Kelurahan</a></li>'
        '<li><a href="/index.php/first/kategori/3">Layanan</a></li>'
        '<li><a href="/index.php/first/kategori/1">Berita</a></li>'
        '<li><a href="/index.php/peraturan-desa">Produk Hukum</a></li>'
        '<li><a href="/index.php/informasi-publik">Informasi Publik</a></li>'
        '<li><a href="/index.php/layanan-mandiri/masuk">Layanan Mandiri</a></li></ul>'
    )
    doc = f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} - Website Kelurahan Wijaya Pura</title>
<meta name="description" content="Website Resmi Kelurahan Wijaya Pura Kecamatan Jambi Selatan Kota Jambi">
<meta property="og:site_name" content="Kelurahan Wijaya Pura">
<link rel="stylesheet" href="/themes/cosmos/vendor/bootstrap/css/bootstrap.min.css">
<link rel="stylesheet" href="/themes/cosmos/assets/css/style.min.css">
<script src="/themes/cosmos/vendor/jquery/jquery.min.js"></script>
</head>
<body>
<header id="header"><div class="container"><div class="d-flex align-items-center">
<img src="/desa/logo/logo_wijayapura.png" alt="Logo Kelurahan Wijaya Pura" height="60">
<div class="ml-3"><h1 class="h4 m-0">Kelurahan Wijaya Pura</h1><p class="m-0">Kecamatan Jambi Selatan, Kota Jambi, Provinsi Jambi</p></div></div></div></header>
<nav id="main-nav" class="bg-teal"><div class="container">{nav}</div></nav>
<section id="main-content"><main><div class="container"><div class="col-12 px-0"><div class="row m-0 justify-content-between">
<div class="col-lg-8 bg-white justify-content-start">{main}</div>
<aside class="col-lg-4 justify-content-end"><div class="widget">{o_widgets()}</div></aside>
</div></div></div></main></section>
<footer id="footer"><div class="container"><p>Kantor Kelurahan Wijaya Pura, Jl. Kapten Pattimura, Kecamatan Jambi Selatan, Kota Jambi. Telp. (0741) 570112</p>
<p>&copy; 2024 Kelurahan Wijaya Pura. Powered by <a href="https://github.com/OpenSID/OpenSID">OpenSID</a> v24.04 &middot; Tema Cosmos</p></div></footer>
</body>
</html>
"""
    return doc.encode("utf-8")


def o_card(a: tuple) -> str:
    abstrak = cut(plain(a[5]), 180)
    return (
        f'<div class="col-lg-4 col-md-6 col-sm-12 mb-4"><div class="card">'
        f'<div class="card-image"><a href="{o_slug_path(a)}"><img src="/assets/images/404-image-not-found.jpg" alt="" class="img-fluid"></a></div>'
        f'<div class="card-body"><a href="/index.php/first/kategori/{a[3]}"><span class="kategori-berita">{e(O_CATEGORIES[a[3]])}</span></a>'
        f'<a href="{o_slug_path(a)}"><div class="judul-berita">{e(a[4])}</div></a><p>{e(abstrak)}...</p></div>'
        f'<div class="card-footer"><div class="meta-berita"><span><i class="fa fa-calendar-alt"></i> {tgl(a[1])}</span> <span><i class="fa fa-user"></i> Administrator</span></div></div></div></div>'
    )


def o_article(a: tuple) -> str:
    comments = ""
    if a[6]:
        comments = (
            f'<div class="py-2 pl-4 bg-light"><h4 class="h5 font-weight-bold m-0">{len(a[6])} Komentar atas artikel {e(a[4])}</h4></div><ul class="comment-section">'
            + "".join(
                f'<li class="comment user-comment"><div class="info"><a href="#!">{e(n)}</a><span>{tgl(d)}</span></div><p>{e(t)}</p></li>'
                for n, d, t in a[6]
            )
            + "</ul>"
        )
    form = (
        '<div class="form-group group-komentar" id="kolom-komentar"><div class="mb-3 font-weight-bold h6">Silakan tulis komentar dalam formulir berikut ini (Gunakan bahasa yang santun)</div>'
        f'<form id="form-komentar" action="/index.php/first/add_comment/{a[0]}" method="POST"><label>Nama</label><input name="owner"><label>No. HP</label><input name="no_hp"><label>Komentar</label><textarea name="komentar"></textarea><button type="submit">KIRIM KOMENTAR</button></form></div>'
    )
    return (
        f'<h2 class="judul-artikel">{e(a[4])}</h2><div class="posting"><div class="meta-berita">'
        f'<span><i class="fa fa-calendar-alt"></i> {tgl(a[1])}</span> <span><i class="fa fa-user"></i> Administrator</span> '
        f'<span><i class="fa fa-tag"></i> {e(O_CATEGORIES[a[3]])}</span></div>'
        f'<article>{a[5]}</article><div id="share" class="my-5 mx-auto text-center"></div>'
        f'<section class="komentar py-4">{comments}{form}</section></div>'
    )


def build_opensid() -> dict[str, bytes]:
    routes: dict[str, str] = {}
    files: dict[str, bytes] = {}

    def put(route: str, file: str, title: str, main: str) -> None:
        routes[route] = file
        files[file] = o_page(title, main)

    recent = sorted(O_ARTICLES, key=lambda a: a[1], reverse=True)
    home = (
        f'<div class="headline"><h2 class="judul-artikel"><a href="{o_slug_path(recent[0])}">{e(recent[0][4])}</a></h2><p>{e(cut(plain(recent[0][5]), 250))}</p></div>'
        '<h3 class="h3 py-5 mt-2 text-center">Artikel Terkini</h3><div class="row mb-5 mx-auto" id="article-content-wrapper">'
        + "".join(o_card(a) for a in recent)
        + "</div>"
        '<section id="telusuri-by"><a href="/index.php/first/kategori/1">Berita</a> <a href="/index.php/first/kategori/3">Layanan</a> <a href="/index.php/peraturan-desa">Peraturan</a></section>'
    )
    put("/", "index.html", "Beranda", home)
    routes["/index.php"] = "index.html"
    for cat, name in O_CATEGORIES.items():
        items = [a for a in recent if a[3] == cat]
        put(
            f"/index.php/first/kategori/{cat}",
            f"first/kategori/{cat}.html",
            name,
            f'<h3 class="h3 py-5 mt-2 text-center">{e(name)}</h3><div class="row mb-5 mx-auto">'
            + "".join(o_card(a) for a in items)
            + "</div>",
        )
    for a in O_ARTICLES:
        slug_file = o_slug_path(a).removeprefix("/index.php/") + ".html"
        put(o_slug_path(a), slug_file, a[4], o_article(a))
        routes[f"/index.php/first/artikel/{a[0]}"] = slug_file  # the older route, same page
    put(
        "/index.php/first/artikel/1",
        "first/artikel/1.html",
        "Profil Kelurahan",
        '<h2 class="judul-artikel">Profil Kelurahan Wijaya Pura</h2><article><p>Kelurahan Wijaya Pura berada di Kecamatan Jambi Selatan, Kota Jambi, dengan luas wilayah 1,2 km2, 28 RT dan sekitar 9.800 jiwa penduduk. Kantor kelurahan melayani surat-menyurat warga Senin sampai Jumat pukul 08.00-15.00 WIB.</p></article>',
    )
    put(
        "/index.php/first/arsip",
        "first/arsip.html",
        "Arsip Artikel",
        '<h3>Arsip Artikel</h3><table class="table"><tr><th>No</th><th>Tanggal</th><th>Judul</th></tr>'
        + "".join(
            f'<tr><td>{i}</td><td>{tgl(a[1])}</td><td><a href="{o_slug_path(a)}">{e(a[4])}</a></td></tr>'
            for i, a in enumerate(recent, 1)
        )
        + "</table>",
    )
    put(
        "/index.php/peraturan-desa",
        "peraturan-desa.html",
        "Produk Hukum",
        '<h3>Produk Hukum</h3><table class="table"><tr><th>Judul</th><th>Jenis</th><th>Tahun</th></tr>'
        "<tr><td>Keputusan Lurah tentang Pembentukan Pengurus RT/RW Periode 2024-2027</td><td>Keputusan Lurah</td><td>2024</td></tr>"
        "<tr><td>Peraturan Wali Kota Jambi tentang Standar Pelayanan Kelurahan</td><td>Peraturan Wali Kota</td><td>2022</td></tr></table>",
    )
    put(
        "/index.php/informasi-publik",
        "informasi-publik.html",
        "Informasi Publik",
        '<h3>Informasi Publik</h3><table class="table"><tr><th>Nama Dokumen</th><th>Kategori</th><th>Tahun</th></tr>'
        "<tr><td>Daftar Informasi Publik Kelurahan Wijaya Pura</td><td>Informasi Berkala</td><td>2024</td></tr>"
        "<tr><td>Laporan Penggunaan Dana Kelurahan</td><td>Informasi Berkala</td><td>2023</td></tr></table>",
    )
    put(
        "/index.php/layanan-mandiri/masuk",
        "layanan-mandiri/masuk.html",
        "Layanan Mandiri",
        "<h3>Layanan Mandiri</h3><p>Silakan masuk dengan NIK dan PIN untuk mengajukan surat secara mandiri.</p>"
        '<form action="/index.php/layanan-mandiri/cek" method="post"><input name="nik" placeholder="NIK"><input type="password" name="pin" placeholder="PIN"><button>MASUK</button></form>',
    )
    # the theme's stylesheets the pages link (a grid and the theme's colours, no more)
    files["themes/cosmos/vendor/bootstrap/css/bootstrap.min.css"] = (
        b".container{max-width:1140px;margin:0 auto}.row{display:flex;flex-wrap:wrap}"
        b".col-lg-8{flex:0 0 66%}.col-lg-4{flex:0 0 33%}.card{border:1px solid #ddd}\n"
    )
    files["themes/cosmos/assets/css/style.min.css"] = (
        b".bg-teal{background:#008080}.judul-artikel{font-size:1.6rem}"
        b".meta-berita span{margin-right:1em;color:#777}.box-title{font-weight:700}\n"
    )
    files["_routes.json"] = (json.dumps(dict(sorted(routes.items())), indent=1) + "\n").encode()
    return files


# -- the Blogger blog ----------------------------------------------------------------------------

# posts: (date, slug, labels, title, body, comments)
B_POSTS = [
    (
        "2024-01-15",
        "syarat-membuat-sktm-di-kelurahan-kebun",
        ["Layanan"],
        "Syarat Membuat SKTM di Kelurahan Kebun Handil",
        "<div>Warga Kelurahan Kebun Handil yang memerlukan Surat Keterangan Tidak Mampu (SKTM) untuk keringanan biaya sekolah, berobat atau bantuan sosial dapat mengurusnya di kantor lurah. Tidak dipungut biaya.</div><div><br></div>"
        "<div><b>Persyaratan SKTM:</b></div>"
        + ol(SKTM_REQ)
        + "<div><b>Alur pelayanan:</b></div>"
        + ol(
            [
                "Minta surat pengantar ke Ketua RT dan RW",
                "Serahkan berkas ke loket pelayanan kelurahan",
                "Petugas memeriksa data DTKS",
                "Surat ditandatangani Lurah dan diserahkan hari itu juga",
            ]
        ),
        [("Hendra", "2024-01-20", "Min, SKTM untuk BPJS PBI apa bisa?")],
    ),
    (
        "2024-02-19",
        "pengantar-nikah-n1-n4-di-kelurahan",
        ["Layanan"],
        "Pengantar Nikah (N1-N4) di Kelurahan",
        "<div>Calon pengantin warga Kebun Handil yang akan menikah mengurus surat pengantar nikah (model N1 sampai N4) di kelurahan sebelum mendaftar ke KUA Kecamatan Jelutung.</div>"
        '<div class="separator" style="clear: both;"><a href="https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEh/s1600/syarat-pengantar-nikah.jpg" style="display: block; padding: 1em 0; text-align: center;"><img alt="syarat pengantar nikah kelurahan kebun handil" border="0" width="400" src="https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEh/s400/syarat-pengantar-nikah.jpg"/></a></div>'
        "<div><i>Keterangan gambar: pengantar RT/RW, fotokopi KTP dan KK, akta kelahiran, pas foto 2x3 dan 4x6 latar biru, akta cerai bagi duda/janda.</i></div>"
        "<div>Berkas yang lengkap selesai dalam satu hari kerja. Setelah itu bawa surat N1-N4 ke KUA paling lambat 10 hari kerja sebelum akad.</div>",
        [
            ("Putri", "2024-02-25", "Kalau calon suami dari luar kota, pengantarnya dari mana ya?"),
            (
                "Kelurahan Kebun Handil",
                "2024-02-26",
                "Dari kelurahan tempat tinggal calon suami kak.",
            ),
        ],
    ),
    (
        "2024-04-08",
        "surat-keterangan-usaha-domisili-usaha-dan",
        ["Layanan", "UMKM"],
        "Surat Keterangan Usaha, Domisili Usaha dan Penghasilan",
        "<div>Kelurahan Kebun Handil melayani tiga surat keterangan yang sering diminta pelaku usaha kecil dan pekerja informal. Semuanya gratis.</div>"
        "<h3>Surat Keterangan Usaha (SKU)</h3><div>Untuk pengajuan KUR, bantuan modal UMKM atau pembukaan rekening usaha.</div>"
        + ul(["Pengantar RT/RW", "Fotokopi KTP dan KK", "Foto tempat usaha"])
        + "<h3>Surat Keterangan Domisili Usaha</h3><div>Untuk usaha yang berlokasi di wilayah Kebun Handil.</div>"
        + ul(["Pengantar RT/RW", "Fotokopi KTP pemilik", "Bukti sewa/kepemilikan tempat usaha"])
        + "<h3>Surat Keterangan Penghasilan</h3><div>Untuk beasiswa atau keringanan UKT anak.</div>"
        + ul(["Pengantar RT/RW", "Fotokopi KTP dan KK", "Surat pernyataan penghasilan"]),
        [],
    ),
    (
        "2024-05-27",
        "surat-keterangan-domisili-warga",
        ["Layanan"],
        "Surat Keterangan Domisili Warga",
        "<div>Surat Keterangan Domisili diberikan kepada warga yang bertempat tinggal di Kebun Handil, termasuk perantau yang KTP-nya belum pindah, untuk melamar kerja, mendaftar sekolah atau membuka rekening.</div>"
        "<div><b>Syarat:</b></div>"
        + ol(DOMISILI_REQ)
        + "<div>Lama pelayanan sekitar 10 menit. Gratis.</div>",
        [("Arif", "2024-06-01", "Anak kos bisa bikin surat domisili di sini kak?")],
    ),
    (
        "2024-07-15",
        "lapor-kematian-warga-ke-kelurahan",
        ["Layanan", "Kependudukan"],
        "Lapor Kematian Warga ke Kelurahan",
        "<div>Jika ada anggota keluarga yang meninggal dunia, laporkan ke kelurahan untuk mendapatkan surat keterangan kematian sebagai syarat akta kematian di Disdukcapil.</div>"
        + ol(
            [
                "Surat pengantar RT/RW",
                "Surat keterangan meninggal dari rumah sakit/puskesmas bila ada",
                "KTP-el dan KK almarhum",
                "KTP-el pelapor dan dua orang saksi",
            ]
        ),
        [],
    ),
    (
        "2024-08-19",
        "pengantar-skck-dari-kelurahan",
        ["Layanan"],
        "Pengantar SKCK dari Kelurahan",
        "<div>Surat pengantar dari kelurahan diperlukan untuk membuat SKCK di Polsek Jelutung atau Polresta Jambi.</div>"
        + ol(
            ["Surat pengantar RT/RW", "Fotokopi KTP-el dan KK", "Pas foto 4x6 latar merah 2 lembar"]
        ),
        [],
    ),
    (
        "2024-10-07",
        "lomba-kebersihan-antar-rt-2024",
        ["Berita"],
        "Lomba Kebersihan Antar RT 2024",
        "<div>Kelurahan Kebun Handil menggelar lomba kebersihan antar RT. Penilaian meliputi drainase, bank sampah dan penghijauan.</div>",
        [],
    ),
    (
        "2024-11-11",
        "jadwal-posyandu-balita-desember",
        ["Berita", "Kesehatan"],
        "Jadwal Posyandu Balita Desember",
        "<div>Posyandu Balita Anggrek buka setiap Selasa minggu kedua di balai RT 12. Bawa buku KIA.</div>",
        [],
    ),
]
B_PAGES = {
    "profil-kelurahan": (
        "Profil Kelurahan",
        "<div>Kelurahan Kebun Handil berada di Kecamatan Jelutung, Kota Jambi. Kantor kelurahan di Jl. Sersan Anwar Bay melayani warga Senin-Jumat pukul 08.00-15.30 WIB.</div>",
    ),
    "daftar-layanan": ("Daftar Layanan", "__index__"),
    "kontak": (
        "Kontak",
        "<div>Kantor Kelurahan Kebun Handil, Jl. Sersan Anwar Bay, Kecamatan Jelutung, Kota Jambi. WhatsApp pelayanan 0812-7400-1133.</div>",
    ),
}


def b_path(p: tuple) -> str:
    y, m, _ = p[0].split("-")
    return f"/{y}/{m}/{p[1]}.html"


def b_snippet(p: tuple, n: int = 110) -> str:
    return cut(plain(p[4]), n) + "…"


def m_url(path: str) -> str:
    """The address of a page's copy in Blogger's mobile template."""
    bare, _, query = path.partition("?")
    return route_key(bare, query + ("&" if query else "") + "m=1")


def b_sidebar(path: str) -> str:
    popular = [B_POSTS[0], B_POSTS[3], B_POSTS[1]]
    pop = "".join(
        f'<li><div class="item-title"><a href="{b_path(p)}">{e(p[3])}</a></div><div class="item-snippet">{e(b_snippet(p, 80))}</div></li>'
        for p in popular
    )
    labels = sorted({label for p in B_POSTS for label in p[2]})
    lab = "".join(
        f'<li><a class="label-name" href="/search/label/{label}">{label}</a><span class="label-count">{sum(label in p[2] for p in B_POSTS)}</span></li>'
        for label in labels
    )
    years = sorted({p[0][:7] for p in B_POSTS}, reverse=True)
    arc = "".join(
        f'<li><a class="post-count-link" href="/{ym[:4]}/{ym[5:]}/">{MONTHS[int(ym[5:]) - 1]} {ym[:4]}</a></li>'
        for ym in years
    )
    return (
        f'<div class="sidebar section" id="sidebar"><div class="widget PopularPosts" id="PopularPosts1"><h3 class="title">Postingan Populer</h3><div class="widget-content popular-posts"><ul>{pop}</ul></div></div>'
        f'<div class="widget Label" id="Label1"><h3 class="title">Label</h3><div class="widget-content list-label-widget-content"><ul>{lab}</ul></div></div>'
        f'<div class="widget BlogArchive" id="BlogArchive1"><h3 class="title">Arsip Blog</h3><div class="widget-content"><ul class="flat">{arc}</ul></div></div></div>'
    )


def b_page(title: str, path: str, main: str, mobile: bool) -> bytes:
    full = url(BP, path)
    pages = "".join(
        f'<li><a href="/p/{slug}.html">{e(t)}</a></li>' for slug, (t, _) in B_PAGES.items()
    )
    head_title = f"{e(title)}" if path == "/" else f"{e(title)} - Kelurahan Kebun Handil"
    canonical = f'<link href="{full}" rel="canonical"/>'
    head = (
        f"<!DOCTYPE html>\n<html class='v2' dir='ltr' lang='id'>\n<head>\n<meta content='width=device-width, initial-scale=1' name='viewport'/>\n"
        f"<title>{head_title}</title>\n<meta content='text/html; charset=UTF-8' http-equiv='Content-Type'/>\n<meta content='blogger' name='generator'/>\n"
        f"{canonical}\n<link href='{url(BP, m_url(path))}' media='only screen and (max-width: 640px)' rel='alternate'/>\n<link rel='alternate' type='application/atom+xml' title='Kelurahan Kebun Handil - Atom' href='{url(BP, '/feeds/posts/default')}'/>\n"
        f"<meta content='{full}' property='og:url'/>\n<meta content='{e(title)}' property='og:title'/>\n</head>\n"
    )
    if mobile:
        main = re.sub(
            r"""href=(['"])(/[^'"]*)\1""", lambda m: f"href={m[1]}{m_url(m[2])}{m[1]}", main
        )
        body = (
            f"<body class='mobile'><div class='mobile-header'><a href='/?m=1'>Kelurahan Kebun Handil</a></div>"
            f"<div class='mobile-main'>{main}</div><div class='mobile-footer'><a href='{path}'>Lihat versi web</a><br/>Diberdayakan oleh Blogger.</div></body>\n</html>\n"
        )
    else:
        body = (
            f"<body class='index home'>\n<div id='outer-wrapper'>\n<div id='header-wrap'><div class='header-header'><h1><a href='/'>Kelurahan Kebun Handil</a></h1><p>Kecamatan Jelutung, Kota Jambi</p></div>"
            f"<nav id='main-menu'><ul id='main-menu-nav'><li><a href='/'>Beranda</a></li><li><a href='/search/label/Layanan'>Layanan</a></li><li><a href='/search/label/Berita'>Berita</a></li>{pages}</ul></nav></div>\n"
            f"<div id='content-wrapper'><div id='main-wrapper'><div class='main section' id='main'><div class='widget Blog' id='Blog1'>{main}</div></div></div>\n"
            f"<div id='sidebar-wrapper'>{b_sidebar(path)}</div></div>\n"
            f"<div id='footer-wrapper'><div class='footer-menu'><ul>{pages}</ul></div><div id='sub-footer'>Copyright &#169; 2024 Kelurahan Kebun Handil &#183; Template by Sora Templates</div></div>\n</div>\n</body>\n</html>\n"
        )
    return (head + body).encode("utf-8")


def b_index_post(p: tuple) -> str:
    return (
        f"<div class='blog-post hentry index-post'><div class='post-image-wrap'><a class='post-image-link' href='{b_path(p)}'><img class='post-thumb' alt='{e(p[3])}' src='https://blogger.googleusercontent.com/img/b/R29vZ2xl/thumb/w640-h360-p-k-no-nu/thumb.jpg'/></a>"
        f"<span class='post-tag'>{e(p[2][0])}</span></div><div class='post-info'><h2 class='post-title'><a href='{b_path(p)}'>{e(p[3])}</a></h2>"
        f"<div class='post-meta'><span class='post-author'>Admin Kelurahan</span><span class='post-date published' datetime='{p[0]}T08:00:00+07:00'>{tgl(p[0])}</span></div>"
        f"<p class='post-snippet'>{e(b_snippet(p))}</p><a class='read-more' href='{b_path(p)}'>Baca Selengkapnya</a></div></div>"
    )


def b_listing(heading: str, posts: list[tuple], older: str = "") -> str:
    status = f"<div class='blog-status'>{heading}</div>" if heading else ""
    pager = (
        f"<div class='blog-pager' id='blog-pager'><a class='blog-pager-older-link' href='{older}'>Postingan Lama</a></div>"
        if older
        else ""
    )
    return (
        status
        + "<div class='blog-posts hfeed index-post-wrap'>"
        + "".join(b_index_post(p) for p in posts)
        + "</div>"
        + pager
    )


def b_item(p: tuple) -> str:
    i = B_POSTS.index(p)
    related = [q for q in B_POSTS if q is not p and set(q[2]) & set(p[2])][:3]
    rel = "".join(
        f"<li class='related-item'><a class='related-title' href='{b_path(q)}'>{e(q[3])}</a><p class='related-snippet'>{e(b_snippet(q, 90))}</p></li>"
        for q in related
    )
    newer = B_POSTS[i + 1] if i + 1 < len(B_POSTS) else None
    older = B_POSTS[i - 1] if i > 0 else None
    pager = "<ul class='post-pager'>"
    if newer:
        pager += f"<li class='post-newer'><a href='{b_path(newer)}'><span>Posting Lebih Baru</span><p>{e(newer[3])}</p></a></li>"
    if older:
        pager += f"<li class='post-older'><a href='{b_path(older)}'><span>Posting Lama</span><p>{e(older[3])}</p></a></li>"
    pager += "</ul>"
    labels = "".join(f"<a href='/search/label/{label}' rel='tag'>{label}</a>" for label in p[2])
    comments = "".join(
        f"<li class='comment'><div class='comment-block'><div class='comment-header'><cite class='user'>{e(n)}</cite><span class='datetime'>{tgl(d)}</span></div><p class='comment-content'>{e(t)}</p></div></li>"
        for n, d, t in p[5]
    )
    return (
        f"<nav id='breadcrumb'><a href='/'>Beranda</a> &#8250; <a href='/search/label/{p[2][0]}'>{p[2][0]}</a> &#8250; <span>{e(p[3])}</span></nav>"
        f"<div class='post hentry item-post'><h1 class='post-title entry-title'>{e(p[3])}</h1>"
        f"<div class='post-meta'><span class='post-author vcard'>Admin Kelurahan</span> <span class='post-date published'>{tgl(p[0])}</span></div>"
        f"<div class='post-body entry-content' id='post-body-{7100 + i}'>{p[4]}</div>"
        f"<div class='post-labels'><span>Tags:</span>{labels}</div><div class='post-share'><a href='https://www.facebook.com/sharer.php?u={url(BP, b_path(p))}'>Facebook</a> <a href='https://api.whatsapp.com/send?text={url(BP, b_path(p))}'>WhatsApp</a></div>"
        f"<div id='related-wrap'><div class='title-wrap'><h3>Artikel Terkait</h3></div><ul class='related-posts'>{rel}</ul></div>{pager}</div>"
        f"<div class='comments' id='comments'><h4>{len(p[5])} komentar</h4><ol class='comment-thread'>{comments}</ol><p class='comment-footer'><a href='https://www.blogger.com/comment/fullpage/post/7401/{7100 + i}'>Posting Komentar</a></p></div>"
    )


def b_static(slug: str) -> str:
    title, body = B_PAGES[slug]
    if body == "__index__":
        body = (
            "<div>Layanan administrasi Kelurahan Kebun Handil (klik judul untuk persyaratan):</div><ul>"
            + "".join(
                f"<li><a href='{b_path(p)}'>{e(p[3])}</a></li>"
                for p in B_POSTS
                if "Layanan" in p[2]
            )
            + "</ul>"
        )
    return f"<div class='post hentry item-post static-page'><h1 class='post-title entry-title'>{e(title)}</h1><div class='post-body entry-content'>{body}</div></div>"


def build_blog() -> dict[str, bytes]:
    routes: dict[str, str] = {}
    files: dict[str, bytes] = {}

    def put(path: str, file: str, title: str, main: str) -> None:
        bare, _, query = path.partition("?")
        routes[route_key(bare, query)] = file
        files[file] = b_page(title, path, main, mobile=False)
        mobile_file = file.removesuffix(".html") + "-m1.html"
        routes[route_key(bare, query + ("&" if query else "") + "m=1")] = mobile_file
        files[mobile_file] = b_page(title, path, main, mobile=True)

    newest = sorted(B_POSTS, key=lambda p: p[0], reverse=True)
    first, rest = newest[:6], newest[6:]
    older = route_key("/search", f"updated-max={first[-1][0]}T08:00:00+07:00&max-results=6")
    put("/", "index.html", "Kelurahan Kebun Handil", b_listing("", first, older))
    put(older, "search-older.html", "Kelurahan Kebun Handil", b_listing("", rest))
    for label in sorted({label for p in B_POSTS for label in p[2]}):
        posts = [p for p in newest if label in p[2]]
        put(
            f"/search/label/{label}",
            f"search/label/{label}.html",
            label,
            b_listing(
                f"Menampilkan postingan dengan label <b>{label}</b>. Tampilkan semua postingan",
                posts,
            ),
        )
    for ym in sorted({p[0][:7] for p in B_POSTS}):
        y, m = ym.split("-")
        posts = [p for p in newest if p[0].startswith(ym)]
        put(f"/{y}/{m}/", f"{y}/{m}/index.html", f"{MONTHS[int(m) - 1]} {y}", b_listing("", posts))
    for p in B_POSTS:
        put(b_path(p), b_path(p).lstrip("/"), p[3], b_item(p))
    for slug, (title, _) in B_PAGES.items():
        put(f"/p/{slug}.html", f"p/{slug}.html", title, b_static(slug))
    entries = "".join(
        f"<entry><id>tag:blogger.com,1999:blog-7401.post-{7100 + B_POSTS.index(p)}</id><published>{p[0]}T08:00:00.000+07:00</published>"
        f"<title type='text'>{e(p[3])}</title><summary type='text'>{e(b_snippet(p))}</summary>"
        f"<link rel='alternate' type='text/html' href='{url(BP, b_path(p))}' title='{e(p[3])}'/></entry>"
        for p in newest
    )
    files["feeds/posts/default.xml"] = (
        "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<id>tag:blogger.com,1999:blog-7401</id><title type='text'>Kelurahan Kebun Handil</title>{entries}</feed>\n"
    ).encode()
    routes["/feeds/posts/default"] = "feeds/posts/default.xml"
    files["robots.txt"] = (
        f"User-agent: *\nDisallow: /search\nAllow: /\n\nSitemap: {url(BP, '/sitemap.xml')}\n".encode()
    )
    sitemap = "".join(
        f"<url><loc>{url(BP, b_path(p))}</loc><lastmod>{p[0]}T08:00:00Z</lastmod></url>"
        for p in newest
    )
    files["sitemap.xml"] = (
        "<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        + sitemap
        + "</urlset>\n"
    ).encode()
    routes["/robots.txt"] = "robots.txt"
    routes["/sitemap.xml"] = "sitemap.xml"
    files["_routes.json"] = (json.dumps(dict(sorted(routes.items())), indent=1) + "\n").encode()
    return files


# -- judgments -------------------------------------------------------------------------------


def o_url(article_id: int) -> str:
    a = next(a for a in O_ARTICLES if a[0] == article_id)
    return url(OP, o_slug_path(a))


def b_url(slug: str) -> str:
    p = next(p for p in B_POSTS if p[1] == slug)
    return url(BP, b_path(p))


PAGES = {
    "o-sktm": o_url(61),
    "o-domisili": o_url(62),
    "o-surat": o_url(63),
    "o-sku": o_url(64),
    "o-kematian": o_url(65),
    "o-layanan": url(OP, "/index.php/first/kategori/3"),
    "b-sktm": b_url("syarat-membuat-sktm-di-kelurahan-kebun"),
    "b-nikah": b_url("pengantar-nikah-n1-n4-di-kelurahan"),
    "b-sku": b_url("surat-keterangan-usaha-domisili-usaha-dan"),
    "b-domisili": b_url("surat-keterangan-domisili-warga"),
    "b-kematian": b_url("lapor-kematian-warga-ke-kelurahan"),
    "b-skck": b_url("pengantar-skck-dari-kelurahan"),
    "b-layanan": url(BP, "/p/daftar-layanan.html"),
}
# the city's other kelurahan pages of each service: a row judging one of them judges ours the same
_PAKUAN = "http://127.0.0.1:8752/artikel/2024"
TWINS = {
    "o-sktm": (f"{_PAKUAN}/7/15/persyaratan-sktm-untuk-sekolah-dan-bantuan",),
    "b-sktm": (f"{_PAKUAN}/7/15/persyaratan-sktm-untuk-sekolah-dan-bantuan",),
    "o-domisili": (
        f"{_PAKUAN}/7/8/cara-mengurus-surat-keterangan-domisili-di-kelurahan-pakuan-baru",
    ),
    "b-domisili": (
        f"{_PAKUAN}/7/8/cara-mengurus-surat-keterangan-domisili-di-kelurahan-pakuan-baru",
    ),
    "o-kematian": (f"{_PAKUAN}/9/16/melaporkan-kematian-warga-dan-mengurus-akta-kematian",),
    "b-kematian": (f"{_PAKUAN}/9/16/melaporkan-kematian-warga-dan-mengurus-akta-kematian",),
    "o-sku": (f"{_PAKUAN}/8/5/persyaratan-surat-keterangan-usaha-untuk-pinjaman-kur",),
    "b-sku": (f"{_PAKUAN}/8/5/persyaratan-surat-keterangan-usaha-untuk-pinjaman-kur",),
    "o-surat": (
        f"{_PAKUAN}/10/7/syarat-surat-keterangan-ahli-waris-di-kelurahan",
        f"{_PAKUAN}/11/4/surat-keterangan-belum-pernah-menikah",
        "http://127.0.0.1:8812/index.php?option=com_k2&view=item&id=19:surat-pengantar-nikah&Itemid=115",
    ),
    "b-nikah": (
        "http://127.0.0.1:8812/index.php?option=com_k2&view=item&id=19:surat-pengantar-nikah&Itemid=115",
    ),
    "b-skck": (
        "http://127.0.0.1:8812/index.php?option=com_k2&view=item&id=18:surat-pengantar-skck&Itemid=115",
    ),
}
# written before the sites were crawled: (category, query, "page:grade" items)
QUERIES = [
    ("formal", "persyaratan surat keterangan tidak mampu kelurahan wijaya pura", "o-sktm:2"),
    ("formal", "surat keterangan domisili kelurahan wijaya pura", "o-domisili:2"),
    ("formal", "surat keterangan ahli waris kelurahan wijaya pura", "o-surat:2"),
    ("formal", "persyaratan surat pengantar nikah kelurahan kebun handil", "b-nikah:2"),
    ("formal", "surat keterangan usaha kelurahan kebun handil", "b-sku:2"),
    ("colloquial", "cara bikin sktm di kelurahan kebun handil", "b-sktm:2"),
    ("colloquial", "mau urus surat belum menikah di wijaya pura bawa apa", "o-surat:2"),
    ("colloquial", "anak kos mau bikin surat domisili di kebun handil", "b-domisili:2"),
    ("colloquial", "minta surat usaha buat pinjam kur di wijaya pura", "o-sku:2"),
    ("abbreviation", "sktm kel wijaya pura", "o-sktm:2"),
    ("abbreviation", "sku kel kebun handil", "b-sku:2"),
    ("abbreviation", "n1 n4 pengantar nikah kebun handil", "b-nikah:2"),
    ("jambi-malay", "nak buat sktm di kebun handil bawak apo bae", "b-sktm:2"),
    ("jambi-malay", "cakmano ngurus surat kematian di wijaya pura", "o-kematian:2"),
    ("jambi-malay", "nak minta pengantar skck di kebun handil", "b-skck:2"),
    ("english", "certificate of low income wijaya pura village", "o-sktm:2"),
    ("english", "marriage cover letter kebun handil village office", "b-nikah:2"),
    ("english", "death report letter kebun handil", "b-kematian:2"),
    ("problem", "anak mau kuliah jalur kip butuh surat tidak mampu wijaya pura", "o-sktm:2"),
    ("problem", "mau nikah di kua jelutung urus surat apa dulu di kebun handil", "b-nikah:2"),
    ("problem", "anak butuh keringanan ukt perlu surat penghasilan kebun handil", "b-sku:2"),
    ("problem", "bapak meninggal di rumah lapor ke kelurahan wijaya pura", "o-kematian:2"),
    ("typo", "surat keterangan domisli wijaya pura", "o-domisili:2"),
    ("typo", "surat keterangn tidak mampuu kebun handil", "b-sktm:2"),
    ("typo", "pengantr skck kelurahn kebun handil", "b-skck:2"),
    ("old-term", "surat keterangan miskin kelurahan wijaya pura", "o-sktm:2"),
    ("old-term", "surat kelakuan baik dari lurah kebun handil", "b-skck:2"),
    ("old-term", "surat keterangan penghasilan orang tua wijaya pura", "o-surat:2"),
    (
        "app",
        "layanan surat kelurahan wijaya pura opensid",
        "o-layanan:2 o-sktm:1 o-domisili:1 o-surat:1 o-sku:1 o-kematian:1",
    ),
    ("app", "daftar layanan kelurahan kebun handil blogspot", "b-layanan:2"),
]
FIRST_QID = 2160


def twin_rows(relevant: str) -> str:
    """A row's judgments with these sites' page of each service judged as the city's other
    kelurahan pages of it are (the highest grade of those the row judges)."""
    items = relevant.split()
    grades = dict(item.rsplit("=", 1) for item in items)
    added: dict[str, str] = {}
    for key, twins in TWINS.items():
        found = [grades[twin] for twin in twins if twin in grades]
        if found and PAGES[key] not in grades:
            added[PAGES[key]] = max(found)
    return " ".join(items + [f"{u}={g}" for u, g in added.items()])


def own(rows: list[list[str]]) -> list[str]:
    out = []
    for n, (category, query, spec) in enumerate(QUERIES):
        grades = {PAGES[k]: g for k, g in (item.split(":") for item in spec.split())}
        relevant = " ".join(
            f"{u}={g}" for u, g in sorted(grades.items(), key=lambda x: (-int(x[1]), x[0]))
        )
        out.append(f"q{FIRST_QID + n}\t{category}\t{query}\t{relevant}")
    return out


def main() -> int:
    assert len(QUERIES) == 30
    for site, files in ((OPENSID, build_opensid()), (BLOG, build_blog())):
        write_site(SITES / site["name"], files)
        register(
            site["name"],
            site["opd"],
            site["offset"],
            site["family"],
            url(8701 + site["offset"], ""),
        )
        print(f"{site['name']}: {len(files)} files")
    judge_query_files(twin_rows, FIRST_QID, len(QUERIES), own)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
