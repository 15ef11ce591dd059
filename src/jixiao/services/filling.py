"""Filling in (单位填报): a unit's tables uploaded in the browser, and projects made in a form.

An account files for its place in the org tree (:func:`place_of`): a 单位 account for its
unit of its department, a 主管部门 account for its department (units as the file names them).
What it files is a draft (never published here) of that department:

* :func:`upload` — the documents read from an uploaded file (any layout Jixiao reads), put
  under the account's department and unit (:func:`place_document`). A department with no
  stored document of that year and kind gets a new one (:func:`documents.save`); else the
  file's projects join the stored document as its next version (:func:`merge_units`): a
  project the stored unit already has (matched as ``jixiao compare`` matches them) is
  replaced, keeping its id and its indicators' ids, a new one is added, and projects the
  file does not hold are kept, never deleted by an upload.
* :func:`new_project` — an empty project (a name) in the account's unit of the department's
  document of a year, made if there is none; it is then edited in the form
  (:func:`documents.edit_project`).

Each change is one transaction with its review and its audit record.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ..errors import DuplicateError, InputError, PermissionDenied
from ..interchange import canonical_sha256, document_sha256, to_dict
from ..model import Document, Funds, Project, Source, Unit, assign_ids, new_id
from ..review import Ruleset, load_ruleset, review
from ..workflow import Workflow
from . import documents
from .accounts import AccountRepo
from .actor import Actor
from .repository import Repository

DEFAULT_MONEY_UNIT = "万元"
"""The money unit of a document made in the browser (the unit real templates print)."""


class FillingRepo(Repository, AccountRepo, Protocol):
    """A store as filling in needs it: documents and the org tree."""


@dataclass(frozen=True, slots=True)
class Place:
    """Where an account files: its department, and its unit (``None``: a department account,
    whose files keep the units they name)."""

    department: str
    unit: str | None

    @property
    def label(self) -> str:
        return f"{self.department}/{self.unit}" if self.unit else self.department


@dataclass(frozen=True, slots=True)
class Filed:
    """What filing one document did: ``status`` as :class:`documents.Saved` says it
    (``stored``, ``replaced`` …, ``merged``: joined the stored document as its next version),
    the document, its projects filed (id, name) and its findings."""

    status: str
    document_id: int
    reason: str
    projects: list[tuple[str, str]]
    findings: int | None


def place_of(repo: AccountRepo, actor: Actor) -> Place:
    """Where ``actor`` files (:class:`PermissionDenied` for an account of no department or
    unit: finance and administrators do not fill in tables)."""
    with repo.accounts() as rows:
        tree = {o.id: o for o in rows.all_orgs()}
    node = tree.get(actor.org_id) if actor.org_id is not None else None
    if node is not None and node.kind == "unit" and node.parent_id in tree:
        return Place(tree[node.parent_id].name, node.name)
    if node is not None and node.kind == "department":
        return Place(node.name, None)
    raise PermissionDenied(
        f"{actor.name} 不属于任何单位或主管部门，不能填报",
        expected="由安全管理员把账户归入所在的单位",
    )


def may_write(repo: AccountRepo, actor: Actor, project_id: str) -> bool:
    """Whether ``actor`` may change the project: it lies in the actor's org subtree (its
    unit, or its department's documents). The command line may change anything."""
    from .actor import CLI_ROLE

    if CLI_ROLE in actor.roles:
        return True
    roots = actor.scopes or (frozenset({actor.org_id}) if actor.org_id is not None else None)
    if not roots:
        return False
    with repo.accounts() as rows:
        place = rows.project_place(project_id)
        if place is None:
            return False
        orgs = rows.subtree(roots)
        return place[0] in rows.documents_in(orgs) or place[1] in rows.units_in(orgs)


def place_document(doc: Document, place: Place) -> Document:
    """``doc`` as ``place`` files it: its department, and with a unit every project under
    that one unit (the funds of the units it merges summed), identified by that content (the
    file's bytes are another department's table). A copy; ``doc`` is unchanged."""
    out = copy.deepcopy(doc)
    out.department = place.department
    if place.unit is not None:
        projects = [p for u in out.units for p in u.projects]
        funds = Funds.sum(u.funds for u in out.units)
        out.units = [Unit(place.unit, funds, projects)]
    if out.source is not None:  # not the file's content any more: identified by its own
        sha = canonical_sha256({**to_dict(out), "source": None})
        out.source = dataclasses.replace(out.source, sha256=sha)
    return out


