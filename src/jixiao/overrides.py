"""Data files a region overrides: read a TOML file with a clear error, and layer it over the
bundled defaults (tables merge key by key; any other value, lists included, replaces).

Used by the review ruleset and the self-evaluation rules: one definition of what "a region's
file overrides any of it" means.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from .errors import ConfigError

T = TypeVar("T")


def deep_merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``over`` layered on ``base``: nested tables merge, everything else replaces."""
    out = dict(base)
    for key, value in over.items():
        current = out.get(key)
        if isinstance(value, Mapping) and isinstance(current, Mapping):
            out[key] = deep_merge(current, value)
        else:
            out[key] = value
    return out


def read_toml(path: str | Path, what: str) -> dict[str, Any]:
    """The TOML file at ``path``; ``what`` names it in the error (``规则集文件``)."""
    p = Path(path)
    try:
        return tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"无法读取{what}：{exc.strerror}", source=str(p)) from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{what}不是有效的 TOML：{exc}", source=str(p)) from exc


@cache
def bundled(name: str) -> dict[str, Any]:
    """The bundled data file ``jixiao/data/<name>`` parsed (once per process)."""
    return tomllib.loads(resources.files("jixiao").joinpath(f"data/{name}").read_text("utf-8"))


def layered(
    name: str, path: str | Path | None, what: str, build: Callable[[Mapping[str, Any], str], T]
) -> T:
    """``build(data, origin)`` of the bundled file ``name``, with the region's file at ``path``
    (``what`` names it in errors) layered over it when one is given."""
    if path is None:
        return build(bundled(name), f"jixiao/data/{name}")
    return build(deep_merge(bundled(name), read_toml(path, what)), str(path))
