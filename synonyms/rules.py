"""Synonym rules in the Solr text format that OpenSearch's ``synonym_graph`` filter reads.

    # a comment on its own line
    kk, kartu keluarga                 equivalent: any term finds the others
    imb => pbg, persetujuan bangunan gedung   one-way: the left finds the right

The same file can be uploaded to OpenSearch unchanged; sikoja itself expands at query time
(:meth:`SynonymSet.compile`), so a change applies to the next query without reindexing.

Parsing is strict because a bad rule silently matching everything is worse than no rule: every
problem is reported with file, line and reason, and one bad line rejects the whole file. What
is rejected: bytes that are not UTF-8, control characters (binary garbage), over-long lines,
lines with too many terms, empty terms or sides, a ``=>`` without both sides or more than one
``=>``, a rule with a single term, cycles among one-way rules (``a => b`` with ``b => a``,
which should be written ``a, b``), and a term that would expand to more terms than the cap
(``synonyms.max_expansions`` in sikoja.yaml): each expansion is one more term every query with
that word searches for, so 200 rules sharing "ktp" would make every "ktp" query search for
tens of thousands of terms.

Compiling is linear in the size of the file: an equivalence rule is kept as one group that
each of its terms points to, not as every pair of its terms (a 199-term rule is 199 entries,
not 39,402), and expansion walks the groups of the words a query holds, up to the cap.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from sikoja.errors import SikojaError

MAX_LINE_CHARS = 2000
MAX_TERMS_PER_RULE = 200
MAX_TERM_CHARS = 120
MAX_TERM_WORDS = 8
MAX_PROBLEMS_LISTED = 50
# Default for ``synonyms.max_expansions`` (sikoja.config): the most synonym terms one query
# gets, and so the most distinct terms a single term may expand to in a valid file.
DEFAULT_MAX_EXPANSIONS = 64

_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ufffe\uffff]")
_HAS_WORD = re.compile(r"[^\W_]")
_SPLIT_COMMA = re.compile(r"(?<!\\),")

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Problem:
    source: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.reason}"


class SynonymFileError(SikojaError):
    """A synonym text was rejected; ``problems`` lists every bad line. Nothing was changed."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        shown = [str(p) for p in self.problems[:MAX_PROBLEMS_LISTED]]
        more = len(self.problems) - len(shown)
        if more > 0:
            shown.append(f"... and {more} more problems")
        super().__init__(
            f"synonyms rejected ({len(self.problems)} problem"
            f"{'s' if len(self.problems) != 1 else ''}, nothing changed):\n  " + "\n  ".join(shown)
        )


@dataclass(frozen=True)
class Rule:
    """One line: ``left`` terms are equivalent (``right`` empty) or map one way to ``right``."""

    line: int
    left: tuple[str, ...]
    right: tuple[str, ...] = ()

    @property
    def one_way(self) -> bool:
        return bool(self.right)

    @property
    def terms(self) -> tuple[str, ...]:
        return self.left + self.right

    def text(self) -> str:
        left = ", ".join(_escape(t) for t in self.left)
        if not self.right:
            return left
        return f"{left} => " + ", ".join(_escape(t) for t in self.right)

    def key(self) -> str:
        """Case- and spacing-insensitive identity, for removing a rule by its text."""
        return self.text().casefold()


def _escape(term: str) -> str:
    return term.replace(",", "\\,")


def _term(raw: str) -> str:
    return " ".join(raw.replace("\\,", ",").replace("\\=", "=").split())


def _lines(data: str | bytes, source: str) -> tuple[list[str], list[Problem], str]:
    """Lines of the text, problems for lines that are not UTF-8, and the decoded text."""
    if isinstance(data, str):
        return data.split("\n"), [], data
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines: list[str] = []
    problems: list[Problem] = []
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            problems.append(
                Problem(
                    source,
                    number,
                    f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1}); "
                    "save the file as UTF-8",
                )
            )
            lines.append("")
    return lines, problems, "\n".join(lines)


