"""Tokens of text saved from web pages (``jixiao.ingest.text_tokens``): where cells run together
are split, and where they must not be. Excerpts from the real pages of the corpus."""

from __future__ import annotations

from jixiao.ingest.text_glue import split_glued
from jixiao.ingest.text_tokens import tokens

from .helpers import DATA


def texts(text: str) -> list[str]:
    return [t.text for t in tokens(text)]


def test_a_comparator_in_words_stays_with_its_value() -> None:
    # yn-baoshan-tyjrswj-weiwen-selfeval-2022: the target 小于5次 on a line of its own
    assert [p for p, _ in split_glued("小于5次")] == ["小于5次"]
    assert [p for p, _ in split_glued("不超过3天")] == ["不超过3天"]
    assert [p for p, _ in split_glued("覆盖率100%")] == ["覆盖率", "100%"]


def test_a_score_mark_does_not_join_the_class_on_the_next_line() -> None:
    # yn-baoshan-tyjrswj-weiwen-selfeval-2022: 效益指标(10分) over 社会效益指标
    assert texts("效益指标(10分)\n社会效益指标\n") == ["效益指标", "(10分)", "社会效益指标"]


def test_a_class_of_another_framework_is_one_label() -> None:
    # ah-shucheng-fgw-yigongdaizhen-target-2023: 实施效果指标 ends with our 效果指标
    assert [p for p, _ in split_glued("实施效果指标")] == ["实施效果指标"]
    assert [p for p, _ in split_glued("产出指标数量指标")] == ["产出指标", "数量指标"]


def test_a_short_sentence_keeps_the_labels_inside_it() -> None:
    # ah-tianchang-slj-selfeval-2022: the actual 完成年度目标。 is a sentence, not 年度目标 cut out
    assert [p for p, _ in split_glued("完成年度目标。")] == ["完成年度目标。"]
    assert [p for p, _ in split_glued("产出指标数量指标")] == ["产出指标", "数量指标"]


def test_a_goal_label_run_on_before_its_sentence_is_split_off() -> None:
    # hn-taoyuan-czj-zaijiuye-target-2021, hn-lixian-shiyongjun-dept-whole-2021
    text = "专项年度绩效目标通过本项目实施,按规定及时发放补贴,维护了社会稳定。"
    assert [p for p, _ in split_glued(text)] == [
        "专项年度绩效目标",
        "通过本项目实施,按规定及时发放补贴,维护了社会稳定。",
    ]
    prose = "对象合规率是指补贴对象合规的比例,按计划标准考核。"
    assert [p for p, _ in split_glued(prose)] == [prose]


def test_a_header_label_run_into_page_prose_is_split_off() -> None:
    # sx-lvliang-hugong-peixun-selfeval: the site's OCR disclaimer before the first label
    line = "正文见附件(说明:下表由附件转写而来,如有出入,请以原附件内容为准)一级指标 | 二级指标 |\n"
    assert texts(line * 2)[:3] == [
        "正文见附件(说明:下表由附件转写而来,如有出入,请以原附件内容为准)",
        "一级指标",
        "二级指标",
    ]


def test_a_date_is_one_value() -> None:
    # ah-luan-yuan-wlj-wenbao-selfeval-2022: 完成时间为2022年12月30日 as a target
    # (its month and day are not values of their own)
    assert [p for p, _ in split_glued("完成时间为2022年12月30日")] == ["完成时间为2022年12月30日"]
    assert [p for p, _ in split_glued("完成时间2022年底")] == ["完成时间", "2022年底"]
    # hn-yongzhou-lingling-lyj-dept-whole-selfeval-2021: a numbered goal, as 指标1 a name
    assert [p for p, _ in split_glued("目标2森林经营")] == ["目标2森林经营"]


def test_a_value_run_into_words_ends_where_the_value_grammar_says() -> None:
    # hn-taoyuan-czj-zaijiuye-target-2021: a row's cells glued (三级指标 指标内容 指标值 绩效标准)
    assert [p for p, _ in split_glued("数量指标补助人数实际发放解困工资人数250人计划标准")] == [
        "数量指标",
        "补助人数实际发放解困工资人数",
        "250人",
        "计划标准",
    ]
    # hn-hengyang-hengshan-swlsj-chubeiliang-selfeval-2020: 年度指标值 and 全年完成值, then the
    # next row's name
    assert [p for p, _ in split_glued("100%100%库存数量真实率100%")] == [
        "100%",
        "100%",
        "库存数量真实率",
        "100%",
    ]
    # a target of words with a quantity inside, no label about it: one cell (sc-guangyuan-…)
    assert [p for p, _ in split_glued("严格按照预算标准1000元/人给补助对象兑付补助")] == [
        "严格按照预算标准1000元/人给补助对象兑付补助"
    ]
    # a numbered name is not a value (he-langfang-…: 指标1项目完成及时率)
    assert [p for p, _ in split_glued("指标1项目完成及时率")] == ["指标1项目完成及时率"]


