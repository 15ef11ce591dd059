"""What the task tests share: a published target table of 2030 (two units, weighted
indicators: quantitative, a percentage, a reverse one and a qualitative one), a second
department's table, and accounts of finance, the department and each unit."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.model import Document, Funds, Indicator, Level, Project, Unit
from jixiao.services import accounts
from jixiao.services.actor import Actor, cli_actor
from jixiao.services.policy import load_policy
from jixiao.store import Store
from jixiao.targets import type_target

D = Decimal
YEAR = 2030
DEPARTMENT = "任务测试局"
OTHER_DEPARTMENT = "另一局"
UNIT_A, UNIT_B = "甲中心", "乙中心"
PASSWORD = "Sesame#2024x"
TRAINING = "职业技能培训项目"

OUTPUT, EFFECT, SATISFIED = Level("1", "产出指标"), Level("2", "效益指标"), Level("3", "满意度指标")
QUANTITY, QUALITY, TIME = Level("11", "数量指标"), Level("12", "质量指标"), Level("13", "时效指标")
SOCIAL, SERVED = Level("22", "社会效益指标"), Level("31", "服务对象满意度指标")

ACCOUNTS = {
    "fin": ("finance_reviewer", "财政"),
    "dep": ("department_reviewer", DEPARTMENT),
    "unit_a": ("unit_filler", f"{DEPARTMENT}/{UNIT_A}"),
    "unit_b": ("unit_filler", f"{DEPARTMENT}/{UNIT_B}"),
    "viewer": ("viewer", f"{DEPARTMENT}/{UNIT_A}"),
}


def _ind(seq: int, l1: Level, l2: Level, name: str, target: str, weight: str) -> Indicator:
    t = type_target(target)
    return Indicator(seq, l1, l2, name, t, t, weight=D(weight))


def project(name: str, total: str) -> Project:
    """A project whose indicators weigh 90 (with budget execution's 10: 100)."""
    return Project(name, Funds(D(total)), f"{name}的年度目标。", [
        _ind(1, OUTPUT, QUANTITY, "培训人数", "≥100人", "30"),
        _ind(2, OUTPUT, QUALITY, "培训合格率", "≥95%", "10"),
        _ind(3, OUTPUT, TIME, "办结时限", "≤5天", "10"),
        _ind(4, EFFECT, SOCIAL, "就业能力", "有效提升", "30"),
        _ind(5, SATISFIED, SERVED, "学员满意度", "≥90%", "10"),
    ])  # fmt: skip


def target_table(department: str = DEPARTMENT) -> Document:
    units = [
        Unit(UNIT_A, Funds(D("300")), [project(TRAINING, "200"), project("创业扶持项目", "100")]),
        Unit(UNIT_B, Funds(D("50")), [project("乙中心运行项目", "50")]),
    ]
    return Document(
        department, YEAR, "万元", Funds(D("350")), units, title=f"{department}绩效目标表"
    )


@dataclass(frozen=True, slots=True)
class People:
    fin: Actor
    dep: Actor
    unit_a: Actor
    unit_b: Actor
    viewer: Actor


def make_people(store: Store) -> People:
    """Publish the tables and make the accounts; their actors (as signing in gives them)."""
    store.save(target_table(), status="published")
    other = target_table(OTHER_DEPARTMENT)
    other.units = other.units[:1]
    store.save(other, status="published")
    policy = load_policy()
    made = {}
    for username, (role, org) in ACCOUNTS.items():
        new = accounts.NewUser(username, f"测试 {username}", PASSWORD, [role], org,
                               must_change=False)  # fmt: skip
        accounts.create_user(store, policy, cli_actor(), (), new)
        with store.accounts() as rows:
            user = rows.user_by_name(username)
        made[username] = Actor(username, frozenset({role}), user.id, user.org_id)
    return People(**made)


def permissions(actor: Actor) -> frozenset[str]:
    return load_policy().permissions_of(actor.roles)
