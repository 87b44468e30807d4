"""bench/card_search.py: a rule admitting the right tops the card's gate holds back is searched
on some queries and measured on template families it never saw (issue #12, session 16)."""

from __future__ import annotations

import numpy as np

from bench.answer_card import FAMILY_DEALS, Outcome
from bench.card_families import Queries
from bench.card_search import Data, decisions, family_folds, five_group_folds, search
from indexer.answer import CardWeights, Signals

# a gate whose score shows nothing: every eligible top the index knows is held back
CLOSED = CardWeights(bias=-100.0, title=0.0, page=0.0, margin=0.0, min_known=0.5)


def top(query: str, right: bool, margin: float, drops_led: float, known: float = 1.0
        ) -> Outcome:
    signals = Signals(coverage=0.5, text_coverage=0.8, known=known, margin=margin,
                      drops_led=drops_led)
    return Outcome(query, "formal", True, right, signals, None, top_right=right)


FAMILIES = [f"family{i}" for i in range(10)]


def queries(dev: list[Outcome], hard: list[Outcome], oos: list[Outcome]) -> Queries:
    home = [FAMILIES[i % len(FAMILIES)] for i in range(len(dev) + len(hard) + len(oos))]
    return Queries(dev, hard, oos, home, [{h} for h in home])


def test_the_search_admits_the_right_tops_and_no_wrong_one():
    """Right held-back tops lead far and after every drop; the wrong ones miss one of the
    two: the rule found needs both, admits every right top and no wrong one, and leaves a
    top the index does not know held back."""
    dev = [top(f"r{i}", True, 0.3 + 0.01 * i, 1.0) for i in range(12)]
    dev += [top(f"w{i}", False, 0.5, 0.5) for i in range(4)]  # far ahead, one word's top
    dev += [top(f"v{i}", False, 0.01, 1.0) for i in range(4)]  # every drop led, no margin
    dev += [top("unknown", True, 0.9, 1.0, known=0.2)]
    data = Data(queries(dev, [], [top("oos", False, 0.02, 1.0)]), CLOSED)
    rule = search(data, data.kind != "hard")
    assert rule is not None
    assert {name for name, _ in rule.conditions} == {"margin", "drops led"}
    shown = decisions(data, rule)
    assert shown[:12].all() and not shown[12:].any()


def test_no_rule_when_every_right_top_looks_like_a_wrong_one():
    dev = [top(f"r{i}", True, 0.2, 1.0) for i in range(5)]
    dev += [top(f"w{i}", False, 0.2, 1.0) for i in range(3)]
    data = Data(queries(dev, [], []), CLOSED)
    assert search(data, data.kind != "hard") is None
    assert not decisions(data, None).any()


def test_held_out_folds_never_search_on_their_families_nor_on_the_harder_queries():
    dev = [top(f"d{i}", i % 3 > 0, 0.1, 1.0) for i in range(60)]
    hard = [top(f"h{i}", False, 0.1, 1.0) for i in range(20)]
    oos = [top(f"o{i}", False, 0.1, 1.0) for i in range(10)]
    data = Data(queries(dev, hard, oos), CLOSED)
    deals = five_group_folds(data)
    assert len(deals) == FAMILY_DEALS * 5
    assert (sum(held.astype(int) for _, held in deals) == FAMILY_DEALS).all()
    for folds in (deals, family_folds(data)):
        for train, held in folds:
            assert train.any() and held.any() and not (train & (data.kind == "hard")).any()
            out = set(data.home[held])
            assert not any(data.touched[i] & out for i in np.flatnonzero(train))
