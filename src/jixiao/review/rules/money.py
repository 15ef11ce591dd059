"""Money rules: totals and fund sources reconcile (document, unit, project)."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Document
from ...reconcile import reconcile
from ..base import Hit, Params, rule

_FIELDS = {"money.units": "funds", "money.projects": "funds", "money.sources": "funds.total"}


@rule(
    "money.reconcile",
    title="金额不平衡",
    dimension="适当性",
    severity="error",
    scope="document",
)
def reconcile_money(doc: Document, params: Params) -> Iterator[Hit]:
    """Document = Σ units, unit = Σ projects, total = Σ fund sources, per fund column.

    Reads the money itself (not the document's notes), so a document stored long ago or
    written by hand is checked the same way.
    """
    for note in reconcile(doc):
        yield Hit(
            f"{note.message}。请核对金额：合计应等于其组成部分之和。",
            field=_FIELDS.get(note.code, "funds"),
            evidence=None,
            unit=note.unit,
            project=note.project,
        )
