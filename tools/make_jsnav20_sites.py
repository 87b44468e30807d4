"""Generate the sample sites ``jsnav20-damkar`` and ``jsnav20-dlh``: old sites that navigate by script.

OPD sites built in ASP or PHP a decade ago reach their service pages not only by ``<a href>``.
Both sites (family ``php-js-navigation``, port offsets 127 and 128) are table layouts with
``<font>`` markup and query-string URLs whose service pages and Standar Pelayanan PDFs are
reached ONLY through script; news, profile and contact are plain links:

- ``jsnav20-damkar`` (Dinas Pemadam Kebakaran, classic ASP, ISO-8859-1): the menu's
  "Layanan" is ``href="javascript:void(0)" onclick="window.location.href='layanan.asp'"``;
  the list's rows are clickable (``<tr onclick="location.href='layanan.asp?id=3'">``); a
  Dreamweaver jump menu (``onchange="MM_jumpMenu('parent',this,0)"``) in the side column
  lists some services; a banner on the home page is ``<div onclick="document.location=...">``;
  a service's Standar Pelayanan PDF opens from a button (``window.open('files/...pdf')``).
  The Pemeriksaan Sarana Proteksi Kebakaran service is reached by its row alone.
- ``jsnav20-dlh`` (Dinas Lingkungan Hidup, PHP, windows-1252): the menu calls
  ``bukaHalaman('layanan.php')``, a function of the page that assigns ``document.location``;
  the home page has a jump menu ``<select onchange="location=this.value">``; the list's
  links call ``lihat('3')``, a function that goes to ``'detail.php?id=' + id``; a search
  form ``<form method="get" action="detail.php"><select name="id">`` lists every service,
  one of them (the laboratory) nowhere else; a service's PDF opens from
  ``href="javascript:popup('files/sp/...pdf',640,480)"``; its "back to the list" button is
  ``<input type="button" onclick="self.location='layanan.php'">``.

Every page also carries script that goes nowhere a crawler should: ``history.back()``,
``window.print()``, ``location.reload()``, a ``window.open`` to another host, a ``mailto:``.

It writes the sites' entries in the manifest and ``sources/sample-kota-jambi.yaml``, judges
their service pages into the existing rows of the query files that judge the city's other
pages of the same service (``TWINS``; the highest grade of those a row gives), and appends
their own queries q1990-q2019 to ``eval/devset.tsv``. Idempotent.

Usage: .venv/bin/python tools/make_jsnav20_sites.py
"""

# ruff: noqa: E501  (page prose keeps real pages' long lines)
from __future__ import annotations

import html
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_office_site import judge_query_files, register, write_site  # noqa: E402
from make_sample_sites import make_pdf  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SITES = REPO / "sikoja" / "demo" / "sites"
FAMILY = "php-js-navigation"


def url(port: int, path: str) -> str:
    return f"http://127.0.0.1:{port}{path}"


# -- the services ----------------------------------------------------------------------------