def test_a_lone_comparator_is_a_cell_and_a_pipe_line_after_a_closed_cell_is_an_empty_one() -> None:
    # sc-qingshen-fgj-selfeval-2023: one cell per line, each ending in " |"; "= |" is the
    # 指标性质 cell (not a Markdown rule) and a "|" line after a closed cell is an empty cell
    # (完成值, 得分 empty). A "|" line after an open cell only closes it.
    text = "产出指标 |\n覆盖率 |\n= |\n100 |\n% |\n|\n60 |\n|\n|\n"
    assert texts(text) == ["产出指标", "覆盖率", "=", "100", "%", "", "60", "", ""]
    assert texts("产出指标\n|\n覆盖率\n|\n100%\n|\n") == ["产出指标", "覆盖率", "100%"]


def test_a_class_label_with_its_gloss_is_one_cell() -> None:
    # gd-dongguan-jtj-target-approval-2019: "|" rows; 时效指标(工期指标、形象进度指标) is one
    # class cell, not a class and a name.
    text = (
        "| 时效指标(工期指标) | 结算款支付及时性 | 及时 "
        "| 时效指标(工期指标、形象进度指标) | 结算款支付及时性 | 及时 |\n"
        "| 年度预算执行率 | ≥90% |\n"
    )
    assert "时效指标(工期指标、形象进度指标)" in texts(text)


def test_a_numbered_name_stays_whole() -> None:
    # sx-jishan-zhaidian-wsy-gongwei-selfeval-2021: 7天 inside a name is no value of its own;
    # ah-tianchang-slj-selfeval-2022: a name that is a class's name is no label
    assert [p for p, _ in split_glued("指标12:孕产妇7天访视数")] == ["指标12:孕产妇7天访视数"]
    assert [p for p, _ in split_glued("指标1:服务对象满意度")] == ["指标1:服务对象满意度"]
    assert [p for p, _ in split_glued("指标1:覆盖率100%")] == ["指标1:覆盖率", "100%"]


def test_a_class_label_wrapped_over_two_lines_is_made_whole() -> None:
    # ah-tianchang-slj-selfeval-2022: 服务对象 / 满意度指标 (not 服务对象满意度 | 指标)
    assert texts("服务对象\n满意度指标\n") == ["服务对象满意度指标"]


def test_the_pages_of_a_document_preview() -> None:
    # hn-hengyang-hengshan-swlsj-chubeiliang-selfeval-2020: long lines of cells run together
    # whose spaces are wraps inside words (质量 指标); each page after the first starts with
    # its page number (2、), which goes; a target glued to an equal actual (00) is two cells.
    text = (DATA / "webtext" / "hengshan.txt").read_text("utf-8")
    got = texts(text)
    assert "质量指标" in got and "县级储备粮管理制度严格" in got  # (执行率 a label: cut)
    assert not [t for t in got if t.startswith(("2、", "3、"))]
    k = got.index("县级储备粮库存粮食明显变质比例")
    assert got[k + 1 : k + 3] == ["0", "0"]


def test_a_rate_per_unit_stays_one_value() -> None:
    # hn-yongzhou-lingling-lyj-dept-whole-selfeval-2021: the target 每亩300 (a cell of its own)
    assert [p for p, _ in split_glued("每亩300")] == ["每亩300"]
    assert [p for p, _ in split_glued("补助标准每人1500元")] == ["补助标准每人1500元"]


