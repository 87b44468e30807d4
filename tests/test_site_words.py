"""A site's own name in its page titles (indexer.site_words): a query naming the place
finds the page about the service, not any page whose title holds the name."""

from __future__ import annotations

from dataclasses import replace

import pytest

import indexer.site_words
from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.documents import Document
from tests.corpus import write_corpus

KEL = "Kelurahan Rawa Sari"
SITE = "http://127.0.0.1:8790"
DOMISILI_URL = f"{SITE}/artikel/domisili"
KEMATIAN_URL = f"{SITE}/artikel/kematian"
SKU_URL = f"{SITE}/artikel/sku"
REDKAR_URL = "http://127.0.0.1:8791/"


def kelurahan_site(pages: int = 10) -> list[Document]:
    """A kelurahan site whose titles mostly carry its name (as OpenSID sites do), with a
    service page that does not."""
    def page(path: str, title: str, text: str, kind: str = "news") -> Document:
        return Document(url=f"{SITE}/{path}", source="kel-rawasari", opd=KEL, kind=kind,
                        title=title, text=text)

    docs = [
        page("artikel/sktm", "Persyaratan SKTM untuk Sekolah dan Bantuan",
             "SKTM diterbitkan kantor lurah bagi warga kurang mampu untuk keringanan biaya "
             "sekolah dan bantuan. Syarat: pengantar RT, fotokopi KTP dan KK.", "service"),
        page("artikel/waris", f"Syarat Surat Keterangan Ahli Waris di {KEL}",
             "Surat keterangan ahli waris untuk mengurus warisan tanah dan tabungan. "
             "Syarat: surat kematian, KTP dan KK para ahli waris.", "service"),
        page("artikel/domisili", f"Cara Mengurus Surat Keterangan Domisili di {KEL}",
             f"Surat keterangan domisili diurus di kantor {KEL} dengan pengantar RT dan "
             "fotokopi KTP. Selesai satu hari.", "service"),
        page("artikel/kematian", "Melaporkan Kematian Warga",
             f"Warga {KEL} yang keluarganya meninggal melapor ke kantor lurah untuk surat "
             "keterangan kematian, lalu mengurus akta kematian.", "service"),
        page("artikel/sku", "Surat Keterangan Usaha (SKU)",
             f"Surat keterangan usaha untuk pelaku UMKM di {KEL}, syarat pinjaman KUR. "
             "Bawa pengantar RT dan foto tempat usaha.", "service"),
        page("artikel/dtks", "Usulan Masuk DTKS agar Terdaftar Penerima Bantuan Sosial",
             "Keluarga miskin yang belum terdaftar diusulkan masuk DTKS lewat musyawarah "
             "kelurahan agar bisa menerima bantuan sosial.", "service"),
        page("profil", f"Profil {KEL}",
             f"{KEL} terletak di Kota Jambi. Kantor lurah melayani surat keterangan, "
             "pengantar KTP dan Kartu Keluarga setiap hari kerja."),
    ]
    others = ["Berita", "Arsip", "Peta Wilayah", "Data Penduduk", "Kegiatan Posyandu",
              "Gotong Royong", "Lomba Kebersihan", "Layanan Mandiri", "Agenda", "Galeri"]
    for n, name in enumerate(others[:pages - len(docs)]):
        docs.append(page(f"halaman/{n}", f"{name} {KEL}",
                         f"{name} warga {KEL} bersama lurah dan ketua RT."))
    return docs


def redkar() -> Document:
    """A one-page site: every word of its title is in all of its (one) titles."""
    return Document(url=REDKAR_URL, source="redkar", opd="Relawan Kebakaran Kota Jambi",
                    kind="page", title="Relawan Pemadam Kebakaran",
                    text="Daftar menjadi relawan: isi formulir dan ikut pelatihan.")


def damkar() -> list[Document]:
    """Another site, whose training page talks about fire-fighting volunteers at length."""
    def page(path: str, title: str, text: str) -> Document:
        return Document(url=f"http://127.0.0.1:8792/{path}", source="damkar",
                        opd="Dinas Pemadam Kebakaran", kind="news", title=title, text=text)

    return [page("berita/1", "Pelatihan Relawan Pemadam",
                 "Relawan pemadam kebakaran dilatih memadamkan kebakaran. Relawan pemadam "
                 "kebakaran membantu petugas pemadam kebakaran."),
            page("berita/2", "Jadwal Piket", "Jadwal piket petugas pemadam bulan ini.")]


@pytest.fixture()
def search(tmp_path):
    searchers = []

    def make(docs: list[Document]) -> Searcher:
        write_corpus(tmp_path, docs).close()
        settings = load_settings(tmp_path, embedder="none")
        build_index(settings)
        searcher = Searcher(settings, embedder=False)
        searchers.append(searcher)
        return searcher

    yield make
    for searcher in searchers:
        searcher.close()


