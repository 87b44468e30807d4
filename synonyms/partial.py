"""Partial keys: a query that says a rule's distinctive words without any of its whole keys.

A multi-word key ("rumah reyot", "rumah hampir roboh") fires only when the query holds the
whole phrase, so "reyot lapuk doyong hampir ambruk" reached no rule although four of its
words are in the keys of the house-repair rules. Here the words of the keys vote instead,
for what the rules read (their targets: "bedah rumah", "rtlh"):

- a word is a *voter* when it is distinctive: the keys that hold it lead to at most
  ``MAX_TARGETS_PER_WORD`` targets ("rumah" leads to 134 in the default set, "surat" to
  112, "anak" to 67; "reyot" to 3, "doyong" to 2, "ledeng" to 14: the median word 3). A
  word is counted by where it leads, not by how many rules say it: the nine rules with
  "ledeng" are all about water;
- a target that ``MIN_VOTES`` distinct voters lead to is *voted*, and of the voted targets
  only those with the most voters are read: "lapuk" and "ambruk" also lead to the bridge
  ("jembatan rusak"), which "bedah rumah" outvotes with "reyot" and "doyong"; votes of
  several rules with one target add up ("ledeng" of "air ledeng mati", "kuning" of "air
  kuning", "bau" of "air bau" all lead to "gangguan air");
- when nothing is voted, a single voter is read when it is in one rule's keys only and is
  rare (``rare``: few pages say it), so that an everyday word a page says on every other
  line ("bulan") is not.

The caller asks only for a query that says no whole key (``CompiledSynonyms.spans`` empty):
one that does has its reading already. The analyzer weighs what is read here at a share of
a synonym's weight (``indexer.analysis.analyzer.PARTIAL_WEIGHT``): the citizen said the
rule's words, not its phrase. Everything here is read off the compiled rules and the
corpus, none of it listed by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from synonyms.rules import CompiledSynonyms, Phrase

MAX_TARGETS_PER_WORD = 16  # 94% of the default set's key words lead to no more
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


def voted_targets(
    rules: CompiledSynonyms, tokens: Sequence[str], rare: Callable[[int], bool]
) -> list[tuple[Phrase, str]]:
    """What the rules read that ``tokens`` (a query's analysed words) vote for, in rule
    order; ``rare(i)``: whether the word at position ``i`` is rare."""
    of = key_words(rules)
    votes: dict[tuple[Phrase, str], set[str]] = {}
    alone: list[tuple[Phrase, str]] = []
    for i, token in enumerate(tokens):
        groups = sorted(of.get(token, ()))
        targets = list(dict.fromkeys(t for g in groups for t in rules.groups[g]))
        if not targets or len(targets) > MAX_TARGETS_PER_WORD:
            continue
        for target in targets:
            votes.setdefault(target, set()).add(token)
        if len(groups) == 1 and rare(i):
            alone.extend(targets)
    counted = {t: len(v) for t, v in votes.items() if len(v) >= MIN_VOTES}
    if counted:
        most = max(counted.values())
        return [t for t, n in counted.items() if n == most]
    return list(dict.fromkeys(alone))
