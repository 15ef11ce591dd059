"""SQLite connection settings (:mod:`jixiao.store.connect`): switching a new file to WAL is
tried again while another connection holds it (two switching at once deadlock, and SQLite
answers "locked" at once, without its busy wait); any other pragma's error is raised."""

from __future__ import annotations

import sqlite3

import pytest

from jixiao.store.connect import _pragma


class Cursor:
    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.ran: list[str] = []

    def execute(self, sql: str) -> None:
        self.ran.append(sql)
        if self.failures:
            self.failures -= 1
            raise sqlite3.OperationalError("database is locked")


def test_switching_to_wal_is_tried_again_while_locked() -> None:
    cursor = Cursor(failures=3)
    _pragma(cursor, "PRAGMA journal_mode=WAL")
    assert cursor.ran == ["PRAGMA journal_mode=WAL"] * 4


def test_another_pragma_is_not_tried_again() -> None:
    cursor = Cursor(failures=1)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        _pragma(cursor, "PRAGMA foreign_keys=ON")
    assert cursor.ran == ["PRAGMA foreign_keys=ON"]
