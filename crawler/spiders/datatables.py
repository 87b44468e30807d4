"""The website spider's reading of DataTables tables (``crawler.extract.datatables``): a page
that sets one up has its endpoint asked for rows as the plugin asks, page after page, and
the links in the rows' cells are followed as the page's own; the endpoint stores nothing.
A row whose cells link nothing but whose button the page's code completes into a detail URL
(``detail(' + row.id + ')`` loading ``base_url + '/layanan/detail/' + id`` into a modal) has
that URL followed as a page: the HTML fragment it answers is read as a page's body, and the
service is stored at that URL. A mixin of ``WebsiteSpider``, which gives it ``scope``,
``_follow_all``, ``follow_details``, ``elapsed_ms`` and ``on_error``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from scrapy import FormRequest, Request

from crawler.extract.datatables import (
    MAX_PAGES,
    NotDataTables,
    Table,
    detail_links,
    may_hold_table,
    page_params,
    read_page,
    row_links,
    script_files,
    tables,
)
from crawler.extract.pagecode import PageCode
from crawler.failures import http_reason
from crawler.items import ERROR, SKIPPED, FetchOutcome
from sikoja.urls import canonicalize_url

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from scrapy.http import Response

_XHR = {"X-Requested-With": "XMLHttpRequest",
        "Accept": "application/json, text/javascript, */*; q=0.01"}


class DataTablesReader:
    # (method, endpoint, start) of the row pages asked for, ("SCRIPT", url, 0) of scripts
    dt_requested: set[tuple[str, str, int]]

    def datatables_of(self, body: bytes, page: Callable[[], PageCode],
                      url: str) -> tuple[list[Table], list[str]]:
        """The tables a page's inline code sets up, else its own script files to read for
        them; ([], []) for a page that does not load DataTables. ``page`` gives the page's
        decoded text and code (the spider reads them once for all its readers)."""
        if not may_hold_table(body):
            return [], []
        code = page()
        found = tables(code, url)
        return found, [] if found else script_files(code, url)

    def read_datatables(self, found: list[Table], files: list[str], page: str,
                        depth: int) -> Iterator[Request]:
        for table in found:
            request = self._datatable_request(table, page, depth, start=0, draw=1)
            if request is not None:
                yield request
        for url in files:
            if self.scope.allows(url) and ("SCRIPT", url, 0) not in self.dt_requested:
                self.dt_requested.add(("SCRIPT", url, 0))
                yield Request(url, callback=self.parse_datatables_script,
                              errback=self.ignore_error, dont_filter=True,
                              meta={"sikoja_any_type": True, "sikoja_unconditional": True,
                                    "sikoja_dt_page": page, "sikoja_depth": depth})

    def _datatable_request(self, table: Table, page: str, depth: int, *, start: int,
                           draw: int) -> Request | None:
        key = (table.method, table.url, start)
        if not self.scope.allows(table.url) or key in self.dt_requested:
            return None
        self.dt_requested.add(key)
        params = page_params(table, start, draw)
        meta = {"sikoja_any_type": True, "sikoja_unconditional": True,
                "sikoja_dt": (table, page, start, draw), "sikoja_depth": depth}
        if table.method == "POST":
            return FormRequest(table.url, formdata=params, headers=_XHR, meta=meta,
                               callback=self.parse_datatable, errback=self.on_error,
                               dont_filter=True)
        query = urlencode(params)
        url = table.url + (("&" if "?" in table.url else "?") + query if query else "")
        return Request(url, headers=_XHR, meta=meta, callback=self.parse_datatable,
                       errback=self.on_error, dont_filter=True)

    def parse_datatables_script(self, response: Response) -> Iterator[Request]:
        if response.status != 200:
            return
        page = response.meta["sikoja_dt_page"]
        code = response.body[:2_000_000].decode("utf-8", errors="replace")
        yield from self.read_datatables(tables(code, page), [], page,
                                        response.meta["sikoja_depth"])

    def parse_datatable(self, response: Response) -> Iterator[Any]:
        """One page of rows: its links followed, the next page asked for; the fetch is
        logged with what it gave (an endpoint is no document)."""
        table, page, start, draw = response.meta["sikoja_dt"]
        key = canonicalize_url(response.url)
        elapsed = self.elapsed_ms(response)
        status = response.status
        if status >= 300:
            yield FetchOutcome(url=key, outcome=ERROR, status=status, elapsed_ms=elapsed,
                               reason=http_reason(status) if status >= 400
                               else f"redirect: HTTP {status}")
            return
        try:
            rows, total = read_page(response.body, table)
        except NotDataTables as exc:
            yield FetchOutcome(url=key, outcome=ERROR, status=status, elapsed_ms=elapsed,
                               reason=f"parse: the DataTables endpoint of {page} gave no "
                                      f"rows: {exc}")
            return
        links = [(u, t) for u, t in row_links(rows, response.url) if self.scope.allows(u)]
        # the details the page's code loads into a modal for a row, where the row links none
        known = {u for u, _t in links}
        details = [(u, t) for u, t in detail_links(rows, table)
                   if u not in known and self.scope.allows(u)]
        of = f" of {total}" if total is not None else ""
        yield FetchOutcome(url=key, outcome=SKIPPED, status=status, elapsed_ms=elapsed,
                           reason=f"listing: DataTables rows {start + 1}-{start + len(rows)}"
                                  f"{of} for {page}, {len(links) + len(details)} links")
        yield from self._follow_all(links, response.meta, page)
        yield from self.follow_details(details, response.meta, page)
        if (table.server_side and rows and total is not None and start + len(rows) < total
                and draw < MAX_PAGES):
            request = self._datatable_request(table, page, response.meta["sikoja_depth"],
                                              start=start + len(rows), draw=draw + 1)
            if request is not None:
                yield request
