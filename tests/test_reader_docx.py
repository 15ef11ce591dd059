"""Word documents (``.docx``) through the readers' registry, and the files no reader takes
(images, archives, legacy Word …) named for what they are. The Word re-creations of the real
tables are read in :mod:`tests.test_realworld`."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.shared import Pt

from jixiao.cli import main
from jixiao.errors import InputError, LimitError, ParseError
from jixiao.ingest import READERS, formats, read_bytes, sniff
from jixiao.ingest.kinds import identify
from jixiao.limits import Limits

from .helpers import DATA
from .realworld import HERE as REALWORLD

WORD_FIXTURE = REALWORLD / "ah-huaibei-wlt-songxi-target-2025.docx"


def _word(
    rows: list[list[str]], *, title: str = "", merges: tuple[tuple[int, int, int, int], ...] = ()
) -> bytes:
    doc = docx.Document()
    if title:
        doc.add_paragraph(title)
    table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for r0, c0, r1, c1 in merges:
        top = table.cell(r0, c0)
        text = top.text
        merged = top.merge(table.cell(r1, c1))
        for p in merged.paragraphs[1:]:
            p._p.getparent().remove(p._p)
        merged.paragraphs[0].text = text
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_word_document_is_sniffed_and_read_by_its_reader() -> None:
    data = WORD_FIXTURE.read_bytes()
    assert sniff(data).key == "docx"
    [doc] = read_bytes(data, WORD_FIXTURE.name)
    assert doc.source is not None and doc.source.layout == "docx"
    assert doc.year == 2025 and doc.counts()["projects"] == 1
    [(_, project)] = list(doc.projects())
    assert project.name == "农村文化建设配套补助经费" and len(project.indicators) == 9


def test_merged_cells_fill_every_slot_they_cover() -> None:
    from jixiao.ingest.readers.docx import grids

    data = _word(
        [["一级指标", "二级指标", "三级指标"], ["产出指标", "数量指标", "培训人次"],
         ["", "质量指标", "合格率"]],
        title="某局2024年项目支出绩效目标表",
        merges=((1, 0, 2, 0),),
    )  # fmt: skip
    [grid] = grids(data, "merged.docx")
    assert grid.rows[0] == ["某局2024年项目支出绩效目标表"]  # the title over the table
    assert [row[0] for row in grid.rows[1:]] == ["一级指标", "产出指标", "产出指标"]


def _python_docx_cells(table: object) -> list[list[object]]:
    return [[cell._tc for cell in row.cells] for row in table.rows]  # type: ignore[attr-defined]


def test_cells_are_walked_as_python_docx_gives_them_in_one_pass() -> None:
    """The reader's own walk of a table's cells (python-docx's ``_Row.cells`` looks for each
    merged cell's top with XPath: 70 ms for one table) gives what ``_Row.cells`` gives: a span
    once per column, a cell merged down over three rows as its top cell, a row starting late."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    from jixiao.ingest.readers.docx import _row_cells

    data = _word(
        [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "培训人次", "30"],
         ["", "质量指标", "合格率", "95%"], ["", "时效指标", "完成时间", "年底"]],
        merges=((1, 0, 3, 0), (0, 2, 0, 3)),
    )  # fmt: skip
    tbl = docx.Document(io.BytesIO(data)).tables[0]._tbl
    late = tbl.tr_lst[3]  # the last row starts one grid column late: its first cell dropped
    late.remove(late.tc_lst[0])
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    late.get_or_add_trPr().append(before)
    table = docx.table.Table(tbl, None)  # type: ignore[arg-type]
    spans = {tc: tc.grid_span for tr in tbl.tr_lst for tc in tr.tc_lst}
    walked = _row_cells(tbl, spans)
    assert walked == _python_docx_cells(table)
    assert walked[2][0] is walked[1][0] and len(walked[3]) == 3


