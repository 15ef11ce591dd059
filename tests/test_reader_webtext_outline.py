"""An indentation tree in web-page text (:mod:`jixiao.ingest.readers.webtext_outline`)."""

from __future__ import annotations

from jixiao.errors import JixiaoError
from jixiao.ingest import read_bytes
from jixiao.ingest.readers.webtext_outline import is_outline


def test_a_tree_header_with_a_column_of_words_is_not_read_as_an_outline() -> None:
    assert is_outline(["指标名称", "目标值", "分值"])
    assert not is_outline(["指标名称", "指标说明", "目标值", "分值"])
    assert not is_outline(["指标名称", "目标值", "评分标准"])


def test_an_explanation_after_each_name_is_not_read_as_an_indicator() -> None:
    cells = [
        "某某补助项目绩效目标表", "指标名称", "指标说明", "目标值", "分值",
        "产出指标", "数量指标", "补助人数", "达到计划数", "300", "20",
        "资金拨付率", "按时足额拨付", "100%", "20",
        "质量指标", "补助标准达标率", "按标准发放", "100%", "30",
        "满意度指标", "服务对象满意度指标", "受助对象满意度", "抽样调查", "95%", "30",
    ]  # fmt: skip
    text = "\n\n".join(cells) + "\n"
    try:
        docs = read_bytes(text.encode(), "t.txt")
    except JixiaoError:  # (refusing the table is fine; a wrong row is not)
        return
    names = {i.name for d in docs for _, p in d.projects() for i in p.indicators}
    assert not names & {"达到计划数", "按时足额拨付", "按标准发放", "抽样调查"}
