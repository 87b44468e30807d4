"""Write the third held-out web (``eval/heldout3``): ten Kota Jambi sites in ten template
families sikoja had not seen, and the judged queries against them.

    PYTHONPATH=. python tools/make_heldout3_web.py [--data DIR] [--out eval/heldout3]

Written in session 13 by an engineer who read none of sikoja's crawler, indexer, ranking or
vocabulary. Service facts come from the shared fact files (``services.jsonl``); every page is
written here, by hand, in the shape of a real Indonesian local-government CMS. The set is
never tuned on (see ``eval/heldout3/README.md``).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE_PORT = 9001


def default_data_dir() -> Path:
    env = os.environ.get("SIKOJA_FACTS")
    if env:
        return Path(env)
    for cand in (ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data"):
        if (cand / "services.jsonl").is_file():
            return cand
    return ROOT.parent / "shared" / "data"


# --------------------------------------------------------------------------- facts

KEYS = {
    "ktp_baru": "Perekaman dan penerbitan KTP-el baru",
    "ktp_hilang": "KTP-el karena hilang",
    "ktp_ubah": "KTP-el karena perubahan data",
    "kk_baru": "Kartu Keluarga (KK) baru",
    "kk_ubah": "Perubahan KK",
    "kk_hilang": "KK karena hilang",
    "akta_lahir": "Pencatatan kelahiran",
    "akta_mati": "Pencatatan kematian",
    "kia": "Kartu Identitas Anak",
    "pindah_keluar": "SKPWNI",
    "pindah_datang": "Pindah datang",
    "akta_kawin": "perkawinan non-Muslim",
    "akta_cerai": "perceraian",
    "rentan": "penduduk rentan",
    "ikd": "Aktivasi Identitas Kependudukan Digital",
    "legalisir": "Legalisir",
    "jemput": "jemput bola",
    "nib": "Nomor Induk Berusaha",
    "pbg": "Persetujuan Bangunan Gedung",
    "slf": "Sertifikat Laik Fungsi",
    "sip_dokter": "(SIP) Dokter",
    "sipb": "Praktik Bidan",
    "sipp": "Praktik Perawat",
    "izin_reklame": "Izin penyelenggaraan reklame",
    "paspor": "paspor",
    "mpp_info": "Informasi layanan terpadu di MPP",
    "pbb_bayar": "Pembayaran Pajak Bumi",
    "pbb_cek": "Cek tagihan PBB",
    "pbb_mutasi": "Mutasi / balik nama SPPT",
    "pbb_betul": "Pembetulan SPPT",
    "pbb_keberatan": "Keberatan atas ketetapan",
    "pbb_baru": "Pendaftaran objek PBB baru",
    "bphtb": "BPHTB",
    "pajak_resto": "pajak restoran",
    "pajak_hiburan": "Pajak hiburan",
    "pajak_reklame": "=Pajak reklame",
    "beasiswa": "Beasiswa Kartu Bahagia",
    "dtks": "DTKS",
    "uhc": "Jambi Bugar",
    "santunan": "Santunan kematian",
    "ckg": "Cek Kesehatan Gratis",
    "puskesmas": "Pelayanan kesehatan dasar",
    "igd": "Instalasi Gawat Darurat",
    "sampah": "Pengaduan sampah belum terangkut",
    "ak1": "Kartu Tanda Pencari Kerja",
    "balikat": "BALIKAT",
    "banharkat": "BANK HARKAT",
    "jalan": "Pengaduan jalan rusak",
    "drainase": "Pengaduan drainase",
    "pju": "Pengaduan lampu jalan",
    "sikesal": "via SiKesal",
    "cc112": "Call Center 112",
    "ppid": "Permohonan informasi publik",
    "domisili": "Surat Keterangan Domisili",
    "sktm": "Surat Keterangan Tidak Mampu",
    "kampung": "Kampung Bahagia",
    "skck": "SKCK",
    "nikah": "nikah di KUA",
    "lapor": "SP4N-LAPOR",
}

NOTE = re.compile(r"\s*\((?:contoh|general|Kota Jambi Disdukcapil FAQ|asumsi|pernyataan|Kota Jambi 20|"
                  r"Diskominfo 20|UU 14/2008)[^)]*\)")


def clean(text: str) -> str:
    text = NOTE.sub("", text or "").strip()
    text = text.replace("(general-knowledge)", "").replace(" - general", "").strip()
    return "" if text in ("-", "Tidak disebut") else text


def load_facts(data: Path) -> dict[str, dict]:
    rows = [json.loads(line) for line in (data / "services.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    out = {}
    for key, needle in KEYS.items():
        if needle.startswith("="):
            hits = [r for r in rows if r["service"] == needle[1:]]
        else:
            hits = [r for r in rows if needle in r["service"]]
        if len(hits) != 1:
            raise SystemExit(f"fact {key!r}: {len(hits)} services match {needle!r}")
        r = dict(hits[0])
        r["requirements"] = [clean(x) for x in r["requirements"] if clean(x)]
        r["procedure"] = [clean(x) for x in r["procedure"] if clean(x)]
        for k in ("duration", "cost", "legal_basis", "online"):
            r[k] = clean(r.get(k, ""))
        out[key] = r
    return out


def e(text: str) -> str:
    return html.escape(text, quote=True)


def ol(items: list[str], tag: str = "ol") -> str:
    return f"<{tag}>" + "".join(f"<li>{e(i)}</li>" for i in items) + f"</{tag}>"


# --------------------------------------------------------------------------- web model

class Site:
    def __init__(self, name: str, opd: str, offset: int, family: str, charset: str = "utf-8"):
        self.name, self.opd, self.offset, self.family = name, opd, offset, family
        self.charset = charset
        self.files: dict[str, str | bytes] = {}
        self.routes: dict[str, str] = {}

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{BASE_PORT + self.offset}"

    def url(self, path: str) -> str:
        return self.base + path

    def put(self, path: str, body: str | bytes) -> str:
        """A page at a real file path (``/a/b/`` -> ``a/b/index.html``); returns its URL."""
        rel = path.lstrip("/")
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        self.files[rel] = body
        return self.url(path)

    def route(self, key: str, body: str, file: str) -> str:
        """A query-string or extension-less page, served through ``_routes.json``."""
        from sikoja.demo.server import route_key
        path, _, query = key.partition("?")
        rk = route_key(path, query)
        self.routes[rk] = "_q/" + file
        self.files["_q/" + file] = body
        return self.url(key)


ANSWERS: dict[str, list[str]] = {}   # fact key -> URLs of pages that are exactly it


def answer(key: str, url: str) -> str:
    ANSWERS.setdefault(key, []).append(url)
    return url


# --------------------------------------------------------------------------- A WordPress

def site_disdukcapil(f: dict) -> Site:
    s = Site("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil Kota Jambi", 0,
             "wp-sidebar-table")
    name = "Disdukcapil Kota Jambi"
    svcs = [
        ("ktp_baru", "Perekaman KTP-el Pemula", "perekaman-ktp-el-pemula"),
        ("ktp_hilang", "Penggantian KTP-el Hilang / Rusak", "ktp-el-hilang-rusak"),
        ("ktp_ubah", "Cetak Ulang KTP-el Karena Perubahan Data", "ktp-el-perubahan-data"),
        ("kk_baru", "Penerbitan Kartu Keluarga Baru", "kartu-keluarga-baru"),
        ("kk_ubah", "Perubahan Data Kartu Keluarga", "perubahan-kartu-keluarga"),
        ("kk_hilang", "Kartu Keluarga Hilang atau Rusak", "kartu-keluarga-hilang"),
        ("akta_lahir", "Akta Kelahiran", "akta-kelahiran"),
        ("akta_mati", "Akta Kematian", "akta-kematian"),
        ("kia", "Kartu Identitas Anak (KIA)", "kartu-identitas-anak"),
        ("pindah_keluar", "Surat Pindah Keluar (SKPWNI)", "pindah-keluar"),
        ("pindah_datang", "Pindah Datang ke Kota Jambi", "pindah-datang"),
        ("akta_kawin", "Akta Perkawinan", "akta-perkawinan"),
        ("akta_cerai", "Akta Perceraian", "akta-perceraian"),
        ("rentan", "Pendaftaran Penduduk Rentan Adminduk", "penduduk-rentan"),
        ("ikd", "Aktivasi IKD (KTP Digital)", "aktivasi-ikd"),
        ("legalisir", "Legalisir Dokumen", "legalisir-dokumen"),
        ("jemput", "Layanan Jemput Bola", "jemput-bola"),
    ]
    news = [
        ("disdukcapil-raih-penghargaan-pelayanan-prima", "Disdukcapil Kota Jambi Raih Penghargaan Pelayanan Prima",
         "Dinas Kependudukan dan Pencatatan Sipil Kota Jambi menerima penghargaan Pelayanan Prima dari Kementerian PANRB. Kepala Dinas menyampaikan terima kasih kepada seluruh petugas loket dan masyarakat."),
        ("target-perekaman-ktp-pelajar", "Kejar Target Rekam KTP-el, Petugas Datangi SMA",
         "Sekitar delapan ribu warga yang sudah berusia 17 tahun tercatat belum melakukan perekaman. Sebagian besar adalah pelajar. Petugas mendatangi sekolah agar target perekaman 100 persen tercapai."),
        ("jemput-bola-kelurahan-pemekaran", "Jemput Bola di Enam Kelurahan Pemekaran",
         "Tim pelayanan hadir di Bakung Jaya, Pinang Merah, Simpang Rimbo, Kenali Asam, Talang Gulo dan Aur Kenali setiap hari Sabtu."),
        ("sosialisasi-ikd-asn", "Sosialisasi Identitas Kependudukan Digital untuk ASN",
         "Seluruh ASN di lingkungan Pemkot Jambi diminta mengaktifkan IKD di ponsel masing-masing."),
        ("jam-layanan-ramadan", "Penyesuaian Jam Layanan Selama Bulan Ramadan",
         "Selama Ramadan loket pelayanan buka Senin sampai Kamis pukul 08.00-14.00 WIB dan Jumat pukul 08.00-11.00 WIB."),
    ]
    popular = svcs[:6]

    def shell(title: str, crumbs: list[tuple[str, str]], body: str) -> str:
        crumb = " &raquo; ".join(f'<a href="{u}">{e(t)}</a>' for t, u in crumbs)
        side_pop = "".join(f'<li><a href="/layanan/{sl}/">{e(t)}</a></li>' for _, t, sl in popular)
        side_news = "".join(f'<li><a href="/berita/{sl}/">{e(t)}</a></li>' for sl, t, _ in news[:4])
        return f"""<!DOCTYPE html>
<html lang="id-ID">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} &#8211; {name}</title>
<meta name="generator" content="WordPress 6.4.3">
<link rel="stylesheet" id="astra-theme-css-css" href="/wp-content/themes/astra/assets/css/minified/main.min.css?ver=4.6.4" media="all">
<link rel="https://api.w.org/" href="/wp-json/">
</head>
<body class="page-template-default page ast-right-sidebar">
<div id="page" class="hfeed site">
<header class="site-header ast-primary-submenu-animation-fade">
<div class="site-branding"><p class="site-title"><a href="/" rel="home">{name}</a></p>
<p class="site-description">Melayani dengan Hati, Cepat, Tepat dan Tanpa Biaya</p></div>
<nav class="main-header-menu"><ul id="primary-menu">
<li class="menu-item"><a href="/">Beranda</a></li>
<li class="menu-item"><a href="/profil/">Profil</a></li>
<li class="menu-item menu-item-has-children"><a href="/category/layanan/">Layanan</a></li>
<li class="menu-item"><a href="/category/berita/">Berita</a></li>
<li class="menu-item"><a href="/faq/">FAQ</a></li>
<li class="menu-item"><a href="/kontak/">Kontak</a></li>
</ul></nav>
</header>
<div id="content" class="site-content"><div class="ast-container">
<div id="primary" class="content-area primary">
<div class="ast-breadcrumbs-wrapper"><nav class="ast-breadcrumbs">{crumb}</nav></div>
<main id="main" class="site-main">
{body}
</main></div>
<div class="widget-area secondary" id="secondary" role="complementary"><div class="sidebar-main">
<aside class="widget widget_search"><form role="search" method="get" action="/"><input type="search" name="s" placeholder="Cari &hellip;"></form></aside>
<aside class="widget widget_nav_menu"><h2 class="widget-title">Layanan Populer</h2><ul>{side_pop}</ul></aside>
<aside class="widget widget_recent_entries"><h2 class="widget-title">Pos-pos Terbaru</h2><ul>{side_news}</ul></aside>
<aside class="widget widget_text"><h2 class="widget-title">Jam Pelayanan</h2><div class="textwidget"><p>Senin &#8211; Kamis 08.00 &#8211; 15.00 WIB<br>Jumat 08.00 &#8211; 11.30 WIB<br>Sabtu: jemput bola di kelurahan</p></div></aside>
<aside class="widget widget_archive"><h2 class="widget-title">Arsip</h2><ul><li><a href="/category/berita/">Oktober 2025</a></li><li><a href="/category/berita/">September 2025</a></li></ul></aside>
</div></div>
</div></div>
<footer class="site-footer"><div class="ast-small-footer">
<p>Dinas Kependudukan dan Pencatatan Sipil Kota Jambi &middot; Komplek Perkantoran Walikota Jambi, Jl. Jend. Basuki Rahmat, Kotabaru &middot; Semua layanan adminduk GRATIS</p>
<p>Copyright &copy; 2025 {name} | Powered by Astra WordPress Theme</p></div></footer>
</div>
</body></html>
"""

    for key, title, slug in svcs:
        r = f[key]
        rows = [("Persyaratan", ol(r["requirements"])), ("Sistem, Mekanisme dan Prosedur", ol(r["procedure"])),
                ("Jangka Waktu Penyelesaian", e(r["duration"] or "Sesuai antrean")),
                ("Biaya / Tarif", e(r["cost"] or "Gratis")), ("Dasar Hukum", e(r["legal_basis"] or "-"))]
        if r["online"]:
            rows.append(("Layanan Daring", e(r["online"])))
        table = "".join(f"<tr><td>{i}</td><td>{k}</td><td>{v}</td></tr>"
                        for i, (k, v) in enumerate(rows, 1))
        body = f"""<article class="page type-page status-publish ast-article-single">
