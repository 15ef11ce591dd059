"""The web app: ``create_app(settings)`` builds it; ``jixiao serve`` runs it under uvicorn.

One :class:`~jixiao.store.Store` per app, opened in the lifespan from the settings and closed
when the app stops (kept in ``app.state.context``, never in a global). The REST API lives under
``/api/v1`` (:mod:`.api`), the pages at the root (:mod:`.pages`), every asset under ``/static``
(served by the app itself, so it works on an intranet without Internet access), the OpenAPI
spec at ``/openapi.json`` and its docs page at ``/docs`` (Swagger UI from ``static/vendor``).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from markupsafe import escape

from .. import __version__
from ..isolation import preload_libraries
from ..limits import Limits
from ..settings import Settings
from . import errors
from .account_pages import router as account_router
from .admin_pages import router as admin_router
from .api import router as api_router
from .auth import ANYONE, SESSION_COOKIE, allow, check_declared
from .context import Context
from .fill_pages import router as fill_router
from .guard import RateLimiter, TrustedHosts
from .headers import SecurityHeaders
from .inbox_pages import router as inbox_router
from .pages import error_page
from .pages import router as pages_router
from .rendering import make_templates, path_for
from .task_api import router as task_api_router
from .task_pages import router as task_pages_router
from .workflow_api import router as workflow_router
from .workflow_pages import router as workflow_pages_router

STATIC = Path(__file__).parent / "static"
ENV_SETTINGS = "JIXIAO_WEB_SETTINGS"
"""How ``jixiao serve --workers N`` hands its settings to the worker processes (JSON)."""

SWITCH_INTERVAL = 0.001
"""Seconds a thread of a serving process holds the GIL while another waits (Python: 0.005).
A page makes a dozen or more small queries, each giving the GIL up while SQLite works; under
load, waiting up to 5 ms to take it back after each one made a 10 ms page take 100."""

DESCRIPTION = """项目支出绩效目标表的查询接口：部门年度、单位、项目、指标（含类型化的指标值）、
审核意见、汇总和导出。金额与指标值以字符串表示的十进制数返回（如 `"12537.00"`），单位见
`money_unit`。错误统一为 `{"error": {"status", "code", "message", "details"}}`。"""


def create_app(settings: Settings) -> FastAPI:
    """The ASGI app over the database of ``settings``."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        context = Context.open(settings)
        app.state.context = context
        # Sync routes run in threads sharing one GIL: at most this many at a time, the rest
        # queued in order (fewer interleaved requests each finish sooner).
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.threads
        try:
            yield
        finally:
            context.close()
            del app.state.context

    app = FastAPI(
        title="Jixiao 绩效目标数据接口",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.rate_limiter = RateLimiter(settings.rate_limit)
    app.add_middleware(TrustedHosts, allowed=settings.allowed_hosts)
    app.add_middleware(
        SecurityHeaders, max_body_kb=settings.max_body_kb, session_cookie=SESSION_COOKIE
    )
    templates = make_templates()
    app.state.templates = templates
    renderer = errors.ErrorRenderer()
    renderer.page = error_page(templates)
    errors.install(app, renderer)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api_router)
    app.include_router(pages_router)
    app.include_router(account_router)
    app.include_router(admin_router)
    app.include_router(fill_router)
    app.include_router(workflow_router)
    app.include_router(task_api_router)
    app.include_router(task_pages_router)
    app.include_router(workflow_pages_router)
    app.include_router(inbox_router)

    @app.get("/docs", include_in_schema=False, name="docs_page", dependencies=[allow(ANYONE)])
    def docs(request: Request) -> HTMLResponse:
        return HTMLResponse(_docs_html(request))

    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    check_declared(app)  # deny by default: a route without a permission is a bug
    return app


def _docs_html(request: Request) -> str:
    """Swagger UI without inline script: its settings are read by ``static/js/docs.js``."""
    vendor = path_for(request, "static", path="vendor/swagger-ui")
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>Jixiao 接口文档</title>
<link rel="stylesheet" href="{vendor}/swagger-ui.css">
<link rel="icon" href="{path_for(request, "static", path="favicon.svg")}" type="image/svg+xml">
</head><body>
<div id="swagger-ui" data-openapi="{escape(path_for(request, "openapi"))}"></div>
<script src="{vendor}/swagger-ui-bundle.js"></script>
<script src="{path_for(request, "static", path="js/docs.js")}"></script>
</body></html>"""


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The spec, with the API token as an optional bearer scheme (anonymous: published data)."""
    if app.openapi_schema is None:
        spec = get_openapi(title=app.title, version=app.version, description=app.description,
                           routes=app.routes)  # fmt: skip
        spec.setdefault("components", {})["securitySchemes"] = {
            "bearer": {
                "type": "http",
                "scheme": "bearer",
                "description": "访问令牌（网页“我的账户”中建立）",
            }
        }
        spec["security"] = [{}, {"bearer": []}]
        app.openapi_schema = spec
    return app.openapi_schema


def settings_to_env(settings: Settings) -> str:
    """``settings`` as the JSON that :func:`app_from_env` reads back in a worker process."""
    return json.dumps(asdict(settings), ensure_ascii=False)


def tune_process() -> None:
    """Settings of a process that serves the app (``jixiao serve`` and its workers)."""
    sys.setswitchinterval(SWITCH_INTERVAL)
    preload_libraries()  # every upload is read in a fresh worker: start them with the libraries


def app_from_env() -> FastAPI:
    """The app for a uvicorn worker process: settings from ``$JIXIAO_WEB_SETTINGS``."""
    tune_process()
    raw = os.environ.get(ENV_SETTINGS)
    if raw:
        values = json.loads(raw)
        values["allowed_hosts"] = tuple(values.get("allowed_hosts") or ("*",))
        values["limits"] = Limits(**values["limits"]) if "limits" in values else Limits.defaults()
        settings = Settings(**values)
    else:
        settings = Settings.from_env()
    return create_app(settings)
