"""Indicator rows run together a row a line under 三级指标 | 指标值 | 指标值内容 | 评(扣)分标准 |
度量单位 | 指标值类型 (学生补助标准17元/人.每天反映…按标准发放得10分,每少1元扣1分-定量), in a
project list whose units and projects stand on lines of their own (单位代码 · name · amount).

Every row ends with its 指标值类型 (定量 / 定性), after the mark of an empty 度量单位 (-): that
ends the rows, a row wrapped over lines included. A row opens with its classes (the framework's
labels); the rest is name · target · explanation · scoring rule, cut only where the text says:

* the rule is the last cell and its first clause gives points (…得10分); its condition opens
  with a fixed wording (按标准, 按期), or is the row's target figure repeated (90%得10分 under
  90%以上), or is a grade where every later clause's condition is a grade alone (良好得10分,
  一般得8分,差得0分);
* the target opens at the first figure (or comparator word before one) after words that end as
  a name does, or is a qualitative phrase (有所提升) there or before the name written again
  (生活质量有所提升生活质量); a figure target ends before an explanation's opening (反映…) or
  where a percentage (with 以上) ends.

Two cuts that disagree, or none, or a word before the opening or grade that may be the rule's
own (严格按标准…, 比较好), leave the row unread with a note (its classes kept for the rows
below). A line of 单位代码 · name · amount followed by indicator rows is their project (its cells
merged over them, put on the first); one followed by another such line is a unit."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ...framework import load_framework
from ...preload import preloaded
from ...targets import quantity_at
from ..grid import GridNote
from ..table_goalcell import words as list_words
from ..table_vocabulary import layout_file, vocabulary
from ..text_glue import class_words
from ..text_tokens import Token
from .webtext_fused import Sink

_CODE_ROW = re.compile(r"(?P<code>\d{3,})(?P<name>[^\d\s]{2,60})(?P<amount>\d[\d,]*(?:\.\d+)?)")
_FIGURE = re.compile(r"\d[\d.%％]*$")
_CLAUSES = re.compile(r"[,，;；]")
_NOT_DIGIT = re.compile(r"\D")
_MAX_ROW = 400  # (characters: a longer run is no row of this table)
_MAX_TARGET = 16  # (characters of a figure target before its explanation's opening)
_MIN_NAME = 2


@dataclass(frozen=True, slots=True)
class _Words:
    ending: re.Pattern[str]
    points: re.Pattern[str]
    openings: tuple[str, ...]
    grades: tuple[str, ...]  # longest first
    leads: tuple[str, ...]
    rule_leads: tuple[str, ...]
    suffixes: tuple[str, ...]  # longest first
    classes: tuple[str, ...]  # longest first


@preloaded
@cache
def _words() -> _Words:
    v = layout_file()["scored_rows"]
    types = "|".join(map(re.escape, v["types"]))
    blank = "".join(map(re.escape, v["blank_measure"]))
    return _Words(
        ending=re.compile(rf"(?P<measure>[{blank}]?)(?P<type>{types})$"),
        points=re.compile(v["points"]),
        openings=tuple(v["openings"]),
        grades=tuple(sorted(v["grades"], key=len, reverse=True)),
        leads=tuple(v["figure_leads"]),
        rule_leads=tuple(v["rule_leads"]),
        suffixes=tuple(sorted(v["figure_suffixes"], key=len, reverse=True)),
        classes=tuple(sorted(class_words(), key=len, reverse=True)),
    )


@dataclass(frozen=True, slots=True)
class _Columns:
    code: int
    unit: int
    total: int
    level1: int
    level2: int
    name: int
    value: int
    explanation: int
    standard: int
    measure: int
    kind: int


def _columns(labels: Sequence[str], roles: Sequence[str | None]) -> _Columns | None:
    """The columns when the header reads 单位代码 | 单位名称 | 资金总额 … 一级 | 二级 | 三级 |
    指标值 | 指标值内容 | 评(扣)分标准 | 度量单位 | 指标值类型, then a 备注 at most."""
    need = ("unit", "total", "level1", "level2", "name", "value", "explanation", "standard")
    if any(r not in roles for r in need) or "measure" not in roles or "op" not in roles:
        return None
    at = {r: roles.index(r) for r in (*need, "measure", "op")}
    order = [at[r] for r in ("level1", "level2", "name", "value", "explanation", "standard")]
    if order != list(range(order[0], order[0] + 6)):
        return None
    if at["measure"] != at["standard"] + 1 or at["op"] != at["measure"] + 1:
        return None
    if any(r not in (None, "remark") for r in roles[at["op"] + 1 :]):
        return None
    if at["unit"] < 1 or not list_words().code_column.fullmatch(labels[at["unit"] - 1]):
        return None
    level1, level2, name, value, explanation, standard = order
    return _Columns(
        code=at["unit"] - 1,
        unit=at["unit"],
        total=at["total"],
        level1=level1,
        level2=level2,
        name=name,
        value=value,
        explanation=explanation,
        standard=standard,
        measure=at["measure"],
        kind=at["op"],
    )


def _classes(text: str) -> tuple[str, str, int]:
    """The level-1 and level-2 class labels ``text`` opens with, and where the rest starts."""
    fw = load_framework()
    found: list[str] = []
    pos = 0
    while len(found) < 2:
        word = next((w for w in _words().classes if text.startswith(w, pos)), None)
        if word is None:
            break
        found.append(word)
        pos += len(word)
    if len(found) == 2:
        return found[0], found[1], pos
    if found and fw.find2(None, found[0]) is None:
        return found[0], "", pos
    return ("", found[0], pos) if found else ("", "", 0)


def _digits(text: str) -> str:
    return _NOT_DIGIT.sub("", text)


def _ends_as_name(name: str) -> bool:
    return len(name) >= _MIN_NAME and name.endswith(vocabulary().name_endings)


def _graded(rest: str, points: re.Match[str]) -> bool:
    """Whether every clause of the rule after its first that gives points has a grade alone
    for its condition (一般得8分,差得0分), and there is one at least."""
    w = _words()
    later = [c for c in _CLAUSES.split(rest[points.end() :]) if w.points.search(c)]
    conditions = [c[: m.start()] for c in later if (m := w.points.search(c)) is not None]
    return bool(conditions) and all(c in w.grades for c in conditions)


def _standard_starts(rest: str, points: re.Match[str]) -> dict[str, int]:
    """Where the rule may start, by each kind of evidence (the target's figure still to check
    for ``figure``)."""
    w = _words()
    head = rest[: points.start()]
    starts: dict[str, int] = {}
    suffix = next((s for s in w.suffixes if head.endswith(s)), "")
    bare = head[: len(head) - len(suffix)]
    figure = _FIGURE.search(bare)
    if figure is not None and figure.start() > 0 and not bare[: figure.start()].endswith(w.leads):
        starts["figure"] = figure.start()
    opened = [k for k in range(len(head)) if head.startswith(w.openings, k)]
    if len(opened) == 1:  # (two: which one opens the rule, nothing says)
        starts["opening"] = opened[0]
    grade = next((g for g in w.grades if head.endswith(g)), None)
    if grade is not None and len(head) > len(grade) and _graded(rest, points):
        starts["grade"] = len(head) - len(grade)
    if any(head[:k].endswith(w.rule_leads) for how, k in starts.items() if how != "figure"):
        return {}  # (严格按标准…: the rule may open before its opening word)
    return starts


@preloaded
@cache
def _ops() -> tuple[str, ...]:
    """Comparator words that may open a target (大于90%), longest first."""
    return tuple(sorted((k for k, v in vocabulary().ops.items() if v), key=len, reverse=True))


def _target_start(left: str) -> list[tuple[int, str]]:
    """Where a target may open in ``left`` (name · target · explanation), in order: (position,
    ``figure`` or the qualitative phrase)."""
    voc = vocabulary()
    phrases = sorted(voc.qualitative_phrases, key=len, reverse=True)
    out: list[tuple[int, str]] = []
    for k in range(_MIN_NAME, len(left)):
        if left[k].isdigit() and not left[k - 1].isdigit():
            out.append((k, "figure"))
            continue
        op = next((o for o in _ops() if left.startswith(o, k)), None)
        if op is not None and left[k + len(op) : k + len(op) + 1].isdigit():
            out.append((k, "figure"))
            continue
        phrase = next((p for p in phrases if left.startswith(p, k)), None)
        if phrase is not None and not left.startswith(voc.name_endings, k + len(phrase)):
            out.append((k, phrase))  # (not 达标 in 达标率: a name going on)
    return out


def _figure_end(left: str, k: int) -> int | None:
    """Where a figure target opening at ``k`` ends: before an explanation's opening close
    after it, or where a percentage (with 以上) ends; ``None``: nothing says."""
    w = _words()
    opened = [
        j
        for j in range(k + 1, min(len(left), k + _MAX_TARGET + 1))
        if left.startswith(vocabulary().explanation_openings, j)
    ]
    if opened:
        return opened[0]
    op = next((o for o in _ops() if left.startswith(o, k)), "")
    q = quantity_at(left[k + len(op) :])
    if q == 0:
        return None
    end = k + len(op) + q
    quantity = left[k:end]
    if quantity.endswith(("%", "％")) or quantity.endswith(w.suffixes):
        return end
    return None


def _opened_inside(explanation: str) -> bool:
    """Whether an explanation's opening (反映…) stands inside ``explanation`` past its start."""
    openings = vocabulary().explanation_openings
    return any(explanation.startswith(openings, j) for j in range(1, len(explanation)))


