"""A Blogger blog's own feed on www.blogger.com, which its pages may load across sites.

A Blogger blog serves its feeds at its own address (``/feeds/posts/default``), but a
gadget or a theme may load them from Blogger's host by the blog's id instead
(``https://www.blogger.com/feeds/<blogId>/posts/summary?alt=json-in-script&callback=toc``):
another site, which a source's scope keeps out. Each page of a blog declares its id, in
``<link rel="service.post" href="https://www.blogger.com/feeds/<blogId>/posts/default">``
and ``<link rel="EditURI" href="https://www.blogger.com/rsd.g?blogID=<blogId>">``. The feed
of posts or pages of a blog a page of the source declares is that source's own data
(``crawler.extract.jsonlist`` reads it as an endpoint, ``SiteScope`` lets it be asked for);
nothing else of www.blogger.com is: not another blog's feed, not a comments feed, not
Blogger's pages.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

BLOGGER_HOSTS = frozenset({"www.blogger.com", "blogger.com"})
_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_REL = re.compile(r"""\brel\s*=\s*["']?(service\.post|EditURI)\b""", re.IGNORECASE)
_DECLARED = re.compile(r"""\bhref\s*=\s*["']?(?:https?:)?//(?:www\.)?blogger\.com/"""
                       r"""(?:feeds/(\d{1,30})/posts/default|rsd\.g\?blogID=(\d{1,30}))\b""",
                       re.IGNORECASE)
# a blog's feed of posts or pages (a label's, a post's too): not its comments
_OWN_FEED = re.compile(r"^/feeds/(\d{1,30})/(?:posts|pages)/")
MAX_HEAD = 200_000  # characters of a page read for its <link>s (they sit in its <head>)


def declared_blogs(html: str) -> frozenset[str]:
    """The ids of the Blogger blogs ``html`` declares itself a page of (its ``service.post``
    or ``EditURI`` link)."""
    found = set()
    for tag in _LINK.findall(html[:MAX_HEAD]):
        if _REL.search(tag) and (m := _DECLARED.search(tag)):
            found.add(m.group(1) or m.group(2))
    return frozenset(found)


def blog_feed(url: str, blogs: frozenset[str] | set[str]) -> bool:
    """Whether ``url`` is the feed of posts or pages of one of ``blogs`` on www.blogger.com."""
    if not blogs:
        return False
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or port not in (None, 80, 443) or (
            parts.hostname or "").lower().rstrip(".") not in BLOGGER_HOSTS:
        return False
    m = _OWN_FEED.match(parts.path)
    return m is not None and m.group(1) in blogs
