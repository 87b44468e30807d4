"""How long ``html_document`` takes on a one-page list of many services.

    .venv/bin/python bench/onepage_speed.py                # 100, 200 and 400 permits
    .venv/bin/python bench/onepage_speed.py --services 400 --profile

A generated page in the classic Google Sites shape (``crawler.extract.onepage``): each
permit a bold numbered name under an ``<a name>``, a sentence, a bold "Persyaratan" over a
list, "Alur Layanan" over steps, "Biaya:" and "Waktu:" lines, all in one flow of
paragraphs. Reported per size: the page's size, the seconds ``html_document`` takes and the
services it splits the page into (CPU time: the wall time of a shared machine is another
job's too); the time should grow with the page, not with its square.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.extract.document import html_document  # noqa: E402

_SERVICE = (
    "<p><a name='izin-{0}'></a><b>{0}. Izin Usaha Nomor {0} Bidang Perdagangan</b></p>"
    "<p>Izin ini diberikan kepada pelaku usaha yang menjalankan kegiatan nomor {0} di Kota "
    "Jambi sesuai ketentuan peraturan daerah yang berlaku.</p><p><b>Persyaratan</b></p><ul>"
    + "".join(f"<li>Dokumen persyaratan ke-{k} untuk izin {{0}} yang harus dilampirkan "
              "pemohon</li>" for k in range(6))
    + "</ul><p><b>Alur Layanan</b></p><ol>"
    + "".join(f"<li>Langkah {k} pengajuan izin {{0}} melalui loket DPMPTSP</li>"
              for k in range(4))
    + "</ol><p><b>Biaya:</b> Gratis</p><p><b>Waktu:</b> 3 hari kerja</p>")


def page(services: int) -> bytes:
    return ("<html><head><title>Daftar Perizinan</title></head><body><main>"
            "<h1>Daftar Perizinan DPMPTSP</h1>"
            + "".join(_SERVICE.format(i) for i in range(1, services + 1))
            + "</main></body></html>").encode()


def read(body: bytes):
    return html_document(body, url="http://dpmptsp.jambikota.go.id/izin",
                         content_type="text/html; charset=utf-8", http_last_modified=None,
                         source="dpmptsp", opd="DPMPTSP")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, nargs="+", default=[100, 200, 400])
    parser.add_argument("--profile", action="store_true", help="profile the largest size")
    args = parser.parse_args(argv)
    print("| services | page | html_document (CPU) | wall | services found |\n"
          "|---:|---:|---:|---:|---:|")
    for n in args.services:
        body = page(n)
        started, cpu = time.perf_counter(), time.process_time()
        doc = read(body)
        cpu, seconds = time.process_time() - cpu, time.perf_counter() - started
        print(f"| {n} | {len(body) // 1024} KB | {cpu:.2f} s | {seconds:.2f} s | "
              f"{len(doc.parts)} |", flush=True)
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(read, page(max(args.services)))
        pstats.Stats(profile).sort_stats("cumulative").print_stats(20)


if __name__ == "__main__":
    main()
