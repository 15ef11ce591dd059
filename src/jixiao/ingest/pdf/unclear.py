"""Rows of an unruled table that its word positions do not prove.

Without rules, a cell wrapped over two lines and two rows look alike when the lines are as far
apart as rows are; :mod:`.words` then cuts a row in two: a class label cut apart (``产`` /
``出指标``), a name or value continued on the next line with the other columns empty. Each half
is read as an indicator and both are wrong; a wrong row is worse than a missing one, so a page
showing any such row is refused as a whole (:func:`unclear_rows`), with the rows that could not
be told apart named, rather than read in part (the other rows may be cut the same way unseen).

A body row is *unclear* when

- its class cell (一级 / 二级指标 column) holds text that is not a whole class label of the
  indicator framework (``出指标``, ``标``: the rest of a label printed on the line above);
- it fills no name, no class and no other cell that starts a row (a unit, a project, an
  amount of the table) but another cell (a value, a unit of measure continued alone);
- it fills the name cell and no other cell but a class cell (the rest of a name; an
  indicator without any value is refused with it).

Rows under the indicators (总分, 评价结论, the signatures, boilerplate) are not judged.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from ...framework import load_framework
from ..table_vocabulary import footer_role, is_boilerplate

CLASS_ROLES = frozenset(("level1", "level2"))
# A class label's numbering: 一、 1. (1) 1- …, printed before it in some templates.
_NUMBERING = re.compile(r"^[（(]?[0-9一二三四五六七八九十]+[)）、.．\-]?")


def is_class_label(text: str) -> bool:
    """Whether ``text`` is a whole class label of the framework (either level)."""
    fw = load_framework()
    for label in (text, _NUMBERING.sub("", text)):
        if label and (fw.find1(None, label) or fw.find2(None, label)):
            return True
    return False


def unclear_rows(
    roles: Sequence[str | None], rows: Sequence[Sequence[str]], keys: Collection[str]
) -> list[str]:
    """Why each unclear row of an unruled body is unclear (empty: every row is proved);
    ``keys`` are the roles of the columns whose text starts a row (a unit, a project …)."""
    classes = [j for j, r in enumerate(roles) if r in CLASS_ROLES]
    names = [j for j, r in enumerate(roles) if r == "name"]
    others = [j for j in range(len(roles)) if j not in classes and j not in names]
    starts = [j for j, r in enumerate(roles) if r in keys or r in CLASS_ROLES]
    if not names:
        return []  # not an indicator table: nothing here to tell apart

    def filled(row: Sequence[str], cols: Sequence[int]) -> list[int]:
        return [j for j in cols if j < len(row) and row[j].strip()]

    out: list[str] = []
    for row in rows:
        text = "".join(row)
        if not text.strip() or footer_role(text) or is_boilerplate(text):
            continue
        cut = [row[j] for j in filled(row, classes) if not is_class_label(row[j])]
        if cut:
            out.append(f"指标类别“{cut[0]}”不是完整的类别名称")
        elif not filled(row, names) and not filled(row, starts):
            out.append(f"“{text}”没有指标名称，像是上一行的续行")
        elif others and filled(row, names) and not filled(row, others):
            name = "".join(row[j] for j in filled(row, names))
            out.append(f"指标名称“{name}”所在行其他各列为空，像是上一行的续行")
    return out
