# ruff: noqa: E501, C408  (the backend's seed rows, kept as keyword tables)
"""Write SIMANTAP's API responses as its Laravel controllers send them (a paginator's
toArray(), {success, message, data} details, decimal columns as strings, json_encode's
escaped slashes) into the site folder, with the server's routes."""
import json
import sys
from pathlib import Path

ORIGIN = "http://127.0.0.1:8799"
API = ORIGIN + "/api/v1"
OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
PER_PAGE = 6
GRATIS = "Tidak dipungut biaya (Pasal 79A UU Nomor 24 Tahun 2013)"
PENDAFTARAN = {"id": 1, "nama": "Pendaftaran Penduduk"}
PENCATATAN = {"id": 2, "nama": "Pencatatan Sipil"}
LAINNYA = {"id": 3, "nama": "Layanan Lainnya"}


def ol(items):
    return "<ol>" + "".join(f"<li>{i}</li>" for i in items) + "</ol>"


LAYANAN = [
    (101, "perekaman-ktp-el-baru", "Perekaman dan Penerbitan KTP-el Baru", PENDAFTARAN,
     "KTP-el pertama bagi penduduk yang berusia 17 tahun atau sudah/pernah menikah. Perekaman biometrik wajib datang sendiri.",
     ["Telah berusia 17 tahun atau sudah/pernah menikah", "Fotokopi Kartu Keluarga"],
     ["Datang langsung untuk perekaman foto, sidik jari, iris dan tanda tangan (tidak dapat diwakilkan)", "Serahkan berkas dan terima bukti pengambilan", "Ambil KTP-el"],
     14, "hari kerja", "Kartu Tanda Penduduk Elektronik", "UU Nomor 24 Tahun 2013; Perpres Nomor 96 Tahun 2018; Permendagri Nomor 108 Tahun 2019"),
    (102, "ktp-el-hilang-rusak", "Penerbitan KTP-el Hilang atau Rusak", PENDAFTARAN,
     "Penggantian KTP-el yang hilang atau rusak.",
     ["Surat keterangan kehilangan dari Kepolisian (jika hilang) atau KTP-el yang rusak", "Fotokopi KK"],
     ["Serahkan berkas", "Petugas memproses penerbitan", "Ambil KTP-el"],
     14, "hari kerja", "Kartu Tanda Penduduk Elektronik", "Perpres Nomor 96 Tahun 2018; Permendagri Nomor 108 Tahun 2019"),
    (103, "kartu-keluarga-baru", "Penerbitan Kartu Keluarga Baru", PENDAFTARAN,
     "Kartu Keluarga bagi keluarga baru: pasangan yang baru menikah, bercerai, atau pindah datang.",
     ["Buku nikah/kutipan akta perkawinan atau kutipan akta perceraian", "Surat keterangan pindah/pindah datang bagi penduduk yang pindah dalam wilayah NKRI"],
     ["Datang ke Disdukcapil membawa persyaratan", "Isi formulir Biodata Penduduk (F-1.01)", "Verifikasi dan validasi", "Entri data", "Tanda tangan elektronik Kepala Dinas", "Cetak KK di kertas HVS A4"],
     3, "hari kerja", "Kartu Keluarga", "Perpres Nomor 96 Tahun 2018; Permendagri Nomor 108 Tahun 2019; Permendagri Nomor 109 Tahun 2019"),
    (104, "perubahan-kartu-keluarga", "Perubahan Data Kartu Keluarga", PENDAFTARAN,
     "Menambah anggota (kelahiran), mengurangi anggota, mengubah data, atau memecah KK.",
     ["KK lama", "Bukti peristiwa kependudukan atau peristiwa penting (akta lahir, akta kematian, buku nikah, akta cerai, SKPWNI)"],
     ["Datang ke Disdukcapil atau MPP", "Isi formulir F-1.01/F-1.16", "Verifikasi, entri, TTE dan cetak"],
     3, "hari kerja", "Kartu Keluarga", "Perpres Nomor 96 Tahun 2018"),
    (105, "akta-kelahiran", "Pencatatan Kelahiran (Akta Kelahiran)", PENCATATAN,
     "Penerbitan kutipan akta kelahiran bagi anak yang lahir di Kota Jambi.",
     ["Surat keterangan kelahiran dari rumah sakit, puskesmas, dokter atau bidan (atau lurah bila lahir di rumah)", "Buku nikah/kutipan akta perkawinan atau bukti lain yang sah", "KK tempat anak didaftarkan", "Formulir F-2.01", "Jika tidak ada surat lahir: SPTJM kebenaran data kelahiran (F-2.03) dan 2 saksi", "Jika tidak ada buku nikah: SPTJM kebenaran sebagai pasangan suami istri (F-2.04) dan 2 saksi"],
     ["Lengkapi berkas", "Isi dan tandatangani F-2.01", "Ajukan ke loket adminduk", "Verifikasi, entri dan TTE", "Terima akta (HVS A4)"],
     1, "hari kerja", "Kutipan Akta Kelahiran", "UU Nomor 24 Tahun 2013; Perpres Nomor 96 Tahun 2018"),
    (106, "akta-kematian", "Pencatatan Kematian (Akta Kematian)", PENCATATAN,
     "Kematian penduduk dilaporkan paling lambat 30 hari; KK dan status KTP pasangan ikut diperbarui.",
     ["Fotokopi surat kematian dari dokter atau lurah (atau surat keterangan kepolisian / penetapan pengadilan untuk kasus khusus)", "Fotokopi KK/KTP yang meninggal", "Formulir F-2.01"],
     ["Ajukan di loket atau daring dengan F-2.01", "Verifikasi front office", "Entri SIAK", "Validasi dan TTE", "Cetak atau unduh akta"],
     1, "hari kerja", "Kutipan Akta Kematian", "UU Nomor 24 Tahun 2013 Pasal 44; Perpres Nomor 96 Tahun 2018"),
    (107, "kartu-identitas-anak", "Penerbitan Kartu Identitas Anak (KIA)", PENDAFTARAN,
     "Kartu identitas bagi anak di bawah 17 tahun.",
     ["Fotokopi kutipan akta kelahiran (tunjukkan aslinya)", "KK asli orang tua/wali", "KTP-el kedua orang tua/wali", "Pas foto berwarna 2x3 dua lembar (anak 5-17 tahun)"],
     ["Serahkan persyaratan ke Disdukcapil, kelurahan atau sekolah (layanan kolektif)", "KIA diterbitkan dan diserahkan"],
     None, None, "Kartu Identitas Anak", "Permendagri Nomor 2 Tahun 2016"),
    (108, "pindah-keluar", "Surat Keterangan Pindah WNI (SKPWNI)", PENDAFTARAN,
     "Bagi penduduk yang pindah keluar Kota Jambi.",
     ["KK asli", "KTP-el asli (akan ditarik)", "Surat pengantar RT/RW dan kelurahan", "Formulir F-1.03"],
     ["Minta pengantar RT/RW lalu kelurahan", "Ajukan ke Disdukcapil", "SKPWNI terbit dan KTP lama ditarik"],
     None, None, "Surat Keterangan Pindah WNI", "Perpres Nomor 96 Tahun 2018; Permendagri Nomor 108 Tahun 2019"),
    (109, "aktivasi-ikd", "Aktivasi Identitas Kependudukan Digital (IKD)", LAINNYA,
     "KTP digital di ponsel; warga Kota Jambi diminta mengaktifkan IKD saat mengurus data kependudukan.",
     ["KTP-el", "Ponsel Android"],
     ["Aktivasi dibantu petugas saat mengurus data kependudukan"],
     None, None, "Identitas Kependudukan Digital", "Permendagri Nomor 72 Tahun 2022"),
    (110, "legalisir-dokumen", "Legalisir Dokumen Kependudukan", LAINNYA,
     "Legalisir dokumen kependudukan; dokumen ber-TTE dan barcode tidak perlu dilegalisir.",
     ["Dokumen asli"],
     ["Dokumen ber-TTE/barcode cukup diverifikasi lewat barcodenya"],
     None, None, "Dokumen terlegalisir", "Permendagri Nomor 104 Tahun 2019"),
]

