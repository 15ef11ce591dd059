"""Why an aligned row of web text cannot be an indicator row as read
(:func:`jixiao.ingest.readers.webtext_rows.implausible`)."""

from __future__ import annotations

from jixiao.ingest.readers.webtext_rows import implausible

_ROLES: list[str | None] = ["level1", "level2", "name", "value", "standard"]


def test_a_target_that_is_a_scoring_rule_is_no_target() -> None:
    # 未达指标值酌情扣分 (a 评(扣)分标准 cell) cut at its label: 酌情扣分 read as the target
    why = implausible(["效益指标", "经济效益指标", "未达指标值", "酌情扣分", ""], _ROLES)
    assert why is not None and "评分办法" in why
    # the same words in the 评分标准 column, a figure as the target: a row as read
    row = ["产出指标", "数量指标", "培训人次", "≥200人次", "未达指标值酌情扣分"]
    assert implausible(row, _ROLES) is None
    assert implausible(["产出指标", "质量指标", "验收合格率", "合格", ""], _ROLES) is None
