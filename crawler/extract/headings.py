"""Headings that are not ``<h1>``-``<h6>``: how old layouts and page builders mark them.

Table layouts write ``<font size="3"><b>Pengujian KIR</b></font>`` in a content cell, page
builders ``<div class="judul">`` or ``<span style="font-size:18px">``, a hand-edited page
just ``<strong>`` on the first line. No tag or class name is common to all of them; what
is common is that the line stands out from the text around it. So the block's body text
style is measured first (the size and weight most of its characters have), and a line is a
heading when it stands alone (nothing else on its line, no link, no line break inside),
is short, and all of it is bigger than the body, or as big but bold where the body is not.
A class or id saying judul/title/header/heading also makes a lone short line a heading
(never the site's brand).

Each found heading joins the page's headings when it introduces text of its own; a label
over a box of links ("BERITA TERBARU" above the news list) does not. The page's main
heading (level 1, for the title) is the most prominent of them, the first on a tie, that
starts in the first half of the text and labels no section: it does not end with a colon
("Persyaratan :"), nor is it a field label (``crawler.extract.labels``) the page bolds more
than once (an accordion of services bolds each item's "Persyaratan"); the half is of the
text that is not links, so a menu and a sidebar of links before the content (a three-column
news portal's left blocks) do not push the article's heading past it, while a footer's
label stays in the second half; the others are section labels (level 4), which is what
service extraction reads as well. A real ``<h1>`` anywhere on the page makes this
unnecessary, so nothing is looked for then.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bs4 import Comment, NavigableString, Tag

from crawler.extract.labels import label_name

BODY_SIZE = 16.0  # px: a browser's default, and <font size="3">
_FONT_SIZES = {1: 10.0, 2: 13.0, 3: 16.0, 4: 18.0, 5: 24.0, 6: 32.0, 7: 48.0}
_HEADING_SIZES = {"h1": 32.0, "h2": 24.0, "h3": 19.0, "h4": 16.0, "h5": 13.0, "h6": 11.0}
_KEYWORD_SIZES = {"xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0,
                  "large": 18.0, "x-large": 24.0, "xx-large": 32.0}
_BOLD_TAGS = {"b", "strong", "th", *_HEADING_SIZES}
_FONT_SIZE_STYLE = re.compile(r"font-size\s*:\s*([\w.%-]+)", re.IGNORECASE)
_FONT_WEIGHT_STYLE = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.IGNORECASE)
_LENGTH = re.compile(r"([\d.]+)(px|pt|em|rem|%)?$")
_HINT = re.compile(r"(?:^|[\s_-])(?:judul|title|header|heading)(?=$|[\s_-])", re.IGNORECASE)
# tags that may hold a heading line by themselves
_CANDIDATES = {"font", "b", "strong", "span", "p", "div", "td", "th", "center", "u", "big",
               "em", "i", "caption", "label"}
# what ends a line (as in crawler.extract.html.block_text: table cells do not)
LINE_TAGS = {
    "p", "div", "section", "article", "main", "ul", "ol", "li", "dl", "dt", "dd", "table",
    "thead", "tbody", "tfoot", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "form", "fieldset", "address", "figure", "figcaption", "center", "header", "footer",
    "nav", "aside", "hr", "br", "caption",
}
MAX_HEADING = 150
LINK_BOX = 0.5  # a label over text that is more than this share links introduces no section


@dataclass
class _Style:
    size: float
    bold: bool


def _px(value: str, parent: float) -> float | None:
    value = value.strip().lower()
    if value in _KEYWORD_SIZES:
        return _KEYWORD_SIZES[value]
    if value == "larger":
        return parent * 1.2
    if value == "smaller":
        return parent / 1.2
    match = _LENGTH.match(value)
    if not match:
        return None
    try:
        number = float(match.group(1))
    except ValueError:
        return None
    unit = match.group(2) or "px"
    return {"px": number, "pt": number * 4 / 3, "em": number * parent, "rem": number * 16,
            "%": number * parent / 100}[unit]


def _font_size(attr: str, parent: float) -> float:
    attr = attr.strip()
    try:
        if attr[:1] in "+-":
            return _FONT_SIZES[max(1, min(7, 3 + int(attr)))]
        return _FONT_SIZES[max(1, min(7, int(attr)))]
    except (ValueError, KeyError):
        return parent


def style_of(tag: Tag, parent: _Style) -> _Style:
    size, bold = parent.size, parent.bold or tag.name in _BOLD_TAGS
    if tag.name in _HEADING_SIZES:
        size = _HEADING_SIZES[tag.name]
    elif tag.name == "font" and tag.get("size"):
        size = _font_size(str(tag["size"]), parent.size)
    elif tag.name == "big":
        size = parent.size * 1.2
    elif tag.name == "small":
        size = parent.size / 1.2
    css = str(tag.get("style") or "")
    if css:
        found = _FONT_SIZE_STYLE.search(css)
        if found:
            size = _px(found.group(1), parent.size) or size
        if _FONT_WEIGHT_STYLE.search(css):
            bold = True
    return _Style(size, bold)


@dataclass
class _Text:
    offset: int  # characters of the block before this text
    length: int
    style: _Style
    linked: bool
    plain: int = 0  # characters of the block's unlinked texts before this text


def _texts(block: Tag) -> dict[int, _Text]:
    """Every non-blank text of ``block`` (by id) with its style, offset and link state; an
    explicit stack, since old layouts nest tables deeper than recursion likes."""
    found: dict[int, _Text] = {}
    offset = plain = 0
    start = _Style(BODY_SIZE, False)  # what the block inherits, and its own style
    for outer in [*reversed(list(block.parents)), block]:
        if isinstance(outer, Tag) and outer.name not in ("[document]", "html"):
            start = style_of(outer, start)
    stack: list[tuple[Tag | NavigableString, _Style, bool]] = [
        (child, start, False) for child in reversed(list(block.children))]
    while stack:
        node, parent, linked = stack.pop()
        if isinstance(node, Tag):
            style = style_of(node, parent)
            inner = linked or (node.name == "a" and bool(node.get("href")))
            stack.extend((child, style, inner) for child in reversed(list(node.children)))
        elif not isinstance(node, Comment):
            length = len(" ".join(node.split()))
            if length:
                found[id(node)] = _Text(offset, length, parent, linked, plain)
                offset += length + 1
                plain += 0 if linked else length + 1
    return found


def _body_style(texts: dict[int, _Text]) -> _Style:
    weights: dict[tuple[float, bool], int] = {}
    for text in texts.values():
        key = (round(text.style.size), text.style.bold)
        weights[key] = weights.get(key, 0) + text.length
    if not weights:
        return _Style(BODY_SIZE, False)
    size, bold = max(weights, key=lambda k: weights[k])
    return _Style(float(size), bold)


def _stands_out(style: _Style, body: _Style) -> bool:
    return style.size > body.size + 0.5 or (
        style.size >= body.size - 0.5 and style.bold and not body.bold)


def _alone(tag: Tag) -> bool:
    """Nothing but blanks between ``tag`` and the line breaks before and after it.

    A table cell that holds more than ``tag`` is a region of the layout, so its edges are
    line breaks too; a cell that holds only ``tag`` is a value beside its row's others."""
    own = " ".join(tag.get_text(" ").split())
    for direction in ("previous_sibling", "next_sibling"):
        node = tag
        while True:
            sibling = getattr(node, direction)
            ended = False
            while sibling is not None:
                if isinstance(sibling, Tag):
                    if sibling.name in LINE_TAGS:
                        ended = True
                        break
                    if sibling.get_text().strip():
                        return False
                elif not isinstance(sibling, Comment) and str(sibling).strip():
                    return False
                sibling = getattr(sibling, direction)
            if ended:
                break
            parent = node.parent
            if parent is None or parent.name in LINE_TAGS or (
                    parent.name in ("td", "th") and " ".join(parent.get_text(" ").split()) != own):
                break
            node = parent
    return True


