"""Where plain BM25 or keyword retrieval alone ranks a query's right answer above hybrid, and why.

    python bench/fusion_losses.py --data-dir DIR [--records FILE] [--leads FILE] [--out FILE]

DIR is a data dir built from the bundled sample web (the tuning web: ``bench/eval_webs.py
--webs tuning --keep``); judged URLs on the default ports are mapped onto the ports named in
``DIR/sources.yaml``. The tuning judgments (``eval/devset.tsv``, ``eval/oov.tsv``,
``eval/situations.tsv``) are searched in three modes on the same crawl: hybrid (the
deployment's ranking, with explain), keyword (the same ranking without the vector side) and
plain BM25 (``indexer.evaluate.plain_searcher``: lower-cased words, no rules). For each query,
the rank of its first grade-2 answer in each mode (a result counts with its ``also_at``
copies, as ``sikoja eval`` counts it).

Every query where plain BM25 or keyword ranks a grade-2 answer higher than hybrid is listed
and classed by what put hybrid's first result ``T`` above the answer ``A`` (the first of
these that holds, read from explain):

- **pin**: ``T`` was put first by a rule (a home asked by name, a place's contact page, a
  best bet);
- **far**: ``A`` is not among hybrid's first 30 results;
- **swap**: a title rule swapped ``T`` over ``A`` (tie-break, sibling rule, office named);
- **collapse**: ``A``'s group carried a copy's score times ``copy_weight`` and that cost it;
- **prior**: fusion had ``A`` ahead and the kind or listing prior after fusion put ``T`` first;
- **coverage**: fusion had ``A`` ahead and the share of the query each says put ``T`` first;
- **vector reorder**: the keyword side (inside hybrid) ranked ``A`` above ``T`` and the
  vector side's ranks turned it (with the keyword side's score ratio of ``A`` to ``T``);
- **in-retriever prior/coverage**: raw BM25 on the analysed query has ``A`` above ``T``,
  the keyword side after the prior share and the coverage factor does not;
- **analysis**: raw BM25 on the analysed query (stems, expansions) already puts ``T`` above
  ``A``: for plain BM25 the expansion or stemming pulled away; for keyword-only, the vector
  side's words (neighbours, feedback) or its rules.

With ``--leads``, each query's keyword lead is also followed through rank fusion (the
keyword side's first near-duplicate group as fusion received it, after the coverage factor
and the prior share): by its score's margin over the next group, whether fusion kept its
group first, whether the results show it first, and which of the two was a grade-2 answer.
A "firm keyword lead" rule (keep a keyword winner with a large margin first through fusion)
can only gain where fusion, not a later rule, displaced a right lead.

Writes the per-query records as JSON (``--records``, ``--leads``: read back instead of
searching when they exist) and the tables (``--out``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.answer_card import base_port  # noqa: E402
from bench.knob_audit import SETS, add_set_options, families, read_sets  # noqa: E402
from indexer.evaluate import Judged, grade_of, plain_searcher, searcher_fn  # noqa: E402
from sikoja.config import load_settings  # noqa: E402
from sikoja.errors import SikojaError  # noqa: E402
from sikoja.pipeline import open_searcher  # noqa: E402

DEEP = 30  # hybrid results read for the answer's explain
SWAPS = ("tie_break", "sibling", "office")
CAUSES = ("pin", "far", "swap", "collapse", "prior", "coverage", "vector reorder",
          "in-retriever prior/coverage", "analysis")


def grade2_rank(results: list[list[str]], judged: Judged) -> int | None:
    """The 1-based rank of the first result (its URL or an ``also_at`` copy) judged 2."""
    for rank, urls in enumerate(results, 1):
        if any(grade_of(judged.grades, u) >= 2 for u in urls):
            return rank
    return None


def rec_depth(results: list[list[str]], judged: Judged) -> int:
    """How many of hybrid's results a record keeps: down to the answer, at least one."""
    return grade2_rank(results, judged) or 1


def _entry(result) -> dict:
    e = result.explain
    return {"id": result.id, "url": result.url, "title": result.title, "kind": result.kind,
            "score": result.score, "keyword_score": e.keyword_score,
            "keyword_rank": e.keyword_rank, "vector_score": e.vector_score,
            "vector_rank": e.vector_rank, "vector_past": e.vector_rank_past,
            "fused": e.fused_score, "boosts": e.boosts, "pinned": e.pinned,
            "score_from": e.score_from}


