"""Generate the sample sites ``spa23-disparbud`` and ``spa23-kesbangpol``: script-drawn OPD
apps whose service records come from a JSON API, shaped as real Indonesian local-government
front ends shape them (a Laravel API resource with a detail per id, an admin's rich-text and
bullet-line fields; the components of a "standar pelayanan" kept as a list of pairs).

- ``spa23-disparbud`` (Dinas Pariwisata dan Kebudayaan, port offset 138, family
  ``vue2-cdn-modal-laravel-resource``): one server-rendered page (navbar, welcome text,
  footer) whose ``<div id="app">`` holds an in-DOM Vue 2 template (Vue and axios from a
  CDN, the app in an inline script). There is no router and no page per record: a card's
  "Detail" button opens a Bootstrap modal filled from ``api/layanan/<id>``, and the page opens
  the modal of the record whose slug is in its fragment (``/#<slug>``, the link the modal's
  "Bagikan" button copies). ``api/layanan?page=N`` is a Laravel resource collection
  (``{data, links, meta}``) of summaries (``id, judul, slug, kategori {id, nama},
  ringkasan``) over two pages; a detail is ``{data: {...}}`` with ``persyaratan`` as the
  eager-loaded belongsToMany rows (``{id, nama, pivot: {keterangan}}``), ``alur`` as the
  HTML of the admin's editor (``<ol><li>``), ``tarif`` a number (0 when free) or a
  rupiah string ("Rp. 250.000,- / hari"), ``waktu_proses``, ``produk``, ``layanan_online``
  as 0/1. The same list holds "Informasi" records (a calendar of events, a list of
  destinations), and the page also draws ``api/berita`` and ``api/agenda``.
- ``spa23-kesbangpol`` (Badan Kesatuan Bangsa dan Politik, port offset 139, family
  ``react-cra-standar-pairs``): a Create React App build (``<div id="root"></div>``,
  ``/static/js/main.<hash>.js``) with React Router in history mode (``/layanan/:slug``; the
  server answers every path with ``index.html``). ``/api/v1/pelayanan`` answers
  ``{success, message, data: <Laravel paginator>}``; each record keeps its standard's
  components as ``standar: [{urutan, komponen, uraian}]`` (Dasar Hukum, Persyaratan,
  Sistem Mekanisme dan Prosedur, Jangka Waktu Penyelesaian, Biaya/Tarif, Produk Pelayanan,
  Penanganan Pengaduan), the values bullet lines, numbered lines or one HTML string, and
  ``jenis`` "layanan" or "informasi" (the office's address and hours, kept in the same
  list). ``/api/v1/pengumuman`` lists dated announcements.

Facts follow the services' public standards (Permendagri 3/2018 on research
recommendations, Permendagri 57/2017 on registering organisations, PBM 9 and 8/2006 on
houses of worship, PP 5/2009 on party funding; Permenparekraf on tourist guides). Writes the
manifest and ``sources/sample-kota-jambi.yaml`` entries and appends the sites' own queries
q2350-q2389 to ``eval/devset.tsv`` (no other page of the sample web is the same service, so
no existing row is judged again). Idempotent.

Usage: .venv/bin/python tools/make_spa23_sites.py
"""

# ruff: noqa: E501  (page prose keeps real pages' long lines)
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_office_site import judge_query_files, own_rows, register, write_site  # noqa: E402
from make_spa21_sites import e, url  # noqa: E402  (the same page helpers)

REPO = Path(__file__).resolve().parents[1]
SITES = REPO / "sikoja" / "demo" / "sites"