def split_row(rest: str) -> list[str] | str:
    """``rest`` (a row without its classes and type) as name, target, explanation, rule; or why
    it cannot be cut."""
    w = _words()
    points = w.points.search(rest)
    if points is None:
        return "的评(扣)分标准没有写得分"
    starts = _standard_starts(rest, points)
    readings: set[tuple[str, ...]] = set()
    for how, s in starts.items():
        left = rest[:s]
        for k, what in _target_start(left):
            name = left[:k]
            end = _figure_end(left, k) if what == "figure" else k + len(what)
            repeated = end is not None and left[end:].startswith(name)
            if not (_ends_as_name(name) or repeated):
                continue
            if end is None or (what != "figure" and any(c.isdigit() for c in left)):
                break  # (the name ends here, but not where its target ends: a phrase about a
                # figure may stand inside a name)
            target = left[k:end]
            if how == "figure" and _digits(rest[s : points.start()]) != _digits(target):
                break
            if _opened_inside(left[end:]):
                break  # (有所提升服务水平反映…: the target may run up to the opening)
            readings.add((name, target, left[end:], rest[s:]))
            break
    if len(readings) != 1:
        return "的名称、指标值、指标值内容和评(扣)分标准连在一起，分不出唯一一种读法"
    return list(readings.pop())