def search_all(data_dir: Path, judged: dict[str, list[Judged]]) -> list[dict]:
    """One record per query: each mode's grade-2 rank, hybrid's first result and the
    answer's explain, raw BM25 ranks of both on the analysed query."""
    settings = load_settings(data_dir)
    searcher = open_searcher(settings)
    hybrid_ranking = settings.ranking
    keyword_ranking = settings.ranking.model_copy(update={"use_vector": False})
    keyword_search = searcher_fn(searcher)  # top 10, each with its also_at copies
    records: list[dict] = []
    try:
        for name, items in judged.items():
            for j in items:
                searcher.ranking = hybrid_ranking
                resp = searcher.search(j.query, limit=DEEP, explain=True)
                hybrid = [[r.url, *r.also_at] for r in resp.results]
                searcher.ranking = keyword_ranking
                kw = keyword_search(j.query)
                rec = {"set": name, "qid": j.qid, "category": j.category, "query": j.query,
                       "hybrid": grade2_rank(hybrid, j), "keyword": grade2_rank(kw, j),
                       "shown": [_entry(r) for r in resp.results[:rec_depth(hybrid, j)]],
                       "answer": None}
                if rec["hybrid"] is not None:
                    rec["answer"] = rec["shown"][rec["hybrid"] - 1]
                if rec["hybrid"] is not None and rec["hybrid"] > 10:
                    rec["hybrid"] = None  # past MRR@10's reach, as "far"
                analysis = searcher.analyze(j.query)
                raw = searcher.backend.keyword_search(list(analysis.terms),
                                                      hybrid_ranking.candidates, None)
                shown = {e["id"] for e in rec["shown"]}
                rec["raw"] = {h.id: [n, h.score] for n, h in enumerate(raw, 1)
                              if n <= 2 or h.id in shown}
                records.append(rec)
    finally:
        searcher.ranking = hybrid_ranking
        searcher.close()
    by_key = {(r["set"], r["qid"]): r for r in records}
    with plain_searcher(settings) as plain:
        plain_search = searcher_fn(plain)
        for name, items in judged.items():
            for j in items:
                by_key[(name, j.qid)]["plain"] = grade2_rank(plain_search(j.query), j)
    return records


def _without(entry: dict, *names: str) -> float:
    """The entry's score with the named multipliers taken out."""
    score = entry["score"]
    for name in names:
        score /= entry["boosts"].get(name, 1.0)
    return score


def rival(rec: dict, mode: str) -> dict | None:
    """Hybrid's result in the place ``mode`` gave the answer (``T``): the one it lost to."""
    place = rec.get(mode) or 1
    return rec["shown"][place - 1] if len(rec["shown"]) >= place else None


def cause(rec: dict, mode: str) -> str:
    """What put hybrid's result ``T`` (:func:`rival`) above the query's grade-2 answer
    (module docstring)."""
    top, ans = rival(rec, mode), rec["answer"]
    if top and top["pinned"]:
        return "pin"
    if top is None or ans is None or rec["hybrid"] is None:
        return "far"
    if any(top["boosts"].get(s, 1.0) > 1.0 or ans["boosts"].get(s, 1.0) < 1.0 for s in SWAPS):
        return "swap"
    if ans["boosts"].get("copy_weight", 1.0) < 1.0 and _without(ans, "copy_weight") > top["score"]:
        return "collapse"
    if ans["fused"] > top["fused"]:  # fusion had the answer first: which multiplier turned it
        def relative(*names: str) -> float:
            return (ans["score"] / _without(ans, *names)) / (top["score"] / _without(top, *names))
        return ("prior" if relative("kind_prior", "listing_prior") <= relative("coverage")
                else "coverage")
    a_kw, t_kw = ans["keyword_rank"], top["keyword_rank"]
    if a_kw is not None and (t_kw is None or a_kw < t_kw):
        return "vector reorder"
    raw = rec["raw"]
    a_raw, t_raw = raw.get(ans["id"]), raw.get(top["id"])
    if a_raw is not None and (t_raw is None or a_raw[0] < t_raw[0]):
        return "in-retriever prior/coverage"
    return "analysis"


