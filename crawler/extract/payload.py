"""Pages whose data ships inside the HTML as JSON for a script app to draw.

Laravel + Inertia.js apps serve every page as ``<div id="app" data-page="{json}">``: the
page's records are in the attribute's ``props``, the page has no ``<a>`` at all, and its
``<title>`` is the app's name until the browser runs the bundle. Next.js writes
``<script id="__NEXT_DATA__" type="application/json">`` (the page's data in
``props.pageProps``), its app router the React Server Components payload in
``self.__next_f.push([1, "..."])`` scripts (the client components' props: an accordion's or a
tab's content the server left out of the HTML), Nuxt 3 ``<script id="__NUXT_DATA__">`` (a
flattened "devalue" array), Nuxt 2 ``window.__NUXT__ = {...}``. None of them calls an
endpoint a crawler could read (``crawler.extract.jsonlist``): the data is in the page, and
the app router's flight rows are drawn as HTML (``crawler.extract.flight``) for the sections
its tabs or accordion left out. Only a static build's data file beside the page (Gatsby's
``page-data.json``, Nuxt generate's ``_payload.json``: ``pagedata.data_file_url``) is
fetched, once, and read with its page (``with_data_file``).
Any other carrier (JS literals, Apollo's cache, Astro, Livewire, Angular, SvelteKit, Alpine)
is found by ``crawler.extract.pagedata``, and counts only when it holds a record: a Nuxt
app's runtime config says nothing of the page.

``page_data`` finds that JSON; ``read_payload`` says what the page is from it, with the
record rules of ``jsonlist``:

- the page *shows* one record when its data holds a record (a name and service fields)
  outside any list: a detail page, whose document is that record at the page's own URL
  (a list of "other services" beside it is only links); the record named as the page (its
  title, h1 or slug) before the one with most sections, a sidebar's featured service;
- else the page *lists* the records of its arrays: a listing, whose records with a URL of
  their own are links to follow (their pages carry the full record), whose records the page
  does not link are at the URL their linked siblings in the same array share
  (``/layanan/<slug>``; what such a record holds stays on the listing too, since the guess
  may not be a page), as many as ``MAX_LINKS`` leaves room for, and whose records placed
  nowhere are documents at ``<page>#<slug>``, as JSON records are;
- the same-site URLs the data names (records' ``url``, a paginator's ``next_page_url`` and
  ``links``) are the page's links, since it has no others; so are the public pages of the
  app's route list (Ziggy's ``routes``: GET routes without parameters, account pages aside),
  which its menu, drawn by code, links.

A page with text of its own (server-rendered: header, menu, footer, an open tab) is what its
HTML says, but the sections its tabs or accordion left out are taken from the record its data
shows under the page's own title (``_filled_in``); a record that only names the page
(``{"judul": "Kontak"}``) never replaces the page's text.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from crawler.extract.document import ExtractedPage
from crawler.extract.flight import RESOLVED_PER_CHAR, flight_html, read_rows
from crawler.extract.html import Link
from crawler.extract.jsonlist import (
    MAX_RECORDS,
    SHELL_WORDS,
    record_document,
    record_fields,
    says_more,
)
from crawler.extract.jsroutes import last_segment
from crawler.extract.pagedata import embedded_data, may_carry_data
from crawler.extract.service import SECTION_FIELDS, extract_service_fields, is_service
from crawler.extract.title import squash
from sikoja.documents import Document
from sikoja.schemes import is_web_url
from sikoja.urls import canonicalize_url, url_key

_INERTIA = re.compile(r"""<[a-z]+\b[^>]*?\sdata-page\s*=\s*("[^"]*"|'[^']*')""", re.IGNORECASE)
_DATA_SCRIPT = re.compile(
    r"""<script\b[^>]*\bid\s*=\s*["']?(__NEXT_DATA__|__NUXT_DATA__)["']?[^>]*>(.*?)</script""",
    re.IGNORECASE | re.DOTALL)
