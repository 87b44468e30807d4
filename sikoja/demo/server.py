"""Serve the bundled sample Kota Jambi web on 127.0.0.1, one port per OPD site.

The demo and the end-to-end tests crawl these sites exactly as they would crawl the real
``*.jambikota.go.id`` sites, so the server behaves like an ordinary web server where it
matters to a crawler:

- one ``ThreadingHTTPServer`` per site on ``base_port + port_offset`` (offsets come from
  ``sites/manifest.json``), each in a daemon thread, bound to 127.0.0.1 only; a site whose
  manifest entry lists ``subsites`` (``{"name", "opd", "path"}``) is one host serving several
  OPDs under paths, as a WordPress multisite does, and is one source per subsite;
- ``Content-Type`` with the charset the page itself declares (one site is windows-1252),
  ``ETag`` and ``Last-Modified``, 304 on ``If-None-Match``/``If-Modified-Since``, HEAD, 404,
  301 from ``/folder`` to ``/folder/``;
- query-string pages (``/?page_id=12``, ``/layanan.asp?id=3``) resolve through the site's
  ``_routes.json`` written by ``tools/make_sample_sites.py``; tracking parameters
  (``utm_*``, ``fbclid``, ``gclid``) are ignored, as a real CMS ignores them; a site whose
  routes name ``"*"`` answers that file for any path it has nothing at (a single-page app in
  history mode behind ``try_files $uri /index.html``).

The pages contain absolute links between sites on the default ports (8701...). When served on
another base port the server rewrites those URLs in text responses, so a test can run the
sample web on free ports next to a running demo.

Another web laid out the same way (a folder of site folders and a ``manifest.json``) is served
with ``root=``: the held-out evaluation web (``eval/heldout/sites``) is one. Its manifest is an
object rather than the sample web's bare list, so it can name its own default base port (its
absolute links are written for it) and its app catalog::

    {"base_port": 8801, "catalog": {"site": "diskominfo", "file": "unduhan/apps.csv"},
     "sites": [{"name": ..., "opd": ..., "port_offset": 0, "family": "joomla"}, ...]}

``python -m sikoja.demo.server`` serves until Ctrl-C
(``--root eval/heldout/sites`` for the held-out web).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

SITES_ROOT = Path(__file__).resolve().parent / "sites"
DEFAULT_BASE_PORT = 8701
LOOPBACK = "127.0.0.1"
APP_CATALOG_SOURCE = "katalog-aplikasi"
APP_CATALOG_SITE = "diskominfo"

CONTENT_TYPES = {
    ".html": "text/html",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".csv": "text/csv; charset=utf-8",
    ".pdf": "application/pdf",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
}
TEXT_SUFFIXES = {".html", ".xml", ".txt", ".json", ".csv", ".css", ".js"}
META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)
# a sample URL, also as JSON with escaped slashes (Laravel's json_encode: http:\/\/127...)
SAMPLE_URL = re.compile(rb"http:(//|\\/\\/)127\.0\.0\.1:(\d{4,5})")


def is_tracking(name: str) -> bool:
    return name.startswith("utm_") or name in ("fbclid", "gclid")


def route_key(path: str, query: str) -> str:
    """The ``_routes.json`` key of a request: the path plus its query pairs without tracking
    parameters, sorted, so ``/?b=2&a=1&utm_source=x`` finds the page written for
    ``/?a=1&b=2``. ``tools/make_sample_sites.py`` writes the routes with this same function."""
    pairs = sorted(
        (k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not is_tracking(k)
    )
    return path + ("?" + urlencode(pairs) if pairs else "")


@dataclass(frozen=True)
class SampleSite:
    name: str
    opd: str
    port_offset: int
    family: str = ""
    sites_root: Path = SITES_ROOT
    # a host serving several OPDs under paths (a WordPress multisite, a portal's /opd/x/):
    # one (source name, OPD, path) per OPD; empty for a site that is one source at its root
    subsites: tuple[tuple[str, str, str], ...] = ()

    @property
    def root(self) -> Path:
        return self.sites_root / self.name

    def source_entries(self) -> list[tuple[str, str, str]]:
        """The sources file's entries for this site: (name, OPD, start path)."""
        return list(self.subsites) or [(self.name, self.opd, "/")]