def test_a_score_glued_between_a_weight_and_the_next_name() -> None:
    # sc-chacewang-puhui-jinrong-selfeval: every cell run together; 98.70% | 20% | 20 |
    # 资金足额拨付率: the bare score after the weight's % is cut from the name after it, but
    # not a quantity that starts the next cell (3个乡镇…)
    got = [p for p, _ in split_glued("一级指标回收率≥90%98.70%20%20资金足额拨付率100%100%")]
    assert got[3:7] == ["98.70%", "20%", "20", "资金足额拨付率"]
    # sc-zhongjiang-slj-selfeval-2022: 分值 before 指标值; the score after the actual ≥266米
    got = [p for p, _ in split_glued("三级指标安装坡面水标尺10≥266米≥266米10水标尺宽度10≥50厘米")]
    assert got[1:8] == ["安装坡面水标尺", "10", "≥266米", "≥266米", "10", "水标尺宽度", "10"]
    # …and before a name opening with a bracket in its third character (及时(按期)完工率), and
    # after a value whose unit the vocabulary does not know (550万粒 | 8 | 指标2企业…)
    got = [p for p, _ in split_glued("三级指标开工率10≥90%≥90%10及时(按期)完工率10")]
    assert got[4:7] == ["≥90%", "10", "及时(按期)完工率"]
    got = [
        p for p, _ in split_glued("三级指标指标1免费发放原原种8550万粒550万粒8指标2企业自行采购")
    ]
    assert got[2:6] == ["8550万粒", "550万粒", "8", "指标2企业自行采购"]


def test_a_form_field_label_ends_the_project_name_run_on_to_it() -> None:
    # hn-ningxiang-batang-target-2021 / hn-taoyuan-czj-zaijiuye-target-2021: 项目名称镇域内基础
    # 设施建设项目属性新增项目□… and 专项名称…资金专项属性延续专项√…: the field after the name
    assert "项目属性" in [p for p, _ in split_glued("项目名称镇域内基础设施建设项目属性新增项目")]
    assert "专项属性" in [p for p, _ in split_glued("专项名称再就业援助资金专项属性延续专项")]


def test_a_total_score_label_run_on_after_the_last_score_is_one_label() -> None:
    # sc-chacewang-puhui-jinrong-selfeval: …满意度≥80%100%5%5得分合计100: 得分合计 is the
    # footer's label, not the header word 得分 then 合计 (which took the last row's score)
    got = [p for p, _ in split_glued("权重得分满意度指标小微企业的满意度≥80%100%5%5得分合计100")]
    assert got[-6:] == ["≥80%", "100%", "5%", "5", "得分合计", "100"]


def test_a_self_evaluation_score_label_on_its_own_line_is_one_label() -> None:
    # sc-anju-scjgj-shipin-selfeval-2021: 自评得分 alone in its paragraph, not 自评 then the
    # header word 得分 (which joined 自评 to the value of the label before it)
    assert texts("中央主管部门\n\n市场监管总局\n\n自评得分\n\n省级财政部门\n") == [
        "中央主管部门",
        "市场监管总局",
        "自评得分",
        "省级财政部门",
    ]


def test_a_name_run_on_with_an_explanation_restating_it_is_cut_after_the_name() -> None:
    # hn-lixian-shiyongjun-dept-whole-2021: 三级指标 | 指标解释 run together, the explanation
    # repeating the name or ending with it; not a name whose head and tail merely share a word
    assert [p for p, _ in split_glued("研究培育食用菌品种数量研究培育食用菌品种数量")] == [
        "研究培育食用菌品种数量",
        "研究培育食用菌品种数量",
    ]
    assert [p for p, _ in split_glued("技术指导服务数量对生产种植企业技术指导服务数量")] == [
        "技术指导服务数量",
        "对生产种植企业技术指导服务数量",
    ]
    for whole in ("党建任务完成率上级党组织要求完成党建工作任务完成率", "消化利用农作物秸秆数量"):
        assert [p for p, _ in split_glued(whole)] == [whole]


def test_the_cells_before_a_title_on_one_long_line_are_split_too() -> None:
    # gs-jiayuguan-museum-target-2023-ocr: the first form's indicator rows run on into the
    # second form's title (…服务对象满意度%=99百分比省级部门预算项目支出绩效目标表): the cells
    # before the title are cut at their labels as well, not left one piece
    line = "年度绩效目标提高服务水平一级指标二级指标三级指标指标目标值产出指标数量指标"
    line += "免费开放天数=300天质量指标博物馆绩效考核指标完成率=100百分比"
    got = [p for p, _ in split_glued(line + "省级部门预算项目支出绩效目标表项目名称某某资金")]
    assert got[2:4] == ["一级指标", "二级指标"]
    assert "免费开放天数" in got and "=300天" in got and "项目名称" in got


