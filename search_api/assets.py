"""The pages and scripts the server sends, read once when an app is made.

Pages are static files from ``search_api/static`` (no framework, no CDN). Their asset links
get a content hash (``app.js?v=...``), so phones can cache scripts and styles for a year and
still see a new version the moment it is deployed; the settings a page needs (the query
length limit) are filled in.

The widget is one script for a portal to embed, yet shares its renderer (snippets, links,
entities, answer cards: the code that keeps crawled markup inert) with the search page:
``render.js`` is put into ``widget.js`` at the marked place, inside the widget's function,
when the app is made. The page loads ``render.js`` itself, before ``app.js``.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from sikoja.config import Settings

STATIC_DIR = Path(__file__).resolve().parent / "static"
_ASSET = re.compile(r'(/static/[\w.-]+\.(?:js|css|svg))(?=")')


def _versioned(html: str) -> str:
    def add_version(match: re.Match[str]) -> str:
        path = STATIC_DIR / match.group(1).removeprefix("/static/")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10] if path.is_file() else "0"
        return f"{match.group(1)}?v={digest}"

    return _ASSET.sub(add_version, html)


class Pages:
    """The pages of one app, with its settings filled in (the query length limit), read
    once when the app is made."""

    def __init__(self, settings: Settings) -> None:
        self.index_html = _page("index.html", settings)
        self.admin_html = _page("admin.html", settings)
        self.docs_html = _page("docs.html", settings)
        self.widget_js = _page("widget.js", settings, renderer=True)


RENDER_MARK = "/* sikoja:render.js"


def with_renderer(script: str) -> str:
    """``script`` with ``render.js`` after the comment that starts with ``RENDER_MARK``."""
    start = script.index(RENDER_MARK)  # a widget without the mark fails the app's start
    end = script.index("*/", start) + 2
    renderer = (STATIC_DIR / "render.js").read_text(encoding="utf-8")
    return script[:end] + "\n" + renderer + script[end:]


def _page(name: str, settings: Settings, *, renderer: bool = False) -> bytes:
    text = (STATIC_DIR / name).read_text(encoding="utf-8")
    if renderer:
        text = with_renderer(text)
    text = text.replace("{{MAX_QUERY_LENGTH}}", str(settings.api.max_query_length))
    return _versioned(text).encode()


