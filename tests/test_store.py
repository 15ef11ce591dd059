"""The store on SQLite and PostgreSQL (see ``conftest.backend``): round trips, versions,
atomicity, queries, concurrency and clear errors."""

from __future__ import annotations

import copy
import sqlite3
import threading
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from jixiao.errors import DuplicateError, NotFoundError, StoreError
from jixiao.interchange import to_dict
from jixiao.model import (
    Document,
    Funds,
    Indicator,
    Level,
    Note,
    Project,
    Source,
    Target,
    Unit,
    assign_ids,
)
from jixiao.store import IndicatorFilter, ProjectFilter, Store, resolve_url
from jixiao.store.exact import MAX_VALUE
from jixiao.store.schema import (
    SCHEMA_VERSION,
    documents,
    indicators,
    meta,
    projects,
    units,
)

from .selfeval import ACTUAL, DEVIATION, FIRST, SCORE, selfeval_document

if TYPE_CHECKING:
    from .conftest import Backend

D = Decimal
TABLES = (documents, units, projects, indicators)


def quantity(text_: str, op: str, value: str, unit: str | None, label: str | None = None) -> Target:
    return Target(text_, "quantitative", op, D(value), None, unit, label)  # type: ignore[arg-type]


OUTPUT = Level("1", "产出指标")
QUANTITY = Level("11", "数量指标")
QUALITY = Level("12", "质量指标")
SATISFACTION = Level("3", "满意度指标")
SERVED = Level("31", "服务对象满意度指标")
EFFECT = Level(None, "效益指标")
SOCIAL = Level(None, "社会效益指标")


def make_document(
    department: str = "广州市科学技术局",
    year: int | None = 2024,
    sha: str | None = "a" * 64,
) -> Document:
    composite = Target(
        "论文≥10篇，专利≥5项",
        "composite",
        parts=[
            quantity("论文≥10篇", "≥", "10", "篇", label="论文"),
            quantity("专利≥5项", "≥", "5", "项", label="专利"),
        ],
    )
    rng = Target("80%-90%", "quantitative", "range", D("80"), D("90.0"), "%")
    vague = Target("明显提升")
    research = Project(
        "基础研究计划",
        Funds(D("12537.00"), D("12537.00"), None, None),
        "支持基础研究，提升原始创新能力。",
        [
            Indicator(
                1,
                OUTPUT,
                QUANTITY,
                "资助项目数",
                quantity("≥100项", "≥", "100", "项"),
                quantity("≥100项", "≥", "100", "项"),
            ),
            Indicator(2, OUTPUT, QUALITY, "成果产出", composite, copy.deepcopy(composite)),
            Indicator(3, EFFECT, SOCIAL, "创新能力", vague, Target("持续提升")),
        ],
    )
    cars = Project(
        "车辆租用经费",
        Funds(D("0.5"), None, D("0.5"), D("0")),
        "保障评审工作用车。",
        [
            Indicator(
                1,
                OUTPUT,
                QUALITY,
                "租车行程完成率",
                quantity("≥95%", "≥", "95", "%"),
                quantity("≥95%", "≥", "95", "%"),
            ),
            Indicator(2, SATISFACTION, SERVED, "用车满意度", rng, copy.deepcopy(rng)),
        ],
    )
    big = Project(
        "企业创新计划",
        Funds(D("1640000000"), D("1.64E+9"), None, None),
        "",
        [
            Indicator(
                1,
                OUTPUT,
                QUANTITY,
                "支持企业数",
                quantity("约1.64亿", "≈", "1.64E+8", "元"),
                quantity("0.000001", "=", "0.000001", None),
            ),
        ],
    )
    empty = Project("购置经费", Funds(), "", [])
    doc = Document(
        department=department,
        year=year,
        money_unit="万元",
        funds=Funds(D("1640012537.50"), None, None, None),
        units=[
            Unit("广州市科学技术局（本级）", Funds(D("1640012537.00")), [research, big, empty]),
            Unit("广州市科技项目评审中心", Funds(D("0.50"), D("-0")), [cars, copy.deepcopy(empty)]),
            Unit("空单位", Funds()),
        ],
        notes=[
            Note("warning", "sum", "单位合计与项目之和不符", line=12, unit="空单位"),
            Note("info", "label", "标签写作“实施周期指值”"),
        ],
        title=f"{department}{year or ''}年项目支出绩效目标表",
        source=None if sha is None else Source("表.txt", sha, "text"),
    )
    # ids as a reader gives them (from the sha256 and positions)
    return assign_ids(doc, sha or f"{department}/{year}")


