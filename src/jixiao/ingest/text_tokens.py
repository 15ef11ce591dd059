"""Text saved from a web page → a stream of cell tokens, with what separated each from the last.

Pages turn tables into text in many shapes: cells between ``|`` (a row per line, or a cell per
line with ``|``-only lines between), one cell per line or per paragraph, rows with cells split
by spaces, a whole table on one line, or cells run together with no separator at all. Every
shape becomes the same thing here: tokens, each with the *gap* before it (``pipe``, ``para``,
``line``, ``space``, ``glue``) and a *row hint* (how sure the text is that a new table row
starts at the token: 2 sure, 1 likely, 0 unknown). Text run together is split at the
vocabulary's labels (一级指标, 数量指标, 项目名称 …) and where a value starts after words
(``覆盖率100%``, ``标尺10≥266米``); the splits are ``glue`` gaps, which the aligner may join
again. Everything here is linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ..framework import clean_label, load_framework
from ..targets import quantity_at
from .table_tree import indent_width
from .table_vocabulary import block_role, literal_forms, vocabulary
from .text_ends import BARE_YEAR, echoed_verb, phrase_end, value_before_title

Gap = Literal["start", "pipe", "para", "line", "space", "glue", "cut"]

_PIPE_SHARE = 0.25  # lines with a "|" among the non-empty lines: pipe text
_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_RULE = re.compile(r"[|:\-\s—=+]+")
_CJK = "\u4e00-\u9fff"
# Where a value starts right after words (覆盖率100%, 标尺10≥266米, 100%100%): before a digit
# or comparator that follows a Chinese character or a closing bracket (not a comparator in words:
# 小于5次, 不超过3天, 达到90%; nor a rate's 每亩300, 每人1500元; nor inside a date,
# 2022年12月30日, nor a number 指标1 / 目标2 / 第2), and after a % sign that a digit follows.
_VALUE_START = re.compile(
    rf"(?<=[{_CJK}）)》”])(?<![于过到第])(?<!每.)(?<!指标)(?<!目标)(?<!\d年)(?<!\d月)(?=[0-9０-９≥≤＞＜>=<≧≦])|(?<=[%％])(?=[0-9０-９≥≤＞＜≧≦{_CJK}])"
)
# A table's title run together with what follows it: 2020年度县级专项资金绩效目标自评表专项资金名称…
_TITLE = re.compile(
    rf"[{_CJK}\d（）()、]{{0,40}}?(?:绩效目标|绩效|整体支出|支出)(?:自评|申报|批复|审批|审核|目标)?表"
)
_NUMBERED_NAME = re.compile(r"指标\d+[:：]")
# A template's 「……」 (not one … in a name), or a note (注:) run on right after a figure.
_RUN_ON_BREAK = re.compile(r"…{2,}|\.{6,}|(?<=[\d%％])注[:：]")
_POINTS = re.compile(r"[（(]\d+(?:\.\d+)?分[)）]")
_CMP_AFTER_VALUE = re.compile(r"(?<=[0-9%％])(?=[≥≤＞＜≧≦])")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    line: int
    gap: Gap
    row: int = 0  # 2: a row surely starts here; 1: likely; 0: unknown
    indent: int = 0  # the leading whitespace of its line, for the first token of a line
    paged: bool = False  # the first token after a preview's page number (2、), which was cut

    @property
    def empty(self) -> bool:
        return not self.text


@cache
def _lexicon() -> re.Pattern[str]:
    """The labels that split text run together: the framework's class names and the
    vocabulary's literal labels, longest first."""
    fw = load_framework()
    voc = vocabulary()
    words: set[str] = set(voc.lexicon) | voc.other_level2
    for c in (*fw.level1.values(), *fw.level2.values()):
        for w in (c.name, *c.aliases):
            if len(w) >= 4:
                words.add(w)
    for entries in (voc.columns, voc.block, voc.funds_columns, voc.funds_rows, voc.footer):
        for pattern, _ in entries:  # long labels only: a short one may stand inside a name
            words.update(w for w in literal_forms(pattern.pattern) if len(w) >= 5)
    for misread, printed in voc.ocr_pieces:  # 实施第位: an OCR's 实施单位 splits text as well
        words.update(w.replace(printed, misread) for w in list(words) if printed in w)
    words.update(voc.ocr_labels)
    ordered = sorted(words, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in ordered))


