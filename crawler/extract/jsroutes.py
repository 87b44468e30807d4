"""What a script-drawn site's code says about its URLs: the endpoints it builds from a base
constant, and the page each JSON record is shown at.

Bundled single-page apps rarely call ``fetch('/api/v1/layanan')`` with one literal: they
keep the API's base in a constant and join paths to it (``var n="/api/v1"; ...
t(n+"/layanan")``). ``joined_strings`` folds such joins (a name assigned one string literal,
plus a literal, and nothing joined after it: ``n+"/layanan/"+id`` is a detail URL still
missing its id), and ``base_constants`` names the bases, which are not endpoints themselves.

A record read from JSON is shown by the app at a route its code builds from the record's
slug or id: ``href: "/layanan/" + e.attributes.slug`` (a path route, usually also in the
sitemap) or ``'<a href="#/layanan/' + e.slug + '">'`` (a hash route). ``route_templates``
finds these, ``record_page`` places a record: at the URL the site lists (sitemap or links)
whose last path part is the record's slug, preferring the one a route builds, else at the
route the code builds (a hash route keeps the page it is on: ``/#/layanan/<slug>``). A
record placed nowhere stays ``<page>#<slug>`` (``jsonlist.record_url``).

Builds write the same joins in other shapes, read here as the ``+`` form: Babel compiles a
template literal to ``"".concat(base, "/services/").concat(slug)`` (``desugar``), and an
HTTP client made with ``axios.create({baseURL: "/api/v1"})`` is called with paths alone
(``http.get("/layanan")``): ``client_joins`` joins them to the base. A join still missing its
last part under a data path (``base + "/layanan/" + id``, `` `/api/konten/${slug}` ``) is a
detail endpoint of each record of the list at that path (``detail_prefixes``).

Apps build a record's detail URL in other shapes too: a suffix after the key
(``"/data/layanan/" + id + ".json"``), a query parameter (`` `/api/v2/layanan-detail?slug=${
slug}` ``, axios's ``http.get("/layanan-detail", {params: {slug}})``), another path than the
list's. ``detail_templates`` reads them all as (prefix, record key, suffix); which one (if
any) completes a list's records is decided by asking it for one record
(``crawler.extract.jsonlist.detail_candidates``, the spider's probe).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit

from sikoja.urls import canonicalize_url, origin, url_key

MAX_DETAILS = 500  # detail endpoints (or a page's rows' detail URLs) read for one list
_IDENT = r"[A-Za-z_$][\w$]*"
_LITERAL = r"""(['"`])((?:\\.|(?!{q})[^\\\n]){{0,300}})(?:{q})"""
_ASSIGN = re.compile(r"(?:\b(?:var|let|const)\s+|[,;{(]\s*)(" + _IDENT + r")\s*=\s*"
                     + _LITERAL.format(q=r"\2"))
_JOIN = re.compile(r"(?<![\w$.])(" + _IDENT + r")\s*\+\s*" + _LITERAL.format(q=r"\2")
                   + r"(\s*\+)?")
_ROUTE = re.compile(_LITERAL.format(q=r"\1") + r"\s*\+\s*(" + _IDENT + r"(?:\.\s*" + _IDENT
                    + r"|\[\s*['\"]\w+['\"]\s*\])*)(\s*\+\s*['\"`]\.)?")
_ROUTE_KEYS = ("slug", "id")
# a route's path before the record's value: ``/layanan/``, ``#!/layanan/``, or a page and the
# query parameter it reads the record by (``detail-layanan.html?id=``, ``layanan.php?p=detail&id=``)
_ROUTE_PATH = re.compile(r"(?:#!?)?\.?/?[\w\-./~%]*/|\.?/?[\w\-./~%]*\.(?:html?|php|aspx?)"
                         r"\?(?:[\w\-]+=[\w\-]*&)*[\w\-]+=")
# a link a template draws with the record's value interpolated (AngularJS, Vue, Handlebars,
# Mustache): ``ng-href="#!/layanan/{{l.id_layanan}}"``, ``href="detail.html?id={{ id }}"``
_INTERPOLATED = re.compile(r"""\b(?:ng-)?href\s*=\s*(["'])([^"'{}<>\s]{0,200}?)\{\{\s*("""
                           + _IDENT + r"""(?:\s*\.\s*""" + _IDENT + r""")*)\s*\}\}\1""")
_DATA = re.compile(r"(^|/)(api|data|wp-json)/|\.json", re.IGNORECASE)
_TERM_EXPR = (r"(?:" + _IDENT + r"\s*\(\s*)?" + _IDENT + r"(?:\s*\.\s*" + _IDENT
              + r"|\[\s*['\"]\w+['\"]\s*\])*(?:\s*\))?")


_CONCAT = re.compile(_LITERAL.format(q=r"\1") + r"\.concat\(([^()]{0,300})\)")
_BASE_URL = re.compile(r"\bbaseURL\s*[:=]\s*" + _LITERAL.format(q=r"\1"))
# a path a client completes with a record's value (``+ id``, ``{params: {slug: t.slug}}``:
# a field of each record, asked per record); other parameters (``{params: {per_page:
# 50}}``), a literal value (``{params: {slug: "layanan-publik"}}``, one page asked for by
# name) or a plain name (``{params: {slug: e}}``, the slug of the route the app is on: its
# bare form is the list the route picks from, WordPress's ``/wp-json/wp/v2/pages``) leave
# it a URL of its own
_CLIENT_GET = re.compile(r"\.get\s*\(\s*" + _LITERAL.format(q=r"\1")
                         + r"(\s*\+|\s*,\s*\{\s*params\s*:\s*\{\s*(?:slug|id|uuid|kode)\s*:\s*"
                         + _IDENT + r"\s*(?:\.\s*" + _IDENT + r"|\[))?")
_TEMPLATE_TAIL = re.compile(r"`((?:\\.|[^`\\$\n]|\$(?!\{)){1,300})\$\{[^{}`]{1,80}\}`")


# a config module's API base, read by other modules as a property: ``e.a={baseURL:
# "/api/v1"}`` in one file, ``c["a"].baseURL+"/layanan"`` in an async chunk
_PROPERTY = re.compile(r"(?<![\w$.])(" + _IDENT + r")\s*:\s*" + _LITERAL.format(q=r"\2")
                       # or assigned to a member: axios's ``e.defaults.baseURL="/api/v1"``
                       + r"|(?<=\.)(" + _IDENT + r")\s*=(?!=)\s*" + _LITERAL.format(q=r"\5"))
# a base: a path, or an absolute URL (an API on another origin is often named by its origin
# alone, ``VITE_API_URL=https://api-distankp.jambikota.go.id``)
_PATH_BASE = re.compile(r"https?://[\w.\-:]+(?:/[\w\-./~%]*)?|/[\w\-./~%]*")
# a config object's folder relative to the page (``var CONFIG = {API_URL: 'api/'}``, an
# AngularJS or jQuery app's config.js): the browser resolves it against the page it runs on
RELATIVE_BASE = re.compile(r"(?:\./)?[\w\-]+(?:/[\w\-]+)*/")


def property_bases(codes: Iterable[str], page_url: str | None = None) -> dict[str, str]:
    """Object properties ``codes`` give one data path, across all of them (``baseURL:
    "/api/v1"``): a Vue CLI build keeps its config in one module and joins paths to it in
    the chunks of its views, so one script alone never names a whole endpoint."""
    return bases_of((file_properties(code) for code in codes), page_url)


def bases_of(properties: Iterable[Iterable[tuple[str, str]]],
             page_url: str | None = None) -> dict[str, str]:
    """:func:`property_bases` from each script's :func:`file_properties`, which a crawl
    keeps per script rather than reading every script again for each new one. With
    ``page_url``, an absolute base another organisation's host (a weather widget's
    ``axios.create({baseURL: "https://api.bmkg.go.id"})``, which ``api_origins`` refuses)
    is no base of the app's: it neither counts nor erases the app's own (``/api/v1``)."""
    seen: dict[str, set[str]] = {}
    for pairs in properties:
        for name, value in pairs:
            if page_url is None or _own_base(value, page_url):
                seen.setdefault(name, set()).add(value)
    return {name: next(iter(values)) for name, values in seen.items() if len(values) == 1}


def file_properties(code: str) -> frozenset[tuple[str, str]]:
    """(property, data path) pairs of one script, and ("baseURL", origin) for an HTTP
    client it makes with an absolute base that names no data path (``axios.create({baseURL:
    "https://api-x.jambikota.go.id"})``): the base of the app's other chunks' calls as a
    path base is (which origins are then asked: ``api_origins``)."""
    code = code[:2_000_000]
    found = ((m.group(1) or m.group(4), m.group(3) if m.group(1) else m.group(6))
             for m in _PROPERTY.finditer(code))
    pairs = {(name, value) for name, value in found
             if (_PATH_BASE.fullmatch(value) or RELATIVE_BASE.fullmatch(value))
             and _DATA.search(value.rstrip("/") + "/")}
    if "baseURL" in code:
        pairs |= {("baseURL", base) for base in client_bases(code)
                  if re.match(r"https?://", base) and _PATH_BASE.fullmatch(base)}
    return frozenset(pairs)


def with_bases(code: str, bases: Mapping[str, str]) -> str:
    """``code`` with each property of ``bases`` joined to a path (``c["a"].baseURL+"/x"``,
    `` `${Ee.VITE_API_URL}/x` ``) read as a constant of that value (``baseURL+"/x"``,
    ``var baseURL="/api/v1"``), for the readers below. ``code`` itself when it joins none."""
    if not bases:
        return code
    code = _with_client_base(code, bases.get("baseURL"))
    names = "|".join(map(re.escape, sorted(bases)))
    member = re.compile(r"(?<![\w$.])" + _IDENT + r"(?:\s*\.\s*" + _IDENT
                        + r"|\[\s*['\"]\w+['\"]\s*\])*\s*\.\s*(" + names
                        + r")(?=\s*(?:[+}]|\|\||\?\?))")
    done = member.sub(lambda m: m.group(1), code)
    if done == code:
        return code
    used = {m.group(1) for m in member.finditer(code)}
    return "".join(f'var {name}="{bases[name]}";\n' for name in sorted(used)) + done


def _with_client_base(code: str, base: str | None) -> str:
    """``code`` that calls an HTTP client's ``.get("/path")`` without making the client
    (a lazy view's chunk of an app whose main script set ``axios.defaults.baseURL``), read
    with the site's one ``baseURL`` as its client's base."""
    if not base or _BASE_URL.search(code) or _BASE_URL_NAME.search(code):
        return code
    # only a call on the app's client: an axios-like name (``this.$http``, ``api``), or
    # any client but jQuery in a module that imports another of the app's (a lazy view's
    # chunk imports its main script, which set the base) or in a webpack chunk; a page's
    # ``$.get("/kontak")`` asks its own server, not the API
    imports = _imports_app(code)
    if not any(m.group(2).startswith("/") and _app_client(code, m.start(), imports)
               for m in _CLIENT_GET.finditer(code)):
        return code
    return _SITE_CLIENT.format(base=base) + code


# what ``_with_client_base`` puts before a script read with the site-wide base
_SITE_CLIENT = 'var __client={{baseURL:"{base}"}};\n'


def _imports_app(code: str) -> bool:
    """Whether ``code`` is a module of its app: it imports another of the app's by path,
    or is a webpack chunk."""
    return bool(_RELATIVE_IMPORT.search(code) or _WEBPACK_CHUNK.search(code))


# a module importing one of its app's: ``import{n as e}from"./index-f754c022.js"``
_RELATIVE_IMPORT = re.compile(r"""\b(?:from|import)\s*\(?\s*['"]\.{1,2}/""")
# a webpack chunk, whose modules take the app's client by webpack's require (``var
# a=n("bc3a"),i=n.n(a); i.a.get("/layanan")``, as a Vue CLI build minifies axios)
_WEBPACK_CHUNK = re.compile(r"\bwebpack(?:Jsonp|Chunk[\w$]*)\b[^;]{0,80}\.push\s*\(")
# the object a ``.get(`` is called on, read backwards from the dot
_RECEIVER = re.compile(r"(" + _IDENT + r"(?:\s*\.\s*" + _IDENT + r")*)\s*$")
# names an HTTP client goes by: axios, Vue's ``$http``/``$axios``, ``api``, ``client``
_CLIENT_NAME = re.compile(r"(?i)^\$?(?:axios|https?|api|client|request|instance)\w*$")
_JQUERY = {"$", "jQuery"}


def _receiver(code: str, at: int) -> str:
    """The name chain ``.get`` is called on at ``at`` (``this.$http``), "" if none."""
    match = _RECEIVER.search(code[max(0, at - 80):at])
    return re.sub(r"\s+", "", match.group(1)) if match else ""


HELD_WINDOW = 2000  # characters before a call where the name it is made on is set
# the builtins holding keys and values, whose ``.get("/x")`` reads a key and asks no server:
# ``new Map``, ``new Set([...])``, ``new URLSearchParams(q)``, ``new window.Map``
_KEYED = re.compile(r"new\s+(?:(?:window|globalThis|self)\s*\.\s*)?"
                    r"(?:WeakMap|Map|WeakSet|Set|URLSearchParams|FormData|Headers)")
# a parameter list (``function(t,e,n){``, ``asyncData({$axios:e}){``, ``(e)=>``), the word
# before it, and a lone arrow parameter (``e=>``)
_PARAMS = re.compile(r"([\w$]*)\s*\(([^()]*)\)\s*(?:=>|\{)|(" + _IDENT + r")\s*=>")
_CONTROL = frozenset({"if", "for", "while", "switch", "with", "return", "typeof", "in", "of"})


def _constructed(code: str, at: int, chain: str) -> bool:
    """Whether the name chain a ``.get`` is called on at ``at`` was last set, a little
    before, to a key/value builtin (``const m=new Map``, ``this.cache=new Map()``) and not
    bound again since as a parameter (a minified bundle reuses ``e``): its ``.get("/x")``
    reads a key, it asks no server. Any other ``new`` may make a client
    (``c=new o.Z({baseURL:"/api"})``)."""
    if not chain:
        return False
    pattern = r"\s*\.\s*".join(map(re.escape, chain.split(".")))
    before = code[max(0, at - HELD_WINDOW):at]
    held = list(re.finditer(r"(?<![\w$.])" + pattern + r"\s*=(?!=)\s*(new\s+" + _IDENT
                            + r"(?:\s*\.\s*" + _IDENT + r")*|" + _IDENT + r")", before))
    if not held or not _KEYED.fullmatch(held[-1].group(1)):
        return False
    return "." in chain or not _rebound(before[held[-1].end():], chain)


def _rebound(code: str, name: str) -> bool:
    """Whether ``code`` binds ``name`` as a function's parameter (plain or destructured)."""
    token = re.compile(r"(?<![\w$.])" + re.escape(name) + r"(?![\w$])(?!\s*:)")
    for m in _PARAMS.finditer(code):
        if m.group(3) is not None:
            if m.group(3) == name:
                return True
            continue
        word = m.group(1) or (re.findall(r"([\w$]+)\s*$", code[max(0, m.start() - 16):m.start()])
                              or [""])[-1]
        if word not in _CONTROL and token.search(m.group(2)):
            return True
    return False


def _app_client(code: str, at: int, imports: bool) -> bool:
    """Whether the ``.get`` at ``at`` is called on the app's HTTP client: never jQuery's
    ``$.get``; an axios-like name; any other name in a module importing the app's own."""
    chain = _receiver(code, at)
    if not chain or chain in _JQUERY or _constructed(code, at, chain):
        return False
    if "." not in chain:  # a name holding the client: ``const o=this.$http;o.get(...)``,
        # set a little before the call (a bounded look back: a bundle has many calls)
        held = re.findall(r"(?<![\w$.])" + re.escape(chain) + r"\s*=\s*((?:this\s*\.\s*)?"
                          + _IDENT + r")\s*[,;\n]", code[max(0, at - HELD_WINDOW):at])
        if held:
            chain = re.sub(r"\s+", "", held[-1])
    if chain in _JQUERY:
        return False
    return bool(_CLIENT_NAME.match(chain.rsplit(".", 1)[-1])) or imports


# a template literal that starts with a value and goes on with a path: `${base}/layanan/${id}`
_TEMPLATE_JOIN = re.compile(r"`\$\{\s*" + _IDENT + r"(?:\s*\.\s*" + _IDENT
                            + r")*\s*\}[^`\\\n\"]{0,300}`")
_TEMPLATE_PART = re.compile(r"\$\{\s*(" + _IDENT + r"(?:\s*\.\s*" + _IDENT
                            + r")*)\s*\}|((?:[^$]|\$(?!\{))+)")


def _template_join(match: re.Match[str]) -> str:
    """`` `${base}/layanan/${t.slug}` `` as ``base+"/layanan/"+t.slug``; a literal holding
    anything but names and text between them stays as it is."""
    body = match.group(0)[1:-1]
    parts = _TEMPLATE_PART.findall(body)
    if "".join(f"${{{n}}}" if n else t for n, t in parts).replace(" ", "") != body.replace(
            " ", ""):
        return match.group(0)
    return "+".join(n if n else f'"{t}"' for n, t in parts)


def desugar(code: str) -> str:
    """``code`` with Babel's ``"a".concat(b, "c")`` written as ``"a"+b+"c"`` (chains too),
    and a template literal joining a path to a value (`` `${base}/layanan` ``, as Vite builds
    keep them) as ``base+"/layanan"``."""
    code = _TEMPLATE_JOIN.sub(_template_join, code)
    for _ in range(4):  # "".concat(base, "/x/").concat(id): one chain link per pass
        done = _CONCAT.sub(lambda m: "+".join([m.group(0)[:len(m.group(2)) + 2]]
                                              + [a.strip() for a in m.group(3).split(",")]),
                           code)
        if done == code:
            break
        code = done
    return code


# a client made with a base held in a name: ``x=(O.API_BASE_URL||"/api").replace(...)``
# then ``axios.create({baseURL: x})``
_BASE_URL_NAME = re.compile(r"\bbaseURL\s*[:=]\s*(" + _IDENT + r")(?=\s*[,}])")
# what such a name is assigned: a name or member (a runtime config's property, read as a
# constant once ``with_bases`` has joined the site's bases), a literal, and the literal it
# falls back to (``||``, ``??``)
_BASE_VALUE = (r"\s*=\s*\(*\s*(?:(" + _IDENT + r"(?:\s*\.\s*" + _IDENT + r")*)|"
               + _LITERAL.format(q=r"\2") + r")(?:\s*(?:\|\||\?\?)\s*"
               + _LITERAL.format(q=r"\4") + r")?")


def client_bases(code: str) -> set[str]:
    """The ``baseURL`` an HTTP client of ``code`` is made with (axios and the like): a
    literal, or a name assigned one (``baseURL: x``), read as ``_named_base`` does."""
    found = {m.group(2) for m in _BASE_URL.finditer(code) if "${" not in m.group(2)}
    # a bundle making a client per module names its base a hundred times: a few tell it
    for match in itertools.islice(_BASE_URL_NAME.finditer(code), MAX_NAMED_BASES):
        value = _named_base(code, match.group(1), match.start())
        if value:
            found.add(value)
    return found


MAX_NAMED_BASES = 20


@lru_cache(maxsize=8)
def _constants_of(code: str) -> Mapping[str, str]:
    """``constants`` of ``code`` as it is, read once per script: ``_named_base`` asks it
    for each client, ``_read`` once (``constants_of`` is ``_read``'s, which asks
    ``client_bases`` in turn)."""
    return MappingProxyType(constants(code))


def _named_base(code: str, name: str, before: int) -> str | None:
    """The base URL ``name`` holds where a client is made with it at ``before``: its last
    assignment before that (a minifier reuses a short name in other scopes), read as the
    constant or property it copies (a runtime ``env.js``'s ``API_BASE_URL``, whose value
    the deployment writes), else the literal it falls back to when that is not set
    (``O.API_BASE_URL || "/api"``). None for anything else (a call, a sum)."""
    assign = re.compile(r"(?:\b(?:var|let|const)\s+|[,;{(]\s*)" + re.escape(name)
                        + _BASE_VALUE)
    found = list(assign.finditer(code, max(0, before - 20_000), before))
    if not found:
        return None
    last = found[-1]
    copied, literal, fallback = last.group(1), last.group(3), last.group(5)
    value = literal
    if copied:
        value = _constants_of(code).get(re.split(r"\s*\.\s*", copied)[-1]) or fallback
    if value and "${" not in value and _PATH_BASE.fullmatch(value):
        return value
    return None


# a client's ``.get`` of a path joined to a constant (`` http.get(`${WP}/layanan`) ``,
# desugared ``http.get(WP+"/layanan")``): the constant holds the path under the base
_CLIENT_GET_JOINED = re.compile(r"\.get\s*\(\s*(" + _IDENT + r")\s*\+\s*"
                                + _LITERAL.format(q=r"\2") + r"(\s*\+)?")


def client_joins(code: str) -> list[tuple[str, bool]]:
    """(base + path, whether more is joined after) of the paths ``code`` passes to a client's
    ``.get`` when the client has one base URL: ``http.get("/layanan/" + id)``, and
    ``http.get(WP + "/layanan")`` where ``WP`` holds one path (``"/wp-json/wp/v2"``)."""
    bases = client_bases(code)
    if len(bases) != 1:
        return []
    base = next(iter(bases)).rstrip("/")
    # a script read with the site-wide base joins it to calls on the app's client only,
    # one making its own client to any call but on an object it built (``new Map``)
    site_wide = _SITE_CLIENT.format(base=base) in code
    imports = site_wide and _imports_app(code)
    out = []
    for m in _CLIENT_GET.finditer(code):
        path, more = m.group(2), bool(m.group(3))
        # jQuery asks its page's server, a Map holds keys (``_app_client`` checks both)
        if site_wide:
            if not _app_client(code, m.start(), imports):
                continue
        elif (chain := _receiver(code, m.start())) in _JQUERY or _constructed(
                code, m.start(), chain):
            continue
        if "${" in path:  # `/layanan/${t}`: a path completed with one value at its end
            head, _, tail = path.partition("${")
            if "${" in tail or not tail.endswith("}") or "}" in tail[:-1]:
                continue
            path, more = head, True
        if path.startswith("/") and not path.startswith(base + "/"):
            out.append((base + path, more))
    known = _constants_of(code)
    for m in _CLIENT_GET_JOINED.finditer(code):
        head = known.get(m.group(1))
        if head is None or not head.startswith("/") or "${" in m.group(3):
            continue
        if (chain := _receiver(code, m.start())) in _JQUERY or _constructed(
                code, m.start(), chain):
            continue
        if site_wide and not _app_client(code, m.start(), imports):
            continue
        # the constant may be the base itself (``http.get(baseURL + "/layanan")``)
        under = head.rstrip("/") == base or head.startswith(base + "/")
        out.append(((head if under else base + head).rstrip("/") + m.group(3),
                    bool(m.group(4))))
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1)
def _suffixes() -> Any:
    """The Public Suffix List as tldextract (a dependency of Scrapy's) bundles it: read from
    its package, never fetched, its private suffixes (``web.app``, ``github.io``) included."""
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None,
                                 include_psl_private_domains=True)


