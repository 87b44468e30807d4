"""Write the HELD-OUT Kota Jambi web and its judged queries (``eval/heldout/``).

The dev set and the sample web were written together and tuned together, so a score on them
says little about OPD sites nobody here has seen. This generator writes a second, independent
web in template families the sample/tuning web does not use, plus 144 queries judged by
meaning before any ranker ran on them. Never tune on it; report it apart (see the README it
writes).

Families (one renderer function each, ``render_<family>``):

- ``joomla``: Joomla 3 (``/index.php/layanan/12-slug`` SEF links *and* the raw
  ``index.php?option=com_content&view=article&id=12:slug&catid=8&Itemid=101`` links that
  modules still print), ``div.item-page`` with an ``itemprop="headline"`` h2, a category blog
  with "Selengkapnya" links and ``?start=10`` pagination, module positions, "Page - Site"
  titles. A Joomla 4 variant (rewritten URLs ``/layanan/12-slug``, title without site name).
- ``blogger``: Blogspot (``/2024/03/slug.html`` posts, ``/p/slug.html`` static pages,
  ``/search/label/...`` barred by robots.txt, ``?m=1`` mobile twins linked from every page
  with a rel=canonical back, "Blog: Post" titles, the blog name as the only h1,
  ``h3.post-title.entry-title``), sitemaps.
- ``aspnet``: ASP.NET WebForms table sites (``Default.aspx?id=5``, ``Page.aspx?menu=kontak``,
  ``__VIEWSTATE``, ``__doPostBack`` links, nested tables, no h1; the heading is a
  ``<font size="3" face="Verdana"><b>`` or a ``<span id="ctl00_..._lblJudul">``), "SITE ::
  Page" titles, one site in windows-1252.
- ``laravel``: Laravel/Bootstrap 5 sites where a service page is one sentence and a link to
  its "Standar Pelayanan" PDF (``/layanan/12/slug``); all PDFs again on ``/unduhan``. The
  Mal Pelayanan Publik re-lists agency services the same way.
- ``opensid``: OpenSID-style kecamatan/kelurahan sites (``/index.php/artikel/2024/01/15/slug``
  and ``/first/artikel/12``) whose sidebar lists every service on every page, with visitor
  statistics and an article archive.
- ``spa``: Vue-style single-page apps: every route answers the same shell (``<div id="app">``
  and ``/js/app.js``); the services exist only in a JSON API, nested differently per site.
- ``googlesites``: one-page Google-Sites-like sites (a puskesmas, a UPTD) whose ``<title>``
  itself contains a dash.

Facts come from the shared data folder (``services.jsonl``, ``opds.jsonl``, ``apps.jsonl``);
all prose is written here. Judged URLs are made from the generator's own page records, so
they cannot drift from the pages.

    python tools/make_heldout_web.py            # rewrite eval/heldout/
    python tools/make_heldout_web.py --out DIR  # write elsewhere (the freshness test does)
"""

# ruff: noqa: E501  (the page templates keep the long lines real CMS output has)
from __future__ import annotations

import argparse
import csv
import hashlib
import html
import io
import json
import re
import shutil
import textwrap
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from sikoja.demo.server import route_key

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data"
# a git worktree kept in a folder beside the main checkout sees shared/ one level further up
DATA_FALLBACK = Path(__file__).resolve().parents[2].parent / "shared" / "data"
OUT_DIR = REPO / "eval" / "heldout"
BASE_PORT = 8801
HOST = "127.0.0.1"
CATALOG_SITE = "diskominfo"
CATALOG_FILE = "unduhan/daftar-aplikasi-kota-jambi.csv"
CATEGORIES = ("formal", "colloquial", "abbreviation", "typo", "old-term", "english",
              "jambi-malay", "problem", "app")
STATIC_SUFFIXES = {".html", ".htm", ".pdf", ".xml", ".txt", ".js", ".css", ".csv", ".json"}
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember"]

e = html.escape


# ---------------------------------------------------------------------------------------
# Facts
# ---------------------------------------------------------------------------------------

def load_jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        raise SystemExit(f"missing data file: {path} (pass --data DIR)")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


# parentheticals that cite where a fact came from, not what a citizen needs to know
_SOURCE_NOTE = re.compile(
    r"\s*\([^()]*(contoh|FAQ|general|asumsi|cek\b|terverifikasi|pernyataan|Diskominfo 20|"
    r"Kota Jambi 20|media|UU 1/2022|Pasal|praktik umum|praktik lama|detail tidak|"
    r"tidak disebut|daftar aplikasi|pernah diberikan|bervariasi|umumnya)[^()]*\)"
    r"|\s+-\s+(general|umumnya)$", re.IGNORECASE)
_UNKNOWN = {"", "-", "tidak disebut"}


def tidy(text: str) -> str:
    text = _SOURCE_NOTE.sub("", text or "").strip(" ;")
    return "" if text.lower() in _UNKNOWN else text


@dataclass
class Facts:
    requirements: list[str]
    procedure: list[str]
    duration: str
    cost: str
    legal: str
    online: str


def facts_for(raw: list[dict], match: str) -> Facts:
    hits = [r for r in raw if match.lower() in r["service"].lower()]
    if len(hits) != 1:
        raise SystemExit(f"services.jsonl: {match!r} matches {len(hits)} services, want 1")
    r = hits[0]
    return Facts([tidy(x) for x in r["requirements"] if tidy(x)],
                 [tidy(x) for x in r["procedure"] if tidy(x)],
                 tidy(r["duration"]), tidy(r["cost"]), tidy(r["legal_basis"]),
                 tidy(r.get("online") or ""))


def opd_name(opds: list[dict], abbr: str) -> str:
    for o in opds:
        if abbr in (o.get("abbr") or "").split(" / ") or o.get("abbr") == abbr:
            return o["name"]
    raise SystemExit(f"opds.jsonl: no agency abbreviated {abbr!r}")


# ---------------------------------------------------------------------------------------
# Services as these sites name them: key, services.jsonl match, title, slug, own intro
# ---------------------------------------------------------------------------------------

@dataclass
class Svc:
    key: str
    match: str
    title: str
    slug: str
    intro: str
    facts: Facts | None = None


SERVICES = [Svc(*row) for row in [
    ("ktp-baru", "Perekaman dan penerbitan KTP-el baru", "Perekaman KTP Elektronik Pemula",
     "perekaman-ktp-elektronik-pemula",
     "Warga yang baru genap 17 tahun, atau yang sudah menikah meski belum 17, wajib merekam "
     "data diri untuk KTP elektronik. Perekaman foto, sidik jari dan iris mata dilakukan "
     "sendiri di loket, tidak bisa dititipkan."),
    ("ktp-hilang", "KTP-el karena hilang", "Penggantian KTP-el yang Hilang atau Rusak",
     "ktp-el-hilang-atau-rusak",
     "KTP elektronik yang hilang, patah, atau chipnya tidak terbaca dapat dicetak ulang tanpa "
     "merekam data dari awal."),
    ("ktp-ubah", "KTP-el karena perubahan data", "Cetak Ulang KTP-el karena Perubahan Data",
     "ktp-el-perubahan-data",
     "Status perkawinan, pekerjaan atau alamat di KTP berubah? Kartu keluarga diperbarui "
     "lebih dulu, baru KTP-el dicetak ulang dengan data yang baru."),
    ("kk-baru", "Kartu Keluarga (KK) baru", "Pembuatan Kartu Keluarga Baru",
     "kartu-keluarga-baru",
     "Keluarga yang baru terbentuk setelah menikah, atau yang memisahkan diri dari KK orang "
     "tua, mengajukan Kartu Keluarga sendiri."),
    ("kk-ubah", "Perubahan KK", "Perubahan Data dan Pecah Kartu Keluarga",
     "perubahan-data-pecah-kk",
     "Menambah anak yang baru lahir, mengurangi anggota yang meninggal atau pindah, "
     "membetulkan data yang salah, atau memecah satu KK menjadi dua."),
    ("kk-hilang", "KK karena hilang", "Kartu Keluarga Hilang atau Rusak", "kk-hilang-rusak",
     "Kartu Keluarga yang hilang, sobek atau basah dapat diterbitkan kembali."),
    ("akta-lahir", "Pencatatan kelahiran", "Pencatatan Kelahiran dan Akta Kelahiran",
     "akta-kelahiran",
     "Setiap kelahiran dicatat dan diterbitkan kutipan akta kelahiran, termasuk kelahiran "
     "yang sudah lewat lama belum dilaporkan."),
    ("akta-mati", "Pencatatan kematian", "Pencatatan Kematian dan Akta Kematian",
     "akta-kematian",
     "Keluarga melaporkan anggota yang meninggal dunia agar dicatat dan diterbitkan akta "
     "kematian; data di KK ikut diperbarui."),
    ("kia", "Kartu Identitas Anak", "Kartu Identitas Anak (KIA)", "kartu-identitas-anak",
     "Kartu identitas untuk anak di bawah 17 tahun yang belum menikah, berlaku sampai anak "
     "berusia 17 tahun."),
    ("pindah-keluar", "SKPWNI", "Surat Pindah ke Luar Kota Jambi (SKPWNI)",
     "surat-pindah-keluar",
     "Penduduk yang akan menetap di kabupaten/kota lain mengurus Surat Keterangan Pindah "
     "WNI sebelum berangkat."),
    ("pindah-datang", "Pindah datang ke Kota Jambi", "Pendaftaran Pindah Datang",
     "pindah-datang",
     "Pendatang yang membawa surat pindah dari daerah asal didaftarkan sebagai penduduk Kota "
     "Jambi dan menerima KK serta KTP-el beralamat baru."),
    ("akta-kawin", "perkawinan non-Muslim", "Pencatatan Perkawinan bagi Non-Muslim",
     "pencatatan-perkawinan",
     "Perkawinan yang sudah disahkan pemuka agama selain Islam dicatatkan di Dinas untuk "
     "mendapat kutipan akta perkawinan."),
    ("akta-cerai", "Pencatatan perceraian", "Pencatatan Perceraian", "pencatatan-perceraian",
     "Perceraian yang sudah berkekuatan hukum tetap dicatat agar status di dokumen "
     "kependudukan ikut berubah."),
    ("rentan", "penduduk rentan", "Pendataan Penduduk Rentan Adminduk",
     "penduduk-rentan-adminduk",
     "Warga yang belum pernah punya dokumen kependudukan sama sekali, misalnya lansia, "
     "penyandang disabilitas atau warga di panti, didata dan dicek biometriknya."),
    ("ikd", "Aktivasi Identitas Kependudukan Digital", "Aktivasi KTP Digital (IKD)",
     "aktivasi-ktp-digital-ikd",
     "Identitas Kependudukan Digital memindahkan KTP ke ponsel. Aktivasinya perlu verifikasi "
     "wajah dan pindai kode QR di loket."),
    ("legalisir", "Legalisir dokumen kependudukan", "Legalisir Dokumen Kependudukan",
     "legalisir-dokumen",
     "Fotokopi KK dan akta yang akan dipakai untuk melamar kerja atau mendaftar sekolah dapat "
     "dilegalisir di loket."),
    ("jemput-bola", "jemput bola", "Pelayanan Jemput Bola dan Kolektif",
     "pelayanan-jemput-bola",
     "Petugas datang ke sekolah, kelurahan baru, atau rumah warga yang sakit dan lansia untuk "
     "merekam data atau menyerahkan dokumen secara kolektif."),
    ("pbb-bayar", "Pembayaran Pajak Bumi dan Bangunan", "Pembayaran PBB-P2",
     "pembayaran-pbb",
     "Pajak Bumi dan Bangunan Perdesaan dan Perkotaan dibayar setiap tahun sesuai SPPT yang "
     "dikirim ke wajib pajak."),
    ("pbb-cek", "Cek tagihan PBB", "Cek Tagihan PBB Secara Online", "cek-tagihan-pbb",
     "Besar tagihan dan status lunas PBB dapat dilihat sendiri cukup dengan Nomor Objek "
     "Pajak (NOP) yang tertera di SPPT."),
    ("pbb-mutasi", "Mutasi / balik nama SPPT", "Mutasi (Balik Nama) SPPT PBB-P2",
     "mutasi-balik-nama-sppt",
     "Tanah atau bangunan yang sudah berpindah tangan perlu dimutasi agar SPPT tahun depan "
     "terbit atas nama pemilik baru."),
    ("pbb-pembetulan", "Pembetulan SPPT", "Pembetulan SPPT PBB-P2", "pembetulan-sppt",
     "Salah tulis nama, alamat, luas tanah atau luas bangunan di SPPT dapat dibetulkan."),
    ("pbb-keberatan", "Keberatan atas ketetapan", "Pengajuan Keberatan PBB-P2",
     "keberatan-pbb",
     "Wajib pajak yang merasa ketetapan PBB-nya tidak sesuai dapat mengajukan keberatan "
     "tertulis."),
    ("pbb-baru", "Pendaftaran objek PBB baru", "Pendaftaran Objek Pajak PBB Baru",
     "pendaftaran-objek-pbb-baru",
     "Tanah atau bangunan yang belum pernah punya SPPT didaftarkan sebagai objek pajak baru."),
    ("bphtb", "BPHTB", "Validasi BPHTB", "validasi-bphtb",
     "Bea Perolehan Hak atas Tanah dan Bangunan dibayar dan divalidasi saat jual beli, hibah "
     "atau waris sebelum akta ditandatangani dan sertifikat dibalik nama."),
    ("pajak-resto", "pajak restoran", "Pajak Restoran (PBJT Makanan dan Minuman)",
     "pajak-restoran",
     "Rumah makan, kafe dan katering mendaftar sebagai wajib pajak lalu melaporkan omzet "
     "setiap bulan."),
    ("pajak-hiburan", "Pajak hiburan", "Pajak Hiburan (PBJT Kesenian dan Hiburan)",
     "pajak-hiburan",
     "Penyelenggara hiburan seperti bioskop, karaoke dan panti pijat menyetor pajak atas "
     "tiket atau pembayaran pengunjung."),
    ("pajak-reklame", "Pajak reklame", "Pajak Reklame", "pajak-reklame",
     "Papan nama usaha, baliho, spanduk dan videotron di Kota Jambi dikenai pajak reklame."),
    ("nib", "Nomor Induk Berusaha", "Nomor Induk Berusaha (NIB) lewat OSS",
     "nomor-induk-berusaha",
     "NIB adalah identitas pelaku usaha yang terbit dari sistem OSS-RBA dan berlaku sebagai "
     "izin dasar usaha."),
    ("pbg", "Persetujuan Bangunan Gedung", "Persetujuan Bangunan Gedung (PBG)",
     "persetujuan-bangunan-gedung",
     "Setiap bangunan yang akan didirikan, diubah atau diperluas memerlukan Persetujuan "
     "Bangunan Gedung sebelum pekerjaan dimulai."),
    ("slf", "Sertifikat Laik Fungsi", "Sertifikat Laik Fungsi (SLF)",
     "sertifikat-laik-fungsi",
     "Bangunan yang selesai dibangun sesuai PBG diperiksa kelaikannya sebelum dipakai."),
    ("sip-dokter", "Surat Izin Praktik (SIP) Dokter", "Surat Izin Praktik Dokter dan Dokter Gigi",
     "izin-praktik-dokter",
     "Dokter dan dokter gigi yang berpraktik di Kota Jambi memerlukan SIP untuk setiap tempat "
     "praktik."),
    ("sip-bidan", "Surat Izin Praktik Bidan", "Surat Izin Praktik Bidan (SIPB)",
     "izin-praktik-bidan", "Izin bagi bidan yang membuka praktik mandiri atau bekerja di "
     "fasilitas kesehatan."),
    ("sip-perawat", "Surat Izin Praktik Perawat", "Surat Izin Praktik Perawat (SIPP)",
     "izin-praktik-perawat", "Izin praktik keperawatan di fasilitas kesehatan atau praktik "
     "mandiri."),
    ("izin-reklame", "Izin penyelenggaraan reklame", "Izin Penyelenggaraan Reklame",
     "izin-reklame", "Izin untuk memasang reklame permanen maupun insidentil di ruang kota."),
    ("paspor", "paspor", "Layanan Paspor di MPP", "paspor",
     "Kantor Imigrasi membuka konter di Mal Pelayanan Publik untuk permohonan paspor baru "
     "dan penggantian."),
    ("mpp-info", "Informasi layanan terpadu di MPP", "Tentang Layanan Terpadu MPP",
     "tentang-layanan-terpadu",
     "Satu gedung, banyak instansi: ratusan jenis layanan pusat, provinsi dan kota dilayani "
     "di Mal Pelayanan Publik Kota Jambi."),
    ("skck", "SKCK", "Surat Keterangan Catatan Kepolisian (SKCK)", "skck",
     "Konter kepolisian di MPP melayani penerbitan dan perpanjangan SKCK."),
    ("nikah-kua", "Pendaftaran nikah di KUA", "Pendaftaran Nikah (Kementerian Agama)",
     "pendaftaran-nikah", "Konsultasi dan pendaftaran kehendak nikah bagi calon pengantin "
     "beragama Islam."),
    ("spmb-smp", "SPMB) SMP Negeri", "SPMB SMP Negeri", "spmb-smp",
     "Penerimaan murid baru SMP negeri memakai jalur domisili, afirmasi, mutasi orang tua "
     "dan prestasi."),
    ("ppdb-sd", "Penerimaan murid baru SD", "Penerimaan Murid Baru SD", "penerimaan-sd",
     "Pendaftaran kelas 1 SD negeri mengutamakan usia dan tempat tinggal calon murid."),
    ("beasiswa", "Beasiswa Kartu Bahagia", "Beasiswa Kartu Bahagia", "beasiswa-kartu-bahagia",
     "Bantuan pendidikan bagi siswa SD dan SMP dari keluarga kurang mampu atau berprestasi."),
    ("spmb-sma", "SPMB SMA/SMK", "Info SPMB SMA/SMK (Kewenangan Provinsi)", "spmb-sma-smk",
     "SMA dan SMK negeri dikelola Pemerintah Provinsi Jambi; pendaftarannya tidak melalui "
     "Dinas Pendidikan Kota."),
    ("ak1", "Kartu Tanda Pencari Kerja", "Kartu Kuning (AK/1)", "kartu-kuning-ak1",
     "Kartu Tanda Pencari Kerja dibutuhkan saat melamar kerja, terutama ke instansi "
     "pemerintah dan BUMN."),
    ("balikat", "BALIKAT", "Pelatihan Kerja BALIKAT", "pelatihan-balikat",
     "Balai Latihan Kerja Tematik membuka kelas keterampilan gratis bagi warga usia kerja."),
    ("damkar-padam", "Pemadaman kebakaran", "Layanan Pemadaman Kebakaran",
     "layanan-pemadaman",
     "Regu pemadam siaga 24 jam. Saat melihat api, segera telepon; jangan menunggu api "
     "membesar."),
    ("damkar-evakuasi", "Penyelamatan & evakuasi non-kebakaran",
     "Penyelamatan dan Evakuasi Non-Kebakaran", "penyelamatan-evakuasi",
     "Petugas juga datang untuk ular yang masuk rumah, sarang tawon, orang terjebak, pohon "
     "tumbang, sampai cincin yang tersangkut di jari."),
    ("redkar", "REDKAR", "Relawan Pemadam Kebakaran (REDKAR)", "redkar",
     "Warga di tiap RT dilatih menjadi relawan pemadam pertama sebelum mobil damkar tiba."),
    ("kir", "uji KIR", "Pengujian Berkala Kendaraan Bermotor (KIR)", "uji-kir",
     "Mobil barang, mobil penumpang umum dan bus wajib diuji berkala setiap enam bulan."),
    ("truk-batubara", "truk angkutan batu bara", "Pengaduan Truk Batu Bara Masuk Kota",
     "aduan-truk-batubara",
     "Truk angkutan batu bara dilarang melintas di jalan dalam kota. Warga dapat melapor "
     "bila melihat pelanggaran."),
    ("kampung-bahagia", "Kampung Bahagia", "Program Kampung Bahagia (Dana RT)",
     "program-kampung-bahagia",
     "Setiap RT mendapat dana pembangunan lingkungan yang usulannya dibahas warga dalam "
     "musyawarah."),
    ("pju", "lampu jalan (PJU)", "Lapor Lampu Jalan Mati", "lapor-lampu-jalan-mati",
     "Lampu penerangan jalan umum yang padam atau berkedip dapat dilaporkan agar diperbaiki."),
    ("skd", "Surat Keterangan Domisili", "Surat Keterangan Domisili", "surat-keterangan-domisili",
     "Keterangan bahwa seseorang atau usaha benar bertempat tinggal di wilayah kelurahan."),
    ("sktm", "SKTM", "Surat Keterangan Tidak Mampu (SKTM)", "sktm",
     "Keterangan kondisi ekonomi keluarga untuk keringanan biaya sekolah, berobat atau "
     "bantuan sosial."),
    ("puskesmas-dasar", "Pelayanan kesehatan dasar", "Pelayanan Kesehatan Dasar",
     "pelayanan", "Poli umum, poli gigi, KIA dan KB, imunisasi, gizi, serta rujukan BPJS."),
    ("ckg", "Cek Kesehatan Gratis", "Cek Kesehatan Gratis (CKG)", "cek-kesehatan-gratis",
     "Pemeriksaan kesehatan tanpa biaya, salah satunya untuk warga yang berulang tahun."),
    ("ppa-aduan", "korban kekerasan perempuan dan anak", "Pengaduan Kekerasan Perempuan dan Anak",
     "pengaduan", "Korban atau saksi kekerasan terhadap perempuan dan anak dapat melapor "
     "dan didampingi, gratis dan dirahasiakan."),
    ("dtks", "DTKS", "Pendaftaran dan Perbaikan DTKS (DTSEN)", "pendaftaran-dtks",
     "Keluarga yang belum terdata sebagai penerima bantuan sosial dapat diusulkan masuk "
     "data terpadu, dan data yang keliru dapat diperbaiki."),
    ("uhc", "Jambi Bugar", "Jaminan Kesehatan Gratis Jambi Bugar (UHC)", "jambi-bugar-uhc",
     "Warga ber-KTP Kota Jambi yang belum punya jaminan kesehatan didaftarkan sebagai "
     "peserta BPJS yang iurannya dibayar Pemerintah Kota."),
    ("santunan", "Santunan kematian & BPJS Ketenagakerjaan",
     "Santunan Kematian dan Jaminan Sosial Pekerja Rentan", "santunan-kematian-pekerja-rentan",
     "Pekerja rentan, ketua RT, PHL dan petugas syara diikutkan BPJS Ketenagakerjaan; ahli "
     "warisnya menerima santunan bila peserta meninggal."),
    ("banharkat", "BANK HARKAT", "Bantuan Modal Usaha BanHarkat", "bantuan-modal-banharkat",
     "Pinjaman modal berbunga ringan untuk kelompok usaha masyarakat."),
    ("pdam-pasang", "Pemasangan sambungan baru", "Pasang Baru Sambungan Air",
     "pasang-baru",
     "Rumah yang belum tersambung pipa Perumda dapat mengajukan sambungan baru."),
    ("pdam-aduan", "air mati/keruh", "Pengaduan Gangguan Air",
     "pengaduan-gangguan",
     "Air tidak mengalir, keruh, atau pipa bocor di jalan? Laporkan, dan minta mobil tangki "
     "bila gangguan berlangsung lama."),
    ("sikesal", "Pengaduan layanan publik via SiKesal", "Pengaduan Masyarakat melalui SiKesal",
     "pengaduan-sikesal",
     "Keluhan tentang jalan, lampu, sampah, drainase dan layanan kota dikirim dengan foto "
     "dan lokasi lewat aplikasi."),
    ("cc112", "Call Center 112", "Layanan Darurat 112", "layanan-darurat-112",
     "Satu nomor untuk semua keadaan darurat di Kota Jambi, bebas pulsa dan aktif 24 jam."),
    ("ppid", "Permohonan informasi publik", "Permohonan Informasi Publik (PPID)",
     "permohonan-informasi-publik",
     "Setiap orang berhak meminta salinan informasi publik dari Pemerintah Kota Jambi."),
    ("jalan-rusak", "jalan rusak", "Pengaduan Jalan Rusak", "pengaduan-jalan-rusak",
     "Jalan kota yang berlubang atau amblas dapat dilaporkan untuk ditambal atau diperbaiki."),
    ("drainase", "drainase tersumbat", "Pengaduan Drainase dan Genangan",
     "pengaduan-drainase",
     "Parit tersumbat dan genangan yang tidak surut setelah hujan dapat dilaporkan."),
    ("sampah-aduan", "sampah belum terangkut", "Lapor Sampah Belum Diangkut",
     "lapor-sampah",
     "Sampah yang menumpuk di TPS atau tidak diangkut sesuai jadwal dapat dilaporkan."),
    ("tpa-retribusi", "TPA Talang Gulo", "Retribusi Buang Sampah ke TPA Talang Gulo",
     "retribusi-tpa-talang-gulo",
     "Perusahaan dan perorangan yang membuang sampah sendiri ke TPA membayar retribusi "
     "per ton."),
    ("banjir", "Siaga & laporan banjir", "Siaga Banjir dan Posko Pengungsian", "siaga-banjir",
     "Saat Sungai Batanghari meluap, BPBD membuka posko, mengevakuasi warga dan mendirikan "
     "tenda pengungsian."),
]]
SVC = {s.key: s for s in SERVICES}


