"""The ``sikoja`` command line. Other tools drive sikoja through it, so the commands and
their options are a stable contract (see README): only ever add to them.

Every expected problem (missing config, unreachable site, empty data dir, bad YAML) is one
line on stderr and a non-zero exit; a traceback appears only with SIKOJA_DEBUG=1.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sikoja.errors import EMPTY_QUERY, SikojaError, query_too_long
from sikoja.who import WHO_HELP, default_who

EXIT_ERROR = 2


def _data_dir(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument(
        "--data-dir", type=Path, required=required, default=None if required else Path("data"),
        help="folder holding crawled documents, the index and admin state",
    )


def _progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


# -- commands ------------------------------------------------------------------------


def cmd_crawl(args: argparse.Namespace) -> int:
    from sikoja import pipeline
    from sikoja.config import load_settings
    from sikoja.sources import load_sources

    sources = load_sources(args.config)
    settings = load_settings(args.data_dir)
    if args.delay is not None:
        settings.crawl.delay = args.delay
    summary = pipeline.crawl(settings, sources, progress=_progress)
    print(summary)
    problem = pipeline.crawl_problem(summary, shared=bool(settings.crawl.frontier))
    if problem:
        raise SikojaError(problem)
    return 0


def cmd_crawl_merge(args: argparse.Namespace) -> int:
    from sikoja import pipeline
    from sikoja.config import load_settings

    settings = load_settings(args.data_dir)
    print(pipeline.merge_crawls(settings, args.workers))
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from sikoja import pipeline
    from sikoja.config import load_settings

    settings = load_settings(args.data_dir, embedder=args.embedder)
    print(pipeline.build_index(settings, progress=_progress, full=args.full))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from indexer.backend import Filters
    from sikoja.config import load_settings
    from sikoja.pipeline import open_searcher

    if not args.query.strip():  # as the API answers it (422 with the same sentence)
        raise SikojaError(EMPTY_QUERY)
    searcher = open_searcher(load_settings(args.data_dir))
    try:
        limit = searcher.settings.api.max_query_length
        if len(args.query) > limit:  # as the API answers it (422 with the same sentence)
            raise SikojaError(query_too_long(limit))
        response = searcher.search(
            args.query, limit=args.limit, page=args.page,
            filters=Filters(opd=args.opd or [], kind=args.kind or []), explain=args.explain,
        )
    finally:
        searcher.close()
    if args.json:
        print(json.dumps(response.model_dump(mode="json", exclude_none=True),
                         ensure_ascii=False, indent=2))
        return 0
    if response.did_you_mean:
        print(f"Maksud Anda: {response.did_you_mean}")
    if args.explain and response.analysis.vector_weight is not None:
        new = response.analysis.unfamiliar
        print(f"vector weight {response.analysis.vector_weight:.3f}"
              + (f" (new words: {', '.join(new) or 'none'})" if new is not None else ""))
    if not response.results:
        print("Tidak ada hasil.")
    for n, r in enumerate(response.results, 1 + (args.page - 1) * args.limit):
        print(f"{n}. {r.title}  [{r.kind}] {r.opd}\n   {r.url}  (score {r.score:.4f})")
        if r.explain:
            print(f"   explain: {r.explain.model_dump(exclude_none=True)}")
    if response.answer:
        card = response.answer
        print(f"\n{card.title} — {card.opd}")
        for label, value in (("Biaya", card.cost), ("Waktu", card.duration),
                             ("Lokasi", card.location), ("Online", card.online_url),
                             ("Platform", card.platform), ("Alamat", card.address),
                             ("Jam pelayanan", card.hours), ("Telepon", card.phone),
                             ("Email", card.email)):
            if value:
                print(f"  {label}: {value}")
        for req in card.requirements:
            print(f"  [ ] {req}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from search_api.app import create_app
    from search_api.server import uvicorn_options
    from sikoja.config import load_settings
    from sikoja.demo.run import check_ports, demo_sites_for
    from sikoja.pipeline import open_built_searcher

    if not Path(args.data_dir).is_dir():
        raise SikojaError(f"data dir not found: {args.data_dir}")
    settings = load_settings(args.data_dir)
    opened = open_built_searcher(settings)
    if opened is None:  # serving would only answer 503 until someone builds an index
        raise SikojaError(
            f"no index in {args.data_dir}: build one with 'sikoja crawl --config SOURCES.yaml "
            f"--data-dir {args.data_dir}' then 'sikoja index --data-dir {args.data_dir}' "
            "(or try 'sikoja demo')")
    if args.workers > 1:  # each server process opens its own; this one serves nothing
        opened[0].close()
        opened = None
    try:
        check_ports(args.host, [(args.port, "search service", "--port")])
        with demo_sites_for(args.data_dir, progress=_progress):
            print(f"sikoja serving {args.data_dir} at http://{args.host}:{args.port}/",
                  flush=True)
            if args.workers > 1:
                # several processes share the port; each builds the app from the environment
                os.environ["SIKOJA_DATA_DIR"] = str(Path(args.data_dir).resolve())
                uvicorn.run("search_api.app:create_app_from_environment", factory=True,
                            workers=args.workers, host=args.host, port=args.port,
                            **uvicorn_options(settings))
                return 0
            # the index just checked is the one served: opening it again would double the
            # start (and, for a while, the memory) of a large index
            app, opened = create_app(settings, opened=opened), None  # closed by the app
            uvicorn.run(app, host=args.host, port=args.port, **uvicorn_options(settings))
    finally:
        if opened is not None:  # the start failed before an app took the index over
            opened[0].close()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from sikoja.demo.run import run_demo

    return run_demo(data_dir=args.data_dir, host=args.host, port=args.port,
                    serve=not args.no_serve, sites_port=args.sites_port,
                    example_port=args.example_port or None, progress=_progress)


def cmd_eval(args: argparse.Namespace) -> int:
    from indexer.evaluate import evaluate_file, format_gap, format_report

    if (args.heldout_queries is None) != (args.heldout_data_dir is None):
        raise SikojaError("--heldout-queries and --heldout-data-dir go together")
    report = evaluate_file(args.data_dir, args.queries, mode=args.mode, progress=_progress)
    heldout = None
    if args.heldout_queries is not None:
        heldout = evaluate_file(args.heldout_data_dir, args.heldout_queries, mode=args.mode,
                                progress=_progress)
    if args.json:
        out = report.to_dict()
        if heldout is not None:
            out = {"tuning": out, "heldout": heldout.to_dict()}
        print(json.dumps(out, ensure_ascii=False, indent=2))
    elif heldout is None:
        print(format_report(report))
    else:
        print(f"== tuning: {args.queries}\n{format_report(report)}\n")
        print(f"== held-out: {args.heldout_queries}\n{format_report(heldout)}\n")
        print(format_gap(report, heldout))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from sikoja.store import DocumentStore, documents_db_path

    if args.what == "queries":
        from search_api.cli import format_queries_report

        print(format_queries_report(args.data_dir, days=args.days, limit=args.limit,
                                    as_json=args.json))
        return 0
    if not documents_db_path(args.data_dir).is_file():
        raise SikojaError(f"no crawl data in {args.data_dir}: run 'sikoja crawl' first")
    from crawler import reports

    # the sources the next crawl reads, to say which sites it reads again in full: a file
    # named must be read; the data dir's own may be missing
    from sikoja.sources import load_sources

    sources = (load_sources(args.config) if args.config is not None
               else reports.configured_sources(args.data_dir / "sources.yaml"))
    store = DocumentStore.open(args.data_dir)
    try:
        data = (reports.sites_report(store, sources=sources) if args.what == "sites"
                else reports.overlap_report(store))
    finally:
        store.close()
    if args.json:
        print(json.dumps([item.to_dict() for item in data], ensure_ascii=False, indent=2))
    elif args.what == "sites":
        print(reports.format_sites(data, failures=max(0, args.failures)))
    else:
        print(reports.format_overlap(data))
    return 0


def cmd_bestbet(args: argparse.Namespace) -> int:
    from datetime import date

    from indexer.bestbets import BestBetStore

    store = BestBetStore(args.data_dir)
    try:
        if args.action == "add":
            start = date.fromisoformat(args.start) if args.start else None
            end = date.fromisoformat(args.end) if args.end else None
            bet_id = store.add(args.query, args.url, start=start, end=end, who=args.who,
                               why=args.why)
            print(f"best bet {bet_id} added: {args.query!r} -> {args.url}")
        elif args.action == "remove":
            if not store.remove(args.id, who=args.who):
                raise SikojaError(f"no best bet with id {args.id}")
            print(f"best bet {args.id} removed")
        else:
            for bet in store.list():
                span = f" {bet.start or ''}..{bet.end or ''}" if bet.start or bet.end else ""
                print(f"{bet.id}\t{bet.query}\t{bet.url}{span}")
    except ValueError as exc:
        raise SikojaError(f"bad date: {exc}") from None
    finally:
        store.close()
    return 0


# -- parser --------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sikoja",
        description="Search the public services of a city: crawl OPD websites and app "
        "catalogs, index them, and answer citizens' questions.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("crawl", help="crawl the websites and app catalogs in a sources file",
                       description="Fetch every page of the sources' websites (and the apps "
                       "in their catalogs) into the data dir. Reruns are incremental.")
    p.add_argument("--config", required=True, type=Path, help="sources YAML file")
    _data_dir(p)
    p.add_argument("--delay", type=float, default=None,
                   help="seconds between requests to one host (default from settings: 0.5)")
    p.set_defaults(func=cmd_crawl)

    p = sub.add_parser("crawl-merge", help="collect the stores of a shared crawl's workers",
                       description="A crawl shared by several workers (crawl.frontier in "
                       "sikoja.yaml) leaves one store per worker's data dir: merge them into "
                       "--data-dir before 'sikoja index'. A page several workers stored is "
                       "kept once (the latest fetch), and each site's template, titles, twins and "
                       "Standar Pelayanan PDFs are settled over the whole site (a worker held "
                       "part of it); merging again changes nothing.")
    _data_dir(p)
    p.add_argument("--from", dest="workers", required=True, nargs="+", type=Path,
                   metavar="WORKER_DIR", help="the workers' data dirs")
    p.set_defaults(func=cmd_crawl_merge)

    p = sub.add_parser("index", help="build or update the search index from crawled documents",
                       description="Analyse and embed the crawled documents. Only changed "
                       "documents are re-processed; the new index is swapped in atomically.")
    _data_dir(p)
    p.add_argument("--full", action="store_true", help="rebuild everything from scratch")
    p.add_argument("--embedder", default=None,
                   help="'use' (default), 'e5', 'st:<model>' or 'none' (keyword only)")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("search", help="search the index from the command line",
                       description="Print the best matching services, apps and pages.")
    _data_dir(p)
    p.add_argument("--limit", type=int, default=10, help="how many results (default 10)")
    p.add_argument("--page", type=int, default=1, help="result page (default 1)")
    p.add_argument("--json", action="store_true", help="print the API's JSON instead")
    p.add_argument("--explain", action="store_true", help="show keyword/vector/fused scores")
    p.add_argument("--opd", action="append", help="only results of this OPD (repeatable)")
    p.add_argument("--kind", action="append",
                   help="only this kind: service, app, document, news, page (repeatable)")
    p.add_argument("query", help="what a citizen would type, e.g. 'urus KTP'")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("serve", help="serve the search page, widget and API",
                       description="Run the web service: search page at /, API at /api, "
                       "docs at /docs, admin at /admin. Needs an index ('sikoja index'); on "
                       "the demo's data dir it also serves the sample sites results link to.")
    _data_dir(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (8000)")
    p.add_argument("--workers", type=int, default=1,
                   help="server processes (1); one per core serves more distinct queries")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("demo", help="crawl the bundled sample Kota Jambi sites, index, serve",
                       description="Start the sample Kota Jambi websites on loopback, crawl "
                       "and index them, then serve search at http://127.0.0.1:8000/.")
    p.add_argument("--data-dir", type=Path, default=Path("data/demo"),
                   help="where to keep the demo's data (data/demo)")
    p.add_argument("--host", default="127.0.0.1", help="address for the search service")
    p.add_argument("--port", type=int, default=8000, help="port for the search service")
    p.add_argument("--sites-port", type=int, default=8701,
                   help="first port of the sample websites (8701)")
    p.add_argument("--example-port", type=int, default=8700,
                   help="port of the widget example page, a portal embedding the search "
                   "(8700; 0 = none)")
    p.add_argument("--no-serve", action="store_true", help="stop after crawling and indexing")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("eval", help="measure relevance on judged queries",
                       description="Run every query of a judgments TSV (qid, category, query, "
                       "relevant) and print Success@1, MRR@10, nDCG@10 and Recall@5.")
    _data_dir(p)
    p.add_argument("--queries", required=True, type=Path, help="judgments TSV")
    p.add_argument("--mode", default="hybrid",
                   choices=["hybrid", "keyword", "vector", "plain-bm25"],
                   help="ranking to evaluate (hybrid)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--heldout-data-dir", type=Path, default=None,
                   help="data dir of the held-out web (crawled and indexed apart)")
    p.add_argument("--heldout-queries", type=Path, default=None,
                   help="judgments on the held-out web (eval/heldout/queries.tsv): reported "
                   "apart from --queries, with the gap between the two")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser(
        "report", help="reports: site health, cross-OPD overlap, queries",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Reports for the admin, in the words the admin page uses.\n\n"
        "  sites    crawl health per source: the last crawl and the last successful one\n"
        "           ('3 jam lalu'), pages, errors by reason, and the failing URLs with why\n"
        "  overlap  the same service or app published by several OPDs (near-duplicates)\n"
        "  queries  what citizens searched for, what found nothing (with suggested fixes)\n"
        "           and what they did not click")
    p.add_argument("what", choices=["sites", "overlap", "queries"], help="which report")
    _data_dir(p)
    p.add_argument("--failures", type=int, default=5, metavar="N",
                   help="sites: failing URLs listed per site (default 5; the last crawl "
                   "keeps up to 20)")
    p.add_argument("--config", type=Path, default=None, metavar="SOURCES.yaml",
                   help="sites: the sources file the next crawl reads (default: sources.yaml "
                   "in the data dir), to say which sites it reads again in full; without "
                   "one the report says nothing of the next crawl")
    p.add_argument("--days", type=int, default=30, metavar="N",
                   help="queries: how many recent days to count (default 30)")
    p.add_argument("--limit", type=int, default=20, metavar="N",
                   help="queries: rows per table (default 20)")
    p.add_argument("--json", action="store_true",
                   help="print the report's data as JSON (as GET /admin/api/... returns it)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("bestbet", help="pin a result to the top for a query")
    bsub = p.add_subparsers(dest="action", required=True)
    b = bsub.add_parser("add", help="pin URL for QUERY")
    _data_dir(b)
    b.add_argument("query")
    b.add_argument("url")
    b.add_argument("--start", help="first day (YYYY-MM-DD)")
    b.add_argument("--end", help="last day (YYYY-MM-DD)")
    b.add_argument("--who", default=default_who(), help=WHO_HELP)
    b.add_argument("--why", default="")
    b = bsub.add_parser("remove", help="remove a best bet by id")
    _data_dir(b)
    b.add_argument("id", type=int)
    b.add_argument("--who", default=default_who(), help=WHO_HELP)
    b = bsub.add_parser("list", help="list best bets")
    _data_dir(b)
    p.set_defaults(func=cmd_bestbet)

    absent: list[str] = []
    synonyms_commands = _add_plugin(sub, "synonyms.cli", absent)
    if synonyms_commands is not None:  # ``synonyms test`` needs the index: added from here
        from sikoja.cli_synonyms import add_test_command

        add_test_command(synonyms_commands)
    _add_plugin(sub, "search_api.cli", absent)
    if absent:
        parser.epilog = "not installed here: " + "; ".join(absent)
    return parser


class PluginError(Exception):
    """A package's command module is installed but cannot be loaded."""


