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
- only reads, by an allow-list (``reads``): EVERY action name of the call -- the value of
  each ``act``/``action``/``aksi``/``method``/``op``/``mode``/``do``/``task``/``fungsi``...
  parameter (URL query or body), else its path's last segment (a CodeIgniter
  ``controller/method``, a REST ``.../get_by_id``), its extension dropped, a trailing
  number skipped -- must START with a read verb (``get``, ``list``, ``detail``, ``data``,
  ``all``, ``show``, ``view``, ``fetch``, ``load``, ``find``, ``tampil``, ``lihat``,
  ``ambil``, ``rincian``, ``semua``; ``cari``/``search`` only with no value filled in at run
  time; ``read``/``baca`` are none: ``/api/notif/read`` marks), as a word of its own or the
  start of one (``getLayanan``, ``get_by_id``, ``tampildata``), with no second verb chained
  after it (``get_and_delete``, ``getAndIncrement``). A bare noun (``/api/layanan``: a REST
  create) is not a read. And no WORD of the URL (host, path segments, query), of the body's
  literal keys and values may be a write word (``WRITE_WORDS``: simpan, hapus, delete, save,
  logout, keluar, vote, pilih, pengaduan, increment, count, mark, purge, session, token, ...),
  nor a method override (``_method``, ``X-HTTP-Method-Override``) or a GraphQL ``mutation``
  be sent: names are split at separators and camelCase humps and each word compared whole or
  run together at its start (``deleteLayanan``, ``hapusData``, ``simpandata``), never as a
  substring (``keluarga``, ``sarana``, ``setda`` are no writes). Only the opaque value of a
  body key naming a CSRF token is exempt; a path or query never is.
  ``daftar`` is a write (register) unless a read verb precedes it (``get_daftar_layanan``).
  When in doubt, no request is made;
