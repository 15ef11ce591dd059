"""Targets no table can mean as printed: a bare percentage above 100 on a rate that is a share
of a whole (验收合格率 292%). Such a row is left out with a note. When the figure reads as a
≥ printed as a 2 (292% = ≥92%: the rest after the 2 a share up to 100), the document shows
that misprint, which a font makes on every ≥ it holds: its other bare targets that open with a
2 before a well-formed figure (2280次: ≥280次 or 2280次) cannot be told either and are left out
too. A figure with a letter where its digits stand (M.8万元: an OCR's 14.8) is left out as well,
and so is a row whose 实际完成值 is garbled in either way. A wrong row is worse than a missing
one.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Document, Indicator
from .table_vocabulary import vocabulary

_PERCENT = re.compile(r"(\d+(?:\.\d+)?)[%％]")
_TWO_THEN_FIGURE = re.compile(r"2([1-9]\d*(?:\.\d+)?|0\.\d+)([^\d.]{0,4})")


_LETTERED = "的数字中有字母（识别走样），读不出原数"
_BEYOND = "超过百分之百，而这个比率不会超过百分之百（≥ 印成了 2 之类的走样）"
TWO_DOUBT = "以 2 开头，而本表有把 ≥ 印成 2 的走样，分不清是 2 还是 ≥"


def _text(s: str) -> str:
    return "".join(s.split())


def impossible(ind: Indicator) -> bool:
    """A bare percentage above 100 on a rate that cannot pass 100%, or a figure with a letter
    for its digits (see the module)."""
    return beyond_share(ind.name, ind.annual.text) or lettered(ind.annual.text)


_LETTER_FIGURE = re.compile(r"(?<![A-Za-z])[A-Za-z]\.\d")


def lettered(target: str) -> bool:
    """A figure whose digits before its decimal point are a letter (M.8万元: 14.8 as an OCR
    read it): no figure has a letter there, and which digits it stands for cannot be told."""
    return _LETTER_FIGURE.search(_text(target)) is not None


def beyond_share(name: str, target: str) -> bool:
    """``target`` a bare percentage above 100 and ``name`` a rate that cannot pass 100%."""
    m = _PERCENT.fullmatch(_text(target))
    return (
        m is not None
        and Decimal(m.group(1)) > 100
        and _text(name).endswith(vocabulary().capped_rates)
    )


def opens_with_two(target: str) -> bool:
    """A bare target that opens with a 2 before a well-formed figure (2280次; not 200次): in a
    table that prints ≥ as 2, either reading holds."""
    return _TWO_THEN_FIGURE.fullmatch(_text(target)) is not None


def two_for_ge(text: str) -> bool:
    """Whether ``text`` reads as a ≥ printed as 2 before a share up to 100% (292% = ≥92%)."""
    m = _PERCENT.fullmatch(_text(text))
    rest = _TWO_THEN_FIGURE.fullmatch(m.group(0)[:-1]) if m else None
    return rest is not None and Decimal(rest.group(1)) <= 100


def drop_garbled(doc: Document) -> None:
    """Leave out the rows of ``doc`` whose targets cannot be read as printed (see the module)."""
    found = [(p, ind) for _, p in doc.projects() for ind in p.indicators if impossible(ind)]
    misprint = any(two_for_ge(ind.annual.text) for _, ind in found)
    for _, project in doc.projects():
        kept: list[Indicator] = []
        for ind in project.indicators:
            target = _text(ind.annual.text)
            actual = _text(ind.actual.text) if ind.actual is not None else ""
            what, text = "指标值", target
            if lettered(target):
                why = _LETTERED
            elif impossible(ind):
                why = _BEYOND
            elif misprint and opens_with_two(target):
                why = TWO_DOUBT
            elif lettered(actual):  # (a 实际完成值 garbled alike: the row would state it)
                what, text, why = "实际完成值", actual, _LETTERED
            elif beyond_share(ind.name, actual):
                what, text, why = "实际完成值", actual, _BEYOND
            else:
                kept.append(ind)
                continue
            doc.note(
                "warning",
                "indicator.garbled",
                f"指标“{ind.name}”的{what}“{text}”{why}，未读取",
                project=project.name,
            )
        if len(kept) != len(project.indicators):
            for n, ind in enumerate(kept, 1):
                ind.seq = n
            project.indicators[:] = kept
