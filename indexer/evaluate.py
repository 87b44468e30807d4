"""Relevance evaluation: ``sikoja eval --queries FILE``.

The judgments file is a TSV with the header ``qid category query relevant``; ``relevant``
is space-separated ``URL=grade`` pairs, split at the last ``=`` (2 = the exact service or
app, 1 = an acceptable related page). A result counts with the best grade among its own URL
and the near-duplicates collapsed into it (``also_at``).

Metrics, overall and per category: Success@1 (a relevant result first), Exact@1 (a grade-2
result first), MRR@10, nDCG@10 (graded), Recall@5 (share of relevant URLs in the top 5).
"""

from __future__ import annotations

import csv
import math
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sikoja.errors import SikojaError
from sikoja.urls import url_key

MODES = ("hybrid", "keyword", "vector", "plain-bm25")


@dataclass
class Judged:
    qid: str
    category: str
    query: str
    grades: dict[str, int]


@dataclass
class QueryOutcome:
    judged: Judged
    ranked_grades: list[int]
    top_url: str | None

    @property
    def success1(self) -> float:
        return float(bool(self.ranked_grades) and self.ranked_grades[0] > 0)

    @property
    def exact1(self) -> float:
        return float(bool(self.ranked_grades) and self.ranked_grades[0] >= 2)

    @property
    def rr10(self) -> float:
        for rank, grade in enumerate(self.ranked_grades[:10], 1):
            if grade > 0:
                return 1.0 / rank
        return 0.0

    @property
    def ndcg10(self) -> float:
        dcg = sum((2**g - 1) / math.log2(r + 1)
                  for r, g in enumerate(self.ranked_grades[:10], 1))
        # one gain per judged page, as run_judgments credits them (URL variants merged)
        merged = {judged_key(u): g for u, g in self.judged.grades.items()}
        ideal = sorted(merged.values(), reverse=True)[:10]
        idcg = sum((2**g - 1) / math.log2(r + 1) for r, g in enumerate(ideal, 1))
        return dcg / idcg if idcg > 0 else 0.0

    @property
    def recall5(self) -> float:
        wanted = sum(1 for g in self.judged.grades.values() if g > 0)
        found = sum(1 for g in self.ranked_grades[:5] if g > 0)
        return min(found / wanted, 1.0) if wanted else 0.0


METRICS = ("success1", "exact1", "rr10", "ndcg10", "recall5")
LABELS = {"success1": "Success@1", "exact1": "Exact@1", "rr10": "MRR@10",
          "ndcg10": "nDCG@10", "recall5": "Recall@5"}


@dataclass
class Report:
    mode: str
    outcomes: list[QueryOutcome] = field(default_factory=list)

    def table(self) -> dict[str, dict[str, float]]:
        groups: dict[str, list[QueryOutcome]] = defaultdict(list)
        for o in self.outcomes:
            groups[o.judged.category].append(o)
        rows = {"overall": self.outcomes, **dict(sorted(groups.items()))}
        return {
            name: {"n": len(items), **{m: sum(getattr(o, m) for o in items) / len(items)
                                       for m in METRICS}}
            for name, items in rows.items() if items
        }

    def failures(self) -> list[QueryOutcome]:
        return [o for o in self.outcomes if not o.success1]

    def to_dict(self) -> dict:
        return {
            "mode": self.mode,
            "metrics": self.table(),
            "failures": [{"qid": o.judged.qid, "query": o.judged.query, "top": o.top_url}
                         for o in self.failures()],
        }


def judged_key(url: str) -> str:
    """Judged and returned URLs compare by the document's duplicate key, so that
    ``/index.php?page=x`` judged and ``/?page=x`` crawled (or a trailing slash) still match.

    A fragment stays part of the key: a hash route (``/#/layanan/12``, ``/#!/layanan/12``) is
    a page of its own in a single-page app, and any other fragment names one section of a
    page (``bundle.pdf#page=6``, ``layanan#h.kk``, ``#sppb-ac-content-3``), a different answer
    from the page's other sections. What a returned URL answers is :func:`answer_keys`.

    >>> judged_key("http://a.go.id/#/layanan/12") == judged_key("http://a.go.id/#/layanan/14")
    False
    >>> judged_key("http://a.go.id/kk/?b=2&a=1") == judged_key("http://a.go.id/kk?a=1&b=2")
    True
    >>> judged_key("http://a.go.id/x.pdf#page=6") == judged_key("http://a.go.id/x.pdf#page=8")
    False
    """
    key = url_key(url)
    fragment = url.partition("#")[2]
    return f"{key}#{fragment}" if fragment else key


