"""Text run together with no separator → its cells: where labels and values start and end.

Pages and document previews often lose the separators between cells (一级指标产出指标数量指标
覆盖率100%≥95%…). :func:`split_glued` cuts such a piece at the vocabulary's labels and the
indicator framework's class names (``cut`` gaps) and where a value starts or ends after words
(``glue`` gaps, which the aligner may join again), keeping sentences (goals, reasons) whole;
:func:`split_run_on` cuts a body's line that holds no label at its values. Apart from
:mod:`.text_tokens`, which turns whole lines of text into tokens and calls on these, because
the grammar of cells run together is a subject of its own. Everything here is linear in the
length of the text.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Literal

from ..chars import BRACKETED, DIGIT, HAN, HAN_PAIR
from ..framework import load_framework
from ..preload import preloaded
from ..targets import quantity_at
from .pattern_forms import literal_forms
from .table_vocabulary import block_role, layout_file, sourced_total, vocabulary
from .text_after_value import kind_after_values, same_after_values
from .text_ends import BARE_YEAR, echoed_verb, phrase_end, phrase_twice, value_before_title

# What separated a token from the last (see :class:`.text_tokens.Token`); the splits here give
# ``glue`` and ``cut``.
Gap = Literal["start", "pipe", "para", "line", "space", "glue", "cut"]

_CJK = "\u4e00-\u9fff"
# Where a value starts right after words (覆盖率100%, 标尺10≥266米, 100%100%): before a digit
# or comparator that follows a Chinese character or a closing bracket (not a comparator in words:
# 小于5次, 不超过3天, 达到90%; nor a rate's 每亩300, 每人1500元; nor inside a date,
# 2022年12月30日, nor a number 指标1 / 目标2 / 第2), and after a % sign that a digit follows.
_VALUE_START = re.compile(
    rf"(?<=[{_CJK}）)》”])(?<![于过到第])(?<!每.)(?<!指标)(?<!目标)(?<!\d年)(?<!\d月)(?=[0-9０-９≥≤＞＜>=<≧≦＝═﹦])|(?<=[%％])(?=[0-9０-９≥≤＞＜≧≦＝═﹦{_CJK}])"
)
# A table's title run together with what follows it: 2020年度县级专项资金绩效目标自评表专项资金名称…
_TITLE = re.compile(
    rf"[{_CJK}\d（）()、]{{0,40}}?(?:绩效目标|绩效|整体支出|支出)(?:自评|申报|批复|审批|审核|目标)?表"
)
_NUMBERED_NAME = re.compile(r"指标\d+[:：]")
_HAN_ONLY = re.compile(f"[{_CJK}]+")
# A template's 「……」 (not one … in a name), or a note (注:) run on right after a figure.
_RUN_ON_BREAK = re.compile(r"…{2,}|\.{6,}|(?<=[\d%％])注[:：]")
_POINTS = r"[（(]\d+(?:\.\d+)?分[)）]"
_CMP_AFTER_VALUE = re.compile(r"(?<=[0-9%％])(?=[≥≤＞＜≧≦＝═﹦])")
# A value written again right after itself (>=95%>=95%: a column per area, all alike); a value
# after another (100%>=98%) may end a name (…达标率100%), so only the same one is cut off.
_SAME_AGAIN = re.compile(r"([<>]=?\d+(?:\.\d+)?[%％])(?=\1)")
_SCORE_THEN_NAME = re.compile(rf"(?:100|[1-9]?\d)(?:\.\d)?(?=[{_CJK}]{{2}}[{_CJK}（(、]|指标\d)")
_VALUE_CHARS = 24
# Marks a form prints before a label whose field must be filled (*部门职责, ★项目名称).
_LABEL_MARKS = "*＊★"
# A label and its colon opening a piece (部门名称：某某镇).
_LABEL_COLON = re.compile(r"(.{2,12}?)[:：]")
# The page number a document preview prints at the start of each page of run-together cells.
PAGE_MARK = re.compile(r"^\s*\d{1,2}、(?=\S)")


@preloaded
@cache
def lexicon() -> re.Pattern[str]:
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
    clipped = [rf"{re.escape(w)}(?={re.escape(n)})" for w, n in _clipped_labels().items()]
    return re.compile("|".join([*(re.escape(w) for w in ordered), *_area_labels(), *clipped]))


def _clipped_labels() -> dict[str, str]:
    """Labels that lost their first character (级指标), each with the label after it that
    proves it one (二级指标): ``clipped_labels`` in table_layout.toml."""
    return dict(layout_file()["clipped_labels"])


def _area_labels() -> list[str]:
    """The area labels (区域), each only before a list of two areas or more (新罗区、永定区)."""
    voc = vocabulary()
    ends = "|".join(re.escape(e) for e in (*voc.place_endings, *voc.county_endings))
    place = rf"[{_CJK}]{{2,8}}?(?:{ends})"
    return [rf"{re.escape(w)}(?=(?:{place}、)+{place})" for w in voc.area_labels]


def split_glued(piece: str) -> list[tuple[str, Gap]]:
    """A piece of text with no separator split at labels (``cut`` before and after each) and
    at the starts of values (``glue``); the gap given is the one before each part."""
    return list(_split_glued(piece))


@lru_cache(maxsize=8192)
def _split_glued(piece: str) -> tuple[tuple[str, Gap], ...]:
    """:func:`split_glued`, once per text (a page's pieces are asked about again: its lines
    are read as text, then as the rows they may be)."""
    return tuple(_split(piece))


def _split(piece: str) -> list[tuple[str, Gap]]:
    if len(piece) <= 3 or _other_class(piece) or _class_etc(piece):
        return [(piece, "glue")]
    if BRACKETED.fullmatch(piece):
        return [(piece, "glue")]  # (适用绩效目标及…申报): a note on the form, its words no labels
    mark = _class_mark().match(piece)
    if mark is not None and not DIGIT.search(mark.group()) and mark.end() < len(piece):
        # ((必填硬性指标)实施营造林总面积: a class's mark after a space, then the name)
        rest = split_glued(piece[mark.end() :])
        return [(mark.group(), "glue"), (rest[0][0], "cut"), *rest[1:]]
    unit = vocabulary().money_in_cell.match(piece)
    if unit is not None and HAN.match(piece[unit.end() :]):
        # (单位:元项目指标值…: a money unit's field is a closed word, a cell of its own)
        rest = split_glued(piece[unit.end() :])
        return [(unit.group(), "glue"), (rest[0][0], "cut"), *rest[1:]]
    if piece[-1] in ":：" and piece[:-1] in _department_labels():
        return [(piece, "glue")]  # 预算单位: (a department's line, its name after a space)
    colon = _LABEL_COLON.match(piece)
    if colon and colon[1] in _department_labels() and not lexicon().search(piece, colon.end()):
        return [(piece, "glue")]  # 部门名称：某某镇 (a department's line: label, colon, name)
    if is_prose(piece) and not _many_labels(piece) and not _form_head(piece):
        at = _class_after_sentence(piece)
        if at:  # (…提高农民收入。社会效益: a sentence, then the next row's class)
            return [*split_glued(piece[:at]), (piece[at:], "cut")]
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
        name = PAGE_MARK.sub("", title.group()) if not head else title.group()  # 1、 a page's
        return [*head, (name, "cut" if head else "glue"), *rest]
    # Cells glued around labels: a value with words after it ends where the grammar says
    # (elsewhere only a percentage ends so surely: 严格按照预算标准1000元/人给补助对象 is one cell).
    glued = lexicon().search(piece) is not None
    numbered = _NUMBERED_NAME.match(piece)
    label_end = parts_start = -1
    for m in lexicon().finditer(piece):
        at = _label_start(m, pos)
        if numbered is not None and at == numbered.end():
            continue  # 指标1:服务对象满意度: a name that is a class's name, not a label
        if piece.startswith(vocabulary().label_words_on, m.end()):
            continue  # 项目资金使用合规性: a longer word than the label (see table_layout.toml)
        if at > pos and piece.endswith(vocabulary().label_words_before, pos, at):
            continue  # 该指标值数据合理: a sentence's word, not a label (ditto)
        if label_end == pos == at - 1 and piece[pos] in "/／":
            # 项目实施单位/项目负责人: one label over two values joined alike
            parts[-1] = (piece[parts_start : m.end()], "cut")
            pos = label_end = m.end()
            continue
        if label_end == pos and _other_class_at(piece, pos, m):
            at = pos  # (指标值实施效果指标产出指标: another framework's class, 实施 is its own)
        start = at
        opened = piece.count("(", pos, start) + piece.count("（", pos, start)
        shut = piece.count(")", pos, start) + piece.count("）", pos, start)
        inside = opened > shut or piece.startswith((")", "）"), m.end())
        while start > pos and piece[start - 1] in _LABEL_MARKS and not inside:
            start -= 1  # (某某中心*部门职责: the * marks the label; not 得分(20分*执行率))
        if start > pos:
            between = _split_values(piece[pos:start], glued)
            if after_label:
                between[0] = (between[0][0], "cut")
            parts.extend(between)
        points = _class_mark().match(piece, m.end()) if m.group() in class_words() else None
        # 数量指标(10分)保障人数, 质量指标(必填)苗木成活率: the points or the mark are the
        # class's, not the start of the name
        pos = points.end() if points is not None and points.end() < len(piece) else m.end()
        parts.append((piece[at:pos], "cut"))
        parts_start, label_end = at, pos
        after_label = True
    if pos < len(piece):
        rest = _split_values(piece[pos:], glued)
        if after_label:
            rest[0] = (rest[0][0], "cut")
        parts.extend(rest)
    if numbered is not None and not glued:
        parts = _name_kept(parts)
    parts = _sourced_labels(parts)
    out = [(p.lstrip(":：") if k else p, g) for k, (p, g) in enumerate(parts)]
    return [(q, h) for p, g in out if p for q, h in _completion_apart(p, g)]


def _sourced_labels(parts: list[tuple[str, Gap]]) -> list[tuple[str, Gap]]:
    """A fund source run into the value before the year's total label (某某局中央补助 |
    年度金额): the source opens that label (中央补助年度金额, see ``sourced_total``), the value
    ends before it."""
    out: list[tuple[str, Gap]] = []
    for p, g in parts:
        if out and g == "cut" and vocabulary().sourced_total.fullmatch(p):
            last, gap = out[-1]
            longest = min(len(last), _SOURCE_CHARS)
            size = next((n for n in range(longest, 1, -1) if sourced_total(last[-n:] + p)), 0)
            if size:
                out[-1:] = [(last[:-size], gap)] if size < len(last) else []
                out.append((last[-size:] + p, g if size < len(last) else gap))
                continue
        out.append((p, g))
    return out


_SOURCE_CHARS = 12  # a fund source's label is short (其中:中央财政补助资金)


def _class_after_sentence(piece: str) -> int:
    """Where a class name ending ``piece`` right after a sentence's end starts (…提高农民收入。
    社会效益: the next row's class), or 0."""
    last = max(lexicon().finditer(piece), key=lambda m: m.end(), default=None)
    if last is None or last.end() != len(piece) or last.group() not in class_words():
        return 0
    return last.start() if piece[last.start() - 1 : last.start()] in tuple("。；！？") else 0