@dataclass(frozen=True)
class WebManifest:
    """What a sites root's ``manifest.json`` says: its sites, the base port its absolute
    links are written for, and where its app catalog is (site name and file path)."""

    sites: list[SampleSite]
    base_port: int = DEFAULT_BASE_PORT
    catalog_site: str | None = APP_CATALOG_SITE
    catalog_file: str = "apps.json"


def load_web_manifest(root: Path = SITES_ROOT) -> WebManifest:
    """Read ``root/manifest.json``: a bare list of sites (the sample web) or an object with
    ``sites``, ``base_port`` and ``catalog`` (``{"site": ..., "file": ...}``)."""
    root = Path(root)
    path = root / "manifest.json"
    if not path.is_file():
        raise FileNotFoundError(f"no manifest.json in {root}")
    raw = json.loads(path.read_text(encoding="utf-8"))
    entries = raw["sites"] if isinstance(raw, dict) else raw
    sites = [SampleSite(e["name"], e["opd"], int(e["port_offset"]), e.get("family", ""), root,
                        tuple((sub["name"], sub["opd"], sub["path"])
                              for sub in e.get("subsites", ())))
             for e in entries]
    if not isinstance(raw, dict):
        return WebManifest(sites)
    catalog = raw.get("catalog") or {}
    return WebManifest(sites, int(raw.get("base_port", DEFAULT_BASE_PORT)),
                       catalog.get("site"), catalog.get("file", "apps.json"))


def load_manifest(root: Path = SITES_ROOT) -> list[SampleSite]:
    return load_web_manifest(root).sites