def test_every_word_file_is_walked_as_python_docx_walks_it() -> None:
    from jixiao.ingest.readers.docx import _row_cells

    files = sorted(REALWORLD.glob("*.docx"))
    assert len(files) > 50
    for path in files:
        for table in docx.Document(str(path)).tables:
            tbl = table._tbl
            spans = {tc: tc.grid_span for tr in tbl.tr_lst for tc in tr.tc_lst}
            assert _row_cells(tbl, spans) == _python_docx_cells(table), path.name


def test_indent_of_a_cell_is_read_in_quarter_em() -> None:
    from jixiao.ingest.readers.docx import _indent

    doc = docx.Document()
    cell = doc.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].paragraph_format.left_indent = Pt(24)  # two em
    assert _indent(cell) == 8


def test_word_document_without_a_table() -> None:
    doc = docx.Document()
    doc.add_paragraph("只有文字，没有表格。")
    buf = io.BytesIO()
    doc.save(buf)
    with pytest.raises(ParseError, match="没有表格"):
        read_bytes(buf.getvalue(), "prose.docx")


def test_word_table_past_the_cell_limit_is_refused() -> None:
    data = _word([["a"] * 10] * 10)
    with pytest.raises(LimitError):
        read_bytes(data, "big.docx", limits=Limits.defaults().with_overrides({"cells": 50}))


def _zip(**members: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in members.items():
            z.writestr(name.replace("__", "/"), text)
    return buf.getvalue()


def _ole2(stream: str) -> bytes:
    # the container's signature, then a directory entry naming the stream (UTF-16)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + stream.encode("utf-16-le") + bytes(64)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG 图片"),
        (b"\xff\xd8\xff\xe0" + bytes(64), "JPEG 图片"),
        (b"GIF89a" + bytes(64), "GIF 图片"),
        (_zip(a__txt="hi"), "ZIP 压缩包"),
        (_zip(ppt__presentation__xml="<p/>"), "PowerPoint 演示文稿"),
        (_zip(word__styles__xml="<w/>"), "Word 文档（.docx）"),  # no document.xml: broken
        (_ole2("WordDocument"), "旧版 Word 文档（.doc）"),
        (b"Rar!\x1a\x07\x00" + bytes(64), "RAR 压缩包"),
        (b"{\\rtf1\\ansi " + b"x" * 64, "RTF 文档"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_files_that_are_not_tables_are_named_for_what_they_are(data: bytes, kind: str) -> None:
    with pytest.raises(InputError) as info:
        read_bytes(data, "表.txt")
    error = info.value
    assert kind in error.message and "不是 Jixiao 能读取的表文件" in error.message
    assert error.source == "表.txt" and formats() in (error.expected or "")
    assert "UTF-8" not in str(error)
    if "旧版 Word" in kind:
        assert "另存为 .docx" in (error.expected or "")


def test_readable_containers_are_not_taken_for_other_files() -> None:
    assert identify((DATA / "tables" / "legacy.xls").read_bytes()) is None
    assert (
        identify(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)) is None
    )  # the .xls reader says
    # a PDF under a text file's name is read as a PDF (by content, not by name)
    pdf = (DATA / "tables" / "department.pdf").read_bytes()
    assert read_bytes(pdf, "绩效目标表.txt")[0].source.layout.startswith("pdf")  # type: ignore[union-attr]


def test_formats_come_from_the_registry() -> None:
    text = formats()
    for reader in READERS.values():
        for suffix in reader.suffixes:
            assert suffix in text
    assert (
        "Word 文档（.docx）" in text and "PDF（.pdf）" in text and "Excel 工作簿（.xlsx）" in text
    )


def test_cli_names_a_picture_and_an_empty_folder_lists_every_format(tmp_path: Path) -> None:
    picture = tmp_path / "scan.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    result = CliRunner().invoke(main, ["parse", str(picture)])
    assert result.exit_code == 2 and "这是 PNG 图片" in result.stderr
    assert "Word 文档（.docx）" in result.stderr and "Traceback" not in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "x.db"), str(empty)])
    assert result.exit_code == 2 and "没有找到可入库的文件" in result.stderr
    for suffix in (".pdf", ".xlsx", ".xls", ".docx", ".html", ".csv", ".txt", ".json"):
        assert suffix in result.stderr, suffix
    assert not (tmp_path / "x.db").exists()


