"""``sikoja demo``: the whole job on the bundled sample Kota Jambi web, on one machine.

Starts the sample OPD websites on loopback (ports 8701 and up), crawls them with politeness
off (they are ours and local), indexes them and serves the search page and API. The sample
sites keep running while the search serves, so result links open.

A first hour should not trip on the avoidable, so the demo:

- checks every port it needs (search, sample sites, widget example) *before* the minute of
  crawling, and names the busy one;
- serves ``examples/host-page.html`` on its own loopback port with that origin allowed for
  CORS, so the embedded widget works across origins without editing ``sikoja.yaml``;
- says where things are when it is ready: the data dir, the admin-key command, where the
  ``sikoja`` command lives, the widget example's URL;
- leaves a ``demo.json`` in the data dir, so that ``sikoja serve`` on the demo's data serves
  the sample sites again and result links keep working after the demo is stopped.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sikoja.errors import SikojaError

DEMO_MARKER = "demo.json"
EXAMPLE_PAGE = Path(__file__).resolve().parents[2] / "examples" / "host-page.html"
# the origin examples/host-page.html is written for (its CSP and its script tag)
EXAMPLE_API_ORIGIN = "http://127.0.0.1:8000"
DEFAULT_EXAMPLE_PORT = 8700
LOOPBACK = "127.0.0.1"


# -- ports ------------------------------------------------------------------------------


def port_in_use(host: str, port: int) -> bool:
    """True when nothing can listen on ``host:port`` now (as uvicorn would try it)."""
    try:
        reserve_port(host, port).close()
    except OSError:
        return True
    return False


def check_ports(host: str, wanted: list[tuple[int, str, str]]) -> None:
    """Raise one clear error for the first busy port, or a port asked for twice: ``wanted``
    is (port, what it is for, the option that moves it)."""
    seen: dict[int, str] = {}
    for port, what, option in wanted:
        if port in seen:
            raise SikojaError(f"port {port} is asked for twice ({seen[port]} and {what}); "
                              f"choose another with {option}")
        seen[port] = what
        bind_host = LOOPBACK if what.startswith(("sample", "widget")) else host
        if port_in_use(bind_host, port):
            raise SikojaError(
                f"port {port} on {bind_host} is already in use ({what}); stop the program "
                f"using it (e.g. an earlier 'sikoja demo') or choose another with {option}")


def reserve_port(host: str, port: int) -> socket.socket:
    """A socket listening on ``host:port`` from now on, for a server that starts later.

    The demo serves only after a crawl of half a minute or more. A port that was merely free
    when checked can be taken meanwhile, by another program or by one of the crawl's own
    outgoing connections where the kernel's ephemeral range covers it; holding it open
    from the start makes "already in use" impossible after the crawl."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def sample_site_ports(base_port: int) -> list[int]:
    from sikoja.demo.server import load_manifest

    return sorted(base_port + offset for site in load_manifest() for offset in site.port_offsets())


def demo_ports(host: str, port: int, sites_port: int,
               example_port: int | None) -> list[tuple[int, str, str]]:
    wanted = [(port, "search service", "--port")]
    wanted += [(p, "sample Kota Jambi site", "--sites-port") for p in sample_site_ports(sites_port)]
    if example_port:
        wanted.append((example_port, "widget example", "--example-port"))
    return wanted


# -- the widget example -----------------------------------------------------------------


def public_host(host: str) -> str:
    """The address a browser on this machine uses for a server bound to ``host``."""
    return LOOPBACK if host in ("0.0.0.0", "::", "") else host


def example_page(api_origin: str) -> bytes:
    """examples/host-page.html, pointed at the search service actually running."""
    return EXAMPLE_PAGE.read_text(encoding="utf-8").replace(
        EXAMPLE_API_ORIGIN, api_origin).encode("utf-8")


@contextmanager
def serve_example(sock: socket.socket, api_origin: str) -> Iterator[str]:
    """Serve the example portal page on ``sock`` (see ``reserve_port``) while the block
    runs; yields its URL."""
    body = example_page(api_origin)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server naming)
            if self.path.split("?")[0] not in ("/", "/host-page.html"):
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            return

    server = ThreadingHTTPServer(sock.getsockname()[:2], Handler, bind_and_activate=False)
    server.socket.close()
    server.socket = sock  # already bound and listening
    server.server_address = sock.getsockname()[:2]
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                              name="widget-example", daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}/host-page.html"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# -- where things are ---------------------------------------------------------------------


def sikoja_command() -> str:
    """How to call ``sikoja`` from here: the script next to this Python (``.venv/bin``)."""
    script = Path(sys.executable).parent / "sikoja"
    if not script.exists():
        return "sikoja"
    relative = os.path.relpath(script)
    return relative if not relative.startswith("..") else str(script)


def where_things_are(data_dir: Path, search_url: str, example_url: str | None) -> list[str]:
    command = sikoja_command()
    on_path = shutil.which("sikoja")
    if os.sep not in command or (on_path and Path(on_path).resolve() == Path(command).resolve()):
        where = f"'sikoja' is on your PATH ({on_path or command})"
    else:
        where = (f"{command} (in {Path(command).parent}/, which is not on your PATH: type the "
                 "path, or activate the virtualenv)")
    lines = [
        f"search page:     {search_url}   (admin: {search_url}admin)",
        f"data dir:        {data_dir.resolve()}",
        f"admin API key:   {command} apikey create --data-dir {shlex.quote(str(data_dir))} "
        "admin",
        f"sikoja command:  {where}",
    ]
    if example_url:
        lines.append(f"widget example:  {example_url}   (a portal page embedding the search)")
    lines.append(f"later:           {command} serve --data-dir {shlex.quote(str(data_dir))} "
                 "serves this data again, with the sample sites")
    return lines


