"""Crawl one OPD website: its pages, the PDFs they link, within the source's sites.

The frontier is breadth first from the start URLs (and sitemap.xml where present), capped by
depth and by page count: a calendar that links "next month" forever stops at the cap.
Every URL is de-duplicated by its key (``url_key``: canonical, query order and trailing
slash ignored) before it is requested, and counted against ``max_pages`` at that moment, so
a home page linking 10,000 archive pages queues no more than the cap. A page is requested,
and so stored, under the first spelling the site links; one stored by an earlier crawl under
another order of the same query is requested as stored, so it keeps its URL from crawl to
crawl.

Once the frontier is empty, stored pages of this source that were not reached are
revalidated (a conditional GET each): a page that now answers 404/410 leaves the index, one
that is merely unlinked stays. Nothing is ever deleted for not having been seen.

Some pages are read for their links but not stored (a "skipped" line in the fetch log says
why): WordPress's archives, pagination and attachment pages (``listings.wordpress_listing``;
feeds are not requested at all; a category's first page is stored, as a listing), Joomla's
component-only views of a page (``tmpl=component``: print views, the e-mail-a-friend form;
``format=feed|pdf|raw``: ``listings.joomla_view``), pages that ask search engines not to
index them (``<meta name="robots" content="noindex">`` or an
``X-Robots-Tag`` header; with ``nofollow`` their links are not followed either), and the
home page answered at another URL (WordPress with plain permalinks, and many PHP sites,
serve the home page for any unknown path: a soft 404 that would otherwise be a copy of the
home page). A WordPress site also gets its own sitemap requested, ``/wp-sitemap.xml`` and
``/?sitemap=index`` (the only one that works with plain permalinks, where ``/robots.txt``
and ``/sitemap.xml`` answer with the home page); each sitemap read is logged with the
number of URLs it listed.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import io
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urljoin, urlsplit

from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import HtmlResponse
from scrapy.linkextractors import IGNORED_EXTENSIONS
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from w3lib.url import safe_url_string

from crawler.downloadermiddlewares.contenttype import GENERIC_TYPES, OFFICE_NAMES, content_type_of
from crawler.downloadermiddlewares.offsite import SiteScope
from crawler.downloadermiddlewares.pdfread import READ as PDF_READ
from crawler.extract.document import MIN_PANEL_SERVICES, html_document, now_iso, pdf_document
from crawler.extract.encoding import decode_html, looks_binary, looks_pdf
from crawler.extract.jsonlist import (
    MAX_ENDPOINTS,
    MAX_JSON_PAGES,
    MAX_PROBES,
    MAX_SITE_SCRIPTS,
    DetailTemplate,
    NotRecords,
    ShellScripts,
    as_listing,
    detail_record,
    endpoints,
    inline_code,
    json_records,
    jsonp_file_records,
    list_candidates,
    may_be_drawn_by_script,
    module_imports,
    next_page,
    record_document,
    record_key_value,
    same_record,
    script_records,
    settle_kinds,
    shell_scripts,
    states_own_facts,
    value_columns,
)
from crawler.extract.jsroutes import (
    MAX_DETAILS,
    bases_of,
    detail_templates,
    file_properties,
    last_segment,
    not_found_view,
    route_templates,
    routes_for,
    with_bases,
)
from crawler.extract.modals import (
    button_details,
    button_services,
    may_hold_buttons,
    may_load_details,
)
from crawler.extract.ocr import OcrReader, reader_for
from crawler.extract.office import extract_office, office_kind
from crawler.extract.pagecode import PageCode
from crawler.extract.pagedata import data_file_url
from crawler.extract.payload import MAX_DATA_FILE, may_embed_data, with_data_file, with_payload
from crawler.extract.pdf import PdfError, PdfText, extract_pdf
from crawler.extract.posts import (
    MAX_SITE_POST_REQUESTS,
    MAX_SITE_POSTS,
    PostCall,
    as_request,
    post_calls,
)
from crawler.extract.title import NO_SITE, is_home
from crawler.extract.viewers import file_ids, is_viewer, named_files, shown_file
from crawler.failures import UNREADABLE_KIND, http_reason
from crawler.items import ERROR, GONE, SKIPPED, UNCHANGED, FetchedDocument, FetchOutcome
from crawler.linkstore import LinkStore
from crawler.listings import blogger_listing, joomla_view, wordpress_listing
from crawler.sitetitles import saved_site_titles
from crawler.spiders.base import SourceSpider
from crawler.spiders.datatables import DataTablesReader
from crawler.spiders.scriptfiles import ScriptFunctions
from crawler.standards import absorb_stored, as_settled
from crawler.traps import TrapWatch
from sikoja.schemes import refusal
from sikoja.store import DocumentStore
from sikoja.urls import canonicalize_url, origin, url_key

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Generator, Iterable, Iterator

    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from sikoja.documents import Document

# PDFs, and Word and Excel files (a Standar Pelayanan typed in Word, a list of services in a
# workbook: ``crawler.extract.office``), old binary or OpenDocument ones too, are read
_READ_EXTENSIONS = ("pdf", *(name[1:] for name in OFFICE_NAMES))
_SKIP_EXTENSIONS = tuple(f".{ext}" for ext in IGNORED_EXTENSIONS if ext not in _READ_EXTENSIONS) + (
    ".xml", ".json", ".rss", ".atom", ".ics", ".apk", ".sql", ".csv", ".webp", ".mp4",
)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GENERIC_TYPES = ("", *GENERIC_TYPES)  # no type at all is sniffed from the body too
_MAX_SITEMAPS = 20
# what an extractor raises on input it was not written for: that page or record is logged
# as a parse error, the rest of the crawl goes on
EXTRACTION_ERRORS = (ValueError, TypeError, AttributeError, RecursionError, LookupError,
                     ArithmeticError)
_MAX_SITEMAP_BYTES = 20 * 1024 * 1024
# what WordPress's pages carry wherever its theme comes from
_WORDPRESS_MARKS = (b"/wp-content/", b"/wp-includes/")
_WORDPRESS_SITEMAPS = ("/wp-sitemap.xml", "/?sitemap=index")
_ROBOTS_META = re.compile(
    rb"<meta\s[^>]*name\s*=\s*[\"']?(?:robots|googlebot)\b[^>]*>", re.IGNORECASE)
_CONTENT_ATTR = re.compile(rb"content\s*=\s*[\"']([^\"']*)", re.IGNORECASE)


class WebsiteSpider(DataTablesReader, ScriptFunctions, SourceSpider):
    name = "website"
    # the store pipeline learns the site's template at close (a fleet's, at the merge)
    learns_template = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # (crawl_hosts: every host of the crawl's sources, ``crawler.run`` passes them)
        self.scope = SiteScope(self.source, getattr(self, "crawl_hosts", None) or ())
        # keys (url_key) of the URLs requested (the page budget) and of documents produced
        self.scheduled: set[str] = set()
        self.produced: set[str] = set()
        self.sitemaps_seen: set[str] = set()
        # the start pages' (title, text) hashes: a page that repeats both is the home page
        # answering an unknown URL (a soft 404)
        self.home_texts: set[int] = set()
        # the start page's robots directives: a noindex every page repeats from the home is
        # the site's forgotten switch, not a page's wish (see ``_not_stored``)
        self.home_robots: frozenset[str] | None = None
        self.spellings: dict[str, str] = {}  # url_key -> URL stored by an earlier crawl
        self.swept = False
        self.sweep_deferred = 0  # pages of other sources in its folders left for next crawl
        self.nobodys: list[str] = []  # pages held in no source's folder (``spider_idle``)
        self.linkstore: LinkStore | None = None
        self.documents: DocumentStore | None = None  # read: stored PDFs, home, JSON records
        self.ocr: OcrReader | None = None  # the crawl process's OCR of scanned PDFs
        self.template: frozenset[int] = frozenset()  # this site's template lines
        self.site_titles = NO_SITE  # the title segments this site repeats
        self.template_canonicals: frozenset[str] = frozenset()
        # pages drawn by JavaScript: their pending script/JSON reads, and what was read
        self.js_jobs: dict[str, _ScriptJob] = {}
        self.js_requested: set[str] = set()
        self.js_lists: set[str] = set()  # of those, the data requests (not script files)
        # a request another page also needs: those pages, until it ends; then whether it
        # gave records (a shell's verdict must not depend on which page asked first)
        self.js_waiting: dict[str, list[str]] = {}
        self.js_found: dict[str, bool] = {}
        self.js_imports = 0  # module imports asked for (bounded per site: MAX_SITE_SCRIPTS)
        self.js_code: dict[str, str] = {}  # script files read: a later page needs their JSON
        self.js_bases: dict[str, str] = {}  # their config's API bases (jsroutes.property_bases)
        # each script's (property, data path) pairs, read once (jsroutes.file_properties)
        self.js_props: dict[str, frozenset[tuple[str, str]]] = {}
        # each script joined to the bases it was last joined to, for the pages that load it
        # later (jsroutes.with_bases scans the whole script: 0.17 s for a 1.5 MB bundle)
        self.js_based: dict[str, tuple[dict[str, str], str]] = {}
        # where the site shows JSON records: the URLs it lists (links, sitemap) by their
        # last path part, the keys of pages that are script shells (a record may take
        # their place), and the routes its scripts build (crawler.extract.jsroutes)
        self.listed: dict[str, set[str]] = {}
        self.shells: set[str] = set()
        self.routes: list[tuple[str, str]] = []
        # per script read (its key): the routes its code builds and whether its route table
        # shows "not found" at a URL no route names; per page, the scripts it loads and the
        # routes of its own HTML: whether a list's records are unroutable is the page's app's
        # (``_list_records``), not another app's of the same site
        self.js_router: dict[str, tuple[list[tuple[str, str]], bool]] = {}
        self.page_scripts: dict[str, set[str]] = {}
        self.page_routes: dict[str, list[tuple[str, str]]] = {}
        # detail URLs the code builds from a record's id or slug (jsroutes.detail_templates),
        # and per list (its URL, its first page's) the one its probe verified, or None
        self.detail_templates: list[DetailTemplate] = []
        # the POSTs the app's code makes for data (crawler.extract.posts), by their URL's key
        self.post_calls: dict[str, PostCall] = {}
        self.posts_sent = 0  # POST requests made to the site (MAX_SITE_POST_REQUESTS)
        self.route_pages: set[str] = set()  # the record pages' routes read for their code
        self.detail_verdicts: dict[str, tuple[DetailTemplate, str] | None] = {}
        self.awaiting: set[str] = set()  # keys of records stored once their detail is read
        # shells judged while other pages' lists were still to be read: stored once none is
        # (a record those lists place at a shell's URL is that URL's document, not the shell)
        self.judged_shells: list[FetchedDocument] = []
        # script shells that may be document viewers: their own document (if stored) and
        # the JSON endpoints tried, until the crawl's end (``settle_viewers``)
        self.viewers: dict[str, tuple[FetchedDocument | None, int]] = {}
        self.dt_requested: set[tuple[str, str, int]] = set()  # crawler.spiders.datatables
        self.nav_files: dict[str, Any] = {}  # crawler.spiders.scriptfiles
        self.nav_pages: dict[str, Any] = {}
        # URL families that walk without end (crawler.traps): held until judged, or dropped
        self.traps = TrapWatch()
        self.trapped: set[str] = set()  # keys of the URLs dropped as a trap's
        self.trap_drops: list[FetchOutcome] = []  # their log lines, yielded with the links
        # a fleet worker sees a part of a family's pages only: no worker holds or drops
        # (each would judge, hold and release on its own): a fleet crawls traps as before
        self.watch_traps = True

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> WebsiteSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(spider.spider_closed, signal=signals.spider_closed)
        return spider

    def spider_closed(self, spider: Any = None) -> None:
        if self.ocr is not None:
            self.ocr.save_counts()
        if self.linkstore is not None:
            self.linkstore.close()
            self.linkstore = None
        if self.documents is not None:
            self.documents.close()
            self.documents = None

    def spider_opened(self, spider: Any = None) -> None:
        self.linkstore = LinkStore.open(self.settings["SIKOJA_DATA_DIR"])
        self.template = self.linkstore.template(self.source.name)
        self.site_titles = saved_site_titles(self.linkstore, self.source.name)
        # canonicals an earlier crawl found the template prints (crawler.canonicals)
        self.template_canonicals = self.linkstore.template_canonicals(self.source.name)
        self.documents = DocumentStore.open(self.settings["SIKOJA_DATA_DIR"])
        self.ocr = reader_for(self.settings["SIKOJA_DATA_DIR"])
        self.spellings = {url_key(url): url
                          for url in sorted(self.documents.urls_for_source(self.source.name))
                          if "#" not in url}
        if self.settings.get("SIKOJA_FRONTIER"):
            self._share_state()

    def _share_state(self) -> None:
        """A fleet worker: the page budget, the pages produced, the home page's look and the
        Blogger blogs declared are the fleet's (``crawler.fleet.sharedset``), so no two
        workers take the same page and any worker takes a blog feed another let in."""
        from scrapy_redis.connection import get_redis_from_settings

        from crawler.fleet import run_prefix
        from crawler.fleet.sharedset import SharedSet

        server = get_redis_from_settings(self.settings)
        prefix, undo = f"{run_prefix(self.name)}:shared", f"{run_prefix(self.name)}:undo"
        self.scheduled = SharedSet(server, f"{prefix}:scheduled", undo)  # type: ignore[assignment]
        self.produced = SharedSet(server, f"{prefix}:produced", undo)  # type: ignore[assignment]
        self.home_texts = SharedSet(server, f"{prefix}:home", undo)  # type: ignore[assignment]
        # a blog one worker's page declares lets its feed through any worker's scope
        self.scope.blogs = SharedSet(server, f"{prefix}:blogs", undo)  # type: ignore[assignment]
        # and an app's API origin one worker's script names, its data for any worker
        self.scope.apis = SharedSet(server, f"{prefix}:apis", undo)  # type: ignore[assignment]
        self.watch_traps = False

    def _restore_state(self) -> None:
        """A resumed frontier: the page budget, what was produced, the Blogger blogs the
        pages declared (whose feeds the scope lets through) and its apps' API origins
        (whose data it lets through) live in spider.state, which
        Scrapy saves in JOBDIR on a graceful stop (loaded after spider_opened)."""
        state = getattr(self, "state", None)
        if isinstance(state, dict):
            state.setdefault("scheduled", set()).update(self.scheduled)
            state.setdefault("produced", set()).update(self.produced)
            state.setdefault("blogs", set()).update(self.scope.blogs)
            state.setdefault("apis", set()).update(self.scope.apis)
            self.scheduled, self.produced = state["scheduled"], state["produced"]
            self.scope.blogs = state["blogs"]
            # the API origins its apps' scripts named, less another source's site (saved by
            # a crawl that was not told of it)
            state["apis"] = {api for api in state["apis"] if not self.scope.of_another_source(api)}
            self.scope.apis = state["apis"]
            # the URLs held for a family's verdict, the verdicts, and the URLs dropped
            self.traps = state.setdefault("traps", self.traps)
            self.trapped = state.setdefault("trapped", self.trapped)

    # -- frontier ----------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        self._restore_state()
        for url in self.source.start_urls:
            self.scheduled.add(url_key(url))
            yield self._page_request(url, depth=0, dont_filter=True)
        if self.source.use_sitemap:
            for site in sorted({origin(u) for u in self.source.start_urls}):
                yield Request(f"{site}/robots.txt", callback=self.parse_robots,
                              errback=self.ignore_error, dont_filter=True, priority=5,
                              meta={"dont_obey_robotstxt": True, "dont_retry": True})
                yield self._sitemap_request(f"{site}/sitemap.xml")

    def _page_request(self, url: str, *, depth: int, parent: str | None = None,
                      link_text: str = "", dont_filter: bool = False,
                      sweep: bool = False) -> Request:
        return Request(
            url,
            callback=self.parse,
            errback=self.on_error,
            dont_filter=dont_filter,
            meta={"sikoja_depth": depth, "sikoja_parent": parent, "sikoja_link": link_text,
                  "sikoja_sweep": sweep},
        )

    def _sitemap_request(self, url: str) -> Request:
        self.sitemaps_seen.add(url)
        return Request(url, callback=self.parse_sitemap, errback=self.ignore_error,
                       dont_filter=True, priority=5,
                       meta={"sikoja_any_type": True, "dont_retry": True,
                             "download_maxsize": _MAX_SITEMAP_BYTES})

    def follow(self, url: str, *, depth: int, parent: str | None = None,
               link_text: str = "", watch: bool = True) -> Request | None:
        """A request for ``url`` if it is in scope, new, and within the depth/page caps, and,
        with ``watch``, not held or dropped as a trap's (``crawler.traps``; a row's detail,
        which may answer JSON, is asked for whatever its shape)."""
        if depth > self.source.max_depth or not self.scope.allows(url):
            return None
        if not urlsplit(url).query and last_segment(url):
            self.listed.setdefault(last_segment(url), set()).add(canonicalize_url(url))
        path = urlsplit(url).path.lower()
        if path.endswith(_SKIP_EXTENSIONS) or wordpress_listing(url) == "feed":
            return None
        key = url_key(url)
        if key in self.scheduled or key in self.trapped:
            return None
        admitted = self.traps.admit(url, key, (url, depth, parent, link_text),
                                    listed=parent is None) \
            if watch and self.watch_traps else "follow"
        if admitted == "held":
            return None
        if admitted == "trap":
            self._drop_trapped(url, key)
            return None
        if len(self.scheduled) >= self.source.max_pages:
            self.capped = True
            return None
        self.scheduled.add(key)
        return self._page_request(self._spelling(url, key), depth=depth, parent=parent,
                                  link_text=link_text)

    def _drop_trapped(self, url: str, key: str) -> None:
        """A URL of a trap, not requested: logged as skipped (counted in the crawl report)."""
        self.trapped.add(key)
        self.trap_drops.append(FetchOutcome(url=canonicalize_url(url), outcome=SKIPPED,
                                            reason=self.traps.describe(url)))

    def _trap_read(self, response: Response, title: str, text: str,
                   links: list[str]) -> Iterator[Any]:
        """A page read: its family's verdict may follow or drop the URLs held for it."""
        if self.watch_traps:
            yield from self._trap_verdict(*self.traps.read(_asked(response), title, text, links))

    def _trap_settle(self, url: str) -> Iterator[Any]:
        """A URL asked for answered no page to read (an error, a 404, a redirect refused, a
        PDF): it settles its family's probe all the same."""
        if self.watch_traps and self.traps.pending(url):
            yield from self._trap_verdict(*self.traps.unread(url))

    def _trap_verdict(self, verdict: str | None, held: list[Any]) -> Iterator[Any]:
        for link, depth, parent, link_text in held:
            if verdict == "trap":
                self._drop_trapped(link, url_key(link))
            elif (request := self.follow(link, depth=depth, parent=parent,
                                         link_text=link_text)) is not None:
                yield request
        yield from self._trap_drops()

    def _trap_drops(self) -> Iterator[FetchOutcome]:
        """The log lines of the URLs dropped as a trap's since the last call."""
        drops, self.trap_drops = self.trap_drops, []
        yield from drops

    def _spelling(self, url: str, key: str) -> str:
        """The URL to request for a link: the spelling stored by an earlier crawl where it
        differs only in the order of its query (a site linking both orders keeps its page's
        URL), the link itself otherwise (a page moved to ``/x/`` is fetched there)."""
        stored = self.spellings.get(key)
        if stored and urlsplit(stored).path == urlsplit(canonicalize_url(url)).path:
            return stored
        return url

    def spider_idle(self, spider: Any = None) -> None:
        """Frontier exhausted: revalidate stored pages this crawl did not reach, once.
        In a fleet, only once the whole fleet's frontier is (``crawler.fleet.scheduler``)."""
        released = self.traps.release()
        held = [self.follow(link, depth=depth, parent=parent, link_text=text)
                for link, depth, parent, text in released]
        if unsent := [link for (link, *_), request in zip(released, held, strict=True)
                      if request is None and url_key(link) not in self.scheduled]:
            self.logger.warning("%d URLs held for their family's verdict were not requested "
                                "(page budget spent or depth reached), e.g. %s",
                                len(unsent), ", ".join(unsent[:5]))
        if any(held):
            for request in held:
                if request is not None:
                    self.crawler.engine.crawl(request)
            raise DontCloseSpider
        if self.capped:
            return
        if self.swept:
            self._retire_nobodys()
            return
        scheduler = getattr(self.crawler.engine, "scheduler", None)
        fleet_idle = getattr(scheduler, "fleet_idle", None)
        if fleet_idle is not None and not fleet_idle():
            raise DontCloseSpider
        self.swept = True
        store = DocumentStore.open(self.settings["SIKOJA_DATA_DIR"])
        try:
            requests = self._sweep_requests(store)
        finally:
            store.close()
        if not requests:
            self._retire_nobodys()
            return
        for request in requests:
            self.crawler.engine.crawl(request)
        raise DontCloseSpider

    def _sweep_requests(self, store: DocumentStore) -> list[Request]:
        """The requests of the sweep: the stored pages its crawl did not reach, its own and
        (within what is left of its page budget) those other sources stored in its folders."""
        own = store.urls_for_source(self.source.name)
        # pages in its folders of a shared host that another source stored (before the
        # host was split): revalidated too, so each becomes its own or leaves (a 404)
        others = {url for url in store.live_urls_under(self.scope.own_folders())
                  if self.scope.owns(url)} - own
        missing = sorted((url for url in own | others
                          if url_key(url) not in self.produced
                          and url_key(url) not in self.scheduled
                          and url_key(url) not in self.trapped),
                         key=lambda url: (url in others, url))
        requests = []
        deferred = 0
        for url in missing:
            if url in others and len(self.scheduled) >= self.source.max_pages:
                deferred += 1
                continue
            if "#" not in url and self.scope.nobodys(url):
                # stored before its site was split among sources, in no source's folder
                # (the network's home): retired once the sweep has run without errors
                self.nobodys.append(url)
                continue
            if "#" in url or not self.scope.allows(url):
                # another source's part of a shared site now: its crawl stores the page
                # as its own (one row per URL); until then this copy stays, never retired
                # on its behalf (it may be capped, failing or not in this crawl)
                continue
            doc = store.get(url)
            self.scheduled.add(url_key(url))
            # ask in the form the server was asked before, not the canonical spelling
            fetched = self.linkstore.fetched_url(url) if self.linkstore else None
            requests.append(self._page_request(
                fetched or url, depth=self.source.max_depth, sweep=True,
                parent=doc.parent_url if doc else None, dont_filter=True))
        self.sweep_deferred = deferred
        if deferred:
            self.logger.info("%s: %d pages other sources stored in its folders left for the "
                             "next crawl (page budget spent)", self.source.name, deferred)
        return requests

    def _retire_nobodys(self) -> None:
        """Retire the pages this source held in no source's folder of a shared site, after
        its sweep, unless its crawl found a site unreachable (a host down, a timeout, a
        server error: nothing says the split is why it did not reach them; a broken link, a
        4xx, says nothing of the kind); each retirement is logged as gone, so the summary's
        "hilang" counts it."""
        urls, self.nobodys = self.nobodys, []
        if not urls:
            return
        store = DocumentStore.open(self.settings["SIKOJA_DATA_DIR"])
        try:
            if store.query("SELECT 1 FROM fetch_log WHERE crawl_id IS ? AND outcome = ? "
                           "AND (status IS NULL OR status >= 500 OR status IN (408, 429)) "
                           "LIMIT 1", (self.crawl_id, ERROR)):
                return
            for url in urls:
                if store.retire_of(url, self.source.name):
                    store.log_fetch(crawl_id=self.crawl_id, source=self.source.name, url=url,
                                    status=None, outcome=GONE,
                                    reason="in no source's folder of a shared site")
        finally:
            store.close()

    # -- responses ---------------------------------------------------------------------

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        yield from self._parse(response)
        # a probe of a URL family that gave no page to read still settles it
        yield from self._trap_settle(_asked(response))

    def on_error(self, failure: Any) -> Iterator[Any]:
        yield from super().on_error(failure)
        yield from self._trap_settle(_asked(failure.request))

    def _parse(self, response: Response) -> Iterator[Any]:
        meta = response.meta
        url = response.url
        key = canonicalize_url(url)
        elapsed = self.elapsed_ms(response)
        status = response.status
        if status == 304:
            self.produced.add(url_key(key))
            yield FetchOutcome(url=key, outcome=UNCHANGED, status=status, elapsed_ms=elapsed,
                               document_url=key)
            # the services its panels hold are unchanged with it
            for part in self._stored_parts(key):
                yield FetchOutcome(url=part, outcome=UNCHANGED, status=status, document_url=part)
            if meta.get("sikoja_depth") == 0 and not meta.get("sikoja_sweep"):
                self._remember_stored_home(key)
                if self._is_home(response) and self.linkstore is not None:
                    self.home_robots = self.linkstore.home_robots(self.source.name)
            if self.linkstore is None:
                return
            links = self.linkstore.links(key)  # read once, for the trap watch and to follow
            # the stored page, read only where traps are watched (not by a fleet worker)
            stored = (self.documents.get(key) if self.watch_traps and self.documents is not None
                      else None)
            if stored is not None:
                yield from self._trap_read(
                    response, self.linkstore.title_evidence(key).get("title", ""), stored.text,
                    [link for link, _ in links])
            # unchanged page, unchanged links: follow the ones it had last time
            if not meta.get("sikoja_sweep"):
                yield from self._follow_all(links, meta, key)
            return
        if status in (404, 410):
            yield FetchOutcome(url=key, outcome=GONE, status=status, elapsed_ms=elapsed,
                               document_url=key, reason=http_reason(status))
            return
        if status >= 300:
            reason = http_reason(status) if status >= 400 else f"redirect: HTTP {status}"
            location = _header(response, b"Location") or ""
            if status < 400 and location and (problem := refusal(urljoin(url, location))):
                reason = f"{reason} to {problem}"  # Scrapy follows http(s) only
            yield FetchOutcome(url=key, outcome=ERROR, status=status, reason=reason,
                               elapsed_ms=elapsed)
            return
        stopped = meta.get("sikoja_stopped_type")
        if stopped:
            yield FetchOutcome(url=key, outcome=SKIPPED, status=status, elapsed_ms=elapsed,
                               reason=f"content type: {stopped} is not HTML or PDF")
            return
        ctype = content_type_of(response.headers)
        body = response.body
        etag = _header(response, b"ETag")
        last_modified = _header(response, b"Last-Modified")
        if ctype == "application/pdf" or looks_pdf(body):
            yield from self._pdf(response, key, elapsed, etag, last_modified)
            return
        if (office := office_kind(ctype, url, body)) is not None:
            # a Word or Excel standard: read as a PDF is (crawler.extract.office)
            yield from self._pdf(response, key, elapsed, etag, last_modified,
                                 extract=functools.partial(extract_office, kind=office))
            return
        if meta.get("sikoja_detail_of") and (ctype.endswith("json") or (
                ctype not in _HTML_TYPES and body.lstrip()[:1] in (b"{", b"["))):
            yield from self._detail_json(response, key, elapsed)
            return
        if ctype not in _HTML_TYPES and ctype not in _GENERIC_TYPES:
            yield FetchOutcome(url=key, outcome=SKIPPED, status=status, elapsed_ms=elapsed,
                               reason=f"content type: {ctype} is not HTML or PDF")
            return
        if not body.strip():
            yield FetchOutcome(url=key, outcome=ERROR, status=status, elapsed_ms=elapsed,
                               reason="parse: empty response body")
            return
        if looks_binary(body):
            yield FetchOutcome(url=key, outcome=ERROR, status=status, elapsed_ms=elapsed,
                               reason=f"content type: binary data served as {ctype or 'text'}")
            return
        if ctype in ("text/plain", "") and b"<" not in body[:2048]:
            yield FetchOutcome(url=key, outcome=SKIPPED, status=status, elapsed_ms=elapsed,
                               reason=f"content type: {ctype or 'untyped'} text is not HTML")
            return
        try:
            page = html_document(
                body, url=url, content_type=_header(response, b"Content-Type"),
                http_last_modified=last_modified, source=self.source.name, opd=self.source.opd,
                template=self.template, site_titles=self.site_titles,
                template_canonicals=self.template_canonicals,
            )
        except EXTRACTION_ERRORS as exc:
            yield _extraction_error(key, status, elapsed, exc)
            return
        if "sikoja_data_file" not in meta:  # (read once: not again when its data file is)
            yield from self._trap_read(response, page.title_evidence.get("title", ""),
                                       page.document.text, [link.url for link in page.links])
        # the page's text, decoded once (when first asked for) for the readers below
        html = functools.cache(lambda: decode_html(body, _header(response, b"Content-Type"))[0])
        # its script code and buttons, read once for the DataTables and modal readers
        code = functools.cache(lambda: PageCode(html()))
        data_url = data_file_url(html(), url) if "sikoja_data_file" not in meta else None
        if data_url and self.scope.allows(data_url, data=True) and not self._dropped_by_scrapy(
                data_url):
            # a static build's page drawn from a data file beside it (Gatsby's page-data.json):
            # read again once the file is, with it (``parse_data_file``); not one Scrapy
            # drops unanswered (the page lost), nor more of it downloaded than is read
            yield Request(data_url, callback=self.parse_data_file, errback=self.data_file_error,
                          dont_filter=True, meta={"sikoja_any_type": True,
                                                  "sikoja_unconditional": True,
                                                  "download_maxsize": MAX_DATA_FILE,
                                                  "sikoja_page": _held(response)})
            return
        try:
            if may_embed_data(body):
                # an Inertia/Next/Nuxt page: its records and links are JSON inside it
                page = with_payload(page, html(), source=self.source.name, opd=self.source.opd)
            if meta.get("sikoja_data_file"):
                page = with_data_file(page, meta["sikoja_data_file"], source=self.source.name,
                                      opd=self.source.opd)
        except EXTRACTION_ERRORS as exc:
            # a payload, flight or data file its readers were not written for: the page is
            # kept as its HTML says (as far as read before the error)
            self.logger.warning("%s: its embedded data or data file was not read (%s: %s)",
                                url, type(exc).__name__, exc)
        doc = page.document
        if meta.get("sikoja_depth") == 0 and not meta.get("sikoja_sweep"):
            self._remember_home(page.title_evidence.get("title", ""), doc.text)
            yield from self._wordpress_sitemaps(url, body)
        if wordpress_listing(key) == "category" or blogger_listing(key):
            # a menu section or a blog's list: what it lists, never one of the posts it may
            # show in full (a Blogger label used once shows its one post, dated)
            doc.kind, doc.fields = "page", {"listing": True}
        unstored, follow_links = self._not_stored(
            response, key, page_identity(page.title_evidence.get("title", ""), doc.text),
            doc.url)
        if unstored:
            yield FetchOutcome(url=key, outcome=SKIPPED, status=status, elapsed_ms=elapsed,
                               reason=unstored)
            if follow_links and not meta.get("sikoja_sweep"):
                yield from self._follow_all(
                    [(link.url, link.text) for link in page.links
                     if self.scope.allows(link.url)], meta, key)
            return
        if self.documents is not None:
            # the standards of PDFs stored before this page (see crawler.standards)
            doc = absorb_stored(doc, page.content_links, self.documents, page.embeds)
            old = self.documents.get(doc.url) if doc.kind in ("service", "page") else None
            if old is not None and isinstance(old.fields.get("framed_in"), dict):
                # a framed page already shown under its page as its document stays one
                doc = replace(doc, kind="document", parent_url=old.parent_url,
                              fields={**doc.fields, "framed_in": {"kind": doc.kind}})
        self.produced.add(url_key(doc.url))
        self.produced.add(url_key(key))
        scripts = None
        # a DataTables table's scripts are read by crawler.spiders.datatables, as the plugin
        # asks for its rows: not as a page drawn from JSON (its endpoint wants parameters)
        dt_tables, dt_files = self.datatables_of(body, code, url)
        # what a button's handler loads into a modal by the row's id (extract.modals): the
        # page lists those details, it is no shell of an app
        shown = button_details(code(), url) if may_load_details(body) else None
        details = shown.urls if shown is not None else []
        if not page.payload and not (dt_tables or dt_files or details) and may_be_drawn_by_script(
                body, doc.text):
            scripts = shell_scripts(html(), url, doc.text)
            self.scope.declare_blogs(scripts.blogs)  # their feeds on www.blogger.com
            if scripts.shell or scripts.endpoints:
                # its HTML stays the same when its data changes: always fetched in full
                etag = last_modified = None
            if scripts.shell:
                # A script shell is one index.html served at every route of the app: the
                # canonical (or og:url) it prints is the template's by construction. It and
                # the records its routes show (``/#/layanan/12``) belong where it was served.
                doc = replace(doc, url=key)
                self.shells.add(url_key(key))
            self._add_routes(scripts.routes)
        parts = page.parts
        if may_hold_buttons(body):
            # a list whose "Detail" buttons carry the services (crawler.extract.modals)
            parts = self._button_parts(code(), doc, parts)
            if len(parts) > len(page.parts) and not doc.fields.get("listing"):
                doc = as_listing(doc)
        if dt_tables or dt_files or details:
            etag = last_modified = None  # its rows change, not its HTML: fetched in full
            listed = dt_tables or dt_files or (shown is not None and shown.listing)
            if doc.kind == "page" and listed:  # the list its rows show: they outrank it
                doc = as_listing(doc)
        # the script files its handlers call into (crawler.spiders.scriptfiles): its links
        # wait on them, so it is fetched in full each crawl (a 304 would keep a failed read's
        # loss for good)
        nav_files = self.nav_files_of(body, code, url)
        if nav_files:
            etag = last_modified = None
        if "sikoja_data_file" in meta:
            # its data file changes, not always its HTML (a closed tab's content is only in
            # the file), and a file that failed this time must be asked again: fetched in full
            etag = last_modified = None
        item = FetchedDocument(document=doc, fetched_url=key, status=status, elapsed_ms=elapsed,
                               etag=etag, http_last_modified=last_modified,
                               served_url=key if doc.url != key else None)
        if scripts is not None and scripts.shell:
            # stored once its scripts are read: a shell whose records are read lists them
            yield from self._read_scripts(scripts, key, item)
        elif scripts is not None and scripts.templated and not states_own_facts(doc):
            # so is a page whose text is its app's template (``{{ item.judul }}``); a
            # service the server rendered keeps its facts, its app's records read beside it
            yield from self._read_scripts(scripts, doc.url, item, shell=False)
        else:
            yield item
            if scripts is not None:
                yield from self._read_scripts(scripts, doc.url)
        yield from self._parts(parts, doc.url, key, status)
        in_scope = [(link.url, link.text) for link in page.links
                    if self.scope.allows(link.url)]
        if self.linkstore is not None:
            self.linkstore.save(key, source=self.source.name, fetched_url=url, links=in_scope,
                                kind=doc.kind, lines=page.lines,
                                title={**page.title_evidence, "url": doc.url},
                                content=[(link.url, link.text) for link in page.content_links
                                         if self.scope.allows(link.url)],
                                field_lines=page.field_lines, sections=page.sections,
                                embeds=[(link.url, link.text, link.loose)
                                        for link in page.embeds
                                        if self.scope.allows(link.url)])
        if meta.get("sikoja_sweep"):
            return
        yield from self._follow_all(in_scope, meta, doc.url)
        # where its handlers go through functions of the site's script files
        yield from self.read_script_functions(nav_files, code, url, key, doc.url, meta)
        yield from self.read_datatables(dt_tables, dt_files, doc.url,
                                        meta.get("sikoja_depth", 0))
        yield from self.follow_details([(u, "") for u in details], meta, doc.url)

    def parse_data_file(self, response: Response) -> Iterator[Any]:
        """A page's data file answered: the page is read with it (``b""`` when it failed)."""
        body = response.body if response.status == 200 else b""
        yield from self._parse(_unheld(response.meta["sikoja_page"], body))

    def data_file_error(self, failure: Any) -> Iterator[Any]:
        """A page's data file could not be fetched: the page is read as its HTML says."""
        yield from self._parse(_unheld(failure.request.meta["sikoja_page"], b""))

    def _parts(self, parts: list[Any], page: str, key: str, status: int) -> Iterator[Any]:
        """The services a one-page list holds in its panels (``document.panel_services``),
        and those an earlier crawl stored under it that it no longer holds."""
        for part in parts:
            yield FetchedDocument(document=part, fetched_url=key, status=status,
                                  elapsed_ms=None)
        for url in sorted(set(self._stored_parts(page)) - {p.url for p in parts}):
            yield FetchOutcome(url=url, outcome=GONE, status=status, document_url=url,
                               reason="gone: no longer on the page that held it")

    def _button_parts(self, code: PageCode, doc: Document,
                      parts: list[Document]) -> list[Document]:
        """``parts`` and the services the page's modal buttons carry in data attributes,
        when together they make the page a list (``MIN_PANEL_SERVICES``)."""
        held = {p.url for p in parts}
        buttons = [b for b in button_services(
            code, doc.url, source=self.source.name, opd=self.source.opd,
            fetched_at=doc.fetched_at) if b.url not in held]
        return parts + buttons if len(parts) + len(buttons) >= MIN_PANEL_SERVICES else parts

    def _stored_parts(self, page: str) -> list[str]:
        """URLs of the live services stored at ``page``'s panels (``<page>#<id>``)."""
        if self.documents is None:
            return []
        rows = self.documents.query(
            "SELECT url FROM documents WHERE source = ? AND status = 'live' AND parent_url = ? "
            "AND substr(url, 1, ?) = ?", (self.source.name, page, len(page) + 1, page + "#"))
        return sorted(r["url"] for r in rows)

    def _not_stored(self, response: Response, key: str, identity: int | None,
                    doc_url: str) -> tuple[str | None, bool]:
        """Why a fetched HTML page is not stored (None: it is), and whether to follow its
        links anyway. The URL the page declares counts too: Blogger's mobile twin of an
        archive (``/2024/02/?m=1``) names the archive as its canonical URL.

        A page's ``noindex`` is respected, unless the site's home page says the same: a
        site whose home asks search engines to stay away prints that on every page (it is
        WordPress's "discourage search engines" box, left ticked from the staging copy,
        and a theme's or server's header). sikoja indexes the public pages of the
        government for its citizens; an OPD that publishes its services on the open web
        and forgot a switch meant for Google has not asked its citizens not to find them.
        So a page repeating the home's very directives is stored (and its links followed,
        ``nofollow`` included), while a page whose own directives differ from the home's
        (an indexable home and one noindex page, or a page adding ``noindex`` to a home's
        ``nofollow``) made a choice of its own, and keeps it. The home is the first start
        URL at a site's root (else the first start URL; another start page, a list that
        says ``noindex, follow``, does not speak for the site); a recrawl whose home
        answers 304 reads the directives its body had from the link store."""
        listing = wordpress_listing(key) or wordpress_listing(doc_url)
        if listing and listing != "category":
            return f"listing: WordPress {listing}, links followed", True
        view = joomla_view(key) or joomla_view(doc_url)
        if view:
            return f"listing: Joomla {view}, links followed", True
        robots = _robots_directives(response)
        if self._is_home(response):
            self.home_robots = frozenset(robots)
            if self.linkstore is not None:  # for a recrawl whose home answers 304
                self.linkstore.save_home_robots(self.source.name, self.home_robots)
        if ("noindex" in robots or "none" in robots) and robots != self.home_robots:
            follow = not ({"nofollow", "none"} & robots)
            return "noindex: robots meta or X-Robots-Tag" + ("" if follow else ", nofollow"), follow
        if (response.meta.get("sikoja_depth", 0) > 0 and identity is not None
                and identity in self.home_texts):
            return "soft 404: the home page answered this URL", False
        return None, True

    def _is_home(self, response: Response) -> bool:
        """Whether ``response`` answers the site's home: the first start URL at a site's
        root (``is_home``), else the first start URL, as requested (before redirects)."""
        meta = response.meta
        if meta.get("sikoja_depth", 0) != 0 or meta.get("sikoja_sweep"):
            return False
        starts = self.source.start_urls
        home = next((u for u in starts if is_home(u)), starts[0] if starts else None)
        return home is not None and url_key(canonicalize_url(_asked(response))) == url_key(
            canonicalize_url(home))

    def _remember_stored_home(self, url: str) -> None:
        """An unchanged start page: its stored text and saved ``<title>`` are what soft 404s
        would repeat."""
        doc = self.documents.get(url) if self.documents is not None else None
        if doc is not None and self.linkstore is not None:
            self._remember_home(self.linkstore.title_evidence(url).get("title", ""), doc.text)

    def _remember_home(self, title_tag: str, text: str) -> None:
        identity = page_identity(title_tag, text)
        if identity is not None:
            self.home_texts.add(identity)

    def _wordpress_sitemaps(self, url: str, body: bytes) -> Iterator[Request]:
        """WordPress's own sitemap for a start page that WordPress serves."""
        if not self.source.use_sitemap or not any(m in body for m in _WORDPRESS_MARKS):
            return
        for path in _WORDPRESS_SITEMAPS:
            sitemap = self.scope.site_root(url) + path
            if sitemap not in self.sitemaps_seen and len(self.sitemaps_seen) < _MAX_SITEMAPS:
                yield self._sitemap_request(sitemap)

    def _follow_all(self, links: list[tuple[str, str]], meta: dict[str, Any],
                    parent: str, watch: bool = True) -> Iterator[Any]:
        depth = meta.get("sikoja_depth", 0) + 1
        for link_url, text in links:
            request = self.follow(link_url, depth=depth, parent=parent, link_text=text,
                                  watch=watch)
            if request is not None:
                yield request
        yield from self._trap_drops()

    def follow_details(self, links: list[tuple[str, str]], meta: dict[str, Any],
                       page: str) -> Iterator[Request]:
        """Follow the detail URLs a page's code loads for its rows, as its links; their
        answer may be JSON (one record, ``_detail_json``) as well as an HTML fragment."""
        for request in self._follow_all([(u, t) for u, t in links if self.scope.allows(u)],
                                        meta, page, watch=False):
            request.meta.update(sikoja_any_type=True, sikoja_detail_of=page)
            yield request

    def _detail_json(self, response: Response, key: str,
                     elapsed: float | None) -> Iterator[Any]:
        """A row's detail answered as JSON: its one record, stored where it is shown
        (``<page>#<slug>``, as ``button_services`` stores a button's record): at the detail
        URL, a citizen clicking the result got raw JSON."""
        try:
            records = json_records(response.body)
        except NotRecords as exc:
            records, reason = [], f"parse: {exc}"
        else:
            reason = f"parse: {len(records)} records in a row's detail JSON, not one"
        doc = None
        if len(records) == 1:
            try:
                doc = record_document(records[0], page_url=response.meta["sikoja_detail_of"],
                                      endpoint_url=response.url, source=self.source.name,
                                      opd=self.source.opd, fetched_at=now_iso())
            except EXTRACTION_ERRORS as exc:
                yield _extraction_error(key, response.status, elapsed, exc)
                return
            reason = "parse: the detail JSON's record has no name"
        if doc is None:
            yield FetchOutcome(url=key, outcome=SKIPPED, status=response.status,
                               elapsed_ms=elapsed, reason=reason)
            return
        self.produced.update((url_key(key), url_key(doc.url)))
        yield FetchedDocument(document=doc, fetched_url=key, status=response.status,
                              elapsed_ms=elapsed)

    def _pdf(self, response: Response, key: str, elapsed: float | None, etag: str | None,
             last_modified: str | None,
             extract: Callable[[bytes], PdfText] | None = None) -> Iterator[Any]:
        meta = response.meta
        if extract is None:  # a PDF: its scanned pages read by the crawl's OCR
            extract = functools.partial(extract_pdf, ocr=self.ocr, name=response.url)
        try:
            # read in a thread already (crawler.downloadermiddlewares.pdfread), or here
            read = meta.pop(PDF_READ, None)
            if isinstance(read, PdfError):
                raise read
            pdf = read if isinstance(read, PdfText) else extract(response.body)
        except PdfError as exc:
            yield FetchOutcome(url=key, outcome=ERROR, status=response.status,
                               elapsed_ms=elapsed, reason=f"parse: {exc}")
            return
        doc = pdf_document(pdf, url=response.url, http_last_modified=last_modified,
                           source=self.source.name, opd=self.source.opd,
                           parent_url=meta.get("sikoja_parent"),
                           link_text=meta.get("sikoja_link"))
        if self.documents is not None:
            # what the site's last settling made of it (its title, its one service) stays
            doc = as_settled(doc, self.documents.get(doc.url))
        self.produced.add(url_key(doc.url))
        yield FetchedDocument(document=doc, fetched_url=key, status=response.status,
                              elapsed_ms=elapsed, etag=etag, http_last_modified=last_modified)

    # -- pages drawn by JavaScript from JSON (crawler.extract.jsonlist) ---------------

    def _read_scripts(self, scripts: ShellScripts, page: str,
                      held: FetchedDocument | None = None, *, shell: bool = True
                      ) -> Iterator[Any]:
        """Request the JSON a page's scripts load and the script files that may name more;
        a shell with nothing to read is reported now, others when their requests end.
        ``held``: the page's own document, stored when the verdict is known: a shell's, or
        (``shell`` False) a page whose text is its app's template, stored when its own
        requests end (``_settle_js``)."""
        if held is not None and page in self.js_jobs:
            yield held  # the same page's scripts already being read: their verdict stands
            held = None
        job = self.js_jobs.setdefault(page, _ScriptJob(empty=scripts.empty, held=held,
                                                       shell=shell))
        self.page_routes.setdefault(page, []).extend(scripts.routes)
        self._add_templates(scripts.details, page)  # its inline code's, before its lists
        posted = self._add_posts(scripts.posts)
        yield from self._ask_data([*scripts.endpoints, *posted][:MAX_ENDPOINTS], page)
        for url in scripts.script_files:
            yield from self._js_request(url, page, self.parse_script, self.script_error)
        yield from self._settle_js(page) if not job.pending else ()

    def _js_request(self, url: str, page: str, callback: Any, errback: Any) -> Iterator[Any]:
        # a resumed crawl's callback (a probe's answer asking for the other records' details)
        # whose page's job was in the stopped process: its requests are still made, counted
        # for no page (``_js_done`` ignores a page without a job, as parse_detail's did)
        job = self.js_jobs.get(page) or _ScriptJob(empty=False)
        key = url_key(url)
        if not self.scope.allows(url, data=True) or self._dropped_by_scrapy(url):
            return
        if callback == self.parse_script:
            self.page_scripts.setdefault(page, set()).add(key)
        if key in self.js_requested:
            job.covered = True  # read for another page of this site: its verdict counts
            if key in self.js_code:
                # a script read for another page: this page waits on the JSON it loads
                yield from self._ask_data(endpoints(self._based(key), page)[:MAX_ENDPOINTS],
                                          page)
            elif key in self.js_found:
                job.found = job.found or self.js_found[key]
            else:
                self.js_waiting.setdefault(key, []).append(page)
                job.pending += 1
            return
        call = self._post_call(url) if callback != self.parse_script else None
        if call is not None and self.posts_sent >= MAX_SITE_POST_REQUESTS:
            return  # the site's backend has been asked enough
        self.js_requested.add(key)
        if callback == self.parse_json:
            self.js_lists.add(key)
        job.pending += 1
        job.tried += callback == self.parse_json
        meta = {"sikoja_any_type": True, "sikoja_unconditional": True,
                "sikoja_js_page": page, "sikoja_js_key": key}
        if call is not None:  # asked as the app asks it (crawler.extract.posts)
            self.posts_sent += 1
            target, body, headers = as_request(call, url)
            # a POST is sent once: never retried, never sent on to where a 307/308 points
            # (a backend that did its work would do it again)
            meta.update(dont_retry=True, dont_redirect=True)
            yield Request(target, method="POST", body=body, headers=headers,
                          callback=callback, errback=errback, dont_filter=True, meta=meta)
            return
        yield Request(url, callback=callback, errback=errback, dont_filter=True, meta=meta)

    def _add_detail_templates(self, code: str, base: str) -> None:
        """The detail templates ``code`` builds (``jsroutes.detail_templates``), resolved
        against ``base``, each once, in the order found."""
        self._add_templates(detail_templates(code), base)

    def _add_templates(self, found: Iterable[tuple[str, str, str]], base: str) -> None:
        self.detail_templates.extend(
            t for t in (DetailTemplate(urljoin(base, prefix), key, suffix)
                        for prefix, key, suffix in found)
            if t not in self.detail_templates)

    def _add_posts(self, calls: list[PostCall]) -> list[str]:
        """Remember the POSTs the app's code makes for data (at most MAX_SITE_POSTS distinct
        calls a site); a detail call's template (``<url>?id=``) joins the detail templates.
        Of two calls to one URL the better ranked (``PostCall.rank``) is kept, whichever
        script came first. Returns the URLs of the lists they ask for, to be asked as the
        code's other endpoints."""
        lists = []
        for call in calls:
            key = url_key(call.url)
            if key not in self.post_calls and len(self.post_calls) >= MAX_SITE_POSTS:
                continue
            kept = self.post_calls.get(key)
            if kept is None or call.rank() < kept.rank():
                self.post_calls[key] = call
            if call.record_param:
                template = DetailTemplate(call.detail_prefix(), call.record_key)
                if template not in self.detail_templates:
                    self.detail_templates.append(template)
            else:
                lists.append(call.url)
        return lists

    def _post_call(self, url: str) -> PostCall | None:
        """The POST call ``url`` is asked by: a list's own URL, or a detail call's template
        completed with a record's value."""
        call = self.post_calls.get(url_key(url))
        if call is not None:
            return call
        return min((c for c in self.post_calls.values()
                    if c.record_param and url.startswith(c.detail_prefix())),
                   key=PostCall.rank, default=None)

    def _lists_asked(self) -> list[str]:
        """What the site's code asks for: its data requests (not its script files: an app
        under ``/layanan/`` loading ``/layanan/js/app.js`` has no list named "layanan"), and
        the URLs its detail templates begin (``/wp/v2/posts?categories=``: the posts' list,
        asked or not, names its route)."""
        return [*self.js_lists, *(t.prefix for t in self.detail_templates)]

    def _ask_data(self, urls: list[str], page: str) -> Iterator[Any]:
        """The requests for the data URLs ``endpoints`` found the code of ``page`` asking,
        once their API origins are declared (``_declare_apis``)."""
        self._declare_apis(urls, page)
        bases = {url_key(urljoin(page, base)) for base in self.js_bases.values()}
        for url in urls:
            key = url_key(url)
            call = self.post_calls.get(key)
            if key in bases or (call is not None and call.record_param):
                continue  # a base, or a detail endpoint asked without its record's value
            yield from self._js_request(url, page, self.parse_json, self.json_error)

    def _declare_apis(self, urls: list[str], page: str) -> None:
        """The origins other than the page's that ``endpoints`` found the app's code asking
        its HTTP client for (its API's, ``jsroutes.api_origins``): their data is in scope."""
        here = origin(page)
        for url in urls:
            there = origin(url)
            if there != here and not self.scope.allows(url):  # (a declared blog's feed is)
                self.scope.declare_api(there)

    def _dropped_by_scrapy(self, url: str) -> bool:
        """Whether Scrapy would drop a request for ``url`` without calling it back: its
        UrlLengthMiddleware does so past URLLENGTH_LIMIT (a relative data path under a long
        page path). Counted as pending, it would keep its page from ever being settled: the
        shell and every list that waited with it were lost."""
        limit = self.settings.getint("URLLENGTH_LIMIT")
        return limit > 0 and len(safe_url_string(url)) > limit

    def _based(self, key: str) -> str:
        """The script read as ``key`` joined to the site's bases, joined again only when
        the bases have changed since."""
        bases, code = self.js_based.get(key, (None, ""))
        if bases != self.js_bases:
            code = with_bases(self.js_code[key], self.js_bases)
            self.js_based[key] = (self.js_bases, code)
        return code

    def _js_ended(self, meta: dict[str, Any], found: bool) -> Iterator[Any]:
        """A script or JSON request ended: the pages it was read for are told."""
        key = meta.get("sikoja_js_key")
        waiting = self.js_waiting.pop(key, []) if key else []
        if key:
            self.js_found[key] = found
        for page in [meta["sikoja_js_page"], *waiting]:
            if found and page in self.js_jobs:
                self.js_jobs[page].found = True
            yield from self._js_done(page)

    def parse_script(self, response: Response) -> Iterator[Any]:
        """A script file: the JSON it names, the modules it imports, the records its
        literals hold; whatever happens, the pages waiting on it are told."""
        found = [False]
        try:
            yield from self._script(response, found)
        finally:
            yield from self._js_ended(response.meta, found=found[0])

    def _script(self, response: Response, found: list[bool]) -> Iterator[Any]:
        page = response.meta["sikoja_js_page"]
        key = response.meta.get("sikoja_js_key")
        answer = jsonp_file_records(response.url, response.body) if (
            response.status == 200) else None
        if answer is not None:
            # data, not code (its path named no feed or API): read as the JSON list it is,
            # else the page that loads its records was reported as drawn by nothing
            if not self._deferred(response, answer, found):
                yield from self._list_records(response, answer, found)
            return
        if response.status == 200:
            code = response.body[:2_000_000].decode("utf-8", errors="replace")
            props = file_properties(code)
            if key:
                self.js_code[key] = code
                self.js_props[key] = props
            # a base one script's config names is joined to paths in another (a Vue CLI
            # chunk): when this script names a new one, the scripts read before are re-read
            bases = bases_of([*self.js_props.values(), *([] if key else [props])], page)
            codes = [code] if bases == self.js_bases else [*self.js_code.values(), code]
            self.js_bases = bases
            # this script read with the bases (the last of ``codes``): its routes are also
            # its own app's (``_page_router``), built once (0.2 s for a 700 KB bundle)
            own = with_bases(code, bases)
            own_routes = route_templates(own)
            if key:
                self.js_router[key] = (own_routes, not_found_view(own))
            for read in dict.fromkeys([*(with_bases(c, bases) for c in codes[:-1]), own]):
                self._add_routes(own_routes if read == own else route_templates(read))
                self._add_detail_templates(read, page)
                posted = self._add_posts(post_calls(read, page))
                # every page that loads this script waits on the JSON it names
                for reader in [page, *self.js_waiting.get(key, [])]:
                    if reader not in self.js_jobs:
                        continue
                    # (not ``found``: that is the caller's verdict, set by _list_records)
                    yield from self._ask_data(
                        [*endpoints(read, reader), *posted][:MAX_ENDPOINTS], reader)
            # the modules it imports (a Vite build's lazy views), a bounded number per site
            # (counted as asked for, not as read: five imports each of modules importing
            # five more would otherwise be fetched before the count caught up)
            imports = module_imports(code, response.url)
            for reader in [page, *self.js_waiting.get(key, [])]:
                for url in imports:
                    new = url_key(url) not in self.js_requested
                    if reader not in self.js_jobs or (
                            new and self.js_imports >= MAX_SITE_SCRIPTS):
                        continue
                    self.js_imports += new and self.scope.allows(url)
                    yield from self._js_request(url, reader, self.parse_script,
                                                self.script_error)
            # a data file: the records its literals hold, read as a JSON list's; placed once
            # the page's other requests end (the router's table may be in another script)
            records = script_records(code)
            if records and not self._deferred(response, records, found):
                yield from self._list_records(response, records, found)

    def script_error(self, failure: Any) -> Iterator[Any]:
        """A script file that fails is not a page of the site: only the verdict counts."""
        yield from self._js_ended(failure.request.meta, found=False)

    def parse_json(self, response: Response) -> Iterator[Any]:
        """A JSON list's records; whatever happens, the pages waiting on it are told
        (else their shell never settles)."""
        found = [False]
        try:
            yield from self._json_list(response, found)
        finally:
            yield from self._js_ended(response.meta, found=found[0])

    def _json_list(self, response: Response, found: list[bool]) -> Iterator[Any]:
        key = canonicalize_url(response.url)
        elapsed = self.elapsed_ms(response)
        if response.status >= 300:
            yield FetchOutcome(url=key, outcome=ERROR, status=response.status,
                               elapsed_ms=elapsed, reason=http_reason(response.status)
                               if response.status >= 400 else f"redirect: {response.status}")
            return
        try:
            records = json_records(response.body)
        except NotRecords as exc:
            yield FetchOutcome(url=key, outcome=SKIPPED, status=response.status,
                               elapsed_ms=elapsed, reason=f"parse: {exc}")
            return
        yield from self._read_route_page(response, records)
        # read once the page's scripts are: a lazy view's chunk may name the detail endpoint
        # (SILARAS's services were stored without their facts when it came last)
        if not self._deferred(response, records, found):
            yield from self._list_records(response, records, found)

    def _read_route_page(self, response: Response,
                         records: list[dict[str, Any]]) -> Iterator[Any]:
        """A page of the site the list's records are shown at by their id in its query
        (``detail-layanan.html?id=3``, a jQuery site's detail page): its code, not the
        list's, loads the record (``$.post(BASE_URL + 'api/layanan/get_by_id', {id:
        getUrlParameter('id')})``). The page is read once, for its first record, as a
        browser that follows the row's link runs it (``parse_route_page``); the list waits."""
        page = response.meta["sikoja_js_page"]
        for prefix, key in routes_for(response.url, self.routes, self._lists_asked()):
            if prefix.startswith("#") or "?" not in prefix or prefix in self.route_pages:
                continue
            value = next((v for v in (record_key_value(r, key) for r in records) if v), "")
            if value:
                self.route_pages.add(prefix)
                yield from self._js_request(urljoin(page, prefix + quote(value)), page,
                                            self.parse_route_page, self.script_error)

    def parse_route_page(self, response: Response) -> Iterator[Any]:
        """A record's page read for its code: the POSTs and detail URLs its inline code
        makes (resolved against it), and its script files, read for the list's page."""
        try:
            if response.status == 200 and response.headers.get(b"Content-Type", b"").startswith(
                    b"text/html"):
                html = decode_html(response.body, _header(response, b"Content-Type"))[0]
                code = with_bases(inline_code(html), self.js_bases)
                self._add_posts(post_calls(code, response.url))
                self._add_detail_templates(code, response.url)
                page = response.meta["sikoja_js_page"]
                for url in shell_scripts(html, response.url, "").script_files:
                    yield from self._js_request(url, page, self.parse_script, self.script_error)
        finally:
            yield from self._js_ended(response.meta, found=False)

    def _deferred(self, response: Response, records: list[dict[str, Any]],
                  found: list[bool]) -> bool:
        """Whether ``records`` wait for the page's other requests (``_js_done`` reads them
        when the last ends): their routes and detail endpoints may be in a script not read
        yet. They count for the page's verdict once read, by what they give."""
        job = self.js_jobs.get(response.meta["sikoja_js_page"])
        if job is None or job.pending <= 1:
            return False
        job.deferred.append((response, records))
        return True

    def _list_records(self, response: Response, records: list[dict[str, Any]],
                      found: list[bool]) -> Iterator[Any]:
        """The documents of the records a JSON list (or a script's literal) holds."""
        page = response.meta["sikoja_js_page"]
        key = canonicalize_url(response.url)
        elapsed = self.elapsed_ms(response)
        docs: dict[str, Any] = {}
        sources: dict[str, dict[str, Any]] = {}
        fetched_at = now_iso()
        listed = self._record_places()
        routes = routes_for(response.url, self.routes, self._lists_asked())
        # a hash-routed app whose route table shows none of this list's records and answers
        # a URL it does not name with its "not found" view: their ``<page>#<slug>`` is that
        # view (``_unroutable``). An app whose catch-all goes home (SIBANSOS's ``{path: "*",
        # redirect: "/"}``), or that has none, keeps them there, on the page that lists them
        # (the page's own app: a router-less page of the same site keeps its records)
        own_routes, not_found = self._page_router(page)
        unroutable = not routes and not_found and bool(own_routes) and all(
            prefix.startswith("#") for prefix, _key in own_routes)
        unshown = 0
        read_as = value_columns(records)  # keys that say a field by their values
        for record in records:
            try:
                doc = record_document(record, page_url=page, endpoint_url=response.url,
                                      source=self.source.name, opd=self.source.opd,
                                      fetched_at=fetched_at, routes=routes, listed=listed,
                                      read_as=read_as)
            except EXTRACTION_ERRORS as exc:  # one record: the others are still stored
                yield _extraction_error(key, response.status, elapsed, exc)
                continue
            if doc is not None and doc.url not in docs:  # one document per URL: the first's
                docs[doc.url] = doc
                sources[doc.url] = record
        settled = settle_kinds([(sources[url], doc) for url, doc in docs.items()], read_as)
        docs = {doc.url: doc for doc in settled}
        if unroutable:
            kept = {u: d for u, d in docs.items() if not self._unroutable(d, page)}
            unshown, docs = len(docs) - len(kept), kept
        for doc in docs.values():
            # a record's own URL is its document: not to be fetched (and replaced) as a page
            self.scheduled.add(url_key(doc.url))
            self.produced.add(url_key(doc.url))
        pairs = [(sources[url], doc) for url, doc in docs.items()]
        list_id = response.meta.get("sikoja_list_id") or key
        context = _ListContext(page, key, response.status, read_as, list_id)
        verdict = self.detail_verdicts.get(list_id, False)
        if verdict:  # another page of this list verified its details' URL
            pairs = yield from self._request_details(pairs, verdict, context)
        elif verdict is False and pairs:  # not asked yet: one record's answer decides
            pairs = yield from self._probe_details(pairs, (), context)
        for index, (_record, doc) in enumerate(pairs):
            yield FetchedDocument(document=doc, fetched_url=key, status=response.status,
                                  elapsed_ms=elapsed if index == 0 else None)
        if not docs:  # every fetch is logged: this one gave nothing to store
            yield FetchOutcome(url=key, outcome=SKIPPED, status=response.status,
                               elapsed_ms=elapsed,
                               reason="parse: no route of the app shows these records"
                               if unshown else "parse: JSON records without a name")
        yield from self._json_delisted(key, set(docs), response.status)
        following = next_page(response.body, response.url, _header(response, b"Link"))
        pages = response.meta.get("sikoja_json_pages", 1)
        if docs and following and pages < MAX_JSON_PAGES:
            # a paginated list (Laravel's next_page_url, links.next, a Link header, a
            # page number below the paginator's last): its next page too,
            # requested before this one ends so the shell's verdict waits for it
            for request in self._js_request(following, page, self.parse_json,
                                            self.json_error):
                request.meta["sikoja_json_pages"] = pages + 1
                request.meta["sikoja_list_id"] = list_id  # one list: one verdict
                yield request
        found[0] = bool(docs or unshown)  # records read, if none shown: no unreadable shell

    def _probe_details(self, pairs: list[tuple[dict[str, Any], Any]],
                       tried: tuple[tuple[DetailTemplate, str], ...], context: _ListContext
                       ) -> Generator[Any, None, list[tuple[dict[str, Any], Any]]]:
        """Ask the list's most likely detail URL not ``tried`` yet (``list_candidates``,
        at most MAX_PROBES in all) for its first record that has the key; the answer
        (``parse_probe``) decides whether the other records are completed from it, or the
        next candidate is asked. Returns the records to store as the list has them: all of
        them when there is nothing (more) to ask, else none (they wait for the probe)."""
        candidates = list_candidates([record for record, _doc in pairs], context.list_key,
                                     self.detail_templates, frozenset(self.js_lists))
        fresh = [c for c in candidates if (c[0], c[1]) not in tried]
        for template, key, index in fresh[:max(0, MAX_PROBES - len(tried))]:
            pair = (template, key)
            record = pairs[index][0]
            url = template.url(record, key)
            if not url:
                continue
            ordered = [pairs[index], *pairs[:index], *pairs[index + 1:]]
            requests = list(self._js_request(url, context.page, self.parse_probe,
                                             self.probe_error))
            if not requests:  # out of scope, too long, or asked already
                continue
            for request in requests:
                request.meta["sikoja_listed"] = (record, ordered[0][1], context.list_key)
                request.meta["sikoja_read_as"] = context.read_as
                request.meta["sikoja_probe"] = (ordered, pair, (*tried, pair), context)
            for _record, doc in ordered:  # their shells, if any, yield to them
                self.awaiting.add(url_key(doc.url))
            yield from requests
            return []
        self.detail_verdicts[context.list_id] = None
        return pairs

    def _request_details(self, pairs: list[tuple[dict[str, Any], Any]],
                         verdict: tuple[DetailTemplate, str], context: _ListContext
                         ) -> Generator[Any, None, list[tuple[dict[str, Any], Any]]]:
        """Request each record's detail at the verified template (at most MAX_DETAILS);
        returns the records stored as the list has them (no value, or past the limit)."""
        template, record_key = verdict
        left = []
        for record, doc in pairs:
            full = template.url(record, record_key)
            requests = list(self._js_request(full, context.page, self.parse_detail,
                                             self.detail_error)) if (
                full and context.details < MAX_DETAILS) else []
            if not requests:
                left.append((record, doc))
                continue
            # the list names the record, its detail endpoint holds the rest: stored when
            # that is read (the list's own record if it fails)
            context.details += 1
            self.awaiting.add(url_key(doc.url))  # its shell, if any, yields to it
            for request in requests:
                request.meta["sikoja_listed"] = (record, doc, context.list_key)
                request.meta["sikoja_read_as"] = context.read_as  # its list's columns
                request.meta["sikoja_detail_key"] = record_key
            yield from requests
        return left

    def parse_probe(self, response: Response) -> Iterator[Any]:
        """The answer to a list's first detail request: the record it names (the list's
        first record completed, the others requested at the same template), or not (the
        next candidate is asked, else every record is stored as the list has it)."""
        try:
            yield from self._probe_answer(response)
        finally:
            yield from self._js_ended(response.meta, found=True)

    def _probe_answer(self, response: Response) -> Iterator[Any]:
        pairs, pair, tried, context = response.meta["sikoja_probe"]
        record = pairs[0][0]
        found = detail_record(response.body) if response.status == 200 else None
        if found is None or not same_record(record, found, pair[1]):
            yield FetchOutcome(url=canonicalize_url(response.url), outcome=SKIPPED,
                               status=response.status, elapsed_ms=self.elapsed_ms(response),
                               reason=_NOT_THE_RECORD)
            yield from self._probe_failed(pairs, tried, context)
            return
        self.detail_verdicts[context.list_id] = pair
        context.details += 1
        yield from self._detail_record(response, found)
        left = yield from self._request_details(pairs[1:], pair, context)
        yield from self._store_listed(left, context)

    def probe_error(self, failure: Any) -> Iterator[Any]:
        pairs, _pair, tried, context = failure.request.meta["sikoja_probe"]
        yield from self.on_error(failure)
        try:
            yield from self._probe_failed(pairs, tried, context)
        finally:
            yield from self._js_ended(failure.request.meta, found=True)

    def _probe_failed(self, pairs: list[tuple[dict[str, Any], Any]],
                      tried: tuple[tuple[DetailTemplate, str], ...], context: _ListContext
                      ) -> Iterator[Any]:
        left = yield from self._probe_details(pairs, tried, context)
        yield from self._store_listed(left, context)

    def _store_listed(self, pairs: list[tuple[dict[str, Any], Any]],
                      context: _ListContext) -> Iterator[Any]:
        for _record, doc in pairs:
            self.awaiting.discard(url_key(doc.url))
            yield FetchedDocument(document=doc, fetched_url=context.list_key,
                                  status=context.status, elapsed_ms=None)

    def parse_detail(self, response: Response) -> Iterator[Any]:
        """A record's detail endpoint: the list's record completed with what it holds,
        stored where the list's record would be, its parent still the list."""
        try:
            yield from self._detail_record(response)
        finally:
            yield from self._js_ended(response.meta, found=True)

    def _detail_record(self, response: Response,
                       found: dict[str, Any] | None = None) -> Iterator[Any]:
        record, listed_doc, list_key = response.meta["sikoja_listed"]
        page = response.meta["sikoja_js_page"]
        doc, reason = None, "parse: no record in the detail JSON"
        if found is None and response.status == 200:
            found = detail_record(response.body)
            # the probe's answer was one record's: each other's is checked too (an endpoint
            # that answers its first row whatever it is asked gave every record its title)
            if found is not None and not same_record(
                    record, found, response.meta.get("sikoja_detail_key", "")):
                found, reason = None, _NOT_THE_RECORD
        if found is not None:
            try:
                doc = record_document({**record, **found}, page_url=page,
                                      endpoint_url=list_key, source=self.source.name,
                                      opd=self.source.opd, fetched_at=now_iso(),
                                      routes=routes_for(list_key, self.routes,
                                                        self._lists_asked()),
                                      listed=self._record_places(),
                                      read_as=response.meta.get("sikoja_read_as"))
            except EXTRACTION_ERRORS as exc:  # the list's own record is stored instead
                yield _extraction_error(canonicalize_url(response.url), response.status,
                                        self.elapsed_ms(response), exc)
        if doc is None:  # the list's own record is stored instead
            yield FetchOutcome(url=canonicalize_url(response.url), outcome=SKIPPED,
                               status=response.status, elapsed_ms=self.elapsed_ms(response),
                               reason=reason)
            doc = listed_doc
        else:
            doc = replace(doc, url=listed_doc.url, parent_url=listed_doc.parent_url)
            if doc.kind == "page" and listed_doc.kind == "service":
                # the list's siblings made it a service (settle_kinds): the detail keeps that
                doc = replace(doc, kind="service", fields={**listed_doc.fields, **doc.fields})
        self.awaiting.discard(url_key(doc.url))
        yield FetchedDocument(document=doc, fetched_url=list_key, status=200,
                              elapsed_ms=self.elapsed_ms(response))

    def detail_error(self, failure: Any) -> Iterator[Any]:
        _record, listed_doc, list_key = failure.request.meta["sikoja_listed"]
        yield from self.on_error(failure)
        self.awaiting.discard(url_key(listed_doc.url))
        yield FetchedDocument(document=listed_doc, fetched_url=list_key, status=200,
                              elapsed_ms=None)
        yield from self._js_ended(failure.request.meta, found=True)

    @staticmethod
    def _unroutable(doc: Any, page: str) -> bool:
        """Whether ``doc``, of a list no route of a hash-routed app shows, is placed only at
        ``<page>#<slug>`` (a URL the app shows as "not found": SIMTANI's ``jenis_layanan``
        categories) and is no service: such a record is not stored. A service keeps that
        place, its facts worth more to a citizen than the app's landing view."""
        at = canonicalize_url(page) + "#"
        return doc.kind != "service" and doc.url.startswith(at) and not doc.url.startswith(
            at + "/")

    def _page_router(self, page: str) -> tuple[list[tuple[str, str]], bool]:
        """The routes the app of ``page`` builds (its HTML's and its scripts') and whether
        its route table shows a "not found" view at a URL no route names."""
        routes = list(self.page_routes.get(page, ()))
        not_found = False
        for key in self.page_scripts.get(page, ()):
            built, shows = self.js_router.get(key, ([], False))
            routes.extend(built)
            not_found = not_found or shows
        return routes, not_found

    def _add_routes(self, routes: list[tuple[str, str]]) -> None:
        self.routes.extend(r for r in routes if r not in self.routes)

    def _record_places(self) -> dict[str, set[str]]:
        """The site's listed URLs a JSON record may be stored at: not yet fetched, or
        fetched as a script shell (a server-rendered page keeps its own text)."""
        return {segment: places for segment, urls in self.listed.items()
                if (places := {u for u in urls if url_key(u) not in self.produced
                               or url_key(u) in self.shells})}

    def _json_delisted(self, endpoint: str, listed: set[str], status: int) -> Iterator[Any]:
        """Records of an earlier read of this endpoint that it no longer lists."""
        if self.documents is None:
            return
        rows = self.documents.query("SELECT url FROM documents WHERE source = ? AND "
                                    "parent_url = ? AND status = 'live'",
                                    (self.source.name, endpoint))
        for url in sorted({r["url"] for r in rows} - listed):
            yield FetchOutcome(url=url, outcome=GONE, status=status, document_url=url,
                               reason="gone: no longer listed in the site's JSON")

    def json_error(self, failure: Any) -> Iterator[Any]:
        yield from self.on_error(failure)
        yield from self._js_ended(failure.request.meta, found=False)

    def _js_done(self, page: str) -> Iterator[Any]:
        job = self.js_jobs.get(page)
        if job is None:  # a resumed crawl: the page's job was in the stopped process
            return
        job.pending -= 1
        if job.pending > 0:
            return
        deferred, job.deferred = job.deferred, []
        for response, records in deferred:
            found = [False]
            try:
                yield from self._list_records(response, records, found)
            except EXTRACTION_ERRORS as exc:  # the shell still settles, the list is logged
                yield FetchOutcome(url=canonicalize_url(response.url), outcome=ERROR,
                                   status=response.status, reason=f"parse: {exc}")
            job.found |= found[0]
            if found[0] and response.meta.get("sikoja_js_key"):
                self.js_found[response.meta["sikoja_js_key"]] = True
        # the records may have asked for more (their details, a list's next page): the shell
        # settles when those end
        if job.pending <= 0:
            yield from self._settle_js(page)

    def _settle_js(self, page: str) -> Iterator[Any]:
        """All of a page's script requests ended. A shell's whose gave no records: the site
        is unreadable here. A page that may be a document viewer waits for the crawl's end
        (``settle_viewers``): whether its document is read is known only once every page is.
        A held shell is stored once no job is left on the site; a held template page (text
        of its own, ``_ScriptJob.shell`` False) now, so that no job elsewhere that never
        settles, nor a stopped crawl, loses it."""
        job = self.js_jobs.pop(page)
        if job.held is not None and url_key(job.held.document.url) in self.awaiting:
            job.held = None  # a record's page: the record, read in full, is stored there
        unreadable = job.empty and not job.found and not job.covered
        if unreadable and is_viewer(page):
            self.viewers[page] = (job.held, job.tried)
            job.held, unreadable = None, False
        if job.held is not None:
            if job.found:
                job.held.document = as_listing(job.held.document)
            if job.shell:
                self.judged_shells.append(job.held)
            elif url_key(job.held.document.url) not in self.awaiting:
                yield job.held
        if not self.js_jobs:
            # no list is left to read: every record placed at a route page's URL was yielded
            # before the shell served there (the store keeps the first document of a URL)
            shells, self.judged_shells = self.judged_shells, []
            yield from (s for s in shells if url_key(s.document.url) not in self.awaiting)
        if unreadable:
            yield FetchOutcome(url=page, outcome=ERROR, reason=_unreadable(job.tried))

    def settle_viewers(self, store: DocumentStore) -> Iterator[Any]:
        """The verdicts of the script shells that may be document viewers, when the site's
        crawl closes (``StorePipeline.close_spider``, ``store`` holding all it wrote): a
        viewer whose document this crawl read is skipped, naming where the document is
        read; any other is the unreadable page it is, stored under its title."""
        viewers, self.viewers = self.viewers, {}
        for page in sorted(viewers):
            held, tried = viewers[page]
            shown = self._shown_file(page, store)
            if shown is not None:
                # no page of its own (one stored by an earlier crawl leaves the index)
                yield FetchOutcome(url=page, outcome=SKIPPED, document_url=page, reason=(
                    f"viewer: a document viewer drawn by JavaScript; its document is read "
                    f"at {shown}"))
                continue
            if held is not None:
                yield held
            yield FetchOutcome(url=page, outcome=ERROR, reason=_unreadable(tried))

    def _shown_file(self, page: str, store: DocumentStore) -> str | None:
        """The document a script-drawn ``page`` only views (``crawler.extract.viewers``),
        if this crawl read it: among the files the viewer names and the documents that
        carry its file id, those stored as documents and fetched (or answered unchanged)
        in this crawl. A file that answered 404, or HTML (Drive's warning page), is not
        read; one stored by an earlier crawl and not reached now is not either."""
        named = named_files(page)
        ids = sorted(file_ids(page))
        # an id is letters, digits, '-' and '_': only '_' means something to LIKE
        wheres = ["url LIKE ? ESCAPE '!'"] * len(ids)
        values: list[str] = [f"%{token.replace('_', '!_')}%" for token in ids]
        urls = sorted({*named, *map(canonicalize_url, named)})
        if urls:
            wheres.append(f"url IN ({', '.join('?' * len(urls))})")
            values += urls
        if not wheres:
            return None
        read = [r["url"] for r in store.query(
            "SELECT url FROM documents WHERE source = ? AND kind = 'document' AND "
            f"status = 'live' AND ({' OR '.join(wheres)})", (self.source.name, *values))
            if url_key(r["url"]) in self.produced]
        return shown_file(page, read, read)

    # -- sitemaps ----------------------------------------------------------------------

    def parse_robots(self, response: Response) -> Iterator[Request]:
        if response.status != 200:
            return
        for url in sitemap_urls_from_robots(response.body, base_url=response.url):
            if url not in self.sitemaps_seen and len(self.sitemaps_seen) < _MAX_SITEMAPS:
                yield self._sitemap_request(url)

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        if response.status != 200:
            return
        body = response.body
        if body[:2] == b"\x1f\x8b":
            try:
                body = gzip.GzipFile(fileobj=io.BytesIO(body)).read(_MAX_SITEMAP_BYTES)
            except OSError:
                return
        if not re.search(rb"<(urlset|sitemapindex)\b", body[:4096]):
            return  # a soft-404 HTML page at /sitemap.xml
        try:
            sitemap = Sitemap(body)
        except Exception:  # noqa: BLE001 - lxml raises several kinds on broken XML
            return
        listed = 0
        for entry in sitemap:
            loc = entry.get("loc")
            if not loc:
                continue
            listed += 1
            if sitemap.type == "sitemapindex":
                if loc not in self.sitemaps_seen and len(self.sitemaps_seen) < _MAX_SITEMAPS:
                    yield self._sitemap_request(loc)
            else:
                request = self.follow(loc, depth=1, link_text="")
                if request is not None:
                    yield request
        yield from self._trap_drops()  # URLs it lists of a trap's family
        kind = "sitemap index" if sitemap.type == "sitemapindex" else "sitemap"
        yield FetchOutcome(url=canonicalize_url(response.url), outcome=SKIPPED,
                           status=response.status, elapsed_ms=self.elapsed_ms(response),
                           reason=f"{kind}: {listed} URLs")

    def ignore_error(self, failure: Any) -> None:
        """robots.txt and sitemap.xml are optional: their absence is not a site error."""
        return None