_NUXT2 = re.compile(r"window\.__NUXT__\s*=\s*(\{.*?\})\s*;?\s*</script", re.DOTALL)
# Ziggy (Laravel's route list for the browser, in nearly every Inertia app's <head>)
_ZIGGY = re.compile(r"\bZiggy\s*=\s*(\{.*?\})\s*;", re.DOTALL)
# routes that are an account's, not the public site's
_PRIVATE_ROUTE = re.compile(r"^(login|logout|register|password|verification|sanctum|ignition|"
                            r"profile|dashboard|admin|api|user|two-factor|storage)\b",
                            re.IGNORECASE)
# keys whose string values are URLs a page's data links to (a record's own page, a
# paginator's pages: Laravel's ``next_page_url``/``links``, an API resource's ``links.next``)
_URL_KEYS = {"url", "href", "link", "permalink", "next", "prev", "first", "last",
             "next_page_url", "prev_page_url", "first_page_url", "last_page_url"}
_ASSET = re.compile(r"\.(js|mjs|css|png|jpe?g|gif|svg|webp|ico|woff2?|ttf|map)$", re.IGNORECASE)
# wrappers of Nuxt 3's devalue format: ["Reactive", index] is the value at index
_DEVALUE_WRAPPERS = {"Reactive", "ShallowReactive", "Ref", "ShallowRef", "EmptyRef",
                     "EmptyShallowRef", "NuxtError"}
MAX_DEPTH = 12
MAX_LINKS = 200
_WORD = re.compile(r"\w+")
logger = logging.getLogger(__name__)
MIN_PROSE_WORDS = 6  # a string this long is text to read, not a label or a code


class _Budget:
    """Characters left for a payload's resolved values (a container costs one); past them
    a value is None."""

    def __init__(self, size: int) -> None:
        self.left = size

    def spend(self, value: Any) -> bool:
        self.left -= len(value) if isinstance(value, str) else 1
        return self.left >= 0


def page_data(text: str) -> Any | None:
    """The data a page carries for its script app (Inertia's props, Next's pageProps, Nuxt's
    payload; else any other carrier, ``crawler.extract.pagedata``), or None when it carries
    none that parses."""
    return _found_data(text)[0]


def _found_data(text: str, *, others: bool = True) -> tuple[Any | None, bool]:
    """(``page_data``, whether it came from the other carriers: ``embedded_data``'s
    object of them, each under its own key); ``others``: whether to look for those."""
    finders = (_inertia, _data_script, _rsc, _nuxt2, *((_embedded,) if others else ()))
    for finder in finders:
        try:
            found = finder(text)
        except (ValueError, RecursionError):
            continue
        if isinstance(found, (dict, list)) and found:
            return found, finder is _embedded
    return None, False


def _inertia(text: str) -> Any:
    match = _INERTIA.search(text)
    if match is None:
        return None
    data = json.loads(html.unescape(match.group(1)[1:-1]))
    return data.get("props", data) if isinstance(data, dict) else data


def _data_script(text: str) -> Any:
    match = _DATA_SCRIPT.search(text)
    if match is None:
        return None
    data = json.loads(match.group(2))
    if match.group(1) == "__NUXT_DATA__":
        return unflatten(data) if isinstance(data, list) else data
    props = data.get("props", {}) if isinstance(data, dict) else {}
    return props.get("pageProps", props) if isinstance(props, dict) else None


def _rsc(text: str) -> Any:
    """The props of the client components in a React Server Components payload (Next's app
    router), each under its row and place: ``{"9.0": {"layanan": {...}}}``. The payload is
    the strings of the ``self.__next_f.push([1, "..."])`` scripts joined (a stream flush may
    cut a row anywhere), one row a line, ``<id>:<JSON>``; an element is ``["$", type, key,
    props]``, a client component's type a reference (``"$L9"``), and a long string a text row
    (``<id>:T<hex length>,<text>``) that a value names as ``"$<id>"``. Server elements (the
    HTML's own tags) are already in the page and are left out."""
    read = read_rows(text)
    if read is None:
        return None
    texts = read.texts
    found: dict[str, Any] = {}
    budget = _Budget(RESOLVED_PER_CHAR * read.size)
    for ident, row in read.models:
        try:
            value = json.loads(row)
        except ValueError:
            continue
        for n, props in enumerate(_client_props(value, texts, budget)):
            found[f"{ident}.{n}"] = props
    return found


