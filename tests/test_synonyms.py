"""Synonyms: the Solr format with strict validation, the versioned store, and the admin CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from indexer.analysis import Analyzer
from sikoja.cli import main as sikoja_main
from sikoja.errors import SikojaError
from synonyms import (
    DEFAULT_PATH,
    StaticSynonyms,
    SynonymFileError,
    SynonymStore,
    default_text,
    parse,
    parse_rule,
)
from tests.test_api_hardening import _fill, small_disk  # noqa: F401


def expansions(analyzer: Analyzer, query: str) -> set[str]:
    return {
        " ".join(t.tokens) for t in analyzer.analyze_query(query).terms if t.origin == "synonym"
    }


# -- format and validation --------------------------------------------------------------------


def test_solr_format_equivalent_one_way_and_comments() -> None:
    rules = parse(
        "# civil registration\n"
        "kk, kartu keluarga\n"
        "\n"
        "imb => pbg, persetujuan bangunan gedung\n"
        "tanda\\, koma, comma\n"
    )
    assert [r.line for r in rules] == [2, 4, 5]
    assert rules.rules[0].left == ("kk", "kartu keluarga") and not rules.rules[0].one_way
    assert rules.rules[1].left == ("imb",)
    assert rules.rules[1].right == ("pbg", "persetujuan bangunan gedung")
    assert rules.rules[2].left[0] == "tanda, koma"


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("kk, kartu keluarga\na => b\nb => a\n", 2, "cycle"),
        ("a => b\nb => c\nc => a\n", 1, "cycle"),
        ("kk, , kartu keluarga\n", 1, "empty term"),
        ("kk,\n", 1, "empty term"),
        ("=> pbg\n", 1, "empty left side"),
        ("imb =>\n", 1, "empty right side"),
        ("a => b => c\n", 1, "more than one '=>'"),
        ("kk\n", 1, "at least two terms"),
        ("ok, fine\n" + ", ".join(f"t{i}" for i in range(10_000)) + "\n", 2, "too long"),
        ("ok, fine\nx" * 1 + ", y" * 300 + "\n", 2, "too many terms"),
        ("kk, kartu\x00keluarga\n", 1, "control or binary character"),
        ("kk, kartu keluarga # inline\n", 1, "'#' inside a rule"),
        ("!!!, ???\n", 1, "no letters or digits"),
    ],
)
def test_bad_lines_are_reported_with_line_and_reason(text: str, line: int, reason: str) -> None:
    with pytest.raises(SynonymFileError) as caught:
        parse(text, "mine.txt")
    problems = caught.value.problems
    assert any(p.line == line and reason in p.reason and p.source == "mine.txt" for p in problems)
    assert f"mine.txt:{line}:" in str(caught.value)


def test_a_self_mapping_is_not_a_cycle() -> None:
    assert len(parse("imb => imb, pbg\n")) == 1


def test_every_bad_line_is_listed_not_only_the_first() -> None:
    with pytest.raises(SynonymFileError) as caught:
        parse(b"good, rule\nbad,,\n=> x\n\xff\xfe latin-1 \xe9\n", "upload.txt")
    assert [p.line for p in caught.value.problems] == [2, 3, 4]
    assert "not valid UTF-8" in caught.value.problems[2].reason


def test_binary_garbage_is_rejected() -> None:
    garbage = bytes(range(256)) * 4
    with pytest.raises(SynonymFileError) as caught:
        parse(garbage, "image.png")
    assert caught.value.problems


def test_utf16_file_is_rejected_as_wrong_encoding() -> None:
    with pytest.raises(SynonymFileError) as caught:
        parse("kk, kartu keluarga\n".encode("utf-16"), "utf16.txt")
    assert "UTF-8" in str(caught.value)


def test_utf8_with_bom_and_crlf_is_accepted() -> None:
    rules = parse("\ufeffkk, kartu keluarga\r\nimb => pbg\r\n".encode(), "windows.txt")
    assert [r.text() for r in rules] == ["kk, kartu keluarga", "imb => pbg"]


def test_the_default_set_is_large_valid_and_sourced() -> None:
    text = default_text()
    rules = parse(text, str(DEFAULT_PATH))
    assert len(rules) >= 300
    groups = [line for line in text.splitlines() if line.startswith("# ==")]
    assert len(groups) >= 12
    # every group names where its facts come from
    for block in text.split("# ==")[1:]:
        comment_lines = [ln for ln in block.splitlines()[1:] if ln.startswith("#")]
        assert any(
            src in " ".join(comment_lines)
            for src in ("phrasing.md", "services.jsonl", "apps.jsonl", "opds.jsonl", "gov_abbr")
        ), block.splitlines()[0]
    terms = {t.casefold() for r in rules for t in r.terms}
    for name in ("sikoja", "sikesal", "si merah koja", "kartu bahagia", "damkar", "112", "pdam"):
        assert name in terms


# -- expansion at query time ------------------------------------------------------------------


def test_multi_word_synonyms_are_phrases() -> None:
    analyzer = Analyzer(synonyms=StaticSynonyms.from_text("pecah kk, pisah kk, kk terpisah\n"))
    terms = {t.tokens: t for t in analyzer.analyze_query("mau pisah kk").terms}
    assert terms[("pecah", "kk")].origin == "synonym"
    assert terms[("pecah", "kk")].weight < 1
    assert ("kk", "pisah") in terms


def test_one_way_rule_expands_only_from_the_left() -> None:
    analyzer = Analyzer(synonyms=StaticSynonyms.from_text("sikesal => pengaduan\n"))
    assert "adu" in expansions(analyzer, "sikesal")
    assert "sikesal" not in expansions(analyzer, "pengaduan")


def test_longest_rule_wins_like_synonym_graph() -> None:
    analyzer = Analyzer(
        synonyms=StaticSynonyms.from_text("air mati, air tidak mengalir\nmati, meninggal\n")
    )
    found = expansions(analyzer, "air mati")
    assert "air alir" in found
    assert "tinggal" not in found  # "mati" inside "air mati" is not a death


def test_default_set_covers_what_citizens_type() -> None:
    analyzer = Analyzer()
    assert "adu" in expansions(analyzer, "lapor jalan rusak")
    assert "lampu jalan padam" in expansions(analyzer, "lampu jalan mati")
    assert "tuju bangun gedung" not in expansions(analyzer, "imb")  # the stem is setuju
    assert "setuju bangun gedung" in expansions(analyzer, "imb")
    assert "pemadam kebakaran" in analyzer.analyze_query("damkar").embedding_text


@pytest.mark.parametrize("word", ["urus", "air", "data", "usaha", "tagihan", "buat", "mati", "60",
                                  # situation terms that once collapsed onto these: "tidak
                                  # punya kerjaan", "berpulang", "dirumahkan", "baru datang",
                                  # "punya anak", "ketinggalan", "dimutasi", "kelakuan baik"
                                  "kerja", "pulang", "rumah", "datang", "anak", "tinggal",
                                  "mutasi", "berlaku", "identitas", "17"])
def test_default_set_does_not_fire_on_everyday_words(word: str) -> None:
    """A rule term like "bikin ktp" analyses to plain "ktp" once stopwords go; terms that
    collapse onto an everyday word would expand almost every query."""
    assert expansions(Analyzer(), word) == set()


def test_default_ktp_expansions_stay_on_the_id_card() -> None:
    found = expansions(Analyzer(), "ktp")
    assert found and found <= {"kartu tanda penduduk", "kartu identitas"}


# -- the store --------------------------------------------------------------------------------


@pytest.fixture()
def store(tmp_path: Path):
    with SynonymStore(tmp_path) as s:
        yield s


def test_fresh_store_starts_from_the_default_set(store: SynonymStore) -> None:
    assert store.version() == 1
    assert len(store.rules()) >= 300
    (first,) = store.history()
    assert (first.who, first.action) == ("sikoja", "default")
    assert store.export_text() == default_text()
    assert (store.data_dir / "synonyms.db").is_file()


def test_add_takes_effect_on_the_next_query_and_rollback_undoes_it(store: SynonymStore) -> None:
    analyzer = Analyzer(synonyms=store)
    assert "surat pindah" not in " ".join(expansions(analyzer, "mutasi penduduk"))
    store.add("mutasi penduduk, surat pindah", who="ana", why="warga menyebut mutasi penduduk")
    assert "surat pindah" in expansions(analyzer, "mutasi penduduk")
    store.rollback(1, who="ana", why="salah tempat")
    assert "surat pindah" not in expansions(analyzer, "mutasi penduduk")
    assert [v.action for v in store.history()] == ["rollback", "add", "default"]


def test_remove_takes_effect_on_the_next_query(store: SynonymStore) -> None:
    analyzer = Analyzer(synonyms=store)
    assert "pisah kk" in expansions(analyzer, "pecah kk")
    store.remove("PECAH KK,  pisah kk, kk terpisah, misah kk", who="ana", why="test")
    assert "pisah kk" not in expansions(analyzer, "pecah kk")
    assert "pecah kk" not in store.export_text()
    assert "# == Civil registration: KK ==" in store.export_text()  # comments stay


@pytest.mark.slow  # starts a Python process
def test_change_from_another_process_reaches_a_running_analyzer(store: SynonymStore) -> None:
    analyzer = Analyzer(synonyms=store)
    assert "ktp" not in expansions(analyzer, "kartu warga")
    code = (
        "from synonyms import SynonymStore;"
        f"SynonymStore({str(store.data_dir)!r}).add('kartu warga => ktp', who='cli', why='t')"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent.parent)
    assert "ktp" in expansions(analyzer, "kartu warga")


def test_bad_import_changes_nothing(store: SynonymStore) -> None:
    before = store.export_text()
    with pytest.raises(SynonymFileError) as caught:
        store.import_text(b"kk, kartu keluarga\na => b\nb => a\n", who="ana", why="t", source="x")
    assert "x:2: cycle" in str(caught.value)
    assert store.version() == 1 and store.export_text() == before


def test_adding_a_rule_that_closes_a_cycle_is_refused(store: SynonymStore) -> None:
    store.add("kartu pencaker => ak1", who="ana", why="t")
    with pytest.raises(SynonymFileError, match="cycle"):
        store.add("ak1 => kartu pencaker", who="ana", why="t")
    assert store.version() == 2


def test_changes_need_who_and_why(store: SynonymStore) -> None:
    with pytest.raises(SikojaError, match="who"):
        store.add("a, b", who="", why="t")
    with pytest.raises(SikojaError, match="why"):
        store.add("a, b", who="ana", why=" ")
    assert store.version() == 1


def test_import_export_and_rollback_to_any_version(store: SynonymStore) -> None:
    store.import_text("kk, kartu keluarga\n", who="ana", why="minimal set")
    store.add("imb => pbg", who="budi", why="nama lama")
    assert store.export_text() == "kk, kartu keluarga\nimb => pbg\n"
    assert store.export_text(2) == "kk, kartu keluarga\n"
    store.rollback(2, who="ana", why="back to minimal")
    assert store.export_text() == "kk, kartu keluarga\n"
    store.rollback(1, who="ana", why="back to default")
    assert len(store.rules()) >= 300
    with pytest.raises(SikojaError, match="no synonym version 99"):
        store.rollback(99, who="ana", why="t")


def test_duplicate_and_missing_rules_are_clear_errors(store: SynonymStore) -> None:
    with pytest.raises(SikojaError, match="already present"):
        store.add("KK baru,  kartu keluarga baru, kk pertama", who="ana", why="t")
    with pytest.raises(SikojaError, match="no such rule"):
        store.remove("tidak, ada", who="ana", why="t")


def test_parse_rule_rejects_two_lines() -> None:
    with pytest.raises(SynonymFileError):
        parse_rule("a, b\nc, d")


# -- CLI --------------------------------------------------------------------------------------


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = sikoja_main(["synonyms", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow  # runs ten synonym commands, each loading the lexicons
def test_cli_admin_story(tmp_path: Path, capsys) -> None:
    d = str(tmp_path)
    code, out, _ = run(capsys, "list", "--data-dir", d)
    assert code == 0 and "# version 1" in out and "kk baru, kartu keluarga baru" in out

    code, out, _ = run(
        capsys, "add", "--data-dir", d, "mutasi penduduk, surat pindah", "--who", "ana",
        "--why", "warga bilang mutasi",
    )  # fmt: skip
    assert code == 0 and "version 2" in out

    code, out, _ = run(capsys, "test", "--data-dir", d, "bikin akte lahir")
    assert code == 0
    assert "normalised: buat akta lahir" in out and "language:   id" in out
    assert "stemmed:    akta lahir" in out

    code, out, _ = run(
        capsys, "test", "--data-dir", d, "mutasi penduduk", "--add", "mutasi penduduk => skpwni"
    )
    assert code == 0 and "with the pending rule" in out and "skpwni" in out
    assert "top results now" in out or "results: not available" in out

    code, out, _ = run(capsys, "history", "--data-dir", d)
    assert "ana  add mutasi penduduk, surat pindah" in out and "why: warga bilang mutasi" in out

    export = tmp_path / "export.txt"
    code, _, _ = run(capsys, "export", "--data-dir", d, "--output", str(export))
    assert code == 0 and "mutasi penduduk, surat pindah" in export.read_text()

    code, out, _ = run(capsys, "rollback", "--data-dir", d, "1", "--who", "ana", "--why", "undo")
    assert code == 0 and "version 3" in out

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"kk, kartu keluarga\nx =>\n")
    code, _, err = run(capsys, "import", "--data-dir", d, str(bad), "--who", "a", "--why", "b")
    assert code != 0 and f"{bad}:2: empty right side" in err
    code, out, _ = run(capsys, "export", "--data-dir", d, "--version", "3")
    assert out.startswith("# sikoja default synonyms")

    code, out, _ = run(
        capsys, "import", "--data-dir", d, "--default", "--who", "ana", "--why", "newer default"
    )
    assert code == 0 and "version 4" in out
    rule = "pecah kk, pisah kk, kk terpisah, misah kk"
    code, out, _ = run(capsys, "remove", "--data-dir", d, rule, "--who", "ana", "--why", "test")
    assert code == 0 and "version 5" in out


def test_cli_change_without_why_is_refused(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit):
        sikoja_main(["synonyms", "add", "--data-dir", str(tmp_path), "a, b", "--who", "ana"])
    assert "--why" in capsys.readouterr().err


def test_cli_test_shows_results_before_and_after_a_pending_rule(tmp_path: Path, capsys) -> None:
    from indexer.build import build_index
    from sikoja.config import load_settings
    from tests.corpus import SIKESAL_URL, write_corpus

    write_corpus(tmp_path).close()
    (tmp_path / "sikoja.yaml").write_text("embedder: none\n", encoding="utf-8")
    build_index(load_settings(tmp_path))
    code, out, _ = run(
        capsys, "test", "--data-dir", str(tmp_path), "tempat ngomel", "--add", "ngomel => sikesal"
    )
    assert code == 0
    before, after = out.split("top results with the pending rule:")
    assert SIKESAL_URL not in before.split("top results now:")[1]
    assert SIKESAL_URL in after.splitlines()[1]
    with SynonymStore(tmp_path) as store:
        assert store.version() == 1  # the pending rule was not saved


class CountingSource:
    """A synonym source that counts how often the Analyzer re-reads the rules."""

    def __init__(self) -> None:
        self.current = 1
        self.reads = 0

    def version(self) -> int:
        return self.current

    def rules(self):
        self.reads += 1
        return parse("pecah kk, pisah kk\n" if self.current == 1 else "pecah kk, kk terpisah\n")


def test_analyzer_rereads_rules_only_when_the_version_changes() -> None:
    source = CountingSource()
    analyzer = Analyzer(synonyms=source)
    for _ in range(5):
        assert "pisah kk" in expansions(analyzer, "pecah kk")
    assert source.reads == 1
    source.current = 2
    assert expansions(analyzer, "pecah kk") == {"kk pisah"}
    assert source.reads == 2


def _store_made_with(tmp_path: Path, default: str, monkeypatch) -> None:
    """A data dir whose synonyms.db was seeded by a sikoja that shipped ``default``."""
    monkeypatch.setattr("synonyms.store.default_text", lambda: default)
    with SynonymStore(tmp_path) as s:
        s.version()


def test_a_data_dir_made_earlier_takes_in_the_new_default_set(tmp_path: Path, monkeypatch) -> None:
    """An upgrade that ships new default rules reaches an existing data dir: a citizen's
    "melahirkan" query there expands to the new rule once the store is opened again."""
    _store_made_with(tmp_path, "kk, kartu keluarga\n", monkeypatch)
    monkeypatch.setattr("synonyms.store.default_text", lambda: "kk, kartu keluarga\n"
                        "melahirkan => akta kelahiran\n")
    with SynonymStore(tmp_path) as store:
        assert "akta lahir" in expansions(Analyzer(synonyms=store), "melahirkan")
        assert [v.action for v in store.history()] == ["default", "default"]
        assert "1 rules added, 0 removed" in store.history()[0].detail
    with SynonymStore(tmp_path) as store:  # taken once, not on every opening
        assert store.version() == 2


def test_a_new_default_set_keeps_an_admins_changes(tmp_path: Path, monkeypatch) -> None:
    _store_made_with(tmp_path, "kk, kartu keluarga\nimb => pbg\nmati, meninggal\n", monkeypatch)
    with SynonymStore(tmp_path) as store:
        store.add("kartu kuning => ak1", who="ana", why="warga menyebutnya begitu")
        store.remove("imb => pbg", who="ana", why="tidak dipakai lagi")
    monkeypatch.setattr("synonyms.store.default_text", lambda: "kk, kartu keluarga\n"
                        "imb => pbg\nmelahirkan => akta kelahiran\n")
    with SynonymStore(tmp_path) as store:
        rules = {r.text() for r in store.rules()}
        assert "kartu kuning => ak1" in rules  # the admin's rule stays
        assert "imb => pbg" not in rules  # the admin's removal stays
        assert "melahirkan => akta kelahiran" in rules  # the new default rule arrives
        assert "mati, meninggal" not in rules  # the rule the new default dropped goes
        assert store.history()[0].action == "default"


def test_an_admins_change_saved_while_the_default_is_merged_stays(tmp_path: Path,
                                                                  monkeypatch) -> None:
    """Another process (the admin API) saves a rule between the upgrade's read of the
    current rules and its write: before, the new default version was built on the text
    read and the admin's rule dropped out. The upgrade now waits for the next opening."""
    import synonyms.store as synonym_store

    _store_made_with(tmp_path, "kk, kartu keluarga\n", monkeypatch)
    admin = SynonymStore(tmp_path)
    admin.version()  # open before the upgrade, as a running server is
    merge, saved = synonym_store.merge_default, []

    def merge_while_the_admin_saves(*texts: str) -> tuple[str, int, int]:
        if not saved:
            saved.append(admin.add("kartu kuning => ak1", who="ana", why="warga pakai"))
        return merge(*texts)

    monkeypatch.setattr(synonym_store, "merge_default", merge_while_the_admin_saves)
    monkeypatch.setattr(synonym_store, "default_text", lambda: "kk, kartu keluarga\n"
                        "melahirkan => akta kelahiran\n")
    with SynonymStore(tmp_path) as store:
        assert "kartu kuning => ak1" in {r.text() for r in store.rules()}
    admin.close()
    with SynonymStore(tmp_path) as store:  # the next opening takes the default in
        rules = {r.text() for r in store.rules()}
        assert {"kartu kuning => ak1", "melahirkan => akta kelahiran"} <= rules


