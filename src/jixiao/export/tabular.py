"""The JSON (interchange) and CSV (one row per indicator) exporters. CSV text cells that look
like formulas are neutralised (:mod:`jixiao.formulas`)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from ..formulas import neutralise
from ..interchange import dec, to_dict
from ..model import Document, Target
from . import register


@register("json", ".json", "application/json", "交换格式 JSON：文档数组（docs/format.md）")
def export_json(docs: Iterable[Document]) -> Iterator[bytes]:
    """A JSON array of documents, streamed one document at a time."""
    yield b"["
    for k, doc in enumerate(docs):
        prefix = b"\n" if k == 0 else b",\n"
        yield prefix + json.dumps(to_dict(doc), ensure_ascii=False, indent=2).encode("utf-8")
    yield b"\n]\n"


CSV_COLUMNS = [
    "department", "year", "money_unit", "unit", "unit_total", "project", "project_total",
    "project_fiscal", "project_special", "project_other", "goal", "seq", "level1_code",
    "level1_name", "level2_code", "level2_name", "indicator",
    *(f"{t}_{f}" for t in ("cycle", "annual")
      for f in ("text", "kind", "op", "value", "upper", "unit", "parts")),
]  # fmt: skip


def _target_cells(target: Target) -> list[object]:
    parts = "；".join(
        f"{p.label or ''}{'' if p.op in (None, '=') else p.op}{p.value or ''}{p.unit or ''}"
        for p in target.parts
    )
    return [target.text, target.kind, target.op, dec(target.value), dec(target.upper),
            target.unit, parts]  # fmt: skip


@register("csv", ".csv", "text/csv", "CSV：每个指标一行，带文件、单位和项目列（UTF-8 带 BOM）")
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
                doc.department, doc.year, doc.money_unit, unit.name, dec(unit.funds.total),
                project.name, dec(project.funds.total), dec(project.funds.fiscal),
                dec(project.funds.special), dec(project.funds.other), project.goal, ind.seq,
                ind.level1.code, ind.level1.name, ind.level2.code, ind.level2.name, ind.name,
                *_target_cells(ind.cycle), *_target_cells(ind.annual),
            ]  # fmt: skip
            writer.writerow(neutralise(cell) for cell in cells)
        yield buf.getvalue().encode("utf-8")
