"""What makes the service safe on the open internet: headers and admin authentication.

Every response gets ``X-Content-Type-Options: nosniff`` (a JSON answer holding a crawled
``<script>`` is never sniffed into HTML), a ``Referrer-Policy`` that sends only our origin to
the OPD sites a citizen opens, and a Content-Security-Policy chosen per path: the search page
and the admin page may load only their own scripts and styles (no inline script, no CDN),
the API and static files may load nothing at all. ``frame-ancestors`` lets only the
allow-listed portals frame the search page; the admin page and the docs cannot be framed.

Admin endpoints take an API key in ``X-API-Key`` or ``Authorization: Bearer``: none or an
unknown key is 401, a revoked key 403 (see ``search_api.keys``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import HTTPException, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from search_api.keys import ApiKey, KeyCheck, check_key

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
                if path.startswith("/admin"):
                    headers["cache-control"] = "no-store"
                elif path.startswith("/static/") and "cache-control" not in headers:
                    versioned = b"v=" in scope.get("query_string", b"")
                    headers["cache-control"] = (
                        "public, max-age=31536000, immutable" if versioned
                        else "public, max-age=3600")
            await send(message)

        await self.app(scope, receive, send_with_headers)


_api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, scheme_name="ApiKey",
    description="An admin API key from `sikoja apikey create NAME`.")
_bearer = HTTPBearer(auto_error=False, scheme_name="Bearer",
                     description="The same API key as a bearer token.")


def require_admin(
    request: Request,
    api_key: Annotated[str | None, Security(_api_key_header)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
) -> ApiKey:
    """The admin's key, or 401 (missing or unknown) / 403 (revoked)."""
    plain = api_key or (bearer.credentials if bearer else None)
    if not plain:
        raise HTTPException(
            status_code=401,
            detail="an admin API key is required: send it in X-API-Key or "
                   "Authorization: Bearer",
            headers={"WWW-Authenticate": "Bearer"})
    status, key = check_key(request.app.state.settings.data_dir, plain.strip())
    if status is KeyCheck.REVOKED:
        raise HTTPException(status_code=403, detail="this API key has been revoked")
    if status is not KeyCheck.VALID or key is None:
        raise HTTPException(status_code=401, detail="unknown API key",
                            headers={"WWW-Authenticate": "Bearer"})
    return key
