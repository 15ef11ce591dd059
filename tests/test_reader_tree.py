"""The indentation-tree layout (``jixiao.ingest.table_tree``), read from plain text
(``readers/tree.py``) and from Excel (``readers/xlsx.py``), end to end.

The tables are written for the test (``tests/data/tables/tree*.txt``; ``tree.xlsx`` is made by
``make_tree.py`` next to it). Each test pins the document: units, projects, funds and money
unit, the levels read from indentation, typed targets and the notes.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from jixiao.errors import ParseError
from jixiao.ingest import READERS, read_bytes, sniff

from .helpers import DATA, SEED
from .tables import messages, outline

TABLES = DATA / "tables"


def q(text: str, op: str, value: str, unit: str | None) -> tuple[Any, ...]:
    return (text, "quantitative", op, value, unit)


def ql(text: str) -> tuple[Any, ...]:
    return (text, "qualitative", None, None, None)


def one(
    seq: int, l1: str, l2: str, name: str, cycle: tuple[Any, ...], annual: tuple[Any, ...] | None
) -> tuple[Any, ...]:
    return (seq, l1, l2, name, cycle, cycle if annual is None else annual)


def read(name: str, text: str | None = None) -> Any:
    data = (TABLES / name).read_bytes() if text is None else text.encode("utf-8")
    (doc,) = read_bytes(data, name)
    return doc


TREE: dict[str, Any] = {
    "department": "某区民政局",
    "year": 2025,
    "title": "2025年某区民政局项目支出绩效目标表",
    "money_unit": "万元",
    "funds": ("155", None, None, None),
    "units": [
        (
            "某区民政局",
            ("155", None, None, None),
            [
                (
                    "社区养老服务补助",
                    ("120", None, None, None),
                    "为辖区500名老人提供居家养老服务。",
                    [
                        one(
                            1,
                            "1-产出指标",
                            "11-数量指标",
                            "服务老人人数",
                            q("≥500人", "≥", "500", "人"),
                            None,
                        ),
                        one(
                            2,
                            "1-产出指标",
                            "11-数量指标",
                            "上门服务次数",
                            q(">=21933人次", "≥", "21933", "人次"),
                            None,
                        ),
                        one(
                            3,
                            "1-产出指标",
                            "12-质量指标",
                            "服务达标率",
                            q("=95%", "=", "95", "%"),
                            None,
                        ),
                        one(
                            4,
                            "1-产出指标",
                            "13-时效指标",
                            "补助发放及时率",
                            q("100%", "=", "100", "%"),
                            None,
                        ),
                        one(5, "2-效益指标", "22-社会效益", "老年人生活质量", ql("明显改善"), None),
                        one(
                            6,
                            "3-满意度指标",
                            "31-服务对象满意度",
                            "服务对象满意度",
                            q("≥90%", "≥", "90", "%"),
                            None,
                        ),
                    ],
                ),
                (
                    "老年人能力评估",
                    ("35", None, None, None),
                    "完成全区老年人能力评估。",
                    [
                        one(
                            1,
                            "1-产出指标",
                            "11-数量指标",
                            "评估人数",
                            q("≥3000人", "≥", "3000", "人"),
                            None,
                        ),
                        one(
                            2,
                            "4-成本指标",
                            "41-经济成本指标",
                            "人均评估费用",
                            q("≤100元/人", "≤", "100", "元/人"),
                            None,
                        ),
                    ],
                ),
            ],
        )
    ],
    "notes": [
        ("info", "tree.indent", 9),
        ("info", "text.after_table", None),
        ("info", "rows.no_unit", 5),
        ("info", "label.synonym", 12),
        ("info", "target.glued", 15),
        ("info", "label.synonym", 20),
        ("info", "label.synonym", 20),
        ("info", "label.synonym", 23),
        ("info", "money.converted", 25),
        ("info", "targets.one_column", None),
        ("info", "total.computed", None),
        ("info", "year.inferred", None),
    ],
}

XLSX: dict[str, Any] = {
    "department": "某区民政局",
    "year": 2025,
    "title": "2025年某区民政局项目支出绩效目标表",
    "money_unit": "元",
    "funds": ("1550000", None, None, None),
    "units": [
        (
            "某区民政局",
            ("1550000", None, None, None),
            [
                (
                    "社区养老服务补助",
                    ("1200000", None, None, None),
                    "为辖区500名老人提供居家养老服务。",
                    [
                        one(
                            1,
                            "1-产出指标",
                            "11-数量指标",
                            "服务老人人数",
                            q("≥1500人", "≥", "1500", "人"),
                            q("≥500人", "≥", "500", "人"),
                        ),
                        one(
                            2,
                            "1-产出指标",
                            "12-质量指标",
                            "服务达标率",
                            q("=95%", "=", "95", "%"),
                            None,
                        ),
                        one(
                            3,
                            "2-效益指标",
                            "22-社会效益",
                            "老年人生活质量",
                            ql("明显提高"),
                            ql("有所提高"),
                        ),
                        one(
                            4,
                            "3-满意度指标",
                            "31-服务对象满意度",
                            "服务对象满意度",
                            q("≥90%", "≥", "90", "%"),
                            None,
                        ),
                    ],
                ),
                (
                    "老年人能力评估",
                    ("350000", None, None, None),
                    "完成全区老年人能力评估。",
                    [
                        one(
                            1,
                            "1-产出指标",
                            "11-数量指标",
                            "评估人数",
                            q(">=9000人", "≥", "9000", "人"),
                            q("≥3000人", "≥", "3000", "人"),
                        )
                    ],
                ),
            ],
        )
    ],
    "notes": [
        ("info", "tree.indent", 6),
        ("info", "row.skipped", 25),
        ("info", "rows.no_unit", 2),
        ("info", "target.glued", 11),
        ("info", "label.synonym", 14),
        ("info", "label.synonym", 17),
        ("info", "money.converted", 19),
        ("info", "grid.skipped", 1),
        ("info", "total.computed", None),
        ("info", "year.inferred", None),
    ],
}

CUT: dict[str, Any] = {
    "department": "某县农业农村局",
    "year": 2025,
    "title": "2025年某县农业农村局项目支出绩效目标表",
    "money_unit": "万元",
    "funds": ("800", None, None, None),
    "units": [
        (
            "某县农业农村局",
            ("800", None, None, None),
            [
                (
                    "高标准农田建设",
                    ("800", None, None, None),
                    "新建高标准农田1万亩。",
                    [
                        one(
                            1,
                            "1-产出指标",
                            "11-数量指标",
                            "新建高标准农田面积",
                            q("≥30000亩", "≥", "30000", "亩"),
                            q("≥10000亩", "≥", "10000", "亩"),
                        ),
                        one(
                            2,
                            "1-产出指标",
                            "11-数量指标",
                            "新建灌溉渠道长度",
                            q("≥50公里", "≥", "50", "公里"),
                            ql(""),
                        ),
                    ],  # 工程验收合格率, cut before its values, is not read
                )
            ],
        )
    ],
    "notes": [
        ("info", "tree.indent", 7),
        ("warning", "table.cut_short", 13),
        ("info", "tree.by_position", 11),
        ("info", "rows.no_unit", 3),
        ("warning", "indicator.no_target", 11),
        ("warning", "indicator.no_target", 13),
        ("warning", "indicator.no_target", 13),
        ("warning", "table.cut_short", None),
        ("info", "total.computed", None),
        ("info", "year.inferred", None),
    ],
}

UNITS: dict[str, Any] = {
    "department": "",
    "year": 2025,
    "title": "2025年某区部门项目支出绩效目标表",
    "money_unit": "万元",
    "funds": (None, None, None, None),
    "units": [
        (
            "某区民政局",
            (None, None, None, None),
            [
                (
                    "社区养老服务补助",
                    (None, None, None, None),
                    "",
                    [
                        one(
                            1,
                            "1-产出指标",
                            "11-数量指标",
                            "服务老人人数",
                            q("≥500人", "≥", "500", "人"),
                            None,
                        ),
                        one(2, "2-效益指标", "22-社会效益", "老年人生活质量", ql("明显改善"), None),
                    ],
                ),
                (
                    "老年人能力评估",
                    (None, None, None, None),
                    "",
                    [
                        one(
                            1,
                            "1-产出指标",
                            "11-数量指标",
                            "评估人数",
                            q("≥3000人", "≥", "3000", "人"),
                            None,
                        )
                    ],
                ),
            ],
        ),
        (
            "某区卫生健康局",
            (None, None, None, None),
            [
                (
                    "疫苗接种经费",
                    (None, None, None, None),
                    "",
                    [
                        one(
                            1,
                            "1-产出指标",
                            "11-数量指标",
                            "接种人次",
                            q("≥5000人次", "≥", "5000", "人次"),
                            None,
                        )
                    ],
                )
            ],
        ),
    ],
    "notes": [
        ("info", "tree.indent", 3),
        ("info", "tree.heading", 4),
        ("info", "tree.heading", 5),
        ("info", "tree.heading", 12),
        ("info", "tree.heading", 16),
        ("info", "tree.heading", 17),
        ("warning", "project.no_goal", 5),
        ("warning", "project.no_goal", 12),
        ("warning", "project.no_goal", 17),
        ("info", "targets.one_column", None),
        ("warning", "department.missing", None),
        ("info", "total.computed", None),
        ("info", "year.inferred", None),
    ],
}


@pytest.mark.parametrize(
    ("name", "layout", "expected"),
    [
        ("tree.txt", "tree", TREE),
        ("tree.xlsx", "xlsx", XLSX),
        ("tree_cut.txt", "tree", CUT),
        ("tree_units.txt", "tree", UNITS),
    ],
)
def test_tree_gives_the_whole_document(name: str, layout: str, expected: Any) -> None:
    doc = read(name)
    assert doc.source is not None and doc.source.layout == layout
    assert outline(doc) == expected


def test_notes_say_how_the_tree_was_read() -> None:
    doc = read("tree.txt")
    assert messages(doc, "tree.indent") == [
        "指标按缩进分层：一级指标、二级指标、三级指标各缩进一层"
    ]
    assert messages(doc, "label.synonym") == [
        "指标类别“项目完成指标(必填)”按“产出指标”读取",
        "指标类别“效果指标”按“效益指标”读取",
        "指标类别“社会效益指标”按“社会效益”读取",
        "指标类别“社会公众或服务对象满意度指标”按“服务对象满意度”读取",
    ]
    assert messages(doc, "target.glued") == ["指标值“%=95百分比”按“=95%”读取"]
    assert messages(doc, "money.converted") == ["金额 350000（元）换算为 35 万元"]
    (converted,) = [n for n in doc.notes if n.code == "money.converted"]
    assert converted.project == "老年人能力评估"  # the project the amount belongs to
    cut = read("tree_cut.txt")
    assert messages(cut, "table.cut_short") == [
        "最后一行“工程验收合格率”没有指标值，表格可能被截断",
        "表格在指标“工程验收合格率”处中断，这一行不完整，未读取",
    ]
    assert messages(cut, "tree.by_position") == [
        "“新建灌溉渠道长度”的指标值少于表头的列，按所在位置对应到列"
    ]
    assert messages(read("tree_units.txt"), "tree.heading")[:2] == [
        "“某区民政局”在一级指标之上，读作单位",
        "“社区养老服务补助”在一级指标之上，读作项目",
    ]
    assert messages(read("tree.xlsx"), "money.converted") == ["金额 35（万元）换算为 350000 元"]


def _flat(text: str) -> str:
    return "\n".join(line.lstrip(" \t\u3000") for line in text.splitlines()) + "\n"


def test_without_indentation_the_labels_give_the_levels() -> None:
    text = _flat((TABLES / "tree.txt").read_text(encoding="utf-8"))
    doc = read("flat.txt", text)
    assert doc.source is not None and doc.source.layout == "tree"
    expected = outline(read("tree.txt"))
    got = outline(doc)
    assert got["units"] == expected["units"]
    assert messages(doc, "tree.labels") == ["指标树没有缩进，层级按指标类别名称读取"]
    assert messages(doc, "tree.indent") == []


def test_level2_at_its_level1_depth_is_read_by_its_label() -> None:
    text = (
        "项目名称：某项目\n年度目标：完成任务。\n绩效指标    指标值\n"
        "产出指标\n数量指标\n    人数    10人\n质量指标\n    合格率    100%\n"
        "效益指标\n社会效益\n    群众获得感    明显提升\n"
    )
    doc = read("mixed.txt", text)
    indicators = doc.units[0].projects[0].indicators
    assert [(i.level1.label(), i.level2.label(), i.name) for i in indicators] == [
        ("1-产出指标", "11-数量指标", "人数"),
        ("1-产出指标", "12-质量指标", "合格率"),
        ("2-效益指标", "22-社会效益", "群众获得感"),
    ]
    assert messages(doc, "tree.by_label") == [
        "“数量指标”与一级指标缩进相同，按类别名称读作二级指标"
    ]


def test_tabs_and_the_older_templates_cost_class() -> None:
    text = (
        "项目名称：某项目\n年度目标：完成任务。\n指标名称\t年度指标值\t实施周期指标值\n"
        "产出指标\n\t数量指标\n\t\t人数\t10人\t30人\n\t成本指标\n\t\t单价\t≤100元\t≤100元\n"
        "\t服务质量\n\t\t达标率\t95%\t95%\n"
    )
    data = text.encode("utf-8")
    assert sniff(data).key == "tree"  # not csv, though tab-separated
    (doc,) = read_bytes(data, "tabs.txt")
    indicators = doc.units[0].projects[0].indicators
    assert [(i.level1.label(), i.level2.label(), i.name, i.annual.text) for i in indicators] == [
        ("1-产出指标", "11-数量指标", "人数", "10人"),
        ("4-成本指标", "成本指标", "单价", "≤100元"),
        ("1-产出指标", "服务质量", "达标率", "95%"),
    ]
    assert indicators[0].cycle.text == "30人"
    assert messages(doc, "label.legacy") == [
        "二级指标“成本指标”（旧模板，列在“产出指标”下）按一级指标“成本指标”读取"
    ]
    assert messages(doc, "indicator.class") == ["二级指标“服务质量”不在指标框架中"]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "项目名称：某项目\n绩效指标  指标值\n人数  10人\n产出指标\n  数量指标\n    次数  2次\n",
            3,
            "指标“人数”之上没有指标类别（一级指标或二级指标），无法判断它属于哪一类",
        ),
        (
            "项目名称：某项目\n绩效指标  指标值\n产出指标\n  数量指标\n    次数  2次\n"
            "满意率  90%\n",
            6,
            "指标“满意率”之上没有指标类别（一级指标或二级指标），无法判断它属于哪一类",
        ),
        (
            "项目名称：某项目\n绩效指标  指标值\n产出指标\n  数量指标\n    次数\n      人数  2人\n",
            5,
            "“次数”在二级指标“数量指标”之下又分出一层，无法判断它是指标还是类别",
        ),
        (
            "绩效指标  指标值\n甲\n  乙\n    丙\n      丁\n        产出指标\n          人数  2人\n",
            2,
            "“甲”之下有 4 层没有指标值的行，无法判断各是哪一级",
        ),
    ],
)
def test_a_tree_that_makes_no_sense_fails_naming_the_line(
    text: str, line: int, message: str
) -> None:
    with pytest.raises(ParseError) as err:
        read_bytes(text.encode("utf-8"), "bad.txt", layout="tree")
    assert err.value.source == "bad.txt"
    assert err.value.line == line
    assert err.value.message == message
    assert str(err.value).startswith(f"文件 bad.txt，第 {line} 行：{message}")


def test_text_without_a_tree_header_fails_clearly() -> None:
    with pytest.raises(ParseError) as err:
        read_bytes((TABLES / "cells.txt").read_bytes(), "cells.txt", layout="tree")
    assert err.value.source == "cells.txt"
    assert "找不到指标树的表头行" in str(err.value)
    assert err.value.expected is not None and "绩效指标" in err.value.expected


def test_the_tree_reader_takes_only_trees() -> None:
    names = list(READERS)
    assert names.index("tree") < names.index("csv") < names.index("webtext")
    assert names[-1] == "webtext"
    tree_files = {"tree.txt", "tree_cut.txt", "tree_units.txt"}
    files = [p for p in sorted(TABLES.iterdir()) if p.suffix != ".py"]
    files += [SEED, *sorted((DATA / "text").iterdir())]
    for path in files:
        key = sniff(path.read_bytes()).key
        assert (key == "tree") == (path.name in tree_files), path.name


def test_the_committed_workbook_is_what_make_tree_writes() -> None:
    from .data.tables.make_tree import build

    def cells(book: Any) -> list[Any]:
        return [
            (ws.title, c.coordinate, c.value, c.alignment.indent)
            for ws in book.worksheets
            for row in ws.iter_rows()
            for c in row
            if c.value is not None
        ]

    out = io.BytesIO()
    build().save(out)
    made = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    committed = openpyxl.load_workbook(Path(TABLES / "tree.xlsx"))
    assert cells(made) == cells(committed)
    assert {c[3] for c in cells(committed)} == {0, 1, 2}


def test_tree_lines_become_ordinary_grid_rows() -> None:
    from jixiao.framework import load_framework
    from jixiao.ingest.table_tree import TreeLine, tree_grid

    items = [
        TreeLine(3, 0, "产出指标"),
        TreeLine(4, 2, "数量指标"),
        TreeLine(5, 4, "人数", ("10人",)),
        TreeLine(6, 2, "质量指标"),
        TreeLine(7, 0, "效益指标"),
    ]
    grid = tree_grid("表", [(1, ["项目名称", "甲"])], (2, ["指标值"]), items, "x", load_framework())
    assert grid.rows == [
        ["项目名称", "甲"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "人数", "10人"],
        ["产出指标", "质量指标", "", ""],  # a class without indicators keeps its row
        ["效益指标", "", "", ""],
    ]
    assert grid.lines == [1, 2, 5, 6, 7]
    assert [(n.code, n.line, n.message) for n in grid.notes] == [
        ("tree.indent", 2, "指标按缩进分层：一级指标、二级指标、三级指标各缩进一层"),
        ("table.cut_short", 7, "最后一行“效益指标”之下没有指标，表格可能被截断"),
    ]


def test_where_indentation_tells_it_wins_over_the_label() -> None:
    text = (
        "项目名称：某项目\n年度目标：完成任务。\n绩效指标    指标值\n"
        "产出指标\n  数量指标\n    人数    10人\n"
        "满意度指标\n  满意度\n    服务对象满意率    ≥90%\n"
    )
    doc = read("deep.txt", text)
    last = doc.units[0].projects[0].indicators[-1]
    assert (last.level1.label(), last.level2.label(), last.name) == (
        "3-满意度指标",
        "满意度",
        "服务对象满意率",
    )
    assert messages(doc, "tree.by_indent") == [
        "“满意度”是一级指标的名称，但缩进在“满意度指标”之下，按缩进读作二级指标"
    ]
    assert messages(doc, "indicator.class") == ["二级指标“满意度”不在指标框架中"]


def test_block_lines_in_columns_and_goals_with_spaces() -> None:
    text = (
        "2025年某区项目绩效目标表\n单位：万元\n主管部门          某区民政局\n"
        "项目名称          社区养老服务补助\n资金总额（万元）  120\n"
        "年度绩效目标：为老人  提供服务。\n"
        "绩效指标    指标值\n产出指标\n  数量指标\n    人数    10人\n"
        "项目名称：乙项目\n资金总额（元）    300000\n绩效指标    指标值\n"
        "产出指标\n  数量指标\n    次数    5次\n"
    )
    doc = read("columns.txt", text)
    assert (doc.department, doc.money_unit) == ("某区民政局", "万元")
    (unit,) = doc.units
    assert unit.name == "某区民政局"
    assert [(p.name, str(p.funds.total), p.goal) for p in unit.projects] == [
        ("社区养老服务补助", "120", "为老人 提供服务。"),
        ("乙项目", "30", ""),
    ]
    assert messages(doc, "project.no_goal") == ["项目没有绩效目标"]


def test_a_tree_copied_with_tabs_places_values_by_their_tabs() -> None:
    # a browser's copy: a tab between cells, an empty cell kept; a long name's value sits under
    # the first value column, however far right the tab puts it on the screen
    text = (
        "项目名称：某项目\n绩效指标\t年度指标值\t实施周期指标值\n产出指标\t\t\n"
        "  数量指标\t\t\n    按照计划完成采购并提供给各服务机构的比例\t95%\t\n"
        "    人数\t\t30人\n  质量指标\t\t\n    合格率\t100%\t100%\n"
    )
    (doc,) = read_bytes(text.encode("utf-8"), "tabs.txt")
    indicators = doc.units[0].projects[0].indicators
    assert [(i.name, i.annual.text, i.cycle.text) for i in indicators] == [
        ("按照计划完成采购并提供给各服务机构的比例", "95%", ""),
        ("人数", "", "30人"),
        ("合格率", "100%", "100%"),
    ]
