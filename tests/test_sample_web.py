"""The bundled sample Kota Jambi web, as the crawler and the end-to-end tests meet it.

Given the sample sites running on free local ports, a visitor can reach every page from the
home pages without hitting a broken link, every answer in the relevance dev set is a page
that exists, the planted near-duplicates are really there, and the server behaves like a
real web server (charsets, conditional requests, HEAD, 404, query-string pages).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx
import lxml.html
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from crawler.extract.ocr import has_scan
from sikoja.demo.server import (
    DEFAULT_BASE_PORT,
    SITES_ROOT,
    load_manifest,
    route_key,
    serve_sample_sites,
)
from sikoja.sources import load_sources

REPO = Path(__file__).resolve().parent.parent
DEVSET = REPO / "eval" / "devset.tsv"
PLANTED = Path(__file__).resolve().parent / "data" / "planted_duplicates.json"
CATEGORIES = ("formal", "colloquial", "abbreviation", "typo", "old-term", "english",
              "jambi-malay", "problem", "app")
# Links that are broken on purpose (an old download the agency removed): (site, path).
PLANTED_BROKEN = {("bpprd", "/download/perda-5-2011.pdf")}


@pytest.fixture(scope="module")
def web(sample_web):
    """The session's running sample web (tests/conftest.py); these tests only read it."""
    return sample_web


@pytest.fixture(scope="module")
def client():
    with httpx.Client(timeout=10, follow_redirects=False) as c:
        yield c


def default_url(web, url: str) -> str:
    """Map a URL on the running ports back to the default ports (the dev set's form)."""
    for site in web.sites:
        running = web.urls[site.name]
        if url.startswith(running + "/") or url == running:
            return f"http://127.0.0.1:{DEFAULT_BASE_PORT + site.port_offset}" + url[len(running):]
    return url


def running_url(web, url: str) -> str:
    for site in web.sites:
        default = f"http://127.0.0.1:{DEFAULT_BASE_PORT + site.port_offset}"
        if url.startswith(default + "/"):
            return web.urls[site.name] + url[len(default):]
    return url


class Walk(dict[str, httpx.Response]):
    """{url without fragment: response} of the walk, and every ``<a href>`` of its HTML
    pages as written (parsed once here: a second parse of every page cost 2.3 s of CPU).
    Pages are parsed with lxml's own tree, not BeautifulSoup's: building BeautifulSoup's
    tree of the 870 pages was half the walk's CPU (7.1 of 15 s under cProfile), and the
    hrefs are the same attributes of the same parse (libxml2's HTML parser under both)."""

    anchor_hrefs: set[str]


@pytest.fixture(scope="module")
def crawl(web, client) -> Walk:
    """Breadth-first walk from every home page over <a> and <link> hrefs, frames' sources
    (and the URLs of an Inertia page's data) on the sample hosts.

    Returns {url without fragment: response} for every internal URL reached (redirects
    followed), in the running ports.
    """
    hosts = {urlsplit(u).netloc for u in web.urls.values()}
    php = {urlsplit(web.urls[s.name]).netloc: s for s in web.sites if s.trans_sid or s.calendar}
    queue = deque(u + "/" for u in web.urls.values())
    seen = Walk()
    seen.anchor_hrefs = set()
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response
        if response.status_code == 301:
            queue.append(urljoin(url, response.headers["location"]))
            continue
        if response.status_code != 200 or not response.headers["content-type"].startswith(
                "text/html"):
            continue
        page = lxml.html.document_fromstring(response.content)
        tags = [tag for tag in page.iter("a", "link") if tag.get("href") is not None]
        seen.anchor_hrefs.update(tag.get("href") for tag in tags if tag.tag == "a")
        targets = [tag.get("href") for tag in tags]
        # a page shows other documents in frames (a Google Sites page's published Doc)
        targets += [tag.get("src") for tag in page.iter("iframe", "frame") if tag.get("src")]
        # an Inertia app draws its links from the page's data (records' and pages' URLs) and
        # its menu from its route list (Ziggy: the routes without parameters)
        for tag in page.xpath("//*[@data-page]"):
            targets += [u.replace("\\/", "/") for u in
                        re.findall(r'"(?:url|next_page_url)":"([^"]+)"', tag.get("data-page"))]
        for code in scripts(page, "Ziggy"):
            targets += ["/" + u.replace("\\/", "/").lstrip("/")
                        for u in re.findall(r'"uri":"([^"{]*)"', code)]
        targets += datatables_links(client, url, page) + next_links(client, url, page)
        targets += clicked_links(page)
        for href in targets:
            target = urldefrag(urljoin(url, href))[0]
            if urlsplit(target).netloc in php:
                target = php_target(php[urlsplit(target).netloc], target)
            if target and urlsplit(target).netloc in hosts:
                queue.append(target)
    return seen