# ---------------------------------------------------------------------------------------
# Sites
# ---------------------------------------------------------------------------------------

@dataclass
class News:
    date: str  # YYYY-MM-DD
    title: str
    slug: str
    text: str
    mentions: tuple[str, ...] = ()


@dataclass
class SiteSpec:
    name: str
    abbr: str  # opds.jsonl abbreviation
    family: str
    label: str  # the name the site calls itself
    services: list[str]
    news: list[News]
    address: str
    phone: str
    hours: str
    about: str
    options: dict = field(default_factory=dict)


N = News
SITES = [
    SiteSpec(
        "disdukcapil", "Disdukcapil", "joomla", "Disdukcapil Kota Jambi",
        ["ktp-baru", "ktp-hilang", "ktp-ubah", "kk-baru", "kk-ubah", "kk-hilang", "akta-lahir",
         "akta-mati", "kia", "pindah-keluar", "pindah-datang", "akta-kawin", "akta-cerai",
         "rentan", "ikd", "legalisir", "jemput-bola"],
        [N("2025-10-13", "Ribuan Pelajar Belum Rekam KTP-el, Petugas Turun ke Sekolah",
           "pelajar-belum-rekam-ktp-el",
           "Sekitar delapan ribu warga, kebanyakan pelajar yang baru berumur 17 tahun, belum "
           "merekam KTP-el. Tim jemput bola dijadwalkan mendatangi SMA dan SMK negeri hingga "
           "akhir tahun.", ("ktp-baru", "jemput-bola")),
         N("2025-08-04", "Blangko Aman, Permintaan Cetak Ulang KTP Naik", "permintaan-cetak-ulang",
           "Kebutuhan blangko mencapai belasan ribu keping per bulan karena banyak warga "
           "mengganti data pekerjaan, status kawin dan alamat.", ("ktp-ubah",)),
         N("2025-05-20", "Semua Layanan Adminduk Tetap Gratis", "layanan-adminduk-gratis",
           "Kepala Dinas mengingatkan tidak ada pungutan untuk KTP, KK, akta dan KIA. Warga "
           "yang dimintai uang diminta melapor.", ("kk-baru", "akta-lahir")),
         N("2025-02-11", "Warga Diminta Aktifkan IKD Saat Mengurus Dokumen",
           "aktifkan-ikd", "Pemilik ponsel Android yang datang mengurus dokumen akan dibantu "
           "mengaktifkan KTP digital di loket.", ("ikd",))],
        "Jl. Jenderal Basuki Rahmat, Kotabaru, Kota Jambi", "(0741) 40123",
        "Senin-Kamis 08.00-15.00, Jumat 08.00-11.30",
        "Dinas yang mengurus pendaftaran penduduk dan pencatatan sipil warga Kota Jambi.",
        {"variant": "j3", "title": "{page} - {site}", "catid": 8, "news_catid": 9}),
    SiteSpec(
        "bpprd", "BPPRD", "aspnet", "BPPRD KOTA JAMBI",
        ["pbb-bayar", "pbb-cek", "pbb-mutasi", "pbb-pembetulan", "pbb-keberatan", "pbb-baru",
         "bphtb", "pajak-resto", "pajak-hiburan", "pajak-reklame"],
        [N("2025-09-22", "Jatuh Tempo PBB Diundur sampai 30 November tanpa Denda",
           "jatuh-tempo-pbb-diundur",
           "Wajib pajak yang belum melunasi PBB tahun ini masih punya waktu hingga akhir "
           "November tanpa denda. Mobil pajak keliling juga menerima pembayaran dengan QRIS.",
           ("pbb-bayar",)),
         N("2025-04-16", "Validasi BPHTB Kini Lebih Cepat", "validasi-bphtb-cepat",
           "Berkas BPHTB yang lengkap diproses lebih singkat sejak pertengahan April.",
           ("bphtb",)),
         N("2024-12-02", "Sosialisasi Pajak Restoran kepada Pelaku Usaha Kuliner",
           "sosialisasi-pajak-restoran",
           "Puluhan pemilik rumah makan dan kafe mengikuti sosialisasi pelaporan pajak bulanan.",
           ("pajak-resto",))],
        "Jl. Jenderal Sudirman, Thehok, Kota Jambi", "(0741) 60234",
        "Senin-Jumat 08.00-16.00",
        "Badan yang memungut pajak daerah dan retribusi Kota Jambi.",
        {"heading": "font", "title": "{site} :: {page}", "encoding": "windows-1252"}),
    SiteSpec(
        "dpmptsp", "DPMPTSP", "laravel", "DPMPTSP Kota Jambi",
        ["nib", "pbg", "slf", "sip-dokter", "sip-bidan", "sip-perawat", "izin-reklame"],
        [N("2026-02-12", "Wali Kota Targetkan PBG Terbit Dua Jam", "pbg-dua-jam",
           "Pemerintah kota menargetkan Persetujuan Bangunan Gedung yang berkasnya lengkap "
           "selesai dalam dua jam.", ("pbg",)),
         N("2025-07-08", "Pelaku UMKM Dibantu Membuat NIB", "umkm-dibantu-nib",
           "Petugas mendampingi pedagang kecil membuat akun OSS dan mengunduh NIB di tempat.",
           ("nib",))],
        "Jl. Jenderal Basuki Rahmat No. 1, Kotabaru, Kota Jambi", "(0741) 41555",
        "Senin-Jumat 08.00-15.30",
        "Dinas yang menerbitkan perizinan dan non-perizinan Kota Jambi.",
        {"title": "{page} | {site}", "sitemap": True}),
    SiteSpec(
        "mpp", "MPP", "laravel", "Mal Pelayanan Publik Kota Jambi",
        ["mpp-info", "paspor", "skck", "nikah-kua", "ktp-baru", "kk-baru", "akta-lahir", "nib",
         "pbg", "pbb-bayar"],
        [N("2025-05-09", "Tiga Tahun MPP Kota Jambi", "tiga-tahun-mpp",
           "Diresmikan 9 Mei 2022 dengan 129 layanan dari 31 instansi, MPP kini ramai dikunjungi "
           "warga yang mengurus paspor, SKCK dan dokumen kependudukan di satu tempat.",
           ("mpp-info", "paspor", "skck"))],
        "Jl. Kapten A. Bakaruddin, Kota Jambi", "(0741) 44100",
        "Senin-Jumat 08.00-15.00",
        "Gedung layanan terpadu tempat instansi pusat, provinsi dan kota membuka konter.",
        {"title": "{page} – {site}", "mpp": True}),
    SiteSpec(
        "disdik", "Disdik", "spa", "Dinas Pendidikan Kota Jambi",
        ["spmb-smp", "ppdb-sd", "beasiswa", "spmb-sma"],
        [N("2025-06-02", "Jadwal SPMB SMP 2025 Diumumkan", "jadwal-spmb-smp-2025",
           "Pendaftaran jalur domisili, afirmasi, mutasi dan prestasi dibuka bertahap mulai "
           "Juni.", ("spmb-smp",))],
        "Jl. Jenderal Ahmad Yani, Telanaipura, Kota Jambi", "(0741) 60555",
        "Senin-Jumat 08.00-16.00",
        "Dinas yang mengurus TK, SD dan SMP di Kota Jambi.",
        {"api": "nested-categories", "sitemap": True}),
    SiteSpec(
        "disnaker", "Disnaker", "blogger", "Disnaker Kota Jambi",
        ["ak1", "balikat"],
        [N("2025-03-18", "Kartu Kuning Bisa Diurus Lewat SIAPkerja", "kartu-kuning-siapkerja",
           "Pencari kerja kini cukup mendaftar di SIAPkerja lalu datang sekali untuk "
           "verifikasi.", ("ak1",)),
         N("2024-11-05", "Pendaftaran Pelatihan BALIKAT Angkatan Baru Dibuka",
           "pendaftaran-balikat", "Kelas menjahit, barista dan servis motor dibuka untuk "
           "warga Kota Jambi usia 18-45 tahun.", ("balikat",)),
         N("2024-08-14", "Job Fair Kota Jambi Diikuti Empat Puluh Perusahaan", "job-fair-2024",
           "Pencari kerja diminta membawa kartu kuning dan berkas lamaran.", ("ak1",))],
        "Jl. Jenderal Basuki Rahmat, Kotabaru, Kota Jambi", "0812-7400-1122 (WhatsApp)",
        "Senin-Jumat 08.00-15.00",
        "Informasi ketenagakerjaan dari Dinas Tenaga Kerja Kota Jambi.",
        {"title": "{site}: {page}", "blog_name": "Disnaker Kota Jambi"}),
    SiteSpec(
        "damkar", "Damkartan", "blogger", "DAMKAR KOTA JAMBI",
        ["damkar-padam", "damkar-evakuasi", "redkar"],
        [N("2025-09-03", "Ular Sanca Tiga Meter Dievakuasi dari Dapur Warga",
           "evakuasi-ular-sanca", "Petugas penyelamatan datang kurang dari setengah jam "
           "setelah warga Paal Merah menelepon.", ("damkar-evakuasi",)),
         N("2025-07-21", "Ruko di Pasar Jambi Terbakar, Api Padam dalam Satu Jam",
           "ruko-pasar-jambi-terbakar", "Enam unit mobil pemadam dikerahkan. Tidak ada korban "
           "jiwa.", ("damkar-padam",)),
         N("2025-01-15", "Seratus Relawan REDKAR Dilatih", "pelatihan-redkar",
           "Relawan dari tiap RT belajar memakai APAR dan memutus aliran listrik.",
           ("redkar",))],
        "Jl. Pangeran Hidayat, Paal Lima, Kota Jambi", "(0741) 113 atau 112",
        "24 jam", "Dinas Pemadam Kebakaran dan Penyelamatan Kota Jambi.",
        {"title": "{site}: {page}", "blog_name": "DAMKAR KOTA JAMBI"}),
    SiteSpec(
        "dishub", "Dishub", "aspnet", "DISHUB KOTA JAMBI",
        ["kir", "truk-batubara"],
        [N("2025-08-11", "Uji KIR Keliling Sasar Angkutan Kota", "uji-kir-keliling",
           "Pemilik angkot yang buku ujinya habis dapat menguji kendaraan di lokasi terdekat.",
           ("kir",)),
         N("2025-06-30", "Truk Batu Bara Dilarang Melintas Dalam Kota",
           "larangan-truk-batubara", "Warga yang melihat truk melanggar dapat menelepon 112.",
           ("truk-batubara",))],
        "UPTD Pengujian Kendaraan Bermotor, Kenali Asam Bawah, Kota Baru", "(0741) 62020",
        "Senin-Jumat 07.30-15.00, Sabtu 07.30-12.00",
        "Dinas Perhubungan Kota Jambi.",
        {"heading": "label", "title": "{site} :: {page}"}),
    SiteSpec(
        "kec-jambi-timur", "Kec. Jambi Timur", "opensid", "Kecamatan Jambi Timur",
        ["kampung-bahagia", "pju"],
        [N("2026-01-15", "Musyawarah RT Bahas Dana Kampung Bahagia",
           "musyawarah-rt-kampung-bahagia", "Warga Kelurahan Talang Banjar menyepakati "
           "semenisasi gang dan perbaikan parit.", ("kampung-bahagia",)),
         N("2025-11-03", "Pelayanan Surat di Kecamatan Kini Lewat SIPATEN",
           "pelayanan-sipaten", "Permohonan surat keterangan dan rekomendasi dapat dipantau "
           "statusnya secara daring.", ()),
         N("2025-10-20", "Lampu Jalan Sijinjang Kembali Menyala", "lampu-jalan-sijinjang",
           "Laporan warga tentang lampu jalan padam ditindaklanjuti dalam dua hari.",
           ("pju",))],
        "Jl. Kol. Abunjani, Sipin, Kota Jambi", "(0741) 23456",
        "Senin-Jumat 08.00-15.00",
        "Kecamatan Jambi Timur membawahi kelurahan Sulan Jana, Budiman, Talang Banjar, "
        "Tanjung Sari, Tanjung Pinang, Rajawali, Kasang, Kasang Jaya dan Sijinjang.",
        {"urls": "dated", "title": "{site} » {section} » {page}"}),
    SiteSpec(
        "kel-kenali-asam", "Kelurahan", "opensid", "Kelurahan Kenali Asam Bawah",
        ["skd", "sktm"],
        [N("2025-12-08", "Posyandu Mawar Buka Setiap Selasa Kedua", "jadwal-posyandu",
           "Kader posyandu mengajak ibu membawa balita untuk ditimbang dan diimunisasi.", ()),
         N("2025-09-16", "Warga Antre Surat Keterangan untuk Pendaftaran Sekolah",
           "antre-surat-keterangan", "Menjelang pendaftaran sekolah, permintaan SKTM dan "
           "surat domisili meningkat.", ("sktm", "skd"))],
        "Jl. Lingkar Barat, Kenali Asam Bawah, Kota Baru, Kota Jambi", "0813-6600-2211",
        "Senin-Jumat 08.00-15.00",
        "Kelurahan Kenali Asam Bawah, Kecamatan Kota Baru.",
        {"urls": "first", "title": "{site}"}),
    SiteSpec(
        "puskesmas", "Puskesmas", "googlesites", "UPTD Puskesmas Simpang Kawat",
        ["puskesmas-dasar", "ckg"], [],
        "Jl. Simpang Kawat, Kota Jambi", "(0741) 33210",
        "Senin-Kamis 07.30-14.00, Jumat 07.30-11.00, Sabtu 07.30-12.30",
        "Puskesmas rawat jalan milik Dinas Kesehatan Kota Jambi.",
        {"title": "UPTD Puskesmas Simpang Kawat - Pelayanan Kesehatan Dasar"}),
    SiteSpec(
        "uptd-ppa", "DPMPPA", "googlesites", "UPTD PPA Kota Jambi",
        ["ppa-aduan"], [],
        "Jl. Jenderal Basuki Rahmat, Kotabaru, Kota Jambi", "0811-7411-129 (hotline)",
        "Pengaduan 24 jam",
        "Unit Pelaksana Teknis Perlindungan Perempuan dan Anak, di bawah DPMPPA Kota Jambi.",
        {"title": "UPTD PPA Kota Jambi - Perlindungan Perempuan dan Anak"}),
    SiteSpec(
        "dinsos", "Dinsos", "joomla", "Dinas Sosial Kota Jambi",
        ["dtks", "uhc", "santunan", "banharkat"],
        [N("2025-06-03", "Pemkot Tambah Rp5,9 Miliar untuk Iuran Jambi Bugar",
           "tambahan-iuran-jambi-bugar", "Sebanyak 49.212 warga tambahan didaftarkan sebagai "
           "peserta jaminan kesehatan yang iurannya ditanggung kota.", ("uhc",)),
         N("2025-03-10", "Cek Nama di DTSEN Sebelum Mengadu", "cek-nama-dtsen",
           "Warga yang merasa layak menerima bantuan diminta memeriksa data di kelurahan "
           "terlebih dahulu.", ("dtks",))],
        "Jl. Marsda Surya Darma, Kota Jambi", "(0741) 65432",
        "Senin-Jumat 08.00-15.00", "Dinas Sosial Kota Jambi.",
        {"variant": "j4", "title": "{page}", "catid": 14, "news_catid": 15}),
    SiteSpec(
        "pdam", "PDAM Tirta Mayang", "spa", "Perumda Air Minum Tirta Mayang",
        ["pdam-pasang", "pdam-aduan"],
        [N("2025-04-15", "Tagihan Naik? Periksa Meter dan Kebocoran di Rumah",
           "tagihan-naik-periksa-meter", "Pelanggan yang tagihannya melonjak dapat meminta "
           "pemeriksaan meter ke kantor pelayanan.", ("pdam-aduan",))],
        "Jl. Slamet Riyadi, Broni, Kota Jambi", "0821-2121-9692 (WhatsApp)",
        "Senin-Jumat 08.00-16.00", "Perusahaan air minum milik Pemerintah Kota Jambi.",
        {"api": "jsonapi"}),
    SiteSpec(
        "diskominfo", "Diskominfo", "laravel", "Diskominfo Kota Jambi",
        ["sikesal", "cc112", "ppid"],
        [N("2023-08-21", "Dua Puluh Aplikasi Dinonaktifkan, Semua Layanan Masuk SiKoja",
           "aplikasi-masuk-sikoja", "Dari 112 aplikasi milik perangkat daerah, 20 dimatikan "
           "karena tidak lagi dipakai. Yang lain digabung ke SiKoja.", ()),
         N("2022-12-28", "835 Laporan Masuk SiKesal Sepanjang 2022", "laporan-sikesal-2022",
           "Jalan rusak, lampu jalan mati, drainase dan pipa bocor menjadi keluhan terbanyak.",
           ("sikesal",))],
        "Jl. Jenderal Basuki Rahmat, Kotabaru, Kota Jambi", "(0741) 41501",
        "Senin-Jumat 08.00-16.00", "Dinas Komunikasi dan Informatika Kota Jambi.",
        {"title": "{site} | {page}", "apps": True}),
    SiteSpec(
        "pupr", "PUPR", "joomla", "Dinas PUPR Kota Jambi",
        ["jalan-rusak", "drainase"],
        [N("2025-11-10", "Tambal Sulam Jalan Kota Dikebut Jelang Musim Hujan",
           "tambal-sulam-jalan", "Tim reaksi cepat menambal lubang di Jalan Sultan Thaha "
           "dan Jalan Hos Cokroaminoto.", ("jalan-rusak",)),
         N("2025-10-01", "Normalisasi Parit di Simpang Rimbo", "normalisasi-parit",
           "Sedimen setinggi setengah meter diangkat dari saluran yang sering meluap.",
           ("drainase",))],
        "Jl. Jenderal Basuki Rahmat, Kotabaru, Kota Jambi", "(0741) 41777",
        "Senin-Jumat 08.00-15.30", "Dinas Pekerjaan Umum dan Penataan Ruang Kota Jambi.",
        {"variant": "j4", "title": "{page}", "catid": 21, "news_catid": 22}),
    SiteSpec(
        "dlh", "DLH", "blogger", "DLH Kota Jambi",
        ["sampah-aduan", "tpa-retribusi"],
        [N("2025-02-19", "Truk Sampah Tambah Ritase di Pasar Angso Duo",
           "ritase-angso-duo", "Pengangkutan dari TPS pasar kini dua kali sehari.",
           ("sampah-aduan",)),
         N("2024-10-07", "Tipping Fee TPA Talang Gulo Mulai Berlaku",
           "tipping-fee-talang-gulo", "Pembuang sampah swasta membayar per ton; pengumpul "
           "sampah warga sementara dibebaskan.", ("tpa-retribusi",))],
        "Jl. Jenderal Basuki Rahmat, Kotabaru, Kota Jambi", "(0741) 41888",
        "Senin-Jumat 08.00-15.00", "Dinas Lingkungan Hidup Kota Jambi.",
        {"title": "{site}: {page}", "blog_name": "DLH Kota Jambi"}),
    SiteSpec(
        "bpbd", "BPBD", "googlesites", "BPBD Kota Jambi",
        ["banjir"], [],
        "Jl. Jenderal Sudirman, Kota Jambi", "(0741) 112 / 0812-7300-1100",
        "Pusdalops 24 jam",
        "Badan Penanggulangan Bencana Daerah Kota Jambi.",
        {"title": "BPBD Kota Jambi - Siaga Bencana - Informasi Banjir"}),
]
SITE = {s.name: s for s in SITES}