@lru_cache(maxsize=1024)
def registrable(host: str) -> str:
    """The domain a host is registered under, by the Public Suffix List: ``jambikota.go.id``
    of ``api-distankp.jambikota.go.id``, ``bmkg.go.id`` of ``api.bmkg.go.id``, and under a
    private suffix each customer's own (``a.web.app`` is not ``b.web.app``'s); under a TLD
    it does not list, the last two labels (its default rule); an IP address or a bare name
    (``localhost``) is itself."""
    host = host.lower().rstrip(".")
    if re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host):
        return host
    parts = _suffixes()(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    # a TLD the list does not name (``.internal``, ``.lan``): its default rule ``*`` makes
    # the last label the suffix, the last two the domain (``dinas.internal``)
    return ".".join(host.split(".")[-2:])


def _own_base(base: str, page_url: str) -> bool:
    """Whether ``base`` (a path, or an absolute URL) may be the base of ``page_url``'s app:
    a path, its own origin, or an origin ``api_origins`` would take."""
    if not re.match(r"https?://", base):
        return True
    return origin(base) == origin(page_url) or _same_domain(base, page_url)


def _same_domain(url: str, page_url: str) -> bool:
    """Whether ``url`` has a host, registered under ``page_url``'s domain (``registrable``)."""
    host = urlsplit(url).hostname or ""
    return bool(host) and registrable(host) == registrable(urlsplit(page_url).hostname or "")


def api_origins(code: str, page_url: str) -> set[str]:
    """The origins other than the page's that the app's code makes its HTTP client with
    (``axios.create({baseURL: API_URL})``, ``defaults.baseURL``, a runtime config's base):
    an app's API on another origin, ``https://api-distankp.jambikota.go.id`` beside
    ``https://distankp.jambikota.go.id``. Only an origin on the page's own host (another
    port) or under the same registrable domain counts: a URL the code merely fetches
    (BMKG's forecast, a map's tiles, analytics, a CDN) is no base of its client, and a
    client made for another organisation's host (``api.bmkg.go.id``) is not the site's."""
    here = origin(page_url)
    return {origin(base) for base in client_bases(_read(code)[0])
            if re.match(r"https?://", base) and origin(base) != here
            and _same_domain(base, page_url)}


def constants(code: str) -> dict[str, str]:
    """Names assigned a string literal exactly once in ``code`` (template strings with
    ``${...}`` aside)."""
    seen: dict[str, list[str]] = {}
    for match in _ASSIGN.finditer(code):
        seen.setdefault(match.group(1), []).append(match.group(3))
    return {name: values[0] for name, values in seen.items()
            if len(values) == 1 and "${" not in values[0]}


def _joins(code: str) -> list[tuple[str, str, bool]]:
    """(name, literal joined to it, whether more is joined after) of ``name + "..."``."""
    return [(m.group(1), m.group(3), bool(m.group(4))) for m in _JOIN.finditer(code)
            if "${" not in m.group(3)]


@lru_cache(maxsize=8)
def _read(code: str) -> tuple[str, Mapping[str, str], tuple[tuple[str, str, bool], ...],
                              tuple[tuple[str, bool], ...]]:
    """``code`` read once: desugared, its constants, its joins and its client's joins. The
    functions below all ask this of one script, and are asked again for every page that
    waits on it (desugaring a 600 KB bundle alone takes 0.15 s of the crawl's one thread)."""
    code = desugar(code)
    return (code, _constants_of(code), tuple(_joins(code)),
            tuple(client_joins(code)))


def constants_of(code: str) -> Mapping[str, str]:
    """``constants`` of ``code`` desugared, read once per script (``_read``)."""
    return _read(code)[1]


def joined_strings(code: str) -> list[str]:
    """The complete strings ``code`` builds by joining a literal to a string constant or to
    its HTTP client's base URL."""
    _code, known, joins, clients = _read(code)
    joined = [known[name] + literal for name, literal, more in joins
              if name in known and not more]
    return list(dict.fromkeys(joined + [url for url, more in clients if not more]))


def base_constants(code: str) -> set[str]:
    """Values of the constants ``code`` joins paths to, and its clients' base URLs: bases,
    not URLs of their own. A constant only ever completed with a record's id
    (``API + "/" + id``) is a collection's URL, loaded as such (``http.get(API)``)."""
    code, known, joins, _clients = _read(code)
    by_name: dict[str, set[tuple[str, bool]]] = {}
    for name, literal, more in joins:
        if name in known:
            by_name.setdefault(name, set()).add((literal, more))
    return {known[name] for name, found in by_name.items() if found != {("/", True)}} | (
        client_bases(code))


def detail_prefixes(code: str) -> list[str]:
    """Data paths ``code`` completes with a record's id or slug: ``"/api/v1/layanan/"`` of
    ``n + "/layanan/" + e.id``, ``http.get("/layanan/" + id)`` under a client's base, or
    `` `/api/konten/${slug}` ``."""
    code, known, joins, clients = _read(code)
    found = [known[name] + literal for name, literal, more in joins if name in known and more]
    found += [url for url, more in clients if more]
    found += [m.group(1) for m in _TEMPLATE_TAIL.finditer(code)]
    return list(dict.fromkeys(p for p in found if p.endswith("/") and _DATA.search(p)
                              and " " not in p))


# a literal something is joined after (``"/x/" + ``): where a detail URL's value is joined
# (its literal is found backwards from the quote, its base's name before it); only quotes
# followed by "+" are looked at, not every literal of a 2 MB bundle
_QUOTE_JOINED = re.compile(r"""(['"`])\s*\+\s*""")
# a value and maybe a suffix completing a data path: ``[base +] "/x/" + e.id [+ ".json"]``
# (a template literal of names only reads so once desugared)
_VALUE_TAIL = re.compile("(" + _TERM_EXPR + r")(?:\s*\+\s*(['\"])([\w\-.~/]{1,40})\2)?")
# a template literal whose last value completes a data path: `/data/${id}.json`,
# `${base}/detail?slug=${encodeURIComponent(t.slug)}`
_TEMPLATE_VALUE = re.compile(r"`((?:[^`\\$\n]|\$(?!\{)|\$\{\s*" + _IDENT
                             + r"\s*\}){1,300})\$\{([^{}`\n]{1,80})\}([\w\-.~/]{0,40})`")
# a client's GET of a path with one query parameter: ``http.get("/x", {params: {slug: t.slug}})``
_CLIENT_PARAMS = re.compile(r"\.get\s*\(\s*" + _LITERAL.format(q=r"\1")
                            + r"\s*,\s*\{\s*params\s*:\s*\{\s*(" + _IDENT
                            + r")\s*(?::\s*([^{}(),]{1,80}|\w+\([^{}()]{1,80}\)))?\s*\}")
# a query string of one record value: ``"/x?" + new URLSearchParams({slug: t.slug})``,
# `` `${B}/x?${new URLSearchParams({id})}` ``
_PARAMS_OBJECT = (r"new\s+URLSearchParams\s*\(\s*\{\s*(" + _IDENT
                  + r")\s*(?::\s*([^{}(),]{1,80}|\w+\([^{}()]{1,80}\)))?\s*\}\s*\)")
_PARAMS_TAIL = re.compile(_PARAMS_OBJECT)
_SEARCH_TEMPLATE = re.compile(r"`((?:[^`\\$\n]|\$\{\s*" + _IDENT + r"\s*\}){1,300}\?)\$\{\s*"
                              + _PARAMS_OBJECT + r"\s*\}`")
_DETAIL_KEYS = ("slug", "id", "uuid", "kode", "code")
_WRAPPERS = {"encodeURIComponent", "encodeURI", "String", "escape"}


def _value_key(expr: str) -> str:
    """The record key an expression completing a URL reads: ``e.slug`` "slug",
    ``encodeURIComponent(t.id)`` "id"; "" for one it does not name (``n``, ``this.x``)."""
    names = [n for n in re.findall(r"[A-Za-z_$][\w$]*", expr) if n not in _WRAPPERS]
    last = names[-1].lower() if names else ""
    return last if last in _DETAIL_KEYS else ""


def name_before(code: str, start: int) -> str | None:
    """The name ``code`` joins onto what starts at ``start`` (``B`` of ``B + "/x"``): ""
    when something else is (a call, a member ``a.b``, a literal), None when nothing is.
    Read backwards by hand: a regex over a window before each of a bundle's literals cost
    seconds."""
    i = start - 1
    while i >= 0 and code[i] in " \t\r\n":
        i -= 1
    if i < 0 or code[i] != "+" or (i > 0 and code[i - 1] == "+"):
        return None
    i -= 1
    while i >= 0 and code[i] in " \t\r\n":
        i -= 1
    end = i + 1
    while i >= 0 and (code[i].isalnum() or code[i] in "_$"):
        i -= 1
    name = code[i + 1:end]
    if not name or name[0].isdigit() or (i >= 0 and code[i] == "."):
        return ""
    return name


def _joined_after(code: str) -> Iterator[tuple[str | None, str, int]]:
    """(name joined before, literal, where what is joined after it starts) of each literal
    of ``code`` that something is joined after: one pass over the quotes followed by "+"."""
    for match in _QUOTE_JOINED.finditer(code):
        quote_char, close = match.group(1), match.start()
        start = code.rfind(quote_char, max(0, close - 301), close)
        if start < 0 or "\n" in code[start:close] or "\\" in code[start:close]:
            continue  # not a literal this reads (an escape, an opening quote)
        yield name_before(code, start), code[start + 1:close], match.end()


def _not_detail(prefix: str) -> bool:
    """Whether a template's query parameter pages, searches, sorts or limits a list
    (``?page=${n}``, ``"?q=" + k``): not a record's detail, whatever value it is given."""
    query = urlsplit(prefix).query
    param = query.rsplit("&", 1)[-1].removesuffix("=").lower() if prefix.endswith("=") else ""
    return param in _LIST_PARAMS


_LIST_PARAMS = frozenset((
    "page", "p", "pg", "halaman", "per_page", "perpage", "page_size", "pagesize", "size",
    "limit", "offset", "start", "skip", "take", "count", "rows", "length", "q", "query",
    "search", "s", "cari", "keyword", "keywords", "kata", "kata_kunci", "katakunci", "term",
    "filter", "sort", "sort_by", "sortby", "order", "order_by", "orderby", "dir", "direction",
    "_page", "_limit", "_sort", "_order"))


def detail_templates(code: str) -> list[tuple[str, str, str]]:
    """(prefix, record key, suffix) of the data URLs ``code`` builds from a record's value:
    ``("/data/layanan/", "id", ".json")`` of ``A + "/layanan/" + e.id + ".json"``,
    ``("/api/v2/layanan-detail?slug=", "slug", "")`` of a template literal, of a client's
    ``get("/layanan-detail", {params: {slug: t.slug}})`` under its ``baseURL`` or of
    ``"/layanan-detail?" + new URLSearchParams({slug})``, and every ``detail_prefixes``
    prefix (key ""). The key is "" when the code names none
    (a bare parameter ``id`` names "id"). Only data paths (``_DATA``) ending in "/" or "="
    count; the suffix is a path or an extension, not markup (``'">'``)."""
    return list(_detail_templates(code))


@lru_cache(maxsize=8)
def _detail_templates(code: str) -> tuple[tuple[str, str, str], ...]:
    read, known, _joins, _clients = _read(code)
    out = [(p, "", "") for p in detail_prefixes(code)]
    for name, literal, after in _joined_after(read):
        if name and name not in known:
            continue
        head = (known[name] if name else "") + literal
        if literal.endswith("?"):  # "/x?" + new URLSearchParams({slug: t.slug})
            m = _PARAMS_TAIL.match(read, after)
            param, expr = (m.group(1), m.group(2) or m.group(1)) if m else ("", "")
            key = _value_key(expr) or _value_key(param)
            if key:
                out.append((head + f"{param}=", key, ""))
        elif literal.endswith(("/", "=")):
            m = _VALUE_TAIL.match(read, after)
            if m:
                out.append((head, _value_key(m.group(1)), m.group(3) or ""))
    for m in _TEMPLATE_VALUE.finditer(read):
        head = re.sub(r"\$\{\s*(" + _IDENT + r")\s*\}",
                      lambda g: known.get(g.group(1), "${"), m.group(1))
        out.append((head, _value_key(m.group(2)), m.group(3)))
    for m in _SEARCH_TEMPLATE.finditer(read):
        head = re.sub(r"\$\{\s*(" + _IDENT + r")\s*\}",
                      lambda g: known.get(g.group(1), "${"), m.group(1))
        key = _value_key(m.group(3) or m.group(2)) or _value_key(m.group(2))
        if key:
            out.append((head + f"{m.group(2)}=", key, ""))
    bases = client_bases(read)
    if len(bases) == 1:
        base = next(iter(bases)).rstrip("/")
        for m in _CLIENT_PARAMS.finditer(read):
            path, param, expr = m.group(2), m.group(3), m.group(4) or m.group(3)
            key = _value_key(expr) or _value_key(param)
            if key and path.startswith("/") and "?" not in path:
                out.append((base + path + f"?{param}=", key, ""))
    found = list(dict.fromkeys(
        (prefix, key, suffix) for prefix, key, suffix in out
        if prefix.endswith(("/", "=")) and _DATA.search(prefix) and not re.search(
            r"[\s<>\"'`]|\$\{", prefix) and not _not_detail(prefix)))
    # a prefix read with its key or suffix is that template, not also a bare one
    said = {prefix for prefix, key, suffix in found if key or suffix}
    return tuple(t for t in found if t[1] or t[2] or t[0] not in said)


_HASH_ROUTER = re.compile(r"""\bmode\s*:\s*['"]hash['"]|\bcreateWebHashHistory\b|"""
                          r"""\bHashRouter\b|\buseHash\s*:\s*(?:true|!0)\b""")
# vue-router 4's createWebHashHistory as a bundler minifies it (its name gone): the history
# whose base is the page's path plus "#" (``function ed(e){return e=location.host?e||
# location.pathname+location.search:"",e.includes("#")||(e+="#"),Zf(e)}``), which the
# router is then made with (``history:ed()``)
_HASH_HISTORY = re.compile(r"function\s+(" + _IDENT + r")\s*\(\s*(" + _IDENT
                           + r")\s*\)\s*\{\s*return\s+\2\s*=\s*location\.host\s*\?"
                           r"[^;{}]{0,120}\.includes\(\s*['\"]#['\"]\s*\)")


# a router's catch-all route: vue-router 3's ``*``, 4's ``/:pathMatch(.*)*``, Angular's
# ``**``, React Router's ``*``
_CATCH_ALL = re.compile(r"""\bpath\s*:\s*(['"`])(?:/?\*{1,2}|/?:\w+\(\.\*\)\*?)\1""")


def not_found_view(code: str) -> bool:
    """Whether the app's route table ends in a catch-all that shows a view of its own (a
    "not found" page: ``{path: "/:pathMatch(.*)*", component: NotFound}``), not one that
    redirects home (``{path: "*", redirect: "/"}``, Angular's ``redirectTo``, React
    Router's ``Navigate``): a URL no route names is then no place of any record."""
    for match in _CATCH_ALL.finditer(code):
        start = code.rfind("{", max(0, match.start() - 300), match.start())
        end = code.find("}", match.end(), match.end() + 300)
        route = code[max(start, 0):end if end >= 0 else match.end() + 300]
        if re.search(r"\b(?:component|element|loadComponent|loadChildren)\b", route) and (
                not re.search(r"redirect|Navigate", route)):
            return True
    return False


def hash_routed(code: str) -> bool:
    """Whether the app of ``code`` routes in the URL's fragment (``/#/layanan/x``)."""
    if _HASH_ROUTER.search(code):
        return True
    return any(re.search(r"\bhistory\s*:\s*" + re.escape(m.group(1)) + r"\s*\(", code)
               for m in _HASH_HISTORY.finditer(code))


# a route of a router's table whose last part is a record's slug or id: vue-router's and
# React Router's ``path: "/layanan/:slug"``, ``<Route path="/berita/:id">``
# (``/layanan/:kategori/:slug``: the parts before the last are filled from the record's
# values of those names, ``record_page``)
_ROUTE_TABLE = re.compile(r"""\bpath\s*[:=]\s*\{?\s*(['"`])(/(?:(?:[\w\-.~%]+|:\w+)/)+)"""
                          r""":(slug|id)\1""")
_PARAM = re.compile(r"(?<=/):(\w+)(?=/)")


def route_templates(code: str) -> list[tuple[str, str]]:
    """(route prefix, record key) of the links ``code`` builds from a record's slug or id:
    ``("/layanan/", "slug")``, ``("#/layanan/", "slug")``. API paths and file names
    (``"/img/" + e.slug + ".png"``) are not routes. In an app whose router works in hash mode
    (vue-router's ``mode: "hash"``/``createWebHashHistory``, React's ``HashRouter``,
    Angular's ``useHash``), ``router.push("/layanan/" + id)`` is the hash route
    ``#/layanan/<id>``; so is a share link's ``location.origin + "/#/layanan/" + id``. The
    router's table names its routes too (``{path: "/layanan/:slug"}``): an app that builds
    its links from another value (``"/" + kategori + "/" + e.slug``) is still placed.
    Puskesmas Kebun Kopi's records were all stored at ``/#<slug>`` before."""
    hashed = hash_routed(code)
    out: list[tuple[str, str]] = []
    read = _read(code)[0]
    # (a page's query read by the record's value is a route only as the literal it starts
    # with: ``base + "api.php?act=detail&id=" + id`` is the data the route loads)
    built = [(m.group(2), m.group(3), m.group(4)) for m in _ROUTE.finditer(read)
             if "?" not in m.group(2) or not name_before(read, m.start())]
    built += [(m.group(2), m.group(3), None) for m in _INTERPOLATED.finditer(code)]
    for literal, expr, extension in built:
        key = route_key(re.split(r"[.\[\]'\"\s]+", expr.strip("]'\" "))[-1])
        if not key or extension:
            continue
        tail = re.split(r"href\s*=\s*[\"']?", literal)[-1] if "href" in literal else literal
        tail = tail[1:] if tail.startswith(("/#/", "/#!/")) else tail  # origin + "/#/x/" + id
        if not _ROUTE_PATH.fullmatch(tail) or _DATA.search(tail) or tail in ("/", "#/", "#!/"):
            continue
        out.append(("#" + tail if hashed and tail.startswith("/") else tail, key))
    # then the router's own table ("/layanan/:slug"): a link built from the record comes
    # first, as it says which of the routes a record of each category goes to
    for match in _ROUTE_TABLE.finditer(code):
        tail = match.group(2)
        if not _DATA.search(tail) and _route_word(tail):
            out.append(("#" + tail if hashed else tail, match.group(3)))
    return list(dict.fromkeys(out))


def route_key(name: str) -> str:
    """The record key a route is built from: ``slug``/``id``, or as Indonesian tables name
    them ``id_<x>``/``<x>_id``/``slug_<x>`` (``id_layanan``), kept as written: a record fills
    it only when that is its own id (``jsonlist.own_route_values``), never a related record's
    (``kategori_id``). "" for any other name."""
    lowered = name.lower()
    if lowered in _ROUTE_KEYS:
        return lowered
    if re.fullmatch(r"(?:id|slug)_\w+|\w+_id", lowered):
        return name
    return ""


def last_segment(url: str) -> str:
    """The last part of a URL's path, decoded and lowercased ("" for a site root)."""
    return unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]).lower()


