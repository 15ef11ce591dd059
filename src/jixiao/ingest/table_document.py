"""What a table says of its document beyond its rows: the department or project its title
names when nothing else does, and the last indicator of a table cut short inside it."""

from __future__ import annotations

import re
from collections.abc import Set
from functools import cache

from ..chars import HAN
from ..model import Document, Funds
from ..preload import preloaded
from .table_vocabulary import layout_file, vocabulary

_TITLE_DEPARTMENT = re.compile(r"^(?P<name>\S{2,30}?)(?:19|20)\d{2}\s*年")
_FILLED = re.compile(r"[\w\u4e00-\u9fff%％]")  # a letter, figure, word or percent: not marks only
_COMPARATOR_END = re.compile(r"[<>＜＞≤≥≦≧=]\s*$")  # 情况>: cut right after its comparator
_TITLE_WORDS = re.compile(
    r"^(?:(?:19|20)\d{2}年度?)?|(?:项目)?(?:支出)?(?:绩效)?(?:目标|自评|评价)?(?:指标)?(?:表|结果|报告|情况)?$"
)


def department_in_title(title: str | None) -> str | None:
    """The department a 部门整体 title starts with (某某局2023年度部门整体绩效自评表)."""
    if not title or "整体" not in title:
        return None
    m = _TITLE_DEPARTMENT.match("".join(title.split()))
    return m.group("name") if m else None


def org_name(name: str) -> bool:
    """Whether ``name`` ends as a department's or unit's does (局, 中心, 政府 …:
    ``org_endings``)."""
    return name.endswith(vocabulary().org_endings)


def department_of_title(title: str | None) -> str | None:
    """The department any table's title starts with, before its year (某某县民政局2020年度预算
    项目绩效自评表 → 某某县民政局): a name ending as a department's does (局, 中心, 政府 …)."""
    m = _TITLE_DEPARTMENT.match("".join(title.split())) if title else None
    return m.group("name") if m and org_name(m.group("name")) else None


def settle_department(doc: Document) -> None:
    """The department of a document that states none in a line or field: the one its title
    starts with, else its only unit's name (noted)."""
    if not doc.department and (named := department_of_title(doc.title)):
        doc.department = named  # 某某局2020年度预算项目绩效自评表
        doc.note("info", "department.from_title", f"部门名称“{named}”取自标题")
    if not doc.department:
        doc.department = doc.units[0].name if len(doc.units) == 1 else ""
        doc.note("warning", "department.missing", "表中未写明部门名称")


def settle_funds(doc: Document, total: Funds | None) -> None:
    """A unit's funds that no row states are its projects' sum; the document's are ``total``
    (its 合计 row), else its units' sum (noted)."""
    for u in doc.units:
        if u.funds.is_empty():
            u.funds = Funds.sum(p.funds for p in u.projects)
    if total is None:
        total = Funds.sum(u.funds for u in doc.units)
        doc.note("info", "total.computed", "表中没有合计行，文件合计按各单位金额相加")
    doc.funds = total


def project_in_title(title: str | None) -> str | None:
    """The project a title names when nothing else does (2021年度某某项目自评结果 → 某某)."""
    if not title:
        return None
    name = _TITLE_WORDS.sub("", "".join(title.split()))
    if _heading_words()[1].search(name):
        return None  # (重大政策和项目绩效目标情况: a page about many projects names none)
    return name if len(name) >= 4 and name != title else None


@preloaded
@cache
def _heading_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    v = layout_file()["heading"]
    return re.compile(v["project"]), re.compile(v["not_name"])


def project_heading(text: str) -> str | None:
    """The project a heading over its targets names, on a page giving projects one after
    another (某某项目项目绩效目标 → 某某项目); ``None`` for any other line, and where the name
    is a document's title (a year before it), a department's (某某局) or a class of projects
    (重大政策和). Vocabulary: ``[heading]`` in ``data/table_layout.toml``."""
    heading, not_name = _heading_words()
    m = heading.fullmatch("".join(text.split()))
    if m is None or "整体" in m.group():
        return None
    name = m.group("name")
    if not_name.search(name) or org_name(name):
        return None
    return name


def drop_cut_row(
    doc: Document,
    grouped: Set[int] = frozenset(),
    *,
    open_scored: bool = False,
    qualitative: Set[int] = frozenset(),
) -> None:
    """The last indicator of the table left out when the table ends inside it (an excerpt, a
    page cut short): it lacks what the row before it has, or its target is a comparator
    alone or ends with one, or (``open_scored``: its columns have 实际完成值 / 得分 and no
    footer, 总分 or 评价结论, came after it) it is its project's only one and has none of them.
    ``grouped``: the ids of indicators whose 分值 / 得分 is a merged cell's, on the group's
    first row (not lacking); ``qualitative``: those that state no target by design (指标性质
    定性, or a header with no target column): an empty target there is no cut."""
    last = next(((u, p) for u, p in reversed(list(doc.projects())) if p.indicators), None)
    if last is None:
        return
    project = last[1]
    ind = project.indicators[-1]
    prev = project.indicators[-2] if len(project.indicators) > 1 else None
    # (a comparator with its unit, ≧ %, is a template's unfilled value, whole: not cut off)
    lacking = id(ind) not in qualitative and not _FILLED.search(ind.annual.text)
    inds = project.indicators
    if prev is not None and not any(_FILLED.search(i.annual.text) for i in inds):
        # (every row states its period's target and none the year's: the form leaves them
        # all empty, the last row's is no cut)
        lacking = lacking and not all(_FILLED.search(i.cycle.text) for i in inds)
    # (a target that ends with its comparator, 情况>, was cut right after it)
    lacking = lacking or bool(_COMPARATOR_END.search(ind.annual.text))
    # (a share's target of one character that is no verdict, 全 under 某某到位率: a share is a
    # figure or words such as 全部, so the word was cut after its first character)
    word, voc = ind.annual.text.strip(), vocabulary()
    clipped = bool(HAN.fullmatch(word)) and word not in voc.verdicts
    lacking = lacking or (clipped and "".join(ind.name.split()).endswith(voc.capped_rates))
    if prev is None and open_scored:
        lacking = lacking or (ind.actual is None and ind.weight is None and ind.score is None)
    if prev is not None:
        pairs: list[tuple[object, object]] = [
            (ind.actual, prev.actual),
        ]
        if id(ind) not in qualitative:
            pairs.append((ind.annual.text, prev.annual.text))
        if id(ind) not in grouped:
            pairs += [(ind.weight, prev.weight), (ind.score, prev.score)]
        for mine, theirs in pairs:
            lacking = lacking or (theirs not in (None, "") and mine in (None, ""))
    if lacking:
        project.indicators.pop()
        doc.note(
            "warning",
            "table.cut_short",
            f"表格在指标“{ind.name}”处中断，这一行不完整，未读取",
            project=project.name,
        )