def rows(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {t.name: conn.scalar(select(func.count()).select_from(t)) or 0 for t in TABLES}


# -- round trips --------------------------------------------------------------------------
def test_save_and_load_round_trip(store: Store) -> None:
    doc = make_document()
    result = store.save(doc)
    assert result.status == "stored" and result.reason == ""
    loaded = store.load(result.document_id)
    assert to_dict(loaded) == to_dict(doc)
    assert loaded == doc  # the dataclasses too, Decimal exponents included
    assert str(loaded.units[0].projects[0].funds.total) == "12537.00"
    assert str(loaded.units[0].projects[1].funds.fiscal) == "1.64E+9"
    assert str(loaded.units[1].funds.fiscal) == "-0"
    assert rows(store) == {"documents": 1, "units": 3, "projects": 5, "indicators": 6}


def test_self_evaluation_round_trips_with_every_field(store: Store) -> None:
    doc = selfeval_document()
    result = store.save(doc)
    loaded = store.load(result.document_id)
    assert to_dict(loaded) == to_dict(doc)
    assert loaded == doc
    farmland, extension = loaded.units[0].projects
    assert loaded.kind == "selfeval"
    assert farmland.execution is not None and str(farmland.execution.initial) == "1200.00"
    assert extension.execution is not None and extension.execution.is_empty()
    first = farmland.indicators[0]
    assert first.actual is not None and first.actual.text == ACTUAL
    assert (str(first.weight), str(first.score), first.deviation) == ("20.0", SCORE, DEVIATION)
    assert farmland.indicators[2].deviation == ""  # an empty cell is not a missing column
    assert farmland.indicators[3].actual is None and farmland.indicators[3].score is None
    # a target table next to it keeps its kind and has none of these
    plain = store.save(make_document())
    assert store.load(plain.document_id).kind == "target"
    kinds = {row.id: row.kind for row in store.documents()}
    assert kinds == {result.document_id: "selfeval", plain.document_id: "target"}


def test_a_target_table_and_a_self_evaluation_of_one_year_are_two_documents(
    store: Store,
) -> None:
    target = store.save(make_document("示例市农业农村局", 2024, "1" * 64))
    evaluation = store.save(selfeval_document("示例市农业农村局", 2024, "2" * 64))
    assert evaluation.status == "stored"
    newer = selfeval_document("示例市农业农村局", 2024, "3" * 64)
    with pytest.raises(DuplicateError):  # another version of the self-evaluation
        store.save(newer)
    replaced = store.save(newer, replace=True)
    assert replaced.status == "replaced" and str(evaluation.document_id) in replaced.reason
    assert sorted((d.id, d.kind) for d in store.documents()) == [
        (target.document_id, "target"),
        (replaced.document_id, "selfeval"),
    ]


def test_self_evaluation_project_view_and_indicator_rows(store: Store) -> None:
    doc = selfeval_document()
    document_id = store.save(doc).document_id
    [pid] = store.find_projects(FIRST)
    view = store.project(pid)
    assert view.kind == "selfeval"
    assert view.project == doc.units[0].projects[0]
    page = store.indicators(IndicatorFilter(document_id=document_id))
    first = page.items[0]
    assert first.actual == doc.units[0].projects[0].indicators[0].actual
    assert (str(first.weight), str(first.score), first.measure) == ("20.0", SCORE, "万亩")
    assert page.items[-1].actual is None and page.items[-1].weight is None


def test_self_evaluation_numbers_out_of_range_name_the_field(store: Store) -> None:
    doc = selfeval_document()
    doc.units[0].projects[0].indicators[1].score = D("0.1234567")
    with pytest.raises(StoreError, match=r"工程验收合格率.*得分"):
        store.save(doc)
    doc = selfeval_document()
    execution = doc.units[0].projects[0].execution
    assert execution is not None
    execution.rate = D("1E+20")
    with pytest.raises(StoreError, match="预算执行"):
        store.save(doc)
    doc = selfeval_document()
    actual = doc.units[0].projects[0].indicators[0].actual
    assert actual is not None
    actual.value = D("0.00000001")
    with pytest.raises(StoreError, match="实际完成值"):
        store.save(doc)
    assert rows(store)["documents"] == 0


def test_document_without_source_round_trips_and_is_skipped_by_content(store: Store) -> None:
    doc = make_document(sha=None)
    first = store.save(doc)
    assert to_dict(store.load(first.document_id)) == to_dict(doc)
    again = store.save(make_document(sha=None))
    assert (again.status, again.document_id) == ("skipped", first.document_id)


def test_iter_documents_filters_exactly(store: Store) -> None:
    a = make_document("甲局", 2024, "1" * 64)
    b = make_document("甲局", 2025, "2" * 64)
    c = make_document("甲局分局", 2024, "3" * 64)
    for doc in (c, b, a):
        store.save(doc)
    assert [to_dict(d) for d in store.iter_documents(department="甲局")] == [
        to_dict(a),
        to_dict(b),
    ]
    assert [d.department for d in store.iter_documents(year=2024)] == ["甲局", "甲局分局"]
    assert len(list(store.iter_documents())) == 3


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    sign=st.integers(0, 1),
    coefficient=st.integers(0, 10**13),
    exponent=st.integers(-9, 6),
)
def test_any_decimal_round_trips_exactly_or_is_refused(
    store: Store, sign: int, coefficient: int, exponent: int
) -> None:
    value = Decimal((sign, tuple(int(c) for c in str(coefficient)), exponent))
    doc = make_document(department=f"局{value}", sha=None)
    doc.units[0].projects[0].funds.other = value
    doc.units[0].projects[0].indicators[0].annual.upper = value
    try:
        representable = value == value.quantize(Decimal("0.000001")) and abs(value) <= MAX_VALUE
    except InvalidOperation:
        representable = False
    if not representable:
        with pytest.raises(StoreError):
            store.save(doc)
        return
    result = store.save(doc)
    loaded = store.load(result.document_id)
    assert to_dict(loaded) == to_dict(doc)
    assert str(loaded.units[0].projects[0].funds.other) == str(value)


