"""Given a few Kota Jambi service pages, the index answers what citizens type."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from indexer.backend import Filters
from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.errors import SikojaError
from sikoja.store import DocumentStore
from sikoja.urls import doc_id
from tests.corpus import (
    AKTA_URL,
    KTP_MPP_URL,
    KTP_URL,
    NEWS_URL,
    PBG_URL,
    SIKESAL_URL,
    write_corpus,
)


@pytest.fixture()
def data_dir(tmp_path):
    write_corpus(tmp_path).close()
    return tmp_path


@pytest.fixture()
def settings(data_dir):
    return load_settings(data_dir, embedder="none")


@pytest.fixture()
def searcher(settings):
    """A searcher over an index of the test's own, for tests that change the data dir."""
    build_index(settings)
    s = Searcher(settings)
    yield s
    s.close()


@pytest.fixture(scope="module")
def reader(tmp_path_factory):
    """One searcher for the tests that only search: the corpus is built once per module,
    not once per test (0.15-0.5 s a build; session 10, issue #14)."""
    path = tmp_path_factory.mktemp("index-reader")
    write_corpus(path).close()
    settings = load_settings(path, embedder="none")
    build_index(settings)
    s = Searcher(settings)
    yield s
    s.close()


def top_url(searcher, q, **kw):
    results = searcher.search(q, **kw).results
    return results[0].url if results else None


def test_urus_ktp_finds_the_ktp_service_not_the_news(reader):
    response = reader.search("urus KTP")
    urls = [r.url for r in response.results]
    assert urls[0] == KTP_URL
    assert urls.index(NEWS_URL) > 0


def test_mpp_relisting_is_collapsed_into_the_opd_page(reader):
    response = reader.search("penerbitan ktp-el")
    first = response.results[0]
    assert first.url == KTP_URL
    assert KTP_MPP_URL in first.also_at
    assert KTP_MPP_URL not in [r.url for r in response.results]


def test_answer_card_spells_out_the_top_service(reader):
    card = reader.search("urus KTP").answer
    assert card is not None and card.url == KTP_URL
    assert "Fotokopi Kartu Keluarga" in card.requirements
    assert card.cost == "Gratis" and card.duration == "1 hari kerja"


def test_colloquial_and_old_terms(reader):
    assert top_url(reader, "bikin akte lahir anak") == AKTA_URL
    assert top_url(reader, "imb rumah") == PBG_URL


def test_filters_and_facets(reader):
    response = reader.search("ktp", filters=Filters(kind=["news"]))
    assert [r.url for r in response.results] == [NEWS_URL]
    facets = reader.search("ktp").facets
    assert facets["kind"]["service"] >= 1 and facets["kind"]["news"] == 1


def test_pagination_does_not_repeat_results(reader):
    first = reader.search("ktp", limit=1, page=1).results
    second = reader.search("ktp", limit=1, page=2).results
    assert first and second and first[0].url != second[0].url


def test_snippets_are_escaped_and_highlighted(reader):
    response = reader.search("pengumuman jadwal")
    result = next(r for r in response.results if r.url.endswith("/xss.html"))
    assert "<script>" not in result.snippet
    assert "&lt;script&gt;" in result.snippet
    assert "<mark>" in result.snippet


def test_hostile_queries_give_normal_results(reader):
    for q in ['"', "*", "AND", "title:ktp", "😀😀", "مرحبا", "\x00\x1f", "ktp' OR 1=1 --",
              "x" * 5000, ""]:
        response = reader.search(q)
        assert isinstance(response.results, list)


def test_best_bet_pins_a_result_only_between_its_dates(searcher):
    today = date.today()
    searcher.bestbets.add("lapor jalan rusak", SIKESAL_URL, start=today - timedelta(days=1),
                          end=today + timedelta(days=1), who="admin", why="SiKesal campaign")
    first = searcher.search("Lapor  jalan RUSAK").results[0]
    assert first.url == SIKESAL_URL and first.best_bet
    searcher.bestbets.add("urus ktp", AKTA_URL, start=today + timedelta(days=5))
    assert top_url(searcher, "urus ktp") == KTP_URL


def test_explain_shows_scores(reader):
    result = reader.search("urus ktp", explain=True).results[0]
    assert result.explain is not None and result.explain.keyword_score > 0


def test_reindex_with_nothing_changed_writes_no_new_version(settings, searcher):
    before = searcher.info()["version"]
    summary = build_index(settings)
    assert "up to date" in str(summary)
    assert summary.version == before


def test_changed_and_removed_pages_are_reindexed(settings, searcher, data_dir):
    store = DocumentStore.open(data_dir)
    doc = store.get(AKTA_URL)
    doc.text += " Layanan ini juga melayani pencatatan kelahiran anak kembar."
    store.upsert(doc)
    store.mark_gone(NEWS_URL)
    store.close()
    summary = build_index(settings)
    assert summary.updated == 1 and summary.deleted == 1
    searcher.refresh()
    assert top_url(searcher, "kembar") == AKTA_URL
    assert NEWS_URL not in [r.url for r in searcher.search("jemput bola sekolah").results]


def test_a_crash_midway_leaves_the_old_index_serving(settings, searcher, data_dir):
    before = searcher.info()["version"]
    store = DocumentStore.open(data_dir)
    doc = store.get(PBG_URL)
    doc.text += " Tambahan informasi retribusi."
    store.upsert(doc)
    store.close()

    class Exploding:
        name, dim = "exploding", 4

        def embed_documents(self, texts):
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        build_index(settings.model_copy(update={"embedder": "use"}), embedder=Exploding())
    assert searcher.info()["version"] == before
    assert top_url(searcher, "urus ktp") == KTP_URL


