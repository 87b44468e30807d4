"""Crawl throughput and memory on a generated OPD-like site served from loopback.

    .venv/bin/python bench/bench_crawl.py                 # 1,000 and 5,000 pages
    .venv/bin/python bench/bench_crawl.py --pages 1000 5000 10000 --out bench/results/crawl.md

For each size a site is generated into a temp dir (home -> category pages -> articles,
every page with a 30-link menu, a sidebar and a footer like a real OPD template, one page
in ten a service page with requirement/procedure/cost sections, one PDF per 100 pages) and
served by a ThreadingHTTPServer in a *separate process*, so the server does not compete
with the crawler's reactor for the GIL. The crawl runs with politeness off (delay 0, 16
requests per host) into a fresh data dir, through ``crawler.run.crawl`` exactly as the CLI
does. Reported: pages/s over the crawl process's own time, the wall time of ``crawl()``
(process start-up and near-duplicate grouping included), and the crawl process's peak RSS.

    .venv/bin/python bench/bench_crawl.py --pages 1000 --workers 1 2 3

``--recrawl`` crawls the unchanged site a second time into the same data dir, as the daily
recrawl does: every page is asked for with its validators (If-Modified-Since, the
``Last-Modified`` the test server sends) and answers 304, so the pass measures what a
revalidated page costs, the figure a national recrawl's size follows from.

``--workers`` crawls the same site with a fleet of that many ``sikoja crawl`` workers
sharing a Redis frontier (``crawl.frontier``, docs/scaling.md) on a throwaway loopback
``redis-server``: pages/s of the fleet (all workers' pages over the slowest worker's own
time), the wall time, and the CPU per page summed over the workers, since on two cores the
scaling is bounded by the cores, not by the design.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import multiprocessing
import os
import platform
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.net import free_port  # noqa: E402

WORDS = ("layanan warga kota jambi kartu keluarga akta kelahiran izin usaha pajak daerah "
         "pendaftaran persyaratan dokumen kantor kecamatan kelurahan pengaduan informasi "
         "publik kesehatan pendidikan sekolah beasiswa bantuan sosial air bersih sampah "
         "jalan lampu pasar retribusi bangunan gedung tenaga kerja pelatihan").split()


def sentence(seed: int, length: int = 14) -> str:
    words = [WORDS[(seed * 7 + i * 13) % len(WORDS)] for i in range(length)]
    return " ".join(words).capitalize() + "."


def paragraph(seed: int) -> str:
    return " ".join(sentence(seed + i) for i in range(5))


def make_pdf(text: str) -> bytes:
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"\
        .encode()
    return out


def generate_site(root: Path, pages: int) -> int:
    """Write ``pages`` HTML pages (plus PDFs) under ``root``; returns files written."""
    categories = max(1, pages // 100)
    menu = "".join(f'<li><a href="/kategori/{c}/">Kategori {c}</a></li>'
                   for c in range(min(categories, 30)))

    def template(title: str, body: str, extra_links: str = "") -> str:
        sidebar = "".join(f'<li><a href="/artikel/{(hash(title) + i) % pages}.html">'
                          f"Berita {i}</a></li>" for i in range(8))
        return (f"<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'>"
                f"<title>{title} | Dinas Bench Kota Jambi</title></head><body>"
                f"<header><nav class='main-menu'><ul><li><a href='/'>Beranda</a></li>{menu}"
                f"</ul></nav></header><div id='content'><article><h1>{title}</h1>{body}"
                f"{extra_links}</article></div><aside class='sidebar'><h3>Berita Terbaru</h3>"
                f"<ul>{sidebar}</ul></aside><footer class='site-footer'>Dinas Bench, "
                f"Jl. Jend. Basuki Rahmat No. 1, Kota Jambi. Telp (0741) 123456</footer>"
                f"</body></html>")

    written = 0
    (root / "kategori").mkdir(parents=True)
    (root / "artikel").mkdir()
    (root / "unduhan").mkdir()
    home_links = "".join(f'<li><a href="/kategori/{c}/">Kategori {c}</a></li>'
                         for c in range(categories))
    (root / "index.html").write_text(template("Beranda", f"<p>{paragraph(0)}</p>",
                                              f"<ul>{home_links}</ul>"), encoding="utf-8")
    written += 1
    per_category = -(-pages // categories)
    for c in range(categories):
        members = range(c * per_category, min(pages, (c + 1) * per_category))
        links = "".join(f'<li><a href="/artikel/{i}.html">Artikel {i}</a></li>' for i in members)
        folder = root / "kategori" / str(c)
        folder.mkdir()
        (folder / "index.html").write_text(
            template(f"Kategori {c}", f"<p>{paragraph(c)}</p>", f"<ul>{links}</ul>"),
            encoding="utf-8")
        written += 1
    for i in range(pages):
        if i % 10 == 0:
            body = (f"<p>{paragraph(i)}</p><h3>Persyaratan</h3><ol><li>{sentence(i, 6)}</li>"
                    f"<li>{sentence(i + 1, 6)}</li><li>Fotokopi KTP nomor {i}</li></ol>"
                    f"<h3>Prosedur</h3><ol><li>{sentence(i + 2, 8)}</li>"
                    f"<li>Verifikasi berkas {i}</li></ol><h3>Biaya</h3><p>Gratis</p>"
                    f"<h3>Waktu Penyelesaian</h3><p>{i % 7 + 1} hari kerja</p>")
        else:
            body = "".join(f"<p>{paragraph(i * 3 + k)}</p>" for k in range(3))
            body += f"<p>Diperbarui: {i % 28 + 1} Maret 2024</p>"
        siblings = "".join(f'<a href="/artikel/{(i + k) % pages}.html">terkait {k}</a> '
                           for k in (1, 2, 3))
        if i % 100 == 50:
            pdf = f"/unduhan/sop-{i}.pdf"
            (root / pdf.lstrip("/")).write_bytes(make_pdf(f"Standar pelayanan nomor {i}"))
            siblings += f'<a href="{pdf}">Unduh SOP</a>'
            written += 1
        (root / "artikel" / f"{i}.html").write_text(
            template(f"Artikel {i}", body, f"<p>{siblings}</p>"), encoding="utf-8")
        written += 1
    return written


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    # keep-alive, as real web servers do: with HTTP/1.0 every page cost a new connection
    # and the Python test server, not the crawler, set the pace
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass


def serve(root: str, port: int) -> None:
    handler = functools.partial(_QuietHandler, directory=root)
    http.server.ThreadingHTTPServer.daemon_threads = True
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        server.serve_forever()


def wait_for(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("bench server did not start")


def run_one(pages: int, concurrency: int, recrawl: bool = False) -> dict[str, float]:
    from crawler.run import crawl
    from sikoja.config import Settings
    from sikoja.sources import Source

    work = Path(tempfile.mkdtemp(prefix=f"sikoja-bench-{pages}-"))
    try:
        site, data = work / "site", work / "data"
        files = generate_site(site, pages)
        port = free_port()
        server = multiprocessing.get_context("spawn").Process(
            target=serve, args=(str(site), port), daemon=True)
        server.start()
        try:
            wait_for(port)
            settings = Settings()
            settings.crawl.delay = 0
            settings.crawl.concurrency_per_host = concurrency
            source = Source(name="bench", opd="Dinas Bench", start_urls=[f"http://127.0.0.1:{port}/"],
                            max_pages=files + 10, max_depth=10)
            started = time.monotonic()
            summary = crawl([source], settings, data)
            wall = time.monotonic() - started
            again = crawl([source], settings, data) if recrawl else None
        finally:
            server.terminate()
            server.join(5)
        stored = summary.pages
        crawl_seconds = summary.crawl_seconds or wall
        return {
            "site_files": files,
            "stored": stored,
            "errors": summary.errors,
            "crawl_seconds": round(crawl_seconds, 1),
            "wall_seconds": round(wall, 1),
            "pages_per_s": round(stored / crawl_seconds, 1),
            "peak_rss_mb": summary.peak_rss_mb or 0.0,
            "cpu_seconds": summary.cpu_seconds or 0.0,
            "cpu_ms_per_page": round(1000 * (summary.cpu_seconds or 0.0) / max(stored, 1), 1),
            **(recrawl_figures(again) if again is not None else {}),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def recrawl_figures(summary) -> dict[str, float]:
    """What the second, conditional pass over an unchanged site cost."""
    unchanged = sum(s.unchanged for s in summary.sources)
    seconds = summary.crawl_seconds or summary.elapsed
    return {
        "recrawl_unchanged": unchanged,
        "recrawl_seconds": round(seconds, 1),
        "recrawl_pages_per_s": round(summary.pages / seconds, 1) if seconds else 0.0,
        "recrawl_cpu_ms_per_page": round(
            1000 * (summary.cpu_seconds or 0.0) / max(summary.pages, 1), 1),
    }


def run_fleet(pages: int, concurrency: int, workers: int) -> dict[str, float]:
    import threading

    from crawler.run import CrawlJob
    from sikoja.config import Settings
    from sikoja.sources import Source
    from tests.redisserver import missing, redis_server

    if missing():
        raise SystemExit(f"--workers needs Redis: {missing()}")
    work = Path(tempfile.mkdtemp(prefix=f"sikoja-bench-fleet-{pages}-"))
    try:
        files = generate_site(work / "site", pages)
        port = free_port()
        server = multiprocessing.get_context("spawn").Process(
            target=serve, args=(str(work / "site"), port), daemon=True)
        server.start()
        try:
            wait_for(port)
            with redis_server() as frontier:
                settings = Settings()
                settings.crawl.delay = 0
                settings.crawl.concurrency_per_host = concurrency
                settings.crawl.frontier = frontier
                source = Source(name="bench", opd="Dinas Bench",
                                start_urls=[f"http://127.0.0.1:{port}/"],
                                max_pages=files + 10, max_depth=10)
                started = time.monotonic()
                jobs = [CrawlJob([source], settings, work / f"worker{i}").start()
                        for i in range(workers)]
                summaries: list = [None] * workers

                def wait(i: int) -> None:
                    summaries[i] = jobs[i].wait()

                threads = [threading.Thread(target=wait, args=(i,)) for i in range(workers)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                wall = time.monotonic() - started
        finally:
            server.terminate()
            server.join(5)
        stored = sum(s.pages for s in summaries)
        crawl_seconds = max((s.crawl_seconds or wall) for s in summaries)
        cpu = sum(s.cpu_seconds or 0.0 for s in summaries)
        return {
            "site_files": files,
            "workers": workers,
            "stored": stored,
            "per_worker": [s.pages for s in summaries],
            "errors": sum(s.errors for s in summaries),
            "crawl_seconds": round(crawl_seconds, 1),
            "wall_seconds": round(wall, 1),
            "pages_per_s": round(stored / crawl_seconds, 1),
            "cpu_seconds": round(cpu, 1),
            "cpu_ms_per_page": round(1000 * cpu / max(stored, 1), 1),
            "peak_rss_mb": max(s.peak_rss_mb or 0.0 for s in summaries),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def fleet_table(rows: list[tuple[int, dict[str, float]]], concurrency: int) -> str:
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores (shared), Python "
        f"{platform.python_version()}; politeness off, {concurrency} requests per host for "
        "the fleet; Redis and the site on loopback.",
        "",
        "| site pages | workers | stored (per worker) | errors | crawl s | pages/s | wall s "
        "| CPU s (all workers) | CPU ms/page | peak RSS (one worker) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for pages, r in rows:
        split = " + ".join(str(n) for n in r["per_worker"])  # type: ignore[union-attr]
        lines.append(f"| {pages:,} | {r['workers']} | {r['stored']:,} ({split}) | {r['errors']} "
                     f"| {r['crawl_seconds']} | {r['pages_per_s']} | {r['wall_seconds']} "
                     f"| {r['cpu_seconds']} | {r['cpu_ms_per_page']} | {r['peak_rss_mb']} MB |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--concurrency", type=int, default=16, help="requests per host")
    parser.add_argument("--out", type=Path, help="also write the markdown table here")
    parser.add_argument("--workers", type=int, nargs="+",
                        help="crawl with a fleet of this many workers sharing a Redis frontier "
                        "(several numbers: one run each, side by side)")
    parser.add_argument("--recrawl", action="store_true",
                        help="crawl the unchanged site again (conditional requests, 304s)")
    args = parser.parse_args(argv)
    if args.workers:
        fleet_rows = []
        for pages in args.pages:
            for workers in args.workers:
                print(f"crawling {pages} pages with {workers} workers...", flush=True)
                result = run_fleet(pages, args.concurrency, workers)
                print(result, flush=True)
                fleet_rows.append((pages, result))
        table = fleet_table(fleet_rows, args.concurrency)
        print(table)
        if args.out:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(table + "\n", encoding="utf-8")
        return 0
    rows = []
    for pages in args.pages:
        print(f"crawling a generated site of {pages} pages...", flush=True)
        result = run_one(pages, args.concurrency, args.recrawl)
        print(result, flush=True)
        rows.append((pages, result))
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores (shared), Python "
        f"{platform.python_version()}; politeness off, {args.concurrency} requests per host.",
        "",
        "| site pages | files crawled | stored | errors | crawl s | pages/s | wall s "
        "| CPU ms/page | peak RSS (crawl process) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for pages, r in rows:
        lines.append(f"| {pages:,} | {r['site_files']:,} | {r['stored']:,} | {r['errors']} "
                     f"| {r['crawl_seconds']} | {r['pages_per_s']} | {r['wall_seconds']} "
                     f"| {r['cpu_ms_per_page']} | {r['peak_rss_mb']} MB |")
    if args.recrawl:
        lines += ["", "Second crawl of the unchanged site (conditional requests):", "",
                  "| site pages | unchanged (304) | crawl s | pages/s | CPU ms/page |",
                  "|---:|---:|---:|---:|---:|"]
        lines += [f"| {pages:,} | {r['recrawl_unchanged']:,} | {r['recrawl_seconds']} | "
                  f"{r['recrawl_pages_per_s']} | {r['recrawl_cpu_ms_per_page']} |"
                  for pages, r in rows]
    table = "\n".join(lines)
    print(table)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