def dumps(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


DISPARBUD = {
    "name": "spa23-disparbud", "offset": 138, "family": "vue2-cdn-modal-laravel-resource",
    "opd": "Dinas Pariwisata dan Kebudayaan Kota Jambi", "app": "SIPARBUD",
    "address": "Jl. Jenderal Basuki Rahmat No. 2, Paal Lima, Kec. Kota Baru, Kota Jambi 36129",
    "phone": "(0741) 445123", "email": "disparbud@jambikota.go.id",
}
# id -> (slug, title, category, summary, requirements [(name, note)], procedure, cost, duration, product, legal)
WISATA = {
    3: ("rekomendasi-penyelenggaraan-event", "Rekomendasi Penyelenggaraan Event dan Pertunjukan Seni",
        "Pariwisata", "Rekomendasi Dinas bagi panitia konser, festival, pameran atau pertunjukan seni di Kota Jambi sebagai syarat izin keramaian dari Polresta.",
        [("Surat permohonan panitia", "ditujukan kepada Kepala Dinas"), ("Proposal kegiatan", "memuat jadwal, lokasi dan perkiraan jumlah penonton"), ("Fotokopi KTP ketua panitia", ""), ("Surat persetujuan pemilik atau pengelola tempat", "")],
        ["Ajukan permohonan paling lambat 14 hari sebelum acara", "Verifikasi berkas dan peninjauan lokasi", "Penerbitan surat rekomendasi", "Ajukan izin keramaian ke Polresta Jambi dengan rekomendasi"],
        0, "5 hari kerja", "Surat Rekomendasi Penyelenggaraan Event", "Perda Kota Jambi tentang Penyelenggaraan Kepariwisataan"),
    5: ("kartu-tanda-pengenal-pramuwisata", "Kartu Tanda Pengenal Pramuwisata (Pemandu Wisata)",
        "Pariwisata", "Penerbitan kartu tanda pengenal bagi pemandu wisata (pramuwisata) yang bertugas di destinasi wisata Kota Jambi.",
        [("Fotokopi KTP-el", "domisili Kota Jambi"), ("Sertifikat kompetensi pemandu wisata", "dari LSP Pariwisata"), ("Pas foto berwarna 3x4", "2 lembar"), ("Surat keterangan anggota HPI", "Himpunan Pramuwisata Indonesia")],
        ["Isi formulir permohonan di loket Dinas", "Serahkan berkas persyaratan", "Verifikasi sertifikat kompetensi", "Pencetakan dan pengambilan kartu pramuwisata"],
        0, "3 hari kerja", "Kartu Tanda Pengenal Pramuwisata (berlaku 3 tahun)", "Permenparekraf tentang Standar Usaha Jasa Pramuwisata"),
    7: ("pendaftaran-objek-cagar-budaya", "Pendaftaran Objek Diduga Cagar Budaya",
        "Kebudayaan", "Pendaftaran benda, bangunan atau situs yang diduga cagar budaya oleh pemilik atau warga agar dikaji Tim Ahli Cagar Budaya dan ditetapkan Wali Kota.",
        [("Formulir pendaftaran cagar budaya", ""), ("Foto objek dari beberapa sisi", ""), ("Fotokopi KTP pemilik atau pelapor", ""), ("Bukti kepemilikan atau penguasaan objek", "jika ada")],
        ["Daftarkan objek ke Bidang Kebudayaan", "Verifikasi dan pendataan lapangan", "Kajian Tim Ahli Cagar Budaya", "Rekomendasi penetapan kepada Wali Kota", "Penerbitan SK penetapan dan pencatatan di Register Nasional"],
        0, "Paling lama 30 hari kerja sejak pendaftaran lengkap", "Surat Keterangan Pendaftaran Objek Cagar Budaya", "UU Nomor 11 Tahun 2010 tentang Cagar Budaya"),
    8: ("izin-pengambilan-foto-video-komersial-destinasi-wisata", "Izin Pengambilan Gambar Foto dan Video Komersial di Destinasi Wisata",
        "Pariwisata", "Izin bagi rumah produksi, biro foto pra-nikah atau pembuat iklan yang mengambil gambar komersial di Danau Sipin, Tugu Keris Siginjai dan taman kota.",
        [("Surat permohonan", "menyebut lokasi, tanggal dan jumlah kru"), ("Fotokopi KTP penanggung jawab", ""), ("Sinopsis atau konsep pengambilan gambar", "")],
        ["Ajukan permohonan ke Bidang Destinasi", "Penetapan jadwal dan lokasi", "Bayar retribusi di Bank Jambi", "Terbit surat izin pengambilan gambar"],
        "Rp. 250.000,- / hari", "2 hari kerja", "Surat Izin Pengambilan Gambar", "Perda Kota Jambi tentang Retribusi Daerah"),
    9: ("pemakaian-gedung-kesenian", "Pemakaian Gedung Kesenian dan Sanggar Budaya",
        "Kebudayaan", "Peminjaman gedung kesenian milik Pemerintah Kota Jambi untuk latihan sanggar, pentas seni, lomba dan pertemuan komunitas budaya.",
        [("Surat permohonan pemakaian gedung", ""), ("Fotokopi KTP penanggung jawab kegiatan", ""), ("Jadwal dan susunan acara", "")],
        ["Cek jadwal gedung yang kosong di loket", "Ajukan surat permohonan", "Bayar retribusi pemakaian", "Serah terima kunci dan berita acara pemakaian"],
        "Rp. 500.000,- / hari (sanggar binaan dan sekolah gratis)", "1 hari kerja", "Surat Persetujuan Pemakaian Gedung", "Perda Kota Jambi tentang Retribusi Pemakaian Kekayaan Daerah"),
    11: ("pendaftaran-organisasi-kesenian", "Pendaftaran Organisasi Kesenian dan Sanggar Seni (Nomor Induk Organisasi Kesenian)",
         "Kebudayaan", "Pencatatan sanggar tari, grup musik melayu, teater dan komunitas seni agar memperoleh Nomor Induk Organisasi Kesenian dan dapat dibina serta ikut festival.",
         [("Formulir pendaftaran organisasi kesenian", ""), ("Susunan pengurus dan daftar anggota", ""), ("Fotokopi KTP ketua", ""), ("Foto kegiatan latihan atau pentas", "")],
         ["Isi formulir pendaftaran", "Serahkan berkas ke Bidang Kebudayaan", "Kunjungan verifikasi ke sanggar", "Penerbitan Nomor Induk Organisasi Kesenian"],
         0, "7 hari kerja", "Surat Tanda Terdaftar dan Nomor Induk Organisasi Kesenian", "UU Nomor 5 Tahun 2017 tentang Pemajuan Kebudayaan"),
    12: ("rekomendasi-teknis-usaha-hiburan", "Rekomendasi Teknis Usaha Hiburan (Karaoke, Pub, Bioskop)",
         "Pariwisata", "Rekomendasi teknis pariwisata bagi usaha hiburan seperti karaoke keluarga, pub dan bioskop sebelum perizinan berusaha di DPMPTSP.",
         [("NIB dari OSS", ""), ("Denah lokasi dan jarak dari sekolah serta rumah ibadah", ""), ("Persetujuan lingkungan sekitar", "diketahui lurah"), ("Fotokopi KTP pemilik atau direktur", "")],
         ["Ajukan permohonan rekomendasi", "Peninjauan lapangan tim teknis", "Penilaian kesesuaian lokasi dan jam operasional", "Penerbitan rekomendasi teknis"],
         0, "10 hari kerja", "Rekomendasi Teknis Usaha Hiburan", "Perda Kota Jambi tentang Penyelenggaraan Usaha Hiburan"),
    14: ("fasilitasi-pendaftaran-hki-ekonomi-kreatif", "Fasilitasi Pendaftaran HKI Pelaku Ekonomi Kreatif",
         "Ekonomi Kreatif", "Bantuan pendaftaran merek dan hak cipta (Hak Kekayaan Intelektual) bagi pelaku ekonomi kreatif Kota Jambi, seperti perajin batik Jambi, kuliner dan desain.",
         [("Fotokopi KTP pemohon", ""), ("Contoh atau logo merek", "format JPG"), ("Surat pernyataan kepemilikan karya", "bermeterai"), ("NIB usaha", "")],
         ["Daftar sebagai peserta fasilitasi", "Kurasi dan pengecekan kemiripan merek", "Pengajuan ke DJKI oleh Dinas", "Penyerahan sertifikat setelah terbit"],
         0, "Pengajuan 14 hari kerja; sertifikat sesuai proses DJKI", "Bukti permohonan pendaftaran merek/hak cipta", "UU Nomor 20 Tahun 2016 tentang Merek dan Indikasi Geografis"),
    15: ("pengaduan-wisatawan", "Pengaduan Wisatawan dan Pengunjung Destinasi Wisata",
         "Pariwisata", "Layanan pengaduan bagi pengunjung yang mengalami pungutan liar, harga tidak wajar, fasilitas rusak atau pelayanan buruk di tempat wisata Kota Jambi.",
         [("Identitas pelapor", "nama dan nomor HP"), ("Lokasi dan waktu kejadian", ""), ("Foto atau bukti pembayaran", "jika ada")],
         ["Sampaikan pengaduan lewat WhatsApp, SIKESAL atau datang ke kantor", "Petugas mencatat dan memverifikasi", "Tindak lanjut bersama pengelola destinasi", "Jawaban kepada pelapor"],
         0, "Tanggapan paling lama 3 hari kerja", "Tanggapan dan tindak lanjut pengaduan", "UU Nomor 10 Tahun 2009 tentang Kepariwisataan"),
    16: ("sertifikasi-chse-usaha-pariwisata", "Pendampingan Sertifikasi CHSE Usaha Pariwisata",
         "Pariwisata", "Pendampingan hotel, restoran, homestay dan destinasi untuk sertifikasi CHSE (Kebersihan, Kesehatan, Keselamatan dan Kelestarian Lingkungan).",
         [("NIB usaha pariwisata", ""), ("Formulir penilaian mandiri CHSE", ""), ("Foto sarana kebersihan dan kesehatan", "")],
         ["Daftar pendampingan di Dinas", "Penilaian mandiri oleh pengelola", "Audit oleh lembaga sertifikasi", "Penerbitan sertifikat CHSE"],
         0, "21 hari kerja", "Sertifikat CHSE", "Permenparekraf Nomor 13 Tahun 2020"),
}
# the records of the same list that are no service
WISATA_INFO = {
    20: ("kalender-event-pariwisata-2025", "Kalender Event Pariwisata Kota Jambi 2025", "Informasi",
         "Jadwal festival dan event tahunan Kota Jambi: Festival Danau Sipin, Festival Batanghari di Tanggo Rajo, Pekan Budaya Melayu Jambi dan lomba perahu bidar pada peringatan kemerdekaan."),
    21: ("destinasi-wisata-kota-jambi", "Destinasi Wisata Kota Jambi", "Informasi",
         "Danau Sipin, Tanggo Rajo, Tugu Keris Siginjai, Taman Rimba dan Kampung Batik Seberang adalah destinasi yang paling banyak dikunjungi. Jam buka taman kota setiap hari 07.00-22.00 WIB."),
}
BERITA = [
    (41, "festival-danau-sipin-2025-dibuka-wali-kota", "Festival Danau Sipin 2025 Dibuka Wali Kota", "2025-06-14",
     "Wali Kota Jambi membuka Festival Danau Sipin yang menampilkan lomba perahu hias, kuliner khas dan pentas tari melayu. Festival berlangsung tiga hari."),
    (42, "pelatihan-pemandu-wisata-angkatan-iii", "Pelatihan Pemandu Wisata Angkatan III Diikuti 40 Peserta", "2025-05-20",
     "Sebanyak 40 pemuda Kota Jambi mengikuti pelatihan pemandu wisata yang diselenggarakan Dinas Pariwisata dan Kebudayaan bersama HPI."),
]
AGENDA = [
    (51, "Pekan Budaya Melayu Jambi", "2025-09-12", "Tanggo Rajo", "Pentas sanggar, lomba pantun dan pameran batik."),
    (52, "Lomba Perahu Bidar Batanghari", "2025-08-17", "Sungai Batanghari", "Peserta dari kelurahan se-Kota Jambi."),
]


def requirement_rows(reqs: list[tuple[str, str]], service_id: int) -> list[dict]:
    return [{"id": 100 + n, "nama": name,
             "pivot": {"layanan_id": service_id, "persyaratan_id": 100 + n, "keterangan": note or None}}
            for n, (name, note) in enumerate(reqs)]


def disparbud_record(n: int, full: bool) -> dict:
    if n in WISATA:
        slug, title, cat, summary, reqs, steps, cost, duration, product, legal = WISATA[n]
    else:
        slug, title, cat, summary = WISATA_INFO[n]
    record = {"id": n, "judul": title, "slug": slug,
              "kategori": {"id": 1 + sorted({v[2] for v in [*WISATA.values(), *WISATA_INFO.values()]}).index(cat), "nama": cat},
              "ringkasan": summary[:120].rsplit(" ", 1)[0] + " ...",
              "gambar": f"storage/layanan/{slug}.jpg"}
    if not full:
        return record
    record.update({"deskripsi": f"<p>{e(summary)}</p>", "created_at": "2024-02-05T03:12:44.000000Z",
                   "updated_at": "2025-01-17T08:40:02.000000Z"})
    if n in WISATA:
        record.update({
            "persyaratan": requirement_rows(reqs, n),
            "alur": "<ol>" + "".join(f"<li>{e(s)}</li>" for s in steps) + "</ol>",
            "tarif": cost, "waktu_proses": duration, "produk": product,
            "layanan_online": 0, "link_online": None, "dasar_hukum": legal})
    else:
        record.update({"persyaratan": [], "alur": None, "tarif": None, "waktu_proses": None,
                       "produk": None, "layanan_online": 0, "link_online": None, "dasar_hukum": None})
    return record


DISPARBUD_APP = """
var app = new Vue({
  el: '#app',
  data: {
    layanan: [], berita: [], agenda: [], detail: null, halaman: 1, adaLagi: false, memuat: true
  },
  mounted: function () {
    this.muatLayanan();
    var vm = this;
    axios.get('api/berita').then(function (res) { vm.berita = res.data.data; });
    axios.get('api/agenda').then(function (res) { vm.agenda = res.data.data; });
  },
  methods: {
    muatLayanan: function () {
      var vm = this;
      axios.get('api/layanan', { params: { page: vm.halaman } }).then(function (res) {
        vm.layanan = vm.layanan.concat(res.data.data);
        vm.adaLagi = res.data.links.next !== null;
        vm.memuat = false;
        if (window.location.hash) { vm.bukaDariHash(); }
      });
    },
    lebihBanyak: function () { this.halaman++; this.muatLayanan(); },
    bukaDariHash: function () {
      var slug = window.location.hash.substring(1);
      var item = this.layanan.find(function (l) { return l.slug === slug; });
      if (item) { this.lihat(item); }
    },
    lihat: function (item) {
      var vm = this;
      axios.get('api/layanan/' + item.id).then(function (res) {
        vm.detail = res.data.data;
        history.replaceState(null, '', '#' + item.slug);
        $('#modalDetail').modal('show');
      });
    },
    rupiah: function (n) {
      if (n === 0) { return 'Gratis'; }
      return typeof n === 'number' ? 'Rp ' + n.toLocaleString('id-ID') : n;
    }
  }
});
"""


def disparbud_page(site: dict) -> str:
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(site['app'])} - {e(site['opd'])}</title>
<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap@4.6.2/dist/css/bootstrap.min.css">
<link rel="stylesheet" href="assets/css/siparbud.css">
</head>
<body>
<nav class="navbar navbar-expand-lg navbar-dark bg-success">
  <a class="navbar-brand" href="./">{e(site['app'])}</a>
  <ul class="navbar-nav">
    <li class="nav-item"><a class="nav-link" href="#daftar-layanan">Layanan</a></li>
    <li class="nav-item"><a class="nav-link" href="#berita">Berita</a></li>
    <li class="nav-item"><a class="nav-link" href="#agenda">Agenda</a></li>
    <li class="nav-item"><a class="nav-link" href="#kontak">Kontak</a></li>
  </ul>
