"""``jixiao compare``: two tables side by side (two years of a department, or two departments)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.markup import escape
from rich.table import Table

from ..compare import Comparison, ProjectMatch, changed_only, compare, to_dict
from ..errors import InputError
from ..model import QUANTIFIED_LABEL, Document, quantified_text, year_label
from .common import amount, db_option, encoding_option, main, make_console, open_store, year_option

_STATUS = {"same": "相同", "changed": "有变化", "added": "新增", "removed": "取消"}
_FIELD = {"total": "总计", "fiscal": "财政拨款", "special": "财政专户拨款", "other": "其他资金"}
_CHANGE = {"level": "指标类别", "cycle": "实施周期指标值", "annual": "年度指标值"}


def _load(ref: str, db: str | None, year: int | None, encoding: str | None) -> Document:
    """A table file (parsed), or the number of a stored document (``jixiao list``)."""
    path = Path(ref)
    if path.exists() or not ref.isdigit():
        from ..limits import Limits
        from ..loader import ReadOptions, parse_isolated

        options = ReadOptions(year=year, encoding=encoding, limits=Limits.from_env())
        docs = parse_isolated(str(path), options)  # a hostile file cannot take the shell down
        return docs[0]
    with open_store(db) as store:
        doc: Document = store.load(int(ref))
    return doc


def _signed(value: Any) -> str:
    if value is None:
        return "—"
    return f"+{value:,}" if value > 0 else f"{value:,}"


def _side_label(doc_side: Any) -> str:
    return f"{doc_side.department} {year_label(doc_side.year)}".strip()


def _project_line(m: ProjectMatch) -> list[str]:
    total = m.total
    name = m.name if not m.renamed else f"{m.before.name} → {m.after.name}"  # type: ignore[union-attr]
    if m.matched == "similar":
        name += "（名称相近，按同一项目比较）"
    what: list[str] = (
        [_FIELD[d.field] for d in m.funds if d.changed] if m.status == "changed" else []
    )
    if m.goal_changed:
        what.append("绩效目标")
    counts = {
        s: sum(1 for i in m.indicators if i.status == s) for s in ("changed", "added", "removed")
    }
    what += [f"指标{_STATUS[s]} {n}" for s, n in counts.items() if n]
    return [
        _STATUS[m.status],
        escape(name),
        amount(total.before),
        amount(total.after),
        _signed(total.change),
        "、".join(what),
    ]


def _print(c: Comparison, show_all: bool) -> None:
    console = make_console()
    a, b = c.before, c.after
    console.print(f"[bold]{escape(_side_label(a))}[/] → [bold]{escape(_side_label(b))}[/]"
                  f"（金额单位：{a.money_unit}）", highlight=False)  # fmt: skip
    for note in c.notes:
        console.print(f"注：{escape(note)}", highlight=False)
    head = Table("", escape(_side_label(a)), escape(_side_label(b)), "变化", show_edge=False)
    total = next(d for d in c.funds if d.field == "total")
    head.add_row("总计", amount(total.before), amount(total.after), _signed(total.change))
    for label, x, y in (("项目", a.projects, b.projects), ("指标", a.indicators, b.indicators)):
        head.add_row(label, str(x), str(y), _signed(y - x))
    head.add_row(
        f"{QUANTIFIED_LABEL}占比",
        quantified_text(a.quantitative, a.indicators),
        quantified_text(b.quantitative, b.indicators),
        f"{(b.quantified_share - a.quantified_share) * 100:+.1f} 个百分点",
    )
    console.print(head)
    summary = "，".join(
        f"{_STATUS[s]} {c.count(s)}" for s in ("changed", "added", "removed", "same")
    )
    console.print(f"项目：{summary}", highlight=False)
    rows = list(c.projects) if show_all else changed_only(c.projects)
    if not rows:
        return
    table = Table("状态", "项目", "原总计", "现总计", "变化", "变化内容", show_lines=False)
    for m in rows:
        table.add_row(*_project_line(m))
    console.print(table)


@main.command(name="compare")
@click.argument("before")
@click.argument("after")
@db_option
@year_option
@encoding_option
@click.option("--all", "show_all", is_flag=True, help="也列出没有变化的项目。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（金额为十进制字符串）。")
def compare_(
    before: str,
    after: str,
    db: str | None,
    year: int | None,
    encoding: str | None,
    show_all: bool,
    as_json: bool,
) -> None:
    """比较两份表（同一部门的两个年度，或两个部门）：项目按名称配对，列出变化。

    BEFORE 和 AFTER 各是一个表文件，或已入库文档的编号（jixiao list 的第一列）。
    """
    if before.strip() == after.strip():
        raise InputError(
            f"BEFORE 和 AFTER 是同一份文档（{before}）：与自身对比不会有任何差别",
            expected="同一部门另一年度的表，或同一年度另一部门的表（jixiao list 列出库中的文档）",
        )
    result = compare(_load(before, db, year, encoding), _load(after, db, year, encoding))
    if as_json:
        click.echo(json.dumps(to_dict(result), ensure_ascii=False, indent=2))
        return
    _print(result, show_all)
