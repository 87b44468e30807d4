"""The default Indonesian public-service synonym set shipped with sikoja.

Its own module because both the package's public face (``synonyms``) and the store (which
seeds a fresh ``synonyms.db`` with it) need it: the store must not import the package that
imports the store.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_PATH = Path(__file__).with_name("data") / "default.txt"


def default_text() -> str:
    return DEFAULT_PATH.read_text(encoding="utf-8")
