"""The data an app's code asks its own backend for with POST.

Many Indonesian local-government backends answer only POST, whatever they return: a
CodeIgniter controller reading ``$this->input->post('id')``, a PHP ``api.php`` reading
``$_POST``. Their pages load records with ``$.ajax({url: BASE_URL + 'api/layanan/get_all',
type: 'POST', data: {...}})``, ``$.post(url, {id: id})``, AngularJS's ``$http.post``,
``axios.post`` or ``fetch(url, {method: 'POST', body: ...})``; a GET of the same URL answers
405 or an error envelope. ``post_calls`` reads such calls as a browser rendering the page
would make them:

- only calls whose URL is on the page's own origin (never another host), resolved as the
  page's other data URLs are (a base constant, ``base_url``, a config object's property
  read by ``jsroutes.with_bases``);
- only reads: a call in a submit handler, one sending what a visitor types (``.val()``,
  ``serialize()``, ``FormData``) or one whose path says it changes something (``simpan``,
  ``hapus``, ``login``, ``pengaduan``...) is not made;
- the body it sends: its literal pairs (a CSRF token's ``[csrf_name]: csrf_hash`` read from
  the page's constants, ``{kategori: 'semua'}``), and at most one pair filled from a record
  or the route (``{id: id}``, ``{id: $routeParams.id}``): a detail request, completed per
  record as a GET detail template is (``record_param``, ``record_key``).

The spider asks a list call as it asks any endpoint, and a detail call as the detail
template ``<url>?<param>=`` whose parameter it moves into the POST's body (``as_request``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from crawler.extract.jsroutes import constants_of, desugar, route_key
from sikoja.urls import origin

MAX_CALLS = 10  # POST calls read per script
MAX_SITE_POSTS = 20  # POST calls a site's code may have asked, in all
SUBMIT_WINDOW = 600  # characters before a call where the handler it is in opens
_IDENT = r"[A-Za-z_$][\w$]*"
_POST_CALL = re.compile(r"(?:(?<![\w$])(?:\$|jQuery|\$http|axios|http|api|client)\s*\.\s*post"
                        r"|(?<![\w$.])fetch)\s*\(")
_AJAX = re.compile(r"(?<![\w$])(?:\$|jQuery)\s*\.\s*ajax\s*\(\s*\{|"
                   r"(?<![\w$])\$http\s*\(\s*\{")
_METHOD_POST = re.compile(r"""\b(?:type|method)\s*:\s*['"]post['"]""", re.IGNORECASE)
_URL_KEY = frozenset({"url"})
_DATA_KEY = frozenset({"data", "body"})
_BODY_WRAP = re.compile(r"^(?:JSON\s*\.\s*stringify|new\s+URLSearchParams)\s*\(\s*")
# a visitor's input: a form is submitted, never asked for by a crawler
_INPUT = re.compile(r"\.val\s*\(|serialize|FormData|\.files\b|\.value\b|this\.form")
_SUBMIT = re.compile(r"submit", re.IGNORECASE)
# path words of requests that change state rather than read it
_WRITES = re.compile(
    r"(?:^|[/_\-.?=&])(?:simpan|save|store|insert|create|tambah|add|update|ubah|edit|delete|"
    r"hapus|destroy|remove|login|logout|signin|signup|register|registrasi|kirim|send|submit|"
    r"upload|vote|like|komentar|comment|pengaduan|aduan|lapor|bayar|pay|checkout|booking|"
    r"pesan|reset|password|verifikasi|otp|subscribe)(?:$|[/_\-.?=&])", re.IGNORECASE)
_BASE_NAME = re.compile(r"^(?:base|site)_?url$", re.IGNORECASE)
_STRING = re.compile(r"""^(['"`])((?:\\.|(?!\1)[^\\\n])*)\1$""")


@dataclass(frozen=True)
class PostCall:
    """A POST the app's code makes for data: ``url`` (absolute), the literal ``fields`` of
    its body, and the body parameter a record's value fills (``record_param``, read from the
    record's ``record_key``), "" for a list's request."""

    url: str
    fields: tuple[tuple[str, str], ...] = ()
    record_param: str = ""
    record_key: str = ""
    json: bool = False

    def detail_prefix(self) -> str:
        """The detail template's prefix standing for this call (``<url>?id=``)."""
        return f"{self.url}{'&' if '?' in self.url else '?'}{self.record_param}="


