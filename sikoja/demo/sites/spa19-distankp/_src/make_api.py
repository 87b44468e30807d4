# ruff: noqa: C408, E501  (the CMS's seed rows, kept as keyword tables)
"""Write the responses of SIMTANI's backend into ../_api, as its two origins send them.

The front (distankp.jambikota.go.id, port 8823 on the sample web) is a Vue 3 build with a
hash router; its data comes from another origin (api-distankp.jambikota.go.id, port 8824):

- a headless WordPress: pages (``/wp-json/wp/v2/pages?per_page=100&_embed``), posts by
  category, and the custom post type ``layanan`` whose facts are ACF fields (filled in over
  the years in three shapes: HTML from the WYSIWYG field, a textarea's lines, a repeater's
  rows), paged ten at a time with ``X-WP-Total``/``X-WP-TotalPages``;
- a small REST API of the Puskeswan (the animal clinic) written by the city's developers:
  list and detail, Indonesian snake_case keys, ``{"status", "message", "data"}``.

The WordPress permalinks (``link``) name the CMS host, whose theme is switched off: they
answer 404, as they do on a headless install. ``_routes.json`` maps each request (its query
sorted, as ``sikoja.demo.server.route_key`` does) to a file, ``_headers.json`` adds the
response headers WordPress sends with a collection.
"""
import json
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

FRONT = "http://127.0.0.1:8823"
ORIGIN = "http://127.0.0.1:8824"
WP = ORIGIN + "/wp-json/wp/v2"
OUT = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "_api")
PER_PAGE = 10

routes: dict[str, str] = {}
headers: dict[str, dict[str, str]] = {}


def key(path: str) -> str:
    base, _, query = path.partition("?")
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    return base + ("?" + urlencode(pairs) if pairs else "")


def write(path: str, data, extra: dict[str, str] | None = None) -> None:
    name = path.lstrip("/").replace("?", "__").replace("&", "_").replace("=", "-") or "index"
    name = name.rstrip("/") + ".json"
    file = OUT / name
    file.parent.mkdir(parents=True, exist_ok=True)
    # WordPress's wp_json_encode: escaped slashes, \u escapes for non-ASCII
    file.write_text(json.dumps(data, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/"),
                    encoding="utf-8")
    routes[key(path)] = name
    if extra:
        headers[key(path)] = extra


def links(kind: str, ident: int, rest: str) -> dict:
    return {"self": [{"href": f"{WP}/{rest}/{ident}"}],
            "collection": [{"href": f"{WP}/{rest}"}],
            "about": [{"href": f"{WP}/types/{kind}"}],
            "wp:attachment": [{"href": f"{WP}/media?parent={ident}"}],
            "curies": [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}]}


def media(ident: int, file: str, alt: str) -> dict:
    url = f"{ORIGIN}/wp-content/uploads/2024/05/{file}"
    return {"id": ident, "date": "2024-05-02T10:11:12", "slug": file.rsplit(".", 1)[0],
            "type": "attachment", "link": f"{ORIGIN}/{file.rsplit('.', 1)[0]}/",
            "title": {"rendered": alt}, "author": 2, "caption": {"rendered": ""},
            "alt_text": alt, "media_type": "image", "mime_type": "image/jpeg",
            "media_details": {"width": 1200, "height": 800, "file": f"2024/05/{file}",
                              "sizes": {"medium": {"file": file.replace(".jpg", "-300x200.jpg"),
                                                   "width": 300, "height": 200,
                                                   "source_url": url.replace(".jpg", "-300x200.jpg")}}},
            "source_url": url}


JENIS = {4: ("Kesehatan Hewan dan Kesmavet", "kesehatan-hewan"),
         6: ("Tanaman Pangan dan Hortikultura", "tanaman-pangan-hortikultura"),
         7: ("Ketahanan dan Keamanan Pangan", "keamanan-pangan"),
         8: ("Penyuluhan dan Kelembagaan Petani", "penyuluhan")}

UNIT_HEWAN = "Bidang Peternakan dan Kesehatan Hewan"

