#!/usr/bin/env bash
# Install sikoja, then crawl the bundled sample Kota Jambi sites, index them and serve the
# search page and API at http://127.0.0.1:8000/.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
exec .venv/bin/sikoja demo "$@"