DAMKAR = {
    "name": "jsnav20-damkar", "offset": 127, "ext": "asp", "charset": "iso-8859-1",
    "opd": "Dinas Pemadam Kebakaran dan Penyelamatan Kota Jambi",
    "short": "DAMKAR KOTA JAMBI",
    "address": "Jl. Jenderal Sudirman No. 51, Thehok, Jambi Selatan, Kota Jambi 36138 &middot; Telp. (0741) 41171 &middot; Call Center 112 (bebas pulsa)",
    "email": "damkar@jambikota.go.id",
    "color": "#990000",
    "services": {
        1: {"slug": "pemadaman", "title": "Pemadaman Kebakaran",
            "intro": "Regu pemadam diberangkatkan dari Mako dan pos-pos sektor begitu laporan kebakaran diterima, 24 jam setiap hari.",
            "requirements": ["Lokasi kejadian (alamat, patokan, kelurahan)", "Jenis bangunan atau benda yang terbakar", "Nama dan nomor telepon pelapor"],
            "procedure": ["Hubungi Call Center 112 (bebas pulsa), telepon (0741) 41171, aplikasi Si Merah Koja atau WhatsApp piket", "Petugas piket mencatat dan meneruskan ke pos sektor terdekat", "Regu pemadam diberangkatkan", "Pemadaman, pendinginan dan berita acara kejadian"],
            "duration": "Segera; waktu tanggap (response time) paling lama 15 menit di wilayah kota",
            "cost": "Gratis, tidak dipungut biaya apa pun",
            "legal": "Perwal Kota Jambi Nomor 27 Tahun 2020 tentang Layanan Call Center 112; SPM sub urusan kebakaran",
            "pdf": ("files/SP-Pemadaman-dan-Penyelamatan.pdf", "Standar Pelayanan Pemadaman dan Penyelamatan")},
        2: {"slug": "penyelamatan", "title": "Penyelamatan dan Evakuasi Non Kebakaran",
            "intro": "Selain memadamkan api, petugas menolong warga pada kejadian non kebakaran: evakuasi ular, biawak dan sarang tawon, orang terjebak atau tenggelam, pohon tumbang, hingga cincin yang tersangkut di jari.",
            "requirements": ["Lokasi kejadian", "Jenis kejadian (hewan berbahaya, orang terjebak, cincin tersangkut, pohon tumbang)"],
            "procedure": ["Hubungi Call Center 112 / (0741) 41171 / Si Merah Koja", "Tim rescue diberangkatkan", "Penanganan di lokasi dan serah terima kepada pelapor"],
            "duration": "Segera setelah laporan diterima",
            "cost": "Gratis",
            "legal": "Panca Dharma Pemadam Kebakaran; Permendagri Nomor 16 Tahun 2020",
            "pdf": ("files/SP-Pemadaman-dan-Penyelamatan.pdf", "Standar Pelayanan Pemadaman dan Penyelamatan")},
        3: {"slug": "proteksi", "title": "Pemeriksaan Sarana Proteksi Kebakaran Bangunan Gedung",
            "intro": "Pemeriksaan alat pemadam api ringan (APAR), hidran, sprinkler, alarm kebakaran dan jalur evakuasi pada gedung, hotel, ruko, rumah sakit dan pusat perbelanjaan, sebagai rekomendasi keselamatan kebakaran untuk Persetujuan Bangunan Gedung (PBG) dan Sertifikat Laik Fungsi (SLF).",
            "requirements": ["Surat permohonan pemilik atau pengelola gedung", "Fotokopi KTP-el penanggung jawab", "Gambar denah gedung dan instalasi proteksi kebakaran", "Daftar APAR, hidran dan sistem alarm terpasang", "Fotokopi PBG atau IMB lama bila ada"],
            "procedure": ["Permohonan diajukan ke Bidang Pencegahan Damkar", "Penjadwalan pemeriksaan lapangan", "Pemeriksaan sarana proteksi aktif dan pasif oleh tim", "Berita acara pemeriksaan dan saran perbaikan", "Penerbitan surat rekomendasi keselamatan kebakaran"],
            "duration": "7 hari kerja sejak berkas lengkap",
            "cost": "Tidak dipungut biaya",
            "legal": "Permen PU Nomor 26/PRT/M/2008 tentang Persyaratan Teknis Sistem Proteksi Kebakaran pada Bangunan Gedung",
            "pdf": ("files/SP-Pemeriksaan-Proteksi-Kebakaran.pdf", "Standar Pelayanan Pemeriksaan Sarana Proteksi Kebakaran")},
        4: {"slug": "redkar", "title": "Pendaftaran Relawan Pemadam Kebakaran (REDKAR)",
            "intro": "Relawan Pemadam Kebakaran (REDKAR) dibentuk di tingkat RT agar api dapat ditangani sejak awal sebelum armada tiba. Sejak 2023 sudah 360 relawan dikukuhkan.",
            "requirements": ["Warga Kota Jambi, diusulkan oleh Ketua RT", "Fotokopi KTP-el", "Sehat jasmani dan rohani", "Bersedia mengikuti pelatihan dasar"],
            "procedure": ["Pendaftaran melalui Ketua RT dan Lurah", "Pelatihan dasar pemadaman dan penggunaan APAR", "Pengukuhan sebagai REDKAR"],
            "duration": "Mengikuti jadwal angkatan pelatihan",
            "cost": "Gratis",
            "legal": "SPM sub urusan kebakaran; Keputusan Wali Kota tentang REDKAR",
            "pdf": None},
        5: {"slug": "apar", "title": "Pelatihan dan Simulasi Penggunaan APAR",
            "intro": "Pelatihan pencegahan kebakaran dan simulasi memadamkan api dengan alat pemadam api ringan (APAR) bagi karyawan kantor, pabrik, sekolah, pasar dan kelompok warga.",
            "requirements": ["Surat permohonan instansi, perusahaan atau sekolah", "Jumlah dan daftar peserta", "Tempat terbuka untuk simulasi", "APAR milik pemohon bila ada"],
            "procedure": ["Surat permohonan diantar ke kantor Damkar atau dikirim melalui email", "Penjadwalan oleh Bidang Pencegahan", "Materi pencegahan kebakaran di kelas", "Simulasi pemadaman api dengan APAR dan karung basah", "Sertifikat peserta"],
            "duration": "Dijadwalkan paling lama 14 hari kerja setelah permohonan",
            "cost": "Gratis; bahan bakar simulasi disediakan pemohon",
            "legal": "Permendagri Nomor 16 Tahun 2020 tentang Rincian Tugas Dinas Pemadam Kebakaran",
            "pdf": ("files/SP-Pelatihan-Simulasi-APAR.pdf", "Standar Pelayanan Pelatihan dan Simulasi APAR")},
        6: {"slug": "kunjungan", "title": "Kunjungan Edukasi Sekolah ke Markas Pemadam Kebakaran",
            "intro": "Murid TK, SD dan PAUD dapat berkunjung ke Markas Komando Damkar untuk mengenal mobil pemadam, pakaian tahan api dan cara menyelamatkan diri saat kebakaran.",
            "requirements": ["Surat permohonan kunjungan dari sekolah", "Jumlah murid dan guru pendamping", "Tanggal kunjungan yang diusulkan"],
            "procedure": ["Surat diantar ke Sekretariat Damkar paling lambat 7 hari sebelum kunjungan", "Konfirmasi jadwal melalui telepon", "Kunjungan dan pengenalan armada dipandu petugas"],
            "duration": "Konfirmasi jadwal 3 hari kerja",
            "cost": "Gratis",
            "legal": "-",
            "pdf": None},
    },
    "news": {
        1: ("Damkar Evakuasi Ular Sanca 4 Meter dari Dapur Warga Thehok", "12 Februari 2016",
            ["Tim rescue Damkar Kota Jambi mengevakuasi seekor ular sanca sepanjang empat meter dari dapur rumah warga di Kelurahan Thehok, Senin malam.",
             "Kepala Bidang Operasi mengimbau warga segera menghubungi 112 bila menemukan hewan berbahaya dan tidak mencoba menangkapnya sendiri."]),
        2: ("Ratusan Relawan REDKAR Dikukuhkan", "20 November 2015",
            ["Wali Kota mengukuhkan relawan pemadam kebakaran tingkat RT di halaman Mako Damkar.",
             "Para relawan telah mengikuti pelatihan dasar pemadaman dan penggunaan APAR."]),
    },
}

