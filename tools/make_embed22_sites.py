"""Generate the sample sites ``embed22-perkim`` and ``embed22-bpbd``: Standar Pelayanan shown
only through document-viewer plugins.

Many OPD pages say little themselves ("Silakan baca standar pelayanan berikut") and show the
service's standard in a viewer a CMS plugin draws from a PDF in the site's uploads; no plain
link to the file is on the page. These two sites imitate the common plugins (their markup as
the plugins print it, written here anew):

- ``embed22-perkim`` (family ``wordpress-flipbook-embeds``, port offset 135), a WordPress
  site of the Dinas Perumahan dan Kawasan Permukiman: the 3D FlipBook (dFlip) shortcode with
  its PDF in the ``source`` attribute of ``<div class="_df_book">``; the same plugin's
  flipbook post, whose PDF is only in the options object of the inline
  ``window.option_df_<id> = {...}`` script; Real3D FlipBook's ``data-flipbook-options`` JSON
  (``pdfUrl``); and PDF Embedder's ``<a class="pdfemb-viewer">`` (a plain link underneath).
- ``embed22-bpbd`` (family ``joomla-pdf-embed-plugins``, port offset 136), a Joomla site of the
  Badan Penanggulangan Bencana Daerah: a native ``<object data=... type="application/pdf">``
  with an ``<embed>`` inside, a Google Docs viewer frame (``docs.google.com/viewer?url=``,
  another host naming the site's own file) and a PDF.js viewer frame served by the plugin
  (``/plugins/content/pdfembed/pdfjs/web/viewer.html?file=``, a script shell).

The PDFs are text PDFs written by ``make_sample_sites.make_pdf`` (no dependency). The script
also writes the sites' entries in the manifest and ``sources/sample-kota-jambi.yaml``, appends
their own queries q2320-q2349 to ``eval/devset.tsv`` (the embedding page judged 2: it is the
service's page once it takes its standard's fields, as a page linking its standard is) and
judges their pages into the existing rows that ask for the same service (``ALSO``).
Idempotent: re-running rewrites the same bytes.

Usage: .venv/bin/python tools/make_embed22_sites.py
"""

# ruff: noqa: E501  (page prose keeps real pages' long lines)

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from make_office_site import append_devset_rows, e, register, write_site
from make_sample_sites import make_pdf

REPO = Path(__file__).resolve().parents[1]
SITES = REPO / "sikoja" / "demo" / "sites"
FIRST_QID = 2320


