"""Partial keys: a query that says a rule's distinctive words without any of its whole keys.

A multi-word key ("rumah reyot", "rumah hampir roboh") fires only when the query holds the
whole phrase, so "reyot lapuk doyong hampir ambruk" reached no rule although three of its
words make keys of the house-repair rule with "rumah". Here keys vote instead, for what the
rules read (their targets: "bedah rumah", "rtlh"):

- a word is *generic* when the keys that hold it lead to more than ``MAX_TARGETS_PER_WORD``
  targets; a generic word never votes. Counted by ``_targets`` over ``key_words`` of the
  default set (``synonyms.default_source()``) as the analyzer compiles it: "rumah" leads to
  140, "air" 67, "anak" 69, "ledeng" 14, "reyot" 3; 94% of its 1934 key words to at most 16;
- a key votes when the query says one of its words that is not generic and every word of it
  the query does not say is generic: "reyot" votes with "rumah reyot", but "kamar" not with
  "kunci kamar mandi" nor "kena" with "pohon kena kabel";
- a key is one vote however many of its words the query says, and a word votes once however
  many keys of one target hold it (``_matched``);
- a target that ``MIN_VOTES`` keys vote for is *voted*, and only the voted targets with most
  votes are read, when the same words vote for each of them (one reading, or readings the
  query cannot tell apart: "ledeng kuning" -> "gangguan air" and "pdam"); a tie between
  readings of different words reads nothing ("listrik padam malam hari"). "reyot", "lapuk",
  "doyong" vote for "bedah rumah" with three keys; "lapuk" and "ambruk" lead to the bridge
  ("jembatan lapuk") only with "jembatan", which the query does not say.

A single word is never read alone: everyday words the pages never use ("teh" of "air teh",
"tiket" of "tiket masuk", "video" of "video mesum") are exactly the words of a query that
partial keys run for. The caller asks only for an Indonesian query that says no whole key
(``CompiledSynonyms.spans`` empty): one that does has its reading already. The analyzer
weighs what is read here at a share of a synonym's weight
(``indexer.analysis.analyzer.PARTIAL_WEIGHT``). Everything here is read off the compiled
rules, none of it listed by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from synonyms.rules import CompiledSynonyms, Phrase

MAX_TARGETS_PER_WORD = 16  # 94% of the default set's key words lead to no more
MIN_VOTES = 2


def key_words(rules: CompiledSynonyms) -> dict[str, tuple[Phrase, ...]]:
    """Each analysed word of a key -> the keys that hold it, in rule order; built once."""
    built = rules.key_words
    if built is None:
        words: dict[str, list[Phrase]] = {}
        for key in rules.index:
            for word in dict.fromkeys(key):
                words.setdefault(word, []).append(key)
        built = rules.key_words = {w: tuple(k) for w, k in words.items()}
    return built


def _targets(rules: CompiledSynonyms, keys: Sequence[Phrase]) -> list[tuple[Phrase, str]]:
    """What ``keys`` lead to, in rule order, each once."""
    groups = sorted({g for key in keys for g in rules.index[key]})
    return list(dict.fromkeys(t for g in groups for t in rules.groups[g]))


def _generic(rules: CompiledSynonyms, word: str) -> bool:
    """Whether the keys that hold ``word`` lead to more readings than a voter's may."""
    return len(_targets(rules, key_words(rules).get(word, ()))) > MAX_TARGETS_PER_WORD


def _matched(keys: dict[Phrase, set[str]]) -> int:
    """How many of ``keys`` distinct words can vote for, one word per key and one key per
    word: two words of one key ("kamar", "mandi" of "terkunci di kamar mandi") are one vote,
    and so is one word in two keys."""
    word_key: dict[str, Phrase] = {}

    def place(key: Phrase, seen: set[str]) -> bool:
        for word in keys[key]:
            if word not in seen:
                seen.add(word)
                if word not in word_key or place(word_key[word], seen):
                    word_key[word] = key
                    return True
        return False

    return sum(place(key, set()) for key in keys)


def voted_targets(rules: CompiledSynonyms, tokens: Sequence[str]) -> list[tuple[Phrase, str]]:
    """What the rules read that ``tokens`` (a query's analysed words) vote for, in the order
    the words first lead to them; empty when nothing is voted or the most voted disagree."""
    of = key_words(rules)
    said = set(tokens)
    # a reading -> each key of it that voters are in -> those voters
    votes: dict[tuple[Phrase, str], dict[Phrase, set[str]]] = {}
    for token in dict.fromkeys(tokens):
        keys = of.get(token, ())
        targets = _targets(rules, keys)
        if not targets or len(targets) > MAX_TARGETS_PER_WORD:
            continue
        for key in keys:
            # the key's words the query does not say must be generic ("rumah" of "rumah
            # reyot"): "kamar" alone is not "kunci kamar mandi", "kena" not "pohon kena kabel"
            if not all(w in said or _generic(rules, w) for w in key):
                continue
            for group in rules.index[key]:
                for target in rules.groups[group]:
                    votes.setdefault(target, {}).setdefault(key, set()).add(token)
    counted = {t: n for t, keys in votes.items() if (n := _matched(keys)) >= MIN_VOTES}
    if not counted:
        return []
    most = max(counted.values())
    best = [t for t, n in counted.items() if n == most]
    # tied readings are read only when the same words vote for each ("ledeng" and "kuning"
    # for both "gangguan air" and "pdam"); two words for one, two others for another is a
    # query about neither as far as the keys can tell
    voters = {frozenset(w for words in votes[t].values() for w in words) for t in best}
    return best if len(voters) == 1 else []