def split_glued(piece: str) -> list[tuple[str, Gap]]:
    """A piece of text with no separator split at labels (``cut`` before and after each) and
    at the starts of values (``glue``); the gap given is the one before each part."""
    if len(piece) <= 3 or _other_class(piece):
        return [(piece, "glue")]
    if _is_prose(piece) and not _many_labels(piece):
        return _goal_label_ahead(piece)
    parts: list[tuple[str, Gap]] = []
    pos = 0
    after_label = False
    title = _TITLE.search(piece)
    if title is not None and (lead := value_before_title(title.group())):
        title = _TITLE.search(piece, title.start() + lead)  # (a value ends the table above)
    if title is not None and title.start() == 0 and title.end() == len(piece):
        return [(piece, "glue")]  # a title alone (部门整体支出绩效目标申报表): one cell
    if title is not None and title.end() < len(piece):
        # (the cells before the title are split as well: a page run onto one line)
        head: list[tuple[str, Gap]] = split_glued(piece[: title.start()]) if title.start() else []
        after = piece[title.end() :]
        year = BARE_YEAR.match(after)  # (自评表2023年度项目名称…: the title's year, unbracketed)
        if year is not None and year.end() < len(after):
            rest = [(year.group(), "cut"), *split_glued(after[year.end() :])]
        else:
            rest = split_glued(after)
        rest[0] = (rest[0][0], "cut")
        name = _PAGE_MARK.sub("", title.group()) if not head else title.group()  # 1、 a page's
        return [*head, (name, "cut" if head else "glue"), *rest]
    # Cells glued around labels: a value with words after it ends where the grammar says
    # (elsewhere only a percentage ends so surely: 严格按照预算标准1000元/人给补助对象 is one cell).
    glued = _lexicon().search(piece) is not None
    numbered = _NUMBERED_NAME.match(piece)
    label_end = parts_start = -1
    for m in _lexicon().finditer(piece):
        if numbered is not None and m.start() == numbered.end():
            continue  # 指标1:服务对象满意度: a name that is a class's name, not a label
        if label_end == pos == m.start() - 1 and piece[pos] in "/／":
            # 项目实施单位/项目负责人: one label over two values joined alike
            parts[-1] = (piece[parts_start : m.end()], "cut")
            pos = label_end = m.end()
            continue
        if m.start() > pos:
            between = _split_values(piece[pos : m.start()], glued)
            if after_label:
                between[0] = (between[0][0], "cut")
            parts.extend(between)
        points = _POINTS.match(piece, m.end()) if m.group() in _class_words() else None
        # 数量指标(10分)保障人数: the points are the class's, not the start of the name
        pos = points.end() if points is not None and points.end() < len(piece) else m.end()
        parts.append((piece[m.start() : pos], "cut"))
        parts_start, label_end = m.start(), pos
        after_label = True
    if pos < len(piece):
        rest = _split_values(piece[pos:], glued)
        if after_label:
            rest[0] = (rest[0][0], "cut")
        parts.extend(rest)
    if numbered is not None and not glued:
        parts = _name_kept(parts)
    out = [(p.lstrip(":：") if k else p, g) for k, (p, g) in enumerate(parts)]
    return [(p, g) for p, g in out if p]


def _goal_label_ahead(piece: str) -> list[tuple[str, Gap]]:
    """A sentence with a goal's label run on before it (专项年度绩效目标通过本项目实施,…,
    整体绩效目标1、围绕…): the label, then the sentence; any other sentence whole."""
    found = _lexicon().match(piece)
    if found is None or block_role(found.group()) not in ("goal", "period_goal", "goal_result"):
        return [(piece, "glue")]
    if not _is_prose(piece[found.end() :]):
        return [(piece, "glue")]
    return [(found.group(), "glue"), (piece[found.end() :].lstrip(":："), "cut")]


