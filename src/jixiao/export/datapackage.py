"""A Frictionless Data Package (zip of CSV files + ``datapackage.json``) for open-data portals.

Four tables linked by keys — ``documents``, ``units``, ``projects``, ``indicators`` — each with
a Table Schema (types, Chinese titles, primary key, foreign keys). Money and target values are
written as exact decimal text in ``number`` fields, never through floats. What real templates
add (the document's ``kind``, a project's code, goals, budget execution ``execution_*``, 总分
and 等级, an indicator's weight, direction, unit column, explanation, standard, 实际完成值
``actual_*``, 得分 and 偏差原因) are columns of the table they belong to, empty where a table
has none.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from ..formulas import neutralise
from ..interchange import FORMAT_VERSION, dec
from ..model import (
    DOCUMENT_KINDS,
    EXECUTION_FIELDS,
    EXECUTION_LABELS,
    FUND_FIELDS,
    FUND_LABELS,
    INDICATOR_EXTRAS,
    PROJECT_EXTRAS,
    Document,
    Extra,
    Project,
    Target,
)
from . import fields, register


def _field(name: str, type_: str, title: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "type": type_, "title": title, **extra}


_FUNDS = [_field(f, "number", FUND_LABELS[f]) for f in FUND_FIELDS]
_TARGET = [
    ("text", "string", "指标值"), ("kind", "string", "类型"), ("op", "string", "比较符"),
    ("value", "number", "数值"), ("upper", "number", "上限"), ("unit", "string", "单位"),
]  # fmt: skip
_TARGET_PARTS = tuple(name for name, _, _ in _TARGET)
_TYPES = {"number": "number", "text": "string"}


def _target_fields(prefix: str, label: str) -> list[dict[str, Any]]:
    return [_field(f"{prefix}_{name}", type_, f"{label}{title}") for name, type_, title in _TARGET]


def _extra_fields(extras: tuple[Extra, ...], prefix: str = "") -> list[dict[str, Any]]:
    """The Table Schema fields of optional model fields (named as :func:`fields.names`)."""
    out: list[dict[str, Any]] = []
    for extra in extras:
        if extra.kind == "target":
            out.extend(_target_fields(f"{prefix}{extra.name}", extra.label))
        else:
            out.append(_field(f"{prefix}{extra.name}", _TYPES[extra.kind], extra.label))
    return out


_EXECUTION = [
    _field(f"execution_{name}", "number", f"预算执行：{EXECUTION_LABELS[name]}")
    for name in EXECUTION_FIELDS
]

SCHEMAS: dict[str, dict[str, Any]] = {
    "documents": {
        "fields": [
            _field("document_id", "integer", "文件编号", constraints={"required": True}),
            _field("department", "string", "部门名称"),
            _field("year", "integer", "预算年度"),
            _field("title", "string", "标题"),
            _field("money_unit", "string", "金额单位"),
            _field("source_name", "string", "来源文件"),
            _field("source_sha256", "string", "来源文件 sha256"),
            *_FUNDS,
            _field(
                "kind",
                "string",
                "表的类型",
                description="；".join(f"{k}：{v}" for k, v in DOCUMENT_KINDS.items()),
                constraints={"enum": list(DOCUMENT_KINDS)},
            ),
        ],
        "primaryKey": ["document_id"],
    },
    "units": {
        "fields": [
            _field("unit_id", "integer", "单位编号", constraints={"required": True}),
            _field("document_id", "integer", "文件编号"),
            _field("name", "string", "资金使用单位"),
            *_FUNDS,
        ],
        "primaryKey": ["unit_id"],
        "foreignKeys": [
            {
                "fields": ["document_id"],
                "reference": {"resource": "documents", "fields": ["document_id"]},
            }
        ],
    },
    "projects": {
        "fields": [
            _field("project_id", "integer", "项目编号", constraints={"required": True}),
            _field("unit_id", "integer", "单位编号"),
            _field("name", "string", "项目名称"),
            *_FUNDS,
            _field("goal", "string", "绩效目标"),
            *_extra_fields(PROJECT_EXTRAS),
            *_EXECUTION,
        ],
        "primaryKey": ["project_id"],
        "foreignKeys": [
            {"fields": ["unit_id"], "reference": {"resource": "units", "fields": ["unit_id"]}}
        ],
    },
    "indicators": {
        "fields": [
            _field("indicator_id", "integer", "指标编号", constraints={"required": True}),
            _field("project_id", "integer", "项目编号"),
            _field("seq", "integer", "序号"),
            _field("level1_code", "string", "一级指标代码"),
            _field("level1_name", "string", "一级指标"),
            _field("level2_code", "string", "二级指标代码"),
            _field("level2_name", "string", "二级指标"),
            _field("name", "string", "三级指标"),
            *_target_fields("cycle", "实施周期"),
            *_target_fields("annual", "年度"),
            *_extra_fields(INDICATOR_EXTRAS),
        ],
        "primaryKey": ["indicator_id"],
        "foreignKeys": [
            {
                "fields": ["project_id"],
                "reference": {"resource": "projects", "fields": ["project_id"]},
            }
        ],
    },
}


def _funds(funds: Any) -> list[str | None]:
    return [dec(getattr(funds, f)) for f in FUND_FIELDS]


def _target(t: Target) -> list[str | None]:
    return [t.text, t.kind, t.op, dec(t.value), dec(t.upper), t.unit]


def _project(p: Project) -> list[object]:
    execution = p.execution
    return [
        *fields.cells(p, PROJECT_EXTRAS, _target, len(_TARGET_PARTS)),
        *(dec(None if execution is None else getattr(execution, n)) for n in EXECUTION_FIELDS),
    ]


def tables(docs: Iterable[Document]) -> dict[str, list[list[Any]]]:
    """The four tables' rows (without headers), ids numbered from 1 in document order."""
    out: dict[str, list[list[Any]]] = {name: [] for name in SCHEMAS}
    unit_id = project_id = indicator_id = 0
    for document_id, doc in enumerate(docs, start=1):
        src = doc.source
        out["documents"].append(
            [document_id, doc.department, doc.year, doc.title, doc.money_unit,
             src.name if src else None, src.sha256 if src else None, *_funds(doc.funds),
             doc.kind]
        )  # fmt: skip
        for unit in doc.units:
            unit_id += 1
            out["units"].append([unit_id, document_id, unit.name, *_funds(unit.funds)])
            for p in unit.projects:
                project_id += 1
                out["projects"].append(
                    [project_id, unit_id, p.name, *_funds(p.funds), p.goal, *_project(p)]
                )
                for ind in p.indicators:
                    indicator_id += 1
                    out["indicators"].append(
                        [indicator_id, project_id, ind.seq, ind.level1.code, ind.level1.name,
                         ind.level2.code, ind.level2.name, ind.name, *_target(ind.cycle),
                         *_target(ind.annual),
                         *fields.cells(ind, INDICATOR_EXTRAS, _target, len(_TARGET_PARTS))]
                    )  # fmt: skip
    return out


