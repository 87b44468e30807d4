"""The answer card when the runner-up is the same service at another office (issue #12).

A Mal Pelayanan Publik counter, a kecamatan's post of the dinas's service: two offices
publish one service, and the card would be right on either. Such a copy (a near-duplicate
of the top, or the same title words once office words are set aside) is not the card's
rival (indexer/search.py ``Searcher._copy``): the card shows for a query naming the service
though the copy ranks close behind, and its ``also_at`` names the copy. Two different
services ("Akta Kematian" and "Legalisir Akta Kematian", the one's title within the
other's), at one office or at two, are still rivals, and a close one holds the card back;
``also_at`` lists services and apps only, one per office.
"""

from __future__ import annotations

import dataclasses

import pytest

from indexer.search import _card_office
from sikoja.documents import Document
from tests.corpus import keyword_searcher, write_corpus

QUERY = "akta kematian orang tua meninggal"
DUKCAPIL = "Dinas Kependudukan dan Pencatatan Sipil Kota Jambi"
KECAMATAN = "Kecamatan Jambi Selatan"


def _service(url: str, opd: str, title: str, text: str, requirements: list[str]) -> Document:
    return Document(url=url, source=url.split("/")[2], opd=opd, kind="service", title=title,
                    text=text, fields={"requirements": requirements, "cost": "Gratis"})


DEATH = _service(
    "http://127.0.0.1:8791/layanan/akta-kematian.html", DUKCAPIL, "Akta Kematian",
    "Akta kematian dicatat untuk penduduk yang meninggal dunia, dilaporkan ahli waris atau "
    "anak dari orang tua yang meninggal. Persyaratan: surat keterangan kematian dari rumah "
    "sakit atau kelurahan, KTP-el dan Kartu Keluarga almarhum. Biaya gratis, selesai 3 hari.",
    ["Surat keterangan kematian", "KTP-el almarhum", "Kartu Keluarga"])
# the same service, another office's page of it: its own words, not a near-duplicate, and
# the same title
DEATH_AT_KECAMATAN = _service(
    "http://127.0.0.1:8792/pelayanan/akta-kematian", KECAMATAN, "Akta Kematian",
    "Warga Jambi Selatan yang orang tua atau keluarganya meninggal dapat mengajukan akta "
    "kematian lewat kantor camat melalui layanan jemput bola Disdukcapil. Bawa surat "
    "kematian dari kelurahan dan KK. Tidak dipungut biaya.",
    ["Surat kematian dari kelurahan", "Kartu Keluarga"])
# another service of the first office, its title holding the first's
LEGALISE = _service(
    "http://127.0.0.1:8791/layanan/legalisir-akta-kematian.html", DUKCAPIL,
    "Legalisir Akta Kematian",
    "Legalisir kutipan akta kematian untuk ahli waris, misalnya anak dari orang tua yang "
    "meninggal yang mengurus warisan atau pensiun. Bawa akta kematian asli dan fotokopinya. "
    "Biaya gratis.",
    ["Akta kematian asli", "Fotokopi akta kematian"])
# the rest of a city's services: a word on half the index's pages tells no service apart
# (``Searcher._common``), so the index holds more than the death certificate's pages
OTHERS = [
    *(_service(f"http://127.0.0.1:8794/layanan/{slug}", opd, title, text, ["KTP-el"])
      for slug, opd, title, text in (
          ("sktm", "Kelurahan Legok", "Surat Keterangan Tidak Mampu",
           "SKTM untuk keringanan biaya sekolah dan berobat. Bawa pengantar RT."),
          ("domisili", "Kelurahan Legok", "Surat Keterangan Domisili",
           "Keterangan tempat tinggal bagi warga yang baru pindah. Bawa pengantar RT."),
          ("reklame", "Badan Pengelola Pajak dan Retribusi Daerah", "Pajak Reklame",
           "Pajak atas pemasangan baliho, spanduk dan papan nama usaha."),
          ("sampah", "Dinas Lingkungan Hidup", "Pengaduan Sampah Belum Terangkut",
           "Laporkan tumpukan sampah di TPS yang belum diangkut petugas."),
          ("ckg", "UPTD Puskesmas Koni", "Cek Kesehatan Gratis",
           "Pemeriksaan tensi, gula darah dan kolesterol tanpa biaya di puskesmas."),
          ("nib", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Jambi",
           "Nomor Induk Berusaha", "NIB untuk usaha mikro lewat OSS RBA, gratis."))),
    _service("http://127.0.0.1:8791/layanan/kartu-keluarga.html", DUKCAPIL,
             "Penerbitan Kartu Keluarga Baru",
             "Kartu Keluarga baru untuk pasangan yang baru menikah atau pisah KK. Persyaratan: "
             "buku nikah, surat pengantar RT. Biaya gratis.", ["Buku nikah", "Pengantar RT"]),
    _service("http://127.0.0.1:8793/layanan/pbg", "Dinas Penanaman Modal dan Pelayanan "
             "Terpadu Satu Pintu Kota Jambi", "Persetujuan Bangunan Gedung (PBG)",
             "Persetujuan bangunan gedung sebelum membangun rumah atau ruko. Persyaratan: "
             "gambar rencana, bukti kepemilikan tanah.", ["Gambar rencana", "Sertifikat tanah"]),
]


