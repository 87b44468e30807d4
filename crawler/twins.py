"""Twins: one page of a site stored at several URLs.

Portals tag their own links with where a click came from (``/layanan/4/skck?ref=beranda``
from the home page, ``/layanan/4/skck`` from the service list), and old PHP sites add a
language or view switch (``?lang=id``, ``?tampil=1``) that changes nothing. Joomla goes
further: one article is reached at its SEF URL (``/index.php/layanan/12-slug``) and at every
non-SEF link an editor pasted into a module or a text
(``/index.php?option=com_content&view=article&id=12:slug&catid=9&Itemid=101``), each copy
rendered under the menu item its ``Itemid`` names, so with that item's breadcrumbs. The
crawler cannot know which parameters or paths select content, so it fetches every spelling;
only the answers tell. Two live pages of one source with the same title, text and fields are
one page, whatever their paths, breadcrumbs and the kind their URLs suggested
(``twin_identity``: a Lokomedia article read at ``berita-43-slug.html`` as news and at
``media.php?module=detailberita&id=43`` as a service is one article), kept once (``keeper``): the
spelling drawn under the deepest breadcrumb trail (the copy its section's menu reaches), then
the one with the fewest query parameters (the plain or SEF URL), then the one read as the
strongest kind (service, news, page: a service at ``/layanan/`` is kept over its twin at
``/berita/``), then the one whose path ends in words (``named_by_slug``: a slug over a numeric
id), then the one the site links from most pages, then the shorter. The others
leave the index as duplicates of it. Pages whose content differs (``?page_id=5`` and
``?page_id=6``, a list and its second page) are never twins. A PDF is a twin only of the
same path with another query: two files that say the same are still two documents a service
page may link.

A copy may also say less than the page it copies. A "versi cetak" (``print.php?id=43``) or
a mobile view repeats an article under the same title without the site's blocks, linked
from the article alone; it is found by comparing the two (``page_copies``): a page whose
text the page linking to it holds nearly whole (``COPY_SHARE`` of its characters, line by
line), under the same title, is that page's copy and leaves the index, so a search shows
the article and not the page that opens the print dialog. A page linked from several of the
site's pages (a menu's agenda page the home shows whole) is no copy, nor is a page titled
by the site's name: pages that fall back to it share a title, not a text.

This is a site-level step (``StorePipeline.close_spider``): a twin may be fetched before or
after the page it copies. As a page arrives, the pipeline skips it when a stored twin is one
``keeper`` keeps over it whatever the links (a deeper trail, or as deep at fewer parameters:
``kept_twin``), so the page kept does not hang on which link was followed first, and on later
crawls a retired twin is not stored again only to be retired again.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

from crawler.extract.title import normalise
from crawler.siblings import restore
from sikoja.urls import url_key

if TYPE_CHECKING:
    import sqlite3

    from sikoja.documents import Document
    from sikoja.store import DocumentStore


def path_of(url: str) -> str:
    """``scheme://host[:port]/path`` without the query and a trailing slash: what twins share."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/") or "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def query_size(url: str) -> int:
    return len(parse_qsl(urlsplit(url).query, keep_blank_values=True))


# the kind a twin kept should have, strongest first: a service read at /layanan/ is not
# retired for its news twin at /berita/
_KIND_RANK = {"service": 0, "news": 1}


def keeper(urls: Iterable[str], inlinks: Counter[str] | None = None,
           kinds: dict[str, str] | None = None, trails: dict[str, int] | None = None) -> str:
    """The spelling to keep: the one drawn under the deepest breadcrumb trail (``trails``:
    URL -> how many crumbs), then fewest query parameters, then of the strongest of
    ``kinds`` (by URL: service, news, any other), most linked, shortest, first.

    The trail comes first because a CMS draws the copy its section's menu reaches under
    that section ("Beranda / Layanan / SKTM") and every other copy under whatever menu item
    the link named ("Beranda / SKTM" from the home page's list, a module or a related-items
    box): Joomla with SEF URLs off spells them all with the same parameters
    (``?option=com_k2&view=item&id=12:slug&Itemid=115``, ``...&Itemid=101``), and the copy
    without an ``Itemid`` has the fewest. The one under its section is the page the section
    lists and the one that says where it belongs."""
    inlinks = inlinks or Counter()
    kinds = kinds or {}
    trails = trails or {}
    return min(urls, key=lambda u: (-trails.get(u, 0), query_size(u),
                                    _KIND_RANK.get(kinds.get(u, ""), 2), not named_by_slug(u),
                                    -inlinks[url_key(u)], len(u), u))


