"""The optional fields of projects and indicators as table columns (CSV, data package).

One loop over the model's lists (:data:`~jixiao.model.PROJECT_EXTRAS`,
:data:`~jixiao.model.INDICATOR_EXTRAS`), so a field added there reaches every tabular export:
a number is one column (exact decimal text), a text one column, a target (the
self-evaluation's 实际完成值) the columns the export gives its targets, empty when there is none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from ..interchange import dec
from ..model import Extra, Target


def names(extras: Iterable[Extra], target_parts: Sequence[str], prefix: str = "") -> list[str]:
    """The column names: ``{prefix}{field}``, or ``{prefix}{field}_{part}`` per target part."""
    out: list[str] = []
    for extra in extras:
        if extra.kind == "target":
            out.extend(f"{prefix}{extra.name}_{part}" for part in target_parts)
        else:
            out.append(f"{prefix}{extra.name}")
    return out


def cells(
    obj: object, extras: Iterable[Extra], target: Callable[[Target], Sequence[object]], width: int
) -> list[object]:
    """The cells of ``obj``'s optional fields; a missing target is ``width`` empty cells."""
    out: list[object] = []
    for extra in extras:
        value = getattr(obj, extra.name)
        if extra.kind == "target":
            out.extend([None] * width if value is None else target(value))
        elif extra.kind == "number":
            out.append(dec(value))
        else:
            out.append(value)
    return out