def _client_props(value: Any, texts: dict[str, str], budget: _Budget,
                  depth: int = 0) -> Iterator[Any]:
    """The props of the client components (``["$", "$L<id>", key, props]``) in ``value``,
    their ``$`` values resolved; a server element's props are searched for more."""
    if depth > MAX_DEPTH * 3:
        return
    if isinstance(value, list):
        if len(value) == 4 and value[0] == "$" and isinstance(value[1], str):
            props = value[3]
            if value[1].startswith("$L") and isinstance(props, dict):
                yield _rsc_value(props, texts, budget)
                return
            if isinstance(props, dict):
                yield from _client_props(list(props.values()), texts, budget, depth + 1)
            return
        for item in value:
            yield from _client_props(item, texts, budget, depth + 1)
    elif isinstance(value, dict):
        yield from _client_props(list(value.values()), texts, budget, depth + 1)


def _rsc_value(value: Any, texts: dict[str, str], budget: _Budget, depth: int = 0) -> Any:
    """A props value as the browser gets it: ``"$undefined"`` is no value, ``"$<id>"`` a
    text row, ``"$$..."`` a string that began with ``$``; other references (promises,
    dates, other rows' models) are no text to read. Strings past the payload's ``budget``
    are None: one text row may be named any number of times."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(value, dict):
        return {k: _rsc_value(v, texts, budget, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_rsc_value(v, texts, budget, depth + 1) for v in value]
    if isinstance(value, str) and value.startswith("$"):
        value = value[1:] if value.startswith("$$") else texts.get(value[1:])
    return value if not isinstance(value, str) or budget.spend(value) else None


def _nuxt2(text: str) -> Any:
    match = _NUXT2.search(text)
    return json.loads(match.group(1)) if match else None  # Nuxt 2's JS form is not JSON


def _embedded(text: str) -> Any:
    """Any other carrier's data, when it holds a record by the rule a script's literal is
    read by (``jsonlist.says_more``: a name and a description or a service section). A
    Nuxt app's runtime config (``window.__NUXT__ = {config: ...}``) or an empty
    ``__NEXT_DATA__`` says nothing of the page, whose scripts are then read as a shell's
    (``crawler.extract.jsonlist``); nor do a map's markers (``var lokasi = [{id: 1, nama:
    'Kantor Kelurahan', lat, lng}]``) or a theme's config naming the post (Elementor's
    ``{"post": {"id": 57, "title": ...}}``): with "a name and an id" as the bar, a
    kelurahan's contact page became a listing of its markers and lost its address."""
    data = embedded_data(text)
    if data is None:
        return None
    named = [*_loose_records(data), *(r for array in _arrays(data) for r in array)]
    return data if any(isinstance(r, dict) and says_more(r) for r in named) else None


def route_pages(text: str, page_url: str) -> list[tuple[str, str]]:
    """(url, route name) of the public pages an Inertia app's route list names: its GET
    routes without parameters ("layanan", "tentang"); the menu that links them is drawn by
    the app's code, so the route list is where a crawler learns of them."""
    match = _ZIGGY.search(text)
    if match is None:
        return []
    try:
        ziggy = json.loads(match.group(1))
    except (ValueError, RecursionError):
        return []
    routes = ziggy.get("routes") if isinstance(ziggy, dict) else None
    if not isinstance(routes, dict):
        return []
    base = str(ziggy.get("url") or page_url).rstrip("/") + "/"
    out = []
    for name, route in routes.items():
        uri = str(route.get("uri", "")) if isinstance(route, dict) else ""
        methods = route.get("methods", ["GET"]) if isinstance(route, dict) else []
        if ("{" in uri or "GET" not in methods or _PRIVATE_ROUTE.match(str(name))
                or _PRIVATE_ROUTE.match(uri)):
            continue
        url = _same_site_url(urljoin(base, uri.lstrip("/")), page_url)
        if url:
            out.append((url, str(name)))
    return out


