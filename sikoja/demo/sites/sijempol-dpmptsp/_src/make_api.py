# ruff: noqa: C408, E501  (the backend's seed rows, kept as keyword tables)
"""Write SIJEMPOL's API responses as its Laravel backend sends them (API Resources,
json_encode's escaped slashes and \\u escapes) into dist/api, and the server's routes."""
import json
import sys
from pathlib import Path

ORIGIN = "http://127.0.0.1:8798"
API = ORIGIN + "/api"
OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
PER_PAGE = 5

KATEGORI = [
    (1, "Perizinan Berusaha", "perizinan-berusaha",
     "Perizinan bagi pelaku usaha: pendaftaran berusaha melalui OSS dan izin reklame."),
    (2, "Perizinan Bangunan Gedung", "perizinan-bangunan-gedung",
     "Persetujuan mendirikan bangunan dan sertifikat kelaikan fungsinya melalui SIMBG."),
    (3, "Perizinan Tenaga Kesehatan", "perizinan-tenaga-kesehatan",
     "Surat izin praktik bagi dokter, dokter gigi, bidan dan perawat di Kota Jambi."),
]


def req(items):
    return [{"id": i + 1, "nama_persyaratan": n, "keterangan": k, "wajib": w}
            for i, (n, k, w) in enumerate(items)]


def proc(items):
    return [{"id": i + 1, "urutan": i + 1, "uraian": u} for i, u in enumerate(items)]


def hukum(items):
    return [{"id": i + 1, "peraturan": p} for i, p in enumerate(items)]


