"""One error envelope for the API, one friendly page for the browser.

Every error the app returns under ``/api/`` (and ``/openapi.json``) is JSON of one shape::

    {"error": {"status": 404, "code": "not_found", "message": "没有编号为 7 的项目",
               "details": [...]}}

The library's errors are mapped once, by class (:data:`STATUS`): :class:`InputError` → 400,
:class:`LimitError` → 413 (an export or a file past a limit), :class:`NotFoundError` → 404,
:class:`ConflictError` → 409 (a stale write), :class:`AuthError` → 401 (not signed in, wrong or
expired credentials, locked), :class:`PermissionDenied` → 403 (signed in, not allowed),
:class:`ConfigError` → 400 (a bad setting or file the user gave),
:class:`StoreError` → 503 (the database refused or is unreachable). Request validation → 422
with one detail per bad parameter; unknown routes → 404 and wrong methods → 405 from Starlette.
Pages get the same status with a page in Chinese (``templates/error.html``). Anything else is a
bug: 500, logged with its traceback, and the client sees no internals.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from ..errors import (
    AuthError,
    ConfigError,
    ConflictError,
    InputError,
    JixiaoError,
    LimitError,
    NotFoundError,
    PermissionDenied,
    StoreError,
)

log = logging.getLogger("jixiao.web")

STATUS: dict[type[JixiaoError], int] = {
    LimitError: 413,
    InputError: 400,
    ConfigError: 400,
    NotFoundError: 404,
    ConflictError: 409,
    AuthError: 401,
    PermissionDenied: 403,
    StoreError: 503,
    JixiaoError: 400,
}
"""The HTTP status of each library error class (the nearest listed base class wins)."""

HTTP_CODES: dict[int, tuple[str, str]] = {
    400: ("bad_request", "请求有误"),
    401: ("unauthorized", "需要登录"),
    403: ("forbidden", "无权访问"),
    404: ("not_found", "页面或数据不存在"),
    405: ("method_not_allowed", "不支持该请求方法"),
    406: ("not_acceptable", "无法提供所请求的格式"),
    409: ("conflict", "数据已被他人修改，请重新读取后再改"),
    413: ("too_large", "请求过大"),
    415: ("unsupported_media_type", "不支持的内容类型"),
    422: ("invalid_parameters", "请求参数无效"),
    429: ("too_many_requests", "请求过于频繁"),
    500: ("internal", "服务器内部错误"),
    503: ("unavailable", "服务暂不可用"),
}
"""``code`` and default Chinese message of the statuses the app answers itself."""


class ErrorDetail(BaseModel):
    """One reason: for a bad parameter, where it is (``["query", "limit"]``) and what is wrong."""

    loc: list[str | int] = Field(default_factory=list)
    message: str
    type: str | None = None


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str
    details: list[ErrorDetail] = Field(default_factory=list)


class ErrorEnvelope(BaseModel):
    """Every error of the API."""

    error: ErrorBody


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorEnvelope, "description": HTTP_CODES[status][1]}
    for status in (400, 401, 403, 404, 422, 503)
}
"""The error responses every API route declares (for the OpenAPI spec)."""


def status_of(exc: JixiaoError) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400


def _body(status: int, code: str, message: str, details: Sequence[ErrorDetail] = ()) -> ErrorBody:
    return ErrorBody(status=status, code=code, message=message, details=list(details))


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/api" or path.endswith(".json")


NOT_FOUND_PAGE = "从首页、看板或搜索结果中的链接进入（文档和项目以链接中的编号区分）"
NOT_FOUND_API = "GET /api/v1/documents 或 /api/v1/projects 列出的编号"


def _expected_on_the_web(exc: JixiaoError, status: int, *, page: bool) -> str | None:
    """What the visitor should give instead, in the web's terms: the library's hints speak of
    the command line (``jixiao list`` 中的编号, ``--replace``), which a visitor has not got."""
    if status == 404:
        return NOT_FOUND_PAGE if page else NOT_FOUND_API
    expected = exc.expected
    if expected and ("jixiao " in expected or " --" in f" {expected}"):
        return None
    return expected


def _validation_message(error: dict[str, Any]) -> str:
    """A pydantic error in Chinese where its type is a common one, else pydantic's text."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    messages = {
        "missing": "缺少必填参数",
        "int_parsing": "应为整数",
        "int_type": "应为整数",
        "bool_parsing": "应为 true 或 false",
        "bool_type": "应为 true 或 false",
        "greater_than_equal": "应不小于 {ge}",
        "less_than_equal": "应不大于 {le}",
        "greater_than": "应大于 {gt}",
        "less_than": "应小于 {lt}",
        "string_too_long": "过长（最多 {max_length} 个字符）",
        "string_too_short": "过短（至少 {min_length} 个字符）",
        "string_pattern_mismatch": "格式不符",
        "enum": "应为以下之一：{expected}",
        "literal_error": "应为以下之一：{expected}",
        "decimal_parsing": "应为数字",
        "float_parsing": "应为数字",
    }
    template = messages.get(kind)
    if template is None:
        return str(error.get("msg", "参数无效"))
    try:
        return template.format(**ctx)
    except (KeyError, IndexError, ValueError):
        return template.split("{")[0].rstrip("：（ ") or str(error.get("msg", "参数无效"))


