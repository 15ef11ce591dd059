"""A form flattened in a PDF's drawing order (``jixiao.ingest.readers.webtext_drawn``)."""

from __future__ import annotations

from jixiao.ingest.readers.webtext import grids
from jixiao.ingest.readers.webtext_drawn import drawn_block, drawn_forms
from jixiao.ingest.text_tokens import tokens

HEAD = (
    "项目支出绩效自评表 (2023 年度) 某某街道公园日常养护 经费 项目名称 主管部门 某某区绿化局 "
    "年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
    "50000.00 48000.00 36000 10 7.5 48000.00 48000.00 36000 — "
    "上年结转资金 0 0 — 其他资金 0 0 — 年度资金总额 项目资金 (元) 某某区绿化 养护中心 实施单位 "
    "其中:当年财政拨款 预期目标 年度 总体 目标 75% 实际完成情况 完成公园日常养护。 "
)
TABLE = (
    "一级指标 二级指标 数量指标 三级指标 养护公园数 年度 指标值 实际 完成值 分值 得分 "
    ">=12个 12个 20 20 =100% 95% 30 {score} 按时 按时 20 20 >=90% 92% 20 20 100 95.5 "
    "量 产出指标 质量指标 绩 效 指 标 时效指标 养护合格率 养护及时性 满意度指标 "
    "服务对象满意度指标 {last} 总分 -1- 偏差原因分析及 改进措施"
)


def _rows(text: str) -> list[list[str]]:
    [grid] = grids(text.encode(), "drawn.txt")
    return [list(r) for r in grid.rows]


def _form(score: str = "28", last: str = "游客满意 度") -> str:
    return HEAD + TABLE.format(score=score, last=last)


def test_a_form_in_drawing_order_is_read_where_the_sums_prove_it() -> None:
    rows = _rows(_form())
    assert ["项目名称", "某某街道公园日常养护经费"] in rows  # (written before its label)
    assert ["实施单位", "某某区绿化养护中心"] in rows
    # the total row's amounts scattered: 36000 / 48000 = 75%, 10 × 75% = 7.5
    assert ["年度资金总额", "50000.00", "48000.00", "36000", "10", "75%", "7.5"] in rows
    assert ["上年结转资金", "0", "0", "—"] in rows
    body = rows[
        rows.index(
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
        ) :
    ]
    assert body[1:6] == [
        ["产出指标", "数量指标", "养护公园数量", ">=12个", "12个", "20", "20"],
        ["产出指标", "质量指标", "养护合格率", "=100%", "95%", "30", "28"],
        ["产出指标", "时效指标", "养护及时性", "按时", "按时", "20", "20"],
        ["满意度指标", "服务对象满意度指标", "游客满意度", ">=90%", "92%", "20", "20"],
        ["总分", "", "", "", "", "100", "95.5"],
    ]
    # the amounts left, one run, are the one row left bare (each within the total row's)
    assert ["其中:当年财政拨款", "48000.00", "48000.00", "36000", "—"] in rows


def test_amounts_left_that_exceed_the_total_row_are_no_row() -> None:
    rows = _rows(_form().replace("48000.00 48000.00 36000 —", "48000.00 49000.00 36000 —"))
    assert ["年度资金总额", "50000.00", "48000.00", "36000", "10", "75%", "7.5"] in rows
    assert not any(r[0] == "其中:当年财政拨款" for r in rows)  # (nor its label alone)


def test_no_indicator_is_paired_when_the_sums_or_counts_fail() -> None:
    for text in (
        _form(score="27"),  # the 得分 no longer add up to the 总分 row's 95.5
        _form(last="游客满意度 服务质量"),  # five names for four runs of values
        _form(last=""),  # three names
    ):
        rows = _rows(text)
        assert not any(r[:2] == ["产出指标", "数量指标"] for r in rows)
        assert not any(r[0] == "总分" and len(r) > 1 for r in rows)
        # (the head, proven by its own arithmetic, is read all the same)
        assert ["年度资金总额", "50000.00", "48000.00", "36000", "10", "75%", "7.5"] in rows


def test_scattered_funds_are_read_only_when_the_rate_proves_them() -> None:
    head = HEAD.replace("某某街道公园日常养护 经费 项目名称", "项目名称 某某街道公园日常养护经费")
    header = "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分"
    rows = _rows(head + header)
    assert ["年度资金总额", "50000.00", "48000.00", "36000", "10", "75%", "7.5"] in rows
    wrong = head.replace("75%", "76%")  # 36000 / 48000 is not 76%
    rows = _rows(wrong + header)
    assert not any(r[0] == "年度资金总额" and len(r) > 1 for r in rows)


def test_a_head_in_reading_order_is_left_to_the_block_reader() -> None:
    text = (
        "项目支出绩效自评表 (2023 年度) 项目名称 某某街道公园日常养护经费 主管部门 某某区绿化局 "
        "年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
        "年度资金总额 50000.00 48000.00 36000 10 75% 7.5 其他资金 0 0 —"
    )
    toks = tokens(text)
    assert drawn_block(toks, 0, len(toks)) is None  # (the amounts follow their label)
    assert drawn_forms(toks, 0, len(toks)) is None
