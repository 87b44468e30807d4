"""A PDF is titled by its own subject, not by its kop surat nor by a title its site's PDFs
share, and a one-service Standar Pelayanan no page of the site holds is stored as that
service (issue #11).

Real OPD PDFs often carry no title in their metadata, or the same one on every file
("Standar Pelayanan Kelurahan X"); their first lines are the letterhead ("PEMERINTAH KOTA
JAMBI" / the office / its address). A citizen reading the results list saw three files
titled "PEMERINTAH KOTA JAMBI DINAS KEPENDUDUKAN ..." and could not tell the divorce
certificate's standard from the digital ID's. The PDFs are the sample web's and ones drawn
here with fpdf2, as ``tools/make_sample_sites.py`` and ``tests/sppdf.py`` draw them.
"""

from __future__ import annotations

import pytest

from crawler.extract.document import pdf_document
from crawler.extract.pdf import extract_pdf
from crawler.run import crawl
from crawler.standards import PDF_TITLE, SERVICE_PDF, settle_pdf_titles
from sikoja.config import load_settings
from sikoja.demo.server import SITES_ROOT
from sikoja.sources import Source
from sikoja.store import DocumentStore
from sikoja.urls import canonicalize_url
from tests.faultserver import Page, PageSite
from tests.sppdf import ADDRESS, LAYOUTS, standard_pdf
from tests.test_crawl_pdf_service import docs as live
from tests.test_crawl_pdf_service import snapshot

DUKCAPIL = SITES_ROOT / "dokumen-dukcapil" / "unduhan"
KELURAHAN = "Kelurahan Sungai Asam"


