"""What a page's script and buttons give its readers, each read once per page.

The DataTables reader (``crawler.extract.datatables``) and the modal reader
(``crawler.extract.modals``) both read a page's inline script code and the detail URLs its
handlers load (``jsroutes.handler_templates``); the modal reader reads the page's elements
twice over, once for the records its modal buttons carry and once for the ids its buttons
pass to handlers. A ``PageCode`` holds each of those, computed when first asked for, so a
page that has a DataTables table and "Detail" buttons is parsed once for all of them.
"""

from __future__ import annotations

import re
from functools import cached_property
from html.parser import HTMLParser
from typing import NamedTuple

from crawler.extract.jsonlist import MAX_DETAILS
from crawler.extract.jsroutes import handler_templates

MAX_BUTTONS = 500  # buttons read on one page
_SCRIPT_CODE = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
# Bootstrap's and the templates' own attributes: how the button works, not what it shows
_CONFIG = {"toggle", "target", "dismiss", "backdrop", "keyboard", "placement", "container",
           "original-title", "tooltip", "trigger", "loading-text"}
_ONCLICK = re.compile(r"""^\s*(?:return\s+)?([\w$]+)\s*\(\s*['"]?([\w-]{1,80})['"]?\s*[,)]""")


def inline_code(page_html: str) -> str:
    return "\n".join(m.group(1) for m in _SCRIPT_CODE.finditer(page_html))


class Passed(NamedTuple):
    """A value an element passes to a handler: ``onclick="detail(12)"``, ``data-id="12"``."""
    value: str
    function: str  # the function an onclick calls; "" for a data-id
    classes: frozenset[str]
    ident: str
    in_row: bool  # inside a table row or a list item


class _Buttons(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.records: list[dict[str, str]] = []
        self.passed: list[Passed] = []
        self.rows = 0  # open <tr> and <li>

    def handle_endtag(self, tag: str) -> None:
        if tag in ("tr", "li") and self.rows:
            self.rows -= 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
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
        """The page's inline script code."""
        return inline_code(self.html)

    @cached_property
    def handlers(self) -> dict[str, list[tuple[str, str]]]:
        """The detail URLs the inline code's handlers load (``handler_templates``)."""
        return handler_templates(self.code)

    @cached_property
    def _buttons(self) -> _Buttons:
        parser = _Buttons()
        parser.feed(self.html)
        parser.close()
        return parser

    @property
    def button_records(self) -> list[dict[str, str]]:
        """The data attributes of each modal-opening element, by name without ``data-``."""
        return self._buttons.records

    @property
    def passed(self) -> list[Passed]:
        """The values the page's elements pass to handlers, at most MAX_DETAILS."""
        return self._buttons.passed
