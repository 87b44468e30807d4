"""Crawl processes for the tests, forked from a pre-warmed server instead of started cold.

About a hundred tests crawl, and each crawl runs in its own process (``crawler.child``:
Scrapy's reactor runs once per process). Starting Python and importing Scrapy, Twisted,
lxml and the extractors costs about 0.6 s of CPU per crawl, more than most of those crawls
themselves. So each test worker starts one server process that has imported them, and the
crawl processes are forked from it: the same ``crawler.child`` code, run in a real, separate
process of its own session that can be signalled and killed, whose exit status is reported
as ``subprocess.Popen`` reports it (``-9`` after ``kill -9``).

What stays as it was: the process reads its job file, writes progress lines on its stdout
pipe and its log on the file given as stderr, holds the data dir's lock through the passed
descriptor, and stops when its starter is gone (end of file on stdin; with the parent-death
signal, the server it was forked from dies with the test worker). Only ``crawler.run``'s
crawl command goes through here (``crawler.run.start_process``); ``sikoja crawl`` started
as a command, whose process behaviour the fault tests check, starts its crawl the usual way.

The server is single-threaded (fork copies one thread safely) and installs no reactor.
"""

from __future__ import annotations

import array
import contextlib
import io
import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
from typing import Any

from crawler.child import PARENT_ENV

# what the crawl process imports before it fetches its first page (``crawler.child.run_job``
# and what Scrapy loads as it starts; ``python -X importtime -m crawler.child`` lists them)
WARM_MODULES = ("scrapy.crawler", "twisted.internet.task", "twisted.internet.endpoints",
                "scrapy.core.downloader.contextfactory", "scrapy.utils._remote_control",
                "aiohttp", "aiohttp.web", "protego", "tldextract", "crawler.settings",
                "crawler.spiders.catalog", "crawler.spiders.website", "crawler.child",
                "crawler.site", "sikoja.config", "sikoja.sources", "crawler.extract.pdf", "pypdf",
                "queuelib", "resource")
MAX_FDS = 16


def component_modules() -> list[str]:
    """The modules of every component a crawl loads by name (Scrapy's default middlewares,
    extensions, handlers and queues, ours in ``crawler.settings`` and a fleet worker's), as
    ``load_object`` would. Each fork imported them again after it started, about 130
    modules with the ones they import: a one-page crawl process took 0.13 s of CPU, 0.11 s
    with them imported here."""
    import scrapy.settings.default_settings as scrapy_defaults

    import crawler.settings as ours

    values = [value for settings in (vars(scrapy_defaults), vars(ours),
                                     ours.fleet_settings("redis://127.0.0.1:1", 1.0))
              for name, value in settings.items() if name.isupper()]
    paths: set[str] = set()
    for value in values:
        for item in [*value, *value.values()] if isinstance(value, dict) else [value]:
            if isinstance(item, str) and item.startswith(("scrapy.", "scrapy_redis.", "crawler."))\
                    and "reactor" not in item and " " not in item:
                paths.add(item.rsplit(".", 1)[0])
    return sorted(paths)


def _send(sock: socket.socket, payload: dict[str, Any], fds: list[int]) -> None:
    data = json.dumps(payload).encode()
    sock.sendmsg([len(data).to_bytes(4, "big"), data],
                 [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds))])


def _receive(sock: socket.socket) -> tuple[dict[str, Any] | None, list[int]]:
    fds = array.array("i")
    head, ancillary, _, _ = sock.recvmsg(4, socket.CMSG_SPACE(MAX_FDS * fds.itemsize))
    if not head:
        return None, []
    for level, kind, data in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(data[:len(data) - len(data) % fds.itemsize])
    size = int.from_bytes(head, "big")
    body = b""
    while len(body) < size:
        body += sock.recv(size - len(body))
    return json.loads(body), list(fds)


def _line(sock: socket.socket) -> str:
    """One message: ``pid N`` from the started process, then ``exit N`` from the server."""
    data = b""
    while not data.endswith(b"\n"):
        byte = sock.recv(1)
        if not byte:
            break
        data += byte
    return data.decode().strip()


