"""Query twins: a portal's home links its services with ``?ref=beranda``, its service list
links them plainly. Each service is stored once, at the plain URL, whichever spelling the
crawl meets first and on every later crawl; a query that selects content keeps its page."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from crawler.run import crawl
from crawler.standards import MARKER
from crawler.twins import keeper, named_by_slug, query_twins, twin_identity
from sikoja.config import Settings
from sikoja.documents import Document
from sikoja.sources import Source
from sikoja.store import DocumentStore
from tests.faultserver import Page, PageSite, Reply, html


class Portal(PageSite):
    """Answers any query with the path's page, except ``/berita?hal=2`` (a second page)."""

    def handle(self, request):
        parts = urlsplit(request.path)
        query = dict(parse_qsl(parts.query))
        if parts.path == "/berita" and query.get("hal") == "2":
            self.send(request, Reply(body=html("Berita", "<h1>Berita</h1><p>Berita lama: "
                                               "pelayanan KTP keliling di kelurahan.</p>")))
            return
        super().handle(request)


SERVICES = {
    "/layanan/4/skck": ("SKCK Baru", "Surat Keterangan Catatan Kepolisian untuk melamar kerja. "
                        "Persyaratan: KTP-el, KK, pas foto 4x6 latar merah. Biaya Rp30.000."),
    "/layanan/6/nib": ("Izin Usaha (NIB)", "Pendampingan membuat akun OSS dan menerbitkan NIB "
                       "untuk usaha perorangan. Persyaratan: KTP-el, NPWP. Biaya gratis."),
}


def pages() -> dict[str, Page]:
    out = {
        # the home page tags its links; the list links plainly, one level deeper
        "/": Page(html("Portal MPP", "<h1>Portal MPP</h1><p>Layanan unggulan.</p>"
                       + "".join(f'<a href="{p}?ref=beranda">{t}</a>'
                                 for p, (t, _) in SERVICES.items())
                       + '<a href="/layanan">Semua layanan</a><a href="/berita">Berita</a>'),
                  etag=False),
        "/layanan": Page(html("Semua Layanan", "<h1>Semua Layanan</h1>"
                              + "".join(f'<a href="{p}">{t}</a>'
                                        for p, (t, _) in SERVICES.items())), etag=False),
        "/berita": Page(html("Berita", "<h1>Berita</h1><p>Berita terbaru: MPP buka Sabtu.</p>"
                             '<a href="/berita?hal=2">Halaman 2</a>'), etag=False),
    }
    for path, (title, text) in SERVICES.items():
        out[path] = Page(html(title, f"<h1>{title}</h1><p>{text}</p>"), etag=False)
    return out


def live(tmp_path) -> set[str]:
    store = DocumentStore.open(tmp_path)
    try:
        return store.urls_for_source("mpp-portal")
    finally:
        store.close()


@pytest.mark.slow  # a real crawl
def test_a_page_reached_with_a_tracking_parameter_is_stored_once_at_its_plain_url(tmp_path):
    settings = Settings()
    settings.crawl.delay, settings.crawl.retries = 0, 0
    with Portal(pages()) as site:
        source = Source(name="mpp-portal", opd="Mal Pelayanan Publik",
                        start_urls=[site.url("/")], use_sitemap=False)
        crawl([source], settings, tmp_path, timeout=60)
        first = live(tmp_path)
        crawl([source], settings, tmp_path, timeout=60)
        second = live(tmp_path)
        store = DocumentStore.open(tmp_path)
        duplicates = sorted((r["url"], r["reason"]) for r in store.query(
            "SELECT url, reason FROM fetch_log WHERE reason LIKE 'duplicate:%'"))
        store.close()
    expected = {site.url(p) for p in ("/", "/layanan", "/berita", "/berita?hal=2", *SERVICES)}
    assert first == expected  # no ?ref=beranda copy; the second news page is its own page
    assert second == expected
    # each crawl logs each twin as a duplicate of the page kept
    assert duplicates == sorted(
        (site.url(f"{p}?ref=beranda"), f"duplicate: the page at {site.url(p)}")
        for p in SERVICES for _crawl in range(2))

def test_the_kept_spelling_has_fewest_parameters_then_most_links():
    from collections import Counter

    from sikoja.urls import url_key

    pages = {"http://a.go.id/x?ref=home": "h1", "http://a.go.id/x": "h1",
             "http://a.go.id/y?id=1&ref=a": "h2", "http://a.go.id/y?id=1&ref=b": "h2",
             "http://a.go.id/z?id=1": "h3", "http://a.go.id/z?id=2": "h4"}
    inlinks = Counter({url_key("http://a.go.id/y?id=1&ref=b"): 5})
    assert query_twins(pages, inlinks) == {
        "http://a.go.id/x?ref=home": "http://a.go.id/x",
        "http://a.go.id/y?id=1&ref=a": "http://a.go.id/y?id=1&ref=b",
    }


