"""The interchange JSON (``docs/format.md``): documents as plain, versioned data.

Decimals are written as strings (``"12537.00"``) so no reader turns money into floats.
``to_dict`` and ``from_dict`` are exact inverses on every document the model can hold.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any, cast

from .errors import InterchangeError
from .model import (
    EXECUTION_FIELDS,
    FUND_FIELDS,
    Document,
    Execution,
    Extra,
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

FORMAT_VERSION = "1.2"
FORMAT_ID = "jixiao.document"


def dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def undec(value: object, where: str) -> Decimal | None:
    if value is None:
        return None
    if not isinstance(value, str | int):
        raise InterchangeError(f"{where} 应为十进制数字字符串，实为 {value!r}")
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise InterchangeError(f"{where} 不是数字：{value!r}") from exc


def funds_to_dict(funds: Funds) -> dict[str, str | None]:
    return {name: dec(getattr(funds, name)) for name in FUND_FIELDS}


def funds_from_dict(data: dict[str, Any]) -> Funds:
    return Funds(**{name: undec(data.get(name), f"funds.{name}") for name in FUND_FIELDS})


def target_to_dict(target: Target, *, part: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if part:
        out["label"] = target.label
    out.update(
        text=target.text,
        kind=target.kind,
        op=target.op,
        value=dec(target.value),
        upper=dec(target.upper),
        unit=target.unit,
    )
    if not part:
        out["parts"] = [target_to_dict(p, part=True) for p in target.parts]
    return out


def target_from_dict(data: dict[str, Any]) -> Target:
    return Target(
        text=data["text"],
        kind=data["kind"],
        op=data.get("op"),
        value=undec(data.get("value"), "value"),
        upper=undec(data.get("upper"), "upper"),
        unit=data.get("unit"),
        label=data.get("label"),
        parts=[target_from_dict(p) for p in data.get("parts", ())],
    )


def extra_to_dict(extra: Extra, value: object) -> Any:
    """The value of an optional field (:data:`~jixiao.model.PROJECT_EXTRAS`,
    :data:`~jixiao.model.INDICATOR_EXTRAS`) as interchange data."""
    if isinstance(value, Decimal):
        return dec(value)
    if isinstance(value, Target):
        return target_to_dict(value)
    return value


def _level(level: Level) -> dict[str, Any]:
    return {"code": level.code, "name": level.name}


def indicator_to_dict(ind: Indicator) -> dict[str, Any]:
    return {
        "id": ind.id or None,
        "seq": ind.seq,
        "level1": _level(ind.level1),
        "level2": _level(ind.level2),
        "name": ind.name,
        "cycle": target_to_dict(ind.cycle),
        "annual": target_to_dict(ind.annual),
        "weight": dec(ind.weight),
        "direction": ind.direction,
        "measure": ind.measure,
        "explanation": ind.explanation,
        "standard": ind.standard,
        "actual": None if ind.actual is None else target_to_dict(ind.actual),
        "score": dec(ind.score),
        "deviation": ind.deviation,
    }


def indicator_from_dict(i: dict[str, Any]) -> Indicator:
    actual = i.get("actual")
    return Indicator(
        seq=i["seq"],
        level1=Level(i["level1"]["code"], i["level1"]["name"]),
        level2=Level(i["level2"]["code"], i["level2"]["name"]),
        name=i["name"],
        cycle=target_from_dict(i["cycle"]),
        annual=target_from_dict(i["annual"]),
        weight=undec(i.get("weight"), "weight"),
        direction=i.get("direction"),
        measure=i.get("measure"),
        explanation=i.get("explanation"),
        standard=i.get("standard"),
        actual=None if actual is None else target_from_dict(actual),
        score=undec(i.get("score"), "score"),
        deviation=i.get("deviation"),
        id=i.get("id") or "",
    )


def execution_to_dict(execution: Execution | None) -> dict[str, str | None] | None:
    if execution is None:
        return None
    return {name: dec(getattr(execution, name)) for name in EXECUTION_FIELDS}


def execution_from_dict(data: dict[str, Any] | None) -> Execution | None:
    if data is None:
        return None
    return Execution(
        **{name: undec(data.get(name), f"execution.{name}") for name in EXECUTION_FIELDS}
    )


def project_to_dict(p: Project) -> dict[str, Any]:
    return {
        "id": p.id or None,
        "name": p.name,
        "code": p.code,
        "department": p.department,
        "unit": p.unit,
        "period": p.period,
        "funds": funds_to_dict(p.funds),
        "goal": p.goal,
        "period_goal": p.period_goal,
        "goal_result": p.goal_result,
        "execution": execution_to_dict(p.execution),
        "score": dec(p.score),
        "grade": p.grade,
        "indicators": [indicator_to_dict(i) for i in p.indicators],
    }


def project_from_dict(p: dict[str, Any]) -> Project:
    return Project(
        name=p["name"],
        funds=funds_from_dict(p["funds"]),
        goal=p["goal"],
        indicators=[indicator_from_dict(i) for i in p["indicators"]],
        code=p.get("code"),
        period=p.get("period"),
        department=p.get("department"),
        unit=p.get("unit"),
        period_goal=p.get("period_goal"),
        goal_result=p.get("goal_result"),
        execution=execution_from_dict(p.get("execution")),
        score=undec(p.get("score"), "score"),
        grade=p.get("grade"),
        id=p.get("id") or "",
    )


def note_to_dict(note: Note) -> dict[str, Any]:
    return {
        "level": note.level,
        "code": note.code,
        "message": note.message,
        "line": note.line,
        "unit": note.unit,
        "project": note.project,
    }


def to_dict(doc: Document) -> dict[str, Any]:
    """The document as interchange JSON data (see ``docs/format.md``)."""
    return {
        "format": FORMAT_ID,
        "format_version": FORMAT_VERSION,
        "kind": doc.kind,
        "department": doc.department,
        "year": doc.year,
        "title": doc.title,
        "money_unit": doc.money_unit,
        "source": None
        if doc.source is None
        else {"name": doc.source.name, "sha256": doc.source.sha256, "layout": doc.source.layout},
        "funds": funds_to_dict(doc.funds),
        "units": [
            {
                "id": unit.id or None,
                "name": unit.name,
                "funds": funds_to_dict(unit.funds),
                "projects": [project_to_dict(p) for p in unit.projects],
            }
            for unit in doc.units
        ],
        "notes": [note_to_dict(n) for n in doc.notes],
    }


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of the interchange format (``jixiao/data/document.schema.json``)."""
    text = resources.files("jixiao").joinpath("data/document.schema.json").read_text("utf-8")
    return cast(dict[str, Any], json.loads(text))