def _name_kept(parts: list[tuple[str, Gap]]) -> list[tuple[str, Gap]]:
    """A numbered name's parts (指标12:孕产妇 | 7天访视数) joined again where the part cut off
    is not a value but a quantity with words after it: the name goes on."""
    out: list[tuple[str, Gap]] = []
    for p, g in parts:
        q = quantity_at(p)
        if out and 0 < q < len(p) and re.match(f"[{_CJK}]", p[q:]):
            out[-1] = (out[-1][0] + p, out[-1][1])
        else:
            out.append((p, g))
    return out


@cache
def _class_words() -> frozenset[str]:
    fw = load_framework()
    return frozenset(
        w for c in (*fw.level1.values(), *fw.level2.values()) for w in (c.name, *c.aliases)
    )


def _other_class(piece: str) -> bool:
    """A class of another framework whose name ends with one of ours (实施效果指标 over 效果指标,
    过程管理指标): one label, not a word run into a label. Only a short head that holds no label
    itself counts (产出指标数量指标 is two labels)."""
    if not piece.endswith("指标") or len(piece) > 12:
        return False
    found = list(_lexicon().finditer(piece))
    if len(found) != 1 or found[0].end() != len(piece) or found[0].group() not in _class_words():
        return False
    head = piece[: found[0].start()]
    return 0 < len(head) <= 4 and re.fullmatch(f"[{_CJK}]+", head) is not None


def _many_labels(piece: str) -> bool:
    """A long piece holding many labels: a page of cells run together (its goal sentences
    among them), not one sentence whose words happen to be labels."""
    if len(piece) < _LABELLED_LINE:
        return False
    return any(n >= _MANY_LABELS for n, _ in enumerate(_lexicon().finditer(piece), start=1))


_MANY_LABELS = 6
_LABELLED_LINE = 60  # (characters: a sentence this long holding six labels is cells)
_SENTENCE = re.compile(r"[。；;！？!?]|[，,](?=.*[，,。])")


def _is_prose(piece: str) -> bool:
    """A sentence (a goal, a reason), not cells run together: labels inside it stay words."""
    if piece.endswith(("。", "！", "？")) and not piece[:-1].endswith(("。", "）", ")")):
        return True  # (a short sentence as well: 完成年度目标。)
    return len(piece) > 16 and _SENTENCE.search(piece) is not None


_SEGMENT_VALUE = re.compile(
    r"^[≥≤＞＜>=<≧≦]*\s*[0-9０-９][0-9０-９.,，]*\s*(?:[%％‰]|[^\d\s]{0,4})$"
)


