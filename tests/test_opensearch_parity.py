"""Given the same crawled Kota Jambi pages, the embedded index and an OpenSearch cluster send
a citizen to the same service.

The cluster here is osmem-server (an in-memory server speaking the OpenSearch API, started on
a free loopback port); embedder "none" on both sides, so this is the keyword path that every
deployment runs. The corpus is a realistic slice of the city's public services (population
registry, permits, taxes, schools, health, complaints, apps, news and a re-listing at Mal
Pelayanan Publik); the queries are phrased as citizens phrase them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.analysis import QueryTerm
from indexer.backend import Filters
from indexer.build import build_index
from indexer.coverage import said_tokens
from indexer.embedded import EmbeddedBackend
from indexer.opensearch import OpenSearchBackend
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.documents import Document
from sikoja.store import DocumentStore

DUKCAPIL = "Dinas Kependudukan dan Pencatatan Sipil Kota Jambi"
DPMPTSP = "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Jambi"
BPPRD = "Badan Pengelolaan Pajak dan Retribusi Daerah Kota Jambi"
DISDIK = "Dinas Pendidikan Kota Jambi"
DINSOS = "Dinas Sosial Kota Jambi"
DINKES = "Dinas Kesehatan Kota Jambi"
DLH = "Dinas Lingkungan Hidup Kota Jambi"
DISHUB = "Dinas Perhubungan Kota Jambi"
DISNAKER = "Dinas Tenaga Kerja Kota Jambi"
DAMKAR = "Dinas Pemadam Kebakaran dan Penyelamatan Kota Jambi"
BPBD = "Badan Penanggulangan Bencana Daerah Kota Jambi"
PUPR = "Dinas Pekerjaan Umum dan Penataan Ruang Kota Jambi"
PERKIM = "Dinas Perumahan dan Kawasan Permukiman Kota Jambi"
DPMPPA = "Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kota Jambi"
DISPERINDAG = "Dinas Perindustrian dan Perdagangan Kota Jambi"
DISKOMINFO = "Dinas Komunikasi dan Informatika Kota Jambi"
KELURAHAN = "Kelurahan Telanaipura"
PDAM = "Perumda Air Minum Tirta Mayang Kota Jambi"
MPP = "Mal Pelayanan Publik Kota Jambi"

HOSTS = {
    DUKCAPIL: "disdukcapil.jambikota.go.id", DPMPTSP: "dpmptsp.jambikota.go.id",
    BPPRD: "bpprd.jambikota.go.id", DISDIK: "disdik.jambikota.go.id",
    DINSOS: "dinsos.jambikota.go.id", DINKES: "dinkes.jambikota.go.id",
    DLH: "dlh.jambikota.go.id", DISHUB: "dishub.jambikota.go.id",
    DISNAKER: "disnaker.jambikota.go.id", DAMKAR: "damkar.jambikota.go.id",
    BPBD: "bpbd.jambikota.go.id", PUPR: "pupr.jambikota.go.id", PERKIM: "perkim.jambikota.go.id",
    DPMPPA: "dpmppa.jambikota.go.id", DISPERINDAG: "disperindag.jambikota.go.id",
    DISKOMINFO: "diskominfo.jambikota.go.id", KELURAHAN: "telanaipura.jambikota.go.id",
    PDAM: "tirtamayang.co.id", MPP: "mpp.jambikota.go.id",
}
SOURCES = {opd: host.split(".")[0] for opd, host in HOSTS.items()}


def url(opd: str, path: str) -> str:
    return f"https://{HOSTS[opd]}/{path}"


def service(opd: str, path: str, title: str, about: str, requirements: list[str],
            cost: str, duration: str, procedure: list[str] | None = None,
            group: str | None = None) -> Document:
    """A service page as OPD sites publish them: what it is, then the standard sections."""
    procedure = procedure or []
    text = (f"{about} Persyaratan: {'; '.join(requirements)}. "
            + (f"Prosedur: {'; '.join(procedure)}. " if procedure else "")
            + f"Biaya: {cost}. Waktu penyelesaian: {duration}.")
    return Document(
        url=url(opd, path), source=SOURCES[opd], opd=opd, kind="service", title=title,
        headings=["Persyaratan", *(["Prosedur"] if procedure else []), "Biaya",
                  "Waktu Penyelesaian"],
        breadcrumbs=["Beranda", "Layanan"], text=text,
        fields={"requirements": requirements, "procedure": procedure, "cost": cost,
                "duration": duration},
        group_id=group,
    )


def page(opd: str, path: str, title: str, text: str, kind: str = "news",
         headings: list[str] | None = None, fields: dict | None = None) -> Document:
    return Document(url=url(opd, path), source=SOURCES[opd], opd=opd, kind=kind, title=title,
                    text=text, headings=headings or [], fields=fields or {})


FREE = "Gratis, tidak dipungut biaya"
KTP_URL = url(DUKCAPIL, "layanan/ktp-el-baru")
KTP_LOST_URL = url(DUKCAPIL, "layanan/ktp-el-hilang-rusak")
KK_URL = url(DUKCAPIL, "layanan/kartu-keluarga-baru")
AKTA_LAHIR_URL = url(DUKCAPIL, "layanan/akta-kelahiran")
PBG_URL = url(DPMPTSP, "layanan/persetujuan-bangunan-gedung")
PBB_URL = url(BPPRD, "layanan/pembayaran-pbb")
SIKESAL_URL = url(DISKOMINFO, "aplikasi/sikesal")


def corpus() -> list[Document]:
    return [
        # -- population registry (Disdukcapil) --------------------------------------------
        service(DUKCAPIL, "layanan/ktp-el-baru", "Perekaman dan Penerbitan KTP-el Baru",
                "Kartu Tanda Penduduk elektronik (KTP-el) untuk penduduk yang berusia 17 "
                "tahun atau sudah pernah kawin. Perekaman foto, sidik jari dan iris mata "
                "dilakukan langsung dan tidak dapat diwakilkan.",
                ["Berusia 17 tahun atau sudah pernah kawin", "Fotokopi Kartu Keluarga"],
                FREE, "1 hari kerja",
                ["Datang ke kantor Disdukcapil atau Mal Pelayanan Publik",
                 "Perekaman biometrik", "Ambil KTP-el dengan bukti pengambilan"]),
        service(DUKCAPIL, "layanan/ktp-el-hilang-rusak", "Penggantian KTP-el Hilang atau Rusak",
                "Penerbitan ulang KTP-el bagi warga yang kartunya hilang atau rusak.",
                ["Surat keterangan kehilangan dari kepolisian bila hilang",
                 "KTP-el yang rusak bila rusak", "Fotokopi Kartu Keluarga"],
                FREE, "1 hari kerja"),
        service(DUKCAPIL, "layanan/ktp-el-perubahan-data", "Perubahan Data KTP-el",
                "Penerbitan KTP-el karena perubahan status perkawinan, pekerjaan atau alamat.",
                ["Kartu Keluarga yang sudah diperbarui", "KTP-el lama",
                 "Dokumen pendukung perubahan seperti buku nikah atau ijazah"],
                FREE, "1 hari kerja"),
        service(DUKCAPIL, "layanan/kartu-keluarga-baru", "Penerbitan Kartu Keluarga (KK) Baru",
                "Kartu Keluarga baru untuk keluarga yang baru menikah atau pisah KK dari "
                "orang tua.",
                ["Buku nikah atau kutipan akta perkawinan",
                 "Surat keterangan pindah bagi pendatang"], FREE, "1 sampai 3 hari kerja"),
        service(DUKCAPIL, "layanan/perubahan-kartu-keluarga",
                "Perubahan Kartu Keluarga: Tambah Anggota, Pecah KK",
                "Menambah anak yang baru lahir, mengurangi anggota yang meninggal atau pindah, "
                "dan memecah satu KK menjadi dua.",
                ["KK lama", "Akta kelahiran, akta kematian atau surat pindah sesuai peristiwa"],
                FREE, "1 sampai 3 hari kerja"),
        service(DUKCAPIL, "layanan/akta-kelahiran", "Penerbitan Akta Kelahiran",
                "Pencatatan kelahiran dan penerbitan kutipan akta kelahiran untuk setiap anak "
                "yang lahir, sebaiknya dalam 60 hari setelah lahir.",
                ["Surat keterangan lahir dari rumah sakit, puskesmas, dokter atau bidan",
                 "Buku nikah orang tua", "Kartu Keluarga", "Formulir F-2.01"],
                FREE, "1 hari kerja"),
        service(DUKCAPIL, "layanan/akta-kematian", "Penerbitan Akta Kematian",
                "Pencatatan kematian penduduk dan penerbitan kutipan akta kematian, "
                "dilaporkan keluarga.",
                ["Surat kematian dari dokter atau lurah", "KK dan KTP-el almarhum",
                 "Formulir F-2.01"], FREE, "1 x 24 jam setelah berkas lengkap"),
        service(DUKCAPIL, "layanan/kartu-identitas-anak", "Kartu Identitas Anak (KIA)",
                "KIA adalah kartu identitas resmi untuk anak di bawah 17 tahun.",
                ["Kutipan akta kelahiran anak", "KK orang tua", "KTP-el kedua orang tua",
                 "Pas foto berwarna 2x3 untuk anak usia 5 tahun ke atas"], FREE, "1 hari kerja"),
        service(DUKCAPIL, "layanan/surat-pindah", "Surat Keterangan Pindah (SKPWNI)",
                "Surat pindah bagi warga yang pindah domisili keluar Kota Jambi.",
                ["KK asli", "KTP-el asli", "Surat pengantar RT dan kelurahan",
                 "Formulir F-1.03"], FREE, "1 hari kerja"),
        service(DUKCAPIL, "layanan/pindah-datang", "Pindah Datang ke Kota Jambi",
                "Pendaftaran pendatang baru: penerbitan KK dan KTP-el dengan alamat di Kota "
                "Jambi.",
                ["SKPWNI dari daerah asal", "KTP-el",
                 "Surat pernyataan pemilik rumah bila menumpang atau kos"], FREE, "1 hari kerja"),
        service(DUKCAPIL, "layanan/akta-perkawinan", "Pencatatan Perkawinan Non-Muslim",
                "Penerbitan akta perkawinan bagi pasangan beragama selain Islam.",
                ["Surat perkawinan dari pemuka agama", "KTP-el dan KK kedua mempelai",
                 "Pas foto berdua"], FREE, "1 hari kerja"),
        service(DUKCAPIL, "layanan/akta-perceraian", "Pencatatan Perceraian",
                "Penerbitan akta perceraian setelah putusan pengadilan berkekuatan hukum tetap.",
                ["Salinan putusan pengadilan", "KTP-el dan KK terbaru"], FREE, "1 hari kerja"),
        service(DUKCAPIL, "layanan/identitas-kependudukan-digital",
                "Aktivasi Identitas Kependudukan Digital (IKD)",
                "IKD atau KTP digital di ponsel. Warga yang mengurus data kependudukan diminta "
                "mengaktifkan IKD.", ["KTP-el", "Ponsel Android dengan kamera"], FREE,
                "langsung"),
        service(DUKCAPIL, "layanan/legalisir", "Legalisir Dokumen Kependudukan",
                "Pengesahan fotokopi KK, akta kelahiran dan akta lainnya.",
                ["Dokumen asli", "Fotokopi yang akan dilegalisir"], FREE, "langsung"),
        # -- permits (DPMPTSP) -----------------------------------------------------------
        service(DPMPTSP, "layanan/nomor-induk-berusaha", "Nomor Induk Berusaha (NIB)",
                "NIB adalah identitas pelaku usaha yang diterbitkan melalui OSS RBA, "
                "menggantikan SIUP dan TDP.",
                ["NIK pelaku usaha", "NPWP", "Akta pendirian bagi badan usaha"], FREE,
                "seketika untuk usaha risiko rendah"),
        service(DPMPTSP, "layanan/persetujuan-bangunan-gedung",
                "Persetujuan Bangunan Gedung (PBG)",
                "PBG menggantikan Izin Mendirikan Bangunan (IMB). Permohonan diajukan melalui "
                "SIMBG sebelum membangun, mengubah atau memperluas bangunan.",
                ["Akun SIMBG", "Data pemohon", "Bukti kepemilikan tanah",
                 "Gambar rencana teknis bangunan"], "Retribusi PBG sesuai Perda",
                "sesuai standar pelayanan"),
        service(DPMPTSP, "layanan/sertifikat-laik-fungsi", "Sertifikat Laik Fungsi (SLF)",
                "SLF menyatakan bangunan gedung layak dipakai sesuai fungsinya.",
                ["Gambar terbangun (as-built drawing)", "Surat pernyataan penyedia jasa",
                 "PBG"], "Retribusi sesuai Perda", "3 hari kerja"),
        service(DPMPTSP, "layanan/izin-praktik-dokter", "Surat Izin Praktik (SIP) Dokter",
                "Izin praktik bagi dokter dan dokter gigi di fasilitas kesehatan atau praktik "
                "mandiri.", ["STR yang masih berlaku", "KTP-el", "Ijazah dilegalisir",
                             "Rekomendasi organisasi profesi"], FREE, "5 hari kerja"),
        service(DPMPTSP, "layanan/izin-praktik-bidan", "Surat Izin Praktik Bidan (SIPB)",
                "Izin praktik bidan di klinik atau praktik mandiri bidan.",
                ["STR bidan", "KTP-el", "Pas foto 4x6", "Ijazah dilegalisir"], FREE,
                "5 hari kerja"),
        service(DPMPTSP, "layanan/izin-reklame", "Izin Penyelenggaraan Reklame",
                "Izin memasang papan reklame, baliho dan spanduk di Kota Jambi.",
                ["Permohonan bermaterai", "Fotokopi KTP-el", "Bukti lunas pajak reklame"],
                "Izin gratis, pajak reklame dibayar ke BPPRD", "3 jam"),
        # -- taxes (BPPRD) ---------------------------------------------------------------
        service(BPPRD, "layanan/pembayaran-pbb", "Pembayaran PBB-P2",
                "Pajak Bumi dan Bangunan Perdesaan dan Perkotaan dibayar setiap tahun sesuai "
                "SPPT, lewat bank, QRIS atau mobil pajak keliling.",
                ["Nomor Objek Pajak (NOP) atau SPPT PBB"],
                "Sesuai SPPT, denda 2 persen per bulan setelah jatuh tempo",
                "jatuh tempo 30 September"),
        service(BPPRD, "layanan/cek-tagihan-pbb", "Cek Tagihan PBB Online",
                "Melihat tagihan dan tunggakan PBB berdasarkan NOP.", ["NOP"], FREE, "seketika"),
        service(BPPRD, "layanan/mutasi-sppt", "Mutasi atau Balik Nama SPPT PBB",
                "Balik nama SPPT setelah jual beli, hibah atau waris tanah dan bangunan.",
                ["Fotokopi sertifikat tanah", "Fotokopi KTP pemohon", "SPPT asal",
                 "Formulir SPOP dan LSPOP"], FREE, "kurang lebih 1 bulan"),
        service(BPPRD, "layanan/keberatan-pbb", "Keberatan atas Ketetapan PBB",
                "Mengajukan keberatan bila nilai PBB dalam SPPT dirasa tidak sesuai.",
                ["SPPT asli", "Surat keberatan", "SPOP dan LSPOP"], FREE,
                "kurang lebih 1 bulan"),
        service(BPPRD, "layanan/bphtb", "Validasi BPHTB",
                "Bea Perolehan Hak atas Tanah dan Bangunan dibayar pembeli dalam jual beli "
                "tanah atau rumah, lalu divalidasi BPPRD.",
                ["SSPD BPHTB", "Fotokopi sertifikat", "SPPT PBB tahun berjalan dan bukti lunas",
                 "KTP para pihak"], "5 persen dari NPOP dikurangi NPOPTKP", "1 hari kerja"),
        service(BPPRD, "layanan/pajak-restoran", "Pajak Restoran (PBJT Makanan dan Minuman)",
                "Pendaftaran dan pelaporan pajak bagi rumah makan, kafe dan restoran.",
                ["NIB", "KTP pemilik", "Laporan omzet bulanan"], "10 persen dari omzet",
                "setiap bulan"),
        # -- education, social, health ---------------------------------------------------
        service(DISDIK, "layanan/spmb-smp", "Penerimaan Murid Baru SMP (SPMB)",
                "Pendaftaran murid baru SMP negeri secara daring melalui jalur domisili, "
                "afirmasi, mutasi dan prestasi; menggantikan PPDB.",
                ["Kartu Keluarga untuk jalur domisili", "Bukti afirmasi seperti KIP atau PKH",
                 "Sertifikat prestasi"], FREE, "jadwal tahunan Juni sampai Juli"),
        service(DISDIK, "layanan/spmb-sd", "Penerimaan Murid Baru SD",
                "Pendaftaran siswa baru sekolah dasar negeri.",
                ["Akta kelahiran", "Kartu Keluarga", "Usia minimal 6 tahun"], FREE,
                "jadwal tahunan"),
        service(DINSOS, "layanan/dtks", "Pendaftaran dan Perbaikan Data Bansos (DTKS)",
                "Usulan masuk Data Terpadu Kesejahteraan Sosial agar dapat menerima bantuan "
                "sosial PKH, BPNT dan PBI JK.", ["Fotokopi KTP", "Fotokopi KK"], FREE,
                "kurang lebih 3 bulan"),
        service(DINKES, "layanan/jaminan-kesehatan-uhc", "Jaminan Kesehatan Gratis (UHC)",
                "Warga kurang mampu berobat gratis di puskesmas dan rumah sakit dengan iuran "
                "BPJS Kesehatan dibayar Pemerintah Kota Jambi.",
                ["Warga Kota Jambi yang terdata", "NIK atau KTP-el"], FREE, "langsung aktif"),
        service(DINKES, "layanan/cek-kesehatan-gratis", "Cek Kesehatan Gratis",
                "Pemeriksaan kesehatan gratis di puskesmas pada hari ulang tahun.",
                ["NIK atau KIA"], FREE, "langsung"),
        # -- city services and complaints ------------------------------------------------
        service(DLH, "layanan/sampah-belum-diangkut", "Pengaduan Sampah Belum Terangkut",
                "Laporan sampah yang belum diangkut atau TPS yang penuh.",
                ["Foto dan lokasi"], FREE, "1 x 24 jam"),
        service(DISHUB, "layanan/uji-kir", "Uji Berkala Kendaraan (Uji KIR)",
                "Pengujian berkala mobil barang, angkutan penumpang dan bus setiap 6 bulan.",
                ["Buku uji asli", "STNK", "Izin angkutan"], "Retribusi sesuai Perda",
                "1 hari"),
        service(DISNAKER, "layanan/kartu-kuning", "Kartu Pencari Kerja (Kartu Kuning / AK-1)",
                "Kartu tanda pencari kerja untuk melamar pekerjaan.",
                ["Fotokopi ijazah terakhir dilegalisir", "Fotokopi KTP", "Pas foto 3x4"],
                FREE, "beberapa menit"),
        service(DAMKAR, "layanan/pemadaman-kebakaran", "Pemadaman Kebakaran",
                "Laporkan kebakaran rumah, lahan atau gedung ke pemadam kebakaran 24 jam.",
                ["Lokasi kejadian"], FREE, "segera"),
        service(DAMKAR, "layanan/penyelamatan-evakuasi", "Penyelamatan dan Evakuasi",
                "Bantuan evakuasi ular, biawak, sarang tawon, hewan terjebak dan pohon tumbang.",
                ["Lokasi dan jenis kejadian"], FREE, "segera"),
        service(BPBD, "layanan/siaga-banjir", "Siaga Banjir dan Evakuasi",
                "Posko banjir saat Sungai Batanghari meluap, evakuasi warga dan tenda "
                "pengungsi.", ["Lokasi dan kondisi"], FREE, "posko 24 jam"),
        service(PUPR, "layanan/jalan-rusak", "Pengaduan Jalan Rusak",
                "Laporkan jalan kota yang rusak atau berlubang untuk diperbaiki.",
                ["Foto dan titik lokasi"], FREE, "sesuai anggaran"),
        service(PUPR, "layanan/drainase", "Pengaduan Drainase Tersumbat",
                "Laporan saluran air tersumbat dan genangan di lingkungan.",
                ["Foto dan lokasi"], FREE, "sesuai anggaran"),
        service(PERKIM, "layanan/bedah-rumah", "Bantuan Bedah Rumah (RTLH)",
                "Bantuan perbaikan Rumah Tidak Layak Huni untuk keluarga miskin.",
                ["Terdaftar DTKS", "Rumah di atas lahan milik sendiri",
                 "Atap, lantai atau dinding tidak layak"], "Bantuan Rp20 juta per unit",
                "program tahunan"),
        service(DPMPPA, "layanan/pengaduan-kekerasan", "Pengaduan Kekerasan Perempuan dan Anak",
                "Pendampingan korban kekerasan dalam rumah tangga, kekerasan terhadap anak dan "
                "perempuan oleh UPTD PPA.", ["Identitas pelapor", "Kronologi kejadian"],
                "Gratis dan dirahasiakan", "segera"),
        service(DISPERINDAG, "layanan/tera-ulang", "Tera Ulang Timbangan",
                "Tera dan tera ulang alat ukur, takar dan timbang milik pedagang.",
                ["Alat ukur atau timbangan"], FREE, "berlaku 1 tahun"),
        service(DISKOMINFO, "layanan/ppid", "Permohonan Informasi Publik (PPID)",
                "Meminta salinan informasi publik dari Pemerintah Kota Jambi.",
                ["Formulir permohonan", "Fotokopi identitas"], FREE, "paling lambat 10 hari "
                "kerja"),
        service(KELURAHAN, "layanan/surat-domisili", "Surat Keterangan Domisili",
                "Surat keterangan tempat tinggal untuk keperluan sekolah, kerja atau usaha.",
                ["Surat pengantar RT/RW", "Fotokopi KTP dan KK"], FREE, "10 menit"),
        service(KELURAHAN, "layanan/sktm", "Surat Keterangan Tidak Mampu (SKTM)",
                "Surat keterangan bagi keluarga kurang mampu untuk beasiswa atau keringanan "
                "biaya rumah sakit.", ["Pengantar RT/RW", "KTP dan KK"], FREE, "1 hari"),
        service(PDAM, "layanan/sambungan-baru", "Pemasangan Sambungan Baru Air Bersih",
                "Pendaftaran pelanggan baru air PDAM Tirta Mayang.",
                ["KTP calon pelanggan", "Alamat pemasangan", "Uang muka pemasangan"],
                "Biaya pasang baru", "sesuai daftar tunggu"),
        service(PDAM, "layanan/pengaduan-air", "Pengaduan Air Mati atau Pipa Bocor",
                "Laporkan air mati, air keruh atau pipa bocor; mobil tangki air gratis saat "
                "gangguan.", ["Nomor pelanggan atau alamat"], FREE, "segera"),
        # -- Mal Pelayanan Publik re-listings (near-duplicates of OPD pages) --------------
        service(MPP, "layanan/disdukcapil-ktp-el", "Layanan Disdukcapil: Penerbitan KTP-el",
                "Di Mal Pelayanan Publik warga dapat mengurus KTP-el di loket Disdukcapil.",
                ["Fotokopi Kartu Keluarga"], FREE, "1 hari kerja", group=KTP_URL),
        service(MPP, "layanan/paspor", "Layanan Paspor di Mal Pelayanan Publik",
                "Permohonan paspor baru dan penggantian paspor di loket Kantor Imigrasi.",
                ["KTP-el", "Kartu Keluarga", "Akta kelahiran, ijazah atau buku nikah"],
                "PNBP sesuai tarif Imigrasi", "sesuai ketentuan Imigrasi"),
        # -- apps -------------------------------------------------------------------------
        page(DISKOMINFO, "aplikasi/sikesal", "SiKesal", kind="app",
             text="Aplikasi pengaduan masyarakat Kota Jambi: laporkan jalan rusak, lampu jalan "
                  "mati, sampah dan banjir dengan foto dan lokasi; laporan diteruskan ke OPD.",
             fields={"platform": "Android", "status": "aktif",
                     "description": "Keluhan masyarakat online"}),
        page(DISKOMINFO, "aplikasi/sikoja", "SiKoja", kind="app",
             text="Aplikasi super Pemerintah Kota Jambi: informasi layanan publik, kesehatan, "
                  "kedaruratan dan pendidikan dalam satu aplikasi.",
             fields={"platform": "Android", "status": "aktif"}),
        page(DAMKAR, "aplikasi/si-merah-koja", "Si Merah Koja", kind="app",
             text="Aplikasi lapor kebakaran dan penyelamatan, terhubung dengan call center 112.",
             fields={"platform": "Android", "status": "aktif"}),
        page(BPPRD, "aplikasi/info-pbb", "Info Tagihan PBB", kind="app",
             text="Aplikasi web untuk melihat tagihan PBB dengan memasukkan NOP.",
             fields={"platform": "Web", "status": "aktif"}),
        page(DISKOMINFO, "aplikasi/call-center-112", "Call Center 112", kind="app",
             text="Nomor darurat tunggal Kota Jambi untuk kebakaran, kecelakaan, hewan liar "
                  "dan kekerasan dalam rumah tangga, gratis 24 jam.",
             fields={"platform": "Telepon", "status": "aktif"}),
        # -- news and pages that merely mention services ----------------------------------
        page(DUKCAPIL, "berita/jemput-bola-ktp-el-sekolah",
             "Disdukcapil Jemput Bola Perekaman KTP-el di Sekolah",
             "Petugas Disdukcapil Kota Jambi mendatangi SMA untuk merekam KTP-el pelajar yang "
             "sudah berusia 17 tahun. Urus KTP kini lebih mudah tanpa antre."),
        page(BPPRD, "berita/jatuh-tempo-pbb-diperpanjang", "Jatuh Tempo PBB Diperpanjang",
             "BPPRD mengumumkan jatuh tempo pembayaran PBB tahun ini diperpanjang dan denda "
             "dihapus bagi wajib pajak yang membayar sebelum akhir tahun."),
        page(DPMPTSP, "berita/imb-kini-pbg", "IMB Kini Berganti Nama Menjadi PBG",
             "Sosialisasi kepada warga bahwa izin mendirikan bangunan kini bernama Persetujuan "
             "Bangunan Gedung dan diurus melalui SIMBG."),
        page(DISDIK, "berita/pengumuman-spmb", "Pengumuman Hasil Seleksi SPMB SMP",
             "Hasil seleksi penerimaan murid baru SMP negeri diumumkan di laman SPMB. Daftar "
             "ulang dilakukan di sekolah tujuan."),
        page(PUPR, "berita/perbaikan-jalan-kota", "Perbaikan Jalan Kota Dikebut",
             "Dinas PUPR memperbaiki jalan berlubang di beberapa kecamatan setelah laporan "
             "warga melalui SiKesal."),
        page(DUKCAPIL, "profil", "Profil Dinas Kependudukan dan Pencatatan Sipil", kind="page",
             text="Visi, misi dan struktur organisasi Disdukcapil Kota Jambi, alamat kantor "
                  "dan jam pelayanan Senin sampai Jumat.",
             headings=["Visi dan Misi", "Struktur Organisasi", "Alamat"]),
        page(MPP, "tentang", "Tentang Mal Pelayanan Publik Kota Jambi", kind="page",
             text="Mal Pelayanan Publik Kota Jambi menyatukan 129 layanan dari 31 instansi di "
                  "satu gedung, buka Senin sampai Jumat.", headings=["Instansi", "Jam Buka"]),
        # an app's site whose home says its name (indexer/homes.py: put first by name)
        page(DPMPTSP, "", "SIJEMPOL - DPMPTSP Kota Jambi", kind="page",
             text="Sistem jemput bola perizinan: petugas datang ke lokasi usaha warga."),
        page(DUKCAPIL, "unduhan/formulir-f201.pdf", "Formulir F-2.01 Pencatatan Sipil",
             kind="document",
             text="Formulir pelaporan pencatatan sipil untuk kelahiran, kematian dan "
                  "perkawinan. Diisi dan ditandatangani pelapor."),
    ]


# What citizens type, and what they should get first (the same on both backends).
QUERIES = {
    "urus ktp": KTP_URL,
    "bikin ktp baru": KTP_URL,
    "ktp hilang": KTP_LOST_URL,
    "ganti alamat ktp": None,
    "buat kk baru": KK_URL,
    "tambah anak di kk": None,
    "akte lahir anak": AKTA_LAHIR_URL,
    "akta kematian": None,
    "kartu identitas anak": None,
    "surat pindah": None,
    "ktp digital": None,
    "legalisir akta": None,
    "nib oss": None,
    "imb rumah": PBG_URL,
    "slf bangunan": None,
    "izin praktik dokter": None,
    "izin bidan": None,
    "pasang baliho": None,
    "bayar pbb": PBB_URL,
    "cek tagihan pbb": None,
    "balik nama sppt": None,
    "bphtb jual beli tanah": None,
    "pajak restoran": None,
    "daftar smp negeri": None,
    "daftar sd": None,
    "bansos pkh": None,
    "berobat gratis": None,
    "sampah belum diangkut": None,
    "uji kir": None,
    "kartu kuning": None,
    "kebakaran": None,
    "ada ular masuk rumah": None,
    "banjir": None,
    "jalan berlubang": None,
    "bedah rumah": None,
    "kekerasan anak": None,
    "tera timbangan": None,
    "lapor keluhan": None,
    "nomor darurat": None,
    "informasi publik": None,
    "surat domisili": None,
    "sktm": None,
    "pasang air pdam": None,
    "air mati": None,
    "paspor": None,
    "formulir f-2.01": None,
    "aplikasi sijempol": url(DPMPTSP, ""),
}


def opensearch_settings(data_dir: Path, cluster_url: str, prefix: str = "sikoja-test",
                        **opensearch: object):
    """Settings for a deployment on the test cluster: one line differs from the default."""
    return load_settings(data_dir, embedder="none", backend="opensearch", opensearch={
        "hosts": [cluster_url], "index_prefix": prefix, "number_of_replicas": 0, **opensearch})


def write_corpus(data_dir: Path) -> None:
    store = DocumentStore.open(data_dir)
    try:
        for doc in corpus():
            store.upsert(doc)
    finally:
        store.close()


@pytest.fixture(scope="module")
def both(tmp_path_factory, osmem_server):
    """One crawled data dir indexed twice: embedded (data dir) and OpenSearch (an osmem
    clone of its own, on a free loopback port)."""
    data_dir = tmp_path_factory.mktemp("parity")
    write_corpus(data_dir)
    embedded_settings = load_settings(data_dir, embedder="none")
    clone = osmem_server.clone()
    os_settings = opensearch_settings(data_dir, clone.url, prefix="parity")
    os_backend = OpenSearchBackend(os_settings)
    build_index(embedded_settings)
    build_index(os_settings, backend=os_backend)
    embedded = Searcher(embedded_settings, backend=EmbeddedBackend(data_dir), embedder=False)
    cluster = Searcher(os_settings, backend=os_backend, embedder=False)
    yield embedded, cluster
    embedded.close()
    cluster.close()
    clone.close()


def test_every_query_gets_the_same_first_answer_on_both_backends(both):
    embedded, cluster = both
    differences = []
    for query, expected in QUERIES.items():
        a, b = embedded.search(query), cluster.search(query)
        first_a = a.results[0].url if a.results else None
        first_b = b.results[0].url if b.results else None
        if first_a != first_b:
            differences.append(f"{query!r}: embedded {first_a}, opensearch {first_b}")
        if expected is not None:
            assert first_a == expected, f"{query!r}: embedded answered {first_a}"
    assert not differences, "\n".join(differences)


def test_keyword_candidates_and_scores_are_the_embedded_ones(both):
    """Beyond the first answer: the same documents match every query, with the embedded
    index's BM25 scores (scoring: exact, the default)."""
    embedded, cluster = both
    for query in QUERIES:
        terms = embedded.analyze(query).terms
        assert terms == cluster.analyze(query).terms, query  # same vocabulary, same fixes
        a = {h.id: h.score for h in embedded.backend.keyword_search(terms, 100)}
        b = {h.id: h.score for h in cluster.backend.keyword_search(terms, 100)}
        assert a.keys() == b.keys(), query
        for doc, score in a.items():
            assert b[doc] == pytest.approx(score, rel=1e-4), (query, doc)


