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

Problems print as one line per bad rule (file:line: reason) and nothing is changed.

``test`` shows how a query is analysed and, with ``--add``, the top results before and after
the pending rule, without saving it. It needs the analyzer and the index, which this package
must not import (synonyms sit below the indexer), so the CLI layer registers it on the
subcommands made here: :mod:`sikoja.cli_synonyms`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sikoja.errors import SikojaError
from sikoja.who import WHO_HELP, default_who
from synonyms.default import DEFAULT_PATH


def common_arguments(parser: argparse.ArgumentParser, *, change: bool = False) -> None:
    parser.add_argument(
        "--data-dir", type=Path, required=True, help="folder holding the index and synonyms.db"
    )
    if change:
        parser.add_argument("--who", default=default_who(), help=WHO_HELP)
        parser.add_argument("--why", required=True, help="why the change is made (kept in history)")


def add_subcommands(subparsers: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """Register ``sikoja synonyms`` and its subcommands on the main CLI; returns the
    ``synonyms`` subcommands, to which the CLI layer adds ``test`` (it needs the index)."""
    p = subparsers.add_parser(
        "synonyms",
        help="list, change, test and roll back the query synonyms",
        description="Synonym rules in Solr format ('a, b, c' equivalent; 'a => b' one-way). "
        "Every change is a new version; changes apply on the next query without reindexing.",
    )
    sub = p.add_subparsers(dest="synonyms_command", required=True)

    c = sub.add_parser("list", help="print the current rules")
    common_arguments(c)
    c.set_defaults(func=cmd_list)

    c = sub.add_parser("add", help="add one rule")
    common_arguments(c, change=True)
    c.add_argument("rule", help="e.g. 'pecah kk, pisah kk' or 'imb => pbg'")
    c.set_defaults(func=cmd_add)

    c = sub.add_parser("remove", help="remove one rule (its text as listed)")
    common_arguments(c, change=True)
    c.add_argument("rule")
    c.set_defaults(func=cmd_remove)

    c = sub.add_parser("import", help="replace all rules by a synonym file")
    common_arguments(c, change=True)
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
    common_arguments(c)
    c.add_argument("--version", type=int, default=None)
    c.add_argument("--output", "-o", type=Path, default=None, help="file (default: stdout)")
    c.set_defaults(func=cmd_export)

    c = sub.add_parser("history", help="every version: when, who, why, what")
    common_arguments(c)
    c.set_defaults(func=cmd_history)

    c = sub.add_parser("rollback", help="make an earlier version current again")
    common_arguments(c, change=True)
    c.add_argument("version", type=int)
    c.set_defaults(func=cmd_rollback)
    return sub


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
