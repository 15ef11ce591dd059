"""Text saved from web pages made readable (``jixiao.ingest.text_clean``): mirror noise and a
copy's blank lines go, with a note; nothing else is touched."""

from __future__ import annotations

from jixiao.ingest.text_clean import normalize, tab_cells, tab_separated

ROWS = [
    "项目名称 | 某某项目 | 主管部门 | 某某局",
    "一级指标 | 二级指标 | 三级指标 | 指标值",
    "产出指标 | 数量指标 | 培训人数 | ≥100人",
    "| | 培训期数 | 4期",
    "| 质量指标 | 合格率 | ≥95%",
    "效益指标 | 社会效益指标 | 就业率 | ≥80%",
    "满意度指标 | 服务对象满意度指标 | 学员满意度 | ≥90%",
    "",
    "| | | 备注",
]


def test_rows_between_pipes_copied_double_spaced_lose_the_blank_lines() -> None:
    text = "\n".join(ROWS)
    doubled = text.replace("\n", "\n\n")
    got, notes = normalize(doubled)
    assert got == text  # a run of two blank lines (an empty line) is one again
    assert [n.code for n in notes] == ["text.double_spaced"]


def test_blank_lines_that_say_something_stay() -> None:
    text = "\n".join(ROWS)
    # single-spaced rows, and rows of which two touch: the blank lines are the page's
    assert normalize(text) == (text, [])
    touching = text.replace("\n", "\n\n", 5)
    assert normalize(touching) == (touching, [])
    # a cell per paragraph (no |): the blank lines end cells
    cells = "\n\n".join(c.strip() for row in ROWS for c in row.split("|") if c.strip())
    assert normalize(cells) == (cells, [])


def test_traditional_text_of_a_mirror_reads_as_simplified() -> None:
    got, notes = normalize("項目名稱 | 績效指標 | 滿意度 | 數量指標 | 質量指標 | 預算")
    assert got == "项目名称 | 绩效指标 | 满意度 | 数量指标 | 质量指标 | 预算"
    assert [n.code for n in notes] == ["text.traditional"]


def test_pinyin_whose_character_the_encoding_lost_goes_too() -> None:
    text, notes = normalize("???jī)效指标分类 学(xué)习")
    assert text == "???效指标分类 学习"
    assert [n.code for n in notes] == ["text.pinyin"]


def test_a_table_copied_with_tabs_and_an_empty_cell_reads_between_pipes() -> None:
    # a browser's or a spreadsheet's copy: a tab between cells, an empty cell kept (合格率's
    # empty 指标解释 between two tabs after a cell's text)
    rows = [r.replace(" | ", "\t") for r in ROWS[:7]]
    rows[4] = "\t质量指标\t合格率\t\t≥95%"
    text = "某某项目绩效目标表\n" + "\n".join(rows) + "\n"
    assert tab_separated(text)
    got, notes = tab_cells(text)
    assert (
        " | 质量指标 | 合格率 |  | ≥95%" in got and "产出指标 | 数量指标 | 培训人数 | ≥100人" in got
    )
    assert [n.code for n in notes] == ["text.tab_cells"]
    # rows that only start with tabs (merged cells above) prove no empty cell of their own
    rows[4] = "\t质量指标\t合格率\t≥95%"
    alone = "\n".join(rows)
    assert tab_cells(alone) == (alone, [])


def test_tabs_that_show_no_empty_cell_are_spaces_as_before() -> None:
    # tabs for the spaces between words (an editor's), or indenting a tree's levels: no cell
    # of a table is proven empty, so nothing says the tabs are its cells' own separators
    spaced = "\n".join(r.replace(" | ", "\t").replace(" ", "\t") for r in ROWS[:7])
    assert tab_cells(spaced) == (spaced, [])
    tree = "指标名称\t指标值\n产出指标\n\t数量指标\n\t\t人数\t10人\n\t\t次数\t2次\n"
    assert tab_cells(tree) == (tree, [])
    assert not tab_separated("甲\t\t乙\n")  # (one line: no table)
