"""Goals above a form's indicator grid in web text: a run of goal sub-headers (年度总体目标完成情况
| 预期目标 | 实际完成情况, 总体目标 | 年度目标) over their texts, made into two rows of the grid
(the labels, then the texts, one cell per sub-header), as the grid reader reads them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from ..grid import GridNote
from ..table_vocabulary import GOAL_ROLES, block_role, vocabulary
from ..text_tokens import Token, join, join_more, split_at, spread
from .webtext_labels import any_label, header_label, label_at, labels_at

PAGED = "目标的文字跨过了文档预览的页码，目标与实际完成情况分不清，均未读取"
_ENDS = ("。", "！", "？", "；")
RUN_TOGETHER = "目标与实际完成情况的文字连在一起，看不出在哪里分开，均未读取"
INTERLEAVED = "目标与实际完成情况两栏的文字逐行交错，分不清各属哪一栏，均未读取"
SPLIT_SENTENCES = (
    "目标与实际完成情况连成一段，按句号分开：第一句为目标，第二句为实际完成情况（请核对）"
)


def goal_rows(
    toks: Sequence[Token], i: int, hi: int, notes: list[GridNote]
) -> tuple[int, list[tuple[list[str], int]]] | None:
    """A run of goal sub-headers (预期目标 | 实际完成情况) and their texts from token ``i``:
    the token after them and the two rows they make (``None``: not such a run). A goal and
    its result cut apart at a sentence's end are said so in ``notes``."""
    labels = [(j, k) for j, k in labels_at(toks, i, hi, lambda x: block_role(x) in GOAL_ROLES)]
    if len(labels) < 2:
        return None
    names = [join(list(toks[j : j + k])) for j, k in labels]
    if len({block_role(x) for x in names} | {x for x in names}) < 2:
        return None
    j = labels[-1][0] + labels[-1][1]
    piped = toks[labels[1][0]].gap == "pipe"  # ("|" text: a cell's words are one text)
    texts: list[Token] = []
    while j < hi and not label_at(toks, j, any_label):
        if vocabulary().caption.fullmatch("".join(toks[j].text.split())):
            break  # the grid's caption (绩效项目指标表): not goal text
        t = toks[j]
        if j == hi - 1 and _leads(toks, hi):
            break  # the cell leading the indicator header's row (指标 | 一级指标 | …)
        if t.empty:
            pass
        elif (
            texts
            and t.line == texts[-1].line
            and (t.gap in ("glue", "cut") or (piped and t.gap == "space"))
            and not _verdict_after(texts[-1].text, t.text)
        ):
            # a value split off the words it ends (完成项目主体工程|70%): one goal
            texts[-1] = replace(texts[-1], text=join_more(texts[-1].text, t))
        elif texts and t.line == texts[-1].line and t.gap == "space" and _open(texts[-1].text):
            # a sentence going on after a stray space (…等设备, 并添置…): one goal
            texts[-1] = replace(texts[-1], text=join_more(texts[-1].text, t))
        else:
            texts.append(t)
        j += 1
    if not texts:
        return None
    first_role = block_role(names[0])
    # 总体目标 | 年度目标, 年度总体目标完成情况 | 预期目标 | 实际完成情况: the first labels
    # the group (a goal label over fewer texts, or a label whose role its subs repeat)
    again = len(names) > 2 and first_role in {block_role(x) for x in names[1:]}
    if again or (first_role == "goal" and (len(names) > 2 or len(texts) < len(names))):
        group, subs = names[0], names[1:]
    else:
        group, subs = "", names
    paras = split_at(texts, "para")
    runs = split_at(texts, "pipe") if piped else []  # (the texts between "|": a cell each)
    restated = _restated(texts) if len(subs) == 2 else None
    if len(texts) > len(subs) == len(paras):  # 目标1:… / 目标2:… , a blank line, 目标1:…
        cells = [join(p) for p in paras]
    elif len(texts) > len(subs) == len(runs):  # 目标1 / 目标2 | 目标1 / 目标2: a cell's lines
        cells = [join(r) for r in runs]
    elif restated is not None:
        cells = [join(restated[0]), join(restated[1])]
    elif len(subs) == 2 and (renumbered := _renumbered(texts)) is not None:
        cells = [join(renumbered[0]), join(renumbered[1])]
    elif len(subs) == 2 and (reopened := _reopened(texts)) is not None:
        cells = [join(reopened[0]), join(reopened[1])]
    elif len(texts) == 1 and _goal_and_result(subs) and len(_sentences(texts[0].text)) == 2:
        cells = _sentences(texts[0].text)  # 按计划完成…。建设…公里。: the goal, then the result
        notes.append(GridNote("info", "goal.sentences", SPLIT_SENTENCES, texts[0].line))
    elif len(texts) == 1 and _goal_and_result(subs) and texts[0].gap in ("glue", "cut"):
        # One text run into the labels above it, under a goal and its result: the two cells
        # may have run together too (…储备机制地方储备粮食规模达标), and nothing marks where.
        cells = ["", ""]
        notes.append(GridNote("warning", "goal.run_together", RUN_TOGETHER, texts[0].line))
    else:
        cells = spread(texts, len(subs))
    if len(subs) == 2 and restated is None and _interleaved(texts):
        cells = ["", ""]
        notes.append(GridNote("warning", "goal.interleaved", INTERLEAVED, texts[0].line))
    if any(b.paged and not a.text.endswith(_ENDS) for a, b in pairwise(texts)):
        # (…送优秀青年演 | 3、 | 员到…: a preview's page number inside a goal's sentence, the
        # cells around it not told apart)
        cells = [""] * len(subs)
        notes.append(GridNote("warning", "goal.paged", PAGED, texts[0].line))
    return j, [([group, *subs], toks[i].line), ([group, *cells], texts[0].line)]


