"""Text saved from web pages (``jixiao.ingest.readers.webtext``): rows that must not be read wrong.

Each excerpt (``tests/data/webtext/``) is cut from a real page of the corpus
(``tests/data/realworld/``, the fixture named in the test); the tests pin what is read from it
and what is left out, with the note saying why.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.errors import ParseError
from jixiao.ingest import read_bytes
from jixiao.ingest.readers.webtext_funds import column_funds
from jixiao.ingest.text_tokens import tokens
from jixiao.model import Document

from .helpers import DATA
from .tables import messages

EXCERPTS = DATA / "webtext"


def read(name: str) -> Document:
    (doc,) = read_bytes((EXCERPTS / name).read_bytes(), name)
    return doc


def rows(doc: Document) -> list[tuple[str, str, str, str]]:
    return [(i.level1.name, i.level2.name, i.name, i.annual.text) for _, _, i in doc.indicators()]


def test_classes_of_another_framework_stay_classes_and_page_furniture_is_no_row() -> None:
    # ah-shucheng-fgw-yigongdaizhen-target-2023: the NDRC 中央预算内投资 template, a cell per
    # paragraph; its level-1 column holds 实施效果指标 / 过程管理指标 (another framework) over
    # our level-1 classes; the header lost its first character (级指标); page furniture follows.
    assert rows(read("ndrc.txt")) == [
        ("实施效果指标", "产出指标", "劳务报酬占中央投资比例", "≥32.68%"),
        ("实施效果指标", "效益指标", "项目区农村基础设施条件", "持续改善"),
        ("过程管理指标", "计划管理指标", "投资计划分解(转发)用时", "≤20工作日"),
        ("过程管理指标", "计划管理指标", '"两个责任"按项目落实到位率', "100%"),
        ("过程管理指标", "资金管理指标", "中央预算内投资支付率", "≥95%"),
    ]


def test_a_label_run_into_prose_a_wider_table_after_and_an_ambiguous_class() -> None:
    # sx-lvliang-hugong-peixun-selfeval: OCR text, a row per line with "|"; the site's
    # disclaimer runs into the first header label; a second, wider table (a list of schools)
    # follows the indicators.
    doc = read("lvliang.txt")
    assert rows(doc) == [
        ("产出指标", "数量指标", "完成2021年吕梁山护工培训任务", "12500名"),
        ("产出指标", "数量指标", "完成2021年吕梁山护工培训就业质量考核及验收", "11所"),
        ("产出指标", "质量指标", "参训学员结业考核通过率", "100%"),
        ("效益指标", "社会效益", "参训学员就业率", "60%及以上"),
    ]
    # 满意度 under the 效益指标 span: a level 2 of it, or a level 1 spanning both columns?
    (doubt,) = [m for m in messages(doc, "text.row_unclear") if "参培学员满意度" in m]
    assert "满意度" in doubt and "效益指标" in doubt
    assert "吕梁市远航职业培训学校" not in repr(doc)


def test_two_numbers_that_may_be_the_weight_and_score_are_not_read_as_the_target() -> None:
    # ah-tianchang-slj-selfeval-2022, cut after its 产出 rows: space-separated rows whose
    # empty cells vanished; where a row has two numbers (资金执行在预算范围内 10 10) they may be
    # its 分值 and 得分, not 指标值 and 完成值 as the columns in order would have them. Cut
    # short, the table's weights cannot show which (they add up to 100 only in the whole
    # table, below): most rows are doubtful, none is read.
    doc = read("tianchang.txt")
    assert rows(doc) == []
    [(_, project)] = list(doc.projects())
    assert project.name == "水旱灾害防御经费" and project.execution is not None
    assert project.execution.weight == 10  # the funds row is read all the same
    [note] = messages(doc, "text.body_unclear")
    assert "整张指标表未读取" in note


ROLES: list[str | None] = [None, "level1", "level2", "name", "annual", "actual", "deviation"]
SELFEVAL: list[str | None] = ["name", "annual", "actual", "weight", "score", "deviation"]


def test_a_row_is_refused_when_its_cells_show_the_text_was_not_told_apart() -> None:
    from jixiao.ingest.readers.webtext_rows import implausible

    def why(cells: list[str], roles: list[str | None] = ROLES) -> str | None:
        return implausible(cells, roles)

    # hn-hengyang-hengshan-swlsj-chubeiliang-selfeval-2020: cells run together (a document
    # preview), split at the wrong places.
    assert "连着别的文字" in str(why(["", "", "", "执行率", "100%", "100%储备粮管理专户管", ""]))
    assert "连着别的文字" in str(why(["", "", "", "本核算率", "100%", "100%效益", "指标经济"]))
    assert "截断的类别" in str(why(["", "效益", "", "指标利息费用保障率", "100%", "100%", ""]))
    assert "标签的残片" in str(why(["", "效益", "", "高高满意度", "度指", "标服务", ""]))
    # a class label's tail, a word of its own, opening the name (数量 / 指标 5000吨稻谷…)
    assert "截断的类别" in str(
        why(["", "产出指标", "数量", "指标 5000吨稻谷储备到位率", "100%", "", ""])
    )
    # a bare number as the 未完成原因 under a header with no 分值 / 得分: a column off
    assert "偏差原因" in str(why(["", "", "数量指标", "建设道路", "32.1公里", "20", "20"]))
    # a bare number between the words of a name: a 分值 and the next cells run into it
    assert "单独的数" in str(why(["", "", "", "按时完成资金支付 8 11月底完成", "100%", "", ""]))
    # a name ending in a deadline, a target with a bare number before its value
    assert "后面连着一个指标值" in str(
        why(["", "", "", "资金拨付情况 12月底前", "100%到位", "", ""])
    )
    assert "两个数值" in str(why(["", "", "", "读者使用时长", "10 2022年全年 ≥360天", "", ""]))
    # a rate's name with no figure as the target: the name's tail (挂账利息补 | 贴保障率)
    assert "比率的名称" in str(why(["", "", "", "政策性挂账利息补", "贴保障率", "100%", ""]))
    # ah-tianchang-slj-selfeval-2022: 分值 and 得分 read as 指标值 and 完成值.
    assert "分值和得分" in str(
        why(["指标1:资金执行在预算范围内", "10", "10", "", "", ""], SELFEVAL)
    )
    assert "分值错了列" in str(why(["指标1:工程质量", "合格", "10", "10", "", ""], SELFEVAL))
    assert "分值错了列" in str(
        why(["指标1:年度资金支付完成率", "100%", "10", "10", "", ""], SELFEVAL)
    )
    # hn-lixian-shiyongjun-dept-whole-2021: a name glued to its explanation, the same words.
    doubled = [
        "",
        "产出指标",
        "数量指标",
        "研究培育食用菌品种数量研究培育食用菌品种数量",
        "4种",
        "",
        "",
    ]
    assert "重复了两遍" in str(why(doubled))
    # Rows as real tables write them stay readable.
    assert why(["", "", "", "WIFI布点全覆盖", "100%", "100%覆盖", ""]) is None
    assert why(["", "效益指标", "社会效益", "参训学员就业率", "60%及以上", "60%及以上", ""]) is None
    assert why(["成本控制数", "≤30万元", "完成", "90", "90", ""], SELFEVAL) is None
    assert why(["指标1:完成中型灌区节水改造项目数量", "1", "1", "10", "10", ""], SELFEVAL) is None
    assert why(["学生受资助人数", "≧735人次", "735", "10", "10", ""], SELFEVAL) is None
    # A target ending in its actual after a digit (28 | 8): a weight glued on where the text
    # glues cells; in "|" cells kept each apart (``explicit``) a target of its own.
    glued = ["某某林管护面积", "28", "8", "10", "10", ""]
    assert "粘着一个数" in str(why(glued, SELFEVAL))
    assert implausible(glued, SELFEVAL, explicit=True) is None
    assert why(["", "", "", "储备粮 指标达标率", "100%", "100%", ""]) is None
    assert why(["", "", "", "道路养护里程", "32公里", "30公里", "资金未到位"]) is None
    assert why(["", "", "", "资金拨付到位情况", "12月底前100%到位", "", ""]) is None
    assert why(["", "", "", "资金到位率", "≥95%到位率", "100%", ""]) is None


def test_a_class_on_a_line_of_its_own_is_the_class_of_the_rows_below() -> None:
    # ah-suzhou-xiaoxian-hexi-zhongyang-selfeval-2023: "|" rows; 质量指标 stands on a line of
    # its own (its other cells empty) above the rows it spans; it is not the last row's
    # 未完成原因, and the rows below are 质量指标, not the 数量指标 above. The placeholder line
    # …… after the last row starts a line of its own: no cell of that row, which it does not
    # leave at the end of the text (a row that may be cut) either.
    doc = read("hexi.txt")
    assert rows(doc)[-3:] == [
        ("产出指标", "数量指标", "其中猪养殖数量", "12头"),
        ("产出指标", "质量指标", "种植作物成活率", "95%"),
        ("产出指标", "质量指标", "养殖家畜家禽成活率", "95%"),
    ]
    assert [i for _, _, i in doc.indicators()][-1].deviation is None


def test_a_long_space_row_with_whole_class_labels_keeps_its_spaces_as_separators() -> None:
    # ah-luan-yuan-wlj-wenbao-selfeval-2022: space rows; the first row (产出指标 数量指标
    # 指标1:… with a long text value, 7 7 on the next line) is long enough to look like a
    # document preview whose spaces are wraps, but its words include whole class labels: its
    # spaces separate cells, and it is read with the rows below it.
    doc = read("wenbao.txt")
    got = rows(doc)
    assert got[0][:3] == ("产出指标", "数量指标", "指标1:修缮建筑数量")
    assert got[0][3].startswith("完成六安市六安市罗氏宗祠")
    assert got[1:3] == [
        ("产出指标", "数量指标", "指标2:修缮建筑面积", "6000平方米"),
        ("产出指标", "数量指标", "指标3:修缮级别", "市级保护单位"),
    ]


def test_a_line_between_pipe_lines_is_one_cell() -> None:
    # ah-mengcheng-wjw-gongwei-target-2024: one cell per line with "|" lines between; the name
    # 7 岁以下儿童健康管理率 starts with a number after a space: the 7 is not the last target's.
    assert rows(read("mengcheng.txt")) == [
        ("产出指标", "数量指标", "适龄儿童国家免疫规划疫苗接种率", "≧90%"),
        ("产出指标", "数量指标", "7 岁以下儿童健康管理率", "≧85%"),
    ]


def test_numbered_names_start_rows_and_may_stand_without_values() -> None:
    # sc-suining-jkq-scjg-lpyx-selfeval-2021: space rows; a numbered name (指标4.不合格产品处置
    # 率, 指标2.药品抽验平均标准) never runs on into the row above's values and, standing with
    # its classes only, is an indicator with empty values; a date (2021年底) is a value, not
    # the end of a name (任务完成时间 2021年底 2021年底).
    got = rows(read("suining.txt"))
    assert ("产出指标", "质量指标", "指标3.医疗器械抽验完成率", "100%") in got
    assert ("产出指标", "质量指标", "指标4.不合格产品处置率", "") in got
    assert ("产出指标", "质量指标", "指标5:药品不良反应每百万人口报告数", "≥150") in got
    assert ("产出指标", "时效指标", "任务完成时间", "2021年底") in got
    assert ("成本指标", "成本指标", "指标2.药品抽验平均标准", "") in got


def test_the_last_row_of_a_text_that_ends_in_a_bare_number_may_be_cut() -> None:
    # ah-luan-jinan-canlian-kangfu-target-2023: the excerpt ends in 验收合格率 1 (of 100%?):
    # the rows above are read, the last one is not.
    doc = read("canlian.txt")
    assert [r[2] for r in rows(doc)] == ["签约康复人数", "涉及乡镇街数量", "发放辅助器具人数"]
    assert any("验收合格率" in m and "截断" in m for m in messages(doc, "text.row_unclear"))


def test_a_name_repeated_from_the_row_above_is_refused() -> None:
    # hb-huangshi-tsg-gongxiang-selfeval-2022: "|" rows, a row per line; the row of
    # 使读者更方便快捷查找检阅 ends with its actual (the target's text again), and a line holding
    # one cell follows: that line starts a row of its own (a name without values, left out),
    # the cell at the end of the line above is that row's actual, not the next row's name.
    doc = read("tsg.txt")
    got = rows(doc)
    assert (
        "效益指标",
        "社会效益",
        "使读者更方便快捷查找检阅",
        "独有数据资源查询,查询范围可扩展到省图",
    ) in got
    assert not [r for r in got if r[2].startswith(("独有数据资源查询", "促进黄石"))]
    row = next(i for _, _, i in doc.indicators() if i.name == "使读者更方便快捷查找检阅")
    assert row.actual is not None and row.actual.text == "独有数据资源查询,查询范围可扩展到省图"
    assert any("促进黄石" in m for m in messages(doc, "text.row_no_values"))
    # hb-xianning-sthjj-daqi-selfeval-2021: a cell per paragraph; the one row's name appears
    # twice (名称 | 11个 | 名称 | 0 | reason): neither reading is taken.
    doc = read("xianning.txt")
    assert rows(doc) == []
    assert messages(doc, "text.body_unclear")


def test_rows_below_a_refused_row_that_held_their_class_are_refused() -> None:
    # hn-hengyang-hengshan-swlsj-chubeiliang-selfeval-2020: cells run together; the class 质量
    # 指标 is broken by a stray space and its 质量 runs into a value (2、100%质量): the row is
    # refused, and the rows after it cannot be said to be 数量指标 like the row above.
    from jixiao.ingest.readers.webtext_classes import lost_classes
    from jixiao.ingest.readers.webtext_rows import implausible
    from jixiao.ingest.text_align import Row

    roles: list[str | None] = [None, "level1", "level2", "name", "annual", "actual", "deviation"]
    cells = [
        ["", "产出指标", "数量指标", "5000吨稻谷、500吨成品粮储备到位率", "100%", "100%", ""],
        ["", "", "", "库存数量真实率", "100%", "2、100%质量", "指标县级储备粮管理制度严格"],
        ["", "", "", "储备粮管理专户管理率", "100%", "100%", ""],
        ["", "", "时效指标", "县级储备粮应急保障率", "100%", "100%", ""],
    ]
    rows = [Row(c, k, 0.0, 0) for k, c in enumerate(cells)]
    doubts = [implausible(r.cells, roles) for r in rows]
    assert doubts[0] is None and doubts[1] is not None and "类别" in doubts[1]
    assert list(lost_classes(rows, roles, doubts)) == [2]  # 时效指标 states its own class


def test_two_numbers_and_a_template_number_are_no_target_and_actual() -> None:
    # ah-tianchang-slj-selfeval-2022: 指标1:资金执行在预算范围内 10 10, then the template row
    # 指标2: ……; the two numbers are 分值 and 得分, whichever columns the alignment gave them.
    from jixiao.ingest.readers.webtext_rows import implausible

    name = "指标1:资金执行在预算范围内"
    assert implausible([name, "10", "", "10", "", ""], SELFEVAL) is not None
    assert implausible([name, "10", "10 指标2:", "", "", ""], SELFEVAL) is not None
    assert implausible([name, "≥95%", "98%", "10", "10", ""], SELFEVAL) is None


def test_funds_as_columns_give_the_total_where_the_first_amount_sums_the_others() -> None:
    # hn-nanyue-xczxj-yulu-target-2023: 本年度预计投入 | 财政资金 (split 中央 … 本级 on the next
    # line) | 其他, the amounts two lines below; the merged cells lost, 7 = 0 + 7 + 0 + 0 + 0
    head = "| 专项资金情况 | 本年度预计投入(万元) | 财政资金(万元) | 其他 | |||\n"
    head += "| 中央 | 省级 | 市级 | 本级 |\n"
    toks = tokens(head + "| 7 | 0 | 7 | 0 | 0 | 0 | ||||\n| 单位已有的制度 | 有 |\n")
    found = column_funds(toks, 0, len(toks))
    assert found is not None
    assert found[0] == ["本年度预计投入(万元)", "7"]
    assert toks[found[1]].text == "单位已有的制度"  # the funds' lines end with the amounts
    toks = tokens(head + "| 7 | 0 | 6 | 0 | 0 | 0 |\n")  # 7 is not the others' sum: unread
    assert column_funds(toks, 0, len(toks)) is None


def test_funds_labels_run_together_start_rows_of_their_own() -> None:
    # sc-chacewang-puhui-jinrong-selfeval: every cell glued on one line; 年度金额 and
    # 资金使用情况 end the value before them (the amount spent is read by its 合计)
    text = "专项名称普惠金融发展专项资金资金情况(万元)年度金额(提前下达):208万元资金使用情况(万元)"
    text += "合计:109.8万元中央财政165万元一级指标二级指标三级指标指标值完成值权重得分"
    text += "产出指标数量指标创业担保贷款发放额增长率≥10%115.25%20%20得分合计100。"
    (doc,) = read_bytes(text.encode(), "chacewang.txt")
    ((_, project),) = doc.projects()
    assert project.funds.total == Decimal("208")
    assert project.execution is not None
    assert (project.execution.full_year, project.execution.executed) == (
        Decimal("208"),
        Decimal("109.8"),
    )
    assert project.score == Decimal("100")


def test_a_funds_label_alone_on_its_line_and_a_row_that_lost_its_empty_cell() -> None:
    # yn-lincang-linxiang-lcj-shourongsuo-selfeval-2023: "|" rows whose funds labels stand on
    # lines of their own (年度资金总额 |) with the values on the next line, five for six
    # columns (the empty 年初预算数 vanished): the columns are the ones whose 执行率 is
    # 执行数 / 预算数 (31.69 / 32.4 = 97.8%).
    doc = read("linxiang.txt")
    ((_, project),) = doc.projects()
    assert project.funds.total == Decimal("32.4")
    execution = project.execution
    assert execution is not None
    got = (execution.initial, execution.full_year, execution.executed, execution.rate)
    assert got == (None, Decimal("32.4"), Decimal("31.69"), Decimal("97.80"))
    assert (execution.weight, execution.score) == (Decimal("10"), Decimal("9"))


def test_a_project_name_broken_onto_the_next_line_is_no_title() -> None:
    # yn-lijiang-gucheng-zrzyj-weipian-selfeval-2020-trad: the 项目名称 cell ends its line and
    # its value, on the next, ends in 支出绩效自评表 like a title; it is the project's name.
    doc = read("lijiang.txt")
    ((_, project),) = doc.projects()
    assert project.name == "2020年省级自然资源卫片执法补助经费支出绩效自评表"
    assert project.department == "丽江市自然资源和规划局"
    assert len(project.indicators) == 4


def test_a_figure_after_the_last_named_column_is_left_out_not_run_into_the_actual() -> None:
    # sc-anju-scjgj-shipin-selfeval-2021: a cell per paragraph; the header names 年度指标值 and
    # 实际完成指标值 only, but most rows end in one more figure (5, 4, 3: 分值 or 得分, the
    # header does not say which). The rows are read with that column and the figure left out.
    doc = read("anju.txt")
    got = [
        (i.name, i.annual.text, i.actual.text if i.actual else None) for _, _, i in doc.indicators()
    ]
    assert got[:3] == [
        ("指标1:食品安全监管人员培训", "已完成", "已完成"),
        ("指标2:违法案件查办率", "100%", "100%"),
        ("指标3:食品经营环节风险分级", "100%", "100%"),
    ]
    assert all(i.weight is None and i.score is None for _, _, i in doc.indicators())
    assert messages(doc, "text.unlabelled_column")


def test_a_target_run_into_the_name_is_split_off_where_the_score_is_left_empty() -> None:
    # ah-luan-yuan-wlj-wenbao-selfeval-2022: space rows that lost their empty cells; the
    # aligner joined a name to its target (项目设计、招标、施工 完成时间为2022年12月30日) and
    # left 得分 empty. The name's last piece is the target and each value one column right.
    doc = read("wenbao_rows.txt")
    got = {
        i.name: (i.annual.text, i.actual.text if i.actual else None, i.weight, i.score)
        for _, _, i in doc.indicators()
    }
    assert got["项目设计、招标、施工"] == (
        "完成时间为2022年12月30日",
        "完成时间为2022年12月30日",
        Decimal("6"),
        Decimal("5"),
    )
    assert got["项目成本控制在预算内"][1:] == ("100%", Decimal("5"), Decimal("5"))


def test_a_qualitative_target_is_no_unit_and_the_total_score_follows_another_footer() -> None:
    # yn-yongde-minglang-school-selfeval-2022: "|" rows; a row broken over three lines whose
    # empty 指标性质 and 度量单位 cells vanished (减轻…负担 | 有效 | 有效 | 10 | 10): 有效 is a
    # qualitative target, not a 度量单位. 其他需要说明事项 | 无 ends the indicators and 总分 |
    # 100 | 96 | 优 follows it.
    doc = read("yongde.txt")
    ((_, project),) = doc.projects()
    assert (project.score, project.grade) == (Decimal("96"), "优")
    (row,) = [i for i in project.indicators if i.name == "减轻贫困学生家庭经济负担"]
    assert (row.annual.text, row.actual.text if row.actual else None) == ("有效", "有效")
    assert (row.weight, row.score, row.measure) == (Decimal("10"), Decimal("10"), None)


def test_a_row_whose_target_is_its_name_is_refused() -> None:
    from jixiao.ingest.readers.webtext_rows import implausible

    roles: list[str | None] = ["level2", "name", "annual"]
    why = implausible(["时效指标", "结算款支付及时性", "结算款支付及时性"], roles)
    assert why is not None and "名称" in why


def test_a_label_with_its_colon_ends_a_value_and_a_name_holding_a_comparator_is_refused() -> None:
    # he-chengan-mzj-gaoling-selfeval-2020: space rows; 项目名称: 19名百岁老人高龄津贴
    # 是否为专项资金: … 金额单位: 万元 on one line (是否为专项资金: is no label Jixiao knows, but
    # its colon ends the name). The indicator header takes two lines, the second holding the
    # sub-labels of 预期指标值 (符号 | the value | 单位(文字描述)) and of 自评得分 (单项指标得分 |
    # 权重占比(%) | 单项指标折算得分); each row is a token per column: 三级指标 → an explanation
    # (under 指标分值: no 分值) → 符号 (>=) → value → unit (%(百分比)) → 完成值 ….
    doc = read("chengan.txt")
    ((_, project),) = doc.projects()
    assert project.name == "19名百岁老人高龄津贴"
    assert project.unit == "成安县民政局机关"
    assert [(i.name, i.annual.text, i.actual and i.actual.text) for i in project.indicators] == [
        ("符合条件申报对象覆盖率", "≥98%(百分比)", "100%"),
        ("完成率", "≥99%(百分比)", "100%"),
        ("补贴发放率", "≥75%(百分比)", "100%"),
        ("服务对象满意度", "≥95%(百分比)", "100%"),
    ]
    assert all(i.weight is None for i in project.indicators)
    # the sentences under 指标分值 are the indicators' explanations (noted), not a 分值
    assert project.indicators[0].explanation == "享受补贴政策人数占符合条件申报对象总数的比例"
    assert len(messages(doc, "weight.explanation")) == 4
    # 预算数 6.84 到位数 6.84 执行数 6.84 100.00: 到位数 (资金到位情况) is a field of its own, so
    # the 预算数 is the budget and the total, not an amount run on with it
    assert project.funds.total == Decimal("6.84")
    assert project.execution is not None and project.execution.full_year == Decimal("6.84")


def test_a_header_splitting_two_columns_reads_pipe_rows_by_position() -> None:
    # The same two-line header saved as "|" rows (empty cells kept, a row's merged class cells
    # only on its first line): each line's cells are its columns from the right, a name that
    # reads as a class (服务对象满意度) staying the name.
    text = "\n".join(
        [
            "某某县某某局2020年度预算项目绩效自评表",
            "项目名称 | 某某高龄津贴",
            "主管部门 | 某某局",
            "一级指标 | 二级指标 | 三级指标 | 指标分值 | 预期指标值 | 单项指标实际完成值 | "
            "单项指标完成情况 | 自评得分",
            "符号 |  | 单位(文字描述) | 单项指标得分 | 权重占比(%) | 单项指标折算得分",
            "产出指标 | 质量指标 | 某某覆盖率 | 某某人数占某某总数的比例 | >= | 98 | %(百分比) | "
            "100% | 完成 | 25.00 | 25.00 | 6.25",
            "时效指标 | 某某完成率 | 按时完成某某的比例 | >= | 99 | %(百分比) | 100% | 完成 | "
            "25.00 | 25.00 | 6.25",
            "满意度指标 | 服务对象满意度指标 | 服务对象满意度 | 受助对象的满意程度 | >= | 95 | "
            "%(百分比) | 100% | 完成 | 10.00 | 10.00 | 1.00",
            "总分 | 100 | 13.50",
        ]
    )
    (doc,) = read_bytes(text.encode("utf-8"), "split.txt")
    got = [
        (i.level2.name, i.name, i.annual.text, i.actual and i.actual.text)
        for _, _, i in doc.indicators()
    ]
    assert got == [
        ("质量指标", "某某覆盖率", "≥98%(百分比)", "100%"),
        ("时效指标", "某某完成率", "≥99%(百分比)", "100%"),
        ("服务对象满意度", "服务对象满意度", "≥95%(百分比)", "100%"),
    ]


def test_header_cells_one_per_line_over_pipe_rows_and_a_period_goal_beside_the_years() -> None:
    # gd-dongguan-zhanlanguan-wuye-target-2022's shape: the header's cells one per line, each
    # ending in "|", over "|" rows; a 实施周期 block (its goal label carrying its years in
    # brackets, 实施周期指标值) beside the year's (年度目标, 当年度指标值)
    text = "\n".join(
        [
            "某某市财政项目支出绩效目标表 | |||||||",
            "预算单位:某某馆 | |||||||",
            "项目 名称 |",
            "某某维护费 | 本年度申请市财政预算资金(万元) | 12.5 | ||||",
            "总体目标 | 实施周期总目标(2023年--2025年) | 年度目标 | |||||",
            "三年内完成某某维护。 | 本年完成某某维护。 | |||||",
            "绩效指标 |",
            "一级 指标 |",
            "二级 指标 |",
            "三级 指标 |",
            "实施周期指标值 |",
            "二级 指标 |",
            "三级 指标 |",
            "当年度指标值 | ||",
            "产出指标 | 数量指标 | 某某面积 | 3万平方米 | 数量指标 | 某某面积 | 1万平方米 | |",
            "质量指标 | 某某合格率 | 100% | 质量指标 | 某某合格率 | 98% | |",
            "某某达标率 | 100% | 某某达标率 | 95% | |",
            "效益指标 | 社会效益 | 某某满意度 | ≥90% | 社会效益 | 某某满意度 | ≥95% | |",
            "备注:某某",
        ]
    )
    (doc,) = read_bytes(text.encode("utf-8"), "period.txt")
    ((_, project),) = doc.projects()
    assert (project.goal, project.period_goal) == ("本年完成某某维护。", "三年内完成某某维护。")
    got = [(i.level2.name, i.name, i.cycle.text, i.annual.text) for _, _, i in doc.indicators()]
    assert got == [
        ("数量指标", "某某面积", "3万平方米", "1万平方米"),
        ("质量指标", "某某合格率", "100%", "98%"),
        ("质量指标", "某某达标率", "100%", "95%"),
        ("社会效益", "某某满意度", "≥90%", "≥95%"),
    ]


def test_a_name_holding_a_comparator_or_a_target_that_is_only_a_unit_is_refused() -> None:
    from jixiao.ingest.readers.webtext_rows import implausible

    roles: list[str | None] = ["name", "annual"]
    assert implausible(["符合条件申报对象覆盖率 享受补贴政策人数的比例 >=", "98%"], roles)
    assert implausible(["符合条件申报对象覆盖率", "%(百分比)"], roles)
    assert implausible(["符合条件申报对象覆盖率", "≥98%"], roles) is None


def test_two_figures_are_the_weight_and_score_when_the_weights_then_make_100() -> None:
    # ah-tianchang-slj-selfeval-2022, whole: read as 分值 / 得分, the two figures of the rows
    # that have only two (and the 合格 / 100% glued to names before them) make the weights,
    # with the budget's 10, add up to 100; read as 指标值 / 完成值 they do not.
    doc = read("tianchang_whole.txt")
    got = [(i.name, i.annual.text, i.weight, i.score) for _, _, i in doc.indicators()]
    assert got[0] == ("指标1:完成中型灌区节水改造项目数量", "1", Decimal("10"), Decimal("10"))
    assert ("指标1:工程质量合格", "", Decimal("10"), Decimal("10")) in got
    assert ("指标1:年度资金支付完成率100%", "", Decimal("10"), Decimal("10")) in got
    assert ("指标1:资金执行在预算范围内", "", Decimal("10"), Decimal("10")) in got
    assert ("指标1:服务对象满意度", "90%", Decimal("10"), Decimal("10")) in got
    assert len(got) == 9  # (the 指标2: …… template rows and 指标1:/ / / are none)


def test_a_document_previews_pages_of_cells_run_together() -> None:
    # hn-hengyang-hengshan-swlsj-chubeiliang-selfeval-2020: a preview whose pages are lines of
    # cells run together, with stray spaces inside words (质量 指标), a page number at each
    # page's start (2、100%…) and equal targets and actuals glued (00, 高高): read row by row;
    # a percentage above 100 glued to its name (调查290%) is left out.
    doc = read("hengshan.txt")
    got = rows(doc)
    assert ("产出指标", "数量指标", "库存数量真实率", "100%") in got
    assert ("产出指标", "质量指标", "县级储备粮库存粮食明显变质比例", "0") in got
    assert ("效益指标", "可持续影响", "粮食储备设备维护及安全性", "高") in got
    assert ("满意度指标", "服务对象满意度", "因粮食市场波动引起的粮食安全事件发生数", "0起") in got
    assert not [r for r in got if r[2] == "市民满意度调查"]
    assert any("290%" in m for m in messages(doc, "text.row_unclear"))


def test_a_sheet_flattened_out_of_reading_order() -> None:
    # sx-jishan-zhaidian-wsy-gongwei-selfeval-2021: one line, the header's words scattered
    # (年度 实际 指标值 完成值 … 二级指标 三级指标 … 分值 得分): numbered rows whose values are
    # all figures are read under 指标值 / 完成值 / 分值 / 得分, as 数量指标 (the first class
    # printed is 质量指标); 指标24 and 指标25, whose names come before both runs of values
    # (exactly two runs of four), are paired in order, with a note.
    doc = read("zhaidian.txt")
    got = [
        (i.level2.name, i.name, i.annual.text, i.weight, i.score) for _, _, i in doc.indicators()
    ]
    assert got[0] == (
        "数量指标",
        "指标6:举办健康教育宣传咨询活动",
        "12次",
        Decimal("1"),
        Decimal("1"),
    )
    assert ("数量指标", "指标12:孕产妇7天访视数", "214人", Decimal("2"), Decimal("1.8")) in got
    assert len(got) == 20
    assert got[-2:] == [
        ("数量指标", "指标24:传染病及突发公共卫生事件报告数", "14例", Decimal("2"), Decimal("2")),
        ("数量指标", "指标25:家庭医生签约率", "24694人", Decimal("2"), Decimal("1.7")),
    ]
    assert [i.actual.text for _, _, i in doc.indicators() if i.actual][-2:] == ["14例", "22584人"]
    assert messages(doc, "text.scattered_header") and messages(doc, "text.lead_classes")
    assert messages(doc, "text.values_apart_paired")
    assert not any("名称和数值分开写" in m for m in messages(doc, "text.row_unclear"))


def test_names_written_apart_are_paired_only_when_nothing_else_could_be_meant() -> None:
    # The rows the aligner makes of `指标24:… 数 指标25:… 14例 14例 2 2 24694人 22584人 2 1.7`
    # (zhaidian.txt): paired in order; not when a 得分 is above its 分值, when a name lacks its
    # 指标N: number, or when the figures are not one full run per name.
    from jixiao.ingest.readers.webtext_paired import paired_apart
    from jixiao.ingest.text_align import Row

    roles: list[str | None] = ["level1", "level2", "name", "annual", "actual", "weight", "score"]

    def apart(first: str, second: str, last_score: str) -> list[Row]:
        return [
            Row(["", "", first, "数", "", "", ""], 1, 0.0, 2),
            Row(["", "", second, "14例", "", "", ""], 1, 0.0, 2),
            Row(["", "", "14例 2", "2 24694人", "22584人", "2", last_score], 1, 0.0, 7),
        ]

    made, doubts, paired = paired_apart(
        apart("指标24:报告", "指标25:签约率", "1.7"), roles, [None] * 3
    )
    assert paired == 2 and doubts == [None, None]
    assert [r.cells[2:] for r in made] == [
        ["指标24:报告数", "14例", "14例", "2", "2"],
        ["指标25:签约率", "24694人", "22584人", "2", "1.7"],
    ]
    for rows in (
        apart("指标24:报告", "指标25:签约率", "2.5"),  # 得分 2.5 above 分值 2
        apart("指标24:报告", "签约率", "1.7"),  # the second name has no number
        apart("指标24:报告", "指标25:签约率", "")[:2],  # one run only
    ):
        kept, _, paired = paired_apart(rows, roles, [None] * len(rows))
        assert paired == 0 and kept == rows


def test_a_funds_rows_figures_run_together_are_split_by_their_rate() -> None:
    # sc-langzhong-jtj-chegoushui-selfeval-2021 (40004000100%) and hn-hengyang-hengshan-swlsj-
    # chubeiliang-selfeval-2020 (194.9194.9100%): 预算数, 执行数 and 执行率 glued; the one split
    # whose rate is 执行数 / 预算数 is read, none when there is none or more than one.
    from jixiao.ingest.text_funds import unfused

    assert unfused("40004000100%") == ["4000", "4000", "100%"]
    assert unfused("194.9194.9100%") == ["194.9", "194.9", "100%"]
    assert unfused("65.6665.0799%") == ["65.66", "65.07", "99%"]
    assert unfused("100%") is None and unfused("10000100%") is None
    ((_, project),) = read("hengshan.txt").projects()
    assert project.funds.total == Decimal("194.9")
    assert project.execution is not None and project.execution.rate == Decimal("100")


def test_a_form_after_the_footer_of_the_one_before() -> None:
    # sc-daying-sfj-selfeval-2023: "|" rows; the tail of one 自评表 (its indicators, 合计,
    # 评价结论 … 财务负责人), then the next one's title with its year (部门预算项目支出绩效
    # 自评表(2023年度)) and its 项目名称: a second project, with its funds.
    doc = read("daying.txt")
    projects = [p for _, p in doc.projects()]
    assert len(projects) == 2
    second = projects[1]
    assert second.name == "2023年全县安可替代补助资金项目"
    assert second.code == "51092324T000010263357"
    assert second.funds.total == Decimal("3.36")
    assert messages(doc, "row.new_form")


def test_a_page_run_onto_one_line_with_its_goal_sentences_is_still_cells() -> None:
    # hi-hainan-swt-huizhan-target-2022: the whole page on one line, cells run together, the
    # goal's sentences (with their commas) among them: many labels in it make it cells, not
    # one sentence.
    doc = read("hainan.txt")
    assert rows(doc) == [("产出指标", "数量指标", "全年实现会展业综合收入", "≥280亿元")]
    assert [p.funds.total for _, p in doc.projects()] == [Decimal("2430.30")]


def test_a_weight_glued_before_its_target_is_no_reading() -> None:
    # nx-guyuan-yuanzhou-njzx-malingshu-selfeval-2022-ocr: OCR text run together under 分值 |
    # 年度指标值: 指标1免费发放原原种8550万粒550万粒8 (8 | 550万粒 | 550万粒 | 8) — where the
    # 分值 was not split off the target, the row is not read. Most rows are unclear; only the
    # three whose cells vouch for each other (the target repeated, 得分 ≤ 分值) are read.
    from jixiao.ingest.readers.webtext_rows import implausible
    from jixiao.ingest.readers.webtext_table import weight_glued
    from jixiao.ingest.text_align import Row

    assert rows(read("malingshu.txt")) == [
        ("产出指标", "数量指标", "指标1免费发放原原种", "550万粒"),
        ("产出指标", "数量指标", "指标2企业自行采购", "200万粒"),
        ("成本指标", "成本指标", "指标1种薯采购价格不高于市场价", "是"),  # (legacy level 2)
        # a row that fell short: 8 | 是 | 基本达到 | 7 and its reason (webtext_shortfall)
        (
            "效益指标",
            "可持续影响",
            "持续完善马铃薯种薯繁育体系,保障脱毒马铃薯种薯供应,促进主食化产业衔接",
            "是",
        ),
    ]
    roles: list[str | None] = ["level2", "name", "weight", "annual", "actual", "score"]
    row = Row(["数量指标", "指标1免费发放原原种", "", "8550万粒", "550万粒", ""], 1, 0.0, 0)
    assert weight_glued([row], roles, glued=True) == {
        0: "的分值没有和指标值分开（文字连在一起，分值在指标值之前）"
    }
    assert weight_glued([row], roles, glued=False) == {}
    # a sub-row with no 得分 whose target is written again as its 完成值 has no 分值 to glue
    sub = Row(["", "其中桃树种植面积", "", "1.5亩", "1.5亩", ""], 1, 0.0, 0)
    assert weight_glued([sub], roles, glued=True) == {}
    why = implausible(["", "8200万粒200万粒8指标3一级种薯繁育基地", "", "8000亩", "", ""], roles)
    assert why is not None and "编号" in why


def test_a_weight_fused_with_its_target_is_read_where_the_row_settles_the_cut() -> None:
    # sc-zhongjiang-slj-selfeval-2022: cells run together under 分值 | 年度指标值 | 全年实际值 |
    # 得分; 项目(工程)验收合格率20100%100%20 and 项目计划总投资1020万元20万元10 lost the cut
    # between 分值 and target, 群众生产生活条件改善状况10显著提升显著提升10 every cut: the
    # 完成值 repeating the target and full marks settle it. The funds row 202010100.00%10 is
    # 20 | 20 | 10 | 100.00% | 10 (its 执行率 is 执行数 / 预算数).
    from jixiao.ingest.readers.webtext_table import fused_weights
    from jixiao.ingest.text_align import Row
    from jixiao.ingest.text_funds import unfused

    doc = read("zhongjiang.txt")
    read_ = {i.name: (i.weight, i.annual.text, i.actual and i.actual.text, i.score)
             for _, _, i in doc.indicators()}  # fmt: skip
    assert read_["项目(工程)验收合格率"] == (Decimal("20"), "100%", "100%", Decimal("20"))
    assert read_["项目计划总投资"] == (Decimal("10"), "20万元", "20万元", Decimal("10"))
    assert read_["群众生产生活条件改善状况"] == (
        Decimal("10"),
        "显著提升",
        "显著提升",
        Decimal("10"),
    )
    assert messages(doc, "text.weight_fused")
    ((_, project),) = doc.projects()
    assert project.execution is not None
    assert (project.execution.full_year, project.execution.rate, project.execution.weight) == (
        Decimal("20"),
        Decimal("100.00"),
        Decimal("10"),
    )
    assert unfused("202010100.00%", weighted=True) == ["20", "20", "10", "100.00%"]
    assert unfused("202010100.00%") is None
    roles: list[str | None] = ["level2", "name", "weight", "annual", "actual", "score"]
    for cells in (
        ["", "合格率", "", "20100%", "100%", "15"],  # 得分 below the figure: no full marks
        ["", "合格率", "", "2090%", "100%", "20"],  # the 完成值 is not the target's tail
        ["", "状况10显著提升明显提升", "", "10", "", ""],  # not one value written twice
        ["", "1病害减少", "", "82%2%8", "", ""],  # the name may hold a piece of the run
    ):
        row = Row(list(cells), 1, 0.0, 0)
        assert fused_weights([row], roles, glued=True) == 0 and row.cells == cells
    row = Row(["", "合格率", "", "20100%", "100%", "20"], 1, 0.0, 0)
    assert fused_weights([row], roles, glued=False) == 0


def test_a_funds_row_run_together_before_its_score_is_split_by_its_rate() -> None:
    # hb-huanggang-shuibao-jiance-selfeval-2020-trad: 预算数(A)执行数(B)执行率(B/A)得分(20分*
    # 执行率)年度财政资金总额1010100%20 is 10 | 10 | 100% | 20; a run no split tells apart is no
    # 执行率 (1010100% read whole was a rate of a million percent).
    from jixiao.ingest.readers.webtext_funds import fused_cells, rate_checked

    roles: list[str | None] = ["full_year", "executed", "rate", "score"]
    assert fused_cells(["1010100%", "20"], roles) == ["10", "10", "100%", "20"]
    assert fused_cells(["1010100%", "20", "20"], roles) is None  # more figures than columns
    assert rate_checked(["", "", "1010100%", "20"], roles) == ["", "", "", "20"]
    assert rate_checked(["10", "10", "100%", "20"], roles) == ["10", "10", "100%", "20"]
    doc = read_bytes(
        "项目名称水土保持监测预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/A)得分(20分*执行率)"
        "年度财政资金总额1010100%20一级指标二级指标三级指标年初目标值(A)实际完成值(B)得分"
        "产出指标质量指标监测数据必须合格100%100%10".encode(),
        "t.txt",
    )[0]
    ((_, project),) = doc.projects()
    ex = project.execution
    assert ex is not None
    assert (ex.full_year, ex.executed, ex.rate, ex.weight, ex.score) == (
        Decimal("10"),
        Decimal("10"),
        Decimal("100"),
        Decimal("20"),
        Decimal("20"),
    )


def test_a_cell_per_paragraph_with_its_empty_cells_written_reads_a_cell_per_column() -> None:
    # hb-wuhan-qingshan-jyj-jichu-target-2020: a paragraph per cell, an empty cell a paragraph
    # holding a space, under paired columns 二级指标(长期) | 三级指标(长期) | 指标值(长期) |
    # 二级指标(年度) | 三级指标(年度) | 指标值(年度) whose 长期 name and value are empty: each
    # paragraph is one cell, so every row is one annual indicator.
    from jixiao.ingest.readers.webtext_lines import paragraph_rows
    from jixiao.ingest.text_tokens import Token, blank_cells

    doc = read("qingshan.txt")
    assert rows(doc)[0] == ("产出指标", "数量指标", "重点建设工程安排数量", "2")
    assert rows(doc)[-1] == ("满意度指标", "服务对象满意度", "学生、家长、社会满意度", "≥90%")
    assert len(rows(doc)) == 7
    # the grid's caption 绩效项目指标表 after the 年度目标 ends the goal
    assert [p.goal for _, p in doc.projects()] == ["按工作计划完成教育局重点项目建设经费预算安排"]
    cells = ["产出指标", "数量指标", " ", "100%", "x", "y"] * 4
    lines = [line for cell in cells for line in (cell, "")]
    assert blank_cells(lines) and not blank_cells([c for c in lines if c])
    roles: list[str | None] = ["level1", "level2", "name", "value"]

    def para(*texts: str) -> list[Token]:
        return [Token(t, n, "para") for n, t in enumerate(texts)]

    made = paragraph_rows(para("产出指标", "数量指标", "", "2", "产出指标", "", "名称", "3"), roles)
    assert made is not None and [r.cells for r in made][1] == ["产出指标", "", "名称", "3"]
    assert paragraph_rows(para("产出指标", "数量指标", "名称", "2"), roles) is None  # no empty
    assert paragraph_rows(para("产出指标", "", "名称"), roles) is None  # not whole rows
    assert paragraph_rows(para("名称", "", "数量指标", "2"), roles) is None  # no class first


def test_an_explanation_that_is_a_value_before_words_is_a_shifted_row() -> None:
    # hn-lixian-shiyongjun-dept-whole-2021: 消化利用农作物秸秆数量建立秸秆综合利用点 | 5个 |
    # 技术指导服务数量对… | 10家 (a row's target, then the next row's name, in the explanation
    # columns) is refused; fj-ningde-dfz-dept-whole-2019's 100%(历史标准) | 100% is read.
    from jixiao.ingest.readers.webtext_rows import implausible

    roles: list[str | None] = ["name", "explanation", "explanation", "value"]
    assert implausible(
        ["消化利用农作物秸秆数量建立秸秆综合利用点", "5个", "技术指导服务数量对生产", "10家"], roles
    )
    assert implausible(
        ["党建任务完成率上级党组织要求", "100%", "", "培育推广成功率食用菌及中药材"], roles
    )
    assert implausible(["确保日常工作正常运行", "100%(历史标准)", "", "100%"], roles) is None


def test_a_name_run_together_with_its_explanation_is_no_reading() -> None:
    # hn-taoyuan-czj-zaijiuye-target-2021: 补助人数实际发放解困工资人数250人计划标准 under
    # 三级指标 | 指标内容 (an explanation): where the name ends, the text cannot tell.
    from jixiao.ingest.readers.webtext_rows import explanation_glued
    from jixiao.ingest.text_align import Row

    roles: list[str | None] = ["level2", "name", "explanation", "value"]
    glued = Row(["数量指标", "补助人数实际发放解困工资人数", "", "250人"], 1, 0.0, 0)
    apart = Row(["", "研究培育食用菌品种数量", "研究培育食用菌品种数量", "2种"], 1, 0.0, 0)
    assert list(explanation_glued([glued, apart], roles, glued=True)) == [0]
    assert explanation_glued([glued], roles, glued=False) == {}
    # a 指标方向's comparator taken for the explanation: the name still ran into it
    marked = Row(["数量指标", "某某工程(个)反映某某工程开展情况", "≥", "1"], 1, 0.0, 0)
    assert list(explanation_glued([marked], roles, glued=True)) == [0]


def test_a_target_glued_after_a_chinese_numeral_is_no_reading() -> None:
    # gs-jiayuguan-museum-target-2023-ocr: 资金使用效率二100百分比 — 二 is the OCR's = or the
    # name's own; which, the text cannot tell.
    from jixiao.ingest.readers.webtext_table import glued_figures
    from jixiao.ingest.text_align import Row
    from jixiao.ingest.text_tokens import Token

    roles: list[str | None] = ["level2", "name", "value"]
    row = Row(["经济成本指标", "资金使用效率二", "100百分比"], 1, 0.0, 3)
    row.parts = {2: [Token("100百分比", 1, "cut")]}
    assert list(glued_figures([row], roles)) == [0]
    row.parts = {2: [Token("100百分比", 1, "line")]}  # a cell of its own: the name's 二
    assert glued_figures([row], roles) == {}


def test_a_funds_row_under_年初预算数_with_its_method_text_after_it() -> None:
    # bj-haidian-xueyuanlu-baojie-selfeval-2016 (Beijing 2016 template): 年初预算数(A) |
    # 全年执行数(B) | 分值(10分) | 执行率(B/A) | 得分 | 得分计算方法, the row 310.2154.741050%5
    # 执行率*该指标分值,… run together: 310.2 | 154.74 | 10 | 50% | 5, the method's words left out.
    from jixiao.ingest.readers.webtext_funds import fused_cells

    roles: list[str | None] = ["initial", "executed", "weight", "rate", "score", "note"]
    got = fused_cells(["310.2154.741050%", "5", "执行率*该指标分值,最高不得超过分值上限。"], roles)
    assert got == ["310.2", "154.74", "10", "50%", "5", ""]


def test_a_row_per_line_of_one_token_per_column_is_read_by_position() -> None:
    # sc-ganzi-scjgj-shian-target-2023: lines that lost an empty cell inside (指标性质) do not
    # come out a token per column, and are aligned instead.
    from jixiao.ingest.readers.webtext_lines import line_rows
    from jixiao.ingest.text_tokens import tokens

    roles: list[str | None] = ["level1", "level2", "name", "op", "value", "measure", "weight"]
    lost = tokens("产出指标 成本指标 检查差旅费 470 人/天 2\n产出指标 时效指标 完成时限 1 5")
    assert line_rows(lost, roles) is None
    whole = tokens("产出指标 数量指标 召开会议 >= 2 次 15\n质量指标 合格率 = 100 % 10")
    made = line_rows(whole, roles)
    assert made is not None
    assert [r.cells for r in made][1] == ["", "质量指标", "合格率", "=", "100", "%", "10"]


def test_a_goal_group_label_over_its_sub_headers_spans_them() -> None:
    # ah-tianchang-slj-selfeval-2022: 年度总体目标完成情况 | 预期目标 | 实际完成情况 over the goal
    # and its actual on one line; the first labels the group, and 年度绩效指标完成情况 (the label
    # spanning the grid) ends the actual
    data = (DATA / "realworld" / "ah-tianchang-slj-selfeval-2022.txt").read_bytes()
    (doc,) = read_bytes(data, "tianchang.txt")
    ((_, project),) = doc.projects()
    assert project.goal == "完成年度防汛工作,完成中型灌区节水改造项目和农业综合水价改革项目。"
    assert project.goal_result == "完成年度目标。"


def test_goal_texts_keep_a_value_run_into_them_and_split_by_paragraphs() -> None:
    # hn-yueyangxian-nyj-gaobiao-target-2022: 完成项目主体工程70% is one goal (its 70% is cut off
    # as a value by the tokens); sc-suining-jkq-scjg-lpyx-selfeval-2021: 目标1:… 目标4:… , a
    # blank line, then the four results: each paragraph is one sub-header's cell
    for name, goal, result in (
        ("hn-yueyangxian-nyj-gaobiao-target-2022", "完成项目主体工程70%", None),
        (
            "sc-suining-jkq-scjg-lpyx-selfeval-2021",
            "目标1:完成两品一械抽检工作目标2:加强两品一械企业监管力度"
            "目标3:加强培训,提高监管人员专业水平目标4:加强两品一械科普宣传力度",
            "目标1:配合完成抽检148个批次目标2:加强了两品一械企业监管力度"
            "目标3:提高监管人员专业水平,培训率达100% 目标4:多次组织两品一械科普宣传活动",
        ),
    ):
        (doc,) = read_bytes((DATA / "realworld" / f"{name}.txt").read_bytes(), f"{name}.txt")
        ((_, project),) = doc.projects()
        assert project.goal == goal
        assert project.goal_result == result


def test_a_grade_on_its_own_row_after_the_total_score_is_the_project_grade() -> None:
    # yn-baoshan-tyjrswj-weiwen-selfeval-2022: 总分 | (100分) | 100, then 自评等级 | 优, then
    # 偏差大或目标未完成原因分析 | 无 (a footer label of its own, not part of the grade)
    name = "yn-baoshan-tyjrswj-weiwen-selfeval-2022.txt"
    (doc,) = read_bytes((DATA / "realworld" / name).read_bytes(), name)
    ((_, project),) = doc.projects()
    assert (project.score, project.grade) == (Decimal("100"), "优")


def test_a_field_label_with_its_colon_in_a_cell_of_its_own_takes_the_next_cell() -> None:
    # cq-banan-jielong-songxian-target-2021: 绩效编制单位: | 重庆市巴南区接龙镇人民政府 on the line
    # under the title names the department (as the grid reader reads that row)
    name = "cq-banan-jielong-songxian-target-2021.txt"
    (doc,) = read_bytes((DATA / "realworld" / name).read_bytes(), name)
    assert doc.department == "重庆市巴南区接龙镇人民政府"


def test_a_department_row_over_its_units_in_a_multi_project_table_is_read() -> None:
    # sc-jingyan-mata-target-2023: 820-马踏镇部门 | 8,827,620.53 above the unit and project rows
    # (a merged 单位名称 / 项目名称 cell and its 预算数) names the department
    from jixiao.ingest.readers.webtext_table import total_row

    name = "sc-jingyan-mata-target-2023.txt"
    (doc,) = read_bytes((DATA / "realworld" / name).read_bytes(), name)
    assert doc.department == "马踏镇部门"
    roles: list[str | None] = ["unit", "project", "total", "goal", "level1", "name", "value"]
    row = ["", "820-马踏镇部门", "", "8,827,620.53", "", "", ""]
    assert total_row(row, roles) == ["820-马踏镇部门", "820-马踏镇部门", "8,827,620.53"] + [""] * 4
    assert total_row(["", "某项目", "", "按时发放", "", "", ""], roles) is None


def test_a_goal_run_on_after_its_label_ends_at_the_grid_caption() -> None:
    # hn-taoyuan-czj-zaijiuye-target-2021: 专项年度绩效目标通过本项目实施,… (label and sentence
    # run together), then 专项 / 年度 / 绩效 / 指标 wrapped one word a line over the grid
    name = "hn-taoyuan-czj-zaijiuye-target-2021.txt"
    (doc,) = read_bytes((DATA / "realworld" / name).read_bytes(), name)
    ((_, project),) = doc.projects()
    assert project.goal == (
        "通过本项目实施,按规定及时发放再就业援助对象岗位补贴,保障了再就业援助对象相关待遇,"
        "维护了社会稳定。"
    )


def test_a_text_ending_in_the_first_characters_of_a_class_ends_after_a_whole_row() -> None:
    # ah-luan-yuan-wlj-wenbao-selfeval-2022: the excerpt ends in 可 (of 可持续影响指标) on a line
    # of its own: not the 偏差原因 of the row above, and that row (its 分值 and 得分 15 15 before
    # it) is whole, not cut short
    from jixiao.ingest.readers.webtext_rows import cut_label
    from jixiao.ingest.text_tokens import Token

    name = "ah-luan-yuan-wlj-wenbao-selfeval-2022.txt"
    (doc,) = read_bytes((DATA / "realworld" / name).read_bytes(), name)
    last = [i for _, _, i in doc.indicators()][-1]
    assert last.name == "文物本体安全、体现文物价值,提升知名度"
    assert (last.score, last.deviation) == (Decimal("15"), None)
    assert cut_label([Token("15", 1, "space"), Token("可", 2, "line")])
    assert not cut_label([Token("15", 1, "space"), Token("无", 2, "line")])
    assert not cut_label([Token("15", 1, "space"), Token("可", 1, "space")])


def test_goal_paragraphs_restated_as_their_results_split_in_halves() -> None:
    # hn-yongzhou-lingling-lyj-dept-whole-selfeval-2021: a paragraph per line, 目标1… 目标3 under
    # 预期目标, then the same three under 实际完成情况
    name = "hn-yongzhou-lingling-lyj-dept-whole-selfeval-2021.txt"
    (doc,) = read_bytes((DATA / "realworld" / name).read_bytes(), name)
    ((_, project),) = doc.projects()
    goal = "目标1:造林1.2万亩, 目标2森林经营16.3万亩目标3:病虫害防治3.45万亩"
    assert "".join((project.goal or "").split()) == "".join(goal.split())
    assert project.goal_result == project.goal


def test_goal_paragraphs_each_followed_by_its_restated_result_split_in_turn() -> None:
    # sc-anju-scjgj-shipin-selfeval-2021: a cell per paragraph, the funds row's 分值 20, then
    # 目标1 (goal) 目标1 (result) 目标2 目标2 …: the goal lines and the result lines in turn
    name = "sc-anju-scjgj-shipin-selfeval-2021.txt"
    (doc,) = read_bytes((DATA / "realworld" / name).read_bytes(), name)
    ((_, project),) = doc.projects()
    assert "".join((project.goal or "").split()) == (
        "目标1:深入开展食品风险隐患排查整治。目标2:加大违法行为打击力度。"
        "目标3:加强基层监管人员监管业务培训。目标4:加大食品安全宣传力度。"
    )
    assert project.goal_result == project.goal


def test_a_page_starting_mid_table_is_read_under_the_header_its_rows_fix() -> None:
    # sc-dyrmt-renyuan-selfeval-fragment: page 22 of an article starts below the header of a
    # Sichuan 自评表, cells glued, each row's one figure after a space; 合计 100: the 分值
    text = (
        "产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5 时效指标按时发放率=100% 22.5 "
        "效益指标经济效益指标结余率≤5% 22.5 合计100 评价结论及时、足额缴纳。存在问题暂无"
    )
    (doc,) = read_bytes(text.encode(), "page22.txt")
    got = [(i.level1.name, i.level2.name, i.name, i.annual.text, i.actual, i.weight, i.score)
           for _, _, i in doc.indicators()]  # fmt: skip
    assert got == [
        ("产出指标", "数量指标", "足额保障率", "=100%", None, Decimal("22.5"), None),
        ("产出指标", "数量指标", "科目调整次数", "≤10次", None, Decimal("22.5"), None),
        ("产出指标", "时效指标", "按时发放率", "=100%", None, Decimal("22.5"), None),
        ("效益指标", "经济效益", "结余率", "≤5%", None, Decimal("22.5"), None),
    ]
    assert messages(doc, "header.from_rows")
    # 合计 100 totals the points: no project score (no 得分 is written)
    assert [p.score for _, p in doc.projects()] == [None]
    assert messages(doc, "score.points_total")
    # a figure that is no bare number (a completed value) leaves the columns unsettled
    with pytest.raises(ParseError, match="表格似从中间开始"):
        read_bytes(text.replace("22.5", "98%").encode(), "page22.txt")


_LIANGPING = (
    "重庆市梁平区林业局2023年度部门整体绩效自评表主管部n重庆市梁平区林业局部门联系人李薇联系电话"
    "自评总分(分)97.93年初预算数全年(调整)预算数全年执行数执行率执行率权重执行率得分"
    "年度总金额.32.06.5其中财政拨款.32.06.579.27107.93"
    "绩效指标指标名称计量单位指标性质指标值指标权重(分)全年完成值指标得分(分)说明"
    "天然林和公益林管护当期任务完成率%901010010国家级公益林管护面积万亩2810810"
    "森林火灾受害率%0.910010公益林提供管"
)


def test_rows_run_together_under_name_unit_figures_are_cut_by_the_header_order() -> None:
    # cq-liangping-lyj-dept-whole-selfeval-2023: name · unit · one run of figures per row
    # (指标值 | 权重 | 完成值 | 得分); 100 − 97.93 = 10 − 7.93, so every indicator has full marks,
    # which leaves one cut of each run; the cut-off last row is left out.
    (doc,) = read_bytes(_LIANGPING.encode(), "t.txt")
    got = [
        (i.name, i.annual.text, i.actual and i.actual.text, i.weight, i.score)
        for _, _, i in doc.indicators()
    ]
    assert got == [
        ("天然林和公益林管护当期任务完成率", "90%", "100%", Decimal("10"), Decimal("10")),
        ("国家级公益林管护面积", "28万亩", "8万亩", Decimal("10"), Decimal("10")),
        ("森林火灾受害率", "0.9%", "0%", Decimal("10"), Decimal("10")),
    ]
    assert any("公益林提供管" in m for m in messages(doc, "text.row_cut"))


def test_a_run_of_figures_is_cut_only_where_one_cut_is_left() -> None:
    from jixiao.ingest.readers.webtext_fused import split_run

    order = ["value", "weight", "actual", "score"]
    # 28 | 10 | 8 | 10, 28 | 10 | 81 | 0 and 2810 | 8 | 1 | 0 all keep 得分 ≤ 分值 …
    assert split_run("2810810", order, full_marks=False, percent=False) is None
    # … full marks leave one
    assert split_run("2810810", order, full_marks=True, percent=False) == ["28", "10", "8", "10"]
    # 90 | 10 | 100 | 10 or 9010 | 10 | 0 | 10: a percentage within 100 settles it
    assert split_run("901010010", order, full_marks=True, percent=True) == [
        "90",
        "10",
        "100",
        "10",
    ]
    assert split_run("901010010", order, full_marks=True, percent=False) is None


def test_the_form_has_full_marks_only_when_its_lost_points_are_the_executions() -> None:
    from jixiao.ingest.readers.webtext_fused import _full_marks

    head = ["", "全年执行数", "执行率", "执行率权重", "执行率得分"]
    funds = ["其中财政拨款", "", "79.27", "10", "7.93"]
    assert _full_marks([["联系电话", "自评总分(分)97.93"], head, funds])
    assert not _full_marks([["联系电话", "自评总分(分)96.93"], head, funds])
    assert not _full_marks([head, funds])  # (no total: nothing tells)


def test_rate_weight_score_run_together_after_lost_amounts() -> None:
    # cq-liangping: 年初预算数 … 执行率 | 执行率权重 | 执行率得分 over .32.06.579.27107.93: the
    # amounts lost their leading digits; 79.27% × 10 = 7.93 is the one cut at the end.
    from jixiao.ingest.readers.webtext_funds import rate_points

    roles: list[str | None] = ["initial", "full_year", "executed", "rate", "weight", "score"]
    assert rate_points(".32.06.579.27107.93", roles) == ["", "", "", "79.27", "10", "7.93"]
    assert rate_points(".32.06.579.27108.93", roles) is None  # (no cut agrees)
    assert rate_points("79.27107.93", roles[:4]) is None  # (the header does not end so)


def test_two_funds_labels_set_apart_stay_two() -> None:
    # xj-fukang: 执行率 得分 (a space between) is no 执行率得分, the Chongqing form's one label
    from jixiao.ingest.readers.webtext_funds import funds_header
    from jixiao.ingest.text_tokens import tokens

    toks = tokens("全年预算数 全年执行数 执行率 得分\n")
    assert funds_header(toks, 0, len(toks)) == 4
    toks = tokens("全年预算数全年执行数执行率执行率权重执行率得分")
    assert [t.text for t in toks] == [
        "全年预算数",
        "全年执行数",
        "执行率",
        "执行率权重",
        "执行率得分",
    ]


def test_the_total_score_among_the_forms_fields_is_its_score() -> None:
    # cq-liangping: 联系电话自评总分(分)97.93 at the head of the form, before its funds
    (doc,) = read_bytes(_LIANGPING.encode(), "t.txt")
    ((_, project),) = doc.projects()
    assert project.score == Decimal("97.93")
    ex = project.execution
    assert ex is not None and (ex.rate, ex.weight, ex.score) == (
        Decimal("79.27"),
        Decimal("10"),
        Decimal("7.93"),
    )


def test_a_goal_written_twice_among_header_words_is_the_goal_and_its_result() -> None:
    # sx-jishan-zhaidian-wsy-gongwei-selfeval-2021: cells in extraction order, the header
    # words 一级 指标 and a dash between the goal's label and its two texts (预期 = 实际)
    text = (
        "稷山县项目支出绩效自评表 (2021年度) 项目名称 国家基本公共卫生服务 "
        "主管部门 稷山县卫生健康和体育局 "
        "年度 总体 目标 一级 指标 — 国家基本公共卫生服务 国家基本公共卫生服务 "
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
        "产出指标 数量指标 指标7:建立预防接种证 221人 221人 2 2\n"
    )
    (doc,) = read_bytes(text.encode(), "t.txt")
    ((_, project),) = doc.projects()
    assert project.goal == "国家基本公共卫生服务"


def test_full_marks_are_told_from_this_forms_points_only() -> None:
    from jixiao.ingest.readers.webtext_fused import _full_marks

    head = ["", "全年执行数", "执行率", "执行率权重", "执行率得分"]
    funds = ["其中财政拨款", "", "79.27", "10", "7.93"]
    earlier = [["自评总分(分)", "97.93"], head, funds, ["指标名称", "指标值", "指标得分"]]
    assert not _full_marks([*earlier, ["项目名称", "某项目"]])  # (the form before this one)
    assert _full_marks([*earlier, ["自评总分(分)", "97.93"], head, funds])


_JISHAN = (
    "稷山县项目支出绩效自评表 (2020年度) 项目名称 建档立卡个人缴费县级配套资金 "
    "主管部门 稷山县医疗保障局 "
    "一级 指标 二级指标 三级指标 数量指标 指标1:全县参合人数 绩 效 指 标 产出 指标 (50分 ) "
    "实际 指标值 "
    "完成值 8755 分值 得分 偏差原因分析及改进措 施 8676 15 13 建档立卡中有新增死亡 人员,导致有偏差 "
    "质量指标 指标1:资金是否全部纳入医 保统筹 100% 100% 15 15 时效指标 指标1:资金是否全部及时纳 入 "
    "100% 100% 10 10 75元 75元 10 10 95% 95% 30 27 95% 95% 10 9 100 94 成本指标 "
    "指标1:配套资金每人每年 效益指 标(30 分) 年度 社会效益 指标1:是否解决建档立卡人 员看病难贵问题 "
    "满意度 指标 服务对象满 指标1:是否满意 (10分 意度指标 ) 总分\n"
)


def test_runs_written_before_their_names_are_paired_in_order() -> None:
    # sx-jishan-ybj-jiandang-selfeval-2020: extraction order; the first row's cells stand among
    # the header's labels (… 8755 分值 得分 偏差原因… 8676 15 13); after 时效指标's row come the
    # runs of the next three rows (and 总分's 100 94), then their names. The last row's level 2
    # is wrapped around its name (服务对象满 … 意度指标), put back together.
    (doc,) = read_bytes(_JISHAN.encode(), "t.txt")
    got = [
        (i.level2.name, i.name, i.annual.text, i.actual and i.actual.text, i.weight, i.score)
        for _, _, i in doc.indicators()
    ]
    assert got == [
        ("数量指标", "指标1:全县参合人数", "8755", "8676", Decimal(15), Decimal(13)),
        ("质量指标", "指标1:资金是否全部纳入医保统筹", "100%", "100%", Decimal(15), Decimal(15)),
        ("时效指标", "指标1:资金是否全部及时纳入", "100%", "100%", Decimal(10), Decimal(10)),
        ("成本指标", "指标1:配套资金每人每年", "75元", "75元", Decimal(10), Decimal(10)),
        (
            "社会效益",
            "指标1:是否解决建档立卡人员看病难贵问题",
            "95%",
            "95%",
            Decimal(30),
            Decimal(27),
        ),
        ("服务对象满意度", "指标1:是否满意", "95%", "95%", Decimal(10), Decimal(9)),
    ]
    # …pieces that make no class together: the row's class is not known, it is left out
    (doc,) = read_bytes(_JISHAN.replace("意度指标", "意见").encode(), "t.txt")
    assert [i.name for _, _, i in doc.indicators()][-1] == "指标1:是否解决建档立卡人员看病难贵问题"
    assert next(i.level1.name for _, _, i in doc.indicators()) == "产出指标"
    assert any("分不清它属于哪一类" in m for m in messages(doc, "text.row_unclear"))


def test_runs_before_names_are_not_paired_when_the_counts_differ() -> None:
    from jixiao.ingest.readers.webtext_apart import names_after_runs
    from jixiao.ingest.text_tokens import tokens

    roles: list[str | None] = ["level1", "level2", "name", "value", "actual", "weight", "score"]
    text = "指标1:甲项 100% 100% 10 10 75元 75元 10 10 95% 95% 30 27 指标1:乙项 指标1:丙项"
    toks = tokens(text)
    moved = names_after_runs(toks, roles, [])
    assert moved is not None
    assert [t.text for t in moved][5:10] == ["指标1:乙项", "75元", "75元", "10", "10"]
    # one name short of the runs, or a 得分 above its 分值: no pairing
    assert names_after_runs(tokens(text.removesuffix(" 指标1:丙项")), roles, []) is None
    assert names_after_runs(tokens(text.replace("30 27", "27 30")), roles, []) is None


_HUANGGANG = (
    "1、2020年度水土保持监测项目绩效自评表项目名称水土保持监测主管部门黄冈市水利和湖泊局"
    "年度绩效目标1(40分)一级指标二级指标三级指标年初目标值(A)实际完成值(B)得分"
    "产出指标质量指标监测数据必须合格100%100%10进度指标取得2018-2022\n"
    "2、监测资料100%100%10效益指标满意度指标服务对象满意度指标整编资料审核98%98%19.6"
    "年度绩效目标2(40分)一级指标二级指标三级指标年初目标值(A)实际完成值(B)得分"
    "产出指标质量指标监测数据资料整编100%100%20进度指标完成年度资料上报100%100%20总分99.6\n"
)


def test_a_class_of_another_template_splits_text_and_a_name_over_a_page_number_is_left_out() -> (
    None
):
    # hb-huanggang-shuibao-jiance-selfeval-2020-trad: 进度指标 is the form's level 2 (kept as
    # written); the preview's page number 2、 breaks the first 进度指标 row's name.
    (doc,) = read_bytes(_HUANGGANG.encode(), "t.txt")
    got = [(i.level2.name, i.name, i.score) for _, _, i in doc.indicators()]
    assert ("进度指标", "完成年度资料上报", Decimal(20)) in got
    assert not [n for _, n, _ in got if "监测资料" in n and "整编" not in n]
    assert any("页码" in m for m in messages(doc, "text.row_unclear"))


def test_a_verdict_run_on_with_its_reason_and_the_caption_printed_again() -> None:
    # hn-hengyang-hengshan-swlsj-chubeiliang-selfeval-2020: 无没有轮换、动用库存 is the 完成值 无
    # and the reason; 绩效 指标 after it is the caption printed again on the next page
    name = "hn-hengyang-hengshan-swlsj-chubeiliang-selfeval-2020.txt"
    (doc,) = read_bytes((DATA / "realworld" / name).read_bytes(), name)
    got = {i.name: i for _, _, i in doc.indicators()}
    row = got["政策性挂账利息补贴保障率"]
    assert row.actual is not None and row.actual.text == "无"
    assert row.deviation == "没有轮换、动用库存"
    assert got["低温、低氧、低剂量科学保粮率"].level2.name == "生态效益"


def test_a_verdict_is_cut_from_a_reason_only() -> None:
    from jixiao.ingest.readers.webtext_table import verdict_reasons
    from jixiao.ingest.text_align import Row

    roles: list[str | None] = ["name", "value", "actual", "deviation"]
    rows = [
        Row(["甲", "100%", "无没有轮换、动用库存", ""], 1, 0.0, 3),
        Row(["乙", "0起", "无安全事故发生", ""], 2, 0.0, 3),  # (a 完成值 of its own)
        Row(["丙", "100%", "无没有轮换、动用库存", "另有原因"], 3, 0.0, 4),
    ]
    verdict_reasons(rows, roles)
    assert [r.cells[2:] for r in rows] == [
        ["无", "没有轮换、动用库存"],
        ["无安全事故发生", ""],
        ["无没有轮换、动用库存", "另有原因"],
    ]


def test_a_first_row_among_the_header_labels_needs_one_whole_run() -> None:
    from jixiao.ingest.readers.webtext_apart import first_row_in_header
    from jixiao.ingest.text_tokens import tokens

    roles: list[str | None] = ["level1", "level2", "name", "value", "actual", "weight", "score"]
    area = tokens(
        "一级 指标 二级指标 三级指标 数量指标 指标1:全县参合人数 产出 指标 (50分 ) 实际 指标值 "
        "8755 分值 得分"
    )
    part = tokens("偏差原因分析及改进措施 8676 15 13 质量指标 指标1:甲 100% 100% 15 15")
    got = first_row_in_header(area, part, roles)
    assert got is not None
    assert [t.text for t in got][:8] == [
        "产出", "指标", "(50分", ")", "数量指标", "指标1:全县参合人数", "8755", "8676",
    ]  # fmt: skip
    assert first_row_in_header(area, part[:2] + part[3:], roles) is None  # (one figure short)
    assert first_row_in_header(area, tokens("8676 13 15 质量指标"), roles) is None  # 得分 > 分值


def test_a_name_run_on_after_a_bare_figure_is_doubtful_in_run_together_text() -> None:
    # nx-yinchuan-liuzhong-gongyong-selfeval-2021-ocr: …管理2可行性2实际工作需求2适当性… —
    # the 2 before 可行性 is the 得分 of the row above or part of the name: the text cannot tell
    from jixiao.ingest.readers.webtext_rows import figure_ahead
    from jixiao.ingest.text_align import Row

    roles: list[str | None] = ["name", "weight", "value"]
    rows = [
        Row(["2可行性", "2", "实际工作需求"], 3, 0.0, 3),
        Row(["19名百岁老人", "2", "19人"], 3, 0.0, 3),
    ]
    assert list(figure_ahead(rows, roles, True)) == [0]  # (19名: a count that is the name's)
    assert figure_ahead(rows, roles, False) == {}  # cells apart: the figure is the name's


def test_a_whole_row_run_together_is_split_where_its_value_is_written_twice() -> None:
    # nx-yinchuan-liuzhong-gongyong-selfeval-2021-ocr: name · 分值 · 指标值 · 全年实际值 · 得分 run
    # together; the value written twice and a 得分 no more than the 分值 leave one reading
    from jixiao.ingest.readers.webtext_runs import whole_runs
    from jixiao.ingest.text_align import Row

    roles: list[str | None] = ["level2", "name", "weight", "value", "actual", "score", "deviation"]
    rows = [
        Row(
            ["", "公用经费完成时间52021年12月完成2021年12月完成4指标2:", "", "", "", "", ""],
            3,
            0,
            1,
        ),
        Row(["", "保障人数", "102370人2370人IO指标2:", "", "", "", ""], 3, 0.0, 2),
        Row(["", "种薯亩均收入8工5%工5%8", "", "", "", "", ""], 3, 0.0, 1),  # 工5%: no value
        Row(["", "采购价格20是是30", "", "", "", "", ""], 3, 0.0, 1),  # 得分 30 > 分值 20
        Row(["", "保障人数1023", "70人2370人10", "", "", "", ""], 3, 0.0, 2),  # cut mid-value
    ]
    (note,) = whole_runs(rows, roles, True)
    assert (note.code, note.message[:2]) == ("text.row_run", "2 ")
    assert rows[0].cells[1:6] == ["公用经费完成时间", "5", "2021年12月完成", "2021年12月完成", "4"]
    assert rows[1].cells[1:6] == ["保障人数", "10", "2370人", "2370人", "IO"]
    assert [r.cells[2] for r in rows[2:]] == ["", "", "70人2370人10"]
    assert whole_runs(rows, roles, False) == []


def test_placeholders_run_together_are_a_template_row() -> None:
    # nx-yinchuan-liuzhong-gongyong-selfeval-2021-ocr: 经济效益指标 | 指标1:指标2: (two empty rows)
    from jixiao.ingest.readers.webtext_rows import template_row

    roles: list[str | None] = ["level2", "name", "value"]
    assert template_row(["经济效益指标", "指标1:指标2:", ""], roles)
    assert not template_row(["经济效益指标", "指标1:培训人数", ""], roles)


def test_rows_whose_cells_vouch_for_each_other_are_read_from_an_unclear_table() -> None:
    # nx-guyuan-yuanzhou-njzx-malingshu-selfeval-2022-ocr: 8 of its 12 rows cannot be told
    # apart; 指标1免费发放原原种 8 | 550万粒 | 550万粒 | 8 and two more rows like it are read alone
    from jixiao.ingest.readers.webtext_runs import self_checked

    roles: list[str | None] = ["level2", "name", "weight", "annual", "actual", "score"]
    assert self_checked(["", "指标1免费发放原原种", "8", "550万粒", "550万粒", "8"], roles)
    assert not self_checked(["", "指标1免费发放原原种", "8", "550万粒", "500万粒", "8"], roles)
    assert not self_checked(["", "采购价格", "8", "是", "是", "9"], roles)  # 得分 > 分值
    assert not self_checked(["", "采购价格", "", "是", "是", "8"], roles)
    assert not self_checked(["", "完成项目数量", "10", "1", "1", "10"], roles)  # 1 | 1: 分值/得分?

    name = "nx-guyuan-yuanzhou-njzx-malingshu-selfeval-2022-ocr.txt"
    (doc,) = read_bytes((DATA / "realworld" / name).read_bytes(), name)
    got = [(i.name, i.weight, i.score) for _, _, i in doc.indicators()]
    assert got == [
        ("指标1免费发放原原种", Decimal("8"), Decimal("8")),
        ("指标2企业自行采购", Decimal("8"), Decimal("8")),
        ("指标1种薯采购价格不高于市场价", Decimal("8"), Decimal("8")),
        (
            "持续完善马铃薯种薯繁育体系,保障脱毒马铃薯种薯供应,促进主食化产业衔接",
            Decimal("8"),
            Decimal("7"),
        ),
    ]


def test_form_fields_of_a_run_together_ocr_form() -> None:
    # nx-guyuan-yuanzhou-njzx-malingshu-selfeval-2022-ocr: a slash pair 项目实施单位/项目负责人,
    # 自治区主管部门 / 专项实施期 / 市县财政部门 fields; 项目总得分99分 above the form
    from jixiao.ingest.readers.webtext_labels import block_label

    assert block_label("项目实施单位/项目负责人")
    assert not block_label("得分") and not block_label("项目实施单位/指标值")
    name = "nx-guyuan-yuanzhou-njzx-malingshu-selfeval-2022-ocr.txt"
    (doc,) = read_bytes((DATA / "realworld" / name).read_bytes(), name)
    ((_, project),) = doc.projects()
    assert (project.unit, project.department) == ("原州区农技中心", "原州区农业农村局")
    assert project.score == Decimal("99")


def test_a_funds_row_label_before_its_header_and_three_amounts_run_together() -> None:
    # nx-yinchuan-liuzhong-gongyong-selfeval-2021-ocr: 年度资金总额年初预匏数调整预算将,A、
    # 全年执行数(B)执行率(B/A)64.864.864.8100% — the row's label before the header, its amounts
    # and rate run together: 64.8 | 64.8 | 64.8 | 100% is the one split whose rate agrees
    from jixiao.ingest.text_funds import unfused

    assert unfused("64.864.864.8100%", initial=True) == ["64.8", "64.8", "64.8", "100%"]
    assert unfused("64.864.864.8100%") is None
    assert unfused("40004000100%", initial=True) is None
    name = "nx-yinchuan-liuzhong-gongyong-selfeval-2021-ocr.txt"
    (doc,) = read_bytes((DATA / "realworld" / name).read_bytes(), name)
    ((_, project),) = doc.projects()
    ex = project.execution
    assert ex is not None and project.funds.total == Decimal("64.8")
    assert (ex.initial, ex.full_year, ex.executed, ex.rate) == (
        Decimal("64.8"),
        Decimal("64.8"),
        Decimal("64.8"),
        Decimal("100"),
    )


def test_a_name_like_a_value_is_read_where_the_rows_values_vouch_for_each_other() -> None:
    # nx-yinchuan-liuzhong-gongyong-selfeval-2021-ocr: 社会效益指标 | 效果显著 | 15 | 改善学校的
    # 办学条件 | 改善学校的办学条件 | 13 — every value is there, so 效果显著 is the name
    from jixiao.ingest.readers.webtext_rows import implausible

    roles: list[str | None] = ["level2", "name", "weight", "value", "actual", "score"]
    row = ["社会效益指标", "效果显著", "15", "改善学校的办学条件", "改善学校的办学条件", "13"]
    assert implausible(row, roles) is None
    assert implausible([*row[:5], ""], roles) == "的三级指标名称是一个指标值"
    assert implausible([*row[:3], "效果显著", "效果显著", "13"], roles) is not None


def test_a_name_field_gets_the_words_an_ocr_put_after_a_field_of_points() -> None:
    # nx-yinchuan-liuzhong-gongyong-selfeval-2021-ocr: 实施第位 自评得分 98 财政审1度评分 银川市第六
    # 中学 — the unit's name came out after the next two fields; a score field holds no words
    from jixiao.ingest.readers.webtext_labels import stray_names

    rows = [["实施单位"], ["自评得分", "98"], ["财政审定评分", "银川市第六中学"]]
    (note,) = stray_names(rows, [2, 2, 2], 0)
    assert rows == [["实施单位", "银川市第六中学"], ["自评得分", "98"], ["财政审定评分"]]
    assert note.code == "text.stray_name"
    kept = [["实施单位"], ["自评得分", "98"], ["财政审定评分", "95"]]  # a figure: its own
    assert stray_names(kept, [2, 2, 2], 0) == [] and kept[0] == ["实施单位"]
    two = [["实施单位"], ["主管部门"], ["财政审定评分", "银川市第六中学"]]  # whose? not known
    assert stray_names(two, [2, 2, 2], 0) == []
    apart = [["实施单位"], ["财政审定评分", "银川市第六中学"]]  # another line: no
    assert stray_names(apart, [2, 3], 0) == []
    name = "nx-yinchuan-liuzhong-gongyong-selfeval-2021-ocr.txt"
    (doc,) = read_bytes((DATA / "realworld" / name).read_bytes(), name)
    ((_, project),) = doc.projects()
    assert (project.unit, project.department, project.score) == (
        "银川市第六中学",
        "银川市教育局",
        Decimal("98"),
    )


def test_a_gansu_forms_organising_and_supervising_units_are_not_its_unit() -> None:
    # 组织实施单位 / 监督管理单位 / 政策依据 are fields of the form, run together with the rest:
    # the unit is the 项目实施单位's value alone. (As on the page, 项目类型 stands between the
    # name and 项目主管部门: a name run into 项目主管部门 is not proven, its 项目 may be its own.)
    text = (
        "省级部门预算项目支出绩效目标表(2023年度)\n"
        "二级项目名称博物馆纪念馆市级免费开放补助资金项目类型新增项目项目主管部门嘉峪关市文化和旅游局"
        "项目实施计划组织实施单位甘肃省文物局监督管理单位嘉峪关文旅局项目实施单位嘉峪关城市博物馆"
        "政策依据甘财科[2022]78号其他依据需要说明的其他问题"
        "年度绩效目标进一步提高博物馆纪念馆运行效率和免费开放服务水平"
        "一级指标二级指标三级指标指标目标值产出指标数量指标免费开放天数=300天\n"
    )
    (doc,) = read_bytes(text.encode(), "t.txt")
    (project,) = doc.units[0].projects
    assert doc.units[0].name == "嘉峪关城市博物馆"
    assert [i.name for i in project.indicators] == ["免费开放天数"]


def test_goal_sub_headers_over_a_table_of_goal_rows_are_no_goal_text() -> None:
    # he-chengan-mzj-gaoling-selfeval-2020: 三、目标完成情况 | 年度预期目标 | 具体完成情况 |
    # 总体完成率(%) over two rows of goal | result | rate: the labels are not the goal, and the
    # rows are not one goal text with the rate in it (the goal is left unread, not misread)
    data = (DATA / "realworld" / "he-chengan-mzj-gaoling-selfeval-2020.txt").read_bytes()
    (doc,) = read_bytes(data, "he-chengan.txt")
    (project,) = [p for _, p in doc.projects()]
    assert project.goal == ""
    assert project.goal_result is None


def test_a_form_cut_before_its_indicators_after_a_whole_form_is_its_project() -> None:
    # Two forms back to back in text run together; the second is cut off before its indicator
    # header: its title, 项目名称 and 主管部门 still make it a project (no indicators), not
    # page text after the table.
    text = (
        "某某项目支出绩效目标表(2023年度)项目名称某某甲工程主管部门某某局项目实施单位某某中心"
        "年度绩效目标完成某某工作一级指标二级指标三级指标指标值产出指标数量指标"
        "完成某某任务数量=300天某某项目支出绩效目标表2023年度项目名称某某乙工程"
        "主管部门某某局项目开始日期2023-01-01\n"
    ).encode()
    (doc,) = read_bytes(text, "forms.txt")
    projects = [p for _, p in doc.projects()]
    assert [p.name for p in projects] == ["某某甲工程", "某某乙工程"]
    assert [len(p.indicators) for p in projects] == [1, 0]
    assert not messages(doc, "text.after_table")


def test_a_bracketed_label_goes_on_with_the_word_after_it() -> None:
    # 部门(单位) 名称: the label goes on after its bracket (名称 is no label of its own, so it is
    # not the department's name); 执行率(B/A) 得分 stays two labels
    from jixiao.ingest.readers.webtext_labels import any_label, label_at

    toks = tokens("部门(单位) 名称 某某局\n")
    assert label_at(toks, 0, any_label) == 2
    toks = tokens("执行率(B/A) 得分 90\n")
    assert label_at(toks, 0, any_label) == 1


def _indicators(text: str) -> list[tuple[str, str | None, str | None]]:
    (doc,) = read_bytes(text.encode(), "selfeval.txt")
    return [(i.name, i.deviation, i.standard) for _, _, i in doc.indicators()]


def test_a_reason_before_a_template_row_stays_in_its_row_a_cell_per_paragraph() -> None:
    # A cell per paragraph, empty cells as paragraphs of a space: the 偏差原因 of the first
    # row is followed by the template's unfilled 指标2 row, which is no value of a row.
    cells = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    cells += ["偏差原因分析及改进措施", "产出指标", "数量指标", "指标1某某项目完成数"]
    cells += ["20", "18", "10", "9", "某某工程延期,已督促施工方加快进度。", "指标2"]
    cells += [" "] * 5 + ["……"] + [" "] * 5
    cells += ["质量指标", "指标1某某项目验收合格率", "100", "100", "10", "10", " "]
    cells += ["……"] + [" "] * 5
    got = _indicators("项目支出绩效自评表\n\n" + "\n\n".join(cells) + "\n")
    assert got[0] == ("指标1某某项目完成数", "某某工程延期,已督促施工方加快进度。", None)
    assert got[1][:2] == ("指标1某某项目验收合格率", None)


def test_a_scoring_rule_is_no_reason_and_a_line_of_dashes_no_cell() -> None:
    # Space rows: the merged 得分计算方法 cell's text follows the first row on lines of its
    # own; lines of "-" below each row are the form's blank rows, not its 未完成原因.
    text = (
        "项目支出绩效自评表\n"
        "一级指标 二级指标 三级指标 预期指标值 实际完成值 分值 得分 未完成原因 得分计算方法\n"
        "产出指标 数量指标 某某活动场次 10场 10场 20 20\n"
        "定量指标:完成值达到指标值,记满分;未达到的按比例记分。\n"
        "-\n"
        "质量指标 某某活动合格率 100% 100% 20 20\n"
        "-\n"
        "- -\n"
        "效益指标 社会效益指标 某某服务覆盖率 100% 95% 20 18 部分乡镇未覆盖\n"
    )
    got = _indicators(text)
    assert got[0][:2] == ("某某活动场次", None)
    assert got[0][2] is not None and "记满分" in got[0][2]
    assert got[1] == ("某某活动合格率", None, None)
    assert got[2] == ("某某服务覆盖率", "部分乡镇未覆盖", None)


def test_a_scattered_header_keeps_its_broken_reason_label_and_the_first_rows_reason() -> None:
    # One line out of reading order: the 偏差原因 label broken at spaces (改进 措 施) stands
    # among the scattered value labels; the first row's reason follows its figures, and a
    # class's label with its points (效益指标(30分)) is no reason of the row before it.
    names = ["甲", "乙", "丙", "丁", "戊"]
    rows_ = " ".join(
        f"质量指标 指标{k}:某某{x}合格率 100% 100% 10 10" for k, x in enumerate(names, 2)
    )
    text = (
        "项目支出绩效自评表 一级 指标 二级指标 三级指标 数量指标 指标1:某某人数 产出指标 "
        "实际 指标值 完成值 120 分值 得分 偏差原因分析及改进 措 施 110 20 18 "
        "某某人员年中调离,人数减少 "
        f"{rows_} 效益指标(30分) 总分"
    )
    (doc,) = read_bytes(text.encode(), "scattered.txt")
    got = [(i.name, i.annual.text, i.deviation) for _, _, i in doc.indicators()]
    assert got[0] == ("指标1:某某人数", "120", "某某人员年中调离,人数减少")
    assert got[1:] == [(f"指标{k}:某某{x}合格率", "100%", None) for k, x in enumerate(names, 2)]


def test_a_list_under_a_tree_header_without_classes_leaves_its_rows_unread_not_the_form() -> None:
    # One line out of reading order: the only funds row label (年度财政资金总额) stands above
    # another field, its amounts right after the funds header; the indicators under 三级指标
    # (a tree column) have no class above them: the form's fields and funds are read, its
    # rows are not, with a note.
    text = (
        "某某资金项目自评表 项目名称 某某发展资金 主管部门 某某局 年度财政 资金总额 "
        "项目实施单位 某某中心 □ 3、一次性项目 □ 预算数 (A) 执行数(B) 执行率(B/A) 得分 "
        "100.5 90.45 90% 18 三级指标 年初目标值 (A) 实际完成值 (B) 得分 "
        "某某企业数量 3 3 10 某某资金执行率 90% 100% 10 二级指标 数量指标 产出指标 总分"
    )
    (doc,) = read_bytes(text.encode(), "list.txt")
    (project,) = doc.units[0].projects
    assert project.unit == "某某中心" and project.funds.total == Decimal("100.5")
    ex = project.execution
    assert ex is not None and (ex.full_year, ex.executed) == (Decimal("100.5"), Decimal("90.45"))
    assert (ex.rate, ex.score) == (Decimal("90"), Decimal("18"))
    assert not project.indicators
    assert any("之上没有指标类别" in m for m in messages(doc, "text.tree_unclear"))


# Made up: a preview run onto one line whose header labels the columns one level too high
# (一级 over 数量指标 …, 二级 over the names), each name glued to its 绩效标准 (反映…), a ≥
# printed as 2 (合格率 295%).
LEVEL_OFF = (
    "某某单位项目支出绩效目标表\n项目名称某某项目项目类别本级支出项目绩效目标完成某某工作,服务群众。"
    "绩效指标保障绩效目标实现措施一级指标二级指标绩效标准当年预期实现值数量指标某某设施巡查次数"
    "反映巡查情况2350次某某培训人数反映培训情况50人质量指标某某验收合格率反映验收情况295%"
    "某某设备完好率反映设备情况98%\n"
)


def test_a_run_together_header_one_level_off_is_read_one_level_down() -> None:
    (doc,) = read_bytes(LEVEL_OFF.encode(), "t.txt")
    (project,) = [p for _, p in doc.projects()]
    assert project.goal == "完成某某工作,服务群众。"  # not the grid's label after it
    got = [(*row, i.standard) for row, (_, _, i) in zip(rows(doc), doc.indicators(), strict=True)]
    assert got == [  # 2350次 may be ≥350次; the class of its row goes on to the next
        ("产出指标", "数量指标", "某某培训人数", "50人", "反映培训情况"),
        ("产出指标", "质量指标", "某某设备完好率", "98%", "反映设备情况"),
    ]
    assert messages(doc, "header.level_off")
    doubts = messages(doc, "text.row_unclear")
    assert len(doubts) == 2 and all("≥ 印成 2" in m for m in doubts)


def test_a_name_after_a_percentage_splits_off_though_its_second_character_is_no_word() -> None:
    from jixiao.ingest.text_glue import split_glued

    assert [p for p, _ in split_glued("质量指标某某巡查次数95%重.点设备完好率")] == [
        "质量指标", "某某巡查次数", "95%", "重.点设备完好率",
    ]  # fmt: skip


def test_a_run_together_header_one_level_off_whose_rows_do_not_bear_it_out_is_refused() -> None:
    text = (
        "某某单位项目支出绩效目标表\n项目名称某某项目一级指标二级指标绩效标准当年预期实现值数量指标"
        "某某巡查次数反映巡查情况120次某某维护次数反映维护情况30次产出指标某某培训人数反映培训情况50人\n"
    )  # (a level 1 where the 一级 column holds level 2 below)
    (doc,) = read_bytes(text.encode(), "t.txt")
    assert not list(doc.indicators()) and not messages(doc, "header.level_off")
    (refused,) = messages(doc, "text.body_unclear")
    assert "一级指标、二级指标" in refused


_CHROME_THEN_ROWS = """网站首页
信息公开 收起
村道养护项目
发布时间:2023-05-01 09:00:00 来源:本站
项目支出绩效目标表
(2023年度)
项目名称 村道养护
实施单位 某某镇人民政府
项目资金(万元) 年度资金总额 金额(万元)
   (一)财政拨款小计 12.00
   (二)自有资金小计 0.00
   (三)其他收入 0.00