def _route_word(prefix: str) -> str:
    """The last named part of a route (``layanan`` of ``/layanan/:kategori/``)."""
    parts = [p for p in prefix.strip("#!/").split("/") if not p.startswith(":")]
    return parts[-1].lower() if parts else ""


def route_params(prefix: str) -> list[str]:
    """The names of the parts of a route filled from a record (``kategori`` of
    ``/layanan/:kategori/``)."""
    return _PARAM.findall(prefix)


def _filled(prefix: str, values: Mapping[str, str]) -> str | None:
    """``prefix`` with each ``:name`` part given the record's value of that name, None when
    the record has none fit for a URL."""
    missing = False

    def value(match: re.Match[str]) -> str:
        nonlocal missing
        found = str(values.get(match.group(1)) or "").strip()
        missing = missing or not found or "/" in found
        return quote(found)

    filled = _PARAM.sub(value, prefix)
    return None if missing else filled


def routes_for(endpoint_url: str, routes: Sequence[tuple[str, str]],
               endpoint_urls: Iterable[str]) -> list[tuple[str, str]]:
    """The routes that may show the records of ``endpoint_url``: a route named as one of the
    app's endpoints (``#/layanan/`` and ``/api/v1/layanan``) shows that endpoint's records
    only, not the ids of its announcements (``/api/v1/pengumuman``)."""
    own = _list_name(endpoint_url)
    mine = _path_names(endpoint_url)
    path = _list_path(endpoint_url)
    # the other lists (a list's own detail URLs, its path and more, are not another list:
    # ``/data/layanan/7.json`` of ``/data/layanan.json``)
    others = {u for u in endpoint_urls if url_key(u) != url_key(endpoint_url)
              and _list_path(u) != path and not _list_path(u).startswith(path + "/")}
    names = {_list_name(u) for u in endpoint_urls}
    # the words of the other lists' paths: one names that list's route (``/#/puskeswan/:id``
    # shows ``/api/v1/puskeswan/layanan``, not WordPress's ``/wp/v2/jenis_layanan``)
    others_words = set().union(*(_path_names(u) for u in others))
    named = names | {w for n in names for w in _SAME_WORDS.get(n, ())} | (others_words - mine)
    own_words = {own, *_SAME_WORDS.get(own, ())}
    found = [r for r in routes
             if _route_word(r[0]) in own_words or _route_word(r[0]) not in named]
    # first a route named by a word of this list's path that no other list's path has (the
    # Puskeswan's ``/api/v1/puskeswan/layanan`` beside WordPress's ``/wp/v2/layanan``), then
    # one named as the list (``pages`` and ``/#/halaman/:slug``), then the rest
    unique = mine - others_words
    return sorted(found, key=lambda r: (_route_word(r[0]) not in unique,
                                        _route_word(r[0]) not in own_words))


