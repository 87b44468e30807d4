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
``=>``, a rule with a single term, and cycles among one-way rules (``a => b`` with ``b => a``,
which should be written ``a, b``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sikoja.errors import SikojaError

MAX_LINE_CHARS = 2000
MAX_TERMS_PER_RULE = 200
MAX_TERM_CHARS = 120
MAX_TERM_WORDS = 8
MAX_PROBLEMS_LISTED = 50

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


def parse(data: str | bytes, source: str = "<synonyms>") -> SynonymSet:
    """A whole synonym text, validated; :class:`SynonymFileError` if any line is bad."""
    lines, problems, text = _lines(data, source)
    rules: list[Rule] = []
    for number, line in enumerate(lines, 1):
        rule, found = _parse_line(line, number, source)
        problems.extend(found)
        if rule is not None:
            rules.append(rule)
    problems.extend(_cycle_problems(rules, source))
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


@dataclass
class CompiledSynonyms:
    """Rules with every term analysed: analysed phrase -> expansions (tokens, weight, readable)."""

    table: dict[Phrase, list[tuple[Phrase, float, str]]]
    span: int

    def expand(self, tokens: Sequence[str]) -> list[tuple[Phrase, float, str]]:
        """Expansions of the rule terms found in ``tokens``.

        Like ``synonym_graph``, the longest term wins and its words are not matched again:
        "air mati" (water cut) must not also expand "mati" on its own.
        """
        out: list[tuple[Phrase, float, str]] = []
        n = len(tokens)
        i = 0
        while i < n:
            step = 1
            for size in range(min(self.span, n - i), 0, -1):
                hits = self.table.get(tuple(tokens[i : i + size]))
                if hits:
                    out.extend(hits)
                    step = size
                    break
            i += step
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

    def compile(self, analyze: Callable[[str], Iterable[str]]) -> CompiledSynonyms:
        """Analyse every term with ``analyze`` (the index's own pipeline) into a lookup table."""
        analysed: dict[str, Phrase] = {}

        def tokens_of(term: str) -> Phrase:
            if term not in analysed:
                analysed[term] = tuple(analyze(term))
            return analysed[term]

        table: dict[Phrase, list[tuple[Phrase, float, str]]] = {}

        def link(source_term: str, target_term: str) -> None:
            src, dst = tokens_of(source_term), tokens_of(target_term)
            if not src or not dst or src == dst:
                return
            bucket = table.setdefault(src, [])
            if all(existing[0] != dst for existing in bucket):
                bucket.append((dst, 1.0, target_term))

        for rule in self.rules:
            if rule.one_way:
                for a in rule.left:
                    for b in rule.right:
                        link(a, b)
            else:
                for a in rule.left:
                    for b in rule.left:
                        if a != b:
                            link(a, b)
        return CompiledSynonyms(table, max((len(k) for k in table), default=1))