# what a visitor's click opens on an old site that navigates by script: a string literal
# assigned to location or given to window.open, or handed to a function of the page that does
# (bukaHalaman('layanan.php'), popup('files/sp.pdf',640,480), lihat('3') -> 'detail.php?id=' + id)
_GOES = re.compile(r"""(?:location(?:\.href)?\s*=\s*|\.open\(\s*|\b(\w+)\(\s*)['"]([^'"]*)['"]""")
_PREFIXED = re.compile(r"""function\s+(\w+)\s*\(\s*(\w+)[^)]*\)\s*\{[^}]*?"""
                       r"""(?:location(?:\.href)?\s*=|\.open\()\s*(?:['"]([^'"]*)['"]\s*\+\s*)?\2\b""")


def clicked_links(page: lxml.html.HtmlElement) -> list[str]:
    """The pages a visitor reaches by clicking what only script makes a link: handlers'
    targets (above), the options of a jump menu (a select whose change navigates) and each
    option of a GET form's select submitted."""
    code = "\n".join(s.text or "" for s in page.iter("script"))
    goes = {m.group(1): m.group(3) or "" for m in _PREFIXED.finditer(code)}
    links = []
    for tag in page.iter():
        if not isinstance(tag.tag, str):  # a comment
            continue
        handlers = [v for k, v in tag.attrib.items() if k in ("onclick", "onchange", "ondblclick")]
        href = tag.get("href") or ""
        handlers += [href[11:]] if href.startswith("javascript:") else []
        for handler in handlers:
            for m in _GOES.finditer(handler):
                if m.group(1) is None:
                    links.append(m.group(2))
                elif m.group(1) in goes:
                    links.append(goes[m.group(1)] + m.group(2))
        if tag.tag == "select" and "location" in (tag.get("onchange") or "") + code and \
                tag.get("onchange"):
            links += [v for v in tag.xpath("option/@value") if v and v != "#"]
    for form in page.iter("form"):
        if (form.get("method") or "get").lower() == "get" and form.get("action"):
            for select in form.iter("select"):
                links += [f"{form.get('action')}?{select.get('name')}={v}"
                          for v in select.xpath("option/@value") if v]
    return links


def php_target(site, url: str) -> str | None:
    """A link of an old PHP site as a visitor holding its session walks it: without the
    session id its links carry, and never into the agenda's endless months and days (the
    agenda page itself is walked)."""
    parts = urlsplit(url)
    query = without_session(site, parts.query)
    if site.calendar and parts.path == site.calendar and query:
        return None
    return url.split("?", 1)[0] + (f"?{query}" if query else "")


def without_session(site, text: str) -> str:
    """``text`` without ``<trans_sid>=...`` (a query, or a page whose links carry it)."""
    if not site.trans_sid:
        return text
    text = re.sub(rf"(?<=[?&;]){site.trans_sid}=[0-9a-v]+(&amp;|&)?", "", text)
    text = re.sub(rf"^{site.trans_sid}=[0-9a-v]+&?", "", text)
    return re.sub(r"[?&](amp;)?(?=[\"#])", "", text).rstrip("&")


def scripts(page: lxml.html.HtmlElement, marker: str) -> list[str]:
    """The code of the page's inline scripts that mention ``marker``."""
    return [s.text for s in page.iter("script") if s.text and marker in s.text]


def next_links(client, url: str, page: lxml.html.HtmlElement) -> list[str]:
    """The pages a Next.js app links from its data only, as its router would: a pages-router
    page's records by their slugs under the dynamic route below the page's own (the build
    manifest's ``/layanan/[slug]`` beside ``"page": "/layanan"``), and the ``href`` props of
    an app-router page's client components (the RSC payload's strings)."""
    links = []
    for script in page.xpath('//script[@id="__NEXT_DATA__"]'):
        route = json.loads(script.text)["page"].rstrip("/")
        manifest = next((src for src in page.xpath("//script/@src")
                         if src.endswith("/_buildManifest.js")), None)
        if not route or manifest is None:
            continue
        dynamic = re.findall(r'"(/[^"]*\[[^"]*)"', client.get(urljoin(url, manifest)).text)
        below = [d.split("[", 1)[0] for d in dynamic
                 if d.startswith(route + "/[") and d.count("[") == 1]
        links += [b + slug for b in below for slug in re.findall(r'"slug":"([^"]+)"',
                                                                  script.text)]
    for code in scripts(page, "self.__next_f.push"):
        links += re.findall(r'\\"href\\":\\"(/[^"\\]+)', code)
    return links


