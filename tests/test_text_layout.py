"""The numbered text layout reader, on the reference table and on small hand-written tables."""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.errors import ParseError
from jixiao.ingest import read_bytes
from jixiao.ingest.text_layout import parse_text
from jixiao.interchange import to_dict
from jixiao.model import assign_ids

from .helpers import DATA, SEED, golden, seed_text

SEED_SHA256 = hashlib.sha256(SEED.read_bytes()).hexdigest()
SEED_DOC = assign_ids(parse_text(seed_text(), "seed.txt"), SEED_SHA256)  # ids as a reader gives


def _without_lines(data: dict) -> dict:  # type: ignore[type-arg]
    for note in data["notes"]:
        note["line"] = None
    return data


def test_seed_counts() -> None:
    assert SEED_DOC.counts() == {"units": 3, "projects": 39, "indicators": 212}
    assert SEED_DOC.department == "广州市科学技术局"
    assert SEED_DOC.money_unit == "万元"
    assert SEED_DOC.title == "项目支出绩效目标表（含转移支付项目）"
    assert SEED_DOC.year is None
    assert [u.name for u in SEED_DOC.units] == [
        "广州市科学技术局",
        "广州市科技项目评审中心",
        "广州市科学技术发展战略研究院",
    ]
    assert [len(u.projects) for u in SEED_DOC.units] == [26, 6, 7]


def test_seed_money() -> None:
    assert SEED_DOC.funds.total == Decimal("235659.44")
    assert SEED_DOC.funds.fiscal == Decimal("235659.44")
    assert SEED_DOC.funds.special is None and SEED_DOC.funds.other is None
    units = {u.name: u.funds.total for u in SEED_DOC.units}
    assert units["广州市科技项目评审中心"] == Decimal("588.00")
    first = SEED_DOC.units[0].projects[0]
    assert first.name == "企业创新计划-TCL华星光电T9项目（黄埔区）"
    assert first.funds.total == first.funds.fiscal == Decimal("12537.00")


def test_seed_reconciles() -> None:
    doc = read_bytes(seed_text().encode(), "seed.txt")[0]
    assert [n for n in doc.notes if n.code.startswith("money.")] == []


def _reconstruct(doc_data: dict) -> str:  # type: ignore[type-arg]
    """The table's body as the layout writes it, from the parsed data alone."""

    def amounts(funds: dict) -> str:  # type: ignore[type-arg]
        return " ".join(f"{Decimal(v):,.2f}" for v in funds.values() if v is not None)

    out = [f"合计{amounts(doc_data['funds'])}"]
    for unit in doc_data["units"]:
        out.append(unit["name"] + amounts(unit["funds"]))
        for p in unit["projects"]:
            out.append(p["name"] + amounts(p["funds"]) + p["goal"])
            for i in p["indicators"]:
                out.append(
                    f"{i['seq']}、{i['level1']['code']}-{i['level1']['name']}；"
                    f"{i['level2']['code']}-{i['level2']['name']}；{i['name']}"
                    f"|C|{i['cycle']['text']}|A|{i['annual']['text']}。"
                )
    return "".join(out)


def _normal(text: str) -> str:
    text = re.sub(r"\s", "", text)
    text = re.sub(r"[；;]?实施周期指标?值[:：]", "|C|", text)
    return re.sub(r"[；;]?年度指标值[:：]", "|A|", text)


def test_seed_matches_source_exactly() -> None:
    """Every name, amount, goal, class, indicator name and target text, nothing lost or added."""
    source = seed_text()
    body = source[source.index("合计") :]
    assert _normal(_reconstruct(to_dict(SEED_DOC))) == _normal(body)


def test_seed_golden() -> None:
    actual = _without_lines(to_dict(SEED_DOC))
    assert actual == golden(DATA / "seed.expected.json", actual)


def test_seed_hard_cases() -> None:
    projects = {p.name: p for _, p in SEED_DOC.projects()}
    # a project line carrying its amounts and the start of its goal; a name that is a code
    assert projects["002604"].goal == "通过采购一批软件，保障单位办公需求。"
    # names wrapped over three lines, the first line equal to the unit's name
    assert "广州市科学技术局2024—2025年信息化运维项目" in projects
    assert "广州市科学技术局2023年“穗智管”广州科技大脑升级改造项目(一期)" in projects
    # a goal opening with "1、" is a goal, not an indicator
    assert projects["科技管理辅助支撑经费"].goal.startswith("1、配合我局落实依法行政工作")
    # an indicator whose number sits on one line and its classes on the next; label typo
    ind = projects["企业创新计划-超视堺第10.5代TFT-LCD显示器生产线项目补贴（增城区）"].indicators[3]
    assert (ind.seq, ind.name, ind.cycle.text) == (4, "超视堺项目年产值（亿元）", "101")
    # a bare number takes the unit its indicator's name states, with a note
    assert (ind.cycle.value, ind.cycle.unit, ind.annual.unit) == (Decimal("101"), "亿元", "亿元")
    assert any(n.code == "target.unit_from_name" and n.line == 55 for n in SEED_DOC.notes)
    assert any(n.code == "label.variant" and n.line == 56 for n in SEED_DOC.notes)
    # an indicator name containing "；"
    names = [i.name for i in projects["科技资源引进及对接经费"].indicators]
    assert names[0] == "外出调研次数；考察调研国内外先进城市经验次数"
    # a target containing "1、", "。" and "；" stays one target
    ind = projects["重点研发计划"].indicators[7]
    assert ind.cycle.text.startswith("1、科学研究和社会服务：")
    assert ind.cycle.text.endswith("指导学生竞赛获奖20人次")
    assert ind.annual.text == ind.cycle.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=0, max_value=len(seed_text())), max_size=40))
