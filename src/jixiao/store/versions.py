"""A document's versions, read: the list (who, when, why) and an earlier version's content.

How versions are kept is :mod:`.writes`' business (a new file or a correction keeps the
superseded content whole, an edit of one project keeps that project in ``project_versions``,
a change of state keeps nothing); here they are put back together.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy import Connection, select

from ..errors import NotFoundError
from ..interchange import from_dict, project_from_dict
from ..model import Document
from .schema import document_versions, documents, project_versions


@dataclass(frozen=True, slots=True)
class VersionRow:
    """One version of a document: its number, who made it, when and why."""

    document_id: int
    version: int
    created_at: str
    created_by: str
    reason: str
    source_name: str | None
    sha256: str
    current: bool


def versions(conn: Connection, document_id: int) -> list[VersionRow]:
    v = document_versions.c
    current = conn.scalar(select(documents.c.version).where(documents.c.id == document_id))
    if current is None:
        raise NotFoundError(f"没有编号为 {document_id} 的文档", expected="jixiao list 中的编号")
    return [
        VersionRow(document_id, r[0], r[1], r[2], r[3], r[4], r[5], r[0] == current)
        for r in conn.execute(
            select(v.version, v.created_at, v.created_by, v.reason, v.source_name, v.sha256)
            .where(v.document_id == document_id)
            .order_by(v.version)
        )
    ]


def version_content(
    conn: Connection, document_id: int, version: int, load: Callable[[Connection, int], Document]
) -> Document | None:
    """An earlier version's document; ``None`` for the current one (read its rows).

    A version kept whole (``content``) is that JSON; one superseded by an edit of a project
    or a change of state (``content`` NULL, not current) is the next version kept whole, or
    the current rows, with the projects ``project_versions`` kept for it and the versions
    between put back (each project as it was at the earliest of them)."""
    v = document_versions.c
    found = conn.execute(
        select(v.version, v.content, v.sha256)
        .where(v.document_id == document_id, v.version >= version)
        .order_by(v.version)
    ).all()
    if not found or found[0][0] != version:
        raise NotFoundError(
            f"编号为 {document_id} 的文档没有第 {version} 版", expected="版本列表中的版本号"
        )
    if found[0][1] is not None:
        return from_dict(json.loads(found[0][1]), check=False)
    current = conn.scalar(select(documents.c.version).where(documents.c.id == document_id))
    if current == version:
        return None
    whole = next((r for r in found if r[1] is not None), None)
    upto = current if whole is None else whole[0]
    pv = project_versions.c
    kept: dict[str, str] = {}
    for uid, content in conn.execute(
        select(pv.project_uid, pv.content)
        .where(pv.document_id == document_id, pv.version >= version, pv.version < upto)
        .order_by(pv.version)
    ):
        kept.setdefault(uid, content)  # the earliest: as it was at ``version``
    doc = load(conn, document_id) if whole is None else from_dict(json.loads(whole[1]), check=False)
    for unit in doc.units:
        unit.projects = [
            project_from_dict(json.loads(kept[p.id])) if p.id in kept else p for p in unit.projects
        ]
    if doc.source is not None:  # the document's sha256 of then (an edit gives it a new one)
        doc.source = replace(doc.source, sha256=found[0][2])
    return doc