def datatables_links(client, url: str, page: lxml.html.HtmlElement) -> list[str]:
    """The links in the cells of a server-side DataTables table, read as the plugin asks for
    its rows: GET ``draw``/``start``/``length`` to the ``ajax`` URL until ``recordsFiltered``;
    and the detail a row's button loads into a modal (``base_url + '/layanan/detail/' +
    id``) for rows given as objects."""
    links = []
    for code in scripts(page, ".DataTable("):
        endpoint = re.search(r"""ajax\s*:\s*(?:\{\s*url\s*:\s*)?["']([^"']+)""", code)
        length = int(m.group(1)) if (m := re.search(r"pageLength\s*:\s*(\d+)", code)) else 10
        base = re.search(r"""var base_url = "([^"]+)";""", code)
        detail = re.search(r"""base_url \+ '([^']+)' \+ id""", code)
        start, draw, total = 0, 1, 1
        while endpoint and start < total:
            answer = client.get(urljoin(url, endpoint.group(1)),
                                params={"draw": draw, "start": start, "length": length}).json()
            total = answer["recordsFiltered"]
            for row in answer["data"]:
                if isinstance(row, dict):
                    if base and detail:
                        links.append(base.group(1) + detail.group(1) + str(row["id"]))
                    continue
                links += re.findall(r'href="([^"]+)"', " ".join(row))
            start, draw = start + length, draw + 1
    return links


def html_pages(crawl) -> dict[str, httpx.Response]:
    return {u: r for u, r in crawl.items()
            if r.status_code == 200 and r.headers["content-type"].startswith("text/html")}


def read_devset() -> list[dict[str, str]]:
    lines = DEVSET.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "qid\tcategory\tquery\trelevant"
    return [dict(zip(lines[0].split("\t"), line.split("\t"), strict=True)) for line in lines[1:]]


def relevant(row: dict[str, str]) -> dict[str, int]:
    out = {}
    for item in row["relevant"].split():
        url, grade = item.rsplit("=", 1)
        out[url] = int(grade)
    return out


# --- the sites --------------------------------------------------------------------------------


def test_every_site_is_served_on_its_port(web, client):
    sites = load_manifest()
    assert len(sites) >= 41
    assert len({s.family for s in sites}) >= 18
    assert len({s.port_offset for s in sites}) == len(sites)
    for site in sites:
        assert web.urls[site.name] == f"http://127.0.0.1:{web.base_port + site.port_offset}"
        home = client.get(web.url(site.name))
        assert home.status_code == 200, site.name
        assert home.headers["content-type"].startswith("text/html; charset=")
        assert site.opd.split(" Kota Jambi")[0].lower() in home.text.lower() or \
            site.name in home.text.lower()


@pytest.mark.slow  # walks every link of the sample web
def test_every_internal_link_resolves(web, crawl):
    broken = {(name, urlsplit(u).path) for u, r in crawl.items() if r.status_code >= 400
              for name, base in web.urls.items() if u.startswith(base + "/")}
    assert broken == PLANTED_BROKEN
    assert len(html_pages(crawl)) >= 250


@pytest.mark.slow  # walks every link of the sample web
def test_every_page_is_reachable_from_its_home_page(web, crawl):
    """No orphans: each HTML file of a site is reached by following links from its home."""
    for site in web.sites:
        base = web.urls[site.name] + "/"
        # an old PHP site's pages carry a session id; its agenda's pages are made by the server
        bodies = {without_session(site, r.text) for u, r in html_pages(crawl).items()
                  if u.startswith(base) and urlsplit(u).path != (site.calendar or None)}
        # a folder whose name starts with "_" is never served (an app's build sources), and
        # the view templates its router fetches (AngularJS's ``templateUrl``) are no pages
        views = {m for js in site.root.rglob("*.js") for m in re.findall(
            r"templateUrl\s*:\s*['\"]([^'\"]+\.html)['\"]", js.read_text(encoding="utf-8"))}
        # ...nor are pages linked only by the rows a script draws from a POST-only backend
        # (``'<a href="detail-layanan.html?id=' + row.id_layanan``), read by the crawler
        views |= {m for page in site.root.rglob("*.html") for m in re.findall(
            r"""href=["']([\w\-./]+\.html)\?\w+=['"]\s*\+""",
            page.read_text(encoding="utf-8", errors="replace"))}
        files = [f for f in site.root.rglob("*.html")
                 if not any(p.startswith("_") for p in f.relative_to(site.root).parts)
                 and f.relative_to(site.root).as_posix() not in views]
        assert len(bodies) == len(files), site.name


