"""Limits on what one input file may make the readers do: pages, cells, nesting, memory, time.

The values are data (``data/limits.toml``, versioned with the package); :class:`Limits` holds
one set of them, built once per process or app (:meth:`Limits.defaults`, then
``$JIXIAO_LIMIT_NAME`` and ``--limit NAME=VALUE`` on top: :meth:`Limits.with_overrides`) and
handed down to the readers and the worker processes. Readers call :meth:`Limits.check` before
the step whose cost the value drives, so a hostile file is refused in time and memory that
do not depend on what it asks for; the message names the file, what was too large, the limit
and how to raise it.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from functools import cache
from importlib import resources

from .errors import ConfigError, LimitError

ENV_PREFIX = "JIXIAO_LIMIT_"


@dataclass(frozen=True, slots=True)
class Spec:
    """What a limit measures, for messages and docs."""

    key: str
    default: int
    label: str
    unit: str


@cache
def specs() -> dict[str, Spec]:
    """The limits of ``data/limits.toml``, by key, in file order."""
    text = resources.files("jixiao").joinpath("data/limits.toml").read_text(encoding="utf-8")
    table = tomllib.loads(text)["limits"]
    return {
        key: Spec(key, int(v["value"]), str(v["label"]), str(v.get("unit", "")))
        for key, v in table.items()
    }


@dataclass(frozen=True, slots=True)
class Limits:
    """One value per limit (see ``data/limits.toml`` for what each measures)."""

    file_mb: int
    pages: int
    sheets: int
    cells: int
    merged_ranges: int
    span: int
    depth: int
    digits: int
    cell_chars: int
    ruling_lines: int
    inflated_mb: int
    memory_mb: int
    seconds: int

    @classmethod
    def defaults(cls) -> Limits:
        return _defaults()

    @classmethod
    def from_env(
        cls,
        overrides: Mapping[str, str | int] | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Limits:
        """The defaults, then ``$JIXIAO_LIMIT_NAME`` variables, then ``overrides``."""
        env = os.environ if environ is None else environ
        from_env = {
            key: env[ENV_PREFIX + key.upper()] for key in specs() if ENV_PREFIX + key.upper() in env
        }
        limits = _defaults().with_overrides(from_env, origin="环境变量")
        return limits.with_overrides(overrides or {}, origin="--limit")

    def with_overrides(self, values: Mapping[str, str | int], origin: str = "--limit") -> Limits:
        """These limits with ``values`` (key → positive whole number) in place."""
        changes: dict[str, int] = {}
        for key, raw in values.items():
            if key not in specs():
                raise ConfigError(f"{origin}：未知的上限“{key}”", expected="、".join(specs()))
            try:
                value = int(str(raw).replace("_", "").replace(",", ""))
            except ValueError:
                value = 0
            if value <= 0:
                raise ConfigError(f"{origin}：上限 {key} 的值无效：{raw}", expected="正整数")
            changes[key] = value
        return replace(self, **changes) if changes else self

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def check(
        self, key: str, value: int, source: str | None = None, *, line: int | None = None
    ) -> None:
        """Raise :class:`LimitError` when ``value`` is past the limit ``key``."""
        limit = getattr(self, key)
        if value > limit:
            raise exceeded(key, limit, source, value=value, line=line)


def exceeded(
    key: str, limit: int, source: str | None, *, value: int | None = None, line: int | None = None
) -> LimitError:
    """The error for the limit ``key`` (``value``: the amount found, if known)."""
    spec = specs()[key]
    unit = spec.unit
    sep = " " if unit and unit.isascii() else ""
    found = f"为 {value:,}{sep}{unit}，" if value is not None else ""
    message = (
        f"{spec.label}{found}超过上限 {limit:,}{sep}{unit}；确需读取，可用 --limit {key}=更大的值"
        f"（或环境变量 {ENV_PREFIX}{key.upper()}）提高上限"
    )
    return LimitError(message, key=key, limit=limit, value=value, source=source, line=line)


@cache
def _defaults() -> Limits:
    names = {f.name for f in fields(Limits)}
    values = {k: s.default for k, s in specs().items()}
    if set(values) != names:  # the data file and the class must name the same limits
        raise ConfigError("data/limits.toml 与 Limits 不一致", expected="、".join(sorted(names)))
    return Limits(**values)
