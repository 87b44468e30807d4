"""Autocomplete reads what was typed as search does: any word of a name, colloquial forms,
abbreviations, and one entry for what search shows as one result."""

from __future__ import annotations

import pytest

from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import load_settings
from tests.corpus import write_corpus


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    data = tmp_path_factory.mktemp("suggest")
    write_corpus(data).close()
    settings = load_settings(data, embedder="none")
    build_index(settings)
    s = Searcher(settings, embedder=False)
    yield s
    s.close()


def test_a_word_anywhere_in_the_name(searcher):
    assert searcher.suggest("kelahi") == ["Penerbitan Akta Kelahiran"]
    assert searcher.suggest("gedung") == ["Persetujuan Bangunan Gedung (PBG)"]


def test_colloquial_forms_find_the_formal_name(searcher):
    assert searcher.suggest("akte") == ["Penerbitan Akta Kelahiran"]
    assert searcher.suggest("bikin akte") == ["Penerbitan Akta Kelahiran"]
    assert searcher.suggest("bikin a") == ["Penerbitan Akta Kelahiran"]
    assert searcher.suggest("urus ktp") == ["Perekaman dan Penerbitan KTP-el Baru"]
    assert searcher.suggest("ngurus akta kel") == ["Penerbitan Akta Kelahiran"]


def test_complete_words_still_narrow(searcher):
    assert searcher.suggest("akta ged") == []
    assert searcher.suggest("persetujuan ba") == ["Persetujuan Bangunan Gedung (PBG)"]


def test_a_service_and_its_mpp_listing_are_one_entry(searcher):
    # "Layanan Disdukcapil: Penerbitan KTP-el" is the MPP copy, merged by search
    assert searcher.suggest("penerbitan ktp") == ["Perekaman dan Penerbitan KTP-el Baru"]
    assert searcher.suggest("layanan disdukcapil") == []
