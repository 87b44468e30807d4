"""The answer card when the runner-up is the same service at another office (issue #12).

A Mal Pelayanan Publik counter, a kecamatan's post of the dinas's service: two offices
publish one service, and the card would be right on either. Such a copy is not the card's
rival (indexer/search.py ``Searcher._copy``): the card shows for a query naming the service
though the copy ranks close behind. Two different services at one office ("Akta Kematian"
and "Legalisir Akta Kematian", the one's title within the other's as a copy's may
be) are still rivals, and a close one holds the card back.
"""

from __future__ import annotations

import pytest

from sikoja.documents import Document
from tests.corpus import keyword_searcher

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
# a title holding the first's
DEATH_AT_KECAMATAN = _service(
    "http://127.0.0.1:8792/pelayanan/akta-kematian", KECAMATAN, "Pencatatan Akta Kematian",
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
                                     ("Pencatatan Akta Kematian", KECAMATAN)]), titles
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
    analysis = two_offices.analyze(QUERY)
    words = two_offices._query_words(analysis, two_offices.backend.vocabulary())
    dinas, kecamatan = metas[DUKCAPIL], metas[KECAMATAN]
    nowhere = frozenset()
    assert two_offices._copy(dinas, words, nowhere, nowhere)(kecamatan)
    assert not two_offices._copy(dinas, words, frozenset({KECAMATAN}), nowhere)(kecamatan)
    assert two_offices._copy(kecamatan, words, frozenset({KECAMATAN}), nowhere)(dinas)
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