_NOT_THE_RECORD = "parse: the detail URL does not answer the record"


@dataclass
class _ListContext:
    """A JSON list whose records' details are being asked for: the page that loads it, its
    URL, its answer's status, the columns its records were read by, details requested."""

    page: str
    list_key: str
    status: int
    read_as: Any
    # the verdict's key: the list's URL (``?jenis=layanan`` and ``?jenis=pengumuman`` are
    # two lists), its first page's for the next pages of a paginated one
    list_id: str = ""
    details: int = 0


@dataclass
class _ScriptJob:
    """A page whose scripts are being read: requests in flight, and what they gave."""

    empty: bool  # nothing to read without its scripts: unreadable if they load no JSON
    pending: int = 0
    tried: int = 0
    found: bool = False
    covered: bool = False
    # the page's own document until the verdict: a shell's, or a template page's
    held: FetchedDocument | None = None
    shell: bool = True  # False: a template page with text of its own (see ``_settle_js``)
    # a data file's or a JSON list's records, read when the page's last request ends
    deferred: list[tuple[Response, list[dict[str, Any]]]] = field(default_factory=list)


def _held(response: Response) -> dict[str, Any]:
    """A page answered, as plain values a request's meta can carry while its data file is
    fetched (a disk or Redis frontier pickles the meta: a response is no such value)."""
    plain = (str, int, float, bool, bytes, list, tuple, dict, type(None))
    return {"url": response.url, "status": response.status, "body": response.body,
            "headers": {k.decode("latin-1"): [v.decode("latin-1") for v in vs]
                        for k, vs in response.headers.items()},
            "meta": {k: v for k, v in response.meta.items() if isinstance(v, plain)}}