def test_a_default_set_the_full_disk_cannot_take_in_leaves_the_rules_working(
        small_disk: Path, monkeypatch, caplog) -> None:  # noqa: F811 (the fixture)
    """An upgraded server opens its synonym store on a full disk: the new default version
    cannot be saved. Before, that error escaped the opening: the first CLI command failed
    (a search caught it and went without synonyms); now the current rules answer, the log
    says why, and the next opening tries again."""
    data = small_disk / "data"
    _store_made_with(data, "kartu kuning, ak1\n", monkeypatch)
    running = SynonymStore(data)
    running.version()  # a running process keeps the store (and its WAL files) open
    monkeypatch.setattr("synonyms.store.default_text", lambda: "kartu kuning, ak1\n"
                        "melahirkan => akta kelahiran\n")
    _fill(small_disk / "filler")
    with SynonymStore(data) as store:  # as `sikoja synonyms list` does
        assert [r.text() for r in store.rules()] == ["kartu kuning, ak1"]
        assert [v.action for v in store.history()] == ["default"]
    with SynonymStore(data) as store:  # as a search does
        assert "ak1" in expansions(Analyzer(synonyms=store), "kartu kuning")
    assert "default synonym set could not be saved" in caplog.text
    (small_disk / "filler").unlink()
    with SynonymStore(data) as store:
        assert "akta kelahiran" in {t for r in store.rules() for t in r.terms}
    running.close()