def _label_start(m: re.Match[str], pos: int) -> int:
    """Where the label ``m`` matched starts: after the words a template never prints before it
    (项目 of 项目主管部门及代码, ``unprefixed_labels``), which end the value before it, where
    there is one (某某作业项目 | 主管部门及代码); else where it matched."""
    label = m.group()
    for short in vocabulary().unprefixed_labels:
        head = label[: -len(short)]
        if label.endswith(short) and head and head not in vocabulary().label_qualifiers:
            return m.start() + len(head) if m.start() > pos else m.start()
    return m.start()


def _completion_apart(part: str, gap: Gap) -> list[tuple[str, Gap]]:
    """A part with a completion word (已完成) run on after a whole sentence (…演出设备。已完成:
    a goal, then the 实际完成情况 beside it) cut in two; any other part as it is."""
    for word in sorted(vocabulary().completion_words, key=len, reverse=True):
        head = part[: -len(word)]
        if part.endswith(word) and head.endswith(("。", "！", "；")) and is_prose(head):
            return [(head, gap), (word, "cut")]
    return [(part, gap)]


def _goal_label_ahead(piece: str) -> list[tuple[str, Gap]]:
    """A sentence with a goal's label run on before it (专项年度绩效目标通过本项目实施,…,
    整体绩效目标1、围绕…): the label, then the sentence; any other sentence whole."""
    found = lexicon().match(piece)
    if found is None or block_role(found.group()) not in ("goal", "period_goal", "goal_result"):
        return [(piece, "glue")]
    if not is_prose(piece[found.end() :]):
        return [(piece, "glue")]
    return [(found.group(), "glue"), (piece[found.end() :].lstrip(":："), "cut")]


