"""Runs between spaces in web-page text whose cells are apart by spaces: a cell the aligner
joined across a space, and one it started inside a run (between two words the text sets
together), which the spaces contradict: the rows so read are unclear, or mended where the text
leaves one reading (a name's head read as the row before's note)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from ...chars import HAN
from ..text_align import Row
from ..text_cells import ROW_VALUE_ROLES
from ..text_tokens import Token, mostly_glued

TEXT_AFTER = frozenset(("explanation", "standard", "remark", "deviation"))  # (after values)
_CJK_END = re.compile(r"[\u4e00-\u9fff]$")


def across_space(r: Row) -> bool:
    """A cell of ``r`` joined across a space of the text."""
    return any(t.gap == "space" for ts in r.parts.values() for t in ts[1:])


WORDS_CUT = "的一格跨空格连成、另一处无空格的文字又被分成两格（各格分不清）"


def words_cut(r: Row, roles: Sequence[str | None]) -> bool:
    """A cell of ``r`` (up to its values: the texts after them are not read as figures) joined
    across a space, and one after its first that starts inside a run between spaces, between two
    Chinese characters (the tokenizer's guess between words, not a figure set against words)."""
    cols = sorted(
        j
        for j, ts in r.parts.items()
        if any(not t.empty for t in ts) and roles[j] not in TEXT_AFTER
    )
    if not any(t.gap == "space" for j in cols for t in r.parts[j][1:]):
        return False
    before = [r.cells[j] for j in cols]
    return any(
        r.parts[j][0].gap in ("cut", "glue") and _CJK_END.search(prev) and HAN.match(now)
        for j, prev, now in zip(cols[1:], before, before[1:], strict=False)
    )


_INSIDE = (
    "的行从一段不含空格的文字中间开始（同一行的上一格被截开），而表中各格都以空格分开（各格分不清）"
)


def split_inside(
    rows: Sequence[Row], part: Sequence[Token], roles: Sequence[str | None], by_line: bool = True
) -> dict[int, str]:
    """The rows (index → why) of a body written a row per line, its cells apart by spaces, where
    the aligner started a row inside a run between spaces, on the line of the row before it
    (时效指标(工期指标、形象 | 进度指标 …: a gloss cut at a label it holds): a row starts at a
    space at least, so that row is unclear, and the row before it too when it holds values
    (a name alone is not read anyway). The whole table on one line (not ``by_line``): only a
    row started between two words of a run that joins a cell across a space besides (食品安全
    指标 | 达标 率: the run's head read as the row before's last cell)."""
    if mostly_glued(part):
        return {}
    values = [j for j, role in enumerate(roles) if role in ROW_VALUE_ROLES]
    unclear: dict[int, str] = {}
    for k in range(1, len(rows)):
        toks = [t for j in sorted(rows[k].parts) for t in rows[k].parts[j] if not t.empty]
        before = [t for j in sorted(rows[k - 1].parts) for t in rows[k - 1].parts[j]]
        before = [t for t in before if not t.empty]
        if toks and before and toks[0].gap in ("cut", "glue") and toks[0].line == before[-1].line:
            words = _CJK_END.search(before[-1].text) and HAN.match(toks[0].text)
            if not by_line and not (words and across_space(rows[k])):
                continue
            unclear[k] = _INSIDE
            if any(rows[k - 1].cells[j] for j in values):
                unclear[k - 1] = _INSIDE
    return unclear


def head_back(rows: Sequence[Row], part: Sequence[Token], roles: Sequence[str | None]) -> int:
    """Rows of a body on one line (no row a line) whose name the aligner started between two
    words of a run between spaces, the run's head read as the last cell of the row before, a
    text after its values (… 100% 100% 食品安全指标 | 达标 率 100%: 偏差原因 食品安全指标, name
    达标率): the run is one cell, the name's, as the spaces say. The head is moved back into
    the name; returns how many rows were mended so."""
    if "name" not in roles or mostly_glued(part):
        return 0
    at = roles.index("name")
    done = 0
    for above, r in pairwise(rows):
        first = min((j for j, ts in r.parts.items() if any(not t.empty for t in ts)), default=-1)
        tail = max((j for j, ts in above.parts.items() if any(not t.empty for t in ts)), default=-1)
        if first != at or tail < 0 or roles[tail] not in TEXT_AFTER:
            continue
        head, name = above.parts[tail], [t for t in r.parts[at] if not t.empty]
        if len(head) != 1 or head[0].line != name[0].line or name[0].gap not in ("cut", "glue"):
            continue
        if _CJK_END.search(head[0].text) and HAN.match(name[0].text):
            r.cells[at] = head[0].text + r.cells[at]
            r.parts[at] = [*head, *r.parts[at]]
            above.cells[tail] = ""
            del above.parts[tail]
            done += 1
    return done


VALUE_INSIDE_NAME = (
    "的指标名称跨空格连成，中间一段带数字（像是上一指标的指标值），分不清各行从哪里分开"
)
_DIGIT = re.compile(r"[0-9０-９]")


def value_inside_name(rows: Sequence[Row], roles: Sequence[str | None]) -> dict[int, str]:
    """Rows (index → why) of a body on one line, its cells apart by spaces, whose name the
    aligner joined from three runs between spaces or more, an inner run holding a figure among
    words (某某时间 | 每年12月底前 | 某某分几年 =5年): an inner run with a figure
    reads as a row's target as well as a piece of a name, so where the rows part is unclear."""
    if "name" not in roles:
        return {}
    at = roles.index("name")
    out: dict[int, str] = {}
    for k, r in enumerate(rows):
        toks = [t for t in r.parts.get(at, ()) if not t.empty]
        runs: list[str] = []
        for t in toks:
            if runs and t.gap != "space":
                runs[-1] += t.text
            else:
                runs.append(t.text)
        if len(runs) >= 3 and any(_DIGIT.search(run) and HAN.search(run) for run in runs[1:-1]):
            out[k] = VALUE_INSIDE_NAME
    return out