@pytest.mark.slow  # walks every link of the sample web
def test_enough_service_pages_news_and_profiles(crawl):
    texts = [r.text for r in html_pages(crawl).values()]
    services = [t for t in texts if "Pengaduan atas pelayanan ini" in t]
    assert len(services) >= 45
    assert sum("Disdukcapil Jemput Bola Perekaman KTP-el ke Sekolah" in t and "Diposting" in t
               for t in texts) >= 1
    assert sum("Visi dan Misi" in t for t in texts) >= 12


@pytest.mark.slow  # walks every link of the sample web
def test_service_sections_are_headed_differently_across_sites(crawl):
    texts = " ".join(r.text for r in html_pages(crawl).values())
    for heading in ("Persyaratan", "Syarat-syarat", "Persyaratan Pelayanan", "Prosedur",
                    "Alur Pelayanan", "Mekanisme", "Waktu Penyelesaian", "Jangka Waktu",
                    "Biaya/Tarif", "Dasar Hukum", "Tempat Pelayanan", "Lokasi"):
        assert f">{heading}<" in texts or f">{heading} :<" in texts, heading


# --- the dev set ------------------------------------------------------------------------------


def test_devset_has_enough_queries_per_category():
    rows = read_devset()
    assert len(rows) >= 170
    counts = {c: sum(r["category"] == c for r in rows) for c in CATEGORIES}
    assert {r["category"] for r in rows} == set(CATEGORIES)
    assert all(n >= 18 for n in counts.values()), counts
    assert len({r["qid"] for r in rows}) == len(rows)
    assert len({r["query"] for r in rows}) == len(rows)
    for r in rows:
        assert r["query"] == r["query"].lower()
        assert not re.search(r"[?!.,]", r["query"]), r["query"]
        grades = relevant(r)
        assert 2 in grades.values(), r["qid"]
        assert set(grades.values()) <= {1, 2}


OFFICE_FILE_TYPES = ("application/vnd.openxmlformats", "application/msword",
                     "application/vnd.ms-excel", "application/vnd.oasis.opendocument")


def workbook_rows(body: bytes, kind: str) -> int:
    """How many rows an .xls or .ods holds, through its sheets (xlrd's and odfpy's count)."""
    if kind == "xls":
        import xlrd

        return sum(sheet.nrows for sheet in xlrd.open_workbook(file_contents=body).sheets())
    from odf.opendocument import load
    from odf.table import TableRow

    return sum(int(row.getAttribute("numberrowsrepeated") or 1)
               for row in load(io.BytesIO(body)).getElementsByType(TableRow))


