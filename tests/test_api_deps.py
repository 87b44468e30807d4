"""The API's parts come through typed dependencies, and its limits from the settings.

A test (or another deployment) can hand the app a different part with
``app.dependency_overrides`` and every route uses it. The query-length limit is one setting
that the API, its OpenAPI schema, the search page and the CLI all keep, with one sentence;
the answer cache keeps answers for the configured time.
"""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from indexer.build import build_index
from search_api.app import create_app
from search_api.deps import get_search
from search_api.service import SearchService
from sikoja.cli import main
from sikoja.config import load_settings
from sikoja.documents import Document
from sikoja.errors import query_too_long
from sikoja.store import DocumentStore

KTP_URL = "http://127.0.0.1:8701/layanan/ktp-el.html"


def _indexed(data_dir, **overrides):  # noqa: ANN001, ANN202
    settings = load_settings(data_dir, embedder="none", **overrides)
    store = DocumentStore.open(settings.data_dir)
    store.upsert(Document(
        url=KTP_URL, source="disdukcapil", opd="Dinas Kependudukan dan Pencatatan Sipil",
        kind="service", title="Perekaman dan Penerbitan KTP-el",
        text="Urus KTP-el di kantor Disdukcapil. Persyaratan: fotokopi Kartu Keluarga."))
    store.upsert(Document(
        url="http://127.0.0.1:8702/layanan/pbg.html", source="dpmptsp",
        opd="Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", kind="service",
        title="Persetujuan Bangunan Gedung (PBG)",
        text="PBG menggantikan Izin Mendirikan Bangunan; diajukan melalui SIMBG."))
    store.close()
    build_index(settings)
    return settings


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):  # noqa: ANN001, ANN201
    return _indexed(tmp_path_factory.mktemp("indexed"))


def test_an_overridden_search_service_answers_every_search_route(tmp_path, indexed):
    empty = load_settings(tmp_path, embedder="none")
    app = create_app(empty)
    other = SearchService(indexed)  # a real service over another data dir's index
    with TestClient(app) as client:
        assert client.get("/api/search", params={"q": "urus ktp"}).status_code == 503
        app.dependency_overrides[get_search] = lambda: other
        try:
            r = client.get("/api/search", params={"q": "urus ktp"})
            assert r.status_code == 200
            assert r.json()["results"][0]["url"] == KTP_URL
            health = client.get("/api/health").json()
            assert health["index"]["documents"] == 2
            assert "Persetujuan Bangunan Gedung (PBG)" in client.get(
                "/api/suggest", params={"q": "persetujuan"}).json()["suggestions"]
        finally:
            app.dependency_overrides.clear()
            other.close()
        assert client.get("/api/search", params={"q": "urus ktp"}).status_code == 503


def test_one_query_length_limit_for_api_schema_page_and_cli(tmp_path, capsys):
    (tmp_path / "sikoja.yaml").write_text("api:\n  max_query_length: 12\n", encoding="utf-8")
    settings = _indexed(tmp_path)
    assert settings.api.max_query_length == 12
    sentence = query_too_long(12)
    with TestClient(create_app(settings)) as client:
        r = client.get("/api/search", params={"q": "urus ktp baru"})  # 13 characters
        assert r.status_code == 422 and r.json()["message"] == sentence
        assert client.get("/api/search", params={"q": "urus ktp bar"}).status_code == 200
        assert client.get("/api/suggest", params={"q": "x" * 13}).status_code == 422
        click = client.post("/api/click", json={"query": "x" * 13, "id": "abc"})
        assert click.status_code == 422 and click.json()["message"] == sentence
        spec = client.get("/openapi.json").json()
        q = next(p for p in spec["paths"]["/api/search"]["get"]["parameters"]
                 if p["name"] == "q")
        assert q["schema"]["maxLength"] == 12
        assert 'maxlength="12"' in client.get("/").text
        assert "maxlength: '12'" in client.get("/widget.js").text
    assert main(["search", "--data-dir", str(tmp_path), "urus ktp baru"]) != 0
    assert sentence in capsys.readouterr().err
    assert main(["search", "--data-dir", str(tmp_path), "urus ktp bar"]) == 0
    assert KTP_URL in capsys.readouterr().out


def test_cached_answers_expire_after_the_configured_time(tmp_path):
    (tmp_path / "sikoja.yaml").write_text(
        "api:\n  cache_ttl_seconds: 0.5\n  search_cache_entries: 1\n  search_threads: 1\n",
        encoding="utf-8")
    settings = _indexed(tmp_path)
    with TestClient(create_app(settings)) as client:
        def cache(q: str) -> str:
            return client.get("/api/search", params={"q": q}).headers["x-sikoja-cache"]

        assert cache("urus ktp") == "miss"
        assert cache("urus ktp") == "hit"
        time.sleep(0.6)
        assert cache("urus ktp") == "miss"
        assert cache("pbg") == "miss"  # one entry only: this one pushes "urus ktp" out
        assert cache("urus ktp") == "miss"
