"""Where a cell of text run together ends: a qualitative target at the end of a name's cell
(稳步提高, or the verb the name opens with restated: 提升某某水平提升), and a value run on
before the next form's title (99百分比某某绩效目标表)."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from ..preload import preloaded
from ..targets import quantity_at
from .table_vocabulary import vocabulary


@preloaded
@cache
def _phrases() -> re.Pattern[str]:
    words = sorted(vocabulary().qualitative_phrases, key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(w) for w in words) + r")$")


def phrase_end(text: str) -> re.Match[str] | None:
    """A qualitative target phrase (稳步提高, 明显改善 …) at the end of a run-together cell."""
    return _phrases().search(text)


def phrase_twice(words: str) -> int:
    """The length of a qualitative target (合格) that ``words`` end with written twice, the
    target and its actual, after a name of three characters or more (0: none)."""
    for phrase in vocabulary().qualitative_phrases:
        n = len(phrase)
        if words.endswith(phrase * 2) and len(words) - 2 * n >= 3:
            return n
    return 0


@preloaded
@cache
def _verbs() -> frozenset[str]:
    """The verbs qualitative phrases end with after a modifier (提升 of 有所提升 and 明显提升):
    the last two characters of two or more four-character phrases."""
    tails = Counter(w[-_VERB:] for w in vocabulary().qualitative_phrases if len(w) == 2 * _VERB)
    return frozenset(w for w, n in tails.items() if n > 1)


_VERB = 2


def echoed_verb(text: str) -> int:
    """The length of the target a name opening with a verb is run on with when the target is
    that verb (提升某某水平提升 = 提升某某水平 | 提升): 0 when ``text`` is not so."""
    verb = text[:_VERB]
    return _VERB if verb in _verbs() and text.endswith(verb) and len(text) > 3 * _VERB else 0


def value_before_title(title: str) -> int:
    """The length of a value a title was run on after (99百分比省级部门预算项目支出绩效目标表: the
    last cell of the table above, then the next form's title); 0 when the title opens with
    none. A year (2023年度…表) opens titles, and is no value."""
    figure = _LEAD_FIGURE.match(title)
    if figure is None or title.startswith("年", figure.end()):
        return 0
    words = sorted(vocabulary().units, key=len, reverse=True)  # unit words (百分比)
    word = next((w for w in words if title.startswith(w, figure.end())), None)
    return quantity_at(title) or (figure.end() + len(word) if word else 0)


BARE_YEAR = re.compile(r"(?:19|20)\d{2}年度")  # a title's year written without brackets
_LEAD_FIGURE = re.compile(r"\d+(?:\.\d+)?")
