"""A loopback site whose robots.txt is slow or failing, for the robots.txt crawl tests.

It disallows ``/private/`` and serves ``PAGES``; ``robots_site(delay=..., statuses=...)``
makes robots.txt answer after ``delay`` seconds, with ``statuses`` in turn (200 after the
last). ``RobotsSite.hits`` is every path asked, in order, so a test can assert what was
never requested.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

ROBOTS = b"User-agent: *\nDisallow: /private/\n"
PAGES = ["/", "/buka.html", *(f"/private/{n}.html" for n in range(1, 7))]


class RobotsSite(http.server.BaseHTTPRequestHandler):
    robots_delay = 0.0
    robots_statuses: list[int] = []
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        self.hits.append(self.path)
        if self.path == "/robots.txt":
            time.sleep(self.robots_delay)
            status = self.robots_statuses.pop(0) if self.robots_statuses else 200
            self._send(status, ROBOTS if status == 200 else b"Sedang gangguan",
                       "text/plain")
        elif self.path in PAGES:
            n = PAGES.index(self.path)
            self._send(200, (f"<html><head><title>Halaman {n}</title></head><body><main>"
                             f"<h1>Halaman {n}</h1><p>Informasi layanan publik nomor {n} "
                             "untuk warga kota Jambi.</p></main></body></html>").encode(),
                       "text/html; charset=utf-8")
        else:
            self._send(404, b"tidak ada", "text/plain")

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def robots_site(*, delay: float = 0.0, statuses: tuple[int, ...] = ()) -> Iterator[str]:
    """Serve the site on a free port; yield its base URL (no trailing slash)."""
    RobotsSite.robots_delay, RobotsSite.robots_statuses = delay, list(statuses)
    RobotsSite.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RobotsSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
