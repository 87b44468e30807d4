"""Session 22's pages that show their Standar Pelayanan only through a document viewer
(issue #11): WordPress flipbook plugins (dFlip's ``source`` attribute and options script,
Real3D FlipBook's JSON options, PDF Embedder's link) on ``embed22-perkim``, and a Joomla
site's ``<object>``/``<embed>``, Google Docs viewer and PDF.js viewer frames on
``embed22-bpbd``. The file a viewer shows is read where it is and its service fields are the
page's; the viewer's own page and scripts are never fetched; a viewer naming another host's
file, a huge file, a file that is no document or the page itself loses nothing else."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from crawler.extract.embeds import MAX_EMBEDDED, embedded_documents, frame_shows_document
from crawler.extract.html import extract_links, extract_page, tags_in
from crawler.run import crawl
from indexer.build import build_index
from indexer.search import Searcher
from sikoja.config import load_settings
from sikoja.sources import Source
from sikoja.store import DocumentStore
from sikoja.urls import canonicalize_url
from tests.faultserver import Page, PageSite, html, make_pdf
from tests.samplecrawl import crawl_sites

PAGE = "https://perkim.jambikota.go.id/layanan/sewa-rusunawa/"
PDF = "https://perkim.jambikota.go.id/wp-content/uploads/2024/07/SP-Rusunawa.pdf"


def shown(markup: str, base: str = PAGE) -> list[str]:
    soup = BeautifulSoup(
        f"<html><body><div class='entry-content'>{markup}</div></body></html>", "html.parser"
    )
    return [url for url, *_ in embedded_documents(tags_in(soup), base)]


@pytest.mark.parametrize(
    "markup",
    [
        # dFlip's shortcode: the file in the element's ``source``
        '<div class="_df_book df-lite" id="df_1" '
        'source="/wp-content/uploads/2024/07/SP-Rusunawa.pdf">'
        "</div>",
        # dFlip's flipbook post: the file only in the options script, JSON's "\/" escapes
        '<div class="_df_book" id="df_412"></div><script class="df-shortcode-script">'
        'window.option_df_412 = {"outline":[],"source":"https:\\/\\/perkim.jambikota.go.id'
        '\\/wp-content\\/uploads\\/2024\\/07\\/SP-Rusunawa.pdf","wpOptions":"true"};</script>',
        # Real3D FlipBook: JSON options in a data- attribute
        '<div class="real3dflipbook" data-flipbook-options="'
        + json.dumps({"pdfUrl": PDF, "mode": "normal"}).replace('"', "&quot;")
        + '"></div>',
        # a lightbox button naming its file in data-
        '<button class="pdf-popup" data-pdf="../../wp-content/uploads/2024/07/SP-Rusunawa.pdf">'
        "Lihat</button>",
        # the browser's own viewers
        '<object data="/wp-content/uploads/2024/07/SP-Rusunawa.pdf" type="application/pdf">'
        '<embed src="/wp-content/uploads/2024/07/SP-Rusunawa.pdf" type="application/pdf"></object>',
        # viewers naming their file in a frame's query: PDF.js, Google Docs
        '<iframe src="/wp-content/plugins/pdfjs-viewer-shortcode/pdfjs/web/viewer.html?'
        'file=/wp-content/uploads/2024/07/SP-Rusunawa.pdf&amp;download=true#zoom=auto"></iframe>',
        f'<iframe src="//docs.google.com/viewer?url={PDF}&amp;embedded=true"></iframe>',
        # a link to a viewer is a link to its file
        '<a href="/pdfjs/web/viewer.html?file='
        '%2Fwp-content%2Fuploads%2F2024%2F07%2FSP-Rusunawa.pdf">Lihat Standar Pelayanan</a>',
    ],
)
def test_each_viewers_markup_names_its_file(markup):
    assert shown(markup) == [PDF]


def test_the_viewer_is_not_followed_its_file_is():
    markup = (
        '<iframe src="/pdfjs/web/viewer.html?file=/sp/a.pdf"></iframe>'
        '<a href="/pdfjs/web/viewer.html?file=/sp/b.pdf">Standar Pelayanan B</a>'
        '<iframe src="/pdfjs/web/viewer.html?file=beranda"></iframe>'
        '<a href="/download.php?file=/sp/c.pdf">Unduh SP C</a>'
    )
    soup = BeautifulSoup(f"<html><body>{markup}</body></html>", "html.parser")
    links = {link.url: link.text for link in extract_links(PAGE, tags_in(soup))}
    site = "https://perkim.jambikota.go.id"
    assert links == {
        f"{site}/sp/a.pdf": "",
        f"{site}/sp/b.pdf": "Standar Pelayanan B",
        # a viewer naming no file stays what it was: a frame followed as a page
        f"{site}/pdfjs/web/viewer.html?file=beranda": "",
        # a script of the site's serves the file itself: it is followed, no path guessed
        f"{site}/download.php?file=/sp/c.pdf": "Unduh SP C",
    }


def test_a_sites_own_download_script_is_followed_on_its_www_twin_too():
    page = "https://www.bpbd.jambikota.go.id/p"
    script = "https://bpbd.jambikota.go.id/download.php?file=/sp/a.pdf"
    assert not frame_shows_document(script, page)
    soup = BeautifulSoup(f'<a href="{script}">Unduh SP</a>', "html.parser")
    assert [link.url for link in extract_links(page, tags_in(soup))] == [script]
    # Google's viewer is a shell whatever the page's host: its file is followed instead
    google = "https://docs.google.com/viewer?url=https://bpbd.jambikota.go.id/sp/a.pdf"
    soup = BeautifulSoup(f'<a href="{google}">Lihat SP</a>', "html.parser")
    assert [link.url for link in extract_links(page, tags_in(soup))] == [
        "https://bpbd.jambikota.go.id/sp/a.pdf"
    ]


@pytest.mark.parametrize(
    "markup",
    [
        # an upload widget's accepted extensions, a name code concatenates, a template
        "<script>var up={allowed:['.pdf','.docx'], accept:\".pdf,.doc\"};</script>",
        '<script>var name = id + \'.pdf\'; var u = base + "/files/" + slug + ".pdf";</script>',
        "<script>url = `/sp/${id}.pdf`; var t='/docs/{{slug}}.pdf';</script>",
        # a form's action is no viewer
        '<form action="/admin/hapus/sp.pdf"><input type=hidden></form>',
        # a viewer whose query names a page, not a document
        '<iframe src="/viewer.html?url=/download/berita-terbaru"></iframe>'
        '<a href="/pdfjs/web/viewer.html?file=/unduhan/">x</a>',
    ],
)
def test_what_code_builds_or_a_form_posts_to_is_no_file(markup):
    assert shown(markup) == []


def test_what_names_no_document_is_not_taken_for_one():
    markup = (
        '<p title="SP-Rusunawa.pdf">Unduh SP-Rusunawa.pdf di loket.</p>'  # words, not a link
        '<img src="/wp-content/uploads/2024/07/sampul.jpg" data-src="/img/sampul-pdf.png">'
        '<div class="_df_book" source="/wp-content/uploads/2024/07/brosur.jpg"></div>'
        '<a href="/wp-content/uploads/2024/07/SP-Rusunawa.pdf">Unduh</a>'  # a link already
        '<script src="/wp-content/plugins/dflip/assets/js/dflip.min.js"></script>'
        '<script>var opsi = {label: "file .pdf", pdfjs: "/pdfjs/build/pdf.worker.js"};</script>'
        '<iframe src="/pdfjs/web/viewer.html?file=beranda"></iframe>'
    )  # a bare word
    assert shown(markup) == []


def test_a_page_names_a_bounded_number_of_files():
    markup = "".join(f'<div class="_df_book" source="/sp/{n}.pdf"></div>' for n in range(60))
    side = "".join(
        f'<li><button data-file="/unduhan/dok-{n}.pdf">Dok {n}</button></li>' for n in range(60)
    )
    page = extract_page(
        f"<html><body><aside class='sidebar'><ul>{side}</ul></aside>"
        f"<article><h1>KTP</h1>{markup}</article></body></html>",
        PAGE,
    )
    followed = [link.url for link in page.links]
    # the sidebar's buttons come first in the page, yet every file of its article is read
    # and shown in it; the sidebar's are followed up to the bound
    assert [link.url for link in page.embeds] == [
        f"https://perkim.jambikota.go.id/sp/{n}.pdf" for n in range(60)
    ]
    assert all(url in followed for url in (link.url for link in page.embeds))
    assert len([url for url in followed if "/unduhan/" in url]) == MAX_EMBEDDED


# -- the sample sites, crawled -----------------------------------------------------------------

SERVICES = {  # page: (query, a requirement only its PDF states)
    ("embed22-perkim", "/layanan/sewa-rusunawa/"): (
        "syarat sewa rusunawa",
        "Surat keterangan belum memiliki rumah dari Lurah setempat",
    ),
    ("embed22-perkim", "/layanan/penyerahan-psu/"): (
        "serah terima psu perumahan",
        "Fotokopi sertifikat tanah lokasi PSU",
    ),
    ("embed22-perkim", "/layanan/izin-pemakaman-tpu/"): (
        "izin makam tpu",
        "Surat pernyataan ahli waris tentang pemeliharaan makam",
    ),
    ("embed22-perkim", "/layanan/pengesahan-site-plan/"): (
        "pengesahan site plan",
        "Rekomendasi peil banjir dari Dinas PUPR",
    ),
    ("embed22-bpbd", "/index.php/layanan/surat-keterangan-terdampak-bencana"): (
        "surat keterangan terdampak bencana",
        "Foto kondisi rumah atau harta benda yang terdampak",
    ),
    ("embed22-bpbd", "/index.php/layanan/bantuan-logistik"): (
        "bantuan logistik korban bencana",
        "Data korban: nama, NIK dan jumlah jiwa per kepala keluarga",
    ),
    ("embed22-bpbd", "/index.php/layanan/sosialisasi-kesiapsiagaan"): (
        "sosialisasi kesiapsiagaan bencana sekolah",
        "Narahubung panitia yang dapat dihubungi",
    ),
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("embed22")
    return (*crawl_sites(out, ("embed22-perkim", "embed22-bpbd")), out)


@pytest.mark.slow  # crawls two served sites
def test_each_page_takes_the_fields_of_the_document_its_viewer_shows(sample):
    docs, log = sample[0], sample[1]
    for (site, path), (_query, requirement) in SERVICES.items():
        page = docs[site][path]
        assert page.kind == "service", path
        assert requirement in page.fields["requirements"], path
        assert page.fields["fields_from"]["url"].endswith(".pdf")
    # the viewers' files are stored as documents under the pages that show them
    pdfs = [d for d in docs["embed22-bpbd"].values() if d.url.endswith(".pdf")]
    assert len(pdfs) == 3 and all(d.kind == "document" for d in pdfs)
    # the PDF.js viewer (a script shell) and the plugins' scripts are never fetched
    fetched = [r["url"] for r in log]
    assert not [u for u in fetched if "viewer.html" in u or u.endswith(".js")]
    assert not [r for r in log if r["outcome"] == "error"]


@pytest.mark.slow  # crawls and indexes two served sites
def test_a_citizen_finds_each_viewed_service_with_its_requirements(sample):
    settings = load_settings(sample[2], embedder="none")
    build_index(settings)
    searcher = Searcher(settings)
    try:
        for (_site, path), (query, requirement) in SERVICES.items():
            found = searcher.search(query)
            top = found.results[0]
            assert top.url.split("/", 3)[3] == path.lstrip("/"), query
            assert found.answer is not None and requirement in found.answer.requirements, query
    finally:
        searcher.close()


# -- hostile viewers ---------------------------------------------------------------------------

REQUIREMENTS = ["Fotokopi KTP-el pemohon", "Surat pengantar dari Lurah"]


def hostile_pages() -> dict[str, Page]:
    flipbook = ('<div class="_df_book" source="{}"></div>').format
    body = (
        "<h1>Izin Penggunaan Tanah Makam</h1><p>Silakan baca standar pelayanan berikut.</p>"
        + flipbook("http://files.example.invalid/sp-makam.pdf")  # another host
        + flipbook("/uploads/besar.pdf")  # larger than the crawl reads
        + flipbook("/uploads/bukan-pdf.pdf")  # HTML under a .pdf name
        + flipbook("/uploads/sp-makam-lama.pdf")  # a file the site no longer has (404)
        + '<iframe src="/pdfjs/web/viewer.html?file=/uploads/sp-makam.pdf"></iframe>'
        + flipbook("/uploads/sp-makam.pdf")
    )
    loop = (
        "<h1>Brosur</h1><p>Brosur layanan.</p>"
        + '<object data="/uploads/brosur.pdf" type="application/pdf"></object>'
    )
    return {
        "/": Page(
            html(
                "Beranda",
                '<a href="/layanan/makam">Izin makam</a><a href="/layanan/brosur">Brosur</a>',
            )
        ),
        "/layanan/makam": Page(html("Izin Penggunaan Tanah Makam", body)),
        "/layanan/brosur": Page(html("Brosur", loop)),
        # a "PDF" that is a page whose viewer shows itself and the page that showed it
        "/uploads/brosur.pdf": Page(
            html(
                "Brosur Lama",
                (
                    "<p>Brosur tahun lalu.</p>"
                    '<object data="/uploads/brosur.pdf" type="application/pdf"></object>'
                    '<div class="_df_book" source="/layanan/brosur"></div>'
                ),
            )
        ),
        "/uploads/besar.pdf": Page(b"%PDF-1.4\n" + b"0" * 300_000, content_type="application/pdf"),
        "/uploads/bukan-pdf.pdf": Page(html("Galeri", "<p>Foto kegiatan.</p>")),
        "/uploads/sp-makam.pdf": Page(
            make_pdf(
                [
                    "STANDAR PELAYANAN: IZIN PENGGUNAAN TANAH MAKAM",
                    "1. Persyaratan:",
                    *[f"   - {r}" for r in REQUIREMENTS],
                    "2. Biaya/Tarif: Rp100.000",
                    "3. Jangka Waktu Penyelesaian: 1 hari kerja",
                ],
                title="Standar Pelayanan Izin Penggunaan Tanah Makam",
            ),
            content_type="application/pdf",
        ),
    }


def served_crawl(pages: dict[str, Page], tmp_path, max_bytes: int | None = None):
    """(crawl result, the site, the paths it was asked for, the live documents by URL) of a
    crawl of ``pages`` served."""
    settings = load_settings(tmp_path, embedder="none")
    settings.crawl.delay = 0
    if max_bytes is not None:
        settings.crawl.max_response_bytes = max_bytes
    with PageSite(pages) as site:
        source = Source(
            name="uji", opd="Dinas Uji Kota Jambi", kind="website", start_urls=[site.url("/")]
        )
        result = crawl([source], settings, tmp_path, timeout=120)
        hit = site.paths_hit()
    store = DocumentStore.open(tmp_path)
    try:
        return result, site, hit, {d.url: d for d in store.iter_documents()}
    finally:
        store.close()


@pytest.mark.slow  # crawls a served site
def test_hostile_viewers_are_bounded_and_lose_nothing_else(tmp_path):
    result, site, hit, live = served_crawl(hostile_pages(), tmp_path, max_bytes=100_000)
    assert result.ok, str(result)
    page = live[canonicalize_url(site.url("/layanan/makam"))]
    # the one real standard is read, whatever its page's other viewers named
    assert page.kind == "service" and page.fields["requirements"] == REQUIREMENTS
    # the viewer is not fetched; every file is asked for at most once
    assert not [p for p in hit if p.startswith("/pdfjs/")]
    assert all(hit.count(p) == 1 for p in hit if p != "/robots.txt")
    # too large: not stored; another host: never asked (no such host is resolvable)
    assert canonicalize_url(site.url("/uploads/besar.pdf")) not in live
    # gone: asked once, stored as nothing, the page's standard still read
    assert hit.count("/uploads/sp-makam-lama.pdf") == 1
    assert canonicalize_url(site.url("/uploads/sp-makam-lama.pdf")) not in live
    assert not [u for u in live if "example.invalid" in u]
    assert canonicalize_url(site.url("/layanan/brosur")) in live
    assert live[canonicalize_url(site.url("/uploads/bukan-pdf.pdf"))].kind == "page"


# -- a viewer beside its download button, a site-wide popup, a download script ------------

REKLAME = make_pdf(
    [
        "STANDAR PELAYANAN: IZIN REKLAME",
        "1. Persyaratan:",
        "   - Gambar konstruksi reklame",
        "2. Biaya/Tarif: Rp2.500.000",
        "3. Jangka Waktu Penyelesaian: 14 hari kerja",
    ],
    title="Standar Pelayanan Izin Reklame",
)
# on every page, outside its content: a popup's button and an inline script naming one PDF
SITEWIDE = (
    '<div class="modal" id="pengumuman"><button class="pdf-popup" '
    'data-pdf="/uploads/sp-reklame.pdf">Lihat</button></div>'
    '<script>var pengumuman = {"pdf":"\\/uploads\\/sp-reklame.pdf"};</script>'
    '<script type="application/ld+json">{"subjectOf":{"url":"/uploads/sp-reklame.pdf"}}</script>'
)


def layout_pages() -> dict[str, Page]:
    def page(title: str, body: str) -> Page:
        return Page(html(title, body).replace(b"</body>", SITEWIDE.encode() + b"</body>"))

    downloads = "".join(
        f'<li><a href="/download.php?file=dok{n}.pdf">Unduh dokumen {n}</a></li>' for n in range(5)
    )
    return {
        "/": page(
            "Beranda",
            '<a href="/layanan/akta">Akta Kelahiran</a>'
            '<a href="/layanan/reklame">Izin Reklame</a>'
            '<a href="/layanan/reklame-bingkai">Reklame (bingkai)</a>'
            '<a href="/unduhan">Unduhan</a>',
        ),
        "/layanan/akta": page(
            "Layanan Akta Kelahiran",
            "<h1>Layanan Akta Kelahiran</h1><h2>Persyaratan</h2><ul><li>Surat keterangan lahir"
            " dari bidan</li><li>Fotokopi KK</li></ul><h2>Prosedur</h2><ol><li>Datang ke loket"
            "</li><li>Ambil akta</li></ol>"
            # in its content, a button naming another service's standard: no standard of its
            '<p><button class="pdf-popup" data-pdf="/uploads/sp-reklame.pdf">Info reklame'
            "</button></p>",
        ),
        # the most common layout: the viewer, and a button to download the same file
        "/layanan/reklame": page(
            "Izin Reklame",
            "<h1>Izin Reklame</h1><p>Silakan baca standar pelayanan berikut.</p>"
            '<div class="_df_book" source="/uploads/sp-reklame.pdf"></div>'
            "<p><a href='/uploads/sp-reklame.pdf'>Unduh Standar Pelayanan Izin Reklame</a></p>",
        ),
        # the same with a frame showing the file (a tie main had too)
        "/layanan/reklame-bingkai": page(
            "Izin Reklame Baliho",
            "<h1>Izin Reklame Baliho</h1><p>Silakan baca standar pelayanan berikut.</p>"
            "<iframe src='/uploads/sp-reklame-baliho.pdf'></iframe>"
            "<p><a href='/uploads/sp-reklame-baliho.pdf'>Unduh Standar Pelayanan</a></p>",
        ),
        "/unduhan": page("Unduhan", f"<h1>Unduhan</h1><ul>{downloads}</ul>"),
        # the site's script serves every file at its own address
        "/download.php": Page(
            make_pdf(["Dokumen", "isi"], title="Dokumen"), content_type="application/pdf"
        ),
        "/uploads/sp-reklame.pdf": Page(REKLAME, content_type="application/pdf"),
        "/uploads/sp-reklame-baliho.pdf": Page(REKLAME, content_type="application/pdf"),
    }


@pytest.mark.slow  # crawls a served site
def test_a_viewer_beside_its_button_gives_its_page_and_no_other_its_fields(tmp_path):
    result, site, hit, live = served_crawl(layout_pages(), tmp_path)
    assert result.ok, str(result)
    doc = {
        path: live[canonicalize_url(site.url(path))]
        for path in (
            "/layanan/akta",
            "/layanan/reklame",
            "/layanan/reklame-bingkai",
            "/uploads/sp-reklame.pdf",
        )
    }
    # the page showing and linking its standard takes its fields, both layouts
    for path in ("/layanan/reklame", "/layanan/reklame-bingkai"):
        assert doc[path].fields["requirements"] == ["Gambar konstruksi reklame"], path
        assert doc[path].fields["cost"] == "Rp2.500.000", path
    # the popup and the scripts on every page, and a button naming another service's file,
    # give another service nothing
    assert "cost" not in doc["/layanan/akta"].fields
    assert "duration" not in doc["/layanan/akta"].fields
    assert doc["/uploads/sp-reklame.pdf"].parent_url == doc["/layanan/reklame"].url
    # each download.php link is fetched once, no path guessed from its query
    assert sorted(p for p in hit if p.startswith("/download.php")) == [
        f"/download.php?file=dok{n}.pdf" for n in range(5)
    ]
    assert not [p for p in hit if p.startswith("/dok")]
