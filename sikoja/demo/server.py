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
- a POST-only backend's ``"POST /api/x?id=1"`` routes match the path with the query's and
  the body's pairs; a route's ``"307 <location>"`` sends the POST on; a site's
  ``_csrf.json`` (``{"name": ..., "hash": ...}``) makes a POST without that pair answer 403,
  as CodeIgniter's ``csrf_protection`` does.

Some behaviours of old PHP sites need a running server rather than files; a site's
manifest entry asks for them (the ``trap-`` sites):

- ``"trans_sid": "<name>"``: PHP with cookies off and ``session.use_trans_sid`` on. A request
  without ``<name>=...`` starts a new session; every relative link of the HTML answered
  carries that session's id (``?<name>=<26 chars>``), so every visit that enters the site at
  an unparameterised URL sees a new set of URLs. The id never selects the page.
- ``"calendar": "/agenda.php"``: an agenda whose month view answers any
  ``?bulan=M&tahun=Y`` (``mktime`` normalises ``bulan=13``) and day view any
  ``?tgl=YYYY-MM-DD``, each linking the month before and after, every month of its year,
  the years around and each day: "next month" forever. The page is the site's
  ``_agenda.html`` with ``{judul}``, ``{kalender}`` and ``{agenda}`` filled in; events come
  from ``_agenda.json`` (date -> text).
- ``"max_pages"``: the page budget the sources file gives the site (a small old site's).

A single-page app whose API lives on another origin (``api-xxx.jambikota.go.id`` beside
``xxx.jambikota.go.id``) names that origin's port in its entry: ``"api_port_offset": N``.
The site's ``_api`` folder (hidden on the app's own port) is then served on
``base_port + N`` as that API host: its ``_routes.json`` maps requests to files as a site's
does, its ``_headers.json`` adds headers per route (WordPress's ``X-WP-Total``,
``X-WP-TotalPages``, ``Link``), and every answer carries the CORS headers a browser needs to
let the app read it; ``OPTIONS`` (the preflight an ``Authorization`` header causes) answers
204. The API host is not a source of its own: only the app is in the sources file.

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
from collections.abc import Collection, Iterator
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
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
}
TEXT_SUFFIXES = {".html", ".xml", ".txt", ".json", ".csv", ".css", ".js"}
META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)
# a sample URL, also as JSON with escaped slashes (Laravel's json_encode: http:\/\/127...)
SAMPLE_URL = re.compile(rb"http:(//|\\/\\/)127\.0\.0\.1:(\d{4,5})")


MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")
# the tags PHP's url_rewriter rewrites (``a``/``area`` href, ``form`` action)
_HREF = re.compile(r'(<(?:a|area)\b[^>]*?\bhref\s*=\s*"|<form\b[^>]*?\baction\s*=\s*")'
                   r'([^"]*)(")', re.IGNORECASE)
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)


def month_of(year: int, month: int) -> tuple[int, int]:
    """PHP's ``mktime(0, 0, 0, $bulan, 1, $tahun)``: ``bulan=13`` of 2031 is January 2032."""
    year += (month - 1) // 12
    return year, (month - 1) % 12 + 1


def calendar_table(path: str, year: int, month: int) -> str:
    """An old PHP agenda's month grid: the month before and after, every day linked."""
    import calendar

    year, month = month_of(year, month)
    before, after = month_of(year, month - 1), month_of(year, month + 1)
    rows = [
        '<table class="kalender" border="1" cellspacing="0" cellpadding="2">',
        f'<tr><td><a href="{path}?bulan={before[1]}&amp;tahun={before[0]}">&laquo;</a></td>'
        f'<td colspan="5" align="center"><b>{MONTHS_ID[month - 1]} {year}</b></td>'
        f'<td><a href="{path}?bulan={after[1]}&amp;tahun={after[0]}">&raquo;</a></td></tr>',
        "<tr><td>Sen</td><td>Sel</td><td>Rab</td><td>Kam</td><td>Jum</td><td>Sab</td>"
        "<td>Min</td></tr>",
    ]
    for week in calendar.Calendar().monthdayscalendar(year, month):
        cells = "".join(
            f'<td><a href="{path}?tgl={year:04d}-{month:02d}-{day:02d}">{day}</a></td>'
            if day else "<td>&nbsp;</td>" for day in week)
        rows.append(f"<tr>{cells}</tr>")
    rows.append("</table>")
    return "\n".join(rows)


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
    trans_sid: str = ""  # PHP session id carried in links (see the module's docstring)
    calendar: str = ""  # the path of an endless agenda
    max_pages: int | None = None  # the sources file's page budget for the site
    # a host serving several OPDs under paths (a WordPress multisite, a portal's /opd/x/):
    # one (source name, OPD, path) per OPD; empty for a site that is one source at its root
    subsites: tuple[tuple[str, str, str], ...] = ()
    # the port offset of the app's API on another origin, served from its _api folder
    api_port_offset: int | None = None

    @property
    def root(self) -> Path:
        return self.sites_root / self.name

    def port_offsets(self) -> list[int]:
        """Every port the site answers on: its own, and its API origin's if it has one."""
        return [self.port_offset] + ([self.api_port_offset]
                                     if self.api_port_offset is not None else [])

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
                        e.get("trans_sid", ""), e.get("calendar", ""), e.get("max_pages"),
                        tuple((sub["name"], sub["opd"], sub["path"])
                              for sub in e.get("subsites", ())),
                        e.get("api_port_offset"))
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
            if site.max_pages:
                lines.append(f"    max_pages: {site.max_pages}")
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