# ---------------------------------------------------------------------------------------
# Output: files, routes and page records of one site
# ---------------------------------------------------------------------------------------

@dataclass
class Rec:
    """One page as the judgments see it: its URLs as the site links them (the first is the
    canonical one; the others are aliases the site also links, judged the same), the service
    it answers, and companions judged one grade lower (its PDF, its API item)."""

    site: str
    key: str
    kind: str
    title: str
    urls: list[str]
    service: str | None = None
    minor: list[str] = field(default_factory=list)


class Out:
    def __init__(self, spec: SiteSpec, port_offset: int, opd: str):
        self.spec = spec
        self.port_offset = port_offset
        self.opd = opd
        self.files: dict[str, bytes] = {}
        self.routes: dict[str, str] = {}
        self.recs: dict[str, Rec] = {}

    @property
    def origin(self) -> str:
        return f"http://{HOST}:{BASE_PORT + self.port_offset}"

    def url(self, path: str) -> str:
        return self.origin + path

    def put(self, path: str, body: str | bytes, ext: str = ".html") -> str:
        """Store ``body`` so the server answers it at ``path`` (a static file where the path
        names one, else a route to a file under ``_r/``); returns the absolute URL."""
        enc = self.spec.options.get("encoding", "utf-8") if ext == ".html" else "utf-8"
        data = body if isinstance(body, bytes) else body.encode(enc, "xmlcharrefreplace")
        parts = urlsplit(path)
        last = parts.path.rsplit("/", 1)[-1]
        if not parts.query and parts.path.endswith("/"):
            file = parts.path.lstrip("/") + "index.html"
        elif not parts.query and Path(last).suffix.lower() in STATIC_SUFFIXES:
            file = parts.path.lstrip("/")
        else:
            name = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-").lower()
            file = f"_r/{name}{ext}"
            key = route_key(parts.path, parts.query)
            if self.routes.get(key, file) != file:
                raise SystemExit(f"{self.spec.name}: two pages for {path}")
            self.routes[key] = file
        if file in self.files and self.files[file] != data:
            raise SystemExit(f"{self.spec.name}: {file} written twice with different content")
        self.files[file] = data
        return self.url(path)

    def record(self, key: str, kind: str, title: str, paths: list[str],
               service: str | None = None, minor: list[str] | None = None) -> Rec:
        if key in self.recs:
            raise SystemExit(f"{self.spec.name}: page key {key!r} twice")
        rec = Rec(self.spec.name, key, kind, title, [self.url(p) for p in paths], service,
                  [self.url(p) for p in (minor or [])])
        self.recs[key] = rec
        return rec


# ---------------------------------------------------------------------------------------
# Small helpers shared by the renderers
# ---------------------------------------------------------------------------------------

def tanggal(date: str) -> str:
    y, m, d = (int(x) for x in date.split("-"))
    return f"{d} {BULAN[m - 1]} {y}"


