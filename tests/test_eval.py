"""sikoja eval: judgments are read strictly and metrics computed as documented."""

from __future__ import annotations

import pytest

from indexer.evaluate import Judged, QueryOutcome, read_judgments, run_judgments
from sikoja.errors import SikojaError


def write(tmp_path, text):
    path = tmp_path / "judged.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_relevant_is_split_at_the_last_equals(tmp_path):
    path = write(tmp_path, "qid\tcategory\tquery\trelevant\n"
                 "q1\tformal\tizin bangunan\thttp://x/?page_id=12=2 http://x/b=1\n")
    [judged] = read_judgments(path)
    assert judged.grades == {"http://x/?page_id=12": 2, "http://x/b": 1}


@pytest.mark.parametrize("text,reason", [
    ("id\tcat\tq\trel\n", "header"),
    ("qid\tcategory\tquery\trelevant\nq1\tformal\turus ktp\n", "4 tab-separated"),
    ("qid\tcategory\tquery\trelevant\nq1\tformal\turus ktp\thttp://x/=dua\n", "bad relevant"),
    ("qid\tcategory\tquery\trelevant\n", "no judged"),
])
def test_bad_judgment_files_say_where(tmp_path, text, reason):
    with pytest.raises(SikojaError, match=reason):
        read_judgments(write(tmp_path, text))


def test_metrics_by_hand():
    judged = Judged("q", "formal", "urus ktp", {"http://a": 2, "http://b": 1})
    # first result irrelevant, second is the MPP twin of the exact page (also_at)
    report = run_judgments(lambda q: [["http://z"], ["http://m", "http://a/"]], [judged], "t")
    outcome: QueryOutcome = report.outcomes[0]
    assert outcome.success1 == 0.0 and outcome.rr10 == 0.5
    assert outcome.recall5 == 0.5
    assert 0 < outcome.ndcg10 < 1
    table = report.table()
    assert table["overall"]["rr10"] == 0.5 and table["formal"]["n"] == 1
