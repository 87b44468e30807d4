"""How often the answer card shows, and how often it is right (issue #12).

    python bench/answer_card.py --data-dir DIR [--calibrate] [--ties]

DIR is a data dir built from the bundled sample web (``sikoja demo --no-serve --data-dir
DIR``, any ``--sites-port``: judged URLs on the default ports are mapped onto the ports named
in ``DIR/sources.yaml``). Reports, with the thresholds in ``RankingConfig``:

- the card rate on ``eval/out_of_scope.tsv`` (target <= 5%) and whether each query there that
  names a service the city does not provide gets its ``external`` note;
- the card rate on ``eval/devset.tsv`` (target >= 85%) and how often the card is right there
  (target >= 97%: the card's service is a grade-2 URL of the query, or collapsed with one).

``--calibrate`` searches once per query with the card gate wide open, keeps the signals
(coverage, known, margin, agreement, keyword lead) and grid-searches the thresholds: most
right cards on the dev set such that the out-of-scope card rate stays <= 5% and precision
>= 97%. A contact card (a place question, indexer/places.py) has no thresholds: it counts
as shown.
``--ties`` compares tie margins of the coverage tie-break by the dev set's Exact@1 and MRR.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indexer.answer import CardRules, Signals, decide  # noqa: E402
from indexer.evaluate import Judged, judged_key, read_judgments, run_judgments  # noqa: E402
from indexer.search import RankingConfig, Searcher  # noqa: E402
from sikoja.config import load_settings  # noqa: E402
from sikoja.demo.server import DEFAULT_BASE_PORT  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
OPEN = {"card_min_coverage": 0.0, "card_min_text_coverage": 0.0, "card_min_known": 0.0,
        "card_min_margin": 0.0, "card_agree_rank": 0, "card_min_lead_coverage": 0.0}


@dataclass
class Outcome:
    query: str
    category: str
    eligible: bool  # a service with card fields (or an app) on top, not blocked by an
    # external note; a contact card answers a place question and has no signals
    right: bool  # that top service is a grade-2 answer (dev set only)
    signals: Signals | None
    external: str | None
    expected_external: str | None = None
    card_kind: str | None = None


def base_port(data_dir: Path) -> int:
    sources = data_dir / "sources.yaml"
    text = sources.read_text(encoding="utf-8") if sources.is_file() else ""
    found = re.search(r"base port (\d+)", text)
    return int(found.group(1)) if found else DEFAULT_BASE_PORT


def to_ports(judged: list[Judged], base: int) -> list[Judged]:
    """Judged URLs (default ports) on the ports the data dir was crawled from."""
    def move(url: str) -> str:
        return re.sub(r"(http://127\.0\.0\.1:)(\d+)",
                      lambda m: f"{m.group(1)}{int(m.group(2)) - DEFAULT_BASE_PORT + base}", url)
    return [replace(j, grades={judged_key(move(u)): g for u, g in j.grades.items()})
            for j in judged]


def read_out_of_scope(path: Path) -> list[tuple[str, str, str | None]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(r["query"], r["category"], None if r["external"] == "-" else r["external"])
            for r in rows]


def run(searcher: Searcher, query: str, category: str, grades: dict[str, int] | None,
        expected_external: str | None = None) -> Outcome:
    response = searcher.search(query, limit=10, explain=True)
    card = response.answer
    right = False
    if card is not None and grades is not None:
        urls = [card.url, *response.results[0].also_at]
        right = any(grades.get(judged_key(u), 0) >= 2 for u in urls)
    card_signals = response.analysis.card
    signals = None
    if card_signals is not None:
        keys = ("coverage", "text_coverage", "known", "margin", "agree", "keyword_rank",
                "vector_rank")
        signals = Signals(**{k: card_signals[k] for k in keys})
    return Outcome(query, category, card is not None, right, signals,
                   response.external.id if response.external else None, expected_external,
                   card.kind if card is not None else None)


def shows(o: Outcome, rules: CardRules) -> bool:
    if o.eligible and o.card_kind == "contact":
        return True
    if not o.eligible or o.signals is None:
        return False
    agree = (o.signals.keyword_rank is not None and o.signals.vector_rank is not None
             and max(o.signals.keyword_rank, o.signals.vector_rank) <= rules.agree_rank)
    return decide(replace(o.signals, agree=agree), rules)


def rates(dev: list[Outcome], oos: list[Outcome], rules: CardRules) -> dict[str, float]:
    dev_cards = [o for o in dev if shows(o, rules)]
    right = sum(o.right for o in dev_cards)
    return {
        "oos_rate": sum(shows(o, rules) for o in oos) / len(oos),
        "dev_rate": len(dev_cards) / len(dev),
        "dev_right_rate": right / len(dev),
        "precision": right / len(dev_cards) if dev_cards else 1.0,
    }


def collect(searcher: Searcher, dev: list[Judged], oos) -> tuple[list[Outcome], list[Outcome]]:
    dev_out = [run(searcher, j.query, j.category, j.grades) for j in dev]
    oos_out = [run(searcher, q, c, None, e) for q, c, e in oos]
    return dev_out, oos_out


def calibrate(dev: list[Outcome], oos: list[Outcome]) -> list[tuple[dict, CardRules]]:
    grid = {
        "min_coverage": [0.25, 0.34, 0.4, 0.5, 0.6, 0.67, 0.75, 0.9, 1.0, 2.0],
        "min_text_coverage": [0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1.0, 2.0],
        "min_known": [0.0, 0.5, 0.67, 0.75, 0.8, 0.9, 1.0],
        "min_margin": [0.0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 2.0],
        "agree_rank": [0, 1, 2, 3, 5],
        "min_lead_coverage": [0.67, 0.75, 0.9, 1.0, 2.0],
    }
    found = []
    for values in itertools.product(*grid.values()):
        rules = CardRules(tie_margin=0.0, **dict(zip(grid, values, strict=True)))
        r = rates(dev, oos, rules)
        if r["oos_rate"] <= 0.05 and r["precision"] >= 0.97:
            found.append((r, rules))
    # most right cards first; among equals the stricter rules (more room on unseen queries)
    found.sort(key=lambda f: (-f[0]["dev_right_rate"], f[0]["oos_rate"], -f[1].min_coverage,
                              -f[1].min_text_coverage, -f[1].min_known, -f[1].min_margin,
                              f[1].agree_rank, -f[1].min_lead_coverage))
    return found


def report(dev: list[Outcome], oos: list[Outcome], rules: CardRules) -> str:
    r = rates(dev, oos, rules)
    lines = [
        f"out-of-scope: {len(oos)} queries, card rate {r['oos_rate']:.1%} (target <= 5%)",
        f"dev set: {len(dev)} queries, card rate {r['dev_rate']:.1%} (target >= 85%), "
        f"card right {r['precision']:.1%} of cards (target >= 97%)",
    ]
    named = [o for o in oos if o.expected_external]
    got = sum(o.external == o.expected_external for o in named)
    stray = [o for o in oos if not o.expected_external and o.external]
    dev_notes = [o for o in dev if o.external]
    lines.append(f"external note: {got}/{len(named)} out-of-scope queries naming a non-city "
                 f"service get the right note; {len(stray)} other out-of-scope and "
                 f"{len(dev_notes)} dev queries get one")
    for o in dev_notes:
        lines.append(f"  dev note: {o.query!r} -> {o.external}")
    for o in oos:
        if shows(o, rules) or (o.expected_external and o.external != o.expected_external):
            lines.append(f"  out-of-scope: {o.query!r} card={shows(o, rules)} "
                         f"external={o.external} (expected {o.expected_external})")
    for o in dev:
        if shows(o, rules) and not o.right:
            lines.append(f"  wrong card: [{o.category}] {o.query!r}")
    missing = [o for o in dev if o.eligible and o.right and not shows(o, rules)]
    lines.append(f"right cards held back: {len(missing)}")
    for o in missing[:15]:
        lines.append(f"  held back: [{o.category}] {o.query!r} {o.signals and o.signals.as_dict()}")
    return "\n".join(lines)


def ties(searcher: Searcher, dev: list[Judged]) -> str:
    def search(query: str) -> list[list[str]]:
        return [[r.url, *r.also_at] for r in searcher.search(query, limit=10).results]
    lines = []
    for tie in (0.0, 0.01, 0.02, 0.03, 0.05, 0.08):
        searcher.ranking.tie_margin = tie
        overall = run_judgments(search, dev, "ties").table()["overall"]
        lines.append(f"tie_margin {tie:<5} Exact@1 {overall['exact1']:.3f}  "
                     f"Success@1 {overall['success1']:.3f}  MRR@10 {overall['rr10']:.3f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--devset", type=Path, default=REPO / "eval" / "devset.tsv")
    parser.add_argument("--out-of-scope", type=Path, default=REPO / "eval" / "out_of_scope.tsv")
    parser.add_argument("--calibrate", action="store_true", help="grid-search the thresholds")
    parser.add_argument("--ties", action="store_true", help="compare tie margins on the dev set")
    args = parser.parse_args()
    dev = to_ports(read_judgments(args.devset), base_port(args.data_dir))
    oos = read_out_of_scope(args.out_of_scope)
    searcher = Searcher(load_settings(args.data_dir))
    configured = CardRules.of(searcher.ranking)
    try:
        if args.ties:
            print(ties(searcher, dev))
            searcher.ranking.tie_margin = configured.tie_margin
        searcher.ranking = RankingConfig(**{**searcher.ranking.__dict__, **OPEN})
        dev_out, oos_out = collect(searcher, dev, oos)
        if args.calibrate:
            for r, rules in calibrate(dev_out, oos_out)[:10]:
                print({k: round(v, 3) for k, v in r.items()}, rules)
        print(report(dev_out, oos_out, configured))
    finally:
        searcher.close()


if __name__ == "__main__":
    main()
