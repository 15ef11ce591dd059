"""The text shapes ``bench/bench_shapes.py`` renders an HTML page into: merged cells on their
first row only, empty cells kept by the shapes with ``|`` or tabs and lost by the others, a
cell's line break, and the page's chrome as lines around the table."""

from __future__ import annotations

import pytest

from bench.bench_shapes import SHAPES, render

PAGE = """<html><head><title>不显示的标题</title></head><body>
<h2>某局2030年项目公开</h2>
<p>说明文字。</p>
<table>
<tr><td colspan="3">甲表</td></tr>
<tr><td rowspan="2">分组</td><td>名甲</td><td>值
 一</td></tr>
<tr><td></td><td>值二<br>续行</td></tr>
</table>
<div>页脚</div>
</body></html>"""

RENDERED = {
    "pipe-rows": "甲表\n分组 | 名甲 | 值 一\n | 值二\n续行",
    "cell-per-line": "甲表 |\n分组 |\n名甲 |\n值 一 |\n|\n值二\n续行 |",
    "cell-per-paragraph": "甲表\n\n分组\n\n名甲\n\n值 一\n\n值二\n续行",
    "space-rows": "甲表\n分组 名甲 值 一\n值二\n续行",
    "one-line": "甲表 分组 名甲 值 一 值二 续行",
    "run-together": "甲表分组名甲值 一值二续行",
    "tab-rows": "甲表\n分组\t名甲\t值 一\n\t值二\n续行",
}


@pytest.mark.parametrize("shape", SHAPES)
def test_each_shape_renders_the_table_as_a_page_saved_as_text(shape: str) -> None:
    gap = "\n\n" if shape == "cell-per-paragraph" else "\n"
    chrome_before = gap.join(("某局2030年项目公开", "说明文字。"))
    want = gap.join((chrome_before, RENDERED[shape], "页脚")) + "\n"
    assert render(PAGE, shape) == want


def test_every_shape_is_rendered() -> None:
    assert set(RENDERED) == set(SHAPES)