def _split_values(text: str, glued: bool = False) -> list[tuple[str, Gap]]:
    brk = _RUN_ON_BREAK.search(text) if glued else None
    if brk is not None and brk.start() > 0:
        # A template's …… row run on after the last row (…满意度10≥95%≥95%10……总分): a cell of
        # its own, so the row before it ends on its score; a note run on after the last figure
        # (总分100100注:1.…) starts a cell of its own.
        cell = brk.group() if brk.group().startswith(("…", ".")) else ""
        parts = _split_values(text[: brk.start()], glued)
        if cell:
            parts.append((cell, "cut"))
        after = text[brk.start() + len(cell) :]
        if after:
            rest = _split_values(after, glued)
            parts.extend([(rest[0][0], "cut"), *rest[1:]])
        return parts
    found = sorted(
        {m.start() for m in _VALUE_START.finditer(text)}
        | {m.start() for m in _CMP_AFTER_VALUE.finditer(text)}
    )
    # A cut stands only where a value follows it (覆盖率|100%), not a name with a digit
    # in it (指标1.药品抽验品种).
    segments = [
        text[c : found[k + 1] if k + 1 < len(found) else len(text)] for k, c in enumerate(found)
    ]
    cuts: list[int] = []
    for c, seg in zip(found, segments, strict=True):
        # …and after a run of figures ending in % with words after it (194.9194.9100%其中…)
        figures = _figure_run_before(text, c, cuts[-1] if cuts else 0)
        # …and, in cells glued around labels, after the percentage a piece opens with (86.5%市县
        # 资金: a row's last amount, then the next row's label)
        figures = figures or (
            glued and not cuts and c > 0 and text[c - 1] in "%％" and quantity_at(text) == c
        )
        if _SEGMENT_VALUE.match(seg) or _value_end(seg, glued) or figures:
            cuts.append(c)
            continue
        # …and, in cells glued around labels, a bare score after a percentage or another whole
        # value with the next name run on after it (20%20资金足额拨付率, ≥266米10水标尺宽度):
        # the score, then the name
        score = _SCORE_THEN_NAME.match(seg) if glued else None
        if score is None or quantity_at(seg):
            continue
        since = cuts[-1] if cuts else 0  # (a value is short: no long slice per candidate)
        whole = 0 < c - since <= _VALUE_CHARS and (
            quantity_at(text[since:c]) == c - since or _SEGMENT_VALUE.match(text[since:c])
        )
        if text[c - 1 : c] in ("%", "％") or whole:
            cuts.extend((c, c + score.end()))
    out: list[tuple[str, Gap]] = []
    prev = 0
    for c in cuts:
        if c > prev:
            out.extend(_value_then_words(text[prev:c], "cut" if out else "glue", glued, bool(out)))
        prev = c
    out.extend(_value_then_words(text[prev:], "cut" if out else "glue", glued, bool(out)))
    phrase = phrase_end(out[-1][0])
    at = phrase.start() if phrase is not None else len(out[-1][0]) - echoed_verb(out[-1][0])
    if at >= 4 and at < len(out[-1][0]):
        last = out.pop()[0]
        out.extend([(last[:at], "glue"), (last[at:], "glue")])
    return [half for part in out for half in _doubled(part, glued) for half in _restated(half)]


def split_run_on(text: str) -> list[tuple[str, Gap]]:
    """A piece of a body whose cells run together cut at its values as cells glued around
    labels are (a value with words after it ends where the grammar says): for a row's whole
    line that holds no label (某某补助标准…120元/人计划标准)."""
    return _split_values(text, glued=True)


_NAME_CHARS = re.compile(rf"[{_CJK}（）()、]+")
_MIN_RESTATED = 4
_RESTATED_CHARS = 120  # (a name and its explanation are short: no quadratic scan of a page)