def _name_kept(parts: list[tuple[str, Gap]]) -> list[tuple[str, Gap]]:
    """A numbered name's parts (指标12:孕产妇 | 7天访视数) joined again where the part cut off
    is not a value but a quantity with words after it: the name goes on."""
    out: list[tuple[str, Gap]] = []
    for p, g in parts:
        q = quantity_at(p)
        if out and 0 < q < len(p) and HAN.match(p[q:]):
            out[-1] = (out[-1][0] + p, out[-1][1])
        else:
            out.append((p, g))
    return out


@preloaded
@cache
def _class_mark() -> re.Pattern[str]:
    """A class's points ((10分)) or a mark a template prints after it ((必填硬性指标))."""
    words = "|".join(re.escape(w) for w in vocabulary().class_marks)
    return re.compile(rf"{_POINTS}|[（(](?:{words})[^()（）]{{0,8}}[)）]")


@preloaded
@cache
def _department_labels() -> frozenset[str]:
    return frozenset(layout_file()["department_labels"])


@preloaded
@cache
def class_words() -> frozenset[str]:
    fw = load_framework()
    return frozenset(
        w for c in (*fw.level1.values(), *fw.level2.values()) for w in (c.name, *c.aliases)
    )


def _class_etc(piece: str) -> bool:
    """A class label with a trailing 等 (服务对象满意度指标等), which the framework reads as the
    class: one label, not a label and the start of the next cell."""
    if not piece.endswith("等"):
        return False
    fw = load_framework()
    return bool(fw.find1(None, piece) or fw.find2(None, piece))


