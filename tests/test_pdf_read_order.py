"""A PDF is read in the crawl's PDF threads after its body is decompressed.

Scrapy calls the downloader middlewares' ``process_response`` from the highest order number
down. The PDF reader sat above HttpCompressionMiddleware, so a PDF a server sent with
``Content-Encoding: gzip`` reached it still compressed, did not look like a PDF, and was read
(its scans by OCR) on the event loop every site's crawl shares.
"""

from __future__ import annotations

from scrapy.settings import Settings
from scrapy.utils.conf import build_component_list

import crawler.settings as crawl_settings


def _order() -> list[str]:
    settings = Settings()
    settings.setmodule(crawl_settings)
    return build_component_list(settings.getwithbase("DOWNLOADER_MIDDLEWARES"))


def test_the_pdf_reader_sees_the_decompressed_body() -> None:
    order = _order()
    reader = order.index("crawler.downloadermiddlewares.pdfread.PdfReadingMiddleware")
    unzip = order.index("scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware")
    # process_response runs in reverse list order: the unzip first, then the reader
    assert reader < unzip
