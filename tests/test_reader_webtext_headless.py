"""Web-page text starting mid-table, below its header
(:mod:`jixiao.ingest.readers.webtext_headless`)."""

from __future__ import annotations

from jixiao.ingest import read_bytes

# A page cut below the header, saved as "|" rows (empty cells kept, merged class cells only on
# their first row): each target given in parts (comparator | number | unit), one bare figure
# after it (the weight, the 合计 totalling them).
PIPED = """上一页 | 下一页
产出指标 | 数量指标 | 发放人数 | ≥ | 200 | 人 |  | 40 |  |
发放及时率 | = | 100 | % |  | 30 |  |
效益指标 | 社会效益指标 | 群众知晓率 | ≥ | 90 | % |  | 30 |  |
合计 | 100 |  |
"""


def test_pipe_rows_below_a_lost_header_give_their_targets_in_parts() -> None:
    (doc,) = read_bytes(PIPED.encode(), "t.txt")
    got = [
        (i.level1.name, i.level2.name, i.name, i.annual.text, i.weight)
        for _, p in doc.projects()
        for i in p.indicators
    ]
    assert [(a, b, c, d, str(e)) for a, b, c, d, e in got] == [
        ("产出指标", "数量指标", "发放人数", "≥200人", "40"),
        ("产出指标", "数量指标", "发放及时率", "=100%", "30"),
        ("效益指标", "社会效益", "群众知晓率", "≥90%", "30"),
    ]


def test_rows_below_a_lost_header_apart_by_spaces_or_a_cell_a_line_give_their_parts() -> None:
    # the number right after a comparator is the target's (= 100 %), not the row's last figure
    rows = [
        ["产出指标", "数量指标", "发放人数", "≥", "200", "人", "40"],
        ["发放及时率", "=", "100", "%", "30"],
        ["效益指标", "社会效益指标", "群众知晓率", "≥", "90", "%", "30"],
        ["合计", "100"],
    ]
    spaced = "上一页 下一页\n" + "\n".join(" ".join(r) for r in rows) + "\n"
    per_line = "上一页 下一页\n" + "\n".join(f"{c} |" for r in rows for c in r) + "\n"
    for text in (spaced, per_line):
        (doc,) = read_bytes(text.encode(), "t.txt")
        got = [(i.name, i.annual.text, str(i.weight)) for _, _, i in doc.indicators()]
        assert got == [
            ("发放人数", "≥200人", "40"),
            ("发放及时率", "=100%", "30"),
            ("群众知晓率", "≥90%", "30"),
        ]
