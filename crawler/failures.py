"""Why a fetch failed, in the words the site-health report groups by.

Reasons are stored in ``fetch_log.reason`` as ``"<kind>: <detail>"``; the kind is the
prefix before the first colon, one of ERROR_KINDS, so the report needs no parsing beyond a
split and an admin reading the log sees the same words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from twisted.internet.defer import CancelledError
from twisted.internet.error import (
    ConnectError,
    ConnectionLost,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from crawler.downloadermiddlewares.offsite import OffsiteRequest
from crawler.downloadermiddlewares.robots import RobotsUnreachable

if TYPE_CHECKING:
    from twisted.python.failure import Failure

# a page whose content only its JavaScript draws, from no JSON sikoja could read
UNREADABLE_KIND = "javascript"
# a script-drawn viewer of a document read at its own URL (crawler.extract.viewers)
VIEWER_KIND = "viewer"
ERROR_KINDS = (
    "http 4xx", "http 5xx", "timeout", "connection", "too large", "content type", "robots",
    "parse", "redirect", "offsite", UNREADABLE_KIND, "other",
)
# why a fetched page was read but not stored (fetch_log outcome 'skipped'), and why a page
# left the index: the crawler's own choices, each with its words in the site report
SKIP_KINDS = ("listing", "noindex", "soft 404", "duplicate", "sitemap", "sitemap index",
              VIEWER_KIND, "gone")


def http_reason(status: int) -> str:
    return f"http {'4xx' if 400 <= status < 500 else '5xx'}: HTTP {status}"


def reason_kind(reason: str | None) -> str:
    if not reason:
        return "other"
    kind = reason.split(":", 1)[0].strip()
    return kind if kind in ERROR_KINDS or kind in SKIP_KINDS else "other"


def classify_failure(failure: Failure) -> tuple[str, str]:
    """(outcome, reason) for a failed request: robots/offsite are skips, the rest errors."""
    return classify_exception(failure.value)


def classify_exception(exc: BaseException) -> tuple[str, str]:
    message = str(exc) or type(exc).__name__
    if isinstance(exc, OffsiteRequest):
        return "skipped", f"offsite: {message}"
    if isinstance(exc, RobotsUnreachable):
        # the host failed, not its rules: an error of the kind its robots.txt failed with
        cause = (http_reason(exc.cause) if isinstance(exc.cause, int)
                 else classify_exception(exc.cause)[1])
        kind, _, detail = cause.partition(": ")
        return "error", f"{kind}: robots.txt unreachable, page not requested: {detail}"[:500]
    if isinstance(exc, IgnoreRequest):
        lowered = message.lower()
        if "robots" in lowered:
            return "skipped", "robots: disallowed by robots.txt"
        if "redirect" in lowered:
            return "error", f"redirect: {message}"
        return "skipped", f"other: {message}"
    if isinstance(exc, DownloadTimeoutError | TimeoutError | TCPTimedOutError):
        return "error", f"timeout: {message}"
    if isinstance(exc, DownloadCancelledError | CancelledError):
        return "error", f"too large: {message or 'response over the size cap'}"
    if isinstance(exc, CannotResolveHostError | DNSLookupError):
        return "error", f"connection: DNS lookup failed: {message}"
    if isinstance(exc, DownloadConnectionRefusedError | ConnectError):
        return "error", f"connection: {message}"
    if isinstance(exc, ResponseDataLossError):
        return "error", f"connection: truncated response: {message}"
    if isinstance(exc, ResponseFailed | ResponseNeverReceived | ConnectionLost
                  | DownloadFailedError):
        reasons = getattr(exc, "reasons", None)
        if reasons:
            inner = reasons[0]
            if inner.check(CancelledError):
                return "error", "too large: response over the size cap"
            message = f"{message}: {inner.getErrorMessage()}"
        return "error", f"connection: {message}"[:500]
    return "error", f"other: {type(exc).__name__}: {message}"[:500]