def _restated(part: tuple[str, Gap]) -> list[tuple[str, Gap]]:
    """A name run on with an explanation that restates it (研究培育食用菌品种数量研究培育食用菌
    品种数量, 技术指导服务数量对生产种植企业技术指导服务数量: the 指标解释 column repeats the name
    or ends with it): the name, then the explanation. Only words (no figure), and only the
    longest head of four characters or more that the part also ends with."""
    text, gap = part
    if len(text) > _RESTATED_CHARS or not _NAME_CHARS.fullmatch(text):
        return [part]
    k = next((k for k in range(len(text) // 2, _MIN_RESTATED - 1, -1) if text[:k] == text[-k:]), 0)
    return [(text[:k], gap), (text[k:], "glue")] if k else [part]


def _doubled(part: tuple[str, Gap], glued: bool) -> list[tuple[str, Gap]]:
    """A target and its actual glued when they are the same short figure (00, 5次5次) or
    one-character verdict (高高): two parts, in text whose cells run together around labels."""
    text, gap = part
    half = len(text) // 2
    same = len(text) % 2 == 0 and 0 < half <= 6 and text[:half] == text[half:]
    figure = text[:1].isdigit() and _SEGMENT_VALUE.match(text[:half]) is not None
    if glued and same and (figure or text[:half] in vocabulary().verdicts):
        return [(text[:half], gap), (text[half:], "cut")]
    return [part]


def _figure_run_before(text: str, c: int, start: int) -> bool:
    """Whether ``text[start:c]`` is a run of figures ending in % (194.9194.9100%). Linear over
    a line: the digits scanned back from each % are those after the % before it."""
    if c < 1 or text[c - 1] not in "%％":
        return False
    k = c - 1
    while k > start and (text[k - 1].isdigit() or text[k - 1] == "."):
        k -= 1
    return k == start and c - 1 - start >= 5


def _value_end(segment: str, glued: bool) -> int:
    """Where a value that starts ``segment`` ends when words follow it (100%|库存数量真实率,
    and in cells glued around labels 250人|计划标准), by the value grammar; 0 when no such
    value starts it."""
    q = quantity_at(segment)
    rest = segment[q:]
    if not q or len(rest) < 2 or not re.match(f"[{_CJK}]{{2}}", rest):
        # (after a percentage, one Chinese character starts the words: 92%重.要设备, a typo)
        percent = q and segment[q - 1] in "%％" and re.match(f"[{_CJK}]", rest)
        return q if glued and percent and len(rest) >= 2 else 0
    return q if glued or segment[q - 1] in "%％" else 0


def _value_then_words(segment: str, gap: Gap, glued: bool, cut: bool) -> list[tuple[str, Gap]]:
    """A segment cut off before a value, split again where the value ends."""
    q = _value_end(segment, glued) if cut else 0
    return [(segment[:q], gap), (segment[q:], "glue")] if q else [(segment, gap)]


_TITLE_YEAR = re.compile(r"\s*[（(]\s*(?:19|20)\d{2}\s*年度?\s*[)）]$")
_SCORE_THEN_NAME = re.compile(rf"(?:100|[1-9]?\d)(?:\.\d)?(?=[{_CJK}]{{2}}[{_CJK}（(、]|指标\d)")
_VALUE_CHARS = 24
_LONG_LINE = 120
# The page number a document preview prints at the start of each page of run-together cells.
_PAGE_MARK = re.compile(r"^\s*\d{1,2}、(?=\S)")
_GLUED_VALUE = re.compile(rf"(?<=[{_CJK}])[0-9]|[%％](?=[0-9{_CJK}])")
_STRAY_SPACE = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")


def _despaced(line: str, continued: bool = False) -> str:
    """A long line of cells run together, with the stray single spaces a document preview puts
    inside words (一级 指标二级 指标) taken out between Chinese characters; other lines as they
    are (their spaces separate cells). ``continued``: the line goes on from such a line (the
    rest of its page, however short)."""
    if len(line) < _LONG_LINE and not continued:
        return line
    spaces = len(_SPACES.findall(line.strip()))
    words = _SPACES.split(line.strip())
    if sum(w in _class_words() and w.endswith("指标") for w in words) >= 2:
        return line  # whole class labels between its spaces (产出指标 数量指标): cells
    if continued and len(_STRAY_SPACE.findall(line)) == spaces:
        return _STRAY_SPACE.sub("", line)  # the rest of a page whose spaces were wraps
    bare = _STRAY_SPACE.sub("", line)
    if not _run_together(bare):
        # no cells run together once the spaces are out (项目总体概况 新建…。, a goal and its
        # result as two sentences): a row whose spaces separate its cells, not a preview's page
        return line
    if spaces * 15 < len(line):
        return bare
    # …or every space sits between Chinese characters while values are glued to the words
    # around them more often than there are spaces (率100%100%储备): the spaces are wraps.
    inside = len(_STRAY_SPACE.findall(line))
    glued = len(_GLUED_VALUE.findall(line))
    return bare if inside == spaces and glued >= spaces else line


def _run_together(line: str) -> bool:
    """Some word of ``line`` is cells run together (split at a label or a value)."""
    return any(len(split_glued(w)) > 1 for w in _SPACES.split(line.strip()) if w)


def _pipe_cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [c.strip() for c in s.split("|")]


def is_pipe_text(lines: list[str]) -> bool:
    filled = [ln for ln in lines if ln.strip()]
    piped = sum(1 for ln in filled if "|" in ln)
    return bool(filled) and piped >= max(2, _PIPE_SHARE * len(filled))


def tokens(text: str, *, first_line: int = 1) -> list[Token]:
    """The tokens of ``text`` (lines numbered from ``first_line``). A line that is a table's
    title (项目支出绩效目标表, (2022年度)) stays one token."""
    from .table_block import kind_of

    lines = text.split("\n")
    pipe = is_pipe_text(lines)
    blanks = not pipe and blank_cells(lines)
    out: list[Token] = []
    gap: Gap = "start"
    closed = False  # the last line ended with "|": the next line starts a new cell
    long_before = False  # the last line was a long one (a page of cells run together) …
    wrapped = False  # … whose spaces were wraps inside words
    for n, raw in enumerate(lines, start=first_line):
        if not raw.strip():
            k = n - first_line
            if blanks and raw and 0 < k < len(lines) - 1 and not lines[k - 1] and not lines[k + 1]:
                out.append(Token("", n, "para"))  # a paragraph holding a space: an empty cell
            if gap != "start":
                gap = "para"
            continue
        title = raw.strip(" \t|\u3000")
        if len(title) <= 40 and kind_of(title) and is_title_end(title):
            out.append(Token(title, n, gap, 2))
            gap, closed = "line", raw.rstrip().endswith("|")
            continue
        if pipe and "|" in raw:
            bare = raw.strip().strip("|").strip()
            lone = raw.strip() == "|" and closed  # "cell |" then "|": an empty cell
            if _RULE.fullmatch(raw.strip()) and bare not in ("=", "＝") and not lone:
                closed = True
                continue  # a Markdown rule under the header, or "|||" between cells
            cells = _pipe_cells(raw)
            filled = sum(1 for c in cells if c)
            hint = 2 if filled >= 2 else 0
            first_gap: Gap = "pipe" if closed or raw.lstrip().startswith("|") else gap
            if gap == "para" and first_gap == "pipe" and filled >= 2:
                first_gap = "para"
            for k, cell in enumerate(cells):
                cell = " ".join(cell.split())  # "|" separates cells; spaces are inside one
                # Split only a long cell that starts with a label: cells run together in it.
                glued: list[tuple[str, Gap]] = (
                    split_glued(cell.replace(" ", ""))
                    if len(cell) > 16 and _lexicon().match(cell) and not _decorated_class(cell)
                    else _label_after_prose(cell)
                )
                for r, (p, cut) in enumerate(glued):
                    g: Gap = cut if r else (first_gap if k == 0 else "pipe")
                    out.append(Token(p, n, g, hint if k == r == 0 else 0))
            gap, closed = "line", raw.rstrip().endswith("|")
            continue
        # In "|" text, a line after one that ended with "|" starts a new cell.
        line_gap: Gap = "pipe" if pipe and closed else gap
        closed = False
        bare = _despaced(raw, wrapped)
        paged = 0
        if long_before:
            bare, paged = _PAGE_MARK.subn("", bare, count=1)  # a preview's page number (2、)
        long_before, wrapped = len(bare) >= _LONG_LINE, len(bare) >= _LONG_LINE and bare != raw
        raw = bare
        words = [w for w in _SPACES.split(raw.strip()) if w]
        hint = 1 if len(words) >= 3 else 0
        lead = indent_width(raw)
        for k, word in enumerate(words):
            for r, (p, cut) in enumerate(split_glued(word)):
                g = cut if r else (line_gap if k == 0 else "space")
                first = k == r == 0
                at = (hint, lead, bool(paged)) if first else (0, 0, False)
                out.append(Token(p, n, g, *at))
        gap = "line"
    return _wrapped_labels(out)


def blank_cells(lines: list[str]) -> bool:
    """Text with a cell per paragraph (a blank line after nearly every line) whose empty cells
    are paragraphs holding only spaces: those are cells, not breaks (see :func:`tokens`)."""
    filled = [k for k, line in enumerate(lines[:-1]) if line.strip()]
    if len(filled) < _MIN_CELLS:
        return False
    spaced = sum(
        1
        for k, line in enumerate(lines[1:-1], 1)
        if line and not line.strip() and not lines[k - 1] and not lines[k + 1]
    )
    apart = sum(1 for k in filled if not lines[k + 1])
    return spaced >= _MIN_BLANKS and apart >= _CELLED_SHARE * len(filled)


_MIN_CELLS = 20
_MIN_BLANKS = 3
_CELLED_SHARE = 0.8


def is_title_end(text: str) -> bool:
    """``text`` ends as a table's title does: in 表, or 表 and its year (自评表(2023年度))."""
    return _TITLE_YEAR.sub("", text).endswith(("表", "表）", "表)"))


def _decorated_class(cell: str) -> bool:
    """A class label with its bracketed gloss (时效指标(工期指标、形象进度指标)): one cell."""
    label = clean_label(cell)
    fw = load_framework()
    return label != cell.replace(" ", "") and bool(fw.find1(None, label) or fw.find2(None, label))


def _label_after_prose(cell: str) -> list[tuple[str, Gap]]:
    """A ``|`` cell holding page prose with the table's first label run on after it (正文见附件
    (说明:…)一级指标): the prose and the label as two parts; any other cell whole."""
    if len(cell) <= 16:
        return [(cell, "glue")]
    last = None
    for found in _lexicon().finditer(cell):
        last = found
    if last is None or last.end() != len(cell) or not _is_prose(cell[: last.start()]):
        return [(cell, "glue")]
    return [(cell[: last.start()], "glue"), (last.group(), "cut")]


def _wrapped_labels(toks: list[Token]) -> list[Token]:
    """Class labels wrapped over two lines (经济效益 / 指标, 可持续影 / 响指标) made whole again:
    the first token of a line joins the last of the line before when together they are a class
    of the indicator framework and apart the first is not one in full (or is one of a longer
    name)."""
    fw = load_framework()
    out: list[Token] = []
    for t in toks:
        prev = out[-1] if out else None
        if prev is not None and t.gap in ("line", "para") and t.text and prev.text:
            # the whole next token first (服务对象 / 满意度指标), then its first characters
            whole = [len(t.text)] if 4 < len(t.text) <= 8 else []
            for k in (*whole, *range(min(4, len(t.text)), 0, -1)):
                both = prev.text + t.text[:k]
                known = fw.find1(None, both) or fw.find2(None, both)
                if known is not None and len(prev.text) <= 8 and clean_label(prev.text):
                    out[-1] = Token(both, prev.line, prev.gap, prev.row, prev.indent)
                    rest = t.text[k:]
                    if rest:
                        out.append(Token(rest, t.line, "line", t.row, t.indent))
                    break
            else:
                out.append(t)
            continue
        out.append(t)
    return out


_WRAP_START = re.compile(f"[{_CJK}（(]")
_WRAP_END = re.compile(f"[{_CJK}）)]")  # (matched on the last character)


def join(parts: Sequence[Token]) -> str:
    """The text of tokens joined into one cell: a space between words, none between Chinese
    characters split by a line or a space (a wrap, or letters spaced out)."""
    if not parts:
        return ""
    text = parts[0].text
    for t in parts[1:]:
        text = join_more(text, t)
    return text


def join_more(text: str, t: Token) -> str:
    """``text`` with one more token joined to it (see :func:`join`)."""
    if not t.text:
        return text
    if t.gap in ("glue", "cut") or (_WRAP_START.match(t.text) and _WRAP_END.match(text[-1:])):
        return text + t.text
    return text + " " + t.text


def own_line(toks: Sequence[Token], i: int) -> bool:
    """Whether token ``i`` starts a line that holds nothing else but one cell."""
    line = toks[i].line
    return all(t.line != line for t in toks[i + 1 : i + 2])


def cells_of(values: list[Token]) -> list[str]:
    """A label's value tokens as cells: ``|`` separates cells, anything else is one cell."""
    cells: list[list[Token]] = []
    for t in values:
        if not cells or t.gap == "pipe":
            cells.append([t])
        else:
            cells[-1].append(t)
    return [join(c) for c in cells]


def spread(texts: list[Token], n: int) -> list[str]:
    """``texts`` as ``n`` cells: one each when they are ``n``, else split by lines (the last
    cell takes what is left)."""
    if len(texts) <= n:
        return [t.text for t in texts] + [""] * (n - len(texts))
    if n == 1:
        return [join(texts)]
    out = [t.text for t in texts[: n - 1]]
    out.append(join(texts[n - 1 :]))
    return out
