"""Data files a region overrides: read a TOML file with a clear error, and layer it over the
bundled defaults (tables merge key by key; any other value, lists included, replaces).

Used by the review ruleset and the self-evaluation rules: one definition of what "a region's
file overrides any of it" means.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import ConfigError


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