UNIT = "Bidang Pelayanan Perizinan dan Non Perizinan"
LAYANAN = [
    dict(id=11, kategori=1, kode_layanan="PB-01", slug="nomor-induk-berusaha",
         nama_layanan="Nomor Induk Berusaha (NIB) melalui OSS-RBA",
         deskripsi="NIB adalah identitas pelaku usaha yang diterbitkan lembaga OSS. Untuk usaha "
                   "berisiko rendah NIB sekaligus berlaku sebagai izin tunggal; NIB menggantikan "
                   "SIUP, TDP dan surat domisili usaha. Petugas DPMPTSP mendampingi pelaku usaha "
                   "yang kesulitan mendaftar.",
         persyaratan=req([("NIK / KTP-el pelaku usaha", None, True),
                          ("NPWP pelaku usaha", "NPWP pribadi untuk usaha perseorangan", True),
                          ("SK pengesahan akta pendirian dari AHU dan NPWP badan",
                           "khusus badan usaha (PT, CV, koperasi, yayasan)", False)]),
         prosedur=proc(["Membuat akun di oss.go.id atau aplikasi OSS",
                        "Mengisi data pelaku usaha dan memilih KBLI",
                        "NIB terbit; usaha risiko rendah langsung dapat beroperasi"]),
         biaya=0, satuan_biaya="per permohonan", keterangan_biaya=None,
         waktu_penyelesaian={"nilai": None, "satuan": None,
                             "keterangan": "Seketika untuk usaha risiko rendah"},
         produk_layanan="Nomor Induk Berusaha (NIB)",
         dasar_hukum=hukum(["UU Nomor 6 Tahun 2023 tentang Cipta Kerja",
                            "PP Nomor 28 Tahun 2025 tentang Perizinan Berusaha Berbasis Risiko"]),
         is_online=True, tautan_online="https://oss.go.id", updated_at="2025-09-02T03:15:00.000000Z"),
    dict(id=12, kategori=1, kode_layanan="PB-02", slug="izin-penyelenggaraan-reklame",
         nama_layanan="Izin Penyelenggaraan Reklame",
         deskripsi="Izin untuk memasang reklame (papan nama, billboard, neon box, videotron, "
                   "spanduk) di wilayah Kota Jambi. Pajak reklame dibayar tersendiri ke BPPRD.",
         persyaratan=req([("Surat permohonan bermaterai", None, True),
                          ("Fotokopi e-KTP pemohon", None, True),
                          ("Pas foto 3x4", "2 lembar", True),
                          ("Bukti lunas pajak reklame", "dari BPPRD Kota Jambi", True),
                          ("Foto rencana lokasi dari tiga arah", "diambil dari jarak 10 meter", True),
                          ("Surat kesepakatan dengan pemilik bangunan / lahan", None, True),
                          ("Gambar produk atau pesan reklame", None, True),
                          ("Jaminan konstruksi", "untuk billboard, neon box dan videotron", False)]),
         prosedur=proc(["Mengajukan permohonan beserta berkas ke loket DPMPTSP",
                        "Verifikasi berkas dan lokasi oleh petugas",
                        "Izin reklame diterbitkan"]),
         biaya=0, satuan_biaya="per izin",
         keterangan_biaya="pajak reklame tetap dibayar ke BPPRD",
         waktu_penyelesaian={"nilai": 3, "satuan": "jam", "keterangan": "setelah berkas lengkap"},
         produk_layanan="Surat Izin Penyelenggaraan Reklame",
         dasar_hukum=hukum(["UU Nomor 1 Tahun 2022 tentang Hubungan Keuangan antara Pemerintah "
                            "Pusat dan Pemerintahan Daerah", "Peraturan Daerah Kota Jambi tentang "
                            "Penyelenggaraan Reklame"]),
         is_online=False, tautan_online=None, updated_at="2025-07-14T01:40:00.000000Z"),
    dict(id=21, kategori=2, kode_layanan="BG-01", slug="persetujuan-bangunan-gedung",
         nama_layanan="Persetujuan Bangunan Gedung (PBG)",
         deskripsi="PBG menggantikan Izin Mendirikan Bangunan (IMB). Pemilik wajib memiliki PBG "
                   "sebelum membangun, mengubah, memperluas atau merawat bangunan gedung. "
                   "Pemkot Jambi menargetkan 250 ribu bangunan memiliki PBG; bangunan di atas "
                   "drainase, bantaran sungai dan bahu jalan tidak dapat disetujui.",
         persyaratan=req([("Akun SIMBG yang sudah terdaftar", None, True),
                          ("Data pemohon", "KTP-el pemilik bangunan", True),
                          ("Data bangunan gedung", "fungsi, luas, jumlah lantai", True),
                          ("Bukti kepemilikan tanah", "sertifikat atau surat keterangan tanah", True),
                          ("Dokumen rencana teknis",
                           "gambar arsitektur, struktur, mekanikal, elektrikal dan perpipaan", True)]),
         prosedur=proc(["Mendaftar dan mengunggah dokumen di simbg.pu.go.id",
                        "Konsultasi dan verifikasi oleh TPA/TPT Dinas PUPR",
                        "Penghitungan retribusi dan penerbitan SKRD",
                        "Membayar retribusi di bank",
                        "PBG diterbitkan"]),
         biaya=None, satuan_biaya=None,
         keterangan_biaya="Retribusi PBG sesuai Perda Kota Jambi Nomor 2 Tahun 2024 tentang "
                          "Pajak Daerah dan Retribusi Daerah, ditetapkan dalam SKRD",
         waktu_penyelesaian={"nilai": 2, "satuan": "jam",
                             "keterangan": "target Pemkot Jambi setelah dokumen teknis disetujui"},
         produk_layanan="Persetujuan Bangunan Gedung",
         dasar_hukum=hukum(["PP Nomor 16 Tahun 2021 tentang Peraturan Pelaksanaan UU Bangunan Gedung",
                            "Perda Kota Jambi Nomor 2 Tahun 2024"]),
         is_online=True, tautan_online="https://simbg.pu.go.id", updated_at="2026-02-13T08:05:00.000000Z"),
    dict(id=22, kategori=2, kode_layanan="BG-02", slug="sertifikat-laik-fungsi",
         nama_layanan="Sertifikat Laik Fungsi (SLF) dan SBKBG",
         deskripsi="Sertifikat Laik Fungsi menyatakan bangunan gedung yang selesai dibangun layak "
                   "digunakan; terbit bersama Surat Bukti Kepemilikan Bangunan Gedung (SBKBG).",
         persyaratan=req([("Gambar terbangun (as-built drawing) final", None, True),
                          ("Surat pernyataan penyedia jasa kepada pemilik bangunan", None, True),
                          ("Surat pernyataan pemilik bangunan kepada Pemerintah Daerah", None, True)]),
         prosedur=proc(["Mengunggah dokumen melalui SIMBG",
                        "Pemeriksaan kelaikan fungsi",
                        "SLF dan SBKBG ditandatangani Kepala Dinas"]),
         biaya=None, satuan_biaya=None, keterangan_biaya="Retribusi sesuai Perda",
         waktu_penyelesaian={"nilai": 3, "satuan": "hari kerja", "keterangan": "paling lambat"},
         produk_layanan="Sertifikat Laik Fungsi dan Surat Bukti Kepemilikan Bangunan Gedung",
         dasar_hukum=hukum(["PP Nomor 16 Tahun 2021"]),
         is_online=True, tautan_online="https://simbg.pu.go.id", updated_at="2025-11-20T04:00:00.000000Z"),
    dict(id=31, kategori=3, kode_layanan="NK-01", slug="surat-izin-praktik-dokter",
         nama_layanan="Surat Izin Praktik (SIP) Dokter dan Dokter Gigi",
         deskripsi="SIP wajib dimiliki dokter dan dokter gigi yang berpraktik di fasilitas "
                   "pelayanan kesehatan atau praktik mandiri di Kota Jambi. Permohonan diajukan "
                   "ke DPMPTSP dengan rekomendasi Dinas Kesehatan.",
         persyaratan=req([("Surat permohonan", None, True), ("E-KTP", None, True),
                          ("NPWP", "untuk praktik mandiri", False),
                          ("Ijazah dilegalisir", None, True),
                          ("STR dari Konsil Kedokteran Indonesia", None, True),
                          ("Surat keterangan sehat", "dari dokter yang memiliki SIP", True),
                          ("Surat pernyataan memiliki tempat praktik atau keterangan pimpinan fasyankes", None, True),
                          ("Persetujuan atasan", "bagi PNS atau tenaga purna waktu", False),
                          ("Rekomendasi organisasi profesi", "IDI / PDGI", True),
                          ("Pas foto 4x6 latar merah", "3 lembar", True)]),
         prosedur=proc(["Mengajukan permohonan ke DPMPTSP dengan rekomendasi Dinas Kesehatan",
                        "Verifikasi berkas", "SIP diterbitkan"]),
         biaya=0, satuan_biaya="per permohonan", keterangan_biaya=None,
         waktu_penyelesaian=None,
         produk_layanan="Surat Izin Praktik Dokter / Dokter Gigi",
         dasar_hukum=hukum(["UU Nomor 17 Tahun 2023 tentang Kesehatan"]),
         is_online=False, tautan_online=None, updated_at="2025-05-08T02:30:00.000000Z"),
    dict(id=32, kategori=3, kode_layanan="NK-02", slug="surat-izin-praktik-bidan",
         nama_layanan="Surat Izin Praktik Bidan (SIPB)",
         deskripsi="Izin bagi bidan yang membuka praktik mandiri atau bekerja di klinik, rumah "
                   "bersalin dan puskesmas di Kota Jambi.",
         persyaratan=req([("Surat permohonan bermaterai", None, True), ("E-KTP", None, True),
                          ("Pas foto 4x6", "3 lembar", True), ("Ijazah dilegalisir", None, True),
                          ("STR yang masih berlaku", None, True),
                          ("Rekomendasi Ikatan Bidan Indonesia (IBI)", None, True),
                          ("Surat keterangan sehat", None, True),
                          ("Surat keterangan pimpinan fasyankes", None, True)]),
         prosedur=proc(["Mengajukan permohonan", "Rekomendasi tim teknis", "SIPB diterbitkan"]),
         biaya=0, satuan_biaya="per permohonan", keterangan_biaya=None,
         waktu_penyelesaian={"nilai": 5, "satuan": "hari kerja", "keterangan": None},
         produk_layanan="Surat Izin Praktik Bidan",
         dasar_hukum=hukum(["Permenkes Nomor 28 Tahun 2017", "UU Nomor 17 Tahun 2023 tentang Kesehatan"]),
         is_online=False, tautan_online=None, updated_at="2025-05-08T02:35:00.000000Z"),
    dict(id=33, kategori=3, kode_layanan="NK-03", slug="surat-izin-praktik-perawat",
         nama_layanan="Surat Izin Praktik Perawat (SIPP)",
         deskripsi="Izin praktik bagi perawat di fasilitas pelayanan kesehatan maupun praktik "
                   "mandiri keperawatan.",
         persyaratan=req([("Fotokopi KTP", None, True), ("STR perawat dilegalisir", None, True),
                          ("Ijazah dilegalisir", None, True), ("Surat keterangan sehat", None, True),
                          ("Surat pernyataan memiliki tempat praktik atau keterangan fasyankes", None, True),
                          ("Pas foto 4x6", "3 lembar", True),
                          ("Rekomendasi Dinas Kesehatan", None, True),
                          ("Rekomendasi organisasi profesi (PPNI)", None, True)]),
         prosedur=proc(["Mengajukan permohonan", "Verifikasi", "SIPP diterbitkan"]),
         biaya=None, satuan_biaya=None, keterangan_biaya=None,
         waktu_penyelesaian=None,
         produk_layanan="Surat Izin Praktik Perawat",
         dasar_hukum=hukum(["UU Nomor 38 Tahun 2014 tentang Keperawatan"]),
         is_online=False, tautan_online=None, updated_at="2025-05-08T02:40:00.000000Z"),
]