def test_words_fed_back_from_titles_are_the_same_and_find_the_same_pages(both):
    """Pseudo-relevance feedback (indexer/feedback.py) reads the first pages' titles, the
    index's document frequencies and office names, then searches by keywords again: each
    backend picks the same words from the same pages and scores them alike. (The first
    pages here are the keyword ranking's, standing in for the vector ranking the test
    cluster does not hold.)"""
    embedded, cluster = both
    fed_any = False
    for query in ("akta kelahiran", "izin bangunan", "pajak restoran", "air mati"):
        analysis = embedded.analyze(query)
        first = embedded.backend.keyword_search(analysis.terms, 5)
        fed = []
        for searcher in (embedded, cluster):
            semantic = searcher.settings.semantic
            searcher.settings.semantic = semantic.model_copy(update={
                "feedback_weight": 0.5, "feedback_agree": 2, "feedback_min_idf": 0.5})
            try:
                fed.append(searcher._feedback(analysis, first, 1.0))
            finally:
                searcher.settings.semantic = semantic
        assert fed[0] == fed[1], query
        fed_any = fed_any or bool(fed[0])
        terms = [*analysis.terms, *fed[0]]
        a = {h.id: h.score for h in embedded.backend.keyword_search(terms, 100)}
        b = {h.id: h.score for h in cluster.backend.keyword_search(terms, 100)}
        assert a.keys() == b.keys(), query
        for doc, score in a.items():
            assert b[doc] == pytest.approx(score, rel=1e-4), (query, doc)
    assert fed_any, "no query had words fed back: the test compares nothing"


