"""Auditing published self-evaluation tables: read each file in an isolated worker, audit every
document in it, and say per file what happened (a file that cannot be read is reported with its
error and the rest go on)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import JixiaoError
from ..limits import Limits
from ..selfeval import DocumentAudit, SelfEvalRules, audit_document


@dataclass(slots=True)
class FileAudit:
    """One file: its audits, or the error it was refused with."""

    path: str
    audits: list[DocumentAudit] = field(default_factory=list)
    error: JixiaoError | None = None


def audit_files(
    paths: Iterable[str | Path],
    rules: SelfEvalRules,
    *,
    limits: Limits,
    year: int | None = None,
    on_file: Callable[[FileAudit], None] | None = None,
) -> list[FileAudit]:
    """Audit every self-evaluation in ``paths`` (files or folders) under ``rules``, each file
    read in an isolated worker within ``limits``."""
    from ..ingest.files import expand
    from ..loader import ReadOptions, parse_isolated

    options = ReadOptions(year=year, limits=limits)
    out: list[FileAudit] = []
    for path in expand(paths):
        done = FileAudit(str(path))
        try:
            docs = parse_isolated(str(path), options)
        except JixiaoError as exc:
            done.error = exc
        else:
            done.audits = [audit_document(doc, rules) for doc in docs]
        out.append(done)
        if on_file is not None:
            on_file(done)
    return out