def test_the_clusters_copy_keeps_the_word_typed(tmp_path: Path) -> None:
    """OpenSearch's synonym_graph replaces a one-way rule's left side; sikoja keeps it, so
    the rules written for the cluster map each left term to itself as well."""
    from indexer.opensearch.synonym_rules import export_rules

    with SynonymStore(tmp_path) as store:
        store.import_text("kk, kartu keluarga\nmelahirkan, bersalin => akta kelahiran\n",
                          who="ana", why="t")
    assert export_rules(tmp_path) == ["kk, kartu keluarga",
                                      "melahirkan => melahirkan, akta kelahiran",
                                      "bersalin => bersalin, akta kelahiran"]


def test_a_fresh_store_on_a_full_disk_answers_the_default_and_says_why_it_cannot_save(
        small_disk: Path) -> None:  # noqa: F811 (the fixture)
    """A server whose disk filled before its synonym store was first written (the seed runs
    on first use, in the background of a starting server): the shipped default still
    answers searches and the admin's list, a change says the disk is full, and once there is
    room the change is saved to the file. Before, the failed seed left a store whose every
    read raised (HTTP 500 on the admin page)."""
    data = small_disk / "data"
    data.mkdir()
    _fill(small_disk / "filler")
    with SynonymStore(data) as store:
        assert store.version() >= 1 and "ktp" in {t for r in store.rules() for t in r.terms}
        assert store.list() and [v.action for v in store.history()] == ["default"]
        with pytest.raises(SikojaError, match="disk is full"):
            store.add("kk, kartu keluarga baru", who="ops", why="full disk")
        (small_disk / "filler").unlink()
        store.add("kk, kartu keluarga baru", who="ops", why="room again")
    with SynonymStore(data) as store:  # saved to the file, after the default it seeded
        assert [v.action for v in store.history()] == ["add", "default"]  # newest first
        assert "kartu keluarga baru" in {t for r in store.rules() for t in r.terms}
