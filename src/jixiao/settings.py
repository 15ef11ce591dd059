"""Settings injected into the edges (CLI, web app): where the database is, and so on."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_DB = "JIXIAO_DB"


def default_db() -> str:
    """``$JIXIAO_DB``, else ``jixiao.db`` in the user's data directory."""
    env = os.environ.get(ENV_DB)
    if env:
        return env
    from platformdirs import user_data_dir

    return str(Path(user_data_dir("jixiao", appauthor=False)) / "jixiao.db")


@dataclass(frozen=True, slots=True)
class Settings:
    db: str

    @classmethod
    def from_env(cls, db: str | None = None) -> Settings:
        return cls(db=db or default_db())
