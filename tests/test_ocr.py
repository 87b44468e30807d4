"""Scanned Standar Pelayanan PDFs read by OCR (``crawler.extract.ocr``).

The files are the sample site ``ocr22-disdik``'s (written by ``tools/make_ocr22_site.py``:
each page a grey JPEG of the signed, stamped paper, turned by about a degree, no text
layer). A scan's service must be found by a citizen's query with its requirements and cost
in the answer, as a text PDF's is; a broken, oversized or image-less page a clear outcome
that loses nothing else; a file read once is not read by tesseract again. The tests that
read need the real ``tesseract`` binary (Debian's tesseract-ocr, which scripts/test.sh
installs) and are skipped, saying so, where it is missing.
"""

from __future__ import annotations

import io
import re
import shutil

import pytest

from crawler.extract.ocr import OcrCounts, OcrReader, ocr_lines, read_counts
from crawler.extract.pdf import PdfError, extract_pdf
from crawler.extract.service import text_service_fields
from sikoja.demo.server import SITES_ROOT

SITE = "ocr22-disdik"
FILES = SITES_ROOT / SITE / "upload" / "dokumen"
SPMB = "SP-SPMB-SMP-2025.pdf"
BUNDLE = "Standar-Pelayanan-Disdik-2025.pdf"
needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-ind)",
)


def scan(pages: int = 1, size: tuple[int, int] = (1240, 1754)) -> bytes:
    """A PDF of ``pages`` blank grey scans (JPEG), as Pillow writes one."""
    from PIL import Image

    images = [Image.new("L", size, 200) for _ in range(pages)]
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=150)
    return out.getvalue()


@needs_tesseract
@pytest.mark.slow  # starts tesseract
def test_a_scanned_standard_gives_its_fields_as_a_text_pdf_would(tmp_path):
    reader = OcrReader(tmp_path)
    pdf = extract_pdf((FILES / SPMB).read_bytes(), ocr=reader)
    # the heading after the kop surat, wrapped over two lines, is the title
    assert pdf.title == "Standar Pelayanan Sistem Penerimaan Murid Baru (SPMB) SMP Negeri"
    fields = text_service_fields(pdf.text.split("\n"), blank_ends=True)
    assert fields["requirements"][0] == "Data kependudukan (KK) untuk jalur domisili"
    assert len(fields["requirements"]) == 4
    assert fields["cost"] == "Gratis"
    assert fields["procedure"][-1] == "Daftar ulang di sekolah"
    # the signature under the table is not the last field's value
    assert "YADI" not in str(fields.get("complaints", ""))
    assert reader.counts.pages == 1 and reader.counts.unread == 0


@needs_tesseract
@pytest.mark.slow  # starts tesseract
def test_a_file_read_once_is_read_from_the_cache_after(tmp_path):
    body = (FILES / BUNDLE).read_bytes()
    first = OcrReader(tmp_path)
    text = extract_pdf(body, ocr=first).text
    assert (first.counts.pages, first.counts.cached) == (3, 0)
    again = OcrReader(tmp_path)  # the next crawl's process, the same data dir
    assert extract_pdf(body, ocr=again).text == text
    assert (again.counts.pages, again.counts.cached) == (0, 3)


def test_without_tesseract_a_scan_says_so_and_the_crawl_counts_it(tmp_path):
    reader = OcrReader(tmp_path, binary="")
    with pytest.raises(PdfError, match="OCR is not installed"):
        extract_pdf((FILES / SPMB).read_bytes(), ocr=reader, name="http://x/SP.pdf")
    assert reader.counts.not_installed == 1 and reader.counts.files == ["http://x/SP.pdf"]
    reader.save_counts()
    [line] = ocr_lines(read_counts(tmp_path))
    assert line.startswith("1 PDF hasil pindai tidak dibaca: OCR belum terpasang")


def test_a_text_pdf_is_never_sent_to_ocr(tmp_path):
    reader = OcrReader(tmp_path, binary="")  # it would count a scan it could not read
    text = (SITES_ROOT / "dokumen-dukcapil" / "unduhan" / "SP-01.pdf").read_bytes()
    assert extract_pdf(text, ocr=reader).text
    assert reader.counts == OcrCounts()


