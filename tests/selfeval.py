"""A 项目支出绩效自评表 written in code that fills every field a template can add: the
document kind, each project's code, department, unit, period, goals, budget execution, printed
总分 and 等级, and each indicator's weight, direction, unit column, explanation, standard,
actual (quantitative, composite and qualitative), score and deviation; with decimals that keep
trailing zeros, an execution whose cells are all empty, and fields left ``None`` beside them.

The store, interchange, export and web tests use it to check that nothing of it is lost.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.model import (
    Document,
    Execution,
    Funds,
    Indicator,
    Level,
    Note,
    Project,
    Source,
    Target,
    Unit,
    assign_ids,
)

D = Decimal

DEPARTMENT = "示例市农业农村局"
FIRST = "高标准农田建设"
"""The first project: every field filled."""
ACTUAL = "0.95万亩"
"""The first indicator's 实际完成值 (its 得分 is :data:`SCORE`)."""
SCORE = "19.00"
DEVIATION = "受汛期影响部分地块延期施工，已调整施工计划。"

OUTPUT = Level("1", "产出指标")
QUANTITY = Level("11", "数量指标")
QUALITY = Level("12", "质量指标")
SATISFACTION = Level("3", "满意度指标")
SERVED = Level("31", "服务对象满意度指标")


def _q(text: str, op: str, value: str, unit: str | None, label: str | None = None) -> Target:
    return Target(text, "quantitative", op, D(value), None, unit, label)  # type: ignore[arg-type]


def selfeval_document(
    department: str = DEPARTMENT, year: int | None = 2024, sha: str | None = "5" * 64
) -> Document:
    """The self-evaluation (two projects in one unit)."""
    composite = Target(
        "合格率98%，优良率60.0%",
        "composite",
        parts=[
            _q("合格率98%", "=", "98", "%", label="合格率"),
            _q("优良率60.0%", "=", "60.0", "%", label="优良率"),
        ],
    )
    farmland = Project(
        FIRST,
        Funds(D("1200.00"), D("1150.50"), None, D("49.50")),
        "新建高标准农田1万亩。",
        [
            Indicator(
                1,
                OUTPUT,
                QUANTITY,
                "新建高标准农田面积",
                _q("≥3万亩", "≥", "3", "万亩"),
                _q("≥1万亩", "≥", "1", "万亩"),
                weight=D("20.0"),
                direction="正向",
                measure="万亩",
                explanation="当年新建并通过验收的高标准农田面积",
                standard="完成得满分，未完成按比例扣分",
                actual=_q(ACTUAL, "=", "0.95", "万亩"),
                score=D(SCORE),
                deviation=DEVIATION,
            ),
            Indicator(
                2,
                OUTPUT,
                QUALITY,
                "工程验收合格率",
                _q("100%", "=", "100", "%"),
                _q("100%", "=", "100", "%"),
                weight=D("20"),
                direction="正向",
                measure="%",
                actual=composite,
                score=D("19.60"),
            ),
            Indicator(
                3,
                SATISFACTION,
                SERVED,
                "农户满意度",
                _q("≥90%", "≥", "90", "%"),
                _q("≥90%", "≥", "90", "%"),
                weight=D("10"),
                direction="正向",
                actual=Target("满意"),
                score=D("10"),
                deviation="",
            ),
            Indicator(
                4,
                OUTPUT,
                QUANTITY,
                "带动就业人数",
                _q("≥200人次", "≥", "200", "人次"),
                Target("逐步增加"),
                weight=D("0.5"),
            ),
        ],
        code="44010024T000001234",
        period="2023-2025年",
        department=DEPARTMENT,
        unit="示例市农田建设管理中心",
        period_goal="三年建成高标准农田3万亩。",
        goal_result="已建成高标准农田0.95万亩，完成年度目标的95%。",
        execution=Execution(
            D("1200.00"), D("1150.50"), D("1100.00"), D("95.61"), D("10"), D("9.56")
        ),
        score=D("91.50"),
        grade="优",
    )
    extension = Project(
        "农业技术推广",
        Funds(D("80")),
        "推广主推技术20项。",
        [
            Indicator(
                1,
                OUTPUT,
                QUANTITY,
                "推广技术数",
                _q("20项", "=", "20", "项"),
                _q("20项", "=", "20", "项"),
            ),
        ],
        execution=Execution(),  # the row is there, every cell empty
    )
    doc = Document(
        department=department,
        year=year,
        money_unit="万元",
        funds=Funds(D("1280.00")),
        units=[Unit(department, Funds(D("1280.00")), [farmland, extension])],
        notes=[Note("info", "year.inferred", "年度取自标题")],
        title=f"{year or ''}年度项目支出绩效自评表",
        source=None if sha is None else Source("自评表.xlsx", sha, "xlsx"),
        kind="selfeval",
    )
    return assign_ids(doc, f"{department}/{year}/{sha}")  # as a reader gives them
