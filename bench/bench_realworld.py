"""Real published tables: how much Jixiao reads right, and how fast.

Run with ``make bench``. For every fixture in ``tests/data/realworld`` (real tables from public
pages, each with a hand-written expectation) and each shape (the text saved from the page, its
HTML, Excel and Word re-creations), prints the share of expected indicators read right
(class, name, target), of project totals, of self-evaluation actuals / weights / scores, and the
share of emitted indicator rows that are wrong; then the reading time per table (mean, p95, max)
beside the bundled seed's, which must not get slower: on a first read (each table read once:
nothing of it is in the readers' caches yet, while the vocabularies are loaded and the libraries
imported, as in a worker of ``jixiao serve``), the best of three reads in a row, and in a fresh
worker process, as the web app reads an upload (the worker's start included). Use
``--held-out ID,ID`` to print the figures of a set of fixtures apart (tables measured before
the readers were tuned on them).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jixiao.errors import JixiaoError  # noqa: E402
from jixiao.ingest import read_bytes  # noqa: E402
from jixiao.isolation import LIBRARIES, preload_libraries  # noqa: E402
from jixiao.loader import parse_isolated  # noqa: E402
from tests import realworld  # noqa: E402

SEED = ROOT / "src/jixiao/data/demo/000_bb9c12b27b9c899c.txt"


def _report(title: str, fixtures: list[str], shape: str) -> None:
    total = realworld.Tally()
    for fixture in fixtures:
        if (realworld.HERE / f"{fixture}.{shape}").exists():
            total.merge(realworld.check(fixture, shape))
    print(f"  {title:<5} {total.summary()}")


def _line(shape: str, timed: list[tuple[float, str]]) -> str:
    timed = sorted(timed)
    times = [t for t, _ in timed]
    p95 = times[int(len(times) * 0.95) - 1]
    return (
        f"  {shape:<5} {statistics.mean(times):6.1f} / {p95:6.1f} / {times[-1]:6.1f}"
        f" ({timed[-1][1]})"
    )


def _timing(fixtures: list[str], shape: str, reads: int = 3) -> list[tuple[float, str]]:
    """Per fixture of ``shape``, its best reading time of ``reads`` in a row (ms) and its id;
    ``reads=1``: its first read, in a process that has read only the seed and the fixtures
    before it."""
    times = []
    for fixture in fixtures:
        path = realworld.HERE / f"{fixture}.{shape}"
        if not path.exists():
            continue
        data = path.read_bytes()
        best = float("inf")
        for _ in range(reads):
            t0 = time.perf_counter()
            with contextlib.suppress(JixiaoError):  # a table Jixiao refuses costs its time too
                read_bytes(data, path.name)
            best = min(best, time.perf_counter() - t0)
        times.append((best * 1000, fixture))
    return times


def _isolated(fixtures: list[str], shape: str) -> list[tuple[float, str]]:
    """Per fixture of ``shape``, its reading time in a fresh worker (ms) and its id: what a
    page's upload or ``jixiao tables`` costs, the worker's start and the document's way back
    included (:func:`jixiao.loader.parse_isolated`)."""
    times = []
    for fixture in fixtures:
        path = realworld.HERE / f"{fixture}.{shape}"
        if path.exists():
            t0 = time.perf_counter()
            with contextlib.suppress(JixiaoError):
                parse_isolated(str(path))
            times.append(((time.perf_counter() - t0) * 1000, fixture))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--held-out", default="", help="fixtures to report apart (ids, commas)")
    args = parser.parse_args()
    fixtures = [f for f in realworld.fixtures() if realworld.expected(f)["kind"] != "monitor"]
    held = [f for f in args.held_out.split(",") if f]
    # as in a worker of jixiao serve: the vocabularies loaded and the libraries imported
    importlib.import_module(LIBRARIES)
    importlib.import_module("jixiao.ingest.warm")
    read_bytes(SEED.read_bytes(), SEED.name)
    first = {shape: _timing(fixtures, shape, reads=1) for shape in realworld.SHAPES}
    provinces = {realworld.expected(f)["province"] for f in fixtures}
    print(f"real tables: {len(fixtures)} documents from {len(provinces)} provinces")
    for shape in realworld.SHAPES:
        _report(shape, fixtures, shape)
    if held:
        print(f"held out ({len(held)} documents):")
        for shape in realworld.SHAPES:
            _report(shape, held, shape)
    print("first read per real table (ms): mean / p95 / max (the slowest)")
    for shape in realworld.SHAPES:
        print(_line(shape, first[shape]))
    print("reading time per real table, best of three in a row (ms): mean / p95 / max")
    for shape in realworld.SHAPES:
        print(_line(shape, _timing(fixtures, shape)))
    preload_libraries()  # as jixiao serve does: its forkserver imports the readers' libraries
    parse_isolated(str(SEED))  # (the forkserver started)
    print("in a fresh worker, as an upload is read (ms): mean / p95 / max")
    for shape in realworld.SHAPES:
        print(_line(shape, _isolated(fixtures, shape)))
    data = SEED.read_bytes()
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        read_bytes(data, SEED.name)
        best = min(best, time.perf_counter() - t0)
    speed = len(data) / 1e6 / best
    print(f"seed (39 projects, 212 indicators): {best * 1000:.1f} ms, {speed:.2f} MB/s")


if __name__ == "__main__":
    main()
