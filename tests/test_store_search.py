"""Search (jixiao.store.search) on SQLite (FTS5 trigram + LIKE) and PostgreSQL (pg_trgm):
the same hits on both, in Chinese and Latin, with literal syntax characters and an index kept
in step with saves, replacements and deletions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from jixiao.errors import InputError
from jixiao.ingest.text_layout import parse_text
from jixiao.model import Document, Funds, Indicator, Level, Project, Source, Target, Unit
from jixiao.store import KINDS, SearchHit, Store
from jixiao.store import search as search_module
from jixiao.store.search import fragments, search_text, terms_of
from jixiao.store.stamps import GENERATION

from .conftest import Backend
from .helpers import seed_text

OUTPUT, QUANTITY = Level("1", "产出指标"), Level("11", "数量指标")
EFFECT, SERVED = Level("3", "满意度指标"), Level("31", "服务对象满意度指标")
LONG_GOAL = (
    "本项目围绕城市公园体系建设，统筹推进绿道网络、口袋公园和社区绿地的规划、建设与日常养护，"
    "落实精细化管理要求，做好古树名木保护、病虫害防治和园林废弃物资源化利用，"
    "年内完成新建口袋公园十二个，并提升城市绿化覆盖率。"
)


def target(text: str, value: str | None = None, unit: str | None = None) -> Target:
    if value is None:
        return Target(text)
    return Target(text, "quantitative", "≥", Decimal(value), None, unit)


def park_document(department: str = "某市林业园林局", year: int = 2024, sha: str = "1") -> Document:
    green = Project(
        "绿化养护项目",
        Funds(Decimal("120.5")),
        LONG_GOAL,
        [
            Indicator(1, OUTPUT, QUANTITY, "新增绿地面积", target("≥100亩", "100", "亩"),
                      target("≥50亩", "50", "亩")),
            Indicator(2, EFFECT, SERVED, "群众满意度", target("≥90%", "90", "%"),
                      target("≥90%", "90", "%")),
            Indicator(3, OUTPUT, QUANTITY, "PM2.5浓度下降", target("明显下降"),
                      target("明显下降")),
        ],
    )  # fmt: skip
    odd = Project(
        'AND "引号" 项目*',
        Funds(Decimal("3")),
        "100%_完成 OR NOT (括号) NEAR(a b)",
        [Indicator(1, OUTPUT, QUANTITY, "abc指标", target("AbC_1"), target("AbC_1"))],
    )
    return Document(
        department=department,
        year=year,
        money_unit="万元",
        funds=Funds(Decimal("123.5")),
        units=[Unit("园林科", Funds(Decimal("123.5")), [green, odd])],
        source=Source("park.txt", sha * 64, "text"),
    )


def where(hits: list[SearchHit]) -> list[tuple[str, str, str]]:
    return [(h.kind, h.field, h.text) for h in hits]


@pytest.fixture
def parks(store: Store) -> Store:
    store.save(park_document())
    return store


# -- terms and paths --------------------------------------------------------------------------
def test_three_characters_or_more_use_the_trigram_index(parks: Store) -> None:
    page = parks.search("绿化覆盖率")
    assert (page.total, page.total_capped) == (1, False)
    [hit] = page.hits
    assert (hit.kind, hit.field, hit.project, hit.unit) == (
        "goal",
        "goal",
        "绿化养护项目",
        "园林科",
    )
    assert (hit.department, hit.year, hit.indicator_id) == ("某市林业园林局", 2024, None)
    assert where(parks.search("绿化养护").hits) == [("project", "name", "绿化养护项目")]


def test_two_and_one_character_terms(parks: Store) -> None:
    assert where(parks.search("绿地").hits) == [
        ("goal", "goal", LONG_GOAL),
        ("indicator", "name", "新增绿地面积"),
    ]
    # one character; an annual target equal to the 实施周期 one is indexed once
    assert where(parks.search("亩").hits) == [
        ("target", "cycle", "≥100亩"),
        ("target", "annual", "≥50亩"),
    ]
    assert where(parks.search("%").hits) == [
        ("goal", "goal", "100%_完成 OR NOT (括号) NEAR(a b)"),
        ("target", "cycle", "≥90%"),
    ]


@pytest.mark.parametrize("cap", [search_module.MAX_PREFIX_TERMS, 0])
def test_short_terms_at_the_end_of_a_text_and_whole_short_texts(
    store: Store, monkeypatch: pytest.MonkeyPatch, cap: int
) -> None:
    doc = park_document()
    green = doc.units[0].projects[0]
    green.indicators[2].cycle = target("良好")  # a whole two-character text
    green.indicators[2].annual = target("优")  # a whole one-character text
    store.save(doc)
    monkeypatch.setattr(search_module, "MAX_PREFIX_TERMS", cap)  # 0: every short term by LIKE
    assert where(store.search("良好").hits) == [("target", "cycle", "良好")]
    assert where(store.search("好").hits) == [
        ("goal", "goal", LONG_GOAL),
        ("target", "cycle", "良好"),
    ]
    assert where(store.search("优").hits) == [("target", "annual", "优")]
    assert where(store.search("降", kinds=["indicator"]).hits) == [
        ("indicator", "name", "PM2.5浓度下降")
    ]  # the last character of a text
    assert [h.text for h in store.search("项目").hits] == [
        "绿化养护项目",
        'AND "引号" 项目*',
        LONG_GOAL,
    ]
    assert store.search("无此").total == 0 and store.search("\x1f").total == 0


def test_terms_are_all_required_in_one_text(parks: Store) -> None:
    assert where(parks.search("绿化 率").hits) == [("goal", "goal", LONG_GOAL)]  # long + short
    assert where(parks.search("口袋公园 绿道").hits) == [("goal", "goal", LONG_GOAL)]  # two long
    assert parks.search("绿化养护 满意度").total == 0  # in different texts
    assert parks.search("绿 亩").total == 0
    assert parks.search("  ").total == 0 and parks.search("").hits == []


def test_latin_letters_match_in_any_case(parks: Store) -> None:
    for query in ("pm2.5", "PM2.5", "Pm2"):
        assert where(parks.search(query).hits) == [("indicator", "name", "PM2.5浓度下降")], query
    assert [h.text for h in parks.search("abc").hits] == ["abc指标", "AbC_1"]
    assert [h.text for h in parks.search("aB").hits] == ["abc指标", "AbC_1"]  # LIKE path
    assert [h.text for h in parks.search("c_1").hits] == ["AbC_1"]


@pytest.mark.parametrize(
    "query",
    ['"', "*", "AND", "OR", "NOT", "NEAR(", "(", ")", 'a"b', "^", "-", ":", "%", "_", "/", "\\",
     '"引号"', "项目*", "NEAR(a", "OR NOT", "{", "%%", "__", "//", "'", "';--"],
)  # fmt: skip
def test_syntax_characters_are_literal(parks: Store, query: str) -> None:
    page = parks.search(query)
    texts = [h.text for h in page.hits]
    expected = [
        t for t in _texts(park_document()) if all(w.lower() in t.lower() for w in query.split())
    ]
    assert sorted(texts) == sorted(expected), query


def test_literal_syntax_finds_the_odd_texts(parks: Store) -> None:
    assert where(parks.search('AND "引号"').hits) == [("project", "name", 'AND "引号" 项目*')]
    assert parks.search("OR NOT").total == 1 and parks.search("NEAR(a").total == 1
    assert parks.search("0%_").total == 1 and parks.search("0%_x").total == 0


# -- filters, order and pages -----------------------------------------------------------------
def test_kinds_and_order(parks: Store) -> None:
    everything = parks.search("项")  # in names, goals: project first, then goal, indicator…
    kinds = [h.kind for h in everything.hits]
    assert kinds == sorted(kinds, key=KINDS.index)
    assert where(parks.search("绿", kinds=["indicator"]).hits) == [
        ("indicator", "name", "新增绿地面积")
    ]
    assert [h.kind for h in parks.search("绿", kinds=["project", "target"]).hits] == ["project"]
    assert parks.search("绿", kinds=[]).total == 0
    with pytest.raises(InputError, match="检索范围"):
        parks.search("绿", kinds=["goals"])


def test_department_and_year(store: Store) -> None:
    store.save(park_document("甲局", 2024, "1"))
    store.save(park_document("乙局", 2024, "2"))
    store.save(park_document("甲局", 2025, "3"))
    assert store.search("绿化养护").total == 3
    assert [(h.department, h.year) for h in store.search("绿化养护", department="甲").hits] == [
        ("甲局", 2024),
        ("甲局", 2025),
    ]
    assert [h.department for h in store.search("绿", year=2024, kinds=["project"]).hits] == [
        "甲局",
        "乙局",
    ]
    assert store.search("绿化", department="丙").total == 0


def test_pages_and_capped_totals(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    for k in range(3):
        store.save(park_document(f"局{k}", 2024, str(k)))
    full = store.search("亩", limit=500)
    assert full.total == 6 and len(full.hits) == 6
    pages = [store.search("亩", limit=4, offset=o).hits for o in (0, 4, 8)]
    assert [len(p) for p in pages] == [4, 2, 0]
    assert pages[0] + pages[1] == full.hits
    monkeypatch.setattr(search_module, "COUNT_CAP", 4)
    capped = store.search("亩", limit=2, offset=4)
    assert (capped.total, capped.total_capped) == (4, True)
    assert capped.hits == full.hits[4:6]  # pages past the cap still come
    for bad in ({"limit": 0}, {"limit": 501}, {"offset": -1}, {"limit": True}):
        with pytest.raises(InputError):
            store.search("亩", **bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("cap", [1000, 3])
def test_filtered_pages_equal_the_unfiltered_hits_filtered(
    store: Store, monkeypatch: pytest.MonkeyPatch, cap: int
) -> None:
    for k, (department, year) in enumerate((("甲局", 2024), ("乙局", 2024), ("甲局", 2025))):
        store.save(park_document(department, year, str(k)))
    everything = store.search("绿", limit=500).hits + store.search("%", limit=500).hits
    monkeypatch.setattr(search_module, "COUNT_CAP", cap)
    for query in ("绿", "%"):
        for kinds in (None, ["goal", "target"], ["indicator"]):
            for department, year in (("甲", None), (None, 2024), ("甲局", 2025), ("丙", None)):
                expected = [
                    h for h in everything
                    if query in h.text.lower() and (kinds is None or h.kind in kinds)
                    and (department is None or department in h.department)
                    and (year is None or h.year == year)
                ]  # fmt: skip
                got = [
                    hit
                    for offset in range(0, len(expected) + 2, 2)
                    for hit in store.search(query, department=department, year=year,
                                            kinds=kinds, limit=2, offset=offset).hits
                ]  # fmt: skip
                assert got == expected, (query, kinds, department, year)
                page = store.search(query, department=department, year=year, kinds=kinds)
                assert page.total == min(len(expected), cap)
                assert page.total_capped == (len(expected) > cap)


# -- highlighting -------------------------------------------------------------------------------
def test_fragments_mark_every_match() -> None:
    assert fragments("群众满意度调查", ["满意"]) == (
        ("群众", False),
        ("满意", True),
        ("度调查", False),
    )
    assert fragments("PM2.5 and pm10", ["pm"]) == (
        ("PM", True), ("2.5 and ", False), ("pm", True), ("10", False),
    )  # fmt: skip
    # overlapping terms merge into one marked run
    assert fragments("口袋公园", ["口袋公", "公园"]) == (("口袋公园", True),)


def test_fragments_cut_a_window_around_the_first_match(parks: Store) -> None:
    [hit] = parks.search("覆盖率").hits
    pieces = hit.fragments
    assert pieces[0] == ("…", False) and pieces[-1][0] != "…"  # the match is near the end
    assert [p for p, marked in pieces if marked] == ["覆盖率"]
    shown = "".join(p for p, _ in pieces[1:])
    assert len(shown) == search_module.WINDOW and LONG_GOAL.endswith(shown)
    [start] = parks.search("本项目围绕").hits
    assert start.fragments[0] == ("本项目围绕", True) and start.fragments[-1] == ("…", False)
    assert fragments("短", ["x"]) == (("短", False),)


def test_terms_of_drops_contained_and_repeated_terms() -> None:
    assert terms_of("培训 培训班  PM pm 训") == ["培训班", "PM"]
    assert terms_of(" a\u3000b ") == ["a", "b"]


# -- the index follows the documents ----------------------------------------------------------
def _indexed(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(search_text)) or 0)


def _texts(doc: Document) -> list[str]:
    out: list[str] = []
    for _, project in doc.projects():
        out += [t for t in (project.name, project.goal) if t]
        for ind in project.indicators:
            out += [t for t in (ind.name, ind.cycle.text) if t]
            if ind.annual.text != ind.cycle.text and ind.annual.text:
                out.append(ind.annual.text)
    return out


def test_replace_and_delete_keep_the_index_in_step(store: Store) -> None:
    old = park_document()
    first = store.save(old)
    assert _indexed(store) == len(_texts(old))
    new = park_document(sha="2")
    new.units[0].projects[0].name = "绿化提升工程"
    replaced = store.save(new, replace=True)
    assert replaced.status == "replaced"
    assert store.search("绿化养护").total == 0
    assert [h.document_id for h in store.search("绿化提升").hits] == [replaced.document_id]
    assert _indexed(store) == len(_texts(new))
    assert replaced.document_id == first.document_id  # a new version of the same document
    store.delete(replaced.document_id)
    assert _indexed(store) == 0 and store.search("绿").total == 0
    store.save(park_document(sha="3"))
    store.rebuild_search()
    assert _indexed(store) == len(_texts(park_document()))


def test_seed_hits_equal_the_texts_of_the_model(store: Store) -> None:
    doc = parse_text(seed_text(), "seed.txt")
    store.save(doc)
    texts = _texts(doc)
    for query in ("满意度", "培训", "率", "企业 计划", "TCL", "tcl", "亿元 ≥", "%", "创新能力"):
        terms = query.split()
        expected = [t for t in texts if all(w.lower() in t.lower() for w in terms)]
        page = store.search(query, limit=500)
        assert page.total == len(expected), query
        assert sorted(h.text for h in page.hits) == sorted(expected), query
        assert all(any(marked for _, marked in h.fragments) for h in page.hits), query


def test_short_terms_see_what_other_writers_add(backend: Backend) -> None:
    """The prefix lists of short terms are cached per connection until any writer (this store
    or another process's) bumps the data generation, so a new text is found at once."""
    reader, writer = backend.open(), backend.open()
    reader.save(park_document())
    assert reader.search("魑魅").hits == []  # cached: no trigram starts with 魑魅
    assert reader.search("绿地").total == 2
    doc = park_document(department="某县林业局", sha="2")
    doc.units[0].projects[0].indicators[0].name = "魑魅魍魉清理数量"
    added = writer.save(doc).document_id
    assert where(reader.search("魑魅").hits) == [("indicator", "name", "魑魅魍魉清理数量")]
    assert reader.search("绿地").total == 3
    writer.delete(added)
    assert reader.search("魑魅").hits == []


EVERY_WRITE = (GENERATION,)


def test_the_generation_follows_every_document_write_by_any_store(backend: Backend) -> None:
    reader, writer = backend.open(), backend.open()
    before = reader.stamps(EVERY_WRITE)
    added = writer.save(park_document()).document_id
    saved = reader.stamps(EVERY_WRITE)
    assert saved != before and writer.stamps(EVERY_WRITE) == saved
    writer.delete(added)
    assert reader.stamps(EVERY_WRITE) not in (before, saved)
