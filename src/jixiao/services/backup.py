"""Backing up a whole database and restoring one, audited.

The copy itself is the store's (:meth:`~jixiao.services.repository.Repository.backup_to`):
SQLite's online backup API or ``pg_dump``. The backup is recorded in the audit log *before*
the copy is taken, so the backup holds its own record; a failed copy is recorded as well.
A restore is recorded in the restored database, chained onto the backup's last record.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import JixiaoError
from .actor import Actor
from .repository import Repository


def backup(repo: Repository, actor: Actor, path: Path) -> None:
    """Write a consistent copy of the database to ``path`` (a new file)."""
    with repo.transaction("备份") as tx:
        tx.audit(actor, "备份", "数据库", detail={"path": str(path)})
    try:
        repo.backup_to(path)
    except JixiaoError as exc:
        with repo.transaction("备份") as tx:
            tx.audit(actor, "备份", "数据库", "失败", detail={"path": str(path), "error": str(exc)})
        raise


def restore(repo: Repository, actor: Actor, path: Path) -> dict[str, int]:
    """Fill the (empty) database from the backup ``path``; returns rows per table."""
    repo.restore_from(path)
    with repo.transaction("恢复") as tx:
        tx.audit(actor, "从备份恢复", "数据库", detail={"path": str(path)})
    return repo.contents()
