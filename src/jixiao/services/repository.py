"""What the services need of a store: the one small interface they are handed.

The services orchestrate (save, review, versions, deletion, publication, the audit log) and
never import the store: the command line and the web app open a
:class:`~jixiao.store.Store`, which implements :class:`Repository` (its
:meth:`~jixiao.store.Store.transaction` gives a :class:`Transaction`), and pass it in.
Dependencies point inward: the store depends on these definitions, not the reverse.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from ..model import Document, Project
from ..review.base import Finding
from .actor import Actor
from .audit import AuditFilter, AuditRecord, Broken


@dataclass(frozen=True, slots=True)
class DocumentState:
    """A stored document's identity and state, as a writer checks it."""

    id: int
    version: int
    status: str
    department: str
    year: int | None
    kind: str
    sha256: str
    source_name: str | None
    org_id: int | None
    deleted: bool


SaveStatus = Literal["stored", "skipped", "replaced", "restored"]


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What saving did: ``stored`` (a new document), ``skipped`` (same content already
    stored), ``replaced`` (a new version of the department's document of that year and kind;
    the earlier one is kept as a version) or ``restored`` (the same content as a deleted
    document: it is shown again)."""

    status: SaveStatus
    document_id: int
    reason: str = ""


class Transaction(Protocol):
    """One write transaction: everything done through it, audit records included, is
    committed together when the block ends, or nothing is."""

    def state(self, document_id: int, *, lock: bool = False) -> DocumentState: ...

    def matching(self, sha256: str, doc: Document) -> list[DocumentState]:
        """Stored documents (deleted ones too) of the same content, or of the same
        department, year and kind, oldest first."""
        ...

    def load(self, document_id: int) -> Document: ...

    def locate_project(self, project_id: str) -> tuple[int, str]:
        """The number of the live document holding the project with stable id ``project_id``
        (or a unique prefix of it) and the project's full id;
        :class:`~jixiao.errors.NotFoundError` if none."""
        ...

    def check_version(self, document_id: int, read_version: int) -> DocumentState:
        """Lock the document (other writers of it wait until this transaction ends) and
        raise :class:`~jixiao.errors.ConflictError` if ``read_version`` is stale."""
        ...

    def claim_identity(self, doc: Document, sha256: str) -> None:
        """Make other writers of a document of the same identity (department, year, kind)
        or the same content wait until this transaction ends (no table lock)."""
        ...

    def insert(
        self, doc: Document, sha256: str, *, actor: Actor, reason: str, status: str = "draft"
    ) -> int: ...

    def replace(
        self,
        document_id: int,
        doc: Document,
        sha256: str,
        *,
        read_version: int,
        actor: Actor,
        reason: str,
    ) -> int: ...

    def replace_project(
        self,
        document_id: int,
        before: dict[str, Any],
        after: Project,
        sha256: str,
        *,
        read_version: int,
        actor: Actor,
        reason: str,
    ) -> int:
        """The document's next version with one project changed (``before``: it as read,
        as interchange JSON), writing that project's rows only."""
        ...

    def save_project_findings(
        self,
        document_id: int,
        project_id: str,
        rules: Collection[str],
        found: Sequence[Finding],
        ruleset: str | None,
    ) -> None: ...

    def project_changed(self, document_id: int, project_id: str, since: int) -> bool | None:
        """Whether the project changed after version ``since`` (``None``: cannot tell
        without comparing the contents)."""
        ...

    def soft_delete(self, document_id: int, *, read_version: int, actor: Actor) -> None: ...

    def undelete(self, document_id: int, *, actor: Actor) -> None: ...

    def set_status(
        self, document_id: int, status: str, *, read_version: int, actor: Actor
    ) -> None: ...

    def save_findings(
        self, document_id: int, found: Sequence[Finding] | None, ruleset: str | None
    ) -> None: ...

    def workflow(self) -> Any:
        """The workflow rows in this transaction (:class:`jixiao.store.workflow.WorkflowRows`)."""
        ...

    def load_version(self, document_id: int, version: int) -> Document:
        """A version of the document (the current one's rows if ``version`` is current)."""
        ...

    def audit(
        self,
        actor: Actor,
        event: str,
        obj: str,
        result: str = "成功",
        detail: dict[str, Any] | None = None,
    ) -> int: ...


class Repository(Protocol):
    """The store as the services see it."""

    def transaction(self, action: str = "写入") -> AbstractContextManager[Transaction]: ...

    def iter_ids(self) -> list[int]: ...

    def load_version(self, document_id: int, version: int | None = None) -> Document: ...

    def holding(
        self, project_id: str, version: int | None = None
    ) -> tuple[int, int, Document] | None:
        """The live document holding the project (stable id or a prefix): its number,
        current version and content, read without any lock and consistent (``None`` when a
        writer changed it during the read, the project changed since ``version`` when that
        is given, or there is no such project)."""
        ...

    def audit_query(self, where: AuditFilter) -> tuple[list[AuditRecord], int]: ...

    def audit_records(self, where: AuditFilter) -> Iterator[AuditRecord]: ...

    def audit_verify(self) -> list[Broken]: ...

    def backup_to(self, path: Path) -> None: ...

    def restore_from(self, path: Path) -> None: ...

    def contents(self) -> dict[str, int]: ...
