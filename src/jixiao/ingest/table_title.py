"""A table's title and the lines of its form around it: the kinds a title names (自评 →
selfeval, 部门整体 → dept-whole, 绩效目标 → target), a form's title line, its year and money-unit
lines, and a department's name alone over the title (天津市某区人民法院 / 项目支出绩效目标表)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..model import DocumentKind
from .table_document import org_name
from .table_vocabulary import NAME_ROLES, block_role, vocabulary
from .text_tokens import is_title_end

YEAR_LINE = re.compile(r"^[（(]?\s*((?:19|20)\d{2})\s*年(?:度)?\s*[）)]?$")
# (a table's title, or a notice's heading: …绩效自评情况公示, …绩效目标公开)
_TITLE_END = re.compile("表|(?:绩效目标(?:情况)?|自评(?:结果|报告|情况))(?:公示|公开)?$")
_WHOLE_DEPARTMENT = re.compile("部门整体|整体支出|整体绩效")  # a department's whole spending
_TARGET_TITLE = re.compile("绩效目标|绩效指标|申报表|批复表|审批表|审核表")
# Clauses apart by commas or semicolons: a sentence (村级申报表,乡镇审核记录…齐全,得2分;…: a
# scoring rule's cell), never a title.
_CLAUSES = re.compile("[，,；;].*[，,；;。]")


def kinds_of(title: str) -> set[DocumentKind]:
    """The kinds a title names: 自评 → selfeval, 部门整体 → dept-whole (both in a 部门整体
    自评表), 绩效目标 → target (a page's 某某项目绩效目标情况 too, and a notice's …公示); empty
    for a text that is no title."""
    text = "".join(title.split())
    found: set[DocumentKind] = set()
    if len(text) > 60 or not _TITLE_END.search(text) or _CLAUSES.search(text):
        return found
    if "自评" in text or "评价表" in text or "评价结果" in text or "完成情况" in text:
        found.add("selfeval")
    if _WHOLE_DEPARTMENT.search(text):
        found.add("dept-whole")
    if not found and _TARGET_TITLE.search(text):
        found.add("target")
    return found


def kind_of(title: str) -> DocumentKind | None:
    """The main kind a title names (a self-evaluation before a 部门整体 table), or ``None``."""
    found = kinds_of(title)
    order: tuple[DocumentKind, ...] = ("selfeval", "dept-whole", "target")
    return next((k for k in order if k in found), None)


_ORG_LINE = re.compile(r"[\u4e00-\u9fff（）()]{4,30}")


def over_title(text: str, rows: Sequence[Sequence[str]], k: int) -> bool:
    """Whether a one-cell line ``text`` (row ``k``) is a department's name alone over the
    table's title (天津市某某区人民法院 over 项目支出绩效目标表): a name ending as one does and
    naming a place (``org_line_place``), the next filled row one cell naming a table's kind."""
    name = "".join(text.split())
    if not _ORG_LINE.fullmatch(name) or not org_name(name) or kinds_of(name):
        return False
    if not vocabulary().org_line_place.search(name[:-1]):
        return False  # (转载请注明出处 ends as a name does, and names no place)
    after = next((r for r in rows[k + 1 :] if any(r)), None)
    cells = {c for c in after or () if c}
    return len(cells) == 1 and bool(kinds_of(cells.pop()))


def form_line(text: str) -> bool:
    """A line of a page over a table that belongs to the table's form: its title (…绩效目标表),
    its year line ((2023年)), its money unit (单位:元), its unit's or project's field."""
    t = "".join(text.split())
    voc = vocabulary()
    return (
        is_form_title([t])
        or bool(YEAR_LINE.match(t) or voc.money_in_cell.fullmatch(t))
        or _unit_field(text)
    )


_FIELD = re.compile(r"^\s*([^:：\s]{2,12})(?:[:：]\s*|[ \t\u3000\xa0]+)(\S+)")


def _unit_field(text: str) -> bool:
    """A form's 单位名称:某某单位 or 项目名称:某某 line over its table (a 填报日期 after it, or
    nothing; a report cover's 项目名称    某某, no colon): the unit or the project the form is
    filled for, as the text reader reads it there."""
    m = _FIELD.match(text)
    return m is not None and block_role(m.group(1)) in NAME_ROLES


def form_lines(texts: Sequence[str]) -> list[int]:
    """Which of a page's lines before a table (in order) are its form's: :func:`form_line`s,
    and a department's name alone right over the form's title (某某法院 / 项目支出绩效目标表)."""
    kept = [n for n, t in enumerate(texts) if form_line(t)]
    rows = [[t] for t in texts]
    named = [n for n in range(len(texts) - 1) if n + 1 in kept and over_title(texts[n], rows, n)]
    return sorted(kept + named)


def is_form_title(row: Sequence[str]) -> bool:
    """A one-cell row that is a form's title: a kind of table, ending with 表."""
    cells = [c for c in dict.fromkeys(row) if c]
    if len(cells) != 1:
        return False
    t = "".join(cells[0].split())
    # (…自评表(2022年度): its year after it; …目标表(一级项目): a gloss of what it holds)
    return len(t) <= 60 and is_title_end(t) and kind_of(t) is not None


def form_title(
    titles: Sequence[int], hi: int, filled: Callable[[int], bool], field: Callable[[int], bool]
) -> int | None:
    """Of ``titles`` (the positions of title lines before ``hi``, in order), the form's: the
    last, unless it is only the caption of the indicator grid (项目支出绩效指标表 right over the
    header, nothing ``filled`` after it) under a title with the form's ``field`` s between them;
    ``None`` when there is no title."""
    if not titles:
        return None
    last = titles[-1]
    caption = len(titles) > 1 and not any(filled(k) for k in range(last + 1, hi))
    if caption and any(field(k) for k in range(titles[-2] + 1, last)):
        return titles[-2]
    return last


def is_title(text: str) -> bool:
    """A one-cell line that is a table's title even though a label reads the same
    (部门整体绩效目标)."""
    kinds = kinds_of(text)
    return bool(kinds - {"target"}) or "".join(text.split()).endswith("表")
