"""Services one after another on one page, told apart by the sections they repeat.

A one-page site made with a website builder (Canva Websites, Wix, a classic Google Sites
page) lists an office's services one under the other with no tabs, accordion or modal to
say where one ends: each is a name, a line or two, then "Persyaratan", "Alur Layanan",
"Biaya" again. Read whole, the page is one service of every service's requirements
("Gratis (tanpa retribusi); Gratis"), titled by the site or by the first service; a citizen
asking for the third one gets the first one's card.

What tells the services apart is the page's own repetition, not a builder's markup: the
same section label (the requirements', or failing that the most repeated one) comes back
once per service, and each block it opens also holds at least one other section. The
blocks are found under the element that holds every such label:

* each label in a child of its own that also holds the service's name before it (a
  ``<section id="layanan-tera-ulang">`` per service, as Canva writes them): that child is
  the service, named by its first emphasised line (a bold or large styled span, a heading),
  at its element id;
* all of them side by side in one flow of paragraphs (a classic Google Sites page: a bold
  "1. Pengaduan ..." line, a sentence, a bold "Syarat:", a list, "Biaya: Gratis"): each
  service runs from its name, the nearest emphasised short line before its label that is
  not itself a label, to the next service's name, at the ``<a name>`` or id its name
  carries.

The blocks become the page's panels (``crawler.extract.tabs.Panel``), so that they are read
as an accordion's are: each a service at ``<page>#<anchor>`` titled by its own name, the
page a listing of them (``crawler.extract.document.panel_services``). A block whose name
links to another page is a teaser of a post, not a section of this page, and a page whose
blocks are not all distinct names over two or more sections is left as it was.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import quote

from bs4 import BeautifulSoup, NavigableString, Tag

from crawler.extract.labels import NUMBERING, OTHER, WHEN, label_name
from crawler.extract.tabs import MAX_ITEM_TITLE, Panel, _unique, is_question, slugify
from crawler.extract.title import squash

MIN_SERVICES = 2
# what a label or a service's name is written in: a heading, a bold run, a styled span or
# the paragraph or box that holds only it
_TEXT_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "span", "font", "p", "div",
              "dt", "td", "th", "label")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BOLD = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.IGNORECASE)
_SIZE = re.compile(r"font-size\s*:\s*(\d+(?:\.\d+)?)px", re.IGNORECASE)
_LINES = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td")
# a styled span this large (px) is a heading, as a builder writes one
MIN_HEADING_PX = 20
FIELDS_FIRST = ("requirements", "procedure", "cost")
# more services (or section labels) than this on one page is no list a citizen reads one by
# one (a generated page, a table of labels): left whole rather than cut in thousands
MAX_SERVICES = 400
MAX_LABELS = 6 * MAX_SERVICES


def _text(tag: Tag) -> str:
    return squash(tag.get_text(" "))


def _field(text: str) -> str | None:
    name = label_name(text)
    return None if name in (None, OTHER, WHEN) else name


def _labels(body: Tag) -> list[tuple[Tag, str]]:
    """The section labels of ``body`` in page order: the outermost element whose whole text
    is the label ("Persyaratan", "Syarat:"), once each; each element's text is read once
    (the container of thousands of labels is not read again for each of them)."""
    out: list[tuple[Tag, str]] = []
    seen: set[int] = set()
    texts: dict[int, str] = {}

    def text_of(tag: Tag) -> str:
        if id(tag) not in texts:
            texts[id(tag)] = _text(tag)
        return texts[id(tag)]

    for tag in body.find_all(_TEXT_TAGS):
        text = text_of(tag)
        name = _field(text) if text and len(text) <= MAX_ITEM_TITLE else None
        if name is None:
            continue
        top = tag
        while (isinstance(top.parent, Tag) and top.parent is not body
               and text_of(top.parent) == text):
            top = top.parent
        if id(top) not in seen:
            seen.add(id(top))
            out.append((top, name))
    return out


def _emphasised(tag: Tag) -> bool:
    """Whether ``tag``'s text is set apart as a name: in a heading, bold, or a styled span
    as large as a heading, over all of its text."""
    text = _text(tag)
    if not text:
        return False
    for node in [tag, *tag.find_all(True)]:
        if _text(node) != text:
            continue
        if node.name in _HEADINGS or node.name in ("b", "strong"):
            return True
        style = str(node.get("style") or "")
        size = _SIZE.search(style)
        if _BOLD.search(style) or (size and float(size.group(1)) >= MIN_HEADING_PX):
            return True
        if node.name == "font" and str(node.get("size") or "").strip() in ("4", "5", "6", "7"):
            return True
    return False


def _a_name(text: str) -> bool:
    """Whether a short line may be a service's name: not a label, not a question, not a
    sentence's length."""
    return (bool(text) and len(text) <= MAX_ITEM_TITLE and _field(text) is None
            and label_name(text) is None and not is_question(text)
            and not _field(text.split(":", 1)[0]))