# (slug, title, facts) of each service; the facts are what only the PDF says
PERKIM = {
    "name": "embed22-perkim",
    "offset": 135,
    "family": "wordpress-flipbook-embeds",
    "opd": "Dinas Perumahan dan Kawasan Permukiman Kota Jambi",
    "short": "Disperkim Kota Jambi",
    "address": "Jl. H. Agus Salim No. 7, Kota Baru, Kota Jambi 36128, Telp. (0741) 583214",
}
BPBD = {
    "name": "embed22-bpbd",
    "offset": 136,
    "family": "joomla-pdf-embed-plugins",
    "opd": "Badan Penanggulangan Bencana Daerah Kota Jambi",
    "short": "BPBD Kota Jambi",
    "address": "Jl. Jenderal Sudirman No. 41, Thehok, Jambi Selatan, Kota Jambi 36138, Pusdalops (0741) 40112",
}
SERVICES = {
    "rusunawa": {
        "title": "Sewa Rusunawa (Rumah Susun Sederhana Sewa)",
        "requirements": [
            "Fotokopi KTP-el Kota Jambi suami dan istri",
            "Fotokopi Kartu Keluarga",
            "Surat keterangan belum memiliki rumah dari Lurah setempat",
            "Surat keterangan penghasilan atau slip gaji (masyarakat berpenghasilan rendah)",
            "Pas foto berwarna 3x4 sebanyak 2 lembar",
            "Surat pernyataan bersedia mematuhi tata tertib penghuni bermaterai",
        ],
        "procedure": [
            "Pemohon mengambil formulir pendaftaran di kantor UPTD Rusunawa",
            "Menyerahkan formulir dan berkas persyaratan",
            "Verifikasi berkas dan wawancara calon penghuni",
            "Penetapan calon penghuni sesuai ketersediaan unit",
            "Penandatanganan surat perjanjian sewa dan pembayaran uang jaminan",
        ],
        "duration": "14 (empat belas) hari kerja sejak berkas lengkap",
        "cost": "Retribusi sewa per bulan sesuai Perda Kota Jambi tentang Pajak Daerah dan Retribusi Daerah: lantai 2 Rp225.000, lantai 3 Rp200.000, lantai 4 Rp175.000",
        "legal_basis": "Permen PUPR Nomor 1 Tahun 2018 tentang Bantuan Pembangunan dan Pengelolaan Rusun",
        "location": "UPTD Rusunawa Dinas Perumahan dan Kawasan Permukiman Kota Jambi",
        "product": "Surat Perjanjian Sewa Satuan Rusunawa",
    },
    "psu": {
        "title": "Penyerahan Prasarana, Sarana dan Utilitas (PSU) Perumahan",
        "requirements": [
            "Surat permohonan penyerahan PSU dari pengembang perumahan",
            "Fotokopi akta pendirian badan usaha pengembang",
            "Rencana tapak (site plan) yang telah disahkan",
            "Fotokopi Persetujuan Bangunan Gedung (PBG)",
            "Daftar dan gambar PSU yang akan diserahkan (jalan, saluran drainase, taman, fasilitas umum)",
            "Fotokopi sertifikat tanah lokasi PSU",
        ],
        "procedure": [
            "Pengembang mengajukan permohonan kepada Kepala Dinas",
            "Verifikasi administrasi oleh tim verifikasi PSU",
            "Pemeriksaan fisik PSU di lokasi perumahan dan berita acara pemeriksaan",
            "Berita acara serah terima administrasi dan fisik PSU kepada Pemerintah Kota Jambi",
        ],
        "duration": "30 (tiga puluh) hari kerja",
        "cost": "Tidak dipungut biaya",
        "legal_basis": "Permendagri Nomor 9 Tahun 2009 tentang Pedoman Penyerahan Prasarana, Sarana dan Utilitas Perumahan",
        "location": "Bidang Kawasan Permukiman, Dinas Perumahan dan Kawasan Permukiman Kota Jambi",
        "product": "Berita Acara Serah Terima PSU",
    },
    "pemakaman": {
        "title": "Izin Penggunaan Tanah Makam di Tempat Pemakaman Umum (TPU)",
        "requirements": [
            "Surat keterangan kematian dari Lurah atau rumah sakit",
            "Fotokopi KTP-el dan Kartu Keluarga almarhum/almarhumah",
            "Fotokopi KTP-el ahli waris yang mengurus",
            "Surat pernyataan ahli waris tentang pemeliharaan makam",
        ],
        "procedure": [
            "Ahli waris melapor kepada petugas pengelola TPU",
            "Petugas menentukan petak makam",
            "Pembayaran retribusi pelayanan pemakaman",
            "Izin penggunaan tanah makam diterbitkan",
        ],
        "duration": "1 (satu) hari kerja; pemakaman dapat dilakukan pada hari yang sama",
        "cost": "Retribusi pelayanan pemakaman Rp100.000 per petak untuk 3 tahun, dapat diperpanjang",
        "legal_basis": "Perda Kota Jambi tentang Pajak Daerah dan Retribusi Daerah",
        "location": "Kantor pengelola TPU Kota Jambi dan Bidang Pertamanan dan Pemakaman Disperkim",
        "product": "Izin Penggunaan Tanah Makam",
    },
    "siteplan": {
        "title": "Pengesahan Rencana Tapak (Site Plan) Perumahan",
        "requirements": [
            "Surat permohonan pengesahan rencana tapak",
            "Fotokopi KTP-el pemohon atau penanggung jawab badan usaha",
            "Fotokopi sertifikat tanah",
            "Konfirmasi Kesesuaian Kegiatan Pemanfaatan Ruang (KKPR)",
            "Gambar rencana tapak yang ditandatangani perencana",
            "Rekomendasi peil banjir dari Dinas PUPR",
        ],
        "procedure": [
            "Pemohon mengajukan berkas ke loket Disperkim",
            "Pemeriksaan berkas dan peninjauan lapangan",
            "Pembahasan rencana tapak oleh tim teknis",
            "Pengesahan rencana tapak oleh Kepala Dinas",
        ],
        "duration": "14 (empat belas) hari kerja",
        "cost": "Tidak dipungut biaya",
        "legal_basis": "PP Nomor 12 Tahun 2021 tentang Perubahan atas PP Nomor 14 Tahun 2016 tentang Penyelenggaraan Perumahan dan Kawasan Permukiman",
        "location": "Loket pelayanan Dinas Perumahan dan Kawasan Permukiman Kota Jambi",
        "product": "Rencana tapak yang disahkan",
    },
    "sk-bencana": {
        "title": "Surat Keterangan Terdampak Bencana",
        "requirements": [
            "Surat pengantar dari RT dan Lurah tempat kejadian",
            "Fotokopi KTP-el dan Kartu Keluarga korban",
            "Foto kondisi rumah atau harta benda yang terdampak",
            "Laporan kejadian dari Pusdalops atau kelurahan",
        ],
        "procedure": [
            "Korban atau keluarga mengajukan permohonan ke BPBD",
            "Verifikasi data kejadian oleh Pusdalops",
            "Peninjauan lapangan oleh Tim Reaksi Cepat bila belum dikaji",
            "Penandatanganan surat keterangan oleh Kepala Pelaksana BPBD",
        ],
        "duration": "3 (tiga) hari kerja",
        "cost": "Gratis",
        "legal_basis": "UU Nomor 24 Tahun 2007 tentang Penanggulangan Bencana",
        "location": "Kantor BPBD Kota Jambi",
        "product": "Surat Keterangan Terdampak Bencana (untuk mengurus dokumen yang hilang, klaim asuransi dan bantuan)",
    },
    "logistik": {
        "title": "Permohonan Bantuan Logistik Korban Bencana",
        "requirements": [
            "Surat permohonan dari Lurah atau Camat",
            "Data korban: nama, NIK dan jumlah jiwa per kepala keluarga",
            "Foto kejadian bencana (banjir, kebakaran, angin puting beliung, tanah longsor)",
        ],
        "procedure": [
            "Permohonan disampaikan ke Pusdalops BPBD atau Call Center 112",
            "Kaji cepat kebutuhan oleh Tim Reaksi Cepat",
            "Penyaluran bantuan logistik: makanan siap saji, beras, tenda, selimut dan perlengkapan keluarga",
            "Berita acara serah terima bantuan ditandatangani penerima dan Lurah",
        ],
        "duration": "1 x 24 jam setelah kaji cepat",
        "cost": "Gratis",
        "legal_basis": "Peraturan BNPB Nomor 4 Tahun 2018 tentang Sistem Penanggulangan Darurat Bencana",
        "location": "Gudang logistik dan Pusdalops BPBD Kota Jambi",
        "product": "Bantuan logistik dan berita acara serah terima",
    },
    "sosialisasi": {
        "title": "Permohonan Sosialisasi dan Simulasi Kesiapsiagaan Bencana",
        "requirements": [
            "Surat permohonan ditujukan kepada Kepala Pelaksana BPBD Kota Jambi",
            "Usulan jadwal, tempat dan jumlah peserta (sekolah, kantor, kelurahan atau komunitas)",
            "Narahubung panitia yang dapat dihubungi",
        ],
        "procedure": [
            "Surat permohonan diterima bagian umum BPBD",
            "Penjadwalan oleh Bidang Pencegahan dan Kesiapsiagaan",
            "Pelaksanaan sosialisasi dan simulasi evakuasi (gempa, banjir, kebakaran)",
            "Evaluasi dan laporan kegiatan",
        ],
        "duration": "Dijadwalkan paling lama 7 (tujuh) hari kerja sejak surat diterima",
        "cost": "Gratis",
        "legal_basis": "Perka BNPB Nomor 4 Tahun 2012 tentang Pedoman Penerapan Sekolah/Madrasah Aman dari Bencana",
        "location": "Di lokasi pemohon (sekolah, kantor, kelurahan)",
        "product": "Kegiatan sosialisasi dan simulasi kesiapsiagaan bencana",
    },
}


