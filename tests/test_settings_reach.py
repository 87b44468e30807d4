"""A tunable written in sikoja.yaml reaches the code that uses it, one per group.

Every ranking, index, crawl and embedding knob lives in ``Settings`` (README, "Tunables");
a setting the code ignores would look configurable and change nothing. Each test writes
sikoja.yaml in a data dir and observes the effect a deployment would see.
"""

from __future__ import annotations

import pytest

from crawler.dedup import group_near_duplicates
from indexer.backend import IndexBackend
from indexer.build import build_index
from indexer.embedded import EmbeddedBackend
from indexer.registry import open_backend
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.errors import SikojaError
from sikoja.store import DocumentStore
from tests.corpus import KTP_MPP_URL, KTP_URL, corpus, write_corpus


def configured(path, yaml_text: str):
    (path / "sikoja.yaml").write_text(yaml_text, encoding="utf-8")
    return load_settings(path, embedder="none")


def test_ranking_rrf_k_and_priors_reach_the_ranking(tmp_path):
    """Keyword only, priors off: a result's score is 1 / (rrf_k + its keyword rank among
    distinct near-duplicate groups, which is its place in the results), with the k written
    in sikoja.yaml; and a kind prior set there is the one applied."""
    write_corpus(tmp_path).close()
    settings = configured(tmp_path, "ranking:\n  rrf_k: 5\n  use_priors: false\n")
    build_index(settings)
    searcher = Searcher(settings)
    try:
        results = searcher.search("ktp", explain=True).results
        assert len(results) >= 2
        for place, r in enumerate(results, 1):  # (a group's copies share its rank)
            assert r.explain.fused_score == pytest.approx(1 / (5 + place))
    finally:
        searcher.close()
    settings = configured(tmp_path, "ranking:\n  kind_prior: {service: 1.0, news: 0.1}\n")
    searcher = Searcher(settings)
    try:
        news = [r for r in searcher.search("jemput bola ktp", explain=True).results
                if r.kind == "news"]
        assert news and news[0].explain.priors["kind_prior"] == pytest.approx(0.1)
    finally:
        searcher.close()


def test_ranking_candidates_caps_what_each_retriever_returns(tmp_path):
    write_corpus(tmp_path).close()
    build_index(configured(tmp_path, ""))
    wide = Searcher(configured(tmp_path, ""))
    narrow = Searcher(configured(tmp_path, "ranking:\n  candidates: 1\n"))
    try:
        assert wide.search("ktp").total >= 2
        assert narrow.search("ktp").total == 1
    finally:
        wide.close()
        narrow.close()


def test_index_keep_versions_keeps_that_many(tmp_path):
    write_corpus(tmp_path).close()
    for keep in (3, 1):
        settings = configured(tmp_path, f"index:\n  keep_versions: {keep}\n")
        for _ in range(4):
            build_index(settings, full=True)
        versions = [p for p in (tmp_path / "index").iterdir() if p.name.startswith("v")]
        assert len(versions) == keep


def test_crawl_dedup_thresholds_decide_the_groups(tmp_path):
    """The corpus' MPP re-listing of the KTP service groups with Disdukcapil's page at the
    default thresholds, and not when sikoja.yaml asks for identical texts."""
    docs = corpus()
    for doc in docs:
        doc.group_id = None
    copy = next(d for d in docs if d.url == KTP_MPP_URL)
    own = next(d for d in docs if d.url == KTP_URL)
    copy.text, copy.fields = own.text + " Dilayani di Mal Pelayanan Publik.", own.fields
    write_corpus(tmp_path, docs).close()
    strict = ("crawl:\n  dedup: {min_field_shingles: 1000, text_jaccard: 1.0,"
              " borderline_title: 1.0}\n")
    for yaml_text, groups in (("", 1), (strict, 0)):
        settings = configured(tmp_path, yaml_text)
        store = DocumentStore.open(tmp_path)
        try:
            assert group_near_duplicates(store, settings.crawl.dedup) == groups
        finally:
            store.close()


def test_embedded_text_length_marks_the_index_keys(tmp_path):
    """Changing semantic.embed_chars (whole) or section_chars / section_words (sections)
    re-embeds every document on the next build."""
    write_corpus(tmp_path).close()
    first = build_index(configured(tmp_path, "semantic:\n  text: whole\n"))
    second = build_index(configured(tmp_path, "semantic:\n  text: whole\n  embed_chars: 300\n"))
    assert first.added == len(corpus()) and second.updated == len(corpus())
    for yaml_text in ("", "semantic:\n  section_chars: 200\n",
                      "semantic:\n  section_chars: 200\n  section_words: 30\n"):
        assert build_index(configured(tmp_path, yaml_text)).updated == len(corpus()), yaml_text