BERITA = [
    dict(id=7, slug="dpmptsp-jemput-bola-nib-di-pasar-angso-duo",
         judul="DPMPTSP Jemput Bola Penerbitan NIB bagi Pedagang Pasar Angso Duo",
         ringkasan="Petugas membuka meja layanan di pasar selama tiga hari.",
         isi="<p>Petugas DPMPTSP Kota Jambi membuka meja layanan di Pasar Angso Duo selama tiga "
             "hari. Pedagang cukup membawa KTP-el dan NPWP; NIB langsung dicetak di tempat.</p>"
             "<p>Sebanyak 214 pedagang terdaftar pada hari pertama.</p>",
         penulis="Admin DPMPTSP", published_at="2025-10-21T02:00:00.000000Z"),
    dict(id=6, slug="wali-kota-targetkan-pbg-terbit-dua-jam",
         judul="Wali Kota Targetkan PBG Terbit dalam Dua Jam",
         ringkasan="Pemkot Jambi menargetkan 250 ribu bangunan memiliki PBG.",
         isi="<p>Wali Kota Jambi meminta proses Persetujuan Bangunan Gedung dipercepat hingga "
             "terbit dalam dua jam setelah dokumen lengkap. Lurah diminta mendata bangunan di "
             "wilayahnya.</p>",
         penulis="Admin DPMPTSP", published_at="2026-02-12T05:30:00.000000Z"),
    dict(id=5, slug="sosialisasi-perizinan-tenaga-kesehatan",
         judul="Sosialisasi Perizinan Tenaga Kesehatan bersama Dinas Kesehatan",
         ringkasan="Bidan dan perawat diingatkan memperbarui izin praktik sebelum STR habis.",
         isi="<p>DPMPTSP dan Dinas Kesehatan Kota Jambi menggelar sosialisasi bagi tenaga "
             "kesehatan di aula kantor. Peserta diingatkan bahwa izin praktik tidak dipungut "
             "biaya.</p>",
         penulis="Humas", published_at="2025-06-03T03:00:00.000000Z"),
]

