"""Service pages of static builds whose HTML shows only the open panel (issue #11).

A Next.js app-router page passes a shadcn/Radix accordion's content to the client component
as its ``children``; Radix leaves a closed item's content out of the HTML, so the procedure
and the legal basis were only in the RSC flight rows, and the page was stored with its
requirements alone. A Gatsby page's Headless UI tabs render only the selected panel; the
rest is in ``/page-data/<route>/page-data.json``, which the page preloads and the crawler
never read. Now the flight's trees are drawn with every panel open, and the data file a page
preloads for its own route is read with the page."""

from __future__ import annotations

import json
import pickle

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse

from crawler.extract.document import html_document
from crawler.extract.flight import flight_html
from crawler.extract.pagedata import data_file_url
from crawler.extract.payload import with_data_file, with_payload
from crawler.run import crawl
from crawler.spiders.website import _held, _unheld
from sikoja.config import Settings
from sikoja.sources import Source
from sikoja.store import DocumentStore
from tests.faultserver import Page, PageSite

SITE = "https://diskop.jambikota.go.id"
STEPS = [
    "Koperasi memberitahukan jadwal RAT",
    "Petugas dinas hadir sebagai peninjau",
    "Laporan diunggah di ODS",
]


def el(tag: str, props: dict | None = None, children: object = None) -> list:
    return ["$", tag, None, {**(props or {}), **({"children": children} if children else {})}]


def item(value: str, label: str, content: list) -> list:
    """A shadcn AccordionItem (client components 8, 9, a) as the server passes it."""
    return [
        "$",
        "$L8",
        value,
        {
            "value": value,
            "children": [
                ["$", "$L9", None, {"children": label}],
                ["$", "$La", None, {"children": content}],
            ],
        },
    ]


def radix(label: str, content: str, is_open: bool) -> str:
    state = "open" if is_open else "closed"
    return (
        f'<div data-state="{state}"><h3 data-state="{state}"><button type="button" '
        f'aria-expanded="{str(is_open).lower()}" data-state="{state}">{label}</button></h3>'
        f'<div data-state="{state}" role="region"{"" if is_open else " hidden"}>'
        f"{content if is_open else ''}</div></div>"
    )


def next_page(title: str, items: list[tuple[str, str, list]], *, push_size: int = 300) -> bytes:
    """An app-router page: the first accordion item open in the HTML, every item's content
    in the flight rows (pushed in pieces, as a stream flush cuts them)."""
    tree = el(
        "main",
        {"className": "container"},
        [
            el("h1", {}, title),
            el("p", {}, "Setiap koperasi wajib menyampaikan laporan rapat anggota tahunan."),
            [
                "$",
                "$L7",
                None,
                {
                    "type": "single",
                    "defaultValue": items[0][0],
                    "children": [item(*i) for i in items],
                },
            ],
        ],
    )
    stream = (
        '7:I[6320,["420","static/chunks/420.js"],"Accordion"]\n'
        '8:I[6320,["420","static/chunks/420.js"],"AccordionItem"]\n'
        "0:"
        + json.dumps(
            [
                "build1",
                [
                    [
                        ["", {"children": ["__PAGE__", {}]}],
                        None,
                        [None, el("html", {}, el("body", {}, tree))],
                    ]
                ],
            ]
        )
        + "\n"
    )
    pushes = "".join(
        f"<script>self.__next_f.push({json.dumps([1, stream[i : i + push_size]])})</script>"
        for i in range(0, len(stream), push_size)
    )
    first = items[0]
    shown = "".join(
        radix(
            label,
            f"<ul><li>{first[2][3]['children'][0][3]['children']}</li></ul>" if n == 0 else "",
            n == 0,
        )
        for n, (_, label, _c) in enumerate(items)
    )
    return (
        f"<!DOCTYPE html><html lang='id'><head><title>{title} | Diskop UM</title></head>"
        f"<body><header><a href='/'>Beranda</a> <a href='/layanan/'>Layanan</a></header>"
        f"<main><h1>{title}</h1><p>Setiap koperasi wajib menyampaikan laporan rapat "
        f"anggota tahunan.</p>"
        "<div><div><p>Waktu Layanan</p><p>3 hari kerja</p></div>"
        "<div><p>Biaya</p><p>Gratis</p></div></div>"
        f"{shown}</main><footer>Dinas Koperasi, Jl. H. Agus Salim No. 7</footer>"
        f"{pushes}</body></html>"
    ).encode()


