"""An indentation tree in web-page text (:mod:`jixiao.ingest.readers.webtext_outline`)."""

from __future__ import annotations

from jixiao.errors import JixiaoError
from jixiao.ingest import read_bytes
from jixiao.ingest.readers.webtext import grids


def _text(cells: list[str]) -> bytes:
    return ("\n\n".join(cells) + "\n").encode()


CELLS = [
    "某某补助项目绩效目标表", "指标名称", "指标说明", "目标值", "分值",
    "产出指标", "数量指标", "补助人数", "达到计划数", "300", "20",
    "资金拨付率", "按时足额拨付", "100%", "20",
    "质量指标", "补助标准达标率", "按标准发放", "100%", "30",
    "满意度指标", "服务对象满意度指标", "受助对象满意度", "抽样调查", "95%", "30",
]  # fmt: skip


def test_a_tree_under_a_header_with_a_column_of_words_is_not_read() -> None:
    # Each explanation would read as an indicator of its own (达到计划数 | 300): refused.
    (grid,) = grids(_text(CELLS), "t.txt")
    assert "text.tree_unclear" in [n.code for n in grid.notes]
    try:
        docs = read_bytes(_text(CELLS), "t.txt")
    except JixiaoError:
        return
    assert not [i for d in docs for _, p in d.projects() for i in p.indicators]


def test_a_tree_without_such_a_column_is_read() -> None:
    plain = [
        c
        for c in CELLS
        if c not in ("指标说明", "达到计划数", "按时足额拨付", "按标准发放", "抽样调查")
    ]
    (doc,) = read_bytes(_text(plain), "t.txt")
    got = [(i.level2.name, i.name) for _, p in doc.projects() for i in p.indicators]
    assert ("数量指标", "补助人数") in got and len(got) == 4


def test_a_tree_in_pipe_rows_keeps_its_indents_up_to_the_page_after_it() -> None:
    # "|" rows (their empty cells kept, each line closed by one) set in by spaces: the levels
    # are the indents; the page's line after the tree (set out less) is not one of its rows
    rows = [
        ("某某中心", ""), ("某某补助项目", "5000"), ("产出指标", ""), ("数量指标", ""),
        ("补助人数", "300人"), ("质量指标", ""), ("资金拨付率", "100%"),
        ("满意度指标", ""), ("服务对象满意度指标", ""), ("受助对象满意度", "95%"),
    ]  # fmt: skip
    depth = [1, 2, 3, 4, 5, 4, 5, 3, 4, 5]
    lines = [f"{' ' * d}{name} | {value} | " for d, (name, value) in zip(depth, rows, strict=True)]
    text = "某某中心项目绩效目标批复表\n项目 | 指标值 | 绩效金额\n" + "\n".join(lines) + "\n附件:\n"
    (doc,) = read_bytes(text.encode(), "t.txt")
    ((_, project),) = doc.projects()
    assert project.name == "某某补助项目"
    got = [(i.level1.name, i.level2.name, i.name, i.annual.text) for i in project.indicators]
    assert got == [
        ("产出指标", "数量指标", "补助人数", "300人"),
        ("产出指标", "质量指标", "资金拨付率", "100%"),
        ("满意度指标", "服务对象满意度", "受助对象满意度", "95%"),
    ]