def test_a_changed_word_list_reanalyses_every_page(tmp_path, monkeypatch):
    """An upgrade whose word lists changed (here a stem override) re-analyses the pages of
    an index built before, on a plain ``sikoja index``; an unchanged list leaves them."""
    import shutil

    from indexer.analysis.lexicon import DATA_DIR

    write_corpus(tmp_path).close()
    settings = configured(tmp_path, "")
    assert build_index(settings).added == len(corpus())
    assert build_index(settings).updated == 0
    lists = tmp_path / "lists"
    shutil.copytree(DATA_DIR, lists)
    with (lists / "stem_overrides.tsv").open("a", encoding="utf-8") as f:
        f.write("perizinan\tizin\n")
    monkeypatch.setattr("indexer.build.ANALYSIS_DATA", lists)
    assert build_index(settings).updated == len(corpus())
    assert build_index(settings).updated == 0


class NamedBackend(EmbeddedBackend):
    """A deployment's own backend, loaded by its dotted path."""

    name = "named"


def test_backend_by_dotted_path(tmp_path):
    settings = configured(tmp_path, "backend: tests.test_settings_reach.NamedBackend\n")
    backend = open_backend(settings)
    try:
        assert isinstance(backend, NamedBackend) and isinstance(backend, IndexBackend)
    finally:
        backend.close()
    assert isinstance(open_backend(configured(tmp_path, "backend: embedded\n")),
                      EmbeddedBackend)


@pytest.mark.parametrize(("value", "message"), [
    ("tests.nowhere.Backend", "cannot import tests.nowhere"),
    ("tests.test_settings_reach.Missing", "has no Missing"),
    ("tests.test_settings_reach.configured", "is not an IndexBackend subclass"),
    ("elastic", "expected one of embedded, opensearch or a dotted path"),
])
def test_a_bad_backend_says_what_is_wrong(tmp_path, value, message):
    with pytest.raises(SikojaError, match=message):
        open_backend(configured(tmp_path, f"backend: {value}\n"))


def test_a_malformed_setting_is_refused_with_its_name(tmp_path):
    for yaml_text, name in (("backend: 'not a path!'\n", "backend"),
                            ("ranking:\n  rrf_kk: 3\n", "rrf_kk"),
                            ("index:\n  keep_versions: 0\n", "keep_versions"),
                            # more titles asked to agree than are read: feedback never fires
                            ("semantic:\n  feedback_agree: 6\n", "feedback_agree")):
        with pytest.raises(SikojaError, match=name):
            configured(tmp_path, yaml_text)


def test_a_sikoja_yaml_from_before_the_ivf_index_still_loads(tmp_path):
    """The HNSW knobs went with the HNSW graph: an old sikoja.yaml that sets them loads with
    a warning naming them, and a server upgraded in place keeps starting."""
    (tmp_path / "sikoja.yaml").write_text(
        "index:\n  hnsw_m: 16\n  hnsw_ef_search: 64\n  keep_versions: 3\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="hnsw"):
        settings = load_settings(tmp_path)
    assert settings.index.keep_versions == 3


def test_retired_card_thresholds_still_load_with_a_warning(tmp_path):
    """The card thresholds went with the threshold rules (the card is a fitted score since
    session 7): an old sikoja.yaml that sets them loads with a warning naming them, and the
    settings it also sets still apply."""
    (tmp_path / "sikoja.yaml").write_text(
        "ranking:\n  card_min_margin: 0.05\n  card_agree_rank: 0\n  card_min_known: 0.6\n",
        encoding="utf-8")
    with pytest.warns(UserWarning, match="card_min_margin, ranking.card_agree_rank"):
        settings = load_settings(tmp_path)
    assert settings.ranking.card_min_known == 0.6


def test_ranking_card_named_office_reaches_the_card_gate(tmp_path):
    """``card_named_office`` written in sikoja.yaml is the gate the searcher's cards are
    decided by: on by default, off when written false (README, "Tunables")."""
    write_corpus(tmp_path).close()
    build_index(configured(tmp_path, ""))
    for yaml_text, expected in (("", True), ("ranking:\n  card_named_office: false\n", False)):
        searcher = Searcher(configured(tmp_path, yaml_text))
        try:
            assert searcher._card_weights(None).named_office is expected
        finally:
            searcher.close()


def test_ranking_named_title_margin_bounds_the_named_office_titled_page(tmp_path):
    """The kelurahan's SKU post (news) for its official name and place: its kind prior is
    bounded to 1 - the margin written in sikoja.yaml."""
    from tests.test_typed_titles import SKU_POST
    from tests.test_typed_titles import web as typed_web

    write_corpus(tmp_path, typed_web()).close()
    settings = configured(tmp_path, "ranking:\n  named_title_margin: 0.05\n")
    build_index(settings)
    searcher = Searcher(settings, embedder=False)
    try:
        results = searcher.search("surat keterangan usaha kelurahan kebun handil",
                                  explain=True).results
        post = next(r for r in results if r.url == SKU_POST)
        assert post.explain.boosts["kind_prior"] == pytest.approx(0.95**0.75)  # after fusion
    finally:
        searcher.close()