def test_a_sentence_like_run_holding_many_labels_is_cells() -> None:
    # bj-haidian-xueyuanlu-baojie-selfeval-2016: a funds header and row run together with the
    # 得分计算方法's sentence (commas, a 。): six labels in 100 characters make it cells
    line = "年初预算数(A)全年执行数(B)分值(10分)执行率(B/A)得分得分计算方法年度资金总额:"
    line += "310.2154.741050%5执行率*该指标分值,最高不得超过分值上限。其中:本年一般公共预算拨款"
    got = [p for p, _ in split_glued(line)]
    assert "年度资金总额" in got and got[0] != line


def test_a_template_ellipsis_row_and_a_note_run_on_are_cells_of_their_own() -> None:
    # sc-zhongjiang-slj-selfeval-2022: …户满意度10≥95%≥95%10……总分100100注:1.一级指标…: the
    # template's …… row ends the last row on its score; the note after the total's figures is
    # not part of them (100100 is 分值 100, 得分 100)
    got = [p for p, _ in split_glued("三级指标户满意度10≥95%≥95%10……总分100100注:1.一级指标分值")]
    assert got[1:11] == [
        "户满意度",
        "10",
        "≥95%",
        "≥95%",
        "10",
        "……",
        "总分",
        "100",
        "100",
        "注:1.",
    ]
    # one … inside a name, and 注 that follows no figure, are not breaks
    assert [p for p, _ in split_glued("三级指标维修…改造率100%")][1:3] == ["维修…改造率", "100%"]
    assert not any(p.startswith("注") for p, _ in split_glued("三级指标备注:无100%"))


def test_a_page_number_cut_from_a_line_marks_the_token_after_it() -> None:
    # a document preview's page number (2、) at the start of a page of cells run together
    from jixiao.ingest.text_tokens import tokens

    line = "产出指标质量指标监测数据必须合格100%100%10" * 6  # (a long line: a page)
    toks = tokens(line + "进度指标取得2018-2022\n2、监测资料100%100%10\n")
    paged = [t.text for t in toks if t.paged]
    assert paged == ["监测资料"]
    assert "进度指标" in [t.text for t in toks]  # (a class of another template: a label)


def test_a_class_keeps_the_points_written_after_it() -> None:
    # nx-yinchuan-liuzhong-gongyong-selfeval-2021-ocr: 成本指标(10分)办公所需成本415万元… —
    # the (10分) is the class's, not the start of the name
    parts = [p for p, _ in split_glued("成本指标(10分)办公所需成本415万元15万元4")]
    assert parts[:2] == ["成本指标(10分)", "办公所需成本"]
    assert next(p for p, _ in split_glued("数量指标(10)办公所需成本")) == "数量指标"


def test_labels_an_ocr_misread_split_text_run_together() -> None:
    # nx-yinchuan-liuzhong-gongyong-selfeval-2021-ocr: 主管部门银川市教育局实施第位… (实施单位)
    parts = [p for p, _ in split_glued("项目名称初中公用经费主管部门银川市教育局实施第位自评得分")]
    assert parts[:6] == [
        "项目名称",
        "初中公用经费",
        "主管部门",
        "银川市教育局",
        "实施第位",
        "自评得分",
    ]
    parts = [p for p, _ in split_glued("自评得分98财政审1度评分银川市第六中学")]
    assert parts == ["自评得分", "98", "财政审1度评分", "银川市第六中学"]


def test_two_labels_joined_by_a_slash_stay_one_label() -> None:
    # nx-guyuan-yuanzhou-njzx-malingshu-selfeval-2022-ocr: 项目实施单位/项目负责人 over
    # 原州区农技中心/杨勃兴 (the values joined alike)
    parts = [
        p
        for p, _ in split_glued(
            "项目实施单位/项目负责人原州区农技中心/杨勃兴自治区主管部门农业农村厅"
        )
    ]
    assert parts[:2] == ["项目实施单位/项目负责人", "原州区农技中心/杨勃兴"]
    assert parts[2:] == ["自治区主管部门", "农业农村厅"]


def test_a_score_before_a_name_with_a_list_comma_is_cut_off() -> None:
    # nx-yinchuan-liuzhong-gongyong-selfeval-2021-ocr: …35万元3绿化、水电费等成本…: the 得分 3,
    # then the next row's name (绿化、…: a list comma in its third character)
    parts = [
        p for p, _ in split_glued("成本指标维修(维护)所需成本335万元35万元3绿化、水电费等成本")
    ]
    assert parts[-3:] == ["35万元", "3", "绿化、水电费等成本"]