def standard_lines(opd: str, key: str) -> list[str]:
    """The standard as OPDs type it: kop, the service's name, then its components."""
    f = SERVICES[key]
    lines = [opd.upper(), f"STANDAR PELAYANAN: {f['title'].upper()}", "", "1. Persyaratan:"]
    lines += [f"   - {r}" for r in f["requirements"]]
    lines.append("2. Sistem, Mekanisme dan Prosedur:")
    lines += [f"   {n}) {p}" for n, p in enumerate(f["procedure"], start=1)]
    components = (
        ("Jangka Waktu Penyelesaian", f["duration"]),
        ("Biaya/Tarif", f["cost"]),
        ("Produk Pelayanan", f["product"]),
        ("Dasar Hukum", f["legal_basis"]),
        ("Tempat Pelayanan", f["location"]),
    )
    lines += [f"{n}. {label}: {value}" for n, (label, value) in enumerate(components, start=3)]
    lines += [
        "",
        "Pengaduan: SP4N-LAPOR! (lapor.go.id), aplikasi SiKesal atau Call Center 112.",
        f"Ditetapkan di Kota Jambi oleh Kepala {opd}.",
    ]
    return lines


def pdf(site: dict, key: str) -> bytes:
    return make_pdf(f"Standar Pelayanan {SERVICES[key]['title']}", standard_lines(site["opd"], key))