class WarmProcess:
    """The crawl process as ``subprocess.Popen`` shows it to ``crawler.run.CrawlJob``."""

    def __init__(self, pid: int, status: socket.socket, stdin: int, stdout: int) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self.stdin = open(stdin, "w", encoding="utf-8")  # noqa: SIM115
        self.stdout = open(stdout, encoding="utf-8")  # noqa: SIM115
        self._status = status
        self._lock = threading.Lock()

    def poll(self) -> int | None:
        return self.wait(timeout=0) if self.returncode is None else self.returncode

    def wait(self, timeout: float | None = None) -> int:
        # the lock is not held while waiting: a thread in wait() never blocks another's kill()
        while self.returncode is None:
            try:
                ready, _, _ = select.select([self._status], [], [], timeout)
            except (ValueError, OSError):  # another thread has read the status meanwhile
                continue
            with self._lock:
                if self.returncode is not None:
                    break
                if not ready:
                    if timeout == 0:
                        return None  # type: ignore[return-value]
                    raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
                line = _line(self._status)  # "exit N", or nothing if the server died
                self.returncode = int(line[5:]) if line.startswith("exit ") else -signal.SIGKILL
                self._status.close()
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:  # never a pid the kernel has given to someone else
            os.kill(self.pid, sig)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class WarmServer:
    """One pre-warmed server per test process, started at its first crawl (a run of the
    fast tests crawls nothing); ``start_process`` is ``Popen``'s stand-in."""

    def __init__(self) -> None:
        self._sock: socket.socket | None = None
        self.proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def _control(self) -> socket.socket:
        if self._sock is None:
            self._sock, theirs = socket.socketpair()
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.warmcrawl", str(theirs.fileno())],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL)
            theirs.close()
        return self._sock

    def close(self) -> None:
        if self._sock is not None and self.proc is not None:
            self._sock.close()  # the server exits at end of file
            self.proc.wait(timeout=30)
            self._sock = self.proc = None

    def start_process(self, args: list[str], **kwargs: Any) -> Any:
        if args[:1] != [sys.executable] or args[1:3] != ["-m", "crawler.child"]:
            return subprocess.Popen(args, **kwargs)
        stdin_r, stdin_w = os.pipe()
        stdout_r, stdout_w = os.pipe()
        status, theirs = socket.socketpair()
        stderr = kwargs["stderr"].fileno()
        passed = list(kwargs.get("pass_fds", ()))
        request = {"argv": args[1:], "env": kwargs.get("env") or dict(os.environ),
                   "cwd": os.getcwd(), "session": bool(kwargs.get("start_new_session")),
                   "keep": len(passed)}
        try:
            with self._lock:
                _send(self._control(), request,
                      [theirs.fileno(), stdin_r, stdout_w, stderr, *passed])
            started = _line(status)
        finally:
            for fd in (stdin_r, stdout_w):
                os.close(fd)
            theirs.close()
        if not started.startswith("pid "):
            os.close(stdin_w)
            os.close(stdout_r)
            status.close()
            raise OSError(f"the warm crawl server could not start a crawl: {started!r}")
        return WarmProcess(int(started[4:]), status, stdin_w, stdout_r)


def _child(request: dict[str, Any], fds: list[int]) -> None:
    """In the forked process: become ``python -m crawler.child JOB`` as Popen would start it."""
    status, stdin, stdout, stderr, *kept = fds
    if request["session"]:
        os.setsid()
    for target, fd in enumerate((stdin, stdout, stderr)):
        os.dup2(fd, target)
        os.close(fd)
    # started, as Popen returns: in its session, on its pipes (the server says when it ends)
    os.write(status, f"pid {os.getpid()}\n".encode())
    os.close(status)
    env = dict(request["env"])
    if env.get(PARENT_ENV, "").endswith(":pdeathsig"):  # its parent is this server now
        env[PARENT_ENV] = f"{os.getppid()}:pdeathsig"
    os.environ.clear()
    os.environ.update(env)
    os.chdir(request["cwd"])
    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(io.FileIO(1, "w", closefd=False)),
                                  encoding="utf-8")
    sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8",
                                  write_through=True)
    sys.argv = [request["argv"][1] + ".py", *request["argv"][2:]]
    from crawler import child

    code = 1
    try:
        code = child.main([sys.argv[0], *sys.argv[1:]])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        import traceback

        traceback.print_exc()
    child.exit_at_once(code)


def serve(control: socket.socket) -> None:
    """Fork a crawl process per request; report its pid, then its exit status."""
    import importlib

    for name in WARM_MODULES:
        importlib.import_module(name)
    for name in component_modules():
        with contextlib.suppress(ImportError):  # an optional dependency (scrapy-redis)
            importlib.import_module(name)
    assert "twisted.internet.reactor" not in sys.modules, "a reactor would be shared"
    running: dict[int, tuple[int, socket.socket]] = {}  # pidfd -> (pid, status socket)
    while True:
        ready, _, _ = select.select([control, *running], [], [])
        for fd in ready:
            if fd is control:
                request, fds = _receive(control)
                if request is None:
                    return
                status = socket.socket(fileno=fds[0])
                try:
                    pid = os.fork()
                except OSError as exc:
                    status.send(f"{exc}\n".encode())
                    status.close()
                    for extra in fds[1:]:
                        os.close(extra)
                    continue
                if pid == 0:
                    control.close()
                    for _, other in running.values():
                        other.close()
                    try:
                        _child(request, fds)
                    finally:
                        os._exit(1)
                for extra in fds[1:]:
                    os.close(extra)
                running[os.pidfd_open(pid)] = (pid, status)
            else:
                pid, status = running.pop(fd)
                os.close(fd)
                _, code = os.waitpid(pid, 0)
                with contextlib.suppress(OSError):
                    status.send(f"exit {os.waitstatus_to_exitcode(code)}\n".encode())
                status.close()


if __name__ == "__main__":
    with contextlib.suppress(OSError, AttributeError):  # die with the test worker
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    serve(socket.socket(fileno=int(sys.argv[1])))