def unflatten(values: list[Any]) -> Any:
    """Nuxt 3's payload: a flat array whose first item is the root and whose numbers inside
    objects and arrays are indexes into the array (negative ones: undefined, holes). Any
    item may be named any number of times: what they resolve to is held to a few times the
    payload's own size (``RESOLVED_PER_CHAR``), past which a value is None: nesting that
    names the next level a thousand times is a thousand to the power of the depth."""
    budget = _Budget(RESOLVED_PER_CHAR * sum(len(v) if isinstance(v, str) else 1
                                             for v in values))

    def value(index: Any, depth: int) -> Any:
        if not isinstance(index, int) or index < 0 or index >= len(values) or depth > MAX_DEPTH:
            return None
        item = values[index]
        if not budget.spend(item if isinstance(item, str) else None):
            return None
        if isinstance(item, dict):
            return {k: value(v, depth + 1) for k, v in item.items()}
        if isinstance(item, list):
            if item and isinstance(item[0], str):
                if item[0] in _DEVALUE_WRAPPERS:
                    return value(item[1], depth + 1) if len(item) > 1 else None
                if item[0] == "Date":
                    return item[1] if len(item) > 1 else None
                if item[0] in ("Set", "Map", "null", "RegExp", "BigInt"):
                    return [value(v, depth + 1) for v in item[1:]]
            return [value(v, depth + 1) for v in item]
        return item

    return value(0, 0)


