"""Text saved from web pages (``jixiao.ingest.readers.webtext``): rows that must not be read wrong.

Each excerpt (``tests/data/webtext/``) is cut from a real page of the corpus
(``tests/data/realworld/``, the fixture named in the test); the tests pin what is read from it
and what is left out, with the note saying why.
"""

from __future__ import annotations

from jixiao.ingest import read_bytes
from jixiao.model import Document

from .helpers import DATA
from .tables import messages

EXCERPTS = DATA / "webtext"


def read(name: str) -> Document:
    (doc,) = read_bytes((EXCERPTS / name).read_bytes(), name)
    return doc


def rows(doc: Document) -> list[tuple[str, str, str, str]]:
    return [(i.level1.name, i.level2.name, i.name, i.annual.text) for _, _, i in doc.indicators()]


def test_classes_of_another_framework_stay_classes_and_page_furniture_is_no_row() -> None:
    # ah-shucheng-fgw-yigongdaizhen-target-2023: the NDRC 中央预算内投资 template, a cell per
    # paragraph; its level-1 column holds 实施效果指标 / 过程管理指标 (another framework) over
    # our level-1 classes; the header lost its first character (级指标); page furniture follows.
    assert rows(read("ndrc.txt")) == [
        ("实施效果指标", "产出指标", "劳务报酬占中央投资比例", "≥32.68%"),
        ("实施效果指标", "效益指标", "项目区农村基础设施条件", "持续改善"),
        ("过程管理指标", "计划管理指标", "投资计划分解(转发)用时", "≤20工作日"),
        ("过程管理指标", "计划管理指标", '"两个责任"按项目落实到位率', "100%"),
        ("过程管理指标", "资金管理指标", "中央预算内投资支付率", "≥95%"),
    ]


def test_a_label_run_into_prose_a_wider_table_after_and_an_ambiguous_class() -> None:
    # sx-lvliang-hugong-peixun-selfeval: OCR text, a row per line with "|"; the site's
    # disclaimer runs into the first header label; a second, wider table (a list of schools)
    # follows the indicators.
    doc = read("lvliang.txt")
    assert rows(doc) == [
        ("产出指标", "数量指标", "完成2021年吕梁山护工培训任务", "12500名"),
        ("产出指标", "数量指标", "完成2021年吕梁山护工培训就业质量考核及验收", "11所"),
        ("产出指标", "质量指标", "参训学员结业考核通过率", "100%"),
        ("效益指标", "社会效益", "参训学员就业率", "60%及以上"),
    ]
    # 满意度 under the 效益指标 span: a level 2 of it, or a level 1 spanning both columns?
    (doubt,) = [m for m in messages(doc, "text.row_unclear") if "参培学员满意度" in m]
    assert "满意度" in doubt and "效益指标" in doubt
    assert "吕梁市远航职业培训学校" not in repr(doc)
