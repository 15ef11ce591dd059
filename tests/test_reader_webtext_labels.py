"""Column labels and the indicator header in web text
(:mod:`jixiao.ingest.readers.webtext_labels`)."""

from __future__ import annotations

from jixiao.ingest.readers.webtext_labels import find_header
from jixiao.ingest.text_tokens import tokens


def _labels(text: str) -> list[str]:
    header = find_header(tokens(text))
    assert header is not None
    return header.labels


def test_a_label_with_an_unclosed_mark_stops_before_the_next_label() -> None:
    # 年初目标值(A 实际完成值(B (the page lost the closing brackets): two columns, not one
    # label 年初目标值(A 实际完成值 over the body and the mark (B read as its first row
    text = "一级指标 二级指标 三级指标 年初目标值(A 实际完成值(B 产出指标 数量指标 某某数量 8个 8个"
    assert _labels(text)[3:] == ["年初目标值(A", "实际完成值(B"]
    # a label inside the brackets of the one before is part of it: 指标名称(三级指标)
    text = (
        "一级指标 二级指标 指标名称(三级指标) 年初指标值 年终完成值 产出指标 数量指标 某某 8个 8个"
    )
    assert _labels(text)[2] == "指标名称(三级指标)"


def test_a_label_inside_the_brackets_of_the_one_before_stays_in_it() -> None:
    from jixiao.ingest.readers.webtext_labels import header_label, label_at

    # 得分 (20分* 执行率 ): the bracket closes after 执行率, one label of four tokens
    assert label_at(tokens("得分\n(20分*\n执行率\n)\n34.64"), 0, header_label) == 4
    # …also its gloss a paragraph below it (a cell per paragraph: 得分 / (20分*执行率), one
    # token wholly in brackets), which no other piece of text a paragraph apart joins
    # (年度资金总额 / 预算数)
    assert label_at(tokens("得分\n\n(20分*执行率)\n\n34.64"), 0, header_label) == 2
    assert label_at(tokens("年度资金总额\n\n预算数\n\n34.64"), 0, header_label) == 1
    # a label wrapped in pieces with no mark between (年度 总体 目标) is still one label
    from jixiao.ingest.readers.webtext_labels import block_label

    assert label_at(tokens("年度\n总体\n目标\n完成某某工作"), 0, block_label) == 3


def test_targets_written_after_the_top_row_a_label_per_line_go_under_its_target() -> None:
    # a cell per line (or paragraph): 指标值 spans 上年实现值 | 本年预期值 of the second header
    # row, written after the first row's last label; the two stand in 指标值's place
    top = ["一级指标", "二级指标", "三级指标", "指标值", "指标标准或依据"]
    subs = ["2021年实际实现值", "预期2022年实现值"]
    for sep in (" |\n", "\n\n"):
        text = sep.join([*top, *subs, "产出指标", "数量指标", "培训人次", "", "280人次", ""])
        assert _labels(text) == [*top[:3], *subs, top[4]]
    # the top row with a target beside 指标值 (实施周期指标值): nothing says which spans them
    top = ["一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值", "指标标准或依据"]
    text = " |\n".join([*top, *subs, "产出指标", "数量指标", "某某", "2人", "1人"])
    assert _labels(text)[3:5] == ["实施周期指标值", "年度指标值"]


def test_a_second_header_row_under_the_first_rows_last_cells_joins_them() -> None:
    # 序号 | … | 指标说明 | 指标 | 县级 | 市级, then 分值 | 评分 | 评分 under its last three
    # cells: 指标 + 分值 is the points, 县级 + 评分 the score; 市级 + 评分, a second score, no
    # column a role reads
    top = ["序号", "一级指标", "二级指标", "三级指标", "指标说明", "指标", "县级", "市级"]
    subs = ["分值", "评分", "评分"]
    row = ["1", "决策(10)", "项目立项", "民主议事", "记录完整得2分", "2", "2", ""]
    want = [*top[:5], "指标分值", "评分", "市级评分"]
    broken = " |\n|\n".join(" |\n".join(cells) for cells in (top, subs, row))
    for text in (broken, " |\n".join([*top, *subs, *row])):  # (a row break kept or not)
        toks = tokens(text + " |\n")
        header = find_header(toks)
        assert header is not None and header.labels == want
        assert next(t for t in toks[header.end :] if not t.empty).text == "1"  # (the body)
    # 半年(程) | 指标值 | 全年(程) | 指标值: one row of labels in two cells each, no second row
    text = "\n\n".join(
        ["一级指标", "二级指标", "三级指标", "半年(程)", "指标值", "全年(程)", "指标值"]
    )
    header = find_header(tokens(text + "\n\n产出指标\n\n数量指标\n\n某某\n\n规范\n\n规范\n"))
    assert header is not None and header.labels == ["一级指标", "二级指标", "三级指标"]


def test_half_and_full_year_target_columns_are_a_remark_and_the_annual_target() -> None:
    # 半年(程) 指标值 | 全年(程) 指标值 (a Jiangsu form): the year's target is the 全年 one; the
    # half-year value is kept as a remark, as a 上年实现值 column is
    from jixiao.ingest import read_bytes

    text = (
        "项目名称 | 某某运转经费\n"
        "一级指标 | 二级指标 | 三级指标 | 半年(程) 指标值 | 全年(程) 指标值\n"
        "产出指标 | 数量指标 | 开放天数 | 150天 | 300天\n"
        "质量指标 | 设施完好率 | 90% | 95%\n"
    )
    (doc,) = read_bytes(text.encode(), "t.txt")
    ((_, project),) = doc.projects()
    assert [(i.name, i.annual.text) for i in project.indicators] == [
        ("开放天数", "300天"),
        ("设施完好率", "95%"),
    ]