@pytest.fixture(scope="module")
def kelurahan(tmp_path_factory):
    """The kelurahan site's index, built once for the tests that only search it."""
    path = tmp_path_factory.mktemp("kelurahan")
    write_corpus(path, kelurahan_site()).close()
    settings = load_settings(path, embedder="none")
    build_index(settings)
    searcher = Searcher(settings, embedder=False)
    yield searcher
    searcher.close()


def urls(searcher: Searcher, query: str) -> list[str]:
    return [r.url for r in searcher.search(query, limit=10).results]


@pytest.mark.parametrize(("query", "service"), [
    ("death certificate letter kelurahan rawa sari", KEMATIAN_URL),
    ("death certificate kelurahan rawa sari", KEMATIAN_URL),
])
def test_naming_the_place_finds_the_service_not_a_page_titled_by_the_place(
        kelurahan, query, service):
    found = urls(kelurahan, query)
    assert found[0] == service
    assert DOMISILI_URL in found  # the place still finds the site's other pages


def test_the_service_titled_with_the_place_is_still_found_by_its_service(kelurahan):
    assert urls(kelurahan, "surat domisili rawa sari")[0] == DOMISILI_URL


def test_a_one_page_site_keeps_its_title_match(search):
    docs = [*kelurahan_site(), redkar(), *damkar()]
    assert urls(search(docs), "relawan pemadam kebakaran")[0] == REDKAR_URL


def test_the_answer_card_and_results_show_the_title_as_written(kelurahan):
    result = kelurahan.search("surat domisili rawa sari").results[0]
    assert result.title == f"Cara Mengurus Surat Keterangan Domisili di {KEL}"


def test_a_site_that_grows_into_its_name_is_reranked_on_the_next_update(tmp_path):
    """Below SITE_MIN_PAGES the name is title; the page that makes ten turns it into
    the site's own words, and the update re-analyses the pages whose titles hold it
    (not the other sites' pages), ranking as a full build would."""
    settings = load_settings(tmp_path, embedder="none")
    other = [redkar(), *damkar()]
    # an office its name does not place (a kelurahan's place is its word at any size:
    # test_village21), so only the share of its titles makes the name its own
    unplaced = "Pos Pelayanan Warga"
    write_corpus(tmp_path, [replace(d, opd=unplaced) for d in kelurahan_site(pages=9)]
                 + other).close()
    build_index(settings)
    write_corpus(tmp_path, [replace(d, opd=unplaced) for d in kelurahan_site(pages=10)]).close()
    summary = build_index(settings)
    assert (summary.added, summary.updated) == (1, 5)  # the 5 titles that hold the name
    searcher = Searcher(settings, embedder=False)
    try:
        assert urls(searcher, "death certificate letter kelurahan rawa sari")[0] == KEMATIAN_URL
    finally:
        searcher.close()


def test_site_words_need_most_titles_of_a_big_enough_site():
    def tokens(title: str) -> list[str]:
        return title.lower().split()

    many = [("kel", f"layanan {n} rawa sari") for n in range(6)] + [
        ("kel", f"berita {n}") for n in range(4)]
    assert indexer.site_words.site_words(many, tokens) == {
        "kel": frozenset({"layanan", "rawa", "sari"})}
    half = many[:5] + [("kel", f"berita {n}") for n in range(5)]
    assert indexer.site_words.site_words(half, tokens) == {}  # 5 of 10 is not most
    assert indexer.site_words.site_words(many[:9], tokens) == {}  # 9 pages: too few


def test_opensearch_ranks_the_site_words_as_the_embedded_index_does(tmp_path, osmem_server):
    """Both backends index the title from the same analysed document, so the place's
    words are body text on the cluster too: same first answer, same BM25 scores."""
    from indexer.embedded import EmbeddedBackend
    from indexer.opensearch import OpenSearchBackend

    write_corpus(tmp_path, [*kelurahan_site(), redkar(), *damkar()]).close()
    embedded_settings = load_settings(tmp_path, embedder="none")
    clone = osmem_server.clone()
    os_settings = load_settings(tmp_path, embedder="none", backend="opensearch", opensearch={
        "hosts": [clone.url], "index_prefix": "sitewords", "number_of_replicas": 0})
    os_backend = OpenSearchBackend(os_settings)
    build_index(embedded_settings)
    build_index(os_settings, backend=os_backend)
    embedded = Searcher(embedded_settings, backend=EmbeddedBackend(tmp_path), embedder=False)
    cluster = Searcher(os_settings, backend=os_backend, embedder=False)
    try:
        for query in ("death certificate letter kelurahan rawa sari", "rawa sari",
                      "relawan pemadam kebakaran"):
            assert urls(cluster, query)[0] == urls(embedded, query)[0], query
            terms = embedded.analyze(query).terms
            a = {h.id: h.score for h in embedded.backend.keyword_search(terms, 100)}
            b = {h.id: h.score for h in cluster.backend.keyword_search(terms, 100)}
            assert a.keys() == b.keys(), query
            for doc, score in a.items():
                assert b[doc] == pytest.approx(score, rel=1e-4), (query, doc)
    finally:
        embedded.close()
        cluster.close()
        clone.close()


