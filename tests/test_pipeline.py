"""sikoja.pipeline, the one place that knows the order of the work: crawl, then index,
then search. A crawl that reached no site stops a strict run (the CLI, the demo) before
indexing; the admin's crawl job is not strict and reindexes what the store holds.
"""

from __future__ import annotations

import pytest

from sikoja import pipeline
from sikoja.config import load_settings
from sikoja.errors import SikojaError
from sikoja.sources import Source
from tests.corpus import KTP_URL, write_corpus

# port 9 (discard) on loopback: nothing listens, the connection is refused at once
UNREACHABLE = Source(name="mati", opd="Dinas Mati", kind="website",
                     start_urls=["http://127.0.0.1:9/"])


def settings_for(data_dir):
    settings = load_settings(data_dir, embedder="none")
    settings.crawl.delay = 0.0
    # the order of the work is tested here, not the retries (tests/test_crawl_faults.py):
    # two retries of the refused source only waited out their backoff, 2.7 s a test
    settings.crawl.retries = 0
    return settings


@pytest.mark.slow
def test_a_strict_run_stops_before_indexing_when_the_crawl_stored_nothing(tmp_path):
    write_corpus(tmp_path).close()
    settings = settings_for(tmp_path)
    reported = []
    with pytest.raises(SikojaError, match="the crawl stored no pages"):
        pipeline.crawl_and_index(settings, [UNREACHABLE], report=reported.append)
    assert [str(s) for s in reported] and "1 galat" in str(reported[0])  # the crawl's table
    assert pipeline.open_built_searcher(settings) is None  # no index was built
    with pytest.raises(SikojaError, match=r"no index in .*: run 'sikoja index --data-dir"):
        pipeline.open_searcher(settings)


@pytest.mark.slow
def test_a_lenient_run_indexes_what_the_store_holds_and_then_answers(tmp_path):
    write_corpus(tmp_path).close()
    settings = settings_for(tmp_path)
    run = pipeline.crawl_and_index(settings, [UNREACHABLE], strict=False)
    assert run.crawl is not None and not run.crawl.ok
    assert run.index is not None and str(run) == f"{run.crawl}; {run.index}"
    searcher = pipeline.open_searcher(settings)
    try:
        assert KTP_URL in [r.url for r in searcher.search("urus KTP", limit=3).results]
    finally:
        searcher.close()


def test_open_searcher_names_a_missing_data_dir(tmp_path):
    with pytest.raises(SikojaError, match="data dir not found"):
        pipeline.open_searcher(settings_for(tmp_path / "nowhere"))
