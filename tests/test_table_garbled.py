"""Targets no table can mean as printed (:mod:`jixiao.ingest.table_garbled`): a share above
100%, and in a table that prints ≥ as 2, the other targets that open with a 2."""

from __future__ import annotations

from jixiao.ingest.grid import Grid
from jixiao.ingest.table import interpret
from jixiao.ingest.table_garbled import two_for_ge

from .tables import messages

HEADER = ["一级指标", "二级指标", "三级指标", "指标值"]


def _read(rows: list[list[str]]) -> tuple[list[tuple[int, str, str]], list[str]]:
    doc = interpret(
        [Grid.of("表格 1", [["项目名称", "某某项目", "", ""], HEADER, *rows])], "t.html"
    )
    got = [(i.seq, i.name, i.annual.text) for _, _, i in doc.indicators()]
    return got, messages(doc, "indicator.garbled")


def test_a_share_above_100_percent_is_left_out_and_a_2_for_ge_casts_doubt_on_other_2s() -> None:
    got, notes = _read([
        ["产出指标", "数量指标", "某某维护次数", "2350次"],
        ["产出指标", "数量指标", "某某巡查次数", "200次"],
        ["产出指标", "质量指标", "某某验收合格率", "295%"],
        ["产出指标", "质量指标", "某某设备完好率", "98%"],
    ])  # fmt: skip
    # 2350次 may be ≥350次; 200次 cannot be ≥00次, and 98% has no 2 to doubt
    assert got == [(1, "某某巡查次数", "200次"), (2, "某某设备完好率", "98%")]
    assert len(notes) == 2 and "某某验收合格率" in notes[1] and "≥" in notes[0]


def test_a_figure_above_100_percent_is_kept_where_it_can_mean_what_it_says() -> None:
    got, notes = _read([
        ["产出指标", "数量指标", "某某维护次数", "2350次"],
        ["效益指标", "经济效益指标", "某某收入增长率", "250%"],  # a growth may pass 100%
        ["产出指标", "质量指标", "某某验收合格率", "180%"],  # no 2 for ≥: a plain misprint
    ])  # fmt: skip
    assert [name for _, name, _ in got] == ["某某维护次数", "某某收入增长率"]
    assert len(notes) == 1 and "180%" in notes[0]


def test_two_for_ge_reads_a_leading_2_as_ge_only_before_a_share() -> None:
    assert two_for_ge("292%") and two_for_ge("2100%") and two_for_ge("2 95 %")
    assert not two_for_ge("250") and not two_for_ge("2150%") and not two_for_ge("205%")


def test_a_figure_with_a_letter_for_its_digits_is_left_out() -> None:
    # M.8万元: an OCR's 14.8万元; 80M (a range in metres) and PM2.5 keep their letters
    got, notes = _read([
        ["产出指标", "成本指标", "某某水电费等成本", "M.8万元"],
        ["产出指标", "质量指标", "某某雾炮射程", "80M"],
        ["效益指标", "生态效益指标", "某某PM2.5年均浓度", "≤35微克/立方米"],
    ])  # fmt: skip
    assert [name for _, name, _ in got] == ["某某雾炮射程", "某某PM2.5年均浓度"]
    assert len(notes) == 1 and "M.8万元" in notes[0] and "字母" in notes[0]


def test_a_template_row_numbered_by_an_ocr_letter_is_no_indicator() -> None:
    # 指标L (指标1: as an OCR read it) with nothing after it: an unfilled template row
    got, _ = _read([
        ["产出指标", "数量指标", "某某人数", "100人"],
        ["效益指标", "生态效益指标", "指标L", ""],
    ])  # fmt: skip
    assert [name for _, name, _ in got] == ["某某人数"]


def test_a_row_whose_actual_is_garbled_alike_is_left_out() -> None:
    # a self-evaluation's 实际完成值 with ≥ printed as 2 (290% on a share) or a letter for its
    # digits: the row would state a wrong actual
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分"]
    doc = interpret(
        [Grid.of("表格 1", [["项目名称", "某某项目", "", "", "", ""], header,
                           ["满意度指标", "服务对象满意度", "某某对象满意度", "90%", "290%", "10"],
                           ["产出指标", "成本指标", "某某成本", "≤15万元", "M.8万元", "10"],
                           ["产出指标", "数量指标", "某某人数", "100人", "120人", "10"]])],
        "t.html",
    )  # fmt: skip
    assert [i.name for _, _, i in doc.indicators()] == ["某某人数"]
    notes = messages(doc, "indicator.garbled")
    assert len(notes) == 2 and "实际完成值“290%”" in notes[0] and "字母" in notes[1]
