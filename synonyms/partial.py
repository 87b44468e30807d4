"""Partial keys: a query that says a rule's distinctive words without any of its whole keys.

A multi-word key ("rumah reyot", "rumah hampir roboh") fires only when the query holds the
whole phrase, so "reyot lapuk doyong hampir ambruk" reached no rule although four of its
words are in the keys of the house-repair rules. Here the words of the keys vote instead:

- a word is a *voter* when it is distinctive, i.e. in the keys of at most
  ``MAX_RULES_PER_WORD`` rules ("rumah" is in 99 of the default set's 917, "surat" in 63;
  "reyot" in 3, "doyong" in 1);
- a rule whose keys hold ``MIN_VOTES`` distinct voters of the query is *voted*, and of the
  voted rules only those with the most voters fire: "lapuk" and "ambruk" are also words of
  the bridge rule, which the house rules outvote with "reyot" and "doyong";
- when no rule is voted, a single voter fires its rule when it is in that one rule's keys
  only and is rare (``rare``: few pages say it), so that an everyday word a page says on
  every other line ("bulan") does not.

The caller asks only for a query that says no whole key (``CompiledSynonyms.spans`` empty):
one that does has its reading already.

What a voted rule reads is added by the analyzer at a share of a synonym's weight
(``indexer.analysis.analyzer.PARTIAL_WEIGHT``): the citizen said the rule's words, not its
phrase. Everything here is read off the compiled rules and the corpus, none of it listed by
hand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from synonyms.rules import CompiledSynonyms

MAX_RULES_PER_WORD = 8  # about 1% of the default set's rules
MIN_VOTES = 2


def key_words(rules: CompiledSynonyms) -> dict[str, frozenset[int]]:
    """Each analysed word of a key -> the rules (groups) whose keys hold it; built once."""
    built = rules.key_words
    if built is None:
        words: dict[str, set[int]] = {}
        for key, groups in rules.index.items():
            for word in key:
                words.setdefault(word, set()).update(groups)
        built = rules.key_words = {w: frozenset(g) for w, g in words.items()}
    return built


def voted_groups(
    rules: CompiledSynonyms, tokens: Sequence[str], rare: Callable[[int], bool]
) -> list[int]:
    """The rules ``tokens`` (a query's analysed words) vote for, in rule order;
    ``rare(i)``: whether the word at position ``i`` is rare."""
    of = key_words(rules)
    votes: dict[int, set[str]] = {}
    alone: set[int] = set()
    for i, token in enumerate(tokens):
        groups = of.get(token)
        if not groups or len(groups) > MAX_RULES_PER_WORD:
            continue
        for group in groups:
            votes.setdefault(group, set()).add(token)
        if len(groups) == 1 and rare(i):
            alone.update(groups)
    counted = {g: len(v) for g, v in votes.items() if len(v) >= MIN_VOTES}
    if counted:
        most = max(counted.values())
        return sorted(g for g, n in counted.items() if n == most)
    return sorted(alone)