def _validation_details(exc: RequestValidationError) -> list[ErrorDetail]:
    out = []
    for error in exc.errors():
        loc = [part if isinstance(part, int) else str(part) for part in error.get("loc", ())]
        out.append(ErrorDetail(loc=loc, message=_validation_message(error), type=error.get("type")))
    return out


def _describe(details: Sequence[ErrorDetail]) -> str:
    parts = []
    for d in details:
        where = ".".join(str(p) for p in d.loc[1:] if p != "body") or ".".join(map(str, d.loc))
        parts.append(f"{where}：{d.message}" if where else d.message)
    return "；".join(parts)


class ErrorRenderer:
    """Renders an :class:`ErrorBody` as JSON or as a page; ``page`` is set by the app once its
    templates exist (``(request, body) -> Response``)."""

    def __init__(self) -> None:
        self.page: Any = None

    def respond(
        self, request: Request, body: ErrorBody, headers: dict[str, str] | None = None
    ) -> Response:
        if self.page is not None and not _wants_json(request):
            response: Response = self.page(request, body)
        else:
            response = JSONResponse(
                ErrorEnvelope(error=body).model_dump(mode="json"), status_code=body.status
            )
        response.status_code = body.status
        for key, value in (headers or {}).items():
            response.headers[key] = value
        return response


def install(app: FastAPI, renderer: ErrorRenderer) -> None:
    """Register the handlers that map every error to the envelope (or the error page)."""

    async def jixiao_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, JixiaoError)
        status = status_of(exc)
        if status >= 500:
            log.warning("%s %s: %s", request.method, request.url.path, exc)
        details = []
        expected = _expected_on_the_web(exc, status, page=not _wants_json(request))
        if expected:
            details.append(ErrorDetail(message=f"应为：{expected}", type="expected"))
        message = exc.describe(with_source=False) if exc.line is not None else exc.message
        return renderer.respond(request, _body(status, exc.code, message, details))

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        details = _validation_details(exc)
        message = f"请求参数无效：{_describe(details)}" if details else HTTP_CODES[422][1]
        return renderer.respond(request, _body(422, "invalid_parameters", message, details))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code, default = HTTP_CODES.get(exc.status_code, ("http_error", "请求失败"))
        message = exc.detail if isinstance(exc.detail, str) and exc.detail else default
        if exc.status_code == 404 and message == "Not Found":
            message = f"没有这个地址：{request.url.path}"
        elif exc.status_code == 405 and message == "Method Not Allowed":
            message = f"{request.url.path} 不支持 {request.method} 请求"
        return renderer.respond(
            request, _body(exc.status_code, code, message), dict(exc.headers or {})
        )

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path, exc_info=exc)
        return renderer.respond(request, _body(500, "internal", HTTP_CODES[500][1]))

    app.add_exception_handler(JixiaoError, jixiao_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected)