def _other_class(piece: str) -> bool:
    """A class of another framework whose name ends with one of ours (实施效果指标 over 效果指标,
    过程管理指标): one label, not a word run into a label. Only a short head that holds no label
    itself counts (产出指标数量指标 is two labels)."""
    if not piece.endswith("指标") or len(piece) > 12:
        return False
    found = list(lexicon().finditer(piece))
    if len(found) != 1 or found[0].end() != len(piece) or found[0].group() not in class_words():
        return False
    head = piece[: found[0].start()]
    return 0 < len(head) <= 4 and _HAN_ONLY.fullmatch(head) is not None


def _other_class_at(piece: str, pos: int, m: re.Match[str]) -> bool:
    """The words between the last label (right before them) and the class ``m`` found make
    a class of another framework with it (实施 | 效果指标 → 实施效果指标), which holds no value:
    a short head of Chinese characters and a class ending in 指标, another label right after
    it (a level 2 under it, 产出指标), so that no name or value can be between."""
    head = piece[pos : m.start()]
    if not 0 < len(head) <= _OTHER_HEAD or _HAN_ONLY.fullmatch(head) is None:
        return False
    if m.group() not in class_words() or not m.group().endswith("指标"):
        return False
    after = lexicon().match(piece, m.end())
    return after is not None and after.group() in class_words()


_OTHER_HEAD = 4


