"""The web API as citizens, portals and admins use it, over a real index of a tiny corpus.

Given a handful of Kota Jambi service pages (one of them carrying a <script> payload), the
API answers "urus KTP" with the KTP-el service and its answer card, refuses what it must
(over-long queries, floods, missing or revoked admin keys) with clear status codes, never
leaks internals, and records analytics without personal data.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from indexer.build import build_index
from search_api.app import create_app
from search_api.jobs import JobRunner
from search_api.keys import create_key, list_keys, revoke_key
from sikoja.config import Settings, load_settings
from sikoja.documents import Document
from sikoja.store import DocumentStore

DUKCAPIL = "Dinas Kependudukan dan Pencatatan Sipil"
DPMPTSP = "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"
KTP_URL = "http://127.0.0.1:8701/layanan/ktp-el.html"
AKTA_URL = "http://127.0.0.1:8701/layanan/akta-kelahiran.html"
KK_URL = "http://127.0.0.1:8701/layanan/kartu-keluarga.html"
PBG_URL = "http://127.0.0.1:8702/layanan/pbg.html"
NEWS_URL = "http://127.0.0.1:8701/berita/jemput-bola-ktp.html"
SIKESAL_URL = "http://127.0.0.1:8712/aplikasi/sikesal.html"
XSS_URL = "http://127.0.0.1:8701/pengumuman-jadwal.html"
CONTACT_URL = "http://127.0.0.1:8701/kontak.html"
PORTAL = "http://127.0.0.1:8799"
SCRIPT_TITLE = "Pengumuman Jadwal <script>window.__pwned=1</script> Pelayanan"


def corpus() -> list[Document]:
    return [
        Document(
            url=KTP_URL, source="disdukcapil", opd=DUKCAPIL, kind="service",
            title="Perekaman dan Penerbitan KTP-el",
            headings=["Persyaratan", "Biaya", "Waktu Penyelesaian"],
            text="Perekaman dan penerbitan Kartu Tanda Penduduk elektronik (KTP-el) bagi "
                 "penduduk yang berusia 17 tahun atau sudah kawin. Urus KTP-el di kantor "
                 "Disdukcapil. Persyaratan: fotokopi Kartu Keluarga, surat pengantar RT/RW. "
                 "Biaya gratis. Waktu penyelesaian 1 hari kerja.",
            fields={"requirements": ["Berusia 17 tahun atau sudah kawin",
                                     "Fotokopi Kartu Keluarga", "Surat pengantar RT/RW"],
                    "procedure": ["Ambil nomor antrean", "Perekaman biometrik",
                                  "Ambil KTP-el"],
                    "cost": "Gratis", "duration": "1 hari kerja",
                    "location": "Kantor Disdukcapil Kota Jambi, Jl. Jend. Basuki Rahmat",
                    "online_url": "https://disdukcapil.example.go.id/daftar"},
        ),
        Document(
            url=AKTA_URL, source="disdukcapil", opd=DUKCAPIL, kind="service",
            title="Penerbitan Akta Kelahiran",
            headings=["Persyaratan", "Biaya"],
            text="Akta kelahiran diterbitkan untuk setiap anak yang lahir di Kota Jambi. "
                 "Persyaratan: surat keterangan lahir dari rumah sakit atau bidan, Kartu "
                 "Keluarga orang tua, KTP-el orang tua, buku nikah. Biaya gratis.",
            fields={"requirements": ["Surat keterangan lahir", "Kartu Keluarga orang tua",
                                     "KTP-el orang tua", "Buku nikah"],
                    "cost": "Gratis", "duration": "3 hari kerja"},
        ),
        Document(
            url=KK_URL, source="disdukcapil", opd=DUKCAPIL, kind="service",
            title="Penerbitan Kartu Keluarga Baru",
            text="Kartu Keluarga (KK) baru untuk keluarga yang baru menikah atau pisah KK. "
                 "Persyaratan: buku nikah, surat pengantar RT/RW. Biaya gratis.",
            fields={"requirements": ["Buku nikah", "Surat pengantar RT/RW"], "cost": "Gratis"},
        ),
        Document(
            url=PBG_URL, source="dpmptsp", opd=DPMPTSP, kind="service",
            title="Persetujuan Bangunan Gedung (PBG)",
            text="Persetujuan Bangunan Gedung (PBG) menggantikan Izin Mendirikan Bangunan. "
                 "Permohonan diajukan melalui SIMBG. Persyaratan: data pemohon, data tanah, "
                 "gambar rencana teknis bangunan.",
            fields={"requirements": ["Data pemohon", "Data tanah", "Gambar rencana teknis"]},
        ),
        Document(
            url=NEWS_URL, source="disdukcapil", opd=DUKCAPIL, kind="news",
            title="Disdukcapil Jemput Bola Perekaman KTP-el ke Sekolah",
            text="Disdukcapil Kota Jambi menggelar perekaman KTP-el di sekolah bagi pelajar "
                 "yang sudah berusia 17 tahun.",
        ),
        Document(
            url=SIKESAL_URL, source="diskominfo-apps", opd="Dinas Komunikasi dan Informatika",
            kind="app", title="SiKesal",
            text="Aplikasi pengaduan masyarakat Kota Jambi: laporkan jalan rusak, lampu jalan "
                 "mati, sampah dan banjir dengan foto dan lokasi.",
            fields={"platform": "Android", "status": "active"},
        ),
        Document(
            url=XSS_URL, source="disdukcapil", opd=DUKCAPIL, kind="page",
            title=SCRIPT_TITLE,
            text="Pengumuman jadwal pelayanan hari Sabtu <script>document.title='pwned';"
                 "window.__pwned=2</script> <img src=x onerror=\"window.__pwned=3\"> "
                 "kantor tetap buka.",
        ),
        Document(
            url=CONTACT_URL, source="disdukcapil", opd=DUKCAPIL, kind="page",
            title="Hubungi Kami",
            text="Alamat: Jl. Jend. Basuki Rahmat No. 1, Kota Jambi\n"
                 "Jam Pelayanan: Senin-Kamis 08.00-16.00 WIB\nTelepon: (0741) 123456",
            # as crawled from a page whose phone line carried markup (shown as text)
            fields={"contact": {"address": "Jl. Jend. Basuki Rahmat No. 1, Kota Jambi",
                                "hours": "Senin-Kamis 08.00-16.00 WIB",
                                "phone": "(0741) 123456 <img src=x onerror=window.__pwned=4>",
                                "page": True}},
        ),
    ]


def build_data_dir(path: Path, **api: object) -> Settings:
    """A data dir with the corpus crawled and indexed (keyword only: fast and offline)."""
    store = DocumentStore.open(path)
    for doc in corpus():
        store.upsert(doc)
    store.close()
    settings = api_settings(path, **api)
    build_index(settings)
    return settings


def api_settings(path: Path, **api: object) -> Settings:
    """The API's settings for a test: the portal's origin allowed, no rate limit in the way,
    and a new index version looked for every 0.2 s, not every 2 s (the tests that build one
    and wait for the server to pick it up idled about 2 s each)."""
    settings = load_settings(path, embedder="none")
    settings.api = settings.api.model_copy(update={
        "cors_origins": [PORTAL], "rate_limit_per_minute": 10_000,
        "index_refresh_seconds": 0.2, **api})
    return settings


@pytest.fixture()
def settings(tmp_path, tmp_path_factory) -> Settings:
    """A data dir of the test's own, as ``build_data_dir`` makes it: a copy of one built
    once per session, since building was most of each API test's set-up."""
    built = tmp_path_factory.getbasetemp() / "api-data"
    if not built.is_dir():
        building = tmp_path_factory.mktemp("api-data-building") / "data"
        build_data_dir(building)
        building.rename(built)  # complete or absent, never half built
    shutil.copytree(built, tmp_path / "data")
    return api_settings(tmp_path / "data")


