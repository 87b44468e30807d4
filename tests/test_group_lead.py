"""Which page a near-duplicate group shows: the canonical one, unless the query names the
office of another member. Kecamatan publish one standard text, so two kecamatan's SKTM pages
are one group; a citizen who names Jambi Timur needs Jambi Timur's office, not the one the
group happens to be keyed on."""

from __future__ import annotations

import pytest

from sikoja.documents import Document
from tests.corpus import keyword_searcher

TELANAI = "http://127.0.0.1:8701/layanan/sktm.html"
TIMUR = "http://127.0.0.1:8702/layanan/sktm"
TEXT = ("Surat Keterangan Tidak Mampu (SKTM) untuk keringanan biaya sekolah dan berobat. "
        "Persyaratan: surat pengantar RT/RW, fotokopi KTP dan KK. Biaya: gratis. "
        "Waktu: 1 hari kerja.")


def sktm(url: str, source: str, opd: str, group: str | None) -> Document:
    return Document(url=url, source=source, opd=opd, kind="service", group_id=group,
                    title="Surat Keterangan Tidak Mampu (SKTM)", text=TEXT)


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    docs = [
        sktm(TELANAI, "kec-telanaipura", "Kecamatan Telanaipura", TELANAI),
        sktm(TIMUR, "kec-jambitimur", "Kecamatan Jambi Timur", TELANAI),
        Document(url="http://127.0.0.1:8703/berita/1", source="dinsos", opd="Dinas Sosial",
                 kind="news", title="Penyaluran bantuan sosial",
                 text="Dinas Sosial menyalurkan bantuan bagi keluarga tidak mampu."),
    ]
    s = keyword_searcher(tmp_path_factory.mktemp("groups"), docs)
    yield s
    s.close()


def test_the_group_shows_its_canonical_page_when_no_office_is_named(searcher):
    first = searcher.search("syarat sktm").results[0]
    assert first.url == TELANAI and TIMUR in first.also_at


@pytest.mark.parametrize("query", ["sktm kecamatan jambi timur", "syarat sktm di jambi timur"])
def test_the_office_the_query_names_leads_its_group(searcher, query):
    results = searcher.search(query).results
    assert results[0].url == TIMUR and TELANAI in results[0].also_at
    assert TIMUR not in [r.url for r in results[1:]] and TELANAI not in [r.url for r in results]


def test_naming_the_canonical_office_keeps_it(searcher):
    first = searcher.search("sktm kecamatan telanaipura").results[0]
    assert first.url == TELANAI and TIMUR in first.also_at


# Kelurahan offices named by the place alone, as citizens say it ("surat kematian tanjung
# pinang"): the kelurahan name is enough, no "kelurahan" needed (issue #11).
PINANG = "http://127.0.0.1:8711/layanan/surat-kematian"
PUTRI = "http://127.0.0.1:8712/layanan/surat-kematian"
PUTRI_DOMISILI = "http://127.0.0.1:8712/layanan/surat-domisili"
PINANG_DOMISILI = "http://127.0.0.1:8711/layanan/surat-domisili"
PINANG_PINDAH = "http://127.0.0.1:8711/layanan/surat-pindah"
PUTRI_PINDAH = "http://127.0.0.1:8712/layanan/surat-pindah"
KEMATIAN = ("Surat keterangan kematian dari kelurahan untuk mengurus akta kematian. "
            "Persyaratan: surat pengantar RT, KTP almarhum, KK. Biaya: gratis.")
PINDAH = ("Surat pengantar pindah keluar bagi warga yang pindah ke luar kota. "
          "Persyaratan: KK, KTP-el. Biaya: gratis.")


def kelurahan(url: str, place: str, title: str, text: str, group: str) -> Document:
    return Document(url=url, source=f"kel-{place.replace(' ', '').casefold()}",
                    opd=f"Kelurahan {place}", kind="service", group_id=group,
                    title=title, text=text)


