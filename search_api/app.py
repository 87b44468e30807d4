"""The sikoja web service: ``create_app(settings)`` builds the FastAPI app.

Middleware, outermost first: metrics (every answer counted, 429 and 500 included), security
headers, CORS (only the portals in ``Settings.api.cors_origins``, and never on admin paths:
admin headers are never allowed cross-origin), the rate limiter (public /api only),
gzip, a catch-all that turns any unexpected exception into a bare 500, then the request
body limits (413 over the cap, 408 when too slow; ``search_api.limits``).

State lives in the data dir: the index (``indexer``), best bets, synonyms, and this
package's ``admin.db`` (API keys, jobs) and ``analytics.db``.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

import sikoja
from indexer.bestbets import BestBetStore
from search_api.analytics import Analytics
from search_api.assets import Pages
from search_api.errors import CatchAllMiddleware, install_error_handlers
from search_api.jobs import Job, JobRunner
from search_api.life_events import LifeEvents
from search_api.limits import BodyLimitMiddleware
from search_api.metrics import Metrics, MetricsMiddleware, state_metrics
from search_api.ratelimit import RateLimitMiddleware, TokenBucketLimiter
from search_api.routers import admin, pages, public
from search_api.security import PublicCORSMiddleware, SecurityHeadersMiddleware
from search_api.service import SearchService
from search_api.sites import SiteHealthReader
from search_api.synonym_admin import SynonymAdmin
from search_api.vocabulary import VocabularyCandidates
from sikoja.config import Settings
from sikoja.sqlite import connect

if TYPE_CHECKING:
    from indexer.search import Searcher

log = logging.getLogger("search_api")

DESCRIPTION = """
Search the public services of Kota Jambi: what a service is, who provides it, its
requirements, cost, duration, and where and how to apply.

Public endpoints (`/api/...`) are open, rate limited per client, and allowed cross-origin
for the portals in the configuration. Admin endpoints (`/admin/api/...`) need an API key
(`sikoja apikey create NAME`) in `X-API-Key` or `Authorization: Bearer`.
"""

_KNOWN_API_PATHS = ("/api/search", "/api/suggest", "/api/services", "/api/click",
                    "/api/health", "/api/popular")


def create_app(settings: Settings, *, sources_path: Path | None = None,
               opened: tuple[Searcher, dict[str, Any]] | None = None) -> FastAPI:
    """The whole service for one data dir. ``sources_path`` is the sources file admin crawls
    use (default: ``sources.yaml`` in the data dir). ``opened`` is the index as
    ``sikoja.pipeline.open_built_searcher`` opened it, when the caller already did (``sikoja
    serve`` checks there is one): the app serves it and closes it, and never opens the
    index again at start; without it, the index opens at start-up (``LiveIndex``)."""
    data_dir = Path(settings.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    analytics = Analytics(data_dir)
    synonyms = SynonymAdmin(data_dir)
    bestbets_changes = _DataVersion(data_dir / "bestbets.db")

    def answers_stamp() -> tuple[str, int, int]:
        return date.today().isoformat(), synonyms.version(), bestbets_changes.value()

    metrics = Metrics()
    search = SearchService(settings, analytics=analytics, metrics=metrics,
                           answers_stamp=answers_stamp, opened=opened)
    sites = SiteHealthReader(data_dir, sources_path=sources_path)

    def after_job(job: Job) -> None:
        # a new index version clears the cache and warms it again; an unchanged one
        # answers as before
        search.maybe_refresh(force=True)
        sites.sites(fresh=True)

    jobs = JobRunner(settings, sources_path=sources_path, on_finished=after_job)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        search.warm_in_background()
        yield
        jobs.close()
        search.close()
        analytics.close()
        app.state.bestbets.close()
        synonyms.close()
        bestbets_changes.close()

    app = FastAPI(
        title="sikoja — Kota Jambi public services search",
        version=sikoja.__version__,
        description=DESCRIPTION,
        docs_url=None,  # our own /docs page: Swagger UI served locally, no CDN, strict CSP
        redoc_url=None,
        lifespan=lifespan,
    )
    # the parts of the server, each read by routes only through search_api.deps
    app.state.settings = settings
    app.state.analytics = analytics
    app.state.search = search
    app.state.sites = sites
    app.state.metrics = metrics
    app.state.jobs = jobs
    app.state.bestbets = BestBetStore(data_dir)
    app.state.synonyms = synonyms
    app.state.vocabulary = VocabularyCandidates(data_dir)
    app.state.life_events = LifeEvents(data_dir)
    app.state.pages = Pages(settings)

    def collect_state():  # noqa: ANN202 - generator of prometheus metrics
        running = jobs.running()
        return state_metrics(search.info(), sites.sites(),
                             {"search": search.search_cache, "suggest": search.suggest_cache},
                             running.kind if running else None, search.searches_run)

    metrics.add_state_collector(collect_state)

    install_error_handlers(app, data_dir)
    app.include_router(public.router)
    app.include_router(admin.router)
    app.include_router(pages.router)
    pages.mount_static(app)
    _document_query_limit(app, settings.api.max_query_length)

    @app.get("/metrics", include_in_schema=False)
    def prometheus_metrics() -> Response:
        search.maybe_refresh()
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    # added innermost first
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.api.max_body_bytes,
                       max_admin_bytes=settings.api.max_admin_body_bytes,
                       timeout=settings.api.body_timeout_seconds)
    app.add_middleware(CatchAllMiddleware)
    # Phones on slow links: a 12 KB result page travels as ~3 KB. Nothing secret is ever in
    # a response body next to reflected input, so compression leaks nothing (BREACH).
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=5)
    app.add_middleware(
        RateLimitMiddleware,
        limiter=TokenBucketLimiter(settings.api.rate_limit_per_minute),
        trust_proxy_headers=settings.api.trust_proxy_headers,
        on_limited=lambda path: metrics.rate_limited.labels(_path_label(path)).inc(),
    )
    app.add_middleware(
        PublicCORSMiddleware,
        allow_origins=list(settings.api.cors_origins),
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],  # never X-API-Key or Authorization: admin is ours
        max_age=600,
    )
    app.add_middleware(SecurityHeadersMiddleware, frame_origins=list(settings.api.cors_origins))
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    return app


def create_app_from_environment() -> FastAPI:
    """App factory for running several server processes on one data dir:

        SIKOJA_DATA_DIR=/srv/sikoja uvicorn search_api.app:create_app_from_environment \\
            --factory --workers 2 --host 127.0.0.1 --port 8000 --no-proxy-headers