@pytest.fixture()
def client(settings):
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture(scope="module")
def reader(tmp_path_factory):
    """One running app for the tests that only read answers and pages, and whose
    assertions hold whatever was asked before (not the cache's, the analytics' or the
    metrics' counts): a fresh app's first search costs 0.13-0.18 s of CPU (building the
    analyzer's expansions), once per test before (session 10, issue #14)."""
    data = tmp_path_factory.mktemp("api-reader") / "data"
    with TestClient(create_app(build_data_dir(data))) as c:
        yield c


@pytest.fixture()
def admin_key(settings) -> str:
    return create_key(settings.data_dir, "ana-diskominfo")


def auth(key: str) -> dict[str, str]:
    return {"X-API-Key": key}


# -- the citizen's search -----------------------------------------------------------------


def test_urus_ktp_answers_with_the_ktp_service_and_its_requirements(reader):
    r = reader.get("/api/search", params={"q": "urus KTP"})
    assert r.status_code == 200
    body = r.json()
    assert body["query"] == "urus KTP"
    first = body["results"][0]
    assert first["url"] == KTP_URL
    assert {"url", "title", "opd", "kind", "snippet", "score", "id"} <= first.keys()
    assert first["opd"] == DUKCAPIL and first["kind"] == "service"
    card = body["answer"]
    assert card["url"] == KTP_URL
    assert "Fotokopi Kartu Keluarga" in card["requirements"]
    assert card["cost"] == "Gratis" and card["duration"] == "1 hari kerja"
    assert card["online_url"] == "https://disdukcapil.example.go.id/daftar"
    assert body["facets"]["opd"][DUKCAPIL] >= 1
    assert [x["score"] for x in body["results"]] == sorted(
        (x["score"] for x in body["results"]), reverse=True) or body["results"][0]["best_bet"]