def answer_keys(url: str) -> tuple[str, ...]:
    """The judged keys a returned (or stored) URL answers: its own key and, for a section
    of a page (a fragment that is not a hash route), the page's key too, since judges often
    grade the page as a whole. A section never answers another section of its page, and
    the page alone never answers a section judged on its own.

    >>> answer_keys("http://a.go.id/x.pdf#page=8")
    ('http://a.go.id/x.pdf#page=8', 'http://a.go.id/x.pdf')
    >>> answer_keys("http://a.go.id/x.pdf")
    ('http://a.go.id/x.pdf',)
    >>> answer_keys("http://a.go.id/#/layanan/12")
    ('http://a.go.id/#/layanan/12',)
    """
    page = url_key(url)
    fragment = url.partition("#")[2]
    if not fragment:
        return (page,)
    key = f"{page}#{fragment}"  # judged_key(url), its page's key read once
    return (key,) if fragment.startswith(("/", "!/")) else (key, page)


def grade_of(grades: dict[str, int], url: str) -> int:
    """The best grade in ``grades`` (keyed by :func:`judged_key`) that ``url`` answers."""
    return max((grades.get(k, 0) for k in answer_keys(url)), default=0)


def read_judgments(path: Path) -> list[Judged]:
    path = Path(path)
    if not path.is_file():
        raise SikojaError(f"judgments file not found: {path}")
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or [h.strip() for h in header[:4]] != ["qid", "category", "query",
                                                                  "relevant"]:
            raise SikojaError(f"{path}: the header must be: qid category query relevant")
        for line_no, row in enumerate(reader, 2):
            if not row or not "".join(row).strip():
                continue
            if len(row) < 4:
                raise SikojaError(f"{path}:{line_no}: expected 4 tab-separated columns")
            grades: dict[str, int] = {}
            for pair in row[3].split():
                url, sep, grade = pair.rpartition("=")
                if not sep or not url or not grade.strip().isdigit():
                    raise SikojaError(f"{path}:{line_no}: bad relevant entry {pair!r}")
                grades[judged_key(url)] = int(grade)
            out.append(Judged(row[0].strip(), row[1].strip(), row[2], grades))
    if not out:
        raise SikojaError(f"{path}: no judged queries")
    return out


def run_judgments(search: Callable[[str], list[list[str]]], judged: list[Judged],
                  mode: str, progress: Callable[[str], None] | None = None) -> Report:
    """``search(query)`` returns, per result, its URL followed by its also_at URLs."""
    report = Report(mode)
    for n, item in enumerate(judged, 1):
        ranked = search(item.query)
        left = {judged_key(u): g for u, g in item.grades.items()}
        grades = []
        for urls in ranked:
            # a judged answer counts once, where it is first found: two results that are
            # the same judged page (a URL variant, a copy collapsed into a later result)
            # would otherwise both earn its gain and lift nDCG@10 above 1
            keys = [k for u in urls for k in answer_keys(u) if k in left]
            best = max(keys, key=lambda k: left[k], default=None)
            grades.append(0 if best is None else left.pop(best))
        report.outcomes.append(QueryOutcome(item, grades, ranked[0][0] if ranked else None))
        if progress and n % 50 == 0:
            progress(f"evaluated {n}/{len(judged)} queries")
    return report


def evaluate_file(data_dir: Path, queries: Path, *, mode: str = "hybrid",
                  progress: Callable[[str], None] | None = None) -> Report:
    from indexer.search import Searcher
    from sikoja.config import load_settings

    if mode not in MODES:
        raise SikojaError(f"unknown mode {mode!r}; one of {', '.join(MODES)}")
    judged = read_judgments(queries)
    settings = load_settings(data_dir)
    if mode == "plain-bm25":
        return _evaluate_plain(settings, judged, progress)
    # the deployment's ranking (sikoja.yaml), with only the retrievers the mode names
    ranking = settings.ranking.model_copy(
        update={"use_keyword": mode != "vector", "use_vector": mode != "keyword"})
    searcher = Searcher(settings, ranking=ranking)
    if searcher.info().get("version") is None:
        raise SikojaError(f"no index in {data_dir}: run 'sikoja index' first")
    try:
        return run_judgments(searcher_fn(searcher), judged, mode, progress)
    finally:
        searcher.close()