年度目标
完成全镇村道日常养护,保障群众安全出行。
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 养护村道里程 35公里
效益指标 社会效益指标 村民出行条件改善程度 明显改善
村容村貌整洁程度 持续提升
满意度指标 满意度指标 群众满意度 ≥90%
"""


def test_a_body_written_a_row_per_line_keeps_its_lines_apart_after_short_page_lines() -> None:
    # Most of the page's lines are chrome and label | value fields of one or two cells; the
    # indicator table's own lines say it is written a row per line, so two lines that each
    # end in a word target are two rows (not one name ending 明显改善 whose target is the
    # next line).
    (doc,) = read_bytes(_CHROME_THEN_ROWS.encode(), "t.txt")
    assert rows(doc) == [
        ("产出指标", "数量指标", "养护村道里程", "35公里"),
        ("效益指标", "社会效益", "村民出行条件改善程度", "明显改善"),
        ("效益指标", "社会效益", "村容村貌整洁程度", "持续提升"),
        ("满意度指标", "满意度指标", "群众满意度", "≥90%"),
    ]


# A Hunan 项目绩效目标表 written a cell per paragraph (empty cells a paragraph of one space): a
# 主管部门及其编码 whose code follows the name, a 满意度 row whose name reads as a class (a
# level-1 alias) after its level 2, and the 其他需说明的问题 row after the indicators.
PARAGRAPH_FORM = "\n\n".join(
    [
        "2025年项目绩效目标表", "项目名称", "某某设施维护服务", "主管部门及其编码",
        "某某县住房和城乡建设局 512003", "项目实施单位", "某某县市政设施维护所",
        "项目资金申请", "(万元)", "资金总额: 60", "项目绩效目标", "长期目标", "年度目标",
        "保障设施正常运行", "2025年完成某某设施维护,保障设施正常运行",
        "年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "绩效标准",
        "产出指标", "数量指标", "维护设施数量", "12", "计划标准",
        "质量指标", "维护合格率", "98%", "计划标准",
        "成本指标", "控制在预算内", "60万元", "计划标准",
        "效益指标", "社会效益指标", "设施正常使用率", "95%", "计划标准",
        "可持续影响指标", " ", " ", " ",
        "服务对象满意度指标", "满意度", "92%", "计划标准",
        "其他需说明的问题", "某某",
    ]
)  # fmt: skip


def test_a_paragraph_form_with_a_coded_department_a_class_like_name_and_a_closing_row() -> None:
    (doc,) = read_bytes(PARAGRAPH_FORM.encode(), "t.txt")
    (project,) = [p for _, p in doc.projects()]
    assert doc.department == project.department == "某某县住房和城乡建设局"
    assert project.funds.total == Decimal("60")
    assert rows(doc) == [
        ("产出指标", "数量指标", "维护设施数量", "12"),
        ("产出指标", "质量指标", "维护合格率", "98%"),
        ("成本指标", "成本指标", "控制在预算内", "60万元"),  # (the framework's classes)
        ("效益指标", "社会效益", "设施正常使用率", "95%"),
        ("满意度指标", "服务对象满意度", "满意度", "92%"),
    ]  # (其他需说明的问题 ends the indicators: 某某 is no target)


def test_project_headings_in_text_name_the_projects_of_a_page_title_about_many() -> None:
    # one cell per paragraph: the page's title about many projects (kept whole, not cut at the
    # goal label 项目绩效目标 inside it), a heading <name>项目绩效目标 over the project's table,
    # a second heading after it (the excerpt cut off before its table)
    text = "\n\n".join(
        [
            "2024年某县重点民生政策和项目绩效目标情况",
            "社区老年助餐服务项目项目绩效目标",
            "(一)中长期绩效目标",
            "到规划期末建成覆盖城乡的老年助餐服务网络，服务能力明显提升。",
            *("一级指标", "二级指标", "指标名称", "指标值"),
            *("产出指标", "数量指标", "助餐点数量", "30个"),
            *("满意度指标", "服务对象满意度", "老年人满意度", "≥90%"),
            "二、城乡居民医保参保补助项目项目绩效目标:",  # (numbered, with its colon)
            "(一)中长期绩效目标",
            "本项目的中长期目标是",
        ]
    )
    (doc,) = read_bytes(text.encode(), "page.txt")
    assert doc.kind == "target"
    assert doc.title == "2024年某县重点民生政策和项目绩效目标情况"
    assert doc.year == 2024  # (from the title, whole)
    projects = [(p.name, [i.name for i in p.indicators]) for _, p in doc.projects()]
    assert projects == [
        ("社区老年助餐服务项目", ["助餐点数量", "老年人满意度"]),
        ("城乡居民医保参保补助项目", []),
    ]


def _cell_per_line(*cells: str) -> bytes:
    """A made-up table saved a cell per line, each closed by its ``|`` (an empty cell ``|``)."""
    return ("\n".join(f"{c} |" if c else "|" for c in cells) + "\n").encode()


def test_lines_after_the_last_closed_cell_are_the_pages_chrome() -> None:
    from jixiao.ingest.text_tokens import cells_end

    head = ("一级指标", "二级指标", "三级指标", "指标值")
    body = ("产出指标", "数量指标", "新建图书角数量", "12个", "", "质量指标", "图书上架合格率")
    last = ("≥95%", "满意度指标", "服务对象满意度指标", "读者满意度", "≥90%")
    chrome = "某某街道办事处 2023年3月\n"  # (a name and a date: a row, were it in the table)
    data = _cell_per_line("某某项目绩效目标表", *head, *body, *last) + chrome.encode()
    (doc,) = read_bytes(data, "cells.txt")
    assert [r[2:] for r in rows(doc)] == [
        ("新建图书角数量", "12个"),
        ("图书上架合格率", "≥95%"),
        ("读者满意度", "≥90%"),
    ]
    assert messages(doc, "text.after_table")
    # The last cell closed by its "|" is whole: its bare number (a 分值) is no cut figure.
    scored = (*head, "分值", *body[:4], "20", "", *body[5:], "≥95%", "20", *last[1:], "10")
    (doc,) = read_bytes(_cell_per_line(*scored) + chrome.encode(), "scored.txt")
    assert [(i.name, i.weight) for _, _, i in doc.indicators()] == [
        ("新建图书角数量", Decimal(20)),
        ("图书上架合格率", Decimal(20)),
        ("读者满意度", Decimal(10)),
    ]
    # Other shapes keep the text after their last "|": "|" lines between cells that do not
    # close their own lines (the last cell has none after it), rows of cells between "|".
    apart = ["三级指标", "|", "指标值", "|", "读者满意度", "|", "≥9"]
    assert cells_end(apart) is None
    assert cells_end(["三级指标 | 指标值 |", "读者满意度 | ≥90% |", "返回顶部"]) is None
    assert cells_end(["三级指标 |", "指标值 |", "读者满意度 |", "≥90% |", "返回顶部"]) == 5


def test_a_level1_class_right_of_the_name_opens_the_next_row() -> None:
    from jixiao.ingest.readers.webtext_rows import implausible

    # Side by side: 二级 | 三级 | 指标值 for the whole term, then for the year.
    roles: list[str | None] = ["level1", "level2", "name", "value", "level2", "name", "value"]
    shifted = ["", "数量指标", "新建图书角数量", "12个", "产出指标", "", ""]
    assert "下一行的开头" in str(implausible(shifted, roles))
    assert (
        implausible(["产出指标", "数量指标", "", "", "数量指标", "新建图书角数量", "12个"], roles)
        is None
    )


def test_a_header_whose_second_line_parts_the_target_column_reads_the_parts_as_columns() -> None:
    # "|" rows: 年度指标值 over 指标性质 | 指标值 | 度量单位 on the header's second line; each
    # row holds the three parts in the target's place (not three columns after 得分).
    text = (
        "项目支出绩效自评表\n项目名称 | 社区养老服务补助\n"
        "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分\n"
        "指标性质 | 指标值 | 度量单位\n"
        "产出指标 | 数量指标 | 上门服务老人数 | ≥ | 320 | 人 | 335 | 30 | 30\n"
        "效益指标 | 社会效益指标 | 独居老人探访率 | = | 100 | % | 100% | 30 | 28\n"
        "总分 | 100 | 58\n"
    )
    (doc,) = read_bytes(text.encode("utf-8"), "parts.txt")
    got = [(i.name, i.annual.text, i.weight, i.score) for _, _, i in doc.indicators()]
    assert got == [
        ("上门服务老人数", "≥320人", Decimal("30"), Decimal("30")),
        ("独居老人探访率", "=100%", Decimal("30"), Decimal("28")),
    ]


def test_a_header_whose_second_line_splits_the_target_column_into_targets() -> None:
    # "|" rows: 指标值 over 上年实际实现值 | 本年预期实现值 (the template's two years): the two
    # sub-labels in the target's place, the year's target the 预期 one, not columns at the end
    text = (
        "项目支出绩效目标表\n项目名称 | 社区养老服务补助\n"
        "一级指标 | 二级指标 | 三级指标 | 指标值 | 指标标准或依据\n"
        "2023年实际实现值 | 预期2024年实现值\n"
        "产出指标 | 数量指标 | 上门服务老人数 | 300人 | 320人 | 按计划\n"
        "效益指标 | 社会效益指标 | 独居老人探访率 |  | 100% | \n"
    )
    (doc,) = read_bytes(text.encode("utf-8"), "years.txt")
    got = [(i.name, i.annual.text) for _, _, i in doc.indicators()]
    assert got == [("上门服务老人数", "320人"), ("独居老人探访率", "100%")]


def test_a_header_on_one_line_ending_in_the_targets_parts_reads_the_parts_in_its_place() -> None:
    # the whole table on one line: 年度指标值 … 得分 then its parts 指标性质 指标值 度量单位,
    # the two header rows run into one; each row holds the parts in the target's place
    text = (
        "项目支出绩效自评表\n项目名称 社区养老服务补助 "
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 指标性质 指标值 度量单位 "
        "产出指标 数量指标 上门服务老人数 ≥ 320 人 335 30 30 "
        "效益指标 社会效益指标 独居老人探访率 = 100 % 100% 30 28 总分 100 58\n"
    )
    (doc,) = read_bytes(text.encode("utf-8"), "parts.txt")
    got = [(i.name, i.annual.text, i.weight, i.score) for _, _, i in doc.indicators()]
    assert got == [
        ("上门服务老人数", "≥320人", Decimal("30"), Decimal("30")),
        ("独居老人探访率", "=100%", Decimal("30"), Decimal("28")),
    ]


def test_the_page_lines_after_the_last_pipe_row_are_no_cells_of_the_table() -> None:
    # "|" rows, then a line of the page without "|" (the office and date under the table):
    # not a row of the table (its words a name, its date a target), nor cells of its last row
    text = (
        "项目支出绩效目标表\n项目名称 | 社区养老服务补助\n"
        "一级指标 | 二级指标 | 三级指标 | 指标值\n"
        "产出指标 | 数量指标 | 上门服务老人数 | ≥320人\n"
        "效益指标 | 社会效益指标 | 独居老人探访率 | 100%\n"
        "满意度指标 | 服务对象满意度指标 | 老人满意度 | ≥90%\n"
        "社区服务中心 2024年3月\n"
    )
    (doc,) = read_bytes(text.encode("utf-8"), "after.txt")
    got = [(i.name, i.annual.text) for _, _, i in doc.indicators()]
    assert got == [("上门服务老人数", "≥320人"), ("独居老人探访率", "100%"), ("老人满意度", "≥90%")]


_SECOND_TABLE = """\
项目支出绩效自评表
项目名称 乡村厨师技能培训
一级指标 二级指标 指标名称 目标值 完成值
产出指标 产出数量 完成厨师培训人数 800名 812名
培训班次 20期 20期
产出质量 结业考核通过率 95% 97.5%
产出时效 培训完成时间 2022年12月 2022年11月
效益指标 社会效益 学员就业率 60%及以上 66%
满意度 学员满意度 90%及以上 93%
序号 机构性质 培训机构 补助标准(元/人) 培训人数 合格人数 补助资金 备注
1 民办 某某市烹饪职业培训学校 1800 300 310 55.8
2 公办 某某县职业技术学校 1800 502 500 90
"""


def test_a_wider_line_opening_with_a_numbering_label_ends_the_body() -> None:
    # A row per line, spaces between cells: the page's next table (序号 | 机构性质 | …, eight
    # columns under a header of five) is not read as indicator rows.
    (doc,) = read_bytes(_SECOND_TABLE.encode(), "t.txt")
    names = [i.name for _, _, i in doc.indicators()]
    assert "结业考核通过率" in names and "学员满意度" in names
    assert not [n for n in names if "序号" in n or "培训学校" in n]


def test_a_target_of_two_figures_with_their_units_apart_by_a_space_is_refused() -> None:
    from jixiao.ingest.readers.webtext_rows import implausible

    roles: list[str | None] = ["level1", "level2", "name", "value"]
    # 饲草仓库 | 200平米 600元/平米: the name's quantity and the target run together at a space.
    got = implausible(["成本指标", "成本指标", "饲草仓库", "200平米 600元/平米"], roles)
    assert "两个数值" in str(got)
    assert implausible(["成本指标", "成本指标", "仓库造价", "≥600元/平米"], roles) is None
    assert implausible(["时效指标", "时效指标", "完工时间", "2024年 10月"], roles) is None


def test_a_name_that_is_only_a_unit_is_refused() -> None:
    from jixiao.ingest.readers.webtext_rows import implausible

    # A target written as 符号 | 数值 | 单位 over three cells, its unit taken for the next
    # row's name when the text lost the empty cells.
    why = implausible(["", "", "", "%(百分比)", "100%", "完成", ""], ROLES)
    assert "只是一个单位" in str(why)
    assert implausible(["", "", "", "百分比达标率", "100%", "100%", ""], ROLES) is None


def test_a_class_row_left_unread_for_want_of_values_still_gives_its_classes() -> None:
    # 产出指标 | 数量指标 (必填硬性指标): a template's note after the class, read where a name
    # would stand, with no values; the rows below carry its merged class cells.
    cells = [
        "某某项目绩效目标表", "绩 效 指 标", "一级指标", "二级指标", "三级指标", "指标值",
        "产出指标", "数量指标 (必填硬性指标)", "培训人数(人)", "300", "培训场次(场)", "12",
        "质量指标 (必填)", "培训合格率", "95%",
        "满意度指标", "服务对象满意度指标", "学员满意度", "90%",
    ]  # fmt: skip
    (doc,) = read_bytes(("\n\n".join(cells) + "\n").encode(), "t.txt")
    got = {i.name: (i.level1.name, i.level2.name) for _, p in doc.projects() for i in p.indicators}
    assert got["培训人数(人)"] == got["培训场次(场)"] == ("产出指标", "数量指标")


def test_rows_above_the_first_class_of_a_table_are_not_read_without_a_class() -> None:
    # Another table's rows run in above the indicators: no class of theirs is written and no
    # rule of the table gives them one (the first class is the first of its level 1).
    text = (
        "某某项目绩效自评表\n一级指标 | 二级指标 | 三级指标 | 指标值 | 完成值\n"
        " |  | 项目目标完整性 | 完整 | 完整\n"
        "产出指标 | 数量指标 | 培训人数 | 300人 | 300人\n"
        " |  | 培训场次 | 12场 | 12场\n"
        " | 质量指标 | 培训合格率 | 95% | 96%\n"
    )
    (doc,) = read_bytes(text.encode(), "t.txt")
    got = [i.name for _, p in doc.projects() for i in p.indicators]
    assert got == ["培训人数", "培训场次", "培训合格率"]


_PADDED = """项目名称 | 某某项目 | |||||||||
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 | |||||
产出指标 | 数量指标 | 培训人数 | ≥100人 | 120人 | 10 | 10 | ||||||
设备购置数量 | 550 | 20 | 9.3 | 9.3 | ||||||||
变压器台数 | 3 | 9.3 | 9.3 | |||||||||
时效指标 | 完成时限(月) | 10 | 10 | 10 | 10 | |||||||
评价结论 | 完成 | |||||||||||
"""


def test_a_padded_rows_three_bare_numbers_for_four_columns_are_refused() -> None:
    # every line padded to one width with | at its end, the empty cells inside a row lost:
    # 3 | 9.3 | 9.3 may be any three of 指标值, 完成值, 分值, 得分
    (doc,) = read_bytes(_PADDED.encode(), "t.txt")
    names = [i.name for _, _, i in doc.indicators()]
    assert names == ["培训人数", "设备购置数量", "完成时限(月)"]
    assert any("三个数分不清" in m for m in messages(doc, "text.row_unclear"))


_FORMS = """专项资金名称 | 甲补助 |
当年预算 | 9.31 |
当年绩效目标 | 按月发放 |
绩效指标 | 指标 | 指标权重 | 计量单位 | 指标性质 | 指标值 |
发放人数 | 20 | 人 | ≥ | 100 |
促进和谐 | 20 | | 定性 | |
表十二 | | | | | |
2023年一般性项目绩效目标表(一级项目) |
编制单位: | 某某镇 | 单位:万元 |
专项资金名称 | 乙补助 |
"""


def test_a_forms_number_ends_the_rows_above_and_the_next_form_is_read_to_its_cut() -> None:
    (doc,) = read_bytes(_FORMS.encode(), "t.txt")
    first, second = [p for _, p in doc.projects()]
    assert (first.name, str(first.funds.total), first.goal) == ("甲补助", "9.31", "按月发放")
    assert [(i.name, i.annual.text) for i in first.indicators] == [
        ("发放人数", "≥100人"),
        ("促进和谐", ""),
    ]
    assert (second.name, second.indicators) == ("乙补助", [])


def test_a_qualitative_comparator_run_into_a_target_or_a_name_refuses_the_row() -> None:
    # one line, empty cells lost: 定性 after 20 (a 指标权重) is the 指标性质 of a row whose
    # 计量单位 and 指标值 are empty, not a piece of the target or of the next name
    text = (
        "专项资金名称 甲补助 绩效指标 指标 指标权重 计量单位 指标性质 指标值 "
        "发放人数 20 人 ≥ 100 促进和谐 20 定性 保障收入 20 定性\n"
    )
    (doc,) = read_bytes(text.encode(), "t.txt")
    got = [(i.name, i.annual.text) for _, _, i in doc.indicators()]
    assert all("定性" not in n + t for n, t in got)


def test_a_header_label_in_a_class_column_or_labels_in_a_target_refuse_the_row() -> None:
    from jixiao.ingest.readers.webtext_rows import implausible

    roles: list[str | None] = ["level1", "level2", "name", "annual"]
    # a scoring note split at its labels (…按三级指标个数平均确定): no class, no target
    assert implausible(["产出指标", "三级指标", "个数平均确定", "(15分"], roles)
    assert implausible(["产出指标", "数量指标", "提供佐证资料", "三级指标分值"], roles)
    assert implausible(["产出指标", "数量指标", "养护里程", "300公里"], roles) is None


def _paragraphs(cells: list[str]) -> bytes:
    return ("\n\n".join(cells) + "\n").encode()


def test_the_last_row_before_a_note_that_the_text_stops_short_is_read_only_whole() -> None:
    # A cell per paragraph, the page's excerpt cut mid-row before (以下内容略): the note is no
    # cell, and the row before it, lacking the explanation every other row fills, is not read.
    head = ["一级指标", "二级指标", "三级指标", "指标解释", "指标值"]
    body = ["产出指标", "数量指标"]
    for k in range(1, 6):
        body += [f"培训人数{k}", f"反映培训人数{k}", f"{k * 10}人"]
    cut = [*head, *body, "推广成功率", "食用菌", "(以下内容略)"]
    (doc,) = read_bytes(_paragraphs(cut), "cut.txt")
    assert [r[2:] for r in rows(doc)] == [(f"培训人数{k}", f"{k * 10}人") for k in range(1, 6)]
    assert any("推广成功率" in m and "以下略" in m for m in messages(doc, "text.row_unclear"))
    # a whole last row before the note is read
    whole = [*head, *body, "推广成功率", "反映推广成功率", "≥90%", "(以下内容略)"]
    (doc,) = read_bytes(_paragraphs(whole), "whole.txt")
    assert rows(doc)[-1][2:] == ("推广成功率", "≥90%")


def test_a_multi_project_rows_short_name_and_amount_is_its_projects_row() -> None:
    from jixiao.ingest.readers.webtext_table import total_row

    roles: list[str | None] = ["unit", "project", "total", "goal", "level1", "level2", "name"]
    roles += ["value", "weight"]
    row = [
        "",
        "",
        "",
        "",
        "",
        "",
        "基层活动经费",
        "660,000.00",
        "",
    ]  # (aligned as a name and target)
    assert total_row(row, roles) == ["基层活动经费", "基层活动经费", "660,000.00", *[""] * 6]
    assert total_row(["", "", "", "", "", "", "达标", "100", ""], roles) is None  # a value word
    assert total_row(["", "", "", "", "", "", "培训人数", "100人", ""], roles) is None


def test_a_cell_of_its_own_reading_xuhao_opens_the_table_below_the_indicators() -> None:
    # A cell per paragraph: a list of schools (序号 | 学校 | 人数 …) follows the indicator
    # table, whose header has no 序号 column; its cells are no indicator rows.
    head = ["一级指标", "二级指标", "三级指标", "指标值", "完成值"]
    body = ["产出指标", "数量指标"]
    for k in range(1, 6):
        body += [f"培训人数{k}", f"{k * 10}人", f"{k * 10}人"]
    after = ["序号", "学校名称", "培训人数", "合格人数", "1", "某某学校", "842", "842"]
    (doc,) = read_bytes(_paragraphs([*head, *body, *after]), "list.txt")
    assert [r[2] for r in rows(doc)] == [f"培训人数{k}" for k in range(1, 6)]


def test_rows_of_a_multi_project_table_no_project_is_named_over_are_no_ones() -> None:
    from jixiao.ingest.readers.webtext_rows import unowned_rows
    from jixiao.ingest.text_align import Row

    roles: list[str | None] = ["project", "total", "level1", "level2", "name", "value"]
    cells = [
        ["", "", "", "", "某某学校", "30.00"],  # (no class yet: not an indicator row)
        ["", "", "产出指标", "数量指标", "补助人数", "168"],  # no project named above it
        ["某某项目", "30", "产出指标", "质量指标", "发放率", "90%"],
        ["", "", "", "", "到位率", "95%"],
        ["定性", "", "效益指标", "社会效益指标", "入学率", "90%"],  # a value word: shifted
        ["", "", "", "", "满意度", "95%"],
        ["", "", "满意度指标", "服务对象满意度指标", "新项目的指标", "95%"],
    ]
    rows = [Row(c, k, 0.0, len(c), {}) for k, c in enumerate(cells)]
    assert sorted(unowned_rows(rows, roles, set())) == [1, 4, 5, 6]
    assert sorted(unowned_rows(rows, roles, {5})) == [1, 4]  # row 5 names a project
    assert unowned_rows(rows, ["level1", "level2", "name", "value"], set()) == {}


def test_a_target_of_only_a_comparator_shows_the_cells_shifted() -> None:
    from jixiao.ingest.readers.webtext_rows import implausible

    roles: list[str | None] = ["level1", "level2", "name", "value", "actual", "op"]
    row = ["产出指标", "质量指标", "申报对象覆盖率", ">=", "98", ""]  # (98: the target's figure)
    assert "比较符号" in (implausible(row, roles) or "")
    whole = ["产出指标", "质量指标", "申报对象覆盖率", ">=98%", "100%", ""]
    assert implausible(whole, roles) is None


def test_a_name_ending_in_a_list_comma_is_a_fragment() -> None:
    from jixiao.ingest.readers.webtext_rows import implausible

    roles: list[str | None] = ["level1", "level2", "name", "value"]
    assert "残片" in (implausible(["效益指标", "", "社会、经济、", "0%"], roles) or "")
    assert implausible(["效益指标", "", "社会、经济效益", "0%"], roles) is None


def test_the_last_row_before_a_page_turn_ends_as_a_text_does() -> None:
    # (下转第22页): the table goes on on another page; the row before it, ending in a bare
    # number, may be cut there (its 度量单位 and the rest on the next page).
    head = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值"]
    body = ["产出指标", "数量指标"]
    for k in range(1, 22):
        body += [f"购置设备{k}", "≥", f"{k}", "台", f"{k}台"]
    turned = [*head, *body, "质量指标", "设备验收合格率", "=", "100", "(下转第22页)"]
    (doc,) = read_bytes(_paragraphs(turned), "turn.txt")
    assert [r[2] for r in rows(doc)][-1] == "购置设备21"
    assert any("合格率" in m and "截断" in m for m in messages(doc, "text.row_unclear"))


def test_an_indentation_tree_written_a_cell_per_line_keeps_its_levels() -> None:
    lines = ["某某中心2020年项目绩效目标批复表 |", "项目 |", "指标值 |", "绩效金额 |"]
    lines += [
        " 某某中心 |",
        "|",
        "|",
        "  某某疫苗项目 |",
        "|",
        "300000 |",
        "   产出指标 |",
        "|",
        "|",
    ]
    lines += ["    数量指标 |", "|", "|", "     疫苗使用率 |", "100% |", "|"]
    lines += ["     接种人数 |", "≥500人 |", "|", "   满意度指标 |", "|", "|"]
    lines += ["    服务对象满意度指标 |", "|", "|", "     群众满意度 |", "≥95% |", "|"]
    (doc,) = read_bytes(("\n".join(lines) + "\n").encode(), "tree.txt")
    ((_, project),) = doc.projects()
    assert project.name == "某某疫苗项目"
    assert [(i.level2.name, i.name, i.annual.text) for i in project.indicators] == [
        ("数量指标", "疫苗使用率", "100%"),
        ("数量指标", "接种人数", "≥500人"),
        ("服务对象满意度", "群众满意度", "≥95%"),
    ]


def test_a_target_over_its_three_parts_written_a_label_per_paragraph() -> None:
    # 年度指标值 over 指标性质 | 指标值 | 度量单位 (a header of two rows), a cell per paragraph:
    # the parts take the target's place, so each row's ≧ | 735 | 人次 reads as its target.
    head = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    head += ["指标性质", "指标值", "度量单位"]
    body = ["产出指标", "数量指标"]
    for k in range(1, 6):
        body += [f"受资助人数{k}", "≧", f"{k * 100}", "人次", f"{k * 100}人次", "10", "10"]
    (doc,) = read_bytes(_paragraphs([*head, *body, "总分", "50", "50"]), "parts.txt")
    got = [(i.name, i.annual.text, i.weight) for _, _, i in doc.indicators()]
    assert got == [(f"受资助人数{k}", f"≥{k * 100}人次", Decimal(10)) for k in range(1, 6)]


_CLOSED_CELLS = """项目支出绩效目标表
|
|
项目名称
|
某某作业项目
|
|
项目资金
|
中期资金总额:
|
449.8万
|
年度资金总额:
|
189.8万
|
|
一级指标
|
二级指标
|
三级指标
|
指标值
|
|
产出指标
|
数量指标
|
作业航时
|
不少于30小时
|
|
效益指标
|
社会效益
|
服务农业生产
|
保障粮食安全
|
|
产出指标
|
质量指标
|
作业覆盖面积
|
解"""


def test_a_last_cell_whose_closing_pipe_never_came_is_cut_and_the_annual_total_is_taken() -> None:
    # a cell per line, each closed by a "|" line: the text stops inside its last cell (解 of
    # 解决…), so that row is left out; 中期资金总额 beside 年度资金总额: the year's is the total
    doc = read_text_doc(_CLOSED_CELLS)
    assert rows(doc) == [
        ("产出指标", "数量指标", "作业航时", "不少于30小时"),
        ("效益指标", "社会效益", "服务农业生产", "保障粮食安全"),
    ]
    assert any("没有“|”" in m for m in messages(doc, "text.row_unclear"))
    ((_, project),) = doc.projects()
    assert project.funds.total == Decimal("189.8")
    # closed as every other cell is: the row is read
    closed = read_text_doc(_CLOSED_CELLS + "\n|\n|\n")
    assert rows(closed)[-1] == ("产出指标", "质量指标", "作业覆盖面积", "解")


def read_text_doc(text: str) -> Document:
    (doc,) = read_bytes(text.encode(), "t.txt")
    return doc


_GROUP = """项目名称 某某补贴项目
绩效指标 一级指标 二级指标 三级指标 分值 年度指标值 全年实际值 得分 未完成原因
产出指标 数量指标 ★补助各类作物种植面积 10 10
        红薯种植面积 5.5亩 5.5亩
        梨树种植面积 6亩 6亩
