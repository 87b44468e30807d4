"""A kelurahan site built with the new Google Sites, through a real crawl.

Google Sites lays a page out in boxes and shows other documents in frames. The SKTM page
says only "the requirements are in the document below" over an embedded Google Doc
published to the web; the health certificate page's requirements are in a PDF shown in
Drive's viewer, with a download button in the next box; the "Layanan" page keeps three
letters in collapsible groups (a ``div role="button" aria-controls`` over each folded
panel). A citizen asking for SKTM's requirements must get the Doc's list, not the pointer;
each letter of the groups must be a service of its own, not one service holding all three
letters' requirements.

Drive's viewer is drawn by script: fetched on its own it is an empty page. Where the PDF it
shows is read (the download button), the viewer is skipped as that PDF's viewer, not
reported as an unreadable page; a viewer of a PDF the site never links stays an error, and
every fetch is one line of the site's report, in Indonesian.
"""

from __future__ import annotations

import pytest

from crawler.extract.viewers import shown_file
from crawler.reports import KIND_LABELS, format_sites, sites_report
from crawler.run import crawl
from crawler.standards import absorb, framed_standard, is_pointer, restore
from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.documents import Document
from sikoja.sources import Source
from sikoja.store import DocumentStore
from sikoja.urls import canonicalize_url
from tests.faultserver import Page, PageSite, make_pdf
from tests.test_crawl_pdf_service import docs

OPD = "Kelurahan Kenali Besar"
DOC = "/document/d/e/2PACX-1vQk3nB8xR2cLw7/pub"
VIEWER = "/file/d/1hT7pQ2wXk9LmR4/preview"
PDF = "/uc"
# a viewer of a file nothing else links: its PDF is never read
LONE_VIEWER = "/file/d/9ZqW3eR5tY7uI1oPx/preview"


def box(inner: str) -> str:
    return (f'<div class="oKdM2c"><div class="jXK9ad"><div class="jXK9ad-SmKAyb">'
            f'<div class="tyJCtd mGzaTb baZpAe">{inner}</div></div></div></div>')


def para(text: str) -> str:
    return f'<p dir="ltr" class="zfr3Q CDt4Ke"><span class="C9DxTc">{text}</span></p>'


def items(values: list[str]) -> str:
    return "<ol>" + "".join(f'<li class="zfr3Q">{para(v)}</li>' for v in values) + "</ol>"


def frame(src: str, label: str) -> str:
    return (f'<div class="oKdM2c"><div class="tyJCtd OWlOyc"><div class="WIdY2d">'
            f'<iframe class="YMEQtf" aria-label="{label}" src="{src}"></iframe></div></div>'
            f'</div>')


def sites_page(title: str, boxes: str) -> bytes:
    menu = "".join(f'<li data-nav-level="1"><a href="{h}">{t}</a></li>' for h, t in [
        ("/", "Beranda"), ("/layanan", "Layanan"), ("/layanan/sktm", "SKTM"),
        ("/layanan/surat-sehat", "Surat Keterangan Sehat"), ("/pengumuman", "Pengumuman")])
    nav = f'<nav class="JzO0Vc"><ul role="navigation">{menu}</ul></nav>'
    return (f'<html lang="id"><head><title>{OPD} - {title}</title></head><body>'
            f'<header><a href="/"><span class="QTKDff">{OPD}</span></a>{nav}</header>'
            f'<div role="main"><section class="yaqOZd">{box(f"<h1>{title}</h1>")}</section>'
            f'<section class="yaqOZd">{boxes}</section></div>'
            f'<footer><section>{box(para(OPD) + para("Jl. Kapten Pattimura RT 12"))}</section>'
            f'</footer><div class="dZA9kd"><a href="https://sites.google.com/new">Google Sites'
            f'</a> <span>Laporkan penyalahgunaan</span></div><div aria-hidden="true">{nav}</div>'
            f'</body></html>').encode()


def group(panel_id: str, title: str, body: str) -> str:
    return (f'<div class="aGSz6e"><div role="button" tabindex="0" aria-expanded="false" '
            f'aria-controls="{panel_id}">{para(f"<strong>{title}</strong>")}</div>'
            f'<div id="{panel_id}" aria-hidden="true">{body}</div></div>')


SKTM_REQUIREMENTS = ["Surat pengantar RT dan RW", "Fotokopi KTP-el dan Kartu Keluarga",
                     "Surat pernyataan tidak mampu bermeterai"]