_WORD = re.compile(r"[^\W\d_]{2,}")
_EXTENSION = re.compile(r"\.(?:html?|php|aspx?|jsp)$", re.IGNORECASE)


# words of a last segment that name a copy of a page, not the page: a print or share view
# ("/berita/123/versi-cetak", "/artikel/9/print-friendly", "/post/7/amp")
_COPY_WORDS = frozenset({"print", "printer", "cetak", "share", "bagikan", "amp", "pdf"})


def named_by_slug(url: str) -> bool:
    """Whether the last segment of ``url``'s path names its page in words (a slug,
    ``.../12/syarat-membuat-sktm``) rather than by a number (``.../artikel/61``) or as a
    print or share view of it (``.../123/versi-cetak``).

    OpenSID serves an article at ``index.php/artikel/<y>/<m>/<d>/<slug>``, the address its
    lists link and citizens share, and at its older ``index.php/first/artikel/<id>``, which
    its "Arsip Artikel" widget links from every page: counted by links, the widget's
    spelling won. A spelling that says what the page is comes before how many pages link it.
    """
    segment = urlsplit(url).path.rstrip("/").rpartition("/")[2]
    words = [w.lower() for w in _WORD.findall(_EXTENSION.sub("", segment))]
    return len(words) >= 2 and not _COPY_WORDS.intersection(words)


# Fields that say how the page was read, not what it says: how sure the kind is depends on
# the URL too (a /layanan/ path is a service signal), and a page's record of the standard it
# absorbed keeps that confidence, as does its record of the kind its siblings gave it
_READING_FIELDS = ("kind_confidence", "fields_from", "kind_from")


def twin_identity(doc: Document) -> str:
    """What the copies of one page share: title, text and fields, not the breadcrumbs (each
    menu item that reaches a Joomla article shows its own trail) nor the kind or how sure
    it is, which the reading of each URL sways. A PDF's includes its path (see the module
    docstring), an app record its kind."""
    # what a sibling rule or a standard gave the page is a reading too (``siblings.restore``
    # undoes both): OpenSID's slug of an article, listed under "Layanan", takes the sections
    # the rule read; its ``first/artikel/<id>`` spelling, linked from widgets only, does not.
    # Both copies are compared as their own rule read them.
    own = restore(doc)
    fields = {k: v for k, v in own.fields.items() if k not in _READING_FIELDS}
    payload = [own.title, own.text, fields]
    if doc.kind in ("document", "app"):
        payload.append(doc.kind)
    if doc.kind == "document":
        payload.append(path_of(doc.url))
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def query_twins(pages: dict[str, str], inlinks: Counter[str] | None = None,
                kinds: dict[str, str] | None = None,
                trails: dict[str, int] | None = None) -> dict[str, str]:
    """``{twin URL: URL kept}`` among ``pages`` (URL -> ``twin_identity``) of one source,
    whose ``kinds`` (URL -> kind) and breadcrumb ``trails`` (URL -> depth) may differ (see
    ``keeper``). A page's panels (``<page>#<panel id>``, the services of its accordion or
    tabs) are its twin's panels: they go with it, each for the kept page's panel of the same
    id (or the kept page, which holds it), and one panel read alike under two spellings of
    its page is kept once."""
    groups: dict[str, list[str]] = defaultdict(list)
    for url, identity in pages.items():
        if "#" not in url:  # a record drawn from JSON is not a fetched spelling
            groups[identity].append(url)
    out: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        kept = keeper(members, inlinks, kinds, trails)
        out.update({url: kept for url in members if url != kept})
    # a page's panels: those of a page left as a twin go with it; the same panel under two
    # spellings of its page is kept under the page's spelling kept (the copy of the page may
    # have left already, as it came: ``kept_twin``)
    panels: dict[tuple[str, str], list[str]] = defaultdict(list)
    for url, identity in pages.items():
        page, hash_, panel = url.partition("#")
        if not hash_:
            continue
        if page in out:
            twin = f"{out[page]}#{panel}"
            out[url] = twin if twin in pages else out[page]
        else:
            panels[(identity, panel)].append(url)
    for members in panels.values():
        if len(members) > 1:
            kept_page = keeper([m.partition("#")[0] for m in members], inlinks, kinds, trails)
            kept = next(m for m in members if m.partition("#")[0] == kept_page)
            out.update({m: kept for m in members if m != kept})
    return out


