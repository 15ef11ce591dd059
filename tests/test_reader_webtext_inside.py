"""Runs between spaces that the aligner cut or joined against the text's spaces
(:mod:`jixiao.ingest.readers.webtext_inside`)."""

from __future__ import annotations

from jixiao.ingest.readers.webtext_inside import head_back, split_inside, value_inside_name
from jixiao.ingest.text_align import Row
from jixiao.ingest.text_tokens import Token, tokens


def test_a_row_started_inside_a_run_between_spaces_is_unclear() -> None:
    # the aligner began a row at the tokenizer's cut inside 社会公益服务无经济效益: a row starts
    # at a space at least; the row before it is unclear too when it holds values
    roles: list[str | None] = ["level2", "name", "value"]
    toks = tokens("质量指标 某某达标率 95% 社会公益服务无经济效益 公益性事业\n")
    rows = [
        Row(
            ["质量指标", "某某达标率", "95%"], 1, 0.0, 3, {0: [toks[0]], 1: [toks[1]], 2: [toks[2]]}
        ),
        Row(["", "社会公益服务无", ""], 1, 0.0, 1, {1: [toks[3]]}),
        Row(["经济效益", "公益性事业", ""], 1, 0.0, 2, {0: [toks[4]], 1: [toks[5]]}),
    ]
    assert toks[4].gap == "cut"
    assert list(split_inside(rows, toks, roles)) == [2]  # (the name alone before it: unread)
    # a row starting at a space: no doubt
    assert split_inside(rows[:2], toks, roles) == {}


def test_a_names_head_read_as_the_row_befores_note_goes_back_into_the_name() -> None:
    # the whole table on one line: … 100% 100% 食品安全指标达标 率 100% 100%, aligned as the
    # 偏差原因 食品安全指标 and the name 达标率; the run between spaces is one cell, the name's
    roles: list[str | None] = ["name", "annual", "actual", "deviation"]
    toks = [
        Token("科学保粮率", 1, "space"),
        Token("100%", 1, "space"),
        Token("100%", 1, "space"),
        Token("食品安全指标", 1, "space"),
        Token("达标", 1, "glue"),
        Token("率", 1, "space"),
        Token("100%", 1, "space"),
        Token("100%", 1, "space"),
    ]

    def rows() -> list[Row]:
        one = Row(["科学保粮率", "100%", "100%", "食品安全指标"], 1, 0.0, 4)
        one.parts = {0: toks[:1], 1: [toks[1]], 2: [toks[2]], 3: [toks[3]]}
        two = Row(["达标率", "100%", "100%", ""], 1, 0.0, 3)
        two.parts = {0: toks[4:6], 1: [toks[6]], 2: [toks[7]]}
        return [one, two]

    # left so, the second row starts between two words of a run and joins its name across a
    # space: unclear, and the row before with it
    assert sorted(split_inside(rows(), toks, roles, by_line=False)) == [0, 1]
    mended = rows()
    assert head_back(mended, toks, roles) == 1
    assert [r.cells for r in mended] == [
        ["科学保粮率", "100%", "100%", ""],
        ["食品安全指标达标率", "100%", "100%", ""],
    ]
    assert split_inside(mended, toks, roles, by_line=False) == {}
    # the head in a value column: not moved (the values are the row's own)
    valued = rows()
    valued[0].cells[3], roles[3] = "食品安全指标", "score"
    assert head_back(valued, toks, roles) == 0


def test_a_name_joined_over_a_run_with_a_figure_among_words_is_unclear() -> None:
    # the whole table on one line: 时效指标 某某时间 每年6月底前 某某年数 =3年, aligned as one
    # row whose name runs over the first row's target (每年6月底前: a figure among words)
    roles: list[str | None] = ["level2", "name", "value"]
    toks = tokens("时效指标 某某时间 每年6月底前 某某年数 =3年\n")
    row = Row(["时效指标", "某某时间每年6月底前某某年数", "=3年"], 1, 0.0, 4)
    row.parts = {0: toks[:1], 1: toks[1:-1], 2: toks[-1:]}
    assert list(value_inside_name([row], roles)) == [0]
    # a name of two runs, or three runs of words only: no doubt
    row.parts = {0: toks[:1], 1: [toks[1], toks[-2]], 2: toks[-1:]}
    assert value_inside_name([row], roles) == {}
    words = tokens("时效指标 某某 时间 年数 =3年\n")
    plain = Row(["时效指标", "某某时间年数", "=3年"], 1, 0.0, 4)
    plain.parts = {0: words[:1], 1: words[1:4], 2: words[4:]}
    assert value_inside_name([plain], roles) == {}
