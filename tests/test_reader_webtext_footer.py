"""A form's footer rows in web text (:mod:`jixiao.ingest.readers.webtext_footer`)."""

from __future__ import annotations

from jixiao.ingest.readers.webtext_footer import footer_rows
from jixiao.ingest.text_tokens import Token


def _rows(*toks: Token) -> list[list[str]]:
    out: list[list[str]] = []
    footer_rows(list(toks), 0, lambda row, line: out.append(row))
    return out


def test_full_marks_and_the_score_run_together_after_the_total_label() -> None:
    # 总分10098: the form's full marks 100, then its score 98
    assert _rows(Token("总分", 1, "cut"), Token("10098", 1, "cut")) == [["总分", "100", "98"]]
    assert _rows(Token("总分", 1, "cut"), Token("100100", 1, "cut")) == [["总分", "100", "100"]]
    # apart, or no 100 ahead, or a score of 0: as written
    assert _rows(Token("总分", 1, "line"), Token("10098", 2, "line")) == [["总分", "10098"]]
    assert _rows(Token("总分", 1, "cut"), Token("9895", 1, "cut")) == [["总分", "9895"]]
    assert _rows(Token("总分", 1, "cut"), Token("1000", 1, "cut")) == [["总分", "1000"]]


def test_a_forms_head_without_its_title_opens_the_next_form() -> None:
    # after a form's 总分 row, 项目名称 某某经费 主管部门 某局: the next form, its title left out
    from jixiao.ingest.readers.webtext_footer import opens_form

    head = [Token(x, 3, "cut") for x in ("项目名称", "某某经费", "主管部门", "某某局", "实施单位")]
    assert opens_form(head, 0)
    assert not opens_form([Token(x, 3, "cut") for x in ("项目名称", "某某经费", "某某说明")], 0)


def test_the_last_row_of_rows_closed_by_a_pipe_that_is_not_closed_is_open() -> None:
    from jixiao.ingest import read_bytes
    from jixiao.ingest.readers.webtext_footer import open_last_row

    lines = [
        "一级指标 | 二级指标 | 三级指标 | 年度指标值 | ||",
        "产出指标 | 数量指标 | 指标1:新建库数量 | 1座 | ||",
        "指标2:新建库面积 | 3550平方米 | |||",
        "指标3:新建水池数量 | 1座",
    ]
    assert open_last_row(lines) == 4
    assert open_last_row([*lines[:3], lines[3] + " | |||"]) == 0
    assert open_last_row([ln.rstrip(" |") for ln in lines]) == 0  # no row closes: says nothing
    doc = read_bytes("\n".join(lines).encode(), "t.txt")[0]
    names = [i.name for _, _, i in doc.indicators()]
    assert names == ["指标1:新建库数量", "指标2:新建库面积"]  # (1座 may be 1座 of 1座以上)
