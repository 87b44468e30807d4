"""Kind priors weighted by how sure extraction is of a page's kind.

The story: Dishub publishes "Uji KIR" as a short page whose details are in a Standar
Pelayanan PDF, so extraction is unsure it is a service; a sibling service of the same site
("Izin Trayek") mentions KIR in passing. A citizen typing "uji kir" wants the KIR page, and a
hard kind prior ("page" 0.81 against "service" 1.0) would put the sibling first.
"""

from __future__ import annotations

import math

import pytest

from indexer.build import build_index
from indexer.search import RankingConfig, Searcher, kind_boost
from sikoja.config import load_settings
from sikoja.documents import Document
from tests.corpus import write_corpus

DISHUB = "Dinas Perhubungan Kota Jambi"
KIR_URL = "http://127.0.0.1:8710/layanan/12/uji-kir"
TRAYEK_URL = "http://127.0.0.1:8710/layanan/13/izin-trayek"
DOWNLOAD_URL = "http://127.0.0.1:8710/unduhan"


def docs(kir_confidence: float) -> list[Document]:
    return [
        Document(
            url=KIR_URL, source="dishub", opd=DISHUB, kind="page",
            title="Pengujian Berkala Kendaraan Bermotor (Uji KIR)",
            text="Uji KIR kendaraan angkutan barang dan orang. Persyaratan, prosedur, waktu "
                 "dan biaya uji KIR dapat dilihat pada dokumen Standar Pelayanan berikut.",
            fields={"kind_confidence": kir_confidence},
        ),
        Document(
            url=TRAYEK_URL, source="dishub", opd=DISHUB, kind="service",
            title="Izin Trayek Angkutan Kota",
            headings=["Persyaratan", "Biaya"],
            text="Izin trayek bagi angkutan kota. Persyaratan: fotokopi STNK, bukti lulus uji "
                 "KIR yang masih berlaku, fotokopi KTP pemilik. Biaya sesuai Perda retribusi.",
            fields={"requirements": ["Fotokopi STNK", "Bukti lulus uji KIR",
                                     "Fotokopi KTP pemilik"],
                    "cost": "Sesuai Perda", "kind_confidence": 1.0},
        ),
        Document(
            url=DOWNLOAD_URL, source="dishub", opd=DISHUB, kind="page",
            title="Unduhan", text="Standar Pelayanan Uji KIR\nStandar Pelayanan Izin Trayek",
            fields={"listing": True},
        ),
    ]


def searcher_for(tmp_path, kir_confidence: float) -> Searcher:
    write_corpus(tmp_path, docs(kir_confidence)).close()
    settings = load_settings(tmp_path, embedder="none")
    build_index(settings)
    return Searcher(settings)


def test_among_equal_pages_the_one_that_may_be_a_service_comes_first(tmp_path):
    """Two pages that match "uji kir" alike: the one extraction is unsure about (it may be
    the service itself) leads the one it is sure is only a page (a sure page keeps the full
    page prior, 0.81; an unsure one moves towards 0.89), even when the sure one says "KIR"
    once more."""
    unsure = docs(0.3)[0]
    sure = Document(
        url="http://127.0.0.1:8710/berita-uji-kir", source="dishub", opd=DISHUB, kind="page",
        title="Pengujian Berkala Kendaraan Bermotor (Uji KIR)",
        text="Uji KIR kendaraan angkutan barang dan orang. Persyaratan, prosedur, waktu "
             "dan biaya uji KIR dapat dilihat pada dokumen Standar Pelayanan berikut. KIR.",
    )
    for first, second in ((unsure, sure), (sure, unsure)):  # not by the order stored
        write_corpus(tmp_path / first.url[-6:], [first, second]).close()
        settings = load_settings(tmp_path / first.url[-6:], embedder="none")
        build_index(settings)
        searcher = Searcher(settings)
        try:
            urls = [r.url for r in searcher.search("uji kir").results]
        finally:
            searcher.close()
        assert urls[:2] == [KIR_URL, sure.url]


def test_explain_reports_exactly_the_multipliers_applied(tmp_path):
    searcher = searcher_for(tmp_path, 0.5)
    try:
        results = searcher.search("uji kir", explain=True).results
        by_url = {r.url: r for r in results}
        kir = by_url[KIR_URL].explain.priors
        cfg = RankingConfig()
        page = cfg.kind_prior["page"]
        assert kir == {"kind_prior": pytest.approx(kind_boost(page, 0.5, cfg.unsure_prior))}
        listing = by_url[DOWNLOAD_URL].explain.priors
        assert listing["listing_prior"] == RankingConfig().listing_prior
        assert listing["kind_prior"] == pytest.approx(page)
        trayek = by_url[TRAYEK_URL].explain.priors
        assert trayek == {"kind_prior": pytest.approx(1.0)}
        # after fusion ranking multiplies by the part of each prior not spent inside the
        # retrievers, and explain's boosts are exactly those multipliers
        after = 1.0 - RankingConfig().prior_signal_share
        for r in results:
            assert r.explain.boosts == {name: pytest.approx(value ** after)
                                        for name, value in r.explain.priors.items()}
            assert r.score == pytest.approx(
                r.explain.fused_score * math.prod(r.explain.boosts.values()), abs=1e-6)
    finally:
        searcher.close()


