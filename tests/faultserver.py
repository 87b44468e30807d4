"""Loopback web servers for crawler tests: a misbehaving OPD site, and a plain page site.

``FaultSite`` serves, on 127.0.0.1 and an ephemeral port, the ways real OPD servers fail:
5xx, 503 with Retry-After, hangs, drip-fed pages, redirect loops, a calendar that links
to the next month forever, broken HTML, lying charsets, broken PDFs, huge files, binaries
labelled text/html, robots-disallowed paths, links to other hosts, relative links with
``..`` and spaces. Every request it receives is recorded, so tests can assert what the
crawler did (and did not) ask for.

``PageSite`` serves a dict of pages that a test can edit between crawls, with ETag and
Last-Modified validators, to test incremental recrawls.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler
from io import BytesIO
from typing import Any
from urllib.parse import parse_qs, parse_qsl, unquote, urlencode, urlsplit

from sikoja.demo.server import SiteServer

# -- PDFs ----------------------------------------------------------------------------------


def make_pdf(lines: list[str], title: str | None = None) -> bytes:
    """A small valid PDF whose text pypdf can extract (no PDF library needed)."""

    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 12 Tf 72 720 Td 16 TL " + " ".join(f"({esc(x)}) Tj T*" for x in lines)
    content += " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Title ({esc(title or '')}) >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return out


def make_encrypted_pdf(lines: list[str], password: str = "rahasia") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BytesIO(make_pdf(lines))))
    writer.encrypt(user_password=password, owner_password=password + "-owner",
                   algorithm="AES-128")
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82" + bytes(range(256)) * 8
)


# -- server plumbing -----------------------------------------------------------------------

@dataclass
class Hit:
    path: str
    host: str
    headers: dict[str, str]
    at: float


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "text/html; charset=utf-8"


class _Server(SiteServer):
    """The sample sites' server (a real listen backlog: with socketserver's 5 a 121-page
    crawl took 6.9 s, now 1.8 s), rebinding a port a test just closed."""

    allow_reuse_address = True


class LoopbackSite:
    """Base: a threaded HTTP server on 127.0.0.1 that records every request."""

    def __init__(self) -> None:
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # every write leaves at once, as a real server's would: no 40 ms stall per
            # response waiting for the client's delayed ACK (sikoja.demo.server does the same)
            disable_nagle_algorithm = True

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                with site._lock:
                    site.hits.append(Hit(self.path, self.headers.get("Host", ""),
                                         dict(self.headers.items()), time.monotonic()))
                try:
                    site.handle(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_POST = do_GET  # noqa: N815 (a site that reads a form: its handle reads the body)

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        # a short poll: leaving the site waits for the loop's next poll (0.5 s by default)
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> LoopbackSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def paths_hit(self) -> list[str]:
        with self._lock:
            return [h.path for h in self.hits]

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        raise NotImplementedError

    @staticmethod
    def send(request: BaseHTTPRequestHandler, reply: Reply) -> None:
        request.send_response(reply.status)
        if reply.content_type:
            request.send_header("Content-Type", reply.content_type)
        for name, value in reply.headers.items():
            request.send_header(name, value)
        if "Content-Length" not in reply.headers:
            request.send_header("Content-Length", str(len(reply.body)))
        request.end_headers()
        request.wfile.write(reply.body)


def html(title: str, body: str, head: str = "") -> bytes:
    return (f"<!DOCTYPE html><html lang='id'><head><title>{title} | Dinas Uji Kota Jambi"
            f"</title>{head}</head><body><nav class='menu'><a href='/'>Beranda</a></nav>"
            f"<main>{body}</main><footer>Dinas Uji, Jl. Contoh No. 1</footer></body></html>"
            ).encode()


# -- the fault site ------------------------------------------------------------------------

GOOD_SERVICE = """<h1>Pembuatan Kartu Keluarga</h1>
<h3>Persyaratan</h3><ol><li>Surat pengantar RT</li><li>Buku nikah</li></ol>
<h3>Waktu Penyelesaian</h3><p>1 hari kerja</p><h3>Biaya</h3><p>Gratis</p>"""
# the button's href runs script in the reader's browser: never an answer card's link
ONLINE_JS_SERVICE = """<h1>Izin Keramaian</h1>
<h3>Persyaratan</h3><ol><li>Surat permohonan</li><li>Fotokopi KTP</li></ol>
<h3>Biaya</h3><p>Gratis</p>
<p><a class="btn" href="javascript:alert(document.domain)">Daftar online</a></p>"""
DEEP_LEVELS = 1000


class FaultSite(LoopbackSite):
    """An OPD site with every fault the crawler must survive; see ``FAULTS``."""

    # path -> fault kind expected in fetch_log (None: a good page that must be stored)
    FAULTS: dict[str, str | None] = {
        "/err500": "http 5xx",
        "/always503": "http 5xx",
        "/flaky503": None,  # 503 + Retry-After once, then fine
        "/timeout": "timeout",
        "/slow": None,  # drip-fed over ~1 s, under the timeout
        "/loop-a": "redirect",
        "/malformed": None,
        "/truncated-html": None,
        "/dataloss": "connection",
        "/wrong-charset": None,
        "/no-charset": None,
        "/docs/good.pdf": None,
        "/docs/truncated.pdf": "parse",
        "/docs/encrypted.pdf": "parse",
        "/huge": "too large",
        "/huge-chunked": "too large",
        "/binary": "content type",
        "/photo.php": "content type",
        "/private/secret.html": "robots",
        "/missing": "http 4xx",
        "/empty": "parse",
        "/to-other-host": "offsite",
        "/a/b/start.html": None,
        "/a/c/surat pindah.html": None,
        "/deep": None,  # a template's unclosed <div> repeated 1,000 times
        "/utf16": None,  # saved by a Windows editor: UTF-16 with a byte-order mark
        "/daftar-online": None,  # a service whose "Daftar online" button is javascript:
        "/to-file": "redirect",  # to file:///etc/passwd, never followed
    }

    def __init__(self, huge_bytes: int = 3 * 1024 * 1024, hang_seconds: float = 20.0) -> None:
        super().__init__()
        self.huge_bytes = huge_bytes
        self.hang_seconds = hang_seconds
        self.flaky_count = 0
        self.good_pdf = make_pdf(["Standar Operasional Prosedur", "Pelayanan Kartu Keluarga",
                                  "Persyaratan: surat pengantar RT dan buku nikah"],
                                 title="SOP Kartu Keluarga")
        self.encrypted_pdf = make_encrypted_pdf(["Dokumen rahasia"])

    def home(self) -> bytes:
        links = "".join(f'<li><a href="{p}">{p}</a></li>' for p in self.FAULTS
                        if p not in ("/a/c/surat pindah.html", "/private/secret.html",
                                     "/docs/good.pdf"))
        other = f"http://127.0.0.2:{self.port}/lain.html"
        extra = (f'<li><a href="{other}">Situs lain</a></li>'
                 '<li><a href="/private/secret.html">Rahasia</a></li>'
                 '<li><a href="/kalender?bulan=1">Kalender</a></li>'
                 '<li><a href="mailto:admin@jambikota.go.id">Surel</a></li>'
                 '<li><a href="javascript:void(0)">JS</a></li>'
                 '<li><a href="/good?utm_source=facebook&amp;fbclid=abc">Layanan</a></li>'
                 '<li><a href="/good#persyaratan">Layanan</a></li>')
        return html("Beranda", f"<h1>Dinas Uji</h1><p>Selamat datang.</p><ul>{links}{extra}</ul>")

    def handle(self, request: BaseHTTPRequestHandler) -> None:  # noqa: C901, PLR0912
        parts = urlsplit(request.path)
        path = unquote(parts.path)
        query = parse_qs(parts.query)
        send = self.send
        if path == "/":
            send(request, Reply(body=self.home()))
        elif path == "/robots.txt":
            send(request, Reply(body=b"User-agent: *\nDisallow: /private/\n"
                                     b"Sitemap: /sitemap.xml\n", content_type="text/plain"))
        elif path == "/sitemap.xml":
            body = (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
                    f'"http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{self.base}'
                    f'/orphan.html</loc></url></urlset>').encode()
            send(request, Reply(body=body, content_type="application/xml"))
        elif path == "/orphan.html":
            send(request, Reply(body=html("Halaman dari sitemap", "<h1>Halaman Sitemap</h1>"
                                          "<p>Hanya ada di sitemap.xml, tidak ditautkan.</p>")))
        elif path == "/good":
            send(request, Reply(body=html("Kartu Keluarga", GOOD_SERVICE
                                          + '<p><a href="/docs/good.pdf">Unduh SOP</a></p>')))
        elif path == "/err500":
            send(request, Reply(500, b"<h1>Internal Server Error</h1>"))
        elif path == "/always503":
            send(request, Reply(503, b"busy", {"Retry-After": "1"}))
        elif path == "/flaky503":
            self.flaky_count += 1
            if self.flaky_count == 1:
                send(request, Reply(503, b"busy", {"Retry-After": "1"}))
            else:
                send(request, Reply(body=html("Sempat sibuk", "<h1>Layanan Pengaduan</h1>"
                                              "<p>Halaman ini sempat sibuk.</p>")))
        elif path == "/timeout":
            time.sleep(self.hang_seconds)
            send(request, Reply(body=html("Terlambat", "<p>terlambat</p>")))
        elif path == "/slow":
            body = html("Halaman lambat", "<h1>Halaman Lambat</h1>" + "<p>isi lambat</p>" * 20)
            request.send_response(200)
            request.send_header("Content-Type", "text/html; charset=utf-8")
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            for i in range(0, len(body), len(body) // 8 + 1):
                request.wfile.write(body[i:i + len(body) // 8 + 1])
                request.wfile.flush()
                time.sleep(0.12)
        elif path in ("/loop-a", "/loop-b"):
            target = "/loop-b" if path == "/loop-a" else "/loop-a"
            send(request, Reply(302, b"", {"Location": target}))
        elif path == "/kalender":
            month = int(query.get("bulan", ["1"])[0])
            send(request, Reply(body=html(f"Kalender {month}",
                                          f"<h1>Agenda bulan {month}</h1><p>Tidak ada agenda.</p>"
                                          f'<a href="/kalender?bulan={month + 1}">berikutnya</a>')))
        elif path == "/malformed":
            body = (b"<html><head><title>Rusak | Dinas Uji</title><body><div class=content>"
                    b"<h1>Halaman Rusak<h2>Persyaratan<p>Tidak ditutup <b>tebal <i>miring"
                    b"<table><tr><td>sel</div></span></p></html><p>sisa teks")
            send(request, Reply(body=body))
        elif path == "/truncated-html":
            body = html("Terpotong", "<h1>Halaman Terpotong</h1><p>Isi awal yang lengkap.</p>")
            send(request, Reply(body=body[: len(body) - 60] + b"<p>Isi terpo"))
        elif path == "/dataloss":
            request.send_response(200)
            request.send_header("Content-Type", "text/html")
            request.send_header("Content-Length", "100000")
            request.end_headers()
            request.wfile.write(b"<html><body><h1>Putus</h1>")
            request.wfile.flush()
            request.close_connection = True
        elif path == "/wrong-charset":
            body = ("<html><head><title>Tarif Retribusi</title></head><body><h1>Tarif "
                    "Retribusi Pasar</h1><p>Biaya \u201cretribusi\u201d pasar \u2013 Rp 5.000"
                    " per hari, caf\u00e9 dan kios.</p></body></html>").encode("cp1252")
            send(request, Reply(body=body, content_type="text/html; charset=utf-8"))
        elif path == "/no-charset":
            body = ("<html><head><title>Pengumuman</title></head><body><h1>Pengumuman "
                    "Penting</h1><p>Pendaftaran dibuka s/d 31 Maret \u2013 kuota terbatas "
                    "\u00bd hari.</p></body></html>").encode("cp1252")
            send(request, Reply(body=body, content_type="text/html"))
        elif path == "/docs/good.pdf":
            send(request, Reply(body=self.good_pdf, content_type="application/pdf"))
        elif path == "/docs/truncated.pdf":
            send(request, Reply(body=self.good_pdf[: len(self.good_pdf) // 2],
                                content_type="application/pdf"))
        elif path == "/docs/encrypted.pdf":
            send(request, Reply(body=self.encrypted_pdf, content_type="application/pdf"))
        elif path == "/huge":
            send(request, Reply(body=b"<html><body>" + b"x" * self.huge_bytes))
        elif path == "/huge-chunked":
            request.send_response(200)
            request.send_header("Content-Type", "text/html")
            request.send_header("Connection", "close")
            request.end_headers()
            request.close_connection = True
            chunk = b"<p>" + b"y" * 65536 + b"</p>"
            for _ in range(self.huge_bytes // len(chunk) + 2):
                request.wfile.write(chunk)
        elif path == "/binary":
            send(request, Reply(body=PNG_BYTES, content_type="text/html"))
        elif path == "/photo.php":
            send(request, Reply(body=PNG_BYTES, content_type="image/png"))
        elif path == "/private/secret.html":
            send(request, Reply(body=html("Rahasia", "<p>tidak boleh dirayapi</p>")))
        elif path == "/empty":
            send(request, Reply(body=b""))
        elif path == "/to-other-host":
            send(request, Reply(302, b"", {"Location": f"http://127.0.0.2:{self.port}/x"}))
        elif path == "/deep":
            inner = "<div>" * DEEP_LEVELS + "<p>Layanan legalisir berkas.</p>"
            send(request, Reply(body=html("Halaman Dalam", "<h1>Legalisir</h1>" + inner
                                          + "</div>" * DEEP_LEVELS)))
        elif path == "/utf16":
            body = html("Jadwal Pelayanan", "<h1>Jadwal Pelayanan</h1><p>Senin\u2013Jumat, "
                        "08.00\u201315.00 WIB.</p>").decode()
            send(request, Reply(body=b"\xff\xfe" + body.encode("utf-16-le"),
                                content_type="text/html"))
        elif path == "/daftar-online":
            send(request, Reply(body=html("Izin Keramaian", ONLINE_JS_SERVICE)))
        elif path == "/to-file":
            send(request, Reply(302, b"", {"Location": "file:///etc/passwd"}))
        elif path == "/a/b/start.html":
            send(request, Reply(body=html("Awal", "<h1>Awal</h1>"
                                          '<a href="../c/surat pindah.html">Surat pindah</a>')))
        elif path == "/a/c/surat pindah.html":
            send(request, Reply(body=html("Surat Pindah", "<h1>Surat Keterangan Pindah</h1>"
                                          "<p>Layanan surat pindah penduduk.</p>")))
        else:
            send(request, Reply(404, b"<h1>Not Found</h1>"))


# -- an editable site with validators ------------------------------------------------------

@dataclass
class Page:
    body: bytes
    etag: bool = True  # answer with an ETag (and honour If-None-Match)
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0
    hold: Callable[[], None] | None = None  # called before answering: may hold the reply


class PageSite(LoopbackSite):
    """Serves ``pages`` (path -> Page); a test may add, change or delete pages."""

    def __init__(self, pages: dict[str, Page] | None = None) -> None:
        super().__init__()
        self.pages: dict[str, Page] = dict(pages or {})
        self.started = time.time()

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        path = unquote(urlsplit(request.path).path)
        page = self.pages.get(path)
        if page is None:
            if path == "/robots.txt":
                self.send(request, Reply(body=b"User-agent: *\nAllow: /\n",
                                         content_type="text/plain"))
                return
            self.send(request, Reply(404, b"<h1>Not Found</h1>"))
            return
        if page.hold is not None:
            page.hold()
        if page.delay:
            time.sleep(page.delay)
        headers: dict[str, str] = {}
        if page.etag:
            tag = f'"{zlib.crc32(page.body):08x}"'
            headers["ETag"] = tag
            headers["Last-Modified"] = formatdate(self.started, usegmt=True)
            if request.headers.get("If-None-Match") == tag:
                self.send(request, Reply(304, b"", headers, content_type=None))
                return
        self.send(request, Reply(body=page.body, headers=headers,
                                 content_type=page.content_type))


# -- a site whose pages differ by their query ------------------------------------------------

def query_key(path: str) -> str:
    """A request's path with its query in one order (the crawler may reorder it)."""
    parts = urlsplit(path)
    query = urlencode(sorted(parse_qsl(parts.query)))
    return parts.path + (f"?{query}" if query else "")


class QuerySite(LoopbackSite):
    """Serves ``pages`` (path and query, in any order of the query -> HTML)."""

    def __init__(self, pages: dict[str, bytes]) -> None:
        super().__init__()
        self.pages = {query_key(path): body for path, body in pages.items()}

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        body = self.pages.get(query_key(request.path))
        if body is None:
            self.send(request, Reply(404, b"<h1>Not Found</h1>"))
        else:
            self.send(request, Reply(body=body))