# ACF fields. persyaratan/prosedur come in three shapes: "html" (WYSIWYG), "lines" (textarea),
# "rows" (repeater: [{"item": ...}] / [{"langkah": ...}]), as the field group changed.
LAYANAN = [
    dict(id=141, slug="surat-keterangan-kesehatan-hewan", jenis=4, shape="html",
         title="Surat Keterangan Kesehatan Hewan (SKKH)",
         ringkasan="SKKH adalah surat yang menyatakan hewan atau ternak sehat dan bebas penyakit hewan menular, wajib menyertai pengiriman hewan keluar Kota Jambi.",
         persyaratan=["Surat permohonan kepada Kepala Dinas Pertanian dan Ketahanan Pangan Kota Jambi",
                      "Fotokopi KTP pemilik atau pengirim hewan",
                      "Hewan dihadirkan untuk pemeriksaan klinis oleh dokter hewan berwenang",
                      "Bukti vaksinasi (untuk anjing, kucing dan kera: vaksinasi rabies paling singkat 30 hari sebelum pengiriman)",
                      "Surat keterangan asal hewan dari kelurahan atau pasar hewan"],
         prosedur=["Pemohon mengajukan permohonan di loket pelayanan atau melalui aplikasi SIMTANI",
                   "Dokter hewan memeriksa fisik hewan dan dokumen vaksinasi",
                   "Bila hewan sehat, SKKH ditandatangani dokter hewan berwenang",
                   "SKKH diserahkan kepada pemohon dan berlaku 7 (tujuh) hari"],
         biaya="Gratis (tidak dipungut biaya)", waktu="1 (satu) hari kerja setelah pemeriksaan hewan",
         dasar_hukum="Undang-Undang Nomor 41 Tahun 2014 tentang Peternakan dan Kesehatan Hewan",
         unit=UNIT_HEWAN, media=(212, "pemeriksaan-hewan.jpg", "Pemeriksaan kesehatan hewan")),
    dict(id=142, slug="rekomendasi-pemasukan-pengeluaran-ternak", jenis=4, shape="lines",
         title="Rekomendasi Pemasukan dan Pengeluaran Ternak",
         ringkasan="Rekomendasi teknis bagi pedagang atau peternak yang memasukkan ternak (sapi, kerbau, kambing, unggas) ke Kota Jambi atau mengeluarkannya ke daerah lain.",
         persyaratan=["Surat permohonan rekomendasi bermaterai", "Fotokopi KTP dan NIB pedagang ternak",
                      "SKKH dari daerah asal ternak", "Hasil uji laboratorium bebas brucellosis dan antraks untuk sapi dan kerbau",
                      "Rencana jumlah, jenis dan tujuan ternak"],
         prosedur=["Permohonan diajukan paling lambat 5 hari sebelum pengiriman",
                   "Verifikasi dokumen oleh Bidang Peternakan dan Kesehatan Hewan",
                   "Pemeriksaan ternak di tempat penampungan sementara", "Penerbitan rekomendasi oleh Kepala Dinas"],
         biaya="Tidak dipungut biaya", waktu="3 (tiga) hari kerja",
         dasar_hukum="Peraturan Menteri Pertanian Nomor 17 Tahun 2023 tentang Pemasukan dan Pengeluaran Ternak",
         unit=UNIT_HEWAN, media=(213, "ternak-sapi.jpg", "Ternak sapi di penampungan")),
    dict(id=143, slug="nomor-kontrol-veteriner", jenis=4, shape="rows",
         title="Sertifikat Nomor Kontrol Veteriner (NKV)",
         ringkasan="NKV adalah sertifikat bukti unit usaha produk hewan (rumah potong, toko daging, usaha susu, telur) telah memenuhi syarat higiene dan sanitasi.",
         persyaratan=["Surat permohonan sertifikasi NKV", "Fotokopi KTP penanggung jawab dan NIB unit usaha",
                      "Denah lokasi dan tata letak bangunan unit usaha", "Daftar peralatan dan alur proses produksi",
                      "Surat keterangan sehat karyawan dari puskesmas", "Sertifikat pelatihan juru sembelih halal (untuk rumah potong)"],
         prosedur=["Pengajuan berkas melalui SIMTANI atau loket dinas", "Audit dokumen dan penilaian lapangan oleh auditor NKV",
                   "Penyampaian hasil audit dan perbaikan bila ada temuan", "Penerbitan sertifikat NKV yang berlaku 5 tahun dengan surveilans tiap tahun"],
         biaya="Gratis", waktu="14 (empat belas) hari kerja sejak berkas lengkap",
         dasar_hukum="Peraturan Menteri Pertanian Nomor 11 Tahun 2020 tentang Sertifikasi Nomor Kontrol Veteriner",
         unit=UNIT_HEWAN, media=(214, "rumah-potong-hewan.jpg", "Rumah potong hewan")),
    dict(id=144, slug="pendaftaran-psat-pd", jenis=7, shape="html",
         title="Pendaftaran Pangan Segar Asal Tumbuhan Produksi Dalam Negeri (PSAT PD)",
         ringkasan="Izin edar (nomor registrasi PSAT PD) bagi pelaku usaha yang mengemas dan memberi label beras, sayur, buah atau pangan segar asal tumbuhan lainnya.",
         persyaratan=["Fotokopi KTP dan NIB pelaku usaha", "Sertifikat Prima 3 atau hasil uji laboratorium mutu dan keamanan pangan",
                      "Rancangan label kemasan", "Surat pernyataan bermaterai tentang kebenaran data",
                      "Foto produk dan tempat pengemasan"],
         prosedur=["Pelaku usaha mendaftar akun di aplikasi SIMTANI", "Mengunggah berkas persyaratan",
                   "Verifikasi berkas dan peninjauan tempat pengemasan", "Nomor registrasi PSAT PD terbit dan dapat dicantumkan pada label"],
         biaya="Tidak dipungut biaya", waktu="10 (sepuluh) hari kerja",
         dasar_hukum="Peraturan Badan Pangan Nasional Nomor 12 Tahun 2023 tentang Pendaftaran Pangan Segar Asal Tumbuhan",
         unit="Bidang Ketahanan dan Keamanan Pangan", media=(215, "beras-kemasan.jpg", "Beras dalam kemasan berlabel")),
    dict(id=145, slug="sertifikasi-prima-3", jenis=7, shape="lines",
         title="Sertifikasi Prima 3 Keamanan Pangan Segar",
         ringkasan="Sertifikat Prima 3 menyatakan hasil kebun atau pekarangan aman dikonsumsi, diberikan setelah penilaian cara budidaya yang baik dan uji residu pestisida.",
         persyaratan=["Surat permohonan dari petani, kelompok tani atau pelaku usaha", "Fotokopi KTP", "Catatan budidaya (penggunaan pupuk dan pestisida) minimal satu musim tanam",
                      "Denah lokasi lahan dan foto kebun", "Hasil uji residu pestisida (dapat dilakukan di laboratorium dinas)"],
         prosedur=["Pengajuan permohonan", "Inspeksi lahan oleh inspektur mutu", "Pengambilan sampel dan uji residu", "Sidang komisi teknis", "Penerbitan sertifikat Prima 3 (berlaku 3 tahun)"],
         biaya="Gratis", waktu="21 (dua puluh satu) hari kerja",
         dasar_hukum="Peraturan Menteri Pertanian Nomor 53 Tahun 2018 tentang Keamanan dan Mutu Pangan Segar Asal Tumbuhan",
         unit="Bidang Ketahanan dan Keamanan Pangan", media=(216, "kebun-sayur.jpg", "Kebun sayur warga")),
    dict(id=146, slug="uji-cepat-residu-pestisida", jenis=7, shape="rows",
         title="Uji Cepat Residu Pestisida Sayur dan Buah",
         ringkasan="Masyarakat, pedagang dan katering dapat menguji sayur dan buah di laboratorium keamanan pangan dinas untuk mengetahui kandungan residu pestisida.",
         persyaratan=["Sampel sayur atau buah minimal 250 gram per jenis dalam kantong plastik bersih", "Mengisi formulir permohonan uji", "Fotokopi KTP pemohon"],
         prosedur=["Serahkan sampel ke laboratorium keamanan pangan pada jam layanan", "Petugas mencatat dan memberi kode sampel",
                   "Uji cepat (rapid test kit) dilakukan hari itu juga", "Hasil uji diserahkan atau dikirim melalui WhatsApp"],
         biaya="Gratis", waktu="1 (satu) hari kerja",
         dasar_hukum="Peraturan Pemerintah Nomor 86 Tahun 2019 tentang Keamanan Pangan",
         unit="UPTD Laboratorium Keamanan Pangan", media=(217, "uji-residu.jpg", "Uji residu pestisida")),
    dict(id=147, slug="registrasi-kelompok-tani", jenis=8, shape="html",
         title="Registrasi dan Pengukuhan Kelompok Tani (Poktan)",
         ringkasan="Pendaftaran kelompok tani dan kelompok wanita tani (KWT) ke SIMLUHTAN agar tercatat dan dapat menerima bantuan pemerintah serta pupuk bersubsidi.",
         persyaratan=["Berita acara pembentukan kelompok tani yang diketahui lurah", "Daftar anggota (minimal 10 orang) dengan fotokopi KTP dan KK",
                      "Susunan pengurus (ketua, sekretaris, bendahara)", "AD/ART kelompok", "Surat keterangan domisili sekretariat kelompok"],
         prosedur=["Kelompok menghubungi penyuluh pertanian lapangan (PPL) di BPP kecamatan", "PPL memverifikasi anggota dan lahan",
                   "Data kelompok dientri ke SIMLUHTAN", "Pengukuhan kelompok dengan Surat Keputusan Kepala Dinas"],
         biaya="Gratis", waktu="14 (empat belas) hari kerja",
         dasar_hukum="Peraturan Menteri Pertanian Nomor 67 Tahun 2016 tentang Pembinaan Kelembagaan Petani",
         unit="Bidang Penyuluhan", media=(218, "kelompok-tani.jpg", "Pertemuan kelompok tani")),
    dict(id=148, slug="kartu-tani-erdkk", jenis=8, shape="lines",
         title="Pendaftaran e-RDKK dan Kartu Tani untuk Pupuk Bersubsidi",
         ringkasan="Petani yang tergabung dalam kelompok tani didaftarkan dalam elektronik Rencana Definitif Kebutuhan Kelompok (e-RDKK) agar dapat menebus pupuk bersubsidi di kios resmi.",
         persyaratan=["Terdaftar sebagai anggota kelompok tani", "Fotokopi KTP dan Kartu Keluarga", "Menggarap lahan paling luas 2 hektare", "Bukti penguasaan lahan atau surat keterangan garapan dari lurah"],
         prosedur=["Petani menyerahkan berkas kepada ketua kelompok", "Penyuluh menyusun RDKK bersama kelompok", "RDKK diinput ke sistem e-RDKK sebelum batas waktu tahunan", "Petani menebus pupuk di kios dengan KTP atau Kartu Tani"],
         biaya="Gratis", waktu="Sesuai jadwal penyusunan e-RDKK (Oktober - Desember tiap tahun)",
         dasar_hukum="Peraturan Menteri Pertanian Nomor 1 Tahun 2024 tentang Alokasi dan Harga Eceran Tertinggi Pupuk Bersubsidi",
         unit="Bidang Prasarana dan Sarana Pertanian", media=(219, "pupuk-subsidi.jpg", "Pupuk bersubsidi")),
    dict(id=149, slug="bantuan-benih-dan-bibit", jenis=6, shape="rows",
         title="Permohonan Bantuan Benih dan Bibit Tanaman",
         ringkasan="Bantuan benih sayuran, bibit buah dan cabai bagi kelompok tani, KWT dan program pekarangan pangan lestari (P2L) di Kota Jambi.",
         persyaratan=["Proposal permohonan dari kelompok yang diketahui penyuluh dan lurah", "Kelompok terdaftar di SIMLUHTAN", "Fotokopi KTP ketua kelompok", "Foto lahan atau pekarangan yang akan ditanami"],
         prosedur=["Proposal diajukan ke dinas paling lambat bulan Maret untuk tahun berjalan", "Verifikasi lapangan oleh penyuluh", "Penetapan penerima bantuan", "Penyaluran benih dan bibit dengan berita acara serah terima"],
         biaya="Gratis", waktu="Sesuai ketersediaan anggaran tahun berjalan",
         dasar_hukum="Peraturan Wali Kota Jambi Nomor 14 Tahun 2023 tentang Pedoman Pemberian Bantuan Sarana Pertanian",
         unit="Bidang Tanaman Pangan dan Hortikultura", media=(220, "bibit-cabai.jpg", "Bibit cabai")),
    dict(id=150, slug="pemeriksaan-hewan-kurban", jenis=4, shape="html",
         title="Pemeriksaan Kesehatan Hewan Kurban",
         ringkasan="Pemeriksaan ante mortem dan post mortem hewan kurban oleh dokter hewan dan petugas dinas bagi panitia kurban masjid dan penjual hewan kurban.",
         persyaratan=["Panitia kurban atau penjual mendaftar paling lambat H-7 Iduladha", "Mengisi formulir jumlah dan jenis hewan", "Menyebutkan lokasi penampungan dan penyembelihan"],
         prosedur=["Pendaftaran melalui aplikasi SIMTANI atau telepon", "Petugas memeriksa hewan di lokasi sebelum penyembelihan (ante mortem)", "Pemeriksaan organ dan daging setelah penyembelihan (post mortem)", "Hewan yang sehat diberi kalung tanda sehat"],
         biaya="Gratis", waktu="Pada hari pemeriksaan",
         dasar_hukum="Peraturan Menteri Pertanian Nomor 114 Tahun 2014 tentang Pemotongan Hewan Kurban",
         unit=UNIT_HEWAN, media=(221, "hewan-kurban.jpg", "Pemeriksaan hewan kurban")),
    dict(id=151, slug="konsultasi-urban-farming", jenis=8, shape="lines",
         title="Konsultasi dan Pendampingan Pertanian Perkotaan (Urban Farming)",
         ringkasan="Warga dapat berkonsultasi dengan penyuluh tentang hidroponik, budikdamber, tanam sayur di pekarangan sempit dan pengendalian hama tanpa biaya.",
         persyaratan=["Membawa KTP", "Membuat janji konsultasi melalui SIMTANI atau datang langsung ke BPP kecamatan"],
         prosedur=["Pilih jadwal konsultasi", "Konsultasi tatap muka atau kunjungan penyuluh ke lokasi", "Pendampingan lanjutan bila diperlukan"],
         biaya="Gratis", waktu="Sesuai jadwal yang disepakati",
         dasar_hukum="Undang-Undang Nomor 19 Tahun 2013 tentang Perlindungan dan Pemberdayaan Petani",
         unit="Bidang Penyuluhan", media=(222, "hidroponik.jpg", "Instalasi hidroponik")),
    dict(id=152, slug="rekomendasi-izin-usaha-peternakan", jenis=4, shape="rows",
         title="Rekomendasi Teknis Izin Usaha Peternakan",
         ringkasan="Rekomendasi teknis kesesuaian lokasi dan sarana bagi usaha peternakan ayam, sapi atau kambing sebelum perizinan berusaha diterbitkan melalui OSS.",
         persyaratan=["Fotokopi KTP dan NIB", "Surat keterangan lokasi usaha dari lurah", "Persetujuan tetangga sekitar lokasi kandang",
                      "Rencana pengelolaan limbah kandang", "Denah kandang dan jarak dari permukiman (minimal 250 meter untuk ayam ras)"],
         prosedur=["Pengajuan berkas", "Peninjauan lokasi kandang", "Penilaian rencana pengelolaan limbah", "Penerbitan rekomendasi teknis"],
         biaya="Gratis", waktu="7 (tujuh) hari kerja",
         dasar_hukum="Peraturan Daerah Kota Jambi Nomor 2 Tahun 2021 tentang Penyelenggaraan Peternakan dan Kesehatan Hewan",
         unit=UNIT_HEWAN, media=(223, "kandang-ayam.jpg", "Kandang ayam")),
]