@pytest.fixture(scope="module")
def places(tmp_path_factory):
    domisili = ("Surat keterangan domisili bagi warga kelurahan, juga warga yang baru "
                "pindah ke kelurahan. Persyaratan: pengantar RT, KTP, KK.")
    docs = [
        kelurahan(PUTRI, "Sungai Putri", "Surat Keterangan Kematian", KEMATIAN, PUTRI),
        kelurahan(PINANG, "Tanjung Pinang", "Surat Keterangan Kematian", KEMATIAN, PUTRI),
        kelurahan(PUTRI_DOMISILI, "Sungai Putri", "Surat Keterangan Domisili",
                  domisili, PUTRI_DOMISILI),
        kelurahan(PINANG_DOMISILI, "Tanjung Pinang", "Surat Keterangan Domisili",
                  domisili, PUTRI_DOMISILI),
        kelurahan(PUTRI_PINDAH, "Sungai Putri", "Surat Keterangan Pindah", PINDAH, PUTRI_PINDAH),
        kelurahan(PINANG_PINDAH, "Tanjung Pinang", "Surat Keterangan Pindah", PINDAH,
                  PUTRI_PINDAH),
        Document(url="http://127.0.0.1:8713/layanan/ktp", source="kec-kotabaru",
                 opd="Kecamatan Kota Baru", kind="service", group_id=None,
                 title="Pengantar KTP Baru", text="Pengantar KTP-el baru dari kecamatan."),
        Document(url="http://127.0.0.1:8714/layanan/ktp", source="disdukcapil",
                 opd="Dinas Kependudukan dan Pencatatan Sipil", kind="service",
                 group_id="http://127.0.0.1:8713/layanan/ktp",
                 title="Pengantar KTP Baru", text="Pengantar KTP-el baru dari kecamatan."),
        # offices that are not kelurahan, as on any city web: "kelurahan" is then a word of
        # a few OPD names, which names none of them alone
        *(Document(url=f"http://127.0.0.1:872{n}/berita/1", source=source, opd=opd,
                   kind="news", title=f"Berita {opd}", text=f"Kegiatan {opd} pekan ini.")
          for n, (source, opd) in enumerate([("dinsos", "Dinas Sosial"),
                                              ("dishub", "Dinas Perhubungan"),
                                              ("dinkes", "Dinas Kesehatan"),
                                              ("dlh", "Dinas Lingkungan Hidup")])),
    ]
    s = keyword_searcher(tmp_path_factory.mktemp("places"), docs)
    yield s
    s.close()


@pytest.mark.parametrize("query", ["syarat surat kematian tanjung pinang",
                                   "surat keterangan kematian di tanjung pinang"])
def test_the_kelurahan_a_query_names_by_place_leads_its_group(places, query):
    first = places.search(query).results[0]
    assert first.url == PINANG and PUTRI in first.also_at


def test_a_place_is_named_only_by_its_words_in_order(places):
    # "baru" and "kota" are in the query, "kota baru" is not: Kecamatan Kota Baru stays the
    # group's own page only because it is the canonical one, and it shows nothing else
    first = places.search("pengantar ktp baru kota jambi").results[0]
    assert first.opd == "Kecamatan Kota Baru"
    assert places._opds().said(places.analyze("pengantar ktp baru kota jambi")) == frozenset()
    assert places._opds().said(places.analyze("pengantar ktp kota baru")) == {
        "Kecamatan Kota Baru"}


def test_the_place_picks_the_page_not_the_service(places):
    # naming Tanjung Pinang shows its copies; which service leads is the query's other words
    results = places.search("cara urus surat pindah di tanjung pinang").results
    assert results[0].url == PINANG_PINDAH and PUTRI_PINDAH in results[0].also_at
    assert [r.opd for r in results[:3]] == ["Kelurahan Tanjung Pinang"] * 3