# -- WordPress (Disperkim) -------------------------------------------------------------------

PERKIM_PAGES = {  # key: (path, the plugin markup's maker)
    "rusunawa": "/layanan/sewa-rusunawa/",
    "psu": "/layanan/penyerahan-psu/",
    "pemakaman": "/layanan/izin-pemakaman-tpu/",
    "siteplan": "/layanan/pengesahan-site-plan/",
}
WP_UPLOADS = "/wp-content/uploads/2024/07"


def wp_file(key: str) -> str:
    return f"{WP_UPLOADS}/SP-{SERVICES[key]['title'].split(' (')[0].replace(' ', '-').replace(',', '')}.pdf"


def wp_viewer(key: str) -> str:
    """The plugin markup each page shows its standard through."""
    src = wp_file(key)
    if key == "rusunawa":  # dFlip shortcode with the PDF given in the shortcode: ``source``
        return (
            f'<div class="_df_book df-lite" id="df_sp_rusunawa" data-title="standar-pelayanan-sewa-rusunawa" '
            f'wpoptions="true" thumbtype="bg" source="{src}"></div>'
        )
    if key == "psu":  # a dFlip flipbook post: the PDF only in its options script
        options = {
            "outline": [],
            "autoEnableOutline": "false",
            "autoEnableThumbnail": "false",
            "overwritePDFOutline": "false",
            "direction": "1",
            "pageSize": "0",
            "source": src,
            "wpOptions": "true",
        }
        code = json.dumps(options).replace("/", "\\/")
        return (
            '<div class="_df_book df-lite" id="df_412" _slug="standar-pelayanan-psu" '
            'data-title="standar-pelayanan-psu" wpoptions="true" thumbtype="bg"></div>'
            '<script class="df-shortcode-script" type="application/javascript">'
            f"window.option_df_412 = {code}; if(window.DFLIP && window.DFLIP.parseBooks)"
            "{window.DFLIP.parseBooks();}</script>"
        )
    if key == "pemakaman":  # Real3D FlipBook: JSON options in a data- attribute
        options = {
            "id": "3",
            "name": "SP Pemakaman",
            "pdfUrl": src,
            "mode": "normal",
            "viewMode": "webgl",
            "zoomMin": "0.9",
            "singlePageMode": "false",
            "btnDownloadPdf": {"enabled": "true"},
            "lightboxThumbnailUrl": "",
        }
        return (
            f'<div class="real3dflipbook" id="3" style="position:absolute;" '
            f'data-flipbook-options="{e(json.dumps(options))}"></div>'
        )
    # PDF Embedder: a link the plugin's script turns into a viewer
    return (
        f'<a href="{src}" class="pdfemb-viewer" style="" data-width="max" data-height="max" '
        f'data-toolbar="bottom" data-toolbar-fixed="off">SP-Pengesahan-Site-Plan<br/></a>'
    )


