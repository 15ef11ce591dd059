"""The interchange JSON: schema, exact decimals, to_dict/from_dict inverses."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from jixiao.errors import InterchangeError
from jixiao.interchange import from_dict, schema, to_dict, validate
from jixiao.model import Document, Funds, Indicator, Level, Note, Project, Target, Unit

from .test_text_layout import SEED_DOC


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
    assert to_dict(from_dict(data)) == data
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