def acf(rec: dict) -> dict:
    shape = rec["shape"]
    if shape == "html":
        syarat = "<ol>\n" + "".join(f"<li>{s}</li>\n" for s in rec["persyaratan"]) + "</ol>\n"
        alur = "".join(f"<p>{i}. {s}</p>\n" for i, s in enumerate(rec["prosedur"], 1))
    elif shape == "lines":
        syarat = "\r\n".join(f"{i}. {s}" for i, s in enumerate(rec["persyaratan"], 1))
        alur = "\r\n".join(f"- {s}" for s in rec["prosedur"])
    else:
        syarat = [{"item": s} for s in rec["persyaratan"]]
        alur = [{"langkah": s, "keterangan": ""} for s in rec["prosedur"]]
    return {"ringkasan": rec["ringkasan"], "persyaratan": syarat, "prosedur": alur,
            "biaya": rec["biaya"], "waktu": rec["waktu"], "dasar_hukum": rec["dasar_hukum"],
            "unit_pelaksana": rec["unit"], "formulir": False,
            "layanan_online": rec["shape"] != "lines"}


def term(tid: int, taxonomy: str, name: str, slug: str) -> dict:
    return {"id": tid, "link": f"{ORIGIN}/{taxonomy}/{slug}/", "name": name, "slug": slug,
            "taxonomy": taxonomy}