def _hinted(tag: Tag) -> bool:
    """Named as a title (the site's own brand/site-title is gone with the masthead)."""
    classes = tag.get("class") or []
    names = " ".join([*(classes if isinstance(classes, list) else [classes]),
                      str(tag.get("id") or "")])
    return bool(_HINT.search(names))


@dataclass
class _Candidate:
    tag: Tag
    text: str
    style: _Style
    offset: int
    hinted: bool
    plain: int = 0  # unlinked characters before it (``_Text.plain``)


def layout_headings(block: Tag) -> list[tuple[Tag, int]]:
    """Heading-like lines of ``block`` as (tag, level) in document order: level 1 for the
    main heading, 4 for section labels (see the module docstring)."""
    texts = _texts(block)
    if not texts:
        return []
    body = _body_style(texts)
    total = sum(t.length for t in texts.values() if not t.linked)
    candidates: list[_Candidate] = []
    inside: Tag | None = None
    for tag in block.descendants:
        if not isinstance(tag, Tag):
            continue
        if inside is not None and inside in tag.parents:
            continue
        found = _candidate(tag, texts, body)
        if found is not None:
            candidates.append(found)
            inside = tag
    kept = [c for i, c in enumerate(candidates)
            if not _over_links(c, candidates[i + 1] if i + 1 < len(candidates) else None, texts)]
    main = _main(kept, total)
    return [(c.tag, 1 if c is main else 4) for c in kept]


