"""Where a cell of text run together ends (``jixiao.ingest.text_ends``)."""

from __future__ import annotations

from jixiao.ingest.text_ends import echoed_verb, phrase_end, value_before_title
from jixiao.ingest.text_glue import split_glued


def test_a_name_opening_with_a_verb_and_run_on_with_it_as_the_target() -> None:
    assert echoed_verb("提升某某场馆服务水平提升") == 2
    assert [p for p, _ in split_glued("某某成本指标提升某某场馆服务水平提升")][-2:] == [
        "提升某某场馆服务水平",
        "提升",
    ]
    assert echoed_verb("提升某某场馆服务水平") == 0  # no target after it
    assert echoed_verb("提升水平提升") == 0  # too short to hold a name
    assert echoed_verb("指标某某场馆服务指标") == 0  # (a label, not a verb of the phrases)


def test_a_phrase_at_the_end_and_a_value_before_a_title() -> None:
    found = phrase_end("某某场馆服务水平稳步提高")
    assert found is not None and found.group() == "稳步提高"
    assert value_before_title("99百分比某某绩效目标表") == len("99百分比")
    assert value_before_title("300天某某绩效目标表") == len("300天")
    assert value_before_title("2023年度某某绩效目标表") == 0  # a year opens titles