SEHAT_REQUIREMENTS = ["KTP-el atau KIA", "Pas foto 3x4 berwarna 1 lembar"]


def site_pages() -> dict[str, Page]:
    doc = ("<html><head><title>Persyaratan SKTM</title></head><body><div id='banners'>"
           "Dipublikasikan menggunakan Google Dokumen</div><div id='contents'>"
           "<p class='c3'><span class='c1'>PERSYARATAN SKTM</span></p><p><span>Persyaratan:"
           "</span></p><ol>" + "".join(f"<li class='c2'><span class='c1'>{r}</span></li>"
                                       for r in SKTM_REQUIREMENTS)
           + "</ol></div></body></html>").encode()
    groups = "".join(group(pid, title, para(intro) + "<h3>Persyaratan</h3>" + items(reqs)
                           + "<h3>Biaya</h3>" + para("Gratis"))
                     for pid, title, intro, reqs in [
        ("h.sku1", "Surat Keterangan Usaha (SKU)", "Untuk pelaku usaha mikro yang mengajukan KUR.",
         ["Surat pengantar RT dan RW", "Foto tempat usaha"]),
        ("h.waris2", "Surat Keterangan Ahli Waris", "Untuk balik nama sertifikat tanah.",
         ["Fotokopi akta kematian pewaris", "Surat pernyataan ahli waris bermeterai"]),
        ("h.nikah3", "Surat Pengantar Nikah (N1-N4)", "Untuk calon pengantin.",
         ["Fotokopi akta kelahiran", "Pas foto 2x3 latar biru"])])
    return {
        "/": Page(sites_page("Beranda", box(para(f"Selamat datang di situs {OPD}.")))),
        "/layanan": Page(sites_page("Layanan", box(
            para("Klik nama layanan untuk membuka persyaratannya.") + groups))),
        "/layanan/sktm": Page(sites_page("Surat Keterangan Tidak Mampu (SKTM)", box(
            para("SKTM bagi keluarga kurang mampu untuk keringanan biaya sekolah.")
            + "<h3>Persyaratan</h3>"
            + para("Daftar persyaratan terbaru dapat dilihat pada dokumen berikut.")
            + "<h3>Alur Pelayanan</h3>" + items(["Ajukan ke kelurahan", "Verifikasi berkas"])
            + "<h3>Biaya</h3>" + para("Gratis")) + frame(DOC + "?embedded=true",
                                                         "Google Docs, Persyaratan SKTM"))),
        "/layanan/surat-sehat": Page(sites_page("Surat Keterangan Sehat", box(
            para("Surat keterangan sehat untuk melamar kerja.") + "<h3>Persyaratan</h3>"
            + para("Persyaratan dan tarif tercantum pada dokumen di bawah ini.")
            + "<h3>Alur Pelayanan</h3>" + items(["Daftar di loket", "Diperiksa dokter"])
            + "<h3>Waktu Penyelesaian</h3>" + para("30 menit"))
            + frame(VIEWER, "Drive, Persyaratan Surat Keterangan Sehat.pdf")
            + box(f'<a href="{PDF}?export=download&amp;id=1hT7pQ2wXk9LmR4">'
                  '<p>Unduh Persyaratan (PDF)</p></a>'))),
        "/pengumuman": Page(sites_page("Pengumuman", box(
            "<h2>Pelayanan Pindah ke Aula</h2>" + para("Selama renovasi kantor, pelayanan "
                                                        "surat dipindah ke aula posyandu."))
            + frame(LONE_VIEWER, "Drive, Jadwal Posyandu.pdf"))),
        DOC: Page(doc),
        # Drive's viewer draws the PDF by script: nothing to read in its HTML
        VIEWER: Page(b"<html><head><title>Persyaratan Surat Keterangan Sehat.pdf - Google "
                     b"Drive</title><script>window.viewerData={}</script></head><body>"
                     b"<div role='main'></div></body></html>"),
        LONE_VIEWER: Page(b"<html><head><title>Jadwal Posyandu.pdf - Google Drive</title>"
                          b"<script>window.viewerData={}</script></head><body>"
                          b"<div role='main'></div></body></html>"),
        PDF: Page(make_pdf(["Persyaratan Surat Keterangan Sehat", "Persyaratan:",
                            *[f"{n}. {r}" for n, r in enumerate(SEHAT_REQUIREMENTS, 1)],
                            "Biaya: Rp15.000 sesuai Perda retribusi"],
                           title="Persyaratan Surat Keterangan Sehat"),
                  content_type="application/pdf"),
    }


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("gsites")
    settings = load_settings(data_dir, embedder="none")
    settings.crawl.delay = 0
    with PageSite(site_pages()) as site:
        source = Source(name="kel-kenalibesar", opd=OPD, kind="website",
                        start_urls=[site.url("/")])
        result = crawl([source], settings, data_dir, timeout=120)
        assert result.ok, str(result)
        yield site, settings, data_dir


