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

A select is a jump menu when its ``onchange`` navigates (a location assignment,
``MM_jumpMenu``, or a navigating function of the page given ``this.value``); its options'
values that read as URLs are followed, each with its option's text. A GET form whose
fields are selects, hidden inputs and buttons (no text box: a search) is submitted once per
option of its first select (the others at their chosen option). ``history.back()``,
``window.print()``, ``location.reload()`` carry no literal and go nowhere; what a literal
names is followed only through the crawler's own rules (``is_followable``: no ``mailto:``,
``javascript:``; the site's scope and trap rules drop other hosts and endless parameters).
At most ``MAX_SCRIPT_LINKS`` per page, ``MAX_OPTIONS`` per select.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode, urljoin

from bs4 import Tag

from crawler.extract.title import squash
from sikoja.schemes import is_followable

MAX_SCRIPT_LINKS = 200  # URLs read from script on one page
MAX_OPTIONS = 100  # options of one jump menu or form select
HANDLERS = ("onclick", "onchange", "ondblclick")
MAX_CODE = 200_000  # characters of inline script read for the page's functions

_LIT = r"""(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")"""
_LOCATION = (r"""(?<![\w$.])(?:(?:window|document|self|top|parent|opener)\s*\.\s*)*"""
             r"""location(?:\s*\.\s*href)?""")
# where a value goes: assigned to a location, or the first argument of a navigating call
_GOES_TO = (rf"""(?:{_LOCATION}\s*=(?!=)\s*|{_LOCATION}\s*\.\s*(?:assign|replace)\s*\(\s*|"""
            r"""(?<![\w$.])(?:window\s*\.\s*)?(?:open|navigate)\s*\(\s*)""")
_NAVIGATES = re.compile(_GOES_TO + _LIT)
_CALL = re.compile(r"""(?<![\w$.])([A-Za-z_$][\w$]*)\s*\(([^()]*)\)""")
_ARG = re.compile(_LIT + r"""|([^,'"]+)""")
_FUNCTION = re.compile(r"""function\s+([A-Za-z_$][\w$]*)\s*\(([^)]*)\)\s*\{|"""
                       r"""([A-Za-z_$][\w$]*)\s*=\s*function\s*\(([^)]*)\)\s*\{""")
_JUMPS = re.compile(rf"""{_LOCATION}\s*=(?!=)|MM_jumpMenu\s*\(|"""
                    r"""(?<![\w$.])(?:window\s*\.\s*)?open\s*\(""")
# an option's value that names a page (not "1", "" or "#")
_URLISH = re.compile(r"""^(?:https?://|/|\.\.?/)|[/.?=]""", re.IGNORECASE)


def _literal(m: re.Match[str], first: int = 1) -> str:
    value = m.group(first) if m.group(first) is not None else m.group(first + 1)
    return re.sub(r"\\(.)", r"\1", value or "")


def _body(code: str, start: int) -> str:
    """The function body whose ``{`` is just before ``start``: up to its matching brace."""
    depth = 1
    for i in range(start, min(len(code), start + 4000)):
        if code[i] == "{":
            depth += 1
        elif code[i] == "}":
            depth -= 1
            if depth == 0:
                return code[start:i]
    return code[start:start + 4000]


def navigating_functions(code: str) -> dict[str, tuple[int, str, str]]:
    """{name: (argument index, prefix, suffix)} of the functions ``code`` defines that go
    to a URL made of one of their parameters: ``function lihat(id) { window.location =
    'detail.php?id=' + id; }`` -> ``{"lihat": (0, "detail.php?id=", "")}``."""
    found: dict[str, tuple[int, str, str]] = {}
    for m in _FUNCTION.finditer(code):
        name = m.group(1) or m.group(3)
        params = [p.strip() for p in (m.group(2) if m.group(1) else m.group(4)).split(",")]
        body = _body(code, m.end())
        for index, param in enumerate(params):
            if not re.fullmatch(r"[A-Za-z_$][\w$]*", param):
                continue
            use = re.search(_GOES_TO + rf"""(?:{_LIT}\s*\+\s*)?{re.escape(param)}(?![\w$])"""
                            rf"""(?:\s*\+\s*{_LIT})?\s*(?=[;,)\n}}]|$)""", body)
            if use:
                found[name] = (index, _literal(use, 1), _literal(use, 3))
                break
    return found


def handler_urls(handler: str, functions: dict[str, tuple[int, str, str]]) -> list[str]:
    """The URLs a handler (or a ``javascript:`` href's code) goes to, as written."""
    urls = [_literal(m) for m in _NAVIGATES.finditer(handler)]
    for m in _CALL.finditer(handler):
        if m.group(1) not in functions:
            continue
        index, prefix, suffix = functions[m.group(1)]
        args = [a for a in _ARG.finditer(m.group(2)) if (a.group(3) or "x").strip()]
        if index < len(args) and args[index].group(3) is None:
            urls.append(prefix + _literal(args[index]) + suffix)
    return [u.strip() for u in urls if u.strip()]


