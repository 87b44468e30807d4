#!/usr/bin/env bash
# Install what the tests need on a fresh machine and run them all.
set -euo pipefail
cd "$(dirname "$0")/.."

# Browser tests drive Debian's Chromium; never a browser download.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver wrk >/dev/null
  else
    echo "note: chromium/chromium-driver missing and not root: browser tests will be skipped" >&2
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