def disdukcapil_akta() -> Document:
    return Document(url="http://127.0.0.1:8793/layanan/akta-kelahiran", source="disdukcapil",
                    opd="Dinas Kependudukan dan Pencatatan Sipil Kota Jambi", kind="service",
                    title="Penerbitan Kutipan Akta Kelahiran",
                    text="Akta kelahiran diterbitkan bagi setiap anak yang lahir. Syarat: surat "
                         "keterangan lahir dari bidan atau rumah sakit, KTP orang tua dan KK.")


def test_a_city_service_asked_with_a_kelurahan_address_stays_first(search):
    """The kelurahan's masthead names its place on every page, but a query that names the
    place and a city service ("akta kelahiran kelurahan rawa sari") asks for the service:
    the kelurahan's inheritance page, whose list says "akta kelahiran" (and whose title's
    place the crawler stripped with the masthead), must not take the place's words as said
    and lead."""
    waris = ("Syarat Surat Keterangan Ahli Waris di Kelurahan",
             "Surat keterangan ahli waris untuk mengurus warisan tanah dan tabungan. Syarat: "
             "surat kematian, fotokopi akta kelahiran, KTP dan KK para ahli waris.")
    docs = [replace(d, title=waris[0], text=waris[1]) if d.url.endswith("/waris") else d
            for d in kelurahan_site()]
    searcher = search([*docs, disdukcapil_akta()])
    assert urls(searcher, "akta kelahiran kelurahan rawa sari")[0] == disdukcapil_akta().url
    # the kelurahan's own service, named with its place, still leads
    assert urls(searcher, "surat keterangan kematian kelurahan rawa sari")[0] == KEMATIAN_URL


def test_a_kelurahan_page_titled_with_the_level_keeps_it_as_its_topic(search):
    """A kelurahan blog that names its place in few titles: the place is its own word, but
    "Kelurahan" alone in "Surat Pengantar SKCK dari Kelurahan" says where the letter is had,
    and a query asking so leads with it, not with Polresta's SKCK page whose text says
    "pengantar dari kelurahan" (with the level a site word of every kelurahan site, the
    blog's title lost the word and Polresta led)."""
    def page(path: str, title: str, text: str, kind: str = "news") -> Document:
        return Document(url=f"http://127.0.0.1:8794/{path}", source="kel-legok",
                        opd="Kelurahan Legok", kind=kind, title=title, text=text)

    blog = [page("skck", "Surat Pengantar SKCK dari Kelurahan",
                 "Warga yang butuh SKCK membawa pengantar RT, KTP dan KK ke kantor lurah.",
                 "service"),
            page("profil", "Profil Kelurahan Legok", "Kelurahan Legok di Kota Jambi.")]
    blog += [page(f"halaman/{n}", name, f"{name} warga bersama lurah dan ketua RT.")
             for n, name in enumerate(["Berita", "Arsip", "Posyandu", "Gotong Royong",
                                       "Agenda", "Galeri", "Lomba", "Kontak"])]
    polres = Document(url="http://127.0.0.1:8795/skck", source="polres", opd="Polresta Jambi",
                      kind="service", title="Penerbitan SKCK",
                      text="SKCK diterbitkan Polresta. Syarat: surat pengantar dari kelurahan, "
                           "KTP, KK dan pas foto. Surat pengantar kelurahan wajib.")
    searcher = search([*blog, polres])
    for query in ("syarat skck di kelurahan", "skck kelurahan"):
        assert urls(searcher, query)[0] == blog[0].url, query


@pytest.mark.parametrize(("opd", "words"), [
    ("Kelurahan Payo Lebar Kecamatan Jelutung", {"payo", "lebar"}),
    ("Kecamatan Jelutung", {"jelutung"}),
    ("Kelurahan Kenali Asam Bawah", {"kenali", "asam", "bawah"}),
    # an office in a place is not the place's office: its site is not named by the place
    ("KUA Kecamatan Jambi Timur", set()),
    ("UPTD Puskesmas Olak Kemang", set()),
    ("Dinas Pemadam Kebakaran Kota Jambi", set()),
])
def test_a_sites_own_place_is_the_place_its_office_is_of(opd, words):
    assert indexer.site_words.own_place_words(opd, str.split) == frozenset(words)
