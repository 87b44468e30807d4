"""What a page's script and buttons give its readers, each read once per page.

The DataTables reader (``crawler.extract.datatables``) and the modal reader
(``crawler.extract.modals``) both read a page's inline script code and the detail URLs its
handlers load (``jsroutes.handler_templates``); the modal reader reads the page's elements
twice over, once for the records its modal buttons carry and once for the ids its buttons
pass to handlers; the script-navigation reader (``crawler.extract.scriptnav``) the script
files a page loads, its ``<base href>`` and its handlers' code. A ``PageCode`` holds each of
those, computed when first asked for, so a page that has a DataTables table and "Detail"
buttons is parsed once for all of them.

The page is read by one linear pass of ``html.parser`` (no regular expression over raw
HTML: ``<script\b[^>]*>`` scans a hostile page's rest from every ``<script``), comments
skipped as a browser skips them. The parser is fed and not closed: ``close()`` reads an
unfinished tag at the end of the page again from every ``<`` after it (quadratic before
Python 3.13.4, gh-135462: 67 s for ``"<script " * 20000``), and a browser drops an
unfinished tag at the end of a page anyway; an unclosed script runs no code here, as before.
"""

from __future__ import annotations

import re
from functools import cached_property
from html.parser import HTMLParser
from typing import NamedTuple

from crawler.extract.jsroutes import MAX_DETAILS, handler_templates

MAX_BUTTONS = 500  # buttons read on one page
MAX_HANDLER = 4000  # characters of one handler kept: a longer one is a script, not a click
HANDLERS = ("onclick", "onchange", "ondblclick")
# Bootstrap's and the templates' own attributes: how the button works, not what it shows
_CONFIG = {"toggle", "target", "dismiss", "backdrop", "keyboard", "placement", "container",
           "original-title", "tooltip", "trigger", "loading-text"}
_ONCLICK = re.compile(r"""^\s*(?:return\s+)?([\w$]+)\s*\(\s*['"]?([\w-]{1,80})['"]?\s*[,)]""")


class Passed(NamedTuple):
    """A value an element passes to a handler: ``onclick="detail(12)"``, ``data-id="12"``."""
    value: str
    function: str  # the function an onclick calls; "" for a data-id
    classes: frozenset[str]
    ident: str
    in_row: bool  # inside a table row or a list item


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.records: list[dict[str, str]] = []
        self.passed: list[Passed] = []
        self.rows = 0  # open <tr> and <li>
        # each script element: its src (None without one) and its code's parts
        self.scripts: list[tuple[str | None, list[str]]] = []
        self.base: str | None = None  # the first <base href>
        self.handlers: list[str] = []  # handlers' code and javascript: links'
        self.tables: list[bool] = []  # open tables: whether each has a data cell yet
        self.empty_table = False  # a table closed without a data cell (<td>)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("tr", "li") and self.rows:
            self.rows -= 1
        elif tag == "table" and self.tables and not self.tables.pop():
            self.empty_table = True

    def handle_data(self, data: str) -> None:
        if self.cdata_elem == "script" and self.scripts:
            self.scripts[-1][1].append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "script":
            self.scripts.append((values["src"] if "src" in values else None, []))
        elif tag == "base" and self.base is None and values.get("href", "").strip():
            self.base = values["href"]
        elif tag == "table":
            self.tables.append(False)
        elif tag == "td" and self.tables:  # a header row is no row of data
            self.tables[-1] = True
        self.handlers += [values[h][:MAX_HANDLER] for h in HANDLERS if values.get(h)]
        if values.get("href", "")[:30].strip()[:11].lower() == "javascript:":
            self.handlers.append(values["href"].strip()[11:][:MAX_HANDLER])
        self.rows += tag in ("tr", "li")
        if len(self.passed) < MAX_DETAILS:
            element = (frozenset(values.get("class", "").split()), values.get("id", ""),
                       self.rows > 0)
            if m := _ONCLICK.match(values.get("onclick", "")):
                self.passed.append(Passed(m.group(2), m.group(1), *element))
            if values.get("data-id", "").strip():
                self.passed.append(Passed(values["data-id"].strip(), "", *element))
        if (values.get("data-bs-toggle") or values.get("data-toggle")) != "modal":
            return
        record = {name[5:]: value for name, value in values.items()
                  if name.startswith("data-") and not name.startswith("data-bs-")
                  and name[5:] not in _CONFIG and value.strip()}
        if record and len(self.records) < MAX_BUTTONS:
            self.records.append(record)


class PageCode:
    """One page's decoded HTML and what its readers read of its code and elements."""

    def __init__(self, page_html: str) -> None:
        self.html = page_html

    @cached_property
    def code(self) -> str:
        """The code of the page's script elements."""
        return "\n".join("".join(code) for _src, code in self._page.scripts)

    @cached_property
    def inline_code(self) -> str:
        """The code of the page's script elements without ``src`` (what a browser runs)."""
        return "\n".join("".join(code) for src, code in self._page.scripts if src is None)

    @property
    def script_sources(self) -> list[str]:
        """The ``src`` of each script element, as written (character references read)."""
        return [src for src, _code in self._page.scripts if src is not None]

    @property
    def base_href(self) -> str | None:
        """The page's first ``<base href>``, as written."""
        return self._page.base

    @property
    def handler_code(self) -> list[str]:
        """The code of the page's ``onclick``/``onchange``/``ondblclick`` handlers and
        ``javascript:`` links, each at most ``MAX_HANDLER`` characters."""
        return self._page.handlers

    @property
    def empty_table(self) -> bool:
        """Whether the page has a table without a data cell (for a script to fill)."""
        return self._page.empty_table

    @cached_property
    def handlers(self) -> dict[str, list[tuple[str, str]]]:
        """The detail URLs the inline code's handlers load (``handler_templates``)."""
        return handler_templates(self.code)

    @cached_property
    def _page(self) -> _Page:
        parser = _Page()
        parser.feed(self.html)  # not closed: see the module's docstring
        return parser

    @property
    def button_records(self) -> list[dict[str, str]]:
        """The data attributes of each modal-opening element, by name without ``data-``."""
        return self._page.records

    @property
    def passed(self) -> list[Passed]:
        """The values the page's elements pass to handlers, at most MAX_DETAILS."""
        return self._page.passed