def ul(items: list[str], tag: str = "ul", cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<{tag}{attr}>" + "".join(f"<li>{x}</li>" for x in items) + f"</{tag}>"


def link(href: str, text: str, **attrs: str) -> str:
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{e(v)}"' for k, v in attrs.items())
    return f'<a href="{e(href)}"{extra}>{e(text)}</a>'


def stable_number(*parts: object, lo: int = 100, hi: int = 9999) -> int:
    """A count that looks arbitrary but is the same on every run (hits, visitors)."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    return lo + int(digest[:8], 16) % (hi - lo)


def fact_lines(f: Facts) -> list[tuple[str, str | list[str]]]:
    """The facts of a service as (label, value) pairs; renderers word the labels."""
    rows: list[tuple[str, str | list[str]]] = []
    if f.requirements:
        rows.append(("req", f.requirements))
    if f.procedure:
        rows.append(("proc", f.procedure))
    if f.duration:
        rows.append(("time", f.duration))
    if f.cost:
        rows.append(("cost", f.cost))
    if f.online:
        rows.append(("online", f.online))
    if f.legal:
        rows.append(("legal", f.legal))
    return rows


def news_sorted(spec: SiteSpec) -> list[News]:
    return sorted(spec.news, key=lambda n: n.date, reverse=True)


# ---------------------------------------------------------------------------------------
# PDF: a small writer of real, compressed, multi-page text PDFs
# ---------------------------------------------------------------------------------------

def _pdf_text(s: str) -> bytes:
    raw = s.encode("cp1252", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def make_pdf(title: str, lines: list[str], author: str) -> bytes:
    """A PDF like an office suite exports: Helvetica, WinAnsi, one Flate stream per page,
    title and author in the info dictionary."""
    wrapped: list[tuple[int, str]] = []
    for line in lines:
        size = 12 if line.startswith("## ") else 10
        text = line[3:] if line.startswith("## ") else line
        for part in textwrap.wrap(text, 92) or [""]:
            wrapped.append((size, part))
    pages = [wrapped[i:i + 48] for i in range(0, len(wrapped), 48)] or [[]]
    objects: list[bytes] = []

    def add(obj: bytes) -> int:
        objects.append(obj)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
               b"/Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
               b"/Encoding /WinAnsiEncoding >>")
    kids = []
    for number, chunk in enumerate(pages, 1):
        ops = [b"BT", b"50 790 Td", b"15 TL"]
        if number == 1:
            ops += [b"/F2 14 Tf", b"(" + _pdf_text(title) + b") Tj", b"T*", b"T*"]
        for size, text in chunk:
            face = b"/F2" if size == 12 else b"/F1"
            ops += [face + f" {size} Tf".encode(), b"(" + _pdf_text(text) + b") Tj", b"T*"]
        ops += [b"/F1 8 Tf", b"0 -20 Td", f"(Halaman {number})".encode() + b" Tj", b"ET"]
        stream = zlib.compress(b"\n".join(ops), 9)
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
                      + stream + b"\nendstream")
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>"
            % (pages_id, content, font, bold)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                             + b"] /Count %d >>" % len(kids))
    info = add(b"<< /Title (" + _pdf_text(title) + b") /Author (" + _pdf_text(author)
               + b") /Creator (Microsoft Word 2016) /Producer (Microsoft Word 2016) "
               b"/CreationDate (D:20250114090000+07'00') >>")
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += (b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, catalog, info, xref))
    return bytes(out)


def standard_pelayanan_lines(svc: Svc, opd: str) -> list[str]:
    """The components of a Standar Pelayanan document (as Permenpan 15/2014 lists them)."""
    f = svc.facts
    assert f is not None
    lines = [f"Unit penyelenggara: {opd}", "", svc.intro, "", "## A. Persyaratan Pelayanan"]
    lines += [f"{i}. {r}" for i, r in enumerate(f.requirements, 1)] or ["-"]
    lines += ["", "## B. Sistem, Mekanisme dan Prosedur"]
    lines += [f"{i}. {p}" for i, p in enumerate(f.procedure, 1)] or ["-"]
    lines += ["", "## C. Jangka Waktu Penyelesaian", f.duration or "Sesuai kelengkapan berkas",
              "", "## D. Biaya/Tarif", f.cost or "Tidak dipungut biaya",
              "", "## E. Produk Pelayanan", svc.title]
    if f.online:
        lines += ["", "## F. Layanan Daring", f.online]
    if f.legal:
        lines += ["", "## G. Dasar Hukum", f.legal]
    lines += ["", "## H. Penanganan Pengaduan, Saran dan Masukan",
              "Pengaduan disampaikan langsung ke loket informasi, melalui aplikasi SiKesal, "
              "atau SP4N-LAPOR!."]
    return lines


@dataclass
class Ctx:
    """What a renderer may use besides its own site: the services and the other sites'
    home URLs (for "Link Terkait" blocks and cross-site references)."""

    homes: dict[str, tuple[str, str]]  # site name -> (label, home URL)

    def related(self, own: str, n: int = 5) -> list[tuple[str, str]]:
        names = [k for k in self.homes if k != own]
        start = stable_number(own, lo=0, hi=len(names))
        picked = [names[(start + i * 3) % len(names)] for i in range(n)]
        return [self.homes[k] for k in dict.fromkeys(picked)]


def svc_of(key: str) -> Svc:
    return SVC[key]


def facts_html(svc: Svc, words: dict[str, str], heading: str = "h3") -> str:
    """Facts as headed lists (used by the families that show details on the page)."""
    assert svc.facts is not None
    parts = []
    for label, value in fact_lines(svc.facts):
        title = words[label]
        if isinstance(value, list):
            body = ul([e(v) for v in value], "ol" if label == "proc" else "ul")
        else:
            body = f"<p>{e(value)}</p>"
        parts.append(f"<{heading}>{e(title)}</{heading}>{body}")
    return "".join(parts)


# ---------------------------------------------------------------------------------------
# Family: Joomla 3 / Joomla 4
# ---------------------------------------------------------------------------------------

JOOMLA_WORDS = {"req": "Persyaratan", "proc": "Alur Pengurusan", "time": "Lama Proses",
                "cost": "Biaya", "online": "Layanan Daring", "legal": "Dasar Hukum"}
JOOMLA_ROBOTS = """# If the Joomla site is installed within a folder
# eg www.example.com/joomla/ then the robots.txt file
# MUST be moved to the site root
User-agent: *
Disallow: /administrator/
Disallow: /bin/
Disallow: /cache/
Disallow: /cli/
Disallow: /components/
Disallow: /includes/
Disallow: /installation/
Disallow: /language/
Disallow: /layouts/
Disallow: /libraries/
Disallow: /logs/
Disallow: /modules/
Disallow: /plugins/
Disallow: /tmp/
"""


def render_joomla(out: Out, ctx: Ctx) -> None:
    spec = out.spec
    opt = spec.options
    j3 = opt["variant"] == "j3"
    p = "/index.php" if j3 else ""
    catid, news_catid = opt["catid"], opt["news_catid"]
    items = {"home": 101, "profil": 102, "layanan": 103, "berita": 104, "unduhan": 105,
             "kontak": 106}
    menu = [("Beranda", "/"), ("Profil", f"{p}/profil"), ("Layanan", f"{p}/layanan"),
            ("Berita", f"{p}/berita"), ("Unduhan", f"{p}/unduhan"), ("Kontak", f"{p}/kontak")]
    services = [svc_of(k) for k in spec.services]
    arts = {s.key: (12 + i, s) for i, s in enumerate(services)}
    news = news_sorted(spec)
    news_ids = {n.slug: 40 + i for i, n in enumerate(news)}

    def sef(key: str) -> str:
        aid, s = arts[key]
        return f"{p}/layanan/{aid}-{s.slug}"

    def raw(aid: int, slug: str, cat: int, item: int) -> str:
        return (f"/index.php?option=com_content&view=article&id={aid}:{slug}"
                f"&catid={cat}&Itemid={item}")

    def raw_service(key: str) -> str:
        aid, s = arts[key]
        return raw(aid, s.slug, catid, items["layanan"])

    def news_sef(n: News) -> str:
        return f"{p}/berita/{news_ids[n.slug]}-{n.slug}"

    def news_raw(n: News) -> str:
        return raw(news_ids[n.slug], n.slug, news_catid, items["home"])

    def title_of(page: str) -> str:
        return opt["title"].format(page=page, site=spec.label)

    def sidebar() -> str:
        all_services = ul([link(sef(s.key), s.title) for s in services], cls="nav menu")
        popular = ul([link(raw_service(s.key), s.title) for s in services[:5]],
                     cls="mostread")
        visitors = stable_number(spec.name, "visitors", lo=120000, hi=990000)
        related = ul([link(url + "/", label, target="_blank") for label, url
                      in ctx.related(spec.name)])
        blocks = [("Layanan Kami", all_services), ("Layanan Populer", popular),
                  ("Statistik Pengunjung",
                   f"<p>Hari ini: {visitors % 900 + 40}<br />Total: {visitors}</p>"),
                  ("Link Terkait", related)]
        if j3:
            return "".join(f'<div class="well "><h3 class="page-header">{e(t)}</h3>{b}</div>'
                           for t, b in blocks)
        return "".join(f'<div class="sidebar-right card "><h3 class="card-header ">{e(t)}</h3>'
                       f'<div class="card-body">{b}</div></div>' for t, b in blocks)

    def page(path: str, title: str, body: str, itemid: int, crumbs: list[str],
             view: str = "article", heading: str = "") -> str:
        nav = "".join(
            f'<li class="item-{100 + i}{" current active" if itemid == 100 + i else ""}">'
            f'{link(href, label)}</li>' for i, (label, href) in enumerate(menu, 1))
        crumb = " <span class=\"divider\">&gt;</span> ".join(crumbs)
        head_extra = (f'<base href="{out.url(path)}" />\n'
                      '<meta name="generator" content="Joomla! - Open Source Content '
                      'Management" />' if j3 else
                      '<meta name="generator" content="Joomla! - Open Source Content '
                      'Management" />')
        if j3:
            return f"""<!DOCTYPE html>
<html lang="id-id" dir="ltr">
<head>
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<meta charset="utf-8" />
{head_extra}
<title>{e(title_of(title))}</title>
<link href="/templates/protostar/favicon.ico" rel="shortcut icon" type="image/vnd.microsoft.icon" />
<link href="/templates/protostar/css/template.css?6b1e0d" rel="stylesheet" />
<script src="/media/jui/js/jquery.min.js?6b1e0d"></script>
</head>
<body class="site com_content view-{view} no-layout no-task itemid-{itemid}">
<div class="body" id="top"><div class="container">
<header class="header" role="banner"><div class="header-inner clearfix">
<a class="brand pull-left" href="/"><img src="/images/logo-pemkot.png" alt="{e(spec.label)}" /></a>
<div class="header-search pull-right"><div class="search"><form action="{p}/layanan" method="post" class="form-inline"><label for="mod-search-searchword" class="element-invisible">Cari...</label> <input name="searchword" id="mod-search-searchword" maxlength="200" class="inputbox search-query input-medium" type="search" placeholder="Cari..." /><input type="hidden" name="task" value="search" /></form></div></div>
</div></header>
<nav class="navigation" role="navigation"><div class="navbar pull-left"><a class="btn btn-navbar collapsed" data-toggle="collapse" data-target=".nav-collapse"><span class="element-invisible">Toggle Navigation</span></a></div>
<div class="nav-collapse"><ul class="nav menu nav-pills mod-list">{nav}</ul></div></nav>
<div class="moduletable"><ul itemscope itemtype="https://schema.org/BreadcrumbList" class="breadcrumb"><li>Anda di sini: &#160;</li><li>{crumb}</li></ul></div>
<div class="row-fluid">
<main id="content" role="main" class="span9">
<div id="system-message-container"></div>
{body}
</main>
<div id="aside" class="span3">{sidebar()}</div>
</div></div></div>
<footer class="footer" role="contentinfo"><div class="container"><hr />
<p class="pull-right"><a href="#top" id="back-top">Kembali ke atas</a></p>
<p>&copy; 2025 {e(spec.label)}. {e(spec.address)}. Telp. {e(spec.phone)}</p>
</div></footer>
</body>
</html>
"""
        return f"""<!DOCTYPE html>
<html lang="id-id" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{head_extra}
<title>{e(title_of(title))}</title>
<link href="/media/templates/site/cassiopeia/css/template.min.css?5e8c1a" rel="stylesheet">
<script type="application/json" class="joomla-script-options new">{{"system.paths":{{"root":"","base":""}}}}</script>
</head>
<body class="site com_content wrapper-static view-{view} no-layout no-task itemid-{itemid} has-sidebar-right">
<header class="header container-header full-width">
<div class="grid-child"><div class="navbar-brand"><a class="brand-logo" href="/"><span title="{e(spec.label)}">{e(spec.label)}</span></a><div class="site-description">{e(spec.about)}</div></div></div>
<div class="grid-child container-nav"><ul class="mod-menu mod-list nav ">{nav}</ul></div>
</header>
<div class="site-grid">
<div class="grid-child container-component">
<nav class="mod-breadcrumbs__wrapper" aria-label="Breadcrumbs"><ol class="mod-breadcrumbs breadcrumb px-3 py-2"><li class="mod-breadcrumbs__here float-start">Anda di sini: &#160;</li><li class="mod-breadcrumbs__item breadcrumb-item">{crumb}</li></ol></nav>
<div id="system-message-container" aria-live="polite"></div>
<main>
{f'<div class="page-header"><h1>{e(heading)}</h1></div>' if heading else ''}
{body}
</main>
</div>
<div class="grid-child container-sidebar-right">{sidebar()}</div>
</div>
<footer class="container-footer footer full-width"><div class="grid-child"><div class="mod-custom custom"><p>{e(spec.label)} &middot; {e(spec.address)} &middot; {e(spec.phone)}</p><p>Copyright &copy; 2025. Hak cipta dilindungi.</p></div></div></footer>
</body>
</html>
"""

    def article(aid: int, title: str, inner: str, category: str, date: str) -> str:
        hits = stable_number(spec.name, aid, lo=150, hi=25000)
        cls = "item-page" if j3 else "com-content-article item-page"
        return (f'<div class="{cls}" itemscope itemtype="https://schema.org/Article">'
                f'<meta itemprop="inLanguage" content="id-ID" />'
                f'<div class="page-header"><h2 itemprop="headline">{e(title)}</h2></div>'
                f'<dl class="article-info muted"><dt class="article-info-term">Rincian</dt>'
                f'<dd class="createdby" itemprop="author">Ditulis oleh Administrator</dd>'
                f'<dd class="category-name">Kategori: {e(category)}</dd>'
                f'<dd class="published"><time datetime="{date}T08:00:00+07:00" '
                f'itemprop="datePublished">Diterbitkan: {tanggal(date)}</time></dd>'
                f'<dd class="hits"><meta itemprop="interactionCount" content="UserPageVisits:'
                f'{hits}" />Dilihat: {hits}</dd></dl>'
                f'<div itemprop="articleBody">{inner}</div></div>')

    crumbs_home = link("/", "Beranda")
    for s in services:
        aid, _ = arts[s.key]
        inner = (f"<p>{e(s.intro)}</p>" + facts_html(s, JOOMLA_WORDS)
                 + f"<p>Informasi lebih lanjut hubungi {link(f'{p}/kontak', 'loket pelayanan')}"
                 f" kami.</p>")
        body = article(aid, s.title, inner, "Layanan", "2024-01-15")
        html_text = page(sef(s.key), s.title, body, items["layanan"],
                         [crumbs_home, link(f"{p}/layanan", "Layanan"), e(s.title)],
                         heading="Layanan")
        out.put(sef(s.key), html_text)
        out.put(raw_service(s.key), html_text)
        out.record(f"svc:{s.key}", "service", s.title, [sef(s.key), raw_service(s.key)],
                   service=s.key)
    for n in news:
        inner = f"<p><strong>Jambi</strong> &ndash; {e(n.text)}</p>"
        if n.mentions and n.mentions[0] in arts:
            m = svc_of(n.mentions[0])
            inner += f"<p>Baca juga: {link(sef(m.key), m.title)}</p>"
        body = article(news_ids[n.slug], n.title, inner, "Berita", n.date)
        html_text = page(news_sef(n), n.title, body, items["berita"],
                         [crumbs_home, link(f"{p}/berita", "Berita"), e(n.title)],
                         heading="Berita")
        out.put(news_sef(n), html_text)
        out.put(news_raw(n), html_text)
        out.record(f"news:{n.slug}", "news", n.title, [news_sef(n)])

    def blog(path: str, name: str, entries: list[tuple[str, str, str]], itemid: int) -> None:
        per = 10
        chunks = [entries[i:i + per] for i in range(0, len(entries), per)] or [[]]
        for i, chunk in enumerate(chunks):
            rows = "".join(
                f'<div class="items-row"><div class="item"><div class="page-header"><h2 '
                f'itemprop="name">{link(href, t)}</h2></div><p>{e(intro)}</p>'
                f'<p class="readmore"><a class="btn" href="{e(href)}" itemprop="url">'
                f'Selengkapnya: {e(t)}</a></p></div></div>' for t, href, intro in chunk)
            pager = ""
            if len(chunks) > 1:
                links = "".join(
                    f'<li>{link(path + (f"?start={j * per}" if j else ""), str(j + 1))}</li>'
                    for j in range(len(chunks)))
                pager = (f'<div class="pagination"><p class="counter pull-right">Halaman '
                         f'{i + 1} dari {len(chunks)}</p><ul>{links}</ul></div>')
            body = f'<div class="blog" itemscope itemtype="https://schema.org/Blog">{rows}{pager}</div>'
            target = path + (f"?start={i * per}" if i else "")
            out.put(target, page(target, name, body, itemid, [crumbs_home, e(name)],
                                 view="category", heading=name))
        out.record(f"list:{name.lower()}", "listing", name, [path])

    blog(f"{p}/layanan", "Layanan", [(s.title, sef(s.key), s.intro) for s in services],
         items["layanan"])
    blog(f"{p}/berita", "Berita", [(n.title, news_sef(n), n.text) for n in news],
         items["berita"])

    profile = (f"<p>{e(spec.about)}</p><p>Kami melayani warga Kota Jambi di kantor "
               f"{e(spec.address)}. Jam pelayanan: {e(spec.hours)}.</p>"
               + ul([e(s.title) for s in services]))
    out.put(f"{p}/profil", page(f"{p}/profil", "Profil", article(2, "Profil", profile,
                                "Tentang Kami", "2023-06-01"), items["profil"],
                                [crumbs_home, "Profil"], heading="Profil"))
    out.record("profil", "profile", "Profil", [f"{p}/profil"])

    contact = (f'<div class="contact" itemscope itemtype="https://schema.org/Person">'
               f'<div class="page-header"><h2><span class="contact-name" itemprop="name">'
               f'{e(spec.label)}</span></h2></div><h3>Kontak</h3>'
               f'<dl class="contact-address dl-horizontal" itemprop="address">'
               f'<dt>Alamat:</dt><dd><span class="contact-street">{e(spec.address)}</span></dd>'
               f'<dt>Telepon:</dt><dd><span class="contact-telephone">{e(spec.phone)}</span></dd>'
               f'<dt>Jam layanan:</dt><dd>{e(spec.hours)}</dd></dl>'
               f'<h3>Formulir Kontak</h3><form action="{p}/kontak" method="post" '
               f'class="form-validate form-horizontal well"><input type="text" name="jform['
               f'contact_name]" /><textarea name="jform[contact_message]"></textarea>'
               f'<button class="btn btn-primary validate" type="submit">Kirim Email</button>'
               f'</form></div>')
    out.put(f"{p}/kontak", page(f"{p}/kontak", "Kontak", contact, items["kontak"],
                                [crumbs_home, "Kontak"], view="contact", heading="Kontak"))
    out.record("kontak", "contact", "Kontak", [f"{p}/kontak"])

    pdf_path = f"/images/dokumen/maklumat-pelayanan-{spec.name}.pdf"
    lines = ["Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar "
             "pelayanan yang telah ditetapkan.", "", "## Daftar layanan"]
    for s in services:
        lines.append(f"- {s.title}: {s.facts.duration or 'sesuai kelengkapan berkas'}; "
                     f"{s.facts.cost or 'tanpa biaya'}")
    out.put(pdf_path, make_pdf(f"Maklumat Pelayanan {spec.label}", lines, spec.label))
    downloads = ('<table class="table table-striped"><thead><tr><th>Dokumen</th><th>Ukuran'
                 '</th></tr></thead><tbody><tr><td>'
                 + link(pdf_path, f"Maklumat Pelayanan {spec.label} (PDF)")
                 + "</td><td>48 KB</td></tr></tbody></table>")
    out.put(f"{p}/unduhan", page(f"{p}/unduhan", "Unduhan",
                                 article(3, "Unduhan", downloads, "Unduhan", "2024-02-01"),
                                 items["unduhan"], [crumbs_home, "Unduhan"], heading="Unduhan"))
    out.record("unduhan", "download", "Unduhan", [f"{p}/unduhan"])
    out.record("pdf:maklumat", "pdf", "Maklumat Pelayanan", [pdf_path])

    featured = "".join(
        f'<div class="item"><h2 itemprop="headline">{link(news_raw(n), n.title)}</h2>'
        f'<p class="muted">{tanggal(n.date)}</p><p>{e(n.text)}</p>'
        f'<p class="readmore">{link(news_raw(n), "Baca selengkapnya...")}</p></div>'
        for n in news[:4])
    welcome = (f'<div class="custom"><p>Selamat datang di situs resmi {e(spec.label)}. '
               f'{e(spec.about)}</p></div>')
    home = page("/", "Beranda", welcome + f'<div class="blog-featured">{featured}</div>',
                items["home"], ["Beranda"], view="featured")
    out.put("/", home)
    out.record("home", "home", "Beranda", ["/"])
    out.put("/robots.txt", JOOMLA_ROBOTS)


# ---------------------------------------------------------------------------------------
# Family: Blogger / Blogspot
# ---------------------------------------------------------------------------------------

HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
BLOGGER_WORDS = {"req": "Apa saja yang perlu disiapkan?", "proc": "Bagaimana langkahnya?",
                 "time": "Berapa lama?", "cost": "Berapa biayanya?",
                 "online": "Bisa lewat online?", "legal": "Aturan yang mendasari"}
# Pages a blog has besides its services: site -> [(slug, title, text)]
BLOG_EXTRA_PAGES = {
    "damkar": [("si-merah-koja", "Aplikasi Si Merah Koja",
                "Si Merah Koja adalah Sistem Informasi Penanggulangan Kebakaran dan "
                "Penyelamatan Daerah Kota Jambi. Lewat aplikasi ini warga melaporkan kebakaran "
                "atau kejadian yang butuh penyelamatan, lengkap dengan lokasi, sehingga regu "
                "terdekat bisa segera berangkat. Untuk keadaan darurat tetap telepon 112.")],
}


def _weekday(date: str) -> str:
    import datetime as _dt
    y, m, d = (int(x) for x in date.split("-"))
    return HARI[_dt.date(y, m, d).weekday()]


def render_blogger(out: Out, ctx: Ctx) -> None:
    spec = out.spec
    blog = spec.options["blog_name"]
    services = [svc_of(k) for k in spec.services]
    news = news_sorted(spec)
    pages: list[tuple[str, str, str, str | None]] = []  # (path, title, body, service)
    for s in services:
        body = f"<p>{e(s.intro)}</p>" + facts_html(s, BLOGGER_WORDS, "h4")
        pages.append((f"/p/{s.slug}.html", s.title, body, s.key))
    for slug, title, text in BLOG_EXTRA_PAGES.get(spec.name, []):
        pages.append((f"/p/{slug}.html", title, f"<p>{e(text)}</p>", None))
    pages.append(("/p/profil.html", "Profil",
                  f"<p>{e(spec.about)}</p><p>Blog ini dikelola oleh staf {e(spec.label)} "
                  f"untuk menyebarkan informasi layanan kepada warga.</p>", None))
    pages.append(("/p/kontak.html", "Kontak Kami",
                  f"<p>Alamat kantor: {e(spec.address)}</p><p>Telepon: {e(spec.phone)}</p>"
                  f"<p>Jam layanan: {e(spec.hours)}</p>", None))
    posts = [(f"/{n.date[:4]}/{n.date[5:7]}/{n.slug}.html", n) for n in news]
    post_ids = {path: stable_number(spec.name, path, lo=10**17, hi=10**18 - 1)
                for path, _ in posts}

    def sidebar() -> str:
        page_links = ul([link(path, title) for path, title, _, _ in pages])
        labels = ul([link("/search/label/Layanan", "Layanan") + f" ({len(services)})",
                     link("/search/label/Berita", "Berita") + f" ({len(news)})"])
        years: dict[str, list[str]] = {}
        for path, n in posts:
            years.setdefault(n.date[:4], []).append(link(path, n.title))
        archive = ul([f"&#9658; {y} ({len(v)}){ul(v, cls='posts')}" for y, v in years.items()],
                     cls="hierarchy")
        views = stable_number(spec.name, "pageviews", lo=20000, hi=400000)
        related = ul([link(url + "/", label) for label, url in ctx.related(spec.name)])
        widgets = [("PageList1", "Halaman", page_links), ("Label1", "Label", labels),
                   ("BlogArchive1", "Arsip Blog", archive),
                   ("Stats1", "Total Tayangan Halaman", f"<div class='counter'>{views:,}</div>"
                    .replace(",", ".")), ("LinkList1", "Link OPD", related)]
        return "".join(f"<div class='widget' id='{wid}'><h2>{e(t)}</h2>"
                       f"<div class='widget-content'>{b}</div></div>" for wid, t, b in widgets)

    def post_html(pid: int, title: str, body: str, date: str, label: str,
                  path: str | None) -> str:
        head = (f"<h2 class='date-header'><span>{_weekday(date)}, {tanggal(date)}</span></h2>"
                if date else "")
        when = f"{date}T10:00:00+07:00" if date else ""
        title_html = link(path, title) if path else e(title)
        footer = (f"<div class='post-footer'><span class='post-author vcard'>Diposting oleh "
                  f"<span class='fn'>Admin {e(blog)}</span></span> "
                  + (f"<a class='timestamp-link' href='{path}' rel='bookmark'>"
                     f"<abbr class='published' title='{when}'>10.00</abbr></a> " if path and date
                     else "")
                  + f"<span class='post-labels'>Label: {link('/search/label/' + label, label)}"
                    f"</span></div>" if label else "")
        return (f"<div class='date-outer'>{head}<div class='date-posts'>"
                f"<div class='post-outer'><div class='post hentry uncustomized-post-template' "
                f"itemprop='blogPost' itemscope='itemscope' "
                f"itemtype='http://schema.org/BlogPosting'><a name='{pid}'></a>"
                f"<h3 class='post-title entry-title' itemprop='name'>{title_html}</h3>"
                f"<div class='post-body entry-content' id='post-body-{pid}' "
                f"itemprop='description articleBody'>{body}</div>{footer}</div></div></div></div>")

    def shell(path: str, title: str | None, main: str, mobile: bool = False) -> str:
        full_title = spec.options["title"].format(site=blog, page=title) if title else blog
        canonical = out.url(path)
        sep = "&" if "?" in path else "?"
        switch = (f"<a href='{e(path + sep)}m=0'>Lihat versi web</a>" if mobile else
                  f"<a href='{e(path + sep)}m=1'>Tampilan seluler</a>")
        side = "" if mobile else f"<div class='sidebar section' id='sidebar'>{sidebar()}</div>"
        return f"""<!DOCTYPE html>
<html class='v2{' mobile' if mobile else ''}' dir='ltr' lang='id' xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b' xmlns:data='http://www.google.com/2005/gml/data' xmlns:expr='http://www.google.com/2005/gml/expr'>
<head>
<meta content='width=1100' name='viewport'/>
<meta content='text/html; charset=UTF-8' http-equiv='Content-Type'/>
<meta content='blogger' name='generator'/>
<link href='{canonical}' rel='canonical'/>
<link rel="alternate" type="application/atom+xml" title="{e(blog)} - Atom" href="{out.url('/feeds/posts/default')}" />
<title>{e(full_title)}</title>
<link type='text/css' rel='stylesheet' href='https://www.blogger.com/static/v1/widgets/2975350028-css_bundle_v2.css' />
</head>
<body class='loading variant-simplysimple'>
<div class='navbar section' id='navbar'><div class='widget Navbar' id='Navbar1'></div></div>
<div class='content'><div class='content-outer'>
<header><div class='header-outer'><div class='Header widget' id='Header1'><div id='header-inner'>
<div class='titlewrapper'><h1 class='title'><a href='/'>{e(blog)}</a></h1></div>
<div class='descriptionwrapper'><p class='description'><span>{e(spec.about)}</span></p></div>
</div></div></div></header>
<div class='tabs-outer'><div class='PageList widget' id='PageList2'><ul><li><a href='/'>Beranda</a></li>{''.join(f"<li>{link(p, t)}</li>" for p, t, _, _ in pages[-2:])}</ul></div></div>
<div class='main-outer'><div class='columns-inner'>
<div class='column-center-outer'><div class='main section' id='main'><div class='widget Blog' id='Blog1'><div class='blog-posts hfeed'>
{main}
</div></div></div></div>
<div class='column-right-outer'>{side}</div>
</div></div>
<footer><div class='footer-outer'><div class='Attribution widget' id='Attribution1'>Tema Sederhana. Diberdayakan oleh <a href='https://www.blogger.com' target='_blank'>Blogger</a>.</div>
<div class='mobile-link-button' id='mobile-desktop-link'>{switch}</div></div></footer>
</div></div>
<div id='visitor-counter'>Pengunjung hari ini: {stable_number(spec.name, path, lo=12, hi=480)}</div>
</body>
</html>
"""

    def publish(path: str, title: str | None, main: str) -> None:
        out.put(path, shell(path, title, main))
        sep = "&" if "?" in path else "?"
        out.put(path + sep + "m=1", shell(path, title, main, mobile=True))
        out.put(path + sep + "m=0", shell(path, title, main))

    for path, title, body, service in pages:
        pid = stable_number(spec.name, path, lo=10**17, hi=10**18 - 1)
        publish(path, title, post_html(pid, title, body, "", "", None))
        kind = "service" if service else ("contact" if "kontak" in path else "page")
        key = f"svc:{service}" if service else path.rsplit("/", 1)[-1][:-5]
        out.record(key, kind, title, [path], service=service)
    for path, n in posts:
        body = f"<p>{e(n.text)}</p>"
        if n.mentions and n.mentions[0] in spec.services:
            m = svc_of(n.mentions[0])
            body += f"<p>Info lengkap: {link(f'/p/{m.slug}.html', m.title)}</p>"
        publish(path, n.title, post_html(post_ids[path], n.title, body, n.date, "Berita", path))
        out.record(f"news:{n.slug}", "news", n.title, [path])

    def listing(entries: list[tuple[str, News]]) -> str:
        return "".join(
            post_html(post_ids[path], n.title, f"<p>{e(n.text)}</p><div class='jump-link'>"
                      f"{link(path, 'Baca selengkapnya »')}</div>", n.date, "Berita", path)
            for path, n in entries)

    older = posts[3:]
    home_main = listing(posts[:3])
    if older:
        cutoff = f"{posts[2][1].date}T10:00:00+07:00"
        older_path = f"/search?updated-max={cutoff.replace('+', '%2B')}&max-results=3"
        home_main += (f"<div class='blog-pager' id='blog-pager'><a class='blog-pager-older-link'"
                      f" href='{e(older_path)}' title='Posting Lama'>Posting Lama</a></div>")
        out.put(older_path, shell(older_path, None, listing(older)))
    publish("/", None, home_main)
    out.record("home", "home", blog, ["/"])
    out.put("/search/label/Berita", shell("/search/label/Berita", "Berita", listing(posts)))
    label_services = "".join(
        post_html(stable_number(spec.name, s.slug, lo=10**17, hi=10**18 - 1), s.title,
                  f"<p>{e(s.intro)}</p>", "", "Layanan", f"/p/{s.slug}.html") for s in services)
    out.put("/search/label/Layanan", shell("/search/label/Layanan", "Layanan", label_services))
    urlset = "".join(f"<url><loc>{out.url(path)}</loc><lastmod>{n.date}T10:00:00Z</lastmod>"
                     f"</url>" for path, n in posts)
    out.put("/sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.'
            f'sitemaps.org/schemas/sitemap/0.9">{urlset}</urlset>', ext=".xml")
    page_set = "".join(f"<url><loc>{out.url(path)}</loc></url>" for path, _, _, _ in pages)
    out.put("/sitemap-pages.xml", '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://'
            f'www.sitemaps.org/schemas/sitemap/0.9">{page_set}</urlset>', ext=".xml")
    out.put("/robots.txt", "User-agent: Mediapartners-Google\nDisallow: \n\nUser-agent: *\n"
            f"Disallow: /search\nAllow: /\n\nSitemap: {out.url('/sitemap.xml')}\n"
            f"Sitemap: {out.url('/sitemap-pages.xml')}\n", ext=".txt")


# ---------------------------------------------------------------------------------------
# Family: ASP.NET WebForms table site
# ---------------------------------------------------------------------------------------

ASPNET_WORDS = {"req": "PERSYARATAN", "proc": "MEKANISME / PROSEDUR",
                "time": "WAKTU PENYELESAIAN", "cost": "BIAYA / TARIF",
                "online": "LAYANAN ONLINE", "legal": "DASAR HUKUM"}


def _viewstate(*seed: object, length: int = 360) -> str:
    import base64
    raw = b""
    block = "|".join(map(str, seed)).encode()
    while len(raw) < length:
        block = hashlib.sha256(block).digest()
        raw += block
    return "/wEPDwUK" + base64.b64encode(raw[:length]).decode()


def render_aspnet(out: Out, ctx: Ctx) -> None:
    spec = out.spec
    opt = spec.options
    charset = opt.get("encoding", "utf-8")
    services = [svc_of(k) for k in spec.services]
    first_id = 3 if spec.name == "bpprd" else 5
    ids = {s.key: first_id + i for i, s in enumerate(services)}
    news = news_sorted(spec)
    news_ids = {n.slug: 2001 + i for i, n in enumerate(reversed(news))}

    def font(text: str, size: int = 2, bold: bool = False) -> str:
        inner = f"<b>{text}</b>" if bold else text
        return f'<font face="Verdana" size="{size}">{inner}</font>'

    def heading(text: str) -> str:
        if opt["heading"] == "font":
            return f'<font size="3" face="Verdana"><b>{e(text)}</b></font><br /><br />'
        return (f'<span id="ctl00_ContentPlaceHolder1_lblJudul" class="judul">{e(text)}</span>'
                f'<br /><hr size="1" color="#999999" />')

    menu_rows = [("BERANDA", "Default.aspx"), ("PROFIL", "Page.aspx?menu=profil")]
    menu_rows += [(s.title, f"Default.aspx?id={ids[s.key]}") for s in services]
    menu_rows += [("BERITA", "Berita.aspx"), ("UNDUHAN", "Page.aspx?menu=unduhan"),
                  ("KONTAK", "Page.aspx?menu=kontak"),
                  ("LOGIN WAJIB PAJAK" if spec.name == "bpprd" else "LOGIN ADMIN",
                   "javascript:__doPostBack('ctl00$lnkLogin','')")]

    def page(action: str, title: str, content: str) -> str:
        menu = "".join(
            f'<tr><td height="22" style="border-bottom:1px dotted #999">&nbsp;&raquo; '
            f'<a href="{e(href)}" class="menu">{font(e(label), 1)}</a></td></tr>'
            for label, href in menu_rows)
        visitors = stable_number(spec.name, "hit", lo=100000, hi=999999)
        related = "".join(f'<tr><td>{font(link(url + "/", label), 1)}</td></tr>'
                          for label, url in ctx.related(spec.name, 4))
        full_title = opt["title"].format(site=spec.label, page=title)
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head id="ctl00_Head1"><meta http-equiv="Content-Type" content="text/html; charset={charset}" /><title>
	{e(full_title)}
</title><link href="App_Themes/Biru/style.css" type="text/css" rel="stylesheet" /></head>
<body bgcolor="#FFFFFF" leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">
<form name="aspnetForm" method="post" action="{e(action)}" id="aspnetForm">
<div>
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{_viewstate(spec.name, action)}" />
</div>
<script type="text/javascript">
//<![CDATA[
var theForm = document.forms['aspnetForm'];
if (!theForm) {{ theForm = document.aspnetForm; }}
function __doPostBack(eventTarget, eventArgument) {{
    if (!theForm.onsubmit || (theForm.onsubmit() != false)) {{
        theForm.__EVENTTARGET.value = eventTarget;
        theForm.__EVENTARGUMENT.value = eventArgument;
        theForm.submit();
    }}
}}
//]]>
</script>
<table width="920" border="0" align="center" cellpadding="0" cellspacing="0" bgcolor="#FFFFFF">
<tr><td colspan="2"><img src="images/header.jpg" width="920" height="130" alt="{e(spec.label)}" border="0" /></td></tr>
<tr><td colspan="2" bgcolor="#1F3A60" height="24"><marquee scrollamount="3"><font color="#FFFFFF" face="Verdana" size="2">“Selamat datang di website resmi {e(out.opd)}” – Jam pelayanan: {e(spec.hours)}</font></marquee></td></tr>
<tr>
<td width="200" valign="top" bgcolor="#E9EEF5">
<table width="100%" border="0" cellspacing="0" cellpadding="3">
<tr><td bgcolor="#1F3A60">{font('<font color="#FFFFFF">MENU UTAMA</font>', 2, True)}</td></tr>
{menu}
<tr><td>&nbsp;</td></tr>
<tr><td bgcolor="#1F3A60">{font('<font color="#FFFFFF">LINK TERKAIT</font>', 2, True)}</td></tr>
{related}
</table>
</td>
<td valign="top">
<table width="100%" border="0" cellspacing="0" cellpadding="10"><tr><td valign="top">
{content}
</td></tr></table>
</td>
</tr>
<tr><td colspan="2" bgcolor="#1F3A60" align="center" height="40">{font(f'<font color="#FFFFFF">Copyright © 2013–2025 {e(spec.label)} | {e(spec.address)} | Telp. {e(spec.phone)}<br />Anda pengunjung ke: <b>{visitors:07d}</b></font>', 1)}</td></tr>
</table>
<div>
<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="{_viewstate(spec.name, action, 'ev', length=60)}" />
</div>
</form>
</body>
</html>
"""

    def table(rows: list[tuple[str, str]]) -> str:
        cells = "".join(
            f'<tr><td width="28%" valign="top" bgcolor="#DDE6F0">{font(e(k), 2, True)}</td>'
            f'<td valign="top">{font(v)}</td></tr>' for k, v in rows)
        return (f'<table border="1" cellspacing="0" cellpadding="4" width="100%" '
                f'bordercolor="#999999" style="border-collapse:collapse">{cells}</table>')

    for s in services:
        assert s.facts is not None
        rows = []
        for label, value in fact_lines(s.facts):
            if isinstance(value, list):
                value = "<br />".join(f"{i}. {e(v)}" for i, v in enumerate(value, 1))
            else:
                value = e(value)
            rows.append((ASPNET_WORDS[label], value))
        content = heading(s.title) + f"<p>{font(e(s.intro))}</p>" + table(rows)
        path = f"/Default.aspx?id={ids[s.key]}"
        out.put(path, page(f"Default.aspx?id={ids[s.key]}", s.title, content))
        out.record(f"svc:{s.key}", "service", s.title, [path], service=s.key)

    for n in news:
        path = f"/Berita.aspx?id={news_ids[n.slug]}"
        content = (heading(n.title) + f"<p>{font('<i>' + tanggal(n.date) + '</i>', 1)}</p>"
                   f"<p>{font(e(n.text))}</p>")
        out.put(path, page(f"Berita.aspx?id={news_ids[n.slug]}", n.title, content))
        out.record(f"news:{n.slug}", "news", n.title, [path])
    grid = "".join(
        f'<tr><td>{font(tanggal(n.date), 1)}</td><td>'
        f'{font(link(f"Berita.aspx?id={news_ids[n.slug]}", n.title))}</td></tr>'
        for n in news)
    pager = ('<tr class="pager"><td colspan="2"><span>1</span>&nbsp;<a href="javascript:'
             "__doPostBack('ctl00$ContentPlaceHolder1$gvBerita','Page$2')\">2</a></td></tr>")
    out.put("/Berita.aspx", page("Berita.aspx", "Berita", heading("Berita") +
            f'<table id="ctl00_ContentPlaceHolder1_gvBerita" cellspacing="0" rules="all" '
            f'border="1" style="width:100%;border-collapse:collapse;">{grid}{pager}</table>'))
    out.record("berita", "listing", "Berita", ["/Berita.aspx"])

    pdf_name = "brosur-layanan-pbb-p2.pdf" if spec.name == "bpprd" else "persyaratan-uji-kir.pdf"
    pdf_path = f"/Upload/Dokumen/{pdf_name}"
    pdf_services = services[:2]
    lines: list[str] = []
    for s in pdf_services:
        lines += [f"## {s.title}"] + standard_pelayanan_lines(s, spec.label)[2:] + [""]
    out.put(pdf_path, make_pdf(f"Informasi Layanan {spec.label}", lines, spec.label))
    out.record("pdf:brosur", "pdf", pdf_name, [pdf_path])

    statics = {
        "profil": ("Profil", f"<p>{font(e(spec.about))}</p><p>{font('Layanan kami:')}</p>"
                   + ul([font(e(s.title)) for s in services])),
        "kontak": ("Kontak", table([("ALAMAT", e(spec.address)), ("TELEPON", e(spec.phone)),
                                    ("JAM PELAYANAN", e(spec.hours))])),
        "unduhan": ("Unduhan", table([("DOKUMEN", link(pdf_path.lstrip("/"),
                                                       "Brosur / Persyaratan Layanan (PDF)"))])),
    }
    for menu_key, (title, inner) in statics.items():
        path = f"/Page.aspx?menu={menu_key}"
        out.put(path, page(f"Page.aspx?menu={menu_key}", title, heading(title) + inner))
        kind = {"kontak": "contact", "profil": "profile", "unduhan": "download"}[menu_key]
        out.record(menu_key, kind, title, [path])

    latest = "".join(f"<li>{font(link(f'Berita.aspx?id={news_ids[n.slug]}', n.title))} "
                     f"{font('<i>(' + tanggal(n.date) + ')</i>', 1)}</li>" for n in news)
    home = page("Default.aspx", "Beranda",
                heading("Selamat Datang") + f"<p>{font(e(spec.about))}</p>"
                + f"<p>{font('<b>BERITA TERKINI</b>')}</p><ul>{latest}</ul>")
    out.put("/", home)
    out.put("/Default.aspx", home)
    out.record("home", "home", "Beranda", ["/"])


# ---------------------------------------------------------------------------------------
# Family: Laravel / Bootstrap 5, service details only in Standar Pelayanan PDFs
# ---------------------------------------------------------------------------------------

# The Mal Pelayanan Publik's tenants: (slug, name, agency site or None, services)
MPP_TENANTS = [
    ("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "disdukcapil",
     ["ktp-baru", "kk-baru", "akta-lahir"]),
    ("dpmptsp", "DPMPTSP Kota Jambi", "dpmptsp", ["nib", "pbg"]),
    ("bpprd", "BPPRD Kota Jambi", "bpprd", ["pbb-bayar"]),
    ("imigrasi", "Kantor Imigrasi Kelas I Jambi", None, ["paspor"]),
    ("polresta", "Polresta Jambi", None, ["skck"]),
    ("kemenag", "Kementerian Agama Kota Jambi", None, ["nikah-kua"]),
    ("pengelola", "Pengelola MPP", None, ["mpp-info"]),
]
# Diskominfo's app pages: (slug, name, description written here)
DISKOMINFO_APPS = [
    ("sikoja", "SiKoja",
     "SiKoja (Sistem Informasi Kota Jambi) adalah aplikasi induk Pemerintah Kota Jambi. "
     "Informasi layanan publik, kesehatan, pendidikan dan nomor darurat dikumpulkan di satu "
     "aplikasi Android, dan aplikasi perangkat daerah lain digabungkan ke dalamnya."),
    ("jcoc", "Jambi City Operation Center",
     "Ruang kendali kota cerdas yang memantau CCTV, laporan warga dan data layanan kota."),
    ("portal-spbe", "Portal SPBE Kota Jambi",
     "Gerbang layanan sistem pemerintahan berbasis elektronik bagi aparatur Pemkot."),
]


def render_laravel(out: Out, ctx: Ctx) -> None:
    spec = out.spec
    opt = spec.options
    services = [svc_of(k) for k in spec.services]
    ids = {s.key: 11 + i for i, s in enumerate(services)}
    news = news_sorted(spec)

    def svc_path(s: Svc) -> str:
        return f"/layanan/{ids[s.key]}/{s.slug}"

    def pdf_path(s: Svc) -> str:
        return f"/storage/standar-pelayanan/SP-{ids[s.key]:02d}-{s.slug}.pdf"

    nav = [("Beranda", "/"), ("Profil", "/profil"), ("Layanan", "/layanan")]
    if opt.get("mpp"):
        nav.append(("Instansi", "/instansi"))
    if opt.get("apps"):
        nav.append(("Aplikasi", "/aplikasi"))
    nav += [("Berita", "/berita"), ("Unduhan", "/unduhan"), ("Kontak", "/kontak")]

    def page(path: str, title: str, main: str) -> str:
        items = "".join(
            f'<li class="nav-item"><a class="nav-link{" active" if href == path else ""}" '
            f'href="{href}">{e(label)}</a></li>' for label, href in nav)
        token = hashlib.sha1(f"{spec.name}{path}".encode()).hexdigest()[:40]
        full = opt["title"].format(page=title, site=spec.label) if title else spec.label
        return f"""<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="{token}">
<title>{e(full)}</title>
<link rel="preconnect" href="https://fonts.bunny.net">
<link rel="stylesheet" href="/build/assets/app-4ed993c7.css">
<script type="module" src="/build/assets/app-0b1d2c3e.js"></script>
</head>
<body class="d-flex flex-column min-vh-100">
<nav class="navbar navbar-expand-lg navbar-dark bg-primary sticky-top">
<div class="container"><a class="navbar-brand fw-semibold" href="/"><img src="/images/logo.png" height="36" alt=""> {e(spec.label)}</a>
<button class="navbar-toggler" type="button" data-bs-toggle="collapse" data-bs-target="#nav" aria-controls="nav" aria-expanded="false" aria-label="Toggle navigation"><span class="navbar-toggler-icon"></span></button>
<div class="collapse navbar-collapse" id="nav"><ul class="navbar-nav ms-auto">{items}</ul></div></div>
</nav>
<main class="flex-grow-1 py-5"><div class="container">
{main}
</div></main>
<footer class="bg-dark text-white-50 py-4 mt-auto"><div class="container"><div class="row">
<div class="col-md-6"><h6 class="text-white">{e(spec.label)}</h6><p class="small mb-0">{e(spec.address)}<br>{e(spec.phone)}<br>{e(spec.hours)}</p></div>
<div class="col-md-6"><h6 class="text-white">Tautan</h6><ul class="list-unstyled small">{''.join(f'<li>{link(u + "/", lbl, class_="link-light")}</li>' for lbl, u in ctx.related(spec.name, 4))}</ul></div>
</div><p class="small mt-3 mb-0">&copy; 2025 {e(spec.label)}</p></div></footer>
</body>
</html>
"""

    def crumbs(*parts: tuple[str, str | None]) -> str:
        items = "".join(
            f'<li class="breadcrumb-item">{link(href, label)}</li>' if href else
            f'<li class="breadcrumb-item active" aria-current="page">{e(label)}</li>'
            for label, href in (("Beranda", "/"),) + parts)
        return f'<nav aria-label="breadcrumb"><ol class="breadcrumb">{items}</ol></nav>'

    def card(s: Svc) -> str:
        return (f'<div class="col-md-4"><div class="card h-100 shadow-sm"><div class="card-body">'
                f'<h5 class="card-title">{e(s.title)}</h5>'
                f'<a href="{svc_path(s)}" class="btn btn-outline-primary btn-sm">Lihat detail</a>'
                f'</div></div></div>')

    for s in services:
        size = 96 + stable_number(s.slug, lo=0, hi=400)
        main = (crumbs(("Layanan", "/layanan"), (s.title, None))
                + f'<h1 class="h3 fw-bold mb-3">{e(s.title)}</h1>'
                '<p class="lead">Persyaratan, prosedur, waktu dan biaya dapat dilihat pada '
                'dokumen Standar Pelayanan berikut.</p>'
                f'<a href="{pdf_path(s)}" class="btn btn-primary" target="_blank">'
                f'<i class="bi bi-file-earmark-pdf"></i> Standar Pelayanan {e(s.title)} '
                f'(PDF, {size} KB)</a>'
                '<p class="mt-4"><a href="/layanan">&larr; Kembali ke daftar layanan</a></p>')
        out.put(svc_path(s), page(svc_path(s), s.title, main))
        out.put(pdf_path(s), make_pdf(f"Standar Pelayanan {s.title}",
                                      standard_pelayanan_lines(s, out.opd), spec.label))
        out.record(f"svc:{s.key}", "service", s.title, [svc_path(s)], service=s.key,
                   minor=[pdf_path(s)])
        out.record(f"pdf:{s.key}", "pdf", f"Standar Pelayanan {s.title}", [pdf_path(s)])

    out.put("/layanan", page("/layanan", "Layanan", crumbs(("Layanan", None))
            + '<h1 class="h3 fw-bold mb-4">Daftar Layanan</h1><div class="row g-4">'
            + "".join(card(s) for s in services) + "</div>"))
    out.record("layanan", "listing", "Layanan", ["/layanan"])

    for n in news:
        path = f"/berita/{n.slug}"
        main = (crumbs(("Berita", "/berita"), (n.title, None))
                + f'<article><h1 class="h3 fw-bold">{e(n.title)}</h1>'
                f'<p class="text-muted small"><i class="bi bi-calendar"></i> {tanggal(n.date)}'
                f' &middot; Admin</p><p>{e(n.text)}</p></article>')
        out.put(path, page(path, n.title, main))
        out.record(f"news:{n.slug}", "news", n.title, [path])
    out.put("/berita", page("/berita", "Berita", crumbs(("Berita", None))
            + '<h1 class="h3 fw-bold mb-4">Berita</h1>' + "".join(
                f'<div class="border-bottom py-3"><small class="text-muted">{tanggal(n.date)}'
                f'</small><h2 class="h5">{link("/berita/" + n.slug, n.title)}</h2>'
                f'<p>{e(n.text)}</p></div>' for n in news)))

    downloads = [(f"Standar Pelayanan {s.title}", pdf_path(s), "PDF") for s in services]
    if spec.name == CATALOG_SITE:
        downloads.append(("Daftar Aplikasi Pemerintah Kota Jambi", "/" + CATALOG_FILE, "CSV"))
    rows = "".join(f'<tr><td>{i}</td><td>{e(t)}</td><td>{kind}</td><td>'
                   f'<a href="{href}" class="btn btn-sm btn-success">Unduh</a></td></tr>'
                   for i, (t, href, kind) in enumerate(downloads, 1))
    out.put("/unduhan", page("/unduhan", "Unduhan", crumbs(("Unduhan", None))
            + '<h1 class="h3 fw-bold mb-4">Unduhan</h1><table class="table table-hover">'
            '<thead><tr><th>No</th><th>Nama Dokumen</th><th>Format</th><th></th></tr></thead>'
            f'<tbody>{rows}</tbody></table>'))
    out.record("unduhan", "download", "Unduhan", ["/unduhan"])

    out.put("/profil", page("/profil", "Profil", crumbs(("Profil", None))
            + f'<h1 class="h3 fw-bold">Profil</h1><p>{e(spec.about)}</p>'))
    out.record("profil", "profile", "Profil", ["/profil"])
    out.put("/kontak", page("/kontak", "Kontak", crumbs(("Kontak", None))
            + f'<h1 class="h3 fw-bold">Hubungi Kami</h1><div class="row"><div class="col-md-6">'
            f'<p><strong>Alamat</strong><br>{e(spec.address)}</p><p><strong>Telepon</strong>'
            f'<br>{e(spec.phone)}</p><p><strong>Jam Layanan</strong><br>{e(spec.hours)}</p>'
            '</div><div class="col-md-6"><div class="ratio ratio-4x3"><iframe src="https://'
            'www.google.com/maps/embed?pb=!1m18" loading="lazy"></iframe></div></div></div>'))
    out.record("kontak", "contact", "Kontak", ["/kontak"])

    if opt.get("mpp"):
        tenants = []
        for slug, name, agency, keys in MPP_TENANTS:
            path = f"/instansi/{slug}"
            listed = ul([link(svc_path(svc_of(k)), svc_of(k).title) for k in keys])
            site_link = (f'<p>Situs instansi: {link(ctx.homes[agency][1] + "/", ctx.homes[agency][0])}'
                         f'</p>' if agency else "")
            out.put(path, page(path, name, crumbs(("Instansi", "/instansi"), (name, None))
                    + f'<h1 class="h3 fw-bold">{e(name)}</h1><p>Layanan yang dibuka di '
                    f'konter MPP:</p>{listed}{site_link}'))
            tenants.append(f'<li class="list-group-item">{link(path, name)}</li>')
        out.put("/instansi", page("/instansi", "Instansi", crumbs(("Instansi", None))
                + '<h1 class="h3 fw-bold">Instansi di MPP</h1><ul class="list-group">'
                + "".join(tenants) + "</ul>"))
    if opt.get("apps"):
        for slug, name, text in DISKOMINFO_APPS:
            path = f"/aplikasi/{slug}"
            out.put(path, page(path, name, crumbs(("Aplikasi", "/aplikasi"), (name, None))
                    + f'<h1 class="h3 fw-bold">{e(name)}</h1><p>{e(text)}</p>'))
            out.record(f"app:{slug}", "app", name, [path])
        out.put("/aplikasi", page("/aplikasi", "Aplikasi", crumbs(("Aplikasi", None))
                + '<h1 class="h3 fw-bold">Aplikasi</h1>'
                + ul([link(f"/aplikasi/{slug}", name) for slug, name, _ in DISKOMINFO_APPS])))

    home = (f'<div class="p-5 mb-4 bg-light rounded-3"><h1 class="display-6 fw-bold">'
            f'{e(spec.label)}</h1><p class="col-md-8 fs-5">{e(spec.about)}</p></div>'
            '<h2 class="h4 mb-3">Layanan</h2><div class="row g-4 mb-5">'
            + "".join(card(s) for s in services[:6]) + '</div><h2 class="h4">Berita Terbaru</h2>'
            + ul([link("/berita/" + n.slug, n.title) for n in news]))
    out.put("/", page("/", "", home))
    out.record("home", "home", spec.label, ["/"])
    out.put("/robots.txt", "User-agent: *\nDisallow:\n", ext=".txt")
    if opt.get("sitemap"):
        urls = ["/", "/layanan", "/unduhan", "/profil", "/kontak"]
        urls += [svc_path(s) for s in services] + [f"/berita/{n.slug}" for n in news]
        body = "".join(f"<url><loc>{out.url(u)}</loc><changefreq>weekly</changefreq></url>"
                       for u in urls)
        out.put("/sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http:'
                f'//www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>', ext=".xml")


# ---------------------------------------------------------------------------------------
# Family: OpenSID-style kecamatan / kelurahan site
# ---------------------------------------------------------------------------------------

OPENSID_WORDS = {"req": "Syarat yang dibawa", "proc": "Cara mengurus", "time": "Lama proses",
                 "cost": "Biaya", "online": "Secara daring", "legal": "Dasar"}
# Articles besides services and news: site -> [(slug, title, text)]
OPENSID_EXTRA = {
    "kec-jambi-timur": [
        ("sipaten", "SIPATEN, Layanan Administrasi Kecamatan Secara Daring",
         "SIPATEN (Sistem Informasi Pelayanan Administrasi Terpadu Kecamatan) dipakai "
         "kecamatan di Kota Jambi untuk menerima permohonan surat keterangan, legalisasi dan "
         "rekomendasi. Warga mengisi permohonan, petugas memverifikasi, lalu surat dapat "
         "diambil di kantor camat tanpa antre lama.")],
}


def render_opensid(out: Out, ctx: Ctx) -> None:
    spec = out.spec
    opt = spec.options
    dated = opt["urls"] == "dated"
    services = [svc_of(k) for k in spec.services]
    # every article: (key, kind, section, date, slug, title, html body, service)
    arts: list[tuple[str, str, str, str, str, str, str, str | None]] = []
    for i, s in enumerate(services):
        arts.append((f"svc:{s.key}", "service", "Layanan", f"2024-01-{15 + i:02d}", s.slug,
                     s.title, f"<p>{e(s.intro)}</p>" + facts_html(s, OPENSID_WORDS, "h4"),
                     s.key))
    for slug, title, text in OPENSID_EXTRA.get(spec.name, []):
        arts.append((slug, "page", "Layanan", "2025-11-03", slug, title, f"<p>{e(text)}</p>",
                     None))
    for n in news_sorted(spec):
        arts.append((f"news:{n.slug}", "news", "Berita", n.date, n.slug, n.title,
                     f"<p>{e(n.text)}</p>", None))
    arts.append(("profil", "profile", "Profil", "2023-03-01", "profil-wilayah", "Profil Wilayah",
                 f"<p>{e(spec.about)}</p><p>Kantor kami beralamat di {e(spec.address)}.</p>",
                 None))
    arts.append(("kontak", "contact", "Profil", "2023-03-01", "kontak-kami", "Kontak Kami",
                 f"<p>Alamat: {e(spec.address)}<br>Telepon/WA: {e(spec.phone)}<br>"
                 f"Jam pelayanan: {e(spec.hours)}</p>", None))

    def path_of(i: int, date: str, slug: str) -> str:
        if dated:
            y, m, d = date.split("-")
            return f"/index.php/artikel/{y}/{m}/{d}/{slug}"
        return f"/first/artikel/{i + 7}"

    paths = {a[0]: path_of(i, a[3], a[4]) for i, a in enumerate(arts)}
    latest = sorted(arts, key=lambda a: a[3], reverse=True)

    def sidebar() -> str:
        layanan = ul([link(paths[f"svc:{s.key}"], s.title) for s in services]
                     + [link(paths[a[0]], a[5]) for a in arts if a[1] == "page"])
        today = stable_number(spec.name, "today", lo=20, hi=300)
        total = stable_number(spec.name, "total", lo=20000, hi=200000)
        stats = (f'<table class="table table-striped"><tr><td>Hari ini</td><td>{today}</td></tr>'
                 f'<tr><td>Kemarin</td><td>{today + 17}</td></tr><tr><td>Jumlah pengunjung'
                 f'</td><td>{total}</td></tr></table>')
        archive = ul([f"{link(paths[a[0]], a[5])} <small>{tanggal(a[3])}</small>"
                      for a in latest[:5]])
        boxes = [("Layanan Surat", layanan), ("Statistik Pengunjung", stats),
                 ("Arsip Artikel", archive),
                 ("Lokasi Kantor", '<iframe src="https://www.openstreetmap.org/export/embed.'
                  'html?bbox=103.6,-1.6,103.65,-1.58" width="100%" height="200"></iframe>')]
        return "".join(f'<div class="single_bottom_rightbar"><h2 class="box-title">'
                       f'<i class="fa fa-list"></i>&nbsp;{e(t)}</h2>{b}</div>'
                       for t, b in boxes)

    def page(title: str, section: str, main: str) -> str:
        full = opt["title"].format(site=spec.label, section=section, page=title)
        menu = [("Beranda", "/"), ("Profil", paths["profil"])]
        menu += [(s.title, paths[f"svc:{s.key}"]) for s in services[:3]]
        menu.append(("Kontak", paths["kontak"]))
        nav = "".join(f"<li>{link(h, t)}</li>" for t, h in menu)
        return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(full)}</title>