def layanan_json(rec: dict) -> dict:
    m = media(*rec["media"])
    name, slug = JENIS[rec["jenis"]]
    return {"id": rec["id"], "date": "2024-03-11T09:12:40", "date_gmt": "2024-03-11T02:12:40",
            "guid": {"rendered": f"{ORIGIN}/?post_type=layanan&#038;p={rec['id']}"},
            "modified": "2025-01-20T14:03:55", "modified_gmt": "2025-01-20T07:03:55",
            "slug": rec["slug"], "status": "publish", "type": "layanan",
            "link": f"{ORIGIN}/layanan/{rec['slug']}/",
            "title": {"rendered": rec["title"]},
            "content": {"rendered": "", "protected": False},
            "featured_media": m["id"], "template": "", "meta": {"_acf_changed": False},
            "jenis_layanan": [rec["jenis"]], "class_list": [f"post-{rec['id']}", "layanan", "type-layanan"],
            "acf": acf(rec),
            "_links": links("layanan", rec["id"], "layanan"),
            "_embedded": {"wp:featuredmedia": [m],
                          "wp:term": [[term(rec["jenis"], "jenis_layanan", name, slug)]]}}


PAGES = [
    dict(id=11, slug="profil", title="Profil Dinas", parent=0, order=1, content=(
        "<p>Dinas Pertanian dan Ketahanan Pangan Kota Jambi adalah perangkat daerah yang menyelenggarakan urusan pertanian, peternakan, kesehatan hewan dan ketahanan pangan di Kota Jambi.</p>"
        "<h3>Tugas</h3><p>Membantu Wali Kota melaksanakan urusan pemerintahan bidang pangan dan pertanian serta tugas pembantuan.</p>"
        "<h3>Bidang</h3><ul><li>Bidang Tanaman Pangan dan Hortikultura</li><li>Bidang Peternakan dan Kesehatan Hewan</li><li>Bidang Ketahanan dan Keamanan Pangan</li><li>Bidang Penyuluhan</li><li>UPTD Puskeswan dan UPTD Laboratorium Keamanan Pangan</li></ul>")),
    dict(id=12, slug="kontak", title="Kontak dan Jam Pelayanan", parent=0, order=5, content=(
        "<p>Kantor Dinas Pertanian dan Ketahanan Pangan Kota Jambi, Jl. Kapten Pattimura No. 12, Kenali Besar, Kecamatan Alam Barajo, Kota Jambi 36129.</p>"
        "<p>Telepon (0741) 583210 &middot; WhatsApp layanan 0812-7400-3311 &middot; Email distankp@jambikota.go.id</p>"
        "<p>Jam pelayanan: Senin - Kamis 08.00 - 15.00 WIB, Jumat 08.00 - 11.30 WIB.</p>")),
    dict(id=13, slug="maklumat-pelayanan", title="Maklumat Pelayanan", parent=0, order=3, content=(
        "<p>Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan perundang-undangan yang berlaku.</p>")),
    dict(id=14, slug="pengaduan", title="Pengaduan Layanan", parent=0, order=4, content=(
        "<p>Keluhan atas pelayanan Dinas Pertanian dan Ketahanan Pangan dapat disampaikan melalui SP4N-LAPOR! (lapor.go.id), WhatsApp 0812-7400-3311, atau kotak pengaduan di ruang pelayanan.</p>"
        "<p>Pengaduan ditindaklanjuti paling lama 5 hari kerja.</p>")),
]

