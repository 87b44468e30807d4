"""Services whose details are in a Standar Pelayanan PDF, through a real crawl.

A Dinas Perhubungan site as many OPDs run it: a Download page lists the Standar Pelayanan
PDFs, and each service has a short page ("the requirements, procedure, time and cost are
in the attached Standar Pelayanan") linking its PDF. A citizen asking "syarat uji kir" must
land on the Uji KIR page with the requirements from the PDF, not on the Download page, and
an unrelated service with full sections must not outrank "izin reklame".
"""

from __future__ import annotations

import pytest

from crawler.extract.document import html_document
from crawler.extract.service import text_service_fields
from crawler.run import crawl
from crawler.standards import absorb, restore, standard_blocks
from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.documents import Document
from sikoja.sources import Source
from sikoja.store import DocumentStore
from sikoja.urls import canonicalize_url
from tests.faultserver import Page, PageSite, make_pdf

OPD = "Dinas Perhubungan Kota Jambi"


def html(title: str, body: str, nav: str = "") -> bytes:
    menu = ("<nav><ul><li><a href='/'>Beranda</a></li><li><a href='/layanan/'>Layanan</a></li>"
            "<li><a href='/download/'>Download</a></li><li><a href='/berita/'>Berita</a></li>"
            "</ul></nav>")
    return (f"<html><head><title>{title} | {OPD}</title></head><body><header><h1 "
            f"class='logo'>{OPD}</h1></header>{menu}<main><article><h2>{title}</h2>{body}"
            f"</article></main><footer><p>{OPD}, Jl. Basuki Rahmat No. 1</p></footer>"
            "</body></html>").encode()


KIR_PDF = make_pdf([
    "STANDAR PELAYANAN",
    "Pengujian Berkala Kendaraan Bermotor (Uji KIR)",
    OPD,
    "1. Persyaratan",
    "a. Fotokopi KTP pemilik kendaraan",
    "b. STNK asli dan fotokopi",
    "c. Buku uji lama untuk uji berkala",
    "2. Sistem, Mekanisme dan Prosedur",
    "a. Daftar di loket UPTD Pengujian Kendaraan Bermotor",
    "b. Bayar retribusi di kasir",
    "c. Kendaraan diuji di jalur uji",
    "3. Jangka Waktu Penyelesaian",
    "1 (satu) hari kerja",
    "4. Biaya/Tarif",
    "Rp75.000 sesuai Perda Kota Jambi Nomor 5 Tahun 2019",
    "5. Produk Pelayanan",
    "Buku uji dan tanda lulus uji",
], title="Standar Pelayanan Uji KIR")
REKLAME_PDF = make_pdf([
    "STANDAR PELAYANAN IZIN PENYELENGGARAAN REKLAME",
    "Persyaratan:",
    "1. Surat permohonan bermaterai",
    "2. Fotokopi KTP pemohon",
    "3. Desain dan ukuran reklame",
    "Prosedur:",
    "1. Ajukan permohonan ke loket",
    "2. Survei lokasi oleh petugas",
    "3. Penerbitan izin",
    "Waktu penyelesaian: 5 hari kerja",
    "Biaya: Retribusi sesuai luas bidang reklame",
    "Dasar hukum: Perwal Kota Jambi Nomor 12 Tahun 2021",
], title="Standar Pelayanan Izin Reklame")
ANDALALIN_PDF = make_pdf([
    "STANDAR PELAYANAN REKOMENDASI ANDALALIN",
    "Persyaratan:",
    "1. Dokumen analisis dampak lalu lintas",
    "2. Gambar rencana tapak",
    "Prosedur:",
    "1. Ajukan dokumen",
    "2. Sidang tim evaluasi",
    "Waktu penyelesaian: 30 hari kerja",
    "Biaya: Gratis",
], title="Standar Pelayanan Rekomendasi Andalalin")

SHORT = ("<p>Persyaratan, prosedur, waktu penyelesaian dan biaya pelayanan ini tercantum dalam "
         "Standar Pelayanan berikut.</p><p>Unduh: <a href='{pdf}'>{text}</a></p>")


