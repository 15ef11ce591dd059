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
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..limits import Limits
from ..settings import Settings
from . import errors
from .api import router as api_router
from .context import Context
from .guard import RateLimiter, TrustedHosts
from .pages import error_page
from .pages import router as pages_router
from .rendering import make_templates, path_for

STATIC = Path(__file__).parent / "static"
ENV_SETTINGS = "JIXIAO_WEB_SETTINGS"
"""How ``jixiao serve --workers N`` hands its settings to the worker processes (JSON)."""

DESCRIPTION = """项目支出绩效目标表的查询接口：部门年度、单位、项目、指标（含类型化的指标值）、
审核意见、汇总和导出。金额与指标值以字符串表示的十进制数返回（如 `"12537.00"`），单位见
`money_unit`。错误统一为 `{"error": {"status", "code", "message", "details"}}`。"""


def create_app(settings: Settings) -> FastAPI:
    """The ASGI app over the database of ``settings``."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        context = Context.open(settings)
        app.state.context = context
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
    templates = make_templates()
    app.state.templates = templates
    renderer = errors.ErrorRenderer()
    renderer.page = error_page(templates)
    errors.install(app, renderer)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api_router)
    app.include_router(pages_router)

    @app.get("/docs", include_in_schema=False, name="docs_page")
    def docs(request: Request) -> HTMLResponse:
        vendor = path_for(request, "static", path="vendor/swagger-ui")
        return get_swagger_ui_html(
            openapi_url=path_for(request, "openapi"),
            title="Jixiao 接口文档",
            swagger_js_url=f"{vendor}/swagger-ui-bundle.js",
            swagger_css_url=f"{vendor}/swagger-ui.css",
            swagger_favicon_url=path_for(request, "static", path="favicon.svg"),
        )

    return app


def settings_to_env(settings: Settings) -> str:
    """``settings`` as the JSON that :func:`app_from_env` reads back in a worker process."""
    return json.dumps(asdict(settings), ensure_ascii=False)


def app_from_env() -> FastAPI:
    """The app for a uvicorn worker process: settings from ``$JIXIAO_WEB_SETTINGS``."""
    raw = os.environ.get(ENV_SETTINGS)
    if raw:
        values = json.loads(raw)
        values["allowed_hosts"] = tuple(values.get("allowed_hosts") or ("*",))
        values["limits"] = Limits(**values["limits"]) if "limits" in values else Limits.defaults()
        settings = Settings(**values)
    else:
        settings = Settings.from_env()
    return create_app(settings)
