"""WordPress and Blogger listings: the URLs of a blog that are not a page of their own.

``wordpress_listing`` names the WordPress URLs that are not a page of their own: feeds,
tag/author/date archives, pagination, search results and attachment pages
(``?attachment_id=``, a frame around a file the crawler fetches itself). The crawler follows
their links but stores none of them: they repeat the posts they list. A category's first page
is the exception: OPD sites make their menu sections ("Layanan Publik", "Berita") categories,
so it is stored, as a listing. Both spellings count, plain (``/?cat=3``, ``/?paged=2``,
``/?feed=rss2``) and pretty (``/category/berita/``, ``/page/2/``, ``/feed/``).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from sikoja.urls import canonicalize_url

# WordPress's front-controller keys of listings (archives, pagination, search, feeds) and of
# attachment pages; a URL with only these (and a post-type filter) is never a page of its own
_WORDPRESS_LISTING_KEYS = {"cat", "tag", "author", "m", "year", "monthnum", "day", "paged",
                           "s", "feed", "attachment_id", "post_type", "category_name",
                           "author_name"}
# their pretty spellings: archives below the site root, and pagination and feeds anywhere
_WORDPRESS_LISTING_PATH = re.compile(
    r"^/(?:(?:category|tag|author)/.+|\d{4}(?:/\d{2}){0,2}(?:/page/\d+)?/?)$|/page/\d+/?$",
    re.IGNORECASE)
_WORDPRESS_CATEGORY_PATH = re.compile(r"^/category/(?:(?!/page/\d).)+$", re.IGNORECASE)
_WORDPRESS_FEED_PATH = re.compile(r"/feed(?:/(?:rss2?|atom|rdf))?/?$", re.IGNORECASE)


def wordpress_listing(url: str) -> str | None:
    """What a WordPress listing URL is ("feed", "archive", "attachment page", or "category"
    for the first page of a category), or None for a URL that may be a page of its own (a
    post, a page, anything not WordPress's).

    >>> wordpress_listing("http://dishub.jambikota.go.id/?cat=3&paged=2")
    'archive'
    >>> wordpress_listing("http://dishub.jambikota.go.id/?cat=3")
    'category'
    >>> wordpress_listing("http://dishub.jambikota.go.id/?p=31&feed=rss2")
    'feed'
    >>> wordpress_listing("http://dishub.jambikota.go.id/?page_id=45") is None
    True
    """
    parts = urlsplit(canonicalize_url(url))
    keys = {k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
    if "feed" in keys:
        return "feed"
    if parts.path == "/" and keys and keys <= _WORDPRESS_LISTING_KEYS:
        if "attachment_id" in keys:
            return "attachment page"
        return "category" if keys in ({"cat"}, {"category_name"}) else "archive"
    if _WORDPRESS_FEED_PATH.search(parts.path):
        return "feed"
    if not parts.query and _WORDPRESS_LISTING_PATH.search(parts.path):
        return "category" if _WORDPRESS_CATEGORY_PATH.match(parts.path) else "archive"
    return None


# Joomla's request keys for a page drawn without the site's template: ``tmpl=component``
# (the print view, the e-mail-a-friend form of com_mailto, popups) and ``format=`` other
# than HTML (feeds, PDF, raw). Each is a copy or a tool of a page stored at its own URL.
_JOOMLA_VIEW_KEYS = {"tmpl": {"component", "raw"}, "format": {"feed", "pdf", "raw", "json"}}


def joomla_view(url: str) -> str | None:
    """What a Joomla component-only view is ("component-only view" or "feed"), or None.

    >>> joomla_view("http://kec.go.id/index.php/component/mailto/?tmpl=component&link=ab12")
    'component-only view'
    >>> joomla_view("http://kec.go.id/index.php/berita?format=feed&type=rss")
    'feed'
    >>> joomla_view("http://kec.go.id/index.php/layanan/12-domisili") is None
    True
    """
    query = {k.lower(): v.lower() for k, v in parse_qsl(urlsplit(url).query)}
    if query.get("format") in _JOOMLA_VIEW_KEYS["format"]:
        return "feed" if query["format"] == "feed" else "component-only view"
    if query.get("tmpl") in _JOOMLA_VIEW_KEYS["tmpl"]:
        return "component-only view"
    return None


# Blogger's lists: a label's posts (/search/label/Layanan), the older posts the home's pager
# walks (/search?updated-max=...&max-results=7), search results (/search?q=...); each with
# its mobile twin (?m=1). A blog's home shows as many posts as its lists do, and a
# list of one post (a label used once) has that post's date and text under it.
_BLOGGER_SEARCH = re.compile(r"^/search(?:/label/[^/]+)?/?$", re.IGNORECASE)
_BLOGGER_KEYS = {"updated-max", "updated-min", "max-results", "start", "by-date", "q", "m",
                 "reverse-paginate", "label"}


def blogger_listing(url: str) -> bool:
    """Whether ``url`` is one of Blogger's lists of posts, which a site's theme may show in
    full or as teasers: a list whatever its page reads like.

    >>> blogger_listing("http://kel.blogspot.com/search/label/Info?m=1")
    True
    >>> blogger_listing("http://kel.blogspot.com/search?updated-max=2024-07-15T08:00:00%2B07:00")
    True
    >>> blogger_listing("http://kel.blogspot.com/p/search.html")
    False
    """
    parts = urlsplit(url)
    keys = {k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
    return bool(_BLOGGER_SEARCH.match(parts.path)) and keys <= _BLOGGER_KEYS and (
        "/label/" in parts.path.lower() or bool(keys - {"m"}))