# an API's English name for its list and the words an Indonesian app routes it under
_SAME_WORDS = {
    "pages": ("halaman", "page"), "page": ("halaman",), "posts": ("berita", "artikel", "post"),
    "post": ("berita", "artikel"), "news": ("berita",), "articles": ("artikel", "berita"),
    "services": ("layanan",), "service": ("layanan",), "announcements": ("pengumuman",),
    "events": ("agenda", "kegiatan"), "downloads": ("unduhan",),
}
# path parts that name no list: an API's prefix and version
_GENERIC_PARTS = frozenset({"api", "apis", "wp-json", "wp", "json", "data", "rest", "public",
                            "index.php", "v1", "v2", "v3", "v4", "latest"})


def _list_path(url: str) -> str:
    """``url``'s path without its last "/" or a data file's extension (``/data/layanan``)."""
    return re.sub(r"\.json$", "", urlsplit(url).path.rstrip("/"), flags=re.IGNORECASE)


def _list_name(url: str) -> str:
    """The last part of ``url``'s ``_list_path``, decoded and lowercased (``layanan`` of
    ``/data/layanan.json`` and of ``/api/layanan/``)."""
    return unquote(_list_path(url).rsplit("/", 1)[-1]).lower()


def _path_names(url: str) -> set[str]:
    """The parts of ``url``'s path that may name a list (``puskeswan``, ``layanan`` of
    ``/api/v1/puskeswan/layanan``), lowercased, a data file's without its extension."""
    return {unquote(p).lower() for p in _list_path(url).split("/")
            if p and unquote(p).lower() not in _GENERIC_PARTS and not p.isdigit()}


