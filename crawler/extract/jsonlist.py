"""Sites whose service list is rendered in the browser from a JSON endpoint.

Some OPD sites serve an HTML shell (a title and ``<div id="app"></div>``) plus a script,
inline or a same-site ``.js`` file, that calls ``fetch('/api/layanan.json')``,
``$.getJSON(...)``, ``axios.get(...)`` or ``xhr.open('GET', ...)`` and draws the list. A
crawler that reads HTML sees nothing there. sikoja reads the JSON instead, or says plainly
that it cannot:

1. ``shell_scripts`` finds, in a page with (almost) no text of its own, the inline script
   code and the same-site script files (libraries such as jQuery aside); a page with text
   is read only for what its inline code loads into an empty app mount;
2. ``endpoints`` finds in script code the same-site URLs it loads: string literals passed to
   fetch/getJSON/axios/open/``url:``, or ending in ``.json``, or under ``/api/``/``/data/``;
   relative ones resolve against the *page* (as a browser's fetch does), not the script;
   a path joined to a base constant (``n + "/layanan"``) counts, the base alone does not
   (``crawler.extract.jsroutes``); a query asking for JSON counts too (GData's ``alt=json``,
   JSONP's ``alt=json-in-script`` or ``callback=``), and a ``<script src>`` answering JSONP
   (a Blogger table of contents) is such an endpoint, not a script to read; a script file
   whose literals hold records (a data file's ``var dataLayanan = [{nama: '...', syarat:
   [...]}]``, ``script_records``) is such a list itself, its records read as an endpoint's are;
3. ``json_records`` takes the array of records (top level, or one level down under
   ``data``, ``items``, ``results``, ``layanan``...; a paginated list's further pages are
   read too, ``next_page``: Laravel's ``next_page_url``, ``links.next``; a JSONP answer,
   ``callback({...});``, is the JSON it wraps) and
   ``record_document`` maps each
   record's common Indonesian/English keys onto a Document: a record with service fields
   is a ``service`` whose ``fields`` are those of a service page, so the answer card works;
   a key no alias names is read by its words as a page's section label would be
   (``crawler.extract.service.FIELD_LABELS``: ``waktu_penyelesaian``, ``processing_time``);
   a key whose name says nothing (``col1``, ``info``, ``pungutan``) by its values, compared
   across the records of the endpoint (``value_columns``, ``crawler.extract.jsonvalues``),
   and a list of label and value pairs (``[{"label": "Biaya", "value": "Gratis"}]``) by
   its labels;
   JSON:API's ``relationships`` are read from its ``included`` resources;
4. a list that names its records only (``{id, nama}``) is completed from the detail endpoint
   the app's code builds for a record (``/api/layanan/12``, ``/data/layanan/12.json``,
   ``/api/v2/layanan-detail?slug=...``: ``DetailTemplate``, ``detail_candidates``), once
   the answer for one record is that record (``same_record``): one record, bare or in an
   envelope (``{status, data: {...}}``, ``detail_record``); the spider stores the merged
   record where the list's would be;
5. records of one list are compared with each other (``settle_kinds``): grouped by a
   category-like key (``kategori``, ``type``), a group mostly of services by their fields
   makes its unsure records services; a dated record shown in the news section is news.

A record with a URL of its own is that URL's document; one without is shown where the
site shows it: the URL the site lists whose last path part is its slug, or the route the
app's code builds from its slug or id (``/layanan/<slug>``, ``/#/layanan/<slug>``: see
``crawler.extract.jsroutes``); else ``<page url>#<slug of its name>``, as a catalog app
without URL is ``<catalog>#<slug>``.
Its ``parent_url`` is the endpoint it came from, so a record that leaves the JSON leaves
the index. A shell whose scripts load no readable JSON is reported by the spider as
unreadable (reason kind ``javascript``), with its URL, in the site-health report; a shell
whose records were read is a listing of them (``as_listing``), whatever else says what it
is (an app catalog listing its URL keeps it a listing: ``sikoja.apps``), so each service
outranks the page that draws the list.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from html import unescape
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from crawler.blogger import blog_feed, declared_blogs
from crawler.extract.catalog import slugify
from crawler.extract.dates import parse_iso
from crawler.extract.document import (
    NEWS_BY_PATH,
    is_news_path,
    is_service_path,
    service_evidence,
)
from crawler.extract.html import squash
from crawler.extract.jsonvalues import (
    columns,
    labelled_pairs,
    meta_key,
    scalar_field,
    value_field,
)
from crawler.extract.jsroutes import (
    RELATIVE_BASE,
    api_origins,
    base_constants,
    constants_of,
    detail_templates,
    joined_strings,
    name_before,
    record_page,
    route_params,
    route_templates,
)
from crawler.extract.lang import detect_language
from crawler.extract.pagedata import script_values
from crawler.extract.posts import PostCall, action_names, post_calls
from crawler.extract.richblocks import blocks_html
from crawler.extract.richtext import plain_text, rich_body, rich_text, text_body
from crawler.extract.service import SECTION_FIELDS, is_service, match_label
from sikoja.documents import Document
from sikoja.schemes import is_followable, is_web_url
from sikoja.urls import canonicalize_url, origin, url_key

# A page whose main text is shorter than this is a shell when it has scripts: its scripts
# are read for JSON. It is reported unreadable when they load none only if it is (nearly)
# empty, or mounts a script app (a short contact page with theme scripts is not unreadable).
SHELL_WORDS = 60
EMPTY_WORDS = 20
SENTENCE_WORDS = 6  # a line this long is something the page says of its own
_APP_MOUNT = re.compile(
    r"<(div|main|section)\b[^>]*\bid\s*=\s*[\"']?(app|root|__next|__nuxt|vue-app|react-root)"
    r"\b[^>]*>\s*</\1>|<noscript\b[^>]*>[^<]*javascript", re.IGNORECASE)
# an app's list template written in the page itself (Vue from a CDN over an in-DOM template,
# AngularJS, Alpine, Angular): the attribute of the element its script repeats once per
# record, found alone (linear), then checked to stand in a tag (``_in_tag``): one pattern
# from the tag's "<" over "[^>]*" rescans the text to the next ">" from every "<", minutes
# on an inline script of comparisons (``a<b``)
_LIST_TEMPLATE = re.compile(r"""\s(?:v-for|ng-repeat|x-for|\*ngFor)\s*=""", re.IGNORECASE)
_TAG_NAME = re.compile(r"<[a-z][\w-]*\s", re.IGNORECASE)
MAX_TAG_CHARS = 2000  # how far back from the attribute its tag's "<" is looked for
MAX_TEMPLATE_TRIES = 50  # attributes looked at on one page
# an interpolation of such a template as the page's text shows it unrendered: "{{ item.judul }}"
_INTERPOLATION = re.compile(r"\{\{\s*[A-Za-z_$][^{}\n]{0,120}\}\}")
TEMPLATE_VALUES = 2  # interpolations in a page's text that make it a template, not prose
# an element whose text such a template binds to a record's value (Alpine's ``x-text``),
# empty in the page as served
_BOUND_TEXT = re.compile(r"""\s(?:x-text|v-text|ng-bind|x-html|v-html)\s*=""", re.IGNORECASE)
# the code a template element runs when it is set up: Alpine's ``x-init``, AngularJS's ``ng-init``
_INIT_CODE = re.compile(r"""\s(?:x-init|ng-init)\s*=\s*(?:"([^"]{1,2000})"|'([^']{1,2000})')""",
                        re.IGNORECASE)
MAX_SCRIPT_FILES = 5  # per page: the app's own bundle, not every widget
MAX_SITE_SCRIPTS = 20  # script files a site's imports may add to what its pages name
MAX_ENDPOINTS = 10
MAX_RECORDS = 2000

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]+)"|'([^']+)'|([^\s>]+))""", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
# script files a page names in <link rel="prefetch|preload|modulepreload"> (async chunks)
_PRELOAD = re.compile(r"<link\b([^>]*)>", re.IGNORECASE)
_PRELOAD_REL = re.compile(r"""\brel\s*=\s*["']?(?:prefetch|preload|modulepreload)\b""",
                          re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]+)"|'([^']+)'|([^\s>]+))""", re.IGNORECASE)
_LIBRARY = re.compile(
    r"(jquery|bootstrap|popper|vue(\.runtime)?(\.global)?(\.min)?\.js|react|angular|axios|"
    r"lodash|moment|chart|swiper|owl\.|slick|aos|gsap|select2|datatables|sweetalert|"
    r"fontawesome|analytics|gtag|googletag|recaptcha|wp-emoji|wp-includes|polyfill|"
    r"modernizr|html5shiv|respond\.js)", re.IGNORECASE)
_STRING = re.compile(r"""(['"`])((?:\\.|(?!\1)[^\\\n]){1,300})\1""")
# (POST calls are not here: crawler.extract.posts reads them, and asks only those it
# allows; a POST call found here would be asked as a GET, which a CodeIgniter method runs
# as it runs a POST)
_CALLED = (r"""(?:\bfetch|\bgetJSON|\baxios(?:\.get)?|\$\.get|\$\.ajax|"""
           r"""\$http(?:\s*\.\s*get)?|"""
           r"""\.open\s*\(\s*['"]GET['"]\s*,|\burl\s*:)\s*\(?\s*""")
_CALL = re.compile(_CALLED + r"""(['"`])((?:\\.|(?!\1)[^\\\n]){1,300})\1""", re.IGNORECASE)
# a call on a name joined to a literal and nothing after it: ``$.getJSON(url + "?callback=?")``
_CALL_JOIN = re.compile(_CALLED + r"""([A-Za-z_$][\w$]*)\s*\+\s*(['"])"""
                        r"""((?:\\.|(?!\2)[^\\\n]){1,300})\2(?!\s*\+)""", re.IGNORECASE)
# jQuery's JSONP placeholder (``callback=?``), which it replaces with a callback it names
_JQUERY_CALLBACK = re.compile(r"(^|&)((?:callback|jsonp)=)\?(?=&|$)", re.IGNORECASE)
JQUERY_CALLBACK = "jQueryCallback"
_SCRIPT_TAG = re.compile(rb"<script", re.IGNORECASE)
_LOADS = re.compile(rb"\bfetch\s*\(|getJSON|axios|\.open\s*\(\s*['\"]GET", re.IGNORECASE)
# where an API lives: a ".json" file, an /api/ or /data/ folder, WordPress's REST API
_DATA_PATH = re.compile(r"(\.json$|(^|/)(api|data|wp-json)/)", re.IGNORECASE)
# a query asking for JSON, or for JSON wrapped in a callback (JSONP): Google's GData feeds'
# ``alt=json`` and ``alt=json-in-script`` (a Blogger table of contents loads its post list
# as ``<script src="/feeds/posts/default?alt=json-in-script&callback=toc">``)
# -- asked of a feed's path only (a share button's ``/share/count?callback=cb`` or a
# tracker's is no data), and of its posts: a comments feed (``/feeds/comments/default``,
# a post's ``/feeds/<id>/comments/default``) holds readers' comments, no documents
_DATA_QUERY = re.compile(r"(^|&)(alt=json(-in-script)?|callback=[\w$.]|jsonp=[\w$.])",
                         re.IGNORECASE)