<header class="entry-header"><h1 class="entry-title" itemprop="headline">{e(title)}</h1></header>
<div class="entry-content clear" itemprop="text">
<p>Standar Pelayanan {e(title)} pada Dinas Kependudukan dan Pencatatan Sipil Kota Jambi.</p>
<figure class="wp-block-table"><table class="has-fixed-layout"><thead><tr><th>No</th><th>Komponen</th><th>Uraian</th></tr></thead>
<tbody>{table}</tbody></table></figure>
<p><strong>Catatan:</strong> Petugas tidak memungut biaya apa pun. Laporkan pungutan liar melalui kanal pengaduan resmi.</p>
</div></article>"""
        answer(key, s.put(f"/layanan/{slug}/", shell(title, [("Beranda", "/"), ("Layanan", "/category/layanan/"), (title, f"/layanan/{slug}/")], body)))

    lst = "".join(f'<article class="post"><h2 class="entry-title"><a href="/layanan/{sl}/">{e(t)}</a></h2>'
                  f'<div class="entry-summary"><p>Standar pelayanan {e(t.lower())}. Baca selengkapnya &raquo;</p></div></article>'
                  for _, t, sl in svcs)
    s.put("/category/layanan/", shell("Layanan", [("Beranda", "/"), ("Layanan", "/category/layanan/")],
                                      f'<h1 class="page-title">Kategori: Layanan</h1>{lst}'))
    for slug, title, text in news:
        s.put(f"/berita/{slug}/", shell(title, [("Beranda", "/"), ("Berita", "/category/berita/"), (title, f"/berita/{slug}/")],
                                         f'<article class="post"><h1 class="entry-title">{e(title)}</h1><div class="entry-meta">Oleh admin_capil | Berita</div><div class="entry-content"><p>{e(text)}</p><p>Informasi lebih lanjut hubungi loket informasi Disdukcapil.</p></div></article>'))
    nl = "".join(f'<article class="post"><h2><a href="/berita/{sl}/">{e(t)}</a></h2><p>{e(x[:120])}&hellip;</p></article>' for sl, t, x in news)
    s.put("/category/berita/", shell("Berita", [("Beranda", "/"), ("Berita", "/category/berita/")], f"<h1>Kategori: Berita</h1>{nl}"))
    s.put("/profil/", shell("Profil", [("Beranda", "/"), ("Profil", "/profil/")],
                            "<h1>Profil</h1><p>Disdukcapil Kota Jambi menyelenggarakan pendaftaran penduduk dan pencatatan sipil berdasarkan Perwal 45 Tahun 2016 tentang tugas pokok dan fungsi.</p><h2>Visi</h2><p>Kota Jambi BAHAGIA.</p>"))
    s.put("/faq/", shell("FAQ", [("Beranda", "/"), ("FAQ", "/faq/")],
                         "<h1>Pertanyaan yang Sering Diajukan</h1><h3>Apakah mengurus dokumen kependudukan dipungut biaya?</h3><p>Tidak. Seluruh layanan administrasi kependudukan tidak dipungut biaya.</p><h3>Apakah wajib punya IKD?</h3><p>Warga yang mengurus data dan memiliki ponsel Android diminta mengaktifkan IKD.</p>"))
    s.put("/kontak/", shell("Kontak", [("Beranda", "/"), ("Kontak", "/kontak/")],
                            "<h1>Kontak</h1><p>Komplek Perkantoran Walikota Jambi, Jl. Jend. Basuki Rahmat, Kotabaru, Kota Jambi.</p><p>Jam layanan Senin-Jumat.</p>"))
    tiles = "".join(f'<div class="wp-block-column"><a href="/layanan/{sl}/">{e(t)}</a></div>' for _, t, sl in svcs)
    s.put("/", shell("Beranda", [("Beranda", "/")],
                     f'<h1>Selamat Datang</h1><p>Layanan administrasi kependudukan Kota Jambi gratis.</p><div class="wp-block-columns">{tiles}</div>'
                     + "".join(f'<p><a href="/berita/{sl}/">{e(t)}</a></p>' for sl, t, _ in news)))
    return s


# --------------------------------------------------------------------------- B old PHP tables

def site_bpprd(f: dict) -> Site:
    s = Site("bpprd", "Badan Pengelola Pajak dan Retribusi Daerah Kota Jambi", 1, "php-font-tables",
             charset="windows-1252")
    svcs = [
        (1, "pbb_bayar", "PEMBAYARAN PBB-P2"),
        (2, "pbb_cek", "INFO TAGIHAN PBB ONLINE"),
        (3, "pbb_mutasi", "MUTASI / BALIK NAMA SPPT"),
        (4, "pbb_betul", "PEMBETULAN SPPT PBB-P2"),
        (5, "pbb_keberatan", "KEBERATAN PBB-P2"),
        (6, "pbb_baru", "PENDAFTARAN OBJEK PAJAK BARU"),
        (7, "bphtb", "BPHTB"),
        (8, "pajak_resto", "PAJAK RESTORAN (PBJT MAKAN MINUM)"),
        (9, "pajak_hiburan", "PAJAK HIBURAN"),
        (10, "pajak_reklame", "PAJAK REKLAME"),
    ]
    news = [
        (2026, "PEMBAYARAN PBB DIPERPANJANG TANPA DENDA", "Jatuh tempo PBB-P2 tahun 2025 diperpanjang sampai 30 November tanpa denda. Wajib pajak diimbau segera melunasi."),
        (2019, "MOBIL PAJAK KELILING STANDBY DI KECAMATAN", "Empat unit mobil pelayanan keliling siaga di kantor kecamatan. Bayar di mobil keliling tanpa biaya admin."),
        (2011, "BAYAR PBB BISA PAKAI QRIS", "Sejak pertengahan 2023 pembayaran PBB-P2 dapat dilakukan melalui QRIS."),
        (2004, "SPPT PBB 2025 DIBAGIKAN MELALUI RT DAN LURAH", "Sebanyak 175 ribu lembar SPPT dibagikan melalui ketua RT dan lurah."),
        (1998, "BPHTB DIPERCEPAT", "Mulai 15 April 2025 proses validasi BPHTB dipercepat."),
        (1990, "SOSIALISASI PERDA 2 TAHUN 2024", "BPPRD menyosialisasikan Perda Kota Jambi Nomor 2 Tahun 2024 tentang Pajak Daerah dan Retribusi Daerah."),
    ]

    def shell(title: str, body: str) -> str:
        menu = "".join(f'<tr><td bgcolor="#E6EEF7">&nbsp;<img src="images/bullet.gif"> <a href="index.php?hal=layanan&amp;id={i}"><font face="Verdana" size="1" color="#003366">{e(t)}</font></a></td></tr>'
                       for i, _, t in svcs)
        return f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>:: BPPRD KOTA JAMBI :: {e(title)}</title>
<link href="style.css" rel="stylesheet" type="text/css">
</head>
<body bgcolor="#FFFFFF" leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">
<table width="780" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td colspan="2"><img src="images/header_bpprd.jpg" width="780" height="120" alt="BADAN PENGELOLA PAJAK DAN RETRIBUSI DAERAH KOTA JAMBI"></td></tr>
<tr><td colspan="2" bgcolor="#003366"><font face="Verdana" size="1" color="#FFFFFF">&nbsp;<a href="index.php"><font color="#FFFFFF">HOME</font></a> | <a href="index.php?hal=profil"><font color="#FFFFFF">PROFIL</font></a> | <a href="index.php?hal=layanan"><font color="#FFFFFF">LAYANAN</font></a> | <a href="index.php?hal=berita"><font color="#FFFFFF">BERITA</font></a> | <a href="index.php?hal=kontak"><font color="#FFFFFF">KONTAK</font></a></font></td></tr>
<tr>
<td width="180" valign="top" bgcolor="#E6EEF7">
<table width="100%" border="0" cellspacing="1" cellpadding="2">
<tr><td bgcolor="#003366"><font face="Verdana" size="2" color="#FFFFFF"><b>&nbsp;MENU LAYANAN</b></font></td></tr>
{menu}
</table>
<br><font face="Verdana" size="1">&nbsp;Pengunjung: 0012874</font>
</td>
<td width="600" valign="top"><table width="100%" border="0" cellpadding="8"><tr><td>
{body}
</td></tr></table></td></tr>
<tr><td colspan="2" bgcolor="#003366" align="center"><font face="Verdana" size="1" color="#FFFFFF">Copyright &copy; 2012 BPPRD Kota Jambi - Kompleks Perkantoran Walikota Jambi, Jl. Basuki Rahmat, Kotabaru - Jambi<br>Best view 1024x768 IE 6.0</font></td></tr>
</table>
</body>
</html>
"""

    for i, key, title in svcs:
        r = f[key]
        req = "<br>".join(f"{n}. {e(x)}" for n, x in enumerate(r["requirements"], 1))
        proc = "<br>".join(f"{n}. {e(x)}" for n, x in enumerate(r["procedure"], 1))
        extra = ""
        if r["online"]:
            extra = f"<tr><td valign=top><font face=Verdana size=2><b>Kanal</b></font></td><td><font face=Verdana size=2>{e(r['online'])}</font></td></tr>"
        body = f"""<font face="Arial" size="3" color="#003366"><b>{e(title)}</b></font><hr size="1" color="#003366">
<table width="100%" border="1" cellspacing="0" cellpadding="4" bordercolor="#CCCCCC">
<tr><td width="130" valign=top><font face=Verdana size=2><b>Persyaratan</b></font></td><td><font face=Verdana size=2>{req}</font></td></tr>
<tr><td valign=top><font face=Verdana size=2><b>Prosedur</b></font></td><td><font face=Verdana size=2>{proc}</font></td></tr>
<tr><td valign=top><font face=Verdana size=2><b>Waktu</b></font></td><td><font face=Verdana size=2>{e(r['duration'] or '-')}</font></td></tr>
<tr><td valign=top><font face=Verdana size=2><b>Biaya</b></font></td><td><font face=Verdana size=2>{e(r['cost'] or '-')}</font></td></tr>
<tr><td valign=top><font face=Verdana size=2><b>Dasar Hukum</b></font></td><td><font face=Verdana size=2>{e(r['legal_basis'] or '-')}</font></td></tr>
{extra}</table>
<p><font face=Verdana size=1><a href="index.php?hal=layanan">&laquo; kembali</a></font></p>"""
        answer(key, s.route(f"/index.php?hal=layanan&id={i}", shell(title, body), f"layanan-{i}.html"))
    lst = "".join(f'<font face=Verdana size=2>&raquo; <a href="index.php?hal=layanan&amp;id={i}">{e(t)}</a></font><br>' for i, _, t in svcs)
    s.route("/index.php?hal=layanan", shell("LAYANAN", f"<font face=Arial size=3><b>JENIS LAYANAN</b></font><br><br>{lst}"), "layanan.html")
    for nid, title, text in news:
        s.route(f"/newspopup.php?id={nid}", shell(title, f"<font face=Arial size=3><b>{e(title)}</b></font><br><font face=Verdana size=1 color=gray>Diposting oleh: admin</font><p><font face=Verdana size=2>{e(text)}</font></p>"), f"news-{nid}.html")
    nl = "".join(f'<font face=Verdana size=2>&#149; <a href="newspopup.php?id={n}">{e(t)}</a></font><br>' for n, t, _ in news)
    s.route("/index.php?hal=berita", shell("BERITA", f"<font face=Arial size=3><b>BERITA</b></font><br>{nl}"), "berita.html")
    s.route("/index.php?hal=profil", shell("PROFIL", "<font face=Arial size=3><b>PROFIL BPPRD</b></font><p><font face=Verdana size=2>Badan Pengelola Pajak dan Retribusi Daerah Kota Jambi berkantor di Kompleks Perkantoran Walikota Jambi, Jl. Basuki Rahmat, Kotabaru.</font></p>"), "profil.html")
    s.route("/index.php?hal=kontak", shell("KONTAK", "<font face=Arial size=3><b>KONTAK</b></font><p><font face=Verdana size=2>Jl. Basuki Rahmat, Kotabaru, Kota Jambi. Loket buka hari kerja.</font></p>"), "kontak.html")
    home = shell("HOME", f"<marquee><font face=Verdana size=2 color=red>Jatuh tempo PBB-P2 tanggal 30 September. Denda 2% per bulan setelah jatuh tempo.</font></marquee><p><font face=Arial size=3><b>SELAMAT DATANG</b></font></p><p><font face=Verdana size=2>Website resmi BPPRD Kota Jambi.</font></p><b><font face=Verdana size=2>BERITA TERKINI</font></b><br>{nl}")
    s.route("/index.php", home, "home.html")
    s.put("/", home)
    return s