<meta name="description" content="{e(spec.about)}">
<link rel="shortcut icon" href="/favicon.ico" />
<link type="text/css" rel="stylesheet" href="/themes/klasik/assets/css/style.css" />
</head>
<body>
<div id="preloader"></div>
<header id="header"><div class="header_top"><div class="header_top_left"><ul class="top_nav">{nav}</ul></div>
<div class="header_top_right"><p>{e(tanggal('2026-01-20'))}</p></div></div>
<div class="header_bottom"><div class="logo_area"><a href="/" class="logo"><img src="/desa/logo/logo.png" alt="{e(spec.label)}" width="80"/></a>
<div class="title_area"><span class="nama-desa">{e(spec.label)}</span><br><span>Kota Jambi - Provinsi Jambi</span></div></div></div></header>
<div id="navarea"><nav class="navbar navbar-default" role="navigation"><ul class="nav navbar-nav">{nav}</ul></nav></div>
<section id="mainContent"><div class="content_middle"></div>
<div class="content_bottom"><div class="col-lg-9 col-md-9"><div class="content_bottom_left">
{main}
</div></div>
<div class="col-lg-3 col-md-3"><div class="content_bottom_right">{sidebar()}</div></div></div></section>
<footer id="footer"><div class="footer_top"><div class="single_footer_top"><h2>{e(spec.label)}</h2><p>{e(spec.address)}</p><p>{e(spec.phone)}</p></div></div>
<div class="footer_bottom"><p class="copyright">&copy; 2026 <a href="https://opendesa.id">OpenDesa</a> | Dikembangkan dengan OpenSID v24.04</p></div></footer>
</body>
</html>
"""

    def heading(title: str) -> str:
        if dated:
            return f'<h2 class="post-title">{e(title)}</h2>'
        return f'<div class="single_page"><h4 class="catg_titile">{e(title)}</h4>'

    for key, kind, section, date, _slug, title, body, service in arts:
        hits = stable_number(spec.name, key, lo=40, hi=4000)
        main = (f'<div class="single_page_area">{heading(title)}'
                f'<div class="post_commentbox"><span><i class="fa fa-user"></i>Administrator'
                f'</span><span><i class="fa fa-calendar"></i>{tanggal(date)}</span><span>'
                f'<i class="fa fa-eye"></i>Dibaca {hits} Kali</span></div>'
                f'<div class="single_page_content">{body}</div>'
                + ("" if dated else "</div>") + "</div>")
        out.put(paths[key], page(title, section, main))
        out.record(key, kind, title, [paths[key]], service=service)

    listing = "".join(
        f'<div class="single_category"><h2 class="catg_titile">{link(paths[a[0]], a[5])}</h2>'
        f'<p><small>{tanggal(a[3])}</small></p><p>{re.sub("<[^>]+>", " ", a[6])[:160]}...</p>'
        f'<a href="{paths[a[0]]}" class="btn btn-sm">Baca Selengkapnya</a></div>'
        for a in latest if a[1] in ("news", "service", "page"))
    out.put("/", page("Beranda", "Beranda", f'<div class="artikel-list">{listing}</div>'))
    out.record("home", "home", spec.label, ["/"])
    out.put("/robots.txt", "User-agent: *\nDisallow: /index.php/siteman\nDisallow: /siteman\n"
            "Disallow: /index.php/mandiri\n", ext=".txt")


# ---------------------------------------------------------------------------------------
# Family: single-page app (content only through a JSON API)
# ---------------------------------------------------------------------------------------

SPA_SHELL = """<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="/favicon.ico">
<title>{title}</title>
<script defer="defer" src="/js/chunk-vendors.js"></script>
<script defer="defer" src="/js/app.js"></script>
<link href="/css/app.css" rel="stylesheet">
</head>
<body>
<noscript><strong>We're sorry but {app} doesn't work properly without JavaScript enabled. Please enable it to continue.</strong></noscript>
<div id="app"></div>
</body>
</html>
"""

SPA_JS_NESTED = r"""/* app.js - built bundle (rendering part) */
(function () {
  var root = document.getElementById('app');
  function el(tag, text, cls) { var n = document.createElement(tag); if (text) n.textContent = text; if (cls) n.className = cls; return n; }
  function list(items) { var u = el('ul'); (items || []).forEach(function (t) { u.appendChild(el('li', t)); }); return u; }
  function go(path) { history.pushState({}, '', path); route(); }
  function home() {
    fetch('/api/v1/services?limit=100').then(function (r) { return r.json(); }).then(function (res) {
      root.innerHTML = '';
      res.data.kategori.forEach(function (kat) {
        root.appendChild(el('h2', kat.nama));
        kat.layanan.forEach(function (l) {
          var a = el('a', l.judul); a.href = '/layanan/' + l.slug;
          a.onclick = function (ev) { ev.preventDefault(); go(a.getAttribute('href')); };
          var card = el('div', null, 'card'); card.appendChild(a); card.appendChild(el('p', l.ringkasan));
          root.appendChild(card);
        });
      });
    });
  }
  function detail(slug) {
    fetch('/api/v1/services?limit=100').then(function (r) { return r.json(); }).then(function (res) {
      var found = null;
      res.data.kategori.forEach(function (k) { k.layanan.forEach(function (l) { if (l.slug === slug) found = l; }); });
      if (!found) { root.textContent = 'Halaman tidak ditemukan'; return; }
      return fetch('/api/v1/services/' + found.id).then(function (r) { return r.json(); });
    }).then(function (res) {
      if (!res) return;
      var l = res.data, d = l.detail;
      root.innerHTML = '';
      document.title = l.judul + ' | Disdik Kota Jambi';
      root.appendChild(el('h1', l.judul)); root.appendChild(el('p', l.ringkasan));
      root.appendChild(el('h3', 'Persyaratan')); root.appendChild(list(d.persyaratan));
      root.appendChild(el('h3', 'Alur')); root.appendChild(list(d.alur));
      root.appendChild(el('p', 'Waktu: ' + (d.waktu || '-'))); root.appendChild(el('p', 'Biaya: ' + (d.biaya || '-')));
    });
  }
  function page(name) {
    fetch('/api/v1/pages/' + name).then(function (r) { return r.json(); }).then(function (res) {
      root.innerHTML = ''; root.appendChild(el('h1', res.data.judul)); root.appendChild(el('div', res.data.isi));
    });
  }
  function route() {
    var p = location.pathname;
    if (p.indexOf('/layanan/') === 0) return detail(p.slice(9));
    if (p === '/kontak') return page('kontak');
    if (p.indexOf('/berita/') === 0) return page('berita-' + p.slice(8));
    return home();
  }
  window.addEventListener('popstate', route);
  route();
})();
"""

SPA_JS_JSONAPI = r"""/* app.js - built bundle (rendering part) */
(function () {
  var root = document.getElementById('app');
  function h(tag, text) { var n = document.createElement(tag); if (text) n.textContent = text; return n; }
  function byId(included) { var m = {}; (included || []).forEach(function (x) { m[x.type + ':' + x.id] = x; }); return m; }
  function requirements(item, idx) {
    var u = h('ul');
    ((item.relationships.persyaratan || {}).data || []).forEach(function (ref) {
      var inc = idx[ref.type + ':' + ref.id]; if (inc) u.appendChild(h('li', inc.attributes.teks));
    });
    return u;
  }
  function render() {
    var p = location.pathname;
    var one = p.indexOf('/layanan/') === 0 ? p.slice(9) : null;
    fetch('/api/v1/layanan?include=persyaratan').then(function (r) { return r.json(); }).then(function (res) {
      var idx = byId(res.included);
      root.innerHTML = '';
      res.data.forEach(function (item) {
        var a = item.attributes;
        if (one && a.slug !== one) return;
        var box = h('section');
        var link = h('a', a.nama); link.href = '/layanan/' + a.slug; box.appendChild(link);
        box.appendChild(h('p', a.deskripsi));
        if (one) { box.appendChild(requirements(item, idx)); box.appendChild(h('p', a.waktu)); box.appendChild(h('p', a.biaya)); }
        root.appendChild(box);
      });
      if (p === '/kontak') { root.innerHTML = ''; root.appendChild(h('p', res.meta.kontak)); }
    });
  }
  render();
})();
"""


def render_spa(out: Out, ctx: Ctx) -> None:
    spec = out.spec
    nested = spec.options["api"] == "nested-categories"
    services = [svc_of(k) for k in spec.services]
    news = news_sorted(spec)
    shell = SPA_SHELL.format(title=e(spec.label), app=e(spec.label))
    js = SPA_JS_NESTED if nested else SPA_JS_JSONAPI
    out.put("/js/app.js", js)
    out.put("/js/chunk-vendors.js", "/* vendor bundle: vue, vue-router, axios (minified) */\n"
            "!function(){var e={};window.__vendors__=e}();\n")
    out.put("/css/app.css", "#app{font-family:Avenir,Helvetica,Arial,sans-serif}\n")
    contact = f"{spec.address}. Telepon {spec.phone}. Jam layanan {spec.hours}."
    for path in ["/", "/layanan", "/kontak"]:
        out.put(path, shell)
    out.record("home", "home", spec.label, ["/"])
    out.record("kontak", "contact", "Kontak", ["/kontak"])
    detail_paths = {}
    for i, s in enumerate(services, 1):
        assert s.facts is not None
        out.put(f"/layanan/{s.slug}", shell)
        detail_paths[s.key] = f"/api/v1/services/{i}" if nested else f"/api/v1/layanan/{i}"
        out.record(f"svc:{s.key}", "service", s.title, [f"/layanan/{s.slug}"], service=s.key,
                   minor=[detail_paths[s.key]])
    for n in news:
        out.put(f"/berita/{n.slug}", shell)
        out.record(f"news:{n.slug}", "news", n.title, [f"/berita/{n.slug}"])

    def dump(obj: object) -> str:
        return json.dumps(obj, ensure_ascii=False, indent=1)

    if nested:
        def item(i: int, s: Svc) -> dict:
            f = s.facts
            return {"id": i, "slug": s.slug, "judul": s.title, "ringkasan": s.intro,
                    "detail": {"persyaratan": f.requirements, "alur": f.procedure,
                               "waktu": f.duration or None, "biaya": f.cost or None,
                               "daring": f.online or None, "dasar_hukum": f.legal or None}}
        items = [(i, s) for i, s in enumerate(services, 1)]
        groups = [("Penerimaan Murid Baru", [x for x in items if "bantuan" not in x[1].intro
                                             and x[1].key != "beasiswa"]),
                  ("Bantuan Pendidikan", [x for x in items if x[1].key == "beasiswa"])]
        payload = {"status": "success",
                   "data": {"kategori": [{"id": g, "nama": name,
                                          "layanan": [item(i, s) for i, s in members]}
                                         for g, (name, members) in enumerate(groups, 1)]},
                   "meta": {"total": len(items), "limit": 100}}
        out.put("/api/v1/services?limit=100", dump(payload), ext=".json")
        for i, s in items:
            out.put(f"/api/v1/services/{i}", dump({"status": "success", "data": item(i, s)}),
                    ext=".json")
        out.put("/api/v1/pages/kontak", dump({"status": "success", "data": {
            "judul": "Kontak", "isi": contact}}), ext=".json")
        for n in news:
            out.put(f"/api/v1/pages/berita-{n.slug}", dump({"status": "success", "data": {
                "judul": n.title, "isi": f"{tanggal(n.date)}. {n.text}"}}), ext=".json")
    else:
        data, included = [], []
        for i, s in enumerate(services, 1):
            f = s.facts
            refs = []
            for j, r in enumerate(f.requirements, 1):
                refs.append({"type": "persyaratan", "id": f"{i}-{j}"})
                included.append({"type": "persyaratan", "id": f"{i}-{j}",
                                 "attributes": {"teks": r}})
            data.append({"type": "layanan", "id": str(i),
                         "attributes": {"nama": s.title, "slug": s.slug, "deskripsi": s.intro,
                                        "alur": f.procedure, "waktu": f.duration,
                                        "biaya": f.cost},
                         "relationships": {"persyaratan": {"data": refs}}})
        out.put("/api/v1/layanan?include=persyaratan",
                dump({"data": data, "included": included,
                      "meta": {"kontak": contact, "berita": [
                          {"judul": n.title, "tanggal": n.date, "isi": n.text} for n in news]}}),
                ext=".json")
        for i, d in enumerate(data, 1):
            mine = [x for x in included if x["id"].startswith(f"{i}-")]
            out.put(f"/api/v1/layanan/{i}", dump({"data": d, "included": mine}), ext=".json")
    if spec.options.get("sitemap"):
        urls = ["/", "/layanan", "/kontak"] + [f"/layanan/{s.slug}" for s in services]
        body = "".join(f"<url><loc>{out.url(u)}</loc></url>" for u in urls)
        out.put("/sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http:'
                f'//www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>', ext=".xml")
        out.put("/robots.txt", f"User-agent: *\nAllow: /\nSitemap: {out.url('/sitemap.xml')}\n",
                ext=".txt")


# ---------------------------------------------------------------------------------------
# Family: Google-Sites-like one-page site
# ---------------------------------------------------------------------------------------

GSITES_WORDS = {"req": "Yang perlu dibawa", "proc": "Alurnya", "time": "Waktu",
                "cost": "Biaya", "online": "Daring", "legal": "Dasar hukum"}
GSITES_EXTRA = {
    "puskesmas": [("Jadwal Poli",
                   "Poli umum, poli gigi dan KIA/KB buka setiap hari kerja. Imunisasi bayi "
                   "setiap Rabu, kelas ibu hamil setiap Kamis pekan kedua.")],
    "uptd-ppa": [("PITA MOLIN",
                  "PITA MOLIN (Pelayanan, Informasi, dan Konsultasi melalui Mobil "
                  "Perlindungan) adalah mobil layanan UPTD PPA yang mendatangi kelurahan untuk "
                  "konsultasi dan penjangkauan korban.")],
    "bpbd": [("Nomor Penting Saat Banjir",
              "Pusdalops BPBD dan Call Center 112 menerima laporan 24 jam. Siapkan tas siaga "
              "berisi dokumen penting, obat dan senter.")],
}


def render_googlesites(out: Out, ctx: Ctx) -> None:
    spec = out.spec
    services = [svc_of(k) for k in spec.services]

    def hid(text: str) -> str:
        return "h." + hashlib.md5(text.encode()).hexdigest()[:12]

    def para(text: str) -> str:
        return f'<p class="zfr3Q CDt4Ke" dir="ltr"><span class="C9DxTc">{text}</span></p>'

    def section(title: str, inner: str) -> str:
        return (f'<section id="{hid(title)}" class="yaqOZd"><div class="mYVXT"><div class="LS81yb '
                f'VICjCf j5pSsc db35Fc" tabindex="-1"><div class="hJDwNd-AhqUyc-uQSCkd Ft7HRd-Ah'
                f'qUyc-uQSCkd purZT-AhqUyc-II5mzb ZcASvf-AhqUyc-II5mzb"><div class="JNdkSc-SmKAyb '
                f'LkDMRd"><div class="tyJCtd mGzaTb Depvyb baZpAe"><h2 id="{hid(title)}-t" '
                f'class="zfr3Q OmQG5e" dir="ltr"><span class="C9DxTc">{e(title)}</span></h2>'
                f'{inner}</div></div></div></div></div></section>')

    blocks = [section("Tentang Kami", para(e(spec.about)))]
    for s in services:
        assert s.facts is not None
        inner = para(e(s.intro))
        for label, value in fact_lines(s.facts):
            if isinstance(value, list):
                inner += para(f"<strong>{e(GSITES_WORDS[label])}:</strong>")
                inner += ('<ul class="n8H08c UVNKR" dir="ltr">' + "".join(
                    f'<li class="zfr3Q TYR86d eD0Rn" dir="ltr">{para(e(v))}</li>'
                    for v in value) + "</ul>")
            else:
                inner += para(f"<strong>{e(GSITES_WORDS[label])}:</strong> {e(value)}")
        blocks.append(section(s.title, inner))
    for title, text in GSITES_EXTRA.get(spec.name, []):
        blocks.append(section(title, para(e(text))))
    blocks.append(section("Kontak dan Lokasi",
                          para(f"Alamat: {e(spec.address)}") + para(f"Telepon: {e(spec.phone)}")
                          + para(f"Jam pelayanan: {e(spec.hours)}")
                          + '<iframe src="https://www.google.com/maps/embed?pb=!1m14" '
                            'width="100%" height="300"></iframe>'))
    nav = "".join(f'<li class="VsJjtf"><a class="aJHbb dk90Ob hDrhEe HlqNPb" href="#{hid(t)}">'
                  f'{e(t)}</a></li>' for t in ["Tentang Kami"] + [s.title for s in services]
                  + ["Kontak dan Lokasi"])
    title = spec.options["title"]
    html_text = f"""<!DOCTYPE html><html lang="id" dir="ltr"><head><meta charset="utf-8"><meta property="og:title" content="{e(title)}"><meta property="og:type" content="website"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{e(title)}</title><link rel="stylesheet" href="https://www.gstatic.com/_/atari/_/ss/k=atari.vw.7Q0y8wFt5Xo.L.W.O/d=1/rs=AGEqA5kE" nonce="sites"></head>
