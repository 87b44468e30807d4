"""OCR seconds per scanned page: the sample site ``ocr22-disdik``'s scanned Standar Pelayanan
read by ``crawler.extract.ocr`` with an empty cache, then again from the cache.

Usage: .venv/bin/python bench/ocr_pages.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.extract.ocr import OcrReader  # noqa: E402
from crawler.extract.pdf import extract_pdf  # noqa: E402
from sikoja.demo.server import SITES_ROOT  # noqa: E402

FILES = SITES_ROOT / "ocr22-disdik" / "upload" / "dokumen"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    bodies = [path.read_bytes() for path in sorted(FILES.glob("*.pdf"))]
    cold, warm = [], []
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as cache:
            reader = OcrReader(Path(cache))
            if not reader.binary:
                print("tesseract is not installed", file=sys.stderr)
                return 1
            started = time.perf_counter()
            for body in bodies:
                extract_pdf(body, ocr=reader)
            cold.append((time.perf_counter() - started) / reader.counts.pages)
            again = OcrReader(Path(cache))
            started = time.perf_counter()
            for body in bodies:
                extract_pdf(body, ocr=again)
            warm.append((time.perf_counter() - started) / again.counts.cached)
    print(
        f"languages {reader.languages}; {reader.counts.pages} pages in {len(bodies)} files, "
        f"{args.rounds} rounds"
    )
    print("| read | median s/page | min | max |")
    print("|---|---:|---:|---:|")
    for name, times in (("tesseract (empty cache)", cold), ("from the cache", warm)):
        print(f"| {name} | {statistics.median(times):.3f} | {min(times):.3f} | {max(times):.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
