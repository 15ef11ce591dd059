"""One indicator row of a table (:mod:`jixiao.ingest.table_indicator`)."""

from __future__ import annotations

from jixiao.framework import load_framework
from jixiao.ingest.table_indicator import is_placeholder, make_indicator
from jixiao.model import NoteLevel


def _quiet(level: NoteLevel, code: str, message: str, line: int | None) -> None:
    pass


def test_an_unfilled_template_row_is_a_placeholder_and_a_filled_one_is_not() -> None:
    assert is_placeholder(lambda role: "", "指标2:")
    assert is_placeholder(lambda role: {"annual": "0%"}.get(role, ""), "指标2:")
    assert not is_placeholder(lambda role: {"annual": "≥95%"}.get(role, ""), "指标2:")
    assert not is_placeholder(lambda role: "", "培训人数")


def test_a_row_read_into_an_indicator_with_its_weight_score_and_direction() -> None:
    cells = {"annual": "≥100人", "weight": "10", "score": "9.5", "direction": "正向指标"}
    ind = make_indicator(
        3,
        ("产出指标", "数量指标"),
        lambda role: cells.get(role, ""),
        "培训人数",
        7,
        load_framework(),
        (_quiet, _quiet),
    )
    assert (ind.seq, ind.level1.name, ind.level2.name) == (3, "产出指标", "数量指标")
    assert (str(ind.weight), str(ind.score), ind.direction) == ("10", "9.5", "正向")
    assert ind.annual.text == "≥100人"


def test_a_score_an_ocr_wrote_with_letters_for_digits() -> None:
    # nx-yinchuan-liuzhong-gongyong-selfeval-2021-ocr: the 得分 10 read as IO
    from decimal import Decimal

    from jixiao.ingest.table_values import decimal_cell

    seen: list[str] = []

    def note(level: NoteLevel, code: str, message: str, line: int | None) -> None:
        seen.append(code)

    assert decimal_cell("IO", "得分", 3, note) == Decimal("10")
    assert decimal_cell("l5", "得分", 3, note) == Decimal("15")
    assert seen == ["number.ocr", "number.ocr"]
    assert decimal_cell("IOK", "得分", 3, note) is None  # other letters: no number
    assert seen[-1] == "number.unreadable"


def test_a_figure_in_the_unit_column_leaves_the_target_unread() -> None:
    # A date serial shown as a number in both 目标值 and 计量单位: no unit, no target to read.
    said: list[str] = []

    def note(level: NoteLevel, code: str, message: str, line: int | None) -> None:
        said.append(code)

    def row(value: str, measure: str) -> tuple[str, str]:
        cells = {"value": value, "measure": measure, "op": "="}
        ind = make_indicator(
            1, ("产出指标", "时效指标"), lambda role: cells.get(role, ""), "某某完成时间", 4,
            load_framework(), (note, note),
        )  # fmt: skip
        return ind.annual.text, ind.cycle.text

    assert row("45,292", "45,292") == ("", "")
    assert said == ["target.unit_figure"]  # (refused, not missing: no indicator.no_target)
    said.clear()
    assert row("12", "个") == ("=12个", "=12个")
    assert row("12", "-") == ("=12", "=12")  # (a dash: no unit, as written)
    assert "target.unit_figure" not in said


def test_several_template_placeholders_in_one_cell_are_one_placeholder() -> None:
    assert is_placeholder(lambda role: "", "1.\n2. …")
    assert not is_placeholder(lambda role: "", "1.培训人数 2.合格率")