<body><div class="Xpil1b xgQ6eb"></div><div jscontroller="pc62j" jsmodel="iTeaXe" jsaction="rcuQ6b:WYd;GvneHb:og1FDd;vbaUQc:uAM5ec;"><div class="zDUgLc"></div>
<div class="LqzjUe" role="navigation"><div class="Mz8gvb"><a class="jgXgSe HlqNPb" href="#">{e(spec.label)}</a></div><ul class="jYxBte Fpy8Db" role="navigation">{nav}</ul></div>
<div role="main" tabindex="-1" class="UtePc RCETm" dir="ltr">
<section id="{hid('banner')}" class="yaqOZd LB7kq nyKByd"><div class="IFuOkc"></div><div class="mYVXT"><div class="tyJCtd baZpAe"><p class="zfr3Q duRjpb CDt4Ke" dir="ltr"><span class="C9DxTc">{e(spec.label)}</span></p></div></div></section>
{''.join(blocks)}
</div>
<div class="Xpil1b"></div><div jscontroller="j1RDQb" class="dZA9kd ynRLnc" data-last-updated-at-time="1735689600000" data-is-preview="false"><div role="button" class="U26fgb JRtysb WzwrXb I12f0b K2mXPb zXBiaf ynRLnc" aria-label="Info Situs"></div><div class="JAPqpe K0NPx"><span jsslot class="z80M1 FeRvI"><div class="aBBjbd MbhUzd" jsname="ksKsZd"></div><div class="uyYuVb oJeWuf"><a class="jO7h3c" href="https://support.google.com/sites/answer/90598">Laporkan penyalahgunaan</a></div></span><span class="z80M1 FeRvI">Google Sites</span></div></div></div>
</body></html>
"""
    out.put("/", html_text)
    out.record("home", "home", spec.label, ["/"])
    out.record("kontak", "contact", "Kontak dan Lokasi", ["/"])
    for s in services:
        out.record(f"svc:{s.key}", "service", s.title, ["/"], service=s.key)


RENDERERS = {"joomla": render_joomla, "blogger": render_blogger, "aspnet": render_aspnet,
             "laravel": render_laravel, "opensid": render_opensid, "spa": render_spa,
             "googlesites": render_googlesites}


# ---------------------------------------------------------------------------------------
# App catalog: a spreadsheet export (semicolon CSV) on Diskominfo's download page
# ---------------------------------------------------------------------------------------

# (key, name, owner, description written here, URL: "site/page" for a page of this web,
#  "=match" for the URL apps.jsonl gives the app whose name contains match, "" for none,
#  status)
CATALOG = [
    ("sikoja", "SiKoja", "Diskominfo Kota Jambi",
     "Aplikasi induk Pemkot Jambi: info layanan, kesehatan, pendidikan dan darurat.",
     "diskominfo/app:sikoja", "Aktif"),
    ("sikesal", "SiKesal (Sistem Informasi Keluhan Masyarakat Online)", "Diskominfo Kota Jambi",
     "Kirim keluhan dengan foto dan titik lokasi; diteruskan ke OPD terkait.",
     "diskominfo/svc:sikesal", "Aktif"),
    ("cc112", "Call Center 112", "Diskominfo Kota Jambi",
     "Panggilan darurat bebas pulsa 24 jam.", "diskominfo/svc:cc112", "Aktif"),
    ("simerahkoja", "Si Merah Koja", "Dinas Pemadam Kebakaran dan Penyelamatan",
     "Laporan kebakaran dan penyelamatan dengan lokasi kejadian.",
     "damkar/si-merah-koja", "Aktif"),
    ("kartubahagia", "Kartu Bahagia", "Pemkot Jambi (Dinsos, Dinkes, Disdik)",
     "Kartu program sosial kota: berobat gratis, beasiswa, santunan.", "dinsos/svc:uhc",
     "Aktif"),
    ("sipaten", "SIPATEN", "Kecamatan se-Kota Jambi",
     "Pelayanan administrasi terpadu kecamatan secara daring.",
     "kec-jambi-timur/sipaten", "Aktif"),
    ("ppdb", "PPDB/SPMB Online Kota Jambi", "Dinas Pendidikan", "Pendaftaran murid baru "
     "SD dan SMP negeri.", "=PPDB/SPMB Online", "Aktif"),
    ("pbbonline", "Info Tagihan PBB Online", "BPPRD Kota Jambi",
     "Lihat tagihan dan status bayar PBB dengan NOP.", "bpprd/svc:pbb-cek", "Aktif"),
    ("perizinan", "Perizinan Online", "DPMPTSP Kota Jambi",
     "Informasi dan pengajuan izin daerah.", "dpmptsp/home", "Aktif"),
    ("ppid", "PPID Kota Jambi", "Diskominfo Kota Jambi", "Permohonan informasi publik.",
     "=Aplikasi PPID", "Aktif"),
    ("ppid-alias", "Aplikasi PPID", "Diskominfo Kota Jambi", "e-PPID Pemerintah Kota Jambi.",
     "=Aplikasi PPID", "Aktif"),
    ("opendata", "Open Data Kota Jambi", "Diskominfo Kota Jambi",
     "Kumpulan dataset sektoral Pemkot Jambi.", "=Open Data Kota Jambi", "Aktif"),
    ("pitamolin", "PITA MOLIN", "UPTD PPA DPMPPA Kota Jambi",
     "Mobil layanan konsultasi dan perlindungan perempuan dan anak.", "uptd-ppa/home",
     "Aktif"),
    ("tirtamayang", "Hotline Perumda Tirta Mayang", "Perumda Air Minum Tirta Mayang",
     "Pengaduan gangguan air lewat WhatsApp.", "pdam/svc:pdam-aduan", "Aktif"),
    ("ikd", "IKD (Identitas Kependudukan Digital)", "Disdukcapil / Ditjen Dukcapil",
     "KTP digital di ponsel.", "disdukcapil/svc:ikd", "Aktif"),
    ("oss", "OSS RBA", "Kementerian Investasi/BKPM", "Perizinan berusaha terintegrasi, "
     "penerbitan NIB.", "=OSS RBA", "Aktif"),
    ("simbg", "SIMBG", "Kementerian PUPR", "Pengajuan PBG dan SLF secara daring.", "=SIMBG",
     "Aktif"),
    ("lapor", "SP4N-LAPOR!", "KemenPANRB", "Kanal pengaduan pelayanan publik nasional.",
     "=SP4N-LAPOR", "Aktif"),
    ("siapkerja", "SIAPkerja", "Kemnaker", "Akun pencari kerja dan kartu AK/1 daring.",
     "=SIAPkerja", "Aktif"),
    ("sippn", "SIPPN", "KemenPANRB", "Sistem informasi pelayanan publik nasional.", "=SIPPN",
     "Aktif"),
    ("wbs", "WBS Pemprov Jambi", "Inspektorat Provinsi Jambi",
     "Pelaporan pelanggaran oleh ASN provinsi.", "=WBS Pemprov", "Aktif"),
    ("jcoc", "Jambi City Operation Center", "Diskominfo Kota Jambi",
     "Ruang kendali kota cerdas.", "diskominfo/app:jcoc", "Aktif"),
    ("spbe", "Portal SPBE", "Diskominfo Kota Jambi", "Layanan SPBE untuk aparatur.",
     "diskominfo/app:portal-spbe", "Aktif"),
    ("dishubsmart", "Dishub Smart", "Dinas Perhubungan", "Aplikasi lama Dishub.", "",
     "Non-Aktif"),
    ("eagenda", "E-Agenda", "Bagian Umum Setda", "Agenda pimpinan.", "", "Tidak Aktif"),
]


def app_url(apps: list[dict], match: str) -> str:
    hits = [a for a in apps if match.lower() in a["name"].lower() and a.get("url")]
    if len(hits) != 1 or not hits[0]["url"].startswith("http"):
        raise SystemExit(f"apps.jsonl: {match!r} does not name one app with a web URL")
    return hits[0]["url"]


def build_catalog(apps: list[dict], recs: dict[tuple[str, str], Rec]) -> dict[str, str]:
    """The catalog's URL for each app key, and the CSV text (key "" )."""
    urls: dict[str, str] = {}
    for key, _name, _owner, _desc, where, _status in CATALOG:
        if where.startswith("="):
            urls[key] = app_url(apps, where[1:])
        elif where:
            site, page = where.split("/", 1)
            urls[key] = recs[(site, page)].urls[0]
        else:
            urls[key] = ""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(["No", "Nama Aplikasi", "Perangkat Daerah", "Keterangan", "Alamat URL",
                     "Status"])
    for i, (key, name, owner, desc, _where, status) in enumerate(CATALOG, 1):
        writer.writerow([i, name, owner, desc, urls[key], status])
    urls[""] = buf.getvalue()
    return urls


