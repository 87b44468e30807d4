"""Keep a source's crawl on its own sites, redirects included.

Scrapy's OffsiteMiddleware matches domains and their subdomains and ignores ports. Here a
site is an origin (scheme, host, port): the sample web runs every OPD on 127.0.0.1 with its
own port, and a crawl of one OPD must not wander into another's site. A host listed in
``allowed_hosts`` without any start URL on it is allowed on any port. The default ports
80 and 443 stand for each other (sites redirect http to https), and ``www.host`` is the
same site as ``host``.

A Blogger blog's own feed on www.blogger.com (``/feeds/<blogId>/posts/...``) is in scope
once a page of the source declares that blog id (``declare_blogs``, ``crawler.blogger``):
that feed only, not another blog's, not its comments, nothing else of Blogger's host.

Whatever the spider, a request that is not http(s) (a redirect to ``file:///etc/passwd``,
a catalog's ``ftp:`` link) is never sent: ``sikoja.schemes`` is the one allow-list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

from crawler.blogger import blog_feed
from crawler.downloadermiddlewares.robots import ROBOTS_META
from sikoja.schemes import is_web_url, refusal
from sikoja.urls import DEFAULT_PORTS

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

    from sikoja.sources import Source


class OffsiteRequest(IgnoreRequest):
    """A request (usually a redirect) to a host the source does not cover."""


class SiteScope:
    """Which URLs belong to a source."""

    def __init__(self, source: Source) -> None:
        self.ports: dict[str, set[int] | None] = {}
        self.blogs: set[str] = set()  # Blogger blog ids the source's pages declare
        for host in source.hosts:
            self.ports[host] = None
        for url in source.start_urls + ([source.url] if source.url else []):
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
            if host not in self.ports:
                continue
            port = parts.port or DEFAULT_PORTS.get(parts.scheme, 80)
            known = self.ports[host]
            self.ports[host] = (known or set()) | {port}

    def declare_blogs(self, blogs: frozenset[str]) -> None:
        """A page of the source declares itself a page of these Blogger blogs."""
        self.blogs.update(blogs)

    def allows(self, url: str) -> bool:
        parts = urlsplit(url)
        if not is_web_url(url):
            return False
        host = (parts.hostname or "").lower().rstrip(".")
        if host not in self.ports:
            host = host[4:] if host.startswith("www.") else f"www.{host}"
            if host not in self.ports:
                return blog_feed(url, self.blogs)
        ports = self.ports[host]
        try:
            port = parts.port or DEFAULT_PORTS.get(parts.scheme, 80)
        except ValueError:
            return False
        if ports is None or port in ports:
            return True
        defaults = set(DEFAULT_PORTS.values())
        return port in defaults and bool(ports & defaults)


class SourceOffsiteMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SourceOffsiteMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if not is_web_url(request.url):
            self.crawler.stats.inc_value("sikoja/offsite_filtered")
            raise OffsiteRequest(f"offsite: {refusal(request.url)}")
        scope: SiteScope | None = getattr(self.crawler.spider, "scope", None)
        if scope is None or request.meta.get(ROBOTS_META):
            return  # a robots.txt that redirects elsewhere still holds the site's rules
        if not scope.allows(request.url):
            self.crawler.stats.inc_value("sikoja/offsite_filtered")
            raise OffsiteRequest(f"offsite: {request.url} is outside the source's sites")