def test_a_long_row_of_sentences_keeps_the_space_between_them() -> None:
    # a goal and its result on one line of a space-separated form, one space between them: no
    # cells run together once the space is out, so the space separates cells (not a wrap)
    goal = "支持某某项目开展日常工作,补助必须的业务、装备等开支,进一步巩固某某工作成果" * 2
    result = "完成了某某项目的日常工作,巩固了某某工作成果,提升了群众满意度。" * 2
    head = "年度总体目标完成情况 预期目标 实际完成情况\n"
    assert texts(head + f"{goal} {result}\n")[-2:] == [goal, result]
    # a label and its long value (sentences holding labels of their own)
    about = "新建某某用房一座,占地300平方米。经济效益:带动某某群众务工增收;" * 3
    assert texts(f"项目总体概况 {about}\n") == ["项目总体概况", about]


def test_a_long_line_of_cells_run_together_loses_its_stray_spaces() -> None:
    # a document preview's page: cells run together, spaces wrapping words (年度 总体 目标)
    line = (
        "专项资金名称某某项目县级主管部门某某局实施单位某某股年度 总体 目标年初设定目标"
        "保持某某机制稳定绩效指标一级 指标二级指标三级指标年度指标值全年完成值"
        "产出指标数量指标某某到位率100%100%库存数量真实率100%100%质量 指标某某执行率100%100%"
    )
    got = texts(line + "\n")
    assert "年度总体目标" in got and "一级指标" in got and "某某到位率" in got
    # the same wraps saved as no-break, ideographic or tab spaces are wraps too
    for space in ("\u00a0", "\u3000", "\t"):
        assert texts(line.replace(" ", space) + "\n") == got


def test_a_rate_label_starting_with_a_year_word_is_one_label() -> None:
    # 年度预算执行率 (a target form's planned rate): not 年度 (a goal label) | 预算执行率
    assert [p for p, _ in split_glued("年度预算执行率")] == ["年度预算执行率"]


def test_a_title_run_on_after_the_last_value_of_the_table_above() -> None:
    # OCR text run together: the last cell of one form (99百分比), then the next form's title and
    # its year without brackets, then its fields; the value is no part of the title.
    assert [
        p for p, _ in split_glued("99百分比某某部门项目支出绩效目标表2023年度项目名称某某项目")
    ] == [
        "99百分比",
        "某某部门项目支出绩效目标表",
        "2023年度",
        "项目名称",
        "某某项目",
    ]
    # a year opens a title and stays in it
    assert next(p for p, _ in split_glued("2023年度某某项目绩效目标表项目名称某某项目")) == (
        "2023年度某某项目绩效目标表"
    )


def test_a_percentage_a_glued_piece_opens_with_ends_before_the_next_label() -> None:
    # OCR funds rows run together: 某某补助 300万元 / 259.45万元 / 86.5%其他资金 — the rate is the
    # row's last cell, the words after it the next row's label
    assert [p for p, _ in split_glued("86.5%某某资金年度总体目标完成某某")][:2] == [
        "86.5%",
        "某某资金",
    ]
    # a percentage with its own words (90%以上) stays whole
    parts = [p for p, _ in split_glued("90%以上某某满意年度总体目标完成某某")]
    assert parts[:2] == ["90%以上某某满意", "年度总体目标"]


def test_a_title_alone_is_one_cell() -> None:
    # a form's title as one word of a line (部门整体支出绩效目标申报表): whole, so its kind is read
    # from all of it, not from 申报表 alone
    assert [p for p, _ in split_glued("某某部门整体支出绩效目标申报表")] == [
        "某某部门整体支出绩效目标申报表"
    ]


def test_a_whole_row_with_no_label_is_cut_at_its_value_when_asked() -> None:
    from jixiao.ingest.text_glue import split_glued, split_run_on

    line = "某某补助标准某某发放补助标准120元/人计划标准"
    # (on its own, only a percentage ends a value surely: the line stays one piece)
    assert [p for p, _ in split_glued(line)] == [line]
    assert split_run_on(line) == [
        ("某某补助标准某某发放补助标准", "glue"),
        ("120元/人", "cut"),
        ("计划标准", "glue"),
    ]