def test_numbers_are_exact_in_sql(store: Store) -> None:
    store.save(make_document())
    with store.engine.connect() as conn:
        total = conn.scalar(select(func.sum(projects.c.total)))
    assert total == D("1640012537.5")
    assert isinstance(total, Decimal)


# -- versions -------------------------------------------------------------------------------
def test_same_content_is_skipped(store: Store) -> None:
    first = store.save(make_document())
    again = store.save(make_document(), replace=True)
    assert again.status == "skipped" and again.document_id == first.document_id
    assert "已入库" in again.reason
    assert rows(store)["documents"] == 1


def test_other_version_needs_replace(store: Store) -> None:
    first = store.save(make_document())
    newer = make_document(sha="b" * 64)
    newer.units[0].projects[0].name = "基础研究计划（调整）"
    with pytest.raises(DuplicateError, match="--replace") as err:
        store.save(newer)
    assert err.value.exit_code == 4
    assert rows(store)["documents"] == 1
    replaced = store.save(newer, replace=True)
    # the same document, at version 2; version 1 stays readable
    assert replaced.status == "replaced" and replaced.document_id == first.document_id
    assert "第 2 版" in replaced.reason
    assert [d.id for d in store.documents()] == [replaced.document_id]
    assert to_dict(store.load(replaced.document_id)) == to_dict(newer)
    assert to_dict(store.load_version(first.document_id, 1)) == to_dict(make_document())
    assert [v.version for v in store.versions(first.document_id)] == [1, 2]
    assert rows(store) == {"documents": 1, "units": 3, "projects": 5, "indicators": 6}
    # another year or department is another document
    assert store.save(make_document(year=2025, sha="c" * 64)).status == "stored"
    assert store.save(make_document(year=None, sha="d" * 64)).status == "stored"
    with pytest.raises(DuplicateError):
        store.save(make_document(year=None, sha="e" * 64))


