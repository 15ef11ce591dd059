"""Rows of a body written a row per line with spaces between its cells, read again with the
line's spaces as the cuts (:mod:`jixiao.ingest.readers.webtext_spaces`)."""

from __future__ import annotations

from jixiao.ingest import read_bytes
from jixiao.ingest.readers.webtext_spaces import space_cuts
from jixiao.ingest.text_align import Row, align
from jixiao.ingest.text_tokens import tokens

from .tables import messages

_ROLES: list[str | None] = [None, "level1", "level2", "name", "value"]
_BODY = """产出指标 数量指标 新建公厕数量 6座
质量指标 公厕验收合格率 100%
时效指标 开工时间 2024年3月
补助资金兑付 6月底前100%兑付
效益指标 社会效益指标 群众如厕条件 明显改善
"""


def _cut(body: str) -> tuple[list[list[str]], tuple[int, dict[int, str]]]:
    toks = tokens(body)
    rows: list[Row] = align(toks, _ROLES, rows_by_line=True)
    got = space_cuts(rows, toks, _ROLES)
    return [[c for c in r.cells if c] for r in rows], got


def test_a_row_cut_beside_its_lines_space_is_read_again_at_the_space() -> None:
    # The aligner reads 补助资金兑付 6月底前 | 100%兑付 (a space is cheaper to join than the
    # split before 100%); every other row ends its cells at its spaces.
    rows, got = _cut(_BODY)
    assert got == (1, {})
    assert rows[3] == ["补助资金兑付", "6月底前100%兑付"]
    assert rows[0] == ["产出指标", "数量指标", "新建公厕数量", "6座"]  # (the others as they were)


def test_too_few_rows_ending_cells_at_their_spaces_say_nothing() -> None:
    body = "".join(_BODY.splitlines(keepends=True)[2:4])  # one other row only
    rows, got = _cut(body)
    assert got == (0, {})
    assert rows[1] == ["补助资金兑付 6月底前", "100%兑付"]


def test_a_row_the_spaces_contradict_that_does_not_fit_them_is_unclear() -> None:
    # 补助资金兑付 年内全部100%兑付: cut at the space, the target is words before a figure,
    # no longer a value; as aligned, the name ends in 年内全部: neither reading is sure.
    rows, got = _cut(_BODY.replace("6月底前100%兑付", "年内全部100%兑付"))
    assert got[0] == 0 and list(got[1]) == [3]
    assert rows[3] == ["补助资金兑付年内全部", "100%兑付"]  # (left as aligned, to be refused)


_PAGE = """信息公开
村道养护项目
发布时间:2023-05-01 09:00:00
项目支出绩效目标表
项目名称 村道养护
实施单位 某某镇人民政府
年度目标
完成全镇村道日常养护。
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 养护村道里程 35公里
质量指标 养护路段合格率 95%
时效指标 完工时间 2023年11月
养护资金拨付 9月底前100%拨付
效益指标 社会效益指标 村民出行条件 明显改善
"""


def test_a_page_reads_the_row_at_its_space_and_says_so() -> None:
    (doc,) = read_bytes(_PAGE.encode(), "t.txt")
    got = [(i.level2.name, i.name, i.annual.text) for _, _, i in doc.indicators()]
    assert ("时效指标", "养护资金拨付", "9月底前100%拨付") in got
    assert len(got) == 5
    assert messages(doc, "text.space_cuts")
