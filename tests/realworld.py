"""Real published tables (``tests/data/realworld/``) against their hand-written expectations.

:func:`compare` sets what Jixiao read beside what a careful person reads (the ``.expected.json``
format is in ``tests/data/realworld/README.md``) and counts, per field, what was expected, what
was found and what was emitted wrong. The tests require every fixture to match; ``make bench``
(``bench/bench_realworld.py``) prints the shares. ``python -m tests.realworld [ID …] [--as html]``
prints the differences of each fixture, for development; ``python -m tests.realworld --known``
rewrites ``known.json`` (per shape, the fixtures not yet read as their expected file says; the
strict expected failures of ``tests/test_realworld.py``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from jixiao.errors import JixiaoError
from jixiao.framework import load_framework
from jixiao.ingest import read_bytes
from jixiao.ingest.table_classes import classes
from jixiao.model import Document, Indicator, Project, Target
from jixiao.targets import type_target, unit_in_name

HERE = Path(__file__).parent / "data" / "realworld"
SHAPES = ("txt", "html", "xlsx", "docx")
FIELDS = ("indicators", "totals", "actual", "weight", "score", "execution")
"""What the benchmarks measure, in the order they print it."""


def fixtures() -> list[str]:
    """The ids of every fixture with an expected file, sorted."""
    return sorted(p.name.removesuffix(".expected.json") for p in HERE.glob("*.expected.json"))


def expected(fixture: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HERE / f"{fixture}.expected.json").read_text("utf-8"))
    return data


def read(fixture: str, shape: str = "txt") -> list[Document]:
    path = HERE / f"{fixture}.{shape}"
    return read_bytes(path.read_bytes(), str(path))


def _text(value: object) -> str:
    return "".join(str(value).split()) if value is not None else ""


def _number(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value).replace(",", "").rstrip("%"))
    except InvalidOperation:
        return None


def _typed(value: Target | str | None, name: str = "") -> tuple[Any, ...] | None:
    """A target as the test compares it: kind, op, value, upper and unit of a quantity (a bare
    number takes the unit the indicator's ``name`` states, as the readers do); the text
    (without whitespace) of anything else."""
    if value is None:
        return None
    target = type_target(value) if isinstance(value, str) else value
    if target.kind == "quantitative" and not target.unit and name:
        target.unit = unit_in_name(name)
    if not _text(target.text):
        return None
    if target.kind == "quantitative":
        return ("q", target.op, target.value, target.upper, target.unit)
    return ("t", _text(target.text))


@dataclass
class Tally:
    """Counts per field: expected, found right, emitted wrong; and the differences."""

    expected: dict[str, int] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)
    wrong: dict[str, int] = field(default_factory=dict)
    emitted: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add(self, what: str, *, expected: int = 0, found: int = 0, wrong: int = 0) -> None:
        for d, n in ((self.expected, expected), (self.found, found), (self.wrong, wrong)):
            d[what] = d.get(what, 0) + n

    def merge(self, other: Tally) -> None:
        for mine, theirs in (
            (self.expected, other.expected),
            (self.found, other.found),
            (self.wrong, other.wrong),
            (self.emitted, other.emitted),
        ):
            for k, n in theirs.items():
                mine[k] = mine.get(k, 0) + n
        self.problems.extend(other.problems)

    def share(self, what: str) -> float | None:
        n = self.expected.get(what, 0)
        return None if not n else self.found.get(what, 0) / n

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """The shares read right per field (expected ones only) and the emitted rows wrong, on
        one line, as the benchmarks print them."""
        parts = []
        for what in FIELDS:
            share = self.share(what)
            if share is not None:
                parts.append(
                    f"{what} {share:6.1%} ({self.found.get(what, 0)}/{self.expected[what]})"
                )
        emitted = self.emitted.get("indicators", 0)
        wrong = self.wrong.get("indicators", 0)
        rate = wrong / emitted if emitted else 0.0
        return "  ".join(parts) + f"  wrong rows {rate:5.1%} ({wrong}/{emitted})"


def _projects(docs: Iterable[Document]) -> list[Project]:
    return [p for d in docs for _, p in d.projects()]


def _same_actual(want: tuple[Any, ...] | None, got: tuple[Any, ...] | None) -> bool:
    """Actuals agree when typed alike; a bare number and the same number with the unit of the
    row's 度量单位 column agree too (the reader gives the actual the target's unit)."""
    if want == got:
        return True
    if want is None or got is None or want[0] != "q" or got[0] != "q":
        return False
    return want[1:4] == got[1:4] and (want[4] is None or got[4] is None)


def _quiet(*_: object) -> None:
    pass


def _classes(exp: dict[str, Any]) -> tuple[str, str]:
    """The expected classes as the indicator framework resolves what the table writes (成本指标
    under 产出指标 is read as the level 1 成本指标, a level 2 decides its level 1)."""
    l1, l2 = classes(load_framework(), exp.get("level1") or "", exp.get("level2") or "", 0,
                     _quiet, _quiet)  # fmt: skip
    return l1.name, l2.name


# Fields a table has for every indicator or for none: where an expected project states one for
# some of its indicators, one that leaves it out is expected to read null (its cell is empty,
# or merged with the row above: a 分值 / 得分 spanning a group is the group's, not each row's).
_COLUMN_FIELDS = ("actual", "weight", "score")


def _with_nulls(want: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The expected indicators with the null each one leaves out of a column the others state."""
    stated = [key for key in _COLUMN_FIELDS if any(key in exp for exp in want)]
    return [{**{key: None for key in stated}, **exp} for exp in want]


