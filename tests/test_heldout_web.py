"""The held-out web (``eval/heldout``) is usable as a measurement, without crawling it.

It must be what its generator writes (judgments and pages come from the same records), every
judged URL must be a page the served web answers, the query set must cover every category,
the web must span enough sites and template families, and its sources file and app catalog
must load with sikoja's own readers. The out-of-vocabulary set (``oov.tsv``, selected by
``tools/select_oov.py``, not written by the generator) is held to the same: judged URLs served,
an exact answer per query, readable by the evaluator. Nothing here looks at rankings: the set is
never tuned on.
"""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import httpx
import pytest

from crawler.extract.catalog import parse_catalog
from sikoja.demo.server import load_manifest, load_web_manifest, serve_sample_sites
from sikoja.sources import load_sources

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "eval" / "heldout"
SITES = HELDOUT / "sites"
GENERATOR = ROOT / "tools" / "make_heldout_web.py"
# judged sets in eval/heldout that the generator does not write (see its README)
NOT_GENERATED = ("oov_candidates.tsv", "oov.tsv")
CATEGORIES = ("formal", "colloquial", "abbreviation", "typo", "old-term", "english",
              "jambi-malay", "problem", "app")


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_heldout_web", GENERATOR)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_heldout_web", module)
    spec.loader.exec_module(module)
    return module