def test_common_words_are_left_out_the_same_way_on_both_backends(both):
    """With few documents asked for, a word in most documents is left out while a rarer word
    finds enough: both backends take the same step and give the same scores."""
    embedded, cluster = both
    version = embedded.backend._version()
    docs = version.searcher.num_docs
    common = [w for w in ("layanan", "kota", "jambi", "syarat")
              if version.doc_freq("body", w) > docs / 2]
    assert common, "the corpus has no word in most documents"
    terms = [QueryTerm(("ktp",), 1.0, "query"), QueryTerm((common[0],), 1.0, "query")]
    every = {h.id: h.score for h in embedded.backend.keyword_search(terms, 100)}
    for k in (2, 3):
        a = embedded.backend.keyword_search(terms, k)
        b = cluster.backend.keyword_search(terms, k)
        assert [h.id for h in a] == [h.id for h in b]
        assert [h.score for h in b] == pytest.approx([h.score for h in a], rel=1e-4)
        # the common word's share is missing from the scores: it was left out
        assert any(h.score < every[h.id] for h in a)


def test_did_you_mean_facets_and_pages_match(both):
    embedded, cluster = both
    for query in ("akta kelahran", "persetujuan bangnan gedung", "pajak restoren"):
        assert embedded.search(query).did_you_mean == cluster.search(query).did_you_mean
        assert cluster.search(query).did_you_mean is not None
    a, b = embedded.search("layanan gratis", limit=5, page=2), cluster.search(
        "layanan gratis", limit=5, page=2)
    assert a.total == b.total and a.facets == b.facets
    assert [r.url for r in a.results] == [r.url for r in b.results]


