"""Typing of target values (指标值): text → :class:`~jixiao.model.Target`.

The text is read after a length-preserving fold (full-width digits, letters and symbols to ASCII,
≧ ≦ to ≥ ≤, except ，), so every offset found maps back to the source text. The grammar::

    target     := item | [prose] enumerator item (enumerator item)+   1. 2、 (1) ① in sequence
    item       := clause (separator clause)*       separators ，,；;。.：:!? and whitespace
    quantity   := [comparator] number [more] [unit] [range-sep number [unit]] [suffix]
    comparator := ≥ ≤ > < = ≈ >= <= | 不低于 不超过 约 … (a *detached* word such as 不超过 may
                  stand earlier in the clause: 不超过上年度聘用人数（2人）)
    number     := arabic (1,500 · 12.5) | chinese (一千五百) | 百分之 number
    unit       := [magnitude] measure-word (/ word)* | magnitude     (万元 · 万/年/人 · MB/S)
    suffix     := 以上 (≥) | 以下 以内 (≤) | 左右 (≈)

No quantity: years (2025年, 2024—2025年) and dates, ordinals (第8.6代), numbers in 《titles》 or
glued to Latin letters (T9, LG8.5), enumerators, a number before a non-measure word (二级, 一期,
一批), a lone 一 (进一步) or other one-character numeral without a comparator, and a bare number
followed by more words. A number without comparator glued to more words (支持98个团队…次数≥300次)
is *attributive*: it is dropped when its clause has another quantity.

No quantity → ``qualitative``; one → ``quantitative`` (``label``: the words before it in its
clause); more → ``composite`` with one part per quantity, and a qualitative part for each
enumerated item without one. Every word list lives in ``data/targets.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from importlib import resources
from typing import Any, NamedTuple

from . import numerals
from .chars import HAN
from .errors import ConfigError
from .model import Op, Target, TargetKind
from .preload import preloaded

__all__ = ["normalize", "quantity_at", "type_target", "unit_in_name"]

_OPS: frozenset[str] = frozenset(("≥", "≤", ">", "<", "=", "≈", "range"))
_SEPS = "，,；;。：:!?！？ \t\n\r\u3000"  # and a "." that is no decimal point
_STRIP = _SEPS + ".、"
_CN = numerals.CN_CHARS
_ARABIC = r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_BOOK_TITLE = re.compile(r"《[^》]*》")  # a title's span, figures in it not read


def _fold_table() -> dict[int, str]:
    table = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F) if c != 0xFF0C}  # keep ，
    table.update({0x3000: " ", 0x2267: "≥", 0x2266: "≤", 0x301C: "~", 0xFE6A: "%", 0x2252: "≈"})
    table.update({0x2550: "=", 0xFE66: "="})  # ═, ﹦: an = as a document's fonts print it
    return table


_FOLD = _fold_table()


def _alt(words: Any) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class _Vocab:
    ops: dict[str, Op]  # comparator or suffix → op
    symbols: frozenset[str]  # comparators written as symbols (they beat a suffix)
    not_after: dict[str, str]
    magnitudes: dict[str, int]
    base_units: frozenset[str]
    not_cn: frozenset[str]
    connectors: tuple[str, ...]
    cmp_len: int
    number: re.Pattern[str]
    tail: re.Pattern[str]
    plain_tail: re.Pattern[str]  # the tail without a range
    cmp_end: re.Pattern[str]
    detached: re.Pattern[str]
    not_ar: re.Pattern[str]
    not_cn_re: re.Pattern[str]
    has_number: re.Pattern[str]
    enum: re.Pattern[str]
    date: re.Pattern[str]
    sep: re.Pattern[str]
    simple: re.Pattern[str]  # a whole text that is one plain quantity: ≥27项, 100%


def _op(value: str) -> Op:
    if value not in _OPS:
        raise ConfigError(f"targets.toml：未知的比较符“{value}”")
    return value  # type: ignore[return-value]


@preloaded
@cache
def _vocab() -> _Vocab:
    raw = resources.files("jixiao").joinpath("data/targets.toml").read_text("utf-8")
    v: dict[str, Any] = tomllib.loads(raw)
    prefix: dict[str, Op] = {}
    for op, words in v["comparators"].items():
        if op in _OPS:
            prefix.update((w, _op(op)) for w in words)
    suffixes = {w: _op(op) for w, op in v["suffixes"].items()}
    if stray := set(v["comparators"]["detached"]) - set(prefix):
        raise ConfigError(f"targets.toml：detached 中的“{'、'.join(sorted(stray))}”不是比较词")
    num, units = v["numbers"], v["units"]
    mags: dict[str, int] = dict(units["magnitudes"])
    mag = _alt(mags)
    base = _alt(units["base"])  # before magnitude + base, so that 千瓦时 is not 千 + 瓦
    one = rf"(?:{base}|(?:{mag})(?:{base})|(?i:{_alt(units['latin'])})(?![A-Za-z])|{mag})"
    unit = rf"{one}(?:/(?:{one}|[\u4e00-\u9fff]|[A-Za-z]+))*"
    more = _alt(num["more"])
    cn = f"[{_CN}]{{1,24}}"
    head = rf"(?P<more>{more})?[ ]?(?P<unit>{unit})?"
    rng = (
        rf"(?:[ ]?(?P<sep>{_alt(num['range_separators'])})[ ]?(?P<n2>{_ARABIC}|{cn})"
        rf"(?:{more})?[ ]?(?P<unit2>{unit})?)?"
    )
    suffix = rf"(?P<suf>{_alt(suffixes)})?"
    seps = re.escape(_SEPS)
    return _Vocab(
        ops={**prefix, **suffixes},
        symbols=frozenset(w for w in prefix if not HAN.search(w)),
        not_after=dict(v["comparators"]["not_after"]),
        magnitudes=mags,
        base_units=frozenset(units["base"]),
        not_cn=frozenset(num["not_units_chinese"]),
        connectors=tuple(num["connectors"]),
        cmp_len=max(map(len, prefix)),
        number=re.compile(rf"百分之(?P<pct>{_ARABIC}|{cn})|(?P<ar>{_ARABIC})|(?P<cn>{cn})"),
        tail=re.compile(head + rng + suffix),
        plain_tail=re.compile(head + suffix),
        cmp_end=re.compile(rf"(?:{_alt(prefix)})\Z"),
        detached=re.compile(_alt(v["comparators"]["detached"])),
        not_ar=re.compile(rf"[A-Za-z]|{_alt(num['not_units_arabic'])}"),
        not_cn_re=re.compile(_alt(num["not_units_chinese"])),
        has_number=re.compile(f"[0-9０-９{_CN}]"),
        enum=re.compile(
            rf"\((?P<p>[0-9]{{1,2}})\)|(?P<c>[{_CIRCLED}])"
            rf"|(?:^|(?<=[\s;,.:!?。，、]))(?P<d>[0-9]{{1,2}})[.、)]"
        ),
        date=re.compile(r"[0-9]{1,2}月(?:[0-9]{1,2}[日号]|底|末|初|份|[上中下]旬|前)"),
        sep=re.compile(rf"[{seps}]|\.(?![0-9])"),
        simple=re.compile(
            rf"(?P<cmp>{_alt(prefix)})?[ ]?(?P<n>{_ARABIC})[ ]?(?P<unit>{unit})?{suffix}"
        ),
    )


class _Typed(NamedTuple):
    """The immutable, cacheable form of a :class:`Target`."""

    text: str
    kind: TargetKind
    op: Op | None = None
    value: Decimal | None = None
    upper: Decimal | None = None
    unit: str | None = None
    label: str | None = None
    parts: tuple[_Typed, ...] = ()


@dataclass(slots=True)
class _Tok:
    start: int  # the comparator's start, or the number's
    num: int  # the number's start
    end: int
    op: Op
    value: Decimal
    upper: Decimal | None
    unit: str | None
    compared: bool  # a comparator (adjacent or detached), suffix or "more" gave the op
    attributive: bool = False


def type_target(text: str) -> Target:
    """Type a target value; never raises, and the result's ``text`` is ``text``.

    Results are cached by text (``type_target.cache_clear()`` empties the cache); each call
    returns new objects, so changing a result never changes a later one.
    """
    return _build(_analyse(text))


def quantity_at(text: str) -> int:
    """The length of the quantity ``text`` starts with that states a unit (≥266米, 100%,
    250人, 90%以上): where a value run together with the words after it ends (0: none)."""
    m = _vocab().simple.match(text.translate(_FOLD))
    if m is None or not (m["unit"] or m["suf"] or text[m.end() - 1 : m.end()] in "%％"):
        return 0
    if _is_year(m["n"]) and (m["unit"] or "").startswith("年"):
        return 0  # 2021年: a date, not a quantity
    return m.end()


_NAME_UNIT = re.compile(r"[（(]\s*([^（）()]{1,8}?)\s*[）)]\s*$")


def unit_in_name(name: str) -> str | None:
    """The unit an indicator name states at its end, as in ``年产值（亿元）`` or ``满意度（%）``;
    ``None`` when the bracket holds no unit (``（含劳务外包）``)."""
    m = _NAME_UNIT.search(name)
    if m is None:
        return None
    written = m.group(1)
    probe = type_target("1" + written)  # the bracket is a unit iff "1<bracket>" is all quantity
    if probe.kind == "quantitative" and probe.unit and len(probe.unit) == len(written):
        return probe.unit
    return None


def normalize(value: Decimal, unit: str | None) -> tuple[Decimal, str | None]:
    """Scale a magnitude word out of the unit, exactly: (16.4, 亿元) → (1640000000, 元)."""
    v = _vocab()
    return numerals.normalize(value, unit, v.magnitudes, v.base_units)


def _build(t: _Typed) -> Target:
    return Target(
        t.text, t.kind, t.op, t.value, t.upper, t.unit, t.label, [_build(p) for p in t.parts]
    )


@lru_cache(maxsize=65536)
def _analyse(text: str) -> _Typed:
    """The typing of ``text`` as an immutable value (the cached core of :func:`type_target`)."""
    v = _vocab()
    if not v.has_number.search(text):
        return _Typed(text, "qualitative")
    norm = text.translate(_FOLD)
    simple = v.simple.fullmatch(norm)
    if simple and not (_is_year(simple["n"]) and (simple["unit"] or "").startswith("年")):
        cmp, suf = simple["cmp"], simple["suf"]
        op = v.ops[suf] if suf and cmp not in v.symbols else v.ops[cmp] if cmp else "="
        value = Decimal(simple["n"].replace(",", ""))
        return _Typed(text, "quantitative", op, value, unit=simple["unit"])
    titles = [m.span() for m in _BOOK_TITLE.finditer(norm)] if "《" in norm else []
    parts: list[_Typed] = []
    quantities: list[_Typed] = []
    for lo, hi in _items(norm, v):
        toks = _item_tokens(norm, lo, hi, v, titles)
        if not toks:
            body = text[lo:hi].strip(_STRIP)
            if body:
                parts.append(_Typed(body, "qualitative"))
            continue
        for tok, (a, b), label in _segments(norm, lo, hi, toks, v):
            body = text[a:b].strip(_STRIP) or text[tok.start : tok.end]
            label_text = _label(text[label[0] : label[1]], v)
            part = _Typed(
                body, "quantitative", tok.op, tok.value, tok.upper, tok.unit, label_text or None
            )
            parts.append(part)
            quantities.append(part)
    if not quantities:
        return _Typed(text, "qualitative")
    if len(quantities) == 1:
        return quantities[0]._replace(text=text)
    return _Typed(text, "composite", parts=tuple(parts))


def _label(text: str, v: _Vocab) -> str:
    """Label words: separators, a trailing connector (及) and a trailing 为 stripped."""
    text = text.strip(_STRIP)
    for word in (*v.connectors, "为"):
        if text.endswith(word) and len(text) > len(word):
            return text[: -len(word)].strip(_STRIP)
    return text


def _items(norm: str, v: _Vocab) -> list[tuple[int, int]]:
    """Spans of the enumerated items (enumerators excluded), or the whole text as one item."""
    accepted: list[tuple[int, int]] = []  # (start, end) of each accepted enumerator
    expect = 1
    for m in v.enum.finditer(norm):
        k = _CIRCLED.index(m["c"]) + 1 if m["c"] else int(m["p"] or m["d"])
        if k == 1 and m.end() < len(norm) and norm[m.end()].isdigit() and m["d"]:
            continue  # 1.5亿元: a decimal, not an enumerator
        if k == expect or (k == 1 and expect > 2):
            accepted.append(m.span())
            expect = k + 1
    if len(accepted) < 2:
        return [(0, len(norm))]
    spans = [(0, accepted[0][0])] if norm[: accepted[0][0]].strip(_STRIP) else []
    ends = [s for s, _ in accepted[1:]] + [len(norm)]
    spans.extend((e, end) for (_, e), end in zip(accepted, ends, strict=True))
    return spans


def _item_tokens(
    norm: str, lo: int, hi: int, v: _Vocab, titles: list[tuple[int, int]]
) -> list[_Tok]:
    """The quantities of one item, attributive numbers dropped where their clause has another."""
    toks: list[_Tok] = []
    pos = lo
    while (m := v.number.search(norm, pos, hi)) is not None:
        tok, pos = _token(norm, m, lo, hi, v, titles)
        if tok is None:
            continue
        if not tok.compared:
            _detached(norm, tok, toks[-1].end if toks else lo, v)
        if not tok.compared and tok.end < hi and "\u4e00" <= norm[tok.end] <= "\u9fff":
            tok.attributive = not any(norm.startswith(c, tok.end) for c in v.connectors)
        toks.append(tok)
    kept: list[_Tok] = []
    clause: list[_Tok] = []
    for k, tok in enumerate(toks):
        clause.append(tok)
        if k + 1 == len(toks) or v.sep.search(norm, tok.end, toks[k + 1].start):
            if all(t.attributive for t in clause):
                kept.extend(clause)
            else:
                kept.extend(t for t in clause if not t.attributive)
            clause = []
    return kept


def _token(
    norm: str, m: re.Match[str], lo: int, hi: int, v: _Vocab, titles: list[tuple[int, int]]
) -> tuple[_Tok | None, int]:
    """The quantity at the number ``m``, or None; and where to search on."""
    s, e = m.span()
    for a, b in titles:
        if a <= s < b:
            return None, b
    prev = norm[s - 1] if s > lo else ""
    if prev == "第" or (prev.isascii() and (prev.isalnum() or prev == ".")):
        return None, e
    date = v.date.match(norm, s, hi)
    if date:
        return None, date.end()
    written = m["ar"] or m["cn"] or m["pct"]
    if _is_year(written) and norm.startswith("年", e):
        return None, e
    value = _number(written)
    cmp_word, start = _comparator(norm, s, lo, v)
    t = v.tail.match(norm, e, hi)
    upper: Decimal | None = None
    if t and t["n2"]:
        upper = _number(t["n2"])
        if _is_year(written) and _is_year(t["n2"]) and (t["unit2"] or "年")[0] == "年":
            return None, t.end("n2")  # a period: 2024—2025年, 2024-2025
        if upper <= value or (t["n2"][0] in _CN and not t["unit2"]):
            upper = None
    if upper is None:
        t = v.plain_tail.match(norm, e, hi)
    assert t is not None  # every part of a tail is optional
    unit = (t["unit2"] if upper is not None else None) or t["unit"]
    end = t.end()
    if m["pct"]:
        unit = "%"
    elif m["cn"]:
        if unit in v.not_cn or (unit is None and v.not_cn_re.match(norm, end)):
            return None, end
        lone = len(written) == 1 and written not in "二三四五六七八九两"
        if cmp_word is None and (unit is None or (lone and not t["more"])):
            return None, e
        if len(written) > 1 and written[-1] in "万亿" and upper is None:
            value, unit = _number(written[:-1]), written[-1] + (unit or "")  # as in 3000万元
    if unit is None and cmp_word is None:
        if end < hi and not v.sep.match(norm, end) and norm[end] not in ")）":
            return None, end  # a bare number followed by more words: 1+N
        if prev in "(（" and end < hi and norm[end] in ")）":
            return None, end  # (1): an enumerator
    elif unit is None and end < hi and v.not_ar.match(norm, end):
        return None, end
    op: Op = v.ops[cmp_word] if cmp_word else "="
    if upper is not None:
        op = "range"
    elif t["suf"] and cmp_word not in v.symbols:
        op = v.ops[t["suf"]]
    elif t["more"] and cmp_word is None:
        op = ">"
    return _Tok(start, s, end, op, value, upper, unit, cmp_word is not None or op != "="), end


def _is_year(written: str) -> bool:
    if _YEAR.fullmatch(written):
        return True
    return (
        len(written) == 4
        and 1900 <= numerals.chinese_to_int(written) <= 2099
        and all(c in numerals.CN_DIGITS for c in written)
    )


def _comparator(norm: str, s: int, lo: int, v: _Vocab) -> tuple[str | None, int]:
    """The comparator written right before position ``s`` (spaces allowed), and its start."""
    k = s
    while k > lo and norm[k - 1] == " ":
        k -= 1
    c = v.cmp_end.search(norm, max(lo, k - v.cmp_len), k)
    if c is None:
        return None, s
    word = c.group()
    before = norm[c.start() - 1] if c.start() > lo else ""
    if before and before in v.not_after.get(word, ""):
        return None, s
    return word, c.start()


def _detached(norm: str, tok: _Tok, lo: int, v: _Vocab) -> None:
    """Apply the nearest detached comparator earlier in the token's clause, if any."""
    found = list(v.detached.finditer(norm, _clause_start(norm, lo, tok.num, v), tok.num))
    if found:
        last = found[-1]
        tok.op, tok.start, tok.compared = v.ops[last.group()], last.start(), True


