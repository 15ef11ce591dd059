"""A form's funds printed with their shares (部门整体 forms: 合计 | 968.19 | 100%, 基本支出 |
724.23 | 74.8%, 项目支出 | 243.96 | 25.2%), read from web-page text: each row a label, its
amount and its share, the rows one after another.

A 合计 whose share is 100% is the form's total. A PDF's text may split its amount with a stray
space (``968.191 8``); the two pieces are one amount only where arithmetic says so: the rows
beside it (up to the next 合计), whose shares add up to 100%, add up exactly to the joined
figure. A row whose share is off by exactly a money unit's size (7242318 at 74.8% of 968.1918
万元: written in 元) counts in that unit; a row no single unit fits proves nothing. Unproved,
the 合计 is read without its amount: a wrong total is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..figures import half_unit, is_share
from ..grid import GridNote
from ..table_vocabulary import funds_row, vocabulary
from ..text_tokens import Token

_SHARE = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*[%％]")
_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?")
_HEAD = re.compile(r"\d+\.\d+")  # an amount's head before a stray space: its decimals go on
_TAIL = re.compile(r"\d+")
_LABEL = re.compile(r"[\u4e00-\u9fff()（）:：]{2,12}")
_WHOLE = Decimal(100)


@dataclass(slots=True)
class _Row:
    start: int  # the label's token
    end: int  # the token after the share
    label: str
    amount: list[str]  # one piece, or a head and a tail split by a stray space
    share: Decimal
    written: str  # the share as printed
    line: int

    @property
    def total(self) -> bool:
        return funds_row(self.label) == "total" and self.share == _WHOLE


def share_rows(
    toks: Sequence[Token], lo: int, hi: int, notes: list[GridNote]
) -> dict[int, tuple[list[list[str]], int]]:
    """Runs of funds rows with shares in tokens ``lo:hi`` holding a 合计 at 100% and a part
    beside it: the token each run starts at → its rows (合计 with its amount, joined where
    proved, or alone; a part split by a space alone) and the token after it. Notes on the
    amounts are added to ``notes``."""
    found: dict[int, tuple[list[list[str]], int]] = {}
    for run in _runs(_rows(toks, lo, hi)):
        if all(r.total for r in run) or not any(r.total for r in run):
            continue  # (合计 | 50 | 100% alone may be an amount and its rate spent)
        rows: list[list[str]] = []
        for k, r in enumerate(run):
            if r.total:
                amount = _total(run, k, notes)
            elif len(r.amount) == 1:
                amount = r.amount[0]
            else:
                _unproved(r, notes)  # (a part's pieces: nothing adds up to them)
                amount = None
            rows.append([r.label, amount, r.written] if amount else [r.label])
        found[run[0].start] = (rows, run[-1].end)
    return found


def _rows(toks: Sequence[Token], lo: int, hi: int) -> list[_Row]:
    """Every label | amount | share written one after another, one token each (an amount in
    two: a head with decimals and digits after a space)."""
    out: list[_Row] = []
    for p in range(lo + 2, hi):
        share = _SHARE.fullmatch(toks[p].text)
        if share is None:
            continue
        amount = [toks[p - 1]]
        tail, head = toks[p - 1], toks[p - 2]
        if _TAIL.fullmatch(tail.text) and _HEAD.fullmatch(head.text) and tail.gap == "space":
            amount = [head, tail] if p - 3 >= lo else amount
        start = p - 1 - len(amount)
        label = toks[start]
        if not _AMOUNT.fullmatch(amount[0].text) or not _LABEL.fullmatch(label.text):
            continue
        if any(t.gap not in ("space", "pipe") for t in (*amount, toks[p])):
            continue
        pieces = [t.text for t in amount]
        out.append(_Row(start, p + 1, label.text, pieces, Decimal(share[1]), share[0], label.line))
    return out


def _runs(rows: list[_Row]) -> list[list[_Row]]:
    """Rows each starting where the last ended."""
    runs: list[list[_Row]] = []
    for r in rows:
        if runs and runs[-1][-1].end == r.start:
            runs[-1].append(r)
        else:
            runs.append([r])
    return runs


def _total(run: list[_Row], k: int, notes: list[GridNote]) -> str | None:
    """The amount of the 合计 ``run[k]``: as written, or its two pieces joined where the rows
    beside it prove it (see the module); ``None`` when they do not."""
    row = run[k]
    if len(row.amount) == 1:
        return row.amount[0]
    joined = "".join(row.amount)
    whole = Decimal(joined)
    for part in (_before(run, k), _after(run, k)):
        if _adds_up(part, whole):
            written = " ".join(row.amount)
            labels = "、".join(r.label for r in part)
            _note(
                notes,
                GridNote(
                    "info",
                    "text.amount_joined",
                    f"{row.label}“{written}”中间的空格是数字断开：{labels}各项（占比合计100%）"
                    f"相加正好是 {joined}，按 {joined} 读取",
                    row.line,
                ),
            )
            return joined
    _unproved(row, notes)
    return None


def _unproved(row: _Row, notes: list[GridNote]) -> None:
    """A row's amount split by a space that nothing proves one amount: not read, noted."""
    _note(
        notes,
        GridNote(
            "warning",
            "text.amount_split",
            f"{row.label}“{' '.join(row.amount)}”中间有空格，是一个数还是两格无法确定，金额未读取",
            row.line,
        ),
    )


def _note(notes: list[GridNote], note: GridNote) -> None:
    """``note``, once (a second 合计 of the same amount says the same)."""
    if note not in notes:
        notes.append(note)


def _before(run: list[_Row], k: int) -> list[_Row]:
    j = k
    while j > 0 and not run[j - 1].total:
        j -= 1
    return run[j:k]


def _after(run: list[_Row], k: int) -> list[_Row]:
    j = k + 1
    while j < len(run) and not run[j].total:
        j += 1
    return run[k + 1 : j]


def _adds_up(parts: list[_Row], whole: Decimal) -> bool:
    """Two or more rows whose shares make 100% and whose amounts, each in the one money unit
    its share fits, add up to ``whole`` exactly."""
    if len(parts) < 2 or sum(r.share for r in parts) != _WHOLE or not whole:
        return False
    total = Decimal(0)
    for r in parts:
        if len(r.amount) != 1:
            return False
        try:
            amount = Decimal(r.amount[0].replace(",", ""))
        except InvalidOperation:
            return False
        fits = [f for f in _scales() if _fits(amount / f, r.share, whole)]
        if len(fits) != 1:
            return False
        total += amount / fits[0]
    return total == whole


def _fits(amount: Decimal, share: Decimal, whole: Decimal) -> bool:
    """``amount`` is ``share`` % of ``whole``, to the share's printed digits."""
    return is_share(amount, whole, share, half_unit(share))


def _scales() -> list[Decimal]:
    """1 and the ratio of every two money units (元 in 万元: 10000)."""
    sizes = sorted(set(vocabulary().money_units.values()))
    ratios = {Decimal(a) / Decimal(b) for a in sizes for b in sizes if a != b}
    return [Decimal(1), *sorted(ratios)]
