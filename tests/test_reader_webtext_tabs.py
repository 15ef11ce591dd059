"""A table copied from a browser and pasted as text: a row a line, a tab between cells, empty
cells kept, a cell's line breaks kept (``jixiao.ingest.text_clean.tab_cells``, read by the
web-text reader as ``|`` rows; a copy whose every line is a row is read as CSV)."""

from __future__ import annotations

from jixiao.ingest import read_bytes, sniff

from .tables import messages

_COPY = "\n".join(
    (
        "某某县某某局2030年项目支出绩效目标表",
        "项目名称\t农村道路养护\t主管部门\t某某县交通运输局",
        "一级指标\t二级指标\t三级指标\t指标解释\t指标值",
        "产出指标\t数量指标\t养护里程\t\t不少于 120 公里",
        "\t\t养护次数\t全年养护的次数，",
        "含日常巡查\t4 次",
        "\t质量指标\t路面完好率\t\t≥95%",
        "效益指标\t社会效益指标\t群众出行条件\t\t明显改善",
        "满意度指标\t服务对象满意度指标\t群众满意度\t\t≥90%",
    )
)


def test_cells_apart_by_tabs_are_read_as_cells_with_their_spaces() -> None:
    (doc,) = read_bytes(_COPY.encode("utf-8"), "copy.txt")
    (project,) = [p for u in doc.units for p in u.projects]
    assert project.name == "农村道路养护"
    got = [(i.level2.label(), i.name, i.annual.text) for i in project.indicators]
    assert got == [
        ("11-数量指标", "养护里程", "不少于 120 公里"),
        ("11-数量指标", "养护次数", "4 次"),
        ("12-质量指标", "路面完好率", "≥95%"),
        ("22-社会效益", "群众出行条件", "明显改善"),
        ("31-服务对象满意度", "群众满意度", "≥90%"),
    ]
    assert project.indicators[1].explanation == "全年养护的次数，含日常巡查"
    assert sniff(_COPY.encode("utf-8")).key == "webtext"  # (not CSV: a cell goes on a line)
    assert messages(doc, "text.tab_cells") == [
        "各格以制表符分开（浏览器或表格软件复制的表格），按“|”分格读取"
    ]