def _segments(
    norm: str, lo: int, hi: int, toks: list[_Tok], v: _Vocab
) -> list[tuple[_Tok, tuple[int, int], tuple[int, int]]]:
    """Each token with its part's span (the item cut at quantities and clause ends) and its
    label's span (its clause, or from the previous quantity, up to its comparator)."""
    out = []
    seg = lo
    for k, tok in enumerate(toks):
        prev = toks[k - 1].end if k else lo
        at = _clause_start(norm, prev, tok.start, v)
        if k and at == prev:  # right after the previous quantity: skip a joining 和 or 及
            at += next((len(c) for c in v.connectors if norm.startswith(c, at)), 0)
        label = (at, tok.start)
        if k + 1 == len(toks):
            end = hi
        elif v.sep.search(norm, tok.end, toks[k + 1].start):
            nxt = v.sep.search(norm, tok.end, hi)
            end = nxt.start() if nxt else hi
        else:
            end = tok.end
        out.append((tok, (seg, end), label))
        seg = end
    return out


def _clause_start(norm: str, lo: int, hi: int, v: _Vocab) -> int:
    """Where the clause holding position ``hi`` starts, looking back no further than ``lo``."""
    start = lo
    for m in v.sep.finditer(norm, lo, hi):
        start = m.end()
    return start


def _number(written: str) -> Decimal:
    if written[0] in _CN:
        return Decimal(numerals.chinese_to_int(written))
    return Decimal(written.replace(",", ""))


type_target.cache_clear = _analyse.cache_clear  # type: ignore[attr-defined]