def test_tokens_split_into_runs_at_one_kind_of_gap() -> None:
    from jixiao.ingest.text_tokens import Token, cells_of, split_at

    toks = [
        Token("某某", 1, "start"), Token("指标", 1, "space"), Token("100%", 1, "pipe"),
        Token("第二段", 3, "para"), Token("文字", 3, "space"),
    ]  # fmt: skip
    paragraphs = [[t.text for t in run] for run in split_at(toks, "para")]
    assert paragraphs == [["某某", "指标", "100%"], ["第二段", "文字"]]
    assert [[t.text for t in run] for run in split_at(toks[:2], "space")] == [["某某"], ["指标"]]
    assert cells_of(toks[:3]) == ["某某指标", "100%"] and split_at([], "para") == []


def test_a_pipe_row_of_one_filled_cell_and_its_written_empty_cells_starts_a_row() -> None:
    # "|" rows whose rows hold one filled cell and empty cells each between its own pipes: the
    # row's cells (a new row starts there); a run of bare pipes at the end only pads the line.
    text = "质量指标 | 指标1:验收合格 |  |  | 20 | 20 | \n指标2: |  |  |  | \n"
    hints = {t.text: t.row for t in tokens(text) if t.text}
    assert hints["质量指标"] == hints["指标2:"] == 2
    padded = "产出指标 |\n道路里程 |\n3 | ||\n"
    assert [t.row for t in tokens(padded) if t.text == "3"] == [0]


def test_a_cell_per_paragraph_is_not_cut_where_a_value_starts_inside_it() -> None:
    # A rule 95%得10分,每降低1%扣1分 alone in its paragraph is one cell (the page separated the
    # cells); a label glued to its value (其他资金:50万元) is still cut.
    cells = ["三级指标", "指标值", "评分标准"] + [f"某项指标{k}" for k in range(20)]
    cells += ["群众满意度", "95%", "95%得10分,每降低1%扣1分", "其他资金:50万元"]
    texts = [t.text for t in tokens("\n\n".join(cells) + "\n")]
    assert "95%得10分,每降低1%扣1分" in texts
    assert "50万元" in texts and "其他资金:50万元" not in texts
    # (a line among lines, not a paragraph of its own, is cut as before)
    lines = [t.text for t in tokens("\n".join(cells) + "\n")]
    assert "95%得10分,每降低1%扣1分" not in lines


def test_a_cell_per_paragraph_keeps_the_wraps_inside_its_words() -> None:
    # A name the page wrapped (库存粮食明显变 质比例) alone in its paragraph is one cell; a
    # line among lines keeps its spaces as cell breaks.
    cells = ["三级指标", "指标值"] + [f"某项指标{k}" for k in range(20)]
    cells += ["库存粮食明显变 质比例", "100%", "数量 指标", "95% 98%"]
    texts = [t.text for t in tokens("\n\n".join(cells) + "\n")]
    assert "库存粮食明显变质比例" in texts and "数量指标" in texts
    assert "95%" in texts and "98%" in texts
    lines = [t.text for t in tokens("\n".join(cells) + "\n")]
    assert "库存粮食明显变" in lines


def test_stars_opening_a_name_do_not_join_the_whole_class_above_it() -> None:
    # 数量指标 / ★★★受益人数: the stars are the name's, not a wrap of the class label
    assert texts("数量指标\n★★★受益人数\n") == ["数量指标", "★★★受益人数"]
    assert texts("服务对象\n满意度指标\n") == ["服务对象满意度指标"]


def test_a_class_with_its_gloss_alone_in_its_paragraph_is_one_cell() -> None:
    cells = ["三级指标", "指标值"] + [f"某项指标{k}" for k in range(20)]
    cells += ["数量指标(或建筑规模指标)", "结算项目数", "3"]
    texts = [t.text for t in tokens("\n\n".join(cells) + "\n")]
    assert "数量指标(或建筑规模指标)" in texts and "(或建筑规模指标)" not in texts


def test_the_word_opening_a_numbered_name_does_not_join_the_class_above_it() -> None:
    # 社会效益 / 指标1:是否解决…: not the class 社会效益指标 over a name 1:是否解决…
    assert texts("社会效益\n指标1:是否解决看病难问题\n") == ["社会效益", "指标1:是否解决看病难问题"]
    assert texts("社会效益\n指标\n") == ["社会效益指标"]
    # its colon lost (an OCR's 指标1病害减少…): the figure after 指标 goes on no class either
    want = ["生态效益", "指标1病害减少"]
    assert texts("生态效益\n\n指标1病害减少\n") == want


