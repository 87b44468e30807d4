#!/usr/bin/env bash
# Install what the tests need on a fresh machine and run them all.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests drive: Chromium for the browser tests (never a browser download),
# and WordPress with PHP and MariaDB for the crawl of a real WordPress site
# (tests/test_wordpress.py), and Redis for the crawl shared by several workers
# (tests/test_crawl_fleet.py), and tesseract with its Indonesian data for the OCR of scanned
# PDFs (tests/test_ocr.py). One quiet apt-get call, only when something is missing.
missing=()
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  missing+=(chromium chromium-driver wrk)
fi
for pkg in wordpress wordpress-theme-twentytwentyone php-cli php-mysql php-xml mariadb-server redis-server \
    tesseract-ocr tesseract-ocr-ind; do
  if ! dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null | grep -qx installed; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "note: ${missing[*]} missing and not root: browser, WordPress, Redis and OCR tests will be skipped" >&2
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
# Compiled modules are kept (in __pycache__, which git ignores) even where the environment
# says PYTHONDONTWRITEBYTECODE: without them every test worker, crawl server and `sikoja`
# process the tests start compiled the project again, and each worker rewrote every test
# module on every run (collection per worker: 6.2 s of CPU; 5.5 s on a fresh clone, 2.7 s
# on the next runs).
unset PYTHONDONTWRITEBYTECODE
.venv/bin/python -m compileall -q -j 0 crawler indexer search_api sikoja synonyms
# and the test modules, their asserts rewritten as pytest does, once over every core: on a
# fresh clone each worker rewrote all of them (collection 7.0-7.5 s of CPU per worker
# against 4.2-4.3 s after this 2.1 s step, session 12; tests/pycache.py)
.venv/bin/python -m tests.pycache
# one worker more than the cores (three on two): a worker waiting on a politeness delay, a
# kill, Chromium or a background job leaves its core to another (session 9, side by side
# with two workers on a loaded machine: 401 s against 525 s for the same CPU; session 8,
# idle: 111-116 s against 123 s; see CONTRIBUTING.md). Each module stays on one worker and the sample web is crawled once
# (tests/conftest.py); pass -n 0 to run in one process.
.venv/bin/python -m pytest -q -p no:cacheprovider -n "$(( $(nproc) + 1 ))" --dist loadfile "$@"
