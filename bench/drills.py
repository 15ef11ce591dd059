"""What the drills share: a folder of distinct table files, databases (SQLite file or a fresh
PostgreSQL schema) and a check that every stored document is whole."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from jixiao.ingest import read_bytes
from jixiao.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests/data/seed.txt"
PG = os.environ.get("JIXIAO_TEST_PG_URL", "postgresql://127.0.0.1:5432/test")
DEPARTMENT = "广州市科学技术局"


def make_tables(folder: Path, count: int, prefix: str = "演练局") -> dict[str, dict[str, int]]:
    """``count`` copies of the seed table, each for its own department; their counts by name."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SEED.read_text(encoding="utf-8")
    expected: dict[str, dict[str, int]] = {}
    for k in range(count):
        name = f"{prefix}{k:03d}"
        body = text.replace(DEPARTMENT, name)
        path = folder / f"{name}.txt"
        path.write_text(body, encoding="utf-8")
        [doc] = read_bytes(body.encode(), path.name)
        expected[name] = doc.counts()
    return expected


def pg_available() -> bool:
    try:
        import psycopg

        psycopg.connect(PG.replace("postgresql://", "postgresql://", 1), connect_timeout=3).close()
        return True
    except Exception:
        return False


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str]:
    """A ``--db`` URL: an SQLite file in ``folder``, or a PostgreSQL schema dropped after."""
    if kind == "sqlite":
        yield str(folder / "drill.db")
        return
    import psycopg

    schema = f"jixiao_drill_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG}?options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(PG, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def check_store(db: str, expected: dict[str, dict[str, int]]) -> tuple[int, list[str]]:
    """How many documents are stored, and what is wrong with them: each must be one of
    ``expected`` with exactly its counts (nothing half-written), and none twice."""
    problems: list[str] = []
    store = Store(db)
    try:
        rows = store.documents()
        seen: set[str] = set()
        for row in rows:
            if row.department in seen:
                problems.append(f"{row.department} stored twice")
            seen.add(row.department)
            if row.department not in expected:
                problems.append(f"unknown document {row.department}")
                continue
            counts = store.load(row.id).counts()
            if counts != expected[row.department]:
                problems.append(f"{row.department}: {counts} != {expected[row.department]}")
        if db.endswith(".db"):
            from sqlalchemy import text

            with store.engine.connect() as conn:
                verdict = conn.execute(text("PRAGMA integrity_check")).scalar()
            if verdict != "ok":
                problems.append(f"integrity_check: {verdict}")
        return len(rows), problems
    finally:
        store.close()