# ---------------------------------------------------------------------------------------
# Judged queries, written before any ranker ran on them.
# Tokens: "svc" = every page answering that service, grade 2 (its PDF / API item grade 1);
# "svc~1" the same at grade 1; "site/page" a page by key (grade 2, "~1" for 1);
# "@app" the app's catalog URL (grade 2, "~1" for 1).
# ---------------------------------------------------------------------------------------

QUERIES = {
    "formal": [
        ("persyaratan perekaman ktp elektronik bagi penduduk usia 17 tahun", "ktp-baru"),
        ("penerbitan kutipan akta kematian", "akta-mati"),
        ("penerbitan surat keterangan pindah warga negara indonesia",
         "pindah-keluar pindah-datang~1"),
        ("pengajuan keberatan atas ketetapan pajak bumi dan bangunan",
         "pbb-keberatan pbb-pembetulan~1"),
        ("pengalihan nama wajib pajak pada sppt", "pbb-mutasi pbb-pembetulan~1 bphtb~1"),
        ("pengujian berkala kendaraan angkutan barang", "kir"),
        ("persetujuan bangunan gedung untuk rumah tinggal", "pbg slf~1"),
        ("surat izin praktik tenaga bidan", "sip-bidan sip-perawat~1 sip-dokter~1"),
        ("penerbitan kartu tanda pencari kerja", "ak1"),
        ("pengusulan keluarga ke data terpadu kesejahteraan sosial", "dtks"),
        ("pemasangan sambungan baru air minum", "pdam-pasang"),
        ("penerbitan surat keterangan domisili oleh kelurahan", "skd"),
        ("pencatatan perkawinan bagi penduduk non muslim", "akta-kawin nikah-kua~1"),
        ("tata cara permohonan informasi publik", "ppid @ppid~1"),
        ("pendaftaran wajib pajak rumah makan", "pajak-resto"),
        ("pemeriksaan kesehatan gratis bagi masyarakat", "ckg puskesmas-dasar~1"),
    ],
    "colloquial": [
        ("gimana cara bikin ktp buat anak yg baru 17 taun", "ktp-baru"),
        ("ktp aku ilang harus ngapain", "ktp-hilang ktp-baru~1"),
        ("mau nambahin nama anak di kk", "kk-ubah akta-lahir~1"),
        ("bikin akte lahir anak perlu bawa apa aja", "akta-lahir"),
        ("bayar pbb bisa dimana aja", "pbb-bayar pbb-cek~1"),
        ("cara ngecek tagihan pbb rumah", "pbb-cek pbb-bayar~1"),
        ("daftar smp negeri tahun ini gimana caranya", "spmb-smp"),
        ("mau buka praktek dokter gigi izinnya apa", "sip-dokter"),
        ("mau pasang air pdam di rumah baru", "pdam-pasang"),
        ("ngurus surat pindah keluar kota", "pindah-keluar"),
        ("minta surat keterangan miskin buat sekolah anak", "sktm beasiswa~1"),
        ("daftar bpjs gratis dari pemkot", "uhc"),
        ("pelatihan kerja gratis di jambi", "balikat"),
        ("kartu pencari kerja buat ngelamar cpns", "ak1"),
        ("ktp di hp itu gimana aktifinnya", "ikd"),
        ("cetak ulang ktp soalnya udah nikah", "ktp-ubah kk-ubah~1"),
        ("kantor pdam dimana ya", "pdam/kontak pdam/home~1"),
    ],
    "abbreviation": [
        ("syarat kia", "kia"),
        ("skpwni", "pindah-keluar pindah-datang~1"),
        ("sktm kelurahan", "sktm"),
        ("bphtb jual beli tanah", "bphtb"),
        ("sppt pbb salah luas tanah", "pbb-pembetulan pbb-keberatan~1"),
        ("nib umkm", "nib @oss~1"),
        ("slf bangunan", "slf pbg~1"),
        ("sipp perawat", "sip-perawat"),
        ("dtks bansos", "dtks"),
        ("uhc kota jambi", "uhc"),
        ("skd usaha", "skd"),
        ("ckg puskesmas", "ckg puskesmas-dasar~1"),
        ("ikd dukcapil", "ikd"),
        ("pju mati", "pju sikesal~1"),
        ("uptd ppa lapor kekerasan", "ppa-aduan"),
        ("bpjs tk pekerja rentan", "santunan"),
    ],
    "typo": [
        ("akte kelahirn", "akta-lahir"),
        ("kartu keluaga hilang", "kk-hilang kk-baru~1"),
        ("perekamn ktp el", "ktp-baru"),
        ("pajak restoarn", "pajak-resto"),
        ("surat keterngan domisli", "skd"),
        ("izn praktek bdan", "sip-bidan"),
        ("pendaftran smp negri", "spmb-smp"),
        ("pengaduan jln rusak", "jalan-rusak sikesal~1"),
        ("evakuasi ulr masuk rumah", "damkar-evakuasi"),
        ("pasng baru pdam", "pdam-pasang"),
        ("legalisr fotokopi kk", "legalisir"),
        ("kartu idntitas anak", "kia"),
        ("pajak reklme baliho", "pajak-reklame izin-reklame~1"),
        ("beasiwa kartu bahagia", "beasiswa"),
        ("akta perceraan", "akta-cerai"),
        ("retribsi tpa talang gulo", "tpa-retribusi"),
    ],
    "old-term": [
        ("urus imb rumah", "pbg slf~1 @simbg~1"),
        ("bikin siup", "nib @oss~1"),
        ("tdp perusahaan", "nib"),
        ("izin gangguan ho", "nib"),
        ("e-ktp hilang", "ktp-hilang"),
        ("cetak e-ktp pemula", "ktp-baru"),
        ("kartu kuning disnaker", "ak1"),
        ("keur mobil pick up", "kir"),
        ("ppdb zonasi smp", "spmb-smp"),
        ("ppdb sd negeri", "ppdb-sd"),
        ("akte kenal lahir", "akta-lahir"),
        ("surat keterangan kelakuan baik", "skck"),
        ("jamkesda kota jambi", "uhc"),
        ("alamat kantor catatan sipil", "disdukcapil/kontak disdukcapil/profil~1"),
        ("bayar ipeda", "pbb-bayar"),
        ("telepon pmk kota jambi", "damkar-padam damkar/kontak~1 cc112~1"),
    ],
    "english": [
        ("how to get a birth certificate", "akta-lahir"),
        ("lost id card replacement", "ktp-hilang ktp-baru~1"),
        ("new family card", "kk-baru"),
        ("building permit jambi", "pbg slf~1"),
        ("business registration number", "nib @oss~1"),
        ("property tax payment", "pbb-bayar pbb-cek~1"),
        ("land and building acquisition duty", "bphtb"),
        ("passport application jambi", "paspor"),
        ("police clearance certificate", "skck"),
        ("vehicle roadworthiness test", "kir"),
        ("snake removal service", "damkar-evakuasi"),
        ("fire department emergency number", "damkar-padam cc112"),
        ("water connection for a new house", "pdam-pasang"),
        ("job seeker card", "ak1"),
        ("public service mall jambi opening hours", "mpp/kontak mpp-info~1 mpp/home~1"),
        ("report domestic violence against women and children", "ppa-aduan"),
    ],
    "jambi-malay": [
        ("cakmano nak bikin kk baru", "kk-baru"),
        ("kemano ngurus akte lahir anak", "akta-lahir"),
        ("apo syaratnyo nak pindah dari jambi", "pindah-keluar"),
        ("ktp ilang cakmano ngurusnyo", "ktp-hilang"),
        ("nak daftar smp negeri apo bae syaratnyo", "spmb-smp"),
        ("air pdam dak ngalir sudah duo hari", "pdam-aduan"),
        ("sampah dak diangkut-angkut", "sampah-aduan"),
        ("lampu jalan mati kemano nak lapor", "pju sikesal~1"),
        ("ado ular masuk rumah nelpon siapo", "damkar-evakuasi cc112~1"),
        ("bayar pbb kemano", "pbb-bayar"),
        ("nak bikin surat domisili di kelurahan", "skd"),
        ("idak punyo bpjs nak berobat gratis", "uhc puskesmas-dasar~1"),
        ("nak ngurus kartu kuning apo syaratnyo", "ak1"),
        ("cakmano daftar bansos pkh", "dtks"),
        ("nak buka usaho izinnyo cakmano", "nib"),
        ("kantor capil tu dimano", "disdukcapil/kontak disdukcapil/profil~1"),
    ],
    "problem": [
        ("anak mau masuk sd", "ppdb-sd"),
        ("rumah kebanjiran air sungai naik", "banjir drainase~1"),
        ("jalan depan rumah berlubang besar", "jalan-rusak sikesal~1"),
        ("parit depan rumah mampet airnya meluap", "drainase"),
        ("orang tua meninggal mau urus surat", "akta-mati santunan~1"),
        ("baru nikah mau pisah kk dari orang tua", "kk-baru kk-ubah~1"),
        ("baru pindah ke jambi dari palembang", "pindah-datang"),
        ("anak sekolah dari keluarga kurang mampu butuh bantuan biaya", "beasiswa sktm~1"),
        ("ada sarang tawon di atap rumah", "damkar-evakuasi"),
        ("dipukul suami mau lapor", "ppa-aduan"),
        ("air keran keruh dan bau", "pdam-aduan"),
        ("beli tanah mau balik nama sertifikat", "bphtb pbb-mutasi~1"),
        ("truk batu bara lewat jalan kampung", "truk-batubara"),
        ("lampu jalan gang gelap sudah seminggu", "pju sikesal~1"),
        ("buka warung makan harus bayar pajak apa", "pajak-resto nib~1"),
        ("tumpukan sampah di tps pasar bau", "sampah-aduan"),
    ],
    "app": [
        ("aplikasi pengaduan kota jambi", "@sikesal @lapor~1"),
        ("download sikoja", "@sikoja"),
        ("aplikasi lapor kebakaran", "@simerahkoja damkar-padam~1"),
        ("cek tagihan pbb online", "@pbbonline"),
        ("oss perizinan berusaha", "@oss nib~1"),
        ("simbg pbg online", "@simbg pbg~1"),
        ("sp4n lapor", "@lapor"),
        ("siapkerja kemnaker", "@siapkerja ak1~1"),
        ("aplikasi ppid kota jambi", "@ppid ppid~1"),
        ("aplikasi ktp digital", "@ikd"),
        ("whistleblowing system pemprov jambi", "@wbs"),
        ("open data kota jambi", "@opendata"),
        ("layanan sipaten kecamatan", "@sipaten"),
        ("mobil perlindungan pita molin", "@pitamolin ppa-aduan"),
        ("nomor darurat 112", "@cc112"),
        ("portal ppdb online kota jambi", "@ppdb spmb-smp~1 ppdb-sd~1"),
    ],
}


