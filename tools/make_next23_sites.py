"""Generate the sample sites ``next23-diskop`` and ``next23-disporapar``: service pages of
static exports whose HTML shows only part of what the page knows (issue #11).

Both are modelled on how real front ends of Indonesian government bodies are built with
React frameworks (Next.js 14 with Tailwind and shadcn/ui or Headless UI components, Gatsby
with CSS modules), written here anew:

- ``next23-diskop`` (family ``nextjs-export-shadcn-rsc``, port offset 140): a Next.js app
  router site exported with ``output: 'export'`` and ``trailingSlash: true`` (every route a
  folder with ``index.html`` and its RSC payload ``index.txt``). A service page is a server
  component passing JSX to shadcn's client components: the info cards (an icon, then
  ``<p class="text-sm text-muted-foreground">Biaya</p><p class="font-medium">Gratis</p>``),
  and an Accordion whose first item is open; Radix leaves a closed item's content out of
  the HTML (``<div data-state="closed" hidden>`` with nothing in it), so the procedure, the
  legal basis and the product are only in the ``self.__next_f.push`` flight rows, as the
  children (element trees) of the client components.
- ``next23-disporapar`` (family ``gatsby-page-data-tabs``, port offset 141): a Gatsby site
  (``<div id="___gatsby">``, CSS-module class names such as ``layanan-module--label--x1``)
  whose service template prints ``<dl>`` facts and Headless UI Tabs: only the selected panel
  is rendered, the others are empty placeholders, and the page's whole record is in
  ``/page-data/<route>/page-data.json`` (preloaded by the page's ``<link rel="preload"
  as="fetch">``).

The script writes the sites' entries in the manifest and ``sources/sample-kota-jambi.yaml``,
appends their queries q2390-q2429 to ``eval/devset.tsv`` (each service's page judged 2) and
judges their pages into the existing rows asking for the same service (``ALSO``).
Idempotent: re-running rewrites the same bytes.

Usage: .venv/bin/python tools/make_next23_sites.py
"""

# ruff: noqa: E501  (page prose keeps real pages' long lines)

from __future__ import annotations

import html
import json
import zlib
from pathlib import Path

from make_office_site import append_devset_rows, register, write_site

REPO = Path(__file__).resolve().parent.parent
SITES = REPO / "sikoja" / "demo" / "sites"
FIRST_QID = 2390

DISKOP = {
    "name": "next23-diskop",
    "opd": "Dinas Koperasi dan Usaha Mikro Kota Jambi",
    "offset": 140,
    "family": "nextjs-export-shadcn-rsc",
    "short": "Diskop UM Kota Jambi",
}
DISPORA = {
    "name": "next23-disporapar",
    "opd": "Dinas Pemuda, Olahraga dan Pariwisata Kota Jambi",
    "offset": 141,
    "family": "gatsby-page-data-tabs",
    "short": "Disporapar Kota Jambi",
}

MPP = "Mal Pelayanan Publik Kota Jambi, Jl. Jend. Basuki Rahmat, Paal Lima"
DISKOP_OFFICE = "Kantor Dinas Koperasi dan Usaha Mikro, Jl. H. Agus Salim No. 7, Kota Baru"
DISPORA_OFFICE = "Kantor Disporapar Kota Jambi, Jl. Sultan Agung No. 3, Jelutung"


def service(
    slug: str,
    title: str,
    group: str,
    intro: str,
    syarat: list[str],
    alur: list[str],
    waktu: str,
    biaya: str,
    lokasi: str,
    dasar: str,
    produk: str,
) -> dict[str, object]:
    return {
        "slug": slug,
        "title": title,
        "group": group,
        "intro": intro,
        "syarat": syarat,
        "alur": alur,
        "waktu": waktu,
        "biaya": biaya,
        "lokasi": lokasi,
        "dasar": dasar,
        "produk": produk,
    }


