"""One Standar Pelayanan PDF that holds many services, through a real crawl (issue #11).

Many OPDs publish one PDF for all their services ("Standar Pelayanan Disdukcapil 2024": a
numbered heading and a component table per service, each on a new page) or an SK Kepala
Dinas whose LAMPIRAN holds them, and link it from a Download page only. A citizen asking
for one of its services must land on that service, at the page of the PDF that holds it,
with its requirements on the answer card; not on a long PDF titled by its file name. The
PDFs are the sample web's (``sikoja/demo/sites/dokumen-dukcapil``), drawn as offices draw them.
"""

from __future__ import annotations

import pytest

from crawler.extract.document import pdf_document
from crawler.extract.pdf import extract_pdf
from crawler.run import crawl
from crawler.standards import part_documents, part_title, standard_blocks
from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.demo.server import SITES_ROOT
from sikoja.documents import Document
from sikoja.sources import Source
from sikoja.urls import canonicalize_url
from tests.faultserver import Page, PageSite
from tests.test_crawl_pdf_service import docs as live
from tests.test_crawl_pdf_service import snapshot

OPD = "Dinas Kependudukan dan Pencatatan Sipil Kota Jambi"
FILES = SITES_ROOT / "dokumen-dukcapil" / "unduhan"
BUNDLE = "/unduhan/Standar-Pelayanan-Disdukcapil-2024.pdf"
DECREE = "/unduhan/SK-Kadis-Dukcapil-No-470-12-Tahun-2024.pdf"


def html(title: str, body: str) -> bytes:
    return (f"<html><head><title>{title} | Disdukcapil</title></head><body><nav><a href='/'>"
            "Beranda</a> <a href='/unduhan'>Unduhan</a> <a href='/layanan/akta-kelahiran'>Akta "
            f"Kelahiran</a> <a href='/layanan/kia'>KIA</a></nav><main><h2>{title}</h2>{body}"
            f"</main><footer>{OPD}</footer>"
            "</body></html>").encode()


def pdf_page(name: str) -> Page:
    # no validators: a recrawl reads every PDF again, as from a server that sends none
    return Page((FILES / name).read_bytes(), etag=False, content_type="application/pdf")


def site_pages() -> dict[str, Page]:
    return {
        "/": Page(html("Beranda", "<p>Standar pelayanan kami ada di halaman Unduhan.</p>")),
        "/unduhan": Page(html("Unduhan", (
            f"<table><tr><td>Standar Pelayanan 2024</td><td><a href='{BUNDLE}'>Unduh</a></td>"
            f"</tr><tr><td>SK Kepala Dinas</td><td><a href='{DECREE}'>Unduh</a></td></tr>"
            "</table>"))),
        # one service has a page of its own, which takes its block of the bundle
        "/layanan/akta-kelahiran": Page(html("Penerbitan Kutipan Akta Kelahiran", (
            "<p>Akta kelahiran diterbitkan bagi setiap kelahiran penduduk. Persyaratan, "
            "prosedur, waktu dan biaya tercantum dalam Standar Pelayanan terlampir:</p>"
            f"<p><a href='{BUNDLE}'>Standar Pelayanan Disdukcapil 2024 (PDF)</a></p>"))),
        # another has a full page that does not link the PDF: the site's page is its answer
        "/layanan/kia": Page(html("Penerbitan Kartu Identitas Anak (KIA)", (
            "<h3>Persyaratan</h3><ol><li>Fotokopi kutipan akta kelahiran anak</li><li>KK asli "
            "orang tua</li><li>Pas foto anak berwarna 2x3 (usia 5 tahun ke atas)</li></ol>"
            "<h3>Biaya</h3><p>Gratis</p><h3>Waktu Penyelesaian</h3><p>1 hari kerja</p>"))),
        BUNDLE: pdf_page("Standar-Pelayanan-Disdukcapil-2024.pdf"),
        DECREE: pdf_page("SK-Kadis-Dukcapil-No-470-12-Tahun-2024.pdf"),
    }


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("spbundle")
    settings = load_settings(data_dir, embedder="none")
    settings.crawl.delay = 0
    with PageSite(site_pages()) as site:
        source = Source(name="dukcapil", opd=OPD, kind="website", start_urls=[site.url("/")])
        first = crawl([source], settings, data_dir, timeout=120)
        assert first.ok, str(first)
        before = snapshot(data_dir)
        second = crawl([source], settings, data_dir, timeout=120)
        yield site, settings, data_dir, before, second


