"""Standar Pelayanan PDFs as offices make them: the same service facts through the layouts
Word and LibreOffice produce (``tests/sppdf.py``), read as a crawl reads them.

A citizen opens the short service page that links its PDF and must see the PDF's
requirements, procedure, time and cost on it: each item whole however the cell wrapped it,
no kop surat, page number or signature inside a value, and in a PDF of several services
each page the block of its own service.
"""

from __future__ import annotations

import importlib.util
import io
import json
import time
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from crawler.extract.document import html_document
from crawler.extract.pdf import extract_pdf
from crawler.extract.pdflayout import drop_running_heads
from crawler.standards import absorb, standard_blocks
from sikoja.documents import Document
from tests.sppdf import LAYOUTS, Layout, latin, standard_pdf

# found, not imported: importing fpdf2 here cost every worker's collection 0.3-0.6 s, and
# only the worker that runs this module draws (tests/sppdf.py imports it then)
pytestmark = pytest.mark.skipif(importlib.util.find_spec("fpdf") is None,
                                reason="fpdf2 (the test extra) draws the PDFs")
ROOT = Path(__file__).resolve().parent.parent
RUNNING = ("Halaman", "Basuki Rahmat", "PEMERINTAH KOTA JAMBI", "Ditetapkan", "NIP.",
           "Komponen", "Uraian")


def shared_facts() -> Path:
    """``../shared/data`` beside the repository, or beside the main checkout of a worktree."""
    candidates = [ROOT.parent / "shared" / "data"]
    if (ROOT / ".git").is_file():
        gitdir = Path((ROOT / ".git").read_text(encoding="utf-8").split(":", 1)[1].strip())
        candidates.append(gitdir.parents[3] / "shared" / "data")
    return next((c for c in candidates if (c / "services.jsonl").is_file()), candidates[0])


@pytest.fixture(scope="module")
def services() -> dict[str, list[dict]]:
    """Services with every core field, by agency, those with the longest items first (the
    ones a cell wraps)."""
    path = shared_facts() / "services.jsonl"
    if not path.is_file():
        pytest.skip(f"the shared service facts are not at {path}")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    full = [r for r in rows if len(r.get("requirements") or []) >= 2
            and len(r.get("procedure") or []) >= 2 and r.get("duration") and r.get("cost")]
    full.sort(key=lambda r: -max(len(x) for x in r["requirements"] + r["procedure"]))
    by_opd: dict[str, list[dict]] = {}
    for row in full:
        by_opd.setdefault(row["opd"], []).append(row)
    return by_opd


def linking_page(service: dict, opd: str) -> Document:
    """The short page of a service that says its details are in the attached PDF."""
    title = latin(service["service"])
    body = (f"<html><head><title>{title} | {opd}</title></head><body><main><article>"
            f"<h1>{title}</h1><p>Persyaratan, prosedur, waktu dan biaya pelayanan tercantum "
            "dalam Standar Pelayanan terlampir.</p><p><a href='/files/sp.pdf'>Standar "
            "Pelayanan (PDF)</a></p></article></main></body></html>")
    return html_document(body.encode("latin-1"), url="https://opd.jambikota.go.id/layanan/x",
                         content_type=None, http_last_modified=None, source="s",
                         opd=opd).document


def read(body: bytes, opd: str) -> list:
    text = extract_pdf(body)
    pdf = Document(url="https://opd.jambikota.go.id/files/sp.pdf", source="s", opd=opd,
                   kind="document", title=text.title, text=text.text)
    return [replace(block, hinted=True) for block in standard_blocks(pdf)]


def assert_sees(page: Document, service: dict) -> None:
    """What the citizen sees on the page is the service's facts, whole and clean."""
    name = service["service"]
    assert page.kind == "service", name
    fields = page.fields
    assert fields.get("fields_from"), f"{name}: took nothing from its PDF"
    assert fields["requirements"] == [latin(x) for x in service["requirements"]], name
    assert fields["procedure"] == [latin(x) for x in service["procedure"]], name
    assert fields["duration"] == latin(service["duration"]), name
    assert fields["cost"] == latin(service["cost"]), name
    if service.get("legal_basis"):
        assert fields["legal_basis"] == latin(service["legal_basis"]), name
    shown = json.dumps({k: fields[k] for k in fields["fields_from"]["fields"]})
    for running in RUNNING:
        assert running not in shown, f"{name}: {running!r} in a field"