def record_page(values: Mapping[str, str], page_url: str, routes: Sequence[tuple[str, str]],
                listed: Mapping[str, set[str]], words: frozenset[str] = frozenset()) -> str | None:
    """The URL the site shows a record at (see the module docstring), or None.

    ``values``: the record's slug and id; ``listed``: the site's URLs by ``last_segment``;
    ``words``: the record's short values (its category): of several routes, one named by
    them comes first (``kategori: "berita"`` goes to ``/berita/<slug>``, not ``/layanan/``).
    """
    page = canonicalize_url(page_url)
    routed: list[str] = []
    routes = sorted(routes, key=lambda r: _route_word(r[0]) not in words)
    for prefix, key in routes:
        value = str(values.get(key) or "").strip()
        if not value or "/" in value:
            continue
        filled = _filled(prefix, values)  # ``prefix`` itself when it has no ``:name`` part
        if filled is None:
            continue
        if filled.startswith("#"):
            routed.append(f"{page}{filled}{quote(value)}")
        else:
            routed.append(canonicalize_url(urljoin(page_url, filled + quote(value))))
    slug = str(values.get("slug") or "").strip().lower()
    named = sorted(listed.get(slug, ())) if slug else []
    for url in routed:
        match = [u for u in named if url_key(u) == url_key(url)]
        if match:
            return match[0]
    if len(named) == 1:
        return named[0]
    return routed[0] if routed else None