def test_filtered_searches_agree_on_the_first_answer(both):
    """Filters narrow both backends alike. (Only the first answer is compared: the embedded
    backend scores its filter clauses, which shifts every score by a constant and can swap
    lower results; OpenSearch filters do not score.)"""
    embedded, cluster = both
    for filters in (Filters(kind=["service"]), Filters(opd=[DUKCAPIL]),
                    Filters(opd=[DUKCAPIL], kind=["news", "service"])):
        for query in QUERIES:
            a = embedded.search(query, filters=filters).results
            b = cluster.search(query, filters=filters).results
            assert [r.url for r in a[:1]] == [r.url for r in b[:1]], (query, filters)
            assert all(filters.allows(r.opd, r.kind) for r in b), (query, filters)


def test_answer_card_and_collapsed_mpp_relisting(both):
    _, cluster = both
    response = cluster.search("urus ktp")
    assert response.answer is not None and response.answer.url == KTP_URL
    assert url(MPP, "layanan/disdukcapil-ktp-el") in response.results[0].also_at


def test_both_backends_hand_back_what_each_page_says(both):
    """The coverage weight reads what a page says from the index (``IndexedDoc.said``,
    stored in the cluster's source): the same sets on both backends, those the search would
    get by analysing the page."""
    embedded, cluster = both
    ids = list(embedded.backend.manifest())
    a, b = embedded.backend.get(ids), cluster.backend.get(ids)
    assert a.keys() == b.keys() and a
    for i, doc in a.items():
        assert doc.said is not None and b[i].said == doc.said, doc.url
        assert doc.said == said_tokens(embedded.analyzer, doc.title, doc.text, doc.fields)
