"""The target workflow as data: states, actions and transitions read from
``data/workflow.toml`` (a region layers its own file over it), and the pure rules of moving a
project from one state to the next.

No I/O beyond reading the table: :func:`apply` takes a state, an action and what the actor
may do, and returns the transition to make or raises :class:`~jixiao.errors.WrongStateError`
(no such action from that state: HTTP 409) or :class:`~jixiao.errors.PermissionDenied`. Who
the actor is, which project, and what is written are the business of
:mod:`jixiao.services.workflow`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .errors import ConfigError, InputError, PermissionDenied, WrongStateError
from .overrides import layered

BATCH_PERMISSION = "workflow.batch"
"""Who may apply a ``batch`` transition to many projects at once (批量审核)."""

_STATE_KEYS = {"name", "editable", "waiting", "final", "category"}
CATEGORIES = ("drafted", "submitted", "returned", "approved", "published")
"""The columns of the finance overview a state counts in."""
_TRANSITION_KEYS = {"from", "action", "to", "permission", "reason", "submitter", "batch",
                    "disabled"}  # fmt: skip
_ADJUSTMENT_KEYS = {"reasons", "open_from", "effective_on"}
_TOP_KEYS = {
    "version",
    "name",
    "initial",
    "states",
    "actions",
    "transitions",
    "adjustment",
    "review",
}


@dataclass(frozen=True, slots=True)
class State:
    """A state: ``key`` (stored), ``name`` (Chinese), ``editable`` (the submitter may change
    the project), ``waiting`` (the permission of whoever acts next; ``None``: nobody),
    ``final`` (nothing follows)."""

    key: str
    name: str
    editable: bool = False
    waiting: str | None = None
    final: bool = False
    category: str = "drafted"


@dataclass(frozen=True, slots=True)
class Transition:
    """``source`` --``action``--> ``target``, for holders of ``permission``; ``reason``: a
    comment is required; ``submitter``: goes back to the unit; ``batch``: 批量审核 allowed."""

    key: str
    source: str
    action: str
    target: str
    permission: str
    reason: bool = False
    submitter: bool = False
    batch: bool = False


@dataclass(frozen=True, slots=True)
class Adjustment:
    """How an adjustment (调整) runs: its reasons, the states a project may be adjusted from,
    and the state at which its content becomes the project's current version."""

    reasons: tuple[str, ...]
    open_from: frozenset[str]
    effective_on: str


@dataclass(frozen=True, slots=True)
class Workflow:
    version: str
    name: str
    initial: str
    states: dict[str, State]
    actions: dict[str, str]  # key → Chinese name
    transitions: tuple[Transition, ...]
    adjustment: Adjustment
    dispositions: tuple[str, ...] = ("强制调整", "建议调整", "通过")
    origin: str = "default"

    def state(self, key: str) -> State:
        found = self.states.get(key)
        if found is None:
            raise WrongStateError(f"未知的流程状态：{key}", expected="、".join(self.states))
        return found

    def state_name(self, key: str) -> str:
        found = self.states.get(key)
        return found.name if found is not None else key

    def action_name(self, key: str) -> str:
        return self.actions.get(key, key)

    def editable(self, key: str) -> bool:
        found = self.states.get(key)
        return found is not None and found.editable

    def from_state(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if t.source == state]

    def permissions(self) -> frozenset[str]:
        """Every permission the table names (to check against the security policy)."""
        waiting = {s.waiting for s in self.states.values() if s.waiting}
        return frozenset({t.permission for t in self.transitions} | waiting)

    def reviewing(self) -> frozenset[str]:
        """States in which a reviewer (not the submitter) acts next."""
        return frozenset(
            s for s, st in self.states.items()
            if not st.editable and not st.final and any(t.source == s for t in self.transitions)
        )  # fmt: skip


def allowed_actions(flow: Workflow, state: str, permissions: Collection[str]) -> list[Transition]:
    """The transitions from ``state`` that holders of ``permissions`` may make."""
    return [t for t in flow.from_state(state) if t.permission in permissions]


def apply(
    flow: Workflow,
    state: str,
    action: str,
    permissions: Collection[str],
    *,
    comment: str = "",
    batch: bool = False,
) -> Transition:
    """The transition ``action`` makes from ``state`` for someone holding ``permissions``
    (``batch``: as part of a 批量审核). Raises :class:`WrongStateError` if the action is not
    possible in that state, :class:`PermissionDenied` if it is but not for them,
    :class:`InputError` if it needs a reason and ``comment`` is blank."""
    if action not in flow.actions:
        raise InputError(f"未知的操作：{action}", expected="、".join(
            f"{k}（{v}）" for k, v in flow.actions.items()))  # fmt: skip
    here = flow.state(state)
    possible = [t for t in flow.from_state(state) if t.action == action]
    if not possible:
        can = "、".join(flow.action_name(t.action) for t in flow.from_state(state)) or "无"
        raise WrongStateError(
            f"项目处于“{here.name}”状态，不能{flow.action_name(action)}",
            expected=f"此状态下可做的操作：{can}",
        )
    mine = [t for t in possible if t.permission in permissions]
    if not mine:
        raise PermissionDenied(
            f"无权在“{here.name}”状态下{flow.action_name(action)}（需要权限：{possible[0].permission}）"
        )
    chosen = mine[0]
    if batch and not (chosen.batch and BATCH_PERMISSION in permissions):
        raise PermissionDenied(
            f"“{flow.action_name(action)}”不能批量进行，或无批量审核权限（{BATCH_PERMISSION}）"
        )
    if chosen.reason and not comment.strip():
        raise InputError(f"{flow.action_name(action)}须说明理由", expected="comment：理由")
    return chosen


