"""Error answers: clear for a client, silent about the server.

No response ever carries a stack trace, an exception's text from deep inside, or a path of
this machine: unexpected errors are logged with an id and answered ``500 {"detail":
"internal server error", "error_id": ...}``; errors a client can act on (a too-long query, a
bad synonym line) say what to change.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import sqlite3
import uuid
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from search_api.jobs import JobBusy, scrub_paths
from search_api.live_index import IndexUnavailable
from search_api.service import InvalidRequest
from sikoja.errors import EMPTY_QUERY, SikojaError

log = logging.getLogger("search_api")


def _field(loc: list[Any] | tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("query", "body", "path", "header")]
    return ".".join(parts) or "request"


def validation_message(errors: list[dict[str, Any]]) -> str:
    """One readable sentence for the first problem, e.g. 'q: at most 200 characters'."""
    if not errors:
        return "invalid request"
    first = errors[0]
    name = _field(first.get("loc", ()))
    ctx = first.get("ctx") or {}
    if first.get("type") == "string_too_long" and "max_length" in ctx:
        what = "the query" if name == "q" else name
        return f"{what} is too long: at most {ctx['max_length']} characters are allowed"
    if name == "q" and first.get("type") in ("string_too_short", "string_pattern_mismatch"):
        return EMPTY_QUERY  # the schema's rule for a query with nothing but spaces
    if first.get("type") == "invalid":  # raised by a route with a sentence of its own
        return str(first.get("msg"))
    if first.get("type") == "missing":
        return f"{name} is required"
    return f"{name}: {first.get('msg', 'invalid value')}"


def install_error_handlers(app: FastAPI, data_dir: Path) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""),
                   "type": e.get("type", "")} for e in errors]
        return JSONResponse(status_code=422,
                            content={"detail": detail, "message": validation_message(errors)})

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 405:  # Starlette names the first route's methods only
            headers = {**(exc.headers or {}), "Allow": allowed_methods(app, request)}
            exc = StarletteHTTPException(405, detail=exc.detail, headers=headers)
        return await http_exception_handler(request, exc)

    @app.exception_handler(InvalidRequest)
    async def _invalid(request: Request, exc: InvalidRequest) -> JSONResponse:
        # the same body as FastAPI's own validation errors, so a client parses one shape
        return await _validation(request, RequestValidationError(
            [{"loc": (exc.where, exc.field), "msg": exc.message, "type": "invalid"}]))

    @app.exception_handler(SikojaError)
    async def _user_error(request: Request, exc: SikojaError) -> JSONResponse:
        return JSONResponse(status_code=400, content={"detail": scrub_paths(str(exc), data_dir)})

    @app.exception_handler(IndexUnavailable)
    async def _no_index(request: Request, exc: IndexUnavailable) -> JSONResponse:
        return JSONResponse(
            status_code=503, headers={"Retry-After": "30"},
            content={"detail": "the search index is not available yet; try again later"})

    @app.exception_handler(JobBusy)
    async def _busy(request: Request, exc: JobBusy) -> JSONResponse:
        return JSONResponse(status_code=409, content={"detail": str(exc)})

    @app.exception_handler(sqlite3.OperationalError)
    async def _storage(request: Request, exc: sqlite3.OperationalError) -> JSONResponse:
        return storage_error_response(exc) if is_storage_error(exc) else (
            internal_error_response(exc))

    @app.exception_handler(OSError)
    async def _os_error(request: Request, exc: OSError) -> JSONResponse:
        refused = exc.errno in (errno.ENOSPC, errno.EROFS, errno.EDQUOT)
        return storage_error_response(exc) if refused else internal_error_response(exc)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        return internal_error_response(exc)


def storage_error_response(exc: BaseException) -> JSONResponse:
    """507 for a write the disk refused: the client learns why, and that search still works."""
    log.warning("a write failed: %s", exc)
    return JSONResponse(status_code=507, content={
        "detail": "the change could not be saved: the data dir's disk is full or "
                  "read-only; searching still works (see /api/health)"})


def is_storage_error(exc: BaseException) -> bool:
    """SQLite's words for a write the disk refused (full, or mounted read-only)."""
    text = str(exc).lower()
    return any(w in text for w in ("disk is full", "readonly database", "read-only",
                                   "no space left", "disk i/o error"))


def allowed_methods(app: FastAPI, request: Request) -> str:
    """Every method some route serves at this path (GET and POST /admin/api/synonyms are two
    routes), for the ``Allow`` header of a 405."""
    from fastapi.routing import iter_route_contexts  # routers included into the app, too

    methods: set[str] = set()
    for route in iter_route_contexts(app.router.routes):
        regex = getattr(route, "path_regex", None)
        if regex is not None and regex.match(request.url.path):
            methods |= set(getattr(route, "methods", None) or ())
    return ", ".join(sorted(methods))


def internal_error_response(exc: BaseException) -> JSONResponse:
    error_id = uuid.uuid4().hex[:12]
    log.error("unhandled error %s", error_id, exc_info=exc)
    return JSONResponse(status_code=500,
                        content={"detail": "internal server error", "error_id": error_id})


class TrackedSend:
    """``send`` that remembers whether the response has started: until then a middleware
    may still answer an error itself; after, the client can only see a cut response."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self.started = False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
        await self._send(message)


class CatchAllMiddleware:
    """Turns any exception escaping a route into the generic 500 answer.

    Starlette's own last-resort handler sits outside every middleware; catching here, just
    outside the routes, means a 500 still passes through the security headers, CORS and
    metrics middlewares like any other answer. It also catches what is not an ``Exception``
    but must not reach the server either: a panic inside a Rust extension (tantivy) arrives
    as pyo3's ``PanicException``, a ``BaseException``.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tracked = TrackedSend(send)
        try:
            await self.app(scope, receive, tracked)
        except (KeyboardInterrupt, SystemExit, asyncio.CancelledError, GeneratorExit):
            raise
        except BaseException as exc:  # a Rust panic (pyo3 PanicException) is a BaseException
            if tracked.started:  # too late to answer differently; the client sees a cut response
                log.error("error after the response started", exc_info=exc)
                return
            response = internal_error_response(exc)
            await response(scope, receive, send)
