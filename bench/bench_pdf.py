"""Real tables as PDF attachments: how well the PDF reader reads the publishers' templates.

Departments very often publish their 绩效目标表 / 自评表 as PDF. This benchmark renders every
fixture's HTML re-creation (``tests/data/realworld/ID.html``: the publisher's table with its
``rowspan`` / ``colspan``) to PDF with WeasyPrint (A4 portrait, as the HTML says: a wide table's
cells wrap over many lines, a long one breaks over pages, rows split by the break), reads each
PDF with :func:`jixiao.ingest.read_bytes` and measures it against the fixture's expected file
as ``tests/realworld.py`` measures the HTML (the ``html_extra`` rows may be read or not). Per
shape it prints the shares of indicators, totals, actuals, weights, scores and execution
figures read right, the share of emitted rows that are wrong, the fixtures read fully right,
the ten fixtures with the most indicators not read right or wrong, and the reading time per
table.

The shapes (``SHAPES``):

- ``pdf``: the table ruled, every cell's border drawn (``border="1"`` honoured), as an export
  from Excel, WPS or a finance system prints it;
- ``pdf-unruled``: the same page without rules (WeasyPrint ignores ``border="1"`` unless asked
  to honour presentational hints), as a web page printed without its stylesheet.

Rendering takes about a second per table, so the PDFs are cached under ``bench/.cache/pdf/``
(git-ignored), keyed by the hash of the HTML they were made from.

Run with ``make bench`` or ``python -m bench.bench_pdf [ID …]``; ``--problems`` prints each
fixture's differences.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jixiao.errors import JixiaoError  # noqa: E402
from jixiao.ingest import read_bytes  # noqa: E402
from tests import realworld  # noqa: E402

CACHE = ROOT / "bench" / ".cache" / "pdf"
SHAPES = {"pdf": True, "pdf-unruled": False}  # shape: whether the cells' borders are drawn
WORST = 10


def pdf(fixture: str, shape: str = "pdf") -> bytes:
    """The fixture's HTML re-creation rendered to PDF in ``shape`` (from the cache when it was
    rendered before)."""
    html = (realworld.HERE / f"{fixture}.html").read_text("utf-8")
    key = hashlib.sha256(html.encode("utf-8")).hexdigest()[:20]
    path = CACHE / f"{fixture}.{shape}.{key}.pdf"
    if path.exists():
        return path.read_bytes()
    from weasyprint import HTML  # lazily: a cached run needs no rendering

    data: bytes = HTML(string=html).write_pdf(presentational_hints=SHAPES[shape])
    CACHE.mkdir(parents=True, exist_ok=True)
    for old in CACHE.glob(f"{fixture}.{shape}.*.pdf"):  # the rendering of an older HTML
        old.unlink()
    path.write_bytes(data)
    return data


def measure(fixture: str, data: bytes) -> realworld.Tally:
    name = f"{fixture}.pdf"
    return realworld.measure(fixture, name, lambda: read_bytes(data, name), recreated=True)


def _timed(data: bytes) -> float:
    """The best reading time of three (ms)."""
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        with contextlib.suppress(JixiaoError):  # a table Jixiao refuses costs its time too
            read_bytes(data, "x.pdf")
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def _report(shape: str, fixtures: list[str], problems: bool, timing: bool) -> None:
    total = realworld.Tally()
    bad: list[tuple[int, int, int, str]] = []
    ok = 0
    datas = {}
    for fixture in fixtures:
        datas[fixture] = data = pdf(fixture, shape)
        tally = measure(fixture, data)
        total.merge(tally)
        ok += tally.ok
        want = tally.expected.get("indicators", 0)
        missed = want - tally.found.get("indicators", 0)
        wrong = tally.wrong.get("indicators", 0)
        if missed or wrong:
            bad.append((-(missed + wrong), missed, wrong, fixture))
        if problems and not tally.ok:
            print(f"DIFF {fixture} ({shape})")
            for problem in tally.problems[:40]:
                print(f"     {problem}")
    print(f"  {shape:<12} fixtures ok {ok}/{len(fixtures)}")
    print(f"    {total.summary()}")
    for _, missed, wrong, fixture in sorted(bad)[:WORST]:
        print(f"      {fixture:<52} not read right {missed:3}  wrong {wrong:3}")
    if not timing:
        return
    timed = sorted((_timed(data), fixture) for fixture, data in datas.items())
    times = [t for t, _ in timed]
    p95 = times[max(int(len(times) * 0.95) - 1, 0)]
    print(
        f"    reading time per table (ms): mean / p95 / max {statistics.mean(times):6.1f} /"
        f" {p95:6.1f} / {times[-1]:6.1f} ({timed[-1][1]})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("fixtures", nargs="*", help="fixture ids (default: every one)")
    parser.add_argument("--shape", choices=SHAPES, help="only this shape")
    parser.add_argument("--problems", action="store_true", help="print each fixture's problems")
    parser.add_argument("--no-time", action="store_true", help="skip the timing")
    args = parser.parse_args()
    fixtures = [
        f
        for f in args.fixtures or realworld.fixtures()
        if realworld.expected(f)["kind"] != "monitor" and (realworld.HERE / f"{f}.html").exists()
    ]
    print(f"real tables rendered from their HTML to PDF (WeasyPrint): {len(fixtures)} documents")
    print(f"  (per shape its {WORST} worst: indicators not read right, rows emitted wrong)")
    for shape in [args.shape] if args.shape else SHAPES:
        _report(shape, fixtures, args.problems, not args.no_time)


if __name__ == "__main__":
    main()