_JSONP_QUERY = re.compile(r"(^|&)(alt=json-in-script|callback=[\w$.]|jsonp=[\w$.])",
                          re.IGNORECASE)
# ...but a query asking for JSON by name asks it of any path (``/instansi/daftar?alt=json``
# is data; a share counter's or tracker's ``?callback=cb`` names no format)
_ASKS_JSON = re.compile(r"(^|&)alt=json(-in-script)?(&|$)", re.IGNORECASE)
_FEED_PATH = re.compile(r"(^|/)feeds/", re.IGNORECASE)
_COMMENTS_FEED = re.compile(r"(^|/)feeds/([^/]+/)?comments(/|$)", re.IGNORECASE)
_ASSET = re.compile(r"\.(js|mjs|css|png|jpe?g|gif|svg|webp|ico|woff2?|ttf|map)$", re.IGNORECASE)
_PAGE = re.compile(r"\.(html?|php|aspx?)$", re.IGNORECASE)  # data only when a script loads it
_PLACEHOLDER = re.compile(r"^[-–—_.\s]+$")
_CODE = re.compile(r"^[A-Z0-9_]{1,5}$")  # "IDR", "ID": a code beside an object's text
_NON_SCRIPT_TYPES = ("text/template", "text/x-template", "text/html", "application/ld+json",
                     "text/x-handlebars-template", "application/json")

# record key -> field, after lowercasing and turning spaces and dashes into underscores
_KEYS = {
    "title": ("nama_layanan", "nama", "name", "judul", "title", "layanan", "nama_pelayanan",
              "jenis_layanan"),
    "description": ("deskripsi", "keterangan", "description", "isi", "uraian", "ringkasan",
                    "content", "summary"),
    "requirements": ("persyaratan", "syarat", "requirements", "persyaratan_layanan",
                     "dokumen", "berkas"),
    "procedure": ("prosedur", "alur", "mekanisme", "procedure", "langkah", "tata_cara",
                  "sistem_mekanisme_prosedur", "steps"),
    "cost": ("biaya", "tarif", "cost", "biaya_tarif", "retribusi", "fee"),
    "duration": ("waktu", "lama", "jangka_waktu", "duration", "waktu_pelayanan",
                 "waktu_penyelesaian", "lama_proses"),
    "location": ("lokasi", "tempat", "location", "alamat", "tempat_pelayanan"),
    "legal_basis": ("dasar_hukum", "legal_basis", "regulasi"),
    "online_url": ("online_url", "link_online", "aplikasi", "url_aplikasi"),
    "url": ("url", "link", "detail_url", "href", "permalink", "tautan"),
    "slug": ("slug",),
}
_LIST_KEYS = ("data", "items", "results", "result", "layanan", "services", "records",
              "rows", "list", "daftar")
MAX_DEPTH = 4  # how deep an API may nest its array of records
# Words of a key, for keys named by no exact alias: the first name whose cue a key's word is
# (order matters: "waktu_layanan" is a duration, "nama_layanan" a title).
_KEY_WORDS = (
    ("requirements", {"syarat", "persyaratan", "requirement", "requirements", "berkas"}),
    ("procedure", {"prosedur", "alur", "mekanisme", "procedure", "procedures", "langkah",
                   "tahapan", "steps", "step"}),
    ("cost", {"biaya", "tarif", "cost", "costs", "retribusi", "fee", "fees", "charge",
              "charges", "harga", "price"}),
    ("duration", {"waktu", "lama", "durasi", "duration", "jangka", "estimasi", "sla"}),
    ("location", {"lokasi", "tempat", "alamat", "location", "address", "loket"}),
    ("legal_basis", {"hukum", "regulasi", "legal", "perda", "perwal"}),
    ("online_url", {"aplikasi", "online", "daring"}),
    ("url", {"url", "link", "href", "permalink", "tautan"}),
    ("description", {"deskripsi", "keterangan", "description", "uraian", "ringkasan",
                     "summary", "isi", "content", "konten", "body", "excerpt"}),
    ("title", {"nama", "name", "judul", "title", "label", "layanan", "pelayanan", "service"}),
)
# keys that hold no citizen-facing text whatever their other words
_NOT_TEXT_WORDS = {"id", "icon", "ikon", "gambar", "image", "img", "foto", "photo", "warna",
                   "color", "urutan", "order", "created", "updated", "at", "kode", "code",
                   "uuid", "status", "slug"}
_HEADINGS = {"requirements": "Persyaratan", "procedure": "Prosedur", "cost": "Biaya",
             "duration": "Waktu Penyelesaian", "location": "Lokasi",
             "legal_basis": "Dasar Hukum"}
_LIST_FIELDS = ("requirements", "procedure")


@dataclass
class ShellScripts:
    """What a page's scripts load: JSON endpoints seen inline, script files to read."""

    shell: bool  # (almost) no text of its own, and scripts that may draw it
    empty: bool = False  # a shell with nothing to read without its scripts
    endpoints: list[str] = field(default_factory=list)
    script_files: list[str] = field(default_factory=list)
    routes: list[tuple[str, str]] = field(default_factory=list)  # jsroutes.route_templates
    posts: list[PostCall] = field(default_factory=list)  # the POSTs its inline code makes
    # the Blogger blogs the page declares itself of: their feeds on www.blogger.com are the
    # source's own (crawler.blogger)
    blogs: frozenset[str] = frozenset()
    # a page with text of its own whose app draws its list from the data its code loads into
    # a template written in the page (``templated``): the list of the records read
    templated: bool = False
    # the detail URLs its inline code builds from a record (``jsroutes.detail_templates``:
    # ``axios.get('api/layanan/' + item.id)`` in a modal's handler), relative to the page
    details: list[tuple[str, str, str]] = field(default_factory=list)


def as_listing(page: Document) -> Document:
    """The shell ``page`` once its scripts' records were read: the list of them. The office's
    contact its footer gives stays (a template page's "Alamat: Jl. ..."), as a listing
    read from its HTML keeps it."""
    contact = page.fields.get("contact")
    return replace(page, kind="page",
                   fields={"listing": True, **({"contact": contact} if contact else {})})


# the modules an ES build's script loads: its static imports and the import() of its lazy
# views (a Vite app's detail view, and the detail endpoint it calls, is only in such a chunk)
_IMPORT = re.compile(r"""(?:\bimport\s*\(\s*|\bimport\s*|\bfrom\s*)(['"])(\.{0,2}/[^'"\s]{1,200}"""
                     r"""\.m?js)\1""")
_VENDOR = re.compile(r"(^|/)(vendor|chunk-vendors|polyfills?|runtime|framework)[.\-]",
                     re.IGNORECASE)


def module_imports(code: str, script_url: str) -> list[str]:
    """Same-site script files ``code`` imports (a library's or a vendor bundle's aside)."""
    found = []
    for match in _IMPORT.finditer(code[:2_000_000]):
        url = urljoin(script_url, match.group(2))
        path = urlsplit(url).path
        if _same_site(url, script_url) and not _LIBRARY.search(path) and not _VENDOR.search(
                path):
            found.append(url)
    return _unique(found)[:MAX_SCRIPT_FILES]


def _same_site(url: str, page_url: str) -> bool:
    a, b = urlsplit(url), urlsplit(page_url)
    host_a = (a.hostname or "").removeprefix("www.")
    host_b = (b.hostname or "").removeprefix("www.")
    return is_web_url(url) and bool(host_a) and host_a == host_b and (
        a.port == b.port or {a.port, b.port} <= {None, 80, 443})


def may_be_drawn_by_script(body: bytes, text: str) -> bool:
    """Cheap test on the raw page before ``shell_scripts``: has scripts, and little text
    or a data-loading call."""
    head = body[:2_000_000]
    return _SCRIPT_TAG.search(head) is not None and (
        len(text.split()) < SHELL_WORDS or _LOADS.search(head) is not None)


def shell_scripts(html: str, page_url: str, text: str) -> ShellScripts:
    """The scripts of a page whose main ``text`` is (almost) empty, or the endpoints its
    inline code calls to fill an app mount (``<div id="app"></div>``) on a page with text,
    or on a page whose text is its app's in-DOM template (``templated``: ``{{ item.judul }}``,
    held like a shell until its data is read); an empty result for an ordinary
    server-rendered page."""
    inline: list[str] = []
    files: list[str] = []
    answers: list[str] = []  # JSONP: the script is the data, a callback call wrapping it
    blogs = declared_blogs(html) if "blogger.com" in html else frozenset()
    for attrs, code in _SCRIPT.findall(html):
        kind = _TYPE.search(attrs)
        if kind and kind.group(1).lower() in _NON_SCRIPT_TYPES:
            continue
        src = _SRC.search(attrs)
        if src:
            url = urljoin(page_url, _attribute(next(g for g in src.groups() if g)))
            path = urlsplit(url).path
            if blog_feed(url, blogs):  # its blog's feed on www.blogger.com: data, if JSONP
                if _jsonp_answer(url):
                    answers.append(url)
                continue
            if not _same_site(url, page_url):
                continue
            if _jsonp_answer(url):
                answers.append(url)
            # a build's vendor chunk is its libraries
            elif not (_LIBRARY.search(path) or _VENDOR.search(path)
                      or _COMMENTS_FEED.search(path)):
                files.append(url)
        elif code.strip():
            inline.append(code)
    for attrs in _PRELOAD.findall(html):  # a Vue CLI build only prefetches its views' chunks
        href = _HREF.search(attrs)
        if href and _PRELOAD_REL.search(attrs):
            url = urljoin(page_url, next(g for g in href.groups() if g).strip())
            path = urlsplit(url).path
            if (_same_site(url, page_url) and path.endswith((".js", ".mjs"))
                    and not _LIBRARY.search(path) and not _VENDOR.search(path)):
                files.append(url)
    shell = len(text.split()) < SHELL_WORDS and bool(inline or files or answers)
    templated = not shell and templated_list(html, text)
    if templated:  # what its template runs when set up: Alpine's ``x-init="fetch(...)"``
        inline += [unescape(a or b) for a, b in _INIT_CODE.findall(html)]
    mounted = bool(_APP_MOUNT.search(html)) or templated
    # a page with text of its own is read only for the data its app mount is filled from
    called = [] if shell or not mounted else [
        u for code in inline for u in endpoints(code, page_url, calls_only=True, blogs=blogs)]
    if not shell and not called:
        return ShellScripts(shell=False)
    found = [*answers, *(u for code in inline for u in endpoints(code, page_url, blogs=blogs))
             ] if shell else called
    # a short page that says a sentence of its own (a two-line news post, a login form's
    # instructions beside a theme's script) is what it shows, not a page its scripts draw:
    # 5 such pages of an OpenSID site were reported unreadable
    said = any(len(line.split()) >= SENTENCE_WORDS for line in text.splitlines())
    empty = shell and (mounted or (len(text.split()) < EMPTY_WORDS and not said))
    routes = list(dict.fromkeys(r for code in inline for r in route_templates(code)))
    # a call's constants (a CSRF pair, BASE_URL) may be set by another of the page's scripts
    code = "\n;\n".join(inline)
    posts = post_calls(code, page_url) if inline else []
    return ShellScripts(shell=shell, empty=empty, endpoints=_unique(found)[:MAX_ENDPOINTS],
                        script_files=_unique(files)[:MAX_SCRIPT_FILES] if shell else [],
                        routes=routes, blogs=blogs, posts=posts,
                        templated=templated and bool(called),
                        details=detail_templates(code) if inline else [])