@pytest.mark.slow  # walks every link of the sample web
def test_every_devset_url_is_a_page_of_the_sample_web(web, crawl, client):
    pages = {default_url(web, u) for u in html_pages(crawl)}
    # a PPID Pembantu publishes some services only as Standar Pelayanan PDFs
    pages |= {default_url(web, u) for u, r in crawl.items() if r.status_code == 200
              and r.headers["content-type"] == "application/pdf"}
    # ...or as Word and Excel files (a workbook lists a service a row), old binary and
    # OpenDocument ones too
    pages |= {default_url(web, u) for u, r in crawl.items() if r.status_code == 200
              and r.headers["content-type"].startswith(OFFICE_FILE_TYPES)}
    # an app that draws every route from JSON is linked from nowhere but its sitemap
    for base in web.urls.values():
        sitemap = client.get(base + "/sitemap.xml")
        if sitemap.status_code == 200:
            pages |= {default_url(web, loc) for loc in
                      re.findall(r"<loc>([^<]+)</loc>", sitemap.text)
                      if client.get(loc).status_code == 200}
    # ...or from an app's JSON only: a file it lists for download (SIPANDA's
    # api/v1/downloads.json, {"file_url": "/files/....pdf"}), which the crawler reads there
    listed = {default_url(web, web.url(site.name, path)) for site in web.sites
              for data in site.root.rglob("*.json")
              for path in re.findall(r'"file_url":\s*"(/[^"]+)"',
                                     data.read_text(encoding="utf-8"))}
    catalog = client.get(web.url("diskominfo", "/apps.json")).json()
    app_urls = {default_url(web, app["url"]) for app in catalog}
    # ...or from nowhere at all: a React or Nuxt app's routes are its records' pages, served
    # (the same shell) but named only by the JSON and the bundle's route code
    routed = {default_url(web, web.url(site.name, "/")) for site in web.sites
              if site.family in ("react-jsonapi", "nuxt-spa-mixed", "vue-wordpress-rest",
                                 "react-headless-cms", "vue2-axios-paginated",
                                 "vue2-chunk-literal", "vue3-vite-standar-pelayanan",
                                 "vue3-history-query-detail",
                                 "vue3-laravel-resource-runtime-config",
                                 "vue2-laravel-paginator-id-route",
                                 "react-cra-standar-pairs")}
    for row in read_devset():
        for url in relevant(row):
            assert "utm_" not in url, url
            shell, _, route = url.partition("#")
            if route.startswith("page=") and shell.endswith(".pdf"):
                # a service of a standard PDF of many: the PDF is linked, and has that page
                from pypdf import PdfReader
                assert default_url(web, shell) in pages, url
                body = client.get(running_url(web, shell)).content
                assert 1 <= int(route[5:]) <= len(PdfReader(io.BytesIO(body)).pages), url
                continue
            if route.startswith("page=") and shell.endswith(".xlsx"):
                # a service of a workbook of many, at its row (counted through the sheets)
                from openpyxl import load_workbook
                assert default_url(web, shell) in pages, url
                book = load_workbook(io.BytesIO(client.get(running_url(web, shell)).content),
                                     read_only=True)
                assert 1 <= int(route[5:]) <= sum(s.max_row for s in book.worksheets), url
                continue
            if route.startswith("page=") and shell.endswith((".xls", ".ods")):
                assert default_url(web, shell) in pages, url
                body = client.get(running_url(web, shell)).content
                assert 1 <= int(route[5:]) <= workbook_rows(body, shell[-3:]), url
                continue
            if route.startswith("!/"):
                # a hashbang route (AngularJS's ``#!/layanan/21``): its shell is served, and
                # its backend answers the record by the route's last segment
                assert client.get(running_url(web, shell)).status_code == 200, url
                assert backend_requests(web, shell, route.rsplit("/", 1)[-1]), url
                continue
            if route and not route.startswith("/"):
                # a service shown in a modal of its list: the list is a page, and names it
                # there (the modal's element id, or the slug of a button's data-nama)
                assert default_url(web, shell) in pages, url
                body = client.get(running_url(web, shell)).text
                names = {re.sub(r"[^a-z0-9]+", "-", html.unescape(n).lower()).strip("-")
                         for n in re.findall(r'data-nama="([^"]+)"', body)}
                # ...or a card its script draws from a data file, by the record's slug
                origin = "/".join(shell.split("/", 3)[:3])
                for src in re.findall(r'<script src="(/[^"]+)"', body):
                    code = client.get(running_url(web, origin + src)).text
                    names |= set(re.findall(r"""\bslug\s*:\s*['"]([^'"]+)['"]""", code))
                # ...or a record of the JSON list its inline script loads into the modal, by
                # its slug, the list read to its last page
                for path in re.findall(r"""(?:axios\.get|fetch)\(\s*'([^']+)'""", body):
                    target = running_url(web, urljoin(shell, path))
                    for _page in range(5):
                        data = client.get(target).text
                        names |= set(re.findall(r'"slug":\s*"([^"]+)"', data))
                        more = re.search(r'"next":\s*"([^"]+)"', data)
                        if not more:
                            break
                        target = more.group(1)
                # ...or a section the crawler names by its own heading's words, where the
                # page gives it no id (a Divi toggle's title)
                names |= {re.sub(r"[^a-z0-9]+", "-", html.unescape(n).lower()).strip("-")
                          for n in re.findall(r">([^<>]{3,160})<", body)}
                # (an <a name> anchor is a fragment's target as an id is, in old Google Sites)
                assert (f'id="{route}"' in body or f'name="{route}"' in body
                        or route in names), url
                continue
            if route:
                # a hash-routed app's record: its shell is served, and so is the record the
                # route names, at the app's API (/#/layanan/12 -> /api/v1/layanan/12) or as a
                # static data file (/data/layanan/12.json)
                assert route.startswith("/"), url
                assert client.get(running_url(web, shell)).status_code == 200, url
                apis = [running_url(web, shell.rstrip("/") + where) for where in (
                    "/api/v1" + route, "/data" + route + ".json")]
                # ...or at the app's API on another origin (its _api folder): a request
                # there names the record by the route's last segment (a path's end, ?slug=)
                apis += api_origin_requests(web, shell, route.rstrip("/").rsplit("/", 1)[-1])
                assert any(client.get(api).status_code == 200 for api in apis), (url, apis)
                continue
            # a page that loads its record by its query (``detail-layanan.html?id=3``, a
            # jQuery page POSTing the id to its backend): the page is served, and so is that
            # record
            query = urlsplit(url).query
            if query and client.get(running_url(web, url)).status_code == 200 and (
                    backend_requests(web, url, query.rsplit("=", 1)[-1])):
                continue
            served = any(url.startswith(base) for base in routed) and client.get(
                running_url(web, url)).status_code == 200 and named_route(web, url)
            served = served or (url in listed and client.get(
                running_url(web, url)).status_code == 200)
            assert url in pages or url in app_urls or served, f"{row['qid']}: {url}"


