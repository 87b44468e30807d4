"""Near-duplicates: MPP re-lists OPD services in its own words, catalogs list one app under
two names. One group each, the OPD's own page first; look-alikes stay apart."""

from __future__ import annotations

from pathlib import Path

from crawler.dedup import find_groups, group_near_duplicates
from crawler.reports import format_overlap, overlap_report
from sikoja.documents import Document
from sikoja.store import DocumentStore

KTP_FIELDS = {
    "requirements": ["Telah berusia 17 tahun atau sudah pernah menikah",
                     "Fotokopi Kartu Keluarga yang dilegalisir"],
    "procedure": ["Datang langsung untuk perekaman biometrik foto sidik jari dan iris",
                  "Serahkan berkas dan terima bukti pengambilan", "Pengambilan KTP-el"],
    "cost": "Gratis",
}
KK_FIELDS = {
    "requirements": ["Surat pengantar RT dan RW setempat", "Buku nikah atau akta perkawinan"],
    "procedure": ["Isi formulir F-1.01 di loket pendaftaran",
                  "Verifikasi oleh petugas", "Cetak Kartu Keluarga baru"],
    "cost": "Gratis",
}


def service(url: str, source: str, opd: str, title: str, intro: str,
            fields: dict) -> Document:
    parts = [intro, "Persyaratan", *fields["requirements"], "Prosedur", *fields["procedure"],
             "Biaya", fields["cost"]]
    return Document(url=url, source=source, opd=opd, kind="service", title=title,
                    text="\n".join(parts), fields=dict(fields))


def app(url: str, title: str, opd: str, description: str, source: str = "katalog") -> Document:
    return Document(url=url, source=source, opd=opd, kind="app", title=title, text=description,
                    fields={"platform": "web", "status": "active", "description": description})


DUKCAPIL = "Dinas Kependudukan dan Pencatatan Sipil"
MPP = "Mal Pelayanan Publik Kota Jambi"
KOMINFO = "Dinas Komunikasi dan Informatika Kota Jambi"

DOCS = [
    service("https://disdukcapil.jambikota.go.id/?page_id=21", "disdukcapil", DUKCAPIL,
            "Perekaman dan Penerbitan KTP-el Pemula",
            "Setiap penduduk berusia 17 tahun wajib memiliki KTP elektronik.", KTP_FIELDS),
    service("https://mpp.jambikota.go.id/layanan/disdukcapil/rekam-ktp", "mpp", MPP,
            "Pembuatan KTP Elektronik Pemula (Loket Disdukcapil)",
            "Loket Disdukcapil di MPP melayani perekaman KTP elektronik warga baru.", KTP_FIELDS),
    service("https://disdukcapil.jambikota.go.id/?page_id=42", "disdukcapil", DUKCAPIL,
            "Penerbitan Kartu Keluarga Baru", "Kartu Keluarga untuk keluarga baru.", KK_FIELDS),
    service("https://mpp.jambikota.go.id/layanan/dinsos/kk", "mpp", MPP,
            "Rekomendasi Bantuan Sosial (Loket Dinsos)",
            "Loket Dinsos melayani rekomendasi bantuan sosial.",
            {"requirements": ["Kartu Keluarga", "KTP-el", "Surat keterangan tidak mampu"],
             "procedure": ["Daftar di loket Dinsos", "Verifikasi DTKS oleh petugas",
                           "Rekomendasi diterbitkan"], "cost": "Gratis"}),
    # the same contact-page template on two OPD sites is not a duplicate service
    Document(url="https://a.jambikota.go.id/kontak", source="a", opd="Dinas A", kind="page",
             title="Kontak", text="Hubungi kami di jam kerja Senin sampai Jumat " * 5),
    Document(url="https://b.jambikota.go.id/kontak", source="b", opd="Dinas B", kind="page",
             title="Kontak", text="Hubungi kami di jam kerja Senin sampai Jumat " * 5),
    app("https://kominfo.jambikota.go.id/aplikasi/sikesal/", "SiKesal", KOMINFO,
        "Aplikasi pengaduan warga Kota Jambi."),
    app("https://kominfo.jambikota.go.id/aplikasi/si-kesal-online/",
        "Si-Kesal (Sistem Informasi Keluhan Masyarakat Online)", KOMINFO,
        "Kanal keluhan masyarakat daring."),
    app("https://kominfo.jambikota.go.id/aplikasi/call-center-112/", "Call Center 112", KOMINFO,
        "Nomor tunggal panggilan darurat Kota Jambi, bebas pulsa dan 24 jam."),
    app("https://kominfo.jambikota.go.id/aplikasi/call-center-bahagia/",
        "Call Center Bahagia 112", KOMINFO,
        "Nomor tunggal panggilan darurat Kota Jambi, bebas pulsa dan 24 jam."),
    app("https://www.lapor.go.id/", "SP4N-LAPOR!", "KemenPANRB", "Kanal pengaduan nasional."),
    app("http://lapor.go.id", "LAPOR", "Kementerian PANRB", "Pengaduan pelayanan publik.",
        source="katalog-2"),
    # same name pattern, different owner: a different app
    app("https://ppid.jambikota.go.id/", "PPID Kota Jambi", KOMINFO, "Informasi publik kota."),
    app("http://ppid.jambiprov.go.id/", "PPID Provinsi Jambi",
        "Dinas Komunikasi dan Informatika Provinsi Jambi", "Informasi publik provinsi."),
    # a topic acronym shared by two different apps of one OPD
    app("https://bpprd.jambikota.go.id/qris", "Bayar PBB via QRIS", "BPPRD", "Kanal bayar PBB."),
    app("https://bpprd.jambikota.go.id/info", "Info Tagihan PBB Online", "BPPRD", "Cek tagihan."),
]