def site_pages() -> dict[str, Page]:
    return {
        "/": Page(html("Beranda", "<p>Selamat datang.</p><ul>"
                       "<li><a href='/download/'>Download</a></li>"
                       "<li><a href='/layanan/'>Layanan</a></li>"
                       "<li><a href='/berita/2025/05/uji-kir-keliling.html'>Uji KIR keliling</a>"
                       "</li></ul>")),
        "/download/": Page(html("Download", "<p>Dokumen yang dapat diunduh:</p><ul>"
                                "<li><a href='/files/sp-uji-kir.pdf'>Standar Pelayanan Uji KIR "
                                "(PDF)</a></li><li><a href='/files/sp-reklame.pdf'>Standar "
                                "Pelayanan Izin Reklame (PDF)</a></li><li><a href='/files/"
                                "sp-andalalin.pdf'>Standar Pelayanan Andalalin (PDF)</a></li>"
                                "</ul>")),
        "/layanan/": Page(html("Layanan", "<p>Jenis layanan kami:</p><ol>"
                               "<li><a href='/layanan/uji-kir'>Uji KIR</a></li>"
                               "<li><a href='/p/reklame.html'>Izin Reklame</a></li>"
                               "<li><a href='/layanan/andalalin'>Andalalin</a></li>"
                               "<li><a href='/layanan/izin-trayek'>Izin Trayek</a></li></ol>")),
        # a short page on a service path, its PDF named in the link text
        "/layanan/uji-kir": Page(html("Pengujian Kendaraan Bermotor (Uji KIR)", SHORT.format(
            pdf="/files/sp-uji-kir.pdf", text="Standar Pelayanan Uji KIR (PDF)"))),
        # no service path: the headline and the SP file say it
        "/p/reklame.html": Page(html("Izin Penyelenggaraan Reklame", SHORT.format(
            pdf="/files/sp-reklame.pdf", text="Unduh dokumen (PDF)"))),
        "/layanan/andalalin": Page(html("Rekomendasi Analisis Dampak Lalu Lintas (Andalalin)",
                                        SHORT.format(pdf="/files/sp-andalalin.pdf",
                                                     text="Standar Pelayanan Andalalin"))),
        # a full service page that only mentions billboards
        "/layanan/izin-trayek": Page(html(
            "Izin Trayek Angkutan Kota",
            "<p>Izin trayek untuk angkutan kota; kendaraan dengan reklame di badan bus juga "
            "wajib memiliki izin trayek.</p><h3>Persyaratan</h3><ul><li>Fotokopi KTP</li>"
            "<li>STNK</li><li>Buku uji</li></ul><h3>Biaya</h3><p>Gratis</p>"
            "<h3>Waktu Penyelesaian</h3><p>7 hari kerja</p>")),
        # news that mentions the service and links its PDF
        "/berita/2025/05/uji-kir-keliling.html": Page(html(
            "Pelayanan Uji KIR Keliling Hadir di Kecamatan",
            "<p class='meta'>Diposting: 12 Mei 2025</p><p>Dishub menghadirkan pelayanan uji "
            "KIR keliling. Persyaratan dan biaya sesuai <a href='/files/sp-uji-kir.pdf'>"
            "Standar Pelayanan Uji KIR (PDF)</a>.</p><p>" + "Warga menyambut baik. " * 20
            + "</p>")),
        "/files/sp-uji-kir.pdf": Page(KIR_PDF, content_type="application/pdf"),
        "/files/sp-reklame.pdf": Page(REKLAME_PDF, content_type="application/pdf"),
        "/files/sp-andalalin.pdf": Page(ANDALALIN_PDF, content_type="application/pdf"),
    }


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("pdfservice")
    settings = load_settings(data_dir, embedder="none")
    settings.crawl.delay = 0
    with PageSite(site_pages()) as site:
        source = Source(name="dishub", opd=OPD, kind="website", start_urls=[site.url("/")])
        first = crawl([source], settings, data_dir, timeout=120)
        assert first.ok, str(first)
        before = snapshot(data_dir)
        second = crawl([source], settings, data_dir, timeout=120)
        yield site, settings, data_dir, before, second


def snapshot(data_dir) -> dict[str, tuple]:
    store = DocumentStore.open(data_dir)
    try:
        rows = store.query("SELECT url, content_hash, parent_url, updated_at FROM documents "
                           "WHERE status = 'live'")
        return {r["url"]: (r["content_hash"], r["parent_url"], r["updated_at"]) for r in rows}
    finally:
        store.close()


def docs(data_dir) -> dict[str, Document]:
    store = DocumentStore.open(data_dir)
    try:
        return {d.url: d for d in store.iter_documents()}
    finally:
        store.close()


@pytest.mark.slow  # crawls a served site
def test_short_pages_become_services_with_their_pdfs_fields(crawled):
    site, _, data_dir, _, _ = crawled
    stored = docs(data_dir)
    kir = stored[canonicalize_url(site.url("/layanan/uji-kir"))]
    assert kir.kind == "service"
    assert kir.fields["requirements"] == ["Fotokopi KTP pemilik kendaraan",
                                          "STNK asli dan fotokopi",
                                          "Buku uji lama untuk uji berkala"]
    assert kir.fields["procedure"][0] == "Daftar di loket UPTD Pengujian Kendaraan Bermotor"
    assert kir.fields["duration"] == "1 (satu) hari kerja"
    assert kir.fields["cost"] == "Rp75.000 sesuai Perda Kota Jambi Nomor 5 Tahun 2019"
    assert "Buku uji dan tanda lulus uji" not in str(kir.fields)  # the product is not a field
    assert kir.fields["fields_from"]["url"] == canonicalize_url(site.url("/files/sp-uji-kir.pdf"))
    assert 0.5 < kir.fields["kind_confidence"] < 1.0
    # keyword search finds the requirements on the page itself
    assert "Persyaratan: Fotokopi KTP pemilik kendaraan" in kir.text
    reklame = stored[canonicalize_url(site.url("/p/reklame.html"))]
    assert reklame.kind == "service"
    assert reklame.fields["legal_basis"] == "Perwal Kota Jambi Nomor 12 Tahun 2021"
    andalalin = stored[canonicalize_url(site.url("/layanan/andalalin"))]
    assert andalalin.kind == "service" and andalalin.fields["cost"] == "Gratis"
    # a page with its own full sections is sure of its kind and takes nothing
    trayek = stored[canonicalize_url(site.url("/layanan/izin-trayek"))]
    assert trayek.fields["kind_confidence"] == 1.0 and "fields_from" not in trayek.fields


