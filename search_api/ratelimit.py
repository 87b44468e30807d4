"""Per-client rate limiting of the public API: an in-process token bucket.

Each client (its address, or with ``trust_proxy_headers`` the address the proxy in front
saw) gets a bucket of ``rate_limit_per_minute`` tokens that refills continuously; a request
takes one token (autocomplete, sent while typing, takes less). An empty bucket answers 429
with ``Retry-After``: the whole seconds until a token is back. Buckets live in memory only
and idle full ones are dropped, so the table stays small and no address is ever written
down. With several server processes each keeps its own buckets: the limit is per process.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

# Costs per path prefix; the first match wins, anything else under /api/ costs 1.
PATH_COSTS = (("/api/suggest", 0.25), ("/api/health", 0.5))
MAX_BUCKETS = 50_000


class TokenBucketLimiter:
    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0  # tokens per second
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, last time)
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.capacity > 0

    def take(self, key: str, cost: float = 1.0) -> float:
        """Take ``cost`` tokens for ``key``: 0.0 if allowed, else seconds until it would be."""
        if not self.enabled:
            return 0.0
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= cost:
                self._buckets[key] = (tokens - cost, now)
                wait = 0.0
            else:
                self._buckets[key] = (tokens, now)
                wait = (cost - tokens) / self.rate
            if len(self._buckets) > MAX_BUCKETS:
                self._prune(now)
        return wait

    def _prune(self, now: float) -> None:
        """Forget buckets that have refilled (idle clients); under a flood from very many
        addresses, forget the least recently seen half rather than grow without bound."""
        full_after = self.capacity / self.rate
        self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < full_after}
        if len(self._buckets) > MAX_BUCKETS:
            recent = sorted(self._buckets.items(), key=lambda kv: kv[1][1])[MAX_BUCKETS // 2:]
            self._buckets = dict(recent)


def client_address(scope: Scope, *, trust_proxy_headers: bool) -> str:
    """The client's address; behind a trusted proxy, the last X-Forwarded-For hop it added."""
    if trust_proxy_headers:
        for name, value in scope.get("headers", []):
            if name == b"x-forwarded-for":
                hops = [h.strip() for h in value.decode("latin-1").split(",") if h.strip()]
                if hops:
                    return hops[-1]
            if name == b"x-real-ip":
                return value.decode("latin-1").strip()
    client = scope.get("client")
    return client[0] if client else "unknown"


class RateLimitMiddleware:
    """Applies the limiter to /api/... (pages, static files and /metrics are not limited)."""

    def __init__(self, app: ASGIApp, limiter: TokenBucketLimiter, *, trust_proxy_headers: bool,
                 on_limited: Callable[[str], None] | None = None) -> None:
        self.app = app
        self.limiter = limiter
        self.trust_proxy_headers = trust_proxy_headers
        self.on_limited = on_limited

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (scope["type"] != "http" or not self.limiter.enabled or not path.startswith("/api/")
                or scope.get("method") == "OPTIONS"):
            await self.app(scope, receive, send)
            return
        cost = next((c for prefix, c in PATH_COSTS if path.startswith(prefix)), 1.0)
        key = client_address(scope, trust_proxy_headers=self.trust_proxy_headers)
        wait = self.limiter.take(key, cost)
        if wait <= 0:
            await self.app(scope, receive, send)
            return
        if self.on_limited:
            self.on_limited(path)
        retry_after = max(1, math.ceil(wait))
        body = json.dumps({
            "detail": f"too many requests; try again in {retry_after} seconds",
        }).encode()
        await send({
            "type": "http.response.start",
            "status": 429,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", str(retry_after).encode()),
            ],
        })
        await send({"type": "http.response.body", "body": body})
