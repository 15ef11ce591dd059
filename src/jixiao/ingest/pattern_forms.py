"""The texts a vocabulary pattern matches, where they are finitely many: the text readers split
cells run together at a label's literal forms, and a label that lost its first characters is
matched against their ends."""

from __future__ import annotations

__all__ = ["literal_forms"]

_META = set("()[]|?*+{}.\\^$")


def literal_forms(pattern: str, limit: int = 400) -> list[str]:
    """Every text a vocabulary pattern matches, for the alternatives of it that match finitely
    many (literals, ``(?:…)`` groups, ``|``, ``?`` and classes of plain characters); the others
    (``.*``, ``\\d{2}``) are left out. The text readers split cells run together at these."""
    out: list[str] = []
    for alternative in _split_alternatives(pattern):
        forms = _forms(alternative, limit)
        if forms is not None:
            out.extend(forms)
    return out


def _split_alternatives(pattern: str) -> list[str]:
    parts, depth, start, k = [], 0, 0, 0
    while k < len(pattern):
        c = pattern[k]
        if c == "\\":
            k += 2
            continue
        if c == "[":
            k = pattern.index("]", k + 1) + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:k])
            start = k + 1
        k += 1
    parts.append(pattern[start:])
    return parts


def _forms(pattern: str, limit: int) -> list[str] | None:
    """The texts one alternative matches, or ``None`` when they are not finitely many."""
    forms = [""]
    k = 0
    while k < len(pattern):
        c = pattern[k]
        if c == "(":
            depth, j = 1, k + 1
            while depth:
                if pattern[j] == "\\":
                    j += 1
                elif pattern[j] == "[":
                    j = pattern.index("]", j + 1)
                elif pattern[j] == "(":
                    depth += 1
                elif pattern[j] == ")":
                    depth -= 1
                j += 1
            inner = pattern[k + 1 : j - 1]
            if inner.startswith("?:"):
                inner = inner[2:]
            elif inner.startswith("?"):
                return None
            options: list[str] = []
            for alternative in _split_alternatives(inner):
                sub = _forms(alternative, limit)
                if sub is None:
                    return None
                options.extend(sub)
            k = j
        elif c == "[":
            j = pattern.index("]", k + 1)
            inner = pattern[k + 1 : j]
            if not inner or inner[0] == "^" or "-" in inner[1:-1] or "\\" in inner:
                return None
            options = list(inner)
            k = j + 1
        elif c in _META:
            return None
        else:
            options = [c]
            k += 1
        if k < len(pattern) and pattern[k] == "?":
            options = ["", *options]
            k += 1
        elif k < len(pattern) and pattern[k] in "*+{":
            return None
        forms = [a + b for a in forms for b in options]
        if len(forms) > limit:
            return None
    return forms