质量指标 种植作物成活率 10 95% 95% 10
"""


def test_a_head_over_indented_sub_rows_prints_the_groups_weight_and_score() -> None:
    # ah-suzhou-xiaoxian-yanglou-zhongyang-selfeval-2023: ★ rows print only 分值 and 得分
    # (10 10), their sub-rows, written further in, the targets and actuals
    found = [
        (i.name, i.annual.text, i.actual.text if i.actual else None, i.weight, i.score)
        for _, _, i in read_text_doc(_GROUP).indicators()
    ]
    assert found[:3] == [
        ("★补助各类作物种植面积", "", None, Decimal(10), Decimal(10)),
        ("红薯种植面积", "5.5亩", "5.5亩", None, None),
        ("梨树种植面积", "6亩", "6亩", None, None),
    ]
    # sub-rows not written further in: the two figures are not proven the group's
    flat = _GROUP.replace("        ", "")
    names = [i.name for _, _, i in read_text_doc(flat).indicators()]
    assert "★补助各类作物种植面积" not in names


def test_a_units_row_with_its_code_before_it_in_a_column_of_units_and_projects() -> None:
    # 单位代码 | 单位(专项)名称 | 资金总额 | …: 505006 某某学校 30.00 is the unit's row (its code,
    # name and amount), the projects' rows below it in the same column
    from jixiao.ingest.readers.webtext_table import total_row

    roles: list[str | None] = [None, "unit", "total", "goal", "level1", "name", "value"]
    row = ["", "", "505006", "", "", "某某特殊教育学校", "30.00"]
    assert total_row(row, roles) == ["", "某某特殊教育学校", "30.00", "", "", "", ""]
    # no code before the name, or a column named before the unit's: not proven so
    assert total_row(["", "", "", "", "", "某某学校", "30.00"], roles) is None
    assert total_row(row, ["seq", *roles[1:]]) is None


_KINDS_HEADER = "项目名称:某某资料征集\n指标类型 |\n指标名称 |\n绩效目标 |\n绩效标准 |\n"


def test_a_cell_per_line_whose_blank_last_column_the_rows_lose_reads_without_it() -> None:
    # a cell a line, empty cells as | alone, the merged class cell left out of the rows under
    # its first: the aligner may drop the empty cells and fill 绩效标准 with the next row's
    # name; read without the column no row fills, every row is whole
    body = (
        "产出指标 |\n编印某某资料汇编 |\n每季度编印某某资料汇编500本 |\n|\n"
        "举办某某资料展览 |\n向社会展示某某资料征集成果 |\n|\n"
        "某某成效指标 |\n公开某某资料信息 |\n向社会公开某某资料信息 |\n|\n"
    )
    (doc,) = read_bytes((_KINDS_HEADER + body).encode(), "t.txt")
    got = [(i.level1.name, i.name, i.annual.text, i.standard) for _, _, i in doc.indicators()]
    assert got == [
        ("产出指标", "编印某某资料汇编", "每季度编印某某资料汇编500本", None),
        ("产出指标", "举办某某资料展览", "向社会展示某某资料征集成果", None),
        ("某某成效指标", "公开某某资料信息", "向社会公开某某资料信息", None),
    ]
    assert messages(doc, "text.columns_blank")


def test_a_comparator_with_its_system_code_in_its_paragraph_is_one_cell() -> None:
    cells = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值"]
    cells += ["产出指标", "数量指标", "检查次数", "004 >=", "20", "次", "25"]
    cells += ["产出指标", "质量指标", "合格率", "004 >=", "90", "%", "95"]
    found = [t.text for t in tokens("\n\n".join(cells) + "\n")]
    assert found[9:12] == ["检查次数", "004 >=", "20"]


def test_a_word_of_change_and_its_figure_between_spaces_is_one_cell() -> None:
    # 提升10% is the target, not 提升 closing the name and 10% the value (which put 提升 in
    # the name and made the target 10% 提升)
    text = (
        "一级指标 二级指标 三级指标 年初目标值 实际完成值 得分\n"
        "产出指标 数量指标 开展科普活动 10场 9场 7\n"
        "效益指标 社会效益指标 公民科学文化素质 提升10% 提升10% 6\n"
        "满意度指标 服务对象满意度指标 群众满意度 ≥90% 95% 10\n"
    )
    doc = read_bytes(text.encode(), "t.txt")[0]
    rows = [(i.name, i.annual.text, i.actual and i.actual.text) for _, _, i in doc.indicators()]
    assert ("公民科学文化素质", "提升10%", "提升10%") in rows
