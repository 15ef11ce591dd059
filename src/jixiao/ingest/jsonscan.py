"""Limits of a JSON text checked before :func:`json.loads` builds anything.

``json.loads`` recurses once per nesting level (a deep enough text raises ``RecursionError``)
and refuses integers past Python's 4,300-digit limit with a bare ``ValueError``. Both are
measured here in linear time on the text's skeleton (strings blanked out), so a file past a
limit gets a :class:`~jixiao.errors.LimitError` naming it.
"""

from __future__ import annotations

import re

from ..limits import Limits, exceeded

# A complete string; an unterminated one is left for json.loads to report.
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")
_DIGITS = re.compile(r"[0-9]+")


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def check_json(text: str, name: str, limits: Limits) -> None:
    """Raise :class:`LimitError` if ``text`` nests deeper than ``limits.depth`` or holds a
    number with more than ``limits.digits`` digits."""
    skeleton = _STRING.sub('""', text)
    long_number = re.search(rf"[0-9]{{{limits.digits + 1}}}", skeleton)
    if long_number is not None:
        run = _DIGITS.match(skeleton, long_number.start())
        end = run.end() if run else long_number.end()
        # the line is counted in the skeleton: strings never span lines, so it is the same
        raise exceeded(
            "digits",
            limits.digits,
            name,
            value=end - long_number.start(),
            line=_line(skeleton, long_number.start()),
        )
    depth = 0
    for m in _BRACKET.finditer(skeleton):
        if m.group() in "[{":
            depth += 1
            if depth > limits.depth:
                raise exceeded("depth", limits.depth, name, line=_line(skeleton, m.start()))
        else:
            depth = max(0, depth - 1)
