"""Generate the sample sites ``spa21-dinsos`` and ``spa21-dishub``: script-drawn apps built
the way many Indonesian local-government sites were built between 2014 and 2020.

- ``spa21-dinsos`` (Dinas Sosial, port offset 129, family ``angularjs-hashbang-php-api``):
  an AngularJS 1.x app (``ng-app``, ``ng-view``, ``ngRoute`` with
  ``$locationProvider.hashPrefix('!')``) whose addresses are hashbang routes
  (``/#!/layanan/12``). The list's template is inline in the shell
  (``<script type="text/ng-template" id="layanan.html">``) and links each record with
  ``ng-href="#!/layanan/{{l.id_layanan}}"``; the detail's template is a fetched partial
  (``partials/layanan-detail.html``). Records come from a PHP backend named in a config
  object (``var CONFIG = {API_URL: 'api/'}`` in ``js/config.js``):
  ``$http.get(CONFIG.API_URL + 'api.php?act=layanan')`` lists id, name and summary only;
  ``'api.php?act=detail_layanan&id=' + $routeParams.id`` gives a record's requirements,
  procedure, duration, cost and legal basis.
- ``spa21-dishub`` (Dinas Perhubungan, port offset 130, family
  ``jquery-codeigniter-post-api``): plain pages with jQuery over a CodeIgniter REST
  backend that answers POST only (``$this->input->post()``; GET answers 405). The base is
  the inline ``var BASE_URL = '<?= base_url() ?>'``; ``layanan.html`` draws its table from
  ``$.ajax({url: BASE_URL + 'api/layanan/get_all', type: 'POST', ...})`` and links each row
  to ``detail-layanan.html?id=<id>``, whose own script reads the id from the address and
  asks ``$.post(BASE_URL + 'api/layanan/get_by_id', {id: id})`` for the full record.

Facts are from ``../shared/data/services.jsonl`` where it has them (DTKS, Kartu Bahagia,
uji KIR) and otherwise follow the services' public standards. Writes the manifest and
``sources/sample-kota-jambi.yaml`` entries, judges the records into existing rows of the
query files that judge the city's other pages of the same service (``TWINS``), and
appends the sites' own queries q2090-q2119 to ``eval/devset.tsv``. Idempotent.

Usage: .venv/bin/python tools/make_spa21_sites.py
"""

# ruff: noqa: E501  (page prose keeps real pages' long lines)
from __future__ import annotations

import html
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_office_site import judge_query_files, own_rows, register, write_site  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SITES = REPO / "sikoja" / "demo" / "sites"


def url(port: int, path: str) -> str:
    return f"http://127.0.0.1:{port}{path}"


def e(text: str) -> str:
    return html.escape(text, quote=False)