def _text(tag: Tag) -> str:
    """What a clickable element says: a row by its longest cell (the service's name, not
    its number and fee), a button by its value."""
    if tag.name == "tr":
        cells = [squash(c.get_text(" ")) for c in tag.find_all(("td", "th"))]
        if cells:
            return max(cells, key=len)
    text = squash(tag.get_text(" "))
    return text or squash(str(tag.get("value") or tag.get("title") or tag.get("alt") or ""))


def _jump_menu(select: Tag, functions: dict[str, tuple[int, str, str]]) -> bool:
    handler = str(select.get("onchange") or "")
    if _JUMPS.search(handler):
        return True
    return any(m.group(1) in functions and "this" in m.group(2) for m in _CALL.finditer(handler))


def _options(select: Tag) -> list[Tag]:
    return [o for o in select.find_all("option")[:MAX_OPTIONS]
            if str(o.get("value", o.get_text())).strip()]


def _form_urls(form: Tag, base: str,
               functions: dict[str, tuple[int, str, str]]) -> list[tuple[str, str]]:
    """A GET form of selects and hidden inputs that a visitor submits (a submit button, or
    a select that submits on change) once per option of its first select: (URL, the
    option's text). A jump menu's form is not submitted: its select goes by itself."""
    if str(form.get("method") or "get").strip().lower() != "get":
        return []
    fields: list[tuple[str, str]] = []
    selects = []
    submits = False
    for tag in form.find_all(("input", "select", "textarea", "button")):
        kind = str(tag.get("type") or ("submit" if tag.name == "button" else "text")).lower()
        name = str(tag.get("name") or "")
        if tag.name == "textarea" or (tag.name == "input" and kind not in (
                "hidden", "submit", "button", "image", "reset")):
            return []  # a text box: a search, never enumerated
        submits = submits or kind in ("submit", "image") or (
            tag.name == "select" and "submit(" in str(tag.get("onchange") or ""))
        if tag.name == "select" and tag.has_attr("onchange") and _jump_menu(tag, functions):
            return []
        if tag.name == "select" and name and not tag.has_attr("multiple"):
            selects.append(tag)
            fields.append((name, ""))
        elif kind == "hidden" and name:
            fields.append((name, str(tag.get("value") or "")))
    if not selects or not submits:
        return []
    chosen = {}
    for select in selects[1:]:
        options = _options(select)
        pick = next((o for o in options if o.has_attr("selected")),
                    options[0] if options else None)
        chosen[str(select["name"])] = (str(pick.get("value", pick.get_text())).strip()
                                       if pick else "")
    action = urljoin(base, str(form.get("action") or "").strip() or base).split("#", 1)[0]
    action = action.split("?", 1)[0]
    first = str(selects[0]["name"])
    out = []
    for option in _options(selects[0]):
        value = str(option.get("value", option.get_text())).strip()
        query = [(n, value if n == first else chosen.get(n, v)) for n, v in fields]
        out.append((f"{action}?{urlencode(query)}", squash(option.get_text(" "))))
    return out


def script_links(base: str, tags: list[Tag]) -> list[tuple[str, str]]:
    """(absolute URL, link text) of what the page's handlers, jump menus and GET forms
    open, in document order, at most ``MAX_SCRIPT_LINKS``; ``tags``: every tag of the page
    (``crawler.extract.html.tags_in``), ``base``: what its relative links resolve against."""
    found: list[tuple[str, str]] = []
    known: list[dict[str, tuple[int, str, str]]] = []

    def functions() -> dict[str, tuple[int, str, str]]:
        """The page's navigating functions, read once when a handler calls one."""
        if not known:
            code = "\n".join(str(t.string or "") for t in tags
                             if t.name == "script" and not t.get("src"))[:MAX_CODE]
            known.append(navigating_functions(code) if "function" in code else {})
        return known[0]

    def add(url: str, text: str) -> None:
        if is_followable(url):
            try:
                found.append((urljoin(base, url).split("#", 1)[0], text))
            except ValueError:
                pass

    for tag in tags:
        if len(found) >= MAX_SCRIPT_LINKS:
            break
        href = str(tag.get("href") or "").strip() if tag.name in ("a", "area") else ""
        codes = [str(tag[h]) for h in HANDLERS if tag.has_attr(h)]
        if href[:11].lower() == "javascript:":
            codes.append(href[11:])
        for handler in codes:
            for url in handler_urls(handler, functions() if "(" in handler else {}):
                add(url, _text(tag))
        if tag.name == "select" and tag.has_attr("onchange") and _jump_menu(tag, functions()):
            for option in _options(tag):
                value = str(option.get("value", "")).strip()
                if _URLISH.search(value):
                    add(value, squash(option.get_text(" ")))
        elif tag.name == "form":
            for url, text in _form_urls(tag, base, functions()):
                add(url, text)
    return found[:MAX_SCRIPT_LINKS]