def test_the_office_the_query_names_leads_a_near_tie():
    """ "ikd dukcapil simpel" (tuning web): the app catalog's "IKD" entry (Diskominfo) scored
    0.0338, Disdukcapil's own "Aktivasi IKD" 0.0333; the query names Disdukcapil, whose
    page leads. A clear lead stays, and so does a first result of the office named, or of
    a group that has a page of it."""
    from indexer.backend import DocMeta
    from indexer.fusion import Fused
    from indexer.search import _collapse, _groups, _office_lead

    def meta(i: str, opd: str, group: str | None = None) -> DocMeta:
        return DocMeta(id=i, url=f"http://x/{i}", title=i, opd=opd, kind="service",
                       group_id=group)

    dukcapil = "Dinas Kependudukan dan Pencatatan Sipil"
    docs = {m.id: m for m in (meta("catalog", "Diskominfo"), meta("own", dukcapil),
                              meta("mpp", "MPP", "mpp"), meta("copy", dukcapil, "mpp"))}

    def first(scores: dict[str, float], named: frozenset[str] = frozenset({dukcapil})) -> str:
        ranked = sorted((Fused(i, v) for i, v in scores.items()), key=lambda f: -f.score)
        collapsed = _collapse(ranked, docs, 0.97)
        return _office_lead(collapsed, _groups(ranked, docs)[0], docs, named, 0.05, 3)[0][0].id

    assert first({"catalog": 0.0338, "own": 0.0333}) == "own"
    assert first({"catalog": 0.0338, "own": 0.0333}, frozenset()) == "catalog"
    assert first({"catalog": 0.0380, "own": 0.0333}) == "catalog"  # 12% ahead
    assert first({"own": 0.0338, "catalog": 0.0336}) == "own"
    # the MPP's group holds Disdukcapil's copy: it is the office's already
    assert first({"mpp": 0.0338, "copy": 0.0300, "own": 0.0333}) == "mpp"


def test_an_app_a_query_names_names_the_office_that_runs_it(tmp_path):
    """An OPD runs several sites ("bpprd", and its app "sipanda-bpprd"): the app's name,
    a word of no lexicon, names the office ("cek tagihan pbb sipanda"), whichever of its
    sites' pages the index read first; a source word that is a word ("kartu" of
    "kartu-bahagia") names nothing."""
    bpprd = "Badan Pengelola Pajak dan Retribusi Daerah"
    docs = [
        Document(url="http://127.0.0.1:8751/layanan/pbb", source="bpprd", opd=bpprd,
                 kind="service", title="Informasi Tagihan PBB-P2",
                 text="Cek tagihan PBB-P2 di loket BPPRD."),
        Document(url="http://127.0.0.1:8752/", source="sipanda-bpprd", opd=bpprd,
                 kind="app", title="SIPANDA", text="Aplikasi pajak daerah."),
        Document(url="http://127.0.0.1:8753/", source="kartu-bahagia",
                 opd="Pemerintah Kota", kind="page", title="Kartu Bahagia",
                 text="Program kartu bahagia."),
        *(Document(url=f"http://127.0.0.1:876{n}/berita/1", source=source, opd=opd,
                   kind="news", title=f"Berita {opd}", text=f"Kegiatan {opd} pekan ini.")
          for n, (source, opd) in enumerate([("dinsos", "Dinas Sosial"),
                                              ("dishub", "Dinas Perhubungan")])),
    ]
    searcher = keyword_searcher(tmp_path, docs)
    try:
        said = searcher._opds().said
        assert said(searcher.analyze("cek tagihan pbb sipanda")) == {bpprd}
        assert said(searcher.analyze("kartu keluarga")) == frozenset()
    finally:
        searcher.close()


def test_an_app_a_query_names_shows_its_own_page_of_a_service(tmp_path):
    """Disdukcapil's website and its app SIAPDUK publish one text of a service, so the two
    pages are one group, of one OPD: "akta perceraian siapduk" shows the app's page, and
    without the app's name the group shows its canonical page."""
    dukcapil = "Dinas Kependudukan dan Pencatatan Sipil"
    site = "http://127.0.0.1:8701/layanan/akta-perceraian"
    app = "http://127.0.0.1:8787/layanan/akta-perceraian"
    text = ("Akta Perceraian dicatat bagi penduduk yang bercerai. Persyaratan: salinan putusan "
            "pengadilan, KK dan KTP-el. Biaya: gratis. Waktu: 3 hari kerja.")
    docs = [
        Document(url=site, source="disdukcapil", opd=dukcapil, kind="service",
                 title="Akta Perceraian", text=text, group_id=site),
        Document(url=app, source="siapduk-dukcapil", opd=dukcapil, kind="service",
                 title="Akta Perceraian", text=text, group_id=site),
        Document(url="http://127.0.0.1:8703/berita/1", source="dinsos", opd="Dinas Sosial",
                 kind="news", title="Berita Dinas Sosial", text="Kegiatan pekan ini."),
    ]
    searcher = keyword_searcher(tmp_path, docs)
    try:
        first = searcher.search("akta perceraian siapduk").results[0]
        assert first.url == app and site in first.also_at
        first = searcher.search("akta perceraian").results[0]
        assert first.url == site and app in first.also_at
    finally:
        searcher.close()