def searcher_fn(searcher) -> Callable[[str], list[list[str]]]:
    """``searcher``'s search as run_judgments reads it: the URLs of the first ten
    results, each with its ``also_at`` copies."""
    def search(query: str) -> list[list[str]]:
        response = searcher.search(query, limit=10)
        return [[r.url, *r.also_at] for r in response.results]
    return search


_PLAIN_WORD = re.compile(r"\w+", re.UNICODE)


class PlainAnalyzer:
    """The baseline: lower-cased words, nothing else (no stemming, no expansion)."""

    def words(self, text: str) -> list[str]:
        return _PLAIN_WORD.findall(text.casefold())

    index_tokens = words
    title_tokens = words  # no acronyms spelled out either

    def phrase_readings(self, text: str) -> list:  # noqa: ARG002
        return []  # no phrase tables to read a query's phrases by

    def analyze_query(self, q: str, vocabulary=None):  # noqa: ANN001, ANN201
        from indexer.analysis import QueryAnalysis, QueryTerm

        tokens = list(dict.fromkeys(self.words(q)))
        return QueryAnalysis(text=q, normalized=" ".join(tokens), lang="id",
                             terms=[QueryTerm((t,), 1.0, "query") for t in tokens],
                             did_you_mean=None, embedding_text=q)


def _evaluate_plain(settings, judged, progress) -> Report:
    """Plain BM25 over an index built without the Indonesian analysis, in a temp dir."""
    with plain_searcher(settings) as searcher:
        return run_judgments(searcher_fn(searcher), judged, "plain-bm25", progress)


@contextmanager
def plain_searcher(settings) -> Iterator:
    """A searcher of plain BM25 (no stemming, expansion, vectors or ranking rules) over a
    copy of the documents of ``settings.data_dir`` indexed in a temp dir, removed after."""
    import indexer.build as build
    from indexer.embedded import EmbeddedBackend
    from indexer.search import RankingConfig, Searcher

    with tempfile.TemporaryDirectory(prefix="sikoja-plain-",
                                     ignore_cleanup_errors=True) as name:
        tmp = Path(name)
        shutil.copy(Path(settings.data_dir) / "documents.db", tmp / "documents.db")
        plain_settings = settings.model_copy(update={"data_dir": tmp, "embedder": "none"})
        backend = EmbeddedBackend(tmp)
        build.build_index(plain_settings, backend=backend, full=True,
                          analyzer=PlainAnalyzer(),  # type: ignore[arg-type]
                          own_words=False)
        searcher = Searcher(plain_settings, synonyms=False, backend=backend, embedder=False,
                            analyzer=PlainAnalyzer(),  # type: ignore[arg-type]
                            # BM25 alone: none of the ranking's rules (priors, the share of
                            # the query a page says, sibling services) on top of it
                            ranking=RankingConfig(use_vector=False, use_priors=False,
                                                  coverage_weight=0.0, sibling_window=0))
        try:
            yield searcher
        finally:
            searcher.close()


GAP_LIMIT = 0.03  # held-out MRR@10 more than this below tuning means the tuning overfits


def format_gap(tuning: Report, heldout: Report) -> str:
    """One line per metric: tuning, held-out and the gap. Held-out data is never tuned on,
    so a gap is a bug in what the tuning taught, not noise to explain away."""
    a, b = tuning.table()["overall"], heldout.table()["overall"]
    lines = [f"{'metric':<12}{'tuning':>9}{'held-out':>10}{'gap':>8}"]
    for m in METRICS:
        lines.append(f"{LABELS[m]:<12}{a[m]:>9.3f}{b[m]:>10.3f}{a[m] - b[m]:>+8.3f}")
    gap = a["rr10"] - b["rr10"]
    verdict = "within" if gap <= GAP_LIMIT else "NOT within"
    lines.append(f"held-out MRR@10 is {verdict} {GAP_LIMIT} of tuning ({gap:+.3f})")
    return "\n".join(lines)


def format_report(report: Report) -> str:
    table = report.table()
    head = f"{'category':<14}{'n':>5}" + "".join(f"{LABELS[m]:>11}" for m in METRICS)
    lines = [f"mode: {report.mode}", head, "-" * len(head)]
    for name, row in table.items():
        lines.append(f"{name:<14}{row['n']:>5}" + "".join(f"{row[m]:>11.3f}" for m in METRICS))
    failures = report.failures()
    if failures:
        lines.append(f"\nnot relevant at rank 1 ({len(failures)}):")
        for o in failures[:40]:
            lines.append(f"  {o.judged.qid} [{o.judged.category}] {o.judged.query!r} -> "
                         f"{o.top_url or '(no result)'}")
    return "\n".join(lines)