# --------------------------------------------------------------------------- C Joomla 3

def site_dpmptsp(f: dict) -> Site:
    s = Site("dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Jambi", 2, "joomla3")
    svcs = [
        (21, "nib", "Nomor Induk Berusaha (NIB) melalui OSS", "nomor-induk-berusaha"),
        (22, "pbg", "Persetujuan Bangunan Gedung (PBG)", "persetujuan-bangunan-gedung"),
        (23, "slf", "Sertifikat Laik Fungsi (SLF)", "sertifikat-laik-fungsi"),
        (24, "sip_dokter", "Surat Izin Praktik Dokter dan Dokter Gigi", "sip-dokter"),
        (25, "sipb", "Surat Izin Praktik Bidan", "sipb"),
        (26, "sipp", "Surat Izin Praktik Perawat", "sipp"),
        (27, "izin_reklame", "Izin Penyelenggaraan Reklame", "izin-reklame"),
    ]
    news = [
        (41, "Target Terbit PBG Dua Jam", "target-pbg-dua-jam", "Wali Kota Jambi menargetkan penerbitan Persetujuan Bangunan Gedung dapat selesai dalam dua jam setelah berkas lengkap."),
        (42, "Pendataan Bangunan oleh Lurah", "pendataan-bangunan", "Pemkot menargetkan 250.000 bangunan memiliki PBG. Pendataan dilakukan oleh lurah. Dilarang membangun di atas drainase, bantaran sungai dan bahu jalan."),
        (43, "Sosialisasi OSS RBA bagi Pelaku UMKM", "sosialisasi-oss", "DPMPTSP menggelar sosialisasi perizinan berusaha berbasis risiko bagi pelaku UMKM di Kota Jambi."),
        (44, "Survei Kepuasan Masyarakat Triwulan III", "skm-triwulan-3", "Indeks kepuasan masyarakat terhadap layanan perizinan triwulan III berada pada kategori baik."),
        (45, "Kunjungan Ombudsman ke Mal Pelayanan Publik", "kunjungan-ombudsman", "Ombudsman RI Perwakilan Jambi mengunjungi Mal Pelayanan Publik Kota Jambi yang dikelola DPMPTSP."),
    ]

    def link(aid: int, alias: str, catid: int, item: int) -> str:
        return f"/index.php?option=com_content&view=article&id={aid}:{alias}&catid={catid}&Itemid={item}"

    def shell(title: str, body: str) -> str:
        items = "".join(f'<li class="item-1{aid}"><a href="{e(link(aid, al, 9, 115))}">{e(t)}</a></li>' for aid, _, t, al in svcs)
        return f"""<!DOCTYPE html>
<html lang="id-id" dir="ltr">
<head>
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<meta charset="utf-8" />
<meta name="generator" content="Joomla! - Open Source Content Management" />
<title>{e(title)} - DPMPTSP Kota Jambi</title>
<link href="/templates/protostar/favicon.ico" rel="shortcut icon" type="image/vnd.microsoft.icon" />
<link href="/templates/protostar/css/template.css?8a1b3c" rel="stylesheet" />
<script src="/media/jui/js/jquery.min.js?8a1b3c"></script>
</head>
<body class="site com_content view-article no-layout no-task itemid-115">
<div class="body" id="top"><div class="container">
<header class="header" role="banner"><div class="header-inner clearfix">
<a class="brand pull-left" href="/"><span class="site-title" title="DPMPTSP Kota Jambi">DPMPTSP Kota Jambi</span></a>
<div class="header-search pull-right"><div class="search"><form action="/index.php" method="post" class="form-inline"><input name="searchword" maxlength="200" class="inputbox search-query" type="search" placeholder="Cari..." /><input type="hidden" name="task" value="search" /><input type="hidden" name="option" value="com_search" /></form></div></div>
</div></header>
<nav class="navigation" role="navigation"><ul class="nav menu nav-pills mod-list">
<li class="item-101 default"><a href="/index.php">Home</a></li>
<li class="item-115 deeper parent"><a href="/index.php?option=com_content&amp;view=category&amp;id=9&amp;Itemid=115">Jenis Perizinan</a></li>
<li class="item-116"><a href="/index.php?option=com_content&amp;view=category&amp;id=8&amp;Itemid=116">Berita</a></li>
<li class="item-117"><a href="/index.php?option=com_contact&amp;view=contact&amp;id=1&amp;Itemid=117">Kontak</a></li>
</ul></nav>
<div class="row-fluid">
<main id="content" role="main" class="span9">
<ul itemscope itemtype="https://schema.org/BreadcrumbList" class="breadcrumb"><li>Anda di sini: &#160;</li><li><a href="/index.php" class="pathway">Home</a></li><li class="active"><span>{e(title)}</span></li></ul>
{body}
</main>
<div id="aside" class="span3"><div class="well "><h3 class="page-header">Perizinan</h3><ul class="nav menu">{items}</ul></div>
<div class="well "><h3 class="page-header">Jam Layanan</h3><div class="custom"><p>Senin - Jumat 08.00 - 15.00 WIB<br />Mal Pelayanan Publik Kota Jambi</p></div></div></div>
</div></div></div>
<footer class="footer" role="contentinfo"><div class="container"><hr /><p class="pull-right"><a href="#top" id="back-top">Back to Top</a></p><p>&copy; 2025 DPMPTSP Kota Jambi. Mal Pelayanan Publik, Kota Jambi.</p></div></footer>
</body>
</html>
"""

    for aid, key, title, alias in svcs:
        r = f[key]
        online = f"<h3>Aplikasi</h3><p>{e(r['online'])}</p>" if r["online"] else ""
        body = f"""<div class="item-page" itemscope itemtype="https://schema.org/Article">
<meta itemprop="inLanguage" content="id-ID" />
<div class="page-header"><h2 itemprop="headline">{e(title)}</h2></div>
<dl class="article-info muted"><dt class="article-info-term">Rincian</dt><dd class="category-name">Kategori: <a href="/index.php?option=com_content&amp;view=category&amp;id=9&amp;Itemid=115" itemprop="genre">Jenis Perizinan</a></dd><dd class="hits"><span class="icon-eye-open"></span><meta itemprop="interactionCount" content="UserPageVisits:1532" />Dilihat: 1532</dd></dl>
<div itemprop="articleBody">
<h3>Persyaratan</h3>{ol(r['requirements'])}
<h3>Mekanisme</h3>{ol(r['procedure'])}
<h3>Waktu Penyelesaian</h3><p>{e(r['duration'] or 'Sesuai ketentuan')}</p>
<h3>Biaya</h3><p>{e(r['cost'] or 'Tidak dipungut biaya')}</p>
<h3>Dasar Hukum</h3><p>{e(r['legal_basis'] or '-')}</p>{online}
</div>
<ul class="pager pagenav"><li class="previous"><a class="hasTooltip" href="/index.php?option=com_content&amp;view=category&amp;id=9&amp;Itemid=115" rel="prev">Kembali</a></li></ul>
</div>"""
        answer(key, s.route(link(aid, alias, 9, 115), shell(title, body), f"article-{aid}.html"))
    rows = "".join(f'<tr class="cat-list-row{n % 2}"><td headers="categorylist_header_title" class="list-title"><a href="{e(link(aid, al, 9, 115))}">{e(t)}</a></td><td class="list-hits"><span class="badge badge-info">Dilihat: {900 + aid}</span></td></tr>'
                   for n, (aid, _, t, al) in enumerate(svcs))
    s.route("/index.php?option=com_content&view=category&id=9&Itemid=115",
            shell("Jenis Perizinan", f'<div class="category-list"><h2>Jenis Perizinan</h2><table class="category table table-striped table-bordered table-hover"><tbody>{rows}</tbody></table></div>'), "category-9.html")
    for aid, title, alias, text in news:
        s.route(link(aid, alias, 8, 116), shell(title, f'<div class="item-page"><div class="page-header"><h2>{e(title)}</h2></div><dl class="article-info muted"><dd class="published">Diterbitkan: 2025</dd></dl><div itemprop="articleBody"><p>{e(text)}</p></div></div>'), f"article-{aid}.html")
    nl = "".join(f'<div class="items-row"><h2><a href="{e(link(aid, al, 8, 116))}">{e(t)}</a></h2><p>{e(x)}</p></div>' for aid, t, al, x in news)
    s.route("/index.php?option=com_content&view=category&id=8&Itemid=116", shell("Berita", f'<div class="blog"><h2>Berita</h2>{nl}</div>'), "category-8.html")
    s.route("/index.php?option=com_contact&view=contact&id=1&Itemid=117", shell("Kontak", '<div class="contact"><h2>DPMPTSP Kota Jambi</h2><p>Gedung Mal Pelayanan Publik Kota Jambi (eks rumah dinas DPRD Kota Jambi).</p></div>'), "contact.html")
    home = shell("Home", f'<div class="blog-featured"><h2>Selamat Datang di DPMPTSP Kota Jambi</h2><p>Perizinan berusaha kini melalui OSS RBA; perizinan bangunan gedung melalui SIMBG.</p>{nl}</div>')
    s.route("/index.php", home, "home.html")
    s.put("/", home)
    return s


# --------------------------------------------------------------------------- D Laravel cards (MPP)