FAQ = [
    (1, "Apakah mengurus izin di DPMPTSP dipungut biaya?",
     "Sebagian besar izin tidak dipungut biaya. Retribusi hanya untuk layanan yang diatur Perda, "
     "misalnya PBG dan SLF."),
    (2, "Di mana kantor DPMPTSP Kota Jambi?",
     "Loket perizinan DPMPTSP berada di Mal Pelayanan Publik Kota Jambi."),
    (3, "Apakah bisa mengurus NIB sendiri dari rumah?",
     "Bisa, melalui oss.go.id. Petugas kami siap membantu bila mengalami kendala."),
]

PENGATURAN = {"nama_instansi": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Jambi",
              "alamat": "Mal Pelayanan Publik Kota Jambi, Jl. Jend. Sudirman, Thehok, Jambi Selatan",
              "telepon": "(0741) 5910123", "email": "dpmptsp@jambikota.go.id",
              "jam_layanan": "Senin-Jumat 08.00-15.00 WIB"}

KAT = {k[0]: {"id": k[0], "nama": k[1], "slug": k[2]} for k in KATEGORI}
routes = {"*": "index.html"}


def write(path: str, obj, key: str | None = None) -> None:
    """json_encode as PHP does it: slashes and non-ASCII escaped."""
    text = json.dumps(obj).replace("/", "\\/")
    target = OUT / "api" / (path.strip("/") + ".json")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    routes[key or "/api/" + path.strip("/")] = "api/" + path.strip("/") + ".json"