_TERM = r"(?:" + _IDENT + r"(?:\s*\.\s*" + _IDENT + r"|\[\s*['\"]\w+['\"]\s*\])*|" \
    + r"""'(?:\\.|[^'\\\n]){0,300}'|"(?:\\.|[^"\\\n]){0,300}")"""
_LOAD = re.compile(r"(?:\$\s*\.\s*(?:get|getJSON|ajax)|\.\s*load|\bfetch|\baxios\s*\.\s*get)"
                   r"\s*\(\s*(?:\{[^{}]{0,300}?\burl\s*:\s*)?(" + _TERM + r"(?:\s*\+\s*"
                   + _TERM + r"){0,5})")
_LOAD_TEMPLATE = re.compile(r"(?:\$\s*\.\s*(?:get|getJSON|ajax)|\.\s*load|\bfetch|\baxios\s*\.\s*"
                            r"get)\s*\(\s*(?:\{[^{}]{0,300}?\burl\s*:\s*)?`([^`$]{0,300}"
                            r"(?:\$\{[^{}`]{1,80}\}[^`$]{0,300}){1,2})`")
_POSTED = re.compile(r"""^[^;]{0,300}?\b(?:type|method)\s*:\s*['"]post['"]""", re.IGNORECASE)
_BASE_NAME = re.compile(r"^(?:base|site)_?url$", re.IGNORECASE)


