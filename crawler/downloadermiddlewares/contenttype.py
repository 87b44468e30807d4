"""Stop downloading bodies the crawler will not store (images, videos, archives...).

Links to ``foto.jpg`` are filtered by extension before they are requested; this catches the
rest (``download.php?id=7`` serving a ZIP) as soon as the headers arrive, so a 200 MB video
costs one round trip, not the size cap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import StopDownload

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Headers

# Types servers send for any file (a PDF from download.php, a page from a misconfigured
# server): the body decides what it is, not the header.
GENERIC_TYPES = ("text/plain", "application/octet-stream", "binary/octet-stream",
                 "application/x-download", "application/force-download")
# Types servers send for a Word or Excel file by its old format's name or as the zip it is
# (a .docx as application/msword, an .odt as a zip): let through when the URL names an
# Office or OpenDocument file, whose body then decides (``crawler.extract.office.office_kind``)
OFFICE_MISLABELS = ("application/msword", "application/vnd.ms-excel", "application/zip",
                    "application/x-zip-compressed")
OFFICE_NAMES = (".docx", ".xlsx", ".doc", ".xls", ".odt", ".ods")


def content_type_of(headers: Headers) -> str:
    raw = headers.get(b"Content-Type") or b""
    return raw.decode("latin-1").split(";", 1)[0].strip().lower()


class ContentTypeGateMiddleware:
    def __init__(self, accepted: list[str]) -> None:
        self.accepted = set(accepted)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ContentTypeGateMiddleware:
        middleware = cls(crawler.settings.getlist("SIKOJA_ACCEPTED_TYPES"))
        crawler.signals.connect(middleware.headers_received, signal=signals.headers_received)
        return middleware

    def headers_received(self, headers: Headers, body_length: int, request: Request,
                         **kwargs: Any) -> None:
        if request.meta.get("sikoja_any_type"):
            return
        ctype = content_type_of(headers)
        # no type, or a generic one, is sniffed from the body instead
        if not ctype or ctype in self.accepted or ctype in GENERIC_TYPES:
            return
        if ctype in OFFICE_MISLABELS and urlsplit(request.url).path.lower().endswith(
                OFFICE_NAMES):
            return
        request.meta["sikoja_stopped_type"] = ctype
        raise StopDownload(fail=False)