DISKOP_SERVICES = [
    service(
        "pengesahan-pendirian-koperasi",
        "Pengesahan Akta Pendirian Koperasi",
        "Kelembagaan",
        "Pendampingan bagi kelompok masyarakat yang ingin mendirikan koperasi primer di Kota Jambi sampai akta pendiriannya disahkan Kementerian Hukum melalui notaris pembuat akta koperasi.",
        [
            "Berita acara rapat pendirian koperasi yang dihadiri paling sedikit 9 orang pendiri",
            "Fotokopi KTP-el seluruh pendiri",
            "Rancangan anggaran dasar koperasi",
            "Daftar hadir rapat pendirian",
            "Bukti setoran modal awal (simpanan pokok dan simpanan wajib)",
            "Surat keterangan domisili sekretariat koperasi dari kelurahan",
        ],
        [
            "Pendiri mengikuti penyuluhan perkoperasian di Dinas Koperasi",
            "Rapat pendirian dihadiri pejabat Dinas Koperasi",
            "Notaris pembuat akta koperasi menyusun akta dan mengajukan nama koperasi",
            "Pengesahan badan hukum terbit melalui sistem AHU Online",
            "Koperasi didaftarkan ke Online Data System (ODS) untuk Nomor Induk Koperasi",
        ],
        "14 hari kerja sejak berkas lengkap",
        "Tidak dipungut biaya (biaya notaris ditanggung pendiri)",
        DISKOP_OFFICE,
        "Undang-Undang Nomor 25 Tahun 1992 tentang Perkoperasian; Permenkop UKM Nomor 9 Tahun 2018",
        "Akta pendirian koperasi berbadan hukum",
    ),
    service(
        "perubahan-anggaran-dasar",
        "Pengesahan Perubahan Anggaran Dasar Koperasi",
        "Kelembagaan",
        "Layanan bagi koperasi yang mengubah nama, bidang usaha, alamat atau ketentuan lain dalam anggaran dasarnya melalui keputusan rapat anggota.",
        [
            "Berita acara rapat anggota perubahan anggaran dasar",
            "Daftar hadir rapat anggota yang memenuhi kuorum",
            "Akta pendirian dan akta perubahan sebelumnya",
            "Naskah anggaran dasar yang diubah",
        ],
        [
            "Koperasi menyelenggarakan rapat anggota perubahan anggaran dasar",
            "Notaris menyusun akta perubahan",
            "Dinas Koperasi memverifikasi berkas dan kuorum rapat",
            "Pengesahan perubahan terbit melalui AHU Online",
        ],
        "10 hari kerja",
        "Gratis",
        DISKOP_OFFICE,
        "Permenkop UKM Nomor 9 Tahun 2018 tentang Penyelenggaraan dan Pembinaan Perkoperasian",
        "Akta perubahan anggaran dasar koperasi",
    ),
    service(
        "nomor-induk-koperasi",
        "Penerbitan Nomor Induk Koperasi (NIK)",
        "Kelembagaan",
        "Nomor Induk Koperasi adalah nomor identitas koperasi dalam Online Data System Kementerian Koperasi yang menandakan koperasi aktif dan dapat mengakses program pemerintah.",
        [
            "Akta pendirian koperasi berbadan hukum",
            "Laporan RAT tahun terakhir",
            "NPWP koperasi",
            "Foto papan nama dan sekretariat koperasi",
            "Akun ODS pengurus koperasi",
        ],
        [
            "Pengurus mengisi data koperasi di nik.kemenkopukm.go.id",
            "Dinas Koperasi memverifikasi data dan melakukan kunjungan lapangan",
            "Sertifikat NIK dapat diunduh pengurus setelah disetujui",
        ],
        "7 hari kerja",
        "Gratis",
        "Bidang Kelembagaan Dinas Koperasi dan Usaha Mikro Kota Jambi",
        "Permenkop UKM Nomor 19 Tahun 2015",
        "Sertifikat Nomor Induk Koperasi",
    ),
    service(
        "laporan-rat",
        "Pelaporan Rapat Anggota Tahunan (RAT) Koperasi",
        "Pengawasan",
        "Setiap koperasi wajib menyelenggarakan Rapat Anggota Tahunan dan menyampaikan laporannya kepada Dinas Koperasi paling lambat enam bulan setelah tutup buku.",
        [
            "Undangan RAT dan daftar hadir anggota",
            "Laporan pertanggungjawaban pengurus dan pengawas",
            "Laporan keuangan tahun buku yang telah diaudit atau diperiksa pengawas",
            "Rencana kerja dan RAPB tahun berikutnya",
            "Notulen dan berita acara RAT",
        ],
        [
            "Koperasi memberitahukan jadwal RAT kepada Dinas Koperasi paling lambat 14 hari sebelumnya",
            "Petugas Dinas Koperasi hadir sebagai peninjau RAT",
            "Koperasi mengunggah laporan RAT di ODS dan menyerahkan salinan cetak",
            "Dinas Koperasi memberikan tanda terima laporan RAT",
        ],
        "3 hari kerja",
        "Gratis",
        DISKOP_OFFICE,
        "Undang-Undang Nomor 25 Tahun 1992 Pasal 22-27",
        "Tanda terima laporan RAT",
    ),
    service(
        "penilaian-kesehatan-ksp",
        "Penilaian Kesehatan Koperasi Simpan Pinjam",
        "Pengawasan",
        "Penilaian tingkat kesehatan usaha simpan pinjam koperasi (KSP dan unit simpan pinjam) oleh pengawas koperasi untuk melindungi simpanan anggota.",
        [
            "Surat permohonan penilaian kesehatan dari pengurus",
            "Neraca dan laporan laba rugi dua tahun terakhir",
            "Daftar pinjaman beredar dan kolektibilitasnya",
            "Standar operasional prosedur simpan pinjam",
        ],
        [
            "Pengurus mengajukan permohonan",
            "Tim pengawas memeriksa dokumen dan kas di kantor koperasi",
            "Penilaian aspek permodalan, kualitas aset, manajemen, efisiensi, likuiditas dan kemandirian",
            "Hasil penilaian disampaikan dengan predikat sehat, cukup sehat, dalam pengawasan atau dalam pengawasan khusus",
        ],
        "14 hari kerja",
        "Gratis",
        DISKOP_OFFICE,
        "Permenkop UKM Nomor 9 Tahun 2020 tentang Pengawasan Koperasi",
        "Sertifikat predikat kesehatan koperasi",
    ),
    service(
        "izin-usaha-simpan-pinjam",
        "Rekomendasi Izin Usaha Simpan Pinjam Koperasi",
        "Pengawasan",
        "Rekomendasi Dinas Koperasi sebagai syarat izin usaha simpan pinjam yang diajukan koperasi melalui sistem OSS berbasis risiko.",
        [
            "Akta pendirian koperasi dan pengesahannya",
            "Modal sendiri koperasi sesuai ketentuan",
            "Rencana kerja usaha simpan pinjam tiga tahun",
            "Daftar nama pengurus, pengawas dan pengelola beserta riwayat hidupnya",
            "Bukti kepemilikan atau sewa kantor",
        ],
        [
            "Koperasi mengajukan izin usaha di OSS",
            "Dinas Koperasi meninjau kantor dan kelayakan pengelola",
            "Rekomendasi diterbitkan dan diunggah ke OSS",
        ],
        "10 hari kerja",
        "Gratis",
        MPP,
        "Permenkop UKM Nomor 8 Tahun 2023 tentang Usaha Simpan Pinjam oleh Koperasi",
        "Rekomendasi izin usaha simpan pinjam",
    ),
    service(
        "sertifikasi-halal-gratis",
        "Pendampingan Sertifikasi Halal Gratis Usaha Mikro",
        "Usaha Mikro",
        "Program SEHATI: pelaku usaha mikro makanan dan minuman di Kota Jambi dibantu mengurus sertifikat halal skema pernyataan pelaku usaha (self declare) melalui pendamping proses produk halal tanpa biaya.",
        [
            "NIB usaha mikro dengan KBLI makanan atau minuman",
            "KTP-el pemilik usaha",
            "Daftar bahan dan produk yang tidak berisiko (tidak mengandung daging sembelihan)",
            "Foto proses produksi dan kemasan",
            "Nomor HP dan email aktif untuk akun SIHALAL",
        ],
        [
            "Pelaku usaha mendaftar kuota program di Dinas Koperasi",
            "Pendamping PPH membantu membuat akun SIHALAL dan mengisi data produk",
            "Pendamping memverifikasi dan memvalidasi pernyataan pelaku usaha",
            "Komite Fatwa menetapkan kehalalan produk",
            "Sertifikat halal terbit dari BPJPH dan dapat diunduh di SIHALAL",
        ],
        "sekitar 21 hari kerja",
        "Gratis (kuota program SEHATI)",
        "Bidang Usaha Mikro Dinas Koperasi dan Usaha Mikro Kota Jambi",
        "Undang-Undang Nomor 33 Tahun 2014 tentang Jaminan Produk Halal; PP Nomor 39 Tahun 2021",
        "Sertifikat halal BPJPH",
    ),
    service(
        "fasilitasi-merek-umkm",
        "Fasilitasi Pendaftaran Merek Usaha Mikro",
        "Usaha Mikro",
        "Bantuan pendaftaran merek dagang produk usaha mikro ke Direktorat Jenderal Kekayaan Intelektual agar nama produk terlindungi.",
        [
            "NIB usaha mikro",
            "Surat keterangan UMK dari Dinas Koperasi",
            "Etiket atau logo merek ukuran 9x9 cm",
            "KTP-el pemohon",
            "Tanda tangan pemohon yang dipindai",
        ],
        [
            "Pelaku usaha mengajukan permohonan fasilitasi",
            "Petugas menelusuri kemiripan merek di PDKI",
            "Permohonan didaftarkan di merek.dgip.go.id dengan tarif UMK yang dibiayai APBD",
            "Pemohon memantau status pemeriksaan substantif",
        ],
        "pengajuan 3 hari kerja; pemeriksaan DJKI sampai terbit sertifikat",
        "Gratis bagi peserta fasilitasi (tarif PNBP UMK dibayar dinas)",
        DISKOP_OFFICE,
        "Undang-Undang Nomor 20 Tahun 2016 tentang Merek dan Indikasi Geografis",
        "Bukti permohonan pendaftaran merek",
    ),
    service(
        "pelatihan-kewirausahaan",
        "Pelatihan Kewirausahaan Usaha Mikro",
        "Usaha Mikro",
        "Pelatihan gratis bagi warga Kota Jambi yang memulai atau mengembangkan usaha mikro: manajemen usaha, pembukuan sederhana, pemasaran digital dan pengemasan produk.",
        [
            "KTP-el Kota Jambi",
            "Memiliki atau berencana membuka usaha mikro",
            "Mengisi formulir pendaftaran peserta",
            "Bersedia mengikuti pelatihan sampai selesai",
        ],
        [
            "Pendaftaran melalui formulir daring yang diumumkan di Instagram dinas",
            "Seleksi peserta sesuai kuota angkatan",
            "Pelatihan tatap muka tiga hari",
            "Peserta menerima sertifikat pelatihan",
        ],
        "3 hari pelatihan per angkatan",
        "Gratis",
        "Aula Dinas Koperasi dan Usaha Mikro Kota Jambi",
        "Peraturan Pemerintah Nomor 7 Tahun 2021",
        "Sertifikat pelatihan",
    ),
    service(
        "kurasi-produk-umkm",
        "Kurasi Produk Usaha Mikro untuk Galeri dan E-Katalog",
        "Usaha Mikro",
        "Penilaian kelayakan produk usaha mikro agar dapat dipajang di galeri produk unggulan Kota Jambi dan ditayangkan di katalog elektronik pengadaan pemerintah.",
        [
            "NIB dan sertifikat PIRT atau izin edar produk",
            "Sampel produk dengan kemasan dan label",
            "Foto produk dan daftar harga",
            "Sertifikat halal bila produk pangan",
        ],
        [
            "Pelaku usaha mendaftar kurasi",
            "Tim kurator menilai mutu, kemasan dan kapasitas produksi",
            "Produk yang lolos dipajang di galeri dan didampingi masuk e-katalog",
        ],
        "dua kali setahun (jadwal kurasi)",
        "Gratis",
        "Galeri Produk Unggulan Kota Jambi, Jl. H. Agus Salim",
        "Perpres Nomor 12 Tahun 2021 tentang Pengadaan Barang/Jasa Pemerintah",
        "Surat keterangan lolos kurasi",
    ),
    service(
        "pembubaran-koperasi",
        "Pembubaran Koperasi",
        "Kelembagaan",
        "Layanan pembubaran koperasi atas keputusan rapat anggota atau koperasi tidak aktif yang dibubarkan pemerintah, termasuk penunjukan tim penyelesai.",
        [
            "Berita acara rapat anggota pembubaran",
            "Akta pendirian dan perubahan",
            "Laporan keuangan terakhir",
            "Daftar aset dan kewajiban koperasi",
        ],
        [
            "Rapat anggota memutuskan pembubaran dan membentuk tim penyelesai",
            "Dinas Koperasi memverifikasi dan mengusulkan pembubaran ke kementerian",
            "Pengumuman pembubaran dan penyelesaian kewajiban kepada anggota",
        ],
        "30 hari kerja",
        "Gratis",
        DISKOP_OFFICE,
        "Peraturan Pemerintah Nomor 17 Tahun 1994 tentang Pembubaran Koperasi oleh Pemerintah",
        "Keputusan pembubaran koperasi",
    ),
]

