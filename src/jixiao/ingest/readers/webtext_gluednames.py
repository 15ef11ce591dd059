"""A form's project name in text whose cells run together (项目名称某某项目主管部门某某局…): where
the name ends only the next label shows, and the vocabulary does not always prove it.

A name is cut off where the next label of the lexicon starts. When that label is itself a word
before a shorter label (项目主管部门 = 项目 + 主管部门, 区主管部门 = 区 + 主管部门), the word may
as well be the name's end (某某作业项目 | 主管部门 or 某某作业 | 项目主管部门): the text does
not tell which (unless templates print the label so, 项目负责人, or it opens with a qualifier
that ends no name, 中央主管部门, or the name ends with those words already: 某某项目项目负责人).
When the name holds a bracketed money unit (…一期中期市财政预算(万元)284500.00),
a funds field's label the lexicon does not know ran into it and its end is not known either.
Rows read under such a name would be rows of a project read under a wrong name: the form is
not read (a wrong row is worse than a missing one)."""

from __future__ import annotations

from collections.abc import Sequence

from ..table_vocabulary import NAME_ROLES, block_role, vocabulary
from ..text_glue import lexicon
from ..text_tokens import Token

_GLUED = ("cut", "glue")

PREFIXED = "名称“{name}”与其后的栏名“{label}”连写，“{head}”属名称还是属栏名无从确定，该表未读取"
MONEY = "名称“{name}”中连进了带金额单位的栏名和金额，名称在哪里结束无从确定，该表未读取"


def _label(text: str) -> bool:
    return lexicon().fullmatch("".join(text.split())) is not None


def _prefixed(label: str, name: str) -> str | None:
    """The words opening ``label`` before a shorter label of the lexicon (项目 of 项目主管部门)
    that may as well end ``name``, or ``None``: not in a label templates print whole (项目负责人),
    nor words inside a qualifier the label opens with (中央 of 中央主管部门, which never ends a
    name), nor words ``name`` ends with already (某某项目 | 项目负责人: no name ends 项目项目)."""
    if label in vocabulary().prefixed_labels:
        return None
    qualifier = max(
        (len(q) for q in vocabulary().label_qualifiers if label.startswith(q)), default=0
    )
    for k in range(qualifier + 1, len(label) - 1):
        head = label[:k]
        if lexicon().fullmatch(label[k:]) is not None and not name.endswith(head):
            return head
    return None


def unproven_name(toks: Sequence[Token], lo: int, hi: int) -> tuple[str, int] | None:
    """Why the project name of the form in tokens ``lo`` to ``hi`` is not proven, and its line:
    its value run together with its label (``cut``) and ended by a label opening with words that
    may be the name's (:func:`_prefixed`) or holding a money unit; ``None`` if proven. In a form
    with no 项目名称 (部门整体), the department's or unit's name is the project's."""
    roles = [block_role("".join(t.text.split())) if _label(t.text) else None for t in toks[lo:hi]]
    named = ("project",) if "project" in roles else NAME_ROLES
    for j in range(lo, hi):
        t = toks[j]
        if t.empty or roles[j - lo] not in named:
            continue
        k = j + 1
        while k < hi and toks[k].gap in _GLUED and not toks[k].empty and not _label(toks[k].text):
            k += 1
        if k == j + 1 or toks[j + 1].gap != "cut":
            continue  # (no value, or a value in a cell of its own)
        name = "".join("".join(x.text.split()) for x in toks[j + 1 : k])
        if vocabulary().money_in_label.search(name):
            return MONEY.format(name=name), t.line
        if k < hi and toks[k].gap == "cut":
            label = "".join(toks[k].text.split())
            head = _prefixed(label, name)
            if head is not None:
                return PREFIXED.format(name=name, label=label, head=head), t.line
    return None