def site_mpp(f: dict) -> Site:
    s = Site("mpp", "Mal Pelayanan Publik Kota Jambi", 3, "laravel-cards")
    svcs = [
        ("mpp_info", "Mal Pelayanan Publik", "Informasi Layanan MPP Kota Jambi", "informasi-layanan-mpp"),
        ("paspor", "Kantor Imigrasi Kelas I Jambi", "Permohonan Paspor", "permohonan-paspor"),
        ("ktp_hilang", "Disdukcapil", "KTP-el Hilang atau Rusak", "ktp-el-hilang-atau-rusak"),
        ("kk_baru", "Disdukcapil", "Kartu Keluarga Baru", "kartu-keluarga-baru"),
        ("akta_lahir", "Disdukcapil", "Akta Kelahiran", "akta-kelahiran"),
        ("nib", "DPMPTSP", "NIB / Perizinan Berusaha OSS", "nib-oss"),
        ("pbg", "DPMPTSP", "Persetujuan Bangunan Gedung", "pbg"),
        ("pbb_bayar", "BPPRD", "Pembayaran PBB-P2", "pembayaran-pbb"),
        ("bphtb", "BPPRD", "Validasi BPHTB", "validasi-bphtb"),
        ("skck", "Polresta Jambi", "Penerbitan SKCK", "skck"),
        ("nikah", "Kementerian Agama", "Pendaftaran Nikah (KUA)", "pendaftaran-nikah"),
        ("ak1", "Disnaker", "Kartu Pencari Kerja (AK-1)", "kartu-ak1"),
    ]
    agencies = sorted({a for _, a, _, _ in svcs})

    def aslug(a: str) -> str:
        return re.sub(r"[^a-z0-9]+", "-", a.lower()).strip("-")

    def shell(title: str, body: str) -> str:
        return f"""<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="q8N2sL0vY1mC3yqJxkVv7b3dT9eW2rK4pZ6aH1fG">
<title>{e(title)} | MPP Kota Jambi</title>
<link href="/build/assets/app-4f8c2a1b.css" rel="stylesheet">
</head>
<body class="bg-light">
<div id="app">
<nav class="navbar navbar-expand-lg navbar-dark bg-primary shadow-sm"><div class="container">
<a class="navbar-brand fw-bold" href="/">MPP Kota Jambi</a>
<ul class="navbar-nav ms-auto">
<li class="nav-item"><a class="nav-link" href="/">Beranda</a></li>
<li class="nav-item"><a class="nav-link" href="/layanan">Layanan</a></li>
<li class="nav-item"><a class="nav-link" href="/instansi">Instansi</a></li>
<li class="nav-item"><a class="nav-link" href="/antrean">Antrean Online</a></li>
<li class="nav-item"><a class="nav-link" href="/tentang">Tentang</a></li>
</ul></div></nav>
<main class="py-4"><div class="container">
{body}
</div></main>
<footer class="bg-dark text-white-50 py-3"><div class="container small">Mal Pelayanan Publik Kota Jambi &mdash; eks rumah dinas DPRD Kota Jambi &middot; Senin&ndash;Jumat 08.00&ndash;15.00 &middot; &copy; 2025 Pemerintah Kota Jambi</div></footer>
</div>
<script src="/build/assets/app-9d3e1f7c.js" defer></script>
</body>
</html>
"""

    for key, agency, title, slug in svcs:
        r = f[key]
        badges = (f'<span class="badge bg-success me-1"><i class="bi bi-cash"></i> {e(r["cost"] or "Gratis")}</span>'
                  f'<span class="badge bg-info text-dark"><i class="bi bi-clock"></i> {e(r["duration"] or "Sesuai antrean")}</span>')
        body = f"""<nav aria-label="breadcrumb"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="/">Beranda</a></li><li class="breadcrumb-item"><a href="/layanan">Layanan</a></li><li class="breadcrumb-item active" aria-current="page">{e(title)}</li></ol></nav>
<div class="card shadow-sm mb-3"><div class="card-header d-flex justify-content-between"><h1 class="h4 mb-0">{e(title)}</h1><span class="text-muted small">Loket: <a href="/instansi/{aslug(agency)}">{e(agency)}</a></span></div>
<div class="card-body">{badges}
<div class="row mt-3"><div class="col-md-6"><div class="card h-100"><div class="card-body"><h5 class="card-title">Persyaratan</h5>{ol(r['requirements'], 'ul')}</div></div></div>
<div class="col-md-6"><div class="card h-100"><div class="card-body"><h5 class="card-title">Alur Layanan</h5>{ol(r['procedure'])}</div></div></div></div>
<p class="small text-muted mt-3">Dasar hukum: {e(r['legal_basis'] or '-')}</p>
</div><div class="card-footer"><a href="/antrean" class="btn btn-primary btn-sm">Ambil Antrean</a></div></div>"""
        answer(key, s.route(f"/layanan/{slug}", shell(title, body), f"layanan-{slug}.html"))
    cards = "".join(f'<div class="col-md-4 mb-3"><div class="card h-100"><div class="card-body"><h5 class="card-title"><a href="/layanan/{sl}" class="stretched-link">{e(t)}</a></h5><p class="card-text small text-muted">{e(a)}</p></div></div></div>'
                    for _, a, t, sl in svcs)
    s.route("/layanan", shell("Daftar Layanan", f'<h1 class="h3 mb-3">Daftar Layanan</h1><div class="row">{cards}</div><nav><ul class="pagination"><li class="page-item active"><span class="page-link">1</span></li></ul></nav>'), "layanan.html")
    for a in agencies:
        mine = "".join(f'<li class="list-group-item"><a href="/layanan/{sl}">{e(t)}</a></li>' for _, ag, t, sl in svcs if ag == a)
        s.route(f"/instansi/{aslug(a)}", shell(a, f'<div class="card"><div class="card-header"><h1 class="h4">{e(a)}</h1></div><ul class="list-group list-group-flush">{mine}</ul></div>'), f"instansi-{aslug(a)}.html")
    al = "".join(f'<div class="col-md-3 mb-2"><div class="card"><div class="card-body"><a href="/instansi/{aslug(a)}">{e(a)}</a></div></div></div>' for a in agencies)
    s.route("/instansi", shell("Instansi", f'<h1 class="h3">Instansi Tenant</h1><div class="row">{al}</div>'), "instansi.html")
    s.route("/antrean", shell("Antrean Online", '<div class="card"><div class="card-body"><h1 class="h4">Antrean Online</h1><p>Silakan pilih layanan dan tanggal kedatangan.</p><form><select class="form-select"><option>Pilih layanan</option></select></form></div></div>'), "antrean.html")
    s.route("/tentang", shell("Tentang MPP", '<div class="card"><div class="card-body"><h1 class="h4">Tentang MPP Kota Jambi</h1><p>Mal Pelayanan Publik Kota Jambi mulai melayani 9 Mei 2022 di eks rumah dinas DPRD Kota Jambi dengan 129 jenis layanan dari 31 instansi.</p></div></div>'), "tentang.html")
    stats = '<div class="row text-center mb-4"><div class="col"><div class="card"><div class="card-body"><div class="display-6">129</div>Jenis layanan</div></div></div><div class="col"><div class="card"><div class="card-body"><div class="display-6">31</div>Instansi</div></div></div></div>'
    s.put("/", shell("Beranda", f'<div class="p-4 mb-4 bg-white rounded-3 shadow-sm"><h1 class="display-6">Satu Tempat, Banyak Layanan</h1><p class="lead">Mal Pelayanan Publik Kota Jambi.</p></div>{stats}<h2 class="h4">Layanan Unggulan</h2><div class="row">{cards}</div>'))
    return s


# --------------------------------------------------------------------------- E Blogspot (Dinsos)

def site_dinsos(f: dict) -> Site:
    s = Site("dinsos", "Dinas Sosial Kota Jambi", 4, "blogspot")
    posts = [
        ("2025/08", "cara-usul-dtks-bansos", "Cara Mengusulkan Diri Masuk DTKS (DTSEN) agar Dapat Bansos", "dtks", "Layanan"),
        ("2025/06", "uhc-jambi-bugar", "UHC Jambi Bugar: Berobat Gratis Cukup dengan KTP", "uhc", "Layanan"),
        ("2025/05", "santunan-kematian-kartu-bahagia", "Santunan Kematian dan BPJS Ketenagakerjaan lewat Kartu Bahagia", "santunan", "Layanan"),
        ("2025/07", "beasiswa-kartu-bahagia-2025", "Beasiswa Kartu Bahagia 2025 untuk Siswa SD dan SMP", "beasiswa", "Layanan"),
    ]
    news = [
        ("2025/09", "penyaluran-bpnt-tahap-3", "Penyaluran BPNT Tahap III di Kantor Pos", "Keluarga penerima manfaat diminta membawa KTP dan KK asli saat pengambilan bantuan di kantor pos."),
        ("2025/09", "verifikasi-lapangan-kpm", "Verifikasi Lapangan Calon KPM di Kecamatan Jelutung", "Petugas pendamping melakukan kunjungan rumah untuk memvalidasi data calon keluarga penerima manfaat."),
        ("2025/08", "pemutakhiran-dtsen", "Pemutakhiran Data DTSEN Tahun 2025", "DTKS kini beralih menjadi DTSEN. Operator kelurahan melakukan pemutakhiran data melalui SIKS-NG."),
        ("2025/07", "penerima-judi-online-dicoret", "90 Keluarga Terlibat Judi Online Dicoret dari Daftar Bansos", "Dinas Sosial mencoret 90 keluarga dari daftar penerima bantuan sosial setelah terdeteksi terlibat judi online."),
        ("2025/06", "bakti-sosial-panti", "Bakti Sosial di Panti Asuhan", "Pegawai Dinas Sosial menggelar bakti sosial dan berbagi paket sembako."),
        ("2025/04", "hari-lansia", "Peringatan Hari Lanjut Usia Nasional", "Pemkot Jambi memberikan layanan kesehatan dan santunan kepada warga lanjut usia."),
        ("2025/03", "tagana-siaga-banjir", "Tagana Siaga Banjir Sungai Batanghari", "Taruna Siaga Bencana menyiapkan dapur umum di posko pengungsian."),
    ]
    labels = {"Layanan": [p for p in posts], "Berita": [n for n in news]}

    def shell(title: str, body: str) -> str:
        recent = "".join(f"<li><a href='/{d}/{sl}.html'>{e(t)}</a></li>" for d, sl, t, *_ in (posts + news)[:6])
        return f"""<!DOCTYPE html>
<html class='v2' dir='ltr' xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b'>
<head>
<meta content='width=1100' name='viewport'/>
<meta content='text/html; charset=UTF-8' http-equiv='Content-Type'/>
<meta content='blogger' name='generator'/>
<title>Dinas Sosial Kota Jambi: {e(title)}</title>
<link href='https://www.blogger.com/static/v1/widgets/2975350028-css_bundle_v2.css' rel='stylesheet' type='text/css'/>
</head>
<body class='loading variant-simplysimple'>
<div class='content'><div class='content-outer'>
<header><div class='header-outer'><div class='Header widget' id='Header1'><div id='header-inner'><div class='titlewrapper'><h1 class='title'><a href='/'>Dinas Sosial Kota Jambi</a></h1></div><div class='descriptionwrapper'><p class='description'><span>Blog resmi informasi kesejahteraan sosial Kota Jambi</span></p></div></div></div></div></header>
<div class='tabs-outer'><div class='PageList widget' id='PageList1'><ul><li><a href='/'>Beranda</a></li><li><a href='/p/profil.html'>Profil</a></li><li><a href='/search/label/Layanan'>Layanan</a></li><li><a href='/p/kontak.html'>Kontak</a></li></ul></div></div>
<div class='main-outer'><div class='columns fauxcolumns'>
<div class='column-center-inner'><div class='main section' id='main'><div class='widget Blog' id='Blog1'><div class='blog-posts hfeed'>
{body}
</div></div></div></div>
<div class='column-right-inner'><aside><div class='sidebar section' id='sidebar-right-1'>
<div class='widget Label' id='Label1'><h2>Label</h2><div class='widget-content list-label-widget-content'><ul><li><a dir='ltr' href='/search/label/Layanan'>Layanan</a><span dir='ltr'>({len(posts)})</span></li><li><a dir='ltr' href='/search/label/Berita'>Berita</a><span dir='ltr'>({len(news)})</span></li></ul></div></div>
<div class='widget PopularPosts' id='PopularPosts1'><h2>Postingan Populer</h2><div class='widget-content popular-posts'><ul>{recent}</ul></div></div>
<div class='widget BlogArchive' id='BlogArchive1'><h2>Arsip Blog</h2><ul class='hierarchy'><li class='archivedate expanded'><a class='toggle' href='javascript:void(0)'>&#9660;</a> <a class='post-count-link' href='/'>2025</a></li></ul></div>
</div></aside></div>
</div></div>
<footer><div class='footer-outer'><div class='widget Attribution' id='Attribution1'><div class='widget-content'>Dinas Sosial Kota Jambi. Tema Sederhana. Diberdayakan oleh <a href='https://www.blogger.com' target='_blank'>Blogger</a>.</div></div></div></footer>
</div></div>
</body>
</html>
"""

    def post(title: str, date: str, label: str, content: str) -> str:
        return (f"<div class='date-outer'><h2 class='date-header'><span>{date}</span></h2><div class='date-posts'><div class='post-outer'>"
                f"<div class='post hentry uncustomized-post-template' itemprop='blogPost'><h3 class='post-title entry-title' itemprop='name'>{e(title)}</h3>"
                f"<div class='post-header'></div><div class='post-body entry-content' itemprop='description articleBody'>{content}</div>"
                f"<div class='post-footer'><span class='post-author vcard'>Diposting oleh <span class='fn'>Admin Dinsos</span></span> <span class='post-labels'>Label: <a href='/search/label/{label}' rel='tag'>{label}</a></span>"
                f"<div class='post-share-buttons goog-inline-block'><a class='goog-inline-block share-button sb-email' href='#' title='Kirimkan Ini lewat Email'>Email</a></div></div></div></div></div></div>")

    for d, sl, title, key, label in posts:
        r = f[key]
        content = (f"<div dir='ltr' style='text-align: left;' trbidi='on'><p>Warga Kota Jambi, berikut informasi {e(title.split(':')[0].lower())}.</p>"
                   f"<p><b>Siapa yang bisa / syarat:</b></p>{ol(r['requirements'], 'ul')}"
                   f"<p><b>Langkah-langkahnya:</b></p>{ol(r['procedure'])}"
                   f"<p><b>Biaya:</b> {e(r['cost'] or 'Gratis')}<br/><b>Waktu:</b> {e(r['duration'] or '-')}<br/><b>Dasar:</b> {e(r['legal_basis'] or '-')}</p>"
                   + (f"<p>Aplikasi/kanal: {e(r['online'])}</p>" if r["online"] else "")
                   + "<p>Semoga bermanfaat. Bagikan ke keluarga dan tetangga.</p></div>")
        answer(key, s.put(f"/{d}/{sl}.html", shell(title, post(title, d.replace('/', '-'), label, content))))
    for d, sl, title, text in news:
        s.put(f"/{d}/{sl}.html", shell(title, post(title, d.replace('/', '-'), "Berita", f"<p>{e(text)}</p>")))
    for label, items in labels.items():
        lst = "".join(post(t, d.replace('/', '-'), label, f"<p><a href='/{d}/{sl}.html'>Baca selengkapnya &#187;</a></p>") for d, sl, t, *_ in items)
        s.route(f"/search/label/{label}", shell(f"Label {label}", f"<div class='status-msg-wrap'><div class='status-msg-body'>Menampilkan postingan dengan label <b>{label}</b>.</div></div>{lst}"), f"label-{label.lower()}.html")
    s.put("/p/profil.html", shell("Profil", post("Profil", "2024-01", "Berita", "<p>Dinas Sosial Kota Jambi melaksanakan urusan sosial: perlindungan dan jaminan sosial, rehabilitasi sosial, dan penanganan fakir miskin.</p>")))
    s.put("/p/kontak.html", shell("Kontak", post("Kontak", "2024-01", "Berita", "<p>Kantor Dinas Sosial Kota Jambi. Layanan hari kerja 08.00-15.00 WIB.</p>")))
    allp = "".join(post(t, d.replace('/', '-'), "Berita", f"<p><a href='/{d}/{sl}.html'>Baca selengkapnya &#187;</a></p>") for d, sl, t, *_ in (news[:4] + posts))
    s.put("/", shell("Beranda", allp + "<div class='blog-pager' id='blog-pager'><a class='blog-pager-older-link' href='/search/label/Berita'>Posting Lama</a></div>"))
    return s