DISPORA_SERVICES = [
    service(
        "peminjaman-gor",
        "Peminjaman Gedung Olahraga (GOR) Kota Baru",
        "Olahraga",
        "Pemakaian GOR Kota Baru dan lapangan di kompleks olahraga Kota Jambi untuk latihan, turnamen, atau kegiatan masyarakat, dengan retribusi pemakaian kekayaan daerah.",
        [
            "Surat permohonan kepada Kepala Disporapar memuat jadwal dan jenis kegiatan",
            "Fotokopi KTP-el penanggung jawab",
            "Proposal atau jadwal kegiatan",
            "Surat pernyataan menjaga kebersihan dan keamanan fasilitas",
        ],
        [
            "Cek jadwal kosong di sekretariat UPTD Pengelola GOR",
            "Ajukan surat permohonan paling lambat 7 hari sebelum kegiatan",
            "Bayar retribusi melalui bank yang ditunjuk",
            "Terima surat izin pemakaian dan serah terima kunci",
        ],
        "3 hari kerja",
        "Rp750.000 per hari (turnamen); Rp150.000 per jam (latihan)",
        "UPTD Pengelola GOR Kota Baru, Jl. Kapt. A. Bakaruddin",
        "Perda Kota Jambi tentang Retribusi Pemakaian Kekayaan Daerah",
        "Surat izin pemakaian GOR",
    ),
    service(
        "rekomendasi-event-olahraga",
        "Rekomendasi Penyelenggaraan Kejuaraan Olahraga",
        "Olahraga",
        "Rekomendasi dinas bagi panitia yang menggelar kejuaraan, fun run, turnamen antarklub atau event olahraga massal di Kota Jambi, syarat izin keramaian dari kepolisian.",
        [
            "Surat permohonan panitia",
            "Proposal kegiatan dan susunan panitia",
            "Rekomendasi pengurus cabang olahraga (KONI/Pengkot) terkait",
            "Denah lokasi dan rute untuk lomba lari atau sepeda",
        ],
        [
            "Panitia mengajukan permohonan paling lambat 14 hari sebelum acara",
            "Bidang Olahraga memeriksa kelengkapan dan berkoordinasi dengan cabang olahraga",
            "Rekomendasi ditandatangani Kepala Dinas",
        ],
        "5 hari kerja",
        "Gratis",
        DISPORA_OFFICE,
        "Undang-Undang Nomor 11 Tahun 2022 tentang Keolahragaan",
        "Surat rekomendasi penyelenggaraan kejuaraan",
    ),
    service(
        "tanda-daftar-usaha-pariwisata",
        "Tanda Daftar Usaha Pariwisata (TDUP)",
        "Pariwisata",
        "Pendaftaran usaha pariwisata (hotel, homestay, restoran, kafe, biro perjalanan, karaoke, tempat rekreasi) yang kini terintegrasi dengan NIB di OSS; Disporapar memverifikasi sertifikat standar usahanya.",
        [
            "NIB dengan KBLI usaha pariwisata",
            "Dokumen pernyataan memenuhi standar usaha",
            "Izin lingkungan atau SPPL",
            "Foto lokasi usaha",
        ],
        [
            "Pelaku usaha mengajukan di oss.go.id",
            "Disporapar memverifikasi pemenuhan standar usaha pariwisata",
            "Sertifikat standar terverifikasi di OSS",
        ],
        "5 hari kerja",
        "Gratis",
        MPP,
        "Permenparekraf Nomor 4 Tahun 2021 tentang Standar Kegiatan Usaha pada Penyelenggaraan Perizinan Berusaha Berbasis Risiko Sektor Pariwisata",
        "Sertifikat standar usaha pariwisata terverifikasi",
    ),
    service(
        "nomor-induk-kesenian",
        "Nomor Induk Organisasi Kesenian (Sanggar Seni)",
        "Kebudayaan",
        "Pencatatan sanggar tari, musik, teater dan kelompok seni tradisional Melayu Jambi agar terdaftar dan dapat mengikuti festival serta bantuan pembinaan.",
        [
            "Surat permohonan ketua sanggar",
            "Susunan pengurus dan daftar anggota",
            "Fotokopi KTP-el ketua",
            "Foto kegiatan latihan atau pementasan",
            "Surat keterangan domisili sanggar dari kelurahan",
        ],
        [
            "Ketua sanggar menyerahkan berkas ke Bidang Kebudayaan",
            "Petugas mengunjungi sanggar saat latihan",
            "Nomor induk kesenian diterbitkan",
        ],
        "7 hari kerja",
        "Gratis",
        DISPORA_OFFICE,
        "Undang-Undang Nomor 5 Tahun 2017 tentang Pemajuan Kebudayaan",
        "Kartu nomor induk organisasi kesenian",
    ),
    service(
        "seleksi-paskibraka",
        "Seleksi Calon Paskibraka Kota Jambi",
        "Kepemudaan",
        "Seleksi pelajar SMA/SMK/MA kelas X dan XI menjadi Pasukan Pengibar Bendera Pusaka tingkat Kota Jambi setiap Agustus.",
        [
            "Siswa kelas X atau XI berusia 15-17 tahun",
            "Tinggi badan putra 170-180 cm, putri 163-173 cm",
            "Surat keterangan sehat dan bebas narkoba",
            "Rekomendasi kepala sekolah",
            "Nilai rapor rata-rata minimal 75",
        ],
        [
            "Sekolah mengirim calon peserta",
            "Tes kesehatan, jasmani, baris-berbaris dan wawancara",
            "Pengumuman peserta terpilih",
            "Pemusatan latihan sebelum 17 Agustus",
        ],
        "Maret sampai Mei setiap tahun",
        "Gratis",
        DISPORA_OFFICE,
        "Peraturan Presiden Nomor 51 Tahun 2022 tentang Program Pasukan Pengibar Bendera Pusaka",
        "Surat keputusan peserta Paskibraka",
    ),
    service(
        "pendataan-okp",
        "Pendataan Organisasi Kemasyarakatan Pemuda (OKP)",
        "Kepemudaan",
        "Pendataan organisasi kepemudaan di Kota Jambi agar tercatat di dinas, dapat dilibatkan dalam kegiatan dan mengajukan hibah kepemudaan.",
        [
            "Surat permohonan pendataan",
            "AD/ART organisasi",
            "SK kepengurusan yang masih berlaku",
            "Program kerja satu tahun",
            "Alamat sekretariat dan foto papan nama",
        ],
        [
            "Pengurus menyerahkan berkas",
            "Verifikasi oleh Bidang Kepemudaan",
            "Surat keterangan terdata diterbitkan",
        ],
        "5 hari kerja",
        "Gratis",
        DISPORA_OFFICE,
        "Undang-Undang Nomor 40 Tahun 2009 tentang Kepemudaan",
        "Surat keterangan terdata OKP",
    ),
    service(
        "izin-shooting-objek-wisata",
        "Rekomendasi Pengambilan Gambar di Objek Wisata",
        "Pariwisata",
        "Rekomendasi bagi rumah produksi, pembuat film, prewedding komersial atau konten kreator yang mengambil gambar di objek wisata milik Pemerintah Kota Jambi seperti Jembatan Gentala Arasy dan Taman Tanggo Rajo.",
        [
            "Surat permohonan memuat lokasi, tanggal dan jumlah kru",
            "Sinopsis atau konsep pengambilan gambar",
            "Fotokopi KTP-el penanggung jawab",
            "Surat pernyataan tidak merusak fasilitas",
        ],
        [
            "Ajukan permohonan paling lambat 5 hari kerja sebelum jadwal",
            "Disporapar berkoordinasi dengan pengelola objek wisata",
            "Rekomendasi terbit dan ditunjukkan kepada petugas lokasi",
        ],
        "3 hari kerja",
        "Gratis untuk dokumentasi pribadi; retribusi sesuai Perda untuk produksi komersial",
        DISPORA_OFFICE,
        "Perda Kota Jambi tentang Retribusi Tempat Rekreasi dan Olahraga",
        "Surat rekomendasi pengambilan gambar",
    ),
    service(
        "pemuda-pelopor",
        "Pemilihan Pemuda Pelopor Kota Jambi",
        "Kepemudaan",
        "Ajang penghargaan bagi pemuda berusia 16-30 tahun yang memelopori perubahan di bidang pendidikan, lingkungan, pangan, teknologi tepat guna dan sosial budaya.",
        [
            "Berusia 16-30 tahun dan berdomisili di Kota Jambi",
            "Kegiatan kepeloporan sudah berjalan minimal 2 tahun",
            "Proposal kegiatan dan bukti dampak",
            "Rekomendasi lurah atau camat",
        ],
        [
            "Pendaftaran berkas di Bidang Kepemudaan",
            "Penilaian berkas dan verifikasi lapangan oleh tim juri",
            "Penetapan pemenang dan pengiriman ke tingkat provinsi",
        ],
        "April sampai Juni setiap tahun",
        "Gratis",
        DISPORA_OFFICE,
        "Permenpora tentang Penghargaan Pemuda",
        "Piagam dan uang pembinaan",
    ),
    service(
        "sertifikasi-pemandu-wisata",
        "Rekomendasi Sertifikasi Pemandu Wisata",
        "Pariwisata",
        "Rekomendasi dinas bagi warga Kota Jambi yang mengikuti uji kompetensi pemandu wisata di Lembaga Sertifikasi Profesi pariwisata.",
        [
            "Fotokopi KTP-el",
            "Ijazah terakhir minimal SMA/SMK",
            "Sertifikat pelatihan pemandu wisata",
            "Pas foto 3x4",
            "Surat keterangan pengalaman memandu",
        ],
        [
            "Pemohon mengajukan berkas",
            "Wawancara dan tes bahasa oleh Bidang Pariwisata",
            "Rekomendasi dikirim ke LSP untuk jadwal uji kompetensi",
        ],
        "5 hari kerja",
        "Gratis (biaya uji LSP ditanggung peserta)",
        DISPORA_OFFICE,
        "Permenparekraf tentang Standar Kompetensi Kerja Pemandu Wisata",
        "Surat rekomendasi uji kompetensi pemandu wisata",
    ),
    service(
        "penghargaan-atlet",
        "Penghargaan Atlet dan Pelatih Berprestasi",
        "Olahraga",
        "Bonus dan penghargaan Pemerintah Kota Jambi bagi atlet dan pelatih asal Kota Jambi yang meraih medali di Porprov, Popnas, PON atau kejuaraan nasional dan internasional.",
        [
            "Surat pengusulan dari pengurus cabang olahraga",
            "Fotokopi piagam atau sertifikat medali",
            "Fotokopi KTP-el atau kartu pelajar dan KK",
            "Nomor rekening atas nama atlet",
        ],
        [
            "Cabang olahraga mengusulkan nama atlet",
            "Verifikasi prestasi oleh Bidang Olahraga bersama KONI Kota Jambi",
            "Penetapan keputusan wali kota",
            "Penyerahan penghargaan pada Hari Olahraga Nasional",
        ],
        "sekali setahun",
        "Gratis",
        DISPORA_OFFICE,
        "Undang-Undang Nomor 11 Tahun 2022 tentang Keolahragaan",
        "Bonus dan piagam penghargaan",
    ),
    service(
        "cagar-budaya",
        "Pendaftaran Objek Diduga Cagar Budaya",
        "Kebudayaan",
        "Warga atau pemilik yang menemukan atau memiliki bangunan tua, benda, atau situs bersejarah di Kota Jambi dapat mendaftarkannya untuk dikaji tim ahli cagar budaya.",
        [
            "Formulir pendaftaran objek",
            "Foto objek dari beberapa sisi",
            "Keterangan lokasi dan riwayat objek",
            "Fotokopi KTP-el pendaftar",
            "Bukti kepemilikan bila objek milik pribadi",
        ],
        [
            "Pendaftar menyerahkan formulir ke Bidang Kebudayaan",
            "Tim pendaftaran memverifikasi dan meninjau objek",
            "Tim Ahli Cagar Budaya mengkaji dan merekomendasikan penetapan",
            "Objek dicatat dalam register nasional",
        ],
        "30 hari kerja",
        "Gratis",
        DISPORA_OFFICE,
        "Undang-Undang Nomor 11 Tahun 2010 tentang Cagar Budaya",
        "Surat keterangan pendaftaran objek diduga cagar budaya",
    ),
]

