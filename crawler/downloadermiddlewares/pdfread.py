"""PDFs read in a thread pool of their own, off the crawl's event loop.

Reading a scanned PDF waits on tesseract for a second or more a page
(``crawler.extract.ocr``): done in the spider's callback, that wait would hold every other
site's downloads and pages. Each PDF answer is read here, in the crawl process's own small
pool of threads (``THREADS``, no more than its cores), while the loop goes on; the spider
takes what was read (``READ`` in the request's meta: the ``PdfText``, or the ``PdfError`` to
report) and reads only what did not come through here. Not in Twisted's shared pool: Scrapy's
DNS resolver looks names up there, and PDFs filling it left every new host unresolved.

The pool serves every site's crawler of the process: started by the first PDF, stopped when
the last engine has stopped (and at the reactor's shutdown) so the process can exit. A
stopping crawler (its engine no longer running: a graceful stop) ends the OCR of its PDFs
between pages and its running tesseract at once, since Scrapy waits for every download in
progress before it closes a spider.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThreadPool
from twisted.python.threadpool import ThreadPool

from crawler.extract.encoding import looks_pdf
from crawler.extract.ocr import OcrReader, reader_for
from crawler.extract.pdf import PdfError, PdfText, extract_pdf

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy import Request, Spider
    from scrapy.http import Response

READ = "sikoja_pdf_read"
# OCR reads one page at a time in a process (crawler.extract.ocr's turn): with two scanned PDFs
# in flight, one thread waits for the other's turn and text PDFs queue behind both
THREADS = 2


def read(
    body: bytes, ocr: OcrReader, url: str, stop: Callable[[], bool] | None = None
) -> PdfText | PdfError:
    try:
        return extract_pdf(body, ocr=ocr, name=url, stop=stop)
    except PdfError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001  (any failure is the PDF's, not the download's)
        return PdfError("parse", f"unreadable PDF: {type(exc).__name__}: {exc}"[:300])


class _Pool:
    """The process's PDF threads and the engines using them."""

    def __init__(self) -> None:
        self.threads = self._new()
        self.engines = 0
        self.trigger: Any = None

    @staticmethod
    def _new() -> ThreadPool:
        threads = max(1, min(THREADS, os.cpu_count() or 1))
        return ThreadPool(minthreads=0, maxthreads=threads, name="sikoja-pdf")

    def start(self) -> ThreadPool:
        if not self.threads.started:
            from twisted.internet import reactor

            if self.threads.joined:  # stopped once: a stopped pool does not start again
                self.threads = self._new()
            self.threads.start()
            if self.trigger is None:
                self.trigger = reactor.addSystemEventTrigger("during", "shutdown", self.stop)
        return self.threads

    def stop(self) -> None:
        if self.threads.started:
            self.threads.stop()


POOL = _Pool()


class PdfReadingMiddleware:
    def __init__(self, data_dir: str | None, crawler: Any = None) -> None:
        self.ocr = reader_for(data_dir) if data_dir else None
        self.crawler = crawler
        self.counted = False

    @classmethod
    def from_crawler(cls, crawler: Any) -> PdfReadingMiddleware:
        middleware = cls(crawler.settings.get("SIKOJA_DATA_DIR"), crawler)
        crawler.signals.connect(middleware.engine_started, signal=signals.engine_started)
        crawler.signals.connect(middleware.engine_stopped, signal=signals.engine_stopped)
        return middleware

    def engine_started(self) -> None:
        if not self.counted:
            self.counted = True
            POOL.engines += 1

    def engine_stopped(self) -> None:
        if self.counted:
            self.counted = False
            POOL.engines -= 1
            if POOL.engines <= 0:
                POOL.stop()

    def stopping(self) -> bool:
        """Whether this crawler is stopping (asked from the pool's threads)."""
        engine = getattr(self.crawler, "engine", None)
        return engine is not None and not engine.running

    async def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        if self.ocr is None or response.status != 200 or not looks_pdf(response.body):
            return response
        from twisted.internet import reactor

        request.meta[READ] = await maybe_deferred_to_future(
            deferToThreadPool(
                reactor, POOL.start(), read, response.body, self.ocr, response.url, self.stopping
            )
        )
        return response
