"""Typing of target values (jixiao.targets): seed texts, hand-made cases, properties."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from importlib import resources
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from jixiao import numerals
from jixiao.errors import ConfigError
from jixiao.model import Target
from jixiao.targets import _analyse, _op, normalize, quantity_at, type_target, unit_in_name

from .helpers import seed_text

QUAL = "qualitative"
# Expected typing: QUAL, (op, value, unit[, upper]) for one quantity, or a list of those (and
# QUAL for an enumerated item without a quantity) for a composite's parts.
Quantity = tuple[Any, ...]
Expected = str | Quantity | list[str | Quantity]

# Real target values from tests/data/seed.txt (line breaks removed).
SEED: list[tuple[str, Expected]] = [
    ("1个", ("=", "1", "个")),
    ("200亿元", ("=", "200", "亿元")),
    ("进一步提高", QUAL),
    ("进一步完善", QUAL),
    ("3000个", ("=", "3000", "个")),
    ("1", ("=", "1", None)),
    ("530", ("=", "530", None)),
    ("2500个", ("=", "2500", "个")),
    ("≥27项", ("≥", "27", "项")),
    ("支持广州国家实验室及4家在穗省实验室开展成果转化工作", ("=", "4", "家")),
    ("支持广州国家实验室及4家在穗省实验室实现成果转化合同合计金额≥6000万元", ("≥", "6000", "万元")),
    ("支持华南国家植物园2025年度科研攻关工作", QUAL),
    (
        (
            "筛选产业化利用价值的植物资源≥1种，鉴定具有开发应用潜力新种质≥1种，研发"
            "种植物繁殖技术≥1种；配套栽培技术体系≥1种"
        ),
        [("≥", "1", "种"), ("≥", "1", "种"), ("≥", "1", "种"), ("≥", "1", "种")],
    ),
    (
        (
            "合作银行为科技型中小企业当年授信金额≥300亿元；合作银行为科技型中小企业"
            "当年发放贷款金额≥200亿元；合作银行为≥4000家科技型中小企业发放贷款"
        ),
        [("≥", "300", "亿元"), ("≥", "200", "亿元"), ("≥", "4000", "家")],
    ),
    (
        (
            "1.瞄准生物医药与健康产业发展需求，加大创新药物、高端医疗器械、中医药、生物技术"
            "等关键核心技术攻关。 2.组织实施绿色低碳循环技术、资源环境与城市社会治理科技等"
            "社发领域科技项目，为经济社会发展提供科技支撑。 3.组织实施农业农村现代化关键技"
            "术攻关，解决一批卡脖子技术难题"
        ),
        QUAL,
    ),
    (
        (
            "1.支持一批我市新药开展临床试验数量≥20项。 2.支持一批Ⅱ类以上医疗器械获得"
            "产品注册证书≥50项。 3.降低企业创新成本，提升企业创新研发能力，营造良好创新"
            "氛围，为生物医药产业发展提供有力科技支撑"
        ),
        [("≥", "20", "项"), ("≥", "50", "项"), QUAL],
    ),
    (
        (
            "1.建立农村科技特派员工作站98个。 2.支持98个农村科技特派员专家团队入乡"
            "服务次数≥300次。3.推动适用新技术、新品种入乡应用数量≥100项"
        ),
        [("=", "98", "个"), ("≥", "300", "次"), ("≥", "100", "项")],
    ),
    (
        (
            "1.建立农村科技特派员工作站≥50次个。 2.支持98个农村科技特派员专家团队入"
            "乡服务次数≥100次。 3.推动适用新技术、新品种入乡应用数量≥50项"
        ),
        [("≥", "50", "次"), ("≥", "100", "次"), ("≥", "50", "项")],
    ),
    ("促成龙头企业与成果供给方完成对接及签订技术合同≥10个", ("≥", "10", "个")),
    (
        (
            "1.≥7项 2.农业和社会发展科技方向15项 3.支持一批攻关项目，支持细分方向≥5"
            "个 4.标杆应用场景≥9个"
        ),
        [("≥", "7", "项"), ("=", "15", "项"), ("≥", "5", "个"), ("≥", "9", "个")],
    ),
    (
        (
            "人工智能方向≥9项; 健康医疗方向6项 现代农业方向3项 布局软件攻关项目数量"
            "≥29个  行业科技协同创新中心科研攻关项目≥9项"
        ),
        [("≥", "9", "项"), ("=", "6", "项"), ("=", "3", "项"), ("≥", "29", "个"), ("≥", "9", "项")],
    ),
    ("≥70%", ("≥", "70", "%")),
    ("1.建设“先投后股”试点平台1个； 2.首批试点项目立项≥3项", [("=", "1", "个"), ("≥", "3", "项")]),
    (
        (
            "1.建设核心总部直属创新平台≥6个； 2.培育建设分中心≥5个； 3.培育建设“N”"
            "序列机构≥2个； 4.实施重大技术攻关项目≥15项； 5.成果产业化项目≥7项"
        ),
        [("≥", "6", "个"), ("≥", "5", "个"), ("≥", "2", "个"), ("≥", "15", "项"), ("≥", "7", "项")],
    ),
    (
        (
            "1、科学研究和社会服务：发表高水平论文150篇，获批纵向、横向科研项目45项，申"
            "请获批发明专利5项，获国家级、省级奖项和科技人才奖励1-2项。 2、国际影响：境"
            "外交流不少于25人次，举办国际国内会议12次； 3、师资力量：全职、柔性引进教师"
            "13-15人。 4、学科水平：培育科研领军人才人数1-2人，与高校、企业合作10"
            "所以上。 5、人才培养：国家级、省级课程建设2-4门，培养博士后10人、博士生2"
            "5人、硕士生70人，指导学生竞赛获奖20人次"
        ),
        [
            ("=", "150", "篇"),
            ("=", "45", "项"),
            ("=", "5", "项"),
            ("range", "1", "项", "2"),
            ("≥", "25", "人次"),
            ("=", "12", "次"),
            ("range", "13", "人", "15"),
            ("range", "1", "人", "2"),
            ("≥", "10", "所"),
            ("range", "2", "门", "4"),
            ("=", "10", "人"),
            ("=", "25", "人"),
            ("=", "70", "人"),
            ("=", "20", "人次"),
        ],
    ),
    (
        "激发科技企业参赛数量≥2000家，历史获奖企业参赛后累计融资数≥400亿",
        [("≥", "2000", "家"), ("≥", "400", "亿")],
    ),
    (
        (
            "1.引入企业（项目团队）总数≥80个； 2.入驻企业当年总营收≥8000万元; "
            "3.培育科技企业累计获得融资≥10起，累计获得融资额≥1亿元; 4.组织穗港交流"
            "≥10次，投融资路演≥10场，协助≥50个技术团队对接企业需求； 5.组织境内外"
            "主流媒体报道≥50篇"
        ),
        [
            ("≥", "80", "个"),
            ("≥", "8000", "万元"),
            ("≥", "10", "起"),
            ("≥", "1", "亿元"),
            ("≥", "10", "次"),
            ("≥", "10", "场"),
            ("≥", "50", "个"),
            ("≥", "50", "篇"),
        ],
    ),
    (
        (
            "1.引入企业（项目团队）≥30个； 2.组织不少于3次穗港交流，4场投融资路演，"
            "协助≥10个技术团队对接企业需求； 3.组织境内外主流媒体报道≥10篇"
        ),
        [
            ("≥", "30", "个"),
            ("≥", "3", "次"),
            ("=", "4", "场"),
            ("≥", "10", "个"),
            ("≥", "10", "篇"),
        ],
    ),
    (
        "1.高新技术企业申报数量≥5000家； 2.高新技术企业认定数≥3500家",
        [("≥", "5000", "家"), ("≥", "3500", "家")],
    ),
    ("≥39", ("≥", "39", None)),
    (
        (
            "1.组织邀请专家来穗开展科学论坛人次≥50人次。 2.梳理成果需求≥30项，组织"
            "产业科技创新交流对接会≥5场。 3.组织康养活动≥5次，参加人才≥20人。 4."
            "组织咨询交流会≥5次。 5.调研企事业单位≥30家，链接院士专家团队≥10个。 "
            "6.组织开展人才交流会、科普报告会≥10场。1.组织邀请专家来穗开展科学论坛人次"
            "≥50人次。 2.梳理成果需求≥30项，组织产业科技创新交流对接会≥5场。 3."
            "组织康养活动≥5次，参加人才≥20人。 4.组织咨询交流会≥5次。 5.调研企事"
            "业单位≥30家，链接院士专家团队≥10个。 6.组织开展人才交流会、科普报告会≥"
            "10场"
        ),
        [
            ("≥", "50", "人次"),
            ("≥", "30", "项"),
            ("≥", "5", "场"),
            ("≥", "5", "次"),
            ("≥", "20", "人"),
            ("≥", "5", "次"),
            ("≥", "30", "家"),
            ("≥", "10", "个"),
            ("≥", "10", "场"),
            ("≥", "50", "人次"),
            ("≥", "30", "项"),
            ("≥", "5", "场"),
            ("≥", "5", "次"),
            ("≥", "20", "人"),
            ("≥", "5", "次"),
            ("≥", "30", "家"),
            ("≥", "10", "个"),
            ("≥", "10", "场"),
        ],
    ),
    ("支持科普品牌活动项目数≥15项", ("≥", "15", "项")),
    ("获得广州市支持的概念验证中心实施概念验证数目不少于 5个", ("≥", "5", "个")),
    ("≥40人次", ("≥", "40", "人次")),
    ("10家", ("=", "10", "家")),
    ("效果明显", QUAL),
    ("用户满意度达到95%", ("≥", "95", "%")),
    ("100%", ("=", "100", "%")),
    ("≥500人", ("≥", "500", "人")),
    ("≥6", ("≥", "6", None)),
    ("1.≥24次；2.16次", [("≥", "24", "次"), ("=", "16", "次")]),
    ("5条", ("=", "5", "条")),
    ("完成度100%", ("=", "100", "%")),
    ("＞35项", (">", "35", "项")),
    ("动态管理维护专家信息，维护管理在库专家数量约38000名", ("≈", "38000", "名")),
    ("完成企业政策宣贯和培育、申报审核数量≥3000家", ("≥", "3000", "家")),
    ("完成科技型中小企业评价入库数不少于17000家", ("≥", "17000", "家")),
    ("举办成果对接活动场数≥6场", ("≥", "6", "场")),
    ("广州地区登记的技术合同成交额≥1500亿元", ("≥", "1500", "亿元")),
    ("组织参加展会数量≥1", ("≥", "1", None)),
    ("≥4场", ("≥", "4", "场")),
    ("≥100人次", ("≥", "100", "人次")),
    ("编制国防动员潜力报告1份", ("=", "1", "份")),
    ("支持境外高端人才≥1500人次", ("≥", "1500", "人次")),
    ("境外高端人才来自于科技创新领域和重点发展产业人数超过95%", (">", "95", "%")),
    ("政策宣传效果好，组织国家、省市级重点人才政策专题宣讲会≥5次", ("≥", "5", "次")),
    ("系统支持最大的用户并发数不小于200个", ("≥", "200", "个")),
    ("系统对用户操作的响应时间不大于5秒", ("≤", "5", "秒")),
    ("二级", QUAL),
    ("单位时间的业务处理数量可达15MB/S", ("≥", "15", "MB/S")),
    ("不小于95%", ("≥", "95", "%")),
    ("≥50部", ("≥", "50", "部")),
    ("响应及时率达到100%", ("≥", "100", "%")),
    (
        "1.投诉率不超过总工单的3%；2.修复及时率达到95%；3.安全事故发生数0起 ；4.修复及时率达到95%",
        [("≤", "3", "%"), ("≥", "95", "%"), ("=", "0", "起"), ("≥", "95", "%")],
    ),
    (
        (
            "1.各类系统维护完成率达到90%；2.安全事故发生数0起 ；3.运维周期满足1年.4"
            ".运维人员配备人数达到100%；"
        ),
        [("≥", "90", "%"), ("=", "0", "起"), ("=", "1", "年"), ("≥", "100", "%")],
    ),
    ("验收合格", QUAL),
    ("举办具体赛事场次数不少于15场", ("≥", "15", "场")),
    ("助力企业融资超过40亿元", (">", "40", "亿元")),
    ("1台", ("=", "1", "台")),
    ("不高于5%", ("≤", "5", "%")),
    ("不低于95%", ("≥", "95", "%")),
    ("不超过上年度聘用人数（2人）", ("≤", "2", "人")),
    ("合格及以上", QUAL),
    ("不超过7万/年/人", ("≤", "7", "万/年/人")),
    ("50人次", ("=", "50", "人次")),
    ("3060平方米", ("=", "3060", "平方米")),
    ("约5000项次", ("≈", "5000", "项次")),
    ("20人次", ("=", "20", "人次")),
    ("不超出预算数", QUAL),
    ("不大于0%", ("≤", "0", "%")),
    ("不超过1人", ("≤", "1", "人")),
    ("编外人员实际到岗情况占聘用人员总数100%", ("=", "100", "%")),
    ("年度内提供1个就业岗位，缓解社会就业问题", ("=", "1", "个")),
    (
        "园区一期37328平方米和二期34500平方米；合计71828平方米",
        [("=", "37328", "平方米"), ("=", "34500", "平方米"), ("=", "71828", "平方米")],
    ),
    ("0", ("=", "0", None)),
    ("使用部门对物业服务的满意度不低于90%", ("≥", "90", "%")),
    ("2次", ("=", "2", "次")),
    ("在市委市府内刊或省级以上科技类期刊发表不少于6篇文章", ("≥", "6", "篇")),
    ("完成《2024年广州科技创新发展报告》1册", ("=", "1", "册")),
    ("按时保质地完成科技统计调查任务，完成率100%", ("=", "100", "%")),
    ("走访不少于20家企业", ("≥", "20", "家")),
    (
        "采集不少于5个国内重点城市在不少于3个国内外权威排名榜中排名数据",
        [("≥", "5", "个"), ("≥", "3", "个")],
    ),
    ("≥5个城市", ("≥", "5", "个")),
    ("为上级科技管理部门及时提供科技创新相关数据不少于4次", ("≥", "4", "次")),
    ("在市委市府内刊或省级以上科技类期刊发表文章篇数", QUAL),
    ("完成科技创新类专题研究1项", ("=", "1", "项")),
    ("54套", ("=", "54", "套")),
    ("≥90％", ("≥", "90", "%")),
    ("安全事故发生次数为0", ("=", "0", None)),
    ("战略院人员对改革项目整体满意度", QUAL),
]

# Hand-made: Chinese numerals, comparator spellings, and numbers that are no quantity.
EXTRA: list[tuple[str, Expected]] = [
    ("不少于三次", ("≥", "3", "次")),
    ("两个", ("=", "2", "个")),
    ("举办活动十二场", ("=", "12", "场")),
    ("一千五百人", ("=", "1500", "人")),
    ("三千万元", ("=", "3000", "万元")),
    ("二十万元", ("=", "20", "万元")),
    ("一万五千人次", ("=", "15000", "人次")),
    ("至少一个", ("≥", "1", "个")),
    ("百分之九十", ("=", "90", "%")),
    ("十多个", (">", "10", "个")),
    ("进一步完善一批项目", QUAL),
    ("一是加强管理，二是完善制度", QUAL),
    ("十分重要", QUAL),
    ("园区一期工程", QUAL),
    ("二〇二五年完成", QUAL),
    ("2024—2025年完成建设", QUAL),
    ("2024-2025年度", QUAL),
    ("2024-2025", QUAL),
    ("1900-1950人", ("range", "1900", "人", "1950")),
    ("于2025年12月31日前完成验收", QUAL),
    ("6月底前完成", QUAL),
    ("第10.5代生产线1条", ("=", "1", "条")),
    ("T9项目投产", QUAL),
    ("LG8.5代OLED", QUAL),
    ("5G基站建设", QUAL),
    ("1+N体系", QUAL),
    ("Ⅱ类医疗器械", QUAL),
    ("《2024年报告》编制完成", QUAL),
    ("10所以上", ("≥", "10", "所")),
    ("5%以内", ("≤", "5", "%")),
    ("控制在5%以内", ("≤", "5", "%")),
    ("3800名左右", ("≈", "3800", "名")),
    ("100余项", (">", "100", "项")),
    ("60%-80%", ("range", "60", "%", "80")),
    ("13～15人", ("range", "13", "人", "15")),
    ("13~15人", ("range", "13", "人", "15")),
    ("13至15人", ("range", "13", "人", "15")),
    ("1,500人", ("=", "1500", "人")),
    ("１２３个", ("=", "123", "个")),
    ("≥400亿", ("≥", "400", "亿")),
    ("16.4亿元", ("=", "16.4", "亿元")),
    ("≥0.5万元", ("≥", "0.5", "万元")),
    ("10万人次", ("=", "10", "万人次")),
    ("3个月", ("=", "3", "个月")),
    ("大于等于10个", ("≥", "10", "个")),
    ("≦5次", ("≤", "5", "次")),
    (">=5项", ("≥", "5", "项")),
    ("＞=5项", ("≥", "5", "项")),
    ("＜3%", ("<", "3", "%")),
    ("＝2份", ("=", "2", "份")),
    ("低于1%", ("<", "1", "%")),
    ("约 100 人", ("≈", "100", "人")),
    ("节约5%", ("=", "5", "%")),  # 节约 (save) is no 约 (about)
    ("(1)完成3项(2)完成4项", [("=", "3", "项"), ("=", "4", "项")]),
    ("①完成3项②完成4项③完善制度", [("=", "3", "项"), ("=", "4", "项"), QUAL]),
]


def _check(target: Target, expected: Expected) -> None:
    if expected == QUAL:
        assert (target.kind, target.op, target.value, target.parts) == (QUAL, None, None, [])
    elif isinstance(expected, tuple):
        op, value, unit, *upper = expected
        assert target.kind == "quantitative"
        assert (target.op, target.value, target.unit) == (op, Decimal(value), unit)
        assert target.upper == (Decimal(upper[0]) if upper else None)
        assert isinstance(target.value, Decimal)
        assert target.parts == []
    else:
        assert target.kind == "composite"
        assert (target.op, target.value, target.upper, target.unit) == (None, None, None, None)
        assert len(target.parts) == len(expected)
        for part, want in zip(target.parts, expected, strict=True):
            assert part.kind != "composite"
            _check(part, want)


@pytest.mark.parametrize(("text", "expected"), SEED + EXTRA)
def test_typing(text: str, expected: Expected) -> None:
    target = type_target(text)
    assert target.text == text
    _check(target, expected)


@pytest.mark.parametrize(("text", "expected"), SEED + EXTRA)
def test_a_sentence_end_changes_no_typing(text: str, expected: Expected) -> None:
    """Also checks the fast path for whole-text quantities against the full grammar."""
    with_end = type_target(f"{text}。")
    _check(with_end, expected)
    assert with_end.label == type_target(text).label


def test_seed_table_is_copied_from_the_seed() -> None:
    stream = "".join(line.rstrip() for line in seed_text().splitlines())
    assert len(SEED) >= 70
    missing = [text for text, _ in SEED if text not in stream]
    assert missing == []


def test_labels_and_part_texts() -> None:
    t = type_target(
        "1.≥7项 2.农业和社会发展科技方向15项 3.支持一批攻关项目，支持细分方向≥5"
        "个 4.标杆应用场景≥9个"
    )
    assert [p.label for p in t.parts] == [
        None,
        "农业和社会发展科技方向",
        "支持细分方向",
        "标杆应用场景",
    ]
    assert [p.text for p in t.parts] == [
        "≥7项",
        "农业和社会发展科技方向15项",
        "支持一批攻关项目，支持细分方向≥5个",
        "标杆应用场景≥9个",
    ]
    t = type_target("园区一期37328平方米和二期34500平方米；合计71828平方米")
    assert [p.label for p in t.parts] == ["园区一期", "二期", "合计"]
    assert [p.text for p in t.parts] == [
        "园区一期37328平方米",
        "和二期34500平方米",
        "合计71828平方米",
    ]
    t = type_target("1.支持一批我市新药开展临床试验数量≥20项。 2.降低企业创新成本")
    assert t.kind == "quantitative" and t.label == "支持一批我市新药开展临床试验数量"
    assert type_target("举办成果对接活动场数≥6场").label == "举办成果对接活动场数"
    assert type_target("合作银行为≥4000家科技型中小企业发放贷款").label == "合作银行"
    assert type_target("≥27项").label is None


def test_attributive_number_is_dropped_only_beside_another_quantity() -> None:
    t = type_target("支持98个农村科技特派员专家团队入乡服务次数≥300次")
    assert (t.kind, t.op, t.value, t.unit) == ("quantitative", "≥", Decimal(300), "次")
    t = type_target("支持广州国家实验室及4家在穗省实验室开展成果转化工作")
    assert (t.kind, t.value, t.unit) == ("quantitative", Decimal(4), "家")


def test_the_cache_cannot_be_corrupted() -> None:
    first = type_target("1.≥24次；2.16次")
    first.parts[0].value = Decimal(-1)
    first.parts.clear()
    first.kind = "qualitative"
    again = type_target("1.≥24次；2.16次")
    assert again.kind == "composite" and [p.value for p in again.parts] == [24, 16]
    assert again is not first


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        ("16.4", "亿元", ("1640000000", "元")),
        ("3000", "万元", ("30000000", "元")),
        ("400", "亿", ("40000000000", None)),
        ("1.23456", "万", ("12345.6", None)),
        ("10", "万人次", ("100000", "人次")),
        ("7", "万/年/人", ("70000", "/年/人")),
        ("2", "千米", ("2000", "米")),
        ("5", "百分点", ("5", "百分点")),  # 百 alone is no magnitude
        ("95", "%", ("95", "%")),
        ("530", None, ("530", None)),
    ],
)
def test_normalize(value: str, unit: str | None, expected: tuple[str, str | None]) -> None:
    scaled, base = normalize(Decimal(value), unit)
    assert (scaled, base) == (Decimal(expected[0]), expected[1])
    assert str(scaled) == expected[0]  # exact and without exponent


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105), ("一千五百", 1500),
        ("一千五", 1500), ("一千零五", 1005), ("一万五", 15000), ("三千万", 30000000),
        ("一亿五千万", 150000000), ("十六亿四千万", 1640000000), ("两万", 20000),
        ("一万亿", 10**12), ("二〇二五", 2025), ("万", 10000),
    ],
)  # fmt: skip
def test_chinese_numerals(text: str, value: int) -> None:
    assert numerals.chinese_to_int(text) == value


def test_bad_vocabulary_op_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        _op("≠")


# --- properties -------------------------------------------------------------------------------

_VOCAB: dict[str, Any] = tomllib.loads(
    resources.files("jixiao").joinpath("data/targets.toml").read_text("utf-8")
)
_OPS = {"≥", "≤", ">", "<", "=", "≈", "range"}
_COMPARATORS = [
    (word, op) for op, words in _VOCAB["comparators"].items() if op in _OPS for word in words
] + [("", "=")]
_UNITS = (
    [None]
    + _VOCAB["units"]["base"]
    + _VOCAB["units"]["latin"]
    + list(_VOCAB["units"]["magnitudes"])
    + [m + u for m in ("万", "亿") for u in ("元", "人次", "人", "个")]
)
_TRICKY = list(
    "0123456789０１２.,，；;:：、。 -~～至以上下内约≥≤><=＞＜％%‰个项人次场万亿元一二两三十百千"
    "第年月日期级批（）()《》“”①②/MBGT不低于超过达到左右余"
)


def _invariants(text: str, target: Target) -> None:
    assert target.text == text
    assert target.kind in ("quantitative", "qualitative", "composite")
    if target.kind == "composite":
        assert sum(p.kind == "quantitative" for p in target.parts) >= 2
        assert target.value is None and target.op is None
    if target.kind == "quantitative":
        assert target.op in _OPS and isinstance(target.value, Decimal)
        assert (target.upper is not None) == (target.op == "range")
    if target.kind == "qualitative":
        assert target.value is None and target.parts == []
    for part in target.parts:
        assert part.kind in ("quantitative", "qualitative") and part.text
        _invariants(part.text, part)


@given(st.text())
def test_any_text_is_typed_without_raising(text: str) -> None:
    _invariants(text, type_target(text))


@given(st.text(alphabet=st.sampled_from(_TRICKY), max_size=40))
def test_number_like_text_is_typed_without_raising(text: str) -> None:
    _analyse.cache_clear()
    _invariants(text, type_target(text))


@given(
    st.sampled_from(_COMPARATORS),
    st.one_of(
        st.integers(min_value=0, max_value=10**12).map(str),
        st.integers(min_value=1000, max_value=10**12).map(lambda n: f"{n:,}"),
        st.decimals(min_value=0, max_value=10**6, places=2).map(str),
    ),
    st.sampled_from(_UNITS),
)
def test_comparator_number_unit_is_recovered(
    comparator: tuple[str, str], number: str, unit: str | None
) -> None:
    word, op = comparator
    assume(not (unit and unit.startswith("年") and number.isdigit() and len(number) == 4))
    text = f"{word}{number}{unit or ''}"
    want = ("quantitative", op, Decimal(number.replace(",", "")), None, unit)
    for t in (type_target(text), type_target(f"{text}。")):  # the fast path, and the full one
        assert (t.kind, t.op, t.value, t.upper, t.unit) == want


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=1, max_value=10**6),
    st.sampled_from(["-", "~", "～", "至"]),
    st.sampled_from(["人", "项", "%", "万元"]),
)
def test_ranges_are_recovered(low: int, width: int, sep: str, unit: str) -> None:
    t = type_target(f"{low}{sep}{low + width}{unit}")
    assert (t.op, t.value, t.upper, t.unit) == ("range", Decimal(low), Decimal(low + width), unit)


_LABELS = ["完成项目数", "培训人员", "用户满意度", "新增企业", "举办活动场次"]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(_LABELS),
            st.sampled_from(_COMPARATORS),
            st.integers(min_value=0, max_value=10**6),
            st.sampled_from(["个", "项", "人次", "%", "万元", "场"]),
        ),
        min_size=2,
        max_size=6,
    ),
    st.sampled_from(["；", "，", "; ", "。", "  "]),
)
def test_clauses_become_the_parts_of_a_composite(
    clauses: list[tuple[str, tuple[str, str], int, str]], separator: str
) -> None:
    text = separator.join(f"{label}{word}{n}{unit}" for label, (word, _), n, unit in clauses)
    t = type_target(text)
    assert t.kind == "composite"
    got = [(p.label, p.op, p.value, p.unit) for p in t.parts]
    assert got == [(label, op, Decimal(n), unit) for label, (_, op), n, unit in clauses]


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("超视堺项目年产值（亿元）", "亿元"),
        ("落户以来累计创造就业岗位（含劳务外包）（个）", "个"),
        ("举办主题活动数量（场次）", "场次"),
        ("服务对象满意度（％）", "%"),
        ("落户以来累计创造就业岗位（含劳务外包）", None),
        ("引入企业（项目团队）", None),
        ("项目(一期)", None),
        ("没有括号", None),
    ],
)
def test_unit_in_name(name: str, unit: str | None) -> None:
    assert unit_in_name(name) == unit


def test_quantity_at_tells_where_a_value_run_into_words_ends() -> None:
    # cells run together on real pages (hn-taoyuan-…, hn-hengyang-hengshan-…, sc-zhongjiang-…)
    assert quantity_at("250人计划标准") == len("250人")
    assert quantity_at("100%库存数量真实率") == len("100%")
    assert quantity_at("90%以上学生对学校伙食满意程度") == len("90%以上")
    assert quantity_at("1130元/月/人计划标准") == len("1130元/月/人")
    assert quantity_at("≥266米≥266米10") == len("≥266米")
    assert quantity_at("1.药品抽验品种") == 0  # a bare number: no unit says it is a value
    assert quantity_at("2021年底") == 0  # a date


def test_an_equals_sign_as_a_documents_font_prints_it_leads_a_quantity() -> None:
    # ═ and ﹦ stand for = (as the comparator table reads them): ═100%100% ends after 100%
    assert quantity_at("═100%100%") == len("═100%")
    assert quantity_at("﹦72890元7289010") == len("﹦72890元")
