"""A crawl writes each page merged with the app catalog at its URL once, not once per step.

The crawl's store pipeline needs the merged page before it writes (to find query twins and
to tell a changed page from an unchanged one); the store used to merge it again in the
write: two or three reads of the catalog entries and merges per page. Counted here as the
catalog-entry reads SQLite runs (its trace callback), through the real pipeline and store.
"""

from __future__ import annotations

import scrapy
from scrapy.crawler import Crawler

from crawler.items import FetchedDocument
from crawler.pipelines.store import StorePipeline
from sikoja.documents import Document
from sikoja.sources import Source
from sikoja.store import DocumentStore

SITE = "http://dinsos.example"
CATALOG = "http://katalog.example/aplikasi"
CATALOG_READ = "SELECT source, catalog_url, data FROM catalog_entries WHERE url"


def statements(sql: list[str], start: str) -> list[str]:
    return [s for s in sql if s.strip().startswith(start)]


def spider(name: str) -> scrapy.Spider:
    spider = scrapy.Spider(name=name)
    spider.source = Source(name=name, opd="Dinas Sosial", start_urls=[SITE + "/"])
    spider.crawl_id = 1
    return spider


def fetched(doc: Document) -> FetchedDocument:
    return FetchedDocument(document=doc, fetched_url=doc.url, status=200, elapsed_ms=1.0,
                           etag='"v1"')


def page(path: str, title: str) -> Document:
    return Document(url=SITE + path, source="dinsos", opd="Dinas Sosial", kind="service",
                    title=title, text=f"{title}: syarat KTP dan KK, gratis.",
                    fields={"cost": "Gratis"})


PAGES = [page("/layanan/dtks", "Pendaftaran DTKS"), page("/layanan/pkh", "Program PKH"),
         page("/layanan?id=3", "Kartu Lansia")]
APP = Document(url=SITE + "/layanan/dtks", source="katalog", opd="Dinas Sosial", kind="app",
               title="SIKS-NG", text="Aplikasi SIKS-NG", parent_url=CATALOG,
               fields={"platform": "web", "status": "Aktif", "description": "Data DTKS"})


def test_each_page_write_merges_the_catalog_once(tmp_path):
    pipeline = StorePipeline(Crawler(scrapy.Spider, {"SIKOJA_DATA_DIR": str(tmp_path)}))
    reads: list[str] = []
    pipeline.store._db.set_trace_callback(reads.append)
    pipeline.process_item(fetched(APP), spider("katalog"))
    reads.clear()
    for doc in PAGES:
        pipeline.process_item(fetched(doc), spider("dinsos"))
    pipeline.close_spider(spider("dinsos"))

    assert len(statements(reads, "INSERT INTO documents")) == len(PAGES)
    assert len(statements(reads, CATALOG_READ)) == len(PAGES)

    # the same documents as before: the page keeps its own part and gains the app's
    store = DocumentStore.open(tmp_path)
    try:
        dtks = store.get(SITE + "/layanan/dtks")
        assert dtks.kind == "service" and dtks.title == "Pendaftaran DTKS"
        assert dtks.fields["cost"] == "Gratis"
        assert dtks.fields["app"]["name"] == "SIKS-NG"
        assert dtks.fields["app"]["catalog"] == CATALOG
        assert "app" not in store.get(SITE + "/layanan/pkh").fields
        assert store.count() == len(PAGES)
    finally:
        store.close()


def test_a_recrawl_of_unchanged_pages_merges_once_each(tmp_path):
    pipeline = StorePipeline(Crawler(scrapy.Spider, {"SIKOJA_DATA_DIR": str(tmp_path)}))
    pipeline.process_item(fetched(APP), spider("katalog"))
    for doc in PAGES:
        pipeline.process_item(fetched(doc), spider("dinsos"))
    pipeline.close_spider(spider("dinsos"))

    again = StorePipeline(Crawler(scrapy.Spider, {"SIKOJA_DATA_DIR": str(tmp_path)}))
    reads: list[str] = []
    again.store._db.set_trace_callback(reads.append)
    for doc in PAGES:  # new validators, same content: stored again, counted unchanged
        item = fetched(doc)
        item.etag = '"v2"'
        again.process_item(item, spider("dinsos"))
    again.close_spider(spider("dinsos"))
    assert len(statements(reads, "INSERT INTO documents")) == len(PAGES)
    assert len(statements(reads, CATALOG_READ)) == len(PAGES)
    store = DocumentStore.open(tmp_path)
    try:
        assert store.validators(SITE + "/layanan/dtks")["etag"] == '"v2"'
        assert store.get(SITE + "/layanan/dtks").fields["app"]["name"] == "SIKS-NG"
    finally:
        store.close()