# -- atomicity ------------------------------------------------------------------------------
def test_value_with_seven_decimals_stores_nothing(store: Store) -> None:
    doc = make_document()
    last = doc.units[1].projects[0].indicators[-1]
    last.annual = quantity("0.1234567", "=", "0.1234567", None)
    with pytest.raises(StoreError, match="6 位"):
        store.save(doc)
    assert rows(store) == dict.fromkeys(("documents", "units", "projects", "indicators"), 0)


def test_values_out_of_range_are_refused(store: Store) -> None:
    doc = make_document()
    doc.funds.total = D("1E+13")
    with pytest.raises(StoreError, match="范围"):
        store.save(doc)
    doc.funds.total = D("NaN")
    with pytest.raises(StoreError):
        store.save(doc)
    assert rows(store)["documents"] == 0


def test_failure_mid_save_leaves_no_rows(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save(make_document("乙局", 2024, "f" * 64))
    before = rows(store)

    def broken(*_: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store._bulk, "insert", broken)
    with pytest.raises(RuntimeError):
        store.save(make_document())
    assert rows(store) == before
    # a database error half way (a NOT NULL column) is a StoreError and leaves nothing either
    monkeypatch.undo()
    bad = make_document()
    bad.units[1].projects[0].indicators[-1].level2 = Level("31", None)  # type: ignore[arg-type]
    with pytest.raises(StoreError):
        store.save(bad)
    assert rows(store) == before


def test_failed_replace_keeps_the_old_version(store: Store) -> None:
    old = store.save(make_document())
    bad = make_document(sha="b" * 64)
    bad.units[-1].funds.other = D("0.00000001")
    with pytest.raises(StoreError):
        store.save(bad, replace=True)
    assert to_dict(store.load(old.document_id)) == to_dict(make_document())


# -- queries ---------------------------------------------------------------------------------
def test_documents_listing(store: Store) -> None:
    store.save(make_document("乙局", None, "1" * 64))
    store.save(make_document("甲局", 2024, "2" * 64))
    listing = store.documents()
    assert [(d.department, d.year) for d in listing] == [("乙局", None), ("甲局", 2024)]
    row = listing[0]
    assert (row.units, row.projects, row.indicators) == (3, 5, 6)
    assert str(row.total) == "1640012537.50" and row.money_unit == "万元"
    assert row.source_name == "表.txt" and row.ingested_at.endswith("+00:00")


def test_project_filters(store: Store) -> None:
    store.save(make_document("甲局", 2024, "1" * 64))
    store.save(make_document("乙局", 2025, "2" * 64))

    def names(**kw: Any) -> list[tuple[str, str]]:
        return [(r.department, r.name) for r in store.projects(ProjectFilter(**kw))]

    everything = store.projects(ProjectFilter())
    assert len(everything) == 10
    first = everything[0]
    assert (first.department, first.unit, first.name) == (
        "乙局",
        "广州市科学技术局（本级）",
        "基础研究计划",
    )
    assert (str(first.total), str(first.fiscal), first.indicators) == ("12537.00", "12537.00", 3)
    in_order = ("基础研究计划", "企业创新计划", "购置经费", "车辆租用经费", "购置经费")
    assert names(department="甲") == [("甲局", n) for n in in_order]
    assert names(year=2025, name="车辆") == [("乙局", "车辆租用经费")]
    assert len(names(unit="评审中心")) == 4
    assert names(unit="%") == [] and names(name="_") == []
    assert names(level="满意度指标", department="甲局") == [("甲局", "车辆租用经费")]
    assert names(level="3", year=2024) == [("甲局", "车辆租用经费")]
    assert names(level="12", year=2024) == [("甲局", "基础研究计划"), ("甲局", "车辆租用经费")]
    assert names(level="12-质量指标", year=2024) == names(level="12", year=2024)
    assert names(level="质量指标", year=2024) == names(level="12", year=2024)
    assert names(level="效益指标", year=2024) == [("甲局", "基础研究计划")]
    assert names(min_total=D("10000"), year=2024) == [
        ("甲局", "基础研究计划"),
        ("甲局", "企业创新计划"),
    ]
    assert names(max_total=D("0.5"), year=2024) == [("甲局", "车辆租用经费")]
    assert names(min_total=D("0.4999999"), max_total=D("0.5000001"), year=2024) == [
        ("甲局", "车辆租用经费")
    ]
    assert names(min_total=D("1E+30")) == [] and len(names(max_total=D("1E+30"))) == 6
    assert names(limit=2, offset=1) == [("乙局", "企业创新计划"), ("乙局", "购置经费")]


def test_project_view_and_find(store: Store) -> None:
    store.save(make_document("甲局", 2024, "1" * 64))
    store.save(make_document("乙局", 2024, "2" * 64))
    ids = store.find_projects("购置经费")
    assert len(ids) == 4
    assert store.find_projects("购置经费", department="甲", year=2024) == ids[:2]
    assert (
        store.find_projects("购置") == [] and store.find_projects("车辆租用经费", year=1999) == []
    )
    [pid] = store.find_projects("车辆租用经费", department="乙局")
    view = store.project(pid)
    assert (view.department, view.year, view.money_unit) == ("乙局", 2024, "万元")
    assert view.unit == "广州市科技项目评审中心"
    assert view.project == make_document("乙局", 2024, "2" * 64).units[1].projects[0]
    with pytest.raises(NotFoundError) as err:
        store.project("00000000-0000-0000-0000-000000000000")
    assert err.value.exit_code == 5
    with pytest.raises(NotFoundError):
        store.load(999_999)


# -- opening, concurrency and errors -------------------------------------------------------
def test_reopen_keeps_data_and_schema_version(backend: Backend) -> None:
    with backend.open() as store:
        store.save(make_document())
    with backend.open() as store:
        assert len(store.documents()) == 1
        with store.engine.connect() as conn:
            version = conn.scalar(select(meta.c.value).where(meta.c.key == "schema_version"))
        assert version == str(SCHEMA_VERSION)


def test_newer_schema_is_refused(backend: Backend) -> None:
    with backend.open() as store, store.engine.begin() as conn:
        conn.execute(meta.update().values(value=str(SCHEMA_VERSION + 1)))
    with pytest.raises(StoreError, match="升级"):
        backend.open()


def test_reader_does_not_wait_for_an_open_writer(backend: Backend) -> None:
    writer, reader = backend.open(), backend.open()
    writer.save(make_document("甲局", 2024, "1" * 64))
    with writer.engine.connect().execution_options(jixiao_write=True) as conn, conn.begin():
        if backend.name == "postgresql":
            conn.execute(text("LOCK TABLE documents IN SHARE ROW EXCLUSIVE MODE"))
        conn.execute(documents.delete())  # uncommitted, holding the write lock
        t0 = time.perf_counter()
        assert [d.department for d in reader.documents()] == ["甲局"]
        assert len(reader.projects()) == 5
        assert time.perf_counter() - t0 < 2  # the busy timeout is 5 s
    assert reader.documents() == []


def test_concurrent_writers_queue(backend: Backend) -> None:
    stores = [backend.open() for _ in range(3)]
    errors: list[BaseException] = []

    def work(i: int, store: Store) -> None:
        try:
            for j in range(4):
                store.save(make_document(f"局{i}", 2000 + j, f"{i}{j}".ljust(64, "0")))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i, s)) for i, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(stores[0].documents()) == 12
    assert rows(stores[0])["indicators"] == 12 * 6