@pytest.mark.slow  # crawls a served site
def test_each_pdf_is_shown_under_its_service_page_not_the_download_page(crawled):
    site, _, data_dir, _, _ = crawled
    stored = docs(data_dir)
    for pdf, page in (("/files/sp-uji-kir.pdf", "/layanan/uji-kir"),
                      ("/files/sp-reklame.pdf", "/p/reklame.html"),
                      ("/files/sp-andalalin.pdf", "/layanan/andalalin")):
        document = stored[canonicalize_url(site.url(pdf))]
        assert document.kind == "document"
        assert document.parent_url == canonicalize_url(site.url(page)), pdf


@pytest.mark.slow  # crawls a served site
def test_the_download_page_and_the_news_keep_their_kinds(crawled):
    site, _, data_dir, _, _ = crawled
    stored = docs(data_dir)
    download = stored[canonicalize_url(site.url("/download/"))]
    assert (download.kind, download.fields) == ("page", {"listing": True})
    news = stored[canonicalize_url(site.url("/berita/2025/05/uji-kir-keliling.html"))]
    assert news.kind == "news" and not news.fields.get("requirements")


@pytest.mark.slow  # crawls a served site twice
def test_a_recrawl_of_the_unchanged_site_changes_nothing(crawled):
    _, _, data_dir, before, second = crawled
    assert second.ok and second.sources[0].stored == 0 and second.sources[0].changed == 0
    assert snapshot(data_dir) == before


@pytest.mark.slow  # crawls a served site and indexes it
def test_search_answers_from_the_pdf_on_the_service_page(crawled):
    site, settings, _, _, _ = crawled
    build_index(settings)
    searcher = Searcher(settings)
    try:
        kir = searcher.search("syarat uji kir")
        assert kir.results[0].url == canonicalize_url(site.url("/layanan/uji-kir"))
        # the PDF is collapsed under its page, not listed apart or under the download page
        assert canonicalize_url(site.url("/files/sp-uji-kir.pdf")) in kir.results[0].also_at
        assert kir.answer is not None
        assert kir.answer.requirements[0] == "Fotokopi KTP pemilik kendaraan"
        assert kir.answer.cost == "Rp75.000 sesuai Perda Kota Jambi Nomor 5 Tahun 2019"
        reklame = searcher.search("izin reklame")
        assert reklame.results[0].url == canonicalize_url(site.url("/p/reklame.html"))
    finally:
        searcher.close()


@pytest.mark.slow  # crawls a served site three times
def test_a_pdf_that_arrives_later_or_leaves_is_settled_on_the_next_crawl(tmp_path):
    settings = load_settings(tmp_path, embedder="none")
    settings.crawl.delay = 0
    pages = site_pages()
    pdf = pages.pop("/files/sp-uji-kir.pdf")
    with PageSite(pages) as site:
        source = Source(name="dishub", opd=OPD, kind="website", start_urls=[site.url("/")])
        crawl([source], settings, tmp_path, timeout=120)
        url = canonicalize_url(site.url("/layanan/uji-kir"))
        page = docs(tmp_path)[url]
        # without its PDF the page is still a service by what it says, with nothing taken
        assert page.kind == "service" and "fields_from" not in page.fields
        site.pages["/files/sp-uji-kir.pdf"] = pdf
        crawl([source], settings, tmp_path, timeout=120)
        assert docs(tmp_path)[url].fields["cost"].startswith("Rp75.000")
        del site.pages["/files/sp-uji-kir.pdf"]
        crawl([source], settings, tmp_path, timeout=120)
        again = docs(tmp_path)[url]
    assert again.fields == page.fields and again.text == page.text


# -- the rules on their own -----------------------------------------------------------------


def extract(title: str, body: str, url: str) -> Document:
    return html_document(html(title, body), url=url, content_type=None,
                         http_last_modified=None, source="s", opd=OPD).document