def _twin_check_steps(tmp_path, pages: int) -> int:
    """SQLite VM steps ``kept_twin`` takes for a page arriving at a site of ``pages`` stored
    pages sharing its title (a site whose pages fall back to its name) but not its text."""
    from crawler.twins import kept_twin
    from sikoja.documents import Document

    store = DocumentStore(tmp_path / f"{pages}.db")
    for i in range(pages):
        store.upsert(Document(url=f"https://x.go.id/p/{i}", source="x", opd="x", kind="page",
                              title="Dinas X", text="Halaman ini. " + "isi " * i))
    twin = f"https://x.go.id/p/{pages // 2}"
    doc = Document(url=f"{twin}?ref=beranda", source="x", opd="x", kind="page",
                   title="Dinas X", text=store.get(twin).text)
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    store._db.set_progress_handler(count, 1)
    assert kept_twin(store, doc) == twin
    store._db.set_progress_handler(None, 1)
    store.close()
    return steps[0]


def test_the_twin_check_does_not_read_the_whole_site_for_each_page(tmp_path):
    # each arriving page is checked for a stored twin: the check must not grow with the
    # site, or a 5,000-page crawl slows to half its speed (quadratic in the site's pages)
    small, large = _twin_check_steps(tmp_path, 40), _twin_check_steps(tmp_path, 800)
    assert large < 2 * small


@pytest.mark.parametrize(("url", "slug"), [
    ("http://kel.desa.id/index.php/artikel/2024/2/12/syarat-sktm", True),
    ("http://kel.desa.id/index.php/first/artikel/61", False),
    ("http://kel.desa.id/2024/05/surat-keterangan-domisili-warga.html", True),
    # a print or share view names the page's copy, not the page
    ("http://kota.go.id/berita/123/versi-cetak", False),
    ("http://kota.go.id/artikel/9/print-friendly", False),
    ("http://kota.go.id/berita/123/share-whatsapp", False),
])
def test_a_page_is_named_by_a_slug_not_by_a_number_nor_a_print_view(url, slug):
    assert named_by_slug(url) is slug


def test_the_page_is_kept_rather_than_its_print_view():
    urls = ["http://kota.go.id/berita/123/versi-cetak", "http://kota.go.id/berita/123"]
    assert keeper(urls) == "http://kota.go.id/berita/123"
    slugged = ["http://kel.desa.id/index.php/first/artikel/61",
               "http://kel.desa.id/index.php/artikel/2024/2/12/syarat-sktm"]
    assert keeper(slugged) == slugged[1]


def test_copies_are_twins_whatever_a_sibling_rule_or_a_standard_gave_one_of_them():
    """OpenSID's slug of an article is listed under "Layanan" and takes what the sibling
    rule read and its service's standard; the ``first/artikel/<id>`` copy, linked from a
    widget, takes neither. Both are one page."""
    text = "Syarat SKTM\nWarga membawa pengantar RT dan fotokopi KK ke kantor lurah."
    plain = Document(url="http://kel.desa.id/index.php/first/artikel/61", source="kel",
                     opd="Kelurahan Contoh", kind="news", title="Syarat SKTM", text=text,
                     fields={"date": "2024-02-12"})
    taken = f"\n{MARKER}Standar SKTM\nLama proses 1 hari."
    slug = Document(
        url="http://kel.desa.id/index.php/artikel/2024/2/12/syarat-sktm", source="kel",
        opd="Kelurahan Contoh", kind="service", title="Syarat SKTM", text=text + taken,
        fields={"date": "2024-02-12", "requirements": ["Pengantar RT", "Fotokopi KK"],
                "duration": "1 hari", "kind_confidence": 0.8,
                "fields_from": {"fields": ["duration"], "text_chars": len(taken),
                                "kind": "service", "kind_confidence": 0.7},
                "kind_from": {"kind": "news", "kind_confidence": None,
                              "fields": ["requirements"]}})
    assert twin_identity(slug) == twin_identity(plain)
    other = Document(url="http://kel.desa.id/index.php/first/artikel/62", source="kel",
                     opd="Kelurahan Contoh", kind="news", title="Syarat SKU", text=text,
                     fields={"date": "2024-02-12"})
    assert twin_identity(other) != twin_identity(plain)
