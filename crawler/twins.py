"""Query twins: one page of a site reached at URLs that differ only in a query parameter.

Portals tag their own links with where a click came from (``/layanan/4/skck?ref=beranda``
from the home page, ``/layanan/4/skck`` from the service list), and old PHP sites add a
language or view switch (``?lang=id``, ``?tampil=1``) that changes nothing. The crawler
cannot know which parameters select content, so it fetches every spelling; only the
answers tell. Two live pages of one source with the same scheme, host and path (trailing
slash aside) and the same stored content are one page, kept once: the spelling with the
fewest query parameters (the plain URL), then the one the site links from most pages, then
the shorter. The others leave the index as duplicates of it. Pages whose content differs
(``?page_id=5`` and ``?page_id=6``, a list and its second page) are never twins.

This is a site-level step (``StorePipeline.close_spider``): a twin may be fetched before or
after the page it copies. On later crawls the pipeline skips a twin as it arrives
(``plainer_twin``), so it is not stored again only to be retired again.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

from sikoja.urls import url_key

if TYPE_CHECKING:
    from sikoja.store import DocumentStore


def path_of(url: str) -> str:
    """``scheme://host[:port]/path`` without the query and a trailing slash: what twins share."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/") or "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def query_size(url: str) -> int:
    return len(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def keeper(urls: Iterable[str], inlinks: Counter[str] | None = None) -> str:
    """The spelling to keep: fewest query parameters, most linked, shortest, first."""
    inlinks = inlinks or Counter()
    return min(urls, key=lambda u: (query_size(u), -inlinks[url_key(u)], len(u), u))


def query_twins(pages: dict[str, str], inlinks: Counter[str] | None = None) -> dict[str, str]:
    """``{twin URL: URL kept}`` among ``pages`` (URL -> content hash) of one source."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for url, content in pages.items():
        if "#" not in url:  # a record drawn from JSON is not a fetched spelling
            groups[(path_of(url), content)].append(url)
    out: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        kept = keeper(members, inlinks)
        out.update({url: kept for url in members if url != kept})
    return out


def inlink_counts(source_links: Iterable[tuple[str, list[tuple[str, str]], object]]
                  ) -> Counter[str]:
    """How many of the site's pages link each URL (by ``url_key``), from
    ``LinkStore.source_links``."""
    counts: Counter[str] = Counter()
    for _page, links, _content in source_links:
        counts.update({url_key(url) for url, _text in links})
    return counts


def spellings_sql(url: str) -> tuple[str, tuple[str, ...]]:
    """SQL condition (and its parameters) selecting stored URLs with ``url``'s path: the
    path itself, with a trailing slash, and either with any query (ranges on the key)."""
    base = path_of(url)
    forms = [base] if base.endswith("/") else [base, base + "/"]
    sql = " OR ".join(["url = ?"] * len(forms) + ["(url > ? AND url < ?)"] * len(forms))
    params = tuple(forms) + tuple(p for f in forms for p in (f + "?", f + "@"))
    return f"({sql})", params


def plainer_twin(store: DocumentStore, url: str, source: str, content: str) -> str | None:
    """A live page of ``source`` with ``url``'s path, the same content and fewer query
    parameters (the one ``url`` duplicates), or None."""
    if not query_size(url):
        return None
    where, params = spellings_sql(url)
    rows = store.query(f"SELECT url FROM documents WHERE source = ? AND status = 'live' "
                       f"AND content_hash = ? AND {where}", (source, content, *params))
    plainer = [r["url"] for r in rows
               if path_of(r["url"]) == path_of(url) and query_size(r["url"]) < query_size(url)]
    return keeper(plainer) if plainer else None