def read(body: bytes, url: str):
    page = html_document(
        body,
        url=url,
        content_type="text/html; charset=utf-8",
        http_last_modified=None,
        source="diskop",
        opd="Diskop",
    )
    return with_payload(page, body.decode(), source="diskop", opd="Diskop")


RAT_ITEMS = [
    ("persyaratan", "Persyaratan", el("ul", {}, [el("li", {}, "Undangan RAT dan daftar hadir")])),
    ("prosedur", "Mekanisme dan Prosedur", el("ol", {}, [el("li", {}, s) for s in STEPS])),
    ("dasar", "Dasar Hukum", el("p", {}, "Undang-Undang Nomor 25 Tahun 1992")),
]


def test_a_closed_accordion_items_content_is_read_from_the_flight_rows():
    url = f"{SITE}/layanan/laporan-rat/"
    doc = read(next_page("Pelaporan RAT Koperasi", RAT_ITEMS), url).document
    assert doc.kind == "service"
    assert doc.fields["requirements"] == ["Undangan RAT dan daftar hadir"]  # the open item
    assert doc.fields["procedure"] == STEPS  # a closed item's, in the rows only
    assert doc.fields["legal_basis"] == "Undang-Undang Nomor 25 Tahun 1992"
    assert "Petugas dinas hadir sebagai peninjau" in doc.text
    assert doc.text.count("Undangan RAT dan daftar hadir") == 1  # not said twice


def test_a_page_that_lacks_service_sections_becomes_a_service_by_its_closed_items():
    # no cards: the open item (requirements) alone is no service; with the closed
    # procedure it is one
    body = next_page("Pelaporan RAT Koperasi", RAT_ITEMS).replace(
        b"<div><div><p>Waktu Layanan</p><p>3 hari kerja</p></div>"
        b"<div><p>Biaya</p><p>Gratis</p></div></div>",
        b"",
    )
    assert (
        read(
            body.replace(b"self.__next_f", b"self.__other"), f"{SITE}/halaman/laporan-rat"
        ).document.kind
        != "service"
    )
    doc = read(body, f"{SITE}/halaman/laporan-rat").document
    assert doc.kind == "service" and doc.fields["procedure"] == STEPS


def test_the_flight_is_drawn_whole_when_a_flush_cuts_a_row_and_a_text_row_is_named():
    long_text = "Dasar hukum pelaporan rapat anggota tahunan " * 20
    body = next_page(
        "Pelaporan RAT", [*RAT_ITEMS[:2], ("dasar", "Dasar Hukum", "$5")], push_size=37
    )
    row = f"5:T{len(long_text.encode()):x},{long_text}"
    body = body.replace(
        b"</body>", f"<script>self.__next_f.push({json.dumps([1, row])})</script></body>".encode()
    )
    drawn = flight_html(body.decode())
    assert drawn is not None and "<li>Laporan diunggah di ODS</li>" in drawn
    assert long_text.strip() in drawn
    assert "build1" not in drawn and "__PAGE__" not in drawn  # bookkeeping is no text


def test_a_text_row_named_many_times_is_drawn_within_bounds():
    text = "x" * 10_000
    stream = (
        f"5:T{len(text):x},{text}"
        + "0:"
        + json.dumps(
            [None, [el("html", {}, el("body", {}, el("$L7", {}, el("p", {}, "$5"))))] * 1000]
        )
        + "\n"
    )
    body = f"<script>self.__next_f.push({json.dumps([1, stream])})</script>"
    drawn = flight_html(body)
    assert drawn is not None and len(drawn) <= 4 * len(stream) + 10_000


