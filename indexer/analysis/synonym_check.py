"""Synonym rules checked against the analyzer: left terms that read wider than they are written.

A rule fires on the analysed tokens of its left term. "gantung diri" (suicide) analyses to
the one token "gantung" once "diri" is dropped as a stopword, so the rule fired on "biaya
tergantung apa" and sent it to the emergency line; "dimintai uang" -> "uang" fired on
"tukar uang", "pertunjukan" -> "tunjuk" on "petunjuk teknis" (review of session 11). The
parser cannot see this (``synonyms`` may not import the indexer), so the check lives here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from indexer.analysis.text import words_of
from synonyms.rules import Rule


@dataclass(frozen=True)
class NarrowedTerm:
    line: int
    term: str
    tokens: tuple[str, ...]

    def __str__(self) -> str:
        return (f"line {self.line}: {self.term!r} reads as the one word {self.tokens[0]!r} "
                "and fires on every query holding it")


def _targets(rule: Rule) -> frozenset[str]:
    return frozenset(t.casefold() for t in (rule.right or rule.left))


def narrowed_terms(rules: Iterable[Rule],
                   analyze: Callable[[str], Sequence[str]]) -> list[NarrowedTerm]:
    """Multi-word left terms that analyse to one token, unless that token is already the
    reading of a one-word left term leading to the same terms (then the phrase adds
    nothing the word did not)."""
    rules = list(rules)
    single: set[tuple[str, frozenset[str]]] = set()
    for rule in rules:
        for term in rule.left:
            if len(words_of(term)) == 1:
                tokens = tuple(analyze(term))
                if len(tokens) == 1:
                    single.add((tokens[0], _targets(rule)))
    out = []
    for rule in rules:
        for term in rule.left:
            if len(words_of(term)) < 2:
                continue
            tokens = tuple(analyze(term))
            if len(tokens) == 1 and (tokens[0], _targets(rule)) not in single:
                out.append(NarrowedTerm(rule.line, term, tokens))
    return out


def shared_stems(rules: Iterable[Rule], analyze: Callable[[str], Sequence[str]],
                 stem: Callable[[str], str], counts: dict[str, int],
                 min_count: int) -> list[tuple[int, str, str]]:
    """One-word left terms whose stem is also the stem of a different word written at least
    ``min_count`` times in ``counts`` (surface word -> pages): "pertunjukan" (a show) and
    "petunjuk" (instructions) both stem to "tunjuk", so the rule fires on the instructions.
    Returns (line, term, that word)."""
    by_stem: dict[str, list[tuple[int, str]]] = {}
    for word, count in counts.items():
        if count >= min_count:
            by_stem.setdefault(stem(word), []).append((count, word))
    out = []
    for rule in rules:
        for term in rule.left:
            written = words_of(term)
            tokens = tuple(analyze(term))
            if len(written) != 1 or len(tokens) != 1:
                continue
            others = [w for _, w in sorted(by_stem.get(tokens[0], []), reverse=True)
                      if w != written[0]]
            if others:
                out.append((rule.line, term, others[0]))
    return out


def added_rule_warnings(rule: Rule, rules: Iterable[Rule],
                        analyze: Callable[[str], Sequence[str]],
                        language: str = "en") -> list[str]:
    """What an admin is told on adding ``rule`` to ``rules`` (the set it joined): each of its
    left terms that reads as one word the rest of the set does not already key. The rule is
    kept (the admin may mean the word); the warning says how it will behave, in English for
    the CLI or in Indonesian (``language="id"``) for the admin page, whose labels are."""
    left = set(rule.left)
    hits = {hit.term: hit for hit in narrowed_terms(rules, analyze) if hit.term in left}
    say = _WARNING_ID if language == "id" else _WARNING_EN
    return [say.format(term=repr(hit.term), word=repr(hit.tokens[0])) for hit in hits.values()]


_WARNING_EN = ("{term} reads as the one word {word}, so the rule fires on every query holding "
               "{word}; add the word alone if that is meant, or a longer phrase")
_WARNING_ID = ("{term} terbaca sebagai satu kata {word}, jadi aturan ini berlaku untuk setiap "
               "pencarian yang memuat {word}; tambahkan kata itu saja bila memang itu maksudnya, "
               "atau tulis frasa yang lebih panjang")