POSTS = [
    dict(id=301, cat=3, slug="vaksinasi-rabies-gratis-di-12-kelurahan", date="2025-02-10T08:00:00",
         title="Vaksinasi Rabies Gratis Digelar di 12 Kelurahan",
         content="<p>Dinas Pertanian dan Ketahanan Pangan Kota Jambi menggelar vaksinasi rabies gratis untuk anjing, kucing dan kera peliharaan di 12 kelurahan selama Februari 2025. Pemilik cukup membawa hewan dan buku vaksin bila ada.</p>"),
    dict(id=302, cat=3, slug="gerakan-pangan-murah-jelang-ramadan", date="2025-02-24T08:00:00",
         title="Gerakan Pangan Murah Jelang Ramadan di Lima Kecamatan",
         content="<p>Beras SPHP, minyak goreng, gula dan telur dijual di bawah harga pasar pada Gerakan Pangan Murah di lima kecamatan. Jadwal lengkap diumumkan melalui media sosial dinas.</p>"),
    dict(id=303, cat=3, slug="penyuluh-latih-kwt-hidroponik", date="2025-01-15T08:00:00",
         title="Penyuluh Latih Kelompok Wanita Tani Budidaya Hidroponik",
         content="<p>Dua puluh kelompok wanita tani mengikuti pelatihan hidroponik dan budikdamber di BPP Kecamatan Alam Barajo.</p>"),
    dict(id=311, cat=5, slug="jadwal-pemeriksaan-hewan-kurban-2025", date="2025-05-20T08:00:00",
         title="Pendaftaran Pemeriksaan Hewan Kurban 1446 H Dibuka",
         content="<p>Panitia kurban dapat mendaftarkan pemeriksaan hewan kurban melalui SIMTANI mulai 20 Mei sampai H-7 Iduladha 1446 H.</p>"),
    dict(id=312, cat=5, slug="batas-penyusunan-erdkk-2026", date="2025-10-01T08:00:00",
         title="Batas Akhir Penyusunan e-RDKK Tahun 2026",
         content="<p>Kelompok tani diminta menyerahkan data anggota untuk e-RDKK 2026 kepada penyuluh paling lambat 15 Desember 2025.</p>"),
]
CATEGORIES = {3: ("Berita", "berita"), 5: ("Pengumuman", "pengumuman")}