</nav>
<header class="jumbotron jumbotron-fluid mb-0">
  <div class="container">
    <h1 class="display-5">Sistem Informasi Pelayanan Pariwisata dan Kebudayaan</h1>
    <p class="lead">Selamat datang di portal layanan {e(site['opd'])}. Temukan persyaratan, alur,
    tarif dan waktu penyelesaian setiap layanan kami, ikuti berita dan agenda kebudayaan,
    dan sampaikan pengaduan bila pelayanan di destinasi wisata tidak sesuai standar.</p>
  </div>
</header>
<div id="app" class="container py-4">
  <h2 id="daftar-layanan">Daftar Layanan</h2>
  <p v-if="memuat">Memuat data layanan...</p>
  <div class="row">
    <div class="col-md-4 mb-3" v-for="item in layanan" :key="item.id">
      <div class="card h-100">
        <img class="card-img-top" :src="item.gambar" :alt="item.judul">
        <div class="card-body">
          <span class="badge badge-info">{{{{ item.kategori.nama }}}}</span>
          <h5 class="card-title">{{{{ item.judul }}}}</h5>
          <p class="card-text">{{{{ item.ringkasan }}}}</p>
          <button class="btn btn-sm btn-success" @click="lihat(item)">Detail</button>
        </div>
      </div>
    </div>
  </div>
  <button class="btn btn-outline-success" v-if="adaLagi" @click="lebihBanyak">Muat lebih banyak</button>
  <div class="modal fade" id="modalDetail" tabindex="-1">
    <div class="modal-dialog modal-lg"><div class="modal-content" v-if="detail">
      <div class="modal-header"><h5 class="modal-title">{{{{ detail.judul }}}}</h5></div>
      <div class="modal-body">
        <div v-html="detail.deskripsi"></div>
        <template v-if="detail.persyaratan.length">
          <h6>Persyaratan</h6>
          <ul><li v-for="p in detail.persyaratan">{{{{ p.nama }}}} <small v-if="p.pivot.keterangan">({{{{ p.pivot.keterangan }}}})</small></li></ul>
        </template>
        <template v-if="detail.alur"><h6>Alur Pelayanan</h6><div v-html="detail.alur"></div></template>
        <p v-if="detail.tarif !== null"><b>Tarif:</b> {{{{ rupiah(detail.tarif) }}}}</p>
        <p v-if="detail.waktu_proses"><b>Waktu Proses:</b> {{{{ detail.waktu_proses }}}}</p>
        <p v-if="detail.produk"><b>Produk Layanan:</b> {{{{ detail.produk }}}}</p>
      </div>
      <div class="modal-footer"><button class="btn btn-secondary" data-dismiss="modal">Tutup</button></div>
    </div></div>
  </div>
  <h2 id="berita" class="mt-4">Berita</h2>
  <div class="media mb-3" v-for="b in berita" :key="b.id"><div class="media-body">
    <h5>{{{{ b.judul }}}}</h5><small>{{{{ b.tanggal }}}}</small><p>{{{{ b.isi }}}}</p></div></div>
  <h2 id="agenda" class="mt-4">Agenda Kebudayaan</h2>
  <table class="table"><tr v-for="a in agenda" :key="a.id"><td>{{{{ a.tanggal_mulai }}}}</td><td>{{{{ a.nama_kegiatan }}}}</td><td>{{{{ a.lokasi }}}}</td></tr></table>
