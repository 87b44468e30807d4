"""Synonym files that are valid but huge: the expansion cap, its validation, and a large import
that must not stall searching (issue #13, part 1). Timings live in bench/bench_reliability.py."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from indexer.analysis import Analyzer
from sikoja.errors import SikojaError
from synonyms import StaticSynonyms, SynonymFileError, SynonymStore, parse


def synonym_terms(analyzer: Analyzer, query: str) -> list[str]:
    return [" ".join(t.tokens) for t in analyzer.analyze_query(query).terms
            if t.origin == "synonym"]


def issue_file(rules: int = 200, terms: int = 198) -> str:
    """The reported file: every rule makes "ktp" equivalent to 198 made-up terms."""
    return "\n".join(
        ", ".join(["ktp"] + [f"e{r}_{i:x}" for i in range(terms)]) for r in range(rules)
    ) + "\n"


def test_the_reported_file_is_rejected_line_by_line_and_nothing_changes(tmp_path: Path) -> None:
    with SynonymStore(tmp_path) as store:
        before = store.export_text()
        with pytest.raises(SynonymFileError) as caught:
            store.import_text(issue_file(), who="ana", why="t", source="big.txt")
        assert len(caught.value.problems) == 200
        assert [p.line for p in caught.value.problems[:3]] == [1, 2, 3]
        assert "big.txt:1: each term of this rule expands to 198 terms" in str(caught.value)
        assert "synonyms.max_expansions" in str(caught.value)
        assert store.version() == 1 and store.export_text() == before


def test_a_term_shared_by_many_small_rules_is_rejected_naming_their_lines() -> None:
    text = "# header\n" + "\n".join(f"ktp, alias{r}a, alias{r}b" for r in range(40)) + "\n"
    with pytest.raises(SynonymFileError) as caught:
        parse(text, "shared.txt", max_expansions=64)
    (problem,) = caught.value.problems
    assert problem.line == 34  # rule 33 brings ktp's expansions to 66
    assert "term 'ktp' expands to more than the cap of 64" in problem.reason
    assert "lines 2, 3, 4" in problem.reason
    # overlapping rules count each target once: the same pair twice is two expansions, not four
    parse("ktp, kartu tanda penduduk, e-ktp\nKTP, e-KTP, kartu tanda penduduk\n", max_expansions=2)


def test_the_cap_comes_from_sikoja_yaml(tmp_path: Path) -> None:
    (tmp_path / "sikoja.yaml").write_text("synonyms:\n  max_expansions: 3\n", encoding="utf-8")
    with SynonymStore(tmp_path) as store:
        assert store.max_expansions == 3
        # the default set has larger groups: importing it under this cap is refused
        with pytest.raises(SynonymFileError, match="more than the cap of 3"):
            store.import_text(store.export_text(), who="ana", why="t")
        store.import_text("berkas, dokumen, lampiran, arsip\n", who="ana", why="t")
        with pytest.raises(SynonymFileError, match="after add:2: each term .* expands to 4"):
            store.add("formulir, isian, blangko, lembar, borang", who="ana", why="t")
        store.add("formulir, isian, blangko, lembar", who="ana", why="t")
        analyzer = Analyzer(synonyms=store)
        assert len(synonym_terms(analyzer, "berkas")) == 3
        assert len(synonym_terms(analyzer, "berkas formulir")) == 3  # 6 found, 3 kept


def test_an_invalid_cap_is_a_clear_configuration_error(tmp_path: Path) -> None:
    from sikoja.config import load_settings

    (tmp_path / "sikoja.yaml").write_text("synonyms:\n  max_expansions: 0\n", encoding="utf-8")
    with pytest.raises(SikojaError, match="synonyms.max_expansions"):
        load_settings(tmp_path)


def test_words_share_the_cap_in_turns() -> None:
    text = ("ktp, " + ", ".join(f"kartu{i}" for i in range(10)) + "\n"
            "akta, " + ", ".join(f"surat{i}" for i in range(10)) + "\n")
    analyzer = Analyzer(synonyms=StaticSynonyms(parse(text), max_expansions=6))
    found = synonym_terms(analyzer, "ktp akta")
    assert len(found) == 6
    assert sum(t.startswith("kartu") for t in found) == 3
    assert sum(t.startswith("surat") for t in found) == 3


def test_a_large_valid_import_keeps_searching_and_applies_soon(tmp_path: Path) -> None:
    rules = [", ".join(f"layanan{r}x{i}" for i in range(40)) for r in range(700)]
    rules[0] = "pisah kk, " + rules[0]
    text = "\n".join(rules) + "\n"
    assert len(text) > 300_000
    with SynonymStore(tmp_path) as store:
        analyzer = Analyzer(synonyms=store)
        assert "layanan0x1" not in synonym_terms(analyzer, "pisah kk")
        store.import_text(text, who="ana", why="t")
        # queries keep answering while the new set compiles, and it applies within seconds
        deadline = time.monotonic() + 30
        while "layanan0x1" not in synonym_terms(analyzer, "pisah kk"):
            assert time.monotonic() < deadline, "the imported rules never applied"
            time.sleep(0.02)
        assert len(synonym_terms(analyzer, "pisah kk")) == 40
        assert "layanan699x3" in synonym_terms(analyzer, "layanan699x0")
