"""The vocabulary of row-per-indicator tables, loaded from ``data/table_layout.toml``.

Which cell labels name which column (:func:`role_of`), what a header row is
(:func:`header_roles`, :func:`has_header`), which lines of a web page are boilerplate
(:func:`is_boilerplate`), and the labels of an indentation tree's indicator column
(:func:`is_tree_column`). Readers' sniffers use these as much as the interpreter does; no fact
about any one table lives here.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from ..framework import clean_label
from ..model import SOURCE_FIELDS
from ..preload import preloaded
from .pattern_forms import literal_forms

NAME_ROLES = ("project", "department", "unit")
"""The fields that name a body: a form's project, its department, its unit."""

GOAL_ROLES = ("goal", "period_goal", "goal_result")
"""The fields of a goal: the year's, the period's, and what was achieved of it."""

BLOCK_ROLES = frozenset(
    {"department", "unit", "project", "code", "total", "fiscal", "special", "other", "goal"}
    | {"period", "period_goal", "goal_result", "field"}
)
"""Roles of the fields a one-project form states above its header (项目名称 | X, 资金总额 | 100)."""

VALUE_ROLES = frozenset({"value", "cycle", "annual"})
"""Roles of target columns."""

INDICATOR_TEXT_ROLES = ("direction", "measure", "explanation", "standard", "deviation")
"""Indicator columns kept as written on the indicator (same-named model fields)."""


@dataclass(frozen=True, slots=True)
class Vocabulary:
    columns: tuple[tuple[re.Pattern[str], str], ...]
    block: tuple[tuple[re.Pattern[str], str], ...]
    # labels whose role in an indicator header hangs on their side of the names column
    before_names: tuple[tuple[re.Pattern[str], str], ...]
    after_names: tuple[tuple[re.Pattern[str], str], ...]
    funds_columns: tuple[tuple[re.Pattern[str], str], ...]
    funds_rows: tuple[tuple[re.Pattern[str], str], ...]
    footer: tuple[tuple[re.Pattern[str], str], ...]
    grades: frozenset[str]
    placeholder_name: re.Pattern[str]
    lexicon: tuple[str, ...]
    other_level2: frozenset[str]  # classes of other templates (进度指标), kept as written
    evaluation_level1: frozenset[str]  # an evaluation score sheet's classes (决策 / 项目立项),
    evaluation_level2: frozenset[str]  # kept as written
    class_column_labels: frozenset[str]  # 评价指标 / 评价内容: class columns by their content
    qualitative_phrases: tuple[str, ...]
    change_words: tuple[str, ...]  # 提升, 增长: open a figure's cell (提升10%), longest first
    verdicts: frozenset[str]  # one-character qualitative values (高, 是): 高高 is two cells
    reason_openings: tuple[str, ...]  # 没有, 未: how a reason for a shortfall opens
    completion_words: frozenset[str]  # 完成, 未完成: a 完成情况 cell's value, never a name
    name_endings: tuple[str, ...]  # 率, 人数: how a name naming a measure ends
    explanation_openings: tuple[str, ...]  # 反映: how a 指标解释 opens
    joining_words: tuple[str, ...]  # 及, 和: a name's second half opens so
    place_endings: tuple[str, ...]  # 街道办, 镇: how a town's name ends
    village_endings: tuple[str, ...]  # 村: a village's, which stands inside a town
    county_endings: tuple[str, ...]  # 区, 县: how a county's (or a city's) name ends
    area_labels: tuple[str, ...]  # 区域: a field naming the areas a transfer goes to
    org_endings: tuple[str, ...]  # 中心, 局: how a unit's name ends
    org_line_place: re.Pattern[str]  # 省 市 县 区: a place a department's name line names
    label_qualifiers: tuple[str, ...]  # 中央 (主管部门): words opening a label, never a name's end
    prefixed_labels: frozenset[str]  # 项目负责人: printed whole, the 项目 the label's
    unprefixed_labels: tuple[str, ...]  # 主管部门及代码: printed with no word before it
    class_marks: tuple[str, ...]  # 必填 of 数量指标(必填): a template's mark after a class
    open_endings: tuple[str, ...]  # 按, 于: words no name ends with (they need more after them)
    label_words_on: tuple[str, ...]  # 使用: after a label, a longer word (项目资金使用合规性)
    label_words_before: tuple[str, ...]  # 该: before a label, a sentence's word (该指标值…)
    scoring_rule: re.Pattern[str]  # 记满分: a 评分标准's words, not a 偏差原因's
    note_labels: tuple[str, ...]  # 评价要点: a note's label, its text no indicator's name
    standard_kind: re.Pattern[str]  # 计划标准: what a 绩效标准 cell names, never a target
    checkboxes: frozenset[str]  # □: a form's option list, no part of a name
    capped_rates: tuple[str, ...]  # 合格率: shares of a whole, never above 100%
    sourced_total: re.Pattern[str]  # 年度金额 after 中央补助: the source's amount is the year's
    required_role: str
    required_label: str
    money_default: str
    money_units: dict[str, int]
    money_aliases: dict[str, str]
    money_in_label: re.Pattern[str]
    money_in_cell: re.Pattern[str]
    total_row: re.Pattern[str]
    code_prefix: re.Pattern[str]
    code_in_label: re.Pattern[str]  # 主管部门及其编码: the name's cell holds its code too
    code_suffix: re.Pattern[str]  # 某某局 308001: a code after the name (such labels only)
    code_glued: re.Pattern[str]  # 331某某厅: a code glued before the name (such labels only)
    qualitative_ops: frozenset[str]
    direction_word: re.Pattern[str]  # 正向, 反向指标: a 指标方向 cell's word
    ops: dict[str, str]
    units: dict[str, str]
    boilerplate: tuple[re.Pattern[str], ...]
    cut_notes: tuple[re.Pattern[str], ...]  # (以下内容略): the text stops short (boilerplate too)
    page_turns: tuple[re.Pattern[str], ...]  # (下转第22页): the table goes on elsewhere (ditto)
    department_line: re.Pattern[str]
    title: re.Pattern[str]
    caption: re.Pattern[str]  # 绩效项目指标表: the grid's caption, which ends the goals above it
    section_heading: re.Pattern[str]  # (二)中长期绩效指标: a section's heading, ends the goals
    tree_column: re.Pattern[str]
    first_row_only: frozenset[str]  # roles whose merged cell is read on its first row only
    funds_score_points: re.Pattern[str]  # 得分（20分*执行率）: the execution's 分值 in a label
    funds_rate_above: re.Pattern[str]  # 预算执行进度(%) over the rate that ends a row of pairs
    funds_used: re.Pattern[str]  # 资金使用情况 | 合计:109.8万元: the amount spent
    ocr_pieces: tuple[tuple[str, str], ...]  # (as an OCR misreads it, as printed): 万兀 → 万元
    ocr_labels: dict[str, str]  # whole labels an OCR scrambled: 考值参分 → 参考分值
    ocr_digits: dict[str, str]  # letters an OCR reads for digits in a number cell: IO → 10