NEWS = {
    "next23-diskop": [
        (
            "rat-serentak-2025",
            "128 Koperasi Ikuti RAT Serentak Tutup Buku 2024",
            "2025-03-12",
            "Sebanyak 128 koperasi aktif di Kota Jambi melaksanakan Rapat Anggota Tahunan serentak di Aula Diskop UM. Kepala dinas mengingatkan koperasi yang belum RAT tiga tahun berturut-turut dapat dibubarkan.",
        ),
        (
            "sehati-2025-dibuka",
            "Kuota Sertifikat Halal Gratis 2025 Dibuka untuk 500 Pelaku Usaha",
            "2025-02-03",
            "Pelaku usaha mikro makanan dan minuman dapat mendaftar program sertifikasi halal gratis tahun 2025. Pendaftaran ditutup setelah kuota terpenuhi.",
        ),
    ],
    "next23-disporapar": [
        (
            "festival-batanghari-2025",
            "Festival Batanghari 2025 Digelar di Tanggo Rajo",
            "2025-06-20",
            "Festival budaya tahunan menampilkan lomba perahu bidar, tari kreasi sanggar se-Kota Jambi dan bazar kuliner di kawasan Tanggo Rajo.",
        ),
        (
            "porprov-medali",
            "Kota Jambi Juara Umum Porprov, Atlet Terima Bonus",
            "2025-01-15",
            "Atlet peraih medali emas Porprov menerima bonus dari Pemerintah Kota Jambi pada acara penghargaan di rumah dinas wali kota.",
        ),
    ],
}

PROFILE = {
    "next23-diskop": (
        "Profil Dinas Koperasi dan Usaha Mikro",
        "Dinas Koperasi dan Usaha Mikro Kota Jambi melaksanakan urusan pemerintahan bidang koperasi dan usaha mikro: kelembagaan dan pengawasan koperasi, pemberdayaan usaha mikro dan pengembangan kewirausahaan.",
    ),
    "next23-disporapar": (
        "Tentang Disporapar",
        "Dinas Pemuda, Olahraga dan Pariwisata Kota Jambi membina kepemudaan, keolahragaan, kebudayaan dan pariwisata di Kota Jambi.",
    ),
}
CONTACT = {
    "next23-diskop": (DISKOP_OFFICE, "(0741) 123450", "diskopum@jambikota.go.id"),
    "next23-disporapar": (DISPORA_OFFICE, "(0741) 123470", "disporapar@jambikota.go.id"),
}


# a 1x1 transparent PNG, the logo's and the icon's bytes
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000005000117a1e4d00000000049454e44ae426082"
)
ICON = PNG


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def port(site: dict[str, object]) -> int:
    return 8701 + int(site["offset"])  # type: ignore[call-overload]


# --- next23-diskop: Next.js app router, static export, shadcn/ui -----------------------------

NEXT_BUILD = "Qm3x8LkT2vYp9Rw4Zc7Hd"
NEXT_CHUNKS = [
    "webpack-5b1e9c7a3f2d8064.js",
    "fd9d1056-9e4a2c7b1f3d.js",
    "main-app-7c2e9a4f1b6d.js",
]
NAV = [
    ("/", "Beranda"),
    ("/profil/", "Profil"),
    ("/layanan/", "Layanan"),
    ("/berita/", "Berita"),
    ("/kontak/", "Kontak"),
]


def el(tag: str, props: dict[str, object] | None = None, *children: object) -> list[object]:
    """A React element as the RSC flight writes it: ["$", type, key, props]."""
    out = dict(props or {})
    if children:
        out["children"] = children[0] if len(children) == 1 else list(children)
    return ["$", tag, None, out]


def flight_html(node: object) -> str:
    """The HTML a server render writes for a flight tree (client components are rendered by
    the caller where they differ)."""
    if node is None:
        return ""
    if isinstance(node, str):
        return esc(node)
    if isinstance(node, list) and node and node[0] == "$":
        tag, props = node[1], node[3]
        inner = flight_html(props.get("children"))
        if isinstance(tag, str) and tag.startswith("$L"):
            return inner
        attrs = "".join(
            f' {"class" if k == "className" else k}="{esc(str(v))}"'
            for k, v in props.items()
            if k != "children"
        )
        return f"<{tag}{attrs}>{inner}</{tag}>"
    if isinstance(node, list):
        return "".join(flight_html(n) for n in node)
    return esc(str(node))