def test_explain_reports_no_prior_when_priors_are_off(tmp_path):
    write_corpus(tmp_path, docs(0.5)).close()
    settings = load_settings(tmp_path, embedder="none")
    build_index(settings)
    searcher = Searcher(settings, ranking=RankingConfig(use_priors=False))
    try:
        for r in searcher.search("uji kir", explain=True).results:
            assert r.explain.boosts == {} and r.explain.priors == {}
    finally:
        searcher.close()


def test_a_sure_kind_keeps_its_full_prior():
    assert kind_boost(0.75, 1.0, 0.85) == pytest.approx(0.75)
    assert kind_boost(1.0, 1.0, 0.85) == pytest.approx(1.0)
    assert kind_boost(0.75, 0.0, 0.85) == pytest.approx(0.85)


def test_a_query_that_is_a_pages_whole_name_finds_that_page(tmp_path):
    """The tax office's SPA is titled "e-Pajak Kota Jambi" and is a listing of its services;
    a citizen typing its name wants it, not a tax service that says "pajak" and "Kota Jambi"
    more often. A query that only shares words with the listing's title keeps the service
    first, as listings list many services."""
    listing = Document(url="http://127.0.0.1:8736/layanan", source="e-pajak", opd="BPPRD",
                       kind="page", title="e-Pajak Kota Jambi",
                       text="Pajak Reklame\nPajak Hiburan\nPajak Restoran",
                       fields={"listing": True})
    service = Document(
        url="http://127.0.0.1:8704/layanan.asp?id=10", source="bpprd", opd="BPPRD",
        kind="service", title="Pajak Reklame",
        text="Pajak reklame Kota Jambi dibayar di BPPRD Kota Jambi. Persyaratan pajak reklame: "
             "formulir pendaftaran pajak, KTP. Biaya sesuai Perda pajak daerah Kota Jambi.",
        fields={"requirements": ["Formulir pendaftaran", "KTP"], "cost": "Sesuai Perda"})
    write_corpus(tmp_path, [listing, service]).close()
    settings = load_settings(tmp_path, embedder="none")
    build_index(settings)
    searcher = Searcher(settings)
    try:
        named = searcher.search("e pajak kota jambi", explain=True).results
        shared = searcher.search("pajak kota jambi reklame").results
    finally:
        searcher.close()
    assert [r.url for r in named] == [listing.url, service.url]
    assert named[0].explain.boosts == {}  # no prior held it back
    assert shared[0].url == service.url


def test_a_page_titled_by_an_acronym_is_found_by_the_name_written_out(tmp_path):
    """The police clearance is titled "SKCK Baru dan Perpanjangan"; a citizen who writes
    "surat keterangan catatan kepolisian" must not get the kelurahan's "Surat Keterangan
    Domisili" first because its title shares "surat keterangan"."""
    skck = Document(
        url="http://127.0.0.1:8740/layanan/4/skck", source="mpp-portal", opd="MPP",
        kind="service", title="SKCK Baru dan Perpanjangan",
        text="Untuk melamar kerja. Persyaratan: fotokopi KTP, pas foto. Biaya PNBP Rp30.000.",
        fields={"requirements": ["Fotokopi KTP", "Pas foto"], "cost": "PNBP Rp30.000"})
    domisili = Document(
        url="http://127.0.0.1:8720/layanan/surat-keterangan-domisili.html", source="kec",
        opd="Kecamatan", kind="service", title="Surat Keterangan Domisili",
        headings=["Surat Keterangan Domisili", "Persyaratan"],
        text="Surat keterangan domisili dari kelurahan. Persyaratan: surat pengantar RT, "
             "surat keterangan domisili daerah asal. Biaya gratis.",
        fields={"requirements": ["Surat pengantar RT"], "cost": "Gratis"})
    write_corpus(tmp_path, [skck, domisili]).close()
    settings = load_settings(tmp_path, embedder="none")
    build_index(settings)
    searcher = Searcher(settings)
    try:
        urls = [r.url for r in searcher.search(
            "persyaratan surat keterangan catatan kepolisian").results]
    finally:
        searcher.close()
    assert urls[0] == skck.url


def test_a_group_carried_by_a_copy_yields_a_near_tie_to_a_page_that_matches_itself():
    """The MPP re-lists PDAM's "Pasang Baru"; its copy scores a hair above PDAM's own
    "Pengaduan Gangguan" for "air pdam keruh". The group shows PDAM's page, which matched
    far less itself: the complaint page, which matched on its own text, comes first. A copy
    clearly ahead still lifts the page it copies."""
    from indexer.backend import DocMeta
    from indexer.fusion import Fused
    from indexer.search import _collapse

    def meta(i: str, group: str | None = None) -> DocMeta:
        return DocMeta(id=i, url=f"http://x/{i}", title=i, opd="o", kind="service",
                       group_id=group)

    docs = {m.id: m for m in (meta("copy", "own"), meta("own", "own"), meta("gangguan"))}
    near = [Fused("copy", 0.0386), Fused("gangguan", 0.0380), Fused("own", 0.0333)]
    assert [f.id for f, _ in _collapse(near, docs, 0.97)] == ["gangguan", "own"]
    assert [f.id for f, _ in _collapse(near, docs, 1.0)] == ["own", "gangguan"]
    clear = [Fused("copy", 0.0450), Fused("gangguan", 0.0380), Fused("own", 0.0333)]
    ranked = _collapse(clear, docs, 0.97)
    assert [f.id for f, _ in ranked] == ["own", "gangguan"]
    assert ranked[0][1] == ["http://x/copy"]
