"""Documents as row tuples and back: the one mapping between the model and the tables.

:func:`flatten` turns a document into one list of plain tuples per table (columns in
:data:`INSERT_COLUMNS` order, values already as the driver binds them), for one bulk insert
per table; :func:`funds_from` and :func:`indicator_from` read selected columns back
(:func:`funds_columns`, :data:`INDICATOR_COLUMNS`), :func:`project_from` a project's
(:data:`PROJECT_COLUMNS`). The optional fields real templates add are mapped by one loop over
the model's :data:`~jixiao.model.PROJECT_EXTRAS` and :data:`~jixiao.model.INDICATOR_EXTRAS`.
Decimals are read with
:func:`~.exact.exact`, so they come back written as they were saved.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from ..errors import StoreError
from ..interchange import document_sha256 as document_sha256
from ..interchange import note_to_dict, target_from_dict, target_to_dict
from ..model import (
    EXECUTION_FIELDS,
    FUND_FIELDS,
    INDICATOR_EXTRAS,
    PROJECT_EXTRAS,
    Document,
    Execution,
    Extra,
    Funds,
    Indicator,
    Level,
    Project,
    Target,
)
from .exact import exact
from .schema import indicators, projects

Row = tuple[Any, ...]
_JSON = json.JSONEncoder(ensure_ascii=False)

TARGET_FIELDS: tuple[str, ...] = (
    "text", "kind", "op", "value", "value_text", "upper", "upper_text", "unit", "parts", "label",
)  # fmt: skip


FUNDS_COLUMNS = tuple(c for name in FUND_FIELDS for c in (name, f"{name}_text"))


def _target_columns(prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}_{name}" for name in TARGET_FIELDS)


def extra_columns(extras: tuple[Extra, ...]) -> tuple[str, ...]:
    """The column names of optional model fields (see :mod:`.schema`), in order."""
    out: list[str] = []
    for extra in extras:
        if extra.kind == "number":
            out.extend((extra.name, f"{extra.name}_text"))
        elif extra.kind == "target":
            out.extend(_target_columns(extra.name))
        else:
            out.append(extra.name)
    return tuple(out)


EXECUTION_COLUMNS: tuple[str, ...] = (
    "has_execution",
    *(c for name in EXECUTION_FIELDS for c in (f"execution_{name}", f"execution_{name}_text")),
)
PROJECT_EXTRA_COLUMNS = extra_columns(PROJECT_EXTRAS) + EXECUTION_COLUMNS
INDICATOR_EXTRA_COLUMNS = extra_columns(INDICATOR_EXTRAS)


INSERT_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": (
        "id", "department", "year", "title", "money_unit",
        "source_name", "source_sha256", "source_layout", *FUNDS_COLUMNS, "notes", "ingested_at",
        "kind", "version", "status", "org_id", "updated_at", "updated_by", "deleted_at",
        "deleted_by",
    ),
    "units": ("id", "document_id", "position", "name", *FUNDS_COLUMNS, "uid", "org_id"),
    "projects": (
        "id", "document_id", "unit_id", "position", "name", *FUNDS_COLUMNS, "goal",
        *PROJECT_EXTRA_COLUMNS, "uid",
    ),
    "indicators": (
        "document_id", "project_id", "position", "seq",
        "level1_code", "level1_name", "level2_code", "level2_name", "name",
        *_target_columns("cycle"), *_target_columns("annual"), *INDICATOR_EXTRA_COLUMNS, "uid",
    ),
}  # fmt: skip
"""The columns each row tuple of :func:`flatten` fills, in order (``indicators.id`` is left
to the database)."""


def _located(exc: StoreError, where: str) -> StoreError:
    return StoreError(f"{where}：{exc.message}")


@dataclass(frozen=True, slots=True)
class Stamp:
    """What a document row records beside its content: its version, state, owner (the org
    tree's ids of its department and of each unit, in order), when and by whom."""

    version: int = 1
    status: str = "draft"
    actor: str = "系统"
    org_id: int | None = None
    unit_orgs: tuple[int | None, ...] = ()
    at: str = ""


def now() -> str:
    """The time written into rows: ISO 8601, UTC, seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def flatten(
    doc: Document,
    sha256: str,
    number: Callable[[Decimal], Any],
    document_id: int,
    unit_ids: list[int],
    project_ids: list[int],
    stamp: Stamp | None = None,
) -> dict[str, list[Row]]:
    """``doc`` as row tuples per table (columns in :data:`INSERT_COLUMNS` order), with the
    ids given; ``number`` turns a Decimal into its bound value (and refuses what does not fit,
    raising :class:`StoreError` that names the place)."""
    stamp = stamp or Stamp()
    stamped = stamp.at or now()

    def funds(f: Funds, where: str) -> Row:
        try:
            return tuple(
                x
                for v in (f.total, f.fiscal, f.special, f.other)
                for x in ((None, None) if v is None else (number(v), str(v)))
            )
        except StoreError as exc:
            raise _located(exc, where) from None

    def pair(v: Decimal | None) -> Row:
        return (None, None) if v is None else (number(v), str(v))

    def target(t: Target | None) -> Row:
        if t is None:
            return (None,) * len(TARGET_FIELDS)
        return (
            t.text, t.kind, t.op, *pair(t.value), *pair(t.upper), t.unit,
            _JSON.encode([target_to_dict(p, part=True) for p in t.parts]) if t.parts else None,
            t.label,
        )  # fmt: skip

    def extras(obj: object, fields: tuple[Extra, ...], where: str) -> Row:
        out: list[Any] = []
        for extra in fields:
            value = getattr(obj, extra.name)
            try:
                if extra.kind == "number":
                    out.extend(pair(value))
                elif extra.kind == "target":
                    out.extend(target(value))
                else:
                    out.append(value)
            except StoreError as exc:
                raise _located(exc, f"{where}的{extra.label}") from None
        return tuple(out)

    def execution(e: Execution | None, where: str) -> Row:
        if e is None:
            return (False,) + (None, None) * len(EXECUTION_FIELDS)
        try:
            return (True, *(x for name in EXECUTION_FIELDS for x in pair(getattr(e, name))))
        except StoreError as exc:
            raise _located(exc, f"{where}的预算执行") from None

    src = doc.source
    document: Row = (
        document_id, doc.department, doc.year, doc.title, doc.money_unit,
        None if src is None else src.name, sha256, None if src is None else src.layout,
        *funds(doc.funds, "文档合计"),
        _JSON.encode([note_to_dict(n) for n in doc.notes]),
        stamped, doc.kind, stamp.version, stamp.status, stamp.org_id, stamped, stamp.actor,
        None, None,
    )  # fmt: skip
    unit_rows: list[Row] = []
    project_rows: list[Row] = []
    indicator_rows: list[Row] = []
    next_project = iter(project_ids)
    for u_pos, (unit_id, unit) in enumerate(zip(unit_ids, doc.units, strict=True)):
        where = f"单位“{unit.name}”"
        unit_org = stamp.unit_orgs[u_pos] if u_pos < len(stamp.unit_orgs) else None
        unit_rows.append(
            (unit_id, document_id, u_pos, unit.name, *funds(unit.funds, where), unit.id, unit_org)
        )
        for p_pos, project in enumerate(unit.projects):
            project_id = next(next_project)
            at = f"{where}项目“{project.name}”"
            project_rows.append(
                (project_id, document_id, unit_id, p_pos, project.name,
                 *funds(project.funds, at), project.goal, *extras(project, PROJECT_EXTRAS, at),
                 *execution(project.execution, at), project.id)
            )  # fmt: skip
            for i_pos, ind in enumerate(project.indicators):
                try:
                    cycle, annual = target(ind.cycle), None
                    annual = target(ind.annual)
                except StoreError as exc:
                    which = "实施周期指标值" if annual is None else "年度指标值"
                    raise _located(exc, f"{at}指标“{ind.name}”的{which}") from None
                l1, l2 = ind.level1, ind.level2
                more = extras(ind, INDICATOR_EXTRAS, f"{at}指标“{ind.name}”")
                indicator_rows.append(
                    (document_id, project_id, i_pos, ind.seq,
                     l1.code, l1.name, l2.code, l2.name, ind.name, *cycle, *annual, *more, ind.id)
                )  # fmt: skip
    return {
        "documents": [document],
        "units": unit_rows,
        "projects": project_rows,
        "indicators": indicator_rows,
    }


# -- back into the model ------------------------------------------------------------------
def funds_columns(table: Any) -> list[Any]:
    """The fund columns of ``table`` in the order :func:`funds_from` reads them."""
    return [table.c[c] for name in FUND_FIELDS for c in (name, f"{name}_text")]


def funds_from(r: Sequence[Any], i: int) -> Funds:
    """Funds from the 8 columns of :func:`funds_columns` starting at ``r[i]``."""
    return Funds(exact(r[i], r[i + 1]), exact(r[i + 2], r[i + 3]),
                 exact(r[i + 4], r[i + 5]), exact(r[i + 6], r[i + 7]))  # fmt: skip


INDICATOR_COLUMNS: list[Any] = [
    indicators.c[name]
    for name in (
        "seq", "level1_code", "level1_name", "level2_code", "level2_name", "name",
        *_target_columns("cycle"), *_target_columns("annual"), *INDICATOR_EXTRA_COLUMNS, "uid",
    )
]  # fmt: skip
"""The indicator columns in the order :func:`indicator_from` reads them."""

PROJECT_COLUMNS: list[Any] = [
    projects.c[name] for name in ("name", "goal", *FUNDS_COLUMNS, *PROJECT_EXTRA_COLUMNS, "uid")
]
"""The project columns in the order :func:`project_from` reads them."""


def _target_from(r: Sequence[Any], i: int) -> Target:
    parts = r[i + 8]
    return Target(
        text=r[i],
        kind=r[i + 1],
        op=r[i + 2],
        value=exact(r[i + 3], r[i + 4]),
        upper=exact(r[i + 5], r[i + 6]),
        unit=r[i + 7],
        label=r[i + 9],
        parts=[target_from_dict(part) for part in json.loads(parts)] if parts else [],
    )


def _extras_from(r: Sequence[Any], i: int, fields: tuple[Extra, ...]) -> dict[str, Any]:
    """The optional fields from their columns (:func:`extra_columns`) starting at ``r[i]``."""
    out: dict[str, Any] = {}
    for extra in fields:
        if extra.kind == "number":
            out[extra.name] = exact(r[i], r[i + 1])
            i += 2
        elif extra.kind == "target":
            out[extra.name] = None if r[i] is None else _target_from(r, i)
            i += len(TARGET_FIELDS)
        else:
            out[extra.name] = r[i]
            i += 1
    return out


_TARGET_SPAN = len(TARGET_FIELDS)
_PROJECT_EXTRAS_SPAN = len(extra_columns(PROJECT_EXTRAS))
_INDICATOR_EXTRAS_SPAN = len(INDICATOR_EXTRA_COLUMNS)


def indicator_from(r: Sequence[Any], i: int) -> Indicator:
    """An indicator from the columns of :data:`INDICATOR_COLUMNS` starting at ``r[i]``."""
    return Indicator(
        seq=r[i],
        level1=Level(r[i + 1], r[i + 2]),
        level2=Level(r[i + 3], r[i + 4]),
        name=r[i + 5],
        cycle=_target_from(r, i + 6),
        annual=_target_from(r, i + 6 + _TARGET_SPAN),
        **_extras_from(r, i + 6 + 2 * _TARGET_SPAN, INDICATOR_EXTRAS),
        id=r[i + 6 + 2 * _TARGET_SPAN + _INDICATOR_EXTRAS_SPAN] or "",
    )


def execution_from(r: Sequence[Any], i: int) -> Execution | None:
    """A project's execution from the columns of :data:`EXECUTION_COLUMNS` at ``r[i]``."""
    if not r[i]:
        return None
    return Execution(
        **{
            name: exact(r[i + 1 + 2 * k], r[i + 2 + 2 * k])
            for k, name in enumerate(EXECUTION_FIELDS)
        }
    )


def project_from(r: Sequence[Any], i: int) -> Project:
    """A project without its indicators from the columns of :data:`PROJECT_COLUMNS` starting
    at ``r[i]``."""
    at = i + 2 + len(FUNDS_COLUMNS)
    return Project(
        name=r[i],
        goal=r[i + 1],
        funds=funds_from(r, i + 2),
        **_extras_from(r, at, PROJECT_EXTRAS),
        execution=execution_from(r, at + _PROJECT_EXTRAS_SPAN),
        id=r[at + _PROJECT_EXTRAS_SPAN + len(EXECUTION_COLUMNS)] or "",
    )
