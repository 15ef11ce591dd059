"""An indentation tree in web-page text under a header such as 项目 | 指标值 | 绩效金额: its
labels set in by leading spaces, their values after them (on their lines or the next ones),
read into the grid the tree reader makes (:func:`..table_tree.tree_grid`)."""

from __future__ import annotations

from collections.abc import Sequence

from ...errors import ParseError
from ...framework import load_framework
from ..grid import Grid, GridNote
from ..table_tree import TreeLine, TreeRow, tree_grid
from ..table_vocabulary import role_of
from ..text_cells import NUMBER, PERCENT, VALUE, kind
from ..text_funds import assign_funds
from ..text_tokens import Token, join
from .webtext_labels import Header

# Columns whose cells are words: after a tree's label, such a cell reads as the next label.
_WORD_ROLES = frozenset({"explanation", "standard"})
WORDS_AFTER = (
    "指标树的表头在名称之后有文字说明列（指标说明、评分标准），分不清名称和说明，指标未读取"
)


def outline(toks: Sequence[Token], header: Header) -> Grid:
    """The grid of the tree in ``toks`` (the tokens after ``header``, up to the body's end);
    an empty grid with a note when the lines make no tree (an indicator with no class above
    it: a flattened page's list under a 三级指标 header)."""
    roles = [role_of(x) for x in header.labels[1:]]
    if _WORD_ROLES & set(roles):
        # (a label is told from a value only by the value's form: each 指标说明 would read as
        # an indicator; nor can the rows be aligned, the classes and names sharing a column)
        return Grid(
            "", [], [], [GridNote("warning", "text.tree_unclear", WORDS_AFTER, header.line)]
        )
    items: list[TreeLine | TreeRow] = []
    label: Token | None = None
    values: list[Token] = []

    def close() -> None:
        if label is not None:
            cells = assign_funds([v.text for v in values], roles) if values else []
            items.append(TreeLine(label.line, label.indent, label.text, tuple(cells)))

    root: int | None = None
    last = -1  # the line of the last token (a line's first token bears its indent)
    for t in toks:
        if t.empty:
            continue
        opens, last = t.line != last, t.line
        if kind(t.text) in (NUMBER, PERCENT, VALUE) and label is not None:
            values.append(t)
            continue
        if root is not None and t.indent < root and opens:
            break  # set out less than the tree's root: the page after the table
        if root is None:
            root = t.indent
        if label is not None and t.line == label.line and not values:
            label = Token(join([label, t]), label.line, label.gap, label.row, label.indent)
            continue
        close()
        label, values = t, []
    close()
    try:
        return tree_grid("", [], (header.line, header.labels[1:]), items, "", load_framework())
    except ParseError as e:  # (a list that makes no tree: its rows are left unread, not the form)
        return Grid("", [], [], [GridNote("warning", "text.tree_unclear", str(e), header.line)])