def url(site: PageSite, path: str) -> str:
    return canonicalize_url(site.url(path))


@pytest.mark.slow  # crawls a served site and indexes it
def test_a_bundles_service_is_found_first_by_its_name_with_its_card(crawled):
    site, settings, _, _, _ = crawled
    build_index(settings)
    searcher = Searcher(settings)
    try:
        found = searcher.search("syarat penerbitan kutipan akta kematian")
        assert found.results[0].url == url(site, BUNDLE) + "#page=12"
        assert found.results[0].title == "Penerbitan Kutipan Akta Kematian"
        assert found.answer is not None
        assert found.answer.requirements[0].startswith("Fotokopi surat kematian dari dokter")
        pindah = searcher.search("standar pelayanan surat keterangan pindah wni")
        assert pindah.results[0].url == url(site, DECREE) + "#page=2"
    finally:
        searcher.close()


@pytest.mark.slow  # crawls a served site
def test_each_service_of_a_bundle_is_stored_at_its_page_and_the_pdf_is_kept(crawled):
    site, _, data_dir, _, _ = crawled
    stored = live(data_dir)
    bundle = url(site, BUNDLE)
    parts = {u: d for u, d in stored.items() if u.startswith(bundle + "#")}
    # nine services, two have pages of their own: seven parts, at the page each starts on
    assert sorted(int(u.rsplit("=", 1)[1]) for u in parts) == [3, 4, 5, 6, 8, 9, 12]
    kk = parts[bundle + "#page=6"]
    assert (kk.kind, kk.title, kk.opd, kk.parent_url) == (
        "service", "Penerbitan Kartu Keluarga Baru", OPD, bundle)
    assert kk.fields["requirements"][0].startswith("Buku nikah/kutipan akta perkawinan")
    assert "Penerbitan Kutipan Akta Kematian" not in kk.text  # its own block only
    # the PDF itself stays, whole, under the page that links it
    assert stored[bundle].kind == "document"
    assert "Penerbitan Kutipan Akta Kematian" in stored[bundle].text


@pytest.mark.slow  # crawls a served site
def test_a_block_a_service_page_takes_is_not_stored_twice(crawled):
    site, _, data_dir, _, _ = crawled
    stored = live(data_dir)
    page = stored[url(site, "/layanan/akta-kelahiran")]
    assert page.kind == "service"
    assert page.fields["fields_from"]["url"] == url(site, BUNDLE)
    assert url(site, BUNDLE) + "#page=10" not in stored
    titles = [d.title for d in stored.values() if d.kind == "service"]
    assert titles.count("Penerbitan Kutipan Akta Kelahiran") == 1
    # nor is one the site has a full page for, though that page does not link the PDF
    assert stored[url(site, "/layanan/kia")].kind == "service"
    assert "fields_from" not in stored[url(site, "/layanan/kia")].fields
    assert url(site, BUNDLE) + "#page=14" not in stored
    assert titles.count("Penerbitan Kartu Identitas Anak (KIA)") == 1


@pytest.mark.slow  # crawls a served site
def test_the_decrees_preamble_is_not_a_service(crawled):
    site, _, data_dir, _, _ = crawled
    stored = live(data_dir)
    decree = url(site, DECREE)
    parts = {u: d for u, d in stored.items() if u.startswith(decree + "#")}
    assert sorted(d.title for d in parts.values()) == [
        "Pencatatan Perkawinan dan Penerbitan Akta Perkawinan", "Pindah Datang ke Kota Jambi",
        "Surat Keterangan Pindah WNI"]
    assert not any("Menimbang" in d.text or "MEMUTUSKAN" in d.text for d in parts.values())


@pytest.mark.slow  # crawls a served site twice
def test_a_recrawl_of_the_unchanged_site_writes_nothing(crawled):
    _, _, data_dir, before, second = crawled
    assert second.ok and second.sources[0].stored == 0 and second.sources[0].changed == 0
    assert snapshot(data_dir) == before