def _child_of(node: Tag, parent: Tag) -> Tag | None:
    for up in [node, *node.parents]:
        if up.parent is parent:
            return up
    return None


def _common_parent(tags: list[Tag]) -> Tag | None:
    first = [tags[0], *tags[0].parents]
    others = [set(map(id, [t, *t.parents])) for t in tags[1:]]
    return next((up for up in first if all(id(up) in o for o in others)), None)


def _lines_before(child: Tag, label: Tag) -> list[Tag]:
    """The text lines of ``child`` before ``label`` (the innermost blocks holding text)."""
    out = []
    taken: set[int] = set()
    holds_label = {id(label), *map(id, label.parents)}  # compared by identity, not by markup
    for node in child.find_all(True):
        if id(node) in holds_label:
            break
        if node.name in _LINES or (node.name == "div" and node.find(
                ("div", "p", "ul", "ol", "table") + _HEADINGS) is None):
            # in document order a line found before is never inside this one
            if _text(node) and not any(id(up) in taken for up in node.parents):
                out.append(node)
                taken.add(id(node))
    return out


def _anchor(tags: list[Tag]) -> str:
    """The first element id or ``<a name>`` among ``tags`` and their descendants."""
    for tag in tags:
        for node in [tag, *tag.find_all(True)]:
            found = str(node.get("id") or "") or (
                str(node.get("name") or "") if node.name == "a" else "")
            if found.strip():
                return found.strip()
    return ""


_FRAGMENT_SAFE = "-._~!$&'()*+,;=:@/?"


def _marks(tag: Tag) -> bool:
    """Whether ``tag`` is an empty anchor (``<a name="pengaduan"></a>``) marking a place."""
    return (tag.name == "a" and not _text(tag) and not tag.get("href")
            and bool(str(tag.get("name") or tag.get("id") or "").strip()))


def _links_away(tag: Tag) -> bool:
    return any(not str(a.get("href") or "#").strip().startswith("#")
               for a in tag.find_all("a", href=True))


# a block's name that tells who or which case of one service it is for, not a service:
# "A. Anak usia 0 - 5 tahun", "Untuk Kelahiran Terlambat", "Pemohon WNA", "Kategori B"
_SUB_CASE = re.compile(
    r"\b(usia|umur|kategori|kelompok|golongan|untuk|bagi|wni|wna|warga negara|pemohon|"
    r"perorangan|\d+\s*-\s*\d+\s*tahun)\b", re.IGNORECASE)
_LETTERED = re.compile(r"^\s*[A-Za-z][.)]\s")
# words of a heading that name no one service: an office's or a list's words
_NOT_A_SERVICE_WORD = frozenset(
    "layanan pelayanan informasi jenis daftar kota jambi dinas kantor badan kelurahan "
    "kecamatan uptd upt surat keterangan pembuatan pengurusan permohonan penerbitan "
    "persyaratan syarat prosedur".split())


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower())
            if len(w) >= 4 and w not in _NOT_A_SERVICE_WORD}


def _sub_cases(soup: BeautifulSoup, titles: list[str], first: Tag) -> bool:
    """Whether the blocks' names are cases of one service, not services: lettered "A."/"B."
    or naming who it is for (``_SUB_CASE``), or repeating a word of the heading the blocks
    sit under (the nearest h1/h2 before them, the page's title): "Kelahiran Terlambat"
    under "Akta Kelahiran"."""
    if all(_LETTERED.match(t) for t in titles) or any(_SUB_CASE.search(t) for t in titles):
        return True
    heading = first.find_previous(("h1", "h2"))
    over = {*(_words(_text(heading)) if heading is not None else ()),
            *(_words(re.split(r"\s[-|–]\s", _text(soup.title))[0]) if soup.title else ())}
    return any(_words(t) & over for t in titles)


