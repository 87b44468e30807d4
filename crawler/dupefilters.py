"""Duplicate-request filter that lets redirect hops through.

Links are de-duplicated by canonical URL in the spider before they are requested; this
filter only has to catch the rest. It must not drop a redirect hop back to a URL already
seen: a loop ``/a -> /b -> /a`` would then vanish silently instead of being logged as a
redirect error once REDIRECT_MAX_TIMES is reached.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.dupefilters import RFPDupeFilter

if TYPE_CHECKING:
    from scrapy import Request


class RedirectAwareDupeFilter(RFPDupeFilter):
    def request_seen(self, request: Request) -> bool:
        if request.meta.get("redirect_times"):
            return False
        return super().request_seen(request)