@pytest.fixture(scope="module")
def two_offices(tmp_path_factory):
    searcher = keyword_searcher(tmp_path_factory.mktemp("copies"),
                                [DEATH, DEATH_AT_KECAMATAN, *OTHERS])
    yield searcher
    searcher.close()


@pytest.fixture(scope="module")
def one_office(tmp_path_factory):
    searcher = keyword_searcher(tmp_path_factory.mktemp("siblings"), [DEATH, LEGALISE, *OTHERS])
    yield searcher
    searcher.close()


def test_the_same_service_at_another_office_does_not_hold_the_card_back(two_offices):
    """Both offices' pages of the death certificate rank first and second, close together;
    the citizen gets the card of the first, which the second would answer alike, and the
    card names the second as where else the service is."""
    response = two_offices.search(QUERY, explain=True)
    titles = [(r.title, r.opd) for r in response.results[:2]]
    assert sorted(titles) == sorted([("Akta Kematian", DUKCAPIL),
                                     ("Akta Kematian", KECAMATAN)]), titles
    first, second = response.results[:2]
    gap = (first.score - second.score) / first.score
    assert gap < 0.1, (first.score, second.score)  # a near tie
    signals = response.analysis.card
    assert signals["margin"] > 5 * gap, signals  # read against the next other service
    assert response.answer is not None and response.answer.title == first.title
    # and it says where else the service is: the copy, at its own office
    assert [(c.title, c.opd, c.url) for c in response.answer.also_at] == [
        (second.title, second.opd, second.url)]
    assert two_offices.search(QUERY).answer is not None  # the plain search shows it too


def test_a_copy_where_the_query_asks_is_still_the_rival(two_offices):
    """A citizen naming where ("... di kecamatan jambi selatan") asks for that office's
    page: were another office's page first, the copy at the office named would stay its
    rival. Named nowhere, or the top itself where named, the copy is no rival."""
    metas = {m.opd: m for m in two_offices.backend.all_meta() if "Kematian" in m.title}
    dinas, kecamatan = metas[DUKCAPIL], metas[KECAMATAN]
    nowhere = frozenset()
    assert two_offices._copy(dinas, nowhere, nowhere)(kecamatan)
    assert not two_offices._copy(dinas, frozenset({KECAMATAN}), nowhere)(kecamatan)
    assert two_offices._copy(kecamatan, frozenset({KECAMATAN}), nowhere)(dinas)
    response = two_offices.search(f"{QUERY} di kecamatan jambi selatan")
    assert response.results[0].opd == KECAMATAN, response.results[0].opd
    assert response.answer is not None and response.answer.opd == KECAMATAN


def test_two_services_of_one_office_close_together_hold_the_card_back(one_office):
    """The death certificate and its legalisation, both of Disdukcapil, say the query alike:
    at one office a title within another's is another service, the runner-up is its rival,
    and the card waits (a legalisation card for a citizen
    who needs the certificate would be a wasted trip)."""
    response = one_office.search(QUERY, explain=True)
    titles = {r.title for r in response.results[:2]}
    assert titles == {"Akta Kematian", "Legalisir Akta Kematian"}, titles
    signals = response.analysis.card
    assert signals["rival_sibling"] == 1.0, signals  # the one title within the other's
    assert signals["margin"] < 0.1, signals  # read against the other service
    assert response.answer is None, response.answer.title
    assert one_office.search(QUERY).answer is None


TELANAIPURA = "Kecamatan Telanaipura"
MPP = "Mal Pelayanan Publik Kota Jambi"