# --------------------------------------------------------------------------- F accordion long page (Dinkes)

def site_dinkes(f: dict) -> Site:
    s = Site("dinkes", "Dinas Kesehatan Kota Jambi", 5, "accordion-longpage")
    sections = [("ckg", "Cek Kesehatan Gratis (CKG)"),
                ("puskesmas", "Pelayanan Kesehatan Dasar di Puskesmas"),
                ("igd", "IGD 24 Jam RSUD H. Abdul Manap")]
    news = [
        ("ckg-capai-57-ribu", "Peserta Cek Kesehatan Gratis Capai 57 Ribu", "Hingga awal Oktober 2025 tercatat 57.970 warga telah mengikuti Cek Kesehatan Gratis."),
        ("imunisasi-serentak", "Pekan Imunisasi di Puskesmas se-Kota Jambi", "Orang tua diimbau membawa balita ke posyandu dan puskesmas terdekat."),
        ("poliklinik-libur-lebaran", "Poliklinik RSUD Tutup Selama Libur Lebaran", "Selama libur lebaran poliklinik tutup, masyarakat dapat langsung ke IGD."),
        ("pencegahan-dbd", "Waspada DBD di Musim Hujan", "Lakukan 3M Plus: menguras, menutup, dan mendaur ulang barang bekas."),
        ("persiapan-kris", "RSUD Siapkan Ruang Rawat Inap Standar (KRIS)", "Perbaikan infrastruktur disiapkan untuk kelas rawat inap standar BPJS."),
    ]
    pkm = ["Putri Ayu", "Paal Merah", "Simpang Kawat", "Paal V", "Kenali Besar", "Olak Kemang"]

    def shell(title: str, body: str) -> str:
        return f"""<!DOCTYPE html>
<html lang="id">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} - Dinas Kesehatan Kota Jambi</title>
<link rel="stylesheet" href="/assets/css/bootstrap.min.css"><link rel="stylesheet" href="/assets/css/style.css"></head>
<body>
<div class="topbar small">Call Center Darurat 112 (bebas pulsa)</div>
<header class="container py-3"><a href="/index.html" class="logo">DINKES KOTA JAMBI</a>
<nav><a href="/index.html">Beranda</a> <a href="/profil.html">Profil</a> <a href="/standar-pelayanan.html">Standar Pelayanan</a> <a href="/puskesmas.html">Puskesmas</a> <a href="/berita.html">Berita</a></nav></header>
<main class="container">{body}</main>
<footer class="container small border-top py-3">Dinas Kesehatan Kota Jambi &middot; Jambi &middot; &copy; 2025</footer>
<script src="assets/js/bootstrap.bundle.min.js"></script>
</body></html>
"""

    items = []
    for n, (key, title) in enumerate(sections, 1):
        r = f[key]
        items.append(f"""<div class="accordion-item" id="{key}">
<h2 class="accordion-header" id="heading{n}"><button class="accordion-button collapsed" type="button" data-bs-toggle="collapse" data-bs-target="#collapse{n}" aria-expanded="false" aria-controls="collapse{n}">{n}. {e(title)}</button></h2>
<div id="collapse{n}" class="accordion-collapse collapse" aria-labelledby="heading{n}" data-bs-parent="#accordionSP"><div class="accordion-body">
<table class="table table-sm"><tr><th>Persyaratan</th><td>{ol(r['requirements'])}</td></tr>
<tr><th>Prosedur</th><td>{ol(r['procedure'])}</td></tr>
<tr><th>Waktu</th><td>{e(r['duration'] or '-')}</td></tr>
<tr><th>Biaya</th><td>{e(r['cost'] or '-')}</td></tr>
<tr><th>Dasar Hukum</th><td>{e(r['legal_basis'] or '-')}</td></tr>
<tr><th>Daring</th><td>{e(r['online'] or '-')}</td></tr></table>
</div></div></div>""")
    # two more accordion entries with general pages that are not services
    items.append('<div class="accordion-item"><h2 class="accordion-header"><button class="accordion-button collapsed" type="button">4. Maklumat Pelayanan</button></h2><div class="accordion-collapse collapse"><div class="accordion-body"><p>Kami sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah ditetapkan.</p></div></div></div>')
    items.append('<div class="accordion-item"><h2 class="accordion-header"><button class="accordion-button collapsed" type="button">5. Pengaduan</button></h2><div class="accordion-collapse collapse"><div class="accordion-body"><p>Pengaduan pelayanan kesehatan dapat disampaikan melalui kotak saran di puskesmas atau aplikasi SiKesal.</p></div></div></div>')
    url = s.put("/standar-pelayanan.html", shell("Standar Pelayanan", f'<h1>Standar Pelayanan Publik</h1><p>Standar pelayanan Dinas Kesehatan Kota Jambi dan UPTD (puskesmas, RSUD). Klik judul untuk membuka rincian.</p><div class="accordion" id="accordionSP">{"".join(items)}</div>'))
    for key, _ in sections:
        answer(key, url)
    rows = "".join(f"<tr><td>{n}</td><td><a href='/puskesmas/{re.sub(r'[^a-z0-9]+', '-', p.lower()).strip('-')}.html'>UPTD Puskesmas {p}</a></td><td>Senin-Sabtu</td></tr>" for n, p in enumerate(pkm, 1))
    s.put("/puskesmas.html", shell("Puskesmas", f'<h1>Daftar Puskesmas</h1><table class="table"><tr><th>No</th><th>Nama</th><th>Hari Layanan</th></tr>{rows}</table><p>Rincian layanan lihat <a href="standar-pelayanan.html#puskesmas">Standar Pelayanan</a>.</p>'))
    for sl, t, x in news:
        s.put(f"/berita/{sl}.html", shell(t, f"<article><h1>{e(t)}</h1><p class='text-muted'>Humas Dinkes</p><p>{e(x)}</p><p><a href='../berita.html'>Berita lainnya</a></p></article>"))
    for p in pkm:
        ps = re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-")
        s.put(f"/puskesmas/{ps}.html", shell(f"UPTD Puskesmas {p}", f"<h1>UPTD Puskesmas {e(p)}</h1><p>Wilayah kerja Kota Jambi. Layanan: rawat jalan, KIA/KB, imunisasi, gizi.</p><p>Standar pelayanan: <a href='/standar-pelayanan.html#puskesmas'>lihat di sini</a>.</p>"))
    nl = "".join(f"<li><a href='berita/{sl}.html'>{e(t)}</a></li>" for sl, t, _ in news)
    s.put("/berita.html", shell("Berita", f"<h1>Berita</h1><ul>{nl}</ul>"))
    s.put("/profil.html", shell("Profil", "<h1>Profil</h1><p>Dinas Kesehatan Kota Jambi membina puskesmas dan RSUD H. Abdul Manap.</p>"))
    home = shell("Beranda", f"<div class='hero'><h1>Kota Jambi Sehat dan Bahagia</h1><p><a class='btn' href='standar-pelayanan.html'>Lihat Standar Pelayanan</a></p></div><h2>Berita</h2><ul>{nl}</ul>")
    s.put("/", home)
    s.put("/index.html", home)
    return s


# --------------------------------------------------------------------------- G PDF documents (Disnaker)

def pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF with the text in Helvetica (text extractable), written by hand."""
    def esc(t: str) -> str:
        t = t.replace("\u2013", "-").replace("\u2014", "-").replace("\u00b1", "+/-")
        t = t.encode("latin-1", "replace").decode("latin-1")
        return t.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    wrapped: list[str] = []
    for line in [title, ""] + lines:
        while len(line) > 88:
            cut = line.rfind(" ", 0, 88)
            cut = cut if cut > 0 else 88
            wrapped.append(line[:cut])
            line = "   " + line[cut:].lstrip()
        wrapped.append(line)
    ops = ["BT", "/F1 10 Tf", "14 TL", "50 800 Td"]
    for i, line in enumerate(wrapped[:54]):
        ops.append(f"({esc(line)}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            b"<< /Title (" + esc(title).encode("latin-1") + b") /Producer (Microsoft Word 2016) >>"]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def site_disnaker(f: dict) -> Site:
    s = Site("disnaker", "Dinas Tenaga Kerja Kota Jambi", 6, "pdf-documents")
    docs = [("ak1", "SOP Pelayanan Kartu Tanda Pencari Kerja (AK/I)", "sop-kartu-pencari-kerja-ak1.pdf"),
            ("balikat", "Informasi Pelatihan Kerja BALIKAT", "info-pelatihan-balikat-2025.pdf"),
            ("banharkat", "Petunjuk Program Bank Harkat (Bantuan Kelompok Usaha Masyarakat)", "juknis-bank-harkat.pdf")]
    news = [("job-fair-2025", "Job Fair Kota Jambi 2025 Diikuti 40 Perusahaan", "Pencari kerja diimbau membawa CV dan kartu pencari kerja."),
            ("pelatihan-barista", "Pelatihan Barista Angkatan II Dibuka", "Pelatihan tematik di BALIKAT dibuka untuk warga Kota Jambi usia kerja."),
            ("ump-2026", "Sosialisasi Upah Minimum 2026", "Disnaker menyosialisasikan ketentuan upah minimum kepada perusahaan."),
            ("bank-harkat-tersalur", "Dana Bank Harkat Tersalur Rp111,4 Miliar", "Program modal usaha bunga 3 persen per tahun telah tersalur kepada kelompok usaha masyarakat."),
            ("wajib-lapor-lowongan", "Perusahaan Wajib Laporkan Lowongan Kerja", "Perusahaan di Kota Jambi diminta melaporkan lowongan kerja kepada Disnaker."),
            ("mediasi-hubungan-industrial", "Mediasi Perselisihan Hubungan Industrial", "Mediator Disnaker memfasilitasi perundingan antara pekerja dan perusahaan."),
            ("pelatihan-menjahit", "Pelatihan Menjahit bagi Ibu Rumah Tangga", "Peserta pelatihan menjahit menerima sertifikat setelah dua minggu pelatihan."),
            ("bursa-kerja-khusus", "Pembinaan Bursa Kerja Khusus SMK", "Disnaker membina bursa kerja khusus di sekolah menengah kejuruan.")]

    def shell(title: str, body: str, up: str = "") -> str:
        return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{e(title)} | Disnaker Kota Jambi</title></head>
<body>
<div id="header"><img src="{up}img/logo-kota-jambi.png" alt="logo"> <b>DINAS TENAGA KERJA KOTA JAMBI</b></div>
<ul id="nav"><li><a href="{up}index.html">Beranda</a></li><li><a href="{up}layanan.html">Layanan</a></li><li><a href="{up}unduhan.html">Unduhan</a></li><li><a href="{up}berita.html">Berita</a></li></ul>
<div id="main">{body}</div>
<div id="footer">Disnaker Kota Jambi &middot; Hari kerja 08.00-15.00</div>
</body></html>
"""

    for key, title, fn in docs:
        r = f[key]
        lines = ["DINAS TENAGA KERJA KOTA JAMBI", "", "A. PERSYARATAN"] + [f"   {n}. {x}" for n, x in enumerate(r["requirements"], 1)]
        lines += ["", "B. PROSEDUR"] + [f"   {n}. {x}" for n, x in enumerate(r["procedure"], 1)]
        lines += ["", f"C. WAKTU PENYELESAIAN: {r['duration'] or '-'}", f"D. BIAYA: {r['cost'] or '-'}",
                  f"E. DASAR HUKUM: {r['legal_basis'] or '-'}"]
        if r["online"]:
            lines.append(f"F. LAYANAN DARING: {r['online']}")
        if r.get("notes") and key == "ak1":
            lines.append(f"Catatan: {clean(r['notes'])}")
        answer(key, s.put(f"/dokumen/{fn}", pdf(title, lines)))
    rows = "".join(f'<tr><td>{e(t)}</td><td><a href="dokumen/{fn}">Unduh (PDF)</a></td></tr>' for _, t, fn in docs)
    s.put("/layanan.html", shell("Layanan", f"<h2>Layanan</h2><p>Rincian persyaratan tiap layanan dapat diunduh pada dokumen berikut.</p><table border=1>{rows}</table>"))
    s.put("/unduhan.html", shell("Unduhan", f"<h2>Unduhan</h2><table border=1>{rows}<tr><td>Formulir Laporan Lowongan</td><td>-</td></tr></table>"))
    for sl, t, x in news:
        s.put(f"/berita/{sl}.html", shell(t, f"<h2>{e(t)}</h2><p>{e(x)}</p>", "../"))
    nl = "".join(f'<li><a href="berita/{sl}.html">{e(t)}</a></li>' for sl, t, _ in news)
    s.put("/berita.html", shell("Berita", f"<h2>Berita</h2><ul>{nl}</ul>"))
    home = shell("Beranda", f"<h2>Selamat datang</h2><p>Layanan ketenagakerjaan Kota Jambi.</p><ul>{nl}</ul><p><a href='layanan.html'>Lihat layanan</a></p>")
    s.put("/", home)
    s.put("/index.html", home)
    return s