def _form_head(piece: str) -> bool:
    """A piece opening with a table's title and holding a form's labels after it (某某绩效目标表
    (2020年度)项目名称…主管预算部门…绩效目标1.根据…。): a form's head run together with its goal's
    sentences, not one sentence."""
    title = _TITLE.match(piece)
    if title is None:  # (or the rest of a head after its title: (打捆项目)(2020年度)项目名称…)
        title = _LEAD_BRACKETS.match(piece)
        if title is None or lexicon().match(piece, title.end()) is None:
            return False
    labels = lexicon().finditer(piece, title.end())
    return any(n >= _HEAD_LABELS for n, _ in enumerate(labels, start=1))


_HEAD_LABELS = 4
# The brackets after a title ((打捆项目)(2020年度)), then a label: the rest of a form's head.
_LEAD_BRACKETS = re.compile(r"(?:[(（][^()（）]{1,12}[)）])+")


def _many_labels(piece: str) -> bool:
    """A long piece holding many labels: a page of cells run together (its goal sentences
    among them), not one sentence whose words happen to be labels."""
    if len(piece) < _LABELLED_LINE:
        return False
    return any(n >= _MANY_LABELS for n, _ in enumerate(lexicon().finditer(piece), start=1))


_MANY_LABELS = 6
_LABELLED_LINE = 60  # (characters: a sentence this long holding six labels is cells)
_SENTENCE = re.compile(r"[。；;！？!?]|[，,](?=.*[，,。])")
_COMMA = re.compile(r"[，,]")


def is_prose(piece: str) -> bool:
    """A sentence (a goal, a reason), not cells run together: labels inside it stay words."""
    if piece.endswith(("。", "！", "？")) and not piece[:-1].endswith(("。", "）", ")")):
        return True  # (a short sentence as well: 完成年度目标。)
    if len(piece) > 16 and piece.endswith((":", "：")) and _COMMA.search(piece):
        return True  # (…设定了绩效目标和指标,各项指标列示如下: a sentence opening a list)
    return len(piece) > 16 and _SENTENCE.search(piece) is not None


_SEGMENT_VALUE = re.compile(
    r"^[≥≤＞＜>=<≧≦＝═﹦]*\s*[0-9０-９][0-9０-９.,，]*\s*(?:[%％‰]|[^\d\s]{0,4})$"
)


# A numbered name's number (指标2:, 指标3.), not a figure after it (指标1.5).
_NUMBER_MARK = re.compile(r"指标(\d{1,2})[.．:：、](?!\d)")


def _numbered_break(text: str) -> int:
    """Where the next numbered name starts inside ``text`` (…合格1010指标2:完成…), or 0: only
    a number one more than the one before it in the text (指标1: … 指标2:), or than which the
    one after it is one less (… 指标4. … 指标5:): names numbered in sequence prove that a row
    starts there, where no value needs to end first."""
    marks = [(m.start(), int(m[1])) for m in _NUMBER_MARK.finditer(text)]
    for k, (at, n) in enumerate(marks):
        if at == 0:
            continue
        before = k > 0 and marks[k - 1][1] == n - 1
        after = k + 1 < len(marks) and marks[k + 1][1] == n + 1
        if before or (k == 0 and after):
            return at
    return 0


