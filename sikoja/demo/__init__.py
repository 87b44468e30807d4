"""The bundled sample Kota Jambi web: static OPD sites and an app catalog, served on
127.0.0.1 for the demo and the end-to-end tests (see ``server.py``)."""

from __future__ import annotations

from typing import Any

__all__ = ["SampleWeb", "serve_sample_sites"]


def __getattr__(name: str) -> Any:
    # Lazy, so that ``python -m sikoja.demo.server`` does not import the module twice.
    if name in __all__:
        from sikoja.demo import server

        return getattr(server, name)
    raise AttributeError(name)
