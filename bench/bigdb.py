"""A big store for benchmarks and load tests: ≥ 1,000,000 indicators made from the seed.

:func:`build_big_db` parses ``distinct`` variants of the bundled table (numbers and department
names varied, see :mod:`bench.corpus`), reviews each once, then saves copies under distinct
department names (each with the findings of its variant) until the store holds the requested
number of indicators, through :class:`jixiao.store.Store` (so the search index and findings
are written as ``jixiao ingest`` writes them). The file is built under a temporary name and
renamed when complete, so a cached file is always whole and is reused as it is.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from jixiao.ingest.text_layout import parse_text
from jixiao.model import Document, Source
from jixiao.review import Finding, load_ruleset, review
from jixiao.store import Store

from .corpus import variant

SEED = Path(__file__).resolve().parent.parent / "src/jixiao/data/demo/000_bb9c12b27b9c899c.txt"
CACHE = Path(__file__).resolve().parent / ".cache"


def indicators_in(path: Path) -> int:
    """How many indicators the SQLite file at ``path`` holds (0 if it cannot be read)."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return 0
    try:
        return int(con.execute("SELECT count(*) FROM indicators").fetchone()[0])
    except sqlite3.Error:
        return 0
    finally:
        con.close()


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def fill_store(
    store: Store,
    indicators: int = 1_000_000,
    *,
    distinct: int = 50,
    year: int = 2024,
    log: Callable[[str], None] = print,
) -> int:
    """Save documents made from the seed into ``store`` until it holds ``indicators`` more
    indicators (any backend); returns how many documents were saved."""
    started = time.perf_counter()
    text = SEED.read_text(encoding="utf-8")
    ruleset = load_ruleset()
    bases: list[tuple[Document, list[Finding]]] = []
    for k in range(distinct):
        doc = parse_text(variant(text, k), f"v{k}.txt")
        bases.append((doc, review(doc, ruleset)))
    per_doc = bases[0][0].counts()["indicators"]
    count = -(-indicators // per_doc)
    log(f"filling {store.url}: {count} documents of ~{per_doc} indicators ({distinct} distinct)")
    for k in range(count):
        base, found = bases[k % distinct]
        name = f"bench-{k:06d}.txt"
        doc = replace(
            base,
            department=f"{base.department}-{k:06d}",
            year=year,
            source=Source(name, hashlib.sha256(name.encode()).hexdigest(), "text"),
        )
        store.save(doc, findings=found, ruleset=ruleset.name, status="published")  # public
        if (k + 1) % 500 == 0:
            log(f"  {k + 1}/{count} documents, {time.perf_counter() - started:.0f} s")
    return count


def build_big_db(
    path: str | Path,
    indicators: int = 1_000_000,
    *,
    distinct: int = 50,
    year: int = 2024,
    log: Callable[[str], None] = print,
) -> Path:
    """The SQLite file at ``path`` holding at least ``indicators`` indicators (built if it
    does not exist yet, else reused); returns ``path``."""
    path = Path(path)
    if path.exists() and indicators_in(path) >= indicators:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.name + ".building")
    _remove(building)
    started = time.perf_counter()
    with Store(str(building)) as store:
        fill_store(store, indicators, distinct=distinct, year=year, log=log)
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    building.rename(path)
    _remove(building)
    size = path.stat().st_size / 1e6
    log(f"built {path} in {time.perf_counter() - started:.0f} s ({size:.0f} MB)")
    return path


@contextmanager
def working_copy(big: Path, tag: str) -> Iterator[Path]:
    """A copy of the cached store ``big`` for a run that writes (accounts, edits), removed
    afterwards: the cached file stays as it was built, and runs side by side do not meet."""
    work = big.with_name(f"{tag}-{big.stem}-{os.getpid()}.db")
    _remove(work)
    shutil.copyfile(big, work)
    try:
        yield work
    finally:
        _remove(work)


def _server(url: str) -> Any:
    """An AUTOCOMMIT engine on the PostgreSQL server of ``url`` (CREATE / DROP DATABASE)."""
    from sqlalchemy import create_engine

    from jixiao.store.connect import resolve_url

    return create_engine(resolve_url(url), isolation_level="AUTOCOMMIT")


def _with_database(url: str, name: str) -> str:
    head, _, _ = url.rpartition("/")
    return f"{head}/{name}"


def _databases(engine: Any) -> set[str]:
    from sqlalchemy import text

    with engine.connect() as conn:
        return {r[0] for r in conn.execute(text("SELECT datname FROM pg_database"))}


def build_big_pg(
    server: str, indicators: int = 1_000_000, *, log: Callable[[str], None] = print
) -> str:
    """The URL of a PostgreSQL database ``jixiao_big_<indicators>`` on the server of
    ``server`` (any database URL there, e.g. ``postgresql://postgres@127.0.0.1:5432/test``)
    holding at least ``indicators`` indicators: built once as :func:`build_big_db` builds its
    file (under a temporary name, renamed when whole), then reused."""
    from sqlalchemy import text

    name = f"jixiao_big_{indicators}"
    engine = _server(server)
    try:
        if name in _databases(engine):
            return _with_database(server, name)
        building = f"{name}_building"
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{building}"'))
        started = time.perf_counter()
        with Store(_with_database(server, building)) as store:
            fill_store(store, indicators, log=log)
        with engine.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{building}" RENAME TO "{name}"'))
        log(f"built {name} in {time.perf_counter() - started:.0f} s")
        return _with_database(server, name)
    finally:
        engine.dispose()


@contextmanager
def pg_working_copy(big: str, tag: str) -> Iterator[str]:
    """A copy of the PostgreSQL database at ``big`` (``CREATE DATABASE … TEMPLATE``, a file
    copy) for a run that writes, dropped afterwards; yields its URL."""
    from sqlalchemy import text

    source = big.rpartition("/")[2]
    name = f"{tag}_{source}_{os.getpid()}"
    engine = _server(big)
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{source}"'))
        try:
            yield _with_database(big, name)
        finally:
            with engine.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()
