"""Prometheus metrics at /metrics: traffic, latency, caches, index size and crawl status.

Request counts and latencies are labelled by the route *template* (``/api/services/{doc_id}``,
never the concrete path), so the label set stays small whatever clients send. Index and
crawl figures are read when Prometheus scrapes, from the same sources /api/health uses.
Each app has its own registry, so several apps in one process (tests) do not collide.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "sikoja_http_requests", "HTTP requests by route template and status",
            ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram(
            "sikoja_http_request_duration_seconds", "Time to answer a request",
            ["route"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self.rate_limited = Counter(
            "sikoja_rate_limited_requests", "Requests refused with 429", ["path"],
            registry=self.registry)
        self.searches = Counter(
            "sikoja_searches", "Searches by outcome (results, zero_results)", ["outcome"],
            registry=self.registry)

    def add_state_collector(self, collect: Callable[[], Iterator[Metric]]) -> None:
        self.registry.register(_StateCollector(collect))


class _StateCollector(Collector):
    def __init__(self, collect: Callable[[], Iterator[Metric]]) -> None:
        self._collect = collect

    def collect(self) -> Iterator[Metric]:
        try:
            yield from self._collect()
        except Exception:  # a scrape must not fail because the index is being swapped
            log.exception("collecting state metrics failed")

    def describe(self) -> list[Metric]:
        return []


def state_metrics(info: dict[str, Any] | None, sites: list[dict[str, Any]],
                  caches: dict[str, Any], running_job: str | None,
                  searches_run: int = 0) -> Iterator[Metric]:
    """Gauges for the index, each crawl source, the caches and the job runner."""
    ran = CounterMetricFamily("sikoja_index_searches", "Searches that ran on the index "
                              "(not answered from the cache)")
    ran.add_metric([], float(searches_run))
    yield ran
    docs = GaugeMetricFamily("sikoja_index_documents", "Documents in the live index")
    age = GaugeMetricFamily("sikoja_index_age_seconds", "Seconds since the live index was built")
    up = GaugeMetricFamily("sikoja_index_available", "1 when an index is being served")
    up.add_metric([], 1.0 if info else 0.0)
    if info:
        docs.add_metric([], float(info.get("documents") or 0))
        if info.get("age_seconds") is not None:
            age.add_metric([], float(info["age_seconds"]))
    yield from (docs, age, up)

    pages = GaugeMetricFamily("sikoja_source_pages", "Pages fetched in the last crawl",
                              labels=["source"])
    docs_per_source = GaugeMetricFamily("sikoja_source_documents",
                                        "Live documents of the source in the store",
                                        labels=["source"])
    errors = GaugeMetricFamily("sikoja_source_errors", "Fetch errors in the last crawl",
                               labels=["source", "kind"])
    latency = GaugeMetricFamily("sikoja_source_response_ms",
                                "Response time of the source's pages in the last crawl",
                                labels=["source", "quantile"])
    last_ok = GaugeMetricFamily("sikoja_source_last_success_timestamp_seconds",
                                "Unix time of the last successful crawl", labels=["source"])
    for site in sites:
        name = site["source"]
        pages.add_metric([name], float(site["pages_fetched"]))
        docs_per_source.add_metric([name], float(site["documents"]))
        by_kind = site["errors_by_kind"]
        for kind, count in by_kind.items():
            errors.add_metric([name, kind], float(count))
        if not by_kind:
            errors.add_metric([name, "all"], float(site["errors"]))
        for quantile, key in (("0.5", "response_ms_median"), ("0.95", "response_ms_p95")):
            if site[key] is not None:
                latency.add_metric([name, quantile], float(site[key]))
        if site["last_success_ts"] is not None:
            last_ok.add_metric([name], float(site["last_success_ts"]))
    yield from (pages, docs_per_source, errors, latency, last_ok)

    for name, cache in caches.items():
        lookups = CounterMetricFamily(f"sikoja_{name}_cache_lookups",
                                      f"{name} cache lookups", labels=["result"])
        lookups.add_metric(["hit"], float(cache.hits))
        lookups.add_metric(["miss"], float(cache.misses))
        size = GaugeMetricFamily(f"sikoja_{name}_cache_entries", f"Entries in the {name} cache")
        size.add_metric([], float(len(cache)))
        yield from (lookups, size)

    job = GaugeMetricFamily("sikoja_job_running", "1 while a crawl or reindex runs",
                            labels=["kind"])
    for kind in ("crawl", "reindex"):
        job.add_metric([kind], 1.0 if running_job == kind else 0.0)
    yield job


class MetricsMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_capturing(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_capturing)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or (
                "static" if scope.get("path", "").startswith("/static/") else "unmatched")
            self.metrics.requests.labels(scope.get("method", ""), template, str(status)).inc()
            self.metrics.latency.labels(template).observe(time.perf_counter() - started)
