"""The Jinja2 environment of the pages: templates from ``web/templates``, autoescaped, and the
filters they share (amounts as the tables print them, shares, labels in Chinese)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from starlette.requests import Request
from starlette.templating import Jinja2Templates

from ..model import DOCUMENT_KINDS, EXECUTION_LABELS, Target, amount_text, year_label
from ..review.base import SEVERITY_LABELS
from ..review.opinion import split_fix
from ..review.report import rule_title

FIELD_LABELS = {
    "cycle": "实施周期指标值",
    "annual": "年度指标值",
    "name": "三级指标",
    "level1": "一级指标",
    "level2": "二级指标",
    "goal": "绩效目标",
    "indicators": "绩效指标",
    "project": "项目",
    "project.name": "项目名称",
    "funds.total": "总计",
    "funds.fiscal": "财政拨款",
    "funds.special": "财政专户拨款",
    "funds.other": "其他资金",
    "funds": "资金",
    "code": "项目编码",
    "period": "实施期",
    "period_goal": "实施期绩效目标",
    "goal_result": "实际完成情况",
    "weight": "分值",
    "direction": "指标方向",
    "measure": "度量单位",
    "explanation": "指标解释",
    "standard": "绩效标准",
    "actual": "实际完成值",
    "score": "得分",
    "deviation": "偏差原因",
    "total": "总计",
    "fiscal": "财政拨款",
    "special": "财政专户拨款",
    "other": "其他资金",
}
KIND_LABELS = {"quantitative": "定量", "qualitative": "定性", "composite": "复合"}
STATUS_LABELS = {"same": "未变", "changed": "有变化", "added": "新增", "removed": "取消"}


_SENTINEL = 987_654_321  # stands in for each parameter while a route's path template is made


def path_for(request: Request, name: str, /, **params: Any) -> str:
    """The path of route ``name`` under the app's root path (works behind a proxy prefix).

    ``url_path_for`` walks every route (and raises for each miss), too slow for the dozens of
    links on every page; so each route's path is made once per app and set of parameter names,
    with sentinel values that are then replaced by the real ones (Starlette puts parameter values
    into paths as they are, so the result is the same).
    """
    root = str(request.scope.get("root_path", "")).rstrip("/")
    cache: dict[tuple[str, tuple[str, ...]], tuple[str, dict[str, str]]] | None = getattr(
        request.app.state, "path_templates", None
    )
    if cache is None:
        cache = request.app.state.path_templates = {}
    key = (name, tuple(sorted(params)))
    entry = cache.get(key)
    if entry is None:
        marks = {k: str(_SENTINEL + n) for n, k in enumerate(key[1])}
        template = str(request.app.url_path_for(name, **marks))
        if any(template.count(m) != 1 for m in marks.values()):  # not a plain substitution
            return root + str(request.app.url_path_for(name, **params))
        entry = cache[key] = (template, marks)
    path, marks = entry
    for k, mark in marks.items():
        path = path.replace(mark, str(params[k]))
    return root + path


def amount(value: Decimal | None) -> str:
    """``12,537.00``; ``—`` for an empty column."""
    return "—" if value is None else amount_text(value)


def figure(value: Decimal | None) -> str:
    """A score, weight or rate as written (``19.00``, ``95.61``); ``—`` for none."""
    return "—" if value is None else str(value)


def share(value: float | None, digits: int = 1) -> str:
    """``0.634`` → ``63.4%``; ``—`` for none."""
    if value is None:
        return "—"
    return f"{value * 100:.{digits}f}%"


def typed(target: Target) -> str:
    """A typed target in short: ``≥ 200 亿元``, ``13–15 人``; ``定性`` when not measurable."""
    if target.kind == "composite":
        return "；".join(typed(p) for p in target.parts) or "复合"
    if target.kind != "quantitative" or target.value is None:
        return "定性"
    unit = f" {target.unit}" if target.unit else ""
    if target.op == "range":
        return f"{target.value}–{target.upper}{unit}"
    return f"{target.op or ''} {target.value}{unit}".strip()


def json_script(value: Any) -> Markup:
    """``value`` as JSON safe inside ``<script type="application/json">`` (no ``</``)."""
    text = json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def make_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("jixiao.web", "templates"),
        autoescape=select_autoescape(["html"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship with the package: no mtime check per render
        cache_size=-1,  # keep every compiled template
    )
    env.filters.update(
        amount=amount,
        figure=figure,
        share=share,
        typed=typed,
        json_script=json_script,
        year_label=year_label,
    )
    env.globals.update(
        DOCUMENT_KINDS=DOCUMENT_KINDS,
        EXECUTION_LABELS=EXECUTION_LABELS,
        SEVERITY_LABELS=SEVERITY_LABELS,
        split_fix=split_fix,
        rule_title=rule_title,
        FIELD_LABELS=FIELD_LABELS,
        KIND_LABELS=KIND_LABELS,
        STATUS_LABELS=STATUS_LABELS,
    )
    return env


def make_templates() -> Jinja2Templates:
    from .auth import csrf_token

    def unread(request: Request) -> int:
        """The header's count of unread notifications (one query, once per page)."""
        from ..services.inbox import unread_count
        from ..services.workflow import Acting

        me = getattr(request.state, "principal", None)
        if me is None or not me.signed_in or not me.can("account.self"):
            return 0
        found: int | None = getattr(request.state, "unread", None)
        if found is None:
            store = request.app.state.context.store
            found = request.state.unread = unread_count(store, Acting(me.actor, me.permissions))
        return found

    def context(request: Request) -> dict[str, Any]:
        return {
            "path_for": lambda name, **params: path_for(request, name, **params),
            "me": getattr(request.state, "principal", None),
            "csrf_token": lambda: csrf_token(request),
            "header_unread": lambda: unread(request),
        }

    return Jinja2Templates(env=make_environment(), context_processors=[context])