def _patterns(entries: list[dict[str, str]]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(e["pattern"]), e["role"]) for e in entries)


_MARK = r"(?:[（(][^（）()]{0,6}[）)])?"
"""A mark between a label and its colon: 填报单位(盖章)："""


@preloaded
@cache
def layout_file() -> dict[str, Any]:
    """``data/table_layout.toml`` as read: one read for every table reader's words."""
    raw = resources.files("jixiao").joinpath("data/table_layout.toml").read_text("utf-8")
    return tomllib.loads(raw)


@preloaded
@cache
def vocabulary() -> Vocabulary:
    v = layout_file()
    money = "|".join(sorted(v["money_units"], key=len, reverse=True))
    labels = "|".join(v["money_unit_labels"])
    stops = f"{labels}|填报日期|填报人|联系人|联系电话|项目经办人|(?:单位|项目)?负责人"
    return Vocabulary(
        columns=_patterns(v["columns"]),
        block=_patterns(v["block"]),
        before_names=_patterns([e for e in v["header_context"] if e["side"] == "before"]),
        after_names=_patterns([e for e in v["header_context"] if e["side"] == "after"]),
        funds_columns=_patterns(v["funds_columns"]),
        funds_rows=_patterns(v["funds_rows"]),
        footer=_patterns(v["footer"]),
        grades=frozenset(v["footer_grades"]),
        placeholder_name=re.compile(v["placeholder_name"]),
        lexicon=tuple(v["lexicon"]),
        other_level2=frozenset(v["other_level2"]),
        evaluation_level1=frozenset(v["evaluation_level1"]),
        evaluation_level2=frozenset(v["evaluation_level2"]),
        class_column_labels=frozenset(v["class_column_labels"]),
        qualitative_phrases=tuple(v["qualitative_phrases"]),
        change_words=tuple(sorted(v["change_words"], key=len, reverse=True)),
        verdicts=frozenset(v["verdicts"]),
        reason_openings=tuple(v["reason_openings"]),
        completion_words=frozenset(v["completion_words"]),
        name_endings=tuple(v["name_endings"]),
        explanation_openings=tuple(v["explanation_openings"]),
        joining_words=tuple(v["joining_words"]),
        place_endings=tuple(v["place_endings"]),
        village_endings=tuple(v["village_endings"]),
        county_endings=tuple(v["county_endings"]),
        area_labels=tuple(v["area_labels"]),
        org_endings=tuple(v["org_endings"]),
        org_line_place=re.compile(v["org_line_place"]),
        label_qualifiers=tuple(v["label_qualifiers"]),
        prefixed_labels=frozenset(v["prefixed_labels"]),
        unprefixed_labels=tuple(v["unprefixed_labels"]),
        class_marks=tuple(v["class_marks"]),
        open_endings=tuple(v["open_endings"]),
        label_words_on=tuple(v["label_words_on"]),
        label_words_before=tuple(v["label_words_before"]),
        scoring_rule=re.compile(v["scoring_rule"]),
        note_labels=tuple(v["note_labels"]),
        standard_kind=re.compile(v["standard_kind"]),
        checkboxes=frozenset(v["checkboxes"]),
        capped_rates=tuple(v["capped_rates"]),
        sourced_total=re.compile(v["sourced_total"]),
        required_role=v["required_role"],
        required_label=v["required_label"],
        money_default=v["money_default"],
        money_units={k: int(x) for k, x in v["money_units"].items()},
        money_aliases=dict(v["money_aliases"]),
        money_in_label=re.compile(rf"[（(]\s*(?:单位\s*[:：]\s*)?({money})\s*[）)]"),
        money_in_cell=re.compile(rf"(?:{labels})\s*[:：]\s*({money})"),
        total_row=re.compile("|".join(v["total_rows"])),
        code_prefix=re.compile(v["code_prefix"]),
        code_in_label=re.compile(v["code_in_label"]),
        code_suffix=re.compile(v["code_suffix"]),
        code_glued=re.compile(v["code_glued"]),
        qualitative_ops=frozenset(v["qualitative_ops"]),
        direction_word=re.compile(v["direction_word"]),
        ops=dict(v["ops"]),
        units=dict(v["units"]),
        boilerplate=tuple(re.compile(p) for p in v["text"]["boilerplate"]),
        cut_notes=tuple(re.compile(p) for p in v["text"]["cut_notes"]),
        page_turns=tuple(re.compile(p) for p in v["text"]["page_turns"]),
        department_line=re.compile(
            rf"^(?:{'|'.join(v['department_labels'])})\s*{_MARK}\s*[:：]"
            rf"(?!\s*(?:{stops})\s*[:：])\s*(.+?)(?:\s*(?:{stops})\s*[:：].*)?$"
        ),
        title=re.compile(v["title"]),
        caption=re.compile(v["caption"]),
        section_heading=re.compile(v["section_heading"]),
        tree_column=re.compile(v["tree"]["column"]),
        first_row_only=frozenset(v["first_row_only"]),
        funds_score_points=re.compile(v["funds_score_points"]),
        funds_rate_above=re.compile(v["funds_rate_above"]),
        funds_used=re.compile(v["funds_used"]),
        ocr_pieces=tuple((a, b) for a, b in v["ocr_pieces"]),
        ocr_labels=dict(v["ocr_labels"]),
        ocr_digits=dict(v["ocr_digits"]),
    )


