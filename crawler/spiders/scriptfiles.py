"""The website spider's reading of the script files a page's handlers call into
(``crawler.extract.scriptnav.outside_files``): a handler's ``lihat('3')`` whose ``lihat``
is defined in the site's ``js/fungsi.js`` goes where the function sends it once that file
is read. Each file is asked for once per spider (``dont_filter``: it is no page, and not
stored) and at most ``MAX_SITE_FILES`` files per spider: a spider crawls one source, so
that is once a crawl and 20 per source, but a fleet runs a spider per worker, and each
worker reads a file its pages need once and counts its own 20; a page whose files are
still being read waits, its HTML kept, and is read again for its script links once the last one ends
(a file that fails defines nothing). The links are followed as the page's own and added to
its saved links (``LinkStore.add_links``). Such a page keeps no ``ETag`` or
``Last-Modified`` (``nav_files_of`` says which): it is fetched in full on every crawl, as a
DataTables page is, so a file that failed once (a 404, a timeout, a crawl stopped) is asked
for again on the next crawl instead of the page answering 304 with its links lost for good.
A mixin of ``WebsiteSpider``, which gives it ``scope``, ``linkstore`` and ``_follow_all``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from scrapy import Request

from crawler.extract.html import page_base, parse_html, tags_in
from crawler.extract.scriptnav import (
    MAX_FILE_CODE,
    called_functions,
    navigating_functions,
    outside_files,
    script_links,
)
from sikoja.urls import url_key

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from scrapy.http import Response

    from crawler.extract.pagecode import PageCode
    from crawler.linkstore import LinkStore
    from crawler.site import SiteScope

MAX_SITE_FILES = 20  # script files one spider (a source, or a fleet worker) reads
# what a page's HTML holds when its handlers may call into a script file
_SCRIPT = re.compile(rb"(?i)<script")
_MARKS = re.compile(rb"(?i)onclick|onchange|ondblclick|javascript:")
_Functions = dict[str, tuple[int, str, str]]


class ScriptFunctions:
    # script file key -> its navigating functions (None while it is read); page key ->
    # (its files' keys, the functions its handlers call, its HTML, its URL, its stored URL,
    # its meta) while it waits on them
    nav_files: dict[str, _Functions | None]
    nav_pages: dict[str, tuple[list[str], set[str], str, str, str, dict[str, Any]]]
    scope: SiteScope
    linkstore: LinkStore | None
    _follow_all: Callable[..., Iterator[Any]]

    def nav_files_of(self, body: bytes, page: Callable[[], PageCode], url: str) -> list[str]:
        """The script files (in scope) the handlers of the page fetched at ``url`` may call
        into; [] for most pages, read from its bytes without decoding them. ``page`` gives
        the page's ``PageCode``, parsed once for all the spider's readers."""
        if not (_SCRIPT.search(body) and _MARKS.search(body)):
            return []
        return [f for f in outside_files(page(), url) if self.scope.allows(f, data=True)]

    def read_script_functions(self, files: list[str], page_code: Callable[[], PageCode], url: str,
                              page: str, parent: str, meta: dict[str, Any]) -> Iterator[Any]:
        """Ask for the script ``files`` (``nav_files_of``) of the page saved as ``page``
        (fetched at ``url``, stored at ``parent``), and follow where they send its handlers
        once every one is read."""
        if not files:
            return
        known, pages = self.nav_files, self.nav_pages
        keys = []
        for file in files:
            key = url_key(file)
            if key not in known:
                if len(known) >= MAX_SITE_FILES:
                    continue
                known[key] = None
                yield Request(file, callback=self.parse_script_functions,
                              errback=self.script_functions_error, dont_filter=True,
                              meta={"sikoja_any_type": True, "sikoja_unconditional": True,
                                    "sikoja_nav_file": key})
            keys.append(key)
        pages[page] = (keys, called_functions(page_code()), page_code().html, url, parent,
                       {"sikoja_depth": meta.get("sikoja_depth", 0)})
        yield from self._functions_read(page)

    def parse_script_functions(self, response: Response) -> Iterator[Any]:
        code = response.text[:MAX_FILE_CODE] if response.status == 200 and hasattr(
            response, "text") else ""
        yield from self._file_read(response.meta["sikoja_nav_file"], code)

    def script_functions_error(self, failure: Any) -> Iterator[Any]:
        yield from self._file_read(failure.request.meta["sikoja_nav_file"], "")

    def _file_read(self, key: str, code: str) -> Iterator[Any]:
        known, pages = self.nav_files, self.nav_pages
        known[key] = navigating_functions(code) if "function" in code else {}
        for page in [p for p, (keys, *_) in pages.items() if key in keys]:
            yield from self._functions_read(page)

    def _functions_read(self, page: str) -> Iterator[Any]:
        """``page``'s script links with its files' functions, once every file is read."""
        known, pages = self.nav_files, self.nav_pages
        keys, called, page_html, url, parent, meta = pages[page]
        if any(known.get(key) is None and key in known for key in keys):
            return  # a file still being read
        del pages[page]
        functions: _Functions = {}
        for key in keys:  # a name two files define is the later file's, as a browser runs them
            functions.update(known.get(key) or {})
        if not called & functions.keys():
            return  # its handlers call none of them: the page is not parsed again
        tags = tags_in(parse_html(page_html))
        links = [(u, t) for u, t in script_links(page_base(url, tags), tags, url, functions)
                 if self.scope.allows(u)]
        if self.linkstore is not None and links:
            self.linkstore.add_links(page, links)
        yield from self._follow_all(links, meta, parent)