def merge_units(current: Document, units: Sequence[Unit]) -> list[tuple[str, str]]:
    """Put the projects of ``units`` into ``current`` (changed in place), unit by unit name:
    a project matching one of the stored unit's (as ``jixiao compare`` matches them) takes
    its place and ids, others are added. Returns the (id, name) of the projects put."""
    put: list[tuple[str, str]] = []
    for unit in units:
        stored = next((u for u in current.units if u.name == unit.name), None)
        if stored is None:
            stored = Unit(unit.name, Funds(), [], id=new_id())
            current.units.append(stored)
        before = Document(current.department, current.year, current.money_unit, Funds(),
                          [stored], kind=current.kind)  # fmt: skip
        fresh = Unit(unit.name, unit.funds, list(unit.projects))
        after = Document(current.department, current.year, current.money_unit, Funds(),
                         [fresh], kind=current.kind)  # fmt: skip
        documents.carry_ids(before, after)
        by_id = {p.id: n for n, p in enumerate(stored.projects) if p.id}
        known = {i.id for p in stored.projects for i in p.indicators}
        for project in after.units[0].projects:
            # ids not carried over are the file's: another copy of the file may hold them
            for ind in project.indicators:
                ind.id = ind.id if ind.id in known else new_id()
            if project.id in by_id:
                stored.projects[by_id[project.id]] = project
            else:
                project.id = new_id()
                stored.projects.append(project)
            put.append((project.id, project.name))
        stored.funds = Funds.sum(p.funds for p in stored.projects)
    current.funds = Funds.sum(u.funds for u in current.units)
    return put


def upload(
    repo: FillingRepo,
    actor: Actor,
    docs: Sequence[Document],
    place: Place,
    *,
    ruleset: Ruleset | None = None,
    flow: Workflow | None = None,
) -> list[Filed]:
    """File every document read from an uploaded file as a draft of ``place`` (see the
    module docstring); one transaction per document. ``flow``: the region's workflow table
    (which states may be replaced by an upload), else the bundled one."""
    if not docs:
        raise InputError("文件中没有读到绩效目标表", expected="含项目和指标的表格")
    rules = ruleset or load_ruleset()
    return [_file(repo, actor, place_document(doc, place), rules, "网页上传", flow)
            for doc in docs]  # fmt: skip


def new_project(
    repo: FillingRepo,
    actor: Actor,
    place: Place,
    name: str,
    year: int,
    *,
    unit: str | None = None,
    ruleset: Ruleset | None = None,
    flow: Workflow | None = None,
) -> Filed:
    """An empty project ``name`` in the department's target table of ``year`` (made if
    there is none), in the account's unit (``unit`` for a department account)."""
    name = name.strip()
    if not name:
        raise InputError("项目名称不能为空", expected="项目的全称")
    where = place.unit or (unit or "").strip()
    if not where:
        raise InputError("请填写项目所属的单位", expected="单位名称")
    project = Project(name, Funds(), "", id=new_id())
    doc = Document(place.department, year, DEFAULT_MONEY_UNIT, Funds(),
                   [Unit(where, Funds(), [project], id=new_id())])  # fmt: skip
    return _file(repo, actor, doc, ruleset or load_ruleset(), "网页新建项目", flow)


def _file(
    repo: FillingRepo, actor: Actor, doc: Document, rules: Ruleset, reason: str,
    flow: Workflow | None,
) -> Filed:  # fmt: skip
    projects = [(p.id, p.name) for _, p in doc.projects()]
    try:
        saved = documents.save(repo, doc, actor, ruleset=rules, reason=reason)
    except DuplicateError:  # the department has this table: join it as its next version
        return _merge(repo, actor, doc, rules, reason, flow)
    if saved.status == "skipped":
        return Filed("skipped", saved.document_id, saved.reason, [], None)
    stored = repo.load_version(saved.document_id)
    projects = [(p.id, p.name) for _, p in stored.projects()]
    return Filed(saved.status, saved.document_id, saved.reason, projects, saved.findings)


def _merge(
    repo: FillingRepo, actor: Actor, doc: Document, rules: Ruleset, reason: str,
    flow: Workflow | None,
) -> Filed:  # fmt: skip
    with repo.transaction() as tx:
        tx.claim_identity(doc, document_sha256(doc))
        live = [s for s in tx.matching(document_sha256(doc), doc) if not s.deleted]
        same = [s for s in live if (s.department, s.year, s.kind) == (doc.department, doc.year,
                                                                       doc.kind)]  # fmt: skip
        if not same:  # deleted meanwhile: file it as a new document
            raise DuplicateError("同一部门、年度的表刚被修改，请重新上传")
        target = tx.check_version(same[0].id, same[0].version)
        current = tx.load(target.id)
        put = merge_units(current, doc.units)
        from .workflow import check_editable

        # sent or approved: read-only
        check_editable(tx, [project_id for project_id, _ in put], flow)
        known = {(n.code, n.message) for n in current.notes}
        current.notes += [n for n in doc.notes if (n.code, n.message) not in known]
        assign_ids(current, new_id())  # the new projects' indicators
        sha = canonical_sha256({**to_dict(current), "source": None})
        name = doc.source.name if doc.source is not None else reason
        layout = doc.source.layout if doc.source is not None else "web"
        current.source = Source(name, sha, layout)
        version = tx.replace(target.id, current, sha, read_version=target.version, actor=actor,
                             reason=reason)  # fmt: skip
        found = review(current, rules)
        tx.save_findings(target.id, found, rules.name)
        tx.audit(actor, reason, f"文档 {target.id}", detail={
            "department": current.department, "year": current.year, "kind": current.kind,
            "version": version, "projects": [n for _, n in put],
            "source": None if doc.source is None else doc.source.name,
        })  # fmt: skip
    return Filed("merged", target.id, f"并入编号 {target.id} 的文档，保存为第 {version} 版",
                 put, len(found))  # fmt: skip