def post_calls(code: str, page_url: str) -> list[PostCall]:
    """The POST calls for data ``code`` makes on ``page_url``'s origin (module docstring)."""
    code = desugar(code[:2_000_000])
    known = constants_of(code)
    found: list[PostCall] = []
    for match in _POST_CALL.finditer(code):
        args = _arguments(code, match.end() - 1)
        if not args:
            continue
        options = args[1] if len(args) > 1 else ""
        fetched = match.group(0).lstrip().startswith("fetch")
        if fetched and not _METHOD_POST.search(options):
            continue
        body = _member(options, _DATA_KEY) if fetched else options
        found.extend(_call(code, match.start(), args[0], body, known, page_url,
                           json=not code[match.start():match.end()].lstrip().startswith(
                               ("$.", "jQuery"))))
    for match in _AJAX.finditer(code):
        options = _balanced(code, match.end() - 1)
        if not _METHOD_POST.search(options):
            continue
        url = _member(options, _URL_KEY)
        found.extend(_call(code, match.start(), url, _member(options, _DATA_KEY), known,
                           page_url, json=match.group(0).lstrip().startswith("$http")))
    return list(dict.fromkeys(found))[:MAX_CALLS]


def _call(code: str, at: int, url_expr: str, body: str, known: Mapping[str, str],
          page_url: str, json: bool) -> list[PostCall]:
    """The one call read from its URL expression and body, or none: another host, a write,
    a visitor's input, or inside a submit handler."""
    url = _resolve(url_expr, known, page_url)
    if url is None or origin(url) != origin(page_url):
        return []
    if _WRITES.search(urlsplit(url).path + "?" + urlsplit(url).query):
        return []
    if _INPUT.search(body) or _in_submit(code, at):
        return []
    wrapped = _BODY_WRAP.match(body.strip())
    if wrapped:  # JSON.stringify({...}) / new URLSearchParams({...}): the object it wraps
        body = _balanced(body.strip(), wrapped.end())
    fields: list[tuple[str, str]] = []
    record_param = record_key = ""
    for key, value in _pairs(body):
        name = _name(key, known)
        if name is None:
            continue
        literal = _literal(value, known)
        if literal is not None:
            fields.append((name, literal))
        elif re.fullmatch(_IDENT + r"(?:\s*\.\s*" + _IDENT + r")*(?:\s*\(\s*['\"]\w+['\"]\s*\))?",
                          value.strip()) and not record_param:
            record_param = name
            record_key = _value_key(value, name)
        else:
            return []  # a value it computes otherwise: not a request this can make alike
    return [PostCall(url, tuple(fields), record_param, record_key, json)]


def _in_submit(code: str, at: int) -> bool:
    """Whether the call at ``at`` is inside a submit handler (``$('#f').submit(function
    () {``, ``on('submit', ...)``, ``onSubmit``) opened a little before it and not closed."""
    window = code[max(0, at - SUBMIT_WINDOW):at]
    found = list(_SUBMIT.finditer(window))
    if not found:
        return False
    after = window[found[-1].end():]
    return after.count("{") > after.count("}")


def _value_key(expr: str, param: str) -> str:
    """The record key a body value reads: ``row.id_layanan`` -> ``id_layanan``, ``id`` ->
    ``id``, ``getUrlParameter('id')`` -> ``id`` (the page's own parameter, the record's id);
    else the parameter's name."""
    called = re.search(r"\(\s*['\"](\w+)['\"]\s*\)\s*$", expr)
    name = called.group(1) if called else re.split(r"\s*\.\s*", expr.strip())[-1]
    return route_key(name) or route_key(param) or "id"


def _resolve(expr: str, known: Mapping[str, str], page_url: str) -> str | None:
    """The absolute URL a ``+``-joined expression of literals and constants makes; a base
    name no literal names here (``base_url``) is the site's root. None for anything else."""
    parts = []
    for term in (t.strip() for t in re.split(r"\+", expr)):
        string = _STRING.match(term)
        if string:
            parts.append(string.group(2))
        elif term in known:
            parts.append(known[term])
        elif not parts and _BASE_NAME.match(term):
            parts.append("/")
        else:
            return None
    value = "".join(parts)
    if not value or "${" in value or " " in value:
        return None
    url = urljoin(page_url, re.sub(r"(?<!:)//+", "/", value))
    parts_ = urlsplit(url)
    return urlunsplit((parts_.scheme, parts_.netloc, parts_.path, parts_.query, ""))