</div>
<footer id="kontak" class="bg-dark text-light py-4">
  <div class="container"><b>{e(site['opd'])}</b><br>{e(site['address'])}<br>
  Telp. {site['phone']} &middot; {site['email']}<br>Jam layanan: Senin&ndash;Jumat 08.00&ndash;15.30 WIB</div>
</footer>
<script src="https://code.jquery.com/jquery-3.5.1.min.js"></script>
<script src="https://cdn.jsdelivr.net/npm/bootstrap@4.6.2/dist/js/bootstrap.bundle.min.js"></script>
<script src="https://cdn.jsdelivr.net/npm/vue@2.6.14/dist/vue.min.js"></script>
<script src="https://cdn.jsdelivr.net/npm/axios/dist/axios.min.js"></script>
<script>{DISPARBUD_APP}</script>
</body>
</html>
"""


def build_disparbud(site: dict) -> dict[str, bytes]:
    base = url(8701 + site["offset"], "")
    ids = [*WISATA, *WISATA_INFO]
    pages = [ids[:8], ids[8:]]
    routes = {"/": "index.html"}
    files = {"index.html": disparbud_page(site).encode(),
             "assets/css/siparbud.css": b".card-img-top{height:160px;object-fit:cover}\n"}
    for number, chunk in enumerate(pages, start=1):
        last = len(pages)
        body = {"data": [disparbud_record(n, full=False) for n in chunk],
                "links": {"first": f"{base}/api/layanan?page=1", "last": f"{base}/api/layanan?page={last}",
                          "prev": f"{base}/api/layanan?page={number - 1}" if number > 1 else None,
                          "next": f"{base}/api/layanan?page={number + 1}" if number < last else None},
                "meta": {"current_page": number, "from": 8 * (number - 1) + 1, "last_page": last,
                         "path": f"{base}/api/layanan", "per_page": 8, "to": 8 * (number - 1) + len(chunk),
                         "total": len(ids)}}
        files[f"_data/layanan-{number}.json"] = dumps(body)
        routes[f"/api/layanan?page={number}"] = f"_data/layanan-{number}.json"
    routes["/api/layanan"] = "_data/layanan-1.json"
    for n in ids:
        files[f"_data/layanan/{n}.json"] = dumps({"data": disparbud_record(n, full=True)})
        routes[f"/api/layanan/{n}"] = f"_data/layanan/{n}.json"
    files["_data/berita.json"] = dumps({"data": [
        {"id": n, "judul": t, "slug": s, "tanggal": d, "isi": body, "penulis": "Admin Disparbud"}
        for n, s, t, d, body in BERITA]})
    files["_data/agenda.json"] = dumps({"data": [
        {"id": n, "nama_kegiatan": t, "tanggal_mulai": d, "lokasi": where, "keterangan": note}
        for n, t, d, where, note in AGENDA]})
    routes["/api/berita"] = "_data/berita.json"
    routes["/api/agenda"] = "_data/agenda.json"
    files["_routes.json"] = json.dumps(routes, indent=1, sort_keys=True).encode()
    return files


KESBANGPOL = {
    "name": "spa23-kesbangpol", "offset": 139, "family": "react-cra-standar-pairs",
    "opd": "Badan Kesatuan Bangsa dan Politik Kota Jambi", "app": "SIPELITA Kesbangpol",
    "address": "Jl. H. O. S. Cokroaminoto No. 12, Selamat, Kec. Danau Sipin, Kota Jambi 36129",
    "phone": "(0741) 61234", "email": "kesbangpol@jambikota.go.id",
}
# slug -> (title, bidang, requirements, procedure, duration, cost, product, legal); the
# requirements bullet lines, the procedure numbered lines or an HTML list (as admins type them)
POLITIK = {
    "rekomendasi-izin-penelitian": (
        "Surat Rekomendasi Penelitian (Izin Riset)", "Bidang Ideologi dan Wawasan Kebangsaan",
        ["Surat pengantar dari perguruan tinggi atau lembaga peneliti", "Proposal penelitian", "Fotokopi KTP peneliti", "Fotokopi kartu mahasiswa (bagi mahasiswa)", "Surat pernyataan mematuhi ketentuan"],
        ["Pemohon mengajukan berkas ke loket Kesbangpol atau melalui surel", "Petugas memeriksa kelengkapan berkas", "Penandatanganan surat rekomendasi oleh Kepala Badan", "Surat rekomendasi diambil pemohon dan ditembuskan ke OPD tujuan"],
        "3 (tiga) hari kerja", "Tidak dipungut biaya", "Surat Keterangan Penelitian", "Permendagri Nomor 3 Tahun 2018 tentang Penerbitan Surat Keterangan Penelitian"),
    "surat-keterangan-terdaftar-ormas": (
        "Surat Keterangan Terdaftar (SKT) Organisasi Kemasyarakatan", "Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan",
        ["Akta pendirian yang dikeluarkan notaris", "AD/ART organisasi", "Program kerja", "Susunan pengurus dan biodata", "Surat keterangan domisili sekretariat dari lurah", "NPWP atas nama organisasi", "Surat pernyataan tidak dalam sengketa kepengurusan"],
        ["Pengurus mengajukan permohonan ke Kesbangpol", "Verifikasi berkas dan peninjauan sekretariat", "Penerbitan SKT ormas"],
        "15 hari kerja sejak berkas lengkap", "Tidak dipungut biaya", "Surat Keterangan Terdaftar (SKT)", "UU Nomor 17 Tahun 2013 tentang Organisasi Kemasyarakatan jo. UU Nomor 16 Tahun 2017; Permendagri Nomor 57 Tahun 2017"),
    "perubahan-kepengurusan-ormas": (
        "Pelaporan Perubahan Kepengurusan Organisasi Kemasyarakatan", "Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan",
        ["Surat permohonan ketua dan sekretaris", "Berita acara musyawarah atau rapat pergantian pengurus", "SK susunan pengurus baru", "Fotokopi KTP pengurus inti", "SKT lama"],
        ["Ajukan laporan perubahan pengurus ke Kesbangpol", "Verifikasi dokumen", "Pemutakhiran data ormas dan penerbitan tanda terima"],
        "7 hari kerja", "Tidak dipungut biaya", "Tanda terima pelaporan dan SKT yang diperbarui", "Permendagri Nomor 57 Tahun 2017"),
    "rekomendasi-pendirian-rumah-ibadah": (
        "Rekomendasi Pendirian Rumah Ibadah (FKUB)", "Bidang Ketahanan Ekonomi, Sosial, Budaya, Agama dan Kemasyarakatan",
        ["Daftar nama dan KTP paling sedikit 90 orang pengguna rumah ibadah", "Dukungan paling sedikit 60 orang masyarakat setempat disahkan lurah", "Rekomendasi tertulis Kepala Kantor Kementerian Agama Kota Jambi", "Bukti kepemilikan tanah", "Gambar rencana bangunan"],
        ["Panitia pembangunan mengajukan permohonan ke FKUB melalui sekretariat di Kesbangpol", "Verifikasi dukungan dan peninjauan lokasi oleh FKUB", "Rapat pleno FKUB", "Penerbitan rekomendasi FKUB sebagai syarat PBG rumah ibadah"],
        "Paling lama 60 hari", "Tidak dipungut biaya", "Surat Rekomendasi FKUB", "Peraturan Bersama Menteri Agama dan Menteri Dalam Negeri Nomor 9 dan 8 Tahun 2006"),
    "rekomendasi-kkn-pkl": (
        "Rekomendasi Kuliah Kerja Nyata (KKN) dan Praktik Kerja Lapangan", "Bidang Ideologi dan Wawasan Kebangsaan",
        ["Surat pengantar dari kampus", "Daftar nama peserta dan lokasi", "Jadwal pelaksanaan"],
        ["Kampus mengajukan permohonan", "Pemeriksaan berkas", "Penerbitan surat rekomendasi ke camat dan lurah lokasi"],
        "2 hari kerja", "Gratis", "Surat Rekomendasi KKN/PKL", "Permendagri Nomor 3 Tahun 2018"),
    "pelaporan-orang-asing": (
        "Pelaporan Keberadaan dan Kegiatan Orang Asing serta Lembaga Asing", "Bidang Kewaspadaan Nasional dan Penanganan Konflik",
        ["Fotokopi paspor dan izin tinggal (KITAS/KITAP)", "Surat keterangan sponsor atau perusahaan penjamin", "Rencana kegiatan selama di Kota Jambi"],
        ["Penjamin atau perusahaan melaporkan orang asing ke Kesbangpol", "Pencatatan oleh Tim Pengawasan Orang Asing (Timpora)", "Tanda terima pelaporan"],
        "1 hari kerja", "Gratis", "Tanda terima pelaporan keberadaan orang asing", "Permendagri Nomor 49 Tahun 2010 tentang Pemantauan Orang Asing dan Organisasi Masyarakat Asing di Daerah"),
    "bantuan-keuangan-partai-politik": (
        "Bantuan Keuangan Partai Politik", "Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan",
        ["Surat permohonan DPC partai politik", "SK kepengurusan DPC", "Surat keterangan perolehan suara dari KPU Kota Jambi", "Nomor rekening kas umum partai", "Laporan pertanggungjawaban penggunaan bantuan tahun sebelumnya yang telah diperiksa BPK"],
        ["Partai mengajukan permohonan", "Verifikasi kelengkapan administrasi", "Penetapan besaran bantuan dengan Keputusan Wali Kota", "Penyaluran bantuan ke rekening partai"],
        "Sesuai tahun anggaran", "Tidak dipungut biaya", "Bantuan keuangan yang disalurkan ke rekening partai", "PP Nomor 5 Tahun 2009 jo. PP Nomor 1 Tahun 2018 tentang Bantuan Keuangan kepada Partai Politik"),
    "pengaduan-potensi-konflik-sosial": (
        "Pengaduan Potensi Konflik Sosial dan Gangguan Kerukunan", "Bidang Kewaspadaan Nasional dan Penanganan Konflik",
        ["Identitas pelapor (dirahasiakan)", "Uraian kejadian, lokasi dan pihak yang terlibat", "Foto atau bukti pendukung jika ada"],
        ["Laporkan melalui WhatsApp pengaduan, SIKESAL atau datang langsung", "Tim Terpadu Penanganan Konflik Sosial menelaah laporan", "Koordinasi dengan camat, lurah, FKUB dan aparat keamanan", "Mediasi atau tindak lanjut dan jawaban kepada pelapor"],
        "Tanggapan 1 x 24 jam", "Gratis", "Tindak lanjut penanganan konflik", "UU Nomor 7 Tahun 2012 tentang Penanganan Konflik Sosial"),
    "narasumber-wawasan-kebangsaan": (
        "Permohonan Narasumber Wawasan Kebangsaan dan Bela Negara", "Bidang Ideologi dan Wawasan Kebangsaan",
        ["Surat permohonan dari sekolah, kampus atau organisasi", "Kerangka acuan kegiatan"],
        ["Ajukan surat permohonan paling lambat 7 hari sebelum kegiatan", "Penjadwalan narasumber", "Pelaksanaan kegiatan"],
        "3 hari kerja", "Gratis", "Narasumber hadir pada kegiatan", "Permendagri Nomor 71 Tahun 2012 tentang Pedoman Pendidikan Wawasan Kebangsaan"),
    "rekomendasi-hibah-ormas": (
        "Rekomendasi Permohonan Dana Hibah Organisasi Kemasyarakatan", "Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan",
        ["Proposal permohonan hibah", "SKT ormas yang masih berlaku", "Fotokopi rekening bank atas nama organisasi", "Surat keterangan domisili sekretariat"],
        ["Ormas mengajukan proposal kepada Wali Kota melalui Kesbangpol", "Evaluasi proposal oleh tim", "Rekomendasi kepada TAPD"],
        "14 hari kerja", "Gratis", "Rekomendasi hasil evaluasi proposal hibah", "Permendagri Nomor 77 Tahun 2020; Perwal Kota Jambi tentang Hibah dan Bantuan Sosial"),
}
KONTAK_KESBANG = ("kontak-dan-jam-pelayanan", "Kontak dan Jam Pelayanan Kesbangpol")
PENGUMUMAN = [
    (1, "Pengumuman Hasil Verifikasi Bantuan Keuangan Partai Politik Tahun 2025", "2025-03-04",
     "Berdasarkan hasil verifikasi, sembilan DPC partai politik dinyatakan lengkap administrasinya."),
    (2, "Sosialisasi Pendaftaran Ormas melalui SIPELITA", "2025-02-11",
     "Kesbangpol mengundang pengurus ormas mengikuti sosialisasi pendaftaran secara daring pada 20 Februari 2025 di aula kantor."),
]


def kesbang_lines(items: list[str], how: str) -> str:
    if how == "bullets":
        return "\n".join(f"- {i}" for i in items)
    if how == "html":
        return "<ol>" + "".join(f"<li>{e(i)}</li>" for i in items) + "</ol>"
    return "\n".join(f"{n}. {i}" for n, i in enumerate(items, start=1))


def kesbang_record(n: int, slug: str) -> dict:
    title, bidang, reqs, steps, duration, cost, product, legal = POLITIK[slug]
    parts = [("Dasar Hukum", legal),
             ("Persyaratan", kesbang_lines(reqs, "bullets")),
             ("Sistem, Mekanisme dan Prosedur", kesbang_lines(steps, "html" if n % 2 else "numbers")),
             ("Jangka Waktu Penyelesaian", duration), ("Biaya/Tarif", cost),
             ("Produk Pelayanan", product),
             ("Penanganan Pengaduan, Saran dan Masukan", "Kotak saran, WhatsApp 0812-7400-1122 dan SIKESAL")]
    return {"id": n, "uuid": f"9b2f{n:04d}-6c1e-4e0a-9a51-{n:012d}", "nama_pelayanan": title,
            "slug": slug, "jenis": "layanan", "bidang": bidang,
            "standar": [{"urutan": i, "komponen": k, "uraian": v} for i, (k, v) in enumerate(parts, start=1)],
            "created_at": "2024-08-01 09:00:00", "updated_at": "2025-01-10 10:15:00"}


KESBANG_BUNDLE = """!function(){"use strict";var Xe="/api/v1",Ye="SIPELITA";
function Ln(e){return e.jenis==="layanan"}
function Pn(){var t=c.useState([]),n=t[0],r=t[1],o=c.useState(1),a=o[0];return c.useEffect((function(){fetch(Xe+"/pelayanan?page="+a).then((function(e){return e.json()})).then((function(e){r((function(t){return t.concat(e.data.data)}))}))}),[a]),f.createElement("div",{className:"row"},n.filter(Ln).map((function(e){return f.createElement(ue,{key:e.uuid,to:"/layanan/"+e.slug,className:"col-md-6 card"},f.createElement("h5",null,e.nama_pelayanan),f.createElement("small",null,e.bidang))})))}
function Dn(){var e=me().slug,t=c.useState(null),n=t[0],r=t[1];return c.useEffect((function(){fetch(Xe+"/pelayanan?page=1").then((function(e){return e.json()})).then((function(t){r(t.data.data.find((function(t){return t.slug===e})))}))}),[e]),n?f.createElement("div",null,f.createElement("h2",null,n.nama_pelayanan),n.standar.map((function(e){return f.createElement("div",{key:e.urutan},f.createElement("h6",null,e.komponen),f.createElement("div",{dangerouslySetInnerHTML:{__html:e.uraian}}))}))):f.createElement("p",null,"Memuat...")}
function Un(){var t=c.useState([]),n=t[0],r=t[1];return c.useEffect((function(){fetch(Xe+"/pengumuman").then((function(e){return e.json()})).then((function(e){r(e.data)}))}),[]),f.createElement("ul",null,n.map((function(e){return f.createElement("li",{key:e.id},e.judul," (",e.tanggal,")")})))}
var Fn=ve([{path:"/",element:f.createElement(Pn,null)},{path:"/layanan",element:f.createElement(Pn,null)},{path:"/layanan/:slug",element:f.createElement(Dn,null)},{path:"/pengumuman",element:f.createElement(Un,null)},{path:"*",element:f.createElement("p",null,"Halaman tidak ditemukan")}]);
ce.createRoot(document.getElementById("root")).render(f.createElement(ge,{router:Fn}))}();
"""


def kesbang_shell(site: dict) -> str:
    return f"""<!doctype html><html lang="id"><head><meta charset="utf-8"/><link rel="icon" href="/favicon.ico"/><meta name="viewport" content="width=device-width,initial-scale=1"/><meta name="theme-color" content="#8b0000"/><meta name="description" content="{e(site['app'])} - Sistem Informasi Pelayanan {e(site['opd'])}"/><title>{e(site['app'])}</title><script defer="defer" src="/static/js/main.7d3c91aa.js"></script><link href="/static/css/main.2b1f0c3e.css" rel="stylesheet"></head><body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>