def api_origin_requests(web, shell: str, record: str) -> list[str]:
    """The requests of the shell's site's API origin (``api_port_offset``) that name
    ``record``: a path ending in it or a ``slug=`` query of it."""
    for site in web.sites:
        if site.api_port_offset is None or not shell.startswith(
                f"http://127.0.0.1:{DEFAULT_BASE_PORT + site.port_offset}/"):
            continue
        routes = json.loads((site.root / "_api" / "_routes.json").read_text(encoding="utf-8"))
        origin = f"http://127.0.0.1:{web.base_port + site.api_port_offset}"
        return [origin + key for key in routes
                if key.split("?", 1)[0].endswith("/" + record) or f"slug={record}&" in key + "&"]
    return []


def backend_requests(web, page: str, record: str) -> list[str]:
    """The requests the site of ``page`` answers from its backend (its ``_routes.json``: a
    GET ``api.php?act=...&id=`` or a POST-only route) that name ``record`` by a query value."""
    for site in web.sites:
        if not page.startswith(f"http://127.0.0.1:{DEFAULT_BASE_PORT + site.port_offset}/"):
            continue
        routes_file = site.root / "_routes.json"
        if not routes_file.is_file():
            return []
        routes = json.loads(routes_file.read_text(encoding="utf-8"))
        return [key for key, file in routes.items() if "?" in key and key.endswith(
            "=" + record) and (site.root / file).is_file() and file.endswith(".json")]
    return []


def named_route(web, url: str) -> bool:
    """Whether ``url`` is a page its site names: a site whose routes answer any path with
    its app (a ``"*"`` route, a history-mode app's fallback) serves 200 for a mistyped slug
    too, so only the routes it names count there."""
    for site in web.sites:
        default = f"http://127.0.0.1:{DEFAULT_BASE_PORT + site.port_offset}"
        if url.startswith(default + "/") or url == default:
            routes_file = site.root / "_routes.json"
            routes = json.loads(routes_file.read_text(encoding="utf-8")) if (
                routes_file.is_file()) else {}
            parts = urlsplit(url)
            return "*" not in routes or route_key(parts.path or "/", parts.query) in routes
    return True


def test_mpp_relisting_and_agency_page_are_both_grade_2():
    planted = json.loads(PLANTED.read_text(encoding="utf-8"))
    for row in read_devset():
        grades = relevant(row)
        for a, b in planted["services"]:
            if a in grades:
                assert grades.get(b) == grades[a], (row["qid"], a, b)


# --- planted near-duplicates ------------------------------------------------------------------


def requirement_items(html: str) -> list[str]:
    soup = BeautifulSoup(html, "lxml")
    row = soup.find("tr", id="req")
    if row is not None:
        return [li.get_text(" ", strip=True) for li in row.find_all("li")]
    anchor = soup.find(id="persyaratan") or soup.find("a", attrs={"name": "persyaratan"})
    block = anchor.find_next(["ul", "ol", "p"])
    if block.name == "p":
        return [block.get_text(" ", strip=True)]
    return [li.get_text(" ", strip=True) for li in block.find_all("li")]


def test_planted_service_duplicates_share_their_requirements(web, client):
    planted = json.loads(PLANTED.read_text(encoding="utf-8"))
    assert len(planted["services"]) >= 6
    for agency_url, mpp_url in planted["services"]:
        agency = client.get(running_url(web, agency_url))
        mpp = client.get(running_url(web, mpp_url))
        assert agency.status_code == mpp.status_code == 200
        assert urlsplit(agency_url).port != urlsplit(mpp_url).port
        assert requirement_items(mpp.text) == requirement_items(agency.text)
        assert BeautifulSoup(agency.text, "lxml").title.text != \
            BeautifulSoup(mpp.text, "lxml").title.text