DLH = {
    "name": "jsnav20-dlh", "offset": 128, "ext": "php", "charset": "windows-1252",
    "opd": "Dinas Lingkungan Hidup Kota Jambi",
    "short": "Dinas Lingkungan Hidup Kota Jambi",
    "address": "Jl. Jend. A. Yani No. 2, Telanaipura, Kota Jambi 36122 &middot; Telp. (0741) 60523",
    "email": "dlh@jambikota.go.id",
    "color": "#1b5e20",
    "services": {
        1: {"slug": "tpa", "title": "Retribusi Pembuangan Sampah ke TPA Talang Gulo",
            "intro": "Setiap orang atau badan usaha yang membuang sampah ke Tempat Pemrosesan Akhir (TPA) Talang Gulo membayar retribusi (tipping fee) menurut berat sampah yang ditimbang di jembatan timbang.",
            "requirements": ["Pengumpul atau transportir sampah terdata di DLH", "Sampah sudah dipilah (rencana)", "Kendaraan pengangkut terdaftar"],
            "procedure": ["Bawa sampah ke TPA Talang Gulo", "Timbang di jembatan timbang", "Bayar retribusi dan terima karcis"],
            "duration": "Langsung di loket TPA",
            "cost": "Rp100.000 per ton (Rp100/kg) untuk orang atau perusahaan; pengumpul sampah lingkungan yang terdata sementara dibebaskan",
            "legal": "Perda Kota Jambi Nomor 6 Tahun 2022 (perubahan keempat Perda 2/2012 Retribusi Jasa Umum); Perwal Kota Jambi Nomor 29 Tahun 2023",
            "pdf": None},
        2: {"slug": "aduan", "title": "Pengaduan Sampah Belum Terangkut dan TPS Penuh",
            "intro": "Warga dapat melaporkan sampah yang belum diangkut, TPS yang penuh atau pembuangan sampah liar di pinggir jalan.",
            "requirements": ["Foto sampah atau TPS", "Lokasi (alamat dan patokan)"],
            "procedure": ["Lapor melalui aplikasi SiKesal atau Call Center 112", "Laporan diteruskan ke Bidang Pengelolaan Sampah DLH", "Armada pengangkut dijadwalkan"],
            "duration": "Target 1x24 jam sejak laporan diterima",
            "cost": "Gratis",
            "legal": "Perda Kota Jambi tentang Pengelolaan Sampah",
            "pdf": None},
        3: {"slug": "sppl", "title": "Penerbitan SPPL dan Rekomendasi UKL-UPL",
            "intro": "Usaha yang tidak wajib AMDAL membuat Surat Pernyataan Kesanggupan Pengelolaan dan Pemantauan Lingkungan Hidup (SPPL) atau dokumen UKL-UPL sebagai dasar persetujuan lingkungan.",
            "requirements": ["NIB dari OSS-RBA", "Fotokopi KTP-el penanggung jawab usaha", "Formulir SPPL atau dokumen UKL-UPL", "Denah dan foto lokasi usaha", "Bukti kesesuaian tata ruang (KKPR)"],
            "procedure": ["Pengajuan melalui OSS-RBA atau loket DLH", "Pemeriksaan berkas oleh Bidang Tata Lingkungan", "Rapat pembahasan dan peninjauan lapangan (UKL-UPL)", "Penerbitan rekomendasi UKL-UPL atau registrasi SPPL"],
            "duration": "SPPL 1 hari kerja; UKL-UPL 10 hari kerja sejak berkas lengkap",
            "cost": "Tidak dipungut biaya",
            "legal": "PP Nomor 22 Tahun 2021 tentang Penyelenggaraan Perlindungan dan Pengelolaan Lingkungan Hidup; Permen LHK Nomor 4 Tahun 2021",
            "pdf": ("files/sp/SP-SPPL-UKL-UPL.pdf", "Standar Pelayanan SPPL dan UKL-UPL")},
        4: {"slug": "banksampah", "title": "Pendaftaran dan Pembinaan Bank Sampah Unit",
            "intro": "Kelompok warga, sekolah atau RT yang mengelola bank sampah dapat mendaftarkan bank sampah unitnya agar mendapat pembinaan, timbangan dan akses ke bank sampah induk.",
            "requirements": ["Surat permohonan diketahui Lurah", "Susunan pengurus bank sampah", "Fotokopi KTP-el ketua", "Foto lokasi penimbangan"],
            "procedure": ["Permohonan diserahkan ke Bidang Pengelolaan Sampah", "Verifikasi lapangan", "Penerbitan nomor registrasi dan jadwal pembinaan"],
            "duration": "14 hari kerja",
            "cost": "Gratis",
            "legal": "Permen LHK Nomor 14 Tahun 2021 tentang Pengelolaan Sampah pada Bank Sampah",
            "pdf": None},
        5: {"slug": "lab", "title": "Pengujian Kualitas Air Limbah dan Air Sungai di Laboratorium Lingkungan",
            "intro": "UPTD Laboratorium Lingkungan menguji contoh air limbah usaha, air sungai dan air sumur (pH, BOD, COD, TSS, minyak dan lemak, bakteri koli) untuk pelaporan pemantauan lingkungan.",
            "requirements": ["Formulir permintaan pengujian", "Contoh air dalam wadah sesuai petunjuk laboratorium", "Fotokopi dokumen lingkungan (SPPL/UKL-UPL) bagi usaha"],
            "procedure": ["Konsultasi parameter uji di loket laboratorium", "Pengambilan atau penyerahan contoh uji", "Pembayaran retribusi pengujian", "Analisis laboratorium", "Penyerahan Laporan Hasil Uji (LHU)"],
            "duration": "14 hari kerja sejak contoh uji diterima",
            "cost": "Sesuai tarif retribusi pelayanan laboratorium per parameter (Perda Kota Jambi tentang Pajak Daerah dan Retribusi Daerah)",
            "legal": "PP Nomor 22 Tahun 2021; Perda Kota Jambi Nomor 5 Tahun 2023 tentang Pajak Daerah dan Retribusi Daerah",
            "pdf": ("files/sp/SP-Uji-Laboratorium-Lingkungan.pdf", "Standar Pelayanan Pengujian Laboratorium Lingkungan")},
    },
    "news": {
        1: ("Jadwal Baru Angkutan Sampah Kawasan Pasar", "3 Maret 2014",
            ["Mulai pekan depan armada DLH mengangkut sampah di kawasan Pasar Angso Duo dua kali sehari, pagi dan sore.",
             "Pedagang diminta membuang sampah ke kontainer yang disediakan, bukan ke parit."]),
        2: ("Bank Sampah Sekolah Bertambah Dua Puluh", "22 Oktober 2013",
            ["Dua puluh sekolah dasar mendaftarkan bank sampah unit dan menerima timbangan dari DLH.",
             "Tabungan sampah murid dapat ditukar dengan alat tulis."]),
    },
}


