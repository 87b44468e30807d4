"""The React Server Components payload of a Next.js app-router page, read as rows and drawn.

The app router writes, beside the HTML, the page's tree as "flight" rows in
``self.__next_f.push([1, "..."])`` scripts (a static export also as ``<route>/index.txt``).
The strings joined are the stream, one row a line, ``<id>:<JSON>``; an element is ``["$",
type, key, props]``; a client component's type is a reference (``"$L9"``) to a module row
(``9:I[...]``), React's Fragment or Suspense a symbol (``"$Sreact.fragment"``, in place or in
a row of its own) that is no component of the app's; a long string is a text row
(``<id>:T<hex length>,<text>``) a value names as ``"$<id>"``; a value ``"$L<id>"`` or
``"$<id>"`` in a tree is that row's model.

The HTML is what the server rendered with every client component in its first state: an
accordion (shadcn/Radix) or tabs leave a closed panel's content out of the HTML (``<div
data-state="closed" hidden></div>``), but the server passed that content to the client
component as its ``children``, so it is in the rows. ``flight_html`` draws what the rows'
trees pass to client components as HTML, every panel open, for the page's section rules to
read (``crawler.extract.payload``); the server's own elements outside them (the layout's
header and footer, the page's heading) are in the HTML already and are not drawn. Work is
bounded: a text row may be named any number of times, and what the references resolve to is
held to a few times the payload's own size.
"""

from __future__ import annotations

import html
import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any

# one JSON string per push (the string's characters matched possessively: backtracking
# state was 150 bytes a character)
_PUSH = re.compile(r"""self\.__next_f\.push\(\[\s*1\s*,\s*("(?:\\.|[^"\\])*+")\s*\]\)""")
_ROW = re.compile(r"([0-9a-f]+):(?:(T)([0-9a-f]+),|([A-Z]{1,2}))?")
MAX_DEPTH = 60  # element nesting drawn; deeper is left out
# what a payload's references may resolve to: this many times the payload's own characters
RESOLVED_PER_CHAR = 4
# tags whose content is no text of the page
_SKIPPED = {
    "script",
    "style",
    "link",
    "meta",
    "head",
    "template",
    "noscript",
    "svg",
    "title",
    "iframe",
}
_TAG = re.compile(r"^[a-z][a-z0-9-]*$")

logger = logging.getLogger(__name__)


@dataclass
class Rows:
    """A flight stream's rows: models (``<id>:<JSON>``, as JSON text), text rows, the ids of
    module rows (client components), and the stream's size."""

    models: list[tuple[str, str]] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    modules: set[str] = field(default_factory=set)
    size: int = 0


def read_rows(text: str) -> Rows | None:
    """The rows of the page's ``self.__next_f.push`` scripts, or None when it has none."""
    pieces = []
    for match in _PUSH.finditer(text):
        try:  # one push that does not decode is skipped, not the whole payload
            piece = json.loads(match.group(1))
        except ValueError:
            continue
        if isinstance(piece, str):
            pieces.append(piece)
    if not pieces:
        return None
    stream = "".join(pieces)
    rows = Rows(size=len(stream))
    at = 0
    while at < len(stream):
        head = _ROW.match(stream, at)
        if head is None:  # a row this reader does not know: the next line is the next row
            end = stream.find("\n", at)
            at = len(stream) if end < 0 else end + 1
            continue
        ident, tag = head.group(1), head.group(2) or head.group(4)
        if tag == "T":  # a text row: its length in bytes, then the text, no newline
            size = int(head.group(3), 16)
            # ``size`` bytes are at most ``size`` characters: slice those, not the stream's rest
            body = (
                stream[head.end() : head.end() + size]
                .encode("utf-8")[:size]
                .decode("utf-8", "ignore")
            )
            rows.texts[ident] = body
            at = head.end() + len(body)
            at += stream.startswith("\n", at)  # not written after a text row; tolerated
            continue
        end = stream.find("\n", head.end())
        end = len(stream) if end < 0 else end
        if not tag:
            rows.models.append((ident, stream[head.end() : end]))
        elif tag == "I":
            rows.modules.add(ident)
        at = end + 1
    return rows


