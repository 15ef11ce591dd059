"""The JSON (interchange) and CSV (one row per indicator) exporters. CSV text cells that look
like formulas are neutralised (:mod:`jixiao.formulas`)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from ..formulas import neutralise
from ..interchange import dec, to_dict
from ..model import EXECUTION_FIELDS, INDICATOR_EXTRAS, PROJECT_EXTRAS, Document, Project, Target
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
``deviation``)."""


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


@register(
    "csv",
    ".csv",
    "text/csv",
    "CSV：每个指标一行，带文件、单位和项目列（含自评的实际完成值、得分等；UTF-8 带 BOM）",
    stream=True,
)
def export_csv(docs: Iterable[Document]) -> Iterator[bytes]:
    """One row per indicator; UTF-8 with a BOM so that Excel opens the Chinese text right."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    yield "\ufeff".encode() + buf.getvalue().encode("utf-8")
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
