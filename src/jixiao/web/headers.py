"""Security headers on every response, and the request size limit (ASGI middleware).

* ``Content-Security-Policy``: scripts, styles, images, fonts and connections from this
  site only — no inline script anywhere (the pages' scripts are files under ``/static``,
  data travels in ``<script type="application/json">`` blocks, which never run); no
  ``object``, no ``<base>`` elsewhere, forms post here only, and ``frame-ancestors 'none'``
  (with ``X-Frame-Options: DENY`` for old browsers) so no other site frames the app.
  Styles allow ``'unsafe-inline'``: the chart and API-docs libraries set style attributes;
  a style cannot run code.
* ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: same-origin``,
  ``Cross-Origin-Opener-Policy: same-origin``, ``Permissions-Policy`` (no camera,
  microphone, location); ``Strict-Transport-Security`` when the request came over HTTPS.
* ``Cache-Control: no-store`` on every answer to a signed-in request (a cookie or a token)
  or one that sets a cookie: no copy of an account's pages is kept by a browser or a proxy.
* A request body over ``Settings.max_body_kb`` is refused with 413 before any route runs.
* A session cookie that no longer names a session is cleared on the way out.
"""

from __future__ import annotations

import json

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}
HSTS = "max-age=31536000"
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _too_large(limit_kb: int) -> tuple[bytes, list[tuple[bytes, bytes]]]:
    body = {
        "error": {
            "status": 413,
            "code": "too_large",
            "message": f"请求过大：超过服务器设置的上限 {limit_kb} KB",
            "details": [],
        }
    }
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(data)).encode()),
        *((k.encode(), v.encode()) for k, v in HEADERS.items()),
    ]
    return data, headers


class SecurityHeaders:
    """See the module docstring."""

    def __init__(self, app: ASGIApp, max_body_kb: int, session_cookie: str) -> None:
        self.app = app
        self.limit = max_body_kb * 1024
        self.limit_kb = max_body_kb
        self.session_cookie = session_cookie

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_headers = Headers(scope=scope)
        if scope["method"] in BODY_METHODS:
            declared = request_headers.get("content-length")
            if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
                await self._refuse(send)
                return
            if declared is None:  # chunked: read it here, within the limit
                chunks: list[bytes] = []
                size = 0
                more = True
                while more:
                    message = await receive()
                    if message["type"] != "http.request":
                        break
                    size += len(message.get("body", b""))
                    if size > self.limit:
                        await self._refuse(send)
                        return
                    chunks.append(message.get("body", b""))
                    more = message.get("more_body", False)
                receive = _replay(b"".join(chunks))
        cookies = request_headers.get("cookie", "")
        private = "authorization" in request_headers or self.session_cookie in cookies
        private = private and not scope["path"].startswith("/static/")  # assets are public
        https = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in HEADERS.items():
                    if key not in headers:
                        headers[key] = value
                if https:
                    headers["strict-transport-security"] = HSTS
                state = scope.get("state") or {}
                if state.get("drop_session"):
                    headers.append(
                        "set-cookie",
                        f"{self.session_cookie}=; Max-Age=0; Path=/; HttpOnly; SameSite=lax",
                    )
                if private or "set-cookie" in headers:
                    headers["cache-control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _refuse(self, send: Send) -> None:
        body, headers = _too_large(self.limit_kb)
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive
