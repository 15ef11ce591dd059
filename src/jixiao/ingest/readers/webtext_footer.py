"""A form's footer rows in web text, after its indicator body: 总分 | 100 | 96 | 优, 评价结论 | …,
a grade on its own row after the 总分 row taken as that row's grade."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..table_document import project_heading
from ..table_vocabulary import block_role, footer_role, vocabulary
from ..text_tokens import Token, join
from .webtext_labels import any_label, is_title, label_at


def footer_rows(toks: Sequence[Token], lo: int, emit: Callable[[list[str], int], None]) -> int:
    """Emit the footer rows from token ``lo``; the token after them."""
    i = lo
    score: list[str] | None = None  # the 总分 row just emitted
    while i < len(toks):
        t = toks[i]
        if t.empty:
            i += 1
            continue
        text = "".join(t.text.split())
        if footer_role(text) is None:
            return i
        row = [t.text]
        i += 1
        vals: list[Token] = []
        while i < len(toks) and not label_at(toks, i, any_label):
            if is_title(toks[i].text):
                break  # the next form's title
            if not toks[i].empty:
                vals.append(toks[i])
            i += 1
        if footer_role(text) == "score":
            row.extend(v.text for v in vals)
        elif vals:
            row.append(join(vals))
        grades = vocabulary().grades
        graded = score is not None and not {"".join(c.split()) for c in score} & grades
        if graded and row[1:] and "".join(row[-1].split()) in grades:
            assert score is not None
            score.extend(row)  # 总分 | 100, then 自评等级 | 优: the 总分 row's grade
            continue
        score = row if footer_role(text) == "score" else None
        emit(row, t.line)
    return i


def opens_form(toks: Sequence[Token], pos: int) -> bool:
    """After a table, the text from token ``pos`` opens the next form: its title, then (by the
    next line) a 项目名称 label, as a form's head prints them; or the next project's heading
    (某某项目项目绩效目标), which names it."""
    after = [t for t in toks[pos:] if not t.empty]
    if after and project_heading(after[0].text) is not None:
        return True
    if not after or not is_title(after[0].text):
        return False
    near = (t for t in after[1:_FORM_HEAD] if t.line <= after[0].line + 1)
    return any(block_role("".join(t.text.split())) == "project" for t in near)


_FORM_HEAD = 8  # tokens after a title that its form's project label stands among
