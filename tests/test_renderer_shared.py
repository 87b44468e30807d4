"""The search page and the widget put index text on screen with one renderer (render.js).

That code is what keeps a crawled ``<script>`` inert, so it exists once: the page loads it
before its own script, the widget carries it inside its one script tag, and neither keeps a
copy of its own. (The browser tests show both rendering real answers with it.)
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from search_api.app import create_app
from search_api.assets import STATIC_DIR
from sikoja.config import load_settings

SHARED = ("function el(", "function safeUrl(", "function link(", "var ENTITIES",
          "function decodeEntities(", "function appendSnippet(", "function factRow(",
          "function renderCard(")


@pytest.fixture(scope="module")
def client(tmp_path_factory):  # noqa: ANN001, ANN201
    settings = load_settings(tmp_path_factory.mktemp("data"), embedder="none")
    with TestClient(create_app(settings)) as c:
        yield c


def test_the_widget_carries_the_shared_renderer_inside_its_one_script(client):
    renderer = (STATIC_DIR / "render.js").read_text(encoding="utf-8")
    widget = client.get("/widget.js").text
    assert renderer in widget
    # inside the widget's function: the portal's global scope gets nothing
    assert widget.index("(function () {") < widget.index(renderer)
    assert widget.rstrip().endswith("})();")
    for definition in SHARED:
        assert widget.count(definition) == 1, definition
    assert client.get("/static/widget.js").text == widget  # never the file without it


def test_the_page_loads_the_same_renderer_first_and_keeps_no_copy(client):
    page = client.get("/").text
    scripts = re.findall(r'<script src="(/static/[\w.-]+\.js)\?v=\w+"', page)
    assert scripts == ["/static/render.js", "/static/app.js"]
    app_js = client.get("/static/app.js").text
    render_js = client.get("/static/render.js").text
    assert render_js == (STATIC_DIR / "render.js").read_text(encoding="utf-8")
    for definition in SHARED:
        assert definition not in app_js, definition
        assert render_js.count(definition) == 1, definition
    assert "sikojaRender(" in app_js
