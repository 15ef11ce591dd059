"""The workflow table (data/workflow.toml) and its pure rules (jixiao.workflow): every row
of the table allowed to its permission and refused to every other, actions impossible in a
state refused as a wrong state, reasons required for 退回, batches, a region's file layered
over the table, and bad tables refused with the file and entry named."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.errors import ConfigError, InputError, PermissionDenied, WrongStateError
from jixiao.services.policy import load_policy
from jixiao.workflow import BATCH_PERMISSION, allowed_actions, apply, load_workflow

FLOW = load_workflow()
PERMISSIONS = sorted(FLOW.permissions())

# (from, action, permission) → to: the default table, spelled out (a change to the data file
# must be a deliberate change here too)
EXPECTED = {
    ("draft", "submit", "workflow.submit"): "submitted",
    ("returned", "submit", "workflow.submit"): "submitted",
    ("submitted", "withdraw", "workflow.submit"): "draft",
    ("submitted", "approve", "workflow.department"): "department_approved",
    ("submitted", "return", "workflow.department"): "returned",
    ("department_approved", "cancel", "workflow.department"): "submitted",
    ("department_approved", "approve", "workflow.finance"): "finance_approved",
    ("department_approved", "return", "workflow.finance"): "returned",
    ("finance_approved", "cancel", "workflow.finance"): "department_approved",
    ("finance_approved", "final", "workflow.final"): "final_approved",
    ("finance_approved", "return", "workflow.final"): "returned",
    ("final_approved", "cancel", "workflow.final"): "finance_approved",
    ("final_approved", "reply", "workflow.final"): "approved",
    ("approved", "publish", "documents.publish"): "published",
}


def test_the_table_is_the_expected_one() -> None:
    found = {(t.source, t.action, t.permission): t.target for t in FLOW.transitions}
    assert found == EXPECTED
    assert FLOW.initial == "draft" and FLOW.editable("draft") and FLOW.editable("returned")
    assert not any(FLOW.editable(s) for s in FLOW.states if s not in ("draft", "returned"))
    assert FLOW.states["published"].final


def test_every_permission_of_the_table_is_in_the_security_policy() -> None:
    assert FLOW.permissions() | {BATCH_PERMISSION} <= set(load_policy().permissions)


@pytest.mark.parametrize(("key", "target"), sorted(EXPECTED.items()))
def test_every_row_for_its_permission_and_no_other(key: tuple[str, str, str], target: str) -> None:
    source, action, permission = key
    done = apply(FLOW, source, action, {permission}, comment="理由：指标不可衡量")
    assert done.target == target
    for other in PERMISSIONS:
        if (source, action, other) not in EXPECTED:
            with pytest.raises(PermissionDenied, match="无权"):
                apply(FLOW, source, action, {other}, comment="理由")


@pytest.mark.parametrize("state", sorted(FLOW.states))
def test_actions_impossible_in_a_state_are_a_wrong_state(state: str) -> None:
    possible = {a for (s, a, _p) in EXPECTED if s == state}
    for action in FLOW.actions:
        if action in possible or action == "adjust":
            continue
        with pytest.raises(WrongStateError, match=FLOW.states[state].name):
            apply(FLOW, state, action, set(PERMISSIONS), comment="理由")


def test_return_needs_a_reason_and_others_do_not() -> None:
    with pytest.raises(InputError, match="退回须说明理由"):
        apply(FLOW, "submitted", "return", {"workflow.department"}, comment="  ")
    assert apply(FLOW, "submitted", "approve", {"workflow.department"}).target


def test_allowed_actions_for_a_department_reviewer() -> None:
    found = allowed_actions(FLOW, "submitted", {"workflow.department", "workflow.batch"})
    assert [(t.action, t.target) for t in found] == [
        ("approve", "department_approved"), ("return", "returned")]  # fmt: skip
    assert allowed_actions(FLOW, "submitted", {"workflow.submit"})[0].action == "withdraw"
    assert allowed_actions(FLOW, "published", set(PERMISSIONS)) == []


def test_batch_needs_its_own_permission_and_a_batch_row() -> None:
    with pytest.raises(PermissionDenied, match="批量"):
        apply(FLOW, "submitted", "approve", {"workflow.department"}, batch=True)
    assert apply(FLOW, "submitted", "approve", {"workflow.department", BATCH_PERMISSION},
                 batch=True).target == "department_approved"  # fmt: skip
    with pytest.raises(PermissionDenied, match="不能批量"):
        apply(FLOW, "submitted", "return", {"workflow.department", BATCH_PERMISSION},
              comment="理由", batch=True)  # fmt: skip


def test_unknown_action_is_an_input_error() -> None:
    with pytest.raises(InputError, match="未知的操作"):
        apply(FLOW, "draft", "explode", set(PERMISSIONS))


def test_a_region_renames_a_state_and_removes_a_step(tmp_path: Path) -> None:
    region = tmp_path / "flow.toml"
    region.write_text(
        '[states.submitted]\nname = "已报送"\n'
        '[transitions.final]\nfrom = "finance_approved"\naction = "reply"\n'
        'to = "approved"\npermission = "workflow.final"\n'
        "[transitions.final_cancel]\ndisabled = true\n[transitions.reply]\ndisabled = true\n",
        encoding="utf-8",
    )
    flow = load_workflow(region)
    assert flow.state_name("submitted") == "已报送"
    assert apply(flow, "finance_approved", "reply", {"workflow.final"}).target == "approved"
    assert not flow.from_state("final_approved")
    assert flow.origin == str(region)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[transitions.submit_draft]\nto = "nowhere"\n', r"\[transitions.submit_draft\].*nowhere"),
        (
            '[transitions.x]\nfrom = "draft"\naction = "fly"\nto = "draft"\npermission = "p"\n',
            r"\[transitions.x\].*fly",
        ),
        ('[states.draft]\ncolour = "red"\n', r"\[states.draft\].*colour"),
        ('[states.draft]\ncategory = "somewhere"\n', r"category"),
        ("[adjustment]\nreasons = []\n", r"reasons"),
        ('initial = "limbo"\n', "limbo"),
        ("[transitions.withdraw]\nfrom = 3\n", "from"),
        ("surprise = 1\n", "surprise"),
    ],
)
def test_a_bad_table_is_refused_naming_file_and_entry(
    tmp_path: Path, text: str, message: str
) -> None:
    region = tmp_path / "bad.toml"
    region.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as err:
        load_workflow(region)
    assert err.value.source == str(region)


def test_not_toml_is_a_config_error(tmp_path: Path) -> None:
    region = tmp_path / "bad.toml"
    region.write_text("[states\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="流程文件不是有效的 TOML"):
        load_workflow(region)
