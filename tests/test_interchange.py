"""The interchange JSON: schema, exact decimals, to_dict/from_dict inverses."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

import pytest

from jixiao.errors import InterchangeError
from jixiao.ingest.files import read_path
from jixiao.interchange import FORMAT_VERSION, from_dict, schema, to_dict, validate
from jixiao.model import (
    Document,
    Execution,
    Funds,
    Indicator,
    Level,
    Note,
    Project,
    Target,
    Unit,
)

from .helpers import DATA, strip_ids
from .selfeval import selfeval_document
from .test_text_layout import SEED_DOC

V1_0 = DATA / "interchange" / "document-1.0.json"
"""A document as jixiao wrote format 1.0 (before kinds and self-evaluations)."""


def test_seed_validates_and_round_trips() -> None:
    data = to_dict(SEED_DOC)
    validate(data)
    assert to_dict(from_dict(data)) == data
    # through real JSON text too
    assert to_dict(from_dict(json.loads(json.dumps(data, ensure_ascii=False)))) == data


def test_decimals_are_strings_with_their_scale() -> None:
    data = to_dict(SEED_DOC)
    assert data["funds"]["total"] == "235659.44"
    assert data["units"][0]["projects"][0]["funds"]["total"] == "12537.00"
    assert data["units"][0]["projects"][0]["funds"]["special"] is None


def test_composite_parts_round_trip() -> None:
    part = Target("≥7项", "quantitative", "≥", Decimal("7"), None, "项", label="")
    composite = Target("1.≥7项 2.说明", "composite", parts=[part, Target("说明", label="说明")])
    indicator = Indicator(
        1, Level("1", "产出指标"), Level(None, "数量指标"), "甲", composite, composite
    )
    project = Project("甲", Funds(Decimal("1.5")), "目标", [indicator])
    doc = Document(
        "某局",
        2025,
        "元",
        Funds(Decimal("1.5")),
        units=[Unit("某局", Funds(Decimal("1.5")), [project])],
        notes=[Note("warning", "x", "说明", line=3, unit="某局")],
    )
    data = to_dict(doc)
    validate(data)
    assert strip_ids(to_dict(from_dict(data))) == strip_ids(data)
    assert data["units"][0]["projects"][0]["indicators"][0]["cycle"]["parts"][0]["label"] == ""


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d.pop("department"), "(根)"),
        (lambda d: d["funds"].update(total=1.5), "funds/total"),
        (lambda d: d["units"][0]["projects"][0]["indicators"][0]["cycle"].update(kind="x"), "kind"),
        (lambda d: d.update(money_unit="美元"), "money_unit"),
    ],
)
def test_schema_errors_name_the_place(mutate, where: str) -> None:  # type: ignore[no-untyped-def]
    data = to_dict(SEED_DOC)
    mutate(data)
    with pytest.raises(InterchangeError) as info:
        from_dict(data, "bad.json")
    assert where in info.value.message
    assert info.value.source == "bad.json"


def test_schema_is_draft_2020_12() -> None:
    assert schema()["$schema"].endswith("2020-12/schema")


def test_format_1_0_documents_still_load() -> None:
    raw = json.loads(V1_0.read_text(encoding="utf-8"))
    assert raw[0]["format_version"] == "1.0" and "kind" not in raw[0]
    [doc] = read_path(V1_0)
    assert doc.kind == "target"
    project = doc.units[0].projects[0]
    assert (project.code, project.execution, project.score, project.grade) == (None,) * 4
    assert all(i.actual is None and i.weight is None for _, _, i in doc.indicators())
    data = to_dict(doc)
    assert data["format_version"] == FORMAT_VERSION == "1.2"
    assert data["kind"] == "target"
    # the same document, with the 1.1 fields present and empty
    first = data["units"][0]["projects"][0]
    assert first["execution"] is None and first["indicators"][0]["actual"] is None
    assert data["units"][0]["projects"][0]["goal"] == raw[0]["units"][0]["projects"][0]["goal"]


def test_self_evaluation_with_every_field_round_trips() -> None:
    doc = selfeval_document()
    data = to_dict(doc)
    validate(data)
    assert from_dict(data) == doc
    assert to_dict(from_dict(json.loads(json.dumps(data, ensure_ascii=False)))) == data
    farmland = data["units"][0]["projects"][0]
    assert data["kind"] == "selfeval"
    assert farmland["execution"]["initial"] == "1200.00" and farmland["score"] == "91.50"
    assert data["units"][0]["projects"][1]["execution"] == dict.fromkeys(
        ("initial", "full_year", "executed", "rate", "weight", "score")
    )
    quality = farmland["indicators"][1]
    assert quality["actual"]["kind"] == "composite"
    assert quality["actual"]["parts"][1]["value"] == "60.0" and quality["score"] == "19.60"


def test_every_model_field_is_in_the_interchange() -> None:
    """A field added to the model and forgotten here would be lost by every export."""
    data = to_dict(selfeval_document())
    project = data["units"][0]["projects"][0]
    pairs = [
        (Document, data, {"units", "notes", "source"}),
        (Project, project, set()),
        (Indicator, project["indicators"][0], set()),
        (Execution, project["execution"], set()),
    ]
    for cls, found, apart in pairs:
        names = {f.name for f in dataclasses.fields(cls)}
        assert names - apart <= set(found), cls.__name__


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d.update(kind="budget"), "kind"),
        (lambda d: d["units"][0]["projects"][0]["execution"].pop("rate"), "execution"),
        (lambda d: d["units"][0]["projects"][0]["indicators"][0].update(weight=20), "weight"),
        (lambda d: d["units"][0]["projects"][0]["indicators"][0]["actual"].pop("kind"), "actual"),
    ],
)
def test_schema_errors_in_the_1_1_fields_name_the_place(mutate, where: str) -> None:  # type: ignore[no-untyped-def]
    data = to_dict(selfeval_document())
    mutate(data)
    with pytest.raises(InterchangeError) as info:
        from_dict(data, "bad.json")
    assert where in info.value.message
