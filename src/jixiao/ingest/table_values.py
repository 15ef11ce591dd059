"""Cell values of row-per-indicator tables: target texts and amounts of money.

A target is written in one cell (``≥95%``), glued to its unit in odd orders (``%=99百分比``,
``人>=21933``) or spread over comparator, value and unit columns (``≥ | 95 | %``):
:func:`value_text` gives the one text :func:`jixiao.targets.type_target` reads. An amount
(``12.50``, ``125,000``, ``125000元``) is read as a :class:`~decimal.Decimal` in the document's
money unit, converted from another unit (元 ↔ 万元) with a note (:func:`amount`). Every
inference is reported through the ``note`` callback; the vocabulary is
``data/table_layout.toml``.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation

from ..chars import BARE_NUMBER, DIGIT, HAN, YEAR
from ..model import EXECUTION_FIELDS, Document, Execution, NoteLevel, Target
from ..targets import type_target, unit_in_name
from .table_vocabulary import vocabulary

NoteFn = Callable[[NoteLevel, str, str, int | None], None]
"""Where inferences go: ``note(level, code, message, line)``."""

GLUED = re.compile(
    r"^(?P<unit>[^\d\s=<>≥≤＞＜]{1,6}?)\s*(?P<op>>=|<=|[=≥≤><])\s*(?P<num>\d+(?:\.\d+)?)(?P<tail>\S*)$"
)
AMOUNT = re.compile(r"^(?P<num>-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<unit>\S*)$")
# An amount followed by its breakdown in brackets: 854万(高标准农田建设400万元,…).
_BREAKDOWN = re.compile(r"^(?P<amount>[^（(]+?)\s*[（(][^）)]*[）)]$")
_DECIMAL = re.compile(r"^(?P<num>-?\d+(?:\.\d+)?)\s*(?P<pct>%|％)?$")
AmountFn = Callable[[str, str | None, int | None], Decimal | None]
_LEADING_OP = re.compile(r"^\s*[=<>≥≤＞＜≈]")
# A value ending in a figure, or in a figure's 万 / 亿 (1亿 | 元: 1亿元): its unit goes after it.
_FIGURE_END = re.compile(r"\d\s*[万亿]?\s*$")
# A code a system prints before the comparator in its cell (004 >=): not part of it.
_OP_CODE = re.compile(r"^\d{2,4}\s+(?=\S)")
# A unit cell holding only a figure (44,561: a date serial shown as a number, or the value's
# columns shifted): the row's value and unit are then not what their columns say.
_FIGURE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


def split_code(written: str) -> tuple[str, str]:
    """A name's code prefix and the name: ``820001-某镇政府`` or ``[155]某县民政局`` →
    ``("820001", "某镇政府")``; ``("", written)`` when it has none."""
    m = vocabulary().code_prefix.match(written)
    if m is None or not HAN.search(m.group("name")):
        return "", written
    if YEAR.fullmatch(m.group("code") or "") and m.group("name")[0] in "年度":
        return "", written  # 2020 年市级…: a year, not a code
    return m.group("code") or m.group("bracketed"), m.group("name").strip()


def split_labelled_code(label: str, written: str) -> tuple[str, str]:
    """A name's code, written before the name or, where its ``label`` says the cell holds the
    code too (主管部门及其编码), glued before it or after it (``某某局 308001`` → ``("308001",
    "某某局")``); a code has a digit. ``("", written)`` when it has none."""
    code, name = split_code(written)
    if code or not vocabulary().code_in_label.search(label):
        return code, name
    glued = vocabulary().code_glued.match(written.strip())
    if glued is not None:  # (331某某厅: the code glued to the name)
        return glued.group("code"), glued.group("name").strip()
    m = vocabulary().code_suffix.match(written.strip())
    found = (m.group("code") or m.group("bracketed")) if m is not None else ""
    if m is None or not DIGIT.search(found):
        return "", written
    return found, m.group("name").strip()


def unglued(value: str) -> str | None:
    """A value with its unit written before the comparator (``%=99百分比``) rewritten as
    ``=99%``; ``None`` when ``value`` is not written that way."""
    voc = vocabulary()
    g = GLUED.match(value)
    if g is None:
        return None
    unit = voc.units.get(g.group("unit"), g.group("unit"))
    if unit not in ("%", *voc.units.values()):
        return None
    tail = g.group("tail")
    if voc.units.get(tail, tail) == unit:
        tail = ""
    return f"{g.group('op')}{g.group('num')}{unit}{tail}"


def is_op(text: str) -> bool:
    """A comparator cell (≥, 大于等于 …), wherever a template puts it (指标方向 in some)."""
    t = "".join(text.split())
    return bool(t) and t in vocabulary().ops and bool(vocabulary().ops[t])


def is_coded_op(text: str) -> bool:
    """A comparator with the code its system prints before it (``004 >=``): one cell."""
    m = _OP_CODE.match(text)
    return m is not None and is_op(text[m.end() :])


def value_text(value: str, op: str, measure: str, line: int, note: NoteFn) -> str:
    """The target text from the value cell and the comparator and unit cells."""
    value = value.strip()
    if not value:
        return ""
    if _FIGURE.fullmatch("".join(measure.split())):  # 44,561: a figure is no unit
        note(
            "warning",
            "target.unit_figure",
            f"计量单位列填的是数字“{measure.strip()}”，不是单位：指标值“{value}”未读取",
            line,
        )
        return ""
    voc = vocabulary()
    rewritten = unglued(value)
    if rewritten is not None:
        note("info", "target.glued", f"指标值“{value}”按“{rewritten}”读取", line)
        value = rewritten
    op_clean = op.strip().strip("-－—_")
    uncoded = _OP_CODE.sub("", op_clean)
    if uncoded != op_clean and uncoded in voc.ops:
        op_clean = uncoded
    symbol = ""
    if op_clean and op_clean not in voc.qualitative_ops:
        symbol = voc.ops.get(op_clean, "")
        if not symbol and op_clean not in voc.ops:
            note("warning", "target.op_unknown", f"指标值类型“{op_clean}”不认识，未使用", line)
    if symbol and not _LEADING_OP.match(value):
        value = symbol + value
    m = measure.strip()
    if m and m.strip("-－—/／"):  # (a dash: no unit)
        written_unit = voc.units.get(m, m)
        if written_unit != m:
            note("info", "target.unit_variant", f"度量单位“{m}”按“{written_unit}”读取", line)
        if _FIGURE_END.search(value):
            tail = value.rstrip()[-1]  # (5万 | 万元: 5万元, the 万 written once)
            value = value + (
                written_unit[1:] if tail in "万亿" and written_unit[:1] == tail else written_unit
            )
    return value


def targets(
    cell: Callable[[str], str], name: str, line: int, note: NoteFn
) -> tuple[Target, Target]:
    """The typed 实施周期指标值 and 年度指标值 of the indicator ``name`` from its row's cells
    (``cell(role)``: the cell of that column, ``""`` when none): one value column fills both;
    a bare number takes the unit the name states in brackets."""
    measure = cell("measure")
    op = cell("op")
    if cell("value") or not (cell("cycle") or cell("annual")):
        cycle_text = annual_text = value_text(cell("value"), op, measure, line, note)
    else:
        cycle_text = value_text(cell("cycle"), op, measure, line, note)
        annual_text = (
            cycle_text
            if cell("annual") == cell("cycle")  # read (and noted) once
            else value_text(cell("annual"), op, measure, line, note)
        )
    cycle, annual = type_target(cycle_text), type_target(annual_text)
    written = cell("value") or cell("cycle") or cell("annual")
    refused = bool(written) and bool(_FIGURE.fullmatch("".join(measure.split())))  # (noted)
    for label, text in (("实施周期指标值", cycle_text), ("年度指标值", annual_text)):
        if not text and not refused:
            note("warning", "indicator.no_target", f"指标“{name}”缺少“{label}”", line)
    bare = [t for t in (cycle, annual) if t.kind == "quantitative" and not t.unit]
    unit = unit_in_name(name) if bare else None
    if unit is not None:
        for target in bare:
            target.unit = unit
        note(
            "info",
            "target.unit_from_name",
            f"指标“{name}”的指标值没有单位，取名称中的“{unit}”",
            line,
        )
    return cycle, annual


def actual(cell: Callable[[str], str], line: int, note: NoteFn) -> Target | None:
    """The typed 实际完成值 of a row (a self-evaluation), ``None`` where the table has none; a
    bare number takes the unit of the row's 度量单位 column."""
    written = cell("actual").strip()
    if not written:
        return None
    measure = cell("measure").strip()
    text = value_text(written, "", measure, line, note) if measure else written
    return type_target(text)