def validate(data: object, source: str | None = None) -> None:
    """Raise :class:`InterchangeError` naming the first place where ``data`` breaks the schema."""
    import jsonschema  # imported lazily: only JSON ingest needs it

    validator = jsonschema.Draft202012Validator(schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        path = "/".join(str(p) for p in error.absolute_path) or "(根)"
        raise InterchangeError(
            f"不符合交换格式 {FORMAT_ID} {FORMAT_VERSION}：位置 {path}：{error.message}",
            source=source,
            expected="docs/format.md 所述的 JSON 文档",
        )


def from_dict(data: dict[str, Any], source: str | None = None, *, check: bool = True) -> Document:
    """A document from interchange JSON data; validates it against the schema first.

    Ids (1.2) are kept; a document without them (1.0, 1.1) gets them from its source's
    sha256 (else the sha256 of the JSON data) and positions (:func:`~jixiao.model.assign_ids`),
    so loading the same document twice gives the same ids."""
    if check:  # a version the store wrote itself needs none (its numbers may use exponents)
        validate(data, source)
    src = data.get("source")
    doc = Document(
        department=data["department"],
        kind=data.get("kind", "target"),
        year=data.get("year"),
        title=data.get("title"),
        money_unit=data["money_unit"],
        source=None if src is None else Source(src["name"], src["sha256"], src["layout"]),
        funds=funds_from_dict(data["funds"]),
        units=[
            Unit(
                name=u["name"],
                funds=funds_from_dict(u["funds"]),
                projects=[project_from_dict(p) for p in u["projects"]],
                id=u.get("id") or "",
            )
            for u in data["units"]
        ],
        notes=[
            Note(
                n["level"],
                n["code"],
                n["message"],
                line=n.get("line"),
                unit=n.get("unit"),
                project=n.get("project"),
            )
            for n in data.get("notes", ())
        ],
    )
    if doc.source is not None:
        seed = doc.source.sha256
    else:
        canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        seed = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return assign_ids(doc, seed)


def canonical_sha256(data: dict[str, Any]) -> str:
    """The sha256 of ``data`` as canonical JSON (sorted keys, no spaces, UTF-8)."""
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def edited_sha256(previous: str, project: dict[str, Any]) -> str:
    """The sha256 of a document after an edit of one of its projects: of the document's
    sha256 before it and the edited project's canonical JSON (``project``, interchange data,
    its id included). Unique as a sha256 of the whole document would be (the one before is
    unique among the stored documents and the project is part of what is hashed), without
    reading the other projects; an edit made and taken back gives a new one, as any new
    version does. See :func:`jixiao.services.documents.edit_project`."""
    return canonical_sha256({"edited": previous, "project": project})


def document_sha256(doc: Document) -> str:
    """A document's identity of content: the sha256 of its source file's bytes, or of its
    canonical interchange JSON when it has no source (made by hand). An edit of a project
    stores :func:`edited_sha256` instead (a stored document's sha256 is its identity, not
    recomputed from it)."""
    if doc.source is not None:
        return doc.source.sha256
    return canonical_sha256(to_dict(doc))