DINSOS = {
    "name": "spa21-dinsos", "offset": 129, "family": "angularjs-hashbang-php-api",
    "opd": "Dinas Sosial Kota Jambi", "app": "SILAYAN DINSOS",
    "address": "Jl. H. Agus Salim No. 7, Kebun Kopi, Kec. Kota Baru, Kota Jambi 36129",
    "phone": "(0741) 40578", "email": "dinsos@jambikota.go.id",
    "services": {
        12: {"title": "Pendaftaran dan Perbaikan Data DTKS/DTSEN",
             "summary": "Usulan masuk atau perbaikan Data Terpadu Kesejahteraan Sosial (kini Data Tunggal Sosial dan Ekonomi Nasional) agar dapat menerima bantuan sosial PKH, BPNT dan PBI JK.",
             "requirements": ["Fotokopi KTP-el", "Fotokopi Kartu Keluarga", "Surat pengantar RT/RW"],
             "procedure": ["Daftar ke kelurahan secara mandiri atau melalui usulan RT/RW", "Musyawarah kelurahan", "Verifikasi dan validasi melalui kunjungan rumah", "Operator menginput data ke aplikasi SIKS-NG", "Pengesahan oleh Wali Kota melalui Dinas Sosial", "Penetapan oleh Kementerian Sosial"],
             "duration": "± 3 bulan sampai penetapan Kementerian Sosial",
             "cost": "Gratis, tidak dipungut biaya",
             "legal": "UU Nomor 13 Tahun 2011 tentang Penanganan Fakir Miskin; Permensos tentang Data Terpadu Kesejahteraan Sosial"},
        15: {"title": "Rekomendasi Jaminan Kesehatan Kartu Bahagia (PBI Daerah / UHC Jambi Bugar)",
             "summary": "Rekomendasi Dinas Sosial bagi warga kurang mampu agar didaftarkan sebagai peserta JKN yang iurannya dibayar Pemerintah Kota Jambi.",
             "requirements": ["Warga Kota Jambi kurang mampu yang terdata", "KTP-el / NIK", "Kartu Keluarga"],
             "procedure": ["Ajukan melalui kelurahan atau datang ke Dinas Sosial", "Verifikasi data kepesertaan", "Didaftarkan sebagai peserta JKN dibiayai APBD", "Berobat di faskes BPJS; rumah sakit tidak boleh menolak"],
             "duration": "7 hari kerja",
             "cost": "Gratis bagi peserta; iuran dibayar Pemerintah Kota Jambi",
             "legal": "UU Nomor 40 Tahun 2004 tentang SJSN; program Kota Jambi Bahagia"},
        17: {"title": "Santunan Kematian Peserta Kartu Bahagia",
             "summary": "Santunan bagi ahli waris peserta Kartu Bahagia (pekerja rentan, Ketua RT, PHL, petugas syara) yang meninggal dunia.",
             "requirements": ["Terdaftar program Kartu Bahagia", "Surat keterangan kematian dari kelurahan", "Fotokopi KTP-el dan KK ahli waris", "Buku rekening ahli waris"],
             "procedure": ["Ahli waris mengajukan berkas ke Dinas Sosial", "Verifikasi kepesertaan", "Pencairan santunan ke rekening ahli waris"],
             "duration": "14 hari kerja sejak berkas lengkap",
             "cost": "Gratis",
             "legal": "Program Kota Jambi Bahagia"},
        21: {"title": "Rekomendasi Izin Pengumpulan Uang atau Barang (PUB)",
             "summary": "Rekomendasi bagi yayasan, organisasi atau panitia yang akan menggalang donasi uang atau barang dari masyarakat di Kota Jambi.",
             "requirements": ["Surat permohonan bermeterai", "Akta pendirian dan SK Kemenkumham organisasi", "Proposal kegiatan penggalangan dana", "Fotokopi KTP pengurus", "NPWP organisasi"],
             "procedure": ["Ajukan permohonan ke Dinas Sosial", "Pemeriksaan berkas dan peninjauan", "Terbit rekomendasi", "Laporan hasil pengumpulan setelah kegiatan"],
             "duration": "14 hari kerja",
             "cost": "Gratis",
             "legal": "UU Nomor 9 Tahun 1961 tentang Pengumpulan Uang atau Barang; Permensos Nomor 8 Tahun 2021"},
        24: {"title": "Penjangkauan Gelandangan, Pengemis dan Orang Terlantar",
             "summary": "Laporan warga tentang gelandangan, pengemis, anak jalanan, orang terlantar atau ODGJ terlantar di jalan ditindaklanjuti tim reaksi cepat Dinas Sosial.",
             "requirements": ["Lokasi dan ciri orang yang dilaporkan", "Nama dan nomor telepon pelapor"],
             "procedure": ["Lapor ke Call Center 112 atau nomor pengaduan Dinas Sosial", "Tim penjangkauan datang ke lokasi bersama Satpol PP", "Asesmen dan pembinaan di rumah singgah", "Pemulangan ke keluarga atau rujukan ke panti/rumah sakit jiwa"],
             "duration": "1 x 24 jam sejak laporan",
             "cost": "Gratis",
             "legal": "Permensos Nomor 9 Tahun 2018 tentang Standar Teknis Pelayanan Dasar SPM Bidang Sosial"},
        28: {"title": "Bantuan Logistik Korban Bencana Sosial dan Kebakaran",
             "summary": "Bantuan sembako, selimut, tikar dan perlengkapan darurat dari buffer stock Dinas Sosial bagi korban kebakaran rumah atau banjir.",
             "requirements": ["Surat keterangan kejadian dari kelurahan", "Fotokopi KTP-el dan KK korban", "Foto kejadian"],
             "procedure": ["Kelurahan atau korban melapor ke Dinas Sosial", "Asesmen cepat oleh Tagana", "Penyaluran bantuan logistik", "Berita acara serah terima"],
             "duration": "1 x 24 jam",
             "cost": "Gratis",
             "legal": "UU Nomor 24 Tahun 2007 tentang Penanggulangan Bencana; Permensos tentang Perlindungan Sosial Korban Bencana"},
    },
}

