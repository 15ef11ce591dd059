"""The one table interpreter on grids written in the test (no reader involved)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.errors import ParseError
from jixiao.ingest.grid import Grid
from jixiao.ingest.table import interpret

from .tables import messages, outline, target

HEADER = [
    "项目名称",
    "资金总额（万元）",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "度量单位",
]


def grid(*rows: list[str]) -> Grid:
    return Grid.of("Sheet1", rows, range(3, 3 + len(rows)))


def test_grid_without_header_row_names_what_is_missing() -> None:
    with pytest.raises(ParseError) as err:
        interpret([grid(["名称", "金额"], ["某某项目", "12.00"])], "t.xlsx")
    assert err.value.source == "t.xlsx"
    assert err.value.line == 3
    assert "三级指标" in str(err.value)


def test_comparator_and_unit_columns_are_joined() -> None:
    doc = interpret(
        [
            grid(
                ["部门名称：某局"],
                HEADER,
                ["某项目", "10", "产出指标", "数量指标", "培训人数", "≥", "95", "人"],
                ["", "", "", "质量指标", "合格率", "=", "99", "百分比"],
                ["", "", "效益指标", "社会效益", "群众认可度", "定性", "提高", ""],
            )
        ],
        "2024.csv",
    )
    (ind1, ind2, ind3) = doc.units[0].projects[0].indicators
    assert target(ind1.annual) == ("≥95人", "quantitative", "≥", "95", "人")
    assert target(ind2.cycle) == ("=99%", "quantitative", "=", "99", "%")
    assert target(ind3.annual) == ("提高", "qualitative", None, None, None)
    assert doc.year == 2024 and doc.department == "某局" and doc.money_unit == "万元"
    assert messages(doc, "target.unit_variant") == ["度量单位“百分比”按“%”读取"]


def test_glued_values_and_money_in_yuan_converted_to_the_document_unit() -> None:
    doc = interpret(
        [
            grid(
                ["单位：万元"],
                ["项目名称", "资金总额（元）", "二级指标", "三级指标", "指标值"],
                ["某项目", "125000", "数量指标", "人数", ">=21933人"],
                ["", "", "时效指标", "工期", "=300天"],
                ["", "", "质量指标", "合格率", "%=99百分比"],
            )
        ],
        "x.csv",
    )
    project = doc.units[0].projects[0]
    assert str(project.funds.total) == "12.5"
    assert [i.annual.text for i in project.indicators] == [">=21933人", "=300天", "=99%"]
    assert [i.level1.label() for i in project.indicators] == ["1-产出指标"] * 3
    assert messages(doc, "money.converted") == ["金额 125000（元）换算为 12.5 万元"]


def test_two_value_columns_and_one_project_form_block() -> None:
    doc = interpret(
        [
            grid(
                ["项目名称", "某项目", "主管部门", "某局"],
                ["年度目标", "完成任务。", "完成任务。", "完成任务。"],
                ["一级指标", "三级指标", "实施周期指标值", "年度指标值"],
                ["产出指标", "", "", ""],
                ["", "完成数", "10个", "5个"],
            )
        ],
        "x.html",
    )
    out = outline(doc)
    assert out["department"] == "某局"
    (unit,) = out["units"]
    assert unit[0] == "某局"
    assert unit[2][0][2] == "完成任务。"
    (ind,) = unit[2][0][3]
    assert ind[3:] == (
        "完成数",
        ("10个", "quantitative", "=", "10", "个"),
        ("5个", "quantitative", "=", "5", "个"),
    )
    assert ("info", "row.no_indicator", 6) in out["notes"]
    assert ("warning", "indicator.class", 7) in out["notes"]  # no level 2 written


def test_one_project_forms_one_after_another_in_one_grid() -> None:
    doc = interpret(
        [
            grid(
                ["单位：万元"],
                ["项目名称", "甲项目", "主管部门", "某局"],
                ["资金总额", "10", "年度目标", "完成甲。"],
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "甲人数", "10人"],
                ["效益指标", "社会效益", "甲效果", "明显"],
                ["项目名称", "乙项目"],
                ["资金总额（元）", "50000", "年度目标", "完成乙。"],
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["", "数量指标", "乙人数", "20人"],
            )
        ],
        "forms.html",
    )
    (unit,) = outline(doc)["units"]
    assert [(p[0], p[1][0], p[2], [i[1:4] for i in p[3]]) for p in unit[2]] == [
        (
            "甲项目",
            "10",
            "完成甲。",
            [("1-产出指标", "11-数量指标", "甲人数"), ("2-效益指标", "22-社会效益", "甲效果")],
        ),
        # nothing carried over from the form above: the level 1 comes from the level 2
        ("乙项目", "5", "完成乙。", [("1-产出指标", "11-数量指标", "乙人数")]),
    ]
    assert messages(doc, "money.converted") == ["金额 50000（元）换算为 5 万元"]
    assert messages(doc, "row.header_repeated") == []
    assert messages(doc, "row.no_indicator") == []


def test_a_header_repeated_without_a_new_project_is_skipped() -> None:
    doc = interpret(
        [
            grid(
                HEADER,
                ["某项目", "10", "产出指标", "数量指标", "人数", "", "5", "人"],
                ["第 2 页"] * len(HEADER),  # a merged page line
                HEADER,
                ["", "", "", "质量指标", "合格率", "", "99", "%"],
            )
        ],
        "pages.csv",
    )
    (project,) = doc.units[0].projects
    assert [i.name for i in project.indicators] == ["人数", "合格率"]
    assert [n.line for n in doc.notes if n.code == "row.header_repeated"] == [6]
    assert [n.line for n in doc.notes if n.code == "row.skipped"] == [5]


def test_names_other_modules_import_from_table_stay_there() -> None:
    from jixiao.ingest import table, table_vocabulary

    for name in ("has_header", "role_of", "is_boilerplate", "vocabulary", "header_roles"):
        assert getattr(table, name) is getattr(table_vocabulary, name)
    assert table._header_roles is table_vocabulary.header_roles
    assert table.has_header([HEADER]) and table.role_of("三级指标") == "name"
    assert table.is_boilerplate("【打印】【关闭】")


def test_a_target_column_per_area_and_the_comparator_in_the_direction_column() -> None:
    # fj-putian-xiuyu-slj-shuihui-target-2025: the Fujian template names its target columns by
    # town (笏石街道办 | 埭头镇) and writes the comparator under 指标方向.
    doc = interpret(
        [
            grid(
                ["项目名称", "省级第七批水利专项资金"],
                [
                    "一级指标",
                    "二级指标",
                    "三级指标",
                    "指标解释",
                    "指标方向",
                    "笏石街道办",
                    "埭头镇",
                ],
                ["产出指标", "数量指标", "开展修复工程(个)", "反映修复项目开展情况", "≥", "1", "1"],
                ["", "时效指标", "项目开展率(%)", "反映修复开展情况", "≥", "100%", "90%"],
                ["", "质量指标", "已建工程是否存在质量问题", "当年已完工项目", "是/否", "否", "否"],
            )
        ],
        "2025.csv",
    )
    (one, two, three) = doc.units[0].projects[0].indicators
    assert target(one.annual) == ("≥1", "quantitative", "≥", "1", "个")
    assert one.direction is None and one.explanation == "反映修复项目开展情况"
    assert two.annual.text == ""  # the towns' targets differ: neither is the project's
    assert three.annual.text == "否"
    assert messages(doc, "target.areas_differ") == [
        "各地区的指标值不同（100%、90%），未取其一作指标值"
    ]


def test_page_lines_above_the_form_title_are_not_its_fields() -> None:
    # sn-hanyin-czj-puhui-target-2022: a notice whose title (关于…及 / 绩效目标 / 的通知) is
    # wrapped over lines above the form; the form states its county's 主管部门.
    doc = interpret(
        [
            grid(
                ["关于转下达本年度专项资金及"],
                ["绩效目标"],
                ["的通知(本行为转录标题)"],
                ["2022年第二批中、省普惠金融发展专项资金绩效目标表"],
                ["专项名称", "普惠金融发展专项资金"],
                ["市级主管部门", "市人力资源和社会保障局"],
                ["县级财政部门", "汉阴县财政局"],
                ["县级主管部门", "汉阴县人力资源和社会保障局"],
                ["年度总体目标", "目标1:支持农村金融组织体系建设,扩大农村金融服务覆盖面。"],
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "创业担保贷款发放额", "≥1000万元"],
            )
        ],
        "page.csv",
    )
    (project,) = doc.units[0].projects
    assert project.goal == "目标1:支持农村金融组织体系建设,扩大农村金融服务覆盖面。"
    assert doc.department == project.department == "汉阴县人力资源和社会保障局"
    assert doc.title == "2022年第二批中、省普惠金融发展专项资金绩效目标表"


def _form(*funds: list[str]) -> list[list[str]]:
    return [
        ["项目名称", "某某项目"],
        ["项目资金（万元）", "年度资金总额", "金额（万元）"],
        *funds,
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训人数", "≥100人"],
    ]


def test_a_total_without_an_amount_is_the_sum_of_the_stated_sources() -> None:
    # 年度资金总额 heads a column (金额) and the sources are its rows: the total is their sum.
    rows = _form(["", "其中：财政拨款", "6.30"], ["", "其他资金", "0.00"])
    doc = interpret([grid(*rows)], "t.xlsx")
    ((_, project),) = doc.projects()
    assert str(project.funds.total) == "6.30"
    assert any("相加" in m for m in messages(doc, "total.from_parts"))


def test_a_total_whose_cell_holds_a_dash_is_not_summed() -> None:
    rows = _form(["", "年度资金总额", "—"], ["", "其中：财政拨款", "6.30"])
    rows[1] = ["项目资金（万元）", "金额（万元）"]
    doc = interpret([grid(*rows)], "t.xlsx")
    ((_, project),) = doc.projects()
    assert project.funds.total is None
    assert not messages(doc, "total.from_parts")


def test_a_source_stated_without_an_amount_adds_nothing_to_the_sum() -> None:
    # 其中：中央补助 6.30 and 地方资金 with its cell empty (nothing from that source): the whole
    # is the sum of what is stated, with a note saying so; 地方资金 is the other source's label.
    rows = _form(["", "其中：中央补助", "6.30"], ["", "地方资金", ""])
    doc = interpret([grid(*rows)], "t.xlsx")
    ((_, project),) = doc.projects()
    assert str(project.funds.total) == "6.30" and str(project.funds.fiscal) == "6.30"
    assert any("相加" in m for m in messages(doc, "total.from_parts"))
    rows = _form(["", "其中：中央补助", "6.30"], ["", "地方资金", "1.70"])
    ((_, project),) = interpret([grid(*rows)], "t.xlsx").projects()
    assert str(project.funds.total) == "8.00" and str(project.funds.other) == "1.70"


def test_a_goal_numbered_over_rows_is_read_whole_and_三级指标内容_names_the_column() -> None:
    # hn-nanyue-xczxj-yulu-target-2023: 本年度绩效目标 spans two rows, 1.… and 2.…; the name
    # column is headed 三级指标内容.
    rows = [
        ["专项名称", "雨露计划就学补助项目"],
        ["本年度绩效目标", "1.对就读学生发放就学补助;"],
        ["本年度绩效目标", "2.补助标准为每生1500元/学期。"],
        ["一级指标", "二级指标", "三级指标内容", "指标值及单位"],
        ["产出指标", "数量指标", "年度申请就学补助户数", ">=101人/次"],
    ]
    doc = interpret([grid(*rows)], "t.xlsx")
    ((_, project),) = doc.projects()
    assert project.goal == "1.对就读学生发放就学补助;2.补助标准为每生1500元/学期。"
    assert [i.name for i in project.indicators] == ["年度申请就学补助户数"]


def test_funds_written_as_label_and_amount_pairs_give_the_execution_and_total() -> None:
    # sc-suining-jkq-scjg-lpyx-selfeval-2021: 转移支付预算数(A) | 5.8万 | 预算执行率(B/A) | 100%
    # and 转移支付执行数(B) | 5.8万, pairs beside their labels rather than a funds table.
    rows = [
        ["项目名称", "某某项目"],
        ["转移支付预算数(A)", "5.8", "预算执行率(B/A)", "100%"],
        ["转移支付执行数(B)", "5.8"],
        ["一级指标", "二级指标", "三级指标", "指标值", "完成值"],
        ["产出指标", "数量指标", "药品抽验品种", "≥3", "4"],
    ]
    doc = interpret([grid(*rows)], "t.xlsx")
    ((_, project),) = doc.projects()
    assert str(project.funds.total) == "5.8"
    assert project.execution is not None
    got = (project.execution.full_year, project.execution.executed, project.execution.rate)
    assert tuple(str(v) for v in got) == ("5.8", "5.8", "100")


def test_a_last_row_whose_target_ends_with_its_comparator_was_cut_after_it() -> None:
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "某某巡查次数", "120次"],
        ["产出指标", "时效指标", "某某工作完成时间", "反映进度情况>"],
    ]
    doc = interpret([grid(*rows)], "t.xlsx")
    assert [i.name for _, _, i in doc.indicators()] == ["某某巡查次数"]
    assert [n for n in doc.notes if n.code == "table.cut_short"]


def test_a_last_row_with_no_years_target_where_no_row_states_one_is_whole() -> None:
    # ah-tai-cgj-ranyou-target-2023: the form fills only its 中期 half; every row's 年度 value
    # is empty, so the last row's is no sign of a cut
    rows = [
        ["一级指标", "二级指标", "三级指标", "中期指标值", "年度指标值"],
        ["产出指标", "数量指标", "完成修理养护的设施数量", "≥90辆", ""],
        ["产出指标", "质量指标", "经费支出合规性", "较高", ""],
        ["效益指标", "经济效益指标", "对减少财政投资成本的改善程度", "程度较高", ""],
    ]
    doc = interpret([grid(*rows)], "t.xlsx")
    assert len([i for _, _, i in doc.indicators()]) == 3
    assert not [n for n in doc.notes if n.code == "table.cut_short"]
    rows[-1][3] = ""  # its period's value empty too: cut
    doc = interpret([grid(*rows)], "t.xlsx")
    assert len([i for _, _, i in doc.indicators()]) == 2


def test_a_last_row_whose_target_is_a_comparator_with_its_unit_is_whole() -> None:
    # sn-baoji-chencang-slj-yinshui-target-2020: the template's values were never filled in;
    # the last row's target is ≧ % (a comparator and its unit): whole, not cut off after ≧.
    from .realworld import read

    for shape in ("txt", "html"):
        (doc,) = read("sn-baoji-chencang-slj-yinshui-target-2020", shape)
        last = [i for _, _, i in doc.indicators()][-1]
        assert (last.name, last.annual.text) == ("指标1:工程验收合格率", "≧ %")
        assert not [n for n in doc.notes if n.code == "table.cut_short"]


def test_a_funds_score_labelled_with_its_points_gives_the_executions_weight() -> None:
    # hb-huangshi-tsg-gongxiang-selfeval-2022 (Hubei template): 得分 (20分*执行率) heads the
    # funds table's score column and no column states the 分值: the execution's 分值 is 20.
    rows = [
        ["项目名称", "共享工程"],
        [
            "预算执行情况(万元) (20分)",
            "预算数(A)",
            "执行数(B)",
            "执行率(B/A)",
            "得分 (20分*执行率)",
        ],
        ["年度财政资金总额", "5", "5", "100%", "20"],
        ["一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
        ["产出指标", "数量指标", "一个存储备份器", "25TB", "25TB", "10"],
    ]
    doc = interpret([grid(*rows)], "t.xlsx")
    ((_, project),) = doc.projects()
    assert project.execution is not None
    assert (str(project.execution.weight), str(project.execution.score)) == ("20", "20")
    rows[1][-1] = "得分"  # no points in the label: no 分值
    ((_, project),) = interpret([grid(*rows)], "t.xlsx").projects()
    assert project.execution is not None and project.execution.weight is None


def test_a_names_column_beside_the_names_explains_them_and_专项年度绩效目标_is_the_goal() -> None:
    # hn-taoyuan-czj-zaijiuye-target-2021 (Hunan 专项 template): 三级指标 | 指标内容 side by
    # side — the second explains the first — and the goal under 专项年度绩效目标 (the
    # 专项长期绩效目标 is the period's).
    rows = [
        ["专项名称", "再就业援助对象岗位补贴财政补差资金"],
        ["专项长期绩效目标", "维护社会和谐稳定"],
        ["专项年度绩效目标", "按规定及时发放岗位补贴"],
        ["一级指标", "二级指标", "三级指标", "指标内容", "指标值", "绩效标准"],
        ["产出指标", "数量指标", "补助人数", "实际发放解困工资人数", "250人", "计划标准"],
    ]
    ((_, project),) = interpret([grid(*rows)], "t.xlsx").projects()
    assert project.goal == "按规定及时发放岗位补贴"
    ((only),) = project.indicators
    assert (only.name, only.explanation, only.annual.text) == (
        "补助人数",
        "实际发放解困工资人数",
        "250人",
    )


@pytest.mark.parametrize(
    ("line", "department"),
    [
        (["填报单位(盖章):某某镇人民政府"], "某某镇人民政府"),  # a mark between label and colon
        (["绩效编制单位:", "某某镇人民政府"], "某某镇人民政府"),  # the colon's label alone
        (["主管部门(盖章):", "单位:万元"], "某某局"),  # the money unit is no department
        (["部门:某某中学"], "某某中学"),
        (["填报单位(盖章): 单位负责人:张三"], "某某局"),  # the stamp's place left empty
    ],
)
def test_the_department_line_over_a_form_and_its_主管部门_pair(
    line: list[str], department: str
) -> None:
    # hn-ningxiang-batang, cq-banan-jielong, sd-jinan-licheng, yn-yongde-minglang: the line over
    # the form names the document's department; the form's 主管部门 | … pair the project's.
    rows = [
        ["项目支出绩效目标表"],
        line,
        ["项目名称", "某某项目", "主管部门", "某某局"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训人数", "≥100人"],
    ]
    doc = interpret([grid(*rows)], "t.xlsx")
    ((_, project),) = doc.projects()
    assert doc.department == department
    assert project.department == "某某局"


def test_a_funds_column_headed_分值权重_is_the_executions_weight() -> None:
    # xj-fukang-tjj-diaochadui-selfeval-2023: 资金来源 | 年初预算数 | 全年预算数 | 全年执行数 |
    # 分值权重 | 执行率 | 得分.
    rows = [
        ["项目名称", "调查队专项经费"],
        ["资金来源", "年初预算数", "全年预算数", "全年执行数", "分值权重", "执行率", "得分"],
        ["年度资金总额", "5.28", "1.96", "1.96", "10", "100.00%", "10"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "记账户", "≥120户"],
    ]
    ((_, project),) = interpret([grid(*rows)], "t.xlsx").projects()
    assert project.execution is not None
    assert (str(project.execution.weight), str(project.execution.score)) == ("10", "10")


def test_a_cell_over_the_unit_and_project_columns_above_the_first_unit_is_the_department() -> None:
    # sc-jingyan-mata-target-2023: 820-马踏镇部门 | 8,827,620.53 over 单位名称 and 项目名称.
    header = ["单位名称", "项目名称", "预算数", "一级指标", "二级指标", "三级指标", "指标值"]
    rows = [
        header,
        ["820-某镇部门", "820-某镇部门", "8,827,620.53", "", "", "", ""],
        [
            "820001-某镇人民政府",
            "村组干部报酬",
            "3,309,840.00",
            "产出指标",
            "数量指标",
            "人数",
            "≥230人",
        ],
    ]
    doc = interpret([grid(*rows)], "t.xlsx")
    assert doc.department == "某镇部门"
    assert [(u.name, p.name) for u, p in doc.projects()] == [("某镇人民政府", "村组干部报酬")]


def test_a_forms_自评总分_and_the_funds_columns_of_the_rate_give_score_weight_and_points() -> None:
    # cq-liangping-lyj-dept-whole-selfeval-2023: 自评总分(分) | 97.93 over the form; the funds
    # table's 执行率 | 执行率权重 | 执行率得分.
    rows = [
        ["项目名称", "某某项目", "自评总分(分)", "97.93"],
        ["", "年初预算数", "全年预算数", "全年执行数", "执行率", "执行率权重", "执行率得分"],
        ["年度总金额", "32", "6", "5", "79.27", "10", "7.93"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "管护面积", "≥28万亩"],
    ]
    ((_, project),) = interpret([grid(*rows)], "t.xlsx").projects()
    assert str(project.score) == "97.93"
    assert project.execution is not None
    execution = project.execution
    assert (str(execution.rate), str(execution.weight), str(execution.score)) == (
        "79.27",
        "10",
        "7.93",
    )


def test_a_numbered_财政拨款小计_is_the_fiscal_part_the_total_sums() -> None:
    # sc-guangyuan-zhaohua-wjj-target-2021: 年度资金总额 | 金额(万元) heads rows (一)财政拨款小计
    # 6.30, 1、一般公共预算 6.30 (a part of it), (二)自有资金小计 0.00.
    rows = _form(["", "(一)财政拨款小计", "6.30"], ["", "1、一般公共预算", "6.30"])
    ((_, project),) = interpret([grid(*rows)], "t.xlsx").projects()
    assert (str(project.funds.fiscal), str(project.funds.total)) == ("6.30", "6.30")


def test_goals_numbered_down_their_column_and_a_自评得分_over_its_cell() -> None:
    # sc-anju-scjgj-shipin-selfeval-2021: 预期目标 | 目标实际完成情况 over 目标1:… 目标2:… a row
    # each; 自评得分 ends a row and its 100 stands below it.
    rows = [
        ["专项名称", "食品监管补助资金", "食品监管补助资金"],
        ["中央主管部门", "市场监管总局", "自评得分"],
        ["省级主管部门", "某省市场监管局", "100"],
        ["年度目标完成情况", "预期目标", "目标实际完成情况"],
        ["年度目标完成情况", "目标1:排查整治。", "目标1:排查整治。"],
        ["年度目标完成情况", "目标2:打击违法。", "目标2:打击违法。"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成指标值"],
        ["产出指标", "质量指标", "违法案件查办率", "100%", "100%"],
    ]
    ((_, project),) = interpret([grid(*rows)], "t.xlsx").projects()
    assert project.goal == "目标1:排查整治。目标2:打击违法。"
    assert str(project.score) == "100"


def test_a_forms_only_row_cut_before_its_actual_and_score_is_left_out() -> None:
    # sc-daying-sfj-selfeval-2023: the excerpt ends in the form's only row, after its 指标值.
    header = ["一级指标", "二级指标", "三级指标", "指标值", "完成值", "权重", "得分"]
    rows = [["项目名称", "某某项目"], header, ["产出指标", "质量指标", "完成采购", "=100"]]
    ((_, project),) = interpret([grid(*rows)], "t.xlsx").projects()
    assert project.indicators == []
    rows.append(["合计", "", "", "", "", "", "100"])  # a footer after it: the table is whole
    ((_, project),) = interpret([grid(*rows)], "t.xlsx").projects()
    assert [i.name for i in project.indicators] == ["完成采购"]


def test_a_hebei_form_its_title_department_the_rate_over_its_amount_and_sentences_as_分值() -> None:
    # he-chengan-mzj-gaoling-selfeval-2020: the title names the department; 预算执行进度(%)
    # stands over the 100.00 that ends the row of 预算数 | 6.84 | 执行数 | 6.84 pairs; the column
    # headed 指标分值 holds each indicator's explanation.
    rows = [
        ["某县民政局2020年度预算项目绩效自评表"],
        ["项目名称:", "百岁老人高龄津贴", "实施(主管)单位", "314002-某县民政局机关"],
        ["预算执行情况", "预算安排情况(调整后)", "资金执行情况", "资金执行情况", "预算执行进度(%)"],
        ["预算执行情况", "预算数", "6.84", "执行数", "6.84", "100.00"],
        ["一级指标", "二级指标", "三级指标", "指标分值", "指标值", "实际完成值"],
        ["产出指标", "质量指标", "覆盖率", "享受补贴人数占对象总数的比例", "≥98%", "100%"],
    ]
    rows[2] = ["预算执行情况", "预算安排情况(调整后)", "", "资金执行情况", "", "预算执行进度(%)"]
    doc = interpret([grid(*rows)], "t.xlsx")
    ((_, project),) = doc.projects()
    assert doc.department == "某县民政局"
    assert project.execution is not None and str(project.execution.rate) == "100.00"
    (ind,) = project.indicators
    assert (ind.explanation, ind.weight) == ("享受补贴人数占对象总数的比例", None)


def test_a_sentence_with_its_label_lost_just_above_the_indicators_is_the_goal() -> None:
    # cq-wuxi-zjw-weifang-target-2025: the goal's label cell is empty.
    goal = "支持农村低收入群体等重点对象实施危房改造,保障其基本住房安全。"
    rows = [
        ["项目名称", "农村危房改造补助资金"],
        ["", goal],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "危房改造户数", "应改尽改"],
    ]
    ((_, project),) = interpret([grid(*rows)], "t.xlsx").projects()
    assert project.goal == goal
    rows[1] = ["说明", goal]  # a label of its own: not the goal
    ((_, project),) = interpret([grid(*rows)], "t.xlsx").projects()
    assert project.goal == ""


def test_the_amount_spent_beside_资金使用情况_is_the_execution_against_the_forms_budget() -> None:
    # sc-chacewang-puhui-jinrong-selfeval: 资金情况(万元) | 年度金额(提前下达):208万元 |
    # 资金使用情况(万元) | 合计:109.8万元.
    rows = [
        ["专项名称", "普惠金融发展专项资金"],
        ["资金情况(万元)", "年度金额(提前下达):208万元", "资金使用情况(万元)", "合计:109.8万元"],
        ["一级指标", "二级指标", "三级指标", "指标值", "完成值"],
        ["产出指标", "数量指标", "贷款发放额增长率", "≥10%", "115.25%"],
    ]
    ((_, project),) = interpret([grid(*rows)], "t.xlsx").projects()
    assert project.execution is not None
    assert (str(project.execution.full_year), str(project.execution.executed)) == ("208", "109.8")


def test_a_total_label_heading_a_column_of_amounts_reads_the_amount_under_it() -> None:
    # hn-nanyue-xczxj-yulu-target-2023: 本年度预计投入(万元) merged over two header rows,
    # 财政资金(万元) over 中央 | 省级 | 市级资金 | 本级 beside it, the amounts on the third row.
    label = "本年度预计投入(万元)"
    rows = [
        ["专项名称", "雨露计划就学补助", "雨露计划就学补助"],
        ["专项资金情况", label, "财政资金(万元)", "财政资金(万元)", "其他"],
        ["专项资金情况", label, "中央", "省级", "其他"],
        ["专项资金情况", "7", "0", "7", "0"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "补助人次", ">=101人/次"],
    ]
    ((_, project),) = interpret([grid(*rows)], "t.xlsx").projects()
    assert str(project.funds.total) == "7"
    rows[3] = ["专项资金情况", "7", "见附件", "7", "0"]  # not a row of amounts: no total
    ((_, project),) = interpret([grid(*rows)], "t.xlsx").projects()
    assert project.funds.total is None


def test_a_部门整体_form_cut_before_its_indicators_is_the_departments_project_with_its_funds() -> (
    None
):
    # hb-guangshui-gov-office-dept-whole-2021: only the funds and 部门职能概述 in the excerpt.
    rows = [
        ["部门整体支出绩效目标申报表"],
        ["部门(单位) 名称", "某市人民政府办公室", "填报人", "张三"],
        ["收入构成", "财政拨款", "968.1918"],
        ["收入构成", "合计", "968.1918"],
        ["部门职能概述", "负责全市人民防空工作。"],
    ]
    doc = interpret([grid(*rows)], "t.xlsx")
    ((_, project),) = doc.projects()
    assert (doc.kind, project.name, str(project.funds.total)) == (
        "dept-whole",
        "某市人民政府办公室",
        "968.1918",
    )
    assert project.indicators == []
    rows[0] = ["项目支出绩效目标表"]  # not a 部门整体 form: nothing to read
    with pytest.raises(ParseError):
        interpret([grid(*rows)], "t.xlsx")


def test_a_ningxia_form_its_compound_label_project_score_and_one_source_of_funds() -> None:
    # nx-guyuan-yuanzhou-njzx-malingshu-selfeval-2022-ocr: 项目实施单位/项目负责人 | 某中心/张三;
    # 项目总得分 | 99分 by the title; the total row states only the budget, the one source row
    # the same budget with its execution.
    rows = [
        ["某项目绩效目标自评表(2022年度)", "项目总得分", "99分"],
        ["项目名称", "某项目", "项目实施单位/项目负责人", "某农技中心/张三"],
        ["市县主管部门", "某区农业农村局"],
        ["资金情况(万元)", "", "全年预算数(A)", "全年执行数(B)", "执行率(B/A)"],
        ["资金情况(万元)", "年度资金总额", "300", "", ""],
        ["资金情况(万元)", "自治区补助", "300万元", "259.45万元", "86.5%"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "全年实际值"],
        ["产出指标", "数量指标", "免费发放原原种", "550万粒", "550万粒"],
    ]
    ((_, project),) = interpret([grid(*rows)], "t.xlsx").projects()
    assert (project.unit, str(project.score)) == ("某农技中心", "99")
    assert project.execution is not None
    assert (str(project.execution.executed), str(project.execution.rate)) == ("259.45", "86.5")
    rows[5][2] = "200万元"  # not the same budget: a part, not the whole
    ((_, project),) = interpret([grid(*rows)], "t.xlsx").projects()
    assert project.execution is not None and project.execution.executed is None


def test_a_level1_printed_below_the_top_of_its_merged_cell_keeps_the_level2_carried() -> None:
    # 产出指标 stands on the third row of its block (text keeps a merged label's middle line):
    # the 数量指标 above, which belongs to it, goes on; a level 1 after another one resets.
    doc = interpret(
        [
            grid(
                ["项目名称", "主体班"],
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["", "数量指标", "主体班培训人次", "280人次"],
                ["", "", "情景教学或外训批次", "6次"],
                ["产出指标", "", "开设课程数量", "220"],
                ["", "质量指标", "培训完成率", "100%"],
                ["满意度指标", "", "培训学员满意度", "≥95%"],
            )
        ],
        "t.csv",
    )
    rows = [(i.level1.name, i.level2.name, i.name) for i in doc.units[0].projects[0].indicators]
    assert rows[2] == ("产出指标", "数量指标", "开设课程数量")
    assert rows[3] == ("产出指标", "质量指标", "培训完成率")
    assert rows[4] == ("满意度指标", "", "培训学员满意度")


EVALUATED = ["评价指标", "评价内容", "指标名称", "指标说明", "目标值", "分值", "备注"]


def test_evaluation_columns_holding_classes_are_the_class_columns() -> None:
    # 评价指标 | 评价内容 | 指标名称 …: labels of no role, read as the classes where the cells
    # under 评价内容 are the framework's level-2 classes; a 合计 of the 分值 in a form with no
    # 得分 column makes it no self-evaluation
    doc = interpret(
        [
            grid(
                ["某某学校设备购置项目绩效评价指标表"],
                EVALUATED,
                ["年度目标", "数量指标", "购置台数", "达到计划", "30台", "40", ""],
                ["年度目标", "质量指标", "验收合格率", "达到标准", "100%", "30", ""],
                ["年度目标", "时效指标", "完成时间", "", "年底前", "30", ""],
                ["总分", "总分", "总分", "总分", "总分", "100", ""],
            )
        ],
        "t.xlsx",
    )
    assert doc.kind == "target"
    inds = [i for _, p in doc.projects() for i in p.indicators]
    assert [(i.level1.name, i.level2.name, i.name) for i in inds] == [
        ("产出指标", "数量指标", "购置台数"),
        ("产出指标", "质量指标", "验收合格率"),
        ("产出指标", "时效指标", "完成时间"),
    ]
    assert messages(doc, "header.class_columns")


def test_evaluation_columns_holding_no_classes_stay_unread() -> None:
    # the same labels over cells that are no classes: a label alone decides nothing
    doc = interpret(
        [
            grid(
                EVALUATED,
                ["甲组", "设备", "购置台数", "达到计划", "30台", "50", ""],
                ["甲组", "服务", "验收合格率", "达到标准", "100%", "50", ""],
            )
        ],
        "t.xlsx",
    )
    inds = [i for _, p in doc.projects() for i in p.indicators]
    assert [(i.level1.name, i.level2.name) for i in inds] == [("", ""), ("", "")]


def test_a_合计_of_the_分值_under_a_header_without_得分_makes_no_self_evaluation() -> None:
    # a target table that prints 分值 (and their 合计): no 实际完成值 / 得分 column, so its 合计
    # row, which only adds up the points, is no 自评总分
    rows = [
        ["项目名称", "某某设备购置"],
        ["一级指标", "二级指标", "三级指标", "指标值", "分值"],
        ["产出指标", "数量指标", "购置台数", "30台", "60"],
        ["产出指标", "质量指标", "验收合格率", "100%", "40"],
        ["合计", "", "", "", "100"],
    ]
    doc = interpret([grid(*rows)], "t.xlsx")
    assert doc.kind == "target"
    assert messages(doc, "score.points_total")
    # …while a 得分 column makes the same form a self-evaluation
    rows[1] = [*rows[1], "得分"]
    assert interpret([grid(*rows)], "t.xlsx").kind == "selfeval"


def test_a_title_naming_a_project_makes_its_indicators_the_projects() -> None:
    # no 项目名称 field: the title (某某项目绩效评价指标表) names the project, so the indicators
    # are that project's, not the department's as a whole
    doc = interpret(
        [
            grid(
                ["2024年度某某县校舍维修项目绩效评价指标表"],
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "维修面积", "800平方米"],
            )
        ],
        "t.xlsx",
    )
    assert doc.kind == "target"
    assert [p.name for _, p in doc.projects()] == ["某某县校舍维修"]


_PAGE = [
    ["2024年某县重点民生政策和项目绩效目标情况"],
    ["社区老年助餐服务项目项目绩效目标"],
    ["(一)中长期绩效目标"],
    ["到规划期末建成覆盖城乡的老年助餐服务网络，服务能力明显提升。"],
    ["一级指标", "二级指标", "指标名称", "指标值"],
    ["产出指标", "数量指标", "助餐点数量", "30个"],
    ["", "质量指标", "食品安全抽检合格率", "100%"],
    ["满意度指标", "服务对象满意度", "老年人满意度", "≥90%"],
]


def test_a_heading_over_a_table_names_its_project_and_the_next_heading_starts_another() -> None:
    # a page giving projects one after another, no 项目名称 field: <name>项目绩效目标 over each
    # table; the page's title about many projects is no project and no 部门整体
    rows = [*_PAGE, ["城乡居民医保参保补助项目项目绩效目标"], ["(一)中长期绩效目标"]]
    doc = interpret([grid(*rows)], "page.html")
    assert doc.kind == "target"
    projects = [(p.name, [i.name for i in p.indicators]) for _, p in doc.projects()]
    assert projects == [
        ("社区老年助餐服务项目", ["助餐点数量", "食品安全抽检合格率", "老年人满意度"]),
        ("城乡居民医保参保补助项目", []),  # (cut off before its table)
    ]
    assert messages(doc, "project.from_heading") == [
        "项目名称“社区老年助餐服务项目”取自项目标题行",
        "项目名称“城乡居民医保参保补助项目”取自项目标题行",
    ]
    # the second project's own table: its rows are its own, the classes not carried over
    more = [["一级指标", "二级指标", "指标名称", "指标值"], ["", "", "参保率", "≥95%"]]
    doc = interpret([grid(*rows, *more)], "page.html")
    second = [p for _, p in doc.projects()][1]
    assert [(i.name, i.level1.name) for i in second.indicators] == [("参保率", "")]


def test_a_heading_over_a_table_with_a_project_column_names_no_project() -> None:
    rows = [
        ["社区老年助餐服务项目项目绩效目标"],
        ["项目名称", "一级指标", "二级指标", "指标名称", "指标值"],
        ["助餐点建设", "产出指标", "数量指标", "助餐点数量", "30个"],
    ]
    doc = interpret([grid(*rows)], "page.html")
    assert [p.name for _, p in doc.projects()] == ["助餐点建设"]
    assert messages(doc, "heading.not_project") == [
        "表中有项目列，标题“社区老年助餐服务项目”不作项目名称"
    ]


def test_a_header_without_a_names_label_and_a_last_row_that_is_qualitative() -> None:
    # a form whose grid is labelled 绩效指标 | 指标 | … (no 三级指标, no classes), its last row
    # 定性 with no target: whole, not cut off
    doc = interpret(
        [
            grid(
                ["专项资金名称", "某某补助"],
                ["当年预算", "9.5"],
                ["当年绩效目标", "按月发放"],
                ["绩效指标", "指标", "指标权重", "计量单位", "指标性质", "指标值"],
                ["绩效指标", "发放人数", "20", "人", "≥", "100"],
                ["绩效指标", "社会效益", "20", "", "定性", ""],
            ),
            grid(["专项资金名称", "下一个项目"], ["业务主管部门", "某某镇"]),
        ],
        "t.html",
    )
    first, second = doc.units[0].projects
    assert (first.name, first.goal, str(first.funds.total)) == ("某某补助", "按月发放", "9.5")
    assert [(i.name, i.annual.text) for i in first.indicators] == [
        ("发放人数", "≥100人"),
        ("社会效益", ""),
    ]
    assert (second.name, second.indicators) == ("下一个项目", [])
    assert messages(doc, "form.cut") == ["这张表在指标之前中断，只读出项目信息"]


def test_grades_under_a_standard_and_names_after_the_class_column() -> None:
    # 绩效指标分类 | 绩效指标 | 绩效指标描述 | 评价标准 over 优 / 良 / 中 / 差: no target column,
    # so no row lacks one
    doc = interpret(
        [
            grid(
                ["绩效目标", "保障基本生活"],
                ["绩效指标分类", "绩效指标", "绩效指标描述", "评价标准", "评价标准", "评价标准"],
                ["绩效指标分类", "绩效指标", "绩效指标描述", "优", "良", "中"],
                ["产出指标", "救助覆盖率", "是否应救尽救", "100%", "90%", "85%"],
                ["效果指标", "满意度", "满意的比率", "85%", "80%", "70%"],
            )
        ],
        "t.html",
    )
    inds = doc.units[0].projects[0].indicators
    assert [(i.level1.name if i.level1 else None, i.name, i.annual.text) for i in inds] == [
        ("产出指标", "救助覆盖率", ""),
        ("效益指标", "满意度", ""),
    ]
    assert inds[0].explanation == "是否应救尽救"


def test_a_forms_title_under_indicators_starts_the_next_form() -> None:
    doc = interpret(
        [
            grid(
                ["项目名称", "甲项目"],
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "培训人数", "100人"],
                ["2023年项目绩效目标表"],
                ["编制单位:", "某某镇", "单位:万元"],
                ["项目名称", "乙项目"],
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "发放人数", "20人"],
            )
        ],
        "t.html",
    )
    projects = doc.units[0].projects
    assert [(p.name, [i.name for i in p.indicators]) for p in projects] == [
        ("甲项目", ["培训人数"]),
        ("乙项目", ["发放人数"]),
    ]


def test_a_name_written_twice_in_a_row_is_read_once() -> None:
    doc = interpret(
        [
            grid(
                ["项目名称", "某某项目", "项目实施单位", "某某县交通局 某某县交通局"],
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "养护里程", "300公里"],
            )
        ],
        "t.html",
    )
    assert [u.name for u in doc.units] == ["某某县交通局"]
    assert messages(doc, "name.twice") == ["名称“某某县交通局某某县交通局”是同一名称写了两遍"]


def test_a_forms_fields_in_a_table_of_their_own_are_the_next_tables_project() -> None:
    # a page with the project's basic-info table, then the indicator table as another table
    info = Grid.of(
        "表格 1",
        [
            ["项目名称", "某某道路维修项目"],
            ["主管部门", "某某县交通局"],
            ["年度资金总额", "120"],
            ["年度目标", "完成县道维修十公里，保障道路安全畅通。"],
        ],
    )
    body = Grid.of(
        "表格 2",
        [
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "维修里程", "10公里"],
        ],
    )
    doc = interpret([info, body], "page.html")
    ((_, project),) = doc.projects()
    assert (project.name, project.funds.total) == ("某某道路维修项目", Decimal("120"))
    assert [i.name for i in project.indicators] == ["维修里程"]
    assert messages(doc, "grid.form_above")
    # a table of figures only before the indicators names nothing: no project from it
    stats = Grid.of("表格 1", [["编制数", "实际在职人数"], ["46", "50"]])
    ((_, alone),) = interpret([stats, body], "page.html").projects()
    assert alone.name == "page"


def test_a_names_cell_and_its_content_cell_over_two_columns_each() -> None:
    # 三级指标 and 指标内容 each merged over two grid columns: 指标内容 still explains the name
    doc = interpret(
        [
            grid(
                ["一级指标", "二级指标", "三级指标", "三级指标", "指标内容", "指标内容", "指标值"],
                [
                    "产出指标",
                    "数量指标",
                    "维修里程",
                    "维修里程",
                    "全年维修里程",
                    "全年维修里程",
                    "10公里",
                ],
            )
        ],
        "t.xlsx",
    )
    ((_, _, indicator),) = doc.indicators()
    assert (indicator.name, indicator.explanation) == ("维修里程", "全年维修里程")


def test_a_budget_alone_beside_the_form_makes_no_self_evaluation() -> None:
    # 预算数 | 20.00 in a target form's funds row: the total, not a 自评 execution
    rows = [
        ["项目支出绩效目标表", "", "", ""],
        ["项目名称", "某某维修", "", ""],
        ["预算规模及资金用途", "预算数", "20.00", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "维修面积", "≥400平方米"],
    ]
    doc = interpret([Grid.of("表格 1", rows)], "t.html")
    [(_, project)] = doc.projects()
    assert doc.kind == "target" and project.execution is None
    assert project.funds.total == Decimal("20.00")
    rows[2] = ["预算数", "20.00", "执行数", "18.00"]
    doc = interpret([Grid.of("表格 1", rows)], "t.html")
    assert doc.kind == "selfeval"  # (an amount spent: the form evaluates the year)


def test_class_labels_ending_in_value_are_the_frameworks_classes() -> None:
    # 产出值 / 成本值 / 经济效益值 for 产出指标 / 成本指标 / 经济效益 (a 山东 template)
    rows = [
        ["项目名称", "某某公用经费", "", ""],
        ["一级", "二级", "三级", "年度数值"],
        ["产出值", "成本值", "生均公用经费", "780元/生/年"],
        ["效益值", "经济效益值", "经费有效使用情况", "=100%"],
    ]
    doc = interpret([Grid.of("表格 1", rows)], "t.html")
    assert [(i.level1.name, i.level2.name, i.annual.text) for _, _, i in doc.indicators()] == [
        ("成本指标", "成本指标", "780元/生/年"),
        ("效益指标", "经济效益", "=100%"),
    ]


def test_a_header_of_kinds_names_and_goals_reads_the_goals_as_targets() -> None:
    # 指标类型 | 指标名称 | 绩效目标 | 绩效标准 (an evaluation report's form): the kind is the
    # class, the goal after the names their target; a class of another framework is kept as
    # written, with the framework's complaint
    rows = [
        ["项目绩效目标表", "", "", ""],
        ["项目名称:某某资料征集", "", "", ""],
        ["指标类型", "指标名称", "绩效目标", "绩效标准"],
        ["产出指标", "编印某某资料汇编", "每季度编印某某资料汇编500本", ""],
        ["某某成效指标", "公开某某资料信息", "向社会公开某某资料信息", ""],
    ]
    doc = interpret([Grid.of("表格 1", rows)], "t.html")
    [(_, project)] = doc.projects()
    assert project.name == "某某资料征集"
    got = [(i.level1.name, i.name, i.annual.text, i.standard) for i in project.indicators]
    assert got == [
        ("产出指标", "编印某某资料汇编", "每季度编印某某资料汇编500本", None),
        ("某某成效指标", "公开某某资料信息", "向社会公开某某资料信息", None),
    ]
    assert any(n.code == "indicator.class" and "某某成效指标" in n.message for n in doc.notes)


def test_a_last_shares_target_of_one_character_that_is_no_verdict_was_cut_after_it() -> None:
    # 某某资金到位率 | 全: a share is a figure or words (全部, 足额), the word cut after 全
    rows = [
        ["一级指标", "三级指标", "指标值"],
        ["产出指标", "某某资料征集数量", "征集某某资料100件"],
        ["效益指标", "某某资金到位率", "全"],
    ]
    doc = interpret([grid(*rows)], "t.xlsx")
    assert [i.name for _, _, i in doc.indicators()] == ["某某资料征集数量"]
    assert [n for n in doc.notes if n.code == "table.cut_short"]
    rows[2][2] = "高"  # a verdict: a whole qualitative target
    doc = interpret([grid(*rows)], "t.xlsx")
    assert [i.annual.text for _, _, i in doc.indicators()] == ["征集某某资料100件", "高"]
    rows[2][1:] = ["某某资料展览场次", "全"]  # no share: the one character as written
    doc = interpret([grid(*rows)], "t.xlsx")
    assert [i.annual.text for _, _, i in doc.indicators()] == ["征集某某资料100件", "全"]


def test_a_部门整体_form_naming_its_budget_unit_by_government_level_gives_its_project() -> None:
    # 区级预算单位名称 | 某某中心, the funds, the goals, and the excerpt ends before any
    # indicator header: the department's own project with its funds
    rows = [
        ["部门整体支出绩效自评表"],
        ["区级预算单位名称", "某某中心"],
        ["年度预算申请(万元)", "", "全年预算数", "全年执行数", "执行率"],
        ["年度预算申请(万元)", "年度资金总额", "100", "100", "100%"],
        ["年度总体目标", "预期目标", "实际完成情况"],
        ["年度总体目标", "某某某某某某", "某某某某某某"],
    ]
    doc = interpret([grid(*rows)], "t.xlsx")
    ((_, project),) = doc.projects()
    assert (project.name, str(project.funds.total)) == ("某某中心", "100")
    assert project.indicators == []


def test_a_whole_department_form_cut_before_its_funds_is_the_departments_project() -> None:
    # yn-baoshan-changning-sfj: 部门名称 | 某某局, then its duties, cut before funds and grid
    rows = [
        ["2020年度部门整体支出绩效自评表"],
        ["部门名称", "某某县司法局"],
        ["内容", "说明"],
        ["部门总体目标", "部门职责", "一是承担某某工作。二是承担某某责任。"],
    ]
    doc = interpret([grid(*rows)], "t.xlsx")
    assert [p.name for _, p in doc.projects()] == ["某某县司法局"]
    assert [n for n in doc.notes if n.code == "table.no_indicators"]
    with pytest.raises(ParseError):  # a department's name on a line over a title: no form
        interpret(
            [grid(["某某县司法局"], ["2020年度部门整体支出绩效自评表"], ["内容", "说明"])], "t"
        )


def test_a_field_under_the_grid_spanning_its_columns_is_no_indicator() -> None:
    # hn-changsha-wangcheng: 专项实施保障措施 | a text merged over every other column
    text = "关于印发某某资金管理办法的通知(某发〔2017〕5号)"
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训人数", "≥100人"],
        ["专项实施保障措施", text, text, text],
    ]
    doc = interpret([grid(*rows)], "t.xlsx")
    assert [i.name for _, _, i in doc.indicators()] == ["培训人数"]
    rows[2] = ["效益指标", "社会效益", "社会效益", "社会效益"]  # a class spanning them: no field
    doc = interpret([grid(*rows)], "t.xlsx")
    assert not [n for n in doc.notes if "跨满" in n.message]


def test_a_name_merged_over_several_rows_is_one_indicator() -> None:
    # cq-pengshui: 预算资金安排 spans the 22 lines of its funds' record (rowspan): one indicator
    rows = [
        ["一级指标", "二级指标", "三级指标", "完成情况"],
        ["项目预算管理", "资金投入", "预算编制科学性", "已完成"],
        ["项目预算管理", "资金投入", "预算资金安排", "合计1084.25万元"],
        ["项目预算管理", "资金投入", "预算资金安排", "中央资金800万元"],
        ["项目预算管理", "资金投入", "预算资金安排", "市级资金284.25万元"],
    ]
    below = [(r, j) for r in (3, 4) for j in (0, 1, 2)]  # (under 预算资金安排's merged cells)
    merged = Grid.of("Sheet1", rows, range(1, 6), below)
    doc = interpret([merged], "t.xlsx")
    assert [i.name for _, _, i in doc.indicators()] == ["预算编制科学性", "预算资金安排"]
    assert len([n for n in doc.notes if n.code == "row.merged_name"]) == 1
    doc = interpret([grid(*rows)], "t.xlsx")  # the same name written again: rows of their own
    assert len(list(doc.indicators())) == 4
