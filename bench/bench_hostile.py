"""Linear time on hostile text: each path that was super-linear, timed at n and 4n.

A linear path takes ~4× as long at 4n; a quadratic one ~16×. Printed, never asserted (the
tests check the results on inputs this large; this prints the times):

    .venv/bin/python -m bench.bench_hostile
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from bench import hostile
from jixiao.errors import JixiaoError
from jixiao.framework import clean_label
from jixiao.ingest import read_bytes
from jixiao.ingest.readers import tree
from jixiao.limits import Limits

ROOMY = Limits.defaults().with_overrides(
    {"cell_chars": 10_000_000, "cells": 100_000_000, "merged_ranges": 1_000_000}
)


def _timed(run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        with contextlib.suppress(JixiaoError):
            run()
        best = min(best, time.perf_counter() - start)
    return best


def _read(data: bytes, name: str, layout: str | None = None) -> Callable[[], object]:
    return lambda: read_bytes(data, name, layout=layout, limits=ROOMY)


def _brackets(n: int) -> Callable[[], object]:
    return lambda: clean_label(hostile.unclosed_brackets(n))


def _tree_cells(n: int) -> Callable[[], object]:
    line = "    指标    " + "  ".join(["≥1人"] * (n // 5))
    return lambda: tree._cells(line)


def _tree_values(n: int) -> Callable[[], object]:
    cells = [(k * 7, "v") for k in range(n // 2)]
    columns = [k * 7 for k in range(n)]
    return lambda: tree._values(cells, columns)


_ROW = "产出指标数量指标培训人数100人质量指标合格率≥95%"


def _webtext_glued(n: int) -> bytes:
    """One long line of cells run together under a header (a document preview's text)."""
    return ("一级指标二级指标三级指标指标值" + _ROW * (n // len(_ROW))).encode()


def _webtext_lines(n: int) -> bytes:
    """Many rows, one cell per line, under a header (n characters in all)."""
    rows = "\n".join(["产出指标", "数量指标", "培训人数", "100人"] * (n // 20))
    return ("一级指标\n二级指标\n三级指标\n指标值\n" + rows).encode()


def _webtext_digits(n: int) -> bytes:
    """A row whose cell is a run of ``n`` digits (a level-1 label with points, 产出指标50分, was
    looked for with a regex that tried every start position of the run)."""
    return (
        "一级指标\n二级指标\n三级指标\n指标值\n产出指标\n数量指标\n培训人数\n" + "1" * n
    ).encode()


def _webtext_labels(n: int) -> bytes:
    """One line of ``n`` header labels (三级指标,三级指标,…: each a candidate header whose line
    was scanned to its end for a second header line under it)."""
    return ("三级指标," * n).encode()


CASES: list[tuple[str, int, Callable[[int], Callable[[], object]]]] = [
    ("web text: cells run together, one line", 5_000,
     lambda n: _read(_webtext_glued(n), "g.txt", "webtext")),
    ("web text: one cell per line", 5_000,
     lambda n: _read(_webtext_lines(n), "l.txt", "webtext")),
    ("web text: header labels on one line", 2_000,
     lambda n: _read(_webtext_labels(n), "h.txt", "webtext")),
    ("web text: a run of digits in one cell", 20_000,
     lambda n: _read(_webtext_digits(n), "d.txt", "webtext")),
    ("clean_label: unclosed brackets", 20_000, _brackets),
    ("tree cells: one long line (chars)", 20_000, _tree_cells),
    ("tree reader: a long indicator line (chars)", 20_000,
     lambda n: _read(hostile.tree_text(n), "t.txt", "tree")),
    ("tree values: many columns, fewer values", 4_000, _tree_values),
    ("text layout: spaces before a target label", 20_000,
     lambda n: _read(hostile.text_with_spaces(n), "s.txt", "text")),
    ("xlsx: merged ranges, read (no limit)", 1_000,
     lambda n: _read(hostile.xlsx_many_merges(n), "m.xlsx")),
    ("html: cells after spans", 5_000,
     lambda n: _read(hostile.html_span_bomb(10, n // 100), "s.html")),
    ("json: nesting (refused)", 100_000, lambda n: _read(hostile.json_deep(n), "d.json")),
    ("pdf: ruling lines on a page (refused)", 20_000,
     lambda n: _read(hostile.pdf_ruling_lines(n), "l.pdf")),
]  # fmt: skip


def main() -> None:
    print("linear-time paths: seconds at n and 4n (ratio ~4 linear, ~16 quadratic)")
    for label, n, make in CASES:
        small, large = _timed(make(n)), _timed(make(4 * n))
        ratio = large / small if small > 0 else float("nan")
        print(f"  {label:45} n={n:>7,}: {small:8.4f} s   4n: {large:8.4f} s   ×{ratio:4.1f}")


if __name__ == "__main__":
    main()
