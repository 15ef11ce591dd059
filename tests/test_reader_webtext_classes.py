"""The class cells of aligned rows of web-page text
(:mod:`jixiao.ingest.readers.webtext_classes`)."""

from __future__ import annotations

from jixiao.ingest.readers.webtext_classes import doubled_classes
from jixiao.ingest.text_align import Row
from jixiao.ingest.text_tokens import Gap, Token, tokens

ROLES: list[str | None] = ["level1", "level2", "name", "annual", "actual"]


def _rows(gap: Gap, line: int = 7) -> list[Row]:
    """产出指标 | 质量指标 (a row of classes only), then 质量指标 again before a name and its
    values, the second 质量指标 set against the first by ``gap`` on ``line``."""
    first = Row(["产出指标", "质量指标", "", "", ""], 7, 0.0, 2)
    first.parts = {0: [Token("产出指标", 7, "line")], 1: [Token("质量指标", 7, "cut")]}
    second = Row(["", "质量指标", "某某合格率", "90%", "90%"], line, 0.0, 4)
    second.parts = {1: [Token("质量指标", line, gap)], 2: [Token("某某合格率", line, "cut")]}
    return [first, second]


def test_a_class_label_written_twice_with_nothing_between_leaves_the_name_in_doubt() -> None:
    # 产出指标质量指标质量指标某某合格率90%90%: the name may start with the second 质量指标
    assert list(doubled_classes(_rows("cut"), ROLES)) == [1]
    assert list(doubled_classes(_rows("glue"), ROLES)) == [1]


def test_a_class_label_again_after_a_separator_or_on_its_own_line_is_no_doubt() -> None:
    assert doubled_classes(_rows("space"), ROLES) == {}  # (the text sets the cells apart)
    assert doubled_classes(_rows("cut", line=8), ROLES) == {}  # a class row on a line above
    other = _rows("cut")
    other[1].cells[1] = "时效指标"  # another class: nothing doubled
    assert doubled_classes(other, ROLES) == {}


def test_a_class_label_set_apart_before_a_name_cut_from_it_opens_the_name() -> None:
    # 产出指标 数量指标 数量指标某某设备 …: the space sets the second 数量指标 apart from the
    # first, and nothing from the words after it (the tokenizer's cut): the name is the cell
    from jixiao.ingest.readers.webtext_classes import class_in_name

    toks = tokens("产出指标 数量指标 数量指标某某设备 100% 100%\n")
    assert [t.gap for t in toks[2:4]] == ["space", "cut"]
    first = Row(["产出指标", "数量指标", "", "", ""], 1, 0.0, 2, {0: [toks[0]], 1: [toks[1]]})
    second = Row(["", "数量指标", "某某设备", "100%", "100%"], 1, 0.0, 4)
    second.parts = {1: [toks[2]], 2: [toks[3]], 3: [toks[4]], 4: [toks[5]]}
    class_in_name([first, second], ROLES, toks)
    assert second.cells[2] == "数量指标某某设备"
    # the name apart from the class by a space of its own: the class is the row's level 2
    toks = tokens("产出指标 数量指标 数量指标 某某设备 100% 100%\n")
    second = Row(["", "数量指标", "某某设备", "100%", "100%"], 1, 0.0, 4)
    second.parts = {1: [toks[2]], 2: [toks[3]], 3: [toks[4]], 4: [toks[5]]}
    first.parts = {0: [toks[0]], 1: [toks[1]]}
    class_in_name([first, second], ROLES, toks)
    assert second.cells[2] == "某某设备"


def test_a_class_of_another_framework_run_into_a_refused_rows_value_is_lost() -> None:
    # …到位率 | 100%资金管理指标: the next rows' class is in the refused row
    from jixiao.ingest.readers.webtext_classes import lost_classes

    cells = [
        ["实施效果指标", "产出指标", "某某比例", "≥30%"],
        ["", "", "某某用时≤20工作日“某某”到位率", "100%资金管理指标"],
        ["", "", "某某支付率", "≥95%"],
        ["", "监督指标", "某某问题比例", "≤1%"],
    ]
    rows = [Row(c, k, 0.0, 0) for k, c in enumerate(cells)]
    doubts = [None, "的指标值后面连着别的文字", None, None]
    roles: list[str | None] = ["level1", "level2", "name", "annual"]
    assert list(lost_classes(rows, roles, doubts)) == [2]


def test_a_class_label_wrapped_over_a_space_gives_its_tail_back_from_the_name() -> None:
    # 产出指标 数量 指标 某某储备到位率 100% 100%: 数量 / 指标 is one class cell, wrapped
    from jixiao.ingest.readers.webtext_classes import class_tail_in_name

    toks = tokens("产出指标 数量 指标 某某储备到位率 100% 100%\n")
    assert [t.text for t in toks[:4]] == ["产出指标", "数量", "指标", "某某储备到位率"]

    def row() -> Row:
        r = Row(["产出指标", "数量", "指标 某某储备到位率", "100%", "100%"], 1, 0.0, 6)
        r.parts = {0: [toks[0]], 1: [toks[1]], 2: toks[2:4], 3: [toks[4]], 4: [toks[5]]}
        return r

    mended = row()
    class_tail_in_name([mended], ROLES)
    assert mended.cells[:3] == ["产出指标", "数量指标", "某某储备到位率"]
    # a head that makes no class with 指标: left as read (the name's check refuses it)
    other = row()
    other.cells[1] = "某某"
    class_tail_in_name([other], ROLES)
    assert other.cells[2] == "指标 某某储备到位率"
