"""The indicator framework as data: load it, and resolve written class labels against it.

Resolution never drops or rewrites what a table says: it returns the canonical class (if any)
and the notes a reader should keep (unknown code, name and code that disagree, alias used).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from .errors import ConfigError
from .preload import preloaded

_SUFFIX = re.compile(r"[（(][^）)]*[）)]|★|\*|\s+")
_MARKS = re.compile(r"★|\*|\s+")
# A class's points written after it without brackets (产出指标 40 分), as (40分) is.
_POINTS = re.compile(r"(?<=[\u4e00-\u9fff])\d{1,3}(?:\.\d+)?分$")


@lru_cache(maxsize=16384)
def clean_label(label: str) -> str:
    """A class label without decorations: ``(必填)``, ``(50分)``, ``★``, spaces.

    The bracket pattern runs only up to the last closing bracket: past it an opening bracket
    can match nothing, and trying each one to the end of the text is quadratic (20,000
    unclosed brackets took 11 s); up to it, every opening bracket's match ends at the next
    closing one, so the whole is linear and removes exactly what the pattern alone would."""
    last = max(label.rfind(")"), label.rfind("）")) + 1
    return _SUFFIX.sub("", label[:last]) + _MARKS.sub("", label[last:])


@lru_cache(maxsize=16384)
def _bare(name: str) -> str:
    """A written class label as the framework's names are keyed: no decorations, no points
    (readers look the same few labels up many times: once each)."""
    return _POINTS.sub("", clean_label(name))


@dataclass(frozen=True, slots=True)
class Class:
    code: str
    name: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    seen: bool = False


@dataclass(slots=True)
class Framework:
    name: str
    version: str
    level1: dict[str, Class] = field(default_factory=dict)
    level2: dict[str, Class] = field(default_factory=dict)
    _by_name1: dict[str, Class] = field(default_factory=dict)
    _by_name2: dict[str, Class] = field(default_factory=dict)
    _checked: dict[tuple[str | None, str, str | None, str], list[str]] = field(default_factory=dict)

    def find1(self, code: str | None, name: str) -> Class | None:
        """The level-1 class for a written code and/or name (code first, then name/alias;
        a trailing 等, as in 服务对象满意度指标等, is a decoration)."""
        if code and code in self.level1:
            return self.level1[code]
        label = _bare(name)
        return self._by_name1.get(label) or self._by_name1.get(label.removesuffix("等"))

    def find2(self, code: str | None, name: str) -> Class | None:
        if code and code in self.level2:
            return self.level2[code]
        label = _bare(name)
        return self._by_name2.get(label) or self._by_name2.get(label.removesuffix("等"))

    def check(self, code1: str | None, name1: str, code2: str | None, name2: str) -> list[str]:
        """Problems with a written pair of classes, as plain Chinese sentences (empty: fine)."""
        key = (code1, name1, code2, name2)
        if key not in self._checked:
            self._checked[key] = self._check(code1, name1, code2, name2)
        return list(self._checked[key])

    def _check(self, code1: str | None, name1: str, code2: str | None, name2: str) -> list[str]:
        problems: list[str] = []
        c1 = self.find1(code1, name1)
        c2 = self.find2(code2, name2)
        label1 = f"{code1}-{name1}" if code1 else name1
        label2 = f"{code2}-{name2}" if code2 else name2
        if c1 is None:
            problems.append(f"一级指标“{label1}”不在指标框架中")
        elif code1 and clean_label(name1) not in (c1.name, *c1.aliases):
            problems.append(f"一级指标代码 {code1} 应为“{c1.name}”，表中写作“{name1}”")
        if c2 is None:
            problems.append(f"二级指标“{label2}”不在指标框架中")
        else:
            if code2 and clean_label(name2) not in (c2.name, *c2.aliases):
                problems.append(f"二级指标代码 {code2} 应为“{c2.name}”，表中写作“{name2}”")
            if c1 is not None and c2.parent is not None and c2.parent != c1.code:
                parent = self.level1[c2.parent]
                problems.append(f"二级指标“{label2}”属于“{parent.name}”，不属于一级指标“{label1}”")
        return problems


def _build(data: dict[str, object], origin: str) -> Framework:
    try:
        fw = Framework(name=str(data["name"]), version=str(data["version"]))
        for entry in data["level1"]:  # type: ignore[attr-defined]
            c1 = Class(entry["code"], entry["name"], tuple(entry.get("aliases", ())))
            fw.level1[c1.code] = c1
            for key in (c1.name, *c1.aliases):
                fw._by_name1[key] = c1
            for sub in entry.get("level2", ()):
                c2 = Class(
                    sub["code"],
                    sub["name"],
                    tuple(sub.get("aliases", ())),
                    parent=c1.code,
                    seen=bool(sub.get("seen", False)),
                )
                fw.level2[c2.code] = c2
                for key in (c2.name, *c2.aliases):
                    fw._by_name2.setdefault(key, c2)
        for legacy in data.get("legacy_level2", ()):  # type: ignore[attr-defined]
            target = fw.level1[legacy["maps_to"]]
            for key in (legacy["name"], *legacy.get("aliases", ())):
                fw._by_name2.setdefault(
                    key, Class(target.code, legacy["name"], parent=legacy["under"])
                )
    except (KeyError, TypeError) as exc:
        raise ConfigError(f"指标框架文件格式不对：缺少或错误的字段 {exc}", source=origin) from exc
    return fw


def load_framework(path: str | Path | None = None) -> Framework:
    """Load a framework file; ``None`` gives the bundled one (cached)."""
    if path is None:
        return _bundled()
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"无法读取指标框架文件：{exc}", source=str(p)) from exc
    return _build(data, str(p))


@preloaded
@cache
def _bundled() -> Framework:
    text = resources.files("jixiao").joinpath("data/framework.toml").read_text(encoding="utf-8")
    return _build(tomllib.loads(text), "jixiao/data/framework.toml")
