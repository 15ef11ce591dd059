"""A target column whose label no vocabulary knows (:mod:`jixiao.ingest.table_unlabelled`)."""

from __future__ import annotations

from jixiao.ingest.grid import Grid
from jixiao.ingest.table import interpret

from .tables import messages


def _read(rows: list[list[str]]) -> list[tuple[str, str | None]]:
    doc = interpret([Grid.of("表格 1", rows)], "t.html")
    return [(i.name, i.annual.text) for _, _, i in doc.indicators()]


def test_a_column_of_targets_under_an_unknown_label_is_read_as_the_targets() -> None:
    # (备注 after it: not a column per area, which a header ending in unknown labels makes)
    rows = [
        ["项目名称", "某某公用经费", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "目标数", "备注"],
        ["产出指标", "数量指标", "就读人数", "<=6962人", ""],
        ["产出指标", "质量指标", "经费使用合规性", "严格执行相关制度", ""],
        ["效益指标", "社会效益指标", "教学条件改善", "效果明显", ""],
        ["满意度指标", "服务对象满意度指标", "家长满意度", "≥95%", ""],
        ["合计", "", "", "", ""],
    ]
    assert _read(rows) == [
        ("就读人数", "<=6962人"),
        ("经费使用合规性", "严格执行相关制度"),
        ("教学条件改善", "效果明显"),
        ("家长满意度", "≥95%"),
    ]
    doc = interpret([Grid.of("表格 1", rows)], "t.html")
    (note,) = messages(doc, "header.value_guessed")
    assert "目标数" in note


def test_the_rows_comparator_and_unit_cells_count_with_the_figure() -> None:
    rows = [
        ["项目名称", "某某报酬", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标性质", "数目", "度量单位"],
        ["产出指标", "数量指标", "发放人数", "≥", "230", "人"],
        ["产出指标", "时效指标", "发放及时率", "=", "100", "%"],
    ]
    assert _read(rows) == [("发放人数", "≥230人"), ("发放及时率", "=100%")]


def test_bare_numbers_or_words_alone_make_no_target_column() -> None:
    rows = [
        ["项目名称", "某某经费", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "权数", "备注"],
        ["产出指标", "数量指标", "培训人数", "10", ""],
        ["产出指标", "质量指标", "培训合格率", "20", ""],
        ["效益指标", "社会效益指标", "群众知晓度", "30", ""],
    ]
    assert [t for _, t in _read(rows)] == ["", "", ""]  # (no target column: none guessed)
    words = ["", "指标释义", "反映培训情况", "反映合格情况", "反映知晓情况"]
    worded = [[*r[:3], w, r[4]] for r, w in zip(rows, words, strict=True)]
    assert [t for _, t in _read(worded)] == ["", "", ""]


def test_bare_figures_before_the_weight_column_are_the_targets() -> None:
    # 目标数 | 分值: a column of figures before the weights the header names holds the targets
    rows = [
        ["项目名称", "某某工程", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "目标数", "分值"],
        ["产出指标", "数量指标", "工程资金金额", "43.2", "20"],
        ["产出指标", "质量指标", "工程完工率", "100", "20"],
    ]
    assert _read(rows) == [("工程资金金额", "43.2"), ("工程完工率", "100")]
    # after the weights (a 备注 closing the header: no columns per area either): not so
    after = [[*r[:3], r[4], r[3], "备注" if k == 1 else ""] for k, r in enumerate(rows)]
    assert [t for _, t in _read(after)] == ["", ""]
