"""Who acts in the workflow, and where: an actor with the permissions of its roles
(:class:`Acting`), the org nodes it acts in, the project's place, and the accounts a
notification goes to. Shared by :mod:`.workflow`, :mod:`.adjustments`, :mod:`.reviewing`
and :mod:`.inbox`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from ..errors import NotFoundError
from ..review import Finding
from ..workflow import Workflow, load_workflow
from .accounts import AccountRepo
from .actor import CLI_ROLE, Actor
from .policy import Policy, load_policy
from .repository import Repository, Transaction

SUBMIT = "workflow.submit"
OVERVIEW = "workflow.overview"


class WorkflowRepo(Repository, AccountRepo, Protocol):
    """A store as the workflow needs it: documents, accounts and the workflow rows."""

    def workflow_rows(self) -> AbstractContextManager[Any]: ...

    def findings(
        self, document_id: int | None = None, project_id: str | None = None
    ) -> list[Finding]: ...


@dataclass(frozen=True, slots=True)
class Acting:
    """Who acts and what they may do (the permissions of their roles)."""

    actor: Actor
    permissions: frozenset[str]

    @property
    def trusted(self) -> bool:
        return CLI_ROLE in self.actor.roles

    def can(self, permission: str) -> bool:
        return self.trusted or permission in self.permissions


def acting(actor: Actor, policy: Policy | None = None, flow: Workflow | None = None) -> Acting:
    """``actor`` with the permissions of its roles (the command line: every one)."""
    rules = policy or load_policy()
    if CLI_ROLE in actor.roles:
        every = set(rules.permissions) | (flow or load_workflow()).permissions()
        return Acting(actor, frozenset(every))
    return Acting(actor, rules.permissions_of(actor.roles))


# -- scope --------------------------------------------------------------------------------------
def scope_orgs(rows: Any, who: Acting) -> frozenset[int] | None:
    """The org nodes ``who`` acts in (``None``: all, the command line or the root's subtree)."""
    if who.trusted:
        return None
    actor = who.actor
    roots = actor.scopes or (frozenset({actor.org_id}) if actor.org_id is not None else None)
    if not roots:
        return frozenset()
    orgs: frozenset[int] = rows.subtree(roots)
    # every node lies under a top one: holding all of those is holding the whole tree
    return None if orgs >= rows.top_org_ids() else orgs


def in_scope(orgs: frozenset[int] | None, place: Any) -> bool:
    return orgs is None or place.department_org in orgs or place.unit_org in orgs


def _roots(actor: Any) -> frozenset[int]:
    return frozenset(actor.scopes) or (
        frozenset({actor.org_id}) if actor.org_id is not None else frozenset()
    )


def reaches(rows: Any, roots: frozenset[int], place: Any) -> bool:
    """Whether a node of ``roots`` is the project's unit or department or above them (a few
    rows read up the tree, never the whole tree)."""
    if not roots:
        return False
    start = {o for o in (place.department_org, place.unit_org) if o is not None}
    return bool(roots & rows.ancestors(start))


def project_place(rows: Any, who: Acting, project_id: str) -> Any:
    """The project's place, if ``who`` may act on it; else "not found"."""
    place = rows.place(project_id) if len(project_id) == 36 else None
    if place is None or not (who.trusted or reaches(rows, _roots(who.actor), place)):
        raise NotFoundError(
            f"没有编号为 {project_id} 的项目", expected="jixiao list projects 中的项目编号"
        )
    return place


def located(tx: Transaction, project_id: str) -> str:
    """The full stable id of ``project_id`` (or a unique prefix)."""
    return tx.locate_project(project_id)[1]


@contextmanager
def acting_on(
    repo: WorkflowRepo, who: Acting, project_id: str, action: str
) -> Iterator[tuple[Transaction, Any, str, Any]]:
    """A write transaction named ``action`` on the project ``project_id`` (its full id or a
    unique prefix): the transaction, its workflow rows, the project's full id and its place;
    "not found" outside ``who``'s scope."""
    with repo.transaction(action) as tx:
        full = located(tx, project_id)
        rows = tx.workflow()
        yield tx, rows, full, project_place(rows, who, full)


# -- who is told
def recipients(rows: Any, policy: Policy, permission: str, place: Any) -> list[Any]:
    """Active accounts holding ``permission`` whose scope holds the project."""
    roles = [k for k, r in policy.roles.items() if permission in r.permissions]
    out = []
    start = {o for o in (place.department_org, place.unit_org) if o is not None}
    above = rows.ancestors(start)
    for r in rows.recipients(roles):
        if _roots(r) & above:
            out.append(r)
    return out