PUSKESWAN = [
    dict(id_layanan=1, kode_layanan="PKW-01", nama_layanan="Vaksinasi Rabies Hewan Peliharaan",
         slug_layanan="vaksinasi-rabies",
         deskripsi_singkat="Vaksinasi rabies untuk anjing, kucing dan kera peliharaan di Puskeswan Kota Jambi.",
         persyaratan_layanan=["Hewan berumur minimal 3 bulan dan dalam keadaan sehat", "Membawa buku vaksin hewan (bila sudah punya)", "Fotokopi KTP pemilik hewan", "Anjing dibawa dengan tali atau kandang, kucing dalam keranjang"],
         alur_pelayanan=["Daftar di loket Puskeswan", "Pemeriksaan fisik hewan oleh dokter hewan", "Penyuntikan vaksin rabies", "Pencatatan di buku vaksin dan pemberian kalung tanda vaksin"],
         biaya_tarif="Gratis", jangka_waktu="15 menit per hewan",
         jam_layanan="Senin - Jumat 08.00 - 14.00 WIB", lokasi_layanan="UPTD Puskeswan, Jl. Kol. Abunjani, Sipin, Telanaipura"),
    dict(id_layanan=2, kode_layanan="PKW-02", nama_layanan="Pelayanan Pengobatan Hewan",
         slug_layanan="pengobatan-hewan",
         deskripsi_singkat="Pemeriksaan dan pengobatan hewan kesayangan dan ternak yang sakit oleh dokter hewan Puskeswan.",
         persyaratan_layanan=["Membawa hewan yang sakit ke Puskeswan", "Fotokopi KTP pemilik", "Riwayat sakit dan obat yang sudah diberikan"],
         alur_pelayanan=["Pendaftaran dan anamnesa", "Pemeriksaan klinis", "Tindakan atau pemberian obat", "Pembayaran retribusi di kasir"],
         biaya_tarif="Retribusi Rp 25.000 pemeriksaan, obat sesuai Peraturan Daerah Kota Jambi Nomor 5 Tahun 2024 tentang Pajak Daerah dan Retribusi Daerah",
         jangka_waktu="30 - 60 menit",
         jam_layanan="Senin - Jumat 08.00 - 14.00 WIB", lokasi_layanan="UPTD Puskeswan, Jl. Kol. Abunjani, Sipin, Telanaipura"),
    dict(id_layanan=3, kode_layanan="PKW-03", nama_layanan="Sterilisasi dan Kastrasi Kucing dan Anjing",
         slug_layanan="sterilisasi-hewan",
         deskripsi_singkat="Operasi steril betina dan kastrasi jantan untuk mengendalikan populasi kucing dan anjing.",
         persyaratan_layanan=["Mendaftar lebih dahulu (kuota 10 hewan per hari)", "Hewan berumur 6 bulan ke atas dan sehat", "Hewan dipuasakan 8 jam sebelum operasi", "Pemilik menandatangani surat persetujuan tindakan"],
         alur_pelayanan=["Pendaftaran online atau di loket", "Pemeriksaan pra operasi", "Operasi sterilisasi atau kastrasi", "Pemulihan dan edukasi perawatan pasca operasi"],
         biaya_tarif="Retribusi Rp 150.000 (kucing) dan Rp 250.000 (anjing)", jangka_waktu="1 hari",
         jam_layanan="Selasa dan Kamis 08.00 - 12.00 WIB", lokasi_layanan="UPTD Puskeswan, Jl. Kol. Abunjani, Sipin, Telanaipura"),
    dict(id_layanan=4, kode_layanan="PKW-04", nama_layanan="Observasi Hewan Penular Rabies Setelah Kasus Gigitan",
         slug_layanan="observasi-gigitan",
         deskripsi_singkat="Hewan yang menggigit manusia diobservasi 14 hari untuk memastikan ada tidaknya rabies.",
         persyaratan_layanan=["Laporan kasus gigitan dari korban, puskesmas atau pemilik hewan", "Identitas pemilik hewan", "Hewan penggigit dapat ditangkap dan diamankan"],
         alur_pelayanan=["Laporkan kasus gigitan ke Puskeswan atau call center", "Petugas mengamankan hewan penggigit", "Observasi hewan selama 14 hari", "Hasil observasi disampaikan ke puskesmas korban untuk keputusan vaksin anti rabies (VAR)"],
         biaya_tarif="Gratis", jangka_waktu="14 (empat belas) hari",
         jam_layanan="Setiap hari, laporan 24 jam melalui call center 0812-7400-3311", lokasi_layanan="UPTD Puskeswan, Jl. Kol. Abunjani, Sipin, Telanaipura"),
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    total = len(LAYANAN)
    pages = -(-total // PER_PAGE)
    for page in range(1, pages + 1):
        chunk = [layanan_json(r) for r in LAYANAN[(page - 1) * PER_PAGE: page * PER_PAGE]]
        extra = {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)}
        nxt = f'<{WP}/layanan?per_page={PER_PAGE}&_embed&page={page + 1}>; rel="next"'
        if page < pages:
            extra["Link"] = nxt
        write(f"/wp-json/wp/v2/layanan?per_page={PER_PAGE}&page={page}&_embed", chunk, extra)
        if page == 1:
            write(f"/wp-json/wp/v2/layanan?per_page={PER_PAGE}&_embed", chunk, extra)
        # the bare collection, as WordPress answers it (its default per_page is 10)
        bare = dict(extra)
        if page < pages:
            bare["Link"] = f'<{WP}/layanan?page={page + 1}>; rel="next"'
        write(f"/wp-json/wp/v2/layanan{'' if page == 1 else f'?page={page}'}", chunk, bare)
    for rec in LAYANAN:
        write(f"/wp-json/wp/v2/layanan?slug={rec['slug']}&_embed", [layanan_json(rec)],
              {"X-WP-Total": "1", "X-WP-TotalPages": "1"})
    write("/wp-json/wp/v2/jenis_layanan?per_page=100",
          [dict(term(t, "jenis_layanan", n, s), count=sum(r["jenis"] == t for r in LAYANAN),
                description="", parent=0) for t, (n, s) in JENIS.items()],
          {"X-WP-Total": str(len(JENIS)), "X-WP-TotalPages": "1"})
    write("/wp-json/wp/v2/pages?per_page=100&_embed", [
        {"id": p["id"], "date": "2023-08-01T10:00:00", "slug": p["slug"], "status": "publish",
         "type": "page", "link": f"{ORIGIN}/{p['slug']}/", "title": {"rendered": p["title"]},
         "content": {"rendered": p["content"], "protected": False},
         "excerpt": {"rendered": "", "protected": False}, "parent": p["parent"],
         "menu_order": p["order"], "template": "", "_links": links("page", p["id"], "pages")}
        for p in PAGES], {"X-WP-Total": str(len(PAGES)), "X-WP-TotalPages": "1"})
    for cat, (cname, cslug) in CATEGORIES.items():
        posts = sorted((p for p in POSTS if p["cat"] == cat), key=lambda p: p["date"], reverse=True)
        rows = [post_json(p, cname, cslug) for p in posts]
        write(f"/wp-json/wp/v2/posts?categories={cat}&per_page=6&_embed", rows,
              {"X-WP-Total": str(len(rows)), "X-WP-TotalPages": "1"})
    for p in POSTS:
        cname, cslug = CATEGORIES[p["cat"]]
        write(f"/wp-json/wp/v2/posts?slug={p['slug']}&_embed", [post_json(p, cname, cslug)],
              {"X-WP-Total": "1", "X-WP-TotalPages": "1"})
    write("/api/v1/puskeswan/layanan", {
        "status": True, "message": "Data layanan berhasil diambil",
        "data": [{k: r[k] for k in ("id_layanan", "kode_layanan", "nama_layanan", "slug_layanan",
                                     "deskripsi_singkat", "biaya_tarif")} for r in PUSKESWAN]})
    for r in PUSKESWAN:
        write(f"/api/v1/puskeswan/layanan/{r['id_layanan']}", {
            "status": True, "message": "Detail layanan berhasil diambil",
            "data": dict(r, persyaratan_layanan=[{"no_urut": i, "uraian_persyaratan": s}
                                                 for i, s in enumerate(r["persyaratan_layanan"], 1)],
                         alur_pelayanan=[{"no_urut": i, "uraian_alur": s}
                                         for i, s in enumerate(r["alur_pelayanan"], 1)],
                         dasar_hukum="Peraturan Daerah Kota Jambi Nomor 2 Tahun 2021",
                         tgl_update="2025-01-08 10:22:31")})
    write("/wp-json/", {"name": "Dinas Pertanian dan Ketahanan Pangan Kota Jambi",
                        "description": "CMS SIMTANI", "url": ORIGIN, "home": ORIGIN,
                        "namespaces": ["oembed/1.0", "wp/v2", "acf/v3"],
                        "routes": {"/wp/v2/pages": {}, "/wp/v2/posts": {}, "/wp/v2/layanan": {}}})
    (OUT / "robots.txt").write_text("User-agent: *\nDisallow: /wp-admin/\n"
                                    "Allow: /wp-admin/admin-ajax.php\n", encoding="utf-8")
    (OUT / "_routes.json").write_text(json.dumps(dict(sorted(routes.items())), indent=1) + "\n",
                                      encoding="utf-8")
    (OUT / "_headers.json").write_text(json.dumps(dict(sorted(headers.items())), indent=1) + "\n",
                                       encoding="utf-8")


def post_json(p: dict, cname: str, cslug: str) -> dict:
    return {"id": p["id"], "date": p["date"], "slug": p["slug"], "status": "publish",
            "type": "post", "link": f"{ORIGIN}/{p['date'][:4]}/{p['date'][5:7]}/{p['slug']}/",
            "title": {"rendered": p["title"]},
            "content": {"rendered": p["content"], "protected": False},
            "excerpt": {"rendered": p["content"][:160] + "&hellip;</p>", "protected": False},
            "author": 2, "featured_media": 0, "categories": [p["cat"]], "tags": [],
            "_links": links("post", p["id"], "posts"),
            "_embedded": {"author": [{"id": 2, "name": "Admin Distankp", "slug": "admin"}],
                          "wp:term": [[term(p["cat"], "category", cname, cslug)], []]}}


if __name__ == "__main__":
    main()