def _parse_line(text: str, number: int, source: str) -> tuple[Rule | None, list[Problem]]:
    def problem(reason: str) -> tuple[None, list[Problem]]:
        return None, [Problem(source, number, reason)]

    line = text.rstrip("\r")
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return None, []
    if len(line) > MAX_LINE_CHARS:
        return problem(f"line too long ({len(line)} characters, at most {MAX_LINE_CHARS})")
    bad = _BAD_CHARS.search(line)
    if bad:
        return problem(
            f"control or binary character U+{ord(bad.group()):04X} at column {bad.start() + 1}"
        )
    if "#" in stripped:
        return problem("'#' inside a rule (a comment must start its own line)")
    sides = stripped.split("=>")
    if len(sides) > 2:
        return problem("more than one '=>'")
    parsed: list[tuple[str, ...]] = []
    for side_name, side in zip(("left", "right"), sides, strict=False):
        if not side.strip():
            return problem(f"empty {side_name} side of '=>'")
        raw_terms = _SPLIT_COMMA.split(side)
        if len(raw_terms) > MAX_TERMS_PER_RULE:
            return problem(f"too many terms ({len(raw_terms)}, at most {MAX_TERMS_PER_RULE})")
        terms = []
        for position, raw in enumerate(raw_terms, 1):
            term = _term(raw)
            if not term:
                return problem(f"empty term (term {position} of the {side_name} side)")
            if len(term) > MAX_TERM_CHARS:
                return problem(f"term {position} too long ({len(term)} characters)")
            if len(term.split()) > MAX_TERM_WORDS:
                return problem(f"term {position} has more than {MAX_TERM_WORDS} words")
            if not _HAS_WORD.search(term):
                return problem(f"term {term!r} has no letters or digits")
            terms.append(term)
        parsed.append(tuple(dict.fromkeys(terms)))
    if len(parsed) == 1:
        if len(parsed[0]) < 2:
            return problem("a rule needs at least two terms ('a, b' or 'a => b')")
        return Rule(number, parsed[0]), []
    return Rule(number, parsed[0], parsed[1]), []


def _cycle_problems(rules: Sequence[Rule], source: str) -> list[Problem]:
    """One problem per cycle among one-way rules (self-mappings like ``a => a, b`` are fine)."""
    edges: dict[str, list[tuple[str, int]]] = {}
    for rule in rules:
        if not rule.one_way:
            continue
        for a in rule.left:
            for b in rule.right:
                if a.casefold() != b.casefold():
                    edges.setdefault(a.casefold(), []).append((b.casefold(), rule.line))
    problems: list[Problem] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    reported: set[frozenset[str]] = set()
    for start in sorted(edges):
        if state.get(start):
            continue
        # iterative DFS keeping the path to name the cycle
        path: list[tuple[str, int]] = [(start, 0)]
        stack = [(start, iter(edges.get(start, ())))]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            advanced = False
            for child, line in children:
                if state.get(child) == 1:
                    names = [n for n, _ in path]
                    cycle = path[names.index(child) :] + [(child, line)]
                    members = frozenset(n for n, _ in cycle)
                    if members not in reported:
                        reported.add(members)
                        steps = " => ".join(n for n, _ in cycle)
                        lines = sorted({ln for _, ln in cycle[1:]})
                        problems.append(
                            Problem(
                                source,
                                lines[0],
                                f"cycle in one-way rules: {steps} (lines "
                                f"{', '.join(map(str, lines))}); write them as one "
                                "equivalence 'a, b' instead",
                            )
                        )
                elif not state.get(child):
                    state[child] = 1
                    path.append((child, line))
                    stack.append((child, iter(edges.get(child, ()))))
                    advanced = True
                    break
            if not advanced:
                state[node] = 2
                stack.pop()
                path.pop()
    return problems