def _indicator_key(exp: dict[str, Any], got: Indicator) -> list[str]:
    """The fields of one indicator that differ (empty: a match)."""
    bad = []
    want1, want2 = _classes(exp)
    for key, mine, want in (("level1", got.level1.name, want1), ("level2", got.level2.name, want2)):
        if key in exp and _text(want) != _text(mine):
            bad.append(f"{key} {mine!r} ≠ {want!r}")
    if "target" in exp and _typed(exp["target"], exp["name"]) != _typed(got.annual):
        bad.append(f"target {got.annual.text!r} ≠ {exp['target']!r}")
    if "cycle" in exp and _typed(exp["cycle"], exp["name"]) != _typed(got.cycle):
        bad.append(f"cycle {got.cycle.text!r} ≠ {exp['cycle']!r}")
    if "actual" in exp and not _same_actual(_typed(exp["actual"], exp["name"]), _typed(got.actual)):
        shown = None if got.actual is None else got.actual.text
        bad.append(f"actual {shown!r} ≠ {exp['actual']!r}")
    for key in ("weight", "score"):
        if key in exp and _number(exp[key]) != getattr(got, key):
            bad.append(f"{key} {getattr(got, key)} ≠ {exp[key]!r}")
    for key in ("explanation", "standard", "direction", "deviation"):
        if key in exp and _text(exp[key]) != _text(getattr(got, key)):
            bad.append(f"{key} {getattr(got, key)!r} ≠ {exp[key]!r}")
    return bad


def _later_twin(exp: dict[str, Any], later: list[dict[str, Any]], got: Indicator) -> bool:
    """``got``, paired with ``exp`` by its name, is not of ``exp``'s classes but of a later
    expected indicator's of the same name (a table may state a name twice, under two classes:
    the first refused and the second read is one row missing, not a wrong row and a missing
    one)."""
    mine = [b for b in _indicator_key(exp, got) if b.split()[0] in ("level1", "level2")]
    if not mine:
        return False
    twins = (e for e in later if _text(e["name"]) == _text(exp["name"]))
    return any(
        not [b for b in _indicator_key(e, got) if b.split()[0] in ("level1", "level2")]
        for e in twins
    )


