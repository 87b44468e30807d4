"""Document identity: the URL a page is stored under, the looser key that de-duplicates
requests and compares URLs, and the index id of a document.

Every layer needs the same answer to "is this the same page?": the crawler stores and
requests by it, the indexer ids documents by it, the evaluation compares judged and returned
URLs by it. So it lives here, in the document model, and nowhere else.

OPD sites reach the same page through many URLs: menu links with ``index.php``, share
buttons that append ``utm_*``/``fbclid``, PHP session ids, ``http://host:80/``, trailing
slashes. The store is keyed by URL, so every variant must collapse to one key or the same
service would be indexed (and shown) several times.

Two functions, because the stored URL is also the link a citizen follows and the URL an
evaluator compares with the one its site links to. ``canonicalize_url`` keeps the path as
the server served it (after redirects), trailing slash included: ``/layanan/kk/`` stays
``/layanan/kk/``. ``url_key`` also ignores a trailing slash; the crawler requests one URL
per key, so ``/x`` and ``/x/`` are never both fetched (a server that redirects one to the
other leaves the document at the URL it was finally served from).

Query strings select pages (``?page_id=5``, ``index.php?p=layanan&id=1``), so parameters
are kept, in the order the site writes them, unless they are tracking or session noise:
the stored URL is the link a citizen gets and an evaluator compares, and old PHP sites'
``?p=layanan&id=1`` reads as the site wrote it, not as ``?id=1&p=layanan``. ``url_key``
sorts them, so the two orders are one page, requested once (the crawler stores the first
spelling it meets, and keeps it on later crawls). The index file is dropped only without a
query or with a WordPress query (its own keys, its ids numeric: ``/index.php?page_id=5``
becomes ``/?page_id=5``): some servers answer ``/?page=x`` or ``/?p=profil`` with the home
page while ``/index.php?page=x`` is the page, and WordPress's ``p`` is always a post number.
WordPress's comment "Reply" links (``?p=31&replytocom=2``) are the post again with the reply
form moved, so ``replytocom`` is noise like a tracker.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import safe_url_string

DEFAULT_PORTS = {"http": 80, "https": 443}

# Query parameters that never select content: click trackers and the session ids of
# platforms that name them so (PHP's default, Java servlets, classic ASP, ColdFusion,
# osCommerce, Zen Cart).
_NOISE_PARAMS = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid",
    "mc_eid", "_ga", "_gl", "ref_src", "phpsessid", "jsessionid", "aspsessionid",
    "cfid", "cftoken", "oscsid", "zenid", "replytocom",
}
_NOISE_PREFIXES = ("utm_",)
# A session id under a name of the site's own (PHP's ``session_name()``: ``sid``,
# ``sessid``, ``sipus_sessid``, ``session_id``): a name that says session and a value that
# is a random token, never a number or a word; ``?sid=3`` may be a section's id and stays.
# Whole names only: ``assessment_id`` and ``doc_sid`` are not sessions.
_SESSION_NAME = re.compile(
    r"^(?:s?sid|(?:php|j|asp)sess(?:ion)?id\w*)$|(?:^|_)sess(?:ion)?(?:_?id)?$", re.IGNORECASE)
_SESSION_TOKEN = re.compile(r"(?=[^.]*[0-9])(?=[^.]*[A-Za-z])[A-Za-z0-9]{16,}(\.[\w-]+)?")

# Directory index files that servers answer for the bare directory.
_INDEX_FILES = re.compile(r"/(index|default)\.(php|html?|aspx?|jsp)$", re.IGNORECASE)
# Query keys WordPress answers on its front controller, with or without "index.php".
_WORDPRESS_KEYS = {"page_id", "p", "cat", "tag", "s", "m", "paged", "author", "attachment_id",
                   "post_type", "preview", "year", "monthnum", "day", "feed", "name",
                   "pagename"}
# ...of which WordPress only ever gives numbers (``?p=profil`` is another PHP site's page)
_WORDPRESS_NUMERIC_KEYS = {"page_id", "p", "cat", "m", "paged", "author", "attachment_id",
                           "year", "monthnum", "day"}
# ;jsessionid=... path parameters (Java servlet containers), and ASP.NET's cookieless
# session in a path segment of its own: /(S(lit3py55t21z5v55vlm25s55))/page.aspx, with
# an anonymous id or forms ticket beside it: /(A(...)S(...)F(...))/page.aspx.
_PATH_SESSION = re.compile(r";(jsessionid|phpsessid|sid)=[^/?#]*|/\((?:[A-Z]\([^()/]*\))+\)(?=/)",
                           re.IGNORECASE)


def _is_noise(name: str, value: str = "") -> bool:
    lowered = name.lower()
    return (lowered in _NOISE_PARAMS or lowered.startswith(_NOISE_PREFIXES)
            or is_session_param(name, value))


def is_session_param(name: str, value: str) -> bool:
    """Whether ``name=value`` is a session id under a site's own name: the name says session
    (``sid``, ``sessid``, ``session_id``, ``sipus_sessid``) and the value is a random token
    (16 or more letters and digits, both; Java's ``.node0`` suffix allowed), as PHP, Java and
    ASP.NET make them. A number or a word under such a name may select content and stays."""
    return bool(_SESSION_NAME.search(name)) and bool(_SESSION_TOKEN.fullmatch(value))


def _wordpress_query(items: list[tuple[str, str]]) -> bool:
    """Whether a query is one WordPress's front controller answers (then ``index.php`` is
    an alias of ``/``)."""
    for key, value in items:
        name = key.lower()
        if name not in _WORDPRESS_KEYS or (name in _WORDPRESS_NUMERIC_KEYS
                                           and not value.isdigit()):
            return False
    return True


_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _percent_normalised(path: str) -> str:
    """RFC 3986 6.2.2: an escaped unreserved character is that character ("%7E" is "~",
    "%2e" a dot), any other escape keeps its meaning, in upper case ("%2f" is not a slash,
    "%25" stays a percent sign). Decoding once, never twice, keeps this idempotent."""
    def one(m: re.Match[str]) -> str:
        char = chr(int(m.group(1), 16))
        return char if char in _UNRESERVED else "%" + m.group(1).upper()
    return _PERCENT.sub(one, path)


def _without_dot_segments(path: str) -> str:
    """``.`` and ``..`` segments resolved as a browser does (RFC 3986 5.2.4), a trailing
    one leaving a trailing slash."""
    out: list[str] = []
    segments = path.split("/")
    for i, segment in enumerate(segments):
        last = i == len(segments) - 1
        if segment in (".", ".."):
            if segment == ".." and len(out) > 1:
                out.pop()
            if last:
                out.append("")
        else:
            out.append(segment)
    return "/".join(out) if out and out[0] == "" else "/" + "/".join(out)


def _normalise_path(path: str, index_alias: bool) -> str:
    path = re.sub(r"/{2,}", "/", _percent_normalised(_PATH_SESSION.sub("", path)))
    if "/." in path:
        path = _without_dot_segments(path)
    # anything a browser would escape (safe_url_string did already; kept for direct callers)
    path = quote(path, safe="/:@!$&'()*+,;=-._~%")
    if index_alias:
        path = _INDEX_FILES.sub("/", path)
    return path or "/"


@lru_cache(maxsize=16384)
def canonicalize_url(url: str) -> str:
    """The stored URL of a page served at ``url``; idempotent.

    Drops the fragment, tracking and session parameters and the default port, lowercases
    scheme and host, and drops a bare ``index.php``/``index.html`` (or one before a
    WordPress query); the path is otherwise kept as served, trailing slash included, and the
    query in the site's order.
    Cached: every page repeats the site's menu links, so most calls are repeats.

    >>> canonicalize_url("HTTP://Dukcapil.JambiKota.go.id:80/index.php?page_id=5&utm_source=fb#top")
    'http://dukcapil.jambikota.go.id/?page_id=5'
    >>> canonicalize_url("http://127.0.0.1:8713/layanan/pemadaman-kebakaran/")
    'http://127.0.0.1:8713/layanan/pemadaman-kebakaran/'
    """
    url = safe_url_string(url.strip())
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    netloc = host
    if parts.username or parts.password:
        netloc = f"{parts.username or ''}:{parts.password or ''}@{host}"
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        netloc = f"{netloc}:{port}"
    query_items = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_noise(k, v)
    ]
    query = urlencode(query_items, doseq=False, quote_via=quote, safe="/:@!$'()*,;~")
    path = _normalise_path(parts.path, _wordpress_query(query_items))
    return urlunsplit((scheme, netloc, path, query, ""))


@lru_cache(maxsize=16384)
def url_key(url: str) -> str:
    """The duplicate key of ``url``: its canonical form with the query sorted and a
    trailing slash ignored.

    Equal for every variant of one page; used to request each page once and to compare
    URLs (evaluation judgments, stored aliases), never as the URL stored or shown.

    >>> url_key("http://a.go.id/layanan/kk/") == url_key("http://a.go.id/layanan/kk")
    True
    """
    parts = urlsplit(canonicalize_url(url))
    path = parts.path
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    query = "&".join(sorted(parts.query.split("&"))) if parts.query else ""
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))


def slash_alias(url: str) -> str | None:
    """The same canonical URL with the trailing slash toggled: what a page stored before
    may be stored under (``None`` for the root and for file names such as ``x.html``)."""
    parts = urlsplit(url)
    if parts.path in ("", "/") or "." in parts.path.rstrip("/").rsplit("/", 1)[-1]:
        return None
    path = parts.path[:-1] if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def origin(url: str) -> str:
    """``scheme://host[:port]`` with default ports dropped: what "the same site" means here.

    Several sample OPD sites share 127.0.0.1 on different ports, and real deployments put
    different OPDs on one IP, so the port is part of a site's identity.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 address is written in brackets: ``http://[::1]:9001``
        host = f"[{host}]"
    port = parts.port
    if port is None or port == DEFAULT_PORTS.get(parts.scheme.lower()):
        return f"{parts.scheme.lower()}://{host}"
    return f"{parts.scheme.lower()}://{host}:{port}"