def _at(doc: Document, opd: str, url: str, **changes) -> Document:
    return dataclasses.replace(doc, opd=opd, url=url, source=url.split("/")[2], **changes)


@pytest.fixture(scope="module")
def nested_offices(tmp_path_factory):
    """The legalisation, a kecamatan's service, beside Disdukcapil's death certificate."""
    legalise = _at(LEGALISE, TELANAIPURA,
                   "http://127.0.0.1:8795/pelayanan/legalisir-akta-kematian")
    searcher = keyword_searcher(tmp_path_factory.mktemp("nested"), [DEATH, legalise, *OTHERS])
    yield searcher
    searcher.close()


def test_nested_titles_at_two_offices_hold_the_card_back(nested_offices):
    """A title within another's is no copy at another office either: "Legalisir Akta
    Kematian" at a kecamatan is another service than Disdukcapil's "Akta Kematian", the
    card's rival, and the card waits; neither is the other's ``also_at``."""
    response = nested_offices.search(QUERY, explain=True)
    titles = {(r.title, r.opd) for r in response.results[:2]}
    assert titles == {("Akta Kematian", DUKCAPIL), ("Legalisir Akta Kematian", TELANAIPURA)}
    assert response.analysis.card["margin"] < 0.1, response.analysis.card
    assert response.answer is None, response.answer
    metas = {m.opd: m for m in nested_offices.backend.all_meta() if "Kematian" in m.title}
    nowhere = frozenset()
    assert not nested_offices._copy(metas[DUKCAPIL], nowhere, nowhere)(metas[TELANAIPURA])
    assert not nested_offices._copy(metas[TELANAIPURA], nowhere, nowhere)(metas[DUKCAPIL])


# the death certificate as an MPP re-lists it: a near-duplicate, collapsed into the dinas's,
# of the same title (a group member is a copy only by the title rule: the groups are broad)
DEATH_AT_MPP = _at(DEATH, MPP, "http://127.0.0.1:8796/layanan/akta-kematian",
                   title="Akta Kematian", group_id=DEATH.url)
# the kecamatan's second page of the service (its desk at a kelurahan): the same office
DEATH_AT_KECAMATAN_DESK = _at(
    DEATH_AT_KECAMATAN, KECAMATAN, "http://127.0.0.1:8792/pelayanan/akta-kematian-loket",
    text="Loket jemput bola akta kematian di kantor camat setiap Senin. Bawa surat "
         "kematian dan KK.")
# news of the service on another office's site: no card of its own, so no copy
DEATH_NEWS = Document(
    url="http://127.0.0.1:8797/berita/akta-kematian", source="127.0.0.1:8797",
    opd="Kelurahan Legok", kind="news", title="Akta Kematian",
    text="Kelurahan Legok mengingatkan warga: akta kematian orang tua yang meninggal diurus "
         "di Disdukcapil tanpa biaya.")


@pytest.fixture(scope="module")
def many_offices(tmp_path_factory):
    searcher = keyword_searcher(tmp_path_factory.mktemp("many"), [
        DEATH, DEATH_AT_MPP, DEATH_AT_KECAMATAN, DEATH_AT_KECAMATAN_DESK, DEATH_NEWS,
        *OTHERS])
    yield searcher
    searcher.close()


def test_also_at_lists_the_group_first_then_services_one_per_office(many_offices):
    """``also_at`` names the MPP's re-listing collapsed into the top first, then the
    kecamatan once for its two pages, and not the kelurahan's news of the service."""
    response = many_offices.search(QUERY)
    assert response.answer is not None and response.answer.opd == DUKCAPIL, response.answer
    assert DEATH_AT_MPP.url in response.results[0].also_at  # collapsed into the top
    assert "Kelurahan Legok" in {r.opd for r in response.results}  # the news is a result
    assert [c.opd for c in response.answer.also_at] == [MPP, KECAMATAN], \
        response.answer.also_at


GENERIC = [
    _service(f"http://127.0.0.1:8798/layanan/{slug}", opd, title,
             f"Layanan {slug} di puskesmas dan rumah sakit. Bawa KTP-el.", ["KTP-el"])
    for slug, opd, title in (
        ("umum", "UPTD Puskesmas Koni", "Layanan Kesehatan"),
        ("umum-2", "UPTD Puskesmas Simpang Kawat", "Layanan Kesehatan"),
        ("gigi", "UPTD Puskesmas Koni", "Kesehatan Gigi"),
        ("jiwa", "Dinas Kesehatan Kota Jambi", "Kesehatan Jiwa"),
        ("lansia", "Dinas Kesehatan Kota Jambi", "Kesehatan Lansia"))]