def _expansion_problems(rules: Sequence[Rule], source: str, cap: int) -> list[Problem]:
    """Terms that would expand to more than ``cap`` distinct terms, with the lines that say so.

    Counted on the written terms (case-folded), in time linear in the file for a fixed cap: a
    rule over the cap is reported alone; a term in one rule has that rule's count; only terms
    in several rules need the union, and it stops as soon as it passes the cap.
    """
    problems: list[Problem] = []
    targets: list[tuple[str, ...]] = []
    where: dict[str, list[int]] = {}  # term -> indexes of the rules it expands from
    for index, rule in enumerate(rules):
        goal = tuple(dict.fromkeys(t.casefold() for t in (rule.right or rule.left)))
        targets.append(goal)
        count = len(goal) - (0 if rule.one_way else 1)
        if count > cap:
            problems.append(
                Problem(
                    source,
                    rule.line,
                    f"each term of this rule expands to {count} terms, more than the cap of "
                    f"{cap} (synonyms.max_expansions in sikoja.yaml); split it into smaller rules",
                )
            )
            continue
        for term in dict.fromkeys(t.casefold() for t in rule.left):
            where.setdefault(term, []).append(index)
    for term, indexes in where.items():
        if len(indexes) < 2:
            continue
        seen: set[str] = set()
        for position, index in enumerate(indexes):
            seen.update(targets[index])
            seen.discard(term)
            if len(seen) > cap:
                lines = [rules[i].line for i in indexes]
                shown = ", ".join(map(str, lines[:10])) + (", ..." if len(lines) > 10 else "")
                problems.append(
                    Problem(
                        source,
                        rules[indexes[position]].line,
                        f"term {term!r} expands to more than the cap of {cap} terms "
                        f"(synonyms.max_expansions in sikoja.yaml) across the rules on lines "
                        f"{shown}; merge or split those rules",
                    )
                )
                break
    return problems


def parse(
    data: str | bytes,
    source: str = "<synonyms>",
    max_expansions: int | None = DEFAULT_MAX_EXPANSIONS,
) -> SynonymSet:
    """A whole synonym text, validated; :class:`SynonymFileError` if any line is bad.

    ``max_expansions`` is the deployment's cap (``Settings.synonyms.max_expansions``);
    ``None`` skips that check (a version saved under a larger cap still loads: expansion
    is capped at query time anyway).
    """
    lines, problems, text = _lines(data, source)
    rules: list[Rule] = []
    for number, line in enumerate(lines, 1):
        rule, found = _parse_line(line, number, source)
        problems.extend(found)
        if rule is not None:
            rules.append(rule)
    problems.extend(_cycle_problems(rules, source))
    if max_expansions is not None:
        problems.extend(_expansion_problems(rules, source, max_expansions))
    if problems:
        problems.sort(key=lambda p: p.line)
        raise SynonymFileError(problems)
    return SynonymSet(rules=tuple(rules), text=text)


def parse_rule(line: str, source: str = "<rule>") -> Rule:
    """One rule typed by an admin (``sikoja synonyms add "kk, kartu keluarga"``)."""
    if "\n" in line.strip():
        raise SynonymFileError([Problem(source, 1, "one rule per call (found a line break)")])
    rule, problems = _parse_line(line.strip(), 1, source)
    if problems:
        raise SynonymFileError(problems)
    if rule is None:
        raise SynonymFileError([Problem(source, 1, "empty rule or a comment")])
    return rule


def append_rule(text: str, rule: Rule) -> str:
    """``text`` with ``rule`` as a new last line (what ``add`` saves and ``test --add`` tries)."""
    return text.rstrip("\n") + "\n" + rule.text() + "\n"


Expansion = tuple[Phrase, float, str]  # analysed tokens, weight, the term as written


