"""How a sikoja server process runs uvicorn: options that follow the settings.

uvicorn trusts ``X-Forwarded-For`` from loopback by default (``proxy_headers``), so a
client on the same machine, or any client behind a local proxy that passes the header on,
could choose its own address for rate limits and analytics while ``trust_proxy_headers``
said no. Every ``uvicorn.run`` in sikoja takes its options from here, so the setting alone
decides. Idle keep-alive connections close after ``keep_alive_seconds``; slow request
bodies are handled by ``search_api.limits``.
"""

from __future__ import annotations

from typing import Any

from sikoja.config import Settings


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``uvicorn.run`` (besides the app, host, port and workers)."""
    return {
        "proxy_headers": settings.api.trust_proxy_headers,
        "timeout_keep_alive": settings.api.keep_alive_seconds,
        "log_level": "warning",
        "access_log": False,
    }