def _name(key: str, known: Mapping[str, str]) -> str | None:
    """A body key as sent: a name, a quoted name, or a computed ``[name]`` read as the
    constant it holds (CodeIgniter's ``[csrf_name]``)."""
    key = key.strip()
    string = _STRING.match(key)
    if string:
        return string.group(2)
    if key.startswith("[") and key.endswith("]"):
        return known.get(key[1:-1].strip())
    return key if re.fullmatch(_IDENT, key) else None


def _literal(value: str, known: Mapping[str, str]) -> str | None:
    value = value.strip()
    string = _STRING.match(value)
    if string and "${" not in string.group(2):
        return string.group(2)
    if re.fullmatch(r"-?\d+(?:\.\d+)?|true|false", value):
        return value
    return known.get(value)


def _pairs(body: str) -> list[tuple[str, str]]:
    """``key: value`` pairs of an object literal ``{...}`` at its top level; shorthand
    ``{id}`` is ``id: id``."""
    body = body.strip()
    if not (body.startswith("{") and body.endswith("}")):
        return []
    out = []
    for item in _top_level(body[1:-1], ","):
        if not item.strip():
            continue
        key, colon, value = _split_key(item)
        out.append((key, value) if colon else (item.strip(), item.strip()))
    return out


def _split_key(item: str) -> tuple[str, bool, str]:
    parts = _top_level(item, ":")
    if len(parts) < 2:
        return item, False, ""
    return parts[0], True, ":".join(parts[1:])


def _top_level(text: str, sep: str) -> list[str]:
    """``text`` split at ``sep`` outside brackets and strings."""
    out, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(text):
        if quote:
            if ch == quote and text[i - 1] != "\\":
                quote = ""
        elif ch in "'\"`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == sep and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return out


def _balanced(code: str, start: int, limit: int = 3000) -> str:
    """The bracketed text opening at ``start`` (``{`` or ``(``), strings skipped."""
    pairs = {"{": "}", "(": ")", "[": "]"}
    stack, quote = [], ""
    for i in range(start, min(len(code), start + limit)):
        ch = code[i]
        if quote:
            if ch == quote and code[i - 1] != "\\":
                quote = ""
        elif ch in "'\"`":
            quote = ch
        elif ch in pairs:
            stack.append(pairs[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
            if not stack:
                return code[start:i + 1]
    return ""


def _arguments(code: str, start: int) -> list[str]:
    """The top-level arguments of the call whose ``(`` is at ``start``."""
    inner = _balanced(code, start)
    return [a.strip() for a in _top_level(inner[1:-1], ",")] if inner else []


def _member(options: str, names: frozenset[str]) -> str:
    """The value of the first of ``names`` in the object literal ``options`` ("" if none)."""
    for key, value in _pairs(options):
        if key.strip().strip("'\"") in names:
            return value.strip()
    return ""


def as_request(call: PostCall, url: str) -> tuple[str, bytes, dict[str, str]]:
    """The POST ``call`` makes for ``url`` (the call's own URL, or its detail template
    completed: ``<url>?id=12``): the URL it is sent to, its body and its headers. The
    record's parameter goes in the body, as the app sends it; a JSON client (axios,
    ``$http``, fetch) sends JSON, jQuery a form."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    own = dict(parse_qsl(urlsplit(call.url).query, keep_blank_values=True))
    moved = [(k, v) for k, v in pairs if k == call.record_param and k not in own]
    kept = [(k, v) for k, v in pairs if (k, v) not in moved]
    target = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), ""))
    fields = [*call.fields, *moved]
    if call.json:
        return target, json.dumps(dict(fields)).encode(), {
            "Content-Type": "application/json;charset=utf-8",
            "Accept": "application/json, text/plain, */*"}
    return target, urlencode(fields).encode(), {
        "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
        "X-Requested-With": "XMLHttpRequest", "Accept": "application/json, */*; q=0.01"}