def _unheld(held: dict[str, Any], data_file: bytes) -> Response:
    """The page ``_held`` kept, answered again, with its data file's body in its meta."""
    request = Request(held["url"], meta={**held["meta"], "sikoja_data_file": data_file},
                      dont_filter=True)
    return HtmlResponse(held["url"], status=held["status"], headers=held["headers"],
                        body=held["body"], request=request)


def _asked(response: Response | Request) -> str:
    """The URL a response answers (or a request asks for) as it was asked for, before
    redirects."""
    return (response.meta.get("redirect_urls") or [response.url])[0]


def _unreadable(tried: int) -> str:
    """Why a script shell whose scripts load nothing readable is an error."""
    what = f"{tried} JSON endpoints tried" if tried else "no JSON endpoint found"
    return (f"{UNREADABLE_KIND}: the page is drawn by JavaScript and none of its scripts "
            f"loads readable JSON ({what})")


def page_identity(title_tag: str, text: str) -> int | None:
    """What makes two fetched pages the same page for the soft-404 check: the ``<title>`` as
    served and the main text together. The main text alone is not enough: on a template
    whose content block the extractor misses, every post's "main text" is the same sidebar
    as the home page's, and comparing text alone dropped every post of such a blog as a soft
    404. The raw ``<title>``, not the chosen title: a home page is titled by its site's name
    because of its URL, and the same HTML served at another URL would be titled otherwise.
    A digest, not ``hash()``: the workers of a shared crawl compare identities across
    processes, and Python's string hash differs from one process to the next."""
    if not text:
        return None
    digest = hashlib.blake2b(f"{title_tag}\0{text}".encode("utf-8", "surrogatepass"),
                             digest_size=8).digest()
    return int.from_bytes(digest, "big")


def _robots_directives(response: Response) -> set[str]:
    """The page's robots directives (``noindex``, ``nofollow``, ...) from its meta tags in the
    head and its ``X-Robots-Tag`` headers, lowercased."""
    values = [v.decode("latin-1") for v in response.headers.getlist(b"X-Robots-Tag")]
    head = response.body[:65536]
    head = head[:head.lower().find(b"</head>")] if b"</head>" in head.lower() else head
    for tag in _ROBOTS_META.findall(head):
        found = _CONTENT_ATTR.search(tag)
        if found:
            values.append(found.group(1).decode("latin-1"))
    # "googlebot: noindex" in a header names one robot; the directive still applies
    return {d.strip().split(":")[-1].strip().lower() for v in values for d in v.split(",")}


def _extraction_error(url: str, status: int, elapsed: float | None,
                      exc: BaseException) -> FetchOutcome:
    return FetchOutcome(url=url, outcome=ERROR, status=status, elapsed_ms=elapsed,
                        reason=f"parse: {type(exc).__name__}: {exc}"[:500])


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
