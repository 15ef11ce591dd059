"""What keeps a public server answering: trusted Host headers and a per-client rate limit.

:class:`TrustedHosts` (ASGI middleware) answers a request whose ``Host`` header is not one of
``Settings.allowed_hosts`` (``*.example.gov.cn`` matches subdomains; ``*`` anything) with 400
in the API's error envelope, before any route runs: links the app builds from the Host header
(redirects, the OpenAPI docs) cannot be pointed elsewhere. :func:`rate_limited` is a route
dependency for the expensive routes (exports, search): each client (by address) may make
``Settings.rate_limit`` such requests in a sliding minute; past that 429 with ``Retry-After``.
The counts live in the app (one process); ``jixiao serve --workers N`` gives each worker its
own.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Sequence
from typing import Any

from fastapi import HTTPException, Request
from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

WINDOW = 60.0  # seconds


def host_allowed(host: str, allowed: Sequence[str]) -> bool:
    """Whether the Host header value ``host`` (port and IPv6 brackets allowed) is allowed."""
    name = host.strip().lower()
    if name.startswith("["):
        name = name[1 : name.find("]")] if "]" in name else name[1:]
    elif name.count(":") == 1:
        name = name.split(":", 1)[0]
    for pattern in allowed:
        p = pattern.strip().lower()
        if p == "*" or p == name or (p.startswith("*.") and name.endswith(p[1:])):
            return True
    return False


class TrustedHosts:
    """Refuse requests whose Host header is not allowed (see the module docstring)."""

    def __init__(self, app: ASGIApp, allowed: Sequence[str]) -> None:
        self.app = app
        self.allowed = tuple(allowed)
        self.any = "*" in self.allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.any or scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        host = Headers(scope=scope).get("host", "")
        if host_allowed(host, self.allowed):
            await self.app(scope, receive, send)
            return
        body = {
            "error": {
                "status": 400,
                "code": "bad_host",
                "message": f"不受信任的主机名：{host or '（缺少 Host）'}",
                "details": [
                    {"loc": ["header", "host"], "message": "应为：服务器设置的允许主机名之一"}
                ],
            }
        }
        await JSONResponse(body, status_code=400)(scope, receive, send)


class RateLimiter:
    """Sliding-window counts of expensive requests per client."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._hits: defaultdict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def wait(self, client: str, now: float | None = None) -> float:
        """0 if ``client`` may go on (and counts the request), else seconds to wait."""
        if self.per_minute <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits[client]
            while hits and hits[0] <= now - WINDOW:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return hits[0] + WINDOW - now
            hits.append(now)
            if len(self._hits) > 10_000:  # forget idle clients
                for key in [k for k, v in self._hits.items() if not v or v[-1] <= now - WINDOW]:
                    del self._hits[key]
            return 0.0


def rate_limited(request: Request) -> None:
    """Route dependency: 429 once this client has made too many expensive requests."""
    limiter: Any = getattr(request.app.state, "rate_limiter", None)
    if limiter is None:
        return
    client = request.client.host if request.client else "?"
    wait = limiter.wait(client)
    if wait > 0:
        seconds = max(1, int(wait + 0.999))
        raise HTTPException(
            status_code=429,
            detail=f"请求过于频繁：导出和检索每个客户端每分钟最多 {limiter.per_minute} 次，"
            f"请 {seconds} 秒后再试",
            headers={"Retry-After": str(seconds)},
        )
