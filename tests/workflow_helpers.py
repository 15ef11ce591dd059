"""What the workflow tests share: a reviewed draft department (草稿局, units 甲 and 乙), a
second department (别局), and one account per workflow role placed in the org tree, with
their :class:`~jixiao.services.workflow.Acting`."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from jixiao.services import accounts, documents
from jixiao.services.actor import cli_actor
from jixiao.services.policy import load_policy
from jixiao.services.workflow import Acting
from jixiao.store import ProjectFilter, Store

from .auth_helpers import DRAFT_DEPARTMENT, PASSWORD, UNIT_A, UNIT_B, draft_document

OTHER_DEPARTMENT = "别局"

USERS = {
    # user name: (role, org path)
    "fin": ("finance_reviewer", "财政"),
    "dep": ("department_reviewer", DRAFT_DEPARTMENT),
    "dep_other": ("department_reviewer", OTHER_DEPARTMENT),
    "unit_a": ("unit_filler", f"{DRAFT_DEPARTMENT}/{UNIT_A}"),
    "unit_b": ("unit_filler", f"{DRAFT_DEPARTMENT}/{UNIT_B}"),
    "view_a": ("viewer", f"{DRAFT_DEPARTMENT}/{UNIT_A}"),
    "sys": ("system_admin", None),
}


@dataclass(frozen=True, slots=True)
class Flow:
    url: str
    connect_args: dict[str, str]
    document: int
    project_a: str  # of 甲单位
    project_a2: str  # another of 甲单位
    project_b: str  # of 乙单位
    project_other: str  # of 别局
    who: dict[str, Acting]

    def open(self) -> Store:
        return Store(self.url, connect_args=self.connect_args)


def make_flow(store: Store, url: str, connect_args: dict[str, str]) -> Flow:
    actor = cli_actor()
    draft = documents.save(store, draft_document(), actor).document_id
    other = copy.deepcopy(draft_document())
    other.department = OTHER_DEPARTMENT
    for unit in other.units:
        for project in unit.projects:
            project.name = f"{project.name}（别）"
    documents.save(store, other, actor)
    rows = store.projects_page(ProjectFilter(limit=500)).items
    mine = store.projects_page(ProjectFilter(document_id=draft, limit=500)).items
    a = [r.id for r in mine if r.unit == UNIT_A]
    b = next(r.id for r in mine if r.unit == UNIT_B)
    elsewhere = next(r.id for r in rows if r.department == OTHER_DEPARTMENT)
    policy = load_policy()
    who: dict[str, Acting] = {}
    for username, (role, org) in USERS.items():
        new = accounts.NewUser(username, f"测试 {username}", PASSWORD, [role], org,
                               must_change=False)  # fmt: skip
        accounts.create_user(store, policy, actor, (), new)
        principal = accounts.sign_in(store, policy, username, PASSWORD, "test").principal
        who[username] = Acting(principal.actor, principal.permissions)
    return Flow(url, connect_args, draft, a[0], a[1], b, elsewhere, who)
