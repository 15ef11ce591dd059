"""Why no indicator table was found, said of the table that is there: the row with the most
header labels and what it lacks, a table that seems to start mid-table, a title with nothing
under it. The error a reader raises when it finds no table names this and its line."""

from __future__ import annotations

from collections.abc import Sequence

from ..framework import load_framework
from .grid import Grid
from .table_title import kinds_of
from .table_vocabulary import header_roles, role_of


def diagnose(grids: Sequence[Grid]) -> tuple[str, int | None]:
    """Why no indicator header was found, in words, and the line to look at: the row with the
    most header labels and what it lacks, else a row with indicator classes, else a title."""
    fw = load_framework()
    first_line: int | None = None
    best: tuple[int, list[str], int] | None = None
    classes: tuple[str, int] | None = None
    class_rows = 0  # rows holding a level-1 class: indicator rows whose header is missing
    title: tuple[str, int] | None = None
    for g in grids:
        for row, line in zip(g.rows, g.lines, strict=True):
            if first_line is None and any(row):
                first_line = line
            labels = [c for c in dict.fromkeys(row) if c and role_of(c) is not None]
            if len(labels) >= 2 and (best is None or len(labels) > best[0]):
                best = (len(labels), labels, line)
            known = next((c for c in row if c and fw.find1(None, c)), None)
            if known is not None:
                class_rows += 1
                if classes is None:
                    classes = (known, line)
            if title is None:
                text = next((c for c in row if c), "")
                if kinds_of(text):
                    title = (text, line)
    if best is not None and header_roles(best[1]) is None:
        roles = {role_of(c) for c in best[1]}
        missing = "“三级指标”列" if "name" not in roles else "指标值列或指标类别列"
        found = "、".join(best[1][:8])
        return f"找不到指标表头：表头行只有“{found}”，缺少{missing}", best[2]
    if classes is not None and class_rows > 1 and best is None:
        return (
            f"找不到指标表头：有多行指标（第一个指标类别“{classes[0]}”），但没有"
            "“一级指标 二级指标 三级指标 指标值”这样的表头行（表格似从中间开始，表头不在文中）；"
            "没有表头，指标名称之后的各格哪一格是指标值、完成值、分值或得分无法确定，未读取",
            classes[1],
        )
    if classes is not None:
        return (
            f"找不到指标表头：有指标类别“{classes[0]}”，但没有“一级指标 二级指标 三级指标 "
            "指标值”这样的表头行",
            classes[1],
        )
    if title is not None:
        return f"找到表名“{title[0]}”，但其下没有指标表", title[1]
    return (
        "找不到绩效目标表：既没有指标表头（三级指标、指标值），也没有指标类别（产出指标、效益指标）",
        first_line,
    )
