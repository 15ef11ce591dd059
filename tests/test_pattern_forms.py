"""The literal forms of a vocabulary pattern (jixiao.ingest.pattern_forms): every text it
matches where they are finitely many, none where they are not."""

from __future__ import annotations

from jixiao.ingest.pattern_forms import literal_forms


def test_groups_options_and_classes_give_every_text_matched() -> None:
    assert literal_forms("(?:年度)?资金总额|合计") == ["资金总额", "年度资金总额", "合计"]
    assert literal_forms("[本当]年度目标") == ["本年度目标", "当年度目标"]


def test_an_alternative_matching_infinitely_many_texts_gives_none() -> None:
    # .* and \\d{2} match without end; the finite alternative beside them still counts
    assert literal_forms("年度主要目标.*|绩效目标") == ["绩效目标"]
    assert literal_forms("(?:19|20)\\d{2}年实际值") == []
    assert literal_forms("(?P<n>某某)") == []  # (a named group: not a plain form)


def test_too_many_forms_give_none() -> None:
    assert literal_forms("[甲乙][甲乙][甲乙]", limit=4) == []