@pytest.mark.parametrize("title,body,url,kind,listing", [
    # a service path and a headline that names a service
    ("Legalisir Dokumen Kependudukan", "<p>Legalisir fotokopi akta dan KK.</p>",
     "https://a.go.id/layanan/legalisir", "service", False),
    # two standard PDFs on a page that names a service are still its own
    ("Permohonan Izin Usaha Angkutan", SHORT.format(pdf="/f/sop-angkutan.pdf",
                                                    text="SOP Izin Angkutan"),
     "https://a.go.id/?p=layanan&id=4", "service", False),
    # a download page of standards is a listing, whatever its links say
    ("Standar Pelayanan", "<p>Standar pelayanan setiap jenis layanan:</p><ul>" + "".join(
        f"<li><a href='/f/sp-{n}.pdf'>Standar Pelayanan {n} (PDF)</a></li>" for n in range(3))
     + "</ul>", "https://a.go.id/standar-pelayanan/", "page", True),
    # the service index
    ("Layanan Publik", "<p>Berikut layanan kami.</p><ol><li><a href='/layanan/a'>Pembuatan "
     "KTP</a></li></ol>",
     "https://a.go.id/layanan/", "page", True),
    # one signal is not enough
    ("Sejarah Pengujian Kendaraan di Kota Jambi", "<p>" + "Sejarah panjang. " * 40 + "</p>",
     "https://a.go.id/sejarah", "page", False),
])
def test_kind_from_what_a_page_says(title, body, url, kind, listing):
    doc = extract(title, body, url)
    assert doc.kind == kind
    assert bool(doc.fields.get("listing")) == listing
    if kind == "service":
        assert 0.5 <= doc.fields["kind_confidence"] < 1.0


DESK = ("<p>Pipa air limbah mampet atau bak kontrol meluap? Kirim foto, alamat dan nomor "
        "sambungan rumah ke WhatsApp UPTD. Petugas memeriksa paling lambat 2 hari kerja. "
        "Tidak dipungut biaya.</p>")


def test_a_desk_page_that_states_its_facts_is_a_service_and_a_dated_report_stays_news():
    """A complaint desk's page names its service and says it is free and how soon an
    officer comes, with no labelled sections: a citizen asking about a blocked sewer wants
    it as the service it is. A report that says as much of a service is dated: news."""
    desk = extract("Pengaduan Saluran Air Limbah", DESK, "https://pald.example.go.id/pengaduan")
    assert desk.kind == "service" and 0.5 <= desk.fields["kind_confidence"] < 1.0
    report = extract("Pelayanan Adminduk Keliling di Kelurahan Olak Kemang",
                     "<p>Selasa, 11 Maret 2025</p><p>Kecamatan bersama Disdukcapil membuka "
                     "pelayanan adminduk keliling di aula kelurahan. Warga cukup membawa "
                     "fotokopi KK dan seluruh layanan gratis. Sebanyak 48 warga merekam "
                     "KTP-el.</p>", "https://kec.example.go.id/berita/adminduk-keliling")
    assert report.kind == "news"
    # ...and a page that names no service is no service for stating two facts
    plain = extract("Saluran Air Limbah Kota", DESK, "https://pald.example.go.id/ipal")
    assert plain.kind == "page"


def test_unsure_kinds_carry_a_confidence():
    dated = extract("Jadwal Pelayanan Ramadan", "<p>Jam pelayanan berubah.</p><p>"
                    + "Jam pelayanan berubah selama bulan puasa. " * 12
                    + "Berlaku mulai 1 Maret 2025.</p>",
                    "https://a.go.id/jadwal-ramadan")
    assert dated.kind == "page" and dated.fields["kind_confidence"] < 1.0
    plain = extract("Profil", "<p>" + "Dinas dibentuk dengan Perda. " * 20 + "</p>",
                    "https://a.go.id/profil")
    assert plain.kind == "page" and "kind_confidence" not in plain.fields


def test_a_pdf_of_several_services_gives_each_page_its_own_block():
    text = "\n".join([
        "Standar Pelayanan Disdukcapil", "1. Penerbitan Kartu Keluarga Baru", "Persyaratan:",
        "- Buku nikah", "- Surat pindah", "Biaya/tarif: Gratis", "Dasar hukum: Perpres 96/2018",
        "2. Penerbitan Kutipan Akta Kematian", "Persyaratan:", "- Surat kematian",
        "- KK yang meninggal", "Jangka waktu penyelesaian: 1 hari kerja", "Biaya/tarif: Gratis",
    ])
    pdf = Document(url="https://a.go.id/sp.pdf", source="s", opd=OPD, kind="document",
                   title="Standar Pelayanan Disdukcapil", text=text)
    blocks = standard_blocks(pdf)
    assert [b.title for b in blocks] == ["Penerbitan Kartu Keluarga Baru",
                                         "Penerbitan Kutipan Akta Kematian"]
    page = Document(url="https://a.go.id/akta-kematian", source="s", opd=OPD, kind="service",
                    title="Akta Kematian", text="Pelayanan akta kematian.",
                    fields={"requirements": ["Surat kematian"], "kind_confidence": 0.7})
    merged = absorb(page, blocks)
    assert merged.fields["requirements"] == ["Surat kematian"]  # the page's own wins
    assert merged.fields["duration"] == "1 hari kerja"
    assert "legal_basis" not in merged.fields  # that is the KK block's
    assert restore(merged) == page
    assert absorb(merged, blocks) == merged  # absorbing again changes nothing