def _match_indicators(
    where: str,
    want: list[dict[str, Any]],
    got: list[Indicator],
    tally: Tally,
    extra: frozenset[str] = frozenset(),
) -> None:
    """Pair expected and read indicators by name, in order, and count what matches; rows named
    in ``extra`` may be read or not (a re-creation's rows the page's text cannot give)."""
    got = [g for g in got if _text(g.name) not in extra]
    tally.emitted["indicators"] = tally.emitted.get("indicators", 0) + len(got)
    used: set[int] = set()
    start = 0
    wanted = _with_nulls(want)
    for at, exp in enumerate(wanted):
        tally.add("indicators", expected=1)
        for key in ("actual", "weight", "score"):
            if key in exp:
                tally.add(key, expected=1)
        k = next(
            (k for k in range(start, len(got)) if _text(got[k].name) == _text(exp["name"])), None
        )
        if k is not None and _later_twin(exp, wanted[at + 1 :], got[k]):
            k = None  # (a name the table states twice: the row read is the later one's)
        if k is None:
            tally.problems.append(f"{where}: 缺少指标 {exp['name']!r}")
            continue
        used.add(k)
        start = k + 1
        bad = _indicator_key(exp, got[k])
        core = [b for b in bad if b.split()[0] in ("level1", "level2", "target", "cycle")]
        if core:
            tally.add("indicators", wrong=1)
        else:
            tally.add("indicators", found=1)
        for key in ("actual", "weight", "score"):
            if key in exp:
                if any(b.startswith(key + " ") for b in bad):
                    tally.add(key, wrong=1)
                else:
                    tally.add(key, found=1)
        if bad:
            tally.problems.append(f"{where} 指标 {exp['name']!r}: " + "; ".join(bad))
    for k, ind in enumerate(got):
        if k not in used:
            tally.add("indicators", wrong=1)
            tally.problems.append(
                f"{where}: 多出指标 {ind.name!r} ({ind.level1.name}/{ind.level2.name}: "
                f"{ind.annual.text!r})"
            )


def compare(
    docs: list[Document], exp: dict[str, Any], where: str = "", *, recreated: bool = False
) -> Tally:
    """What was read (``docs``) beside what is expected (``exp``); ``recreated``: read from an
    HTML or Excel re-creation, which may hold the rows ``html_extra`` names besides."""
    tally = Tally()
    extra = frozenset(_text(n) for n in exp.get("html_extra", ())) if recreated else frozenset()
    doc = docs[0] if docs else None
    for key in ("kind", "year", "department"):
        if key in exp and doc is not None:
            mine = getattr(doc, key)
            same = _text(mine) == _text(exp[key]) if key == "department" else mine == exp[key]
            if exp[key] is not None and not same:
                tally.problems.append(f"{where}: {key} {mine!r} ≠ {exp[key]!r}")
    if exp.get("money_unit") and doc is not None and doc.money_unit != exp["money_unit"]:
        tally.problems.append(f"{where}: money_unit {doc.money_unit!r} ≠ {exp['money_unit']!r}")
    got = _projects(docs)
    units = {id(p): u.name for d in docs for u, p in d.projects()}
    want = exp.get("projects", [])
    by_name = {_text(p.name): p for p in got}
    for n, wp in enumerate(want):
        project = by_name.get(_text(wp["name"]))
        if project is None and (len(want) == len(got) or wp["name"] is None) and n < len(got):
            project = got[n]  # (a form that names no project: any name will do)
        label = f"{where} 项目 {wp['name']!r}"
        tally.add("projects", expected=1)
        if "total" in wp:
            tally.add("totals", expected=1)
        if project is None or (wp["name"] is not None and _text(project.name) != _text(wp["name"])):
            tally.problems.append(
                f"{label}: 没有读出" if project is None else f"{label}: 读作 {project.name!r}"
            )
            for exp in _with_nulls(wp.get("indicators", [])):
                tally.add("indicators", expected=1)
                for key in _COLUMN_FIELDS:  # a project not read: its actuals are not read either
                    if key in exp:
                        tally.add(key, expected=1)
            if project is not None:  # read under another name: its rows are not found, but
                misnamed = Tally()  # those emitted wrong are wrong all the same
                _match_indicators(label, wp.get("indicators", []), project.indicators, misnamed)
                tally.add("indicators", wrong=misnamed.wrong.get("indicators", 0))
                tally.emitted["indicators"] = tally.emitted.get("indicators", 0) + len(
                    project.indicators
                )
            continue
        tally.add("projects", found=1)
        if "total" in wp:
            if _number(wp["total"]) == project.funds.total:
                tally.add("totals", found=1)
            else:
                tally.add("totals", wrong=project.funds.total is not None)
                tally.problems.append(f"{label}: total {project.funds.total} ≠ {wp['total']!r}")
        for key in ("code", "department", "unit", "goal", "grade"):
            mine = getattr(project, key)
            if key == "unit" and mine is None:
                mine = units.get(id(project))  # a table's unit column: the unit it is under
            if key == "department" and mine is None and docs:
                mine = docs[0].department  # a table's projects: the document's department
            if key in wp and wp[key] is not None and _text(mine) != _text(wp[key]):
                tally.problems.append(f"{label}: {key} {mine!r} ≠ {wp[key]!r}")
            elif key in wp and wp[key] is None and getattr(project, key) is not None:
                tally.problems.append(f"{label}: {key} {getattr(project, key)!r} ≠ None")
        if "score" in wp and _number(wp["score"]) != project.score:
            tally.problems.append(f"{label}: score {project.score} ≠ {wp['score']!r}")
        if wp.get("execution"):
            ex = project.execution
            for key, value in wp["execution"].items():
                tally.add("execution", expected=1)
                mine = None if ex is None else getattr(ex, key)
                if _number(value) == mine:
                    tally.add("execution", found=1)
                else:
                    tally.add("execution", wrong=mine is not None)
                    tally.problems.append(f"{label}: execution.{key} {mine} ≠ {value!r}")
        _match_indicators(label, wp.get("indicators", []), project.indicators, tally, extra)
    names = {_text(p["name"]) for p in want}
    for p in got[len(want) :] if any(w["name"] is None for w in want) else got:
        if _text(p.name) not in names and len(want) != len(got):
            tally.add("projects", wrong=1)
            tally.add("indicators", wrong=len(p.indicators))
            tally.emitted["indicators"] = tally.emitted.get("indicators", 0) + len(p.indicators)
            tally.problems.append(f"{where}: 多出项目 {p.name!r}（{len(p.indicators)} 个指标）")
    return tally


