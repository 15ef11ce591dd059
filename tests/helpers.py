"""Helpers shared by the tests (no fixtures here: see conftest.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed.txt"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def golden(path: Path, actual: Any) -> Any:
    """The pinned JSON at ``path``; ``JIXIAO_UPDATE_GOLDEN=1`` rewrites it from ``actual``."""
    if os.environ.get("JIXIAO_UPDATE_GOLDEN") == "1":
        path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return json.loads(path.read_text(encoding="utf-8"))


def strip_ids(data: Any) -> Any:
    """Interchange data without the ``id`` of units, projects and indicators (1.2): for
    comparing a document with one read back from another file, whose ids are its own."""
    if isinstance(data, dict):
        return {k: strip_ids(v) for k, v in data.items() if k != "id"}
    if isinstance(data, list):
        return [strip_ids(v) for v in data]
    return data