# --------------------------------------------------------------------------- H OpenSID-like kelurahan

def site_kelurahan(f: dict) -> Site:
    s = Site("kel-kenalibesar", "Kelurahan Kenali Besar, Kecamatan Alam Barajo", 7, "opensid-kelurahan")
    arts = [
        (2024, 7, 15, "surat-keterangan-domisili", "Surat Keterangan Domisili", "domisili"),
        (2024, 7, 15, "surat-keterangan-tidak-mampu-sktm", "Surat Keterangan Tidak Mampu (SKTM)", "sktm"),
        (2025, 2, 3, "program-kampung-bahagia-rp100-juta-per-rt", "Program Kampung Bahagia Rp100 Juta per RT", "kampung"),
    ]
    info = [
        (2025, 8, 9, "jemput-bola-dukcapil-di-kantor-lurah", "Jemput Bola Dukcapil Setiap Sabtu di Kantor Lurah",
         "Petugas Disdukcapil melayani pencetakan KK dan perekaman KTP-el di kantor lurah setiap Sabtu. Bawa KK dan KTP."),
        (2025, 9, 1, "usulan-dtks-lewat-kelurahan", "Usulan DTKS Dapat Disampaikan ke Kelurahan",
         "Warga yang ingin didaftarkan ke DTKS/DTSEN dapat mendaftar ke kelurahan dengan membawa KTP dan KK. Usulan dibahas dalam musyawarah kelurahan lalu diinput operator ke SIKS-NG."),
        (2025, 9, 20, "gotong-royong-rt-12", "Gotong Royong Bersihkan Parit di RT 12", "Warga RT 12 bergotong royong membersihkan parit menjelang musim hujan."),
        (2025, 10, 2, "posyandu-mawar", "Kegiatan Posyandu Mawar", "Posyandu Mawar melayani penimbangan balita dan imunisasi."),
        (2025, 10, 11, "pendataan-pbg-bangunan", "Pendataan Bangunan untuk PBG", "Lurah bersama ketua RT melakukan pendataan bangunan untuk program PBG."),
        (2025, 10, 20, "musyawarah-kampung-bahagia-rt-07", "Musyawarah Usulan Kampung Bahagia RT 07", "Warga RT 07 menyepakati usulan pembangunan jalan lingkungan dan CCTV."),
        (2025, 11, 3, "pembagian-sppt-pbb", "Pembagian SPPT PBB Melalui Ketua RT", "SPPT PBB tahun ini dibagikan melalui ketua RT. Bayar sebelum jatuh tempo."),
        (2025, 11, 14, "lomba-kebersihan-lingkungan", "Lomba Kebersihan Lingkungan Antar-RT", "Kelurahan menggelar lomba kebersihan lingkungan antar-RT."),
    ]
    jemput_url = s.url("/index.php/artikel/2025/8/9/jemput-bola-dukcapil-di-kantor-lurah")

    def art_path(y, m, d, sl):
        return f"/index.php/artikel/{y}/{m}/{d}/{sl}"

    def shell(title: str, body: str) -> str:
        side = "".join(f'<li><a href="{art_path(y, m, d, sl)}">{e(t)}</a></li>' for y, m, d, sl, t, _ in arts)
        side += '<li><a href="/index.php/first/kategori/layanan">Semua layanan kelurahan</a></li>'
        return f"""<!DOCTYPE html>
<html lang="id">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} - Website Kelurahan Kenali Besar</title>
<link rel="stylesheet" href="/themes/klasik/css/style.css"><meta name="description" content="Website Resmi Kelurahan Kenali Besar Kecamatan Alam Barajo Kota Jambi"></head>
<body>
<div id="header"><div class="judul"><h1>Kelurahan Kenali Besar</h1><p>Kecamatan Alam Barajo &ndash; Kota Jambi &ndash; Provinsi Jambi</p></div></div>
<div id="navigation"><ul><li><a href="/">Beranda</a></li><li><a href="/index.php/first/kategori/layanan">Layanan</a></li><li><a href="/index.php/first/kategori/berita">Berita</a></li><li><a href="/index.php/first/profil">Profil</a></li><li><a href="/index.php/peta">Peta</a></li></ul></div>
<div id="mainkonten"><div class="content_left">{body}</div>
<div class="content_right">
<div class="box box-primary"><div class="box-header"><h3 class="box-title">Layanan Surat</h3></div><div class="box-body"><ul>{side}</ul></div></div>
<div class="box"><div class="box-header"><h3 class="box-title">Jam Pelayanan</h3></div><div class="box-body">Senin&ndash;Kamis 08.00&ndash;15.00<br>Jumat 08.00&ndash;11.30</div></div>
<div class="box"><div class="box-header"><h3 class="box-title">Statistik Pengunjung</h3></div><div class="box-body">Hari ini: 37<br>Total: 18.204</div></div>
</div></div>
<div id="footer">Kantor Lurah Kenali Besar, Kecamatan Alam Barajo, Kota Jambi &middot; Powered by OpenSID</div>
</body></html>
"""

    for y, m, d, sl, t, key in arts:
        r = f[key]
        body = f"""<div class="artikel"><h2 class="judul">{e(t)}</h2><div class="kecil"><i class="fa fa-user"></i> Administrator &nbsp; <i class="fa fa-clock-o"></i> {d}/{m}/{y} &nbsp; Dibaca 1.2k kali</div>
<div class="teks"><table class="table table-bordered"><tr><td width="30%">Persyaratan</td><td>{ol(r['requirements'])}</td></tr>
<tr><td>Alur</td><td>{ol(r['procedure'])}</td></tr><tr><td>Waktu</td><td>{e(r['duration'] or '-')}</td></tr><tr><td>Biaya</td><td>{e(r['cost'] or 'Gratis')}</td></tr></table>
<p>Pelayanan surat dilakukan di Kantor Lurah Kenali Besar pada jam kerja.</p></div></div>"""
        answer(key, s.route(art_path(y, m, d, sl), shell(t, body), f"artikel-{sl}.html"))
    for y, m, d, sl, t, x in info:
        s.route(art_path(y, m, d, sl), shell(t, f'<div class="artikel"><h2 class="judul">{e(t)}</h2><div class="kecil">{d}/{m}/{y}</div><div class="teks"><p>{e(x)}</p></div></div>'), f"artikel-{sl}.html")
    lay = "".join(f'<div class="artikel"><h3><a href="{art_path(y, m, d, sl)}">{e(t)}</a></h3></div>' for y, m, d, sl, t, _ in arts)
    s.route("/index.php/first/kategori/layanan", shell("Layanan", f"<h2>Kategori: Layanan</h2>{lay}"), "kategori-layanan.html")
    ber = "".join(f'<div class="artikel"><h3><a href="{art_path(y, m, d, sl)}">{e(t)}</a></h3><p>{e(x[:90])}&hellip;</p></div>' for y, m, d, sl, t, x in info)
    s.route("/index.php/first/kategori/berita", shell("Berita", f"<h2>Kategori: Berita</h2>{ber}"), "kategori-berita.html")
    s.route("/index.php/first/profil", shell("Profil", "<h2>Profil Kelurahan</h2><p>Kelurahan Kenali Besar berada di Kecamatan Alam Barajo, Kota Jambi.</p>"), "profil.html")
    s.route("/index.php/peta", shell("Peta", "<h2>Peta Wilayah</h2><div id='map'></div>"), "peta.html")
    s.put("/", shell("Beranda", f"<h2>Selamat Datang</h2>{ber}"))
    return s, jemput_url


# --------------------------------------------------------------------------- I Lokomedia news-heavy (PUPR)

