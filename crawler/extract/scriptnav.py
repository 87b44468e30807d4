"""The pages an old site reaches by script rather than by ``<a href>`` (issue #11).

OPD sites built in PHP or ASP a decade ago open their service pages and Standar Pelayanan
PDFs from inline handlers: a clickable table row (``<tr onclick="location.href='layanan.php?
id=3'">``), a button (``onclick="window.open('files/sp-ktp.pdf')"``, ``self.location=...``), a
``javascript:`` link (``href="javascript:popup('sp.php?id=5',600,400)"``,
``onclick="bukaHalaman('detail.php?id=5')"``), a jump menu (``<select onchange="location=
this.value">``, Dreamweaver's ``MM_jumpMenu('parent',this,0)``), or a GET form whose only
fields are a select and hidden inputs. A crawler that follows anchors only misses a whole
site's services and reports nothing.

No script is run. A handler's URL is read where it is a string literal:

- assigned to ``location`` / ``location.href`` (of ``window``, ``document``, ``self``, ``top``,
  ``parent``), or passed to ``location.assign``/``replace``, ``window.open``, ``navigate``;
- or passed to a function the page's inline scripts define that navigates with that
  argument, read from its body: ``function lihat(id) { window.location = 'detail.php?id='
  + id; }`` makes ``lihat('3')`` go to ``detail.php?id=3`` (a literal prefix and suffix
  around the parameter are kept).

A literal joined to a value the page computes (``window.open('cetak.php?id=' + x)``) is
only the start of a URL and is not followed.

A select is a jump menu when its ``onchange`` navigates (a location assignment,
``MM_jumpMenu``, or a navigating function of the page given ``this.value``); its options'
values that read as URLs are followed, each with its option's text; where the handler puts a
literal before the chosen value (``location.href='kelurahan.php?kec=' + this.value``, or the
function's own prefix) every option's value is, after that literal. A GET form whose
fields are selects, hidden inputs and buttons (no text box: a search) is submitted once per
option of its first select, as a browser submits it: the others at their chosen option (an
empty value stays empty), the first submit button's name and value, no action the page's
own URL. ``history.back()``,
``window.print()``, ``location.reload()`` carry no literal and go nowhere; what a literal
names is followed only through the crawler's own rules (``is_followable``: no ``mailto:``,
``javascript:``; the site's scope and trap rules drop other hosts and endless parameters).
At most ``MAX_SCRIPT_LINKS`` per page, ``MAX_OPTIONS`` per select.

A handler may call a function the page does not define but loads from the site's own script
file (``<script src="js/fungsi.js">`` defining ``lihat(id)``). ``outside_files`` names the
files to read for it: only where a handler calls a function the inline scripts lack, only
the page's own site (either scheme, ``www.`` or not), no library (known by its file name),
at most ``MAX_SCRIPT_FILES``, read from the page by ``PageCode``'s linear parser (its
``<base href>`` honoured, commented-out scripts skipped); the crawler reads each once
per crawl (``crawler.spiders.scriptfiles``), at most ``MAX_FILE_CODE`` characters of it,
and gives its navigating functions to ``script_links`` (``functions``), the page's own
winning over a file's of the same name.
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode, urljoin, urlsplit

from bs4 import Tag

from crawler.extract.pagecode import HANDLERS, MAX_HANDLER
from crawler.extract.title import squash
from sikoja.schemes import is_followable
from sikoja.urls import base_url, same_site

if TYPE_CHECKING:
    from crawler.extract.pagecode import PageCode

MAX_SCRIPT_LINKS = 200  # URLs read from script on one page
MAX_OPTIONS = 100  # options of one jump menu or form select
MAX_CODE = 200_000  # characters of inline script read for the page's functions
MAX_FUNCTIONS = 1000  # functions of the page's inline scripts read
MAX_BODY = 4000  # characters of one function's body read
MAX_SCRIPT_FILES = 4  # script files of one page read for the functions its handlers call
MAX_FILE_CODE = 300_000  # characters of one such file read

# Every pattern is read in one pass (a hostile page must not hang the crawl): a location is
# found by its own word and the object before it looked at, not walked to from each
# ``window.`` of a chain; a function's parameters stop at the first bracket.
_LIT = r"""(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")"""
_LOCATION = (r"""(?:(?<=window\.)|(?<=document\.)|(?<=self\.)|(?<=top\.)|(?<=parent\.)|"""
             r"""(?<=opener\.)|(?<![\w$.]))location(?:\s*\.\s*href)?""")
# where a value goes: assigned to a location, or the first argument of a navigating call
_GOES_TO = (rf"""(?:{_LOCATION}\s*=(?!=)\s*|{_LOCATION}\s*\.\s*(?:assign|replace)\s*\(\s*|"""
            r"""(?<![\w$.])(?:window\s*\.\s*)?(?:open|navigate)\s*\(\s*)""")
_NAVIGATES = re.compile(_GOES_TO + _LIT)
# what follows a literal that is only the start of the URL: ``'kelurahan.php?kec=' + ...``
_PLUS = re.compile(r"""\s*\+\s*""")
# the chosen option's value, in a jump menu's handler
_THIS_VALUE = re.compile(r"""this\s*\.\s*(?:options\s*\[\s*this\s*\.\s*selectedIndex\s*\]"""
                         r"""\s*\.\s*)?value(?![\w$])""")
_CALL = re.compile(r"""(?<![\w$.])([A-Za-z_$][\w$]*)\s*\(([^()]*)\)""")
_LITERAL = re.compile(_LIT)
_ARG = re.compile(_LIT + r"""|([^,'"]+)""")
_FUNCTION = re.compile(r"""(?<![\w$])function\s+([A-Za-z_$][\w$]*)\s*\(([^(){}]{0,300})\)\s*\{|"""
                       r"""(?<![\w$.])([A-Za-z_$][\w$]*)\s*=\s*function\s*\(([^(){}]{0,300})\)"""
                       r"""\s*\{""")
# a parameter that a function's body sends somewhere, with a literal before or after it
_USE = re.compile(_GOES_TO + rf"""(?:{_LIT}\s*\+\s*)?([A-Za-z_$][\w$]*)(?![\w$])"""
                  rf"""(?:\s*\+\s*{_LIT})?\s*(?=[;,)\n}}]|$)""")
_JUMPS = re.compile(rf"""{_LOCATION}\s*=(?!=)|MM_jumpMenu\s*\(|"""
                    r"""(?<![\w$.])(?:window\s*\.\s*)?open\s*\(""")
# an option's value that names a page (not "1", "" or "#")
_URLISH = re.compile(r"""^(?:https?://|/|\.\.?/)|[/.?=]""", re.IGNORECASE)
_METHOD = re.compile(r"GET|POST|PUT|DELETE|HEAD")
_NUMBER = re.compile(r"""\s*(\d+)\s*""")
# an option that asks to choose, "-- Pilih Kecamatan --", "Pilih ...", "Select": no place
_PLACEHOLDER = re.compile(
    r"""^[\W_]*(?:silakan\s+|silahkan\s+)?(?:pilih|select|choose)\b|^[\W_]*$""", re.IGNORECASE)
# a form a script names: document.forms[0], document.forms['f1'], document.forms.f1,
# document.getElementById('f1'), document.querySelector('#f1'), $('#f1'), document.f1
_FORM = (rf"""(?:document\s*\.\s*forms\s*\[\s*(?:(\d+)|{_LIT})\s*\]|"""
         r"""document\s*\.\s*forms\s*\.\s*([A-Za-z_$][\w$]*)|"""
         rf"""document\s*\.\s*(getElementById|querySelector)\s*\(\s*{_LIT}\s*\)|"""
         rf"""(?<![\w$.])(?:\$|jQuery)\s*\(\s*{_LIT}\s*\)|"""
         r"""document\s*\.\s*([A-Za-z_$][\w$]*))""")
# what a script does to a form: submits it (``.submit()`` with no argument: ``$('#f').
# submit(function (e) {...})`` only binds a handler), or sets the method it is sent by
# (``f.method = 'post'``, ``setAttribute('method', ...)``, jQuery's ``attr('method', ...)``)
_ACTS = (r"""\s*\.\s*(?:(submit)\s*\(\s*\)|(?:method|formMethod)\s*=(?!=)|"""
         r"""(?:setAttribute|attr|prop)\s*\(\s*['"](?:form)?method['"])""")
_FORM_ACTS = re.compile(_FORM + _ACTS)  # document.getElementById('f').submit()
# a name given a form (var f = document.forms['cari'];), and what is done to a name's form
_FORM_NAMED = re.compile(r"""(?<![\w$.])([A-Za-z_$][\w$]*)\s*=(?!=)\s*""" + _FORM)
_NAME_ACTS = re.compile(r"""(?<![\w$.])([A-Za-z_$][\w$]*)""" + _ACTS)
# a field's handler submitting its own form: submit(), form.submit(), this.form.submit()
_OWN_SUBMIT = re.compile(r"""(?<![\w$.])(?:this\s*\.\s*form\s*\.\s*|form\s*\.\s*)?"""
                         r"""submit\s*\(\s*\)""")
_ID_SELECTOR = re.compile(r"""^\s*(?:form)?#([\w-]+)\s*$""")
_PLACEHOLDER_VALUES = ("", "0", "-1", "-")
# what a browser leaves of a URL typed into location as it is (WHATWG URL: the query
# percent-encode set, space, quotes and angle brackets, and non-ASCII as UTF-8, encoded)
_URL_SAFE = "!#$%&()*+,-./:;=?@[]^_`{|}~\\"


# a library's file defines no page of the site: its file name is the library's and then
# only versions and build words (jquery-3.6.0.min.js, bootstrap.bundle.min.js,
# moment-with-locales.js; jQuery's plugins are jquery.<plugin>.js), not the site's own file
# named after a library (moment-kegiatan.js) or kept in a library's folder (chart/fungsi.js)
_LIBRARY_NAMES = ("jquery", "bootstrap", "popper", "datatables", "select2", "moment",
                  "sweetalert", "chart", "analytics", "gtag", "fontawesome", "recaptcha")
_LIBRARY_NAME = re.compile(rf"""(?:{"|".join(_LIBRARY_NAMES)})\d*""")
_BUILD_WORD = re.compile(r"""\d[\w]*|v\d\w*|min|slim|bundle|all|full|umd|esm|js|ui|with|"""
                         r"""locales?|latest|core|pack|packed|dist|prod""")


def _is_library(url: str) -> bool:
    name = urlsplit(url).path.rsplit("/", 1)[-1].lower()
    name = name[:-3] if name.endswith(".js") else name
    words = re.split(r"[.\-_]", name)
    if not _LIBRARY_NAME.fullmatch(words[0]):
        return False
    return words[0] == "jquery" and name.startswith("jquery.") or all(
        _BUILD_WORD.fullmatch(w) or _LIBRARY_NAME.fullmatch(w) for w in words[1:])


# what a handler calls that is the browser's, not a function a script file defines
_BUILTINS = frozenset({"alert", "confirm", "prompt", "print", "open", "navigate", "submit",
                       "eval", "void", "setTimeout", "setInterval", "parseInt", "escape",
                       "encodeURIComponent", "encodeURI", "return", "if", "function", "$",
                       "jQuery"})


def called_functions(page: PageCode) -> set[str]:
    """The functions the page's handlers call that are not the browser's."""
    return {m.group(1) for h in page.handler_code for m in _CALL.finditer(h)} - _BUILTINS


def outside_files(page: PageCode | str, page_url: str) -> list[str]:
    """The script files of the page's own site (no library, at most ``MAX_SCRIPT_FILES``,
    in page order, resolved against its ``<base href>``) that may define a function one of
    its handlers calls; [] when every function its handlers call is the browser's or its
    inline scripts'. The page is read by ``PageCode``'s one linear pass (a script in an HTML
    comment loads nothing); the site is the crawl's (``sikoja.urls.same_site``: http and
    https, ``www.`` or not)."""
    if isinstance(page, str):
        # imported here: pagecode's imports reach crawler.extract.html, which imports this
        from crawler.extract.pagecode import PageCode
        page = PageCode(page)
    sources = page.script_sources
    if not sources:
        return []
    called = called_functions(page)
    if not called:
        return []
    defined = {m.group(1) or m.group(3) for m in _FUNCTION.finditer(page.inline_code[:MAX_CODE])}
    if called <= defined:
        return []
    base = base_url(page_url, page.base_href)
    out: list[str] = []
    for src in sources:
        try:
            url = urljoin(base, src.strip()).split("#", 1)[0]
        except ValueError:
            continue
        if url not in out and same_site(url, page_url) and not _is_library(url):
            out.append(url)
    return out[:MAX_SCRIPT_FILES]


def _literal(m: re.Match[str], first: int = 1) -> str:
    value = m.group(first) if m.group(first) is not None else m.group(first + 1)
    return re.sub(r"\\(.)", r"\1", value or "")


def _closing_braces(code: str) -> dict[int, int]:
    """{position after a ``{``: position of its matching ``}``}, in one pass."""
    closing: dict[int, int] = {}
    opened: list[int] = []
    for m in re.finditer(r"[{}]", code):
        if m.group() == "{":
            opened.append(m.end())
        elif opened:
            closing[opened.pop()] = m.start()
    return closing


def navigating_functions(code: str) -> dict[str, tuple[int, str, str]]:
    """{name: (argument index, prefix, suffix)} of the functions ``code`` defines that go
    to a URL made of one of their parameters: ``function lihat(id) { window.location =
    'detail.php?id=' + id; }`` -> ``{"lihat": (0, "detail.php?id=", "")}``. The code is read
    once: every place that sends a name somewhere, then each function's body for those
    sending one of its parameters."""
    uses = [(m.start(), m.group(3), _literal(m, 1), _literal(m, 4)) for m in _USE.finditer(code)]
    if not uses:
        return {}
    closing = _closing_braces(code)
    starts = [use[0] for use in uses]
    found: dict[str, tuple[int, str, str]] = {}
    for m in itertools.islice(_FUNCTION.finditer(code), MAX_FUNCTIONS):
        name = m.group(1) or m.group(3)
        params = [p.strip() for p in (m.group(2) if m.group(1) else m.group(4)).split(",")]
        end = min(closing.get(m.end(), len(code)), m.end() + MAX_BODY)
        for at in range(bisect.bisect_left(starts, m.end()), len(uses)):
            pos, param, prefix, suffix = uses[at]
            if pos >= end:
                break
            if param in params:
                found[name] = (params.index(param), prefix, suffix)
                break
    return found


def handler_urls(handler: str, functions: dict[str, tuple[int, str, str]]) -> list[str]:
    """The URLs a handler (or a ``javascript:`` href's code) goes to, as written; a literal
    joined to a value the page computes is no URL and is dropped."""
    handler = handler[:MAX_HANDLER]
    urls = []
    for m in _NAVIGATES.finditer(handler):
        # 'cetak.php?id=' + x is no URL of its own; open('GET', ...) is a request's method
        if not _PLUS.match(handler, m.end()) and not _METHOD.fullmatch(_literal(m)):
            urls.append(_literal(m))
    for m in _CALL.finditer(handler):
        if m.group(1) not in functions:
            continue
        index, prefix, suffix = functions[m.group(1)]
        args = [a for a in _ARG.finditer(m.group(2)) if (a.group(3) or "x").strip()]
        if index >= len(args):
            continue
        if args[index].group(3) is None:
            urls.append(prefix + _literal(args[index]) + suffix)
        elif prefix and (number := _NUMBER.fullmatch(args[index].group(3))):
            urls.append(prefix + number.group(1) + suffix)  # lihat(12): detail.php?id=12
    return [u.strip() for u in urls if u.strip()]


def jump_target(handler: str, functions: dict[str, tuple[int, str, str]]
                ) -> tuple[str, str | None] | None:
    """(prefix, suffix) a jump menu's handler puts around the chosen option's value, or None
    when it is no jump menu: ("", "") for ``location = this.value`` or ``MM_jumpMenu``,
    ("kelurahan.php?kec=", "") for ``location.href = 'kelurahan.php?kec=' + this.value`` or a
    call of the page's ``pilih(this.value)`` that goes to ``'kelurahan.php?kec=' + v``. The
    suffix is None when the value is joined to one the page computes (``+ '&t=' + tahun``):
    a jump menu whose URLs are not written, as every literal joined to a variable."""
    handler = handler[:MAX_HANDLER]
    for m in _NAVIGATES.finditer(handler):
        plus = _PLUS.match(handler, m.end())
        if plus and (value := _THIS_VALUE.match(handler, plus.end())):
            more = _PLUS.match(handler, value.end())
            if not more:
                return _literal(m), ""
            after = _LITERAL.match(handler, more.end())
            if after is None or _PLUS.match(handler, after.end()):
                return _literal(m), None  # + tahun, + '&t=' + tahun: not written
            return _literal(m), _literal(after)
    for m in _CALL.finditer(handler):
        if m.group(1) in functions and "this" in m.group(2):
            index, prefix, suffix = functions[m.group(1)]
            args = [a.group().strip() for a in _ARG.finditer(m.group(2))]
            if index < len(args) and _THIS_VALUE.fullmatch(args[index]):
                return prefix, suffix
            return "", ""
    return ("", "") if _JUMPS.search(handler) else None


def _text(tag: Tag) -> str:
    """What a clickable element says: a row by its longest cell (the service's name, not
    its number and fee), a button by its value."""
    if tag.name == "tr":
        cells = [squash(c.get_text(" ")) for c in tag.find_all(("td", "th"))]
        if cells:
            return max(cells, key=len)
    text = squash(tag.get_text(" "))
    return text or squash(str(tag.get("value") or tag.get("title") or tag.get("alt") or ""))


def _options(select: Tag) -> list[tuple[str, str]]:
    """(value, text) of the options a visitor chooses a place by: with a value (the text
    where there is no ``value`` attribute, as a browser sends it), not one asking to choose
    ("-- Pilih --" whose value is missing, empty or "0")."""
    options = []
    for option in select.find_all("option", limit=MAX_OPTIONS):
        text = squash(option.get_text(" "))
        value = str(option.get("value", text)).strip()
        if value and not (_PLACEHOLDER.search(text) and (
                not option.has_attr("value") or value in _PLACEHOLDER_VALUES)):
            options.append((value, text))
    return options


def _value(option: Tag) -> str:
    """An option's value as a browser reads it: its ``value``, else its text."""
    return str(option.get("value", squash(option.get_text(" ")))).strip()


def _handlers(tag: Tag) -> list[str]:
    """The script a click or a change on ``tag`` runs: its handlers' code, and a ``javascript:``
    link's."""
    codes = [str(tag[h]) for h in HANDLERS if tag.has_attr(h)]
    if tag.name in ("a", "area"):
        href = str(tag.get("href") or "").strip()
        if href[:11].lower() == "javascript:":
            codes.append(href[11:])
    return codes


def _form_named(m: re.Match[str], at: int) -> int | str | None:
    """The form a ``_FORM`` match (its groups from ``at``) names: its index in
    ``document.forms``, or its name or id; None for a selector that names no one form."""
    if m.group(at):
        return int(m.group(at))
    if m.group(at + 1) is not None or m.group(at + 2) is not None:
        return _literal(m, at + 1)
    if m.group(at + 3):
        return m.group(at + 3)
    if m.group(at + 4):  # getElementById('f') is an id; querySelector('#f') a selector
        value = _literal(m, at + 5)
        if m.group(at + 4) == "getElementById":
            return value
    elif m.group(at + 7) is not None or m.group(at + 8) is not None:
        value = _literal(m, at + 7)
    else:
        return m.group(at + 9)
    selector = _ID_SELECTOR.match(value)
    return selector.group(1) if selector else None


def _scopes(code: str, at: list[int]) -> list[int]:
    """For each position of ``at`` (ascending), where the innermost function body of
    ``code`` holding it starts (0 outside every function), in one sweep."""
    closing = _closing_braces(code)
    bodies = sorted((m.end(), min(closing.get(m.end(), len(code)), m.end() + MAX_CODE))
                    for m in itertools.islice(_FUNCTION.finditer(code), MAX_FUNCTIONS))
    out, open_, b = [], [(0, len(code) + 1)], 0
    for pos in at:
        while b < len(bodies) and bodies[b][0] <= pos:
            open_.append(bodies[b])
            b += 1
        while open_[-1][1] <= pos:
            open_.pop()
        out.append(open_[-1][0])
    return out


def _acts(code: str) -> tuple[list[int | str | None], list[int | str | None]]:
    """(the forms ``code`` submits, those whose method it sets), as ``_form_named`` names
    them. A name's form (``f.submit()``) is the one the nearest earlier ``f = ...`` of the
    same function body gives it (None when there is none, or when two assignments there
    give it different forms: which one runs is not written)."""
    submitted: list[int | str | None] = []
    methods: list[int | str | None] = []
    for m in _FORM_ACTS.finditer(code):
        (submitted if m.group(11) else methods).append(_form_named(m, 1))
    acts = list(_NAME_ACTS.finditer(code)) if "=" in code else []
    if not acts:
        return submitted, methods
    given = list(_FORM_NAMED.finditer(code))
    scopes = _scopes(code, sorted({m.start() for m in given} | {m.start() for m in acts}))
    scope_of = dict(zip(sorted({m.start() for m in given} | {m.start() for m in acts}), scopes,
                        strict=True))
    # per (name, scope): the forms given it there, in order of position
    named: dict[tuple[str, int], list[tuple[int, int | str | None]]] = {}
    for m in given:
        named.setdefault((m.group(1), scope_of[m.start()]), []).append(
            (m.start(), _form_named(m, 2)))
    for m in acts:
        earlier = [form for pos, form in named.get((m.group(1), scope_of[m.start()]), [])
                   if pos < m.start()]
        form = earlier[0] if earlier and len(set(earlier)) == 1 else None
        (submitted if m.group(2) else methods).append(form)
    return submitted, methods


def _scripted(tags: list[Tag]) -> tuple[set[int | str], set[int | str]]:
    """The forms the page's script submits, from a handler, a ``javascript:`` link or a
    function of its inline scripts (a button's ``kirim()`` that submits ``#cari``), and
    those whose method it sets (sent by another method than the form's own, never
    enumerated): their indexes in ``document.forms`` and their names or ids. A form is
    named as a script names it (``document.forms[0]``, ``document.forms['f']``,
    ``document.getElementById('f')``, ``document.querySelector('#f')``, ``$('#f')``,
    ``document.f``), directly before ``.submit()`` or through a name given it first in the
    same function (``var f = ...; f.submit()``); each handler is read on its own."""
    codes = [code[:MAX_HANDLER] for tag in tags for code in _handlers(tag)]
    codes.append("\n".join(str(t.string or "") for t in tags
                            if t.name == "script" and not t.get("src"))[:MAX_CODE])
    submitted: set[int | str] = set()
    methods: set[int | str] = set()
    for code in codes:
        if "submit" in code or "ethod" in code:
            forms, sets = _acts(code)
            submitted |= {f for f in forms if f is not None}
            methods |= {f for f in sets if f is not None}
    return submitted, methods


def _form_urls(form: Tag, page_url: str, base: str,
               functions: dict[str, tuple[int, str, str]],
               scripted: bool = False) -> list[tuple[str, str]]:
    """A GET form of selects and hidden inputs that a visitor submits (a submit button, a
    select that submits on change, a button or link whose script submits it: ``scripted``
    or ``this.form.submit()`` on a button of its own) once per option of its first select: (URL, the
    option's text), its query as a browser writes it (the fields in document order, the
    pressed button's name and value among them, the other selects at their chosen option
    even when its value is empty). A jump menu's form is not submitted: its select goes by
    itself. An empty or missing ``action`` is the page's own URL (HTML: not the
    ``<base href>``, which only a written action resolves against)."""
    if str(form.get("method") or "get").strip().lower() != "get":
        return []
    fields: list[tuple[str, str]] = []
    selects = []
    submits, pressed = scripted, False
    for tag in form.find_all(("input", "select", "textarea", "button")):
        kind = str(tag.get("type") or ("submit" if tag.name == "button" else "text")).lower()
        name = str(tag.get("name") or "")
        if tag.name == "textarea" or (tag.name == "input" and kind not in (
                "hidden", "submit", "button", "image", "reset")):
            return []  # a text box: a search, never enumerated
        # a field's handler runs with its form in scope: submit(), form.submit() and
        # this.form.submit() all submit it
        submits = submits or kind in ("submit", "image") or any(
            _OWN_SUBMIT.search(code) for code in _handlers(tag))
        if tag.name == "select" and tag.has_attr("onchange") and jump_target(
                str(tag["onchange"]), functions) is not None:
            return []
        if tag.name == "select" and name and not tag.has_attr("multiple"):
            selects.append(tag)
            fields.append((name, ""))
        elif kind == "hidden" and name:
            fields.append((name, str(tag.get("value") or "")))
        elif kind == "submit" and not pressed:
            pressed = True  # the first submit button is the one a visitor presses
            if str(tag.get("formmethod") or "get").strip().lower() != "get":
                return []  # it sends the form by POST
            if name:
                fields.append((name, str(tag.get("value") or "")))
    if not selects or not submits:
        return []
    chosen = {}
    for select in selects[1:]:
        options = select.find_all("option")[:MAX_OPTIONS]
        pick = next((o for o in options if o.has_attr("selected")),
                    options[0] if options else None)
        chosen[str(select["name"])] = _value(pick) if pick else ""
    written = str(form.get("action") or "").strip()
    try:  # a broken action ("http://[bad/x") sends nowhere, as a browser's submit fails
        action = (urljoin(base, written) if written else page_url).split("#", 1)[0]
    except ValueError:
        return []
    action = action.split("?", 1)[0]
    first = str(selects[0]["name"])
    out = []
    for value, text in _options(selects[0]):
        query = [(n, value if n == first else chosen.get(n, v)) for n, v in fields]
        out.append((f"{action}?{urlencode(query)}", text))
    return out


def script_links(base: str, tags: list[Tag], page_url: str | None = None,
                 functions: dict[str, tuple[int, str, str]] | None = None
                 ) -> list[tuple[str, str]]:
    """(absolute URL, link text) of what the page's handlers, jump menus and GET forms
    open, in document order, at most ``MAX_SCRIPT_LINKS``; ``tags``: every tag of the page
    (``crawler.extract.html.tags_in``), ``base``: what its relative links resolve against,
    ``page_url``: the page's own URL (a form without an action goes there; ``base`` if
    not given); ``functions``: the navigating functions of the script files it loads
    (``outside_files``), under its own."""
    found: list[tuple[str, str]] = []
    known: dict[str, tuple[int, str, str]] | None = None
    forms = 0  # the index of the next form in document.forms
    # the forms the page's script submits, and those whose method it sets: read at the
    # first form
    scripts: tuple[set[int | str], set[int | str]] | None = None

    def page_functions() -> dict[str, tuple[int, str, str]]:
        """The page's navigating functions, read once when a handler calls one."""
        nonlocal known
        if known is None:
            code = "\n".join(str(t.string or "") for t in tags
                             if t.name == "script" and not t.get("src"))[:MAX_CODE]
            known = {**(functions or {}),
                     **(navigating_functions(code) if "function" in code else {})}
        return known

    def add(url: str, text: str) -> None:
        if len(found) < MAX_SCRIPT_LINKS and is_followable(url):
            try:
                found.append((urljoin(base, url).split("#", 1)[0], text))
            except ValueError:
                pass

    for tag in tags:
        if len(found) >= MAX_SCRIPT_LINKS:
            break
        text = None  # what the tag says, read once, when a handler goes somewhere
        for handler in _handlers(tag):
            for url in handler_urls(handler, page_functions() if "(" in handler else {}):
                if len(found) >= MAX_SCRIPT_LINKS:
                    break
                text = _text(tag) if text is None else text
                add(url, text)
        if tag.name == "select" and tag.has_attr("onchange"):
            target = jump_target(str(tag["onchange"]), page_functions())
            if target is None:
                continue
            prefix, suffix = target
            if suffix is None:
                continue  # joined to a value the page computes
            for value, text in _options(tag):
                if prefix:  # 'kelurahan.php?kec=' + this.value: any value, as a browser
                    # writes it into a URL ("Kota Baru": Kota%20Baru)
                    add(prefix + quote(value, safe=_URL_SAFE) + suffix, text)
                elif _URLISH.search(value):
                    add(value + suffix, text)
        elif tag.name == "form":
            if scripts is None:
                scripts = _scripted(tags)
            submitted, methods = scripts
            named = {forms} | ({str(tag.get("name") or ""), str(tag.get("id") or "")} - {""})
            forms += 1
            if named & methods:
                continue  # the script sends it by a method of its own choosing
            for url, text in _form_urls(tag, page_url or base, base, page_functions(),
                                        bool(named & submitted)):
                add(url, text)
    return found