def test_a_title_left_with_one_generic_word_has_no_copy(tmp_path):
    """"Layanan Kesehatan" at two puskesmas: once the words on half the index are set
    aside the titles say only "kesehatan", which six services' titles write; nothing
    says they are one service, so neither is the other's copy."""
    others = [dataclasses.replace(d, text=f"Layanan {d.text}") for d in OTHERS]
    searcher = keyword_searcher(tmp_path, [*GENERIC, *others])
    try:
        metas = {m.url: m for m in searcher.backend.all_meta()}
        one, other = (metas[d.url] for d in GENERIC[:2])
        assert "layan" in searcher._common()
        nowhere = frozenset()
        assert not searcher._copy(one, nowhere, nowhere)(other)
        # a rarer word is a service's name: "Kesehatan Gigi" at two offices is one
        gigi = dataclasses.replace(metas[GENERIC[2].url], opd="UPTD Puskesmas Simpang Kawat",
                                   id="gigi-2")
        assert searcher._copy(metas[GENERIC[2].url], nowhere, nowhere)(gigi)
    finally:
        searcher.close()


DISKOMINFO = "Dinas Komunikasi dan Informatika Kota Jambi"
DP3A = "Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kota Jambi"


def _catalog_searcher(tmp_path, docs, app):
    from indexer.build import build_index
    from indexer.search import Searcher
    from sikoja.config import load_settings

    store = write_corpus(tmp_path, [*docs, *OTHERS])
    store.put_app(app)
    store.close()
    settings = load_settings(tmp_path, embedder="none")
    build_index(settings)
    return Searcher(settings, embedder=False)


# an app of DP3A, and the catalog's entry for it: a page on Diskominfo's site
PITA_MOLIN_URL = "http://127.0.0.1:8799/aplikasi/pita-molin"
PITA_MOLIN = [
    Document(url=PITA_MOLIN_URL, source="127.0.0.1:8799", opd=DISKOMINFO, kind="page",
             title="PITA MOLIN",
             text="PITA MOLIN, aplikasi pengaduan kekerasan terhadap perempuan dan anak."),
    Document(url="http://127.0.0.1:8800/layanan/pita-molin", source="127.0.0.1:8800",
             opd=DP3A, kind="app", title="PITA MOLIN",
             text="Aplikasi PITA MOLIN untuk melapor kekerasan terhadap perempuan dan anak. "
                  "PITA MOLIN.", fields={"platform": "Android"})]
PITA_MOLIN_ENTRY = Document(url=PITA_MOLIN_URL, source="katalog", opd=DP3A, kind="app",
                            title="PITA MOLIN", text="Aplikasi pengaduan kekerasan anak.",
                            parent_url="http://127.0.0.1:8801/katalog")


def test_a_catalog_apps_copies_are_read_against_its_provider(tmp_path):
    """A page on Diskominfo's site that the app catalog lists as Dinas PPPA's app gets an
    app card of Dinas PPPA: the provider's own page of the app is no copy of it at
    "another office" (the catalog's) for ``also_at`` to name."""
    url = PITA_MOLIN_URL
    searcher = _catalog_searcher(tmp_path, PITA_MOLIN, PITA_MOLIN_ENTRY)
    try:
        top = next(m for m in searcher.backend.all_meta() if m.url == url)
        doc = searcher.backend.get([top.id])[top.id]
        assert doc.fields["app"]["opd"] == DP3A, doc.fields
        assert _card_office(doc) == DP3A
        provider = next(m for m in searcher.backend.all_meta() if m.opd == DP3A)
        nowhere = frozenset()
        assert not searcher._copy(top, nowhere, nowhere, _card_office(doc))(provider)
        response = searcher.search("aplikasi pita molin")
        if response.answer is not None:
            assert DP3A not in {c.opd for c in response.answer.also_at}, response.answer
    finally:
        searcher.close()


