"""Data a script app ships in its page or its bundle, in whatever carrier it uses.

``crawler.extract.payload`` knows the three carriers of Inertia, Next and Nuxt by name. Real
Indonesian government front ends ship their records in many more (issue #11):

- JS object literals, not JSON (unquoted keys, single quotes, trailing commas, template
  strings), in an inline script or a same-site data file the page loads: ``const layanan =
  [{id: 1, nama: '...', syarat: ['...',]}]``, ``var dataLayanan = ...``, ``export default
  [...]``, a webpack module's ``e.exports=[...]`` (a Vue CLI chunk of records); SSR state
  such as ``window.__INITIAL_STATE__``, ``window.__PRELOADED_STATE__`` (Redux) and
  ``window.__APOLLO_STATE__`` (Apollo's normalised cache);
- ``<script type="application/json">`` whatever its id (Angular's TransferState ``ng-state``,
  whose old form escapes quotes as ``&q;``; SvelteKit's ``data-sveltekit-fetched`` answers,
  whose ``body`` is JSON text);
- attributes: Astro's ``<astro-island props="...">`` (each value a ``[type, value]`` pair),
  Livewire 3's ``wire:snapshot`` (arrays as ``[value, {"s": "arr"}]`` tuples), Alpine's
  ``x-data="{ items: [...] }"``.

``script_values`` reads the literals a script assigns or exports with ``chompjs`` (a parser
of JS object literals to Python values: no JS is run); ``embedded_data`` gathers every
carrier of a page into one value, with Apollo's references (``{"__ref": "Layanan:12"}``)
resolved, for the record rules of ``payload``/``jsonlist`` to read: this module reads no
record itself. Work is bounded: code and values are capped in size, and a script is tried
at a bounded number of places.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

import chompjs

MAX_CODE = 2_000_000  # characters of one script read
MAX_LITERAL = 1_000_000  # characters one literal may span
MAX_TRIES = 40  # literals tried per script: a bundle assigns thousands of small objects
MAX_DEPTH = 12
MIN_LITERAL = 40  # "{}" and "[0, 1]" are code's bookkeeping, not a page's data

# where a script hands a value to its app: a declaration, a global, an export, a state
# handed over by SSR (``window.__INITIAL_STATE__ =``), or a JSON.parse of a string
_ASSIGN = re.compile(
    r"(?:\b(?:var|let|const)\s+[A-Za-z_$][\w$]*|\b(?:window|self|globalThis)\s*\.\s*[\w$]+|"
    r"\b__[\w$]+|(?<![\w$])[A-Za-z_$][\w$]*\s*\.\s*exports)\s*=\s*(?=[\[{]|JSON\.parse\()|"
    r"\bexport\s+default\s+(?=[\[{])")
_JSON_PARSE = re.compile(r"JSON\.parse\(\s*(['\"`])")
_STRING = re.compile(r"""(['"`])(?:\\.|(?!\1)[^\\])*\1""", re.DOTALL)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_JSON_TYPE = re.compile(r"""\btype\s*=\s*["']?application/json\b""", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""\s(props|wire:snapshot|x-data)\s*=\s*("[^"]*"|'[^']*')""",
                        re.IGNORECASE)
# Angular's TransferState before v16 escaped its JSON for HTML with these
_NG_ESCAPES = {"&q;": '"', "&s;": "'", "&l;": "<", "&g;": ">", "&a;": "&"}
_NG_ESCAPE = re.compile("|".join(map(re.escape, _NG_ESCAPES)))
_MARKS = re.compile(rb"application/json|<astro-island|wire:snapshot|\sx-data\s*=|"
                    rb"window\.__\w+__\s*=|\b(?:var|let|const)\s+[\w$]+\s*=\s*\[\s*\{",
                    re.IGNORECASE)


