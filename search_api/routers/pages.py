"""The pages: the citizen's search page at /, the embeddable widget, the admin page, docs.

Pages are static files from ``search_api/static`` (no framework, no CDN). The HTML is read
once at start-up and its asset links get a content hash (``app.js?v=...``), so phones can
cache scripts and styles for a year and still see a new version the moment it is deployed.
Swagger UI for /docs comes from the ``fastapi-offline`` package, served from here too.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles

from sikoja.config import Settings

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
_ASSET = re.compile(r'(/static/[\w.-]+\.(?:js|css|svg))(?=")')


def _versioned(html: str) -> str:
    def add_version(match: re.Match[str]) -> str:
        path = STATIC_DIR / match.group(1).removeprefix("/static/")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10] if path.is_file() else "0"
        return f"{match.group(1)}?v={digest}"

    return _ASSET.sub(add_version, html)


def _page(name: str, settings: Settings) -> bytes:
    text = (STATIC_DIR / name).read_text(encoding="utf-8")
    text = text.replace("{{MAX_QUERY_LENGTH}}", str(settings.api.max_query_length))
    return _versioned(text).encode()


def mount_pages(app: FastAPI, settings: Settings) -> None:
    index_html = _page("index.html", settings)
    admin_html = _page("admin.html", settings)
    docs_html = _page("docs.html", settings)
    widget_js = _page("widget.js", settings)
    router = APIRouter(include_in_schema=False)

    @router.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse)
    async def search_page() -> Response:
        return Response(index_html, media_type="text/html; charset=utf-8",
                        headers={"Cache-Control": "no-cache"})

    @router.api_route("/admin", methods=["GET", "HEAD"], response_class=HTMLResponse)
    async def admin_page() -> Response:
        return Response(admin_html, media_type="text/html; charset=utf-8")

    @router.api_route("/docs", methods=["GET", "HEAD"], response_class=HTMLResponse)
    async def docs_page() -> Response:
        return Response(docs_html, media_type="text/html; charset=utf-8")

    @router.api_route("/widget.js", methods=["GET", "HEAD"])
    async def widget() -> Response:
        # Loaded by other portals' pages: cross-origin script use is the point.
        return Response(widget_js, media_type="text/javascript; charset=utf-8",
                        headers={"Cache-Control": "public, max-age=3600",
                                 "Cross-Origin-Resource-Policy": "cross-origin"})

    @router.api_route("/robots.txt", methods=["GET", "HEAD"], response_class=PlainTextResponse)
    async def robots() -> str:
        return "User-agent: *\nDisallow: /api/\nDisallow: /admin\n"

    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    try:
        import fastapi_offline

        swagger = Path(fastapi_offline.__file__).parent / "static"
        app.mount("/docs-assets", StaticFiles(directory=swagger), name="docs-assets")
    except ImportError:  # docs page then shows its plain fallback text
        pass