def test_a_group_member_with_another_title_is_no_copy(tmp_path):
    """The indexer's near-duplicate groups are broad: a kelurahan's "Surat Keterangan
    Kematian" grouped with Disdukcapil's "Akta Kematian" is another service, which the
    card's rival does not skip and ``also_at`` does not name; the MPP's re-listing of the
    same title in the same group still is a copy."""
    letter = _at(DEATH, "Kelurahan Legok", "http://127.0.0.1:8797/layanan/sk-kematian",
                 title="Surat Keterangan Kematian", group_id=DEATH.url)
    searcher = keyword_searcher(tmp_path, [DEATH, DEATH_AT_MPP, letter, *OTHERS])
    try:
        metas = {m.url: m for m in searcher.backend.all_meta()}
        top, mpp, kelurahan = metas[DEATH.url], metas[DEATH_AT_MPP.url], metas[letter.url]
        assert (kelurahan.group_id or kelurahan.id) == (top.group_id or top.id)
        nowhere = frozenset()
        assert searcher._copy(top, nowhere, nowhere)(mpp)
        assert not searcher._copy(top, nowhere, nowhere)(kelurahan)
        response = searcher.search(QUERY)
        if response.answer is not None:
            assert "Kelurahan Legok" not in {c.opd for c in response.answer.also_at}
    finally:
        searcher.close()


def test_the_title_counts_and_office_words_change_version_at_once(two_offices):
    """Another API thread may read the title counts whenever the first request's thread
    stores them: at every attribute the searcher sets while it computes them, a reader
    already told the version is current gets that version's counts, not an empty dict
    (the generic-title rule of ``_copy_of`` off for its request; review 19)."""
    seen: list[int] = []

    class Probing(type(two_offices)):
        probing = False

        def __setattr__(self, name, value):
            super().__setattr__(name, value)
            if not Probing.probing:
                Probing.probing = True
                try:
                    seen.append(len(self._title_counts()))
                finally:
                    Probing.probing = False

    searcher = object.__new__(Probing)
    vars(searcher).update({k: v for k, v in vars(two_offices).items()
                           if k not in ("_titled_cache", "_office", "_counts")})
    object.__setattr__(searcher, "_titled_cache", (None, frozenset(), {}))
    object.__setattr__(searcher, "_office", (None, frozenset()))
    object.__setattr__(searcher, "_counts", {})
    counts = searcher._title_counts()
    assert counts and searcher._office_words()
    assert seen and all(n == len(counts) for n in seen), (seen, len(counts))


def _also_at(searcher, query, limit):
    answer = searcher.search(query, limit=limit).answer
    return answer and (answer.opd, [(c.opd, c.url) for c in answer.also_at])


def test_a_copy_listed_by_the_catalog_is_named_by_its_provider(tmp_path):
    """The catalog's page of DP3A's app on Diskominfo's site carries DP3A's card: below
    DP3A's own card of the app it is no copy at "Diskominfo" (review 19: ``also_at`` named
    the catalog's site for a page whose own card is DP3A's), whatever ``limit``."""
    searcher = _catalog_searcher(tmp_path, PITA_MOLIN, PITA_MOLIN_ENTRY)
    try:
        shown = [_also_at(searcher, "pita molin android", limit) for limit in (10, 1)]
        assert shown[0] is not None and shown[0][0] == DP3A, shown
        assert shown == [(DP3A, [])] * 2, shown
    finally:
        searcher.close()


def test_also_at_reads_a_page_carrying_a_card_through_its_app_fields(tmp_path):
    """A page that carries a card only through the catalog's app fields is named in
    ``also_at`` whether or not the page of results shown (``limit``) read it (review 19)."""
    url = "http://127.0.0.1:8799/layanan"
    searcher = _catalog_searcher(tmp_path, [
        _service("http://127.0.0.1:8800/layanan/izin-reklame", DP3A, "Izin Reklame Online",
                 "Izin reklame online: ajukan izin reklame lewat aplikasi. Izin reklame "
                 "online gratis.", ["KTP-el"]),
        Document(url=url, source="127.0.0.1:8799", opd=DISKOMINFO, kind="page",
                 title="Izin Reklame Online", text="Daftar layanan izin reklame online.",
                 fields={"listing": True})],
        Document(url=url, source="katalog", opd=DISKOMINFO, kind="app",
                 title="Izin Reklame Online", text="Aplikasi izin reklame.",
                 parent_url="http://127.0.0.1:8801/katalog"))
    try:
        shown = [_also_at(searcher, "izin reklame online", limit) for limit in (10, 1)]
        assert shown == [(DP3A, [(DISKOMINFO, url)])] * 2, shown
    finally:
        searcher.close()
