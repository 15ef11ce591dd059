"""Text saved from a web page → a stream of cell tokens, with what separated each from the last.

Pages turn tables into text in many shapes: cells between ``|`` (a row per line, or a cell per
line with ``|``-only lines between), one cell per line or per paragraph, rows with cells split
by spaces, a whole table on one line, or cells run together with no separator at all. Every
shape becomes the same thing here: tokens, each with the *gap* before it (``pipe``, ``para``,
``line``, ``space``, ``glue``) and a *row hint* (how sure the text is that a new table row
starts at the token: 2 sure, 1 likely, 0 unknown). Text run together is split at the
vocabulary's labels (一级指标, 数量指标, 项目名称 …) and where a value starts after words
(``覆盖率100%``, ``标尺10≥266米``); the splits are ``glue`` gaps, which the aligner may join
again (the splitting is :mod:`.text_glue`). Everything here is linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..chars import HAN
from ..framework import clean_label, load_framework
from .table_tree import indent_width
from .table_values import is_coded_op
from .table_vocabulary import block_role, role_of, vocabulary
from .text_glue import PAGE_MARK, Gap, class_words, is_prose, lexicon, split_glued
from .text_paragraphs import broken_labels, clauses, label_with_no_value, stops_joined
from .text_paragraphs import is_label as _is_label

_PIPE_SHARE = 0.25  # lines with a "|" among the non-empty lines: pipe text
_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_RULE = re.compile(r"[|:\-\s—=+]+")
_PADDED = re.compile(r"\|\|\s*$")  # a line padded with bare pipes
_CJK = "\u4e00-\u9fff"
_FIGURE_START = re.compile(r"[0-9０-９≥≤＞＜>=<≧≦]")
_FIGURE_END = re.compile(r"[0-9０-９%％]$")


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


_TITLE_YEAR = re.compile(r"\s*[（(]\s*(?:19|20)\d{2}\s*年度?\s*[)）]$")
_TITLE_GLOSS = re.compile(r"(?<=表)\s*[（(][\u4e00-\u9fff]{2,6}[)）]$")
_LONG_LINE = 120
_GLUED_VALUE = re.compile(rf"(?<=[{_CJK}])[0-9]|[%％](?=[0-9{_CJK}])")
_STRAY_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t\u3000\xa0](?=[{_CJK}])")


def _despaced(line: str, continued: bool = False) -> str:
    """A long line of cells run together, with the stray single spaces a document preview puts
    inside words (一级 指标二级 指标) taken out between Chinese characters; other lines as they
    are (their spaces separate cells). ``continued``: the line goes on from such a line (the
    rest of its page, however short)."""
    if len(line) < _LONG_LINE and not continued:
        return line
    spaces = len(_SPACES.findall(line.strip()))
    words = _SPACES.split(line.strip())
    if sum(w in class_words() and w.endswith("指标") for w in words) >= 2:
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


def cells_end(lines: list[str], first_line: int = 1) -> int | None:
    """In text with a cell per line, each closed by its ``|`` (``cell |``; an empty cell ``|``),
    the number of the first line after the last one holding a ``|``: every cell ends in a
    ``|``, so the lines from there on (the page's chrome after the table) hold none. ``None``:
    no such lines, or another shape (rows of cells between ``|``, or ``|`` lines between cells
    that do not close their own lines, where the last cell has no ``|`` after it)."""
    piped = [ln.strip() for ln in lines if "|" in ln]
    closing = sum(1 for ln in piped if ln.count("|") == 1 and ln.endswith("|") and ln != "|")
    if not is_pipe_text(lines) or closing * 2 < len(piped):
        return None
    for k in range(len(lines) - 1, -1, -1):
        if "|" in lines[k]:
            closed = lines[k].rstrip().endswith("|")
            rest = any(ln.strip() for ln in lines[k + 1 :])
            return k + 1 + first_line if closed and rest else None
    return None


def tokens(text: str, *, first_line: int = 1) -> list[Token]:
    """The tokens of ``text`` (lines numbered from ``first_line``). A line that is a table's
    title (项目支出绩效目标表, (2022年度)), a page's (某某项目绩效目标情况) or a project's heading
    (某某项目项目绩效目标) stays one token."""
    from .table_document import project_heading
    from .table_title import kind_of

    lines = text.split("\n")
    pipe = is_pipe_text(lines)
    blanks = not pipe and blank_cells(lines)
    celled = not pipe and cell_paragraphs(lines)
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
        has_cells = pipe and "|" in title  # (cells between "|": 项目名称 | 某某自评表, no title)
        if len(title) <= 40 and not has_cells and _title_line(title, kind_of, project_heading):
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
            # (the first cell's leading spaces inside its pipe: an indentation tree's level)
            opened = raw.lstrip(" \t")
            lead = indent_width(opened[1:] if opened.startswith("|") else raw)
            filled = sum(1 for c in cells if c)
            # A row starts at a line of two filled cells, or of one and the empty cells written
            # after it, each between its own pipes (指标2: |  |  | ): the row's cells, where a run
            # of bare pipes at the line's end (1 | ||) only pads it to the table's width.
            lone_row = bool(cells[0]) and len(cells) >= 3 and not _PADDED.search(raw)
            hint = 2 if filled >= 2 or lone_row else 0
            first_gap: Gap = "pipe" if closed or raw.lstrip().startswith("|") else gap
            if gap == "para" and first_gap == "pipe" and filled >= 2:
                first_gap = "para"
            for k, cell in enumerate(cells):
                cell = " ".join(cell.split())  # "|" separates cells; spaces are inside one
                # Split only a long cell that starts with a label: cells run together in it
                # (not a department's line, 预算单位: 某某局, read whole).
                split = len(cell) > 16 and lexicon().match(cell) and not _decorated_class(cell)
                glued: list[tuple[str, Gap]] = (
                    split_glued(cell.replace(" ", ""))
                    if split and not vocabulary().department_line.match(cell)
                    else _label_after_prose(cell)
                )
                for r, (p, cut) in enumerate(glued):
                    g: Gap = cut if r else (first_gap if k == 0 else "pipe")
                    first = k == r == 0  # (its line's indent: a tree's level, | 一级 | )
                    out.append(Token(p, n, g, hint if first else 0, lead if first else 0))
            gap, closed = "line", raw.rstrip().endswith("|")
            continue
        # In "|" text, a line after one that ended with "|" starts a new cell.
        line_gap: Gap = "pipe" if pipe and closed else gap
        closed = False
        bare = _despaced(raw, wrapped)
        paged = 0
        if long_before:
            bare, paged = PAGE_MARK.subn("", bare, count=1)  # a preview's page number (2、)
        long_before, wrapped = len(bare) >= _LONG_LINE, len(bare) >= _LONG_LINE and bare != raw
        raw = _spaced_label(bare)
        words = stops_joined([w for w in _SPACES.split(raw.strip()) if w])
        hint = 1 if len(words) >= 3 else 0
        lead = indent_width(raw)
        # A cell per paragraph: a line alone between blank lines is one cell, or cells glued
        # at labels, never cut where a value starts (90%得10分,每减少1%扣1分 is one rule).
        alone = celled and len(raw) < _LONG_LINE and _alone(lines, n - first_line)
        if alone:  # (its single spaces between Chinese characters: wraps inside the cell)
            words = stops_joined([w for w in _SPACES.split(_STRAY_SPACE.sub("", raw).strip()) if w])
            if len(words) == 2 and is_coded_op(" ".join(words)):
                words = [" ".join(words)]  # (004 >=: a comparator and its system's code)
        for k, word in enumerate(words):
            # (a class with its gloss alone in its paragraph is one cell, as between "|")
            whole: list[tuple[str, Gap]] = [(word, "glue")]
            pieces = whole if alone and _decorated_class(word) else split_glued(word)
            if alone and label_with_no_value(pieces, lines, n - first_line):
                pieces = whole  # (项目名称 / 某某项目资金 / 项目类型: the name's last word)
            if not alone and len(words) >= 2 and len(word) <= _WORD_LONG:
                pieces = (
                    whole if clauses(word) or _changed_figure(word) else _brackets_whole(pieces)
                )  # (spaces end the cells: 时效指标(工期指标…), 提升10%)
            for r, (p, cut) in enumerate(_label_cuts(pieces) if alone else _inside(pieces)):
                g = cut if r else (line_gap if k == 0 else "space")
                first = k == r == 0
                at = (hint, lead, bool(paged)) if first else (0, 0, False)
                out.append(Token(p, n, g, *at))
        gap = "line"
    out = broken_labels(_wrapped_labels(out))
    return out if pipe else _wrapped_around(out)


# A line opening with a label whose characters are spaced out before its colon (a form's cover:
# 申 报 项 目 名 称:…, 编   报   时   间 :…): one label, not a cell per character.
_SPACED = re.compile(
    rf"^([ \t\u3000]*)([{_CJK}](?:[ \t\u3000\xa0]+[{_CJK}]){{2,}})[ \t\u3000]*(?=[:：])"
)


def _spaced_label(line: str) -> str:
    return _SPACED.sub(lambda m: m.group(1) + _SPACES.sub("", m.group(2)), line)


def _changed_figure(word: str) -> bool:
    """A word of change and the figure it changes by (提升10%): one value's cell."""
    for w in vocabulary().change_words:
        if word.startswith(w):
            return word[len(w) : len(w) + 1].isdigit()
    return False


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


def cell_paragraphs(lines: list[str]) -> bool:
    """Text with a cell per paragraph: a blank line after nearly every filled line."""
    filled = [k for k, line in enumerate(lines[:-1]) if line.strip()]
    apart = sum(1 for k in filled if not lines[k + 1].strip())
    return len(filled) >= _MIN_CELLS and apart >= _CELLED_SHARE * len(filled)


def _label_cuts(pieces: list[tuple[str, Gap]]) -> list[tuple[str, Gap]]:
    """``pieces`` joined again at each cut before a figure with no label on either side of
    it (a value's start inside a rule: 90%得10分,每减少 | 1%扣 | 1分), or after one (15% | 征收);
    a label's cuts (其他资金 | 2880万元) stay."""
    out: list[tuple[str, Gap]] = []
    inside = False  # (the last piece joined was a column label inside words: 未达指标值酌情扣分)
    for k, (p, gap) in enumerate(pieces):
        words_before = bool(out) and not _is_label(out[-1][0]) and _CJK_END.search(out[-1][0])
        words_after = k + 1 < len(pieces) and not _is_label(pieces[k + 1][0])
        value = out and (
            _FIGURE_START.match(p) or (gap == "glue" and _FIGURE_END.search(out[-1][0]))
        )
        if value and not (_is_label(out[-1][0]) or _is_label(p)):
            out[-1] = (out[-1][0] + p, out[-1][1])
        elif words_before and words_after and _column_word(p):
            out[-1], inside = (out[-1][0] + p, out[-1][1]), True
        elif words_before and k == len(pieces) - 1 == 1 and len(out[-1][0]) <= 2 and _is_label(p):
            out[-1] = (out[-1][0] + p, out[-1][1])  # (具体实施单位: a label's own modifier)
        elif words_before and k + 1 == len(pieces) and gap == "glue" and _value_word(p):
            out[-1] = (out[-1][0] + p, out[-1][1])  # (考核任务完成及时: a name's last word)
        elif inside and not _is_label(p):
            out[-1], inside = (out[-1][0] + p, out[-1][1]), False
        else:
            out.append((p, gap))
            inside = False
    return out


_CJK_END = re.compile(f"[{_CJK}]$")
_WORD_LONG = 40  # a word (between spaces) longer than this is cells run together, not one


_FORM_ROLES = frozenset(
    ("department", "unit", "project", "code", "total", "fiscal", "special", "other", "goal", "seq")
)


def _of_a_row(piece: str) -> bool:
    """A label of an indicator row's columns (指标值, 分值), not of a form's fields (主管部门)."""
    return role_of(piece) not in _FORM_ROLES and block_role(piece) is None


def _inside(pieces: list[tuple[str, Gap]]) -> list[tuple[str, Gap]]:
    """The pieces of one word (between spaces) with a column's label inside words joined to
    them again (该指标值数据合理, 未达指标值酌情扣分: a sentence's words, not a label and two
    cells), unless the words on both sides are column labels too (项目指标值绩效金额: a header);
    a long word (cells run together) as split."""
    if len(pieces) < 3 or sum(len(p) for p, _ in pieces) > _WORD_LONG:
        return pieces
    out: list[tuple[str, Gap]] = [pieces[0]]
    k = 1
    while k < len(pieces):
        p, gap = pieces[k]
        before = out[-1][0]
        words_before = not _is_label(before) and _CJK_END.search(before) is not None
        if words_before and k + 1 < len(pieces) and _column_word(p) and _of_a_row(p):
            after = pieces[k + 1][0]
            header = role_of(before) is not None and role_of(after) is not None
            if not _is_label(after) and HAN.match(after) and not header:
                out[-1] = (before + p + after, out[-1][1])
                k += 2
                continue
        out.append((p, gap))
        k += 1
    return out


def _brackets_whole(pieces: list[tuple[str, Gap]]) -> list[tuple[str, Gap]]:
    """``pieces`` joined again from a bracket's opening to its close within the word (时效指标
    | (工期指标、形象 | 进度指标 | ) → 时效指标 | (工期指标、形象进度指标)): a gloss holds labels,
    it is one piece. A bracket the word does not close leaves the pieces as they are, but a
    column's letter ending the word in a bracket never closed (年初目标值 | (A) is its label's."""
    out: list[tuple[str, Gap]] = []
    k = 0
    while k < len(pieces):
        p, gap = pieces[k]
        depth = _depth(p)
        end = k
        while depth > 0 and end + 1 < len(pieces):
            end += 1
            depth += _depth(pieces[end][0])
        if end > k and depth == 0:
            out.append(("".join(q for q, _ in pieces[k : end + 1]), gap))
            k = end + 1
            continue
        if out and k == len(pieces) - 1 and _OPEN_MARK.fullmatch(p):
            out[-1] = (out[-1][0] + p, out[-1][1])  # (年初目标值(A: its close lost)
            break
        out.append((p, gap))
        k += 1
    return out


_OPEN_MARK = re.compile(r"[(（][A-Za-z][A-Za-z/]{0,3}")  # a column's letter, its bracket unclosed


def _depth(piece: str) -> int:
    return sum(piece.count(c) for c in "(（") - sum(piece.count(c) for c in ")）")


def _value_word(piece: str) -> bool:
    voc = vocabulary()
    return piece in voc.qualitative_phrases or piece in voc.completion_words


def _column_word(piece: str) -> bool:
    """A column's label that is no class (指标值, 分值): words around it make it a sentence's."""
    return _is_label(piece) and role_of(piece) is not None and piece not in class_words()


def _alone(lines: list[str], k: int) -> bool:
    """Line ``k`` stands between blank lines (or the text's ends)."""
    before = k == 0 or not lines[k - 1].strip()
    return before and (k + 1 == len(lines) or not lines[k + 1].strip())


_MIN_CELLS = 20
_MIN_BLANKS = 3
_CELLED_SHARE = 0.8


def _title_line(
    title: str, kind: Callable[[str], object], heading: Callable[[str], str | None]
) -> bool:
    """A line that stays whole: a table's title (…表 naming a ``kind`` of table), a page's
    (…绩效目标情况) or a project's ``heading`` (某某项目项目绩效目标)."""
    if heading(title) is not None:
        return True
    words = title.split()
    if len(words) >= 2 and block_role(words[0]) is not None:
        return False  # (项目名称 某某…自评表: a field's label and its value, not a title)
    return bool(kind(title)) and (is_title_end(title) or title.endswith("绩效目标情况"))


def is_title_end(text: str) -> bool:
    """``text`` ends as a table's title does: in 表, or 表 and its year (自评表(2023年度)) or a
    short gloss of what it holds (目标表(一级项目))."""
    bare = _TITLE_GLOSS.sub("", _TITLE_YEAR.sub("", text))
    return bare.endswith(("表", "表）", "表)"))


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
    for found in lexicon().finditer(cell):
        last = found
    if last is None or last.end() != len(cell) or not is_prose(cell[: last.start()]):
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
                if clean_label(both) == clean_label(prev.text) or _NUMBERED.match(t.text):
                    continue  # (only marks added: ★★★ opening the name below a whole class;
                    # or the 指标 of a numbered name: 社会效益 / 指标1:…)
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


# 指标1: opening a numbered name (指标1病害…: its colon lost; no class goes on in a figure)
_NUMBERED = re.compile(r"指标\s*\d+\s*[:：.．、\u4e00-\u9fff]")


_AROUND = 4  # at most the other cells of a row a class label wraps around


def _wrapped_around(toks: list[Token]) -> list[Token]:
    """A class label wrapped around its row's other cells (社会公众或服务 | 政策满意度 | ≥90% |
    对象满意度指标: its cell's two lines centred on the row's one, the others between them in
    reading order) made whole again in its first piece's place: two pieces starting lines, a
    class of the framework together and neither one alone, nor any cell between them."""
    fw = load_framework()

    def known(text: str) -> bool:
        return bool(fw.find1(None, text) or fw.find2(None, text))

    out = list(toks)
    for i, a in enumerate(out):
        if a.gap not in ("start", "line", "para") or not 2 <= len(a.text) <= 8 or known(a.text):
            continue
        for j in range(i + 2, min(i + 2 + _AROUND, len(out))):
            b = out[j]
            if b.empty or out[j - 1].empty or known(out[j - 1].text):
                break
            whole = a.text + b.text
            if b.gap in ("line", "para") and known(whole) and not known(b.text):
                if clean_label(a.text) and clean_label(b.text):
                    out[i] = Token(whole, a.line, a.gap, a.row, a.indent)
                    del out[j]
                break
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
    if t.paged and text.endswith("、"):
        return text + t.text  # (音响、 | 2、 | 灯光: a list going on over a preview's page)
    return text + " " + t.text


def own_line(toks: Sequence[Token], i: int) -> bool:
    """Whether token ``i`` starts a line that holds nothing else but one cell."""
    line = toks[i].line
    return all(t.line != line for t in toks[i + 1 : i + 2])


def split_at(toks: Sequence[Token], gap: Gap) -> list[list[Token]]:
    """``toks`` in runs, a new one at each token the text separates by ``gap`` (a ``para``: the
    paragraphs; a ``space``: a line's runs between its spaces)."""
    runs: list[list[Token]] = []
    for t in toks:
        if not runs or t.gap == gap:
            runs.append([])
        runs[-1].append(t)
    return runs


def cells_of(values: list[Token]) -> list[str]:
    """A label's value tokens as cells: ``|`` separates cells, anything else is one cell."""
    return [join(c) for c in split_at(values, "pipe")]


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


_ROW_CELLS = 24  # more cells than this on one line: several rows run together


def cells_per_line(toks: Sequence[Token]) -> dict[int, int]:
    """The filled cells (tokens) on each line of ``toks``."""
    by_line: dict[int, int] = {}
    for t in toks:
        if not t.empty:
            by_line[t.line] = by_line.get(t.line, 0) + 1
    return by_line


def row_per_line(cells_on: dict[int, int]) -> bool:
    """A row per line: most lines hold several cells, and most cells are on lines of a row's
    length (not a page of rows run onto a few long lines)."""
    multi = sum(1 for c in cells_on.values() if c >= 3)
    long = sum(c for c in cells_on.values() if c > _ROW_CELLS)
    return bool(cells_on) and multi >= 0.5 * len(cells_on) and long * 2 < sum(cells_on.values())


def mostly_glued(part: Sequence[Token]) -> bool:
    """Most of a body's cells run together (split at labels and values, not by the text)."""
    filled = [t for t in part if not t.empty]
    return bool(filled) and 2 * sum(t.gap in ("glue", "cut") for t in filled) > len(filled)
