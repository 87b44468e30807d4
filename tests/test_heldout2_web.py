"""The second held-out web (``eval/heldout2``) is usable as a measurement, without crawling it.

It must be what its generator writes, every judged URL must be a page the served web
answers, every category must have enough queries with an exact answer, and the web must span
the five template families it was written for, each site the size of a real OPD site. The
query-string pages its families rely on (a DataTables JSON endpoint, a Drupal view's
``?page=1``) must answer as such. Nothing here looks at rankings: the set is never tuned on.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from sikoja.demo.server import load_web_manifest, serve_sample_sites
from tests import generated_webs
from tests.test_heldout_web import judged  # the same judgments format

ROOT = Path(__file__).resolve().parent.parent
HELDOUT2 = ROOT / "eval" / "heldout2"
SITES = HELDOUT2 / "sites"
GENERATOR = ROOT / "tools" / "make_heldout2_web.py"
FAMILIES = {"wp-newsmag", "drupal10", "ci4-datatables", "hugo-kelurahan", "google-sites-uptd"}


def judgments() -> list[dict[str, str]]:
    return generated_webs.judgments(HELDOUT2)


def test_the_committed_web_is_what_the_generator_writes(tmp_path):
    generated_webs.assert_generated(GENERATOR, HELDOUT2, tmp_path)


def test_the_generator_refuses_a_folder_without_facts(tmp_path, capsys):
    generated_webs.assert_refuses_without_facts(GENERATOR, tmp_path,
                                                lambda: capsys.readouterr().err)


def test_every_category_has_enough_judged_queries():
    generated_webs.assert_judged(judgments(), minimum=130)


def test_the_web_spans_the_five_families_with_sites_of_real_size():
    manifest = load_web_manifest(SITES)
    assert manifest.base_port == 8901 and manifest.catalog_site is None
    sites = manifest.sites
    assert 6 <= len(sites) <= 8
    assert {s.family for s in sites} == FAMILIES
    assert len({s.port_offset for s in sites}) == len(sites)
    for site in sites:
        pages = list(site.root.rglob("*.html"))
        assert 8 <= len({p.read_bytes() for p in pages}) <= 25, (site.name, len(pages))


def test_every_site_is_judged_somewhere():
    manifest = load_web_manifest(SITES)
    judged_ports = {int(url.split(":")[2].split("/")[0])
                    for row in judgments() for url in judged(row)}
    assert judged_ports == {manifest.base_port + s.port_offset for s in manifest.sites}


@pytest.fixture(scope="module")
def web():
    with serve_sample_sites(0, root=SITES) as running:
        yield running


def running_url(web, url: str) -> str:
    for site in web.sites:
        default = f"http://127.0.0.1:{web.default_base_port + site.port_offset}"
        if url == default or url.startswith(default + "/"):
            return web.urls[site.name] + url[len(default):]
    raise AssertionError(f"judged URL on no served site: {url}")


@pytest.mark.slow  # fetches every judged URL of the second held-out web
def test_every_judged_url_is_answered_by_the_served_web(web):
    urls = {url for row in judgments() for url in judged(row)}
    assert len(urls) >= 40
    failed = []
    with httpx.Client(timeout=10, follow_redirects=False) as client:
        for url in sorted(urls):
            response = client.get(running_url(web, url))
            if response.status_code != 200 or "text/html" not in response.headers["content-type"]:
                failed.append((url, response.status_code))
    assert not failed, failed[:5]


@pytest.mark.slow  # serves the web
def test_the_datatables_grid_is_filled_from_json_that_links_every_detail_page(web):
    """The CodeIgniter site's service list is empty HTML; its rows come from the JSON
    endpoint, page by page, and only they link the detail pages."""
    site = next(s for s in web.sites if s.family == "ci4-datatables")
    with httpx.Client(timeout=10) as client:
        shell = client.get(web.url(site.name, "/layanan")).text
        assert 'id="tabel-layanan"' in shell and "/layanan/data" in shell
        rows, start = [], 0
        while True:
            page = client.get(web.url(site.name, f"/layanan/data?length=5&start={start}&draw=1"))
            assert page.status_code == 200
            assert page.headers["content-type"].startswith("application/json")
            body = page.json()
            rows += body["data"]
            start += 5
            if start >= body["recordsTotal"]:
                break
        assert len(rows) == body["recordsTotal"] >= 6
        details = {u for row in judgments() for u in judged(row) if "/layanan/detail/" in u}
        linked = {cell.split('href="')[1].split('"')[0] for row in rows for cell in row
                  if isinstance(cell, str) and 'href="' in cell}
        assert details and {running_url(web, u) for u in details} <= linked
        assert client.get(web.url(site.name, "/layanan/data")).status_code == 404


@pytest.mark.slow  # serves the web
def test_drupal_views_page_and_node_paths_answer(web):
    site = next(s for s in web.sites if s.family == "drupal10" and s.name.startswith("bpprd"))
    with httpx.Client(timeout=10) as client:
        first = client.get(web.url(site.name, "/layanan")).text
        second = client.get(web.url(site.name, "/layanan?page=1")).text
        assert 'rel="next"' in first and first != second
        assert client.get(web.url(site.name, "/layanan?page=9")).status_code == 404
        node = client.get(web.url(site.name, "/node/13"))
        assert node.status_code == 200 and 'rel="canonical"' in node.text
        assert "field--name-field-persyaratan" in node.text
