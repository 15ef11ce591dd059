"""Make a corpus of distinct documents by varying a published table (benchmarks only).

Variation is generic: the department name gets a number, every amount is scaled, and numbers
after comparators in targets shift, so documents differ in content (and sha256) the way tables
of different departments do while keeping the layout real.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

_DEPT = re.compile(r"(部门名称[:：]\s*)(\S+)")
_AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})(?![\d%])")
_AFTER_OP = re.compile(r"([≥≤＞>＜<]|不少于|不低于|不超过)(\d+)")


def variant(text: str, k: int) -> str:
    """The k-th variant of a table's text (k = 0 is the table itself)."""
    if k == 0:
        return text
    factor = Decimal(100 + k % 50) / 100

    def scale(m: re.Match[str]) -> str:
        value = Decimal(m.group(1).replace(",", "") + "." + m.group(2)) * factor
        return f"{value.quantize(Decimal('0.01')):,}"

    text = _DEPT.sub(lambda m: f"{m.group(1)}{m.group(2)}（样本{k:05d}）", text, count=1)
    text = _AMOUNT.sub(scale, text)
    return _AFTER_OP.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + k % 7}", text)


def write_corpus(seed: Path, folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    text = seed.read_text(encoding="utf-8")
    paths = []
    for k in range(count):
        path = folder / f"table-{k:05d}.txt"
        path.write_text(variant(text, k), encoding="utf-8")
        paths.append(path)
    return paths