def losses(records: list[dict], mode: str) -> list[dict]:
    """Records where ``mode`` ranks a grade-2 answer above hybrid (or hybrid has none)."""
    out = []
    for r in records:
        other, mine = r.get(mode), r["hybrid"]
        if other is not None and (mine is None or other < mine):
            out.append(r)
    return out


def margin_note(rec: dict, mode: str) -> str:
    """The keyword side's score of the answer over ``T``'s, and both vector ranks."""
    top, ans = rival(rec, mode), rec["answer"]
    if not top or not ans or top["keyword_score"] is None or ans["keyword_score"] is None:
        return ""
    ratio = ans["keyword_score"] / top["keyword_score"] if top["keyword_score"] else 0.0
    vr = [x["vector_rank"] or (f"past {x['vector_past']}" if x["vector_past"] else "-")
          for x in (ans, top)]
    return (f"kw {ans['keyword_rank']}/{top['keyword_rank']} x{ratio:.2f}, "
            f"vec {vr[0]}/{vr[1]}")


def report(records: list[dict], fam: dict[str, set[str]]) -> list[str]:
    n = Counter(r["set"] for r in records)
    lines = ["# Where plain BM25 or keyword beats hybrid (tuning web)", ""]
    lines += ["| set | n | hybrid MRR@10 (grade 2) | keyword | plain BM25 |",
              "|---|---:|---:|---:|---:|"]
    for s in SETS:
        rows = [r for r in records if r["set"] == s]
        lines.append(f"| {s} | {n[s]} | " + " | ".join(
            f"{sum(1 / r[m] for r in rows if r[m]) / max(len(rows), 1):.4f}"
            for m in ("hybrid", "keyword", "plain")) + " |")
    for mode, label in (("plain", "plain BM25"), ("keyword", "keyword")):
        lost = losses(records, mode)
        lines += ["", f"## {label} ranks a grade-2 answer above hybrid: {len(lost)} queries", ""]
        counts = Counter((cause(r, mode), r["set"]) for r in lost)
        lines += ["| cause | " + " | ".join(SETS) + " | all |", "|---|" + "---:|" * 4]
        for c in CAUSES:
            row = [counts[(c, s)] for s in SETS]
            if sum(row):
                lines.append(f"| {c} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
        by_family: dict[str, Counter] = defaultdict(Counter)
        for r in lost:
            for f in fam[f"{r['set']}:{r['qid']}"]:
                by_family[f][cause(r, mode)] += 1
        lines += ["", "| family | queries | causes |", "|---|---:|---|"]
        for f, c in sorted(by_family.items(), key=lambda fc: (-sum(fc[1].values()), fc[0])):
            lines.append(f"| {f} | {sum(c.values())} | "
                         + ", ".join(f"{k} {v}" for k, v in c.most_common()) + " |")
        lines += ["", "| qid | category | query | hybrid | keyword | plain | cause "
                  "| hybrid's result there (T) | keyword side, answer/T |",
                  "|---|---|---|---:|---:|---:|---|---|---|"]
        for r in sorted(lost, key=lambda r: (CAUSES.index(cause(r, mode)), r["set"], r["qid"])):
            top = rival(r, mode)
            top = top["title"][:50] if top else "-"
            lines.append(f"| {r['qid']} | {r['category']} | {r['query']} "
                         f"| {r['hybrid'] or '-'} | {r['keyword'] or '-'} | {r['plain'] or '-'} "
                         f"| {cause(r, mode)} | {top} | {margin_note(r, mode)} |")
    return lines


RATIOS = (1.2, 1.5, 2.0, 3.0)


def firm_leads(data_dir: Path, judged: dict[str, list[Judged]]) -> list[dict]:
    """Per query, the keyword side's lead as rank fusion received it (its score over the
    next near-duplicate group's, its group's rank after fusion, whether that group is shown
    first, and whether each is a grade-2 answer). Read by wrapping the fusion call
    ``indexer.search`` makes (the last call per search: the one whose result is ranked)."""
    import indexer.search as search_module

    settings = load_settings(data_dir)
    searcher = open_searcher(settings)
    seen: list[tuple] = []
    fuse = search_module.fuse_rrf

    def recording(keyword, vector, **kwargs):  # noqa: ANN001, ANN202 - fuse_rrf's own
        fused = fuse(keyword, vector, **kwargs)
        seen.append((list(keyword), kwargs.get("groups") or {}, fused))
        return fused

    search_module.fuse_rrf = recording
    out = []
    try:
        for name, items in judged.items():
            for j in items:
                seen.clear()
                results = searcher.search(j.query, limit=10).results
                if not seen or not seen[-1][0] or not results:
                    continue
                keyword, groups, fused = seen[-1]
                key = groups.get(keyword[0].id, keyword[0].id)
                runner = next((h for h in keyword if groups.get(h.id, h.id) != key), None)
                order = list(dict.fromkeys(groups.get(f.id, f.id) for f in fused))
                members = [i for i, g in groups.items() if g == key]
                metas = searcher.backend.doc_meta(members + [results[0].id])
                top_group = groups.get(results[0].id, results[0].id)
                out.append({
                    "set": name, "qid": j.qid, "query": j.query,
                    "ratio": keyword[0].score / runner.score if runner and runner.score
                    else float("inf"),
                    "fused_rank": order.index(key) + 1 if key in order else None,
                    "shown_first": top_group == key,
                    "lead_right": any(grade_of(j.grades, metas[i].url) >= 2
                                      for i in members if i in metas),
                    "top_right": grade2_rank([[results[0].url, *results[0].also_at]], j) == 1,
                })
    finally:
        search_module.fuse_rrf = fuse
        searcher.close()
    return out


def lead_table(leads: list[dict]) -> list[str]:
    """What became of a firm keyword lead, by its margin over the next group: where fusion
    moved another group first, and where fusion kept it first and a later rule did not.
    "could gain": the lead is a grade-2 answer and the top shown is not; "could lose": the
    reverse (what keeping the lead first would at best fix, and at least break)."""
    lines = ["", "## The keyword side's lead through fusion, by its margin over the next "
             "group", "", "| margin >= | queries | its group first after fusion | another "
             "first after fusion | of which could gain / could lose | first after fusion, "
             "not shown first | of which could gain / could lose |",
             "|---:|---:|---:|---:|---|---:|---|"]
    for ratio in RATIOS:
        sel = [r for r in leads if r["ratio"] >= ratio]
        first = [r for r in sel if r["fused_rank"] == 1]
        lost = [r for r in sel if r["fused_rank"] != 1]
        after = [r for r in first if not r["shown_first"]]

        def moves(rows: list[dict]) -> str:
            gain = sum(r["lead_right"] and not r["top_right"] for r in rows)
            lose = sum(r["top_right"] and not r["lead_right"] for r in rows)
            return f"{gain} / {lose}"
        lines.append(f"| {ratio:g} | {len(sel)} | {len(first)} | {len(lost)} | {moves(lost)} "
                     f"| {len(after)} | {moves(after)} |")
    gains = [r for r in leads if r["ratio"] >= RATIOS[1] and r["lead_right"]
             and not r["top_right"]]
    if gains:
        lines += ["", f"could gain at margin >= {RATIOS[1]:g}: " + "; ".join(
            f"{r['qid']} {r['query']!r} (x{r['ratio']:.2f}, fused rank {r['fused_rank']})"
            for r in gains)]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    add_set_options(parser)
    parser.add_argument("--records", type=Path, default=None,
                        help="per-query records (JSON): read when present, else written")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--leads", type=Path, default=None,
                        help="also follow each query's keyword lead through fusion; per-query "
                        "records kept in this JSON (read back when present)")
    args = parser.parse_args()
    try:
        base = base_port(args.data_dir)
        judged = read_sets(args, base)
        if args.records and args.records.is_file():
            records = json.loads(args.records.read_text(encoding="utf-8"))
        else:
            records = search_all(args.data_dir, judged)
            if args.records:
                args.records.write_text(json.dumps(records), encoding="utf-8")
    except SikojaError as exc:
        sys.exit(f"fusion_losses: {exc}")
    fam = families(judged, base)
    lines = report(records, fam)
    if args.leads:
        if args.leads.is_file():
            leads = json.loads(args.leads.read_text(encoding="utf-8"))
        else:
            leads = firm_leads(args.data_dir, judged)
            args.leads.write_text(json.dumps(leads), encoding="utf-8")
        lines += lead_table(leads)
    print("\n".join(lines))
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
