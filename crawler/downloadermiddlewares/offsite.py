"""Keep a source's crawl on its own sites, redirects included.

Scrapy's OffsiteMiddleware matches domains and their subdomains and ignores ports. Here a
site is an origin (scheme, host, port): the sample web runs every OPD on 127.0.0.1 with its
own port, and a crawl of one OPD must not wander into another's site. A host listed in
``allowed_hosts`` without any start URL on it is allowed on any port. The default ports
80 and 443 stand for each other (sites redirect http to https), and ``www.host`` is the
same site as ``host``.

Where sources share a site (a WordPress multisite's ``/dinkes/`` and ``/disdik/``; see
``sikoja.sources.share_hosts``), a source's part of it is its own prefixes: a URL under the
longest prefix matching it belongs to that prefix's source, never to two; a URL under no
source's prefix (the network's shared ``/wp-content/uploads/``) is followed only when it names
a file (a PDF, a document, a script), not a page: the network's root home is no OPD's.

A Blogger blog's own feed on www.blogger.com (``/feeds/<blogId>/posts/...``) is in scope
once a page of the source declares that blog id (``declare_blogs``, ``crawler.blogger``):
that feed only, not another blog's, not its comments, nothing else of Blogger's host.

A single-page app's API on another origin (``api-distankp.jambikota.go.id`` beside
``distankp.jambikota.go.id``) is in scope for the data the app's code asks of it once a
script of the source names it as its HTTP client's base (``declare_api``; which origins
qualify is ``crawler.extract.jsroutes.api_origins``): JSON requests only, never its pages,
by either scheme and its default ports as the source's own hosts are; never a site of
another source of the crawl (a sibling office's site under the same domain, or on the same
host at another port), saved API origins of an earlier crawl included.

Whatever the spider, a request that is not http(s) (a redirect to ``file:///etc/passwd``,
a catalog's ``ftp:`` link) is never sent: ``sikoja.schemes`` is the one allow-list.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

from crawler.blogger import blog_feed
from crawler.downloadermiddlewares.robots import ROBOTS_META
from sikoja.schemes import is_web_url, refusal
from sikoja.sources import own_prefixes, site_path
from sikoja.urls import DEFAULT_PORTS, bare_host, host_port, origin

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

    from sikoja.sources import Source


# the last path segment's extensions of pages (a site's own HTML), as opposed to files
PAGE_EXTENSIONS = frozenset({"", "htm", "html", "xhtml", "shtml", "php", "asp", "aspx", "jsp",
                             "cfm", "cgi", "pl"})


def names_file(url: str) -> bool:
    """Whether ``url``'s path ends in a file name of a non-page type (``.pdf``, ``.docx``)."""
    last = urlsplit(url).path.rsplit("/", 1)[-1]
    return "." in last and last.rsplit(".", 1)[1].lower() not in PAGE_EXTENSIONS


def _site(site: str) -> tuple[str, int | None]:
    """A site of ``SiteScope``'s ``others``: (bare host, port as ``host_port`` gives it) of
    an origin, (bare host, None: any port) of a host alone."""
    if "://" in site:
        host, port = host_port(site) or ("", 0)
        return bare_host(host), port
    return bare_host(site.strip("[]")), None


class OffsiteRequest(IgnoreRequest):
    """A request (usually a redirect) to a host the source does not cover."""


