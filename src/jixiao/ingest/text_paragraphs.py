"""How a text's paragraphs and words make cells, beside :mod:`.text_tokens`: a stop spaced off
its sentence, a value ending in a label's word, a label broken after its joining word."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from .table_vocabulary import block_role, vocabulary
from .text_glue import Gap, lexicon

if TYPE_CHECKING:
    from .text_tokens import Token

T = TypeVar("T", bound="Token")


def is_label(piece: str) -> bool:
    """A label of the lexicon, whole (its colon aside)."""
    return lexicon().fullmatch(piece.strip(":：")) is not None


def stops_joined(words: list[str]) -> list[str]:
    """Words with a sentence's stop spaced off after it (…获得感 。) joined to it again: a stop
    alone is no cell."""
    out: list[str] = []
    for w in words:
        if out and _STOPS.fullmatch(w):
            out[-1] += w
        else:
            out.append(w)
    return out


_STOPS = re.compile(r"[。，；、]+")


def clauses(word: str) -> bool:
    """A word between spaces that is clauses of one sentence (第一年完成某某的20%,其余按
    计划完成: a comma between words) with no label in it, or an explanation with no figure (反映该
    项目完成时间: the label in it its words): one cell, not cut where a figure or a label starts."""
    if word.startswith(vocabulary().explanation_openings) and not _FIGURE.search(word):
        return True
    return _CLAUSE.search(word) is not None and lexicon().search(word) is None


_FIGURE = re.compile(r"\d")


_CLAUSE = re.compile(r"[\u4e00-\u9fff%％][，,](?=[\u4e00-\u9fff])")


def label_with_no_value(pieces: list[tuple[str, Gap]], lines: list[str], k: int) -> bool:
    """A paragraph (line ``k``) split into words and a label run on after them, between a
    label's paragraph and another's: it is the first label's value, the label its last word
    (某某公益项目资金 after 项目名称, 项目类型 next), since a label there would have none."""
    if len(pieces) != 2 or not is_label(pieces[1][0]) or is_label(pieces[0][0]):
        return False
    return is_label(_paragraph(lines, k, -1)) and is_label(_paragraph(lines, k, 1))


def _paragraph(lines: list[str], k: int, step: int) -> str:
    """The nearest filled line before (``step`` -1) or after (1) line ``k``, stripped."""
    j = k + step
    while 0 <= j < len(lines) and not lines[j].strip():
        j += step
    return lines[j].strip() if 0 <= j < len(lines) else ""


def broken_labels(toks: list[T]) -> list[T]:
    """A form's label broken after its joining word (主管部门(单位)名称及 / 部门预算编码): the
    word cut off the first half, the second half opening the next line, made one label again
    where the three together are a form's label."""
    out: list[T] = []
    for t in toks:
        if len(out) >= 2 and t.gap in ("line", "para") and out[-1].gap == "cut":
            label, word = out[-2], out[-1]
            whole = label.text + word.text + t.text
            if word.text in vocabulary().joining_words and block_role(whole) is not None:
                out[-2:] = [replace(label, text=whole, paged=False)]
                continue
        out.append(t)
    return out
