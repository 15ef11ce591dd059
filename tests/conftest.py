"""Shared fixtures: a store on each backend (SQLite file, PostgreSQL schema).

``backend`` is parametrized over SQLite and PostgreSQL; every test that uses it (or ``store``)
runs on both. PostgreSQL tests are marked ``postgres`` and use the server at
``$JIXIAO_TEST_PG_URL`` (default ``postgresql://postgres@127.0.0.1:5432/test``), each in a
fresh schema of its own (dropped afterwards), so they can run in parallel and leave nothing
behind. When the server cannot be reached they are skipped, except under ``CI=true``, where
they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from jixiao.store import Store

pytest_plugins = ["tests.browser"]  # the live server and Chromium of the browser tests

PG_URL = os.environ.get("JIXIAO_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")


def _psycopg_url(url: str) -> str:
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The PostgreSQL test URL, once it answers; skip (fail under ``CI=true``) otherwise."""
    from sqlalchemy import create_engine, text

    engine = create_engine(_psycopg_url(PG_URL), connect_args={"connect_timeout": 5})
    try:
        with engine.begin() as conn:
            conn.execute(text("SELECT 1"))
            # Once, outside the per-test schemas (dropping one must not take the extension
            # and the other schemas' search indexes with it).
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except Exception as exc:
        reason = (
            f"PostgreSQL test server not reachable at {PG_URL} "
            f"(set JIXIAO_TEST_PG_URL or start it): {str(exc).splitlines()[0]}"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    finally:
        engine.dispose()
    return PG_URL


@dataclass
class Backend:
    """A database for one test: ``open()`` gives a new :class:`Store` on it each time."""

    name: str
    url: str
    connect_args: dict[str, Any] = field(default_factory=dict)
    opened: list[Store] = field(default_factory=list)

    @property
    def cli_url(self) -> str:
        """The database as one ``--db`` value (the schema in the URL's ``options``)."""
        options = self.connect_args.get("options")
        if not options:
            return self.url
        from urllib.parse import quote

        return f"{self.url}{'&' if '?' in self.url else '?'}options={quote(options)}"

    def open(self) -> Store:
        store = Store(self.url, connect_args=self.connect_args)
        self.opened.append(store)
        return store

    def close_all(self) -> None:
        for store in self.opened:
            store.close()


def _pg_schema(server_url: str) -> Iterator[Backend]:
    from sqlalchemy import create_engine, text

    schema = f"jixiao_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(_psycopg_url(server_url))
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        backend = Backend("postgresql", server_url, {"options": f"-csearch_path={schema}"})
        try:
            yield backend
        finally:
            backend.close_all()
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """SQLite in a fresh file, or PostgreSQL in a fresh schema."""
    if request.param == "sqlite":
        backend = Backend("sqlite", str(tmp_path / "jixiao.db"))
        try:
            yield backend
        finally:
            backend.close_all()
        return
    yield from _pg_schema(request.getfixturevalue("pg_server"))


@pytest.fixture
def store(backend: Backend) -> Store:
    """A store on ``backend`` (closed after the test)."""
    return backend.open()
