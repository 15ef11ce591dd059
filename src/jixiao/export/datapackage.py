"""A Frictionless Data Package (zip of CSV files + ``datapackage.json``) for open-data portals.

Four tables linked by keys — ``documents``, ``units``, ``projects``, ``indicators`` — each with
a Table Schema (types, primary key, foreign keys). Money and target values are written as
exact decimal text in ``number`` fields, never through floats.
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
from ..model import FUND_FIELDS, Document, Target
from . import register

_FUND_TITLES = {
    "total": "总计",
    "fiscal": "财政拨款",
    "special": "财政专户拨款",
    "other": "其他资金",
}


def _field(name: str, type_: str, title: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "type": type_, "title": title, **extra}


_FUNDS = [_field(f, "number", _FUND_TITLES[f]) for f in FUND_FIELDS]
_TARGET = [
    ("text", "string", "指标值"), ("kind", "string", "类型"), ("op", "string", "比较符"),
    ("value", "number", "数值"), ("upper", "number", "上限"), ("unit", "string", "单位"),
]  # fmt: skip

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
            *(
                _field(f"{prefix}_{name}", type_, f"{label}{title}")
                for prefix, label in (("cycle", "实施周期"), ("annual", "年度"))
                for name, type_, title in _TARGET
            ),
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


def tables(docs: Iterable[Document]) -> dict[str, list[list[Any]]]:
    """The four tables' rows (without headers), ids numbered from 1 in document order."""
    out: dict[str, list[list[Any]]] = {name: [] for name in SCHEMAS}
    unit_id = project_id = indicator_id = 0
    for document_id, doc in enumerate(docs, start=1):
        src = doc.source
        out["documents"].append(
            [document_id, doc.department, doc.year, doc.title, doc.money_unit,
             src.name if src else None, src.sha256 if src else None, *_funds(doc.funds)]
        )  # fmt: skip
        for unit in doc.units:
            unit_id += 1
            out["units"].append([unit_id, document_id, unit.name, *_funds(unit.funds)])
            for p in unit.projects:
                project_id += 1
                out["projects"].append([project_id, unit_id, p.name, *_funds(p.funds), p.goal])
                for ind in p.indicators:
                    indicator_id += 1
                    out["indicators"].append(
                        [indicator_id, project_id, ind.seq, ind.level1.code, ind.level1.name,
                         ind.level2.code, ind.level2.name, ind.name, *_target(ind.cycle),
                         *_target(ind.annual)]
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
            "title": "项目支出绩效目标表",
            "description": "项目支出绩效目标（部门、资金使用单位、项目、绩效指标及其"
            f"类型化的指标值），由 Jixiao 导出（交换格式 {FORMAT_VERSION}）。",
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "resources": resources,
        }
        archive.writestr(
            "datapackage.json", json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
        )
    yield buf.getvalue()