(``--no-proxy-headers`` unless ``api.trust_proxy_headers`` is on: ``sikoja serve`` passes
the options of ``search_api.server.uvicorn_options`` itself.)

    Settings come from ``$SIKOJA_DATA_DIR/sikoja.yaml`` and ``SIKOJA_*`` variables, as for
    ``sikoja serve``. Each process keeps its own caches and rate-limit buckets; jobs stay one
    at a time across processes (a lock file), analytics share one database.
    """
    import os

    from sikoja.config import load_settings

    data_dir = os.environ.get("SIKOJA_DATA_DIR")
    if not data_dir:
        raise RuntimeError("set SIKOJA_DATA_DIR to the data dir to serve")
    return create_app(load_settings(data_dir))


class _DataVersion:
    """SQLite's ``data_version`` of a database as seen from a connection that never writes:
    it moves whenever any other connection (this server's store, the CLI) commits."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def value(self) -> int:
        with self._lock:
            if self._db is None:
                if not self.path.is_file():
                    return 0
                self._db, _ = connect(self.path, journal=None)  # read-only dir: immutable
            return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None


def _document_query_limit(app: FastAPI, limit: int) -> None:
    """Write the query-length setting into the OpenAPI schema as the ``maxLength`` of the
    query parameters it limits (the service enforces it; the routes are module-level, so
    the limit is not in their signatures)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            for path in _LIMITED_QUERIES:
                for param in schema["paths"][path]["get"]["parameters"]:
                    if param["name"] == "q":
                        param["schema"]["maxLength"] = limit
            click = schema["components"]["schemas"]["ClickIn"]["properties"]["query"]
            click["maxLength"] = limit
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


_LIMITED_QUERIES = ("/api/search", "/api/suggest")


def _path_label(path: str) -> str:
    return next((p for p in _KNOWN_API_PATHS if path.startswith(p)), "/api/other")