def ocr_read(label: str) -> str:
    """A label with the vocabulary's OCR misreadings put back (项Fl资金 → 项目资金, 考值参分 →
    参考分值); the label itself when it has none. Callers read the result only where it then
    matches a label: the pieces stand for one thing each, but only inside a label."""
    voc = vocabulary()
    whole = voc.ocr_labels.get(label)
    if whole is not None:
        return whole
    if not voc.ocr_pieces or _misreads(voc.ocr_pieces).search(label) is None:
        return label  # (none of the pieces in it: every replacement below would do nothing)
    for misread, printed in voc.ocr_pieces:
        label = label.replace(misread, printed)
    return label


@lru_cache(maxsize=4)
def _misreads(pieces: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """Any of the vocabulary's misread pieces (one search for all of them)."""
    return re.compile("|".join(re.escape(misread) for misread, _ in pieces))


# A short bracketed mark that lost one of its brackets (年初目标值(A, 执行数B), 执行率B/A)).
_HALF_BRACKET = re.compile(r"[（(][^（）()]{0,6}$|(?<=[\u4e00-\u9fff])[A-Za-z0-9/+*\-]{1,6}[)）]$")


# Spaces inside a label that a mirror's encoding could not hold, turned into runs of ? (绩???
# 效??? 目??? 标): between two Chinese characters only (one run, no backtracking across runs).
_LOST_SPACES = re.compile(r"(?<=[\u4e00-\u9fff])[\s?？]+(?=[\u4e00-\u9fff])")


# A label's first characters that a mirror's encoding could not hold, turned into ? (???效指标
# 分类: 。绩 lost): the label is the one known label ending in the rest, as many characters lost.
_LOST_START = re.compile(r"[?？]+(?=[\u4e00-\u9fff])")
_LOST_MIN = 4  # characters left at least: a shorter end is the end of too many labels


@lru_cache(maxsize=64)
def _entry_forms(entries: tuple[tuple[re.Pattern[str], str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple(
        (form, role) for pattern, role in entries for form in literal_forms(pattern.pattern)
    )


def _lost_start(cell: str, entries: tuple[tuple[re.Pattern[str], str], ...]) -> str | None:
    m = _LOST_START.match(cell)
    if m is None:
        return None
    rest = clean_label(cell[m.end() :])
    if len(rest) < _LOST_MIN or "?" in rest or "？" in rest:
        return None
    roles = {
        role
        for form, role in _entry_forms(entries)
        if form.endswith(rest) and 0 < len(form) - len(rest) <= m.end()
    }
    return roles.pop() if len(roles) == 1 else None


@lru_cache(maxsize=64)
def _either(entries: tuple[tuple[re.Pattern[str], str], ...]) -> re.Pattern[str] | None:
    """The entries' patterns as one alternation, each its own named group (``_eN``): one match
    instead of one per entry. A full match of the alternation is the first entry's that
    matches in full (alternatives are tried in order), and its group is the outermost, closed
    last: ``lastgroup`` names it. ``None`` when a pattern has groups of its own (a region's
    words may: renumbered, a back reference would change meaning): then one match an entry."""
    if any(pattern.groups or pattern.flags & ~re.UNICODE for pattern, _ in entries):
        return None
    try:
        return re.compile("|".join(f"(?P<_e{k}>{p.pattern})" for k, (p, _) in enumerate(entries)))
    except re.error:  # (a region's pattern with an inline flag: not inside an alternation)
        return None


# A column's circled reference after its label, with the formula it is worked out by (③=①+②).
_CIRCLED_REFERENCE = re.compile(r"[①-⑳](?:[=＝][①-⑳+＋\-－*/×÷]+)?$")


@lru_cache(maxsize=16384)
def _lookups(cell: str) -> tuple[tuple[str, ...], str] | None:
    """The texts a cell is looked up as (see :func:`_match`) and the cell as written, without
    spaces; ``None`` for no label at all (labels are short; a long cell is a value). Once per
    cell: every vocabulary (columns, block, funds, footer) asks about the same cells."""
    label = clean_label(cell).rstrip(":：")
    if not label or len(label) > 40:
        return None
    written = "".join(cell.split()).rstrip(":：")
    texts = [label] if written == label else [label, written]
    half = _HALF_BRACKET.sub("", label)
    if half != label and half:
        texts.append(half)
    bare = _CIRCLED_REFERENCE.sub("", label)
    if bare != label and bare:
        texts.append(bare)  # (小计③=①+②: the column's reference and its formula)
    return tuple(texts), written


def _match(cell: str, entries: tuple[tuple[re.Pattern[str], str], ...]) -> str | None:
    """The role of the first entry matching the label without its decorations, or else as
    written (a bracket that is part of the label: 评(扣分标准)), or else without a short mark
    that lost one of its brackets. Runs of ? between a label's characters are its lost spaces,
    only where no other ? is left (the cell itself is never changed)."""
    if "?" in cell or "？" in cell:
        spaced = _LOST_SPACES.sub("", cell)
        if spaced != cell and "?" not in spaced and "？" not in spaced:
            return _match(spaced, entries)
        lost = _lost_start(cell, entries)
        if lost is not None:
            return lost
    forms = _lookups(cell)
    if forms is None:
        return None
    texts, written = forms
    either = _either(entries)
    for text in texts:
        if either is None:
            role = next((r for pattern, r in entries if pattern.fullmatch(text)), None)
            if role is not None:
                return role
            continue
        m = either.fullmatch(text)
        if m is not None:
            return entries[int(str(m.lastgroup)[2:])][1]
    read = ocr_read(written)
    if read != written:  # an OCR's misreading of a label (实施第位, 年初预匏数)
        return _match(read, entries)
    return None


@lru_cache(maxsize=16384)
def role_of(cell: str) -> str | None:
    """The column role a header or block label names (``None``: not a known label)."""
    return _match(cell, vocabulary().columns)


@lru_cache(maxsize=16384)
def block_role(cell: str) -> str | None:
    """The role of a one-project form's field label (项目名称, 实施期, 实际完成情况 …), or
    ``None``; block-only labels first, then the column roles a block may state, then a fund
    source's label run into the year's total label (:func:`sourced_total`)."""
    role = _match(cell, vocabulary().block)
    if role is not None:
        return role
    role = role_of(cell)
    return role if role in BLOCK_ROLES else sourced_total(cell)


@lru_cache(maxsize=4096)
def sourced_total(cell: str) -> str | None:
    """The source's role of a form's label that is a fund source run into the year's total
    label (中央补助年度金额 → fiscal): the amount is that source's, stated as the year's whole;
    ``None`` for any other label."""
    label = clean_label(cell).rstrip(":：")
    rest = vocabulary().sourced_total
    if _unanchored(rest) and rest.search(label, 2) is None:
        return None  # (no total's label anywhere in it: no need to try it at every place)
    for i in range(2, len(label) - 1):
        if rest.fullmatch(label[i:]) and (role := role_of(label[:i])) in SOURCE_FIELDS:
            return role
    return None


@lru_cache(maxsize=16)
def _unanchored(pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` matches the same wherever the text around it starts (no anchors,
    look-behinds or word boundaries): a match of a slice is then a match found in the whole."""
    return not any(mark in pattern.pattern for mark in ("^", "\\A", "(?<", "\\b", "\\B"))


@lru_cache(maxsize=16384)
def funds_column(cell: str) -> str | None:
    """The column of a self-evaluation's funds table a label names (年初预算数 → initial)."""
    return _match(cell, vocabulary().funds_columns)


@lru_cache(maxsize=16384)
def footer_role(cell: str) -> str | None:
    """``score`` (总分 …) or ``end`` (评价结论, 项目负责人 …): a row under a form's indicators."""
    return _match(cell, vocabulary().footer)


@lru_cache(maxsize=16384)
def funds_row(cell: str) -> str | None:
    """The row of a funds table a label names (年度资金总额 → total, 其中：财政拨款 → fiscal)."""
    return _match(cell, vocabulary().funds_rows)


def is_boilerplate(line: str) -> bool:
    voc = vocabulary()
    return _any_of((*voc.boilerplate, *voc.cut_notes, *voc.page_turns))(line.strip())


@lru_cache(maxsize=16)
def _any_of(patterns: tuple[re.Pattern[str], ...]) -> Callable[[str], bool]:
    """Whether any of ``patterns`` matches a text in full: one match of their alternation (the
    same answer: an alternation matches in full when one of its alternatives does), one match
    each where a pattern has groups of its own (a back reference would change meaning)."""

    def one_each(text: str) -> bool:
        return any(p.fullmatch(text) for p in patterns)

    if any(p.groups or p.flags & ~re.UNICODE for p in patterns):
        return one_each
    try:
        either = re.compile("|".join(f"(?:{p.pattern})" for p in patterns))
    except re.error:  # (a region's pattern with an inline flag: not inside an alternation)
        return one_each
    return lambda text: either.fullmatch(text) is not None


@preloaded
@cache
def _alternations() -> None:
    """Compile, ahead of the first table, the alternations the lookups above build on first use:
    one per vocabulary of (pattern, role) entries, and the line checks' own."""
    voc = vocabulary()
    for f in fields(voc):
        value = getattr(voc, f.name)
        if isinstance(value, tuple) and value and all(map(_is_entry, value)):
            _either(value)
    for check in (is_boilerplate, is_page_turn, is_cut_note):
        check("")  # (each builds its patterns' alternation before testing the line)
    if voc.ocr_pieces:
        _misreads(voc.ocr_pieces)


def _is_entry(item: object) -> bool:
    return (
        isinstance(item, tuple)
        and len(item) == 2
        and isinstance(item[0], re.Pattern)
        and isinstance(item[1], str)
    )


def is_page_turn(line: str) -> bool:
    """A line saying the table goes on on another page: (下转第22页) (接下页)."""
    return _any_of(vocabulary().page_turns)(line.strip())


def is_cut_note(line: str) -> bool:
    """A line saying the page's text stops short there: (以下内容略) (节选) (摘录至此)."""
    return _any_of(vocabulary().cut_notes)(line.strip())


def header_roles(row: Sequence[str]) -> dict[int, str] | None:
    """Column → role for a header row (``None``: the row is not a header)."""
    roles = {k: r for k, r in enumerate(label_roles(row)) if r is not None}
    voc = vocabulary()
    if voc.required_role in roles.values() and (
        VALUE_ROLES & set(roles.values()) or {"level1", "level2"} & set(roles.values())
    ):
        return roles
    return None


def named_column(labels: Sequence[str]) -> int | None:
    """The names column of a header with no 三级指标 / 指标名称 label: a column labelled as an
    indicator tree's is (绩效指标, 指标) right after the class columns (绩效指标分类 | 绩效指标 |
    绩效指标描述), or, with no class column, right after the header's first cell labelled so
    too, a target column after it (绩效指标 | 指标 | 指标权重 | … | 指标值: the first a label
    spanning the grid). ``None``: the header names it, or is none of these."""
    roles = [role_of(c) for c in labels]
    if "name" in roles:
        return None
    classes = [j for j, r in enumerate(roles) if r in ("level1", "level2")]
    if classes:
        j = classes[-1] + 1
    else:
        first = next((j for j, c in enumerate(labels) if c), None)
        if first is None or not is_tree_column(labels[first]):
            return None
        if not VALUE_ROLES & {r for r in roles[first + 1 :] if r}:
            return None
        j = first + 1
    while j < len(labels) and labels[j] == labels[j - 1]:
        j += 1  # (a label spread over merged columns)
    if j < len(labels) and roles[j] is None and is_tree_column(labels[j]):
        return j  # (项目名称, a tree's label too, names the project's field there)
    return None


def label_roles(labels: Sequence[str]) -> list[str | None]:
    """The role of each of a header's labels, the names column among them (:func:`named_column`)
    and the labels read by their side of it (:func:`placed_roles`)."""
    roles = [role_of(c) for c in labels]
    named = named_column(labels)
    if named is not None:
        roles[named] = "name"
    return placed_roles(labels, roles)


_KINDRED = (VALUE_ROLES, frozenset({"level1", "level2"}))
"""Roles that stand for one another: a header with one of them needs no other."""


def placed_roles(labels: Sequence[str], roles: Sequence[str | None]) -> list[str | None]:
    """``roles`` with the labels whose role in an indicator header hangs on their side of the
    names column read so (指标名称 | 绩效目标: the names' target; 指标类型 | 指标名称: their class),
    only where the header has no column of that role, nor of a kindred one, by its own label.
    Elsewhere (项目名称 | 绩效目标 | 一级指标 …, a form's block) they keep their own role."""
    out = list(roles)
    name = next((j for j, r in enumerate(roles) if r == "name"), None)
    voc = vocabulary()
    if name is None or not (voc.before_names or voc.after_names):
        return out
    for j, cell in enumerate(labels):
        if j == name or not cell:
            continue
        role = _match(cell, voc.before_names if j < name else voc.after_names)
        if role is None:
            continue
        kin = next((k for k in _KINDRED if role in k), frozenset({role}))
        if not kin & set(out):
            out[j] = role
    return out


def has_header(rows: Iterable[Sequence[str]]) -> bool:
    """Whether some row looks like an indicator header (for the readers' sniffers)."""
    return any(header_roles(row) is not None for row in rows)


def is_tree_column(cell: str) -> bool:
    """Whether ``cell`` labels the one column of an indentation tree (绩效指标, 指标名称)."""
    label = clean_label(cell).rstrip(":：")
    return bool(label) and vocabulary().tree_column.fullmatch(label) is not None


def is_tree_header(cells: Sequence[str]) -> bool:
    """A header row of an indentation tree: the tree column first, then target columns, and no
    separate class columns (一级指标 / 二级指标: that is an ordinary header)."""
    filled = [c for c in cells if c]
    if len(filled) < 2 or not is_tree_column(filled[0]):
        return False
    roles = [role_of(c) for c in filled[1:]]
    if named_column(filled) is not None:
        return False  # (绩效指标 | 指标 | … : a label column, then the names)
    return bool(VALUE_ROLES & set(roles)) and not {"level1", "level2", "name"} & set(roles)
