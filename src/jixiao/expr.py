"""A small, safe expression language for rules kept as data (warning lights, derived values).

Rules a region writes in a TOML file must never be Python or SQL: this is its own grammar,
parsed once into a tree and evaluated over named values, with nothing else reachable.

    expression  := or
    or          := and ("or" and)*
    and         := not ("and" not)*
    not         := "not" not | comparison
    comparison  := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
    sum         := product (("+" | "-") product)*
    product     := unary (("*" | "/") unary)*
    unary       := "-" unary | atom
    atom        := number | "string" | true | false | name | name "(" args ")" | "(" expression ")"

Numbers are exact decimals; functions are ``min``, ``max``, ``abs`` and ``if(condition, a, b)``
(only the branch taken is evaluated). A name that is not given, dividing by zero, or comparing a
number with a text is an :class:`ExprError` with the reason; a tree is checked against the
names it may use when it is loaded (:meth:`Expr.check`), so a misspelt name in a region's file
is refused before anything is evaluated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

Value = Decimal | bool | str


class ExprError(ValueError):
    """An expression that cannot be parsed or evaluated; the message is Chinese, for users."""


_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<str>\"[^\"]*\")"
    r"|(?P<name>[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]*)"
    r"|(?P<op><=|>=|==|!=|[<>+\-*/(),]))"
)
_WORDS = {"and", "or", "not", "true", "false"}
_COMPARE = {"<", "<=", ">", ">=", "==", "!="}
_FUNCTIONS = {"min": (1, 99), "max": (1, 99), "abs": (1, 1), "if": (3, 3)}


@dataclass(frozen=True, slots=True)
class Node:
    kind: str  # num, str, bool, name, op, not, neg, call
    value: object = None
    args: tuple[Node, ...] = ()


@dataclass(frozen=True, slots=True)
class Expr:
    """A parsed expression: ``text`` as written, ``tree`` to evaluate."""

    text: str
    tree: Node
    fn: Fn = field(repr=False, compare=False)
    _names: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    def names(self) -> set[str]:
        """Every name the expression reads."""
        return set(self._names)

    def check(self, allowed: set[str]) -> None:
        """Refuse names outside ``allowed`` (a misspelt variable in a rule file)."""
        unknown = self.names() - allowed
        if unknown:
            raise ExprError(
                f"表达式“{self.text}”用了未知的名称 {'、'.join(sorted(unknown))}"
                f"（可用：{'、'.join(sorted(allowed))}）"
            )

    def __call__(self, values: Mapping[str, Value]) -> Value:
        return self.fn(values)


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise ExprError(f"表达式“{text}”第 {pos + 1} 个字符“{text[pos]}”无法识别")
        kind = m.lastgroup
        assert kind is not None
        word = m.group(kind)
        out.append(("word" if kind == "name" and word in _WORDS else kind, word))
        pos = m.end()
    return out


@lru_cache(maxsize=1024)
def parse(text: str) -> Expr:
    """Parse ``text`` (cached: rule files repeat their expressions)."""
    if len(text) > 500:
        raise ExprError(f"表达式过长（{len(text)} 个字符，最多 500）")
    parser = _Parser(text, _tokens(text))
    tree = parser.expression()
    if parser.pos != len(parser.toks):
        raise ExprError(f"表达式“{text}”在“{parser.toks[parser.pos][1]}”处多出内容")
    return Expr(text, tree, _compile(tree, text), frozenset(_names(tree)))


def _names(node: Node) -> set[str]:
    found = {str(node.value)} if node.kind == "name" else set()
    for arg in node.args:
        found |= _names(arg)
    return found


class _Parser:
    def __init__(self, text: str, toks: list[tuple[str, str]]) -> None:
        self.text, self.toks, self.pos, self.depth = text, toks, 0, 0

    def peek(self) -> str | None:
        return self.toks[self.pos][1] if self.pos < len(self.toks) else None

    def take(self, word: str | None = None) -> tuple[str, str]:
        if self.pos >= len(self.toks):
            raise ExprError(f"表达式“{self.text}”不完整")
        tok = self.toks[self.pos]
        if word is not None and tok[1] != word:
            raise ExprError(f"表达式“{self.text}”在“{tok[1]}”处应为“{word}”")
        self.pos += 1
        return tok

    def expression(self) -> Node:
        self.depth += 1
        if self.depth > 50:
            raise ExprError(f"表达式“{self.text[:40]}…”嵌套过深")
        node = self.binary(0)
        self.depth -= 1
        return node

    _LEVELS: tuple[tuple[str, ...], ...] = (("or",), ("and",))

    def binary(self, level: int) -> Node:
        if level < len(self._LEVELS):
            node = self.binary(level + 1)
            while self.peek() in self._LEVELS[level]:
                op = self.take()[1]
                node = Node("op", op, (node, self.binary(level + 1)))
            return node
        return self.negation()

    def negation(self) -> Node:
        if self.peek() == "not":
            self.take()
            return Node("not", None, (self.negation(),))
        return self.comparison()

    def comparison(self) -> Node:
        node = self.sum()
        if self.peek() in _COMPARE:
            op = self.take()[1]
            node = Node("op", op, (node, self.sum()))
            if self.peek() in _COMPARE:
                raise ExprError(f"表达式“{self.text}”不能连写比较（用 and 连接）")
        return node

    def sum(self) -> Node:
        node = self.product()
        while self.peek() in ("+", "-"):
            op = self.take()[1]
            node = Node("op", op, (node, self.product()))
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.peek() in ("*", "/"):
            op = self.take()[1]
            node = Node("op", op, (node, self.unary()))
        return node

    def unary(self) -> Node:
        if self.peek() == "-":
            self.take()
            return Node("neg", None, (self.unary(),))
        return self.atom()

    def atom(self) -> Node:
        kind, word = self.take()
        if kind == "num":
            return Node("num", Decimal(word))
        if kind == "str":
            return Node("str", word[1:-1])
        if kind == "word" and word in ("true", "false"):
            return Node("bool", word == "true")
        if kind == "name":
            if self.peek() != "(":
                return Node("name", word)
            if word not in _FUNCTIONS:
                raise ExprError(
                    f"表达式“{self.text}”中的函数“{word}”不存在（可用：min、max、abs、if）"
                )
            self.take("(")
            args = [self.expression()]
            while self.peek() == ",":
                self.take()
                args.append(self.expression())
            self.take(")")
            low, high = _FUNCTIONS[word]
            if not low <= len(args) <= high:
                raise ExprError(f"表达式“{self.text}”中 {word} 的参数个数不对")
            return Node("call", word, tuple(args))
        if word == "(":
            node = self.expression()
            self.take(")")
            return node
        raise ExprError(f"表达式“{self.text}”在“{word}”处应为数、名称或括号")


def _number(value: Value, text: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal):
        raise ExprError(f"表达式“{text}”中“{value}”不是数")
    return value


def _truth(value: Value, text: str) -> bool:
    if not isinstance(value, bool):
        raise ExprError(f"表达式“{text}”中“{value}”不是真假值")
    return value


_ARITH: dict[str, Callable[[Decimal, Decimal], Decimal]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
}


Fn = Callable[[Mapping[str, Value]], Value]


def _compile(node: Node, text: str) -> Fn:
    """``node`` as a closure, built once: evaluating walks no tree and looks nothing up but
    the values given."""
    kind = node.kind
    if kind in ("num", "str", "bool"):
        constant: Value = node.value  # type: ignore[assignment]
        return lambda values: constant
    if kind == "name":
        name = str(node.value)

        def read(values: Mapping[str, Value]) -> Value:
            try:
                return values[name]
            except KeyError:
                raise ExprError(f"表达式“{text}”需要的“{name}”没有值") from None

        return read
    args = [_compile(arg, text) for arg in node.args]
    if kind == "not":
        inner = args[0]
        return lambda values: not _truth(inner(values), text)
    if kind == "neg":
        inner = args[0]
        return lambda values: -_number(inner(values), text)
    if kind == "call":
        return _call(str(node.value), args, text)
    op, left, right = str(node.value), args[0], args[1]
    if op == "and":
        return lambda values: _truth(left(values), text) and _truth(right(values), text)
    if op == "or":
        return lambda values: _truth(left(values), text) or _truth(right(values), text)
    if op in ("==", "!="):
        equal = op == "=="

        def compare(values: Mapping[str, Value]) -> Value:
            a, b = left(values), right(values)
            if type(a) is not type(b):
                raise ExprError(f"表达式“{text}”比较了不同类型的值：“{a}”和“{b}”")
            return (a == b) == equal

        return compare
    if op in _ARITH:
        arith = _ARITH[op]

        def calculate(values: Mapping[str, Value]) -> Value:
            try:
                return arith(_number(left(values), text), _number(right(values), text))
            except (ZeroDivisionError, InvalidOperation):
                raise ExprError(f"表达式“{text}”除以零") from None

        return calculate
    test = _ORDER[op]
    return lambda values: test(_number(left(values), text), _number(right(values), text))


_ORDER: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _call(name: str, args: list[Fn], text: str) -> Fn:
    if name == "if":
        test, yes, no = args
        return lambda values: yes(values) if _truth(test(values), text) else no(values)
    if name == "abs":
        only = args[0]
        return lambda values: abs(_number(only(values), text))
    pick = min if name == "min" else max
    return lambda values: pick(_number(a(values), text) for a in args)