def wp_render(site: dict, title: str, body: str, path: str) -> str:
    menu = "".join(
        f'<li class="menu-item"><a href="{p}">{e(SERVICES[k]["title"])}</a></li>'
        for k, p in PERKIM_PAGES.items()
    )
    return f"""<!DOCTYPE html>
<html lang="id-ID">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} &#8211; {e(site["short"])}</title>
<link rel="canonical" href="http://127.0.0.1:{8701 + site["offset"]}{path}">
<link rel="stylesheet" id="dflip-style-css" href="/wp-content/plugins/3d-flipbook-dflip-lite/assets/css/dflip.min.css?ver=2.3.48" media="all">
<script src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
</head>
<body class="page-template-default page">
<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="/" rel="home">{e(site["short"])}</a></p>
<p class="site-description">{e(site["opd"])}</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li class="menu-item"><a href="/">Beranda</a></li>
<li class="menu-item menu-item-has-children"><a href="/layanan/">Layanan</a><ul class="sub-menu">{menu}</ul></li>
<li class="menu-item"><a href="/profil/">Profil</a></li></ul></nav></header>
<div id="content" class="site-content"><main id="primary" class="site-main">
<article class="page type-page status-publish hentry"><header class="entry-header"><h1 class="entry-title">{e(title)}</h1></header>
<div class="entry-content">
{body}
</div></article></main>
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">Tautan</h2>
<ul><li><a href="/layanan/">Daftar Layanan</a></li><li><a href="/profil/">Profil Dinas</a></li></ul></section></aside></div>
<footer id="colophon" class="site-footer"><div class="site-info">{e(site["opd"])} &middot; {e(site["address"])}</div></footer>
<script data-cfasync="false" src="/wp-content/plugins/3d-flipbook-dflip-lite/assets/js/dflip.min.js?ver=2.3.48" id="dflip-script-js"></script>
</body>
</html>
"""


def site_files(render: Callable[[str, str, str], str]) -> tuple[dict, dict, Callable]:
    """(files, routes, page): ``page(path, title, body)`` writes a page ``render`` lays out
    at ``p/<its path's last words>.html`` and routes its path there."""
    files: dict[str, bytes] = {}
    routes: dict[str, str] = {}

    def page(path: str, title: str, body: str) -> None:
        slug = path.strip("/").removeprefix("index.php/").replace("/", "-")
        name = "p/" + slug + ".html" if slug else "index.html"
        files[name] = render(title, body, path).encode()
        routes[path] = name

    return files, routes, page


def build_perkim(site: dict) -> tuple[dict[str, bytes], dict[str, str]]:
    files, routes, page = site_files(lambda title, body, path: wp_render(site, title, body, path))

    items = "".join(
        f'<li><a href="{p}">{e(SERVICES[k]["title"])}</a></li>' for k, p in PERKIM_PAGES.items()
    )
    page(
        "/",
        "Beranda",
        f"<p>Selamat datang di laman resmi {e(site['opd'])}. Kami melayani urusan perumahan rakyat, "
        "kawasan permukiman, pertamanan dan pemakaman di Kota Jambi.</p>"
        f"<h2>Layanan Kami</h2><ul>{items}</ul>",
    )
    page(
        "/layanan/",
        "Layanan",
        f"<p>Standar pelayanan Disperkim Kota Jambi dapat dibaca pada halaman setiap layanan.</p><ul>{items}</ul>",
    )
    page(
        "/profil/",
        "Profil",
        f"<p>{e(site['opd'])} dibentuk berdasarkan Peraturan Wali Kota Jambi tentang "
        f"kedudukan, susunan organisasi, tugas dan fungsi perangkat daerah.</p><p>Alamat: {e(site['address'])}</p>",
    )
    for key, path in PERKIM_PAGES.items():
        title = SERVICES[key]["title"]
        page(
            path,
            title,
            f"<p>Silakan baca standar pelayanan {e(title.split(' (')[0])} berikut.</p>\n"
            f"{wp_viewer(key)}\n<p>Informasi lebih lanjut hubungi loket pelayanan pada jam kerja.</p>",
        )
        files[wp_file(key).lstrip("/")] = pdf(site, key)
    files["wp-content/plugins/3d-flipbook-dflip-lite/assets/css/dflip.min.css"] = (
        b"._df_book{min-height:480px;position:relative}\n"
    )
    return files, routes


# -- Joomla (BPBD) ---------------------------------------------------------------------------

BPBD_PAGES = {
    "sk-bencana": "/index.php/layanan/surat-keterangan-terdampak-bencana",
    "logistik": "/index.php/layanan/bantuan-logistik",
    "sosialisasi": "/index.php/layanan/sosialisasi-kesiapsiagaan",
}
JOOMLA_DOCS = "/images/dokumen/standar-pelayanan"
PDFJS = "/plugins/content/pdfembed/pdfjs/web/viewer.html"


def jm_file(key: str) -> str:
    return f"{JOOMLA_DOCS}/sp-{key}-2024.pdf"