def _key_of(expr: str) -> str:
    """The record key an expression reads (``row.id``, ``data['slug']``); "id" for one it
    does not name (``$(this).data('id')``, a bare parameter is its own name)."""
    key = re.split(r"[.\[\]'\"\s]+", expr.strip("]'\" "))[-1]
    return key if re.fullmatch(r"[A-Za-z_]\w*", key) else "id"


def loaded_templates(code: str, outer: Mapping[str, str] | None = None
                     ) -> list[tuple[str, str]]:
    """(URL prefix, record key) of the detail URLs ``code`` loads with a GET, the prefix
    completed by a row's id or slug: ``$.get(base_url + '/layanan/detail/' + id)``,
    ``$.ajax({url: "<site_url>layanan/get/" + row.id})``, ``fetch(`/api/layanan/${id}`)``,
    ``$('#m .modal-body').load(...)``. A constant is read as its one literal; a base URL no
    literal names here (``base_url``, set in another script) is the site's root (``/``). A
    request sent as POST is not a URL that shows the details. ``outer``: the constants of
    the page ``code`` is a part of, read once for all its parts (``handler_templates``)."""
    code, known, _joins, _clients = _read(code)
    if outer:
        known = {**outer, **known}
    out: list[tuple[str, str]] = []
    for match in _LOAD.finditer(code):
        terms = [t.strip() for t in re.split(r"\s*\+\s*(?=(?:[A-Za-z_$'\"]))", match.group(1))]
        if len(terms) < 2 or terms[-1][0] in "'\"" or _POSTED.match(code[match.end():]):
            continue
        parts = []
        for term in terms[:-1]:
            if term[0] in "'\"":
                parts.append(term[1:-1])
            elif term in known:
                parts.append(known[term])
            elif not parts and _BASE_NAME.match(term):
                parts.append("/")
            else:
                break
        else:
            prefix = re.sub(r"(?<!:)//+", "/", "".join(parts))
            if prefix.endswith(("/", "=")) and " " not in prefix and "${" not in prefix:
                out.append((prefix, _key_of(terms[-1])))
    for match in _LOAD_TEMPLATE.finditer(code):
        if _POSTED.match(code[match.end():]):
            continue
        body = match.group(1)
        last = body.rfind("${")
        if not body.endswith("}"):
            continue
        head, expr = body[:last], body[last + 2:-1]
        head = re.sub(r"\$\{\s*(" + _IDENT + r")\s*\}",
                      lambda m: known.get(m.group(1), "/" if _BASE_NAME.match(m.group(1))
                                          else "${"), head)
        if head.endswith(("/", "=")) and "${" not in head and " " not in head:
            out.append((re.sub(r"(?<!:)//+", "/", head), _key_of(expr)))
    return list(dict.fromkeys(out))