def next_shell(title: str, description: str, main: str, flight_rows: list[str]) -> str:
    stream = "".join(flight_rows)
    pushes = [stream[i : i + 700] for i in range(0, len(stream), 700)]
    scripts = "".join(
        f"<script>self.__next_f.push({json.dumps([1, p], ensure_ascii=False)})</script>"
        for p in pushes
    )
    nav = "".join(
        f'<a class="transition-colors hover:text-foreground/80 text-foreground/60" href="{h}">{t}</a>'
        for h, t in NAV
    )
    chunks = "".join(
        f'<script src="/_next/static/chunks/{c}" async=""></script>' for c in NEXT_CHUNKS
    )
    return (
        '<!DOCTYPE html><html lang="id"><head><meta charSet="utf-8"/>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
        '<link rel="stylesheet" href="/_next/static/css/8e2c4a1f9b3d7065.css" data-precedence="next"/>'
        f'<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/{NEXT_CHUNKS[0]}"/>{chunks}'
        f"<title>{esc(title)} | {DISKOP['short']}</title>"
        f'<meta name="description" content="{esc(description)}"/>'
        '<link rel="icon" href="/favicon.ico" type="image/x-icon" sizes="16x16"/></head>'
        '<body class="__className_aaf875 min-h-screen bg-background antialiased">'
        '<header class="sticky top-0 z-50 w-full border-b bg-background/95 backdrop-blur">'
        '<div class="container flex h-14 max-w-screen-2xl items-center">'
        '<a class="mr-6 flex items-center space-x-2" href="/"><img alt="Logo Kota Jambi" loading="lazy" width="32" height="32" decoding="async" data-nimg="1" style="color:transparent" src="/_next/static/media/logo-kota-jambi.4f1c2a9e.png"/>'
        f'<span class="hidden font-bold sm:inline-block">{DISKOP["short"]}</span></a>'
        f'<nav class="flex items-center gap-4 text-sm lg:gap-6">{nav}</nav></div></header>'
        f"{main}"
        '<footer class="border-t py-6 md:py-0"><div class="container flex flex-col items-center justify-between gap-4 md:h-24 md:flex-row">'
        f'<p class="text-balance text-center text-sm leading-loose text-muted-foreground md:text-left">© 2025 {DISKOP["opd"]}. {esc(DISKOP_OFFICE)}.</p></div></footer>'
        f"<script>(self.__next_f=self.__next_f||[]).push([0]);self.__next_f.push([2,null])</script>{scripts}"
        "</body></html>"
    )


CARD_ICON = {"Waktu Layanan": "clock", "Biaya": "wallet", "Lokasi Layanan": "map-pin"}
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" '
    'stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" '
    'class="lucide lucide-{0} h-5 w-5 shrink-0 text-primary"><circle cx="12" cy="12" r="10"></circle></svg>'
)