def inlink_counts(source_links: Iterable[tuple[str, list[tuple[str, str]], object]]
                  ) -> Counter[str]:
    """How many of the site's pages link each URL (by ``url_key``), from
    ``LinkStore.source_links``."""
    counts: Counter[str] = Counter()
    for _page, links, _content in source_links:
        counts.update({url_key(url) for url, _text in links})
    return counts


def _known_rank(url: str, trail: int) -> tuple[int, int]:
    """What ``keeper`` weighs first and a page tells as it arrives: its breadcrumb depth,
    then how many query parameters its URL has (the kind may still change at the site step,
    how many pages link it is known only then)."""
    return (-trail, query_size(url))


def _same_text(store: DocumentStore, doc: Document) -> list[sqlite3.Row]:
    """The live pages of ``doc``'s source (``doc`` aside) with its title and text."""
    # twins share their text too: only those are read back (a site whose pages all fall back
    # to its name shares a title on every page), found through the store's index on source,
    # title and length of text (``documents_twins``), not by reading every page of the site
    # (the unary + keeps SQLite from preferring the text's equality, which no index serves)
    return store.query("SELECT url FROM documents WHERE source = ? AND title = ? "
                       "AND length(text) = ? AND +text = ? AND status = 'live' AND url != ?",
                       (doc.source, doc.title, len(doc.text.partition("\0")[0]), doc.text,
                        doc.url))


def _live_twins(store: DocumentStore, doc: Document) -> Iterator[Document]:
    """The live pages of ``doc``'s source (``doc`` aside) with its ``twin_identity``."""
    rows = _same_text(store, doc)
    if not rows:
        return
    identity = twin_identity(doc)
    for row in rows:
        other = store.get(row["url"])
        if other is not None and twin_identity(other) == identity:
            yield other


def live_twin(store: DocumentStore, doc: Document) -> str | None:
    """A live page of ``doc``'s source with its ``twin_identity``: the page kept in its place
    when ``doc`` was retired as its twin (None: none is live)."""
    return next((other.url for other in _live_twins(store, doc)), None)


def kept_twin(store: DocumentStore, doc: Document) -> str | None:
    """The live page of ``doc``'s source with the same ``twin_identity`` that ``keeper``
    keeps over ``doc`` whatever the order the site's links were followed in: drawn under a
    deeper breadcrumb trail, or under one as deep at fewer query parameters; or None, and
    ``doc`` is stored (the site step then retires the twins it beats). A twin that ties is
    kept over ``doc`` only when ``doc`` is, unchanged, a copy the site step retired before
    (it weighed the links then), so a recrawl does not write it back live."""
    twins = list(_live_twins(store, doc))
    if not twins:
        return None
    mine = _known_rank(doc.url, len(doc.breadcrumbs))
    stored = store.validators(doc.url) or {}
    retired = (stored.get("status") == "gone"
               and stored.get("content_hash") == doc.content_hash())
    trails: dict[str, int] = {}
    for other in twins:
        rank = _known_rank(other.url, len(other.breadcrumbs))
        if rank < mine or (retired and rank == mine):
            trails[other.url] = len(other.breadcrumbs)
    return keeper(trails, trails=trails) if trails else None