DISHUB = {
    "name": "spa21-dishub", "offset": 130, "family": "jquery-codeigniter-post-api",
    "opd": "Dinas Perhubungan Kota Jambi", "app": "Dishub Kota Jambi",
    "address": "Jl. Jenderal Sudirman No. 33, Thehok, Kec. Jambi Selatan, Kota Jambi 36138",
    "phone": "(0741) 572121", "email": "dishub@jambikota.go.id",
    "services": {
        1: {"title": "Pengujian Berkala Kendaraan Bermotor (Uji KIR)",
            "summary": "Uji berkala mobil barang, mobil penumpang umum dan bus di UPTD Pengujian Kendaraan Bermotor Kenali Asam Bawah.",
            "requirements": ["Uji pertama: fotokopi identitas pemohon, BPKB, STNK, sertifikat registrasi uji tipe dan izin angkutan", "Uji berkala: buku/kartu uji asli, STNK dan izin angkutan", "Numpang uji/mutasi: surat keterangan dan rekomendasi daerah asal"],
            "procedure": ["Daftar di UPTD PKB Kenali Asam Bawah, Kec. Kota Baru", "Bayar retribusi", "Pengujian kendaraan", "Terbit kartu/tanda uji"],
            "duration": "Wajib setiap 6 bulan (2 kali setahun); pengujian selesai hari itu juga",
            "cost": "Retribusi sesuai Perda Kota Jambi tentang Retribusi Pengujian Kendaraan Bermotor",
            "legal": "UU Nomor 22 Tahun 2009 tentang LLAJ; PP Nomor 55 Tahun 2012 tentang Kendaraan; PM Perhubungan Nomor 33 Tahun 2018"},
        2: {"title": "Kartu Pengawasan Izin Trayek Angkutan Kota",
            "summary": "Penerbitan dan perpanjangan kartu pengawasan bagi angkot dan angkutan perkotaan yang melayani trayek dalam Kota Jambi.",
            "requirements": ["Fotokopi STNK dan buku uji (KIR) yang masih berlaku", "Fotokopi KTP pemilik", "Surat keterangan badan hukum atau koperasi angkutan", "Kartu pengawasan lama untuk perpanjangan"],
            "procedure": ["Ajukan permohonan ke Bidang Angkutan", "Pemeriksaan berkas dan kendaraan", "Bayar retribusi", "Terbit kartu pengawasan"],
            "duration": "5 hari kerja",
            "cost": "Sesuai Perda Kota Jambi tentang Retribusi Perizinan Tertentu",
            "legal": "UU Nomor 22 Tahun 2009 tentang LLAJ; PM Perhubungan Nomor 15 Tahun 2019 tentang Penyelenggaraan Angkutan Orang dengan Kendaraan Bermotor Umum dalam Trayek"},
        3: {"title": "Persetujuan Analisis Dampak Lalu Lintas (Andalalin)",
            "summary": "Persetujuan hasil analisis dampak lalu lintas bagi pembangunan pusat kegiatan, permukiman dan infrastruktur yang menimbulkan bangkitan lalu lintas.",
            "requirements": ["Surat permohonan pengembang atau pembangun", "Dokumen hasil analisis dampak lalu lintas oleh tenaga ahli bersertifikat", "Site plan dan gambar rencana akses", "Fotokopi KKPR dan bukti kepemilikan lahan"],
            "procedure": ["Ajukan dokumen melalui Dinas Perhubungan", "Penilaian oleh tim evaluasi Andalalin", "Sidang pembahasan dan perbaikan dokumen", "Terbit persetujuan Andalalin"],
            "duration": "30 hari kerja sejak dokumen lengkap",
            "cost": "Gratis",
            "legal": "UU Nomor 22 Tahun 2009 tentang LLAJ; PP Nomor 30 Tahun 2021; PM Perhubungan Nomor 17 Tahun 2021 tentang Analisis Dampak Lalu Lintas"},
        4: {"title": "Izin Insidentil Angkutan Orang",
            "summary": "Izin sementara bagi angkot atau bus umum yang disewa di luar trayeknya, misalnya untuk rombongan ziarah, wisata atau pernikahan.",
            "requirements": ["Fotokopi kartu pengawasan dan STNK", "Buku uji (KIR) yang masih berlaku", "Surat keterangan tujuan perjalanan atau surat sewa rombongan"],
            "procedure": ["Ajukan permohonan ke Bidang Angkutan paling lambat 1 hari sebelum berangkat", "Pemeriksaan kelaikan kendaraan", "Terbit izin insidentil untuk satu kali perjalanan"],
            "duration": "1 hari kerja",
            "cost": "Gratis",
            "legal": "PM Perhubungan Nomor 15 Tahun 2019"},
        5: {"title": "Permohonan Rambu, Marka dan Cermin Tikungan",
            "summary": "Permohonan warga, RT atau sekolah untuk pemasangan rambu lalu lintas, marka jalan, zebra cross, pita penggaduh atau cermin tikungan di jalan kota.",
            "requirements": ["Surat permohonan diketahui RT dan lurah", "Foto lokasi dan titik koordinat"],
            "procedure": ["Ajukan permohonan ke Bidang Lalu Lintas", "Survei lokasi oleh petugas", "Pemasangan sesuai ketersediaan anggaran dan prioritas keselamatan"],
            "duration": "Survei paling lama 14 hari kerja; pemasangan sesuai anggaran",
            "cost": "Gratis",
            "legal": "PM Perhubungan Nomor 13 Tahun 2014 tentang Rambu Lalu Lintas; PM Perhubungan Nomor 67 Tahun 2018 tentang Marka Jalan"},
        6: {"title": "Pengaduan Lampu Lalu Lintas (Traffic Light) Rusak",
            "summary": "Laporan lampu lalu lintas (APILL) yang mati, berkedip atau tidak sinkron di persimpangan Kota Jambi diperbaiki tim Dishub.",
            "requirements": ["Nama persimpangan atau lokasi", "Foto atau keterangan kerusakan"],
            "procedure": ["Lapor ke Call Center 112, SP4N-LAPOR! atau WhatsApp pengaduan Dishub", "Tim teknis memeriksa lokasi", "Perbaikan APILL dan pengaturan lalu lintas sementara oleh petugas"],
            "duration": "1 x 24 jam untuk pemeriksaan",
            "cost": "Gratis",
            "legal": "UU Nomor 22 Tahun 2009 tentang LLAJ; PM Perhubungan Nomor 49 Tahun 2014 tentang Alat Pemberi Isyarat Lalu Lintas"},
    },
}