def test_answers_are_compressed_for_slow_phone_connections(reader):
    r = reader.get("/api/search", params={"q": "urus KTP"}, headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    assert r.json()["results"][0]["url"] == KTP_URL
    assert reader.get("/static/app.js", headers={"Accept-Encoding": "gzip"}).headers[
        "content-encoding"] == "gzip"


def test_repeated_query_is_served_from_the_cache_with_the_callers_spelling(client):
    first = client.get("/api/search", params={"q": "akta kelahiran"})
    again = client.get("/api/search", params={"q": "  Akta   KELAHIRAN "})
    assert first.headers["x-sikoja-cache"] == "miss"
    assert again.headers["x-sikoja-cache"] == "hit"
    assert again.json()["query"] == "Akta   KELAHIRAN"
    assert again.json()["results"] == first.json()["results"]


def test_filters_by_opd_and_kind_and_pages(reader):
    r = reader.get("/api/search", params={"q": "ktp", "kind": "news"})
    assert r.status_code == 200
    assert [x["url"] for x in r.json()["results"]] == [NEWS_URL]
    r = reader.get("/api/search", params={"q": "persyaratan", "opd": DPMPTSP})
    assert {x["opd"] for x in r.json()["results"]} == {DPMPTSP}
    whole = reader.get("/api/search", params={"q": "persyaratan", "limit": 10}).json()
    second = reader.get("/api/search", params={"q": "persyaratan", "limit": 1, "page": 2}).json()
    assert whole["total"] >= 2
    assert second["results"][0]["url"] == whole["results"][1]["url"]
    bad = reader.get("/api/search", params={"q": "ktp", "kind": "spaceship"})
    assert bad.status_code == 422


def test_over_long_query_is_a_clear_422(reader, settings):
    limit = settings.api.max_query_length
    r = reader.get("/api/search", params={"q": "k" * (limit + 1)})
    assert r.status_code == 422
    assert r.json()["message"] == f"the query is too long: at most {limit} characters are allowed"
    assert reader.get("/api/search", params={"q": "k" * limit}).status_code == 200
    assert reader.get("/api/suggest", params={"q": "k" * (limit + 1)}).status_code == 422
    assert reader.get("/api/search", params={"q": "   "}).status_code == 422
    missing = reader.get("/api/search")
    assert missing.status_code == 422 and missing.json()["message"] == "q is required"


def test_suggest_offers_service_names_while_typing(reader):
    r = reader.get("/api/suggest", params={"q": "akt"})
    assert r.status_code == 200
    assert "Penerbitan Akta Kelahiran" in r.json()["suggestions"]
    assert reader.get("/api/suggest", params={"q": "persetujuan bang"}).json()[
        "suggestions"] == ["Persetujuan Bangunan Gedung (PBG)"]


def test_one_service_with_its_fields_and_source(reader):
    top = reader.get("/api/search", params={"q": "urus KTP"}).json()["results"][0]
    r = reader.get(f"/api/services/{top['id']}")
    assert r.status_code == 200
    service = r.json()
    assert service["url"] == KTP_URL and service["source"] == "disdukcapil"
    assert service["fields"]["requirements"][1] == "Fotokopi Kartu Keluarga"
    assert reader.get("/api/services/0000000000000000").status_code == 404
    assert reader.get("/api/services/not%20an%20id").status_code == 422


def test_health_reports_index_age_and_size(client):
    r = client.get("/api/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    assert body["index"]["documents"] == len(corpus())
    assert 0 <= body["index"]["age_seconds"] < 3600
    assert isinstance(body["sources"], list)


def test_health_is_503_before_any_index_exists(tmp_path):
    settings = load_settings(tmp_path, embedder="none")
    with TestClient(create_app(settings)) as c:
        assert c.get("/api/health").status_code == 503
        r = c.get("/api/search", params={"q": "ktp"})
        assert r.status_code == 503 and r.headers["retry-after"] == "30"
        assert "index" in r.json()["detail"]


def test_metrics_in_prometheus_format(client):
    client.get("/api/search", params={"q": "urus KTP"})
    client.get("/api/services/0000000000000000")
    text = client.get("/metrics").text
    assert 'sikoja_http_requests_total{method="GET",route="/api/search",status="200"}' in text
    assert 'route="/api/services/{doc_id}",status="404"' in text
    assert "sikoja_http_request_duration_seconds_bucket" in text
    assert f"sikoja_index_documents {float(len(corpus()))}" in text
    assert "sikoja_job_running" in text
    assert "sikoja_search_cache_lookups_total" in text


def test_suggest_cache_counts_each_lookup_once(client):
    for _ in range(2):
        assert client.get("/api/suggest", params={"q": "akt"}).status_code == 200
    text = client.get("/metrics").text
    assert 'sikoja_suggest_cache_lookups_total{result="miss"} 1.0' in text
    assert 'sikoja_suggest_cache_lookups_total{result="hit"} 1.0' in text


def test_openapi_documents_the_public_api(reader, settings):
    spec = reader.get("/openapi.json").json()
    search = spec["paths"]["/api/search"]["get"]
    q = next(p for p in search["parameters"] if p["name"] == "q")
    assert q["schema"]["maxLength"] == settings.api.max_query_length
    assert {"/api/suggest", "/api/services/{doc_id}", "/api/click", "/api/health"} <= set(
        spec["paths"])
    docs = reader.get("/docs")
    assert docs.status_code == 200 and "/docs-assets/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    assert reader.get("/docs-assets/swagger-ui-bundle.js").status_code == 200


# -- crawled content is data, never markup -----------------------------------------------


def test_a_crawled_script_payload_is_returned_as_text(reader):
    r = reader.get("/api/search", params={"q": "pengumuman jadwal pelayanan"})
    assert r.headers["content-type"] == "application/json"
    assert r.headers["x-content-type-options"] == "nosniff"
    hit = next(x for x in r.json()["results"] if x["url"] == XSS_URL)
    assert hit["title"] == SCRIPT_TITLE  # the text as crawled, for textContent
    assert "<script" not in hit["snippet"] and "<img" not in hit["snippet"]
    assert "&lt;script&gt;" in hit["snippet"]
    markup = hit["snippet"].replace("<mark>", "").replace("</mark>", "")
    assert "<" not in markup
    detail = reader.get(f"/api/services/{hit['id']}").json()
    assert detail["title"] == SCRIPT_TITLE


def test_pages_have_no_inline_script_and_a_strict_csp(reader):
    page = reader.get("/")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert f"frame-ancestors 'self' {PORTAL}" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    import re

    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page.text, re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    assert "on" + "click=" not in page.text and "http://" not in page.text.replace(
        "http://www.w3.org", "")
    admin = reader.get("/admin")
    assert "frame-ancestors 'none'" in admin.headers["content-security-policy"]
    assert admin.headers["x-frame-options"] == "DENY"
    widget = reader.get("/widget.js")
    assert widget.headers["content-type"].startswith("text/javascript")
    assert "innerHTML" not in widget.text and "innerHTML" not in reader.get(
        "/static/app.js").text


def test_errors_never_show_stack_traces_or_paths(settings):
    app = create_app(settings)

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError(f"cannot read {settings.data_dir}/index/secret.bin")

    class Panic(BaseException):  # what pyo3 raises when a Rust extension panics
        pass

    @app.get("/api/panic")
    def panic() -> None:
        raise Panic("index out of bounds: the len is 6 but the index is 6")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/panic")
        assert r.status_code == 500 and r.json()["detail"] == "internal server error"
        assert "index out of bounds" not in r.text
        r = c.get("/api/boom")
        assert r.status_code == 500
        assert r.json()["detail"] == "internal server error"
        assert str(settings.data_dir) not in r.text and "Traceback" not in r.text
        assert r.headers["x-content-type-options"] == "nosniff"  # still through middleware
        nothing = c.get("/api/nothing-here")
        assert nothing.status_code == 404 and str(settings.data_dir) not in nothing.text


# -- embedding portals: CORS ---------------------------------------------------------------


def test_cors_allows_only_listed_portals_and_never_admin_headers(reader):
    ok = reader.get("/api/search", params={"q": "ktp"}, headers={"Origin": PORTAL})
    assert ok.headers["access-control-allow-origin"] == PORTAL
    other = reader.get("/api/search", params={"q": "ktp"},
                       headers={"Origin": "http://127.0.0.1:9999"})
    assert "access-control-allow-origin" not in other.headers
    preflight = reader.options("/api/click", headers={
        "Origin": PORTAL, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    admin = reader.options("/admin/api/status", headers={
        "Origin": PORTAL, "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "x-api-key"})
    assert admin.status_code != 200 and "access-control-allow-origin" not in admin.headers


def test_an_allowed_portal_gets_no_cors_headers_from_the_admin_api(client, admin_key):
    """A portal's scripts may call the public API, never read admin answers."""
    for path in ("/admin/api/status", "/admin/api/synonyms", "/admin"):
        r = client.get(path, headers={"Origin": PORTAL, **auth(admin_key)})
        assert r.status_code == 200, path
        assert not any(h.startswith("access-control-") for h in r.headers), (path, r.headers)
    public = client.get("/api/health", headers={"Origin": PORTAL})
    assert public.headers["access-control-allow-origin"] == PORTAL


# -- protection ----------------------------------------------------------------------------


def test_rate_limit_answers_429_with_retry_after(tmp_path):
    settings = build_data_dir(tmp_path, rate_limit_per_minute=5)
    with TestClient(create_app(settings)) as c:
        codes = [c.get("/api/search", params={"q": "ktp"}).status_code for _ in range(5)]
        assert codes == [200] * 5
        r = c.get("/api/search", params={"q": "ktp"})
        assert r.status_code == 429
        assert int(r.headers["retry-after"]) >= 1
        assert "try again" in r.json()["detail"]
        assert c.get("/").status_code == 200  # the page itself is not limited
        other_client = c.get("/api/health", headers={"X-Forwarded-For": "10.1.2.3"})
        assert other_client.status_code == 429  # proxy headers are not trusted by default
        assert "sikoja_rate_limited_requests_total" in c.get("/metrics").text


def test_behind_a_trusted_proxy_each_client_has_its_own_bucket(tmp_path):
    settings = build_data_dir(tmp_path, rate_limit_per_minute=2, trust_proxy_headers=True)
    with TestClient(create_app(settings)) as c:
        a = {"X-Forwarded-For": "203.0.113.7"}
        b = {"X-Forwarded-For": "198.51.100.9"}
        assert [c.get("/api/search", params={"q": "ktp"}, headers=a).status_code
                for _ in range(3)] == [200, 200, 429]
        assert c.get("/api/search", params={"q": "ktp"}, headers=b).status_code == 200


# -- admin: keys ----------------------------------------------------------------------------


def _all_routes(app) -> list:
    """Every route the app serves, whatever routers they came from."""
    try:
        from fastapi.routing import iter_route_contexts  # FastAPI >= 0.13x: included routers
    except ImportError:
        return list(app.routes)
    return list(iter_route_contexts(app.routes))


def _admin_routes(app) -> list[tuple[str, str]]:
    routes = []
    for route in _all_routes(app):
        path = getattr(route, "path", "")
        if not path.startswith("/admin") or path == "/admin":  # /admin is the static page
            continue
        for method in sorted(getattr(route, "methods", None) or {"GET"}):
            if method in ("HEAD", "OPTIONS"):
                continue
            # {name} or {name:convertor}: an id, or a synonym rule
            concrete = re.sub(r"\{(\w+)(?::\w+)?\}",
                              lambda m: "kk, kartu keluarga" if m[1] == "rule" else "1", path)
            routes.append((method, concrete))
    return routes


def test_every_admin_endpoint_needs_a_valid_unrevoked_key(client, settings):
    routes = _admin_routes(client.app)
    assert len(routes) >= 15
    revoked = create_key(settings.data_dir, "mantan-admin")
    revoke_key(settings.data_dir, "mantan-admin")
    for method, path in routes:
        none = client.request(method, path, json={})
        assert none.status_code == 401, (method, path)
        assert none.headers["www-authenticate"] == "Bearer"
        bogus = client.request(method, path, json={}, headers=auth("skj_not-a-real-key"))
        assert bogus.status_code == 401, (method, path)
        gone = client.request(method, path, json={}, headers=auth(revoked))
        assert gone.status_code == 403, (method, path)
        gone_bearer = client.request(method, path, json={},
                                     headers={"Authorization": f"Bearer {revoked}"})
        assert gone_bearer.status_code == 403, (method, path)


def test_a_valid_key_works_in_either_header_and_revocation_is_immediate(client, settings):
    key = create_key(settings.data_dir, "budi")
    assert client.get("/admin/api/status", headers=auth(key)).json()["key"] == "budi"
    r = client.get("/admin/api/status", headers={"Authorization": f"Bearer {key}"})
    assert r.status_code == 200 and r.json()["index"]["documents"] == len(corpus())
    revoke_key(settings.data_dir, "budi")
    assert client.get("/admin/api/status", headers=auth(key)).status_code == 403
    stored = sqlite3.connect(settings.data_dir / "admin.db").execute(
        "SELECT hash FROM api_keys").fetchall()
    assert all(key not in row[0] for row in stored)  # only the hash is kept
    assert [k.name for k in list_keys(settings.data_dir)] == ["budi"]


def test_apikey_cli_creates_lists_and_revokes(settings, capsys):
    from sikoja.cli import main

    assert main(["apikey", "create", "--data-dir", str(settings.data_dir), "citra"]) == 0
    key = capsys.readouterr().out.strip()
    assert key.startswith("skj_")
    assert main(["apikey", "list", "--data-dir", str(settings.data_dir)]) == 0
    listing = capsys.readouterr().out
    assert "citra" in listing and key not in listing
    assert main(["apikey", "revoke", "--data-dir", str(settings.data_dir), "citra"]) == 0
    assert main(["apikey", "revoke", "--data-dir", str(settings.data_dir), "citra"]) == 2
    assert "already revoked" in capsys.readouterr().err


def test_report_queries_cli_prints_the_analytics(client, settings, capsys):
    from sikoja.cli import main

    for v in range(3):
        _search_as(client, "qwxzv layanan", v)
    client.app.state.analytics.flush()
    assert main(["report", "queries", "--data-dir", str(settings.data_dir)]) == 0
    out = capsys.readouterr().out
    assert "Zero-result queries" in out and "qwxzv layanan" in out


# -- admin: best bets, synonyms, jobs ---------------------------------------------------------


def test_a_best_bet_pins_a_result_at_once_and_can_be_removed(client, admin_key):
    before = client.get("/api/search", params={"q": "lapor jalan rusak"}).json()
    assert not before["results"] or before["results"][0]["url"] != PBG_URL
    r = client.post("/admin/api/bestbets", headers=auth(admin_key),
                    json={"query": "lapor jalan rusak", "url": PBG_URL, "why": "uji"})
    assert r.status_code == 201
    bet = r.json()
    assert bet["who"] == "ana-diskominfo"
    pinned = client.get("/api/search", params={"q": "Lapor jalan rusak"}).json()
    assert pinned["results"][0]["url"] == PBG_URL and pinned["results"][0]["best_bet"]
    assert client.delete(f"/admin/api/bestbets/{bet['id']}",
                         headers=auth(admin_key)).status_code == 204
    after = client.get("/api/search", params={"q": "lapor jalan rusak"}).json()
    assert not after["results"] or after["results"][0]["url"] != PBG_URL
    bad = client.post("/admin/api/bestbets", headers=auth(admin_key),
                      json={"query": "x", "url": "javascript:alert(1)"})
    assert bad.status_code == 400 and "http" in bad.json()["detail"]


def test_answers_cached_after_an_admin_edit_are_kept(client, admin_key):
    client.get("/api/search", params={"q": "urus ktp"})  # a stamp check just happened
    r = client.post("/admin/api/synonyms", headers=auth(admin_key),
                    json={"terms": ["zzpecahkk", "kartu keluarga"], "why": "uji cache"})
    assert r.status_code == 201
    assert client.get("/api/search", params={"q": "zzpecahkk"}).headers[
        "x-sikoja-cache"] == "miss"
    client.app.state.search.answers._stamp_checked = 0.0  # as when the next stamp check is due
    assert client.get("/api/search", params={"q": "zzpecahkk"}).headers[
        "x-sikoja-cache"] == "hit"


def test_synonyms_are_edited_versioned_and_rolled_back(client, admin_key, settings):
    h = auth(admin_key)
    zero = client.get("/api/search", params={"q": "zzkependudukan"}).json()
    assert zero["total"] == 0
    history = client.get("/admin/api/synonyms/history", headers=h).json()
    start_version = history[0]["id"]
    r = client.post("/admin/api/synonyms", headers=h,
                    json={"terms": ["zzkependudukan", "ktp-el"], "why": "uji sinonim"})
    assert r.status_code == 201 and r.json()["who"] == "ana-diskominfo"
    found = client.get("/api/search", params={"q": "zzkependudukan"}).json()
    assert found["total"] > 0  # the cached zero answer was dropped
    rules = [s["rule"] for s in client.get("/admin/api/synonyms", headers=h).json()]
    assert "zzkependudukan, ktp-el" in rules
    text = client.get("/admin/api/synonyms/export", headers=h)
    assert text.headers["content-type"].startswith("text/plain")
    assert "zzkependudukan, ktp-el" in text.text
    bad = client.post("/admin/api/synonyms/import", headers=h,
                      json={"text": "ok, fine\nonlyone\n", "why": "uji"})
    assert bad.status_code == 400
    assert "import:2:" in bad.json()["detail"]  # the bad line of the text sent
    assert str(settings.data_dir) not in bad.text
    back = client.post("/admin/api/synonyms/rollback", headers=h,
                       json={"version": start_version, "why": "batal"})
    assert back.status_code == 200 and back.json()["action"] == "rollback"
    assert client.get("/api/search", params={"q": "zzkependudukan"}).json()["total"] == 0
    removed = client.delete("/admin/api/synonyms/kk, kartu keluarga", headers=h,
                            params={"why": "uji hapus"})
    assert removed.status_code in (200, 400)  # present in the default set or not: clear answer


@pytest.mark.slow  # waits for a background reindex
def test_reindex_job_runs_in_the_background_and_new_pages_become_searchable(
        client, admin_key, settings):
    store = DocumentStore.open(settings.data_dir)
    store.upsert(Document(
        url="http://127.0.0.1:8703/layanan/sktm.html", source="dinsos",
        opd="Dinas Sosial", kind="service", title="Surat Keterangan Tidak Mampu (SKTM)",
        text="SKTM untuk keringanan biaya sekolah dan berobat. Persyaratan: KTP-el, KK."))
    store.close()
    before = client.get("/api/search", params={"q": "sktm"}).json()["results"]
    assert "http://127.0.0.1:8703/layanan/sktm.html" not in [x["url"] for x in before]
    r = client.post("/admin/api/jobs/reindex", headers=auth(admin_key), json={})
    assert r.status_code == 202
    job = r.json()
    assert job["state"] == "running" and job["who"] == "ana-diskominfo"
    final = client.app.state.jobs.wait(job["id"], timeout=120)
    assert final.state == "done", final
    assert f"indexed {len(corpus()) + 1} documents" in final.summary
    status = client.get(f"/admin/api/jobs/{job['id']}", headers=auth(admin_key)).json()
    assert status["state"] == "done"
    results = client.get("/api/search", params={"q": "sktm"}).json()["results"]
    assert results[0]["title"] == "Surat Keterangan Tidak Mampu (SKTM)"


@pytest.mark.slow  # starts a job process
def test_a_job_whose_process_is_stopped_is_recorded_as_interrupted(settings):
    """The watcher stops at the job's last message; a process that never sends one (the
    server shut down under it) still ends its record, with the exit code, and frees the
    runner for the next job."""
    runner = JobRunner(settings)
    job = runner.start("reindex", who="ana-diskominfo")
    runner.close()  # what a server shutdown does to a running job: SIGTERM
    final = runner.wait(job.id, timeout=60)
    assert final.state == "interrupted", final
    assert final.error == "the job process ended without a result (exit code -15)"
    assert final.finished_at is not None
    again = runner.start("reindex")
    assert runner.wait(again.id, timeout=120).state == "done"


def test_only_one_job_at_a_time_even_across_server_processes(client, admin_key, settings):
    fd = os.open(settings.data_dir / "jobs.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another server's job holds it
    try:
        r = client.post("/admin/api/jobs/reindex", headers=auth(admin_key), json={})
        assert r.status_code == 409 and "running" in r.json()["detail"]
    finally:
        os.close(fd)


def test_crawl_needs_a_sources_file(client, admin_key):
    r = client.post("/admin/api/jobs/crawl", headers=auth(admin_key), json={})
    assert r.status_code == 400
    assert r.json()["detail"] == "no sources file: put sources.yaml in the data dir"


# -- analytics --------------------------------------------------------------------------------


def _as_visitor(client, visitor: int) -> TestClient:
    """The same running app, called from another network (a visitor is a /24)."""
    return TestClient(client.app, client=(f"10.0.{visitor}.7", 50000))


def _search_as(client, q: str, visitor: int) -> dict:
    return _as_visitor(client, visitor).get("/api/search", params={"q": q}).json()


def test_query_report_finds_top_zero_result_and_low_click_queries(client, admin_key, settings):
    for v in range(4):
        body = _search_as(client, "urus KTP", v)
        if v < 3:
            _as_visitor(client, v).post(
                "/api/click", json={"query": "urus KTP", "id": body["results"][0]["id"],
                                    "url": body["results"][0]["url"], "position": 1})
    for v in range(3):
        _search_as(client, "persyaratan", v)  # found, never clicked
        _search_as(client, "aktkelhrn", v)  # nothing found
        _search_as(client, "akta kelahiran", v)  # what they typed next
    _search_as(client, "ktp 1571012345678901 hilang", 9)
    r = client.get("/admin/api/analytics/queries", headers=auth(admin_key),
                   params={"days": 7})
    assert r.status_code == 200
    report = r.json()
    top = {q["query"]: q for q in report["top"]}
    assert top["urus ktp"]["searches"] == 4 and top["urus ktp"]["visitors"] == 4
    assert top["urus ktp"]["clicks"] == 3
    zero = {q["query"]: q for q in report["zero_results"]}
    hint = zero["aktkelhrn"]["suggestion"]
    assert hint["reformulation"] == "akta kelahiran"
    assert hint["nearest_service"]["title"] == "Penerbitan Akta Kelahiran"
    assert hint["synonym"] == ["aktkelhrn", "akta kelahiran"]
    assert hint["best_bet"] == {"query": "aktkelhrn", "url": AKTA_URL}
    assert "persyaratan" in {q["query"] for q in report["low_ctr"]}
    assert "ktp <nomor> hilang" in top  # a NIK is never stored

    from search_api.cli import format_queries_report

    text = format_queries_report(settings.data_dir)
    assert "aktkelhrn" in text and "Penerbitan Akta Kelahiran" in text


def test_analytics_store_no_addresses_or_user_agents(client, settings):
    client.get("/api/search", params={"q": "urus ktp"},
               headers={"User-Agent": "Mozilla/5.0 (Linux; Android 10; SM-A105F)"})
    client.post("/api/click", json={"query": "urus ktp", "id": "abc123", "position": 1})
    client.app.state.analytics.flush()
    raw = (settings.data_dir / "analytics.db").read_bytes()
    for wal in settings.data_dir.glob("analytics.db-wal"):
        raw += wal.read_bytes()
    assert b"SM-A105F" not in raw and b"testclient" not in raw
    db = sqlite3.connect(settings.data_dir / "analytics.db")
    visitors = {row[0] for row in db.execute("SELECT visitor FROM searches")}
    assert all(v and len(v) == 16 for v in visitors)


def test_popular_queries_need_several_visitors_before_they_are_shown(client):
    _search_as(client, "penerbitan kartu keluarga baru", 1)
    assert "penerbitan kartu keluarga baru" not in client.get("/api/popular").json()["queries"]
    client.app.state.search.invalidate()
    for v in range(2, 5):
        _search_as(client, "penerbitan kartu keluarga baru", v)
    client.app.state.analytics.flush()
    client.app.state.search.invalidate()
    assert "penerbitan kartu keluarga baru" in client.get("/api/popular").json()["queries"]
    suggestions = client.get("/api/suggest", params={"q": "penerbitan kar"}).json()["suggestions"]
    assert suggestions == ["Penerbitan Kartu Keluarga Baru"]  # the name and the query are one
    for v in range(3):
        _search_as(client, "syarat kartu keluarga", v)
    client.app.state.analytics.flush()
    client.app.state.search.invalidate()
    client.get("/api/popular")  # autocomplete never waits for the list: load it first
    suggestions = client.get("/api/suggest", params={"q": "syarat kar"}).json()["suggestions"]
    assert "syarat kartu keluarga" in suggestions


def test_click_validates_its_input(client, settings):
    ok = client.post("/api/click", json={"query": "ktp", "id": "abc", "position": 2})
    assert ok.status_code == 204
    assert client.post("/api/click", json={"query": "ktp", "id": "<script>"}).status_code == 422
    too_long = client.post("/api/click", json={"query": "k" * 1000, "id": "abc"})
    assert too_long.status_code == 422
    assert client.post("/api/click", content=b"not json",
                       headers={"Content-Type": "application/json"}).status_code == 422


@pytest.mark.slow  # waits for the server to pick up a new index
def test_new_index_version_is_picked_up_without_a_restart(client, settings):
    assert client.get("/api/search", params={"q": "posyandu"}).json()["total"] == 0
    store = DocumentStore.open(settings.data_dir)
    store.upsert(Document(
        url="http://127.0.0.1:8704/layanan/posyandu.html", source="dinkes",
        opd="Dinas Kesehatan", kind="service", title="Jadwal Posyandu Balita",
        text="Posyandu balita setiap bulan di kelurahan: timbang dan imunisasi."))
    store.close()
    build_index(settings)  # e.g. `sikoja index` run from cron, another process
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        body = client.get("/api/search", params={"q": "posyandu"}).json()
        if body["total"]:
            break
        time.sleep(0.1)
    assert body["results"][0]["title"] == "Jadwal Posyandu Balita"


def test_json_contract_round_trips(reader):
    body = reader.get("/api/search", params={"q": "urus KTP", "explain": "true"}).json()
    from sikoja.results import SearchResponse

    parsed = SearchResponse.model_validate(body)
    assert parsed.results[0].explain is not None
    assert json.loads(parsed.model_dump_json())["query"] == "urus KTP"


def test_a_burst_of_the_same_new_query_searches_the_index_once(client):
    from concurrent.futures import ThreadPoolExecutor

    service = client.app.state.search
    before = service.searches_run
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(
            lambda _: client.get("/api/search", params={"q": "kartu keluarga baru"}),
            range(32)))
    assert {a.status_code for a in answers} == {200}
    assert len({a.content for a in answers}) == 1
    assert service.searches_run - before == 1


def test_a_pages_helper_lookups_are_not_counted_as_citizen_searches(client, admin_key):
    client.get("/api/search", params={"q": "sikesal pengaduan", "record": "false"})
    client.get("/api/search", params={"q": "urus ktp"})
    report = client.get("/admin/api/analytics/queries", headers=auth(admin_key)).json()
    assert [q["query"] for q in report["top"]] == ["urus ktp"]


def test_health_and_metrics_show_crawl_health_per_source(client, settings, admin_key):
    store = DocumentStore.open(settings.data_dir)
    crawl_id = store.start_crawl("disdukcapil")
    store.log_fetch(crawl_id=crawl_id, source="disdukcapil", url=KTP_URL, status=200,
                    outcome="ok", elapsed_ms=120.0)
    store.log_fetch(crawl_id=crawl_id, source="disdukcapil", url=AKTA_URL + "?x", status=503,
                    outcome="error", reason="http_503", elapsed_ms=900.0)
    store.finish_crawl(crawl_id, pages=1, errors=1)
    store.close()
    client.app.state.sites.sites(fresh=True)
    health = client.get("/api/health").json()
    site = next(s for s in health["sources"] if s["source"] == "disdukcapil")
    assert site["pages_fetched"] == 1 and site["errors"] == 1
    assert site["last_success_at"]
    admin_sites = client.get("/admin/api/sites", headers=auth(admin_key)).json()
    assert [s["source"] for s in admin_sites] == ["disdukcapil"]
    text = client.get("/metrics").text
    assert 'sikoja_source_pages{source="disdukcapil"} 1.0' in text
    assert 'sikoja_source_errors{kind=' in text
    assert 'sikoja_source_last_success_timestamp_seconds{source="disdukcapil"}' in text


def test_a_crawl_that_read_no_page_is_not_the_last_success_anywhere(client, settings,
                                                                    admin_key):
    """A crawl robots.txt turned away ends done with no page and no error: /api/health,
    the admin's site health and the Prometheus gauge keep the crawl that read the site as
    the last success (only a fleet worker's empty crawl counts: the others took its pages)."""
    from tests.test_site_health import finished_crawl

    store = DocumentStore.open(settings.data_dir)
    try:
        finished_crawl(store, "dishub", crawler="x", pages=3, at=1_700_000_000)
        finished_crawl(store, "dishub", crawler="x", pages=0, at=1_700_090_000)
        finished_crawl(store, "dinkes", crawler="x", pages=3, at=1_700_000_000)
        finished_crawl(store, "dinkes", crawler="x", pages=0, at=1_700_090_000, fleet=True)
    finally:
        store.close()
    client.app.state.sites.sites(fresh=True)
    read = datetime.fromtimestamp(1_700_000_000, UTC).isoformat()
    fleet = datetime.fromtimestamp(1_700_090_000, UTC).isoformat()
    health = {s["source"]: s for s in client.get("/api/health").json()["sources"]}
    assert (health["dishub"]["last_success_at"], health["dinkes"]["last_success_at"]) == (
        read, fleet)
    admin = {s["source"]: s for s in
             client.get("/admin/api/sites", headers=auth(admin_key)).json()}
    assert admin["dishub"]["last_success_at"] == read
    gauge = dict(re.findall(r'sikoja_source_last_success_timestamp_seconds\{source="(\w+)"\} '
                            r"(\S+)", client.get("/metrics").text))
    assert (float(gauge["dishub"]), float(gauge["dinkes"])) == (1_700_000_000, 1_700_090_000)


def test_admin_site_health_says_which_sites_are_read_again_in_full(client, settings,
                                                                   admin_key):
    """The admin's site health, in the words of ``sikoja report sites``: a site the
    server's crawler re-read in full, and one its next crawl will (an older crawler's) of
    the sources file admin crawls read; a site no longer in it is not crawled again."""
    from crawler.identity import REREAD_NEXT_NOTE, REREAD_NOTE, crawler_identity
    from tests.test_site_health import finished_crawl, write_sources

    store = DocumentStore.open(settings.data_dir)
    try:
        finished_crawl(store, "disdukcapil", crawler="lama", pages=2)
        finished_crawl(store, "disdukcapil", crawler=crawler_identity(), pages=2, reread=True)
        finished_crawl(store, "dishub", crawler="lama", pages=2)
        finished_crawl(store, "dispora", crawler="lama", pages=2)  # removed from the file
    finally:
        store.close()
    write_sources(settings.data_dir, ["disdukcapil", "dishub"])
    admin = {s["source"]: s for s in
             client.get("/admin/api/sites", headers=auth(admin_key)).json()}
    assert admin["disdukcapil"]["reread_label"] == REREAD_NOTE
    assert admin["dishub"]["reread_label"] == REREAD_NEXT_NOTE
    assert admin["dispora"]["reread_label"] is None
    health = {s["source"]: s for s in client.get("/api/health").json()["sources"]}
    assert health["dishub"]["reread_next"] and not health["disdukcapil"]["reread_next"]
    assert not health["dispora"]["reread_next"]


@pytest.mark.slow  # waits for a reindex and the cache to rewarm
def test_after_a_reindex_popular_queries_are_answered_from_a_rewarmed_cache(client, settings):
    for v in range(3):
        _search_as(client, "urus ktp", v)
    client.app.state.analytics.flush()
    store = DocumentStore.open(settings.data_dir)
    store.upsert(Document(
        url="http://127.0.0.1:8704/layanan/ktp-hilang.html", source="disdukcapil",
        opd=DUKCAPIL, kind="service", title="Penggantian KTP-el Hilang atau Rusak",
        text="KTP-el hilang atau rusak diganti dengan surat keterangan kehilangan polisi."))
    store.close()
    build_index(settings)
    service = client.app.state.search
    generation = service.generation
    deadline = time.monotonic() + 15
    while service.generation == generation and time.monotonic() < deadline:
        client.get("/api/health")  # requests let the server notice the new version
        time.sleep(0.1)
    assert service.generation != generation
    while time.monotonic() < deadline:
        if service.cached_search("urus ktp", count=False) is not None:
            break
        time.sleep(0.1)
    r = client.get("/api/search", params={"q": "urus ktp"})
    assert r.headers["x-sikoja-cache"] == "hit"
    assert "Penggantian KTP-el Hilang atau Rusak" in r.text  # the new version's answer


@pytest.mark.slow  # crawls a served site and indexes it
def test_admin_crawl_job_fetches_a_site_and_the_new_service_becomes_searchable(
        tmp_path, settings, admin_key):
    import functools
    import http.server
    import threading

    site = tmp_path / "site"
    (site / "layanan").mkdir(parents=True)
    (site / "index.html").write_text(
        "<html><head><title>Kelurahan Contoh</title></head><body><h1>Kelurahan Contoh</h1>"
        "<a href='/layanan/domisili.html'>Surat keterangan domisili</a></body></html>")
    (site / "layanan" / "domisili.html").write_text(
        "<html><head><title>Surat Keterangan Domisili</title></head><body><main>"
        "<h1>Surat Keterangan Domisili</h1><p>Surat keterangan domisili untuk warga yang "
        "tinggal di wilayah kelurahan, misalnya untuk melamar kerja.</p>"
        "<h2>Persyaratan</h2><ul><li>Fotokopi KTP-el</li><li>Surat pengantar RT</li></ul>"
        "<h2>Biaya</h2><p>Gratis</p></main></body></html>")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    port = httpd.server_address[1]
    (settings.data_dir / "sources.yaml").write_text(
        "sources:\n  - name: kelurahan-contoh\n    opd: Kelurahan Contoh\n"
        f"    start_urls: ['http://127.0.0.1:{port}/']\n    obey_robots: false\n"
        "    use_sitemap: false\n    delay: 0\n")
    try:
        with TestClient(create_app(settings)) as c:
            unknown = c.post("/admin/api/jobs/crawl", headers=auth(admin_key),
                             json={"sources": ["tidak-ada"]})
            assert unknown.status_code == 400 and "tidak-ada" in unknown.json()["detail"]
            r = c.post("/admin/api/jobs/crawl", headers=auth(admin_key),
                       json={"sources": ["kelurahan-contoh"]})
            assert r.status_code == 202
            busy = c.post("/admin/api/jobs/reindex", headers=auth(admin_key), json={})
            assert busy.status_code == 409  # one job at a time
            job = c.app.state.jobs.wait(r.json()["id"], timeout=240)
            assert job.state == "done", job
            assert job.progress and str(settings.data_dir) not in " ".join(job.progress)
            hits = c.get("/api/search", params={"q": "surat keterangan domisili"}).json()
            assert hits["results"][0]["url"] == f"http://127.0.0.1:{port}/layanan/domisili.html"
            health = c.get("/api/health").json()
            assert "kelurahan-contoh" in {s["source"] for s in health["sources"]}
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_rate_limiter_memory_stays_bounded_under_a_flood_of_addresses():
    from search_api import ratelimit

    now = [1000.0]
    limiter = ratelimit.TokenBucketLimiter(60, clock=lambda: now[0])
    for i in range(ratelimit.MAX_BUCKETS + 10):
        now[0] += 0.0001
        limiter.take(f"198.51.{i // 256}.{i % 256}")
    assert len(limiter._buckets) <= ratelimit.MAX_BUCKETS
    for _ in range(60):
        assert limiter.take("203.0.113.1") == 0.0
    assert limiter.take("203.0.113.1") > 0  # the 61st request in the minute waits
