"""What makes the service safe on the open internet: headers and admin authentication.

Every response gets ``X-Content-Type-Options: nosniff`` (a JSON answer holding a crawled
``<script>`` is never sniffed into HTML), a ``Referrer-Policy`` that sends only our origin to
the OPD sites a citizen opens, and a Content-Security-Policy chosen per path: the search page
and the admin page may load only their own scripts and styles (no inline script, no CDN),
the API and static files may load nothing at all. ``frame-ancestors`` lets only the
allow-listed portals frame the search page; the admin page and the docs cannot be framed.

Redirects never name a host: the trailing-slash redirect would otherwise echo whatever
``Host`` a client sent (an open redirect through a cache or a crafted link); its
``Location`` is made relative. CORS headers are given on public paths only, never on
``/admin``.

Admin endpoints take an API key in ``X-API-Key`` or ``Authorization: Bearer``: none or an
unknown key is 401, a revoked key 403 (see ``search_api.keys``). The scheme is
case-insensitive (``bearer`` is ``Bearer``, RFC 7235); spaces around the key are not part of
it (HTTP drops them around a header value, RFC 6750 allows several after ``Bearer``), so
they are trimmed; a key with whitespace inside is no key (401).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from fastapi.middleware.cors import CORSMiddleware
from fastapi.security import APIKeyHeader, HTTPBearer
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; manifest-src 'self'; "
    "frame-ancestors {ancestors}"
)
# Swagger UI sets inline styles; it still runs only our own scripts.
_DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_NONE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"

_COMMON = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
)


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, frame_origins: list[str]) -> None:
        self.app = app
        ancestors = " ".join(["'self'", *[o for o in frame_origins if o != "*"]])
        self.page_csp = _PAGE_CSP.format(ancestors=ancestors).encode()
        self.admin_csp = _PAGE_CSP.format(ancestors="'none'").encode()

    def policy(self, path: str) -> tuple[bytes, bool]:
        """(CSP, may be framed) for a path."""
        if path == "/":
            return self.page_csp, True
        if path == "/admin":
            return self.admin_csp, False
        if path == "/docs" or path == "/redoc":
            return _DOCS_CSP.encode(), False
        return _NONE_CSP.encode(), False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        csp, frameable = self.policy(path)
        https = scope.get("scheme") == "https"
        host = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"),
                    "")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _COMMON:
                    headers.setdefault(name.decode(), value.decode())
                headers.setdefault("content-security-policy", csp.decode())
                if not frameable:
                    headers.setdefault("x-frame-options", "DENY")
                if https:
                    headers.setdefault("strict-transport-security", "max-age=31536000")
                if 300 <= message["status"] < 400 and "location" in headers:
                    headers["location"] = relative_location(headers["location"], host)
                if path.startswith("/admin"):
                    headers["cache-control"] = "no-store"
                elif path.startswith("/static/") and "cache-control" not in headers:
                    versioned = b"v=" in scope.get("query_string", b"")
                    headers["cache-control"] = (
                        "public, max-age=31536000, immutable" if versioned
                        else "public, max-age=3600")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def relative_location(location: str, host: str) -> str:
    """``location`` without scheme and host when it points at the request's own ``Host``
    (which the client chose): the redirect stays on whatever site the client is on. Never
    ``//...`` either, which a browser reads as another host."""
    parts = urlsplit(location)
    if parts.netloc and parts.netloc.lower() != host.lower():
        return location  # somewhere else on purpose, not built from the request
    if not parts.netloc and not location.startswith("//"):
        return location
    path = "/" + (parts.path or "/").lstrip("/")
    return path + (f"?{parts.query}" if parts.query else "")


class PublicCORSMiddleware:
    """Starlette's CORS for every path but ``/admin``: an allowed portal may call the public
    API from its pages, never the admin API (no ``Access-Control-Allow-Origin`` there, so a
    browser keeps the answer from the portal's scripts)."""

    def __init__(self, app: ASGIApp, **options: Any) -> None:
        self.app = app
        self.cors = CORSMiddleware(app, **options)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("path", "").startswith("/admin"):
            await self.app(scope, receive, send)
            return
        await self.cors(scope, receive, send)


api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, scheme_name="ApiKey",
    description="An admin API key from `sikoja apikey create NAME`.")
bearer_token = HTTPBearer(auto_error=False, scheme_name="Bearer",
                     description="The same API key as a bearer token.")