@pytest.mark.slow  # crawls a served site
def test_a_page_takes_the_requirements_of_the_document_it_frames(crawled):
    site, _, data_dir = crawled
    stored = docs(data_dir)
    sktm = stored[canonicalize_url(site.url("/layanan/sktm"))]
    assert sktm.kind == "service"
    assert sktm.fields["requirements"] == SKTM_REQUIREMENTS  # not the pointer sentence
    assert sktm.fields["procedure"] == ["Ajukan ke kelurahan", "Verifikasi berkas"]
    # the published Doc is the page's document from then on, shown under it
    doc = stored[canonicalize_url(site.url(DOC + "?embedded=true"))]
    assert doc.kind == "document" and doc.parent_url == sktm.url
    # the viewer's frame shows nothing to take; the PDF its button downloads does
    sehat = stored[canonicalize_url(site.url("/layanan/surat-sehat"))]
    assert sehat.fields["requirements"] == SEHAT_REQUIREMENTS
    assert sehat.fields["duration"] == "30 menit"  # its own section stays


@pytest.mark.slow  # crawls a served site
def test_a_viewer_whose_pdf_is_read_is_no_error_and_one_without_still_is(crawled):
    site, _, data_dir = crawled
    viewer, lone = (canonicalize_url(site.url(v)) for v in (VIEWER, LONE_VIEWER))
    pdf = canonicalize_url(site.url(f"{PDF}?export=download&id=1hT7pQ2wXk9LmR4"))
    store = DocumentStore.open(data_dir)
    try:
        [health] = sites_report(store)
        rows = store.query("SELECT url, outcome, reason FROM fetch_log WHERE url IN (?, ?)",
                           (viewer, lone))
        live = {d.url: d for d in store.iter_documents()}
    finally:
        store.close()
    log: dict[str, list[tuple[str, str]]] = {}
    for r in rows:
        log.setdefault(r["url"], []).append((r["outcome"], r["reason"] or ""))
    # the viewer of the PDF its page's button downloads: skipped, naming where it is read
    [(outcome, reason)] = log[viewer]
    assert outcome == "skipped" and reason.startswith("viewer: ") and reason.endswith(pdf)
    assert viewer not in live and live[pdf].kind == "document"
    # the viewer of a PDF never read is what it was: a page sikoja cannot read, fetched
    # and kept under its title (so the site's pages count it), and an error
    assert sorted(o for o, _ in log[lone]) == ["error", "ok"]
    assert [r for o, r in log[lone] if o == "error"][0].startswith("javascript: ")
    assert health.errors == 1 and [f["url"] for f in health.failures] == [lone]
    assert health.errors_by_label == {KIND_LABELS["javascript"]: 1}
    assert health.skipped_by_label == {KIND_LABELS["viewer"]: 1}
    # the admin's report names each failing URL once, in Indonesian
    text = format_sites([health])
    assert text.count(lone) == 1 and viewer not in text
    assert f"{lone} — isi digambar JavaScript" in text
    assert "drawn by" not in text and "masalah lain" not in text