def profile(site: dict) -> str:
    return (f"<p>{e(site['opd'])} melaksanakan urusan pemerintahan daerah di bidang "
            f"{'sosial' if site is DINSOS else 'perhubungan'} berdasarkan Peraturan Wali Kota Jambi tentang "
            "Kedudukan, Susunan Organisasi, Tugas dan Fungsi serta Tata Kerja Perangkat Daerah.</p>"
            "<p><b>Visi:</b> Terwujudnya Kota Jambi Bahagia dalam Harmoni Keberagaman dan Berdaya Saing.</p>")


def contact(site: dict) -> str:
    return (f"<p><b>Alamat:</b> {e(site['address'])}<br><b>Telepon:</b> {site['phone']}<br>"
            f"<b>Surel:</b> {site['email']}<br><b>Jam layanan:</b> Senin&ndash;Kamis 08.00&ndash;16.00 WIB, "
            "Jumat 08.00&ndash;16.30 WIB</p>")


# -- spa21-dinsos: AngularJS 1.x ---------------------------------------------------------------

DINSOS_APP = """var app = angular.module('siLayanan', ['ngRoute', 'ngSanitize']);

app.config(['$routeProvider', '$locationProvider', function ($routeProvider, $locationProvider) {
    $locationProvider.hashPrefix('!');
    $routeProvider
        .when('/', {templateUrl: 'beranda.html', controller: 'BerandaCtrl'})
        .when('/layanan', {templateUrl: 'layanan.html', controller: 'LayananCtrl'})
        .when('/layanan/:id', {templateUrl: 'partials/layanan-detail.html', controller: 'DetailLayananCtrl'})
        .when('/profil', {templateUrl: 'partials/profil.html'})
        .when('/kontak', {templateUrl: 'partials/kontak.html'})
        .otherwise({redirectTo: '/'});
}]);

app.controller('BerandaCtrl', ['$scope', '$http', function ($scope, $http) {
    $http.get(CONFIG.API_URL + 'api.php?act=layanan').then(function (res) {
        $scope.unggulan = res.data.data.slice(0, 3);
    });
}]);

app.controller('LayananCtrl', ['$scope', '$http', function ($scope, $http) {
    $scope.loading = true;
    $http.get(CONFIG.API_URL + 'api.php?act=layanan').then(function (res) {
        $scope.layanan = res.data.data;
        $scope.loading = false;
    }, function () {
        $scope.error = 'Gagal memuat data layanan.';
    });
}]);

app.controller('DetailLayananCtrl', ['$scope', '$http', '$routeParams', function ($scope, $http, $routeParams) {
    $http.get(CONFIG.API_URL + 'api.php?act=detail_layanan&id=' + $routeParams.id).then(function (res) {
        $scope.l = res.data.data;
    });
}]);
"""

DINSOS_DETAIL = """<div class="container" ng-if="l">
  <ol class="breadcrumb"><li><a href="#!/">Beranda</a></li><li><a href="#!/layanan">Layanan</a></li><li class="active">{{l.nama_layanan}}</li></ol>
  <h2>{{l.nama_layanan}}</h2>
  <p class="lead">{{l.deskripsi}}</p>
  <table class="table table-bordered">
    <tr><th width="25%">Persyaratan</th><td><ol><li ng-repeat="p in l.persyaratan">{{p}}</li></ol></td></tr>
    <tr><th>Prosedur</th><td><ol><li ng-repeat="s in l.prosedur">{{s}}</li></ol></td></tr>
    <tr><th>Waktu Penyelesaian</th><td>{{l.waktu_layanan}}</td></tr>
    <tr><th>Biaya / Tarif</th><td>{{l.biaya}}</td></tr>
    <tr><th>Dasar Hukum</th><td>{{l.dasar_hukum}}</td></tr>
  </table>
  <a href="#!/layanan" class="btn btn-default">&laquo; Kembali ke daftar layanan</a>
</div>
"""