def test_extra_line_breaks_change_nothing(positions: list[int]) -> None:
    text = seed_text()
    for pos in sorted(set(positions), reverse=True):
        text = text[:pos] + "\n" + text[pos:]
    # ids come from the file's sha256 (which a line break changes) and positions: given the
    # same seed, the same positions must get the same ids
    read = assign_ids(parse_text(text, "seed.txt"), SEED_SHA256)
    assert _without_lines(to_dict(read)) == _without_lines(to_dict(SEED_DOC))


def test_four_amount_columns() -> None:
    doc = parse_text((DATA / "text/four_columns.txt").read_text("utf-8"), "four_columns.txt")
    assert doc.year == 2024
    p = doc.units[0].projects[0]
    assert (p.funds.total, p.funds.fiscal, p.funds.special, p.funds.other) == (
        Decimal("1200.00"), Decimal("1000.00"), Decimal("0.00"), Decimal("200.00"),
    )  # fmt: skip
    assert p.goal == "新建高标准农田，提高粮食综合生产能力。"
    assert not any(n.code == "amounts.by_position" for n in doc.notes)


def test_rows_without_indentation_or_total() -> None:
    doc = parse_text((DATA / "text/flat_no_total.txt").read_text("utf-8"), "flat.txt")
    assert doc.money_unit == "元"
    assert [(u.name, [p.name for p in u.projects]) for u in doc.units] == [
        ("示例市文化广电旅游局本级", ["公共文化服务", "非遗保护"]),
        ("示例市图书馆", ["图书购置"]),
    ]
    assert doc.funds.total == Decimal("380000.00")
    assert any(n.code == "total.computed" for n in doc.notes)


def test_mismatched_money_is_reported_not_fixed() -> None:
    data = (DATA / "text/mismatch.txt").read_bytes()
    doc = read_bytes(data, "mismatch.txt")[0]
    codes = [n.code for n in doc.notes if n.level == "warning"]
    assert codes.count("money.projects") == 2
    assert "money.sources" in codes
    assert doc.units[0].funds.total == Decimal("500.00")  # as written


def test_year_from_argument_title_and_file_name() -> None:
    text = (DATA / "text/mismatch.txt").read_text("utf-8")
    assert parse_text(text, "x.txt", year=2026).year == 2026
    assert parse_text(text, "教育局2025年项目支出绩效目标.txt").year == 2025
    assert parse_text(text, "report_bb2025c1.txt").year is None  # not a year: part of a hash


def test_page_numbers_and_repeated_blank_lines_are_ignored() -> None:
    text = (DATA / "text/mismatch.txt").read_text("utf-8")
    noisy = text.replace("完成校舍维修。", "完成校舍\n\n第 2 页\n\n- 3 -\n维修。")
    assert to_dict(parse_text(noisy, "m.txt")) == to_dict(parse_text(text, "m.txt"))


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("   \n\n", "文件是空的", None),
        ("这是一段普通的文字。\n没有任何表格。\n", "找不到表头", 1),
        (
            "部门名称：某局 单位：万元\n项目名称（资金使用单位） 总计 财政拨款 绩效目标 绩效指标\n"
            "合计 1.00 1.00\n",
            "没有找到任何绩效指标",
            3,
        ),
        (
            "项目名称（资金使用单位） 总计 财政拨款 绩效目标 绩效指标\n"
            "1、1-产出指标；11-数量指标；甲；实施周期指标值:1个；年度指标值:1个。",
            "找不到部门名称",
            1,
        ),
        (
            "部门名称：某局 单位：万元\n项目名称（资金使用单位） 总计 绩效目标 绩效指标\n"
            "没有金额的项目\n目标。\n1、1-产出指标；11-数量指标；甲；实施周期指标值:1个；年度指标值:1个。",
            "指标前没有找到项目行",
            5,
        ),
    ],
)
def test_not_a_table(text: str, message: str, line: int | None) -> None:
    with pytest.raises(ParseError) as info:
        parse_text(text, "bad.txt")
    assert message in info.value.message
    assert info.value.source == "bad.txt"
    assert info.value.line == line
    assert info.value.expected