_FUNCTION = re.compile(r"\bfunction\s+(" + _IDENT + r")\s*\([^()]{0,80}\)\s*\{|"
                       r"\b(?:var|let|const)\s+(" + _IDENT + r")\s*=\s*(?:function\s*)?"
                       r"\([^()]{0,80}\)\s*(?:=>\s*)?\{")
_CLICK = re.compile(r"""\.\s*on\s*\(\s*['"]click['"]\s*,\s*['"]([^'"]{1,100})['"]\s*,\s*"""
                    r"""(?:function\s*)?\([^()]{0,80}\)\s*(?:=>\s*)?\{|"""
                    r"""(?:(?:\$|jQuery)\(\s*['"]([^'"]{1,100})['"]\s*\)\s*)?"""
                    r"""\.\s*click\s*\(\s*(?:function\s*)?\([^()]{0,80}\)\s*(?:=>\s*)?\{""")
# what a handler does with its answer to show it: a handler that only deletes, counts or
# logs what it loads shows no details (a ".btn-hapus" handler's $.get of /hapus/<id>)
_SHOWS = re.compile(r"\.(?:html|load|modal|append)\s*\(|\binnerHTML\b")
MAX_BLOCK = 5_000  # characters of a handler's body read
# handlers of each kind read per page: a page's detail handlers are a few; 2,000 generated
# functions cost 0.09 s with the constants read once, the cap bounds a bigger page
MAX_HANDLERS = 200


def _block(code: str, start: int) -> str:
    """The ``{...}`` from the brace at ``start``, braces balanced (strings not parsed)."""
    depth = 0
    for i in range(start, min(len(code), start + MAX_BLOCK)):
        depth += {"{": 1, "}": -1}.get(code[i], 0)
        if depth == 0:
            return code[start:i + 1]
    return code[start:start + MAX_BLOCK]


def handler_templates(code: str) -> dict[str, list[tuple[str, str]]]:
    """The detail URLs (``loaded_templates``) each handler of ``code`` loads and shows: by
    function name for ``onclick="detail(12)"`` (``function detail(id) {...}``, ``const
    detail = (id) => {...}``), under ``click:<selector>`` for the click handlers a button's
    ``data-id`` feeds (``$(document).on('click', '.btn-detail', function () {...})``,
    ``$('.btn-detail').click(...)``; ``click:`` when no selector is written). The page's constants
    (``var base_url = "..."``), read once, count inside each body; the first
    ``MAX_HANDLERS`` handlers of each kind are read (prepending the constants to every
    body: 21.8 s of CPU for a 146 KB page of 2,000 functions and constants)."""
    consts = constants(code)
    out: dict[str, list[tuple[str, str]]] = {}
    for pattern in (_FUNCTION, _CLICK):
        for match in itertools.islice(pattern.finditer(code), MAX_HANDLERS):
            name = next((g for g in match.groups() if g), "")
            if pattern is _CLICK:
                name = "click:" + name
            body = _block(code, match.end() - 1)
            found = loaded_templates(body, consts) if _SHOWS.search(body) else []
            if found:
                out.setdefault(name, []).extend(t for t in found if t not in out.get(name, []))
    return out