def test_a_listing_takes_no_section_from_its_cards():
    cards = [
        el(
            "a",
            {"href": f"/layanan/{n}/"},
            [
                el("h3", {}, f"Layanan {n}"),
                el("p", {}, "Persyaratan"),
                el("p", {}, "KTP-el dan KK"),
                el("p", {}, "Biaya"),
                el("p", {}, "Gratis"),
            ],
        )
        for n in range(3)
    ]
    # the cards drawn by a client component (a filterable grid), as a listing's are
    grid = el("$L7", {}, cards)
    stream = "0:" + json.dumps([None, el("html", {}, el("body", {}, el("main", {}, grid)))]) + "\n"
    links = "".join(f"<li><a href='/layanan/{n}/'>Layanan {n}</a></li>" for n in range(12))
    body = (
        f"<html><head><title>Layanan</title></head><body><main><h1>Layanan</h1><ul>{links}"
        f"</ul></main><script>self.__next_f.push({json.dumps([1, stream])})</script>"
        "</body></html>"
    ).encode()
    doc = read(body, f"{SITE}/layanan/").document
    assert doc.kind != "service" and "requirements" not in doc.fields
    assert "Persyaratan" in flight_html(body.decode())  # drawn, and not read as the page's


def test_the_servers_own_elements_are_not_drawn_again():
    # the layout's footer names an address: it is no location of the service
    body = next_page("Pelaporan RAT Koperasi", RAT_ITEMS)
    drawn = flight_html(body.decode())
    assert drawn is not None and "<h1>" not in drawn and "Mekanisme dan Prosedur" in drawn


# -- a static build's data file: Gatsby's page-data.json ----------------------------------

GATSBY_HEAD = (
    '<link as="fetch" rel="preload" href="/page-data{route}page-data.json" '
    'crossorigin="anonymous"/><link as="fetch" rel="preload" '
    'href="/page-data/app-data.json" crossorigin="anonymous"/>'
)
PASKIB = {
    "judul": "Seleksi Calon Paskibraka",
    "slug": "seleksi-paskibraka",
    "persyaratan": ["Siswa kelas X atau XI", "Rekomendasi kepala sekolah"],
    "alurPengajuan": ["Sekolah mengirim calon", "Tes jasmani dan wawancara"],
    "lamaProses": "Maret sampai Mei",
    "retribusi": "Gratis",
    "dasarHukum": "Perpres Nomor 51 Tahun 2022",
}


def gatsby_page(route: str, title: str) -> bytes:
    return (
        f"<!DOCTYPE html><html><head><title>{title} | Disporapar</title>"
        f"{GATSBY_HEAD.format(route=route)}</head><body><div id='___gatsby'>"
        "<header><a href='/'>Beranda</a> <a href='/layanan/'>Layanan</a></header>"
        f"<main><h1>{title}</h1><p>Seleksi pelajar menjadi Pasukan Pengibar Bendera.</p>"
        "<dl><div><dt>Lama Proses</dt><dd>Maret sampai Mei</dd></div>"
        "<div><dt>Retribusi</dt><dd>Gratis</dd></div></dl>"
        "<div role='tablist'><button role='tab' aria-selected='true'>Syarat</button>"
        "<button role='tab' aria-selected='false'>Alur Pengajuan</button></div>"
        "<div role='tabpanel'><ul><li>Siswa kelas X atau XI</li>"
        "<li>Rekomendasi kepala sekolah</li></ul></div>"
        "<span aria-hidden='true' role='tabpanel'></span></main></div>"
        f'<script>window.pagePath="{route}";</script></body></html>'
    ).encode()


def page_data(route: str, record: dict) -> bytes:
    return json.dumps(
        {
            "componentChunkName": "component---src-templates-layanan-js",
            "path": route,
            "result": {"data": {"layanan": record}, "pageContext": {"slug": record["slug"]}},
        }
    ).encode()