_POST_REDIRECT = re.compile(r"^(30[78]) (\S+)$")


class _SiteState:
    """Per-site lookup: routes, and served bytes cached per file (port-rewritten)."""

    def __init__(self, site: SampleSite, port_map: dict[int, int], api: bool = False):
        self.site = site
        self.api = api  # the site's API origin: its _api folder, with CORS
        self.root = (site.root / "_api" if api else site.root).resolve()
        routes_file = self.root / "_routes.json"
        self.routes: dict[str, str] = (
            json.loads(routes_file.read_text(encoding="utf-8")) if routes_file.is_file() else {}
        )
        self.query_paths = {key.split("?", 1)[0] for key in self.routes if "?" in key}
        # the paths a POST-only backend answers (``"POST /api/x?id=1"`` routes)
        self.post_paths = {key[5:].split("?", 1)[0] for key in self.routes
                           if key.startswith("POST ")}
        # a CodeIgniter backend's CSRF pair (``{"name": ..., "hash": ...}``): a POST without
        # it answers 403, as CodeIgniter's csrf_protection does
        csrf_file = self.root / "_csrf.json"
        self.csrf: dict[str, str] = (
            json.loads(csrf_file.read_text(encoding="utf-8")) if csrf_file.is_file() else {})
        headers_file = self.root / "_headers.json"
        self.extra_headers: dict[str, dict[str, str]] = (
            json.loads(headers_file.read_text(encoding="utf-8")) if headers_file.is_file()
            else {})
        self.port_map = port_map
        self._cache: dict[Path, _Served] = {}
        self._lock = threading.Lock()
        self._sessions = 0
        agenda = self.root / "_agenda.json"
        self.events: dict[str, str] = (
            json.loads(agenda.read_text(encoding="utf-8")) if agenda.is_file() else {})
        self._agenda_page: str | None = None  # its _agenda.html, once an agenda is asked for

    def session(self, query: str) -> tuple[str, str]:
        """(the session id the request carries or a new one, the query without it)."""
        name = self.site.trans_sid
        pairs = parse_qsl(query, keep_blank_values=True)
        given = next((v for k, v in pairs if k == name and v), "")
        rest = urlencode([(k, v) for k, v in pairs if k != name])
        if given:
            return given, rest
        with self._lock:
            self._sessions += 1
            number = self._sessions
        token = hashlib.sha1(f"{self.site.name}:{number}".encode()).hexdigest()
        return "".join("0123456789abcdefghijklmnopqrstuv"[int(c, 16) * 2 % 32]
                       for c in token[:26]), rest

    def with_session(self, body: bytes, token: str) -> bytes:
        """Every relative link of ``body`` with the session id, as PHP's URL rewriter adds it
        (links with a scheme, a host or only a fragment are left alone)."""
        name = self.site.trans_sid

        def add(m: re.Match[str]) -> str:
            url = m.group(2)
            if _ABSOLUTE.match(url) or url.startswith("javascript"):
                return m.group(0)
            url, hash_, fragment = url.partition("#")
            sep = "&amp;" if "?" in url else "?"
            return f"{m.group(1)}{url}{sep}{name}={token}{hash_}{fragment}{m.group(3)}"

        return _HREF.sub(add, body.decode("utf-8")).encode("utf-8")

    def agenda(self, query: str) -> bytes | None:
        """The agenda page for ``?bulan=&tahun=`` or ``?tgl=``; None for anything else."""
        args = dict(parse_qsl(query))
        try:
            if "tgl" in args:
                year, month, day = (int(x) for x in args["tgl"].split("-"))
                year, month = month_of(year, month)
                title = f"Agenda Tanggal {day} {MONTHS_ID[month - 1]} {year}"
                events = [self.events.get(f"{year:04d}-{month:02d}-{day:02d}", "")]
            else:
                year, month = month_of(int(args.get("tahun", "2024")),
                                       int(args.get("bulan", "12")))
                title = f"Agenda Bulan {MONTHS_ID[month - 1]} {year}"
                prefix = f"{year:04d}-{month:02d}-"
                events = [f"{int(k[-2:])} {MONTHS_ID[month - 1]}: {v}"
                          for k, v in sorted(self.events.items()) if k.startswith(prefix)]
        except (ValueError, IndexError):
            return None
        path = self.site.calendar.rsplit("/", 1)[-1]
        years = " | ".join(f'<a href="{path}?bulan={month}&amp;tahun={y}">{y}</a>'
                           for y in range(year - 2, year + 3))
        months = " | ".join(f'<a href="{path}?bulan={m}&amp;tahun={year}">{name[:3]}</a>'
                            for m, name in enumerate(MONTHS_ID, 1))
        listed = "".join(f"<li>{e}</li>" for e in events if e)
        agenda = (f"<p>Tahun: {years}</p><p>Bulan: {months}</p>"
                  + (f"<ul>{listed}</ul>" if listed else
                     "<p><i>Tidak ada agenda kegiatan pada tanggal/bulan ini.</i></p>"))
        if self._agenda_page is None:  # read once, not on every agenda request
            self._agenda_page = (self.root / "_agenda.html").read_text(encoding="utf-8")
        page = (self._agenda_page.replace("{judul}", title)
                .replace("{kalender}", calendar_table(path, year, month))
                .replace("{agenda}", agenda))
        return SAMPLE_URL.sub(self._rewrite_port, page.encode("utf-8")) if self.port_map \
            else page.encode("utf-8")

    def headers_for(self, target: str) -> dict[str, str]:
        """The route's own headers (an API's paging headers), ports rewritten; CORS on an API."""
        parts = urlsplit(target)
        found = dict(self.extra_headers.get(route_key(unquote(parts.path) or "/", parts.query),
                                            {}))
        if self.port_map:
            found = {k: SAMPLE_URL.sub(self._rewrite_port, v.encode()).decode()
                     for k, v in found.items()}
        if self.api:
            found.update(CORS_HEADERS)
        return found

    def resolve(self, target: str) -> tuple[str, Path | str | None]:
        """("file", path) | ("redirect", location) | ("missing", None) | ("not allowed",
        None): a GET of a POST-only backend's path."""
        parts = urlsplit(target)
        path = unquote(parts.path) or "/"
        key = route_key(path, parts.query)
        if key in self.routes:
            return "file", self.root / self.routes[key]
        if path in self.post_paths:
            return "not allowed", None
        found = self._static(path, key, parts.query)
        if found[0] == "missing" and "*" in self.routes:  # a single-page app's fallback
            return "file", self.root / self.routes["*"]
        return found

    def csrf_missing(self, target: str, body: bytes, content_type: str) -> bool:
        """Whether the site checks a CSRF pair and this POST has not sent it."""
        if not self.csrf:
            return False
        pairs = self._post_pairs(target, body, content_type)
        return (self.csrf["name"], self.csrf["hash"]) not in pairs

    def post_route(self, target: str, body: bytes, content_type: str) -> str | None:
        """The route a POST is answered by: a file, or ``"307 <location>"`` (a backend
        sending the request on, body and all, as 307 and 308 do)."""
        parts = urlsplit(target)
        pairs = self._post_pairs(target, body, content_type)
        # a CSRF token (CodeIgniter's csrf_* pair) never selects the record
        query = urlencode([(k, v) for k, v in pairs if not k.startswith("csrf")])
        return self.routes.get("POST " + route_key(unquote(parts.path) or "/", query))

    @staticmethod
    def _post_pairs(target: str, body: bytes, content_type: str) -> list[tuple[str, str]]:
        parts = urlsplit(target)
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        text = body.decode("utf-8", "replace")
        if "json" in content_type:
            try:
                data = json.loads(text or "{}")
            except ValueError:
                data = {}
            if isinstance(data, dict):
                pairs += [(str(k), str(v)) for k, v in data.items()
                          if isinstance(v, (str, int, float))]
        else:
            pairs += parse_qsl(text, keep_blank_values=True)
        return pairs

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


CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, Content-Type, Accept, X-Requested-With",
    "Access-Control-Expose-Headers": "X-WP-Total, X-WP-TotalPages, Link",
}


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

        def do_POST(self) -> None:  # noqa: N802 (a POST-only backend's answer)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(min(length, 65536)) if length > 0 else b""
            if state.csrf_missing(self.path, body, self.headers.get("Content-Type", "")):
                self._simple(HTTPStatus.FORBIDDEN, with_body=True)
                return
            route = state.post_route(self.path, body, self.headers.get("Content-Type", ""))
            redirect = _POST_REDIRECT.match(route or "")
            if redirect:
                self._simple(HTTPStatus(int(redirect.group(1))), with_body=True,
                             location=redirect.group(2))
                return
            found = state.root / route if route else None
            if found is None or not found.is_file():  # a record it has not, or no backend
                posted = unquote(urlsplit(self.path).path) in state.post_paths
                self._simple(HTTPStatus.NOT_FOUND if posted else HTTPStatus.METHOD_NOT_ALLOWED,
                             with_body=True)
                return
            served = state.served(found)
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", served.content_type)
            self.send_header("Content-Length", str(len(served.body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(served.body)

        def do_OPTIONS(self) -> None:  # noqa: N802 (a browser's CORS preflight)
            if not state.api:
                self._simple(HTTPStatus.METHOD_NOT_ALLOWED, with_body=True)
                return
            self.send_response(HTTPStatus.NO_CONTENT)
            for name, value in CORS_HEADERS.items():
                self.send_header(name, value)
            self.send_header("Access-Control-Max-Age", "86400")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # quiet: tests and the demo crawl hundreds of pages

        def _respond(self, with_body: bool) -> None:
            if state.site.trans_sid or state.site.calendar:
                self._respond_php(with_body)
                return
            kind, found = state.resolve(self.path)
            if kind == "redirect":
                self._simple(HTTPStatus.MOVED_PERMANENTLY, with_body, location=str(found))
                return
            if kind == "not allowed":
                self._simple(HTTPStatus.METHOD_NOT_ALLOWED, with_body)
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
            for name, value in state.headers_for(self.path).items():
                self.send_header(name, value)
            self.end_headers()
            if with_body:
                self.wfile.write(served.body)

        def _respond_php(self, with_body: bool) -> None:
            """A PHP script's answer: no validators, the session's id in its links."""
            parts = urlsplit(self.path)
            token, query = "", parts.query
            if state.site.trans_sid:
                token, query = state.session(parts.query)
            body: bytes | None = None
            ctype = "text/html; charset=utf-8"
            if state.site.calendar and unquote(parts.path) == state.site.calendar:
                body = state.agenda(query)
            else:
                kind, found = state.resolve(parts.path + (f"?{query}" if query else ""))
                if kind == "redirect":
                    self._simple(HTTPStatus.MOVED_PERMANENTLY, with_body, location=str(found))
                    return
                if kind == "file" and isinstance(found, Path):
                    served = state.served(found)
                    body, ctype = served.body, served.content_type
            if body is None:
                self._simple(HTTPStatus.NOT_FOUND, with_body)
                return
            if token and ctype.startswith("text/html"):
                body = state.with_session(body, token)
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Powered-By", "PHP/5.2.17")
            self.send_header("Cache-Control", "no-store, no-cache, must-revalidate")
            self.end_headers()
            if with_body:
                self.wfile.write(body)

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
        port_map = {default_base + offset: base_port + offset
                    for s in sites for offset in s.port_offsets()}
    servers: list[ThreadingHTTPServer] = []
    try:
        for site in sites:
            handler = _make_handler(_SiteState(site, port_map))
            servers.append(SiteServer((host, base_port + site.port_offset), handler))
            if site.api_port_offset is not None:
                handler = _make_handler(_SiteState(site, port_map, api=True))
                servers.append(SiteServer((host, base_port + site.api_port_offset), handler))
    except OSError:
        for server in servers:
            server.server_close()
        raise
    return servers


@contextmanager
def serve_sample_sites(base_port: int | None = None, host: str = LOOPBACK,
                       root: Path = SITES_ROOT,
                       only: Collection[str] | None = None) -> Iterator[SampleWeb]:
    """Serve every site under ``root`` on ``base_port + port_offset`` while the block runs
    (``only``: just the sites of those names, on the same ports).

    ``base_port`` defaults to the manifest's (8701 for the sample web); ``base_port=0``
    picks a free block of ports (for tests running beside a demo). Only 127.0.0.1 is
    accepted as host: the sample web is never exposed to a network.
    """
    if host not in (LOOPBACK, "localhost"):
        raise ValueError(f"the sample web binds to {LOOPBACK} only, not {host!r}")
    host = LOOPBACK
    manifest = load_web_manifest(root)
    sites = [site for site in manifest.sites if only is None or site.name in only]
    if not sites:
        raise ValueError(f"no sample site named {sorted(only or [])}")
    default_base = manifest.base_port
    if base_port is None:
        base_port = default_base
    span = max(offset for s in sites for offset in s.port_offsets()) + 1
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
                    default_base,
                    # the app catalog only where its site is served
                    next((n.name for n in sites if n.name == manifest.catalog_site), None),
                    manifest.catalog_file)
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