# -- the label rules on a PDF's text lines ---------------------------------------------------

NIB_LINES = [
    "Dinas Koperasi dan Usaha Mikro Kota Jambi",
    "STANDAR PELAYANAN: PENDAMPINGAN NIB UNTUK USAHA MIKRO",
    "1. Persyaratan:",
    "- NIK/KTP pelaku usaha",
    "2. Prosedur/Mekanisme:",
    "1) Buat akun di oss.go.id (atau aplikasi OSS)",
    "2) Terbit NIB",
    "3. Jangka Waktu:",
    "Seketika untuk usaha berisiko rendah",
    "4. Biaya/Tarif: -",
    # wrapped at the page's width, then a statement of the whole standard after it
    "5. Dasar Hukum: UU 6/2023 (Cipta Kerja); PP 28/2025 tentang Perizinan Berusaha",
    "Berbasis Risiko",
    "Ditetapkan di Kota Jambi oleh Kepala Dinas Koperasi dan Usaha Mikro Kota Jambi.",
    "6. Layanan Online: OSS RBA (https://oss.go.id)",
]


def test_a_pdfs_lines_give_each_field_and_nothing_more():
    fields = text_service_fields(NIB_LINES)
    assert fields["requirements"] == ["NIK/KTP pelaku usaha"]
    assert fields["procedure"] == ["Buat akun di oss.go.id (atau aplikasi OSS)", "Terbit NIB"]
    # a value on the line after its label
    assert fields["duration"] == "Seketika untuk usaha berisiko rendah"
    # "-" is the form's empty box, not a cost
    assert "cost" not in fields
    # a wrapped line continues; the short line ending it does not take the next statement
    assert fields["legal_basis"] == ("UU 6/2023 (Cipta Kerja); PP 28/2025 tentang Perizinan "
                                     "Berusaha Berbasis Risiko")
    # the address in the online service's value
    assert fields["online_url"] == "https://oss.go.id"


@pytest.mark.parametrize("lines,url", [
    (["Link Aplikasi:", "sicantik.go.id/daftar"], "https://sicantik.go.id/daftar"),
    (["Layanan Online: http://simkah.kemenag.go.id."], "http://simkah.kemenag.go.id"),
    (["Layanan Online: -"], None),
    (["Layanan Online: melalui aplikasi di loket"], None),
])
def test_the_online_service_is_the_address_its_value_writes(lines, url):
    lines = ["Persyaratan:", "- KTP", "Biaya: Gratis", *lines]
    assert text_service_fields(lines).get("online_url") == url


@pytest.mark.parametrize("first", ["/?page_id=28", "/?page_id=21"])
def test_a_pdf_two_service_pages_link_has_one_parent_whichever_came_first(tmp_path, first):
    """A bundle of standards linked by two service pages (neither took its fields) is shown
    under the same one of them whatever page the crawl fetched first: before, the first
    linker stayed, so the tuning figures moved between crawls."""
    from crawler.standards import _page_kinds, _place_documents

    site = "https://dukcapil.example.go.id"
    store = DocumentStore.open(tmp_path)
    try:
        for path, title in (("/?page_id=21", "Perekaman KTP-el"),
                            ("/?page_id=28", "KTP-el Hilang atau Rusak")):
            store.upsert(Document(url=site + path, source="s", opd=OPD, kind="service",
                                  title=title, text=title))
        pdf = site + "/files/standar-pelayanan.pdf"
        store.upsert(Document(url=pdf, source="s", opd=OPD, kind="document",
                              title="Standar Pelayanan Disdukcapil", text="Persyaratan",
                              parent_url=site + first))
        links = {site + "/?page_id=21": {pdf}, site + "/?page_id=28": {pdf}}
        _place_documents(store, _page_kinds(store, "s"), links)
        assert store.get(pdf).parent_url == site + "/?page_id=21"
    finally:
        store.close()


def test_a_page_takes_no_fields_at_fetch_from_another_sites_pdf(tmp_path):
    """The site step reads a site's own PDFs only; the fetch did not, so a page linking
    another OPD's standard took its fields while it was fetched and lost them when its
    site settled: what a page says depended on when it was read."""
    from crawler.extract.document import pdf_document
    from crawler.extract.html import Link
    from crawler.extract.pdf import extract_pdf
    from crawler.standards import absorb_stored

    pdf_url = "https://dishub.example.go.id/files/sp-uji-kir.pdf"
    store = DocumentStore.open(tmp_path)
    try:
        store.upsert(pdf_document(extract_pdf(KIR_PDF), url=pdf_url, http_last_modified=None,
                                  source="dishub", opd=OPD, parent_url=None))
        links = [Link(pdf_url, "Standar Pelayanan Uji KIR (PDF)")]

        def page(source: str) -> Document:
            return Document(url=f"https://{source}.example.go.id/layanan/uji-kir",
                            source=source, opd=OPD, kind="page",
                            title="Pengujian Kendaraan Bermotor (Uji KIR)",
                            text="Persyaratan dan biaya tercantum dalam Standar Pelayanan.")

        own = absorb_stored(page("dishub"), links, store)
        assert own.fields.get("cost", "").startswith("Rp75.000")
        other = absorb_stored(page("kecamatan"), links, store)
        assert "cost" not in other.fields and "fields_from" not in other.fields
    finally:
        store.close()