# -- the demo -----------------------------------------------------------------------------


def run_demo(
    *,
    data_dir: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    serve: bool = True,
    sites_port: int = 8701,
    example_port: int | None = DEFAULT_EXAMPLE_PORT,
    progress: Callable[[str], None] = print,
) -> int:
    from sikoja.demo.server import serve_sample_sites

    data_dir = Path(data_dir)
    if not EXAMPLE_PAGE.is_file():
        example_port = None  # an installed package without the repository's examples/
    check_ports(host, demo_ports(host, port, sites_port, example_port) if serve
                else demo_ports(host, port, sites_port, None)[1:])
    data_dir.mkdir(parents=True, exist_ok=True)
    with ExitStack() as held:  # the reserved ports and the sample sites, until the end
        listening: list[socket.socket] = []
        try:
            if serve:
                listening.append(held.enter_context(reserve_port(host, port)))
                if example_port:
                    listening.append(held.enter_context(reserve_port(LOOPBACK, example_port)))
        except OSError as exc:
            raise SikojaError(f"cannot listen on port {port} or {example_port}: {exc}; "
                              "choose others with --port and --example-port") from None
        try:
            web = held.enter_context(serve_sample_sites(base_port=sites_port))
        except OSError as exc:
            raise SikojaError(f"cannot start the sample sites: {exc}; choose other ports "
                              "with --sites-port") from None
        # the crawl's and index's modules load only now: a busy port is named without them
        # (a refused demo: 0.44 s of CPU before, 0.20 s with them loaded here, session 11)
        from sikoja.config import load_settings
        from sikoja.pipeline import crawl_and_index
        from sikoja.sources import load_sources

        sources_path = data_dir / "sources.yaml"
        web.write_sources(sources_path)
        (data_dir / DEMO_MARKER).write_text(json.dumps({"sites_port": sites_port}) + "\n",
                                            encoding="utf-8")
        sources = load_sources(sources_path)
        settings = load_settings(data_dir)
        settings.crawl.delay = 0.0
        progress(f"sample Kota Jambi web: {len(sources)} sources on 127.0.0.1:{sites_port}+")
        crawl_and_index(settings, sources, progress=progress,
                        report=lambda summary: print(summary, flush=True))
        if serve:
            _serve_demo(settings, data_dir, host, listening)
        else:
            print("", *where_things_are(data_dir, f"http://{public_host(host)}:{port}/", None),
                  sep="\n", flush=True)
    return 0


def _serve_demo(settings, data_dir: Path, host: str,  # noqa: ANN001
                listening: list[socket.socket]) -> None:
    """Serve the search on ``listening[0]`` and the widget example on ``listening[1]``
    when there is one: sockets reserved before the crawl."""
    import uvicorn

    from search_api.app import create_app
    from search_api.server import uvicorn_options

    search, example = listening[0], (listening[1:] or [None])[0]
    search_url = f"http://{public_host(host)}:{search.getsockname()[1]}/"
    api_origin = search_url.rstrip("/")
    with _maybe_example(example, api_origin) as example_url:
        if example_url:  # the example portal may call the API across origins
            origin = example_url.split("/host-page.html")[0]
            settings.api = settings.api.model_copy(update={
                "cors_origins": [*settings.api.cors_origins, origin]})
        app = create_app(settings)
        print("", *where_things_are(data_dir, search_url, example_url), sep="\n", flush=True)
        print(f"\nsikoja is serving at {search_url}  (Ctrl-C stops)", flush=True)
        server = uvicorn.Server(uvicorn.Config(app, **uvicorn_options(settings)))
        server.run(sockets=[search])


@contextmanager
def _maybe_example(sock: socket.socket | None, api_origin: str) -> Iterator[str | None]:
    if sock is None:
        yield None
        return
    with serve_example(sock, api_origin) as url:
        yield url


@contextmanager
def demo_sites_for(data_dir: Path, progress: Callable[[str], None] = print) -> Iterator[None]:
    """For ``sikoja serve``: when ``data_dir`` holds the demo's data, serve the sample sites
    its results link to, on the ports the demo crawled; otherwise do nothing."""
    marker = Path(data_dir) / DEMO_MARKER
    if not marker.is_file():
        yield
        return
    from sikoja.demo.server import serve_sample_sites

    try:
        sites_port = int(json.loads(marker.read_text(encoding="utf-8"))["sites_port"])
    except (ValueError, KeyError, TypeError):
        progress(f"{marker.name} is unreadable: the sample sites are not served")
        yield
        return
    busy = [p for p in sample_site_ports(sites_port) if port_in_use(LOOPBACK, p)]
    if busy:
        progress(f"demo data: the sample sites its results link to are not served (port "
                 f"{busy[0]} is in use; is 'sikoja demo' still running?)")
        yield
        return
    with serve_sample_sites(base_port=sites_port):
        progress(f"demo data: serving the sample Kota Jambi sites on 127.0.0.1:{sites_port}+ "
                 "so result links open")
        yield
