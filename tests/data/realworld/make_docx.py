"""Write ``ID.docx`` for every ``ID.html`` here: the same tables as Word tables, as bureaus
publish 绩效目标表 in Word. Merged cells are Word merges (rowspan / colspan), a cell set in by
``padding-left`` gets the paragraph's left indent (12 pt an em), the page's heading over its
first table is the paragraph before it, a bold line outside the tables (a project's heading)
a paragraph where it stands, and so are the form's field lines right over the first table
(单位名称:某某单位 填报日期:…). Run ``python tests/data/realworld/make_docx.py`` after
changing an HTML re-creation; the documents are committed (a test checks they are current).

The HTML is read with the standard library's parser (:mod:`make_xlsx`'s), not with Jixiao's
reader, so the document is an independent re-creation of the page's table.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.shared import Pt

if __package__:
    from .make_xlsx import Cell, _Cells
else:  # run as a script
    from make_xlsx import Cell, _Cells  # type: ignore[no-redef]

HERE = Path(__file__).parent


def document(html: Path, out: Path) -> None:
    parser = _Cells()
    parser.feed(html.read_text("utf-8"))
    doc = Document()
    first = parser.tables[0] if parser.tables else []
    for text in parser.cover:  # (项目名称: 某某经费 on a report's cover, over its title)
        doc.add_paragraph(text)
    title = parser.heading_line
    if title and not any(title in c[0] for r in first for c in r):
        doc.add_paragraph(title)
    for k, rows in enumerate(parser.tables):
        if k:
            doc.add_paragraph("")
        for text in parser.captions[k]:  # a project's heading over its table
            doc.add_paragraph(text)
        for text in parser.fields if k == 0 else []:  # (单位名称:某某单位 over the form)
            doc.add_paragraph(text)
        if rows:
            _table(doc, rows)
    for text in parser.captions[len(parser.tables)] if parser.tables else []:
        doc.add_paragraph(text)
    # Fixed dates in the document's properties: the same document on every run.
    doc.core_properties.created = doc.core_properties.modified = datetime(2026, 1, 1)
    doc.save(str(out))


def _table(doc: Any, rows: list[list[Cell]]) -> None:
    slots: dict[tuple[int, int], tuple[Cell, int, int]] = {}
    taken: set[tuple[int, int]] = set()
    for r, cells in enumerate(rows):
        c = 0
        for cell in cells:
            while (r, c) in taken:
                c += 1
            _, rowspan, colspan, _ = cell
            slots[(r, c)] = (cell, rowspan, colspan)
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            c += colspan
    height = max((r for r, _ in taken), default=0) + 1
    width = max((c for _, c in taken), default=0) + 1
    table = doc.add_table(rows=height, cols=width)
    table.style = "Table Grid"
    for (r, c), ((text, _, _, steps), rowspan, colspan) in slots.items():
        target = table.cell(r, c)
        if rowspan > 1 or colspan > 1:
            target = target.merge(table.cell(r + rowspan - 1, c + colspan - 1))
        lines = text.split("\n")
        paragraph = target.paragraphs[0]
        paragraph.add_run(lines[0])
        for line in lines[1:]:
            target.add_paragraph(line)
        if steps:
            paragraph.paragraph_format.left_indent = Pt(12 * steps)


def main(names: list[str]) -> None:
    pages = [HERE / f"{n}.html" for n in names] if names else sorted(HERE.glob("*.html"))
    for page in pages:
        document(page, page.with_suffix(".docx"))
        print(page.with_suffix(".docx").name)


if __name__ == "__main__":
    main(sys.argv[1:])
