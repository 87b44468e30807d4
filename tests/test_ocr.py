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
    from tests.samplecrawl import crawl_sites, indexed

    out = tmp_path_factory.mktemp("ocr22")
    docs, log = crawl_sites(out, (SITE,))
    with indexed(out) as searcher:
        first = next(iter(docs[SITE].values())).url
        yield out, docs[SITE], log, searcher, "/".join(first.split("/", 3)[:3])


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


# -- bounds, the cache and the crawl's threads, with a stand-in for tesseract -----------------

FAKE_TESSERACT = """#!/bin/sh
if [ "$1" = "--list-langs" ]; then printf 'List of available languages\\neng\\nind\\n'; exit 0; fi
cat >/dev/null
echo run >> "$0.runs"
printf 'level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\t'
printf 'left\\ttop\\twidth\\theight\\tconf\\ttext\\n'
printf '5\\t1\\t1\\t1\\t1\\t1\\t10\\t10\\t200\\t20\\t95\\tPersyaratan\\n'
printf '5\\t1\\t1\\t1\\t1\\t2\\t220\\t10\\t200\\t20\\t95\\tJambi\\n'
"""


@pytest.fixture
def fake(tmp_path):
    """A tesseract that reads every page as "Persyaratan Jambi" and counts its runs."""
    binary = tmp_path / "tesseract"
    binary.write_text(FAKE_TESSERACT)
    binary.chmod(0o755)
    runs = tmp_path / "tesseract.runs"
    return str(binary), lambda: len(runs.read_text().split()) if runs.exists() else 0