def test_planted_app_duplicates_are_in_every_catalog_format(web, client):
    planted = json.loads(PLANTED.read_text(encoding="utf-8"))
    assert len(planted["apps"]) >= 2
    as_json = client.get(web.url("diskominfo", "/apps.json")).json()
    as_csv = list(csv.DictReader(io.StringIO(client.get(web.url("diskominfo", "/apps.csv")).text)))
    table = BeautifulSoup(client.get(web.url("diskominfo", "/aplikasi/")).text, "lxml")
    table_names = [tr.find_all("td")[1].get_text(strip=True)
                   for tr in table.select("table.katalog-aplikasi tbody tr")]
    assert [a["name"] for a in as_json] == [a["name"] for a in as_csv] == table_names
    by_name = {a["name"]: a for a in as_json}
    for first, second in planted["apps"]:
        assert by_name[first]["description"] == by_name[second]["description"]
        assert by_name[first]["opd"] == by_name[second]["opd"]


# --- app catalog ------------------------------------------------------------------------------


def test_app_catalog_entries_are_complete_and_reachable(web, client):
    catalog = client.get(web.url("diskominfo", "/apps.json")).json()
    assert len(catalog) >= 25
    for app in catalog:
        assert set(app) == {"name", "opd", "url", "description", "platform", "status"}
        assert app["status"] in ("aktif", "nonaktif")
        assert app["url"].startswith(("http://", "https://"))
        if app["url"].startswith(web.urls["diskominfo"]):
            page = client.get(app["url"])
            assert page.status_code == 200 and app["name"] in page.text
    assert {"aktif", "nonaktif"} == {app["status"] for app in catalog}


# --- server behaviour -------------------------------------------------------------------------


def test_conditional_requests_get_304(web, client):
    url = web.url("disdukcapil", "/?page_id=21")
    first = client.get(url)
    assert first.status_code == 200
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get(url, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}
                      ).status_code == 200


def test_head_404_redirect_and_query_string_pages(web, client):
    page = client.get(web.url("disdukcapil", "/?page_id=21"))
    head = client.head(web.url("disdukcapil", "/?page_id=21"))
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(page.content))
    tracked = client.get(web.url("disdukcapil", "/?utm_source=wa&page_id=21&fbclid=x"))
    assert tracked.content == page.content
    assert client.get(web.url("disdukcapil", "/index.php?page_id=21")).content == page.content
    assert client.get(web.url("disdukcapil", "/?page_id=99999")).status_code == 404
    assert client.get(web.url("dpmptsp", "/tidak-ada/")).status_code == 404
    assert client.get(web.url("dpmptsp", "/_routes.json")).status_code == 404
    assert client.get(web.url("bpprd", "/layanan.asp?id=1")).status_code == 200
    moved = client.get(web.url("dpmptsp", "/layanan/pbg"))
    assert moved.status_code == 301 and moved.headers["location"] == "/layanan/pbg/"
    assert client.get(web.url("mpp", "/layanan/dpmptsp/pbg/?utm_source=x")).status_code == 200


@pytest.mark.slow  # walks every link of the sample web
def test_links_with_fragments_and_tracking_params_point_to_served_pages(crawl):
    raw_links = crawl.anchor_hrefs
    assert any("utm_source=" in h for h in raw_links)
    assert any("#persyaratan" in h for h in raw_links)


def test_windows_1252_page_declares_and_decodes(web, client):
    response = client.get(web.url("disnaker", "/"))
    assert response.headers["content-type"] == "text/html; charset=windows-1252"
    assert b"windows-1252" in response.content[:600]
    with pytest.raises(UnicodeDecodeError):
        response.content.decode("utf-8")
    assert "Jum\u2019at" in response.content.decode("cp1252")
    news = list(re.findall(r'href="(newspopup\.asp\?id=\d+)"', response.text))
    texts = [client.get(web.url("disnaker", "/" + n)).content.decode("cp1252") for n in news]
    assert any("r\u00e9sum\u00e9" in t for t in texts)


@pytest.mark.slow  # walks every link of the sample web
def test_pdfs_yield_text(web, crawl):
    pdfs = {u: r for u, r in crawl.items()
            if r.status_code == 200 and r.headers["content-type"] == "application/pdf"}
    assert len(pdfs) >= 3
    # the sites of scanned PDFs: their files have no text layer (tests/test_ocr.py reads
    # them); a PDF of any other site without one has lost it
    scanned_sites = tuple(web.urls[s.name] for s in load_manifest()
                          if s.family == "scanned-pdf-standards")
    standards = scans = 0
    for url, response in pdfs.items():
        pages = PdfReader(io.BytesIO(response.content)).pages
        text = "\n".join(p.extract_text() for p in pages)
        if (url.startswith(scanned_sites) and not text.strip()
                and all(has_scan(p) for p in pages)):
            scans += 1
            continue
        assert "Jambi" in text, url
        # "Persyaratan", or "Syarat" in a standard's short wording; a PPID also lists reports
        # and its maklumat
        standards += "syarat" in text.casefold()
    assert standards >= len(pdfs) - scans - 2


