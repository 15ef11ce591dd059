"""The funds rows of a web-page text (:mod:`jixiao.ingest.readers.webtext_funds`)."""

from __future__ import annotations

from jixiao.ingest.readers.webtext_funds import prose_after
from jixiao.ingest.text_tokens import Token


def test_a_sentence_after_a_funds_rows_amounts_is_no_value_of_it() -> None:
    goal = "支持农村低收入群体等重点对象实施危房改造和危房抗震改造,保障其基本住房安全。"
    values = [Token("35", 3, "pipe"), Token(goal, 5, "para")]
    amounts, lost = prose_after(values)
    assert [t.text for t in amounts] == ["35"] and [t.text for t in lost] == [goal]
    # a short note or an amount with words is a value all the same
    kept = [Token("参见附件1具体金额", 3, "para"), Token("其中中央补助20万元", 4, "para")]
    assert prose_after(kept) == (kept, [])