def test_a_pdf_is_placed_under_the_page_that_links_it_from_its_content(tmp_path):
    """Two service pages link one PDF, one in its text, the other in a sitewide sidebar:
    the PDF is shown under the first, whatever their URLs' order."""
    from crawler.standards import _page_kinds, _place_documents

    site = "https://dinas.example.go.id"
    store = DocumentStore.open(tmp_path)
    try:
        for path in ("/layanan/a-sidebar", "/layanan/z-izin-usaha"):
            store.upsert(Document(url=site + path, source="s", opd=OPD, kind="service",
                                  title=path, text=path))
        pdf = site + "/files/sp.pdf"
        store.upsert(Document(url=pdf, source="s", opd=OPD, kind="document", title="SP",
                              text="Persyaratan", parent_url=site + "/layanan/a-sidebar"))
        linkers = {site + "/layanan/a-sidebar": {pdf}, site + "/layanan/z-izin-usaha": {pdf}}
        content = {site + "/layanan/z-izin-usaha": {pdf}}
        _place_documents(store, _page_kinds(store, "s"), linkers, content)
        assert store.get(pdf).parent_url == site + "/layanan/z-izin-usaha"
    finally:
        store.close()


@pytest.mark.parametrize("linked", [["kir"], ["kir", "reklame", "andalalin"]])
def test_a_service_page_holds_the_one_standard_it_links_not_every_one(tmp_path, linked):
    """A service page linking one service's standard from its content is where it is read
    (the standard stays a document under it); a page linking several services' standards
    is none of them, and each is stored as its own service."""
    from crawler.extract.document import pdf_document
    from crawler.extract.pdf import extract_pdf
    from crawler.standards import StandardReader, settle_parts

    site = "https://dishub.example.go.id"
    bodies = {"kir": KIR_PDF, "reklame": REKLAME_PDF, "andalalin": ANDALALIN_PDF}
    store = DocumentStore.open(tmp_path)
    try:
        page = site + "/layanan/perizinan"
        store.upsert(Document(url=page, source="s", opd=OPD, kind="service",
                              title="Layanan Perizinan Perhubungan", text="Layanan."))
        urls = {}
        for name, body in bodies.items():
            urls[name] = f"{site}/files/sp-{name}.pdf"
            store.upsert(pdf_document(extract_pdf(body), url=urls[name], http_last_modified=None,
                                      source="s", opd=OPD, parent_url=None))
        targets = {urls[name] for name in linked}
        settle_parts(store, StandardReader(store), "s", {page: targets}, {page: targets})
        kinds = {name: store.get(url).kind for name, url in urls.items()}
    finally:
        store.close()
    if linked == ["kir"]:
        assert kinds["kir"] == "document"
    else:
        assert kinds == {"kir": "service", "reklame": "service", "andalalin": "service"}


# A PPID's Standar Pelayanan as many offices type it: the PermenPAN-RB table set in columns
# by spaces, no rules, the value cells wrapped onto indented lines
SPACED_PDF = make_pdf([
    "STANDAR PELAYANAN PENGUJIAN BERKALA KENDARAAN BERMOTOR",
    OPD.upper(),
    "NO  KOMPONEN                            URAIAN",
    "1   Dasar Hukum                         UU 22/2009; PP 55/2012",
    "2   Persyaratan Pelayanan               1. Buku uji asli dan STNK asli, fotokopi",
    "   KTP pemilik kendaraan",
    "                                        2. Izin angkutan bagi kendaraan umum",
    "3   Sistem, Mekanisme dan Prosedur      1. Daftar di loket UPTD PKB",
    "                                        2. Bayar retribusi di bank",
    "4   Jangka Waktu Penyelesaian           1 hari kerja",
    "5   Biaya/Tarif                         Rp75.000 sesuai Perda",
    "6   Produk Pelayanan                    Kartu uji dan tanda uji",
    "",
    "Rekap permohonan informasi",
    "1   Januari                             12 permohonan",
], title="Standar Pelayanan Pengujian Berkala Kendaraan Bermotor")


