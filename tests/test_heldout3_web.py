"""The third held-out web (``eval/heldout3``) is usable as a measurement, without crawling it.

It must be what its generator writes, every judged URL must be a page the served web answers,
and every category must have enough queries with an exact answer. Nothing here looks at
rankings: the set is never tuned on.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from sikoja.demo.server import load_web_manifest, serve_sample_sites
from tests import generated_webs
from tests.test_heldout_web import judged  # the same judgments format

ROOT = Path(__file__).resolve().parent.parent
HELDOUT3 = ROOT / "eval" / "heldout3"
SITES = HELDOUT3 / "sites"
GENERATOR = ROOT / "tools" / "make_heldout3_web.py"


def judgments() -> list[dict[str, str]]:
    return generated_webs.judgments(HELDOUT3)


def test_the_committed_web_is_what_the_generator_writes(tmp_path):
    generated_webs.assert_generated(GENERATOR, HELDOUT3, tmp_path)


def test_the_generator_refuses_a_folder_without_facts(tmp_path, capsys):
    generated_webs.assert_refuses_without_facts(GENERATOR, tmp_path,
                                                lambda: capsys.readouterr().err)


def test_every_category_has_enough_judged_queries():
    generated_webs.assert_judged(judgments(), minimum=120)


def test_the_web_has_ten_families_and_every_site_is_judged():
    manifest = load_web_manifest(SITES)
    assert manifest.base_port == 9001 and manifest.catalog_site is None
    assert len({s.family for s in manifest.sites}) == len(manifest.sites) == 10
    judged_ports = {int(url.split(":")[2].split("/")[0])
                    for row in judgments() for url in judged(row)}
    assert judged_ports == {manifest.base_port + s.port_offset for s in manifest.sites}


@pytest.mark.slow  # serves the web and fetches every judged URL
def test_every_judged_url_is_answered_by_the_served_web():
    urls = {url for row in judgments() for url in judged(row)}
    failed = []
    with serve_sample_sites(0, root=SITES) as web, httpx.Client(timeout=10) as client:
        for url in sorted(urls):
            for site in web.sites:
                default = f"http://127.0.0.1:{web.default_base_port + site.port_offset}"
                if url.startswith(default + "/"):
                    response = client.get(web.urls[site.name] + url[len(default):])
                    if response.status_code != 200:
                        failed.append((url, response.status_code))
                    break
            else:
                failed.append((url, "no site"))
    assert not failed, failed[:5]
