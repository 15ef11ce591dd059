"""Real tables as other saves of the same page or sheet give them: how much Jixiao reads right.

A table reaches Jixiao in whatever form its reader saved it: the page's text with other line
ends, spaces and encodings; the page itself in GBK or inside a site's layout table; the sheet
with its figures stored as numbers, as a legacy ``.xls``, or exported as CSV (UTF-8 with BOM, as
Excel writes it, or GBK, as WPS on Chinese Windows does; a merged cell's text on its first cell
only; workbooks of one sheet: a CSV holds one). For every fixture of ``tests/data/realworld``
not in ``known.json`` and each save, this prints the shares ``bench/bench_realworld.py``
prints (indicators, totals, actuals, weights, scores, execution, wrong rows) and the fixtures
read as their expected file says. One more page variant renames the target column's label to a
word no vocabulary knows (目标数), for how far the readers get without it.
``tests/test_realworld_saves.py`` requires the saves other than CSV to read exactly as the
fixture; CSV is measured here only (a CSV keeps no merged ranges).

Run with ``make bench`` or ``python -m bench.bench_saves``.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import load_workbook  # noqa: E402

from jixiao.ingest import read_bytes  # noqa: E402
from tests import realworld  # noqa: E402
from tests.test_realworld_saves import (  # noqa: E402
    PAGES,
    SAVES,
    _fixtures,
    _indented,
    _legacy,
    _stored_as_numbers,
)


def _csv(data: bytes, encoding: str) -> bytes | None:
    """The workbook's sheet as a spreadsheet program exports it to CSV; ``None`` for a
    workbook of several sheets (a CSV file holds one: its tables are not all in it)."""
    sheets = load_workbook(io.BytesIO(data)).worksheets
    if len(sheets) != 1:
        return None
    sheet = sheets[0]
    out = io.StringIO()
    writer = csv.writer(out)
    for row in sheet.iter_rows(values_only=True):
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode(encoding)


_TARGET_LABEL = re.compile(r">(年度指标值|指标值|目标值|年度目标值|预期指标值)<")


def _unknown_target_label(page: str) -> str | None:
    """The page with its target column's label one no vocabulary knows (目标数), as a region's
    template may word it; ``None`` for a page with no such label. How far the readers get
    without the word: the rows' values must say which column holds the targets."""
    relabelled, n = _TARGET_LABEL.subn(">目标数<", page)
    return relabelled if n else None


def _measure(
    title: str, shape: str, save: Callable[[str, bytes], tuple[bytes, str] | None]
) -> None:
    total = realworld.Tally()
    ok = n = 0
    for fixture in _fixtures(shape):
        path = realworld.HERE / f"{fixture}.{shape}"
        made = save(fixture, path.read_bytes())
        if made is None:
            continue
        data, name = made
        tally = realworld.measure(fixture, title, lambda d=data, n=name: read_bytes(d, n))
        total.merge(tally)
        ok += tally.ok
        n += 1
    print(f"  {title:<22} fixtures ok {ok}/{n}")
    print(f"    {total.summary()}")


def main() -> None:
    print("real tables as other saves give them (fixtures not in known.json)")
    for name, make in SAVES.items():

        def text(
            f: str, d: bytes, make: Callable[[str], bytes | None] = make
        ) -> tuple[bytes, str] | None:
            made = make(d.decode("utf-8"))
            return None if made is None else (made, f"{f}.txt")

        _measure(f"text: {name}", "txt", text)
    for name, make_page in PAGES.items():
        _measure(
            f"html: {name}",
            "html",
            lambda f, d, m=make_page: (m(d.decode("utf-8")), f"{f}.html"),
        )
    _measure(
        "html: 目标数 for 指标值",
        "html",
        lambda f, d: (
            None
            if (page := _unknown_target_label(d.decode("utf-8"))) is None
            else (page.encode(), f"{f}.html")
        ),
    )
    _measure(
        "xlsx: numbers stored",
        "xlsx",
        lambda f, d: (_stored_as_numbers(d, "#,##0"), f"{f}.xlsx"),
    )
    _measure(
        "xls (no indent trees)",
        "xlsx",
        lambda f, d: (
            None
            if _indented(realworld.HERE / f"{f}.xlsx")
            else (_legacy(_stored_as_numbers(d, "#,##0")), f"{f}.xls")
        ),
    )
    for encoding in ("utf-8-sig", "gb18030"):
        _measure(
            f"csv: {encoding} (one sheet)",
            "xlsx",
            lambda f, d, e=encoding: None if (made := _csv(d, e)) is None else (made, f"{f}.csv"),
        )


if __name__ == "__main__":
    main()