def test_a_viewer_is_tied_to_its_file_by_name_or_by_id():
    site = "https://kel.example.go.id"
    drive = "https://drive.google.com/file/d/1hT7pQ2wXk9LmR4vN8cZy3BfJ6sGd0aEu/preview"
    download = "https://drive.google.com/uc?export=download&id=1hT7pQ2wXk9LmR4vN8cZy3BfJ6sGd0aEu"
    other = "https://drive.google.com/uc?export=download&id=9ZqW3eR5tY7uI1oPxLmN"
    assert shown_file(drive, [other, download]) == download
    # another viewer of the same file is no file: two viewers never vouch for each other
    assert shown_file(drive, [drive.replace("/preview", "/view")]) is None
    # unless it is stored as a document already
    assert shown_file(drive, [f"{site}/berkas/1hT7pQ2wXk9LmR4vN8cZy3BfJ6sGd0aEu"],
                      [f"{site}/berkas/1hT7pQ2wXk9LmR4vN8cZy3BfJ6sGd0aEu"]) is not None
    # Docs' viewer and PDF.js name their file in the query
    docs_viewer = f"https://docs.google.com/viewer?url={site}/unduhan/sp-2024.pdf&embedded=true"
    assert shown_file(docs_viewer, [f"{site}/unduhan/sp-2024.pdf"]) == f"{site}/unduhan/sp-2024.pdf"
    pdfjs = f"{site}/pdfjs/web/viewer.html?file=%2Funduhan%2Fperda.pdf"
    assert shown_file(pdfjs, [f"{site}/unduhan/perda.pdf", f"{site}/unduhan/sp.pdf"]) == (
        f"{site}/unduhan/perda.pdf")
    # a page with a slug or a version tag is no viewer of anything
    assert shown_file(f"{site}/layanan/standar-pelayanan-2024-disdukcapil",
                      [f"{site}/unduhan/standar-pelayanan-2024-disdukcapil.pdf"]) is None
    assert shown_file(f"{site}/app?v=20241105123456", [f"{site}/x.pdf?v=20241105123456"]) is None
    # capitalised slugs join words and numbers: no opaque id either
    for slug in ("Standar-Pelayanan-2024", "Info-PPDB-2025", "SK_Walikota_No12_2024"):
        assert shown_file(f"{site}/layanan/{slug}", [f"{site}/download/{slug}.pdf"]) is None
    # a named file must be a file too: a search page's ?src= or a share link's ?url= names
    # a page, and a bare word is no relative URL
    assert shown_file(f"{site}/cari?src=beranda", [f"{site}/beranda"]) is None
    assert shown_file(f"{site}/bagikan?url={site}/layanan/ktp", [f"{site}/layanan/ktp"]) is None
    assert shown_file(f"{site}/viewer?doc=/layanan/ktp", [f"{site}/layanan/ktp"],
                      [f"{site}/layanan/ktp"]) == f"{site}/layanan/ktp"  # stored as a document
    # download pages say so in more than one way
    for path in ("/unduhan/berkas?id=1hT7pQ2wXk9LmR4vN8cZ", "/downloads/1hT7pQ2wXk9LmR4vN8cZ",
                 "/export/1hT7pQ2wXk9LmR4vN8cZ"):
        assert shown_file(f"{site}/file/d/1hT7pQ2wXk9LmR4vN8cZ/preview", [site + path]) == (
            site + path)


@pytest.mark.slow  # crawls a served site
def test_each_collapsible_group_is_a_service_of_its_own(crawled):
    site, _, data_dir = crawled
    stored = docs(data_dir)
    page = canonicalize_url(site.url("/layanan"))
    parts = {d.title: d for d in stored.values() if d.url.startswith(page + "#")}
    assert sorted(parts) == ["Surat Keterangan Ahli Waris", "Surat Keterangan Usaha (SKU)",
                             "Surat Pengantar Nikah (N1-N4)"]
    assert parts["Surat Keterangan Ahli Waris"].fields["requirements"] == [
        "Fotokopi akta kematian pewaris", "Surat pernyataan ahli waris bermeterai"]
    assert all(p.kind == "service" for p in parts.values())
    assert stored[page].fields.get("listing") is True


@pytest.mark.slow  # crawls a served site and searches it
def test_search_answers_sktm_with_the_documents_list(crawled):
    site, settings, _ = crawled
    build_index(settings)
    searcher = Searcher(settings)
    try:
        found = searcher.search("syarat sktm kenali besar")
        assert found.answer is not None
        assert found.answer.requirements == SKTM_REQUIREMENTS
        # the page that shows the Doc leads, the Doc listed with it rather than apart
        sktm = canonicalize_url(site.url("/layanan/sktm"))
        assert found.results[0].url == sktm
        assert canonicalize_url(site.url(DOC + "?embedded=true")) in found.results[0].also_at
        waris = searcher.search("surat keterangan ahli waris")
        assert waris.results[0].title == "Surat Keterangan Ahli Waris"
        assert waris.results[0].url.startswith(canonicalize_url(site.url("/layanan")) + "#")
    finally:
        searcher.close()


# -- the rules on their own -----------------------------------------------------------------