def e(text: str) -> str:
    return html.escape(text, quote=False)


# -- the pages -------------------------------------------------------------------------------

MM_JUMP = """<script language="JavaScript" type="text/JavaScript">
<!--
function MM_jumpMenu(targ,selObj,restore){ //v3.0
  eval(targ+".location='"+selObj.options[selObj.selectedIndex].value+"'");
  if (restore) selObj.selectedIndex=0;
}
//-->
</script>"""

DLH_SCRIPT = """<script type="text/javascript">
function bukaHalaman(alamat) {
    document.location.href = alamat;
}
function lihat(id) {
    window.location = 'detail.php?id=' + id;
}
function popup(url, w, h) {
    var win = window.open(url, 'sp', 'width=' + w + ',height=' + h + ',scrollbars=yes,resizable=yes');
    win.focus();
}
function cetak() { window.print(); }
</script>"""


def page(site: dict, title: str, body: str) -> bytes:
    ext = site["ext"]
    if ext == "asp":
        menu = ('<a href="default.asp"><font color="#FFFFFF">BERANDA</font></a> | <a href="profil.asp"><font color="#FFFFFF">PROFIL</font></a> | '
                '<a href="javascript:void(0)" onclick="window.location.href=\'layanan.asp\'"><font color="#FFFFFF">LAYANAN</font></a> | '
                '<a href="berita.asp"><font color="#FFFFFF">BERITA</font></a> | <a href="kontak.asp"><font color="#FFFFFF">KONTAK</font></a>')
        options = "".join(f'<option value="layanan.asp?id={n}">{e(s["title"])}</option>'
                          for n, s in site["services"].items() if n in (1, 2, 4, 5))
        side = ('<tr><td bgcolor="#CCCCCC"><font face="Verdana" size="2"><b>LAYANAN KAMI</b></font></td></tr>'
                f'<tr><td><form name="form1"><select name="menu1" onchange="MM_jumpMenu(\'parent\',this,0)">'
                f'<option value="#" selected>-- Pilih Layanan --</option>{options}</select></form></td></tr>')
        head_script = MM_JUMP
    else:
        menu = ('<a href="index.php"><font color="#FFFFFF">Beranda</font></a> | <a href="profil.php"><font color="#FFFFFF">Profil</font></a> | '
                '<a href="javascript:void(0)" onclick="bukaHalaman(\'layanan.php\')"><font color="#FFFFFF">Layanan</font></a> | '
                '<a href="berita.php"><font color="#FFFFFF">Berita</font></a> | <a href="kontak.php"><font color="#FFFFFF">Kontak</font></a>')
        side = ('<tr><td bgcolor="#CCCCCC"><font face="Verdana" size="2"><b>PENGADUAN</b></font></td></tr>'
                '<tr><td><font face="Verdana" size="1">Sampah belum diangkut? Lapor SiKesal atau Call Center 112.</font><br>'
                '<input type="button" value="SP4N-LAPOR!" onclick="window.open(\'https://www.lapor.go.id/\')"></td></tr>')
        head_script = DLH_SCRIPT
    text = f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset={site['charset']}">