def raw_pdf(pages: list[dict[str, tuple[int, int, bytes]]]) -> bytes:
    """A PDF whose pages draw the grey Flate images given by name: (width, height, data)."""
    objects: list[bytes] = [b"", b""]
    kids = []
    for images in pages:
        refs = []
        for name, (width, height, data) in images.items():
            objects.append(
                b"<</Type/XObject/Subtype/Image/Width %d/Height %d/ColorSpace/DeviceGray"
                b"/BitsPerComponent 8/Filter/FlateDecode/Length %d>>stream\n%s\nendstream"
                % (width, height, len(data), data)
            )
            refs.append(b"/%s %d 0 R" % (name.encode(), len(objects)))
        draw = b" ".join(b"q 595 0 0 842 0 0 cm /%s Do Q" % n.encode() for n in images)
        objects.append(b"<</Length %d>>stream\n%s\nendstream" % (len(draw), draw))
        objects.append(
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</XObject<<%s>>>>"
            b"/Contents %d 0 R>>" % (b" ".join(refs), len(objects))
        )
        kids.append(len(objects))
    objects[0] = b"<</Type/Catalog/Pages 2 0 R>>"
    objects[1] = b"<</Type/Pages/Kids[%s]/Count %d>>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (n, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % at for at in offsets)
    out.write(
        b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def grey(width: int, height: int) -> tuple[int, int, bytes]:
    import zlib

    return (width, height, zlib.compress(bytes([200]) * (width * height), 9))


def decoded_images(monkeypatch) -> list[str]:
    """The names of the images pypdf is asked to decode, from now on."""
    from pypdf import PageObject

    asked: list[str] = []
    get_image = PageObject._get_image

    def counting(self, image_id, obj=None):
        asked.append(str(image_id))
        return get_image(self, image_id, obj)

    monkeypatch.setattr(PageObject, "_get_image", counting)
    return asked


def test_a_page_of_many_large_images_is_refused_without_decoding_any(tmp_path, fake, monkeypatch):
    binary, runs = fake
    asked = decoded_images(monkeypatch)
    # forty images of 6000 x 6600, each under the bound for one image: 1.6 billion pixels
    big = (6000, 6600, b"x" * 100)  # never decoded, so its data need not be whole
    reader = OcrReader(tmp_path, binary=binary)
    with pytest.raises(PdfError, match="no extractable text"):
        extract_pdf(raw_pdf([{f"I{n}": big for n in range(40)}]), ocr=reader)
    assert (reader.counts.pages, reader.counts.unread) == (0, 1)
    assert asked == [] and runs() == 0


def test_only_a_pages_largest_image_is_decoded(tmp_path, fake, monkeypatch):
    binary, runs = fake
    asked = decoded_images(monkeypatch)
    small = grey(20, 20)
    page = {f"S{n}": small for n in range(200)} | {"Scan": grey(1240, 1754)}
    reader = OcrReader(tmp_path, binary=binary)
    assert "Persyaratan Jambi" in extract_pdf(raw_pdf([page]), ocr=reader).text
    assert asked == ["/Scan"] and runs() == 1
    assert (reader.counts.pages, reader.counts.unread) == (1, 0)


def test_a_files_decoded_pixels_are_bounded(tmp_path, fake, monkeypatch):
    from crawler.extract import ocr

    binary, runs = fake
    monkeypatch.setattr(ocr, "FILE_PIXELS", 2 * 1240 * 1754)  # two of its pages
    reader = OcrReader(tmp_path, binary=binary)
    extract_pdf(raw_pdf([{"Scan": grey(1240, 1754)}] * 3), ocr=reader)
    assert (reader.counts.pages, reader.counts.unread, runs()) == (2, 1, 2)


def test_the_page_bound_counts_scanned_pages_not_the_files(tmp_path, fake):
    from pypdf import PdfReader, PdfWriter

    binary, runs = fake
    writer = PdfWriter()
    for _ in range(21):
        writer.add_blank_page(595, 842)  # no text, no scan: not sent to OCR
    writer.append(PdfReader(io.BytesIO(scan())))
    out = io.BytesIO()
    writer.write(out)
    reader = OcrReader(tmp_path, binary=binary)
    assert "Persyaratan Jambi" in extract_pdf(out.getvalue(), ocr=reader).text
    assert (reader.counts.pages, reader.counts.unread) == (1, 0)


def test_each_page_is_cached_as_read_and_a_stop_reads_no_further(tmp_path, fake):
    binary, runs = fake
    body = scan(pages=3)
    reader = OcrReader(tmp_path, binary=binary)
    extract_pdf(body, ocr=reader, stop=lambda: runs() >= 1)  # stopped after the first page
    assert (reader.counts.pages, reader.counts.unread, runs()) == (1, 2, 1)
    again = OcrReader(tmp_path, binary=binary)  # the next crawl reads the rest
    assert extract_pdf(body, ocr=again).text.count("Persyaratan Jambi") == 3
    assert (again.counts.cached, again.counts.pages, runs()) == (1, 2, 3)


@pytest.mark.parametrize(
    "held",
    [[], "x", {"layout": 1, "languages": "ind+eng", "pages": {"0": [5]}}, {"pages": []}],
)
def test_a_cache_file_of_another_shape_is_a_miss_and_written_over(tmp_path, fake, held):
    import hashlib
    import json

    binary, runs = fake
    body = scan()
    cached = tmp_path / "ocr-cache" / f"{hashlib.sha256(body).hexdigest()}.json"
    cached.parent.mkdir()
    cached.write_text(json.dumps(held))
    reader = OcrReader(tmp_path, binary=binary)
    assert "Persyaratan Jambi" in extract_pdf(body, ocr=reader).text
    assert json.loads(cached.read_text())["pages"] == {"0": ["Persyaratan Jambi"]}


def test_a_cache_write_that_fails_leaves_no_part_file(tmp_path, fake, monkeypatch):
    from pathlib import Path

    binary, _ = fake

    def full(self, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", full)
    reader = OcrReader(tmp_path, binary=binary)
    assert "Persyaratan Jambi" in extract_pdf(scan(), ocr=reader).text
    assert list((tmp_path / "ocr-cache").iterdir()) == []


def test_any_failure_reading_a_pdf_in_the_thread_is_the_pdfs_parse_error(tmp_path, monkeypatch):
    from crawler.downloadermiddlewares import pdfread

    def broken(*args, **kwargs):
        raise RuntimeError("a reader's bug")

    monkeypatch.setattr(pdfread, "extract_pdf", broken)
    got = pdfread.read(scan(), OcrReader(tmp_path, binary=""), "http://x/a.pdf")
    assert isinstance(got, PdfError) and got.kind == "parse" and "RuntimeError" in str(got)


POOL_BUSY = """
import threading
from twisted.internet import asyncioreactor
asyncioreactor.install()
from twisted.internet import reactor
from twisted.internet.threads import deferToThread, deferToThreadPool
from scrapy.resolver import CachingThreadedResolver
from crawler.downloadermiddlewares.pdfread import POOL

reactor.installResolver(CachingThreadedResolver(reactor, cache_size=100, timeout=10))
reactor.suggestThreadPoolSize(10)
gate = threading.Event()
pool = POOL.start()
busy = [deferToThreadPool(reactor, pool, gate.wait) for _ in range(pool.max + 10)]
outcomes = []

def done(what):
    outcomes.append(what)
    if len(outcomes) == 2:
        gate.set()
        reactor.callLater(0, reactor.stop)

reactor.resolve("localhost").addCallbacks(
    lambda ip: done("resolved"), lambda f: done("dns: " + f.type.__name__))
deferToThread(lambda: "ran").addCallbacks(done, lambda f: done("failed"))
reactor.callLater(30, reactor.stop)
reactor.run()
print(sorted(outcomes))
"""


def test_pdfs_filling_their_threads_leave_dns_and_the_reactors_pool_free():
    import os
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", POOL_BUSY],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
        check=False,
    )
    assert done.stdout.strip().splitlines()[-1] == "['ran', 'resolved']", done.stderr[-2000:]


@needs_tesseract
@pytest.mark.slow  # starts tesseract
def test_the_scans_fields_are_the_sites_own(tmp_path, monkeypatch):
    """Every field the site's generator wrote, as the scans are read."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "tools" / "make_ocr22_site.py"
    monkeypatch.syspath_prepend(str(path.parent))  # it imports its sibling generators
    spec = importlib.util.spec_from_file_location("make_ocr22_site", path)
    assert spec and spec.loader
    site = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(site)
    if not (site.shared_data_dir() / "services.jsonl").is_file():
        pytest.skip(f"the generator's fact files are not at {site.shared_data_dir()}")
    facts = site.services()
    # what OCR cannot tell: the bundle's "(" before "Juni-Juli" is not read; a field written
    # "-" (none) is no value, as a text PDF's is
    known = {(BUNDLE, "spmb_smp", "duration"): "Jadwal tahunan Juni-Juli)"}
    reader = OcrReader(tmp_path)
    for name, keys in (
        (SPMB, ["spmb_smp"]),
        ("SP-Beasiswa-Kartu-Bahagia-2025.pdf", ["beasiswa"]),
        (BUNDLE, site.BUNDLE_KEYS),
    ):
        pdf = extract_pdf((FILES / name).read_bytes(), ocr=reader)
        lines = pdf.text.split("\n")
        starts = [*(pdf.pages or [0]), len(lines)]
        for n, key in enumerate(keys):
            fields = text_service_fields(lines[starts[n] : starts[n + 1]], blank_ends=True)
            for field in ("requirements", "procedure", "cost", "duration"):
                want = facts[key][field]
                want = known.get((name, key, field), None if want == "-" else want)
                assert fields.get(field) == want, (name, key, field)
    text = extract_pdf((FILES / "SP-Beasiswa-Kartu-Bahagia-2025.pdf").read_bytes(), ocr=reader)
    assert "Jangka Waktu Penyelesaian: -" in text.text.split("\n")
