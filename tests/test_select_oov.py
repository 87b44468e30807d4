"""``tools/select_oov.py`` keeps exactly the queries whose content words no list names.

A tiny lexicon folder is written per test, one entry per kind of list, so each rule of "appears
in an entry" (any side, any term, multi-word terms by their words, after the analyzer's case and
punctuation handling) is seen deciding a real candidate. The last test holds the committed
held-out ``oov.tsv`` to an unchanged, frozen selection of its candidates.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "eval" / "heldout"


def load_tool():
    spec = importlib.util.spec_from_file_location("select_oov", ROOT / "tools" / "select_oov.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("select_oov", module)
    spec.loader.exec_module(module)
    return module


tool = load_tool()

HEADER = "qid\tcategory\tquery\trelevant\n"
URL = "http://127.0.0.1:8801/a=2"


def lexicon(folder: Path) -> tuple[Path, Path]:
    """A complete, tiny lexicon folder and synonym file; (data dir, synonyms file)."""
    data = folder / "data"
    data.mkdir()
    files = {
        "stopwords-id.txt": "di\nyang\nmau\nbaru\n",
        "stopwords.txt": "# -word keeps a word\n-baru\n+dong\n",
        "colloquial.tsv": "# informal<TAB>formal\nngurus\tmengurus\n",
        "jambi_malay.tsv": "cakmano\tbagaimana\n",
        "glossary_en.tsv": "family card\tkartu keluarga\n",
        "renamed_terms.tsv": "imb\tpersetujuan bangunan gedung\n",
        "compounds.tsv": "ktp-el\tktp\n",
        "abbreviations_extra.csv": "abbr,expansion,domain,source\n"
                                   "SKTM,Surat Keterangan Tidak Mampu (kelurahan),sosial,"
                                   "ladang sawah\n",
        "gov_abbreviations_compiled.csv": "abbr,expansion,domain,source\nPJU/LPJU,"
                                          "Penerangan Jalan Umum,pu,https://example.org\n",
        "indocollex_informal-formal-dictionary.tsv": "informal\tformal\nbokap\tayah\n",
        "louisowen6_combined_slang_words.json": json.dumps({"gercep": "gerak cepat"}),
    }
    for name, text in files.items():
        (data / name).write_text(text, encoding="utf-8")
    synonyms = folder / "synonyms.txt"
    synonyms.write_text("# rules\nakta kelahiran, surat lahir\nsambungan => pasang baru\n",
                        encoding="utf-8")
    return data, synonyms


def run(tmp_path: Path, queries: list[str]) -> tuple[int, str, list[str]]:
    """(exit code, printed text, kept qids) of the script on these candidate queries."""
    data, synonyms = lexicon(tmp_path)
    candidates = tmp_path / "candidates.tsv"
    rows = [f"q{i:02d}\toov\t{q}\t{URL}\n" for i, q in enumerate(queries, 1)]
    candidates.write_text(HEADER + "".join(rows), encoding="utf-8")
    out = tmp_path / "oov.tsv"
    return (*_main(candidates, out, data, synonyms), kept_qids(out))


def _main(candidates: Path, out: Path, data: Path, synonyms: Path) -> tuple[int, str]:
    """(exit code, everything printed) of one run of the script."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        code = tool.main([str(candidates), "--out", str(out), "--data", str(data),
                          "--synonyms", str(synonyms)])
    return code, buffer.getvalue()


def kept_qids(out: Path) -> list[str]:
    if not out.is_file():
        return []
    return [line.split("\t")[0] for line in out.read_text(encoding="utf-8").splitlines()[1:]]


@pytest.mark.parametrize("query, word, where", [
    ("ngurus sertifikat", "ngurus", "colloquial.tsv:2"),           # informal side
    ("mengurus sertifikat", "mengurus", "colloquial.tsv:2"),       # formal side
    ("cakmano sertifikat", "cakmano", "jambi_malay.tsv:1"),
    ("family sertifikat", "family", "glossary_en.tsv:1"),          # English side, by its words
    ("keluarga sertifikat", "keluarga", "glossary_en.tsv:1"),      # Indonesian side
    ("gedung sertifikat", "gedung", "renamed_terms.tsv:1"),        # the new name
    ("KTP-el sertifikat", "ktp", "compounds.tsv:1"),               # case and hyphen
    ("sktm sertifikat", "sktm", "abbreviations_extra.csv:2"),      # the acronym
    ("tidak sertifikat", "tidak", "abbreviations_extra.csv:2"),    # a word of its expansion
    ("kelurahan sertifikat", "kelurahan", "abbreviations_extra.csv:2"),  # bracketed note
    ("LPJU sertifikat", "lpju", "gov_abbreviations_compiled.csv:2"),  # one of a/b acronyms
    ("Bokap sertifikat", "bokap", "indocollex_informal-formal-dictionary.tsv:2"),
    ("ayah sertifikat", "ayah", "indocollex_informal-formal-dictionary.tsv:2"),
    ("gercep sertifikat", "gercep", "louisowen6_combined_slang_words.json['gercep']"),
    ("cepat sertifikat", "cepat", "louisowen6_combined_slang_words.json['gercep']"),
    ("lahir sertifikat", "lahir", "synonyms.txt:2"),               # equivalence, any term
    ("sambungan sertifikat", "sambungan", "synonyms.txt:3"),       # left of =>
    ("pasang sertifikat", "pasang", "synonyms.txt:3"),             # right of =>
    ("baru sertifikat", "baru", "synonyms.txt:3"),                 # kept by "-baru"
])
def test_a_word_of_any_entry_rejects_the_query_and_says_where(tmp_path, query, word, where):
    code, printed, kept = run(tmp_path, [query])
    assert code == 0 and kept == []
    assert f"rejected q01: '{word}' in {where}" in printed