def render_sources(urls: dict[str, str], sites: list[SampleSite], header: str = "",
                   catalog_site: str | None = APP_CATALOG_SITE,
                   catalog_file: str = "apps.json") -> str:
    """A sources YAML for the sample web on the given base URLs (one website per site, or per
    subsite of a site that serves several OPDs under paths, plus the app catalog, by default
    Diskominfo's ``apps.json``; none when ``catalog_site`` is None)."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    lines.append("sources:")
    for site in sites:
        for name, opd, path in site.source_entries():
            lines += [
                f"  - name: {name}",
                f"    opd: {opd}",
                "    kind: website",
                f'    start_urls: ["{urls[site.name]}{path}"]',
            ]
    if catalog_site is not None:
        catalog_opd = next(s.opd for s in sites if s.name == catalog_site)
        lines += [
            f"  - name: {APP_CATALOG_SOURCE}",
            f"    opd: {catalog_opd}",
            "    kind: app-catalog",
            f'    url: "{urls[catalog_site]}/{catalog_file.lstrip("/")}"',
        ]
    return "\n".join(lines) + "\n"


@dataclass
class SampleWeb:
    """What ``serve_sample_sites`` yields: the running sites and their base URLs."""

    sites: list[SampleSite]
    base_port: int
    urls: dict[str, str] = field(default_factory=dict)  # name -> "http://127.0.0.1:8701"
    default_base_port: int = DEFAULT_BASE_PORT  # the port the pages' absolute links name
    catalog_site: str | None = APP_CATALOG_SITE
    catalog_file: str = "apps.json"

    def url(self, name: str, path: str = "/") -> str:
        return self.urls[name] + path

    def write_sources(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        header = f"Sample Kota Jambi web served by sikoja.demo.server, base port {self.base_port}."
        path.write_text(render_sources(self.urls, self.sites, header, self.catalog_site,
                                       self.catalog_file), encoding="utf-8")
        return path


@dataclass
class _Served:
    body: bytes
    content_type: str
    etag: str
    mtime: float


class _SiteState:
    """Per-site lookup: routes, and served bytes cached per file (port-rewritten)."""

    def __init__(self, site: SampleSite, port_map: dict[int, int]):
        self.site = site
        self.root = site.root.resolve()
        routes_file = self.root / "_routes.json"
        self.routes: dict[str, str] = (
            json.loads(routes_file.read_text(encoding="utf-8")) if routes_file.is_file() else {}
        )
        self.query_paths = {key.split("?", 1)[0] for key in self.routes if "?" in key}
        self.port_map = port_map
        self._cache: dict[Path, _Served] = {}
        self._lock = threading.Lock()

    def resolve(self, target: str) -> tuple[str, Path | str | None]:
        """("file", path) | ("redirect", location) | ("missing", None)."""
        parts = urlsplit(target)
        path = unquote(parts.path) or "/"
        key = route_key(path, parts.query)
        if key in self.routes:
            return "file", self.root / self.routes[key]
        found = self._static(path, key, parts.query)
        if found[0] == "missing" and "*" in self.routes:  # a single-page app's fallback
            return "file", self.root / self.routes["*"]
        return found

    def _static(self, path: str, key: str, query: str) -> tuple[str, Path | str | None]:
        if key != path and path in self.query_paths:  # a query this path has no page for
            return "missing", None
        rel = path.lstrip("/")
        if any(part.startswith((".", "_")) for part in rel.split("/") if part):
            return "missing", None
        candidate = (self.root / rel).resolve()
        if candidate != self.root and self.root not in candidate.parents:
            return "missing", None
        if candidate.is_dir():
            if not path.endswith("/"):
                location = path + "/" + (f"?{query}" if query else "")
                return "redirect", location
            candidate = candidate / "index.html"
        if candidate.is_file():
            return "file", candidate
        return "missing", None

    def served(self, file: Path) -> _Served:
        with self._lock:
            cached = self._cache.get(file)
            if cached is not None:
                return cached
            body = file.read_bytes()
            suffix = file.suffix.lower()
            ctype = CONTENT_TYPES.get(suffix, "application/octet-stream")
            if suffix == ".html":
                m = META_CHARSET.search(body[:2048])
                ctype += "; charset=" + (m.group(1).decode("ascii").lower() if m else "utf-8")
            if suffix in TEXT_SUFFIXES and self.port_map:
                body = SAMPLE_URL.sub(self._rewrite_port, body)
            etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
            served = _Served(body, ctype, etag, int(file.stat().st_mtime))
            self._cache[file] = served
            return served

    def _rewrite_port(self, m: re.Match[bytes]) -> bytes:
        port = int(m.group(2))
        return b"http:" + m.group(1) + f"{LOOPBACK}:{self.port_map.get(port, port)}".encode()


def _make_handler(state: _SiteState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "Apache"
        sys_version = ""
        protocol_version = "HTTP/1.1"
        # headers and body are written apart: without TCP_NODELAY the body waits for the
        # client's delayed ACK, 40 ms a page (the test suite's link walk: 22 s -> 7 s)
        disable_nagle_algorithm = True

        def do_GET(self) -> None:  # noqa: N802 (http.server naming)
            self._respond(with_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._respond(with_body=False)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # quiet: tests and the demo crawl hundreds of pages

        def _respond(self, with_body: bool) -> None:
            kind, found = state.resolve(self.path)
            if kind == "redirect":
                self._simple(HTTPStatus.MOVED_PERMANENTLY, with_body, location=str(found))
                return
            if kind == "missing" or not isinstance(found, Path):
                self._simple(HTTPStatus.NOT_FOUND, with_body)
                return
            served = state.served(found)
            last_modified = formatdate(served.mtime, usegmt=True)
            if self._not_modified(served):
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self.send_header("ETag", served.etag)
                self.send_header("Last-Modified", last_modified)
                self.end_headers()
                return
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", served.content_type)
            self.send_header("Content-Length", str(len(served.body)))
            self.send_header("ETag", served.etag)
            self.send_header("Last-Modified", last_modified)
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            if with_body:
                self.wfile.write(served.body)

        def _not_modified(self, served: _Served) -> bool:
            inm = self.headers.get("If-None-Match")
            if inm is not None:
                tags = {t.strip() for t in inm.split(",")}
                return "*" in tags or served.etag in tags or f"W/{served.etag}" in tags
            ims = self.headers.get("If-Modified-Since")
            if ims:
                try:
                    since = parsedate_to_datetime(ims).timestamp()
                except (TypeError, ValueError, IndexError, OverflowError):
                    return False
                return served.mtime <= since
            return False

        def _simple(self, status: HTTPStatus, with_body: bool, location: str = "") -> None:
            body = (f"<html><head><title>{status.value} {status.phrase}</title></head>"
                    f"<body><h1>{status.phrase}</h1></body></html>").encode()
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body:
                self.wfile.write(body)

    return Handler


class SiteServer(ThreadingHTTPServer):
    """A sample site's server, with a real web server's listen backlog (nginx: 511), not
    socketserver's 5: a crawler's connections overflowed 5, and each dropped SYN was sent
    again only after the kernel's 1 s retransmit timeout."""

    daemon_threads = True
    request_queue_size = 512


