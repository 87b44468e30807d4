"""Stamp each download attempt, so a failure's fetch-log time is that attempt's, not the
time the request waited in the queue or between retries."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scrapy import Request, Spider


class AttemptTimingMiddleware:
    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        request.meta["sikoja_started"] = time.monotonic()
