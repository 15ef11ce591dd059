"""Storage: documents in SQLite (embedded default) or PostgreSQL, on SQLAlchemy 2 Core.

``Store(url)`` opens a database (a file path or a SQLAlchemy URL) and brings its schema to
the head migration (:mod:`.migrate`); ``save`` stores a document with its search texts and
review findings in one transaction, ``load`` / ``iter_documents`` read documents back
exactly; ``documents`` / ``projects`` / ``project`` / ``find_projects`` and the paged
listings (:mod:`.pages`), ``search`` (:mod:`.search`), ``aggregates`` (:mod:`.aggregates`)
and ``findings`` (:mod:`.findings`) query them. The tables and the exact-decimal design are
described in :mod:`jixiao.store.schema`.
"""

from .aggregates import (
    ClassCount,
    DepartmentYear,
    DocumentAggregates,
    ProjectMoney,
    RuleCount,
    UnitMoney,
)
from .connect import resolve_url
from .pages import IndicatorFilter, IndicatorRow, Page, UnitFilter, UnitRow
from .queries import DocumentRow, ProjectFilter, ProjectRow, ProjectView, Visibility
from .rows import document_sha256
from .schema import SCHEMA_VERSION
from .search import COUNT_CAP, KINDS, SearchHit, SearchPage
from .store import SaveResult, SaveStatus, Store

__all__ = [
    "COUNT_CAP",
    "KINDS",
    "SCHEMA_VERSION",
    "ClassCount",
    "DepartmentYear",
    "DocumentAggregates",
    "DocumentRow",
    "IndicatorFilter",
    "IndicatorRow",
    "Page",
    "ProjectFilter",
    "ProjectMoney",
    "ProjectRow",
    "ProjectView",
    "RuleCount",
    "SaveResult",
    "SaveStatus",
    "SearchHit",
    "SearchPage",
    "Store",
    "UnitFilter",
    "UnitMoney",
    "UnitRow",
    "Visibility",
    "document_sha256",
    "resolve_url",
]