def flight_html(text: str) -> str | None:
    """The page's trees drawn as HTML, every client component's children in place (see the
    module docstring); None when the page has no flight rows or they draw no element."""
    rows = read_rows(text)
    if rows is None:
        return None
    models: dict[str, Any] = {}
    broken = []
    for ident, row in rows.models:
        try:
            models[ident] = json.loads(row)
        except (ValueError, RecursionError):  # not JSON, or nested past the parser's stack
            broken.append(ident)
    if broken:
        logger.warning("RSC flight: %d of %d rows are no JSON and are not drawn (%s)",
                       len(broken), len(rows.models), ", ".join(broken[:5]))
    drawer = _Drawer(models, rows.texts, RESOLVED_PER_CHAR * rows.size)
    # the page's tree is row 0's (older builds: the root row's); rows it names are drawn
    # where it names them, the others after it
    for ident in sorted(models, key=lambda i: i != "0"):
        if ident not in drawer.drawn:
            drawer.draw(models[ident], 0, top=True)
    out = "".join(drawer.out)
    return out if "<" in out else None


class _Drawer:
    def __init__(self, models: dict[str, Any], texts: dict[str, str], budget: int) -> None:
        self.models = models
        self.texts = texts
        self.left = budget
        self.out: list[str] = []
        self.drawn: set[str] = set()
        self.inside = 0  # client components around the value drawn: only their content is

    def _say(self, text: str) -> None:
        if not self.inside:
            return
        self.left -= len(text)
        if self.left >= 0:
            self.out.append(html.escape(text, quote=False))

    def draw(self, value: Any, depth: int, *, top: bool = False) -> None:
        if depth > MAX_DEPTH or self.left < 0:
            return
        if isinstance(value, str):
            if value.startswith("$$"):
                self._say(value[1:])
            elif value.startswith("$"):
                self._reference(value[1:], depth)
            elif not top:  # a top-level string is a row's bookkeeping (a build id)
                self._say(value)
        elif isinstance(value, list):
            if len(value) == 4 and value[0] == "$" and isinstance(value[1], str):
                self._element(value[1], value[3], depth)
            else:
                for item in value:
                    self.draw(item, depth + 1, top=top)
        elif isinstance(value, dict) and top:
            for item in value.values():  # a route's segment data: its trees are the page's
                self.draw(item, depth + 1, top=True)
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and not top:
            self._say(str(value))

    def _reference(self, ref: str, depth: int) -> None:
        ident = ref[1:] if ref[:1] in ("L", "@") else ref
        if ident in self.texts:
            self._say(self.texts[ident])
        elif ident in self.models and ident not in self.drawn:
            self.drawn.add(ident)  # a row drawn once: a cycle or a row named twice is not
            self.draw(self.models[ident], depth + 1)

    def _is_react_type(self, kind: str) -> bool:
        """Whether an element's type is one of React's symbols, named in place or by the
        row that holds it (``1:"$Sreact.fragment"``, then ``["$", "$1", ...]``)."""
        if not kind.startswith("$"):
            return False
        ref = kind[1:]
        if ref.startswith("S"):
            return True
        row = self.models.get(ref[1:] if ref[:1] in ("L", "@") else ref)
        return isinstance(row, str) and row.startswith("$S")

    def _element(self, kind: str, props: Any, depth: int) -> None:
        if not isinstance(props, dict):
            return
        children = props.get("children")
        if self._is_react_type(kind):
            # React's own Fragment or Suspense (``"$Sreact.fragment"``, or a row holding it:
            # Next 15 wraps the layout and the page in one): no component of the app's, and
            # no tag: its children are drawn as where it stands draws them
            self.draw(children, depth + 1)
            return
        if kind.startswith("$"):  # a client component: its children in place
            self.inside += 1
            self.draw(children, depth + 1)
            self.inside -= 1
            return
        if not self.inside:
            # a server element: already in the HTML, and so are its header and footer;
            # only the client components below it are drawn
            self.draw(children, depth + 1)
            return
        if kind in _SKIPPED or not _TAG.match(kind):
            return
        self.out.append(f"<{kind}>")
        if isinstance(props.get("dangerouslySetInnerHTML"), dict):
            inner = props["dangerouslySetInnerHTML"].get("__html")
            if isinstance(inner, str) and len(inner) <= max(self.left, 0):
                self.left -= len(inner)
                self.out.append(inner)  # the editor's HTML, parsed as the page's is
        self.draw(children, depth + 1)
        self.out.append(f"</{kind}>")