def groups_by_url() -> list[set[str]]:
    return [{d.url for d in g} for g in find_groups(DOCS)]


def test_mpp_relisting_is_grouped_with_the_opd_service():
    assert {"https://disdukcapil.jambikota.go.id/?page_id=21",
            "https://mpp.jambikota.go.id/layanan/disdukcapil/rekam-ktp"} in groups_by_url()


def test_different_services_and_template_pages_stay_apart():
    grouped = set().union(*groups_by_url())
    assert "https://disdukcapil.jambikota.go.id/?page_id=42" not in grouped
    assert "https://mpp.jambikota.go.id/layanan/dinsos/kk" not in grouped
    assert "https://a.jambikota.go.id/kontak" not in grouped


def test_apps_under_two_names():
    groups = groups_by_url()
    assert {"https://kominfo.jambikota.go.id/aplikasi/sikesal/",
            "https://kominfo.jambikota.go.id/aplikasi/si-kesal-online/"} in groups
    assert {"https://kominfo.jambikota.go.id/aplikasi/call-center-112/",
            "https://kominfo.jambikota.go.id/aplikasi/call-center-bahagia/"} in groups
    assert {"https://www.lapor.go.id/", "http://lapor.go.id"} in groups  # same app URL
    grouped = set().union(*groups)
    assert "http://ppid.jambiprov.go.id/" not in grouped
    assert "https://bpprd.jambikota.go.id/info" not in grouped


def test_groups_are_stored_with_the_opd_page_as_group_id(tmp_path: Path):
    store = DocumentStore.open(tmp_path)
    for doc in DOCS:
        store.upsert(doc)
    assert group_near_duplicates(store) == 4
    opd_page = "https://disdukcapil.jambikota.go.id/?page_id=21"
    assert store.get(opd_page).group_id == opd_page
    assert store.get("https://mpp.jambikota.go.id/layanan/disdukcapil/rekam-ktp").group_id == (
        opd_page)
    assert store.get("https://disdukcapil.jambikota.go.id/?page_id=42").group_id is None

    report = overlap_report(store)
    ktp = next(g for g in report if g.group_id == opd_page)
    assert ktp.kind == "service" and ktp.opds == sorted([DUKCAPIL, MPP])
    assert ktp.similarity >= 0.6
    assert "rekam-ktp" in format_overlap(report)

    # a page that stops being a duplicate loses its group on the next grouping
    store.upsert(service("https://mpp.jambikota.go.id/layanan/disdukcapil/rekam-ktp", "mpp",
                         MPP, "Loket tutup", "Loket ini tidak lagi melayani.",
                         {"requirements": ["-"], "procedure": ["-"], "cost": "-"}))
    group_near_duplicates(store)
    assert store.get(opd_page).group_id is None