def test_the_data_file_of_the_pages_own_route_is_found():
    route = "/layanan/seleksi-paskibraka/"
    text = gatsby_page(route, "Seleksi Calon Paskibraka").decode()
    url = f"https://disporapar.jambikota.go.id{route}"
    assert data_file_url(text, url) == (
        "https://disporapar.jambikota.go.id/page-data/layanan/seleksi-paskibraka/page-data.json"
    )
    # the home's route is "index"; app-data.json and another route's prefetch are no page's
    home = GATSBY_HEAD.format(route="/index/")
    assert data_file_url(home, "https://disporapar.jambikota.go.id/").endswith(
        "/page-data/index/page-data.json"
    )
    assert data_file_url(GATSBY_HEAD.format(route="/berita/"), url) is None
    # Nuxt 3 generate's payload beside the route's HTML
    nuxt = (
        '<link rel="preload" as="fetch" crossorigin="anonymous" href="/layanan/ktp/_payload.json">'
    )
    assert data_file_url(nuxt, "https://x.go.id/layanan/ktp") == (
        "https://x.go.id/layanan/ktp/_payload.json"
    )
    assert data_file_url(nuxt, "https://x.go.id/layanan/kk") is None
    # another host's file is not the page's
    other = (
        '<link rel="preload" as="fetch" href="https://cdn.example.com/layanan/ktp/_payload.json">'
    )
    assert data_file_url(other, "https://x.go.id/layanan/ktp") is None


def test_the_sections_a_tab_left_out_are_read_from_the_data_file():
    route = "/layanan/seleksi-paskibraka/"
    url = f"https://disporapar.jambikota.go.id{route}"
    page = html_document(
        gatsby_page(route, PASKIB["judul"]),
        url=url,
        content_type="text/html",
        http_last_modified=None,
        source="d",
        opd="D",
    )
    assert "procedure" not in page.document.fields
    doc = with_data_file(page, page_data(route, PASKIB), source="d", opd="D").document
    assert doc.kind == "service"
    assert doc.fields["procedure"] == PASKIB["alurPengajuan"]
    assert doc.fields["legal_basis"] == PASKIB["dasarHukum"]
    assert "Tes jasmani dan wawancara" in doc.text
    # a file that is no JSON, or another page's record, changes nothing
    assert with_data_file(page, b"<html>404</html>", source="d", opd="D") is page
    other = dict(PASKIB, judul="Pemuda Pelopor", slug="pemuda-pelopor")
    assert with_data_file(page, page_data(route, other), source="d", opd="D") is page


@pytest.mark.slow  # crawls a served site
def test_a_crawl_reads_a_gatsby_pages_data_file_with_the_page(tmp_path):
    route = "/layanan/seleksi-paskibraka/"
    json_type = "application/json"
    with PageSite(
        {
            "/": Page(
                b"<html><head><title>Disporapar</title></head><body><main><h1>Beranda</h1>"
                b"<a href='/layanan/seleksi-paskibraka/'>Paskibraka</a>"
                b"<a href='/layanan/pemuda-pelopor/'>Pemuda Pelopor</a></main></body></html>"
            ),
            "/layanan/": Page(
                b"<html><head><title>Layanan</title></head><body><h1>Layanan</h1></body></html>"
            ),
            route: Page(gatsby_page(route, PASKIB["judul"])),
            f"/page-data{route}page-data.json": Page(
                page_data(route, PASKIB), etag=False, content_type=json_type
            ),
            # a page whose data file is missing is stored as its HTML says
            "/layanan/pemuda-pelopor/": Page(
                gatsby_page("/layanan/pemuda-pelopor/", "Pemilihan Pemuda Pelopor")
            ),
        }
    ) as site:
        settings = Settings()
        settings.crawl.delay = 0
        report = crawl(
            [Source(name="dispora", opd="Disporapar", kind="website", start_urls=[site.url("/")])],
            settings,
            tmp_path,
            timeout=120,
        )
        store = DocumentStore.open(tmp_path)
        try:
            live = {d.url: d for d in store.iter_documents()}
        finally:
            store.close()
    assert report.sources[0].errors == 0, str(report)
    paskib = live[site.url(route)]
    assert paskib.kind == "service" and paskib.fields["procedure"] == PASKIB["alurPengajuan"]
    pelopor = live[site.url("/layanan/pemuda-pelopor/")]
    assert pelopor.fields["requirements"] and "procedure" not in pelopor.fields
    # the data file is read with its page, never stored as a page of its own
    assert not any("page-data" in url for url in live)