def portless(url: str) -> str:
    """``url`` without its port (and without user info): how the same page reads on whichever
    port a web is served, for an order between equals that does not change with the ports
    (the sample web's are free ones, new every run)."""
    parts = urlsplit(url)
    return parts._replace(netloc=parts.hostname or parts.netloc).geturl()


def host_port(url: str) -> tuple[str, int] | None:
    """``url``'s host and port, a default port (80, 443) as 0; None if it has no valid one."""
    parts = urlsplit(url)
    try:
        port = parts.port or DEFAULT_PORTS.get(parts.scheme, 80)
    except ValueError:
        return None
    host = (parts.hostname or "").lower().rstrip(".")
    return (host, 0 if port in DEFAULT_PORTS.values() else port) if host else None


def bare_host(host: str) -> str:
    """``host`` lowercased, without a trailing dot or ``www.``: one site either way."""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def same_site(a: str, b: str) -> bool:
    """Whether two URLs are on one site as the crawl's scope reads it: http and https
    (their default ports stand for each other) and ``www.host`` and ``host`` alike."""
    pa, pb = host_port(a), host_port(b)
    return pa is not None and pb is not None and (bare_host(pa[0]), pa[1]) == (
        bare_host(pb[0]), pb[1])


# a developer's host a theme built on a laptop keeps in its <base href>
_DEV_HOST = re.compile(r"^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1\]?|10\.\d+\.\d+\.\d+|"
                       r"192\.168\.\d+\.\d+|.+\.(localhost|local|test|invalid|lan))$")


def base_url(page_url: str, href: str | None) -> str:
    """What a page's relative links resolve against: its ``<base href>`` (``href``), unless
    that names a developer's host (``localhost:8080``, ``192.168.1.5``, ``opd.test``) the
    page was not served from. A theme built on a laptop and copied to the server keeps its
    base; resolved against it every relative link leaves the site, and the crawler, scoped
    to the site, would reach none of its pages (the paths exist on the site itself)."""
    if not href or not href.strip():
        return page_url
    try:
        base = urljoin(page_url, href.strip())
        host, served = urlsplit(base).hostname or "", urlsplit(page_url).hostname or ""
    except ValueError:
        return page_url
    if host != served and _DEV_HOST.match(host):
        return page_url
    return base


def doc_id(url: str) -> str:
    """Stable short id of a document, from its canonical URL (the index's primary key)."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]