"""


def build_kesbangpol(site: dict) -> dict[str, bytes]:
    base = url(8701 + site["offset"], "")
    records = [kesbang_record(n, slug) for n, slug in enumerate(POLITIK, start=1)]
    records.append({"id": 11, "uuid": "9b2f0011-6c1e-4e0a-9a51-000000000011",
                    "nama_pelayanan": KONTAK_KESBANG[1], "slug": KONTAK_KESBANG[0], "jenis": "informasi",
                    "bidang": "Sekretariat", "standar": [
                        {"urutan": 1, "komponen": "Alamat", "uraian": site["address"]},
                        {"urutan": 2, "komponen": "Telepon", "uraian": site["phone"]},
                        {"urutan": 3, "komponen": "Jam Pelayanan", "uraian": "Senin-Kamis 07.30-16.00 WIB, Jumat 07.30-16.30 WIB"}],
                    "created_at": "2024-08-01 09:00:00", "updated_at": "2024-08-01 09:00:00"})
    pages = [records[:6], records[6:]]
    # the app's routes, named as a history-mode server names them (any other path too)
    routes = {"/": "index.html", "*": "index.html", "/layanan": "index.html",
              "/pengumuman": "index.html"}
    routes.update({f"/layanan/{r['slug']}": "index.html" for r in records})
    files = {"index.html": kesbang_shell(site).encode(),
             "static/js/main.7d3c91aa.js": KESBANG_BUNDLE.encode(),
             "static/css/main.2b1f0c3e.css": b".card{padding:12px;margin-bottom:12px}\n",
             "manifest.json": dumps({"short_name": "SIPELITA", "name": site["app"], "start_url": ".", "display": "standalone"})}
    for number, chunk in enumerate(pages, start=1):
        body = {"success": True, "message": "Data pelayanan ditemukan", "data": {
            "current_page": number, "data": chunk,
            "first_page_url": f"{base}/api/v1/pelayanan?page=1", "from": 6 * (number - 1) + 1,
            "last_page": len(pages), "last_page_url": f"{base}/api/v1/pelayanan?page={len(pages)}",
            "next_page_url": f"{base}/api/v1/pelayanan?page={number + 1}" if number < len(pages) else None,
            "path": f"{base}/api/v1/pelayanan", "per_page": 6,
            "prev_page_url": f"{base}/api/v1/pelayanan?page={number - 1}" if number > 1 else None,
            "to": 6 * (number - 1) + len(chunk), "total": len(records)}}
        files[f"_data/pelayanan-{number}.json"] = dumps(body)
        routes[f"/api/v1/pelayanan?page={number}"] = f"_data/pelayanan-{number}.json"
    routes["/api/v1/pelayanan"] = "_data/pelayanan-1.json"
    files["_data/pengumuman.json"] = dumps({"success": True, "data": [
        {"id": n, "judul": t, "tanggal": d, "isi": body} for n, t, d, body in PENGUMUMAN]})
    routes["/api/v1/pengumuman"] = "_data/pengumuman.json"
    files["_routes.json"] = json.dumps(routes, indent=1, sort_keys=True).encode()
    return files


# -- judgments -------------------------------------------------------------------------------

DP, KP = 8701 + DISPARBUD["offset"], 8701 + KESBANGPOL["offset"]
WISATA_KEYS = {f"w{n}": v[0] for n, v in WISATA.items()}
POLITIK_KEYS = {"k" + "".join(w[0] for w in slug.split("-")): slug for slug in POLITIK}


def page_url(key: str) -> str:
    """``w12`` -> the Disparbud record 12 (shown in the page's modal at ``/#<slug>``),
    ``k<initials>`` -> the Kesbangpol record at its route ``/layanan/<slug>``."""
    if key in WISATA_KEYS:
        return url(DP, f"/#{WISATA_KEYS[key]}")
    return url(KP, f"/layanan/{POLITIK_KEYS[key]}")


EXTRA = {"dhome": url(DP, "/"), "khome": url(KP, "/"), "klist": url(KP, "/layanan")}
# written before the sites were crawled: (category, query, answers)
QUERIES = [
    ("formal", "rekomendasi penyelenggaraan event dan pertunjukan seni dinas pariwisata", "w3:2"),
    ("formal", "pendaftaran objek diduga cagar budaya kota jambi", "w7:2"),
    ("formal", "persyaratan kartu tanda pengenal pramuwisata", "w5:2"),
    ("formal", "surat rekomendasi penelitian kesbangpol kota jambi", "krip:2"),
    ("formal", "surat keterangan terdaftar organisasi kemasyarakatan persyaratan", "kskto:2"),
    ("formal", "bantuan keuangan partai politik kota jambi", "kbkpp:2"),
    ("colloquial", "mau bikin konser di lapangan perlu rekomendasi dari dinas apa", "w3:2"),
    ("colloquial", "sewa gedung kesenian buat pentas tari berapa", "w9:2"),
    ("colloquial", "mahasiswa mau riset di kantor pemkot urus izinnya dimana", "krip:2"),
    ("colloquial", "gimana caranya daftarin sanggar tari biar terdaftar", "w11:2"),
    ("colloquial", "mau bangun masjid baru butuh rekomendasi fkub gimana", "krpri:2"),
    ("abbreviation", "skt ormas kesbangpol", "kskto:2"),
    ("abbreviation", "rekomendasi fkub rumah ibadah", "krpri:2"),
    ("abbreviation", "hki merek umkm ekraf disparbud", "w14:2"),
    ("abbreviation", "sertifikat chse hotel kota jambi", "w16:2"),
    ("typo", "rekomendasi peneltian kesbangpoll", "krip:2"),
    ("typo", "pendaftran cagar budya", "w7:2"),
    ("typo", "kartu pramuwisatta pemandu wisata", "w5:2"),
    ("typo", "bantuan keuangn parpol", "kbkpp:2"),
    ("english", "research permit recommendation letter jambi city", "krip:2"),
    ("english", "commercial photo shoot permit tourist spot", "w8:2"),
    ("english", "registering a heritage building", "w7:2"),
    ("english", "reporting foreign nationals staying in jambi", "kpoa:2"),
    ("jambi-malay", "nak foto prewed di danau sipin kudu izin dak", "w8:2"),
    ("jambi-malay", "cakmano ngurus skt ormas kami", "kskto:2"),
    ("jambi-malay", "nak ganti pengurus ormas lapor kemano", "kpko:2"),
    ("jambi-malay", "nak minta narasumber wawasan kebangsaan untuk sekolah kami", "knwk:2"),
    ("old-term", "izin riset kesbanglinmas", "krip:2"),
    ("old-term", "izin tempat hiburan karaoke rekomendasi dinas pariwisata", "w12:2"),
    ("old-term", "surat izin penelitian dari kesbang", "krip:2"),
    ("old-term", "tanda daftar organisasi kesenian", "w11:2"),
    ("problem", "di tempat wisata dipungut parkir liar dan harga makanan dinaikkan mau lapor", "w15:2"),
    ("problem", "warga dua kampung ribut terus takut jadi bentrok lapor kemana", "kppks:2"),
    ("problem", "logo usaha batik saya ditiru orang lain mau daftarkan merek", "w14:2"),
    ("problem", "ada orang asing tinggal di kos lama tidak lapor", "kpoa:2"),
    ("problem", "kampus minta surat untuk mahasiswa kkn di kelurahan", "krkp:2"),
    ("problem", "ormas kami mau ajukan dana hibah ke pemkot", "krho:2"),
    ("app", "sipelita kesbangpol kota jambi", "khome:2 klist:1"),
    ("app", "siparbud layanan dinas pariwisata dan kebudayaan", "dhome:2"),
    ("app", "daftar layanan kesbangpol", "khome:2 klist:1"),
]
FIRST_QID = 2350


def unchanged(relevant: str) -> str:
    return relevant


def own(rows: list[list[str]]) -> list[str]:
    return own_rows(QUERIES, FIRST_QID, rows, EXTRA, lambda _key, _rows: set(), page_url)


def main() -> int:
    assert len(QUERIES) == 40
    for site, build in ((DISPARBUD, build_disparbud), (KESBANGPOL, build_kesbangpol)):
        files = build(site)
        write_site(SITES / site["name"], files)
        register(site["name"], site["opd"], site["offset"], site["family"],
                 url(8701 + site["offset"], ""))
        print(f"{site['name']}: {len(files)} files")
    judge_query_files(unchanged, FIRST_QID, len(QUERIES), own)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