@pytest.mark.parametrize("value,pointer", [
    (["Daftar persyaratan terbaru dapat dilihat pada dokumen berikut."], True),
    ("Persyaratan dan tarif tercantum pada dokumen di bawah ini.", True),
    (["Silakan unduh formulir pada tautan berikut"], True),
    # facts, even when they name a document
    (["Fotokopi dokumen kependudukan yang dilegalisir"], False),
    (["Surat pengantar RT dan RW", "Lihat dokumen berikut"], False),
    ("Gratis", False),
])
def test_a_pointer_sends_the_reader_to_a_document_and_states_nothing(value, pointer):
    assert is_pointer(value) is pointer


def test_the_pointer_comes_back_when_the_framed_document_is_gone():
    page = Document(url="https://k.example/layanan/sktm", source="k", opd=OPD, kind="service",
                    title="Surat Keterangan Tidak Mampu (SKTM)", text="SKTM.",
                    fields={"requirements": ["Persyaratan dapat dilihat pada dokumen berikut."],
                            "cost": "Gratis", "kind_confidence": 1.0})
    framed = Document(url="https://k.example/pub", source="k", opd=OPD, kind="service",
                      title="Persyaratan SKTM", text="", fields={
                          "requirements": SKTM_REQUIREMENTS, "cost": "Rp5.000"})
    standard = framed_standard(framed)
    assert standard is not None and standard.hinted
    taken = absorb(page, [standard])
    assert taken.fields["requirements"] == SKTM_REQUIREMENTS
    assert taken.fields["cost"] == "Gratis"  # its own facts win
    assert restore(taken).fields == page.fields and restore(taken).text == page.text


def test_a_framed_page_about_another_service_gives_nothing():
    """A service page that frames another service's page (a sign-up form's page) does not
    take that service's cost and time: a framed page is a standard only for the service its
    title names."""
    page = Document(url="http://k.test/layanan/sktm", source="s", opd="o", kind="service",
                    title="Surat Keterangan Tidak Mampu", text="SKTM",
                    fields={"requirements": ["Pengantar RT", "KTP"]})
    other = Document(url="http://k.test/layanan/daftar", source="s", opd="o", kind="service",
                     title="Pendaftaran Online Puskesmas", text="Daftar",
                     fields={"requirements": ["KK"], "cost": "Rp 50.000", "duration": "3 hari"})
    new = absorb(page, [framed_standard(other)])
    assert "cost" not in new.fields and "duration" not in new.fields
    assert new.fields["requirements"] == ["Pengantar RT", "KTP"]


@pytest.mark.slow  # crawls a served site three times
def test_a_recrawl_without_validators_rewrites_no_framed_document(tmp_path):
    """The published Doc is stored as the page's document; a server that sends no ETag
    makes every recrawl fetch it again, which must store it as it is, not as a page first."""
    settings = load_settings(tmp_path, embedder="none")
    settings.crawl.delay = 0
    pages = site_pages()
    for page in pages.values():
        page.etag = False
    with PageSite(pages) as site:
        source = Source(name="kel-kenalibesar", opd=OPD, kind="website",
                        start_urls=[site.url("/")])
        assert crawl([source], settings, tmp_path, timeout=120).ok
        again = crawl([source], settings, tmp_path, timeout=120)
        doc = docs(tmp_path)[canonicalize_url(site.url(DOC + "?embedded=true"))]
    assert doc.kind == "document"
    # (the Drive viewer, a page of script alone, counts as an error on every crawl)
    assert sum(s.changed + s.gone for s in again.sources) == 0, str(again)


@pytest.mark.slow  # crawls a served site
def test_a_page_that_frames_itself_keeps_its_pdfs_list(tmp_path):
    settings = load_settings(tmp_path, embedder="none")
    settings.crawl.delay = 0
    pages = site_pages()
    sehat = pages["/layanan/surat-sehat"]
    sehat.body = sehat.body.replace(b"</body>", b"<iframe title='cetak' "
                                    b"src='/layanan/surat-sehat'></iframe></body>", 1)
    with PageSite(pages) as site:
        source = Source(name="kel-kenalibesar", opd=OPD, kind="website",
                        start_urls=[site.url("/")])
        assert crawl([source], settings, tmp_path, timeout=120).ok
        page = docs(tmp_path)[canonicalize_url(site.url("/layanan/surat-sehat"))]
    assert page.fields["requirements"] == SEHAT_REQUIREMENTS