def dinsos_shell(site: dict) -> str:
    return f"""<!DOCTYPE html>
<html lang="id" ng-app="siLayanan">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(site['app'])} | {e(site['opd'])}</title>
<meta name="description" content="Sistem Informasi Layanan {e(site['opd'])}">
<link rel="stylesheet" href="https://maxcdn.bootstrapcdn.com/bootstrap/3.3.7/css/bootstrap.min.css">
<link rel="stylesheet" href="css/style.css">
</head>
<body>
<nav class="navbar navbar-inverse navbar-static-top">
  <div class="container">
    <a class="navbar-brand" href="#!/">{e(site['app'])}</a>
    <ul class="nav navbar-nav">
      <li><a href="#!/">Beranda</a></li>
      <li><a href="#!/profil">Profil</a></li>
      <li><a href="#!/layanan">Layanan</a></li>
      <li><a href="#!/kontak">Kontak</a></li>
    </ul>
  </div>
</nav>
<div ng-view></div>
<script type="text/ng-template" id="beranda.html">
<div class="jumbotron"><div class="container"><h1>{e(site['app'])}</h1>
<p>Sistem Informasi Layanan {e(site['opd'])}: persyaratan, alur dan waktu layanan sosial.</p>
<a class="btn btn-primary" href="#!/layanan">Lihat semua layanan</a></div></div>
<div class="container"><div class="row">
<div class="col-md-4" ng-repeat="u in unggulan"><h4><a ng-href="#!/layanan/{{{{u.id_layanan}}}}">{{{{u.nama_layanan}}}}</a></h4><p>{{{{u.ringkasan}}}}</p></div>
</div></div>
</script>
<script type="text/ng-template" id="layanan.html">
<div class="container">
<h2>Daftar Layanan</h2>
<p ng-show="loading">Memuat data...</p><p class="text-danger" ng-show="error">{{{{error}}}}</p>
<input type="text" class="form-control" ng-model="cari" placeholder="Cari layanan...">
<div class="list-group">
  <a class="list-group-item" ng-repeat="l in layanan | filter:cari" ng-href="#!/layanan/{{{{l.id_layanan}}}}">
    <h4 class="list-group-item-heading">{{{{l.nama_layanan}}}}</h4>
    <p class="list-group-item-text">{{{{l.ringkasan}}}}</p>
  </a>
</div>
</div>
</script>
<footer class="footer"><div class="container"><p><b>{e(site['opd'])}</b><br>{e(site['address'])}<br>
Telp. {site['phone']} &middot; {site['email']}</p><p>&copy; 2019 Dinas Sosial Kota Jambi</p></div></footer>
<script src="https://ajax.googleapis.com/ajax/libs/angularjs/1.7.8/angular.min.js"></script>
<script src="https://ajax.googleapis.com/ajax/libs/angularjs/1.7.8/angular-route.min.js"></script>
<script src="https://ajax.googleapis.com/ajax/libs/angularjs/1.7.8/angular-sanitize.min.js"></script>
<script src="js/config.js"></script>
<script src="js/app.js"></script>
</body>
</html>
"""


def build_dinsos(site: dict) -> dict[str, bytes]:
    services = site["services"]
    listing = {"status": True, "data": [
        {"id_layanan": str(n), "nama_layanan": s["title"], "ringkasan": s["summary"]}
        for n, s in services.items()]}
    routes = {"/": "index.html", "/api/api.php?act=layanan": "_data/layanan.json"}
    files = {
        "index.html": dinsos_shell(site).encode(),
        "js/config.js": b"// konfigurasi aplikasi\nvar CONFIG = {\n    APP_NAME: 'SILAYAN DINSOS',\n    API_URL: 'api/',\n    VERSION: '1.4.2'\n};\n",
        "js/app.js": DINSOS_APP.encode(),
        "css/style.css": b".footer{background:#222;color:#ccc;padding:20px 0;margin-top:40px}\n",
        "partials/layanan-detail.html": DINSOS_DETAIL.encode(),
        "partials/profil.html": f'<div class="container"><h2>Profil</h2>{profile(site)}</div>\n'.encode(),
        "partials/kontak.html": f'<div class="container"><h2>Kontak</h2>{contact(site)}</div>\n'.encode(),
        "_data/layanan.json": json.dumps(listing, ensure_ascii=False, indent=1).encode(),
    }
    for n, s in services.items():
        detail = {"status": True, "data": {
            "id_layanan": str(n), "nama_layanan": s["title"], "deskripsi": s["summary"],
            "persyaratan": s["requirements"], "prosedur": s["procedure"],
            "waktu_layanan": s["duration"], "biaya": s["cost"], "dasar_hukum": s["legal"]}}
        files[f"_data/detail-{n}.json"] = json.dumps(detail, ensure_ascii=False, indent=1).encode()
        routes[f"/api/api.php?act=detail_layanan&id={n}"] = f"_data/detail-{n}.json"
    routes["/api/api.php"] = "_data/invalid.json"  # no ``act``: the backend's error answer
    files["_data/invalid.json"] = b'{"status":false,"message":"Parameter act tidak valid"}'
    files["_routes.json"] = json.dumps(routes, indent=1, sort_keys=True).encode()
    return files


# -- spa21-dishub: jQuery over CodeIgniter REST (POST only) ------------------------------------

def dishub_page(site: dict, title: str, body: str, script: str = "") -> str:
    port = 8701 + site["offset"]
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} - {e(site['opd'])}</title>
<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap@4.4.1/dist/css/bootstrap.min.css">
<link rel="stylesheet" href="assets/css/dishub.css">
<script>
    var BASE_URL = 'http://127.0.0.1:{port}/';
    var csrf_name = 'csrf_dishub', csrf_hash = '6f1c2d9a8b7e4f30a1b2c3d4e5f60718';