def letter(lines: list[str], *, title: str | None = None, kop: bool = True,
           address: str = ADDRESS) -> bytes:
    """A PDF as an office writes a letter or a decree: the kop surat (government, office,
    address, a rule), then ``lines``; ``title`` in its metadata when given."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    if title:
        pdf.set_title(title)
    pdf.add_page()
    if kop:
        pdf.set_font("Helvetica", "B", 13)
        for line in ("PEMERINTAH KOTA JAMBI", "BADAN PENDAPATAN DAERAH"):
            pdf.cell(0, 6, line, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9)
        pdf.cell(0, 5, address, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
        pdf.ln(5)
    pdf.set_font("Helvetica", "B", 11)
    for line in lines:
        pdf.multi_cell(0, 6, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, "Menimbang : bahwa dalam rangka meningkatkan pelayanan pajak daerah "
                   "perlu menetapkan keputusan ini.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def service(name: str, requirement: str) -> dict:
    return {"service": name, "legal_basis": "Permendagri tentang kelurahan",
            "requirements": [requirement, "Fotokopi KTP dan KK"],
            "procedure": ["Ambil antrean", "Verifikasi berkas", "Tanda tangan Lurah"],
            "duration": "15 menit", "cost": "Gratis", "location": f"Kantor {KELURAHAN}"}


SERVICES = [service("Surat Keterangan Usaha", "Surat pengantar RT tentang usaha"),
            service("Surat Keterangan Belum Menikah", "Surat pengantar RT dan saksi"),
            service("Surat Keterangan Ahli Waris", "Surat kematian pewaris")]


def sp(records: list[dict]) -> bytes:
    """A kelurahan's standard of ``records`` titled in its metadata as every one of its
    standards is: "Standar Pelayanan Kelurahan Sungai Asam"."""
    return standard_pdf(records, LAYOUTS[0], KELURAHAN)


# -- a PDF on its own -----------------------------------------------------------------------

def test_a_sample_standard_without_metadata_is_titled_by_its_heading_not_its_kop():
    pdf = extract_pdf((DUKCAPIL / "SP-01.pdf").read_bytes())
    assert pdf.text.startswith("PEMERINTAH KOTA JAMBI")  # the kop is still read, as text
    assert pdf.title == "Standar Pelayanan Pencatatan Perceraian"
    assert extract_pdf((DUKCAPIL / "SP-02.pdf").read_bytes()).title == (
        "Standar Pelayanan Aktivasi Identitas Kependudukan Digital (IKD)")


def test_a_heading_read_on_one_line_with_the_tables_header_is_the_heading_alone():
    # pypdf reads the kelurahan's heading beside its table's "No | Komponen | Uraian"
    from crawler.extract.pdf import heading_after_letterhead
    pdf = extract_pdf((SITES_ROOT / "kel-sungaiputri" / "uploads" / "sp" /
                       "SP-pengantar-kk.pdf").read_bytes())
    assert pdf.meta_title == "Standar Pelayanan Kelurahan Sungai Putri"
    assert "No STANDAR PELAYANAN PENGANTAR" in pdf.text
    assert heading_after_letterhead(pdf.text) == (
        "STANDAR PELAYANAN PENGANTAR PERUBAHAN KARTU KELUARGA")


def test_a_lone_decree_is_titled_by_what_it_decides():
    pdf = extract_pdf(letter(["KEPUTUSAN KEPALA BADAN PENDAPATAN DAERAH KOTA JAMBI",
                              "NOMOR 973/45/BPPRD/2025", "TENTANG",
                              "PENGURANGAN PAJAK BUMI DAN BANGUNAN"]))
    assert pdf.meta_title == ""
    assert pdf.title == ("Keputusan Kepala Badan Pendapatan Daerah Kota Jambi tentang "
                         "Pengurangan Pajak Bumi dan Bangunan")


def test_a_kop_with_mail_and_website_instead_of_a_street_is_a_kop_too():
    pdf = extract_pdf(letter(["SURAT EDARAN PEMBAYARAN PBB-P2 TAHUN 2025"],
                             address="Email: bpprd@jambikota.go.id Website: bpprd.jambikota.go.id"))
    assert pdf.title == "Surat Edaran Pembayaran PBB-P2 Tahun 2025"


def test_a_title_in_the_metadata_is_kept():
    pdf = extract_pdf(letter(["SURAT EDARAN PEMBAYARAN PBB-P2"],
                             title="Surat Edaran Wali Kota tentang PBB-P2 2025"))
    assert pdf.title == "Surat Edaran Wali Kota tentang PBB-P2 2025"


def test_an_office_name_in_capitals_without_an_address_is_no_kop():
    # "DINAS PENDIDIKAN ..." opening a brochure is its subject when no address follows
    pdf = extract_pdf(letter(["DINAS PENDIDIKAN MEMBUKA PENDAFTARAN BEASISWA",
                              "Syarat: rapor dan surat keterangan tidak mampu"], kop=False))
    assert pdf.title == "Dinas Pendidikan Membuka Pendaftaran Beasiswa"


def test_a_heading_that_names_a_road_and_a_year_is_no_address():
    # "JALAN" and a number in a heading are no street: an address has its number after it
    pdf = extract_pdf(letter(["DAFTAR RUAS JALAN KOTA JAMBI TAHUN 2024"], kop=False))
    assert pdf.title == "Daftar Ruas Jalan Kota Jambi Tahun 2024"
    pdf = extract_pdf(letter(["STANDAR PELAYANAN REKOMENDASI GALIAN JALAN 2025"]))
    assert pdf.title == "Standar Pelayanan Rekomendasi Galian Jalan 2025"


def test_a_title_between_the_office_and_its_address_is_the_title():
    pdf = extract_pdf(letter(["PUSKESMAS PAKUAN BARU", "JADWAL PELAYANAN POSYANDU 2025",
                              "Jl. Pakuan Baru No. 12 Telp. (0741) 555123"], kop=False))
    assert pdf.title == "Jadwal Pelayanan Posyandu 2025"


def test_abbreviations_stay_in_capitals_in_a_title():
    pdf = extract_pdf(letter(["PENGUMUMAN SELEKSI CPNS DAN PPPK TAHUN 2024"]))
    assert pdf.title == "Pengumuman Seleksi CPNS dan PPPK Tahun 2024"
    # one with vowels, as the document writes it among lowercase words
    pdf = extract_pdf(letter(["PENERBITAN SIUP BAGI USAHA MIKRO",
                              "Pemohon SIUP melampirkan NPWP dan akta pendirian."], kop=False))
    assert pdf.title == "Penerbitan SIUP bagi Usaha Mikro"


def test_a_long_heading_is_not_joined_with_the_section_after_it():
    pdf = extract_pdf(letter(["LAPORAN KINERJA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA "
                              "JAMBI TAHUN 2024", "KATA PENGANTAR"], kop=False))
    assert pdf.title == ("Laporan Kinerja Dinas Kependudukan dan Pencatatan Sipil Kota Jambi "
                         "Tahun 2024")


# -- a site's PDFs, settled in a store ------------------------------------------------------

def stored_pdf(store: DocumentStore, body: bytes, path: str) -> str:
    doc = pdf_document(extract_pdf(body), url=f"https://kel.example{path}",
                       http_last_modified=None, source="s", opd=KELURAHAN, parent_url=None)
    store.upsert(doc)
    return doc.url


@pytest.mark.parametrize("kop", [False, True])
def test_a_title_the_sites_yearly_reports_share_is_not_their_kop(tmp_path, kop):
    # what tells the two reports apart is their year: no title, and the shared heading no kop
    store = DocumentStore.open(tmp_path)
    urls = [stored_pdf(store, letter(["LAPORAN KINERJA INSTANSI PEMERINTAH",
                                      "DINAS LINGKUNGAN HIDUP KOTA JAMBI", f"TAHUN {year}",
                                      "KATA PENGANTAR"], kop=kop), f"/lkjip-{year}.pdf")
            for year in (2023, 2024)]
    settle_pdf_titles(store, "s")
    assert {store.get(u).title for u in urls} == {"Laporan Kinerja Instansi Pemerintah"}


def test_a_pdf_left_alone_on_its_site_gets_its_own_title_back(tmp_path):
    store = DocumentStore.open(tmp_path)
    usaha, menikah = (stored_pdf(store, sp([record]), f"/sp/{n}.pdf")
                      for n, record in enumerate(SERVICES[:2], 1))
    assert settle_pdf_titles(store, "s") == 2
    assert store.get(usaha).title == "Standar Pelayanan Surat Keterangan Usaha"
    store.mark_gone(menikah)
    assert settle_pdf_titles(store, "s") == 1
    assert store.get(usaha).title == f"Standar Pelayanan {KELURAHAN}"
    assert PDF_TITLE not in store.get(usaha).fields


def test_a_standard_stored_as_its_service_stays_one_when_retitled(tmp_path):
    from crawler.standards import as_service, standard_blocks
    store = DocumentStore.open(tmp_path)
    urls = []
    for n, record in enumerate(SERVICES[:2], 1):
        pdf = pdf_document(extract_pdf(sp([record])), url=f"https://kel.example/sp/{n}.pdf",
                           http_last_modified=None, source="s", opd=KELURAHAN, parent_url=None)
        store.upsert(as_service(pdf, standard_blocks(pdf)[0]))
        urls.append(pdf.url)
    assert settle_pdf_titles(store, "s") == 2
    usaha = store.get(urls[0])
    assert (usaha.kind, usaha.title) == ("service", "Surat Keterangan Usaha")
    assert usaha.fields[SERVICE_PDF]["title"] == "Standar Pelayanan Surat Keterangan Usaha"
    assert settle_pdf_titles(store, "s") == 0


# -- a site's PDFs, through a real crawl ----------------------------------------------------

def html(title: str, body: str) -> bytes:
    return (f"<html><head><title>{title} | {KELURAHAN}</title></head><body><nav><a href='/'>"
            f"Beranda</a> <a href='/unduhan'>Unduhan</a> <a href='/layanan/ahli-waris'>Ahli "
            f"Waris</a> <a href='/berita/sktm'>Berita</a></nav><main><h2>{title}</h2>{body}"
            f"</main><footer>{KELURAHAN}</footer></body></html>").encode()


def pdf_page(body: bytes) -> Page:
    # no validators: a recrawl reads every PDF again, as from a server that sends none
    return Page(body, etag=False, content_type="application/pdf")


def site_pages() -> dict[str, Page]:
    links = "".join(f"<li><a href='/sp/SP-{n}.pdf'>SP-{n}.pdf</a></li>" for n in (1, 2, 3))
    return {
        "/": Page(html("Beranda", "<p>Standar pelayanan kami ada di halaman Unduhan.</p>"
                            "<p><a href='/layanan/keramaian'>Izin keramaian</a></p>")),
        # a service page with sections of its own that links its standard, which names the
        # service otherwise: the standard is read there, not a second service beside it
        "/layanan/keramaian": Page(html("Rekomendasi Izin Keramaian", (
            "<h3>Persyaratan</h3><ul><li>Surat pengantar RT/RW</li><li>Fotokopi KTP</li></ul>"
            "<h3>Biaya</h3><p>Gratis</p><h3>Waktu Penyelesaian</h3><p>1 hari kerja</p>"
            "<p>Lampiran: <a href='/files/lampiran-7.pdf'>lampiran (PDF)</a></p>"))),
        "/files/lampiran-7.pdf": pdf_page(sp([service("Surat Pengantar Pesta dan Hajatan",
                                                "Surat pengantar RT/RW")])),
        "/unduhan": Page(html("Unduhan", (
            f"<ul>{links}<li><a href='/sp/SP-2025.pdf'>Standar Pelayanan 2025</a></li>"
            "<li><a href='/sp/SP-01.pdf'>SP-01.pdf</a></li></ul>"))),
        # the ahli waris service has a page of its own that takes its standard's fields
        "/layanan/ahli-waris": Page(html("Surat Keterangan Ahli Waris", (
            "<p>Surat keterangan ahli waris diterbitkan Lurah. Persyaratan, prosedur, waktu "
            "dan biaya tercantum dalam Standar Pelayanan terlampir:</p>"
            "<p><a href='/sp/SP-3.pdf'>Standar Pelayanan Ahli Waris (PDF)</a></p>"))),
        # an article about a service that links its standard: the PDF is shown under it
        "/berita/sktm": Page(html("Cara Mengurus Surat Keterangan Tidak Mampu", (
            "<p class='date'>12 Maret 2025</p><p>Warga yang membutuhkan SKTM untuk sekolah "
            "anak atau berobat dapat datang ke kantor lurah. Unduh standar pelayanannya: "
            "<a href='/sp/SP-sktm.pdf'>SP SKTM</a></p>"))),
        "/sp/SP-sktm.pdf": pdf_page(sp([service("Surat Keterangan Tidak Mampu",
                                                "Surat pengantar RT/RW")])),
        **{f"/sp/SP-{n}.pdf": pdf_page(sp([record])) for n, record in enumerate(SERVICES, 1)},
        # the kelurahan's standard of several services, under the same title
        "/sp/SP-2025.pdf": pdf_page(sp([service("Surat Keterangan Domisili", "Pengantar RT"),
                                        service("Surat Pengantar SKCK", "Pengantar RT/RW")])),
        # a standard with no title in its metadata, its kop another office's
        "/sp/SP-01.pdf": pdf_page((DUKCAPIL / "SP-01.pdf").read_bytes()),
    }


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("pdftitles")
    settings = load_settings(data_dir, embedder="none")
    settings.crawl.delay = 0
    with PageSite(site_pages()) as site:
        source = Source(name="kel-sungaiasam", opd=KELURAHAN, kind="website",
                        start_urls=[site.url("/")])
        first = crawl([source], settings, data_dir, timeout=120)
        assert first.ok, str(first)
        before = snapshot(data_dir)
        second = crawl([source], settings, data_dir, timeout=120)
        yield site, data_dir, before, second


def url(site: PageSite, path: str) -> str:
    return canonicalize_url(site.url(path))


@pytest.mark.slow  # crawls a served site
def test_a_title_the_sites_standards_share_gives_way_to_each_ones_service(crawled):
    site, data_dir, _, _ = crawled
    stored = live(data_dir)
    usaha, menikah = stored[url(site, "/sp/SP-1.pdf")], stored[url(site, "/sp/SP-2.pdf")]
    assert usaha.title == "Surat Keterangan Usaha"
    assert menikah.title == "Surat Keterangan Belum Menikah"
    # the one a page took stays that page's document, titled by its own heading
    waris = stored[url(site, "/sp/SP-3.pdf")]
    assert (waris.kind, waris.title) == ("document", "Standar Pelayanan Surat Keterangan "
                                                     "Ahli Waris")
    assert waris.fields[PDF_TITLE] == f"Standar Pelayanan {KELURAHAN}"
    # the standard of several services is the kelurahan's: its shared title is its own
    bundle = stored[url(site, "/sp/SP-2025.pdf")]
    assert (bundle.kind, bundle.title) == ("document", f"Standar Pelayanan {KELURAHAN}")


@pytest.mark.slow  # crawls a served site
def test_a_one_service_standard_no_page_holds_is_stored_as_that_service(crawled):
    site, data_dir, _, _ = crawled
    stored = live(data_dir)
    usaha = stored[url(site, "/sp/SP-1.pdf")]
    assert usaha.kind == "service"
    assert usaha.fields["requirements"][0] == "Surat pengantar RT tentang usaha"
    assert usaha.fields["cost"] == "Gratis"
    assert usaha.fields[SERVICE_PDF]["title"] == "Standar Pelayanan Surat Keterangan Usaha"
    cerai = stored[url(site, "/sp/SP-01.pdf")]
    assert (cerai.kind, cerai.title) == ("service", "Pencatatan Perceraian")
    assert cerai.fields["requirements"][0].startswith("Salinan putusan pengadilan")
    # a service page that takes a standard keeps it as its document, shown under it
    page = stored[url(site, "/layanan/ahli-waris")]
    assert page.fields["fields_from"]["url"] == url(site, "/sp/SP-3.pdf")
    assert stored[url(site, "/sp/SP-3.pdf")].parent_url == page.url
    assert [d.title for d in stored.values() if d.kind == "service"].count(
        "Surat Keterangan Ahli Waris") == 1
    # and one an article about its service links stays under that article
    sktm = stored[url(site, "/sp/SP-sktm.pdf")]
    assert (sktm.kind, sktm.parent_url) == ("document", url(site, "/berita/sktm"))
    assert sktm.title == "Standar Pelayanan Surat Keterangan Tidak Mampu"


@pytest.mark.slow  # crawls a served site
def test_a_standard_a_service_page_links_stays_its_document_whatever_it_is_called(crawled):
    # before, a service page held a lone standard only when their titles matched: this one
    # became a second service beside its page ("Surat Pengantar Pesta dan Hajatan")
    site, data_dir, _, _ = crawled
    stored = live(data_dir)
    page = stored[url(site, "/layanan/keramaian")]
    pdf = stored[url(site, "/files/lampiran-7.pdf")]
    assert page.kind == "service"
    assert (pdf.kind, pdf.parent_url) == ("document", page.url)
    assert SERVICE_PDF not in pdf.fields


@pytest.mark.slow  # crawls a served site twice
def test_a_recrawl_of_the_unchanged_site_rewrites_no_pdf(crawled):
    _, data_dir, before, second = crawled
    assert second.ok and second.sources[0].stored == 0 and second.sources[0].changed == 0
    assert snapshot(data_dir) == before


@pytest.mark.slow  # crawls a served site three times
def test_a_standard_is_a_document_again_once_a_page_takes_it(tmp_path):
    settings = load_settings(tmp_path, embedder="none")
    settings.crawl.delay = 0
    with PageSite(site_pages()) as site:
        source = Source(name="kel-sungaiasam", opd=KELURAHAN, kind="website",
                        start_urls=[site.url("/")])
        assert crawl([source], settings, tmp_path, timeout=120).ok
        assert live(tmp_path)[url(site, "/sp/SP-1.pdf")].kind == "service"
        site.pages["/layanan/usaha"] = Page(html("Surat Keterangan Usaha", (
            "<p>Persyaratan dan prosedur tercantum dalam Standar Pelayanan terlampir:</p>"
            "<p><a href='/sp/SP-1.pdf'>Standar Pelayanan SKU (PDF)</a></p>")))
        site.pages["/unduhan"] = Page(site.pages["/unduhan"].body.replace(
            b"</ul>", b"<li><a href='/layanan/usaha'>SKU</a></li></ul>"))
        assert crawl([source], settings, tmp_path, timeout=120).ok
        stored = live(tmp_path)
        pdf = stored[url(site, "/sp/SP-1.pdf")]
        assert (pdf.kind, pdf.parent_url) == ("document", url(site, "/layanan/usaha"))
        assert SERVICE_PDF not in pdf.fields
        assert stored[url(site, "/layanan/usaha")].fields["requirements"][0] == (
            "Surat pengantar RT tentang usaha")


def test_a_stored_pdf_keeps_its_own_fields_apart_from_its_services():
    # what the PDF was is kept whole beside the service's fields: undone exactly
    from crawler.standards import as_document, as_service, standard_blocks
    pdf = pdf_document(extract_pdf(sp([SERVICES[0]])), url="https://kel.example/sp/1.pdf",
                       http_last_modified=None, source="s", opd=KELURAHAN, parent_url=None)
    as_one = as_service(pdf, standard_blocks(pdf)[0])
    assert (as_one.kind, as_one.title) == ("service", "Surat Keterangan Usaha")
    assert as_document(as_one) == pdf