# a static build's page preloading the JSON its script will draw it from: Gatsby's
# ``<link as="fetch" rel="preload" href="/page-data/<route>/page-data.json">``, Nuxt 3
# generate's ``<link rel="preload" as="fetch" href="/<route>/_payload.json">``
_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_PRELOAD = re.compile(r"""\brel\s*=\s*["']?preload\b""", re.IGNORECASE)
_AS_FETCH = re.compile(r"""\bas\s*=\s*["']?fetch\b""", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_DATA_FOLDER = "page-data"  # Gatsby's folder of every route's data
# Gatsby inlines the site's global CSS in <head>, before the preload links: the style blocks
# are left out before the first ``_PRELOAD_SCAN`` characters are read (within ``_HEAD_SCAN``)
_STYLE = re.compile(r"<style\b.*?</style\s*>", re.IGNORECASE | re.DOTALL)
_PRELOAD_SCAN = 200_000
_HEAD_SCAN = 2_000_000


def data_file_url(text: str, page_url: str) -> str | None:
    """The JSON file of the page's own data that the page preloads for its script to draw
    from (see ``_LINK``): one in the page's own route, not the app's (``app-data.json``,
    another route's prefetch). None when it preloads none."""
    own = _route(urlsplit(page_url).path)
    head = _STYLE.sub("", text[:_HEAD_SCAN])[:_PRELOAD_SCAN]
    for tag in _LINK.findall(head):
        if not (_PRELOAD.search(tag) and _AS_FETCH.search(tag)):
            continue
        href = _HREF.search(tag)
        if href is None:
            continue
        try:  # a malformed href (``//[x/...``: "Invalid IPv6 URL") is skipped, not the page
            url = urljoin(page_url, html.unescape(href.group(1).strip("'\"")))
            parts, page = urlsplit(url), urlsplit(page_url)
        except ValueError:
            continue
        if parts.netloc != page.netloc or not parts.path.endswith(".json"):
            continue
        folder = parts.path.rsplit("/", 1)[0]
        if folder.startswith(f"/{_DATA_FOLDER}/"):
            folder = folder[len(_DATA_FOLDER) + 1:]
        if _route(folder) == own:
            return url
    return None


def _route(path: str) -> str:
    """A route's path without its trailing slash or ``index`` (Gatsby's name of "/")."""
    path = path.rstrip("/")
    return "" if path in ("", "/index") else path


def may_carry_data(body: bytes) -> bool:
    """Cheap test on the raw page before ``embedded_data``."""
    return _MARKS.search(body[:4_000_000]) is not None


def script_values(code: str) -> list[Any]:
    """The object and array literals ``code`` assigns or exports (see the module
    docstring), parsed; those that do not parse (code, not data) are left out."""
    code = code[:MAX_CODE]
    values: list[Any] = []
    end = 0
    for tries, match in enumerate(_ASSIGN.finditer(code)):
        if tries >= MAX_TRIES:
            break
        if match.end() < end:  # inside a literal already read
            continue
        value, end = _literal_at(code, match.end())
        if isinstance(value, (dict, list)) and value:
            values.append(value)
    return values


def _literal_at(code: str, start: int) -> tuple[Any, int]:
    """The literal at ``start`` and where it ends (``literal_end``), or (None, start)."""
    parse = _JSON_PARSE.match(code, start)
    if parse is not None:  # JSON.parse('...'): the string literal, then its JSON
        string = _STRING.match(code[:start + MAX_LITERAL], parse.end() - 1)
        end = string.end() if string else None
        chunk = "[" + string.group(0) + "]" if string else ""
    else:
        end = literal_end(code, start)
        chunk = code[start:end] if end else ""
    if end is None:
        return None, start
    try:
        value = chompjs.parse_js_object(chunk, loader_kwargs={"strict": False})
        if parse is not None:
            value = json.loads(value[0]) if value and isinstance(value[0], str) else None
    except (ValueError, TypeError, IndexError, RecursionError):
        return None, start
    if len(json.dumps(value, ensure_ascii=False, default=str)) < MIN_LITERAL:
        return None, start
    return value, end


# what a literal's end depends on: brackets, and the strings and comments they may be in
# (a string holds any bracket or ";": "Biaya: Rp 0; gratis"); ' and " end at their line
_TOKEN = re.compile(r"""'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`|"""
                    r"//[^\n]*|/\*.*?\*/|[\[\]{}()]", re.DOTALL)
_OPENS = {"[": 1, "{": 1, "(": 1, "]": -1, "}": -1, ")": -1}


def literal_end(code: str, start: int, limit: int = MAX_LITERAL) -> int | None:
    """Where the bracketed literal opening at ``start`` closes (the index after its last
    bracket), or None when it does not within ``limit`` characters. Not the next ";":
    a data file may have none (one ``const x = [...]`` a line), a string may hold one."""
    depth = 0
    for token in _TOKEN.finditer(code, start, min(len(code), start + limit)):
        step = _OPENS.get(token.group())
        if step is None:
            continue
        depth += step
        if depth <= 0:
            return token.end()
    return None


def embedded_data(text: str) -> dict[str, Any] | None:
    """Every carrier's data in the page ``text``, under one object (``{"script0": ...,
    "props1": ...}``), references resolved; None when it carries none that parses."""
    found: dict[str, Any] = {}
    for attrs, code in _SCRIPT.findall(text):
        if _SRC.search(attrs):
            continue
        if _JSON_TYPE.search(attrs):
            value = _json(_NG_ESCAPE.sub(lambda m: _NG_ESCAPES[m.group(0)], code.strip()))
            if value is not None:
                found[f"json{len(found)}"] = value
            continue
        for value in script_values(code):
            found[f"script{len(found)}"] = value
    for name, quoted in _ATTRIBUTE.findall(text):
        raw = html.unescape(quoted[1:-1])
        name = name.lower()
        if name == "x-data":
            value = _js(raw)
        else:
            value = _json(raw)
            if name == "props":
                value = astro_value(value)
            elif isinstance(value, dict):  # Livewire: the component's public properties
                value = livewire_value(value.get("data", value))
        if isinstance(value, (dict, list)) and value:
            found[f"{name.replace(':', '_')}{len(found)}"] = value
    if not found:
        return None
    return resolve_refs(_parsed_strings(found))


def _json(raw: str) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return None


def _js(raw: str) -> Any:
    try:
        return chompjs.parse_js_object(raw[:MAX_LITERAL], loader_kwargs={"strict": False})
    except (ValueError, TypeError, RecursionError):
        return None


def _parsed_strings(data: Any, depth: int = 0) -> Any:
    """``data`` with strings that are JSON objects or arrays parsed: SvelteKit ships a
    fetched answer's ``body`` as text."""
    if depth > MAX_DEPTH:
        return data
    if isinstance(data, dict):
        return {k: _parsed_strings(v, depth + 1) for k, v in data.items()}
    if isinstance(data, list):
        return [_parsed_strings(v, depth + 1) for v in data]
    if isinstance(data, str) and data[:1] in "[{" and data.rstrip()[-1:] in "]}":
        value = _json(data[:MAX_LITERAL])
        return _parsed_strings(value, depth + 1) if isinstance(value, (dict, list)) else data
    return data


def astro_value(value: Any) -> Any:
    """Astro's island props: an object whose values are ``[type, value]`` pairs (0 a plain
    value or object, 1 an array of pairs, 3 a date...)."""
    return _unwrapped(value, _astro_pair)


def livewire_value(value: Any) -> Any:
    """Livewire 3's dehydrated properties: arrays, collections and models as a tuple
    ``[value, {"s": "arr"}]`` (the second item names the synthesizer)."""
    return _unwrapped(value, _livewire_pair)


def _astro_pair(value: list[Any]) -> Any:
    if len(value) == 2 and isinstance(value[0], int) and not isinstance(value[0], bool):
        return value[1]
    return _NOT_PAIR


def _livewire_pair(value: list[Any]) -> Any:
    if len(value) == 2 and isinstance(value[1], dict) and "s" in value[1]:
        return value[0]
    return _NOT_PAIR


_NOT_PAIR = object()


def _unwrapped(value: Any, pair: Callable[[list[Any]], Any], depth: int = 0) -> Any:
    """``value`` with every list ``pair`` reads as a wrapper replaced by the value it wraps."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(value, list):
        inner = pair(value)
        if inner is not _NOT_PAIR:
            return _unwrapped(inner, pair, depth + 1)
        return [_unwrapped(v, pair, depth + 1) for v in value]
    if isinstance(value, dict):
        return {k: _unwrapped(v, pair, depth + 1) for k, v in value.items()}
    return value


def resolve_refs(data: Any) -> Any:
    """``data`` with Apollo's normalised references replaced by what they name: a cache is
    an object of entries under ids (``"Layanan:12"``), and an entry points to another as
    ``{"__ref": "Layanan:12"}`` (Apollo 3) or ``{"type": "id", "id": "Layanan:12"}``
    (Apollo 2). A reference to an entry being resolved (a cycle) stays a reference."""
    caches = [d for d in _objects(data) if any(_is_ref(v) for v in _walk(d))]
    entries: dict[str, Any] = {}
    for cache in caches:
        entries.update({k: v for k, v in cache.items() if isinstance(v, dict)})
    if not entries:
        return data

    def resolve(value: Any, depth: int, open_ids: frozenset[str]) -> Any:
        if depth > MAX_DEPTH:
            return value
        ref = _is_ref(value)
        if ref:
            if ref in open_ids or ref not in entries:
                return value
            return resolve(entries[ref], depth + 1, open_ids | {ref})
        if isinstance(value, dict):
            return {k: resolve(v, depth + 1, open_ids) for k, v in value.items()}
        if isinstance(value, list):
            return [resolve(v, depth + 1, open_ids) for v in value]
        return value

    return resolve(data, 0, frozenset())


def _is_ref(value: Any) -> str | None:
    if isinstance(value, dict):
        if len(value) == 1 and isinstance(value.get("__ref"), str):
            return value["__ref"]
        if value.get("type") == "id" and isinstance(value.get("id"), str) and (
                "generated" in value):
            return value["id"]
    return None


def _objects(data: Any, depth: int = 0) -> list[dict[str, Any]]:
    """The objects of ``data`` a normalised cache may be: the root and its carriers."""
    if not isinstance(data, dict) or depth > 2:
        return []
    return [data, *(o for v in data.values() for o in _objects(v, depth + 1))]


def _walk(data: Any, depth: int = 0) -> list[Any]:
    if depth > 3:
        return []
    if isinstance(data, dict):
        return [data, *(w for v in data.values() for w in _walk(v, depth + 1))]
    if isinstance(data, list):
        return [w for v in data[:50] for w in _walk(v, depth + 1)]
    return []