def judgments(name: str = "queries.tsv") -> list[dict[str, str]]:
    with (HELDOUT / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def judged(row: dict[str, str]) -> dict[str, int]:
    out = {}
    for item in row["relevant"].split():
        url, _, grade = item.rpartition("=")
        out[url] = int(grade)
    return out


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_committed_heldout_web_is_what_the_generator_writes(tmp_path):
    module = load_generator()
    data = module.default_data_dir()
    if not (data / "services.jsonl").is_file():
        pytest.skip(f"the generator's fact files are not at {data}")
    assert module.main(["--data", str(data), "--out", str(tmp_path)]) == 0
    fresh = tree(tmp_path)
    committed = {k: v for k, v in tree(HELDOUT).items() if k not in NOT_GENERATED}
    stale = sorted(k for k in fresh.keys() | committed.keys() if fresh.get(k) != committed.get(k))
    assert not stale, f"eval/heldout differs from tools/make_heldout_web.py: {stale[:5]}"


def test_every_category_has_enough_judged_queries():
    rows = judgments()
    counts = {c: sum(r["category"] == c for r in rows) for c in CATEGORIES}
    assert all(n >= 14 for n in counts.values()), counts
    assert len(rows) >= 135 and {r["category"] for r in rows} == set(CATEGORIES)
    assert len({r["qid"] for r in rows}) == len(rows)
    for row in rows:
        grades = judged(row)
        assert grades and set(grades.values()) <= {1, 2}, row["qid"]
        assert 2 in grades.values(), f"{row['qid']} has no exact answer"


def test_the_oov_set_is_big_enough_and_judged_like_the_others():
    rows, candidates = judgments("oov.tsv"), judgments("oov_candidates.tsv")
    assert len(rows) >= 40 and len(candidates) >= 90
    assert {r["category"] for r in rows} == {"oov"}
    assert len({r["qid"] for r in rows}) == len(rows)
    assert not {r["qid"] for r in rows} & {r["qid"] for r in judgments()}
    assert not {r["query"] for r in candidates} & {r["query"] for r in judgments()}
    by_qid = {r["qid"]: r for r in candidates}
    for row in rows:
        assert by_qid[row["qid"]] == row, f"{row['qid']} differs from its candidate"
        grades = judged(row)
        assert grades and set(grades.values()) <= {1, 2}, row["qid"]
        assert 2 in grades.values(), f"{row['qid']} has no exact answer"


def test_the_oov_set_becomes_a_category_row_of_the_heldout_report():
    """``bench/eval_webs.py`` reads oov.tsv with the evaluator's reader and shows it as one
    category row next to queries.tsv's, without touching the overall row."""
    from bench.eval_webs import EXTRA, category_table
    from indexer.evaluate import QueryOutcome, Report, read_judgments

    assert HELDOUT / "oov.tsv" in EXTRA["heldout"]
    oov = read_judgments(HELDOUT / "oov.tsv")
    main = read_judgments(HELDOUT / "queries.tsv")
    hits = Report("hybrid", [QueryOutcome(j, [2], "x") for j in main])
    misses = Report("hybrid", [QueryOutcome(j, [0, 1], "x") for j in oov])
    lines = category_table({"hybrid": hits}, [("oov", {"hybrid": misses})])
    rows = {line.split(" | ")[0].strip("| "): line.split(" | ") for line in lines[2:]}
    assert set(rows) == {"overall", *CATEGORIES, "oov"}
    assert rows["overall"][1] == str(len(main)) and rows["overall"][2] == "1.000"
    assert rows["oov"][1] == str(len(oov)) and rows["oov"][2] == "0.000"


def test_the_tuning_oov_set_never_overwrites_a_devset_category_row():
    """The tuning web's OOV set has categories of its own that the dev set has too
    (``english``): they are reported as ``oov/english`` beside the dev set's ``english``."""
    from bench.eval_webs import EXTRA, ROOT, category_table
    from indexer.evaluate import QueryOutcome, Report, read_judgments

    oov_path = ROOT / "eval" / "oov.tsv"
    assert oov_path in EXTRA["tuning"]
    main = read_judgments(ROOT / "eval" / "devset.tsv")
    oov = read_judgments(oov_path)
    hits = Report("hybrid", [QueryOutcome(j, [2], "x") for j in main])
    misses = Report("hybrid", [QueryOutcome(j, [0], "x") for j in oov])
    lines = category_table({"hybrid": hits}, [("oov", {"hybrid": misses})])
    rows = {line.split(" | ")[0].strip("| "): line.split(" | ") for line in lines[2:]}
    english = sum(j.category == "english" for j in main)
    assert rows["english"][1] == str(english) and rows["english"][2] == "1.000"
    assert rows["oov"][1] == str(len(oov)) and rows["oov"][2] == "0.000"
    oov_english = sum(j.category == "english" for j in oov)
    assert rows["oov/english"][1] == str(oov_english)


def test_the_web_spans_enough_sites_and_families():
    sites = load_manifest(SITES)
    assert len(sites) >= 12
    assert len({s.family for s in sites}) >= 6
    assert all(s.family for s in sites)
    assert len({s.port_offset for s in sites}) == len(sites)


def test_the_sources_file_loads_and_covers_every_site_and_the_catalog():
    manifest = load_web_manifest(SITES)
    sources = {s.name: s for s in load_sources(HELDOUT / "sources.yaml")}
    for site in manifest.sites:
        assert sources[site.name].start_urls == [
            f"http://127.0.0.1:{manifest.base_port + site.port_offset}/"]
    catalogs = [s for s in sources.values() if s.kind == "app-catalog"]
    assert len(catalogs) == 1
    assert catalogs[0].catalog_url.endswith("/" + manifest.catalog_file)


@pytest.fixture(scope="module")
def web():
    with serve_sample_sites(0, root=SITES) as running:
        yield running


def running_url(web, url: str) -> str | None:
    """A judged URL (default ports) on the ports the test web runs on; None if external."""
    for site in web.sites:
        default = f"http://127.0.0.1:{web.default_base_port + site.port_offset}"
        if url == default or url.startswith(default + "/"):
            return web.urls[site.name] + url[len(default):]
    return None


@pytest.mark.slow  # fetches every judged URL of the held-out web
def test_every_judged_url_is_answered_by_the_served_web(web):
    urls = {url for name in ("queries.tsv", "oov.tsv", "oov_candidates.tsv")
            for row in judgments(name) for url in judged(row)}
    local = {u: running_url(web, u) for u in urls}
    assert sum(v is not None for v in local.values()) >= 100
    failed = []
    with httpx.Client(timeout=10, follow_redirects=False) as client:
        for url, here in sorted(local.items()):
            if here is None:
                assert url.startswith("https://"), f"judged URL on no served site: {url}"
                continue
            response = client.get(here)
            if response.status_code != 200:
                failed.append((url, response.status_code))
    assert not failed, failed[:5]


def default_url(web, url: str) -> str:
    """A URL on the running ports mapped back to the default ports (the judgments' form)."""
    for site in web.sites:
        here = web.urls[site.name]
        if url == here or url.startswith(here + "/"):
            return f"http://127.0.0.1:{web.default_base_port + site.port_offset}" + url[len(here):]
    return url


def test_the_app_catalog_mixes_service_pages_and_own_sites(web):
    """Real catalogs point some apps at an agency's service page and some at the app's own
    site; an inactive app is listed too."""
    manifest = load_web_manifest(SITES)
    url = web.url(manifest.catalog_site, "/" + manifest.catalog_file)
    response = httpx.get(url, timeout=10)
    assert response.status_code == 200
    apps = parse_catalog(response.content, response.headers["content-type"], url)
    assert len(apps) >= 20
    service_pages = {u for row in judgments() if row["category"] != "app"
                     for u, g in judged(row).items() if g == 2}
    app_urls = [default_url(web, a.url) for a in apps if a.url]
    assert any(u in service_pages for u in app_urls)
    assert any(running_url(web, u) is None for u in app_urls)
    assert any(a.status == "inactive" for a in apps)


def test_windows_1252_and_javascript_are_served_as_such(web):
    families = {s.name: s.family for s in web.sites}
    with httpx.Client(timeout=10) as client:
        aspnet = [n for n, f in families.items() if f == "aspnet"]
        ctypes = {client.get(web.url(n, "/")).headers["content-type"] for n in aspnet}
        assert "text/html; charset=windows-1252" in ctypes
        spa = next(n for n, f in families.items() if f == "spa")
        assert client.get(web.url(spa, "/js/app.js")).headers["content-type"].startswith(
            "application/javascript")
