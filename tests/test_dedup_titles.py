"""Near-duplicate groups join copies of one service, never two services (issues #11/#16).

Puskesmas sites share one template: the same requirement list ("KTP-el/KIS/kartu BPJS"),
the same procedure and the same closing text on every service. The tuning web joined the
general clinic (Poli Umum) of two puskesmas to another puskesmas's mother-and-child (KIA)
page, so a citizen asking for the general clinic was shown the KIA page. Titles that share
no name name different services (a re-listing names its service again, in other words), and
what most of a site's services share is its template, not the service.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from crawler.dedup import canonical_member, find_groups
from sikoja.documents import Document
from tests.corpus import keyword_searcher

TEMPLATE = {"requirements": ["KTP-el/KIS/kartu BPJS", "Terdaftar FKTP untuk peserta JKN"],
            "procedure": ["Daftar/antre di loket pendaftaran", "Pemeriksaan oleh petugas",
                          "Rujukan ke FKTL bila perlu"]}
CLOSING = ("Persyaratan Pelayanan KTP-el/KIS/kartu BPJS. Terdaftar FKTP untuk peserta JKN. "
           "Mekanisme: daftar/antre di loket pendaftaran, pemeriksaan oleh petugas, rujukan "
           "ke FKTL bila perlu. Biaya: gratis bagi peserta JKN/BPJS Kesehatan; pasien umum "
           "membayar retribusi sesuai Perda. Dasar hukum: Permenkes 43/2019 tentang "
           "Puskesmas. Jadwal pelayanan Senin sampai Sabtu pukul 07.30 sampai 12.00 WIB.")

KIA = "http://127.0.0.1:8721/layanan/kia"
POLI_A = "http://127.0.0.1:8722/layanan/poli-umum"
POLI_B = "http://127.0.0.1:8723/layanan/poli-umum-dan-rujukan"


def puskesmas(url: str, name: str, title: str, intro: str) -> Document:
    return Document(url=url, source=f"pkm-{name.lower()}", opd=f"UPTD Puskesmas {name}",
                    kind="service", title=title, text=f"{intro} {CLOSING}",
                    fields=dict(TEMPLATE))


DOCS = [
    puskesmas(KIA, "Paal V", "Pelayanan Kesehatan Ibu dan Anak - KIA",
              "Ruang KIA melayani pemeriksaan kehamilan, persalinan normal, nifas, imunisasi "
              "bayi dan balita serta konseling KB bagi ibu hamil dan ibu menyusui."),
    puskesmas(POLI_A, "Simpang Kawat", "Poli Umum",
              "Poli umum melayani pemeriksaan dan pengobatan penyakit umum."),
    puskesmas(POLI_B, "Putri Ayu", "Poli Umum dan Rujukan BPJS",
              "Poli umum melayani pengobatan dan surat rujukan ke rumah sakit."),
]


def grouped(docs: list[Document]) -> list[set[str]]:
    return [{d.url for d in g} for g in find_groups(docs)]


def test_the_template_alone_joins_no_two_services():
    assert grouped(DOCS) == [{POLI_A, POLI_B}]


@pytest.mark.parametrize("titles", [
    ("Pengurusan SKTM", "Surat Keterangan Tidak Mampu"),  # an acronym and its words
    ("Pelaporan Kelahiran", "Laporan Bayi Lahir"),  # affixed forms and their roots
])
def test_a_relisting_named_in_other_words_stays_grouped(titles):
    docs = [Document(url=f"http://127.0.0.1:{8731 + i}/layanan/1", source=f"kel-{i}",
                     opd=f"Kelurahan {i}", kind="service", title=title,
                     text="Persyaratan: surat pengantar RT/RW, fotokopi KTP dan KK, surat "
                          "pernyataan bermaterai. Biaya gratis, selesai 1 hari kerja.")
            for i, title in enumerate(titles)]
    assert grouped(docs) == [{d.url for d in docs}]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    docs = list(DOCS)
    for members in find_groups(docs):
        head = canonical_member(members).url
        urls = {d.url for d in members}
        docs = [replace(d, group_id=head) if d.url in urls else d for d in docs]
    s = keyword_searcher(tmp_path_factory.mktemp("dedup-titles"), docs)
    yield s
    s.close()


@pytest.mark.parametrize(("query", "wanted"), [
    ("poli umum puskesmas", {POLI_A, POLI_B}),
    ("berobat ke poli umum", {POLI_A, POLI_B}),
    ("pemeriksaan kehamilan ibu hamil", {KIA}),
    ("layanan kia puskesmas", {KIA}),
])
def test_each_service_is_found_by_its_own_name(searcher, query, wanted):
    results = searcher.search(query).results
    assert results and results[0].url in wanted
    shown = [r.url for r in results]
    assert KIA in shown and (POLI_A in shown or POLI_B in shown)


def test_a_site_template_joins_no_two_services():
    # two puskesmas sites of one template, four services each: "Poli Gigi" and "Poli Umum"
    # share a name, and only the template's requirements, procedure and closing text
    services = {"Poli Umum": "pemeriksaan dan pengobatan penyakit umum",
                "KIA": "pemeriksaan kehamilan, nifas dan imunisasi bayi",
                "Poli Gigi": "cabut dan tambal gigi",
                "Laboratorium": "cek darah dan urine"}
    docs = [Document(url=f"http://127.0.0.1:{port}/layanan/{n}", source=f"pkm-{port}",
                     opd=f"UPTD Puskesmas {place}", kind="service",
                     title=f"{name} Puskesmas {place}", text=f"{name}: {what}. {CLOSING}",
                     fields=dict(TEMPLATE))
            for port, place in ((8741, "Paal V"), (8742, "Putri Ayu"))
            for n, (name, what) in enumerate(services.items())]
    by_title = {d.url: d.title for d in docs}
    groups = sorted(sorted(by_title[u] for u in g) for g in grouped(docs))
    assert groups == sorted(sorted(f"{name} Puskesmas {place}" for place in
                                   ("Paal V", "Putri Ayu")) for name in services)
