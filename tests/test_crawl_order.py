"""The same site crawled twice gives the same documents, whichever pages answer first.

A crawl makes decisions that compare pages: which page a file is shown under (the news post
announcing a standard or the service page offering it), which of two copies of a page is
kept (its tracking-parameter twin, its copy under another path), what the site's title
segment is. Each must follow from the pages and their URLs, not from which page the server
happened to answer first: a citizen's search should not change because one crawl ran on a
busy machine. Here the pages that compete are made slow in one crawl and fast in the other,
so they arrive in opposite orders, and the two data dirs must hold the same documents
(``bench/crawl_determinism.py`` measures the same over the whole tuning web).
"""

from __future__ import annotations

import json

import pytest

from crawler.run import crawl
from sikoja.config import Settings
from sikoja.sources import Source
from sikoja.store import DocumentStore
from tests.faultserver import Page, PageSite, html, make_pdf

SP = make_pdf(["STANDAR PELAYANAN", "Surat Izin Usaha Perdagangan (SIUP)",
               "Persyaratan: 1. Fotokopi KTP-el 2. NPWP 3. Akta pendirian",
               "Prosedur: pemohon mengisi formulir di loket, berkas diperiksa, izin terbit",
               "Biaya: tidak dipungut biaya", "Waktu penyelesaian: 3 hari kerja"],
              title="Standar Pelayanan SIUP")
SIUP = ("<h1>Surat Izin Usaha Perdagangan (SIUP)</h1><p>Izin bagi pelaku usaha perdagangan "
        "di Kota Jambi.</p><h2>Persyaratan</h2><ul><li>Fotokopi KTP-el</li><li>NPWP</li>"
        "</ul><h2>Biaya</h2><p>Gratis.</p>"
        '<p>Standar pelayanan: <a href="/files/sp-siup.pdf">unduh SP SIUP (PDF)</a></p>')
NEWS = ("<h1>Standar Pelayanan SIUP Ditetapkan</h1><p>Kepala dinas menetapkan standar "
        "pelayanan SIUP tahun ini; dokumennya dapat diunduh: "
        '<a href="/files/sp-siup.pdf">Standar Pelayanan SIUP</a>.</p>')
# the pages that compete, slow in one crawl and fast in the other
COMPETING = ("/layanan/siup", "/layanan/siup-salinan", "/berita/sp-siup-ditetapkan",
             "/unduhan")


def pages(slow: set[str]) -> dict[str, Page]:
    def page(body: bytes, path: str) -> Page:
        return Page(body, etag=False, delay=0.4 if path in slow else 0.0)

    site = {
        "/": html("Beranda", "<h1>Dinas Perdagangan</h1><p>Selamat datang.</p>"
                  '<a href="/berita/sp-siup-ditetapkan">Berita</a>'
                  '<a href="/layanan/siup?ref=beranda">SIUP</a>'
                  '<a href="/layanan/siup-salinan">SIUP (salinan)</a>'
                  '<a href="/unduhan">Unduhan</a><a href="/layanan/siup">Layanan SIUP</a>'),
        "/layanan/siup": html("SIUP", SIUP),
        "/layanan/siup-salinan": html("SIUP", SIUP),
        "/berita/sp-siup-ditetapkan": html("Standar Pelayanan SIUP Ditetapkan", NEWS),
        "/unduhan": html("Unduhan", '<h1>Unduhan</h1><ul><li><a href="/files/sp-siup.pdf">'
                         "Standar Pelayanan SIUP</a></li></ul>"),
    }
    out = {path: page(body, path) for path, body in site.items()}
    out["/files/sp-siup.pdf"] = Page(SP, etag=False, content_type="application/pdf")
    return out


def stored(data_dir, base: str) -> dict[str, dict[str, object]]:
    """url path -> what a search reads of each live document (the site's address, which
    differs between the two servers, left out)."""
    store = DocumentStore.open(data_dir)
    try:
        rows = store.query("SELECT url, kind, title, text, fields, parent_url, group_id "
                           "FROM documents WHERE status = 'live'")
        return {r["url"].replace(base, ""): {
            "kind": r["kind"], "title": r["title"], "text": r["text"],
            "fields": json.loads((r["fields"] or "{}").replace(base, "")),
            "parent": (r["parent_url"] or "").replace(base, ""),
            "group": (r["group_id"] or "").replace(base, "")} for r in rows}
    finally:
        store.close()


def arrived(data_dir, base: str) -> list[str]:
    """The competing pages in the order the crawl logged them, as they arrived."""
    store = DocumentStore.open(data_dir)
    try:
        logged = [r["url"].removeprefix(base)
                  for r in store.query("SELECT url FROM fetch_log ORDER BY rowid")]
    finally:
        store.close()
    return [path for path in logged if path in COMPETING]


@pytest.mark.slow  # two real crawls
def test_a_crawl_stores_the_same_documents_whatever_order_its_pages_arrive_in(tmp_path):
    settings = Settings()
    settings.crawl.delay, settings.crawl.retries = 0, 0
    settings.crawl.concurrency_per_host = 8
    crawls = []
    for name, slow in (("first", set(COMPETING[:2])), ("second", set(COMPETING[2:]))):
        with PageSite(pages(slow)) as site:
            source = Source(name="disperindag", opd="Dinas Perdagangan",
                            start_urls=[site.url("/")], use_sitemap=False)
            summary = crawl([source], settings, tmp_path / name, timeout=60)
            assert summary.ok, str(summary)
            crawls.append((stored(tmp_path / name, site.base),
                           arrived(tmp_path / name, site.base)))
    (first, first_order), (second, second_order) = crawls
    assert first_order != second_order  # the test did make them arrive in other orders
    assert "/files/sp-siup.pdf" in first
    assert first == second
