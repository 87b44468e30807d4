"""Start a throwaway WordPress site: Debian's ``wordpress`` package served by PHP's built-in
server on loopback, backed by a private MariaDB in a temporary folder.

Nothing global is started or changed beyond one file, ``/etc/wordpress/config-<name>.php``
(Debian's WordPress reads its database settings only from there), which is removed again.
The database server, the PHP server and that file are cleaned up on exit, also when the
start or the seed fails. ``missing()`` says why the site cannot run here (packages absent
and not installable), for a skip message.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.faultserver import make_pdf
from tests.wordpress import site

HERE = Path(__file__).resolve().parent
WORDPRESS = Path("/usr/share/wordpress")
THEMES = WORDPRESS / "wp-content" / "themes"
CONFIG_DIR = Path("/etc/wordpress")
PACKAGES = "wordpress wordpress-theme-twentytwentyone php-cli php-mysql php-xml mariadb-server"
START_TIMEOUT = 60.0


def _command(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name) or next(
            (str(p) for p in (Path("/usr/sbin") / name, Path("/usr/bin") / name) if p.exists()),
            None)
        if found:
            return found
    return None


def missing() -> str | None:
    """Why a WordPress site cannot be started here, or None when it can."""
    absent = []
    if not (WORDPRESS / "wp-settings.php").exists():
        absent.append("wordpress")
    if not (THEMES / "twentytwentyone").is_dir():
        absent.append("wordpress-theme-twentytwentyone")
    if not _command("php"):
        absent.append("php-cli")
    if not _command("mariadbd", "mysqld") or not _command("mariadb-install-db",
                                                          "mysql_install_db"):
        absent.append("mariadb-server")
    if absent:
        return (f"{', '.join(absent)} not installed (scripts/test.sh installs "
                f"'{PACKAGES}' when run as root with apt)")
    php_modules = subprocess.run([_command("php"), "-m"], capture_output=True, text=True,
                                 check=False).stdout.lower().split()
    for module, package in (("mysqli", "php-mysql"), ("xml", "php-xml")):
        if module not in php_modules:
            return f"PHP module {module} missing: install {package}"
    if not os.access(CONFIG_DIR if CONFIG_DIR.exists() else CONFIG_DIR.parent, os.W_OK):
        return f"{CONFIG_DIR} is not writable (Debian's WordPress reads its config there)"
    return None


def install() -> str | None:
    """Install the packages when they are missing and this is root with apt; then why the
    site still cannot run, or None. (scripts/test.sh installs them up front; this is for a
    lone ``pytest tests/test_wordpress.py``.)"""
    reason = missing()
    if reason is None or os.geteuid() != 0 or not shutil.which("apt-get"):
        return reason
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    command = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *PACKAGES.split()]
    if subprocess.run(command, env=env, capture_output=True, check=False).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, check=False)
        subprocess.run(command, env=env, capture_output=True, check=False)
    return missing()


# Ports below the ephemeral range: the site's port is chosen before MariaDB and the seed
# run (seconds), and a port the kernel hands out to bind(0) can be taken in between by another
# test's server (a sample site once answered on WordPress's port, and the tests crawled it)
LISTEN_PORTS = range(20000, 32700)


def free_port() -> int:
    """A port free now, from a random place below the ephemeral range, so test processes side
    by side (pytest -n) and servers bound to port 0 do not take it before the site starts."""
    start = random.randrange(len(LISTEN_PORTS))
    for port in [*LISTEN_PORTS[start:], *LISTEN_PORTS[:start]]:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port below the ephemeral range")


@dataclass
class WordPressSite:
    url: str  # http://127.0.0.1:PORT/
    seeded: dict[str, Any]  # ids and permalinks the seed created (see seed.php)
    root: Path  # the temporary folder: database, uploads, logs

    def get(self, path: str) -> tuple[int, str]:
        """Status and body of a GET on this site (no redirects followed)."""
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: Any, **kwargs: Any) -> None:
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(self.url.rstrip("/") + path, timeout=30) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")


def _wait(check: Any, what: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited ({process.returncode}): {_tail(log)}")
        if check():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start within {START_TIMEOUT:.0f}s: {_tail(log)}")


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"


def _accepts(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _speaks_php(port: int) -> bool:
    """Whether the server on ``port`` is PHP's (its X-Powered-By header), not another test's
    server that took the port: then ``php -S`` exits and the wait says why."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/wp-login.php", timeout=5) as r:
            return r.headers.get("X-Powered-By", "").startswith("PHP")
    except urllib.error.HTTPError as exc:
        return exc.headers.get("X-Powered-By", "").startswith("PHP")
    except OSError:
        return False


