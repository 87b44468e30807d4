"""What the test WordPress site holds: an OPD (Dinas Perhubungan Kota Jambi) as its editors
would write it, and the facts the crawl must find again.

The seed (``seed.php``) receives this plan as JSON and creates it through WordPress's own
PHP API; the test compares what sikoja stored with the same plan. Service facts follow the
shape of ``shared/data/services.jsonl`` (requirements, procedure, duration, cost) and are
written out here so the test runs on a clean clone that has no shared data folder.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

SITE_NAME = "Dinas Perhubungan Kota Jambi"
TAGLINE = "Melayani transportasi yang aman, tertib dan lancar"
PDF_TITLE = "Standar Pelayanan Pengujian Kendaraan Bermotor 2025"
PDF_LINES = [
    "STANDAR PELAYANAN PENGUJIAN KENDARAAN BERMOTOR",
    "Dinas Perhubungan Kota Jambi - UPTD Pengujian Kendaraan Bermotor",
    "Persyaratan: buku uji lama, STNK asli dan fotokopi, KTP pemilik",
    "Waktu penyelesaian: 1 hari kerja apabila kendaraan lulus uji",
]
POSTS_PER_PAGE = 3


@dataclass(frozen=True)
class Service:
    slug: str
    title: str
    requirements: tuple[str, ...]
    procedure: tuple[str, ...]
    duration: str
    cost: str
    listed: bool = True  # linked from the "Layanan" page; unlisted ones are only in the sitemap

    def html(self) -> str:
        """Ordinary WordPress editor HTML: an intro, then headed lists and paragraphs."""
        def items(values: tuple[str, ...]) -> str:
            return "".join(f"<li>{html.escape(v)}</li>" for v in values)

        return (
            f"<p>Layanan {html.escape(self.title)} diselenggarakan oleh {SITE_NAME} "
            "di kantor pelayanan Jl. Jenderal Sudirman, Thehok, Kota Jambi.</p>\n"
            f"<h2>Persyaratan</h2>\n<ol>{items(self.requirements)}</ol>\n"
            f"<h2>Prosedur</h2>\n<ol>{items(self.procedure)}</ol>\n"
            f"<h2>Waktu Penyelesaian</h2>\n<p>{html.escape(self.duration)}</p>\n"
            f"<h2>Biaya</h2>\n<p>{html.escape(self.cost)}</p>\n"
        )


def _service(slug: str, title: str, requirements: list[str], duration: str, cost: str,
             *, listed: bool = True, procedure: list[str] | None = None) -> Service:
    steps = procedure or [
        "Pemohon mengisi formulir permohonan di loket pelayanan",
        "Petugas memeriksa kelengkapan berkas",
        f"Penerbitan {title.lower()} dan penyerahan kepada pemohon",
    ]
    return Service(slug, title, tuple(requirements), tuple(steps), duration, cost, listed)


SERVICES: list[Service] = [
    _service("uji-kir", "Uji KIR Kendaraan Bermotor",
             ["Buku uji lama", "STNK asli dan fotokopi", "Fotokopi KTP pemilik kendaraan"],
             "1 hari kerja apabila kendaraan lulus uji", "Rp 87.000 untuk mobil barang",
             procedure=["Daftar di loket UPTD Pengujian", "Kendaraan diperiksa di jalur uji",
                        "Pengesahan buku uji dan pemasangan tanda uji"]),
    _service("uji-kir-pertama", "Uji Pertama Kendaraan Baru",
             ["Sertifikat registrasi uji tipe", "Faktur pembelian", "Fotokopi KTP pemilik"],
             "2 hari kerja", "Rp 125.000"),
    _service("numpang-uji", "Numpang Uji Kendaraan dari Luar Daerah",
             ["Surat rekomendasi numpang uji dari daerah asal", "Buku uji asli", "STNK asli"],
             "1 hari kerja", "Rp 87.000"),
    _service("mutasi-uji", "Mutasi Uji Kendaraan Keluar Daerah",
             ["Surat permohonan mutasi", "Buku uji asli", "Fotokopi STNK baru"],
             "3 hari kerja", "Rp 50.000"),
    _service("buku-uji-hilang", "Penggantian Buku Uji Hilang atau Rusak",
             ["Surat kehilangan dari kepolisian", "Fotokopi STNK", "Fotokopi KTP pemilik"],
             "3 hari kerja", "Rp 40.000"),
    _service("izin-trayek", "Izin Trayek Angkutan Kota",
             ["Fotokopi akta pendirian badan hukum", "Fotokopi STNK kendaraan",
              "Bukti lulus uji berkala"],
             "7 hari kerja", "Gratis"),
    _service("perpanjangan-izin-trayek", "Perpanjangan Izin Trayek",
             ["Izin trayek lama", "Bukti lulus uji berkala", "Fotokopi STNK kendaraan"],
             "5 hari kerja", "Gratis"),
    _service("kartu-pengawasan", "Kartu Pengawasan Angkutan Umum",
             ["Izin trayek yang masih berlaku", "Fotokopi STNK", "Bukti lulus uji berkala"],
             "3 hari kerja", "Gratis"),
    _service("izin-insidentil", "Izin Insidentil Angkutan",
             ["Surat permohonan", "Kartu pengawasan asli", "Fotokopi buku uji"],
             "1 hari kerja", "Gratis"),
    _service("izin-angkutan-sekolah", "Izin Angkutan Antar Jemput Sekolah",
             ["Surat kerja sama dengan sekolah", "Fotokopi STNK", "Bukti lulus uji berkala"],
             "5 hari kerja", "Gratis"),
    _service("izin-angkutan-barang", "Rekomendasi Izin Angkutan Barang",
             ["Fotokopi NIB perusahaan", "Daftar kendaraan", "Bukti lulus uji berkala"],
             "5 hari kerja", "Gratis"),
    _service("izin-taksi", "Izin Operasional Taksi",
             ["Fotokopi akta perusahaan", "Daftar kendaraan dan pengemudi",
              "Bukti kepemilikan pool"],
             "14 hari kerja", "Gratis"),
    _service("andalalin", "Persetujuan Analisis Dampak Lalu Lintas (Andalalin)",
             ["Dokumen hasil analisis dampak lalu lintas", "Gambar rencana tapak",
              "Fotokopi sertifikat tanah"],
             "30 hari kerja", "Gratis"),
    _service("izin-parkir", "Izin Penyelenggaraan Tempat Parkir",
             ["Surat permohonan", "Gambar denah lokasi parkir", "Fotokopi KTP penanggung jawab"],
             "7 hari kerja", "Retribusi sesuai Perda Kota Jambi tentang Retribusi Daerah"),
    _service("parkir-berlangganan", "Parkir Berlangganan Tepi Jalan Umum",
             ["Fotokopi STNK", "Fotokopi KTP pemilik kendaraan"],
             "1 hari kerja", "Rp 150.000 per tahun untuk mobil"),
    _service("juru-parkir", "Pendaftaran Juru Parkir Resmi",
             ["Fotokopi KTP", "Pas foto berwarna dua lembar", "Surat keterangan berkelakuan baik"],
             "3 hari kerja", "Gratis"),
    _service("izin-bongkar-muat", "Izin Bongkar Muat Barang",
             ["Surat permohonan", "Fotokopi STNK kendaraan", "Jadwal bongkar muat"],
             "2 hari kerja", "Rp 50.000 per kegiatan"),
    _service("dispensasi-jalan", "Dispensasi Penggunaan Jalan",
             ["Surat permohonan", "Denah lokasi kegiatan", "Rekomendasi kepolisian"],
             "3 hari kerja", "Gratis"),
    _service("rambu-lalu-lintas", "Permohonan Pemasangan Rambu Lalu Lintas",
             ["Surat permohonan dari RT atau kelurahan", "Foto lokasi"],
             "14 hari kerja", "Gratis"),
    _service("lampu-jalan", "Pengaduan Lampu Lalu Lintas Rusak",
             ["Lokasi persimpangan", "Foto kerusakan bila ada"],
             "2 hari kerja", "Gratis"),
    _service("uji-emisi", "Uji Emisi Gas Buang Kendaraan",
             ["STNK asli", "Kendaraan dalam kondisi mesin panas"],
             "30 menit", "Rp 30.000", listed=False),
    _service("izin-halte", "Rekomendasi Pembangunan Halte",
             ["Surat permohonan", "Gambar rencana halte", "Foto lokasi"],
             "10 hari kerja", "Gratis", listed=False),
]


@dataclass(frozen=True)
class NewsPost:
    slug: str
    title: str
    body: str
    category: str
    tags: tuple[str, ...]
    date: str  # post_date, "YYYY-MM-DD HH:MM:SS"


NEWS: list[NewsPost] = [
    NewsPost(f"berita-{i}", title, body, category, tags, f"2025-{month:02d}-{10 + i} 09:00:00")
    for i, (title, body, category, tags, month) in enumerate([
        ("Dishub Kota Jambi Gelar Uji KIR Keliling di Kecamatan Alam Barajo",
         "Pemilik angkutan barang di Alam Barajo dapat menguji kendaraannya tanpa datang ke "
         "UPTD Pengujian. Petugas membawa alat uji rem dan emisi ke halaman kantor camat.",
         "Pengujian Kendaraan", ("uji kir", "angkutan barang"), 1),
        ("Rekayasa Lalu Lintas Simpang Mayang Mulai Diuji Coba",
         "Arus dari arah Kota Baru dialihkan ke jalur kiri selama dua minggu uji coba. "
         "Petugas berjaga pada jam sibuk pagi dan sore.",
         "Lalu Lintas", ("rekayasa lalu lintas", "simpang mayang"), 2),
        ("Parkir Berlangganan Kini Bisa Dibayar Nontunai",
         "Pembayaran parkir berlangganan tepi jalan umum kini menerima QRIS di loket Dishub "
         "dan di gerai Samsat.",
         "Perparkiran", ("parkir", "nontunai"), 3),
        ("Angkutan Gratis Selama Festival Batanghari",
         "Selama festival, bus kota melayani rute Pasar Angso Duo ke Tanggo Rajo tanpa "
         "biaya dari pukul 16.00 sampai 22.00.",
         "Angkutan Umum", ("angkutan umum", "festival"), 4),
        ("Pemasangan Lampu Lalu Lintas Baru di Jalan Lingkar Barat",
         "Dua persimpangan di Jalan Lingkar Barat kini dilengkapi lampu lalu lintas "
         "tenaga surya untuk mengurangi kecelakaan.",
         "Lalu Lintas", ("lampu lalu lintas",), 5),
        ("Sosialisasi Izin Trayek Bagi Pemilik Angkot",
         "Pemilik angkutan kota diminta memperbarui izin trayek sebelum akhir tahun. "
         "Sosialisasi digelar di aula Dinas Perhubungan.",
         "Angkutan Umum", ("izin trayek", "angkot"), 6),
        ("Uji KIR Tutup Sementara untuk Kalibrasi Alat",
         "Layanan uji berkala berhenti tiga hari untuk kalibrasi alat uji rem. Pemilik "
         "kendaraan yang masa ujinya habis diberi toleransi tujuh hari.",
         "Pengujian Kendaraan", ("uji kir",), 7),
        ("Dishub Tertibkan Parkir Liar di Pasar Angso Duo",
         "Puluhan kendaraan yang parkir di bahu jalan ditertibkan. Juru parkir resmi "
         "mengenakan rompi dan kartu identitas.",
         "Perparkiran", ("parkir", "penertiban"), 8),
    ], start=1)
]

PROFILE_HTML = (
    f"<p>{SITE_NAME} adalah perangkat daerah yang menyelenggarakan urusan perhubungan: "
    "lalu lintas, angkutan jalan, perparkiran dan pengujian kendaraan bermotor.</p>"
    "<h2>Visi</h2><p>Transportasi Kota Jambi yang aman, tertib, lancar dan terjangkau.</p>"
    "<h2>Alamat</h2><p>Jl. Jenderal Sudirman No. 3, Thehok, Jambi Selatan, Kota Jambi.</p>"
)


def plan() -> dict[str, object]:
    """The JSON the seed reads; the PDF file path is added by the fixture."""
    return {
        "site_name": SITE_NAME,
        "tagline": TAGLINE,
        "posts_per_page": POSTS_PER_PAGE,
        "services": [{"slug": s.slug, "title": s.title, "content": s.html(),
                      "listed": s.listed} for s in SERVICES],
        "news": [{"slug": n.slug, "title": n.title, "content": f"<p>{html.escape(n.body)}</p>",
                  "category": n.category, "tags": list(n.tags), "date": n.date}
                 for n in NEWS],
        "profile": PROFILE_HTML,
        "pdf_title": PDF_TITLE,
    }
