"""The task flow as data (data/tasks.toml, a region's file layered over it) and its state
table: each action from its states only, by its permission and roles, with a reason where one
is required and a complete form where it checks; periods and deadlines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jixiao.errors import ConfigError, InputError, PermissionDenied
from jixiao.tasks import allowed, days_left, load_task_rules, parse_period, transition

UNIT = (frozenset({"documents.read", "documents.write"}), frozenset({"unit_filler"}))
DEPT = (frozenset({"documents.read", "documents.review"}), frozenset({"department_reviewer"}))
FIN = (frozenset({"documents.review", "documents.publish", "tasks.issue"}),
       frozenset({"finance_reviewer"}))  # fmt: skip


def _go(state: str, action: str, who: tuple[frozenset[str], frozenset[str]], **kw: object) -> str:
    done = transition(load_task_rules(), state, action, permissions=who[0], roles=who[1], **kw)  # type: ignore[arg-type]
    return done.to


def test_the_bundled_flow() -> None:
    rules = load_task_rules()
    assert rules.initial == "draft" and rules.editable == {"draft", "returned"}
    assert rules.kinds == {"monitoring": "运行监控", "selfeval": "绩效自评"}
    assert _go("draft", "submit", UNIT, reason=None) == "submitted"
    assert _go("returned", "submit", UNIT, reason=None) == "submitted"
    assert _go("submitted", "department_approve", DEPT, reason=None) == "department_approved"
    assert _go("department_approved", "finance_approve", FIN, reason=None) == "approved"
    assert _go("approved", "return", FIN, reason="数据有误") == "returned"
    assert _go("submitted", "return", DEPT, reason="补充") == "returned"
    assert [a.key for a in allowed(rules, "submitted", *DEPT)] == ["department_approve", "return"]
    assert [a.key for a in allowed(rules, "submitted", *FIN)] == ["return"]
    assert [a.key for a in allowed(rules, "draft", *UNIT)] == ["submit"]
    assert [a.key for a in allowed(rules, "approved", *UNIT)] == []
    assert len(allowed(rules, "draft", frozenset(), frozenset(), cli=True)) == 1


def test_refusals_say_why() -> None:
    with pytest.raises(InputError, match="报告当前为“填报中”，不能部门审核通过"):
        _go("draft", "department_approve", DEPT, reason=None)
    with pytest.raises(PermissionDenied, match="无权财政审核通过"):
        _go("department_approved", "finance_approve", DEPT, reason=None)
    with pytest.raises(PermissionDenied):
        _go("draft", "submit", DEPT, reason=None)
    with pytest.raises(InputError, match="退回须填写理由"):
        _go("submitted", "return", DEPT, reason=" ")
    with pytest.raises(InputError, match="2 处须完善，不能送审：未填累计支出；未填偏差分析"):
        _go("draft", "submit", UNIT, reason=None, problems=["未填累计支出", "未填偏差分析"])
    assert _go("submitted", "return", DEPT, reason="x", problems=["不查"]) == "returned"
    with pytest.raises(InputError, match="没有名为“publish”的操作"):
        _go("draft", "publish", UNIT, reason=None)


def test_a_region_overrides_the_flow(tmp_path: Path) -> None:
    region = tmp_path / "tasks.toml"
    region.write_text(
        '[[actions]]\nkey = "submit"\nname = "报送"\nfrom = ["draft", "returned"]\n'
        'to = "approved"\npermission = "documents.write"\nreason = false\ncheck = true\n',
        encoding="utf-8",
    )
    rules = load_task_rules(region)
    assert [a.key for a in rules.actions] == ["submit"] and rules.action("submit").name == "报送"
    assert rules.states[0].name == "填报中"  # the rest from the bundled file
    region.write_text('[flow]\ninitial = "new"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"flow\.initial 中的状态“new”不在 states 中"):
        load_task_rules(region)
    region.write_text('[[actions]]\nkey = "x"\nname = "x"\nfrom = ["draft"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="缺少或错误的项 'to'"):
        load_task_rules(region)
    region.write_text("colour = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="未知的项：colour"):
        load_task_rules(region)


@pytest.mark.parametrize(
    ("text", "month"),
    [("1-6月", 6), ("1—7月", 7), ("1至12月", 12), ("6月", 6), (" 1 - 6 ", 6), ("1~3月", 3)],
)
def test_periods(text: str, month: int) -> None:
    assert parse_period(text) == month


@pytest.mark.parametrize("text", ["", "上半年", "1-13月", "0月", "2-6月"])
def test_periods_refused(text: str) -> None:
    with pytest.raises(InputError, match="监控期间"):
        parse_period(text)


def test_days_left() -> None:
    assert days_left(date(2030, 7, 20), date(2030, 7, 10)) == 10
    assert days_left(date(2030, 7, 20), date(2030, 7, 20)) == 0
    assert days_left(date(2030, 7, 20), date(2030, 7, 21)) == -1