class SiteScope:
    """Which URLs belong to a source."""

    def __init__(self, source: Source, others: Iterable[str] = ()) -> None:
        self.ports: dict[str, set[int] | None] = {}
        self.blogs: set[str] = set()  # Blogger blog ids the source's pages declare
        self.apis: set[str] = set()  # origins of the source's apps' APIs (data only)
        for host in source.hosts:
            self.ports[host] = None
        # the sites of the crawl's other sources (origins; a host alone stands for any port):
        # another office's site, on another host or another port, never this one's API
        self.others = {_site(h) for h in others} - {_site(h) for h in source.sites}
        for url in source.start_urls + ([source.url] if source.url else []):
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
            if host not in self.ports:
                continue
            port = parts.port or DEFAULT_PORTS.get(parts.scheme, 80)
            known = self.ports[host]
            self.ports[host] = (known or set()) | {port}
        # sites shared with other sources: (prefix, is this source's) on each, longest first
        # (http and https, www. or not, are one site here as above)
        self.shared: dict[str, list[tuple[str, bool]]] = {}
        if source.prefixes:
            owned = [(p, True) for p in own_prefixes(source)]
            owned += [(p, False) for p in source.foreign_prefixes]
            for prefix, mine in owned:
                site, path = site_path(prefix)
                self.shared.setdefault(site, []).append((path, mine))
            for prefixes in self.shared.values():
                prefixes.sort(key=lambda item: -len(item[0]))

    def declare_blogs(self, blogs: frozenset[str]) -> None:
        """A page of the source declares itself a page of these Blogger blogs."""
        self.blogs.update(blogs)

    def declare_api(self, api: str) -> None:
        """A script of the source makes its HTTP client with this origin as its base; not
        taken when it is a host of another source of the crawl (a sibling office's site
        under the same domain: ``disdukcapil.jambikota.go.id`` from ``distankp``'s app)."""
        if not self.of_another_source(api):
            self.apis.add(api)

    def of_another_source(self, url: str) -> bool:
        """Whether ``url`` is on a site of another source of the crawl: its host on that
        site's port, or on any port where the other source's host has none of its own."""
        host, port = host_port(url) or ("", 0)
        return (bare_host(host), port) in self.others or (bare_host(host), None) in self.others

    def allows(self, url: str, data: bool = False) -> bool:
        """Whether ``url`` belongs to the source; ``data``: a request for what its scripts
        load (JSON), which may also go to its apps' API origins."""
        parts = urlsplit(url)
        if not is_web_url(url):
            return False
        if data and self._api(url):
            return True
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
        defaults = set(DEFAULT_PORTS.values())
        if not (ports is None or port in ports or port in defaults and ports & defaults):
            return False
        return self._in_part(url)

    def _api(self, url: str) -> bool:
        """Whether ``url`` is on a declared API origin, as the source's own hosts are
        matched: by either scheme, its default ports one (``http://api-x`` declared, its
        redirect to ``https://api-x`` followed), another port exactly."""
        want = host_port(url)
        return want is not None and not self.of_another_source(url) and any(
            host_port(api) == want for api in self.apis)

    def site_root(self, url: str) -> str:
        """Where ``url``'s site starts: its origin, or on a shared site this source's prefix
        holding it (a multisite's subsite keeps its own ``/dinkes/wp-sitemap.xml``)."""
        site, path = site_path(url)
        for prefix, mine in self.shared.get(site, ()):
            if mine and path.startswith(prefix):
                return origin(url) + prefix.rstrip("/")
        return origin(url)

    def nobodys(self, url: str) -> bool:
        """Whether ``url`` is a page on a site this source shares, in no source's folder (the
        network's home): a page it stored before the site was split is no one's now
        (``WebsiteSpider.spider_idle`` retires it)."""
        return self._part(url) == "nobody"

    def owns(self, url: str) -> bool:
        """Whether ``url`` is in this source's folders of a site it shares."""
        return self._part(url) == "mine"

    def own_folders(self) -> list[str]:
        """The URL prefixes of this source's folders on the sites it shares, in every
        spelling of their site (http and https, with and without ``www.``)."""
        return sorted({f"{scheme}://{www}{site}{path}" for site, prefixes in self.shared.items()
                       for path, mine in prefixes if mine
                       for scheme in ("http", "https") for www in ("", "www.")})

    def loose_file(self, url: str) -> bool:
        """Whether ``url`` is a file on a site this source shares, in no source's folder (the
        network's uploads): whichever source of the site stored it first keeps it
        (``crawler.downloadermiddlewares.conditional``)."""
        return self._part(url) == "file"

    def _in_part(self, url: str) -> bool:
        """On a site shared with other sources: whether ``url`` is in this source's part."""
        return self._part(url) in (None, "mine", "file")

    def _part(self, url: str) -> str | None:
        """Whose part of a shared site ``url`` is in: "mine", "theirs", "file" (a file in
        no source's folder), "nobody" (a page in none); None off the shared sites."""
        if not self.shared:  # a source alone on its sites (most): no URL to parse per link
            return None
        site, path = site_path(url)
        prefixes = self.shared.get(site)
        if not prefixes:
            return None
        folder = path if path.endswith("/") else path + "/"  # "/dinkes" is the folder
        for prefix, mine in prefixes:
            if path.startswith(prefix) or folder == prefix:
                return "mine" if mine else "theirs"
        return "file" if names_file(url) else "nobody"


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
        if not scope.allows(request.url, data="sikoja_js_key" in request.meta):
            self.crawler.stats.inc_value("sikoja/offsite_filtered")
            raise OffsiteRequest(f"offsite: {request.url} is outside the source's sites")