def diskop_detail(s: dict[str, object]) -> tuple[str, str]:
    title, slug = str(s["title"]), str(s["slug"])
    cards = [("Waktu Layanan", s["waktu"]), ("Biaya", s["biaya"]), ("Lokasi Layanan", s["lokasi"])]
    items = [
        (
            "persyaratan",
            "Persyaratan",
            el(
                "ul",
                {"className": "my-2 ml-6 list-disc [&>li]:mt-1"},
                [["$", "li", str(n), {"children": t}] for n, t in enumerate(s["syarat"])],
            ),
        ),  # type: ignore[arg-type]
        (
            "prosedur",
            "Mekanisme dan Prosedur",
            el(
                "ol",
                {"className": "my-2 ml-6 list-decimal [&>li]:mt-1"},
                [["$", "li", str(n), {"children": t}] for n, t in enumerate(s["alur"])],
            ),
        ),  # type: ignore[arg-type]
        ("dasar-hukum", "Dasar Hukum", el("p", {"className": "leading-7"}, str(s["dasar"]))),
        ("produk", "Produk Layanan", el("p", {"className": "leading-7"}, str(s["produk"]))),
    ]
    flight_items = []
    dom_items = []
    for n, (value, label, content) in enumerate(items):
        is_open = n == 0
        state = "open" if is_open else "closed"
        flight_items.append(
            [
                "$",
                "$L8",
                value,
                {
                    "value": value,
                    "className": "border-b",
                    "children": [
                        ["$", "$L9", None, {"children": label}],
                        ["$", "$La", None, {"children": content}],
                    ],
                },
            ]
        )
        body = f'<div class="pb-4 pt-0">{flight_html(content)}</div>' if is_open else ""
        hidden = "" if is_open else ' hidden=""'
        dom_items.append(
            f'<div data-state="{state}" data-orientation="vertical" class="border-b">'
            f'<h3 data-orientation="vertical" data-state="{state}" class="flex">'
            f'<button type="button" aria-controls="radix-:R{n}b6:" aria-expanded="{str(is_open).lower()}" data-state="{state}" '
            f'data-orientation="vertical" id="radix-:R{n}a6:" class="flex flex-1 items-center justify-between py-4 text-sm font-medium transition-all hover:underline [&[data-state=open]>svg]:rotate-180" data-radix-collection-item="">'
            f'{label}<svg width="15" height="15" viewBox="0 0 15 15" fill="none" class="h-4 w-4 shrink-0 text-muted-foreground transition-transform duration-200"></svg></button></h3>'
            f'<div data-state="{state}" id="radix-:R{n}b6:"{hidden} role="region" aria-labelledby="radix-:R{n}a6:" data-orientation="vertical" '
            'class="overflow-hidden text-sm data-[state=closed]:animate-accordion-up data-[state=open]:animate-accordion-down" '
            'style="--radix-accordion-content-height:var(--radix-collapsible-content-height);--radix-accordion-content-width:var(--radix-collapsible-content-width)">'
            f"{body}</div></div>"
        )
    card_html = "".join(
        '<div class="rounded-xl border bg-card text-card-foreground shadow"><div class="flex items-start gap-3 p-4">'
        f'{SVG.format(CARD_ICON[label])}<div class="space-y-1"><p class="text-sm text-muted-foreground">{label}</p>'
        f'<p class="font-medium leading-snug">{esc(str(value))}</p></div></div></div>'
        for label, value in cards
    )
    main = (
        '<main class="container max-w-4xl py-10">'
        '<nav aria-label="breadcrumb"><ol class="flex flex-wrap items-center gap-1.5 break-words text-sm text-muted-foreground sm:gap-2.5">'
        '<li class="inline-flex items-center gap-1.5"><a class="transition-colors hover:text-foreground" href="/">Beranda</a></li>'
        '<li role="presentation" aria-hidden="true" class="[&>svg]:size-3.5">/</li>'
        '<li class="inline-flex items-center gap-1.5"><a class="transition-colors hover:text-foreground" href="/layanan/">Layanan</a></li>'
        '<li role="presentation" aria-hidden="true" class="[&>svg]:size-3.5">/</li>'
        f'<li class="inline-flex items-center gap-1.5"><span role="link" aria-disabled="true" aria-current="page" class="font-normal text-foreground">{esc(title)}</span></li></ol></nav>'
        '<div class="mb-8 mt-6 space-y-3">'
        f'<div class="inline-flex items-center rounded-md border px-2.5 py-0.5 text-xs font-semibold">{esc(str(s["group"]))}</div>'
        f'<h1 class="scroll-m-20 text-3xl font-bold tracking-tight lg:text-4xl">{esc(title)}</h1>'
        f'<p class="text-lg text-muted-foreground">{esc(str(s["intro"]))}</p></div>'
        f'<div class="grid gap-4 md:grid-cols-3">{card_html}</div>'
        f'<div class="mt-8 w-full" data-orientation="vertical">{"".join(dom_items)}</div>'
        '<div class="mt-10 rounded-lg bg-muted p-4 text-sm text-muted-foreground">Butuh bantuan? '
        '<a class="font-medium underline underline-offset-4" href="/kontak/">Hubungi kami</a> pada hari kerja pukul 08.00-15.00 WIB.</div></main>'
    )
    tree = el(
        "main",
        {"className": "container max-w-4xl py-10"},
        [
            el(
                "h1",
                {"className": "scroll-m-20 text-3xl font-bold tracking-tight lg:text-4xl"},
                title,
            ),
            el("p", {"className": "text-lg text-muted-foreground"}, str(s["intro"])),
            [
                "$",
                "$L7",
                None,
                {
                    "type": "single",
                    "collapsible": True,
                    "defaultValue": "persyaratan",
                    "className": "mt-8 w-full",
                    "children": flight_items,
                },
            ],
        ],
    )
    rows = [
        '1:HL["/_next/static/css/8e2c4a1f9b3d7065.css","style"]\n',
        '2:I[7815,["231","static/chunks/231-3e9a1c7f5b2d.js","185","static/chunks/app/layout-9c4e2a7f1b3d.js"],"SiteHeader"]\n',
        '7:I[6320,["420","static/chunks/420-b2d8e6f1a9c3.js","931","static/chunks/app/layanan/%5Bslug%5D/page-4e1a9c7b3f2d.js"],"Accordion"]\n',
        '8:I[6320,["420","static/chunks/420-b2d8e6f1a9c3.js","931","static/chunks/app/layanan/%5Bslug%5D/page-4e1a9c7b3f2d.js"],"AccordionItem"]\n',
        '9:I[6320,["420","static/chunks/420-b2d8e6f1a9c3.js","931","static/chunks/app/layanan/%5Bslug%5D/page-4e1a9c7b3f2d.js"],"AccordionTrigger"]\n',
        'a:I[6320,["420","static/chunks/420-b2d8e6f1a9c3.js","931","static/chunks/app/layanan/%5Bslug%5D/page-4e1a9c7b3f2d.js"],"AccordionContent"]\n',
        "0:"
        + json.dumps(
            [
                NEXT_BUILD,
                [
                    [
                        [
                            "",
                            {
                                "children": [
                                    "layanan",
                                    {
                                        "children": [
                                            ["slug", slug, "d"],
                                            {"children": ["__PAGE__", {}]},
                                        ]
                                    },
                                ]
                            },
                            "$undefined",
                            "$undefined",
                            True,
                        ],
                        None,
                        [
                            None,
                            el(
                                "html",
                                {"lang": "id"},
                                el("body", {}, [["$", "$L2", None, {}], tree]),
                            ),
                        ],
                    ]
                ],
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + "\n",
    ]
    return next_shell(title, str(s["intro"]), main, rows), "".join(rows)


def simple_main(title: str, body: str) -> str:
    return (
        f'<main class="container max-w-4xl py-10"><h1 class="scroll-m-20 text-3xl font-bold tracking-tight">{esc(title)}</h1>'
        f"{body}</main>"
    )


def simple_rows(title: str, text: str) -> list[str]:
    return [
        "0:"
        + json.dumps(
            [
                NEXT_BUILD,
                [
                    [
                        ["", {"children": ["__PAGE__", {}]}, "$undefined", "$undefined", True],
                        None,
                        [
                            None,
                            el(
                                "html",
                                {"lang": "id"},
                                el(
                                    "body",
                                    {},
                                    el("main", {}, [el("h1", {}, title), el("p", {}, text)]),
                                ),
                            ),
                        ],
                    ]
                ],
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + "\n"
    ]


def build_diskop() -> tuple[dict[str, bytes], dict[str, str]]:
    files: dict[str, str] = {}
    cards = "".join(
        f'<a class="block rounded-xl border bg-card p-5 shadow-sm transition hover:shadow-md" href="/layanan/{s["slug"]}/">'
        f'<div class="mb-2 inline-flex rounded-md border px-2 py-0.5 text-xs">{esc(str(s["group"]))}</div>'
        f'<h3 class="font-semibold leading-none tracking-tight">{esc(str(s["title"]))}</h3>'
        f'<p class="mt-2 line-clamp-2 text-sm text-muted-foreground">{esc(str(s["intro"]))}</p></a>'
        for s in DISKOP_SERVICES
    )
    listing = simple_main(
        "Layanan Publik",
        f'<p class="text-muted-foreground">Daftar layanan {DISKOP["opd"]}.</p><div class="mt-6 grid gap-4 md:grid-cols-2">{cards}</div>',
    )
    files["layanan/index.html"] = next_shell(
        "Layanan Publik",
        "Daftar layanan Dinas Koperasi dan Usaha Mikro Kota Jambi",
        listing,
        simple_rows("Layanan Publik", "Daftar layanan"),
    )
    for s in DISKOP_SERVICES:
        page, flight = diskop_detail(s)
        files[f"layanan/{s['slug']}/index.html"] = page
        files[f"layanan/{s['slug']}/index.txt"] = flight
    news = NEWS[str(DISKOP["name"])]
    news_list = "".join(
        f'<article class="border-b py-4"><h2 class="text-xl font-semibold"><a href="/berita/{slug}/">{esc(t)}</a></h2>'
        f'<time class="text-sm text-muted-foreground" dateTime="{d}">{d}</time></article>'
        for slug, t, d, _ in news
    )
    files["berita/index.html"] = next_shell(
        "Berita",
        "Berita terbaru",
        simple_main("Berita", news_list),
        simple_rows("Berita", "Berita terbaru"),
    )
    for slug, t, d, body in news:
        files[f"berita/{slug}/index.html"] = next_shell(
            t,
            body,
            simple_main(
                t,
                f'<time class="text-sm text-muted-foreground" dateTime="{d}">{d}</time><article class="prose mt-6"><p>{esc(body)}</p></article>',
            ),
            simple_rows(t, body),
        )
    ptitle, ptext = PROFILE[str(DISKOP["name"])]
    files["profil/index.html"] = next_shell(
        ptitle,
        ptext,
        simple_main(ptitle, f'<p class="leading-7">{esc(ptext)}</p>'),
        simple_rows(ptitle, ptext),
    )
    address, phone, mail = CONTACT[str(DISKOP["name"])]
    files["kontak/index.html"] = next_shell(
        "Kontak",
        "Kontak",
        simple_main(
            "Kontak",
            f'<div class="space-y-2"><p>{esc(address)}</p><p>Telepon: {phone}</p><p>Email: {mail}</p></div>',
        ),
        simple_rows("Kontak", address),
    )
    featured = "".join(
        f'<li><a class="underline" href="/layanan/{s["slug"]}/">{esc(str(s["title"]))}</a></li>'
        for s in DISKOP_SERVICES[:4]
    )
    home = (
        f'<main class="container py-10"><section class="space-y-4 py-12"><h1 class="text-4xl font-extrabold tracking-tight">Koperasi Sehat, Usaha Mikro Naik Kelas</h1>'
        f'<p class="text-muted-foreground">{esc(ptext)}</p><a class="inline-flex h-10 items-center rounded-md bg-primary px-8 text-sm font-medium text-primary-foreground" href="/layanan/">Lihat Layanan</a></section>'
        f'<section><h2 class="text-2xl font-semibold">Layanan Populer</h2><ul class="my-4 ml-6 list-disc">{featured}</ul></section></main>'
    )
    files["index.html"] = next_shell("Beranda", ptext, home, simple_rows("Beranda", ptext))
    files["_next/static/css/8e2c4a1f9b3d7065.css"] = "*,:after,:before{box-sizing:border-box}\n"
    for c in NEXT_CHUNKS:
        files[f"_next/static/chunks/{c}"] = (
            "(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[744],{}]);\n"
        )
    files["robots.txt"] = "User-agent: *\nAllow: /\n"
    out = {k: v.encode("utf-8") for k, v in files.items()}
    out["favicon.ico"] = ICON
    out["_next/static/media/logo-kota-jambi.4f1c2a9e.png"] = PNG
    # the demo server hides paths starting with "_" unless the site's routes name them
    routes = {f"/{k}": k for k in out if k.startswith("_next/")}
    return out, routes


# --- next23-disporapar: Gatsby, CSS modules, Headless UI Tabs, page-data.json ------------------

GATSBY_HASH = "9c41e7b2a05d83f61e2c"
GATSBY_NAV = [
    ("/", "Beranda"),
    ("/tentang/", "Tentang"),
    ("/layanan/", "Layanan"),
    ("/berita/", "Berita"),
    ("/kontak/", "Kontak"),
]


def mod(module: str, name: str) -> str:
    """A CSS-module class name as Gatsby writes it: ``<file>-module--<name>--<hash>``."""
    key = f"{module}/{name}".encode()
    return f"{module}-module--{name}--{zlib.crc32(key) % 10**5:05d}"


def gatsby_shell(title: str, path: str, main: str, description: str) -> str:
    page_data = (
        "/page-data/index/page-data.json" if path == "/" else f"/page-data{path}page-data.json"
    )
    nav = "".join(
        f'<li><a class="header-module--link--5e8a1" href="{h}">{t}</a></li>' for h, t in GATSBY_NAV
    )
    return (
        '<!DOCTYPE html><html lang="id"><head><meta charSet="utf-8"/><meta http-equiv="x-ua-compatible" content="ie=edge"/>'
        '<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no"/>'
        '<meta name="generator" content="Gatsby 5.13.3"/>'
        f'<title data-gatsby-head="true">{esc(title)} | {DISPORA["short"]}</title>'
        f'<meta name="description" content="{esc(description)}" data-gatsby-head="true"/>'
        '<style data-href="/styles.b2f7c91a4e3d.css" data-identity="gatsby-global-css">.header-module--header--1c7f2{display:flex}</style>'
        f'<link as="fetch" rel="preload" href="{page_data}" crossorigin="anonymous"/>'
        '<link as="fetch" rel="preload" href="/page-data/app-data.json" crossorigin="anonymous"/></head>'
        '<body><div id="___gatsby"><div style="outline:none" tabindex="-1" id="gatsby-focus-wrapper">'
        '<header class="header-module--header--1c7f2"><a class="header-module--brand--8b3d4" href="/">'
        f'<img src="/static/logo-kota-jambi-3f2a1c.png" alt="" width="40" height="40"/><span>{DISPORA["short"]}</span></a>'
        f'<nav aria-label="Menu utama"><ul class="header-module--menu--a41e9">{nav}</ul></nav></header>'
        f"{main}"
        '<footer class="footer-module--footer--6d2b8"><div class="footer-module--col--0e4f3">'
        f"<strong>{DISPORA['opd']}</strong><br/>{esc(DISPORA_OFFICE)}</div>"
        '<div class="footer-module--col--0e4f3">© 2025 Disporapar Kota Jambi</div></footer></div>'
        '<div id="gatsby-announcer" style="position:absolute;top:0;width:1px;height:1px;padding:0;overflow:hidden;clip:rect(0, 0, 0, 0);white-space:nowrap;border:0" aria-live="assertive" aria-atomic="true"></div></div>'
        f'<script id="gatsby-script-loader">/*<![CDATA[*/window.pagePath="{path}";window.___webpackCompilationHash="{GATSBY_HASH}";/*]]>*/</script>'
        '<script id="gatsby-chunk-mapping">/*<![CDATA[*/window.___chunkMapping="{\\"app\\":[\\"/app-4c9e1b2f7a3d.js\\"]}";/*]]>*/</script>'
        '<script src="/webpack-runtime-8a2f4c1e9b7d.js" async=""></script><script src="/framework-3e7b1d9c5a2f.js" async=""></script>'
        '<script src="/app-4c9e1b2f7a3d.js" async=""></script></body></html>'
    )


def page_data(path: str, chunk: str, data: dict[str, object], context: dict[str, object]) -> str:
    return json.dumps(
        {
            "componentChunkName": chunk,
            "path": path,
            "result": {"data": data, "pageContext": context},
            "staticQueryHashes": ["1865044719", "3159585216"],
            "slicesMap": {},
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def dispora_detail(s: dict[str, object]) -> tuple[str, str]:
    title, slug = str(s["title"]), str(s["slug"])
    path = f"/layanan/{slug}/"
    facts = [
        ("Lama Proses", s["waktu"]),
        ("Retribusi", s["biaya"]),
        ("Tempat Pengajuan", s["lokasi"]),
    ]
    dl = "".join(
        f'<div class="{mod("layanan", "fact")}"><dt class="{mod("layanan", "factLabel")}">{label}</dt>'
        f'<dd class="{mod("layanan", "factValue")}">{esc(str(value))}</dd></div>'
        for label, value in facts
    )
    tabs = ["Syarat", "Alur Pengajuan", "Dasar Hukum", "Hasil Layanan"]
    buttons = "".join(
        f'<button class="{mod("layanan", "tab")}" id="headlessui-tabs-tab-:R{n}l6:" role="tab" type="button" '
        f'aria-selected="{str(n == 0).lower()}" tabindex="{0 if n == 0 else -1}" data-headlessui-state="{"selected" if n == 0 else ""}" '
        f'aria-controls="headlessui-tabs-panel-:R{n}t6:">{label}</button>'
        for n, label in enumerate(tabs)
    )
    first = "".join(f"<li>{esc(t)}</li>" for t in s["syarat"])  # type: ignore[attr-defined]
    panels = (
        f'<div id="headlessui-tabs-panel-:R0t6:" role="tabpanel" tabindex="0" data-headlessui-state="selected" '
        f'aria-labelledby="headlessui-tabs-tab-:R0l6:" class="{mod("layanan", "panel")}"><ul class="{mod("layanan", "list")}">{first}</ul></div>'
        + "".join(
            f'<span aria-hidden="true" id="headlessui-tabs-panel-:R{n}t6:" role="tabpanel" tabindex="-1" '
            'style="position:fixed;top:1px;left:1px;width:1px;height:0;padding:0;margin:-1px;overflow:hidden;clip:rect(0, 0, 0, 0);white-space:nowrap;border-width:0"></span>'
            for n in range(1, len(tabs))
        )
    )
    main = (
        f'<main class="{mod("layanan", "page")}">'
        f'<div class="{mod("layanan", "crumbs")}"><a href="/">Beranda</a><span> / </span><a href="/layanan/">Layanan</a><span> / </span><span>{esc(title)}</span></div>'
        f'<span class="{mod("layanan", "badge")}">{esc(str(s["group"]))}</span>'
        f'<h1 class="{mod("layanan", "title")}">{esc(title)}</h1>'
        f'<div class="{mod("layanan", "lead")}"><p>{esc(str(s["intro"]))}</p></div>'
        f'<dl class="{mod("layanan", "facts")}">{dl}</dl>'
        f'<div class="{mod("layanan", "tabs")}"><div role="tablist" aria-orientation="horizontal" class="{mod("layanan", "tablist")}">{buttons}</div>'
        f'<div class="{mod("layanan", "panels")}">{panels}</div></div>'
        f'<a class="{mod("layanan", "back")}" href="/layanan/">← Semua layanan</a></main>'
    )
    record = {
        "id": f"c5e0a1f2-{zlib.crc32(slug.encode()) % 10**4:04d}-5b0e-9d6c-{slug[:4]}",
        "judul": title,
        "slug": slug,
        "kategori": s["group"],
        "ringkasan": s["intro"],
        "persyaratan": s["syarat"],
        "alurPengajuan": s["alur"],
        "lamaProses": s["waktu"],
        "retribusi": s["biaya"],
        "tempatPengajuan": s["lokasi"],
        "dasarHukum": s["dasar"],
        "hasilLayanan": s["produk"],
    }
    data = page_data(
        path,
        "component---src-templates-layanan-detail-js",
        {"layanan": record, "site": {"siteMetadata": {"title": DISPORA["short"]}}},
        {"id": record["id"], "slug": slug},
    )
    return gatsby_shell(title, path, main, str(s["intro"])), data


def build_dispora() -> tuple[dict[str, bytes], dict[str, str]]:
    files: dict[str, str] = {}

    def simple(path: str, title: str, body: str, description: str, data: dict[str, object]) -> None:
        folder = path.strip("/")
        files[f"{folder}/index.html" if folder else "index.html"] = gatsby_shell(
            title,
            path,
            f'<main class="{mod("page", "page")}"><h1 class="{mod("page", "title")}">{esc(title)}</h1>{body}</main>',
            description,
        )
        files[f"page-data/{folder or 'index'}/page-data.json"] = page_data(
            path, "component---src-pages-" + (folder.replace("/", "-") or "index") + "-js", data, {}
        )

    cards = "".join(
        f'<li class="{mod("layanan", "card")}"><a href="/layanan/{s["slug"]}/"><p class="{mod("layanan", "cardTitle")}">{esc(str(s["title"]))}</p></a>'
        f'<p class="{mod("layanan", "cardText")}">{esc(str(s["intro"]))[:120]}…</p></li>'
        for s in DISPORA_SERVICES
    )
    simple(
        "/layanan/",
        "Layanan",
        f'<ul class="{mod("layanan", "grid")}">{cards}</ul>',
        "Layanan Disporapar Kota Jambi",
        {
            "allLayanan": {
                "nodes": [
                    {"judul": s["title"], "slug": s["slug"], "kategori": s["group"]}
                    for s in DISPORA_SERVICES
                ]
            }
        },
    )
    for s in DISPORA_SERVICES:
        page, data = dispora_detail(s)
        files[f"layanan/{s['slug']}/index.html"] = page
        files[f"page-data/layanan/{s['slug']}/page-data.json"] = data
    news = NEWS[str(DISPORA["name"])]
    simple(
        "/berita/",
        "Berita",
        "".join(
            f'<article><p class="{mod("berita", "title")}"><a href="/berita/{slug}/">{esc(t)}</a></p><time>{d}</time></article>'
            for slug, t, d, _ in news
        ),
        "Berita",
        {
            "allBerita": {
                "nodes": [{"judul": t, "slug": slug, "tanggal": d} for slug, t, d, _ in news]
            }
        },
    )
    for slug, t, d, body in news:
        simple(
            f"/berita/{slug}/",
            t,
            f"<time>{d}</time><div><p>{esc(body)}</p></div>",
            body,
            {
                "berita": {
                    "judul": t,
                    "slug": slug,
                    "tanggal": d,
                    "isi": {"html": f"<p>{esc(body)}</p>"},
                }
            },
        )
    ptitle, ptext = PROFILE[str(DISPORA["name"])]
    simple(
        "/tentang/",
        ptitle,
        f"<p>{esc(ptext)}</p>",
        ptext,
        {"halaman": {"judul": ptitle, "isi": {"html": f"<p>{esc(ptext)}</p>"}}},
    )
    address, phone, mail = CONTACT[str(DISPORA["name"])]
    simple(
        "/kontak/",
        "Kontak",
        f"<p>{esc(address)}</p><p>Telepon: {phone}</p><p>Email: {mail}</p>",
        "Kontak",
        {},
    )
    featured = "".join(
        f'<li><a href="/layanan/{s["slug"]}/">{esc(str(s["title"]))}</a></li>'
        for s in DISPORA_SERVICES[:5]
    )
    simple(
        "/",
        "Pemuda Berprestasi, Pariwisata Berdaya Saing",
        f'<p>{esc(ptext)}</p><p class="{mod("index", "section")}">Layanan Unggulan</p><ul>{featured}</ul>'
        '<a href="/layanan/">Semua layanan</a>',
        ptext,
        {},
    )
    files["page-data/app-data.json"] = json.dumps({"webpackCompilationHash": GATSBY_HASH})
    for name in (
        "webpack-runtime-8a2f4c1e9b7d.js",
        "framework-3e7b1d9c5a2f.js",
        "app-4c9e1b2f7a3d.js",
    ):
        files[name] = (
            '"use strict";(self.webpackChunkdisporapar=self.webpackChunkdisporapar||[]).push([[143],{}]);\n'
        )
    files["robots.txt"] = "User-agent: *\nAllow: /\n"
    files["styles.b2f7c91a4e3d.css"] = ".header-module--header--1c7f2{display:flex}\n"
    out = {k: v.encode("utf-8") for k, v in files.items()}
    out["static/logo-kota-jambi-3f2a1c.png"] = PNG
    out["favicon.ico"] = ICON
    return out, {}


# --- queries ----------------------------------------------------------------------------------

QUERIES = [
    ("formal", "persyaratan pengesahan akta pendirian koperasi", "pengesahan-pendirian-koperasi"),
    ("formal", "alur penerbitan nomor induk koperasi", "nomor-induk-koperasi"),
    (
        "formal",
        "prosedur pendampingan sertifikasi halal gratis usaha mikro",
        "sertifikasi-halal-gratis",
    ),
    ("formal", "dasar hukum penilaian kesehatan koperasi simpan pinjam", "penilaian-kesehatan-ksp"),
    (
        "colloquial",
        "mau bikin koperasi sama warga kampung caranya gimana",
        "pengesahan-pendirian-koperasi",
    ),
    ("colloquial", "daftarin merek keripik biar gak dicontek orang", "fasilitasi-merek-umkm"),
    ("abbreviation", "lapor rat koperasi ke diskop", "laporan-rat"),
    ("abbreviation", "nik koperasi ods", "nomor-induk-koperasi"),
    ("abbreviation", "rekomendasi izin usp koperasi", "izin-usaha-simpan-pinjam"),
    ("typo", "sertifikat halal gratiss umkm", "sertifikasi-halal-gratis"),
    ("typo", "pembubran koperasi tidak aktif", "pembubaran-koperasi"),
    ("old-term", "badan hukum koperasi dari depkop", "pengesahan-pendirian-koperasi"),
    ("old-term", "ijin usaha ksp kota jambi", "izin-usaha-simpan-pinjam"),
    ("english", "cooperative legal entity registration", "pengesahan-pendirian-koperasi"),
    ("english", "free halal certification for micro business", "sertifikasi-halal-gratis"),
    ("jambi-malay", "nak ubah anggaran dasar koperasi kami", "perubahan-anggaran-dasar"),
    ("jambi-malay", "nak ikut pelatihan usaha gratis dimano", "pelatihan-kewirausahaan"),
    ("problem", "koperasi kami sudah tiga tahun tidak rapat anggota", "laporan-rat"),
    ("problem", "sambal rumahan mau dipajang di galeri oleh-oleh pemkot", "kurasi-produk-umkm"),
    ("app", "sihalal pendamping pph self declare", "sertifikasi-halal-gratis"),
    ("formal", "persyaratan peminjaman gedung olahraga kota baru", "peminjaman-gor"),
    ("formal", "alur seleksi calon paskibraka kota jambi", "seleksi-paskibraka"),
    ("formal", "prosedur pendaftaran objek diduga cagar budaya", "cagar-budaya"),
    ("formal", "persyaratan nomor induk organisasi kesenian", "nomor-induk-kesenian"),
    ("colloquial", "sewa gor buat turnamen futsal berapa", "peminjaman-gor"),
    (
        "colloquial",
        "mau syuting video klip di gentala arasy izinnya gimana",
        "izin-shooting-objek-wisata",
    ),
    ("abbreviation", "tdup hotel disporapar", "tanda-daftar-usaha-pariwisata"),
    ("abbreviation", "pendataan okp kota jambi", "pendataan-okp"),
    ("typo", "paskibrka sma kota jambi", "seleksi-paskibraka"),
    ("typo", "sanggar tarri daftar nomor induk", "nomor-induk-kesenian"),
    ("old-term", "ijin keramaian turnamen olahraga dispora", "rekomendasi-event-olahraga"),
    ("old-term", "surat izin usaha kepariwisataan hotel", "tanda-daftar-usaha-pariwisata"),
    ("english", "tour guide certification recommendation", "sertifikasi-pemandu-wisata"),
    ("english", "rent sports hall jambi", "peminjaman-gor"),
    ("jambi-malay", "sanggar kami nak didaftarke ke dinas", "nomor-induk-kesenian"),
    ("jambi-malay", "anak sayo nak ikut paskibraka syaratnyo apo", "seleksi-paskibraka"),
    ("problem", "nemu rumah tua zaman belanda mau dilestarikan", "cagar-budaya"),
    ("problem", "anak saya dapat medali emas porprov belum terima bonus", "penghargaan-atlet"),
    (
        "problem",
        "panitia fun run perlu surat dari dinas untuk izin polisi",
        "rekomendasi-event-olahraga",
    ),
    ("app", "oss sertifikat standar usaha pariwisata", "tanda-daftar-usaha-pariwisata"),
]
# existing rows that ask for one of these services: (qid, slug, grade)
ALSO = [("q2023", "tanda-daftar-usaha-pariwisata", "2")]


def page_url(slug: str) -> str:
    site = DISKOP if any(s["slug"] == slug for s in DISKOP_SERVICES) else DISPORA
    return f"http://127.0.0.1:{port(site)}/layanan/{slug}/"


def write_queries() -> None:
    append_devset_rows(FIRST_QID, QUERIES, ALSO, page_url)


def main() -> int:
    for site, build in ((DISKOP, build_diskop), (DISPORA, build_dispora)):
        files, routes = build()
        if routes:
            files["_routes.json"] = (json.dumps(routes, indent=1, sort_keys=True) + "\n").encode()
        write_site(SITES / str(site["name"]), files)
        register(
            str(site["name"]),
            str(site["opd"]),
            int(site["offset"]),  # type: ignore[call-overload]
            str(site["family"]),
            f"http://127.0.0.1:{port(site)}",
        )
    write_queries()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