def _bind_all(sites: list[SampleSite], base_port: int, host: str,
              default_base: int = DEFAULT_BASE_PORT) -> list[ThreadingHTTPServer]:
    port_map = {}
    if base_port != default_base:
        port_map = {default_base + s.port_offset: base_port + s.port_offset for s in sites}
    servers: list[ThreadingHTTPServer] = []
    try:
        for site in sites:
            handler = _make_handler(_SiteState(site, port_map))
            servers.append(SiteServer((host, base_port + site.port_offset), handler))
    except OSError:
        for server in servers:
            server.server_close()
        raise
    return servers


@contextmanager
def serve_sample_sites(base_port: int | None = None, host: str = LOOPBACK,
                       root: Path = SITES_ROOT) -> Iterator[SampleWeb]:
    """Serve every site under ``root`` on ``base_port + port_offset`` while the block runs.

    ``base_port`` defaults to the manifest's (8701 for the sample web); ``base_port=0``
    picks a free block of ports (for tests running beside a demo). Only 127.0.0.1 is
    accepted as host: the sample web is never exposed to a network.
    """
    if host not in (LOOPBACK, "localhost"):
        raise ValueError(f"the sample web binds to {LOOPBACK} only, not {host!r}")
    host = LOOPBACK
    manifest = load_web_manifest(root)
    sites = manifest.sites
    default_base = manifest.base_port
    if base_port is None:
        base_port = default_base
    span = max(s.port_offset for s in sites) + 1
    if base_port == 0:
        rng = random.Random()
        for _attempt in range(50):
            candidate = rng.randrange(20000, 60000 - span)
            try:
                servers = _bind_all(sites, candidate, host, default_base)
            except OSError:
                continue
            base_port = candidate
            break
        else:
            raise OSError("no free block of ports found for the sample web")
    else:
        try:
            servers = _bind_all(sites, base_port, host, default_base)
        except OSError as exc:
            raise OSError(
                f"cannot serve the sample web on ports {base_port}-{base_port + span - 1}: {exc}"
            ) from exc
    threads = []
    for server in servers:
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                                  name=f"sample-web-{server.server_address[1]}", daemon=True)
        thread.start()
        threads.append(thread)
    web = SampleWeb(sites, base_port,
                    {s.name: f"http://{host}:{base_port + s.port_offset}" for s in sites},
                    default_base, manifest.catalog_site, manifest.catalog_file)
    try:
        yield web
    finally:
        _stop_all(servers)
        for thread in threads:
            thread.join(timeout=5)


def _stop_all(servers: list[ThreadingHTTPServer]) -> None:
    """Stop every site at once: ``shutdown`` waits for its loop's next poll (up to 0.2 s),
    and 31 sites stopped one after another made leaving the sample web take seconds."""
    stoppers = [threading.Thread(target=server.shutdown, daemon=True) for server in servers]
    for stopper in stoppers:
        stopper.start()
    for stopper in stoppers:
        stopper.join()
    for server in servers:
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the sample Kota Jambi web on 127.0.0.1.")
    parser.add_argument("--base-port", type=int, default=None,
                        help="port of the first site (default: the manifest's, 8701 for the "
                             "sample web; 0 = any free block)")
    parser.add_argument("--root", type=Path, default=SITES_ROOT,
                        help="folder of sites with a manifest.json (default: the sample web)")
    parser.add_argument("--write-sources", metavar="PATH",
                        help="also write a sources YAML for the ports in use")
    args = parser.parse_args(argv)
    try:
        load_web_manifest(args.root)
    except (OSError, ValueError, KeyError) as exc:
        parser.error(f"cannot read the sites under {args.root}: {exc}")
    with serve_sample_sites(args.base_port, root=args.root) as web:
        if args.write_sources:
            web.write_sources(args.write_sources)
            print(f"sources written to {args.write_sources}")
        for name, url in web.urls.items():
            print(f"{name:18} {url}/")
        print("Serving the sample Kota Jambi web; Ctrl-C to stop.")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