def _split_values(text: str, glued: bool = False) -> list[tuple[str, Gap]]:
    at = _numbered_break(text) if glued else 0
    if at:
        rest = _split_values(text[at:], glued)
        return [*_split_values(text[:at], glued), (rest[0][0], "cut"), *rest[1:]]
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
        | {m.end() for m in _SAME_AGAIN.finditer(text)}
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
        pair = _weight_score(seg) if glued and score is None else None
        if (score is None and pair is None) or quantity_at(seg):
            continue
        since = cuts[-1] if cuts else 0  # (a value is short: no long slice per candidate)
        whole = 0 < c - since <= _VALUE_CHARS and (
            quantity_at(text[since:c]) == c - since or _SEGMENT_VALUE.match(text[since:c])
        )
        seg_before = text[since:c]
        if (text[c - 1 : c] in ("%", "％") or whole) and score is not None:
            cuts.extend((c, c + score.end()))
        elif pair is not None and whole and len(cuts) >= 2 and text[cuts[-2] : since] == seg_before:
            # (50件50件2020望新…: 50件 | 50件 | 20 | 20 | 望新…, only after a value written twice,
            # the target and its actual, which vouch that the value ended there)
            cuts.extend((c, c + pair[0], c + pair[1]))
        elif pair is not None and (word := phrase_twice(text[since:c])):
            # (…质量等合格合格2020指标2:: a qualitative target written twice, then the pair)
            cuts.extend((c - 2 * word, c - word, c, c + pair[0], c + pair[1]))
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
    out = same_after_values(kind_after_values(out)) if glued else out
    return [half for part in out for half in _doubled(part, glued) for half in _restated(half)]


_PAIR_THEN_NAME = re.compile(rf"(\d{{2,6}})(?=指标\d|(?![年月日])[{_CJK}]{{2}}[{_CJK}（(、])")


def _weight_score(seg: str) -> tuple[int, int] | None:
    """A 分值 and its 得分 run together with the next name after them (2020望新…, 10098指标2:):
    where the 分值 ends and where both end, when the digits split one way only into a 分值 of
    at most 100 and a 得分 no more than it (2020 = 20 | 20; 10098 = 100 | 98)."""
    m = _PAIR_THEN_NAME.match(seg)
    if m is None:
        return None
    digits = m.group(1)
    pair = weight_score(digits)
    return (len(pair[0]), len(digits)) if pair is not None else None


def score_then_name(text: str) -> str:
    """The bare score ``text`` opens with when the next name runs on right after it
    (10某某某某…: 10), or "" when it opens otherwise."""
    m = _SCORE_THEN_NAME.match(text)
    return m.group() if m is not None else ""


def weight_score(digits: str) -> tuple[str, str] | None:
    """``digits`` cut one way only into a 分值 of at most 100 and a 得分 no more than it (1010 =
    10 | 10; 10098 = 100 | 98; 109.5 = 10 | 9.5), neither with a leading 0 nor more than two
    decimals, or ``None``."""
    found = [
        (digits[:k], digits[k:])
        for k in range(1, len(digits))
        if TWO_PLACES.fullmatch(digits[:k]) and TWO_PLACES.fullmatch(digits[k:])
        if 0 < float(digits[:k]) <= 100 and float(digits[k:]) <= float(digits[:k])
    ]
    return found[0] if len(found) == 1 else None


TWO_PLACES = re.compile(r"(?:0|[1-9]\d*)(?:\.\d{1,2})?")
"""A figure of two decimal places at most, no leading 0 (a 分值, a 得分, an amount in 万元)."""


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
    compared = _COMPARED_TWICE.fullmatch(text) if glued else None
    if compared is not None:  # (≥150150: the target ≥150, its actual 150)
        return [(text[: compared.end(1)], gap), (compared[2], "cut")]
    return [part]


# A comparator and a figure of two digits or more, then the figure again (≥150150, ≥3030): the
# target and its 完成值 written the same; the one cut that leaves two equal figures.
_COMPARED_TWICE = re.compile(r"[≥≤＞＜>=<≧≦＝═﹦]{1,2}([1-9]\d{1,5}(?:\.\d+)?)(\1)")


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
    if not q or len(rest) < 2 or not HAN_PAIR.match(rest):
        # (after a percentage, one Chinese character starts the words: 92%重.要设备, a typo)
        percent = q and segment[q - 1] in "%％" and HAN.match(rest)
        return q if glued and percent and len(rest) >= 2 else 0
    return q if glued or segment[q - 1] in "%％" else 0


def _value_then_words(segment: str, gap: Gap, glued: bool, cut: bool) -> list[tuple[str, Gap]]:
    """A segment cut off before a value, split again where the value ends."""
    q = _value_end(segment, glued) if cut else 0
    return [(segment[:q], gap), (segment[q:], "glue")] if q else [(segment, gap)]
