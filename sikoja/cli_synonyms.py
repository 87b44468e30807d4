"""``sikoja synonyms test``: how a query is analysed and expanded, and, with ``--add``, the
top results before and after a pending rule, without saving it.

The one synonyms command that needs the analyzer and the index. The synonyms package sits
below the indexer and must not import it, so the command lives in the CLI layer, above both,
and is added to the ``synonyms`` subcommands that :mod:`synonyms.cli` registers; the command
line is the same as if the package had registered it. As in :mod:`sikoja.cli`, what the
command drives is imported when it runs, so every other command starts without loading the
index code.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sikoja.errors import SikojaError
from synonyms.cli import common_arguments


def add_test_command(synonyms_commands: argparse._SubParsersAction) -> None:
    """Add ``test`` to the ``sikoja synonyms`` subcommands, and make ``add`` say how the
    analysis will read the rule it stored (the synonyms package cannot: it sits below the
    analyzer)."""
    add = synonyms_commands.choices.get("add")
    if add is not None:
        add.set_defaults(func=_warning_after(add.get_default("func")))
    c = synonyms_commands.add_parser("test", help="show how a query is analysed and expanded")
    common_arguments(c)
    c.add_argument("query")
    c.add_argument("--add", dest="pending", default=None, help="a rule to try without saving")
    c.add_argument("--limit", type=int, default=5)
    c.set_defaults(func=cmd_test)


def _warning_after(stored):
    def cmd_add(args: argparse.Namespace) -> int:
        code = stored(args)
        from indexer.analysis import Analyzer
        from indexer.analysis.synonym_check import added_rule_warnings
        from synonyms import SynonymStore, parse_rule

        with SynonymStore(args.data_dir) as store:
            rules = store.list()
        analyze = Analyzer(synonyms=None).index_tokens
        for warning in added_rule_warnings(parse_rule(args.rule), rules, analyze):
            print(f"warning: {warning}", file=sys.stderr)
        return code

    return cmd_add


def describe(analysis) -> list[str]:
    """Readable lines for one :class:`QueryAnalysis` (used by ``test``)."""
    lines = [
        f"query:      {analysis.text}",
        f"normalised: {analysis.normalized}",
        f"language:   {analysis.lang}",
    ]
    if analysis.did_you_mean:
        lines.append(f"did you mean: {analysis.did_you_mean}")
    typed = [" ".join(t.tokens) for t in analysis.terms if t.origin == "query"]
    lines.append(f"stemmed:    {' '.join(typed)}")
    expansions = [t for t in analysis.terms if t.origin != "query"]
    if expansions:
        lines.append("expansions:")
        for term in expansions:
            lines.append(f"  {term.weight:.2f}  {term.origin:<12s} {' '.join(term.tokens)}")
    else:
        lines.append("expansions: none")
    lines.append(f"embedded:   {analysis.embedding_text}")
    return lines


def cmd_test(args: argparse.Namespace) -> int:
    from indexer.analysis import Analyzer
    from synonyms import StaticSynonyms, SynonymStore, parse, parse_rule
    from synonyms.rules import append_rule

    with SynonymStore(args.data_dir) as store:
        pending = None
        if args.pending:
            text = append_rule(store.export_text(), parse_rule(args.pending))
            cap = store.max_expansions
            pending = StaticSynonyms(
                parse(text, "synonyms with the pending rule", cap), "pending", max_expansions=cap
            )
        # one Analyzer per rule set and one open index, shared by the analysis and the results
        now = Analyzer(synonyms=store)
        then = Analyzer(synonyms=pending) if pending is not None else None
        index = _open_index(args.data_dir)
        vocabulary = _vocabulary(index)
        print("\n".join(describe(now.analyze_query(args.query, vocabulary))))
        if then is not None:
            after = then.analyze_query(args.query, vocabulary)
            print(f"\nwith the pending rule '{args.pending}':")
            print("\n".join(describe(after)))
        _print_results(args, index, now, then)
    return 0


def _open_index(data_dir: Path):
    """(settings, backend) of the data dir's index, or the exception that kept it closed."""
    try:
        from indexer.registry import open_backend
        from sikoja.config import load_settings

        settings = load_settings(data_dir)
        return settings, open_backend(settings)
    except Exception as exc:  # shown (or raised) with the results, see _print_results
        return exc


def _vocabulary(index):
    """The index's vocabulary for typo correction, when the lead's backend can give it."""
    if isinstance(index, Exception):  # no index yet: analysis without typo correction
        return None
    try:
        return index[1].vocabulary()
    except Exception:
        return None


def _print_results(args: argparse.Namespace, index, now, then) -> None:
    """Top results now and, with a pending rule (``then``), after it (needs a built index)."""
    if isinstance(index, SikojaError):
        print(f"\nresults: not available ({index})")
        return
    if isinstance(index, Exception):
        raise index
    settings, backend = index
    try:
        from indexer.search import Searcher

        searcher = Searcher(settings, backend=backend, analyzer=now)
        before = searcher.search(args.query, limit=args.limit)
    except SikojaError as exc:
        print(f"\nresults: not available ({exc})")
        return
    print("\ntop results now:")
    _print_hits(before)
    if then is not None:
        searcher.analyzer = then
        after = searcher.search(args.query, limit=args.limit)
        print("\ntop results with the pending rule:")
        _print_hits(after)
        now_urls = [r.url for r in before.results]
        then_urls = [r.url for r in after.results]
        print("\n(no change in the top results)" if now_urls == then_urls else "")


def _print_hits(response) -> None:
    if not response.results:
        print("  (no results)")
    for i, result in enumerate(response.results, 1):
        print(f"  {i}. {result.title}  {result.url}")