def amount(
    text: str, stated: str | None, line: int | None, doc: Document, note: NoteFn
) -> Decimal | None:
    """The amount written in ``text`` in ``doc``'s money unit (``stated``: the unit its column
    label gives). The first unit met becomes the document's unit."""
    voc = vocabulary()
    text = text.strip()
    if not text or text in ("-", "—", "/", "－", "--", "——"):
        return None
    m = AMOUNT.match(text)
    if m is None and (b := _BREAKDOWN.match(text)) is not None:
        m = AMOUNT.match(b.group("amount").strip())
        if m is not None:
            note("info", "amount.breakdown", f"金额“{text}”括号中的明细未读取", line)
    if m is None:
        note("warning", "amount.unreadable", f"金额“{text}”无法读取", line)
        return None
    unit = (
        voc.money_aliases.get(m.group("unit"), m.group("unit")) or stated or doc.money_unit or None
    )
    try:
        value = Decimal(m.group("num").replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern only admits numbers
        return None
    if m.group("unit").startswith(("、", "，", ",")):
        # (6.301、: the next item's number 1、 run into the amount, its digits not told apart)
        note("warning", "amount.unreadable", f"金额“{text}”后连着下一项的序号，无法读取", line)
        return None
    if m.group("unit").startswith("."):
        # (47.6895.00%: an amount and a rate run together, where one ends the text does not say)
        note("warning", "amount.unreadable", f"金额“{text}”是几个数连在一起，无法读取", line)
        return None
    if m.group("unit") in ("%", "％"):
        # (合计 | 100%: the share column's figure in the amount's cell, no amount at all)
        note("warning", "amount.unreadable", f"金额栏中的“{text}”是百分比，不是金额，未读取", line)
        return None
    if unit is not None and unit not in voc.money_units:
        note("warning", "amount.unreadable", f"金额“{text}”的单位不认识", line)
        return value
    if not doc.money_unit:
        doc.money_unit = unit or voc.money_default
        if unit is None:
            doc.note(
                "warning",
                "money_unit.missing",
                f"表中未写明金额单位，按“{voc.money_default}”记",
            )
    if unit is not None and unit != doc.money_unit:
        factor = Decimal(voc.money_units[unit]) / Decimal(voc.money_units[doc.money_unit])
        converted = (value * factor).normalize()
        if converted == converted.to_integral_value():
            # (an amount of more digits than the decimal context holds stays as it is)
            with contextlib.suppress(InvalidOperation):
                converted = converted.quantize(Decimal(1))
        note(
            "info",
            "money.converted",
            f"金额 {text}（{unit}）换算为 {converted} {doc.money_unit}",
            line,
        )
        return converted
    return value


def decimal_cell(text: str, what: str, line: int | None, note: NoteFn) -> Decimal | None:
    """A weight, score or rate cell as a number (``10``, ``8.62``, ``83.5%`` → 83.5); ``None``
    for an empty or placeholder cell, and with a warning for anything else."""
    text = "".join(text.split())
    if not text or text in ("-", "—", "/", "－", "--", "——", "\\"):
        return None
    m = _DECIMAL.match(text)
    if m is None and (read := _ocr_digits(text)) is not None:
        note("info", "number.ocr", f"{what}“{text}”按识别错字读作 {read}", line)
        m = _DECIMAL.match(read)
    if m is None:
        note("warning", "number.unreadable", f"{what}“{text}”不是数字，未读取", line)
        return None
    return Decimal(m.group("num"))


def _ocr_digits(text: str) -> str | None:
    """A number cell an OCR wrote with letters for digits (IO → 10); ``None`` when any
    character is neither a digit nor such a letter."""
    digits = vocabulary().ocr_digits
    if not any(c in digits for c in text):
        return None
    read = "".join(digits.get(c, c) for c in text)
    return read if BARE_NUMBER.fullmatch(read) else None


_EXECUTION_LABELS = {
    "initial": "年初预算数",
    "full_year": "全年预算数",
    "executed": "全年执行数",
    "rate": "执行率",
    "weight": "分值",
    "score": "得分",
}


def execution(cells: dict[str, tuple[str, int]], amount_of: AmountFn, note: NoteFn) -> Execution:
    """A self-evaluated project's budget execution from its funds table's total row (column
    role → (cell, line)): amounts in the document's unit, the rate in percent."""
    found = Execution()
    for name in EXECUTION_FIELDS:
        if name not in cells:
            continue
        text, line = cells[name]
        if name in ("initial", "full_year", "executed"):
            value = amount_of(text, None, line)
        else:
            value = decimal_cell(text, _EXECUTION_LABELS[name], line, note)
        setattr(found, name, value)
    rate = found.rate
    if rate is not None and "%" not in cells["rate"][0] and "％" not in cells["rate"][0]:
        ratio = (
            found.executed / found.full_year * 100
            if found.executed is not None and found.full_year
            else None
        )
        as_share = rate.scaleb(2)
        if as_share.as_tuple().exponent > 0:  # type: ignore[operator]
            as_share = as_share.quantize(Decimal(1))
        if rate <= Decimal("1.5") and (ratio is None or abs(as_share - ratio) < abs(rate - ratio)):
            found.rate = as_share
            written, at = cells["rate"]
            note("info", "execution.rate_share", f"执行率“{written}”按比例读作 {found.rate}%", at)
    return found


def area_value(row: Sequence[str], areas: Sequence[int], line: int, note: NoteFn) -> str:
    """The target of a row that sets one per area (a column per town): theirs when they agree,
    else none (one area's value would be wrong for the others)."""
    found = {"".join(row[j].split()) for j in areas if j < len(row)} - {""}
    if len(found) > 1:
        note(
            "warning",
            "target.areas_differ",
            "各地区的指标值不同（" + "、".join(sorted(found)) + "），未取其一作指标值",
            line,
        )
        return ""
    return found.pop() if found else ""