COPY_SHARE = 0.8  # of a copy's characters (common lines aside) the page it copies holds
COMMON_PAGES = 3  # a line on this many of a site's pages is the site's, not a page's
OWN_SHARE = 0.5  # of all a copy's characters the page it copies holds


def _lines(text: str) -> list[str]:
    return [line for line in (" ".join(raw.split()) for raw in text.splitlines()) if line]


def is_copy(copy: str, page: str, common: frozenset[str] = frozenset()) -> bool:
    """``page``'s text holds ``copy``'s nearly whole: of ``copy``'s characters, line by
    line, ``COPY_SHARE`` of those not in a ``common`` line are in ``page``, and at least
    ``OWN_SHARE`` of them all (a list's second page, whose teasers the tag and category
    lists repeat, is nobody's copy)."""
    return _held_whole(copy, " ".join(_lines(page)), common)


def _held_whole(copy: str, held_text: str, common: frozenset[str]) -> bool:
    """``is_copy`` with the page's lines already joined (``held_text``)."""
    lines = _lines(copy)
    total = sum(len(line) for line in lines)
    held = sum(len(line) for line in lines if line in held_text)
    missing = sum(len(line) for line in lines if line not in held_text and line not in common)
    return bool(total) and held >= OWN_SHARE * total and held >= COPY_SHARE * (held + missing)


def _own_size(text: str, common: frozenset[str]) -> int:
    """The characters of ``text``'s lines that are not ``common`` to the site's pages."""
    return sum(len(line) for line in _lines(text) if line not in common)


def page_copies(docs: dict[str, Document],
                source_links: Iterable[tuple[str, list[tuple[str, str]], object]],
                site_names: frozenset[str] = frozenset()) -> dict[str, str]:
    """``{copy URL: URL of the page it copies}`` among ``docs`` (live pages of one source by URL): a
    page linked from a page of the same title that holds nearly all of its text and has no more of
    its own (see the module docstring); a line several pages share (a print view's "Sumber: <site>"
    footer says which site, not what the page says) need not be held. Documents, app records and
    records drawn from JSON are never copies, nor is a page ``COMMON_PAGES`` of the site's pages
    link (a menu's page, linked from every page; a print view is linked from its article alone), nor
    a page titled by one of the ``site_names`` (normalised, as ``SiteTitles.names``): pages that
    fall back to the site's name share a title, not a text."""
    by_key = {url_key(url): doc for url, doc in docs.items()
              if "#" not in url and doc.kind not in ("document", "app")}
    seen = Counter(line for doc in by_key.values() for line in set(_lines(doc.text)))
    common = frozenset(line for line, n in seen.items() if n >= COMMON_PAGES)
    source_links = list(source_links)
    inlinks = inlink_counts(source_links)
    found: dict[str, list[str]] = defaultdict(list)
    for key, links, _content in source_links:
        page = by_key.get(url_key(key))
        title = normalise(page.title) if page is not None else ""
        if page is None or title in site_names:
            continue
        held_text = " ".join(_lines(page.text))
        own_size = _own_size(page.text, common)
        for url, _text in links:
            copy = by_key.get(url_key(url))
            # longer than the page by its own lines, not by what every copy adds ("Dicetak
            # dari website ...") or every page (its "Versi cetak | Kirim ke teman" line)
            if (copy is None or _own_size(copy.text, common) > own_size
                    or normalise(copy.title) != title
                    or inlinks[url_key(url)] >= COMMON_PAGES):
                continue
            if _held_whole(copy.text, held_text, common):
                found[copy.url].append(page.url)
    # a copy of a copy is a copy of the page that page copies
    out = {copy: keeper(pages) for copy, pages in found.items()}
    return {copy: out.get(kept, kept) for copy, kept in out.items() if out.get(kept) != copy}
