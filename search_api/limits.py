"""Request bodies the server can afford: a size cap per route and a deadline to send them.

Starlette reads a body into memory whole before a route sees it, so one 300 MiB POST to the
public ``/api/click`` grew the process by 680 MB, for good; and a client announcing a
``Content-Length`` larger than what it sends held its request open forever. Here, before
any route runs:

- a ``Content-Length`` over the route's cap is answered 413 at once; the body is never read
  and the connection is closed, so the rest of the upload goes nowhere;
- a chunked body (or one longer than it said) is counted as it arrives: the first chunk past
  the cap ends the request with 413;
- the whole body must arrive within ``body_timeout_seconds`` of the request's start, else
  408 and the connection is closed.

Admin routes (``/admin/api/...``: a synonym import can be megabytes) get
``max_admin_body_bytes``; everything else, public and open to anyone, ``max_body_bytes``.
"""

from __future__ import annotations

import asyncio
import json
import time

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from search_api.errors import TrackedSend

ADMIN_PREFIX = "/admin/api/"


class BodyRejected(HTTPException):
    """Raised from ``receive`` while a route reads its body. FastAPI passes an HTTPException
    from body parsing through unchanged, so the client gets this status, not a 400."""

    def __init__(self, status_code: int, detail: str) -> None:
        super().__init__(status_code, detail=detail, headers={"Connection": "close"})


def too_large(cap: int) -> BodyRejected:
    return BodyRejected(413, f"the request body is too large: at most {cap} bytes are "
                             "accepted here")


def too_slow(seconds: float) -> BodyRejected:
    return BodyRejected(408, f"the request body did not arrive within {seconds:g} seconds")


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, *, max_bytes: int, max_admin_bytes: int,
                 timeout: float) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_admin_bytes = max_admin_bytes
        self.timeout = timeout

    def cap(self, path: str) -> int:
        return self.max_admin_bytes if path.startswith(ADMIN_PREFIX) else self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = self.cap(scope.get("path", ""))
        declared = _content_length(scope)
        if declared is not None and declared > cap:
            await _answer(send, too_large(cap))
            return
        bounded = _BoundedBody(receive, cap, self.timeout)
        tracked = TrackedSend(send)
        try:
            await self.app(scope, bounded.receive, tracked)
        except BodyRejected as exc:  # read outside FastAPI's body parsing: answer it here
            if not tracked.started:
                await _answer(send, exc)


class _BoundedBody:
    """``receive`` that counts body bytes and keeps the deadline until the body is done."""

    def __init__(self, receive: Receive, cap: int, timeout: float) -> None:
        self._receive = receive
        self.cap = cap
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout
        self.seen = 0
        self.done = False

    async def receive(self) -> Message:
        if self.done:  # after the body: waiting for a disconnect has no deadline
            return await self._receive()
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise too_slow(self.timeout)
        try:
            message = await asyncio.wait_for(self._receive(), left)
        except TimeoutError:
            raise too_slow(self.timeout) from None
        if message["type"] == "http.request":
            self.seen += len(message.get("body", b""))
            if self.seen > self.cap:
                raise too_large(self.cap)
            self.done = not message.get("more_body", False)
        else:
            self.done = True
        return message


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the HTTP server rejects a malformed one before we run
    return None


async def _answer(send: Send, exc: BodyRejected) -> None:
    body = json.dumps({"detail": exc.detail}).encode()
    await send({
        "type": "http.response.start",
        "status": exc.status_code,
        "headers": [(b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close")],
    })
    await send({"type": "http.response.body", "body": body})