PENGUMUMAN = [
    dict(id=31, slug="jemput-bola-perekaman-ktp-el-sekolah", judul="Jemput Bola Perekaman KTP-el di Sekolah",
         isi="<p>Petugas Disdukcapil mendatangi SMA dan SMK di Kota Jambi untuk merekam KTP-el pelajar yang sudah berusia 17 tahun. Sekitar 8.000 warga belum merekam.</p>",
         tanggal="2025-10-13"),
    dict(id=30, slug="layanan-adminduk-di-mpp", judul="Layanan Adminduk Dibuka di Mal Pelayanan Publik",
         isi="<p>Loket Disdukcapil di Mal Pelayanan Publik Kota Jambi melayani KTP-el, KK dan akta setiap hari kerja.</p>",
         tanggal="2025-05-09"),
]

routes = {"*": "index.html", "/": "index.html", "/pengumuman": "index.html"}


def php_json(obj) -> str:
    return json.dumps(obj).replace("/", "\\/")


def write(path: str, obj, key: str) -> None:
    target = OUT / "api" / "v1" / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(php_json(obj), encoding="utf-8")
    routes[key] = f"api/v1/{path}"


def row(item, full=False):
    (id_, slug, nama, kategori, ringkasan, syarat, alur, lama, satuan, produk, hukum) = item
    out = {"id": id_, "kategori_layanan_id": kategori["id"], "jenis_layanan": nama, "slug": slug,
           "ringkasan": ringkasan, "status": 1, "created_at": "2024-02-01T02:00:00.000000Z",
           "updated_at": "2025-09-15T04:20:00.000000Z", "kategori_layanan": kategori}
    if full:
        out.update({"persyaratan": ol(syarat), "mekanisme": ol(alur), "lama_pelayanan": lama,
                    "satuan_waktu": satuan, "biaya_layanan": "0.00", "keterangan_biaya": GRATIS,
                    "produk_layanan": produk, "dasar_hukum": f"<p>{hukum}</p>"})
    return out