def jm_viewer(site: dict, key: str) -> str:
    src = jm_file(key)
    if key == "sk-bencana":  # the browser's own viewer: <object> with an <embed> inside
        return (
            f'<object class="pdfembed" data="{src}" type="application/pdf" width="100%" height="800">'
            f'<embed src="{src}" type="application/pdf" width="100%" height="800"></object>'
        )
    if key == "logistik":  # the plugin set to Google's viewer: another host names our file
        absolute = f"http://127.0.0.1:{8701 + site['offset']}{src}"
        return (
            f'<iframe src="https://docs.google.com/viewer?url={absolute}&amp;embedded=true" '
            'style="width:100%; height:700px;" frameborder="0"></iframe>'
        )
    return (
        f'<iframe src="{PDFJS}?file={src}#zoom=page-width" width="100%" height="750" '
        'style="border:1px solid #ccc"></iframe>'
    )


def pdfjs_shell() -> str:
    """The plugin's copy of PDF.js's viewer: a page its scripts draw (none of it text)."""
    return """<!DOCTYPE html>
<html dir="ltr" mozdisallowselectionprint>
<head><meta charset="utf-8"><title>PDF.js viewer</title>
<link rel="stylesheet" href="viewer.css"><script src="../build/pdf.js"></script><script src="viewer.js"></script></head>
<body tabindex="1"><div id="outerContainer"><div id="mainContainer"><div id="viewerContainer" tabindex="0"><div id="viewer" class="pdfViewer"></div></div></div></div></body>
</html>
"""


def jm_render(site: dict, title: str, body: str, path: str) -> str:
    menu = "".join(
        f'<li class="item-{120 + n}"><a href="{p}">{e(SERVICES[k]["title"])}</a></li>'
        for n, (k, p) in enumerate(BPBD_PAGES.items())
    )
    return f"""<!DOCTYPE html>
<html lang="id-id" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="generator" content="Joomla! - Open Source Content Management">
<title>{e(title)} - {e(site["short"])}</title>
<link href="/media/templates/site/cassiopeia/css/template.min.css" rel="stylesheet">
</head>
<body class="site com_content view-article layout-blog">
<header class="header container-header full-width"><div class="grid-child"><div class="navbar-brand"><a class="brand-logo" href="/">{e(site["short"])}</a>
<div class="site-description">{e(site["opd"])}</div></div></div>
<div class="grid-child container-nav"><ul class="mod-menu mod-list nav"><li class="item-101 default"><a href="/">Beranda</a></li>
<li class="item-110 deeper parent"><a href="/index.php/layanan">Layanan</a><ul class="mod-menu__sub list-unstyled small">{menu}</ul></li>
<li class="item-111"><a href="/index.php/profil">Profil</a></li></ul></div></header>
<div class="site-grid"><div class="grid-child container-component"><main>
<div class="com-content-article item-page" itemscope itemtype="https://schema.org/Article">
<div class="page-header"><h1 itemprop="headline">{e(title)}</h1></div>
<div itemprop="articleBody" class="com-content-article__body">
{body}
</div></div></main></div></div>
<footer class="container-footer footer full-width"><div class="grid-child"><p>{e(site["opd"])}<br>{e(site["address"])}</p></div></footer>
</body>
</html>
"""


def build_bpbd(site: dict) -> tuple[dict[str, bytes], dict[str, str]]:
    files, routes, page = site_files(lambda title, body, path: jm_render(site, title, body, path))

    items = "".join(
        f'<li><a href="{p}">{e(SERVICES[k]["title"])}</a></li>' for k, p in BPBD_PAGES.items()
    )
    page(
        "/",
        "Beranda",
        f"<p>{e(site['opd'])} siaga 24 jam. Laporkan kejadian bencana ke Pusdalops atau Call Center 112.</p>"
        f"<h2>Layanan</h2><ul>{items}</ul>",
    )
    page(
        "/index.php/layanan",
        "Layanan",
        f"<p>Berikut layanan BPBD Kota Jambi beserta standar pelayanannya.</p><ul>{items}</ul>",
    )
    page(
        "/index.php/profil",
        "Profil",
        f"<p>BPBD Kota Jambi melaksanakan penanggulangan bencana di wilayah Kota Jambi.</p><p>{e(site['address'])}</p>",
    )
    for key, path in BPBD_PAGES.items():
        title = SERVICES[key]["title"]
        page(
            path,
            title,
            f"<p>Standar pelayanan {e(title)} dapat dilihat pada dokumen di bawah ini.</p>\n{jm_viewer(site, key)}",
        )
        files[jm_file(key).lstrip("/")] = pdf(site, key)
    files[PDFJS.lstrip("/")] = pdfjs_shell().encode()
    files[PDFJS.rsplit("/", 1)[0].lstrip("/") + "/viewer.css"] = b"#viewer{margin:0 auto}\n"
    files["media/templates/site/cassiopeia/css/template.min.css"] = b"body{margin:0}\n"
    return files, routes