def test_cli_ingests_a_word_document_from_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / WORD_FIXTURE.name).write_bytes(WORD_FIXTURE.read_bytes())
    db = str(tmp_path / "x.db")
    result = CliRunner().invoke(main, ["ingest", "--db", db, str(folder)])
    assert result.exit_code == 0, result.output
    assert "已入库 1" in result.stdout
    result = CliRunner().invoke(main, ["list", "projects", "--db", db, "--json"])
    assert "农村文化建设配套补助经费" in result.stdout


def test_paragraphs_heading_a_projects_targets_are_kept_over_and_under_the_tables() -> None:
    # a Word document giving projects one after another: the heading paragraph over each table
    # names its project, one after the last table is the next project, cut off before its table
    doc = docx.Document()
    doc.add_paragraph("2024年某县重点民生政策和项目绩效目标情况")
    for heading, rows in (
        ("社区老年助餐服务项目项目绩效目标", [["产出指标", "数量指标", "助餐点数量", "30个"]]),
        ("城区路灯节能改造项目绩效目标", [["效益指标", "社会效益指标", "亮灯率", "≥98%"]]),
    ):
        doc.add_paragraph(heading)
        doc.add_paragraph("(一)中长期绩效目标")
        table = doc.add_table(rows=2, cols=4)
        for r, row in enumerate([["一级指标", "二级指标", "指标名称", "指标值"], *rows]):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    doc.add_paragraph("乡村公路养护补助项目项目绩效目标")
    buf = io.BytesIO()
    doc.save(buf)
    [read] = read_bytes(buf.getvalue(), "page.docx")
    assert read.kind == "target"
    assert [(p.name, [i.name for i in p.indicators]) for _, p in read.projects()] == [
        ("社区老年助餐服务项目", ["助餐点数量"]),
        ("城区路灯节能改造", ["亮灯率"]),
        ("乡村公路养护补助项目", []),
    ]


def test_a_cells_text_is_python_docx_own_on_every_word_file() -> None:
    """The reader takes a cell's text by tag, not by python-docx's XPath per paragraph and run
    (most of a Word table's time): the same text, runs, hyperlinks, tabs and breaks included."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    from jixiao.ingest.readers.docx import _W, _paragraph_text

    doc = docx.Document()
    cell = doc.add_table(rows=1, cols=1).cell(0, 0)
    paragraph = cell.paragraphs[0]
    paragraph.add_run("完成率").add_tab()
    paragraph.add_run("≥95%").add_break()
    link = OxmlElement("w:hyperlink")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "见附件"
    run.append(text)
    link.append(run)
    paragraph._p.append(link)
    cell.add_paragraph("第二段")
    assert [_paragraph_text(p._p) for p in cell.paragraphs] == [p.text for p in cell.paragraphs]
    assert cell.paragraphs[0].text == "完成率\t≥95%\n见附件"
    for path in sorted(REALWORLD.glob("*.docx")):
        for table in docx.Document(str(path)).tables:
            for row in table.rows:
                for c in row.cells:
                    assert [_paragraph_text(p._p) for p in c.paragraphs] == [
                        p.text for p in c.paragraphs
                    ], path.name
    assert qn("w:p") == _W + "p"  # (the namespace the reader spells out is python-docx's)


def test_a_forms_own_lines_over_its_table_are_read_with_it() -> None:
    # as on a web page: the department's name over the form's title, its year, its money unit
    doc = docx.Document()
    for line in ("天津市某县人民法院", "项目支出绩效目标表", "(2023年)", "单位:元"):
        doc.add_paragraph(line)
    rows = [
        ["项目名称", "某某维修", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "维修面积", "≥400平方米"],
    ]
    table = doc.add_table(rows=3, cols=4)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    buf = io.BytesIO()
    doc.save(buf)
    [read] = read_bytes(buf.getvalue(), "form.docx")
    assert (read.kind, read.year, read.department, read.money_unit) == (
        "target",
        2023,
        "天津市某县人民法院",
        "元",
    )
