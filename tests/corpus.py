"""A small, realistic corpus of Kota Jambi service pages for index and search tests."""

from __future__ import annotations

from pathlib import Path

from sikoja.documents import Document
from sikoja.store import DocumentStore

DUKCAPIL = "Dinas Kependudukan dan Pencatatan Sipil"
KTP_URL = "http://127.0.0.1:8701/layanan/ktp-el.html"
KTP_MPP_URL = "http://127.0.0.1:8713/layanan/disdukcapil-ktp-el.html"
AKTA_URL = "http://127.0.0.1:8701/layanan/akta-kelahiran.html"
PBG_URL = "http://127.0.0.1:8702/?page_id=12"
NEWS_URL = "http://127.0.0.1:8701/berita/jemput-bola-ktp-el.html"
SIKESAL_URL = "http://127.0.0.1:8712/aplikasi/sikesal.html"


def corpus() -> list[Document]:
    return [
        Document(
            url=KTP_URL, source="disdukcapil", opd=DUKCAPIL, kind="service",
            title="Perekaman dan Penerbitan KTP-el Baru",
            headings=["Persyaratan", "Prosedur", "Biaya", "Waktu Penyelesaian"],
            text="Perekaman dan penerbitan Kartu Tanda Penduduk elektronik (KTP-el) bagi "
                 "penduduk yang telah berusia 17 tahun atau sudah pernah kawin. Persyaratan: "
                 "telah berusia 17 tahun, fotokopi Kartu Keluarga. Perekaman biometrik foto, "
                 "sidik jari dan iris dilakukan langsung dan tidak bisa diwakilkan. Biaya: "
                 "gratis. Waktu penyelesaian 1 hari kerja.",
            fields={"requirements": ["Telah berusia 17 tahun atau sudah pernah kawin",
                                     "Fotokopi Kartu Keluarga"],
                    "procedure": ["Datang langsung untuk perekaman biometrik",
                                  "Serahkan berkas", "Ambil KTP-el"],
                    "cost": "Gratis", "duration": "1 hari kerja",
                    "location": "Kantor Disdukcapil Kota Jambi"},
        ),
        Document(
            url=KTP_MPP_URL, source="mpp", opd="Mal Pelayanan Publik Kota Jambi",
            kind="service", title="Layanan Disdukcapil: Penerbitan KTP-el",
            headings=["Syarat", "Biaya"],
            text="Di Mal Pelayanan Publik warga dapat mengurus penerbitan KTP-el (Kartu Tanda "
                 "Penduduk elektronik) untuk penduduk usia 17 tahun. Syarat: fotokopi Kartu "
                 "Keluarga. Biaya gratis.",
            fields={"requirements": ["Fotokopi Kartu Keluarga"], "cost": "Gratis"},
            group_id=KTP_URL,
        ),
        Document(
            url=AKTA_URL, source="disdukcapil", opd=DUKCAPIL, kind="service",
            title="Penerbitan Akta Kelahiran",
            headings=["Persyaratan", "Biaya"],
            text="Akta kelahiran diterbitkan untuk setiap anak yang lahir. Persyaratan: surat "
                 "keterangan lahir dari rumah sakit, bidan atau puskesmas, Kartu Keluarga "
                 "orang tua, KTP-el orang tua, buku nikah. Biaya gratis.",
            fields={"requirements": ["Surat keterangan lahir", "Kartu Keluarga",
                                     "KTP-el orang tua"], "cost": "Gratis"},
        ),
        Document(
            url=PBG_URL, source="dpmptsp",
            opd="Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", kind="service",
            title="Persetujuan Bangunan Gedung (PBG)",
            headings=["Persyaratan", "Dasar Hukum"],
            text="Persetujuan Bangunan Gedung (PBG) menggantikan Izin Mendirikan Bangunan. "
                 "Permohonan diajukan melalui SIMBG. Persyaratan: data pemohon, data tanah, "
                 "gambar rencana teknis bangunan.",
            fields={"requirements": ["Data pemohon", "Data tanah", "Gambar rencana teknis"],
                    "legal_basis": "PP 16/2021"},
        ),
        Document(
            url=NEWS_URL, source="disdukcapil", opd=DUKCAPIL, kind="news",
            title="Disdukcapil Jemput Bola Perekaman KTP-el ke Sekolah",
            text="Disdukcapil Kota Jambi menggelar perekaman KTP-el di sekolah bagi pelajar "
                 "yang sudah berusia 17 tahun. Urus KTP kini lebih mudah.",
        ),
        Document(
            url=SIKESAL_URL, source="diskominfo-apps", opd="Diskominfo Kota Jambi", kind="app",
            title="SiKesal", text="Aplikasi pengaduan masyarakat: laporkan jalan rusak, lampu "
            "jalan mati, sampah dan banjir dengan foto dan lokasi.",
            fields={"platform": "Android", "status": "active"},
        ),
        Document(
            url="http://127.0.0.1:8701/xss.html", source="disdukcapil", opd=DUKCAPIL,
            kind="page", title="Pengumuman <script>alert(1)</script>",
            text="Pengumuman jadwal pelayanan <script>alert('x')</script> hari Sabtu.",
        ),
    ]


def write_corpus(data_dir: Path, docs: list[Document] | None = None) -> DocumentStore:
    store = DocumentStore.open(data_dir)
    for doc in docs or corpus():
        store.upsert(doc)
    return store


def keyword_searcher(data_dir: Path, docs: list[Document] | None = None, synonyms=None):
    """A Searcher over ``docs`` indexed in ``data_dir`` without vectors (close it after),
    reading ``synonyms`` (a SynonymSource; default: the data dir's store)."""
    from indexer.build import build_index
    from indexer.search import Searcher
    from sikoja.config import load_settings

    write_corpus(data_dir, docs).close()
    settings = load_settings(data_dir, embedder="none")
    build_index(settings)
    return Searcher(settings, synonyms, embedder=False)