def _candidate(tag: Tag, texts: dict[int, _Text], body: _Style) -> _Candidate | None:
    if tag.name not in _CANDIDATES:
        return None
    own = [texts[id(n)] for n in tag.descendants if id(n) in texts]
    if not own or any(t.linked for t in own):
        return None
    text = " ".join(" ".join(str(n).split()) for n in tag.descendants
                    if isinstance(n, NavigableString) and id(n) in texts)
    if not 3 <= len(text) <= MAX_HEADING or not any(c.isalpha() for c in text):
        return None
    if any(isinstance(n, Tag) and n.name in LINE_TAGS for n in tag.descendants):
        return None
    hinted = _hinted(tag)
    if not hinted and not all(_stands_out(t.style, body) for t in own):
        return None
    if not _alone(tag):
        return None
    style = _Style(min(t.style.size for t in own), all(t.style.bold for t in own))
    return _Candidate(tag, text, style, own[0].offset, hinted, own[0].plain)


def _over_links(candidate: _Candidate, following: _Candidate | None,
                texts: dict[int, _Text]) -> bool:
    """The text from ``candidate`` to the next one is mostly links: a box's label."""
    return _mostly_links(texts, candidate.offset + len(candidate.text),
                         following.offset if following is not None else None)


def _mostly_links(texts: dict[int, _Text], start: int, end: int | None) -> bool:
    """The block's text from offset ``start`` to ``end`` (its end: None) is mostly links."""
    linked = plain = 0
    for text in texts.values():
        if text.offset >= start and (end is None or text.offset < end):
            if text.linked:
                linked += text.length
            else:
                plain += text.length
    return linked > LINK_BOX * (linked + plain) and linked > 0


def link_box_labels(block: Tag, headings: list[Tag]) -> set[int]:
    """The ids of ``headings`` (tags of ``block``) whose text up to the next of them, or
    to the end of the box holding it, is mostly links: a box's label ("Berita Populer" over
    its list of posts, "Kategori" over its categories), not a section of the page's own
    text. (A sidebar's last box ends with the sidebar, not at the article's first heading:
    its one link would be a few words among the article's date and lines.)"""
    texts = _texts(block)
    spans = []
    for tag in headings:
        own = [texts[id(n)] for n in tag.descendants if id(n) in texts]
        if own:
            own_end = own[-1].offset + own[-1].length
            spans.append((own[0].offset, own_end, _box_end(tag, block, texts, own_end), tag))
    spans.sort(key=lambda span: span[0])
    labels: set[int] = set()
    for index, (_start, own_end, box_end, tag) in enumerate(spans):
        # a heading of a lower rank (an <h4> post under the box's <h3>) is in the box
        end = next((start for start, _, _, other in spans[index + 1:]
                    if not _ranks_below(other, tag)), None)
        if box_end is not None:
            end = box_end if end is None else min(end, box_end)
        if _mostly_links(texts, own_end, end):
            labels.add(id(tag))
    return labels


def _ranks_below(tag: Tag, heading: Tag) -> bool:
    """``tag`` is a heading tag of a lower rank than the heading tag ``heading``."""
    return (tag.name in _HEADING_SIZES and heading.name in _HEADING_SIZES
            and tag.name[1] > heading.name[1])


def _box_end(tag: Tag, block: Tag, texts: dict[int, _Text], own_end: int) -> int | None:
    """Where the smallest container of ``tag`` (inside ``block``) that holds more than
    ``tag``'s own text ends (None: only ``block`` does)."""
    for parent in tag.parents:
        if parent is block:
            return None
        inner = [texts[id(n)] for n in parent.descendants if id(n) in texts]
        end = max(t.offset + t.length for t in inner)
        if end > own_end:
            return end
    return None


def _main(candidates: list[_Candidate], total: int) -> _Candidate | None:
    """The most prominent candidate in the first half of the text that labels no section:
    "Persyaratan :" heads a section, and so does a bold "Persyaratan" the page repeats (a
    page builder's accordion of services bolds each item's labels), not the page."""
    def spelled(candidate: _Candidate) -> str:
        return " ".join(candidate.text.split()).lower()

    seen = Counter(map(spelled, candidates))
    best: _Candidate | None = None
    for candidate in candidates:
        if candidate.text.rstrip().endswith(":") or candidate.plain > total / 2 or (
                seen[spelled(candidate)] > 1 and label_name(candidate.text) is not None):
            continue
        if best is None or (candidate.style.size, candidate.style.bold) > (
                best.style.size, best.style.bold):
            best = candidate
    return best
