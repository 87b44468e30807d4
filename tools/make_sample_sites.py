"""Generate the bundled sample Kota Jambi web (dev-time only).

The demo and every end-to-end test crawl a small copy of Kota Jambi's public-service web that
ships inside the package (``sikoja/demo/sites/``). This script writes it from the fact files
in ``../shared/data`` beside the repository (services, agencies, apps); the project itself never reads that
folder at run time, so the output is committed.

Why generated and not hand-written: twenty sites share the same facts (a service's
requirements on the agency site and again on the Mal Pelayanan Publik site; the app catalog as
JSON, CSV and an HTML table; the relevance dev set pointing at page URLs), and one generator
keeps them consistent. The prose (introductions, news, profiles) is written here by hand;
facts carry over from the data files, cleaned of research notes such as "(contoh Way Kanan)".

Each site gets a template family, as real OPD sites differ. The first twenty sites use five tidy
ones: a WordPress theme with ``/?page_id=N`` links, an old table-layout ASP site (one of them in
windows-1252), a plain PHP site with ``index.php?page=...``, a modern site with
``/layanan/slug/`` folders, and a static CMS with ``.html`` files. Eleven more imitate the messier
sites found in the wild (see "Real-world families"): WordPress with pretty permalinks, an old PHP
table layout, CodeIgniter/Laravel apps, services published only as PDFs, a list rendered by
JavaScript from JSON, a kecamatan Blogspot, Drupal 7 and one-page UPTD sites. The manifest names
each site's family. Every URL a site links to (query strings, extension-less paths) is mapped to
its file by ``_routes.json`` in the site folder, which ``sikoja/demo/server.py`` reads.

Outputs (all deterministic, re-run after editing):
  sikoja/demo/sites/**            the sites, manifest.json, _routes.json per site
  sources/sample-kota-jambi.yaml  the sample web on the default ports
  sources/kota-jambi.yaml         the real OPD domains (deployment with internet)
  eval/devset.tsv                 the relevance dev set
  tests/data/planted_duplicates.json

Usage: .venv/bin/python tools/make_sample_sites.py [--data ../shared/data]
"""

# ruff: noqa: E501  (the HTML templates and page prose keep real pages' long lines)
from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import html
import io
import json
import re
import shutil
import textwrap
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlencode, urlsplit

# The server reads what this script writes: one place for where the sites live, their ports
# and the query-string route keys.
from sikoja.demo.server import (
    DEFAULT_BASE_PORT,
    LOOPBACK,
    SITES_ROOT,
    SampleSite,
    render_sources,
    route_key,
)

REPO = Path(__file__).resolve().parent.parent


def shared_data_dir() -> Path:
    """The shared fact files: ``../shared/data`` beside the repository. A git worktree finds
    them beside the main repository its ``.git`` file points to."""
    candidates = [REPO.parent / "shared" / "data"]
    dot_git = REPO / ".git"
    if dot_git.is_file():  # "gitdir: <main>/.git/worktrees/<name>"
        gitdir = Path(dot_git.read_text(encoding="utf-8").split(":", 1)[1].strip())
        candidates.append(gitdir.parent.parent.parent.parent / "shared" / "data")
    return next((c for c in candidates if c.is_dir()), candidates[0])

# ---------------------------------------------------------------------------------------------
# Sites
# ---------------------------------------------------------------------------------------------

KOMPLEK = "Komplek Perkantoran Walikota Jambi, Jl. Jend. Basuki Rahmat No. 1, Kotabaru, Kota Jambi"
HOURS = "Senin–Kamis 08.00–16.00 WIB, Jum’at 08.00–16.30 WIB"

# Section headings of a service page differ between sites: (requirements, procedure, duration,
# cost, legal basis, location, online).
LABELS = {
    "a": ("Persyaratan", "Prosedur", "Waktu Penyelesaian", "Biaya/Tarif", "Dasar Hukum",
          "Lokasi", "Layanan Online"),
    "b": ("Syarat-syarat", "Alur Pelayanan", "Jangka Waktu", "Biaya", "Dasar Hukum",
          "Tempat Pelayanan", "Daftar Online"),
    "c": ("Persyaratan Pelayanan", "Mekanisme", "Waktu Penyelesaian", "Biaya", "Dasar Hukum",
          "Tempat Pelayanan", "Link Aplikasi"),
    "d": ("Persyaratan", "Sistem, Mekanisme dan Prosedur", "Jangka Waktu Penyelesaian",
          "Biaya/Tarif", "Dasar Hukum", "Lokasi Pelayanan", "Pengajuan Online"),
    "e": ("Syarat", "Prosedur Pelayanan", "Waktu Layanan", "Tarif", "Landasan Hukum",
          "Lokasi", "Akses Online"),
}


@dataclass
class Site:
    name: str
    opd: str  # full agency name
    short: str  # as the site calls itself
    template: str  # wp | table | php | modern | cms
    port_offset: int
    tagline: str
    address: str
    tugas: str  # one sentence on what the agency does, for the profile page
    labels: str = "a"
    list_style: str = "ol"  # ol | ul | table | para
    charset: str = "utf-8"
    robots: str | None = None
    sitemap: bool = False
    contact: str = ""
    place: str = ""  # default "where to apply" on service pages
    color: str = "#0b5394"
    variant: str = ""  # codeigniter | laravel, for the "ci" template
    counter: int = 0
    pages: list[Page] = field(default_factory=list)
    routes: dict[str, str] = field(default_factory=dict)
    extra_files: dict[str, bytes] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://{LOOPBACK}:{DEFAULT_BASE_PORT + self.port_offset}"

    def next_id(self, step: int = 1) -> int:
        self.counter += step
        return self.counter


@dataclass
class Page:
    site: Site
    kind: str  # home | service | news | page | listing | app
    key: str
    title: str
    href: str  # root-relative canonical link, e.g. "/?page_id=12" or "/layanan/kk/"
    file: str  # file under the site folder
    body: str = ""
    summary: str = ""
    date: str = ""
    crumbs: list[tuple[str, str]] = field(default_factory=list)
    view: dict = field(default_factory=dict)  # how a CMS renders this copy (Joomla: hits, menu)

    @property
    def url(self) -> str:
        return self.site.base + self.href


SITES: list[Site] = [
    Site("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil Kota Jambi", "Disdukcapil Kota Jambi",
         "wp", 0, "Melayani dengan Hati, Cepat, Tepat, Tanpa Biaya", KOMPLEK,
         "melaksanakan urusan pemerintahan di bidang administrasi kependudukan dan pencatatan sipil",
         labels="a", list_style="ol", robots="User-agent: *\nDisallow: /wp-admin/\n"
         "Allow: /wp-admin/admin-ajax.php\n\nSitemap: {base}/sitemap.xml\n", sitemap=True,
         place="Kantor Disdukcapil Kota Jambi, " + KOMPLEK + "; loket Disdukcapil di Mal Pelayanan "
         "Publik (MPP) Kota Jambi", color="#1e3a8a"),
    Site("dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Jambi", "DPMPTSP Kota Jambi",
         "modern", 1, "Perizinan Mudah, Cepat, Transparan", KOMPLEK,
         "menyelenggarakan pelayanan perizinan dan nonperizinan secara terpadu satu pintu serta "
         "mendorong penanaman modal di Kota Jambi", labels="c", list_style="ul",
         robots="User-agent: *\nDisallow: /cari\n\nSitemap: {base}/sitemap.xml\n", sitemap=True,
         place="Loket DPMPTSP di Mal Pelayanan Publik (MPP) Kota Jambi", color="#0f766e"),
    Site("mpp", "Mal Pelayanan Publik Kota Jambi", "Mal Pelayanan Publik Kota Jambi", "modern", 2,
         "Satu Tempat, Banyak Layanan", "Gedung Mal Pelayanan Publik (eks rumah dinas DPRD Kota Jambi), "
         "Kota Jambi",
         "mengintegrasikan pelayanan publik dari instansi pusat, provinsi, kota, BUMN dan BUMD dalam "
         "satu gedung; MPP dikelola oleh DPMPTSP Kota Jambi", labels="b", list_style="table",
         robots="User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n", sitemap=True,
         place="Mal Pelayanan Publik Kota Jambi", color="#b45309"),
    Site("bpprd", "Badan Pengelola Pajak dan Retribusi Daerah Kota Jambi", "BPPRD Kota Jambi", "table",
         3, "Pajak Daerah untuk Pembangunan Kota Jambi",
         "Kompleks Perkantoran Wali Kota Jambi, Jl. Basuki Rahmat, Kotabaru, Kota Jambi",
         "mengelola pendataan, penetapan, pemungutan dan pelayanan pajak daerah serta retribusi "
         "daerah", labels="d", list_style="ol",
         robots="User-agent: *\nDisallow: /admin/\n", place="Kantor BPPRD Kota Jambi, Kompleks "
         "Perkantoran Wali Kota Jambi, Jl. Basuki Rahmat, Kotabaru; loket BPPRD di MPP Kota Jambi",
         color="#14532d"),
    Site("disdik", "Dinas Pendidikan Kota Jambi", "Dinas Pendidikan Kota Jambi", "php", 4,
         "Mewujudkan Pendidikan yang Bermutu dan Merata", KOMPLEK,
         "melaksanakan urusan pemerintahan bidang pendidikan anak usia dini, pendidikan dasar (SD "
         "dan SMP) dan pendidikan nonformal", labels="e", list_style="ul",
         place="Kantor Dinas Pendidikan Kota Jambi dan sekolah tujuan", color="#7c2d12"),
    Site("dinsos", "Dinas Sosial Kota Jambi", "Dinas Sosial Kota Jambi", "php", 5,
         "Hadir untuk Warga yang Membutuhkan", KOMPLEK,
         "melaksanakan urusan pemerintahan bidang sosial: perlindungan dan jaminan sosial, "
         "rehabilitasi sosial, serta pengelolaan data kesejahteraan sosial", labels="b",
         list_style="para", place="Kantor kelurahan setempat dan Kantor Dinas Sosial Kota Jambi",
         color="#6d28d9"),
    Site("dinkes", "Dinas Kesehatan Kota Jambi", "Dinas Kesehatan Kota Jambi", "wp", 6,
         "Kota Jambi Sehat, Warga Bahagia", KOMPLEK,
         "melaksanakan urusan pemerintahan bidang kesehatan dan membina puskesmas sebagai UPTD",
         labels="c", list_style="ul", place="Puskesmas se-Kota Jambi", color="#047857"),
    Site("rsud", "Rumah Sakit Umum Daerah H. Abdul Manap Kota Jambi", "RSUD H. Abdul Manap",
         "cms", 7, "Melayani dengan Sepenuh Hati", "RSUD H. Abdul Manap, Kota Jambi",
         "menyelenggarakan pelayanan kesehatan perorangan secara paripurna: gawat darurat, rawat "
         "jalan dan rawat inap", labels="a", list_style="ul", place="RSUD H. Abdul Manap Kota Jambi",
         color="#0e7490"),
    Site("disnaker", "Dinas Tenaga Kerja Kota Jambi", "Dinas Tenaga Kerja Kota Jambi", "table", 8,
         "Bekerja untuk Kesejahteraan", KOMPLEK,
         "melaksanakan urusan pemerintahan bidang ketenagakerjaan: penempatan tenaga kerja, "
         "pelatihan kerja dan hubungan industrial", labels="e", list_style="ol",
         charset="windows-1252", place="Kantor Dinas Tenaga Kerja Kota Jambi", color="#1f2937"),
    Site("dishub", "Dinas Perhubungan Kota Jambi", "Dinas Perhubungan Kota Jambi", "php", 9,
         "Tertib, Aman dan Lancar Berlalu Lintas", KOMPLEK,
         "melaksanakan urusan pemerintahan bidang perhubungan: lalu lintas, angkutan jalan dan "
         "pengujian kendaraan bermotor", labels="d", list_style="table",
         place="UPTD Pengujian Kendaraan Bermotor, Kenali Asam Bawah, Kec. Kota Baru",
         color="#1d4ed8"),
    Site("pupr", "Dinas Pekerjaan Umum dan Penataan Ruang Kota Jambi", "Dinas PUPR Kota Jambi",
         "cms", 10, "Membangun Infrastruktur Kota Jambi Bahagia", KOMPLEK,
         "melaksanakan urusan pemerintahan bidang pekerjaan umum dan penataan ruang, termasuk jalan "
         "kota, drainase dan sumber daya air", labels="b", list_style="ol",
         place="Laporan daring; tindak lanjut oleh Dinas PUPR Kota Jambi", color="#92400e"),
    Site("dlh", "Dinas Lingkungan Hidup Kota Jambi", "DLH Kota Jambi", "cms", 11,
         "Kota Jambi Bersih, Hijau dan Sehat", KOMPLEK,
         "melaksanakan urusan pemerintahan bidang lingkungan hidup, persampahan dan pengelolaan "
         "TPA Talang Gulo", labels="c", list_style="para", place="TPA Talang Gulo, Kota Jambi",
         color="#15803d"),
    Site("damkar", "Dinas Pemadam Kebakaran dan Penyelamatan Kota Jambi", "Damkar Kota Jambi",
         "modern", 12, "Pantang Pulang Sebelum Padam", "Markas Komando Damkar Kota Jambi",
         "melaksanakan urusan pemadaman kebakaran, penyelamatan dan evakuasi, serta pemberdayaan "
         "masyarakat dalam pencegahan kebakaran", labels="e", list_style="ul",
         contact="Call Center 112 (bebas pulsa) &middot; Telp. 0741-41171",
         place="Seluruh wilayah Kota Jambi", color="#b91c1c"),
    Site("bpbd", "Badan Penanggulangan Bencana Daerah Kota Jambi", "BPBD Kota Jambi", "cms", 13,
         "Siaga Bencana, Tanggap dan Tangguh", KOMPLEK,
         "melaksanakan penanggulangan bencana: pencegahan, kesiapsiagaan, tanggap darurat dan "
         "rehabilitasi", labels="a", list_style="ul", place="Posko Siaga Banjir, Pasar Angso Duo",
         color="#c2410c"),
    Site("diskominfo", "Dinas Komunikasi dan Informatika Kota Jambi", "Diskominfo Kota Jambi",
         "modern", 14, "Kota Jambi Cerdas, Terhubung dan Terbuka", KOMPLEK,
         "melaksanakan urusan komunikasi, informatika, statistik dan persandian; mengelola SiKoja, "
         "SiKesal, Call Center 112 dan PPID Kota Jambi", labels="a", list_style="ol",
         sitemap=True, place="Daring melalui aplikasi; Kantor Diskominfo Kota Jambi",
         color="#0369a1"),
    Site("pdam", "Perumda Air Minum Tirta Mayang Kota Jambi", "Perumda Air Minum Tirta Mayang",
         "modern", 15, "Air Bersih untuk Kota Jambi", "Jl. Slamet Riyadi, Kota Jambi",
         "menyediakan pelayanan air minum bagi warga Kota Jambi sebagai badan usaha milik daerah",
         labels="b", list_style="ul", sitemap=True,
         contact="Hotline/WhatsApp 0821-2121-9692 &middot; Instagram @perumdatirtamayang",
         place="Kantor Perumda Tirta Mayang, Jl. Slamet Riyadi", color="#0284c7"),
    Site("perkim", "Dinas Perumahan dan Kawasan Permukiman Kota Jambi", "Dinas Perkim Kota Jambi",
         "php", 16, "Rumah Layak untuk Semua", KOMPLEK,
         "melaksanakan urusan pemerintahan bidang perumahan rakyat dan kawasan permukiman",
         labels="c", list_style="ol", place="Melalui RT, kelurahan dan kecamatan", color="#854d0e"),
    Site("dpmppa", "Dinas Pemberdayaan Masyarakat, Perempuan dan Perlindungan Anak Kota Jambi",
         "DPMPPA Kota Jambi", "wp", 17, "Lindungi Perempuan dan Anak", KOMPLEK,
         "melaksanakan urusan pemberdayaan masyarakat, pemberdayaan perempuan dan perlindungan anak, "
         "termasuk UPTD Perlindungan Perempuan dan Anak (UPTD PPA)", labels="d", list_style="ol",
         place="Kantor UPTD PPA Kota Jambi", color="#be185d"),
    Site("disperindag", "Dinas Perindustrian dan Perdagangan Kota Jambi", "Disperindag Kota Jambi",
         "table", 18, "Pasar Tertib, Timbangan Tepat", KOMPLEK,
         "melaksanakan urusan perindustrian, perdagangan dan metrologi legal melalui UPTD Metrologi "
         "Legal", labels="a", list_style="ul", place="UPTD Metrologi Legal Kota Jambi dan pasar-pasar "
         "tempat sidang tera", color="#374151"),
    Site("kec-telanaipura", "Kecamatan Telanaipura", "Kecamatan Telanaipura", "cms", 19,
         "Melayani Warga Telanaipura", "Kantor Camat Telanaipura, Kota Jambi",
         "menyelenggarakan pelayanan administrasi kecamatan dan membina kelurahan di wilayah "
         "Telanaipura", labels="e", list_style="ol",
         place="Kantor kelurahan sesuai domisili (di Kecamatan Telanaipura: Penyengat Rendah, "
         "Simpang IV Sipin, Telanaipura, Buluran Kenali, Teluk Kenali dan lainnya)",
         color="#4d7c0f"),
    # The real-world families (see "Real-world families" below), on ports 8721...
    Site("puskesmas-putri-ayu", "UPTD Puskesmas Putri Ayu Kota Jambi", "Puskesmas Putri Ayu",
         "wpp", 20, "Sehat Bersama Warga", "Jl. Putri Ayu, Kota Jambi",
         "adalah unit pelaksana teknis Dinas Kesehatan Kota Jambi yang menyelenggarakan "
         "pelayanan kesehatan tingkat pertama: poli umum, kesehatan ibu dan anak, KB, imunisasi, "
         "gizi dan rujukan peserta BPJS Kesehatan", labels="a", list_style="ul",
         robots="User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
         "Sitemap: {base}/wp-sitemap.xml\n", place="UPTD Puskesmas Putri Ayu, Kota Jambi",
         color="#0f766e"),
    Site("uptd-pkb", "UPTD Pengujian Kendaraan Bermotor Dinas Perhubungan Kota Jambi",
         "UPTD PKB Dishub Kota Jambi", "oldphp", 21, "Kendaraan Laik Jalan, Pengguna Jalan Selamat",
         "Kenali Asam Bawah, Kec. Kota Baru, Kota Jambi",
         "adalah unit pelaksana teknis Dinas Perhubungan Kota Jambi yang melaksanakan pengujian "
         "berkala kendaraan bermotor (uji KIR) bagi mobil barang, mobil penumpang umum dan bus",
         labels="d", place="UPTD Pengujian Kendaraan Bermotor, Kenali Asam Bawah, Kec. Kota Baru",
         color="#1e40af"),
    Site("balikat", "Balai Latihan Kerja Tematik (BALIKAT) Kota Jambi", "BALIKAT Kota Jambi",
         "oldphp", 22, "Terampil, Siap Kerja, Bahagia", "Kota Jambi",
         "adalah balai pelatihan milik Pemerintah Kota Jambi yang memberikan pelatihan "
         "keterampilan gratis bagi warga usia kerja dan menyalurkan lulusannya ke industri "
         "maupun program magang", labels="e", charset="iso-8859-1",
         place="Gedung BALIKAT Kota Jambi", color="#9a3412"),
    Site("ppid", "PPID Utama Kota Jambi", "PPID Kota Jambi", "ci", 23,
         "Informasi Publik Terbuka untuk Semua", KOMPLEK,
         "adalah Pejabat Pengelola Informasi dan Dokumentasi Pemerintah Kota Jambi di bawah "
         "Diskominfo, yang melayani permohonan informasi publik dan mengoordinasikan PPID "
         "Pembantu di setiap perangkat daerah", labels="c", list_style="ol",
         place="PPID Utama Kota Jambi, Kantor Diskominfo, " + KOMPLEK, color="#155e75",
         variant="codeigniter"),
    Site("kartu-bahagia", "Pemerintah Kota Jambi", "Kartu Bahagia Kota Jambi", "ci", 24,
         "Satu Kartu untuk Warga Bahagia", KOMPLEK,
         "melalui program Kartu Bahagia menyatukan perlindungan sosial warga: berobat gratis, "
         "beasiswa, bantuan sosial, BPJS Ketenagakerjaan dan santunan kematian", labels="b",
         list_style="ul", place="Kantor kelurahan setempat dan Sekretariat Kartu Bahagia, "
         + KOMPLEK, color="#a21caf", variant="laravel"),
    Site("diskop", "Dinas Koperasi dan Usaha Mikro Kota Jambi", "Diskop UM Kota Jambi",
         "pdfonly", 25, "UMKM Naik Kelas", KOMPLEK,
         "merupakan perangkat daerah yang membina koperasi dan usaha mikro di Kota Jambi, "
         "termasuk penyaluran pinjaman modal BanHarkat dan pendampingan perizinan usaha mikro",
         place="Kantor Dinas Koperasi dan Usaha Mikro Kota Jambi", color="#166534"),
    Site("sipeda", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Jambi",
         "SIPEDA Kota Jambi", "jslist", 26, "Informasi Perizinan dalam Genggaman", KOMPLEK,
         "menyajikan daftar layanan perizinan tenaga kesehatan dan reklame beserta persyaratan, "
         "biaya dan waktu penyelesaiannya", place="Loket DPMPTSP di Mal Pelayanan Publik (MPP) "
         "Kota Jambi", color="#0f766e"),
    Site("kec-kotabaru", "Kecamatan Kota Baru", "Kecamatan Kota Baru", "blog", 27,
         "Blog Resmi Kecamatan Kota Baru, Kota Jambi", "Kantor Camat Kota Baru, Kota Jambi",
         "adalah perangkat daerah kewilayahan Kota Jambi yang membina Kelurahan Simpang III "
         "Sipin, Suka Karya, Kenali Asam Bawah, Kenali Asam Atas dan Paal Lima serta "
         "menyelenggarakan pelayanan administrasi bagi warganya", labels="a",
         place="Kantor kelurahan sesuai domisili di Kecamatan Kota Baru (Simpang III Sipin, Suka "
         "Karya, Kenali Asam Bawah, Kenali Asam Atas, Paal Lima)", color="#3f6212"),
    Site("kemenag", "Kantor Kementerian Agama Kota Jambi", "Kemenag Kota Jambi", "drupal", 28,
         "Ikhlas Beramal", "Kantor Kementerian Agama Kota Jambi",
         "adalah instansi vertikal Kementerian Agama yang melaksanakan pelayanan keagamaan di "
         "Kota Jambi, termasuk pencatatan nikah melalui Kantor Urusan Agama (KUA) di setiap "
         "kecamatan", labels="d", list_style="ol", place="KUA kecamatan tempat akad nikah",
         color="#065f46"),
    Site("kia-paal-v", "UPTD Puskesmas Paal V Kota Jambi", "Puskesmas Paal V", "onepage", 29,
         "Ibu Sehat, Anak Kuat", "Kelurahan Paal Lima, Kec. Kota Baru, Kota Jambi",
         "melayani kesehatan ibu dan anak", labels="c", list_style="ul",
         contact="Senin–Sabtu 07.30–12.00 WIB; kelas ibu hamil setiap Kamis",
         place="Ruang KIA UPTD Puskesmas Paal V", color="#db2777"),
    Site("redkar", "Dinas Pemadam Kebakaran dan Penyelamatan Kota Jambi", "REDKAR Kota Jambi",
         "onepage", 30, "Siaga dari RT untuk Kota Jambi", "Markas Komando Damkar Kota Jambi",
         "membina relawan kebakaran tingkat RT", labels="e", list_style="ol",
         contact="Pendaftaran dibuka sepanjang tahun melalui Ketua RT; latihan bersama Damkar "
                 "setiap bulan",
         place="Markas Komando Damkar Kota Jambi dan Ketua RT setempat", color="#b91c1c"),
]
SITE = {s.name: s for s in SITES}

# ---------------------------------------------------------------------------------------------
# Where a page lives: each template has its own URL scheme
# ---------------------------------------------------------------------------------------------


def place(site: Site, kind: str, slug: str, date: str = "") -> tuple[str, str]:
    """Return (canonical href, file) for a new page and register any query-string route."""
    t = site.template
    routes: list[str] = []
    if t == "wp":
        if kind == "home":
            href, file = "/", "index.html"
            routes = ["/index.php"]
        elif kind == "listing":
            n = {"berita": 3, "layanan": 5}[slug]
            href, file = f"/?cat={n}", f"cat-{n}.html"
            routes = [href, f"/index.php?cat={n}"]
        else:
            n = site.next_id(7)
            param = "p" if kind == "news" else "page_id"
            href, file = f"/?{param}={n}", f"{param}-{n}.html"
            routes = [href, f"/index.php?{param}={n}"]
    elif t == "table":
        if kind == "home":
            href, file = "/", "index.html"
            routes = ["/default.asp"]
        elif kind == "listing":
            href, file = f"/{slug}.asp", f"{slug}.html"
            routes = [href]
        elif kind == "news":
            n = site.next_id(3) + 2000
            href, file = f"/newspopup.asp?id={n}", f"news-{n}.html"
            routes = [href]
        elif kind == "service":
            n = site.next_id()
            href, file = f"/layanan.asp?id={n}", f"layanan-{n}.html"
            routes = [href]
        else:
            href, file = f"/{slug}.asp", f"{slug}.html"
            routes = [href]
    elif t == "php":
        if kind == "home":
            href, file = "/", "index.html"
            routes = ["/index.php"]
        elif kind == "news":
            n = site.next_id(4) + 100
            href, file = f"/berita.php?id={n}", f"berita-{n}.html"
            routes = [href]
        else:
            href, file = f"/index.php?page={slug}", f"page-{slug}.html"
            routes = [href]
    elif t == "modern":
        if kind == "home":
            href, file = "/", "index.html"
        elif kind == "listing":
            href, file = f"/{slug}/", f"{slug}/index.html"
        else:
            section = {"service": "layanan/", "news": "berita/", "app": "aplikasi/"}.get(kind, "")
            href, file = f"/{section}{slug}/", f"{section}{slug}/index.html"
    elif t == "cms":
        if kind == "home":
            href, file = "/", "index.html"
        elif kind == "news":
            y, m = date[:4], date[5:7]
            href = file = f"/berita/{y}/{m}/{slug}.html"
            file = file[1:]
        elif kind == "service":
            href, file = f"/layanan/{slug}.html", f"layanan/{slug}.html"
        else:
            href, file = f"/{slug}.html", f"{slug}.html"
    else:
        raise ValueError(t)
    for r in routes:
        parts = urlsplit(r)
        site.routes[route_key(parts.path, parts.query)] = file
    return href, file


def add_page(site: Site, kind: str, key: str, title: str, slug: str, body: str = "",
             summary: str = "", date: str = "", crumbs: list | None = None) -> Page:
    href, file = place(site, kind, slug, date)
    page = Page(site, kind, key, title, href, file, body, summary, date, crumbs or [])
    site.pages.append(page)
    return page


# ---------------------------------------------------------------------------------------------
# Small HTML helpers
# ---------------------------------------------------------------------------------------------

e = html.escape

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember"]


def tanggal(date: str) -> str:
    y, m, d = date.split("-")
    return f"{int(d)} {BULAN[int(m) - 1]} {y}"


def ul(items, ordered=False, cls="") -> str:
    tag = "ol" if ordered else "ul"
    c = f' class="{cls}"' if cls else ""
    return f"<{tag}{c}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{tag}>"


def a(href: str, text: str, **attrs) -> str:
    extra = "".join(f' {k.rstrip("_")}="{e(v)}"' for k, v in attrs.items())
    return f'<a href="{e(href)}"{extra}>{text}</a>'


def paras(*texts: str) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


# ---------------------------------------------------------------------------------------------
# Templates: one per kind of real OPD site
# ---------------------------------------------------------------------------------------------


def nav_items(site: Site) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Main menu: (label, href, submenu) built from the site's pages."""
    by_key = {p.key: p for p in site.pages}
    services = [p for p in site.pages if p.kind == "service"]
    items: list[tuple[str, str, list]] = [("Beranda", "/", [])]
    prof = [(by_key[k].title, by_key[k].href) for k in ("profil", "visi-misi", "struktur")
            if k in by_key]
    if prof and site.template == "wp":
        items.append(("Profil", prof[0][1], prof))
    elif prof:  # templates without drop-down menus list the profile pages side by side
        items += [(title, href, []) for title, href in prof]
    if "list-layanan" in by_key:
        items.append(("Layanan", by_key["list-layanan"].href,
                      [(p.title, p.href) for p in services[:8]]))
    if "list-aplikasi" in by_key:
        items.append(("Aplikasi", by_key["list-aplikasi"].href, []))
    if "list-berita" in by_key:
        items.append(("Berita", by_key["list-berita"].href, []))
    for k, label in (("faq", "FAQ"), ("unduhan", "Unduhan"), ("kontak", "Kontak")):
        if k in by_key:
            items.append((label, by_key[k].href, []))
    return items


def latest_news(site: Site, n: int = 5) -> list[Page]:
    news = [p for p in site.pages if p.kind == "news"]
    return sorted(news, key=lambda p: p.date, reverse=True)[:n]


LINKS_TERKAIT = [
    ("Pemerintah Kota Jambi", "https://jambikota.go.id/"),
    ("PPID Kota Jambi", "https://ppid.jambikota.go.id/"),
    ("SP4N-LAPOR!", "https://www.lapor.go.id/"),
]


def footer_text(site: Site) -> str:
    contact = f"<br>{site.contact}" if site.contact else "<br>Layanan kedaruratan: Call Center 112"
    return (f"<strong>{e(site.opd)}</strong><br>{e(site.address)}<br>Jam layanan: {HOURS}"
            f"{contact}")


def crumbs_html(page: Page, sep: str = " &raquo; ") -> str:
    if not page.crumbs:
        return ""
    parts = [a(h, e(t)) for t, h in page.crumbs] + [f"<span>{e(page.title)}</span>"]
    return sep.join(parts)


def render_wp(page: Page) -> str:
    site = page.site
    menu = []
    for label, href, sub in nav_items(site):
        subhtml = ""
        if sub:
            subhtml = '<ul class="sub-menu">' + "".join(
                f'<li class="menu-item">{a(h, e(t))}</li>' for t, h in sub) + "</ul>"
        menu.append(f'<li class="menu-item{" menu-item-has-children" if sub else ""}">'
                    f"{a(href, e(label))}{subhtml}</li>")
    recent = "".join(f"<li>{a(p.href, e(p.title))}</li>" for p in latest_news(site))
    links = "".join(f"<li>{a(h, e(t))}</li>" for t, h in LINKS_TERKAIT)
    pid = re.sub(r"\D", "", page.href) or "0"
    bodycls = "home" if page.kind == "home" else (
        f"post-template-default single single-post postid-{pid}" if page.kind == "news"
        else f"page-template-default page page-id-{pid}")
    meta = ""
    if page.kind == "news":
        meta = (f'<div class="entry-meta"><span class="posted-on">Diposting pada '
                f'<time class="entry-date published" datetime="{page.date}T08:00:00+07:00">'
                f"{tanggal(page.date)}</time></span> oleh <span class=\"author\">admin</span>"
                "</div>")
    return f"""<!DOCTYPE html>
<html lang="id-ID">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(page.title)} &#8211; {e(site.short)}</title>
<meta name="generator" content="WordPress 6.4.3">
<link rel="stylesheet" id="jambi-style-css" href="/wp-content/themes/jambi/style.css?ver=6.4.3" media="all">
<link rel="alternate" type="application/rss+xml" title="{e(site.short)} &raquo; Feed" href="/?feed=rss2">
</head>
<body class="{bodycls}">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Langsung ke konten</a>
<div class="top-bar">Selamat datang di website resmi {e(site.opd)}</div>
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title">{a("/", e(site.short), rel="home")}</p>
<p class="site-description">{e(site.tagline)}</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">{"".join(menu)}</ul></nav>
</header>
<div id="content" class="site-content">
<main id="main" class="site-main">
<article id="post-{pid}" class="{"post" if page.kind == "news" else "page"} type-{"post" if page.kind == "news" else "page"} status-publish hentry">
<header class="entry-header"><h1 class="entry-title">{e(page.title)}</h1>{meta}</header>
<div class="entry-content">
{page.body}
</div>
</article>
</main>
<aside id="secondary" class="widget-area">
<section class="widget widget_search"><form role="search" method="get" class="search-form" action="/"><label>Cari: <input type="search" class="search-field" name="s"></label><input type="submit" value="Cari"></form></section>
<section class="widget widget_recent_entries"><h2 class="widget-title">Berita Terbaru</h2><ul>{recent}</ul></section>
<section class="widget widget_links"><h2 class="widget-title">Tautan</h2><ul>{links}</ul></section>
</aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">{footer_text(site)}<br>
Hak Cipta &copy; 2025 {e(site.short)} | Didukung oleh WordPress</div></footer>
</div>
</body>
</html>
"""


def render_table(page: Page) -> str:
    site = page.site
    menu = " | ".join(a(h.lstrip("/") or "./", e(label.upper()))
                      for label, h, _ in nav_items(site))
    recent = "".join(
        f'<tr><td class="kecil">&raquo; {a(p.href.lstrip("/"), e(p.title))}<br>'
        f'<font size="1" color="#666666">{tanggal(p.date)}</font></td></tr>'
        for p in latest_news(site))
    links = "<br>".join("&raquo; " + a(h, e(t), target="_blank") for t, h in LINKS_TERKAIT)
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={site.charset}">'
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>
<head>
{meta}
<title>{e(site.short)} :: {e(page.title)}</title>
<link href="css/style.css" rel="stylesheet" type="text/css">
</head>
<body bgcolor="#FFFFFF" leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0" class="utama">
<tr><td colspan="2" bgcolor="{site.color}" height="90" class="header">
<font face="Arial" size="5" color="#FFFFFF"><b>{e(site.opd.upper())}</b></font><br>
<font face="Arial" size="2" color="#FFFF99">{e(site.address)}</font></td></tr>
<tr><td colspan="2" bgcolor="#333333" class="menu" height="28">&nbsp;{menu}</td></tr>
<tr>
<td width="210" valign="top" bgcolor="#F2F2F2" class="kiri">
<table width="100%" border="0" cellpadding="4" cellspacing="0">
<tr><td bgcolor="#CCCCCC"><b>BERITA TERBARU</b></td></tr>
{recent}
<tr><td bgcolor="#CCCCCC"><b>LINK TERKAIT</b></td></tr>
<tr><td class="kecil">{links}</td></tr>
</table>
</td>
<td valign="top" class="isi" style="padding:10px">
<h3 class="judul">{e(page.title)}</h3>
{f'<p class="tgl"><i>Diposting: {tanggal(page.date)}</i></p>' if page.date else ""}
{page.body}
</td>
</tr>
<tr><td colspan="2" align="center" bgcolor="#333333" class="footer"><font color="#FFFFFF" size="1">
{footer_text(site)}<br>Copyright &copy; 2014-2025 {e(site.short)}. All Rights Reserved. Best viewed 1024x768.</font></td></tr>
</table>
</body>
</html>
"""


def render_php(page: Page) -> str:
    site = page.site
    menu = "".join(f"<li>{a(h if h != '/' else 'index.php', e(label))}</li>"
                   for label, h, _ in nav_items(site))
    recent = "".join(f'<li>{a(p.href.lstrip("/"), e(p.title))} <small>({tanggal(p.date)})</small></li>'
                     for p in latest_news(site))
    services = [p for p in site.pages if p.kind == "service"][:6]
    layanan = "".join(f"<li>{a(p.href.lstrip('/') + '&utm_source=sidebar', e(p.title))}</li>"
                      for p in services[:2]) + "".join(
        f"<li>{a(p.href.lstrip('/'), e(p.title))}</li>" for p in services[2:])
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(page.title)} | {e(site.short)}</title>
<link href="assets/css/bootstrap.min.css" rel="stylesheet">
<link href="assets/css/style.css" rel="stylesheet">
</head>
<body>
<div class="header" style="background:{site.color}">
<div class="container"><h1 class="logo">{e(site.short)}</h1><p>{e(site.tagline)}</p></div>
</div>
<nav class="navbar navbar-default"><div class="container"><ul class="nav navbar-nav">{menu}</ul></div></nav>
<div class="container"><marquee scrollamount="3">Selamat datang di website resmi {e(site.opd)}. Layanan kedaruratan Kota Jambi: 112 (bebas pulsa).</marquee></div>
<div class="container">
<div class="row">
<div class="col-md-8 konten">
<div class="panel panel-default"><div class="panel-heading"><h2 class="panel-title">{e(page.title)}</h2></div>
<div class="panel-body">
{f'<p class="text-muted"><span class="glyphicon glyphicon-calendar"></span> {tanggal(page.date)}</p>' if page.date else ""}
{page.body}
</div></div>
</div>
<div class="col-md-4 sidebar">
<div class="panel panel-primary"><div class="panel-heading">Layanan Kami</div><div class="panel-body"><ul>{layanan}</ul></div></div>
<div class="panel panel-primary"><div class="panel-heading">Berita Terbaru</div><div class="panel-body"><ul>{recent}</ul></div></div>
</div>
</div>
</div>
<footer class="footer"><div class="container"><p>{footer_text(site)}</p>
<p>&copy; 2025 {e(site.short)}. Hak cipta dilindungi undang-undang.</p></div></footer>
</body>
</html>
"""


def render_modern(page: Page) -> str:
    site = page.site
    menu = "".join(f'<li class="nav-item">{a(h, e(label), class_="nav-link")}</li>'
                   for label, h, _ in nav_items(site))
    bc = ""
    if page.crumbs:
        items = "".join(f'<li class="breadcrumb-item">{a(h, e(t))}</li>' for t, h in page.crumbs)
        bc = (f'<nav aria-label="breadcrumb"><ol class="breadcrumb">{items}'
              f'<li class="breadcrumb-item active" aria-current="page">{e(page.title)}</li>'
              "</ol></nav>")
    recent = "".join(f'<li>{a(p.href, e(p.title))}<span class="date">{tanggal(p.date)}</span></li>'
                     for p in latest_news(site, 3))
    by_key = {p.key: p for p in site.pages}
    footer_links = "".join(f"<li>{a(by_key[k].href, e(by_key[k].title))}</li>"
                           for k in ("profil", "visi-misi", "kontak", "faq") if k in by_key)
    date = (f'<p class="meta"><time datetime="{page.date}">{tanggal(page.date)}</time></p>'
            if page.date else "")
    return f"""<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(page.title)} - {e(site.short)}</title>
<meta name="description" content="{e(page.summary or site.tagline)}">
<meta property="og:title" content="{e(page.title)}">
<meta property="og:site_name" content="{e(site.short)}">
<link rel="stylesheet" href="/static/css/app.css">
</head>
<body>
<header class="site-header" style="--brand:{site.color}">
<div class="container d-flex"><a class="brand" href="/">{e(site.short)}</a>
<button class="navbar-toggler" type="button" aria-label="Buka menu">&#9776;</button>
<ul class="navbar-nav">{menu}</ul></div>
</header>
<main class="container py-4">
{bc}
<div class="row">
<div class="col-lg-8">
<h1 class="page-title">{e(page.title)}</h1>
{date}
<div class="content">
{page.body}
</div>
</div>
<aside class="col-lg-4">
<div class="card"><div class="card-header">Berita Terbaru</div><ul class="list-unstyled">{recent}</ul></div>
<div class="card"><div class="card-header">Butuh Bantuan?</div><p>Sampaikan pengaduan melalui aplikasi SiKesal atau hubungi Call Center 112.</p></div>
</aside>
</div>
</main>
<footer class="site-footer">
<div class="container row">
<div class="col">{footer_text(site)}</div>
<div class="col"><h4>Tautan</h4><ul>{footer_links}</ul></div>
</div>
<p class="copyright">&copy; 2025 {e(site.opd)}</p>
</footer>
</body>
</html>
"""


def render_cms(page: Page) -> str:
    site = page.site
    menu = "".join(f"<li>{a(h, e(label))}</li>" for label, h, _ in nav_items(site))
    bc = crumbs_html(page)
    recent = "".join(f"<li>{a(p.href, e(p.title))}</li>" for p in latest_news(site, 4))
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{e(page.title)} :: {e(site.short)}</title>
<meta name="viewport" content="width=device-width">
<link rel="stylesheet" href="/tema/default/gaya.css">
</head>
<body class="hal-{page.kind}">
<div id="wrapper">
<div id="header" style="background-color:{site.color}"><div class="judul-situs">{e(site.short)}</div><div class="slogan">{e(site.tagline)}</div></div>
<div id="menu"><ul>{menu}</ul></div>
{f'<div id="breadcrumb">{bc}</div>' if bc else ""}
<div id="isi">
<div id="kiri">
<h1>{e(page.title)}</h1>
{f'<div class="tanggal">{tanggal(page.date)}</div>' if page.date else ""}
{page.body}
</div>
<div id="kanan"><div class="kotak"><h3>Berita Terbaru</h3><ul>{recent}</ul></div>
<div class="kotak"><h3>Pengaduan</h3><p>Laporkan keluhan Anda melalui aplikasi SiKesal atau Call Center 112.</p></div></div>
</div>
<div id="footer">{footer_text(site)}<br>&copy; 2025 {e(site.short)}</div>
</div>
</body>
</html>
"""


RENDER = {"wp": render_wp, "table": render_table, "php": render_php, "modern": render_modern,
          "cms": render_cms}

CSS = {
    "wp": ("wp-content/themes/jambi/style.css",
           "body{font-family:sans-serif;margin:0}.site-header{padding:1em}#secondary{float:right}"),
    "table": ("css/style.css", "body{font-family:Verdana,Arial;font-size:12px}.kecil{font-size:11px}"),
    "php": ("assets/css/bootstrap.min.css", "/* bootstrap 3.3.7 (subset) */.container{width:960px}"),
    "modern": ("static/css/app.css", ":root{--brand:#0b5394}body{font-family:system-ui}"),
    "cms": ("tema/default/gaya.css", "#wrapper{width:1000px;margin:auto}#kanan{float:right}"),
}
CSS_EXTRA = {"php": ("assets/css/style.css", ".header{color:#fff;padding:20px 0}.sidebar ul{padding-left:18px}")}

# ---------------------------------------------------------------------------------------------
# Facts
# ---------------------------------------------------------------------------------------------

# Research notes in the data ("(contoh Way Kanan)", "(general-knowledge)") are not page text.
NOTE_RE = re.compile(
    r"\s*\((?=[^()]*(?:contoh|general|asumsi|terverifikasi|praktik umum|praktik lama|FAQ|umumnya|daftar aplikasi|beberapa daerah|tidak ditemukan"
    r"|pernyataan Wali|sebelumnya|Kota Jambi 20|Diskominfo 20| - cek|2024\)|tarif Kota Jambi))"
    r"[^()]*\)")
TAIL_RE = re.compile(r"\s+-\s+(?:umumnya|general)\s*$")


def clean(text: str) -> str:
    text = NOTE_RE.sub("", text)
    text = TAIL_RE.sub("", text)
    return re.sub(r"\s{2,}", " ", text).strip(" ;")


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


GRATIS_ADMINDUK = ("Gratis. Seluruh layanan administrasi kependudukan tidak dipungut biaya "
                   "(Pasal 79A UU Nomor 24 Tahun 2013).")

# One entry per service page: key -> (index in services.jsonl, site, slug, title, intro,
# overrides of the cleaned facts). The intro is this page's own prose.
SERVICES: dict[str, tuple] = {
    "ktp_baru": (0, "disdukcapil", "ktp-el-pemula", "Perekaman dan Penerbitan KTP-el Pemula",
                 "Setiap penduduk yang telah berusia 17 tahun, atau yang sudah/pernah kawin, wajib "
                 "memiliki Kartu Tanda Penduduk elektronik (KTP-el). Perekaman data biometrik "
                 "(foto wajah, sidik jari, iris mata dan tanda tangan) dilakukan langsung oleh "
                 "pemohon dan tidak dapat diwakilkan maupun dilakukan secara online.",
                 {"duration": "1 hari kerja, paling lama 14 hari kerja setelah perekaman",
                  "cost": GRATIS_ADMINDUK,
                  "online": None,
                  "note": "Saat mengurus dokumen, pemohon yang memiliki ponsel Android diminta "
                          "sekaligus mengaktifkan Identitas Kependudukan Digital (IKD)."}),
    "ktp_hilang": (1, "disdukcapil", "ktp-el-hilang-rusak", "Penerbitan KTP-el Hilang atau Rusak",
                   "KTP-el yang hilang atau rusak dapat dicetak kembali tanpa perekaman ulang, "
                   "selama data biometrik pemohon sudah pernah terekam. Untuk KTP-el yang rusak, "
                   "fisik kartu yang rusak wajib diserahkan kepada petugas.",
                   {"duration": "1 hari kerja, paling lama 14 hari kerja",
                    "cost": GRATIS_ADMINDUK}),
    "ktp_ubah": (2, "disdukcapil", "ktp-el-perubahan-data", "Penerbitan KTP-el karena Perubahan Data",
                 "Perubahan status perkawinan, pekerjaan, atau alamat membuat data pada KTP-el "
                 "tidak lagi sesuai. Pemohon terlebih dahulu memperbarui Kartu Keluarga, kemudian "
                 "KTP-el dicetak ulang dengan data terbaru.",
                 {"duration": "1 hari kerja, paling lama 14 hari kerja", "cost": GRATIS_ADMINDUK}),
    "kk_baru": (3, "disdukcapil", "kk-baru", "Penerbitan Kartu Keluarga (KK) Baru",
                "KK baru diterbitkan bagi keluarga yang baru menikah, bercerai, atau penduduk yang "
                "baru pindah. KK dapat diterbitkan selama ada kepala keluarga yang berusia di atas "
                "17 tahun atau sudah/pernah menikah. Sejak 2020 KK dicetak di kertas HVS A4 80 gram "
                "dan ditandatangani secara elektronik, sehingga tidak lagi memerlukan cap basah.",
                {"duration": "1 sampai 3 hari kerja", "cost": GRATIS_ADMINDUK}),
    "kk_ubah": (4, "disdukcapil", "perubahan-kk", "Perubahan Data Kartu Keluarga",
                "Layanan ini untuk menambah anggota keluarga (misalnya karena kelahiran anak), "
                "mengurangi anggota (karena kematian atau pindah), mengubah elemen data seperti "
                "pekerjaan dan pendidikan, serta pisah KK.",
                {"duration": "1 sampai 3 hari kerja", "cost": GRATIS_ADMINDUK}),
    "kk_hilang": (5, "disdukcapil", "kk-hilang-rusak", "Penerbitan KK Hilang atau Rusak",
                  "Kartu Keluarga yang hilang atau rusak dapat dicetak ulang dengan data yang sama "
                  "seperti yang tercatat dalam database kependudukan.",
                  {"duration": "1 sampai 3 hari kerja", "cost": GRATIS_ADMINDUK}),
    "akta_lahir": (6, "disdukcapil", "akta-kelahiran", "Penerbitan Kutipan Akta Kelahiran",
                   "Setiap kelahiran wajib dicatatkan. Akta kelahiran diterbitkan berdasarkan "
                   "domisili Kartu Keluarga tempat anak didaftarkan, bukan berdasarkan tempat "
                   "lahir. Formulir tidak perlu dicap dan ditandatangani Lurah selama ada surat "
                   "keterangan lahir asli dari bidan, dokter, atau rumah sakit.",
                   {"duration": "1 hari kerja setelah berkas lengkap", "cost": GRATIS_ADMINDUK,
                    "online": None}),
    "akta_mati": (7, "disdukcapil", "akta-kematian", "Penerbitan Kutipan Akta Kematian",
                  "Kematian penduduk wajib dilaporkan oleh keluarga paling lambat 30 hari sejak "
                  "tanggal kematian. Setelah akta kematian terbit, Kartu Keluarga dan status "
                  "perkawinan pasangan yang ditinggalkan ikut diperbarui.",
                  {"cost": GRATIS_ADMINDUK}),
    "kia": (8, "disdukcapil", "kartu-identitas-anak", "Kartu Identitas Anak (KIA)",
            "KIA adalah identitas resmi anak berusia di bawah 17 tahun yang belum menikah. KIA "
            "dapat diurus orang tua di kantor Disdukcapil, di kelurahan, atau secara kolektif "
            "melalui sekolah.", {"cost": GRATIS_ADMINDUK, "online": None}),
    "pindah_keluar": (9, "disdukcapil", "pindah-keluar", "Surat Keterangan Pindah WNI (SKPWNI)",
                      "Penduduk Kota Jambi yang akan pindah ke kabupaten/kota lain mengurus "
                      "Surat Keterangan Pindah WNI di Disdukcapil Kota Jambi sebelum berangkat. "
                      "KTP-el lama ditarik dan KK di daerah asal diperbarui.",
                      {"cost": GRATIS_ADMINDUK, "online": None}),
    "pindah_datang": (10, "disdukcapil", "pindah-datang", "Pelayanan Pindah Datang ke Kota Jambi",
                      "Warga yang pindah dari luar daerah ke Kota Jambi membawa SKPWNI dari "
                      "daerah asal untuk diterbitkan KK dan KTP-el dengan alamat baru.",
                      {"cost": GRATIS_ADMINDUK}),
    "akta_kawin": (11, "disdukcapil", "akta-perkawinan", "Pencatatan Perkawinan (Akta Perkawinan)",
                   "Pencatatan perkawinan di Disdukcapil berlaku bagi penduduk non-Muslim. "
                   "Perkawinan bagi penduduk beragama Islam dicatat oleh KUA Kementerian Agama.",
                   {"cost": GRATIS_ADMINDUK}),
    "akta_cerai": (12, "disdukcapil", "akta-perceraian", "Pencatatan Perceraian (Akta Perceraian)",
                   "Perceraian yang telah diputus pengadilan wajib dilaporkan ke Disdukcapil "
                   "untuk diterbitkan akta perceraian serta pembaruan KK dan KTP-el.",
                   {"cost": GRATIS_ADMINDUK}),
    "rentan": (13, "disdukcapil", "penduduk-rentan", "Pendaftaran Penduduk Rentan Administrasi Kependudukan",
               "Layanan bagi warga yang sama sekali belum memiliki dokumen kependudukan, misalnya "
               "lansia terlantar atau warga yang tidak pernah terdaftar. Data biometrik dicek "
               "terlebih dahulu untuk memastikan tidak terdaftar ganda.",
               {"cost": GRATIS_ADMINDUK}),
    "ikd": (14, "disdukcapil", "aktivasi-ikd", "Aktivasi Identitas Kependudukan Digital (IKD)",
            "IKD adalah KTP digital yang tersimpan di ponsel. Aktivasi dibantu petugas ketika "
            "warga mengurus dokumen kependudukan. Warga yang tidak memiliki ponsel pintar tetap "
            "dilayani dengan KTP-el fisik.",
            {"cost": GRATIS_ADMINDUK, "online": ("Aplikasi Identitas Kependudukan Digital",
                                                   "app:ikd")}),
    "legalisir": (15, "disdukcapil", "legalisir", "Legalisir Dokumen Kependudukan",
                  "Dokumen kependudukan yang sudah ditandatangani secara elektronik (TTE) dan "
                  "memiliki kode QR/barcode tidak perlu dilegalisir, karena keasliannya dapat "
                  "diperiksa langsung dengan memindai kode tersebut.", {"duration": None}),
    "jemput_bola": (16, "disdukcapil", "jemput-bola", "Layanan Jemput Bola dan Pelayanan Kolektif",
                    "Tim Disdukcapil turun langsung ke kelurahan, terutama kelurahan hasil "
                    "pemekaran, setiap hari Sabtu, serta ke sekolah-sekolah untuk melayani "
                    "warga secara kolektif.", {"duration": None, "cost": GRATIS_ADMINDUK}),
    "nib": (17, "dpmptsp", "nib-oss", "Nomor Induk Berusaha (NIB) melalui OSS RBA",
            "NIB adalah identitas pelaku usaha yang diterbitkan melalui sistem Online Single "
            "Submission berbasis risiko (OSS RBA). NIB kini menggantikan SIUP, TDP, SITU dan "
            "surat keterangan domisili usaha. Untuk usaha berisiko rendah, NIB sekaligus berlaku "
            "sebagai izin tunggal.",
            {"duration": "Seketika untuk usaha berisiko rendah",
             "cost": "Gratis", "online": ("OSS RBA", "https://oss.go.id")}),
    "pbg": (18, "dpmptsp", "pbg", "Persetujuan Bangunan Gedung (PBG)",
            "PBG adalah perizinan yang menggantikan Izin Mendirikan Bangunan (IMB). Permohonan "
            "diajukan melalui aplikasi SIMBG. Bangunan dilarang didirikan di atas saluran "
            "drainase, bantaran sungai dan bahu jalan.",
            {"duration": "Ditargetkan 2 jam setelah dokumen lengkap dan retribusi dibayar",
             "cost": "Retribusi PBG sesuai Perda Kota Jambi Nomor 2 Tahun 2024 tentang Pajak "
                     "Daerah dan Retribusi Daerah",
             "online": ("SIMBG", "https://simbg.pu.go.id")}),
    "slf": (19, "dpmptsp", "slf-sbkbg", "Sertifikat Laik Fungsi (SLF) dan SBKBG",
            "SLF menyatakan bahwa bangunan gedung telah selesai dibangun sesuai PBG dan layak "
            "digunakan. Bersamaan dengan SLF diterbitkan Surat Bukti Kepemilikan Bangunan "
            "Gedung (SBKBG).",
            {"duration": "Paling lambat 3 hari kerja", "online": ("SIMBG", "https://simbg.pu.go.id")}),
    "sip_dokter": (20, "dpmptsp", "sip-dokter", "Surat Izin Praktik (SIP) Dokter dan Dokter Gigi",
                   "SIP wajib dimiliki setiap dokter dan dokter gigi yang berpraktik di Kota "
                   "Jambi, baik praktik mandiri maupun di fasilitas pelayanan kesehatan.",
                   {"cost": "Tidak dipungut biaya"}),
    "sip_bidan": (21, "dpmptsp", "sip-bidan", "Surat Izin Praktik Bidan (SIPB)",
                  "SIPB diberikan kepada bidan yang akan menjalankan praktik kebidanan di "
                  "fasilitas pelayanan kesehatan atau praktik mandiri.",
                  {"cost": "Tidak dipungut biaya", "duration": "5 hari kerja"}),
    "sip_perawat": (22, "dpmptsp", "sip-perawat", "Surat Izin Praktik Perawat (SIPP)",
                    "SIPP diberikan kepada perawat yang menjalankan praktik keperawatan di Kota "
                    "Jambi.", {"cost": "Tidak dipungut biaya"}),
    "izin_reklame": (23, "dpmptsp", "izin-reklame", "Izin Penyelenggaraan Reklame",
                     "Izin reklame tidak dipungut biaya, namun pajak reklame tetap dibayar ke "
                     "BPPRD sebelum izin diterbitkan.",
                     {"duration": "3 jam setelah berkas lengkap",
                      "cost": "Izin tidak dipungut biaya; pajak reklame dibayar ke BPPRD"}),
    "paspor": (24, "mpp", "paspor", "Layanan Paspor Kantor Imigrasi di MPP",
               "Sejak kerja sama Pemerintah Kota Jambi dengan Kantor Wilayah Direktorat Jenderal "
               "Imigrasi Jambi pada Oktober 2025, warga dapat mengajukan paspor di loket "
               "Imigrasi MPP Kota Jambi tanpa harus ke kantor imigrasi.",
               {"cost": "Penerimaan Negara Bukan Pajak (PNBP) sesuai tarif paspor yang berlaku"}),
    "mpp_info": (25, "mpp", "informasi-layanan", "Informasi Layanan Terpadu MPP",
                 "Mal Pelayanan Publik Kota Jambi mulai melayani pada 9 Mei 2022 dengan 129 jenis "
                 "layanan dari 31 instansi. Tenant antara lain Disdukcapil, BPPRD, DPMPTSP, "
                 "Kejaksaan, Pengadilan, Kementerian Agama, KPP Pratama, PT Pos, PLN, Taspen, "
                 "Pemerintah Provinsi Jambi dan Imigrasi.", {"duration": None}),
    "nikah": (72, "mpp", "pendaftaran-nikah-kua", "Pendaftaran Nikah (Kementerian Agama)",
              "Calon pengantin beragama Islam mendaftarkan pernikahan ke KUA kecamatan tempat "
              "akad. Informasi dan konsultasi tersedia di loket Kementerian Agama MPP Kota Jambi.",
              {"cost": "Gratis bila akad di KUA pada jam kerja; Rp600.000 bila akad di luar KUA "
                       "atau di luar jam kerja",
               "online": ("SIMKAH Kemenag", "https://simkah.kemenag.go.id")}),
    "pbb_bayar": (26, "bpprd", "bayar-pbb", "Pembayaran PBB-P2",
                  "Pajak Bumi dan Bangunan Perdesaan dan Perkotaan (PBB-P2) dibayar setiap tahun "
                  "berdasarkan SPPT. Pembayaran dapat dilakukan di bank persepsi, kantor pos, "
                  "melalui QRIS, atau di mobil pelayanan PBB keliling yang bersiaga di kantor "
                  "kecamatan. Tunggakan tahun sebelumnya dapat dicicil.",
                  {"duration": "Jatuh tempo 30 September setiap tahun",
                   "cost": "Sesuai SPPT. Denda 2% per bulan setelah jatuh tempo. Di mobil keliling "
                           "tanpa biaya admin; di bank/kantor pos dikenakan biaya admin.",
                   "online": None}),
    "pbb_cek": (27, "bpprd", "", "Informasi Tagihan PBB-P2",
                "Wajib pajak dapat mengetahui jumlah tagihan PBB-P2 dan tunggakannya dengan "
                "menyebutkan Nomor Objek Pajak (NOP) yang tertera pada SPPT kepada petugas loket "
                "BPPRD.",
                {"online": None, "procedure": ["Siapkan NOP yang tertera pada SPPT",
                                               "Tanyakan ke loket BPPRD atau mobil pelayanan "
                                               "PBB keliling"]}),
    "pbb_mutasi": (28, "bpprd", "", "Mutasi / Balik Nama SPPT PBB-P2",
                   "Setelah jual beli, hibah atau waris, nama wajib pajak pada SPPT perlu "
                   "diubah sesuai pemilik baru melalui layanan mutasi (balik nama) SPPT.", {}),
    "pbb_betul": (29, "bpprd", "", "Pembetulan SPPT PBB-P2",
                  "Pembetulan dilakukan bila terdapat kesalahan tulis, hitung, atau penerapan "
                  "ketentuan pada SPPT, misalnya nama atau luas tanah yang keliru.", {}),
    "pbb_keberatan": (30, "bpprd", "", "Keberatan atas Ketetapan PBB-P2",
                      "Wajib pajak yang tidak setuju dengan besarnya PBB-P2 dalam SPPT dapat "
                      "mengajukan keberatan disertai alasan dan bukti pendukung.", {}),
    "pbb_baru": (31, "bpprd", "", "Pendaftaran Objek Pajak Baru",
                 "Tanah dan bangunan yang belum terdaftar sebagai objek PBB-P2 didaftarkan agar "
                 "diterbitkan SPPT atas nama pemiliknya. Pendataan juga dibantu pengurus RT.",
                 {"duration": None}),
    "bphtb": (32, "bpprd", "", "Pelayanan Validasi BPHTB",
              "Bea Perolehan Hak atas Tanah dan Bangunan (BPHTB) dibayar oleh pihak yang "
              "memperoleh tanah/bangunan, misalnya pembeli dalam jual beli. Sejak 15 April 2025 "
              "proses validasi dipercepat.",
              {"duration": None,
               "cost": "Tarif paling tinggi 5% x (NPOP - NPOPTKP)",
               "location": "Loket BPHTB, Kantor BPPRD Kota Jambi, Kompleks Perkantoran Wali Kota "
                           "Jambi, Jl. Basuki Rahmat, Kotabaru"}),
    "pajak_resto": (33, "bpprd", "", "Pajak Restoran (PBJT Makanan dan/atau Minuman)",
                    "Rumah makan, restoran, kafe dan usaha sejenis wajib mendaftarkan usahanya "
                    "sebagai wajib pajak daerah dan melaporkan omzet setiap bulan.",
                    {"cost": "PBJT makanan dan/atau minuman paling tinggi 10%"}),
    "pajak_hiburan": (34, "bpprd", "", "Pajak Hiburan (PBJT Jasa Kesenian dan Hiburan)",
                      "Penyelenggara hiburan seperti bioskop, karaoke, panti pijat/refleksi dan "
                      "kelab malam wajib mendaftar dan membayar pajak hiburan setiap bulan.", {}),
    "pajak_reklame": (35, "bpprd", "", "Pajak Reklame",
                      "Setiap penyelenggaraan reklame dikenakan pajak reklame yang dihitung dari "
                      "ukuran, lokasi dan lama pemasangan.", {}),
    "spmb_smp": (36, "disdik", "spmb-smp", "SPMB SMP Negeri Tahun Ajaran 2025/2026",
                 "Sistem Penerimaan Murid Baru (SPMB) menggantikan PPDB. Untuk SMP negeri tersedia "
                 "empat jalur: domisili (40%), prestasi (35%), afirmasi (20%) dan mutasi (5%). "
                 "Jalur domisili menggantikan jalur zonasi.",
                 {"duration": "Pendaftaran 23-28 Juni 2025, pengumuman 4 Juli 2025",
                  "online": ("Portal SPMB Kota Jambi", "https://ppdb.jambikota.go.id")}),
    "ppdb_sd": (37, "disdik", "ppdb-sd", "Penerimaan Murid Baru SD",
                "Pendaftaran murid baru SD negeri dapat dilakukan secara manual langsung di "
                "sekolah atau secara daring.", {"duration": "Sesuai jadwal tahunan",
                                                 "online": None}),
    "beasiswa": (38, "disdik", "beasiswa-kartu-bahagia", "Beasiswa Kartu Bahagia",
                 "Beasiswa bagi siswa SD dan SMP dari keluarga tidak mampu maupun siswa "
                 "berprestasi. Pada 2025 beasiswa disalurkan kepada 2.070 siswa dengan total "
                 "sekitar Rp3 miliar.", {"duration": None, "cost": "Tidak dipungut biaya"}),
    "spmb_sma": (39, "disdik", "spmb-sma-smk", "Informasi SPMB SMA/SMK Negeri",
                 "Penerimaan murid baru SMA, SMK dan SLB negeri merupakan kewenangan Dinas "
                 "Pendidikan Provinsi Jambi. Halaman ini sekadar informasi bagi orang tua lulusan "
                 "SMP di Kota Jambi.", {"online": None}),
    "dtks": (40, "dinsos", "dtks", "Pendaftaran dan Perbaikan Data DTKS/DTSEN",
             "Warga kurang mampu yang belum menerima bantuan sosial (PKH, BPNT, PBI JK) dapat "
             "mengusulkan diri agar masuk Data Terpadu Kesejahteraan Sosial, yang kini menjadi "
             "Data Tunggal Sosial dan Ekonomi Nasional (DTSEN).",
             {"duration": "Sekitar 3 bulan", "online": None}),
    "santunan": (42, "dinsos", "santunan-kematian", "Santunan Kematian dan BPJS Ketenagakerjaan Kartu Bahagia",
                 "Melalui Kartu Bahagia, Pemerintah Kota Jambi mendaftarkan pekerja rentan, Ketua "
                 "RT, pegawai harian lepas dan petugas syara sebagai peserta BPJS "
                 "Ketenagakerjaan. Ahli waris berhak menerima santunan bila peserta meninggal.",
                 {"duration": None, "cost": "Tidak dipungut biaya"}),
    "uhc": (41, "dinkes", "uhc-jambi-bugar", "UHC Jambi Bugar: Berobat Gratis dengan KTP",
            "Warga Kota Jambi yang kurang mampu didaftarkan sebagai peserta JKN dengan iuran "
            "dibayar Pemerintah Kota. Peserta cukup menunjukkan KTP-el di fasilitas kesehatan; "
            "rumah sakit tidak boleh menolak pasien.",
            {"duration": None, "cost": "Gratis bagi peserta; iuran dibayar Pemerintah Kota Jambi",
             "online": ("Mobile JKN", "https://www.bpjs-kesehatan.go.id/")}),
    "ckg": (43, "dinkes", "cek-kesehatan-gratis", "Cek Kesehatan Gratis (CKG)",
            "Pemeriksaan kesehatan gratis untuk seluruh warga sesuai kelompok umur, dilaksanakan "
            "di puskesmas dan jadwal keliling kelurahan.", {"duration": None, "online": None}),
    "puskesmas": (44, "dinkes", "pelayanan-puskesmas", "Pelayanan Kesehatan di Puskesmas",
                  "Puskesmas melayani rawat jalan, kesehatan ibu dan anak, KB, imunisasi dan gizi, "
                  "serta memberikan rujukan ke rumah sakit bagi peserta BPJS Kesehatan.",
                  {"duration": None, "cost": "Gratis bagi peserta JKN/BPJS Kesehatan; pasien "
                                             "umum membayar retribusi sesuai Perda",
                   "online": None}),
    "igd": (45, "rsud", "igd-rawat-jalan", "Instalasi Gawat Darurat dan Rawat Jalan",
            "IGD RSUD H. Abdul Manap buka 24 jam. Poliklinik rawat jalan melayani sesuai jadwal; "
            "saat libur Lebaran poliklinik tutup dan pasien dilayani melalui IGD.",
            {"cost": "Sesuai tarif BLUD atau ditanggung BPJS Kesehatan"}),
    "sampah_tpa": (46, "dlh", "retribusi-tpa", "Retribusi Pembuangan Sampah ke TPA Talang Gulo",
                   "Orang pribadi atau perusahaan yang membuang sampah langsung ke TPA Talang Gulo "
                   "dikenakan retribusi (tipping fee) berdasarkan berat sampah.",
                   {"duration": None,
                    "cost": "Rp100.000 per ton (Rp100/kg). Pengumpul sampah lingkungan yang "
                            "terdata di DLH untuk sementara dibebaskan."}),
    "sampah_aduan": (47, "dlh", "pengaduan-sampah", "Pengaduan Sampah Belum Terangkut",
                     "Sampah di lingkungan yang belum diangkut atau TPS yang sudah penuh dapat "
                     "dilaporkan agar segera ditindaklanjuti petugas kebersihan.",
                     {"duration": "1x24 jam sejak laporan diterima",
                      "online": ("SiKesal", "app:sikesal")}),
    "kir": (48, "dishub", "uji-kir", "Pengujian Berkala Kendaraan Bermotor (Uji KIR)",
            "Mobil barang, mobil penumpang umum dan bus wajib menjalani uji berkala (uji KIR) "
            "setiap 6 bulan di UPTD Pengujian Kendaraan Bermotor Dinas Perhubungan Kota Jambi.",
            {"duration": "Masa berlaku 6 bulan (uji 2 kali setahun)",
             "cost": "Retribusi pengujian sesuai Perda Kota Jambi"}),
    "batubara": (49, "dishub", "lapor-truk-batubara", "Pelaporan Truk Angkutan Batu Bara",
                 "Truk angkutan batu bara dilarang melintas di dalam Kota Jambi. Warga yang "
                 "melihat pelanggaran dapat melapor agar petugas segera menindak.",
                 {"duration": None}),
    "ak1": (50, "disnaker", "", "Kartu Tanda Pencari Kerja (AK/1)",
            "Kartu AK/1 atau yang dikenal sebagai kartu kuning adalah tanda bahwa seseorang "
            "terdaftar sebagai pencari kerja. Kartu berlaku 2 tahun dan pemegangnya wajib "
            "melapor setiap 6 bulan.",
            {"duration": "Beberapa menit setelah berkas lengkap",
             "online": ("SIAPkerja Kemnaker", "https://siapkerja.kemnaker.go.id")}),
    "balikat": (51, "disnaker", "", "Pelatihan Kerja BALIKAT",
                "Balai Latihan Kerja Tematik (BALIKAT) memberikan pelatihan keterampilan gratis "
                "bagi warga Kota Jambi usia kerja. Lebih dari 2.000 peserta telah terserap "
                "industri maupun magang ke luar negeri.",
                {"duration": None, "cost": "Tidak dipungut biaya"}),
    "damkar_api": (53, "damkar", "pemadaman-kebakaran", "Pemadaman Kebakaran",
                   "Bila terjadi kebakaran, segera hubungi Damkar melalui Call Center 112 atau "
                   "nomor pengaduan Damkar. Jangan sibuk merekam video untuk media sosial "
                   "sebelum melapor.",
                   {"duration": "Petugas segera diberangkatkan setelah laporan diterima",
                    "online": ("Si Merah Koja", "app:si-merah-koja")}),
    "damkar_evakuasi": (54, "damkar", "penyelamatan-evakuasi", "Penyelamatan dan Evakuasi Non-Kebakaran",
                        "Damkar juga menangani kejadian non-kebakaran: evakuasi ular dan biawak, "
                        "pemindahan sarang tawon, pertolongan orang terjebak, pohon tumbang, "
                        "hingga cincin yang tersangkut di jari.",
                        {"online": ("Si Merah Koja", "app:si-merah-koja")}),
    "redkar": (55, "damkar", "relawan-redkar", "Relawan Pemadam Kebakaran (REDKAR)",
               "REDKAR adalah relawan kebakaran tingkat RT yang dilatih untuk penanganan awal "
               "kebakaran di lingkungannya sebelum petugas tiba.", {"duration": None}),
    "banjir": (56, "bpbd", "siaga-banjir", "Siaga dan Laporan Banjir",
               "Saat Sungai Batanghari meluap, BPBD membuka posko siaga banjir, melakukan "
               "evakuasi dan menyiapkan tenda pengungsian. Wilayah rawan antara lain Legok, "
               "Seberang Kota Jambi (Sekoja) dan Penyengat Olak.", {}),
    "jalan": (57, "pupr", "pengaduan-jalan-rusak", "Pengaduan Jalan Rusak dan Berlubang",
              "Jalan kota yang rusak atau berlubang dapat dilaporkan oleh warga. Untuk jalan "
              "berstatus provinsi laporan diteruskan ke Dinas PUTR Provinsi Jambi, dan untuk "
              "jalan nasional ke BPJN Jambi.",
              {"duration": "Sekitar 3 hari, bergantung ketersediaan anggaran",
               "online": ("SiKesal", "app:sikesal")}),
    "drainase": (58, "pupr", "pengaduan-drainase", "Pengaduan Drainase Tersumbat dan Genangan",
                 "Parit dan saluran drainase yang tersumbat sehingga menimbulkan genangan atau "
                 "banjir lingkungan ditindaklanjuti oleh Bidang Sumber Daya Air Dinas PUPR.",
                 {"duration": "Bergantung ketersediaan anggaran",
                  "online": ("SiKesal", "app:sikesal")}),
    "pju": (59, "diskominfo", "pengaduan-lampu-jalan", "Pengaduan Lampu Jalan (PJU) Mati",
            "Lampu penerangan jalan umum yang mati dapat dilaporkan melalui SiKesal atau Call "
            "Center 112; laporan diteruskan ke perangkat daerah yang menangani PJU.",
            {"duration": "1x24 jam sejak laporan diterima",
             "online": ("SiKesal", "app:sikesal")}),
    "rtlh": (60, "perkim", "bedah-rumah", "Bantuan Bedah Rumah (RTLH)",
             "Program perbaikan Rumah Tidak Layak Huni (RTLH) bagi keluarga miskin. Bantuan "
             "diberikan dalam bentuk bahan bangunan dan upah tukang, tidak dalam bentuk uang "
             "tunai.", {"duration": "Program tahunan",
                        "cost": "Bantuan Rp20 juta per unit (Rp17,5 juta bahan bangunan dan "
                                "Rp2,5 juta upah), nontunai"}),
    "ppa": (61, "dpmppa", "pengaduan-kekerasan", "Pengaduan Kekerasan terhadap Perempuan dan Anak",
            "UPTD Perlindungan Perempuan dan Anak menerima pengaduan dan memberikan pendampingan "
            "bagi korban kekerasan. Identitas pelapor dan korban dijaga kerahasiaannya.",
            {"online": None}),
    "tera": (62, "disperindag", "", "Tera dan Tera Ulang UTTP",
             "Timbangan, alat ukur dan alat takar yang dipakai dalam perdagangan wajib ditera "
             "ulang setiap tahun agar hasil penimbangan tepat dan konsumen tidak dirugikan.",
             {"duration": "Tanda tera berlaku 1 tahun"}),
    "sikesal": (63, "diskominfo", "pengaduan-sikesal", "Pengaduan Layanan Publik melalui SiKesal",
                "SiKesal (Sistem Informasi Keluhan Masyarakat Online) adalah kanal pengaduan "
                "warga Kota Jambi berbasis foto dan lokasi. Laporan diteruskan admin Diskominfo "
                "ke OPD terkait untuk ditindaklanjuti.",
                {"online": ("SiKesal", "app:sikesal")}),
    "cc112": (64, "diskominfo", "call-center-112", "Call Center 112 Kota Jambi",
              "Nomor tunggal panggilan darurat Kota Jambi, bebas pulsa dan aktif 24 jam, untuk "
              "kebakaran, kecelakaan, hewan liar, orang dengan gangguan jiwa, kekerasan dalam "
              "rumah tangga dan kejadian darurat lainnya.",
              {"requirements": [], "duration": "24 jam setiap hari"}),
    "ppid": (65, "diskominfo", "permohonan-informasi-publik", "Permohonan Informasi Publik (PPID)",
             "Setiap warga berhak memperoleh informasi publik dari Pemerintah Kota Jambi. "
             "Permohonan diajukan ke PPID Utama atau PPID Pembantu di setiap OPD.",
             {"cost": "Gratis; biaya penggandaan salinan dapat dikenakan",
              "online": ("PPID Kota Jambi", "https://ppid.jambikota.go.id")}),
    "domisili": (66, "kec-telanaipura", "surat-keterangan-domisili", "Surat Keterangan Domisili",
                 "Surat keterangan domisili diterbitkan kelurahan untuk menerangkan bahwa "
                 "seseorang benar bertempat tinggal di wilayahnya.",
                 {"duration": "Sekitar 10 menit"}),
    "sktm": (67, "kec-telanaipura", "sktm", "Surat Keterangan Tidak Mampu (SKTM)",
             "SKTM diterbitkan kelurahan bagi warga kurang mampu. Pemegang Kartu Bahagia tidak "
             "perlu lagi mengurus SKTM untuk layanan kesehatan dan beasiswa.", {}),
    "kampung_bahagia": (68, "kec-telanaipura", "kampung-bahagia", "Program Kampung Bahagia",
                        "Setiap RT mendapat dana pembangunan lingkungan Rp100 juta yang "
                        "penggunaannya diputuskan melalui musyawarah warga, misalnya untuk jalan "
                        "lingkungan, drainase, CCTV atau fasilitas umum.",
                        {"duration": "Tahunan"}),
    "pdam_pasang": (69, "pdam", "pasang-baru", "Pemasangan Sambungan Baru",
                    "Warga yang ingin berlangganan air bersih Tirta Mayang dapat mengajukan "
                    "sambungan baru. Pemasangan dilakukan sesuai urutan daftar tunggu.",
                    {"cost": "Biaya pemasangan baru sesuai ketentuan Perumda Tirta Mayang"}),
    "pdam_aduan": (70, "pdam", "pengaduan-gangguan", "Pengaduan Gangguan Air dan Mobil Tangki",
                   "Laporkan air mati, air keruh, pipa bocor atau tagihan yang tidak wajar. Saat "
                   "terjadi gangguan, pelanggan dapat meminta pengiriman air bersih dengan mobil "
                   "tangki secara gratis.",
                   {"duration": None, "cost": "Gratis, termasuk mobil tangki air saat gangguan",
                    "online": ("WhatsApp Hotline", "https://wa.me/6282121219692")}),
    # -- the real-world families: the same facts on other agencies' sites, in their words --
    "pkm_layanan": (44, "puskesmas-putri-ayu", "poli-umum-dan-rujukan", "Poli Umum dan Rujukan BPJS",
                    "Poli umum Puskesmas Putri Ayu melayani pemeriksaan dan pengobatan warga setiap "
                    "hari kerja. Peserta JKN yang terdaftar di puskesmas ini mendapat rujukan ke "
                    "rumah sakit bila dokter menilai perlu.",
                    {"duration": None, "online": None,
                     "cost": "Gratis bagi peserta JKN/BPJS Kesehatan; pasien umum membayar "
                             "retribusi sesuai Perda"}),
    "pkm_ckg": (43, "puskesmas-putri-ayu", "cek-kesehatan-gratis", "Cek Kesehatan Gratis (CKG)",
                "Setiap warga dapat memeriksakan kesehatannya secara gratis sesuai kelompok umur. "
                "Di Puskesmas Putri Ayu, CKG dilayani setiap hari kerja dan pada jadwal posyandu "
                "di kelurahan.", {"duration": None, "online": None}),
    "pkb_kir": (48, "uptd-pkb", "", "Pendaftaran Uji Berkala Kendaraan Bermotor",
                "Uji berkala wajib bagi mobil barang, mobil penumpang umum dan bus. Kendaraan yang "
                "lulus uji mendapat kartu uji dan tanda uji yang berlaku enam bulan.",
                {"duration": "Masa berlaku 6 bulan (uji 2 kali setahun)",
                 "cost": "Retribusi pengujian sesuai Perda Kota Jambi"}),
    "pkb_batubara": (49, "uptd-pkb", "", "Laporan Truk Batu Bara Melintas di Dalam Kota",
                     "Angkutan batu bara tidak boleh melintas di jalan dalam Kota Jambi. Petugas "
                     "UPTD bersama Dinas Perhubungan menindaklanjuti setiap laporan warga.",
                     {"duration": None}),
    "balikat_daftar": (51, "balikat", "", "Pendaftaran Peserta Pelatihan",
                       "BALIKAT membuka pelatihan keterampilan beberapa angkatan setiap tahun, "
                       "antara lain menjahit, barista, teknisi sepeda motor dan bahasa Jepang untuk "
                       "calon peserta magang.", {"duration": None, "cost": "Tidak dipungut biaya"}),
    "ppid_permohonan": (65, "ppid", "", "Permohonan Informasi Publik",
                        "Permohonan informasi dapat diajukan langsung ke meja layanan PPID Utama, "
                        "melalui surat, atau surat elektronik. Setiap permohonan dicatat dalam "
                        "register dan pemohon menerima nomor pendaftaran.",
                        {"cost": "Gratis; biaya penggandaan salinan dapat dikenakan"}),
    "ppid_lapor": (73, "ppid", "", "Pengaduan melalui SP4N-LAPOR!",
                   "Keluhan atas pelayanan publik di lingkungan Pemerintah Kota Jambi juga dapat "
                   "disampaikan melalui kanal nasional SP4N-LAPOR!, yang diteruskan ke perangkat "
                   "daerah terkait.", {"duration": None}),
    "kb_uhc": (41, "kartu-bahagia", "", "Berobat Gratis (UHC Jambi Bugar)",
               "Pemegang Kartu Bahagia yang kurang mampu didaftarkan sebagai peserta JKN dengan "
               "iuran dari APBD Kota Jambi, sehingga cukup menunjukkan KTP-el saat berobat.",
               {"duration": None, "cost": "Gratis bagi peserta; iuran dibayar Pemerintah Kota Jambi",
                "online": ("Mobile JKN", "https://www.bpjs-kesehatan.go.id/")}),
    "kb_beasiswa": (38, "kartu-bahagia", "", "Beasiswa Kartu Bahagia",
                    "Siswa SD dan SMP dari keluarga pemegang Kartu Bahagia maupun siswa berprestasi "
                    "dapat menerima beasiswa dari Pemerintah Kota Jambi.",
                    {"duration": None, "cost": "Tidak dipungut biaya"}),
    "kb_santunan": (42, "kartu-bahagia", "", "Santunan Kematian bagi Peserta Kartu Bahagia",
                    "Ketua RT, pekerja rentan, pegawai harian lepas dan petugas syara yang terdaftar "
                    "Kartu Bahagia dilindungi BPJS Ketenagakerjaan; ahli warisnya berhak atas "
                    "santunan kematian.", {"duration": None, "cost": "Tidak dipungut biaya"}),
    "diskop_banharkat": (52, "diskop", "pinjaman-banharkat", "Pinjaman Modal Usaha BanHarkat",
                         "BanHarkat (Bantuan Kelompok Usaha Masyarakat) adalah pinjaman modal "
                         "berbunga ringan bagi kelompok usaha dan pelaku usaha mikro Kota Jambi.",
                         {"duration": None, "cost": "Pinjaman berbunga 3% per tahun"}),
    "diskop_nib": (17, "diskop", "nib-usaha-mikro", "Pendampingan NIB untuk Usaha Mikro",
                   "Petugas Diskop UM membantu pelaku usaha mikro membuat akun OSS dan menerbitkan "
                   "Nomor Induk Berusaha sebagai legalitas usaha.",
                   {"duration": "Seketika untuk usaha berisiko rendah", "cost": "Gratis",
                    "online": ("OSS RBA", "https://oss.go.id")}),
    "kotabaru_domisili": (66, "kec-kotabaru", "surat-keterangan-domisili",
                          "Layanan Surat Keterangan Domisili",
                          "Warga Kecamatan Kota Baru yang memerlukan keterangan tempat tinggal, "
                          "misalnya untuk melamar kerja atau membuka rekening, dapat mengurus "
                          "surat keterangan domisili di kantor kelurahan.",
                          {"duration": "Sekitar 10 menit"}),
    "kotabaru_sktm": (67, "kec-kotabaru", "surat-keterangan-tidak-mampu",
                      "Layanan Surat Keterangan Tidak Mampu (SKTM)",
                      "SKTM diterbitkan kelurahan bagi warga kurang mampu, misalnya untuk "
                      "keringanan biaya sekolah. Untuk berobat, pemegang Kartu Bahagia tidak "
                      "memerlukan SKTM.", {}),
    "kotabaru_pindah": (9, "kec-kotabaru", "pengantar-pindah",
                        "Pengantar Surat Pindah Keluar Kota (SKPWNI)",
                        "Warga yang akan pindah ke luar Kota Jambi meminta surat pengantar di "
                        "kelurahan sebelum mengajukan SKPWNI ke Disdukcapil.",
                        {"cost": "Gratis", "online": None}),
    "kemenag_nikah": (72, "kemenag", "", "Pendaftaran Nikah di KUA",
                      "Calon pengantin beragama Islam mendaftarkan kehendak nikah di KUA kecamatan "
                      "tempat akad dilangsungkan, secara daring melalui SIMKAH atau datang "
                      "langsung.",
                      {"cost": "Gratis bila akad di KUA pada jam kerja; Rp600.000 bila akad di "
                               "luar KUA atau di luar jam kerja",
                       "online": ("SIMKAH Kemenag", "https://simkah.kemenag.go.id")}),
    "kia_paalv": (44, "kia-paal-v", "", "Pelayanan Kesehatan Ibu dan Anak - KIA",
                  "Ruang KIA Puskesmas Paal V melayani pemeriksaan kehamilan, persalinan normal "
                  "rujukan bidan, nifas, imunisasi bayi dan balita, serta konseling KB.",
                  {"duration": None, "online": None,
                   "cost": "Gratis bagi peserta JKN/BPJS Kesehatan; pasien umum membayar "
                           "retribusi sesuai Perda"}),
    "redkar_daftar": (55, "redkar", "", "REDKAR - Relawan Kebakaran Kota Jambi",
                      "Relawan Pemadam Kebakaran (REDKAR) adalah warga yang dilatih Damkar untuk "
                      "memadamkan api sedini mungkin di lingkungan RT-nya sambil menunggu "
                      "petugas tiba.", {"duration": None}),
}

# Services the Mal Pelayanan Publik re-lists in its own words (planted near-duplicates).
MPP_RELISTED: dict[str, tuple[str, str, str]] = {
    "ktp_baru": ("disdukcapil/rekam-ktp", "Pembuatan KTP Elektronik Pemula (Loket Disdukcapil)",
                 "Loket Disdukcapil di MPP melayani perekaman KTP elektronik bagi warga yang baru "
                 "berusia 17 tahun atau sudah menikah. Pemohon harus hadir sendiri karena "
                 "perekaman sidik jari, iris dan foto tidak bisa diwakilkan."),
    "kk_baru": ("disdukcapil/kartu-keluarga-baru", "Pembuatan Kartu Keluarga Baru (Loket Disdukcapil)",
                "Pengantin baru atau warga yang pindah dapat mengurus Kartu Keluarga baru di loket "
                "Disdukcapil MPP. KK dicetak di kertas HVS dengan tanda tangan elektronik."),
    "akta_lahir": ("disdukcapil/akte-kelahiran", "Akte Kelahiran Anak (Loket Disdukcapil)",
                   "Orang tua dapat mencatatkan kelahiran anak dan menerima kutipan akte "
                   "kelahiran di loket Disdukcapil MPP, sesuai alamat pada KK."),
    "kia": ("disdukcapil/kia", "KIA / Kartu Anak (Loket Disdukcapil)",
            "Pengurusan Kartu Identitas Anak untuk anak di bawah 17 tahun juga dilayani di MPP."),
    "nib": ("dpmptsp/nib", "Pendampingan NIB dan OSS (Loket DPMPTSP)",
            "Petugas DPMPTSP di MPP membantu pelaku usaha membuat akun OSS dan menerbitkan Nomor "
            "Induk Berusaha, pengganti SIUP dan TDP."),
    "pbg": ("dpmptsp/pbg", "Konsultasi dan Pengajuan PBG / eks IMB (Loket DPMPTSP)",
            "Pengajuan Persetujuan Bangunan Gedung melalui SIMBG dapat dibantu di loket DPMPTSP "
            "MPP, termasuk perhitungan retribusinya."),
    "pbb_bayar": ("bpprd/pbb", "Bayar PBB di MPP (Loket BPPRD)",
                  "Loket BPPRD di MPP menerima pembayaran PBB-P2 tahun berjalan maupun tunggakan. "
                  "Siapkan NOP atau SPPT PBB."),
    "bphtb": ("bpprd/bphtb", "Validasi BPHTB (Loket BPPRD)",
              "Notaris/PPAT maupun wajib pajak dapat mengajukan validasi BPHTB jual beli tanah "
              "dan bangunan di loket BPPRD MPP."),
}

# ---------------------------------------------------------------------------------------------
# Service pages
# ---------------------------------------------------------------------------------------------


@dataclass
class ServiceFacts:
    requirements: list[str]
    procedure: list[str]
    duration: str | None
    cost: str | None
    legal_basis: str | None
    location: str | None
    online: tuple[str, str] | None  # (label, href or "app:<slug>")
    note: str | None = None


def facts_for(key: str, raw: list[dict], site: Site) -> ServiceFacts:
    idx, _site, _slug, _title, _intro, over = SERVICES[key]
    rec = raw[idx] if idx is not None else {}  # a letter the data has no record of

    def pick(name: str):
        if name in over:
            return over[name]
        value = rec.get(name)
        if isinstance(value, list):
            return [c for c in map(clean, value) if c and c != "-"]
        value = clean(value or "")
        if not value or value in ("-", "Tidak disebut") or value.startswith("Tidak disebut"):
            return None
        return value

    online = over.get("online", "unset")
    if online == "unset":
        raw_online = rec.get("online") or ""
        m = re.search(r"https?://\S+", raw_online)
        online = ("Ajukan secara online", m.group(0)) if m else None
    return ServiceFacts(
        requirements=pick("requirements") or [],
        procedure=pick("procedure") or [],
        duration=pick("duration"),
        cost=pick("cost"),
        legal_basis=pick("legal_basis"),
        location=over.get("location") or site.place,
        online=online,
        note=over.get("note"),
    )


def heading(site: Site, text: str, anchor: str) -> str:
    if site.template == "table":
        return f'<p><a name="{anchor}"></a><b><u>{e(text)} :</u></b></p>'
    if site.template == "php":
        return f'<h4 id="{anchor}">{e(text)}</h4>'
    if site.template == "modern":
        return f'<h2 id="{anchor}" class="section-title">{e(text)}</h2>'
    return f'<h3 id="{anchor}">{e(text)}</h3>'


def sentence_list(items: list[str]) -> str:
    items = [i.rstrip(".") for i in items]
    if len(items) == 1:
        return items[0] + "."
    return "; ".join(items[:-1]) + "; dan " + items[-1] + "."


def online_link(online: tuple[str, str]) -> str:
    label, target = online
    if target.startswith("app:"):
        return f"[[{target}|{e(label)}]]"
    return a(target, f"{e(label)} ({e(urlsplit(target).netloc)})", target="_blank", rel="noopener")


def service_body(site: Site, intro: str, f: ServiceFacts, extra: str = "") -> str:
    lab = dict(zip(("req", "proc", "dur", "cost", "law", "loc", "online"), LABELS[site.labels],
                   strict=True))
    style = site.list_style
    out = [f"<p>{e(intro)}</p>"]
    if style == "table":
        rows = []
        n = 0
        for k, label, value in (("req", lab["req"], f.requirements),
                                ("proc", lab["proc"], f.procedure),
                                ("dur", lab["dur"], f.duration), ("cost", lab["cost"], f.cost),
                                ("law", lab["law"], f.legal_basis),
                                ("loc", lab["loc"], f.location)):
            if not value:
                continue
            n += 1
            cell = ul([e(v) for v in value], ordered=(k == "proc")) if isinstance(value, list) \
                else e(value)
            rows.append(f'<tr id="{k}"><td>{n}.</td><td><strong>{e(label)}</strong></td>'
                        f"<td>{cell}</td></tr>")
        if f.online:
            n += 1
            rows.append(f'<tr><td>{n}.</td><td><strong>{e(lab["online"])}</strong></td>'
                        f"<td>{online_link(f.online)}</td></tr>")
        out.append('<table class="table table-bordered standar-pelayanan" border="1" '
                   'cellpadding="5" cellspacing="0" width="100%"><thead><tr><th>No</th>'
                   "<th>Komponen</th><th>Uraian</th></tr></thead><tbody>"
                   + "".join(rows) + "</tbody></table>")
    else:
        def lst(items: list[str], ordered: bool) -> str:
            if style == "para":
                return f"<p>{e(sentence_list(items))}</p>"
            return ul([e(i) for i in items], ordered=ordered or style == "ol")

        if f.requirements:
            out.append(heading(site, lab["req"], "persyaratan") + lst(f.requirements, False))
        if f.procedure:
            out.append(heading(site, lab["proc"], "prosedur") + lst(f.procedure, True))
        for k, anchor, value in (("dur", "waktu", f.duration), ("cost", "biaya", f.cost),
                                 ("law", "dasar-hukum", f.legal_basis),
                                 ("loc", "lokasi", f.location)):
            if value:
                out.append(heading(site, lab[k], anchor) + f"<p>{e(value)}</p>")
        if f.online:
            out.append(heading(site, lab["online"], "online") + f"<p>{online_link(f.online)}</p>")
    if f.note:
        out.append(f'<p class="catatan"><em>Catatan: {e(f.note)}</em></p>')
    out.append(extra)
    out.append("<p>Pengaduan atas pelayanan ini dapat disampaikan melalui aplikasi "
               "[[app:sikesal|SiKesal]] atau Call Center 112.</p>")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# News: written for this sample web. Some mention a service and so compete with its page.
# [[key|text]] links to a page by key (same site: root-relative; other site: absolute URL).
# ---------------------------------------------------------------------------------------------

NEWS: list[tuple[str, str, str, str, list[str]]] = [
    ("disdukcapil", "jemput-bola-sekolah", "2025-10-13",
     "Disdukcapil Jemput Bola Perekaman KTP-el ke Sekolah",
     ["Dinas Kependudukan dan Pencatatan Sipil Kota Jambi kembali menurunkan tim jemput bola "
      "ke sejumlah SMA dan SMK. Sasarannya pelajar yang sudah berusia 17 tahun namun belum "
      "melakukan perekaman KTP-el.",
      "Menurut Kepala Disdukcapil, masih sekitar 8.000 warga Kota Jambi yang belum merekam "
      "data, sebagian besar pelajar. Pemerintah kota menargetkan perekaman tuntas 100 persen "
      "pada 2025.",
      "Bagi pelajar yang tidak sempat mengikuti perekaman di sekolah, perekaman tetap dapat "
      "dilakukan di kantor Disdukcapil maupun loket MPP. Syaratnya dapat dilihat pada halaman "
      "[[ktp_baru#persyaratan|persyaratan KTP-el pemula]]."]),
    ("disdukcapil", "ikd-150-ribu", "2025-10-20",
     "150 Ribu Warga Kota Jambi Sudah Aktivasi KTP Digital",
     ["Sekitar 150 ribu dari kurang lebih 480 ribu wajib KTP di Kota Jambi telah mengaktifkan "
      "Identitas Kependudukan Digital (IKD). Disdukcapil terus mengajak warga yang datang "
      "mengurus dokumen untuk sekaligus mengaktifkan IKD di ponselnya.",
      "Warga yang tidak memiliki ponsel pintar tidak perlu khawatir, karena tetap dilayani "
      "dengan KTP-el fisik. Informasi lengkap: [[ikd?utm_source=berita&utm_medium=internal|"
      "aktivasi IKD]]."]),
    ("disdukcapil", "kk-pemekaran-kelurahan", "2023-03-05",
     "Pemekaran Kelurahan, 74 Ribu KK Perlu Diperbarui",
     ["Pemekaran kelurahan membuat sekitar 74 ribu Kartu Keluarga harus diperbarui alamatnya. "
      "Setiap hari rata-rata 50 warga datang mengurus perubahan KK.",
      "Untuk mempermudah warga, Disdukcapil membuka layanan jemput bola setiap Sabtu di enam "
      "kelurahan hasil pemekaran: Bakung Jaya, Pinang Merah, Simpang Rimbo, Kenali Asam, "
      "Talang Gulo dan Aur Kenali. Untuk sementara layanan kolektif baru melayani cetak KK.",
      "Baca juga: [[kk_ubah|perubahan data Kartu Keluarga]]."]),
    ("disdukcapil", "blanko-ktp-cukup", "2025-08-11",
     "Permintaan Cetak Ulang KTP-el Tinggi, Kebutuhan Blanko 16 Ribu per Bulan",
     ["Permintaan cetak ulang KTP-el di Kota Jambi terus tinggi. Penyebabnya beragam: perubahan "
      "status perkawinan, pekerjaan, perceraian, hingga pindah domisili karena habis kontrak "
      "kos. Kebutuhan blanko mencapai sekitar 16 ribu keping per bulan.",
      "Disdukcapil mengimbau warga hanya mencetak ulang bila memang ada perubahan data atau "
      "kartu hilang/rusak."]),
    ("disdukcapil", "akta-lahir-tanpa-ttd-lurah", "2024-06-03",
     "Urus Akta Kelahiran Kini Tak Perlu Tanda Tangan Lurah",
     ["Disdukcapil Kota Jambi menegaskan bahwa formulir pencatatan kelahiran tidak perlu lagi "
      "dicap dan ditandatangani Lurah, selama orang tua melampirkan surat keterangan lahir asli "
      "dari bidan atau rumah sakit.",
      "Akta dibuat berdasarkan alamat pada Kartu Keluarga, bukan tempat bayi dilahirkan."]),
    ("dpmptsp", "imb-jadi-pbg", "2026-02-12",
     "Transformasi IMB ke PBG, Wali Kota Targetkan 250 Ribu Bangunan Berizin",
     ["Pemerintah Kota Jambi menargetkan 250 ribu bangunan terdata dan memiliki Persetujuan "
      "Bangunan Gedung (PBG), perizinan yang kini menggantikan IMB. Pendataan dilakukan bersama "
      "para lurah.",
      "Wali Kota menargetkan PBG dapat terbit dalam dua jam bila dokumen lengkap. Ia juga "
      "mengingatkan larangan membangun di atas drainase, bantaran sungai dan bahu jalan.",
      "Rincian persyaratan ada di halaman [[pbg|layanan PBG]]."]),
    ("dpmptsp", "nib-umkm", "2025-05-20",
     "Pelaku UMKM Diajak Urus NIB Gratis",
     ["DPMPTSP Kota Jambi mengajak pelaku usaha mikro dan kecil mengurus Nomor Induk Berusaha. "
      "NIB dapat diurus sendiri melalui OSS atau dengan pendampingan petugas di MPP, tanpa "
      "biaya."]),
    ("mpp", "imigrasi-buka-loket", "2025-10-08",
     "Imigrasi Buka Loket Paspor di MPP Kota Jambi",
     ["Pemerintah Kota Jambi dan Kantor Wilayah Direktorat Jenderal Imigrasi Jambi menandatangani "
      "perjanjian kerja sama pada 8 Oktober 2025. Warga kini dapat mengurus paspor di MPP.",
      "Lihat [[paspor|syarat layanan paspor di MPP]]."]),
    ("mpp", "ombudsman-kunjungi-mpp", "2024-11-14",
     "Ombudsman Kunjungi MPP Kota Jambi",
     ["Ombudsman RI Perwakilan Provinsi Jambi mengunjungi Mal Pelayanan Publik Kota Jambi. Kota "
      "Jambi meraih zona hijau kepatuhan standar pelayanan publik 2024 dengan nilai 93,68."]),
    ("bpprd", "pbb-diperpanjang", "2025-09-30",
     "Jatuh Tempo PBB 2025 Diperpanjang hingga 30 November Tanpa Denda",
     ["BPPRD Kota Jambi memperpanjang batas pembayaran PBB-P2 tahun 2025 hingga 30 November "
      "tanpa denda. Wali Kota juga menginstruksikan agar warga yang masih memiliki tunggakan "
      "tidak ditolak saat membayar PBB tahun berjalan; tunggakan dapat dicicil.",
      "Empat unit mobil pelayanan PBB keliling disiagakan di kantor kecamatan. [[pbb_bayar|Cara "
      "membayar PBB]]."]),
    ("bpprd", "qris-pbb", "2023-10-05",
     "Bayar PBB Kini Bisa Pakai QRIS",
     ["Sejak pertengahan 2023 wajib pajak dapat membayar PBB-P2 menggunakan QRIS. Realisasi "
      "penerimaan PBB hingga awal Oktober 2023 mencapai Rp30,3 miliar."]),
    ("bpprd", "bphtb-dipercepat", "2025-04-15",
     "Layanan Validasi BPHTB Dipercepat",
     ["Mulai 15 April 2025 proses validasi BPHTB di BPPRD dipercepat. Nilai transaksi tetap "
      "diteliti dengan acuan zona nilai tanah, NJOP dan harga pasar."]),
    ("disdik", "jadwal-spmb-2025", "2025-06-10",
     "Jadwal SPMB SMP Negeri 2025, Zonasi Kini Jadi Jalur Domisili",
     ["Pendaftaran SPMB SMP negeri Kota Jambi dibuka 23-28 Juni 2025. Sebanyak 9.374 lulusan "
      "SD akan memperebutkan 10.208 kursi, 7.008 di antaranya di SMP negeri.",
      "Jalur zonasi kini berganti nama menjadi jalur domisili dengan kuota 40 persen. "
      "Selengkapnya: [[spmb_smp|SPMB SMP 2025/2026]]."]),
    ("disdik", "beasiswa-2070-siswa", "2025-09-02",
     "2.070 Siswa Terima Beasiswa Kartu Bahagia",
     ["Sebanyak 2.070 siswa SD dan SMP menerima beasiswa Kartu Bahagia tahun 2025 dengan total "
      "sekitar Rp3 miliar."]),
    ("dinsos", "judol-dicoret-bansos", "2025-07-21",
     "90 Keluarga Terlibat Judi Online Dicoret dari Daftar Bansos",
     ["Dinas Sosial Kota Jambi mencoret 90 keluarga penerima manfaat yang terbukti terlibat judi "
      "online dari daftar bantuan sosial.",
      "Warga yang merasa layak namun belum terdaftar dapat [[dtks|mengusulkan diri ke DTKS]] "
      "melalui kelurahan."]),
    ("dinkes", "ckg-57-ribu", "2025-10-06",
     "57.970 Warga Sudah Ikuti Cek Kesehatan Gratis",
     ["Hingga 6 Oktober 2025 sebanyak 57.970 warga Kota Jambi telah mengikuti Cek Kesehatan "
      "Gratis (CKG) di puskesmas dan kelurahan.",
      "Warga cukup membawa KTP-el atau KIA. [[ckg|Info CKG]]."]),
    ("dinkes", "uhc-98-persen", "2025-06-03",
     "Cakupan JKN Kota Jambi Capai 98,46 Persen",
     ["Cakupan Jaminan Kesehatan Nasional di Kota Jambi mencapai 98,46 persen dari 641.022 jiwa, "
      "dengan tingkat keaktifan 77,35 persen. Pemkot menambah anggaran Rp5,9 miliar untuk "
      "49.212 jiwa peserta yang iurannya dibayar daerah."]),
    ("rsud", "poliklinik-tutup-lebaran", "2025-03-28",
     "Poliklinik Tutup Selama Libur Lebaran, Pasien Dilayani di IGD",
     ["Selama libur Lebaran poliklinik RSUD H. Abdul Manap tutup. Pasien yang membutuhkan "
      "pelayanan dapat langsung ke IGD yang buka 24 jam."]),
    ("disnaker", "pencaker-kartu-kuning", "2025-02-17",
     "Ratusan Pencari Kerja Urus Kartu Kuning Tiap Pekan",
     ["Dinas Tenaga Kerja Kota Jambi melayani ratusan pencari kerja setiap pekan yang mengurus "
      "kartu AK/1. Pelayanan dibuka Senin sampai Jum’at; pada hari Jum’at loket tutup lebih "
      "awal untuk salat Jum’at.",
      "Dalam bursa kerja bulan depan juga dibuka sesi konsultasi penulisan résumé dan surat "
      "lamaran."]),
    ("disnaker", "balikat-2000-peserta", "2025-11-04",
     "BALIKAT Antarkan 2.000 Lebih Peserta ke Dunia Kerja",
     ["Lebih dari 2.000 peserta pelatihan BALIKAT telah terserap industri maupun program magang "
      "ke luar negeri."]),
    ("dishub", "trans-siginjai-wajib-kir", "2024-08-19",
     "Bus Trans Siginjai Wajib Uji KIR",
     ["Dinas Perhubungan mengingatkan bahwa bus Trans Siginjai dan seluruh kendaraan angkutan "
      "umum wajib menjalani uji KIR setiap enam bulan di UPTD Pengujian Kendaraan Bermotor."]),
    ("dishub", "truk-batubara-112", "2025-05-12",
     "Lihat Truk Batu Bara Masuk Kota? Laporkan ke 112",
     ["Pemerintah Kota Jambi meminta warga melaporkan truk angkutan batu bara yang masuk ke dalam "
      "kota melalui Call Center 112 dengan menyertakan foto atau video."]),
    ("pupr", "jalan-keluhan-terbanyak", "2023-01-16",
     "Jalan Rusak Jadi Keluhan Terbanyak di SiKesal",
     ["Sepanjang 2022 keluhan soal jalan rusak menjadi yang terbanyak masuk ke aplikasi SiKesal, "
      "yaitu 183 laporan. Dinas PUPR menindaklanjuti laporan jalan kota sesuai ketersediaan "
      "anggaran.",
      "Cara melapor: [[jalan|pengaduan jalan rusak]]."]),
    ("pupr", "parit-raden-wijaya", "2024-04-22",
     "PUPR Alokasikan Rp1 Miliar untuk Tata Parit Jalan Raden Wijaya",
     ["Dinas PUPR Kota Jambi menata parit di Jalan Raden Wijaya untuk mengurangi genangan saat "
      "hujan deras."]),
    ("dlh", "revisi-retribusi-tpa", "2024-02-19",
     "DPRD Wacanakan Revisi Retribusi Sampah TPA Talang Gulo",
     ["DPRD Kota Jambi mewacanakan revisi Perda retribusi jasa umum, termasuk tipping fee "
      "pembuangan sampah ke TPA Talang Gulo sebesar Rp100 per kilogram."]),
    ("damkar", "evakuasi-ular", "2020-10-14",
     "Damkar Kota Jambi Tangani 77 Kasus Non-Kebakaran",
     ["Sepanjang 2020 Damkar Kota Jambi menangani 77 kasus non-kebakaran, 59 di antaranya "
      "evakuasi hewan seperti ular dan biawak.",
      "Warga yang menemukan ular di rumah dapat menghubungi 112. [[damkar_evakuasi|Layanan "
      "penyelamatan]]."]),
    ("damkar", "redkar-dikukuhkan", "2025-11-20",
     "360 Relawan Pemadam Kebakaran Tingkat RT Dikukuhkan",
     ["Sebanyak 360 relawan pemadam kebakaran (REDKAR) tingkat RT yang dibentuk sejak 2023 "
      "dikukuhkan pada 20 November 2025."]),
    ("damkar", "lapor-dulu-jangan-video", "2024-09-09",
     "Ada Kebakaran, Lapor Dulu ke 112, Jangan Sibuk Bikin Video",
     ["Damkar Kota Jambi mengimbau warga segera melapor ke Call Center 112 atau aplikasi Si Merah "
      "Koja saat melihat kebakaran, bukan merekam video untuk media sosial."]),
    ("bpbd", "batanghari-meluap", "2024-12-09",
     "Sungai Batanghari Meluap, Pemkot Jambi Siaga Banjir",
     ["BPBD Kota Jambi membuka posko siaga banjir di Pasar Angso Duo seiring naiknya permukaan "
      "Sungai Batanghari. Warga Legok, Sekoja dan Penyengat Olak diminta waspada."]),
    ("diskominfo", "sikesal-835-laporan", "2023-01-10",
     "SiKesal Terima 835 Laporan Sepanjang 2022",
     ["Aplikasi SiKesal menerima 835 laporan warga sepanjang 2022. Topik terbanyak: jalan (183), "
      "lampu jalan (119), drainase (78), pipa bocor (53), air keruh (36) dan banjir (32).",
      "Laporan ditargetkan ditindaklanjuti dalam 24 hingga 72 jam. [[sikesal|Cara melapor "
      "lewat SiKesal]]."]),
    ("diskominfo", "20-aplikasi-dinonaktifkan", "2023-06-15",
     "Diskominfo Nonaktifkan 20 Aplikasi, Semua Layanan Masuk SiKoja",
     ["Dari 112 aplikasi milik perangkat daerah, Diskominfo Kota Jambi menonaktifkan 20 aplikasi "
      "yang tidak mendukung kinerja. Seluruh aplikasi OPD diwajibkan bergabung ke super app "
      "SiKoja sehingga warga cukup mengunduh satu aplikasi."]),
    ("diskominfo", "ppid-informatif", "2025-12-05",
     "PPID Kota Jambi Lima Kali Berturut-turut Raih Predikat Informatif",
     ["PPID Kota Jambi kembali meraih predikat Informatif terbaik pertama dengan nilai 98,39."]),
    ("pdam", "345-rumah-air-tak-mengalir", "2025-04-15",
     "Air Tak Mengalir Sepekan di 345 Rumah, Ini Penyebabnya",
     ["Perumda Tirta Mayang menjelaskan gangguan yang membuat air tidak mengalir ke 345 rumah "
      "selama sepekan. Pelanggan terdampak dapat meminta kiriman air bersih dengan mobil tangki "
      "secara gratis melalui hotline.",
      "Lihat [[pdam_aduan|pengaduan gangguan air]]."]),
    ("perkim", "bedah-82-rumah", "2025-06-24",
     "Pemkot Jambi Bedah 82 Rumah Tidak Layak Huni pada 2025",
     ["Dinas Perkim menargetkan 82 unit rumah tidak layak huni selesai dibedah akhir September "
      "2025, setelah 81 unit pada 2024. Setiap rumah mendapat bantuan Rp20 juta."]),
    ("dpmppa", "pita-molin-sekolah", "2024-10-02",
     "PITA MOLIN Sambangi Sekolah, Ajak Siswa Berani Melapor",
     ["Mobil perlindungan PITA MOLIN milik UPTD PPA berkeliling ke sekolah-sekolah memberikan "
      "informasi dan konsultasi seputar kekerasan terhadap anak. Sepanjang 2019-2022 tercatat "
      "432 kasus, mayoritas korban anak."]),
    ("disperindag", "tera-2000-timbangan", "2025-03-10",
     "Tera Ulang 2.000 Timbangan dan Alat Ukur Pedagang",
     ["UPTD Metrologi Legal menggelar sidang tera ulang gratis di pasar-pasar Kota Jambi untuk "
      "sekitar 2.000 unit timbangan dan alat ukur."]),
    ("kec-telanaipura", "kampung-bahagia-802-rt", "2026-01-19",
     "802 RT Terima Dana Kampung Bahagia Tahap Pertama",
     ["Sebanyak 802 RT menerima dana Kampung Bahagia periode pertama 2026, masing-masing Rp100 "
      "juta. Penggunaan dana diputuskan melalui musyawarah warga dengan pendampingan 64 "
      "pendamping."]),
    # -- the real-world families --
    ("puskesmas-putri-ayu", "ckg-lansia-posyandu", "2025-05-14",
     "CKG untuk Lansia di Posyandu Kelurahan",
     ["Tim Puskesmas Putri Ayu membawa layanan Cek Kesehatan Gratis ke posyandu lansia. Warga "
      "cukup membawa KTP-el; pemeriksaan meliputi tekanan darah, gula darah dan kolesterol.",
      "Jadwal dan syarat lengkap ada di halaman [[pkm_ckg|Cek Kesehatan Gratis]]."]),
    ("puskesmas-putri-ayu", "imunisasi-bias-sekolah", "2025-08-04",
     "Imunisasi Anak Sekolah Dimulai Pekan Ini",
     ["Bulan Imunisasi Anak Sekolah (BIAS) dimulai di SD wilayah kerja Puskesmas Putri Ayu. "
      "Orang tua diminta memeriksa buku KIA anak dan mengizinkan anaknya diimunisasi."]),
    ("uptd-pkb", "kir-buka-sabtu", "2025-07-01",
     "Pelayanan Uji KIR Dibuka Hingga Sabtu Siang",
     ["Untuk mengurangi antrean, UPTD Pengujian Kendaraan Bermotor membuka pelayanan uji berkala "
      "sampai Sabtu pukul 12.00 WIB selama bulan Juli.",
      "Pemilik kendaraan diingatkan membawa buku uji asli dan STNK."]),
    ("uptd-pkb", "truk-batubara-putar-balik", "2025-03-18",
     "Petugas Putar Balik Truk Batu Bara di Jalan Lingkar",
     ["Petugas gabungan memutar balik belasan truk batu bara yang mencoba masuk ke dalam kota "
      "melalui jalan lingkar. Warga yang melihat pelanggaran dapat melapor ke Call Center 112."]),
    ("balikat", "angkatan-tiga-2025", "2025-02-10",
     "BALIKAT Buka Pelatihan Menjahit dan Barista Angkatan III",
     ["BALIKAT Kota Jambi membuka pendaftaran pelatihan menjahit dan barista angkatan III. "
      "Pelatihan gratis dan peserta mendapat sertifikat."]),
    ("balikat", "magang-jepang", "2025-09-05",
     "Alumni BALIKAT Berangkat Magang ke Jepang",
     ["Sebanyak 24 alumni pelatihan bahasa Jepang BALIKAT berangkat mengikuti program magang "
      "di Jepang. Lebih dari 2.000 alumni BALIKAT telah terserap industri maupun magang ke luar "
      "negeri."]),
    ("ppid", "informatif-lima-kali", "2025-11-25",
     "PPID Kota Jambi Lima Kali Berturut-turut Raih Predikat Informatif",
     ["PPID Kota Jambi kembali meraih peringkat terbaik pertama dengan predikat Informatif "
      "pada Anugerah Keterbukaan Informasi Publik Provinsi Jambi, kali kelima berturut-turut, "
      "dengan skor 98,39."]),
    ("ppid", "dip-2025", "2025-01-20",
     "Daftar Informasi Publik 2025 Telah Dimutakhirkan",
     ["Daftar Informasi Publik (DIP) Pemerintah Kota Jambi tahun 2025 telah dimutakhirkan. "
      "Informasi yang belum tersedia dapat dimohonkan melalui layanan "
      "[[ppid_permohonan|permohonan informasi publik]]."]),
    ("kartu-bahagia", "beasiswa-2070-siswa", "2025-08-20",
     "2.070 Siswa Terima Beasiswa Kartu Bahagia",
     ["Pemerintah Kota Jambi menyalurkan beasiswa Kartu Bahagia kepada 2.070 siswa SD dan SMP "
      "dengan total sekitar Rp3 miliar."]),
    ("kartu-bahagia", "santunan-ketua-rt", "2025-04-08",
     "Ahli Waris Ketua RT Terima Santunan BPJS Ketenagakerjaan",
     ["Ahli waris seorang Ketua RT di Kecamatan Jelutung menerima santunan kematian dari BPJS "
      "Ketenagakerjaan. Iuran kepesertaan Ketua RT dibayar Pemerintah Kota Jambi melalui "
      "program Kartu Bahagia."]),
    ("diskop", "banharkat-bunga-3-persen", "2025-06-16",
     "BanHarkat Salurkan Pinjaman Modal Berbunga 3 Persen",
     ["Pinjaman modal BanHarkat bagi kelompok usaha masyarakat berbunga 3 persen per tahun. "
      "Sejak diluncurkan, total penyaluran mencapai Rp111,4 miliar."]),
    ("kec-kotabaru", "musyawarah-kampung-bahagia", "2026-01-26",
     "Camat Kota Baru Hadiri Musyawarah Kampung Bahagia",
     ["Camat Kota Baru menghadiri musyawarah warga Kampung Bahagia di Kelurahan Simpang III "
      "Sipin. Warga sepakat memakai dana Rp100 juta untuk perbaikan drainase dan pemasangan "
      "CCTV."]),
    ("kec-kotabaru", "jumat-bersih-paal-lima", "2025-09-12",
     "Jumat Bersih Bersama Warga Paal Lima",
     ["Aparatur kecamatan dan kelurahan bergotong royong membersihkan parit bersama warga "
      "Kelurahan Paal Lima menjelang musim hujan."]),
    ("kec-kotabaru", "pelayanan-surat-pindah", "2025-10-02",
     "Urus Surat Pindah Kini Cukup Pengantar Kelurahan",
     ["Warga Kota Baru yang akan pindah ke luar kota cukup membawa pengantar RT/RW ke "
      "kelurahan, lalu mengajukan SKPWNI ke Disdukcapil. Lihat "
      "[[kotabaru_pindah|persyaratannya]]."]),
    ("kemenag", "daftar-nikah-jauh-hari", "2025-05-05",
     "Kemenag Imbau Calon Pengantin Daftar Nikah Jauh Hari",
     ["Menjelang musim pernikahan, Kemenag Kota Jambi mengimbau calon pengantin mendaftarkan "
      "kehendak nikah jauh hari sebelum akad agar pemeriksaan berkas tidak terburu-buru."]),
    ("kemenag", "bimwin-catin", "2025-07-22",
     "Bimbingan Perkawinan bagi Calon Pengantin",
     ["Kantor Kemenag Kota Jambi menggelar bimbingan perkawinan bagi calon pengantin dari "
      "seluruh KUA kecamatan."]),
]

# ---------------------------------------------------------------------------------------------
# App catalog (hosted by Diskominfo)
# ---------------------------------------------------------------------------------------------

OPD_DISKOMINFO = "Dinas Komunikasi dan Informatika Kota Jambi"

# (index in apps.jsonl, detail-page slug, catalog name, owning agency, status, description).
# Status "aktif" only where the facts say the app is active or was launched; apps last
# mentioned in 2020 with no later sign of life are "nonaktif" (the city switched off 20 apps
# in 2023 and folded the rest into SiKoja).
APPS: list[tuple[int, str, str, str, str, str]] = [
    (0, "sikoja", "SiKoja (Sistem Informasi Kota Jambi)", OPD_DISKOMINFO, "aktif",
     "Super app Pemerintah Kota Jambi yang menghimpun informasi layanan publik, kesehatan, "
     "kedaruratan dan pendidikan. Seluruh aplikasi perangkat daerah digabungkan ke SiKoja "
     "sehingga warga cukup mengunduh satu aplikasi."),
    (1, "sikesal", "SiKesal", OPD_DISKOMINFO, "aktif",
     "Aplikasi pengaduan warga Kota Jambi. Foto masalahnya, tandai lokasinya, kirim; admin "
     "meneruskan laporan ke OPD terkait untuk ditindaklanjuti dalam 24 sampai 72 jam. "
     "Tersedia di Play Store sejak Desember 2017."),
    (2, "call-center-112", "Call Center 112", OPD_DISKOMINFO, "aktif",
     "Nomor tunggal panggilan darurat Kota Jambi, bebas pulsa dan 24 jam: kebakaran, "
     "kecelakaan, hewan liar, ODGJ, KDRT dan laporan truk batu bara. Cukup tekan 112 tanpa "
     "kode area."),
    (3, "si-merah-koja", "Si Merah Koja", "Dinas Pemadam Kebakaran dan Penyelamatan Kota Jambi",
     "aktif",
     "Sistem Informasi Penanggulangan Kebakaran dan Penyelamatan Daerah Kota Jambi untuk "
     "melaporkan kebakaran dan kejadian penyelamatan, terintegrasi dengan 112 dan WhatsApp. "
     "Diluncurkan 14 Agustus 2023."),
    (4, "kartu-bahagia", "Kartu Bahagia", "Pemerintah Kota Jambi", "aktif",
     "Identitas tunggal warga untuk program perlindungan sosial Kota Jambi: berobat gratis "
     "(UHC Jambi Bugar), beasiswa, bantuan sosial, BPJS Ketenagakerjaan dan santunan kematian; "
     "terhubung dengan DTKS."),
    (5, "portal-spbe", "Portal SPBE Kota Jambi", OPD_DISKOMINFO, "aktif",
     "Portal layanan Sistem Pemerintahan Berbasis Elektronik, termasuk fitur pengaduan "
     "infrastruktur TIK antar-OPD."),
    (6, "sipaten", "SIPATEN", "Pemerintah Kota Jambi (kecamatan)", "nonaktif",
     "Sistem Informasi Pelayanan Administrasi Terpadu Kecamatan, salah satu quick win smart "
     "city 2020."),
    (8, "si-paduko", "Si Paduko", "Dinas Kependudukan dan Pencatatan Sipil Kota Jambi",
     "nonaktif", "Aplikasi layanan administrasi kependudukan yang belum optimal karena kendala "
     "jaringan."),
    (9, "", "PPDB/SPMB Online Kota Jambi", "Dinas Pendidikan Kota Jambi", "aktif",
     "Pendaftaran murid baru SMP negeri (wajib daring) dan SD di Kota Jambi."),
    (10, "info-tagihan-pbb-online", "Info Tagihan PBB Online",
     "Badan Pengelola Pajak dan Retribusi Daerah Kota Jambi", "nonaktif",
     "Cek tagihan PBB-P2 berdasarkan NOP."),
    (11, "bayar-pbb-qris", "Bayar PBB via QRIS dan Mobil Pajak Keliling",
     "Badan Pengelola Pajak dan Retribusi Daerah Kota Jambi", "aktif",
     "Kanal pembayaran PBB-P2 dengan QRIS sejak pertengahan 2023, serta mobil pelayanan "
     "keliling di kantor kecamatan."),
    (13, "perizinan-online", "Perizinan Online Kota Jambi",
     "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Jambi", "nonaktif",
     "Layanan perizinan daerah secara daring."),
    (14, "", "PPID Kota Jambi", OPD_DISKOMINFO, "aktif",
     "Permohonan informasi publik kepada Pemerintah Kota Jambi secara daring."),
    (18, "jcoc", "Jambi City Operation Center (JCOC)", OPD_DISKOMINFO, "aktif",
     "Ruang kendali smart city: CCTV di 14 simpang, kendali lampu jalan dan e-tilang."),
    (19, "", "Open Data Kota Jambi", "Pemerintah Kota Jambi", "aktif",
     "Portal satu data: kumpulan dataset perangkat daerah Kota Jambi."),
    (20, "pita-molin", "PITA MOLIN",
     "Dinas Pemberdayaan Masyarakat, Perempuan dan Perlindungan Anak Kota Jambi", "aktif",
     "Pelayanan, Informasi dan Konsultasi melalui Mobil Perlindungan: layanan keliling UPTD PPA "
     "ke sekolah untuk konsultasi dan pengaduan kekerasan."),
    (21, "", "Hotline dan Instagram Tirta Mayang", "Perumda Air Minum Tirta Mayang Kota Jambi",
     "aktif", "Info gangguan air, pengaduan dan permintaan mobil tangki gratis: WhatsApp "
     "0821-2121-9692, Instagram @perumdatirtamayang."),
    (22, "ikd", "IKD (Identitas Kependudukan Digital)", "Ditjen Dukcapil Kementerian Dalam Negeri",
     "aktif", "KTP digital di ponsel. Warga Kota Jambi yang mengurus dokumen kependudukan diminta "
     "mengaktifkan IKD."),
    (23, "", "OSS RBA", "Kementerian Investasi/BKPM", "aktif",
     "Online Single Submission berbasis risiko: pendaftaran NIB dan perizinan berusaha."),
    (24, "", "SIMBG", "Kementerian Pekerjaan Umum", "aktif",
     "Sistem Informasi Manajemen Bangunan Gedung untuk pengajuan PBG, SLF dan SBKBG."),
    (25, "", "SP4N-LAPOR!", "KemenPANRB", "aktif",
     "Kanal pengaduan pelayanan publik nasional yang terhubung ke seluruh instansi."),
    (26, "", "SIAPkerja / Karirhub", "Kementerian Ketenagakerjaan", "aktif",
     "Pendaftaran pencari kerja dan kartu AK/1 secara daring."),
    (27, "siks-ng", "SIKS-NG", "Kementerian Sosial", "aktif",
     "Aplikasi operator kelurahan dan Dinas Sosial untuk usulan dan perbaikan DTKS/DTSEN."),
    (28, "", "SIPPN", "KemenPANRB", "aktif",
     "Direktori standar pelayanan publik seluruh instansi pemerintah."),
    (29, "", "WBS Pemprov Jambi", "Inspektorat Provinsi Jambi", "aktif",
     "Whistleblowing system untuk melaporkan pelanggaran ASN Pemerintah Provinsi Jambi; "
     "identitas pelapor dirahasiakan."),
    (30, "", "PPID Provinsi Jambi", "Dinas Komunikasi dan Informatika Provinsi Jambi", "aktif",
     "Permohonan informasi publik kepada Pemerintah Provinsi Jambi."),
    (31, "gubernur-jambi-menjawab", "Gubernur Jambi Menjawab", "Pemerintah Provinsi Jambi",
     "nonaktif", "Aplikasi tanya jawab dan aspirasi warga kepada Gubernur Jambi (2017)."),
    (32, "spmb-provinsi-jambi", "Portal SPMB SMA/SMK Provinsi Jambi",
     "Dinas Pendidikan Provinsi Jambi", "aktif",
     "Pendaftaran murid baru SMA dan SMK negeri di Provinsi Jambi."),
]

# The same app listed twice under another name (planted near-duplicates): (name of the first
# listing, second name, second slug or "" to reuse the URL).
APP_DUPLICATES = [
    ("SiKesal", "Si-Kesal (Sistem Informasi Keluhan Masyarakat Online)",
     "si-kesal-sistem-informasi-keluhan-masyarakat"),
    ("Call Center 112", "Call Center Bahagia 112", "call-center-bahagia"),
    ("PPID Kota Jambi", "Aplikasi PPID", ""),
]

PLATFORM_FIX = {"aplikasi": "Android", None: "web"}


def build_catalog(raw_apps: list[dict]) -> list[dict]:
    base = SITE["diskominfo"].base
    catalog = []
    for idx, slug, name, opd, status, desc in APPS:
        rec = raw_apps[idx]
        url = rec.get("url")
        if not url or not url.startswith("http"):
            url = f"{base}/aplikasi/{slug}/"
        platform = rec.get("platform")
        platform = PLATFORM_FIX.get(platform, platform)
        if platform and "WhatsApp" in platform:
            platform = "WhatsApp/Instagram"
        catalog.append({"name": name, "opd": opd, "url": url, "description": desc,
                        "platform": platform or "web", "status": status, "_slug": slug})
    for first, second, slug in APP_DUPLICATES:
        orig = next(c for c in catalog if c["name"] == first)
        dup = dict(orig, name=second, _slug=slug or orig["_slug"])
        if slug:
            dup["url"] = f"{base}/aplikasi/{slug}/"
        catalog.insert(catalog.index(orig) + 5, dup)
    return catalog


# ---------------------------------------------------------------------------------------------
# Minimal PDFs, written by hand (no dependency): Helvetica text, WinAnsi, one stream per page
# ---------------------------------------------------------------------------------------------


def pdf_escape(line: str) -> str:
    line = (line.replace("\u2013", "-").replace("\u2019", "'").replace("\u2192", "->")
            .replace("\u2018", "'"))
    line = line.encode("ascii", "replace").decode("ascii")
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(title: str, lines: list[str]) -> bytes:
    wrapped: list[str] = []
    for line in lines:
        wrapped.extend(textwrap.wrap(line, 92, subsequent_indent="   ") or [""])
    pages = [wrapped[i:i + 52] for i in range(0, len(wrapped), 52)] or [[]]
    objects: list[bytes] = []
    n_pages = len(pages)
    page_ids = [4 + 2 * i for i in range(n_pages)]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{p} 0 R" for p in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                   b"/Encoding /WinAnsiEncoding >>")
    for i, chunk in enumerate(pages):
        ops = ["BT", "/F1 10 Tf", "14 TL", "50 800 Td"]
        if i == 0:
            ops += ["/F1 14 Tf", f"({pdf_escape(title)}) Tj", "T*", "/F1 10 Tf", "T*"]
        ops += [f"({pdf_escape(line)}) Tj T*" for line in chunk]
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       f"/Resources << /Font << /F1 3 0 R >> >> /Contents {page_ids[i] + 1} 0 R >>"
                       .encode())
        objects.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
                       + b"\nendstream")
    info_id = len(objects) + 1
    objects.append(f"<< /Title ({pdf_escape(title)}) /Producer (sikoja sample generator) >>"
                   .encode())
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{num} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {info_id} 0 R >>\n"
              f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def standard_pdf_lines(opd: str, items: list[tuple[str, ServiceFacts]]) -> list[str]:
    lines = [opd, "Standar Pelayanan Publik (komponen service delivery)", ""]
    for n, (title, f) in enumerate(items, start=1):
        lines.append(f"{n}. {title}")
        lines.append("   Persyaratan:")
        lines += [f"   - {r}" for r in f.requirements]
        lines.append("   Sistem, mekanisme dan prosedur:")
        lines += [f"   {i}) {p}" for i, p in enumerate(f.procedure, start=1)]
        if f.duration:
            lines.append(f"   Jangka waktu penyelesaian: {f.duration}")
        if f.cost:
            lines.append(f"   Biaya/tarif: {f.cost}")
        if f.legal_basis:
            lines.append(f"   Dasar hukum: {f.legal_basis}")
        lines.append("")
    lines.append("Pengaduan: aplikasi SiKesal atau Call Center 112 (bebas pulsa).")
    return lines


# Downloads: site -> (file, link text, services inside, pages that link it)
PDFS = {
    "disdukcapil": ("wp-content/uploads/2024/03/Standar-Pelayanan-Disdukcapil-Kota-Jambi.pdf",
                    "Standar Pelayanan Disdukcapil Kota Jambi (PDF)",
                    ["ktp_baru", "ktp_hilang", "kk_baru", "kk_ubah", "akta_lahir", "akta_mati",
                     "kia"]),
    "dpmptsp": ("unduhan/standar-pelayanan-pbg-2025.pdf",
                "Standar Pelayanan Persetujuan Bangunan Gedung (PDF)", ["pbg", "slf"]),
    "bpprd": ("download/brosur-pbb-p2-2025.pdf", "Brosur Layanan PBB-P2 2025 (PDF)",
              ["pbb_bayar", "pbb_mutasi", "pbb_betul", "pbb_keberatan", "pbb_baru"]),
    "dishub": ("files/persyaratan-uji-kir.pdf", "Persyaratan Uji KIR (PDF)", ["kir"]),
}
# A link that is broken on purpose (an old download the agency removed).
PLANTED_BROKEN = [("bpprd", "/download/perda-5-2011.pdf")]

# ---------------------------------------------------------------------------------------------
# Assembling the sites
# ---------------------------------------------------------------------------------------------

FUNGSI = [
    "perumusan kebijakan teknis sesuai lingkup tugasnya",
    "pelaksanaan kebijakan dan pelayanan kepada masyarakat",
    "pelaksanaan evaluasi dan pelaporan",
    "pelaksanaan administrasi perangkat daerah",
    "pelaksanaan fungsi lain yang diberikan oleh Wali Kota sesuai dengan tugas dan fungsinya",
]


def profile_body(site: Site) -> str:
    if site.name == "pdam":
        first = (f"{site.opd} adalah badan usaha milik daerah Kota Jambi yang bertugas "
                 f"{site.tugas.split('sebagai')[0].strip()}.")
    elif site.name == "kec-telanaipura":
        first = (f"Kecamatan Telanaipura adalah perangkat daerah kewilayahan Kota Jambi yang "
                 f"bertugas {site.tugas}.")
    else:
        first = (f"{site.opd} merupakan unsur pelaksana urusan pemerintahan Kota Jambi yang "
                 f"bertugas {site.tugas}.")
    return (paras(e(first), "Untuk melaksanakan tugas tersebut, kami menyelenggarakan fungsi:")
            + ul([e(f) for f in FUNGSI], ordered=True)
            + paras("Kami berkomitmen memberikan pelayanan yang cepat, mudah, transparan dan "
                    "bebas pungutan liar, sejalan dengan visi Kota Jambi BAHAGIA."))


def visi_body(site: Site) -> str:
    misi = [
        f"Meningkatkan kualitas pelayanan {site.short.replace(' Kota Jambi', '')} yang mudah "
        "diakses seluruh warga",
        "Memanfaatkan teknologi informasi untuk pelayanan yang cepat dan transparan",
        "Meningkatkan kapasitas dan integritas aparatur",
        "Memperkuat kolaborasi dengan perangkat daerah, kelurahan dan masyarakat",
    ]
    return (f"<h3>Visi</h3><p>Visi Pemerintah Kota Jambi: <strong>&ldquo;Kota Jambi BAHAGIA&rdquo;"
            f"</strong>, yang menjadi acuan seluruh perangkat daerah, termasuk {e(site.short)}.</p>"
            f"<h3>Misi</h3>{ul([e(m) for m in misi], ordered=True)}"
            "<h3>Motto</h3>" + f"<p><em>{e(site.tagline)}</em></p>")


def contact_body(site: Site) -> str:
    contact = site.contact or "Call Center 112 (kedaruratan, bebas pulsa)"
    return (f"<p><strong>Alamat:</strong> {e(site.address)}</p>"
            f"<p><strong>Jam Pelayanan:</strong> {HOURS}</p>"
            f"<p><strong>Kontak:</strong> {contact}</p>"
            "<p>Saran dan pengaduan dapat disampaikan melalui aplikasi [[app:sikesal|SiKesal]], "
            "[[ppid|PPID Kota Jambi]], atau kanal nasional SP4N-LAPOR!.</p>")


FAQ_DISDUKCAPIL = [
    ("Apakah mengurus dokumen kependudukan dipungut biaya?",
     "Tidak. Seluruh layanan administrasi kependudukan gratis sesuai Pasal 79A UU Nomor 24 "
     "Tahun 2013. Bila ada yang meminta bayaran, laporkan melalui [[app:sikesal|SiKesal]]."),
    ("Di mana saya membuat akta kelahiran anak?",
     "Akta kelahiran dibuat sesuai alamat pada Kartu Keluarga tempat anak didaftarkan, bukan "
     "tempat anak dilahirkan. Lihat [[akta_lahir|persyaratan akta kelahiran]]."),
    ("Apakah KK dan akta harus dicap basah?",
     "Tidak. Sejak 2020 KK dan akta dicetak di kertas HVS A4 80 gram dengan tanda tangan "
     "elektronik (TTE) dan kode QR."),
    ("Apakah perekaman KTP-el bisa diwakilkan?",
     "Tidak bisa. Perekaman sidik jari, iris dan foto wajib dilakukan oleh pemohon sendiri."),
    ("Bisakah KK diterbitkan bila orang tua sudah meninggal?",
     "Bisa, selama ada anggota keluarga yang menjadi kepala keluarga dan berusia lebih dari 17 "
     "tahun atau sudah/pernah menikah."),
    ("Apakah dokumen ber-TTE perlu dilegalisir?",
     "Tidak perlu. Keaslian dokumen dapat diperiksa dengan memindai kode QR/barcode."),
]


def build(data_dir: Path) -> tuple[list[dict], dict]:
    raw_services = load_jsonl(data_dir / "services.jsonl")
    raw_apps = load_jsonl(data_dir / "apps.jsonl")
    facts: dict[str, ServiceFacts] = {}
    global_keys: dict[str, Page] = {}

    def reg(page: Page, key: str) -> Page:
        if key in global_keys:
            raise ValueError(f"duplicate page key {key}")
        global_keys[key] = page
        return page

    catalog = build_catalog(raw_apps)
    for key, spec in SERVICES.items():
        facts[key] = facts_for(key, raw_services, SITE[spec[1]])
    for site in SITES:
        if site.template in NEW_BUILD:
            NEW_BUILD[site.template](site, facts, reg)
            continue
        crumb_home = [("Beranda", "/")]
        add_page(site, "home", "home", f"Beranda {site.short}", "")
        add_page(site, "page", "profil", "Profil" if site.template != "wp" else "Tugas dan Fungsi",
                 "profil", profile_body(site), crumbs=crumb_home)
        add_page(site, "page", "visi-misi", "Visi dan Misi", "visi-misi", visi_body(site),
                 crumbs=crumb_home)
        lay = add_page(site, "listing", "list-layanan",
                       {"wp": "Layanan Publik", "table": "Jenis Layanan"}.get(site.template,
                                                                              "Layanan"),
                       "layanan", crumbs=crumb_home)
        ber = add_page(site, "listing", "list-berita", "Berita", "berita", crumbs=crumb_home)
        for key, (_idx, sname, slug, title, intro, _over) in SERVICES.items():
            if sname != site.name:
                continue
            f = facts[key]
            extra = ""
            if site.name in PDFS and key in PDFS[site.name][2]:
                pdf_file, pdf_text, _ = PDFS[site.name]
                extra = f"<p>Unduh: {a('/' + pdf_file, e(pdf_text))}</p>"
            body = service_body(site, intro, f, extra)
            page = add_page(site, "service", key, title, slug or key, body, summary=intro,
                            crumbs=crumb_home + [(lay.title, lay.href)])
            reg(page, key)
        if site.name == "mpp":
            for key, (slug, title, intro) in MPP_RELISTED.items():
                f = facts[key]
                owner = SITE[SERVICES[key][1]]
                # the MPP page states its own counter, and not the owner site's note
                mf = replace(f, location=f"Loket {owner.short.replace(' Kota Jambi', '')}, Mal "
                             "Pelayanan Publik Kota Jambi", note=None)
                extra = (f"<p>Informasi resmi dari instansi pemilik layanan: "
                         f"[[{key}|{e(owner.short)}]].</p>")
                page = add_page(site, "service", f"mpp:{key}", title, slug,
                                service_body(site, intro, mf, extra), summary=intro,
                                crumbs=crumb_home + [(lay.title, lay.href)])
                reg(page, f"mpp:{key}")
        for sname, slug, date, title, texts in NEWS:
            if sname != site.name:
                continue
            page = add_page(site, "news", f"news:{slug}", title, slug, paras(*texts),
                            summary=re.sub(r"\[\[[^|]*\|([^\]]*)\]\]", r"\1", texts[0]),
                            date=date, crumbs=crumb_home + [(ber.title, ber.href)])
            reg(page, f"news:{site.name}:{slug}")
        if site.name == "disdukcapil":
            faq = "".join(f"<h4>{e(q)}</h4><p>{ans}</p>" for q, ans in FAQ_DISDUKCAPIL)
            add_page(site, "page", "faq", "FAQ (Tanya Jawab)", "faq", faq, crumbs=crumb_home)
        if site.name in PDFS:
            pdf_file, pdf_text, keys = PDFS[site.name]
            items = [(SERVICES[k][3], facts[k]) for k in keys]
            site.extra_files[pdf_file] = make_pdf(pdf_text.replace(" (PDF)", ""),
                                                  standard_pdf_lines(site.opd, items))
            links = [a("/" + pdf_file, e(pdf_text))]
            for bsite, bpath in PLANTED_BROKEN:
                if bsite == site.name:
                    links.append(a(bpath, "Perda Nomor 5 Tahun 2011 (arsip)"))
            add_page(site, "page", "unduhan", "Unduhan", "unduhan",
                     "<p>Dokumen yang dapat diunduh:</p>" + ul(links), crumbs=crumb_home)
        if site.name == "dpmptsp":
            add_page(site, "page", "cari", "Pencarian", "cari",
                     '<form action="/cari/" method="get"><input type="text" name="q" '
                     'placeholder="Cari layanan perizinan"><button>Cari</button></form>',
                     crumbs=crumb_home)
        add_page(site, "page", "kontak", "Hubungi Kami" if site.template != "table" else "Kontak",
                 "kontak", contact_body(site), crumbs=crumb_home)
    catalog += catalog_rows_at_service_pages(global_keys)
    build_app_pages(SITE["diskominfo"], catalog, reg)
    for site in SITES:
        if site.template not in NEW_BUILD:
            fill_generated_bodies(site)
    return catalog, global_keys


# Catalog entries whose URL is a crawled service page, as real catalogs list a service page
# as an "app" (the DTKS page of Dinas Sosial as SIKS-NG): (page key, name, OPD, description).
CATALOG_AT_SERVICE_PAGES = [
    ("dtks", "Usulan DTKS/DTSEN Online", "Dinas Sosial Kota Jambi",
     "Usulan dan perbaikan data DTKS/DTSEN bagi warga yang belum menerima bantuan sosial; "
     "diajukan lewat kelurahan dan diproses Dinas Sosial."),
    ("ppa", "Layanan Pengaduan UPTD PPA",
     "Dinas Pemberdayaan Masyarakat, Perempuan dan Perlindungan Anak Kota Jambi",
     "Pengaduan dan pendampingan korban kekerasan terhadap perempuan dan anak; identitas pelapor "
     "dirahasiakan."),
    ("ckg", "Cek Kesehatan Gratis (CKG)", "Dinas Kesehatan Kota Jambi",
     "Informasi pemeriksaan kesehatan gratis sesuai kelompok umur di puskesmas se-Kota Jambi."),
    ("sipeda:layanan", "SIPEDA Perizinan Kota Jambi",
     "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Jambi",
     "Daftar layanan perizinan tenaga kesehatan dan reklame beserta persyaratan, biaya dan "
     "waktu penyelesaiannya."),
]


def catalog_rows_at_service_pages(global_keys: dict[str, Page]) -> list[dict]:
    return [{"name": name, "opd": opd, "url": global_keys[key].url, "description": desc,
             "platform": "web", "status": "aktif", "_slug": ""}
            for key, name, opd, desc in CATALOG_AT_SERVICE_PAGES]


def build_app_pages(site: Site, catalog: list[dict], reg) -> None:
    crumb = [("Beranda", "/")]
    listing = add_page(site, "listing", "list-aplikasi", "Katalog Aplikasi Kota Jambi",
                       "aplikasi", crumbs=crumb)
    rows = []
    for n, app in enumerate(catalog, start=1):
        status = ('<span class="badge bg-success">aktif</span>' if app["status"] == "aktif"
                  else '<span class="badge bg-secondary">nonaktif</span>')
        rows.append(f"<tr><td>{n}</td><td>{a(app['url'], e(app['name']))}</td>"
                    f"<td>{e(app['opd'])}</td><td>{e(app['platform'])}</td><td>{status}</td>"
                    f"<td>{e(app['description'])}</td></tr>")
    listing.body = (
        "<p>Daftar aplikasi dan kanal layanan digital yang dapat digunakan warga Kota Jambi. "
        "Sejak 2023 seluruh aplikasi perangkat daerah diintegrasikan ke super app SiKoja.</p>"
        f"<p>Data terbuka: {a('/apps.json', 'JSON')} | {a('/apps.csv', 'CSV')}</p>"
        '<table class="table table-striped katalog-aplikasi"><thead><tr><th>No</th>'
        "<th>Nama Aplikasi</th><th>OPD Pengelola</th><th>Platform</th><th>Status</th>"
        "<th>Keterangan</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
    base = site.base
    seen = set()
    for app in catalog:
        if not app["url"].startswith(base):
            continue
        slug = app["_slug"]
        if slug in seen:
            continue
        seen.add(slug)
        body = (f"<p>{e(app['description'])}</p>"
                '<table class="table detail-aplikasi">'
                f"<tr><th>Nama</th><td>{e(app['name'])}</td></tr>"
                f"<tr><th>Pengelola</th><td>{e(app['opd'])}</td></tr>"
                f"<tr><th>Platform</th><td>{e(app['platform'])}</td></tr>"
                f"<tr><th>Status</th><td>{e(app['status'])}</td></tr></table>")
        if app["status"] == "nonaktif":
            body += "<p><em>Aplikasi ini tidak lagi aktif. Gunakan super app SiKoja.</em></p>"
        if "Android" in app["platform"]:
            body += "<p>Unduh melalui Google Play Store.</p>"
        page = add_page(site, "app", f"app:{slug}", app["name"], slug, body,
                        summary=app["description"], crumbs=crumb + [(listing.title, listing.href)])
        reg(page, f"app:{slug}")


def fill_generated_bodies(site: Site) -> None:
    services = [p for p in site.pages if p.kind == "service"]
    news = sorted((p for p in site.pages if p.kind == "news"), key=lambda p: p.date, reverse=True)
    by_key = {p.key: p for p in site.pages}
    lay, ber = by_key["list-layanan"], by_key["list-berita"]
    lay.body = ("<p>Berikut jenis layanan yang dapat diakses masyarakat. Klik nama layanan untuk "
                "melihat persyaratan, prosedur, waktu dan biaya.</p>"
                + ul([a(p.href, e(p.title)) for p in services], ordered=True))
    ber.body = "".join(
        f'<div class="post-item"><h3>{a(p.href, e(p.title))}</h3><small>{tanggal(p.date)}</small>'
        f"<p>{e(p.summary)}</p></div>" for p in news) or "<p>Belum ada berita.</p>"
    home = by_key["home"]
    featured = []
    for i, p in enumerate(services[:6]):
        href = p.href
        if i == 0:  # shared-link style: same page, tracking parameters
            href += ("&" if "?" in href else "?") + "utm_source=beranda&utm_medium=banner"
        elif i == 1:
            href += "#persyaratan"
        featured.append(a(href, e(p.title)))
    home.body = (
        f"<p>Selamat datang di situs resmi {e(site.opd)}. Di sini Anda dapat menemukan informasi "
        "persyaratan dan alur pelayanan, berita kegiatan, serta saluran pengaduan.</p>"
        f"<h2>Layanan Unggulan</h2>{ul(featured)}"
        f"<p>{a(lay.href, 'Lihat semua layanan &raquo;')}</p>"
        "<h2>Berita Terkini</h2>"
        + ul([a(p.href, e(p.title)) + f" <small>{tanggal(p.date)}</small>" for p in news[:5]])
        + f"<p>{a(ber.href, 'Indeks berita &raquo;')}</p>")
    if "unduhan" in by_key:
        home.body += f"<p>{a(by_key['unduhan'].href, 'Unduhan dokumen standar pelayanan')}</p>"
    if "cari" in by_key:
        home.body += f"<p>{a(by_key['cari'].href, 'Cari layanan perizinan')}</p>"
    if "faq" in by_key:
        home.body += f"<p>{a(by_key['faq'].href, 'Pertanyaan yang sering diajukan (FAQ)')}</p>"

# ---------------------------------------------------------------------------------------------
# Real-world families: what the tidy five templates above do not show
#
# Independent Kota Jambi sites are messier than the first twenty sample sites: WordPress with
# pretty permalinks and a sidebar naming every service on every page, old PHP table layouts
# with no h1 and the site name first in the title, CodeIgniter/Laravel apps with Bootstrap
# cards, services whose facts live only in a "Standar Pelayanan" PDF, lists rendered by
# JavaScript from JSON, kecamatan blogs on Blogspot, Drupal 7 nodes and one-page UPTD sites.
# Each family below renders its own markup and URL scheme; facts still come from SERVICES.
# ---------------------------------------------------------------------------------------------

# The manifest's family name of every template (what kind of real site it imitates).
FAMILY = {
    "wp": "wordpress-query", "table": "asp-table", "php": "php-bootstrap",
    "modern": "modern-folders", "cms": "static-cms", "wpp": "wordpress-pretty",
    "oldphp": "php-table-old", "ci": "codeigniter-laravel", "pdfonly": "pdf-only-services",
    "jslist": "js-json-list", "blog": "kecamatan-blogspot", "drupal": "drupal7",
    "onepage": "one-page-uptd",
}
NEW_FAMILIES = ("wpp", "oldphp", "ci", "pdfonly", "jslist", "blog", "drupal", "onepage")


def put(site: Site, kind: str, key: str, title: str, href: str, file: str, body: str = "",
        *, aliases: tuple[str, ...] = (), date: str = "", summary: str = "",
        crumbs: list | None = None, view: dict | None = None) -> Page:
    """A page of a new-family site at href, stored in file; aliases are other URLs the site's
    own links use for the same page (``?q=node/12``, ``?replytocom=3``, ``?m=1``)."""
    page = Page(site, kind, key, title, href, file, body, summary, date, crumbs or [], view or {})
    site.pages.append(page)
    for url in (href, *aliases):
        parts = urlsplit(url)
        site.routes[route_key(parts.path, parts.query)] = file
    return page


def pages_of(site: Site, kind: str) -> list[Page]:
    pages = [p for p in site.pages if p.kind == kind]
    return sorted(pages, key=lambda p: p.date, reverse=True) if kind == "news" else pages


def own_services(site: Site) -> list[tuple[str, tuple]]:
    return [(k, spec) for k, spec in SERVICES.items() if spec[1] == site.name]


def own_news(site: Site) -> list[tuple[str, str, str, list[str]]]:
    return [(slug, date, title, texts) for s, slug, date, title, texts in NEWS if s == site.name]


def news_summary(texts: list[str]) -> str:
    return re.sub(r"\[\[[^|]*\|([^\]]*)\]\]", r"\1", texts[0])


def new_profile(site: Site) -> str:
    return (paras(e(f"{site.opd} {site.tugas}."))
            + paras("Kami berkomitmen memberikan pelayanan yang cepat, mudah, transparan dan "
                    "bebas pungutan liar, sejalan dengan visi Kota Jambi BAHAGIA."))


def fact_rows(site: Site, f: ServiceFacts) -> list[tuple[str, str, object]]:
    """(anchor, label, value) of a service's facts in this site's own words."""
    lab = dict(zip(("req", "proc", "dur", "cost", "law", "loc", "online"), LABELS[site.labels],
                   strict=True))
    rows = [("persyaratan", lab["req"], f.requirements), ("prosedur", lab["proc"], f.procedure),
            ("waktu", lab["dur"], f.duration), ("biaya", lab["cost"], f.cost),
            ("dasar-hukum", lab["law"], f.legal_basis), ("lokasi", lab["loc"], f.location)]
    rows = [r for r in rows if r[2]]
    if f.online:
        rows.append(("online", lab["online"], online_link(f.online)))
    return rows


def value_html(anchor: str, value: object, style: str) -> str:
    """A fact as the family writes it: lists as <ol>/<ul>, or numbered lines with <br>."""
    if anchor == "online":
        return str(value)
    if not isinstance(value, list):
        return e(str(value))
    if style == "br":
        return "<br>".join(f"{n}. {e(v)}" for n, v in enumerate(value, start=1))
    return ul([e(v) for v in value], ordered=anchor == "prosedur" or style == "ol")


# --- WordPress with pretty permalinks (a common theme, every service in the sidebar) ------------


def build_wpp(site: Site, facts: dict, reg) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html")
    put(site, "page", "profil", "Profil Puskesmas", "/profil/", "profil/index.html",
        new_profile(site))
    lay = put(site, "listing", "list-layanan", "Layanan", "/layanan/", "layanan/index.html")
    for key, (_i, _s, slug, title, intro, _o) in own_services(site):
        body = f"<p>{e(intro)}</p>" + "".join(
            f'<h2 class="wp-block-heading" id="{anchor}">{e(label)}</h2>'
            + (value_html(anchor, value, site.list_style) if isinstance(value, list)
               else f"<p>{value_html(anchor, value, site.list_style)}</p>")
            for anchor, label, value in fact_rows(site, facts[key]))
        reg(put(site, "service", key, title, f"/layanan/{slug}/", f"layanan/{slug}/index.html",
                body, summary=intro), key)
    cat = put(site, "listing", "list-berita", "Berita", "/category/berita/",
              "category/berita/index.html")
    tags: dict[str, list[Page]] = {}
    for n, (slug, date, title, texts) in enumerate(own_news(site)):
        href = f"/{date[:4]}/{date[5:7]}/{slug}/"
        page = put(site, "news", f"news:{site.name}:{slug}", title, href, href[1:] + "index.html",
                   paras(*texts), aliases=(f"{href}?replytocom={31 + n * 4}",),
                   date=date, summary=news_summary(texts))
        reg(page, page.key)
        tags.setdefault(slug.split("-")[0], []).append(page)
    for tag, posts in sorted(tags.items()):
        put(site, "listing", f"tag:{tag}", f"Tag: {tag.upper()}", f"/tag/{tag}/",
            f"tag/{tag}/index.html",
            ul([a(p.href, e(p.title)) for p in posts]))
    put(site, "page", "kontak", "Kontak", "/kontak/", "kontak/index.html", contact_body(site))
    services, news = pages_of(site, "service"), pages_of(site, "news")
    lay.body = ul([a(p.href, e(p.title)) + f" &ndash; {e(p.summary[:90])}&hellip;"
                   for p in services])
    cat.body = "".join(f'<article class="post"><h2 class="entry-title">{a(p.href, e(p.title))}'
                       f"</h2><p>{e(p.summary)}</p>{a(p.href, 'Baca Selengkapnya &raquo;')}"
                       "</article>" for p in news)
    home.body = (f"<p>Selamat datang di situs {e(site.opd)}.</p>"
                 "<h2>Informasi Terbaru</h2>" + ul([a(p.href, e(p.title)) for p in news])
                 + f"<p>{a(lay.href, 'Semua layanan')}</p>")
    sub = {"page": [p for p in site.pages if p.kind != "news"], "post": news}
    index = "".join(f"<sitemap><loc>{site.base}/wp-sitemap-posts-{t}-1.xml</loc></sitemap>"
                    for t in sub)
    site.extra_files["wp-sitemap.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/'
        f'schemas/sitemap/0.9">{index}</sitemapindex>\n').encode()
    for t, pages in sub.items():
        locs = "".join(f"<url><loc>{e(site.base + p.href)}</loc></url>" for p in pages)
        site.extra_files[f"wp-sitemap-posts-{t}-1.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
            f'schemas/sitemap/0.9">{locs}</urlset>\n').encode()
    items = "".join(f"<item><title>{e(p.title)}</title><link>{site.base}{p.href}</link></item>"
                    for p in news)
    for file, route, title in (("feed.xml", "/feed/", site.short),
                               ("comments-feed.xml", "/comments/feed/", f"Komentar {site.short}")):
        site.extra_files[file] = (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">'
                                  f"<channel><title>{e(title)}</title>{items if route == '/feed/' else ''}"
                                  "</channel></rss>\n").encode()
        site.routes[route] = file


WPP_COMMENTS = [("Rina", "Apakah hari Sabtu buka, bu?"),
                ("Admin", "Buka sampai pukul 12.00 WIB untuk pelayanan umum. Terima kasih.")]


def render_wpp(page: Page) -> str:
    site = page.site
    nav = [("Beranda", "/"), ("Profil", "/profil/"), ("Layanan", "/layanan/"),
           ("Berita", "/category/berita/"), ("Kontak", "/kontak/")]
    menu = "".join(f'<li class="menu-item">{a(h, label)}</li>' for label, h in nav)
    services = "".join(f"<li>{a(p.href, e(p.title))}</li>" for p in pages_of(site, "service"))
    recent = "".join(f"<li>{a(p.href, e(p.title))}</li>" for p in pages_of(site, "news")[:5])
    title = (f"{e(site.short)} &#8211; {e(site.tagline)}" if page.kind == "home"
             else f"{e(page.title)} &#8211; {e(site.short)}")
    meta, comments = "", ""
    if page.kind == "news":
        tag = page.key.split(":")[-1].split("-")[0]
        meta = (f'<div class="entry-meta"><span class="posted-on"><time class="entry-date '
                f'published" datetime="{page.date}T09:00:00+07:00">{tanggal(page.date)}</time>'
                f'</span> <span class="cat-links">{a("/category/berita/", "Berita", rel="category tag")}'
                f'</span> <span class="tags-links">{a(f"/tag/{tag}/", tag.upper(), rel="tag")}</span></div>')
        reply = next(k for k, v in site.routes.items() if v == page.file and "replytocom" in k)
        comments = ('<div id="comments" class="comments-area"><h3 class="comments-title">2 '
                    'tanggapan</h3><ol class="comment-list">' + "".join(
                        f'<li class="comment"><div class="comment-author"><b class="fn">{n}</b> '
                        f'berkata:</div><div class="comment-content"><p>{t}</p></div>'
                        f'<div class="reply">{a(reply + "#respond", "Balas", class_="comment-reply-link")}'
                        "</div></li>" for n, t in WPP_COMMENTS)
                    + '</ol><div id="respond"><h3>Tinggalkan Balasan</h3><form method="post" '
                    'action="/wp-comments-post.php"><textarea name="comment"></textarea>'
                    "<input type=\"submit\" value=\"Kirim Komentar\"></form></div></div>")
    canonical = "" if page.kind == "home" else f'<link rel="canonical" href="{site.base}{page.href}">\n'
    heading = "" if page.kind == "home" else f'<h1 class="entry-title">{e(page.title)}</h1>'
    return f"""<!DOCTYPE html>
<html lang="id-ID">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="robots" content="max-image-preview:large">
<link rel="alternate" type="application/rss+xml" title="{e(site.short)} &raquo; Feed" href="/feed/">
<link rel="alternate" type="application/rss+xml" title="{e(site.short)} &raquo; Umpan Komentar" href="/comments/feed/">
<link rel="stylesheet" id="astra-theme-css-css" href="/wp-content/themes/astra/assets/css/minified/main.min.css?ver=4.6.4" media="all">
{canonical}<meta name="generator" content="WordPress 6.5.2">
</head>
<body class="{"home blog" if page.kind == "home" else "wp-singular"} ast-separate-container ast-right-sidebar">
<a class="skip-link screen-reader-text" href="#content">Lompat ke konten</a>
<div class="ast-above-header-bar">Jam Pelayanan: Senin&ndash;Kamis 07.30&ndash;14.00, Jumat 07.30&ndash;11.00, Sabtu 07.30&ndash;12.00 WIB &middot; IGD Rujukan: RSUD H. Abdul Manap</div>
<header class="site-header"><div class="site-branding"><p class="site-title">{a("/", e(site.short), rel="home")}</p><p class="site-description">{e(site.tagline)}</p></div>
<nav class="main-header-menu"><ul id="primary-menu" class="main-navigation">{menu}</ul></nav></header>
<div id="content" class="site-content"><div class="ast-container">
<div id="primary" class="content-area primary"><main id="main" class="site-main">
<article class="{"post" if page.kind == "news" else "page"} type-{"post" if page.kind == "news" else "page"} status-publish ast-article-single">
<header class="entry-header">{heading}{meta}</header>
<div class="entry-content clear">
{page.body}
</div>
</article>
{comments}
</main></div>
<div class="widget-area secondary" id="secondary"><div class="sidebar-main">
<aside class="widget widget_search"><form role="search" method="get" action="/"><input type="search" name="s" placeholder="Cari &hellip;"></form></aside>
<aside class="widget widget_nav_menu"><h2 class="widget-title">Layanan Kami</h2><ul class="menu">{services}</ul></aside>
<aside class="widget widget_recent_entries"><h2 class="widget-title">Pos-pos Terbaru</h2><ul>{recent}</ul></aside>
<aside class="widget widget_categories"><h2 class="widget-title">Kategori</h2><ul><li class="cat-item">{a("/category/berita/", "Berita")}</li></ul></aside>
<aside class="widget widget_meta"><h2 class="widget-title">Meta</h2><ul><li>{a("/feed/", "Feed entri")}</li><li>{a("/comments/feed/", "Feed komentar")}</li></ul></aside>
</div></div>
</div></div>
<footer class="site-footer"><div class="ast-small-footer">{footer_text(site)}<br>Hak Cipta &copy; 2025 {e(site.short)} | Ditenagai oleh <a href="https://wpastra.com/">Astra WordPress Theme</a><br>Pengunjung hari ini: 41 &middot; Total: 18.305</div></footer>
</body>
</html>
"""


# --- Old PHP table layout (no h1, <font size="3"><b>, index.php?p=layanan&id=1) ----------------


def build_oldphp(site: Site, facts: dict, reg) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html", aliases=("/index.php?p=home",))
    put(site, "page", "profil", "Profil", "/index.php?p=profil", "profil.html", new_profile(site))
    lay = put(site, "listing", "list-layanan", "Daftar Layanan", "/index.php?p=layanan",
              "layanan.html")
    for n, (key, (_i, _s, _slug, title, intro, _o)) in enumerate(own_services(site), start=1):
        rows = "".join(
            f'<tr><td valign="top" width="160"><b>{e(label)}</b></td><td valign="top" width="8">:'
            f'</td><td valign="top">{value_html(anchor, value, "br")}</td></tr>'
            for anchor, label, value in fact_rows(site, facts[key]))
        body = (f"<p align=\"justify\">{e(intro)}</p>"
                f'<table width="100%" border="0" cellspacing="2" cellpadding="3">{rows}</table>')
        reg(put(site, "service", key, title, f"/index.php?p=layanan&id={n}", f"layanan-{n}.html",
                body, summary=intro), key)
    ber = put(site, "listing", "list-berita", "Berita", "/index.php?p=berita", "berita.html")
    for n, (slug, date, title, texts) in enumerate(own_news(site), start=11):
        page = put(site, "news", f"news:{site.name}:{slug}", title, f"/index.php?p=berita&id={n}",
                   f"berita-{n}.html", paras(*texts), date=date, summary=news_summary(texts))
        reg(page, page.key)
    put(site, "page", "kontak", "Kontak Kami", "/index.php?p=kontak", "kontak.html",
        contact_body(site))
    lay.body = ul([a(p.href.lstrip("/"), e(p.title)) for p in pages_of(site, "service")],
                  ordered=True)
    ber.body = "".join(f'<p><b>{a(p.href.lstrip("/"), e(p.title))}</b><br><font size="1">'
                       f"{tanggal(p.date)}</font><br>{e(p.summary)}</p>"
                       for p in pages_of(site, "news"))
    home.body = (f"<p>Selamat datang di website {e(site.opd)}.</p>" + ber.body)


WHITE_FONT = '<font color="#FFFFFF" size="2"><b>{}</b></font>'


def render_oldphp(page: Page) -> str:
    site = page.site
    menu = "".join(f'<td align="center" class="menu">{a(h, WHITE_FONT.format(label))}</td>'
                   for label, h in (("HOME", "index.php?p=home"), ("PROFIL", "index.php?p=profil"),
                                    ("LAYANAN", "index.php?p=layanan"),
                                    ("BERITA", "index.php?p=berita"), ("KONTAK", "index.php?p=kontak")))
    services = "<br>".join(f"&#8226; {a(p.href.lstrip('/'), e(p.title))}"
                           for p in pages_of(site, "service"))
    news = "<br>".join(f"&#8226; {a(p.href.lstrip('/'), e(p.title))}"
                       for p in pages_of(site, "news")[:4])
    date = f'<font size="1" color="#999999">Tanggal: {tanggal(page.date)}</font><br><br>' \
        if page.date else ""
    return f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset={site.charset}">
<title>{e(site.short.upper())} :: {e(page.title)}</title>
<link href="style.css" rel="stylesheet" type="text/css">
<script language="JavaScript" type="text/JavaScript">
<!--
function MM_swapImgRestore() {{ var i,x,a=document.MM_sr; for(i=0;a&&i<a.length&&(x=a[i])&&x.oSrc;i++) x.src=x.oSrc; }}
//-->
</script>
</head>
<body bgcolor="#D9D9D9" leftmargin="0" topmargin="0">
<table width="900" border="0" align="center" cellpadding="0" cellspacing="0" bgcolor="#FFFFFF">
<tr><td><table width="100%" border="0" cellpadding="10" cellspacing="0"><tr><td bgcolor="{site.color}" height="95">
<font face="Verdana, Arial" size="5" color="#FFFFFF"><b>{e(site.short.upper())}</b></font><br>
<font face="Verdana, Arial" size="2" color="#FFFF66">{e(site.opd)}</font></td></tr></table></td></tr>
<tr><td bgcolor="#000066"><table border="0" cellpadding="6" cellspacing="0"><tr>{menu}</tr></table></td></tr>
<tr><td><marquee behavior="scroll" direction="left" scrollamount="2" onmouseover="this.stop()" onmouseout="this.start()"><font face="Arial" size="2" color="#CC0000">{e(site.tagline)} &nbsp;&nbsp;***&nbsp;&nbsp; Tidak dipungut biaya di luar ketentuan. Laporkan pungli ke Call Center 112.</font></marquee></td></tr>
<tr><td><table width="100%" border="0" cellpadding="0" cellspacing="0"><tr>
<td width="210" valign="top" bgcolor="#EFEFEF"><table width="100%" border="0" cellpadding="6" cellspacing="0">
<tr><td bgcolor="#666666"><font color="#FFFFFF" size="2"><b>MENU LAYANAN</b></font></td></tr>
<tr><td><font face="Arial" size="2">{services}</font></td></tr>
<tr><td bgcolor="#666666"><font color="#FFFFFF" size="2"><b>INFORMASI</b></font></td></tr>
<tr><td><font face="Arial" size="2">{news}</font></td></tr>
<tr><td bgcolor="#666666"><font color="#FFFFFF" size="2"><b>STATISTIK</b></font></td></tr>
<tr><td><font face="Arial" size="1">Pengunjung hari ini : 27<br>Total pengunjung : 104552<br>Online : 2</font></td></tr>
</table></td>
<td valign="top"><table width="100%" border="0" cellpadding="12" cellspacing="0"><tr><td valign="top">
<font face="Verdana, Arial" size="3"><b>{e(page.title)}</b></font><hr size="1" noshade>
{date}<font face="Arial" size="2">{page.body}</font>
</td></tr></table></td>
</tr></table></td></tr>
<tr><td bgcolor="#000066" align="center"><font color="#FFFFFF" size="1">{footer_text(site)}<br>Copyright &copy; 2012 {e(site.short.upper())}. Design by Seksi Data &amp; Informasi.</font></td></tr>
</table>
</body>
</html>
"""


# --- CodeIgniter / Laravel custom apps (Bootstrap cards, breadcrumbs, /layanan/detail/5) -------


def ci_service_body(site: Site, intro: str, f: ServiceFacts, table_class: str) -> str:
    """A service's facts as a Bootstrap table of label and value rows."""
    rows = "".join(f'<tr><th scope="row" style="width:28%">{e(label)}</th>'
                   f"<td>{value_html(anchor, value, site.list_style)}</td></tr>"
                   for anchor, label, value in fact_rows(site, f))
    return (f'<p class="lead">{e(intro)}</p><div class="table-responsive">'
            f'<table class="{table_class}">{rows}</table></div>')


def ci_nav(page: Page) -> tuple[str, str]:
    """(menu items, breadcrumb nav) of a Bootstrap CodeIgniter/Laravel page."""
    by_key = {p.key: p for p in page.site.pages}
    menu = "".join(f'<li class="nav-item">{a(by_key[k].href, label, class_="nav-link")}</li>'
                   for k, label in (("home", "Beranda"), ("profil", "Profil"),
                                    ("list-layanan", "Layanan"), ("list-berita", "Berita"),
                                    ("kontak", "Kontak")))
    crumbs = "".join(f'<li class="breadcrumb-item">{a(h, e(t))}</li>' for t, h in page.crumbs)
    crumb_nav = "" if page.kind == "home" else (
        f'<nav aria-label="breadcrumb"><ol class="breadcrumb">{crumbs}'
        f'<li class="breadcrumb-item active" aria-current="page">{e(page.title)}</li></ol></nav>')
    return menu, crumb_nav


def build_ci(site: Site, facts: dict, reg) -> None:
    pre = "/index.php" if site.variant == "codeigniter" else ""
    home = put(site, "home", "home", site.short, "/", "index.html")
    crumbs = [("Beranda", "/")]
    put(site, "page", "profil", "Profil", f"{pre}/halaman/profil" if pre else "/profil",
        "hal/profil.html", new_profile(site), crumbs=crumbs)
    lay = put(site, "listing", "list-layanan", "Daftar Layanan", f"{pre}/layanan",
              "hal/layanan.html", crumbs=crumbs)
    for n, (key, (_i, _s, _slug, title, intro, _o)) in enumerate(own_services(site), start=3):
        body = ci_service_body(site, intro, facts[key], "table table-bordered table-striped")
        reg(put(site, "service", key, title, f"{pre}/layanan/detail/{n}",
                f"hal/layanan-detail-{n}.html", body, summary=intro,
                crumbs=crumbs + [(lay.title, lay.href)]), key)
    ber = put(site, "listing", "list-berita", "Berita", f"{pre}/berita", "hal/berita.html",
              crumbs=crumbs)
    for n, (slug, date, title, texts) in enumerate(own_news(site), start=21):
        href = f"{pre}/berita/baca/{n}" if pre else f"/berita/{slug}"
        page = put(site, "news", f"news:{site.name}:{slug}", title, href,
                   f"hal/berita-{n}.html", paras(*texts), date=date,
                   summary=news_summary(texts), crumbs=crumbs + [(ber.title, ber.href)])
        reg(page, page.key)
    put(site, "page", "kontak", "Kontak", f"{pre}/halaman/kontak" if pre else "/kontak",
        "hal/kontak.html", contact_body(site), crumbs=crumbs)

    def card(p: Page) -> str:
        return (f'<div class="col-md-6 mb-3"><div class="card h-100"><div class="card-body">'
                f'<h5 class="card-title">{e(p.title)}</h5><p class="card-text">'
                f"{e(p.summary[:140])}&hellip;</p>"
                f'{a(p.href, "Selengkapnya", class_="btn btn-primary btn-sm")}</div></div></div>')

    lay.body = '<div class="row">' + "".join(card(p) for p in pages_of(site, "service")) + "</div>"
    ber.body = '<div class="row">' + "".join(card(p) for p in pages_of(site, "news")) + "</div>"
    home.body = (f'<div class="jumbotron py-4"><p class="lead">Informasi layanan {e(site.short)} dalam satu tempat.</p></div>'
                 '<h5 class="mb-3">Layanan</h5>' + lay.body
                 + '<h5 class="mb-3">Kabar Terkini</h5>' + ber.body)


def render_ci(page: Page) -> str:
    site = page.site
    menu, crumb_nav = ci_nav(page)
    side = "".join(a(p.href, e(p.title), class_="list-group-item list-group-item-action")
                   for p in pages_of(site, "service"))
    token = hashlib.sha1(site.name.encode()).hexdigest()[:40]
    csrf = (f'<meta name="csrf-token" content="{token}">' if site.variant == "laravel"
            else "")
    date = (f'<p class="text-muted small"><i class="fa fa-calendar"></i> {tanggal(page.date)} '
            "&middot; Admin</p>" if page.date else "")
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
{csrf}<title>{"Beranda" if page.kind == "home" else e(page.title)} | {e(site.short)}</title>
<link rel="stylesheet" href="/assets/css/bootstrap.min.css">
</head>
<body>
<nav class="navbar navbar-expand-lg navbar-dark" style="background:{site.color}">
<div class="container">{a("/", e(site.short), class_="navbar-brand")}
<button class="navbar-toggler" type="button" data-toggle="collapse" data-target="#nav"><span class="navbar-toggler-icon"></span></button>
<div class="collapse navbar-collapse" id="nav"><ul class="navbar-nav ml-auto">{menu}</ul></div></div>
</nav>
<div class="container mt-4">
{crumb_nav}
<div class="row">
<div class="col-lg-8">
<div class="card shadow-sm mb-4"><div class="card-header bg-white"><h4 class="card-title mb-0">{e(page.title)}</h4></div>
<div class="card-body">
{date}{page.body}
</div></div>
</div>
<div class="col-lg-4">
<div class="card mb-4"><div class="card-header">Layanan</div><div class="list-group list-group-flush">{side}</div></div>
<div class="card mb-4"><div class="card-header">Statistik Pengunjung</div><div class="card-body small">Hari ini: 112<br>Bulan ini: 3.408<br>Total: 96.771</div></div>
</div>
</div>
</div>
<footer class="bg-dark text-white-50 py-4 mt-4"><div class="container small">{footer_text(site)}<br>&copy; 2025 {e(site.short)}. All rights reserved.</div></footer>
</body>
</html>
"""


# --- Services that exist only as "Standar Pelayanan" PDFs --------------------------------------


def sp_pdf_lines(site: Site, title: str, f: ServiceFacts) -> list[str]:
    lines = [site.opd, f"STANDAR PELAYANAN: {title.upper()}", "", "1. Persyaratan:"]
    lines += [f"   - {r}" for r in f.requirements]
    lines.append("2. Prosedur/Mekanisme:")
    lines += [f"   {i}) {p}" for i, p in enumerate(f.procedure, start=1)]
    online = None
    if f.online and f.online[1].startswith("http"):
        online = f"{f.online[0]} ({f.online[1]})"
    # a standard's "Sarana/Tempat" and online channel lines, as real Standar Pelayanan have
    for n, (label, value) in enumerate((("Jangka Waktu", f.duration), ("Biaya/Tarif", f.cost),
                                         ("Dasar Hukum", f.legal_basis),
                                         ("Tempat Pelayanan", f.location),
                                         ("Layanan Online", online)), start=3):
        lines.append(f"{n}. {label}: {value or '-'}")
    lines += ["", f"Ditetapkan di Kota Jambi oleh Kepala {site.opd}.",
              "Pengaduan: aplikasi SiKesal atau Call Center 112 (bebas pulsa)."]
    return lines


def hand_written_standard(site: Site, n: int, facts: dict) -> tuple[str, str, bytes]:
    """(href, link text, PDF) of the standard of the site's ``n``-th service, written one
    component per line."""
    key, (_i, _s, slug, title, _intro, _o) = own_services(site)[n]
    return (f"/uploads/standar-pelayanan/SP-{slug}.pdf", f"Standar Pelayanan {title} (PDF)",
            make_pdf(f"Standar Pelayanan {title}", sp_pdf_lines(site, title, facts[key])))


def build_pdfonly(site: Site, facts: dict, reg, standard=hand_written_standard) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html")
    put(site, "page", "profil", "Profil", "/profil", "p/profil.html", new_profile(site))
    unduh = put(site, "page", "unduhan", "Download", "/download", "p/download.html")
    lay = put(site, "listing", "list-layanan", "Layanan", "/layanan", "p/layanan.html")
    pdfs = []
    for n, (key, (_i, _s, slug, title, intro, _o)) in enumerate(own_services(site)):
        pdf, text, body = standard(site, n, facts)
        site.extra_files[pdf[1:]] = body
        link = a(pdf, e(text))
        if link not in pdfs:
            pdfs.append(link)
        body = (f"<p>{e(intro)}</p><p>Persyaratan, prosedur, jangka waktu penyelesaian dan "
                f"biaya layanan ini tercantum dalam Standar Pelayanan terlampir:</p>"
                f'<p class="lampiran"><img src="/img/pdf.png" alt="PDF" width="16"> {link}</p>'
                "<p>Informasi lebih lanjut dapat ditanyakan langsung ke kantor kami pada jam "
                "kerja.</p>")
        reg(put(site, "service", key, title, f"/layanan/{slug}", f"p/layanan-{slug}.html", body,
                summary=intro), key)
    ber = put(site, "listing", "list-berita", "Berita", "/berita", "p/berita.html")
    for slug, date, title, texts in own_news(site):
        page = put(site, "news", f"news:{site.name}:{slug}", title, f"/berita/{slug}",
                   f"p/berita-{slug}.html", paras(*texts), date=date, summary=news_summary(texts))
        reg(page, page.key)
    put(site, "page", "kontak", "Kontak", "/kontak", "p/kontak.html", contact_body(site))
    unduh.body = ("<p>Dokumen Standar Pelayanan dan formulir yang dapat diunduh:</p>"
                  '<table class="tabel-unduhan" border="1" cellpadding="4"><tr><th>No</th>'
                  "<th>Nama Dokumen</th><th>Ukuran</th></tr>" + "".join(
                      f"<tr><td>{n}</td><td>{link}</td><td>2 halaman</td></tr>"
                      for n, link in enumerate(pdfs, start=1)) + "</table>")
    lay.body = ul([a(p.href, e(p.title)) for p in pages_of(site, "service")])
    ber.body = "".join(f"<h3>{a(p.href, e(p.title))}</h3><p>{e(p.summary)}</p>"
                       for p in pages_of(site, "news"))
    # the download page comes first on the home page, before any service page
    home.body = (f"<p>{a(unduh.href, 'Download Standar Pelayanan')}</p>"
                 f"<p>Ini situs {e(site.opd)}.</p>"
                 "<h2>Layanan Kami</h2>" + lay.body + "<h2>Berita</h2>" + ber.body)


def render_pdfonly(page: Page) -> str:
    site = page.site
    by_key = {p.key: p for p in site.pages}
    menu = " ".join(a(by_key[k].href, label) for k, label in (
        ("home", "Beranda"), ("profil", "Profil"), ("list-layanan", "Layanan"),
        ("unduhan", "Download"), ("list-berita", "Berita"), ("kontak", "Kontak")))
    date = f'<div class="tgl">Diposting {tanggal(page.date)}</div>' if page.date else ""
    title = e(site.short) if page.kind == "home" else f"{e(site.short)} &raquo; {e(page.title)}"
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="stylesheet" href="/css/diskop.css">
</head>
<body>
<div id="atas"><div class="logo">{e(site.short)}</div><div class="opd">{e(site.opd)}</div></div>
<div id="nav">{menu}</div>
<div id="konten">
<div class="kiri">
<h2 class="entry-title">{e(page.title)}</h2>
{date}{page.body}
</div>
<div class="kanan"><div class="box"><b>Jam Pelayanan</b><br>{HOURS}</div>
<div class="box"><b>Pengunjung</b><br>Hari ini 14 &middot; Total 9.826</div></div>
</div>
<div id="bawah">{footer_text(site)}</div>
</body>
</html>
"""


# --- A list rendered by JavaScript from a JSON endpoint (no server-side fallback) --------------

# (page key of the service whose facts a record carries, record name)
JS_RECORDS = [("izin_reklame", "Izin Penyelenggaraan Reklame"),
              ("sip_dokter", "Surat Izin Praktik Dokter/Dokter Gigi"),
              ("sip_bidan", "Surat Izin Praktik Bidan"),
              ("sip_perawat", "Surat Izin Praktik Perawat")]

JS_LIST = """<div id="daftar-layanan"></div>
<noscript>Aktifkan JavaScript pada peramban Anda untuk melihat daftar layanan.</noscript>
<script>
fetch('/api/layanan.json').then(function (res) { return res.json(); }).then(function (json) {
  var html = json.data.map(function (l) {
    return '<div class="layanan"><h3>' + l.nama_layanan + '</h3><p>' + l.deskripsi + '</p>' +
      '<b>Persyaratan</b><ol>' + l.persyaratan.map(function (s) { return '<li>' + s + '</li>'; }).join('') + '</ol>' +
      '<p><b>Biaya:</b> ' + l.biaya + '<br><b>Waktu:</b> ' + l.waktu_penyelesaian + '</p></div>';
  }).join('');
  document.getElementById('daftar-layanan').innerHTML = html;
});
</script>"""


def build_jslist(site: Site, facts: dict, reg) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html")
    lay = put(site, "listing", "list-layanan", "Daftar Layanan Perizinan", "/layanan",
              "layanan.html", JS_LIST)
    reg(lay, f"{site.name}:layanan")
    put(site, "page", "tentang", "Tentang SIPEDA", "/tentang", "tentang.html",
        paras(e(f"SIPEDA dikelola oleh {site.opd}. {site.tugas[0].upper()}{site.tugas[1:]}."),
              "Pengajuan berkas tetap dilakukan di loket DPMPTSP Mal Pelayanan Publik Kota "
              "Jambi."))
    records = []
    for n, (key, name) in enumerate(JS_RECORDS, start=1):
        f = facts[key]
        records.append({"id": n, "nama_layanan": name, "deskripsi": SERVICES[key][4],
                        "persyaratan": f.requirements, "biaya": f.cost or "-",
                        "waktu_penyelesaian": f.duration or "-"})
    site.extra_files["api/layanan.json"] = (json.dumps({"status": True, "data": records},
                                                       ensure_ascii=False, indent=1)
                                            + "\n").encode()
    home.body = (f"<p>Selamat datang di SIPEDA, layanan informasi perizinan {e(site.opd)}.</p>"
                 f"<p>{a(lay.href, 'Lihat daftar layanan perizinan &raquo;')}</p>")


def render_jslist(page: Page) -> str:
    site = page.site
    by_key = {p.key: p for p in site.pages}
    menu = "".join(f"<li>{a(by_key[k].href, label)}</li>" for k, label in (
        ("home", "Beranda"), ("list-layanan", "Layanan"), ("tentang", "Tentang")))
    heading = "" if page.kind == "home" else f"<h2>{e(page.title)}</h2>"
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(site.short)}</title>
<link rel="stylesheet" href="/css/app.css">
</head>
<body>
<header class="topbar"><span class="brand">{e(site.short)}</span><ul class="menu">{menu}</ul></header>
<main class="wrap">
{heading}
{page.body}
</main>
<footer>{footer_text(site)}</footer>
</body>
</html>
"""


# --- A kecamatan blog on Blogspot (posts /2025/03/x.html, static pages /p/x.html) --------------


def build_blog(site: Site, facts: dict, reg) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html", aliases=("/?m=1",))
    put(site, "page", "profil", "Profil Kecamatan", "/p/profil.html", "p/profil.html",
        new_profile(site))
    lay = put(site, "listing", "list-layanan", "Layanan", "/search/label/Layanan",
              "search/label-layanan.html")
    for key, (_i, _s, slug, title, intro, _o) in own_services(site):
        parts = [f"<div>{e(intro)}</div><br>"]
        for anchor, label, value in fact_rows(site, facts[key]):
            if isinstance(value, list):
                parts.append(f"<div><b>{e(label)}:</b></div>{value_html(anchor, value, 'ol')}")
            else:
                parts.append(f"<div><b>{e(label)}:</b> {value_html(anchor, value, 'ol')}</div>")
        reg(put(site, "service", key, title, f"/p/{slug}.html", f"p/{slug}.html",
                "\n".join(parts), summary=intro), key)
    ber = put(site, "listing", "list-berita", "Berita", "/search/label/Berita",
              "search/label-berita.html")
    for slug, date, title, texts in own_news(site):
        href = f"/{date[:4]}/{date[5:7]}/{slug}.html"
        page = put(site, "news", f"news:{site.name}:{slug}", title, href, href[1:],
                   paras(*texts), aliases=(href + "?m=1",), date=date,
                   summary=news_summary(texts))
        reg(page, page.key)
    put(site, "page", "kontak", "Kontak", "/p/kontak.html", "p/kontak.html", contact_body(site))
    lay.body = ul([a(p.href, e(p.title)) for p in pages_of(site, "service")])
    news = pages_of(site, "news")
    ber.body = "".join(f'<div class="post-outer"><h3 class="post-title">{a(p.href, e(p.title))}'
                       f"</h3><div>{e(p.summary)}</div></div>" for p in news)
    home.body = ber.body.replace('.html"', '.html?m=1"', 1)  # a shared mobile link
    site.extra_files["feeds-posts-default.xml"] = blog_feed(site)
    site.routes["/feeds/posts/default"] = "feeds-posts-default.xml"


def render_blog(page: Page) -> str:
    site = page.site
    pages = "".join(f"<li>{a(h, label)}</li>" for label, h in (
        ("Beranda", "/"), ("Profil", "/p/profil.html"), ("Layanan", "/search/label/Layanan"),
        ("Berita", "/search/label/Berita"), ("Kontak", "/p/kontak.html")))
    services = "".join(f"<li>{a(p.href, e(p.title))}</li>" for p in pages_of(site, "service"))
    archive = "".join(f"<li>{a(p.href, e(p.title))}</li>" for p in pages_of(site, "news"))
    title = e(site.short) if page.kind == "home" else f"{e(site.short)}: {e(page.title)}"
    if page.kind == "home":
        main = page.body
    else:
        footer = ""
        if page.kind == "news":
            footer = (f'<div class="post-footer">Diposting oleh <span class="fn">Admin Kecamatan'
                      f'</span> di <a class="timestamp-link" href="{site.base}{page.href}">'
                      f'<abbr class="published" title="{page.date}T09:15:00+07:00">09.15</abbr></a>'
                      ' <span class="post-comment-link">Tidak ada komentar:</span> '
                      f'<span class="post-labels">Label: {a("/search/label/Berita", "Berita", rel="tag")}'
                      "</span></div>")
        date = (f'<h2 class="date-header"><span>{tanggal(page.date)}</span></h2>'
                if page.date else "")
        main = (f'<div class="date-outer">{date}<div class="post hentry">'
                f'<h3 class="post-title entry-title">{e(page.title)}</h3>'
                f'<div class="post-body entry-content">{page.body}</div>{footer}</div></div>'
                f'<div class="blog-pager">{a("/", "Beranda", class_="home-link")}</div>')
    return f"""<!DOCTYPE html>
<html class="v2" dir="ltr" lang="id">
<head>
<meta content="width=1100" name="viewport">
<meta content="text/html; charset=UTF-8" http-equiv="Content-Type">
<meta content="blogger" name="generator">
<link rel="canonical" href="{site.base}{page.href}">
<link rel="alternate" type="application/atom+xml" title="{e(site.short)} - Atom" href="/feeds/posts/default">
<title>{title}</title>
</head>
<body class="loading variant-simplysimple">
<div class="header-outer"><div class="Header" id="Header1"><h1 class="title">{a("/", e(site.short))}</h1><p class="description"><span>{e(site.tagline)}</span></p></div></div>
<div class="tabs-outer"><div class="PageList" id="PageList1"><ul>{pages}</ul></div></div>
<div class="main-outer"><div class="main-inner columns-2">
<div class="column-center-outer"><div class="main section" id="main">
{main}
<div class="blog-feeds">Langganan: {a("/feeds/posts/default", "Posting (Atom)")}</div>
</div></div>
<div class="column-right-outer"><div class="sidebar section" id="sidebar-right-1">
<div class="widget LinkList"><h2>Layanan Kecamatan</h2><div class="widget-content"><ul>{services}</ul></div></div>
<div class="widget BlogArchive"><h2>Arsip Blog</h2><div class="widget-content"><ul class="hierarchy">{archive}</ul></div></div>
<div class="widget Stats"><h2>Jumlah Pengunjung</h2><div class="widget-content">48.213</div></div>
</div></div>
</div></div>
<div class="footer-outer">{footer_text(site)}<br>Tema Sederhana. Diberdayakan oleh <a href="https://www.blogger.com">Blogger</a>.</div>
</body>
</html>
"""


def blog_feed(site: Site) -> bytes:
    entries = "".join(f"<entry><title>{e(p.title)}</title><link href=\"{site.base}{p.href}\"/>"
                      f"<published>{p.date}T09:15:00+07:00</published></entry>"
                      for p in pages_of(site, "news"))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{e(site.short)}</title>{entries}</feed>\n").encode()


# --- Drupal 7 (/node/12, ?q=node/12, <h1 class="page-title">) ---------------------------------


def build_drupal(site: Site, facts: dict, reg) -> None:
    def node(kind: str, key: str, title: str, n: int, body: str = "", **kw) -> Page:
        return put(site, kind, key, title, f"/node/{n}", f"node-{n}.html", body,
                   aliases=(f"/?q=node/{n}", f"/index.php?q=node/{n}"), **kw)

    home = put(site, "home", "home", site.short, "/", "index.html", aliases=("/?q=node",))
    node("page", "profil", "Profil", 2, new_profile(site))
    lay = put(site, "listing", "list-layanan", "Layanan", "/layanan", "layanan.html",
              aliases=("/?q=layanan",))
    for n, (key, (_i, _s, _slug, title, intro, _o)) in enumerate(own_services(site), start=12):
        fields = "".join(
            f'<div class="field field-name-field-{anchor} field-type-text-long field-label-above">'
            f'<div class="field-label">{e(label)}:&nbsp;</div><div class="field-items">'
            f'<div class="field-item even">{value_html(anchor, value, site.list_style)}</div>'
            "</div></div>" for anchor, label, value in fact_rows(site, facts[key]))
        body = (f'<div class="field field-name-body"><div class="field-items"><div '
                f'class="field-item even" property="content:encoded"><p>{e(intro)}</p></div>'
                f"</div></div>{fields}")
        reg(node("service", key, title, n, body, summary=intro), key)
    ber = put(site, "listing", "list-berita", "Berita", "/berita", "berita.html",
              aliases=("/?q=berita",))
    for n, (slug, date, title, texts) in enumerate(own_news(site), start=15):
        page = node("news", f"news:{site.name}:{slug}", title, n * 2 - 9, paras(*texts),
                    date=date, summary=news_summary(texts))
        reg(page, page.key)
    node("page", "kontak", "Kontak", 3, contact_body(site))

    def teaser(p: Page) -> str:  # Drupal's "read more" links use the unaliased ?q= path
        q = "/?q=" + p.href.lstrip("/")
        return (f'<div class="node node-teaser"><h2>{a(p.href, e(p.title))}</h2>'
                f"<p>{e(p.summary)}</p><ul class=\"links inline\"><li class=\"node-readmore\">"
                f"{a(q, 'Baca selengkapnya')}</li></ul></div>")

    lay.body = "".join(teaser(p) for p in pages_of(site, "service"))
    ber.body = "".join(teaser(p) for p in pages_of(site, "news"))
    home.body = ber.body + lay.body


def render_drupal(page: Page) -> str:
    site = page.site
    by_key = {p.key: p for p in site.pages}
    menu = "".join(f'<li class="leaf">{a(by_key[k].href, label)}</li>' for k, label in (
        ("home", "Beranda"), ("profil", "Profil"), ("list-layanan", "Layanan"),
        ("list-berita", "Berita"), ("kontak", "Kontak")))
    side = "".join(f"<li>{a(p.href, e(p.title))}</li>" for p in pages_of(site, "service"))
    nid = page.href.rsplit("/", 1)[-1] if page.href.startswith("/node/") else ""
    links = (f'<link rel="canonical" href="{page.href}" />\n<link rel="shortlink" '
             f'href="{page.href}" />\n' if nid else "")
    title = (f"{e(site.short)} | {e(site.tagline)}" if page.kind == "home"
             else f"{e(page.title)} | {e(site.short)}")
    submitted = ""
    if page.kind == "news":
        y, m, d = page.date.split("-")
        submitted = (f'<div class="submitted"><span property="dc:date dc:created" content="'
                     f'{page.date}T10:00:00+07:00">Dikirim oleh humas pada {d}/{m}/{y} - 10:00'
                     "</span></div>")
    ntype = {"service": "layanan", "news": "article"}.get(page.kind, "page")
    body_class = "front" if page.kind == "home" else f"not-front page-node page-node-{nid} node-type-{ntype}"
    heading = "" if page.kind == "home" else f'<h1 class="page-title">{e(page.title)}</h1>'
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML+RDFa 1.0//EN" "http://www.w3.org/MarkUp/DTD/xhtml-rdfa-1.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="id" version="XHTML+RDFa 1.0" dir="ltr">
<head profile="http://www.w3.org/1999/xhtml/vocab">
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="Generator" content="Drupal 7 (http://drupal.org)" />
{links}<title>{title}</title>
<style type="text/css" media="all">@import url("/sites/all/themes/bartik/css/style.css?s8k2lq");</style>
</head>
<body class="html {body_class} one-sidebar sidebar-first">
<div id="skip-link"><a href="#main-content" class="element-invisible element-focusable">Langsung ke konten utama</a></div>
<div id="page-wrapper"><div id="page">
<div id="header"><div class="section clearfix">
<div id="name-and-slogan"><div id="site-name"><strong>{a("/", f"<span>{e(site.short)}</span>", rel="home")}</strong></div><div id="site-slogan">{e(site.tagline)}</div></div>
<div id="main-menu" class="navigation"><h2 class="element-invisible">Menu utama</h2><ul id="main-menu-links" class="links clearfix">{menu}</ul></div>
</div></div>
<div id="main-wrapper" class="clearfix"><div id="main" class="clearfix">
<div id="breadcrumb"><h2 class="element-invisible">Anda di sini</h2><div class="breadcrumb">{a("/", "Beranda")}</div></div>
<div id="sidebar-first" class="column sidebar"><div class="section"><div class="region region-sidebar-first">
<div id="block-views-layanan-block" class="block block-views"><h2>Layanan</h2><div class="content"><div class="item-list"><ul>{side}</ul></div></div></div>
<div id="block-statistics-popular" class="block block-statistics"><h2>Statistik</h2><div class="content">Pengunjung online: 3<br>Total kunjungan: 211.094</div></div>
</div></div></div>
<div id="content" class="column"><div class="section">
<a id="main-content"></a>
{heading}
<div class="region region-content"><div id="block-system-main" class="block block-system"><div class="content">
<div class="node node-{ntype} clearfix">{submitted}<div class="content">
{page.body}
</div></div>
</div></div></div>
</div></div>
</div></div>
<div id="footer-wrapper"><div class="section"><div id="footer" class="clearfix">{footer_text(site)}<br>Powered by Drupal</div></div></div>
</div></div>
</body>
</html>
"""


# --- One-page UPTD sites (one service, sections by anchor, a dash in the page's own title) -----


def build_onepage(site: Site, facts: dict, reg) -> None:
    for key, (_i, _s, _slug, title, intro, _o) in own_services(site):
        sections = "".join(
            f'<section id="{anchor}"><h2>{e(label)}</h2>'
            + (value_html(anchor, value, site.list_style) if isinstance(value, list)
               else f"<p>{value_html(anchor, value, site.list_style)}</p>") + "</section>"
            for anchor, label, value in fact_rows(site, facts[key]))
        body = (f'<section id="layanan"><p class="lead">{e(intro)}</p></section>{sections}'
                f'<section id="jadwal"><h2>Jadwal Pelayanan</h2><p>{e(site.contact)}</p>'
                f'</section><section id="kontak"><h2>Kontak</h2><p>{e(site.address)}</p></section>')
        reg(put(site, "service", key, title, "/", "index.html", body, summary=intro), key)


def render_onepage(page: Page) -> str:
    site = page.site
    nav = " ".join(f'<a href="#{anchor}">{label}</a>' for anchor, label in (
        ("layanan", "Layanan"), ("persyaratan", "Persyaratan"), ("jadwal", "Jadwal"),
        ("kontak", "Kontak")))
    return f"""<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(page.title)}</title>
<link rel="stylesheet" href="css/style.css">
</head>
<body>
<header class="hero" style="background:{site.color}">
<div class="logo">{e(site.opd)}</div>
<nav>{nav}</nav>
<h1>{e(page.title)}</h1>
<p class="slogan">{e(site.tagline)}</p>
</header>
<main>
{page.body}
</main>
<footer>&copy; 2025 {e(site.opd)} &middot; {e(site.short)}</footer>
</body>
</html>
"""


NEW_BUILD = {"wpp": build_wpp, "oldphp": build_oldphp, "ci": build_ci, "pdfonly": build_pdfonly,
             "jslist": build_jslist, "blog": build_blog, "drupal": build_drupal,
             "onepage": build_onepage}
RENDER.update({"wpp": render_wpp, "oldphp": render_oldphp, "ci": render_ci,
               "pdfonly": render_pdfonly, "jslist": render_jslist, "blog": render_blog,
               "drupal": render_drupal, "onepage": render_onepage})
CSS.update({
    "wpp": ("wp-content/themes/astra/assets/css/minified/main.min.css",
            ".ast-container{max-width:1200px;margin:auto}#secondary{width:30%;float:right}"),
    "oldphp": ("style.css", "body{font-family:Verdana}.menu a{text-decoration:none}"),
    "ci": ("assets/css/bootstrap.min.css", "/* Bootstrap v4.6.2 (subset) */.card{border:1px solid #ddd}"),
    "pdfonly": ("css/diskop.css", "#konten .kiri{width:70%;float:left}.kanan{float:right}"),
    "jslist": ("css/app.css", ".topbar{display:flex}.layanan{border-bottom:1px solid #ccc}"),
    "blog": ("static/css/blog.css", ".main-inner{display:flex}"),
    "drupal": ("sites/all/themes/bartik/css/style.css", "#page{max-width:960px}"),
    "onepage": ("css/style.css", ".hero{color:#fff;padding:3em}section{padding:2em}"),
})


# ---------------------------------------------------------------------------------------------
# More real-world families (issue #11): what Kota Jambi's newer and smaller sites look like
#
# WordPress built with the Elementor page builder (facts in tab and accordion widgets), stock
# Blogger themes as Blogger serves them (full posts on the home, label and date-archive pages,
# ``?m=1`` twins, the blog's name first in every title), React/Next-style apps whose list and
# detail come from a JSON API with nested objects, one-page lists of several services in
# accordions or tabs, a Mal Pelayanan Publik portal that re-lists many agencies' services in
# its own words, and a PPID Pembantu whose service standards are PDF tables. Ports 8732...
# ---------------------------------------------------------------------------------------------

SITES += [
    Site("kec-alambarajo", "Kecamatan Alam Barajo", "Kecamatan Alam Barajo", "elementor", 31,
         "Bersama Membangun Alam Barajo Bahagia", "Jl. Lingkar Barat III, Kec. Alam Barajo, Kota Jambi",
         "adalah perangkat daerah kewilayahan yang membina Kelurahan Mayang Mangurai, Kenali "
         "Besar, Bagan Pete, Beliung, Rawasari, Simpang Rimbo dan Kenali Asam", labels="d",
         list_style="ol", place="Kantor kelurahan sesuai domisili di Kecamatan Alam Barajo",
         color="#1d4ed8"),
    Site("pkm-simpangkawat", "UPTD Puskesmas Simpang Kawat Kota Jambi", "Puskesmas Simpang Kawat",
         "elementor", 32, "Melayani dengan Senyum", "Jl. Simpang Kawat, Kec. Jelutung, Kota Jambi",
         "adalah unit pelaksana teknis Dinas Kesehatan Kota Jambi yang melayani kesehatan "
         "tingkat pertama bagi warga Kelurahan Jelutung, Cempaka Putih dan sekitarnya",
         labels="b", list_style="ul", place="UPTD Puskesmas Simpang Kawat, Kota Jambi",
         color="#0d9488", variant="accordion"),
    Site("kel-simpangrimbo", "Kelurahan Simpang Rimbo", "Kelurahan Simpang Rimbo", "blogger",
         33, "Kelurahan Simpang Rimbo, Kecamatan Alam Barajo, Kota Jambi",
         "Jl. Kapten Pattimura, Kel. Simpang Rimbo, Kec. Alam Barajo, Kota Jambi",
         "adalah kelurahan pemekaran tahun 2023 di Kecamatan Alam Barajo yang melayani surat "
         "keterangan, pengantar administrasi kependudukan dan program Kampung Bahagia",
         labels="e", place="Kantor Lurah Simpang Rimbo", color="#4338ca", variant="contempo"),
    Site("kua-jambitimur", "KUA Kecamatan Jambi Timur", "KUA Kecamatan Jambi Timur", "blogger",
         34, "Kantor Urusan Agama Kecamatan Jambi Timur, Kemenag Kota Jambi",
         "Jl. Sultan Agung, Kec. Jambi Timur, Kota Jambi",
         "adalah unit kerja Kantor Kementerian Agama Kota Jambi yang melayani pencatatan nikah, "
         "rujuk, bimbingan perkawinan dan konsultasi keluarga sakinah", labels="a",
         place="KUA Kecamatan Jambi Timur", color="#166534"),
    Site("e-pajak", "Badan Pengelola Pajak dan Retribusi Daerah Kota Jambi", "e-Pajak Kota Jambi",
         "spa", 35, "Pajak Daerah dalam Genggaman", KOMPLEK,
         "menyajikan informasi pajak daerah Kota Jambi", place="Loket BPPRD, Mal Pelayanan "
         "Publik Kota Jambi", color="#14532d", variant="path"),
    Site("sipadu", "Dinas Kependudukan dan Pencatatan Sipil Kota Jambi", "SIPADU Dukcapil",
         "spa", 36, "Sistem Informasi Pelayanan Adminduk", KOMPLEK,
         "menyajikan informasi layanan administrasi kependudukan", place="Kantor Disdukcapil "
         "Kota Jambi, " + KOMPLEK, color="#1e3a8a", variant="hash"),
    Site("kec-jelutung", "Kecamatan Jelutung", "Kecamatan Jelutung", "accordion", 37,
         "Jelutung Melayani", "Jl. Hos Cokroaminoto, Kec. Jelutung, Kota Jambi",
         "menyelenggarakan pelayanan administrasi di Kecamatan Jelutung", labels="c",
         list_style="ol", place="Kantor Camat Jelutung dan kantor kelurahan setempat",
         color="#9d174d"),
    Site("tpa-talanggulo", "UPTD TPA Talang Gulo Dinas Lingkungan Hidup Kota Jambi",
         "UPTD TPA Talang Gulo", "accordion", 38, "Kelola Sampah, Jaga Kota",
         "Kel. Talang Gulo, Kec. Kota Baru, Kota Jambi",
         "mengelola Tempat Pemrosesan Akhir sampah Talang Gulo", labels="a", list_style="ul",
         place="TPA Talang Gulo, Kota Jambi", color="#3f6212", variant="tabs"),
    Site("mpp-portal", "Mal Pelayanan Publik Kota Jambi", "Portal Layanan MPP Kota Jambi",
         "mppportal", 39, "Satu Gedung, Banyak Urusan Beres", "Gedung Mal Pelayanan Publik, "
         "Kota Jambi", "mengumpulkan layanan instansi pusat, daerah, BUMN dan BUMD",
         labels="b", list_style="ul", place="Mal Pelayanan Publik Kota Jambi", color="#b45309"),
    Site("ppid-dishub", "Dinas Perhubungan Kota Jambi", "PPID Pembantu Dinas Perhubungan",
         "ppiddip", 40, "Keterbukaan Informasi Publik", KOMPLEK,
         "adalah PPID Pembantu pada Dinas Perhubungan Kota Jambi yang mengelola dan melayani "
         "informasi publik di lingkungan Dinas Perhubungan", labels="d",
         place="UPTD Pengujian Kendaraan Bermotor, Kenali Asam Bawah, Kec. Kota Baru",
         color="#1d4ed8"),
]
SITE.update({s.name: s for s in SITES})
FAMILY.update({"elementor": "wordpress-elementor", "blogger": "blogger-stock",
               "spa": "spa-json-api", "accordion": "one-page-accordion",
               "mppportal": "mpp-portal", "ppiddip": "ppid-dip-pdf"})

SERVICES.update({
    # Kecamatan Alam Barajo (Elementor, facts in a tabs widget)
    "ab_domisili": (66, "kec-alambarajo", "surat-keterangan-domisili", "Surat Keterangan Domisili",
                    "Surat keterangan domisili menerangkan bahwa seseorang benar bertempat "
                    "tinggal di wilayah Kecamatan Alam Barajo. Surat ini diterbitkan kelurahan dan "
                    "diketahui camat bila diperlukan untuk melamar kerja atau membuka rekening.",
                    {"duration": "1 hari kerja"}),
    "ab_sktm": (67, "kec-alambarajo", "sktm", "Surat Keterangan Tidak Mampu (SKTM)",
                "SKTM diberikan kepada warga Alam Barajo yang kurang mampu, misalnya untuk "
                "keringanan biaya pendidikan atau persyaratan bantuan. Pengantar RT dan RW wajib "
                "dilampirkan.", {"duration": "1 hari kerja"}),
    "ab_kampung": (68, "kec-alambarajo", "kampung-bahagia", "Dana Kampung Bahagia untuk RT",
                   "Setiap RT di Kecamatan Alam Barajo dapat mengusulkan kegiatan Kampung Bahagia "
                   "seperti semenisasi jalan lingkungan, drainase, CCTV atau fasilitas umum, "
                   "dibiayai Rp100 juta per RT dari APBD Kota Jambi.", {}),
    "ab_pindah": (9, "kec-alambarajo", "pengantar-pindah", "Surat Pengantar Pindah Penduduk",
                  "Warga yang akan pindah ke luar Kota Jambi terlebih dahulu meminta surat "
                  "pengantar pindah di kelurahan sebelum SKPWNI diterbitkan Disdukcapil.",
                  {"cost": "Gratis", "online": None}),
    # Puskesmas Simpang Kawat (Elementor, facts in an accordion widget)
    "sk_poli": (44, "pkm-simpangkawat", "poli-umum", "Poli Umum dan Rujukan",
                "Poli umum melayani pemeriksaan, pengobatan dan surat rujukan ke rumah sakit bagi "
                "peserta JKN yang terdaftar di Puskesmas Simpang Kawat.",
                {"duration": None, "online": None,
                 "cost": "Gratis bagi peserta JKN/BPJS Kesehatan; pasien umum sesuai Perda "
                         "retribusi"}),
    "sk_ckg": (43, "pkm-simpangkawat", "cek-kesehatan-gratis", "Cek Kesehatan Gratis (CKG)",
               "Cek kesehatan gratis untuk semua umur: bayi baru lahir, balita, anak sekolah, "
               "dewasa dan lansia, cukup membawa KTP-el atau KK.", {"duration": None,
                                                                     "online": None}),
    "sk_uhc": (41, "pkm-simpangkawat", "berobat-gratis-uhc", "Berobat Gratis dengan KTP (UHC)",
               "Warga Kota Jambi yang belum punya BPJS Kesehatan dapat didaftarkan sebagai "
               "peserta UHC Jambi Bugar dan langsung berobat gratis cukup dengan KTP-el.",
               {"duration": None}),
    # Kelurahan Simpang Rimbo (stock Blogger theme; services are posts)
    "sr_domisili": (66, "kel-simpangrimbo", "2023/05/syarat-surat-keterangan-domisili",
                    "Syarat Membuat Surat Keterangan Domisili di Kelurahan Simpang Rimbo",
                    "Banyak warga bertanya syarat membuat surat keterangan domisili. Berikut "
                    "persyaratan dan alurnya di Kantor Lurah Simpang Rimbo.",
                    {"duration": "Selesai di hari yang sama"}),
    "sr_sktm": (67, "kel-simpangrimbo", "2023/06/cara-mengurus-sktm-di-kelurahan",
                "Cara Mengurus SKTM di Kelurahan",
                "Surat Keterangan Tidak Mampu (SKTM) bisa diurus di kantor lurah dengan membawa "
                "pengantar RT. Untuk berobat, pemegang Kartu Bahagia tidak perlu SKTM lagi.", {}),
    "sr_jemput": (16, "kel-simpangrimbo", "2023/08/jemput-bola-rekam-ktp-dan-kk",
                  "Jemput Bola Rekam KTP dan Cetak KK di Kantor Lurah Setiap Sabtu",
                  "Tim Disdukcapil Kota Jambi membuka layanan jemput bola di Kantor Lurah Simpang "
                  "Rimbo setiap hari Sabtu bagi warga kelurahan pemekaran: rekam KTP-el, cetak KK "
                  "dan akta.", {"duration": "Setiap Sabtu pukul 08.00-12.00 WIB"}),
    # KUA Kecamatan Jambi Timur (stock Blogger theme)
    "kua_nikah": (72, "kua-jambitimur", "2024/01/syarat-dan-prosedur-pendaftaran-nikah",
                  "Syarat dan Prosedur Pendaftaran Nikah di KUA Jambi Timur",
                  "Calon pengantin yang akan menikah di wilayah Kecamatan Jambi Timur mendaftar "
                  "paling lambat 10 hari kerja sebelum akad, secara daring melalui SIMKAH atau "
                  "langsung ke kantor KUA.", {}),
    "kua_biaya": (72, "kua-jambitimur", "2024/02/biaya-nikah-di-kua-gratis",
                  "Berapa Biaya Nikah di KUA? Gratis atau Rp600.000",
                  "Nikah di kantor KUA pada hari dan jam kerja tidak dipungut biaya. Bila akad "
                  "dilaksanakan di rumah, masjid atau gedung, atau di luar jam kerja, calon "
                  "pengantin menyetor PNBP Rp600.000 ke rekening bank persepsi, bukan kepada "
                  "petugas.", {}),
    # e-Pajak (Next-style app: list and detail from /api/v1/layanan)
    "ep_hiburan": (34, "e-pajak", "pajak-hiburan", "Pajak Barang dan Jasa Tertentu atas Hiburan",
                   "Pelaku usaha hiburan seperti bioskop, karaoke, kelab malam dan panti pijat "
                   "mendaftarkan usahanya dan melaporkan PBJT jasa kesenian dan hiburan setiap "
                   "bulan.", {}),
    "ep_reklame": (35, "e-pajak", "pajak-reklame", "Pajak Reklame",
                   "Setiap penyelenggaraan reklame (papan, baliho, spanduk, videotron) di Kota "
                   "Jambi dikenai pajak reklame sebelum izin reklame diterbitkan.", {}),
    "ep_resto": (33, "e-pajak", "pbjt-makanan-minuman", "PBJT Makanan dan Minuman (Pajak Restoran)",
                 "Rumah makan, kafe, restoran dan katering mendaftarkan diri sebagai wajib pajak "
                 "dan melaporkan omzet setiap bulan.", {}),
    "ep_bphtb": (32, "e-pajak", "bphtb", "Bea Perolehan Hak atas Tanah dan Bangunan (BPHTB)",
                 "Pembeli tanah atau bangunan membayar BPHTB dan memvalidasinya sebelum akta "
                 "jual beli ditandatangani di hadapan PPAT.", {}),
    # SIPADU Dukcapil (React app with hash routes: /#/layanan/<slug>)
    "sp_cerai": (12, "sipadu", "akta-perceraian", "Akta Perceraian",
                 "Perceraian yang telah berkekuatan hukum tetap wajib dilaporkan ke Disdukcapil "
                 "paling lambat 60 hari agar diterbitkan akta perceraian serta KK dan KTP-el "
                 "diperbarui.", {"duration": "1 sampai 3 hari kerja", "cost": GRATIS_ADMINDUK}),
    "sp_rentan": (13, "sipadu", "penduduk-rentan", "Pendaftaran Penduduk Rentan Adminduk",
                  "Penduduk yang belum memiliki dokumen kependudukan sama sekali, seperti "
                  "penghuni panti, ODGJ terlantar atau korban bencana, didaftarkan setelah "
                  "pengecekan biometrik.", {"cost": GRATIS_ADMINDUK}),
    "sp_legalisir": (15, "sipadu", "legalisir-dokumen", "Legalisir Dokumen Kependudukan",
                     "Dokumen kependudukan yang sudah ditandatangani elektronik (TTE) tidak perlu "
                     "dilegalisir; fotokopinya dapat dipakai langsung.",
                     {"cost": GRATIS_ADMINDUK}),
    "sp_ikd": (14, "sipadu", "aktivasi-ikd", "Aktivasi Identitas Kependudukan Digital (IKD)",
               "KTP digital (IKD) diaktifkan di ponsel Android dengan memindai kode QR yang "
               "ditunjukkan petugas Disdukcapil.", {"cost": GRATIS_ADMINDUK}),
    # Kecamatan Jelutung (one page, one accordion item per service)
    "jl_ktp": (0, "kec-jelutung", "ktp", "Pengantar Rekam KTP-el",
               "Warga Jelutung yang genap 17 tahun dapat merekam KTP-el di Kantor Camat setiap "
               "Selasa dan Kamis tanpa antre ke Disdukcapil.",
               {"cost": "Gratis", "online": None, "duration": "Selesai perekaman hari itu; "
                                                               "cetak menyusul"}),
    "jl_kk": (4, "kec-jelutung", "kk", "Pengantar Perubahan Kartu Keluarga",
              "Tambah anggota keluarga, pisah KK atau perubahan data KK diajukan melalui "
              "kelurahan dan kecamatan untuk diteruskan ke Disdukcapil.",
              {"cost": "Gratis", "online": None}),
    "jl_domisili": (66, "kec-jelutung", "domisili", "Surat Keterangan Domisili",
                    "Keterangan tempat tinggal bagi warga Kecamatan Jelutung.", {}),
    "jl_sktm": (67, "kec-jelutung", "sktm", "Surat Keterangan Tidak Mampu",
                "Keterangan tidak mampu bagi warga Jelutung untuk keringanan biaya sekolah dan "
                "persyaratan bantuan sosial.", {}),
    # UPTD TPA Talang Gulo (one page, tabs)
    "tpa_retribusi": (46, "tpa-talanggulo", "retribusi", "Retribusi Buang Sampah ke TPA",
                      "Orang atau badan usaha yang membuang sampah ke TPA Talang Gulo membayar "
                      "retribusi sesuai berat timbangan; pengumpul sampah lingkungan yang terdata "
                      "dibebaskan sementara.", {}),
    "tpa_aduan": (47, "tpa-talanggulo", "pengaduan", "Pengaduan Sampah Tidak Terangkut",
                  "TPS penuh atau sampah di lingkungan belum diangkut berhari-hari? Laporkan agar "
                  "armada pengangkut dijadwalkan.", {}),
})

# The MPP portal's tenants: (slug, name as the portal writes it)
MPP_TENANTS = [
    ("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("imigrasi", "Kantor Imigrasi Kelas I TPI Jambi"),
    ("polresta", "Polresta Jambi"),
    ("kemenag", "Kementerian Agama Kota Jambi"),
    ("dpmptsp", "DPMPTSP Kota Jambi"),
    ("bpprd", "BPPRD Kota Jambi"),
    ("disnaker", "Dinas Tenaga Kerja"),
    ("pdam", "Perumda Air Minum Tirta Mayang"),
]


def _mpp(idx: int, tenant: str, slug: str, title: str, intro: str, **over) -> tuple:
    name = dict(MPP_TENANTS)[tenant]
    over.setdefault("location", f"Loket {name}, Lantai 1 Mal Pelayanan Publik Kota Jambi")
    over["tenant"] = tenant
    return (idx, "mpp-portal", slug, title, intro, over)


SERVICES.update({
    "mp_ktp": _mpp(0, "disdukcapil", "rekam-ktp-el", "Rekam dan Cetak KTP-el",
                   "Rekam data KTP-el untuk warga yang sudah 17 tahun atau sudah menikah, "
                   "langsung di loket Dukcapil MPP. Wajib datang sendiri.",
                   cost="Tidak dipungut biaya", online=None),
    "mp_akta": _mpp(6, "disdukcapil", "akta-lahir", "Akta Lahir Anak",
                    "Pengurusan akta lahir bayi dan anak. Bawa surat keterangan lahir dari "
                    "bidan atau rumah sakit.", cost="Tidak dipungut biaya"),
    "mp_paspor": _mpp(24, "imigrasi", "paspor", "Paspor Baru dan Penggantian Paspor",
                      "Pembuatan paspor elektronik maupun biasa untuk dewasa dan anak, dengan "
                      "antrean dari aplikasi M-Paspor."),
    "mp_skck": _mpp(71, "polresta", "skck", "SKCK Baru dan Perpanjangan",
                    "Surat Keterangan Catatan Kepolisian untuk melamar kerja, sekolah atau "
                    "beasiswa. Bisa daftar online dulu lalu ambil sidik jari di loket.",
                    online=("Daftar SKCK online", "https://skck.polri.go.id")),
    "mp_nikah": _mpp(72, "kemenag", "daftar-nikah", "Daftar Nikah dan Rekomendasi Nikah",
                     "Pendaftaran kehendak nikah dan rekomendasi nikah bagi calon pengantin "
                     "yang akadnya di luar kecamatan domisili."),
    "mp_nib": _mpp(17, "dpmptsp", "nib", "Izin Usaha (NIB) Lewat OSS",
                   "Pendampingan membuat akun OSS dan menerbitkan NIB untuk usaha perorangan "
                   "maupun badan usaha."),
    "mp_pbg": _mpp(18, "dpmptsp", "pbg", "PBG Pengganti IMB",
                   "Konsultasi dan pengajuan Persetujuan Bangunan Gedung (dulu IMB) untuk rumah "
                   "tinggal, ruko dan bangunan usaha lewat SIMBG."),
    "mp_pbb": _mpp(26, "bpprd", "bayar-pbb", "Bayar PBB Rumah dan Tanah",
                   "Bayar PBB-P2 tahun berjalan dan tunggakan, cukup sebutkan NOP di SPPT."),
    "mp_ak1": _mpp(50, "disnaker", "kartu-kuning", "Kartu Kuning (AK/1) Pencari Kerja",
                   "Kartu tanda pencari kerja untuk melamar kerja di perusahaan atau instansi."),
    "mp_pdam": _mpp(69, "pdam", "pasang-baru", "Pasang Baru Sambungan Air",
                    "Permohonan sambungan air bersih baru untuk rumah tangga dan usaha."),
    # PPID Pembantu Dinas Perhubungan (service standards only as PDF tables)
    "pd_kir": (48, "ppid-dishub", "sp-pengujian-kendaraan-bermotor",
               "Standar Pelayanan Pengujian Berkala Kendaraan Bermotor", "", {}),
    "pd_batubara": (49, "ppid-dishub", "sp-pengaduan-angkutan-batubara",
                    "Standar Pelayanan Pengaduan Angkutan Batu Bara", "", {}),
})

NEWS += [
    ("kel-simpangrimbo", "gotong-royong-bersih-drainase", "2023-09-16",
     "Gotong Royong Bersihkan Drainase RT 07",
     ["Warga RT 07 bersama staf kelurahan membersihkan parit di sepanjang Jalan Kapten "
      "Pattimura untuk mencegah genangan saat musim hujan.",
      "Lurah Simpang Rimbo mengajak RT lain menjadwalkan kegiatan serupa."]),
    ("kel-simpangrimbo", "musyawarah-kampung-bahagia", "2024-03-02",
     "Musyawarah Usulan Kampung Bahagia Tingkat Kelurahan",
     ["Sebanyak 14 Ketua RT menyampaikan usulan kegiatan Kampung Bahagia, mulai dari "
      "semenisasi jalan lingkungan sampai pemasangan CCTV.",
      "Usulan dibahas bersama pendamping dan diteruskan ke kecamatan."]),
    ("kua-jambitimur", "bimwin-angkatan-tiga", "2024-03-12",
     "Bimbingan Perkawinan Calon Pengantin Angkatan III",
     ["KUA Jambi Timur menggelar bimbingan perkawinan (bimwin) bagi 25 pasang calon pengantin "
      "selama dua hari di aula KUA.",
      "Materi meliputi kesehatan reproduksi, pengelolaan keuangan keluarga dan komunikasi "
      "pasangan."]),
    ("kua-jambitimur", "jam-layanan-ramadhan", "2024-03-11",
     "Jam Layanan KUA Selama Bulan Ramadhan",
     ["Selama Ramadhan 1445 H, KUA Kecamatan Jambi Timur melayani masyarakat pukul 08.00 "
      "sampai 15.00 WIB pada hari Senin sampai Kamis dan sampai 15.30 WIB pada hari Jumat."]),
    ("kec-alambarajo", "camat-tinjau-semenisasi", "2025-07-21",
     "Camat Tinjau Semenisasi Jalan Lingkungan dari Dana Kampung Bahagia",
     ["Camat Alam Barajo meninjau semenisasi jalan lingkungan di RT 12 Kelurahan Bagan Pete "
      "yang dikerjakan swadaya dengan dana Kampung Bahagia."]),
    ("pkm-simpangkawat", "posyandu-lansia-juli", "2025-07-08",
     "Posyandu Lansia dan Cek Kesehatan Gratis di Kelurahan Jelutung",
     ["Tim Puskesmas Simpang Kawat melayani pemeriksaan tekanan darah, gula darah dan "
      "kolesterol bagi 80 lansia pada posyandu lansia bulan Juli."]),
]


def fact_blocks(site: Site, f: ServiceFacts) -> list[tuple[str, str, str]]:
    """(anchor, label, html) of a service's facts, lists as <ol>/<ul>, the rest as <p>."""
    out = []
    for anchor, label, value in fact_rows(site, f):
        text = value_html(anchor, value, site.list_style)
        out.append((anchor, label, text if isinstance(value, list) else f"<p>{text}</p>"))
    return out


def own_posts(site: Site, facts: dict, reg, href_of, file_of, **kw) -> list[Page]:
    """The site's news as pages at href_of(slug, date)."""
    pages = []
    for slug, date, title, texts in own_news(site):
        href = href_of(slug, date)
        page = put(site, "news", f"news:{site.name}:{slug}", title, href, file_of(href),
                   paras(*texts), date=date, summary=news_summary(texts), **kw)
        reg(page, page.key)
        pages.append(page)
    return pages


# --- WordPress + Elementor (page-builder markup, facts in tabs or accordion widgets) ----------


def _el_id(*parts: object) -> str:
    return hashlib.md5("/".join(map(str, parts)).encode()).hexdigest()[:7]


def el_widget(kind: str, inner: str, key: str, extra: str = "") -> str:
    return (f'<div class="elementor-element elementor-element-{_el_id(kind, key)} '
            f'elementor-widget elementor-widget-{kind}{extra}" data-id="{_el_id(kind, key)}" '
            f'data-element_type="widget" data-widget_type="{kind}.default">'
            f'<div class="elementor-widget-container">{inner}</div></div>')


def el_section(widgets: str, key: str, col: int = 100) -> str:
    sid = _el_id("section", key)
    return (f'<section class="elementor-section elementor-top-section elementor-element '
            f'elementor-element-{sid} elementor-section-boxed elementor-section-height-default" '
            f'data-id="{sid}" data-element_type="section"><div class="elementor-container '
            f'elementor-column-gap-default"><div class="elementor-column elementor-col-{col} '
            f'elementor-top-column elementor-element elementor-element-{_el_id("col", key)}" '
            f'data-id="{_el_id("col", key)}" data-element_type="column"><div class="elementor-'
            f'widget-wrap elementor-element-populated">{widgets}</div></div></div></section>')


HIDDEN = ' hidden="hidden"'


def el_tabs(blocks: list[tuple[str, str, str]], key: str) -> str:
    """Elementor's tabs widget: desktop titles in one row, then each panel after its mobile
    title (the same words twice, as Elementor writes them)."""
    base = int(_el_id("tabs", key), 16) % 9000 + 1000
    desk = "".join(
        f'<div id="elementor-tab-title-{base + n}" class="elementor-tab-title elementor-tab-'
        f'desktop-title{" elementor-active" if n == 1 else ""}" aria-selected="{str(n == 1).lower()}" '
        f'data-tab="{n}" role="tab" tabindex="{0 if n == 1 else -1}" aria-controls="elementor-tab-'
        f'content-{base + n}" aria-expanded="false">{e(label)}</div>'
        for n, (_a, label, _h) in enumerate(blocks, start=1))
    panes = "".join(
        f'<div class="elementor-tab-title elementor-tab-mobile-title" aria-selected="false" '
        f'data-tab="{n}" role="tab" tabindex="-1" aria-controls="elementor-tab-content-{base + n}" '
        f'aria-expanded="false">{e(label)}</div><div id="elementor-tab-content-{base + n}" '
        f'class="elementor-tab-content elementor-clearfix" data-tab="{n}" role="tabpanel" '
        f'aria-labelledby="elementor-tab-title-{base + n}" tabindex="0"'
        f'{"" if n == 1 else HIDDEN}>{body}</div>'
        for n, (_a, label, body) in enumerate(blocks, start=1))
    return el_widget("tabs", '<div class="elementor-tabs"><div class="elementor-tabs-wrapper" '
                     f'role="tablist">{desk}</div><div class="elementor-tabs-content-wrapper" '
                     f'role="tablist" aria-orientation="vertical">{panes}</div></div>', key)


def el_accordion(blocks: list[tuple[str, str, str]], key: str) -> str:
    base = int(_el_id("acc", key), 16) % 9000 + 1000
    items = "".join(
        f'<div class="elementor-accordion-item"><div id="elementor-tab-title-{base + n}" '
        f'class="elementor-tab-title" data-tab="{n}" role="button" aria-controls="elementor-tab-'
        f'content-{base + n}" aria-expanded="false"><span class="elementor-accordion-icon '
        'elementor-accordion-icon-left" aria-hidden="true"><span class="elementor-accordion-'
        'icon-closed"><i class="fas fa-plus"></i></span><span class="elementor-accordion-icon-'
        f'opened"><i class="fas fa-minus"></i></span></span><a class="elementor-accordion-title" '
        f'tabindex="0">{e(label)}</a></div><div id="elementor-tab-content-{base + n}" '
        f'class="elementor-tab-content elementor-clearfix" data-tab="{n}" role="region" '
        f'aria-labelledby="elementor-tab-title-{base + n}">{body}</div></div>'
        for n, (_a, label, body) in enumerate(blocks, start=1))
    return el_widget("accordion", f'<div class="elementor-accordion">{items}</div>', key)


def build_elementor(site: Site, facts: dict, reg) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html")
    put(site, "page", "profil", "Profil", "/profil/", "profil/index.html", new_profile(site),
        aliases=("/?page_id=2",))
    lay = put(site, "listing", "list-layanan", "Layanan", "/layanan/", "layanan/index.html",
              aliases=("/?page_id=9",))
    for n, (key, (_i, _s, slug, title, intro, _o)) in enumerate(own_services(site)):
        blocks = fact_blocks(site, facts[key])
        widget = (el_accordion if site.variant == "accordion" else el_tabs)(blocks, key)
        body = (el_section(el_widget("heading", f'<h2 class="elementor-heading-title '
                                     f'elementor-size-default">{e(title)}</h2>', key + "h")
                           + el_widget("text-editor", f"<p>{e(intro)}</p>", key + "t"), key)
                + el_section(widget, key + "f")
                + el_section(el_widget("button", '<div class="elementor-button-wrapper">'
                                       '<a class="elementor-button elementor-button-link '
                                       'elementor-size-sm" href="/kontak/"><span class="'
                                       'elementor-button-text">Tanya Petugas via WhatsApp'
                                       '</span></a></div>', key + "b"), key + "c"))
        reg(put(site, "service", key, title, f"/layanan/{slug}/", f"layanan/{slug}/index.html",
                body, summary=intro, aliases=(f"/?page_id={40 + n * 3}",)), key)
    ber = put(site, "listing", "list-berita", "Berita", "/category/berita/",
              "category/berita/index.html")
    own_posts(site, facts, reg, lambda slug, d: f"/{d[:4]}/{d[5:7]}/{d[8:]}/{slug}/",
              lambda href: href[1:] + "index.html")
    put(site, "page", "kontak", "Kontak", "/kontak/", "kontak/index.html", contact_body(site))
    services, news = pages_of(site, "service"), pages_of(site, "news")
    cards = "".join(el_widget("icon-box", f'<div class="elementor-icon-box-wrapper"><h3 class='
                              f'"elementor-icon-box-title">{a(p.href, e(p.title))}</h3><p class='
                              f'"elementor-icon-box-description">{e(p.summary[:80])}&hellip;</p>'
                              "</div>", p.key) for p in services)
    lay.body = el_section(cards, "lay")
    ber.body = el_section(el_widget("posts", "".join(
        f'<article class="elementor-post"><h3 class="elementor-post__title">{a(p.href, e(p.title))}'
        f'</h3><span class="elementor-post-date">{tanggal(p.date)}</span><div class="elementor-'
        f'post__excerpt"><p>{e(p.summary)}</p></div></article>' for p in news), "posts"), "ber")
    home.body = (el_section(el_widget("heading", f'<h2 class="elementor-heading-title">Selamat '
                                      f"Datang di Website Resmi {e(site.short)}</h2>", "welcome"),
                            "hero") + lay.body + ber.body)


def render_elementor(page: Page) -> str:
    site = page.site
    services = pages_of(site, "service")
    sub = "".join(f'<li class="menu-item menu-item-type-post_type menu-item-object-page">'
                  f'{a(p.href, e(p.title), class_="elementor-sub-item")}</li>' for p in services)
    menu = (f'<ul class="elementor-nav-menu">'
            f'<li class="menu-item">{a("/", "Beranda", class_="elementor-item")}</li>'
            f'<li class="menu-item">{a("/profil/", "Profil", class_="elementor-item")}</li>'
            f'<li class="menu-item menu-item-has-children">'
            f'{a("/layanan/", "Layanan", class_="elementor-item")}<ul class="sub-menu '
            f'elementor-nav-menu--dropdown">{sub}</ul></li>'
            f'<li class="menu-item">{a("/category/berita/", "Berita", class_="elementor-item")}</li>'
            f'<li class="menu-item">{a("/kontak/", "Kontak", class_="elementor-item")}</li></ul>')
    nav = (el_widget("nav-menu", f'<nav class="elementor-nav-menu--main elementor-nav-menu__'
                     f'container">{menu}</nav><div class="elementor-menu-toggle" role="button">'
                     '<span class="elementor-screen-only">Menu</span></div><nav class="elementor-'
                     f'nav-menu--dropdown elementor-nav-menu__container" aria-hidden="true">{menu}'
                     "</nav>", "nav", " elementor-nav-menu--dropdown-tablet"))
    title = (f"{e(site.short)} &#8211; {e(site.tagline)}" if page.kind == "home"
             else f"{e(page.title)} &#8211; {e(site.short)}")
    pid = int(_el_id(page.href), 16) % 900 + 100
    ptype = "single-post" if page.kind == "news" else "page"
    heading = ""
    if page.kind == "news":
        heading = (f'<h1 class="entry-title">{e(page.title)}</h1><div class="entry-meta">'
                   f'<time class="entry-date published" datetime="{page.date}T08:00:00+07:00">'
                   f"{tanggal(page.date)}</time></div>")
    elif page.kind in ("page", "listing"):
        heading = f'<h1 class="entry-title">{e(page.title)}</h1>'
    body = page.body if page.kind in ("home", "service", "listing") or "elementor" in page.body \
        else el_section(el_widget("text-editor", page.body, page.key), page.key)
    return f"""<!doctype html>
<html lang="id-ID">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name='robots' content='max-image-preview:large' />
<link rel='stylesheet' id='elementor-frontend-css' href='/wp-content/plugins/elementor/assets/css/frontend.min.css?ver=3.21.4' media='all' />
<link rel="canonical" href="{site.base}{page.href}" />
<meta name="generator" content="Elementor 3.21.4; features: e_optimized_assets_loading; settings: css_print_method-external">
</head>
<body class="{ptype} page-id-{pid} wp-custom-logo elementor-default elementor-kit-5 elementor-page elementor-page-{pid}">
<a class="skip-link screen-reader-text" href="#content">Lewati ke konten</a>
<div data-elementor-type="header" data-elementor-id="21" class="elementor elementor-21 elementor-location-header">
{el_section(el_widget("theme-site-logo", f'<a href="/"><img src="/wp-content/uploads/2023/02/logo-kota-jambi.png" alt="{e(site.short)}"></a>', "logo") + el_widget("heading", f'<p class="elementor-heading-title">{e(site.opd)}</p>', "brand") + nav, "header")}
</div>
<main id="content" class="site-main post-{pid} {page.kind}">
{heading}
<div class="page-content">
<div data-elementor-type="wp-{'post' if page.kind == 'news' else 'page'}" data-elementor-id="{pid}" class="elementor elementor-{pid}">
{body}
</div>
</div>
</main>
<div data-elementor-type="footer" data-elementor-id="57" class="elementor elementor-57 elementor-location-footer">
{el_section(el_widget("text-editor", f"<p>{footer_text(site)}</p>", "footer") + el_widget("social-icons", '<div class="elementor-social-icons-wrapper elementor-grid"><span class="elementor-grid-item"><a class="elementor-icon elementor-social-icon elementor-social-icon-instagram" href="https://instagram.com/" target="_blank"><span class="elementor-screen-only">Instagram</span></a></span></div>', "social"), "footer")}
</div>
<script src='/wp-content/plugins/elementor/assets/js/frontend.min.js?ver=3.21.4' id='elementor-frontend-js'></script>
</body>
</html>
"""


# --- A stock Blogger theme as Blogger serves it (Contempo or Simple) --------------------------
#
# Services are posts labelled "Layanan" at /yyyy/mm/slug.html; the home page, label pages and
# date archives repeat the posts (snippets in Contempo, full posts in Simple); ?m=1 is the
# mobile twin of every URL; the title is "<blog name>: <post title>".


def build_blogger(site: Site, facts: dict, reg) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html", aliases=("/?m=1",))
    put(site, "page", "profil", "Profil", "/p/profil.html", "p/profil.html", new_profile(site),
        aliases=("/p/profil.html?m=1",))
    posts: list[Page] = []
    for key, (_i, _s, slug, title, intro, _o) in own_services(site):
        body = f"<div>{e(intro)}</div><br>" + "".join(
            f"<div><b>{e(label)}</b></div>{html_}" for _a, label, html_ in
            fact_blocks(site, facts[key]))
        date = slug[:4] + "-" + slug[5:7] + "-" + f"{10 + len(posts) * 3:02d}"
        href = f"/{slug}.html"
        page = put(site, "service", key, title, href, href[1:], body, summary=intro, date=date,
                   aliases=(href + "?m=1",))
        page.labels = ["Layanan"]
        reg(page, key)
        posts.append(page)
    for page in own_posts(site, facts, reg, lambda slug, d: f"/{d[:4]}/{d[5:7]}/{slug}.html",
                          lambda href: href[1:]):
        page.aliases = (page.href + "?m=1",)
        site.routes[route_key(page.href, "m=1")] = page.file
        page.labels = ["Berita"]
        posts.append(page)
    put(site, "page", "kontak", "Kontak", "/p/kontak.html", "p/kontak.html", contact_body(site),
        aliases=("/p/kontak.html?m=1",))
    posts.sort(key=lambda p: p.date, reverse=True)
    full = site.variant != "contempo"
    home.body = "".join(blogger_post(p, full=full) for p in posts[:4])
    home.posts = posts[:4]
    for label in ("Layanan", "Berita"):
        tagged = [p for p in posts if label in p.labels]
        lp = put(site, "listing", f"label:{label}", f"Postingan dengan label {label}",
                 f"/search/label/{label}", f"search/label/{label}.html",
                 "".join(blogger_post(p, full=False) for p in tagged),
                 aliases=(f"/search/label/{label}?m=1",
                          f"/search/label/{label}?max-results=7"))
        lp.posts = tagged
    by_month: dict[str, list[Page]] = {}
    for p in posts:
        by_month.setdefault(p.date[:7], []).append(p)
    for ym, month_posts in sorted(by_month.items()):
        y, m = ym.split("-")
        ap = put(site, "listing", f"archive:{ym}", f"{BULAN[int(m) - 1]} {y}", f"/{y}/{m}/",
                 f"{y}/{m}/index.html", "".join(blogger_post(p, full=full) for p in month_posts),
                 aliases=(f"/{y}/{m}/?m=1",))
        ap.posts = month_posts
    for y in sorted({p.date[:4] for p in posts}):
        year_posts = [p for p in posts if p.date.startswith(y)]
        yp = put(site, "listing", f"archive:{y}", y, f"/{y}/", f"{y}/index.html",
                 "".join(blogger_post(p, full=full) for p in year_posts),
                 aliases=(f"/{y}/?m=1",))
        yp.posts = year_posts
    older = posts[4:]
    if older:
        put(site, "listing", "older", "Posting Lama", "/search",
            "search/older.html", "".join(blogger_post(p, full=full) for p in older),
            aliases=(f"/search?updated-max={posts[3].date}T08:00:00Z&max-results=4",
                     "/search?m=1"))
    entries = "".join(f"<entry><id>tag:blogger.com,1999:blog-{_blog_id(site)}.post-"
                      f"{_post_id(p)}</id><published>{p.date}T08:00:00+07:00</published>"
                      f"<title type='text'>{e(p.title)}</title><content type='html'>"
                      f"{e(p.body)}</content><link rel='alternate' type='text/html' "
                      f"href='{site.base}{p.href}' title='{e(p.title)}'/></entry>" for p in posts)
    site.extra_files["feeds/posts-default.xml"] = (
        "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title type='text'>{e(site.short)}</title>{entries}</feed>\n").encode()
    site.routes[route_key("/feeds/posts/default", "")] = "feeds/posts-default.xml"
    site.routes[route_key("/feeds/posts/default", "alt=rss")] = "feeds/posts-default.xml"


def _blog_id(site: Site) -> int:
    return int(hashlib.md5(site.name.encode()).hexdigest()[:12], 16) % 10**18


def _post_id(page: Page) -> int:
    return int(hashlib.md5(page.href.encode()).hexdigest()[:12], 16) % 10**18


def blogger_post(page: Page, *, full: bool) -> str:
    """One post as Blogger writes it in a list (home, label, archive) or alone."""
    site = page.site
    labels = "".join(a(f"/search/label/{lab}", lab, rel="tag")
                     for lab in getattr(page, "labels", []))
    if full:
        content = page.body
    else:
        snippet = re.sub(r"<[^>]+>", " ", page.body)
        snippet = " ".join(snippet.split())[:150]
        content = (f'<div class="snippet-item r-snippetized">{e(snippet)}&#8230;</div>'
                   f'<div class="jump-link flat-button">{a(page.href, "Baca selengkapnya &#187;", title=page.title)}</div>')
    return (f'<article class="post-outer-container"><div class="post-outer"><div class="post">'
            f'<a name="{_post_id(page)}"></a><h3 class="post-title entry-title">'
            f"{a(site.base + page.href, e(page.title))}</h3>"
            f'<div class="post-header"><div class="post-header-line-1"><span class="byline '
            f'post-timestamp"><a class="timestamp-link" href="{site.base}{page.href}" rel="bookmark"'
            f' title="permanent link"><time class="published" datetime="{page.date}T08:00:00+07:00"'
            f">{tanggal(page.date)}</time></a></span></div></div>"
            f'<div class="post-body entry-content float-container" id="post-body-{_post_id(page)}">'
            f"{content}</div>"
            f'<div class="post-footer"><div class="post-footer-line post-footer-line-1"><span '
            f'class="byline post-labels"><span class="byline-label">Label:</span>{labels}</span>'
            f'</div><div class="post-share-buttons">{a("https://www.blogger.com/share-post.g?blogID=" + str(_blog_id(site)) + "&postID=" + str(_post_id(page)) + "&target=email", "Kirimkan Ini lewat Email")}'
            "</div></div></div></div></article>")


def blogger_head(page: Page) -> str:
    """What every Blogger theme's <head> carries: generator, canonical, feeds, Open Graph."""
    site = page.site
    canon = site.base + page.href
    return f"""<meta content='text/html; charset=UTF-8' http-equiv='Content-Type'/>
<meta content='blogger' name='generator'/>
<link href='{site.base}/favicon.ico' rel='icon' type='image/x-icon'/>
<link href='{canon}' rel='canonical'/>
<link rel="alternate" type="application/atom+xml" title="{e(site.short)} - Atom" href="{site.base}/feeds/posts/default" />
<link rel="alternate" type="application/rss+xml" title="{e(site.short)} - RSS" href="{site.base}/feeds/posts/default?alt=rss" />
<link rel="service.post" type="application/atom+xml" title="{e(site.short)} - Atom" href="https://www.blogger.com/feeds/{_blog_id(site)}/posts/default" />
<meta content='{canon}' property='og:url'/>
<meta content='{e(page.title)}' property='og:title'/>"""


def render_blogger(page: Page) -> str:
    site = page.site
    posts = sorted((p for p in site.pages if p.kind in ("service", "news")),
                   key=lambda p: p.date, reverse=True)
    title = e(site.short) if page.kind == "home" else f"{e(site.short)}: {e(page.title)}"
    if page.kind in ("service", "news"):
        main = blogger_post(page, full=True) + (
            '<section class="comments" id="comments"><h3 class="title">Tidak ada komentar:</h3>'
            '<div class="comment-footer"><a href="https://www.blogger.com/comment/fullpage/post/'
            f'{_blog_id(site)}/{_post_id(page)}">Posting Komentar</a></div></section>'
            '<div class="blog-pager" id="blog-pager">'
            f'{a("/", "Beranda", class_="home-link")}</div>')
    elif page.kind in ("home", "listing"):
        status = ("" if page.kind == "home" else
                  f'<div class="status-msg-wrap"><div class="status-msg-body">{e(page.title)}.'
                  f' {a("/", "Tampilkan semua postingan")}</div></div>')
        pager = (f'<div class="blog-pager" id="blog-pager">{a("/search?updated-max=" + posts[3].date + "T08:00:00Z&max-results=4", "Posting Lama", class_="blog-pager-older-link")}</div>'
                 if page.kind == "home" and len(posts) > 4 else "")
        main = (f'{status}<div class="blog-posts hfeed container">{page.body}</div>{pager}')
    else:
        main = (f'<div class="post"><h3 class="post-title entry-title">{e(page.title)}</h3>'
                f'<div class="post-body entry-content float-container">{page.body}</div></div>')
    popular = "".join(
        f'<div class="post"><div class="post-content"><h3 class="post-title">'
        f'{a(site.base + p.href + "?m=1", e(p.title))}</h3><div class="post-snippet">'
        f"{e(p.summary[:90])}&#8230;</div></div></div>"
        for p in posts if p.kind == "service")
    counts = {lab: sum(lab in getattr(p, "labels", []) for p in posts) for lab in ("Berita", "Layanan")}
    labels = "".join(f'<li><a class="label-name" href="{site.base}/search/label/{lab}">{lab}'
                     f'<span class="label-count">{n}</span></a></li>' for lab, n in counts.items())
    years: dict[str, dict[str, int]] = {}
    for p in posts:
        years.setdefault(p.date[:4], {}).setdefault(p.date[5:7], 0)
        years[p.date[:4]][p.date[5:7]] += 1
    archive = "".join(
        f'<li class="archivedate"><a class="post-count-link" href="{site.base}/{y}/">{y}</a> '
        f'<span class="post-count">({sum(ms.values())})</span><ul class="hierarchy">' + "".join(
            f'<li class="archivedate"><a class="post-count-link" href="{site.base}/{y}/{m}/">'
            f'{BULAN[int(m) - 1]}</a> <span class="post-count">({n})</span></li>'
            for m, n in sorted(ms.items(), reverse=True)) + "</ul></li>"
        for y, ms in sorted(years.items(), reverse=True))
    pages = "".join(f"<li>{a(site.base + h, lab)}</li>" for lab, h in (
        ("Beranda", "/"), ("Profil", "/p/profil.html"), ("Kontak", "/p/kontak.html")))
    theme = "Contempo" if site.variant == "contempo" else "Simple"
    canon = site.base + page.href
    return f"""<!DOCTYPE html>
<html dir='ltr' lang='id' xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b' xmlns:data='http://www.google.com/2005/gml/data' xmlns:expr='http://www.google.com/2005/gml/expr'>
<head>
<meta content='width=device-width, initial-scale=1' name='viewport'/>
<title>{title}</title>
{blogger_head(page)}
</head>
<body class='{'item-view' if page.kind in ('service', 'news') else 'feed-view'} version-1-3-3 variant-indie_light'>
<div class='page'><div class='page_body'><div class='centered'>
<header class='centered-top-container' role='banner'><div class='centered-top'><div class='section' id='header'><div class='widget Header' data-version='2' id='Header1'><div class='header-widget'><div><h1><a href='{site.base}/'>{e(site.short)}</a></h1></div><p>{e(site.tagline)}</p></div></div></div>
<nav role='navigation'><div class='widget PageList' data-version='2' id='PageList1'><div class='widget-content'><ul>{pages}</ul></div></div></nav></div></header>
<main class='centered-bottom' id='main' role='main' tabindex='-1'>
<div class='main section' id='page_body'><div class='widget Blog' data-version='2' id='Blog1'>
{main}
</div></div>
</main>
<aside class='sidebar-container container sidebar-invisible' role='complementary'><div class='sidebar-back'></div><div class='sidebar_top_wrapper'><div class='sidebar section' id='sidebar_top'>
<div class='widget PopularPosts' data-version='2' id='PopularPosts1'><h3 class='title'>Postingan Populer</h3><div class='widget-content'>{popular}</div></div>
<div class='widget Label' data-version='2' id='Label1'><h3 class='title'>Label</h3><div class='widget-content list-label-widget-content'><ul>{labels}</ul></div></div>
<div class='widget BlogArchive' data-version='2' id='BlogArchive1'><h3 class='title'>Arsip Blog</h3><div class='widget-content'><div id='ArchiveList'><ul class='hierarchy'>{archive}</ul></div></div></div>
<div class='widget Profile' data-version='2' id='Profile1'><h3 class='title'>Mengenai Saya</h3><div class='widget-content'><a class='profile-link' href='https://www.blogger.com/profile/0{_blog_id(site)}' rel='author'>Admin {e(site.short)}</a></div></div>
</div></div></aside>
<footer class='footer section' id='footer'><div class='widget Attribution' data-version='2' id='Attribution1'><div class='widget-content'>{footer_text(site)}<br>Tema {theme}. Diberdayakan oleh <a href='https://www.blogger.com' target='_blank'>Blogger</a>.<br><a href='{canon}?m=1'>Lihat versi seluler</a></div></div></footer>
</div></div></div>
</body>
</html>
"""


# --- A React/Next-style app: list and detail from a JSON API, no server-side fallback --------
#
# Every route (/, /layanan, /layanan/<slug>; or /#/layanan/<slug> in the "hash" variant) is
# the same empty shell; the bundle fetches /api/v1/layanan and /api/v1/layanan/<slug>, whose
# records nest their facts Strapi-style ({"data": {"items": [{"attributes": {...}}]}}). The
# "path" variant's list carries every fact; the "hash" variant's list only names, slugs and
# summaries, its facts are in the detail endpoint alone.

SPA_BUNDLE = {
    "path": ("static/chunks/pages/app-5b7f2c9e1d.js", """(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[888],{6840:function(e,t,n){"use strict";
var r=n(5893),a=n(7294),l=n(1163);
function o(){var e=(0,a.useState)([]),t=e[0],n=e[1];(0,a.useEffect)(function(){fetch("/api/v1/layanan?populate=*").then(function(e){return e.json()}).then(function(e){n(e.data.items)})},[]);
return(0,r.jsx)("ul",{className:"daftar-layanan",children:t.map(function(e){return(0,r.jsx)("li",{children:(0,r.jsx)("a",{href:"/layanan/"+e.attributes.slug,children:e.attributes.nama_layanan})},e.id)})})}
function i(){var e=(0,l.useRouter)().query.slug,t=(0,a.useState)(null),n=t[0],o=t[1];(0,a.useEffect)(function(){e&&fetch(`/api/v1/layanan/${e}`).then(function(e){return e.json()}).then(function(e){o(e.data)})},[e]);
return n?(0,r.jsx)("article",{children:n.attributes.nama_layanan}):(0,r.jsx)("p",{children:"Memuat..."})}
t.default=function(e){var t=e.Component,n=e.pageProps;return(0,r.jsx)(t,Object.assign({},n))}}}]);
"""),
    "hash": ("static/js/main.8c1e2a47.js", """!function(){"use strict";var e={};
function t(e){return fetch(e,{headers:{Accept:"application/json"}}).then(function(e){if(!e.ok)throw new Error(e.status);return e.json()})}
var n="/api/v1",r={list:function(){return t(n+"/layanan")},detail:function(e){return t(n+"/layanan/"+encodeURIComponent(e))}};
function a(){var e=window.location.hash.replace(/^#/,"")||"/";var o=e.match(/^\\/layanan\\/([^/]+)/);
o?r.detail(o[1]).then(function(e){document.getElementById("root").innerHTML="<h1>"+e.data.attributes.nama_layanan+"</h1>"}):r.list().then(function(e){document.getElementById("root").innerHTML=e.data.items.map(function(e){return'<a href="#/layanan/'+e.attributes.slug+'">'+e.attributes.nama_layanan+"</a>"}).join("")})}
window.addEventListener("hashchange",a),a()}();
"""),
}


def put_json(site: Site, files: dict) -> None:
    """JSON files of an app's API, each served at its path without ``.json``."""
    for rel, data in files.items():
        site.extra_files[rel] = (json.dumps(data, ensure_ascii=False) + "\n").encode()
        site.routes[route_key("/" + rel.removesuffix(".json"), "")] = rel


def spa_attributes(site: Site, key: str, f: ServiceFacts, full: bool) -> dict:
    _i, _s, slug, title, intro, _o = SERVICES[key]
    attrs: dict = {"nama_layanan": title, "slug": slug, "ringkasan": intro,
                   "kategori": {"data": {"id": 3, "attributes": {"nama": site.short}}}}
    if not full:
        return attrs
    cost = f.cost or "-"
    free = cost.lower().startswith(("gratis", "tidak dipungut"))
    attrs.update({
        "persyaratan": [{"id": n, "uraian": r} for n, r in enumerate(f.requirements, start=1)],
        "alur": [{"id": n, "langkah": p} for n, p in enumerate(f.procedure, start=1)],
        "biaya": {"nominal": 0 if free else None, "keterangan": cost},
        "waktu_penyelesaian": {"keterangan": f.duration or "-"},
        "dasar_hukum": f.legal_basis or "-",
        "lokasi": {"nama": f.location},
        "createdAt": "2024-02-01T03:12:44.000Z", "updatedAt": "2025-06-18T07:40:02.000Z",
        "publishedAt": "2024-02-01T03:13:00.000Z",
    })
    return attrs


def build_spa(site: Site, facts: dict, reg) -> None:
    shell = '<div id="__next"></div>' if site.variant == "path" else '<div id="root"></div>'
    home = put(site, "home", "home", site.short, "/", "index.html", shell)
    keys = [k for k, _spec in own_services(site)]
    items, details = [], {}
    for n, key in enumerate(keys, start=1):
        slug = SERVICES[key][2]
        items.append({"id": n, "attributes": spa_attributes(site, key, facts[key],
                                                            full=site.variant == "path")})
        details[slug] = {"data": {"id": n, "attributes": spa_attributes(site, key, facts[key],
                                                                        full=True)},
                         "meta": {}}
    listing = {"data": {"items": items},
               "meta": {"pagination": {"page": 1, "pageSize": 25, "pageCount": 1,
                                       "total": len(items)}}}
    files = {"api/v1/layanan.json": listing}
    files.update({f"api/v1/layanan/{slug}.json": d for slug, d in details.items()})
    put_json(site, files)
    site.routes[route_key("/api/v1/layanan", "populate=*")] = "api/v1/layanan.json"
    if site.variant == "path":
        lay = put(site, "listing", "list-layanan", "Layanan", "/layanan", "index.html", shell)
        reg(lay, f"{site.name}:layanan")
        for key in keys:
            slug = SERVICES[key][2]
            reg(put(site, "service", key, SERVICES[key][3], f"/layanan/{slug}", "index.html",
                    shell, summary=SERVICES[key][4]), key)
        site.sitemap = True
    else:
        reg(home, f"{site.name}:layanan")
        for key in keys:  # /#/layanan/<slug>: the shell at / is all a crawler can name
            global_alias = f"{site.name}:{key}"
            reg(Page(site, "service", global_alias, SERVICES[key][3], "/", "index.html"), key)
    rel, code = SPA_BUNDLE[site.variant]
    site.extra_files[rel] = code.encode()


def render_spa(page: Page) -> str:
    site = page.site
    rel, _code = SPA_BUNDLE[site.variant]
    if site.variant == "path":
        data = json.dumps({"props": {"pageProps": {}}, "page": "/_app", "query": {},
                           "buildId": "k2VQpX7aH1", "nextExport": True, "isFallback": False,
                           "gsp": False, "scriptLoader": []})
        head = (f'<link rel="preload" href="/{rel}" as="script"/>'
                '<noscript data-n-css=""></noscript>')
        tail = (f'<script id="__NEXT_DATA__" type="application/json">{data}</script>'
                f'<script src="/{rel}" defer=""></script>')
    else:
        head = '<link href="/favicon.ico" rel="icon">'
        tail = f'<script defer="defer" src="/{rel}"></script>'
    return f"""<!DOCTYPE html><html lang="id"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>{e(site.short)}</title><meta name="description" content="{e(site.tagline)}"/><link rel="icon" href="/favicon.ico"/>{head}</head><body><noscript>You need to enable JavaScript to run this app.</noscript>{page.body}{tail}</body></html>
"""


# --- One page of several services in an accordion (Bootstrap 5) or tabs ----------------------


def build_accordion(site: Site, facts: dict, reg) -> None:
    tabs = site.variant == "tabs"
    services = own_services(site)
    if tabs:
        page = put(site, "home", "home", site.short, "/", "index.html")
    else:
        home = put(site, "home", "home", site.short, "/", "index.html")
        put(site, "page", "profil", "Profil Kecamatan", "/profil", "profil.html",
            new_profile(site))
        page = put(site, "listing", "layanan", "Layanan Administrasi Kecamatan", "/layanan",
                   "layanan.html")
        put(site, "page", "kontak", "Kontak", "/kontak", "kontak.html", contact_body(site))
        home.body = (f"<p>Selamat datang di laman resmi {e(site.opd)}.</p><h2>Layanan</h2>"
                     + ul([a(f"/layanan#{spec[2]}", e(spec[3])) for _k, spec in services]))
    items, heads = [], []
    for n, (key, (_i, _s, slug, title, intro, _o)) in enumerate(services):
        facts_html = "".join(f"<h5>{e(label)}</h5>{html_}"
                             for _a, label, html_ in fact_blocks(site, facts[key]))
        if tabs:
            heads.append(f'<li class="nav-item" role="presentation"><button class="nav-link'
                         f'{" active" if n == 0 else ""}" id="{slug}-tab" data-bs-toggle="tab" '
                         f'data-bs-target="#{slug}" type="button" role="tab" aria-controls="{slug}"'
                         f' aria-selected="{str(n == 0).lower()}">{e(title)}</button></li>')
            items.append(f'<div class="tab-pane fade{" show active" if n == 0 else ""}" '
                         f'id="{slug}" role="tabpanel" aria-labelledby="{slug}-tab" tabindex="0">'
                         f'<p class="lead">{e(intro)}</p>{facts_html}</div>')
        else:
            items.append(f'<div class="accordion-item"><h2 class="accordion-header" id="heading-'
                         f'{slug}"><button class="accordion-button{"" if n == 0 else " collapsed"}"'
                         f' type="button" data-bs-toggle="collapse" data-bs-target="#{slug}" '
                         f'aria-expanded="{str(n == 0).lower()}" aria-controls="{slug}">'
                         f'{n + 1}. {e(title)}</button></h2><div id="{slug}" class="accordion-'
                         f'collapse collapse{" show" if n == 0 else ""}" aria-labelledby="heading-'
                         f'{slug}" data-bs-parent="#accordionLayanan"><div class="accordion-body">'
                         f"<p>{e(intro)}</p>{facts_html}</div></div></div>")
        reg(Page(site, "service", f"{site.name}:{key}", title, page.href, page.file), key)
    if tabs:
        page.body = (f"<p>{e(site.opd)} {e(site.tugas)}. Pilih layanan di bawah ini.</p>"
                     f'<ul class="nav nav-tabs" id="tabLayanan" role="tablist">{"".join(heads)}'
                     f'<li class="nav-item"><button class="nav-link" data-bs-toggle="tab" '
                     f'data-bs-target="#jadwal" type="button" role="tab">Jam Operasional</button>'
                     f'</li></ul><div class="tab-content" id="tabLayananContent">{"".join(items)}'
                     f'<div class="tab-pane fade" id="jadwal" role="tabpanel"><p>TPA Talang Gulo '
                     "menerima truk sampah setiap hari pukul 06.00-22.00 WIB. Kantor UPTD: "
                     f"{HOURS}.</p></div></div>")
    else:
        page.body = ("<p>Klik nama layanan untuk melihat persyaratan, alur, waktu dan biaya. "
                     "Semua layanan administrasi di kecamatan tidak dipungut biaya.</p>"
                     f'<div class="accordion" id="accordionLayanan">{"".join(items)}</div>')


def render_accordion(page: Page) -> str:
    site = page.site
    links = ([("#", "Beranda")] + [(f"#{spec[2]}", spec[3]) for _k, spec in own_services(site)]
             if site.variant == "tabs" else
             [("/", "Beranda"), ("/profil", "Profil"), ("/layanan", "Layanan"),
              ("/kontak", "Kontak")])
    nav = "".join(f'<li class="nav-item">{a(h, e(t), class_="nav-link")}</li>' for h, t in links)
    h1 = "" if page.kind == "home" and site.variant != "tabs" else f"<h1>{e(page.title)}</h1>"
    return f"""<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(page.title) if page.kind != "home" else e(site.short)} | {e(site.opd)}</title>
<link href="/assets/bootstrap-5.3.2/css/bootstrap.min.css" rel="stylesheet">
</head>
<body>
<nav class="navbar navbar-expand-lg navbar-dark" style="background:{site.color}"><div class="container"><a class="navbar-brand" href="/">{e(site.short)}</a><button class="navbar-toggler" type="button" data-bs-toggle="collapse" data-bs-target="#nav"><span class="navbar-toggler-icon"></span></button><div class="collapse navbar-collapse" id="nav"><ul class="navbar-nav ms-auto">{nav}</ul></div></div></nav>
<main class="container py-4">
{h1}
{page.body}
</main>
<footer class="bg-light py-3"><div class="container small">{footer_text(site)}</div></footer>
<script src="/assets/bootstrap-5.3.2/js/bootstrap.bundle.min.js"></script>
</body>
</html>
"""


# --- A Mal Pelayanan Publik portal: many agencies' services in the portal's own words --------


def build_mppportal(site: Site, facts: dict, reg) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html")
    inst = put(site, "listing", "instansi", "Instansi", "/instansi", "instansi.html")
    lay = put(site, "listing", "list-layanan", "Semua Layanan", "/layanan", "layanan.html")
    by_tenant: dict[str, list[Page]] = {}
    for n, (key, (_i, _s, slug, title, intro, over)) in enumerate(own_services(site), start=1):
        tenant = over["tenant"]
        f = facts[key]
        rows = [(label, html_) for anchor, label, html_ in fact_blocks(site, f)
                if anchor not in ("persyaratan", "prosedur")]
        req = "".join(f'<li class="list-group-item">{e(r)}</li>' for r in f.requirements)
        proc = "".join(f'<li class="list-group-item">{i}. {e(p)}</li>'
                       for i, p in enumerate(f.procedure, start=1))
        body = (f'<div class="row"><div class="col-md-8"><p class="text-muted">{e(intro)}</p>'
                f'<div class="card mb-3"><div class="card-header fw-bold">Persyaratan</div>'
                f'<ul class="list-group list-group-flush">{req}</ul></div>'
                f'<div class="card mb-3"><div class="card-header fw-bold">Alur</div>'
                f'<ul class="list-group list-group-flush">{proc}</ul></div></div>'
                f'<div class="col-md-4"><table class="table table-sm info-layanan">'
                + "".join(f"<tr><th>{e(lab)}</th><td>{h}</td></tr>" for lab, h in rows)
                + f'<tr><th>Instansi</th><td>{a("/instansi/" + tenant, e(dict(MPP_TENANTS)[tenant]))}'
                "</td></tr></table></div></div>")
        page = put(site, "service", key, title, f"/layanan/{n}/{slug}",
                   f"layanan/{n}-{slug}.html", body, summary=intro,
                   aliases=(f"/layanan/{n}/{slug}?ref=beranda",))
        page.tenant = tenant
        reg(page, key)
        by_tenant.setdefault(tenant, []).append(page)

    def card(p: Page) -> str:
        return (f'<div class="col-md-4"><div class="card h-100 layanan-card"><div class="card-body">'
                f'<h5 class="card-title">{e(p.title)}</h5><p class="card-text small">'
                f"{e(p.summary[:100])}&hellip;</p>{a(p.href, 'Lihat Detail', class_='btn btn-sm btn-primary stretched-link')}"
                "</div></div></div>")

    for tenant, name in MPP_TENANTS:
        put(site, "listing", f"instansi:{tenant}", name, f"/instansi/{tenant}",
            f"instansi/{tenant}.html",
            f'<p>Layanan {e(name)} di Mal Pelayanan Publik Kota Jambi.</p><div class="row g-3">'
            + "".join(card(p) for p in by_tenant.get(tenant, [])) + "</div>")
    put(site, "page", "alur", "Alur Pelayanan MPP", "/alur", "alur.html",
        paras("1. Ambil nomor antrean di mesin antrean atau aplikasi.",
              "2. Tunggu panggilan loket instansi yang dituju.",
              "3. Serahkan berkas persyaratan dan ikuti arahan petugas.",
              f"Jam layanan: {HOURS}. Sabtu dan Minggu tutup."))
    services = pages_of(site, "service")
    lay.body = ('<form class="mb-3" action="/layanan" method="get"><input class="form-control" '
                'name="q" placeholder="Cari layanan..."></form><div class="row g-3">'
                + "".join(card(p) for p in services) + "</div>")
    inst.body = '<div class="list-group">' + "".join(
        a(f"/instansi/{t}", f'{e(name)} <span class="badge bg-secondary">'
          f"{len(by_tenant.get(t, []))} layanan</span>", class_="list-group-item")
        for t, name in MPP_TENANTS) + "</div>"
    home.body = (f"<p>{e(site.opd)} {e(site.tugas)} di satu gedung.</p>"
                 f'<h2 class="h4">Layanan Populer</h2><div class="row g-3">'
                 + "".join(card(p).replace(p.href, p.href + "?ref=beranda")
                           for p in services[:6]) + "</div>"
                 f"<p>{a('/layanan', 'Lihat semua layanan')} &middot; "
                 f"{a('/instansi', 'Daftar instansi')} &middot; {a('/alur', 'Alur pelayanan')}</p>")


def render_mppportal(page: Page) -> str:
    site = page.site
    crumbs = [("Beranda", "/")]
    if page.kind == "service":
        crumbs += [("Layanan", "/layanan")]
    bc = "".join(f'<li class="breadcrumb-item">{a(h, t)}</li>' for t, h in crumbs)
    heading = "" if page.kind == "home" else (
        f'<nav aria-label="breadcrumb"><ol class="breadcrumb">{bc}<li class="breadcrumb-item '
        f'active" aria-current="page">{e(page.title)}</li></ol></nav><h1 class="h3">{e(page.title)}</h1>')
    title = e(site.short) if page.kind == "home" else f"{e(page.title)} - {e(site.short)}"
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="Qm3h1cXy0yB7lW2n9VdR4sKp8TfJ6uEa">
<title>{title}</title>
<link href="/css/app.css?id=7c1f0e5b" rel="stylesheet">
</head>
<body class="d-flex flex-column min-vh-100">
<nav class="navbar navbar-expand-md navbar-light bg-white shadow-sm"><div class="container"><a class="navbar-brand fw-bold" href="/">MPP Kota Jambi</a><ul class="navbar-nav ms-auto"><li class="nav-item"><a class="nav-link" href="/layanan">Layanan</a></li><li class="nav-item"><a class="nav-link" href="/instansi">Instansi</a></li><li class="nav-item"><a class="nav-link" href="/alur">Alur</a></li></ul></div></nav>
<main class="py-4 flex-grow-1"><div class="container">
{heading}
{page.body}
</div></main>
<footer class="bg-dark text-white-50 py-3"><div class="container small">{footer_text(site)}</div></footer>
<script src="/js/app.js?id=3a9d2b1c"></script>
</body>
</html>
"""


# --- A PPID Pembantu: the Daftar Informasi Publik, service standards only as PDF tables -------


def sp_table_lines(site: Site, title: str, f: ServiceFacts, product: str) -> list[str]:
    """A Standar Pelayanan as the PermenPAN-RB 15/2014 table (No | Komponen | Uraian)."""
    def row(n: int, label: str, values: list[str]) -> list[str]:
        values = values or ["-"]
        out = [f"{n:<4}{label:<36}{values[0]}"]
        out += [f"{'':<40}{v}" for v in values[1:]]
        return out

    lines = ["STANDAR PELAYANAN", title.upper(), site.opd.upper(), "",
             f"{'NO':<4}{'KOMPONEN':<36}URAIAN"]
    comps = [("Dasar Hukum", [f.legal_basis or "-"]),
             ("Persyaratan Pelayanan", [f"{i}. {r}" for i, r in enumerate(f.requirements, 1)]),
             ("Sistem, Mekanisme dan Prosedur", [f"{i}. {p}" for i, p in
                                                 enumerate(f.procedure, 1)]),
             ("Jangka Waktu Penyelesaian", [f.duration or "-"]),
             ("Biaya/Tarif", [f.cost or "-"]),
             ("Produk Pelayanan", [product]),
             ("Penanganan Pengaduan, Saran dan Masukan",
              ["SiKesal, Call Center 112, kotak saran di kantor"])]
    for n, (label, values) in enumerate(comps, start=1):
        lines += row(n, label, values)
    return lines + ["", f"Kepala {site.opd}"]


DOWNLOAD_ICON = '<i class="fa fa-download"></i> Unduh'
PPID_PRODUCTS = {"pd_kir": "Kartu uji berkala dan tanda uji (stiker) kendaraan bermotor",
                 "pd_batubara": "Tindak lanjut laporan dan penindakan angkutan batu bara"}


def build_ppiddip(site: Site, facts: dict, reg) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html")
    put(site, "page", "profil", "Profil PPID Pembantu", "/profil-ppid", "profil-ppid.html",
        new_profile(site))
    dip = put(site, "listing", "dip", "Daftar Informasi Publik", "/daftar-informasi-publik",
              "dip.html")
    spl = put(site, "listing", "sp", "Standar Pelayanan", "/standar-pelayanan", "sp.html")
    put(site, "page", "permohonan", "Tata Cara Permohonan Informasi", "/permohonan-informasi",
        "permohonan.html",
        paras("Permohonan informasi publik dapat diajukan secara langsung di meja layanan PPID "
              "Pembantu, melalui surat, atau surat elektronik dengan melampirkan fotokopi KTP.",
              "PPID Pembantu memberikan jawaban paling lambat 10 hari kerja dan dapat "
              "diperpanjang 7 hari kerja. Keberatan disampaikan kepada atasan PPID."))
    rows, sp_rows = [], []
    n = 0
    for key, (_i, _s, slug, title, _intro, _o) in own_services(site):
        pdf = f"/uploads/dip/2025/{slug}.pdf"
        site.extra_files[pdf[1:]] = make_pdf(title, sp_table_lines(site, title, facts[key],
                                                                   PPID_PRODUCTS[key]))
        reg(Page(site, "service", key, title, pdf, pdf[1:]), key)
        n += 1
        sp_rows.append(f"<tr><td>{n}</td><td>{e(title)}</td><td>{a(pdf, 'Unduh PDF')}</td></tr>")
    others = [("Laporan Layanan Informasi Publik Tahun 2024", "laporan-layanan-informasi-2024",
               ["Jumlah permohonan informasi tahun 2024: 37 permohonan; dikabulkan seluruhnya 31,",
                "sebagian 4, ditolak 2 (informasi dikecualikan). Rata-rata waktu layanan 6 hari kerja."]),
              ("Maklumat Pelayanan Dinas Perhubungan", "maklumat-pelayanan",
               ["Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar",
                "pelayanan yang telah ditetapkan dan apabila tidak menepati janji ini kami siap",
                "menerima sanksi sesuai peraturan perundang-undangan yang berlaku."])]
    for title, slug, lines in others:
        site.extra_files[f"uploads/dip/2025/{slug}.pdf"] = make_pdf(title, [site.opd, ""] + lines)
    kinds = ["Setiap Saat", "Setiap Saat", "Berkala", "Setiap Saat"]
    docs = ([(SERVICES[k][3], f"/uploads/dip/2025/{SERVICES[k][2]}.pdf")
             for k, _s in own_services(site)]
            + [(t, f"/uploads/dip/2025/{s}.pdf") for t, s, _l in others])
    for i, (title, href) in enumerate(docs, start=1):
        rows.append(f"<tr><td>{i}</td><td>{e(title)}</td><td>Kepala Dinas Perhubungan</td>"
                    f"<td>Sekretaris</td><td>Kantor Dinas Perhubungan; situs PPID</td>"
                    f"<td>Softcopy dan hardcopy</td><td>5 tahun</td><td>{kinds[i - 1]}</td>"
                    f"<td>{a(href, DOWNLOAD_ICON)}</td></tr>")
    dip.body = ('<table class="table table-bordered table-striped dip" id="tabel-dip"><thead><tr>'
                "<th>No</th><th>Ringkasan Isi Informasi</th><th>Pejabat yang Menguasai</th>"
                "<th>Penanggung Jawab</th><th>Waktu dan Tempat</th><th>Bentuk Informasi</th>"
                "<th>Jangka Waktu Penyimpanan</th><th>Jenis Informasi</th><th>File</th></tr>"
                f"</thead><tbody>{''.join(rows)}</tbody></table>")
    spl.body = ('<table class="table table-bordered"><thead><tr><th>No</th><th>Jenis Layanan</th>'
                f"<th>Dokumen</th></tr></thead><tbody>{''.join(sp_rows)}</tbody></table>")
    home.body = (f"<p>Selamat datang di laman {e(site.short)}. Kami melayani permohonan "
                 "informasi publik di lingkungan Dinas Perhubungan Kota Jambi.</p>"
                 + ul([a(dip.href, "Daftar Informasi Publik"), a(spl.href, "Standar Pelayanan"),
                       a("/permohonan-informasi", "Tata Cara Permohonan Informasi")]))


def render_ppiddip(page: Page) -> str:
    site = page.site
    menu = "".join(f"<li>{a(h, t)}</li>" for h, t in (
        ("/", "Beranda"), ("/profil-ppid", "Profil"), ("/daftar-informasi-publik", "DIP"),
        ("/standar-pelayanan", "Standar Pelayanan"),
        ("/permohonan-informasi", "Permohonan Informasi")))
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{e(site.short)} | {e(page.title) if page.kind != "home" else e(site.tagline)}</title>
<link rel="stylesheet" href="/assets/css/ppid.css">
</head>
<body>
<div id="header"><img src="/assets/img/logo-ppid.png" alt="PPID"><span class="nama">{e(site.short)}</span><br><small>{e(site.opd)}</small></div>
<ul id="menu">{menu}</ul>
<div id="konten"><h2 class="judul">{e(page.title)}</h2>
{page.body}
</div>
<div id="footer">{footer_text(site)}</div>
</body>
</html>
"""


NEW_BUILD.update({"elementor": build_elementor, "blogger": build_blogger, "spa": build_spa,
                  "accordion": build_accordion, "mppportal": build_mppportal,
                  "ppiddip": build_ppiddip})
RENDER.update({"elementor": render_elementor, "blogger": render_blogger, "spa": render_spa,
               "accordion": render_accordion, "mppportal": render_mppportal,
               "ppiddip": render_ppiddip})
CSS.update({
    "elementor": ("wp-content/plugins/elementor/assets/css/frontend.min.css",
                  ".elementor-section{position:relative}.elementor-tab-content[hidden]{display:none}"),
    "blogger": ("favicon.ico", ""),
    "spa": ("favicon.ico", ""),
    "accordion": ("assets/bootstrap-5.3.2/css/bootstrap.min.css", "/* Bootstrap v5.3.2 (subset) */"),
    "mppportal": ("css/app.css", ".layanan-card{border-radius:8px}"),
    "ppiddip": ("assets/css/ppid.css", "#menu li{display:inline;margin-right:1em}"),
})


# ---------------------------------------------------------------------------------------------
# Blogspot and SPA sites as Kota Jambi really runs them (issue #11, second round)
#
# The "blogger" family above is a tidy stock theme whose posts keep one bold label per fact.
# Kecamatan admins write differently: a classic Blogger layout (each day's posts under an
# ``h2.date-header``, the time only in the footer's ``abbr.published``), posts composed in
# Blogger's editor (``<div>``, ``<span style>``, ``<b>``, ``<br />`` and ``&nbsp;``, never a list
# or a heading) that tell a service in blog prose: "Syarat dan Cara Mengurus ...", what to
# bring as ``<br>`` lines or one sentence, "Biayanya? Gratis, tidak dipungut biaya". Blogger
# serves its own robots.txt (``Disallow: /search``) and a sitemap index of ``?page=N`` pages.
#
# The "inertia" family is a Laravel + Inertia.js (Vue) app: every page is one
# ``<div id="app" data-page="{json}">`` whose props hold the records (Laravel resources with
# ``nama_layanan``, ``persyaratan`` as an HTML string or a list of ``{nama: ...}``, ``biaya``,
# ``waktu_pelayanan``); the list is paginated (``links``, ``next_page_url``), the page has no
# ``<a>`` at all, and its ``<title>`` is the app's name until the browser runs the bundle.
# Ports 8744 and 8745 (offsets 41-42 are the Joomla family's).
# ---------------------------------------------------------------------------------------------

SITES += [
    Site("kec-pasarjambi", "Kecamatan Pasar Jambi", "Kecamatan Pasar Jambi", "blogspot", 43,
         "Blog Resmi Kantor Camat Pasar Jambi, Kota Jambi",
         "Jl. Sultan Thaha, Kel. Pasar Jambi, Kec. Pasar Jambi, Kota Jambi",
         "adalah perangkat daerah kewilayahan Kota Jambi yang membina Kelurahan Pasar Jambi, "
         "Beringin, Orang Kayo Hitam dan Sungai Asam", labels="a",
         robots="User-agent: Mediapartners-Google\nDisallow: \n\nUser-agent: *\n"
         "Disallow: /search\nAllow: /\n\nSitemap: {base}/sitemap.xml\n",
         place="Kantor kelurahan sesuai domisili di Kecamatan Pasar Jambi", color="#7c2d12"),
    Site("sehat-bahagia", "Dinas Kesehatan Kota Jambi", "Sehat Bahagia", "inertia", 44,
         "Layanan Kesehatan Kota Jambi dalam Satu Aplikasi", KOMPLEK,
         "menyajikan layanan kesehatan dan rekomendasi izin praktik tenaga kesehatan",
         place="Puskesmas se-Kota Jambi", color="#047857"),
]
SITE.update({s.name: s for s in SITES})
FAMILY.update({"blogspot": "blogspot-classic", "inertia": "laravel-inertia"})

# Blog posts: (fact index, site, date, post title, intro, overrides); the URL is Blogger's
# /yyyy/mm/<title cut to about 40 characters>.html
SERVICES.update({
    "pj_domisili": (66, "kec-pasarjambi", "2024-07-08",
                    "Syarat dan Cara Mengurus Surat Keterangan Domisili",
                    "Surat keterangan domisili sering diminta untuk melamar kerja, membuka "
                    "rekening atau mendaftar sekolah. Suratnya diurus di kantor lurah tempat "
                    "tinggal, bukan di kantor camat.",
                    {"duration": "± 10 menit", "cost": "Gratis, tidak dipungut biaya"}),
    "pj_sktm": (67, "kec-pasarjambi", "2024-09-16",
                "Cara Membuat SKTM di Kelurahan untuk Keringanan Biaya Sekolah",
                "Surat Keterangan Tidak Mampu (SKTM) masih dipakai untuk keringanan biaya "
                "sekolah dan persyaratan bantuan. Untuk berobat, pemegang Kartu Bahagia tidak "
                "perlu SKTM lagi.", {"duration": "Hari itu juga bila berkas lengkap",
                                     "cost": "Gratis, tidak dipungut biaya"}),
    "pj_akta_mati": (7, "kec-pasarjambi", "2024-11-04",
                     "Persyaratan Mengurus Akta Kematian bagi Warga Pasar Jambi",
                     "Keluarga wajib melaporkan kematian paling lambat 30 hari. Akta kematian "
                     "diterbitkan Disdukcapil; berkasnya bisa dititipkan lewat kelurahan.",
                     {"cost": "Gratis, tidak dipungut biaya", "online": None}),
    "pj_kia": (8, "kec-pasarjambi", "2025-01-20", "Tata Cara Membuat KIA untuk Anak",
               "Kartu Identitas Anak (KIA) berlaku untuk anak di bawah 17 tahun, dipakai untuk "
               "mendaftar sekolah dan membuka tabungan anak.",
               {"cost": "Gratis, tidak dipungut biaya", "online": None,
                "duration": "Biasanya selesai 1 sampai 3 hari kerja"}),
    "pj_pdam": (69, "kec-pasarjambi", "2025-03-10",
                "Prosedur Pasang Baru Sambungan Air PDAM Tirta Mayang",
                "Warga yang rumahnya belum teraliri air bersih dapat mengajukan sambungan baru "
                "ke Perumda Tirta Mayang melalui Ketua RT dan kelurahan.", {}),
    # Sehat Bahagia (Laravel + Inertia): (fact index, site, slug, name, summary, overrides)
    "sb_ckg": (43, "sehat-bahagia", "cek-kesehatan-gratis", "Cek Kesehatan Gratis (CKG)",
               "Pemeriksaan kesehatan gratis untuk semua umur di puskesmas, cukup membawa "
               "KTP-el atau KIA.", {"duration": "Sekitar 1 jam pemeriksaan"}),
    "sb_uhc": (41, "sehat-bahagia", "berobat-gratis-uhc-jambi-bugar",
               "Berobat Gratis UHC Jambi Bugar",
               "Warga Kota Jambi yang belum terdaftar BPJS Kesehatan didaftarkan sebagai "
               "peserta JKN yang iurannya dibayar Pemerintah Kota, lalu berobat gratis.",
               {"duration": "Kepesertaan aktif paling lama 1x24 jam"}),
    "sb_pkm": (44, "sehat-bahagia", "pelayanan-kesehatan-dasar-puskesmas",
               "Pelayanan Kesehatan Dasar di Puskesmas",
               "Rawat jalan, kesehatan ibu dan anak, KB, imunisasi, gizi dan rujukan ke rumah "
               "sakit bagi peserta JKN.", {"duration": "Sesuai antrean hari itu"}),
    "sb_sip_dokter": (20, "sehat-bahagia", "rekomendasi-sip-dokter",
                      "Rekomendasi Izin Praktik Dokter dan Dokter Gigi",
                      "Rekomendasi Dinas Kesehatan sebagai syarat Surat Izin Praktik (SIP) "
                      "dokter dan dokter gigi yang diterbitkan DPMPTSP.",
                      {"location": "Dinas Kesehatan Kota Jambi, " + KOMPLEK}),
    "sb_sipb": (21, "sehat-bahagia", "rekomendasi-sip-bidan",
                "Rekomendasi Izin Praktik Bidan (SIPB)",
                "Rekomendasi bagi bidan yang akan praktik mandiri atau bekerja di fasilitas "
                "kesehatan di Kota Jambi.",
                {"location": "Dinas Kesehatan Kota Jambi, " + KOMPLEK}),
    "sb_sipp": (22, "sehat-bahagia", "rekomendasi-sip-perawat",
                "Rekomendasi Izin Praktik Perawat (SIPP)",
                "Rekomendasi bagi perawat yang akan praktik di fasilitas kesehatan atau "
                "praktik mandiri di Kota Jambi.",
                {"location": "Dinas Kesehatan Kota Jambi, " + KOMPLEK,
                 "cost": "Gratis, tidak dipungut biaya"}),
})

NEWS += [
    ("kec-pasarjambi", "disdukcapil-gelar-jemput-bola-rekam", "2025-02-15",
     "Disdukcapil Gelar Jemput Bola Rekam KTP di Kelurahan Orang Kayo Hitam",
     ["Tim Disdukcapil Kota Jambi membuka layanan jemput bola perekaman KTP-el di aula "
      "Kelurahan Orang Kayo Hitam pada Sabtu pagi. Sebanyak 62 warga, sebagian besar pelajar "
      "yang baru berusia 17 tahun, merekam data hari itu.",
      "Lurah mengingatkan syarat rekam cukup membawa KK asli, dan seluruh layanan gratis "
      "tanpa biaya apa pun."]),
    ("kec-pasarjambi", "pelayanan-rekam-ktp-el-keliling-di", "2025-04-09",
     "Pelayanan Rekam KTP-el Keliling di Kantor Camat Sabtu Ini",
     ["Mobil pelayanan keliling Disdukcapil akan berada di halaman Kantor Camat Pasar Jambi "
      "Sabtu ini pukul 08.00 sampai 12.00 WIB.",
      "Warga yang belum merekam KTP-el diminta membawa fotokopi KK; pelayanan ini gratis."]),
    ("kec-pasarjambi", "camat-tinjau-pelayanan-surat-domisili", "2025-05-21",
     "Camat Tinjau Pelayanan Surat Domisili di Kelurahan Beringin",
     ["Camat Pasar Jambi meninjau loket pelayanan Kelurahan Beringin dan memastikan surat "
      "keterangan domisili selesai dalam hitungan menit tanpa pungutan biaya.",
      "Warga yang merasa dipersulit diminta melapor melalui SiKesal."]),
    ("kec-pasarjambi", "gotong-royong-bersihkan-parit-di", "2025-06-14",
     "Gotong Royong Bersihkan Parit di Kelurahan Sungai Asam",
     ["Warga RT 05 Kelurahan Sungai Asam bersama staf kecamatan membersihkan parit dan "
      "saluran air menjelang musim hujan."]),
]

HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def blogger_slug(title: str) -> str:
    """Blogger's post URL: the title's words, cut at about 40 characters."""
    words = re.sub(r"[^a-z0-9]+", " ", title.lower()).split()
    slug = words[0]
    for word in words[1:]:
        if len(slug) + 1 + len(word) > 40:
            break
        slug += "-" + word
    return slug


def hari_tanggal(date: str) -> str:
    day = datetime.date.fromisoformat(date)
    return f"{HARI[day.weekday()]}, {tanggal(date)}"


def editor_lines(items: list[str]) -> str:
    """A list as Blogger's compose editor keeps it: numbered lines split by <br />."""
    return "<br />".join(f"{n}. {e(item)}" for n, item in enumerate(items, start=1))


def editor_sentence(items: list[str]) -> str:
    """A list told in one sentence: "a, b dan c"."""
    return ", ".join(items[:-1]) + (" dan " if len(items) > 1 else "") + items[-1]


def blogspot_post_body(intro: str, f: ServiceFacts, sentence: bool) -> str:
    """A service told in blog prose, in editor markup (no lists, no headings)."""
    span = '<span style="font-family: arial, helvetica, sans-serif;">'
    parts = [f'<div style="text-align: justify;">{span}{e(intro)}</span></div><div><br /></div>']
    if sentence:
        parts.append(f"<div>{span}Yang perlu disiapkan: {e(editor_sentence(f.requirements))}."
                     "</span></div><div><br /></div>")
    else:
        parts.append(f"<div>{span}<b>Berkas yang harus dibawa:</b></span></div>"
                     f"<div>{span}{editor_lines(f.requirements)}</span></div><div><br /></div>")
    if f.procedure:
        parts.append(f"<div>{span}<b>Caranya:</b><br />{editor_lines(f.procedure)}</span>"
                     "</div><div><br /></div>")
    if f.duration:
        parts.append(f"<div>{span}Lama pengurusan: {e(f.duration)}</span></div>")
    cost = f.cost or "Gratis"
    # the answer in bold, as bloggers stress it: "<b>Gratis</b>, tidak dipungut biaya"
    cost_html = (f"<b>{e(cost[:6])}</b>{e(cost[6:])}" if cost.lower().startswith("gratis")
                 else e(cost))
    parts.append(f"<div>{span}Biayanya?&nbsp;{cost_html}</span></div><div><br /></div>")
    parts.append(f"<div>{span}Tempat mengurus: {e(f.location or '')}</span></div>")
    if f.legal_basis:
        parts.append(f"<div>{span}Dasar hukum: {e(f.legal_basis)}</span></div>")
    parts.append('<div><span style="font-size: x-small;"><i>Informasi lebih lanjut hubungi '
                 "kantor kelurahan setempat pada jam kerja.</i></span></div>")
    return "".join(parts)


def build_blogspot(site: Site, facts: dict, reg) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html", aliases=("/?m=1",))
    posts: list[Page] = []
    for n, (key, (_i, _s, date, title, intro, _o)) in enumerate(own_services(site)):
        href = f"/{date[:4]}/{date[5:7]}/{blogger_slug(title)}.html"
        page = put(site, "service", key, title, href, href[1:],
                   blogspot_post_body(intro, facts[key], sentence=n % 2 == 1 and all(
                       len(r.split()) <= 5 for r in facts[key].requirements)), date=date,
                   summary=intro, aliases=(href + "?m=1",))
        page.labels = ["Layanan", "Kelurahan"]
        reg(page, key)
        posts.append(page)
    for slug, date, title, texts in own_news(site):
        href = f"/{date[:4]}/{date[5:7]}/{slug}.html"
        body = "".join(f'<div style="text-align: justify;">{e(t)}</div><div><br /></div>'
                       for t in texts)
        page = put(site, "news", f"news:{site.name}:{slug}", title, href, href[1:], body,
                   date=date, summary=texts[0], aliases=(href + "?m=1",))
        page.labels = ["Berita"]
        reg(page, page.key)
        posts.append(page)
    for slug, title, body in (("profil", "Profil Kecamatan", new_profile(site)),
                              ("kontak", "Kontak", contact_body(site))):
        put(site, "page", slug, title, f"/p/{slug}.html", f"p/{slug}.html", body,
            aliases=(f"/p/{slug}.html?m=1",))
    posts.sort(key=lambda p: p.date, reverse=True)
    home.posts = posts[:5]
    by_month: dict[str, list[Page]] = {}
    for p in posts:
        by_month.setdefault(p.date[:7], []).append(p)
    for ym, month_posts in sorted(by_month.items()):
        y, m = ym.split("-")
        ap = put(site, "listing", f"archive:{ym}", f"{BULAN[int(m) - 1]} {y}", f"/{y}/{m}/",
                 f"{y}/{m}/index.html", aliases=(f"/{y}/{m}/?m=1",))
        ap.posts = month_posts
    for y in sorted({p.date[:4] for p in posts}):
        yp = put(site, "listing", f"archive:{y}", y, f"/{y}/", f"{y}/index.html",
                 aliases=(f"/{y}/?m=1",))
        yp.posts = [p for p in posts if p.date.startswith(y)]
    # label and search pages exist, as on Blogger, though robots.txt keeps crawlers out
    for label in sorted({lab for p in posts for lab in p.labels}):
        lp = put(site, "listing", f"label:{label}", f"Postingan dengan label {label}",
                 f"/search/label/{label}", f"search/label/{label}.html",
                 aliases=(f"/search/label/{label}?m=1",))
        lp.posts = [p for p in posts if label in p.labels]
    older = put(site, "listing", "older", "Posting Lama", "/search", "search/older.html",
                aliases=(f"/search?updated-max={posts[4].date}T08:30:00%2B07:00"
                         "&max-results=5", "/search?m=1"))
    older.posts = posts[5:]
    page_urls = "".join(f"<url><loc>{site.base}/p/{s}.html</loc><lastmod>2024-06-03T02:11:40Z"
                        "</lastmod></url>" for s in ("profil", "kontak"))
    post_urls = "".join(f"<url><loc>{site.base}{p.href}</loc><lastmod>{p.date}T01:30:00Z"
                        "</lastmod></url>" for p in posts)
    urlset = "<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
    site.extra_files["sitemap.xml"] = (
        "<?xml version='1.0' encoding='UTF-8'?><sitemapindex xmlns="
        "'http://www.sitemaps.org/schemas/sitemap/0.9'><sitemap><loc>"
        f"{site.base}/sitemap.xml?page=1</loc></sitemap></sitemapindex>").encode()
    site.extra_files["sitemap-page-1.xml"] = (urlset + post_urls + "</urlset>").encode()
    site.extra_files["sitemap-pages.xml"] = (urlset + page_urls + "</urlset>").encode()
    site.routes[route_key("/sitemap.xml", "page=1")] = "sitemap-page-1.xml"
    blog_posts_feed(site, posts, "08:30:00.001")
    for p in posts:  # each post's comment feed, linked under it: no comments yet
        rel = f"feeds/{_post_id(p)}/comments-default.xml"
        site.extra_files[rel] = (
            "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title type='text'>{e(site.short)}: {e(p.title)}</title></feed>\n").encode()
        site.routes[route_key(f"/feeds/{_post_id(p)}/comments/default", "")] = rel


def blog_posts_feed(site: Site, posts: list[Page], clock: str) -> None:
    """Blogger's Atom feed of the posts at /feeds/posts/default (and ?alt=rss), each
    published at ``clock`` on its day."""
    entries = "".join(f"<entry><published>{p.date}T{clock}+07:00</published><title "
                      f"type='text'>{e(p.title)}</title><content type='html'>{e(p.body)}"
                      f"</content><link rel='alternate' type='text/html' href='{site.base}"
                      f"{p.href}'/></entry>" for p in posts)
    site.extra_files["feeds/posts-default.xml"] = (
        "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title type='text'>{e(site.short)}</title>{entries}</feed>\n").encode()
    for query in ("", "alt=rss"):
        site.routes[route_key("/feeds/posts/default", query)] = "feeds/posts-default.xml"


def blogspot_post(page: Page, *, item: bool) -> str:
    """One post of a classic Blogger layout; the date header is drawn by the caller."""
    site, pid = page.site, _post_id(page)
    url = site.base + page.href
    title = e(page.title) if item else a(url, e(page.title))
    labels = ", ".join(a(f"{site.base}/search/label/{lab.replace(' ', '%20')}", lab, rel="tag")
                       for lab in page.labels)
    return (f"<div class='post-outer'><div class='post hentry uncustomized-post-template' "
            "itemprop='blogPost' itemscope='itemscope' itemtype='http://schema.org/BlogPosting'>"
            f"<a name='{pid}'></a><h3 class='post-title entry-title' itemprop='name'>{title}</h3>"
            "<div class='post-header'><div class='post-header-line-1'></div></div>"
            f"<div class='post-body entry-content' id='post-body-{pid}' itemprop='description "
            f"articleBody'>{page.body}<div style='clear: both;'></div></div>"
            "<div class='post-footer'><div class='post-footer-line post-footer-line-1'>"
            "<span class='post-author vcard'>Diposting oleh <span class='fn' itemprop='author' "
            "itemscope='itemscope' itemtype='http://schema.org/Person'><span itemprop='name'>"
            "Admin Kecamatan</span></span></span> <span class='post-timestamp'>di <a "
            f"class='timestamp-link' href='{url}' rel='bookmark' title='permanent link'><abbr "
            f"class='published' itemprop='datePublished' title='{page.date}T08:30:00+07:00'>"
            "08.30</abbr></a></span> <span class='post-comment-link'>"
            + ("" if item else f"<a class='comment-link' href='{url}#comment-form'>Tidak ada "
               "komentar:</a>")
            + "</span></div><div class='post-footer-line post-footer-line-2'><span "
            f"class='post-labels'>Label: {labels}</span></div>"
            "<div class='post-footer-line post-footer-line-3'><div class='post-share-buttons "
            f"goog-inline-block'><a class='goog-inline-block share-button sb-email' href="
            f"'https://www.blogger.com/share-post.g?blogID={_blog_id(site)}&amp;postID={pid}"
            "&amp;target=email' target='_blank' title='Kirimkan Ini lewat Email'><span "
            "class='share-button-link-text'>Kirimkan Ini lewat Email</span></a></div></div>"
            "</div></div></div>")


def blogspot_days(posts: list[Page], *, item: bool) -> str:
    """Posts under their day's h2.date-header, newest day first."""
    days: dict[str, list[Page]] = {}
    for p in posts:
        days.setdefault(p.date, []).append(p)
    return "".join(
        f"<div class='date-outer'><h2 class='date-header'><span>{hari_tanggal(d)}</span></h2>"
        "<div class='date-posts'>" + "".join(blogspot_post(p, item=item) for p in ps)
        + "</div></div>" for d, ps in sorted(days.items(), reverse=True))


def render_blogspot(page: Page) -> str:
    site = page.site
    posts = sorted((p for p in site.pages if p.kind in ("service", "news")),
                   key=lambda p: p.date, reverse=True)
    canon = site.base + page.href
    if page.kind in ("service", "news"):
        at = posts.index(page)
        newer = (f"<span id='blog-pager-newer-link'>{a(site.base + posts[at - 1].href, 'Posting Lebih Baru', class_='blog-pager-newer-link', title='Posting Lebih Baru')}</span>"
                 if at > 0 else "")
        older = (f"<span id='blog-pager-older-link'>{a(site.base + posts[at + 1].href, 'Posting Lama', class_='blog-pager-older-link', title='Posting Lama')}</span>"
                 if at + 1 < len(posts) else "")
        main = (blogspot_days([page], item=True)
                + "<div class='comments' id='comments'><a name='comments'></a><h4>Tidak ada "
                "komentar:</h4><div id='Blog1_comments-block-wrapper'><dl class='avatar-comment-"
                "indent' id='comments-block'></dl></div><p class='comment-footer'><a href='https"
                f"://www.blogger.com/comment/fullpage/post/{_blog_id(site)}/{_post_id(page)}' "
                "onclick=''>Posting Komentar</a></p></div>"
                f"<div class='blog-pager' id='blog-pager'>{newer}{older}"
                f"{a(site.base + '/', 'Beranda', class_='home-link')}</div>"
                "<div class='post-feeds'><div class='feed-links'>Langganan: <a class='feed-link'"
                f" href='{site.base}/feeds/{_post_id(page)}/comments/default' target='_blank' "
                "type='application/atom+xml'>Posting Komentar (Atom)</a></div></div>")
        title = f"{e(site.short)}: {e(page.title)}"
    elif page.kind in ("home", "listing"):
        shown = page.posts
        rest = [p for p in posts if p.date < shown[-1].date] if page.kind == "home" else []
        pager = (f"<div class='blog-pager' id='blog-pager'><span id='blog-pager-older-link'>"
                 f"{a(site.base + '/search?updated-max=' + shown[-1].date + 'T08:30:00%2B07:00&max-results=5', 'Posting Lama', class_='blog-pager-older-link')}"
                 f"</span>{a(site.base + '/', 'Beranda', class_='home-link')}</div>"
                 if rest else "")
        main = (f"<div class='blog-posts hfeed'>{blogspot_days(shown, item=False)}</div>{pager}")
        title = e(site.short) if page.kind == "home" else f"{e(site.short)}: {e(page.title)}"
    else:
        main = (f"<div class='post-outer'><div class='post hentry'><h3 class='post-title "
                f"entry-title'>{e(page.title)}</h3><div class='post-body entry-content'>"
                f"{page.body}</div></div></div>")
        title = f"{e(site.short)}: {e(page.title)}"
    popular = "".join(
        f"<li><div class='item-content'><div class='item-title'>{a(site.base + p.href, e(p.title))}"
        f"</div><div class='item-snippet'>{e(p.summary[:100])}...</div></div>"
        "<div style='clear: both;'></div></li>" for p in posts if p.kind == "service")
    counts: dict[str, int] = {}
    for p in posts:
        for lab in p.labels:
            counts[lab] = counts.get(lab, 0) + 1
    labels = "".join(f"<li><a dir='ltr' href='{site.base}/search/label/{lab.replace(' ', '%20')}'"
                     f">{lab}</a><span dir='ltr'>({n})</span></li>"
                     for lab, n in sorted(counts.items()))
    years: dict[str, dict[str, list[Page]]] = {}
    for p in posts:
        years.setdefault(p.date[:4], {}).setdefault(p.date[5:7], []).append(p)
    archive = "".join(
        "<li class='archivedate expanded'><a class='toggle' href='javascript:void(0)'><span "
        f"class='zippy toggle-open'>▼&nbsp;</span></a><a class='post-count-link' href="
        f"'{site.base}/{y}/'>{y}</a> <span class='post-count' dir='ltr'>({sum(map(len, ms.values()))})"
        "</span><ul class='hierarchy'>" + "".join(
            "<li class='archivedate collapsed'><a class='toggle' href='javascript:void(0)'><span "
            f"class='zippy'>►&nbsp;</span></a><a class='post-count-link' href='{site.base}/{y}/"
            f"{m}/'>{BULAN[int(m) - 1]}</a> <span class='post-count' dir='ltr'>({len(ps)})</span>"
            "<ul class='posts'>" + "".join(f"<li>{a(site.base + p.href, e(p.title))}</li>"
                                           for p in ps) + "</ul></li>"
            for m, ps in sorted(ms.items(), reverse=True)) + "</ul></li>"
        for y, ms in sorted(years.items(), reverse=True))
    tabs = "".join(f"<li>{a(site.base + h, lab)}</li>" for lab, h in (
        ("Beranda", "/"), ("Profil", "/p/profil.html"), ("Kontak", "/p/kontak.html")))
    return f"""<!DOCTYPE html>
<html class='v2' dir='ltr' lang='id' xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b' xmlns:data='http://www.google.com/2005/gml/data' xmlns:expr='http://www.google.com/2005/gml/expr'>
<head>
<meta content='width=1100' name='viewport'/>
{blogger_head(page)}
<link rel="me" href="https://www.blogger.com/profile/0{_blog_id(site)}" />
<title>{title}</title>
<style id='page-skin-1' type='text/css'><!--
body {{ font: normal normal 12px Arial, Tahoma, Helvetica, FreeSans, sans-serif; color: #222222; }}
h2.date-header {{ font: normal bold 11px Arial, Tahoma, Helvetica, FreeSans, sans-serif; }}
.post-body {{ font-size: 110%; line-height: 1.4; position: relative; }}
--></style>
</head>
<body class='loading variant-simplysimple'>
<div class='navbar section' id='navbar' name='Navbar'><div class='widget Navbar' data-version='1' id='Navbar1'><script type="text/javascript">
    function setAttributeOnload(object, attribute, val) {{ if(window.addEventListener) {{ window.addEventListener('load', function(){{ object[attribute] = val; }}, false); }} }}
  </script><div id="navbar-iframe-container"></div></div></div>
<div class='content'><div class='content-outer'><div class='content-inner'>
<header><div class='header-outer'><div class='header-inner'><div class='section' id='header' name='Header'><div class='widget Header' data-version='1' id='Header1'>
<div id='header-inner'><div class='titlewrapper'><h1 class='title'><a href='{site.base}/'>{e(site.short)}</a></h1></div>
<div class='descriptionwrapper'><p class='description'><span>{e(site.tagline)}</span></p></div></div></div></div></div></div></header>
<div class='tabs-outer'><div class='tabs section' id='crosscol' name='Lintas Kolom'><div class='widget PageList' data-version='1' id='PageList1'><div class='widget-content'><ul>{tabs}</ul></div></div></div></div>
<div class='main-outer'><div class='main-inner columns-fix-sidebar'>
<div class='column-center-outer'><div class='column-center-inner'><div class='main section' id='main' name='Utama'><div class='widget Blog' data-version='1' id='Blog1'>
{main}
</div></div></div></div>
<div class='column-right-outer'><div class='column-right-inner'><aside><div class='sidebar section' id='sidebar-right-1'>
<div class='widget PopularPosts' data-version='1' id='PopularPosts1'><h2>Postingan Populer</h2><div class='widget-content popular-posts'><ul>{popular}</ul></div></div>
<div class='widget Label' data-version='1' id='Label1'><h2>Label</h2><div class='widget-content list-label-widget-content'><ul>{labels}</ul></div></div>
<div class='widget BlogArchive' data-version='1' id='BlogArchive1'><h2>Arsip Blog</h2><div class='widget-content'><div id='ArchiveList'><div id='BlogArchive1_ArchiveList'><ul class='hierarchy'>{archive}</ul></div></div></div></div>
<div class='widget Profile' data-version='1' id='Profile1'><h2>Mengenai Saya</h2><div class='widget-content'><dl class='profile-datablock'><dt class='profile-data'><a class='profile-name-link g-profile' href='https://www.blogger.com/profile/0{_blog_id(site)}' rel='author'>Admin Kecamatan</a></dt></dl><a class='profile-link' href='https://www.blogger.com/profile/0{_blog_id(site)}' rel='author'>Lihat profil lengkapku</a></div></div>
</div></aside></div></div>
</div></div>
<footer><div class='footer-outer'><div class='section' id='footer-3' name='Footer'><div class='widget Attribution' data-version='1' id='Attribution1'><div class='widget-content' style='text-align: center;'>{footer_text(site)}. Tema Sederhana. Diberdayakan oleh <a href='https://www.blogger.com' target='_blank'>Blogger</a>.</div></div></div>
<div class='mobile-link-button' id='mobile-desktop-link'><a class='home-link' href='{canon}?m=1'>Lihat versi seluler</a></div></div></footer>
</div></div></div>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------------
# Joomla (issue #11): Joomla 3 with the Protostar template and Joomla 4 with Cassiopeia
#
# Joomla is one of the most common CMSs of Indonesian local government sites. What a crawler
# meets there (as com_content's article, blog and list layouts, the SEF router and plugin and
# robots.txt.dist write it):
# - one article at several URLs: its SEF URL under the menu item it belongs to
#   (``/index.php/layanan/12-slug``; ``/layanan/12-slug`` with URL rewriting), and non-SEF
#   links pasted into custom HTML modules and article text
#   (``/index.php?option=com_content&view=article&id=12:slug&catid=9&Itemid=101``). The copy an
#   ``Itemid`` selects is rendered with that menu item active and its own breadcrumbs;
# - a hits counter in every article's info block ("Dilihat: 231 kali"), one more on every
#   fetch, so no two fetches of an article are byte-equal;
# - category blogs (intro text, "Selengkapnya" links, ``?start=4`` pages), category lists with
#   a hits column, tag pages, the print view (``tmpl=component&print=1``, noindex) and the
#   e-mail form (``/component/mailto/``) on Joomla 3, RSS feeds (``format=feed&type=rss``);
# - Joomla 4 with the SEF plugin's domain set: a canonical link echoing the request;
# - service standards attached as PDFs under ``/images/dokumen/``, or written as a table.
# ---------------------------------------------------------------------------------------------

JOOMLA3_ROBOTS = ("User-agent: *\nDisallow: /administrator/\nDisallow: /bin/\nDisallow: /cache/\n"
                  "Disallow: /cli/\nDisallow: /components/\nDisallow: /includes/\n"
                  "Disallow: /installation/\nDisallow: /language/\nDisallow: /layouts/\n"
                  "Disallow: /libraries/\nDisallow: /logs/\nDisallow: /modules/\n"
                  "Disallow: /plugins/\nDisallow: /tmp/\n")
JOOMLA4_ROBOTS = ("User-agent: *\nDisallow: /administrator/\nDisallow: /api/\nDisallow: /bin/\n"
                  "Disallow: /cache/\nDisallow: /cli/\nDisallow: /includes/\n"
                  "Disallow: /installation/\nDisallow: /language/\nDisallow: /layouts/\n"
                  "Disallow: /libraries/\nDisallow: /logs/\nDisallow: /tmp/\n")

SITES += [
    Site("kec-paalmerah", "Kecamatan Paal Merah", "Kecamatan Paal Merah", "joomla", 41,
         "Paal Merah Melayani Sepenuh Hati", "Kantor Camat Paal Merah, Kota Jambi",
         "menyelenggarakan pelayanan administrasi kecamatan, meneruskan usulan bantuan sosial "
         "warga dan membina kelurahan di wilayah Paal Merah", labels="b", list_style="ol",
         place="Kantor Camat Paal Merah dan kantor kelurahan sesuai domisili", color="#7c2d12",
         variant="3", robots=JOOMLA3_ROBOTS),
    Site("kec-jambiselatan", "Kecamatan Jambi Selatan", "Kecamatan Jambi Selatan", "joomla", 42,
         "Bersama Wujudkan Jambi Selatan Bahagia", "Kantor Camat Jambi Selatan, Kota Jambi",
         "menyelenggarakan pelayanan administrasi kecamatan dan menjadi pintu program Pemerintah "
         "Kota Jambi bagi warga Jambi Selatan: berobat gratis, pelatihan kerja dan modal usaha",
         labels="d", list_style="ul", place="Kantor Camat Jambi Selatan, Kota Jambi",
         color="#1e40af", variant="4", robots=JOOMLA4_ROBOTS),
]
SITE.update({s.name: s for s in SITES})
FAMILY["joomla"] = "joomla"

SERVICES.update({
    # Kecamatan Paal Merah (Joomla 3)
    "pm_domisili": (66, "kec-paalmerah", "surat-keterangan-domisili",
                    "Surat Keterangan Domisili",
                    "Surat keterangan domisili bagi warga yang tinggal di wilayah Kecamatan Paal "
                    "Merah, diterbitkan kelurahan dan diketahui camat bila diminta instansi "
                    "tujuan, misalnya untuk melamar kerja atau membuka usaha.",
                    {"duration": "1 hari kerja"}),
    "pm_sktm": (67, "kec-paalmerah", "surat-keterangan-tidak-mampu",
                "Surat Keterangan Tidak Mampu (SKTM)",
                "SKTM bagi keluarga kurang mampu di Paal Merah untuk keringanan biaya sekolah, "
                "rumah sakit atau persyaratan bantuan. Pengantar RT dan RW wajib dibawa.", {}),
    "pm_pindah": (9, "kec-paalmerah", "pengantar-pindah-keluar",
                  "Surat Pengantar Pindah Keluar Kota Jambi",
                  "Warga Paal Merah yang akan pindah ke luar Kota Jambi meminta surat pengantar "
                  "dari kelurahan dan kecamatan sebelum SKPWNI diterbitkan Disdukcapil.",
                  {"online": None}),
    "pm_dtks": (40, "kec-paalmerah", "usulan-dtks",
                "Usulan dan Perbaikan Data DTKS (DTSEN) untuk Bantuan Sosial",
                "Keluarga yang belum terdaftar sebagai penerima bantuan sosial (PKH, BPNT, PBI "
                "JK) atau datanya salah dapat diusulkan melalui kelurahan; kecamatan meneruskan "
                "hasil musyawarah kelurahan ke Dinas Sosial.", {"online": None}),
    "pm_kampung": (68, "kec-paalmerah", "kampung-bahagia",
                   "Pengajuan Kegiatan Kampung Bahagia Tingkat RT",
                   "Ketua RT di Kecamatan Paal Merah mengusulkan kegiatan Kampung Bahagia yang "
                   "dibiayai Rp100 juta per RT. Standar pelayanannya dapat diunduh di bawah ini.",
                   {}),
    "pm_santunan": (42, "kec-paalmerah", "santunan-kematian",
                    "Santunan Kematian bagi Ahli Waris Peserta Kartu Bahagia",
                    "Ahli waris Ketua RT, pekerja rentan, petugas syara dan pegawai harian lepas "
                    "yang terdaftar dalam program Kartu Bahagia menerima santunan kematian dari "
                    "BPJS Ketenagakerjaan.", {}),
    # Kecamatan Jambi Selatan (Joomla 4)
    "js_kk": (4, "kec-jambiselatan", "perubahan-kartu-keluarga",
              "Pengantar Perubahan Kartu Keluarga",
              "Tambah anggota keluarga karena kelahiran, pisah KK setelah menikah atau "
              "perubahan data KK bagi warga Jambi Selatan, diajukan lewat kelurahan dan "
              "kecamatan untuk diteruskan ke Disdukcapil.", {"online": None}),
    "js_jemput": (16, "kec-jambiselatan", "jemput-bola-adminduk",
                  "Layanan Jemput Bola Adminduk di Kantor Camat",
                  "Petugas Disdukcapil membuka layanan jemput bola di Kantor Camat Jambi "
                  "Selatan setiap Sabtu: rekam KTP-el, cetak KK dan akta bagi warga yang sulit "
                  "datang ke Disdukcapil.", {"duration": "Setiap Sabtu pukul 08.00-12.00 WIB"}),
    "js_uhc": (41, "kec-jambiselatan", "berobat-gratis-uhc",
               "Pendaftaran Berobat Gratis UHC Jambi Bugar",
               "Warga Jambi Selatan yang belum memiliki BPJS Kesehatan didaftarkan sebagai peserta "
               "UHC Jambi Bugar yang iurannya dibayar Pemerintah Kota Jambi, lalu dapat berobat "
               "cukup dengan KTP-el.", {}),
    "js_banharkat": (52, "kec-jambiselatan", "modal-usaha-banharkat",
                     "Pinjaman Modal Usaha BanHarkat untuk Kelompok Usaha",
                     "Kelompok usaha warga Jambi Selatan dapat mengajukan pinjaman modal "
                     "BanHarkat berbunga rendah melalui kecamatan untuk diverifikasi.", {}),
    "js_balikat": (51, "kec-jambiselatan", "pelatihan-kerja-balikat",
                   "Pendaftaran Pelatihan Kerja Gratis di BALIKAT",
                   "Pemuda dan pencari kerja Jambi Selatan dapat mendaftar pelatihan keterampilan "
                   "gratis di Balai Latihan Kerja Tematik (BALIKAT) melalui kantor camat.", {}),
    "js_akta_mati": (7, "kec-jambiselatan", "pelaporan-kematian",
                     "Pelaporan Kematian dan Penerbitan Akta Kematian",
                     "Kematian warga dilaporkan keluarga melalui kelurahan dan kecamatan agar akta "
                     "kematian terbit dan KK diperbarui. Rincian persyaratan ada pada standar "
                     "pelayanan terlampir.", {"cost": GRATIS_ADMINDUK}),
})

NEWS += [
    ("kec-paalmerah", "rapat-koordinasi-dtks", "2024-02-06",
     "Rapat Koordinasi Pemutakhiran DTKS Bersama Lurah dan Operator SIKS-NG",
     ["Camat Paal Merah memimpin rapat koordinasi pemutakhiran data kesejahteraan sosial "
      "bersama lurah dan operator SIKS-NG se-Kecamatan Paal Merah.",
      "Warga yang merasa layak menerima bantuan namun belum terdata diminta melapor ke RT "
      "setempat; tata caranya ada pada laman [[pm_dtks|Usulan dan Perbaikan Data DTKS]]."]),
    ("kec-paalmerah", "sosialisasi-kampung-bahagia", "2024-03-18",
     "Sosialisasi Program Kampung Bahagia kepada Ketua RT",
     ["Sebanyak 120 Ketua RT mengikuti sosialisasi Program Kampung Bahagia di aula Kantor Camat "
      "Paal Merah.",
      "Pendamping menjelaskan jenis kegiatan yang dapat diusulkan dan tahapan musyawarah "
      "warga."]),
    ("kec-paalmerah", "gotong-royong-payo-selincah", "2024-04-20",
     "Gotong Royong Bersihkan Saluran Air di Payo Selincah",
     ["Warga bersama staf kecamatan dan kelurahan membersihkan saluran air untuk mencegah "
      "genangan saat hujan deras.",
      "Camat mengapresiasi partisipasi warga dan meminta kegiatan ini dilakukan rutin setiap "
      "bulan."]),
    ("kec-jambiselatan", "pasar-murah-ramadhan", "2024-03-25",
     "Pasar Murah Ramadhan di Halaman Kantor Camat Jambi Selatan",
     ["Pemerintah Kota Jambi menggelar pasar murah beras, minyak goreng dan gula di halaman "
      "Kantor Camat Jambi Selatan selama tiga hari.",
      "Warga cukup membawa KTP-el untuk membeli paket sembako bersubsidi."]),
    ("kec-jambiselatan", "jemput-bola-rekam-ktp-pelajar", "2024-05-04",
     "Jemput Bola Rekam KTP-el bagi Pelajar SMA Berusia 17 Tahun",
     ["Tim Disdukcapil merekam KTP-el 86 pelajar yang telah berusia 17 tahun di Kantor Camat "
      "Jambi Selatan.",
      "Jadwal layanan berikutnya dapat dilihat pada laman [[js_jemput|Layanan Jemput Bola "
      "Adminduk]]."]),
    ("kec-jambiselatan", "lomba-kebersihan-rt", "2024-06-15",
     "Penilaian Lomba Kebersihan Lingkungan Tingkat RT",
     ["Tim penilai kecamatan mengunjungi dua belas RT peserta lomba kebersihan lingkungan.",
      "Pemenang diumumkan pada peringatan HUT Kota Jambi dan mendapat hadiah pembinaan."]),
]


def joomla_hits(page_id: int, copy: int = 0) -> int:
    """The article's hits counter as one fetch sees it: every copy is a later request."""
    return 140 + page_id * 37 % 600 + copy * 3


def build_joomla(site: Site, facts: dict, reg) -> None:
    """Menu items (Itemid) 101 Beranda, 102 Profil, 103 Layanan (a category blog of catid 9),
    104 Berita (a category list of catid 8), 105 Unduhan, 106 Kontak. Joomla 3 builds SEF
    URLs without rewriting (``/index.php/layanan/12-slug``), Joomla 4 with it."""
    j3 = site.variant == "3"
    pre = "/index.php" if j3 else ""
    home = put(site, "home", "home", site.short, "/", "index.html",
               aliases=("/index.php", "/index.php?Itemid=101") if j3 else ("/index.php",))
    put(site, "page", "profil", "Profil Kecamatan", f"{pre}/profil", "profil.html",
        new_profile(site), crumbs=[("Beranda", "/")], view={"item": 102})
    lay = put(site, "listing", "list-layanan", "Layanan", f"{pre}/layanan", "layanan.html",
              crumbs=[("Beranda", "/")], view={"item": 103})
    lay2 = put(site, "listing", "list-layanan-2", "Layanan", f"{pre}/layanan?start=4",
               "layanan-start-4.html", crumbs=[("Beranda", "/")], view={"item": 103})
    ber = put(site, "listing", "list-berita", "Berita", f"{pre}/berita", "berita.html",
              crumbs=[("Beranda", "/")], view={"item": 104})
    unduh = put(site, "page", "unduhan", "Unduhan", f"{pre}/unduhan", "unduhan.html",
                crumbs=[("Beranda", "/")], view={"item": 105})
    put(site, "page", "kontak", "Kontak", f"{pre}/kontak", "kontak.html", contact_body(site),
        crumbs=[("Beranda", "/")], view={"item": 106})
    start = 12 if j3 else 31
    pdfs: list[str] = []
    for n, (key, (_i, _s, slug, title, intro, _o)) in enumerate(own_services(site), start=start):
        f = facts[key]
        nonsef = f"/index.php?option=com_content&view=article&id={n}:{slug}&catid=9"
        if key in ("pm_kampung", "js_akta_mati"):  # the standard is an attached PDF
            pdf = f"/images/dokumen/sp-{slug}.pdf"
            site.extra_files[pdf[1:]] = make_pdf(f"Standar Pelayanan {title}",
                                                 sp_pdf_lines(site, title, f))
            pdfs.append(a(pdf, f"Standar Pelayanan {e(title)}"))
            reg(Page(site, "document", f"{key}:pdf", title, pdf, pdf[1:]), f"{key}:pdf")
            body = (f"<p>{e(intro)}</p><p>Unduh standar pelayanan (persyaratan, prosedur, waktu "
                    f"dan biaya): {a(pdf, f'sp-{slug}.pdf', class_='jdownload')}</p>")
        elif j3:
            body = f"<p>{e(intro)}</p>" + "".join(
                f"<p><strong>{e(label)}:</strong></p>"
                + (value_html(anchor, value, site.list_style) if isinstance(value, list)
                   else f"<p>{value_html(anchor, value, site.list_style)}</p>")
                for anchor, label, value in fact_rows(site, f))
        else:
            rows = "".join(f"<tr><td>{e(label)}</td><td>{value_html(anchor, value, 'ol')}</td></tr>"
                           for anchor, label, value in fact_rows(site, f))
            body = (f"<p>{e(intro)}</p><table class=\"table table-bordered\"><tbody>{rows}"
                    "</tbody></table>")
        href = f"{pre}/layanan/{n}-{slug}"
        crumbs = [("Beranda", "/"), ("Layanan", lay.href)]
        # the copies an Itemid in the menu's own category selects are the same page
        aliases = [f"{nonsef}&Itemid=103"] + ([] if j3 else [f"/index.php/layanan/{n}-{slug}"])
        page = put(site, "service", key, title, href, f"artikel/{n}.html", body, summary=intro,
                   aliases=tuple(aliases), crumbs=crumbs,
                   view={"item": 103, "id": n, "slug": slug, "hits": joomla_hits(n)})
        reg(page, key)
        # the copy a custom module links with the home page's Itemid: Beranda active, its own
        # breadcrumbs, a later hits count
        put(site, "copy", f"{key}:101", title, f"{nonsef}&Itemid=101", f"artikel/{n}-101.html",
            body, crumbs=[("Beranda", "/")],
            view={"item": 101, "id": n, "hits": joomla_hits(n, 1), "of": href})
        joomla3_icons(site, page)
    for n, (slug, date, title, texts) in enumerate(own_news(site), start=start + 20):
        page = put(site, "news", f"news:{site.name}:{slug}", title, f"{pre}/berita/{n}-{slug}",
                   f"artikel/{n}.html", paras(*texts), date=date, summary=news_summary(texts),
                   aliases=(f"/index.php?option=com_content&view=article&id={n}:{slug}&catid=8"
                            "&Itemid=104",),
                   crumbs=[("Beranda", "/"), ("Berita", ber.href)],
                   view={"item": 104, "id": n, "hits": joomla_hits(n)})
        reg(page, page.key)
        joomla3_icons(site, page)
    services, news = pages_of(site, "service"), pages_of(site, "news")
    tag = put(site, "listing", "tag", "Tag: Kependudukan",
              f"{pre}/component/tags/tag/{2 if j3 else 'kependudukan'}", "tag.html",
              crumbs=[("Beranda", "/")], view={"item": 101})
    tagged = [p for p in services if p.key.endswith(("domisili", "pindah", "_kk", "jemput",
                                                     "akta_mati"))]
    for p in site.pages:  # the article and its copies show the tag
        p.view["tagged"] = p in tagged or p.view.get("of") in {t.href for t in tagged}
    tag.body = ul([a(p.href, e(p.title)) for p in tagged], cls="tagspopular")

    def blog_item(p: Page) -> str:
        label = "Selengkapnya" + (f": {e(p.title)}" if j3 else "")
        return (f'<div class="item" itemprop="blogPost"><div class="page-header"><h2 '
                f'itemprop="name">{a(p.href, e(p.title))}</h2></div><p>{e(p.summary)}</p>'
                f'<p class="readmore">{a(p.href, label, class_="btn")}</p></div>')

    def pagination(current: int) -> str:
        pages = [(1, lay.href), (2, lay2.href)]
        return ('<div class="pagination"><p class="counter pull-right">Halaman '
                f'{current} dari 2</p><ul>' + "".join(
                    f"<li><span class=\"pagenav\">{k}</span></li>" if k == current
                    else f"<li>{a(h, str(k), class_='pagenav')}</li>" for k, h in pages)
                + "</ul></div>")

    lay.body = ('<div class="blog">' + "".join(blog_item(p) for p in services[:4])
                + pagination(1) + "</div>")
    lay2.body = ('<div class="blog">' + "".join(blog_item(p) for p in services[4:])
                 + pagination(2) + "</div>")
    ber.body = ('<table class="category table table-striped table-bordered table-hover"><thead>'
                '<tr><th id="categorylist_header_title">Judul</th><th '
                'id="categorylist_header_date">Tanggal</th><th id="categorylist_header_hits">'
                "Dilihat</th></tr></thead><tbody>" + "".join(
                    f'<tr class="cat-list-row{i % 2}"><td class="list-title">'
                    f"{a(p.href, e(p.title))}</td><td>{tanggal(p.date)}</td><td class=\"list-hits\">"
                    f'<span class="badge badge-info">Dilihat: {p.view["hits"]}</span></td></tr>'
                    for i, p in enumerate(news)) + "</tbody></table>"
                + f'<p>{a(ber.href + "?format=feed&type=rss", "Feed RSS")}</p>')
    site.extra_files["feed-berita.xml"] = (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>Berita - {e(site.short)}</title><link>{site.base}{ber.href}</link>" + "".join(
            f"<item><title>{e(p.title)}</title><link>{site.base}{p.href}</link></item>"
            for p in news) + "</channel></rss>\n").encode()
    for url in (f"{ber.href}?format=feed&type=rss", f"{ber.href}?format=feed&type=atom"):
        parts = urlsplit(url)
        site.routes[route_key(parts.path, parts.query)] = "feed-berita.xml"
    unduh.body = ("<p>Standar pelayanan yang dapat diunduh:</p>" + ul(pdfs)
                  + '<p>Cari: <a href="' + tag.href + '">Kependudukan</a></p>')
    # the template's own files the pages link (the stylesheet is written from CSS)
    assets = (("templates/protostar/favicon.ico", "media/jui/js/jquery.min.js") if j3 else
              ("media/templates/site/cassiopeia/css/template.min.css",
               "media/templates/site/cassiopeia/images/joomla-favicon.svg",
               "media/system/js/core.min.js"))
    for asset in assets:
        site.extra_files[asset] = f"/* {asset.rsplit('/', 1)[-1]} */\n".encode()
    featured = "".join(blog_item(p) for p in news[:2])
    # links pasted into the text the way an editor copies them: non-SEF with the category's
    # Itemid on Joomla 3, the SEF URL from before rewriting was switched on on Joomla 4
    old = [(f"/index.php?option=com_content&view=article&id={p.view['id']}:"
            f"{p.view['slug']}&catid=9&Itemid=103"
            if j3 else "/index.php" + p.href, p.title) for p in services[:2]]
    home.body = (f"<p>Selamat datang di situs resmi {e(site.opd)}. Informasi penting: "
                 + " dan ".join(a(h, e(t)) for h, t in old) + ".</p>"
                 f'<div class="blog-featured">{featured}</div>')


def joomla3_icons(site: Site, page: Page) -> None:
    """What Joomla 3's print and e-mail icons of an article lead to: the print view and the
    e-mail form (its ``link`` a hash of the article's URL)."""
    if site.variant != "3":
        return
    n, href = page.view["id"], page.href
    put(site, "copy", f"{page.key}:print", page.title,
        f"{href}?tmpl=component&print=1&layout=default", f"artikel/{n}-print.html", page.body,
        date=page.date, view={"print": True, "id": n, "hits": joomla_hits(n, 2), "of": href})
    mail = hashlib.sha1(href.encode()).hexdigest()
    put(site, "copy", f"{page.key}:mailto", "Kirim ke teman",
        f"/index.php/component/mailto/?tmpl=component&template=protostar&link={mail}",
        f"mailto-{n}.html", view={"mailto": True, "id": n, "of": href})


def joomla_modules(site: Site) -> str:
    """The sidebar: a custom HTML module that links services the non-SEF way with the home
    page's Itemid, latest news and the most read articles."""
    services, news = pages_of(site, "service"), pages_of(site, "news")
    custom = ul([a(next(p for p in site.pages if p.key == f"{s.key}:101").href, e(s.title))
                 for s in services])
    latest = ul([a(p.href, e(p.title)) for p in news[:3]], cls="latestnews")
    popular = ul([a(p.href, e(p.title)) for p in sorted(
        services + news, key=lambda p: -p.view["hits"])[:4]], cls="mostread")
    return (f'<div class="moduletable"><h3>Layanan Unggulan</h3><div class="custom">{custom}'
            f'</div></div><div class="moduletable"><h3>Berita Terbaru</h3>{latest}</div>'
            f'<div class="moduletable"><h3>Terpopuler</h3>{popular}</div>')


def joomla_article(page: Page) -> str:
    """com_content's article layout: title, info block (category, date, hits), print and
    e-mail icons on Joomla 3, the text, previous/next links."""
    site, view = page.site, page.view
    j3 = site.variant == "3"
    news = page.kind == "news" or page.key.startswith("news:")
    cat_href = next(p.href for p in site.pages
                    if p.key == ("list-berita" if news else "list-layanan"))
    date = page.date or "2024-01-15"
    info = (f'<dl class="article-info muted"><dt class="article-info-term">Rincian</dt>'
            f'<dd class="category-name">Kategori: {a(cat_href, "Berita" if news else "Layanan")}'
            f'</dd><dd class="published"><time datetime="{date}T08:00:00+07:00">Diterbitkan: '
            f"{tanggal(date)}</time></dd><dd class=\"hits\"><meta itemprop=\"interactionCount\" "
            f'content="UserPageVisits:{view["hits"]}">Dilihat: {view["hits"]} kali</dd></dl>')
    icons = ""
    if j3 and not view.get("print"):
        href = view.get("of", page.href)
        mail = hashlib.sha1(href.encode()).hexdigest()
        icons = ('<div class="icons"><div class="btn-group pull-right"><ul class="dropdown-menu">'
                 f'<li class="print-icon">{a(href + "?tmpl=component&print=1&layout=default", "Cetak", rel="nofollow")}</li>'
                 f'<li class="email-icon">{a(f"/index.php/component/mailto/?tmpl=component&template=protostar&link={mail}", "Email", rel="nofollow")}</li>'
                 "</ul></div></div>")
    tag = next(p for p in site.pages if p.key == "tag")
    tags = (f'<ul class="tags inline"><li class="tag-2 tag-list0">{a(tag.href, "Kependudukan", class_="label label-info")}</li></ul>'
            if view.get("tagged") else "")
    same = [p for p in site.pages if p.kind == ("news" if news else "service")]
    pos = next((i for i, p in enumerate(same) if p.view["id"] == view["id"]), 0)
    nav = []
    if pos > 0:
        nav.append(f'<li class="previous">{a(same[pos - 1].href, "&lt; Sebelumnya", rel="prev")}</li>')
    if pos + 1 < len(same):
        nav.append(f'<li class="next">{a(same[pos + 1].href, "Selanjutnya &gt;", rel="next")}</li>')
    pagenav = f'<ul class="pager pagenav">{"".join(nav)}</ul>' if nav and not view.get("print") else ""
    heading = "h2" if j3 else "h1"
    return (f'<div class="item-page{" com-content-article" if not j3 else ""}" itemscope '
            f'itemtype="https://schema.org/Article"><div class="page-header"><{heading} '
            f'itemprop="headline">{e(page.title)}</{heading}></div>{icons}{info}{tags}'
            f'<div itemprop="articleBody" class="com-content-article__body">{page.body}</div>'
            f"{pagenav}</div>")


def render_joomla(page: Page) -> str:
    site, view = page.site, page.view
    j3 = site.variant == "3"
    if view.get("mailto"):
        return f"""<!DOCTYPE html>
<html lang="id-id" dir="ltr">
<head>
<meta http-equiv="content-type" content="text/html; charset=utf-8" />
<meta name="generator" content="Joomla! - Open Source Content Management" />
<title>{e(site.short)}</title>
<link href="/templates/protostar/css/template.css" rel="stylesheet" />
</head>
<body class="contentpane modal">
<div id="mailto-window"><h2>Kirim tautan ini ke teman.</h2>
<form action="/index.php" id="mailtoForm" method="post">
<div class="control-group"><label for="mailto_field">Email ke</label><input type="text" id="mailto_field" name="mailto" class="inputbox" size="25" value=""/></div>
<div class="control-group"><label for="sender_field">Pengirim</label><input type="text" id="sender_field" name="sender" class="inputbox" value="" size="25" /></div>
<div class="control-group"><label for="subject_field">Subjek</label><input type="text" id="subject_field" name="subject" class="inputbox" value="" size="25" /></div>
<p><button class="button" type="submit">Kirim</button> <button class="button" onclick="window.close();return false;">Batal</button></p>
<input type="hidden" name="layout" value="default" /><input type="hidden" name="option" value="com_mailto" /><input type="hidden" name="task" value="send" /><input type="hidden" name="tmpl" value="component" /><input type="hidden" name="link" value="{hashlib.sha1(view["of"].encode()).hexdigest()}" />
</form></div>
</body>
</html>
"""
    article = page.kind in ("service", "news", "copy")
    content = joomla_article(page) if article else (
        f'<div class="{"blog" if page.kind != "home" else "blog-featured"}"><div '
        f'class="page-header"><h2>{e(page.title)}</h2></div>{page.body}</div>'
        if page.kind != "home" else page.body)
    title = e(page.title) if page.kind != "home" else f"Beranda - {e(site.short)}"
    if view.get("print"):
        return f"""<!DOCTYPE html>
<html lang="id-id" dir="ltr">
<head>
<meta name="robots" content="noindex, nofollow" />
<meta http-equiv="content-type" content="text/html; charset=utf-8" />
<meta name="generator" content="Joomla! - Open Source Content Management" />
<title>{title}</title>
<link href="/templates/protostar/css/template.css" rel="stylesheet" />
</head>
<body class="contentpane modal">
<div id="system-message-container"></div>
{content}
<script>window.print();</script>
</body>
</html>
"""
    active = view.get("item", 101)
    menu_items = [(101, "/", "Beranda"), (102, "profil", "Profil"), (103, "list-layanan", "Layanan"),
                  (104, "list-berita", "Berita"), (105, "unduhan", "Unduhan"), (106, "kontak", "Kontak")]
    by_key = {p.key: p for p in site.pages}
    menu = "".join(
        f'<li class="item-{i}{" current active" if i == active else ""}">'
        f'{a("/" if k == "/" else by_key[k].href, label)}</li>' for i, k, label in menu_items)
    crumbs = page.crumbs if page.kind != "home" else []
    trail = "".join(f'<li itemprop="itemListElement">{a(h, e(t), class_="pathway")}'
                    '<span class="divider"> / </span></li>' for t, h in crumbs)
    breadcrumbs = (f'<ul itemscope itemtype="https://schema.org/BreadcrumbList" '
                   f'class="breadcrumb"><li>Anda di sini: &#160;</li>{trail}<li '
                   f'class="active"><span>{e(page.title)}</span></li></ul>') if crumbs else ""
    canonical = ""
    if not j3:  # the SEF plugin's domain is set: the canonical echoes the request
        canonical = f'<link href="{site.base}{page.href}" rel="canonical" />\n'
    itemid = f" itemid-{active}"
    if j3:
        return f"""<!DOCTYPE html>
<html lang="id-id" dir="ltr">
<head>
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<meta charset="utf-8" />
<meta name="generator" content="Joomla! - Open Source Content Management" />
<title>{title}</title>
<link href="/index.php/berita?format=feed&amp;type=rss" rel="alternate" type="application/rss+xml" title="RSS 2.0" />
<link href="/templates/protostar/favicon.ico" rel="shortcut icon" type="image/vnd.microsoft.icon" />
<link href="/templates/protostar/css/template.css?6f7b1f0c" rel="stylesheet" />
<script src="/media/jui/js/jquery.min.js?6f7b1f0c"></script>
</head>
<body class="site com_content view-{"featured" if page.kind == "home" else "article" if article else "category"} no-layout no-task{itemid} fluid">
<div class="body" id="top"><div class="container-fluid">
<header class="header" role="banner"><div class="header-inner clearfix">
<a class="brand pull-left" href="/"><span class="site-title" title="{e(site.short)}">{e(site.short)}</span><div class="site-description">{e(site.tagline)}</div></a>
<div class="header-search pull-right"><div class="search"><form action="/index.php" method="post" class="form-inline"><label for="mod-search-searchword" class="element-invisible">Cari ...</label> <input name="searchword" id="mod-search-searchword" maxlength="200" class="inputbox search-query input-medium" type="search" placeholder="Cari ..." /><input type="hidden" name="task" value="search" /><input type="hidden" name="option" value="com_search" /><input type="hidden" name="Itemid" value="101" /></form></div></div>
</div></header>
<nav class="navigation" role="navigation"><div class="navbar pull-left"><a class="btn btn-navbar collapsed" data-toggle="collapse" data-target=".nav-collapse"><span class="element-invisible">Toggle Navigation</span><span class="icon-bar"></span></a></div>
<div class="nav-collapse"><ul class="nav menu nav-pills mod-list">{menu}</ul></div></nav>
<div class="moduletable">{breadcrumbs}</div>
<div class="row-fluid">
<main id="content" role="main" class="span9">
<div id="system-message-container"></div>
{content}
</main>
<div id="aside" class="span3">
{joomla_modules(site)}
</div>
</div>
</div></div>
<footer class="footer" role="contentinfo"><div class="container-fluid"><hr /><p class="pull-right"><a href="#top" id="back-top">Kembali ke atas</a></p><p>&copy; 2024 {e(site.opd)}</p></div></footer>
</body>
</html>
"""
    return f"""<!DOCTYPE html>
<html lang="id-id" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Joomla! - Open Source Content Management">
<title>{title}</title>
{canonical}<link href="/media/templates/site/cassiopeia/images/joomla-favicon.svg" rel="icon" type="image/svg+xml">
<link href="/media/templates/site/cassiopeia/css/template.min.css?4a5b8c" rel="stylesheet">
<script src="/media/system/js/core.min.js?4a5b8c"></script>
</head>
<body class="site com_content wrapper-static view-{"featured" if page.kind == "home" else "article" if article else "category"} no-layout no-task{itemid} has-sidebar-right">
<header class="header container-header full-width">
<div class="grid-child"><div class="navbar-brand"><a class="brand-logo" href="/"><span title="{e(site.short)}">{e(site.short)}</span></a><div class="site-description">{e(site.tagline)}</div></div></div>
<div class="grid-child container-nav"><nav class="navbar navbar-expand-lg" aria-label="Menu Utama"><button class="navbar-toggler navbar-toggler-right" type="button" aria-label="Toggle Navigation"><span class="icon-menu" aria-hidden="true"></span></button><div class="collapse navbar-collapse" id="navbar1"><ul class="mod-menu mod-list nav ">{menu}</ul></div></nav></div>
</header>
<div class="site-grid">
<div class="grid-child container-top-b"><nav class="mod-breadcrumbs__wrapper" aria-label="Breadcrumbs">{breadcrumbs.replace('class="breadcrumb"', 'class="mod-breadcrumbs breadcrumb px-3 py-2"')}</nav></div>
<div class="grid-child container-component">
<div id="system-message-container" aria-live="polite"></div>
<main>
{content}
</main>
</div>
<div class="grid-child container-sidebar-right"><div class="sidebar-right card">{joomla_modules(site)}</div></div>
</div>
<footer class="container-footer footer full-width"><div class="grid-child"><div class="mod-footer">Hak Cipta &#169; 2025 {e(site.opd)}. Semua hak dilindungi.</div></div></footer>
<a href="#top" id="back-top" class="back-to-top-link" aria-label="Kembali ke Atas"><span class="icon-arrow-up icon-fw" aria-hidden="true"></span></a>
</body>
</html>
"""


# --- Laravel + Inertia.js (Vue): the page's data is a JSON attribute of the app's mount ------

INERTIA_PER_PAGE = 4
INERTIA_VERSION = "6b1a0c1e8f0b6f2d4c3e"
INERTIA_BUNDLE = ("build/assets/app-8f2e4a6c.js", """import{r as Fe,c as Re,h as ke}from"./vendor-1c2d9e0a.js";
const Ue="Sehat Bahagia";
Fe({title:e=>e?`${e} - ${Ue}`:Ue,resolve:e=>Re(`./Pages/${e}.vue`,Object.assign({"./Pages/Home.vue":()=>import("./Home-2a9c1f3e.js"),"./Pages/Layanan/Index.vue":()=>import("./Index-7d3b0e5a.js"),"./Pages/Layanan/Show.vue":()=>import("./Show-4e8a2c1b.js"),"./Pages/Tentang.vue":()=>import("./Tentang-9b1f6d2c.js")})),
setup({el:e,App:t,props:n,plugin:o}){return ke({render:()=>ke(t,n)}).use(o).use(ZiggyVue).mount(e)},progress:{color:"#047857"}});
""")


def inertia_record(key: str, f: ServiceFacts, *, full: bool, n: int, site: Site) -> dict:
    """A Laravel API resource of one service: the list's short form or the detail's full one.
    Requirements come as a list of {"nama": ...} for some services and as the HTML string
    a rich-text editor saved for others (as records typed by different admins do)."""
    _i, _s, slug, name, summary, _o = SERVICES[key]
    record: dict = {"id": n, "nama_layanan": name, "slug": slug,
                    "url": f"{site.base}/layanan/{slug}",
                    "kategori": {"id": 1 if "rekomendasi" in slug else 2,
                                 "nama": "Perizinan Tenaga Kesehatan" if "rekomendasi" in slug
                                 else "Pelayanan Kesehatan"}}
    if not full:
        record["ringkasan"] = summary
        return record
    if n % 2:
        persyaratan: object = [{"id": i, "nama": r} for i, r in enumerate(f.requirements, 1)]
    else:
        persyaratan = "<ol>" + "".join(f"<li>{e(r)}</li>" for r in f.requirements) + "</ol>"
    record.update({
        "deskripsi": f"<p>{e(summary)}</p>",
        "persyaratan": persyaratan,
        "alur": "<p>" + "<br>".join(f"{i}. {e(p)}" for i, p in enumerate(f.procedure, 1))
                + "</p>",
        "biaya": f.cost,
        "waktu_pelayanan": f.duration or "-",
        "dasar_hukum": f.legal_basis,
        "tempat_pelayanan": f.location,
        "created_at": "2024-08-12T02:15:09.000000Z", "updated_at": "2025-09-30T06:41:27.000000Z",
    })
    return record


def build_inertia(site: Site, facts: dict, reg) -> None:
    keys = [k for k, _spec in own_services(site)]
    short = [inertia_record(k, facts[k], full=False, n=n, site=site)
             for n, k in enumerate(keys, 1)]
    home = put(site, "home", "home", site.short, "/", "index.html")
    home.inertia = ("Home", {"layananPopuler": short[:3], "pengumuman": [
        {"id": 7, "judul": "Cek Kesehatan Gratis di Puskesmas setiap hari kerja",
         "tanggal": "2025-10-01"}]})
    pages = [short[i:i + INERTIA_PER_PAGE] for i in range(0, len(short), INERTIA_PER_PAGE)]
    last = len(pages)
    for number, items in enumerate(pages, 1):
        def at(k: int) -> str:
            return f"{site.base}/layanan?page={k}"
        paginator = {
            "current_page": number, "data": items, "first_page_url": at(1),
            "from": (number - 1) * INERTIA_PER_PAGE + 1, "last_page": last,
            "last_page_url": at(last),
            "links": [{"url": at(number - 1) if number > 1 else None,
                       "label": "&laquo; Sebelumnya", "active": False}]
            + [{"url": at(k), "label": str(k), "active": k == number} for k in range(1, last + 1)]
            + [{"url": at(number + 1) if number < last else None,
                "label": "Berikutnya &raquo;", "active": False}],
            "next_page_url": at(number + 1) if number < last else None,
            "path": f"{site.base}/layanan", "per_page": INERTIA_PER_PAGE,
            "prev_page_url": at(number - 1) if number > 1 else None,
            "to": (number - 1) * INERTIA_PER_PAGE + len(items), "total": len(short)}
        href = "/layanan" if number == 1 else f"/layanan?page={number}"
        lp = put(site, "listing", f"layanan:{number}", "Layanan", href,
                 "layanan/index.html" if number == 1 else f"layanan/page-{number}.html",
                 aliases=("/layanan?page=1",) if number == 1 else ())
        lp.inertia = ("Layanan/Index", {"layanan": paginator, "filters": {"cari": None}})
        if number == 1:
            reg(lp, f"{site.name}:layanan")
    for n, key in enumerate(keys, 1):
        slug = SERVICES[key][2]
        page = put(site, "service", key, SERVICES[key][3], f"/layanan/{slug}",
                   f"layanan/{slug}.html", summary=SERVICES[key][4])
        others = [r for r in short if r["slug"] != slug][:3]
        page.inertia = ("Layanan/Show", {
            "layanan": {"data": inertia_record(key, facts[key], full=True, n=n, site=site)},
            "layananLain": others})
        reg(page, key)
    about = put(site, "page", "tentang", "Tentang", "/tentang", "tentang.html")
    about.inertia = ("Tentang", {"konten": f"<p>{e(site.short)} adalah aplikasi {e(site.opd)} "
                                 f"yang {e(site.tugas)}.</p><p>Alamat: {e(site.address)}. "
                                 f"Jam pelayanan: {HOURS}.</p>"})
    rel, code = INERTIA_BUNDLE
    site.extra_files[rel] = code.encode()


def inertia_json(value: object) -> str:
    """As Laravel's json_encode writes it: ASCII only, slashes escaped."""
    return json.dumps(value, separators=(",", ":")).replace("/", "\\/")


def render_inertia(page: Page) -> str:
    site = page.site
    component, props = page.inertia
    ziggy = {"url": site.base, "port": DEFAULT_BASE_PORT + site.port_offset, "defaults": {},
             "routes": {"home": {"uri": "/", "methods": ["GET", "HEAD"]},
                        "layanan.index": {"uri": "layanan", "methods": ["GET", "HEAD"]},
                        "layanan.show": {"uri": "layanan/{layanan}", "methods": ["GET", "HEAD"],
                                         "parameters": ["layanan"],
                                         "bindings": {"layanan": "slug"}},
                        "tentang": {"uri": "tentang", "methods": ["GET", "HEAD"]}}}
    data = {"component": component,
            "props": {"errors": {}, "auth": {"user": None}, "flash": {"success": None},
                      "appName": site.short, "instansi": site.opd, **props},
            "url": page.href, "version": INERTIA_VERSION, "clearHistory": False,
            "encryptHistory": False}
    rel, _code = INERTIA_BUNDLE
    return f"""<!DOCTYPE html>
<html lang="id">
    <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="csrf-token" content="Xq3v9LrM2cTfW8yKpA1nB6dE0hJ5sG7uZ4oQiRwY">
        <title inertia>{e(site.short)}</title>
        <link rel="preconnect" href="https://fonts.bunny.net">
        <link href="https://fonts.bunny.net/css?family=figtree:400,500,600&display=swap" rel="stylesheet" />
        <script type="text/javascript">const Ziggy={inertia_json(ziggy)};!function(t,r){{"object"==typeof exports&&"undefined"!=typeof module?module.exports=r():"function"==typeof define&&define.amd?define(r):(t||self).route=r()}}(this,function(){{}});</script>
        <link rel="preload" as="style" href="{site.base}/build/assets/app-3b9c1d2e.css" /><link rel="modulepreload" href="{site.base}/{rel}" /><link rel="stylesheet" href="{site.base}/build/assets/app-3b9c1d2e.css" /><script type="module" src="{site.base}/{rel}"></script>
    </head>
    <body class="font-sans antialiased">
        <div id="app" data-page="{e(inertia_json(data))}"></div>
    </body>
</html>
"""


NEW_BUILD.update({"blogspot": build_blogspot, "inertia": build_inertia})
RENDER.update({"blogspot": render_blogspot, "inertia": render_inertia})
CSS.update({"blogspot": ("favicon.ico", ""),
            "inertia": ("build/assets/app-3b9c1d2e.css", "*,:after,:before{box-sizing:border-box}")})


NEW_BUILD["joomla"] = build_joomla
RENDER["joomla"] = render_joomla
CSS["joomla"] = ("templates/protostar/css/template.css", ".site-title{font-size:40px}")


# --- Three more single-page apps (issue #11, third round) ------------------------------------
#
# Real government SPAs differ from the two above in ways a reader has to meet generically:
#
# - "vuehash" (SIBANSOS, Dinas Sosial): a Vue 2 + vue-router app in hash mode (/#/layanan/12).
#   Its bundle makes an axios instance with ``baseURL: "/api/v1"`` and calls ``.get("/layanan")``
#   and ``.get("/layanan/" + id)``: the endpoints are only whole once the base is joined. The list
#   is a ``{status, message, data: {layanan: [{id, nama}]}}`` envelope with names only; each
#   detail is ``{status, message, data: {...one record...}}`` whose requirements are the HTML a
#   rich-text editor saved (``<ol><li>``), procedure an array of strings, ``tarif`` and
#   ``lama_proses``. One record has only a description and a fee.
# - "reactapi" (SIMPATIK, DPMPTSP): a Create-React-App build with react-router history routes
#   (/layanan/<slug>, the server answers every route with the same shell). Babel turned its
#   template literals into ``"".concat(base, "/services")``. The API is JSON:API with English
#   keys (``{data: [{type, id, attributes: {title, slug, summary}}], included: [...]}``); the
#   detail ``/api/v1/services/<slug>`` holds ``requirements`` as objects, ``fee`` as an object,
#   ``processing_time``, ``steps``.
# - "nuxtspa" (Kecamatan Danau Teluk): a Nuxt 3 app in SPA mode (``ssr: false``) over a Node
#   API answering ``{success, result: {rows: [...], count}}`` (Sequelize's findAndCountAll).
#   One endpoint serves services and news alike, told apart by ``kategori``; news items talk of
#   requirements and fees too. Services live at /layanan/<slug>, news at /berita/<slug>.
# Ports 8746-8748.
# ---------------------------------------------------------------------------------------------

SITES += [
    Site("sibansos", "Dinas Sosial Kota Jambi", "SIBANSOS Dinas Sosial", "vuehash", 45,
         "Sistem Informasi Bantuan Sosial Kota Jambi",
         "Jl. Kapten Pattimura No. 2, Kenali Besar, Kec. Alam Barajo, Kota Jambi",
         "melayani usulan data kesejahteraan sosial, jaminan kesehatan dan santunan warga",
         place="Kantor Dinas Sosial Kota Jambi atau kelurahan domisili", color="#1565c0"),
    Site("simpatik", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Jambi",
         "SIMPATIK DPMPTSP", "reactapi", 46,
         "Sistem Informasi Perizinan Terpadu Kota Jambi", KOMPLEK,
         "menerbitkan perizinan berusaha dan non-berusaha di Kota Jambi",
         place="Loket DPMPTSP, Mal Pelayanan Publik Kota Jambi", color="#0f766e"),
    Site("kec-danauteluk", "Kecamatan Danau Teluk", "Kecamatan Danau Teluk", "nuxtspa", 47,
         "Portal Layanan Kecamatan Danau Teluk, Seberang Kota Jambi",
         "Jl. KH. Abdul Qodir, Kel. Olak Kemang, Kec. Danau Teluk, Kota Jambi",
         "melayani administrasi warga di lima kelurahan Seberang Kota Jambi",
         place="Kantor Kelurahan sesuai domisili di Kecamatan Danau Teluk", color="#9a3412"),
]
SITE.update({s.name: s for s in SITES})
FAMILY.update({"vuehash": "vue-hash-axios", "reactapi": "react-jsonapi",
               "nuxtspa": "nuxt-spa-mixed"})

SERVICES.update({
    # SIBANSOS (Vue, hash routes): (fact index, site, id, name, description, overrides)
    "bs_dtks": (40, "sibansos", "12", "Usulan dan Perbaikan Data DTSEN (eks DTKS)",
                "Warga kurang mampu yang belum menerima bantuan sosial (PKH, BPNT, PBI JK) "
                "diusulkan masuk Data Tunggal Sosial Ekonomi Nasional melalui kelurahan.", {}),
    "bs_uhc": (41, "sibansos", "14", "Rekomendasi Peserta PBI Jaminan Kesehatan Daerah",
               "Warga miskin yang belum memiliki BPJS Kesehatan didaftarkan sebagai peserta "
               "PBI yang iurannya dibayar APBD Kota Jambi (UHC Jambi Bugar).", {}),
    "bs_santunan": (42, "sibansos", "17", "Santunan Kematian Kartu Bahagia",
                    "Ahli waris pekerja rentan, Ketua RT, PHL dan petugas syara yang "
                    "terdaftar Kartu Bahagia menerima santunan kematian.", {}),
    "bs_rentan": (13, "sibansos", "21", "Pendampingan Adminduk Penduduk Rentan",
                  "Dinas Sosial mendampingi lansia terlantar, penyandang disabilitas dan warga "
                  "tanpa dokumen kependudukan agar terdaftar di Disdukcapil dan bisa "
                  "menerima bantuan.",
                  {"requirements": [], "procedure": [], "duration": None, "legal_basis": None}),
    # SIMPATIK (React, JSON:API, English keys)
    "sm_nib": (17, "simpatik", "nomor-induk-berusaha", "Nomor Induk Berusaha (NIB)",
               "Identitas pelaku usaha yang terbit melalui OSS-RBA; untuk usaha risiko rendah "
               "NIB sekaligus menjadi izin usaha.", {}),
    "sm_pbg": (18, "simpatik", "persetujuan-bangunan-gedung", "Persetujuan Bangunan Gedung",
               "Izin membangun baru, mengubah atau memperluas bangunan gedung, pengganti IMB, "
               "diajukan melalui SIMBG.", {}),
    "sm_slf": (19, "simpatik", "sertifikat-laik-fungsi", "Sertifikat Laik Fungsi Bangunan",
               "Sertifikat bahwa bangunan gedung yang selesai dibangun laik dipakai.",
               {"requirements": [], "procedure": [], "duration": None, "legal_basis": None}),
    "sm_reklame": (23, "simpatik", "izin-reklame", "Izin Penyelenggaraan Reklame",
                   "Izin memasang billboard, baliho, neonbox atau videotron di Kota Jambi.", {}),
    "sm_sip_dokter": (20, "simpatik", "sip-dokter", "Surat Izin Praktik Dokter",
                      "Izin praktik bagi dokter dan dokter gigi di fasilitas kesehatan atau "
                      "praktik mandiri di Kota Jambi.", {}),
    # Kecamatan Danau Teluk (Nuxt SPA, one endpoint of services and news)
    "dt_domisili": (66, "kec-danauteluk", "surat-keterangan-domisili",
                    "Surat Keterangan Domisili",
                    "Surat keterangan tempat tinggal bagi warga Kecamatan Danau Teluk, "
                    "diterbitkan kantor kelurahan.", {}),
    "dt_sktm": (67, "kec-danauteluk", "surat-keterangan-tidak-mampu",
                "Surat Keterangan Tidak Mampu",
                "SKTM untuk keringanan biaya sekolah dan persyaratan bantuan sosial.", {}),
    "dt_kampung": (68, "kec-danauteluk", "dana-kampung-bahagia", "Dana Kampung Bahagia per RT",
                   "Dana Rp100 juta per RT untuk jalan lingkungan, drainase dan fasilitas umum, "
                   "diusulkan lewat musyawarah warga.", {}),
    "dt_pindah": (9, "kec-danauteluk", "pengantar-pindah-keluar", "Pengantar Pindah Keluar",
                  "Pengantar kecamatan bagi warga Danau Teluk yang pindah ke luar Kota Jambi.",
                  {"requirements": [], "procedure": [], "duration": None, "cost": None,
                   "legal_basis": None}),
})

NEWS += [
    ("kec-danauteluk", "pelayanan-adminduk-keliling-olak-kemang", "2025-08-19",
     "Pelayanan Adminduk Keliling di Kelurahan Olak Kemang",
     ["Kecamatan Danau Teluk bersama Disdukcapil membuka pelayanan adminduk keliling di aula "
      "Kelurahan Olak Kemang. Warga cukup membawa fotokopi KK, dan seluruh layanan gratis.",
      "Sebanyak 48 warga merekam KTP-el dan 12 anak mendapat KIA."]),
    ("kec-danauteluk", "musyawarah-kampung-bahagia-tanjung-raden", "2025-10-02",
     "Musyawarah Kampung Bahagia di Kelurahan Tanjung Raden",
     ["Ketua RT se-Kelurahan Tanjung Raden bermusyawarah menyusun usulan pembangunan "
      "lingkungan. Camat mengingatkan syarat usulan adalah berita acara musyawarah warga."]),
]

VUEHASH_BUNDLE = ("js/app.7c41d2e9.js", """(function(){"use strict";var e={6204:function(e,t,n){var a=n(6369),r=n(2809),s=n(4161);
a.ZP.use(r.ZP);
var o=s.Z.create({baseURL:"/api/v1",timeout:15e3,headers:{Accept:"application/json"}}),
i={daftarLayanan:function(){return o.get("/layanan")},detailLayanan:function(e){return o.get("/layanan/"+e)},pengumuman:function(){return o.get("/pengumuman",{params:{limit:5}})}};
var c={name:"Beranda",data:function(){return{pengumuman:[]}},created:function(){var e=this;i.pengumuman().then(function(t){e.pengumuman=t.data.data})}},
u={name:"DaftarLayanan",data:function(){return{items:[],memuat:!0}},created:function(){var e=this;i.daftarLayanan().then(function(t){e.items=t.data.data.layanan,e.memuat=!1})},methods:{buka:function(e){this.$router.push("/layanan/"+e.id)}}},
d={name:"DetailLayanan",data:function(){return{layanan:null}},created:function(){var e=this;i.detailLayanan(this.$route.params.id).then(function(t){e.layanan=t.data.data})}};
var l=new r.ZP({mode:"hash",routes:[{path:"/",name:"beranda",component:c},{path:"/layanan",name:"layanan",component:u},{path:"/layanan/:id",name:"detail-layanan",component:d},{path:"*",redirect:"/"}]});
new a.ZP({router:l,render:function(e){return e("router-view")}}).$mount("#app")}};}();
""")
VUEHASH_VENDOR = ("js/chunk-vendors.2b9f0e1a.js",
                  "(self.webpackChunksibansos=self.webpackChunksibansos||[]).push([[998],{}]);")


def bansos_detail(key: str, f: ServiceFacts) -> dict:
    """One service as the Laravel API behind SIBANSOS answers its detail: rich text from the
    admin's editor, the procedure as an array; a record filled in only in part (its facts
    overridden empty) has no such keys."""
    _i, _s, ident, name, desc, _o = SERVICES[key]
    record: dict = {"id": int(ident), "nama_layanan": name, "deskripsi": f"<p>{e(desc)}</p>",
                    "tarif": f.cost or "Gratis"}
    if f.requirements:
        record["syarat"] = "<ol>" + "".join(f"<li>{e(r)}</li>" for r in f.requirements) + "</ol>"
    if f.procedure:
        record["alur"] = list(f.procedure)
    if f.duration:
        record["lama_proses"] = f.duration
    if f.legal_basis:
        record["dasar_hukum"] = f.legal_basis
    record.update({"lokasi": f.location, "created_at": "2024-03-11 09:12:40",
                   "updated_at": "2025-07-02 14:05:11"})
    return record


def build_vuehash(site: Site, facts: dict, reg) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html", '<div id="app"></div>')
    reg(home, f"{site.name}:layanan")
    keys = [k for k, _spec in own_services(site)]
    envelope = {"status": True, "message": "Data layanan berhasil diambil"}
    files: dict[str, object] = {
        "api/v1/layanan.json": {**envelope, "data": {"layanan": [
            {"id": int(SERVICES[k][2]), "nama": SERVICES[k][3], "ikon": "mdi-hand-heart"}
            for k in keys], "total": len(keys)}},
        "api/v1/pengumuman.json": {**envelope, "message": "Data pengumuman berhasil diambil",
                                   "data": [{"id": 3, "judul": "Jadwal verifikasi lapangan "
                                             "DTSEN Kelurahan Kenali Besar",
                                             "tanggal": "2025-09-15"}]}}
    for key in keys:
        files[f"api/v1/layanan/{SERVICES[key][2]}.json"] = {
            **envelope, "message": "Detail layanan", "data": bansos_detail(key, facts[key])}
        # judged at its hash route /#/layanan/<id>, a page of its own in the app (the server
        # only ever sees the shell at /)
        reg(Page(site, "service", f"{site.name}:{key}", SERVICES[key][3],
                 f"/#/layanan/{SERVICES[key][2]}", "index.html"), key)
    put_json(site, files)
    site.routes[route_key("/api/v1/pengumuman", "limit=5")] = "api/v1/pengumuman.json"
    for rel, code in (VUEHASH_BUNDLE, VUEHASH_VENDOR):
        site.extra_files[rel] = code.encode()


def render_vuehash(page: Page) -> str:
    site = page.site
    scripts = "".join(f'<script defer="defer" src="/{rel}"></script>'
                      for rel, _c in (VUEHASH_VENDOR, VUEHASH_BUNDLE))
    return f"""<!doctype html><html lang="id"><head><meta charset="utf-8"><meta http-equiv="X-UA-Compatible" content="IE=edge"><meta name="viewport" content="width=device-width,initial-scale=1"><title>{e(site.short)}</title>{scripts}<link href="/css/app.5d0c7b1f.css" rel="stylesheet"></head><body><noscript><strong>Maaf, {e(site.short)} tidak berjalan tanpa JavaScript. Aktifkan JavaScript untuk melanjutkan.</strong></noscript>{page.body}</body></html>
"""


REACTAPI_BUNDLE = ("static/js/main.1f3e9c2a.js", """/*! For license information please see main.1f3e9c2a.js.LICENSE.txt */
!function(){"use strict";var e={},t=n(2791),r=n(1087),a=n(7689),Qe="/api/v1";
function o(e){return fetch(e,{headers:{Accept:"application/vnd.api+json"}}).then(function(e){if(!e.ok)throw new Error("HTTP "+e.status);return e.json()})}
var i={services:function(){return o("".concat(Qe,"/services?include=category"))},service:function(e){return o("".concat(Qe,"/services/").concat(e))}};
function l(){var e=(0,t.useState)([]),n=e[0],a=e[1];(0,t.useEffect)(function(){i.services().then(function(e){a(e.data)})},[]);
return(0,s.jsx)("ul",{className:"service-list",children:n.map(function(e){return(0,s.jsx)("li",{children:(0,s.jsx)(r.rU,{to:"/layanan/".concat(e.attributes.slug),children:e.attributes.title})},e.id)})})}
function c(){var e=(0,a.UO)().slug,n=(0,t.useState)(null),r=n[0],o=n[1];(0,t.useEffect)(function(){i.service(e).then(function(e){o(e.data)})},[e]);
return r?(0,s.jsx)("article",{children:r.attributes.title}):(0,s.jsx)("p",{children:"Memuat..."})}
(0,u.s)(document.getElementById("root")).render((0,s.jsx)(r.VK,{children:(0,s.jsxs)(a.Z5,{children:[(0,s.jsx)(a.AW,{path:"/",element:(0,s.jsx)(d,{})}),(0,s.jsx)(a.AW,{path:"/layanan",element:(0,s.jsx)(l,{})}),(0,s.jsx)(a.AW,{path:"/layanan/:slug",element:(0,s.jsx)(c,{})})]})}))}();
""")


def simpatik_attributes(key: str, f: ServiceFacts, *, full: bool) -> dict:
    """A JSON:API resource's attributes: the list's short form, or the detail's. The SLF
    record was entered with its fee only."""
    _i, _s, slug, title, summary, _o = SERVICES[key]
    attrs: dict = {"title": title, "slug": slug, "summary": summary}
    if not full:
        return attrs
    cost = f.cost or "-"
    attrs["fee"] = {"amount": 0 if cost.lower().startswith(("gratis", "bebas")) else None,
                    "currency": "IDR", "note": cost}
    if f.requirements:
        attrs["requirements"] = [{"name": r, "mandatory": n < 3}
                                 for n, r in enumerate(f.requirements, 1)]
    if f.procedure:
        attrs["steps"] = list(f.procedure)
    if f.duration:
        attrs["processing_time"] = f.duration
    if f.legal_basis:
        attrs["legal_basis"] = f.legal_basis
    if f.online:
        attrs["online_url"] = f.online[1]
    attrs["location"] = f.location
    attrs.update({"published": True, "updated_at": "2025-05-20T08:14:00+07:00"})
    return attrs


def build_reactapi(site: Site, facts: dict, reg) -> None:
    shell = '<div id="root"></div>'
    # the shell at / draws the list; /layanan is a route no page links to (served, no Page)
    reg(put(site, "home", "home", site.short, "/", "index.html", shell), f"{site.name}:layanan")
    site.routes[route_key("/layanan", "")] = "index.html"
    keys = [k for k, _spec in own_services(site)]
    category = {"data": {"type": "categories", "id": "2"}}
    listing = {"data": [{"type": "services", "id": str(n),
                         "attributes": simpatik_attributes(k, facts[k], full=False),
                         "relationships": {"category": category}}
                        for n, k in enumerate(keys, 1)],
               "included": [{"type": "categories", "id": "2",
                             "attributes": {"name": "Perizinan", "slug": "perizinan"}}],
               "meta": {"total": len(keys)},
               "links": {"self": f"{site.base}/api/v1/services?include=category"}}
    files = {"api/v1/services.json": listing}
    for n, key in enumerate(keys, 1):
        slug = SERVICES[key][2]
        files[f"api/v1/services/{slug}.json"] = {
            "data": {"type": "services", "id": str(n),
                     "attributes": simpatik_attributes(key, facts[key], full=True),
                     "relationships": {"category": category}},
            "links": {"self": f"{site.base}/api/v1/services/{slug}"}}
        reg(put(site, "service", key, SERVICES[key][3], f"/layanan/{slug}", "index.html",
                shell, summary=SERVICES[key][4]), key)
    put_json(site, files)
    site.routes[route_key("/api/v1/services", "include=category")] = "api/v1/services.json"
    rel, code = REACTAPI_BUNDLE
    site.extra_files[rel] = code.encode()


def render_reactapi(page: Page) -> str:
    site = page.site
    rel, _code = REACTAPI_BUNDLE
    return f"""<!doctype html><html lang="id"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width,initial-scale=1"/><meta name="theme-color" content="{site.color}"/><meta name="description" content="{e(site.tagline)}"/><title>{e(site.short)}</title><script defer="defer" src="/{rel}"></script><link href="/static/css/main.9a2e5f1c.css" rel="stylesheet"></head><body><noscript>You need to enable JavaScript to run this app.</noscript>{page.body}</body></html>
"""


NUXT_ENTRY = ("_nuxt/entry.8d1f2c3b.js", """import{d as _,u as h,o as c,c as l,F as f,r as p,a as m,t as k,b as y,w as g,e as v}from"./vendor.3a7b9c1d.js";
const x=_({__name:"index",async setup(){const{data:e}=await h("konten",()=>$fetch("/api/konten",{query:{limit:50}}),"$kX7d1Q");return(t,s)=>(c(),l("ul",null,[(c(!0),l(f,null,p(e.value.result.rows,n=>(c(),l("li",{key:n.id},[y(g,{to:n.kategori==="berita"?"/berita/"+n.slug:"/layanan/"+n.slug},{default:v(()=>[m(k(n.judul),1)]),_:2},1032,["to"])]))),128))]))}}),
b=_({__name:"[slug]",async setup(){const e=useRoute(),{data:t}=await h(()=>`konten-${e.params.slug}`,()=>$fetch(`/api/konten/${e.params.slug}`));return(s,n)=>(c(),l("article",null,[m(k(t.value.result.judul),1)]))}});
export{x as default,b as detail};
""")


def danauteluk_rows(site: Site, facts: dict) -> list[dict]:
    """The endpoint's rows: services and news in one table, told apart by ``kategori``; the
    move-out record was entered with its name and a sentence only."""
    rows: list[dict] = []
    for n, (key, _spec) in enumerate(own_services(site), 1):
        f = facts[key]
        _i, _s, slug, title, intro, _o = SERVICES[key]
        row: dict = {"id": n, "judul": title, "slug": slug, "kategori": "layanan",
                     "isi": f"<p>{e(intro)}</p>"}
        if f.requirements:
            row["persyaratan"] = [{"dokumen": r} for r in f.requirements]
        if f.procedure:
            row["prosedur"] = "<p>" + "<br>".join(f"{i}. {e(p)}"
                                                  for i, p in enumerate(f.procedure, 1)) + "</p>"
        if f.duration:
            row["waktu_penyelesaian"] = f.duration
        if f.cost:
            row["biaya"] = f.cost
        if f.legal_basis:
            row["dasar_hukum"] = f.legal_basis
        row.update({"tempat_pelayanan": f.location, "tanggal": "2025-01-06",
                    "penulis": "Operator Kecamatan"})
        rows.append(row)
    for n, (slug, date, title, texts) in enumerate(own_news(site), 100):
        rows.append({"id": n, "judul": title, "slug": slug, "kategori": "berita",
                     "isi": "".join(f"<p>{e(t)}</p>" for t in texts), "tanggal": date,
                     "penulis": "Humas Kecamatan"})
    return rows


def build_nuxtspa(site: Site, facts: dict, reg) -> None:
    shell = '<div id="__nuxt"></div>'
    reg(put(site, "home", "home", site.short, "/", "index.html", shell), f"{site.name}:layanan")
    site.routes[route_key("/layanan", "")] = "index.html"
    rows = danauteluk_rows(site, facts)
    files: dict[str, object] = {"api/konten.json": {"success": True,
                                                    "result": {"rows": rows,
                                                               "count": len(rows)}}}
    for row in rows:
        files[f"api/konten/{row['slug']}.json"] = {"success": True, "result": row}
    for key, _spec in own_services(site):
        slug = SERVICES[key][2]
        reg(put(site, "service", key, SERVICES[key][3], f"/layanan/{slug}", "index.html",
                shell, summary=SERVICES[key][4]), key)
    for slug, date, title, _texts in own_news(site):
        reg(put(site, "news", f"news:{slug}", title, f"/berita/{slug}", "index.html", shell,
                date=date), f"news:{site.name}:{slug}")
    put_json(site, files)
    site.routes[route_key("/api/konten", "limit=50")] = "api/konten.json"
    rel, code = NUXT_ENTRY
    site.extra_files[rel] = code.encode()
    for asset in (rel, CSS["nuxtspa"][0]):  # the demo server hides "_" folders unless routed
        site.routes[route_key("/" + asset, "")] = asset


def render_nuxtspa(page: Page) -> str:
    site = page.site
    rel, _code = NUXT_ENTRY
    config = ('window.__NUXT__={};window.__NUXT__.config={public:{apiBase:"/api"},'
              'app:{baseURL:"/",buildAssetsDir:"/_nuxt/",cdnURL:""}}')
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{e(site.short)}</title><meta name="description" content="{e(site.tagline)}"><link rel="modulepreload" as="script" crossorigin href="/{rel}"><script type="module" src="/{rel}" crossorigin></script></head><body>{page.body}<script>{config}</script></body></html>
"""


NEW_BUILD.update({"vuehash": build_vuehash, "reactapi": build_reactapi,
                  "nuxtspa": build_nuxtspa})
RENDER.update({"vuehash": render_vuehash, "reactapi": render_reactapi,
               "nuxtspa": render_nuxtspa})
CSS.update({"vuehash": ("css/app.5d0c7b1f.css", "#app{font-family:Roboto,sans-serif}"),
            "reactapi": ("static/css/main.9a2e5f1c.css", "body{margin:0;font-family:Inter}"),
            "nuxtspa": ("_nuxt/entry.3c9e0f2a.css", "body{font-family:system-ui}")})


# ---------------------------------------------------------------------------------------------
# Blog platforms whose services are dated posts (issue #11): a Blogger blog on the Soho theme
# and a WordPress news site on the ColorMag magazine theme. Their services are posts like
# their news: dated, in a label or category "Layanan", under /yyyy/mm/ (Blogger) or
# /yyyy/mm/dd/slug/ (WordPress) URLs, some told in prose ("Syaratnya cukup bawa ..."), some
# a short post that links the Standar Pelayanan PDF, some a table; their news is on the same
# words (rekam KTP, banjir, bantuan). Ports 8749 and 8750.
# ---------------------------------------------------------------------------------------------

SITES += [
    Site("kec-danausipin", "Kecamatan Danau Sipin", "Kecamatan Danau Sipin", "soho", 48,
         "Informasi dan Pelayanan Kantor Camat Danau Sipin", "Jl. Kapt. A. Bakaruddin, "
         "Kec. Danau Sipin, Kota Jambi",
         "adalah perangkat daerah kewilayahan Kota Jambi yang membina Kelurahan Legok, Murni, "
         "Solok Sipin, Sungai Putri dan Selamat", labels="b",
         place="Kantor kelurahan sesuai domisili di Kecamatan Danau Sipin", color="#0f4c81"),
    Site("kec-pelayangan", "Kecamatan Pelayangan", "Kecamatan Pelayangan", "colormag", 49,
         "Portal Berita dan Layanan Kecamatan Pelayangan, Seberang Kota Jambi",
         "Jl. KH. Abdul Qodir Al-Jailani, Kel. Tengah, Kec. Pelayangan, Kota Jambi",
         "adalah perangkat daerah kewilayahan di Seberang Kota Jambi yang membina Kelurahan "
         "Tengah, Jelmu, Mudung Laut, Arab Melayu, Tahtul Yaman dan Tanjung Johor",
         labels="e", list_style="ol",
         robots="User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
         "Sitemap: {base}/wp-sitemap.xml\n",
         place="Kantor Camat Pelayangan dan kantor kelurahan setempat", color="#207daf"),
]
SITE.update({s.name: s for s in SITES})
FAMILY.update({"soho": "blogger-soho", "colormag": "wordpress-colormag"})

# (fact index, site, date, post title, intro, overrides); the intro is the post's first
# paragraph; "style" picks how the post tells the facts: prose, pdf (a short post linking the
# Standar Pelayanan PDF) or table
SERVICES.update({
    "ds_domisili": (66, "kec-danausipin", "2024-02-05",
                    "Mau Urus Surat Domisili? Begini Caranya",
                    "Surat keterangan domisili dibuat di kantor lurah tempat tinggal dan "
                    "ditandatangani lurah.", {"style": "prose", "duration": "Sekitar 15 menit"}),
    "ds_akta_lahir": (6, "kec-danausipin", "2024-04-22",
                      "Akta Kelahiran Bayi Bisa Dititip Lewat Kelurahan",
                      "Orang tua di Danau Sipin tidak perlu antre ke Disdukcapil: berkas akta "
                      "kelahiran bisa dititipkan ke petugas register kelurahan.",
                      {"style": "pdf", "online": None}),
    "ds_pindah": (9, "kec-danausipin", "2024-07-15",
                  "Pindah ke Luar Kota Jambi, Ini yang Perlu Disiapkan",
                  "Warga yang akan pindah domisili ke luar Kota Jambi perlu surat pengantar "
                  "pindah dari kelurahan sebelum SKPWNI terbit.",
                  {"style": "table", "online": None}),
    "ds_kampung": (68, "kec-danausipin", "2024-10-01",
                   "Dana Kampung Bahagia Rp100 Juta per RT, Begini Cara Mengusulkannya",
                   "Setiap RT di Danau Sipin bisa mengusulkan kegiatan lingkungan yang "
                   "dibiayai dana Kampung Bahagia.", {"style": "prose"}),
    "ds_kia": (8, "kec-danausipin", "2025-01-13", "KIA untuk Anak, Syaratnya Cuma Ini",
               "Kartu Identitas Anak (KIA) dipakai untuk daftar sekolah, buka tabungan dan "
               "berobat.", {"style": "prose", "online": None,
                            "duration": "1 sampai 3 hari kerja"}),
    "pl_ktp": (0, "kec-pelayangan", "2024-03-11",
               "Rekam KTP-el Pemula di Kantor Camat Pelayangan",
               "Warga Seberang yang genap 17 tahun bisa merekam KTP-el di Kantor Camat "
               "Pelayangan tanpa menyeberang ke Disdukcapil.",
               {"style": "prose", "online": None, "location": "Kantor Camat Pelayangan"}),
    "pl_dtks": (40, "kec-pelayangan", "2024-05-20",
                "Cara Mendaftar DTKS agar Dapat Bantuan Sosial",
                "Keluarga kurang mampu yang belum terdata di DTKS (kini DTSEN) dapat mengusulkan "
                "diri melalui kelurahan untuk bantuan PKH, BPNT dan PBI JK.", {"style": "table"}),
    "pl_rtlh": (60, "kec-pelayangan", "2024-08-26",
                "Usulan Bedah Rumah Tidak Layak Huni (RTLH)",
                "Rumah warga yang atap, lantai atau dindingnya tidak layak dapat diusulkan "
                "mendapat bantuan bedah rumah.", {"style": "pdf"}),
    "pl_banjir": (56, "kec-pelayangan", "2024-11-18",
                  "Lapor Banjir dan Minta Evakuasi, Hubungi Posko Ini",
                  "Saat Sungai Batanghari meluap, warga Pelayangan dapat melapor ke posko siaga "
                  "banjir untuk evakuasi dan tenda pengungsian.", {"style": "prose"}),
    "pl_sktm": (67, "kec-pelayangan", "2025-02-03", "Syarat Membuat SKTM di Kelurahan",
                "SKTM dipakai untuk keringanan biaya sekolah dan syarat bantuan; untuk berobat "
                "cukup KTP dengan UHC Jambi Bugar.", {"style": "table"}),
})

NEWS += [
    ("kec-danausipin", "jemput-bola-rekam-ktp-di-sman", "2024-03-14",
     "Jemput Bola Rekam KTP-el di SMAN 1 Kota Jambi",
     ["Petugas Disdukcapil bersama staf Kecamatan Danau Sipin merekam KTP-el 140 siswa yang "
      "baru berusia 17 tahun di SMAN 1 Kota Jambi.",
      "Siswa cukup membawa fotokopi KK; seluruh layanan gratis."]),
    ("kec-danausipin", "camat-sidak-pelayanan-surat-domisili", "2024-09-09",
     "Camat Sidak Pelayanan Surat Domisili di Kelurahan Legok",
     ["Camat Danau Sipin meninjau loket Kelurahan Legok dan memastikan surat domisili dan "
      "SKTM dilayani tanpa pungutan.",
      "Warga yang dipersulit diminta melapor melalui SiKesal."]),
    ("kec-danausipin", "musrenbang-kecamatan-danau-sipin", "2025-02-10",
     "Musrenbang Kecamatan Danau Sipin Bahas Usulan Kampung Bahagia",
     ["Sebanyak 60 Ketua RT menyampaikan usulan semenisasi jalan, drainase dan CCTV dalam "
      "musyawarah perencanaan pembangunan tingkat kecamatan.",
      "Usulan yang disepakati diteruskan ke Bappeda Kota Jambi."]),
    ("kec-danausipin", "lomba-kebersihan-antar-rt", "2025-03-03",
     "Lomba Kebersihan Antar-RT Sambut Hari Jadi Kota Jambi",
     ["Kecamatan Danau Sipin menggelar lomba kebersihan lingkungan antar-RT; pemenang diumumkan "
      "pada upacara Hari Jadi Kota Jambi."]),
    ("kec-pelayangan", "banjir-rendam-tiga-kelurahan", "2024-12-02",
     "Banjir Rendam Tiga Kelurahan di Pelayangan, 120 Warga Mengungsi",
     ["Luapan Sungai Batanghari merendam Kelurahan Tengah, Jelmu dan Mudung Laut. BPBD dan "
      "kecamatan mengevakuasi 120 warga ke tenda pengungsian di halaman kantor camat.",
      "Camat meminta warga tetap waspada dan melapor ke posko bila air naik."]),
    ("kec-pelayangan", "verifikasi-dtks-door-to-door", "2024-06-17",
     "Petugas Verifikasi Data Penerima Bantuan Sosial dari Rumah ke Rumah",
     ["Pendamping PKH dan staf kelurahan mendatangi rumah warga untuk memverifikasi data "
      "keluarga penerima bantuan sosial.",
      "Warga diminta menyiapkan KK dan KTP saat petugas datang."]),
    ("kec-pelayangan", "serah-terima-bedah-rumah", "2024-10-14",
     "Serah Terima Kunci Rumah Hasil Bedah Rumah di Arab Melayu",
     ["Wali Kota Jambi menyerahkan kunci rumah kepada lima keluarga di Kelurahan Arab Melayu "
      "yang rumahnya diperbaiki melalui program RTLH."]),
    ("kec-pelayangan", "festival-perahu-batanghari", "2025-04-21",
     "Festival Perahu Tradisional Meriahkan Tepian Batanghari",
     ["Ratusan warga menyaksikan lomba perahu tradisional di tepian Sungai Batanghari, "
      "Kecamatan Pelayangan."]),
]


def prose_service_body(intro: str, f: ServiceFacts) -> str:
    """A service told as a blogger tells it: sentences, no headings, no lists."""
    parts = [intro, f"Syaratnya cukup bawa {editor_sentence(f.requirements)}."]
    if f.procedure:
        steps = [p[0].lower() + p[1:] for p in f.procedure]
        parts.append("Caranya: " + "; lalu ".join(steps) + ".")
    if f.duration:
        parts.append(f"Prosesnya {f.duration[0].lower() + f.duration[1:]}.")
    parts.append(f"Soal biaya, {(f.cost or 'gratis')[0].lower() + (f.cost or 'gratis')[1:]}.")
    if f.location:
        parts.append(f"Tempat mengurusnya di {f.location}.")
    return paras(*map(e, parts))


def table_service_body(intro: str, f: ServiceFacts) -> str:
    """A service as a two-column table pasted into the post editor."""
    rows = [("Persyaratan", "<br>".join(map(e, f.requirements))),
            ("Alur", "<br>".join(f"{n}. {e(p)}" for n, p in enumerate(f.procedure, 1))),
            ("Lama Proses", e(f.duration or "")), ("Biaya", e(f.cost or "Gratis")),
            ("Dasar Hukum", e(f.legal_basis or "")), ("Tempat Pelayanan", e(f.location or ""))]
    cells = "".join(f"<tr><td><strong>{k}</strong></td><td>{v}</td></tr>"
                    for k, v in rows if v)
    return (paras(e(intro)) + '<figure class="wp-block-table"><table><tbody>'
            f"{cells}</tbody></table></figure>")


def pdf_service_body(site: Site, key: str, title: str, intro: str, f: ServiceFacts,
                     pdf_dir: str) -> str:
    """A short post that links its Standar Pelayanan PDF for the details."""
    pdf = f"{pdf_dir}/SP-{key.split('_', 1)[1].replace('_', '-')}.pdf"
    site.extra_files[pdf[1:]] = make_pdf(f"Standar Pelayanan {title}",
                                         sp_pdf_lines(site, title, f))
    return paras(e(intro), "Persyaratan dan alur lengkapnya bisa dilihat pada dokumen Standar "
                 f"Pelayanan berikut: {a(pdf, 'Unduh Standar Pelayanan (PDF)')}.")


def story_body(site: Site, key: str, title: str, intro: str, f: ServiceFacts,
               pdf_dir: str) -> str:
    style = SERVICES[key][5].get("style", "prose")
    if style == "pdf":
        return pdf_service_body(site, key, title, intro, f, pdf_dir)
    return table_service_body(intro, f) if style == "table" else prose_service_body(intro, f)


def dated_posts(site: Site, facts: dict, reg, href_of, file_of, pdf_dir: str,
                *, aliases=lambda href: ()) -> list[Page]:
    """The site's services and news as dated posts, newest first; services labelled
    "Layanan", news "Berita"."""
    posts = []
    for key, (_i, _s, date, title, intro, _o) in own_services(site):
        href = href_of(title, date)
        page = put(site, "service", key, title, href, file_of(href),
                   story_body(site, key, title, intro, facts[key], pdf_dir), date=date,
                   summary=intro, aliases=aliases(href))
        page.labels = ["Layanan"]
        reg(page, key)
        posts.append(page)
    for slug, date, title, texts in own_news(site):
        href = href_of(slug, date)
        page = put(site, "news", f"news:{site.name}:{slug}", title, href, file_of(href),
                   paras(*map(e, texts)), date=date, summary=texts[0], aliases=aliases(href))
        page.labels = ["Berita"]
        reg(page, page.key)
        posts.append(page)
    return sorted(posts, key=lambda p: p.date, reverse=True)


# --- Blogger, Soho theme: snippets on every list, Layanan in the top menu --------------------


def build_soho(site: Site, facts: dict, reg) -> None:
    m1 = lambda href: (href + "?m=1",)  # noqa: E731
    home = put(site, "home", "home", site.short, "/", "index.html", aliases=m1("/"))
    posts = dated_posts(site, facts, reg,
                        lambda t, d: f"/{d[:4]}/{d[5:7]}/{blogger_slug(t)}.html",
                        lambda href: href[1:], "/p/sp", aliases=m1)
    for slug, title, body in (("profil", "Profil Kecamatan", new_profile(site)),
                              ("kontak", "Hubungi Kami", contact_body(site))):
        put(site, "page", slug, title, f"/p/{slug}.html", f"p/{slug}.html", body,
            aliases=m1(f"/p/{slug}.html"))
    home.posts = posts[:6]
    for label in ("Layanan", "Berita"):
        lp = put(site, "listing", f"label:{label}", label, f"/search/label/{label}",
                 f"search/label/{label}.html", aliases=(*m1(f"/search/label/{label}"),
                                                        f"/search/label/{label}?max-results=20"))
        lp.posts = [p for p in posts if label in p.labels]
    older = put(site, "listing", "older", "Posting Lama", "/search", "search/older.html",
                aliases=(f"/search?updated-max={posts[5].date}T09:00:00%2B07:00"
                         "&max-results=6", *m1("/search")))
    older.posts = posts[6:]
    blog_posts_feed(site, posts, "09:00:00.000")


def soho_snippet(page: Page) -> str:
    """A post on the home, label and search pages of Soho: title, date, snippet, jump link."""
    site = page.site
    text = " ".join(re.sub(r"<[^>]+>", " ", page.body).split())
    cut = text[:text.rfind(" ", 0, 140)] if len(text) > 140 else text
    return (f"<div class='post-outer-container'><div class='post-outer'><div class='post'>"
            f"<div class='post-header'><div class='post-header-line-1'><span class='byline "
            f"post-timestamp'><a class='timestamp-link' href='{site.base}{page.href}' "
            f"rel='bookmark'><time class='published' datetime='{page.date}T09:00:00+07:00'>"
            f"{tanggal(page.date)}</time></a></span></div></div>"
            f"<h3 class='post-title entry-title'><a href='{site.base}{page.href}'>"
            f"{e(page.title)}</a></h3><div class='container post-body entry-content' "
            f"id='post-snippet-{_post_id(page)}'><div class='snippet-container r-snippet-"
            f"container'><div class='snippet-item r-snippetized'>{e(cut)}&#8230;</div>"
            f"<a class='snippet-fade r-snippetized' href='{site.base}{page.href}'></a></div>"
            f"</div><div class='jump-link flat-button ripple'><a href='{site.base}{page.href}' "
            f"title='{e(page.title)}'>Baca selengkapnya</a></div></div></div></div>")


def render_soho(page: Page) -> str:
    site = page.site
    item = page.kind in ("service", "news")
    title = e(site.short) if page.kind == "home" else f"{e(page.title)} - {e(site.short)}"
    if item:
        labels = "".join(f"<a href='{site.base}/search/label/{lab}' rel='tag'>{lab}</a>"
                         for lab in page.labels)
        main = (f"<article class='post-outer-container'><div class='post-outer'><div class='post'"
                f"><div class='post-header'><span class='byline post-timestamp'><time "
                f"class='published' datetime='{page.date}T09:00:00+07:00'>{tanggal(page.date)}"
                f"</time></span></div><h3 class='post-title entry-title'>{e(page.title)}</h3>"
                f"<div class='post-body entry-content float-container' id='post-body-"
                f"{_post_id(page)}'>{page.body}</div><div class='post-footer'><div class='"
                f"post-footer-line post-footer-line-1'><span class='byline post-labels'>"
                f"<span class='byline-label'>Label:</span>{labels}</span></div></div></div>"
                f"</div></article><section class='comments' id='comments'><h3 class='title'>"
                "Tidak ada komentar:</h3></section>")
    elif page.kind in ("home", "listing"):
        status = ("" if page.kind == "home" else
                  f"<div class='post-filter-message'><div>Menampilkan postingan dengan label "
                  f"<span class='search-label'>{e(page.title)}</span></div><div><a class='flat"
                  f"-button ripple' href='{site.base}/'>Tampilkan semua</a></div></div>")
        more = ("<div class='blog-pager container' id='blog-pager'><a class='blog-pager-older-"
                f"link flat-button ripple' href='{site.base}/search?updated-max="
                f"{page.posts[-1].date}T09:00:00%2B07:00&amp;max-results=6'>Postingan lainnya"
                "</a></div>" if page.kind == "home" else "")
        main = (status + "<div class='blog-posts hfeed container'>"
                + "".join(soho_snippet(p) for p in page.posts) + f"</div>{more}")
    else:
        main = (f"<div class='post'><h3 class='post-title entry-title'>{e(page.title)}</h3>"
                f"<div class='post-body entry-content float-container'>{page.body}</div></div>")
    menu = "".join(f"<li><a href='{site.base}{h}'>{t}</a></li>" for t, h in (
        ("Beranda", "/"), ("Layanan", "/search/label/Layanan"), ("Berita", "/search/label/Berita"),
        ("Profil", "/p/profil.html"), ("Hubungi Kami", "/p/kontak.html")))
    return f"""<!DOCTYPE html>
<html class='v2' dir='ltr' lang='id' xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b' xmlns:data='http://www.google.com/2005/gml/data' xmlns:expr='http://www.google.com/2005/gml/expr'>
<head>
<meta content='width=device-width, initial-scale=1' name='viewport'/>
<title>{title}</title>
{blogger_head(page)}
</head>
<body class='{'item-view' if item else 'feed-view'} version-1-3-3 variant-soho_light'>
<div class='page'><div class='page_body'><div class='main-page-body-content'>
<div class='sidebar-container'><div class='sidebar_top_wrapper'>
<div class='widget Header' data-version='2' id='Header1'><div class='header-widget'><h1><a href='{site.base}/'>{e(site.short)}</a></h1><p>{e(site.tagline)}</p></div></div>
<div class='widget PageList' data-version='2' id='PageList2'><h3 class='title'>Menu</h3><div class='widget-content'><ul>{menu}</ul></div></div>
</div></div>
<main class='centered' id='main' role='main'><div class='main section' id='page_body'><div class='widget Blog' data-version='2' id='Blog1'>
{main}
</div></div></main>
<footer class='footer section' id='footer'><div class='widget Attribution' data-version='2' id='Attribution1'><div class='widget-content'>{footer_text(site)}<br/>Tema Soho. Diberdayakan oleh <a href='https://www.blogger.com' target='_blank'>Blogger</a>.<br/><a href='{site.base}{page.href}?m=1'>Lihat versi seluler</a></div></div></footer>
</div></div></div>
</body>
</html>
"""


# --- WordPress, ColorMag theme: a news magazine whose services are posts in "Layanan" ------


def build_colormag(site: Site, facts: dict, reg) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html")
    posts = dated_posts(site, facts, reg,
                        lambda t, d: f"/{d[:4]}/{d[5:7]}/{d[8:10]}/{slugify(t)}/",
                        lambda href: href[1:] + "index.html", "/wp-content/uploads/2024/05")
    for n, p in enumerate(sorted(posts, key=lambda p: p.date), start=1):
        p.view = {"id": 40 + 7 * n, "views": 90 + 37 * (n * 5 % 11)}
    for slug, title, body in (("profil", "Profil Kecamatan", new_profile(site)),
                              ("kontak", "Kontak", contact_body(site))):
        put(site, "page", slug, title, f"/{slug}/", f"{slug}/index.html", body)
    home.posts = posts[:6]
    for cat in ("Layanan", "Berita"):
        slug = cat.lower()
        cp = put(site, "listing", f"category:{slug}", cat, f"/category/{slug}/",
                 f"category/{slug}/index.html")
        cp.posts = [p for p in posts if cat in p.labels]
    urls = "".join(f"<url><loc>{site.base}{p.href}</loc><lastmod>{p.date}T10:00:00+07:00"
                   "</lastmod></url>" for p in posts)
    site.extra_files["wp-sitemap-posts-post-1.xml"] = (
        "<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/"
        f"sitemap/0.9'>{urls}</urlset>").encode()
    site.extra_files["wp-sitemap.xml"] = (
        "<?xml version='1.0' encoding='UTF-8'?><sitemapindex xmlns='http://www.sitemaps.org/"
        f"schemas/sitemap/0.9'><sitemap><loc>{site.base}/wp-sitemap-posts-post-1.xml</loc>"
        "</sitemap></sitemapindex>").encode()


def slugify(title: str) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", " ", title.lower()).split())


def colormag_card(page: Page) -> str:
    site, cat = page.site, page.labels[0]
    text = " ".join(re.sub(r"<[^>]+>", " ", page.body).split())
    return (f'<article id="post-{page.view["id"]}" class="post-{page.view["id"]} post type-post '
            f'status-publish format-standard hentry category-{cat.lower()} cm-post">'
            f'<div class="cm-post-content"><div class="cm-entry-header-meta"><div class="cm-post-'
            f'categories"><a href="{site.base}/category/{cat.lower()}/" rel="category tag">{cat}'
            f'</a></div></div><header class="cm-entry-header"><h2 class="cm-entry-title"><a href'
            f'="{site.base}{page.href}" title="{e(page.title)}">{e(page.title)}</a></h2></header>'
            f'<div class="cm-below-entry-meta"><span class="cm-post-date"><a href="{site.base}'
            f'{page.href}" rel="bookmark"><time class="entry-date published" datetime="'
            f'{page.date}T10:00:00+07:00">{tanggal(page.date)}</time></a></span></div>'
            f'<div class="cm-entry-summary"><p>{e(" ".join(text.split()[:30]))} [&hellip;]</p>'
            f'<a class="cm-entry-button" href="{site.base}{page.href}"><span>Baca Selengkapnya'
            "</span></a></div></div></article>")


def render_colormag(page: Page) -> str:
    site = page.site
    posts = sorted((p for p in site.pages if p.kind in ("service", "news")),
                   key=lambda p: p.date, reverse=True)
    if page.kind in ("service", "news"):
        cat = page.labels[0]
        related = [p for p in posts if cat in p.labels and p is not page][:3]
        main = (f'<article id="post-{page.view["id"]}" class="post-{page.view["id"]} post '
                f'type-post status-publish format-standard hentry category-{cat.lower()}">'
                f'<div class="cm-post-content"><div class="cm-entry-header-meta"><div class="'
                f'cm-post-categories"><a href="{site.base}/category/{cat.lower()}/" rel="'
                f'category tag">{cat}</a></div></div><header class="cm-entry-header"><h1 class='
                f'"cm-entry-title">{e(page.title)}</h1></header><div class="cm-below-entry-meta">'
                f'<span class="cm-post-date"><time class="entry-date published" datetime="'
                f'{page.date}T10:00:00+07:00">{tanggal(page.date)}</time></span><span class="'
                f'cm-author cm-vcard">Admin Kecamatan</span><span class="cm-post-views">'
                f'{page.view["views"]} Views</span></div><div class="cm-entry-summary">'
                f'{page.body}</div></div></article>'
                '<ul class="default-wp-page"><li class="previous"></li><li class="next"></li>'
                '</ul><div class="cm-related-posts"><h3 class="cm-related-posts-title"><span>'
                'Anda Mungkin Juga Suka</span></h3><div class="cm-row">' + "".join(
                    f'<div class="cm-col-4"><div class="cm-post-content"><h3 class="cm-entry-'
                    f'title"><a href="{site.base}{p.href}" rel="bookmark">{e(p.title)}</a></h3>'
                    f'<div class="cm-below-entry-meta"><span class="cm-post-date">'
                    f'{tanggal(p.date)}</span></div></div></div>' for p in related)
                + '</div></div><div id="comments" class="comments-area"><div id="respond" '
                'class="comment-respond"><h3 id="reply-title" class="comment-reply-title">'
                'Tinggalkan Balasan</h3><form action="/wp-comments-post.php" method="post" '
                'id="commentform"><p class="comment-notes">Alamat email Anda tidak akan '
                'dipublikasikan.</p><textarea id="comment" name="comment"></textarea><input '
                'name="submit" type="submit" value="Kirim Komentar"></form></div></div>')
    elif page.kind in ("home", "listing"):
        head = ("" if page.kind == "home" else f'<header class="cm-page-header"><h1 class="cm-'
                f'page-title"><span>{e(page.title)}</span></h1></header>')
        main = head + '<div class="cm-posts">' + "".join(colormag_card(p) for p in page.posts) \
            + "</div>"
    else:
        main = (f'<article class="page type-page status-publish hentry"><header class="cm-entry-'
                f'header"><h1 class="cm-entry-title">{e(page.title)}</h1></header><div class="'
                f'cm-entry-summary">{page.body}</div></article>')
    popular = "".join(
        f'<li><a href="{site.base}{p.href}" title="{e(p.title)}" class="wpp-post-title" '
        f'target="_self">{e(p.title)}</a> <span class="wpp-meta post-stats"><span class="'
        f'wpp-views">{p.view["views"]} views</span></span></li>'
        for p in sorted(posts, key=lambda p: -p.view["views"])[:5])
    recent = "".join(f'<li><a href="{site.base}{p.href}">{e(p.title)}</a></li>'
                     for p in posts[:5])
    menu = "".join(f'<li class="menu-item"><a href="{site.base}{h}">{t}</a></li>' for t, h in (
        ("Beranda", "/"), ("Profil", "/profil/"), ("Layanan", "/category/layanan/"),
        ("Berita", "/category/berita/"), ("Kontak", "/kontak/")))
    title = (e(site.short) if page.kind == "home"
             else f"{e(page.title)} &#8211; {e(site.short)}")
    body_class = ("single single-post postid-" + str(page.view["id"])
                  if page.kind in ("service", "news") else
                  "archive category" if page.kind == "listing" else "home blog")
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="UTF-8" />
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="canonical" href="{site.base}{page.href}" />
<link rel='stylesheet' id='colormag_style-css' href='{site.base}/wp-content/themes/colormag/style.css?ver=3.1.6' type='text/css' media='all' />
<meta name="generator" content="WordPress 6.4.3" />
</head>
<body class="{body_class} wp-theme-colormag cm-header-layout-1 cm-right-sidebar">
<div id="page" class="hfeed site"><a class="skip-link screen-reader-text" href="#main">Langsung ke konten</a>
<header id="cm-masthead" class="cm-header"><div class="cm-header-1"><div class="cm-row"><div id="cm-site-branding"><h3 id="cm-site-title"><a href="{site.base}/" rel="home">{e(site.short)}</a></h3><p id="cm-site-description">{e(site.tagline)}</p></div></div></div>
<nav id="cm-primary-nav" class="cm-primary-nav"><ul id="cm-primary-menu" class="menu">{menu}</ul></nav></header>
<div id="cm-content" class="cm-content"><div class="cm-container"><div class="cm-row">
<div id="cm-primary" class="cm-primary"><div class="cm-posts clearfix">
{main}
</div></div>
<div id="cm-secondary" class="cm-secondary">
<aside id="wpp-2" class="widget popular-posts"><h3 class="cm-widget-title"><span>Terpopuler</span></h3><ul class="wpp-list">{popular}</ul></aside>
<aside id="recent-posts-2" class="widget widget_recent_entries"><h3 class="cm-widget-title"><span>Pos-pos Terbaru</span></h3><ul>{recent}</ul></aside>
</div>
</div></div></div>
<footer id="cm-footer" class="cm-footer"><div class="cm-footer-bar"><div class="cm-footer-bar-area"><div class="cm-footer-bar-section cm-footer-bar--left">{footer_text(site)}. Tema: ColorMag oleh ThemeGrill. Dipersembahkan oleh <a href="https://wordpress.org" title="WordPress">WordPress</a>.</div></div></div></footer>
</div>
</body>
</html>
"""


NEW_BUILD.update({"soho": build_soho, "colormag": build_colormag})
RENDER.update({"soho": render_soho, "colormag": render_colormag})
CSS.update({"soho": ("favicon.ico", ""),
            "colormag": ("wp-content/themes/colormag/style.css",
                         ".cm-container{max-width:1140px;margin:0 auto}.cm-primary{width:70%}")})


# ---------------------------------------------------------------------------------------------
# OpenSID (issue #11): the open-source "Sistem Informasi Desa" (PHP/CodeIgniter) that many desa
# and kelurahan run as their website. Modelled on its themes as OpenSID ships them: the classic
# theme (``klasik``, once ``default``) and Esensi, one of the bundled newer themes. What a
# crawler meets there:
# - every page is an article list or an article with the same widget sidebar beside it
#   (search form, aparatur, agenda, statistik penduduk, arsip artikel terkini/populer/acak,
#   komentar terbaru, jam kerja, lokasi kantor, kategori, statistik pengunjung): on a short
#   post the sidebar holds more words than the post;
# - services are "artikel" posts like the news, in a category named like a service section
#   ("Informasi Layanan", "Prosedur Layanan"), some with citizens' comments under them;
# - the classic theme links ``/index.php/first/artikel/<id>`` and ``/index.php/first/kategori/
#   <id>`` (no URL rewriting), its h1 is the kelurahan's name on every page and an article's
#   title an h2; Esensi links ``/artikel/<yyyy>/<m>/<d>/<slug>`` (month and day unpadded) and
#   ``/artikel/kategori/<slug>``, with an h1 per article;
# - lists paginated by path (``/first/index/2``, ``/arsip/2``, ``.../kategori/<x>/2``), static
#   pages (profil) as articles, statistics tables (``/first/statistik/4``,
#   ``/data-statistik/<slug>``), ``/data-wilayah``, ``/peta``, and the ``/layanan-mandiri``
#   login of the citizens' self-service (NIK and PIN). Ports 8751 and 8752.
# ---------------------------------------------------------------------------------------------

OPENSID_ROBOTS = ("User-agent: *\n\nDisallow: /app/\nDisallow: /backup_inkremental/\n"
                  "Disallow: /desa/\nDisallow: /donjo-app/\nDisallow: /resources/\n"
                  "Disallow: /securimage/\nDisallow: /storage/\nDisallow: /template-surat/\n")
KELURAHAN_HOURS = [("Senin", "07.30", "16.00"), ("Selasa", "07.30", "16.00"),
                   ("Rabu", "07.30", "16.00"), ("Kamis", "07.30", "16.00"),
                   ("Jumat", "07.30", "11.30"), ("Sabtu", "", ""), ("Minggu", "", "")]

SITES += [
    Site("kel-talangbanjar", "Kelurahan Talang Banjar", "Kelurahan Talang Banjar", "opensid", 50,
         "Kecamatan Jambi Timur, Kota Jambi, Provinsi Jambi",
         "Jl. Sentot Alibasa No. 21, Kel. Talang Banjar, Kec. Jambi Timur, Kota Jambi",
         "adalah perangkat daerah di bawah Kecamatan Jambi Timur yang melayani surat keterangan, "
         "surat pengantar administrasi kependudukan dan pemberdayaan warga di 34 RT",
         labels="a", list_style="ol", place="Kantor Lurah Talang Banjar, Jl. Sentot Alibasa "
         "No. 21", color="#2e7d32", variant="klasik"),
    Site("kel-pakuanbaru", "Kelurahan Pakuan Baru", "Kelurahan Pakuan Baru", "opensid", 51,
         "Kecamatan Jambi Selatan, Kota Jambi, Provinsi Jambi",
         "Jl. Letjen Suprapto No. 8, Kel. Pakuan Baru, Kec. Jambi Selatan, Kota Jambi",
         "adalah perangkat daerah di bawah Kecamatan Jambi Selatan yang melayani surat "
         "keterangan dan pengantar bagi warga di 28 RT serta meneruskan usulan bantuan sosial",
         labels="c", list_style="ul", robots=OPENSID_ROBOTS,
         place="Kantor Lurah Pakuan Baru, Jl. Letjen Suprapto No. 8", color="#0e7490",
         variant="esensi"),
]
SITE.update({s.name: s for s in SITES})
FAMILY["opensid"] = "opensid"

# Kelurahan letters that services.jsonl has no record of (fact index None): their facts are
# the overrides, as a kelurahan publishes them.
SKU_FACTS = {"requirements": ["Surat pengantar RT dan RW", "Fotokopi KTP-el dan Kartu Keluarga",
                              "Foto tempat usaha", "Pas foto 3x4 berwarna 2 lembar"],
             "procedure": ["Minta surat pengantar ke Ketua RT dan RW",
                           "Serahkan berkas ke loket pelayanan kelurahan",
                           "Petugas memeriksa berkas dan dapat meninjau tempat usaha",
                           "Surat keterangan usaha ditandatangani lurah"],
             "duration": "1 hari kerja", "cost": "Gratis",
             "legal_basis": "Perwal Kota Jambi tentang pelayanan administrasi kelurahan"}
AHLI_WARIS_FACTS = {
    "requirements": ["Surat pengantar RT dan RW", "Fotokopi akta kematian pewaris",
                     "Fotokopi KTP-el dan KK seluruh ahli waris",
                     "Surat pernyataan ahli waris bermeterai yang ditandatangani semua ahli "
                     "waris dan dua orang saksi",
                     "Fotokopi surat nikah pewaris dan akta kelahiran para ahli waris"],
    "procedure": ["Ahli waris menyusun surat pernyataan ahli waris dengan saksi",
                  "Berkas diserahkan ke kelurahan untuk diregister",
                  "Lurah menandatangani dan camat menguatkan surat keterangan ahli waris"],
    "duration": "3 hari kerja", "cost": "Gratis"}
NIKAH_FACTS = {
    "requirements": ["Surat pengantar RT dan RW", "Fotokopi KTP-el dan KK calon pengantin",
                     "Fotokopi akta kelahiran", "Pas foto 2x3 dan 3x4 latar biru",
                     "Fotokopi KTP-el orang tua atau wali"],
    "procedure": ["Minta pengantar RT dan RW", "Kelurahan menerbitkan surat pengantar nikah "
                  "(formulir N1 sampai N4)", "Bawa berkas ke KUA atau Disdukcapil untuk "
                  "pendaftaran nikah"],
    "duration": "1 hari kerja", "cost": "Gratis"}
BELUM_NIKAH_FACTS = {
    "requirements": ["Surat pengantar RT dan RW", "Fotokopi KTP-el dan Kartu Keluarga",
                     "Surat pernyataan belum pernah menikah bermeterai"],
    "procedure": ["Minta pengantar RT dan RW", "Serahkan berkas ke loket kelurahan",
                  "Surat keterangan ditandatangani lurah"],
    "duration": "1 hari kerja", "cost": "Gratis"}

# (fact index or None, site, date, post title, intro, overrides); "style" is how the post
# tells the facts: list (bold labels and lists, as typed in the editor), prose or table
SERVICES.update({
    # Kelurahan Talang Banjar (classic theme, category "Informasi Layanan")
    "tb_ktp": (0, "kel-talangbanjar", "2024-01-15", "Surat Pengantar Perekaman KTP-el",
               "Warga Talang Banjar yang sudah berusia 17 tahun atau sudah menikah meminta surat "
               "pengantar di kantor lurah sebelum merekam KTP-el di Disdukcapil atau MPP.",
               {"style": "list", "online": None, "cost": "Gratis"}),
    "tb_kk": (4, "kel-talangbanjar", "2024-01-22", "Surat Pengantar Perubahan dan Pecah KK",
              "Tambah anggota keluarga, pecah KK setelah menikah atau perbaikan data KK dimulai "
              "dengan surat pengantar dari kelurahan.", {"style": "list", "online": None}),
    "tb_domisili": (66, "kel-talangbanjar", "2024-02-05", "Surat Keterangan Domisili",
                    "Surat keterangan domisili menerangkan bahwa warga benar tinggal di wilayah "
                    "Kelurahan Talang Banjar, misalnya untuk melamar kerja atau membuka rekening.",
                    {"style": "list", "duration": "Selesai di hari yang sama"}),
    "tb_sktm": (67, "kel-talangbanjar", "2024-02-12", "Surat Keterangan Tidak Mampu (SKTM)",
                "SKTM diberikan bagi keluarga kurang mampu untuk keringanan biaya sekolah atau "
                "syarat bantuan. Untuk berobat cukup KTP-el dengan UHC Jambi Bugar.",
                {"style": "table"}),
    "tb_sku": (None, "kel-talangbanjar", "2024-03-04", "Surat Keterangan Usaha (SKU)",
               "Pelaku usaha kecil di Talang Banjar dapat meminta surat keterangan usaha untuk "
               "mengajukan pinjaman modal atau KUR ke bank.", {"style": "list", **SKU_FACTS}),
    "tb_pindah": (9, "kel-talangbanjar", "2024-03-18", "Surat Pengantar Pindah Keluar",
                  "Warga yang akan pindah ke luar Kota Jambi meminta surat pengantar pindah di "
                  "kelurahan sebelum SKPWNI diterbitkan Disdukcapil.",
                  {"style": "prose", "online": None}),
    "tb_kematian": (7, "kel-talangbanjar", "2024-04-01", "Surat Keterangan Kematian",
                    "Keluarga melaporkan warga yang meninggal ke kelurahan untuk mendapat surat "
                    "keterangan kematian, syarat penerbitan akta kematian di Disdukcapil.",
                    {"style": "list", "cost": GRATIS_ADMINDUK}),
    "tb_ahliwaris": (None, "kel-talangbanjar", "2024-04-22", "Surat Keterangan Ahli Waris",
                     "Surat keterangan ahli waris dipakai untuk balik nama sertifikat tanah, "
                     "pencairan tabungan atau santunan atas nama orang yang sudah meninggal.",
                     {"style": "list", **AHLI_WARIS_FACTS}),
    "tb_nikah": (None, "kel-talangbanjar", "2024-05-06", "Surat Pengantar Nikah (N1-N4)",
                 "Calon pengantin warga Talang Banjar meminta surat pengantar nikah di kelurahan "
                 "sebelum mendaftar ke KUA atau Disdukcapil.", {"style": "prose", **NIKAH_FACTS}),
    "tb_lahir": (6, "kel-talangbanjar", "2024-05-20", "Surat Keterangan Kelahiran",
                 "Orang tua yang baru mendapat bayi meminta surat keterangan kelahiran di "
                 "kelurahan sebagai syarat akta kelahiran.",
                 {"style": "table", "cost": GRATIS_ADMINDUK}),
    # Kelurahan Pakuan Baru (Esensi theme, category "Prosedur Layanan")
    "pk_domisili": (66, "kel-pakuanbaru", "2024-07-08",
                    "Cara Mengurus Surat Keterangan Domisili di Kelurahan Pakuan Baru",
                    "Surat domisili dibuat di kantor lurah sesuai alamat tinggal dan selesai "
                    "hari itu juga bila berkas lengkap.", {"style": "prose"}),
    "pk_sktm": (67, "kel-pakuanbaru", "2024-07-15", "Persyaratan SKTM untuk Sekolah dan Bantuan",
                "SKTM Kelurahan Pakuan Baru dipakai untuk keringanan biaya sekolah dan syarat "
                "bantuan sosial; pengantar RT dan RW wajib dilampirkan.", {"style": "list"}),
    "pk_sku": (None, "kel-pakuanbaru", "2024-08-05",
               "Persyaratan Surat Keterangan Usaha untuk Pinjaman KUR",
               "Pedagang dan pelaku UMKM di Pakuan Baru bisa mengurus SKU sebagai syarat "
               "pinjaman KUR atau pendaftaran bantuan usaha.", {"style": "table", **SKU_FACTS}),
    "pk_kk": (3, "kel-pakuanbaru", "2024-08-19", "Pengantar Kartu Keluarga Baru bagi Pengantin Baru",
              "Pasangan yang baru menikah dan ingin memiliki KK sendiri meminta pengantar di "
              "kelurahan, lalu KK baru diterbitkan Disdukcapil.", {"style": "list",
                                                                   "online": None}),
    "pk_pindah": (9, "kel-pakuanbaru", "2024-09-02", "Mau Pindah Domisili ke Luar Kota Jambi",
                  "Sebelum pindah ke luar Kota Jambi, warga Pakuan Baru meminta surat pengantar "
                  "pindah di kelurahan.", {"style": "prose", "online": None}),
    "pk_kematian": (7, "kel-pakuanbaru", "2024-09-16",
                    "Melaporkan Kematian Warga dan Mengurus Akta Kematian",
                    "Kematian anggota keluarga dilaporkan ke kelurahan paling lambat 30 hari "
                    "agar surat keterangan kematian dan akta kematian terbit.",
                    {"style": "list", "cost": GRATIS_ADMINDUK}),
    "pk_ahliwaris": (None, "kel-pakuanbaru", "2024-10-07",
                     "Syarat Surat Keterangan Ahli Waris di Kelurahan",
                     "Ahli waris yang akan mengurus warisan tanah, rumah atau tabungan perlu "
                     "surat keterangan ahli waris yang diketahui lurah dan camat.",
                     {"style": "table", **AHLI_WARIS_FACTS}),
    "pk_dtks": (40, "kel-pakuanbaru", "2024-10-21",
                "Usulan Masuk DTKS agar Terdaftar Penerima Bantuan Sosial",
                "Keluarga kurang mampu yang belum menerima PKH, BPNT atau PBI JK dapat diusulkan "
                "masuk DTKS (kini DTSEN) melalui musyawarah kelurahan.", {"style": "list"}),
    "pk_belumnikah": (None, "kel-pakuanbaru", "2024-11-04",
                      "Surat Keterangan Belum Pernah Menikah",
                      "Surat keterangan belum menikah diminta untuk melamar kerja, mendaftar "
                      "TNI/Polri atau sekolah kedinasan.", {"style": "prose", **BELUM_NIKAH_FACTS}),
})

NEWS += [
    ("kel-talangbanjar", "gotong-royong-parit-rt-09", "2024-02-17",
     "Gotong Royong Bersihkan Parit di RT 09",
     ["Warga RT 09 bersama staf kelurahan membersihkan parit dan saluran air yang tersumbat "
      "sampah menjelang musim hujan.",
      "Lurah Talang Banjar mengingatkan warga yang belum memperbarui Kartu Keluarga agar "
      "mengurus surat pengantar di kantor kelurahan."]),
    ("kel-talangbanjar", "posyandu-balita-melati", "2024-03-09",
     "Posyandu Balita Melati Timbang 64 Anak",
     ["Kader Posyandu Melati menimbang dan mengukur 64 balita serta memberi vitamin A.",
      "Orang tua yang anaknya belum memiliki akta kelahiran diminta meminta surat keterangan "
      "kelahiran di kelurahan."]),
    ("kel-talangbanjar", "pelayanan-surat-saat-renovasi", "2024-04-08",
     "Pelayanan Surat Keterangan Tetap Buka Selama Renovasi Kantor",
     ["Selama renovasi kantor, pelayanan surat keterangan domisili, SKTM dan surat pengantar "
      "dipindahkan sementara ke aula kelurahan.", "Jam pelayanan tidak berubah."]),
    ("kel-talangbanjar", "musyawarah-kampung-bahagia-2024", "2024-05-11",
     "Musyawarah Kampung Bahagia Tingkat Kelurahan",
     ["Ketua RT se-Kelurahan Talang Banjar membahas usulan semenisasi jalan lingkungan dan "
      "drainase dari dana Kampung Bahagia."]),
    ("kel-talangbanjar", "pendataan-dtks-door-to-door", "2024-06-03",
     "Petugas Kelurahan Mendata Ulang Keluarga Penerima Bantuan",
     ["Petugas kelurahan dan pendamping PKH mendatangi rumah warga untuk memutakhirkan data "
      "keluarga penerima bantuan sosial.", "Warga diminta menyiapkan KTP-el dan KK."]),
    ("kel-talangbanjar", "posyandu-lansia-juni", "2024-06-15",
     "Posyandu Lansia Periksa Tekanan Darah Warga",
     ["Puskesmas bersama kader memeriksa tekanan darah dan gula darah 40 lansia."]),
    ("kel-talangbanjar", "lomba-kebersihan-rt-agustus", "2024-08-10",
     "Lomba Kebersihan Antar-RT Sambut HUT RI",
     ["Kelurahan menggelar lomba kebersihan lingkungan antar-RT; pemenang diumumkan pada "
      "malam tasyakuran 17 Agustus."]),
    ("kel-pakuanbaru", "sosialisasi-sku-umkm", "2024-08-12",
     "Sosialisasi Surat Keterangan Usaha bagi Pelaku UMKM",
     ["Kelurahan Pakuan Baru mengundang 40 pelaku UMKM untuk sosialisasi pengurusan surat "
      "keterangan usaha dan pinjaman KUR.",
      "Peserta diminta membawa fotokopi KTP-el dan foto tempat usaha."]),
    ("kel-pakuanbaru", "gotong-royong-jalan-lingkungan-rt-12", "2024-09-07",
     "Gotong Royong Perbaikan Jalan Lingkungan RT 12",
     ["Warga RT 12 bergotong royong menimbun jalan lingkungan yang berlubang dan membersihkan "
      "parit."]),
    ("kel-pakuanbaru", "posyandu-kia-balita", "2024-09-21",
     "Posyandu Balita Sekaligus Jemput Bola KIA",
     ["Kader posyandu bersama petugas Disdukcapil melayani penimbangan balita sekaligus "
      "pendaftaran Kartu Identitas Anak.", "Orang tua cukup membawa KK dan akta kelahiran."]),
    ("kel-pakuanbaru", "musyawarah-kelurahan-dtks", "2024-10-26",
     "Musyawarah Kelurahan Verifikasi Usulan DTKS",
     ["Lurah, Ketua RT dan pendamping sosial memverifikasi usulan keluarga kurang mampu yang "
      "akan diteruskan ke Dinas Sosial."]),
    ("kel-pakuanbaru", "pelayanan-surat-sabtu", "2024-11-09",
     "Kelurahan Buka Pelayanan Surat Hari Sabtu Selama November",
     ["Pelayanan surat keterangan domisili, SKTM dan surat pengantar KK dibuka juga hari Sabtu "
      "pukul 08.00 sampai 12.00 WIB selama November."]),
    ("kel-pakuanbaru", "senam-sehat-lansia", "2024-11-23",
     "Senam Sehat Lansia di Halaman Kantor Lurah",
     ["Puluhan lansia mengikuti senam sehat bersama kader posyandu dan pemeriksaan kesehatan "
      "gratis."]),
]

# The widgets' own content: (nama, jabatan) of the aparatur, agenda (judul, tanggal, lokasi,
# koordinator) and the latest comments (nama, tanggal, komentar, key of the post)
OPENSID_APARATUR = {
    "kel-talangbanjar": [("M. Rizal, S.STP", "Lurah"), ("Hendra Saputra, S.E.", "Sekretaris Lurah"),
                         ("Nurhasanah", "Kasi Pemerintahan"), ("Ahmad Fauzi", "Kasi Kesejahteraan Sosial")],
    "kel-pakuanbaru": [("Dewi Kartika, S.Sos", "Lurah"), ("Yusuf Hamdani", "Sekretaris Lurah"),
                       ("Rina Marlina", "Kasi Pelayanan Umum"), ("Bambang Irawan", "Kasi Ketenteraman")],
}
OPENSID_AGENDA = {
    "kel-talangbanjar": [("Posyandu Balita RW 03", "2024-08-24", "Posyandu Melati RT 07",
                          "Kader PKK"),
                         ("Rapat Pemutakhiran Data Penduduk", "2024-08-28", "Aula Kelurahan",
                          "Kasi Pemerintahan")],
    "kel-pakuanbaru": [("Posyandu Lansia", "2024-12-07", "Posyandu Kenanga RT 05", "Kader PKK"),
                       ("Jemput Bola Rekam KTP-el", "2024-12-14", "Aula Kelurahan",
                        "Kasi Pelayanan Umum")],
}
OPENSID_COMMENTS = {
    "kel-talangbanjar": [("Sari", "2024-06-20", "Bu, untuk SKTM apakah harus ada pengantar RT "
                          "dulu? Terima kasih.", "tb_sktm"),
                         ("Admin", "2024-06-21", "Betul, bawa pengantar RT dan RW serta KK.",
                          "tb_sktm"),
                         ("Joni", "2024-07-02", "Surat domisili bisa diwakilkan keluarga tidak "
                          "pak?", "tb_domisili")],
    "kel-pakuanbaru": [("Lestari", "2024-11-12", "Apakah SKU bisa dipakai untuk daftar KUR di "
                        "bank BRI?", "pk_sku"),
                       ("Admin", "2024-11-13", "Bisa bu, silakan datang dengan berkas lengkap.",
                        "pk_sku"),
                       ("Rudi", "2024-11-20", "Syarat surat ahli waris apa perlu saksi dua "
                        "orang?", "pk_ahliwaris")],
}
# (slug, number in the classic routes, heading, rows of (kelompok, laki-laki, perempuan)); the
# jenis-kelamin rows are each site's own population (opensid_population)
OPENSID_STATS = [
    ("jenis-kelamin", 4, "Jenis Kelamin", None),
    ("pendidikan-dalam-kk", 0, "Pendidikan dalam KK",
     [("TIDAK / BELUM SEKOLAH", 812, 845), ("TAMAT SD / SEDERAJAT", 1104, 1187),
      ("SLTP/SEDERAJAT", 1321, 1290), ("SLTA / SEDERAJAT", 2410, 2355),
      ("DIPLOMA IV/ STRATA I", 706, 798)]),
]


def opensid_href(site: Site, what: str, *args: object) -> str:
    """A page's URL as each theme links it: the classic theme through ``index.php`` and the old
    ``first/`` routes, Esensi through the newer routes."""
    klasik = site.variant == "klasik"
    pre = "/index.php" if klasik else ""
    if what == "artikel":
        if klasik:
            return f"{pre}/first/artikel/{args[0]}"
        y, m, d = (int(x) for x in str(args[1]).split("-"))
        return f"/artikel/{y}/{m}/{d}/{args[2]}"
    if what == "kategori":
        base = f"{pre}/first/kategori/{args[0]}" if klasik else f"/artikel/kategori/{args[1]}"
        return base + (f"/{args[2]}" if len(args) > 2 and args[2] > 1 else "")
    if what == "index":
        return "/" if args[0] == 1 else f"{pre}/first/index/{args[0]}"
    if what == "arsip":
        return f"{pre}/first/arsip" + (f"/{args[0]}" if args[0] > 1 else "") if klasik \
            else "/arsip" + (f"/{args[0]}" if args[0] > 1 else "")
    if what == "statistik":
        return f"{pre}/first/statistik/{args[0]}" if klasik else f"/data-statistik/{args[1]}"
    return {"wilayah": f"{pre}/first/wilayah" if klasik else "/data-wilayah",
            "peta": f"{pre}/peta", "mandiri": f"{pre}/layanan-mandiri/masuk",
            "siteman": f"{pre}/siteman"}[what]


def opensid_file(href: str) -> str:
    return "index.html" if href == "/" else href.strip("/").replace("index.php/", "") + ".html"


def opensid_service_body(site: Site, intro: str, f: ServiceFacts, style: str) -> str:
    """A service as a kelurahan admin types it into the article editor."""
    if style == "prose":
        return prose_service_body(intro, f)
    if style == "table":
        return table_service_body(intro, f)
    out = [paras(e(intro))]
    for anchor, label, value in fact_rows(site, f):
        out.append(f"<p><strong>{e(label)}:</strong></p>")
        out.append(value_html(anchor, value, site.list_style) if isinstance(value, list)
                   else f"<p>{value_html(anchor, value, site.list_style)}</p>")
    return "".join(out)


def opensid_paged(site: Site, key: str, title: str, posts: list[Page], href_of, per: int) -> None:
    """A paginated list of posts: one page each ``per`` posts, linked to each other."""
    chunks = [posts[i:i + per] for i in range(0, len(posts), per)] or [[]]
    for n, chunk in enumerate(chunks, start=1):
        page = put(site, "home" if key == "home" and n == 1 else "listing",
                   key if n == 1 else f"{key}:{n}", title, href_of(n),
                   opensid_file(href_of(n)), aliases=("/index.php", "/index.php/first")
                   if key == "home" and n == 1 and site.variant == "klasik" else ())
        page.posts, page.view = chunk, {"page": n, "pages": len(chunks), "href_of": href_of}


def build_opensid(site: Site, facts: dict, reg) -> None:
    klasik = site.variant == "klasik"
    cats = ({"layanan": (3, "informasi-layanan", "Informasi Layanan"),
             "berita": (1, "berita-kelurahan", "Berita Kelurahan")} if klasik else
            {"layanan": (4, "prosedur-layanan", "Prosedur Layanan"),
             "berita": (2, "kegiatan-kelurahan", "Kegiatan Kelurahan")})
    items = [("service", k, spec[2], spec[3], spec) for k, spec in own_services(site)]
    items += [("news", f"news:{site.name}:{slug}", date, title, texts)
              for slug, date, title, texts in own_news(site)]
    items.sort(key=lambda x: x[2])
    posts = []
    for n, (kind, key, date, title, spec) in enumerate(items):
        art_id = 12 + n * 4 + n % 3
        href = opensid_href(site, "artikel", art_id, date, slugify(title))
        if kind == "service":
            _i, _s, _d, _t, intro, over = spec
            body, summary = opensid_service_body(site, intro, facts[key], over["style"]), intro
        else:
            body, summary = paras(*map(e, spec)), spec[0]
        page = put(site, kind, key, title, href, opensid_file(href), body, date=date,
                   summary=summary)
        page.labels = [cats["layanan" if kind == "service" else "berita"]]
        page.view = {"id": art_id, "hits": 57 + art_id * 13 % 400}
        reg(page, key)
        posts.append(page)
    posts.sort(key=lambda p: p.date, reverse=True)
    prof_href = opensid_href(site, "artikel", 5, "2023-01-10", "profil-kelurahan")
    prof = put(site, "page", "profil", f"Profil {site.short}", prof_href, opensid_file(prof_href),
               opensid_profile(site), date="2023-01-10")
    prof.view, prof.labels = {"id": 5, "hits": 1204}, []
    opensid_paged(site, "home", site.short, posts,
                  lambda n: opensid_href(site, "index", n), 6)
    for cid, slug, name in cats.values():
        opensid_paged(site, f"kategori:{slug}", name,
                      [p for p in posts if p.labels[0][1] == slug],
                      lambda n, cid=cid, slug=slug: opensid_href(site, "kategori", cid, slug, n), 6)
    opensid_paged(site, "arsip", "Arsip Artikel", posts, lambda n: opensid_href(site, "arsip", n),
                  10)
    for slug, num, heading, rows in OPENSID_STATS:
        href = opensid_href(site, "statistik", num, slug)
        put(site, "page", f"statistik:{slug}", f"Data Penduduk Menurut {heading}", href,
            opensid_file(href), opensid_stat_table(rows or opensid_population(site)))
    for what, title, body in (("wilayah", "Data Wilayah Administratif", opensid_wilayah(site)),
                              ("peta", "Peta Wilayah", opensid_peta(site)),
                              ("mandiri", "Layanan Mandiri", opensid_mandiri(site)),
                              ("siteman", "Login Admin", opensid_siteman(site))):
        href = opensid_href(site, what)
        page = put(site, "page", what, title, href, opensid_file(href), body)
        if what == "mandiri":  # the citizens' self-service app: judged for "app" queries
            reg(page, f"mandiri:{site.name}")
    urls = "".join(f"<url><loc>{site.base}{p.href}</loc><lastmod>{p.date}</lastmod>"
                   "<changefreq>daily</changefreq><priority>0.8</priority></url>"
                   for p in [*posts, prof])
    site.extra_files["sitemap.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/'
        f'sitemap/0.9">{urls}</urlset>').encode()
    site.routes["/sitemap"] = "sitemap.xml"
    theme_css = ("themes/klasik/assets/css/pengaturan.css" if klasik else
                 "vendor/themes/esensi/assets/css/style.min.css")
    site.extra_files[theme_css] = b"#siteTitle h1{font-size:22px}.box-title{font-weight:bold}\n"


def opensid_population(site: Site) -> list[tuple[str, int, int]]:
    """The jenis-kelamin table: the same figures the statistik widget charts."""
    seed = 4000 + site.port_offset * 37
    return [("LAKI-LAKI", seed + 412, 0), ("PEREMPUAN", 0, seed + 389)]


def opensid_profile(site: Site) -> str:
    hours = "; ".join(f"{d} {a}–{b} WIB" for d, a, b in KELURAHAN_HOURS if a)
    return (paras(e(f"{site.opd} {site.tugas}."),
                  f"<strong>Alamat kantor:</strong> {e(site.address)}",
                  f"<strong>Jam pelayanan:</strong> {hours}. Sabtu, Minggu dan hari libur "
                  "nasional tutup.",
                  "Pelayanan surat keterangan dan surat pengantar tidak dipungut biaya. Warga "
                  "diminta membawa pengantar RT dan RW serta KTP-el dan KK asli.")
            + "<h3>Batas Wilayah</h3>" + ul(["Utara: Sungai Batanghari", "Selatan: kelurahan "
                                              "tetangga", "Barat: jalan protokol kota",
                                              "Timur: kawasan permukiman"]))


def opensid_stat_table(rows: list[tuple[str, int, int]]) -> str:
    total = sum(laki + perempuan for _n, laki, perempuan in rows) or 1
    body = "".join(
        f"<tr><td>{i}</td><td>{e(nama)}</td><td>{laki + perempuan}</td>"
        f"<td>{(laki + perempuan) * 100 / total:.2f}%</td><td>{laki}</td><td>{perempuan}</td></tr>"
        for i, (nama, laki, perempuan) in enumerate(rows, start=1))
    sum_l, sum_p = sum(r[1] for r in rows), sum(r[2] for r in rows)
    return ('<table class="table table-striped"><thead><tr><th>No</th><th>Kelompok</th>'
            "<th>Jumlah</th><th>%</th><th>Laki-laki</th><th>Perempuan</th></tr></thead><tbody>"
            f"{body}<tr><td></td><td>JUMLAH</td><td>{sum_l + sum_p}</td><td>100%</td>"
            f"<td>{sum_l}</td><td>{sum_p}</td></tr></tbody></table>"
            "<p>Diperbarui pada : 1 Desember 2024</p>")


def opensid_wilayah(site: Site) -> str:
    rows = "".join(f"<tr><td>{rw}</td><td>RW {rw:02d}</td><td>{4 + rw % 3}</td>"
                   f"<td>{310 + rw * 23}</td><td>{1040 + rw * 71}</td></tr>"
                   for rw in range(1, 7))
    return ('<table class="table table-bordered"><thead><tr><th>No</th><th>Wilayah</th>'
            "<th>Jumlah RT</th><th>KK</th><th>Jiwa</th></tr></thead><tbody>" + rows
            + "</tbody></table>")


def opensid_peta(site: Site) -> str:
    return ('<div id="map" style="height:500px"></div><script>var peta = L.map("map")'
            ".setView([-1.61, 103.61], 15);</script>"
            f"<p>Peta wilayah {e(site.opd)}: batas RW dan RT, kantor lurah, posyandu, sekolah "
            "dan tempat ibadah. Klik sebuah wilayah untuk melihat jumlah penduduknya.</p>")


def opensid_mandiri(site: Site) -> str:
    return ('<form action="/layanan-mandiri/cek" method="post" class="form-login">'
            "<h3>Layanan Mandiri</h3><p>Silakan masuk dengan NIK dan PIN yang diberikan operator "
            f"{e(site.short)}.</p><input type=\"text\" name=\"nik\" placeholder=\"NIK\">"
            '<input type="password" name="pin" placeholder="PIN"><button type="submit">Masuk'
            "</button></form>")


def opensid_siteman(site: Site) -> str:
    return ('<form action="/siteman/auth" method="post"><h3>Login Administrator</h3><input '
            'type="text" name="username" placeholder="Nama pengguna"><input type="password" '
            f'name="password" placeholder="Kata sandi"><button type="submit">Masuk</button></form>'
            f"<p>Halaman ini khusus bagi operator {e(site.short)}.</p>")


def opensid_sidebar(site: Site) -> str:
    """The widget column, the same on every page (as OpenSID renders it from one widget list)."""
    klasik = site.variant == "klasik"
    posts = sorted((p for p in site.pages if p.kind in ("service", "news")),
                   key=lambda p: p.date, reverse=True)
    by_key = {p.key: p for p in site.pages}

    def box(icon: str, title: str, inner: str) -> str:
        if klasik:
            return (f'<div class="box box-primary box-solid"><div class="box-header"><h3 '
                    f'class="box-title"><i class="fa {icon}"></i> {title}</h3></div>'
                    f'<div class="box-body">{inner}</div></div>')
        return (f'<div class="shadow rounded-lg bg-white overflow-hidden"><div class="box">'
                f'<div class="box-header"><h3 class="box-title"><i class="fas {icon} mr-1"></i>'
                f'{title}</h3></div><div class="box-body">{inner}</div></div></div>')

    def art(p: Page, extra: str = "") -> str:
        return (f'<li><a href="{p.href}"><small>{tanggal(p.date)}{extra}</small><br>'
                f"{e(p.title)}</a></li>")

    aparatur = OPENSID_APARATUR[site.name]
    if klasik:  # names only in the slideshow's attributes
        ap = "".join(f'<img src="/desa/upload/user_pict/kecil_{i}.jpg" data-cycle-title="'
                     f"<span class='cycle-overlay-title'>{e(n)}</span>\" data-cycle-desc="
                     f'"{e(j)}">' for i, (n, j) in enumerate(aparatur, 1))
        ap = f'<div id="aparatur_desa" class="cycle-slideshow">{ap}</div>'
    else:
        ap = '<div class="owl-carousel">' + "".join(
            f'<div class="relative"><img src="/desa/upload/user_pict/kecil_{i}.jpg" alt="{e(n)}">'
            f'<span class="text-h6">{e(n)}</span><span class="block">{e(j)}</span></div>'
            for i, (n, j) in enumerate(aparatur, 1)) + "</div>"
    agenda = "".join(
        f'<table class="table-agenda"><tr><td colspan="3">{e(judul)}</td></tr><tr><th>Waktu'
        f"</th><td>:</td><td>{tanggal(tgl)}</td></tr><tr><th>Lokasi</th><td>:</td><td>"
        f"{e(lok)}</td></tr><tr><th>Koordinator</th><td>:</td><td>{e(koor)}</td></tr></table>"
        for judul, tgl, lok, koor in OPENSID_AGENDA[site.name])
    population = opensid_population(site)
    stat = ('<div id="container_widget"></div><script>var stat_widget = {categories: ['
            + ", ".join(f"'{laki + perempuan} {nama}'" for nama, laki, perempuan in population)
            + "]};</script>")
    populer = sorted(posts, key=lambda p: -p.view["hits"])[:5]
    acak = [posts[i] for i in (3, 0, 7, 5, 1) if i < len(posts)]
    arsip = "".join(
        f'<div id="{tab}" class="tab-pane"><ul>'
        + "".join(art(p, f" | {p.view['hits']} kali dibaca" if tab == "populer" else "")
                  for p in chosen) + "</ul></div>"
        for tab, chosen in (("terkini", posts[:5]), ("populer", populer), ("acak", acak)))
    arsip = ('<ul class="nav nav-tabs"><li class="active"><a href="#terkini">Terkini</a></li>'
             '<li><a href="#populer">Populer</a></li><li><a href="#acak">Acak</a></li></ul>'
             f'<div class="tab-content">{arsip}</div>')
    komentar = "<ul class=\"sidebar-latest\">" + "".join(
        f"<li><i class=\"fa fa-comment\"></i> {e(nama)}<br><small>{tanggal(tgl)}</small><br>"
        f"{e(teks[:60])}... <a href=\"{by_key[key].href}\">selengkapnya</a></li>"
        for nama, tgl, teks, key in OPENSID_COMMENTS[site.name]) + "</ul>"
    jam = ("<table><thead><tr><th>Hari</th><th>Mulai</th><th>Selesai</th></tr></thead><tbody>"
           + "".join(f"<tr><td>{d}</td><td>{a_}</td><td>{b}</td></tr>" if a_ else
                     f'<tr><td>{d}</td><td colspan="2"><span class="label">Libur</span></td></tr>'
                     for d, a_, b in KELURAHAN_HOURS) + "</tbody></table>")
    kantor = (f'<div id="map_canvas" style="height:200px"></div><table class="table-info"><tr>'
              f"<td>Alamat</td><td>:</td><td>{e(site.address)}</td></tr><tr><td>Kelurahan</td>"
              f"<td>:</td><td>{e(site.short.replace('Kelurahan ', ''))}</td></tr><tr><td>"
              f"Kecamatan</td><td>:</td><td>{e(site.tagline.split(',')[0].replace('Kecamatan ', ''))}"
              "</td></tr><tr><td>Kota</td><td>:</td><td>Jambi</td></tr></table>")
    kategori = "<ul>" + "".join(
        f'<li><a href="{p.href}">{e(p.title)}</a></li>' for p in site.pages
        if p.key.startswith("kategori:") and ":" not in p.key[len("kategori:"):]) + "</ul>"
    n = 96 + site.port_offset
    counter = "".join(
        f"<tr><td>{label}</td><td>" + "".join(
            f'<img src="/assets/images/counter/{d}.gif" align="absmiddle">' for d in str(v))
        + "</td></tr>" for label, v in (("Hari ini", n), ("Kemarin", n + 41),
                                        ("Jumlah pengunjung", 183_402 + n * 17)))
    search = (f'<form method="get" action="{"/index.php/first" if klasik else "/"}">'
              '<input type="text" name="cari" placeholder="Cari artikel..."><button '
              'type="submit">Cari</button></form>')
    widgets = [box("fa-user", f"Aparatur {e(site.short.split()[0])}", ap),
               box("fa-calendar", "Agenda", agenda),
               box("fa-bar-chart", f'<a href="{opensid_href(site, "statistik", 4, "jenis-kelamin")}">'
                   f"Statistik {e(site.short)}</a>", stat),
               box("fa-archive", f'<a href="{opensid_href(site, "arsip", 1)}">Arsip Artikel</a>',
                   arsip),
               box("fa-comments", "Komentar Terbaru", komentar)]
    if not klasik:
        widgets.append(box("fa-clock", "Jam Kerja", jam))
    widgets += [box("fa-map-marker", f"Lokasi Kantor {e(site.short.split()[0])}", kantor),
                box("fa-bars", "Kategori", kategori),
                box("fa-bar-chart-o", "Statistik Pengunjung",
                    f'<table class="counter">{counter}</table>')]
    return search + "".join(widgets)


def opensid_item(page: Page) -> str:
    """One post in a list: title, meta line, the first 300 characters, a "selengkapnya" link."""
    text = " ".join(re.sub(r"<[^>]+>", " ", page.body).split())
    cut = html.unescape(text)[:300]
    cat_id, cat_slug, cat_name = page.labels[0]
    cat_href = opensid_href(page.site, "kategori", cat_id, cat_slug)
    if page.site.variant == "klasik":
        return (f'<li class="artikel"><h3 class="judul"><a href="{page.href}">{e(page.title)}</a>'
                f'</h3><div class="teks"><div class="kecil"><i class="fa fa-clock-o"></i> '
                f'{tanggal(page.date)} | <i class="fa fa-user"></i> Administrator | <i class="fa '
                f'fa-eye"></i> {page.view["hits"]} Kali | <i class="fa fa-tag"></i> <a href="'
                f'{cat_href}">{e(cat_name)}</a></div>{e(cut)} <a href="{page.href}"> ..selengkapnya'
                '</a></div></li>')
    return (f'<div class="max-w-full w-full bg-white shadow rounded-lg p-3"><figure class="w-1/3 '
            f'float-left"><img src="/desa/logo/logo.png" alt="{e(page.title)}"></figure><div '
            f'class="space-y-3"><a href="{page.href}" class="text-h5">{e(page.title)}</a><p '
            f'class="line-clamp-4">{e(cut[:100])}...</p><ul class="inline-flex"><li><i class="fas '
            f'fa-calendar-alt"></i> {tanggal(page.date)}</li><li><i class="fas fa-user"></i> '
            f'Administrator</li><li><i class="fas fa-bookmark"></i> {e(cat_name)}</li></ul></div>'
            "</div>")


def opensid_paging(page: Page) -> str:
    n, pages, href_of = page.view["page"], page.view["pages"], page.view["href_of"]
    if pages == 1:
        return ""
    links = [(1, '<i class="fa fa-fast-backward"></i>'), *([(n - 1, "&laquo;")] if n > 1 else []),
             *((i, str(i)) for i in range(1, pages + 1)),
             *([(n + 1, "&raquo;")] if n < pages else []), (pages, '<i class="fa fa-fast-forward">'
                                                             "</i>")]
    return (f'<div class="box-footer text-center"><div>Halaman {n} dari {pages}</div><ul class="'
            'pagination pagination-sm">' + "".join(
                f'<li{" class=active" if i == n and text == str(i) else ""}><a href="{href_of(i)}"'
                f' title="Halaman {i}">{text}</a></li>' for i, text in links) + "</ul></div>")


def opensid_comments(page: Page) -> str:
    rows = [c for c in OPENSID_COMMENTS[page.site.name] if c[3] == page.key]
    shown = ("" if not rows else
             f'<div class="box box-default"><h3 class="box-title">Komentar atas {e(page.title)}'
             "</h3>" + "".join(f'<div class="kom-box"><i class="fa fa-user"></i> {e(nama)} '
                               f"{tanggal(tgl)}<blockquote>{e(teks)}</blockquote></div>"
                               for nama, tgl, teks, _k in rows) + "</div>")
    return (f'<div id="kolom-komentar">{shown}<div class="box box-default"><h3 class="box-title">'
            "Formulir Komentar (Komentar baru terbit setelah disetujui Admin)</h3><form action="
            f'"/add_comment/{page.view["id"]}" method="post"><input name="owner" placeholder="Nama">'
            '<input name="no_hp" placeholder="No. HP"><textarea name="komentar"></textarea>'
            '<input type="submit" value="Kirim"></form></div></div>')


def render_opensid(page: Page) -> str:
    site = page.site
    klasik = site.variant == "klasik"
    nama = site.short
    if page.kind in ("service", "news") or page.key == "profil":
        cat = page.labels[0] if page.labels else None
        crumb = (f'<a href="{opensid_href(site, "kategori", cat[0], cat[1])}">{e(cat[2])}</a>'
                 if cat else "Artikel")
        meta = (f"Administrator | {tanggal(page.date)} | "
                + (f'<i class="fa fa-tag"></i> {crumb} | ' if cat else "")
                + f"Dibaca {page.view['hits']} Kali")
        head = (f'<h2 class="judul">{e(page.title)}</h2><h3 class="kecil">{meta}</h3>' if klasik
                else f'<nav class="breadcrumb"><ol><li><a href="/">Beranda</a></li><li>{crumb}'
                     f'</li></ol></nav><article><h1 class="text-h2">{e(page.title)}</h1><span '
                     f'class="text-xs">{meta}</span></article>')
        main = (f'<div class="artikel" id="artikel-{page.view["id"]}">{head}<div class="teks '
                f'content">{page.body}</div><div class="share">Bagikan: <a href="https://www.'
                f'facebook.com/sharer.php?u={site.base}{page.href}">Facebook</a> <a href="https://'
                f'api.whatsapp.com/send?text={site.base}{page.href}">WhatsApp</a></div>'
                + (opensid_comments(page) if page.kind != "page" else "") + "</div>")
        title = f"{e(page.title)}" + ("" if klasik else f" - {e(nama)}")
    elif page.kind in ("home", "listing"):
        heading = ("Artikel Terkini" if page.key.startswith("home") else
                   "Arsip Situs Web" if page.key.startswith("arsip") else e(page.title))
        items = "".join(opensid_item(p) for p in page.posts)
        items = f'<ul class="artikel-list">{items}</ul>' if klasik else items
        main = (f'<div class="box box-primary"><div class="box-header"><h3 class="box-title">'
                f"{heading}</h3></div><div class=\"box-body\">{items}{opensid_paging(page)}"
                "</div></div>")
        label = {"home": "", "arsip": "Arsip "}.get(page.key.split(":")[0], f"{page.title} ")
        if page.view["page"] > 1:
            label += f"Halaman {page.view['page']} "
        title = f"{label}Website Resmi {e(nama)}".strip()
    else:
        main = (f'<div class="box box-primary"><div class="box-header"><h3 class="box-title">'
                f'{e(page.title)}</h3></div><div class="box-body">{page.body}</div></div>')
        title = f"{e(page.title)} Website Resmi {e(nama)}"
    menu = [("Beranda", "/"), ("Profil", next(p.href for p in site.pages if p.key == "profil")),
            ("Statistik", opensid_href(site, "statistik", 0, "pendidikan-dalam-kk")),
            ("Data Wilayah", opensid_href(site, "wilayah")), ("Peta", opensid_href(site, "peta")),
            ("Arsip", opensid_href(site, "arsip", 1))]
    menu_html = "".join(f'<li class="dropdown"><a href="{h}">{t}</a></li>' for t, h in menu)
    cats = "".join(f'<li><a href="{p.href}">{e(p.title)}</a></li>' for p in site.pages
                   if p.key.startswith("kategori:") and p.key.count(":") == 1)
    mandiri = opensid_href(site, "mandiri")
    sidebar = opensid_sidebar(site)
    kec = site.tagline.split(",")[0]
    if klasik:
        return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Frameset//EN" "http://www.w3.org/TR/html4/frameset.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<title>{title}</title>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="keywords" content="OpenSID,opensid,sid,SID,Sistem Informasi Desa,sistem informasi desa, desa {e(nama)}">
<meta property="og:site_name" content="{e(nama)}"/>
<link type='text/css' href="/assets/front/css/first.css" rel='Stylesheet' />
<link type='text/css' href="/themes/klasik/assets/css/pengaturan.css" rel='Stylesheet' />
<script src="/assets/front/js/jquery.js"></script>
<script type="text/javascript">var BASE_URL = "{site.base}/";</script>
</head>
<body>
<div id="maincontainer">
<div id="topsection"><div class="innertube">
<div id="header-default"><div id="headercontent-default"><div id="menu_vert"><nav class="navbar navbar-inverse"><ul class="nav navbar-nav">{menu_html}</ul></nav></div></div>
<div id="headleft-default"><div id="divlogo"><div id="siteTitle"><h1><span id="header_sebutan_desa">Kelurahan</span> {e(nama.replace("Kelurahan ", ""))}</h1><h2>{e(kec)}<br />Kota Jambi</h2><h3>{e(site.address)}</h3></div></div>
<div id="divlogo-img"><a href="/"><img src="/desa/logo/logo.png" alt="{e(nama)}"/></a></div></div></div>
<div id="mainmenu"><nav id="menu-left" class="navbar navbar-inverse"><ul class="nav navbar-nav"><li><a href="/">Beranda</a></li>{cats}</ul></nav></div>
</div></div>
<div id="contentwrapper"><div id="contentcolumn"><div class="innertube">
{main}
</div></div></div>
<div id="rightcolumn"><div class="innertube">
{sidebar}
</div></div>
<div id="footer"><p><div><a href="{opensid_href(site, "siteman")}"><button class="btn btn-primary navbar-btn"><i class="fa fa-lock fa-lg"></i> Login Admin</button></a> <a href="{mandiri}"><button class="btn btn-primary navbar-btn"><i class="fa fa-user fa-lg"></i> Layanan Mandiri</button></a></div>
&copy; 2016-2024 <a target="_blank" href="https://opendesa.id">OpenDesa</a> <a target="_blank" href="https://github.com/OpenSID/OpenSID">OpenSID</a> v24.04<br>Aplikasi Sistem Informasi Desa (SID) ini dikembangkan oleh <a target="_blank" href="https://www.facebook.com/groups/OpenSID/">Komunitas OpenSID</a></p></div>
</div>
</body>
</html>
"""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name='viewport' content='width=device-width, initial-scale=1' />
<meta name='theme' content='Esensi' />
<meta property="og:site_name" content="{e(nama)}"/>
<link rel="canonical" href="{site.base}/"/>
<meta name="description" content="{e(page.summary[:150]) if page.summary else title}"/>
<title>{title}</title>
<link rel="stylesheet" href="/vendor/themes/esensi/assets/css/style.min.css">
<link rel="stylesheet" href="/assets/front/css/first.css">
</head>
<body class="font-primary bg-gray-100">
<div class="container md:px-4 lg:px-5"><header class="bg-center bg-cover relative text-white">
<section><ul class="w-full text-sm">{cats}</ul><div class="flex"><a href="{mandiri}" class="btn btn-primary">Layanan Mandiri</a> <a href="{opensid_href(site, "siteman")}" class="btn btn-accent">Login Admin</a></div></section>
<section class="relative z-10 text-center"><a href="/"><figure><img src="/desa/logo/logo.png" alt="Logo {e(nama)}"></figure><span class="text-h2 block">{e(nama)}</span><p>{e(kec)}, Kota Jambi, Provinsi Jambi</p></a></section>
</header>
<nav class="bg-primary-100 text-white" role="navigation"><ul>{menu_html}</ul></nav></div>
<div class="container mx-auto flex flex-col lg:flex-row my-5 gap-3">
<main class="lg:w-2/3 w-full overflow-hidden space-y-5">
{main}
</main>
<div class="lg:w-1/3 w-full"><aside class="space-y-5 sidebar">
{sidebar}
</aside></div>
</div>
<footer class="container mx-auto footer"><div class="bg-zinc-700 text-white"><span><p>Hak cipta situs &copy; 2024 - {e(nama)}</p><p><a href="https://www.trivusi.web.id">Esensi v2402.0.0</a> - <a href="https://opensid.my.id">OpenSID v2410.0.0</a></p></span></div></footer>
</body>
</html>
"""


NEW_BUILD["opensid"] = build_opensid
RENDER["opensid"] = render_opensid
CSS["opensid"] = ("assets/front/css/first.css", "#contentcolumn{margin-right:300px}"
                  "#rightcolumn{float:right;width:280px}")


# ---------------------------------------------------------------------------------------------
# DataTables from a JSON endpoint (issue #11): a CodeIgniter site whose service list is an
# empty <table> that jQuery DataTables fills from the server (``serverSide: true``), the
# commonest list of Indonesian government PHP sites. What a crawler meets there:
# - ``/layanan`` holds a heading, an empty ``<table id="tabel-layanan">`` with its header row
#   and an inline ``$('#tabel-layanan').DataTable({... ajax: {url: "<base_url>/layanan/data",
#   type: "GET"} ...})``, ``base_url()`` rendered into an absolute URL;
# - the endpoint answers DataTables' server-side protocol: ``draw``, ``start``, ``length`` in
#   the query, ``{"draw", "recordsTotal", "recordsFiltered", "data": [[cells]]}`` back, cells
#   as HTML (a row number, the service's name, a "Detail" button linking its page), five rows
#   a page (``pageLength: 5``): 8 services are two requests;
# - the detail pages are server-rendered, linked from nowhere else but the home's two
#   "Layanan Unggulan". Port 8753.
# ---------------------------------------------------------------------------------------------

SITES += [
    Site("kec-jambitimur", "Kecamatan Jambi Timur", "Kecamatan Jambi Timur", "datatables", 52,
         "Melayani dengan Hati, Cepat dan Tanpa Pungli",
         "Jl. Kapten Pattimura No. 2, Kel. Sulanjana, Kec. Jambi Timur, Kota Jambi",
         "adalah perangkat daerah yang menyelenggarakan pelayanan administrasi terpadu kecamatan "
         "(PATEN) dan mengoordinasikan 11 kelurahan di wilayah Jambi Timur",
         labels="d", list_style="ol", place="Kantor Camat Jambi Timur, Jl. Kapten Pattimura "
         "No. 2", color="#7b1fa2", variant="codeigniter"),
]
SITE.update({s.name: s for s in SITES})
FAMILY["datatables"] = "datatables-json"

SERVICES.update({
    "jt_sktm": (67, "kec-jambitimur", "sktm", "Surat Keterangan Tidak Mampu (SKTM)",
                "SKTM dari kelurahan yang diketahui camat, untuk keringanan biaya sekolah atau "
                "syarat bantuan sosial bagi warga Jambi Timur.", {}),
    "jt_domisili": (66, "kec-jambitimur", "surat-keterangan-domisili",
                    "Surat Keterangan Domisili",
                    "Keterangan tempat tinggal bagi warga atau lembaga yang berdomisili di "
                    "Kecamatan Jambi Timur.", {}),
    "jt_ktp": (0, "kec-jambitimur", "pengantar-ktp-el", "Pengantar Perekaman KTP-el",
               "Pengantar kecamatan bagi warga yang berusia 17 tahun atau sudah menikah untuk "
               "merekam KTP-el; perekaman dapat dilakukan di kantor camat pada jadwal jemput "
               "bola Disdukcapil.", {"online": None, "cost": "Gratis"}),
    "jt_kk": (4, "kec-jambitimur", "pengantar-perubahan-kk", "Pengantar Perubahan Data KK",
              "Pengantar untuk menambah anggota keluarga, pecah KK atau memperbaiki data Kartu "
              "Keluarga sebelum diproses Disdukcapil.", {"online": None}),
    "jt_pindah": (9, "kec-jambitimur", "pengantar-pindah", "Pengantar Pindah Keluar Kota Jambi",
                  "Pengantar kecamatan bagi warga Jambi Timur yang pindah ke luar Kota Jambi "
                  "sebelum SKPWNI diterbitkan.", {"online": None}),
    "jt_kematian": (7, "kec-jambitimur", "surat-keterangan-kematian",
                    "Surat Keterangan Kematian",
                    "Keterangan kematian warga yang dilaporkan keluarga, syarat akta kematian "
                    "dan santunan kematian.", {"cost": GRATIS_ADMINDUK}),
    "jt_kampung": (68, "kec-jambitimur", "kampung-bahagia", "Verifikasi Usulan Kampung Bahagia",
                   "Kecamatan memverifikasi usulan kegiatan RT yang dibiayai dana Kampung "
                   "Bahagia Rp100 juta per RT.", {}),
    "jt_dtks": (40, "kec-jambitimur", "usulan-dtks", "Usulan Penerima Bantuan Sosial (DTKS)",
                "Usulan keluarga kurang mampu dari musyawarah kelurahan diteruskan kecamatan ke "
                "Dinas Sosial agar masuk DTKS (kini DTSEN).", {}),
})

NEWS += [
    ("kec-jambitimur", "paten-jemput-bola-sulanjana", "2025-07-14",
     "PATEN Jemput Bola di Kelurahan Sulanjana",
     ["Petugas Kecamatan Jambi Timur membuka loket pelayanan administrasi terpadu di aula "
      "Kelurahan Sulanjana. Warga mengurus SKTM, surat domisili dan pengantar KK tanpa harus "
      "datang ke kantor camat.", "Seluruh layanan tidak dipungut biaya."]),
    ("kec-jambitimur", "verifikasi-kampung-bahagia-2025", "2025-08-05",
     "Camat Verifikasi Usulan Kampung Bahagia 168 RT",
     ["Camat Jambi Timur bersama lurah memverifikasi usulan kegiatan dari 168 RT, sebagian "
      "besar semenisasi jalan lingkungan dan perbaikan drainase."]),
    ("kec-jambitimur", "rekam-ktp-pelajar-sma", "2025-09-22",
     "Rekam KTP-el Pelajar SMA di Kantor Camat",
     ["Kecamatan Jambi Timur dan Disdukcapil merekam KTP-el 140 pelajar yang baru berusia 17 "
      "tahun.", "Pelajar cukup membawa fotokopi Kartu Keluarga."]),
]

DT_PAGE = 5  # rows a request of the service table answers (pageLength)


def datatables_rows(site: Site, services: list[Page]) -> None:
    """The endpoint's answers, one per page of ``DT_PAGE`` rows, routed as the plugin asks for
    them (``draw`` counts the requests, ``start`` the rows before, ``length`` the page)."""
    total = len(services)
    for n, start in enumerate(range(0, total, DT_PAGE), start=1):
        rows = [[str(start + i + 1), p.title,
                 f'<a href="{e(p.href)}" class="btn btn-sm btn-primary"><i class="fa fa-eye">'
                 "</i> Detail</a>"]
                for i, p in enumerate(services[start:start + DT_PAGE])]
        body = {"draw": n, "recordsTotal": total, "recordsFiltered": total, "data": rows}
        rel = f"layanan/data-{start}.json"
        site.extra_files[rel] = json.dumps(body, ensure_ascii=False).encode()
        query = urlencode({"draw": n, "start": start, "length": DT_PAGE})
        site.routes[route_key("/layanan/data", query)] = rel


def build_datatables(site: Site, facts: dict, reg) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html")
    crumbs = [("Beranda", "/")]
    put(site, "page", "profil", "Profil Kecamatan", "/profil", "hal/profil.html",
        new_profile(site), crumbs=crumbs)
    lay = put(site, "listing", "list-layanan", "Daftar Layanan PATEN", "/layanan",
              "hal/layanan.html", crumbs=crumbs)
    services = []
    for key, (_i, _s, slug, title, intro, _o) in own_services(site):
        body = ci_service_body(site, intro, facts[key], "table table-bordered")
        services.append(reg(put(site, "service", key, title, f"/layanan/detail/{slug}",
                                f"hal/layanan-{slug}.html", body, summary=intro,
                                crumbs=crumbs + [(lay.title, lay.href)]), key))
    ber = put(site, "listing", "list-berita", "Berita", "/berita", "hal/berita.html",
              crumbs=crumbs)
    for slug, date, title, texts in own_news(site):
        page = put(site, "news", f"news:{site.name}:{slug}", title, f"/berita/baca/{slug}",
                   f"hal/berita-{slug}.html", paras(*texts), date=date,
                   summary=news_summary(texts), crumbs=crumbs + [(ber.title, ber.href)])
        reg(page, page.key)
    put(site, "page", "kontak", "Kontak", "/kontak", "hal/kontak.html", contact_body(site),
        crumbs=crumbs)
    datatables_rows(site, services)
    lay.body = (
        "<p>Pelayanan Administrasi Terpadu Kecamatan (PATEN) Jambi Timur. Klik Detail untuk "
        "persyaratan dan prosedur.</p>"
        '<table id="tabel-layanan" class="table table-striped table-bordered" style="width:100%">'
        "<thead><tr><th>No</th><th>Nama Layanan</th><th>Aksi</th></tr></thead><tbody></tbody>"
        "</table>"
        '<script src="/assets/plugins/datatables/jquery.dataTables.min.js"></script>'
        '<script src="/assets/plugins/datatables/dataTables.bootstrap4.min.js"></script>'
        "<script>\n$(document).ready(function() {\n"
        "    var table = $('#tabel-layanan').DataTable({\n"
        "        processing: true,\n        serverSide: true,\n        pageLength: 5,\n"
        "        lengthChange: false,\n        order: [],\n"
        f'        ajax: {{\n            url: "{site.base}/layanan/data",\n'
        '            type: "GET"\n        },\n'
        "        columnDefs: [{ targets: [0, 2], orderable: false }],\n"
        '        language: { url: "/assets/plugins/datatables/i18n/id.json" }\n'
        "    });\n});\n</script>")
    ber.body = "".join(
        f'<div class="media mb-3"><div class="media-body"><h5>{a(p.href, e(p.title))}</h5>'
        f'<p class="small text-muted">{tanggal(p.date)}</p><p>{e(p.summary[:160])}</p></div>'
        "</div>" for p in pages_of(site, "news"))
    by_key = {p.key: p for p in services}
    featured = "".join(
        f'<div class="col-md-6 mb-3"><div class="card h-100"><div class="card-body">'
        f'<h5 class="card-title">{e(p.title)}</h5><p class="card-text">{e(p.summary)}</p>'
        f'{a(p.href, "Lihat Persyaratan", class_="btn btn-primary btn-sm")}</div></div></div>'
        for p in (by_key["jt_sktm"], by_key["jt_kampung"]))
    home.body = ('<div class="jumbotron py-4"><p class="lead">Pelayanan administrasi terpadu '
                 'bagi warga 11 kelurahan di Jambi Timur.</p>'
                 f'{a(lay.href, "Semua Layanan PATEN", class_="btn btn-success")}</div>'
                 f'<h5 class="mb-3">Layanan Unggulan</h5><div class="row">{featured}</div>'
                 '<h5 class="mb-3">Kabar Kecamatan</h5>' + ber.body)
    site.extra_files["assets/plugins/datatables/jquery.dataTables.min.js"] = (
        b"/*! DataTables 1.13.6 (subset) */!function(n){n.fn.DataTable=function(o){return this}}"
        b"(jQuery);\n")
    site.extra_files["assets/js/jquery-3.6.0.min.js"] = b"/*! jQuery v3.6.0 (subset) */\n"
    site.extra_files["assets/plugins/datatables/dataTables.bootstrap4.min.css"] = (
        b"table.dataTable{clear:both;margin-top:6px}\n")
    site.extra_files["assets/plugins/datatables/dataTables.bootstrap4.min.js"] = (
        b"/*! DataTables Bootstrap 4 integration */\n")
    site.extra_files["assets/plugins/datatables/i18n/id.json"] = json.dumps(
        {"sProcessing": "Sedang memproses...", "sLengthMenu": "Tampilkan _MENU_ entri",
         "sZeroRecords": "Tidak ditemukan data yang sesuai", "sInfo":
         "Menampilkan _START_ sampai _END_ dari _TOTAL_ entri", "sSearch": "Cari:",
         "oPaginate": {"sPrevious": "Sebelumnya", "sNext": "Selanjutnya"}}).encode()


def render_datatables(page: Page) -> str:
    site = page.site
    menu, crumb_nav = ci_nav(page)
    date = (f'<p class="text-muted small"><i class="fa fa-calendar"></i> {tanggal(page.date)}'
            "</p>" if page.date else "")
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{"Beranda" if page.kind == "home" else e(page.title)} - {e(site.short)}</title>
<link rel="stylesheet" href="/assets/css/bootstrap.min.css">
<link rel="stylesheet" href="/assets/plugins/datatables/dataTables.bootstrap4.min.css">
<script src="/assets/js/jquery-3.6.0.min.js"></script>
</head>
<body>
<nav class="navbar navbar-expand-lg navbar-dark" style="background:{site.color}">
<div class="container">{a("/", e(site.short), class_="navbar-brand")}
<div class="collapse navbar-collapse" id="nav"><ul class="navbar-nav ml-auto">{menu}</ul></div></div>
</nav>
<div class="container mt-4">
{crumb_nav}
<div class="card shadow-sm mb-4"><div class="card-header bg-white"><h4 class="card-title mb-0">{e(page.title)}</h4></div>
<div class="card-body">
{date}{page.body}
</div></div>
</div>
<footer class="bg-dark text-white-50 py-4 mt-4"><div class="container small">{footer_text(site)}<br>&copy; 2025 {e(site.short)} &middot; Page rendered in <strong>0.0213</strong> seconds. CodeIgniter Version <strong>3.1.13</strong></div></footer>
</body>
</html>
"""


NEW_BUILD["datatables"] = build_datatables
RENDER["datatables"] = render_datatables
CSS["datatables"] = ("assets/css/bootstrap.min.css", "/* Bootstrap v4.6.2 (subset) */"
                     ".card{border:1px solid #ddd}")


# ---------------------------------------------------------------------------------------------
# WordPress news-magazine theme (issue #11): a kelurahan whose site runs JNews with a page
# builder. Each service is a WordPress *page* under "Layanan" whose sections (syarat, alur,
# waktu, biaya, dasar hukum) are accordion items, each page made with whatever plugin the
# admin had at hand: the block editor's <details>, Elementor's accordion, Shortcodes
# Ultimate's spoilers, a Bootstrap collapse, Kadence's accordion block, a Divi toggle. The
# theme wraps every page in a news magazine's furniture: mega menu listing the services and
# the latest posts, breaking-news ticker, share buttons, related posts, comment form, tag
# cloud, cookie banner. Pages answer at ``/?page_id=N`` and at their pretty permalink
# (canonical); posts at ``/yyyy/mm/dd/slug/`` and ``/?p=N``. Port 8754.
# ---------------------------------------------------------------------------------------------

SITES += [
    Site("kel-aurkenali", "Kelurahan Aur Kenali", "Kelurahan Aur Kenali", "newsmag", 53,
         "Kota Jambi, Provinsi Jambi",
         "Jl. Kenali Raya No. 12, Kel. Aur Kenali, Kec. Telanaipura, Kota Jambi",
         "adalah kelurahan pemekaran 2023 yang melayani surat keterangan dan pengantar bagi "
         "warga di 28 RT",
         labels="b", list_style="ol", place="Kantor Lurah Aur Kenali, Jl. Kenali Raya No. 12",
         color="#c0392b", variant="jnews"),
]
SITE.update({s.name: s for s in SITES})
FAMILY["newsmag"] = "wordpress-newsmag"

# The kelurahan's own letters, in its own words, so its pages are not word for word the
# OpenSID kelurahan posts' copies.
AK_SKU_FACTS = {
    "requirements": ["Surat pengantar RT dan RW", "Fotokopi KTP-el pemilik usaha",
                     "Fotokopi Kartu Keluarga", "Foto usaha tampak depan"],
    "procedure": ["Ambil nomor antrean di loket kelurahan", "Petugas memverifikasi berkas "
                  "dan meninjau tempat usaha", "Lurah menandatangani surat keterangan usaha"],
    "duration": "2 hari kerja", "cost": "Tidak dipungut biaya",
    "legal_basis": "Peraturan Wali Kota Jambi tentang pelayanan administrasi kelurahan"}
AK_AHLI_WARIS_FACTS = {
    "requirements": ["Surat keterangan ahli waris yang sudah ditandatangani lurah",
                     "Fotokopi akta kematian pewaris", "Fotokopi KTP-el para ahli waris",
                     "Silsilah keluarga yang diketahui RT dan lurah"],
    "procedure": ["Serahkan berkas ke loket kelurahan", "Berkas dicatat dalam register "
                  "ahli waris kelurahan", "Camat menguatkan surat keterangan ahli waris"],
    "duration": "2 hari kerja", "cost": "Tidak dipungut biaya"}

# (fact index or None, site, page slug, page title, intro, overrides); "markup" is the
# accordion plugin the page was built with
SERVICES.update({
    "ak_domisili": (66, "kel-aurkenali", "surat-keterangan-domisili",
                    "Surat Keterangan Domisili",
                    "Surat keterangan domisili diterbitkan kelurahan bagi warga Aur Kenali "
                    "yang memerlukan keterangan tempat tinggal untuk melamar kerja, membuka "
                    "rekening atau mendaftar sekolah.", {"markup": "details"}),
    "ak_sktm": (67, "kel-aurkenali", "surat-keterangan-tidak-mampu",
                "Surat Keterangan Tidak Mampu (SKTM)",
                "SKTM diberikan bagi keluarga kurang mampu di Aur Kenali untuk keringanan biaya "
                "pendidikan atau syarat bantuan sosial.", {"markup": "elementor"}),
    "ak_sku": (None, "kel-aurkenali", "surat-keterangan-usaha", "Surat Keterangan Usaha (SKU)",
               "Pelaku usaha mikro di Aur Kenali mendapat surat keterangan usaha untuk "
               "pengajuan KUR, modal usaha atau izin lanjutan.",
               {"markup": "spoiler", **AK_SKU_FACTS}),
    "ak_ahliwaris": (None, "kel-aurkenali", "surat-keterangan-ahli-waris",
                     "Surat Keterangan Ahli Waris",
                     "Surat keterangan ahli waris yang diketahui lurah dan camat dipakai untuk "
                     "balik nama sertifikat, pencairan tabungan atau klaim asuransi pewaris.",
                     {"markup": "collapse", **AK_AHLI_WARIS_FACTS}),
    "ak_kampung": (68, "kel-aurkenali", "program-kampung-bahagia",
                   "Program Kampung Bahagia",
                   "Setiap RT di Aur Kenali dapat mengusulkan kegiatan pembangunan lingkungan "
                   "melalui Program Kampung Bahagia.", {"markup": "kadence"}),
    "ak_pindah": (9, "kel-aurkenali", "surat-pengantar-pindah",
                  "Surat Pengantar Pindah Keluar Kota Jambi",
                  "Warga Aur Kenali yang pindah ke luar Kota Jambi meminta surat pengantar "
                  "pindah dari kelurahan sebelum SKPWNI terbit di Disdukcapil.",
                  {"markup": "divi", "online": None}),
    "ak_ktp": (0, "kel-aurkenali", "perekaman-ktp-el", "Perekaman KTP-el di Kelurahan",
               "Warga yang berusia 17 tahun atau sudah menikah dapat merekam KTP-el saat "
               "jemput bola Disdukcapil di kantor lurah Aur Kenali.",
               {"markup": "elementor", "cost": GRATIS_ADMINDUK}),
})

# (slug, date, title, paragraphs, tags); [[key|text]] links a service page
NEWSMAG_POSTS = [
    ("camat-tinjau-pelayanan-kelurahan", "2024-07-08", "Camat Tinjau Pelayanan di Kelurahan",
     ["Camat Telanaipura meninjau loket pelayanan Kelurahan Aur Kenali untuk memastikan "
      "warga dilayani cepat dan tanpa pungutan.",
      "Warga yang membutuhkan [[ak_domisili|surat keterangan domisili]] cukup membawa pengantar "
      "RT dan KTP-el."], ["pelayanan", "kelurahan"]),
    ("jemput-bola-rekam-ktp-sekolah", "2024-08-14",
     "Jemput Bola Perekaman KTP-el bagi Pelajar Aur Kenali",
     ["Petugas kelurahan bersama Disdukcapil merekam KTP-el 120 pelajar yang sudah berusia 17 "
      "tahun.", "Syarat lengkap ada di halaman [[ak_ktp|perekaman KTP-el]]."],
     ["ktp-el", "adminduk"]),
    ("sosialisasi-kampung-bahagia-2024", "2024-09-03",
     "Sosialisasi Program Kampung Bahagia kepada Ketua RT",
     ["Ketua RT se-Kelurahan Aur Kenali mengikuti sosialisasi usulan kegiatan [[ak_kampung|"
      "Program Kampung Bahagia]] tahun anggaran 2025.",
      "Usulan disusun melalui musyawarah warga dan diserahkan ke kelurahan."],
     ["kampung-bahagia", "rt"]),
    ("umkm-terima-sku-massal", "2024-09-25", "Puluhan UMKM Terima Surat Keterangan Usaha",
     ["Sebanyak 45 pelaku UMKM menerima [[ak_sku|surat keterangan usaha]] secara kolektif "
      "sebagai syarat pengajuan KUR."], ["umkm", "pelayanan"]),
    ("banjir-rob-pelayanan-tetap-buka", "2024-11-18",
     "Pelayanan Kantor Lurah Tetap Buka Saat Banjir",
     ["Meski sebagian jalan tergenang luapan Sungai Batanghari, loket pelayanan kantor lurah "
      "tetap buka seperti biasa.", "Warga yang mengurus [[ak_sktm|SKTM]] untuk bantuan "
      "diminta datang lebih pagi."], ["banjir", "pelayanan"]),
    ("lomba-kebersihan-kelurahan", "2024-12-02", "Lomba Kebersihan Antar-RT Aur Kenali",
     ["RT 07 meraih juara pertama lomba kebersihan lingkungan tingkat kelurahan."], ["kelurahan"]),
]
NEWSMAG_TAGS = {"pelayanan": "Pelayanan", "kelurahan": "Kelurahan", "ktp-el": "KTP-el",
                "adminduk": "Adminduk", "kampung-bahagia": "Kampung Bahagia", "rt": "RT",
                "umkm": "UMKM", "banjir": "Banjir"}


def newsmag_items(site: Site, f: ServiceFacts) -> list[tuple[str, str, str]]:
    """(anchor, title, inner HTML) of a service's accordion items."""
    return [(anchor, label, value_html(anchor, value, site.list_style)
             if isinstance(value, list) else f"<p>{value_html(anchor, value, 'p')}</p>")
            for anchor, label, value in fact_rows(site, f)]


def newsmag_accordion(markup: str, items: list[tuple[str, str, str]], uid: int) -> str:
    """The items as the plugin writes them (each plugin's own markup, as it ships)."""
    out = []
    for n, (anchor, title, inner) in enumerate(items, start=1):
        tid = f"{uid}{n}"
        if markup == "details":
            out.append(f'<details class="wp-block-details"{" open" if n == 1 else ""}><summary>'
                       f"{e(title)}</summary>{inner}</details>")
        elif markup == "elementor":
            out.append(
                f'<div class="elementor-accordion-item"><div id="elementor-tab-title-{tid}" '
                f'class="elementor-tab-title" data-tab="{n}" role="button" aria-controls="'
                f'elementor-tab-content-{tid}" aria-expanded="false"><span class="elementor-'
                'accordion-icon elementor-accordion-icon-left" aria-hidden="true"><i class="'
                'fas fa-plus"></i></span><a class="elementor-accordion-title" tabindex="0">'
                f'{e(title)}</a></div><div id="elementor-tab-content-{tid}" class="elementor-'
                f'tab-content elementor-clearfix" data-tab="{n}" role="region" aria-labelledby='
                f'"elementor-tab-title-{tid}">{inner}</div></div>')
        elif markup == "spoiler":
            out.append(f'<div class="su-spoiler su-spoiler-style-default su-spoiler-icon-plus '
                       f'su-spoiler-closed" data-scroll-offset="0" data-anchor="{anchor}"><div '
                       'class="su-spoiler-title" tabindex="0" role="button"><span class="su-'
                       f'spoiler-icon"></span>{e(title)}</div><div class="su-spoiler-content '
                       f'su-u-clearfix su-u-trim">{inner}</div></div>')
        elif markup == "collapse":
            out.append(f'<div class="card"><div class="card-header" id="h{tid}"><button class="'
                       f'btn btn-link" type="button" data-bs-toggle="collapse" data-bs-target="'
                       f'#c{tid}" aria-expanded="false" aria-controls="c{tid}">{e(title)}'
                       f'</button></div><div id="c{tid}" class="collapse" aria-labelledby="h{tid}'
                       f'" data-bs-parent="#acc{uid}"><div class="card-body">{inner}</div></div>'
                       "</div>")
        elif markup == "kadence":
            out.append(f'<div class="wp-block-kadence-pane kt-accordion-pane kt-accordion-pane-'
                       f'{n} kt-pane{tid}"><div class="kt-accordion-header-wrap"><button class="'
                       'kt-blocks-accordion-header kt-acccordion-button-label-show" type="button">'
                       '<span class="kt-blocks-accordion-title-wrap"><span class="kt-blocks-'
                       f'accordion-title">{e(title)}</span></span><span class="kt-blocks-'
                       'accordion-icon-trigger"></span></button></div><div class="kt-accordion-'
                       f'panel kt-accordion-panel-hidden"><div class="kt-accordion-panel-inner">'
                       f"{inner}</div></div></div>")
        elif markup == "divi":
            out.append(f'<div class="et_pb_module et_pb_toggle et_pb_toggle_{n} et_pb_toggle_item'
                       f' et_pb_toggle_close"><h5 class="et_pb_toggle_title">{e(title)}</h5><div '
                       f'class="et_pb_toggle_content clearfix">{inner}</div></div>')
        else:
            raise ValueError(f"unknown accordion markup {markup!r}")
    wrap = {"details": ('<div class="wp-block-group">', "</div>"),
            "elementor": ('<div class="elementor-widget elementor-widget-accordion" data-widget_'
                          'type="accordion.default"><div class="elementor-widget-container"><div '
                          'class="elementor-accordion" role="tablist">', "</div></div></div>"),
            "spoiler": ('<div class="su-accordion su-u-trim">', "</div>"),
            "collapse": (f'<div class="accordion" id="acc{uid}">', "</div>"),
            "kadence": (f'<div class="wp-block-kadence-accordion alignnone"><div class="kt-'
                        f'accordion-wrap kt-accordion-id{uid} kt-accordion-has-{len(items)}-'
                        'panes kt-accodion-icon-style-basic">', "</div></div>"),
            "divi": ('<div class="et_pb_row et_pb_row_1"><div class="et_pb_column et_pb_column_'
                     '4_4">', "</div></div>")}[markup]
    return wrap[0] + "".join(out) + wrap[1]


def build_newsmag(site: Site, facts: dict, reg) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html")
    services = []
    for n, (key, (_i, _s, slug, title, intro, over)) in enumerate(own_services(site)):
        page_id = 101 + 3 * n
        body = (paras(e(intro)) + newsmag_accordion(over["markup"],
                                                    newsmag_items(site, facts[key]), page_id)
                + paras("Informasi lebih lanjut hubungi loket pelayanan kantor lurah pada jam "
                        "kerja."))
        href = f"/layanan/{slug}/"
        page = put(site, "service", key, title, href, f"layanan/{slug}/index.html", body,
                   summary=intro, aliases=(f"/?page_id={page_id}",), date="2024-06-01")
        page.view = {"id": page_id, "labels": []}
        reg(page, key)
        services.append(page)
    posts = []
    for n, (slug, date, title, texts, tags) in enumerate(NEWSMAG_POSTS):
        post_id = 300 + 11 * n
        href = f"/{date[:4]}/{date[5:7]}/{date[8:10]}/{slug}/"
        page = put(site, "news", f"news:{site.name}:{slug}", title, href, href[1:] + "index.html",
                   paras(*texts), date=date, summary=re.sub(r"\[\[[^|]*\|([^\]]*)\]\]", r"\1",
                                                           texts[0]),
                   aliases=(f"/?p={post_id}",))
        page.view = {"id": post_id, "tags": tags}
        reg(page, page.key)
        posts.append(page)
    posts.sort(key=lambda p: p.date, reverse=True)
    home.posts = posts
    layanan = put(site, "listing", "layanan", "Layanan", "/layanan/", "layanan/index.html",
                  "<p>Jenis layanan administrasi di Kantor Lurah Aur Kenali:</p>"
                  + ul([a(p.href, e(p.title)) for p in services]), aliases=("/?page_id=98",))
    layanan.view = {"id": 98}
    for n, (slug, title, body) in enumerate((("profil", "Profil Kelurahan", new_profile(site)),
                                             ("kontak", "Kontak", contact_body(site)))):
        page = put(site, "page", slug, title, f"/{slug}/", f"{slug}/index.html", body,
                   aliases=(f"/?page_id={90 + n}",))
        page.view = {"id": 90 + n}
    cat = put(site, "listing", "category:berita", "Berita", "/category/berita/",
              "category/berita/index.html", aliases=("/?cat=3",))
    cat.posts, cat.view = posts, {"id": 3}
    for tag, name in NEWSMAG_TAGS.items():
        tp = put(site, "listing", f"tag:{tag}", name, f"/tag/{tag}/", f"tag/{tag}/index.html")
        tp.posts, tp.view = [p for p in posts if tag in p.view["tags"]], {"id": 0}
    urls = "".join(f"<url><loc>{site.base}{p.href}</loc></url>" for p in [*services, *posts])
    site.extra_files["wp-sitemap.xml"] = (
        "<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/"
        f"sitemap/0.9'>{urls}</urlset>").encode()


def newsmag_card(page: Page) -> str:
    text = " ".join(re.sub(r"<[^>]+>", " ", page.body).split())
    return (f'<article class="jeg_post jeg_pl_md_2 format-standard"><div class="jeg_thumb"><a '
            f'href="{page.href}"><img src="/wp-content/uploads/2024/thumb-{page.view["id"]}.jpg" '
            f'alt="{e(page.title)}"></a></div><div class="jeg_postblock_content"><h3 class="'
            f'jeg_post_title"><a href="{page.href}">{e(page.title)}</a></h3><div class="jeg_post_'
            f'meta"><div class="jeg_meta_date"><i class="fa fa-clock-o"></i> {tanggal(page.date)}'
            f'</div></div><div class="jeg_post_excerpt"><p>{e(" ".join(text.split()[:20]))}</p>'
            f'<a href="{page.href}" class="jeg_readmore">Selengkapnya</a></div></div></article>')


def render_newsmag(page: Page) -> str:
    site = page.site
    posts = sorted((p for p in site.pages if p.kind == "news"), key=lambda p: p.date,
                   reverse=True)
    services = [p for p in site.pages if p.kind == "service"]
    share = (f'<div class="jeg_share_button"><a href="https://www.facebook.com/sharer.php?u='
             f'{site.base}{page.href}" class="jeg_btn-facebook">Bagikan</a><a href="https://'
             f'twitter.com/intent/tweet?url={site.base}{page.href}" class="jeg_btn-twitter">Tweet'
             f'</a><a href="https://api.whatsapp.com/send?text={site.base}{page.href}" class="'
             'jeg_btn-whatsapp">WhatsApp</a></div>')
    comments = ('<div id="respond" class="comment-respond"><h3 id="reply-title">Tinggalkan '
                'Balasan</h3><form action="/wp-comments-post.php" method="post" id="commentform">'
                '<p class="comment-notes">Alamat email Anda tidak akan dipublikasikan. Ruas yang '
                'wajib ditandai *</p><textarea id="comment" name="comment"></textarea><input '
                'name="author" placeholder="Nama *"><input name="email" placeholder="Email *">'
                '<input name="submit" type="submit" value="Kirim Komentar"></form></div>')
    if page.kind in ("service", "news", "page"):
        meta = (f'<div class="jeg_meta_author">Oleh <span>Admin Kelurahan'
                f'</span></div><div class="jeg_meta_date">{tanggal(page.date)}</div>'
                if page.kind == "news" else "")
        tags = ("" if page.kind != "news" else '<div class="jeg_post_tags"><span>Tags:</span> '
                + "".join(f'<a href="/tag/{t}/" rel="tag">{NEWSMAG_TAGS[t]}</a>'
                          for t in page.view["tags"]) + "</div>")
        related = ([p for p in posts if p is not page][:3] if page.kind == "news"
                   else [p for p in services if p is not page][:3])
        crumb = ('<a href="/layanan/">Layanan</a>' if page.kind == "service" else
                 '<a href="/category/berita/">Berita</a>' if page.kind == "news" else "")
        main = (f'<div class="jeg_breadcrumbs"><span><a href="/">Beranda</a></span> &raquo; '
                f'{crumb}</div><div class="entry-header"><h1 class="jeg_post_title">'
                f'{e(page.title)}</h1><div class="jeg_meta_container"><div class="jeg_post_meta">'
                f'{meta}</div></div>{share}</div><div class="entry-content no-share"><div class="'
                f'content-inner">{page.body}</div>{tags}</div>{share}<div class="jnews_related_'
                'post_container"><div class="jeg_postblock_22 jeg_postblock"><div class="jeg_'
                'block_heading"><h3 class="jeg_block_title"><span>Baca Juga</span></h3></div>'
                + "".join(newsmag_card(p) for p in related) + "</div></div>"
                + (comments if page.kind != "page" else ""))
    else:
        head = ("" if page.kind == "home" else f'<div class="jeg_archive_header"><h1 class="'
                f'jeg_archive_title">{e(page.title)}</h1></div>')
        main = (head + (page.body or "") + '<div class="jeg_posts jeg_load_more_flag">'
                + "".join(newsmag_card(p) for p in getattr(page, "posts", None) or []) + "</div>")
    mega = "".join(f'<li class="menu-item"><a href="{p.href}">{e(p.title)}</a></li>'
                   for p in services)
    mega_posts = "".join(f'<div class="jeg_newsfeed_item"><div class="jeg_thumb"><a href="'
                         f'{p.href}"><img src="/wp-content/uploads/2024/thumb-{p.view["id"]}.jpg"'
                         f' alt=""></a></div><h3 class="title"><a href="{p.href}">{e(p.title)}'
                         "</a></h3></div>" for p in posts[:3])
    menu = (f'<li class="menu-item"><a href="/">Beranda</a></li><li class="menu-item"><a href='
            f'"/profil/">Profil</a></li><li class="menu-item menu-item-has-children jeg_megamenu">'
            f'<a href="/layanan/">Layanan</a><div class="sub-menu"><div class="jeg_newsfeed">'
            f'<ul class="jeg_subcat_list">{mega}</ul><div class="jeg_newsfeed_list">{mega_posts}'
            '</div></div></div></li><li class="menu-item"><a href="/category/berita/">Berita</a>'
            '</li><li class="menu-item"><a href="/kontak/">Kontak</a></li>')
    ticker = "".join(f'<div class="jeg_news_ticker_item"><a href="{p.href}">{e(p.title)}</a>'
                     "</div>" for p in posts[:5])
    cloud = "".join(f'<a href="/tag/{t}/" class="tag-cloud-link" style="font-size:'
                    f'{9 + len(t) % 5}pt">{name}</a> ' for t, name in NEWSMAG_TAGS.items())
    popular = "".join(f'<li><a href="{p.href}">{e(p.title)}</a></li>' for p in posts[:4])
    shortlink = ("" if not page.view.get("id") or page.kind == "listing" and page.key != "layanan"
                 else f'<link rel="shortlink" href="{site.base}/?'
                 f'{"p" if page.kind == "news" else "page_id"}={page.view["id"]}" />\n')
    title = (f"{e(site.short)} &#8211; Kota Jambi" if page.kind == "home"
             else f"{e(page.title)} &#8211; {e(site.short)}")
    return f"""<!DOCTYPE html>
<html lang="id-ID">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="canonical" href="{site.base}{page.href}" />
{shortlink}<link rel='stylesheet' id='jnews-frontend-css' href='{site.base}/wp-content/themes/jnews/assets/dist/frontend.min.css?ver=11.0.7' type='text/css' media='all' />
<meta name="generator" content="WordPress 6.5.2" />
<meta name="generator" content="Elementor 3.21.4" />
</head>
<body class="{'page-template-default page' if page.kind == 'service' else 'home' if page.kind == 'home' else 'single'} jeg_toggle_light jnews jsc_normal elementor-default">
<div class="jeg_ad jeg_ad_top jnews_header_top_ads"><div class="ads-wrapper"></div></div>
<div class="jeg_viewport">
<div class="jeg_header_wrapper"><div class="jeg_header normal">
<div class="jeg_topbar jeg_container dark"><div class="container"><div class="jeg_nav_item jeg_top_date">{tanggal("2024-12-05")}</div><div class="jeg_nav_item socials_widget"><a href="https://www.facebook.com/kelaurkenali" class="jeg_facebook">Facebook</a><a href="https://www.instagram.com/kelaurkenali" class="jeg_instagram">Instagram</a></div></div></div>
<div class="jeg_midbar jeg_container"><div class="container"><div class="jeg_logo jeg_desktop_logo"><h1 class="site-title"><a href="/" rel="home">{e(site.short)}</a></h1><h2 class="site-description">{e(site.tagline)}</h2></div></div></div>
<div class="jeg_bottombar jeg_navbar jeg_container"><div class="container"><div class="jeg_nav_item jeg_main_menu_wrapper"><div class="jeg_mainmenu_wrap"><ul class="jeg_menu jeg_main_menu jeg_menu_style_1">{menu}</ul></div></div><div class="jeg_nav_item jeg_search_wrapper"><form action="/" method="get" class="jeg_search_form"><input name="s" class="jeg_search_input" placeholder="Cari..." type="text"></form></div></div></div>
</div></div>
<div class="jeg_breakingnews"><div class="jeg_news_ticker"><div class="jeg_breakingnews_title"><i class="fa fa-bolt"></i> Breaking News</div><div class="jeg_news_ticker_items">{ticker}</div></div></div>
<div class="jeg_main"><div class="jeg_container"><div class="jeg_content jeg_singlepage"><div class="container"><div class="row">
<div class="jeg_main_content col-md-8">
{main}
</div>
<div class="jeg_sidebar jeg_sticky_sidebar col-md-4">
<div class="widget widget_jnews_popular"><div class="jeg_block_heading"><h3 class="jeg_block_title"><span>Terpopuler</span></h3></div><ul>{popular}</ul></div>
<div class="widget widget_tag_cloud"><div class="jeg_block_heading"><h3 class="jeg_block_title"><span>Tag</span></h3></div><div class="tagcloud">{cloud}</div></div>
</div>
</div></div></div></div></div>
<div class="footer-holder" id="footer"><div class="jeg_footer jeg_footer_1 dark"><div class="jeg_footer_container jeg_container"><div class="jeg_footer_content"><div class="container"><p>{footer_text(site)}</p><p class="copyright">&copy; 2024 {e(site.short)}. Tema JNews oleh Jegtheme.</p></div></div></div></div></div>
</div>
<div id="cookie-notice" role="dialog" class="cookie-notice-hidden cookie-revoke-hidden cn-position-bottom"><div class="cookie-notice-container"><span id="cn-notice-text" class="cn-text-container">Kami menggunakan cookie untuk memastikan Anda mendapatkan pengalaman terbaik di situs web kami.</span><span id="cn-notice-buttons" class="cn-buttons-container"><a href="#" id="cn-accept-cookie" class="cn-set-cookie cn-button">Oke</a></span></div></div>
</body>
</html>
"""


NEW_BUILD["newsmag"] = build_newsmag
RENDER["newsmag"] = render_newsmag
CSS["newsmag"] = ("wp-content/themes/jnews/assets/dist/frontend.min.css",
                  ".jeg_main_content{float:left}.jeg_sidebar{float:right}")


# --- Two single-page apps over a CMS's rich text (issue #11, fourth round) -------------------
#
# Real government SPAs are very often a thin front end over a CMS API whose record holds the
# whole service in ONE rich-text field, as the editor saved it; the JSON has no
# "persyaratan" key at all.
#
# - "wpvue" (SIGAP Damkar): a WordPress site whose theme is a Vue 3 app (vue-router in
#   history mode: WordPress answers every permalink with the same shell). The app reads the
#   WordPress REST API through an axios client made with ``baseURL: "/wp-json/wp/v2"``:
#   ``/pages`` and ``/posts``, each record ``{id, slug, link, title: {rendered},
#   content: {rendered: "<html>"}, excerpt: {rendered}, ...}``. Service pages, the profile
#   and the contact page share the one collection. Each service page's body was typed in a
#   different editor habit: block-editor headings and lists, a classic-editor paragraph of
#   bold labels and ``<br />`` lines, a table of label and value cells.
# - "reactcms" (SIAP KERJA Disnaker): a React build (react-router, history routes) over a
#   headless CMS collection in Strapi v4's shape (``{data: [{id, attributes: {judul, slug,
#   kategori, ringkasan, konten: "<html>", publishedAt}}], meta: {pagination}}``): services,
#   news and announcements in one collection, told apart by ``kategori``; services at
#   /layanan/<slug>, news at /berita/<slug>. ``konten`` holds the sections of a Permenpan
#   service standard as ``<h3>`` headings, or as ``<p><b>Syarat:</b></p>`` lines.
# Ports 8755 and 8756.
# ---------------------------------------------------------------------------------------------

SITES += [
    Site("sigap-damkar", "Dinas Pemadam Kebakaran dan Penyelamatan Kota Jambi",
         "SIGAP Damkar Kota Jambi", "wpvue", 54, "Siaga, Gesit, Aman, Peduli",
         "Markas Komando Damkar Kota Jambi",
         "melaksanakan pemadaman kebakaran, penyelamatan dan evakuasi, serta membina relawan "
         "kebakaran di tingkat RT",
         place="Markas Komando Damkar Kota Jambi atau pos pemadam terdekat", color="#b91c1c"),
    Site("siapkerja", "Dinas Tenaga Kerja Kota Jambi", "SIAP KERJA Disnaker Kota Jambi",
         "reactcms", 55, "Layanan Ketenagakerjaan Kota Jambi dalam Genggaman", KOMPLEK,
         "melayani pencari kerja, pelatihan kerja dan penempatan tenaga kerja di Kota Jambi",
         place="Loket Disnaker Kota Jambi, Mal Pelayanan Publik Kota Jambi", color="#1d4ed8"),
]
SITE.update({s.name: s for s in SITES})
FAMILY.update({"wpvue": "vue-wordpress-rest", "reactcms": "react-headless-cms"})

# (fact index, site, slug, title, intro, overrides); "markup" is the editor habit of its body
SERVICES.update({
    "sg_api": (53, "sigap-damkar", "pemadaman-kebakaran", "Layanan Pemadaman Kebakaran",
               "Petugas Damkar berangkat memadamkan api begitu laporan kebakaran rumah, toko, "
               "lahan atau kendaraan diterima, tanpa dipungut bayaran.",
               {"markup": "blocks"}),
    "sg_evakuasi": (54, "sigap-damkar", "penyelamatan-dan-evakuasi",
                    "Penyelamatan dan Evakuasi Non-Kebakaran",
                    "Selain memadamkan api, regu penyelamat menangkap ular dan biawak yang "
                    "masuk rumah, memusnahkan sarang tawon, membebaskan orang terjebak dan "
                    "memotong pohon tumbang.", {"markup": "classic"}),
    "sg_redkar": (55, "sigap-damkar", "pendaftaran-relawan-redkar",
                  "Pendaftaran Relawan Pemadam Kebakaran (REDKAR)",
                  "Warga yang ingin menjadi relawan pemadam di lingkungan RT-nya dilatih dan "
                  "dibekali alat pemadam ringan oleh Damkar.", {"markup": "table"}),
    "kj_ak1": (50, "siapkerja", "kartu-pencari-kerja-ak1",
               "Kartu Tanda Pencari Kerja (AK/I)",
               "Pencari kerja yang terdaftar menerima kartu AK/I, yang diminta perusahaan dan "
               "instansi saat melamar pekerjaan.", {"markup": "h3"}),
    "kj_balikat": (51, "siapkerja", "pendaftaran-pelatihan-balikat",
                   "Pendaftaran Pelatihan Kerja BALIKAT",
                   "Warga Kota Jambi usia kerja dapat ikut pelatihan keterampilan gratis di "
                   "Balai Latihan Kerja Tematik milik Pemerintah Kota Jambi.",
                   {"markup": "bold"}),
})

SIGAP_POSTS = [
    ("damkar-evakuasi-ular-sanca-di-kenali-besar", "2025-09-03",
     "Damkar Evakuasi Ular Sanca dari Dapur Warga Kenali Besar",
     ["Regu penyelamat Damkar Kota Jambi mengevakuasi ular sanca sepanjang tiga meter dari "
      "dapur rumah warga di Kelurahan Kenali Besar. Warga melapor lewat Call Center 112.",
      "Petugas mengingatkan agar warga tidak menangkap sendiri ular yang masuk rumah."]),
    ("simulasi-pemadaman-bersama-redkar-rt", "2025-10-21",
     "Simulasi Pemadaman Bersama Relawan REDKAR Tingkat RT",
     ["Relawan REDKAR dari sebelas kecamatan mengikuti simulasi memadamkan api kompor gas "
      "dengan APAR dan karung basah di halaman Mako Damkar."]),
]
SIAPKERJA_POSTS = [
    ("berita", "job-fair-kota-jambi-2025", "2025-08-12", "Job Fair Kota Jambi 2025 Dibuka",
     ["Disnaker Kota Jambi membuka job fair dengan 40 perusahaan. Pencari kerja diminta "
      "membawa kartu AK/I dan fotokopi ijazah."]),
    ("pengumuman", "jadwal-pelatihan-balikat-angkatan-3", "2025-09-01",
     "Jadwal Pelatihan BALIKAT Angkatan III",
     ["Pelatihan menjahit, barista dan servis sepeda motor angkatan III dimulai awal Oktober. "
      "Kuota tiap kejuruan 16 peserta."]),
    ("berita", "kunjungan-kerja-ke-balai-latihan", "2025-10-14",
     "Wali Kota Tinjau Balai Latihan Kerja Tematik",
     ["Wali Kota meninjau ruang praktik BALIKAT dan berbincang dengan peserta pelatihan "
      "barista angkatan II."]),
]

WPVUE_BUNDLE = ("wp-content/themes/sigap-vue/dist/assets/index-5c2e8b1d.js", """import{c as Qe,r as Ze,a as et,b as tt,d as nt}from"./vendor-9f3a2c7e.js";
const wp=et.create({baseURL:"/wp-json/wp/v2",headers:{Accept:"application/json"}}),
api={halaman:()=>wp.get("/pages",{params:{per_page:50,orderby:"menu_order",order:"asc"}}),halamanSlug:e=>wp.get("/pages",{params:{slug:e}}),berita:()=>wp.get("/posts",{params:{per_page:6,_embed:1}}),beritaSlug:e=>wp.get("/posts",{params:{slug:e}})};
const Beranda={data:()=>({layanan:[],berita:[]}),async created(){const[e,t]=await Promise.all([api.halaman(),api.berita()]);this.layanan=e.data.filter(n=>n.parent===12),this.berita=t.data},template:'<section><router-link v-for="l in layanan" :key="l.id" :to="\\'/layanan/\\'+l.slug+\\'/\\'" v-html="l.title.rendered"></router-link></section>'};
const Halaman={props:["slug"],data:()=>({judul:"",isi:""}),async created(){const{data:e}=await api.halamanSlug(this.slug);e.length&&(this.judul=e[0].title.rendered,this.isi=e[0].content.rendered,document.title=e[0].title.rendered)},template:'<article class="entry"><h1 v-html="judul"></h1><div class="entry-content" v-html="isi"></div></article>'};
const Berita={props:["slug"],data:()=>({judul:"",isi:""}),async created(){const{data:e}=await api.beritaSlug(this.slug);e.length&&(this.judul=e[0].title.rendered,this.isi=e[0].content.rendered)},template:'<article class="post"><h1 v-html="judul"></h1><div class="entry-content" v-html="isi"></div></article>'};
const router=tt({history:nt(),routes:[{path:"/",component:Beranda},{path:"/layanan/:slug/",component:Halaman,props:!0},{path:"/berita/:slug/",component:Berita,props:!0},{path:"/:slug/",component:Halaman,props:!0}]});
Qe({render:()=>Ze("router-view")}).use(router).mount("#app");
""")

REACTCMS_BUNDLE = ("static/js/main.4b7d1e9a.js", """/*! For license information please see main.4b7d1e9a.js.LICENSE.txt */
!function(){"use strict";var e=n(2791),t=n(1087),r=n(7689),a=n(184),Xe="/api";
function o(e){return fetch(e,{headers:{Accept:"application/json"}}).then(function(e){return e.json()})}
var i={konten:function(){return o("".concat(Xe,"/kontens?populate=*&sort=publishedAt:desc&pagination[pageSize]=4"))},lagi:function(e){return o("".concat(Xe,"/kontens?populate=*&sort=publishedAt:desc&pagination[pageSize]=4&pagination[page]=").concat(e))}};
function l(){var n=(0,e.useState)([]),r=n[0],s=n[1],m=(0,e.useState)(null),p=m[0],g=m[1];(0,e.useEffect)(function(){i.konten().then(function(e){s(e.data),g(e.meta.pagination)})},[]);
return(0,a.jsxs)("div",{children:[(0,a.jsx)("ul",{className:"daftar-konten",children:r.map(function(e){return(0,a.jsx)("li",{children:(0,a.jsx)(t.rU,{to:"berita"===e.attributes.kategori||"pengumuman"===e.attributes.kategori?"/berita/".concat(e.attributes.slug):"/layanan/".concat(e.attributes.slug),children:e.attributes.judul})},e.id)})}),p&&p.page<p.pageCount&&(0,a.jsx)("button",{onClick:function(){i.lagi(p.page+1).then(function(e){s(r.concat(e.data)),g(e.meta.pagination)})},children:"Muat lebih banyak"})]})}
function c(){var n=(0,r.UO)().slug,t=(0,e.useState)(null),s=t[0],l=t[1];(0,e.useEffect)(function(){i.konten().then(function(e){l(e.data.find(function(e){return e.attributes.slug===n}))})},[n]);
return s?(0,a.jsxs)("article",{children:[(0,a.jsx)("h1",{children:s.attributes.judul}),(0,a.jsx)("div",{className:"konten",dangerouslySetInnerHTML:{__html:s.attributes.konten}})]}):(0,a.jsx)("p",{children:"Memuat..."})}
(0,u.s)(document.getElementById("root")).render((0,a.jsx)(t.VK,{children:(0,a.jsxs)(r.Z5,{children:[(0,a.jsx)(r.AW,{path:"/",element:(0,a.jsx)(l,{})}),(0,a.jsx)(r.AW,{path:"/layanan/:slug",element:(0,a.jsx)(c,{})}),(0,a.jsx)(r.AW,{path:"/berita/:slug",element:(0,a.jsx)(c,{})})]})}))}();
""")


def wp_rendered(html_text: str) -> dict:
    """A WordPress REST field as the API answers it: the HTML WordPress rendered."""
    return {"rendered": html_text, "protected": False}


def wp_lines(items: list[str], numbered: bool) -> str:
    return "<br />\n".join(f"{n}. {e(i)}" if numbered else f"- {e(i)}"
                           for n, i in enumerate(items, 1))


def sigap_content(intro: str, f: ServiceFacts, markup: str) -> str:
    """A service page's ``content.rendered`` in the habit of the editor who typed it."""
    rows = [(label, value) for label, value in (
        ("Persyaratan", f.requirements), ("Prosedur", f.procedure), ("Waktu Pelayanan",
                                                                      f.duration),
        ("Biaya", f.cost), ("Dasar Hukum", f.legal_basis), ("Tempat Pelayanan", f.location))
        if value]
    out = [f"<p>{e(intro)}</p>"]
    for label, value in rows:
        if markup == "blocks":  # the block editor: heading and list blocks
            body = ('<ol class="wp-block-list">' + "".join(f"<li>{e(v)}</li>" for v in value)
                    + "</ol>") if isinstance(value, list) else f"<p>{e(value)}</p>"
            out.append(f'<h2 class="wp-block-heading">{label}</h2>\n{body}')
        elif markup == "classic":  # the classic editor: bold labels, lines by Shift+Enter
            body = ("<br />\n" + wp_lines(value, numbered=True)
                    if isinstance(value, list) else " " + e(value))
            out.append(f"<p><strong>{label}:</strong>{body}</p>")
        else:  # a table of label and value cells
            cell = "<br />".join(e(v) for v in value) if isinstance(value, list) else e(value)
            out.append(f"<tr><td><strong>{label}</strong></td><td>{cell}</td></tr>")
    if markup == "table":
        out[1:] = ['<figure class="wp-block-table"><table><tbody>' + "".join(out[1:])
                   + "</tbody></table></figure>"]
    return "\n".join(out) + "\n"


def wp_record(site: Site, n: int, kind: str, slug: str, href: str, title: str, content: str,
              date: str, parent: int = 0) -> dict:
    """One record of ``/wp-json/wp/v2/pages`` or ``/posts`` as WordPress answers it."""
    first = re.sub(r"<[^>]+>", "", content.split("</p>", 1)[0])
    record = {"id": n, "date": f"{date}T08:30:00", "date_gmt": f"{date}T01:30:00",
              "guid": wp_rendered(f"{site.base}/?{'page_id' if kind == 'page' else 'p'}={n}"),
              "modified": f"{date}T09:02:11", "slug": slug, "status": "publish", "type": kind,
              "link": site.base + href, "title": wp_rendered(e(title).replace(" - ", " &#8211; ")),
              "content": wp_rendered(content),
              "excerpt": wp_rendered(f"<p>{e(first[:150])} [&hellip;]</p>\n"),
              "author": 2, "featured_media": 0, "comment_status": "closed", "template": "",
              "meta": {"footnotes": ""}}
    if kind == "page":
        record.update({"parent": parent, "menu_order": n})
    else:
        record.update({"categories": [3], "tags": [], "format": "standard", "sticky": False})
    record["_links"] = {"self": [{"href": f"{site.base}/wp-json/wp/v2/{kind}s/{n}"}]}
    return record


def build_wpvue(site: Site, facts: dict, reg) -> None:
    shell = '<div id="app"></div>'
    reg(put(site, "home", "home", site.short, "/", "index.html", shell), f"{site.name}:layanan")
    pages = [wp_record(site, 12, "page", "layanan", "/layanan/", "Layanan",
                       "<p>Layanan Dinas Pemadam Kebakaran dan Penyelamatan Kota Jambi.</p>\n",
                       "2024-01-15")]
    # the parent of the service pages: a page of one sentence the theme shows as any page
    put(site, "page", "layanan", "Layanan", "/layanan/", "index.html", shell)
    for n, (key, (_i, _s, slug, title, intro, over)) in enumerate(own_services(site), 20):
        href = f"/layanan/{slug}/"
        pages.append(wp_record(site, n, "page", slug, href, title,
                               sigap_content(intro, facts[key], over["markup"]),
                               "2024-02-05", parent=12))
        reg(put(site, "service", key, title, href, "index.html", shell, summary=intro), key)
    profile = (f"<p>{e(site.opd)} {e(site.tugas)}.</p>\n<h2 class=\"wp-block-heading\">Visi"
               "</h2>\n<p>Kota Jambi yang aman dari bahaya kebakaran.</p>\n"
               "<h2 class=\"wp-block-heading\">Sejarah</h2>\n<p>Barisan pemadam kota berdiri "
               "sejak masa Kotapraja dan kini bermarkas di Mako Damkar.</p>\n")
    contact = (f"<p><strong>Alamat:</strong> {e(site.address)}<br />\n<strong>Telepon:</strong>"
               " 0741-41171 dan Call Center 112 (bebas pulsa)<br />\n<strong>Siaga:</strong>"
               " 24 jam setiap hari</p>\n")
    for n, slug, title, body in ((30, "profil", "Profil", profile),
                                 (31, "kontak", "Kontak", contact)):
        pages.append(wp_record(site, n, "page", slug, f"/{slug}/", title, body, "2024-01-15"))
        put(site, "page", slug, title, f"/{slug}/", "index.html", shell)
    posts = []
    for n, (slug, date, title, texts) in enumerate(SIGAP_POSTS, 40):
        href = f"/berita/{slug}/"
        posts.append(wp_record(site, n, "post", slug, href, title,
                               "".join(f"<p>{e(t)}</p>\n" for t in texts), date))
        reg(put(site, "news", f"news:{slug}", title, href, "index.html", shell, date=date),
            f"news:{site.name}:{slug}")
    put_json(site, {"wp-json/wp/v2/pages.json": pages,
                    "wp-json/wp/v2/posts.json": sorted(posts, key=lambda p: p["date"],
                                                       reverse=True)})
    rel, code = WPVUE_BUNDLE
    site.extra_files[rel] = code.encode()


def render_wpvue(page: Page) -> str:
    site = page.site
    rel, _code = WPVUE_BUNDLE
    return f"""<!DOCTYPE html>
<html lang="id-ID"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{e(site.short)}</title><meta name="description" content="{e(site.opd)}: {e(site.tagline)}"><meta name="generator" content="WordPress 6.5.3"><script type="module" crossorigin src="/{rel}"></script><link rel="stylesheet" href="/{CSS['wpvue'][0]}"></head>
<body class="page-template-default"><noscript>Aktifkan JavaScript untuk membuka {e(site.short)}.</noscript>{page.body}</body></html>
"""


def siapkerja_konten(intro: str, f: ServiceFacts, markup: str) -> str:
    """A service's ``konten`` as the CMS's rich-text editor saved it: the components of a
    service standard under ``<h3>`` headings, or as bold labels over lists."""
    parts = [("Persyaratan" if markup == "h3" else "Syarat", f.requirements),
             ("Mekanisme dan Prosedur" if markup == "h3" else "Alur", f.procedure),
             ("Jangka Waktu Penyelesaian" if markup == "h3" else "Lama Proses", f.duration),
             ("Biaya/Tarif" if markup == "h3" else "Biaya", f.cost),
             ("Dasar Hukum", f.legal_basis),
             ("Tempat Pelayanan" if markup == "h3" else "Lokasi", f.location)]
    out = [f"<p>{e(intro)}</p>"]
    for label, value in parts:
        if not value:
            continue
        body = (("<ol>" if markup == "h3" else "<ul>")
                + "".join(f"<li>{e(v)}</li>" for v in value)
                + ("</ol>" if markup == "h3" else "</ul>")
                if isinstance(value, list) else f"<p>{e(value)}</p>")
        out.append(f"<h3>{label}</h3>{body}" if markup == "h3"
                   else f"<p><b>{label}:</b></p>{body}")
    return "".join(out)


def build_reactcms(site: Site, facts: dict, reg) -> None:
    shell = '<div id="root"></div>'
    reg(put(site, "home", "home", site.short, "/", "index.html", shell), f"{site.name}:layanan")
    rows = []
    for n, (key, (_i, _s, slug, title, intro, over)) in enumerate(own_services(site), 1):
        rows.append({"id": n, "attributes": {
            "judul": title, "slug": slug, "kategori": "layanan", "ringkasan": intro,
            "konten": siapkerja_konten(intro, facts[key], over["markup"]),
            "createdAt": "2024-03-04T02:10:00.000Z", "updatedAt": "2025-06-30T04:41:12.000Z",
            "publishedAt": "2024-03-04T02:11:00.000Z"}})
        reg(put(site, "service", key, title, f"/layanan/{slug}", "index.html", shell,
                summary=intro), key)
    for n, (category, slug, date, title, texts) in enumerate(SIAPKERJA_POSTS, 10):
        rows.append({"id": n, "attributes": {
            "judul": title, "slug": slug, "kategori": category, "ringkasan": texts[0][:120],
            "konten": "".join(f"<p>{e(t)}</p>" for t in texts),
            "createdAt": f"{date}T01:00:00.000Z", "updatedAt": f"{date}T01:05:00.000Z",
            "publishedAt": f"{date}T01:05:00.000Z"}})
        reg(put(site, "news", f"news:{slug}", title, f"/berita/{slug}", "index.html", shell,
                date=date), f"news:{site.name}:{slug}")
    rows.sort(key=lambda r: r["attributes"]["publishedAt"], reverse=True)
    # Strapi pages the collection (pageSize 4): the app loads the second page on "Muat lebih
    # banyak", the paginator says only the page number and the count of pages
    size = 4
    count = -(-len(rows) // size)
    query = "populate=*&sort=publishedAt:desc&pagination[pageSize]=4"
    for number in range(1, count + 1):
        rel = "api/kontens.json" if number == 1 else f"api/kontens-{number}.json"
        site.extra_files[rel] = (json.dumps({
            "data": rows[(number - 1) * size:number * size], "meta": {"pagination": {
                "page": number, "pageSize": size, "pageCount": count, "total": len(rows)}}},
            ensure_ascii=False) + "\n").encode()
        site.routes[route_key("/api/kontens", query + (
            f"&pagination[page]={number}" if number > 1 else ""))] = rel
    site.routes[route_key("/api/kontens", "")] = "api/kontens.json"
    rel, code = REACTCMS_BUNDLE
    site.extra_files[rel] = code.encode()


def render_reactcms(page: Page) -> str:
    site = page.site
    rel, _code = REACTCMS_BUNDLE
    return f"""<!doctype html><html lang="id"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width,initial-scale=1"/><meta name="theme-color" content="{site.color}"/><meta name="description" content="{e(site.opd)}: {e(site.tagline)}"/><title>{e(site.short)}</title><script defer="defer" src="/{rel}"></script><link href="/{CSS['reactcms'][0]}" rel="stylesheet"></head><body><noscript>You need to enable JavaScript to run this app.</noscript>{page.body}</body></html>
"""


NEW_BUILD.update({"wpvue": build_wpvue, "reactcms": build_reactcms})
RENDER.update({"wpvue": render_wpvue, "reactcms": render_reactcms})
CSS.update({"wpvue": ("wp-content/themes/sigap-vue/dist/assets/index-1a7f3d90.css",
                      "#app{font-family:Inter,sans-serif}.entry-content h2{color:#b91c1c}"),
            "reactcms": ("static/css/main.0e6c2b7f.css", "body{margin:0;font-family:Inter}")})


# ---------------------------------------------------------------------------------------------
# Services told in news-style posts (issue #11): an OPD admin writes a service as a dated post,
# often in the CMS's default category ("Berita", "Info", "Pengumuman"), in prose and editor
# markup: "Berikut persyaratan untuk mengurus ... yaitu: ...", a bold label inside a paragraph,
# a label after an emoji or a number, a question ("Apa saja syaratnya?"), a two-column table,
# or no label at all; cost as "tidak dipungut biaya"/"GRATIS", time as "langsung jadi". Beside
# them, real news on the same words (vaksinasi, bansos, rekam KTP). Two families the tuning
# web lacks: a kelurahan blog on Blogger's Median UI template (the date only in a <time>
# attribute, a sidebar of other posts' titles and snippets) and a Dinas Sosial news site on
# tagDiv's Newspaper theme (posts at /yyyy/mm/dd/slug/ and ?p=N). Ports 8757 and 8758.
# ---------------------------------------------------------------------------------------------

SITES += [
    Site("kel-bakungjaya", "Kelurahan Bakung Jaya", "Kelurahan Bakung Jaya", "median", 56,
         "Blog Resmi Kelurahan Bakung Jaya, Kecamatan Paal Merah",
         "Jl. Lingkar Selatan II, Kel. Bakung Jaya, Kec. Paal Merah, Kota Jambi",
         "adalah kelurahan pemekaran 2023 di Kecamatan Paal Merah yang melayani surat "
         "keterangan dan pengantar administrasi bagi warga di 24 RT",
         place="Kantor Lurah Bakung Jaya, Jl. Lingkar Selatan II", color="#1f6feb"),
    Site("dinsos-berita", "Dinas Sosial Kota Jambi", "Dinsos Kota Jambi", "tdnews", 57,
         "Portal Berita dan Informasi Dinas Sosial Kota Jambi", KOMPLEK,
         "melaksanakan urusan pemerintahan bidang sosial: perlindungan dan jaminan sosial, "
         "rehabilitasi sosial, serta pengelolaan data kesejahteraan sosial",
         place="Kantor Dinas Sosial Kota Jambi, " + KOMPLEK, color="#c0392b"),
]
SITE.update({s.name: s for s in SITES})
FAMILY.update({"median": "blogger-median", "tdnews": "wordpress-newspaper"})

# (fact index, site, date, post title, intro, overrides); "style" is how the admin wrote the
# facts (see ``editor_post_body``), "category" the post's label or category
SERVICES.update({
    "bj_domisili": (66, "kel-bakungjaya", "2024-02-19",
                    "Pelayanan Surat Keterangan Domisili di Kelurahan Bakung Jaya",
                    "Warga Bakung Jaya yang membutuhkan surat keterangan domisili untuk melamar "
                    "kerja atau membuka rekening dapat mengurusnya di kantor lurah.",
                    {"style": "bold_inline", "category": "Layanan", "cost": "GRATIS",
                     "duration": "selesai dalam 1 hari"}),
    "bj_sktm": (67, "kel-bakungjaya", "2024-04-08",
                "Warga Kurang Mampu Kini Bisa Urus SKTM Langsung Jadi",
                "Kelurahan Bakung Jaya mempercepat penerbitan Surat Keterangan Tidak Mampu bagi "
                "keluarga yang memerlukannya untuk keringanan biaya sekolah.",
                {"style": "runon", "category": "Berita", "duration": "langsung jadi",
                 "cost": "tidak dipungut biaya"}),
    "bj_pindah": (9, "kel-bakungjaya", "2024-06-03",
                  "Mau Pindah ke Luar Kota Jambi? Ini Pengantar dari Kelurahan",
                  "Sebelum SKPWNI terbit di Disdukcapil, warga yang pindah ke luar Kota Jambi "
                  "meminta surat pengantar pindah dari kelurahan.",
                  {"style": "emoji", "category": "Info",
                   "cost": "tidak dipungut biaya alias GRATIS",
                   "duration": "selesai dalam 1 hari kerja"}),
    "bj_kia": (8, "kel-bakungjaya", "2024-08-12",
               "Kartu Identitas Anak (KIA) Bisa Diurus Lewat Kelurahan",
               "Orang tua di Bakung Jaya dapat menitipkan berkas Kartu Identitas Anak melalui "
               "petugas register kelurahan tanpa antre ke Disdukcapil.",
               {"style": "question", "category": "Berita", "cost": "GRATIS",
                "duration": "3 hari kerja"}),
    "bj_kampung": (68, "kel-bakungjaya", "2024-10-21",
                   "Usulan Dana Kampung Bahagia untuk RT di Bakung Jaya",
                   "Setiap RT di Bakung Jaya dapat mengusulkan kegiatan pembangunan lingkungan "
                   "yang dibiayai dana Kampung Bahagia.", {"style": "numbered",
                                                          "category": "Pengumuman"}),
    "bj_ktp": (0, "kel-bakungjaya", "2025-01-20",
               "Perekaman KTP-el Pemula di Aula Kelurahan Bakung Jaya",
               "Pelajar dan warga yang baru berusia 17 tahun dapat merekam KTP-el di aula "
               "kelurahan setiap Selasa bersama petugas Disdukcapil.",
               {"style": "table2", "category": "Berita",
                "cost": "tidak dipungut biaya alias GRATIS",
                "duration": "langsung jadi bila blangko tersedia"}),
    "dn_dtks": (40, "dinsos-berita", "2024-03-05",
                "Begini Syarat Daftar DTKS agar Dapat Bantuan Sosial",
                "Keluarga kurang mampu yang belum masuk Data Terpadu Kesejahteraan Sosial (kini "
                "DTSEN) dapat mengusulkan diri melalui kelurahan dan Dinas Sosial.",
                {"style": "span_bold", "category": "Layanan", "cost": "GRATIS"}),
    "dn_santunan": (42, "dinsos-berita", "2024-05-27",
                    "Ahli Waris Peserta Kartu Bahagia Terima Santunan Kematian",
                    "Keluarga peserta Kartu Bahagia yang meninggal dunia menerima santunan "
                    "kematian dan manfaat BPJS Ketenagakerjaan yang iurannya dibayar Pemkot.",
                    {"style": "runon", "category": "Berita",
                     "requirements": ["surat kematian dari kelurahan", "kartu Kartu Bahagia "
                                      "almarhum", "fotokopi KTP dan KK ahli waris"],
                     "duration": "selesai dalam 14 hari kerja", "cost": "tidak dipungut biaya"}),
    "dn_uhc": (41, "dinsos-berita", "2024-07-15",
               "Berobat Gratis Cukup Pakai KTP, Ini Ketentuannya",
               "Warga Kota Jambi yang terdata kurang mampu bisa berobat gratis di puskesmas dan "
               "rumah sakit melalui UHC Jambi Bugar.",
               {"style": "table2", "category": "Berita",
                "duration": "langsung aktif setelah didaftarkan"}),
    "dn_rentan": (13, "dinsos-berita", "2024-09-09",
                  "Warga Tanpa Dokumen Kependudukan Bisa Didata sebagai Penduduk Rentan",
                  "Penghuni panti, orang terlantar dan warga tanpa KTP dapat didaftarkan sebagai "
                  "penduduk rentan administrasi kependudukan dengan pendampingan Dinas Sosial.",
                  {"style": "question", "category": "Info", "cost": "GRATIS",
                   "duration": "selesai dalam 1 hari"}),
    "dn_rtlh": (60, "dinsos-berita", "2024-11-04",
                "Pendaftaran Usulan Bedah Rumah Tidak Layak Huni Dibuka",
                "Keluarga penerima bansos yang rumahnya tidak layak huni dapat diusulkan "
                "mendapat bantuan bedah rumah tahun anggaran 2025.",
                {"style": "numbered", "category": "Pengumuman"}),
    "dn_beasiswa": (38, "dinsos-berita", "2025-01-13",
                    "Beasiswa Kartu Bahagia untuk Siswa SD dan SMP",
                    "Siswa SD dan SMP dari keluarga tidak mampu yang terdaftar di Kartu Bahagia "
                    "dapat menerima beasiswa pendidikan dari Pemkot Jambi.",
                    {"style": "emoji", "category": "Info", "duration": "sekali setahun",
                     "cost": "GRATIS, tidak dipungut biaya"}),
})

# (site, slug, date, title, paragraphs, category); the news speaks of the same things (KTP,
# bansos, gratis, membawa) without being a service
EDITOR_NEWS = [
    ("kel-bakungjaya", "lurah-bakung-jaya-menghadiri-musrenbang", "2024-01-29",
     "Lurah Bakung Jaya Menghadiri Musrenbang Kecamatan Paal Merah",
     ["Lurah Bakung Jaya menghadiri musyawarah perencanaan pembangunan tingkat Kecamatan "
      "Paal Merah dan menyampaikan usulan drainase serta penerangan jalan lingkungan.",
      "Usulan disusun dari musyawarah warga di 24 RT."], "Berita"),
    ("kel-bakungjaya", "vaksinasi-massal-di-aula-kelurahan", "2024-05-13",
     "Vaksinasi Massal di Aula Kelurahan Bakung Jaya",
     ["Puskesmas Paal Merah bersama kelurahan menggelar vaksinasi massal bagi warga dan lansia "
      "di aula kelurahan. Warga cukup membawa KTP, vaksin diberikan gratis.",
      "Sebanyak 230 warga divaksin hingga siang hari."], "Berita"),
    ("kel-bakungjaya", "gotong-royong-bersihkan-drainase", "2024-07-22",
     "Gotong Royong Bersihkan Drainase Jelang Musim Hujan",
     ["Warga RT 05 dan RT 06 bergotong royong membersihkan saluran drainase yang tersumbat "
      "sampah menjelang musim hujan."], "Berita"),
    ("kel-bakungjaya", "penyaluran-blt-kelurahan", "2024-09-16",
     "Penyaluran Bantuan Pangan di Kantor Lurah Bakung Jaya",
     ["Sebanyak 312 keluarga penerima manfaat menerima bantuan beras 10 kg di kantor lurah.",
      "Penerima diminta membawa KTP dan KK asli serta undangan dari RT; penyaluran selesai "
      "dalam satu hari."], "Berita"),
    ("kel-bakungjaya", "libur-pelayanan-idul-fitri", "2025-03-24",
     "Pengumuman Libur Pelayanan Hari Raya Idul Fitri",
     ["Pelayanan kantor Kelurahan Bakung Jaya libur mulai 28 Maret hingga 7 April 2025 dan "
      "kembali buka pada 8 April 2025."], "Pengumuman"),
    ("dinsos-berita", "kadis-sosial-hadiri-hari-disabilitas", "2024-12-03",
     "Kadis Sosial Hadiri Peringatan Hari Disabilitas Internasional",
     ["Kepala Dinas Sosial Kota Jambi menghadiri peringatan Hari Disabilitas Internasional "
      "dan menyerahkan kursi roda kepada 15 penyandang disabilitas."], "Berita"),
    ("dinsos-berita", "bantuan-korban-banjir-pelayangan", "2024-12-16",
     "Dinsos Salurkan Bantuan bagi Korban Banjir di Pelayangan",
     ["Tim Tagana Dinas Sosial menyalurkan makanan siap saji, selimut dan perlengkapan bayi "
      "kepada 120 warga yang mengungsi akibat banjir di Kecamatan Pelayangan."], "Berita"),
    ("dinsos-berita", "penyaluran-bpnt-tahap-iv", "2024-10-21",
     "Penyaluran BPNT Tahap IV, KPM Diminta Membawa KTP dan KK",
     ["Penyaluran Bantuan Pangan Non Tunai tahap IV dilaksanakan di kantor pos dan e-warong. "
      "Keluarga penerima manfaat diminta membawa KTP dan KK asli.",
      "Bantuan diterima utuh tanpa potongan biaya apa pun."], "Berita"),
    ("dinsos-berita", "vaksinasi-penghuni-panti", "2024-08-05",
     "Vaksinasi Massal bagi Penghuni Panti Sosial",
     ["Dinas Sosial bersama Dinas Kesehatan memberikan vaksin gratis bagi 85 penghuni panti "
      "jompo dan panti asuhan di Kota Jambi."], "Berita"),
    ("dinsos-berita", "razia-anak-jalanan", "2025-02-17",
     "Razia Anak Jalanan dan Gelandangan di Simpang Lampu Merah",
     ["Satpol PP bersama Dinas Sosial menjaring 12 anak jalanan dan gelandangan di simpang "
      "lampu merah; mereka dibina di rumah singgah."], "Berita"),
]
NEWS_CATEGORY = {(s, slug): cat for s, slug, _d, _t, _x, cat in EDITOR_NEWS}
NEWS += [(s, slug, d, t, x) for s, slug, d, t, x, _c in EDITOR_NEWS]

def _low(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def editor_post_body(style: str, name: str, intro: str, f: ServiceFacts) -> str:
    """A service as an OPD admin writes it in the post editor, in one of these styles:
    bold_inline ``<p><b>Persyaratan :</b> a, b dan c</p>``, span_bold (the label in a
    ``<span style="font-weight: bold">``), runon (no label: "Berikut persyaratan untuk mengurus
    ... yaitu: a, b, dan c"), emoji ("📌 Persyaratan:"), question ("Apa saja syaratnya?"),
    numbered ("1. Persyaratan" as bold lines) or table2 (a two-column table)."""
    cost, duration, place = f.cost or "GRATIS", f.duration, f.location
    steps, reqs = f.procedure, f.requirements
    span = '<span style="font-family: verdana, sans-serif;">'
    if style in ("bold_inline", "span_bold"):
        lab = ("<b>{}</b>" if style == "bold_inline"
               else '<span style="font-weight: bold;">{}</span>')
        rows = [("Persyaratan :", editor_sentence(reqs) + "."),
                ("Prosedur :", "; ".join(steps) + "." if steps else ""),
                ("Lama proses :", duration), ("Biaya :", cost), ("Tempat pelayanan :", place)]
        return paras(e(intro)) + "".join(
            f"<p>{lab.format(k)} {e(v)}</p>" for k, v in rows if v)
    if style == "runon":
        joined = (", ".join(reqs[:-1]) + (", dan " if len(reqs) > 2 else " dan ")
                  if len(reqs) > 1 else "") + reqs[-1]
        text = [intro, f"Berikut persyaratan untuk mengurus {name} yaitu: {joined}."]
        if steps:
            text.append("Berkas diserahkan ke loket, kemudian " + _low("; ".join(steps)) + ".")
        text.append(f"Pengurusannya {_low(cost)} dan {_low(duration)}, di {place}.")
        return "".join(f'<div style="text-align: justify;">{span}{e(t)}</span></div>'
                       "<div><br /></div>" for t in text)
    if style == "emoji":
        return (paras(e(intro)) + "<p>📌 <b>Persyaratan:</b><br />"
                + "<br />".join(f"✅ {e(r)}" for r in reqs) + "</p>"
                + ("<p>📝 <b>Alur:</b><br />" + "<br />".join(
                    f"{k}. {e(s)}" for k, s in enumerate(steps, 1)) + "</p>" if steps else "")
                + f"<p>⏰ Waktu penyelesaian: {e(duration)}<br />💰 Biaya: {e(cost)}<br />"
                f"📍 Lokasi: {e(place)}</p>")
    if style == "question":
        return (paras(e(intro)) + "<p><b>Apa saja syaratnya?</b></p><p>"
                + "<br />".join(f"{k}. {e(r)}" for k, r in enumerate(reqs, 1)) + "</p>"
                + ("<p><b>Bagaimana caranya?</b></p>" + ul([e(s) for s in steps], ordered=True)
                   if steps else "")
                + f"<p><b>Berapa biayanya?</b> {e(cost)}</p>"
                + f"<p><b>Berapa lama?</b> {e(duration)}</p><p><b>Lokasi:</b> {e(place)}</p>")
    if style == "numbered":
        parts = [("1. Persyaratan", ul([e(r) for r in reqs])),
                 ("2. Alur Pengajuan", ul([e(s) for s in steps], ordered=True) if steps else ""),
                 ("3. Waktu Penyelesaian", f"<p>{e(duration)}</p>"),
                 ("4. Biaya", f"<p>{e(cost)}</p>"), ("5. Tempat Pelayanan", f"<p>{e(place)}</p>")]
        return paras(e(intro)) + "".join(f"<p><strong>{k}</strong></p>{v}"
                                         for k, v in parts if v)
    if style == "table2":
        rows = [("Syarat", "<br />".join(f"- {e(r)}" for r in reqs)),
                ("Alur", "<br />".join(f"{k}. {e(s)}" for k, s in enumerate(steps, 1))),
                ("Lama Proses", e(duration)), ("Biaya", e(cost)), ("Lokasi", e(place))]
        return (paras(e(intro)) + '<table border="1" cellpadding="4" style="border-collapse: '
                'collapse; width: 100%;"><tbody>' + "".join(
                    f'<tr><td style="width: 25%;">{k}</td><td>{v}</td></tr>' for k, v in rows
                    if v) + "</tbody></table>")
    raise ValueError(f"unknown editor style {style!r}")


def editor_posts(site: Site, facts: dict, reg, href_of, file_of, aliases) -> list[Page]:
    """The site's services and news as dated posts in their categories, newest first."""
    posts = []
    for n, (key, (_i, _s, date, title, intro, over)) in enumerate(own_services(site)):
        href = href_of(title, date)
        body = editor_post_body(over["style"], SERVICE_NAME_IN_POST[key], intro, facts[key])
        page = put(site, "service", key, title, href, file_of(href), body, date=date,
                   summary=intro, aliases=aliases(href, n))
        page.labels = [over["category"]]
        reg(page, key)
        posts.append(page)
    for n, (slug, date, title, texts) in enumerate(own_news(site)):
        href = href_of(slug, date)
        page = put(site, "news", f"news:{site.name}:{slug}", title, href, file_of(href),
                   paras(*map(e, texts)), date=date, summary=texts[0],
                   aliases=aliases(href, 20 + n))
        page.labels = [NEWS_CATEGORY[(site.name, slug)]]
        reg(page, page.key)
        posts.append(page)
    for n, p in enumerate(sorted(posts, key=lambda p: p.date), start=1):
        p.view = {"id": 200 + 13 * n, "views": 60 + 41 * (n * 7 % 13)}
    return sorted(posts, key=lambda p: p.date, reverse=True)


# what none of the posts says: a legal basis or an online link
for _key in ("bj_domisili", "bj_sktm", "bj_pindah", "bj_kia", "bj_kampung", "bj_ktp", "dn_dtks",
             "dn_santunan", "dn_uhc", "dn_rentan", "dn_rtlh", "dn_beasiswa"):
    SERVICES[_key][5].update({"legal_basis": None, "online": None})

SERVICE_NAME_IN_POST = {
    "bj_domisili": "surat keterangan domisili", "bj_sktm": "SKTM di Kelurahan Bakung Jaya",
    "bj_pindah": "surat pengantar pindah", "bj_kia": "KIA", "bj_kampung": "dana Kampung Bahagia",
    "bj_ktp": "perekaman KTP-el", "dn_dtks": "pendaftaran DTKS",
    "dn_santunan": "santunan kematian Kartu Bahagia", "dn_uhc": "UHC Jambi Bugar",
    "dn_rentan": "pendataan penduduk rentan", "dn_rtlh": "usulan bedah rumah",
    "dn_beasiswa": "beasiswa Kartu Bahagia"}
EDITOR_CATEGORIES = ("Layanan", "Berita", "Info", "Pengumuman")


# --- Blogger, Median UI template (a third-party theme common on Indonesian blogs) ------------


def build_median(site: Site, facts: dict, reg) -> None:
    m1 = lambda href, n=0: (href + "?m=1",)  # noqa: E731
    home = put(site, "home", "home", site.short, "/", "index.html", aliases=m1("/"))
    posts = editor_posts(site, facts, reg,
                         lambda t, d: f"/{d[:4]}/{d[5:7]}/{blogger_slug(t)}.html",
                         lambda href: href[1:], m1)
    for slug, title, body in (("profil", "Profil Kelurahan", new_profile(site)),
                              ("kontak", "Kontak Kami", contact_body(site))):
        put(site, "page", slug, title, f"/p/{slug}.html", f"p/{slug}.html", body,
            aliases=m1(f"/p/{slug}.html"))
    home.posts = posts[:7]
    for label in EDITOR_CATEGORIES:
        lp = put(site, "listing", f"label:{label}", label, f"/search/label/{label}",
                 f"search/label/{label}.html", aliases=m1(f"/search/label/{label}"))
        lp.posts = [p for p in posts if label in p.labels]
    older = put(site, "listing", "older", "Postingan Lama", "/search", "search/older.html",
                aliases=(f"/search?updated-max={posts[6].date}T09:00:00%2B07:00"
                         "&max-results=7", *m1("/search")))
    older.posts = posts[7:]
    blog_posts_feed(site, posts, "09:00:00.000")


def median_card(page: Page) -> str:
    """A post in a Median UI list or sidebar: label, title, snippet, date attribute."""
    site = page.site
    text = " ".join(re.sub(r"<[^>]+>", " ", page.body).split())
    return (f"<article class='ntry'><div class='pCntn'><div class='pHdr pSml'><div class='pLbls'"
            f" data-text='in'><a aria-label='{page.labels[0]}' data-text='{page.labels[0]}' "
            f"href='{site.base}/search/label/{page.labels[0]}' rel='tag'></a></div></div>"
            f"<h2 class='pTtl aTtl sml'><a data-text='{e(page.title)}' href='{site.base}"
            f"{page.href}' rel='bookmark'>{e(page.title)}</a></h2><div class='pSnpt'>"
            f"{e(text[:text.rfind(' ', 0, 110)] if len(text) > 110 else text)}</div>"
            f"<div class='pInf pSml'><time class='aTtmp pTtmp pbl' data-text='"
            f"{tanggal(page.date)}' datetime='{page.date}T09:00:00+07:00' title='Diterbitkan: "
            f"{tanggal(page.date)}'></time></div></div></article>")


def render_median(page: Page) -> str:
    site = page.site
    posts = sorted((p for p in site.pages if p.kind in ("service", "news")),
                   key=lambda p: p.date, reverse=True)
    item = page.kind in ("service", "news")
    title = e(site.short) if page.kind == "home" else f"{e(page.title)} - {e(site.short)}"
    if item:
        label = page.labels[0]
        related = [p for p in posts if label in p.labels and p is not page][:4]
        main = (f"<div class='brdCmb' itemscope='itemscope' itemtype='https://schema.org/"
                f"BreadcrumbList'><div class='hm'><a href='{site.base}/'>Beranda</a></div>"
                f"<div class='tl'><a href='{site.base}/search/label/{label}'>{label}</a></div>"
                f"</div><article class='ntry ps post'><h1 class='pTtl aTtl sml itm'><span>"
                f"{e(page.title)}</span></h1><div class='pInf pSml ps'><div class='pIm'><div "
                f"class='im lazy' data-style='background-image: url(https://blogger.googleuser"
                f"content.com/img/b/R29vZ2xl/avatar.png)'></div></div><div class='pNm'><bdi "
                f"class='nm' data-text='Admin Kelurahan'></bdi><div class='pDr'><bdi class='pDt "
                f"pIn'><time class='aTtmp pTtmp pbl' data-text='{tanggal(page.date)}' datetime="
                f"'{page.date}T09:00:00+07:00' title='Diterbitkan: {tanggal(page.date)}'></time>"
                f"</bdi></div></div></div><div class='pEnt' id='postID-{_post_id(page)}'><div "
                f"class='pS post-body postBody' id='postBody'>{page.body}</div></div>"
                f"<div class='pSh'><div class='pShc' data-text='Bagikan:'><a aria-label='"
                f"Facebook' class='c fb' href='https://www.facebook.com/sharer.php?u={site.base}"
                f"{page.href}' rel='noopener' target='_blank'></a><a aria-label='WhatsApp' "
                f"class='c wa' href='https://api.whatsapp.com/send?text={site.base}{page.href}' "
                f"rel='noopener' target='_blank'></a></div></div></article><div class='rPst' "
                f"id='rPst'><div class='rPstH'><h3 class='title'>Postingan Terkait</h3></div>"
                + "".join(median_card(p) for p in related) + "</div><section class='cmnt' "
                "id='comments'><h3 class='title'>Posting Komentar</h3><div class='cmntIn'>"
                "<p class='cmntNo'>0 Komentar</p></div></section>")
    elif page.kind in ("home", "listing"):
        head = ("" if page.kind == "home" else f"<div class='blogMsg'>Menampilkan postingan "
                f"dengan label <span class='lbl'>{e(page.title)}</span>. <a href='{site.base}/'>"
                "Tampilkan semua</a></div>")
        more = ("<div class='blogPg' id='blogPager'><a aria-label='Muat lainnya' class='jsLd' "
                f"data-text='Muat lainnya' href='{site.base}/search?updated-max="
                f"{page.posts[-1].date}T09:00:00%2B07:00&amp;max-results=7'></a></div>"
                if page.kind == "home" else "")
        main = (head + "<div class='blogPts'>" + "".join(median_card(p) for p in page.posts)
                + "</div>" + more)
    else:
        main = (f"<article class='ntry ps page'><h1 class='pTtl aTtl sml itm'><span>"
                f"{e(page.title)}</span></h1><div class='pEnt'><div class='pS post-body "
                f"postBody'>{page.body}</div></div></article>")
    popular = "".join(f"<div class='itemPp'>{median_card(p)}</div>"
                      for p in sorted(posts, key=lambda p: -p.view["views"])[:4])
    labels = "".join(f"<li><a aria-label='{lab}' data-text='{lab}' href='{site.base}/search/"
                     f"label/{lab}'></a><span class='n'>"
                     f"{sum(1 for p in posts if lab in p.labels)}</span></li>"
                     for lab in EDITOR_CATEGORIES)
    menu = "".join(f"<li><a href='{site.base}{h}'><span class='n'>{t}</span></a></li>"
                   for t, h in (("Beranda", "/"), ("Profil", "/p/profil.html"),
                                ("Layanan", "/search/label/Layanan"),
                                ("Berita", "/search/label/Berita"),
                                ("Kontak", "/p/kontak.html")))
    ld = ("" if not item else "<script type='application/ld+json'>{\"@context\": \"http://"
          "schema.org\", \"@type\": \"BlogPosting\", \"headline\": \"" + e(page.title)
          + f"\", \"datePublished\": \"{page.date}T09:00:00+07:00\", \"dateModified\": \""
          f"{page.date}T09:00:00+07:00\"}}</script>")
    return f"""<!DOCTYPE html>
<html class='v2' dir='ltr' lang='id'>
<head>
<meta content='width=device-width, initial-scale=1, user-scalable=1, minimum-scale=1, maximum-scale=5' name='viewport'/>
<title>{title}</title>
{blogger_head(page)}
{ld}
</head>
<body class='{'onIndx onHm' if page.kind == 'home' else 'onItm onPs' if item else 'onIndx onMlt'}'>
<input class='navi hidden' id='offNav' type='checkbox'/>
<div class='mainWrp'>
<header class='header' id='header'><div class='headCn'><div class='headD headL'><div class='headIc'><label aria-label='Menu' class='tNav tIc bIc' for='offNav'></label></div><div class='headN'><div class='section' id='header-widget'><div class='widget Header' id='Header1'><div class='headInnr'><h2 class='headH hasSub'><bdi><a class='headTtl' href='{site.base}/'>{e(site.short)}</a></bdi></h2><div class='headSub' data-text='{e(site.tagline)}'></div></div></div></div></div></div><div class='headD headR'><div class='headS'><form action='{site.base}/search' class='srchF' method='get'><input aria-label='Cari' autocomplete='off' name='q' placeholder='Cari artikel...'/></form></div></div></div></header>
<div class='mainIn'>
<div class='mnBrs'><div class='mnMen'><div class='section' id='header-menu'><div class='widget LinkList' id='LinkList000'><ul class='mnMn'>{menu}</ul></div></div></div></div>
<div class='blogCont'><div class='secIn'>
<main class='blogItm mainbar'><div class='section' id='main-widget'><div class='widget Blog' id='Blog1'>
{main}
</div></div></main>
<aside class='blogItm sidebar'><div class='sideIn'><div class='section' id='side-widget'>
<div class='widget PopularPosts' id='PopularPosts00'><h3 class='title dt'>Postingan Populer</h3><div class='itemPp'>{popular}</div></div>
<div class='widget Label' id='Label1'><h3 class='title dt'>Kategori</h3><div class='wL pSml cl'><ul>{labels}</ul></div></div>
</div></div></aside>
</div></div>
</div>
<footer class='footer'><div class='fotIn'><div class='fotCd'><span class='credit'>{footer_text(site)}</span> &#8226; Median UI oleh Jago Desain &#8226; Diberdayakan oleh Blogger</div></div></footer>
</div>
</body>
</html>
"""


# --- WordPress, tagDiv Newspaper theme: a dinas news site whose services are posts -----------


def build_tdnews(site: Site, facts: dict, reg) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html")
    ids = {}
    posts = editor_posts(site, facts, reg,
                         lambda t, d: f"/{d[:4]}/{d[5:7]}/{d[8:10]}/{slugify(t)}/",
                         lambda href: href[1:] + "index.html",
                         lambda href, n: ids.setdefault(href, (f"/?p={1200 + 17 * n}",)))
    for p in posts:
        p.view["id"] = int(ids[p.href][0].rsplit("=", 1)[1])
    for n, (slug, title, body) in enumerate((("profil", "Profil Dinas", new_profile(site)),
                                             ("kontak", "Kontak", contact_body(site)))):
        put(site, "page", slug, title, f"/{slug}/", f"{slug}/index.html", body,
            aliases=(f"/?page_id={30 + n}",), view={"id": 30 + n})
    home.posts = posts[:8]
    for cat in EDITOR_CATEGORIES:
        slug = cat.lower()
        cp = put(site, "listing", f"category:{slug}", cat, f"/category/{slug}/",
                 f"category/{slug}/index.html")
        cp.posts = [p for p in posts if cat in p.labels]


def td_module(page: Page, size: str = "td_module_10") -> str:
    """A post as a Newspaper block module: category, title, date, excerpt."""
    site, cat = page.site, page.labels[0]
    text = " ".join(re.sub(r"<[^>]+>", " ", page.body).split())
    return (f'<div class="{size} td_module_wrap td-animation-stack"><div class="td-module-thumb">'
            f'<a href="{site.base}{page.href}" rel="bookmark" class="td-image-wrap" title="'
            f'{e(page.title)}"><img class="entry-thumb" src="{site.base}/wp-content/uploads/'
            f'{page.date[:4]}/{page.date[5:7]}/img-{page.view["id"]}-218x150.jpg" alt="" '
            f'width="218" height="150"></a></div><div class="item-details"><h3 class="entry-title'
            f' td-module-title"><a href="{site.base}{page.href}" rel="bookmark" title="'
            f'{e(page.title)}">{e(page.title)}</a></h3><div class="td-module-meta-info"><a '
            f'href="{site.base}/category/{cat.lower()}/" class="td-post-category">{cat}</a>'
            f'<span class="td-post-date"><time class="entry-date updated td-module-date" '
            f'datetime="{page.date}T08:15:00+07:00">{tanggal(page.date)}</time></span></div>'
            f'<div class="td-excerpt">{e(" ".join(text.split()[:25]))}...</div></div></div>')


def render_tdnews(page: Page) -> str:
    site = page.site
    posts = sorted((p for p in site.pages if p.kind in ("service", "news")),
                   key=lambda p: p.date, reverse=True)
    item = page.kind in ("service", "news")
    if item:
        cat = page.labels[0]
        pid = page.view["id"]
        related = [p for p in posts if cat in p.labels and p is not page][:3]
        main = (f'<div class="td-crumb-container"><div class="entry-crumbs"><span><a title="" '
                f'class="entry-crumb" href="{site.base}/">Beranda</a></span> <i class="td-icon-'
                f'right td-bread-sep"></i> <span><a title="Lihat semua kiriman di {cat}" class="'
                f'entry-crumb" href="{site.base}/category/{cat.lower()}/">{cat}</a></span></div>'
                f'</div><article id="post-{pid}" class="post-{pid} post type-post status-publish '
                f'format-standard has-post-thumbnail category-{cat.lower()}" itemscope itemtype='
                f'"https://schema.org/Article"><div class="td-post-header"><ul class="td-category">'
                f'<li class="entry-category"><a href="{site.base}/category/{cat.lower()}/">{cat}'
                f'</a></li></ul><header class="td-post-title"><h1 class="entry-title">'
                f'{e(page.title)}</h1><div class="td-module-meta-info"><div class="td-post-author-'
                f'name"><div class="td-author-by">Oleh</div> <span class="td-author-name">'
                f'Humas Dinsos</span><div class="td-author-line"> - </div></div><span class="td-post-'
                f'date"><time class="entry-date updated td-module-date" datetime="{page.date}'
                f'T08:15:00+07:00">{tanggal(page.date)}</time></span><div class="td-post-views">'
                f'<i class="td-icon-views"></i><span class="td-nr-views-{pid}">'
                f'{page.view["views"]}</span></div></div></header></div><div class="td-post-'
                f'sharing-top"><div class="td-default-sharing"><a class="td-social-sharing-'
                f'buttons td-social-facebook" href="https://www.facebook.com/sharer.php?u='
                f'{site.base}{page.href}">Facebook</a><a class="td-social-sharing-buttons td-'
                f'social-whatsapp" href="whatsapp://send?text={e(page.title)}">WhatsApp</a></div>'
                f'</div><div class="td-post-content tagdiv-type">{page.body}</div><footer><div '
                f'class="td-post-source-tags"><ul class="td-tags td-post-small-box clearfix"><li>'
                f'<span>TAGS</span></li><li><a href="{site.base}/category/{cat.lower()}/">{cat}'
                f'</a></li></ul></div><div class="td-block-row td-post-next-prev"></div><div '
                'class="td-author-name-wrap"><div class="td-author-description">Humas Dinas '
                'Sosial Kota Jambi</div></div></footer></article><div class="td_block_wrap td_'
                'block_related_posts"><h4 class="td-related-title"><a class="td-related-left td-'
                'cur-simple-item" href="#">ARTIKEL TERKAIT</a><a class="td-related-right" href='
                '"#">LEBIH BANYAK DARI PENULIS</a></h4><div class="td_block_inner">'
                + "".join(td_module(p, "td_module_related_posts") for p in related)
                + '</div></div><div class="comments" id="comments"><div id="respond" class="'
                'comment-respond"><h4 class="comment-reply-title">TINGGALKAN KOMENTAR</h4><form '
                'action="/wp-comments-post.php" method="post" id="commentform"><textarea name="'
                'comment"></textarea><input name="submit" type="submit" value="Kirim Komentar">'
                '</form></div></div>')
    elif page.kind in ("home", "listing"):
        head = ("" if page.kind == "home" else f'<div class="td-category-header"><h1 class="'
                f'entry-title td-page-title">{e(page.title)}</h1></div>')
        main = head + "".join(td_module(p) for p in page.posts)
    else:
        main = (f'<div class="td-page-header"><h1 class="entry-title td-page-title"><span>'
                f'{e(page.title)}</span></h1></div><div class="td-page-content tagdiv-type">'
                f"{page.body}</div>")
    latest = "".join(td_module(p, "td_module_6") for p in posts[:5])
    trending = "".join(f'<div class="td-trending-now-post"><a class="td-trending-now-title" '
                       f'href="{site.base}{p.href}">{e(p.title)}</a></div>' for p in posts[:4])
    menu = "".join(f'<li class="menu-item"><a href="{site.base}{h}">{t}</a></li>' for t, h in (
        ("Beranda", "/"), ("Profil", "/profil/"), ("Layanan", "/category/layanan/"),
        ("Berita", "/category/berita/"), ("Pengumuman", "/category/pengumuman/"),
        ("Kontak", "/kontak/")))
    title = (f"{e(site.short)} &#8211; {e(site.tagline)}" if page.kind == "home"
             else f"{e(page.title)} | {e(site.short)}")
    shortlink = (f'<link rel="shortlink" href="{site.base}/?p={page.view["id"]}" />' if item
                 else "")
    return f"""<!doctype html >
<html lang="id-ID">
<head>
<title>{title}</title>
<meta charset="UTF-8" />
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="canonical" href="{site.base}{page.href}" />
{shortlink}
<link rel='stylesheet' id='td-theme-css' href='{site.base}/wp-content/themes/Newspaper/style.css?ver=12.6.1' type='text/css' media='all' />
<meta name="generator" content="WordPress 6.4.5" />
</head>
<body class="{'home' if page.kind == 'home' else 'post-template-default single single-post' if item else 'archive category'} td-standard-pack global-block-template-1 td-full-layout">
<div class="td-scroll-up"><i class="td-icon-menu-up"></i></div>
<div id="td-outer-wrap" class="td-theme-wrap">
<div class="td-header-wrap td-header-style-1"><div class="td-header-top-menu-full td-container-wrap"><div class="td-container td-header-row td-header-top-menu"><div class="top-bar-style-1"><div class="td-header-sp-top-menu"><div class="td_data_time">{tanggal("2025-04-14")}</div></div></div></div></div>
<div class="td-banner-wrap-full td-logo-wrap-full td-container-wrap"><div class="td-container td-header-row td-header-header"><div class="td-header-sp-logo"><h1 class="td-logo"><a class="td-main-logo" href="{site.base}/"><span class="td-visual-hidden">{e(site.short)}</span></a></h1></div></div></div>
<div class="td-header-menu-wrap-full td-container-wrap"><div class="td-header-menu-wrap td-header-gradient"><div class="td-container td-header-row td-header-main-menu"><div id="td-header-menu" role="navigation"><div class="menu-menu-utama-container"><ul id="menu-menu-utama-1" class="sf-menu">{menu}</ul></div></div></div></div></div></div>
<div class="td-container td-trending-now-wrapper"><div class="td-trending-now-display-area"><span class="block-title td-trending-now-title">Trending Now</span>{trending}</div></div>
<div class="td-main-content-wrap td-container-wrap"><div class="td-container td-post-template-default"><div class="td-pb-row">
<div class="td-pb-span8 td-main-content" role="main"><div class="td-ss-main-content">
{main}
</div></div>
<div class="td-pb-span4 td-main-sidebar" role="complementary"><div class="td-ss-main-sidebar"><div class="td_block_wrap td_block_9 td_block_widget"><div class="td-block-title-wrap"><h4 class="block-title"><span class="td-pulldown-size">Berita Terbaru</span></h4></div><div class="td_block_inner">{latest}</div></div></div></div>
</div></div></div>
<div class="td-footer-page td-footer-container td-container-wrap"><div class="td-sub-footer-container td-container-wrap"><div class="td-container"><div class="td-pb-row"><div class="td-pb-span td-sub-footer-copy">{footer_text(site)} &copy; Newspaper WordPress Theme by TagDiv</div></div></div></div></div>
</div>
</body>
</html>
"""
# Service details behind a button (issue #11): two kelurahan apps whose service table gives
# no service a URL of its own, as many OPD admin templates do. Ports 8759 and 8760.
# - Kelurahan Pinang Merah, CodeIgniter 3 + AdminLTE 3: ``/layanan`` is a table whose "Detail"
#   buttons open Bootstrap 4 modals. Three buttons carry the service in data attributes
#   (``data-toggle="modal" data-target="#modalDetail" data-nama=... data-syarat=...``) that a
#   ``show.bs.modal`` handler copies into one empty modal; three open a hidden modal of their
#   own, written into the page (``<div class="modal fade" id="modal-21">`` with the details).
# - Kelurahan Kenali Asam, Laravel 10 + Stisla: ``/layanan`` is a DataTables server-side
#   table (Yajra's answer: objects with ``id``, ``DT_RowId``, ``DT_RowIndex``) whose last
#   column ``render``s ``<button onclick="detail(' + row.id + ')">``; ``detail(id)`` loads
#   ``$.get(base_url + '/layanan/detail/' + id)``, an HTML fragment (a Blade partial, no
#   ``<html>``), into the modal.
# Where sikoja should store a service without a page of its own (one convention, that of
# ``crawler.extract.jsonlist.record_url`` and ``document.panel_services``): at the detail
# endpoint's URL when a GET of it returns the details (Kenali Asam's fragments); else at the
# listing's URL + "#" + the element id the page gives the details (a hidden modal's id, as a
# tab panel's), else + "#" + the slug of the service's name (data attributes only).
# ---------------------------------------------------------------------------------------------

SITES += [
    Site("kel-pinangmerah", "Kelurahan Pinang Merah", "SIPEKA Kelurahan Pinang Merah", "cimodal",
         58, "Sistem Informasi Pelayanan Kelurahan Pinang Merah",
         "Kantor Lurah Pinang Merah, Kota Jambi",
         "adalah kelurahan pemekaran 2023 di Kota Jambi yang melayani surat "
         "keterangan, pengantar kependudukan dan usulan program bagi warga",
         labels="d", place="Kantor Lurah Pinang Merah, Kota Jambi", color="#3c8dbc"),
    Site("kel-kenaliasam", "Kelurahan Kenali Asam", "Layanan Kelurahan Kenali Asam",
         "lvmodal", 59, "Pelayanan Kelurahan Kenali Asam",
         "Kantor Lurah Kenali Asam, Kec. Kota Baru, Kota Jambi",
         "adalah kelurahan pemekaran 2023 di Kecamatan Kota Baru yang melayani administrasi "
         "warga dan meneruskan usulan program ke kecamatan dan dinas",
         labels="b", place="Kantor Lurah Kenali Asam, Kec. Kota Baru", color="#6777ef"),
]
SITE.update({s.name: s for s in SITES})
FAMILY.update({"cimodal": "ci3-adminlte-modal", "lvmodal": "laravel-stisla-ajax-modal"})

# (fact index, site, id, title, intro, overrides): Pinang Merah's id "" is a data-attribute
# button, a number a hidden modal ``#modal-<id>``; Kenali Asam's id is its database id
SERVICES.update({
    "pg_sktm": (67, "kel-pinangmerah", "", "Surat Keterangan Tidak Mampu (SKTM)",
                "Keterangan dari lurah bagi keluarga kurang mampu di Pinang Merah, untuk "
                "keringanan biaya sekolah, berobat atau syarat bantuan sosial.", {}),
    "pg_domisili": (66, "kel-pinangmerah", "", "Surat Keterangan Domisili",
                    "Keterangan tempat tinggal warga, usaha atau lembaga yang berada di "
                    "wilayah Kelurahan Pinang Merah.", {}),
    "pg_kampung": (68, "kel-pinangmerah", "", "Usulan Kegiatan Kampung Bahagia",
                   "Ketua RT mengajukan kegiatan lingkungan yang dibiayai dana Kampung Bahagia "
                   "melalui musyawarah kelurahan.", {}),
    "pg_dtks": (40, "kel-pinangmerah", "21", "Usulan Pendataan Keluarga Miskin (DTKS/DTSEN)",
                "Keluarga yang belum terdata diusulkan lewat musyawarah kelurahan agar "
                "masuk data penerima bantuan sosial.", {}),
    "pg_kk": (4, "kel-pinangmerah", "22", "Pengantar Perubahan Kartu Keluarga",
              "Pengantar lurah untuk menambah anggota keluarga, pecah KK atau membetulkan data "
              "Kartu Keluarga di Disdukcapil.", {"online": None}),
    "pg_kematian": (7, "kel-pinangmerah", "23", "Surat Keterangan Kematian",
                    "Keluarga melaporkan warga yang meninggal dunia; keterangan lurah menjadi "
                    "syarat akta kematian dan santunan.", {"cost": GRATIS_ADMINDUK}),
    "ka_pindah": (9, "kel-kenaliasam", "3", "Pengantar Pindah Keluar",
                  "Pengantar kelurahan bagi warga Kenali Asam yang pindah ke luar Kota Jambi, "
                  "sebelum SKPWNI diterbitkan Disdukcapil.", {"online": None}),
    "ka_ktp": (0, "kel-kenaliasam", "5", "Pengantar Perekaman KTP-el",
               "Pengantar bagi warga yang genap 17 tahun atau sudah menikah untuk merekam "
               "KTP-el di kecamatan atau Disdukcapil.", {"online": None, "cost": "Gratis"}),
    "ka_sktm": (67, "kel-kenaliasam", "8", "Surat Keterangan Tidak Mampu",
                "SKTM bagi keluarga prasejahtera Kenali Asam untuk keringanan biaya sekolah "
                "dan berobat.", {}),
    "ka_domisili": (66, "kel-kenaliasam", "11", "Surat Keterangan Domisili",
                    "Keterangan tempat tinggal bagi warga baru, pendatang atau badan usaha di "
                    "Kenali Asam.", {}),
    "ka_rtlh": (60, "kel-kenaliasam", "14", "Usulan Bedah Rumah Tidak Layak Huni",
                "Kelurahan meneruskan usulan RT bagi rumah warga yang tidak layak huni ke "
                "Dinas Perkim untuk bantuan bedah rumah.", {}),
    "ka_kampung": (68, "kel-kenaliasam", "17", "Usulan Program Kampung Bahagia",
                   "Usulan kegiatan RT, seperti semenisasi jalan dan drainase, yang dibiayai "
                   "dana Kampung Bahagia.", {}),
})


def kelurahan_pages(site: Site, list_title: str) -> tuple[Page, Page]:
    """The four pages both kelurahan apps have: (home, the service list at /layanan)."""
    home = put(site, "home", "home", site.short, "/", "index.html")
    put(site, "page", "profil", "Profil Kelurahan", "/profil", "profil.html", new_profile(site))
    lay = put(site, "listing", "list-layanan", list_title, "/layanan", "layanan.html")
    put(site, "page", "kontak", "Kontak", "/kontak", "kontak.html", contact_body(site))
    return home, lay


def kelurahan_menu(page: Page) -> str:
    by_key = {p.key: p for p in page.site.pages}
    return "".join(f'<li class="nav-item">{a(by_key[k].href, label, class_="nav-link")}</li>'
                   for k, label in (("home", "Beranda"), ("profil", "Profil"),
                                    ("list-layanan", "Layanan"), ("kontak", "Kontak")))


def modal_items(items: list[str]) -> str:
    """A list as a CodeIgniter view prints a text column into an attribute: numbered lines."""
    return "\n".join(f"{n}. {item}" for n, item in enumerate(items, 1))


def build_cimodal(site: Site, facts: dict, reg) -> None:
    home, lay = kelurahan_pages(site, "Daftar Layanan Kelurahan")
    rows, modals = [], []
    for n, (key, (_i, _s, ident, title, intro, _o)) in enumerate(own_services(site), 1):
        f = facts[key]
        if ident:  # a hidden modal of its own, written into the page
            button = (f'<button type="button" class="btn btn-info btn-sm" data-toggle="modal" '
                      f'data-target="#modal-{ident}"><i class="fas fa-eye"></i> Detail</button>')
            modals.append(
                f'<div class="modal fade" id="modal-{ident}" tabindex="-1" role="dialog" '
                'aria-hidden="true"><div class="modal-dialog modal-lg" role="document">'
                '<div class="modal-content"><div class="modal-header">'
                f'<h5 class="modal-title">{e(title)}</h5><button type="button" class="close" '
                'data-dismiss="modal" aria-label="Close"><span aria-hidden="true">&times;'
                '</span></button></div><div class="modal-body">'
                + ci_service_body(site, intro, f, "table table-sm table-bordered")
                + '</div><div class="modal-footer"><button type="button" class="btn '
                'btn-secondary" data-dismiss="modal">Tutup</button></div></div></div></div>')
            href = f"/layanan#modal-{ident}"
        else:  # the button carries the service: the handler below fills one modal with it
            attrs = {"nama": title, "keterangan": intro,
                     "syarat": modal_items(f.requirements),
                     "prosedur": modal_items(f.procedure), "waktu": f.duration or "-",
                     "biaya": f.cost or "-", "dasar-hukum": f.legal_basis or "-"}
            data = " ".join(f'data-{k}="{e(v)}"' for k, v in attrs.items())
            button = (f'<button type="button" class="btn btn-info btn-sm btn-detail" '
                      f'data-toggle="modal" data-target="#modalDetail" {data}>'
                      '<i class="fas fa-eye"></i> Detail</button>')
            href = f"/layanan#{slugify(title)}"
        rows.append(f"<tr><td>{n}</td><td>{e(title)}</td><td>{button}</td></tr>")
        reg(Page(site, "service", key, title, href, "layanan.html", summary=intro), key)
    fields = (("nama", "Nama Layanan"), ("keterangan", "Keterangan"), ("syarat", "Persyaratan"),
              ("prosedur", "Prosedur"), ("waktu", "Waktu Penyelesaian"), ("biaya", "Biaya"),
              ("dasarHukum", "Dasar Hukum"))
    modals.append(
        '<div class="modal fade" id="modalDetail" tabindex="-1" role="dialog" aria-hidden="true">'
        '<div class="modal-dialog modal-lg" role="document"><div class="modal-content">'
        '<div class="modal-header"><h5 class="modal-title">Detail Layanan</h5><button '
        'type="button" class="close" data-dismiss="modal">&times;</button></div>'
        '<div class="modal-body"><table class="table table-sm table-bordered">'
        + "".join(f'<tr><th style="width:30%">{label}</th><td id="d-{name}"></td></tr>'
                  for name, label in fields)
        + "</table></div></div></div></div>")
    script = ("<script>\n$('#modalDetail').on('show.bs.modal', function (event) {\n"
              "    var button = $(event.relatedTarget);\n    var modal = $(this);\n"
              "    modal.find('.modal-title').text(button.data('nama'));\n"
              + "".join(f"    modal.find('#d-{name}').html(String(button.data('{name}'))"
                        ".replace(/\\n/g, '<br>'));\n" for name, _label in fields)
              + "});\n</script>")
    lay.body = ('<p>Klik tombol <b>Detail</b> untuk melihat persyaratan, prosedur dan biaya '
                'setiap layanan.</p><table id="example1" class="table table-bordered '
                'table-striped"><thead><tr><th style="width:5%">No</th><th>Nama Layanan</th>'
                '<th style="width:12%">Aksi</th></tr></thead><tbody>' + "".join(rows)
                + "</tbody></table>")
    lay.view = {"modals": "\n".join(modals), "script": script}
    home.body = (f"<p>Selamat datang di {e(site.short)}. Warga dapat melihat persyaratan "
                 "layanan sebelum datang ke kantor lurah.</p>"
                 f'<p>{a(lay.href, "Lihat Daftar Layanan", class_="btn btn-primary")}</p>')
    site.extra_files["assets/plugins/jquery/jquery.min.js"] = b"/*! jQuery v3.6.0 (subset) */\n"
    site.extra_files["assets/plugins/bootstrap/js/bootstrap.bundle.min.js"] = (
        b"/*! Bootstrap v4.6.1 (subset) */\n")
    site.extra_files["assets/dist/js/adminlte.min.js"] = b"/*! AdminLTE v3.2.0 (subset) */\n"


def render_cimodal(page: Page) -> str:
    site = page.site
    menu = kelurahan_menu(page)
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(page.title)} | {e(site.short)}</title>
<link rel="stylesheet" href="/assets/dist/css/adminlte.min.css">
<script src="/assets/plugins/jquery/jquery.min.js"></script>
</head>
<body class="hold-transition layout-top-nav">
<div class="wrapper">
<nav class="main-header navbar navbar-expand-md navbar-light navbar-white"><div class="container">
<a href="/" class="navbar-brand"><span class="brand-text font-weight-light">{e(site.short)}</span></a>
<ul class="navbar-nav">{menu}</ul></div></nav>
<div class="content-wrapper">
<div class="content-header"><div class="container"><h1 class="m-0 text-dark">{e(page.title)}</h1></div></div>
<div class="content"><div class="container"><div class="card card-primary card-outline"><div class="card-body">
{page.body}
</div></div></div></div>
</div>
<footer class="main-footer"><div class="container"><strong>{footer_text(site)}</strong> <span class="float-right d-none d-sm-inline">Page rendered in <strong>0.0187</strong> seconds. CodeIgniter Version <strong>3.1.11</strong></span></div></footer>
</div>
{page.view.get("modals", "")}
<script src="/assets/plugins/bootstrap/js/bootstrap.bundle.min.js"></script>
<script src="/assets/dist/js/adminlte.min.js"></script>
{page.view.get("script", "")}
</body>
</html>
"""


NEW_BUILD.update({"median": build_median, "tdnews": build_tdnews})
RENDER.update({"median": render_median, "tdnews": render_tdnews})
CSS.update({"median": ("favicon.ico", ""),
            "tdnews": ("wp-content/themes/Newspaper/style.css",
                       ".td-pb-span8{width:66.6%}.td-pb-span4{width:33.3%}")})


def kenali_fragment(site: Site, title: str, intro: str, f: ServiceFacts) -> str:
    """The Blade partial ``/layanan/detail/{id}`` answers: no page around it."""
    return (f'<div class="detail-layanan"><h5 class="mb-3">{e(title)}</h5>\n'
            + ci_service_body(site, intro, f, "table table-sm table-bordered") + "\n</div>\n")


def build_lvmodal(site: Site, facts: dict, reg) -> None:
    home, lay = kelurahan_pages(site, "Layanan")
    rows = []
    for n, (key, (_i, _s, ident, title, intro, _o)) in enumerate(own_services(site), 1):
        rel = f"layanan/detail-{ident}.html"
        site.extra_files[rel] = kenali_fragment(site, title, intro, facts[key]).encode()
        site.routes[route_key(f"/layanan/detail/{ident}", "")] = rel
        reg(Page(site, "service", key, title, f"/layanan/detail/{ident}", rel,
                 summary=intro), key)
        rows.append({"id": int(ident), "nama_layanan": title,
                     "kategori": "Kependudukan" if SERVICES[key][0] < 17 else "Umum",
                     "created_at": "2024-02-19T03:11:52.000000Z", "DT_RowId": f"row_{ident}",
                     "DT_RowIndex": n})
    answer = {"draw": 1, "recordsTotal": len(rows), "recordsFiltered": len(rows), "data": rows,
              "input": {"draw": "1", "start": "0", "length": "10"}}
    site.extra_files["layanan/datatable.json"] = json.dumps(answer).encode()
    site.routes[route_key("/layanan/datatable", "draw=1&start=0&length=10")] = (
        "layanan/datatable.json")
    lay.body = (
        '<div class="table-responsive"><table class="table table-striped" id="table-layanan">'
        "<thead><tr><th>No</th><th>Nama Layanan</th><th>Kategori</th><th>Aksi</th></tr>"
        "</thead></table></div>")
    lay.view = {"script": (
        f'<script>\nvar base_url = "{site.base}";\n$(function () {{\n'
        "    $('#table-layanan').DataTable({\n        processing: true,\n"
        f'        serverSide: true,\n        ajax: "{site.base}/layanan/datatable",\n'
        "        columns: [\n"
        "            { data: 'DT_RowIndex', orderable: false, searchable: false },\n"
        "            { data: 'nama_layanan' },\n            { data: 'kategori' },\n"
        "            { data: 'id', orderable: false, render: function (data, type, row) {\n"
        "                return '<button type=\"button\" class=\"btn btn-primary btn-sm\" "
        "onclick=\"detail(' + row.id + ')\"><i class=\"fas fa-eye\"></i> Detail</button>';\n"
        "            } }\n        ]\n    });\n});\n"
        "function detail(id) {\n"
        "    $.get(base_url + '/layanan/detail/' + id, function (html) {\n"
        "        $('#modal-detail .modal-body').html(html);\n"
        "        $('#modal-detail').modal('show');\n    });\n}\n</script>"),
        "modals": ('<div class="modal fade" tabindex="-1" role="dialog" id="modal-detail">'
                   '<div class="modal-dialog modal-lg" role="document"><div class="modal-content">'
                   '<div class="modal-header"><h5 class="modal-title">Detail Layanan</h5>'
                   '<button type="button" class="close" data-dismiss="modal">&times;</button>'
                   '</div><div class="modal-body"></div></div></div></div>')}
    home.body = (f'<div class="hero bg-primary text-white"><h2>{e(site.short)}</h2>'
                 "<p>Cek persyaratan layanan sebelum datang ke kantor lurah.</p>"
                 f'{a(lay.href, "Lihat Layanan", class_="btn btn-outline-white btn-lg")}</div>')
    for rel in ("assets/modules/jquery.min.js", "assets/modules/datatables/datatables.min.js",
                "assets/modules/bootstrap/js/bootstrap.min.js", "assets/js/stisla.js",
                "assets/modules/bootstrap/css/bootstrap.min.css",
                "assets/modules/datatables/datatables.min.css"):
        site.extra_files[rel] = f"/* {rel.rsplit('/', 1)[-1]} (subset) */\n".encode()


def render_lvmodal(page: Page) -> str:
    site = page.site
    menu = kelurahan_menu(page)
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="UTF-8">
<meta content="width=device-width, initial-scale=1, maximum-scale=1, shrink-to-fit=no" name="viewport">
<meta name="csrf-token" content="Xb8rQ2kVt1mZpL0aN4cD7eF9gH3jK5lM6nO8pQ0r">
<title>{e(page.title)} &mdash; {e(site.short)}</title>
<link rel="stylesheet" href="/assets/modules/bootstrap/css/bootstrap.min.css">
<link rel="stylesheet" href="/assets/modules/datatables/datatables.min.css">
<link rel="stylesheet" href="/assets/css/style.css">
</head>
<body class="layout-3">
<div id="app"><div class="main-wrapper container">
<nav class="navbar navbar-expand-lg main-navbar"><a href="/" class="navbar-brand sidebar-gone-hide">{e(site.short)}</a></nav>
<nav class="navbar navbar-secondary navbar-expand-lg"><div class="container"><ul class="navbar-nav">{menu}</ul></div></nav>
<div class="main-content"><section class="section">
<div class="section-header"><h1>{e(page.title)}</h1></div>
<div class="section-body"><div class="card"><div class="card-body">
{page.body}
</div></div></div>
</section></div>
<footer class="main-footer"><div class="footer-left">{footer_text(site)} &middot; Copyright &copy; 2025</div></footer>
</div></div>
{page.view.get("modals", "")}
<script src="/assets/modules/jquery.min.js"></script>
<script src="/assets/modules/bootstrap/js/bootstrap.min.js"></script>
<script src="/assets/modules/datatables/datatables.min.js"></script>
<script src="/assets/js/stisla.js"></script>
{page.view.get("script", "")}
</body>
</html>
"""


NEW_BUILD.update({"cimodal": build_cimodal, "lvmodal": build_lvmodal})
RENDER.update({"cimodal": render_cimodal, "lvmodal": render_lvmodal})
CSS["cimodal"] = ("assets/dist/css/adminlte.min.css", "/*! AdminLTE v3.2.0 (subset) */"
                  ".content-wrapper{background:#f4f6f9}")
CSS["lvmodal"] = ("assets/css/style.css", "/* Stisla 2.2.0 (subset) */.main-content{padding:20px}")


# ---------------------------------------------------------------------------------------------
# JSON apps whose keys are not ours (issue #11): on independent Kota Jambi sites the apps that
# draw their services from JSON name the fields as their developer pleased, nest them as their
# framework does and hold lists in every shape. Two families written before any crawler
# change for them:
# - "strapigql" (SIMPEL Dukcapil): a Nuxt front end over Strapi v4's GraphQL plugin, read with
#   Apollo's persisted GET queries (``/graphql?operationName=...``). The answer nests the
#   collection as GraphQL does, ``{data: {layanans: {data: [{id, attributes: {...}}]}}}``;
#   keys are camelCase Indonesian (``namaLayanan``, ``persyaratanLayanan``, ``pungutan``,
#   ``unitPelaksana``, ``lamaProses``), requirements a repeatable component whose items carry
#   ``__typename`` beside their text, the procedure rich text from the CKEditor field. Beside
#   the services the app reads news and the officials' profiles from the same endpoint (the
#   profile route is linked from nowhere: only the bundle names the officials' query).
# - "nghash" (SIPANDA BPPRD): an Angular app (``useHash: true``, services at
#   ``/#/services/<id>``) over a Laravel API resource collection with English and opaque keys
#   imported from the tax office's spreadsheet (``service_name``, ``col1``, ``field_2``,
#   ``info``, ``sla``, ``deskripsi2``), paginated four records a page (``links.next``); lists
#   are one string each, ";"-separated or numbered on one line; a service's detail view
#   reads it again from ``/api/v1/services/<id>``. Announcements and the downloadable forms
#   come from their own endpoints.
# Ports 8761 and 8762 (offsets 60-61).
# ---------------------------------------------------------------------------------------------

SITES += [
    Site("simpel-dukcapil", "Dinas Kependudukan dan Pencatatan Sipil Kota Jambi",
         "SIMPEL Dukcapil Kota Jambi", "strapigql", 60,
         "Sistem Informasi Pelayanan Kependudukan Kota Jambi", KOMPLEK,
         "menyajikan informasi persyaratan dan alur layanan administrasi kependudukan Kota Jambi",
         place="Kantor Disdukcapil Kota Jambi dan loket Disdukcapil di Mal Pelayanan Publik "
         "(MPP) Kota Jambi", color="#1e3a8a"),
    Site("sipanda-bpprd", "Badan Pengelola Pajak dan Retribusi Daerah Kota Jambi",
         "SIPANDA BPPRD Kota Jambi", "nghash", 61, "Sistem Informasi Pajak Daerah Kota Jambi",
         "Kompleks Perkantoran Wali Kota Jambi, Jl. Basuki Rahmat, Kotabaru, Kota Jambi",
         "menyajikan layanan pajak bumi dan bangunan, BPHTB dan pajak daerah lainnya",
         place="Kantor BPPRD Kota Jambi, Kompleks Perkantoran Wali Kota Jambi, Jl. Basuki "
         "Rahmat, Kotabaru; loket BPPRD di MPP Kota Jambi", color="#14532d"),
]
SITE.update({s.name: s for s in SITES})
FAMILY.update({"strapigql": "spa-strapi-graphql", "nghash": "angular-hash-opaque"})

# (fact index, site, slug or id, title, intro, overrides)
SERVICES.update({
    "sd_kk": (3, "simpel-dukcapil", "kartu-keluarga-baru", "Pembuatan Kartu Keluarga Baru",
              "KK baru bagi pasangan yang baru menikah, penduduk yang pindah datang atau yang "
              "memisahkan diri dari KK orang tuanya.", {}),
    "sd_lahir": (6, "simpel-dukcapil", "akta-kelahiran", "Pengurusan Akta Kelahiran",
                 "Setiap kelahiran dicatat dan diterbitkan kutipan akta kelahiran, paling "
                 "baik dilaporkan sebelum bayi berumur 60 hari.", {}),
    "sd_mati": (7, "simpel-dukcapil", "akta-kematian", "Pengurusan Akta Kematian",
                "Keluarga melaporkan kematian warga agar diterbitkan akta kematian dan data "
                "KK serta status KTP pasangan diperbarui.", {}),
    "sd_kia": (8, "simpel-dukcapil", "kartu-identitas-anak", "Kartu Identitas Anak",
               "Kartu identitas bagi anak di bawah 17 tahun, dipakai untuk sekolah, berobat "
               "dan membuka tabungan.", {"duration": "1 hari kerja"}),
    "sd_pindah": (9, "simpel-dukcapil", "pindah-keluar", "Surat Pindah ke Luar Kota Jambi",
                  "Warga yang pindah domisili ke luar Kota Jambi mengurus Surat Keterangan "
                  "Pindah WNI sebelum berangkat.", {"duration": "1 hari kerja"}),
    "sd_ikd": (14, "simpel-dukcapil", "ktp-digital", "Aktivasi KTP Digital (IKD)",
               "KTP-el dipindahkan ke ponsel sebagai Identitas Kependudukan Digital, dibantu "
               "petugas saat warga mengurus dokumen.", {"duration": "10 menit"}),
    "sp_cek": (27, "sipanda-bpprd", "101", "PBB Bill Check / Cek Tagihan PBB",
               "Wajib pajak dapat mengetahui besar tagihan dan tunggakan PBB-P2 dengan "
               "menyebutkan NOP.", {}),
    "sp_mutasi": (28, "sipanda-bpprd", "102", "Balik Nama SPPT PBB",
                  "SPPT PBB-P2 dibalik nama ke pemilik baru setelah jual beli, hibah atau "
                  "waris.", {}),
    "sp_betul": (29, "sipanda-bpprd", "103", "Pembetulan Data SPPT PBB",
                 "Kesalahan nama, alamat, luas tanah atau bangunan pada SPPT dibetulkan atas "
                 "permohonan wajib pajak.", {}),
    "sp_keberatan": (30, "sipanda-bpprd", "104", "Pengajuan Keberatan PBB",
                     "Wajib pajak yang tidak setuju dengan besar PBB yang ditetapkan dapat "
                     "mengajukan keberatan tertulis.", {}),
    "sp_baru": (31, "sipanda-bpprd", "105", "Pendaftaran Objek PBB Baru",
                "Tanah atau bangunan yang belum punya SPPT didaftarkan agar terbit NOP dan "
                "SPPT PBB-P2.", {"duration": "14 hari kerja"}),
    "sp_bphtb": (32, "sipanda-bpprd", "106", "Validasi BPHTB Jual Beli Tanah",
                 "Bea perolehan hak atas tanah dan bangunan divalidasi sebelum akta jual beli "
                 "ditandatangani di PPAT.", {"duration": "3 hari kerja"}),
    "sp_resto": (33, "sipanda-bpprd", "107", "Pajak Restoran dan Rumah Makan",
                 "Pemilik restoran, rumah makan dan kafe mendaftarkan usahanya dan melapor "
                 "omzet setiap bulan.", {}),
})

SIMPEL_NEWS = [
    ("jemput-bola-rekam-ktp-di-sma", "2025-09-10", "Jemput Bola Perekaman KTP-el di SMA",
     "<p>Petugas Disdukcapil merekam KTP-el 300 pelajar yang genap 17 tahun di SMA Negeri 5 "
     "Kota Jambi.</p><p>Pelajar cukup membawa fotokopi Kartu Keluarga.</p>"),
    ("layanan-sabtu-di-mpp", "2025-10-04", "Loket Disdukcapil di MPP Buka Hari Sabtu",
     "<p>Mulai Oktober loket Disdukcapil di Mal Pelayanan Publik melayani KK, KIA dan akta "
     "kelahiran pada hari Sabtu pukul 08.00-12.00 WIB.</p>"),
]
SIMPEL_OFFICIALS = [("Drs. H. Nirwana, M.Si", "Kepala Dinas"),
                    ("Rahmat Hidayat, S.STP", "Sekretaris"),
                    ("Yuliana, S.Kom", "Kepala Bidang Pelayanan Pendaftaran Penduduk")]

STRAPIGQL_QUERIES = {
    "layanan": "operationName=DaftarLayanan&variables=%7B%22limit%22%3A100%7D",
    "berita": "operationName=DaftarBerita&variables=%7B%22limit%22%3A6%7D",
    "pejabat": "operationName=ProfilPejabat&variables=%7B%7D",
}
STRAPIGQL_BUNDLE = ("_nuxt/entry.3f9a1c2e.js", """import{d as k,u as x,o as s,c as p,F as m,r as f,a as l,t as g}from"./runtime-core.esm-bundler.6c1d2f4b.js";
const L=()=>fetch("/graphql?""" + STRAPIGQL_QUERIES["layanan"] + """",{headers:{Accept:"application/json"}}).then(e=>e.json()),
B=()=>fetch("/graphql?""" + STRAPIGQL_QUERIES["berita"] + """",{headers:{Accept:"application/json"}}).then(e=>e.json()),
P=()=>fetch("/graphql?""" + STRAPIGQL_QUERIES["pejabat"] + """",{headers:{Accept:"application/json"}}).then(e=>e.json());
const Daftar=k({setup(){const e=x([]);return L().then(t=>{e.value=t.data.layanans.data}),()=>(s(),p("ul",{class:"daftar-layanan"},[(s(!0),p(m,null,f(e.value,t=>(s(),p("li",{key:t.id},[l("a",{href:"/layanan/"+t.attributes.slug},g(t.attributes.namaLayanan),9)]))),128))]))}});
const Berita=k({setup(){const e=x([]);return B().then(t=>{e.value=t.data.beritas.data}),()=>(s(),p("ul",null,[(s(!0),p(m,null,f(e.value,t=>(s(),p("li",{key:t.id},[l("a",{href:"/berita/"+t.attributes.slug},g(t.attributes.judul),9)]))),128))]))}});
const Profil=k({setup(){const e=x([]);return P().then(t=>{e.value=t.data.pejabats.data}),()=>(s(),p("div",{class:"pejabat"},[(s(!0),p(m,null,f(e.value,t=>(s(),p("p",{key:t.id},g(t.attributes.nama)+" - "+g(t.attributes.jabatan),1))),128))]))}});
export{Daftar,Berita,Profil};
""")


def strapigql_record(key: str, f: ServiceFacts, n: int) -> dict:
    """One service as Strapi's GraphQL plugin answers it: the attributes under their
    camelCase field names, requirements a repeatable component, the procedure rich text."""
    _i, _s, slug, title, intro, _o = SERVICES[key]
    attrs: dict = {"__typename": "Layanan", "namaLayanan": title, "slug": slug,
                   "deskripsiSingkat": intro,
                   "persyaratanLayanan": [
                       {"__typename": "ComponentLayananPersyaratan", "id": str(i),
                        "dokumen": r, "wajib": i <= 2}
                       for i, r in enumerate(f.requirements, 1)],
                   "alurPengurusan": "<ol>" + "".join(f"<li>{e(p)}</li>" for p in f.procedure)
                   + "</ol>",
                   "pungutan": f.cost or "-", "lamaProses": f.duration or "-",
                   "unitPelaksana": f.location, "dasarHukum": f.legal_basis or "-",
                   "kategori": {"__typename": "KategoriEntityResponse", "data": {
                       "__typename": "KategoriEntity", "id": "2", "attributes": {
                           "__typename": "Kategori", "nama": "Pendaftaran Penduduk"
                           if n <= 3 else "Pencatatan Sipil"}}},
                   "publishedAt": "2024-05-06T02:00:00.000Z"}
    return {"__typename": "LayananEntity", "id": str(n), "attributes": attrs}


def graphql_answer(collection: str, rows: list[dict]) -> dict:
    return {"data": {collection: {"__typename": "EntityResponseCollection", "data": rows,
                                  "meta": {"pagination": {"page": 1, "pageSize": 100,
                                                          "pageCount": 1,
                                                          "total": len(rows)}}}}}


def build_strapigql(site: Site, facts: dict, reg) -> None:
    shell = '<div id="__nuxt"></div>'
    put(site, "home", "home", site.short, "/", "index.html", shell)
    reg(put(site, "listing", "list-layanan", "Layanan", "/layanan", "index.html", shell),
        f"{site.name}:layanan")
    rows = []
    for n, (key, (_i, _s, slug, title, intro, _o)) in enumerate(own_services(site), 1):
        rows.append(strapigql_record(key, facts[key], n))
        reg(put(site, "service", key, title, f"/layanan/{slug}", "index.html", shell,
                summary=intro), key)
    news = []
    for n, (slug, date, title, html_body) in enumerate(SIMPEL_NEWS, 1):
        news.append({"__typename": "BeritaEntity", "id": str(n), "attributes": {
            "__typename": "Berita", "judul": title, "slug": slug, "isi": html_body,
            "tanggalTerbit": date, "publishedAt": f"{date}T03:00:00.000Z"}})
        reg(put(site, "news", f"news:{slug}", title, f"/berita/{slug}", "index.html", shell,
                date=date), f"news:{site.name}:{slug}")
    officials = [{"__typename": "PejabatEntity", "id": str(n), "attributes": {
        "__typename": "Pejabat", "nama": name, "jabatan": role,
        "nip": f"19{70 + n}0{n}12 199{n}03 1 00{n}", "urutan": n}}
        for n, (name, role) in enumerate(SIMPEL_OFFICIALS, 1)]
    answers = {"layanan": graphql_answer("layanans", rows),
               "berita": graphql_answer("beritas", news[::-1]),
               "pejabat": graphql_answer("pejabats", officials)}
    for name, query in STRAPIGQL_QUERIES.items():
        rel = f"graphql/{name}.json"
        site.extra_files[rel] = (json.dumps(answers[name], ensure_ascii=False) + "\n").encode()
        site.routes[route_key("/graphql", query)] = rel
    site.sitemap = True
    rel, code = STRAPIGQL_BUNDLE
    site.extra_files[rel] = code.encode()
    for asset in (rel, CSS["strapigql"][0]):  # the server hides "_" folders: routed by name
        site.routes[route_key("/" + asset, "")] = asset


def render_strapigql(page: Page) -> str:
    site = page.site
    rel, _code = STRAPIGQL_BUNDLE
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{e(site.short)}</title><meta name="description" content="{e(site.opd)}: {e(site.tagline)}"><link rel="modulepreload" as="script" crossorigin href="/{rel}"><script type="module" src="/{rel}" crossorigin></script></head><body>{page.body}<script>window.__NUXT__={{serverRendered:false,config:{{public:{{}},app:{{baseURL:"/",buildAssetsDir:"/_nuxt/"}}}}}}</script></body></html>
"""


NGHASH_BUNDLE = ("main.7d2c9b41e0f3a6d8.js", """"use strict";(self.webpackChunksipanda=self.webpackChunksipanda||[]).push([[179],{4913:(U,M,c)=>{
var a=c(5879),d=c(9862),r=c(1896);
const API="/api/v1/services",ANN="/api/v1/announcements",DL="/api/v1/downloads";
let S=(()=>{class t{constructor(e){this.http=e}services(e){return this.http.get(API,{params:{page:e}})}service(e){return this.http.get(API+"/"+e)}announcements(){return this.http.get(ANN)}downloads(){return this.http.get(DL)}share(e){return location.origin+"/#/services/"+e.id}}return t.\\u0275fac=function(e){return new(e||t)(a.LFG(d.eN))},t.\\u0275prov=a.Yz7({token:t,factory:t.\\u0275fac,providedIn:"root"}),t})();
const routes=[{path:"",component:c(2001).Home},{path:"services",component:c(2002).ServiceList},{path:"services/:id",component:c(2003).ServiceDetail},{path:"announcements/:id",component:c(2004).Announcement},{path:"downloads",component:c(2005).Downloads}];
let R=(()=>{class t{}return t.\\u0275mod=a.oAB({type:t}),t.\\u0275inj=a.cJS({imports:[r.Bz.forRoot(routes,{useHash:!0}),r.Bz]}),t})();
}},U=>{U.O(0,[736],()=>U(U.s=4913)),U.O()}]);
""")
NGHASH_CHUNKS = ("runtime.4b8e2f0c1a9d3e57.js", "polyfills.9c1e7a3b5d2f4e60.js")
NGHASH_ANNOUNCEMENTS = [
    (11, "2025-08-25", "Pemutihan Denda PBB-P2 Sampai 30 November 2025",
     "Denda administrasi PBB-P2 tahun 2024 dan sebelumnya dihapuskan bagi wajib pajak yang "
     "melunasi pokok tagihan sampai 30 November 2025."),
    (12, "2025-10-01", "Mobil Pelayanan PBB Keliling di Kecamatan Alam Barajo",
     "Mobil pelayanan PBB keliling melayani cek tagihan dan pembayaran di Kantor Camat Alam "
     "Barajo setiap Selasa dan Kamis."),
]
NGHASH_DOWNLOADS = [
    ("Formulir SPOP dan LSPOP", "formulir-spop-lspop.pdf", 212),
    ("Formulir Permohonan Keberatan PBB", "formulir-keberatan-pbb.pdf", 96),
    ("Formulir SSPD BPHTB", "formulir-sspd-bphtb.pdf", 118),
]


def nghash_record(key: str, f: ServiceFacts) -> dict:
    """One service as the tax office's spreadsheet was imported: the columns kept their
    import names, lists are one cell each."""
    _i, _s, ident, title, intro, _o = SERVICES[key]
    steps = " ".join(f"{n}. {p}" for n, p in enumerate(f.procedure, 1))
    return {"id": int(ident), "service_name": title, "summary": intro,
            "col1": "; ".join(f.requirements), "field_2": steps, "info": f.cost or "-",
            "sla": f.duration or "-", "deskripsi2": f.location,
            "legal_ref": f.legal_basis or "-",
            "category": "PBB-P2" if SERVICES[key][0] <= 31 else "Pajak Daerah",
            "updated_at": "2025-06-12T04:10:33.000000Z"}


def build_nghash(site: Site, facts: dict, reg) -> None:
    shell = "<app-root></app-root>"
    home = put(site, "home", "home", site.short, "/", "index.html", shell)
    reg(home, f"{site.name}:layanan")
    records = []
    for key, (_i, _s, ident, title, intro, _o) in own_services(site):
        records.append(nghash_record(key, facts[key]))
        # judged at its hash route /#/services/<id>: the server only ever sees the shell
        reg(Page(site, "service", f"{site.name}:{key}", title, f"/#/services/{ident}",
                 "index.html", summary=intro), key)
    size = 4
    count = -(-len(records) // size)
    for number in range(1, count + 1):
        rel = f"api/v1/services-{number}.json"
        answer = {"data": records[(number - 1) * size:number * size],
                  "links": {"first": "/api/v1/services?page=1",
                            "last": f"/api/v1/services?page={count}",
                            "prev": f"/api/v1/services?page={number - 1}" if number > 1
                            else None,
                            "next": f"/api/v1/services?page={number + 1}" if number < count
                            else None},
                  "meta": {"current_page": number, "last_page": count, "per_page": size,
                           "total": len(records), "path": "/api/v1/services"}}
        site.extra_files[rel] = (json.dumps(answer, ensure_ascii=False) + "\n").encode()
        site.routes[route_key("/api/v1/services", f"page={number}")] = rel
        if number == 1:
            site.routes[route_key("/api/v1/services", "")] = rel
    put_json(site, {f"api/v1/services/{r['id']}.json": {"data": r} for r in records})
    for ident, date, title, _body in NGHASH_ANNOUNCEMENTS:
        reg(Page(site, "news", f"news:{site.name}:{ident}", title, f"/#/announcements/{ident}",
                 "index.html", date=date), f"news:{site.name}:{ident}")
    put_json(site, {
        "api/v1/announcements.json": {"data": [
            {"id": ident, "title": title, "body": body, "published_on": date}
            for ident, date, title, body in NGHASH_ANNOUNCEMENTS[::-1]]},
        "api/v1/downloads.json": {"data": [
            {"id": n, "title": title, "file_url": f"/files/{name}", "size_kb": size_kb,
             "category": "Formulir"} for n, (title, name, size_kb) in
            enumerate(NGHASH_DOWNLOADS, 1)]}})
    for _title, name, _size in NGHASH_DOWNLOADS:
        site.extra_files[f"files/{name}"] = make_pdf(_title, [_title, site.opd])
    rel, code = NGHASH_BUNDLE
    site.extra_files[rel] = code.encode()
    for rel in NGHASH_CHUNKS:
        site.extra_files[rel] = b'"use strict";var __ng_chunk=1;\n'
    site.extra_files["favicon.ico"] = b"\x00\x00\x01\x00"


def render_nghash(page: Page) -> str:
    site = page.site
    rel, _code = NGHASH_BUNDLE
    return f"""<!DOCTYPE html><html lang="id"><head>
  <meta charset="utf-8">
  <title>{e(site.short)}</title>
  <meta name="description" content="{e(site.opd)}: {e(site.tagline)}">
  <base href="/">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" type="image/x-icon" href="favicon.ico">
<link rel="stylesheet" href="/{CSS['nghash'][0]}"></head>
<body>
  {page.body}
{"".join(f'<script src="/{c}" type="module"></script>' for c in NGHASH_CHUNKS)}<script src="/{rel}" type="module"></script>

</body></html>
"""


NEW_BUILD.update({"strapigql": build_strapigql, "nghash": build_nghash})
RENDER.update({"strapigql": render_strapigql, "nghash": render_nghash})
CSS.update({"strapigql": ("_nuxt/entry.0b9d4e2a.css", "body{font-family:Inter,sans-serif}"),
            "nghash": ("styles.5e1f0a9c3b7d2e48.css", "app-root{display:block}")})


# ---------------------------------------------------------------------------------------------
# Hand-edited service posts (issue #11): a kelurahan blog on Blogger's old "Awesome Inc." layout
# whose admins wrote each service post by hand, each in the markup they had at hand: a Word
# document pasted into the compose box (MsoNormal / MsoListParagraph paragraphs, Symbol-font
# bullets, <o:p>), capitals in bold with <br> lines, a two-column table, Shift+Enter <div>
# lines with <span style="font-weight: bold"> labels, a definition list, lettered sections
# ("A. Syarat" with "a)" items), <h4> labels after an emoji with ";"-separated values, and
# <font> soup full of &nbsp;. Labels as they come: "Berkas", "Dokumen yang diperlukan",
# "Tarif/Biaya", "Retribusi", "Jangka waktu", "Lama proses", "Mekanisme", "Tata cara", English.
# Beside them, news on the same words, the officials' profile and a list of forms to download
# (none of them a service). Port 8771.
# ---------------------------------------------------------------------------------------------

SITES += [
    Site("kel-soloksipin", "Kelurahan Solok Sipin", "Kelurahan Solok Sipin", "handedit", 70,
         "Blog Resmi Kelurahan Solok Sipin, Kecamatan Danau Sipin",
         "Jl. Kapten A. Bakaruddin, Kel. Solok Sipin, Kec. Danau Sipin, Kota Jambi",
         "adalah kelurahan di Kecamatan Danau Sipin yang melayani surat keterangan, pengantar "
         "administrasi kependudukan dan usulan program bagi warga di 31 RT",
         place="Kantor Lurah Solok Sipin, Jl. Kapten A. Bakaruddin", color="#2d6a4f"),
]
SITE.update({s.name: s for s in SITES})
FAMILY["handedit"] = "blogger-handedited"

# (fact index, site, date, post title, intro, overrides); "markup" is how the admin typed it
# (see ``handedit_body``)
SERVICES.update({
    "so_domisili": (66, "kel-soloksipin", "2024-01-15",
                    "Surat Keterangan Domisili Kelurahan Solok Sipin",
                    "Surat keterangan domisili diterbitkan bagi warga yang bertempat tinggal di "
                    "wilayah Kelurahan Solok Sipin, misalnya untuk melamar kerja atau membuka "
                    "rekening bank.", {"markup": "word", "duration": "± 10 menit"}),
    "so_sktm": (67, "kel-soloksipin", "2024-02-19", "SKTM (Surat Keterangan Tidak Mampu)",
                "SKTM diberikan kepada keluarga kurang mampu di Solok Sipin untuk keringanan "
                "biaya sekolah, berobat atau persyaratan bantuan.",
                {"markup": "caps", "duration": "1 hari kerja"}),
    "so_kampung": (68, "kel-soloksipin", "2024-03-25", "Usulan Dana Kampung Bahagia per RT",
                   "Setiap RT di Solok Sipin dapat mengusulkan kegiatan lingkungan seperti "
                   "semenisasi jalan, drainase atau CCTV yang dibiayai dana Kampung Bahagia.",
                   {"markup": "table", "cost": "Tidak dipungut biaya; dana Rp100 juta per RT "
                    "dari APBD", "duration": "Sekali setahun sesuai jadwal musyawarah"}),
    "so_pindah": (9, "kel-soloksipin", "2024-05-06", "Pengantar Pindah ke Luar Kota Jambi",
                  "Warga Solok Sipin yang akan pindah domisili ke luar Kota Jambi meminta "
                  "surat pengantar pindah di kelurahan sebelum SKPWNI terbit di Disdukcapil.",
                  {"markup": "divs", "cost": "Tidak dipungut biaya",
                   "duration": "1 hari kerja", "online": None}),
    "so_kk": (4, "kel-soloksipin", "2024-06-17", "Perubahan Data Kartu Keluarga Lewat Kelurahan",
              "Penambahan anggota keluarga, pisah KK atau pembetulan data Kartu Keluarga dapat "
              "dititipkan melalui petugas register Kelurahan Solok Sipin.",
              {"markup": "dl", "duration": "3 hari kerja", "online": None}),
    "so_ktp": (0, "kel-soloksipin", "2024-08-05", "Rekam KTP-el Pemula di Kantor Lurah",
               "Warga yang genap berusia 17 tahun dapat merekam KTP-el di kantor lurah setiap "
               "hari Rabu bersama petugas Disdukcapil.",
               {"markup": "lettered", "duration": "Perekaman 15 menit; cetak 1-3 hari kerja",
                "online": None}),
    "so_kematian": (7, "kel-soloksipin", "2024-10-14", "Surat Keterangan Kematian",
                    "Keluarga melaporkan warga yang meninggal dunia ke kelurahan; surat "
                    "keterangan kematian menjadi syarat akta kematian dan santunan.",
                    {"markup": "emoji", "duration": "Selesai hari itu juga", "online": None}),
    "so_rtlh": (60, "kel-soloksipin", "2024-12-02", "Usulan Bantuan Bedah Rumah (RTLH)",
                "Kelurahan meneruskan usulan RT bagi rumah warga yang tidak layak huni ke Dinas "
                "Perkim untuk bantuan bedah rumah.",
                {"markup": "font", "cost": "Tidak dipungut biaya (bantuan Rp20 juta per unit, "
                 "non-tunai)", "duration": "Verifikasi 14 hari kerja; bantuan tahun anggaran "
                 "berikutnya"}),
    "so_kia": (8, "kel-soloksipin", "2025-01-20", "Kartu Identitas Anak (KIA) - Child ID Card",
               "Orang tua dapat menitipkan berkas Kartu Identitas Anak melalui kelurahan; "
               "petunjuk ini juga ditulis dalam bahasa Inggris untuk warga asing.",
               {"markup": "english", "duration": "3 working days", "online": None}),
})
for _key in ("so_domisili", "so_sktm", "so_kampung", "so_pindah", "so_kk", "so_ktp",
             "so_kematian", "so_rtlh", "so_kia"):
    SERVICES[_key][5].setdefault("legal_basis", None)
    SERVICES[_key][5].setdefault("online", None)

NEWS += [
    ("kel-soloksipin", "posyandu-balita-rt-07", "2024-04-22",
     "Posyandu Balita RT 07 Kembali Aktif",
     ["Posyandu Melati di RT 07 kembali aktif setiap Selasa minggu kedua. Ibu-ibu cukup "
      "membawa buku KIA, penimbangan dan imunisasi diberikan gratis.",
      "Sebanyak 48 balita ditimbang pada kegiatan perdana."]),
    ("kel-soloksipin", "lurah-tinjau-banjir-danau-sipin", "2024-11-18",
     "Lurah Tinjau Genangan Banjir di Tepi Danau Sipin",
     ["Lurah Solok Sipin meninjau genangan air di RT 12 dan RT 14 setelah hujan deras dan "
      "mengusulkan normalisasi drainase ke Dinas PUPR.",
      "Warga diminta melaporkan saluran tersumbat melalui Ketua RT."]),
    ("kel-soloksipin", "jadwal-pelayanan-ramadan", "2025-03-03",
     "Jadwal Pelayanan Kantor Lurah Selama Ramadan",
     ["Selama bulan Ramadan pelayanan surat-menyurat dibuka Senin sampai Kamis pukul 08.00-14.00 "
      "WIB dan Jumat pukul 08.00-11.00 WIB. Syarat dan biaya layanan tidak berubah."]),
]

# the forms live in the admin's Google Drive, as a Blogger site keeps files: (file id, name)
HANDEDIT_FORMS = [("1fA2bC3dE4fG5hI6jK7lM8nO9pQ", "Formulir F-1.02 Biodata Penduduk"),
                  ("1qR2sT3uV4wX5yZ6aB7cD8eF9gH", "Formulir Surat Pengantar RT/RW"),
                  ("1iJ2kL3mN4oP5qR6sT7uV8wX9yZ", "Formulir Usulan Kampung Bahagia")]
HANDEDIT_OFFICIALS = [("Lurah", "Hj. Nurhayati, S.Sos"), ("Sekretaris Lurah", "M. Ridwan, S.IP"),
                      ("Kasi Pemerintahan", "Desi Ratnasari, S.H."),
                      ("Kasi Kesejahteraan Sosial", "Ahmad Fauzi"),
                      ("Kasi Pemberdayaan Masyarakat", "Rina Marlina, S.E.")]

_MSO = '<span style="font-size: 12.0pt; line-height: 115%; font-family: &quot;Arial&quot;,sans-serif;">'


def _mso_items(items: list[str], numbered: bool) -> str:
    """A list as Word pastes it: a paragraph per item, the bullet a Symbol-font character."""
    out = []
    for n, item in enumerate(items, start=1):
        where = "First" if n == 1 else "Last" if n == len(items) else "Middle"
        mark = (f"{n}.<span style=\"font: 7.0pt &quot;Times New Roman&quot;;\">&nbsp;&nbsp;&nbsp; "
                "</span>" if numbered else '<span style="font-family: Symbol;">·<span style="'
                'font: 7.0pt &quot;Times New Roman&quot;;">&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; '
                "</span></span>")
        out.append(f'<p class="MsoListParagraphCxSp{where}" style="margin-left: 36.0pt; '
                   f'text-indent: -18.0pt; mso-list: l{int(numbered)} level1 lfo{n};">'
                   f"<!--[if !supportLists]-->{mark}<!--[endif]-->{_MSO}{e(item)}<o:p></o:p>"
                   "</span></p>")
    return "".join(out)


def handedit_body(markup: str, intro: str, f: ServiceFacts) -> str:
    """A service post as one admin typed it (see the section comment); every markup states
    requirements, procedure, cost, duration and place."""
    reqs, steps, cost, duration, place = (f.requirements, f.procedure, f.cost or "Gratis",
                                          f.duration, f.location)
    lead = f'<div style="text-align: justify;">{e(intro)}</div><div><br /></div>'
    if markup == "word":
        def label(text: str) -> str:
            return f'<p class="MsoNormal"><b>{_MSO}{text}<o:p></o:p></span></b></p>'
        return (f'<p class="MsoNormal" style="text-align: justify;">{_MSO}{e(intro)}<o:p></o:p>'
                "</span></p>" + label("Persyaratan:") + _mso_items(reqs, False)
                + label("Prosedur Pelayanan:") + _mso_items(steps, True)
                + f'<p class="MsoNormal"><b>{_MSO}Biaya</span></b>{_MSO}: {e(cost)}<o:p></o:p>'
                "</span></p>"
                f'<p class="MsoNormal"><b>{_MSO}Waktu Penyelesaian</span></b>{_MSO}: '
                f"{e(duration)}<o:p></o:p></span></p>"
                f'<p class="MsoNormal"><b>{_MSO}Tempat</span></b>{_MSO}: {e(place)}<o:p></o:p>'
                "</span></p>")
    if markup == "caps":
        return (lead + "<b>PERSYARATAN</b><br />" + "".join(f"- {e(r)}<br />" for r in reqs)
                + "<br /><b>TATA CARA</b><br />"
                + "".join(f"{n}. {e(s)}<br />" for n, s in enumerate(steps, 1))
                + f"<br /><u>Biaya</u> : {e(cost)}<br /><u>Waktu penyelesaian</u> : "
                f"{e(duration)}<br /><u>Tempat pengurusan</u> : {e(place)}<br />")
    if markup == "table":
        rows = [("Syarat-syarat", "<br />".join(f"{n}. {e(r)}" for n, r in enumerate(reqs, 1))),
                ("Alur", "<br />".join(f"{n}. {e(s)}" for n, s in enumerate(steps, 1))),
                ("Tarif/Biaya", e(cost)), ("Jangka Waktu", e(duration)), ("Lokasi", e(place))]
        return (lead + '<table border="1" cellpadding="5" cellspacing="0" style="width: 100%;">'
                "<tbody>" + "".join(f'<tr><td style="width: 30%;" valign="top"><b>{k}</b></td>'
                                    f"<td>{v}</td></tr>" for k, v in rows) + "</tbody></table>")
    if markup == "divs":
        bold = '<span style="font-weight: bold;">{}</span>'
        return (lead + "<div>" + bold.format("Dokumen yang diperlukan") + "</div>"
                + "".join(f"<div>• {e(r)}</div>" for r in reqs) + "<div><br /></div><div>"
                + bold.format("Mekanisme") + "</div>"
                + "".join(f"<div>{n}. {e(s)}</div>" for n, s in enumerate(steps, 1))
                + "<div><br /></div>"
                + f"<div>{bold.format('Retribusi')}: {e(cost)}</div>"
                + f"<div>{bold.format('Lama proses')}: {e(duration)}</div>"
                + f"<div>{bold.format('Tempat pelayanan')}: {e(place)}</div>")
    if markup == "dl":
        return (paras(e(intro)) + "<dl><dt>Persyaratan</dt><dd>" + ul([e(r) for r in reqs])
                + "</dd><dt>Prosedur</dt><dd>" + ul([e(s) for s in steps], ordered=True)
                + f"</dd><dt>Biaya</dt><dd>{e(cost)}</dd><dt>Jangka Waktu</dt><dd>{e(duration)}"
                f"</dd><dt>Tempat Pelayanan</dt><dd>{e(place)}</dd></dl>")
    if markup == "lettered":
        return (paras(e(intro)) + "<p><b>A. Syarat</b></p>"
                + "".join(f"<p>{chr(96 + n)}) {e(r)}</p>" for n, r in enumerate(reqs, 1))
                + "<p><b>B. Tata Cara</b></p>"
                + "".join(f"<p>{n}) {e(s)}</p>" for n, s in enumerate(steps, 1))
                + f"<p><b>C. Biaya</b></p><p>{e(cost)}</p>"
                + f"<p><b>D. Lama Proses</b></p><p>{e(duration)}</p>"
                + f"<p><b>E. Tempat</b></p><p>{e(place)}</p>")
    if markup == "emoji":
        return (paras(e(intro)) + "<h4>📋 Dokumen yang diperlukan</h4>"
                + f"<p>{'; '.join(e(r) for r in reqs)}.</p><h4>🔁 Mekanisme</h4><p>"
                + "<br />".join(f"{n}. {e(s)}" for n, s in enumerate(steps, 1)) + "</p>"
                + f"<h4>💵 Biaya</h4><p>{e(cost)}</p><h4>⏱️ Jangka waktu</h4><p>{e(duration)}</p>"
                + f"<h4>📍 Lokasi</h4><p>{e(place)}</p>")
    if markup == "font":
        face = '<font face="Arial, sans-serif">{}</font>'
        nb = "&nbsp;"
        return ('<div style="text-align: justify;">' + face.format(e(intro)) + "<br /><br />"
                + f"<b>{face.format('Berkas:')}</b><br />"
                + "".join(f'<span style="font-family: arial;"><font size="2">{nb}{n}.{nb}{e(r)}'
                          "</font></span><br />" for n, r in enumerate(reqs, 1))
                + f"<br /><b>{face.format('Tata cara:')}</b><br />"
                + "".join(f'<font size="2">{nb}{n}.{nb}{e(s)}</font><br />'
                          for n, s in enumerate(steps, 1))
                + f"<br /><b>{face.format('Retribusi:')}</b>{nb}{face.format(e(cost))}<br />"
                + f"<b>{face.format('Waktu penyelesaian:')}</b>{nb}{e(duration)}<br />"
                + f"<b>{face.format('Tempat:')}</b>{nb}{e(place)}</div>")
    if markup == "english":
        return (paras(e(intro)) + "<p><strong>Requirements / Persyaratan</strong></p>"
                + ul([e(r) for r in reqs]) + "<p><strong>How to apply</strong></p>"
                + ul([e(s) for s in steps], ordered=True)
                + f"<p><strong>Fee:</strong> {e(cost)}</p>"
                + f"<p><strong>Processing time:</strong> {e(duration)}</p>"
                + f"<p><strong>Location:</strong> {e(place)}</p>")
    raise ValueError(f"unknown markup {markup!r}")


def build_handedit(site: Site, facts: dict, reg) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html", aliases=("/?m=1",))
    posts: list[Page] = []
    for key, (_i, _s, date, title, intro, over) in own_services(site):
        href = f"/{date[:4]}/{date[5:7]}/{blogger_slug(title)}.html"
        page = put(site, "service", key, title, href, href[1:],
                   handedit_body(over["markup"], intro, facts[key]), date=date, summary=intro,
                   aliases=(href + "?m=1",))
        page.labels = ["Layanan"]
        reg(page, key)
        posts.append(page)
    for page in own_posts(site, facts, reg, lambda slug, d: f"/{d[:4]}/{d[5:7]}/{slug}.html",
                          lambda href: href[1:]):
        site.routes[route_key(page.href, "m=1")] = page.file
        page.labels = ["Berita"]
        posts.append(page)
    officials = ("<p>Susunan aparatur Kelurahan Solok Sipin periode 2024-2026:</p>"
                 '<table border="1" cellpadding="4"><tbody><tr><td><b>Jabatan</b></td><td><b>Nama'
                 "</b></td></tr>" + "".join(f"<tr><td>{e(j)}</td><td>{e(n)}</td></tr>"
                                             for j, n in HANDEDIT_OFFICIALS) + "</tbody></table>"
                 f"<p><b>Alamat kantor:</b> {e(site.address)}</p>"
                 f"<p><b>Jam pelayanan:</b> {HOURS}</p>"
                 "<p><b>Wilayah:</b> 31 RT, berbatasan dengan Danau Sipin di sebelah utara.</p>")
    put(site, "page", "aparatur", "Profil Lurah dan Aparatur Kelurahan", "/p/aparatur.html",
        "p/aparatur.html", officials, aliases=("/p/aparatur.html?m=1",))
    forms = ("<p>Formulir berikut dapat diunduh dan diisi sebelum datang ke kantor lurah:</p>"
             + "<div>" + "".join(f'<div>&nbsp;• <a href="https://drive.google.com/file/d/{file}/'
                                 f'view?usp=sharing">{e(name)}</a> (PDF)</div>'
                                 for file, name in HANDEDIT_FORMS) + "</div>"
             "<div><br /></div><div>Persyaratan tiap layanan ada di label Layanan.</div>")
    put(site, "page", "unduhan", "Unduhan Formulir", "/p/unduhan.html", "p/unduhan.html", forms,
        aliases=("/p/unduhan.html?m=1",))
    put(site, "page", "kontak", "Kontak", "/p/kontak.html", "p/kontak.html", contact_body(site),
        aliases=("/p/kontak.html?m=1",))
    posts.sort(key=lambda p: p.date, reverse=True)
    home.body = "".join(blogger_post(p, full=False) for p in posts[:5])
    home.posts = posts[:5]
    for label in ("Layanan", "Berita"):
        tagged = [p for p in posts if label in p.labels]
        lp = put(site, "listing", f"label:{label}", f"Postingan dengan label {label}",
                 f"/search/label/{label}", f"search/label/{label}.html",
                 "".join(blogger_post(p, full=False) for p in tagged),
                 aliases=(f"/search/label/{label}?m=1",))
        lp.posts = tagged
    for y in sorted({p.date[:4] for p in posts}):
        year_posts = [p for p in posts if p.date.startswith(y)]
        yp = put(site, "listing", f"archive:{y}", y, f"/{y}/", f"{y}/index.html",
                 "".join(blogger_post(p, full=False) for p in year_posts),
                 aliases=(f"/{y}/?m=1",))
        yp.posts = year_posts
    put(site, "listing", "older", "Posting Lama", "/search", "search/older.html",
        "".join(blogger_post(p, full=False) for p in posts[5:]), aliases=("/search?m=1",))
    blog_posts_feed(site, posts, "08:00:00.000")


def render_handedit(page: Page) -> str:
    """Blogger's classic "Awesome Inc." layout: the post in ``post hentry``, a sidebar of
    Label, BlogArchive and LinkList widgets, "Posting Lama" under the home page."""
    site = page.site
    posts = sorted((p for p in site.pages if p.kind in ("service", "news")),
                   key=lambda p: p.date, reverse=True)
    title = e(site.short) if page.kind == "home" else f"{e(site.short)}: {e(page.title)}"
    if page.kind in ("service", "news"):
        main = (f"<div class='date-outer'><h2 class='date-header'><span>{hari_tanggal(page.date)}"
                f"</span></h2><div class='date-posts'>" + blogger_post(page, full=True)
                + "</div></div><div class='comments' id='comments'><h4>0 komentar:</h4>"
                f"<p class='comment-footer'><a href='https://www.blogger.com/comment.g?blogID="
                f"{_blog_id(site)}&amp;postID={_post_id(page)}'>Posting Komentar</a></p></div>"
                f"<div class='blog-pager' id='blog-pager'>{a('/', 'Beranda', class_='home-link')}"
                "</div>")
    elif page.kind in ("home", "listing"):
        older = (f"<div class='blog-pager' id='blog-pager'>{a('/search', 'Posting Lama', class_='blog-pager-older-link')}</div>"
                 if page.kind == "home" else "")
        main = f"<div class='blog-posts hfeed'>{page.body}</div>{older}"
    else:
        main = (f"<div class='post hentry'><h3 class='post-title entry-title'>{e(page.title)}</h3>"
                f"<div class='post-body entry-content'>{page.body}</div></div>")
    counts = {lab: sum(lab in getattr(p, "labels", []) for p in posts) for lab in ("Berita", "Layanan")}
    labels = "".join(f"<li><a dir='ltr' href='{site.base}/search/label/{lab}'>{lab}</a>"
                     f"<span dir='ltr'>({n})</span></li>" for lab, n in counts.items())
    years = sorted({p.date[:4] for p in posts}, reverse=True)
    archive = "".join(
        f"<li class='archivedate collapsed'><a class='post-count-link' href='{site.base}/{y}/'>{y}"
        f"</a> <span class='post-count' dir='ltr'>({sum(p.date.startswith(y) for p in posts)})"
        "</span></li>" for y in years)
    pages = "".join(f"<li>{a(site.base + h, lab)}</li>" for lab, h in (
        ("Beranda", "/"), ("Aparatur", "/p/aparatur.html"), ("Unduhan", "/p/unduhan.html"),
        ("Kontak", "/p/kontak.html")))
    return f"""<!DOCTYPE html>
<html class='v2' dir='ltr' xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b' xmlns:data='http://www.google.com/2005/gml/data' xmlns:expr='http://www.google.com/2005/gml/expr'>
<head>
<title>{title}</title>
{blogger_head(page)}
</head>
<body class='loading'>
<div class='content'><div class='content-outer'><div class='content-inner'>
<header><div class='header-outer'><div class='header section' id='header'><div class='widget Header' data-version='1' id='Header1'><div id='header-inner'><div class='titlewrapper'><h1 class='title'><a href='{site.base}/'>{e(site.short)}</a></h1></div><div class='descriptionwrapper'><p class='description'><span>{e(site.tagline)}</span></p></div></div></div></div></div></header>
<div class='tabs-outer'><div class='tabs section' id='crosscol'><div class='widget PageList' data-version='1' id='PageList1'><div class='widget-content'><ul>{pages}</ul></div></div></div></div>
<div class='main-outer'><div class='main-inner columns-2'>
<div class='column-center-outer'><div class='column-center-inner'><div class='main section' id='main'><div class='widget Blog' data-version='1' id='Blog1'>
{main}
</div></div></div></div>
<div class='column-right-outer'><div class='column-right-inner'><aside><div class='sidebar section' id='sidebar-right-1'>
<div class='widget Label' data-version='1' id='Label1'><h2>Label</h2><div class='widget-content list-label-widget-content'><ul>{labels}</ul></div></div>
<div class='widget BlogArchive' data-version='1' id='BlogArchive1'><h2>Arsip Blog</h2><div class='widget-content'><div id='ArchiveList'><ul class='hierarchy'>{archive}</ul></div></div></div>
<div class='widget LinkList' data-version='1' id='LinkList1'><h2>Tautan</h2><div class='widget-content'><ul><li><a href='https://jambikota.go.id/'>Pemerintah Kota Jambi</a></li><li><a href='https://www.lapor.go.id/'>SP4N-LAPOR!</a></li></ul></div></div>
</div></aside></div></div>
</div></div>
<footer><div class='footer-outer'><div class='foot section' id='footer-1'><div class='widget Attribution' data-version='1' id='Attribution1'><div class='widget-content' style='text-align: center;'>{footer_text(site)}. Tema Awesome Inc.. Diberdayakan oleh <a href='https://www.blogger.com' target='_blank'>Blogger</a>.</div></div></div></div></footer>
</div></div></div>
</body>
</html>
"""


NEW_BUILD["handedit"] = build_handedit
RENDER["handedit"] = render_handedit
CSS["handedit"] = ("favicon.ico", "")


# ---------------------------------------------------------------------------------------------
# A kelurahan whose services are only in Standar Pelayanan PDFs exported from Word (issue #11)
# ---------------------------------------------------------------------------------------------
# The pdf-only family's PDFs are hand-written, one component per line in reading order. Here
# each short service page links a PDF as offices make them: a "No | Komponen | Uraian" table
# with wrapped, vertically centred cells, a two-column table in short wording, landscape, a
# table ruled only between its rows, the kop surat and page number on every page, a
# signature block; the last two services share one file. Drawn by fpdf2 (the test extra,
# tests/sppdf.py) when the web is regenerated; the demo serves the committed files.

SITES += [
    Site("kel-sungaiputri", "Kelurahan Sungai Putri", "Kelurahan Sungai Putri", "pdftable", 85,
         "Melayani dengan Sepenuh Hati", "Kantor Lurah Sungai Putri, Kota Jambi",
         "adalah kelurahan di Kota Jambi yang melayani surat keterangan dan pengantar "
         "administrasi kependudukan bagi warganya",
         place="Kantor Lurah Sungai Putri, Kota Jambi", color="#1f6f43"),
]
SITE.update({s.name: s for s in SITES})
FAMILY["pdftable"] = "word-table-standard-pdf"
SERVICES.update({
    "sp_sktm": (67, "kel-sungaiputri", "sktm", "Surat Keterangan Tidak Mampu (SKTM)",
                "Keterangan lurah bagi keluarga kurang mampu di Sungai Putri, untuk keringanan "
                "biaya sekolah, berobat atau syarat bantuan.", {}),
    "sp_domisili": (66, "kel-sungaiputri", "domisili", "Surat Keterangan Domisili",
                    "Keterangan tempat tinggal bagi warga, usaha atau lembaga di wilayah "
                    "Kelurahan Sungai Putri.", {}),
    "sp_kk": (4, "kel-sungaiputri", "pengantar-kk", "Pengantar Perubahan Kartu Keluarga",
              "Pengantar lurah untuk menambah anggota keluarga, pecah KK atau membetulkan data "
              "Kartu Keluarga.", {"online": None}),
    "sp_kematian": (7, "kel-sungaiputri", "kematian", "Surat Keterangan Kematian",
                    "Keterangan lurah atas warga yang meninggal dunia, syarat akta kematian.",
                    {"cost": GRATIS_ADMINDUK}),
    "sp_pindah": (9, "kel-sungaiputri", "pindah", "Pengantar Pindah Keluar",
                  "Pengantar kelurahan bagi warga yang pindah ke luar Kota Jambi.",
                  {"online": None}),
})
NEWS += [
    ("kel-sungaiputri", "pelayanan-sabtu", "2025-03-08", "Kantor Lurah Buka Sabtu Pagi",
     ["Kelurahan Sungai Putri membuka pelayanan surat keterangan setiap Sabtu pukul "
      "08.00-12.00 WIB bagi warga yang bekerja pada hari kerja.",
      "Warga diminta membawa berkas sesuai Standar Pelayanan yang dapat diunduh di situs ini."]),
    ("kel-sungaiputri", "gotong-royong", "2025-02-15", "Gotong Royong Bersihkan Parit",
     ["Warga RT 05 dan RT 06 bergotong royong membersihkan parit menjelang musim hujan.",
      "Lurah mengapresiasi partisipasi warga dan petugas kebersihan."]),
]
SHARED_STANDARD = 3  # services from this one on share one file


def table_standard(site: Site, n: int, facts: dict) -> tuple[str, str, bytes]:
    """(href, link text, PDF) of the standard of the site's ``n``-th service, laid out as a
    Word table (fpdf2 is needed only here, when the web is regenerated)."""
    import sys

    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from tests.sppdf import LAYOUTS, standard_pdf

    services = own_services(site)

    def record(number: int) -> dict:
        key, spec = services[number]
        f = facts[key]
        return {"service": spec[3], "requirements": f.requirements, "procedure": f.procedure,
                "duration": f.duration, "cost": f.cost, "legal_basis": f.legal_basis,
                "location": f.location}

    layouts = {layout.name: layout for layout in LAYOUTS}
    if n >= SHARED_STANDARD:
        return ("/uploads/sp/SP-Kelurahan-Sungai-Putri-2025.pdf",
                "Standar Pelayanan Kelurahan Sungai Putri 2025 (PDF)",
                standard_pdf([record(i) for i in range(SHARED_STANDARD, len(services))],
                             layouts["several-services"], site.opd))
    slug, title = services[n][1][2], services[n][1][3]
    layout = layouts[("table3", "table2-short-bullets", "rows-ruled-only")[n]]
    return (f"/uploads/sp/SP-{slug}.pdf", f"Standar Pelayanan {title} (PDF)",
            standard_pdf([record(n)], layout, site.opd))


NEW_BUILD["pdftable"] = lambda site, facts, reg: build_pdfonly(site, facts, reg, table_standard)
RENDER["pdftable"] = render_pdfonly
CSS["pdftable"] = CSS["pdfonly"]


# ---------------------------------------------------------------------------------------------
# Script apps whose data ships in the page or a bundle, in carriers no JSON endpoint serves
# (issue #11). Written before any crawler change for them:
# - "jslit" (SIPINTU DPMPTSP): a jQuery site whose service cards are drawn from a JS object
#   literal in a data file (``/assets/js/data-layanan.js``: ``var dataLayanan = [{id: 1,
#   nama: '...', syarat: ['...',], ...},];`` with unquoted keys, single quotes, trailing
#   commas and a template string for the procedure); no JSON anywhere, no server fallback.
#   Each card is an anchor of the list page (``/layanan.html#<slug>``). News are plain pages.
# - "apollo" (SIAPDUK Disdukcapil): a server-rendered Vue app whose pages print only titles
#   and skeletons; each page's data ships as Apollo's normalised cache,
#   ``window.__APOLLO_STATE__ = {...}`` (``ROOT_QUERY`` holds ``{"__ref": "Layanan:12"}``,
#   the records sit under their cache ids, requirements are ``Persyaratan:*`` refs and the
#   unit a ``UnitLayanan:*`` ref). Service and news pages each carry their one record.
# Ports 8787 and 8788 (offsets 86-87).
# ---------------------------------------------------------------------------------------------

SITES += [
    Site("sipintu-dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Jambi",
         "SIPINTU DPMPTSP Kota Jambi", "jslit", 86,
         "Sistem Informasi Pelayanan Perizinan Terpadu Kota Jambi",
         "Gedung Mal Pelayanan Publik Kota Jambi, Jl. Jend. Sudirman, Thehok, Kota Jambi",
         "menyajikan persyaratan, alur dan biaya perizinan berusaha serta non-berusaha",
         place="Loket DPMPTSP di Mal Pelayanan Publik Kota Jambi", color="#7c2d12"),
    Site("siapduk-dukcapil", "Dinas Kependudukan dan Pencatatan Sipil Kota Jambi",
         "SIAPDUK Dukcapil Kota Jambi", "apollo", 87,
         "Sistem Informasi Administrasi Kependudukan Kota Jambi", KOMPLEK,
         "menyajikan syarat dan alur layanan dokumen kependudukan dan pencatatan sipil",
         place="Kantor Disdukcapil Kota Jambi dan loket Disdukcapil di Mal Pelayanan Publik",
         color="#0f766e"),
]
SITE.update({s.name: s for s in SITES})
FAMILY.update({"jslit": "jquery-js-literal-data", "apollo": "ssr-apollo-state"})

SERVICES.update({
    "pt_nib": (17, "sipintu-dpmptsp", "nib-oss", "Nomor Induk Berusaha (NIB) lewat OSS",
               "NIB adalah identitas pelaku usaha yang terbit dari sistem OSS; petugas "
               "DPMPTSP membantu pelaku usaha mikro dan kecil mendaftar.", {}),
    "pt_pbg": (18, "sipintu-dpmptsp", "pbg", "Persetujuan Bangunan Gedung (PBG)",
               "Izin sebelum membangun, mengubah atau merawat bangunan gedung, pengganti IMB, "
               "diajukan melalui SIMBG.", {}),
    "pt_slf": (19, "sipintu-dpmptsp", "slf", "Sertifikat Laik Fungsi (SLF)",
               "Sertifikat bahwa bangunan gedung yang sudah berdiri laik dipakai sesuai "
               "fungsinya, diterbitkan setelah pemeriksaan.", {}),
    "pt_sipdokter": (20, "sipintu-dpmptsp", "sip-dokter", "Surat Izin Praktik Dokter",
                     "Izin praktik bagi dokter dan dokter gigi di fasilitas kesehatan atau "
                     "praktik mandiri di Kota Jambi.", {}),
    "pt_reklame": (23, "sipintu-dpmptsp", "reklame", "Izin Pemasangan Reklame",
                   "Izin bagi pemasang papan nama, baliho, spanduk atau videotron di wilayah "
                   "Kota Jambi.", {}),
    "sa_ktp_hilang": (1, "siapduk-dukcapil", "ktp-el-hilang-rusak",
                      "Cetak Ulang KTP-el Hilang atau Rusak",
                      "KTP-el yang hilang atau rusak dicetak ulang tanpa rekam ulang selama "
                      "datanya sudah ada.", {}),
    "sa_ktp_ubah": (2, "siapduk-dukcapil", "ktp-el-perubahan-data",
                    "KTP-el Perubahan Data",
                    "Status kawin, pekerjaan atau alamat yang berubah dicetak pada KTP-el "
                    "baru setelah KK diperbarui.", {}),
    "sa_kk_hilang": (5, "siapduk-dukcapil", "kk-hilang-rusak",
                     "Kartu Keluarga Hilang atau Rusak",
                     "KK yang hilang atau rusak diterbitkan kembali dengan data yang sama.", {}),
    "sa_datang": (10, "siapduk-dukcapil", "pindah-datang", "Pindah Datang ke Kota Jambi",
                  "Warga dari luar daerah yang menetap di Kota Jambi mendapat KK dan KTP-el "
                  "dengan alamat baru.", {}),
    "sa_kawin": (11, "siapduk-dukcapil", "akta-perkawinan", "Akta Perkawinan Non-Muslim",
                 "Perkawinan yang disahkan pemuka agama selain Islam dicatatkan agar terbit "
                 "kutipan akta perkawinan.", {}),
    "sa_cerai": (12, "siapduk-dukcapil", "akta-perceraian", "Akta Perceraian",
                 "Perceraian yang telah berkekuatan hukum tetap dicatatkan agar terbit "
                 "kutipan akta perceraian.", {}),
    "sa_legalisir": (15, "siapduk-dukcapil", "legalisir", "Legalisir Dokumen Kependudukan",
                     "Fotokopi akta dan KK dilegalisir untuk melamar kerja, sekolah atau "
                     "keperluan hukum.", {}),
})

NEWS += [
    ("sipintu-dpmptsp", "gerai-nib-pasar-angso-duo", "2025-07-14",
     "Gerai NIB Keliling Hadir di Pasar Angso Duo",
     ["Petugas DPMPTSP membuka gerai pendaftaran NIB di Pasar Angso Duo selama tiga hari. "
      "Pedagang cukup membawa KTP dan nomor ponsel aktif.",
      "Sebanyak 212 pedagang mendapat NIB pada hari pertama."]),
    ("sipintu-dpmptsp", "sosialisasi-pbg-pengembang", "2025-09-02",
     "Sosialisasi PBG dan SLF bagi Pengembang Perumahan",
     ["DPMPTSP dan Dinas PUPR menggelar sosialisasi tata cara PBG dan SLF melalui SIMBG "
      "bagi pengembang perumahan di Kota Jambi."]),
]

SIAPDUK_NEWS = [
    (41, "blangko-ktp-tersedia", "2025-08-18", "Blangko KTP-el Kembali Tersedia",
     "<p>Disdukcapil Kota Jambi menerima 5.000 keping blangko KTP-el. Warga yang sudah "
     "merekam dapat mencetak di kantor dinas atau MPP.</p>"),
    (42, "layanan-malam-hari", "2025-10-20", "Layanan Adminduk Malam Hari di MPP",
     "<p>Setiap Rabu loket Disdukcapil di Mal Pelayanan Publik buka hingga pukul 20.00 WIB "
     "untuk warga yang bekerja.</p>"),
]

JSLIT_APP = """/* SIPINTU - tampilan kartu layanan */
$(function () {
  var $list = $('#daftar-layanan');
  $.each(dataLayanan, function (i, l) {
    var syarat = $.map(l.syarat, function (s) { return '<li>' + s + '</li>'; }).join('');
    $list.append('<div class="col-md-6"><div class="card" id="' + l.slug + '">' +
      '<div class="card-body"><h5>' + l.nama + '</h5><p>' + l.ringkasan + '</p>' +
      '<button class="btn btn-sm btn-primary" data-toggle="collapse" data-target="#d-' + l.id + '">Detail</button>' +
      '<div class="collapse" id="d-' + l.id + '"><b>Persyaratan</b><ol>' + syarat + '</ol>' +
      '<b>Alur</b><pre>' + l.alur + '</pre><p>Biaya: ' + l.biaya + '<br>Waktu: ' + l.waktu +
      '</p></div></div></div></div>');
  });
  if (location.hash) { $(location.hash).addClass('border-primary'); }
});
"""


def js_string(value: str) -> str:
    """A JS single-quoted string literal, as a developer types it."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def jslit_record(key: str, f: ServiceFacts, n: int) -> str:
    """One service as the site's developer typed it into data-layanan.js."""
    _i, _s, slug, title, intro, _o = SERVICES[key]
    syarat = "".join(f"\n      {js_string(r)}," for r in f.requirements)
    alur = "\n".join(f"{i}. {p}" for i, p in enumerate(f.procedure, 1)).replace("`", "'")
    lines = [f"    id: {n},", f"    nama: {js_string(title)},", f"    slug: '{slug}',",
             f"    ringkasan: {js_string(intro)},", f"    syarat: [{syarat}\n    ],",
             f"    alur: `{alur}`,", f"    biaya: {js_string(f.cost or 'Gratis')},",
             f"    waktu: {js_string(f.duration or '-')},",
             f"    \"dasar_hukum\": {js_string(f.legal_basis or '-')},",
             f"    tempat: {js_string(f.location or '')},"]
    return "  {\n" + "\n".join(lines) + "\n  },"


def build_jslit(site: Site, facts: dict, reg) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html")
    lay = put(site, "listing", "list-layanan", "Layanan Perizinan", "/layanan.html",
              "layanan.html", '<div id="daftar-layanan" class="row"></div>')
    reg(lay, f"{site.name}:layanan")
    records = []
    for n, (key, (_i, _s, slug, title, intro, _o)) in enumerate(own_services(site), 1):
        records.append(jslit_record(key, facts[key], n))
        reg(Page(site, "service", key, title, f"/layanan.html#{slug}", "layanan.html",
                 summary=intro), key)
    site.extra_files["assets/js/data-layanan.js"] = (
        "/* Data layanan perizinan DPMPTSP Kota Jambi, diperbarui Juni 2025 */\n"
        "var dataLayanan = [\n" + "\n".join(records) + "\n];\n").encode()
    site.extra_files["assets/js/app.js"] = JSLIT_APP.encode()
    site.extra_files["assets/js/jquery.min.js"] = b"/*! jQuery v3.7.1 (subset) */\n"
    ber = put(site, "listing", "list-berita", "Berita", "/berita.html", "berita.html")
    for slug, date, title, texts in own_news(site):
        reg(put(site, "news", f"news:{site.name}:{slug}", title, f"/berita/{slug}.html",
                f"berita/{slug}.html", paras(*texts), date=date,
                summary=news_summary(texts)), f"news:{site.name}:{slug}")
    ber.body = ul([a(p.href, e(p.title)) for p in pages_of(site, "news")])
    put(site, "page", "kontak", "Kontak", "/kontak.html", "kontak.html", contact_body(site))
    home.body = (paras(e(f"Selamat datang di {site.short}. {site.tugas[0].upper()}"
                         f"{site.tugas[1:]}."))
                 + f"<p>{a(lay.href, 'Lihat layanan perizinan', class_='btn btn-primary')}</p>"
                 + "<h4>Kabar Perizinan</h4>" + ber.body)


def render_jslit(page: Page) -> str:
    site = page.site
    by_key = {p.key: p for p in site.pages}
    menu = "".join(f'<li class="nav-item">{a(by_key[k].href, label, class_="nav-link")}</li>'
                   for k, label in (("home", "Beranda"), ("list-layanan", "Layanan"),
                                    ("list-berita", "Berita"), ("kontak", "Kontak")))
    scripts = ('<script src="/assets/js/data-layanan.js"></script>\n'
               '<script src="/assets/js/app.js"></script>') if page.key == "list-layanan" else ""
    dated = (f'<p class="text-muted small"><i class="fa fa-calendar"></i> {tanggal(page.date)}'
             "</p>\n") if page.kind == "news" else ""
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(page.title)} - {e(site.short)}</title>
<link rel="stylesheet" href="/{CSS['jslit'][0]}">
</head>
<body>
<nav class="navbar navbar-expand-lg navbar-dark" style="background:{site.color}"><div class="container">
<a class="navbar-brand" href="/">{e(site.short)}</a><ul class="navbar-nav">{menu}</ul></div></nav>
<div class="container py-4">
<h2>{e(page.title)}</h2>
{dated}{page.body}
</div>
<footer class="text-center small">{footer_text(site)}</footer>
<script src="/assets/js/jquery.min.js"></script>
{scripts}
</body>
</html>
"""


def apollo_service(key: str, f: ServiceFacts, n: int) -> dict:
    """A service's entries in Apollo's normalised cache: the record under ``Layanan:<n>``,
    each requirement under ``Persyaratan:<n><i>``, the unit under ``UnitLayanan:1``."""
    _i, _s, slug, title, intro, _o = SERVICES[key]
    reqs = {f"Persyaratan:{n}{i:02d}": {"__typename": "Persyaratan", "id": f"{n}{i:02d}",
                                        "uraian": r, "wajib": True}
            for i, r in enumerate(f.requirements, 1)}
    return {**reqs, f"Layanan:{n}": {
        "__typename": "Layanan", "id": str(n), "slug": slug, "namaLayanan": title,
        "ringkasan": intro, "persyaratan": [{"__ref": k} for k in reqs],
        "alurPelayanan": list(f.procedure), "biayaLayanan": f.cost or "Gratis",
        "waktuPenyelesaian": f.duration or "-", "dasarHukum": f.legal_basis or "-",
        "unit": {"__ref": "UnitLayanan:1"}}}


def build_apollo(site: Site, facts: dict, reg) -> None:
    unit = {"UnitLayanan:1": {"__typename": "UnitLayanan", "id": "1", "nama": site.place}}
    home = put(site, "home", "home", site.short, "/", "index.html")
    lay = put(site, "listing", "list-layanan", "Layanan", "/layanan", "layanan/index.html")
    reg(lay, f"{site.name}:layanan")
    listed: dict = {}
    for n, (key, (_i, _s, slug, title, intro, _o)) in enumerate(own_services(site), 11):
        cache = apollo_service(key, facts[key], n)
        summary = {"__typename": "Layanan", "id": str(n), "slug": slug, "namaLayanan": title}
        listed[f"Layanan:{n}"] = summary
        page = put(site, "service", key, title, f"/layanan/{slug}", f"layanan/{slug}.html",
                   summary=intro, view={"state": {
                       "ROOT_QUERY": {"__typename": "Query",
                                      f'layanan({{"slug":"{slug}"}})': {"__ref": f"Layanan:{n}"}},
                       **cache, **unit}})
        reg(page, key)
    for ident, slug, date, title, body in SIAPDUK_NEWS:
        page = put(site, "news", f"news:{site.name}:{slug}", title, f"/berita/{slug}",
                   f"berita/{slug}.html", date=date, view={"state": {
                       "ROOT_QUERY": {"__typename": "Query",
                                      f'berita({{"slug":"{slug}"}})': {"__ref": f"Berita:{ident}"}},
                       f"Berita:{ident}": {"__typename": "Berita", "id": str(ident),
                                           "judul": title, "slug": slug, "isi": body,
                                           "terbit": f"{date}T02:00:00.000Z"}}})
        reg(page, page.key)
    refs = [{"__ref": k} for k in listed]
    lay.view = {"state": {"ROOT_QUERY": {"__typename": "Query",
                                         'layanans({"first":50})': refs}, **listed}}
    home.view = {"state": {"ROOT_QUERY": {"__typename": "Query",
                                          'layanans({"first":50})': refs,
                                          'beritas({"first":3})': [
                                              {"__ref": f"Berita:{i}"}
                                              for i, *_r in SIAPDUK_NEWS[::-1]]},
                           **listed, **{f"Berita:{i}": {"__typename": "Berita", "id": str(i),
                                                        "judul": t, "slug": s}
                                        for i, s, _d, t, _b in SIAPDUK_NEWS}}}
    services = [p for p in site.pages if p.kind == "service"]
    lay.body = ul([a(p.href, e(p.title)) for p in services])
    home.body = ("<p>Cek syarat dokumen kependudukan sebelum datang ke loket.</p>" + lay.body
                 + ul([a(p.href, e(p.title)) for p in pages_of(site, "news")]))
    site.extra_files["_nuxt/siapduk.4c2e8f1a.js"] = (
        b'import{createApp as c}from"./vue.runtime.esm-bundler.js";'
        b'const a=window.__APOLLO_STATE__||{};c({data:()=>({cache:a})}).mount("#app");\n')
    for asset in ("_nuxt/siapduk.4c2e8f1a.js", CSS["apollo"][0]):  # "_" folders: by name
        site.routes[route_key("/" + asset, "")] = asset


def render_apollo(page: Page) -> str:
    site = page.site
    state = json.dumps(page.view.get("state", {}), ensure_ascii=False).replace("<", "\\u003c")
    body = page.body or ('<div class="skeleton"><span class="line"></span><span class="line">'
                         "</span></div>")
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(page.title)} | {e(site.short)}</title>
<link rel="stylesheet" href="/{CSS['apollo'][0]}">
<script type="module" src="/_nuxt/siapduk.4c2e8f1a.js" defer></script>
</head>
<body>
<div id="app" data-server-rendered="true"><header class="top"><a href="/">{e(site.short)}</a>
<nav><a href="/">Beranda</a> <a href="/layanan">Layanan</a></nav></header>
<main><h1>{e(page.title)}</h1>
{body}
</main><footer>{footer_text(site)}</footer></div>
<script>window.__APOLLO_STATE__={state};</script>
</body>
</html>
"""


NEW_BUILD.update({"jslit": build_jslit, "apollo": build_apollo})
RENDER.update({"jslit": render_jslit, "apollo": render_apollo})
CSS.update({"jslit": ("assets/css/app.css", "/* Bootstrap 4.6 (subset) */.card{margin:8px 0}"),
            "apollo": ("_nuxt/siapduk.9b1d3e7c.css", ".skeleton .line{display:block;height:1em}")})


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

LINK_RE = re.compile(r"\[\[([^|\]]+)\|([^\]]*)\]\]")


def resolve_links(page: Page, html_text: str, global_keys: dict[str, Page]) -> str:
    local = {p.key: p for p in page.site.pages}

    def sub(m: re.Match[str]) -> str:
        target, text = m.group(1), m.group(2)
        key, suffix = re.match(r"([^#?]+)(.*)", target).groups()
        dest = local.get(key) or global_keys.get(key)
        if dest is None:
            raise KeyError(f"{page.url}: link to unknown page key {key!r}")
        href = dest.href if dest.site is page.site else dest.url
        if suffix.startswith("?") and "?" in href:
            suffix = "&" + suffix[1:]
        return a(href + suffix, text)

    return LINK_RE.sub(sub, html_text)


def write_site(site: Site, global_keys: dict[str, Page]) -> None:
    root = SITES_ROOT / site.name
    for page in site.pages:
        page.body = resolve_links(page, page.body, global_keys)
    for page in site.pages:
        text = RENDER[site.template](page)
        out = root / page.file
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(text.encode(site.charset, errors="xmlcharrefreplace"))
    for rel, css in [CSS[site.template], CSS_EXTRA.get(site.template, (None, None))]:
        if rel:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(css + "\n", encoding="utf-8")
    for rel, data in site.extra_files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    if site.template == "wp":
        items = "".join(
            f"<item><title>{e(p.title)}</title><link>{e(site.base + p.href)}</link>"
            f"<pubDate>{p.date}</pubDate></item>\n" for p in latest_news(site, 10))
        (root / "feed-rss2.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>{e(site.short)}</title><link>{site.base}/</link>\n{items}"
            "</channel></rss>\n", encoding="utf-8")
        site.routes[route_key("/", "feed=rss2")] = "feed-rss2.xml"
    (root / "_routes.json").write_text(json.dumps(dict(sorted(site.routes.items())), indent=1)
                                       + "\n", encoding="utf-8")
    if site.robots:
        (root / "robots.txt").write_text(site.robots.format(base=site.base), encoding="utf-8")
    if site.sitemap:
        urls = "".join(
            f"<url><loc>{e(site.base + p.href)}</loc>"
            f"<lastmod>{p.date or '2025-11-01'}</lastmod></url>\n"
            for p in site.pages)
        (root / "sitemap.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{urls}</urlset>\n", encoding="utf-8")


def write_catalog(catalog: list[dict]) -> None:
    root = SITES_ROOT / "diskominfo"
    public = [{k: v for k, v in app.items() if not k.startswith("_")} for app in catalog]
    (root / "apps.json").write_text(json.dumps(public, ensure_ascii=False, indent=2) + "\n",
                                    encoding="utf-8")
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=["name", "opd", "url", "description", "platform",
                                             "status"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(public)
    (root / "apps.csv").write_text(buf.getvalue(), encoding="utf-8")


def write_sources(data_dir: Path) -> None:
    sites = [SampleSite(s.name, s.opd, s.port_offset) for s in SITES]
    urls = {s.name: s.base for s in SITES}
    header = ("The bundled sample Kota Jambi web on the default ports (8701...).\n"
              "Start it with: python -m sikoja.demo.server\n"
              "Generated by tools/make_sample_sites.py; do not edit by hand.")
    (REPO / "sources").mkdir(exist_ok=True)
    (REPO / "sources" / "sample-kota-jambi.yaml").write_text(
        render_sources(urls, sites, header), encoding="utf-8")

    lines = [
        "# The real Kota Jambi public-service websites, for a deployment with internet access.",
        "# Domains as seen in public sources (city agencies with a known web domain only;",
        "# agencies without a verified domain are left out rather than guessed).",
        "# No public machine-readable app catalog of Kota Jambi is known; the app catalog",
        "# source exists only in the sample web (sources/sample-kota-jambi.yaml).",
        "# Be polite: real government servers are small; keep the default delay and concurrency.",
        "sources:",
    ]
    names = {
        "jambikota.go.id": "portal-kota-jambi",
        "bpprd.jambikota.go.id": "bpprd",
        "disdukcapil.jambikota.go.id": "disdukcapil",
        "diskominfo.jambikota.go.id": "diskominfo",
        "ppid.jambikota.go.id": "ppid",
        "data.jambikota.go.id": "open-data",
        "ppdb.jambikota.go.id": "ppdb",
        "dpmppa.jambikota.go.id": "dpmppa",
        "tirtamayang.com": "pdam-tirta-mayang",
    }
    for opd in load_jsonl(data_dir / "opds.jsonl"):
        domain = (opd.get("domain") or "").split(" ")[0]
        if not domain or opd.get("level") != "kota":
            continue
        name = names.get(domain)
        if name is None:
            raise ValueError(f"no source name for domain {domain}")
        scheme = "http" if domain == "bpprd.jambikota.go.id" else "https"
        opd_name = opd["name"].replace(" (portal resmi)", "")
        lines += [f"  - name: {name}", f"    opd: {opd_name}", "    kind: website",
                  f'    start_urls: ["{scheme}://{domain}/"]', "    delay: 2.0",
                  "    concurrency: 1"]
    (REPO / "sources" / "kota-jambi.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_planted(global_keys: dict[str, Page]) -> None:
    services = [[global_keys[k].url, global_keys[f"mpp:{k}"].url] for k in MPP_RELISTED]
    apps = [[first, second] for first, second, _slug in APP_DUPLICATES]
    out = {"services": services, "apps": apps}
    path = REPO / "tests" / "data" / "planted_duplicates.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared_data_dir(),
                        help="folder with services.jsonl, opds.jsonl, apps.jsonl")
    args = parser.parse_args(argv)
    catalog, global_keys = build(args.data)
    if SITES_ROOT.exists():
        shutil.rmtree(SITES_ROOT)
    SITES_ROOT.mkdir(parents=True)
    for site in SITES:
        write_site(site, global_keys)
    write_catalog(catalog)
    manifest = [{"name": s.name, "opd": s.opd, "port_offset": s.port_offset,
                 "family": FAMILY[s.template]} for s in SITES]
    (SITES_ROOT / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2)
                                             + "\n", encoding="utf-8")
    write_sources(args.data)
    write_planted(global_keys)
    write_devset(global_keys, catalog)
    n_pages = sum(len(s.pages) for s in SITES)
    n_services = sum(1 for s in SITES for p in s.pages if p.kind == "service")
    digest = hashlib.sha256()
    for f in sorted(SITES_ROOT.rglob("*")):
        if f.is_file():
            digest.update(f.read_bytes())
    print(f"{len(SITES)} sites, {n_pages} pages ({n_services} service pages), "
          f"{len(catalog)} catalog entries; content sha256 {digest.hexdigest()[:12]}")
    return 0


# ---------------------------------------------------------------------------------------------
# Relevance dev set
# ---------------------------------------------------------------------------------------------

# Queries as citizens type them (see phrasing.md), with the pages that answer them:
# "key:grade" where key is a service key, "app:<slug>" or "url:<app URL from the catalog>".
# A service re-listed by the MPP and an app listed twice get the same grade automatically.
DEVSET: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("persyaratan penerbitan kartu keluarga baru", "kk_baru:2"),
        ("prosedur pencatatan kelahiran", "akta_lahir:2"),
        ("syarat penerbitan kartu identitas anak", "kia:2"),
        ("persyaratan surat keterangan pindah", "pindah_keluar:2 pindah_datang:1"),
        ("pencatatan kematian penduduk", "akta_mati:2"),
        ("persyaratan persetujuan bangunan gedung", "pbg:2 slf:1"),
        ("pendaftaran nomor induk berusaha", "nib:2"),
        ("sertifikat laik fungsi bangunan gedung", "slf:2 pbg:1"),
        ("izin praktik bagi bidan di kota jambi", "sip_bidan:2"),
        ("pembayaran pajak bumi dan bangunan", "pbb_bayar:2 pbb_cek:1"),
        ("pengajuan keberatan pajak bumi dan bangunan", "pbb_keberatan:2 pbb_betul:1"),
        ("bea perolehan hak atas tanah dan bangunan", "bphtb:2"),
        ("pendaftaran objek pajak bumi dan bangunan baru", "pbb_baru:2"),
        ("penerimaan murid baru sekolah menengah pertama negeri", "spmb_smp:2"),
        ("pengujian kendaraan angkutan barang berkala", "kir:2"),
        ("pendaftaran pencari kerja di dinas tenaga kerja", "ak1:2"),
        ("permohonan informasi publik pemerintah kota jambi", "ppid:2"),
        ("tera ulang alat ukur dan timbangan", "tera:2"),
        ("permohonan keterangan tidak mampu dari kelurahan", "sktm:2"),
        ("pencatatan perkawinan non muslim", "akta_kawin:2 nikah:1"),
        ("pemasangan sambungan baru air bersih", "pdam_pasang:2"),
    ],
    "colloquial": [
        ("cara bikin ktp", "ktp_baru:2 ktp_hilang:1 ktp_ubah:1"),
        ("mau ngurus kk baru butuh apa aja", "kk_baru:2"),
        ("syarat bikin akte lahir anak", "akta_lahir:2"),
        ("gimana cara cetak ulang ktp yang rusak", "ktp_hilang:2"),
        ("ktp ilang gimana urusnya", "ktp_hilang:2"),
        ("kk hilang gimana", "kk_hilang:2"),
        ("mau pisah kk dari ortu", "kk_ubah:2 kk_baru:1"),
        ("tambah anak di kk", "kk_ubah:2 akta_lahir:1"),
        ("bayar pbb dimana aja", "pbb_bayar:2"),
        ("bayar pbb bisa pake qris gak", "pbb_bayar:2 app:bayar-pbb-qris:1"),
        ("urus izin usaha bayar gak", "nib:2"),
        ("cara daftar smp negeri", "spmb_smp:2"),
        ("daftar sd negeri bisa manual gak", "ppdb_sd:2"),
        ("cara daftar bansos", "dtks:2"),
        ("berobat gratis cukup pake ktp", "uhc:2"),
        ("periksa kesehatan gratis dimana", "ckg:2 puskesmas:1"),
        ("balik nama pbb abis beli rumah", "pbb_mutasi:2 bphtb:1"),
        ("mau pindah domisili ke luar kota", "pindah_keluar:2"),
        ("surat domisili bayar berapa", "domisili:2"),
        ("ktp digital gimana aktifinnya", "ikd:2 app:ikd:1"),
        ("rekam ktp bisa diwakilin gak", "ktp_baru:2"),
    ],
    "abbreviation": [
        ("syarat kk", "kk_baru:2 kk_ubah:1 kk_hilang:1"),
        ("kia anak", "kia:2"),
        ("skpwni antar kota", "pindah_keluar:2 pindah_datang:1"),
        ("nib oss", "nib:2 url:https://oss.go.id:1"),
        ("pbg rumah tinggal", "pbg:2"),
        ("slf sbkbg", "slf:2"),
        ("sipb bidan", "sip_bidan:2"),
        ("sipp perawat", "sip_perawat:2"),
        ("sip dokter gigi", "sip_dokter:2"),
        ("pbb p2", "pbb_bayar:2 pbb_cek:1"),
        ("sppt pbb salah nama", "pbb_betul:2 pbb_mutasi:1"),
        ("bphtb jual beli", "bphtb:2"),
        ("pbjt restoran", "pajak_resto:2"),
        ("spmb smp 2025", "spmb_smp:2"),
        ("dtks dtsen", "dtks:2"),
        ("ckg puskesmas", "ckg:2"),
        ("uji kir angkot", "kir:2"),
        ("ak1", "ak1:2"),
        ("rtlh bantuan", "rtlh:2"),
        ("uptd ppa", "ppa:2"),
        ("sktm kelurahan", "sktm:2"),
        ("igd rsud", "igd:2"),
        ("ppid minta data", "ppid:2"),
        ("pju mati", "pju:2"),
    ],
    "typo": [
        ("syarat kartu kluarga baru", "kk_baru:2"),
        ("akte kelahirn anak", "akta_lahir:2"),
        ("ktp elektonik hilang", "ktp_hilang:2"),
        ("persyaratn pindah datang", "pindah_datang:2"),
        ("akta kematain", "akta_mati:2"),
        ("kartu identitas anka", "kia:2"),
        ("bayar pajak bumi bangnan", "pbb_bayar:2"),
        ("persetujuan bangunan gedng", "pbg:2"),
        ("nomer induk berusha", "nib:2"),
        ("uji kirr mobil", "kir:2"),
        ("kartu pencari kerjaa", "ak1:2"),
        ("pemadam kebakran", "damkar_api:2"),
        ("tangkap ulr di rumah", "damkar_evakuasi:2"),
        ("bedah rumah tdk layak huni", "rtlh:2"),
        ("surat keterangan domisli", "domisili:2"),
        ("cek kesehatn gratis", "ckg:2"),
        ("pengaduan jalan rusk", "jalan:2"),
        ("sampah blm diangkut", "sampah_aduan:2"),
        ("psang air pdam baru", "pdam_pasang:2"),
        ("beasiswa kartu bahagai", "beasiswa:2"),
        ("legalisr akta", "legalisir:2"),
    ],
    "old-term": [
        ("imb baru", "pbg:2"),
        ("syarat imb rumah", "pbg:2"),
        ("imb ruko", "pbg:2"),
        ("urus siup", "nib:2"),
        ("siup online", "nib:2"),
        ("bikin tdp perusahaan", "nib:2"),
        ("izin gangguan ho", "nib:2"),
        ("situ surat izin tempat usaha", "nib:2"),
        ("surat domisili usaha", "nib:2 domisili:1"),
        ("ppdb smp 2025", "spmb_smp:2"),
        ("ppdb online kota jambi", "spmb_smp:2 ppdb_sd:1"),
        ("jalur zonasi smp", "spmb_smp:2"),
        ("zonasi sd", "ppdb_sd:2"),
        ("ektp hilang", "ktp_hilang:2"),
        ("bikin e ktp baru", "ktp_baru:2"),
        ("kartu kuning", "ak1:2"),
        ("syarat kartu kuning disnaker", "ak1:2"),
        ("daftar dtks bansos", "dtks:2"),
        ("jamkesda kota jambi", "uhc:2"),
        ("keur mobil", "kir:2"),
        ("akte kenal lahir", "akta_lahir:2"),
    ],
    "english": [
        ("id card application jambi", "ktp_baru:2 ktp_hilang:1"),
        ("lost id card replacement", "ktp_hilang:2"),
        ("family card registration", "kk_baru:2"),
        ("birth certificate for my baby", "akta_lahir:2"),
        ("death certificate", "akta_mati:2"),
        ("child identity card", "kia:2"),
        ("moving out of jambi city letter", "pindah_keluar:2"),
        ("business license registration", "nib:2"),
        ("building permit", "pbg:2"),
        ("property tax payment", "pbb_bayar:2"),
        ("land and building transfer tax", "bphtb:2"),
        ("junior high school enrollment", "spmb_smp:2"),
        ("free health check", "ckg:2"),
        ("hospital emergency room 24 hours", "igd:2"),
        ("vehicle roadworthiness test", "kir:2"),
        ("job seeker card", "ak1:2"),
        ("report a fire", "damkar_api:2 cc112:1"),
        ("snake removal", "damkar_evakuasi:2"),
        ("passport application public service mall", "paspor:2"),
        ("report pothole", "jalan:2"),
        ("water supply complaint", "pdam_aduan:2"),
        ("marriage registration", "nikah:2 akta_kawin:1"),
    ],
    "jambi-malay": [
        ("cakmano ngurus ktp", "ktp_baru:2 ktp_hilang:1 ktp_ubah:1"),
        ("cakmano bikin kk baru", "kk_baru:2"),
        ("kemano ngurus akte lahir anak", "akta_lahir:2"),
        ("nak bikin kia anak apo syaratnyo", "kia:2"),
        ("ktp aku ilang cakmano", "ktp_hilang:2"),
        ("nak pindah ke luar kota ngurus apo", "pindah_keluar:2"),
        ("cakmano ngurus pbg", "pbg:2"),
        ("nak buka usaha izinnyo apo", "nib:2"),
        ("bayar pbb kemano", "pbb_bayar:2"),
        ("luas tanah di sppt idak sesuai", "pbb_betul:2 pbb_keberatan:2"),
        ("anak nak masuk smp negeri cakmano daftarnyo", "spmb_smp:2"),
        ("dak dapat bansos cakmano", "dtks:2"),
        ("berobat dak bayar pake ktp", "uhc:2"),
        ("ado ular masuk rumah nak lapor kemano", "damkar_evakuasi:2"),
        ("ado kebakaran nak lapor kemano", "damkar_api:2 cc112:1"),
        ("jalan depan rumah belubang nak lapor kemano", "jalan:2"),
        ("air pdam idak ngalir", "pdam_aduan:2"),
        ("nak pasang air pdam baru apo syaratnyo", "pdam_pasang:2"),
        ("kartu kuning ngurusnyo kemano", "ak1:2"),
        ("surat domisili ngurus di mano", "domisili:2"),
        ("sampah dak diangkut angkut", "sampah_aduan:2"),
        ("lampu jalan mati nak ngadu kemano", "pju:2"),
    ],
    "problem": [
        ("jalan depan rumah berlubang", "jalan:2"),
        ("anak saya baru lahir", "akta_lahir:2 kk_ubah:1"),
        ("lampu jalan mati", "pju:2"),
        ("air pdam keruh", "pdam_aduan:2"),
        ("pipa air bocor depan rumah", "pdam_aduan:2"),
        ("parit tersumbat banjir kalau hujan", "drainase:2"),
        ("sampah numpuk belum diangkut", "sampah_aduan:2"),
        ("ada ular di dapur", "damkar_evakuasi:2"),
        ("sarang tawon di atap rumah", "damkar_evakuasi:2"),
        ("rumah tetangga kebakaran", "damkar_api:2 cc112:1"),
        ("orang tua meninggal dunia urus surat apa", "akta_mati:2"),
        ("baru nikah mau bikin kk sendiri", "kk_baru:2"),
        ("rumah saya reot hampir roboh tidak mampu memperbaiki", "rtlh:2"),
        ("miskin tapi tidak dapat bantuan sosial", "dtks:2"),
        ("sungai batanghari meluap rumah kebanjiran", "banjir:2"),
        ("truk batubara lewat tengah kota", "batubara:2"),
        ("anak jadi korban kekerasan", "ppa:2"),
        ("baru pindah ke jambi dari luar kota", "pindah_datang:2"),
        ("timbangan pedagang di pasar curang", "tera:2"),
        ("habis beli tanah mau balik nama", "pbb_mutasi:2 bphtb:2"),
        ("status di ktp masih belum kawin padahal sudah nikah", "ktp_ubah:2 kk_ubah:1"),
        ("tidak tahu tagihan pbb rumah berapa", "pbb_cek:2 pbb_bayar:1"),
    ],
    "app": [
        ("aplikasi pengaduan kota jambi", "app:sikesal:2 sikesal:1"),
        ("download sikesal", "app:sikesal:2 sikesal:1"),
        ("si kesal", "app:sikesal:2 sikesal:1"),
        ("aplikasi sikoja", "app:sikoja:2"),
        ("super app pemkot jambi", "app:sikoja:2"),
        ("aplikasi lapor kebakaran", "app:si-merah-koja:2 damkar_api:1"),
        ("download si merah koja", "app:si-merah-koja:2"),
        ("aplikasi ktp digital", "app:ikd:2 ikd:1"),
        ("nomor darurat kota jambi", "app:call-center-112:2 cc112:2"),
        ("call center bahagia", "app:call-center-112:2 cc112:2"),
        ("aplikasi kartu bahagia", "app:kartu-bahagia:2 santunan:1 beasiswa:1 uhc:1"),
        ("mobil pita molin ke sekolah", "app:pita-molin:2 ppa:1"),
        ("aplikasi siks ng operator dtks", "app:siks-ng:2 dtks:1"),
        ("cctv jambi city operation center", "app:jcoc:2"),
        ("aplikasi si paduko disdukcapil", "app:si-paduko:2"),
        ("aplikasi oss daftar nib", "url:https://oss.go.id:2 nib:1"),
        ("simbg pbg online", "url:https://simbg.pu.go.id:2 pbg:1"),
        ("lapor pelanggaran asn provinsi jambi", "url:https://wbs.jambiprov.go.id:2"),
        ("aplikasi spmb sma provinsi jambi", "app:spmb-provinsi-jambi:2 spmb_sma:1"),
        ("aplikasi cek tagihan pbb", "app:info-tagihan-pbb-online:2 pbb_cek:1"),
        ("aplikasi sipaten kecamatan", "app:sipaten:2"),
        ("portal spbe pemkot", "app:portal-spbe:2"),
        ("aplikasi gubernur jambi menjawab masih ada", "app:gubernur-jambi-menjawab:2"),
    ],
}

# Queries answered by the real-world families' sites, numbered after the ones above so that
# those keep their qids.
DEVSET_REAL_WORLD: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("persyaratan pendaftaran uji berkala kendaraan bermotor", "pkb_kir:2 kir:2"),
        ("standar pelayanan pinjaman modal usaha bank harkat", "diskop_banharkat:2 js_banharkat:1"),
        ("pengaduan pelayanan publik melalui sp4n lapor", "ppid_lapor:2 sikesal:1"),
        ("persyaratan pendaftaran kehendak nikah di kantor urusan agama",
         "kemenag_nikah:2 nikah:2 akta_kawin:1"),
        ("pelayanan kesehatan ibu dan anak di puskesmas", "kia_paalv:2 puskesmas:1"),
        ("pendaftaran pelatihan kerja di balai latihan kerja", "balikat_daftar:2 balikat:2"),
        ("persyaratan izin penyelenggaraan reklame", "izin_reklame:2 sipeda:layanan:1"),
    ],
    "colloquial": [
        ("mau daftar jadi relawan damkar di rt", "redkar_daftar:2 redkar:2"),
        ("pinjem modal usaha bunga kecil dari pemkot", "diskop_banharkat:2 js_banharkat:1"),
        ("cara minta surat tidak mampu di kotabaru", "kotabaru_sktm:2 sktm:1"),
        ("imunisasi bayi di puskesmas jadwalnya kapan", "kia_paalv:2 pkm_layanan:1"),
        ("daftar kursus kerja gratis", "balikat_daftar:2 balikat:2"),
        ("nikah di kua bayar gak", "kemenag_nikah:2 nikah:2"),
    ],
    "abbreviation": [
        ("skpwni pengantar kelurahan kota baru", "kotabaru_pindah:2 pindah_keluar:1"),
        ("sktm kec kotabaru", "kotabaru_sktm:2 sktm:1"),
        ("sipeda sip dokter", "sipeda:layanan:2 sip_dokter:1"),
        ("kua simkah daftar online", "kemenag_nikah:2 nikah:2"),
        ("ckg pkm putri ayu", "pkm_ckg:2 ckg:1"),
        ("uptd pkb kenali asam", "pkb_kir:2"),
        ("redkar damkar", "redkar_daftar:2 redkar:2"),
    ],
    "typo": [
        ("pinjaman banharkt", "diskop_banharkat:2 js_banharkat:1"),
        ("pendaftarn nikah kua", "kemenag_nikah:2 nikah:2"),
        ("surat keterangan tdk mampu kota baru", "kotabaru_sktm:2 sktm:1"),
        ("relawan pemadam kebakarn", "redkar_daftar:2 redkar:2"),
        ("pelatihan kerja balikt", "balikat_daftar:2 balikat:2"),
        ("kesehatan ibu dan anak puskesms", "kia_paalv:2 puskesmas:1"),
    ],
    "old-term": [
        ("surat keterangan miskin dari kelurahan", "sktm:2 kotabaru_sktm:2"),
        ("askeskin berobat gratis", "uhc:2 kb_uhc:2"),
        ("blk kota jambi pelatihan", "balikat_daftar:2 balikat:2"),
        ("keur truk", "kir:2 pkb_kir:2"),
        ("daftar nikah model n1 kelurahan", "kemenag_nikah:2 nikah:2"),
    ],
    "english": [
        ("marriage registration at religious affairs office", "kemenag_nikah:2 nikah:2 akta_kawin:1"),
        ("free job training", "balikat_daftar:2 balikat:2"),
        ("small business loan low interest", "diskop_banharkat:2 js_banharkat:1"),
        ("maternal and child health clinic", "kia_paalv:2 puskesmas:1"),
        ("volunteer firefighter", "redkar_daftar:2 redkar:2"),
        ("certificate of domicile kota baru district", "kotabaru_domisili:2 domisili:1"),
    ],
    "jambi-malay": [
        ("nak pinjam modal usaha kemano", "diskop_banharkat:2 js_banharkat:1"),
        ("nak jadi relawan damkar cakmano", "redkar_daftar:2 redkar:2"),
        ("ngurus sktm di kelurahan kotabaru cakmano", "kotabaru_sktm:2 sktm:1"),
        ("nak kawin daftar ke kua apo syaratnyo", "kemenag_nikah:2 nikah:2"),
        ("nak belajar kerjo gratis kemano", "balikat_daftar:2 balikat:2"),
        ("idak ado duit anak sekolah beasiswa apo", "beasiswa:2 kb_beasiswa:2"),
    ],
    "problem": [
        ("istri hamil mau periksa kandungan", "kia_paalv:2 puskesmas:1"),
        ("warung kecil butuh modal tambahan", "diskop_banharkat:2 js_banharkat:1"),
        ("nganggur tidak punya keterampilan kerja", "balikat_daftar:2 balikat:2 ak1:1"),
        ("masa uji kir truk sudah habis", "kir:2 pkb_kir:2"),
        ("anak sekolah dari keluarga miskin butuh biaya", "beasiswa:2 kb_beasiswa:2"),
        ("minta data ke dinas tidak dijawab", "ppid:2 ppid_permohonan:2 ppid_lapor:1"),
    ],
    "app": [
        ("aplikasi daftar dtks online", "dtks:2 app:siks-ng:1"),
        ("aplikasi lapor kekerasan anak", "ppa:2 app:pita-molin:1"),
        ("aplikasi izin praktik dokter sipeda", "sipeda:layanan:2 sip_dokter:1"),
        ("aplikasi lapor sp4n", "url:https://www.lapor.go.id:2 ppid_lapor:1"),
        ("aplikasi cek kesehatan gratis", "ckg:2 pkm_ckg:1"),
        ("portal kartu bahagia daftar beasiswa", "kb_beasiswa:2 app:kartu-bahagia:1 beasiswa:1"),
    ],
}

# Queries answered by the families added for issue #11 (Elementor, stock Blogger, JSON-API
# apps, one-page accordions, the MPP portal, PPID PDFs), written from their pages and
# numbered after the ones above.
DEVSET_MORE: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("pencatatan perceraian dan penerbitan akta perceraian", "akta_cerai:2"),
        ("standar pelayanan pengujian berkala kendaraan bermotor dinas perhubungan",
         "pd_kir:2 kir:2"),
        ("retribusi pembuangan sampah di tpa talang gulo", "sampah_tpa:2"),
        ("persyaratan surat keterangan catatan kepolisian", "mp_skck:2"),
        ("pajak barang dan jasa tertentu atas jasa kesenian dan hiburan", "pajak_hiburan:2"),
        ("pendaftaran kehendak nikah kua kecamatan jambi timur",
         "kua_nikah:2 kua_biaya:1 nikah:1"),
        ("surat keterangan domisili kecamatan alam barajo",
         "ab_domisili:2 sr_domisili:2 domisili:1"),
        ("pelayanan poli umum puskesmas simpang kawat", "sk_poli:2 puskesmas:1"),
    ],
    "colloquial": [
        ("biaya nikah di kua berapa sih", "kua_biaya:2 nikah:2"),
        ("cara bikin skck di mpp", "mp_skck:2"),
        ("buang sampah ke tpa bayar berapa", "sampah_tpa:2"),
        ("mau rekam ktp di kantor camat jelutung", "jl_ktp:2 ktp_baru:1"),
        ("bikin paspor di mal pelayanan publik", "paspor:2"),
        ("ktp digital cara aktifin di hp", "ikd:2 app:ikd:1"),
        ("jadwal jemput bola rekam ktp di kelurahan", "jemput_bola:2"),
        ("pajak baliho bayar dimana", "pajak_reklame:2 izin_reklame:1"),
    ],
    "abbreviation": [
        ("skck polresta", "mp_skck:2"),
        ("pbjt hiburan karaoke", "pajak_hiburan:2"),
        ("sktm kel simpang rimbo", "sr_sktm:2 sktm:1"),
        ("ckg pkm simpang kawat", "sk_ckg:2 ckg:1"),
        ("uhc berobat pake ktp di puskesmas", "uhc:2"),
        ("ak1 di mpp", "ak1:2"),
        ("validasi bphtb ppat", "bphtb:2"),
        ("pisah kk kec jelutung", "jl_kk:2 kk_ubah:1"),
    ],
    "typo": [
        ("akta perceraiaan", "akta_cerai:2"),
        ("surat keterangan domisilli alam barajo", "ab_domisili:2 sr_domisili:2 domisili:1"),
        ("syarat skck baruu", "mp_skck:2"),
        ("retribusi sampah tpa talang gulu", "sampah_tpa:2"),
        ("pajak restorant", "pajak_resto:2"),
        ("cek kesehtan gratis simpang kawat", "sk_ckg:2 ckg:1"),
        ("pendaftaran nikh kua jambi timur", "kua_nikah:2 nikah:1"),
        ("legalisir dokumen kependudukn", "legalisir:2"),
    ],
    "old-term": [
        ("surat keterangan kelakuan baik polisi", "mp_skck:2"),
        ("imb ruko di mpp", "pbg:2"),
        ("surat keterangan miskin simpang rimbo", "sr_sktm:2 sktm:1"),
        ("pajak tontonan bioskop", "pajak_hiburan:2"),
        ("siup di mal pelayanan publik", "nib:2"),
        ("keur kendaraan standar pelayanan", "pd_kir:2 kir:2"),
        ("kartu kuning di mpp", "ak1:2"),
    ],
    "english": [
        ("police clearance certificate", "mp_skck:2"),
        ("divorce certificate registration", "akta_cerai:2"),
        ("entertainment tax karaoke", "pajak_hiburan:2"),
        ("billboard advertising tax", "pajak_reklame:2 izin_reklame:1"),
        ("landfill tipping fee", "sampah_tpa:2"),
        ("marriage fee at religious affairs office", "kua_biaya:2 nikah:2"),
        ("certificate of low income alam barajo", "ab_sktm:2 sr_sktm:2 sktm:1"),
        ("restaurant tax registration", "pajak_resto:2"),
    ],
    "jambi-malay": [
        ("nak bikin skck kemano", "mp_skck:2"),
        ("cakmano ngurus akta cerai", "akta_cerai:2"),
        ("nikah di kua bayar apo idak", "kua_biaya:2 nikah:2"),
        ("sampah idak diangkut tps penuh", "sampah_aduan:2"),
        ("nak buang sampah ke tpa talang gulo bayar berapo", "sampah_tpa:2"),
        ("surat domisili di alam barajo cakmano", "ab_domisili:2 sr_domisili:2 domisili:1"),
        ("ado jemput bola ktp di kelurahan idak", "jemput_bola:2"),
        ("pajak karaoke berapo persen", "pajak_hiburan:2"),
    ],
    "problem": [
        ("sudah cerai di pengadilan status di kk belum berubah", "akta_cerai:2 kk_ubah:1"),
        ("nenek tidak punya ktp dan kk sama sekali", "rentan:2"),
        ("tps depan gang penuh sampah meluber", "sampah_aduan:2"),
        ("mau melamar kerja butuh surat dari polisi", "mp_skck:2 ak1:1"),
        ("buka kafe baru harus lapor pajak", "pajak_resto:2 nib:1"),
        ("pasang baliho promosi toko", "pajak_reklame:2 izin_reklame:2"),
        ("fotokopi akta perlu dilegalisir tidak", "legalisir:2"),
        ("tidak punya bpjs mau berobat ke puskesmas", "uhc:2 puskesmas:1"),
    ],
    "app": [
        ("aplikasi m-paspor antrean mpp", "paspor:2"),
        ("daftar skck online", "mp_skck:2"),
        ("e pajak kota jambi", "e-pajak:layanan:2 ep_hiburan:1 ep_reklame:1 ep_resto:1 ep_bphtb:1"),
        ("sipadu dukcapil", "sipadu:layanan:2"),
        ("simkah daftar nikah online", "nikah:2 kua_nikah:2"),
        ("aplikasi ikd aktivasi", "ikd:2 app:ikd:1"),
    ],
}


# The Joomla sites' queries (issue #11), numbered from q400 whatever comes before them.
DEVSET_JOOMLA: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("surat keterangan domisili kecamatan paal merah", "pm_domisili:2 domisili:1"),
        ("usulan perbaikan data terpadu kesejahteraan sosial paal merah", "pm_dtks:2 dtks:1"),
        ("pelaporan kematian kecamatan jambi selatan",
         "js_akta_mati:2 js_akta_mati:pdf:2 akta_mati:1"),
        ("pengantar pindah keluar kota jambi kecamatan paal merah",
         "pm_pindah:2 pindah_keluar:1"),
    ],
    "colloquial": [
        ("cara ngajuin dana kampung bahagia rt paal merah",
         "pm_kampung:2 pm_kampung:pdf:2 kampung_bahagia:1"),
        ("mau pinjam modal usaha banharkat lewat kecamatan jambi selatan",
         "js_banharkat:2 diskop_banharkat:1"),
        ("daftar pelatihan kerja gratis di jambi selatan", "js_balikat:2 balikat_daftar:1 balikat:1"),
        ("rekam ktp hari sabtu di kantor camat jambi selatan", "js_jemput:2 jemput_bola:1"),
    ],
    "abbreviation": [
        ("sktm paal merah", "pm_sktm:2 sktm:1"),
        ("pengantar kk kec jambi selatan", "js_kk:2 kk_ubah:1"),
        ("uhc jambi bugar kecamatan jambi selatan", "js_uhc:2 uhc:1"),
    ],
    "typo": [
        ("surat keteranga tidak mampuu paal merah", "pm_sktm:2 sktm:1"),
        ("jemput bola adminduk kantor camt jambi selatan", "js_jemput:2 jemput_bola:1"),
        ("pinjman modal banharkat jambi selatn", "js_banharkat:2 diskop_banharkat:1"),
    ],
    "problem": [
        ("keluarga miskin belum dapat bansos paal merah", "pm_dtks:2 dtks:1"),
        ("ahli waris ketua rt paal merah meninggal dapat santunan",
         "pm_santunan:2 santunan:1 kb_santunan:1"),
        ("belum punya bpjs mau berobat gratis jambi selatan", "js_uhc:2 uhc:1 kb_uhc:1"),
    ],
    "english": [
        ("proof of residence letter paal merah district", "pm_domisili:2 domisili:1"),
        ("free job training jambi selatan", "js_balikat:2 balikat_daftar:1"),
        ("report a death jambi selatan subdistrict",
         "js_akta_mati:2 js_akta_mati:pdf:2 akta_mati:1"),
    ],
    "old-term": [
        ("daftar bdt basis data terpadu paal merah", "pm_dtks:2 dtks:1"),
        ("jamkesda berobat gratis jambi selatan", "js_uhc:2 uhc:1"),
    ],
    "jambi-malay": [
        ("cakmano ngurus surat pindah di paal merah", "pm_pindah:2 pindah_keluar:1"),
        ("nak bikin surat domisili di paal merah apo syaratnyo", "pm_domisili:2 domisili:1"),
        ("kemano lapor kematian di jambi selatan",
         "js_akta_mati:2 js_akta_mati:pdf:2 akta_mati:1"),
    ],
    "app": [
        ("siks-ng usulan bansos kecamatan paal merah", "pm_dtks:2 dtks:1"),
    ],
}


# Queries answered by the classic Blogspot and Laravel Inertia sites (issue #11, second round),
# numbered from q450 so that families added in parallel keep their own qids.
DEVSET_BLOGSPA: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("persyaratan surat keterangan domisili kecamatan pasar jambi",
         "pj_domisili:2 domisili:1"),
        ("rekomendasi surat izin praktik bidan dinas kesehatan", "sb_sipb:2 sip_bidan:1"),
        ("pencatatan kematian warga kecamatan pasar jambi", "pj_akta_mati:2 akta_mati:1"),
        ("pelayanan kesehatan dasar puskesmas aplikasi sehat bahagia", "sb_pkm:2 puskesmas:1"),
        ("prosedur pemasangan sambungan air pdam melalui kelurahan",
         "pj_pdam:2 pdam_pasang:1"),
    ],
    "colloquial": [
        ("cara ngurus surat domisili di kantor lurah pasar jambi", "pj_domisili:2 domisili:1"),
        ("bikin sktm buat keringanan biaya sekolah", "pj_sktm:2 sktm:1"),
        ("cek kesehatan gratis lewat aplikasi sehat bahagia", "sb_ckg:2 ckg:1"),
        ("mau praktik bidan mandiri butuh rekomendasi dinkes", "sb_sipb:2 sip_bidan:1"),
        ("bikin kia anak di kelurahan pasar jambi", "pj_kia:2 kia:1"),
    ],
    "abbreviation": [
        ("sktm kec pasar jambi", "pj_sktm:2 sktm:1"),
        ("sipp perawat rekomendasi dinkes", "sb_sipp:2 sip_perawat:1"),
        ("uhc jambi bugar daftar", "sb_uhc:2 uhc:2"),
        ("kia anak pasar jambi", "pj_kia:2 kia:1"),
    ],
    "typo": [
        ("syarat surat domisli pasar jambi", "pj_domisili:2 domisili:1"),
        ("rekomendasi izin praktek doktr gigi", "sb_sip_dokter:2 sip_dokter:1"),
        ("akta kematin kecamatan pasar jambi", "pj_akta_mati:2 akta_mati:1"),
    ],
    "old-term": [
        ("surat keterangan miskin kecamatan pasar jambi", "pj_sktm:2 sktm:1"),
        ("jamkesda berobat gratis sehat bahagia", "sb_uhc:2 uhc:1"),
        ("pasang ledeng pdam baru lewat rt", "pj_pdam:2 pdam_pasang:1"),
    ],
    "english": [
        ("practice license recommendation for midwife", "sb_sipb:2 sip_bidan:1"),
        ("free health screening app jambi", "sb_ckg:2 ckg:1"),
        ("death certificate pasar jambi district", "pj_akta_mati:2 akta_mati:1"),
    ],
    "jambi-malay": [
        ("cakmano ngurus surat domisili di pasar jambi", "pj_domisili:2 domisili:1"),
        ("nak praktik perawat rekomendasinyo kemano", "sb_sipp:2 sip_perawat:1"),
        ("air pdam belum masuk rumah nak pasang cakmano", "pj_pdam:2 pdam_pasang:2"),
    ],
    "problem": [
        ("dokter baru pindah mau buka praktik di kota jambi", "sb_sip_dokter:2 sip_dokter:2"),
        ("bapak meninggal di rumah warga pasar jambi urus akta", "pj_akta_mati:2 akta_mati:1"),
        ("tidak punya bpjs sakit mau berobat gratis", "sb_uhc:2 uhc:2"),
    ],
    "app": [
        ("aplikasi sehat bahagia dinkes",
         "sehat-bahagia:layanan:2 sb_ckg:1 sb_uhc:1 sb_pkm:1"),
    ],
}
# Queries whose answers are dated posts of the Blogger (Soho) and WordPress (ColorMag) sites
DEVSET_SIBLINGS: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("persyaratan surat keterangan domisili kecamatan danau sipin",
         "ds_domisili:2 domisili:1"),
        ("pendaftaran data terpadu kesejahteraan sosial kecamatan pelayangan",
         "pl_dtks:2 dtks:1"),
        ("usulan bantuan rumah tidak layak huni pelayangan", "pl_rtlh:2 rtlh:1"),
        ("surat pengantar pindah keluar kota jambi danau sipin",
         "ds_pindah:2 pindah_keluar:1"),
    ],
    "colloquial": [
        ("syarat bikin surat domisili di danau sipin", "ds_domisili:2 domisili:1"),
        ("cara daftar biar dapat bansos pelayangan", "pl_dtks:2 dtks:1"),
        ("rekam ktp pertama kali di kantor camat pelayangan", "pl_ktp:2 ktp_baru:1"),
        ("akta lahir bayi bisa titip kelurahan danau sipin", "ds_akta_lahir:2 akta_lahir:1"),
    ],
    "typo": [
        ("syarat kia anak danau sipim", "ds_kia:2 kia:1"),
        ("bedah rumah rtlh pelayagan", "pl_rtlh:2 rtlh:1"),
        ("sktm kelurhan pelayangan", "pl_sktm:2 sktm:1"),
    ],
    "abbreviation": [
        ("skpwni danau sipin", "ds_pindah:2 pindah_keluar:1"),
        ("dtks dtsen pelayangan", "pl_dtks:2 dtks:1"),
        ("ktp-el pemula kec pelayangan", "pl_ktp:2 ktp_baru:1"),
    ],
    "old-term": [
        ("surat keterangan miskin pelayangan", "pl_sktm:2 sktm:1"),
        ("kartu anak danau sipin", "ds_kia:2 kia:1"),
        ("surat kenal lahir bayi kecamatan danau sipin", "ds_akta_lahir:2 akta_lahir:1"),
    ],
    "problem": [
        ("rumah terendam sungai batanghari meluap minta dievakuasi pelayangan",
         "pl_banjir:2 banjir:1"),
        ("atap rumah bocor dinding lapuk mau minta bantuan perbaikan pelayangan",
         "pl_rtlh:2 rtlh:1"),
        ("rt kami mau usul semenisasi jalan danau sipin", "ds_kampung:2 kampung_bahagia:1"),
        ("mau pindah kerja ke palembang urus surat pindah danau sipin",
         "ds_pindah:2 pindah_keluar:1"),
    ],
    "english": [
        ("residence letter danau sipin district", "ds_domisili:2 domisili:1"),
        ("flood evacuation post pelayangan", "pl_banjir:2 banjir:1"),
        ("birth certificate danau sipin", "ds_akta_lahir:2 akta_lahir:1"),
    ],
    "jambi-malay": [
        ("cakmano nak dapat bantuan bedah rumah di seberang", "pl_rtlh:2 rtlh:1"),
        ("ngurus kartu anak di danau sipin bawak apo bae", "ds_kia:2 kia:1"),
        ("dana kampung bahagia rt kito danau sipin cakmano ngusulkannyo",
         "ds_kampung:2 kampung_bahagia:1"),
        ("banjir lagi di pelayangan lapor kemano", "pl_banjir:2 banjir:1"),
    ],
}
# Queries answered by the three single-page apps of the third round (SIBANSOS, SIMPATIK,
# Kecamatan Danau Teluk), numbered from q500.
DEVSET_SPA: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("usulan perbaikan data dtsen dinas sosial sibansos", "bs_dtks:2 dtks:1"),
        ("rekomendasi peserta pbi jaminan kesehatan daerah dinas sosial", "bs_uhc:2 uhc:1"),
        ("sertifikat laik fungsi bangunan simpatik dpmptsp", "sm_slf:2 slf:1"),
        ("izin penyelenggaraan reklame simpatik", "sm_reklame:2 izin_reklame:1"),
        ("surat keterangan domisili kecamatan danau teluk", "dt_domisili:2 domisili:1"),
        ("pengantar pindah keluar kecamatan danau teluk", "dt_pindah:2 pindah_keluar:1"),
    ],
    "colloquial": [
        ("cara daftar bansos biar masuk dtsen lewat sibansos", "bs_dtks:2 dtks:1"),
        ("ngurus nib usaha lewat simpatik", "sm_nib:2 nib:1"),
        ("mau bangun rumah urus izin bangunan di simpatik", "sm_pbg:2 pbg:1"),
        ("bikin sktm di danau teluk", "dt_sktm:2 sktm:1"),
        ("dapat dana kampung bahagia rt danau teluk gimana", "dt_kampung:2 kampung_bahagia:1"),
    ],
    "abbreviation": [
        ("sip dokter simpatik dpmptsp", "sm_sip_dokter:2 sip_dokter:1"),
        ("pbg simpatik", "sm_pbg:2 pbg:1"),
        ("sktm kec danau teluk", "dt_sktm:2 sktm:1"),
    ],
    "typo": [
        ("santunan kematin kartu bahagia dinsos", "bs_santunan:2 santunan:1"),
        ("sertifkat laik fungsi simpatik", "sm_slf:2 slf:1"),
        ("surat domisli danau teluk", "dt_domisili:2 domisili:1"),
    ],
    "english": [
        ("business identification number simpatik", "sm_nib:2 nib:1"),
        ("building approval permit simpatik jambi", "sm_pbg:2 pbg:1"),
        ("social welfare data registration dinas sosial jambi", "bs_dtks:2 dtks:1"),
        ("certificate of residence danau teluk", "dt_domisili:2 domisili:1"),
    ],
    "old-term": [
        ("imb rumah lewat simpatik", "sm_pbg:2 pbg:1"),
        ("daftar dtks bansos sibansos", "bs_dtks:2 dtks:1"),
        ("jamkesda dinas sosial kota jambi", "bs_uhc:2 uhc:1"),
    ],
    "jambi-malay": [
        ("cakmano ngurus surat pindah di danau teluk", "dt_pindah:2 pindah_keluar:1"),
        ("nak pasang baliho izinnyo kemano simpatik", "sm_reklame:2 izin_reklame:1"),
        ("kemano ngurus sktm di seberang danau teluk", "dt_sktm:2 sktm:1"),
    ],
    "problem": [
        ("nenek terlantar tidak punya ktp mau dapat bantuan dinas sosial",
         "bs_rentan:2 rentan:1"),
        ("ketua rt meninggal ahli waris dapat santunan dinsos", "bs_santunan:2 santunan:1"),
        ("rt mau perbaiki jalan lingkungan pakai dana kampung bahagia danau teluk",
         "dt_kampung:2 kampung_bahagia:1"),
    ],
    "app": [
        ("aplikasi sibansos dinas sosial", "sibansos:layanan:2 bs_dtks:1 bs_uhc:1"),
        ("simpatik perizinan kota jambi", "simpatik:layanan:2 sm_nib:1 sm_pbg:1"),
    ],
}
# Queries answered by the two OpenSID kelurahan sites (services as "artikel" posts beside a
# widget sidebar), numbered from q570; written before any crawler change for them.
DEVSET_OPENSID: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("surat keterangan usaha kelurahan talang banjar", "tb_sku:2 pk_sku:1"),
        ("persyaratan surat keterangan ahli waris kelurahan pakuan baru",
         "pk_ahliwaris:2 tb_ahliwaris:1"),
        ("surat keterangan kematian kelurahan talang banjar", "tb_kematian:2 akta_mati:1"),
        ("surat keterangan belum menikah pakuan baru", "pk_belumnikah:2"),
    ],
    "colloquial": [
        ("cara bikin surat domisili di talang banjar", "tb_domisili:2 domisili:1"),
        ("ngurus sku buat pinjam kur di pakuan baru", "pk_sku:2 tb_sku:1"),
        ("mau nikah minta surat pengantar ke kelurahan talang banjar", "tb_nikah:2 nikah:1"),
    ],
    "abbreviation": [
        ("sktm kel talang banjar", "tb_sktm:2 sktm:1"),
        ("sku umkm pakuan baru", "pk_sku:2 tb_sku:1"),
        ("dtks kelurahan pakuan baru", "pk_dtks:2 dtks:1"),
    ],
    "typo": [
        ("surat ahli wars talang banjar", "tb_ahliwaris:2 pk_ahliwaris:1"),
        ("pengantr kk baru pakuan baru", "pk_kk:2 kk_baru:1"),
        ("surat kematin pakuan baru", "pk_kematian:2 akta_mati:1"),
    ],
    "old-term": [
        ("surat keterangan miskin talang banjar", "tb_sktm:2 sktm:1"),
        ("surat kenal lahir kelurahan talang banjar", "tb_lahir:2 akta_lahir:1"),
    ],
    "english": [
        ("business certificate letter pakuan baru village", "pk_sku:2 tb_sku:1"),
        ("heir certificate talang banjar", "tb_ahliwaris:2 pk_ahliwaris:1"),
        ("death certificate letter kelurahan pakuan baru", "pk_kematian:2 akta_mati:1"),
    ],
    "jambi-malay": [
        ("cakmano ngurus surat pindah di pakuan baru", "pk_pindah:2 pindah_keluar:1"),
        ("nak minta surat keterangan usaha di talang banjar bawak apo bae",
         "tb_sku:2 pk_sku:1"),
        ("kemano ngurus surat belum nikah pakuan baru", "pk_belumnikah:2"),
    ],
    "problem": [
        ("bapak meninggal mau urus warisan tanah surat dari kelurahan talang banjar",
         "tb_ahliwaris:2 pk_ahliwaris:1"),
        ("keluarga belum dapat bansos pakuan baru gimana", "pk_dtks:2 dtks:1"),
        ("anak saya baru lahir butuh surat dari kelurahan talang banjar",
         "tb_lahir:2 akta_lahir:1"),
    ],
    "app": [
        ("layanan mandiri surat online kelurahan talang banjar",
         "mandiri:kel-talangbanjar:2"),
    ],
}
# Queries answered by the Kecamatan Jambi Timur site (its services reachable only through the
# DataTables JSON of its service table), numbered from q600; written before any crawler change.
DEVSET_DATATABLES: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("surat keterangan tidak mampu kecamatan jambi timur", "jt_sktm:2 sktm:1"),
        ("pengantar perubahan data kartu keluarga kecamatan jambi timur", "jt_kk:2 kk_ubah:1"),
    ],
    "colloquial": [
        ("cara ngurus surat domisili di kecamatan jambi timur", "jt_domisili:2 domisili:1"),
        ("mau pindah ke luar kota jambi minta pengantar di jambi timur",
         "jt_pindah:2 pindah_keluar:1"),
    ],
    "abbreviation": [
        ("sktm kec jambi timur", "jt_sktm:2 sktm:1"),
        ("dtks kecamatan jambi timur", "jt_dtks:2 dtks:1"),
    ],
    "typo": [
        ("surat keterangan kematin jambi timur", "jt_kematian:2 akta_mati:1"),
        ("pengantar rekam ktp jmbi timur", "jt_ktp:2 ktp_baru:1"),
    ],
    "old-term": [
        ("surat keterangan miskin kecamatan jambi timur", "jt_sktm:2 sktm:1"),
        ("daftar bansos dtks lewat kecamatan jambi timur", "jt_dtks:2 dtks:1"),
    ],
    "english": [
        ("certificate of residence jambi timur district", "jt_domisili:2 domisili:1"),
        ("death certificate letter jambi timur", "jt_kematian:2 akta_mati:1"),
    ],
    "jambi-malay": [
        ("cakmano ngurus surat pindah di kecamatan jambi timur", "jt_pindah:2 pindah_keluar:1"),
        ("nak minta sktm di jambi timur bawak apo bae", "jt_sktm:2 sktm:1"),
    ],
    "problem": [
        ("rt kami mau semenisasi jalan pakai dana kampung bahagia jambi timur",
         "jt_kampung:2 kampung_bahagia:1"),
        ("anak baru 17 tahun mau rekam ktp di kantor camat jambi timur", "jt_ktp:2 ktp_baru:1"),
    ],
}
# Queries answered by the news-magazine kelurahan site (each service a WordPress page whose
# sections are accordion items), numbered from q620; written before any crawler change for it.
DEVSET_NEWSMAG: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("surat keterangan ahli waris kelurahan aur kenali", "ak_ahliwaris:2 tb_ahliwaris:1"),
        ("persyaratan surat keterangan usaha kelurahan aur kenali", "ak_sku:2 tb_sku:1"),
    ],
    "colloquial": [
        ("cara bikin sktm di kelurahan aur kenali", "ak_sktm:2 sktm:1"),
        ("rekam ktp di kantor lurah aur kenali bisa nggak", "ak_ktp:2 ktp_baru:1"),
    ],
    "abbreviation": [
        ("sku kel aur kenali", "ak_sku:2 tb_sku:1"),
        ("sktm kel aur kenali", "ak_sktm:2 sktm:1"),
    ],
    "typo": [
        ("surat domisli kelurahan aur kenali", "ak_domisili:2 domisili:1"),
        ("kampung bahagya aur kenali", "ak_kampung:2 kampung_bahagia:1"),
    ],
    "english": [
        ("heir certificate aur kenali village", "ak_ahliwaris:2 tb_ahliwaris:1"),
    ],
    "old-term": [
        ("surat keterangan miskin kelurahan aur kenali", "ak_sktm:2 sktm:1"),
    ],
    "jambi-malay": [
        ("cakmano ngurus surat pindah di aur kenali", "ak_pindah:2 pindah_keluar:1"),
        ("nak minta surat keterangan usaha di kelurahan aur kenali bawak apo bae",
         "ak_sku:2 tb_sku:1"),
    ],
    "problem": [
        ("rt mau usulkan perbaikan jalan lingkungan dana kampung bahagia aur kenali",
         "ak_kampung:2 kampung_bahagia:1"),
        ("mau pindah ke luar kota jambi minta pengantar dari kelurahan aur kenali",
         "ak_pindah:2 pindah_keluar:1"),
    ],
}
# Queries answered by the two SPAs over a CMS's rich text (a Vue theme over WordPress's REST
# API, a React app over a headless CMS), numbered from q640; written before any crawler
# change for them.
DEVSET_CMSSPA: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("layanan pemadaman kebakaran damkar kota jambi", "sg_api:2 damkar_api:1"),
        ("persyaratan pendaftaran relawan pemadam kebakaran redkar", "sg_redkar:2 redkar:1"),
        ("kartu tanda pencari kerja disnaker kota jambi", "kj_ak1:2 ak1:1"),
        ("pendaftaran pelatihan kerja balikat disnaker", "kj_balikat:2 balikat:1"),
    ],
    "colloquial": [
        ("cara lapor kebakaran ke damkar", "sg_api:2 damkar_api:1"),
        ("mau jadi relawan damkar di rt gimana caranya", "sg_redkar:2 redkar:1"),
        ("bikin kartu pencari kerja buat ngelamar kerja", "kj_ak1:2 ak1:1"),
        ("ikut pelatihan gratis di balikat daftarnya gimana", "kj_balikat:2 balikat:1"),
    ],
    "problem": [
        ("ada ular masuk rumah minta tolong damkar", "sg_evakuasi:2 damkar_evakuasi:1"),
        ("sarang tawon di atap rumah siapa yang bisa buang", "sg_evakuasi:2 damkar_evakuasi:1"),
        ("cincin tersangkut di jari tidak bisa dilepas", "sg_evakuasi:2 damkar_evakuasi:1"),
        ("baru lulus sekolah mau melamar kerja perlu kartu dari disnaker", "kj_ak1:2 ak1:1"),
        ("nganggur ingin punya keterampilan kerja gratis", "kj_balikat:2 balikat:1"),
    ],
    "typo": [
        ("pemadamam kebakaran damkar jambi", "sg_api:2 damkar_api:1"),
        ("evakusi biawak masuk rumah damkar", "sg_evakuasi:2 damkar_evakuasi:1"),
        ("kartu pencri kerja ak1 disnaker", "kj_ak1:2 ak1:1"),
    ],
    "english": [
        ("fire department report a fire jambi city", "sg_api:2 damkar_api:1"),
        ("snake removal rescue service jambi", "sg_evakuasi:2 damkar_evakuasi:1"),
        ("job seeker card jambi manpower office", "kj_ak1:2 ak1:1"),
        ("free vocational training jambi city", "kj_balikat:2 balikat:1"),
    ],
    "app": [
        ("sigap damkar kota jambi", "sigap-damkar:layanan:2 sg_api:1 sg_evakuasi:1"),
        ("siap kerja disnaker kota jambi", "siapkerja:layanan:2 kj_ak1:1 kj_balikat:1"),
    ],
    "old-term": [
        ("kartu kuning disnaker kota jambi", "kj_ak1:2 ak1:1"),
        ("lapor kebakaran ke pmk kota jambi", "sg_api:2 damkar_api:1"),
        ("blk pelatihan kerja kota jambi", "kj_balikat:2 balikat:1"),
    ],
    "jambi-malay": [
        ("ado ular masuk rumah cakmano nelpon damkar", "sg_evakuasi:2 damkar_evakuasi:1"),
        ("nak jadi relawan pemadam di rt kami daftar kemano", "sg_redkar:2 redkar:1"),
        ("cakmano nak buat kartu kuning untuk ngelamar gawe", "kj_ak1:2 ak1:1"),
    ],
}
# Queries answered by the services told in news-style posts on the Median UI kelurahan blog
# and the Newspaper-theme Dinas Sosial site, numbered from q670; written before any crawler
# change for them.
DEVSET_EDITOR_POSTS: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("surat keterangan domisili kelurahan bakung jaya", "bj_domisili:2 domisili:1"),
        ("persyaratan surat keterangan tidak mampu kelurahan bakung jaya", "bj_sktm:2 sktm:1"),
        ("kartu identitas anak kelurahan bakung jaya", "bj_kia:2 kia:1"),
        ("persyaratan pendaftaran dtks dinas sosial", "dn_dtks:2 dtks:1"),
        ("santunan kematian peserta kartu bahagia dinas sosial",
         "dn_santunan:2 kb_santunan:1 santunan:1"),
        ("pendaftaran penduduk rentan administrasi kependudukan dinas sosial",
         "dn_rentan:2 rentan:1"),
    ],
    "colloquial": [
        ("cara urus sktm di kelurahan bakung jaya langsung jadi", "bj_sktm:2 sktm:1"),
        ("mau rekam ktp di kantor lurah bakung jaya", "bj_ktp:2 ktp_baru:1"),
        ("syarat daftar bedah rumah lewat dinsos", "dn_rtlh:2 rtlh:1"),
        ("berobat gratis pakai ktp syaratnya apa dinsos", "dn_uhc:2 uhc:1 kb_uhc:1"),
    ],
    "abbreviation": [
        ("kia kel bakung jaya", "bj_kia:2 kia:1"),
        ("dtks dinsos kota jambi", "dn_dtks:2 dtks:1"),
        ("rtlh dinsos kota jambi", "dn_rtlh:2 rtlh:1"),
    ],
    "typo": [
        ("surat domisli bakung jaya", "bj_domisili:2 domisili:1"),
        ("beasiswa kartu bahgia dinsos", "dn_beasiswa:2 beasiswa:1 kb_beasiswa:1"),
    ],
    "old-term": [
        ("surat keterangan miskin kelurahan bakung jaya", "bj_sktm:2 sktm:1"),
        ("kartu anak kelurahan bakung jaya", "bj_kia:2 kia:1"),
    ],
    "english": [
        ("moving out letter bakung jaya village", "bj_pindah:2 pindah_keluar:1"),
        ("social welfare data registration dinas sosial", "dn_dtks:2 dtks:1"),
    ],
    "jambi-malay": [
        ("cakmano ngurus surat pindah di bakung jaya", "bj_pindah:2 pindah_keluar:1"),
        ("nak minta dana kampung bahagia rt di bakung jaya", "bj_kampung:2 kampung_bahagia:1"),
    ],
    "problem": [
        ("anak mau daftar sekolah butuh kartu identitas anak bakung jaya", "bj_kia:2 kia:1"),
        ("orang tua meninggal peserta kartu bahagia mau klaim santunan dinsos",
         "dn_santunan:2 kb_santunan:1 santunan:1"),
        ("rumah bocor dan lantai tanah mau usul bedah rumah dinsos", "dn_rtlh:2 rtlh:1"),
        ("nenek tidak punya ktp tinggal di panti mau didata dinsos", "dn_rentan:2 rentan:1"),
    ],
}
# Queries answered by the two kelurahan apps that show a service only behind a button (data
# attributes, hidden modals, an AJAX fragment), numbered from q700; written before any
# crawler change for them.
DEVSET_MODAL: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("surat keterangan tidak mampu kelurahan pinang merah", "pg_sktm:2 sktm:1"),
        ("persyaratan pengantar pindah keluar kelurahan kenali asam",
         "ka_pindah:2 pindah_keluar:1"),
        ("surat keterangan kematian kelurahan pinang merah", "pg_kematian:2 akta_mati:1"),
        ("usulan bantuan bedah rumah kelurahan kenali asam", "ka_rtlh:2 rtlh:1"),
    ],
    "colloquial": [
        ("cara ngurus surat domisili di kelurahan pinang merah", "pg_domisili:2 domisili:1"),
        ("mau rekam ktp pertama kali lewat kelurahan kenali asam", "ka_ktp:2 ktp_baru:1"),
        ("gimana caranya keluarga kami masuk dtks di pinang merah", "pg_dtks:2 dtks:1"),
    ],
    "abbreviation": [
        ("sktm kel kenali asam", "ka_sktm:2 sktm:1"),
        ("rtlh kel kenali asam", "ka_rtlh:2 rtlh:1"),
        ("pengantar kk kel pinang merah", "pg_kk:2 kk_ubah:1"),
    ],
    "typo": [
        ("surat keteranagn domisili kenali asam", "ka_domisili:2 domisili:1"),
        ("kampung bahgia pinang merah", "pg_kampung:2 kampung_bahagia:1"),
    ],
    "english": [
        ("certificate of poverty pinang merah village", "pg_sktm:2 sktm:1"),
        ("house renovation aid kenali asam", "ka_rtlh:2 rtlh:1"),
        ("death certificate letter pinang merah village", "pg_kematian:2 akta_mati:1"),
    ],
    "old-term": [
        ("surat keterangan miskin kelurahan kenali asam", "ka_sktm:2 sktm:1"),
        ("pendataan keluarga miskin kelurahan pinang merah", "pg_dtks:2 dtks:1"),
    ],
    "jambi-malay": [
        ("cakmano nak pindah dari kenali asam ke luar kota", "ka_pindah:2 pindah_keluar:1"),
        ("nak ngurus surat kematian di pinang merah bawak apo bae",
         "pg_kematian:2 akta_mati:1"),
        ("cakmano ngusulkan kampung bahagia di kenali asam", "ka_kampung:2 kampung_bahagia:1"),
    ],
    "problem": [
        ("rumah sudah mau roboh minta bantuan perbaikan di kenali asam", "ka_rtlh:2 rtlh:1"),
        ("anak baru lahir mau ditambahkan ke kartu keluarga pinang merah", "pg_kk:2 kk_ubah:1"),
        ("butuh surat tidak mampu untuk keringanan biaya sekolah di pinang merah",
         "pg_sktm:2 sktm:1"),
        ("rt mau usulkan semenisasi jalan dana kampung bahagia pinang merah",
         "pg_kampung:2 kampung_bahagia:1"),
        ("baru pindah rumah ke kenali asam butuh keterangan tempat tinggal",
         "ka_domisili:2 domisili:1"),
    ],
}
# Queries answered by the two JSON apps whose keys are not ours (SIMPEL Dukcapil over Strapi
# GraphQL, SIPANDA BPPRD in Angular over a spreadsheet import), numbered from q730; written
# before any crawler change for them.
DEVSET_JSONKEYS: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("persyaratan pembuatan kartu keluarga baru simpel dukcapil", "sd_kk:2 kk_baru:1"),
        ("pengurusan akta kelahiran disdukcapil kota jambi", "sd_lahir:2 akta_lahir:1"),
        ("persyaratan akta kematian simpel dukcapil", "sd_mati:2 akta_mati:1"),
        ("aktivasi identitas kependudukan digital simpel dukcapil", "sd_ikd:2 ikd:1"),
        ("balik nama sppt pbb sipanda bpprd", "sp_mutasi:2 pbb_mutasi:1"),
        ("pengajuan keberatan pajak bumi dan bangunan sipanda", "sp_keberatan:2 pbb_keberatan:1"),
        ("validasi bphtb jual beli tanah bpprd", "sp_bphtb:2 bphtb:1 ep_bphtb:1"),
        ("pendaftaran objek pbb baru sipanda bpprd", "sp_baru:2 pbb_baru:1"),
    ],
    "colloquial": [
        ("syarat bikin kk baru habis nikah di dukcapil", "sd_kk:2 kk_baru:1"),
        ("bayi baru lahir ngurus akta kelahiran bawa apa aja", "sd_lahir:2 akta_lahir:1"),
        ("cara pasang ktp digital di hp simpel dukcapil", "sd_ikd:2 ikd:1"),
        ("berapa lama balik nama pbb di sipanda", "sp_mutasi:2 pbb_mutasi:1"),
        ("cara cek tagihan pbb pakai nop sipanda", "sp_cek:2 pbb_cek:1"),
        ("buka rumah makan harus daftar pajak restoran gimana", "sp_resto:2 pajak_resto:1 "
         "ep_resto:1"),
    ],
    "abbreviation": [
        ("kia simpel dukcapil", "sd_kia:2 kia:1"),
        ("skpwni simpel dukcapil", "sd_pindah:2 pindah_keluar:1"),
        ("sppt pbb salah nama sipanda", "sp_betul:2 pbb_betul:1"),
        ("bphtb sipanda bpprd", "sp_bphtb:2 bphtb:1 ep_bphtb:1"),
        ("ikd dukcapil simpel", "sd_ikd:2 ikd:1"),
    ],
    "typo": [
        ("akta kelahrian simpel dukcapil", "sd_lahir:2 akta_lahir:1"),
        ("kartu identitas anank simpel dukcapil", "sd_kia:2 kia:1"),
        ("keberatn pbb sipanda", "sp_keberatan:2 pbb_keberatan:1"),
        ("pajak restoaran sipanda bpprd", "sp_resto:2 pajak_resto:1 ep_resto:1"),
    ],
    "english": [
        ("new family card requirements jambi civil registry app", "sd_kk:2 kk_baru:1"),
        ("death certificate simpel dukcapil", "sd_mati:2 akta_mati:1"),
        ("moving out of jambi city letter simpel dukcapil", "sd_pindah:2 pindah_keluar:1"),
        ("property tax bill check sipanda", "sp_cek:2 pbb_cek:1"),
        ("land title transfer tax validation sipanda", "sp_bphtb:2 bphtb:1 ep_bphtb:1"),
        ("restaurant tax registration sipanda", "sp_resto:2 pajak_resto:1 ep_resto:1"),
    ],
    "app": [
        ("simpel dukcapil kota jambi", "simpel-dukcapil:layanan:2 sd_kk:1 sd_lahir:1"),
        ("sipanda bpprd kota jambi", "sipanda-bpprd:layanan:2 sp_cek:1 sp_mutasi:1"),
    ],
    "old-term": [
        ("surat pindah antar kota simpel dukcapil", "sd_pindah:2 pindah_keluar:1"),
        ("ktp anak simpel dukcapil", "sd_kia:2 kia:1"),
        ("balik nama ipeda sipanda", "sp_mutasi:2 pbb_mutasi:1"),
        ("daftar npwpd rumah makan sipanda", "sp_resto:2 pajak_resto:1 ep_resto:1"),
    ],
    "jambi-malay": [
        ("nak buat akta lahir anak di simpel dukcapil bawak apo bae", "sd_lahir:2 akta_lahir:1"),
        ("cakmano nak pindah keluar kota jambi surat dio", "sd_pindah:2 pindah_keluar:1"),
        ("pbb kami salah luas tanah cakmano mbetulkan di sipanda", "sp_betul:2 pbb_betul:1"),
        ("nak cek utang pbb rumah di sipanda", "sp_cek:2 pbb_cek:1"),
    ],
    "problem": [
        ("bapak meninggal di rumah mau urus akta kematian", "sd_mati:2 akta_mati:1"),
        ("anak mau daftar sekolah diminta kartu identitas anak", "sd_kia:2 kia:1"),
        ("tagihan pbb naik tidak sesuai mau protes sipanda", "sp_keberatan:2 pbb_keberatan:1"),
        ("beli tanah mau bayar bphtb sebelum akta jual beli", "sp_bphtb:2 bphtb:1 ep_bphtb:1"),
        ("rumah baru dibangun belum punya sppt pbb", "sp_baru:2 pbb_baru:1"),
        ("tanah warisan mau ganti nama di sppt pbb sipanda", "sp_mutasi:2 pbb_mutasi:1"),
    ],
}
# Queries answered by the hand-edited service posts of Kelurahan Solok Sipin (Word paste,
# bold capitals, tables, <div> lines, definition lists, lettered sections, emoji headings,
# <font> soup, English), numbered from q780; written before any extraction change for them.
DEVSET_HANDEDIT: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("surat keterangan domisili kelurahan solok sipin", "so_domisili:2 domisili:1"),
        ("persyaratan surat keterangan tidak mampu kelurahan solok sipin", "so_sktm:2 sktm:1"),
        ("surat keterangan kematian kelurahan solok sipin", "so_kematian:2 akta_mati:1"),
        ("usulan bantuan bedah rumah tidak layak huni solok sipin", "so_rtlh:2 rtlh:1"),
        ("perubahan data kartu keluarga kelurahan solok sipin", "so_kk:2 kk_ubah:1"),
        ("kartu identitas anak kelurahan solok sipin", "so_kia:2 kia:1"),
    ],
    "colloquial": [
        ("cara urus sktm di kelurahan solok sipin", "so_sktm:2 sktm:1"),
        ("mau rekam ktp di kantor lurah solok sipin hari apa", "so_ktp:2 ktp_baru:1"),
        ("bikin surat domisili solok sipin berapa lama", "so_domisili:2 domisili:1"),
        ("mau tambah anak di kk lewat kelurahan solok sipin", "so_kk:2 kk_ubah:1"),
        ("keluarga meninggal urus surat kematian di solok sipin bawa apa",
         "so_kematian:2 akta_mati:1"),
    ],
    "abbreviation": [
        ("sktm kel solok sipin", "so_sktm:2 sktm:1"),
        ("rtlh kel solok sipin", "so_rtlh:2 rtlh:1"),
        ("kia kel solok sipin", "so_kia:2 kia:1"),
        ("skpwni pengantar kel solok sipin", "so_pindah:2 pindah_keluar:1"),
    ],
    "typo": [
        ("surat keterangan domisli solok sipin", "so_domisili:2 domisili:1"),
        ("kampung bahgia solok sipin", "so_kampung:2 kampung_bahagia:1"),
        ("surat pindah soluk sipin", "so_pindah:2 pindah_keluar:1"),
    ],
    "old-term": [
        ("surat keterangan miskin kelurahan solok sipin", "so_sktm:2 sktm:1"),
        ("surat kematian dari lurah solok sipin", "so_kematian:2 akta_mati:1"),
        ("bedah rumah warga miskin solok sipin", "so_rtlh:2 rtlh:1"),
    ],
    "english": [
        ("child identity card solok sipin village", "so_kia:2 kia:1"),
        ("certificate of residence solok sipin", "so_domisili:2 domisili:1"),
        ("house renovation aid solok sipin", "so_rtlh:2 rtlh:1"),
    ],
    "jambi-malay": [
        ("cakmano ngurus surat pindah di solok sipin", "so_pindah:2 pindah_keluar:1"),
        ("nak ngusulkan kampung bahagia rt di solok sipin", "so_kampung:2 kampung_bahagia:1"),
        ("nak rekam ktp anak baru 17 taun di solok sipin", "so_ktp:2 ktp_baru:1"),
    ],
    "problem": [
        ("anak baru lahir mau dimasukkan ke kartu keluarga solok sipin", "so_kk:2 kk_ubah:1"),
        ("mau pindah kerja ke luar kota jambi dari solok sipin", "so_pindah:2 pindah_keluar:1"),
        ("butuh keringanan biaya sekolah anak warga solok sipin", "so_sktm:2 sktm:1"),
        ("atap rumah bocor dan dinding papan lapuk minta bantuan solok sipin", "so_rtlh:2 rtlh:1"),
        ("rt mau bangun drainase pakai dana kampung bahagia solok sipin",
         "so_kampung:2 kampung_bahagia:1"),
    ],
}
# Queries answered by the kelurahan whose services are only in Word-table Standar Pelayanan
# PDFs, numbered from q870; written before measuring the PDF reading on this site.
DEVSET_PDFTABLE: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("persyaratan surat keterangan tidak mampu kelurahan sungai putri", "sp_sktm:2 sktm:1"),
        ("syarat pengantar pindah keluar kelurahan sungai putri",
         "sp_pindah:2 pindah_keluar:1"),
        ("surat keterangan kematian kelurahan sungai putri", "sp_kematian:2 akta_mati:1"),
        ("prosedur surat keterangan domisili kelurahan sungai putri",
         "sp_domisili:2 domisili:1"),
    ],
    "colloquial": [
        ("bawa apa aja buat bikin sktm di sungai putri", "sp_sktm:2 sktm:1"),
        ("cara ngurus surat domisili di kelurahan sungai putri", "sp_domisili:2 domisili:1"),
        ("mau tambah anggota keluarga di kk lewat kelurahan sungai putri",
         "sp_kk:2 kk_ubah:1"),
    ],
    "abbreviation": [
        ("sktm kel sungai putri", "sp_sktm:2 sktm:1"),
        ("pengantar kk kel sungai putri", "sp_kk:2 kk_ubah:1"),
    ],
    "typo": [
        ("surat keterangan kematain sungai putri", "sp_kematian:2 akta_mati:1"),
        ("pengantar pindah kluar sungai putri", "sp_pindah:2 pindah_keluar:1"),
    ],
    "english": [
        ("certificate of domicile sungai putri village", "sp_domisili:2 domisili:1"),
        ("moving out letter sungai putri village", "sp_pindah:2 pindah_keluar:1"),
    ],
    "jambi-malay": [
        ("cakmano ngurus surat kematian di sungai putri", "sp_kematian:2 akta_mati:1"),
        ("nak buat sktm di sungai putri bawak apo bae", "sp_sktm:2 sktm:1"),
    ],
    "problem": [
        ("butuh keterangan tidak mampu untuk berobat di sungai putri", "sp_sktm:2 sktm:1"),
        ("orang tua meninggal perlu surat dari kelurahan sungai putri",
         "sp_kematian:2 akta_mati:1"),
        ("berapa lama proses pengantar perubahan kartu keluarga di sungai putri",
         "sp_kk:2 kk_ubah:1"),
    ],
}
# Queries answered by the script apps whose data ships in a JS literal data file (SIPINTU
# DPMPTSP) or in Apollo's normalised cache in the page (SIAPDUK Disdukcapil), numbered from
# q910; written before any crawler change for them.
DEVSET_SCRIPTDATA: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("persyaratan nomor induk berusaha sipintu dpmptsp", "pt_nib:2 nib:1"),
        ("persetujuan bangunan gedung sipintu", "pt_pbg:2 pbg:1 slf:1"),
        ("sertifikat laik fungsi bangunan sipintu dpmptsp", "pt_slf:2 slf:1"),
        ("izin pemasangan reklame sipintu kota jambi", "pt_reklame:2 izin_reklame:1"),
        ("penerbitan akta perkawinan non muslim siapduk", "sa_kawin:2 akta_kawin:1"),
        ("pencatatan perceraian siapduk dukcapil", "sa_cerai:2 akta_cerai:1"),
        ("legalisir dokumen kependudukan siapduk", "sa_legalisir:2 legalisir:1"),
    ],
    "colloquial": [
        ("syarat bikin nib buat dagang di sipintu", "pt_nib:2 nib:1"),
        ("mau bangun rumah izinnya apa sipintu", "pt_pbg:2 pbg:1"),
        ("ktp ilang cetak ulang di siapduk bawa apa", "sa_ktp_hilang:2 ktp_hilang:1"),
        ("kk rusak kena banjir gimana urusnya siapduk", "sa_kk_hilang:2 kk_hilang:1"),
    ],
    "abbreviation": [
        ("sip dokter sipintu", "pt_sipdokter:2 sip_dokter:1"),
        ("slf sipintu dpmptsp", "pt_slf:2 slf:1"),
        ("ktp-el perubahan data siapduk", "sa_ktp_ubah:2 ktp_ubah:1"),
    ],
    "typo": [
        ("izin reklme sipintu", "pt_reklame:2 izin_reklame:1"),
        ("akta percerian siapduk", "sa_cerai:2 akta_cerai:1"),
    ],
    "english": [
        ("business identification number sipintu", "pt_nib:2 nib:1"),
        ("doctor practice license sipintu jambi", "pt_sipdokter:2 sip_dokter:1"),
        ("moving to jambi city new family card siapduk", "sa_datang:2 pindah_datang:1"),
    ],
    "app": [
        ("sipintu dpmptsp kota jambi", "sipintu-dpmptsp:layanan:2 pt_nib:1 pt_pbg:1"),
        ("siapduk dukcapil kota jambi", "siapduk-dukcapil:layanan:2 sa_ktp_hilang:1"),
    ],
    "jambi-malay": [
        ("nak pasang baliho di jalan cakmano izinnyo sipintu", "pt_reklame:2 izin_reklame:1"),
        ("kami baru pindah ke jambi nak ngurus kk siapduk", "sa_datang:2 pindah_datang:1"),
    ],
    "problem": [
        ("status di ktp masih belum kawin padahal sudah nikah siapduk",
         "sa_ktp_ubah:2 ktp_ubah:1"),
        ("nikah di gereja mau dicatat di dukcapil siapduk", "sa_kawin:2 akta_kawin:1"),
        ("lamaran kerja minta fotokopi akta dilegalisir siapduk", "sa_legalisir:2 legalisir:1"),
    ],
}
# ---------------------------------------------------------------------------------------------
# Blogger and OpenSID as Indonesian offices really run them (issue #11, session 10): three
# families modelled on the third-party themes most kelurahan blogs use, not on Blogger's or
# OpenSID's stock ones. What they share, and what our earlier blog families lacked:
# - posts filed under labels that say nothing ("Info", "Umum", "Kelurahan") or none at all,
#   services and news mixed on the home, on ``/search/label/X`` and on the
#   ``/search?updated-max=...`` pages the home's "Postingan Lebih Lama" link walks;
# - bodies as editors type them: intro prose, then the facts in ``<br>`` lines, inline
#   ("Syarat-syarat: a, b dan c."), in a table, or only behind a brochure image and a Google
#   Drive link; a "Baca juga" box inside the body linking another post;
# - theme furniture around the post: breadcrumb, share buttons, a table-of-contents widget,
#   related posts drawn by script from ``/feeds/posts/default/-/<label>?alt=json``, popular
#   posts with snippets, a label cloud; ``?m=1`` mobile twins of every page.
# Kelurahan The Hok on a Plus UI-like theme (Fineshop Design): services are posts.
# Kelurahan Lebak Bandung on a Fletro-like theme (JagoTheme): services are static pages
# ``/p/<slug>.html`` under a "Layanan" menu and a ``/p/layanan.html`` index, posts are news.
# Kelurahan Tanjung Pinang on OpenSID's Natra theme (winner of the 2019 theme contest): articles
# at ``/index.php/artikel/<y>/<m>/<d>/<slug>`` (no URL rewriting) in categories "Umum",
# "Informasi" and "Berita Kelurahan", bodies pasted from Word, a "Persyaratan Surat" page
# listing every letter's requirements. Ports 8791-8793.
# ---------------------------------------------------------------------------------------------

SITES += [
    Site("kel-thehok", "Kelurahan The Hok", "Kelurahan The Hok", "plusui", 90,
         "Website Resmi Kelurahan The Hok, Kecamatan Jambi Selatan",
         "Jl. Sultan Hasanuddin, Kel. The Hok, Kec. Jambi Selatan, Kota Jambi",
         "adalah kelurahan di Kecamatan Jambi Selatan yang melayani surat keterangan, surat "
         "pengantar dan usulan program bagi warga di 27 RT",
         place="Kantor Lurah The Hok, Jl. Sultan Hasanuddin", color="#0d9488"),
    Site("kel-lebakbandung", "Kelurahan Lebak Bandung", "Kelurahan Lebak Bandung", "fletro", 91,
         "Informasi Pelayanan dan Kegiatan Kelurahan Lebak Bandung, Kecamatan Jelutung",
         "Jl. Kopral Ramli, Kel. Lebak Bandung, Kec. Jelutung, Kota Jambi",
         "adalah kelurahan di Kecamatan Jelutung yang melayani surat keterangan dan pengantar "
         "administrasi kependudukan bagi warga di 22 RT",
         place="Kantor Lurah Lebak Bandung, Jl. Kopral Ramli", color="#7c3aed"),
    Site("kel-tanjungpinang", "Kelurahan Tanjung Pinang", "Kelurahan Tanjung Pinang", "natra", 92,
         "Kecamatan Jambi Timur, Kota Jambi, Provinsi Jambi",
         "Jl. Abunjani No. 14, Kel. Tanjung Pinang, Kec. Jambi Timur, Kota Jambi",
         "adalah kelurahan di Kecamatan Jambi Timur yang melayani surat keterangan, pengantar "
         "kependudukan dan pendataan warga di 30 RT", labels="b",
         place="Kantor Lurah Tanjung Pinang, Jl. Abunjani No. 14", color="#b45309"),
]
SITE.update({s.name: s for s in SITES})
FAMILY.update({"plusui": "blogger-plusui", "fletro": "blogger-fletro-pages",
               "natra": "opensid-natra"})

# (fact index, site, date, title, intro, overrides); "style" is how the editor wrote the facts
# (``soup_body``), "label" the post's label or category (None: no label)
SERVICES.update({
    "th_domisili": (66, "kel-thehok", "2024-01-22",
                    "Cara Membuat Surat Keterangan Domisili di Kelurahan The Hok",
                    "Surat keterangan domisili sering diminta saat melamar pekerjaan, mendaftar "
                    "sekolah atau membuka rekening. Warga The Hok dapat mengurusnya sendiri di "
                    "kantor lurah.", {"style": "br_lines", "label": "Info",
                                      "duration": "selesai di hari yang sama"}),
    "th_sktm": (67, "kel-thehok", "2024-03-11", "Pelayanan SKTM Tahun 2024",
                "Menjelang pendaftaran sekolah banyak warga bertanya soal Surat Keterangan Tidak "
                "Mampu. Berikut penjelasan singkat dari staf pelayanan kami.",
                {"style": "inline", "label": "Umum", "duration": "1 hari kerja",
                 "cost": "tidak dipungut biaya"}),
    "th_sku": (None, "kel-thehok", "2024-05-06", "Surat Keterangan Usaha untuk Pelaku UMKM",
               "Pelaku usaha kecil di The Hok yang ingin mengajukan pinjaman modal atau KUR ke "
               "bank biasanya diminta melampirkan surat keterangan usaha dari kelurahan.",
               {**SKU_FACTS, "style": "table_html", "label": "Kelurahan", "legal_basis": None}),
    "th_pindah": (9, "kel-thehok", "2024-07-15", "Surat Pengantar Pindah Keluar Kota",
                  "Warga The Hok yang akan pindah ke luar Kota Jambi terlebih dahulu meminta "
                  "surat pengantar pindah dari kelurahan sebelum mengurus SKPWNI di Disdukcapil.",
                  {"style": "drive_only", "label": None, "duration": "1 hari kerja",
                   "cost": "gratis"}),
    "th_kematian": (7, "kel-thehok", "2024-09-02", "Lapor Kematian Warga ke Kelurahan",
                    "Keluarga yang anggota keluarganya meninggal dunia hendaknya segera melapor ke "
                    "kelurahan. Surat keterangan kematian menjadi dasar akta kematian dan "
                    "santunan.", {"style": "br_lines", "label": "Info",
                                  "duration": "selesai hari itu juga"}),
    "th_kampung": (68, "kel-thehok", "2024-11-18", "Usulan Kampung Bahagia Tahun 2025",
                   "Ketua RT di The Hok diingatkan untuk menyusun usulan kegiatan Kampung Bahagia "
                   "tahun 2025 bersama warga melalui musyawarah RT.",
                   {"style": "inline", "label": "Umum", "cost": "tidak dipungut biaya",
                    "duration": "sekali setahun sesuai jadwal musyawarah"}),
    "lb_domisili": (66, "kel-lebakbandung", "2023-08-14", "Surat Keterangan Domisili",
                    "Surat keterangan domisili menerangkan bahwa seseorang benar bertempat tinggal "
                    "di wilayah Kelurahan Lebak Bandung.", {"style": "word",
                                                            "duration": "± 15 menit"}),
    "lb_sktm": (67, "kel-lebakbandung", "2023-08-14", "Surat Keterangan Tidak Mampu (SKTM)",
                "SKTM diberikan kepada warga Lebak Bandung yang kurang mampu untuk keringanan "
                "biaya sekolah, berobat atau syarat bantuan sosial.",
                {"style": "table", "duration": "1 hari kerja"}),
    "lb_kk": (4, "kel-lebakbandung", "2023-08-14", "Pengantar Perubahan Kartu Keluarga",
              "Penambahan anggota keluarga karena kelahiran, pisah KK atau perbaikan data Kartu "
              "Keluarga dapat diurus melalui petugas register Kelurahan Lebak Bandung.",
              {"style": "br_lines", "duration": "3 hari kerja", "online": None}),
    "lb_ahliwaris": (None, "kel-lebakbandung", "2023-08-14", "Surat Keterangan Ahli Waris",
                     "Ahli waris yang akan mengurus balik nama sertifikat, pencairan tabungan "
                     "atau pensiun almarhum memerlukan surat keterangan ahli waris yang "
                     "diregister kelurahan dan kecamatan.",
                     {**AHLI_WARIS_FACTS, "style": "inline"}),
    "lb_rtlh": (60, "kel-lebakbandung", "2023-08-14", "Usulan Bedah Rumah (RTLH)",
                "Kelurahan meneruskan usulan RT bagi rumah warga yang tidak layak huni ke Dinas "
                "Perkim untuk bantuan bedah rumah.", {"style": "caps"}),
    "tp_sktm": (67, "kel-tanjungpinang", "2024-02-05", "Syarat Pengurusan SKTM",
                "Surat Keterangan Tidak Mampu diterbitkan bagi keluarga kurang mampu di "
                "Tanjung Pinang untuk keperluan sekolah, berobat dan bantuan.",
                {"style": "word", "label": "Umum", "duration": "1 hari kerja"}),
    "tp_domisili": (66, "kel-tanjungpinang", "2024-04-15", "Keterangan Domisili Penduduk",
                    "Warga yang membutuhkan bukti tempat tinggal di Tanjung Pinang dapat "
                    "meminta surat keterangan domisili.",
                    {"style": "table", "label": "Informasi", "duration": "± 30 menit"}),
    "tp_kia": (8, "kel-tanjungpinang", "2024-06-24", "Kartu Identitas Anak Bisa Lewat Kelurahan",
               "Orang tua di Tanjung Pinang dapat menitipkan berkas Kartu Identitas Anak melalui "
               "operator kelurahan tanpa antre ke Disdukcapil.",
               {"style": "br_lines", "label": "Berita Kelurahan", "duration": "3 hari kerja",
                "online": None}),
    "tp_kematian": (7, "kel-tanjungpinang", "2024-09-09", "Surat Keterangan Kematian",
                    "Keluarga melaporkan warga yang meninggal dunia ke kelurahan paling lambat 30 "
                    "hari; surat keterangan kematian menjadi syarat akta kematian.",
                    {"style": "word", "label": "Umum", "duration": "selesai hari itu juga",
                     "online": None}),
    "tp_ktp": (0, "kel-tanjungpinang", "2024-11-25", "Rekam KTP-el bagi Pemula",
               "Pelajar dan warga Tanjung Pinang yang genap berusia 17 tahun dapat merekam "
               "KTP-el saat petugas Disdukcapil jemput bola ke aula kelurahan.",
               {"style": "inline", "label": "Informasi",
                "duration": "perekaman 15 menit, cetak 1-3 hari kerja", "online": None}),
})
for _key in ("th_domisili", "th_sktm", "th_sku", "th_pindah", "th_kematian", "th_kampung",
             "lb_domisili", "lb_sktm", "lb_kk", "lb_ahliwaris", "lb_rtlh", "tp_sktm",
             "tp_domisili", "tp_kia", "tp_kematian", "tp_ktp"):
    SERVICES[_key][5].setdefault("legal_basis", None)
    SERVICES[_key][5].setdefault("online", None)

# (site, slug, date, title, paragraphs, label): news on the same words (KTP, syarat, gratis)
SOUP_NEWS = [
    ("kel-thehok", "posyandu-lansia-rt-09", "2024-02-12", "Posyandu Lansia RT 09 Ramai Dikunjungi",
     ["Posyandu lansia di RT 09 melayani pemeriksaan tekanan darah dan gula darah gratis. "
      "Warga cukup membawa KTP dan buku kesehatan.", "Sebanyak 61 lansia hadir pagi itu."],
     "Kegiatan"),
    ("kel-thehok", "lurah-hadiri-musrenbang", "2024-04-01",
     "Lurah The Hok Hadiri Musrenbang Kecamatan Jambi Selatan",
     ["Lurah The Hok menyampaikan usulan perbaikan drainase dan lampu jalan lingkungan pada "
      "musrenbang tingkat kecamatan."], "Info"),
    ("kel-thehok", "penyaluran-beras-cpp", "2024-06-10", "Penyaluran Beras Cadangan Pangan",
     ["Sebanyak 280 keluarga penerima manfaat menerima beras 10 kg di kantor lurah. Penerima "
      "wajib membawa KTP dan KK asli serta undangan dari RT."], "Umum"),
    ("kel-thehok", "gotong-royong-jumat-bersih", "2024-08-16",
     "Jumat Bersih Jelang HUT RI di Lingkungan RT 04",
     ["Aparatur kelurahan bersama warga RT 04 membersihkan parit dan memasang umbul-umbul "
      "menyambut HUT Kemerdekaan RI."], "Kegiatan"),
    ("kel-thehok", "libur-pelayanan-akhir-tahun", "2024-12-23",
     "Pengumuman Libur Pelayanan Natal dan Tahun Baru",
     ["Pelayanan kantor Kelurahan The Hok libur pada 25-26 Desember 2024 dan 1 Januari 2025. "
      "Pelayanan surat-menyurat kembali normal pada 2 Januari 2025."], None),
    ("kel-thehok", "sosialisasi-pbb-2025", "2025-02-03",
     "Sosialisasi Pembayaran PBB 2025 kepada Ketua RT",
     ["Kelurahan bersama BPPRD membagikan SPPT PBB 2025 kepada Ketua RT untuk diteruskan ke "
      "warga. Pembayaran dapat dilakukan melalui bank dan aplikasi."], "Info"),
    ("kel-lebakbandung", "pelayanan-tetap-buka-ramadan", "2024-03-18",
     "Pelayanan Tetap Buka Selama Ramadan",
     ["Selama Ramadan pelayanan kantor Lurah Lebak Bandung dibuka pukul 08.00-14.00 WIB. "
      "Syarat dan biaya pengurusan surat tidak berubah; lihat menu Layanan."], "Info"),
    ("kel-lebakbandung", "vaksinasi-anak-sekolah", "2024-05-20",
     "Imunisasi Anak Sekolah di Aula Kelurahan",
     ["Puskesmas Jelutung memberikan imunisasi gratis bagi anak usia sekolah di aula kelurahan. "
      "Orang tua diminta membawa buku KIA."], "Berita"),
    ("kel-lebakbandung", "lomba-kebersihan-rt", "2024-07-29", "Lomba Kebersihan Antar-RT Dimulai",
     ["Lomba kebersihan lingkungan antar-RT se-Kelurahan Lebak Bandung dinilai mulai pekan ini. "
      "Penilaian meliputi drainase, bank sampah dan taman."], "Umum"),
    ("kel-lebakbandung", "bantuan-korban-kebakaran", "2024-10-07",
     "Bantuan untuk Korban Kebakaran di RT 15",
     ["Lurah Lebak Bandung menyalurkan bantuan sembako dan pakaian bagi tiga keluarga korban "
      "kebakaran. Pengurusan dokumen yang terbakar dibantu kelurahan tanpa biaya."], "Berita"),
    ("kel-lebakbandung", "rapat-ketua-rt-januari", "2025-01-13", "Rapat Koordinasi Ketua RT",
     ["Rapat koordinasi bulanan membahas pendataan warga pindah datang dan jadwal posyandu."],
     None),
    ("kel-tanjungpinang", "gotong-royong-tepian-batanghari", "2024-03-04",
     "Gotong Royong Bersihkan Tepian Batanghari",
     ["Warga RT 03 dan RT 05 bersama aparatur kelurahan membersihkan sampah di tepian Sungai "
      "Batanghari."], "Berita Kelurahan"),
    ("kel-tanjungpinang", "pembagian-sppt-pbb", "2024-05-13", "Pembagian SPPT PBB Tahun 2024",
     ["SPPT PBB tahun 2024 dibagikan melalui Ketua RT. Warga yang belum menerima dapat "
      "menanyakannya ke kantor lurah dengan membawa KTP."], "Informasi"),
    ("kel-tanjungpinang", "posyandu-balita-mawar", "2024-08-19", "Posyandu Balita Mawar Aktif Lagi",
     ["Posyandu Mawar kembali aktif setiap Rabu pekan kedua; penimbangan dan vitamin A "
      "diberikan gratis."], "Berita Kelurahan"),
    ("kel-tanjungpinang", "musyawarah-kelurahan-2025", "2025-01-27",
     "Musyawarah Kelurahan Bahas Usulan 2026",
     ["Musyawarah kelurahan menyepakati usulan semenisasi jalan setapak dan penerangan jalan "
      "lingkungan untuk tahun 2026."], "Umum"),
]
NEWS += [(s, slug, d, t, x) for s, slug, d, t, x, _lab in SOUP_NEWS]
SOUP_NEWS_LABEL = {(s, slug): lab for s, slug, _d, _t, _x, lab in SOUP_NEWS}


def soup_body(style: str, intro: str, f: ServiceFacts) -> str:
    """A service as a kelurahan editor types it below an intro: ``<br>`` lines ("br_lines"),
    one paragraph ("inline": "Syarat-syarat: a, b dan c."), a numbered table with a header row
    ("table_html"), a brochure image and a Drive link with one sentence ("drive_only"), or the
    markups of ``handedit_body`` ("word", "table", "caps")."""
    reqs, steps, cost, duration, place = (f.requirements, f.procedure, f.cost or "Gratis",
                                          f.duration, f.location)
    lead = paras(e(intro))
    if style in ("word", "table", "caps"):
        return handedit_body(style, intro, f)
    if style == "br_lines":
        return (lead + "<p><b>Syarat-syarat:</b><br />"
                + "<br />".join(f"{n}. {e(r)}" for n, r in enumerate(reqs, 1)) + "</p>"
                + ("<p><b>Cara pengurusan:</b><br />" + "<br />".join(
                    f"- {e(s)}" for s in steps) + "</p>" if steps else "")
                + f"<p>Lama proses: {e(duration)}<br />Biaya: {e(cost)}<br />"
                f"Tempat: {e(place)}</p>")
    if style == "inline":
        text = f"Syarat-syarat: {e(editor_sentence(reqs))}."
        if steps:
            text += " Caranya: " + e(_low("; ".join(steps))) + "."
        return (lead + f"<p>{text}</p><p>Pengurusan {e(_low(cost))}, {e(_low(duration))}. "
                f"Silakan datang ke {e(place)}.</p>")
    if style == "table_html":
        return (lead + "<p>Berikut persyaratannya:</p>"
                '<table class="table" border="1" style="border-collapse: collapse;"><thead><tr>'
                "<th>No</th><th>Persyaratan</th></tr></thead><tbody>"
                + "".join(f"<tr><td>{n}</td><td>{e(r)}</td></tr>" for n, r in enumerate(reqs, 1))
                + "</tbody></table>" + ("<p>Alur: " + e(" → ".join(steps)) + ".</p>"
                                        if steps else "")
                + f"<p>Biaya: {e(cost)}. Lama proses: {e(duration)}. Tempat pelayanan: "
                f"{e(place)}.</p>")
    if style == "drive_only":
        img = "https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEh" + \
            hashlib.md5(intro.encode()).hexdigest()[:20] + "/s1600/brosur-pindah.jpg"
        return (lead + f'<div class="separator" style="clear: both;"><a href="{img}" '
                f'style="display: block; padding: 1em 0; text-align: center;"><img alt="" '
                f'border="0" data-original-height="1600" data-original-width="1131" '
                f'src="{img.replace("/s1600/", "/s320/")}" width="226" /></a></div>'
                f"<p>Persyaratan lengkap ada pada brosur di atas. Formulir dapat diunduh di "
                f'<a href="https://drive.google.com/file/d/1pN8wQ2eR5tY7uI9oP1aS3dF5gH/view?usp='
                f'sharing">Google Drive</a>. Pengurusan {e(_low(cost))} dan {e(_low(duration))} '
                f"di {e(place)}.</p>")
    raise ValueError(f"unknown soup style {style!r}")


def soup_items(site: Site, facts: dict, reg, href_of, file_of, aliases,
               services: bool = True) -> list[Page]:
    """The site's service posts (unless ``services`` is false) and news, newest first;
    ``labels`` as the editor set them."""
    items = []
    for key, (_i, _s, date, title, intro, over) in own_services(site) if services else ():
        href = href_of(title, date)
        page = put(site, "service", key, title, href, file_of(href),
                   soup_body(over["style"], intro, facts[key]), date=date, summary=intro,
                   aliases=aliases(href))
        page.labels = [over["label"]] if over.get("label") else []
        reg(page, key)
        items.append(page)
    for slug, date, title, texts in own_news(site):
        href = href_of(title, date)
        page = put(site, "news", f"news:{site.name}:{slug}", title, href, file_of(href),
                   paras(*map(e, texts)), date=date, summary=texts[0], aliases=aliases(href))
        lab = SOUP_NEWS_LABEL[(site.name, slug)]
        page.labels = [lab] if lab else []
        reg(page, page.key)
        items.append(page)
    return sorted(items, key=lambda p: p.date, reverse=True)


def soup_feeds(site: Site, posts: list[Page]) -> None:
    """Blogger's JSON feeds the related-posts script reads: the blog's, and one per label."""
    def feed(entries: list[Page]) -> bytes:
        return json.dumps({"version": "1.0", "encoding": "UTF-8", "feed": {
            "title": {"$t": site.short}, "entry": [
                {"id": {"$t": f"tag:blogger.com,1999:blog-7.post-{_post_id(p)}"},
                 "published": {"$t": f"{p.date}T08:00:00.000+07:00"},
                 "category": [{"term": lab} for lab in p.labels],
                 "title": {"$t": p.title}, "summary": {"$t": p.summary[:150]},
                 "link": [{"rel": "alternate", "href": site.base + p.href}]}
                for p in entries]}}, ensure_ascii=False).encode()
    site.extra_files["feeds/posts-default.json"] = feed(posts)
    site.routes[route_key("/feeds/posts/default", "alt=json")] = "feeds/posts-default.json"
    for lab in sorted({lab for p in posts for lab in p.labels}):
        name = f"feeds/label-{slugify(lab)}.json"
        site.extra_files[name] = feed([p for p in posts if lab in p.labels])
        site.routes[route_key(f"/feeds/posts/default/-/{lab}", "alt=json")] = name


def _m1(href: str) -> tuple[str, ...]:
    return (href + ("&m=1" if "?" in href else "?m=1"),)


def soup_older(site: Site, posts: list[Page], per: int) -> None:
    """The home's "older posts" chain: ``/search?updated-max=<date of the last shown>``."""
    for start in range(per, len(posts), per):
        stamp = f"{posts[start - 1].date}T08:00:00%2B07:00"
        href = f"/search?updated-max={stamp}&max-results={per}"
        page = put(site, "listing", f"older:{start}", "Postingan Lama", href,
                   f"search/older-{start}.html", aliases=_m1(href))
        page.posts = posts[start:start + per]
        page.view = {"next": (f"/search?updated-max={posts[start + per - 1].date}T08:00:00"
                              f"%2B07:00&max-results={per}" if start + per < len(posts) else "")}


def soup_lists(site: Site, home: Page, posts: list[Page], per: int) -> None:
    """A blog's lists of its posts: the home's ``per`` newest, the older-posts chain, one
    list per label, and the feeds."""
    home.posts, home.view = posts[:per], {"next": f"/search?updated-max={posts[per - 1].date}"
                                                  f"T08:00:00%2B07:00&max-results={per}"}
    soup_older(site, posts, per)
    for lab in sorted({lab for p in posts for lab in p.labels}):
        lp = put(site, "listing", f"label:{lab}", lab, f"/search/label/{lab}",
                 f"search/label/{lab}.html", aliases=_m1(f"/search/label/{lab}"))
        lp.posts = [p for p in posts if lab in p.labels]
    soup_feeds(site, posts)
    blog_posts_feed(site, posts, "08:00:00.000")


def build_plusui(site: Site, facts: dict, reg) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html", aliases=_m1("/"))
    posts = soup_items(site, facts, reg, lambda t, d: f"/{d[:4]}/{d[5:7]}/{blogger_slug(t)}.html",
                       lambda href: href[1:], _m1)
    services = [p for p in posts if p.kind == "service"]
    listing = ("<p>Berikut jenis pelayanan yang dapat diurus di Kantor Lurah The Hok. Klik judul "
               "untuk membaca syarat dan caranya.</p><ol>" + "".join(
                   f'<li><a href="{site.base}{p.href}">{e(p.title)}</a></li>' for p in services)
               + f"</ol><p>Jam pelayanan: {HOURS}.</p>")
    for slug, title, body in (("layanan", "Layanan Kelurahan", listing),
                              ("profil", "Profil Kelurahan", new_profile(site)),
                              ("kontak", "Hubungi Kami", contact_body(site))):
        put(site, "listing" if slug == "layanan" else "page", slug, title, f"/p/{slug}.html",
            f"p/{slug}.html", body, aliases=_m1(f"/p/{slug}.html"))
    soup_lists(site, home, posts, 6)


def soup_baca_juga(page: Page, posts: list[Page]) -> str:
    """The body with a "Baca juga" box after its first paragraph, linking the post before."""
    others = [p for p in posts if p is not page]
    if not others:
        return page.body
    other = others[_post_id(page) % len(others)]
    box = (f"<div class='bcaJg'><b>Baca juga:</b> <a href='{page.site.base}{other.href}'>"
           f"{e(other.title)}</a></div>")
    cut = page.body.find("</p>")
    return page.body if cut < 0 else page.body[:cut + 4] + box + page.body[cut + 4:]


def plusui_card(page: Page, *, snippet: bool = True) -> str:
    site = page.site
    text = " ".join(re.sub(r"<[^>]+>", " ", page.body).split())
    lab = (f"<div class='pLbls'><a href='{site.base}/search/label/{page.labels[0]}' rel='tag'>"
           f"{page.labels[0]}</a></div>" if page.labels else "")
    return (f"<article class='ntry'><div class='pThmb'><a class='thmb' href='{site.base}"
            f"{page.href}'><img alt='{e(page.title)}' class='imgThm lazy' data-src='https://"
            f"blogger.googleusercontent.com/img/b/R29vZ2xl/thumb-{_post_id(page) % 9999}/w400-h225"
            f"-p-k-no-nu/img.jpg'/></a></div><div class='pCntn'>{lab}<h2 class='pTtl aTtl sml'>"
            f"<a href='{site.base}{page.href}' rel='bookmark'>{e(page.title)}</a></h2>"
            + (f"<div class='pSnpt'>{e(text[:text.rfind(' ', 0, 140)])}&#8230;</div>"
               if snippet and len(text) > 140 else "")
            + f"<div class='pInf pSml'><time class='aTtmp pTtmp' datetime='{page.date}T08:00:00"
            f"+07:00' title='{tanggal(page.date)}'>{tanggal(page.date)}</time></div></div></article>")


def render_plusui(page: Page) -> str:
    site = page.site
    posts = sorted((p for p in site.pages if p.kind in ("service", "news")),
                   key=lambda p: p.date, reverse=True)
    item = page.kind in ("service", "news")
    title = e(site.short) if page.kind == "home" else f"{e(page.title)} | {e(site.short)}"
    if item:
        lab = page.labels[0] if page.labels else ""
        crumb = (f"<div class='brdCmb'><div class='hm'><a href='{site.base}/'>Home</a></div>"
                 + (f"<div class='tl'><a href='{site.base}/search/label/{lab}'>{lab}</a></div>"
                    if lab else "") + "</div>")
        main = (crumb + f"<article class='ntry ps post'><h1 class='pTtl aTtl itm'>{e(page.title)}"
                f"</h1><div class='pInf ps'><div class='pNm'>Admin Kelurahan</div><time class='"
                f"aTtmp pTtmp' datetime='{page.date}T08:00:00+07:00'>{tanggal(page.date)}</time>"
                f"<div class='pRd'>2 menit baca</div></div><div class='pEnt' id='postID-"
                f"{_post_id(page)}'><div class='tocInner'><input class='tocIn hidden' id='toc' "
                f"type='checkbox'/><label class='tocH' for='toc'>Daftar Isi</label><div class='"
                f"tocC' id='tocContent'></div></div><div class='pS post-body postBody' id='"
                f"postBody'>{soup_baca_juga(page, posts)}</div></div><div class='pSh'><div "
                f"class='pShc' data-text='Share:'><a class='c fb' href='https://www.facebook.com"
                f"/sharer.php?u={site.base}{page.href}' rel='noopener'>Facebook</a><a class='c wa'"
                f" href='https://api.whatsapp.com/send?text={site.base}{page.href}' rel='noopener'"
                f">WhatsApp</a><a class='c tw' href='https://twitter.com/share?url={site.base}"
                f"{page.href}' rel='noopener'>Twitter</a></div></div></article><div class='"
                f"rPst' id='relatedPosts' data-label='{lab}' data-id='{_post_id(page)}'><h3 "
                "class='title'>Artikel Terkait</h3><div class='rPstC'></div></div><script>"
                "(function(){var r=document.getElementById('relatedPosts'),l=r.dataset.label;"
                "fetch('/feeds/posts/default'+(l?'/-/'+encodeURIComponent(l):'')+'?alt=json&"
                "max-results=5').then(function(x){return x.json()}).then(function(d){r."
                "querySelector('.rPstC').innerHTML=(d.feed.entry||[]).filter(function(p){return "
                "p.id.$t.indexOf(r.dataset.id)<0}).map(function(p){return '<a href=\"'+p.link[0]."
                "href+'\">'+p.title.$t+'</a>'}).join('')})})();</script><section class='cmnt' "
                "id='comments'><h3 class='title'>Posting Komentar</h3><p>0 Komentar</p></section>")
    elif hasattr(page, "posts"):  # the home and the blog's lists (not the /p/ service index)
        head = ("" if page.kind == "home" or page.key.startswith("older") else
                f"<div class='blogMsg'>Menampilkan postingan dengan label <b>{e(page.title)}</b>."
                f" <a href='{site.base}/'>Tampilkan semua</a></div>")
        nxt = page.view.get("next", "")
        more = (f"<div class='blogPg' id='blogPager'><a class='olLnk' href='{site.base}"
                f"{e(nxt)}'>Postingan Lebih Lama</a></div>" if nxt else "")
        main = (head + "<div class='blogPts'>" + "".join(plusui_card(p) for p in page.posts)
                + "</div>" + more)
    else:
        main = (f"<article class='ntry ps page'><h1 class='pTtl aTtl itm'>{e(page.title)}</h1>"
                f"<div class='pEnt'><div class='pS post-body postBody'>{page.body}</div></div>"
                "</article>")
    popular = "".join(plusui_card(p) for p in posts[1::3][:3])
    labs = sorted({lab for p in posts for lab in p.labels})
    cloud = "".join(f"<li><a href='{site.base}/search/label/{lab}'>{lab}</a><span class='n'>"
                    f"{sum(lab in p.labels for p in posts)}</span></li>" for lab in labs)
    menu = "".join(f"<li><a href='{site.base}{h}'>{t}</a></li>" for t, h in (
        ("Home", "/"), ("Profil", "/p/profil.html"), ("Layanan", "/p/layanan.html"),
        ("Info", "/search/label/Info"), ("Kontak", "/p/kontak.html")))
    return f"""<!DOCTYPE html>
<html dir='ltr' lang='id'>
<head>
<meta charset='UTF-8'/>
<meta content='width=device-width, initial-scale=1' name='viewport'/>
<title>{title}</title>
<link href='{site.base}{page.href}' rel='canonical'/>
<link href='{site.base}/feeds/posts/default' rel='alternate' title='{e(site.short)} - Atom' type='application/atom+xml'/>
<meta content='blogger' name='generator'/>
</head>
<body class='{'onIndx onHm' if page.kind == 'home' else 'onItm onPs' if item else 'onIndx onMlt' if page.kind == 'listing' else 'onItm onPg'}'>
<div class='mainWrp'>
<header class='header' id='header'><div class='headCn'><div class='headN'><h2 class='headH'><a href='{site.base}/'>{e(site.short)}</a></h2><div class='headSub'>{e(site.tagline)}</div></div><div class='headS'><form action='{site.base}/search' method='get'><input aria-label='Cari' name='q' placeholder='Cari...'/></form></div></div></header>
<nav class='mnBrs'><ul class='mnMn'>{menu}</ul></nav>
<div class='blogCont'><div class='secIn'>
<main class='blogItm mainbar'><div class='section' id='main-widget'><div class='widget Blog' id='Blog1'>
{main}
</div></div></main>
<aside class='blogItm sidebar'><div class='section' id='side-widget'>
<div class='widget PopularPosts' id='PopularPosts00'><h3 class='title'>Populer</h3>{popular}</div>
<div class='widget Label' id='Label1'><h3 class='title'>Label</h3><ul class='lbCl'>{cloud}</ul></div>
<div class='widget HTML' id='HTML5'><h3 class='title'>Jam Pelayanan</h3><div class='widget-content'>{HOURS}</div></div>
</div></aside>
</div></div>
<footer class='footer'><div class='fotIn'>{footer_text(site)} &#8226; Plus UI by Fineshop Design &#8226; Powered by Blogger</div></footer>
</div>
</body>
</html>
"""


# --- Fletro-like theme: services as static pages /p/<slug>.html under a "Layanan" menu -------


def build_fletro(site: Site, facts: dict, reg) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html", aliases=_m1("/"))
    services = []
    for key, (_i, _s, date, title, intro, over) in own_services(site):
        href = f"/p/{blogger_slug(title)}.html"
        page = put(site, "service", key, title, href, href[1:],
                   soup_body(over["style"], intro, facts[key]), date=date, summary=intro,
                   aliases=_m1(href))
        page.labels = []
        reg(page, key)
        services.append(page)
    news = soup_items(site, facts, reg, lambda t, d: f"/{d[:4]}/{d[5:7]}/{blogger_slug(t)}.html",
                      lambda href: href[1:], _m1, services=False)
    index = ("<p>Pilih jenis layanan untuk melihat persyaratan dan alur pengurusannya:</p><ul>"
             + "".join(f'<li><a href="{site.base}{p.href}">{e(p.title)}</a> &#8212; '
                       f"{e(p.summary.split('.')[0])}.</li>" for p in services) + "</ul>")
    put(site, "listing", "layanan", "Daftar Layanan", "/p/layanan.html", "p/layanan.html",
        index, aliases=_m1("/p/layanan.html"))
    for slug, title, body in (("profil", "Profil Kelurahan", new_profile(site)),
                              ("kontak", "Kontak", contact_body(site))):
        put(site, "page", slug, title, f"/p/{slug}.html", f"p/{slug}.html", body,
            aliases=_m1(f"/p/{slug}.html"))
    soup_lists(site, home, news, 4)


def render_fletro(page: Page) -> str:
    site = page.site
    news = sorted((p for p in site.pages if p.kind == "news"), key=lambda p: p.date,
                  reverse=True)
    services = [p for p in site.pages if p.kind == "service"]
    item = page.kind in ("service", "news")
    title = e(site.short) if page.kind == "home" else f"{e(page.title)} - {e(site.short)}"

    def card(p: Page) -> str:
        text = " ".join(re.sub(r"<[^>]+>", " ", p.body).split())
        return (f'<div class="post-outer"><div class="post hentry"><a class="post-image-link" '
                f'href="{site.base}{p.href}"><img class="post-thumb" alt="{e(p.title)}" src="'
                f'https://blogger.googleusercontent.com/img/b/R29vZ2xl/f-{_post_id(p) % 977}/w72'
                f'0-h405-p-k-no-nu/x.jpg"/></a><div class="post-info"><h2 class="post-title"><a '
                f'href="{site.base}{p.href}">{e(p.title)}</a></h2><div class="post-meta"><span '
                f'class="post-date published" datetime="{p.date}T08:00:00+07:00">'
                f'{tanggal(p.date)}</span></div><p class="post-snippet">'
                f"{e(' '.join(text.split()[:22]))}&#8230;</p></div></div></div>")
    if item:
        crumb = (f'<div class="breadcrumbs"><a class="home" href="{site.base}/">Home</a><em '
                 'class="delimiter"></em>' + (
                     f'<a class="label" href="{site.base}/p/layanan.html">Layanan</a>'
                     if page.kind == "service" else "".join(
                         f'<a class="label" href="{site.base}/search/label/{lab}">{lab}</a>'
                         for lab in page.labels[:1])) + "</div>")
        body = soup_baca_juga(page, news) if page.kind == "news" else page.body
        related = ("" if page.kind == "service" else
                   '<div id="related-wrap"><div class="title-wrap"><h3>Baca Juga</h3></div>'
                   '<div class="related-ready"><div class="loader"></div></div></div>')
        main = (f'{crumb}<div class="post-header"><h1 class="post-title">{e(page.title)}</h1>'
                '<div class="post-meta"><span class="post-author">Admin</span>'
                + (f'<span class="post-date published" datetime="{page.date}T08:00:00+07:00">'
                   f"{tanggal(page.date)}</span>" if page.kind == "news" else "")
                + f'</div></div><div class="post-body post-content" id="post-body">{body}</div>'
                f'<div class="post-share"><ul class="share-links"><li><a class="facebook" href='
                f'"https://www.facebook.com/sharer.php?u={site.base}{page.href}">Facebook</a>'
                f'</li><li><a class="whatsapp" href="https://api.whatsapp.com/send?text='
                f'{site.base}{page.href}">WhatsApp</a></li></ul></div>{related}')
    elif hasattr(page, "posts"):  # the home and the blog's lists (not the /p/ service index)
        head = ("" if page.kind == "home" or page.key.startswith("older") else
                f'<div class="queryMessage"><span class="query-info">Label: {e(page.title)}'
                "</span></div>")
        nxt = page.view.get("next", "")
        main = (head + '<div class="blog-posts hfeed container index-post-wrap">'
                + "".join(card(p) for p in page.posts) + "</div>"
                + (f'<div class="blog-pager" id="blog-pager"><a class="blog-pager-older-link" '
                   f'href="{site.base}{e(nxt)}">Muat Lebih Banyak</a></div>' if nxt else ""))
    else:
        main = (f'<div class="post-header"><h1 class="post-title">{e(page.title)}</h1></div>'
                f'<div class="post-body post-content">{page.body}</div>')
    sub = "".join(f'<li><a href="{site.base}{p.href}">{e(p.title)}</a></li>' for p in services)
    popular = "".join(f'<div class="popular-post"><a href="{site.base}{p.href}">{e(p.title)}</a>'
                      f'<span class="post-date">{tanggal(p.date)}</span></div>' for p in news[:3])
    cloud = "".join(f'<li><a class="label-name" href="{site.base}/search/label/{lab}">{lab}</a>'
                    "</li>" for lab in sorted({lab for p in news for lab in p.labels}))
    return f"""<!DOCTYPE html>
<html class="v2" dir="ltr" lang="id">
<head>
<meta charset="utf-8"/>
<meta content="width=device-width, initial-scale=1" name="viewport"/>
<title>{title}</title>
<link href="{site.base}{page.href}" rel="canonical"/>
<meta content="blogger" name="generator"/>
</head>
<body class="{'index home' if page.kind == 'home' else 'item' if item else 'index'}">
<div id="outer-wrapper">
<header id="header-wrapper"><div class="main-logo"><a href="{site.base}/"><h1>{e(site.short)}</h1></a><p class="description">{e(site.tagline)}</p></div>
<nav id="main-menu"><ul id="main-menu-nav"><li><a href="{site.base}/">Beranda</a></li><li class="has-sub"><a href="{site.base}/p/layanan.html">Layanan</a><ul class="sub-menu">{sub}</ul></li><li><a href="{site.base}/search/label/Berita">Berita</a></li><li><a href="{site.base}/p/profil.html">Profil</a></li><li><a href="{site.base}/p/kontak.html">Kontak</a></li></ul></nav></header>
<div id="content-wrapper"><div id="main-wrapper"><div class="main section" id="main"><div class="widget Blog" id="Blog1">
{main}
</div></div></div>
<div id="sidebar-wrapper"><div class="sidebar section" id="sidebar">
<div class="widget PopularPosts" id="PopularPosts1"><div class="widget-title"><h3 class="title">Terpopuler</h3></div><div class="widget-content">{popular}</div></div>
<div class="widget Label" id="Label1"><div class="widget-title"><h3 class="title">Kategori</h3></div><div class="widget-content cloud-label"><ul>{cloud}</ul></div></div>
</div></div></div>
<footer id="footer-wrapper"><div class="footer-copyright">{footer_text(site)} &#8226; Fletro by JagoTheme</div></footer>
</div>
</body>
</html>
"""


# --- OpenSID, Natra theme ---------------------------------------------------------------------


def natra_href(date: str, slug: str) -> str:
    y, m, d = (int(x) for x in date.split("-"))
    return f"/index.php/artikel/{y}/{m}/{d}/{slug}"


def build_natra(site: Site, facts: dict, reg) -> None:
    posts = soup_items(site, facts, reg, lambda t, d: natra_href(d, slugify(t)), opensid_file,
                       lambda href: ())
    for n, p in enumerate(sorted(posts, key=lambda p: p.date), start=1):
        p.view = {"id": 30 + 7 * n, "hits": 40 + 53 * (n * 5 % 11)}
    services = [p for p in posts if p.kind == "service"]
    rows = "".join(f"<tr><td>{n}</td><td>{e(p.title)}</td><td>"
                   + "<br>".join(f"- {e(r)}" for r in facts[p.key].requirements)
                   + "</td></tr>" for n, p in enumerate(services, 1))
    syarat = ('<p class="MsoNormal">Persyaratan surat yang dilayani Kantor Lurah Tanjung Pinang:'
              '</p><table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0"><tbody>'
              "<tr><td><b>No</b></td><td><b>Jenis Surat</b></td><td><b>Persyaratan</b></td></tr>"
              + rows + "</tbody></table>")
    put(site, "page", "persyaratan", "Persyaratan Surat", "/index.php/artikel/2023/9/4/"
        "persyaratan-surat", "artikel/2023/9/4/persyaratan-surat.html", syarat, date="2023-09-04")
    for n, (slug, title, body) in enumerate((("profil", "Profil Kelurahan", new_profile(site)),
                                             ("kontak", "Kontak", contact_body(site)))):
        href = f"/index.php/artikel/2023/1/{10 + n}/{slug}"
        put(site, "page", slug, title, href, opensid_file(href), body, date=f"2023-01-{10 + n}")
    opensid_paged(site, "home", "Artikel Terbaru", posts, lambda n: "/" if n == 1 else
                  f"/index.php/first/index/{n}", 6)
    next(p for p in site.pages if p.key == "home").title = f"Website Resmi {site.short}"
    for cat in sorted({lab for p in posts for lab in p.labels}):
        slug = slugify(cat)
        opensid_paged(site, f"kategori:{slug}", cat, [p for p in posts if cat in p.labels],
                      lambda n, c=slug: f"/index.php/artikel/kategori/{c}"
                      + (f"/{n}" if n > 1 else ""), 6)
    href = "/index.php/layanan-mandiri/masuk"
    put(site, "page", "mandiri", "Layanan Mandiri", href, opensid_file(href),
        opensid_mandiri(site))


def render_natra(page: Page) -> str:
    site = page.site
    posts = sorted((p for p in site.pages if p.kind in ("service", "news")),
                   key=lambda p: p.date, reverse=True)
    cats = sorted({lab for p in posts for lab in p.labels})
    if page.kind in ("service", "news", "page"):
        cat = (f'<a href="{site.base}/index.php/artikel/kategori/{slugify(page.labels[0])}">'
               f"{page.labels[0]}</a>" if getattr(page, "labels", None) else "")
        byline = (f'<div class="post_commentbox"><a href="#"><i class="fa fa-user"></i>'
                  f'Administrator</a><span><i class="fa fa-calendar"></i>{tanggal(page.date)}'
                  f'</span>{cat}<span><i class="fa fa-eye"></i>Dibaca '
                  f'{page.view.get("hits", 97)} Kali</span></div>' if page.date else "")
        main = (f'<div class="single_page"><ol class="breadcrumb"><li><a href="{site.base}/">'
                f'Beranda</a></li><li>{cat or "Artikel"}</li></ol><h1>{e(page.title)}</h1>'
                f'{byline}<div class="single_page_content">{page.body}</div><div class='
                '"social_link"><ul class="sociallink_nav"><li><a href="https://www.facebook.com/'
                f'sharer.php?u={site.base}{page.href}">Facebook</a></li><li><a href="https://api.'
                f'whatsapp.com/send?text={site.base}{page.href}">WhatsApp</a></li></ul></div>'
                '<div class="fb-comments" data-width="100%"></div></div>')
    else:
        view = page.view
        items = "".join(
            f'<div class="single_post_content"><h2 class="catg_title"><a href="{site.base}'
            f'{p.href}">{e(p.title)}</a></h2><div class="post_commentbox"><span><i class="fa '
            f'fa-calendar"></i>{tanggal(p.date)}</span></div><p>{e(p.summary[:160])}</p>'
            f'<a class="btn btn-default" href="{site.base}{p.href}">Selengkapnya</a></div>'
            for p in page.posts)
        pager = "".join(f'<li class="{"active" if n == view["page"] else ""}"><a href="'
                        f'{site.base}{view["href_of"](n)}">{n}</a></li>'
                        for n in range(1, view["pages"] + 1))
        head = "" if page.kind == "home" else f'<h1 class="catg_titile">{e(page.title)}</h1>'
        main = (f'<div class="single_post_content">{head}{items}</div><div class="pagination">'
                f'<ul class="pagination">{pager}</ul></div>')
    latest = "".join(f'<li><a href="{site.base}{p.href}">{e(p.title)}</a></li>'
                     for p in posts[:5])
    catlist = "".join(f'<li class="cat-item"><a href="{site.base}/index.php/artikel/kategori/'
                      f'{slugify(c)}">{c}</a></li>' for c in cats)
    hours = "".join(f"<tr><td>{d}</td><td>{a_ or 'Libur'}{' - ' + b if b else ''}</td></tr>"
                    for d, a_, b in KELURAHAN_HOURS)
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(page.title) + ' - Website Resmi ' + e(site.short) if page.kind != 'home' else e(page.title)}</title>
<meta name="description" content="Website Resmi {e(site.short)} {e(site.tagline)}">
<link rel="stylesheet" href="{site.base}/desa/themes/natra/assets/css/style.css">
</head>
<body>
<div id="preloader"><div id="status">&nbsp;</div></div>
<div class="container"><header id="header"><div class="header_top"><div class="header_top_left"><ul class="top_nav"><li><a href="{site.base}/">Beranda</a></li><li><a href="{site.base}/index.php/artikel/2023/1/10/profil">Profil</a></li><li><a href="{site.base}/index.php/artikel/2023/9/4/persyaratan-surat">Persyaratan Surat</a></li><li><a href="{site.base}/index.php/layanan-mandiri/masuk">Layanan Mandiri</a></li><li><a href="{site.base}/index.php/artikel/2023/1/11/kontak">Kontak</a></li></ul></div><div class="header_top_right"><p>{tanggal('2025-04-14')}</p></div></div>
<div class="header_bottom"><div class="logo_area"><a class="logo" href="{site.base}/"><img src="{site.base}/desa/logo/logo.png" alt="logo"><h2>{e(site.short)}</h2><p>{e(site.tagline)}</p></a></div></div></header>
<section id="navArea"><nav class="navbar navbar-inverse"><ul class="nav navbar-nav main_nav">{''.join(f'<li><a href="{site.base}/index.php/artikel/kategori/{slugify(c)}">{c}</a></li>' for c in cats)}</ul></nav></section>
<section id="newsSection"><div class="latest_newsarea"><span>Info Terkini</span><ul id="ticker01" class="news_sticker">{latest}</ul></div></section>
<section id="contentSection"><div class="row"><div class="col-lg-8 col-md-8 col-sm-8"><div class="left_content">
{main}
</div></div>
<div class="col-lg-4 col-md-4 col-sm-4"><aside class="right_content">
<div class="single_sidebar"><h2><span>Artikel Terkini</span></h2><ul class="spost_nav">{latest}</ul></div>
<div class="single_sidebar"><h2><span>Kategori</span></h2><ul>{catlist}</ul></div>
<div class="single_sidebar"><h2><span>Jam Kerja</span></h2><table class="table">{hours}</table></div>
</aside></div></div></section>
<footer id="footer"><div class="footer_bottom"><p class="copyright">{footer_text(site)} &copy; OpenSID &#8226; Tema Natra</p></div></footer>
</div>
</body>
</html>
"""


NEW_BUILD.update({"plusui": build_plusui, "fletro": build_fletro, "natra": build_natra})
RENDER.update({"plusui": render_plusui, "fletro": render_fletro, "natra": render_natra})
CSS.update({"plusui": ("favicon.ico", ""), "fletro": ("favicon.ico", ""),
            "natra": ("desa/themes/natra/assets/css/style.css", ".single_page h1{font-size:26px}")})

# Queries answered by the three families above, numbered from q950; written before measuring
# the crawl of these sites.
DEVSET_SOUP: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("persyaratan surat keterangan domisili kelurahan the hok", "th_domisili:2 domisili:1"),
        ("surat keterangan usaha kelurahan the hok", "th_sku:2"),
        ("surat pengantar pindah kelurahan the hok", "th_pindah:2 pindah_keluar:1"),
        ("persyaratan surat keterangan ahli waris kelurahan lebak bandung", "lb_ahliwaris:2"),
        ("pengantar perubahan kartu keluarga kelurahan lebak bandung", "lb_kk:2 kk_ubah:1"),
        ("syarat surat keterangan tidak mampu kelurahan tanjung pinang", "tp_sktm:2 sktm:1"),
        ("kartu identitas anak kelurahan tanjung pinang", "tp_kia:2 kia:1"),
    ],
    "colloquial": [
        ("cara bikin sktm di kelurahan the hok", "th_sktm:2 sktm:1"),
        ("keluarga meninggal lapor ke kelurahan the hok bawa apa", "th_kematian:2 akta_mati:1"),
        ("ngurus surat domisili di lebak bandung", "lb_domisili:2 domisili:1"),
        ("mau rekam ktp pertama kali di tanjung pinang", "tp_ktp:2 ktp_baru:1"),
        ("rumah reyot minta bantuan bedah rumah lebak bandung", "lb_rtlh:2 rtlh:1"),
    ],
    "abbreviation": [
        ("sku kel the hok", "th_sku:2"),
        ("sktm kel lebak bandung", "lb_sktm:2 sktm:1"),
        ("ket domisili kel tanjung pinang", "tp_domisili:2 domisili:1"),
        ("rtlh kel lebak bandung", "lb_rtlh:2 rtlh:1"),
    ],
    "typo": [
        ("surat keterangan domisilli the hok", "th_domisili:2 domisili:1"),
        ("surat ahliwaris lebak bandung", "lb_ahliwaris:2"),
        ("surat keterangan kematin tanjung pinang", "tp_kematian:2 akta_mati:1"),
    ],
    "english": [
        ("business certificate the hok village", "th_sku:2"),
        ("heir certificate lebak bandung village", "lb_ahliwaris:2"),
        ("death certificate letter tanjung pinang village", "tp_kematian:2 akta_mati:1"),
    ],
    "jambi-malay": [
        ("cakmano ngurus surat pindah di the hok", "th_pindah:2 pindah_keluar:1"),
        ("nak buat sktm di tanjung pinang bawak apo bae", "tp_sktm:2 sktm:1"),
    ],
    "problem": [
        ("rt mau usul dana kampung bahagia di the hok", "th_kampung:2 kampung_bahagia:1"),
        ("anak baru lahir mau masuk kk lewat kelurahan lebak bandung", "lb_kk:2 kk_ubah:1"),
        ("butuh surat tidak mampu untuk sekolah anak di the hok", "th_sktm:2 sktm:1"),
        ("mau pinjam kur di bank perlu surat usaha dari kelurahan the hok", "th_sku:2"),
    ],
}


# Misspelt and mangled service words (issues #11, #16), numbered from q990; written before
# looking at what the analysis makes of them: dropped, doubled and swapped letters, vowel
# drops, phonetic spellings, keyboard neighbours, glued and split words, and typos inside
# colloquial and Jambi Malay queries.
DEVSET_MISSPELT: dict[str, list[tuple[str, str]]] = {
    "typo": [
        ("syarat akte perceraan", "akta_cerai:2"),
        ("cara urus akta prceraian", "akta_cerai:2"),
        ("aktakelahiran anak baru lahir", "akta_lahir:2"),
        ("legalisir akta kelahiarn", "legalisir:2 akta_lahir:1"),
        ("ijin praktek bidan", "sip_bidan:2"),
        ("sertipikat laik fungsi bangunan", "slf:2"),
        ("kwitansi pembayaran pajak bumi dan bangunan", "pbb_bayar:2"),
        ("surat keterangan domisili dari ke lurahan", "domisili:2"),
        ("kartu keluarag hilang", "kk_hilang:2"),
        ("ktp rusk minta ganti baru", "ktp_hilang:2"),
        ("perubhan data kartu keluarga", "kk_ubah:2"),
        ("pindah dtang ke kota jambi", "pindah_datang:2"),
        ("akta perkawnan catatan sipil", "akta_kawin:2"),
        ("aktivasi identitas kependudukan digitl", "ikd:2"),
        ("laporan kebakran rumah", "damkar_api:2"),
        ("pengaduan jalan rusaj", "jalan:2"),
        ("lampu jalan matu", "pju:2"),
        ("pasang baru pdma", "pdam_pasang:2"),
        ("retibusi sampah tpa", "sampah_tpa:2"),
        ("surat ketrangan tidak mampu", "sktm:2"),
        ("beasiswa kartu bahgia", "beasiswa:2"),
        ("pendaftaran sekola smp negeri", "spmb_smp:2"),
        ("gimana bikin aktekematian ortu", "akta_mati:2"),
        ("mau ngurus kia ank saya", "kia:2"),
        ("cakmano ngurs akte lahir anak", "akta_lahir:2"),
        ("dimano buat kartu kuning pencri kerja", "ak1:2"),
        ("pengaduan kekersan anak", "ppa:2"),
        ("izin reklme baliho", "izin_reklame:2"),
        ("dokumen penduduk rentang", "rentan:2"),
        ("persetujan bangunan gedung", "pbg:2"),
    ],
}


# ---------------------------------------------------------------------------------------------
# Session 12: script apps and a blog as offices really build them (issue #11)
#
# simpada-bpprd: a Vue 2 CLI build in history mode; axios joins a config module's baseURL to
#   its paths (``c.a.baseURL+"/layanan"``), the list is paginated by ``?page=N`` in a Laravel
#   resource envelope without links (``meta.last_page`` only), holds names and slugs only, and
#   every fact is in the detail endpoint under the office's own keys (``persyaratan`` as HTML,
#   ``biaya`` a number, ``produk_layanan``). The views live in an async chunk the index only
#   prefetches. No sitemap: the routes are in the code.
# pkm-kebunkopi: a Vue 2 build whose records are typed into a webpack chunk as a JS object
#   literal (unquoted keys, single quotes): ``judul``/``isi``, the whole service told in
#   ``isi``'s rich text; services and news in one array told apart by ``kategori``.
# kel-mayangmangurai: a stock Blogger theme whose home draws its posts from the JSON feed
#   (``/feeds/posts/default?alt=json``) in a script, robots.txt as Blogger writes it
#   (``Disallow: /search``: no label page may be read), and service posts at dated URLs whose
#   label "Layanan" is what says they are services.
# Ports 8794-8796 (offsets 93-95); silaras-dukcapil (8797, offset 96) follows below.
# ---------------------------------------------------------------------------------------------

SITES += [
    Site("simpada-bpprd", "Badan Pengelola Pajak dan Retribusi Daerah Kota Jambi",
         "SIMPADA BPPRD Kota Jambi", "vueaxios", 93,
         "Sistem Informasi Manajemen Pendapatan Daerah Kota Jambi",
         "Jl. Jend. Ahmad Yani No. 1, Telanaipura, Kota Jambi",
         "menyajikan persyaratan pelayanan pajak daerah dan BPHTB",
         place="Loket Pelayanan BPPRD Kota Jambi, Jl. Jend. Ahmad Yani No. 1 Telanaipura",
         color="#1d4ed8"),
    Site("pkm-kebunkopi", "UPTD Puskesmas Kebun Kopi Kota Jambi",
         "Puskesmas Kebun Kopi", "vuechunk", 94,
         "Melayani dengan Sepenuh Hati", "Jl. Kebun Kopi, Kelurahan Suka Karya, Kota Baru, "
         "Kota Jambi", "memberikan pelayanan kesehatan dasar bagi warga wilayah kerjanya",
         place="Puskesmas Kebun Kopi, Jl. Kebun Kopi, Suka Karya", color="#15803d"),
    Site("kel-mayangmangurai", "Kelurahan Mayang Mangurai", "Kelurahan Mayang Mangurai",
         "bloggerfeed", 95, "Kecamatan Alam Barajo, Kota Jambi",
         "Jl. Kapten Pattimura, Mayang Mangurai, Alam Barajo, Kota Jambi",
         "pelayanan administrasi warga dan pemberdayaan masyarakat",
         robots="User-agent: Mediapartners-Google\nDisallow: \n\nUser-agent: *\n"
                "Disallow: /search\nAllow: /\n",
         place="Kantor Lurah Mayang Mangurai, Jl. Kapten Pattimura", color="#7c3aed"),
]
SITE.update({s.name: s for s in SITES})
FAMILY.update({"vueaxios": "vue2-axios-paginated", "vuechunk": "vue2-chunk-literal",
               "bloggerfeed": "blogger-json-feed"})

SEHAT_FACTS = {"requirements": ["KTP-el atau KIA", "Pas foto 3x4 berwarna 1 lembar",
                                "Surat pengantar dari instansi atau sekolah yang meminta"],
               "procedure": ["Daftar di loket pendaftaran dengan menunjukkan KTP-el",
                             "Pemeriksaan fisik, tekanan darah dan buta warna oleh dokter",
                             "Surat keterangan sehat ditandatangani dokter pemeriksa"],
               "duration": "± 30 menit", "cost": "Rp15.000 sesuai Perda retribusi jasa umum",
               "legal_basis": "Perda Kota Jambi tentang Retribusi Pelayanan Kesehatan",
               "online": None}
MM_SKBM_FACTS = {"requirements": ["Surat pengantar RT dan RW", "Fotokopi KTP-el calon mempelai",
                                  "Fotokopi Kartu Keluarga", "Pas foto 3x4 berwarna 2 lembar"],
                 "procedure": ["Minta surat pengantar RT dan RW",
                               "Serahkan berkas ke loket kelurahan",
                               "Lurah menandatangani surat keterangan belum menikah"],
                 "duration": "1 hari kerja", "cost": "Gratis", "legal_basis": None,
                 "online": None}

SERVICES.update({
    # SIMPADA (Vue 2, axios, paginated list, facts in the detail only); "biaya" 0 is free
    "sd_bayar": (26, "simpada-bpprd", "pembayaran-pbb-p2", "Pembayaran PBB-P2",
                 "Pembayaran Pajak Bumi dan Bangunan Perdesaan dan Perkotaan melalui bank "
                 "persepsi, kantor pos atau kanal pembayaran digital.", {"online": None}),
    "sd_mutasi": (28, "simpada-bpprd", "mutasi-balik-nama-sppt", "Mutasi / Balik Nama SPPT PBB",
                  "Perubahan nama wajib pajak pada SPPT PBB-P2 karena jual beli, hibah atau "
                  "warisan.", {"cost": "Gratis", "online": None}),
    "sd_betul": (29, "simpada-bpprd", "pembetulan-sppt", "Pembetulan SPPT PBB-P2",
                 "Perbaikan kesalahan tulis, luas tanah atau bangunan pada SPPT PBB-P2.",
                 {"cost": "Gratis", "online": None}),
    "sd_keberatan": (30, "simpada-bpprd", "keberatan-pbb", "Pengajuan Keberatan PBB-P2",
                     "Wajib pajak yang tidak setuju dengan besarnya PBB terutang dapat "
                     "mengajukan keberatan.", {"cost": "Gratis", "online": None}),
    "sd_baru": (31, "simpada-bpprd", "pendaftaran-objek-pajak-baru",
                "Pendaftaran Objek Pajak PBB Baru",
                "Tanah atau bangunan yang belum pernah terdaftar didaftarkan agar terbit SPPT.",
                {"cost": "Gratis", "online": None}),
    "sd_bphtb": (32, "simpada-bpprd", "validasi-bphtb", "Validasi BPHTB",
                 "Validasi Bea Perolehan Hak atas Tanah dan Bangunan sebelum akta jual beli "
                 "ditandatangani di PPAT.", {"online": None}),
    "sd_resto": (33, "simpada-bpprd", "pajak-restoran", "Pendaftaran Pajak Restoran",
                 "Rumah makan, kafe dan katering mendaftar sebagai wajib PBJT makanan dan "
                 "minuman lalu melapor tiap bulan.", {"online": None}),
    # Puskesmas Kebun Kopi (Vue 2, records typed into a chunk, one rich-text "isi")
    "kk_ckg": (43, "pkm-kebunkopi", "cek-kesehatan-gratis", "Cek Kesehatan Gratis",
               "Pemeriksaan kesehatan gratis bagi warga semua umur sekali setahun, dekat hari "
               "ulang tahun.", {"online": None}),
    "kk_poli": (44, "pkm-kebunkopi", "poli-umum", "Poli Umum dan Rujukan BPJS",
                "Pemeriksaan dokter umum, surat rujukan ke rumah sakit bagi peserta JKN.",
                {"online": None}),
    "kk_uhc": (41, "pkm-kebunkopi", "berobat-gratis-ktp", "Berobat Gratis dengan KTP (UHC)",
               "Warga Kota Jambi yang belum punya BPJS tetap dilayani gratis cukup dengan "
               "KTP-el Kota Jambi.", {"online": None}),
    "kk_sehat": (None, "pkm-kebunkopi", "surat-keterangan-sehat", "Surat Keterangan Sehat",
                 "Surat keterangan sehat dari dokter untuk melamar kerja, mendaftar sekolah "
                 "atau kuliah.", dict(SEHAT_FACTS)),
    # Kelurahan Mayang Mangurai (Blogger, posts read from the JSON feed, label "Layanan")
    "mm_domisili": (66, "kel-mayangmangurai", "2024-02-19",
                    "Pengurusan Surat Domisili di Kantor Lurah",
                    "Bagi warga yang memerlukan surat keterangan domisili, berikut hal yang "
                    "perlu disiapkan.", {"online": None, "legal_basis": None,
                                         "duration": "selesai di hari yang sama"}),
    "mm_sktm": (67, "kel-mayangmangurai", "2024-05-13", "SKTM untuk Sekolah dan Berobat",
                "Warga kurang mampu dapat meminta Surat Keterangan Tidak Mampu untuk "
                "keringanan biaya sekolah dan berobat.",
                {"online": None, "legal_basis": None, "duration": "1 hari kerja"}),
    "mm_skbm": (None, "kel-mayangmangurai", "2024-08-05", "Surat Belum Menikah untuk Calon Pengantin",
                "Calon pengantin yang akan mendaftar ke KUA diminta membawa surat keterangan "
                "belum menikah dari kelurahan.", dict(MM_SKBM_FACTS)),
    "mm_kematian": (7, "kel-mayangmangurai", "2024-10-21", "Melapor Warga yang Meninggal Dunia",
                    "Keluarga warga yang meninggal dunia melapor ke kelurahan agar terbit surat "
                    "keterangan kematian.", {"online": None, "legal_basis": None,
                                             "duration": "selesai hari itu juga"}),
})

NEWS += [
    ("simpada-bpprd", "jatuh-tempo-pbb-2025", "2025-08-25",
     "Jatuh Tempo PBB-P2 2025 Diperpanjang",
     ["BPPRD Kota Jambi memperpanjang jatuh tempo PBB-P2 tahun 2025. Wajib pajak yang "
      "membayar sebelum batas waktu bebas denda 2 persen per bulan."]),
    ("pkm-kebunkopi", "posyandu-balita-suka-karya", "2025-03-10",
     "Posyandu Balita Serentak di Suka Karya",
     ["Kader posyandu dan bidan Puskesmas Kebun Kopi menimbang dan mengimunisasi 120 balita. "
      "Orang tua cukup membawa buku KIA, layanan gratis."]),
    ("pkm-kebunkopi", "cek-kesehatan-gratis-sekolah", "2025-08-18",
     "Cek Kesehatan Gratis Masuk Sekolah",
     ["Petugas Puskesmas Kebun Kopi memeriksa kesehatan 340 siswa SD di wilayah kerjanya "
      "dalam program Cek Kesehatan Gratis sekolah."]),
    ("kel-mayangmangurai", "gotong-royong-rt-12", "2024-03-04", "Gotong Royong Bersihkan Parit RT 12",
     ["Warga RT 12 bergotong royong membersihkan parit menjelang musim hujan. Lurah "
      "mengapresiasi warga yang hadir dengan membawa peralatan sendiri."]),
    ("kel-mayangmangurai", "perekaman-ktp-di-aula", "2024-06-24", "Perekaman KTP-el di Aula Kelurahan",
     ["Disdukcapil Kota Jambi membuka perekaman KTP-el di aula kelurahan. Syaratnya cukup "
      "membawa fotokopi KK, layanan gratis bagi warga yang sudah berusia 17 tahun."]),
    ("kel-mayangmangurai", "penyaluran-bantuan-beras", "2024-09-16", "Penyaluran Bantuan Beras",
     ["Sebanyak 310 keluarga penerima manfaat menerima bantuan beras 10 kg di kantor lurah. "
      "Penerima membawa KTP-el dan undangan dari kelurahan."]),
]

# --- SIMPADA: Vue 2 + vue-router history mode + axios, views in an async chunk -------------

SIMPADA_APP = ("js/app.3e8b1f20.js", """(function(t){function e(e){for(var r,o,s=e[0],c=e[1],u=0,l=[];u<s.length;u++)o=s[u],a[o]&&l.push(a[o][0]),a[o]=0;for(r in c)Object.prototype.hasOwnProperty.call(c,r)&&(t[r]=c[r]);f&&f(e);while(l.length)l.shift()()}var a={app:0};function n(e){var a=document.createElement("script");a.src=i.p+"js/"+({}[e]||e)+"."+{"chunk-2d0e5be1":"9c4a7d12"}[e]+".js";document.head.appendChild(a)}var i=function(){};i.p="/";var f;window.webpackJsonp=window.webpackJsonp||[];e([["app"],{}])})({
"56d7":function(t,e,n){"use strict";n.r(e);var r=n("2b0e"),a=n("8c4f"),o=n("2f62");r["a"].use(a["a"]);
var s=[{path:"/",name:"Beranda",component:function(){return n.e("chunk-2d0e5be1").then(n.bind(null,"9a1f"))}},{path:"/layanan",name:"Layanan",component:function(){return n.e("chunk-2d0e5be1").then(n.bind(null,"7b3c"))}},{path:"/layanan/:slug",name:"DetailLayanan",component:function(){return n.e("chunk-2d0e5be1").then(n.bind(null,"4e2d"))},props:!0},{path:"*",redirect:"/"}],c=new a["a"]({mode:"history",base:"/",routes:s});
new r["a"]({router:c,store:o["a"],render:function(t){return t("router-view")}}).$mount("#app")},
"f121":function(t,e,n){"use strict";e["a"]={appName:"SIMPADA",baseURL:"/api/v1",timeout:2e4}}});
""")
SIMPADA_CHUNK = ("js/chunk-2d0e5be1.9c4a7d12.js", """(window["webpackJsonp"]=window["webpackJsonp"]||[]).push([["chunk-2d0e5be1"],{"7b3c":function(t,e,n){"use strict";n.r(e);var a=n("bc3a"),s=n.n(a),c=n("f121"),r={name:"Layanan",data:function(){return{items:[],page:1,memuat:!0}},created:function(){this.ambil()},methods:{ambil:function(){var t=this;s.a.get(c["a"].baseURL+"/layanan",{params:{page:this.page}}).then(function(e){t.items=t.items.concat(e.data.data),t.page<e.data.meta.last_page?(t.page++,t.ambil()):t.memuat=!1})}},render:function(){var t=this,e=t._self._c;return e("div",{staticClass:"container"},[e("h2",[t._v("Daftar Layanan")]),t._l(t.items,function(a){return e("router-link",{key:a.id,staticClass:"list-group-item",attrs:{to:"/layanan/"+a.slug}},[t._v(t._s(a.nama_layanan))])})],2)}};e["default"]=r},
"4e2d":function(t,e,n){"use strict";n.r(e);var a=n("bc3a"),s=n.n(a),c=n("f121"),r={name:"DetailLayanan",props:["slug"],data:function(){return{layanan:null}},created:function(){var t=this;s.a.get(c["a"].baseURL+"/layanan/"+this.slug).then(function(e){t.layanan=e.data.data})},render:function(){var t=this,e=t._self._c;return t.layanan?e("article",[e("h2",[t._v(t._s(t.layanan.nama_layanan))]),e("div",{domProps:{innerHTML:t._s(t.layanan.persyaratan)}}),e("p",[t._v("Biaya: "+t._s(0===t.layanan.biaya?"Gratis":"Rp"+t.layanan.biaya))])]):e("p",[t._v("Memuat...")])}};e["default"]=r},
"9a1f":function(t,e,n){"use strict";n.r(e);var r={name:"Beranda",render:function(){var t=this,e=t._self._c;return e("div",[e("router-link",{attrs:{to:"/layanan"}},[t._v("Lihat layanan")])],1)}};e["default"]=r}}]);
""")
SIMPADA_VENDOR = ("js/chunk-vendors.6a1d9e44.js",
                  '(window["webpackJsonp"]=window["webpackJsonp"]||[]).push([["chunk-vendors"],{}]);')


def simpada_detail(key: str, f: ServiceFacts, n: int) -> dict:
    """A service as SIMPADA's Laravel API answers its detail: the office's own keys, the
    requirements as the admin's editor HTML, a free service's ``biaya`` the number 0."""
    _i, _s, slug, title, intro, _o = SERVICES[key]
    cost = f.cost or "Gratis"
    record: dict = {"id": n, "nama_layanan": title, "slug": slug, "deskripsi": intro,
                    "persyaratan": "<ol>" + "".join(f"<li>{e(r)}</li>"
                                                    for r in f.requirements) + "</ol>",
                    "alur_pelayanan": [{"urutan": i, "uraian": p}
                                       for i, p in enumerate(f.procedure, 1)],
                    "biaya": 0 if cost == "Gratis" else cost,
                    "waktu_penyelesaian": f.duration or "-",
                    "dasar_hukum": f.legal_basis or "-",
                    "produk_layanan": f"Dokumen {title}",
                    "lokasi_pelayanan": f.location,
                    "created_at": "2024-04-02T02:11:09.000000Z",
                    "updated_at": "2025-06-30T08:45:12.000000Z"}
    return record


def build_vueaxios(site: Site, facts: dict, reg) -> None:
    shell = '<div id="app"></div>'
    home = put(site, "home", "home", site.short, "/", "index.html", shell)
    reg(home, f"{site.name}:layanan")
    site.routes[route_key("/layanan", "")] = "index.html"
    keys = [k for k, _spec in own_services(site)]
    per = 3
    pages = [keys[i:i + per] for i in range(0, len(keys), per)]
    files: dict[str, object] = {}
    for n, chunk in enumerate(pages, 1):
        files[f"api/v1/layanan-page-{n}.json"] = {
            "data": [{"id": keys.index(k) + 1, "nama_layanan": SERVICES[k][3],
                      "slug": SERVICES[k][2]} for k in chunk],
            "meta": {"current_page": n, "from": (n - 1) * per + 1, "last_page": len(pages),
                     "path": f"{site.base}/api/v1/layanan", "per_page": per,
                     "to": (n - 1) * per + len(chunk), "total": len(keys)}}
    for n, key in enumerate(keys, 1):
        slug = SERVICES[key][2]
        files[f"api/v1/layanan/{slug}.json"] = {"data": simpada_detail(key, facts[key], n)}
        reg(put(site, "service", key, SERVICES[key][3], f"/layanan/{slug}", "index.html",
                shell, summary=SERVICES[key][4]), key)
    put_json(site, files)
    for n in range(1, len(pages) + 1):
        site.routes.pop(route_key(f"/api/v1/layanan-page-{n}", ""))
        site.routes[route_key("/api/v1/layanan", f"page={n}")] = f"api/v1/layanan-page-{n}.json"
    site.routes[route_key("/api/v1/layanan", "")] = "api/v1/layanan-page-1.json"
    for rel, code in (SIMPADA_APP, SIMPADA_CHUNK, SIMPADA_VENDOR):
        site.extra_files[rel] = code.encode()
    site.extra_files["favicon.ico"] = b""


def render_vueaxios(page: Page) -> str:
    site = page.site
    app, chunk, vendor = SIMPADA_APP[0], SIMPADA_CHUNK[0], SIMPADA_VENDOR[0]
    return f"""<!DOCTYPE html><html lang=id><head><meta charset=utf-8><meta http-equiv=X-UA-Compatible content="IE=edge"><meta name=viewport content="width=device-width,initial-scale=1"><link rel=icon href=/favicon.ico><meta name=description content="{e(site.tagline)} - {e(site.opd)}"><title>{e(site.short)}</title><link href=/{chunk} rel=prefetch><link href=/css/app.1c9e7f3a.css rel=preload as=style><link href=/{app} rel=preload as=script><link href=/{vendor} rel=preload as=script><link href=/css/app.1c9e7f3a.css rel=stylesheet></head><body><noscript><strong>We're sorry but {e(site.short)} doesn't work properly without JavaScript enabled. Please enable it to continue.</strong></noscript>{page.body}<script src=/{vendor}></script><script src=/{app}></script></body></html>
"""


# --- Puskesmas Kebun Kopi: records typed into a chunk as a JS literal, one rich-text body ----

KEBUNKOPI_APP = ("js/app.b71c0d5e.js", """(function(t){var e={app:0};window.webpackJsonp=window.webpackJsonp||[]})({
"56d7":function(t,e,n){"use strict";n.r(e);var r=n("2b0e"),a=n("8c4f"),o=n("7d4e"),i=n.n(o);r["a"].use(a["a"]);
var s={name:"Daftar",props:["kategori"],computed:{daftar:function(){var t=this;return i.a.filter(function(e){return e.kategori===t.kategori})}},render:function(){var t=this,e=t._self._c;return e("ul",t._l(t.daftar,function(n){return e("li",{key:n.id},[e("router-link",{attrs:{to:"/"+t.kategori+"/"+n.slug}},[t._v(t._s(n.judul))])],1)}),0)}},
c={name:"Isi",props:["slug"],computed:{item:function(){var t=this;return i.a.find(function(e){return e.slug===t.slug})}},render:function(){var t=this,e=t._self._c;return e("article",[e("h1",[t._v(t._s(t.item.judul))]),e("div",{domProps:{innerHTML:t._s(t.item.isi)}})])}},
l=new a["a"]({mode:"history",routes:[{path:"/",component:s,props:{kategori:"layanan"}},{path:"/layanan/:slug",component:c,props:!0},{path:"/berita",component:s,props:{kategori:"berita"}},{path:"/berita/:slug",component:c,props:!0}]});
new r["a"]({router:l,render:function(t){return t("router-view")}}).$mount("#app")}});
""")


def headed_body(intro: str, f: ServiceFacts, h: str = "h4",
                steps: str = "Alur Pelayanan", time: str = "Waktu Pelayanan",
                cost_first: bool = False) -> str:
    """A service as the admin typed it into one rich-text field: headed sections (the
    heading element, the procedure's and the time's labels, and their order, per site)."""
    items = "".join(f"<li>{e(p)}</li>" for p in f.procedure)
    timed = f"<{h}>{time}</{h}><p>{e(f.duration or '-')}</p>"
    cost = f"<{h}>Biaya</{h}><p>{e(f.cost or 'Gratis')}</p>"
    return (f"<p>{e(intro)}</p><{h}>Persyaratan</{h}><ol>"
            + "".join(f"<li>{e(r)}</li>" for r in f.requirements) + "</ol>"
            + (f"<{h}>{steps}</{h}><ol>{items}</ol>" if items else "")
            + (cost + timed if cost_first else timed + cost)
            + (f"<{h}>Dasar Hukum</{h}><p>{e(f.legal_basis)}</p>" if f.legal_basis else "")
            + f"<{h}>Tempat Pelayanan</{h}><p>{e(f.location)}</p>")


def kebunkopi_literal(rows: list[dict]) -> str:
    """The rows as a developer types them into a module: unquoted keys, single quotes."""
    return "[" + ",".join("{" + ",".join(
        f"{k}:{v if isinstance(v, int) else js_string(v)}" for k, v in row.items()) + "}"
        for row in rows) + "]"


def build_vuechunk(site: Site, facts: dict, reg) -> None:
    shell = '<div id="app"></div>'
    home = put(site, "home", "home", site.short, "/", "index.html", shell)
    reg(home, f"{site.name}:layanan")
    rows: list[dict] = []
    for n, (key, (_i, _s, slug, title, intro, _o)) in enumerate(own_services(site), 1):
        rows.append({"id": n, "judul": title, "slug": slug, "kategori": "layanan",
                     "isi": headed_body(intro, facts[key]), "tanggal": "2025-01-13"})
        reg(put(site, "service", key, title, f"/layanan/{slug}", "index.html", shell,
                summary=intro), key)
    site.routes[route_key("/berita", "")] = "index.html"  # a route no page links to
    for n, (slug, date, title, texts) in enumerate(own_news(site), 50):
        rows.append({"id": n, "judul": title, "slug": slug, "kategori": "berita",
                     "isi": "".join(f"<p>{e(t)}</p>" for t in texts), "tanggal": date})
        reg(put(site, "news", f"news:{site.name}:{slug}", title, f"/berita/{slug}",
                "index.html", shell, date=date), f"news:{site.name}:{slug}")
    site.extra_files["js/chunk-7d4e.2a9f61c3.js"] = (
        '(window["webpackJsonp"]=window["webpackJsonp"]||[]).push([["chunk-7d4e"],'
        '{"7d4e":function(e,t){e.exports=' + kebunkopi_literal(rows) + "}}]);\n").encode()
    site.extra_files[KEBUNKOPI_APP[0]] = KEBUNKOPI_APP[1].encode()


def render_vuechunk(page: Page) -> str:
    site = page.site
    return f"""<!DOCTYPE html><html lang=id><head><meta charset=utf-8><meta name=viewport content="width=device-width,initial-scale=1"><meta name=description content="{e(site.opd)}: {e(site.tagline)}"><title>{e(site.short)}</title><link href=/js/chunk-7d4e.2a9f61c3.js rel=preload as=script><link href=/{KEBUNKOPI_APP[0]} rel=preload as=script></head><body><noscript><strong>Aktifkan JavaScript untuk membuka {e(site.short)}.</strong></noscript>{page.body}<script src=/js/chunk-7d4e.2a9f61c3.js></script><script src=/{KEBUNKOPI_APP[0]}></script></body></html>
"""


# --- Kelurahan Mayang Mangurai: Blogger, the home's posts drawn from the JSON feed ----------

MM_WIDGET = """<script>
fetch('/feeds/posts/default?alt=json&max-results=25').then(function (r) { return r.json(); })
  .then(function (d) {
    var html = (d.feed.entry || []).map(function (p) {
      var url = p.link.filter(function (l) { return l.rel === 'alternate'; })[0].href;
      return '<div class="post-outer"><h3 class="post-title entry-title"><a href="' + url + '">' +
        p.title.$t + '</a></h3></div>';
    }).join('');
    document.getElementById('daftar-postingan').innerHTML = html;
  });
</script>"""


def mm_body(intro: str, f: ServiceFacts) -> str:
    """A service post as the kelurahan's admin types it in Blogger's editor."""
    return (f"<div>{e(intro)}</div><div><br /></div><div><b>Persyaratan :</b></div>"
            + "".join(f"<div>{n}. {e(r)}</div>" for n, r in enumerate(f.requirements, 1))
            + "<div><br /></div><div><b>Prosedur :</b></div>"
            + "".join(f"<div>{n}. {e(p)}</div>" for n, p in enumerate(f.procedure, 1))
            + f"<div><br /></div><div><b>Waktu Penyelesaian :</b> {e(f.duration or '-')}</div>"
            + f"<div><b>Biaya :</b> {e(f.cost or 'Gratis')}</div>"
            + f"<div><b>Tempat :</b> {e(f.location)}</div>")


def build_bloggerfeed(site: Site, facts: dict, reg) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html",
               '<div id="daftar-postingan"></div>' + MM_WIDGET, aliases=("/?m=1",))
    reg(home, f"{site.name}:layanan")
    posts: list[Page] = []
    for key, (_i, _s, date, title, intro, _o) in own_services(site):
        href = f"/{date[:4]}/{date[5:7]}/{blogger_slug(title)}.html"
        page = put(site, "service", key, title, href, href[1:], mm_body(intro, facts[key]),
                   date=date, summary=intro, aliases=(href + "?m=1",))
        page.labels = ["Layanan"]
        reg(page, key)
        posts.append(page)
    for page in own_posts(site, facts, reg, lambda slug, d: f"/{d[:4]}/{d[5:7]}/{slug}.html",
                          lambda href: href[1:]):
        page.aliases = (page.href + "?m=1",)
        site.routes[route_key(page.href, "m=1")] = page.file
        page.labels = ["Kegiatan"]
        posts.append(page)
    put(site, "page", "kontak", "Kontak", "/p/kontak.html", "p/kontak.html", contact_body(site))
    posts.sort(key=lambda p: p.date, reverse=True)
    entries = [{"id": {"$t": f"tag:blogger.com,1999:blog-{_blog_id(site)}.post-{_post_id(p)}"},
                "published": {"$t": f"{p.date}T08:00:00.000+07:00"},
                "category": [{"scheme": "http://www.blogger.com/atom/ns#", "term": lab}
                             for lab in p.labels],
                "title": {"type": "text", "$t": p.title},
                "content": {"type": "html", "$t": p.body},
                "link": [{"rel": "replies", "type": "text/html",
                          "href": f"{site.base}{p.href}#comment-form"},
                         {"rel": "alternate", "type": "text/html", "href": site.base + p.href,
                          "title": p.title}],
                "author": [{"name": {"$t": "Admin Kelurahan"}}]} for p in posts]
    feed = {"version": "1.0", "encoding": "UTF-8", "feed": {
        "xmlns": "http://www.w3.org/2005/Atom", "id": {"$t": f"tag:blogger.com,1999:blog-"
                                                           f"{_blog_id(site)}"},
        "title": {"type": "text", "$t": site.short},
        "link": [{"rel": "alternate", "type": "text/html", "href": site.base + "/"}],
        "openSearch$totalResults": {"$t": str(len(posts))}, "entry": entries}}
    site.extra_files["feeds/posts-default.json"] = (json.dumps(feed, ensure_ascii=False)
                                                   + "\n").encode()
    for query in ("alt=json", "alt=json&max-results=25"):
        site.routes[route_key("/feeds/posts/default", query)] = "feeds/posts-default.json"
    # the Atom feed the <head> names, and the label pages Blogger serves (robots.txt keeps a
    # crawler out of them; the sidebar links them)
    atom = "".join(f"<entry><title type='text'>{e(p.title)}</title><link rel='alternate' "
                   f"type='text/html' href='{site.base}{p.href}'/></entry>" for p in posts)
    site.extra_files["feeds/posts-default.xml"] = (
        "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title type='text'>{e(site.short)}</title>{atom}</feed>\n").encode()
    for query in ("", "alt=rss"):
        site.routes[route_key("/feeds/posts/default", query)] = "feeds/posts-default.xml"
    for label in ("Layanan", "Kegiatan"):
        put(site, "listing", f"label:{label}", f"Postingan dengan label {label}",
            f"/search/label/{label}", f"search/label/{label}.html",
            ul([a(p.href, e(p.title)) for p in posts if label in p.labels]))


def render_bloggerfeed(page: Page) -> str:
    site = page.site
    if page.kind in ("service", "news"):
        labels = "".join(a(f"{site.base}/search/label/{lab}", lab, rel="tag")
                         for lab in page.labels)
        main = (f'<div class="date-outer"><h2 class="date-header"><span>{hari_tanggal(page.date)}'
                f'</span></h2><div class="post-outer"><div class="post hentry">'
                f'<h3 class="post-title entry-title">{e(page.title)}</h3>'
                f'<div class="post-body entry-content" id="post-body-{_post_id(page)}">'
                f'{page.body}<div style="clear: both;"></div></div><div class="post-footer">'
                f'<div class="post-footer-line post-footer-line-1"><span class="post-author '
                f'vcard">Diposting oleh Admin Kelurahan</span> <span class="post-timestamp">di '
                f'<a class="timestamp-link" href="{site.base}{page.href}" rel="bookmark"><abbr '
                f'class="published" title="{page.date}T08:00:00+07:00">08.00</abbr></a></span>'
                f'</div><div class="post-footer-line post-footer-line-2"><span class="post-labels">'
                f"Label: {labels}</span></div></div></div></div></div>")
    elif page.kind == "home":
        main = page.body
    else:
        main = (f'<div class="post hentry"><h3 class="post-title entry-title">{e(page.title)}'
                f'</h3><div class="post-body entry-content">{page.body}</div></div>')
    title = e(site.short) if page.kind == "home" else f"{e(site.short)}: {e(page.title)}"
    return f"""<!DOCTYPE html>
<html class='v2' dir='ltr' lang='id' xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b' xmlns:data='http://www.google.com/2005/gml/data' xmlns:expr='http://www.google.com/2005/gml/expr'>
<head>
<meta content='width=1100' name='viewport'/>
<title>{title}</title>
{blogger_head(page)}
</head>
<body class='loading'>
<div class='content'><div class='content-outer'><header><div class='header-outer'><div class='region-inner header-inner'><div class='header section' id='header'><div class='widget Header' data-version='1' id='Header1'><div id='header-inner'><div class='titlewrapper'><h1 class='title'><a href='{site.base}/'>{e(site.short)}</a></h1></div><div class='descriptionwrapper'><p class='description'><span>{e(site.tagline)}</span></p></div></div></div></div></div></div></header>
<div class='tabs-outer'><div class='tabs section' id='crosscol'><div class='widget PageList' data-version='1' id='PageList1'><div class='widget-content'><ul><li><a href='{site.base}/'>Beranda</a></li><li><a href='{site.base}/p/kontak.html'>Kontak</a></li></ul></div></div></div></div>
<div class='main-outer'><div class='main-inner'><div class='column-center-outer'><div class='main section' id='main'><div class='widget Blog' data-version='1' id='Blog1'><div class='blog-posts hfeed'>
{main}
</div></div></div></div>
<div class='column-right-outer'><div class='sidebar section' id='sidebar-right-1'><div class='widget Label' data-version='1' id='Label1'><h2>Label</h2><div class='widget-content list-label-widget-content'><ul><li><a dir='ltr' href='{site.base}/search/label/Layanan'>Layanan</a></li><li><a dir='ltr' href='{site.base}/search/label/Kegiatan'>Kegiatan</a></li></ul></div></div></div></div></div></div>
<footer><div class='footer-outer'><div class='widget Attribution' data-version='1' id='Attribution1'><div class='widget-content' style='text-align: center;'>{footer_text(site)}. Tema Sederhana. Diberdayakan oleh <a href='https://www.blogger.com' target='_blank'>Blogger</a>.</div></div></div></footer>
</div></div>
</body>
</html>
"""


NEW_BUILD.update({"vueaxios": build_vueaxios, "vuechunk": build_vuechunk,
                  "bloggerfeed": build_bloggerfeed})
RENDER.update({"vueaxios": render_vueaxios, "vuechunk": render_vuechunk,
               "bloggerfeed": render_bloggerfeed})
CSS.update({"vueaxios": ("css/app.1c9e7f3a.css", ".list-group-item{display:block}"),
            "vuechunk": ("favicon.ico", ""), "bloggerfeed": ("favicon.ico", "")})


# silaras-dukcapil (offset 96): a Vue 3 + Vite build; the API base is Vite's env object
# (``VITE_API_URL``) read in template literals (`` `${Ee.VITE_API_URL}/layanan` ``), and a
# detail holds the service as the Standar Pelayanan's components, one row each (``{komponen:
# "Persyaratan", uraian: "<ol>...</ol>"}``), as PermenPANRB 15/2014 lists them.

SITES.append(
    Site("silaras-dukcapil", "Dinas Kependudukan dan Pencatatan Sipil Kota Jambi",
         "SILARAS Dukcapil Kota Jambi", "vitesp", 96,
         "Sistem Informasi Layanan Administrasi Kependudukan", KOMPLEK,
         "menyajikan standar pelayanan administrasi kependudukan",
         place="Kantor Disdukcapil Kota Jambi, Komplek Perkantoran Walikota", color="#0e7490"))
SITE.update({s.name: s for s in SITES})
FAMILY["vitesp"] = "vue3-vite-standar-pelayanan"

SERVICES.update({
    "sl_kk_baru": (3, "silaras-dukcapil", "kartu-keluarga-baru", "Penerbitan Kartu Keluarga Baru",
                   "Kartu Keluarga baru bagi pasangan yang baru menikah atau keluarga yang "
                   "pisah KK.", {"online": None}),
    "sl_akta_lahir": (6, "silaras-dukcapil", "akta-kelahiran", "Akta Kelahiran",
                      "Pencatatan kelahiran anak dan penerbitan kutipan akta kelahiran.",
                      {"online": None}),
    "sl_kia": (8, "silaras-dukcapil", "kartu-identitas-anak", "Kartu Identitas Anak",
               "KIA bagi anak di bawah 17 tahun sebagai identitas resmi anak.",
               {"online": None}),
    "sl_kawin": (11, "silaras-dukcapil", "akta-perkawinan", "Pencatatan Perkawinan Non-Muslim",
                 "Perkawinan yang disahkan pemuka agama selain Islam dicatatkan agar terbit "
                 "kutipan akta perkawinan.", {"online": None}),
    "sl_rentan": (13, "silaras-dukcapil", "penduduk-rentan", "Pendaftaran Penduduk Rentan",
                  "Warga tanpa dokumen kependudukan (panti, ODGJ, penghuni kolong jembatan) "
                  "didaftarkan dan direkam biometriknya.", {"online": None}),
})

SILARAS_INDEX = ("assets/index-7f3c2a91.js", """const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/LayananDetail-4b1e9d07.js","assets/vendor-2c8e1f3a.js"])))=>i.map(i=>d[i]);
import{c as Ie,a as Re,b as Ne,d as Oe,r as ke,o as Ue,e as Ve}from"./vendor-2c8e1f3a.js";
const Ee={BASE_URL:"/",MODE:"production",DEV:!1,PROD:!0,SSR:!1,VITE_API_URL:"/api",VITE_APP_NAME:"SILARAS"};
const Ae={__name:"Beranda",setup(t){const e=ke([]);return Ue(async()=>{const n=await fetch(`${Ee.VITE_API_URL}/layanan`);e.value=(await n.json()).data}),(n,s)=>(Ve(),Ie("ul",null,e.value.map(a=>Re(Ne,{key:a.id,to:`/layanan/${a.slug}`},()=>a.nama))))}};
const Le=Oe({history:Ne(),routes:[{path:"/",component:Ae},{path:"/layanan/:slug",component:()=>import("./LayananDetail-4b1e9d07.js"),props:!0}]});
Ie(Ae).use(Le).mount("#app");
export{Ee as e};
""")
SILARAS_DETAIL = ("assets/LayananDetail-4b1e9d07.js", """import{e as Ee}from"./index-7f3c2a91.js";import{r as ke,o as Ue,c as Ie}from"./vendor-2c8e1f3a.js";
const De={__name:"LayananDetail",props:["slug"],setup(t){const e=ke(null);return Ue(async()=>{const n=await fetch(`${Ee.VITE_API_URL}/layanan/${t.slug}`);e.value=(await n.json()).data}),(n,s)=>e.value?Ie("article",null,[Ie("h1",null,e.value.nama),...e.value.standar_pelayanan.map(a=>Ie("section",null,[Ie("h3",null,a.komponen),Ie("div",{innerHTML:a.uraian})]))]):null}};
export{De as default};
""")


def silaras_components(title: str, f: ServiceFacts) -> list[dict]:
    """A service's Standar Pelayanan as the admin keys it in: one row per component."""
    rows = [("Persyaratan", "<ol>" + "".join(f"<li>{e(r)}</li>" for r in f.requirements)
             + "</ol>")]
    if f.procedure:
        rows.append(("Sistem, Mekanisme dan Prosedur", "<ol>" + "".join(
            f"<li>{e(p)}</li>" for p in f.procedure) + "</ol>"))
    rows += [("Jangka Waktu Penyelesaian", f"<p>{e(f.duration or '-')}</p>"),
             ("Biaya/Tarif", f"<p>{e(f.cost or 'Gratis')}</p>"),
             ("Produk Pelayanan", f"<p>{e(title)}</p>")]
    if f.legal_basis:
        rows.append(("Dasar Hukum", f"<p>{e(f.legal_basis)}</p>"))
    rows.append(("Tempat Pelayanan", f"<p>{e(f.location)}</p>"))
    return [{"id": n, "komponen": k, "uraian": u} for n, (k, u) in enumerate(rows, 1)]


def build_vitesp(site: Site, facts: dict, reg) -> None:
    shell = '<div id="app"></div>'
    reg(put(site, "home", "home", site.short, "/", "index.html", shell), f"{site.name}:layanan")
    keys = [k for k, _spec in own_services(site)]
    files: dict[str, object] = {"api/layanan.json": {"success": True, "data": [
        {"id": n, "nama": SERVICES[k][3], "slug": SERVICES[k][2],
         "kategori": {"id": 1, "nama": "Pendaftaran Penduduk" if n < 2 else
                      "Pencatatan Sipil"}} for n, k in enumerate(keys, 1)]}}
    for n, key in enumerate(keys, 1):
        _i, _s, slug, title, intro, _o = SERVICES[key]
        files[f"api/layanan/{slug}.json"] = {"success": True, "data": {
            "id": n, "nama": title, "slug": slug, "deskripsi": intro,
            "standar_pelayanan": silaras_components(title, facts[key]),
            "updated_at": "2025-05-12T03:20:00.000000Z"}}
        reg(put(site, "service", key, title, f"/layanan/{slug}", "index.html", shell,
                summary=intro), key)
    put_json(site, files)
    for rel, code in (SILARAS_INDEX, SILARAS_DETAIL):
        site.extra_files[rel] = code.encode()
    site.extra_files["assets/vendor-2c8e1f3a.js"] = b"/* vue 3.4 runtime (subset) */export{};\n"
    site.extra_files["favicon.ico"] = b""


def vite_shell(page: Page, index: str, vendor: str, css: str, icon: str, description: str
               ) -> str:
    """The index.html a Vite build writes: its entry module, vendor chunk and stylesheet."""
    return f"""<!DOCTYPE html>
<html lang="id">
  <head>
    <meta charset="UTF-8" />
    <link rel="icon"{icon} href="/favicon.ico" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <meta name="description" content="{description}" />
    <title>{e(page.site.short)}</title>
    <script type="module" crossorigin src="/{index}"></script>
    <link rel="modulepreload" crossorigin href="/{vendor}">
    <link rel="stylesheet" crossorigin href="/{css}">
  </head>
  <body>
    {page.body}
  </body>
</html>
"""


def render_vitesp(page: Page) -> str:
    site = page.site
    return vite_shell(page, SILARAS_INDEX[0], "assets/vendor-2c8e1f3a.js",
                      "assets/index-1d9a4c6e.css", ' type="image/svg+xml"',
                      f"{e(site.tagline)} {e(site.opd)}")


NEW_BUILD["vitesp"] = build_vitesp
RENDER["vitesp"] = render_vitesp
CSS["vitesp"] = ("assets/index-1d9a4c6e.css", "#app{max-width:960px;margin:auto}")


# Queries answered by the four families above, numbered from q1020; judged before the crawl
# of these sites was looked at (formal, colloquial, problem), as a citizen types them.
DEVSET_REALSPA: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("persyaratan mutasi balik nama sppt pbb simpada", "sd_mutasi:2 pbb_mutasi:1"),
        ("simpada pengajuan keberatan pbb", "sd_keberatan:2 pbb_keberatan:1"),
        ("pendaftaran objek pajak pbb baru simpada bpprd", "sd_baru:2 pbb_baru:1"),
        ("validasi bphtb simpada", "sd_bphtb:2 bphtb:1"),
        ("surat keterangan sehat puskesmas kebun kopi", "kk_sehat:2"),
        ("poli umum puskesmas kebun kopi", "kk_poli:2 puskesmas:1"),
        ("cek kesehatan gratis puskesmas kebun kopi", "kk_ckg:2 ckg:1"),
        ("surat keterangan domisili kelurahan mayang mangurai", "mm_domisili:2 domisili:1"),
        ("surat keterangan belum menikah kelurahan mayang mangurai", "mm_skbm:2"),
        ("surat keterangan kematian kelurahan mayang mangurai", "mm_kematian:2 akta_mati:1"),
        ("standar pelayanan akta kelahiran silaras dukcapil", "sl_akta_lahir:2 akta_lahir:1"),
        ("kartu identitas anak silaras", "sl_kia:2 kia:1"),
        ("pencatatan perkawinan non muslim silaras dukcapil", "sl_kawin:2 akta_kawin:1"),
    ],
    "colloquial": [
        ("beli rumah mau ganti nama di sppt pbb simpada syaratnya apa", "sd_mutasi:2 pbb_mutasi:1"),
        ("buka warung makan daftar pajak restoran di simpada", "sd_resto:2 pajak_resto:1"),
        ("bikin surat sehat buat lamar kerja di puskesmas kebun kopi", "kk_sehat:2"),
        ("berobat gratis pakai ktp di puskesmas kebun kopi", "kk_uhc:2 uhc:1"),
        ("ngurus sktm di mayang mangurai bawa apa", "mm_sktm:2 sktm:1"),
        ("mau nikah minta surat belum menikah di kelurahan mayang mangurai", "mm_skbm:2"),
        ("baru nikah mau bikin kk sendiri silaras", "sl_kk_baru:2 kk_baru:1"),
        ("bikin kia anak di silaras syaratnya apa", "sl_kia:2 kia:1"),
    ],
    "problem": [
        ("luas tanah di sppt pbb salah simpada", "sd_betul:2 pbb_betul:1"),
        ("tagihan pbb terlalu besar mau protes simpada", "sd_keberatan:2 pbb_keberatan:1"),
        ("rumah baru dibangun belum ada sppt pbb simpada", "sd_baru:2 pbb_baru:1"),
        ("belum punya bpjs sakit mau berobat puskesmas kebun kopi", "kk_uhc:2 uhc:1"),
        ("butuh rujukan ke rumah sakit pakai bpjs puskesmas kebun kopi", "kk_poli:2 puskesmas:1"),
        ("anak mau daftar sekolah minta sktm di mayang mangurai", "mm_sktm:2 sktm:1"),
        ("orang tua meninggal lapor ke kelurahan mayang mangurai", "mm_kematian:2 akta_mati:1"),
        ("melamar kerja diminta surat domisili mayang mangurai", "mm_domisili:2 domisili:1"),
        ("anak lahir di rumah belum punya akte silaras", "sl_akta_lahir:2 akta_lahir:1"),
        ("orang terlantar tidak punya ktp didata dukcapil silaras", "sl_rentan:2 rentan:1"),
        ("nikah di gereja mau dicatat ke dukcapil silaras", "sl_kawin:2 akta_kawin:1"),
    ],
}


# Blocks of qids: (first qid number, the sets numbered from it)
DEVSET_BLOCKS = [(1, (DEVSET, DEVSET_REAL_WORLD, DEVSET_MORE)), (400, (DEVSET_JOOMLA,)),
               (450, (DEVSET_BLOGSPA,)), (500, (DEVSET_SPA,)), (540, (DEVSET_SIBLINGS,)),
               (570, (DEVSET_OPENSID,)), (600, (DEVSET_DATATABLES,)),
               (620, (DEVSET_NEWSMAG,)), (640, (DEVSET_CMSSPA,)),
               (670, (DEVSET_EDITOR_POSTS,)), (700, (DEVSET_MODAL,)),
               (730, (DEVSET_JSONKEYS,)),
               (780, (DEVSET_HANDEDIT,)),
               (870, (DEVSET_PDFTABLE,)),
               (910, (DEVSET_SCRIPTDATA,)),
               (950, (DEVSET_SOUP,)),
               (990, (DEVSET_MISSPELT,)),
               (1020, (DEVSET_REALSPA,))]


def service_twins() -> dict[str, list[str]]:
    """A service of the first twenty sites -> the pages of the real-world families that offer
    the same service (same fact record): judged like it, as the MPP's re-listings are."""
    new = {s.name for s in SITES if s.template in NEW_BUILD}
    twins: dict[str, list[str]] = {}
    for key, spec in SERVICES.items():
        if spec[1] in new:
            for old, old_spec in SERVICES.items():
                if old_spec[1] not in new and old_spec[0] == spec[0]:
                    twins.setdefault(old, []).append(key)
    return twins


def write_devset(global_keys: dict[str, Page], catalog: list[dict]) -> None:
    catalog_urls = {app["url"] for app in catalog}
    by_name = {app["name"]: app["url"] for app in catalog}
    twin_urls = {by_name[first]: by_name[second] for first, second, _ in APP_DUPLICATES}
    twins = service_twins()
    rows = ["qid\tcategory\tquery\trelevant"]
    numbered = [(start + i, category, query, spec) for start, sets in sorted(
                    DEVSET_BLOCKS, key=lambda block: block[0])
                for i, (category, query, spec) in enumerate(
                    (c, q, s) for d in sets for c, items in d.items() for q, s in items)]
    qids = [n for n, *_ in numbered]
    if qids != sorted(set(qids)):
        raise ValueError("devset blocks overlap: a block has more queries than its qid range")
    for n, category, query, spec in numbered:
        grades: dict[str, int] = {}

        def add(url: str, grade: int, grades: dict[str, int] = grades) -> None:
            grades[url] = max(grade, grades.get(url, 0))

        for item in spec.split():
            key, grade_text = item.rsplit(":", 1)
            grade = int(grade_text)
            if key.startswith("url:"):
                url = key[4:]
                if url not in catalog_urls:
                    raise ValueError(f"{query!r}: {url} is not in the app catalog")
                add(url, grade)
                continue
            if key not in global_keys:
                raise KeyError(f"{query!r}: unknown page key {key!r}")
            add(global_keys[key].url, grade)
            if f"mpp:{key}" in global_keys:
                add(global_keys[f"mpp:{key}"].url, grade)
            for twin in twins.get(key, ()):
                add(global_keys[twin].url, grade)
            if global_keys[key].url in twin_urls:
                add(twin_urls[global_keys[key].url], grade)
        relevant = " ".join(f"{u}={g}" for u, g in sorted(grades.items(),
                                                          key=lambda x: (-x[1], x[0])))
        rows.append(f"q{n:03d}\t{category}\t{query}\t{relevant}")
    out = REPO / "eval" / "devset.tsv"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Lokomedia and PopojiCMS (session 14, issue #11): the PHP news portals many Indonesian local
# government offices still run. Lokomedia (media.php?module=..., rewritten by .htaccess to
# berita-<id>-<seo>.html, hal-<seo>.html, kategori-<id>-<seo>.html, halberita-<n>.html) lays out
# a header banner, a running text, three columns (left: search, categories, popular news with
# media.php links; right: polling, visitor statistics, links) and puts the site name alone in
# every <title>; an article's heading is a <span class="judul">, not a heading element, and
# each article has a "versi cetak" copy (print.php?id=N) whose <title> is the article's.
# PopojiCMS (its successor) routes /detailpost/<seo>, /pages/<seo>, /category/<seo>[/page/N],
# /tag/<seo>; posts carry a picture with a caption (picture_description), tags, hits, prev/next
# links, related posts and comments, beside a sidebar of popular, recent and commented posts.
# Services are posted as news (berita/posts) or static pages, among ordinary news.
# ---------------------------------------------------------------------------------------------

SITES.extend([
    Site("dlh-berita", "Dinas Lingkungan Hidup Kota Jambi", "Dinas Lingkungan Hidup Kota Jambi",
         "loko", 100, "Jambi Bersih, Hijau, Bahagia", "Jl. Jend. Sudirman No. 48, Thehok, Kota Jambi",
         "melaksanakan urusan pemerintahan bidang lingkungan hidup, persampahan, pengendalian "
         "pencemaran dan pengelolaan TPA Talang Gulo", labels="b",
         place="Kantor Dinas Lingkungan Hidup Kota Jambi, Jl. Jend. Sudirman No. 48, Thehok",
         color="#166534"),
    Site("dishub-info", "Dinas Perhubungan Kota Jambi", "Dinas Perhubungan Kota Jambi", "popoji",
         101, "Selamat, Tertib, Lancar", "Jl. Lingkar Barat I, Kenali Asam Bawah, Kota Jambi",
         "melaksanakan urusan pemerintahan bidang perhubungan: lalu lintas, angkutan jalan, "
         "perparkiran dan pengujian kendaraan bermotor", labels="d",
         place="Kantor Dinas Perhubungan Kota Jambi, Jl. Lingkar Barat I, Kenali Asam Bawah",
         color="#1e3a8a"),
])
SITE.update({s.name: s for s in SITES})
FAMILY.update({"loko": "lokomedia", "popoji": "popojicms"})

# (fact index, site, slug, title, intro, overrides); "as": how the office published it
# ("berita" a news post, "hal" a static page), "fig": the facts left to a picture's caption,
# "pdf": the facts left to a linked Standar Pelayanan PDF (the page says little itself)
SERVICES.update({
    "lk_tpa": (46, "dlh-berita", "tarif-retribusi-buang-sampah-ke-tpa-talang-gulo",
               "Tarif Retribusi Buang Sampah ke TPA Talang Gulo",
               "Pengangkut sampah swasta, perusahaan dan pengelola kawasan yang membuang sampah "
               "ke TPA Talang Gulo dikenakan retribusi berdasarkan hasil timbangan.",
               {"as": "berita", "cat": "Pelayanan", "fig": ("cost",), "online": None,
                "duration": "saat itu juga, setelah penimbangan di jembatan timbang"}),
    "lk_aduan": (47, "dlh-berita", "pengaduan-sampah", "Pengaduan Sampah",
                 "Warga dapat melaporkan sampah yang belum terangkut, TPS yang penuh atau "
                 "pembuangan sampah liar kepada Dinas Lingkungan Hidup.",
                 {"as": "hal", "online": None}),
    "lk_sppl": (None, "dlh-berita", "pengurusan-sppl-dan-rekomendasi-ukl-upl",
                "Pengurusan SPPL dan Rekomendasi UKL-UPL Bagi Pelaku Usaha",
                "Setiap usaha dan/atau kegiatan wajib memiliki persetujuan lingkungan: SPPL bagi "
                "usaha kecil dan UKL-UPL bagi usaha yang dampaknya lebih besar.",
                {"as": "berita", "cat": "Pelayanan", "pdf": True,
                 "requirements": ["Surat permohonan kepada Kepala Dinas Lingkungan Hidup",
                                  "Fotokopi KTP penanggung jawab usaha",
                                  "NIB dari sistem OSS", "Formulir SPPL atau dokumen UKL-UPL "
                                  "yang telah diisi", "Peta lokasi dan foto tempat usaha"],
                 "procedure": ["Pemohon mengisi formulir dan melampirkan berkas",
                               "Verifikasi berkas dan peninjauan lapangan oleh petugas",
                               "Pemeriksaan dokumen UKL-UPL oleh tim",
                               "Penerbitan SPPL atau rekomendasi UKL-UPL"],
                 "duration": "SPPL 3 hari kerja; rekomendasi UKL-UPL 14 hari kerja",
                 "cost": "Tidak dipungut biaya",
                 "legal_basis": "PP 22/2021 tentang Penyelenggaraan Perlindungan dan "
                                "Pengelolaan Lingkungan Hidup", "online": None}),
    "lk_lab": (None, "dlh-berita", "layanan-uji-laboratorium-lingkungan",
               "Layanan Uji Laboratorium Lingkungan",
               "UPTD Laboratorium Lingkungan DLH menerima pengujian sampel air limbah, air "
               "sungai, air sumur dan udara ambien dari masyarakat dan pelaku usaha.",
               {"as": "hal", "requirements": ["Surat permohonan pengujian",
                                              "Sampel dalam wadah sesuai petunjuk petugas",
                                              "Formulir permintaan uji yang telah diisi"],
                "procedure": ["Konsultasi parameter uji dengan petugas", "Penyerahan sampel",
                              "Pembayaran retribusi pengujian", "Pengujian di laboratorium",
                              "Pengambilan laporan hasil uji"],
                "duration": "10 hari kerja sejak sampel diterima",
                "cost": "Sesuai Perda retribusi jasa usaha, per parameter uji (contoh: pH "
                        "Rp25.000, BOD Rp90.000)",
                "legal_basis": "Perda Kota Jambi tentang Retribusi Jasa Usaha", "online": None}),
    "lk_banksampah": (None, "dlh-berita", "cara-mendaftarkan-bank-sampah-unit-di-dlh",
                      "Cara Mendaftarkan Bank Sampah Unit di DLH",
                      "Kelompok warga yang mengelola bank sampah di tingkat RT dapat "
                      "mendaftarkannya ke DLH agar mendapat pembinaan, timbangan dan buku "
                      "tabungan nasabah.",
                      {"as": "berita", "cat": "Pelayanan", "fig": ("requirements",),
                       "requirements": ["Surat keterangan pembentukan dari Ketua RT dan Lurah",
                                        "Susunan pengurus bank sampah", "Daftar nasabah awal "
                                        "minimal 20 kepala keluarga", "Foto lokasi penimbangan"],
                       "procedure": ["Pengurus menyerahkan berkas ke Bidang Pengelolaan "
                                     "Sampah DLH", "Peninjauan lokasi oleh petugas",
                                     "Penerbitan SK bank sampah unit"],
                       "duration": "7 hari kerja", "cost": "Gratis", "legal_basis": None,
                       "online": None}),
    "pj_kir": (48, "dishub-info", "persyaratan-uji-kir-kendaraan-bermotor",
               "Persyaratan Uji KIR Kendaraan Bermotor",
               "Mobil barang, mobil penumpang umum dan bus wajib menjalani uji berkala (uji KIR) "
               "setiap enam bulan di UPTD Pengujian Kendaraan Bermotor.",
               {"as": "berita", "cat": "Layanan", "fig": ("cost", "duration"), "online": None,
                "cost": "Retribusi uji berkala Rp85.000 untuk mobil barang dan Rp65.000 untuk "
                        "mobil penumpang, ditambah kartu uji Rp25.000"}),
    "pj_batubara": (49, "dishub-info", "pengaduan-angkutan-batu-bara",
                    "Pengaduan Angkutan Batu Bara",
                    "Truk angkutan batu bara dilarang melintas di dalam Kota Jambi; warga dapat "
                    "melaporkannya kapan saja.", {"as": "hal", "online": None}),
    "pj_parkir": (None, "dishub-info", "izin-penyelenggaraan-tempat-parkir",
                  "Izin Penyelenggaraan Tempat Parkir",
                  "Pemilik toko, rumah makan, ruko dan tempat hiburan yang menyediakan lahan "
                  "parkir bagi pengunjung wajib memiliki izin penyelenggaraan tempat parkir.",
                  {"as": "hal", "requirements": ["Surat permohonan bermeterai",
                                                 "Fotokopi KTP pemohon", "NIB atau izin usaha",
                                                 "Gambar denah lokasi parkir",
                                                 "Bukti pelunasan PBB tahun berjalan"],
                   "procedure": ["Pengajuan berkas ke Bidang Perparkiran",
                                 "Survei lokasi oleh petugas", "Penetapan kapasitas dan tarif",
                                 "Penerbitan izin"],
                   "duration": "7 hari kerja", "cost": "Gratis (pajak parkir dibayar ke BPPRD)",
                   "legal_basis": "Perda Kota Jambi tentang Penyelenggaraan Perparkiran",
                   "online": None}),
    "pj_andalalin": (None, "dishub-info", "rekomendasi-andalalin-untuk-pembangunan-gedung",
                     "Rekomendasi Andalalin untuk Pembangunan Gedung",
                     "Pembangunan pusat perbelanjaan, perumahan, sekolah dan gedung lain yang "
                     "menimbulkan bangkitan lalu lintas wajib dilengkapi analisis dampak lalu "
                     "lintas (Andalalin).",
                     {"as": "berita", "cat": "Layanan", "pdf": True,
                      "requirements": ["Surat permohonan dari pengembang",
                                       "Dokumen Andalalin yang disusun tenaga ahli bersertifikat",
                                       "Site plan dan gambar rencana akses keluar masuk",
                                       "Fotokopi KRK atau PKKPR"],
                      "procedure": ["Penyerahan dokumen Andalalin", "Penilaian oleh tim "
                                    "evaluasi", "Paparan pengembang di hadapan tim",
                                    "Penerbitan surat persetujuan Andalalin"],
                      "duration": "30 hari kerja sejak dokumen lengkap",
                      "cost": "Tidak dipungut biaya",
                      "legal_basis": "PM Perhubungan 17/2021 tentang Analisis Dampak Lalu Lintas",
                      "online": None}),
    "pj_trayek": (None, "dishub-info", "izin-trayek-angkutan-kota",
                  "Izin Trayek Angkutan Kota",
                  "Pengusaha angkutan kota (angkot) yang melayani trayek di dalam Kota Jambi "
                  "wajib memiliki izin trayek yang diperpanjang setiap lima tahun.",
                  {"as": "berita", "cat": "Layanan", "requirements": [
                      "Fotokopi KTP pemilik kendaraan", "Fotokopi STNK dan BPKB",
                      "Buku uji KIR yang masih berlaku", "Surat keterangan keanggotaan koperasi "
                      "atau badan hukum angkutan", "Pas foto 3x4 dua lembar"],
                   "procedure": ["Pengajuan berkas ke Bidang Angkutan", "Pemeriksaan fisik "
                                 "kendaraan", "Penerbitan kartu pengawasan dan izin trayek"],
                   "duration": "5 hari kerja", "cost": "Gratis",
                   "legal_basis": "PM Perhubungan 15/2019 tentang Penyelenggaraan Angkutan Orang",
                   "online": None}),
})

# (site, slug, date, title, paragraphs, category)
PORTAL_NEWS = [
    ("dlh-berita", "jumat-bersih-di-pasar-angso-duo", "2024-01-19",
     "Jumat Bersih di Pasar Angso Duo Libatkan Ratusan Pedagang",
     ["Dinas Lingkungan Hidup bersama pedagang Pasar Angso Duo membersihkan saluran air dan "
      "mengangkut 12 ton sampah dalam kegiatan Jumat Bersih.",
      "Kepala DLH mengimbau pedagang membuang sampah ke TPS pada jam yang ditentukan."], "Berita"),
    ("dlh-berita", "armada-pengangkut-sampah-baru", "2024-03-04",
     "DLH Terima Sepuluh Armada Pengangkut Sampah Baru",
     ["Sepuluh unit truk pengangkut sampah baru akan melayani kelurahan yang selama ini sering "
      "terlambat diangkut.", "Jadwal pengangkutan baru diumumkan melalui kelurahan."], "Berita"),
    ("dlh-berita", "lomba-kampung-iklim", "2024-04-22",
     "Peringatan Hari Bumi: Lomba Kampung Iklim Tingkat Kota",
     ["Sebanyak 24 RT mengikuti lomba Program Kampung Iklim. Penilaian meliputi bank sampah, "
      "biopori, penghijauan dan hemat energi."], "Berita"),
    ("dlh-berita", "uji-emisi-kendaraan-dinas", "2024-05-27",
     "Uji Emisi Gratis Kendaraan Dinas dan Umum di Halaman Kantor Walikota",
     ["DLH menggelar uji emisi gas buang gratis. Dari 310 kendaraan yang diuji, 41 belum "
      "memenuhi baku mutu dan disarankan servis."], "Pengumuman"),
    ("dlh-berita", "pemantauan-kualitas-air-batanghari", "2024-07-15",
     "Pemantauan Kualitas Air Sungai Batanghari Semester I",
     ["Petugas laboratorium mengambil sampel air di enam titik Sungai Batanghari. Hasil "
      "pemantauan dipublikasikan pada laporan status lingkungan hidup daerah."], "Berita"),
    ("dlh-berita", "adipura-2024", "2024-09-09",
     "Tim Penilai Adipura Tinjau TPA Talang Gulo",
     ["Tim penilai Adipura meninjau pengelolaan sampah sistem controlled landfill di TPA Talang "
      "Gulo serta taman kota."], "Berita"),
    ("dlh-berita", "jadwal-angkut-sampah-libur-nataru", "2024-12-20",
     "Jadwal Pengangkutan Sampah Selama Libur Natal dan Tahun Baru",
     ["Pengangkutan sampah tetap berjalan selama libur Natal dan Tahun Baru dengan jadwal "
      "pagi pukul 05.00-09.00 WIB.", "Warga diminta tidak membuang sampah di luar jam tersebut."],
     "Pengumuman"),
    ("dlh-berita", "sosialisasi-pilah-sampah-sekolah", "2025-02-10",
     "Sosialisasi Pilah Sampah dari Rumah di 15 Sekolah",
     ["DLH menyosialisasikan gerakan pilah sampah organik dan anorganik kepada siswa SD dan "
      "SMP. Sekolah didorong membentuk bank sampah sekolah."], "Berita"),
    ("dlh-berita", "penanaman-pohon-danau-sipin", "2025-04-07",
     "Penanaman 1.000 Pohon di Sekitar Danau Sipin",
     ["Aparatur DLH, pelajar dan komunitas menanam 1.000 bibit pohon di sempadan Danau Sipin."],
     "Berita"),
    ("dlh-berita", "pengumuman-libur-lebaran", "2025-03-27",
     "Pengumuman Pelayanan Selama Cuti Bersama Idul Fitri",
     ["Pelayanan administrasi DLH libur selama cuti bersama. Pengangkutan sampah dan TPA "
      "Talang Gulo tetap beroperasi."], "Pengumuman"),
    ("dishub-info", "rekayasa-lalu-lintas-simpang-bata", "2024-02-05",
     "Uji Coba Rekayasa Lalu Lintas di Simpang Bata",
     ["Dishub memberlakukan uji coba satu arah di ruas Simpang Bata selama dua minggu untuk "
      "mengurai kemacetan pada jam sibuk."], "Berita"),
    ("dishub-info", "angkutan-lebaran-2024", "2024-03-25",
     "Posko Angkutan Lebaran 2024 Dibuka di Terminal Alam Barajo",
     ["Posko angkutan lebaran memeriksa kelaikan bus antarkota sebelum berangkat. Bus yang "
      "tidak laik jalan dilarang beroperasi."], "Berita"),
    ("dishub-info", "juru-parkir-wajib-rompi", "2024-05-13",
     "Juru Parkir Wajib Pakai Rompi dan Kartu Tanda Anggota",
     ["Juru parkir resmi di tepi jalan umum wajib memakai rompi dan menunjukkan kartu tanda "
      "anggota. Warga diminta tidak membayar juru parkir tanpa atribut."], "Pengumuman"),
    ("dishub-info", "pemasangan-apill-baru", "2024-07-01",
     "Pemasangan Lampu Lalu Lintas Baru di Simpang Kawat",
     ["Alat pemberi isyarat lalu lintas (APILL) baru dipasang di Simpang Kawat dan mulai "
      "beroperasi pekan depan."], "Berita"),
    ("dishub-info", "trans-siginjai-rute-baru", "2024-08-26",
     "Bus Trans Siginjai Layani Rute Baru ke Pijoan",
     ["Bus Trans Siginjai menambah rute baru dari Terminal Rawasari ke Pijoan dengan tarif "
      "tetap Rp4.000."], "Berita"),
    ("dishub-info", "razia-truk-odol", "2024-10-14",
     "Razia Truk Over Dimensi dan Over Loading di Jalan Lingkar Selatan",
     ["Petugas gabungan Dishub dan Satlantas menindak 17 truk over dimensi dan over loading. "
      "Pengemudi diberi tilang dan diminta menurunkan muatan."], "Berita"),
    ("dishub-info", "jadwal-car-free-day", "2025-01-06",
     "Jadwal Car Free Day Tahun 2025",
     ["Car Free Day digelar setiap Minggu pukul 06.00-09.00 WIB di Jalan Jend. Sudirman. "
      "Kendaraan dialihkan ke jalan sekitar."], "Pengumuman"),
    ("dishub-info", "sosialisasi-keselamatan-pelajar", "2025-02-17",
     "Sosialisasi Keselamatan Berlalu Lintas bagi Pelajar SMP",
     ["Dishub mengajak pelajar SMP tidak mengendarai sepeda motor sebelum memiliki SIM dan "
      "selalu memakai helm."], "Berita"),
    ("dishub-info", "penertiban-parkir-liar", "2025-04-14",
     "Penertiban Parkir Liar di Kawasan Pasar",
     ["Petugas menertibkan 23 kendaraan yang parkir di badan jalan kawasan pasar. Pemilik "
      "kendaraan diberi teguran tertulis."], "Berita"),
]
NEWS += [(s, slug, d, t, x) for s, slug, d, t, x, _c in PORTAL_NEWS]
PORTAL_NEWS_CATEGORY = {(s, slug): c for s, slug, _d, _t, _x, c in PORTAL_NEWS}

PORTAL_COMMENTS = [("Hendra", "Terima kasih infonya, sangat membantu."),
                   ("Yuni", "Apakah bisa diurus hari Sabtu?"),
                   ("Admin", "Pelayanan buka Senin sampai Jumat, Bapak/Ibu.")]
PORTAL_POLL = ("Bagaimana pelayanan kami?", ["Sangat baik", "Baik", "Cukup", "Kurang"])


def portal_facts_html(site: Site, key: str, f: ServiceFacts, leave: tuple[str, ...]) -> str:
    """The facts an editor typed in the post, less those left to the picture's caption."""
    rows = [(anchor, label, value) for anchor, label, value in fact_rows(site, f)
            if {"persyaratan": "requirements", "prosedur": "procedure", "waktu": "duration",
                "biaya": "cost"}.get(anchor) not in leave]
    out = ""
    for anchor, label, value in rows:
        if isinstance(value, list):
            out += f"<p><strong>{e(label)}:</strong></p>" + value_html(anchor, value, "ol")
        else:
            out += f"<p><strong>{e(label)}:</strong> {value_html(anchor, value, '')}</p>"
    return out


def portal_caption(f: ServiceFacts, leave: tuple[str, ...]) -> str:
    parts = []
    if "requirements" in leave:
        parts.append("Syarat: " + "; ".join(f.requirements) + ".")
    if "duration" in leave and f.duration:
        parts.append(f"Waktu: {f.duration}.")
    if "cost" in leave and f.cost:
        parts.append(f"Biaya: {f.cost}.")
    return " ".join(parts).rstrip(".")  # a caption ends without a full stop


def portal_file(href: str) -> str:
    return href[1:] if href.endswith(".html") else href[1:].replace("/", "-") + ".html"


def build_portal(site: Site, facts: dict, reg, loko: bool) -> None:
    """The pages of a Lokomedia (``loko``) or PopojiCMS site: posts (services and news),
    static pages, categories and their pages, tags, downloads."""
    site.portal_posts, site.portal_pages, site.portal_pdfs = [], [], []
    home = put(site, "home", "home", site.short, "/", "index.html",
               aliases=("/media.php?module=home", "/home") if loko else ("/home",))
    reg(home, f"{site.name}:home")
    n = 40
    entries = []
    for key, (_i, _s, slug, title, intro, over) in own_services(site):
        entries.append(("service", key, slug, title, intro, over, over.get("date", "")))
    for s, slug, date, title, texts in NEWS:
        if s == site.name:
            entries.append(("news", f"news:{site.name}:{slug}", slug, title, texts, {}, date))
    dates = iter(["2024-02-19", "2024-06-10", "2024-08-05", "2024-11-11", "2025-01-20",
                  "2025-03-10"])
    for kind, key, slug, title, intro, over, date in entries:
        n += 1
        if kind == "service":
            f = facts[key]
            leave = tuple(over.get("fig", ()))
            body = paras(e(intro))
            if over.get("pdf"):
                pdf = (f"/files/SP-{slug[:40]}.pdf" if loko else
                       f"/po-content/uploads/standar-pelayanan-{slug[:40]}.pdf")
                site.extra_files[pdf[1:]] = make_pdf(f"Standar Pelayanan {title}",
                                                     sp_pdf_lines(site, title, f))
                site.portal_pdfs.append((pdf, f"Standar Pelayanan {title}"))
                body += (f"<p>Persyaratan, alur, waktu dan biaya selengkapnya dapat dilihat pada "
                         f"dokumen Standar Pelayanan berikut: <a href=\"{pdf}\">Unduh Standar "
                         f"Pelayanan (PDF)</a>.</p><p>Informasi lebih lanjut hubungi "
                         f"{e(f.location or site.place)}.</p>")
            else:
                body += portal_facts_html(site, key, f, leave)
            caption = portal_caption(f, leave) if leave else ""
            summary = intro
            date = date or next(dates)
        else:
            texts = intro
            body, summary, caption = paras(*map(e, texts)), texts[0], ""
        as_page = over.get("as") == "hal"
        seo = slug
        if as_page:
            href = f"/hal-{seo}.html" if loko else f"/pages/{seo}"
            aliases = (f"/media.php?module=halamanstatis&id={n}",) if loko else ()
        else:
            href = f"/berita-{n}-{seo}.html" if loko else f"/detailpost/{seo}"
            aliases = (f"/media.php?module=detailberita&id={n}",) if loko else ()
        page = put(site, kind, key, title, href, portal_file(href), body, date=date,
                   summary=summary, aliases=aliases)
        page.view = {"id": n, "caption": caption, "static": as_page, "hits": 97 + (n * 37) % 900,
                     "cat": over.get("cat") or PORTAL_NEWS_CATEGORY.get((site.name, slug), ""),
                     "tags": [w for w in slugify(title).split("-") if len(w) > 4][:3]}
        reg(page, key)
        (site.portal_pages if as_page else site.portal_posts).append(page)
        if loko and not as_page:  # the "versi cetak" copy
            pr = put(site, "copy", f"{key}:print", title, f"/print.php?id={n}",
                     f"print-{n}.html", body, date=date)
            pr.view = {"print": True, "caption": caption, "of": key}
    site.portal_posts.sort(key=lambda p: p.date, reverse=True)
    for slug, title, body in (("profil", "Profil", new_profile(site)),
                              ("visi-misi", "Visi dan Misi", visi_body(site)),
                              ("struktur-organisasi", "Struktur Organisasi", paras(
                                  f"Kepala Dinas, Sekretariat, tiga bidang teknis dan UPTD "
                                  f"di lingkungan {e(site.opd)}."))):
        href = f"/hal-{slug}.html" if loko else f"/pages/{slug}"
        p = put(site, "page", slug, title, href, portal_file(href), body)
        p.view = {"static": True}
        site.portal_pages.append(p)
    if loko:  # the agenda block's one entry
        agenda = put(site, "page", "agenda-3", "Peringatan Hari Lingkungan Hidup Sedunia",
                     "/agenda-3-peringatan-hari-lingkungan-hidup-sedunia.html",
                     "agenda-3-peringatan-hari-lingkungan-hidup-sedunia.html", paras(
                         "Tema: Pulihkan Lahan, Hentikan Sampah Plastik.",
                         "Tempat: Taman Kota Jambi, pukul 07.00 WIB. Terbuka untuk umum; "
                         "peserta membawa botol minum sendiri."))
        agenda.view = {"static": True}
    contact = put(site, "page", "kontak", "Hubungi Kami",
                  "/hubungi-kami.html" if loko else "/contact",
                  "hubungi-kami.html" if loko else "contact.html", contact_body(site))
    contact.view = {"static": True}
    downloads = "".join(f'<li><a href="{h}">{e(t)}</a></li>' for h, t in site.portal_pdfs)
    dl = put(site, "page", "unduhan", "Download", "/semua-download.html" if loko else
             "/pages/download", "semua-download.html" if loko else "pages-download.html",
             f"<ul>{downloads}</ul>")
    dl.view = {"static": True}
    # lists: all posts and each category, eight per page
    per = 8
    cats = sorted({p.view["cat"] for p in site.portal_posts})
    lists = [("semua", "Semua Berita", site.portal_posts)] + [
        (slugify(c), c, [p for p in site.portal_posts if p.view["cat"] == c]) for c in cats]
    for ci, (cslug, ctitle, posts) in enumerate(lists):
        pages = [posts[i:i + per] for i in range(0, len(posts), per)]
        for pn, chunk in enumerate(pages, 1):
            if loko:
                href = (("/semua-berita.html" if pn == 1 else f"/halberita-{pn}.html")
                        if ci == 0 else (f"/kategori-{ci}-{cslug}.html" if pn == 1 else
                                         f"/halkategori-{ci}-{pn}.html"))
            else:
                base = "/category/semua" if ci == 0 else f"/category/{cslug}"
                href = base if pn == 1 else f"{base}/page/{pn}"
            shown = ctitle if not loko or ci == 0 else f"Kategori: {ctitle}"
            lp = put(site, "listing", f"list:{cslug}:{pn}", shown, href, portal_file(href))
            if pn == 1 and cslug in ("pelayanan", "layanan"):
                reg(lp, f"{site.name}:layanan")
            lp.view = {"posts": chunk, "pages": len(pages), "n": pn, "cat": ci, "cslug": cslug}
    site.portal_cats = [(ci, cslug, ctitle, len(posts))
                        for ci, (cslug, ctitle, posts) in enumerate(lists) if ci]
    tags = sorted({t for p in site.portal_posts for t in p.view["tags"]})
    for t in tags[:12]:
        href = f"/tag-{t}.html" if loko else f"/tag/{t}"
        tp = put(site, "listing", f"tag:{t}", f"Tag: {t}" if loko else t, href,
                 portal_file(href))
        tp.view = {"posts": [p for p in site.portal_posts if t in p.view["tags"]], "pages": 1,
                   "n": 1, "tag": True}
    site.portal_tags = tags[:12]


def build_loko(site: Site, facts: dict, reg) -> None:
    build_portal(site, facts, reg, loko=True)
    items = "".join(f"<item><title>{e(p.title)}</title><link>{e(site.base + p.href)}</link>"
                    f"</item>\n" for p in site.portal_posts[:10])
    site.extra_files["rss.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{e(site.short)}</title><link>{site.base}/</link>\n{items}</channel></rss>\n"
    ).encode()
    site.extra_files["favicon.ico"] = b""


def build_popoji(site: Site, facts: dict, reg) -> None:
    build_portal(site, facts, reg, loko=False)


def loko_link(page: Page, style: str = "seo") -> str:
    """A Lokomedia link to an article: the rewritten name, or media.php as old blocks write it."""
    if style == "media" and page.view.get("id"):
        module = "halamanstatis" if page.view.get("static") else "detailberita"
        return f"media.php?module={module}&amp;id={page.view['id']}"
    return page.href[1:]


def loko_list(page: Page) -> str:
    v = page.view
    items = "".join(
        f'<div class="berita"><span class="date">{hari_tanggal(p.date)}</span><br />'
        f'<a href="{loko_link(p)}"><span class="judul_berita">{e(p.title)}</span></a><br />'
        f'<img src="foto_berita/small_{p.view["id"]}.jpg" width="110" align="left" hspace="8" />'
        f'{e(p.summary[:160])}... <a href="{loko_link(p)}">Selengkapnya</a><br /><br /></div>'
        for p in v["posts"])
    pager = ""
    if v.get("pages", 1) > 1:
        def ref(k: int) -> str:
            if v["cat"] == 0:
                return "semua-berita.html" if k == 1 else f"halberita-{k}.html"
            return f"kategori-{v['cat']}-{v['cslug']}.html" if k == 1 else \
                f"halkategori-{v['cat']}-{k}.html"
        pager = "<div class=\"paging\">Halaman: " + " | ".join(
            f"<b>{k}</b>" if k == v["n"] else f'<a href="{ref(k)}">{k}</a>'
            for k in range(1, v["pages"] + 1)) + (
            f' | <a href="{ref(v["n"] + 1)}">Next &rsaquo;</a>' if v["n"] < v["pages"] else "")
        pager += "</div>"
    head = f'<span class="judul">{e(page.title)}</span>'
    return head + "<br /><br />" + items + pager


def loko_article(page: Page) -> str:
    site, v = page.site, page.view
    img = ""
    if v.get("caption"):
        img = (f'<span class="image"><img src="foto_berita/{v["id"]}.jpg" border="0" width="300" '
               f'hspace="10" align="left" alt="" /><br /><i>{e(v["caption"])}</i></span>')
    if v.get("static"):
        return (f'<span class="judul">{e(page.title)}</span><br /><br />'
                f'<div class="isi">{img}{page.body}</div>')
    tags = " ".join(f'<a href="tag-{t}.html">{t}</a>' for t in v["tags"]
                    if t in site.portal_tags)
    related = [p for p in site.portal_posts if p is not page and set(p.view["tags"])
               & set(v["tags"])][:4] or [p for p in site.portal_posts if p is not page][:3]
    rel = "".join(f'<li><a href="{loko_link(p)}">{e(p.title)}</a></li>' for p in related)
    comments = "".join(
        f'<div class="komentar"><b>{e(who)}</b> <span class="date">{hari_tanggal(page.date)}'
        f"</span><br />{e(text)}</div>" for who, text in PORTAL_COMMENTS[:v["id"] % 3 + 1])
    cat = next((ci for ci, cs, ct, _n in site.portal_cats if ct == v["cat"]), 1)
    return (f'<span class="date">{hari_tanggal(page.date)} - 09:{v["id"] % 60:02d}:12 WIB'
            f"</span><br />"
            f'<span class="judul">{e(page.title)}</span><br />'
            f'<span class="posting">Diposting oleh : Administrator - Kategori: '
            f'<a href="kategori-{cat}-{slugify(v["cat"])}.html">{e(v["cat"])}</a> - Dibaca: '
            f'{v["hits"]} kali</span><br /><br />{img}<div class="isi">{page.body}</div>'
            f'<br /><a href="print.php?id={v["id"]}" target="_blank"><img src="images/print.gif"'
            f' border="0" /> Versi cetak</a> | <a href="https://www.facebook.com/sharer.php?u='
            f'{site.base}{page.href}">Bagikan ke Facebook</a><br />'
            f'<div class="tag">Tag: {tags}</div><br /><b>Berita Terkait:</b><ul>{rel}</ul>'
            f"<b>Komentar:</b>{comments}"
            f'<form method="post" action="simpankomentar.php"><input type="hidden" name="id" '
            f'value="{v["id"]}" />Nama: <input name="nama_komentar" size="30" /><br />Komentar: '
            f'<textarea name="isi_komentar" cols="40" rows="4"></textarea><br />'
            f'<input type="submit" value="Kirim" /></form>')


def render_loko(page: Page) -> str:
    site, v = page.site, page.view
    if v.get("print"):
        return (f"<html><head><title>{e(page.title)}</title></head><body onload=\"window.print()"
                f"\"><h3>{e(page.title)}</h3><p>{hari_tanggal(page.date)}</p>"
                + (f"<p><i>{e(v['caption'])}</i></p>" if v.get("caption") else "")
                + f"{page.body}<hr /><small>Sumber: {e(site.short)} - {site.base}</small>"
                "</body></html>\n")
    posts = site.portal_posts
    services = [p for p in site.pages if p.kind == "service"]
    if page.kind == "home":
        main = ('<span class="judul">Berita Terkini</span><br /><br />' + "".join(
            f'<div class="berita"><span class="date">{hari_tanggal(p.date)}</span><br />'
            f'<a href="{loko_link(p)}"><b>{e(p.title)}</b></a><br />{e(p.summary[:150])}... '
            f'<a href="{loko_link(p)}">Selengkapnya</a></div><br />' for p in posts[:6])
            + '<a href="semua-berita.html">Indeks berita &raquo;</a>')
    elif page.kind == "listing":
        main = loko_list(page)
    elif page.key == "kontak":
        main = (f'<span class="judul">Hubungi Kami</span><br /><br />{page.body}'
                '<form method="post" action="hubungi-aksi.html">Nama: <input name="nama" /><br />'
                'Email: <input name="email" /><br />Pesan: <textarea name="pesan"></textarea>'
                '<br /><input type="submit" value="Kirim" /></form>')
    else:
        main = loko_article(page)
    popular = sorted(posts, key=lambda p: -p.view["hits"])[:6]
    kategori = "".join(f'&bull; <a href="kategori-{ci}-{cs}.html">{e(ct)} ({n})</a><br />'
                       for ci, cs, ct, n in site.portal_cats)
    running = " &nbsp; | &nbsp; ".join(e(p.title) for p in posts[:5])
    menu = "".join(f'<li><a href="{h}">{t}</a>{sub}</li>' for t, h, sub in (
        ("Beranda", "media.php?module=home", ""),
        ("Profil", "hal-profil.html", '<ul><li><a href="hal-visi-misi.html">Visi dan Misi</a>'
         '</li><li><a href="hal-struktur-organisasi.html">Struktur Organisasi</a></li></ul>'),
        ("Pelayanan", "kategori-" + str(next((ci for ci, _s, ct, _n in site.portal_cats
                                              if ct == "Pelayanan"), 1)) + "-pelayanan.html",
         "<ul>" + "".join(f'<li><a href="{loko_link(p)}">{e(p.title)}</a></li>'
                          for p in services) + "</ul>"),
        ("Berita", "semua-berita.html", ""), ("Download", "semua-download.html", ""),
        ("Hubungi Kami", "hubungi-kami.html", "")))
    poll = "".join(f'<input type="radio" name="pilihan" value="{i}" /> {o}<br />'
                   for i, o in enumerate(PORTAL_POLL[1], 1))
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{e(site.short)}</title>
<meta name="description" content="{e(site.short)} - {e(site.tagline)}" />
<meta name="keywords" content="dlh, lingkungan hidup, kota jambi, sampah, adipura" />
<link rel="shortcut icon" href="favicon.ico" />
<link href="config/style.css" rel="stylesheet" type="text/css" />
<link rel="alternate" type="application/rss+xml" title="RSS" href="rss.xml" />
</head>
<body>
<div id="wrapper">
<div id="header"><img src="images/header.jpg" width="960" height="150" alt="{e(site.short)}" /></div>
<div id="menu"><ul class="menu">{menu}</ul></div>
<div id="running"><marquee scrollamount="3" onmouseover="this.stop()" onmouseout="this.start()">{running}</marquee></div>
<div id="kiri">
<img src="images/pencarian.jpg" /><form method="post" action="hasil-pencarian.html"><input name="kata" type="text" size="17" /> <input type="submit" value="Cari" /></form>
<h3 class="blok">Kategori Berita</h3>{kategori}
<h3 class="blok">Berita Populer</h3><ul>{"".join(f'<li><a href="{loko_link(p, "media")}">{e(p.title)}</a> ({p.view["hits"]})</li>' for p in popular)}</ul>
<h3 class="blok">Agenda</h3><span class="date">&bull; {tanggal("2025-06-05")}</span><br /><span class="agenda"><a href="agenda-3-peringatan-hari-lingkungan-hidup-sedunia.html">Peringatan Hari Lingkungan Hidup Sedunia</a></span><br />
<h3 class="blok">Layanan Kami</h3><ul>{"".join(f'<li><a href="{loko_link(p)}">{e(p.title)}</a></li>' for p in services)}</ul>
</div>
<div id="tengah">
{main}
</div>
<div id="kanan">
<h3 class="blok">Polling</h3><form method="post" action="hasil-poling.html">{PORTAL_POLL[0]}<br />{poll}<input type="submit" value="Pilih" /></form>
<h3 class="blok">Statistik Pengunjung</h3>Pengunjung hari ini : 127<br />Total pengunjung : 184.233<br />Hits hari ini : 612<br />Pengunjung Online : 4
<h3 class="blok">Link Terkait</h3><ul><li><a href="https://jambikota.go.id">Pemerintah Kota Jambi</a></li><li><a href="https://menlhk.go.id">Kementerian LHK</a></li><li><a href="https://sikesal.jambikota.go.id">SiKesal</a></li></ul>
<h3 class="blok">Jam Pelayanan</h3>{HOURS}
</div>
<div id="footer">Copyright &copy; 2013 - 2025 {e(site.short)}. All rights reserved.<br />{footer_text(site)}<br />Powered by Lokomedia</div>
</div>
</body>
</html>
"""


def popoji_card(p: Page) -> str:
    return (f'<div class="spost clearfix"><div class="entry-image"><a href="/detailpost/'
            f'{p.href.rsplit("/", 1)[1]}"><img src="/po-content/uploads/thumbs/{p.view["id"]}.jpg"'
            f' alt="{e(p.title)}"></a></div><div class="entry-c"><div class="entry-title"><h4>'
            f'<a href="{p.href}">{e(p.title)}</a></h4></div><ul class="entry-meta"><li>'
            f"{tanggal(p.date)}</li></ul></div></div>")


def render_popoji(page: Page) -> str:
    site, v = page.site, page.view
    posts = site.portal_posts
    services = [p for p in site.pages if p.kind == "service"]
    title = e(site.short) if page.kind == "home" else f"{e(page.title)} - {e(site.short)}"
    crumb = ""
    if page.kind in ("service", "news") and not v.get("static"):
        img = (f'<div class="entry-image"><img src="/po-content/uploads/{v["id"]}.jpg" alt="'
               f'{e(page.title)}">'
               + (f'<p class="text-center" style="padding:10px; background:#eee;"><i>'
                  f'{e(v["caption"])}</i></p>' if v.get("caption") else "") + "</div>")
        tags = ", ".join(f'<a href="/tag/{t}">{t}</a>' for t in v["tags"] if t in site.portal_tags)
        i = posts.index(page)
        prev = (f'<a href="{posts[i + 1].href}">&lArr; {e(posts[i + 1].title)}</a>'
                if i + 1 < len(posts) else "")
        nxt = f'<a href="{posts[i - 1].href}">{e(posts[i - 1].title)} &rArr;</a>' if i else ""
        related = [p for p in posts if p is not page and p.view["cat"] == v["cat"]][:2]
        comments = "".join(
            f'<li class="comment"><div class="comment-wrap clearfix"><div class="comment-content">'
            f'<div class="comment-author">{e(who)}<span>{tanggal(page.date)}</span></div>'
            f"<p>{e(text)}</p></div></div></li>" for who, text in PORTAL_COMMENTS[:v["id"] % 3])
        crumb = (f'<section id="page-title" class="page-title-mini"><div class="container clearfix">'
                 f'<ol class="breadcrumb"><li><a href="/">Beranda</a></li><li>Post</li><li><a '
                 f'href="{page.href}">{e(page.title)}</a></li></ol></div></section>')
        main = (f'<div class="single-post nobottommargin"><div class="entry clearfix">'
                f'<div class="entry-title"><h2>{e(page.title)}</h2></div><ul class="entry-meta '
                f'clearfix"><li><i class="icon-calendar3"></i> {hari_tanggal(page.date)}</li>'
                f'<li><i class="icon-user"></i> Admin Dishub</li><li><i class="icon-folder-open">'
                f'</i> {tags}</li><li><i class="icon-eye"></i> {v["hits"]} Kali</li><li><a href='
                f'"#comments"><i class="icon-comments"></i> {v["id"] % 3} Komentar</a></li></ul>'
                f'{img}<div class="entry-content notopmargin">{page.body}<div class="tagcloud '
                f'clearfix">{tags}</div></div></div><div class="post-navigation clearfix"><div '
                f'class="col_half">{prev}</div><div class="col_half col_last tright">{nxt}</div>'
                f'</div><div class="panel panel-default"><div class="panel-heading"><h3 class='
                f'"panel-title">Ditulis oleh <span>Admin Dishub</span></h3></div><div class='
                f'"panel-body">Pengelola website {e(site.opd)}.</div></div><h4>Berita Terkait</h4>'
                f'<div class="related-posts clearfix">{"".join(popoji_card(p) for p in related)}'
                f'</div><div id="comments" class="clearfix"><h3 id="comments-title"><span>'
                f'{v["id"] % 3}</span> Komentar</h3><ol class="commentlist clearfix">{comments}'
                f'</ol><div id="respond"><h3>Tinggalkan Komentar</h3><form action="{page.href}'
                f'#comments" method="post" id="commentform"><input type="text" name="name" '
                f'placeholder="Nama"><input type="text" name="email" placeholder="Email">'
                f'<textarea name="comment"></textarea><button type="submit">Kirim Komentar'
                f"</button></form></div></div></div>")
    elif page.kind == "home":
        main = ('<div class="fancy-title title-border"><h3>Kabar Dishub</h3></div>'
                + "".join(f'<div class="entry clearfix"><div class="entry-title"><h2><a href="'
                          f'{p.href}">{e(p.title)}</a></h2></div><ul class="entry-meta"><li>'
                          f'{tanggal(p.date)}</li></ul><div class="entry-content"><p>'
                          f'{e(p.summary[:160])}...</p><a href="{p.href}" class="more-link">'
                          f"Selengkapnya</a></div></div>" for p in posts[:5])
                + '<a href="/category/semua" class="button">Indeks Berita</a>')
    elif page.kind == "listing":
        crumb = (f'<section id="page-title"><div class="container clearfix"><h1>{e(page.title)}'
                 f'</h1><ol class="breadcrumb"><li><a href="/">Beranda</a></li><li>'
                 f"{e(page.title)}</li></ol></div></section>")
        base = page.href.rsplit("/page/", 1)[0]
        pager = "".join(
            f'<li class="{"active" if k == v["n"] else ""}"><a href="'
            f'{base if k == 1 else f"{base}/page/{k}"}">{k}</a></li>'
            for k in range(1, v["pages"] + 1)) if v["pages"] > 1 else ""
        main = ('<div id="posts" class="small-thumbs">' + "".join(
            f'<div class="entry clearfix"><div class="entry-image"><a href="{p.href}"><img src="'
            f'/po-content/uploads/medium/medium_{p.view["id"]}.jpg" alt=""></a></div><div class="'
            f'entry-c"><div class="entry-title"><h2><a href="{p.href}">{e(p.title)}</a></h2></div>'
            f'<ul class="entry-meta clearfix"><li>{tanggal(p.date)}</li></ul><div class="entry-'
            f'content"><p>{e(p.summary[:140])}...</p></div></div></div>' for p in v["posts"])
            + f'</div><ul class="pagination">{pager}</ul>')
    else:
        crumb = (f'<section id="page-title"><div class="container clearfix"><h1>{e(page.title)}'
                 f'</h1><ol class="breadcrumb"><li><a href="/">Beranda</a></li><li>Pages</li>'
                 f"<li>{e(page.title)}</li></ol></div></section>")
        main = f'<div class="entry-content">{page.body}</div>'
    popular = sorted(posts, key=lambda p: -p.view["hits"])[:4]
    cats = "".join(f'<li><a href="/category/{cs}">{e(ct)} <span>({n})</span></a></li>'
                   for _ci, cs, ct, n in site.portal_cats)
    cloud = "".join(f'<a href="/tag/{t}">{t}</a>' for t in site.portal_tags)
    menu = "".join(f'<li><a href="{h}"><div>{t}</div></a>{sub}</li>' for t, h, sub in (
        ("Beranda", "/", ""),
        ("Profil", "/pages/profil", '<ul><li><a href="/pages/visi-misi"><div>Visi dan Misi</div>'
         '</a></li><li><a href="/pages/struktur-organisasi"><div>Struktur Organisasi</div></a>'
         "</li></ul>"),
        ("Layanan", "/category/layanan", "<ul>" + "".join(
            f'<li><a href="{p.href}"><div>{e(p.title)}</div></a></li>' for p in services)
         + "</ul>"),
        ("Berita", "/category/berita", ""), ("Pengumuman", "/category/pengumuman", ""),
        ("Download", "/pages/download", ""), ("Kontak", "/contact", "")))
    return f"""<!DOCTYPE html>
<html dir="ltr" lang="id">
<head>
<meta http-equiv="content-type" content="text/html; charset=utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{title}</title>
<meta name="description" content="{e(site.tagline)}" />
<meta name="generator" content="PopojiCMS 2.0.1" />
<link rel="stylesheet" href="/po-content/themes/chingsy/css/style.css" type="text/css" />
<link rel="canonical" href="{site.base}{page.href}" />
</head>
<body class="stretched">
<div id="wrapper" class="clearfix">
<div id="top-bar"><div class="container clearfix"><div class="col_half nobottommargin"><p class="nobottommargin"><strong>Telp:</strong> (0741) 60731 | <strong>Email:</strong> dishub@jambikota.go.id</p></div></div></div>
<header id="header" class="sticky-style-2"><div class="container clearfix"><div id="logo"><a href="/" class="standard-logo"><img src="/po-content/uploads/logo.png" alt="{e(site.short)}"></a></div></div>
<div id="header-wrap"><nav id="primary-menu" class="style-2"><div class="container clearfix"><ul>{menu}</ul>
<div id="top-search"><form action="/search" method="post"><input type="text" name="search" class="form-control" placeholder="Ketik kata kunci &amp; enter.."></form></div></div></nav></div></header>
{crumb}
<section id="content"><div class="content-wrap"><div class="container clearfix">
<div class="col-md-8 nobottommargin clearfix">
{main}
</div>
<div class="col-md-4 nobottommargin clearfix col_last"><div class="sidebar-widgets-wrap">
<div class="widget clearfix"><div class="tabs nobottommargin clearfix" id="sidebar-tabs"><ul class="tab-nav clearfix"><li><a href="#tabs-1">Populer</a></li><li><a href="#tabs-2">Terbaru</a></li><li><a href="#tabs-3"><i class="icon-comments-alt norightmargin"></i></a></li></ul>
<div class="tab-container"><div class="tab-content clearfix" id="tabs-1"><div id="popular-post-list-sidebar">{"".join(popoji_card(p) for p in popular)}</div></div>
<div class="tab-content clearfix" id="tabs-2"><div id="recent-post-list-sidebar">{"".join(popoji_card(p) for p in posts[:4])}</div></div>
<div class="tab-content clearfix" id="tabs-3"><div class="spost clearfix"><strong>{PORTAL_COMMENTS[1][0]}:</strong> {PORTAL_COMMENTS[1][1]}</div></div></div></div></div>
<div class="widget clearfix"><h4>Kategori</h4><ul class="list-unstyled">{cats}</ul></div>
<div class="widget clearfix"><h4>Layanan Kami</h4><ul>{"".join(f'<li><a href="{p.href}">{e(p.title)}</a></li>' for p in services)}</ul></div>
<div class="widget clearfix"><h4>Tag</h4><div class="tagcloud">{cloud}</div></div>
<div class="widget clearfix"><h4>Jajak Pendapat</h4><p>{PORTAL_POLL[0]}</p>{"".join(f'<label><input type="radio" name="poll"> {o}</label><br>' for o in PORTAL_POLL[1])}</div>
<div class="widget clearfix"><h4>Link Terkait</h4><ul><li><a href="https://jambikota.go.id">Pemerintah Kota Jambi</a></li><li><a href="https://dephub.go.id">Kementerian Perhubungan</a></li><li><a href="https://sikesal.jambikota.go.id">SiKesal</a></li></ul></div>
</div></div>
</div></div></section>
<footer id="footer" class="dark"><div class="container"><div class="footer-widgets-wrap clearfix"><div class="col_two_third"><div class="widget clearfix">{footer_text(site)}</div></div></div></div>
<div id="copyrights"><div class="container clearfix">Copyright &copy; 2025 {e(site.short)}. Powered by PopojiCMS.</div></div></footer>
</div>
</body>
</html>
"""


NEW_BUILD.update({"loko": build_loko, "popoji": build_popoji})
RENDER.update({"loko": render_loko, "popoji": render_popoji})
CSS.update({"loko": ("config/style.css", "#kiri{float:left;width:200px}#tengah{float:left;"
                     "width:540px}#kanan{float:right;width:200px}.judul{font-size:16px;"
                     "font-weight:bold;color:#166534}"),
            "popoji": ("po-content/themes/chingsy/css/style.css", ".entry-title h2{font-size:"
                       "22px}.sidebar-widgets-wrap .widget{margin-bottom:30px}")})

# Queries answered by the two sites above, numbered from q1100; written before their crawl was
# looked at, as citizens type them
DEVSET_PORTAL: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("persyaratan penerbitan sppl dan rekomendasi ukl-upl", "lk_sppl:2"),
        ("pengujian sampel air limbah di laboratorium lingkungan", "lk_lab:2"),
        ("pendaftaran bank sampah unit dinas lingkungan hidup", "lk_banksampah:2"),
        ("izin penyelenggaraan tempat parkir dinas perhubungan", "pj_parkir:2"),
        ("persetujuan analisis dampak lalu lintas pembangunan gedung", "pj_andalalin:2"),
        ("perpanjangan izin trayek angkutan kota", "pj_trayek:2"),
    ],
    "colloquial": [
        ("buka usaha kecil perlu surat sppl ngurusnya gimana", "lk_sppl:2"),
        ("mau cek air sumur tercemar atau nggak di lab dlh", "lk_lab:2"),
        ("bikin bank sampah di rt daftarnya kemana", "lk_banksampah:2"),
        ("punya ruko mau kelola parkir sendiri harus izin apa", "pj_parkir:2"),
        ("angkot mau perpanjang izin trayek syaratnya apa aja", "pj_trayek:2"),
    ],
    "problem": [
        ("sampah di tps depan rumah sudah seminggu tidak diangkut dlh",
         "lk_aduan:2 sampah_aduan:2 tpa_aduan:1"),
        ("truk batu bara lewat jalan kota malam hari mau lapor dishub",
         "pj_batubara:2 batubara:2 pkb_batubara:1 pd_batubara:1"),
        ("dokumen andalalin perumahan belum disetujui dishub berapa lama", "pj_andalalin:2"),
        ("biaya buang sampah truk ke tpa talang gulo per ton",
         "lk_tpa:2 sampah_tpa:2 tpa_retribusi:2"),
    ],
    "typo": [
        ("persyaratn uji kir mobil barang dishub", "pj_kir:2 kir:2 pkb_kir:1 pd_kir:1"),
        ("rekomendasi andalalin pembangunann gedung", "pj_andalalin:2"),
        ("laboratorim lingkungan uji air limbah", "lk_lab:2"),
    ],
    "abbreviation": [
        ("sppl ukl upl dlh kota jambi", "lk_sppl:2"),
        ("tarif uji kir dishub kota jambi", "pj_kir:2 kir:2 pkb_kir:1 pd_kir:1"),
        ("izin trayek angkot dishub", "pj_trayek:2"),
    ],
    "english": [
        ("environmental permit for small business jambi", "lk_sppl:2"),
        ("traffic impact assessment approval jambi city", "pj_andalalin:2"),
        ("parking permit for shop owners jambi", "pj_parkir:2"),
    ],
    "jambi-malay": [
        ("nak buang sampah ke talang gulo bayar berapo", "lk_tpa:2 sampah_tpa:2 tpa_retribusi:2"),
        ("cakmano nak daftar bank sampah di rt kami", "lk_banksampah:2"),
        ("nak lapor truk batubara lewat dalam kota", "pj_batubara:2 batubara:2 pkb_batubara:1 "
                                                     "pd_batubara:1"),
    ],
    "old-term": [
        ("izin lingkungan ukl upl usaha", "lk_sppl:2"),
        ("ijin trayek oplet dalam kota", "pj_trayek:2"),
        ("ijin parkir toko dishub", "pj_parkir:2"),
    ],
    "app": [
        ("layanan dinas lingkungan hidup kota jambi", "dlh-berita:layanan:2 dlh-berita:home:1"),
        ("layanan dinas perhubungan kota jambi", "dishub-info:layanan:2 dishub-info:home:1"),
    ],
}
DEVSET_BLOCKS.append((1100, (DEVSET_PORTAL,)))


# ---------------------------------------------------------------------------------------------
# Session 14: Next.js sites (issue #11)
#
# perizinan-dpmptsp (offset 105): a Next.js pages-router build exported as static files
#   (``layanan/<slug>.html`` served at ``/layanan/<slug>``). Every page is server-rendered with
#   the site's header, menu and footer, and carries its props in ``<script id="__NEXT_DATA__">``
#   (``props.pageProps``, ``page: "/layanan/[slug]"``, ``buildId``); client navigation fetches
#   ``/_next/data/<buildId>/<path>.json``. A service page renders its facts as tabs of which
#   only the open one ("Persyaratan") is in the HTML, beside three other services and their
#   summaries: the procedure, time, cost and legal basis are only in the page's JSON. The list page renders five services; the other two are only in
#   its pageProps, linked by the page chunk's ``href:"/layanan/".concat(e.slug)``.
# sehat-dinkes (offset 106): a Next.js app-router site: the layout and the pages' server
#   components are in the HTML, the client components' props only in the RSC payload
#   (``self.__next_f.push([1,"..."])`` chunks, split wherever the stream flushed). A service's
#   facts are a closed accordion (Radix renders no closed panel): the HTML has the section
#   names and nothing under them. The list page's second tab (letters and permits) is drawn
#   by a client component from its props only, and there is no sitemap.
# ---------------------------------------------------------------------------------------------

SITES += [
    Site("perizinan-dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Jambi",
         "Portal Perizinan DPMPTSP Kota Jambi", "nextpages", 105,
         "Perizinan Mudah, Cepat dan Transparan",
         "Jl. Jend. Basuki Rahmat No. 1, Kotabaru, Kota Jambi",
         "menyajikan standar pelayanan perizinan berusaha dan perizinan tenaga kesehatan",
         place="Front Office DPMPTSP, Gedung Mal Pelayanan Publik Kota Jambi lantai 1",
         color="#9a3412"),
    Site("sehat-dinkes", "Dinas Kesehatan Kota Jambi", "Jambi Sehat - Dinas Kesehatan Kota Jambi",
         "nextrsc", 106, "Masyarakat Kota Jambi Sehat dan Bahagia",
         "Jl. Dr. Sumantri Brojonegoro No. 2, Sungai Putri, Telanaipura, Kota Jambi",
         "menyelenggarakan urusan kesehatan: pelayanan kesehatan dasar, jaminan kesehatan dan "
         "perizinan tenaga kesehatan",
         place="Dinas Kesehatan Kota Jambi, Jl. Dr. Sumantri Brojonegoro No. 2, Telanaipura",
         color="#047857"),
]
SITE.update({s.name: s for s in SITES})
FAMILY.update({"nextpages": "nextjs-pages", "nextrsc": "nextjs-app-rsc"})

SERVICES.update({
    # Portal Perizinan (Next.js pages router, static export)
    "np_nib": (17, "perizinan-dpmptsp", "nomor-induk-berusaha", "Nomor Induk Berusaha (NIB)",
               "NIB adalah identitas pelaku usaha yang diterbitkan lembaga OSS; petugas front "
               "office membantu pendaftaran akun OSS-RBA.", {}),
    "np_pbg": (18, "perizinan-dpmptsp", "persetujuan-bangunan-gedung",
               "Persetujuan Bangunan Gedung (PBG)",
               "Persetujuan sebelum membangun baru, mengubah, memperluas atau merawat bangunan "
               "gedung, pengganti IMB, diajukan lewat SIMBG.", {}),
    "np_slf": (19, "perizinan-dpmptsp", "sertifikat-laik-fungsi", "Sertifikat Laik Fungsi (SLF)",
               "Sertifikat bahwa bangunan gedung yang telah selesai dibangun laik dipakai "
               "sesuai fungsi yang tercantum dalam PBG.", {}),
    "np_sipdokter": (20, "perizinan-dpmptsp", "sip-dokter", "Surat Izin Praktik Dokter dan Dokter Gigi",
                     "Izin bagi dokter dan dokter gigi untuk berpraktik di fasilitas pelayanan "
                     "kesehatan atau praktik mandiri.", {}),
    "np_sipbidan": (21, "perizinan-dpmptsp", "sip-bidan", "Surat Izin Praktik Bidan (SIPB)",
                    "Izin bagi bidan yang berpraktik di puskesmas, klinik, rumah sakit atau "
                    "tempat praktik mandiri bidan.", {}),
    "np_sipperawat": (22, "perizinan-dpmptsp", "sip-perawat", "Surat Izin Praktik Perawat (SIPP)",
                      "Izin bagi perawat yang menjalankan praktik keperawatan di fasilitas "
                      "kesehatan atau praktik mandiri.", {}),
    "np_reklame": (23, "perizinan-dpmptsp", "izin-reklame", "Izin Penyelenggaraan Reklame",
                   "Izin bagi pemasang papan reklame, baliho, billboard dan videotron di "
                   "wilayah Kota Jambi.", {}),
    # Jambi Sehat (Next.js app router, RSC)
    "nr_ckg": (43, "sehat-dinkes", "cek-kesehatan-gratis", "Cek Kesehatan Gratis (CKG)",
               "Pemeriksaan kesehatan gratis di puskesmas bagi warga semua umur, sekali "
               "setahun di sekitar hari ulang tahun.", {"online": None}),
    "nr_uhc": (41, "sehat-dinkes", "jaminan-kesehatan-uhc", "Jaminan Kesehatan Semesta (UHC)",
               "Warga Kota Jambi yang belum terdaftar BPJS Kesehatan didaftarkan sebagai "
               "peserta PBI yang iurannya dibayar pemerintah kota.", {"online": None}),
    "nr_dasar": (44, "sehat-dinkes", "pelayanan-kesehatan-dasar",
                 "Pelayanan Kesehatan Dasar di Puskesmas",
                 "Rawat jalan, kesehatan ibu dan anak, KB, imunisasi dan gizi di 20 puskesmas "
                 "Kota Jambi, serta rujukan berjenjang bagi peserta JKN.", {"online": None}),
    "nr_sehat": (None, "sehat-dinkes", "surat-keterangan-sehat", "Surat Keterangan Sehat",
                 "Surat keterangan sehat dari dokter puskesmas untuk melamar kerja, mendaftar "
                 "sekolah atau syarat administrasi lainnya.", dict(SEHAT_FACTS)),
    "nr_rekom": (22, "sehat-dinkes", "rekomendasi-izin-praktik",
                 "Rekomendasi Izin Praktik Tenaga Kesehatan",
                 "Rekomendasi Dinas Kesehatan yang menjadi syarat Surat Izin Praktik perawat, "
                 "bidan dan tenaga kesehatan lain di DPMPTSP.", {"online": None}),
})

NEWS += [
    ("perizinan-dpmptsp", "pelayanan-pbg-di-mpp", "2025-04-14",
     "Konsultasi PBG Kini Dibuka Setiap Hari di MPP",
     ["DPMPTSP Kota Jambi membuka meja konsultasi Persetujuan Bangunan Gedung setiap hari "
      "kerja di Mal Pelayanan Publik. Pemohon dapat membawa gambar rencana bangunan untuk "
      "diperiksa sebelum diunggah ke SIMBG."]),
    ("perizinan-dpmptsp", "sosialisasi-oss-umkm", "2025-06-23",
     "Sosialisasi OSS-RBA bagi 150 Pelaku UMKM",
     ["Sebanyak 150 pelaku usaha mikro mengikuti sosialisasi perizinan berusaha berbasis "
      "risiko. Di akhir acara 96 peserta langsung menerima NIB."]),
    ("perizinan-dpmptsp", "survei-kepuasan-2025", "2025-09-08",
     "Indeks Kepuasan Masyarakat DPMPTSP Naik",
     ["Hasil survei kepuasan masyarakat semester I 2025 mencapai 88,4 atau kategori baik, "
      "naik dari 85,1 pada tahun sebelumnya."]),
    ("sehat-dinkes", "ckg-sekolah-dimulai", "2025-08-04", "CKG Sekolah Dimulai di 20 Puskesmas",
     ["Dinas Kesehatan memulai Cek Kesehatan Gratis bagi siswa SD dan SMP. Pemeriksaan "
      "meliputi gigi, mata, telinga, status gizi dan tekanan darah."]),
    ("sehat-dinkes", "waspada-dbd-musim-hujan", "2025-11-03", "Waspada DBD di Musim Hujan",
     ["Kasus demam berdarah meningkat di awal musim hujan. Warga diminta melakukan 3M Plus "
      "dan segera ke puskesmas bila demam tinggi lebih dari dua hari."]),
    ("sehat-dinkes", "uhc-cakupan-98-persen", "2025-02-17", "Cakupan UHC Kota Jambi 98 Persen",
     ["Kepesertaan jaminan kesehatan warga Kota Jambi mencapai 98 persen. Warga yang belum "
      "terdaftar cukup membawa KTP-el dan KK ke puskesmas atau Dinas Kesehatan."]),
]

# --- Portal Perizinan: Next.js pages router, static export ------------------------------------

NEXT_BUILD_ID = "kQ3vYx9TbN2mLr7sWd1Fz"
NEXT_CHUNKS = {  # file -> code; the page chunks as SWC writes them for old browsers
    "webpack": ("static/chunks/webpack-3f1c9a7e2b8d4065.js",
                '!function(){"use strict";var e={},t={};function n(r){var o=t[r];if(void 0!==o)return o.exports;'
                'var u=t[r]={exports:{}};return e[r](u,u.exports,n),u.exports}n.p="/_next/",self.__next_set_public_path__=function(e){n.p=e}}();'),
    "framework": ("static/chunks/framework-6a9e2f0c8b7d5e14.js",
                  '"use strict";(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[774],{}]);'),
    "main": ("static/chunks/main-0e8c4b2d7a1f9c35.js",
             '(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[179],{}]);'),
    "_app": ("static/chunks/pages/_app-5d2e8f7a1c0b9e43.js",
             '(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[888],{6840:function(e,t,n){'
             '(window.__NEXT_P=window.__NEXT_P||[]).push(["/_app",function(){return n(3847)}])}}]);'),
    "/": ("static/chunks/pages/index-8b1d4c7e2f9a6053.js",
          '(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[405],{5557:function(e,t,n){"use strict";n.r(t);'
          'var r=n(5893),a=n(1664),l=n.n(a);t.default=function(e){var t=e.layananPopuler,n=e.berita;'
          'return(0,r.jsxs)("main",{children:[t.map(function(e){return(0,r.jsx)(l(),{href:"/layanan/".concat(e.slug),children:e.nama},e.id)}),'
          'n.map(function(e){return(0,r.jsx)(l(),{href:"/berita/".concat(e.slug),children:e.judul},e.slug)})]})}}}]);'),
    "/layanan": ("static/chunks/pages/layanan-2c7f9e1a4b8d3e60.js",
                 '(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[531],{8214:function(e,t,n){"use strict";n.r(t);'
                 'var r=n(5893),a=n(7294),o=n(1664),l=n.n(o);t.default=function(e){var t=e.daftarLayanan,n=(0,a.useState)(5),o=n[0],i=n[1];'
                 'return(0,r.jsxs)("section",{children:[(0,r.jsx)("div",{className:"grid",children:t.slice(0,o).map(function(e){'
                 'return(0,r.jsx)(l(),{href:"/layanan/".concat(e.slug),className:"card",children:e.nama},e.id)})}),'
                 'o<t.length&&(0,r.jsx)("button",{onClick:function(){return i(t.length)},children:"Tampilkan semua layanan"})]})}}}]);'),
    "/layanan/[slug]": ("static/chunks/pages/layanan/%5Bslug%5D-9e4a1c7b3d2f8e05.js",
                        '(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[219],{3310:function(e,t,n){"use strict";n.r(t);'
                        'var r=n(5893),a=n(7294);t.default=function(e){var t=e.layanan,n=(0,a.useState)("persyaratan"),o=n[0],i=n[1];'
                        'return(0,r.jsxs)("article",{children:[(0,r.jsx)("h1",{children:t.nama}),(0,r.jsx)(Tabs,{aktif:o,onChange:i,data:t})]})}}}]);'),
    "/berita": ("static/chunks/pages/berita-4f8a2d6c1e9b7035.js",
                '(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[712],{}]);'),
    "/berita/[slug]": ("static/chunks/pages/berita/%5Bslug%5D-1b6e9d3a7c4f2e80.js",
                       '(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[713],{}]);'),
    "/[halaman]": ("static/chunks/pages/%5Bhalaman%5D-7a3c9e1f5b2d8046.js",
                   '(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[714],{}]);'),
}
NEXT_CSS = "static/css/0f3b8e2a9c1d7465.css"


def np_record(key: str, f: ServiceFacts, n: int) -> dict:
    """A service as the portal's CMS hands it to ``getStaticProps`` (camelCase keys)."""
    _i, _s, slug, title, intro, _o = SERVICES[key]
    return {"id": n, "nama": title, "slug": slug, "ringkasan": intro,
            "persyaratan": list(f.requirements), "alurPelayanan": list(f.procedure),
            "waktuPenyelesaian": f.duration or "-", "biaya": f.cost or "-",
            "dasarHukum": f.legal_basis or "-", "lokasiPelayanan": f.location,
            "produkLayanan": f"Dokumen {title}",
            "aplikasi": f.online[1] if f.online and f.online[1].startswith("http") else None,
            "kategori": "Perizinan Tenaga Kesehatan" if key.startswith("np_sip")
            else "Perizinan Berusaha", "diperbarui": "2025-07-21T04:15:00.000Z"}


def build_nextpages(site: Site, facts: dict, reg) -> None:
    keys = [k for k, _spec in own_services(site)]
    records = [np_record(k, facts[k], n) for n, k in enumerate(keys, 1)]
    brief = [{"id": r["id"], "nama": r["nama"], "slug": r["slug"], "kategori": r["kategori"],
              "ringkasan": r["ringkasan"]} for r in records]
    news = sorted(own_news(site), key=lambda x: x[1], reverse=True)
    news_brief = [{"slug": s, "judul": t, "tanggal": d} for s, d, t, _x in news]

    def page(kind, key, title, href, route, props, body="", **kw) -> Page:
        file = "index.html" if href == "/" else href.strip("/") + ".html"
        p = put(site, kind, key, title, href, file, body, **kw)
        p.view = {"route": route, "props": props,
                  "query": {"slug": href.rsplit("/", 1)[1]} if "[" in route else {}}
        return p

    home = page("home", "home", site.short, "/", "/", {"layananPopuler": brief[:4],
                                                        "berita": news_brief[:3]})
    lay = page("listing", "list-layanan", "Daftar Layanan Perizinan", "/layanan", "/layanan",
               {"daftarLayanan": brief})
    reg(lay, f"{site.name}:layanan")
    for key, rec in zip(keys, records, strict=True):
        others = [b for b in brief if b["slug"] != rec["slug"]][:3]
        reg(page("service", key, rec["nama"], f"/layanan/{rec['slug']}", "/layanan/[slug]",
                 {"layanan": rec, "lainnya": others}, summary=rec["ringkasan"]), key)
    ber = page("listing", "list-berita", "Berita", "/berita", "/berita", {"berita": news_brief})
    for slug, date, title, texts in news:
        reg(page("news", f"news:{slug}", title, f"/berita/{slug}", "/berita/[slug]",
                 {"berita": {"slug": slug, "judul": title, "tanggal": date,
                             "isi": "".join(f"<p>{e(t)}</p>" for t in texts)}},
                 paras(*texts), date=date, summary=texts[0]), f"news:{site.name}:{slug}")
    prof = page("page", "profil", "Profil DPMPTSP", "/profil", "/[halaman]",
                {"halaman": {"judul": "Profil DPMPTSP", "slug": "profil"}}, new_profile(site))
    kontak = page("page", "kontak", "Kontak", "/kontak", "/[halaman]",
                  {"halaman": {"judul": "Kontak", "slug": "kontak"}}, contact_body(site))
    del prof, kontak, ber, home
    for p in site.pages:  # client navigation's data files
        rel = "_next/data/" + NEXT_BUILD_ID + ("/index" if p.href == "/" else p.href) + ".json"
        site.extra_files[rel] = (json.dumps({"pageProps": p.view["props"], "__N_SSG": True},
                                            ensure_ascii=False) + "\n").encode()
        site.routes[route_key("/" + rel, "")] = rel
    for rel, code in NEXT_CHUNKS.values():
        site.extra_files["_next/" + rel] = code.encode()
    routes = [r for r in NEXT_CHUNKS if r.startswith("/")]
    manifest = ",".join(f'"{r}":["{NEXT_CHUNKS[r][0]}"]' for r in routes)
    sorted_pages = ",".join(f'"{r}"' for r in ["/", "/_app", "/_error", *routes[1:]])
    site.extra_files[f"_next/static/{NEXT_BUILD_ID}/_buildManifest.js"] = (
        f'self.__BUILD_MANIFEST={{__rewrites:{{afterFiles:[],beforeFiles:[],fallback:[]}},{manifest},'
        f'sortedPages:[{sorted_pages}]}},self.__BUILD_MANIFEST_CB&&self.__BUILD_MANIFEST_CB();').encode()
    site.extra_files[f"_next/static/{NEXT_BUILD_ID}/_ssgManifest.js"] = (
        b'self.__SSG_MANIFEST=new Set(["/","/layanan","/layanan/[slug]","/berita","/berita/[slug]",'
        b'"/[halaman]"]),self.__SSG_MANIFEST_CB&&self.__SSG_MANIFEST_CB();')
    site.extra_files["_next/" + NEXT_CSS] = b".card{display:block}.tab[aria-selected=true]{font-weight:700}\n"
    site.extra_files["favicon.ico"] = b""
    for rel in list(site.extra_files):  # "_" folders: served by name
        site.routes[route_key("/" + rel, "")] = rel
    site.robots = "User-agent: *\nAllow: /\n"


NP_TABS = [("persyaratan", "Persyaratan"), ("alur", "Alur Pelayanan"),
           ("waktu-biaya", "Waktu &amp; Biaya"), ("dasar-hukum", "Dasar Hukum")]


def np_main(page: Page) -> str:
    """The server-rendered main column (what React renders before hydration)."""
    props = page.view["props"]
    site = page.site
    if page.kind == "service":
        r = props["layanan"]
        tabs = "".join(f'<button type="button" role="tab" id="tab-{k}" aria-controls="panel-{k}" '
                       f'aria-selected="{str(k == "persyaratan").lower()}" class="tab'
                       f'{" tab-aktif" if k == "persyaratan" else ""}">{lab}</button>'
                       for k, lab in NP_TABS)
        reqs = "".join(f"<li>{e(x)}</li>" for x in r["persyaratan"])
        others = "".join(f'<li><a href="/layanan/{o["slug"]}">{e(o["nama"])}</a>'
                         f'<p class="text-sm">{e(o["ringkasan"])}</p></li>'
                         for o in props["lainnya"])
        return (f'<nav aria-label="breadcrumb" class="breadcrumb"><a href="/">Beranda</a> / '
                f'<a href="/layanan">Layanan</a> / <span>{e(r["nama"])}</span></nav>'
                f'<article class="detail-layanan"><span class="badge">{e(r["kategori"])}</span>'
                f'<h1>{e(r["nama"])}</h1><p class="lead">{e(r["ringkasan"])}</p>'
                f'<div class="tabs" role="tablist">{tabs}</div>'
                f'<div role="tabpanel" id="panel-persyaratan" aria-labelledby="tab-persyaratan" '
                f'class="tab-panel"><ol class="list-decimal">{reqs}</ol></div></article>'
                f'<aside class="lainnya"><h2>Layanan Lainnya</h2><ul>{others}</ul></aside>')
    if page.key == "list-layanan":
        cards = "".join(f'<a class="card" href="/layanan/{b["slug"]}"><span class="kategori">'
                        f'{e(b["kategori"])}</span><h3>{e(b["nama"])}</h3></a>'
                        for b in props["daftarLayanan"][:5])
        return (f'<h1>{e(page.title)}</h1><p>Pilih layanan untuk melihat persyaratan, alur, '
                f'waktu dan biaya.</p><div class="grid">{cards}</div>'
                '<button type="button" class="btn-outline">Tampilkan semua layanan</button>')
    if page.key == "list-berita":
        items = "".join(f'<li><a href="/berita/{b["slug"]}">{e(b["judul"])}</a> '
                        f'<time dateTime="{b["tanggal"]}">{tanggal(b["tanggal"])}</time></li>'
                        for b in props["berita"])
        return f'<h1>Berita</h1><ul class="daftar-berita">{items}</ul>'
    if page.kind == "news":
        return (f'<article><h1>{e(page.title)}</h1><time dateTime="{page.date}">'
                f'{tanggal(page.date)}</time>{page.body}</article>')
    if page.kind == "home":
        cards = "".join(f'<a class="card" href="/layanan/{b["slug"]}"><h3>{e(b["nama"])}</h3></a>'
                        for b in props["layananPopuler"])
        news = "".join(f'<li><a href="/berita/{b["slug"]}">{e(b["judul"])}</a></li>'
                       for b in props["berita"])
        return (f'<section class="hero"><h1>{e(site.short)}</h1><p>Cek persyaratan, alur, '
                f'waktu dan biaya perizinan sebelum datang ke Mal Pelayanan Publik.</p></section>'
                f'<section><h2>Layanan Populer</h2><div class="grid">{cards}</div>'
                f'<a href="/layanan" class="btn">Semua layanan</a></section>'
                f'<section><h2>Kabar DPMPTSP</h2><ul>{news}</ul></section>')
    return f"<h1>{e(page.title)}</h1>{page.body}"


def render_nextpages(page: Page) -> str:
    site = page.site
    route = page.view["route"]
    data = {"props": {"pageProps": page.view["props"], "__N_SSG": True}, "page": route,
            "query": page.view["query"], "buildId": NEXT_BUILD_ID, "isFallback": False,
            "gsp": True, "scriptLoader": []}
    data_json = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    chunk = NEXT_CHUNKS[route][0]
    nav = "".join(f'<a href="{h}" class="nav-link">{t}</a>' for h, t in
                  [("/", "Beranda"), ("/layanan", "Layanan"), ("/berita", "Berita"),
                   ("/profil", "Profil"), ("/kontak", "Kontak")])
    title = site.short if page.kind == "home" else f"{page.title} | {site.short}"
    return (f'<!DOCTYPE html><html lang="id"><head><meta charSet="utf-8"/>'
            f'<meta name="viewport" content="width=device-width"/><title>{e(title)}</title>'
            f'<meta name="description" content="{e(page.summary or site.tagline)}"/>'
            f'<meta name="next-head-count" content="4"/>'
            f'<link rel="preload" href="/_next/{NEXT_CSS}" as="style"/>'
            f'<link rel="stylesheet" href="/_next/{NEXT_CSS}" data-n-g=""/>'
            f'<noscript data-n-css=""></noscript>'
            f'<script defer="" nomodule="" src="/_next/static/chunks/polyfills-c67a75d1b6f99dc8.js"></script>'
            + "".join(f'<script src="/_next/{NEXT_CHUNKS[k][0]}" defer=""></script>'
                      for k in ("webpack", "framework", "main", "_app"))
            + f'<script src="/_next/{chunk}" defer=""></script>'
            f'<script src="/_next/static/{NEXT_BUILD_ID}/_buildManifest.js" defer=""></script>'
            f'<script src="/_next/static/{NEXT_BUILD_ID}/_ssgManifest.js" defer=""></script>'
            f'</head><body><div id="__next"><header class="navbar"><div class="container">'
            f'<a href="/" class="brand"><img src="/logo-kota-jambi.png" alt="Logo Kota Jambi" width="36" height="36"/>'
            f'<span>{e(site.short)}</span></a><nav class="menu">{nav}</nav></div></header>'
            f'<main class="container">{np_main(page)}</main>'
            f'<footer class="footer"><div class="container"><p>{e(site.opd)}</p><p>{e(site.address)}</p>'
            f'<p>Jam layanan: {HOURS}</p><p>{footer_text(site)}</p></div></footer></div>'
            f'<script id="__NEXT_DATA__" type="application/json">{data_json}</script></body></html>\n')


# --- Jambi Sehat: Next.js app router, React Server Components payload ----------------------------

RSC_BUILD_ID = "p4Zc8Rk2Vn6Qw1Ty9Hs3D"
RSC_CHUNKS = ["static/chunks/webpack-8d2f6a1c9e3b7054.js", "static/chunks/fd9d1056-3a7c2e9b.js",
              "static/chunks/117-6c4e1a9f2b8d.js", "static/chunks/main-app-2b9e7c4a1f6d.js"]


def nr_record(key: str, f: ServiceFacts) -> dict:
    _i, _s, slug, title, intro, _o = SERVICES[key]
    items = [{"value": "persyaratan", "judul": "Persyaratan", "isi": list(f.requirements)}]
    if f.procedure:
        items.append({"value": "prosedur", "judul": "Alur Pelayanan", "isi": list(f.procedure)})
    items += [{"value": "waktu", "judul": "Waktu Penyelesaian", "isi": f.duration or "-"},
              {"value": "biaya", "judul": "Biaya", "isi": f.cost or "-"},
              {"value": "lokasi", "judul": "Tempat Pelayanan", "isi": f.location}]
    if f.legal_basis:
        items.append({"value": "dasar-hukum", "judul": "Dasar Hukum", "isi": f.legal_basis})
    return {"nama": title, "slug": slug, "ringkasan": intro, "persyaratan": list(f.requirements),
            "alur": list(f.procedure), "waktu": f.duration or "-", "biaya": f.cost or "-",
            "lokasi": f.location, "dasarHukum": f.legal_basis or "$undefined", "items": items}


NR_TAB_HEALTH = ("nr_ckg", "nr_dasar", "nr_uhc")


def build_nextrsc(site: Site, facts: dict, reg) -> None:
    keys = [k for k, _spec in own_services(site)]
    home = put(site, "home", "home", site.short, "/", "index.html")
    lay = put(site, "listing", "list-layanan", "Layanan Kesehatan", "/layanan", "layanan.html")
    reg(lay, f"{site.name}:layanan")
    cards = {"kesehatan": [], "surat": []}
    for key in keys:
        rec = nr_record(key, facts[key])
        cards["kesehatan" if key in NR_TAB_HEALTH else "surat"].append(
            {"judul": rec["nama"], "href": f"/layanan/{rec['slug']}", "ringkasan": rec["ringkasan"]})
        p = put(site, "service", key, rec["nama"], f"/layanan/{rec['slug']}",
                f"layanan/{rec['slug']}.html", summary=rec["ringkasan"])
        p.view = {"record": rec, "segment": "layanan/[slug]"}
        reg(p, key)
    lay.view = {"cards": cards, "segment": "layanan"}
    home.view = {"cards": cards, "segment": ""}
    ber = put(site, "listing", "list-berita", "Berita", "/berita", "berita.html")
    ber.view = {"segment": "berita"}
    for slug, date, title, texts in sorted(own_news(site), key=lambda x: x[1], reverse=True):
        p = put(site, "news", f"news:{slug}", title, f"/berita/{slug}", f"berita/{slug}.html",
                paras(*texts), date=date, summary=texts[0])
        p.view = {"segment": "berita/[slug]"}
        reg(p, f"news:{site.name}:{slug}")
    kontak = put(site, "page", "kontak", "Kontak Kami", "/kontak", "kontak.html",
                 contact_body(site))
    kontak.view = {"segment": "kontak"}
    prof = put(site, "page", "profil", "Tentang Dinas Kesehatan", "/tentang", "tentang.html",
               new_profile(site))
    prof.view = {"segment": "tentang"}
    for rel in RSC_CHUNKS + ["static/chunks/app/layout-5e1a9c3f7b2d.js",
                             "static/chunks/app/layanan/%5Bslug%5D/page-0c7e3a9f1b5d.js"]:
        site.extra_files["_next/" + rel] = (
            b'(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[' +
            str(len(rel)).encode() + b'],{}]);')
    site.extra_files["_next/static/css/4a8e1c7b3f9d2065.css"] = b"[data-state=closed]>div{display:none}\n"
    site.extra_files["favicon.ico"] = b""
    for rel in list(site.extra_files):
        site.routes[route_key("/" + rel, "")] = rel
    site.robots = "User-agent: *\nAllow: /\n"


def nr_main(page: Page) -> tuple[str, list[str]]:
    """(the HTML the server rendered, the RSC rows of the page's client components)."""
    v = page.view
    rows: list[str] = []
    if page.kind == "service":
        r = v["record"]
        heads = "".join(
            f'<div data-state="closed" data-orientation="vertical" class="border-b">'
            f'<h3 data-orientation="vertical" data-state="closed" class="flex">'
            f'<button type="button" aria-controls="radix-:R{n}:" aria-expanded="false" '
            f'data-state="closed" data-orientation="vertical" id="radix-:r{n}:" '
            f'class="flex flex-1 items-center justify-between py-4 font-medium" '
            f'data-radix-collection-item="">{e(it["judul"])}<svg width="15" height="15" '
            f'viewBox="0 0 15 15" aria-hidden="true"></svg></button></h3>'
            f'<div data-state="closed" id="radix-:R{n}:" hidden="" role="region" '
            f'aria-labelledby="radix-:r{n}:" data-orientation="vertical"></div></div>'
            for n, it in enumerate(r["items"], 1))
        html_main = (f'<nav aria-label="breadcrumb"><ol class="flex"><li><a href="/">Beranda</a>'
                     f'</li><li><a href="/layanan">Layanan</a></li><li>{e(r["nama"])}</li></ol></nav>'
                     f'<h1 class="text-3xl font-bold">{e(r["nama"])}</h1>'
                     f'<p class="text-muted-foreground">{e(r["ringkasan"])}</p>'
                     f'<div class="w-full" data-orientation="vertical">{heads}</div>')
        rows.append('["$","$L9",null,{"layanan":' + json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "}]")
        return html_main, rows
    if page.key in ("list-layanan", "home"):
        first = "".join(f'<a href="{c["href"]}" class="rounded-lg border p-4"><h3>{e(c["judul"])}'
                        f'</h3><p>{e(c["ringkasan"])}</p></a>' for c in v["cards"]["kesehatan"])
        tabs = ('<div role="tablist" aria-orientation="horizontal" class="inline-flex" '
                'data-orientation="horizontal"><button type="button" role="tab" '
                'aria-selected="true" data-state="active" id="radix-:R1:-trigger-kesehatan">'
                'Pelayanan Kesehatan</button><button type="button" role="tab" '
                'aria-selected="false" data-state="inactive" id="radix-:R1:-trigger-surat">'
                'Surat &amp; Perizinan</button></div>'
                f'<div data-state="active" role="tabpanel" class="grid gap-4">{first}</div>'
                '<div data-state="inactive" role="tabpanel" hidden=""></div>')
        rows.append('["$","$La",null,{"defaultValue":"kesehatan","tabs":[{"value":"kesehatan",'
                    '"label":"Pelayanan Kesehatan","layanan":'
                    + json.dumps(v["cards"]["kesehatan"], ensure_ascii=False, separators=(",", ":"))
                    + '},{"value":"surat","label":"Surat & Perizinan","layanan":'
                    + json.dumps(v["cards"]["surat"], ensure_ascii=False, separators=(",", ":")) + "}]}]")
        if page.kind == "home":
            site = page.site
            news = "".join(f'<li><a href="{p.href}">{e(p.title)}</a></li>'
                           for p in pages_of(site, "news"))
            return (f'<section class="hero"><h1>{e(site.short)}</h1><p>Informasi layanan '
                    f'kesehatan, jaminan kesehatan dan surat keterangan sehat.</p></section>'
                    f'<section><h2>Layanan</h2>{tabs}</section><section><h2>Berita</h2>'
                    f'<ul>{news}</ul></section>'), rows
        return f'<h1>{e(page.title)}</h1>{tabs}', rows
    if page.key == "list-berita":
        items = "".join(f'<article><a href="{p.href}"><h2>{e(p.title)}</h2></a><time dateTime="'
                        f'{p.date}">{tanggal(p.date)}</time><p>{e(p.summary)}</p></article>'
                        for p in pages_of(page.site, "news"))
        return f"<h1>Berita</h1>{items}", rows
    if page.kind == "news":
        return (f'<article class="prose"><h1>{e(page.title)}</h1><time dateTime="{page.date}">'
                f'{tanggal(page.date)}</time>{page.body}</article>'), rows
    return f'<h1>{e(page.title)}</h1><div class="prose">{page.body}</div>', rows


def rsc_pushes(rows: list[str], page: Page) -> str:
    """The page's RSC payload as Next writes it into the HTML: ``self.__next_f.push`` calls
    whose strings the stream cut wherever it flushed, not at row ends."""
    segment = page.view["segment"]
    lines = ['1:HL["/_next/static/css/4a8e1c7b3f9d2065.css","style"]',
             '2:I[5751,["117","static/chunks/117-6c4e1a9f2b8d.js","185",'
             '"static/chunks/app/layout-5e1a9c3f7b2d.js"],"Header"]',
             '3:I[9275,[],""]', '4:I[1343,[],""]']
    for n, row in enumerate(rows):
        ref = row[8]  # the row of the client component its "$L9" / "$La" names
        lines.append(f'{ref}:I[{4821 + n},["117","static/chunks/117-6c4e1a9f2b8d.js","931",'
                     f'"static/chunks/app/layanan/%5Bslug%5D/page-0c7e3a9f1b5d.js"],'
                     f'"{"LayananAccordion" if ref == "9" else "LayananTabs"}"]')
    children = ",".join(rows) if rows else "null"
    tree = (f'0:["{RSC_BUILD_ID}",[[["",{{"children":["{segment}",{{"children":["__PAGE__",{{}}]}}]}},'
            f'"$undefined","$undefined",true],null,[null,["$","html",null,{{"lang":"id",'
            f'"children":["$","body",null,{{"children":[["$","$L2",null,{{}}],["$","main",null,'
            f'{{"children":[{children}]}}]]}}]}}]]]]]')
    lines.append(tree)
    lines.append('5:[["$","meta","0",{"name":"viewport","content":"width=device-width, '
                 'initial-scale=1"}],["$","meta","1",{"charSet":"utf-8"}],["$","title","2",'
                 '{"children":' + json.dumps(f"{page.title} | {page.site.short}",
                                             ensure_ascii=False) + "}]]")
    stream = "".join(line + "\n" for line in lines)
    cuts = list(range(0, len(stream), 700)) + [len(stream)]
    pieces = [stream[a_:b_] for a_, b_ in zip(cuts, cuts[1:], strict=False) if b_ > a_]
    return ("<script>(self.__next_f=self.__next_f||[]).push([0]);self.__next_f.push([2,null])</script>"
            + "".join("<script>self.__next_f.push([1,"
                      + json.dumps(p, ensure_ascii=False).replace("</", "<\\/") + "])</script>"
                      for p in pieces))


def render_nextrsc(page: Page) -> str:
    site = page.site
    main, rows = nr_main(page)
    nav = "".join(f'<a class="text-sm font-medium" href="{h}">{t}</a>' for h, t in
                  [("/", "Beranda"), ("/layanan", "Layanan"), ("/berita", "Berita"),
                   ("/tentang", "Tentang"), ("/kontak", "Kontak")])
    title = site.short if page.kind == "home" else f"{page.title} | {site.short}"
    scripts = "".join(f'<script src="/_next/{c}" async=""></script>' for c in RSC_CHUNKS)
    return (f'<!DOCTYPE html><html lang="id"><head><meta charSet="utf-8"/><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"/><link rel="stylesheet" '
            f'href="/_next/static/css/4a8e1c7b3f9d2065.css" data-precedence="next"/>'
            f'<link rel="preload" as="script" fetchPriority="low" href="/_next/{RSC_CHUNKS[0]}"/>'
            f'{scripts}<title>{e(title)}</title><meta name="description" content="'
            f'{e(page.summary or site.tagline)}"/><link rel="icon" href="/favicon.ico" '
            f'type="image/x-icon" sizes="16x16"/></head><body class="min-h-screen bg-background">'
            f'<header class="sticky top-0 border-b"><div class="container flex h-14 items-center">'
            f'<a class="mr-6 flex items-center font-bold" href="/">{e(site.short)}</a>'
            f'<nav class="flex gap-6">{nav}</nav></div></header>'
            f'<main class="container py-8">{main}</main>'
            f'<footer class="border-t py-6"><div class="container"><p>{e(site.opd)} - '
            f'{e(site.address)}</p><p>Layanan pengaduan: Call Center 112 (bebas pulsa)</p>'
            f'<p>{footer_text(site)}</p></div></footer>'
            f'{rsc_pushes(rows, page)}</body></html>\n')


NEW_BUILD.update({"nextpages": build_nextpages, "nextrsc": build_nextrsc})
RENDER.update({"nextpages": render_nextpages, "nextrsc": render_nextrsc})
CSS.update({"nextpages": ("favicon.ico", ""), "nextrsc": ("favicon.ico", "")})


# Queries answered by the two Next.js sites, numbered from q1150; written before the crawl of
# these sites was looked at.
DEVSET_NEXTJS: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("persyaratan nomor induk berusaha portal perizinan dpmptsp", "np_nib:2 nib:1"),
        ("alur pelayanan persetujuan bangunan gedung portal perizinan", "np_pbg:2 pbg:1"),
        ("dasar hukum sertifikat laik fungsi portal perizinan dpmptsp", "np_slf:2 slf:1"),
        ("surat izin praktik perawat portal perizinan dpmptsp", "np_sipperawat:2 sip_perawat:1"),
        ("persyaratan cek kesehatan gratis jambi sehat dinkes", "nr_ckg:2 ckg:1"),
        ("rekomendasi izin praktik tenaga kesehatan jambi sehat", "nr_rekom:2 sb_sipp:1"),
    ],
    "colloquial": [
        ("berapa lama ngurus pbg di portal perizinan dpmptsp", "np_pbg:2 pbg:1"),
        ("mau pasang baliho izinnya gimana portal perizinan", "np_reklame:2 izin_reklame:1"),
        ("bikin surat sehat buat daftar kerja di jambi sehat", "nr_sehat:2 kk_sehat:1"),
        ("daftar bpjs gratis dibayarin pemkot jambi sehat", "nr_uhc:2 uhc:1"),
    ],
    "problem": [
        ("bidan mau buka praktik mandiri izinnya apa portal perizinan", "np_sipbidan:2 sip_bidan:1"),
        ("gedung sudah jadi belum punya slf portal perizinan dpmptsp", "np_slf:2 slf:1"),
        ("belum punya bpjs sakit mau berobat jambi sehat dinkes", "nr_uhc:2 uhc:1"),
        ("anak demam mau periksa ke puskesmas jambi sehat", "nr_dasar:2 puskesmas:1"),
    ],
    "typo": [
        ("persyaratn izin praktik dokter portal perizinan", "np_sipdokter:2 sip_dokter:1"),
        ("cek keshatan gratis jambi sehat", "nr_ckg:2 ckg:1"),
        ("surat keterangn sehat dinkes jambi sehat", "nr_sehat:2 kk_sehat:1"),
    ],
    "abbreviation": [
        ("nib oss portal perizinan dpmptsp", "np_nib:2 nib:1"),
        ("sipp perawat portal perizinan", "np_sipperawat:2 sip_perawat:1"),
        ("ckg dinkes jambi sehat", "nr_ckg:2 ckg:1"),
    ],
    "english": [
        ("building approval permit requirements dpmptsp licensing portal", "np_pbg:2 pbg:1"),
        ("billboard advertising permit portal perizinan", "np_reklame:2 izin_reklame:1"),
        ("health certificate letter jambi sehat health office", "nr_sehat:2 kk_sehat:1"),
    ],
    "jambi-malay": [
        ("nak buka usaho bikin nib di portal perizinan cakmano", "np_nib:2 nib:1"),
        ("nak periksa kesehatan gratis di jambi sehat apo syaratnyo", "nr_ckg:2 ckg:1"),
        ("bidan nak praktik sendiri izinnyo kemano portal perizinan", "np_sipbidan:2 sip_bidan:1"),
    ],
    "old-term": [
        ("syarat imb portal perizinan dpmptsp", "np_pbg:2 pbg:1"),
        ("urus siup portal perizinan dpmptsp", "np_nib:2 nib:1"),
        ("jamkesda berobat gratis jambi sehat", "nr_uhc:2 uhc:1"),
    ],
    "app": [
        ("portal perizinan dpmptsp kota jambi", "perizinan-dpmptsp:layanan:2 np_nib:1"),
        ("jambi sehat dinas kesehatan kota jambi", "sehat-dinkes:layanan:2 nr_ckg:1"),
    ],
}
DEVSET_BLOCKS.append((1150, (DEVSET_NEXTJS,)))


# ---------------------------------------------------------------------------------------------
# Session 14: sites built with the new Google Sites (issue #11)
#
# Google Sites writes every page as the same deep nest of generated class names: a section
# (``yaqOZd``) per band, a tile (``jXK9ad``) per text box, the text box (``tyJCtd mGzaTb``) with
# its paragraphs (``zfr3Q CDt4Ke``) cut into spans wherever the editor's formatting changed,
# headings with ``h.<id>`` anchors and a hidden "copy heading link" button; the page's own
# name is the banner's h1. The menu is written twice (the top bar and the drawer for small
# screens), subpages folded under their parent (``data-nav-level="2"``, hidden until opened),
# and nothing but the menu links the subpages. Every page ends with the site footer the
# owner typed and Google's own bar ("Google Sites", "Laporkan penyalahgunaan"). A page's head
# carries ``<meta itemprop>`` and kilobytes of inline CSS and script (``WIZ_global_data``).
# There is no sitemap. A collapsible text group keeps its body in the HTML, folded.
# Embeds are iframes: a Google Doc published to the web (``/document/d/e/<id>/pub``), a
# Drive PDF preview (``/file/d/<id>/preview``: a viewer drawn by script, no text in its HTML)
# and a Google Form. On the sample server the published doc and the Drive file are served on
# the site's own port under the paths Google uses: they stand for docs.google.com and
# drive.google.com, which a crawl reaches only where the source allows those hosts.
#
# kel-kenalibesar (offset 103): sites.google.com/view/<name>/<page> addresses, title
#   "Site - Page", the home also at the site's root; a service page per letter, one page of
#   collapsible groups (one letter each), SKTM's requirements only in an embedded published
#   Google Doc, an online request through an embedded Google Form, a Pengumuman page.
# pkm-rawasari (offset 104): a custom domain (``/layanan/...``), title "Page - Site"; the
#   health certificate's requirements only in an embedded Drive PDF preview with a download
#   link Google's viewer offers, registration by Google Form, announcements on one page.
# ---------------------------------------------------------------------------------------------

SITES += [
    Site("kel-kenalibesar", "Kelurahan Kenali Besar", "Kelurahan Kenali Besar", "gsites", 103,
         "Melayani Warga dengan Ramah dan Cepat",
         "Jl. Kapten Pattimura RT 12, Kenali Besar, Kecamatan Alam Barajo, Kota Jambi",
         "menyelenggarakan pelayanan administrasi kemasyarakatan, ketenteraman dan "
         "pemberdayaan masyarakat di wilayah Kenali Besar",
         place="Kantor Lurah Kenali Besar, Jl. Kapten Pattimura RT 12, Alam Barajo",
         contact="WhatsApp layanan 0812-7300-4411", color="#1a73e8"),
    Site("pkm-rawasari", "UPTD Puskesmas Rawasari Kota Jambi", "Puskesmas Rawasari", "gsites",
         104, "Sehat Bersama Masyarakat",
         "Jl. Kol. Amir Hamzah No. 9, Rawasari, Kecamatan Alam Barajo, Kota Jambi",
         "menyelenggarakan upaya kesehatan masyarakat dan perorangan tingkat pertama di wilayah "
         "Rawasari dan Beliung",
         place="UPTD Puskesmas Rawasari, Jl. Kol. Amir Hamzah No. 9",
         contact="Telepon (0741) 445 210, WhatsApp pendaftaran 0813-6655-0921", color="#0b8043"),
]
SITE.update({s.name: s for s in SITES})
FAMILY["gsites"] = "google-sites-new"

SERVICES.update({
    # Kelurahan Kenali Besar (new Google Sites, sites.google.com/view/...)
    "kn_domisili": (66, "kel-kenalibesar", "surat-keterangan-domisili",
                    "Surat Keterangan Domisili",
                    "Surat keterangan domisili menerangkan bahwa warga benar bertempat tinggal di "
                    "Kenali Besar, untuk melamar kerja, membuka rekening atau mendaftar sekolah.",
                    {"duration": "Selesai di hari yang sama"}),
    "kn_sktm": (67, "kel-kenalibesar", "sktm", "Surat Keterangan Tidak Mampu (SKTM)",
                "SKTM bagi keluarga kurang mampu untuk keringanan biaya sekolah, syarat bantuan "
                "sosial atau rekomendasi berobat.", {}),
    "kn_sku": (None, "kel-kenalibesar", None, "Surat Keterangan Usaha (SKU)",
               "Untuk pelaku usaha mikro yang mengajukan KUR atau pinjaman modal ke bank.",
               dict(SKU_FACTS)),
    "kn_ahliwaris": (None, "kel-kenalibesar", None, "Surat Keterangan Ahli Waris",
                     "Untuk balik nama sertifikat tanah, pencairan tabungan atau santunan atas "
                     "nama warga yang telah meninggal.", dict(AHLI_WARIS_FACTS)),
    "kn_nikah": (None, "kel-kenalibesar", None, "Surat Pengantar Nikah (N1-N4)",
                 "Untuk calon pengantin sebelum mendaftar ke KUA atau Disdukcapil.",
                 dict(NIKAH_FACTS)),
    # UPTD Puskesmas Rawasari (new Google Sites on a custom domain)
    "rw_ckg": (43, "pkm-rawasari", "cek-kesehatan-gratis", "Cek Kesehatan Gratis (CKG)",
               "Pemeriksaan kesehatan gratis setahun sekali bagi warga semua umur di sekitar "
               "hari ulang tahun: tekanan darah, gula darah, mata, telinga dan gigi.", {}),
    "rw_poli": (44, "pkm-rawasari", "poli-umum", "Poli Umum dan Rujukan BPJS",
                "Pemeriksaan dan pengobatan rawat jalan oleh dokter umum, serta rujukan ke rumah "
                "sakit bagi peserta JKN yang terdaftar di Puskesmas Rawasari.", {}),
    "rw_sehat": (None, "pkm-rawasari", "surat-keterangan-sehat", "Surat Keterangan Sehat",
                 "Surat keterangan sehat dari dokter puskesmas untuk melamar kerja, mendaftar "
                 "sekolah atau kuliah.", dict(SEHAT_FACTS)),
})

GS_NEWS = {
    "kel-kenalibesar": [
        ("2025-10-06", "Pelayanan Surat Tetap Buka Saat Renovasi Kantor",
         "Selama renovasi kantor lurah 6-24 Oktober 2025 pelayanan surat dipindah ke aula "
         "Posyandu Melati RT 14. Jam pelayanan tidak berubah."),
        ("2025-08-18", "Pendataan Usulan Kampung Bahagia Tahap II",
         "Ketua RT diminta menyerahkan hasil musyawarah warga untuk usulan kegiatan Kampung "
         "Bahagia paling lambat 30 Agustus 2025."),
        ("2025-07-01", "Pengajuan Surat Kini Bisa Lewat Formulir Online",
         "Warga dapat mengajukan surat domisili, SKTM dan SKU lewat formulir online; surat "
         "diambil di kantor lurah setelah petugas menghubungi lewat WhatsApp."),
    ],
    "pkm-rawasari": [
        ("2025-11-10", "Jadwal Posyandu Lansia November 2025",
         "Posyandu lansia digelar di enam RW setiap Selasa dan Kamis. Lansia dianjurkan "
         "membawa buku kesehatan lansia dan kartu BPJS."),
        ("2025-09-22", "Bulan Imunisasi Anak Sekolah",
         "Imunisasi campak-rubela dan DT diberikan di SD wilayah Rawasari selama September; "
         "orang tua menerima surat pemberitahuan dari sekolah."),
        ("2025-06-02", "Poli Gigi Libur Sementara",
         "Poli gigi tidak melayani 2-6 Juni 2025 karena pemeliharaan kursi gigi. Pasien "
         "gawat gigi dirujuk ke Puskesmas Simpang Kawat."),
    ],
}

GS_PREFIX = {"kel-kenalibesar": "/view/kelkenalibesar", "pkm-rawasari": ""}
GS_DOC_ID = "2PACX-1vQk3nB8xR2cLw7Tq9ZpH5mY4dVfJ1sGe6uNa0oKiXbWt3yCrMhD8lPzEvUjS7gQf"
GS_FORM = {"kel-kenalibesar": "1FAIpQLSd4Xk2Lw9rT7mBvQ1pZ8cN3yHs6fJgE0aUoRiWtK5eDbPx",
           "pkm-rawasari": "1FAIpQLSe8Rm3Jt1wKq6ZvN9pYc2Hx7sLgB4dUoAiTfE0kWrMnQy"}
GS_DRIVE_ID = "1hT7pQ2wXk9LmR4vN8cZy3BfJ6sGd0aEu"
GS_NAV: dict[str, list[tuple[Page, list[Page]]]] = {}  # site -> menu: (page, its subpages)


def gs_id(*parts: str) -> str:
    """A Google Sites element id (``h.<12 chars>``), stable for the same parts."""
    return "h." + hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


def gs_spans(text: str) -> str:
    """A paragraph's text cut into spans as the editor leaves it (a span per formatting run,
    here one per clause)."""
    runs = re.split(r"(?<=[,;:]) ", text)
    return "".join(f'<span class="C9DxTc ">{e(r)}{" " if i < len(runs) - 1 else ""}</span>'
                   for i, r in enumerate(runs))


def gs_p(text: str) -> str:
    return f'<p dir="ltr" class="zfr3Q CDt4Ke ">{gs_spans(text)}</p>'


def gs_h(level: int, text: str, *ctx: str) -> str:
    hid = gs_id(text, *ctx)
    cls = {1: "duRjpb", 2: "JYVBee", 3: "OmQG5e"}[level]
    return (f'<h{level} id="{hid}" dir="ltr" class="zfr3Q {cls} CDt4Ke " tabindex="-1">'
            f'<div jscontroller="Ae65rd" jsaction="touchstart:UrsOsc; click:KjsqPd; '
            f'focusout:QZoaZ; mouseover:y0pDld; mouseout:dq0hvd;" class="CjVfdc">'
            f'<div class="PPhIP rviiZ" jsname="haAclf"><div role="presentation" class="U26fgb '
            f'mUbCce fKz7Od LRAOtb Znu9nd M9Bg4d" aria-label="Salin link judul" '
            f'aria-hidden="true" data-tooltip="Salin link judul"><a class="FKF6mc TpQm9d" '
            f'href="#{hid}" aria-label="Salin link judul" jsname="hiK3ld" role="button">'
            f'<div class="VTBa7b MbhUzd" jsname="ksKsZd"></div><span jsslot class="xjKiLb">'
            f'<span class="Ce1Y1c" style="top: -11px"><svg class="OUGEr QJoPn" width="22px" '
            f'height="22px" viewBox="0 0 24 24"><path d="M3.9 12c0-1.71"></path></svg></span>'
            f'</span></a></div></div>{gs_spans(text)}</div></h{level}>')


def gs_list(items: list[str], ordered: bool = True) -> str:
    tag = "ol" if ordered else "ul"
    lis = "".join(f'<li dir="ltr" class="zfr3Q TYR86d eD0Rn" style="list-style-type: '
                  f'{"decimal" if ordered else "disc"};"><p dir="ltr" class="zfr3Q CDt4Ke ">'
                  f'{gs_spans(i)}</p></li>' for i in items)
    return f'<{tag} class="n8H08c UVNKR " style="margin-left: 0; padding-left: 0;">{lis}</{tag}>'


def gs_tile(inner: str, *ctx: str, kind: str = "mGzaTb Depvyb") -> str:
    """One text box (or embed) in its tile."""
    return (f'<div class="oKdM2c ZZyype Kzv0Me"><div id="{gs_id("tile", *ctx)}" '
            f'class="hJDwNd-AhqUyc-uQSCkd Ft7HRd-AhqUyc-uQSCkd jXK9ad D2fZ2 zu5uec OjCsFc '
            f'dmUFtb wHaque g5GTcb"><div class="jXK9ad-SmKAyb"><div class="tyJCtd {kind} baZpAe">'
            f'{inner}</div></div></div></div>')


def gs_section(tiles: str, *ctx: str, band: str = "") -> str:
    return (f'<section id="{gs_id("sec", *ctx)}" class="yaqOZd {band}"><div class="IFuOkc">'
            f'</div><div class="mYVXT"><div class="LS81yb VICjCf j5pSsc db35Fc" tabindex="-1">'
            f'<div class="hJDwNd-AhqUyc-uQSCkd Ft7HRd-AhqUyc-uQSCkd JNdkSc SQVYQc"><div '
            f'class="JNdkSc-SmKAyb LkDMRd"><div class="" jscontroller="sGwD4d" jsaction="'
            f'zXBUYb:zTPCnb;zQF9Uc:Qxe3nd;" jsname="F57UId">{tiles}</div></div></div></div>'
            f'</div></section>')


def gs_collapsible(title: str, inner: str, *ctx: str) -> str:
    """A collapsible text group: the title is a button, the body is in the page, folded."""
    cid = gs_id("coll", title, *ctx)
    return (f'<div jscontroller="GR1xke" jsaction="rcuQ6b:WYd;" class="aGSz6e">'
            f'<div class="HHbaje" role="button" tabindex="0" aria-expanded="false" '
            f'aria-controls="{cid}" jsaction="click:Pnl6Hc; keydown:hHXKaf" jsname="xnYLAc">'
            f'<p dir="ltr" class="zfr3Q CDt4Ke "><span class="C9DxTc aw5Odc ">{e(title)}</span>'
            f'</p><div class="jl7Goe"><svg class="XXYlNd" viewBox="0 0 24 24" width="24" '
            f'height="24"><path d="M7.41 8.59L12 13.17"></path></svg></div></div>'
            f'<div id="{cid}" class="KeRCOc KOGGJc" jsname="vTxu0e" aria-hidden="true">'
            f'{inner}</div></div>')


def gs_embed(src: str, label: str, ratio: str = "129.4%") -> str:
    return (f'<div jscontroller="VYKRW" jsaction="rcuQ6b:rcuQ6b;"><div class="WIdY2d M1aSXe">'
            f'<div jsname="WXxXjd" style="padding-top: {ratio}"></div><iframe jsname="L5Fo6c" '
            f'class="YMEQtf" sandbox="allow-scripts allow-popups allow-forms allow-same-origin '
            f'allow-popups-to-escape-sandbox allow-downloads allow-modals" frameborder="0" '
            f'aria-label="{e(label)}" src="{e(src)}" allowfullscreen></iframe></div></div>')


def gs_button(href: str, label: str) -> str:
    """A Sites button: a link styled as one, its label in a div."""
    return (f'<div role="presentation" class="U26fgb L7IXhc QmpIrf" jscontroller="VXdfxd" '
            f'aria-label="{e(label)}"><a class="FKF6mc TpQm9d QmpIrf" href="{e(href)}" '
            f'target="_blank" aria-label="{e(label)}"><div class="NsaAfc"><p>{e(label)}</p>'
            f'</div><div class="wvnY3c" jsname="ksKsZd"></div></a></div>')


def gs_facts_blocks(f: ServiceFacts, key: str, reqs: bool = True) -> str:
    out = ""
    if reqs and f.requirements:
        out += gs_h(3, "Persyaratan", key) + gs_list(f.requirements)
    if f.procedure:
        out += gs_h(3, "Alur Pelayanan", key) + gs_list(f.procedure)
    if f.duration:
        out += gs_h(3, "Waktu Penyelesaian", key) + gs_p(f.duration)
    if f.cost:
        out += gs_h(3, "Biaya", key) + gs_p(f.cost)
    if f.legal_basis:
        out += gs_h(3, "Dasar Hukum", key) + gs_p(f.legal_basis)
    return out


def gs_doc_pub(title: str, f: ServiceFacts, opd: str) -> str:
    """A Google Doc "published to the web" as Docs serves it: its own styles, numbered
    classes, the publish banner, no site furniture."""
    items = "".join(f'<li class="c2 li-bullet-0"><span class="c1">{e(x)}</span></li>'
                    for x in f.requirements)
    return (f'<!DOCTYPE html><html><head><meta content="text/html; charset=UTF-8" '
            f'http-equiv="content-type"><title>{e(title)}</title><style type="text/css">'
            '@import url(https://themes.googleusercontent.com/fonts/css?kit=fpjTOVmNbO4Lz34iLyptLU'
            'XZ4Bq);ol.lst-kix_list_1-0{list-style-type:none}.lst-kix_list_1-0>li:before{content:'
            '"" counter(lst-ctn-kix_list_1-0,decimal) ". "}.c1{color:#000000;font-weight:400;'
            'font-size:11pt;font-family:"Arial"}.c2{margin-left:36pt;padding-top:0pt;'
            'padding-left:0pt;line-height:1.15}.c3{padding-top:0pt;padding-bottom:0pt;'
            'line-height:1.15;text-align:center}.c4{font-weight:700;font-size:14pt}</style>'
            '</head><body><div id="banners"><div id="publish-banner"><div id="publish-banner-'
            'content"><span id="publish-banner-text">Dipublikasikan menggunakan Google Dokumen'
            '</span><a href="https://support.google.com/docs/answer/183965" target="_blank">'
            'Pelajari Lebih Lanjut</a><a href="https://www.google.com/abuse/">Laporkan '
            'Penyalahgunaan</a></div></div></div><div id="title" class="doc-title">'
            f'{e(title)}</div><div id="contents"><p class="c3"><span class="c1 c4">'
            f'{e(title.upper())}</span></p><p class="c3"><span class="c1">{e(opd)}</span></p>'
            '<p class="c0"><span class="c1">Persyaratan yang harus dibawa:</span></p>'
            f'<ol class="c5 lst-kix_list_1-0 start" start="1">{items}</ol>'
            '<p class="c0"><span class="c1">Berkas dibawa ke loket pelayanan kelurahan pada '
            'jam kerja. Surat diproses pada hari yang sama bila berkas lengkap.</span></p>'
            '</div><div id="footer">Diperbarui otomatis setiap 5 menit</div></body></html>\n')


def build_gsites(site: Site, facts: dict, reg) -> None:
    pre = GS_PREFIX[site.name]
    kel = site.name.startswith("kel-")

    def href(slug: str) -> str:
        return f"{pre}/{slug}"

    def file(slug: str) -> str:
        return ("view/" + pre.rsplit("/", 1)[1] + "/" if pre else "") + slug + ".html"

    pages: dict[str, Page] = {}
    # the home: the site's root and its named page are the same page
    home_body = gs_section(gs_tile(
        gs_h(2, f"Selamat datang di {site.short}", site.name)
        + gs_p(f"{site.opd} {site.tugas}.")
        + gs_p("Pilih menu Layanan untuk melihat persyaratan, atau ajukan permohonan lewat "
               "formulir online. Pengumuman terbaru ada di menu Pengumuman."), site.name, "home"),
        site.name, "home")
    # the site's root and its named home page are the same page; the menu links the named
    # one, a crawl starts at the root (and finds the named one a copy of it)
    home = put(site, "home", "home", site.short, "/", "index.html", home_body,
               aliases=((pre,) if pre else ()) + (href("beranda"),))
    pages["home"] = home
    lay_groups: list[tuple[str, str]] = []
    services = own_services(site)
    for key, (_i, _s, slug, title, intro, _o) in services:
        f = facts[key]
        if slug is None:  # a collapsible group of the Layanan page
            inner = gs_p(intro) + gs_facts_blocks(f, key)
            lay_groups.append((title, inner))
            continue
        blocks = gs_p(intro)
        extra = ""
        if key == "kn_sktm":  # requirements only in the published Google Doc
            blocks += (gs_h(3, "Persyaratan", key)
                       + gs_p("Daftar persyaratan terbaru dapat dilihat pada dokumen berikut."))
            extra = gs_tile(gs_embed(f"/document/d/e/{GS_DOC_ID}/pub?embedded=true",
                                     "Google Docs, Persyaratan SKTM"), key, "doc",
                            kind="OWlOyc")
            blocks += gs_facts_blocks(f, key, reqs=False)
        elif key == "rw_sehat":  # requirements only in the Drive PDF
            blocks += (gs_h(3, "Persyaratan", key)
                       + gs_p("Persyaratan dan tarif tercantum pada dokumen di bawah ini."))
            extra = (gs_tile(gs_embed(f"/file/d/{GS_DRIVE_ID}/preview",
                                      "Drive, Persyaratan Surat Keterangan Sehat.pdf"),
                             key, "pdf", kind="OWlOyc")
                     + gs_tile(gs_button(f"/uc?export=download&id={GS_DRIVE_ID}",
                                         "Unduh Persyaratan (PDF)"), key, "btn", kind="N0neUc"))
            blocks += gs_facts_blocks(replace(f, requirements=[]), key)
        else:
            blocks += gs_facts_blocks(f, key)
        blocks += gs_h(3, "Tempat Pelayanan", key) + gs_p(f.location or site.place)
        body = gs_section(gs_tile(blocks, key) + extra, key)
        page = put(site, "service", key, title, href(f"layanan/{slug}"), file(f"layanan/{slug}"),
                   body, summary=intro)
        reg(page, key)
        pages[key] = page
    group_tiles = "".join(gs_collapsible(t, inner, site.name) for t, inner in lay_groups)
    lay_intro = gs_p("Klik nama layanan untuk membuka persyaratannya. Semua surat di kelurahan "
                     "tidak dipungut biaya." if kel else
                     "Pilih layanan di menu untuk melihat persyaratan dan alurnya.")
    subs = [p for p in site.pages if p.kind == "service"]
    if kel:
        lay_title, lay_slug = "Layanan", "layanan"
    else:
        lay_title, lay_slug = "Layanan Kami", "layanan"
    # the puskesmas's Layanan page is one sentence, its services only in the menu under it
    lay = put(site, "listing" if lay_groups else "page", "list-layanan", lay_title,
              href(lay_slug), file(lay_slug),
              gs_section(gs_tile(lay_intro + group_tiles, site.name, "lay"), site.name, "lay"))
    reg(lay, f"{site.name}:layanan")
    for key, spec in services:  # a group's service: at its panel's anchor
        if spec[2] is None:
            reg(Page(site, "service", key, spec[3], f"{lay.href}#{gs_id('coll', spec[3], site.name)}",
                     lay.file), key)
    form = GS_FORM[site.name]
    daftar = put(site, "page", "daftar", "Pendaftaran Online" if not kel else "Permohonan Online",
                 href("pendaftaran-online" if not kel else "permohonan-online"),
                 file("pendaftaran-online" if not kel else "permohonan-online"),
                 gs_section(gs_tile(gs_p("Isi formulir di bawah ini. Petugas akan menghubungi "
                                         "Anda lewat WhatsApp untuk konfirmasi."), site.name, "f")
                            + gs_tile(gs_embed(f"https://docs.google.com/forms/d/e/{form}/"
                                               "viewform?embedded=true", "Google Forms, "
                                               "Formulir Pendaftaran"), site.name, "form",
                                      kind="OWlOyc"), site.name, "f"))
    news = "".join(gs_h(2, t, site.name) + gs_p(tanggal(d)) + gs_p(x)
                   for d, t, x in GS_NEWS[site.name])
    peng = put(site, "news", "pengumuman", "Pengumuman", href("pengumuman"), file("pengumuman"),
               gs_section(gs_tile(news, site.name, "peng"), site.name, "peng"),
               date=GS_NEWS[site.name][0][0], summary=GS_NEWS[site.name][0][2])
    reg(peng, f"{site.name}:pengumuman")
    prof = put(site, "page", "profil", "Profil", href("profil"), file("profil"),
               gs_section(gs_tile(gs_h(2, "Tugas dan Fungsi", site.name)
                                  + gs_p(f"{site.opd} {site.tugas}.")
                                  + gs_h(2, "Wilayah Kerja", site.name)
                                  + gs_p(f"Alamat kantor: {site.address}."), site.name, "prof"),
                          site.name, "prof"))
    GS_NAV[site.name] = [(home, []), (lay, subs), (daftar, []), (peng, []), (prof, [])]
    if kel:  # the Google Doc published to the web, at the path Docs serves it under
        f = facts["kn_sktm"]
        doc = put(site, "document", "kn_sktm_doc", "Persyaratan SKTM Kelurahan Kenali Besar",
                  f"/document/d/e/{GS_DOC_ID}/pub?embedded=true",
                  f"document/d/e/{GS_DOC_ID}/pub.html", aliases=(f"/document/d/e/{GS_DOC_ID}/pub",))
        doc.view = {"raw": gs_doc_pub(doc.title, f, site.opd)}
        reg(doc, "kn_sktm_doc")
    else:  # Drive's viewer (no text in its HTML) and the file its download button fetches
        f = facts["rw_sehat"]
        pdf = make_pdf("Persyaratan Surat Keterangan Sehat - UPTD Puskesmas Rawasari Kota Jambi",
                       ["Persyaratan:"] + [f"{n}. {x}" for n, x in enumerate(f.requirements, 1)]
                       + ["", f"Biaya: {f.cost}", f"Waktu: {f.duration}"])
        site.extra_files[f"drive/{GS_DRIVE_ID}.pdf"] = pdf
        site.routes[route_key("/uc", f"export=download&id={GS_DRIVE_ID}")] = \
            f"drive/{GS_DRIVE_ID}.pdf"
        site.extra_files[f"file/d/{GS_DRIVE_ID}/preview.html"] = (
            '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Persyaratan Surat '
            'Keterangan Sehat.pdf - Google Drive</title><script nonce="d1">window.viewerData = '
            '{config: {id: "' + GS_DRIVE_ID + '", title: "Persyaratan Surat Keterangan '
            'Sehat.pdf", mimeType: "application/pdf", downloadUrl: "/uc?export=download&id='
            + GS_DRIVE_ID + '"}};</script><script nonce="d1" src="https://www.gstatic.com/_/apps-viewer/_/js/viewer.js">'
            '</script></head><body><div class="ndfHFb-c4YZDc-Wrql6b" role="main"></div>'
            '</body></html>\n').encode()
        site.routes[route_key(f"/file/d/{GS_DRIVE_ID}/preview", "")] = \
            f"file/d/{GS_DRIVE_ID}/preview.html"
    site.extra_files["favicon.ico"] = b""
    site.robots = "User-agent: *\nDisallow: /_/\n"


GS_CSS = ("@font-face{font-family:'Open Sans';font-style:normal;font-weight:400;src:url(//fonts."
          "gstatic.com/s/opensans/v34/memSYaGs126MiZpBA-UvWbX2vVnXBbObj2OVZyOOSr4dVJWUgsjZ0B4"
          "gaVc.ttf)format('truetype');}.yaqOZd{position:relative}.tyJCtd{word-wrap:break-word}"
          ".zfr3Q{margin:0}.duRjpb{font-size:34pt}.JYVBee{font-size:19pt}.OmQG5e{font-size:15pt}"
          ".KeRCOc{height:0;overflow:hidden}.aGSz6e[aria-expanded=true] .KeRCOc{height:auto}"
          ".oGuwee{display:none}.jYxBte{display:flex}")


def gs_home(site: Site) -> str:
    """The home page's address in the site's own links (its named page)."""
    return f"{GS_PREFIX[site.name]}/beranda"


def gs_nav(site: Site, page: Page, drawer: bool) -> str:
    items = ""
    for top, subs in GS_NAV[site.name]:
        sel = ' aria-selected="true"' if top is page else ""
        top_href = gs_home(site) if top.kind == "home" else top.href
        sub = ""
        if subs:
            sub = ('<div class="mBHtvb u5fiyc" role="presentation" title="Luaskan/Ciutkan" '
                   'jsaction="click:oESVTe" jsname="ix0Hvc"><svg class="dvmRw" viewBox="0 0 '
                   '24 24"><path d="M7.41,7.84L12,12.42l4.59-4.58L18,9.25l-6,6l-6-6L7.41,7.84z">'
                   '</path></svg></div></div><div class="oGuwee eWDljc RPRy1e Mkt3Tc" '
                   'style="display:none;" jsname="QXE97" data-navtype="1"><ul class="VcS63b">'
                   + "".join(f'<li jsname="ibnC6b" data-nav-level="2" class="ijMPi"><div '
                             f'class="PsKE7e qV4dIc Qrrb5 YSH9J"><div class="I35ICb"><a '
                             f'class="aJHbb dk90Ob jgXgSe HlqNPb" jsname="QwLHlb" role="link" '
                             f'tabindex="0" data-navtype="1" href="{s.href}" '
                             f'data-url="{s.href}" data-type="1" data-level="2">{e(s.title)}'
                             f'</a></div></div></li>' for s in subs) + "</ul></div>")
        else:
            sub = "</div>"
        items += (f'<li jsname="ibnC6b" data-nav-level="1"{" class=VsJjtf" if subs else ""}>'
                  f'<div class="PsKE7e r8s4j-R6PoUb IKA38e baH5ib oNsfjf"><div class="I35ICb" '
                  f'jsaction="keydown:mPuKz(QwLHlb); click:vHQTA(QwLHlb);"><a class="aJHbb '
                  f'dk90Ob hDrhEe HlqNPb" jsname="QwLHlb" role="link" tabindex="0" '
                  f'data-navtype="1"{sel} href="{top_href}" data-url="{top_href}" '
                  f'data-type="1" data-level="1">'
                  f'{"Beranda" if top.kind == "home" else e(top.title)}</a></div>{sub}</li>')
    cls = "jYxBte Fpy8Db" if not drawer else "jgXgSe Fpy8Db"
    return (f'<nav class="JzO0Vc" jsname="ihoMLd" role="navigation" tabindex="-1" '
            f'id="{"yuynLe" if not drawer else "WsVfd"}"><ul role="navigation" jsname="waIgnc" '
            f'class="{cls}" tabindex="-1">{items}</ul></nav>')


def render_gsites(page: Page) -> str:
    if "raw" in page.view:
        return page.view["raw"]
    site = page.site
    kel = site.name.startswith("kel-")
    if page.kind == "home":
        title = site.short
    elif kel:
        title = f"{site.short} - {page.title}"
    else:
        title = f"{page.title} - {site.short}"
    home_href = gs_home(site)
    wiz = json.dumps({"DpimGf": False, "EP1ykd": ["/_/*"], "FdrFJe": "-4817340617328581942",
                      "Im6cmf": "/_/atlas", "LVIXXb": 1, "LoQv7e": True, "MT7f9b": [],
                      "QrtxK": "0", "S06Grb": "", "SNlM0e": "", "W3Yyqf": "", "WZsZ1e": "",
                      "Yllh3e": "%.@.1733462400000000,108812734,2114993421]",
                      "cfb2h": "boq_sitesviewer_20251110.05_p0", "eptZe": "/_/atlas/",
                      "fPDxwd": [1763185, 47071862, 97517168], "gGcLoe": False,
                      "qwAQke": "AtlasViewerUi", "qymVe": "uVq3lyS6CmEfH0xgS2aVR7z3nt4",
                      "rtQCxc": -420, "w2btAe": "%.@.null,null,\"\",false,null,null,true,false]"},
                     separators=(",", ":"))
    banner = gs_section(gs_tile(gs_h(1, page.title, site.name, page.key), site.name, page.key,
                                "banner"), site.name, page.key, "banner",
                        band="LB7kq cJgDec tpmmCb O13XJf")
    footer = gs_section(gs_tile(gs_p(site.opd) + gs_p(site.address) + gs_p(f"Jam pelayanan: "
                                                                          f"{HOURS}")
                                + gs_p(site.contact), site.name, "footer"),
                        site.name, "footer", band="qeLZfd")
    updated = tanggal(page.date or "2025-11-03")
    return (f'<!DOCTYPE html><html lang="id" itemscope itemtype="http://schema.org/WebPage">'
            f'<head><meta charset="utf-8"><script nonce="Zt4w2f">var DOCS_timing={{}}; '
            f'DOCS_timing[\'sl\']=new Date().getTime();</script><script nonce="Zt4w2f">'
            f'function _DumpException(e) {{throw e;}}</script><script data-id="_gd" '
            f'nonce="Zt4w2f">window.WIZ_global_data = {wiz};</script>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta http-equiv="X-UA-Compatible" content="IE=edge"><meta name="referrer" '
            f'content="origin"><link rel="icon" href="/favicon.ico"><meta property="og:title" '
            f'content="{e(title)}"><meta property="og:type" content="website">'
            f'<meta property="og:url" content="{site.base}{page.href}"><meta itemprop="name" '
            f'content="{e(title)}"><meta itemprop="url" content="{site.base}{page.href}">'
            f'<meta itemprop="thumbnailUrl" content="https://lh3.googleusercontent.com/sitesv/'
            f'AICyYdZ3kQ9wLr2T=w1200-h630-p-k-no-nu"><meta itemprop="image" content="https://'
            f'lh3.googleusercontent.com/sitesv/AICyYdZ3kQ9wLr2T=w1200-h630-p-k-no-nu">'
            f'<title>{e(title)}</title><style nonce="Ep3vT2">{GS_CSS * 6}</style>'
            f'<script nonce="Zt4w2f">_at_config = [null,"AIzaSyChg3MFqzdi1P5J-YvEyakkSA1yU7HRcDI"'
            f',"897606708560-a63d8ia0t9dhtpdt4i3djab2m42see7o.apps.googleusercontent.com",null,'
            f'null,null,null,null,null,null,null,null,null,"SITES_{site.port_offset}"];</script>'
            f'</head><body dir="ltr" itemscope itemtype="http://schema.org/WebPage" '
            f'id="yDmH0d" css="yDmH0d"><div jscontroller="pc62j" jsmodel="iTeaXe" jsaction="'
            f'rcuQ6b:WYd;GvneHb:og1FDd;vbaUQc:uAM5ec;"><div class="Xpil1b xaUcPb" jsname="'
            f'LgbsSe"><a class="Q1pWzc" href="#h.INITIAL_GRID">Langsung ke konten utama</a>'
            f'<a class="Q1pWzc" href="#yuynLe">Langsung ke navigasi</a></div>'
            f'<div jsname="tiN4bf"><div class="M63kCb"></div><div class="QZ3zWd"><div '
            f'class="fktJzd AKpWA fOU46b yMcSQd Ly6Unf G9Qloe XeSM4" jsname="UzWXSb">'
            f'<header id="atIdViewHeader"><div class="BbxBP HP6J1d K5Zlne" jsname="WA9qLc">'
            f'<div class="VLoccc K5Zlne QDWEj U8eYrb" jsname="rtFGi"><div class="Pvc6xe">'
            f'<div jsname="I8J07e" class="TlfmSc YSH9J"><a class="GAuSPc" jsname="jIujaf" '
            f'href="{home_href}"><img src="https://lh3.googleusercontent.com/sitesv/logo" '
            f'class="lzy1Td" role="img" aria-label="Halaman beranda situs" jsname="SwcDWb">'
            f'<span class="QTKDff">{e(site.short)}</span></a></div>'
            f'<div jsname="mADGA" class="zDUgLc"></div></div><div class="Mz8gvb" jsname="'
            f'HdVeFf"><div class="H9xAXe">Telusuri situs ini</div></div>'
            f'{gs_nav(site, page, False)}</div></div></header>'
            f'<div role="main" tabindex="-1" class="UtePc RCETm" dir="ltr">{banner}'
            f'{page.body}</div><footer jsname="yePe5c">{footer}</footer>'
            f'<div jscontroller="j1RDQb" jsaction="rcuQ6b:rcuQ6b;MxH79b:JdcaS;" class="LqzjUe" '
            f'jsname="wOw6id"><div class="dZA9kd ynRLnc" data-last-updated-at-time="'
            f'1762134000000" data-is-preview="false"><div role="button" class="U26fgb JRtysb '
            f'WzwrXb I12f0b K2mXPb zXBiaf ynRLnc" aria-label="Info Situs">'
            f'<div class="NWlf3e MbhUzd"></div></div><div class="JAPqpe K0NPx" role="menu" '
            f'jsname="xl07Ob" aria-hidden="true"><span role="menuitem" class="z80M1">'
            f'<a href="https://sites.google.com/new/?usp=viewer_footer" class="VJbMYe">Google '
            f'Sites</a></span><span role="menuitem" class="z80M1">Laporkan penyalahgunaan'
            f'</span><span role="menuitem" class="z80M1">Detail Halaman</span><span '
            f'role="separator"></span><span class="jgXgSe">Halaman diperbarui {updated}</span>'
            f'</div></div></div>'
            f'</div></div><div class="Xpil1b xaUcPb" jsname="Xf0Yd" aria-hidden="true">'
            f'<div class="jzUkrb">{gs_nav(site, page, True)}</div></div></div></div>'
            f'<script nonce="Zt4w2f">DOCS_timing[\'el\']=new Date().getTime();</script>'
            f'</body></html>\n')


NEW_BUILD["gsites"] = build_gsites
RENDER["gsites"] = render_gsites
CSS["gsites"] = (None, "")

# Queries answered by the two Google Sites, numbered from q1230; written before the crawl of
# these sites was looked at.
DEVSET_GSITES: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("persyaratan surat keterangan domisili kelurahan kenali besar", "kn_domisili:2 domisili:1"),
        ("persyaratan surat keterangan tidak mampu kelurahan kenali besar",
         "kn_sktm:2 kn_sktm_doc:2 sktm:1"),
        ("surat keterangan ahli waris kelurahan kenali besar", "kn_ahliwaris:2 tb_ahliwaris:1"),
        ("pelayanan poli umum puskesmas rawasari", "rw_poli:2 puskesmas:1"),
        ("persyaratan surat keterangan sehat puskesmas rawasari", "rw_sehat:2 nr_sehat:1"),
    ],
    "colloquial": [
        ("bikin sku buat pinjem kur di kenali besar", "kn_sku:2 tb_sku:1"),
        ("mau cek kesehatan gratis di puskesmas rawasari", "rw_ckg:2 ckg:1"),
        ("ngurus surat domisili kenali besar berapa lama", "kn_domisili:2 domisili:1"),
        ("surat sehat buat ngelamar kerja puskesmas rawasari bayar berapa", "rw_sehat:2 nr_sehat:1"),
    ],
    "problem": [
        ("anak mau sekolah tapi gak mampu bayar kenali besar", "kn_sktm:2 kn_sktm_doc:2 sktm:1"),
        ("orang tua meninggal mau balik nama sertifikat tanah kenali besar",
         "kn_ahliwaris:2 tb_ahliwaris:1"),
        ("demam berobat pakai bpjs di puskesmas rawasari", "rw_poli:2 puskesmas:1"),
    ],
    "typo": [
        ("surat pengantar nikh kelurahan kenali besar", "kn_nikah:2 tb_nikah:1"),
        ("cek keshatan gratis rawasari", "rw_ckg:2 ckg:1"),
    ],
    "abbreviation": [
        ("sktm kenali besar", "kn_sktm:2 kn_sktm_doc:2 sktm:1"),
        ("ckg puskesmas rawasari", "rw_ckg:2 ckg:1"),
        ("sku kelurahan kenali besar", "kn_sku:2 tb_sku:1"),
    ],
    "english": [
        ("certificate of domicile kenali besar village office", "kn_domisili:2 domisili:1"),
        ("health certificate rawasari health center", "rw_sehat:2 nr_sehat:1"),
    ],
    "jambi-malay": [
        ("nak kawin surat pengantarnyo di kenali besar apo bae", "kn_nikah:2 tb_nikah:1"),
        ("nak periksa gratis di puskesmas rawasari cakmano", "rw_ckg:2 ckg:1"),
    ],
    "old-term": [
        ("surat keterangan miskin kelurahan kenali besar", "kn_sktm:2 kn_sktm_doc:2 sktm:1"),
        ("askes berobat puskesmas rawasari", "rw_poli:2 puskesmas:1"),
    ],
    "app": [
        ("google sites kelurahan kenali besar", "kel-kenalibesar:layanan:2 kn_domisili:1"),
        ("website puskesmas rawasari", "pkm-rawasari:layanan:2 rw_poli:1"),
    ],
}
DEVSET_BLOCKS.append((1230, (DEVSET_GSITES,)))


# ---------------------------------------------------------------------------------------------
# Session 14: one Standar Pelayanan PDF that holds many services (issue #11)
#
# dokumen-dukcapil (offset 102): the document corner of a Disdukcapil, as many OPDs publish
#   their standards: no page per service, only a Download page listing (a) one "Standar
#   Pelayanan Disdukcapil 2024" PDF of nine services, each starting on a new page under a
#   numbered heading, each a Permenpan-RB 15/2014 "No | Komponen | Uraian" table of all
#   fourteen components that runs over two pages; (b) a "SK Kepala Dinas tentang Standar
#   Pelayanan" whose first pages are the decree (Menimbang, Mengingat, MEMUTUSKAN) and whose
#   LAMPIRAN holds three services; (c) three one-service PDFs whose file names are codes
#   ("SP-01.pdf"), with no title in their metadata. Drawn by fpdf2 (the test extra) when the
#   web is regenerated; the demo serves the committed files. A service of a bundle is
#   answered at ``<pdf>#page=N`` (a browser opens the PDF at that page).
# ---------------------------------------------------------------------------------------------

SITES += [
    Site("dokumen-dukcapil", "Dinas Kependudukan dan Pencatatan Sipil Kota Jambi",
         "Pusat Dokumen Disdukcapil Kota Jambi", "spbundle", 102,
         "Dokumen Publik dan Standar Pelayanan Administrasi Kependudukan", KOMPLEK,
         "menerbitkan dokumen kependudukan dan akta pencatatan sipil bagi penduduk Kota Jambi",
         place="Kantor Disdukcapil Kota Jambi dan loket Disdukcapil di Mal Pelayanan Publik",
         color="#334155"),
]
SITE.update({s.name: s for s in SITES})
FAMILY["spbundle"] = "sp-bundle-pdf"
# (key, services.jsonl index, title) in the order the files hold them
SPB_BUNDLE = [("du_ktp_baru", 0, "Perekaman dan Penerbitan KTP-el Pemula"),
              ("du_ktp_hilang", 1, "Penerbitan KTP-el karena Hilang atau Rusak"),
              ("du_ktp_ubah", 2, "Penerbitan KTP-el karena Perubahan Data"),
              ("du_kk_baru", 3, "Penerbitan Kartu Keluarga Baru"),
              ("du_kk_ubah", 4, "Perubahan Data Kartu Keluarga"),
              ("du_kk_hilang", 5, "Penerbitan Kartu Keluarga karena Hilang atau Rusak"),
              ("du_akta_lahir", 6, "Penerbitan Kutipan Akta Kelahiran"),
              ("du_akta_mati", 7, "Penerbitan Kutipan Akta Kematian"),
              ("du_kia", 8, "Penerbitan Kartu Identitas Anak (KIA)")]
SPB_DECREE = [("du_pindah", 9, "Surat Keterangan Pindah WNI"),
              ("du_datang", 10, "Pindah Datang ke Kota Jambi"),
              ("du_kawin", 11, "Pencatatan Perkawinan dan Penerbitan Akta Perkawinan")]
SPB_SINGLE = [("du_cerai", 12, "Pencatatan Perceraian"),
              ("du_ikd", 14, "Aktivasi Identitas Kependudukan Digital (IKD)"),
              ("du_legalisir", 15, "Legalisir Dokumen Kependudukan")]
SPB_FILES = {"bundle": "/unduhan/Standar-Pelayanan-Disdukcapil-2024.pdf",
             "decree": "/unduhan/SK-Kadis-Dukcapil-No-470-12-Tahun-2024.pdf"}
SERVICES.update({key: (idx, "dokumen-dukcapil", "", title, "",
                       {"cost": GRATIS_ADMINDUK, "online": None})
                 for key, idx, title in SPB_BUNDLE + SPB_DECREE + SPB_SINGLE})
NEWS += [
    ("dokumen-dukcapil", "standar-pelayanan-2024", "2024-02-05",
     "Standar Pelayanan Disdukcapil 2024 Ditetapkan",
     ["Kepala Dinas menetapkan Standar Pelayanan 2024 bagi seluruh layanan administrasi "
      "kependudukan dan pencatatan sipil; dokumennya dapat diunduh di halaman Unduhan.",
      "Standar memuat persyaratan, prosedur, jangka waktu dan biaya tiap layanan."]),
    ("dokumen-dukcapil", "survei-kepuasan", "2024-11-20",
     "Indeks Kepuasan Masyarakat Semester II",
     ["Hasil survei kepuasan masyarakat semester II menunjukkan nilai 88,4 (kategori baik).",
      "Terima kasih kepada warga yang telah mengisi survei di loket pelayanan."]),
]
# The components of Permenpan-RB 15/2014 that are the same for every service of the office
SPB_COMMON = (
    ("Penanganan Pengaduan, Saran dan Masukan",
     "1. Kotak saran di ruang tunggu\n2. Aplikasi SiKesal dan SP4N-LAPOR! (lapor.go.id)\n"
     "3. WhatsApp pengaduan 0812-7400-1234\n4. Datang langsung ke ruang pengaduan"),
    ("Sarana dan Prasarana, dan/atau Fasilitas",
     "1. Ruang tunggu ber-AC dengan kursi antrean\n2. Mesin antrean dan papan informasi\n"
     "3. Komputer, alat perekam biometrik dan printer kartu\n4. Ruang laktasi, toilet dan "
     "akses bagi penyandang disabilitas"),
    ("Kompetensi Pelaksana",
     "1. Memahami peraturan administrasi kependudukan\n2. Mampu mengoperasikan SIAK "
     "terpusat\n3. Bersikap ramah, sopan dan komunikatif"),
    ("Pengawasan Internal", "1. Supervisi oleh atasan langsung\n2. Sistem pengendalian intern "
     "pemerintah\n3. Audit oleh Inspektorat Kota Jambi"),
    ("Jumlah Pelaksana", "12 orang petugas pelayanan dan 2 orang petugas pengaduan"),
    ("Jaminan Pelayanan", "Pelayanan dilaksanakan sesuai standar pelayanan dan maklumat "
     "pelayanan yang ditetapkan Kepala Dinas"),
    ("Jaminan Keamanan dan Keselamatan Pelayanan", "Data pemohon dijamin kerahasiaannya; "
     "dokumen ditandatangani secara elektronik dan dapat diperiksa dengan kode QR"),
    ("Evaluasi Kinerja Pelaksana", "1. Survei kepuasan masyarakat setiap semester\n2. "
     "Evaluasi kinerja pelaksana setiap tahun"),
)


def spb_rows(f: ServiceFacts, title: str) -> list[tuple[str, str]]:
    """The component rows of one service, in Permenpan-RB 15/2014's order."""
    def items(values: list[str]) -> str:
        return "\n".join(f"{n}. {v}" for n, v in enumerate(values, 1))
    rows = [("Dasar Hukum", f.legal_basis or "UU Nomor 24 Tahun 2013 tentang Perubahan atas UU "
             "Nomor 23 Tahun 2006 tentang Administrasi Kependudukan"),
            ("Persyaratan Pelayanan", items(f.requirements)),
            ("Sistem, Mekanisme dan Prosedur", items(f.procedure)),
            ("Jangka Waktu Penyelesaian", f.duration or "-"),
            ("Biaya/Tarif", f.cost or "-"),
            ("Produk Pelayanan", title)]
    return rows + list(SPB_COMMON)


def spb_pdf(opd: str, services: list[tuple[str, str, ServiceFacts]], *, title: str | None,
            heading, decree: bool = False) -> tuple[bytes, dict[str, int]]:
    """(PDF, page each service starts on) of a standard of ``services`` (key, title, facts):
    each service on a new page under ``heading(n, title)``, its table running over pages;
    ``decree``: the Kepala Dinas's decree first, the services in its LAMPIRAN."""
    import sys
    from datetime import UTC, datetime

    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from fpdf import FPDF

    from tests.sppdf import ADDRESS, latin

    class Doc(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", "B", 12)
            self.cell(0, 6, "PEMERINTAH KOTA JAMBI", align="C", new_x="LMARGIN", new_y="NEXT")
            self.cell(0, 6, opd.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
            self.set_font("Helvetica", "", 8)
            self.cell(0, 5, ADDRESS, align="C", new_x="LMARGIN", new_y="NEXT")
            self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
            self.ln(5)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 8, f"Halaman {self.page_no()}", align="C")

    pdf = Doc(format="A4")
    if title:
        pdf.set_title(title)
    pdf.set_creation_date(datetime(2024, 2, 1, tzinfo=UTC))
    pdf.set_auto_page_break(True, margin=20)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    if decree:
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 11)
        for line in ("KEPUTUSAN KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA JAMBI",
                     "NOMOR 470/12/DUKCAPIL/2024", "TENTANG",
                     "STANDAR PELAYANAN PINDAH DATANG DAN PENCATATAN PERKAWINAN",
                     "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA JAMBI,"):
            pdf.multi_cell(0, 6, line, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        pdf.set_font("Helvetica", "", 10)
        for head, items in (
                ("Menimbang", [
                    "bahwa dalam rangka mewujudkan penyelenggaraan pelayanan publik yang "
                    "berkualitas, setiap penyelenggara wajib menyusun dan menetapkan standar "
                    "pelayanan;",
                    "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu "
                    "menetapkan Keputusan Kepala Dinas tentang Standar Pelayanan;"]),
                ("Mengingat", [
                    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
                    "Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas Undang-Undang "
                    "Nomor 23 Tahun 2006 tentang Administrasi Kependudukan;",
                    "Peraturan Menteri PANRB Nomor 15 Tahun 2014 tentang Pedoman Standar "
                    "Pelayanan;",
                    "Peraturan Wali Kota Jambi Nomor 45 Tahun 2021 tentang Kedudukan, Susunan "
                    "Organisasi, Tugas dan Fungsi serta Tata Kerja Dinas Kependudukan dan "
                    "Pencatatan Sipil;"])):
            pdf.multi_cell(0, 5, f"{head} :", new_x="LMARGIN", new_y="NEXT")
            for n, item in enumerate(items):
                pdf.set_x(pdf.l_margin + 10)
                pdf.multi_cell(width - 10, 5, f"{'abcd'[n]}. {item}", new_x="LMARGIN",
                               new_y="NEXT")
            pdf.ln(2)
        pdf.set_font("Helvetica", "B", 10)
        pdf.multi_cell(0, 6, "MEMUTUSKAN:", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        for head, text in (
                ("Menetapkan", "KEPUTUSAN KEPALA DINAS TENTANG STANDAR PELAYANAN."),
                ("KESATU", "Standar Pelayanan sebagaimana tercantum dalam Lampiran yang "
                 "merupakan bagian tidak terpisahkan dari Keputusan ini."),
                ("KEDUA", "Standar Pelayanan wajib dipublikasikan dan dilaksanakan oleh seluruh "
                 "pelaksana pelayanan."),
                ("KETIGA", "Keputusan ini mulai berlaku pada tanggal ditetapkan.")):
            pdf.multi_cell(0, 5, f"{head} : {text}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        for line in ("Ditetapkan di Jambi", "pada tanggal 2 Januari 2024",
                     "KEPALA DINAS KEPENDUDUKAN", "DAN PENCATATAN SIPIL KOTA JAMBI", "", "",
                     "H. AHMAD SYAHRIAL, S.Sos., M.Si"):
            pdf.set_x(pdf.w / 2 + 10)
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    elif len(services) > 1:  # a bundle's cover and table of contents
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.ln(40)
        for line in ("STANDAR PELAYANAN", opd.upper(), "TAHUN 2024"):
            pdf.multi_cell(0, 10, line, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(0, 8, "DAFTAR ISI", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        for number, (_key, name, _f) in enumerate(services, 1):
            pdf.cell(0, 7, latin(f"{number}. {name}"), new_x="LMARGIN", new_y="NEXT")
    pages: dict[str, int] = {}
    for number, (key, name, f) in enumerate(services, 1):
        pdf.add_page()
        pages[key] = pdf.page_no()
        pdf.set_font("Helvetica", "B", 11)
        if decree and number == 1:
            pdf.multi_cell(0, 5, "LAMPIRAN KEPUTUSAN KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN "
                           "SIPIL KOTA JAMBI NOMOR 470/12/DUKCAPIL/2024", new_x="LMARGIN",
                           new_y="NEXT")
            pdf.ln(2)
        pdf.multi_cell(0, 6, latin(heading(number, name)), align="C", new_x="LMARGIN",
                       new_y="NEXT")
        pdf.ln(3)
        pdf.set_font("Helvetica", "", 11)
        with pdf.table(col_widths=(10, 45, width - 55), text_align="LEFT", line_height=6.5,
                       first_row_as_headings=True, v_align="TOP", repeat_headings=1) as table:
            table.row(("No", "Komponen", "Uraian"))
            for row, (label, value) in enumerate(spb_rows(f, name), 1):
                table.row((str(row), label, latin(value)))
    pdf.ln(6)
    for line in ("Ditetapkan di Jambi", "KEPALA DINAS KEPENDUDUKAN",
                 "DAN PENCATATAN SIPIL KOTA JAMBI", "", "", "H. AHMAD SYAHRIAL, S.Sos., M.Si"):
        pdf.set_x(pdf.w / 2 + 10)
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output()), pages


def build_spbundle(site: Site, facts: dict, reg) -> None:
    home = put(site, "home", "home", site.short, "/", "index.html")
    put(site, "page", "profil", "Profil", "/profil", "p/profil.html", new_profile(site))
    unduh = put(site, "listing", "unduhan", "Unduhan", "/unduhan", "p/unduhan.html")
    reg(unduh, f"{site.name}:unduhan")

    def listed(spec: list[tuple[str, int, str]]) -> list[tuple[str, str, ServiceFacts]]:
        return [(key, title, facts[key]) for key, _i, title in spec]

    rows = []
    body, pages = spb_pdf(site.opd, listed(SPB_BUNDLE), title="Standar Pelayanan Disdukcapil "
                          "Kota Jambi 2024", heading=lambda n, t: f"{n}. {t}")
    site.extra_files[SPB_FILES["bundle"][1:]] = body
    rows.append((SPB_FILES["bundle"], "Standar Pelayanan Disdukcapil 2024", "Standar Pelayanan"))
    bundle = Page(site, "document", "dokumen-dukcapil:sp2024", "Standar Pelayanan Disdukcapil "
                  "Kota Jambi 2024", SPB_FILES["bundle"], "")
    reg(bundle, bundle.key)
    for key, _i, title in SPB_BUNDLE:
        reg(Page(site, "service", key, title, f"{SPB_FILES['bundle']}#page={pages[key]}", ""),
            key)
    body, pages = spb_pdf(site.opd, listed(SPB_DECREE), title="SK Kepala Dinas tentang "
                          "Standar Pelayanan", decree=True,
                          heading=lambda n, t: f"{'ABC'[n - 1]}. STANDAR PELAYANAN {t.upper()}")
    site.extra_files[SPB_FILES["decree"][1:]] = body
    rows.append((SPB_FILES["decree"], "SK Kepala Dinas Nomor 470/12/DUKCAPIL/2024 tentang "
                 "Standar Pelayanan", "Keputusan"))
    for key, _i, title in SPB_DECREE:
        reg(Page(site, "service", key, title, f"{SPB_FILES['decree']}#page={pages[key]}", ""),
            key)
    for n, (key, _i, title) in enumerate(SPB_SINGLE, 1):
        href = f"/unduhan/SP-{n:02d}.pdf"
        body, _pages = spb_pdf(site.opd, listed([(key, _i, title)]), title=None,
                               heading=lambda _n, t: f"STANDAR PELAYANAN {t.upper()}")
        site.extra_files[href[1:]] = body
        rows.append((href, f"SP-{n:02d}.pdf", "Standar Pelayanan"))
        reg(Page(site, "service", key, title, href, ""), key)
    ber = put(site, "listing", "list-berita", "Berita", "/berita", "p/berita.html")
    for slug, date, title, texts in own_news(site):
        page = put(site, "news", f"news:{site.name}:{slug}", title, f"/berita/{slug}",
                   f"p/berita-{slug}.html", paras(*texts), date=date, summary=news_summary(texts))
        reg(page, page.key)
    put(site, "page", "kontak", "Kontak", "/kontak", "p/kontak.html", contact_body(site))
    unduh.body = ("<p>Dokumen publik Disdukcapil Kota Jambi yang dapat diunduh:</p>"
                  '<table class="tabel-unduhan" border="1" cellpadding="4"><tr><th>No</th>'
                  "<th>Nama Dokumen</th><th>Jenis</th><th>Unduh</th></tr>" + "".join(
                      f"<tr><td>{n}</td><td>{e(text)}</td><td>{kind}</td>"
                      f"<td>{a(href, 'Unduh')}</td></tr>"
                      for n, (href, text, kind) in enumerate(rows, start=1)) + "</table>")
    ber.body = "".join(f"<h3>{a(p.href, e(p.title))}</h3><p>{e(p.summary)}</p>"
                       for p in pages_of(site, "news"))
    home.body = (f"<p>Selamat datang di {e(site.short)}. Standar pelayanan, maklumat dan "
                 f"dokumen publik kami ada di halaman {a(unduh.href, 'Unduhan')}.</p>"
                 "<h2>Berita</h2>" + ber.body)


def render_spbundle(page: Page) -> str:
    """The PDF-only template, its menu without a list of services (the site has none)."""
    by_key = {p.key: p for p in page.site.pages}
    html_text = render_pdfonly(replace(page, site=replace(page.site, pages=[
        *page.site.pages, Page(page.site, "listing", "list-layanan", "", by_key["unduhan"].href,
                               "")])))
    return html_text.replace(f'{a(by_key["unduhan"].href, "Layanan")} ', "")


NEW_BUILD["spbundle"] = build_spbundle
RENDER["spbundle"] = render_spbundle
CSS["spbundle"] = CSS["pdfonly"]


# Queries answered by the Disdukcapil's standard PDFs, numbered from q1200; written before the
# crawl of the site was looked at. A bundle's service is answered at its part
# (``<pdf>#page=N``); the same service on another site counts half.
DEVSET_SPBUNDLE: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("standar pelayanan penerbitan kutipan akta kematian disdukcapil 2024",
         "du_akta_mati:2 akta_mati:1"),
        ("persyaratan pelayanan penerbitan kartu identitas anak standar pelayanan disdukcapil",
         "du_kia:2 kia:1"),
        ("standar pelayanan pindah datang ke kota jambi sk kepala dinas",
         "du_datang:2 pindah_datang:1"),
        ("standar pelayanan legalisir dokumen kependudukan disdukcapil",
         "du_legalisir:2 legalisir:1"),
    ],
    "colloquial": [
        ("syarat ganti kk yang hilang standar pelayanan dukcapil", "du_kk_hilang:2 kk_hilang:1"),
        ("berapa hari bikin ktp baru menurut standar pelayanan dukcapil 2024",
         "du_ktp_baru:2 ktp_baru:1"),
        ("cara cetak ulang ktp rusak standar pelayanan disdukcapil",
         "du_ktp_hilang:2 ktp_hilang:1"),
    ],
    "problem": [
        ("sudah cerai di pengadilan mau catat akta cerai standar pelayanan dukcapil",
         "du_cerai:2 akta_cerai:1"),
        ("alamat di ktp beda karena pindah kerja standar pelayanan dukcapil",
         "du_ktp_ubah:2 ktp_ubah:1"),
    ],
    "typo": [
        ("persyaratn akta kelahran standar pelayanan dukcapil", "du_akta_lahir:2 akta_lahir:1"),
        ("standar pelayanan perubahn data kartu keluarag disdukcapil", "du_kk_ubah:2 kk_ubah:1"),
    ],
    "abbreviation": [
        ("sp kia disdukcapil 2024", "du_kia:2 kia:1"),
        ("skpwni standar pelayanan sk kadis dukcapil", "du_pindah:2 pindah_keluar:1"),
    ],
    "english": [
        ("death certificate service standard disdukcapil 2024", "du_akta_mati:2 akta_mati:1"),
        ("marriage registration non muslim service standard decree dukcapil",
         "du_kawin:2 akta_kawin:1"),
    ],
    "jambi-malay": [
        ("nak bikin kk baru apo syaratnyo standar pelayanan dukcapil", "du_kk_baru:2 kk_baru:1"),
        ("cakmano aktivasi ktp digital standar pelayanan dukcapil", "du_ikd:2 ikd:1"),
    ],
    "old-term": [
        ("akte lahir standar pelayanan disdukcapil 2024", "du_akta_lahir:2 akta_lahir:1"),
        ("surat pindah antar kota standar pelayanan sk kadis dukcapil",
         "du_pindah:2 pindah_keluar:1"),
    ],
    "app": [
        ("unduhan standar pelayanan disdukcapil kota jambi",
         "dokumen-dukcapil:sp2024:2 dokumen-dukcapil:unduhan:1"),
        ("pusat dokumen disdukcapil kota jambi", "dokumen-dukcapil:unduhan:2 "
         "dokumen-dukcapil:sp2024:1"),
    ],
}
DEVSET_BLOCKS.append((1200, (DEVSET_SPBUNDLE,)))



# ---------------------------------------------------------------------------------------------
# Session 16: single-page apps whose details live at endpoints of other shapes (issue #11)
#
# siap-nakes (offset 107): a Vue 3 + Vite app of the Dinas Kesehatan's health-worker permits
#   in history mode (``/layanan/<slug>``; the server answers index.html for any path, as an
#   nginx ``try_files $uri /index.html`` deployment does). Its axios client is made with
#   ``baseURL: "/api/v2"``; the list ``/api/v2/layanan`` names the services only ({id, nama,
#   slug}) and a service's detail is another path with a query string: ``http.get(
#   "/layanan-detail", {params: {slug}})``, i.e. ``/api/v2/layanan-detail?slug=<slug>``.
# simpel-pupr (offset 108): a hand-built bundle of the Dinas PUPR's services and complaints,
#   hash routes ``#/layanan/<id>``; the list is the static file ``/data/layanan.json``
#   ([{id, nama}]) and each detail a static file ``/data/layanan/<id>.json`` (a suffix after
#   the key) whose facts are one HTML body field (``konten``: "<h3>Persyaratan</h3><ol>...").
# ---------------------------------------------------------------------------------------------

SITES += [
    Site("siap-nakes", "Dinas Kesehatan Kota Jambi", "SIAP NAKES Dinkes Kota Jambi", "vuequery",
         107, "Sistem Informasi Administrasi Perizinan Tenaga Kesehatan",
         "Jl. Jend. Basuki Rahmat No. 11, Paal Lima, Kotabaru, Kota Jambi",
         "menerbitkan rekomendasi izin praktik tenaga kesehatan dan membina fasilitas "
         "pelayanan kesehatan di Kota Jambi",
         place="Loket Perizinan Dinas Kesehatan Kota Jambi, Jl. Jend. Basuki Rahmat No. 11, "
               "Paal Lima", color="#047857"),
    Site("simpel-pupr", "Dinas Pekerjaan Umum dan Penataan Ruang Kota Jambi",
         "SIMPEL PUPR Kota Jambi", "hashstatic", 108,
         "Sistem Informasi Pelayanan dan Pengaduan Pekerjaan Umum",
         "Jl. H. Agus Salim No. 7, Kebun Kopi, Kota Baru, Kota Jambi",
         "melayani persetujuan bangunan gedung dan pengaduan jalan serta drainase kota",
         place="Ruang Pelayanan Dinas PUPR Kota Jambi, Jl. H. Agus Salim No. 7, Kota Baru",
         color="#b45309"),
]
SITE.update({s.name: s for s in SITES})
FAMILY.update({"vuequery": "vue3-history-query-detail",
               "hashstatic": "hash-static-json-konten"})

SERVICES.update({
    "nk_sip_dokter": (20, "siap-nakes", "rekomendasi-sip-dokter",
                      "Rekomendasi Surat Izin Praktik Dokter dan Dokter Gigi",
                      "Rekomendasi Dinas Kesehatan yang menjadi syarat terbitnya SIP dokter dan "
                      "dokter gigi di DPMPTSP, setelah tempat praktik diverifikasi.",
                      {"cost": "Tidak dipungut biaya", "duration": "3 hari kerja setelah "
                       "verifikasi tempat praktik", "online": None}),
    "nk_sipb": (21, "siap-nakes", "rekomendasi-sip-bidan",
                "Rekomendasi Surat Izin Praktik Bidan (SIPB)",
                "Bidan yang membuka praktik mandiri atau bekerja di klinik dan puskesmas "
                "memerlukan rekomendasi ini sebelum mengajukan SIPB.",
                {"cost": "Tidak dipungut biaya", "duration": "5 hari kerja", "online": None}),
    "nk_sipp": (22, "siap-nakes", "rekomendasi-sip-perawat",
                "Rekomendasi Surat Izin Praktik Perawat (SIPP)",
                "Rekomendasi bagi perawat yang berpraktik di fasilitas pelayanan kesehatan atau "
                "membuka praktik keperawatan mandiri di Kota Jambi.",
                {"cost": "Tidak dipungut biaya", "duration": "5 hari kerja", "online": None}),
    "nk_ckg": (43, "siap-nakes", "cek-kesehatan-gratis", "Cek Kesehatan Gratis (CKG) Ulang Tahun",
               "Pemeriksaan kesehatan gratis bagi warga pada bulan ulang tahunnya di puskesmas "
               "terdekat, didaftarkan lewat aplikasi SATUSEHAT Mobile.",
               {"online": None, "location": "Puskesmas terdekat di Kota Jambi"}),
    "sp_pbg": (18, "simpel-pupr", "7", "Persetujuan Bangunan Gedung (PBG) dan Pertimbangan Teknis",
               "Tim Profesi Ahli dan Tim Penilai Teknis Dinas PUPR memeriksa rencana teknis "
               "bangunan sebelum PBG diterbitkan.",
               {"duration": "Ditargetkan 2 jam setelah dokumen lengkap dan retribusi dibayar",
                "cost": "Retribusi PBG sesuai Perda Kota Jambi Nomor 2 Tahun 2024",
                "online": None}),
    "sp_slf": (19, "simpel-pupr", "9", "Sertifikat Laik Fungsi (SLF) Bangunan Gedung",
               "Pemeriksaan kelaikan fungsi bangunan yang sudah selesai dibangun sesuai PBG, "
               "bersama penerbitan SBKBG.",
               {"duration": "Paling lambat 3 hari kerja", "online": None}),
    "sp_jalan": (57, "simpel-pupr", "12", "Pengaduan Jalan Kota Rusak atau Berlubang",
                 "Laporan warga tentang jalan kota yang rusak, amblas atau berlubang; jalan "
                 "provinsi dan nasional diteruskan ke instansi pengelolanya.",
                 {"duration": "Sekitar 3 hari, bergantung ketersediaan anggaran",
                  "online": None}),
    "sp_drainase": (58, "simpel-pupr", "15", "Pengaduan Parit Tersumbat dan Genangan Air",
                    "Saluran drainase yang tersumbat sampah atau sedimen sehingga air "
                    "menggenang ditangani Bidang Sumber Daya Air.",
                    {"duration": "Bergantung ketersediaan anggaran", "online": None}),
})

NAKES_INDEX = ("assets/index-3b8f6e20.js", """import{c as Ie,h as He,d as Oe,r as ke,o as Ue,a as Ax,w as We,R as Rl}from"./vendor-5a7c0f13.js";
const Ce=Ax.create({baseURL:"/api/v2",timeout:15e3,headers:{Accept:"application/json"}});
const Ae={__name:"DaftarLayanan",setup(t){const e=ke([]);return Ue(async()=>{const{data:n}=await Ce.get("/layanan");e.value=n.data}),(n,s)=>Ie("div",{class:"daftar"},[Ie("h2",null,"Layanan Perizinan Tenaga Kesehatan"),Ie("ul",null,e.value.map(a=>Ie("li",{key:a.id},[He(Rl,{to:{name:"detail",params:{slug:a.slug}}},()=>a.nama)])))])}};
const De={__name:"DetailLayanan",props:["slug"],setup(t){const e=ke(null),g=ke(!1);return Ue(async()=>{try{const{data:n}=await Ce.get("/layanan-detail",{params:{slug:t.slug}});e.value=n.data}catch(r){g.value=!0}}),(n,s)=>g.value?Ie("p",{class:"galat"},"Layanan tidak ditemukan."):e.value?Ie("article",null,[Ie("h1",null,e.value.nama),Ie("p",null,e.value.ringkasan),Ie("h3",null,"Persyaratan"),Ie("ol",null,e.value.persyaratan.map(a=>Ie("li",null,a))),Ie("h3",null,"Alur Pelayanan"),Ie("ol",null,e.value.alur.map(a=>Ie("li",null,a))),Ie("p",null,"Waktu: "+e.value.waktu_proses),Ie("p",null,"Biaya: "+e.value.biaya)]):Ie("p",null,"Memuat...")}};
const Le=Oe({history:We("/"),routes:[{path:"/",name:"beranda",component:Ae},{path:"/layanan/:slug",name:"detail",component:De,props:!0},{path:"/:pathMatch(.*)*",redirect:"/"}]});
Ie(Ae).use(Le).mount("#app");
""")


def nakes_detail(key: str, f: ServiceFacts, n: int) -> dict:
    """A service as SIAP NAKES's API answers ``/layanan-detail?slug=``: keyed fields."""
    _i, _s, slug, title, intro, _o = SERVICES[key]
    return {"id": n, "nama": title, "slug": slug, "ringkasan": intro,
            "persyaratan": f.requirements, "alur": f.procedure,
            "waktu_proses": f.duration or "-", "biaya": f.cost or "Gratis",
            "dasar_hukum": f.legal_basis or "-", "lokasi": f.location,
            "updated_at": "2025-08-21T02:40:00.000000Z"}


def build_vuequery(site: Site, facts: dict, reg) -> None:
    shell = '<div id="app"></div>'
    reg(put(site, "home", "home", site.short, "/", "index.html", shell), f"{site.name}:layanan")
    keys = [k for k, _spec in own_services(site)]
    put_json(site, {"api/v2/layanan.json": {"success": True, "data": [
        {"id": n, "nama": SERVICES[k][3], "slug": SERVICES[k][2]}
        for n, k in enumerate(keys, 1)]}})
    for n, key in enumerate(keys, 1):
        slug = SERVICES[key][2]
        rel = f"api/v2/detail/{slug}.json"
        site.extra_files[rel] = (json.dumps({"success": True, "data": nakes_detail(
            key, facts[key], n)}, ensure_ascii=False) + "\n").encode()
        site.routes[route_key("/api/v2/layanan-detail", f"slug={slug}")] = rel
        reg(put(site, "service", key, SERVICES[key][3], f"/layanan/{slug}", "index.html",
                shell, summary=SERVICES[key][4]), key)
    site.routes["*"] = "index.html"  # history mode: every other path is the app's shell
    site.extra_files[NAKES_INDEX[0]] = NAKES_INDEX[1].encode()
    site.extra_files["assets/vendor-5a7c0f13.js"] = b"/* vue 3.4 + vue-router 4 + axios */export{};\n"
    site.extra_files["favicon.ico"] = b""


def render_vuequery(page: Page) -> str:
    site = page.site
    return vite_shell(page, NAKES_INDEX[0], "assets/vendor-5a7c0f13.js",
                      "assets/index-8c1d2e4f.css", "", f"{e(site.tagline)} - {e(site.opd)}")


SIMPEL_BUNDLE = ("static/js/main.8f2a1c6d.js", """!function(){"use strict";var A="/data",root=document.getElementById("root");
function j(u){return fetch(u).then(function(r){if(!r.ok)throw new Error("HTTP "+r.status);return r.json()})}
function daftar(){j(A+"/layanan.json").then(function(d){root.innerHTML='<h2>Layanan dan Pengaduan</h2><ul class="daftar">'+d.map(function(e){return'<li><a href="#/layanan/'+e.id+'">'+e.nama+"</a></li>"}).join("")+"</ul>"})}
function detail(id){root.innerHTML="<p>Memuat...</p>";j(A+"/layanan/"+id+".json").then(function(d){document.title=d.nama+" - SIMPEL PUPR";root.innerHTML='<article><a href="#/">&larr; Kembali</a><h1>'+d.nama+"</h1>"+d.konten+"</article>"}).catch(function(){root.innerHTML="<p>Data tidak ditemukan.</p>"})}
function route(){var m=location.hash.match(/^#\\/layanan\\/(\\d+)/);m?detail(m[1]):daftar()}
window.addEventListener("hashchange",route);route()}();
""")


def build_hashstatic(site: Site, facts: dict, reg) -> None:
    reg(put(site, "home", "home", site.short, "/", "index.html", '<div id="root"></div>'),
        f"{site.name}:layanan")
    keys = [k for k, _spec in own_services(site)]
    files: dict[str, object] = {"data/layanan.json": [
        {"id": int(SERVICES[k][2]), "nama": SERVICES[k][3]} for k in keys]}
    for key in keys:
        _i, _s, ident, title, intro, _o = SERVICES[key]
        files[f"data/layanan/{ident}.json"] = {
            "id": int(ident), "nama": title, "kategori": "Pengaduan" if "Pengaduan" in title
            else "Perizinan", "konten": headed_body(
                intro, facts[key], "h3", "Prosedur", "Waktu Penyelesaian", cost_first=True),
            "diperbarui": "2025-07-14"}
        # judged at its hash route: the server only ever sees the shell at /
        reg(Page(site, "service", f"{site.name}:{key}", title, f"/#/layanan/{ident}",
                 "index.html"), key)
    for rel, data in files.items():  # static files, served at their own path
        site.extra_files[rel] = (json.dumps(data, ensure_ascii=False) + "\n").encode()
    site.extra_files[SIMPEL_BUNDLE[0]] = SIMPEL_BUNDLE[1].encode()
    site.extra_files["favicon.ico"] = b""


def render_hashstatic(page: Page) -> str:
    site = page.site
    return f"""<!doctype html><html lang="id"><head><meta charset="utf-8"/><link rel="icon" href="/favicon.ico"/><meta name="viewport" content="width=device-width,initial-scale=1"/><meta name="description" content="{e(site.tagline)} - {e(site.opd)}"/><title>{e(site.short)}</title><script defer="defer" src="/{SIMPEL_BUNDLE[0]}"></script><link href="/static/css/main.4d7e9a01.css" rel="stylesheet"></head><body><noscript>Aktifkan JavaScript untuk membuka {e(site.short)}.</noscript>{page.body}</body></html>
"""


NEW_BUILD.update({"vuequery": build_vuequery, "hashstatic": build_hashstatic})
RENDER.update({"vuequery": render_vuequery, "hashstatic": render_hashstatic})
CSS.update({"vuequery": ("assets/index-8c1d2e4f.css", "#app{max-width:960px;margin:auto}"),
            "hashstatic": ("static/css/main.4d7e9a01.css", ".daftar li{margin:.25rem 0}")})


# Queries answered by the two families above, numbered from q1260; written before any crawl
# of these sites, as a citizen types them. A service is answered at the route the app shows
# it at; the same service on another site counts half.
DEVSET_DETAILSHAPES: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("rekomendasi surat izin praktik dokter siap nakes dinkes",
         "nk_sip_dokter:2 sip_dokter:1"),
        ("persyaratan rekomendasi sip bidan siap nakes", "nk_sipb:2 sip_bidan:1"),
        ("rekomendasi izin praktik perawat dinas kesehatan siap nakes",
         "nk_sipp:2 sip_perawat:1"),
        ("persetujuan bangunan gedung pertimbangan teknis simpel pupr", "sp_pbg:2 pbg:1"),
        ("sertifikat laik fungsi bangunan gedung simpel pupr", "sp_slf:2 slf:1"),
        ("pengaduan jalan kota berlubang simpel pupr", "sp_jalan:2 jalan:1"),
    ],
    "colloquial": [
        ("bidan mau buka praktik mandiri urus rekomendasi di siap nakes",
         "nk_sipb:2 sip_bidan:1"),
        ("cek kesehatan gratis pas ulang tahun siap nakes", "nk_ckg:2 ckg:1"),
        ("lapor parit mampet di simpel pupr", "sp_drainase:2 drainase:1"),
        ("mau bangun ruko harus urus pbg simpel pupr syaratnya apa", "sp_pbg:2 pbg:1"),
    ],
    "problem": [
        ("depan rumah air menggenang terus tiap hujan simpel pupr",
         "sp_drainase:2 drainase:1"),
        ("jalan depan gang amblas bahaya buat motor simpel pupr", "sp_jalan:2 jalan:1"),
        ("dokter gigi baru pindah ke jambi mau praktik siap nakes",
         "nk_sip_dokter:2 sip_dokter:1"),
    ],
    "typo": [
        ("rekomendasi sip perwat siap nakes", "nk_sipp:2 sip_perawat:1"),
        ("sertifkat laik fungsi simpel pupr", "sp_slf:2 slf:1"),
    ],
    "abbreviation": [
        ("ckg siap nakes dinkes", "nk_ckg:2 ckg:1"),
        ("slf sbkbg simpel pupr", "sp_slf:2 slf:1"),
    ],
    "english": [
        ("midwife practice permit recommendation siap nakes", "nk_sipb:2 sip_bidan:1"),
        ("report blocked drainage flooding simpel pupr", "sp_drainase:2 drainase:1"),
    ],
    "jambi-malay": [
        ("jalan rusak nian depan rumah nak lapor kemano simpel pupr", "sp_jalan:2 jalan:1"),
    ],
    "old-term": [
        ("imb bangunan simpel pupr", "sp_pbg:2 pbg:1"),
    ],
    "app": [
        ("aplikasi siap nakes dinas kesehatan kota jambi",
         "siap-nakes:layanan:2"),
        ("simpel pupr kota jambi layanan dan pengaduan", "simpel-pupr:layanan:2"),
    ],
}
DEVSET_BLOCKS.append((1260, (DEVSET_DETAILSHAPES,)))


# ---------------------------------------------------------------------------------------------
# WordPress page builders (session 16, issue #11)
#
# layanan-naker (offset 109): the Dinas Tenaga Kerja's service site on WordPress built with
#   WPBakery Page Builder (Visual Composer). Pages built while the plugin was active render as
#   vc_row / wpb_column / wpb_text_column markup with the facts in a vc_tta accordion; pages
#   imported after the plugin was deactivated show the raw shortcodes in their content
#   ("[vc_row][vc_column width="1/2"][vc_column_text]..."), wrapped in <p> by wpautop, with the
#   facts under [vc_tta_section title="Persyaratan"] shortcodes. The "Layanan" page lists every
#   service in a TablePress table (nama, persyaratan, waktu, biaya; a link to the service's
#   page, some as the ?page_id= shortlink); the DataTables search box is drawn by JavaScript.
# kel-payoselincah (offset 110): a kelurahan site on the Divi theme. One "Layanan" page holds
#   every service in a Divi toggle (et_pb_toggle_title / et_pb_toggle_content); most services
#   also have their own post with categories, Yoast breadcrumbs and "<post> – <site>" titles,
#   listed again in category archives with excerpts.
# ---------------------------------------------------------------------------------------------

SITES += [
    Site("layanan-naker", "Dinas Tenaga Kerja Kota Jambi",
         "Layanan Ketenagakerjaan Disnaker Kota Jambi", "wpbakery", 109,
         "Melayani Pencari Kerja dan Dunia Usaha",
         "Jl. Jend. Sudirman No. 55, Thehok, Kec. Jambi Selatan, Kota Jambi",
         "melayani pencari kerja, pelatihan, dan hubungan industrial antara pekerja dan "
         "pengusaha di Kota Jambi", labels="a",
         place="Ruang Pelayanan Terpadu Disnaker Kota Jambi, Jl. Jend. Sudirman No. 55, Thehok",
         color="#1e40af"),
    Site("kel-payoselincah", "Kelurahan Payo Selincah", "Kelurahan Payo Selincah", "divi", 110,
         "Kecamatan Paal Merah, Kota Jambi",
         "Jl. Lingkar Timur I, Kel. Payo Selincah, Kec. Paal Merah, Kota Jambi",
         "adalah perangkat Kecamatan Paal Merah yang melayani surat keterangan dan pengantar "
         "administrasi bagi warga 43 RT di Payo Selincah", labels="b",
         place="Kantor Lurah Payo Selincah, Jl. Lingkar Timur I", color="#7c3aed"),
]
SITE.update({s.name: s for s in SITES})
FAMILY.update({"wpbakery": "wordpress-wpbakery-tablepress", "divi": "wordpress-divi-toggle"})

# Disnaker letters and records that services.jsonl has no record of: as the office states them.
WLKP_FACTS = {
    "requirements": ["Akun perusahaan di aplikasi WLKP Online", "Nomor Induk Berusaha (NIB)",
                     "Data jumlah pekerja menurut jenis kelamin, pendidikan dan jabatan",
                     "Data program jaminan sosial yang diikuti"],
    "procedure": ["Perusahaan mendaftar dan mengisi laporan di WLKP Online",
                  "Petugas Disnaker memverifikasi data laporan",
                  "Bukti lapor diterbitkan dan dapat diunduh perusahaan"],
    "duration": "1 hari kerja setelah data diverifikasi", "cost": "Gratis",
    "legal_basis": "UU Nomor 7 Tahun 1981 tentang Wajib Lapor Ketenagakerjaan di Perusahaan",
    "online": ("Akses WLKP Online", "https://wajiblapor.kemnaker.go.id")}
PKWT_FACTS = {
    "requirements": ["Surat permohonan pencatatan dari perusahaan",
                     "Naskah PKWT yang ditandatangani pekerja dan pengusaha",
                     "Daftar nama pekerja dengan PKWT", "Fotokopi NIB perusahaan"],
    "procedure": ["Perusahaan menyerahkan berkas ke loket hubungan industrial",
                  "Petugas memeriksa isi perjanjian", "Bukti pencatatan PKWT diterbitkan"],
    "duration": "3 hari kerja", "cost": "Gratis",
    "legal_basis": "PP Nomor 35 Tahun 2021 tentang PKWT, Alih Daya, Waktu Kerja dan PHK",
    "online": None}
PP_FACTS = {
    "requirements": ["Surat permohonan pengesahan", "Naskah peraturan perusahaan 3 rangkap",
                     "Bukti naskah telah dimintakan saran wakil pekerja",
                     "Fotokopi akta pendirian dan NIB perusahaan"],
    "procedure": ["Berkas diserahkan ke Bidang Hubungan Industrial",
                  "Petugas meneliti isi peraturan perusahaan",
                  "Surat keputusan pengesahan ditandatangani kepala dinas"],
    "duration": "Paling lama 7 hari kerja sejak berkas lengkap", "cost": "Gratis",
    "legal_basis": "Permenaker Nomor 28 Tahun 2014", "online": None}
MEDIASI_FACTS = {
    "requirements": ["Surat permohonan pencatatan perselisihan",
                     "Risalah perundingan bipartit yang tidak mencapai kesepakatan",
                     "Fotokopi KTP-el pemohon", "Bukti hubungan kerja (kontrak atau slip gaji)"],
    "procedure": ["Pihak yang berselisih mencatatkan perselisihan ke Disnaker",
                  "Mediator memanggil kedua pihak untuk sidang mediasi",
                  "Mediator menerbitkan perjanjian bersama atau anjuran tertulis"],
    "duration": "Paling lama 30 hari kerja sejak perselisihan dilimpahkan ke mediator",
    "cost": "Gratis",
    "legal_basis": "UU Nomor 2 Tahun 2004 tentang Penyelesaian Perselisihan Hubungan "
                   "Industrial", "online": None}

SERVICES.update({
    # layanan-naker (WPBakery; "raw" = a page whose shortcodes are shown as text)
    "tk_ak1": (50, "layanan-naker", "kartu-kuning-ak1",
               "Pembuatan Kartu Tanda Pencari Kerja (Kartu Kuning / AK-1)",
               "Pencari kerja ber-KTP Kota Jambi mendaftar untuk mendapat kartu kuning, syarat "
               "melamar ke perusahaan dan instansi. Kartu berlaku dua tahun.",
               {"duration": "Selesai di hari yang sama", "page_id": 112}),
    "tk_balikat": (51, "layanan-naker", "pendaftaran-pelatihan-kerja",
                   "Pendaftaran Pelatihan Kerja Gratis BALIKAT",
                   "Pelatihan keterampilan menjahit, las, barista, servis ponsel dan tata rias "
                   "bagi warga usia kerja di Balai Latihan Kerja Tematik.",
                   {"duration": "Sesuai jadwal angkatan pelatihan",
                    "cost": "Tidak dipungut biaya", "page_id": 118}),
    "tk_wlkp": (None, "layanan-naker", "wajib-lapor-ketenagakerjaan",
                "Wajib Lapor Ketenagakerjaan di Perusahaan (WLKP)",
                "Setiap perusahaan di Kota Jambi wajib melaporkan keadaan ketenagakerjaannya "
                "setiap tahun, sejak berdiri, pindah, atau sebelum tutup.",
                {"raw": True, "page_id": 124, **WLKP_FACTS}),
    "tk_pkwt": (None, "layanan-naker", "pencatatan-pkwt",
                "Pencatatan Perjanjian Kerja Waktu Tertentu (PKWT)",
                "Perjanjian kerja kontrak dicatatkan ke dinas paling lama tiga hari kerja "
                "sejak ditandatangani.", {"page_id": 131, **PKWT_FACTS}),
    "tk_pp": (None, "layanan-naker", "pengesahan-peraturan-perusahaan",
              "Pengesahan Peraturan Perusahaan",
              "Perusahaan dengan sepuluh pekerja atau lebih wajib memiliki peraturan perusahaan "
              "yang disahkan Kepala Dinas, berlaku paling lama dua tahun.",
              {"raw": True, "page_id": 137, **PP_FACTS}),
    "tk_mediasi": (None, "layanan-naker", "mediasi-perselisihan-hubungan-industrial",
                   "Mediasi Perselisihan Hubungan Industrial",
                   "Perselisihan hak, kepentingan, PHK atau antar serikat pekerja yang gagal "
                   "diselesaikan secara bipartit ditengahi mediator Disnaker.",
                   {"raw": True, "page_id": 143, **MEDIASI_FACTS}),
    # kel-payoselincah (Divi; "post" = the service also has its own post, at that date)
    "ps_domisili": (66, "kel-payoselincah", "surat-keterangan-domisili",
                    "Surat Keterangan Domisili",
                    "Keterangan bahwa warga benar bertempat tinggal di Kelurahan Payo Selincah, "
                    "untuk melamar kerja, membuka rekening atau mendaftar sekolah.",
                    {"online": None, "post": "2025-01-13", "cats": ("layanan",
                                                                      "surat-keterangan")}),
    "ps_sktm": (67, "kel-payoselincah", "surat-keterangan-tidak-mampu-sktm",
                "Surat Keterangan Tidak Mampu (SKTM)",
                "SKTM untuk keringanan biaya sekolah, berobat atau bantuan sosial bagi keluarga "
                "kurang mampu di Payo Selincah.",
                {"online": None, "duration": "1 hari kerja", "post": "2025-01-20",
                 "cats": ("layanan", "surat-keterangan")}),
    "ps_sku": (None, "kel-payoselincah", "surat-keterangan-usaha-sku",
               "Surat Keterangan Usaha (SKU)",
               "Keterangan bahwa warga memiliki usaha di wilayah kelurahan, dipakai untuk "
               "pengajuan KUR ke bank atau bantuan modal usaha.",
               {"post": "2025-02-03", "cats": ("layanan", "surat-keterangan"), **SKU_FACTS}),
    "ps_ahliwaris": (None, "kel-payoselincah", "surat-keterangan-ahli-waris",
                     "Surat Keterangan Ahli Waris",
                     "Keterangan siapa saja ahli waris almarhum atau almarhumah, untuk balik "
                     "nama sertifikat, pencairan tabungan atau taspen.",
                     {"post": "2025-02-17", "cats": ("layanan",), **AHLI_WARIS_FACTS}),
    "ps_nikah": (None, "kel-payoselincah", "pengantar-nikah",
                 "Surat Pengantar Nikah (N1-N4)",
                 "Calon pengantin warga Payo Selincah mengurus pengantar nikah di kelurahan "
                 "sebelum mendaftar ke KUA.", dict(NIKAH_FACTS)),
})

NEWS += [
    ("layanan-naker", "job-fair-kota-jambi-2025", "2025-08-26",
     "Job Fair Kota Jambi 2025 Hadirkan 1.200 Lowongan",
     ["Disnaker Kota Jambi menggelar bursa kerja di Gedung Olahraga Kota Baru selama dua hari. "
      "Pencari kerja diimbau membawa kartu kuning ([[tk_ak1|AK-1]]) dan berkas lamaran.",
      "Sebanyak 38 perusahaan membuka lowongan untuk lulusan SMA, SMK hingga sarjana."]),
    ("layanan-naker", "sosialisasi-wlkp-online", "2025-05-14",
     "Sosialisasi WLKP Online bagi Perusahaan",
     ["Bidang Penempatan dan Hubungan Industrial mengundang 60 perusahaan untuk sosialisasi "
      "pelaporan ketenagakerjaan melalui aplikasi WLKP Online.",
      "Perusahaan yang belum melapor diberi pendampingan di ruang pelayanan terpadu."]),
    ("kel-payoselincah", "gotong-royong-parit-rt-12", "2025-03-09",
     "Gotong Royong Membersihkan Parit di RT 12",
     ["Warga RT 12 bersama lurah dan Babinsa membersihkan parit sepanjang 300 meter menjelang "
      "musim hujan.", "Sampah yang terangkut dibawa ke TPS terdekat oleh petugas DLH."]),
    ("kel-payoselincah", "posyandu-balita-maret", "2025-03-18",
     "Posyandu Balita Serentak di Payo Selincah",
     ["Kader posyandu menimbang dan mengukur 240 balita di sembilan pos posyandu.",
      "Balita dengan berat badan kurang dirujuk ke Puskesmas Paal Merah."]),
]


def _vc_id(*parts: object) -> str:
    return hashlib.md5("/".join(map(str, parts)).encode()).hexdigest()[:10]


def vc_list(items: list[str], ordered: bool) -> str:
    return ul([e(i) for i in items], ordered=ordered)


def labelled_facts(f: ServiceFacts, site: Site, procedure: str = "") -> list[tuple[str, object]]:
    """(label in the site's words, value) of the facts a service states, in page order."""
    lab = dict(zip(("req", "proc", "dur", "cost", "law", "loc", "online"), LABELS[site.labels],
                   strict=True))
    rows = [(lab["req"], f.requirements), (procedure or lab["proc"], f.procedure),
            (lab["dur"], f.duration), (lab["cost"], f.cost), (lab["law"], f.legal_basis),
            (lab["loc"], f.location)]
    return [(label, value) for label, value in rows if value]


def vc_facts(f: ServiceFacts, site: Site) -> list[tuple[str, str]]:
    """(label, html) of the facts as the WPBakery pages write them."""
    return [(label, vc_list(value, True) if isinstance(value, list) else f"<p>{e(value)}</p>")
            for label, value in labelled_facts(f, site, "Alur Pelayanan")]


def vc_rendered(key: str, intro: str, f: ServiceFacts, site: Site) -> str:
    """A WPBakery page as the active plugin renders it: rows, columns, a text block and the
    facts in a vc_tta accordion."""
    panels = "".join(
        f'<div class="vc_tta-panel{" vc_active" if n == 0 else ""}" id="{_vc_id(key, label)}" '
        'data-vc-content=".vc_tta-panel-body"><div class="vc_tta-panel-heading"><h4 class="'
        'vc_tta-panel-title vc_tta-controls-icon-position-left"><a href="#'
        f'{_vc_id(key, label)}" data-vc-accordion data-vc-container=".vc_tta-container">'
        f'<span class="vc_tta-title-text">{e(label)}</span><i class="vc_tta-controls-icon '
        'vc_tta-controls-icon-plus"></i></a></h4></div><div class="vc_tta-panel-body">'
        f'<div class="wpb_text_column wpb_content_element"><div class="wpb_wrapper">{body}'
        "</div></div></div></div>"
        for n, (label, body) in enumerate(vc_facts(f, site)))
    button = ""
    if f.online:
        button = ('<div class="vc_btn3-container vc_btn3-inline"><a class="vc_general vc_btn3 '
                  'vc_btn3-size-md vc_btn3-shape-rounded vc_btn3-style-modern vc_btn3-color-'
                  f'primary" href="{e(f.online[1])}" title="{e(f.online[0])}" target="_blank">'
                  f"{e(f.online[0])}</a></div>")
    return (f'<div class="vc_row wpb_row vc_row-fluid vc_custom_{_vc_id(key, "row")}">'
            '<div class="wpb_column vc_column_container vc_col-sm-8"><div class="vc_column-inner">'
            '<div class="wpb_wrapper"><div class="wpb_text_column wpb_content_element">'
            f'<div class="wpb_wrapper"><p>{e(intro)}</p></div></div>'
            '<div class="vc_tta-container" data-vc-action="collapse"><div class="vc_general '
            'vc_tta vc_tta-accordion vc_tta-color-grey vc_tta-style-classic vc_tta-shape-rounded '
            'vc_tta-o-shape-group vc_tta-controls-align-left"><div class="vc_tta-panels-container">'
            f'<div class="vc_tta-panels">{panels}</div></div></div></div>{button}</div></div></div>'
            '<div class="wpb_column vc_column_container vc_col-sm-4"><div class="vc_column-inner">'
            '<div class="wpb_wrapper"><div class="wpb_single_image wpb_content_element '
            'vc_align_center"><figure class="wpb_wrapper vc_figure"><div class="vc_single_image-'
            'wrapper vc_box_border_grey"><img width="400" height="400" src="/wp-content/uploads/'
            '2024/03/loket-pelayanan.jpg" class="vc_single_image-img attachment-full" alt="" '
            'decoding="async" /></div></figure></div></div></div></div></div>')


def vc_raw(key: str, intro: str, f: ServiceFacts, site: Site) -> str:
    """The same page imported with WPBakery deactivated: the builder's shortcodes stay in the
    content as text, and wpautop wraps the lines between them in <p>."""
    sections = "".join(
        f'<p>[vc_tta_section title="{e(label)}" tab_id="{_vc_id(key, label)}-{n}"]</p>\n'
        f"{body}\n<p>[/vc_tta_section]</p>\n"
        for n, (label, body) in enumerate(vc_facts(f, site), start=1))
    button = ""
    if f.online:
        quoted = f.online[1].replace(":", "%3A").replace("/", "%2F")
        button = (f'<p>[vc_btn title="{e(f.online[0])}" color="primary" link="url:{quoted}|'
                  f'title:{e(f.online[0])}|target:_blank"]</p>\n')
    return (f'<p>[vc_row css=".vc_custom_{_vc_id(key, "row")}{{padding-top: 20px '
            f'!important;}}"][vc_column width="2/3"][vc_column_text]</p>\n<p>{e(intro)}</p>\n'
            '<p>[/vc_column_text][vc_tta_accordion color="grey" active_section="1" '
            f'collapsible_all="true"]</p>\n{sections}<p>[/vc_tta_accordion]</p>\n{button}'
            '<p>[/vc_column][vc_column width="1/3"][vc_single_image image="2087" img_size="full" '
            'alignment="center"][/vc_column][/vc_row]</p>\n')


def tablepress(services: list[tuple[str, str, ServiceFacts, str]], table_id: int) -> str:
    """A TablePress table as the plugin writes it; DataTables adds the search box and paging
    in the browser."""
    head = ("No.", "Nama Layanan", "Persyaratan", "Waktu Penyelesaian", "Biaya")
    rows = ['<tr class="row-1">\n\t' + "".join(
        f'<th class="column-{c}">{h}</th>' for c, h in enumerate(head, start=1)) + "\n</tr>"]
    for n, (title, href, f, _key) in enumerate(services, start=1):
        reqs = "<br />\n".join(f"- {e(r)}" for r in f.requirements)
        cells = (str(n), a(href, e(title)), reqs, e(f.duration or "-"), e(f.cost or "-"))
        rows.append(f'<tr class="row-{n + 1}">\n\t' + "".join(
            f'<td class="column-{c}">{v}</td>' for c, v in enumerate(cells, start=1)) + "\n</tr>")
    return (f'<h2 class="tablepress-table-name tablepress-table-name-id-{table_id}">Daftar '
            f'Layanan Disnaker Kota Jambi</h2>\n<table id="tablepress-{table_id}" class="'
            f'tablepress tablepress-id-{table_id}" aria-labelledby="tablepress-{table_id}-name">'
            f'\n<thead>\n{rows[0]}\n</thead>\n<tbody class="row-striping row-hover">\n'
            + "\n".join(rows[1:]) + f"\n</tbody>\n</table>\n<!-- #tablepress-{table_id} from "
            "cache -->")


TABLEPRESS_JS = """<script>
jQuery(function($){
var DT_TP = {};
DT_TP['1'] = $('#tablepress-1').DataTable({"language":{"search":"Cari:","lengthMenu":"Tampilkan _MENU_ data","info":"Menampilkan _START_ sampai _END_ dari _TOTAL_ layanan","paginate":{"next":"Berikutnya","previous":"Sebelumnya"}},"order":[],"orderClasses":false,"stripeClasses":["even","odd"],"pagingType":"simple"});
});
</script>"""


def wp_post_id(page: Page) -> int:
    """The WordPress post id of a page of the WPBakery site (its ``?p=`` shortlink)."""
    return int(_vc_id(page.href), 16) % 900 + 100


def build_wpbakery(site: Site, facts: dict, reg) -> None:
    home = reg(put(site, "home", "home", site.short, "/", "index.html"), f"{site.name}:home")
    put(site, "page", "profil", "Profil Dinas", "/profil/", "profil/index.html",
        '<p>[vc_row][vc_column][vc_column_text]</p>\n' + new_profile(site)
        + "\n<p>[/vc_column_text][/vc_column][/vc_row]</p>", aliases=("/?page_id=7",))
    lay = put(site, "listing", "layanan", "Layanan", "/layanan/", "layanan/index.html",
              aliases=("/?page_id=98",))
    reg(lay, f"{site.name}:layanan")
    rows = []
    for key, (_i, _s, slug, title, intro, over) in own_services(site):
        f = facts[key]
        body = (vc_raw if over.get("raw") else vc_rendered)(key, intro, f, site)
        href = f"/layanan/{slug}/"
        page = put(site, "service", key, title, href, f"layanan/{slug}/index.html", body,
                   summary=intro, aliases=(f"/?page_id={over['page_id']}",),
                   crumbs=[("Beranda", "/"), ("Layanan", "/layanan/")])
        reg(page, key)
        # the table's editor pasted some rows' links as WordPress shortlinks
        rows.append((title, f"/?page_id={over['page_id']}" if over["page_id"] % 2 else href,
                     f, key))
    lay.body = ('<div class="vc_row wpb_row vc_row-fluid"><div class="wpb_column '
                'vc_column_container vc_col-sm-12"><div class="vc_column-inner"><div class="'
                'wpb_wrapper"><div class="wpb_text_column wpb_content_element"><div class="'
                'wpb_wrapper"><p>Berikut jenis layanan Dinas Tenaga Kerja Kota Jambi beserta '
                "persyaratan, waktu dan biayanya. Klik nama layanan untuk alur lengkap.</p></div>"
                f"</div>{tablepress(rows, 1)}</div></div></div></div>")
    ber = put(site, "listing", "berita", "Berita", "/category/berita/",
              "category/berita/index.html")
    posts = own_posts(site, facts, reg, lambda slug, d: f"/{d[:4]}/{d[5:7]}/{d[8:]}/{slug}/",
                      lambda href: href[1:] + "index.html")
    ber.body = "".join(f'<article class="post type-post"><h2 class="entry-title">'
                       f'{a(p.href, e(p.title))}</h2><div class="entry-summary"><p>'
                       f"{e(p.summary)}</p></div></article>" for p in posts)
    put(site, "page", "kontak", "Kontak", "/kontak/", "kontak/index.html", contact_body(site))
    home.body = ('<p>[vc_row full_width="stretch_row"][vc_column][vc_custom_heading text="'
                 f'Selamat Datang di {e(site.short)}" font_container="tag:h2|text_align:center"]'
                 "[/vc_column][/vc_row]</p>\n"
                 "<p>Layanan ketenagakerjaan yang paling banyak dicari warga:</p>"
                 + ul([a(p.href, e(p.title)) for p in pages_of(site, "service")[:3]])
                 + f"<p>{a('/layanan/', 'Lihat semua layanan')}</p>")
    # every page prints its <link rel="shortlink" href="/?p=NNN">: WordPress answers it with
    # the page (as the ?page_id= links above)
    ids = {wp_post_id(p): p for p in site.pages}
    assert len(ids) == len(site.pages), "two pages share a post id"
    for pid, p in sorted(ids.items()):
        site.routes[route_key("/", f"p={pid}")] = p.file
    # the stylesheets every page links: the builder's and TablePress's (CSS below)
    site.extra_files["wp-content/plugins/js_composer/assets/css/js_composer.min.css"] = (
        b".vc_row{margin-left:-15px;margin-right:-15px}.vc_column-inner{padding:0 15px}\n")


def render_wpbakery(page: Page) -> str:
    site = page.site
    services = pages_of(site, "service")
    sub = "".join(f'<li class="menu-item menu-item-type-post_type menu-item-object-page">'
                  f"{a(p.href, e(p.title))}</li>" for p in services)
    menu = (f'<ul id="primary-menu" class="menu"><li class="menu-item">{a("/", "Beranda")}</li>'
            f'<li class="menu-item">{a("/profil/", "Profil")}</li><li class="menu-item '
            f'menu-item-has-children">{a("/layanan/", "Layanan")}<ul class="sub-menu">{sub}</ul>'
            f'</li><li class="menu-item">{a("/category/berita/", "Berita")}</li>'
            f'<li class="menu-item">{a("/kontak/", "Kontak")}</li></ul>')
    title = (f"{e(site.short)} - {e(site.tagline)}" if page.kind == "home"
             else f"{e(page.title)} - {e(site.short)}")
    crumbs = ""
    if page.kind != "home":
        trail = ([("Beranda", "/"), ("Berita", "/category/berita/")] if page.kind == "news"
                 else page.crumbs or [("Beranda", "/")])
        crumbs = ('<div class="breadcrumbs">' + " / ".join(a(h, e(t)) for t, h in trail)
                  + f" / <span>{e(page.title)}</span></div>")
    meta = ""
    if page.kind == "news":
        meta = (f'<div class="entry-meta"><time class="entry-date published" datetime="'
                f'{page.date}T09:00:00+07:00">{tanggal(page.date)}</time></div>')
    pid = wp_post_id(page)
    script = TABLEPRESS_JS if "tablepress" in page.body else ""
    return f"""<!DOCTYPE html>
<html lang="id-ID">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="canonical" href="{site.base}{page.href}" />
<link rel='shortlink' href='{site.base}/?p={pid}' />
<link rel='stylesheet' id='js_composer_front-css' href='/wp-content/plugins/js_composer/assets/css/js_composer.min.css?ver=7.5' media='all' />
<link rel='stylesheet' id='tablepress-default-css' href='/wp-content/plugins/tablepress/css/build/default.css?ver=2.3' media='all' />
<meta name="generator" content="Powered by WPBakery Page Builder - drag and drop page builder for WordPress."/>
</head>
<body class="{'post-template-default single single-post' if page.kind == 'news' else 'page-template-default page'} page-id-{pid} wpb-js-composer js-comp-ver-7.5 vc_responsive">
<div id="page" class="site">
<header id="masthead" class="site-header" style="background:{site.color}"><div class="site-branding"><p class="site-title"><a href="/" rel="home">{e(site.short)}</a></p><p class="site-description">{e(site.tagline)}</p></div>
<nav id="site-navigation" class="main-navigation"><button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">Menu</button>{menu}</nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-{pid}" class="post-{pid} {page.kind if page.kind == 'news' else 'page'} type-page status-publish hentry">
{crumbs}
<header class="entry-header">{'' if page.kind == 'home' else f'<h1 class="entry-title">{e(page.title)}</h1>'}{meta}</header>
<div class="entry-content">
{page.body}
</div>
</article>
</main></div>
<aside id="secondary" class="widget-area"><section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Berita Terbaru</h2><ul>{"".join(f"<li>{a(p.href, e(p.title))}</li>" for p in pages_of(site, "news"))}</ul></section></aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">{footer_text(site)}</div></footer>
</div>
<script src='/wp-includes/js/jquery/jquery.min.js?ver=3.7.1' id='jquery-core-js'></script>
<script src='/wp-content/plugins/tablepress/js/jquery.datatables.min.js?ver=2.3' id='tablepress-datatables-js'></script>
{script}
<script src='/wp-content/plugins/js_composer/assets/js/dist/js_composer_front.min.js?ver=7.5' id='wpb_composer_front_js-js'></script>
</body>
</html>
"""


DIVI_CATEGORIES = {"layanan": "Layanan", "surat-keterangan": "Surat Keterangan",
                   "berita": "Berita"}


def divi_facts(f: ServiceFacts, site: Site) -> str:
    """Facts as the kelurahan's editor types them: a bold label, then a list or a line."""
    return "".join(f"<p><strong>{label}:</strong></p>{vc_list(value, True)}"
                   if isinstance(value, list) else f"<p><strong>{label}:</strong> {e(value)}</p>"
                   for label, value in labelled_facts(f, site))


def divi_module(kind: str, n: int, inner: str, extra: str = "") -> str:
    return (f'<div class="et_pb_module et_pb_{kind} et_pb_{kind}_{n}{extra}">{inner}</div>')


def divi_section(n: int, modules: str) -> str:
    return (f'<div class="et_pb_section et_pb_section_{n} et_section_regular"><div class="'
            f'et_pb_row et_pb_row_{n}"><div class="et_pb_column et_pb_column_4_4 et_pb_column_'
            f'{n} et_pb_css_mix_blend_mode_passthrough et-last-child">{modules}</div></div></div>')


def build_divi(site: Site, facts: dict, reg) -> None:
    home = reg(put(site, "home", "home", site.short, "/", "index.html"), f"{site.name}:home")
    put(site, "page", "profil", "Profil Kelurahan", "/profil-kelurahan/",
        "profil-kelurahan/index.html", new_profile(site))
    lay = put(site, "listing", "layanan", "Layanan", "/layanan/", "layanan/index.html",
              crumbs=[("Beranda", "/")])
    reg(lay, f"{site.name}:layanan")
    toggles, posts = [], []
    for n, (key, (_i, _s, slug, title, intro, over)) in enumerate(own_services(site)):
        f = facts[key]
        content = f"<p>{e(intro)}</p>{divi_facts(f, site)}"
        more = ""
        if over.get("post"):
            href = f"/{slug}/"
            cats = over["cats"]
            page = put(site, "service", key, title, href, f"{slug}/index.html", content,
                       date=over["post"], summary=intro,
                       crumbs=[("Beranda", "/"), (DIVI_CATEGORIES[cats[0]],
                                                  f"/category/{cats[0]}/")],
                       view={"cats": cats}, aliases=(f"/?p={300 + n * 7}",))
            reg(page, key)
            posts.append(page)
            more = f'<p>{a(href, "Selengkapnya &raquo;")}</p>'
        else:
            reg(Page(site, "service", f"{site.name}:{key}", title, lay.href, lay.file), key)
        state = "et_pb_toggle_open" if n == 0 else "et_pb_toggle_close"
        toggles.append(divi_module(
            "toggle", n, f'<h5 class="et_pb_toggle_title">{e(title)}</h5><div class="'
            f'et_pb_toggle_content clearfix">{content}{more}</div>',
            f" et_pb_toggle_item {state}"))
    lay.body = (divi_section(0, divi_module("text", 0, '<div class="et_pb_text_inner"><p>'
                                            "Pelayanan surat-menyurat di Kantor Lurah Payo "
                                            "Selincah tidak dipungut biaya. Klik judul layanan "
                                            "untuk melihat syarat dan alurnya.</p></div>",
                                            " et_pb_text_align_left et_pb_bg_layout_light"))
                + divi_section(1, "".join(toggles)))
    news = []
    for slug, date, title, texts in own_news(site):
        page = put(site, "news", f"news:{site.name}:{slug}", title, f"/{slug}/",
                   f"{slug}/index.html", paras(*texts), date=date, summary=news_summary(texts),
                   crumbs=[("Beranda", "/"), ("Berita", "/category/berita/")],
                   view={"cats": ("berita",)})
        reg(page, page.key)
        news.append(page)
    for cat, label in DIVI_CATEGORIES.items():
        members = sorted([p for p in posts + news if cat in p.view["cats"]],
                         key=lambda p: p.date, reverse=True)
        put(site, "listing", f"cat-{cat}", label, f"/category/{cat}/",
            f"category/{cat}/index.html", "".join(divi_excerpt(p) for p in members),
            crumbs=[("Beranda", "/")], view={"archive": True})
    put(site, "page", "kontak", "Kontak", "/kontak/", "kontak/index.html", contact_body(site))
    home.body = (divi_section(0, divi_module("text", 0, '<div class="et_pb_text_inner"><h2>'
                                             f"Selamat Datang di Website {e(site.short)}</h2>"
                                             f"<p>{e(site.opd)} {e(site.tugas)}.</p></div>"))
                 + divi_section(1, divi_module("blog", 0, "".join(
                     divi_excerpt(p) for p in sorted(posts + news, key=lambda p: p.date,
                                                     reverse=True)[:4]))))


def divi_excerpt(page: Page) -> str:
    cats = ", ".join(a(f"/category/{c}/", DIVI_CATEGORIES[c], rel="category tag")
                     for c in page.view["cats"])
    return (f'<article class="et_pb_post clearfix et_pb_blog_item_0_0 post type-post"><h2 '
            f'class="entry-title">{a(page.href, e(page.title))}</h2><p class="post-meta">oleh '
            f'<span class="author vcard">admin</span> | <span class="'
            f'published">{tanggal(page.date)}</span> | {cats}</p><div class="post-content">'
            f'<div class="post-content-inner"><p>{e(page.summary[:140])}...</p></div>'
            f'{a(page.href, "baca selengkapnya", class_="more-link")}</div></article>')


def render_divi(page: Page) -> str:
    site = page.site
    title = (f"{e(site.short)} &#8211; {e(site.tagline)}" if page.kind == "home"
             else f"{e(page.title)} &#8211; {e(site.short)}")
    menu = "".join(f'<li class="menu-item">{a(h, t)}</li>' for h, t in (
        ("/", "Beranda"), ("/profil-kelurahan/", "Profil"), ("/layanan/", "Layanan"),
        ("/category/berita/", "Berita"), ("/kontak/", "Kontak")))
    crumbs = ""
    if page.crumbs:
        crumbs = ('<p id="breadcrumbs"><span><span>' + " &raquo; ".join(
            f"<span>{a(h, e(t))}</span>" for t, h in page.crumbs)
            + f' &raquo; <span class="breadcrumb_last" aria-current="page">{e(page.title)}'
            "</span></span></span></p>")
    if page.view.get("cats") and page.kind in ("service", "news"):
        cats = ", ".join(a(f"/category/{c}/", DIVI_CATEGORIES[c], rel="category tag")
                         for c in page.view["cats"])
        main = (f'<article id="post-{int(_vc_id(page.href), 16) % 900 + 100}" class="'
                f'et_pb_post post type-post status-publish format-standard hentry">'
                f'<div class="et_post_meta_wrapper"><h1 class="entry-title">{e(page.title)}</h1>'
                f'<p class="post-meta"> oleh <span class="author vcard">admin'
                f'</span> | <span class="published">{tanggal(page.date)}</span> | {cats}</p></div>'
                f'<div class="entry-content">{page.body}</div><div class="et_post_meta_wrapper">'
                '</div><section id="comment-wrap"><div id="respond" class="comment-respond"><h3 '
                'id="reply-title" class="comment-reply-title"><span>Kirim Komentar</span></h3>'
                '<form action="/wp-comments-post.php" method="post" id="commentform"><p class="'
                'comment-notes">Alamat email Anda tidak akan dipublikasikan.</p><p class="'
                'comment-form-comment"><textarea id="comment" name="comment"></textarea></p>'
                '<p class="form-submit"><input name="submit" type="submit" class="submit '
                'et_pb_button" value="Kirim Komentar" /></p></form></div></section></article>')
        layout = "et_right_sidebar"
    elif page.view.get("archive"):
        main = (f'<h1 class="page-title">Kategori: {e(page.title)}</h1>{page.body}'
                '<div class="pagination clearfix"></div>')
        layout = "et_right_sidebar"
    else:
        main = (f'<article class="post page type-page"><div class="entry-content">'
                f'<div class="et-l et-l--post"><div class="et_builder_inner_content '
                f'et_pb_gutters3">{page.body if "et_pb_section" in page.body else divi_section(0, divi_module("text", 0, page.body))}'
                "</div></div></div></article>")
        layout = "et_full_width_page"
    recent = "".join(f"<li>{a(p.href, e(p.title))}</li>" for p in sorted(
        [p for p in site.pages if p.kind in ("service", "news") and p.date],
        key=lambda p: p.date, reverse=True)[:5])
    sidebar = ("" if layout == "et_full_width_page" else
               '<div id="sidebar"><div id="search-2" class="et_pb_widget widget_search"><form '
               'role="search" method="get" id="searchform" class="searchform" action="/"><input '
               'type="text" value="" name="s" id="s" /><input type="submit" id="searchsubmit" '
               'value="Cari" /></form></div><div id="recent-posts-2" class="et_pb_widget '
               f'widget_recent_entries"><h4 class="widgettitle">Pos-pos Terbaru</h4><ul>{recent}'
               '</ul></div><div id="categories-2" class="et_pb_widget widget_categories"><h4 '
               'class="widgettitle">Kategori</h4><ul>' + "".join(
                   f'<li class="cat-item">{a(f"/category/{c}/", t)}</li>'
                   for c, t in DIVI_CATEGORIES.items()) + "</ul></div></div>")
    return f"""<!DOCTYPE html>
<html lang="id-ID">
<head>
<meta charset="UTF-8" />
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{title}</title>
<meta name="robots" content="index, follow, max-snippet:-1" />
<link rel="canonical" href="{site.base}{page.href}" />
<meta property="og:title" content="{title}" />
<meta name="generator" content="Divi v.4.25.1" />
<link rel='stylesheet' id='divi-style-css' href='/wp-content/themes/Divi/style-static.min.css?ver=4.25.1' media='all' />
</head>
<body class="{'single single-post' if page.kind in ('service', 'news') else 'page'} et_pb_button_helper_class et_fixed_nav et_show_nav et_primary_nav_dropdown_animation_fade et_header_style_left et_pb_footer_columns4 et_cover_background et_pb_gutter et_pb_gutters3 {layout} et_divi_theme et-db">
<div id="page-container">
<header id="main-header" data-height-onload="66"><div class="container clearfix et_menu_container"><div class="logo_container"><span class="logo_helper"></span><a href="/"><img src="/wp-content/uploads/2023/08/logo-kota-jambi.png" alt="{e(site.short)}" id="logo" data-height-percentage="54" /></a></div><div id="et-top-navigation" data-height="66" data-fixed-height="40"><nav id="top-menu-nav"><ul id="top-menu" class="nav">{menu}</ul></nav><div id="et_mobile_nav_menu"><div class="mobile_nav closed"><span class="select_page">Pilih Halaman</span><span class="mobile_menu_bar mobile_menu_bar_toggle"></span></div></div></div></div></header>
<div id="et-main-area">
<div id="main-content"><div class="container"><div id="content-area" class="clearfix"><div id="left-area">
{crumbs}
{main}
</div>
{sidebar}
</div></div></div>
<footer id="main-footer"><div id="footer-bottom"><div class="container clearfix"><div id="footer-info">{footer_text(site)}</div></div></div></footer>
</div></div>
<script type="text/javascript" src="/wp-content/themes/Divi/js/scripts.min.js?ver=4.25.1" id="divi-custom-script-js"></script>
</body>
</html>
"""


# Joomla, the way most Indonesian kelurahan and puskesmas sites really run it (issue #11):
# - Joomla 3 with the K2 component and SEF URLs off. Every K2 item is reachable under as many
#   URLs as there are places linking it: ``index.php?option=com_k2&view=item&id=12:slug`` with
#   the Itemid of the menu it was reached from (the home page's latest-items list 101, the
#   Layanan category 115), without an Itemid (tag pages, related items), and its print view
#   (``&tmpl=component&print=1``). Each copy is drawn under its own menu item (breadcrumbs,
#   active menu) with the hits counter one higher. Category listings are K2 blogs with
#   "Read more ..." (K2's language pack is often missing) and ``&start=N`` pages. A service's
#   facts are K2 extra fields (``div.itemExtraFields``, label/value spans). No canonical link.
# - Joomla 4 with the Helix Ultimate template and SP Page Builder: the Layanan page is a
#   builder page of one accordion addon (``sppb-panel-heading``/``sppb-panel-body``), one
#   item per service with its facts; some services also have a com_content article under
#   "Standar Pelayanan" whose text is a short note and a download link to the standard's PDF.
#   A custom module links the builder page the non-SEF way
#   (``index.php?option=com_sppagebuilder&view=page&id=3&Itemid=103``).
# ---------------------------------------------------------------------------------------------

SITES += [
    Site("kel-payolebar", "Kelurahan Payo Lebar Kecamatan Jelutung",
         "Kelurahan Payo Lebar", "k2", 111, "Melayani Warga dengan Ikhlas dan Cepat",
         "Jl. Sultan Agung, Payo Lebar, Kec. Jelutung, Kota Jambi",
         "menyelenggarakan pelayanan administrasi kelurahan, pemberdayaan masyarakat dan "
         "ketenteraman lingkungan bagi warga Payo Lebar", labels="c", list_style="ol",
         place="Kantor Lurah Payo Lebar, Jl. Sultan Agung, Kec. Jelutung",
         color="#9a3412", robots=JOOMLA3_ROBOTS),
    Site("pkm-olakkemang", "UPTD Puskesmas Olak Kemang Kota Jambi", "Puskesmas Olak Kemang",
         "sppb", 112, "Sehat Bersama Warga Seberang Kota",
         "Jl. KH. Abdul Qodir Jailani, Olak Kemang, Kec. Danau Teluk, Kota Jambi",
         "adalah unit pelaksana teknis Dinas Kesehatan Kota Jambi yang menyelenggarakan "
         "pelayanan kesehatan tingkat pertama bagi warga Kecamatan Danau Teluk: pemeriksaan "
         "umum, kesehatan ibu dan anak, imunisasi, keluarga berencana dan rujukan peserta JKN",
         labels="a", list_style="ul", place="UPTD Puskesmas Olak Kemang, Kec. Danau Teluk",
         color="#0f766e", robots=JOOMLA4_ROBOTS),
]
SITE.update({s.name: s for s in SITES})
FAMILY.update({"k2": "joomla3-k2-nonsef", "sppb": "joomla4-sppagebuilder"})

OK_IMUNISASI_FACTS = {
    "requirements": ["Buku KIA (buku pink) anak", "Fotokopi KK atau akta kelahiran anak "
                     "untuk kunjungan pertama", "Anak dalam keadaan sehat (tidak demam tinggi)"],
    "procedure": ["Daftar di loket dengan membawa buku KIA",
                  "Penimbangan dan pemeriksaan anak oleh bidan",
                  "Pemberian vaksin sesuai jadwal imunisasi dasar",
                  "Pencatatan di buku KIA dan jadwal kunjungan berikutnya"],
    "duration": "± 30 menit; layanan imunisasi setiap Rabu dan Kamis pukul 08.00-11.00 WIB",
    "cost": "Gratis", "legal_basis": "Permenkes Nomor 12 Tahun 2017 tentang Penyelenggaraan "
    "Imunisasi", "online": None}

SERVICES.update({
    # Kelurahan Payo Lebar (Joomla 3 + K2): (fact index, site, slug, title, intro, over)
    "plb_domisili": (66, "kel-payolebar", "surat-keterangan-domisili",
                    "Surat Keterangan Domisili",
                    "Surat keterangan tempat tinggal bagi warga Payo Lebar yang diminta "
                    "untuk melamar kerja, membuka rekening atau mendaftar sekolah anak.",
                    {"duration": "Selesai di hari yang sama"}),
    "plb_sktm": (67, "kel-payolebar", "surat-keterangan-tidak-mampu",
                "Surat Keterangan Tidak Mampu (SKTM)",
                "SKTM untuk keringanan biaya berobat, sekolah atau persyaratan bantuan sosial; "
                "petugas kelurahan dapat meninjau rumah pemohon.", {}),
    "plb_sku": (None, "kel-payolebar", "surat-keterangan-usaha",
               "Surat Keterangan Usaha (SKU)",
               "Pedagang dan pelaku usaha rumahan di Payo Lebar memakai SKU untuk "
               "mengajukan KUR ke bank atau mendaftar bantuan modal.", dict(AK_SKU_FACTS)),
    "plb_kk": (4, "kel-payolebar", "pengantar-perubahan-kartu-keluarga",
              "Surat Pengantar Perubahan Kartu Keluarga",
              "Pengantar kelurahan untuk menambah anggota keluarga, pisah KK atau mengubah "
              "data KK sebelum berkas diteruskan ke Disdukcapil.",
              {"cost": "Gratis", "online": None}),
    "plb_mati": (7, "kel-payolebar", "surat-keterangan-kematian",
                "Surat Keterangan Kematian",
                "Keluarga melaporkan warga yang meninggal dunia ke kelurahan; surat keterangan "
                "kematian dipakai untuk mengurus akta kematian di Disdukcapil.",
                {"cost": "Gratis", "online": None}),
    "plb_dtks": (40, "kel-payolebar", "usulan-dtks-bansos",
                "Usulan Warga Miskin ke DTKS untuk Bantuan Sosial",
                "Keluarga yang belum menerima PKH, BPNT atau PBI JK diusulkan masuk DTKS "
                "(DTSEN) melalui musyawarah kelurahan.", {"online": None}),
    "plb_skck": (71, "kel-payolebar", "surat-pengantar-skck",
                "Surat Pengantar SKCK ke Polsek",
                "Warga yang membuat Surat Keterangan Catatan Kepolisian terlebih dahulu "
                "meminta surat pengantar dari kelurahan untuk dibawa ke Polsek Jelutung.",
                {"cost": "Pengantar kelurahan gratis; PNBP SKCK Rp30.000 dibayar di Polsek",
                 "online": None}),
    "plb_nikah": (72, "kel-payolebar", "surat-pengantar-nikah",
                 "Surat Pengantar Nikah (N1-N4)",
                 "Calon pengantin warga Payo Lebar mengambil formulir pengantar nikah N1 "
                 "sampai N4 di kelurahan sebelum mendaftar ke KUA Jelutung.",
                 {"location": "Kantor Lurah Payo Lebar, lalu KUA Kecamatan Jelutung"}),
    # UPTD Puskesmas Olak Kemang (Joomla 4 + SP Page Builder); "article": the service also
    # has its own article with the standard attached as a PDF
    "ok_poli": (44, "pkm-olakkemang", "poli-umum",
                "Pemeriksaan Umum dan Rujukan Peserta BPJS",
                "Poli umum melayani pemeriksaan dan pengobatan warga; peserta JKN yang perlu "
                "penanganan lanjut dirujuk ke rumah sakit.", {}),
    "ok_kia": (None, "pkm-olakkemang", "kia-kb",
               "Pemeriksaan Ibu Hamil dan Pelayanan KB",
               "Ibu hamil memeriksakan kandungan minimal enam kali selama kehamilan; pasangan "
               "usia subur mendapat konseling dan layanan KB.",
               {"requirements": ["Buku KIA bagi ibu hamil", "KTP-el dan kartu JKN/KIS",
                                 "Kartu akseptor KB bagi peserta KB lama"],
                "procedure": ["Daftar di loket dan tunjukkan buku KIA",
                              "Pemeriksaan kehamilan atau konseling KB oleh bidan",
                              "Pelayanan KB sesuai metode yang dipilih",
                              "Jadwal kunjungan ulang dicatat di buku KIA"],
                "duration": "± 45 menit", "cost": "Gratis bagi peserta JKN dan pemilik KTP "
                "Kota Jambi", "legal_basis": "Permenkes Nomor 21 Tahun 2021", "online": None}),
    "ok_imunisasi": (None, "pkm-olakkemang", "imunisasi",
                     "Imunisasi Dasar Lengkap Bayi dan Balita",
                     "Bayi dan balita mendapat imunisasi dasar lengkap (HB-0, BCG, polio, DPT-HB-"
                     "Hib, campak rubela) sesuai jadwal di buku KIA.", OK_IMUNISASI_FACTS),
    "ok_ckg": (43, "pkm-olakkemang", "cek-kesehatan-gratis",
               "Cek Kesehatan Gratis (CKG)",
               "Warga Danau Teluk dapat memeriksakan kesehatan gratis sekali setahun di sekitar "
               "hari ulang tahunnya: tekanan darah, gula darah, mata, gigi dan skrining lain.",
               {"article": True}),
    "ok_uhc": (41, "pkm-olakkemang", "pendaftaran-uhc-jambi-bugar",
               "Pendaftaran Berobat Gratis UHC Jambi Bugar",
               "Warga yang belum terdaftar BPJS Kesehatan dibantu mendaftar UHC Jambi Bugar di "
               "puskesmas; iurannya dibayar Pemerintah Kota Jambi.", {"article": True}),
    "ok_sks": (None, "pkm-olakkemang", "surat-keterangan-sehat",
               "Surat Keterangan Sehat",
               "Surat keterangan berbadan sehat dari dokter puskesmas untuk melamar kerja, "
               "mendaftar sekolah atau persyaratan nikah.",
               {"article": True, **SEHAT_FACTS, "duration": "30 menit"}),
})

NEWS += [
    ("kel-payolebar", "posyandu-balita-rt-12", "2024-04-16",
     "Posyandu Balita di RT 12 Dipadati Ibu dan Anak",
     ["Kader posyandu RT 12 bersama bidan Puskesmas menimbang 64 balita dan memberikan "
      "vitamin A.",
      "Lurah Payo Lebar mengajak orang tua rutin membawa anak ke posyandu setiap bulan."]),
    ("kel-payolebar", "pelayanan-sabtu-pagi", "2024-05-11",
     "Kantor Lurah Buka Pelayanan Sabtu Pagi bagi Pekerja",
     ["Mulai Mei, kantor lurah membuka loket Sabtu pukul 08.00-11.00 WIB bagi warga yang "
      "bekerja di hari kerja.",
      "Layanan yang dibuka antara lain [[plb_domisili|surat keterangan domisili]] dan "
      "pengantar SKCK."]),
    ("kel-payolebar", "musyawarah-dtks-2024", "2024-06-03",
     "Musyawarah Kelurahan Verifikasi Usulan DTKS",
     ["Perwakilan RT, tokoh masyarakat dan pendamping PKH memverifikasi 37 usulan keluarga "
      "baru untuk masuk DTKS.",
      "Hasil musyawarah diteruskan ke Dinas Sosial melalui Kecamatan Jelutung."]),
    ("kel-payolebar", "gotong-royong-parit-rt-07", "2024-07-20",
     "Gotong Royong Bersihkan Parit Menjelang Musim Hujan",
     ["Warga enam RT bergotong royong mengangkat sedimen parit di sepanjang Jl. Sultan "
      "Agung.",
      "Lurah mengingatkan warga tidak membuang sampah ke saluran air."]),
    ("pkm-olakkemang", "posbindu-ptm-olak-kemang", "2024-05-22",
     "Posbindu PTM Keliling di Kelurahan Olak Kemang",
     ["Tim Puskesmas memeriksa tekanan darah dan gula darah 90 warga lanjut usia di balai "
      "kelurahan.",
      "Warga dengan hasil tinggi dirujuk ke poli umum untuk pemeriksaan lanjutan."]),
    ("pkm-olakkemang", "bulan-imunisasi-anak-sekolah", "2024-08-12",
     "Bulan Imunisasi Anak Sekolah di SD Seberang Kota",
     ["Petugas imunisasi memberikan vaksin DT, Td dan HPV kepada murid SD se-Kecamatan Danau "
      "Teluk.",
      "Orang tua yang anaknya belum diimunisasi dapat datang ke puskesmas."]),
]


K2_LAYANAN_PER_PAGE = 5
K2_LATEST_PER_PAGE = 10


def k2_item_url(n: int, slug: str, itemid: int | None = None, *, print_: bool = False) -> str:
    url = f"/index.php?option=com_k2&view=item&id={n}:{slug}"
    if itemid:
        url += f"&Itemid={itemid}"
    return url + ("&tmpl=component&print=1" if print_ else "")


def k2_mailto_url(href: str) -> str:
    """The e-mail form an item's toolbar opens (its ``link`` a hash of the item's URL)."""
    return ("/index.php?option=com_mailto&tmpl=component&template=protostar&link="
            + hashlib.sha1(href.encode()).hexdigest()[:20])


def k2_list_url(itemid: int, cat: int | None = None, start: int = 0) -> str:
    if cat is None:
        url = f"/index.php?option=com_k2&view=itemlist&layout=category&Itemid={itemid}"
    else:
        url = (f"/index.php?option=com_k2&view=itemlist&layout=category&task=category&id={cat}"
               f"&Itemid={itemid}")
    return url + (f"&start={start}" if start else "")


def k2_extra_fields(site: Site, f: ServiceFacts, n: int) -> str:
    """K2's extra-field block: one ``li`` per field, label and value spans. Textarea fields
    keep the editor's HTML (a list) on some items, numbered lines with ``<br>`` on others."""
    style = "br" if n % 2 else "ol"
    rows = []
    for i, (anchor, label, value) in enumerate(fact_rows(site, f)):
        kind = "typeTextarea" if isinstance(value, list) else "typeTextfield"
        # as K2's PHP template writes them: one element a line
        rows.append(f'<li class="{"even" if i % 2 == 0 else "odd"} {kind} group1">\n'
                    f'<span class="itemExtraFieldsLabel">{e(label)}:</span>\n'
                    f'<span class="itemExtraFieldsValue">{value_html(anchor, value, style)}'
                    "</span>\n</li>\n")
    return ('<div class="itemExtraFields"><h3>Informasi Layanan</h3><ul>' + "".join(rows)
            + '</ul><div class="clr"></div></div>')


def build_k2(site: Site, facts: dict, reg) -> None:
    """Menu items 101 Beranda (K2 latest items of every category), 102 Profil (an article),
    115 Layanan (K2 category 2), 116 Berita (K2 category 3), 117 Kontak."""
    home = put(site, "home", "home", site.short, "/", "index.html",
               aliases=("/index.php", k2_list_url(101)), view={"item": 101})
    put(site, "page", "profil", "Profil Kelurahan",
        "/index.php?option=com_content&view=article&id=2&Itemid=102", "profil.html",
        new_profile(site), crumbs=[("Beranda", "/")], view={"item": 102})
    put(site, "page", "kontak", "Kontak", "/index.php?option=com_contact&view=contact&id=1"
        "&Itemid=117", "kontak.html", contact_body(site), crumbs=[("Beranda", "/")],
        view={"item": 117})
    items: list[Page] = []
    for n, (key, (_i, _s, slug, title, intro, _o)) in enumerate(own_services(site), start=12):
        f = facts[key]
        body = f"<p>{e(intro)}</p>"
        page = put(site, "service", key, title, k2_item_url(n, slug, 115), f"item/{n}.html",
                   body, summary=intro, date=f"2024-01-{n:02d}",
                   crumbs=[("Beranda", "/"), ("Layanan", k2_list_url(115, 2))],
                   view={"item": 115, "id": n, "slug": slug, "cat": 2, "hits": joomla_hits(n),
                         "extra": k2_extra_fields(site, f, n)})
        reg(page, key)
        items.append(page)
    for n, (slug, date, title, texts) in enumerate(own_news(site), start=31):
        page = put(site, "news", f"news:{site.name}:{slug}", title, k2_item_url(n, slug, 116),
                   f"item/{n}.html", paras(*texts), date=date, summary=news_summary(texts),
                   crumbs=[("Beranda", "/"), ("Berita", k2_list_url(116, 3))],
                   view={"item": 116, "id": n, "slug": slug, "cat": 3, "hits": joomla_hits(n)})
        reg(page, page.key)
        items.append(page)
    for page in list(items):  # the copies other links reach: another Itemid, none, print
        n, slug = page.view["id"], page.view["slug"]
        for itemid, crumbs in ((101, [("Beranda", "/")]), (None, [("Beranda", "/")])):
            put(site, "copy", f"{page.key}:{itemid}", page.title, k2_item_url(n, slug, itemid),
                f"item/{n}-{itemid or 0}.html", page.body, date=page.date, crumbs=crumbs,
                view={**page.view, "item": itemid or 101, "hits": joomla_hits(n, 1 if itemid
                                                                             else 2),
                      "of": page.href})
        put(site, "copy", f"{page.key}:mailto", "Kirim ke teman", k2_mailto_url(page.href),
            f"mailto-{n}.html", view={"mailto": True, "of": page.href})
        for later, itemid in enumerate((page.view["item"], 101), start=3):
            # each copy's print icon keeps its Itemid
            put(site, "copy", f"{page.key}:print:{itemid}", page.title,
                k2_item_url(n, slug, itemid, print_=True), f"item/{n}-print-{itemid}.html",
                page.body, date=page.date, view={**page.view, "print": True,
                                                 "hits": joomla_hits(n, later), "of": page.href})
    services, news = pages_of(site, "service"), pages_of(site, "news")
    latest = sorted(items, key=lambda p: p.date, reverse=True)

    def listing(key: str, title: str, href: str, file: str, shown: list[Page], itemid: int,
                pages: list[str], current: int, aliases: tuple[str, ...] = ()) -> Page:
        return put(site, "listing", key, title, href, file, aliases=aliases,
                   crumbs=[("Beranda", "/")] if key != "home" else [],
                   view={"item": itemid, "shown": shown, "pages": pages, "current": current})

    lay_pages = [k2_list_url(115, 2, s) for s in range(0, len(services), K2_LAYANAN_PER_PAGE)]
    for i, href in enumerate(lay_pages):
        listing(f"list-layanan-{i}", "Layanan Kelurahan", href, f"layanan-{i}.html",
                services[i * K2_LAYANAN_PER_PAGE:(i + 1) * K2_LAYANAN_PER_PAGE], 115,
                lay_pages, i)
    listing("list-berita", "Berita Kelurahan", k2_list_url(116, 3), "berita.html", news, 116,
            [k2_list_url(116, 3)], 0)
    home_pages = ["/"] + [k2_list_url(101, None, s)
                          for s in range(K2_LATEST_PER_PAGE, len(latest), K2_LATEST_PER_PAGE)]
    home.view.update({"shown": latest[:K2_LATEST_PER_PAGE], "pages": home_pages, "current": 0})
    for i, href in enumerate(home_pages[1:], start=1):
        listing(f"home-{i}", "Beranda", href, f"home-{i}.html",
                latest[i * K2_LATEST_PER_PAGE:(i + 1) * K2_LATEST_PER_PAGE], 101, home_pages, i)
    tagged = [p for p in services if p.key in ("plb_domisili", "plb_kk", "plb_mati", "plb_nikah")]
    listing("tag", "Tag: kependudukan", "/index.php?option=com_k2&view=itemlist&task=tag"
            "&tag=kependudukan&Itemid=101", "tag.html", tagged, 101, [], 0)
    for p in site.pages:
        p.view["tagged"] = p in tagged or p.view.get("of") in {t.href for t in tagged}
    listing("user", "Admin Kelurahan", "/index.php?option=com_k2&view=itemlist&task=user"
            "&id=62:admin-kelurahan&Itemid=101", "user.html", latest, 101, [], 0)
    for asset in ("templates/protostar/favicon.ico", "media/jui/js/jquery.min.js",
                  "components/com_k2/js/k2.frontend.js"):
        site.extra_files[asset] = f"/* {asset.rsplit('/', 1)[-1]} */\n".encode()


def k2_list_item(p: Page, leading: bool) -> str:
    return (f'<div class="itemContainer"><div class="catItemView group{"Leading" if leading else "Primary"}">'
            f'<div class="catItemHeader"><span class="catItemDateCreated">{tanggal(p.date)}</span>'
            f'<h3 class="catItemTitle">{a(p.href, e(p.title))}</h3></div><div class="catItemBody">'
            f'<div class="catItemIntroText"><p>{e(p.summary)}</p></div><div class="clr"></div>'
            f'</div><div class="catItemReadMore">{a(p.href, "Read more ...", class_="k2ReadMore")}'
            '</div><div class="clr"></div></div></div>')


def k2_listing(page: Page) -> str:
    view = page.view
    shown: list[Page] = view["shown"]
    pages: list[str] = view["pages"]
    nav = ""
    if len(pages) > 1:
        cur = view["current"]
        links = "".join(f'<li class="active"><a>{k + 1}</a></li>' if k == cur
                        else f"<li>{a(h, str(k + 1), class_='pagenav')}</li>"
                        for k, h in enumerate(pages))
        if cur + 1 < len(pages):
            links += f"<li>{a(pages[cur + 1], 'Berikutnya', class_='pagenav')}</li>"
        nav = (f'<div class="k2Pagination"><ul class="pagination-list">{links}</ul><div '
               f'class="k2PaginationCounter">Halaman {cur + 1} dari {len(pages)}</div></div>')
    head = ("" if page.kind == "home" else
            f'<div class="itemListCategoriesBlock"><div class="itemListCategory"><h2>'
            f"{e(page.title)}</h2></div></div>")
    return (f'<div id="k2Container" class="itemListView">{head}<div class="itemList"><div '
            'id="itemListLeading">' + "".join(k2_list_item(p, i < 2) for i, p in enumerate(shown))
            + f'</div></div>{nav}</div>')


def k2_item(page: Page) -> str:
    """K2's item view: header (date, title, author), toolbar (print, e-mail), the text, the
    extra fields, hits, category and tags, related items, previous/next in the category."""
    site, view = page.site, page.view
    n, slug = view["id"], view["slug"]
    itemid = view["item"] if not view.get("print") else None
    print_href = k2_item_url(n, slug, view.get("item"), print_=True)
    toolbar = "" if view.get("print") else (
        '<div class="itemToolbar"><ul><li>'
        f'{a(print_href, "<span>Cetak</span>", class_="itemPrintLink", rel="nofollow")}</li><li>'
        f'{a(k2_mailto_url(view.get("of", page.href)), "<span>E-mail</span>", class_="itemEmailLink", rel="nofollow")}'
        '</li><li><span class="itemTextResizerTitle">ukuran huruf</span> <a href="#" '
        'class="fontDecrease">kecilkan</a> <a href="#" class="fontIncrease">besarkan</a></li>'
        '</ul><div class="clr"></div></div>')
    same = [p for p in site.pages if p.kind in ("service", "news") and p.view["cat"] == view["cat"]]
    pos = next(i for i, p in enumerate(same) if p.view["id"] == n)
    navs = []
    if pos > 0:
        navs.append(a(same[pos - 1].href, f"&laquo; {e(same[pos - 1].title)}",
                      class_="itemPrevious"))
    if pos + 1 < len(same):
        navs.append(a(same[pos + 1].href, f"{e(same[pos + 1].title)} &raquo;",
                      class_="itemNext"))
    tag = next(p for p in site.pages if p.key == "tag")
    tags = (f'<div class="itemTagsBlock">\n<span>Tagged under</span>\n<ul class="itemTags"><li>'
            f'{a(tag.href, "kependudukan")}</li></ul></div>' if view.get("tagged") else "")
    related = [same[(pos + k) % len(same)] for k in range(1, min(4, len(same)))]
    cat = "Layanan Kelurahan" if view["cat"] == 2 else "Berita Kelurahan"
    cat_href = k2_list_url(115, 2) if view["cat"] == 2 else k2_list_url(116, 3)
    user = next(p for p in site.pages if p.key == "user")
    extra = view.get("extra", "")
    tail = "" if view.get("print") else (
        f'<div class="itemLinks"><div class="itemCategory">\n<span>Diterbitkan di</span>\n'
        f"{a(cat_href, cat)}\n</div>{tags}</div>"
        '<div class="itemRelated"><h3>Item terkait</h3><ul>' + "".join(
            f'<li class="{"even" if i % 2 == 0 else "odd"}">{a(k2_item_url(p.view["id"], p.view["slug"]), e(p.title))}</li>'
            for i, p in enumerate(related)) + '</ul><div class="clr"></div></div>'
        f'<div class="itemNavigation"><span class="itemNavigationTitle">Lainnya di kategori ini:'
        f'</span>{"".join(navs)}</div>'
        f'<div class="itemBackToTop">{a(k2_item_url(n, slug, itemid) + f"#startOfPageId{n}", "kembali ke atas", class_="k2Anchor")}</div>')
    return (f'<span id="startOfPageId{n}"></span><div id="k2Container" class="itemView">'
            f'<div class="itemHeader"><span class="itemDateCreated">{tanggal(page.date)} 08:00'
            f'</span><h2 class="itemTitle">{e(page.title)}</h2><span class="itemAuthor">Ditulis '
            f'oleh {a(user.href, "Admin Kelurahan", rel="author")}</span></div>{toolbar}'
            f'<div class="itemBody"><div class="itemFullText">{page.body}</div>{extra}'
            f'<div class="clr"></div><div class="itemContentFooter"><span class="itemHits">'
            f'Dibaca <b>{view["hits"]}</b> kali</span><div class="clr"></div></div></div>'
            f"{tail}</div>")


def render_k2(page: Page) -> str:
    site, view = page.site, page.view
    article = page.kind in ("service", "news", "copy") and not view.get("mailto")
    if article:
        content = k2_item(page)
    elif "shown" in view:
        content = k2_listing(page)
        if page.kind == "home":
            content = (f"<p>Selamat datang di situs resmi {e(site.opd)}. Kantor lurah melayani "
                       f"warga {HOURS}.</p>") + content
    else:
        content = (f'<div class="item-page"><div class="page-header"><h2>{e(page.title)}</h2>'
                   f"</div>{page.body}</div>")
    title = e(page.title) if page.kind != "home" else e(site.short)
    if view.get("mailto"):
        return f"""<!DOCTYPE html>
<html lang="id-id" dir="ltr">
<head>
<meta http-equiv="content-type" content="text/html; charset=utf-8" />
<meta name="generator" content="Joomla! - Open Source Content Management" />
<title>{e(site.short)}</title>
</head>
<body class="contentpane modal">
<div id="mailto-window"><h2>Kirim tautan ini ke teman.</h2>
<form action="/index.php" id="mailtoForm" method="post">
<div class="control-group"><label for="mailto_field">Email ke</label><input type="text" id="mailto_field" name="mailto" value=""/></div>
<div class="control-group"><label for="sender_field">Pengirim</label><input type="text" id="sender_field" name="sender" value=""/></div>
<div class="control-group"><label for="subject_field">Subjek</label><input type="text" id="subject_field" name="subject" value=""/></div>
<p><button class="button" type="submit">Kirim</button></p>
<input type="hidden" name="option" value="com_mailto" /><input type="hidden" name="task" value="send" /><input type="hidden" name="tmpl" value="component" /><input type="hidden" name="link" value="{k2_mailto_url(view["of"]).rsplit("=", 1)[1]}" />
</form></div>
</body>
</html>
"""
    if view.get("print"):
        return f"""<!DOCTYPE html>
<html lang="id-id" dir="ltr">
<head>
<meta name="robots" content="noindex, nofollow" />
<meta http-equiv="content-type" content="text/html; charset=utf-8" />
<meta name="generator" content="Joomla! - Open Source Content Management" />
<title>{title}</title>
<link href="/components/com_k2/css/k2.css?v=2.10.3" rel="stylesheet" />
</head>
<body class="contentpane">
{content}
<script>window.print();</script>
</body>
</html>
"""
    active = view.get("item", 101)
    by_key = {p.key: p for p in site.pages}
    menu_items = [(101, "/", "Beranda"), (102, by_key["profil"].href, "Profil"),
                  (115, k2_list_url(115, 2), "Layanan"), (116, k2_list_url(116, 3), "Berita"),
                  (117, by_key["kontak"].href, "Kontak")]
    menu = "".join(f'<li class="item-{i}{" current active" if i == active else ""}">'
                   f"{a(h, label)}</li>" for i, h, label in menu_items)
    crumbs = page.crumbs if page.kind != "home" else []
    trail = "".join(f'<li>{a(h, e(t), class_="pathway")}<span class="divider"> / </span></li>'
                    for t, h in crumbs)
    breadcrumbs = (f'<ul class="breadcrumb"><li>Anda di sini: &#160;</li>{trail}<li '
                   f'class="active"><span>{e(page.title)}</span></li></ul>') if crumbs else ""
    services = pages_of(site, "service")
    latest = sorted(pages_of(site, "news"), key=lambda p: p.date, reverse=True)[:3]
    modules = (
        '<div class="moduletable"><h3>Layanan Kelurahan</h3><div id="k2ModuleBox91" '
        'class="k2ItemsBlock"><ul>' + "".join(
            f'<li class="{"even" if i % 2 == 0 else "odd"}">'
            f'{a(k2_item_url(p.view["id"], p.view["slug"], 101), e(p.title), class_="moduleItemTitle")}</li>'
            for i, p in enumerate(services)) + "</ul></div></div>"
        '<div class="moduletable"><h3>Berita Terbaru</h3><div id="k2ModuleBox92" '
        'class="k2ItemsBlock"><ul>' + "".join(
            f'<li>{a(k2_item_url(p.view["id"], p.view["slug"], 101), e(p.title), class_="moduleItemTitle")}'
            f'<span class="moduleItemDateCreated">{tanggal(p.date)}</span></li>' for p in latest)
        + "</ul></div></div>")
    kind = "item" if article else "itemlist"
    return f"""<!DOCTYPE html>
<html lang="id-id" dir="ltr">
<head>
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<meta charset="utf-8" />
<meta name="generator" content="Joomla! - Open Source Content Management" />
<title>{title}</title>
<link href="/templates/protostar/favicon.ico" rel="shortcut icon" type="image/vnd.microsoft.icon" />
<link href="/components/com_k2/css/k2.css?v=2.10.3" rel="stylesheet" />
<link href="/templates/protostar/css/template.css?3c1a9e" rel="stylesheet" />
<script src="/media/jui/js/jquery.min.js?3c1a9e"></script>
<script src="/components/com_k2/js/k2.frontend.js?v=2.10.3&amp;sitepath=/"></script>
</head>
<body class="site com_k2 view-{kind} no-layout no-task itemid-{active}">
<div class="body"><div class="container">
<header class="header" role="banner"><div class="header-inner clearfix">
<a class="brand pull-left" href="/"><span class="site-title" title="{e(site.short)}">{e(site.short)}</span><div class="site-description">{e(site.tagline)}</div></a>
</div></header>
<nav class="navigation" role="navigation"><div class="nav-collapse"><ul class="nav menu nav-pills mod-list">{menu}</ul></div></nav>
<div class="moduletable">{breadcrumbs}</div>
<div class="row-fluid">
<main id="content" role="main" class="span9">
<div id="system-message-container"></div>
{content}
</main>
<div id="aside" class="span3">{modules}</div>
</div>
</div></div>
<footer class="footer" role="contentinfo"><div class="container"><hr /><p>&copy; 2024 {e(site.opd)}. {e(site.address)}</p></div></footer>
</body>
</html>
"""


def sppb_accordion(site: Site, facts: dict, addon: int) -> str:
    """SP Page Builder's accordion addon: one panel per service; its body a text block with
    the service's facts, and a link to the service's own article when it has one."""
    panels = []
    by_key = {p.key: p for p in site.pages}
    for n, (key, (_i, _s, _slug, title, intro, over)) in enumerate(own_services(site)):
        f = facts[key]
        blocks = "".join(f"<p><strong>{e(label)}</strong></p>"
                         + (value_html(anchor, value, site.list_style)
                            if isinstance(value, list) else
                            f"<p>{value_html(anchor, value, site.list_style)}</p>")
                         for anchor, label, value in fact_rows(site, f))
        more = ""
        if over.get("article"):
            more = (f'<p>{a(by_key[key].href, "Selengkapnya dan unduh standar pelayanan", class_="sppb-btn sppb-btn-link")}</p>')
        hid = f"sppb-ac-heading-{addon}-key-{n}"
        cid = f"sppb-ac-content-{addon}-key-{n}"
        hidden = "" if n == 0 else ' style="display: none;"'
        panels.append(
            f'<div class="sppb-panel sppb-panel-modern"><div class="sppb-panel-heading'
            f'{" active" if n == 0 else ""}" id="{hid}" aria-expanded="{str(n == 0).lower()}" '
            f'aria-controls="{cid}" role="button"><span class="sppb-panel-title" aria-label="'
            f'{e(title)}">{e(title)}</span><span class="sppb-toggle-direction" aria-label="Toggle '
            f'Direction Icon {n + 1}"><i class="fas fa-angle-right" aria-hidden="true"></i>'
            f'</span></div><div id="{cid}" class="sppb-panel-collapse" aria-labelledby="{hid}"'
            f'{hidden}><div class="sppb-panel-body">'
            f'<div class="sppb-addon-wrapper"><div class="sppb-addon sppb-addon-text-block">'
            f'<div class="sppb-addon-content"><p>{e(intro)}</p>{blocks}{more}</div></div></div>'
            "</div></div></div>")
    return (f'<div id="sppb-addon-wrapper-{addon}" class="sppb-addon-wrapper"><div id="sppb-'
            f'addon-{addon}" class="clearfix"><div class="sppb-addon sppb-addon-accordion"><div '
            f'class="sppb-panel-group">{"".join(panels)}</div></div></div></div>')


def sppb_section(sid: int, inner: str, title: str = "") -> str:
    head = (f'<div class="sppb-section-title sppb-text-center"><h2 class="sppb-title-heading">'
            f"{e(title)}</h2></div>") if title else ""
    return (f'<section id="section-id-{sid}" class="sppb-section"><div class="sppb-row-container">'
            f'{head}<div class="sppb-row"><div class="sppb-col-md-12" id="column-wrap-id-{sid + 1}">'
            f'<div id="column-id-{sid + 1}" class="sppb-column"><div class="sppb-column-addons">'
            f"{inner}</div></div></div></div></div></section>")


def sppb_text(addon: int, html_: str) -> str:
    return (f'<div id="sppb-addon-wrapper-{addon}" class="sppb-addon-wrapper"><div id="sppb-addon-'
            f'{addon}" class="clearfix"><div class="sppb-addon sppb-addon-text-block"><div '
            f'class="sppb-addon-content">{html_}</div></div></div></div>')


def build_sppb(site: Site, facts: dict, reg) -> None:
    """Menu items 101 Beranda and 103 Layanan (builder pages 1 and 3), 102 Profil, 104 Standar
    Pelayanan (category list of catid 8), 105 Berita (category blog of catid 9), 106 Kontak.
    SEF URLs with rewriting; articles at ``/<menu alias>/<id>-<alias>``."""
    home = put(site, "home", "home", site.short, "/", "index.html", aliases=("/index.php",),
               view={"item": 101, "builder": 1})
    put(site, "page", "profil", "Profil Puskesmas", "/profil", "profil.html", new_profile(site),
        view={"item": 102})
    lay = put(site, "listing", "layanan", "Layanan", "/layanan", "layanan.html",
              aliases=("/index.php?option=com_sppagebuilder&view=page&id=3&Itemid=103",),
              view={"item": 103, "builder": 3})
    reg(lay, f"{site.name}:layanan")
    put(site, "page", "kontak", "Kontak", "/kontak", "kontak.html", contact_body(site),
        view={"item": 106})
    standards = put(site, "listing", "standar", "Standar Pelayanan", "/standar-pelayanan",
                    "standar-pelayanan.html", view={"item": 104})
    berita = put(site, "listing", "berita", "Berita", "/berita", "berita.html",
                 view={"item": 105})
    arts: list[Page] = []
    for n, (key, (_i, _s, slug, title, intro, over)) in enumerate(own_services(site), start=31):
        if not over.get("article"):
            reg(Page(site, "service", f"{site.name}:{key}", title, lay.href, lay.file), key)
            continue
        f = facts[key]
        pdf = f"/images/dokumen/standar-pelayanan/SP-{slug}.pdf"
        site.extra_files[pdf[1:]] = make_pdf(f"Standar Pelayanan {title}",
                                             sp_pdf_lines(site, title, f))
        body = (f"<p>{e(intro)}</p><p>Persyaratan, alur, waktu penyelesaian dan biaya layanan "
                "ini tercantum dalam Standar Pelayanan yang ditetapkan Kepala Puskesmas. "
                "Silakan unduh dokumennya di bawah ini.</p>"
                + "<p>" + a(pdf, '<span class="fas fa-file-pdf"></span> Unduh Standar Pelayanan '
                            f"{e(title)} (PDF)", class_="btn btn-primary", target="_blank")
                + "</p>")
        page = put(site, "service", key, title, f"/standar-pelayanan/{n}-{slug}",
                   f"artikel/{n}.html", body, summary=intro, date=f"2024-02-{n - 20:02d}",
                   aliases=(f"/index.php?option=com_content&view=article&id={n}:{slug}&catid=8"
                            "&Itemid=104",),
                   crumbs=[("Beranda", "/"), ("Standar Pelayanan", standards.href)],
                   view={"item": 104, "id": n, "hits": joomla_hits(n)})
        reg(page, key)
        reg(Page(site, "document", f"{key}:pdf", title, pdf, pdf[1:]), f"{key}:pdf")
        arts.append(page)
    news = []
    for n, (slug, date, title, texts) in enumerate(own_news(site), start=51):
        page = put(site, "news", f"news:{site.name}:{slug}", title, f"/berita/{n}-{slug}",
                   f"artikel/{n}.html", paras(*texts), date=date, summary=news_summary(texts),
                   crumbs=[("Beranda", "/"), ("Berita", berita.href)],
                   view={"item": 105, "id": n, "hits": joomla_hits(n)})
        reg(page, page.key)
        news.append(page)
    lay.body = (sppb_section(1631, sppb_text(1632, "<p>Klik nama layanan untuk melihat "
                                             "persyaratan, alur, waktu dan biaya.</p>"),
                             "Layanan Puskesmas Olak Kemang")
                + sppb_section(1641, sppb_accordion(site, facts, 1642)))
    standards.body = (
        '<table class="com-content-category__table category table table-striped table-bordered '
        'table-hover"><thead><tr><th scope="col" id="categorylist_header_title">Judul</th><th '
        'scope="col" id="categorylist_header_hits">Dilihat</th></tr></thead><tbody>' + "".join(
            f'<tr class="cat-list-row{i % 2}"><th class="list-title" scope="row">'
            f'{a(p.href, e(p.title))}</th><td class="list-hits"><span class="badge bg-info">'
            f'Dilihat: {p.view["hits"]}</span></td></tr>' for i, p in enumerate(arts))
        + "</tbody></table>")
    berita.body = "".join(
        f'<div class="article-list"><div class="article"><div class="article-header"><h2>'
        f'{a(p.href, e(p.title))}</h2></div><div class="article-introtext"><p>{e(p.summary)}'
        f'</p></div><div class="readmore">{a(p.href, "Selengkapnya &raquo;", class_="btn btn-secondary")}'
        "</div></div></div>" for p in news)
    home.body = (
        sppb_section(1601, sppb_text(1602, f"<h1>Selamat Datang di {e(site.short)}</h1><p>"
                                     f"{e(site.opd)} {e(site.tugas)}.</p><p>Jam pelayanan: "
                                     "Senin-Kamis 07.30-14.00 WIB, Jumat 07.30-11.00 WIB, "
                                     "Sabtu 07.30-12.00 WIB.</p>"))
        + sppb_section(1611, sppb_text(1612, "<p>" + a(
            "/index.php?option=com_sppagebuilder&view=page&id=3&Itemid=103",
            "Lihat Semua Layanan", class_="sppb-btn sppb-btn-primary") + "</p>"), "Layanan Kami")
        + sppb_section(1621, sppb_text(1622, ul([a(p.href, e(p.title)) for p in news])),
                       "Berita Terbaru"))
    for asset in ("templates/shaper_helixultimate/images/favicon.ico",
                  "components/com_sppagebuilder/assets/js/sppagebuilder.js",
                  "media/vendor/jquery/js/jquery.min.js"):
        site.extra_files[asset] = f"/* {asset.rsplit('/', 1)[-1]} */\n".encode()


def sppb_article(page: Page) -> str:
    """com_content's article as Helix Ultimate lays it out."""
    view = page.view
    date = page.date or "2024-02-01"
    cat_href = next(p.href for p in page.site.pages
                    if p.key == ("berita" if page.kind == "news" else "standar"))
    cat = "Berita" if page.kind == "news" else "Standar Pelayanan"
    return (f'<div class="article-details " itemscope itemtype="https://schema.org/Article">'
            f'<meta itemprop="inLanguage" content="id-ID"><div class="article-header"><h1 '
            f'itemprop="headline">{e(page.title)}</h1></div><div class="article-can-edit d-flex '
            'flex-wrap justify-content-between"></div><div class="article-info"><span '
            'class="createdby" title="Ditulis oleh: Admin Puskesmas"><span itemprop="name">Admin '
            f'Puskesmas</span></span><span class="category-name" title="Kategori: {cat}">'
            f'{a(cat_href, cat)}</span><span class="published" title="Diterbitkan: '
            f'{tanggal(date)}"><time datetime="{date}T08:00:00+07:00" itemprop="datePublished">'
            f'{tanggal(date)}</time></span><span class="hits"><meta itemprop="interactionCount" '
            f'content="UserPageVisits:{view["hits"]}">Dilihat: {view["hits"]}</span></div>'
            f'<div itemprop="articleBody">{page.body}</div><div class="article-ratings-social-'
            'share d-flex justify-content-end"><div class="me-auto align-self-center"></div>'
            '<div class="social-share-block"><div class="article-social-share"><div '
            'class="social-share-icon"><ul><li class="list-inline-item"><a class="facebook" '
            f'href="https://www.facebook.com/sharer.php?u={page.url}" target="_blank" '
            'rel="noopener noreferrer"><span class="fab fa-facebook"></span></a></li><li '
            f'class="list-inline-item"><a class="whatsapp" href="https://wa.me/?text={page.url}" '
            'target="_blank" rel="noopener noreferrer"><span class="fab fa-whatsapp"></span></a>'
            "</li></ul></div></div></div></div></div>")


def render_sppb(page: Page) -> str:
    site, view = page.site, page.view
    article = page.kind in ("service", "news")
    if article:
        content = sppb_article(page)
    elif view.get("builder"):
        content = (f'<div id="sp-page-builder" class="sp-page-builder  page-{view["builder"]}">'
                   f'<div class="page-content">{page.body}</div></div>')
    else:
        content = (f'<div class="com-content-category category-list"><div class="page-header">'
                   f"<h1>{e(page.title)}</h1></div>{page.body}</div>")
    active = view.get("item", 101)
    menu_items = [(101, "/", "Beranda"), (102, "/profil", "Profil"),
                  (103, "/layanan", "Layanan"), (104, "/standar-pelayanan", "Standar Pelayanan"),
                  (105, "/berita", "Berita"), (106, "/kontak", "Kontak")]
    menu = "".join(f'<li class="sp-menu-item{" current-item active" if i == active else ""}">'
                   f"{a(h, label)}</li>" for i, h, label in menu_items)
    offcanvas = "".join(f'<li class="item-{i}{" current active" if i == active else ""}">'
                        f"{a(h, label)}</li>" for i, h, label in menu_items)
    crumbs = page.crumbs
    breadcrumbs = ""
    if crumbs and not view.get("builder"):
        trail = "".join(f'<li class="breadcrumb-item">{a(h, e(t), class_="pathway")}</li>'
                        for t, h in crumbs)
        breadcrumbs = (f'<div class="sp-module "><div class="sp-module-content"><ol '
                       f'itemscope itemtype="https://schema.org/BreadcrumbList" class="breadcrumb">'
                       f'{trail}<li class="breadcrumb-item active"><span>{e(page.title)}</span>'
                       "</li></ol></div></div>")
    component = "com_sppagebuilder" if view.get("builder") else "com_content"
    title = e(page.title) if page.kind != "home" else f"Beranda - {e(site.short)}"
    return f"""<!doctype html>
<html lang="id-id" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
<meta name="generator" content="Joomla! - Open Source Content Management">
<title>{title}</title>
<link href="/templates/shaper_helixultimate/images/favicon.ico" rel="icon" type="image/vnd.microsoft.icon">
<link href="/templates/shaper_helixultimate/css/template.css?8d2f0b" rel="stylesheet">
<link href="/components/com_sppagebuilder/assets/css/sppagebuilder.css?8d2f0b" rel="stylesheet">
<script src="/media/vendor/jquery/js/jquery.min.js?3.6.3"></script>
<script src="/components/com_sppagebuilder/assets/js/sppagebuilder.js?8d2f0b" defer></script>
</head>
<body class="site helix-ultimate hu {component} com-{component[4:]} view-{"page" if view.get("builder") else "article" if article else "category"} layout-default task-none itemid-{active} id-id ltr sticky-header layout-fluid offcanvas-init offcanvs-position-right">
<div class="body-wrapper"><div class="body-innerwrapper">
<div id="sp-top-bar"><div class="container"><div class="container-inner"><div class="row"><div id="sp-top1" class="col-lg-6"><div class="sp-column"><ul class="sp-contact-info"><li class="sp-contact-phone"><span class="fa fa-phone" aria-hidden="true"></span> <a href="tel:0741570212">(0741) 570212</a></li><li class="sp-contact-email"><span class="far fa-envelope" aria-hidden="true"></span> <a href="mailto:pkm.olakkemang@jambikota.go.id">pkm.olakkemang@jambikota.go.id</a></li></ul></div></div></div></div></div></div>
<header id="sp-header"><div class="container"><div class="container-inner"><div class="row"><div id="sp-logo" class="col-auto"><div class="sp-column"><div class="logo"><a href="/"><span class="logo-text">{e(site.short)}</span></a></div></div></div>
<div id="sp-menu" class="col-auto flex-auto"><div class="sp-column d-flex justify-content-end align-items-center"><nav class="sp-megamenu-wrapper d-flex" role="navigation"><a id="offcanvas-toggler" aria-label="Menu" class="offcanvas-toggler-right d-flex d-lg-none" href="#"><div class="burger-icon" aria-hidden="true"><span></span><span></span><span></span></div></a><ul class="sp-megamenu-parent menu-animation-fade-up d-none d-lg-block">{menu}</ul></nav></div></div></div></div></div></header>
<section id="sp-main-body"><div class="container"><div class="container-inner"><div class="row">
<main id="sp-component" class="col-lg-12"><div class="sp-column ">{breadcrumbs}<div id="system-message-container" aria-live="polite"></div>
{content}
</div></main>
</div></div></div></section>
<footer id="sp-footer"><div class="container"><div class="container-inner"><div class="row"><div id="sp-footer1" class="col-lg-12"><div class="sp-column"><span class="sp-copyright">&copy; 2025 {e(site.opd)}. {e(site.address)}</span></div></div></div></div></div></footer>
</div></div>
<div class="offcanvas-overlay"></div><div class="offcanvas-menu"><div class="d-flex align-items-center p-3 pt-4"><a href="#" class="close-offcanvas" aria-label="Close Off-canvas"><div class="burger-icon"><span></span><span></span><span></span></div></a></div><div class="offcanvas-inner"><div class="sp-module "><div class="sp-module-content"><ul class="menu">{offcanvas}</ul></div></div></div></div>
<a href="#" class="sp-scroll-up" aria-label="Scroll Up"><span class="fas fa-angle-up" aria-hidden="true"></span></a>
</body>
</html>
"""


NEW_BUILD.update({"wpbakery": build_wpbakery, "divi": build_divi})
RENDER.update({"wpbakery": render_wpbakery, "divi": render_divi})
CSS.update({"wpbakery": ("wp-content/plugins/tablepress/css/build/default.css",
                         ".tablepress td{padding:4px}"),
            "divi": ("wp-content/themes/Divi/style-static.min.css", ".et_pb_toggle{margin:8px 0}")})


# Queries answered by the two WordPress page-builder sites above, numbered from q1300; written
# before any crawl of these sites. A service is answered at its own page (the Divi site's
# post; the Layanan page for a service that lives only in a toggle); the same service on
# another site counts half.
DEVSET_PAGEBUILDERS: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("kartu tanda pencari kerja layanan naker disnaker", "tk_ak1:2 ak1:1"),
        ("wajib lapor ketenagakerjaan di perusahaan disnaker kota jambi", "tk_wlkp:2"),
        ("pencatatan perjanjian kerja waktu tertentu disnaker", "tk_pkwt:2"),
        ("pengesahan peraturan perusahaan dinas tenaga kerja kota jambi", "tk_pp:2"),
        ("surat keterangan ahli waris kelurahan payo selincah", "ps_ahliwaris:2"),
        ("surat keterangan domisili payo selincah", "ps_domisili:2 domisili:1"),
    ],
    "colloquial": [
        ("bikin kartu kuning buat ngelamar kerja di layanan naker", "tk_ak1:2 ak1:1"),
        ("daftar pelatihan menjahit gratis disnaker", "tk_balikat:2 balikat:1 "
         "balikat_daftar:1"),
        ("urus surat usaha buat pinjam kur di kelurahan payo selincah", "ps_sku:2"),
        ("mau nikah minta pengantar ke kelurahan payo selincah", "ps_nikah:2 nikah:1"),
    ],
    "problem": [
        ("di-phk sepihak sama perusahaan mau lapor disnaker", "tk_mediasi:2"),
        ("kontrak kerja saya belum dicatatkan perusahaan disnaker", "tk_pkwt:2"),
        ("orang tua meninggal mau balik nama sertifikat tanah payo selincah",
         "ps_ahliwaris:2"),
        ("anak mau sekolah butuh keringanan biaya surat tidak mampu payo selincah",
         "ps_sktm:2 sktm:1"),
    ],
    "typo": [
        ("medisi perselisihan hubungan industrial disnaker", "tk_mediasi:2"),
        ("surat keteranggan usaha payo selincah", "ps_sku:2"),
    ],
    "abbreviation": [
        ("wlkp online disnaker kota jambi", "tk_wlkp:2"),
        ("pkwt disnaker kota jambi", "tk_pkwt:2"),
        ("sktm kelurahan payo selincah", "ps_sktm:2 sktm:1"),
    ],
    "english": [
        ("company regulation approval manpower office jambi", "tk_pp:2"),
        ("proof of residence letter payo selincah", "ps_domisili:2 domisili:1"),
    ],
    "jambi-malay": [
        ("nak minta surat usaha di kantor lurah payo selincah", "ps_sku:2"),
    ],
    "old-term": [
        ("kartu ak1 kartu kuning disnaker", "tk_ak1:2 ak1:1"),
    ],
    # the site named: its home is the answer, its service list acceptable; the list
    # asked for: the other way round (the home was left out at first, corrected after the
    # first crawl showed it was missing from the judgments)
    "app": [
        ("layanan ketenagakerjaan disnaker kota jambi",
         "layanan-naker:home:2 layanan-naker:layanan:1"),
        ("daftar layanan kelurahan payo selincah",
         "kel-payoselincah:layanan:2 kel-payoselincah:home:1"),
    ],
}
DEVSET_BLOCKS.append((1300, (DEVSET_PAGEBUILDERS,)))

NEW_BUILD.update({"k2": build_k2, "sppb": build_sppb})
RENDER.update({"k2": render_k2, "sppb": render_sppb})
CSS.update({"k2": ("components/com_k2/css/k2.css", "#k2Container{padding:0 0 24px}"),
            "sppb": ("components/com_sppagebuilder/assets/css/sppagebuilder.css",
                     ".sppb-panel-heading{cursor:pointer}")})
CSS_EXTRA.update({"k2": ("templates/protostar/css/template.css", ".site-title{font-size:40px}"),
                  "sppb": ("templates/shaper_helixultimate/css/template.css",
                           "#sp-header{height:90px}")})


# Queries answered by the two Joomla families above, numbered from q1350; written before any
# crawl of these sites, as a citizen types them. A service with its own article is answered
# there; the Layanan page's accordion item, the standard's PDF and the same service on another
# site count as acceptable.
DEVSET_JOOMLA_K2_SPPB: dict[str, list[tuple[str, str]]] = {
    "formal": [
        ("surat keterangan domisili kelurahan payo lebar", "plb_domisili:2 domisili:1"),
        ("persyaratan surat keterangan usaha kelurahan payo lebar", "plb_sku:2"),
        ("surat pengantar nikah n1 n4 kelurahan payo lebar", "plb_nikah:2 nikah:1"),
        ("imunisasi dasar lengkap bayi puskesmas olak kemang", "ok_imunisasi:2"),
        ("pendaftaran uhc jambi bugar puskesmas olak kemang",
         "ok_uhc:2 pkm-olakkemang:layanan:1 ok_uhc:pdf:1 uhc:1"),
        ("standar pelayanan surat keterangan sehat puskesmas olak kemang",
         "ok_sks:2 ok_sks:pdf:1 pkm-olakkemang:layanan:1"),
        ("pemeriksaan umum dan rujukan bpjs puskesmas olak kemang",
         "ok_poli:2 puskesmas:1"),
    ],
    "colloquial": [
        ("mau bikin skck minta pengantar kelurahan payo lebar", "plb_skck:2"),
        ("periksa hamil di puskesmas olak kemang bayar gak", "ok_kia:2"),
        ("cek kesehatan gratis pas ulang tahun puskesmas olak kemang",
         "ok_ckg:2 pkm-olakkemang:layanan:1 ok_ckg:pdf:1 ckg:1"),
        ("anak mau daftar sekolah butuh surat domisili payo lebar",
         "plb_domisili:2 domisili:1"),
    ],
    "problem": [
        ("orang tua meninggal mau urus akta kematian kelurahan payo lebar",
         "plb_mati:2 akta_mati:1"),
        ("belum punya bpjs sakit mau berobat gratis puskesmas olak kemang",
         "ok_uhc:2 pkm-olakkemang:layanan:1 ok_uhc:pdf:1 uhc:1"),
        ("keluarga miskin belum dapat bansos kelurahan payo lebar", "plb_dtks:2 dtks:1"),
        ("anak baru lahir mau dimasukkan ke kk kelurahan payo lebar",
         "plb_kk:2 kk_ubah:1"),
    ],
    "typo": [
        ("surat keterangan tidak mamppu payo lebar", "plb_sktm:2 sktm:1"),
        ("imunisai bayi puskesmas olak kemang", "ok_imunisasi:2"),
        ("surat keterngan sehat olak kemang", "ok_sks:2 ok_sks:pdf:1 pkm-olakkemang:layanan:1"),
    ],
    "abbreviation": [
        ("sku kelurahan payo lebar", "plb_sku:2"),
        ("ckg puskesmas olak kemang", "ok_ckg:2 pkm-olakkemang:layanan:1 ok_ckg:pdf:1 ckg:1"),
        ("kia kb ibu hamil pkm olak kemang", "ok_kia:2"),
    ],
    "english": [
        ("health certificate for job application olak kemang health center",
         "ok_sks:2 ok_sks:pdf:1 pkm-olakkemang:layanan:1"),
        ("police clearance cover letter kelurahan payo lebar", "plb_skck:2"),
    ],
    "jambi-malay": [
        ("cakmano ngurus surat tidak mampu di payo lebar", "plb_sktm:2 sktm:1"),
        ("nak nikah pengantar dari lurah payo lebar apo bae syaratnyo",
         "plb_nikah:2 nikah:1"),
    ],
    "old-term": [
        ("surat kelakuan baik kelurahan payo lebar", "plb_skck:2"),
        ("jamkesda berobat gratis puskesmas olak kemang",
         "ok_uhc:2 pkm-olakkemang:layanan:1 ok_uhc:pdf:1 uhc:1"),
        ("surat keterangan miskin kelurahan payo lebar", "plb_sktm:2 sktm:1"),
    ],
}
DEVSET_BLOCKS.append((1350, (DEVSET_JOOMLA_K2_SPPB,)))


if __name__ == "__main__":
    raise SystemExit(main())