# -- queries -----------------------------------------------------------------------------------

# written before the crawler followed viewers: (category, query, the service's key)
QUERIES = [
    ("formal", "persyaratan sewa rusunawa kota jambi", "rusunawa"),
    ("colloquial", "mau ngontrak di rusun pemkot syaratnya apa", "rusunawa"),
    ("abbreviation", "sewa rusunawa disperkim", "rusunawa"),
    ("english", "low cost rental flat application jambi", "rusunawa"),
    ("typo", "syarat sewa rusunwa", "rusunawa"),
    ("formal", "prosedur penyerahan prasarana sarana utilitas perumahan", "psu"),
    ("abbreviation", "serah terima psu perumahan pengembang", "psu"),
    ("problem", "jalan perumahan rusak developer sudah pergi belum diserahkan ke pemkot", "psu"),
    ("old-term", "penyerahan fasum fasos perumahan ke pemda", "psu"),
    ("formal", "izin penggunaan tanah makam tpu", "pemakaman"),
    ("colloquial", "ngurus izin makam di tpu gimana", "pemakaman"),
    ("jambi-malay", "cakmano nak ngurus kuburan keluargo di tpu", "pemakaman"),
    ("typo", "retribusi pemakamn tpu kota jambi", "pemakaman"),
    ("english", "public cemetery burial permit", "pemakaman"),
    ("formal", "pengesahan rencana tapak perumahan", "siteplan"),
    ("abbreviation", "pengesahan site plan disperkim", "siteplan"),
    ("problem", "mau bangun perumahan gambar tapaknya harus disahkan di mana", "siteplan"),
    ("formal", "surat keterangan terdampak bencana bpbd", "sk-bencana"),
    ("problem", "rumah kebakaran surat surat hangus perlu keterangan korban bencana", "sk-bencana"),
    ("colloquial", "minta surat keterangan korban banjir buat klaim asuransi", "sk-bencana"),
    ("jambi-malay", "umah kami keno angin puting beliung nak minta surat keterangan", "sk-bencana"),
    ("formal", "permohonan bantuan logistik korban bencana", "logistik"),
    ("problem", "warga korban banjir butuh tenda dan makanan", "logistik"),
    ("abbreviation", "bantuan logistik bpbd kota jambi", "logistik"),
    ("typo", "bantuan logistk korbn bencana", "logistik"),
    ("english", "disaster relief supplies request", "logistik"),
    ("formal", "permohonan sosialisasi kesiapsiagaan bencana di sekolah", "sosialisasi"),
    ("colloquial", "sekolah mau ngadain simulasi gempa minta bpbd", "sosialisasi"),
    ("old-term", "penyuluhan siaga bencana dari satlak pb", "sosialisasi"),
    ("english", "disaster preparedness drill for school", "sosialisasi"),
]
# existing rows that ask for one of these services: (qid, key, grade)
ALSO = [("q2107", "logistik", "1"), ("q2109", "logistik", "1")]
# other sites' pages of the same service, acceptable where a query names no office: Dinas
# Sosial's aid to victims of social disasters and fires
OTHERS = {"logistik": {"http://127.0.0.1:8830/#!/layanan/28": "1"}}


def page_url(key: str) -> str:
    site, path = (PERKIM, PERKIM_PAGES[key]) if key in PERKIM_PAGES else (BPBD, BPBD_PAGES[key])
    return f"http://127.0.0.1:{8701 + site['offset']}{path}"


def write_queries() -> None:
    append_devset_rows(
        FIRST_QID, QUERIES, ALSO, page_url,
        lambda query, key: {} if "bpbd" in query.split() else OTHERS.get(key, {}),
    )


def main() -> int:
    for site, build in ((PERKIM, build_perkim), (BPBD, build_bpbd)):
        files, routes = build(site)
        files["_routes.json"] = (json.dumps(routes, indent=1, sort_keys=True) + "\n").encode()
        write_site(SITES / site["name"], files)
        register(
            site["name"],
            site["opd"],
            site["offset"],
            site["family"],
            f"http://127.0.0.1:{8701 + site['offset']}",
        )
    write_queries()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
