"""``sikoja apikey ...``, and the text of ``sikoja report queries``.

    sikoja apikey create  --data-dir D NAME      prints the key once; only its hash is kept
    sikoja apikey revoke  --data-dir D ID|NAME   the key gets 403 from the next request on
    sikoja apikey list    --data-dir D           id, name, prefix, created, last used, revoked
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path


def _data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, required=True,
                        help="folder holding the index and admin.db")


def add_subcommands(subparsers: argparse._SubParsersAction) -> None:
    """Register ``apikey``."""
    p = subparsers.add_parser(
        "apikey", help="create, revoke and list API keys for the /admin endpoints",
        description="API keys give access to /admin/api/... (header X-API-Key or "
        "Authorization: Bearer). Only a hash of each key is stored.")
    sub = p.add_subparsers(dest="apikey_command", required=True)
    c = sub.add_parser("create", help="create a key and print it (shown only once)")
    _data_dir(c)
    c.add_argument("name", help="who or what uses the key, e.g. 'ana-diskominfo'")
    c.set_defaults(func=cmd_create)
    c = sub.add_parser("revoke", help="revoke a key by id or name")
    _data_dir(c)
    c.add_argument("key", help="the key's id or name, as 'apikey list' shows")
    c.set_defaults(func=cmd_revoke)
    c = sub.add_parser("list", help="list keys (never the keys themselves)")
    _data_dir(c)
    c.add_argument("--json", action="store_true", help="print JSON")
    c.set_defaults(func=cmd_list)


def cmd_create(args: argparse.Namespace) -> int:
    from search_api.keys import create_key

    plain = create_key(args.data_dir, args.name)
    print(plain)
    print(f"API key for {args.name!r} created. Store it now: it cannot be shown again.",
          file=sys.stderr)
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    from search_api.keys import revoke_key

    key = revoke_key(args.data_dir, args.key)
    print(f"API key {key.id} ({key.name}) revoked")
    return 0


def _when(ts: float | None) -> str:
    if ts is None:
        return "-"
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M UTC")


def cmd_list(args: argparse.Namespace) -> int:
    from search_api.keys import list_keys

    keys = list_keys(args.data_dir)
    if args.json:
        print(json.dumps([k.to_dict() for k in keys], indent=2))
        return 0
    if not keys:
        print("no API keys; create one with 'sikoja apikey create --data-dir DIR NAME'")
        return 0
    print(f"{'id':>4}  {'name':<24} {'prefix':<11} {'created':<20} {'last used':<20} revoked")
    for k in keys:
        print(f"{k.id:>4}  {k.name:<24} {k.prefix + '…':<11} {_when(k.created_at):<20} "
              f"{_when(k.last_used_at):<20} {_when(k.revoked_at) if k.revoked_at else 'no'}")
    return 0


def format_queries_report(data_dir: str | Path, *, days: int = 30, limit: int = 20,
                          as_json: bool = False) -> str:
    """``sikoja report queries``: the admin report as text, with suggestions when an index
    exists to look names up in."""
    from search_api.analytics import Analytics, Lookup, render_report
    from search_api.service import IndexUnavailable, SearchService
    from sikoja.config import load_settings

    path = Path(data_dir) / "analytics.db"
    if not path.is_file():
        return "No searches recorded yet (analytics.db is created by 'sikoja serve')."
    analytics = Analytics(data_dir)
    service = SearchService(load_settings(data_dir))
    try:
        try:
            service.searcher()
            lookup: Lookup | None = service
        except IndexUnavailable:
            lookup = None
        report = analytics.report(days=days, limit=limit, lookup=lookup)
    finally:
        service.close()
        analytics.close()
    return report.model_dump_json(indent=2) if as_json else render_report(report)