# -- loading ---------------------------------------------------------------------------------
@cache
def _default() -> Workflow:
    return layered("workflow.toml", None, "流程文件", build)


def load_workflow(path: str | Path | None = None) -> Workflow:
    """The bundled workflow, or the region's file at ``path`` layered over it."""
    if path is None:
        return _default()
    return layered("workflow.toml", path, "流程文件", build)


def build(data: Mapping[str, Any], origin: str) -> Workflow:
    """The workflow of the parsed table ``data``; :class:`ConfigError` naming ``origin`` and
    the entry for anything wrong."""

    def fail(where: str, message: str) -> ConfigError:
        return ConfigError(f"{where}：{message}", source=origin)

    def table(value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise fail(where, "应为表（[…] 小节）")
        return value

    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise fail("流程文件", f"未知的项 {'、'.join(sorted(unknown))}")
    states: dict[str, State] = {}
    for key, spec in table(data.get("states", {}), "[states]").items():
        where = f"[states.{key}]"
        spec = table(spec, where)
        extra = set(spec) - _STATE_KEYS
        if extra:
            raise fail(where, f"未知的项 {'、'.join(sorted(extra))}")
        name = spec.get("name")
        if not isinstance(name, str) or not name.strip():
            raise fail(where, "缺少状态的中文名称 name")
        waiting = spec.get("waiting")
        if waiting is not None and not isinstance(waiting, str):
            raise fail(where, "waiting 应为权限名（文字）")
        for flag in ("editable", "final"):
            if not isinstance(spec.get(flag, False), bool):
                raise fail(where, f"{flag} 应为 true 或 false")
        category = spec.get("category", "drafted")
        if category not in CATEGORIES:
            raise fail(where, f"category 应为 {'、'.join(CATEGORIES)} 之一：{category!r}")
        states[key] = State(key, name, bool(spec.get("editable", False)), waiting,
                            bool(spec.get("final", False)), category)  # fmt: skip
    if not states:
        raise fail("[states]", "没有定义任何状态")
    actions = {str(k): v for k, v in table(data.get("actions", {}), "[actions]").items()}
    for key, name in actions.items():
        if not isinstance(name, str) or not name.strip():
            raise fail(f"[actions] {key}", "应为操作的中文名称")
    transitions: list[Transition] = []
    seen: dict[tuple[str, str, str], str] = {}
    for key, spec in table(data.get("transitions", {}), "[transitions]").items():
        where = f"[transitions.{key}]"
        spec = table(spec, where)
        extra = set(spec) - _TRANSITION_KEYS
        if extra:
            raise fail(where, f"未知的项 {'、'.join(sorted(extra))}")
        if spec.get("disabled", False) is True:
            continue
        for field in ("from", "action", "to", "permission"):
            if not isinstance(spec.get(field), str) or not spec[field].strip():
                raise fail(where, f"缺少 {field}")
        for field in ("from", "to"):
            if spec[field] not in states:
                raise fail(
                    where,
                    f"{field} = “{spec[field]}” 不是已定义的状态",
                )
        if spec["action"] not in actions:
            raise fail(where, f"action = “{spec['action']}” 不在 [actions] 中")
        for flag in ("reason", "submitter", "batch"):
            if not isinstance(spec.get(flag, False), bool):
                raise fail(where, f"{flag} 应为 true 或 false")
        twin = (spec["from"], spec["action"], spec["permission"])
        if twin in seen:
            raise fail(where, f"与 [transitions.{seen[twin]}] 重复（同一状态、操作和权限）")
        seen[twin] = key
        transitions.append(Transition(
            key, spec["from"], spec["action"], spec["to"], spec["permission"],
            bool(spec.get("reason", False)), bool(spec.get("submitter", False)),
            bool(spec.get("batch", False)),
        ))  # fmt: skip
    initial = data.get("initial", "draft")
    if initial not in states:
        raise fail("initial", f"“{initial}” 不是已定义的状态")
    if not any(s.editable for s in states.values()):
        raise fail("[states]", "至少要有一个可修改（editable = true）的状态")
    adj = table(data.get("adjustment", {}), "[adjustment]")
    extra = set(adj) - _ADJUSTMENT_KEYS
    if extra:
        raise fail("[adjustment]", f"未知的项 {'、'.join(sorted(extra))}")
    reasons = adj.get("reasons", [])
    if not isinstance(reasons, list) or not reasons or not all(isinstance(r, str) for r in reasons):
        raise fail("[adjustment] reasons", "应为调整原因（文字）的列表")
    open_from = adj.get("open_from", [])
    if not isinstance(open_from, list) or any(s not in states for s in open_from):
        raise fail("[adjustment] open_from", "应为已定义状态的列表")
    effective = adj.get("effective_on", "")
    if effective not in states:
        raise fail("[adjustment] effective_on", f"“{effective}” 不是已定义的状态")
    review = table(data.get("review", {}), "[review]")
    if set(review) - {"dispositions"}:
        raise fail("[review]", f"未知的项 {'、'.join(sorted(set(review) - {'dispositions'}))}")
    kinds = review.get("dispositions", ["强制调整", "建议调整", "通过"])
    if not isinstance(kinds, list) or not kinds or not all(isinstance(k, str) for k in kinds):
        raise fail("[review] dispositions", "应为处理意见（文字）的列表")
    return Workflow(
        dispositions=tuple(kinds),
        version=str(data.get("version", "")),
        name=str(data.get("name", "")),
        initial=initial,
        states=states,
        actions=actions,
        transitions=tuple(transitions),
        adjustment=Adjustment(tuple(reasons), frozenset(open_from), effective),
        origin=origin,
    )