def test_a_standard_set_in_columns_by_spaces_is_its_service(tmp_path):
    """The PDF is the only place the service is told (a PPID's list of public information
    links it): stored as its service, each row's value whole, the wrapped line joined to its
    item, and a table of other things left as it was."""
    from crawler.extract.document import pdf_document
    from crawler.extract.pdf import extract_pdf
    from crawler.standards import StandardReader, settle_parts

    url = "https://ppid.example.go.id/uploads/dip/sp-pengujian-kendaraan.pdf"
    read = extract_pdf(SPACED_PDF)
    assert "1 Januari 12 permohonan" in read.text.splitlines()
    store = DocumentStore.open(tmp_path)
    try:
        store.upsert(pdf_document(read, url=url, http_last_modified=None, source="s", opd=OPD,
                                  parent_url=None))
        settle_parts(store, StandardReader(store), "s", {}, {})
        doc = store.get(url)
    finally:
        store.close()
    # named by its service, not by the office over the table nor by the table's header
    assert (doc.kind, doc.title) == ("service", "Pengujian Berkala Kendaraan Bermotor")
    assert "KOMPONEN" not in doc.text
    assert doc.fields["requirements"] == [
        "Buku uji asli dan STNK asli, fotokopi KTP pemilik kendaraan",
        "Izin angkutan bagi kendaraan umum"]
    assert doc.fields["procedure"] == ["Daftar di loket UPTD PKB", "Bayar retribusi di bank"]
    assert doc.fields["duration"] == "1 hari kerja"
    assert doc.fields["cost"] == "Rp75.000 sesuai Perda"


def stored_pdf(tmp_path, lines: list[str], title: str) -> Document:
    """A PDF of ``lines`` as the crawl stores it once its site is settled."""
    from crawler.extract.document import pdf_document
    from crawler.extract.pdf import extract_pdf
    from crawler.standards import StandardReader, settle_parts

    url = "https://ppid.example.go.id/uploads/dip/dokumen.pdf"
    store = DocumentStore.open(tmp_path)
    try:
        store.upsert(pdf_document(extract_pdf(make_pdf(lines, title=title)), url=url,
                                  http_last_modified=None, source="s", opd=OPD,
                                  parent_url=None))
        settle_parts(store, StandardReader(store), "s", {}, {})
        return store.get(url)
    finally:
        store.close()


def test_a_decree_typed_with_double_spaces_is_no_service(tmp_path):
    """A decree's numbered sentences typed with two spaces after each full stop are not a
    table: the PDF stays the document it is, each sentence whole in its text."""
    doc = stored_pdf(tmp_path, [
        "KEPUTUSAN KEPALA DINAS PERHUBUNGAN KOTA JAMBI",
        "TENTANG TATA TERTIB LOKET",
        "Menetapkan:",
        "1.  Persyaratan harus lengkap.  Berkas yang kurang dikembalikan kepada pemohon.",
        "2.  Biaya retribusi dibayar di bank.  Petugas dilarang menerima uang tunai.",
        "3.  Waktu layanan Senin  s.d.  Jumat pukul 08.00  -  15.00 WIB.",
    ], "SK Tata Tertib Loket")
    assert doc.kind == "document"
    assert "Persyaratan harus lengkap. Berkas yang kurang dikembalikan kepada pemohon." in doc.text
    assert "Waktu layanan Senin s.d. Jumat pukul 08.00 - 15.00 WIB." in doc.text


def test_a_spaced_standard_s_wrapped_labels_stay_labels_and_each_step_its_own(tmp_path):
    """"Sistem, Mekanisme" / "dan Prosedur" and "Jangka Waktu" / "Penyelesaian" wrap in
    their column: the label is whole, the second step its own, the duration only its
    value; the head of the office signing below is no part of the last row."""
    doc = stored_pdf(tmp_path, [
        "STANDAR PELAYANAN PENGUJIAN BERKALA KENDARAAN BERMOTOR",
        OPD.upper(),
        "NO  KOMPONEN            URAIAN",
        "1   Persyaratan         1. Buku uji asli",
        "                        2. STNK asli",
        "2   Sistem, Mekanisme   1. Daftar di loket UPTD",
        "    dan Prosedur        2. Bayar retribusi di bank",
        "3   Jangka Waktu        1 hari kerja",
        "    Penyelesaian",
        "4   Biaya/Tarif         Rp75.000",
        "                        Kepala Dinas Perhubungan,",
        "                        NIP 19700101 199003 1 001",
    ], "Standar Pelayanan Pengujian Berkala Kendaraan Bermotor")
    assert doc.kind == "service"
    assert doc.fields["procedure"] == ["Daftar di loket UPTD", "Bayar retribusi di bank"]
    assert doc.fields["duration"] == "1 hari kerja"
    assert doc.fields["cost"] == "Rp75.000"