def test_a_page_held_for_its_data_file_survives_a_pickled_frontier():
    # a crawl's frontier (JOBDIR, a fleet's Redis) pickles a request's meta: the page waiting
    # for its data file is carried as plain values and answered again whole
    url = "https://disporapar.jambikota.go.id/layanan/seleksi-paskibraka/"
    response = HtmlResponse(
        url,
        body=b"<html><h1>Paskibraka</h1></html>",
        headers={"Content-Type": "text/html", "ETag": '"a1"'},
        request=Request(url, meta={"sikoja_depth": 2}),
    )
    again = _unheld(pickle.loads(pickle.dumps(_held(response))), b'{"result": {}}')
    assert (again.url, again.status, again.body) == (url, 200, response.body)
    assert again.headers.get("ETag") == b'"a1"'
    assert again.meta["sikoja_depth"] == 2 and again.meta["sikoja_data_file"] == b'{"result": {}}'


def test_a_row_nested_past_the_parsers_stack_is_left_out_with_a_log_line(caplog):
    # json.loads raises RecursionError (no ValueError) on it: it escaped into the spider,
    # and the page was lost; now the row is left out, and the others are drawn
    deep = "b:" + "[" * 100_000 + "]" * 100_000 + "\n"
    body = next_page("Pelaporan RAT Koperasi", RAT_ITEMS).replace(
        b"</body>", f"<script>self.__next_f.push({json.dumps([1, deep])})</script></body>".encode()
    )
    with caplog.at_level("WARNING"):
        doc = read(body, f"{SITE}/layanan/laporan-rat/").document
    assert doc.kind == "service" and doc.fields["procedure"] == STEPS
    assert "1 of" in caplog.text and "rows are no JSON" in caplog.text


def next15_stream(title: str, items: list[tuple[str, str, list]]) -> str:
    """Next 15's rows (React 19): row 0 an object, the layout and the page each wrapped in
    React's Fragment, named by the row that holds it (``1:"$Sreact.fragment"``), and a
    closed item's content under a Suspense boundary."""
    footer = el("footer", {}, [el("h4", {}, "Lokasi Pelayanan"),
                               el("p", {}, "Jl. H. Agus Salim No. 7, Kota Baru")])
    router = ["$", "$L2", None, {"parallelRouterKey": "children",
                                 "notFound": [el("h2", {}, "This page could not be found.")]}]
    layout = ["$", "$1", "c", {"children": [
        el("html", {"lang": "id"}, el("body", {}, [el("header", {}, "Beranda"), router, footer]))]}]
    shown = [item(*i) for i in items]
    shown[-1][3]["children"][1][3]["children"] = ["$", "$Sreact.suspense", None, {
        "fallback": el("p", {}, "Memuat"), "children": shown[-1][3]["children"][1][3]["children"]}]
    page = ["$", "$1", "c", {"children": [
        el("main", {}, [el("h1", {}, title), ["$", "$L7", None, {"children": shown}]]),
        "$undefined", ["$", "$L4", None, {"children": "$L5"}]]}]
    row0 = {"P": None, "b": "build1", "p": "", "c": ["", ""], "i": False,
            "f": [[["", {"children": ["__PAGE__", {}]}, "$undefined", "$undefined", True],
                   ["", layout, {"children": ["__PAGE__", page, {}, None, False]}, None, False],
                   None, False]], "m": "$undefined", "G": ["$3", []], "s": False, "S": True}
    return ('1:"$Sreact.fragment"\n2:I[7,[],"default"]\n4:I[9,[],"OutletBoundary"]\n'
            '7:I[6320,[],"Accordion"]\n5:null\n0:' + json.dumps(row0) + "\n")


def test_reacts_fragment_and_suspense_are_no_client_components():
    # Next 15 wraps the layout in a Fragment: read as a client component, its header, the
    # page's heading and the footer's address (a location for the service) were drawn
    stream = next15_stream("Pelaporan RAT Koperasi", RAT_ITEMS)
    drawn = flight_html(f"<script>self.__next_f.push({json.dumps([1, stream])})</script>")
    assert drawn is not None and "Mekanisme dan Prosedur" in drawn
    assert "Undang-Undang Nomor 25 Tahun 1992" in drawn  # under Suspense, in a client one
    assert "Agus Salim" not in drawn and "<h1>" not in drawn and "Beranda" not in drawn
    assert "Memuat" not in drawn and "could not be found" not in drawn
    body = next_page("Pelaporan RAT Koperasi", RAT_ITEMS)
    start = body.index(b"<script>self.__next_f")
    body = body[:start] + (
        f"<script>self.__next_f.push({json.dumps([1, stream])})</script></body></html>"
    ).encode()
    doc = read(body, f"{SITE}/layanan/laporan-rat/").document
    assert doc.fields["procedure"] == STEPS and "location" not in doc.fields