def test_unlisted_words_are_kept_around_stopwords_numbers_and_punctuation(tmp_path):
    code, printed, kept = run(tmp_path, [
        "Sertifikat, di yang 2025 dong?",       # one unlisted word; the rest carry nothing
        "mau 17 dong",                          # nothing left to be out of vocabulary
        "sertifikat-sertifikat kos",            # reduplication folds to "sertifikat"
        "where is the kos?",                    # English function words carry nothing either
        "Gedungnya kos",                        # as written, not stemmed: not "gedung"
    ])
    assert code == 0
    assert kept == ["q01", "q03", "q04", "q05"]
    assert "rejected q02: no content words" in printed
    assert "kept 4 of 5 candidates (1 rejected)" in printed


def test_the_output_is_the_kept_rows_unchanged_and_the_same_every_run(tmp_path):
    data, synonyms = lexicon(tmp_path)
    candidates = tmp_path / "candidates.tsv"
    candidates.write_text(HEADER + f"b7\toov\tsertifikat  Domisili\t{URL} {URL[:-1]}1\n"
                          f"a1\toov\tngurus domisili\t{URL}\n"
                          f"c3\toov\tdomisili\t{URL}\n", encoding="utf-8")
    first, second = tmp_path / "one.tsv", tmp_path / "two.tsv"
    assert _main(candidates, first, data, synonyms)[0] == 0
    assert _main(candidates, second, data, synonyms)[0] == 0
    lines = candidates.read_text(encoding="utf-8").splitlines()
    assert first.read_bytes() == second.read_bytes()
    assert first.read_text(encoding="utf-8").splitlines() == [lines[0], lines[1], lines[3]]


@pytest.mark.parametrize("text, message", [
    ("qid\tquery\trelevant\nq1\tdomisili\tx=2\n", "the header must be"),
    (HEADER + "q1\toov\tdomisili\n", "expected 4 non-empty tab-separated columns"),
    (HEADER + f"q1\toov\tdomisili\t{URL}\nq1\toov\tkos\t{URL}\n", "qid q1 written twice"),
    (HEADER, "no candidate queries"),
])
def test_bad_candidates_stop_with_one_line_and_leave_the_output_alone(tmp_path, text, message):
    data, synonyms = lexicon(tmp_path)
    candidates, out = tmp_path / "candidates.tsv", tmp_path / "oov.tsv"
    candidates.write_text(text, encoding="utf-8")
    out.write_text("before\n", encoding="utf-8")
    code, printed = _main(candidates, out, data, synonyms)
    assert code == 2 and message in printed and "Traceback" not in printed
    assert out.read_text(encoding="utf-8") == "before\n"


@pytest.mark.parametrize("breakage, message", [
    (lambda data, synonyms: (data / "jambi_malay.tsv").unlink(), "jambi_malay.tsv: not found"),
    (lambda data, synonyms: synonyms.write_text("a => b\nb => a\n"), "cycle in one-way rules"),
    (lambda data, synonyms: (data / "louisowen6_combined_slang_words.json").write_text("[1]"),
     "expected one object"),
])
def test_a_missing_or_broken_list_is_an_error_not_an_empty_list(tmp_path, breakage, message):
    data, synonyms = lexicon(tmp_path)
    candidates, out = tmp_path / "candidates.tsv", tmp_path / "oov.tsv"
    candidates.write_text(HEADER + f"q1\toov\tdomisili\t{URL}\n", encoding="utf-8")
    breakage(data, synonyms)
    code, printed = _main(candidates, out, data, synonyms)
    assert code == 2 and message in printed and not out.exists()


def test_the_committed_heldout_oov_set_is_a_frozen_selection_of_its_candidates():
    """The set was selected against the lexicons of its own commit, before any tuning, and is
    frozen: an entry added later must not take a query out (that would let tuning shrink the
    hard part of the set). Every kept row is an unchanged candidate row, in candidate order."""
    candidates = (HELDOUT / "oov_candidates.tsv").read_text(encoding="utf-8").splitlines()
    kept = (HELDOUT / "oov.tsv").read_text(encoding="utf-8").splitlines()
    assert kept[0] == candidates[0] and len(kept) - 1 >= 40
    positions = [candidates.index(row) for row in kept[1:]]  # ValueError: an edited row
    assert positions == sorted(positions)


def test_the_tuning_candidates_are_split_between_oov_and_situations_with_nothing_lost():
    """``eval/situations.tsv`` is every tuning candidate that ``eval/oov.tsv`` did not keep,
    unedited and in order, so the two rows of ``bench/eval_webs.py`` together measure all
    267 phrasings and none is judged twice."""
    evals = ROOT / "eval"
    candidates = (evals / "oov_candidates.tsv").read_text(encoding="utf-8").splitlines()
    oov = (evals / "oov.tsv").read_text(encoding="utf-8").splitlines()
    situations = (evals / "situations.tsv").read_text(encoding="utf-8").splitlines()
    assert oov[0] == situations[0] == candidates[0]
    assert sorted(oov[1:] + situations[1:]) == sorted(candidates[1:])
    assert situations[1:] == [row for row in candidates[1:] if row not in set(oov[1:])]
