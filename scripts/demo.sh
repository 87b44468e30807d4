#!/usr/bin/env bash
# Install sikoja, then crawl the bundled sample Kota Jambi sites, index them and serve the
# search page and API at http://127.0.0.1:8000/.
set -euo pipefail
cd "$(dirname "$0")/.."

# OCR of scanned PDFs (Standar Pelayanan put through an office scanner) needs Debian's
# tesseract with its Indonesian data; without it the crawl reports such PDFs as not read
# (at most 5 minutes of apt-get: a machine offline goes on without it)
if ! tesseract --list-langs 2>/dev/null | grep -qx ind; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    { timeout 300 apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -qq tesseract-ocr tesseract-ocr-ind >/dev/null; } ||
      echo "note: tesseract could not be installed: scanned PDFs will not be read" >&2
  else
    echo "note: tesseract-ocr and tesseract-ocr-ind are not installed: scanned PDFs will not be read (install them as root with apt-get)" >&2
  fi
fi
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
exec .venv/bin/sikoja demo "$@"