@dataclass
class CompiledSynonyms:
    """Rules with every term analysed, kept as groups rather than as pairs of terms.

    ``groups[g]`` are the targets of rule ``g`` (all its terms for an equivalence, the right
    side for a one-way rule); ``index`` maps an analysed term to the groups it expands into.
    """

    index: dict[Phrase, list[int]]
    groups: list[tuple[tuple[Phrase, str], ...]]
    span: int
    limit: int = DEFAULT_MAX_EXPANSIONS
    # each analysed word of a key -> the keys that hold it (synonyms.partial)
    key_words: dict[str, tuple[Phrase, ...]] | None = field(default=None, repr=False)

    def _of(self, key: Phrase):
        """Distinct expansions of one analysed term, in rule order."""
        seen = {key}
        for group in self.index.get(key, ()):
            for tokens, readable in self.groups[group]:
                if tokens not in seen:
                    seen.add(tokens)
                    yield tokens, 1.0, readable

    def expansions_of(self, key: Phrase) -> list[Expansion]:
        """Every expansion of one analysed term (bounded by validation, see ``parse``)."""
        return list(self._of(key))

    def spans(self, tokens: Sequence[str]) -> list[tuple[int, int, Phrase]]:
        """(start, end, key) of the rule terms in ``tokens``, as ``expand`` reads them: the
        longest term at each place, whose words are not read again."""
        out = []
        i = 0
        while i < len(tokens):
            step = 1
            for size in range(min(self.span, len(tokens) - i), 0, -1):
                key = tuple(tokens[i : i + size])
                if key in self.index:
                    out.append((i, i + size, key))
                    step = size
                    break
            i += step
        return out

    def expand(self, tokens: Sequence[str], limit: int | None = None) -> list[Expansion]:
        """Expansions of the rule terms found in ``tokens``, at most ``limit`` (the cap).

        Like ``synonym_graph``, the longest term wins and its words are not matched again:
        "air mati" (water cut) must not also expand "mati" on its own. When the words together
        have more expansions than the cap, they take turns, so every word keeps some.
        """
        limit = self.limit if limit is None else limit
        found = [self._of(key) for _, _, key in self.spans(tokens)]
        out: list[Expansion] = []
        seen: set[Phrase] = set()
        while found and len(out) < limit:
            for walk in list(found):
                hit = next(walk, None)
                while hit is not None and hit[0] in seen:
                    hit = next(walk, None)
                if hit is None:
                    found.remove(walk)
                    continue
                seen.add(hit[0])
                out.append(hit)
                if len(out) >= limit:
                    break
        return out


@dataclass
class SynonymSet:
    """A parsed, valid synonym text."""

    rules: tuple[Rule, ...] = ()
    text: str = ""

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self):
        return iter(self.rules)

    def compile(
        self,
        analyze: Callable[[str], Iterable[str]],
        *,
        limit: int = DEFAULT_MAX_EXPANSIONS,
        memo: dict[str, Phrase] | None = None,
    ) -> CompiledSynonyms:
        """Analyse every term once with ``analyze`` (the index's own pipeline): linear time.

        ``memo`` (term -> analysed tokens) may be kept by the caller between versions, so a
        one-rule change to a large set analyses only the new terms.
        """
        analysed: dict[str, Phrase] = {} if memo is None else memo

        def tokens_of(term: str) -> Phrase:
            tokens = analysed.get(term)
            if tokens is None:
                tokens = analysed[term] = tuple(analyze(term))
            return tokens

        index: dict[Phrase, list[int]] = {}
        groups: list[tuple[tuple[Phrase, str], ...]] = []
        for rule in self.rules:
            members = tuple((tokens_of(t), t) for t in (rule.right or rule.left))
            group = len(groups)
            groups.append(tuple((tokens, term) for tokens, term in members if tokens))
            for term in rule.left:
                key = tokens_of(term)
                if not key:
                    continue
                known = index.setdefault(key, [])
                if not known or known[-1] != group:
                    known.append(group)
        span = max((len(k) for k in index), default=1)
        return CompiledSynonyms(index, groups, span, limit)