def test_concurrent_versions_of_one_document_do_not_both_land(backend: Backend) -> None:
    stores = [backend.open() for _ in range(4)]
    barrier = threading.Barrier(len(stores))
    outcomes: list[str] = []

    def work(i: int, store: Store) -> None:
        barrier.wait()
        try:
            outcomes.append(store.save(make_document(sha=str(i) * 64)).status)
        except DuplicateError:
            outcomes.append("duplicate")

    threads = [threading.Thread(target=work, args=(i, s)) for i, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["duplicate"] * 3 + ["stored"]
    assert rows(stores[0]) == {"documents": 1, "units": 3, "projects": 5, "indicators": 6}


def test_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_url("postgresql://u:pw@h/db").drivername == "postgresql+psycopg"
    assert resolve_url("postgres://u@h:5433/db").render_as_string() == (
        "postgresql+psycopg://u@h:5433/db"
    )
    assert resolve_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"
    url = resolve_url("relative/名字 #?.db")
    assert url.drivername == "sqlite" and url.database == str(tmp_path / "relative/名字 #?.db")
    assert (tmp_path / "relative").is_dir()


def test_sqlite_file_is_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "j.db"
    with Store(str(path)) as store:
        assert store.dialect == "sqlite"
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        store.save(make_document())
    with sqlite3.connect(path) as raw:  # a plain SQLite file: micro-units and readable text
        total, written = raw.execute("SELECT total, total_text FROM documents").fetchone()
    raw.close()
    assert (total, written) == (1640012537500000, "1640012537.50")


def test_sqlite_url_forms(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path}/a/b.db") as store:
        store.save(make_document())
    assert (tmp_path / "a" / "b.db").exists()
    for memory_url in ("sqlite://", ":memory:"):
        with Store(memory_url) as memory:
            assert memory.documents() == []


def test_unwritable_path_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="无法创建") as err:
        Store(str(blocker / "sub" / "j.db"))
    assert err.value.exit_code == 4
    with pytest.raises(StoreError, match="无法打开数据库"):
        Store(str(tmp_path))  # a folder, not a file
    text_file = tmp_path / "notes.txt"
    text_file.write_text("这不是数据库。\n" * 200, encoding="utf-8")
    with pytest.raises(StoreError, match=r"notes\.txt"):
        Store(str(text_file))  # a file that is not a database
    assert text_file.read_text(encoding="utf-8").startswith("这不是数据库")
    tiny = tmp_path / "tiny.txt"
    tiny.write_bytes(b"x")  # SQLite itself would take this one over
    with pytest.raises(StoreError, match="不是 SQLite 数据库文件"):
        Store(str(tiny))
    assert tiny.read_bytes() == b"x"


def test_unreachable_postgresql_is_a_store_error() -> None:
    with pytest.raises(StoreError) as err:
        Store("postgresql://jixiao:s3cret@127.0.0.1:1/nothing")
    message = str(err.value)
    assert "无法打开数据库" in message and "127.0.0.1:1" in message
    assert "s3cret" not in message and "Traceback" not in message


@pytest.mark.parametrize(
    "url", ["mysql://u:pw@localhost/x", "nosuch://x", "postgresql://u:pw@[bad/x"]
)
def test_bad_urls_are_store_errors(url: str) -> None:
    with pytest.raises(StoreError) as err:
        Store(url)
    assert "pw" not in str(err.value)