def _add_plugin(sub: argparse._SubParsersAction, module: str, absent: list[str]) -> Any:
    """Register the subcommands a package owns (``synonyms``, ``apikey``) and return what
    its ``add_subcommands`` returns.

    A package that is not installed is left out and named in ``absent`` (shown by
    ``--help``); one that is installed but broken raises :class:`PluginError`, so its
    commands never just disappear.
    """
    package = module.partition(".")[0]
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name not in (package, module):  # something the module imports is missing
            raise PluginError(f"the commands in {module} cannot be loaded: {exc}") from exc
        absent.append(f"the commands of the '{package}' package ({module} not found)")
        return None
    except Exception as exc:
        raise PluginError(f"the commands in {module} cannot be loaded: "
                          f"{type(exc).__name__}: {exc}") from exc
    add = getattr(mod, "add_subcommands", None)
    if add is None:
        raise PluginError(f"{module} has no add_subcommands(subparsers)")
    return add(sub)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        return int(args.func(args) or 0)
    except SikojaError as exc:
        print(f"sikoja: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except PluginError as exc:  # a broken install, not the user's input: say where it is
        if os.environ.get("SIKOJA_DEBUG"):
            raise
        print(f"sikoja: error: {exc} (SIKOJA_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("sikoja: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `sikoja search ... | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # never a traceback for users; SIKOJA_DEBUG shows it
        if os.environ.get("SIKOJA_DEBUG"):
            raise
        print(f"sikoja: error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
