"""What exports need beyond the documents: the review findings printed as an annex after a
table in the official layout (``jixiao export --annex``, the web app's ``annex=true``)."""

from __future__ import annotations

from functools import partial

from ..errors import InputError
from ..export import Exporter
from ..export import get as get_format
from ..export.official import Annex, AnnexItem
from ..model import Document
from ..review import Ruleset, load_ruleset, review
from ..review.base import SEVERITY_LABELS
from ..review.report import rule_title

_ORDER = {"error": 0, "warning": 1, "info": 2}


def review_annex(ruleset: Ruleset | None = None) -> Annex:
    """The annex of a document: its findings under ``ruleset`` (the bundled one by default),
    in table order (the document's own first, then each project's, its indicators in
    order), most severe first within a place; each with where it is, its severity and rule in
    Chinese and the message with its fix."""
    rules = ruleset or load_ruleset()

    def annex(doc: Document) -> list[AnnexItem]:
        order = {p.id: k for k, (_, p) in enumerate(doc.projects(), start=1)}
        found = sorted(
            review(doc, rules),
            key=lambda f: (order.get(f.project_id or "", 0), f.indicator or 0,
                           _ORDER[f.severity]),
        )  # fmt: skip
        return [
            AnnexItem(
                where=" · ".join(
                    part
                    for part in (
                        f.unit,
                        f.project,
                        f"第 {f.indicator} 项指标" if f.indicator else "",
                    )
                    if part
                )
                or "整个文件",
                severity=SEVERITY_LABELS[f.severity],
                rule=rule_title(f.rule),
                message=f.message,
            )
            for f in found
        ]

    return annex


ANNEX_FORMATS = ("pdf", "html")


def exporter_for(fmt: str, *, annex: bool = False) -> Exporter:
    """The exporter of format ``fmt``; with ``annex``, one that prints each document's review
    findings after it (only the printed layouts, :data:`ANNEX_FORMATS`, take one)."""
    exporter = get_format(fmt)
    if not annex:
        return exporter.export
    if fmt not in ANNEX_FORMATS:
        raise InputError(f"{fmt} 导出不能附审核意见", expected=f"格式 {' 或 '.join(ANNEX_FORMATS)}")
    return partial(exporter.export, annex=review_annex())  # type: ignore[call-arg]