def ringkas(svc):
    return {"id": svc["id"], "kode_layanan": svc["kode_layanan"], "nama_layanan": svc["nama_layanan"],
            "slug": svc["slug"], "is_online": svc["is_online"]}


def lengkap(svc):
    out = {k: v for k, v in svc.items() if k != "kategori"}
    out = {"id": svc["id"], "kode_layanan": svc["kode_layanan"], "nama_layanan": svc["nama_layanan"],
           "slug": svc["slug"], "kategori": KAT[svc["kategori"]], "unit_pelaksana": UNIT, **out}
    out["created_at"] = "2024-03-11T01:00:00.000000Z"
    return out


def paginate(items, page, path):
    last = (len(items) + PER_PAGE - 1) // PER_PAGE
    chunk = items[(page - 1) * PER_PAGE: page * PER_PAGE]
    url = lambda p: f"{API}/{path}?page={p}"  # noqa: E731
    meta_links = [{"url": url(page - 1) if page > 1 else None, "label": "&laquo; Previous",
                   "active": False}]
    meta_links += [{"url": url(p), "label": str(p), "active": p == page} for p in range(1, last + 1)]
    meta_links.append({"url": url(page + 1) if page < last else None, "label": "Next &raquo;",
                       "active": False})
    return {"data": chunk,
            "links": {"first": url(1), "last": url(last),
                      "prev": url(page - 1) if page > 1 else None,
                      "next": url(page + 1) if page < last else None},
            "meta": {"current_page": page, "from": (page - 1) * PER_PAGE + 1,
                     "last_page": last, "links": meta_links, "path": f"{API}/{path}",
                     "per_page": PER_PAGE, "to": (page - 1) * PER_PAGE + len(chunk),
                     "total": len(items)}}, last


kategori_list = []
for kid, nama, slug, desk in KATEGORI:
    anggota = [ringkas(svc) for svc in LAYANAN if svc["kategori"] == kid]
    kategori_list.append({"id": kid, "nama": nama, "slug": slug, "deskripsi": desk,
                          "jumlah_layanan": len(anggota), "layanan": anggota})
    write(f"kategori-layanan/{slug}", {"data": kategori_list[-1]})
write("kategori-layanan", {"data": kategori_list})

daftar = [{**ringkas(svc), "kategori": KAT[svc["kategori"]]} for svc in LAYANAN]
body, last = paginate(daftar, 1, "layanan")
write("layanan", body)
for page in range(1, last + 1):
    body, _ = paginate(daftar, page, "layanan")
    write(f"layanan-page-{page}", body, key=f"/api/layanan?page={page}")
for svc in LAYANAN:
    write(f"layanan/{svc['slug']}", {"data": lengkap(svc)})

berita_list = [{k: b[k] for k in ("id", "slug", "judul", "ringkasan", "published_at")} for b in BERITA]
body, last = paginate(berita_list, 1, "berita")
write("berita", body)
for page in range(1, last + 1):
    body, _ = paginate(berita_list, page, "berita")
    write(f"berita-page-{page}", body, key=f"/api/berita?page={page}")
for b in BERITA:
    write(f"berita/{b['slug']}", {"data": b})
write("faq", {"data": [{"id": i, "pertanyaan": q, "jawaban": a} for i, q, a in FAQ]})
write("pengaturan", {"data": PENGATURAN})

# the app's own routes, answered with the shell (nginx try_files ... /index.html)
routes["/"] = "index.html"
for path in ["/layanan", "/berita", "/faq"] + [f"/layanan/{k[2]}" for k in KATEGORI]:
    routes[path] = "index.html"
for svc in LAYANAN:
    routes[f"/layanan/{KAT[svc['kategori']]['slug']}/{svc['slug']}"] = "index.html"
for b in BERITA:
    routes[f"/berita/{b['slug']}"] = "index.html"

(OUT / "_routes.json").write_text(json.dumps(dict(sorted(routes.items())), indent=1) + "\n",
                                  encoding="utf-8")
