"""The JSON (interchange) and CSV (one row per indicator) exporters. CSV text cells that look
like formulas are neutralised (:mod:`jixiao.formulas`)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from ..formulas import neutralise
from ..interchange import dec, to_dict
from ..model import (
    EXECUTION_FIELDS,
    EXECUTION_LABELS,
    INDICATOR_EXTRAS,
    PROJECT_EXTRAS,
    Document,
    Project,
    Target,
)
from . import fields, register


@register(
    "json", ".json", "application/json", "交换格式 JSON：文档数组（docs/format.md）", stream=True
)
def export_json(docs: Iterable[Document]) -> Iterator[bytes]:
    """A JSON array of documents, streamed one document at a time."""
    yield b"["
    for k, doc in enumerate(docs):
        prefix = b"\n" if k == 0 else b",\n"
        yield prefix + json.dumps(to_dict(doc), ensure_ascii=False, indent=2).encode("utf-8")
    yield b"\n]\n"


_TARGET_PARTS = ("text", "kind", "op", "value", "upper", "unit", "parts")

CSV_COLUMNS = [
    "department", "year", "kind", "money_unit", "unit", "unit_total", "project",
    "project_total", "project_fiscal", "project_special", "project_other", "goal",
    *fields.names(PROJECT_EXTRAS, (), "project_"),
    *(f"execution_{name}" for name in EXECUTION_FIELDS),
    "seq", "level1_code", "level1_name", "level2_code", "level2_name", "indicator",
    *(f"{t}_{f}" for t in ("cycle", "annual") for f in _TARGET_PARTS),
    *fields.names(INDICATOR_EXTRAS, _TARGET_PARTS),
]  # fmt: skip
"""The CSV's columns: the document's, the unit's and the project's (its optional fields
``project_*``, its budget execution ``execution_*``), then the indicator's: classes, name,
targets (``cycle_*``, ``annual_*``) and its optional fields (``weight`` … ``actual_*`` …
``deviation``). These are the field names programs use (``--header en``); people get
:data:`CSV_LABELS`."""

_TARGET_LABELS = {"text": "", "kind": "类型", "op": "比较符", "value": "数值", "upper": "上限",
                  "unit": "计量单位", "parts": "分项"}  # fmt: skip


def _labels() -> list[str]:
    base = {
        "department": "部门", "year": "年度", "kind": "表类型", "money_unit": "金额单位",
        "unit": "资金使用单位", "unit_total": "单位合计", "project": "项目名称",
        "project_total": "总计", "project_fiscal": "财政拨款", "project_special": "财政专户拨款",
        "project_other": "其他资金", "goal": "绩效目标", "seq": "序号",
        "level1_code": "一级指标代码", "level1_name": "一级指标", "level2_code": "二级指标代码",
        "level2_name": "二级指标", "indicator": "三级指标",
    }  # fmt: skip
    targets = {"cycle": "实施周期指标值", "annual": "年度指标值"}
    for extra in PROJECT_EXTRAS:
        base[f"project_{extra.name}"] = extra.label
    for name in EXECUTION_FIELDS:
        base[f"execution_{name}"] = f"预算执行·{EXECUTION_LABELS[name]}"
    for extra in INDICATOR_EXTRAS:
        if extra.kind == "target":
            targets[extra.name] = extra.label
        else:
            base[extra.name] = extra.label
    for prefix, label in targets.items():
        for part in _TARGET_PARTS:
            base[f"{prefix}_{part}"] = label + _TARGET_LABELS[part]
    return [base[name] for name in CSV_COLUMNS]


CSV_LABELS = _labels()
"""The CSV's columns as people read them (the default header): one Chinese label per column,
from the model's own labels where it has them."""


def _target_cells(target: Target) -> list[object]:
    parts = "；".join(
        f"{p.label or ''}{'' if p.op in (None, '=') else p.op}{p.value or ''}{p.unit or ''}"
        for p in target.parts
    )
    return [target.text, target.kind, target.op, dec(target.value), dec(target.upper),
            target.unit, parts]  # fmt: skip


def _project_cells(project: Project) -> list[object]:
    execution = project.execution
    return [
        *fields.cells(project, PROJECT_EXTRAS, _target_cells, len(_TARGET_PARTS)),
        *(dec(None if execution is None else getattr(execution, n)) for n in EXECUTION_FIELDS),
    ]


def write_csv(docs: Iterable[Document], *, header: str = "zh", bom: bool = True) -> Iterator[bytes]:
    """One row per indicator under Chinese labels (``header="zh"``, for people) or the field
    names (``"en"``, for programs); UTF-8 with a BOM (``bom``) so that Excel opens the Chinese
    text right (programs that take a BOM for part of the first name do without)."""
    if header not in ("zh", "en"):
        raise ValueError(f"header: zh or en, not {header!r}")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_LABELS if header == "zh" else CSV_COLUMNS)
    yield ("\ufeff" if bom else "").encode() + buf.getvalue().encode("utf-8")
    for doc in docs:
        buf.seek(0)
        buf.truncate()
        for unit, project, ind in doc.indicators():
            cells = [
                doc.department, doc.year, doc.kind, doc.money_unit, unit.name,
                dec(unit.funds.total), project.name, dec(project.funds.total),
                dec(project.funds.fiscal), dec(project.funds.special), dec(project.funds.other),
                project.goal, *_project_cells(project), ind.seq,
                ind.level1.code, ind.level1.name, ind.level2.code, ind.level2.name, ind.name,
                *_target_cells(ind.cycle), *_target_cells(ind.annual),
                *fields.cells(ind, INDICATOR_EXTRAS, _target_cells, len(_TARGET_PARTS)),
            ]  # fmt: skip
            writer.writerow(neutralise(cell) for cell in cells)
        yield buf.getvalue().encode("utf-8")


@register(
    "csv",
    ".csv",
    "text/csv",
    "CSV：每个指标一行，带文件、单位和项目列（含自评的实际完成值、得分等；中文表头，UTF-8 带 BOM）",
    stream=True,
)
def export_csv(docs: Iterable[Document]) -> Iterator[bytes]:
    """The CSV as people open it: Chinese labels, with a BOM (:func:`write_csv`)."""
    return write_csv(docs)