def test_a_pipe_cells_leading_spaces_are_its_lines_indent() -> None:
    # A cell per line, an indentation tree's levels set in by spaces inside the cells.
    text = "项目 |\n指标值 |\n 某某中心 |\n|\n  某某项目 |\n|\n   产出指标 |\n| 数量指标 | 5 |\n"
    got = {t.text: t.indent for t in tokens(text)}
    assert (got["某某中心"], got["某某项目"], got["产出指标"], got["数量指标"]) == (1, 2, 3, 1)


def test_a_column_label_inside_the_words_of_a_paragraphs_one_cell_is_no_cut() -> None:
    # 未达指标值酌情扣分 (a scoring rule) alone in its paragraph is one cell; a label opening
    # its cell (其他资金:50万元) or a class label (数量指标) is still cut.
    cells = ["三级指标", "指标值", "评分标准"] + [f"某项指标{k}" for k in range(20)]
    cells += ["未达指标值酌情扣分", "其他资金:50万元"]
    texts = [t.text for t in tokens("\n\n".join(cells) + "\n")]
    assert "未达指标值酌情扣分" in texts
    assert "50万元" in texts and "其他资金:50万元" not in texts


def test_a_value_word_ending_a_paragraphs_one_cell_is_the_names() -> None:
    # 考核任务完成及时 alone in its paragraph: 及时 ends the name, not a target glued to it
    cells = ["三级指标", "指标值"] + [f"某项指标{k}" for k in range(20)]
    cells += ["考核任务完成及时", "及时", "指标1:工程质量合格"]
    texts = [t.text for t in tokens("\n\n".join(cells) + "\n")]
    assert "考核任务完成及时" in texts and "指标1:工程质量合格" in texts
    lines = [t.text for t in tokens("\n".join(cells) + "\n")]
    assert "考核任务完成及时" not in lines  # (among lines, cut as before)


def test_a_label_with_a_short_modifier_alone_in_its_paragraph_is_one_label() -> None:
    # 具体实施单位 (a field's label) alone in its paragraph: not 具体 | 实施单位 (具体 would
    # end the project's name above it)
    cells = ["项目名称", "某某绿化项目", "具体实施单位", "区林业局"]
    cells += [f"某项指标{k}" for k in range(20)]
    texts = [t.text for t in tokens("\n\n".join(cells) + "\n")]
    assert "具体实施单位" in texts and "具体" not in texts


def test_a_pipe_row_whose_value_reads_as_a_title_is_cells_and_bears_its_indent() -> None:
    # in "|" text a line of cells is a row, even when its value ends as a title does (a
    # project named after its form); a title padded with bare pipes stays one title
    text = (
        "| 某某项目支出绩效自评表 | |||\n项目名称 | 某某补助经费支出绩效自评表\n"
        "  主管部门 | 某某局\n"
    )
    toks = tokens(text)
    assert [(t.text, t.line) for t in toks if t.text] == [
        ("某某项目支出绩效自评表", 1),
        ("项目名称", 2),
        ("某某补助经费支出绩效自评表", 2),
        ("主管部门", 3),
        ("某某局", 3),
    ]
    # a "|" line's first token bears its line's indent (a tree's level), the others none
    assert [t.indent for t in toks if t.line == 3] == [2, 0]


def test_a_labels_spaced_out_characters_before_its_colon_are_one_label() -> None:
    # a form's cover: 申 报 项 目 名 称:… is one label and its value, not a cell per character
    assert texts("申 报 项 目 名 称:某某资金\n\n编   报   时   间 :  2021年1月28日\n")[:2] == [
        "申报",
        "项目名称",
    ]
    assert "编报时间:" in "".join(texts("编   报   时   间 :  2021年1月28日\n"))
    # single characters with no colon after them stay cells (是 否 是)
    assert texts("是 否 是\n") == ["是", "否", "是"]


def test_a_class_label_wrapped_around_its_rows_cells_is_made_whole() -> None:
    # a cell per paragraph: the class's two lines centred on the row's one, the name and the
    # value between them in reading order
    text = "社会公众或服务\n\n政策满意度\n\n≥90%\n\n对象满意度指标\n\n附件:\n"
    assert texts(text)[:3] == ["社会公众或服务对象满意度指标", "政策满意度", "≥90%"]
    # pieces that are no class together stay as they are; so do "|" cells
    assert texts("社会公众\n\n政策满意度\n\n≥90%\n\n对象指标\n")[0] == "社会公众"
    assert (
        texts("社会公众或服务 |\n政策满意度 |\n≥90% |\n对象满意度指标 |\n")[0] == "社会公众或服务"
    )


