"""A web-page text's indicator header with a target column per area (a town, a village each),
as some regions' templates set them: 一级指标 | 二级指标 | 三级指标 | 指标解释 | 某镇甲村 |
某乡乙村 … The area names are no labels, so the header's run of labels stops before them;
they are taken into it here, and their columns read as targets (the interpreter reads a row's
target from them when the areas agree: :func:`..table_values.area_value`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..table_vocabulary import role_of
from ..text_align import L1, L2, kind
from ..text_tokens import Token
from .webtext_labels import Header, any_label

_TARGETS = frozenset({"value", "annual", "cycle", "actual", "weight", "score"})
_AREA = re.compile(r"[\u4e00-\u9fff]{2,15}")  # a place's name: Chinese characters only
_MIN_AREAS = 2  # one unlabelled cell alone could be anything


def with_areas(toks: Sequence[Token], header: Header) -> Header:
    """``header`` with the area names after it as its last columns, when it has names and no
    target column and the cells up to the first class label of its body are all area names
    (a cell each, not run together); else ``header`` as it is."""
    roles = {role_of(x) for x in header.labels}
    if "name" not in roles or roles & _TARGETS:
        return header
    areas: list[str] = []
    for i in range(header.end, len(toks)):
        t = toks[i]
        if t.empty:
            continue
        text = "".join(t.text.split())
        if kind(text) in (L1, L2):
            if len(areas) < _MIN_AREAS:
                return header
            return replace(header, end=i, labels=[*header.labels, *areas])
        if t.gap in ("glue", "cut") or not _AREA.fullmatch(text) or any_label(text):
            return header
        areas.append(text)
    return header


def area_roles(labels: Sequence[str], roles: list[str | None]) -> list[str | None]:
    """``roles`` with the area columns of a header made by :func:`with_areas` (the columns
    after its last labelled one, named by no label) as target columns."""
    if "name" not in roles or _TARGETS & set(roles):
        return roles
    last = max(j for j, r in enumerate(roles) if r is not None)
    tail = range(last + 1, len(labels))
    if len(tail) < _MIN_AREAS or not all(_AREA.fullmatch(labels[j]) for j in tail):
        return roles
    return [*roles[: last + 1], *(["value"] * len(tail))]