def site_pupr(f: dict) -> Site:
    s = Site("pupr", "Dinas Pekerjaan Umum dan Penataan Ruang Kota Jambi", 8, "lokomedia-news")
    pages = [(3, "pengaduan-jalan-rusak", "Layanan Pengaduan Jalan Rusak", "jalan"),
             (4, "pengaduan-drainase-tersumbat", "Layanan Pengaduan Drainase dan Genangan", "drainase")]
    places = ["Jl. Raden Wijaya", "Jl. Sultan Agung", "Jl. Kapten Pattimura", "Jl. Sumantri Brojonegoro",
              "Jl. Lingkar Selatan", "Jl. Hayam Wuruk", "Jl. Kol. Abunjani", "Jl. Orang Kayo Hitam",
              "Jl. Marsda Surya Dharma", "Jl. Adityawarman"]
    kinds = [("Pengaspalan", "pengaspalan", "Pekerjaan pengaspalan ruas {p} sepanjang 800 meter ditargetkan rampung bulan ini."),
             ("Normalisasi Parit", "normalisasi-parit", "Bidang SDA menormalisasi parit di {p} agar air tidak meluap ke badan jalan."),
             ("Peninjauan Proyek", "peninjauan-proyek", "Kepala Dinas meninjau progres pekerjaan di {p} bersama konsultan pengawas."),
             ("Tambal Sulam", "tambal-sulam", "Tim reaksi cepat melakukan tambal sulam lubang di {p} setelah laporan warga."),
             ("Rapat Koordinasi", "rakor", "Rapat koordinasi membahas pembangunan di {p} bersama camat dan lurah.")]
    news = []
    nid = 101
    for n in range(20):
        kind, ks, tmpl = kinds[n % len(kinds)]
        p = places[n % len(places)]
        t = f"{kind} di {p}"
        news.append((nid, f"{ks}-{re.sub(r'[^a-z0-9]+', '-', p.lower()).strip('-')}", t, tmpl.format(p=p)))
        nid += 1
    news[3] = (104, "pupr-alokasikan-rp1-miliar-parit-raden-wijaya", "PUPR Alokasikan Rp1 Miliar Tata Parit Jl. Raden Wijaya",
               "Dinas PUPR Kota Jambi mengalokasikan Rp1 miliar untuk menata parit di Jl. Raden Wijaya.")
    news[7] = (108, "jalan-rusak-keluhan-terbanyak", "Jalan Rusak Jadi Keluhan Terbanyak Warga",
               "Sepanjang 2022 jalan rusak menjadi topik aduan terbanyak di SiKesal dengan 183 laporan. Jalan nasional seperti Jl. Sultan Agung menjadi kewenangan BPJN Jambi.")

    def shell(title: str, body: str) -> str:
        popular = "".join(f'<li><a href="berita-{i}-{sl}.html">{e(t)}</a></li>' for i, sl, t, _ in news[:6])
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{e(title)} | Dinas PUPR Kota Jambi</title>
<meta name="keywords" content="pupr kota jambi, jalan, drainase, jembatan" />
<link href="config/style.css" rel="stylesheet" type="text/css" /></head>
<body>
<div id="wrapper"><div id="header"><h1>Dinas Pekerjaan Umum dan Penataan Ruang Kota Jambi</h1></div>
<div id="menu"><ul><li><a href="index.html">Home</a></li><li><a href="halaman-1-profil.html">Profil</a></li><li><a href="kategori-2-berita-daerah.html">Berita</a></li><li><a href="halaman-2-layanan.html">Layanan</a></li><li><a href="kategori-5-pengumuman.html">Pengumuman</a></li><li><a href="hubungi-kami.html">Hubungi Kami</a></li></ul></div>
<div id="content"><div id="kiri">{body}</div>
<div id="kanan"><h3>Terpopuler</h3><ul>{popular}</ul><h3>Agenda</h3><p>Musrenbang Kecamatan, 12 Februari</p><h3>Polling</h3><p>Bagaimana kualitas jalan di lingkungan Anda?</p></div></div>
<div id="footer">Copyright &copy; 2025 Dinas PUPR Kota Jambi. All rights reserved. Powered by Lokomedia.</div></div>
</body></html>
"""

    for pid, sl, t, key in pages:
        r = f[key]
        body = (f'<div class="judul">{e(t)}</div><div class="isi"><p>Masyarakat dapat menyampaikan pengaduan kepada Dinas PUPR Kota Jambi dengan ketentuan sebagai berikut.</p>'
                f'<p><b>Yang perlu disiapkan:</b></p>{ol(r["requirements"], "ul")}<p><b>Alur:</b></p>{ol(r["procedure"])}'
                f'<p><b>Waktu tindak lanjut:</b> {e(r["duration"] or "-")}<br /><b>Biaya:</b> {e(r["cost"] or "Gratis")}</p>'
                + (f'<p><b>Kanal:</b> {e(r["online"])}</p>' if r["online"] else "")
                + (f'<p>{e(clean(r["notes"]))}</p>' if r.get("notes") and key == "jalan" else "") + "</div>")
        answer(key, s.put(f"/halaman-{pid}-{sl}.html", shell(t, body)))
    for i, sl, t, x in news:
        s.put(f"/berita-{i}-{sl}.html", shell(t, f'<div class="judul">{e(t)}</div><div class="tanggal">Diposting oleh admin, dibaca 214 kali</div><div class="isi"><p>{e(x)}</p><p>Warga dapat menyampaikan laporan melalui kanal pengaduan resmi Pemkot Jambi.</p></div>'))
    lay = "".join(f'<li><a href="halaman-{pid}-{sl}.html">{e(t)}</a></li>' for pid, sl, t, _ in pages)
    s.put("/halaman-2-layanan.html", shell("Layanan", f'<div class="judul">Layanan</div><ul>{lay}</ul>'))
    s.put("/halaman-1-profil.html", shell("Profil", '<div class="judul">Profil</div><p>Dinas PUPR Kota Jambi membidangi jalan, jembatan, sumber daya air dan penataan ruang.</p>'))
    s.put("/hubungi-kami.html", shell("Hubungi Kami", '<div class="judul">Hubungi Kami</div><form><input name="nama"/><textarea name="pesan"></textarea></form>'))
    s.put("/kategori-5-pengumuman.html", shell("Pengumuman", '<div class="judul">Pengumuman</div><p>Pengumuman lelang dapat dilihat di LPSE.</p>'))
    half = len(news) // 2
    nl1 = "".join(f'<div class="berita"><a href="berita-{i}-{sl}.html">{e(t)}</a><p>{e(x[:80])}&hellip;</p></div>' for i, sl, t, x in news[:half])
    nl2 = "".join(f'<div class="berita"><a href="berita-{i}-{sl}.html">{e(t)}</a><p>{e(x[:80])}&hellip;</p></div>' for i, sl, t, x in news[half:])
    s.put("/kategori-2-berita-daerah.html", shell("Berita Daerah", f'<div class="judul">Berita Daerah</div>{nl1}<div class="paging"><a href="kategori-2-berita-daerah-2.html">Next &raquo;</a></div>'))
    s.put("/kategori-2-berita-daerah-2.html", shell("Berita Daerah", f'<div class="judul">Berita Daerah - Halaman 2</div>{nl2}'))
    home = shell("Home", f'<div class="judul">Berita Terkini</div>{nl1}<div class="paging"><a href="kategori-2-berita-daerah-2.html">Berita lainnya</a></div>')
    s.put("/", home)
    s.put("/index.html", home)
    return s


# --------------------------------------------------------------------------- J Next.js export (Diskominfo apps)

APPS = [
    ("sikesal", "SiKesal", "SiKesal / Si-Kesal (Sistem Informasi Keluhan Masyarakat Online)"),
    ("sikoja", "SiKoja", "SiKoja (Sistem Informasi Kota Jambi)"),
    ("cc112", "Call Center 112", "Call Center 112 Kota Jambi / Call Center Bahagia"),
    ("simerahkoja", "Si Merah Koja", "Si Merah Koja (Sistem Informasi Penanggulangan Kebakaran dan Penyelamatan Daerah Kota Jambi)"),
    ("ppid", "PPID Kota Jambi", "Aplikasi PPID / PPID Kota Jambi"),
    ("opendata", "Open Data Kota Jambi", "Open Data Kota Jambi"),
    ("spbe", "Portal SPBE", "Portal SPBE Kota Jambi"),
    ("jcoc", "Jambi City Operation Center", "Jambi City Operation Center (JCOC)"),
    ("kartubahagia", "Kartu Bahagia", "Kartu Bahagia"),
    ("lapor", "SP4N-LAPOR!", "SP4N-LAPOR!"),
]


def site_diskominfo(f: dict, data: Path) -> Site:
    s = Site("diskominfo", "Dinas Komunikasi dan Informatika Kota Jambi", 9, "nextjs-export")
    apps = {json.loads(x)["name"]: json.loads(x) for x in (data / "apps.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()}
    topics = [("pju", "lampu-jalan-mati", "Aduan Lampu Jalan Mati"),
              ("sampah", "sampah-belum-terangkut", "Aduan Sampah Belum Terangkut")]
    svc = [("sikesal", "pengaduan-sikesal", "Pengaduan Layanan Publik (SiKesal)"),
           ("ppid", "permohonan-informasi-publik", "Permohonan Informasi Publik")]

    def shell(title: str, body: str, props: dict) -> str:
        data_json = json.dumps({"props": {"pageProps": props}, "page": props.get("route", "/"),
                                "query": {}, "buildId": "k3Jd8xQ2mPz", "nextExport": True,
                                "isFallback": False, "gsp": True, "scriptLoader": []},
                               ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
        return f"""<!DOCTYPE html><html lang="id"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width"/><title>{e(title)} — Diskominfo Kota Jambi</title><meta name="next-head-count" content="3"/><link rel="preload" href="/_next/static/css/6a1f0e2b9c.css" as="style"/><link rel="stylesheet" href="/_next/static/css/6a1f0e2b9c.css" data-n-g=""/><noscript data-n-css=""></noscript><script defer="" nomodule="" src="/_next/static/chunks/polyfills-c67a75d1b6f99dc8.js"></script><script src="/_next/static/chunks/webpack-8fa1640cc84ba8fe.js" defer=""></script><script src="/_next/static/chunks/framework-2c79e2a64abdb08b.js" defer=""></script><script src="/_next/static/chunks/main-0ecb9ccfcb6c9b24.js" defer=""></script></head><body><div id="__next"><div class="min-h-screen flex flex-col"><header class="bg-sky-800 text-white"><div class="max-w-6xl mx-auto px-4 py-3 flex justify-between"><a class="font-bold" href="/">Diskominfo Kota Jambi</a><nav class="space-x-4 text-sm"><a href="/">Beranda</a><a href="/aplikasi/">Katalog Aplikasi</a><a href="/layanan/">Layanan</a><a href="/pengaduan/">Kanal Aduan</a><a href="/berita/">Berita</a></nav></div></header><main class="flex-1 max-w-6xl mx-auto px-4 py-6">{body}</main><footer class="bg-slate-900 text-slate-400 text-xs py-4"><div class="max-w-6xl mx-auto px-4">Dinas Komunikasi dan Informatika Kota Jambi · Pengelola SiKoja, SiKesal, Call Center 112, Portal SPBE dan JCOC</div></footer></div></div><script id="__NEXT_DATA__" type="application/json">{data_json}</script></body></html>