def judge(tokens: str, recs: dict[tuple[str, str], Rec], app_urls: dict[str, str]
          ) -> dict[str, int]:
    """Resolve a judgment string into {URL: grade}; a URL judged twice keeps its best."""
    grades: dict[str, int] = {}

    def give(url: str, grade: int) -> None:
        grades[url] = max(grade, grades.get(url, 0))

    for token in tokens.split():
        token, _, low = token.partition("~")
        grade = 1 if low else 2
        if token.startswith("@"):
            give(app_urls[token[1:]], grade)
        elif "/" in token:
            site, page = token.split("/", 1)
            for url in recs[(site, page)].urls:
                give(url, grade)
        else:
            found = [r for r in recs.values() if r.service == token]
            if not found:
                raise SystemExit(f"judgment names service {token!r}, which no page answers")
            for rec in found:
                for url in rec.urls:
                    give(url, grade)
                for url in rec.minor:
                    give(url, max(grade - 1, 1))
    return grades


# ---------------------------------------------------------------------------------------
# Writing it all
# ---------------------------------------------------------------------------------------

README = """# Held-out web and judged queries (never tune on this)

This folder is sikoja's **honest measurement**. It is written by `tools/make_heldout_web.py`
(re-run it to regenerate; do not edit by hand) and is independent of the sample web in
`sikoja/demo/sites/` and of the dev set `eval/devset.tsv`:

- the sites use template families the sample/tuning web does not have;
- the {n_queries} queries in `queries.tsv` were written and judged by meaning before any ranker
  ran on them.

**The rule: never tune on it.** Do not read these pages or queries to design rules, synonyms,
boosts or thresholds; do not run `sikoja search` on these queries to adjust anything. Report
its scores apart from the dev set's, and say which commit measured them. If a change is made
*because* of a held-out result, the held-out set is spent and must be rewritten.

## Families

| family | sites | what makes it hard |
|---|---|---|
{family_rows}

## Sites and ports (default base port {base_port})

| port | site | family | agency |
|---|---|---|---|
{site_rows}

The app catalog is a semicolon CSV on Diskominfo's download page
(`/{catalog_file}`); some apps point at a service page of this web, some at their own site.

## Serve, crawl, evaluate

```sh
python -m sikoja.demo.server --root eval/heldout/sites            # ports {base_port}-{last_port}
python -m sikoja.cli crawl --config eval/heldout/sources.yaml --data-dir /tmp/heldout
python -m sikoja.cli index --data-dir /tmp/heldout
python -m sikoja.cli eval --data-dir /tmp/heldout --queries eval/heldout/queries.tsv
```

Run the evaluation to *report* a finished change (once, at the commit being measured), never
inside a loop that picks settings. Report its numbers apart from the dev set's.

The server also takes `--base-port N` (0 = any free block); it then rewrites the pages'
absolute `127.0.0.1:{base_port}+` links to the ports in use. Judged URLs are on the default
ports; map a result's port back before comparing.

## Judgments (`queries.tsv`)

Tab-separated, UTF-8, header `qid	category	query	relevant`; `relevant` is space-separated
`URL=grade`, split at the **last** `=`. Grades: 2 = the exact service page or app (an agency's
page and the Mal Pelayanan Publik's re-listing of the same service are both 2; a Joomla article
reached through its SEF and its `index.php?option=...` link is judged under both URLs);
1 = acceptable (a neighbouring service, a service's Standar Pelayanan PDF or API item, the page
about an app). Anything unlisted is 0, news included. "Where is the office" queries are judged
to the contact page (2) and the profile page (1). On a one-page site every service is the
site's root URL. A Blogger page is judged under its canonical URL, not its `?m=1` twin.
App queries are judged by the app's URL in the catalog.

Categories ({per_category}): {categories}.

## Out-of-vocabulary queries (`oov_candidates.tsv`, `oov.tsv`)

Issue #16's `oov` category: queries whose content words appear in no lexicon entry
(`indexer/analysis/data`) and no synonym rule (`synonyms/data/default.txt`). The candidates in
`oov_candidates.tsv` (same format and grading as above, category `oov`) were written and judged
from these pages by meaning, before any ranker ran on them, by someone who does not tune;
they are not written by this generator. `oov.tsv` is what a script keeps of them, never
edited by hand:

```sh
python tools/select_oov.py   # eval/heldout/oov_candidates.tsv -> eval/heldout/oov.tsv
```

It prints why it rejected each other candidate (which word, in which entry). The selection
was made once, against the lexicons of the commit that added it, before any tuning, and is
frozen: do not re-run it after lexicons grow, or tuning would take the hard queries out of the
set (`tests/test_select_oov.py` checks the set is an unchanged selection of the candidates). `bench/eval_webs.py` reports `oov` as one more category row of
the held-out web, on the same crawl, never in its overall score.
"""

FAMILY_NOTES = {
    "joomla": "SEF and raw `index.php?option=com_content` URLs for one article; h2 headline; "
              "`?start=10` category pages; J4 prints the menu title as the only h1",
    "blogger": "blog name is the h1, post title an h3; `?m=1`/`?m=0` twins; labels behind "
               "robots.txt; date headers as h2",
    "aspnet": "`Default.aspx?id=N`, `__VIEWSTATE`, postback links, nested tables, no h1, "
              "site name first in the title, windows-1252",
    "laravel": "service pages hold one sentence; the facts are only in the Standar "
               "Pelayanan PDF",
    "opensid": "every page lists every service in its sidebar; dated article URLs or "
               "`/first/artikel/N`",
    "spa": "every route is the same empty shell; content only in a JSON API",
    "googlesites": "one page holds every service; the title itself contains dashes",
}


def default_data_dir() -> Path:
    return DATA_DIR if DATA_DIR.is_dir() or not DATA_FALLBACK.is_dir() else DATA_FALLBACK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_data_dir(),
                        help="shared data folder (default: ../shared/data beside the repo)")
    parser.add_argument("--out", type=Path, default=OUT_DIR,
                        help="output folder (default: eval/heldout)")
    args = parser.parse_args(argv)
    raw_services = load_jsonl(args.data / "services.jsonl")
    opds = load_jsonl(args.data / "opds.jsonl")
    apps = load_jsonl(args.data / "apps.jsonl")
    for svc in SERVICES:
        svc.facts = facts_for(raw_services, svc.match)

    overrides = {"kel-kenali-asam": "Kelurahan Kenali Asam Bawah (Kecamatan Kota Baru)",
                 "puskesmas": "UPTD Puskesmas Simpang Kawat (Dinas Kesehatan Kota Jambi)",
                 "uptd-ppa": "UPTD PPA, " + opd_name(opds, "DPMPPA")}
    outs = [Out(spec, i, overrides.get(spec.name) or opd_name(opds, spec.abbr))
            for i, spec in enumerate(SITES)]
    ctx = Ctx({o.spec.name: (o.spec.label, o.origin) for o in outs})
    for o in outs:
        RENDERERS[o.spec.family](o, ctx)
    recs = {(o.spec.name, key): rec for o in outs for key, rec in o.recs.items()}
    app_urls = build_catalog(apps, recs)
    catalog_out = next(o for o in outs if o.spec.name == CATALOG_SITE)
    catalog_out.put("/" + CATALOG_FILE, app_urls.pop(""))

    sites_dir = args.out / "sites"
    if sites_dir.exists():
        shutil.rmtree(sites_dir)
    for o in outs:
        root = sites_dir / o.spec.name
        for rel, data in sorted(o.files.items()):
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if o.routes:
            (root / "_routes.json").write_text(
                json.dumps(dict(sorted(o.routes.items())), indent=1, ensure_ascii=False) + "\n",
                encoding="utf-8")
    manifest = {"base_port": BASE_PORT,
                "catalog": {"site": CATALOG_SITE, "file": CATALOG_FILE},
                "sites": [{"name": o.spec.name, "opd": o.opd, "port_offset": o.port_offset,
                           "family": o.spec.family} for o in outs]}
    (sites_dir / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    from sikoja.demo.server import load_manifest, render_sources
    sites = load_manifest(sites_dir)
    header = ("The HELD-OUT Kota Jambi web on its default ports (8801...): never tune on it.\n"
              "Serve it with: python -m sikoja.demo.server --root eval/heldout/sites\n"
              "Generated by tools/make_heldout_web.py; do not edit by hand.")
    (args.out / "sources.yaml").write_text(
        render_sources({o.spec.name: o.origin for o in outs}, sites, header, CATALOG_SITE,
                       CATALOG_FILE), encoding="utf-8")

    lines = ["qid\tcategory\tquery\trelevant"]
    n = 0
    seen: set[str] = set()
    for category in CATEGORIES:
        for query, tokens in QUERIES[category]:
            if query in seen:
                raise SystemExit(f"query written twice: {query!r}")
            seen.add(query)
            n += 1
            grades = judge(tokens, recs, app_urls)
            relevant = " ".join(f"{url}={g}" for url, g in grades.items())
            lines.append(f"h{n:03d}\t{category}\t{query}\t{relevant}")
    (args.out / "queries.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    families: dict[str, list[str]] = {}
    for o in outs:
        families.setdefault(o.spec.family, []).append(o.spec.name)
    family_rows = "\n".join(f"| {fam} | {', '.join(names)} | {FAMILY_NOTES[fam]} |"
                            for fam, names in families.items())
    site_rows = "\n".join(f"| {BASE_PORT + o.port_offset} | {o.spec.name} | {o.spec.family} | "
                          f"{o.opd} |" for o in outs)
    counts = {c: len(QUERIES[c]) for c in CATEGORIES}
    (args.out / "README.md").write_text(README.format(
        n_queries=n, family_rows=family_rows, site_rows=site_rows, base_port=BASE_PORT,
        last_port=BASE_PORT + len(outs) - 1, catalog_file=CATALOG_FILE,
        per_category=", ".join(f"{c} {k}" for c, k in counts.items()),
        categories=", ".join(CATEGORIES)), encoding="utf-8")
    pages = sum(len(o.recs) for o in outs)
    print(f"wrote {len(outs)} sites ({len(families)} families, {pages} page records) and "
          f"{n} judged queries to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