def _process(stack: ExitStack, args: list[str], log: Path, **kwargs: Any) -> subprocess.Popen:
    """Start ``args`` in a process group of its own, logging to ``log``; the whole group
    (``php -S`` forks its workers) is stopped, then killed, when ``stack`` closes."""
    out = stack.enter_context(log.open("wb"))
    process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT,
                               start_new_session=True, **kwargs)

    def signal_group(sig: int) -> None:
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            pass

    def stop() -> None:
        signal_group(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            signal_group(signal.SIGKILL)
            process.wait()
        signal_group(signal.SIGKILL)  # workers that outlived their parent

    stack.callback(stop)
    return process


def _start_mariadb(stack: ExitStack, root: Path) -> Path:
    """A private MariaDB on a unix socket and a loopback port; returns the socket path."""
    datadir, sock = root / "db", root / "mysql.sock"
    user = ["--user=root"] if os.geteuid() == 0 else []
    install = [_command("mariadb-install-db", "mysql_install_db"), "--no-defaults",
               f"--datadir={datadir}", *user, "--auth-root-authentication-method=normal",
               "--skip-test-db"]
    # once more on a failure: two suites side by side on one machine (session 22) had one
    # install fail at the same moment as the other's; the second failure says why
    for attempt in (1, 2):
        done = subprocess.run(install, capture_output=True, timeout=120)
        if done.returncode == 0:
            break
        shutil.rmtree(datadir, ignore_errors=True)
        if attempt == 2:
            said = (done.stderr or done.stdout).decode("utf-8", "replace")[-1500:]
            raise RuntimeError(f"mariadb-install-db failed ({done.returncode}): {said}")
    port = free_port()
    server = _process(stack, [
        _command("mariadbd", "mysqld"), "--no-defaults", f"--datadir={datadir}",
        f"--socket={sock}", f"--port={port}", "--bind-address=127.0.0.1", *user,
        f"--pid-file={root / 'mysql.pid'}", "--skip-log-bin", "--innodb-buffer-pool-size=32M",
        "--innodb-log-file-size=16M", "--skip-name-resolve",
    ], root / "mariadb.log")
    _wait(lambda: sock.exists() and _accepts(port), "mariadbd", server, root / "mariadb.log")
    subprocess.run([_command("mariadb", "mysql"), "--no-defaults", f"--socket={sock}", "-uroot",
                    "-e", "CREATE DATABASE wordpress CHARACTER SET utf8mb4"],
                   check=True, capture_output=True, timeout=60)
    return sock


def _write_config(stack: ExitStack, root: Path, name: str, sock: Path, url: str) -> Path:
    content = root / "wp-content"
    (content / "uploads").mkdir(parents=True)
    (content / "plugins").mkdir()
    (content / "themes").symlink_to(THEMES)
    CONFIG_DIR.mkdir(exist_ok=True)
    config = CONFIG_DIR / f"config-{name}.php"
    config.write_text(
        "<?php\n// sikoja test site, removed when the test ends\n"
        "define('DB_NAME', 'wordpress');\ndefine('DB_USER', 'root');\n"
        "define('DB_PASSWORD', '');\n"
        f"define('DB_HOST', 'localhost:{sock}');\n"
        f"define('WP_CONTENT_DIR', '{content}');\n"
        f"define('WP_CONTENT_URL', '{url}wp-content');\n"
        f"define('WP_HOME', '{url.rstrip('/')}');\ndefine('WP_SITEURL', '{url.rstrip('/')}');\n"
        "define('DISABLE_WP_CRON', true);\ndefine('AUTOMATIC_UPDATER_DISABLED', true);\n"
        "define('WP_HTTP_BLOCK_EXTERNAL', true);\n"
    )
    stack.callback(config.unlink, missing_ok=True)
    return content


@contextmanager
def wordpress_site() -> Iterator[WordPressSite]:
    """A seeded WordPress site (see ``tests.wordpress.site``) for the duration of the block."""
    reason = missing()
    if reason:
        raise RuntimeError(reason)
    with ExitStack() as stack:
        root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sikoja-wp-")))
        root.chmod(0o755)
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        name = f"sikoja-test-{port}"
        sock = _start_mariadb(stack, root)
        content = _write_config(stack, root, name, sock, url)
        plan = site.plan()
        (root / "plan.json").write_text(json.dumps(plan))
        (root / "seed.pdf").write_bytes(make_pdf(site.PDF_LINES, title=site.PDF_TITLE))
        env = {**os.environ, "SIKOJA_WP_CONFIG": name, "SIKOJA_WP_CONTENT": str(content)}
        seed = subprocess.run(
            [_command("php"), str(HERE / "seed.php"), f"127.0.0.1:{port}", name,
             str(root / "plan.json"), str(root / "seed.pdf")],
            capture_output=True, text=True, env=env, timeout=300, check=False)
        if seed.returncode != 0:
            raise RuntimeError(f"seeding WordPress failed: {seed.stderr[-2000:]}"
                               f"{seed.stdout[-2000:]}")
        seeded = json.loads(seed.stdout.strip().splitlines()[-1])
        server = _process(stack, [_command("php"), "-S", f"127.0.0.1:{port}",
                                  "-t", str(WORDPRESS), str(HERE / "router.php")],
                          root / "php.log", env={**env, "PHP_CLI_SERVER_WORKERS": "2"})
        _wait(lambda: _accepts(port) and _speaks_php(port), "php -S", server, root / "php.log")
        yield WordPressSite(url=url, seeded=seeded, root=root)