def check(fixture: str, shape: str = "txt") -> Tally:
    """Read one fixture in one shape and compare it with its expected file."""
    return measure(
        fixture, f"{fixture}.{shape}", lambda: read(fixture, shape), recreated=shape != "txt"
    )


def measure(
    fixture: str, where: str, reading: Callable[[], list[Document]], *, recreated: bool = True
) -> Tally:
    """What ``reading`` reads (or its refusal) beside the fixture's expected file; ``recreated``
    (the default): read from something made from the HTML re-creation, whose ``html_extra`` rows
    may be read or not (``bench/bench_shapes.py`` reads the re-creation rendered as text)."""
    exp = expected(fixture)
    refusal = exp.get("refused")  # (a table no one can read: refused, naming why)
    try:
        docs = reading()
    except JixiaoError as exc:
        tally = compare([], exp, where, recreated=recreated)
        if not refusal or refusal not in str(exc):
            tally.problems.insert(0, f"{where}: 读取失败：{exc}")
        return tally
    tally = compare(docs, exp, where, recreated=recreated)
    if refusal:
        tally.problems.insert(0, f"{where}: 应拒绝读取（{refusal}），却读出了 {len(docs)} 个文档")
    return tally


def known() -> dict[str, list[str]]:
    """Per shape, the fixtures not yet read as their expected file says (monitoring forms aside:
    the monitoring issue's reader reads them)."""
    out: dict[str, list[str]] = {}
    for shape in SHAPES:
        out[shape] = [
            fixture
            for fixture in fixtures()
            if (HERE / f"{fixture}.{shape}").exists()
            and expected(fixture)["kind"] != "monitor"
            and not check(fixture, shape).ok
        ]
    return out


def _main(argv: list[str]) -> Iterator[str]:
    if argv == ["--known"]:
        listed = known()
        text = json.dumps(listed, ensure_ascii=False, indent=1) + "\n"
        (HERE / "known.json").write_text(text, "utf-8")
        yield ", ".join(f"{shape} {len(names)}" for shape, names in listed.items())
        return
    shape = "txt"
    if "--as" in argv:
        k = argv.index("--as")
        shape = argv[k + 1]
        del argv[k : k + 2]
    total = Tally()
    for fixture in argv or fixtures():
        if not (HERE / f"{fixture}.{shape}").exists():
            continue
        tally = check(fixture, shape)
        total.merge(tally)
        mark = "ok " if tally.ok else "DIFF"
        yield f"{mark} {fixture}.{shape}"
        for problem in tally.problems[:40]:
            yield f"     {problem}"
    for what in ("indicators", "totals", "actual", "weight", "score", "execution"):
        share = total.share(what)
        if share is not None:
            yield (
                f"{what}: {total.found.get(what, 0)}/{total.expected[what]} = {share:.1%}, "
                f"wrong {total.wrong.get(what, 0)}"
            )


if __name__ == "__main__":
    for out in _main(sys.argv[1:]):
        print(out)