@register(
    "datapackage",
    ".zip",
    "application/zip",
    "Frictionless 数据包（CSV + datapackage.json），供开放数据平台发布",
)
def export_datapackage(docs: Iterable[Document]) -> Iterator[bytes]:
    rows = tables(docs)
    at = [f["name"] for f in SCHEMAS["documents"]["fields"]].index("kind")
    kinds = [k for k in DOCUMENT_KINDS if any(row[at] == k for row in rows["documents"])]
    buf = io.BytesIO()
    resources = []
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, schema in SCHEMAS.items():
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow([f["name"] for f in schema["fields"]])
            text_fields = [f.get("type", "string") == "string" for f in schema["fields"]]
            writer.writerows(
                [neutralise(v) if text else v for v, text in zip(row, text_fields, strict=False)]
                for row in rows[name]
            )
            archive.writestr(f"data/{name}.csv", text.getvalue())
            resources.append(
                {"name": name, "path": f"data/{name}.csv", "profile": "tabular-data-resource",
                 "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema}
            )  # fmt: skip
        descriptor = {
            "profile": "tabular-data-package",
            "name": "jixiao-performance-targets",
            "title": "、".join(DOCUMENT_KINDS[k] for k in kinds) or DOCUMENT_KINDS["target"],
            "description": "项目支出绩效目标与自评（部门、资金使用单位、项目、绩效指标及其"
            "类型化的指标值；自评表另有预算执行、实际完成值、分值、得分和偏差原因），"
            f"由 Jixiao 导出（交换格式 {FORMAT_VERSION}）。",
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "resources": resources,
        }
        archive.writestr(
            "datapackage.json", json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
        )
    yield buf.getvalue()