<title>{e(site['short'])} :: {e(title)}</title>
{head_script}
</head>
<body bgcolor="#FFFFFF" leftmargin="0" topmargin="0">
<table width="900" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td colspan="2" bgcolor="{site['color']}" height="80"><font face="Arial" size="5" color="#FFFFFF"><b>{e(site['opd'].upper())}</b></font><br>
<font face="Arial" size="2" color="#FFFF99">{site['address']}</font></td></tr>
<tr><td colspan="2" bgcolor="#333333" height="24"><font face="Verdana" size="2">&nbsp;{menu}</font></td></tr>
<tr>
<td width="200" valign="top" bgcolor="#F2F2F2">
<table width="100%" border="0" cellpadding="4" cellspacing="0">
{side}
<tr><td><font face="Verdana" size="1">Surel: <a href="mailto:{site['email']}">{site['email']}</a></font></td></tr>
</table>
</td>
<td valign="top" style="padding:10px">
{body}
</td>
</tr>
<tr><td colspan="2" bgcolor="#333333" align="center"><font face="Verdana" size="1" color="#FFFFFF">Copyright &copy; 2013 {e(site['opd'])}. Tampilan terbaik 1024&times;768, Internet Explorer 8.</font></td></tr>
</table>
</body>
</html>
"""
    return text.encode(site["charset"], "xmlcharrefreplace")


def heading(text: str) -> str:
    return f'<font face="Arial" size="4" color="#990000"><b>{e(text)}</b></font><hr size="1" noshade>'


def service_page(site: dict, n: int, s: dict) -> str:
    rows = [("Persyaratan", "<ol>" + "".join(f"<li>{e(r)}</li>" for r in s["requirements"]) + "</ol>"),
            ("Prosedur", "<ol>" + "".join(f"<li>{e(p)}</li>" for p in s["procedure"]) + "</ol>"),
            ("Waktu Penyelesaian", e(s["duration"])), ("Biaya / Tarif", e(s["cost"])),
            ("Dasar Hukum", e(s["legal"]))]
    table = "".join(f'<tr><td width="160" valign="top" bgcolor="#EEEEEE"><font face="Verdana" size="2"><b>{k}</b></font></td>'
                    f'<td valign="top"><font face="Verdana" size="2">{v}</font></td></tr>' for k, v in rows)
    buttons = []
    if s["pdf"]:
        href, label = s["pdf"]
        if site["ext"] == "asp":
            buttons.append(f'<input type="button" value="Unduh {e(label)} (PDF)" onclick="window.open(\'{href}\',\'_blank\')">')
        else:
            buttons.append(f'<a href="javascript:popup(\'{href}\',640,480)">{e(label)} (PDF)</a><br>')
    if site["ext"] == "asp":
        buttons.append('<input type="button" value="Kembali" onclick="history.back()"> '
                       '<input type="button" value="Cetak" onclick="window.print()"> '
                       '<input type="button" value="Lapor via WhatsApp" onclick="window.open(\'https://wa.me/6274141171\')">')
    else:
        buttons.append('<input type="button" value="Kembali ke Daftar Layanan" onclick="self.location=\'layanan.php\'"> '
                       '<input type="button" value="Muat Ulang" onclick="location.reload()"> '
                       '<input type="button" value="Cetak" onclick="cetak()"> '
                       '<a href="javascript:history.back()">&laquo; kembali</a>')
    return (heading(s["title"]) + f'<p><font face="Verdana" size="2">{e(s["intro"])}</font></p>'
            f'<table width="100%" border="1" cellpadding="4" cellspacing="0" bordercolor="#CCCCCC">{table}</table><br>'
            + "\n".join(buttons))


def listing_asp(site: dict) -> str:
    rows = "".join(
        f'<tr onclick="location.href=\'layanan.asp?id={n}\'" style="cursor:hand" onmouseover="this.bgColor=\'#FFEEDD\'" onmouseout="this.bgColor=\'#FFFFFF\'">'
        f'<td align="center"><font face="Verdana" size="2">{i}</font></td><td><font face="Verdana" size="2">{e(s["title"])}</font></td>'
        f'<td><font face="Verdana" size="2">{e(s["cost"].split(",")[0].split(";")[0])}</font></td></tr>'
        for i, (n, s) in enumerate(site["services"].items(), start=1) if n != 6)
    return (heading("Daftar Layanan") + '<p><font face="Verdana" size="2">Klik baris layanan untuk melihat persyaratan dan prosedurnya.</font></p>'
            '<table width="100%" border="1" cellpadding="4" cellspacing="0" bordercolor="#CCCCCC">'
            '<tr bgcolor="#990000"><td><font color="#FFFFFF" face="Verdana" size="2"><b>No</b></font></td><td><font color="#FFFFFF" face="Verdana" size="2"><b>Nama Layanan</b></font></td>'
            f'<td><font color="#FFFFFF" face="Verdana" size="2"><b>Biaya</b></font></td></tr>{rows}</table><br>'
            '<input type="button" value="Kembali" onclick="history.back()"> <input type="button" value="Cetak" onclick="window.print()">')


def listing_php(site: dict) -> str:
    rows = "".join(
        f'<tr><td align="center"><font face="Verdana" size="2">{n}.</font></td>'
        f'<td><font face="Verdana" size="2"><a href="javascript:void(0)" onclick="lihat(\'{n}\')">{e(s["title"])}</a></font></td></tr>'
        for n, s in site["services"].items() if n != 5)
    options = "".join(f'<option value="{n}">{e(s["title"])}</option>' for n, s in site["services"].items())
    return (heading("Layanan Dinas Lingkungan Hidup") +
            '<form method="get" action="detail.php" name="cari"><font face="Verdana" size="2">Pilih layanan: </font>'
            f'<select name="id">{options}</select> <input type="submit" value="Tampilkan"></form><br>'
            f'<table width="100%" border="1" cellpadding="4" cellspacing="0" bordercolor="#CCCCCC">{rows}</table><br>'
            '<input type="button" value="Cetak" onclick="cetak()"> <a href="javascript:history.back()">&laquo; kembali</a>')


def home(site: dict) -> str:
    news = "".join(f'<li><a href="berita.{site["ext"]}?id={n}">{e(t)}</a> <font size="1" color="#666666">({d})</font></li>'
                   for n, (t, d, _) in site["news"].items())
    if site["ext"] == "asp":
        extra = ('<div onclick="document.location=\'layanan.asp?id=6\'" style="cursor:hand;border:1px solid #990000;padding:6px">'
                 '<font face="Verdana" size="2"><b>Ajak murid mengenal pemadam kebakaran!</b> Kunjungan edukasi sekolah ke Mako Damkar, gratis.</font></div>')
        welcome = "Selamat datang di situs resmi Dinas Pemadam Kebakaran dan Penyelamatan Kota Jambi. Laporkan kebakaran dan kejadian darurat ke Call Center 112 (bebas pulsa)."
    else:
        options = "".join(f'<option value="detail.php?id={n}">{e(s["title"])}</option>'
                          for n, s in site["services"].items() if n != 5)
        extra = ('<form name="lompat"><font face="Verdana" size="2">Layanan: </font><select name="pilih" onchange="location=this.value">'
                 f'<option value="">-- Pilih Layanan --</option>{options}</select></form>')
        welcome = "Selamat datang di situs Dinas Lingkungan Hidup Kota Jambi. Bersama menjaga Kota Jambi bersih, hijau dan sehat."
    return (heading("Selamat Datang") + f'<p><font face="Verdana" size="2">{welcome}</font></p>{extra}'
            f'<p><font face="Verdana" size="2"><b>Berita Terbaru</b></font></p><ul>{news}</ul>')


def build(site: dict) -> dict[str, bytes]:
    ext = site["ext"]
    routes: dict[str, str] = {}
    files: dict[str, bytes] = {}

    def put(route: str, file: str, title: str, body: str) -> None:
        routes[route] = file
        files[file] = page(site, title, body)

    home_file = "index.html"
    put("/", home_file, "Beranda", home(site))
    routes[f"/{'default' if ext == 'asp' else 'index'}.{ext}"] = home_file
    put(f"/layanan.{ext}", f"layanan-{ext}.html", "Layanan", listing_asp(site) if ext == "asp" else listing_php(site))
    detail = "layanan" if ext == "asp" else "detail"
    for n, s in site["services"].items():
        put(f"/{detail}.{ext}?id={n}", f"{detail}-{ext}-id-{n}.html", s["title"], service_page(site, n, s))
    news_list = "".join(f'<li><a href="berita.{ext}?id={n}">{e(t)}</a> ({d})</li>' for n, (t, d, _) in site["news"].items())
    put(f"/berita.{ext}", f"berita-{ext}.html", "Berita", heading("Berita") + f"<ul>{news_list}</ul>")
    for n, (t, d, paras) in site["news"].items():
        body = heading(t) + f'<font size="1" color="#666666">{d}</font>' + "".join(
            f'<p><font face="Verdana" size="2">{e(p)}</font></p>' for p in paras)
        put(f"/berita.{ext}?id={n}", f"berita-{ext}-id-{n}.html", t, body)
    put(f"/profil.{ext}", f"profil-{ext}.html", "Profil", heading("Profil") +
        f'<p><font face="Verdana" size="2">{e(site["opd"])} adalah perangkat daerah Pemerintah Kota Jambi. '
        'Situs ini dibangun tahun 2013 dan memuat informasi layanan, berita dan kontak.</font></p>')
    put(f"/kontak.{ext}", f"kontak-{ext}.html", "Kontak", heading("Kontak") +
        f'<p><font face="Verdana" size="2">{site["address"]}<br>Surel: <a href="mailto:{site["email"]}">{site["email"]}</a></font></p>')
    pdfs: dict[str, tuple[str, list[dict]]] = {}
    for s in site["services"].values():
        if s["pdf"]:
            pdfs.setdefault(s["pdf"][0], (s["pdf"][1], []))[1].append(s)
    for path, (label, services) in pdfs.items():
        lines = [site["opd"], label.upper(), ""]
        for i, s in enumerate(services, start=1):
            lines += [f"{i}. {s['title']}", "   Persyaratan:"] + [f"   - {r}" for r in s["requirements"]]
            lines += ["   Sistem, mekanisme dan prosedur:"] + [f"   {k}) {p}" for k, p in enumerate(s["procedure"], start=1)]
            lines += [f"   Jangka waktu penyelesaian: {s['duration']}", f"   Biaya/tarif: {s['cost']}",
                      f"   Dasar hukum: {s['legal']}", ""]
        lines.append("Pengaduan: aplikasi SiKesal atau Call Center 112 (bebas pulsa).")
        files[path] = make_pdf(label, lines)
    files["_routes.json"] = (json.dumps(dict(sorted(routes.items())), indent=1) + "\n").encode()
    return files


# -- judgments -------------------------------------------------------------------------------

DP, LP = 8701 + DAMKAR["offset"], 8701 + DLH["offset"]


def page_url(key: str) -> str:
    """``d3`` -> the Damkar site's service 3, ``l5`` -> the DLH site's service 5."""
    if key[0] == "d":
        return url(DP, f"/layanan.asp?id={key[1:]}")
    return url(LP, f"/detail.php?id={key[1:]}")


# the city's other pages of each service: a row judging one of them judges ours the same
TWINS = {
    "d1": ("http://127.0.0.1:8713/layanan/pemadaman-kebakaran/", "http://127.0.0.1:8755/layanan/pemadaman-kebakaran/"),
    "d2": ("http://127.0.0.1:8713/layanan/penyelamatan-evakuasi/", "http://127.0.0.1:8755/layanan/penyelamatan-dan-evakuasi/"),
    "d4": ("http://127.0.0.1:8713/layanan/relawan-redkar/", "http://127.0.0.1:8755/layanan/pendaftaran-relawan-redkar/",
           "http://127.0.0.1:8731/"),
    "l1": ("http://127.0.0.1:8712/layanan/retribusi-tpa.html", "http://127.0.0.1:8819/dlh/layanan/retribusi-tpa-talang-gulo/",
           "http://127.0.0.1:8801/berita-41-tarif-retribusi-buang-sampah-ke-tpa-talang-gulo.html"),
    "l2": ("http://127.0.0.1:8712/layanan/pengaduan-sampah.html", "http://127.0.0.1:8819/dlh/layanan/pengaduan-sampah/",
           "http://127.0.0.1:8801/hal-pengaduan-sampah.html"),
    "l3": ("http://127.0.0.1:8801/berita-43-pengurusan-sppl-dan-rekomendasi-ukl-upl.html", "http://127.0.0.1:8819/dlh/layanan/sppl-ukl-upl/"),
    "l4": ("http://127.0.0.1:8801/berita-45-cara-mendaftarkan-bank-sampah-unit-di-dlh.html",),
    "l5": ("http://127.0.0.1:8801/hal-layanan-uji-laboratorium-lingkungan.html",),
}
# the Standar Pelayanan PDF of a service (judged as its page is, where a row judges it)
STANDARDS = {"d1": "dpdf12", "d2": "dpdf12", "d3": "dpdf3", "d5": "dpdf5", "l3": "lpdf3",
             "l5": "lpdf5"}
EXTRA = {
    "dpdf3": url(DP, "/files/SP-Pemeriksaan-Proteksi-Kebakaran.pdf"),
    "dpdf5": url(DP, "/files/SP-Pelatihan-Simulasi-APAR.pdf"),
    "dpdf12": url(DP, "/files/SP-Pemadaman-dan-Penyelamatan.pdf"),
    "lpdf3": url(LP, "/files/sp/SP-SPPL-UKL-UPL.pdf"),
    "lpdf5": url(LP, "/files/sp/SP-Uji-Laboratorium-Lingkungan.pdf"),
    "dlist": url(DP, "/layanan.asp"),
    "llist": url(LP, "/layanan.php"),
    "dbm": "http://127.0.0.1:8702/layanan/pbg/",  # the permit it is asked for, and its MPP listing
    "dbm_mpp": "http://127.0.0.1:8703/layanan/dpmptsp/pbg/",
    "damkarlist": "http://127.0.0.1:8713/layanan/",
    "dlhlist": "http://127.0.0.1:8712/layanan.html",
    "merahkoja": "http://127.0.0.1:8715/aplikasi/si-merah-koja/",
}
# written before the sites were crawled: (category, query, answers); "other": the twins of
# the first service of the spec that has twins, at the grade given
QUERIES = [
    ("formal", "pemeriksaan sarana proteksi kebakaran bangunan gedung persyaratan", "d3:2 dpdf3:2"),
    ("formal", "rekomendasi keselamatan kebakaran untuk slf gedung", "d3:2 dpdf3:2"),
    ("formal", "pengujian kualitas air limbah laboratorium lingkungan", "l5:2 lpdf5:2 other:2"),
    ("formal", "prosedur pelatihan penggunaan alat pemadam api ringan", "d5:2 dpdf5:2"),
    ("colloquial", "kantor mau minta diajarin pake apar ke damkar gimana", "d5:2 dpdf5:2"),
    ("colloquial", "mau cek air limbah usaha laundry ke lab dlh bayar berapa", "l5:2 lpdf5:2 other:2"),
    ("colloquial", "ajak murid tk jalan-jalan lihat mobil pemadam", "d6:2"),
    ("abbreviation", "apar hidran sprinkler pemeriksaan damkar", "d3:2 dpdf3:2"),
    ("abbreviation", "lhu bod cod tss uji lab dlh", "l5:2 lpdf5:2 other:2"),
    ("abbreviation", "sppl ukl-upl standar pelayanan pdf dlh", "lpdf3:2 l3:2 other:1"),
    ("typo", "pemerikasan proteksi kebakran gedung", "d3:2 dpdf3:2"),
    ("typo", "simulasi pemadamn apar kantr", "d5:2 dpdf5:2"),
    ("typo", "uji laboratorum air limbh", "l5:2 lpdf5:2 other:2"),
    ("english", "fire safety inspection for hotel building jambi", "d3:2 dpdf3:2"),
    ("english", "fire extinguisher training for employees", "d5:2 dpdf5:2"),
    ("english", "wastewater quality lab test jambi environment office", "l5:2 lpdf5:2 other:2"),
    ("english", "school field trip to fire station", "d6:2"),
    ("jambi-malay", "nak periksa apar di ruko kami ke mano", "d3:2 dpdf3:2"),
    ("jambi-malay", "nak uji air sumur kami tercemar dak", "l5:2 lpdf5:2 other:2"),
    ("jambi-malay", "murid sd nak bekunjung ke markas damkar", "d6:2"),
    ("old-term", "rekomendasi damkar untuk imb gedung", "d3:2 dpdf3:2"),
    ("old-term", "dinas kebersihan pertamanan uji laboratorium air", "l5:2 lpdf5:2 other:2"),
    ("problem", "gedung ruko mau urus slf diminta rekomendasi proteksi kebakaran", "d3:2 dpdf3:2 dbm:1 dbm_mpp:1"),
    ("problem", "air sungai di belakang pabrik berbau ingin diuji", "l5:2 lpdf5:2 other:2"),
    ("problem", "karyawan pabrik belum pernah latihan memadamkan api", "d5:2 dpdf5:2"),
    ("problem", "guru paud ingin mengenalkan petugas pemadam kepada murid", "d6:2"),
    ("app", "aplikasi si merah koja lapor kebakaran", "merahkoja:2 d1:1 other:1"),
    ("app", "standar pelayanan pemadaman dan penyelamatan damkar pdf", "dpdf12:2 d1:1 d2:1"),
    ("formal", "daftar layanan dinas pemadam kebakaran", "dlist:2 damkarlist:2"),
    ("formal", "daftar layanan dinas lingkungan hidup kota jambi", "llist:2 dlhlist:2"),
]
FIRST_QID = 1990


def twin_rows(relevant: str) -> str:
    """A row's judgments with these sites' page of each service judged as the city's other
    pages of it are (the highest grade of those the row judges)."""
    items = relevant.split()
    grades = dict(item.rsplit("=", 1) for item in items)
    added: dict[str, str] = {}
    for key, twins in TWINS.items():
        found = [grades[twin] for twin in twins if twin in grades]
        for url in (page_url(key), EXTRA.get(STANDARDS.get(key, ""))):
            if found and url and url not in grades:
                added[url] = max(max(found), added.get(url, "0"))
    return " ".join(items + [f"{url}={grade}" for url, grade in added.items()])


def own(rows: list[list[str]]) -> list[str]:
    out = []
    for n, (category, query, spec) in enumerate(QUERIES):
        grades: dict[str, str] = {}
        first = next((k for k in (i.split(":")[0] for i in spec.split()) if k in TWINS), "")
        for item in spec.split():
            key, grade = item.split(":")
            if key in EXTRA:
                grades[EXTRA[key]] = grade
            elif key == "other":
                for twin in TWINS[first]:
                    grades.setdefault(twin, grade)
            else:
                grades[page_url(key)] = grade
                if key in STANDARDS:  # its standard, as the page is, unless the spec says
                    standard = EXTRA[STANDARDS[key]]
                    grades[standard] = max(grades.get(standard, "0"), grade)
        relevant = " ".join(f"{u}={g}" for u, g in sorted(grades.items(), key=lambda x: (-int(x[1]), x[0])))
        out.append(f"q{FIRST_QID + n}\t{category}\t{query}\t{relevant}")
    return out


def main() -> int:
    assert len(QUERIES) == 30
    for site in (DAMKAR, DLH):
        files = build(site)
        write_site(SITES / site["name"], files)
        register(site["name"], site["opd"], site["offset"], FAMILY, url(8701 + site["offset"], ""))
        print(f"{site['name']}: {len(files)} files")
    judge_query_files(twin_rows, FIRST_QID, len(QUERIES), own)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
