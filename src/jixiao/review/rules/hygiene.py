"""Hygiene rules: the text itself — stray characters, garbled measure words, passages or
sub-targets written twice, placeholders never filled in, empty names, code-only project names.

These are slips a reviewer sends back because the table is published as written (财预〔2015〕88号
asks for targets 清晰、规范). Per-text analysis is cached; texts repeat a lot across documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache

from ..base import Hit, Params, ProjectScope, per_params, rule
from .measurability import (
    project_targets,
    quote,
    severity_param,
    target_vocabulary,
)

_CACHE = 1 << 18

Text = tuple[int | None, str, str, str]
"""(indicator seq or None, field, the field's name in a message, text)."""


_LAST: list[tuple[ProjectScope, list[Text], list[Text]]] = []


def _texts(scope: ProjectScope, *, names: bool = True) -> list[Text]:
    """The non-empty texts of a project in table order: its name, goal, and each indicator's
    name and targets (``names=False``: goal and targets only). Kept for the last scope seen,
    as :func:`~.measurability.project_targets` is."""
    if not (_LAST and _LAST[0][0] is scope):
        project = scope.project
        every: list[Text] = []
        some: list[Text] = []
        if project.name.strip():
            every.append((None, "project.name", "项目名称", project.name))
        if project.goal.strip():
            every.append(goal := (None, "goal", "绩效目标", project.goal))
            some.append(goal)
        for ind, fields in project_targets(scope):
            if ind.name.strip():
                every.append((ind.seq, "name", "指标名称", ind.name))
            for field, label, target in fields:
                every.append(text := (ind.seq, field, label, target.text))
                some.append(text)
        _LAST[:] = [(scope, every, some)]
    return _LAST[0][1] if names else _LAST[0][2]


def _excerpt(text: str, start: int, end: int, margin: int = 8) -> str:
    lo, hi = max(0, start - margin), min(len(text), end + margin)
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")


# --- hygiene.stray_chars --------------------------------------------------------------------


@cache
def _units() -> tuple[frozenset[str], frozenset[str]]:
    """(base measure words, Latin units in lower case) from the target vocabulary."""
    units = target_vocabulary()["units"]
    return frozenset(units["base"]), frozenset(u.lower() for u in units["latin"])


_STRAY = re.compile(r"(?<=[\u4e00-\u9fff。，；：！？、])[a-z]{1,2}(?=\s*(?:[。，；：！？、;,]|\Z))")
_DOUBLED = re.compile(r"[。，；、;,](?:\s*[。，；、;,])+")
_SPACED = re.compile(r"(?<=\S)[ \t\u3000]+[。，；、：！？]")
_PAIRS = (
    ("（(", "）)", "“（”", "“）”"),
    ("【[", "】]", "“【”", "“】”"),
    ("《", "》", "“《”", "“》”"),
    ("“", "”", "左引号", "右引号"),
    ("‘", "’", "左单引号", "右单引号"),
)


def _unbalanced(text: str) -> str | None:
    for opens, closes, open_name, close_name in _PAIRS:
        if not any(c in text for c in opens + closes):
            continue
        depth = 0
        for ch in text:
            if ch in opens:
                depth += 1
            elif ch in closes:
                depth -= 1
                if depth < 0:
                    return f"{close_name}前没有对应的{open_name}"
        if depth > 0:
            return f"{open_name}没有对应的{close_name}"
    if text.count('"') % 2:
        return "英文引号不成对"
    return None


@lru_cache(maxsize=_CACHE)
def _stray(text: str) -> tuple[tuple[str, ...], str] | None:
    """(what is wrong, an excerpt around the first problem), or None."""
    issues: list[tuple[int, int, str]] = []
    latin = _units()[1]
    for m in _STRAY.finditer(text):
        if m.group() not in latin:
            issues.append((m.start(), m.end(), f"多余的字母“{m.group()}”"))
    for m in _DOUBLED.finditer(text):
        issues.append((m.start(), m.end(), f"重复的标点“{''.join(m.group().split())}”"))
    for m in _SPACED.finditer(text):
        issues.append((m.start(), m.end(), f"标点“{m.group()[-1]}”前有空格"))
    issues.sort()
    unbalanced = _unbalanced(text)
    if not issues and unbalanced is None:
        return None
    what = [w for *_, w in issues] + ([f"括号或引号不成对（{unbalanced}）"] if unbalanced else [])
    excerpt = _excerpt(text, issues[0][0], issues[0][1]) if issues else quote(text, 60)[1:-1]
    return tuple(dict.fromkeys(what)), excerpt


@rule("hygiene.stray_chars", title="多余字符或标点", dimension="完整性", severity="info")
def stray_chars(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """Stray Latin letters glued to Chinese text or punctuation (``报告。v``), doubled
    separators (``；；``, ``。，``), a space before ``。；，、``, unbalanced brackets or quotes —
    in the project name, goal, indicator names and targets."""
    for seq, field, label, text in _texts(scope):
        found = _stray(text)
        if found is not None:
            what, excerpt = found
            yield Hit(
                f"{label}有多余字符或标点：{'；'.join(what)}。请删改后再报送。",
                field=field,
                indicator=seq,
                evidence=excerpt,
            )


# --- hygiene.measure_words ------------------------------------------------------------------

KNOWN_COMPOUNDS = [
    "台套", "件套", "月份", "年份", "年度", "周年", "部门", "门类", "种类", "班组", "分米",
    "人年", "人日",
]  # fmt: skip


def _measure_analyser(params: Params) -> Callable[[str], str | None]:
    base = _units()[0]
    singles = sorted(u for u in base if len(u) == 1)
    known = {u for u in base if len(u) == 2} | {str(u) for u in params["known"]}
    pattern = re.compile(
        rf"(?<![0-9０-９.])(?P<n>[0-9０-９]+(?:\.[0-9]+)?)\s*(?P<u>[{''.join(singles)}]{{2}})"
        r"(?![\u4e00-\u9fff])"
    )

    def fine(n: str, u: str) -> bool:
        if u in known or (u[1] == "次" and u[0] != "次"):  # X次: 人次, 台次, 家次 …
            return True
        return u[0] == "年" and len(n) == 4 and n[:2] in ("19", "20")  # 2025年度

    @lru_cache(maxsize=_CACHE)
    def analyse(text: str) -> str | None:
        for m in pattern.finditer(text):
            if not fine(m["n"], m["u"]):
                return m.group()
        return None

    return analyse


@rule(
    "hygiene.measure_words",
    title="计量单位错乱",
    dimension="完整性",
    severity="warning",
    known=KNOWN_COMPOUNDS,
)
def measure_words(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """A number followed by two measure words that make no known unit together (``≥50次个``):
    neither is a unit of the target vocabulary, in ``known``, nor a frequency ``X次``
    (人次, 台次). Only where the pair ends the quantity (``3个项目`` is fine)."""
    analyse = per_params("measure_words", params, _measure_analyser)
    for seq, field, label, text in _texts(scope):
        found = analyse(text)
        if found is not None:
            yield Hit(
                f"{label}中的{quote(found)}计量单位重复或错乱：请只保留一个单位，"
                f"如“{found[:-1]}”。",
                field=field,
                indicator=seq,
                evidence=found,
            )


# --- hygiene.repeated_passage ---------------------------------------------------------------

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=_CACHE)
def _repeated(text: str, n: int) -> str | None:
    """The first passage of at least ``n`` characters that occurs twice without overlapping
    (whitespace ignored), extended as far as both copies agree."""
    t = _SPACE.sub("", text)
    if n < 1 or len(t) < 2 * n:
        return None
    first: dict[str, int] = {}
    for i in range(len(t) - n + 1):
        gram = t[i : i + n]
        j = first.get(gram)
        if j is None:
            first[gram] = i
        elif i - j >= n:
            k = n
            while i + k < len(t) and j + k < i and t[j + k] == t[i + k]:
                k += 1
            return t[j : j + k]
    return None


@rule(
    "hygiene.repeated_passage",
    title="文字重复",
    dimension="完整性",
    severity="warning",
    min_length=20,
)
def repeated_passage(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """A passage of at least ``min_length`` characters written twice within one target or one
    goal (whitespace ignored), as when a whole enumerated list is pasted twice."""
    n = int(params["min_length"])
    for seq, field, label, text in _texts(scope, names=False):
        passage = _repeated(text, n)
        if passage is not None:
            yield Hit(
                f"{label}中同一段文字重复出现：{quote(passage)}（{len(passage)}字）。请删去重复"
                "部分，每项内容只写一次。",
                field=field,
                indicator=seq,
                evidence=passage,
            )


# --- hygiene.duplicate_part -----------------------------------------------------------------

_ITEM = re.compile(
    r"[；;。\n]|(?:^|(?<=[\s，,；;。.、]))(?:[0-9]{1,2}[.、．](?![0-9])|[（(][0-9]{1,2}[)）]|[①-⑳])"
)
_ITEM_STRIP = " \t\u3000，,；;。.、：:"
_HAN = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=_CACHE)
def _duplicates(text: str, min_length: int) -> tuple[str, ...]:
    """Sub-targets (items between enumerators and ``；。``) written twice, except copies that
    belong to a longer run repeated as a whole (a list pasted twice: a repeated passage)."""
    items = [_SPACE.sub("", s).strip(_ITEM_STRIP) for s in _ITEM.split(text)]
    items = [s for s in items if s]
    first: dict[str, int] = {}
    out: list[str] = []
    for j, item in enumerate(items):
        if len(_HAN.findall(item)) < min_length:
            continue  # ≥24次 twice may be two sub-indicators with the same value
        i = first.setdefault(item, j)
        if i == j:
            continue
        run = (i > 0 and items[i - 1] == items[j - 1]) or (
            j + 1 < len(items) and i + 1 < j and items[i + 1] == items[j + 1]
        )
        if not run and item not in out:
            out.append(item)
    return tuple(out)


@rule(
    "hygiene.duplicate_part",
    title="子目标重复",
    dimension="完整性",
    severity="warning",
    min_length=4,
)
def duplicate_part(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """A sub-target (with at least ``min_length`` Chinese characters: a bare ``≥24次`` may be
    two sub-indicators with the same value) listed twice within one target, as
    ``2.修复及时率达到95%`` … ``4.修复及时率达到95%``. A whole list written twice is left to
    ``hygiene.repeated_passage``."""
    n = int(params["min_length"])
    for ind, fields in project_targets(scope):
        for field, label, target in fields:
            dups = _duplicates(target.text, n)
            if dups:
                listed = "、".join(quote(d, 30) for d in dups[:3])
                yield Hit(
                    f"{label}中子目标{listed}重复列出：请删去重复项，或改为本应填写的另一项目标。",
                    field=field,
                    indicator=ind.seq,
                    evidence=dups[0],
                )


# --- hygiene.placeholder --------------------------------------------------------------------

PLACEHOLDERS = [
    "**", "*", "XX", "xx", "XXX", "xxx", "××", "待定", "待补充", "待填", "/", "／", "—", "——",
    "-", "－", "…", "……", "N/A", "n/a", "NA", "TBD", "空",
]  # fmt: skip
_INLINE = re.compile(r"(?<![A-Za-z])(?:[Xx]{2,}|[*＊]{2,}|×{2,})(?![A-Za-z])")


def _placeholder_analyser(params: Params) -> Callable[[str], tuple[str, bool] | None]:
    strong = frozenset(str(w) for w in params["placeholders"])
    weak = frozenset(str(w) for w in params["weak"])

    @lru_cache(maxsize=_CACHE)
    def analyse(text: str) -> tuple[str, bool] | None:
        t = text.strip()
        if t in strong:
            return t, False
        if t in weak:
            return t, True
        m = _INLINE.search(t)
        return (m.group(), False) if m else None

    return analyse


@rule(
    "hygiene.placeholder",
    title="占位符未填写",
    dimension="完整性",
    severity="error",
    placeholders=PLACEHOLDERS,
    weak=["无", "暂无", "略"],
    weak_severity="warning",
)
def placeholder(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """A field that is only a placeholder (``placeholders``: ``**``, ``XX``, 待定, ``/``, ``—`` …)
    or holds one (``≥XX%``, ``**项``). A field that is only one of ``weak`` (无, 暂无) may mean
    "none": it has ``weak_severity``."""
    analyse = per_params("placeholder", params, _placeholder_analyser)
    weak_severity = severity_param(params, "weak_severity")
    for seq, field, label, text in _texts(scope):
        found = analyse(text)
        if found is None:
            continue
        word, weak = found
        hint = "；如指“不发生”，请写明“0起”“0次”等" if weak else ""
        yield Hit(
            f"{label}{quote(text)}是占位符“{word}”，没有填写实际内容：请填写具体内容，"
            f"如“≥95%”“≥10项”{hint}。",
            field=field,
            indicator=seq,
            evidence=text,
            severity=weak_severity if weak else None,
        )


# --- hygiene.empty --------------------------------------------------------------------------


@rule("hygiene.empty", title="指标名称或类别为空", dimension="完整性", severity="error")
def empty(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """An indicator without a name (三级指标) or without a level-1 or level-2 class name."""
    for ind in scope.project.indicators:
        name, l1, l2 = ind.name, ind.level1.name, ind.level2.name
        if name and l1 and l2 and not (name.isspace() or l1.isspace() or l2.isspace()):
            continue
        for field, what, value in (
            ("level1", "一级指标", ind.level1.name),
            ("level2", "二级指标", ind.level2.name),
            ("name", "指标名称", ind.name),
        ):
            if not value.strip():
                yield Hit(
                    f"第{ind.seq}项指标的{what}为空：请填写，如“产出指标/数量指标/举办培训场次”。",
                    field=field,
                    indicator=ind.seq,
                )


# --- hygiene.code_name ----------------------------------------------------------------------

_CODE = re.compile(r"[\w\s\-./#()（）]*\d[\w\s\-./#()（）]*")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=65536)
def _is_code(name: str) -> bool:
    return bool(_CODE.fullmatch(name.strip())) and not _CJK.search(name)


@rule("hygiene.code_name", title="项目名称只有编码", dimension="完整性", severity="error")
def code_name(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """A project name that is only a code: digits, or digits with Latin letters and
    separators, without any Chinese (``002604``, ``XM-2025-01``)."""
    name = scope.project.name
    if name.strip() and _is_code(name):
        yield Hit(
            f"项目名称{quote(name)}只是编码，看不出项目内容：请写明项目名称，如“办公软件"
            "采购项目”（编码可写在括号中）。",
            field="project.name",
            evidence=name,
        )