def templated_list(html: str, text: str) -> bool:
    """Whether the page is its app's template more than a text of its own: its markup
    repeats an element per record (``v-for``, ``ng-repeat``, ``x-for``, ``*ngFor``) and its
    text shows the template's interpolations unrendered (``{{ item.judul }}``), which no
    reader of a server-rendered page is shown. Its welcome text and footer aside, what a
    citizen reads there is what its script draws (a Vue 2 page from a CDN over an in-DOM
    template, its inline code calling ``axios.get('api/layanan')``); an Alpine template
    binds its elements' text instead (``x-text="l.nama"``), empty as served."""
    return _repeats(html) and (
        len(_INTERPOLATION.findall(text)) >= TEMPLATE_VALUES
        or len(_BOUND_TEXT.findall(html)) >= TEMPLATE_VALUES)


# the facts a service page states: a template's labels make them of interpolations alone
# ("Tarif: {{ detail.tarif }}"), a server-rendered page of its own text
_FACT_FIELDS = ("requirements", "procedure", "cost", "duration", "legal_basis", "location")


def states_own_facts(doc: Document) -> bool:
    """Whether ``doc``, a page whose text shows an app's list template, is a service the
    server rendered, its facts in its own words: a WordPress page of a service whose Vue
    widget lists the news beside them is that service, not the list of the news (a false
    service made of the template's labels, its facts ``{{ }}`` alone, is not)."""
    if doc.kind != "service":
        return False
    for name in _FACT_FIELDS:
        value = doc.fields.get(name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and re.search(r"\w", _INTERPOLATION.sub("", item)):
                return True
    return False


def _repeats(html: str) -> bool:
    """Whether an element of ``html`` is repeated per record: a ``_LIST_TEMPLATE``
    attribute inside a tag (its "<" nearer before it than any ">")."""
    for tries, match in enumerate(_LIST_TEMPLATE.finditer(html)):
        if tries >= MAX_TEMPLATE_TRIES:
            break
        start = max(0, match.start() - MAX_TAG_CHARS)
        opened = html.rfind("<", start, match.start())
        if opened > html.rfind(">", start, match.start()) and _TAG_NAME.match(html, opened):
            return True
    return False


def inline_code(html: str) -> str:
    """The inline script code of a page (templates and JSON data blocks aside)."""
    found = []
    for attrs, code in _SCRIPT.findall(html):
        kind = _TYPE.search(attrs)
        if not _SRC.search(attrs) and not (kind and kind.group(1).lower() in _NON_SCRIPT_TYPES):
            found.append(code)
    return "\n;\n".join(found)


def _jsonp_answer(url: str) -> bool:
    """Whether a script's ``src`` is data wrapped in a callback (JSONP), not a script: a
    feed's or an API's path (not a script file's, ``/js/app.js?callback=init``) asking for
    a named callback, and not a comments feed."""
    path = urlsplit(url).path
    return _asks_callback(url) and not _ASSET.search(path) and bool(
        _FEED_PATH.search(path) or _DATA_PATH.search(path))


def _asks_callback(url: str) -> bool:
    """``url`` asks for a named callback (JSONP) and is no comments feed."""
    parts = urlsplit(url)
    return bool(_JSONP_QUERY.search(parts.query)) and not _COMMENTS_FEED.search(parts.path)


def jsonp_file_records(url: str, body: bytes) -> list[dict[str, Any]] | None:
    """The records of a same-site script file that answers JSONP though its path is no
    feed's or API's (``<script src="/instansi/data?callback=tampil">`` answering
    ``tampil({"data": [...]})``): asked for a named callback, it is judged by its answer,
    read as a JSON list's. None for a script (``/js/app.js?callback=init`` answers code,
    no callback call on JSON), a comments feed, or an answer without records."""
    if not _asks_callback(url):
        return None
    try:
        return json_records(body)
    except NotRecords:
        return None


def _attribute(value: str) -> str:
    """An HTML attribute's URL as the browser reads it (``&amp;`` is ``&``)."""
    return html.unescape(value).strip()


_JOINED_ON = re.compile(r"\s*\+")


def _completed(code: str, match: re.Match[str]) -> bool:
    """Whether the path literal of ``match`` is a detail URL still missing its last part,
    an id joined onto it (``'/api/layanan/' + id``): a record's, not a list's."""
    return match.group(2).endswith("/") and bool(_JOINED_ON.match(code, match.end()))


def _url_base(value: str | None) -> bool:
    """Whether a constant a literal is joined onto holds a base URL (not ``"id-ID"``)."""
    return value is not None and (value == "" or value.startswith(("/", "./", "http://",
                                                                     "https://"))
                                  or bool(RELATIVE_BASE.fullmatch(value)))


def _a_part(code: str, match: re.Match[str], known: Mapping[str, str]) -> bool:
    """Whether the literal of ``match`` is joined onto something before it, so is not a
    URL of its own: onto a constant holding a base URL (``A + "/layanan.json"``, read whole
    by ``joined_strings``), or a suffix after a value (``"/data/" + id + ".json"``). A name
    holding something else (``var e="id-ID"``, the name reused as a parameter in
    ``function f(e){fetch(e + "/api/layanan")}``) leaves the literal its own URL."""
    name = name_before(code, match.start())
    if name is None:
        return False
    if match.group(2).startswith("."):
        return True
    return _url_base(known.get(name) if name else None)


def endpoints(code: str, page_url: str, *, calls_only: bool = False,
              blogs: frozenset[str] = frozenset()) -> list[str]:
    """Same-site URLs that script ``code`` loads data from (see the module docstring), the
    URLs it asks of its own API on another origin (``jsroutes.api_origins``: the origin its
    HTTP client is made with, under the page's registrable domain), and the feeds of
    ``blogs`` on www.blogger.com (``crawler.blogger``)."""
    found: list[str] = []
    apis = frozenset(api_origins(code, page_url))

    def endpoint(literal: str, called: bool) -> list[str]:
        return _endpoint(literal, page_url, called=called, blogs=blogs, apis=apis)

    for match in _CALL.finditer(code):
        if not _completed(code, match):
            found.extend(endpoint(match.group(2), called=True))
    known = constants_of(code)
    for match in _CALL_JOIN.finditer(code):  # its name read as ``joined_strings`` reads it
        base = known.get(match.group(1))
        if base is not None and _url_base(base):
            found.extend(endpoint(base + match.group(3), called=True))
    if not calls_only:
        bases = base_constants(code)
        for match in _STRING.finditer(code):
            if match.group(2) not in bases and not _completed(code, match):
                urls = endpoint(match.group(2), called=False)
                if urls and not _a_part(code, match, known):
                    found.extend(urls)
        for value in joined_strings(code):
            found.extend(endpoint(value, called=False))
    if apis:  # a path the client asks of its API's origin is no path of the page's own
        remote = {urlsplit(u).path for u in found if origin(u) in apis}
        here = origin(page_url)
        found = [u for u in found if origin(u) != here or urlsplit(u).path not in remote]
    # a GET is what a browser's link does: its URL is never judged by the words in it
    # (``/api/layanan/kartu-keluarga``, ``/api/pembayaran-pbb``, ``?sort=created_at`` are
    # data); only a URL whose action IS a bare command (``/api/pengaduan/simpan``,
    # ``/auth/keluar``, ``?act=delete_all``) is not asked: a CodeIgniter method runs
    # whatever the request's method
    # a POST call's URL is crawler.extract.posts' to ask (the spider adds those it allows):
    # found here as a string, it would be asked as a GET, which a CodeIgniter method runs
    posted = {u for m in _POST_OPENER.finditer(code)
              for u in endpoint((known.get(m.group(1), "") if m.group(1) else "") + m.group(3),
                                called=True)}
    return _unique([u for u in found if not _command_url(u) and u not in posted])


_POST_OPENER = re.compile(
    r"""(?:\$\.post|\baxios\s*\.\s*post|\$http\s*\.\s*post)\s*\(\s*"""
    r"""(?:([A-Za-z_$][\w$]*)\s*\+\s*)?(['"`])((?:\\.|(?!\2)[^\\\n]){1,300})\2""")


_GET_COMMANDS = frozenset({"hapus", "delete", "remove", "destroy", "logout", "signout",
                           "keluar", "truncate", "kosongkan", "purge", "simpan", "save",
                           "insert", "update", "tambah", "submit"})
_GET_COMMAND_OBJECTS = frozenset({"all", "semua", "data", "records"})


def _command_url(url: str) -> bool:
    """Whether every action name of ``url`` is a bare command: a delete-like verb, alone or
    with ``all``/``semua``/``data`` (``delete``, ``hapus_semua``, ``logout``)."""
    for name in action_names(url):
        words = [w for w in re.split(r"[^a-z0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1_\2",
                                                            name).lower()) if w]
        if words and words[0] in _GET_COMMANDS and set(words[1:]) <= _GET_COMMAND_OBJECTS:
            return True
    return False


def _endpoint(literal: str, page_url: str, *, called: bool,
              blogs: frozenset[str] = frozenset(),
              apis: frozenset[str] = frozenset()) -> list[str]:
    value = literal.replace("\\/", "/").strip()
    if not value or "${" in value or " " in value or value.startswith(("#", "data:")):
        return []
    if not re.search(r"[A-Za-z0-9]", value):  # "/,": a library's separator, no URL
        return []
    if not (called or "/" in value or value.lower().endswith(".json")):
        return []
    parts = urlsplit(value)
    path = parts.path
    if _ASSET.search(path) or _COMMENTS_FEED.search(path) or not (called or (
            (_DATA_PATH.search(path) or _ASKS_JSON.search(parts.query) or _FEED_PATH.search(
                path) and _DATA_QUERY.search(parts.query)) and not _PAGE.search(path))):
        return []
    if _JQUERY_CALLBACK.search(parts.query):  # only jQuery asks this: as it asks it
        value = value.replace(parts.query, _JQUERY_CALLBACK.sub(
            r"\1\2" + JQUERY_CALLBACK, parts.query), 1)
    url = urljoin(page_url, value)
    return [url] if _same_site(url, page_url) or blog_feed(url, blogs) or (
        apis and origin(url) in apis) else []


def _unique(urls: list[str]) -> list[str]:
    return list(dict.fromkeys(urls))


class NotRecords(ValueError):
    """A JSON body without an array of records (its reason is logged)."""


def json_records(body: bytes) -> list[dict[str, Any]]:
    """The records of a JSON body: the array of objects it is about, wherever it sits
    (top level, under "data", or deeper as APIs nest it: ``{"data": {"items": [...]}}``);
    an array under a list-like key ("data", "layanan", ...) is preferred, then the longest.
    A JSONP answer (``callback({...});``) is the JSON it wraps."""
    text = body.decode("utf-8-sig", errors="replace")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        wrapped = _JSONP.fullmatch(text, _comments_end(text))
        try:
            data = json.loads(wrapped.group(1)) if wrapped else None
        except (json.JSONDecodeError, RecursionError):
            wrapped = None
        if wrapped is None:
            raise NotRecords(f"not JSON: {exc}") from None
    return records_of(gdata_plain(data) if b'"$t"' in body else data)


