"""The pages: the citizen's search page at /, the embeddable widget, the admin page, docs.

The pages themselves are read once per app (``search_api.assets``). Swagger UI for /docs
comes from the ``fastapi-offline`` package, served from here too.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles

from search_api.assets import STATIC_DIR
from search_api.deps import PagesDep

router = APIRouter(include_in_schema=False)


@router.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse)
async def search_page(pages: PagesDep) -> Response:
    return Response(pages.index_html, media_type="text/html; charset=utf-8",
                    headers={"Cache-Control": "no-cache"})


@router.api_route("/admin", methods=["GET", "HEAD"], response_class=HTMLResponse)
async def admin_page(pages: PagesDep) -> Response:
    return Response(pages.admin_html, media_type="text/html; charset=utf-8")


@router.api_route("/docs", methods=["GET", "HEAD"], response_class=HTMLResponse)
async def docs_page(pages: PagesDep) -> Response:
    return Response(pages.docs_html, media_type="text/html; charset=utf-8")


@router.api_route("/widget.js", methods=["GET", "HEAD"])
@router.api_route("/static/widget.js", methods=["GET", "HEAD"])  # never without its renderer
async def widget(pages: PagesDep) -> Response:
    # Loaded by other portals' pages: cross-origin script use is the point.
    return Response(pages.widget_js, media_type="text/javascript; charset=utf-8",
                    headers={"Cache-Control": "public, max-age=3600",
                             "Cross-Origin-Resource-Policy": "cross-origin"})


@router.api_route("/robots.txt", methods=["GET", "HEAD"], response_class=PlainTextResponse)
async def robots() -> str:
    return "User-agent: *\nDisallow: /api/\nDisallow: /admin\n"


def mount_static(app: FastAPI) -> None:
    """Static files, and Swagger UI's own files for /docs (no CDN)."""
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    try:
        import fastapi_offline

        swagger = Path(fastapi_offline.__file__).parent / "static"
        app.mount("/docs-assets", StaticFiles(directory=swagger), name="docs-assets")
    except ImportError:  # docs page then shows its plain fallback text
        pass
