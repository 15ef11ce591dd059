"""Indicator classes as a table writes them → the framework's level-1 and level-2 classes.

Synonyms (项目完成指标 → 产出指标), decorations (``(必填)``, ``★``), a level 1 implied by its
level 2, and the older templates' 成本指标 under 产出指标 are resolved with a note each; what
the framework does not know is kept as written, with the framework's own complaint.
"""

from __future__ import annotations

from ..framework import Framework
from ..model import Level
from .table_values import NoteFn


def level1_below_top(fw: Framework, carried: dict[str, str], written1: str) -> bool:
    """``written1`` is the merged level-1 cell of rows above it too, printed lower than its top
    row (text keeps a merged cell's label on its middle line): no level 1 came before, and
    the level 2 carried down belongs to it (数量指标 under 产出指标) — that level 2 goes on."""
    if not written1 or "level1" in carried or not carried.get("level2"):
        return False
    c1 = fw.find1(None, written1)
    c2 = fw.find2(None, carried["level2"])
    return c1 is not None and c2 is not None and c2.parent == c1.code


def classes(
    fw: Framework,
    written1: str,
    written2: str,
    line: int,
    note: NoteFn,
    note_once: NoteFn,
) -> tuple[Level, Level]:
    """The classes of one indicator row; ``note_once`` takes the notes made once per document
    (a synonym is read on every row that uses it)."""
    c2 = fw.find2(None, written2) if written2 else None
    c1 = fw.find1(None, written1) if written1 else None
    if c2 is not None and c2.code in fw.level1 and c2.code not in fw.level2:
        # A legacy level 2 (成本指标 under 产出指标): mapped to its own level 1.
        mapped = fw.level1[c2.code]
        note_once(
            "info",
            "label.legacy",
            f"二级指标“{written2}”（旧模板，列在“{written1}”下）按一级指标“{mapped.name}”读取",
            line,
        )
        return Level(mapped.code, mapped.name), Level(None, c2.name)
    if c2 is not None and c2.parent is not None:
        parent = fw.level1[c2.parent]
        if c1 is None or c1.code != parent.code:
            note_once(
                "info",
                "label.level1_from_level2",
                f"二级指标“{written2}”属于“{parent.name}”，一级指标"
                + (f"“{written1}”" if written1 else "（空）")
                + f"按“{parent.name}”读取",
                line,
            )
            c1 = parent
    level1 = Level(c1.code, c1.name) if c1 is not None else Level(None, written1)
    level2 = Level(c2.code, c2.name) if c2 is not None else Level(None, written2)
    for written, found in ((written1, c1), (written2, c2)):
        if found is None or not written or written == found.name:
            continue
        if found is c1 and fw.find1(None, written) is not c1:
            continue  # overridden from the level 2: noted above
        note_once("info", "label.synonym", f"指标类别“{written}”按“{found.name}”读取", line)
    if c1 is None or c2 is None:
        for problem in fw.check(None, written1, None, written2):
            note("warning", "indicator.class", problem, line)
    return level1, level2