</script>
</head>
<body>
<header class="topbar"><div class="container">
<span class="brand">{e(site['opd'].upper())}</span></div></header>
<nav class="navbar navbar-expand-lg navbar-dark bg-primary"><div class="container"><ul class="navbar-nav">
<li class="nav-item"><a class="nav-link" href="index.html">Beranda</a></li>
<li class="nav-item"><a class="nav-link" href="profil.html">Profil</a></li>
<li class="nav-item"><a class="nav-link" href="layanan.html">Layanan</a></li>
<li class="nav-item"><a class="nav-link" href="kontak.html">Kontak</a></li>
</ul></div></nav>
<main class="container py-4">
{body}
</main>
<footer class="bg-dark text-white py-3"><div class="container"><p class="mb-0">{e(site['opd'])} &middot; {e(site['address'])} &middot; Telp. {site['phone']}</p>
<small>&copy; 2020 Dinas Perhubungan Kota Jambi. Dikembangkan oleh Diskominfo Kota Jambi.</small></div></footer>
<script src="https://code.jquery.com/jquery-3.4.1.min.js"></script>
<script src="https://cdn.jsdelivr.net/npm/bootstrap@4.4.1/dist/js/bootstrap.bundle.min.js"></script>
{script}
</body>
</html>
"""


DISHUB_LIST = """<script>
$(document).ready(function () {
    $.ajax({
        url: BASE_URL + 'api/layanan/get_all',
        type: 'POST',
        dataType: 'json',
        data: {[csrf_name]: csrf_hash},
        success: function (res) {
            var html = '';
            $.each(res.data, function (i, row) {
                html += '<tr><td>' + (i + 1) + '</td>' +
                    '<td><a href="detail-layanan.html?id=' + row.id_layanan + '">' + row.nama_layanan + '</a></td>' +
                    '<td>' + row.keterangan + '</td>' +
                    '<td>' + row.biaya + '</td></tr>';
            });
            $('#tabel-layanan tbody').html(html);
        },
        error: function () {
            $('#tabel-layanan tbody').html('<tr><td colspan="4">Data gagal dimuat</td></tr>');
        }
    });
});
</script>"""

DISHUB_DETAIL = """<script>
function getUrlParameter(name) {
    var results = new RegExp('[\\\\?&]' + name + '=([^&#]*)').exec(window.location.search);
    return results === null ? '' : decodeURIComponent(results[1]);
}
function daftar(items) {
    return '<ol>' + $.map(items, function (x) { return '<li>' + x + '</li>'; }).join('') + '</ol>';
}
$(function () {
    var id = getUrlParameter('id');
    $.post(BASE_URL + 'api/layanan/get_by_id', {id: id, [csrf_name]: csrf_hash}, function (res) {
        var d = res.data;
        document.title = d.nama_layanan + ' - Dinas Perhubungan Kota Jambi';
        $('#judul').text(d.nama_layanan);
        $('#keterangan').text(d.keterangan);
        $('#persyaratan').html(daftar(d.persyaratan));
        $('#prosedur').html(daftar(d.prosedur));
        $('#waktu').text(d.waktu);
        $('#biaya').text(d.biaya);
        $('#dasar-hukum').text(d.dasar_hukum);
    }, 'json');
});
</script>"""


def build_dishub(site: dict) -> dict[str, bytes]:
    services = site["services"]
    files: dict[str, bytes] = {}
    routes = {"/": "index.html"}
    listing = {"status": 200, "message": "OK", "data": [
        {"id_layanan": str(n), "nama_layanan": s["title"], "keterangan": s["summary"],
         "biaya": s["cost"]} for n, s in services.items()]}
    files["_data/get_all.json"] = json.dumps(listing, ensure_ascii=False, indent=1).encode()
    routes["POST /api/layanan/get_all"] = "_data/get_all.json"
    for n, s in services.items():
        record = {"status": 200, "message": "OK", "data": {
            "id_layanan": str(n), "nama_layanan": s["title"], "keterangan": s["summary"],
            "persyaratan": s["requirements"], "prosedur": s["procedure"], "waktu": s["duration"],
            "biaya": s["cost"], "dasar_hukum": s["legal"]}}
        files[f"_data/get_by_id-{n}.json"] = json.dumps(record, ensure_ascii=False, indent=1).encode()
        routes[f"POST /api/layanan/get_by_id?id={n}"] = f"_data/get_by_id-{n}.json"
    files["_data/not_found.json"] = b'{"status":404,"message":"Data tidak ditemukan","data":null}'
    routes["POST /api/layanan/get_by_id"] = "_data/not_found.json"
    items = "".join(f"<li>{e(s['title'])}</li>" for s in services.values())
    files["index.html"] = dishub_page(site, "Beranda", (
        "<div class=\"jumbotron\"><h1>Selamat Datang</h1><p>Portal layanan publik Dinas Perhubungan Kota Jambi: "
        "pengujian kendaraan, angkutan, lalu lintas dan perparkiran.</p>"
        "<a class=\"btn btn-primary\" href=\"layanan.html\">Daftar Layanan</a></div>"
        f"<h3>Layanan Kami</h3><ul>{items}</ul>")).encode()
    files["profil.html"] = dishub_page(site, "Profil", f"<h2>Profil Dinas</h2>{profile(site)}").encode()
    files["kontak.html"] = dishub_page(site, "Kontak", f"<h2>Kontak</h2>{contact(site)}").encode()
    files["layanan.html"] = dishub_page(site, "Layanan", (
        "<h2>Daftar Layanan</h2><table class=\"table table-striped\" id=\"tabel-layanan\"><thead><tr>"
        "<th>No</th><th>Nama Layanan</th><th>Keterangan</th><th>Biaya</th></tr></thead>"
        "<tbody><tr><td colspan=\"4\">Memuat data...</td></tr></tbody></table>"), DISHUB_LIST).encode()
    files["detail-layanan.html"] = dishub_page(site, "Detail Layanan", (
        "<h2 id=\"judul\">Detail Layanan</h2><p id=\"keterangan\"></p><table class=\"table table-bordered\">"
        "<tr><th width=\"25%\">Persyaratan</th><td id=\"persyaratan\"></td></tr>"
        "<tr><th>Prosedur</th><td id=\"prosedur\"></td></tr>"
        "<tr><th>Waktu Penyelesaian</th><td id=\"waktu\"></td></tr>"
        "<tr><th>Biaya / Tarif</th><td id=\"biaya\"></td></tr>"
        "<tr><th>Dasar Hukum</th><td id=\"dasar-hukum\"></td></tr></table>"
        "<a href=\"layanan.html\" class=\"btn btn-secondary\">&laquo; Kembali</a>"), DISHUB_DETAIL).encode()
    # CodeIgniter's csrf_protection: a POST without the page's pair answers 403
    files["_csrf.json"] = json.dumps({"name": "csrf_dishub",
                                      "hash": "6f1c2d9a8b7e4f30a1b2c3d4e5f60718"}).encode()
    files["assets/css/dishub.css"] = b".topbar{background:#0b3d91;color:#fff;padding:8px 0}.brand{font-weight:700;margin-left:8px}\n"
    files["_routes.json"] = json.dumps(routes, indent=1, sort_keys=True).encode()
    return files


# -- judgments -------------------------------------------------------------------------------

SP, HP = 8701 + DINSOS["offset"], 8701 + DISHUB["offset"]


def page_url(key: str) -> str:
    """``s12`` -> the Dinsos app's record 12, ``h3`` -> the Dishub site's record 3."""
    if key[0] == "s":
        return url(SP, f"/#!/layanan/{key[1:]}")
    return url(HP, f"/detail-layanan.html?id={key[1:]}")


# the city's other pages of each service: a row judging one of them judges ours the same
TWINS = {
    "s12": ("http://127.0.0.1:8746/#/layanan/12", "http://127.0.0.1:8819/dinsos/layanan/pendaftaran-dtks/",
            "http://127.0.0.1:8706/index.php?page=dtks"),
    "s17": ("http://127.0.0.1:8746/#/layanan/17", "http://127.0.0.1:8819/dinsos/layanan/santunan-kematian/",
            "http://127.0.0.1:8706/index.php?page=santunan-kematian"),
    "s15": ("http://127.0.0.1:8746/#/layanan/14",),
    "h1": ("http://127.0.0.1:8710/index.php?page=uji-kir", "http://127.0.0.1:8819/dishub/layanan/uji-kir/"),
    "h2": ("http://127.0.0.1:8802/detailpost/izin-trayek-angkutan-kota",),
    "h3": ("http://127.0.0.1:8802/detailpost/rekomendasi-andalalin-untuk-pembangunan-gedung",
           "http://127.0.0.1:8819/dishub/layanan/andalalin/"),
}
# the city's pages of free treatment on the Kartu Bahagia (UHC Jambi Bugar): the service the
# Dinsos recommendation (s15) leads to
UHC = ("http://127.0.0.1:8707/?page_id=21", "http://127.0.0.1:8725/layanan/detail/3",
       "http://127.0.0.1:8733/layanan/berobat-gratis-uhc/", "http://127.0.0.1:8743/layanan/33-berobat-gratis-uhc",
       "http://127.0.0.1:8745/layanan/berobat-gratis-uhc-jambi-bugar", "http://127.0.0.1:8807/layanan/jaminan-kesehatan-uhc",
       "http://127.0.0.1:8813/standar-pelayanan/35-pendaftaran-uhc-jambi-bugar")
EXTRA = {
    "slist": url(SP, "/#!/layanan"),
    "shome": url(SP, "/"),  # the app itself, whose home lists its services too
    "hlist": url(HP, "/layanan.html"),
    "hhome": url(HP, "/"),
}
# written before the sites were crawled: (category, query, answers); "other": the twins of
# the first service of the spec that has twins, at the grade given
QUERIES = [
    ("formal", "rekomendasi izin pengumpulan uang atau barang dinas sosial", "s21:2"),
    ("formal", "penjangkauan gelandangan dan pengemis dinas sosial kota jambi", "s24:2"),
    ("formal", "persetujuan analisis dampak lalu lintas pembangunan pusat perbelanjaan", "h3:2 other:2"),
    ("formal", "kartu pengawasan izin trayek angkutan kota persyaratan", "h2:2 other:2"),
    ("colloquial", "yayasan mau galang donasi di jalan perlu izin apa", "s21:2"),
    ("colloquial", "rumah kebakaran minta bantuan sembako ke dinsos", "s28:2"),
    ("colloquial", "sewa angkot buat rombongan ziarah perlu izin gak", "h4:2"),
    ("colloquial", "minta dipasangi zebra cross depan sekolah", "h5:2"),
    ("abbreviation", "rekomendasi pub dinsos", "s21:2"),
    ("abbreviation", "pbi jk kartu bahagia rekomendasi dinsos", "s15:2 other:2 uhc:1"),
    ("abbreviation", "andalalin dishub kota jambi", "h3:2 other:2"),
    ("abbreviation", "apill mati lapor dishub", "h6:2"),
    ("jambi-malay", "ado wong gilo terlantar di simpang nak lapor kemano", "s24:2"),
    ("jambi-malay", "lampu merah di simpang mati dak nyalo", "h6:2"),
    ("jambi-malay", "nak berobat gratis pakai kartu bahagia cakmano", "s15:2 other:2 uhc:2"),
    ("english", "charity fundraising permit recommendation social office", "s21:2"),
    ("english", "traffic impact assessment approval jambi", "h3:2 other:2"),
    ("english", "relief aid for house fire victims", "s28:2"),
    ("problem", "ada pengemis anak di lampu merah setiap hari", "s24:2"),
    ("problem", "rumah habis terbakar butuh bantuan logistik darurat", "s28:2"),
    ("problem", "tikungan tajam di gang sering tabrakan butuh cermin", "h5:2"),
    ("problem", "traffic light di persimpangan berkedip terus tidak sinkron", "h6:2"),
    ("typo", "rekomendasi pengumpulan uang atau barang dinsoss", "s21:2"),
    ("typo", "izin insidentil angkutan rombongn", "h4:2"),
    ("typo", "kartu pengawsan trayek angkot", "h2:2 other:2"),
    ("old-term", "izin undian dan pengumpulan sumbangan dinas sosial", "s21:2"),
    ("old-term", "jamkesda kartu bahagia rekomendasi dinas sosial", "s15:2 other:2 uhc:1"),
    ("old-term", "uji keur angkot dishub kota jambi", "h1:2 other:2"),
    ("app", "silayan dinsos daftar layanan", "slist:2 shome:1"),
    ("app", "daftar layanan dinas perhubungan kota jambi", "hlist:2 hhome:1"),
]
FIRST_QID = 2090


def twin_rows(relevant: str) -> str:
    """A row's judgments with these sites' record of each service judged as the city's other
    pages of it are (the highest grade of those the row judges)."""
    items = relevant.split()
    grades = dict(item.rsplit("=", 1) for item in items)
    added: dict[str, str] = {}
    for key, twins in TWINS.items():
        found = [grades[twin] for twin in twins if twin in grades]
        ours = page_url(key)
        if found and ours not in grades:
            added[ours] = max(found)
    # the city's other Dishub services list: ours is one too, the site's home beside it
    other_list = grades.get("http://127.0.0.1:8802/category/layanan")
    if other_list:
        added.setdefault(EXTRA["hlist"], other_list)
        added.setdefault(EXTRA["hhome"], "1")
    return " ".join(items + [f"{u}={g}" for u, g in added.items() if u not in grades])


def own(rows: list[list[str]]) -> list[str]:
    """Our queries' rows: "uhc" in a spec stands for every page of ``UHC`` at its grade."""
    urls = {**EXTRA, **{f"uhc{n}": u for n, u in enumerate(UHC)}}
    queries = [(category, query, " ".join(
        " ".join(f"uhc{n}:{item[4:]}" for n in range(len(UHC))) if item.startswith("uhc:")
        else item for item in spec.split())) for category, query, spec in QUERIES]
    return own_rows(queries, FIRST_QID, rows, urls, lambda key, _rows: set(TWINS[key]), page_url)


def main() -> int:
    assert len(QUERIES) == 30
    for site, build in ((DINSOS, build_dinsos), (DISHUB, build_dishub)):
        files = build(site)
        write_site(SITES / site["name"], files)
        register(site["name"], site["opd"], site["offset"], site["family"],
                 url(8701 + site["offset"], ""))
        print(f"{site['name']}: {len(files)} files")
    judge_query_files(twin_rows, FIRST_QID, len(QUERIES), own)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