def test_search_survives_a_swap_under_it(settings, searcher, data_dir):
    store = DocumentStore.open(data_dir)
    doc = store.get(KTP_URL)
    doc.title = "Perekaman KTP-el Pemula"
    store.upsert(doc)
    store.close()
    old = searcher.search("urus ktp").results[0].title
    build_index(settings)
    assert searcher.search("urus ktp").results[0].title == old  # still the old version
    searcher.refresh()
    assert searcher.search("urus ktp").results[0].title == "Perekaman KTP-el Pemula"


def test_get_document_and_suggest(reader):
    doc = reader.get_document(doc_id(KTP_URL))
    assert doc is not None and doc.fields["cost"] == "Gratis"
    assert "SiKesal" in reader.suggest("sike")
    assert any("Akta" in s for s in reader.suggest("akta kel"))


def test_empty_data_dir_is_a_clear_error(tmp_path):
    with pytest.raises(SikojaError, match="crawl"):
        build_index(load_settings(tmp_path / "nothing", embedder="none"))


def test_asking_for_an_app_by_name_prefers_the_app(tmp_path):
    from sikoja.documents import Document
    from tests.corpus import corpus

    service = Document(
        url="http://127.0.0.1:8712/layanan/pengaduan-sikesal.html", source="diskominfo",
        opd="Diskominfo Kota Jambi", kind="service", title="Pengaduan Masyarakat lewat SiKesal",
        text="Layanan pengaduan masyarakat: laporkan jalan rusak, lampu jalan mati dan sampah "
             "melalui aplikasi SiKesal. Persyaratan: foto dan lokasi kejadian. Biaya gratis.",
        fields={"requirements": ["Foto kejadian", "Lokasi"], "cost": "Gratis"})
    write_corpus(tmp_path, [*corpus(), service]).close()
    settings = load_settings(tmp_path, embedder="none")
    build_index(settings)
    searcher = Searcher(settings)
    try:
        assert top_url(searcher, "lapor jalan rusak sikesal") == service.url
        assert top_url(searcher, "download aplikasi sikesal") == SIKESAL_URL
    finally:
        searcher.close()


def test_an_index_of_an_older_layout_is_rebuilt_not_read(settings, searcher, data_dir):
    import json

    root = data_dir / "index"
    live = (root / "CURRENT").read_text().strip()
    meta = json.loads((root / live / "meta.json").read_text())
    meta["layout"] = 1
    (root / live / "meta.json").write_text(json.dumps(meta))
    fresh = Searcher(settings)
    assert fresh.info()["version"] is None  # never opened: it would be misread
    fresh.close()
    summary = build_index(settings)
    assert summary.added == summary.documents  # a full build, not an update
    rebuilt = Searcher(settings)
    assert top_url(rebuilt, "urus ktp") == KTP_URL
    rebuilt.close()


@pytest.mark.slow  # embeds the corpus with the default embedder
def test_vector_search_through_the_saved_ann_index(tmp_path):
    """Above the ANN threshold the IVF index is built once at commit, saved with the
    version, and read back by searchers (here ``index.ann_threshold`` in sikoja.yaml is
    lowered to the corpus)."""
    import indexer.embedded as embedded

    write_corpus(tmp_path).close()
    (tmp_path / "sikoja.yaml").write_text("index:\n  ann_threshold: 3\n")
    settings = load_settings(tmp_path, embedder="use")
    build_index(settings)
    live = (tmp_path / "index" / "CURRENT").read_text().strip()
    assert (tmp_path / "index" / live / embedded.ANN_FILE).is_file()
    searcher = Searcher(settings)
    try:
        vector = searcher.embedder().embed_query("kartu tanda penduduk elektronik")
        hits = searcher.backend.vector_search(vector, 3)
        assert searcher.backend._version()._ann is not None
        assert doc_id(KTP_URL) in [h.id for h in hits[:2]]
    finally:
        searcher.close()


def test_closing_while_another_thread_reads_is_clean(settings, searcher):
    """The server warms up in a thread while shutdown may close the index: reads after the
    close return nothing instead of touching a closed database (which crashed the process)."""
    import threading

    from indexer.embedded import EmbeddedBackend

    backend = EmbeddedBackend(settings.data_dir)
    ids = [doc_id(KTP_URL), doc_id(AKTA_URL)]
    errors = []

    def read() -> None:
        try:
            for _ in range(2000):
                backend.get(ids)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    backend.close()
    reader.join()
    assert not errors
    assert backend.get(ids) == {}


@pytest.mark.parametrize("link, shown", [
    ("javascript:alert(document.domain)", None),
    ("  JavaScript:alert(1)", None),
    ("https://sikesal.jambikota.go.id/daftar", "https://sikesal.jambikota.go.id/daftar"),
])
def test_the_card_offers_only_a_web_link_even_from_an_older_crawl(tmp_path, link, shown):
    """An index built before the crawler refused ``javascript:`` links may still hold one:
    API clients render ``online_url`` as a link, so the card drops anything not http(s)."""
    from dataclasses import replace

    from tests.corpus import corpus

    docs = [replace(d, fields={**d.fields, "online_url": link}) if d.url == KTP_URL else d
            for d in corpus()]
    write_corpus(tmp_path, docs).close()
    settings = load_settings(tmp_path, embedder="none")
    build_index(settings)
    searcher = Searcher(settings)
    answer = searcher.search("urus ktp").answer
    searcher.close()
    assert answer is not None and answer.url == KTP_URL
    assert answer.online_url == shown
