"""The third held-out web (``eval/heldout3``) is usable as a measurement, without crawling it.

It must be what its generator writes, every judged URL must be a page the served web answers,
and every category must have enough queries with an exact answer. Nothing here looks at
rankings: the set is never tuned on.
"""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import httpx
import pytest

from sikoja.demo.server import load_web_manifest, serve_sample_sites

ROOT = Path(__file__).resolve().parent.parent
HELDOUT3 = ROOT / "eval" / "heldout3"
SITES = HELDOUT3 / "sites"
GENERATOR = ROOT / "tools" / "make_heldout3_web.py"
CATEGORIES = ("formal", "colloquial", "abbreviation", "typo", "old-term", "english",
              "jambi-malay", "problem", "app")


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_heldout3_web", GENERATOR)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_heldout3_web", module)
    spec.loader.exec_module(module)
    return module


def judgments() -> list[dict[str, str]]:
    with (HELDOUT3 / "queries.tsv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def judged(row: dict[str, str]) -> dict[str, int]:
    out = {}
    for item in row["relevant"].split():
        url, _, grade = item.rpartition("=")
        out[url] = int(grade)
    return out


def tree(folder: Path) -> dict[str, bytes]:
    files = {}
    for name in ("queries.tsv", "sites"):
        base = folder / name
        for p in [base] if base.is_file() else sorted(base.rglob("*")):
            if p.is_file():
                files[p.relative_to(folder).as_posix()] = p.read_bytes()
    return files


def test_the_committed_web_is_what_the_generator_writes(tmp_path):
    module = load_generator()
    data = module.default_data_dir()
    if not (data / "services.jsonl").is_file():
        pytest.skip(f"the generator's fact files are not at {data}")
    assert module.main(["--data", str(data), "--out", str(tmp_path)]) == 0
    fresh, committed = tree(tmp_path), tree(HELDOUT3)
    stale = sorted(k for k in fresh.keys() | committed.keys() if fresh.get(k) != committed.get(k))
    assert not stale, f"eval/heldout3 differs from tools/make_heldout3_web.py: {stale[:5]}"


def test_the_generator_refuses_a_folder_without_facts(tmp_path, capsys):
    module = load_generator()
    assert module.main(["--data", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert "services.jsonl" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_every_category_has_enough_judged_queries():
    rows = judgments()
    counts = {c: sum(r["category"] == c for r in rows) for c in CATEGORIES}
    assert all(n >= 14 for n in counts.values()), counts
    assert len(rows) >= 120 and {r["category"] for r in rows} == set(CATEGORIES)
    assert len({r["qid"] for r in rows}) == len(rows)
    assert len({r["query"].lower() for r in rows}) == len(rows)
    for row in rows:
        grades = judged(row)
        assert grades and set(grades.values()) <= {1, 2}, row["qid"]
        assert 2 in grades.values(), f"{row['qid']} has no exact answer"


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