def viewer_site_pages() -> dict[str, Page]:
    """A Drive viewer framed on one page while its download button is on another (the
    download list), and a search page whose ``?src=beranda`` names no file."""
    nav = ("<nav><a href='/'>Beranda</a><a href='/layanan'>Layanan</a>"
           "<a href='/unduhan'>Unduhan</a><a href='/cari?src=beranda'>Cari</a>"
           "<a href='/beranda'>Home</a></nav>")

    def page(title: str, body: str) -> Page:
        return Page(f"<html lang='id'><head><title>{title}</title></head><body>{nav}<main>"
                    f"<h1>{title}</h1>{body}</main></body></html>".encode())

    shell = (b"<html><head><title>Berkas - Google Drive</title><script>window.viewerData={}"
             b"</script></head><body><div role='main'></div></body></html>")
    return {
        "/": page("Dinas Kesehatan", para("Selamat datang di situs dinas kesehatan kota "
                                          "jambi, layanan publik.")),
        "/beranda": page("Beranda Dinas", para("Beranda dinas kesehatan, informasi layanan "
                                               "publik kota jambi lengkap.")),
        "/layanan": page("Layanan Surat Sehat", para("Persyaratan surat keterangan sehat "
                                                     "tercantum pada dokumen.")
                         + frame(LONE_VIEWER, "Drive, Persyaratan.pdf")),
        "/unduhan": page("Unduhan", para("Daftar dokumen yang dapat diunduh masyarakat.")
                         + f"<a href='{PDF}?export=download&id=9ZqW3eR5tY7uI1oPx'>Unduh</a>"),
        LONE_VIEWER: Page(shell),
        PDF: Page(make_pdf(["Persyaratan Surat Keterangan Sehat", "Persyaratan:", "1. KTP",
                            "2. Pas foto"], title="Persyaratan Surat Keterangan Sehat"),
                  content_type="application/pdf"),
        "/cari": Page(b"<html><head><title>Cari</title><script>window.app={}</script></head>"
                      b"<body><div id='app'></div></body></html>"),
    }


@pytest.mark.slow  # crawls a served site four times
def test_a_viewer_is_skipped_only_when_this_crawl_reads_its_file(tmp_path):
    """The verdict waits for the crawl's end: the viewer framed on one page is skipped
    whichever page reaches its file first, in the first crawl and the next; once its download
    answers Drive's HTML warning page, or 404, the file is not read and the viewer is the
    unreadable page it is, whatever an earlier crawl stored."""
    settings = load_settings(tmp_path, embedder="none")
    settings.crawl.delay = 0

    def verdicts(site: PageSite) -> dict[str, list[str]]:
        source = Source(name="dinkes", opd="Dinas Kesehatan", kind="website",
                        start_urls=[site.url("/")])
        assert crawl([source], settings, tmp_path, timeout=120).ok
        store = DocumentStore.open(tmp_path)
        try:
            rows = store.query(
                "SELECT url, outcome, reason FROM fetch_log WHERE crawl_id = "
                "(SELECT MAX(id) FROM crawls) AND (url LIKE '%/preview' OR url LIKE '%/cari%')"
                " ORDER BY id")
        finally:
            store.close()
        out: dict[str, list[str]] = {}
        for r in rows:
            path = r["url"].removeprefix(site.url("")).lstrip("/")
            reason = (r["reason"] or "").split(":")[0]
            out.setdefault(path, []).append(f"{r['outcome']} {reason}")
        return {k: sorted(v) for k, v in out.items()}

    viewer, search = LONE_VIEWER.lstrip("/"), "cari?src=beranda"
    with PageSite(viewer_site_pages()) as site:
        for _ in range(2):  # a first crawl, and a recrawl whose PDF answers 304
            log = verdicts(site)
            assert log[viewer] == ["skipped viewer"], log
            # a search page is no viewer of the home page: still unreadable
            assert "error javascript" in log[search] and len(log[search]) == 2, log
        site.pages[PDF] = Page(b"<html><head><title>Google Drive - Virus scan warning</title>"
                               b"</head><body><p>Google Drive can't scan this file for "
                               b"viruses.</p><a href='/uc?confirm=t'>Download anyway</a>"
                               b"</body></html>")
        assert verdicts(site)[viewer] == ["error javascript", "ok stored"]
        del site.pages[PDF]  # and its page kept from the crawl before: unchanged, an error
        assert verdicts(site)[viewer] == ["error javascript", "unchanged "]