@pytest.mark.slow  # crawls a served site three times
def test_parts_follow_their_pdf_when_it_changes_or_leaves(tmp_path):
    settings = load_settings(tmp_path, embedder="none")
    settings.crawl.delay = 0
    pages = site_pages()
    with PageSite(pages) as site:
        source = Source(name="dukcapil", opd=OPD, kind="website", start_urls=[site.url("/")])
        assert crawl([source], settings, tmp_path, timeout=120).ok
        decree = url(site, DECREE)
        assert sum(u.startswith(decree + "#") for u in live(tmp_path)) == 3
        # the office uploads a one-service PDF in the SK's place: no part is left
        site.pages[DECREE] = pdf_page("SP-01.pdf")
        assert crawl([source], settings, tmp_path, timeout=120).ok
        stored = live(tmp_path)
        assert decree in stored and not any(u.startswith(decree + "#") for u in stored)
        # the bundle is taken down: its parts leave with it
        del site.pages[BUNDLE]
        assert crawl([source], settings, tmp_path, timeout=120).ok
        assert not any(u.startswith(url(site, BUNDLE)) for u in live(tmp_path))


def read(name: str, url: str = "https://disdukcapil.example/sp.pdf") -> Document:
    return pdf_document(extract_pdf((FILES / name).read_bytes()), url=url,
                        http_last_modified=None, source="s", opd=OPD, parent_url=None)


def test_every_service_of_a_bundle_keeps_its_requirements_under_its_heading():
    # each service opens a page with the same rows: "Persyaratan Pelayanan" comes back at
    # the same place on most pages, and is no running head
    blocks = standard_blocks(read("Standar-Pelayanan-Disdukcapil-2024.pdf"))
    assert len(blocks) == 9
    assert all(block.fields.get("requirements") for block in blocks)
    assert blocks[0].title == "Perekaman dan Penerbitan KTP-el Pemula"


def test_a_part_is_at_the_page_its_service_starts_on():
    pdf = read("SK-Kadis-Dukcapil-No-470-12-Tahun-2024.pdf")
    parts = part_documents(pdf, standard_blocks(pdf), taken=set())
    assert [p.url.rsplit("#", 1)[1] for p in parts] == ["page=2", "page=4", "page=5"]
    assert all(p.parent_url == pdf.url and p.kind == "service" for p in parts)
    # a one-service PDF is no bundle: nothing beside it
    single = read("SP-01.pdf")
    assert part_documents(single, standard_blocks(single), taken=set()) == []


@pytest.mark.parametrize("title,name", [
    ("STANDAR PELAYANAN SURAT KETERANGAN PINDAH WNI", "Surat Keterangan Pindah WNI"),
    ("Standar Pelayanan: Penerbitan KTP-el Pemula", "Penerbitan KTP-el Pemula"),
    ("PENERBITAN KARTU IDENTITAS ANAK (KIA) DAN KTP-EL", "Penerbitan Kartu Identitas Anak "
     "(KIA) dan KTP-EL"),
    ("Jenis Pelayanan: Legalisir Dokumen", "Legalisir Dokumen"),
])
def test_a_parts_title_is_the_services_name(title, name):
    from crawler.standards import Standard
    assert part_title(Standard("u", title, {}, False, title)) == name


def test_a_services_web_page_is_shown_before_its_copy_in_a_pdf():
    # the same service on another site's page and in a bundle: the group is shown by the
    # page (it opens anywhere), though the standard's full table is the longer text
    from crawler.dedup import canonical_member
    page = Document(url="https://disdukcapil.example/layanan/kk-baru", source="a", opd=OPD,
                    kind="service", title="Penerbitan KK Baru", text="Persyaratan: buku nikah")
    part = Document(url=f"https://dokumen.example{BUNDLE}#page=6", source="b", opd=OPD,
                    kind="service", title="Penerbitan Kartu Keluarga Baru",
                    text="Persyaratan Pelayanan\n1. Buku nikah\n" * 40,
                    parent_url=f"https://dokumen.example{BUNDLE}")
    assert canonical_member([part, page]) is page
    # an aggregator's copy still comes after the OPD's own standard
    mpp = Document(url="https://mpp.example/layanan/kk", source="mpp",
                   opd="Mal Pelayanan Publik Kota Jambi", kind="service", title="KK Baru",
                   text="Persyaratan: buku nikah")
    assert canonical_member([mpp, part]) is part
