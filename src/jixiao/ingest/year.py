"""The budget year of a table: given, else stated in the table (a year line or the title) or
the file name, else unknown.

Never guessed from dates in the body of the table; every reader uses this one rule and leaves
a note saying where the year came from.
"""

from __future__ import annotations

import re

from ..model import Document

_IN_TITLE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_IN_NAME = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d{2})(?![0-9A-Za-z])")


def infer_year(
    doc: Document, given: int | None, source: str, *, stated: int | None = None
) -> int | None:
    """``given``, else the year a line of the table states (``(2022年度)``, ``stated``), else
    the year in ``doc.title``, else in the file name ``source``."""
    if given is not None:
        return given
    if stated is not None:
        doc.note("info", "year.inferred", f"预算年度 {stated} 取自表中的年度行")
        return stated
    m = _IN_TITLE.search(doc.title or "")
    where = "标题"
    if m is None:
        m = _IN_NAME.search(source)
        where = "文件名"
    if m is None:
        doc.note(
            "info", "year.unknown", "标题和文件名都未写明预算年度，年度留空（可用 --year 指定）"
        )
        return None
    doc.note("info", "year.inferred", f"预算年度 {m.group(1)} 取自{where}")
    return int(m.group(1))
