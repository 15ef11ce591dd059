"""Storage: documents in SQLite (embedded default) or PostgreSQL, on SQLAlchemy 2 Core.

``Store(url)`` opens a database (a file path or a SQLAlchemy URL) and creates its tables;
``save`` stores a document in one transaction, ``load`` / ``iter_documents`` read documents
back exactly, and ``documents`` / ``projects`` / ``project`` / ``find_projects`` query them.
The tables and the exact-decimal design are described in :mod:`jixiao.store.schema`.
"""

from .queries import DocumentRow, ProjectFilter, ProjectRow, ProjectView
from .rows import document_sha256
from .schema import SCHEMA_VERSION
from .store import SaveResult, SaveStatus, Store, resolve_url

__all__ = [
    "SCHEMA_VERSION",
    "DocumentRow",
    "ProjectFilter",
    "ProjectRow",
    "ProjectView",
    "SaveResult",
    "SaveStatus",
    "Store",
    "document_sha256",
    "resolve_url",
]
