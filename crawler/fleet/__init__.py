"""A crawl shared by several workers through Redis (``crawl.frontier: redis://...``).

Scrapy-redis gives the shared frontier (a priority queue) and the shared duplicate filter;
this package adds what a fleet of ``sikoja crawl`` workers needs on top of it, each in its
own module:

- ``scheduler``: a worker's leases. A popped URL is moved atomically into the worker's
  "leases" hash and only leaves it once its callback (and every follow-up the callback kept
  in this worker) is done; a worker whose heartbeat stops has its leases put back in the
  queue by the others. Seeds (start URLs, robots, sitemaps, revalidation) enter once per
  run, and a worker closes only when the whole fleet is idle.
- ``politeness``: the delay and the concurrency per host, held for the fleet in Redis.
- ``sharedset``: the spider's own bookkeeping sets (page budget, pages produced, home
  page fingerprints) made fleet-wide.

docs/scaling.md explains the design; ``crawler.merge`` collects the workers' stores.
"""

from __future__ import annotations

KEY_PREFIX = "sikoja"


def run_prefix(spider_name: str) -> str:
    """Every Redis key of one source's shared crawl starts with this."""
    return f"{KEY_PREFIX}:{spider_name}"
