"""Make the PDF fixtures of tests/test_pdf.py (run once; the PDFs are committed).

    .venv/bin/python tests/data/tables/make_pdfs.py

Every PDF is an HTML table printed by WeasyPrint with Noto Sans CJK SC (fonts-noto-cjk, as
``jixiao export --format pdf`` uses it), cut down to the characters used so that the files stay
small; the garbled ones are then edited with pikepdf. Most hold the same table as a fixture of
another format, so the PDF test can expect the same document:

- ``form.pdf``: a ruled one-project form in 元 (project block inside the table, merged class
  cells, synonyms 项目完成指标 / 效果指标, glued values ``>=21933人`` and ``%=99百分比``).
- ``department.pdf``: ``pipe.txt`` as a ruled table over two pages (the header repeated, merged
  unit / project / class cells cut by the page break), title and department line above it as text.
- ``department_plain.pdf``: the same without a repeated header: page 2 starts mid-table.
- ``unruled.pdf``: ``gb18030.csv`` without any rule and without vertical padding: cells placed
  by position only, the header wrapped over three lines, names wrapped over two.
- ``unruled_pages.pdf``: the same on small pages: page 2 continues the table without a header.
- ``unruled_form.pdf``: ``form.html`` without rules: the project block as text (the label
  centred beside a goal over two lines), a centred two-row header (指标值 over 长期 / 年度)
  above left-aligned cells, targets wrapped over two and three lines.
- ``cut_short.pdf``: ``cells.txt`` as a ruled table that ends mid-row (the last row has three
  cells drawn).
- ``garbled.pdf``: ``form.pdf`` with the fonts some Chinese PDF producers write: a TrueType
  build of the font (fontTools cu2qu) whose character codes are Unicode values (CIDSystemInfo
  Adobe-UCS-0, a CIDToGIDMap to the glyphs), no ``/ToUnicode`` map and no cmap in the font
  program. It looks the same; pdfplumber reads ``(cid:N)`` (pdfminer maps such a font only
  through the font program's cmap), pypdfium2 reads the text (it takes UCS CIDs as Unicode).
- ``unreadable.pdf``: page 1 as ``form.pdf``; page 2 the same with its ``/ToUnicode`` maps
  removed, leaving the embedded CFF font (Identity-H, glyph ids as codes): pdfplumber reads
  ``(cid:N)``, pypdfium2 the glyph ids as characters (control characters, Latin Extended…);
  neither can read it.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

RULED = """
@page {
  size: %(page)s; margin: 12mm;
  @bottom-center { content: "第 " counter(page) " 页"; font-family: %(font)s; font-size: 8pt; }
}
body { font-family: %(font)s; font-size: 9pt; }
table { border-collapse: collapse; width: 100%%; table-layout: fixed; }
td, th { border: 0.6pt solid #000; padding: 3pt; vertical-align: middle; }
th { font-weight: normal; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
h1 { font-size: 13pt; font-weight: normal; text-align: center; }
"""

UNRULED = """
@page { size: %(page)s; margin: 15mm; }
body { font-family: "Noto CFF"; font-size: 9pt; }
table { border-collapse: collapse; table-layout: fixed; width: %(width)s; }
td, th { padding: %(padding)s; vertical-align: top; text-align: left; font-weight: normal; }
tr.head td, table.block td { vertical-align: middle; }
tr.head td { text-align: center; }
tr { break-inside: avoid; }
p { margin: 0 0 4pt; }
"""


def page(css: str, body: str) -> str:
    return (
        f'<html><head><meta charset="utf-8"><style>{css}</style></head><body>{body}</body></html>'
    )


def pdf(html: str) -> bytes:
    from weasyprint import HTML

    data: bytes = HTML(string=html).write_pdf()
    return data


FORM = """
<table>
<colgroup><col style="width:18%"><col style="width:22%"><col style="width:24%">
<col style="width:18%"><col style="width:18%"></colgroup>
<tr><td colspan="5" style="text-align:center">2025年度项目支出绩效目标表</td></tr>
<tr><td>项目名称</td><td colspan="2">学生资助补助经费</td><td>主管部门</td>
<td>某某县教育局</td></tr>
<tr><td>实施单位</td><td colspan="2">某某县第一小学</td><td>资金总额（元）</td>
<td>1,000,000.00</td></tr>
<tr><td>年度目标</td>
<td colspan="4">资助家庭经济困难学生21933人，保障其顺利完成学业，学生满意度达到95%以上。</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td><td>备注</td></tr>
<tr><td rowspan="3">项目完成指标</td><td rowspan="2">数量指标</td><td>资助学生人数</td>
<td>&gt;=21933人</td><td></td></tr>
<tr><td>资助覆盖率</td><td>%=99百分比</td><td></td></tr>
<tr><td>成本指标</td><td>生均资助标准</td><td>≤500元/人</td><td></td></tr>
<tr><td rowspan="2">效果指标</td><td>社会效益</td><td>家庭经济负担</td><td>有效减轻</td>
<td></td></tr>
<tr><td>社会公众或服务对象满意度指标</td><td>学生满意度</td><td>≥95%</td><td>问卷调查</td></tr>
</table>
"""

DEPARTMENT = """
<h1>2025年井研县马踏镇项目支出绩效目标表</h1>
<p>部门名称：井研县马踏镇　　　单位：万元</p>
<table>
<thead><tr><th>单位</th><th>项目名称</th><th>资金总额</th><th>年度目标</th><th>一级指标</th>
<th>二级指标</th><th>三级指标</th><th>指标值类型</th><th>指标值</th><th>度量单位</th></tr></thead>
<tbody>
<tr><td rowspan="6">820001-井研县马踏镇人民政府</td><td rowspan="4">道路维护经费</td>
<td rowspan="4">12.50</td><td rowspan="4">维护村道20公里。</td>
<td rowspan="2">项目完成指标(必填)</td>
<td>数量指标</td><td>维护道路长度</td><td>≥</td><td>20</td><td>公里</td></tr>
<tr><td>质量指标</td><td>验收合格率</td><td>≥</td><td>95</td><td>%</td></tr>
<tr><td rowspan="2">效果指标</td><td>社会效益</td><td>群众出行便利程度</td><td>定性</td>
<td>明显改善</td><td></td></tr>
<tr><td>社会公众或服务对象满意度指标</td><td>群众满意度</td><td></td><td>&gt;=90%</td><td></td></tr>
<tr><td rowspan="2">环境整治经费</td><td rowspan="2">3.00</td><td rowspan="2">整治村容村貌。</td>
<td rowspan="2">产出指标</td><td>时效指标</td><td>完成时间</td><td></td><td>=300天</td>
<td></td></tr>
<tr><td>数量指标★</td><td>整治完成率</td><td></td><td>%=99百分比</td><td></td></tr>
</tbody></table>
"""

CSV_ROWS = [
    [
        *("预算单位", "项目名称", "资金总额（元）", "一级指标", "二级指标", "三级指标", "指标值"),
        *("计量单位", "权重"),
    ],
    ["合计", "", "150000", "", "", "", "", "", ""],
    ["101001-某某县第一小学", "", "100000", "", "", "", "", "", ""],
    ["", "学生资助", "100000", "产出指标", "数量指标", "资助学生人数", ">=21933人", "", "10"],
    ["", "", "", "", "成本指标", "生均资助标准", "≤500", "元/人", "10"],
    ["", "", "", "满意度指标", "", "", "", "", ""],
    ["", "", "", "", "服务对象满意度", "学生满意度", "95", "%", "10"],
    [
        *("101002-某某县第二小学", "校舍维修", "50000", "产出指标", "质量指标", "验收合格率"),
        *("100", "%", "20"),
    ],
]
# Column widths (pt): narrow enough that 资金总额（元）, the unit names, 服务对象满意度 and
# 资助学生人数 wrap, so the table has a two-line header and two-line cells.
CSV_WIDTHS = [62, 56, 40, 58, 52, 52, 60, 40, 34]


def unruled_csv(page_size: str = "A4 landscape") -> str:
    from html import escape

    cols = "".join(f'<col style="width:{w}pt">' for w in CSV_WIDTHS)
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in CSV_ROWS
    )
    body = (
        "<p>部门名称：某某县教育局</p><p>单位：万元</p>"
        f"<table><colgroup>{cols}</colgroup>{rows}</table>"
    )
    css = {"page": page_size, "width": f"{sum(CSV_WIDTHS)}pt", "padding": "0 5pt"}
    return page(UNRULED % css, body)


UNRULED_FORM = """
<p style="margin-left:150pt">2024年度项目支出绩效目标申报表</p>
<table class="block" style="width:auto; margin-bottom:6pt">
<tr><td>项目名称</td><td>社区养老服务补助</td>
<td>主管部门</td><td>某市民政局</td></tr>
<tr><td>实施单位</td><td>某市养老服务中心</td><td>资金总额（元）</td><td>1,200,000.00</td></tr>
<tr><td>年度目标</td><td colspan="3">为全市3000名老人<br>提供居家养老服务。</td></tr></table>
<table>
<colgroup><col style="width:70pt"><col style="width:80pt"><col style="width:90pt">
<col style="width:40pt"><col style="width:40pt"><col style="width:60pt"></colgroup>
<tr class="head"><td rowspan="2">一级指标</td><td rowspan="2">二级指标</td>
<td rowspan="2">三级指标</td>
<td colspan="2" style="text-align:center">指标值</td><td rowspan="2">备注</td></tr>
<tr class="head"><td>长期</td><td>年度</td></tr>
<tr><td rowspan="3">产出指标</td><td rowspan="2">数量指标</td><td>服务老人数</td><td>≥9000人</td>
<td>≥3000人</td><td></td></tr>
<tr><td>服务次数</td><td>≥30000次</td><td>≥10000次</td><td></td></tr>
<tr><td>时效指标</td><td>服务完成时间</td><td>2026年12月底前</td><td>2024年12月底前</td><td></td></tr>
<tr><td>效益值</td><td>社会效益指标</td><td>老人生活质量</td><td>逐步提高</td><td>有所提高</td><td></td></tr>
</table>
"""

CUT_SHORT = """
<table>
<tr><td>项目名称</td><td colspan="3">乡村文化活动补助</td></tr>
<tr><td>主管部门</td><td colspan="3">某县文化广电旅游局</td></tr>
<tr><td>年度目标</td><td colspan="3">全年开展文化活动50场。</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
<tr><td>产出指标</td><td>数量指标</td><td>文化活动场次</td><td>50场</td></tr>
<tr><td>产出指标</td><td>质量指标</td><td>群众参与率</td></tr>
</table>
"""


def ruled(body: str, *, page_size: str = "A4 landscape", font: str = '"Noto CFF"') -> str:
    return page(RULED % {"page": page_size, "font": font}, body)


def fonts(text: str, folder: Path) -> tuple[Path, Path]:
    """Noto Sans CJK SC cut down to the glyphs of ``text``: as an OpenType CFF font (what the
    system font is, only small: the committed PDFs stay a few dozen KB) and converted to
    TrueType outlines (fontTools cu2qu), which WeasyPrint embeds as a CIDFontType2."""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTCollection, newTable

    def cut() -> Any:
        font = next(f for f in TTCollection(NOTO).fonts if "SC" in f["name"].getDebugName(1))
        options = subset.Options()
        options.desubroutinize = True
        options.layout_features = ["*"]
        options.notdef_outline = True
        sub = subset.Subsetter(options)
        sub.populate(text=text + " 0123456789.,%<>=≥≤-/()（）：")
        sub.subset(font)
        return font

    cff = folder / "noto-cff.otf"
    cut().save(str(cff))
    font = cut()
    glyph_set = font.getGlyphSet()
    order = font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["head"].glyphDataFormat = 0
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    for attr in (
        *("maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours", "maxZones"),
        *("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs"),
        *("maxStackElements", "maxSizeOfInstructions", "maxComponentElements"),
        "maxComponentDepth",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
    tt = folder / "noto-tt.ttf"
    font.save(str(tt))
    return cff, tt


def font_faces(cff: Path, tt: Path) -> str:
    return (
        f'@font-face {{ font-family: "Noto CFF"; src: url("{cff.as_uri()}"); }}'
        f'@font-face {{ font-family: "Noto TT"; src: url("{tt.as_uri()}"); }}'
    )


def unicode_cids(data: bytes) -> bytes:
    """``data`` with its TrueType CID fonts re-encoded the way some Chinese PDF producers
    write them: character codes are Unicode values (CIDSystemInfo Adobe-UCS-0, a CIDToGIDMap
    from them to the glyphs), no ``/ToUnicode`` map and no cmap in the font program. The page
    looks the same; pypdfium2 reads the text (it takes a UCS ordering's CIDs as Unicode),
    pdfplumber gives ``(cid:N)`` (it maps such fonts only through the font's own cmap)."""
    import pikepdf
    from fontTools.ttLib import TTFont

    with pikepdf.open(io.BytesIO(data)) as doc:
        recode: dict[tuple[int, int], dict[int, int]] = {}
        for p in doc.pages:
            for _, font in p.Resources.get("/Font", {}).items():
                cid_font = font.DescendantFonts[0]
                key = cid_font.objgen
                if key in recode or cid_font.Subtype != "/CIDFontType2":
                    continue
                descriptor = cid_font.FontDescriptor
                program = TTFont(io.BytesIO(descriptor.FontFile2.read_bytes()))
                gid_of = {n: k for k, n in enumerate(program.getGlyphOrder())}
                to_code = {gid_of[name]: u for u, name in program.getBestCmap().items()}
                recode[key] = to_code
                widths: dict[int, int] = {}
                w = list(cid_font.W)
                k = 0
                while k < len(w):
                    first = int(w[k])
                    if isinstance(w[k + 1], pikepdf.Array):
                        for j, value in enumerate(w[k + 1]):
                            widths[first + j] = int(value)
                        k += 2
                    else:
                        for gid in range(first, int(w[k + 1]) + 1):
                            widths[gid] = int(w[k + 2])
                        k += 3
                new_w: list[Any] = []
                for gid, code in sorted(to_code.items(), key=lambda x: x[1]):
                    if gid in widths:
                        new_w += [code, pikepdf.Array([widths[gid]])]
                cid_font.W = pikepdf.Array(new_w)
                table = bytearray(2 * (max(to_code.values()) + 1))
                for gid, code in to_code.items():
                    table[2 * code : 2 * code + 2] = gid.to_bytes(2, "big")
                cid_font.CIDToGIDMap = doc.make_stream(bytes(table))
                cid_font.CIDSystemInfo = pikepdf.Dictionary(
                    Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("UCS"), Supplement=0
                )
                del program["cmap"]
                out = io.BytesIO()
                program.save(out)
                descriptor.FontFile2 = doc.make_stream(out.getvalue())
                descriptor.FontFile2.Length1 = len(out.getvalue())
                if "/ToUnicode" in font:
                    del font["/ToUnicode"]
        for p in doc.pages:
            fonts = {str(n): f.DescendantFonts[0].objgen for n, f in p.Resources.Font.items()}
            current: dict[int, int] | None = None
            ops = []
            for operands, op in pikepdf.parse_content_stream(p):
                if str(op) == "Tf":
                    current = recode.get(fonts[str(operands[0])])
                elif str(op) in ("Tj", "TJ") and current is not None:
                    operands = [_recode(o, current) for o in operands]
                ops.append((operands, op))
            p.Contents = doc.make_stream(pikepdf.unparse_content_stream(ops))
        out = io.BytesIO()
        doc.save(out, deterministic_id=True)
        return out.getvalue()


def _recode(obj: Any, to_code: dict[int, int]) -> Any:
    import pikepdf

    if isinstance(obj, pikepdf.Array):
        return pikepdf.Array([_recode(o, to_code) for o in obj])
    if isinstance(obj, pikepdf.String):
        raw = bytes(obj)
        codes = [to_code[int.from_bytes(raw[k : k + 2], "big")] for k in range(0, len(raw), 2)]
        return pikepdf.String(b"".join(c.to_bytes(2, "big") for c in codes))
    return obj


def strip_to_unicode(data: bytes, pages: set[int] | None = None) -> bytes:
    """``data`` with every font's ``/ToUnicode`` map removed (on ``pages``, 1-based, or all)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as doc:
        for number, p in enumerate(doc.pages, start=1):
            if pages is not None and number not in pages:
                continue
            fonts = p.Resources.get("/Font", {})
            for _, font in fonts.items():
                if "/ToUnicode" in font:
                    del font["/ToUnicode"]
        out = io.BytesIO()
        doc.save(out, deterministic_id=True)
        return out.getvalue()


def concatenate(*parts: bytes) -> bytes:
    import pikepdf

    with pikepdf.new() as doc:
        sources = [pikepdf.open(io.BytesIO(p)) for p in parts]
        for s in sources:
            doc.pages.extend(s.pages)
        out = io.BytesIO()
        doc.save(out, deterministic_id=True)
        for s in sources:
            s.close()
        return out.getvalue()


def main() -> None:
    import html
    import re

    pages = {
        "form.pdf": ruled(FORM),
        "department.pdf": ruled(DEPARTMENT, page_size="200mm 110mm"),
        "department_plain.pdf": ruled(
            DEPARTMENT.replace("<thead>", "").replace("</thead>", ""), page_size="200mm 110mm"
        ),
        "unruled.pdf": unruled_csv(),
        "unruled_pages.pdf": unruled_csv("180mm 90mm"),
        "unruled_form.pdf": page(
            UNRULED % {"page": "A4 landscape", "width": "400pt", "padding": "3pt 5pt"},
            UNRULED_FORM,
        ),
        "cut_short.pdf": ruled(CUT_SHORT, page_size="A5 landscape"),
        "garbled.pdf": ruled(FORM, font='"Noto TT"'),
    }
    text = html.unescape(re.sub(r"<[^>]+>|\s", "", "".join(pages.values())))
    out: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        faces = font_faces(*fonts(text, Path(tmp)))
        for name, source in pages.items():
            out[name] = pdf(source.replace("<style>", f"<style>{faces}", 1))
    out["garbled.pdf"] = unicode_cids(out["garbled.pdf"])
    out["unreadable.pdf"] = strip_to_unicode(concatenate(out["form.pdf"], out["form.pdf"]), {2})
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for name, data in out.items():
        (target / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