def _verdict_after(text: str, word: str) -> bool:
    """A completion word (已完成) after a whole sentence: the result's cell beside the goal."""
    return (
        text.endswith(("。", "！", "；")) and "".join(word.split()) in vocabulary().completion_words
    )


def _open(text: str) -> bool:
    """A sentence cut at a comma (…等设备,): its words go on in the next piece."""
    return text.endswith((",", "，", "、"))


def _leads(toks: Sequence[Token], hi: int) -> bool:
    """The token before ``hi`` opens the line of the indicator header starting at ``hi``, in a
    cell of its own (``|`` text): the header row's first cell, no goal's text."""
    t = toks[hi - 1]
    if hi >= len(toks) or toks[hi].line != t.line or toks[hi].gap != "pipe":
        return False
    return hi - 1 == 0 or toks[hi - 2].line != t.line


def _restated(texts: list[Token]) -> tuple[list[Token], list[Token]] | None:
    """The goal's lines and the result's where the result restates the goal line for line:
    all goal lines then all result lines (目标1 目标2 目标3 目标1 目标2 目标3), or each goal
    line followed by its result (目标1 目标1 目标2 目标2); a bare figure before them (the 分值
    of the funds row above) is left out. ``None``: no such restatement."""
    lines = list(texts)
    while lines and _FIGURE.fullmatch("".join(lines[0].text.split())):
        lines.pop(0)
    if len(lines) < 4 or len(lines) % 2:
        return None
    words = [t.text for t in lines]
    half = len(lines) // 2
    if words[:half] == words[half:]:
        return lines[:half], lines[half:]
    if words[0::2] == words[1::2]:
        return lines[0::2], lines[1::2]
    return None


def _renumbered(texts: list[Token]) -> tuple[list[Token], list[Token]] | None:
    """The goal's lines and the result's where every line is a numbered item and the numbers
    run twice from the first (目标1: 目标2: then 1. 2.): the two cells split where the count
    starts again. ``None``: not two such runs."""
    numbers = [_ITEM.match("".join(t.text.split())) for t in texts]
    if len(texts) < 4 or any(m is None for m in numbers):
        return None
    seq = [int(m.group(1)) for m in numbers if m is not None]
    starts = [k for k, n in enumerate(seq) if n == seq[0]]
    if len(starts) != 2:
        return None
    cut = starts[1]
    runs = (seq[:cut], seq[cut:])
    if any(r != list(range(seq[0], seq[0] + len(r))) for r in runs):
        return None
    return texts[:cut], texts[cut:]


def _reopened(texts: list[Token]) -> tuple[list[Token], list[Token]] | None:
    """The two cells' texts where each text opens with its topic and a colon, and the topics
    run twice in one order, each once a run (某某工作:… 某某调查:… then 某某工作:… 某某调查:…:
    the period's goal and the year's, a paragraph a topic): split where the run starts again.
    ``None``: not two such runs."""
    heads = [_TOPIC.match("".join(t.text.split())) for t in texts]
    if len(texts) < 4 or len(texts) % 2:
        return None
    topics = [m.group(1) for m in heads if m is not None]
    half = len(texts) // 2
    if len(topics) != len(texts) or topics[:half] != topics[half:] or len(set(topics)) != half:
        return None
    return texts[:half], texts[half:]


_TOPIC = re.compile(r"([^:：,，、。；;]{2,10})[:：](?!\s*$)")
_ITEM = re.compile(r"^(?:目标|指标)?[（(]?(\d{1,2})(?:[:：.、．]|[)）])(?!\d)")
_FIGURE = re.compile(r"\d+(?:\.\d+)?%?")
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]+")


def _interleaved(texts: list[Token]) -> bool:
    """Two lines in a row opening with the same words yet not the same (1.某某某某某某某某推进 then
    1.某某某某某某某某推进某某): the goal's column and its result's, wrapped at different widths,
    read line by line across both."""
    heads = [("".join(t.text.split()), t.gap) for t in texts]
    return any(
        a != b and len(a) >= _SAME_HEAD and a[:_SAME_HEAD] == b[:_SAME_HEAD] and gap != "pipe"
        for (a, _), (b, gap) in pairwise(heads)
    )  # (two texts a "|" apart are two cells: a period's goal and the year's, often alike)


_SAME_HEAD = 12  # characters two lines open with alike: one sentence, not one numbering


def _goal_and_result(subs: list[str]) -> bool:
    """Sub-headers of a goal and its result (总体目标 | 全年实际完成情况)."""
    return [block_role(x) for x in subs] == ["goal", "goal_result"]


def _sentences(text: str) -> list[str]:
    """The sentences of ``text`` when it is whole sentences, each ended by its mark (。); else
    none: a text whose cells ran together is cut only where a sentence ends."""
    found = _SENTENCE.findall(text.strip())
    return [s.strip() for s in found] if "".join(found) == text.strip() else []


def restated_goal(label: str, values: list[Token]) -> list[Token]:
    """The tokens of a field labelled ``label``; of a goal written as one text twice (the 预期目标
    restated as the 实际完成情况) after header words and dashes out of reading order (一级 指标 —
    X X), the two texts as two cells."""
    if not values or block_role(label) not in GOAL_ROLES:
        return values
    texts: list[Token] = []
    k = 0
    while k < len(values):
        n = label_at(values, k, header_label)
        if n:
            k += n
            continue
        if values[k].text.strip() not in _DASHES:
            texts.append(values[k])
        k += 1
    if len(texts) != 2 or texts[0].text != texts[1].text or len(texts) == len(values):
        return values
    return [texts[0], Token(texts[1].text, texts[1].line, "pipe")]


_DASHES = frozenset({"—", "-", "——", "/", ""})