def _spider(start: str):
    from scrapy.crawler import Crawler
    from scrapy.settings import Settings as ScrapySettings

    from crawler.settings import URLLENGTH_LIMIT
    from crawler.spiders.website import WebsiteSpider

    crawler = Crawler(WebsiteSpider, ScrapySettings({"URLLENGTH_LIMIT": URLLENGTH_LIMIT}))
    source = Source(name="dispora", opd="Disporapar", kind="website", start_urls=[start])
    return WebsiteSpider.from_crawler(crawler, source=source)


def test_the_data_file_is_asked_for_no_larger_than_read_and_never_dropped_by_scrapy():
    from crawler.extract.payload import MAX_DATA_FILE
    from crawler.items import FetchedDocument

    site = "https://disporapar.jambikota.go.id"
    spider = _spider(f"{site}/")

    def answered(route: str) -> list:
        url = f"{site}{route}"
        response = HtmlResponse(url, body=gatsby_page(route, PASKIB["judul"]),
                                headers={"Content-Type": "text/html"},
                                request=Request(url, meta={"sikoja_depth": 1}))
        return list(spider._parse(response))

    # a 50 MB page-data.json is not downloaded past what is read (Scrapy's cap is 15 MB)
    (asked,) = [r for r in answered("/layanan/seleksi-paskibraka/") if isinstance(r, Request)]
    assert asked.url.endswith("/page-data/layanan/seleksi-paskibraka/page-data.json")
    assert asked.meta["download_maxsize"] == MAX_DATA_FILE
    # a data file's URL past URLLENGTH_LIMIT: Scrapy's middleware would drop its request
    # without an answer, and the page waiting for it was never stored; it is read at once
    long_route = "/layanan/" + "a" * 1980 + "/"
    out = answered(long_route)
    assert not any(isinstance(r, Request) and "page-data" in r.url for r in out)
    assert [d.fetched_url for d in out if isinstance(d, FetchedDocument)] == [
        f"{site}{long_route}"
    ]


@pytest.mark.slow  # crawls a served site twice
def test_a_pages_data_file_is_read_again_by_the_next_crawl(tmp_path):
    # a closed tab's content is only in the data file: when it changes, the page's HTML does
    # not; with the page's validators stored, the next crawl got a 304 and kept the old steps
    route = "/layanan/seleksi-paskibraka/"
    data_path = f"/page-data{route}page-data.json"
    pages = {
        "/": Page(b"<html><head><title>Disporapar</title></head><body><main><h1>Beranda</h1>"
                  b"<a href='/layanan/seleksi-paskibraka/'>Paskibraka</a></main></body></html>"),
        route: Page(gatsby_page(route, PASKIB["judul"])),
        data_path: Page(page_data(route, PASKIB), etag=False, content_type="application/json"),
    }
    with PageSite(pages) as site:
        settings = Settings()
        settings.crawl.delay = 0
        source = Source(name="dispora", opd="Disporapar", kind="website",
                        start_urls=[site.url("/")])

        def stored():
            crawl([source], settings, tmp_path, timeout=120)
            store = DocumentStore.open(tmp_path)
            try:
                return {d.url: d for d in store.iter_documents()}[site.url(route)]
            finally:
                store.close()

        assert stored().fields["procedure"] == PASKIB["alurPengajuan"]
        steps = ["Sekolah mengirim calon", "Tes jasmani", "Pemusatan latihan"]
        site.pages[data_path] = Page(page_data(route, dict(PASKIB, alurPengajuan=steps)),
                                     etag=False, content_type="application/json")
        assert stored().fields["procedure"] == steps