@pytest.mark.parametrize("lines", [
    # justified prose: every word two spaces apart
    ["Pasal 3",
     "1.  Persyaratan  pelayanan  wajib  dipenuhi  oleh  pemohon  sebelum",
     "    berkas  diterima  petugas  loket.",
     "2.  Biaya  pelayanan  ditetapkan  dengan  Peraturan  Daerah."],
    # one row-like line of two columns of prose, no header
    ["a   Persyaratan umum bagi      Kepala dinas menyampaikan bahwa",
     "    pemohon adalah KTP         kegiatan berjalan lancar dan"],
    # a tariff's table: its header names no standard's columns
    ["NO  JENIS LAYANAN            TARIF",
     "1   Biaya cetak kartu         Rp 10.000",
     "2   Waktu sewa aula           Rp 500.000 per hari",
     "3   Persyaratan               -"],
])
def test_lines_that_are_no_spaced_standard_are_left_as_they_were(lines):
    from crawler.extract.pdflayout import gap_rows

    assert gap_rows(lines) == lines


def test_a_long_wrapped_value_is_read_in_linear_time():
    """A row whose value wraps over 32,000 lines (a PDF's appendix pasted into one cell)
    is read in well under a second or two, not the 18 seconds of joining it line by line."""
    import time

    from crawler.extract.pdflayout import gap_rows

    lines = ["NO  KOMPONEN  URAIAN", "2   Persyaratan Pelayanan   1. KTP",
             *[" " * 24 + "lanjutan teks yang panjang sekali lanjutan teks yang panjang sekali "
               "lanjutan teks yang panjang sekali"] * 32000]
    start = time.perf_counter()
    out = gap_rows(lines)
    assert time.perf_counter() - start < 3.0
    assert out[0] == "Persyaratan Pelayanan" and out[1].startswith("1. KTP lanjutan")


@pytest.mark.parametrize("title,body,url", [
    # an office's letters, each free and done in a day: a list of services, not one
    ("Layanan Kelurahan Payo Selincah",
     "<ul><li>Surat Keterangan Domisili: gratis, 1 hari kerja</li><li>SKTM: gratis, selesai "
     "dalam 1 hari</li><li>Surat Pengantar Nikah: tidak dipungut biaya</li><li>Legalisir: "
     "gratis</li></ul>", "https://kel.example.go.id/halaman/daftar"),
    # a holiday's notice about a service
    ("Pelayanan Adminduk Selama Libur Lebaran",
     "<p>Diberitahukan kepada masyarakat bahwa selama cuti bersama pelayanan KTP-el tutup. "
     "Pelayanan kembali buka tanggal 15 April. Seluruh layanan gratis, tidak dipungut biaya. "
     "Dokumen hilang diproses dalam 3 hari kerja setelah buka.</p>",
     "https://dukcapil.example.go.id/info/libur-lebaran"),
    # a rumour denied
    ("Layanan KTP-el Berbayar? Ini Faktanya",
     "<p>Beredar kabar pembuatan KTP-el dipungut biaya Rp 50.000. Disdukcapil menegaskan "
     "pembuatan KTP-el gratis, tidak dipungut biaya, dan selesai dalam 1 hari kerja.</p>",
     "https://dukcapil.example.go.id/klarifikasi"),
])
def test_an_undated_page_about_services_that_states_their_facts_is_no_service(title, body,
                                                                               url):
    assert extract(title, body, url).kind == "page"


def test_a_contact_page_named_like_a_desk_keeps_its_kind_and_its_contact():
    """"Layanan Pengaduan Masyarakat" at /kontak says a complaint is free and answered in 3
    working days, and where to write: it is the office's contact page, shown with its
    address and telephone, not a service without them."""
    doc = extract("Layanan Pengaduan Masyarakat",
                  "<p>Hubungi kami di WhatsApp 0812-7400-1234. Pengaduan tidak dipungut biaya "
                  "dan ditindaklanjuti paling lama 3 hari kerja.</p><p>Alamat: Jl. Jend. "
                  "Sudirman No. 1, Kota Jambi. Telp (0741) 123456. Email: "
                  "dinas@jambikota.go.id</p>", "https://dinas.example.go.id/kontak")
    assert doc.kind == "page"
    assert doc.fields["contact"]["phone"] == "WhatsApp 0812-7400-1234"
    assert doc.fields["contact"]["address"].startswith("Jl. Jend. Sudirman No. 1")


def test_a_standard_headed_by_its_office_and_its_service_is_named_by_the_service(tmp_path):
    """The heading names the office and then the standard on one line ("BADAN PENDAPATAN
    DAERAH STANDAR PELAYANAN PBB"): the service is PBB, not the office's name nor the
    file's title."""
    doc = stored_pdf(tmp_path, [
        "BADAN PENDAPATAN DAERAH STANDAR PELAYANAN PBB",
        "NO  KOMPONEN            URAIAN",
        "1   Persyaratan         1. SPOP yang telah diisi",
        "                        2. Fotokopi KTP wajib pajak",
        "2   Jangka Waktu        5 hari kerja",
        "3   Biaya/Tarif         Tidak dipungut biaya",
    ], "dokumen-bapenda-2024")
    assert doc.kind == "service"
    assert doc.title == "PBB"