- only calls that run when the page loads (``on_load``): at top level, in
  ``$(function(){})``, ``$(document).ready``, ``window.onload``, a ``load`` or
  ``DOMContentLoaded`` listener, an AngularJS controller/service body, a component's
  lifecycle hook (``mounted``, ``ngOnInit``), a callback of such code (``.then``,
  ``success:``), or a named function such code calls (read in code only: not in a string,
  a comment or a regex literal; not ``o.f()``, another object's method, but ``this.f()``,
  ``vm.f()``, ``self.f()``, ``$scope.f()``). Never in an event
  handler (``.on('click', ...)``, ``.click(``, ``.change(``, ``.submit(``, ``keyup``,
  ``addEventListener('click', ...)``, an arrow given to one or assigned
  (``on('click', () => f())``), a block under ``if (confirm(...))``,
  a ``$scope.hapus = function`` a template's
  ``ng-click`` calls, a function only an ``onclick`` attribute calls), and never with a
  value a visitor gives (``.val()``, ``.value``, ``textContent``, ``prompt()``,
  ``location.search``, ``$(this)``, ``serialize()``, ``FormData``), directly or through a
  variable it was copied to;
- the body it sends: its literal pairs (a CSRF token's ``[csrf_name]: csrf_hash`` read from
  the page's constants, ``{kategori: 'semua'}``), and at most one pair filled from a record
  or the route (``{id: id}``, ``{id: $routeParams.id}``): a detail request, completed per
  record as a GET detail template is (``record_param``, ``record_key``).

The caps (``MAX_SITE_POSTS``, ``MAX_SITE_POST_REQUESTS``) and "sent once" are kept per
worker process and per source (the spider's own counters): they are not shared across a
fleet's workers (each may send a site's POSTs up to its own caps) nor across a resumed crawl
(which may send them again).

The spider asks a list call as it asks any endpoint, and a detail call as the detail
template ``<url>?<param>=`` whose parameter it moves into the POST's body (``as_request``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

from crawler.extract.jsroutes import _read, route_key
from sikoja.urls import origin

MAX_CALLS = 10  # POST calls read per script
MAX_CANDIDATES = MAX_CALLS * 3  # call openings looked at per script, read or not
MAX_SITE_POSTS = 20  # distinct POST calls a site's code may have asked, in all
MAX_SITE_POST_REQUESTS = 200  # POST requests made to a site, lists and details together
_IDENT = r"[A-Za-z_$][\w$]*"
_POST_CALL = re.compile(r"(?:(?<![\w$])(?:\$|jQuery|\$http|axios|http|api|client)\s*\.\s*post"
                        r"|(?<![\w$.])fetch)\s*\(")
_AJAX = re.compile(r"(?<![\w$])(?:\$|jQuery)\s*\.\s*ajax\s*\(\s*\{|"
                   r"(?<![\w$])\$http\s*\(\s*\{")
_CANDIDATE = re.compile(f"{_POST_CALL.pattern}|{_AJAX.pattern}")
_METHOD_POST = re.compile(r"""\b(?:type|method)\s*:\s*['"]post['"]""", re.IGNORECASE)
_URL_KEY = frozenset({"url"})
_DATA_KEY = frozenset({"data", "body"})
_BODY_WRAP = re.compile(r"^(?:JSON\s*\.\s*stringify|new\s+URLSearchParams)\s*\(\s*")
# a visitor's input: what a form or an event gives, never known to a crawler
_INPUT = re.compile(r"\.val\s*\(|serialize|FormData|\.files\b|\.value\b|this\.form|"
                    r"textContent|innerText|innerHTML|\bprompt\s*\(|location\s*\.\s*(?:search|hash)"
                    r"|\$\(\s*this\s*\)|\.target\b|\bevent\b|\.data\s*\(")
_OVERRIDE = re.compile(r"_method|x-http-method-override|x-method-override", re.IGNORECASE)
# the parameter a PHP/CodeIgniter backend dispatches on (``api.php?act=get_layanan``)
_ACTION_PARAMS = frozenset({"act", "action", "aksi", "method", "op", "mode", "do", "task",
                            "fungsi", "cmd", "func", "f", "page"})
# read verbs; ``read``/``baca`` are none (``/api/notif/read`` marks a notice read)
READ_WORDS = ("get", "list", "detail", "data", "all", "show", "view", "fetch", "load",
              "find", "tampil", "lihat", "ambil", "rincian", "semua", "by",
              "info", "cari", "search")
_SEARCH_WORDS = frozenset({"cari", "search", "find"})
# a second verb chained after the first (``get_and_delete``, ``load_then_purge``)
_CHAINED = frozenset({"and", "then", "dan", "lalu", "kemudian"})
# words of requests that change state (Indonesian and English), compared with the words of a
# name (split at separators and camelCase humps): a word that is one, or starts with one
# run together (``simpandata``, ``savelayanan``), never a word that merely contains one
# (``keluarga`` is no ``keluar``, ``sarana`` no ``saran``, ``setda`` no ``set``, ``katalog``,
# ``logo``, ``putusan``, ``settings``, ``visitor``, ``pesantren`` no writes)
WRITE_WORDS = (
    "simpan", "hapus", "update", "tambah", "insert", "delete", "remove", "destroy", "store",
    "create", "kirim", "submit", "register", "registrasi", "signup", "signin", "login",
    "logout", "keluar", "signout", "masuk", "masukan", "rating", "ulasan", "komentar",
    "comment", "saran", "feedback", "contact", "kontak", "pengaduan", "aduan", "survei",
    "survey", "subscribe", "langganan", "newsletter", "approve", "setuju", "tolak", "reject",
    "verifikasi", "verify", "upload", "unggah", "bayar", "checkout", "booking",
    "reset", "password", "proses", "process", "batal", "cancel", "kosongkan", "truncate",
    "import", "counter", "restore", "pilih", "write", "increment", "purge", "flush",
    "session", "token", "mutation", "count", "mark")
SHORT_WRITE_WORDS = ("ubah", "edit", "save", "add", "send", "vote", "like", "auth", "pay",
                     "otp", "lapor", "pesan", "set", "hit", "log", "drop", "sync", "move", "copy",
                     "clear", "track", "visit", "patch", "put", "incr", "inc")
_WRITE = re.compile("^(?:" + "|".join(sorted(WRITE_WORDS, key=len, reverse=True))
                    + r")(?!ga$|a$|na$|ry|y$|et)|^(?:" + "|".join(SHORT_WRITE_WORDS)
                    + r")(?!an|o$|us|ting|or|ion|tren|da$|lude|ome)")
# an opaque token (a CSRF hash): its letters are no words -- only as the value of a body key
# naming a CSRF token, never a path, a query or another value
_OPAQUE = re.compile(r"(?=.*\d)[A-Za-z0-9+/=_-]{16,}")
_CSRF_KEY = re.compile(r"csrf|xsrf|^_?token$", re.IGNORECASE)
_MUTATION = re.compile(r"^\s*mutation\b", re.IGNORECASE)
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

    def rank(self) -> tuple:
        """The order of calls to one URL, best first, whatever order the scripts came in:
        a call whose action names a record's read (``get_by_id``, ``detail``) first."""
        words = _words(action_name(self.url, self.fields))
        by_id = bool({"id", "by", "detail", "rincian"} & set(words))
        return (not by_id, self.fields, self.record_param, self.record_key, self.json)


def _words(name: str) -> list[str]:
    """The words of a name: split at non-letters and camelCase humps, lower-cased."""
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return [w for w in re.split(r"[^a-z0-9]+", name.lower()) if w]


def action_name(url: str, fields: tuple[tuple[str, str], ...] = ()) -> str:
    """What a request asks its backend to do (module docstring): its action parameter's
    value, else its path's last segment without extension (a number skipped)."""
    return action_names(url, fields)[0]


def action_names(url: str, fields: tuple[tuple[str, str], ...] = ()) -> list[str]:
    """Every action parameter's value (URL query, then body), numbers skipped; none: the
    path's last segment without extension (a number skipped), or ""."""
    parts = urlsplit(url)
    named = [value for key, value in [*parse_qsl(parts.query), *fields]
             if key.lower() in _ACTION_PARAMS and value and not value.isdigit()]
    if named:
        return named
    segments = [s for s in _unquoted(parts.path).split("/") if s]
    while segments and re.fullmatch(r"\d+|[0-9a-f-]{32,}", segments[-1]):
        segments.pop()
    return [re.sub(r"\.\w{2,4}$", "", segments[-1]) if segments else ""]


def _unquoted(text: str) -> str:
    """``text`` percent-decoded until it no longer changes (``%2568apus`` is ``hapus``)."""
    for _ in range(4):
        decoded = unquote(text)
        if decoded == text:
            break
        text = decoded
    return text


def writes(*texts: str, register: bool = True) -> bool:
    """Whether a word of any of ``texts`` is a write word (``WRITE_WORDS``): the words of a
    name, split at separators and camelCase humps (``deleteLayanan``, ``hapus_semua``), each
    compared whole or run together at its start (``simpandata``), never as a substring
    (``keluarga``, ``sarana``). With ``register``, ``daftar`` is one too (a POST's
    registration) unless a read verb precedes it (``get_daftar_layanan``: a list; a GET's
    ``daftar`` is always a list). A path or query is never skipped as an opaque token."""
    for text in texts:
        if not text:
            continue
        if any(_WRITE.match(word) for word in _words(text)):
            return True
        low = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", text).lower()
        for m in re.finditer(r"daftar", low if register else ""):
            before = re.sub(r"[^a-z]+$", "", low[:m.start()])
            if not before.endswith(("get", "ambil", "tampil", "lihat", "list", "load", "baca")):
                return True
    return False


def _reads_action(name: str, filled: bool) -> bool:
    """Whether an action name reads: its FIRST word is a read verb (``get_by_id``,
    ``getLayanan``, ``tampildata``) and no second verb is chained after it."""
    words = _words(name)
    if not words:
        return False
    first = words[0]
    verb = next((v for v in READ_WORDS if first.startswith(v)), None)
    if verb is None:
        return False
    rest = first[len(verb):]  # run together: ``getdelete``, ``viewcount`` are no reads
    if _CHAINED & set(words[1:]) or re.search(r"and|then", rest) or _WRITE.match(rest):
        return False
    if verb in _SEARCH_WORDS:
        return not filled
    return True


def reads(url: str, fields: tuple[tuple[str, str], ...] = (), filled: bool = False,
          options: str = "") -> bool:
    """Whether a POST to ``url`` with the literal body ``fields`` reads (the allow-list of the
    module docstring): every action name starts with a read verb, and no word of the URL or
    the body writes. ``filled``: a value is filled in at run time (a record's id), which a
    search must not have. Only a CSRF key's opaque value is not read for words."""
    if _OVERRIDE.search(options) or any(_OVERRIDE.search(k) for k, _ in fields):
        return False
    parts = urlsplit(url)
    path, query = _unquoted(parts.path), _unquoted(parts.query)
    if not (path + query).isascii() or "\\" in path + query or any(
            _MUTATION.match(v) for _, v in fields):  # a lookalike or an unread escape
        return False
    texts = []
    for key, value in fields:
        if _CSRF_KEY.search(key):
            if not _OPAQUE.fullmatch(value):
                texts.append(value)
            continue
        texts += [key, value]
    if writes(parts.hostname or "", path, query, *texts):
        return False
    return all(_reads_action(name, filled) for name in action_names(url, fields))


def post_calls(code: str, page_url: str) -> list[PostCall]:
    """The POST calls for data ``code`` makes on ``page_url``'s origin (module docstring).
    ``code`` is all of a page's inline code joined (its constants may be in another script
    than its calls). At most MAX_CANDIDATES call openings are looked at, and none after one
    that does not close (a script cut short, or one written to slow a reader)."""
    code, known = _read(code[:2_000_000])[:2]
    loads = _Loads(code)
    found: list[PostCall] = []
    for n, match in enumerate(_CANDIDATE.finditer(code)):
        if n >= MAX_CANDIDATES or len(found) >= MAX_CALLS:
            break
        text = match.group(0).lstrip()
        if text.endswith("{"):  # $.ajax({...}) / $http({...})
            options = _balanced(code, match.end() - 1)
            if not options:
                break
            if not _METHOD_POST.search(options):
                continue
            found.extend(_call(code, match.start(), _member(options, _URL_KEY),
                               _member(options, _DATA_KEY), known, page_url,
                               json=text.startswith("$http"), options=options, loads=loads))
            continue
        whole = _balanced(code, match.end() - 1)
        if not whole:
            break
        args = [a.strip() for a in _top_level(whole[1:-1], ",")]
        options = args[1] if len(args) > 1 else ""
        fetched = text.startswith("fetch")
        if fetched and not _METHOD_POST.search(options):
            continue
        body = _member(options, _DATA_KEY) if fetched else options
        found.extend(_call(code, match.start(), args[0], body, known, page_url,
                           json=not text.startswith(("$.", "jQuery")),
                           options=options if fetched else "", loads=loads))
    return list(dict.fromkeys(found))[:MAX_CALLS]


def _call(code: str, at: int, url_expr: str, body: str, known: Mapping[str, str],
          page_url: str, json: bool, options: str, loads: _Loads) -> list[PostCall]:
    """The one call read from its URL expression and body, or none: another host, not a
    read, a visitor's input, or not run when the page loads."""
    url = _resolve(url_expr, known, page_url)
    if url is None or origin(url) != origin(page_url):
        return []
    if _INPUT.search(body) or not loads.on_load(at):
        return []
    wrapped = _BODY_WRAP.match(body.strip())
    if wrapped:  # JSON.stringify({...}) / new URLSearchParams({...}): the object it wraps
        body = _balanced(body.strip(), wrapped.end())
    fields: list[tuple[str, str]] = []
    record_param = record_key = ""
    for key, value in _pairs(body):
        name = _name(key, known)
        if name is None:
            return []  # a key it computes: not a request this can make alike
        literal = _literal(value, known)
        if literal is not None:
            fields.append((name, literal))
        elif re.fullmatch(_IDENT + r"(?:\s*\.\s*" + _IDENT + r")*(?:\s*\(\s*['\"]\w+['\"]\s*\))?",
                          value.strip()) and not record_param:
            if _visitors(code, at, value.strip()):
                return []
            record_param = name
            record_key = _value_key(value, name)
        else:
            return []  # a value it computes otherwise: not a request this can make alike
    if body.strip() and not _pairs(body) and body.strip() != "{}" and not re.match(
            r"(?:async\s+)?function\b|\(?[\w$,\s]*\)?\s*=>", body.strip()):
        return []  # a body it builds elsewhere (a variable): not known; a callback is none
    if not reads(url, tuple(fields), bool(record_param), options):
        return []
    return [PostCall(url, tuple(fields), record_param, record_key, json)]


def _visitors(code: str, at: int, expr: str) -> bool:
    """Whether the variable ``expr`` names was last given, before ``at``, a visitor's input
    (``var q = $('#q').val()``, ``var id = $(this).data('id')``)."""
    name = re.escape(re.split(r"\s*\.\s*", expr)[0])
    given = list(re.finditer(rf"(?<![\w$.]){name}\s*=(?![=>])\s*([^;\n]*)", code[:at]))
    return bool(given) and bool(_INPUT.search(given[-1].group(1)))


# what a function passed as an argument is run by: an event (never on load) or a load
_LOAD_EVENT = re.compile(r"""^\s*['"](?:load|DOMContentLoaded|ready|pageshow)['"]""")
_EVENT_CALLEE = re.compile(
    r"(?:\.|\b)(?:on|one|bind|live|delegate|addEventListener|attachEvent|click|dblclick|change|"
    r"submit|key\w*|input|blur|focus\w*|hover|mouse\w*|toggle|select|scroll|resize|"
    r"\$watch\w*|\$on|watch|subscribe|confirm)\s*$")
_LOAD_CALLEE = re.compile(r"(?:\.|\b)(?:ready|load|controller|service|factory|run|config|"
                          r"directive|component|provider)\s*$|(?<![\w$.])(?:\$|jQuery)\s*$")
_FUNCTION_HEAD = re.compile(
    r"(?:(?:async\s+)?function\b\s*\*?\s*([A-Za-z_$][\w$]*)?\s*\([^()]*\)|"
    r"\([^()]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>|([A-Za-z_$][\w$]*)\s*\([^()]*\))\s*$")


# a component's hooks its framework runs when it is shown (Vue, Angular 2+, React)
_LIFECYCLE = frozenset({"created", "beforeMount", "mounted", "setup", "activated", "onMounted",
                        "ngOnInit", "componentDidMount", "$onInit"})


def _masked(code: str, limit: int = 2_000_000) -> str:
    """``code`` with the insides of its strings, comments and regex literals blanked (same
    length, so places agree): a name or bracket said in text is no code."""
    out = list(code[:limit])
    n = len(out)
    i = 0
    last = ""  # the last significant character of code, to tell a regex from a division
    while i < n:
        ch = out[i]
        if ch in "'\"`":
            j = i + 1
            while j < n and out[j] != ch:
                if out[j] == "\\":
                    out[j] = " "
                    j += 1
                if j < n and out[j] != "\n" or ch == "`":
                    out[j] = " "
                elif j < n:
                    break  # an unclosed quote ends at its line
                j += 1
            i, last = j + 1, ch
            continue
        if ch == "/" and i + 1 < n and out[i + 1] in "/*":
            end = code.find("\n" if out[i + 1] == "/" else "*/", i + 2)
            end = n if end < 0 else min(n, end + (0 if out[i + 1] == "/" else 2))
            for j in range(i, end):
                if out[j] != "\n":
                    out[j] = " "
            i = end
            continue
        if ch == "/" and (not last or last in "(,=:[!&|?{};+-*%~^<>" or re.search(
                r"(?:^|[^\w$])(?:return|typeof|case|in|of)\s*$", code[max(0, i - 12):i])):
            j, klass = i + 1, False
            while j < n and out[j] != "\n":
                if out[j] == "\\":
                    out[j] = " "
                    j += 1
                elif out[j] == "[":
                    klass = True
                elif out[j] == "]":
                    klass = False
                elif out[j] == "/" and not klass:
                    break
                if j < n:
                    out[j] = " "
                j += 1
            i, last = j + 1, "/"
            continue
        if not ch.isspace():
            last = ch
        i += 1
    return "".join(out)


# a name called as a function: not a method of another object (``o.f()``,
# ``$(window).load(``), but of the component itself (``this.f()``, ``vm.f()``, ``self.f()``,
# an AngularJS controller's ``$scope.f()``)
_CALLER = (r"(?:(?<![\w$.])|(?<=(?<![\w$])this\.)|(?<=(?<![\w$])vm\.)|(?<=(?<![\w$])self\.)"
           r"|(?<=(?<![\w$])\$scope\.))")


class _Loads:
    """Which places of a script run when its page loads (module docstring): the blocks
    enclosing each place, read once, over the script with its strings, comments and regex
    literals blanked (``masked``)."""

    def __init__(self, code: str):
        self.code = code
        self.masked = _masked(code)
        self.opens: dict[int, int] = {}  # a block's "{" -> its "}"
        stack: list[int] = []
        for i, ch in enumerate(self.masked):
            if ch == "{":
                stack.append(i)
            elif ch == "}" and stack:
                self.opens[stack.pop()] = i
        for start in stack:  # unclosed: to the end
            self.opens[start] = len(self.masked)
        self.starts = sorted(self.opens)
        self._named: dict[str, bool] = {}
        self._kept: str | None = None

    def on_load(self, at: int, seen: frozenset[str] = frozenset()) -> bool:
        """Whether the code at ``at`` runs when the page loads."""
        for fn in self._arrows(at):  # an arrow without braces: ``() => f()``
            if self._expression(fn, seen) is False:
                return False
        for start in reversed(self.starts):
            if start >= at or self.opens[start] < at:
                continue
            verdict = self._block(start, seen)
            if verdict is False:
                return False
        return True

    def _arrows(self, at: int) -> list[int]:
        """Where the parameters start of each arrow function without braces whose body holds
        ``at`` (``on('click', e => f(e))``), up to the statement or block that holds it."""
        code, found, depth = self.masked, [], 0
        for i in range(at - 1, max(-1, at - 2000), -1):
            ch = code[i]
            if ch in ")]":
                depth += 1
            elif ch in "([":
                depth = max(0, depth - 1)
            elif ch in "{};" and depth == 0:
                break
            elif ch == ">" and i and code[i - 1] == "=" and depth == 0:
                j = i - 2
                while j >= 0 and code[j].isspace():
                    j -= 1
                if j >= 0 and code[j] == ")":
                    opened = self._opening_paren(j)
                    j = opened if opened is not None else j
                    while j > 0 and re.match(r"[\w$]", code[j - 1]):
                        j -= 1  # async (x) =>
                else:
                    while j > 0 and re.match(r"[\w$]", code[j - 1]):
                        j -= 1
                found.append(j)
        return found

    def _condition(self, start: int) -> str | None:
        """The condition of the ``if``/``while`` whose block opens at ``start``, if it is."""
        j = start - 1
        while j >= 0 and self.masked[j].isspace():
            j -= 1
        if j < 0 or self.masked[j] != ")":
            return None
        depth = 0
        for i in range(j, max(-1, j - 2000), -1):
            if self.masked[i] == ")":
                depth += 1
            elif self.masked[i] == "(":
                depth -= 1
                if depth == 0:
                    if re.search(r"(?<![\w$.])(?:if|while)\s*$", self.masked[max(0, i - 20):i]):
                        return self.code[i:j + 1]
                    return None
        return None

    def _block(self, start: int, seen: frozenset[str]) -> bool | None:
        """A block's verdict: False (a handler, a function no load calls), None (runs as its
        enclosing code runs: a load callback, an ``if``, an object)."""
        condition = self._condition(start)
        if condition is not None:  # if (confirm('Hapus?')) {...}: a visitor's choice
            return False if re.search(r"\bconfirm\s*\(", condition) else None
        head = self.code[max(0, start - 300):start]
        fn = _FUNCTION_HEAD.search(head)
        if not fn:
            return None  # an if/for/try/object literal: as what encloses it
        name = fn.group(1) or fn.group(2)
        if fn.group(2) and fn.group(2) in ("if", "for", "while", "switch", "catch", "with"):
            return None
        before = head[:fn.start()].rstrip()
        if name and not before.endswith(("(", ",", ":", "=")):
            return self._called(name, seen)  # function name() {...}: run if load calls it
        return self._expression(start - len(head) + fn.start(), seen)

    def _expression(self, at: int, seen: frozenset[str]) -> bool | None:
        """The verdict of the function expression starting at ``at``: what is it given to?"""
        before = self.code[max(0, at - 300):at].rstrip()
        if before.endswith(("=", ":")) and not before.endswith(("==", "!=")):
            target = re.search(r"([\w$.\[\]'\"]+)\s*[=:]$", before)
            prop = re.split(r"[.\[\]'\"]+", target.group(1).strip(".[]'\""))[-1] if target else ""
            if before.endswith(":") and prop in ("success", "done", "complete", "then",
                                                 "callback", "always"):
                return None
            if prop.lower() in ("onload", "ondomcontentloaded", "onreadystatechange"):
                return None
            if prop.lower().startswith("on"):
                return False  # x.onclick = function
            return self._called(prop, seen) if prop else False
        opener = self._opening_paren(at)
        if opener is None:
            return None if before.endswith(("(", "!", "+")) or not before else False
        callee = self.code[max(0, opener - 120):opener]
        args = self.code[opener + 1:at]
        if _LOAD_CALLEE.search(callee):
            if re.search(r"(?:\.|\b)(?:on|addEventListener)\s*$", callee):
                return None if _LOAD_EVENT.match(args) else False
            return None
        if re.search(r"(?:\.|\b)(?:on|one|bind|addEventListener|attachEvent)\s*$", callee):
            return None if _LOAD_EVENT.match(args) else False
        if _EVENT_CALLEE.search(callee):
            return False
        return None  # a callback of a call that runs as its enclosing code does

    def _opening_paren(self, at: int) -> int | None:
        """The ``(`` of the call whose argument list holds position ``at``, if within 2000
        characters (a callback's later argument)."""
        depth = 0
        for i in range(at - 1, max(-1, at - 2000), -1):
            ch = self.masked[i]
            if ch in ")]}":
                depth += 1
            elif ch in "([{":
                if depth == 0:
                    return i if ch == "(" else (self._opening_paren(i) if ch == "[" else None)
                depth -= 1
            elif ch == ";" and depth == 0:
                return None
        return None

    def _called(self, name: str, seen: frozenset[str]) -> bool | None:
        """None when the function ``name`` is called (or handed to a load) from code that
        runs on load, or is a component's lifecycle hook, else False. Only code is read: a
        name in a string (an ``onclick`` in HTML built at run time) or a comment is no call."""
        if name in _LIFECYCLE:
            return None
        if name in seen:
            return False
        if name in self._named:
            return None if self._named[name] else False
        seen = seen | {name}
        esc = re.escape(name)
        result = False
        for m in re.finditer(rf"{_CALLER}{esc}\s*\(|(?:ready|(?<![\w$.])\$|jQuery|onload\s*=|"
                             rf"addEventListener\s*\(\s*['\"](?:load|DOMContentLoaded)['\"]\s*,)"
                             rf"\s*\(?\s*{esc}\b", self._loads_text()):
            head = self.masked[max(0, m.start() - 40):m.start()]
            after = self.masked[m.end():m.end() + 400]
            if re.search(r"function\s*\*?\s*$", head) or (
                    m.group(0).endswith("(") and re.match(r"[^()]*\)\s*\{", after)):
                continue  # its definition (function name(...) {, or a method name() {)
            if self.on_load(m.start(), seen):
                result = True
                break
        self._named[name] = result
        return None if result else False

    def _loads_text(self) -> str:
        """The masked code with the event names load listeners are given kept
        (``addEventListener('load', f)``), read once."""
        if self._kept is None:
            text = self.masked
            for m in re.finditer(r"""addEventListener\s*\(\s*(['"])(load|DOMContentLoaded)\1""",
                                 self.code):
                text = text[:m.start()] + m.group(0) + text[m.end():]
            self._kept = text
        return self._kept


def _value_key(expr: str, param: str) -> str:
    """The record key a body value reads: ``row.id_layanan`` -> ``id_layanan``, ``id`` ->
    ``id``, ``getUrlParameter('id')`` -> ``id`` (the page's own parameter, the record's id);
    else the parameter's name."""
    called = re.search(r"\(\s*['\"](\w+)['\"]\s*\)\s*$", expr)
    name = called.group(1) if called else re.split(r"\s*\.\s*", expr.strip())[-1]
    return route_key(name) or route_key(param) or "id"


def _resolve(expr: str, known: Mapping[str, str], page_url: str) -> str | None:
    """The absolute URL a ``+``-joined expression of literals and constants makes. None for
    anything else: a base no literal of the page's code names (``base_url`` set by another
    script) is never guessed."""
    parts = []
    for term in (t.strip() for t in re.split(r"\+", expr)):
        string = _STRING.match(term)
        if string:
            parts.append(string.group(2))
        elif term in known:
            parts.append(known[term])
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
