"""PDFs read in a thread, off the crawl's event loop.

Reading a scanned PDF waits on tesseract for a second or more a page
(``crawler.extract.ocr``): done in the spider's callback, that wait would hold every other
site's downloads and pages. Each PDF answer is read here, in Twisted's thread pool, while the
loop goes on; the spider takes what was read (``READ`` in the request's meta: the
``PdfText``, or the ``PdfError`` to report) and reads only what did not come through here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from crawler.extract.encoding import looks_pdf
from crawler.extract.ocr import OcrReader, reader_for
from crawler.extract.pdf import PdfError, PdfText, extract_pdf

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.http import Response

READ = "sikoja_pdf_read"


def read(body: bytes, ocr: OcrReader, url: str) -> PdfText | PdfError:
    try:
        return extract_pdf(body, ocr=ocr, name=url)
    except PdfError as exc:
        return exc


class PdfReadingMiddleware:
    def __init__(self, data_dir: str | None) -> None:
        self.ocr = reader_for(data_dir) if data_dir else None

    @classmethod
    def from_crawler(cls, crawler: Any) -> PdfReadingMiddleware:
        return cls(crawler.settings.get("SIKOJA_DATA_DIR"))

    async def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        if self.ocr is None or response.status != 200 or not looks_pdf(response.body):
            return response
        request.meta[READ] = await maybe_deferred_to_future(
            deferToThread(read, response.body, self.ocr, response.url)
        )
        return response
