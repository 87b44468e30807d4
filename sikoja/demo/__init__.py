"""The bundled sample Kota Jambi web: static OPD sites and an app catalog, served on
127.0.0.1 for the demo and the end-to-end tests (see ``server.py``)."""

from __future__ import annotations

from sikoja.demo.server import SampleWeb, serve_sample_sites

__all__ = ["SampleWeb", "serve_sample_sites"]