@dataclass
class PayloadView:
    """What a page's data says the page is (see the module docstring)."""

    record: dict[str, Any] | None = None  # the one record the page shows
    # records it lists, the first MAX_RECORDS of its arrays
    records: list[dict[str, Any]] = field(default_factory=list)
    # its arrays of records, whole (only links are drawn from them past ``records``)
    lists: list[list[dict[str, Any]]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (url, text) it names


def read_payload(data: Any, page_url: str, title: str = "", *, heading: str = "",
                 carriers: bool = False) -> PayloadView:
    """``title``, ``heading``: the page's own title and h1. The record the page shows is,
    first, one outside any list named as the page (or whose slug is the URL's last segment)
    with service sections; then one of those names without them (a news post's page; not
    the data's root, an app's props named as the app); then the one with most sections.
    With the RSC payload every client component's props are in one object: a sidebar's
    featured service beside the page's own record is not the page. ``carriers``: ``data`` is
    ``embedded_data``'s object of carriers, whose own roots (a script's state, ``{title,
    items: [...]}``) are roots too, not records, and whose records are those that say more
    than a name and an id (``_embedded``)."""
    is_record = says_more if carriers else _is_record
    view = PayloadView()
    names = {_folded(n) for n in (title, heading) if n.strip()}
    slug = last_segment(page_url) or "\0"

    def named(record: dict[str, Any], by_slug: bool = True) -> bool:
        return _folded(_own_title(record)) in names or (by_slug and _slug(record) == slug)

    served = [r for r in _loose_records(data) if _sections(r)]
    view.record = max([r for r in served if named(r)], key=_sections, default=None)
    if view.record is None and names:
        roots = 2 if carriers and isinstance(data, dict) else 1
        view.record = next((r for r in _loose_records(data, below=roots) if is_record(r)
                            and named(r, by_slug=False)), None)
    if view.record is None:
        view.record = max(served, key=_sections, default=None)
    if view.record is None:
        view.lists = [listed for array in _arrays(data)
                      if (listed := [r for r in array if isinstance(r, dict) and is_record(r)])]
        # as many as a JSON list gives: a payload of a million rows is no million pages
        view.records = [r for listed in view.lists for r in listed][:MAX_RECORDS]
    seen: set[str] = set()
    for url, text in _urls(data, page_url):
        if url not in seen and len(seen) < MAX_LINKS:
            seen.add(url)
            view.links.append((url, text))
    return view


def own_url(record: dict[str, Any], page_url: str) -> str | None:
    """The same-site page a record names as its own, if any."""
    for key, value in record.items():
        if str(key).lower() in _URL_KEYS and isinstance(value, str):
            url = _same_site_url(value, page_url)
            if url:
                return url
    return None


def _title(record: dict[str, Any]) -> str:
    title = record_fields(record).get("title")
    return title.strip() if isinstance(title, str) else ""


def _slug(record: dict[str, Any]) -> str:
    slug = record_fields(record).get("slug")
    return slug.strip().lower() if isinstance(slug, str) and slug.strip() else "\0"


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _own_title(record: dict[str, Any]) -> str:
    return _title({k: v for k, v in record.items() if not isinstance(v, (dict, list))})


def _is_record(item: Any) -> bool:
    """A record names something and says more than its name and link: pagination links
    (``{"url", "label", "active"}``) and menus are not records."""
    if not isinstance(item, dict) or not _title(item):
        return False
    mapped = record_fields(item)
    return bool({"description", "slug", *SECTION_FIELDS} & mapped.keys()) or "id" in item


def _sections(record: dict[str, Any]) -> int:
    """How many service sections a record fills, counting its own keys only."""
    own = {k: v for k, v in record.items() if not isinstance(v, dict)}
    mapped = record_fields(own)
    return sum(1 for name in SECTION_FIELDS if mapped.get(name)) if _title(own) else 0


def _loose_records(data: Any, depth: int = 0, below: int = 0) -> Iterator[dict[str, Any]]:
    """Objects outside any array, the data's root and its nested objects; ``below``: only
    those at least that deep."""
    if isinstance(data, dict) and depth <= MAX_DEPTH:
        if depth >= below:
            yield data
        for value in data.values():
            yield from _loose_records(value, depth + 1, below)


def _arrays(data: Any, depth: int = 0) -> Iterator[list[Any]]:
    if depth > MAX_DEPTH:
        return
    if isinstance(data, list):
        yield data
        for item in data:
            yield from _arrays(item, depth + 1)
    elif isinstance(data, dict):
        for value in data.values():
            yield from _arrays(value, depth + 1)


def _urls(data: Any, page_url: str, depth: int = 0) -> Iterator[tuple[str, str]]:
    """(url, text) of the same-site URLs under link keys; a record's link is named by the
    record's name."""
    if depth > MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from _urls(item, page_url, depth + 1)
    elif isinstance(data, dict):
        name = ""
        for key, value in data.items():
            if str(key).lower() in _URL_KEYS and isinstance(value, str):
                url = _same_site_url(value, page_url)
                if url:
                    name = name or _title(data)
                    yield url, name
            elif isinstance(value, (dict, list)):
                yield from _urls(value, page_url, depth + 1)


def _prose(data: Any, depth: int = 0) -> Iterator[str]:
    """The sentences in the data's strings (HTML a rich-text editor saved, as text)."""
    if depth > MAX_DEPTH:
        return
    if isinstance(data, dict):
        data = list(data.values())
    if isinstance(data, list):
        for value in data:
            yield from _prose(value, depth + 1)
    elif isinstance(data, str):
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", data)).split())
        if len(text.split()) >= MIN_PROSE_WORDS:
            yield text


def _same_site_url(value: str, page_url: str) -> str | None:
    value = value.strip()
    if not value or " " in value or not (value.startswith(("/", "http://", "https://"))):
        return None
    url = urljoin(page_url, value)
    if not is_web_url(url) or _ASSET.search(urlsplit(url).path):
        return None
    a, b = urlsplit(url), urlsplit(page_url)
    same = (a.hostname or "").removeprefix("www.") == (b.hostname or "").removeprefix("www.")
    return url.split("#", 1)[0] if same and a.port == b.port else None


def _says_of_its_own(doc: Document) -> bool:
    """Whether the page's HTML gave it a service's sections or a contact page's details,
    which a script's data never replaces: a short service page with a theme's config or a
    map beside it is what its HTML says (a KIA page with Elementor's ``{"post": {"id": 57,
    "title": ...}}`` lost its requirements and cost). A kind alone is no such thing: an
    app's skeleton page is a service by its path or headline until its data is read."""
    contact = doc.fields.get("contact")
    return bool(doc.fields.keys() & set(SECTION_FIELDS)) or (
        isinstance(contact, dict) and bool(contact.get("page")))


def _filled_in(page: ExtractedPage, text: str, *, source: str, opd: str) -> ExtractedPage:
    """A page with text of its own, and the service sections its HTML left out (tabs or an
    accordion that render only the open panel): from the record its app's data shows
    (``_record_filled``), else from the content its app-router payload passes to those
    client components (``_drawn_filled``)."""
    if not any(mark in text for mark in _TEXT_MARKS):  # not a JSON script's, x-data's
        return page
    filled = _record_filled(page, text, source=source, opd=opd)
    return filled if filled is not page else _drawn_filled(page, text)


def _drawn_filled(page: ExtractedPage, text: str) -> ExtractedPage:
    """The page with the sections of its app-router payload drawn whole
    (``crawler.extract.flight``: a closed accordion item's content is the children the server
    passed to the client component) that its HTML lacks, and the drawn lines it does not
    say; a page that becomes a service by them is one. Sections the HTML has stay its own,
    and a listing stays a listing (its cards' sections are its services', not its own)."""
    doc = page.document
    if "__next_f" not in text or doc.fields.get("listing"):
        return page
    heading = str(page.title_evidence.get("body_h1") or "")
    try:
        drawn = flight_html(text)
        if drawn is None:
            return page
        soup = BeautifulSoup(drawn, "lxml")
        fields = extract_service_fields(soup, doc.url,
                                        titles=[t for t in (doc.title, heading) if t])
    except (ValueError, TypeError, RecursionError) as exc:  # a broken payload: the HTML's page
        logger.warning("%s: RSC flight rows not drawn, the page is read as its HTML says "
                       "(%s: %s)", doc.url, type(exc).__name__, exc)
        return page
    new = {k: v for k, v in fields.items() if k in SECTION_FIELDS and k not in doc.fields}
    if not new:
        return page
    have = set(_WORD.findall(doc.text.casefold()))
    added: list[str] = []
    for line in soup.get_text("\n").splitlines():
        line = squash(line)
        if line and not _said(line, have):
            added.append(line)
            have.update(_WORD.findall(line.casefold()))
    merged = {**doc.fields, **new}
    kind = doc.kind
    if kind == "page" and is_service(merged):
        kind = "service"
        merged.pop("kind_confidence", None)
    document = replace(doc, kind=kind, fields=merged, text="\n".join([doc.text, *added]))
    return replace(page, document=document, payload=True)


def _record_filled(page: ExtractedPage, text: str, *, source: str, opd: str) -> ExtractedPage:
    """The page and the service sections it lacks from the record its app's data shows: the
    record named as the page's title or heading, holding a section the page lacks. The
    page's text is kept, and the record's lines with a word it does not have are added (the
    open tab's requirements are not said twice). Only the apps' own carriers are read (not
    ``_embedded``'s): a script's literal beside server-rendered text is not said to be the
    page, and a long page is not parsed for them."""
    data, _carriers = _found_data(text, others=False)
    return page if data is None else _filled_from(page, data, source=source, opd=opd)


MAX_DATA_FILE = 5_000_000  # bytes of a page's data file read


def with_data_file(page: ExtractedPage, body: bytes, *, source: str, opd: str) -> ExtractedPage:
    """``page`` filled in (as ``_record_filled`` does) from the data file its static build
    wrote beside it (``pagedata.data_file_url``): Gatsby's ``page-data.json``, whose
    ``result.data`` is the page's query result, or Nuxt's ``_payload.json`` (devalue's flat
    array). A file that is no JSON, or too long, leaves the page as it is; so does any file
    of a listing (a list is never turned into a service that says it is a list)."""
    if len(body) > MAX_DATA_FILE or page.document.fields.get("listing"):
        return page
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return page
    if isinstance(data, dict) and isinstance(data.get("result"), dict):
        data = data["result"].get("data")
    elif isinstance(data, list):
        data = unflatten(data)
    if not isinstance(data, (dict, list)) or not data:
        return page
    return _filled_from(page, data, source=source, opd=opd)


def _filled_from(page: ExtractedPage, data: Any, *, source: str, opd: str) -> ExtractedPage:
    """``page`` with the sections it lacks from the record ``data`` shows under the page's
    own title or heading (``_record_filled``)."""
    doc = page.document
    heading = str(page.title_evidence.get("body_h1") or "")
    view = read_payload(data, doc.url, doc.title, heading=heading)
    if view.record is None:
        return page
    if _folded(_own_title(view.record)) not in {_folded(n) for n in (doc.title, heading) if n}:
        return page
    record = record_document(view.record, page_url=doc.url, endpoint_url=doc.url,
                             source=source, opd=opd, fetched_at=doc.fetched_at, at=doc.url)
    if record is None or not (record.fields.keys() & set(SECTION_FIELDS)) - doc.fields.keys():
        return page
    have = set(_WORD.findall(doc.text.casefold()))
    added = [line for line in record.text.splitlines() if not _said(line, have)]
    # the kind is the record's, and so is how sure it is (none: sure)
    own = {k: v for k, v in doc.fields.items() if k != "kind_confidence"}
    document = replace(doc, kind=record.kind, fields={**own, **record.fields},
                       text="\n".join([doc.text, *added]))
    return replace(page, document=document, payload=True)


def _said(line: str, have: set[str]) -> bool:
    """Whether a record's line (``Persyaratan: a; b``) is already on a page with the words
    ``have``: all its words, or, when its value has two words or more, those after its
    label (the open tab may be named "Syarat")."""
    value = set(_WORD.findall(line.partition(": ")[2].casefold()))
    return set(_WORD.findall(line.casefold())) <= have or (len(value) >= 2 and value <= have)


def _says_less(record: Document, doc: Document) -> bool:
    """Whether a record the page's data shows holds no service section and fewer words than
    the page's own text."""
    return (not record.fields.keys() & set(SECTION_FIELDS)
            and len(record.text.split()) < len(doc.text.split()))


def _named_text(record: dict[str, Any], doc: Document | None) -> str:
    """A record's name and what its document says, the name once."""
    title = _title(record)
    text = doc.text if doc is not None else ""
    return text if text.split("\n", 1)[0] == title else "\n".join(t for t in (title, text) if t)


MIN_SIBLINGS = 2  # linked records that must agree on a folder before others are put in it


def sibling_urls(records: list[dict[str, Any]], links: list[Link]) -> dict[str, tuple[str, str]]:
    """slug -> (url, name) of the records of a list the page does not link, where the records
    it does link, by their slugs, are all in one folder (``/layanan/<slug>``): the others'
    pages are in that folder too, named by their slugs as their siblings are (the list
    renders five and a button; the data holds seven)."""
    by_segment = {last_segment(link.url): link.url for link in links}
    folders = set()
    shown = 0
    for record in records:
        url = by_segment.get(_slug(record))
        if url is not None:
            shown += 1
            if urlsplit(url).query:  # /?page_id=12: no folder names it
                return {}
            path = urlsplit(url).path
            trail = "/" if path.endswith("/") else ""
            folders.add((url[: url.rstrip("/").rfind("/") + 1], trail))
    if shown < MIN_SIBLINGS or len(folders) != 1:
        return {}
    folder, trail = folders.pop()
    out = {}
    for record in records:
        slug = _slug(record)
        if slug != "\0" and slug not in by_segment and re.fullmatch(r"[\w\-.~%]+", slug):
            out[slug] = (folder + slug + trail, _title(record))
    return out


_TEXT_MARKS = ("data-page", "__NEXT_DATA__", "__NUXT", "__next_f")  # the apps' own carriers
_MARKS = tuple(mark.encode() for mark in _TEXT_MARKS)


def may_embed_data(body: bytes) -> bool:
    """Cheap test on the raw page before ``with_payload``."""
    head = body[:4_000_000]
    return any(mark in head for mark in _MARKS) or may_carry_data(head)


def with_payload(page: ExtractedPage, text: str, *, source: str, opd: str) -> ExtractedPage:
    """``page`` as the data it embeds says it is: the record it shows, or a listing of the
    records it holds (see the module docstring), with the data's links. A page with text of
    its own, or whose HTML gives it a service's sections or a contact page's details, is
    only filled in (``_filled_in``); one without data is returned as it is."""
    doc = page.document
    if len(doc.text.split()) >= SHELL_WORDS or _says_of_its_own(doc):
        # a short page with its own sections or contact details is what its HTML says,
        # whatever carries its data (a client navbar's menu items are no list of records)
        return _filled_in(page, text, source=source, opd=opd)
    data, carriers = _found_data(text)
    if data is None:
        return page
    view = read_payload(data, doc.url, doc.title,
                        heading=str(page.title_evidence.get("body_h1") or ""), carriers=carriers)
    own = url_key(doc.url)
    links = [Link(canonicalize_url(u), t) for u, t in [*view.links, *route_pages(text, doc.url)]
             if url_key(u) != own]
    record = None
    if view.record is not None:
        record = record_document(view.record, page_url=doc.url, endpoint_url=doc.url,
                                 source=source, opd=opd, fetched_at=doc.fetched_at, at=doc.url)
    if record is not None and _says_less(record, doc):
        # the data names the page ({"judul": "Kontak", "slug": "kontak"}) and says less than
        # the page's HTML: the page is what its HTML says, with the data's links
        return replace(page, links=[*page.links, *links], payload=True)
    evidence = page.title_evidence
    if record is not None:
        # a record's own date (a news post's, never its row's created/updated) over the
        # server's Last-Modified, which an app's shell gets at every deploy
        document = replace(record, last_modified=record.last_modified or doc.last_modified,
                           breadcrumbs=doc.breadcrumbs)
        parts: list[Document] = []
        # the app draws the record's name as the page's heading: what the site's title rule
        # (crawler.sitetitles) falls back to where <title> is only the app's name
        evidence = {**evidence, "headings": [[1, record.title]], "body_h1": record.title}
    else:
        # a record the page links by its slug (a server-rendered list) is that link's page;
        # one it does not link (a "show all" button's, a closed tab's) is at the URL its
        # linked siblings share, with its own slug: only siblings in its own array (not a
        # list of categories beside it), and no more than the page's links leave room for;
        # the rest are documents at <page>#<slug>
        linked = {last_segment(link.url) for link in page.links}
        placed: dict[str, tuple[str, str]] = {}
        for records in view.lists:
            placed.update(sibling_urls(records, page.links))
        placed = dict(list(placed.items())[:max(0, MAX_LINKS - len(view.links))])
        links += [Link(canonicalize_url(u), t) for u, t in placed.values()
                  if url_key(u) != own]
        unlinked = [r for r in view.records
                    if own_url(r, doc.url) is None and _slug(r) not in linked]
        read = {id(r): record_document(r, page_url=doc.url, endpoint_url=doc.url, source=source,
                                       opd=opd, fetched_at=doc.fetched_at) for r in unlinked}
        parts = [d for r in unlinked if _slug(r) not in placed
                 and (d := read[id(r)]) is not None and d.url != doc.url]
        # a guessed page may not be there: what its record holds stays on the listing
        names = [_named_text(r, read.get(id(r))) if _slug(r) in placed else _title(r)
                 for r in view.records]
        if names:
            document = replace(doc, kind="page", fields={"listing": True},
                               text="\n".join(t for t in [doc.text, *names] if t))
        else:  # a page of prose ("Tentang"): the text its data holds
            document = replace(doc, text="\n".join(t for t in [doc.text, *_prose(data)] if t))
    result = replace(page, document=document, links=[*page.links, *links],
                     parts=[*page.parts, *parts], payload=True, title_evidence=evidence)
    # a page neither a record nor a list shows: its closed panels may be drawn in the rows
    return result if record is not None or document.fields.get("listing") else _drawn_filled(
        result, text)
