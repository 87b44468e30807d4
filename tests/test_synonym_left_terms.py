"""Synonym left terms that read wider than they are written (review of session 11).

A rule fires on the analysed tokens of its left term, so "gantung diri" ("diri" is a
stopword) fired on every query holding "gantung": "biaya tergantung apa" was sent to the
emergency line, "hasil seleksi" to the certificate of poverty ("penghasilan kecil"), "tukar
uang" to the complaint pages ("dimintai uang").
"""

from __future__ import annotations

import pytest

from indexer.analysis.analyzer import Analyzer
from indexer.analysis.synonym_check import narrowed_terms, shared_stems
from sikoja.cli import main as sikoja_main
from synonyms.default import default_text
from synonyms.rules import parse
from tests import test_api
from tests.test_api import auth


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def test_no_shipped_phrase_reads_as_one_word(analyzer) -> None:
    problems = narrowed_terms(parse(default_text(), "default.txt"), analyzer.index_tokens)
    assert not problems, "\n".join(map(str, problems))


def test_a_phrase_that_loses_its_stopwords_is_flagged(analyzer) -> None:
    rules = parse("gantung diri, percobaan bunuh diri => call center 112\n"
                  "bunuh, bunuh diri => call center 112\n"
                  "ktp hilang, kehilangan ktp => ktp\n", "admin")
    flagged = narrowed_terms(rules, analyzer.index_tokens)
    # "bunuh diri" reads as "bunuh", which the same rule already leads to 112
    assert [(p.line, p.term, p.tokens) for p in flagged] == [(1, "gantung diri", ("gantung",))]


def test_a_search_for_the_common_word_no_longer_reaches_the_rule(analyzer) -> None:
    """What a citizen sees: "tergantung" and "penghasilan" queries get no emergency line or
    poverty certificate added, while the phrases that stay still do."""
    def synonyms_of(query: str) -> set[str]:
        return {" ".join(t.tokens) for t in analyzer.analyze_query(query).terms
                if t.origin == "synonym"}

    assert "112" not in " ".join(synonyms_of("biaya tergantung apa"))
    assert synonyms_of("hasil seleksi") == set()  # was "mampu", "bantu sosial"
    assert synonyms_of("tukar uang") == set()  # was "pungli", "adu"
    assert synonyms_of("petunjuk teknis pendaftaran") == set()  # was "pajak hiburan"
    assert "pungli" in synonyms_of("uang pelicin")


def test_a_term_sharing_its_stem_with_a_common_page_word_is_flagged(analyzer) -> None:
    """"pertunjukan" (a show) stems as "petunjuk" (instructions) does: a rule keyed on it
    fired on "petunjuk teknis pendaftaran"."""
    rules = parse("konser, pertunjukan => pajak hiburan\n", "admin")
    pages = {"petunjuk": 40, "teknis": 30, "konser": 2}
    found = shared_stems(rules, analyzer.index_tokens, analyzer.stemmer.stem, pages, 5)
    assert found == [(1, "pertunjukan", "petunjuk")]
    assert shared_stems(rules, analyzer.index_tokens, analyzer.stemmer.stem,
                        {"konser": 40, "petunjuk": 2}, 5) == []


# the API tests' fixtures: a small indexed data dir, a running app, an admin key
settings, client, admin_key = test_api.settings, test_api.client, test_api.admin_key


def test_an_admin_adding_such_a_phrase_is_told_how_it_will_fire(client, admin_key) -> None:
    """The rule is stored (the admin may mean the word), and the answer says which one word
    it will fire on; a phrase that stays a phrase gets no warning."""
    h = auth(admin_key)
    r = client.post("/admin/api/synonyms", headers=h,
                    json={"rule": "gantung diri => bunuh diri", "why": "uji"})
    assert r.status_code == 201
    [warning] = r.json()["warnings"]  # in Indonesian, as the admin page is
    assert "'gantung'" in warning and "satu kata" in warning
    rules = [x["rule"] for x in client.get("/admin/api/synonyms", headers=h).json()]
    assert "gantung diri => bunuh diri" in rules
    r = client.post("/admin/api/synonyms", headers=h,
                    json={"rule": "kartu kuning => kartu pencari kerja", "why": "uji"})
    assert r.status_code == 201 and r.json()["warnings"] == []


def test_the_command_line_says_the_same(tmp_path, capsys) -> None:
    d = str(tmp_path)
    assert sikoja_main(["synonyms", "add", "--data-dir", d, "--why", "uji",
                        "gantung diri => bunuh diri"]) == 0
    out, err = capsys.readouterr()
    assert "added" in out and "warning" in err and "'gantung'" in err
    assert sikoja_main(["synonyms", "add", "--data-dir", d, "--why", "uji",
                        "kartu kuning => kartu pencari kerja"]) == 0
    assert "warning" not in capsys.readouterr().err


def test_a_phrase_already_in_another_rule_is_warned_about_once(tmp_path, capsys) -> None:
    d = str(tmp_path)
    for rule in ("gantung diri => bunuh diri", "gantung diri => percobaan bunuh diri"):
        assert sikoja_main(["synonyms", "add", "--data-dir", d, "--why", "uji", rule]) == 0
    assert capsys.readouterr().err.count("warning") == 2  # one per add, not one per rule