"""

    def app_body(slug: str, short: str, a: dict, extra: str = "") -> str:
        dl = [("Pengelola", a.get("owner")), ("Platform", a.get("platform")), ("Status", a.get("status")),
              ("Alamat", a.get("url") if a.get("url") and not str(a.get("url")).startswith("tel:") else None)]
        rows = "".join(f'<div class="py-2 grid grid-cols-3"><dt class="font-medium">{k}</dt><dd class="col-span-2">{e(str(v))}</dd></div>' for k, v in dl if v)
        return (f'<nav class="text-xs text-slate-500"><a href="/">Beranda</a> / <a href="/aplikasi/">Katalog Aplikasi</a> / {e(short)}</nav>'
                f'<h1 class="text-2xl font-bold mt-2">{e(short)}</h1><p class="mt-2 text-slate-700">{e(a["purpose"])}</p>'
                f'<dl class="mt-4 divide-y">{rows}</dl>{extra}')

    for slug, short, full in APPS:
        a = apps[full]
        extra = ""
        if slug == "cc112":
            r = f["cc112"]
            extra = f'<h2 class="font-semibold mt-4">Cara menggunakan</h2>{ol(r["procedure"])}<p>Layanan {e(r["duration"])}, {e(r["cost"])}.</p>'
        if slug == "lapor":
            r = f["lapor"]
            extra = f'<h2 class="font-semibold mt-4">Alur</h2>{ol(r["procedure"])}'
        url = s.put(f"/aplikasi/{slug}/", shell(short, app_body(slug, short, a, extra), {"route": "/aplikasi/[slug]", "app": {"slug": slug, "nama": short, "deskripsi": a["purpose"]}}))
        answer("app:" + slug, url)
        if slug in ("cc112", "lapor"):
            answer(slug, url)
    for key, slug, title in svc:
        r = f[key]
        body = (f'<nav class="text-xs text-slate-500"><a href="/">Beranda</a> / <a href="/layanan/">Layanan</a> / {e(title)}</nav><h1 class="text-2xl font-bold mt-2">{e(title)}</h1>'
                f'<section class="mt-4"><h2 class="font-semibold">Persyaratan</h2>{ol(r["requirements"], "ul")}</section>'
                f'<section class="mt-4"><h2 class="font-semibold">Prosedur</h2>{ol(r["procedure"])}</section>'
                f'<section class="mt-4"><h2 class="font-semibold">Waktu &amp; Biaya</h2><p>{e(r["duration"] or "-")} · {e(r["cost"] or "Gratis")}</p></section>'
                f'<section class="mt-4"><h2 class="font-semibold">Dasar Hukum</h2><p>{e(r["legal_basis"] or "-")}</p></section>')
        answer(key, s.put(f"/layanan/{slug}/", shell(title, body, {"route": "/layanan/[slug]", "layanan": {"slug": slug, "judul": title}})))
    for key, slug, title in topics:
        r = f[key]
        body = (f'<nav class="text-xs text-slate-500"><a href="/">Beranda</a> / <a href="/pengaduan/">Kanal Aduan</a> / {e(title)}</nav><h1 class="text-xl font-bold">{e(title)}</h1>'
                f'<p>Siapkan: {e(", ".join(r["requirements"]))}.</p><p>Cara: {e("; ".join(r["procedure"]))}.</p>'
                f'<p>Target tindak lanjut: {e(r["duration"] or "-")}. {e(r["cost"] or "")}</p>')
        answer(key, s.put(f"/pengaduan/{slug}/", shell(title, body, {"route": "/pengaduan/[slug]"})))
    cards = "".join(f'<a class="block rounded border p-4 hover:shadow" href="/aplikasi/{sl}/"><h3 class="font-semibold">{e(sh)}</h3></a>' for sl, sh, _ in APPS)
    s.put("/aplikasi/", shell("Katalog Aplikasi", f'<h1 class="text-2xl font-bold">Katalog Aplikasi Pemerintah Kota Jambi</h1><p>Pada 2023 Pemkot Jambi mencatat 112 aplikasi, menonaktifkan 20, dan mewajibkan seluruh aplikasi terintegrasi ke SiKoja.</p><div class="grid grid-cols-3 gap-4 mt-4">{cards}</div>', {"route": "/aplikasi"}))
    ll = "".join(f'<li><a href="/layanan/{sl}/">{e(t)}</a></li>' for _, sl, t in svc)
    s.put("/layanan/", shell("Layanan", f'<h1 class="text-2xl font-bold">Layanan</h1><ul>{ll}</ul>', {"route": "/layanan"}))
    tl = "".join(f'<li><a href="/pengaduan/{sl}/">{e(t)}</a></li>' for _, sl, t in topics)
    s.put("/pengaduan/", shell("Kanal Aduan", f'<h1 class="text-2xl font-bold">Kanal Aduan Warga</h1><p>Keluhan tentang jalan rusak, lampu mati, sampah, drainase, air keruh dan parkir liar dapat dilaporkan lewat <a href="/aplikasi/sikesal/">SiKesal</a> atau <a href="/aplikasi/cc112/">Call Center 112</a>.</p><ul>{tl}</ul>', {"route": "/pengaduan"}))
    news = [("sikesal-835-laporan", "SiKesal Terima 835 Laporan Sepanjang 2022", "Topik terbanyak: jalan, lampu jalan, drainase dan kebocoran pipa air."),
            ("20-aplikasi-dinonaktifkan", "Diskominfo Nonaktifkan 20 Aplikasi", "Aplikasi yang tidak mendukung kinerja dinonaktifkan; seluruh aplikasi diarahkan ke SiKoja."),
            ("jcoc-cctv-14-simpang", "JCOC Pantau 14 Simpang dengan CCTV", "Ruang kendali smart city memantau lalu lintas dan lampu jalan.")]
    for sl, t, x in news:
        s.put(f"/berita/{sl}/", shell(t, f'<article><h1 class="text-2xl font-bold">{e(t)}</h1><p>{e(x)}</p></article>', {"route": "/berita/[slug]"}))
    nl = "".join(f'<li><a href="/berita/{sl}/">{e(t)}</a></li>' for sl, t, _ in news)
    s.put("/berita/", shell("Berita", f'<h1 class="text-2xl font-bold">Berita</h1><ul>{nl}</ul>', {"route": "/berita"}))
    s.put("/", shell("Beranda", f'<section class="rounded bg-sky-50 p-6"><h1 class="text-3xl font-bold">Kota Jambi Digital</h1><p>Satu pintu aplikasi dan layanan informasi Pemerintah Kota Jambi.</p></section><h2 class="mt-6 font-semibold">Aplikasi</h2><div class="grid grid-cols-3 gap-4">{cards}</div><h2 class="mt-6 font-semibold">Layanan</h2><ul>{ll}</ul><ul>{tl}</ul><h2 class="mt-6 font-semibold">Berita</h2><ul>{nl}</ul>', {"route": "/"}))
    return s


# --------------------------------------------------------------------------- queries

# (category, query, answers): an answer is a fact key (every exact page of it, grade 2), or
# "key=1" for an acceptable page (every page of that key, grade 1), or "url:<site><path>=g"
QUERIES: list[tuple[str, str, list[str]]] = [
    # formal
    ("formal", "persyaratan penerbitan kartu keluarga baru", ["kk_baru"]),
    ("formal", "prosedur penggantian KTP elektronik yang hilang", ["ktp_hilang"]),
    ("formal", "pencatatan kematian dan penerbitan kutipan akta kematian", ["akta_mati"]),
    ("formal", "permohonan surat izin praktik bidan", ["sipb"]),
    ("formal", "persyaratan persetujuan bangunan gedung", ["pbg"]),
    ("formal", "pengajuan keberatan atas ketetapan pajak bumi dan bangunan", ["pbb_keberatan", "pbb_betul=1"]),
    ("formal", "pendaftaran wajib pajak restoran", ["pajak_resto"]),
    ("formal", "usulan pendaftaran data terpadu kesejahteraan sosial", ["dtks"]),
    ("formal", "penerbitan kartu tanda pencari kerja", ["ak1"]),
    ("formal", "permohonan surat keterangan tidak mampu di kelurahan", ["sktm"]),
    ("formal", "pengaduan kerusakan jalan kota", ["jalan", "sikesal=1"]),
    ("formal", "tata cara permohonan informasi publik", ["ppid", "app:ppid"]),
    ("formal", "pencatatan perceraian di dinas kependudukan", ["akta_cerai"]),
    ("formal", "validasi bea perolehan hak atas tanah dan bangunan", ["bphtb"]),
    # colloquial
    ("colloquial", "gimana cara bikin kk baru abis nikah", ["kk_baru", "kk_ubah=1"]),
    ("colloquial", "mau bikin akte lahir anak syaratnya apa aja", ["akta_lahir"]),
    ("colloquial", "bayar pajak rumah bisa dimana aja", ["pbb_bayar"]),
    ("colloquial", "mau buka usaha kecil2an perlu izin apa", ["nib"]),
    ("colloquial", "mau bangun rumah harus ngurus izin apa dulu", ["pbg"]),
    ("colloquial", "cara daftar biar dapet bansos", ["dtks"]),
    ("colloquial", "berobat gratis cuma pake ktp bisa gak", ["uhc"]),
    ("colloquial", "ortu meninggal ngurus surat kematiannya kemana", ["akta_mati"]),
    ("colloquial", "minta surat keterangan miskin buat sekolah anak", ["sktm"]),
    ("colloquial", "cek kesehatan gratis daftarnya gimana", ["ckg"]),
    ("colloquial", "baru pindah ke jambi dari palembang urus ktp gimana", ["pindah_datang"]),
    ("colloquial", "mau pinjem modal usaha dari pemkot bunga kecil", ["banharkat"]),
    ("colloquial", "anak baru lahir mau dimasukin ke kk", ["kk_ubah", "akta_lahir=1"]),
    ("colloquial", "pengen ikut pelatihan kerja gratis", ["balikat"]),
    ("colloquial", "petugas dukcapil bisa dateng ke kelurahan gak", ["jemput", "jemput_kel=1"]),
    # abbreviation
    ("abbreviation", "syarat skpwni", ["pindah_keluar"]),
    ("abbreviation", "bikin kia anak", ["kia"]),
    ("abbreviation", "bphtb jual beli rumah", ["bphtb"]),
    ("abbreviation", "daftar nib", ["nib"]),
    ("abbreviation", "slf bangunan", ["slf"]),
    ("abbreviation", "sip dokter gigi", ["sip_dokter"]),
    ("abbreviation", "sipp perawat", ["sipp"]),
    ("abbreviation", "ak1 disnaker", ["ak1"]),
    ("abbreviation", "skd kelurahan", ["domisili"]),
    ("abbreviation", "dtks dinsos", ["dtks"]),
    ("abbreviation", "ckg puskesmas", ["ckg"]),
    ("abbreviation", "igd rsud abdul manap", ["igd"]),
    ("abbreviation", "ikd dukcapil", ["ikd"]),
    ("abbreviation", "uhc kota jambi", ["uhc"]),
    # old-term
    ("old-term", "imb rumah", ["pbg"]),
    ("old-term", "ngurus imb ruko berapa lama", ["pbg"]),
    ("old-term", "siup", ["nib"]),
    ("old-term", "daftar tdp perusahaan", ["nib"]),
    ("old-term", "akte kenal lahir", ["akta_lahir"]),
    ("old-term", "kartu kuning", ["ak1"]),
    ("old-term", "jamkesda kota jambi", ["uhc"]),
    ("old-term", "daftar raskin", ["dtks"]),
    ("old-term", "pajak tontonan", ["pajak_hiburan"]),
    ("old-term", "pajak pembangunan 1 rumah makan", ["pajak_resto"]),
    ("old-term", "surat keterangan kelakuan baik", ["skck"]),
    ("old-term", "izin gangguan HO", ["nib"]),
    ("old-term", "askeskin berobat", ["uhc"]),
    ("old-term", "jamsostek pekerja rentan", ["santunan"]),
    # jambi-malay
    ("jambi-malay", "cakmano ngurus kk baru", ["kk_baru"]),
    ("jambi-malay", "kemano nak bikin akte lahir budak", ["akta_lahir"]),
    ("jambi-malay", "ktp aku ilang apo syaratnyo", ["ktp_hilang"]),
    ("jambi-malay", "cakmano bayar pbb", ["pbb_bayar"]),
    ("jambi-malay", "nak bangun umah izinnyo apo", ["pbg"]),
    ("jambi-malay", "jalan depan umah belobang lapor kemano", ["jalan", "sikesal=1"]),
    ("jambi-malay", "siring sumbat banjir lapor kemano", ["drainase"]),
    ("jambi-malay", "lampu jalan mati lah seminggu", ["pju"]),
    ("jambi-malay", "dak punyo bpjs nak berobat gratis", ["uhc"]),
    ("jambi-malay", "cakmano daftar bansos", ["dtks"]),
    ("jambi-malay", "surat keterangan idak mampu kemano", ["sktm"]),
    ("jambi-malay", "sampah dak diangkut-angkut", ["sampah"]),
    ("jambi-malay", "umah tebakar nelpon kemano", ["cc112", "app:simerahkoja=1"]),
    ("jambi-malay", "surat domisili di lurah berapo lamo", ["domisili"]),
    # english
    ("english", "how to get a family card", ["kk_baru"]),
    ("english", "lost my id card replacement", ["ktp_hilang"]),
    ("english", "birth certificate requirements", ["akta_lahir"]),
    ("english", "building permit jambi", ["pbg"]),
    ("english", "business registration number", ["nib"]),
    ("english", "pay property tax", ["pbb_bayar"]),
    ("english", "land and building acquisition duty", ["bphtb"]),
    ("english", "passport application public service mall", ["paspor"]),
    ("english", "police clearance certificate", ["skck"]),
    ("english", "job seeker card", ["ak1"]),
    ("english", "free health check", ["ckg"]),
    ("english", "hospital emergency room 24 hours", ["igd"]),
    ("english", "marriage registration", ["nikah", "akta_kawin"]),
    ("english", "report a broken street light", ["pju"]),
    # typo
    ("typo", "persyratan kartu keluraga baru", ["kk_baru"]),
    ("typo", "akta kelahirn anak", ["akta_lahir"]),
    ("typo", "ktp elektonik hilang", ["ktp_hilang"]),
    ("typo", "pembayran pbb", ["pbb_bayar"]),
    ("typo", "persetujan bangunan gedug", ["pbg"]),
    ("typo", "nomer induk berusah", ["nib"]),
    ("typo", "kartu identitas anakk", ["kia"]),
    ("typo", "surat keterngan domisli", ["domisili"]),
    ("typo", "pajak hibuaran", ["pajak_hiburan"]),
    ("typo", "balik nma sppt pbb", ["pbb_mutasi"]),
    ("typo", "kartu pencari kerj", ["ak1"]),
    ("typo", "permohnan informsi publik", ["ppid", "app:ppid"]),
    ("typo", "aktivsi ikd", ["ikd"]),
    ("typo", "legalisr akta", ["legalisir"]),
    # problem
    ("problem", "jalan depan rumah rusak parah banyak lubang", ["jalan", "sikesal=1"]),
    ("problem", "got depan rumah mampet kalau hujan banjir", ["drainase"]),
    ("problem", "lampu jalan di gang mati udah seminggu", ["pju"]),
    ("problem", "sampah numpuk di tps gak diangkut", ["sampah"]),
    ("problem", "ktp rusak gak kebaca chipnya", ["ktp_hilang"]),
    ("problem", "nama di kk salah ketik", ["kk_ubah"]),
    ("problem", "tagihan pbb kok naik padahal bangunan udah dibongkar", ["pbb_keberatan", "pbb_betul=1"]),
    ("problem", "rumah udah dibeli tapi sppt masih atas nama pemilik lama", ["pbb_mutasi"]),
    ("problem", "kk hilang kebawa banjir", ["kk_hilang"]),
    ("problem", "gak punya dokumen kependudukan sama sekali", ["rentan"]),
    ("problem", "pelayanan kantor lambat mau komplain", ["sikesal", "app:sikesal", "lapor"]),
    ("problem", "pindah kerja ke luar kota mau pindah ktp", ["pindah_keluar"]),
    ("problem", "butuh fotokopi akta dilegalisir buat daftar cpns", ["legalisir"]),
    ("problem", "status di ktp masih belum kawin padahal udah nikah", ["ktp_ubah", "kk_ubah=1"]),
    # app
    ("app", "aplikasi sikesal", ["app:sikesal", "sikesal"]),
    ("app", "download si kesal play store", ["app:sikesal", "sikesal"]),
    ("app", "sikoja apk", ["app:sikoja"]),
    ("app", "aplikasi lapor kebakaran damkar", ["app:simerahkoja"]),
    ("app", "nomor darurat bebas pulsa jambi", ["cc112"]),
    ("app", "ppid kota jambi online", ["app:ppid", "ppid"]),
    ("app", "open data kota jambi", ["app:opendata"]),
    ("app", "portal spbe", ["app:spbe"]),
    ("app", "cek tagihan pbb online", ["pbb_cek"]),
    ("app", "oss rba daftar", ["nib"]),
    ("app", "simbg pbg online", ["pbg"]),
    ("app", "aplikasi ikd ktp digital", ["ikd"]),
    ("app", "kartu bahagia aplikasi", ["app:kartubahagia", "uhc=1"]),
    ("app", "cctv simpang jcoc", ["app:jcoc"]),
]


def judged(answers: list[str]) -> str:
    grades: dict[str, int] = {}
    for a in answers:
        key, _, g = a.partition("=")
        grade = int(g) if g else 2
        urls = ANSWERS.get(key)
        if not urls:
            raise SystemExit(f"no page answers {key!r}")
        for u in urls:
            grades[u] = max(grades.get(u, 0), grade)
    return " ".join(f"{u}={g}" for u, g in grades.items())


# --------------------------------------------------------------------------- main

def build(data: Path, out: Path) -> None:
    ANSWERS.clear()
    f = load_facts(data)
    kel, jemput_url = site_kelurahan(f)
    sites = [site_disdukcapil(f), site_bpprd(f), site_dpmptsp(f), site_mpp(f), site_dinsos(f),
             site_dinkes(f), site_disnaker(f), kel, site_pupr(f), site_diskominfo(f, data)]
    ANSWERS.setdefault("jemput_kel", []).append(jemput_url)
    sites_dir = out / "sites"
    if sites_dir.exists():
        shutil.rmtree(sites_dir)
    sites_dir.mkdir(parents=True)
    for site in sites:
        root = sites_dir / site.name
        for rel, body in sorted(site.files.items()):
            p = root / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(body, bytes):
                p.write_bytes(body)
            else:
                p.write_bytes(body.encode(site.charset, errors="xmlcharrefreplace"))
        if site.routes:
            (root / "_routes.json").write_text(json.dumps(site.routes, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    manifest = {"base_port": BASE_PORT,
                "sites": [{"name": s.name, "opd": s.opd, "port_offset": s.offset, "family": s.family} for s in sites]}
    (sites_dir / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    lines = ["qid\tcategory\tquery\trelevant"]
    for n, (cat, query, answers) in enumerate(QUERIES, 1):
        lines.append(f"h3q{n:03d}\t{cat}\t{query}\t{judged(answers)}")
    (out / "queries.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="folder with services.jsonl and apps.jsonl")
    parser.add_argument("--out", type=Path, default=ROOT / "eval" / "heldout3")
    args = parser.parse_args(argv)
    data = args.data or default_data_dir()
    for name in ("services.jsonl", "apps.jsonl"):
        if not (data / name).is_file():
            print(f"error: no {name} in {data} (pass --data)", file=sys.stderr)
            return 2
    args.out.mkdir(parents=True, exist_ok=True)
    build(data, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