def _shared_after(labels: list[tuple[Tag, str]], owner: list[int | None],
                  inside: list[set[str]]) -> bool:
    """Whether a section follows the blocks that is all of theirs (one "Prosedur" after
    "A. ..." and "B. ..." with their own "Persyaratan"): a label after the last block's
    (``owner``: the block of each label, None outside them), or one ending the last
    block of a section no other block has, after the sections the blocks share."""
    held = [i for i, k in enumerate(owner) if k is not None]
    if any(owner[i] is None for i in range(held[-1] + 1, len(labels))):
        return True
    last = len(inside) - 1
    shared = set().union(*inside[:-1]) if last else set()
    own = [name for (_, name), k in zip(labels, owner, strict=True) if k == last]
    extra = [i for i, name in enumerate(own) if name not in shared]
    return bool(extra) and all(name not in shared for name in own[extra[0]:])


def repeated_services(soup: BeautifulSoup, body: Tag) -> list[Panel]:
    """The services ``body`` lists one after another (see the module's docstring), each
    as a panel; [] where it does not."""
    labels = _labels(body)
    if len(labels) > MAX_LABELS:
        return []
    counts = Counter(name for _, name in labels)
    field = next((f for f in FIELDS_FIRST if counts[f] >= MIN_SERVICES), None)
    if field is None:
        return []
    opening = [tag for tag, name in labels if name == field]
    if len(opening) > MAX_SERVICES:
        return []
    parent = _common_parent(opening)
    if parent is None:
        return []
    children = [c for c in parent.children if isinstance(c, Tag)]
    index = {id(c): i for i, c in enumerate(children)}
    held = [_child_of(tag, parent) for tag in opening]
    if any(child is None or id(child) not in index for child in held):
        return []  # one label holds another
    at = [index[id(child)] for child in held]
    if len(set(at)) != len(at):
        return []  # two of them under one child: not a flat list of services
    # each label in a child of its own that names the service before it
    named = [_lines_before(children[i], tag) for i, tag in zip(at, opening, strict=True)]
    blocks: list[tuple[list[Tag], Tag]] = []
    if all(named):
        for i, lines in zip(at, named, strict=True):
            head = next((line for line in lines if _emphasised(line)
                         and _a_name(_text(line))), lines[0])
            blocks.append(([children[i]], head))
    else:
        starts, heads = [], []
        low = 0
        for i in at:
            head = next((children[j] for j in range(i - 1, low - 1, -1)
                         if _emphasised(children[j]) and _a_name(_text(children[j]))), None)
            if head is None:
                return []
            start = index[id(head)]
            # the empty <a name>/<a id> just before the name is where the page opens at it
            while start - 1 >= low and _marks(children[start - 1]):
                start -= 1
            starts.append(start)
            heads.append(head)
            low = i + 1
        ends = [*starts[1:], len(children)]
        blocks = [(children[s:e], h) for s, e, h in zip(starts, ends, heads, strict=True)]
    titles = [NUMBERING.sub("", _text(head)) for _, head in blocks]
    if len(set(titles)) != len(titles) or not all(_a_name(t) for t in titles):
        return []
    # a repeating structure: every block holds another section beside the one it opens with
    block_of = {id(node): k for k, (run, _) in enumerate(blocks) for node in run}
    inside: list[set[str]] = [set() for _ in blocks]
    owner: list[int | None] = []
    for tag, name in labels:
        k = next((block_of[id(up)] for up in [tag, *tag.parents] if id(up) in block_of), None)
        owner.append(k)
        if k is not None:
            inside[k].add(name)
    if any(len(names) < 2 for names in inside) or any(_links_away(h) for _, h in blocks):
        return []
    if _shared_after(labels, owner, inside) or _sub_cases(soup, titles, blocks[0][1]):
        return []
    panels: list[Panel] = []
    used: set[str] = set()
    for (run, head), title in zip(blocks, titles, strict=True):
        anchor = _anchor([run[0]] if len(run) == 1 or _marks(run[0]) else [head])
        if len(run) == 1:
            tag = run[0]
        else:  # the run of paragraphs, gathered in one element to be read as a panel
            tag = soup.new_tag("div")
            run[0].insert_before(tag)
            for node in run:
                tag.append(node.extract())
            for node in list(tag.children):
                if isinstance(node, NavigableString) and not node.strip():
                    node.extract()
        # an id with a space or a letter beyond ASCII, as the page writes it, percent-encoded
        # to be a URL's fragment a browser finds it by
        anchor = (quote(anchor, safe=_FRAGMENT_SAFE) if anchor and anchor not in used
                  else _unique(slugify(title), used))
        used.add(anchor)
        panels.append(Panel(anchor, title, tag, head))
    return panels