# a JSONP answer: one call of a named callback on the JSON, after the comments a server may
# write first (Blogger's ``// API callback``, skipped by ``_comments_end``), maybe guarded
# (``/**/ typeof cb === ...``)
_JSONP = re.compile(r"(?:typeof\s+[\w$.]+\s*===?\s*['\"]function['\"]\s*&&\s*)?"
                    r"[A-Za-z_$][\w$.]*\s*\(\s*([\[{].*[\]}])\s*\)\s*;?\s*", re.DOTALL)
MAX_LEADING_COMMENTS = 4096  # characters of comments read before a JSONP call


def _comments_end(text: str) -> int:
    """Where the comments and blanks leading ``text`` end, read in one pass: a pattern that
    repeats a lazy comment match backtracks exponentially on a body of many comments
    (``"/**/\\n" * 26`` took 15 s), so they are skipped by hand, the first
    ``MAX_LEADING_COMMENTS`` characters only (a longer run is no server's preamble)."""
    at, limit = 0, min(len(text), MAX_LEADING_COMMENTS)
    while at < limit:
        if text[at].isspace():
            at += 1
        elif text.startswith("/*", at):
            end = text.find("*/", at + 2, limit)
            if end < 0:
                return len(text)  # an unclosed comment: no call follows
            at = end + 2
        elif text.startswith("//", at):
            end = text.find("\n", at + 2, limit)
            if end < 0:
                return len(text)
            at = end + 1
        else:
            return at
    return len(text)  # comments to the end, or past the cap: no call read after them


def gdata_plain(value: Any, depth: int = 0) -> Any:
    """Google's GData JSON as plain JSON: Blogger's feed (``/feeds/posts/default?alt=json``,
    which a theme's script reads to list its posts) writes a text as ``{"$t": "..."}``, a
    post's links as a list of ``{"rel", "href"}`` (its page is the ``alternate`` one) and
    its labels as ``[{"term": "Layanan"}]``."""
    if depth > 4 * MAX_DEPTH:
        return value
    if isinstance(value, list):
        return [gdata_plain(v, depth + 1) for v in value]
    if not isinstance(value, dict):
        return value
    if "$t" in value and set(value) <= {"$t", "type"}:
        return value["$t"]
    plain: dict[str, Any] = {}
    for key, inner in value.items():
        if key == "link" and isinstance(inner, list):
            pages = [v.get("href") for v in inner if isinstance(v, dict)
                     and v.get("rel") == "alternate" and v.get("type", "text/html") == "text/html"]
            plain[key] = pages[0] if pages else None
        elif key == "category" and isinstance(inner, list) and inner and all(
                isinstance(v, dict) and "term" in v for v in inner):
            plain[key] = [v["term"] for v in inner]
        else:
            plain[key] = gdata_plain(inner, depth + 1)
    return plain


def records_of(data: Any) -> list[dict[str, Any]]:
    """The records of parsed JSON (or of a script's literal): see ``json_records``."""
    best: tuple[int, int, list[Any]] | None = None
    for key, found in _arrays(data):
        records = [r for r in found if isinstance(r, dict)]
        if not records:
            continue
        rank = (int(str(key).lower() in _LIST_KEYS), len(records))
        if best is None or rank > best[:2]:
            best = (*rank, found)
    single = _single_record(data)
    if single is not None and (best is None or not best[0]):
        return [single]  # a detail endpoint: its arrays are the record's requirements
    if best is None:
        raise NotRecords("JSON array holds no records" if isinstance(data, list)
                         else "JSON without an array of records")
    return [_with_included(r, data) for r in best[2][:MAX_RECORDS] if isinstance(r, dict)]


def script_records(code: str) -> list[dict[str, Any]]:
    """The records the literals of script ``code`` hold (a data file's ``var dataLayanan =
    [{nama: '...', syarat: [...]}]``: ``crawler.extract.pagedata``), each literal read as a
    JSON body is. A literal counts when most of its records name something and say more
    than a name and an id: a bundle's route table (``{path, name}``) and menus do not."""
    found: list[dict[str, Any]] = []
    for value in script_values(code):
        try:
            records = records_of(value)
        except NotRecords:
            continue
        said = [r for r in records if says_more(r)]
        if len(said) * 2 > len(records):
            found.extend(said)
    return found[:MAX_RECORDS]


SUMMARY_WORDS = 40  # a list row's summary this short sums its record up
# keys that name a summary of a record, and keys that hold its whole text (a post's content)
_SUMMARY_KEYS = frozenset({"ringkasan", "summary", "excerpt", "keterangan", "intro",
                           "deskripsi_singkat", "short_description", "uraian_singkat"})
_BODY_KEYS = frozenset({"content", "isi", "konten", "body", "text", "artikel", "html"})


def summary_row(record: dict[str, Any]) -> bool:
    """Whether ``record`` is a list's row that sums its record up: a short summary by name
    (``ringkasan``, ``keterangan``, ``excerpt``), none of its whole text (a post's
    ``content``), and at most one service section (a table's "Biaya" column); the rest of the
    record is on its detail (an AngularJS list's ``{id, nama, ringkasan}``)."""
    record = unwrapped(record)
    keys = {_norm_key(k) for k in record}
    summary = [record[k] for k in record if _norm_key(k) in _SUMMARY_KEYS]
    mapped = record_fields(record)
    return (bool(summary) and not keys & _BODY_KEYS
            and all(len(_text(v).split()) < SUMMARY_WORDS for v in summary)
            and len(set(SECTION_FIELDS) & mapped.keys()) <= 1)


def says_more(record: dict[str, Any]) -> bool:
    """Whether ``record`` names something and says more of it than an id: a description
    or a service section (a route ``{path, name}``, a menu item, a map marker do not)."""
    mapped = record_fields(unwrapped(record))
    return isinstance(mapped.get("title"), str) and bool(
        {"description", *SECTION_FIELDS} & mapped.keys())


def _with_included(record: dict[str, Any], data: Any) -> dict[str, Any]:
    """``record`` with the resources its JSON:API ``relationships`` point to put under
    their names: ``{"relationships": {"persyaratan": {"data": [{"type": "dokumen", "id":
    "3"}]}}}`` and ``included: [{"type": "dokumen", "id": "3", "attributes": {"nama":
    "Fotokopi KTP"}}]`` is ``"persyaratan": [{"nama": "Fotokopi KTP"}]``."""
    related = record.get("relationships")
    included = data.get("included") if isinstance(data, dict) else None
    if not isinstance(related, dict) or not isinstance(included, list):
        return record
    by_ref = {(str(r.get("type")), str(r.get("id"))): r.get("attributes") or {}
              for r in included if isinstance(r, dict)}

    def resolve(ref: Any) -> Any:
        return by_ref.get((str(ref.get("type")), str(ref.get("id")))) if isinstance(
            ref, dict) else None

    found: dict[str, Any] = {}
    for name, link in related.items():
        refs = link.get("data") if isinstance(link, dict) else None
        if isinstance(refs, list):
            values = [v for v in map(resolve, refs) if v]
            if values:
                found[name] = values
        elif (value := resolve(refs)) is not None:
            found[name] = value
    return {**record, **{k: v for k, v in found.items() if k not in record}}


def _single_record(data: Any) -> dict[str, Any] | None:
    """The one record a detail endpoint wraps in an envelope (``{"status": true, "data":
    {...}}``, JSON:API's ``{"data": {"attributes": {...}}}``, ``{"result": {...}}``): an
    object under a list-like key, a level or two down, whose fields name it."""
    holders = [data] if isinstance(data, dict) else []
    for _depth in range(2):
        deeper: list[dict[str, Any]] = []
        for holder in holders:
            for key, value in holder.items():
                if str(key).lower() not in _LIST_KEYS or not isinstance(value, dict):
                    continue
                if isinstance(record_fields(value).get("title"), str):
                    return value
                deeper.append(value)
        holders = deeper
    return None


# where a paginated list names its next page: Laravel's paginator (``next_page_url``, at the
# top or under "meta"), an API resource collection's ``links.next``, JSON:API's ``links``
_NEXT_HOLDERS = ("", "links", "meta", "pagination", "data")
_NEXT_KEYS = ("next_page_url", "next", "nextPageUrl", "next_url")
MAX_JSON_PAGES = 50  # pages of one paginated list read for one shell


# a page-numbered paginator that names no next URL (Strapi's meta.pagination {page,
# pageCount}, {current_page, last_page}, {currentPage, totalPages}): this page and the last
_PAGE_KEYS = ("page", "current_page", "currentPage")
_LAST_KEYS = ("pageCount", "last_page", "lastPage", "totalPages", "total_pages")
# the query parameter a page number goes in, when the URL has one already
_PAGE_PARAMS = ("pagination[page]", "page", "p", "halaman")
_LINK_NEXT = re.compile(r"<([^>]*)>\s*((?:;[^;,<]*)*)")


def next_page(body: bytes, url: str, link: str | None = None) -> str | None:
    """The same-site URL of the page after this one of a paginated JSON list, or None: the
    URL the body names (Laravel's ``next_page_url``, ``links.next``), the HTTP ``Link``
    header's ``rel="next"`` (RFC 8288: WordPress's REST API, GitHub-style APIs), or the
    next number of a page-numbered paginator (Strapi's ``meta.pagination``)."""
    for found in (_named_next(body, url), _link_next(link or "", url)):
        if found and _same_site(found, url) and canonicalize_url(found) != canonicalize_url(
                url):
            return found
    return None


