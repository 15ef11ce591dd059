"""An indicator's name run together with its 指标解释 (资助准确率学生资助发放准确率), in text whose
cells run together under 三级指标 | 指标解释 side by side: where the name ends, found only from
what the two cells say of each other, never guessed.

* the explanation ends as the name ends (资助准确率 | 学生资助发放准确率, 培训人数 |
  参加培训的农户人数): the words the run ends with stand once before, and end the name there
  (a short ending only where the name ends as names of measures do: 率, 人数, 标准);
* the explanation repeats the name (运维成本 | 项目运维成本,…): the longest head that stands again
  later, when it ends as a name does;
* else one place only where a name can end (整改完成率 | 各项问题按时限整改到位: the run's
  one 率, a short name with a whole phrase after it), or the one opening of an explanation
  (… | 反映…) after words that end as a name does.

Two readings that disagree, a name of fewer than three characters, or a rest that opens as a
name's second half does (及, 和) leave the run as it is: its row stays unread."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import pairwise

from ...chars import HAN
from ..table_vocabulary import vocabulary
from ..text_cells import L1, L2, NUMBER, PERCENT, VALUE, kind
from ..text_glue import split_run_on
from ..text_tokens import Token

# A name's characters: words, its unit, and a date it may open with (截至某年某月底,…率(%))
_NAME = re.compile(r"[\u4e00-\u9fff（）()%％0-9.,，]+")
_UNIT_END = re.compile(r"[（(][^（）()]{1,4}[)）]$")  # 开展修复工程(个): a name ending in its unit
_UNIT_AFTER = re.compile(r"[（(][^（）()]{1,4}[)）]")
_MIN_NAME = 3
_SURE_ENDING = 4  # (characters: an ending this long shared by both cells vouches alone)
_MIN_REST = 6  # (characters after the one place a name can end: a phrase, not a word)
_LONG_NAME = 12  # (…受益群众覆盖率 | 逐步得到提高: a longer head is a name and a sentence)
_FIGURES = frozenset({NUMBER, PERCENT, VALUE})
_LONGEST = 120  # (a name and its explanation are short: no quadratic scan of a page)


def _ends_as_name(words: str) -> bool:
    return words.endswith(vocabulary().name_endings) or _UNIT_END.search(words) is not None


def _shared_ending(text: str) -> int | None:
    """Where the name ends when the run ends with words standing once before (the longest)."""
    n = len(text)
    for size in range(n // 2, 1, -1):
        ending = text[-size:]
        before = text[: n - size]
        at = before.find(ending)
        if at < 0:
            continue
        if before.find(ending, at + 1) >= 0:
            return None  # (twice before: which one ends the name, nothing says)
        end = at + size
        return end if size >= _SURE_ENDING or _ends_as_name(text[:end]) else None
    return None


def _repeated_head(text: str) -> int | None:
    """Where the name ends when the run's longest head of four characters or more stands again
    after it, ending as a name does."""
    for size in range(min(len(text) // 2, 30), _SURE_ENDING - 1, -1):
        if text.find(text[:size], size) >= 0:
            return size if _ends_as_name(text[:size]) else None
    return None


def _places(word: str, text: str) -> Iterator[int]:
    """Where ``word`` stands in ``text``, left to right, no two overlapping (a plain search:
    no pattern to compile for each word of the vocabulary)."""
    at = text.find(word) if word else -1
    while at >= 0:
        yield at
        at = text.find(word, at + len(word))


def _one_ending(text: str) -> int | None:
    """The one place in the run where a name can end, with a phrase after it."""
    ends = {k + len(e) for e in vocabulary().name_endings for k in _places(e, text)}
    if len(ends) != 1:
        return None
    (end,) = ends
    unit = _UNIT_AFTER.match(text, end)  # (某某开展率(%): the name's unit ends it)
    end = unit.end() if unit is not None else end
    return end if len(text) - end >= _MIN_REST and end <= _LONG_NAME else None


def _opening(text: str) -> int | None:
    """Where the one opening of an explanation (反映…) starts, after words ending as a name."""
    starts = {k for w in vocabulary().explanation_openings for k in _places(w, text)}
    if len(starts) != 1:
        return None
    (start,) = starts
    return start if _ends_as_name(text[:start]) else None


def name_and_explanation(text: str) -> tuple[str, str] | None:
    """``text`` cut into an indicator's name and its explanation as the module says, or
    ``None`` when nothing says where the name ends."""
    if len(text) > _LONGEST:
        return None
    found = {k for k in (_shared_ending(text), _repeated_head(text)) if k}
    if not found:
        found = {k for k in (_one_ending(text), _opening(text)) if k}
    if len(found) != 1:
        return None
    (end,) = found
    name, rest = text[:end], text[end:]
    if len(name) < _MIN_NAME or not _NAME.fullmatch(name) or not rest:
        return None
    if rest.startswith(vocabulary().joining_words) or not HAN.match(rest):
        return None
    return name, rest


def _explanation_column(roles: Sequence[str | None]) -> bool:
    """三级指标 | 指标解释, or | 绩效标准 (a sentence on the name, 反映…, as well)."""
    return any(a == "name" and b in ("explanation", "standard") for a, b in pairwise(roles))


def explained(
    part: Sequence[Token], roles: Sequence[str | None], glued: bool, at_end: bool
) -> list[Token]:
    """The tokens of a body whose cells run together (``glued``) under 三级指标 | 指标解释, with
    each row's first words cut into the name and its explanation where they did not come apart
    (a row's whole line in one piece is first cut at its values, as cells glued around labels
    are: 某某补助标准…120元/人计划标准). Not the name of the words the text ends in
    (``at_end``): they may be cut short."""
    if not glued or not _explanation_column(roles):
        return list(part)
    last = max((i for i, t in enumerate(part) if not t.empty), default=-1) if at_end else -1
    # (rows that end in their target: a run after a figure starts the next row's name)
    starts = (L1, L2, *_FIGURES) if roles[-1] in ("value", "annual") else (L1, L2)
    out: list[Token] = []
    for i, t in enumerate(part):
        prev = next((p for p in reversed(part[:i]) if not p.empty), None)
        first = t.gap in ("start", "line", "para") or (
            prev is not None and prev.line == t.line and kind(prev.text) in starts
        )
        nxt = next((p for p in part[i + 1 :] if not p.empty), None)
        apart = nxt is not None and nxt.line == t.line and nxt.gap == "glue"
        if not first or t.empty or apart or kind(t.text) in (L1, L2):
            out.append(t)
            continue
        text = "".join(t.text.split())
        pieces = split_run_on(text)
        if not any(kind(p) in _FIGURES for p, _ in pieces[1:]):
            pieces = [(text, t.gap)]  # (only a value cut off counts: not a phrase ending it)
        head, rest = pieces[0][0], pieces[1:]
        whole = i != last and (not rest or rest[0][1] != "glue")  # (not cut apart already)
        cut = name_and_explanation(head) if whole else None
        parts = [(head, t.gap)] if cut is None else [(cut[0], t.gap), (cut[1], "cut")]
        if cut is None and not rest:
            out.append(t)
            continue
        out.extend(
            replace(t, text=p, gap=g) if k == 0 else Token(p, t.line, g)
            for k, (p, g) in enumerate([*parts, *rest])
        )
    return out