def test_a_value_in_a_paragraph_of_its_own_keeps_the_words_after_its_figure() -> None:
    cells = "\n\n".join(["减税降费", "企业所得税减按15%征收", "社会效益指标"] * 8)
    assert texts(cells)[:3] == ["减税降费", "企业所得税减按15%征收", "社会效益指标"]


def test_a_value_columns_label_inside_a_word_between_spaces_is_the_words_own() -> None:
    # 未达指标值酌情扣分: a scoring rule holding 指标值, one cell where spaces end the cells
    toks = tokens("数量指标 某某金额 28.8万元 该指标考察安排情况 未达指标值酌情扣分\n")
    assert [t.text for t in toks][-1] == "未达指标值酌情扣分"
    # a header's labels side by side keep their cuts, and a long run (cells run together)
    toks = tokens("一级指标 三级指标指标值分值\n")
    assert [t.text for t in toks] == ["一级指标", "三级指标", "指标值", "分值"]


def test_a_bracketed_gloss_holding_a_label_is_one_piece_of_its_word() -> None:
    # 时效指标(工期指标、形象进度指标): cut at 进度指标 inside the gloss, a row began inside it
    toks = tokens("时效指标(工期指标、形象进度指标) 结算款支付及时性 及时\n")
    assert [t.text for t in toks] == [
        "时效指标",
        "(工期指标、形象进度指标)",
        "结算款支付及时性",
        "及时",
    ]
    # a bracket the word does not close: its cuts stay
    toks = tokens("时效指标(工期指标、形象进度指标 结算款支付及时性\n")
    assert "进度指标" in [t.text for t in toks]


def test_a_columns_letter_whose_bracket_was_never_closed_is_its_labels() -> None:
    # 年初目标值(A 实际完成值(B: the closing brackets lost, each letter stays with its label
    toks = tokens("三级指标 年初目标值(A 实际完成值(B\n")
    assert [t.text for t in toks] == ["三级指标", "年初目标值(A", "实际完成值(B"]


def test_a_fields_label_and_a_value_ending_like_a_title_are_no_title_line() -> None:
    # 项目名称 2020年某某经费支出绩效自评表: the project's name ends in 自评表, yet the line opens
    # with the field's label: two tokens, not one title
    toks = tokens("项目名称 2020年省级某某补助经费支出绩效自评表\n")
    assert [t.text for t in toks] == ["项目名称", "2020年省级某某补助经费支出绩效自评表"]
    title = "2020年度 项目支出绩效自评表"
    assert [t.text for t in tokens(title + "\n")] == [title]


def test_a_row_columns_label_inside_a_word_between_spaces_stays_in_it() -> None:
    # one line, a space between cells: 该指标值数据合理 is one 指标值说明 cell, not 该 | 指标值 |
    # 数据合理; a form field's label inside a word (物业管理主管部门县财政局) is still cut out
    line = "保障在职职工人数(人) = 116 人 该指标值数据合理 保障退休职工人数(人) = 81 人"
    assert "该指标值数据合理" in texts(line)
    assert texts("项目名称 物业管理主管部门县财政局") == [
        "项目名称",
        "物业管理",
        "主管部门",
        "县财政局",
    ]


def test_a_list_going_on_over_a_previews_page_is_joined_without_a_space() -> None:
    from jixiao.ingest.text_tokens import Token, join

    assert join([Token("音响、", 1, "cut"), Token("灯光", 2, "line", paged=True)]) == "音响、灯光"
    assert join([Token("音响、", 1, "cut"), Token("灯光", 2, "line")]) == "音响、 灯光"


def test_column_labels_run_together_in_a_header_are_not_a_sentences_words() -> None:
    # 项目指标值绩效金额: 指标值 between two column labels, not inside words (该指标值数据合理)
    texts = [t.text for t in tokens("单位:元项目指标值绩效金额")]
    assert texts == ["单位:元", "项目", "指标值", "绩效金额"]
    assert "该指标值数据合理" in [t.text for t in tokens("数量指标 该指标值数据合理")]