def _lines(part: Sequence[Token]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for t in part:
        if t.empty:
            continue
        text = "".join(t.text.split())
        if out and out[-1][1] == t.line:
            out[-1] = (out[-1][0] + text, t.line)
        else:
            out.append((text, t.line))
    return out


def scored_rows(
    part: Sequence[Token], labels: Sequence[str], roles: Sequence[str | None], at_end: bool
) -> tuple[list[tuple[list[str], int]], list[GridNote]] | None:
    """The body's rows read as the module says, and notes on the rows left out; ``None`` when
    the header or the body is not so."""
    cols = _columns(labels, roles)
    if cols is None:
        return None
    w = _words()
    width = len(roles)
    out: list[tuple[list[str], int]] = []
    notes: list[GridNote] = []
    pending: list[tuple[str, int]] = []
    project: list[str] | None = None
    project_line = 0
    typed = 0
    for text, line in _lines(part):
        code = _CODE_ROW.fullmatch(text) if len(text) <= _MAX_ROW else None
        if code is not None and not pending:
            if project is not None:
                out.append((project, project_line))  # (no indicator under it: a unit)
            project, project_line = [""] * width, line
            project[cols.code], project[cols.unit] = code["code"], code["name"]
            project[cols.total] = code["amount"]
            continue
        pending.append((text, line))
        whole = "".join(t for t, _ in pending)
        if len(whole) > _MAX_ROW:
            return None  # (no row of such a table is so long: the body is not one)
        end = w.ending.search(whole)
        if end is None:
            continue
        typed += 1
        first = pending[0][1]
        pending = []
        cells = [""] * width if project is None else project
        project = None
        level1, level2, pos = _classes(whole)
        cells[cols.level1], cells[cols.level2] = level1, level2
        cells[cols.measure], cells[cols.kind] = end["measure"], end["type"]
        rest = whole[pos : end.start()]
        if rest:
            got = split_row(rest)
            if isinstance(got, str):
                notes.append(_note(got, whole, first))
                cells[cols.measure] = cells[cols.kind] = ""  # (its classes kept, for below)
            else:
                cells[cols.name : cols.standard + 1] = got
        out.append((cells, first))
    if typed == 0:
        return None
    if project is not None:
        out.append((project, project_line))
    if pending:
        rest = "".join(t for t, _ in pending)
        why = "是文字的最后一行，可能被截断" if at_end else "没有以指标值类型结尾"
        notes.append(_note(why, rest, pending[0][1]))
    return out, notes


def _note(why: str, text: str, line: int) -> GridNote:
    return GridNote("warning", "text.row_unclear", f"这一行{why}，未读取：{text[:80]}", line)


def read_scored(part: Sequence[Token], roles: list[str | None], at_end: bool, sink: Sink) -> bool:
    """Emit the body's rows into ``sink`` when :func:`scored_rows` reads it (``True``); the
    header is ``sink``'s last row."""
    got = scored_rows(part, sink.rows[-1], roles, at_end)
    if got is None:
        return False
    for cells, line in got[0]:
        sink.emit(cells, line)
    sink.notes.extend(got[1])
    return True
