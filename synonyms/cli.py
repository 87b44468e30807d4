"""``sikoja synonyms ...``: the admin commands for the synonym store.

    sikoja synonyms list     --data-dir D
    sikoja synonyms add      --data-dir D "pecah kk, pisah kk" --who ana --why "citizens say pisah"
    sikoja synonyms remove   --data-dir D "pecah kk, pisah kk" --who ana --why "..."
    sikoja synonyms import   --data-dir D FILE --who ana --why "..."     (FILE "-" = stdin)
    sikoja synonyms import   --data-dir D --default --who ana --why "take the new default"
    sikoja synonyms export   --data-dir D [--version N] [--output FILE]
    sikoja synonyms history  --data-dir D
    sikoja synonyms rollback --data-dir D N --who ana --why "..."
    sikoja synonyms test     --data-dir D "bikin akte lahir" [--add "rule"] [--limit 5]

``test`` shows how a query is analysed and, with ``--add``, the top results before and after
the pending rule, without saving it. Problems print as one line per bad rule (file:line:
reason) and nothing is changed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sikoja.errors import SikojaError
from sikoja.who import WHO_HELP, default_who


def _common(parser: argparse.ArgumentParser, *, change: bool = False) -> None:
    parser.add_argument(
        "--data-dir", type=Path, required=True, help="folder holding the index and synonyms.db"
    )
    if change:
        parser.add_argument("--who", default=default_who(), help=WHO_HELP)
        parser.add_argument("--why", required=True, help="why the change is made (kept in history)")


def add_subcommands(subparsers: argparse._SubParsersAction) -> None:
    """Register ``sikoja synonyms`` and its subcommands on the main CLI."""
    p = subparsers.add_parser(
        "synonyms",
        help="list, change, test and roll back the query synonyms",
        description="Synonym rules in Solr format ('a, b, c' equivalent; 'a => b' one-way). "
        "Every change is a new version; changes apply on the next query without reindexing.",
    )
    sub = p.add_subparsers(dest="synonyms_command", required=True)

    c = sub.add_parser("list", help="print the current rules")
    _common(c)
    c.set_defaults(func=cmd_list)

    c = sub.add_parser("add", help="add one rule")
    _common(c, change=True)
    c.add_argument("rule", help="e.g. 'pecah kk, pisah kk' or 'imb => pbg'")
    c.set_defaults(func=cmd_add)

    c = sub.add_parser("remove", help="remove one rule (its text as listed)")
    _common(c, change=True)
    c.add_argument("rule")
    c.set_defaults(func=cmd_remove)

    c = sub.add_parser("import", help="replace all rules by a synonym file")
    _common(c, change=True)
    source = c.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", help="synonym file in Solr format, '-' for stdin")
    source.add_argument(
        "--default",
        action="store_true",
        help="the default set shipped with this sikoja version (a store keeps the default "
        "it started from until told to take a newer one)",
    )
    c.set_defaults(func=cmd_import)

    c = sub.add_parser("export", help="write the rules of a version (default: current)")
    _common(c)
    c.add_argument("--version", type=int, default=None)
    c.add_argument("--output", "-o", type=Path, default=None, help="file (default: stdout)")
    c.set_defaults(func=cmd_export)

    c = sub.add_parser("history", help="every version: when, who, why, what")
    _common(c)
    c.set_defaults(func=cmd_history)

    c = sub.add_parser("rollback", help="make an earlier version current again")
    _common(c, change=True)
    c.add_argument("version", type=int)
    c.set_defaults(func=cmd_rollback)

    c = sub.add_parser("test", help="show how a query is analysed and expanded")
    _common(c)
    c.add_argument("query")
    c.add_argument("--add", dest="pending", default=None, help="a rule to try without saving")
    c.add_argument("--limit", type=int, default=5)
    c.set_defaults(func=cmd_test)


def _store(args: argparse.Namespace):
    from synonyms.store import SynonymStore

    return SynonymStore(args.data_dir)


def _print_version(action: str, version) -> None:
    print(f"{action}: now version {version.id} ({version.rule_count} rules)")


def cmd_list(args: argparse.Namespace) -> int:
    with _store(args) as store:
        rules = store.rules()
        print(f"# version {store.version()}, {len(rules)} rules")
        for rule in rules:
            print(f"{rule.line:5d}  {rule.text()}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    with _store(args) as store:
        _print_version("added", store.add(args.rule, who=args.who, why=args.why))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    with _store(args) as store:
        _print_version("removed", store.remove(args.rule, who=args.who, why=args.why))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    if args.default:
        from synonyms import DEFAULT_PATH

        data, source = DEFAULT_PATH.read_bytes(), str(DEFAULT_PATH)
    elif args.file == "-":
        data, source = sys.stdin.buffer.read(), "<stdin>"
    else:
        path = Path(args.file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SikojaError(f"{path}: cannot read: {exc.strerror or exc}") from None
        source = str(path)
    with _store(args) as store:
        version = store.import_text(data, who=args.who, why=args.why, source=source)
        _print_version("imported", version)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with _store(args) as store:
        text = store.export_text(args.version)
    if args.output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise SikojaError(f"{args.output}: cannot write: {exc.strerror or exc}") from None
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    with _store(args) as store:
        for v in store.history():
            detail = f" {v.detail}" if v.detail else ""
            print(
                f"v{v.id:<4d} {v.created_at}  {v.who}  {v.action}{detail}  "
                f"({v.rule_count} rules)  why: {v.why}"
            )
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    with _store(args) as store:
        version = store.rollback(args.version, who=args.who, why=args.why)
        _print_version(f"rolled back to version {args.version}", version)
    return 0


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
    from synonyms import StaticSynonyms, parse, parse_rule
    from synonyms.rules import append_rule

    with _store(args) as store:
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