@needs_tesseract
@pytest.mark.slow  # starts tesseract
def test_an_oversized_or_broken_scan_is_left_unread_and_the_other_pages_kept(tmp_path):
    good = (FILES / SPMB).read_bytes()
    # an image claiming 9999 x 9999 pixels is never decoded
    huge = re.sub(rb"/(Width|Height) \d{4}\b", rb"/\1 9999", good)
    reader = OcrReader(tmp_path)
    with pytest.raises(PdfError, match="no extractable text"):
        extract_pdf(huge, ocr=reader)
    assert (reader.counts.pages, reader.counts.unread) == (0, 1)
    # a file whose JPEG's header is damaged: its page unread, said so, no crash
    start = good.index(b"\xff\xd8\xff")
    broken = good[:start] + bytes(600) + good[start + 600 :]
    with pytest.raises(PdfError, match="no extractable text"):
        extract_pdf(broken, ocr=reader)
    assert reader.counts.unread == 2
    # the bundle's first scan damaged the same way: its other two pages are still read
    bundle = (FILES / BUNDLE).read_bytes()
    start = bundle.index(b"\xff\xd8\xff")
    kept = extract_pdf(bundle[:start] + bytes(600) + bundle[start + 600 :], ocr=reader)
    assert "BEASISWA KARTU BAHAGIA" in kept.text
    assert "PENERIMAAN MURID BARU SEKOLAH DASAR" in kept.text
    assert reader.counts.unread == 3


def test_a_page_without_an_image_or_text_is_no_scan(tmp_path):
    from pypdf import PdfWriter

    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(out)
    reader = OcrReader(tmp_path, binary="")
    with pytest.raises(PdfError, match="no extractable text"):
        extract_pdf(out.getvalue(), ocr=reader)
    assert reader.counts == OcrCounts()  # nothing to read: no scan counted


@needs_tesseract
@pytest.mark.slow  # starts tesseract
def test_a_blank_scan_reads_as_nothing(tmp_path):
    reader = OcrReader(tmp_path)
    with pytest.raises(PdfError, match="no extractable text"):
        extract_pdf(scan(), ocr=reader)
    assert reader.counts.pages == 1


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    from indexer.build import build_index
    from indexer.search import Searcher
    from sikoja.config import load_settings
    from tests.samplecrawl import crawl_sites

    out = tmp_path_factory.mktemp("ocr22")
    docs, log = crawl_sites(out, (SITE,))
    settings = load_settings(out, embedder="none")
    build_index(settings)
    searcher = Searcher(settings)
    try:
        first = next(iter(docs[SITE].values())).url
        yield out, docs[SITE], log, searcher, "/".join(first.split("/", 3)[:3])
    finally:
        searcher.close()


@needs_tesseract
@pytest.mark.slow  # crawls a served site and indexes it
@pytest.mark.parametrize(
    ("query", "answer", "first_requirement", "cost"),
    [
        # a scan of one service, taken by the short page that links it
        (
            "persyaratan beasiswa kartu bahagia siswa",
            "/layanan.php?id=beasiswa-kartu-bahagia",
            "Terdaftar dalam data Kartu Bahagia/DTKS",
            "Bantuan",
        ),
        # a service only a page of the bundle of scans holds
        (
            "persyaratan penerimaan murid baru sekolah dasar negeri",
            f"/upload/dokumen/{BUNDLE}#page=2",
            "Akta kelahiran/KK",
            "Gratis",
        ),
    ],
)
def test_a_scanned_standards_service_is_found_with_its_fields(
    crawled, query, answer, first_requirement, cost
):
    *_, searcher, base = crawled
    found = searcher.search(query)
    assert found.results[0].url == base + answer
    assert found.answer is not None and found.answer.requirements[0] == first_requirement
    assert found.answer.cost.startswith(cost)


@needs_tesseract
@pytest.mark.slow  # crawls a served site
def test_the_crawl_reads_each_scan_once_and_reports_it(crawled):
    out, docs, log, _, _ = crawled
    assert [r for r in log if r["outcome"] == "error"] == []
    counts = read_counts(out)
    assert counts is not None and (counts.pages, counts.unread, counts.not_installed) == (5, 0, 0)
    assert ocr_lines(counts)[0].startswith("OCR: 5 halaman hasil pindai dibaca")
    assert docs[f"/upload/dokumen/{SPMB}"].title == (
        "Standar Pelayanan Sistem Penerimaan Murid Baru (SPMB) SMP Negeri"
    )