def test_a_malformed_preload_href_is_skipped_and_the_page_stored(tmp_path):
    # urljoin raises ValueError ("Invalid IPv6 URL") on such an href: that link is skipped
    bad = '<link rel="preload" as="fetch" href="//[x/page-data.json">'
    url = "https://disporapar.jambikota.go.id/layanan/seleksi-paskibraka/"
    assert data_file_url(bad, url) is None
    assert data_file_url(bad + GATSBY_HEAD.format(route="/layanan/seleksi-paskibraka/"), url)
    page = (
        b"<html><head><title>Pemuda Pelopor | Disporapar</title>" + bad.encode()
        + b"</head><body><main><h1>Pemilihan Pemuda Pelopor</h1><p>Pemilihan pemuda pelopor "
        b"tingkat kota diadakan setiap tahun oleh dinas.</p></main></body></html>"
    )
    with PageSite(
        {
            "/": Page(
                b"<html><head><title>Disporapar</title></head><body><main><h1>Beranda</h1>"
                b"<a href='/layanan/pemuda-pelopor/'>Pemuda Pelopor</a></main></body></html>"
            ),
            "/layanan/pemuda-pelopor/": Page(page),
        }
    ) as site:
        settings = Settings()
        settings.crawl.delay = 0
        report = crawl(
            [Source(name="dispora", opd="Disporapar", kind="website", start_urls=[site.url("/")])],
            settings,
            tmp_path,
            timeout=120,
        )
        store = DocumentStore.open(tmp_path)
        try:
            live = {d.url for d in store.iter_documents()}
        finally:
            store.close()
    assert report.sources[0].errors == 0, str(report)
    assert site.url("/layanan/pemuda-pelopor/") in live


def test_the_data_file_is_found_past_a_large_inline_stylesheet():
    # Gatsby inlines the global CSS in <head> before its preload links
    route = "/layanan/seleksi-paskibraka/"
    css = "<style data-href='/styles.css'>" + ".a{color:red}" * 30_000 + "</style>"
    head = f"<html><head>{css}{GATSBY_HEAD.format(route=route)}</head><body></body></html>"
    assert len(css) > 300_000
    assert data_file_url(head, f"https://disporapar.jambikota.go.id{route}") == (
        "https://disporapar.jambikota.go.id/page-data/layanan/seleksi-paskibraka/page-data.json"
    )


def test_a_page_whose_payload_reader_fails_is_kept_as_its_html_says(monkeypatch, caplog):
    # a bug in drawing the payload (simulated: the drawer raises) loses no page
    from scrapy.settings import Settings as ScrapySettings

    import crawler.spiders.website as website
    from crawler.items import FetchedDocument

    def broken(*_args, **_kwargs):
        raise AttributeError("drawn wrong")

    monkeypatch.setattr(website, "with_payload", broken)
    spider = website.WebsiteSpider(
        {"name": "x", "opd": "y", "kind": "website", "start_urls": ["http://h/"]}
    )
    spider.settings = ScrapySettings({"URLLENGTH_LIMIT": 2083})
    body = (
        b"<html><head><title>Izin Usaha</title></head><body><main><h1>Izin Usaha</h1>"
        b"<p>Izin usaha mikro diurus di kantor kelurahan setempat setiap hari kerja.</p></main>"
        b'<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{}}}'
        b"</script></body></html>"
    )
    request = Request("http://h/izin", meta={"sikoja_depth": 1})
    response = HtmlResponse("http://h/izin", body=body, request=request,
                            headers={"Content-Type": "text/html"})
    out = list(spider.parse(response))
    (stored,) = [o.document for o in out if isinstance(o, FetchedDocument)]
    assert stored.title == "Izin Usaha" and "kelurahan setempat" in stored.text
    assert "http://h/izin" in caplog.text and "AttributeError" in caplog.text


def test_a_listings_data_file_never_makes_it_a_service():
    from dataclasses import replace

    route = "/layanan/seleksi-paskibraka/"
    page = html_document(
        gatsby_page(route, PASKIB["judul"]),
        url=f"https://disporapar.jambikota.go.id{route}",
        content_type="text/html",
        http_last_modified=None,
        source="d",
        opd="D",
    )
    listing = replace(page, document=replace(page.document, kind="page",
                                             fields={"listing": True}))
    assert with_data_file(listing, page_data(route, PASKIB), source="d", opd="D") is listing