def _named_next(body: bytes, url: str) -> str | None:
    try:
        data = json.loads(body.decode("utf-8-sig", errors="replace"))
    except (json.JSONDecodeError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    numbered = None
    holders = [(name, data.get(name) if name else data) for name in _NEXT_HOLDERS]
    if isinstance(data.get("meta"), dict):  # Strapi: {"meta": {"pagination": {...}}}
        holders.append(("pagination", data["meta"].get("pagination")))
    for name, holder in holders:
        if not isinstance(holder, dict):
            continue
        for key in _NEXT_KEYS:
            value = holder.get(key)
            if isinstance(value, str) and value.strip():
                return urljoin(url, value.strip())
        numbered = numbered or _numbered_next(holder, url, name)
    return numbered


def _number(holder: dict[str, Any], keys: Sequence[str]) -> int | None:
    """The first of ``keys`` holding a number (``"page": true`` is a flag, not page 1)."""
    return next((v for k in keys if isinstance(v := holder.get(k), int)
                 and not isinstance(v, bool)), None)


def _numbered_next(holder: dict[str, Any], url: str, name: str) -> str | None:
    number, last = _number(holder, _PAGE_KEYS), _number(holder, _LAST_KEYS)
    if number is None or last is None or number >= last:
        return None
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    param = next((p for p in _PAGE_PARAMS if any(k == p for k, _v in query)),
                 "pagination[page]" if name == "pagination" else "page")
    query = [(k, v) for k, v in query if k != param] + [(param, str(number + 1))]
    return urlunsplit(parts._replace(query=urlencode(query, safe="[]*:,")))


def _link_next(link: str, url: str) -> str | None:
    """The target of the ``rel="next"`` link of an HTTP ``Link`` header."""
    for target, params in _LINK_NEXT.findall(link):
        rel = re.search(r"\brel\s*=\s*\"?([^\";]*)", params, re.IGNORECASE)
        if rel and "next" in rel.group(1).lower().split():
            return urljoin(url, target.strip())
    return None


def _arrays(data: Any, key: str = "", depth: int = 0) -> Iterator[tuple[str, list[Any]]]:
    """(key, array) of every array in ``data`` down to a few levels of nesting."""
    if isinstance(data, list):
        yield key, data
        return
    if isinstance(data, dict) and depth < MAX_DEPTH:
        for name, value in data.items():
            yield from _arrays(value, str(name), depth + 1)


def _norm_key(key: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(key).strip().lower())


_KEY_OF = {alias: name for name, aliases in _KEYS.items() for alias in aliases}


def _name_of(value: dict[str, Any]) -> str:
    """The text an object in a record stands for: {"nama": "Fotokopi KK"} is that item, and
    so is {"id": 2, "langkah": "Lapor & bayar"}, whose one text is its step."""
    for key, inner in value.items():
        if _KEY_OF.get(_norm_key(key)) in ("title", "description") and isinstance(inner, str):
            return inner
    texts = [inner for key, inner in value.items() if isinstance(inner, str) and inner.strip()
             and not meta_key(key)
             and not set(re.split(r"[^a-z]+", str(key).lower())) & _NOT_TEXT_WORDS
             and not _CODE.match(inner.strip())]
    return texts[0] if len(texts) == 1 else ""


# words of an item's key that hold its name ("nama_persyaratan", "judul"), and of a key
# beside it that qualifies it: a note ("keterangan": "3 lembar") or a unit ("satuan")
_NAME_WORDS = {"nama", "name", "judul", "title", "label"}
_NOTE_WORDS = {"keterangan", "ket", "catatan", "note", "notes", "penjelasan", "info"}
_UNIT_WORDS = {"satuan", "unit", "units"}
MAX_NOTE_WORDS = 20  # a note beside a name is a phrase ("3 lembar"), not a description


def _key_words(key: Any) -> set[str]:
    words = re.sub(r"([a-z])([A-Z])", r"\1_\2", str(key)).lower()
    return {p for w in re.split(r"[^a-z]+", words) if w for p in _split_joined(w)}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _typed_amount(value: Any) -> bool:
    """A number, or one typed as text (``_DECIMAL``: "15000", Laravel's "0.00")."""
    return _is_number(value) or isinstance(value, str) and bool(_DECIMAL.fullmatch(value))


def _quantity(value: dict[str, Any], cost: bool = False, noted: bool = True) -> str | None:
    """An object that is an amount and its unit, as the app shows it: ``{"nilai": 3,
    "satuan": "hari kerja"}`` is "3 hari kerja", a cost ``{"nominal": 15000, "satuan":
    "per izin"}`` "Rp15.000 per izin"; a note beside them (``keterangan``) follows in
    brackets. One number (an id or a position aside) and a unit make one."""
    numbers = [v for k, v in value.items() if _is_number(v) and not meta_key(k)
               and not _key_words(k) & _NOT_TEXT_WORDS]
    units = [v for k, v in value.items() if isinstance(v, str) and v.strip()
             and _key_words(k) & _UNIT_WORDS]
    if len(numbers) != 1 or len(units) > 1 or not (units or cost):
        return None
    amount = _amount(numbers[0]) if cost else None
    if cost and amount is None:
        return None
    text = amount or f"{numbers[0]:g}"
    if units and amount != "Gratis":
        text += " " + units[0].strip()
    return _noted(text, value, field="cost" if cost else "duration") if noted else text


def _note(value: dict[str, Any], skip: Any = None, joined: bool = True) -> str:
    """The note an object gives beside its name or amount (``keterangan``), "" if none; a
    row of a many-to-many list keeps it on the join's object (Laravel's ``"pivot":
    {"layanan_id": 3, "keterangan": "2 lembar"}``), one level down."""
    for key, note in value.items():
        if (key != skip and isinstance(note, str) and note.strip()
                and _key_words(key) & _NOTE_WORDS and len(note.split()) <= MAX_NOTE_WORDS):
            return squash(note)
    if joined:
        for key, inner in value.items():
            if key != skip and isinstance(inner, dict) and (note := _note(inner, joined=False)):
                return note
    return ""


def _noted(text: str, value: dict[str, Any], skip: Any = None, field: str = "") -> str:
    """``text`` with the note ``value`` gives beside it in brackets, once; for a cost or a
    duration, a note that says the whole of it by itself ("Bebas biaya izin" beside
    ``"amount": 0``) is the value."""
    note = _note(value, skip)
    if not note or note in text:
        return text
    if field and scalar_field(note) == field:
        return note
    return f"{text} ({note})"


def _same_notes(values: Sequence[Any]) -> bool:
    """Whether the objects of a list all give one note (``"keterangan": "wajib"`` in every
    requirement): a column of one value says nothing of each item."""
    objects = [v for v in values if isinstance(v, dict)]
    return len(objects) > 1 and len({_note(v) for v in objects}) == 1


def _item_text(value: dict[str, Any], notes: bool = True) -> str:
    """What an object in a record's list says: its name or step with its note
    (``{"nama_persyaratan": "Pas foto 4x6", "keterangan": "3 lembar"}`` is "Pas foto 4x6
    (3 lembar)", as the app's table shows both) and its amount (``{"nama": "Fotokopi KK",
    "jumlah": 1, "satuan": "lembar"}`` is "Fotokopi KK (1 lembar)"); an amount
    (``_quantity``) stands for the object only when it names nothing, else its one text
    (``_name_of``)."""
    name, key = _item_name(value)
    if not name:
        return _quantity(value) or _name_of(value)
    note = _note(value, skip=key) if notes else ""
    parts = [p for p in (_quantity(value, noted=False), note) if p and p not in name]
    return f"{name} ({'; '.join(dict.fromkeys(parts))})" if parts else name


def _item_name(value: dict[str, Any]) -> tuple[str, Any]:
    """The name an object in a list gives (a key of ``_NAME_WORDS``) and its key, else its
    one text beside its note and unit (the step of ``{"uraian": "Isi formulir", "waktu":
    10, "satuan": "menit"}``); ("", None) when it gives none."""
    for key, inner in value.items():
        if isinstance(inner, str) and inner.strip() and _key_words(key) & _NAME_WORDS:
            return inner, key
    rest = {k: v for k, v in value.items() if not _key_words(k) & (_NOTE_WORDS | _UNIT_WORDS)}
    return _name_of(rest), None


def _text(value: Any, notes: bool = True) -> str:
    if isinstance(value, list):
        notes = not _same_notes(value)
        return "; ".join(t for t in (_text(v, notes) for v in value) if t)
    if isinstance(value, dict):
        return squash(_item_text(value, notes))
    if value is None or isinstance(value, bool):
        return ""
    text = str(value)
    if "<" in text:  # rich text from an editor: its tags and entities ("&amp;")
        text = re.sub(r"<[^>]+>", " ", text)
    if "&" in text:  # WordPress renders a title's dash as "&#8211;"
        text = html.unescape(text)
    text = squash(text)
    return "" if _PLACEHOLDER.match(text) else text  # "waktu": "-" says nothing


def _items(value: Any) -> list[str]:
    if isinstance(value, list):
        notes = not _same_notes(value)
        return [t for t in (_text(v, notes) for v in value) if t]
    text = str(value or "")
    if "<li" in text.lower():
        parts = re.split(r"<li\b[^>]*>", text, flags=re.IGNORECASE)[1:]
    elif re.search(r"\n|<br", text, re.IGNORECASE):  # one item a line, ";" and all
        parts = re.split(r"\n|<br\s*/?>", text, flags=re.IGNORECASE)
    elif ";" in text:
        parts = text.split(";")
    else:  # "1. a 2. b" on one line
        parts = re.split(r"(?:^|\s)(?=\d{1,2}[.)]\s)", text)
    items = (re.sub(r"^(\d{1,2}[.)]|[-\u2022*])\s*", "", _text(p)) for p in parts)
    return [t for t in items if t]


def record_fields(record: dict[str, Any], depth: int = 0) -> dict[str, Any]:
    """The record's values under sikoja's names: a key named exactly as a known alias wins,
    then a key one of whose words is a known word ("judul_pelayanan", "syaratLayanan",
    "estimasi_waktu"). Objects nested in the record ("attributes", "detail") fill in what
    its own keys do not say, as APIs wrap records that way."""
    mapped: dict[str, Any] = {}
    chosen: dict[str, Any] = {}
    for exact in (True, False):
        for key, value in record.items():
            name = _KEY_OF.get(_norm_key(key)) if exact else _word_key(key)
            if isinstance(value, dict):
                # {"biaya": {"nominal": null, "keterangan": "..."}}: the object's text,
                # {"nilai": 3, "satuan": "hari kerja"} the amount in its unit
                value = (_quantity(value, cost=name == "cost") or _name_of(value)) if (
                    name) else None
            elif name == "cost" and isinstance(value, (int, float)):
                value = _amount(value)  # a number no fee can be is no cost (None)
            elif name == "cost" and isinstance(value, str) and _DECIMAL.fullmatch(value):
                value = _amount(float(value))  # a decimal column: Laravel sends "0.00"
            elif name == "cost" and isinstance(value, str) and _NO_RUPIAH.fullmatch(value):
                value = "Gratis"  # "Rp. 0,-", "Rp 0,00": nothing to pay, as 0 is
            if value == "Gratis" and _typed_amount(record[key]) and _stated_cost(record, key):
                # a zero column ("biaya": "0.00") beside a stated tariff ("tarif": "Rp
                # 25.000") is a default left unset: the tariff is the cost
                continue
            # a flag ("is_online": true) says no text: the key that does is read
            if name and name not in mapped and value not in (None, "", []) and (
                    not isinstance(value, bool)):
                mapped[name] = value
                chosen[name] = key
    for name in ("cost", "duration"):
        if name in mapped and not isinstance(mapped[name], (list, dict)):
            mapped[name] = _qualified(record, name, mapped[name], chosen[name])
    if depth < 2:
        for value in record.values():
            if isinstance(value, dict):
                # a related object's slug (its category's, titled "Kesehatan Hewan") is its
                # own; an object with no title of its own is the record's metadata (``"seo":
                # {"slug": "x"}``), its slug the record's
                related = _title_key(value) is not None
                for name, inner in record_fields(value, depth + 1).items():
                    if name != "slug" or not related:
                        mapped.setdefault(name, inner)
    if "slug" not in mapped and (slug := own_key(record, "slug")):
        mapped["slug"] = slug
    return mapped


# the key naming what a record is: ``nama_layanan`` of a table ``layanan``
_ENTITY_KEY = re.compile(r"(?:nama|judul|name|title)_?(\w+)")


def own_key(record: dict[str, Any], key: str) -> str:
    """``record``'s ``id`` or ``slug`` (``key``), or, as Indonesian tables name them, the
    ``id_<x>``/``<x>_id`` (``slug_<x>``) of the thing its title key names (``id_layanan``
    beside the ``nama_layanan`` read as its title): its own, never a joined row's foreign key
    (``id_kategori`` beside ``nama_kategori``) nor a nested object's. "" if none."""
    if key in record:
        return _text(record.get(key))
    title = _title_key(record)
    m = _ENTITY_KEY.fullmatch(_norm_key(title)) if title is not None else None
    if not m:
        return ""
    norms = {_norm_key(k): k for k in record}
    entity = m.group(1).strip("_")
    for name in (f"{key}_{entity}", f"{entity}_{key}", f"{key}{entity}", f"{entity}{key}"):
        if name in norms and isinstance(record[norms[name]], (str, int)) and not isinstance(
                record[norms[name]], bool):
            return _text(record[norms[name]])
    return ""


def own_route_values(record: dict[str, Any], routes: Sequence[tuple[str, str]]
                     ) -> dict[str, str]:
    """The values of the routes' ``id_<x>``/``<x>_id``/``slug_<x>`` keys that are the
    record's own id or slug (``id_layanan`` beside ``nama_layanan``, as ``own_key`` reads
    it); a related record's (``kategori_id``) fills no route."""
    found = {}
    for _prefix, key in routes:
        if key in ("id", "slug") or key not in record:
            continue
        base = "slug" if key.lower().startswith("slug") else "id"
        value = own_key(record, base)
        if value and value == _text(record[key]) and _norm_key(key) != _norm_key(
                _title_key(record) or ""):
            found[key] = value
    return found


def _title_key(record: dict[str, Any]) -> Any:
    """The key ``record_fields`` reads ``record``'s title from (a known alias first, then a
    key by its words), None if it has none."""
    for exact in (True, False):
        for key, value in record.items():
            name = _KEY_OF.get(_norm_key(key)) if exact else _word_key(key)
            if name == "title" and isinstance(value, str) and value.strip():
                return key
    return None


# words of a cost key that say it is some other charge than the fee (a fine), or a note
_NOT_FEE_WORDS = {"denda", "sanksi", "penalti", "penalty", "fine", "fines"}


def _stated_cost(record: dict[str, Any], skip: Any) -> bool:
    """Whether a key of ``record`` other than ``skip`` that names the fee itself ("tarif",
    "retribusi", "biaya_izin"; not a fine's "tarif_denda", nor a note's
    "keterangan_biaya") states an amount in words ("Rp 25.000")."""
    for key, value in record.items():
        if key == skip or not isinstance(value, str) or not re.search(r"[1-9]", value):
            continue
        if _KEY_OF.get(_norm_key(key)) != "cost" and (_word_key(key) != "cost" or (
                _key_words(key) & (_NOT_FEE_WORDS | _NOTE_WORDS | _UNIT_WORDS))):
            continue
        if scalar_field(value) == "cost":
            return True
    return False


def _qualified(record: dict[str, Any], name: str, value: Any, chosen: Any) -> Any:
    """A cost or duration with what the record's other keys of that field add to it, as a
    table of columns keeps them: an amount's unit (``"waktu": 5, "satuan_waktu": "hari"``
    is "5 hari"; ``"biaya": 15000, "satuan_biaya": "per izin"``) and a note (``"biaya": 0,
    "keterangan_biaya": "pajak reklame dibayar ke BPPRD"``: "Gratis (pajak ...)")."""
    text = f"{value:g}" if _is_number(value) else value
    if not isinstance(text, str):
        return value
    unit = None
    for key, other in record.items():
        if key == chosen or not isinstance(other, str) or not other.strip():
            continue
        if _word_key(key) != name or not _key_words(key) & _UNIT_WORDS:
            continue
        unit = unit or other.strip()
    if unit and _typed_amount(record.get(chosen)) and text != "Gratis":
        text = f"{text} {unit}"
    notes = {k: v for k, v in record.items() if k != chosen and _word_key(k) == name}
    return _noted(text, notes, field=name)


# an amount typed as text: a whole number ("0", "15000") or a decimal column's as Laravel
# sends it ("0.00", "25000.00"); "15.000" is fifteen thousand written with a thousands
# point, kept as written
_DECIMAL = re.compile(r"\d{1,13}(?:\.\d{2})?")
# zero rupiah as an admin types it: "Rp. 0,-", "Rp 0", "IDR 0.00", "0,-"
_NO_RUPIAH = re.compile(r"\s*(?:rp\.?|idr)?\s*0+(?:[.,]0+)?\s*(?:,-|-)?\s*", re.IGNORECASE)
MAX_AMOUNT = 10**12  # a trillion rupiah: no fee a city asks; a bigger number is an id


def _amount(value: Any) -> str | None:
    """A cost typed as a number, as the app shows it: 0 is "Gratis" (SIMPADA's free
    services are ``"biaya": 0``), 15000 is "Rp15.000". Not a cost: a negative, an infinite
    or NaN number (JSON parsers accept ``1e999`` and ``NaN``), or one above any fee."""
    if (isinstance(value, bool) or not isinstance(value, (int, float))
            or not math.isfinite(value) or not 0 <= value <= MAX_AMOUNT):
        return None
    return "Gratis" if value == 0 else "Rp" + f"{round(value):,}".replace(",", ".")


# words a database column joins without a separator ("namalayanan", "waktupenyelesaian",
# "dasarhukum", "tatacara"): the key words above and these
_JOINED_WORDS = {w for _name, cues in _KEY_WORDS for w in cues} | {
    "layanan", "pelayanan", "penyelesaian", "proses", "pengurusan", "dasar", "tata", "cara",
    "dokumen", "persyaratan", "jenis", "unit", "pelaksana", "singkat", "lengkap"}


def _split_joined(word: str) -> list[str]:
    """``word`` as the two known words it joins ("namalayanan" -> nama, layanan), else
    itself."""
    for i in range(3, len(word) - 2):
        if word[:i] in _JOINED_WORDS and word[i:] in _JOINED_WORDS:
            return [word[:i], word[i:]]
    return [word]


def _word_key(key: str) -> str | None:
    """sikoja's name for a key by its words (camelCase and snake_case split, and words a
    column name joins)."""
    words = re.sub(r"([a-z])([A-Z])", r"\1_\2", str(key)).lower()
    parts = [p for w in re.split(r"[^a-z]+", words) if w for p in _split_joined(w)]
    if not parts or any(w in _NOT_TEXT_WORDS for w in parts):
        return None
    # as the same words would label a page's section (a known label that is no field: its
    # cues decide)
    if labelled := match_label(" ".join(parts)):
        return labelled
    if _DURATION_HEADS & set(parts) and _TIME_WORDS & set(parts):
        return "duration"  # "processing_time"; "processing" alone is a status, no duration
    for name, cues in _KEY_WORDS:
        if any(w in cues for w in parts):
            # "jam_layanan" (opening hours) and "hasil_layanan" (its product) name no service
            return None if name == "title" and _NOT_TITLE_WORDS & set(parts) else name
    return None


# an English key's words naming the time a service takes, together ("processing_time",
# "turnaround_days"): "processing" alone is a complaint's or an order's status
_DURATION_HEADS = frozenset({"processing", "turnaround"})
_TIME_WORDS = frozenset({"time", "times", "days", "period", "hari"})
# words of a key that name something of a service other than its name
_NOT_TITLE_WORDS = frozenset({"jam", "hours", "hasil", "produk", "product", "output"})


def record_document(record: dict[str, Any], *, page_url: str, endpoint_url: str,
                    source: str, opd: str, fetched_at: str,
                    routes: Sequence[tuple[str, str]] = (),
                    listed: Mapping[str, set[str]] | None = None,
                    at: str | None = None,
                    read_as: Mapping[str, str | None] | None = None) -> Document | None:
    """One JSON record as a document, or None for a record without a name. ``routes`` and
    ``listed``: the app's route templates and the site's URLs by last path part, where
    the record may be shown (``jsroutes.record_page``); ``at``: the page that is this record
    (its data embedded in it, ``crawler.extract.payload``), the document's URL;
    ``read_as``: the fields its list's keys say by their values (``value_columns``). A
    comments feed's entry is a reader's comment, no document."""
    if _COMMENTS_FEED.search(urlsplit(endpoint_url).path):
        return None
    record = unwrapped(record)
    unread = _unread_keys(record)
    mapped = with_values(record, record_fields(record), read_as, unread)
    title = _text(mapped.get("title") or _unnamed_title(record, mapped, unread))[:300]
    if not title:
        return None
    url = at or record_url(mapped, title, page_url, endpoint_url,
                           placed=record_page({**_route_values(record, routes),
                                               **own_route_values(record, routes),
                                               "slug": _text(mapped.get("slug")),
                                               "id": own_key(record, "id")},
                                              page_url, routes, listed or {},
                                              _short_values(record)))
    date = _date_of(record)
    fields, body, from_keys = _record_reading(record, mapped, title, url)
    kind, confidence = _record_kind(fields, title, _record_text(body, fields, title, from_keys),
                                    url, endpoint_url, dated=date is not None)
    if kind != "service":
        # a category holding its records ({"nama": "Perizinan Berusaha", "layanan": [{...},
        # ...]}) is a list of them, which they outrank
        fields = {"listing": True} if kind == "page" and _holds_records(record) else {}
    elif confidence < 1.0:
        fields["kind_confidence"] = confidence
    text = _record_text(body, fields, title, from_keys)
    return Document(
        url=url,
        source=source,
        opd=_text(record.get("opd") or record.get("instansi")) or opd,
        kind=kind,
        title=title,
        text=text[:100_000],
        headings=_record_headings(body, fields, from_keys),
        fields=fields,
        lang=detect_language(text),
        fetched_at=fetched_at,
        parent_url=None if at else canonicalize_url(endpoint_url),
        last_modified=date,
    )


# an endpoint with fewer records than this is read value by value, not column by column
COLUMN_RECORDS = 3
_VALUE_FIELDS = ("requirements", "procedure", "cost", "duration", "location", "legal_basis")
_CORE_FIELDS = {"requirements", "procedure", "cost", "duration"}


def _key_field(key: Any) -> str | None:
    """The field a key names, by alias (``biaya``) or else by its words (``namaLayanan``)."""
    return _KEY_OF.get(_norm_key(key)) or _word_key(key)


def _unread_keys(record: dict[str, Any]) -> list[str]:
    """The keys of ``record`` its key names leave unread: named by no alias or word
    (``col1``, ``info``, ``pungutan``), or a second description beside the one read
    (``deskripsi2`` beside ``summary``); not ids, dates, codes or the API's own keys."""
    named = {k: _key_field(k) for k in record}
    described = sum(name == "description" for name in named.values())
    return [k for k, name in named.items() if not meta_key(k)
            and not set(re.split(r"[^a-z]+", str(k).lower())) & _NOT_TEXT_WORDS
            and (name is None or (name == "description" and described > 1
                                  and _KEY_OF.get(_norm_key(k)) is None))]


def value_columns(records: Sequence[dict[str, Any]]) -> dict[str, str | None] | None:
    """Key -> field of the keys of one endpoint's records that say a service field by
    their values in most of them, None for a key that says none (``jsonvalues.columns``);
    None for a list too short to compare, whose records are read value by value."""
    if len(records) < COLUMN_RECORDS:
        return None
    return columns([unwrapped(r) for r in records], _unread_keys, _items, _text)


def with_values(record: dict[str, Any], mapped: dict[str, Any],
                read_as: Mapping[str, str | None] | None, unread: Sequence[str]
                ) -> dict[str, Any]:
    """``mapped`` (``record_fields``) with the service fields its keys did not name
    (``unread``: ``_unread_keys``) read from what the values say: by the list's columns
    (``read_as``), or, for a record read alone, value by value (``jsonvalues.value_field``).
    A field a key names is the key's."""
    found = dict(mapped)
    for name, value in labelled_pairs(record).items():
        if name in _VALUE_FIELDS:
            found.setdefault(name, value)
    read_as = read_as or {}  # a key its list did not have (a detail's) is read alone
    pairs = [(k, read_as[k] if k in read_as else value_field(record[k], _items, _text))
             for k in unread]
    read = {}
    for key, name in pairs:
        if name in _VALUE_FIELDS and name not in found and record[key] not in (None, "", []):
            read.setdefault(name, record[key])
    # a price and a place alone describe a shop, an event or a tourist spot as well: what
    # the values say counts with two of what to bring, what to do, how long and the cost
    if len(_CORE_FIELDS & (set(found) | set(read))) < 2:
        return found
    return {**found, **read}


TITLE_WORDS = 15  # a service's name is a line, not a sentence


def _unnamed_title(record: dict[str, Any], mapped: dict[str, Any],
                   unread: Sequence[str]) -> str | None:
    """The name of a record whose values say it is a service (two core fields) but whose
    keys name no title (``field_1``, ``col0``): its first short one-line text under a key
    no field was read from. A record without service fields stays unnamed (a statistics
    row is no document)."""
    if len(_CORE_FIELDS & set(mapped)) < 2:
        return None
    used = {id(v) for v in mapped.values()}
    for key in unread:
        value = record[key]
        if (isinstance(value, str) and id(value) not in used and "\n" not in value.strip()
                and "<" not in value and 1 < len(value.split()) <= TITLE_WORDS
                and not is_web_url(value.strip()) and not parse_iso(value.strip()[:10])):
            return value
    return None


def _names_title(record: dict[str, Any]) -> bool:
    """Whether a key of ``record`` names its title, by alias or by its words
    (``namaLayanan``, ``service_name``)."""
    return any(_key_field(key) == "title" for key in record)


def unwrapped(record: dict[str, Any]) -> dict[str, Any]:
    """``record`` with the object it keeps its values in opened, as JSON:API and Strapi
    wrap them (``{"id": 3, "attributes": {"judul": ..., "kategori": "berita",
    "publishedAt": ...}}``), so its category and date are read as a flat record's are; a
    record naming its own title is itself."""
    if _names_title(record):
        return record
    for key, value in record.items():
        if isinstance(value, dict) and _names_title(value):
            return {**value, **{k: v for k, v in record.items() if k != key}}
    return record


def _service_fields(mapped: dict[str, Any]) -> dict[str, Any]:
    """A service's fields from a record's mapped values (``record_fields``)."""
    fields: dict[str, Any] = {}
    for name in _HEADINGS:
        if name in mapped:
            value = _items(mapped[name]) if name in _LIST_FIELDS else _text(mapped[name])
            if value:
                fields[name] = value
    online = _text(mapped.get("online_url"))
    if is_web_url(online):
        fields["online_url"] = online
    return fields


def _date_of(record: dict[str, Any]) -> str | None:
    """The date the record carries of its own ("tanggal": "2025-08-19", "2025-08-19
    09:00:00"), not when it was created or changed in the database."""
    for key, value in record.items():
        if isinstance(value, str) and _word_key(key) is None and not (
                {"created", "updated"} & set(re.split(r"[^a-z]+", str(key).lower()))):
            found = parse_iso(value[:10])
            if found:
                return found
    return None


_URL_PART = re.compile(r"[\w\-.~%]+")


def _route_values(record: dict[str, Any], routes: Sequence[tuple[str, str]]) -> dict[str, str]:
    """The record's values of the parts its routes fill (``/layanan/:kategori/:slug``),
    best first: ``<name>_slug``, an object of that name (the category it is in: ``{"id":
    3, "nama": ..., "slug": "perizinan-kesehatan"}``) by its slug (as written, capitals and
    all), a slug of that name (lowercase: "Kesehatan" is a name as the app shows it, no
    part of its URL), and only
    when none of these is given a number (``"kategori": 3``, a foreign key the route may
    not show). A name or sentence is no part of a URL: the route is not used."""
    names = {n for prefix, _key in routes for n in route_params(prefix)}
    found: dict[str, str] = {}
    for name in names:
        ranked: list[tuple[int, str]] = []
        for key, value in record.items():
            norm = _norm_key(key)
            if norm in (name.lower() + "_slug", name.lower() + "slug"):
                rank = 0
            elif norm != name.lower():
                continue
            elif isinstance(value, dict):
                value, rank = _text(record_fields(value).get("slug")), 1
            elif isinstance(value, int) and not isinstance(value, bool) or (
                    isinstance(value, str) and value.strip().isdigit()):
                rank = 3
            else:
                rank = 2
            if not isinstance(value, (str, int)) or isinstance(value, bool):
                continue
            value = str(value).strip()
            # only a bare name must be lowercase to be a slug: a value stated as a slug
            # (``kategori_slug``, the category object's ``slug``) is one as written
            if _URL_PART.fullmatch(value) and (rank != 2 or value == value.lower()):
                ranked.append((rank, value))
        if ranked:
            found[name] = min(ranked)[1]
    return found


# keys whose list holds a category's services by name alone ("layanan": [{"id", "nama"}])
_SERVICE_LIST_WORDS = {"layanan", "pelayanan", "service", "services", "perizinan", "izin"}
# facts a record in a generic list ("data", "items") gives when it is a service
_SERVICE_FACTS = ("requirements", "procedure", "cost", "duration", "legal_basis")


def _holds_records(record: dict[str, Any]) -> bool:
    """Whether ``record`` keeps services of its own under a list key: objects each naming
    itself and with a slug or id, as a category's services are, under a key that says
    they are services (``layanan``), or under a generic one (``items``, ``data``) when
    they give a service's facts; a page's generic list of links, tags or files by id and
    name is no list of services."""
    for key, value in record.items():
        if str(key).lower() not in _LIST_KEYS or not isinstance(value, list) or not value:
            continue
        named = _key_words(key) & _SERVICE_LIST_WORDS
        if all(isinstance(v, dict) and _listed_record(v, service=not named) for v in value):
            return True
    return False


def _listed_record(value: dict[str, Any], service: bool) -> bool:
    """Whether ``value`` names itself and has a slug or id (and, when ``service``, gives
    one of a service's facts)."""
    fields = record_fields(value)
    if not isinstance(fields.get("title"), str):
        return False
    if not (record_key_value(value, "slug") or record_key_value(value, "id")):
        return False
    return not service or any(fields.get(f) for f in _SERVICE_FACTS)


def _short_values(record: dict[str, Any]) -> frozenset[str]:
    """The record's one-word values, lowercased: its category or type ("berita",
    {"nama": "Layanan"})."""
    values = (_name_of(v) if isinstance(v, dict) else v for v in record.values())
    return frozenset(w for w in map(_one_word, values) if w)


def _one_word(value: Any) -> str | None:
    """``value`` lowercased when it is one short word (a category, a type), else None."""
    if isinstance(value, str) and value.strip() and len(value.split()) == 1 and len(value) <= 40:
        return value.strip().lower()
    return None


@dataclass
class _Body:
    """A record's own text: its description, or its rich-text body read as a page's."""

    text: str
    headings: list[str] = field(default_factory=list)


def _is_body_key(key: str) -> bool:
    """A key whose value may be the record's body: one read as its description, or one no
    field names ("konten_html", "teks")."""
    return _key_field(key) in (None, "description")


def _record_reading(record: dict[str, Any], mapped: dict[str, Any], title: str,
                    url: str) -> tuple[dict[str, Any], _Body, set[str]]:
    """(service fields, body, the fields its keys gave) of a record. A rich-text body
    (``richtext.rich_body``: the HTML an editor saved) is read as a page body is, so its
    sections are fields and its headings headings; a field the record also has a key of
    is the key's (the admin filled it in on purpose)."""
    key_fields = _service_fields(mapped)
    description = _text(mapped.get("description"))
    html_body = rich_body(record, _is_body_key)
    lined = None if html_body else text_body(record, _is_body_key)
    if not (html_body or lined):
        return key_fields, _Body(description), set(key_fields)
    rich = rich_text(html_body, url, [title]) if html_body else plain_text(lined or "")
    fields = {k: v for k, v in rich.fields.items() if k in _HEADINGS or k == "online_url"}
    fields.update(key_fields)
    said = squash(rich.text)
    # the description before the body, unless it is the body (or a tree of blocks that
    # is) or the body says it
    raw = mapped.get("description")
    own = raw in (html_body, lined) or (html_body is not None and blocks_html(raw) == html_body)
    lead = "" if not description or own or description in said else description
    text = "\n".join(t for t in (lead, rich.text) if t)
    return fields, _Body(text, rich.headings), set(key_fields)


def _record_text(body: _Body, fields: dict[str, Any], title: str,
                 from_keys: set[str]) -> str:
    """The body, then each field its keys gave as "Persyaratan: ..." (a field read from
    the body is in its text already)."""
    parts = [body.text] + [
        f"{_HEADINGS[k]}: " + ("; ".join(v) if isinstance(v, list) else v)
        for k, v in fields.items() if k in _HEADINGS and k in from_keys]
    return "\n".join(p for p in parts if p) or title


def _record_headings(body: _Body, fields: dict[str, Any], from_keys: set[str]) -> list[str]:
    return body.headings + [_HEADINGS[k] for k in fields if k in _HEADINGS and k in from_keys]


def _record_kind(fields: dict[str, Any], title: str, text: str, url: str,
                 endpoint_url: str, dated: bool = False) -> tuple[str, float]:
    """(kind, confidence) of a record: a service by its fields, else by the evidence a page
    is judged by (``document.service_evidence``): the path it is shown at (a hash route's
    path counts: ``/#/layanan/x``) or the service list it comes from (``/api/layanan``), and
    a name that names a service ("Legalisir Dokumen ...")."""
    if is_service(fields):
        return "service", 1.0
    fragment = urlsplit(url).fragment.lstrip("!")
    shown = urljoin(url, fragment) if fragment.startswith("/") else url
    if dated and is_news_path(shown):  # a dated item in the news section, as for a page
        return "news", NEWS_BY_PATH
    evidence = service_evidence(shown, [title], fields, text, [])
    if "path" not in evidence.signals and is_service_path(endpoint_url):
        evidence.signals.append("path")
    return ("service", evidence.confidence) if evidence.is_service else ("page", 1.0)


# Records of one list compared with each other: where most of a group are services by their
# fields, the rest of the group (a record typed with its name and a sentence only) are too.
SERVICE_BY_SIBLINGS = 0.6
_SIBLING_SHARE = 2 / 3


def _group_key(records: Sequence[dict[str, Any]]) -> str | None:
    """The key that sorts a list's records into a few kinds (``kategori``, ``type``): one
    word in (nearly) every record, from 2 to half as many values as records; the fewest."""
    best: tuple[int, str] | None = None
    for key in {k for r in records for k in r}:
        words = [w for w in (_one_word(r.get(key)) for r in records) if w]
        distinct = len(set(words))
        if len(words) >= 0.8 * len(records) and 2 <= distinct <= len(records) / 2 and (
                best is None or distinct < best[0]):
            best = (distinct, key)
    return best[1] if best else None


def settle_kinds(pairs: Sequence[tuple[dict[str, Any], Document]],
                 read_as: Mapping[str, str | None] | None) -> list[Document]:
    """The documents of one list's records, the unsure ones settled by their siblings: in a
    group of records (all of them, or those sharing a ``_group_key`` value) of which at
    least two and two thirds are services by their fields, a record judged a mere page is a
    service too (``kind_confidence`` SERVICE_BY_SIBLINGS). News stays news, and so does a
    page whose rich-text body has sections of its own and none of a service (a profile's
    "Visi" and "Sejarah" beside the service pages of one WordPress collection): the
    siblings stand in for evidence a short record lacks, not against what a body says.
    ``read_as``: the columns the records were read by (``value_columns`` of the whole
    list, as ``record_document`` was given them)."""
    records = [unwrapped(record) for record, _doc in pairs]
    key = _group_key(records)
    groups: dict[str, list[int]] = {}
    for index, record in enumerate(records):
        value = record.get(key) if key else ""
        groups.setdefault(str(value).strip().lower(), []).append(index)
    docs = [doc for _record, doc in pairs]
    for members in groups.values():
        sure = [i for i in members if docs[i].kind == "service"
                and "kind_confidence" not in docs[i].fields]
        if len(sure) < 2 or len(sure) < _SIBLING_SHARE * len(members):
            continue
        for i in members:
            if docs[i].kind == "page" and not docs[i].fields.get("listing"):
                record = records[i]
                fields, body, from_keys = _record_reading(
                    record, with_values(record, record_fields(record), read_as,
                                        _unread_keys(record)),
                    docs[i].title, docs[i].url)
                if body.headings and not fields:
                    continue
                docs[i] = replace(docs[i], kind="service",
                                  text=_record_text(body, fields, docs[i].title, from_keys),
                                  headings=_record_headings(body, fields, from_keys),
                                  fields={**fields, "kind_confidence": SERVICE_BY_SIBLINGS})
    return docs


MAX_PROBES = 3  # detail templates asked for one record of a list before none is used


@dataclass(frozen=True)
class DetailTemplate:
    """A detail URL the app's code builds: ``prefix`` (absolute) + a record's ``key`` value
    + ``suffix`` (``jsroutes.detail_templates``); ``key`` "" when the code names none (the
    record's slug, else its id, as ``detail_candidates`` tries them)."""

    prefix: str
    key: str = ""
    suffix: str = ""

    def url(self, record: dict[str, Any], key: str | None = None) -> str | None:
        """The template completed with ``record``'s value of ``key`` (default its own)."""
        value = record_key_value(record, key or self.key)
        if not value:
            return None
        return self.prefix + quote(value) + self.suffix


def record_key_value(record: dict[str, Any], key: str) -> str:
    """``record``'s slug or id (``key``), "" when it has none fit for a URL."""
    mapped = record_fields(unwrapped(record))
    raw = _text(mapped.get("slug")) if key == "slug" else (
        _text(record.get(key)) if key in record
        else own_key(unwrapped(record), key) or own_key(record, key))
    return raw if raw and "/" not in raw and " " not in raw else ""


def _path_words(url: str) -> set[str]:
    parts = urlsplit(url)
    return {w for w in re.split(r"[^a-z0-9]+", (parts.path + " " + parts.query).lower())
            if len(w) > 2 and w not in ("api", "json", "data", "detail", "v1", "v2", "v3")}


def _ranked(record: dict[str, Any], endpoint_url: str, templates: Sequence[DetailTemplate],
            lists: frozenset[str] = frozenset()
            ) -> list[tuple[tuple[int, str, str, str, int], tuple[DetailTemplate, str]]]:
    """``detail_candidates``'s pairs for ``record``, each with the key it is ordered by:
    its rank, then its prefix, suffix and key (not the order the site's scripts arrived in,
    which changes from crawl to crawl)."""
    listed = urlsplit(endpoint_url)
    under = canonicalize_url(f"{listed.scheme}://{listed.netloc}{listed.path.rstrip('/')}/")
    words = _path_words(endpoint_url)
    named_only = not says_more(record) or summary_row(record)
    ranked = []
    for template in templates:
        if not _same_site(template.prefix, endpoint_url):
            continue
        own = canonicalize_url(template.prefix) == under and not template.suffix
        if not own and url_key(template.prefix.rstrip("/")) in lists:
            continue  # another list's own details (``/api/v1/puskeswan/layanan/<id>``)
        rank = 0 if own else 1 if words & _path_words(template.prefix) else 2
        if rank and not named_only:
            continue
        for order, key in enumerate([template.key] if template.key else ["slug", "id"]):
            if record_key_value(record, key):
                ranked.append(((rank, template.prefix, template.suffix, template.key, order),
                               (template, key)))
    return ranked


def detail_candidates(record: dict[str, Any], endpoint_url: str,
                      templates: Sequence[DetailTemplate]) -> list[tuple[DetailTemplate, str]]:
    """(template, record key) pairs that may complete the records of the list at
    ``endpoint_url``, most likely first, at most MAX_PROBES; ``record`` (one of the list's)
    must have the key's value. The list's own path plus "/" comes first (``/api/layanan``
    and ``/api/layanan/12``), then templates whose path shares a word with the list's
    (``/data/layanan.json`` and ``/data/layanan/<id>.json``, ``/api/v2/layanan`` and
    ``/api/v2/layanan-detail?slug=``), then the others of the same site; a record that
    says more than its name already (a WordPress post's content) only at the list's own
    path. None is used before one record's answer says it is that record (the spider's
    probe)."""
    ranked = sorted(_ranked(record, endpoint_url, templates), key=lambda r: r[0])
    return list(dict.fromkeys(pair for _order, pair in ranked))[:MAX_PROBES]


def list_candidates(records: Sequence[dict[str, Any]], endpoint_url: str,
                    templates: Sequence[DetailTemplate], lists: frozenset[str] = frozenset()
                    ) -> list[tuple[DetailTemplate, str, int]]:
    """``detail_candidates`` of a whole list: (template, record key, index of the first
    record that has the key's value), at most MAX_PROBES. Each pair is asked with the first
    record that can complete it: a first record without a slug (``"slug": ""``) does not
    hide the templates read by slug. ``lists``: the ``url_key`` of the other lists the site's
    code asks for, whose own detail paths (the list's path plus "/") are theirs alone."""
    first: dict[tuple[DetailTemplate, str], tuple[tuple[int, str, str, str, int], int]] = {}
    for index, record in enumerate(records):
        for order, pair in _ranked(record, endpoint_url, templates, lists):
            first.setdefault(pair, (order, index))
    ranked = sorted(first.items(), key=lambda item: item[1][0])
    return [(template, key, index) for (template, key), (_o, index) in ranked][:MAX_PROBES]


def detail_record(body: bytes) -> dict[str, Any] | None:
    """The one record a detail endpoint answers: in an envelope (``{"data": {...}}``), or
    the object itself (a static file per record: ``{"id": 7, "nama": ..., "konten":
    ...}``); None for a list, an error page, the app's index.html."""
    try:
        data = json.loads(body.decode("utf-8-sig", errors="replace"))
    except (json.JSONDecodeError, RecursionError):
        return None
    if (isinstance(data, dict) and isinstance(record_fields(data).get("title"), str)
            and _single_record(data) is None
            and not any(str(k).lower() in _LIST_KEYS for k, _v in _arrays(data))):
        return data
    try:
        found = records_of(data)
    except NotRecords:
        return None
    return found[0] if len(found) == 1 else None


def _said(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 7.0 is the record 7
    return squash(_text(value)).casefold()


_RECORD_KEYS = ("id", "uuid", "kode", "code")


def _names_agree(a: str, b: str) -> bool:
    """Whether two names are one: the same, or the shorter the longer's words in a row
    making at least half of them ("Izin Reklame" and "Izin Reklame Permanen"); a short
    name inside another title ("KTP" in "Pelayanan KTP Keliling di Kecamatan Kota Baru")
    is another record."""
    wa, wb = re.findall(r"\w+", a), re.findall(r"\w+", b)
    short, long = sorted((wa, wb), key=len)
    if not short or 2 * len(short) < len(long):
        return False
    return any(long[i:i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _agree(a: dict[str, Any], b: dict[str, Any], key: str) -> bool:
    value_a, value_b = _said(a.get(key)), _said(b.get(key))
    return not (value_a and value_b) or value_a == value_b


def same_record(listed: dict[str, Any], found: dict[str, Any], key: str = "") -> bool:
    """Whether a detail endpoint's answer ``found`` is the record ``listed`` names: the same
    slug; else the same id, with names that agree (``_names_agree``) when both have one;
    else the same name. ``key``, the record value the detail URL was built from (``kode``,
    ``uuid``), must agree, and so must any other key both say (``id``, ``uuid``, ``kode``)
    unless their slugs do. Another record (an endpoint answering its first row whatever it
    is asked), a record of another list with the same id, or an answer naming nothing is
    not it."""
    a, b = unwrapped(listed), unwrapped(found)
    fa, fb = record_fields(a), record_fields(b)
    if key and key != "slug" and not _agree(a, b, key):
        return False
    slug_a, slug_b = _said(fa.get("slug")), _said(fb.get("slug"))
    if slug_a and slug_b:
        return slug_a == slug_b
    if not all(_agree(a, b, name) for name in _RECORD_KEYS):
        return False
    name_a, name_b = _said(fa.get("title")), _said(fb.get("title"))
    id_a, id_b = _said(a.get("id")), _said(b.get("id"))
    if id_a and id_b:  # the same (else it returned above)
        return not (name_a and name_b) or _names_agree(name_a, name_b)
    return bool(name_a) and name_a == name_b


def record_url(mapped: dict[str, Any], title: str, page_url: str, endpoint_url: str,
               placed: str | None = None) -> str:
    """The record's own http(s) URL on the site (WordPress's ``link``, a ``permalink``),
    else where the site shows it (``placed``), else ``<page>#<slug>`` (its slug key, or its
    name's). A URL on another host is not the record's page here: the CMS's own address
    behind a headless front end, or the app a service is applied for in."""
    page = canonicalize_url(page_url)
    slug = _text(mapped.get("slug"))
    raw = _text(mapped.get("url")) or (slug if "/" in slug else "")
    if raw and "#" not in raw and is_followable(raw):
        url = urljoin(page_url, raw)
        if _same_site(url, page_url):
            own = canonicalize_url(url)
            if own not in (page, canonicalize_url(endpoint_url)):
                return own
    if placed and placed not in (page, canonicalize_url(endpoint_url)):
        return placed
    return f"{page}#{slugify(slug or title)}"
