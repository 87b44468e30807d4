"""A realistic synthetic corpus of public-service documents for speed benchmarks.

Documents look like the crawled pages of many local governments: service pages with
requirements, cost and duration; news that mentions services; profile pages; apps. Words
come from Indonesian public-service vocabulary so that term statistics (a few very common
words, a long tail) resemble real OPD sites. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from sikoja.documents import Document
from sikoja.store import DocumentStore

TOPICS = [
    ("Perekaman KTP-el", "KTP-el kartu tanda penduduk elektronik perekaman biometrik",
     "urus ktp"),
    ("Penerbitan Kartu Keluarga", "kartu keluarga KK pecah pisah tambah anggota",
     "bikin kk baru"),
    ("Akta Kelahiran", "akta kelahiran anak lahir surat keterangan lahir bidan",
     "akte lahir anak"),
    ("Akta Kematian", "akta kematian surat keterangan kematian ahli waris", "surat kematian"),
    ("Kartu Identitas Anak", "KIA kartu identitas anak usia di bawah 17 tahun", "ktp anak"),
    ("Surat Pindah Datang", "SKPWNI pindah domisili datang antar kota", "surat pindah"),
    ("Persetujuan Bangunan Gedung", "PBG IMB izin mendirikan bangunan SIMBG gambar teknis",
     "imb rumah"),
    ("Nomor Induk Berusaha", "NIB OSS izin usaha SIUP TDP pelaku usaha mikro",
     "izin usaha"),
    ("Pajak Bumi dan Bangunan", "PBB-P2 SPPT NOP pajak bumi bangunan tagihan",
     "bayar pbb"),
    ("BPHTB", "bea perolehan hak atas tanah dan bangunan jual beli AJB", "pajak jual beli tanah"),
    ("Kartu Pencari Kerja", "AK1 kartu kuning pencari kerja pencaker", "kartu kuning"),
    ("Uji KIR Kendaraan", "uji berkala kendaraan KIR buku uji angkutan", "uji kir"),
    ("Surat Keterangan Tidak Mampu", "SKTM keringanan biaya berobat sekolah",
     "sktm"),
    ("Pendaftaran Peserta Didik Baru", "PPDB SPMB zonasi domisili afirmasi prestasi",
     "daftar sekolah"),
    ("Bantuan Sosial", "bansos PKH BPNT DTKS KPM pencairan", "kapan bansos cair"),
    ("Pengaduan Jalan Rusak", "jalan rusak berlubang drainase perbaikan", "jalan berlubang"),
    ("Penerangan Jalan Umum", "lampu jalan mati PJU perbaikan", "lampu jalan mati"),
    ("Pengangkutan Sampah", "sampah tidak diangkut TPS retribusi kebersihan",
     "sampah numpuk"),
    ("Pemadam Kebakaran", "damkar kebakaran evakuasi ular sarang tawon 112",
     "lapor kebakaran"),
    ("Sambungan Air PDAM", "PDAM sambungan baru air keruh pipa bocor tagihan",
     "pasang air pdam"),
    ("Izin Praktik Tenaga Kesehatan", "SIP surat izin praktik dokter bidan perawat",
     "izin praktik bidan"),
    ("Pelayanan Puskesmas", "puskesmas berobat BPJS JKN imunisasi", "berobat gratis"),
    ("Izin Reklame", "reklame papan iklan pajak reklame", "izin pasang spanduk"),
    ("Legalisir Dokumen", "legalisir fotokopi akta ijazah", "legalisir akta"),
]
REGIONS = [f"{kind} {name}" for kind in ("Kota", "Kabupaten") for name in (
    "Jambi", "Batanghari", "Muaro Jambi", "Tebo", "Bungo", "Merangin", "Sarolangun", "Kerinci",
    "Sungai Penuh", "Tanjung Jabung", "Palembang", "Pekanbaru", "Padang", "Medan", "Bengkulu",
    "Lampung", "Pontianak", "Banjarmasin", "Samarinda", "Makassar", "Manado", "Kupang",
    "Mataram", "Denpasar", "Surabaya", "Malang", "Semarang", "Solo", "Bandung", "Bogor")]
OPDS = ["Dinas Kependudukan dan Pencatatan Sipil", "Dinas Penanaman Modal dan PTSP",
        "Badan Pengelola Pajak dan Retribusi Daerah", "Dinas Kesehatan", "Dinas Sosial",
        "Dinas Pendidikan", "Dinas Tenaga Kerja", "Dinas Perhubungan",
        "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas Lingkungan Hidup",
        "Dinas Pemadam Kebakaran", "Dinas Komunikasi dan Informatika",
        "Mal Pelayanan Publik", "Perumda Air Minum"]
FILLER = ("pelayanan masyarakat warga kota kantor dinas informasi persyaratan berkas "
          "dokumen fotokopi asli pemohon petugas loket antrean hari kerja jam senin jumat "
          "gratis biaya retribusi waktu penyelesaian prosedur alur pengajuan online aplikasi "
          "formulir surat pengantar kelurahan kecamatan RT RW tanda tangan verifikasi "
          "validasi cetak ambil diserahkan pemerintah daerah peraturan wali kota bupati "
          "program kegiatan tahun anggaran laporan rapat koordinasi sosialisasi").split()
NEWS_VERBS = ["menggelar", "meninjau", "mensosialisasikan", "meluncurkan", "mengevaluasi"]


def generate(n: int, seed: int = 7) -> Iterator[Document]:
    rng = random.Random(seed)
    for i in range(n):
        title, words, _ = TOPICS[rng.randrange(len(TOPICS))]
        region = REGIONS[rng.randrange(len(REGIONS))]
        opd = f"{OPDS[rng.randrange(len(OPDS))]} {region}"
        roll = rng.random()
        kind = ("service" if roll < 0.4 else "news" if roll < 0.75 else
                "page" if roll < 0.95 else "app")
        body = []
        for _ in range(rng.randint(8, 16)):
            sentence = [rng.choice(FILLER) for _ in range(rng.randint(6, 14))]
            if rng.random() < 0.5:
                sentence.insert(rng.randrange(len(sentence)), rng.choice(words.split()))
            body.append(" ".join(sentence).capitalize() + ".")
        if kind == "service":
            doc_title = f"{title} {region}"
            body.insert(0, f"{title} di {region}: {words}.")
            fields = {"requirements": [f"Fotokopi {w}" for w in words.split()[:3]],
                      "cost": rng.choice(["Gratis", "Rp 50.000", "Sesuai Perda"]),
                      "duration": f"{rng.randint(1, 14)} hari kerja"}
        elif kind == "news":
            doc_title = f"{opd.split()[0]} {rng.choice(NEWS_VERBS)} {title.lower()} {i}"
            fields = {}
        elif kind == "app":
            doc_title = f"Si{title.split()[0].capitalize()} {region}"
            fields = {"platform": "Android", "status": "active"}
        else:
            doc_title = f"Profil {opd} {i}"
            fields = {}
        yield Document(
            url=f"https://{region.lower().replace(' ', '')}.go.id/{kind}/{i}",
            source=region.lower().replace(" ", "-"), opd=opd, kind=kind, title=doc_title,
            text=" ".join(body), headings=["Persyaratan", "Biaya"] if fields else [],
            fields=fields,
        )


def write_corpus(data_dir: Path, n: int) -> list[Document]:
    """Store ``generate(n)`` in the document store of ``data_dir``, as a crawl would have;
    returns the documents written."""
    docs = list(generate(n))
    store = DocumentStore.open(data_dir)
    for doc in docs:
        store.upsert(doc)
    store.close()
    return docs


def queries(n: int, seed: int = 11, repeat: bool = True) -> list[str]:
    """A query mix: colloquial topic phrases with a region, Zipf-distributed if ``repeat``."""
    rng = random.Random(seed)
    base = [f"{phrase} {region.split(' ', 1)[1].lower()}" if rng.random() < 0.5 else phrase
            for _, _, phrase in TOPICS for region in REGIONS[:8]]
    rng.shuffle(base)
    if not repeat:
        extra = [f"{q} {rng.choice(FILLER)}" for q in base for _ in range(4)]
        pool = list(dict.fromkeys(base + extra))
        rng.shuffle(pool)
        return pool[:n]
    weights = [1 / (r + 1) for r in range(len(base))]
    return rng.choices(base, weights=weights, k=n)