ONE = [layout for layout in LAYOUTS if layout.per_file == 1]
SEVERAL = [layout for layout in LAYOUTS if layout.per_file > 1]


@pytest.mark.parametrize("layout", ONE, ids=[layout.name for layout in ONE])
def test_a_service_page_shows_what_its_standard_pdf_says(layout: Layout, services):
    checked = 0
    for opd, rows in sorted(services.items(), key=lambda kv: -len(kv[1]))[:4]:
        service = rows[0]
        blocks = read(standard_pdf([service], layout, opd), opd)
        assert len(blocks) == 1, [b.title for b in blocks]
        assert_sees(absorb(linking_page(service, opd), blocks), service)
        checked += 1
    assert checked == 4


@pytest.mark.parametrize("layout", SEVERAL, ids=[layout.name for layout in SEVERAL])
def test_each_service_of_a_shared_pdf_gets_its_own_block(layout: Layout, services):
    opd, rows = max(services.items(), key=lambda kv: len(kv[1]))
    chosen = rows[:layout.per_file]
    blocks = read(standard_pdf(chosen, layout, opd), opd)
    assert len(blocks) == len(chosen), [b.title for b in blocks]
    for service in chosen:
        assert_sees(absorb(linking_page(service, opd), blocks), service)


def test_the_layouts_wrap_items_and_repeat_the_page_furniture(services):
    """The matrix is what it claims: items wrap in their cells and a long file has pages
    whose kop surat and page number repeat (else the tests above would prove nothing)."""
    opd, rows = max(services.items(), key=lambda kv: len(kv[1]))
    body = standard_pdf(rows[:3], LAYOUTS[0], opd)
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(body)).pages]
    assert len(pages) >= 2 and all("Basuki Rahmat" in p and "Halaman" in p for p in pages)
    lines = "\n".join(pages).splitlines()
    wrapped = [x for r in rows[:3] for x in r["requirements"] + r["procedure"]
               if not any(latin(x) in line for line in lines)]
    assert wrapped, "no item wraps: the layouts test nothing about wrapped cells"


def test_reading_a_thirty_page_standard_stays_fast(services):
    """Reading cell by cell costs one pass of pypdf with its positions: a 30-page file of
    every service stays well under a second per ten pages."""
    rows = [r for group in services.values() for r in group]
    body = standard_pdf(rows, LAYOUTS[0], "Mal Pelayanan Publik Kota Jambi")
    pages = len(PdfReader(io.BytesIO(body)).pages)
    start = time.process_time()
    text = extract_pdf(body)
    spent = time.process_time() - start
    assert pages >= 20 and "Halaman" not in text.text
    assert spent / pages < 0.1, f"{pages / spent:.1f} pages/s"


def test_only_what_pages_repeat_at_the_same_place_is_a_running_head():
    kop = ["DINAS PERHUBUNGAN KOTA JAMBI", "Jl. Sultan Agung No. 2"]
    first = ["STANDAR PELAYANAN UJI KIR", "Persyaratan Pelayanan", "1. KTP", "2. STNK",
             "Biaya: Rp75.000", "Waktu Penyelesaian: 1 hari"]
    second = ["Persyaratan Pelayanan", "1. Buku uji", "2. Surat kuasa", "Biaya: Gratis"]
    pages = [kop + first + ["- 1 -"], kop + second + ["Halaman 2 dari 2"]]
    # a label that opens both pages' text, at different places, stays
    assert drop_running_heads(pages) == [first, second]
    # one page has nothing to compare with: only a bare page number goes
    assert drop_running_heads([kop + ["Biaya: Gratis", "2"]]) == [kop + ["Biaya: Gratis"]]
