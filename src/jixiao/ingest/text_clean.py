"""Text saved from web pages, made readable before its table is looked for.

Mirrors of government pages add noise that no table contains: Traditional characters (a mirror
that converts pages), pinyin after characters (``學(xué)``), full-width spaces and zero-width
characters. :func:`normalize` removes it, each change with a note; nothing else in the text is
touched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from itertools import islice, pairwise
from pathlib import Path
from types import ModuleType

from .grid import Grid, GridNote
from .text_tokens import is_pipe_text

# Characters that occur only in Traditional text, common in these tables: enough of them is
# the sign of a converted page (a simplified table never holds them).
_TRADITIONAL = re.compile(
    "[績標級數質資項濟滿產時對與為這個們來說會於動發國學經過還進關題業點體機現實長開門預單額財務]"
)
# A pinyin syllable with a tone mark in brackets right after a character: 學(xué), 業(yè).
# (The bracket first, the character before it looked behind at: a search for a bracket is fast.)
_PINYIN = re.compile(
    r"[（(](?<=[\u4e00-\u9fff][（(])([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)[)）]"
)
# The rest of one whose character and bracket the mirror's encoding lost to ? (???jī)效).
_LOST_PINYIN = re.compile(r"(?<=[?？])[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


_TRADITIONAL_ENOUGH = 5


def _traditional(text: str) -> bool:
    found = islice(_TRADITIONAL.finditer(text), _TRADITIONAL_ENOUGH)  # (C speed: a page is long)
    return sum(1 for _ in found) >= _TRADITIONAL_ENOUGH


@cache
def _zhconv() -> ModuleType:
    """zhconv, imported lazily (only converted pages need its tables), its dictionary loaded
    from a file that is closed again (its own loader leaves the file open: a ResourceWarning)."""
    import zhconv

    zhconv.loaddict(str(Path(zhconv.__file__).with_name("zhcdict.json")))
    module: ModuleType = zhconv
    return module


def simplified(text: str) -> str:
    """``text`` in Simplified characters."""
    converted: str = _zhconv().convert(text, "zh-cn")
    return converted


_DOUBLE_MIN_LINES = 6  # fewer written lines say nothing about how the text was spaced
_DOUBLE_SHARE = 0.8  # of the gaps between written lines, at least this share one blank line


def _undoubled(text: str) -> str | None:
    """``text`` of cells between ``|`` double-spaced (a blank line after every line, as some
    browsers and word processors copy a page) with every run of line ends halved, else
    ``None``: no two written lines touch, so the blank lines say only where lines end (the
    ``|`` mark the cells); the copy made each line end two, an empty line's too. Text without
    ``|`` is left alone: there a blank line after every line is a cell per paragraph."""
    if "|" not in text or "\n\n" not in text:
        return None
    lines = text.split("\n")
    if not is_pipe_text(lines):
        return None
    filled = [k for k, line in enumerate(lines) if line]
    if len(filled) < _DOUBLE_MIN_LINES or any(b == a + 1 for a, b in pairwise(filled)):
        return None
    gaps = [b - a - 1 for a, b in pairwise(filled)]
    if sum(g == 1 for g in gaps) < _DOUBLE_SHARE * len(gaps):
        return None
    return text.replace("\n\n", "\n")


def normalize(text: str) -> tuple[str, list[GridNote]]:
    """``text`` without mirror noise, and a note for each kind of change made."""
    notes: list[GridNote] = []
    text = _INVISIBLE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    undoubled = _undoubled(text)
    if undoubled is not None:
        text = undoubled
        notes.append(
            GridNote("info", "text.double_spaced", "每行之后的空行已去掉（隔行复制的文本）")
        )
    text, n = _PINYIN.subn("", text)
    if "?" in text or "？" in text:
        text, lost = _LOST_PINYIN.subn("", text)
        n += lost
    if n:
        notes.append(
            GridNote("info", "text.pinyin", f"去掉了字后括注的拼音 {n} 处（镜像网站加入）")
        )
    if _traditional(text):
        simplified_text = simplified(text)
        if simplified_text != text and simplified_text.count("\n") == text.count("\n"):
            text = simplified_text
            notes.append(GridNote("info", "text.traditional", "繁体字已按简体读取"))
    return text, notes


# A table copied from a browser or a spreadsheet: a row a line, its cells apart by tabs, an
# empty cell kept as nothing between two tabs (after a cell: two tabs at a line's start are an
# indentation). Such tabs are the cells' own separators, as "|" is; spaces between cells, or
# tabs with no empty cell between two (an editor's tabs for spaces), prove nothing of the kind.
_EMPTY_TAB_CELL = re.compile(r"[^\s]\t[ \u3000\xa0]*\t")
_TAB_LINES = 3  # lines with tabs before the tabs can be a table's


def tab_separated(text: str) -> bool:
    """The tabs of ``text`` are a table's cell separators (see above)."""
    tabbed = sum("\t" in ln for ln in text.split("\n")) >= _TAB_LINES
    return tabbed and _EMPTY_TAB_CELL.search(text) is not None


def tab_cells(text: str) -> tuple[str, list[GridNote]]:
    """``text`` with its tabs written as ``|`` when they are a table's cell separators (see
    above), and a note when they are."""
    if "\t" not in text or not tab_separated(text):
        return text, []
    lines = text.split("\n")
    cells = (ln.replace("\t", " | ") for ln in lines)  # (a row's indentation kept: a tree's levels)
    note = GridNote(
        "info", "text.tab_cells", "各格以制表符分开（浏览器或表格软件复制的表格），按“|”分格读取"
    )
    return "\n".join(cells), [note]


def normalize_grids(grids: Sequence[Grid]) -> list[Grid]:
    """Grids whose cells went through :func:`normalize` together (a converted page is told by
    all its cells), with the notes on the first grid."""
    cells = [c for g in grids for row in g.rows for c in row]
    joined = "\u0001".join(cells)
    text, notes = normalize(joined)
    if not notes:
        return list(grids)
    parts = iter(text.split("\u0001"))
    out = [
        Grid(
            g.name,
            [[next(parts) for _ in row] for row in g.rows],
            list(g.lines),
            list(g.notes),
            dict(g.continued),
        )
        for g in grids
    ]
    if out:
        out[0].notes.extend(notes)
    return out