last = (len(LAYANAN) + PER_PAGE - 1) // PER_PAGE
for page in range(1, last + 1):
    url = lambda p: f"{API}/layanan?page={p}"  # noqa: E731
    chunk = LAYANAN[(page - 1) * PER_PAGE: page * PER_PAGE]
    body = {"current_page": page, "data": [row(x) for x in chunk], "first_page_url": url(1),
            "from": (page - 1) * PER_PAGE + 1, "last_page": last, "last_page_url": url(last),
            "links": [{"url": url(page - 1) if page > 1 else None, "label": "&laquo; Previous", "active": False}]
            + [{"url": url(p), "label": str(p), "active": p == page} for p in range(1, last + 1)]
            + [{"url": url(page + 1) if page < last else None, "label": "Next &raquo;", "active": False}],
            "next_page_url": url(page + 1) if page < last else None, "path": f"{API}/layanan",
            "per_page": PER_PAGE, "prev_page_url": url(page - 1) if page > 1 else None,
            "to": (page - 1) * PER_PAGE + len(chunk), "total": len(LAYANAN)}
    write(f"layanan-page-{page}.json", body, f"/api/v1/layanan?page={page}")
    if page == 1:
        write("layanan.json", body, "/api/v1/layanan")
for item in LAYANAN:
    write(f"layanan/{item[0]}.json", {"success": True, "message": "Detail layanan", "data": row(item, True)},
          f"/api/v1/layanan/{item[0]}")
    routes[f"/layanan/{item[0]}/{item[1]}"] = "index.html"
write("pengumuman.json", {"success": True, "data": PENGUMUMAN}, "/api/v1/pengumuman")
for p in PENGUMUMAN:
    routes[f"/pengumuman/{p['slug']}"] = "index.html"
(OUT / "_routes.json").write_text(json.dumps(dict(sorted(routes.items())), indent=1) + "\n", encoding="utf-8")
