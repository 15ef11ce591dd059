"""Doubtful rows of a web-page text read again (:mod:`jixiao.ingest.readers.webtext_mend`)."""

from __future__ import annotations

from jixiao.ingest.readers.webtext_mend import figure_back_to_name
from jixiao.ingest.text_align import align
from jixiao.ingest.text_tokens import tokens

_ROLES: list[str | None] = [None, "level1", "level2", "name", "value", "remark"]


def _row(line: str) -> list[str] | None:
    (row,) = align(tokens(line), _ROLES, rows_by_line=True)
    return figure_back_to_name(row, _ROLES)


def test_a_figure_glued_to_the_name_with_a_value_apart_after_it_is_the_names() -> None:
    cells = _row("质量指标 *贫困地区旅游基础设施建设质量达标率100% >=98%")
    assert cells is not None
    assert cells[2:5] == ["质量指标", "*贫困地区旅游基础设施建设质量达标率100%", ">=98%"]


def test_two_values_apart_from_the_name_stay_unread() -> None:
    assert _row("质量指标 建设质量达标率 100% >=98%") is None