def test_robots_and_sitemaps(web, client):
    assert "Disallow: /cari" in client.get(web.url("dpmptsp", "/robots.txt")).text
    assert "Disallow: /admin/" in client.get(web.url("bpprd", "/robots.txt")).text
    assert client.get(web.url("dinsos", "/robots.txt")).status_code == 404
    sitemaps = 0
    for name, base in web.urls.items():
        response = client.get(base + "/sitemap.xml")
        # a single-page app in history mode answers its shell for any path, this one too
        if response.status_code != 200 or "html" in response.headers["content-type"]:
            continue
        sitemaps += 1
        locs = re.findall(r"<loc>([^<]+)</loc>", response.text)
        assert locs and all(loc.startswith(base + "/") for loc in locs), name
        for loc in locs[:5]:
            assert client.get(loc.replace("&amp;", "&")).status_code == 200
    assert sitemaps >= 3


# --- sources files ----------------------------------------------------------------------------


def test_sources_files(web, tmp_path):
    sample = load_sources(REPO / "sources" / "sample-kota-jambi.yaml")
    sites = load_manifest()
    # one source per site, or per OPD of a site serving several under paths (a multisite)
    assert [s.name for s in sample[:-1]] == [name for site in sites
                                             for name, _, _ in site.source_entries()]
    portal = next(s for s in sites if s.subsites)
    assert [u for s in sample if s.name.startswith("portal-") for u in s.start_urls] == [
        f"http://127.0.0.1:{8701 + portal.port_offset}{path}" for _, _, path in portal.subsites]
    assert sample[0].start_urls == ["http://127.0.0.1:8701/"]
    catalog = sample[-1]
    assert catalog.kind == "app-catalog" and catalog.catalog_url.endswith("/apps.json")

    written = load_sources(web.write_sources(tmp_path / "sources.yaml"))
    assert written[0].start_urls == [web.urls[sites[0].name] + "/"]
    assert written[-1].catalog_url == web.urls["diskominfo"] + "/apps.json"

    real = load_sources(REPO / "sources" / "kota-jambi.yaml")
    assert real and all("127.0.0.1" not in u for s in real for u in s.start_urls)
    assert {"disdukcapil", "bpprd", "diskominfo"} <= {s.name for s in real}


def test_sites_are_packaged_with_manifest_and_routes():
    assert (SITES_ROOT / "manifest.json").is_file()
    for site in load_manifest():
        assert (site.root / "index.html").is_file(), site.name


def test_only_loopback_is_accepted():
    with pytest.raises(ValueError, match="127.0.0.1"):
        with serve_sample_sites(0, host="0.0.0.0"):
            pass


def test_an_app_with_its_api_on_another_origin(web, client):
    """spa19-distankp's data is on its API origin (``api_port_offset``): a headless
    WordPress's collections with their paging headers, readable cross-origin (CORS, and a
    preflight answered, since the app sends an Authorization header); the app's own port
    does not serve that folder, and the CMS's permalinks answer 404 as on a headless install."""
    site = next(s for s in web.sites if s.name == "spa19-distankp")
    api = f"http://127.0.0.1:{web.base_port + site.api_port_offset}"
    first = client.get(api + "/wp-json/wp/v2/layanan?per_page=10&_embed&page=1")
    assert first.status_code == 200
    assert first.headers["access-control-allow-origin"] == "*"
    assert first.headers["x-wp-totalpages"] == "2"
    assert len(first.json()) == 10
    assert f"<{api}/wp-json/wp/v2/layanan?" in first.headers["link"]
    assert first.json()[0]["link"].startswith(api + "/")
    assert client.get(first.json()[0]["link"]).status_code == 404
    preflight = client.request("OPTIONS", api + "/api/v1/puskeswan/layanan/1")
    assert preflight.status_code == 204
    assert "Authorization" in preflight.headers["access-control-allow-headers"]
    assert client.get(web.url(site.name, "/_api/robots.txt")).status_code == 404
    assert client.get(web.url(site.name, "/wp-json/wp/v2/pages")).status_code == 404
