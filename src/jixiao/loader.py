"""Load table files into a store: expand paths, then read, parse, review and save each file.

Each document is reviewed (with ``ReadOptions.ruleset``, else the bundled default ruleset;
``review=False`` stores it unreviewed) and saved with its findings in its own transaction. A
document is reviewed on its own here: corpus-scope rules (near-duplicate projects across
documents, double counting) see just that document, so their cross-document findings need
``jixiao review`` over the stored corpus. A file that cannot be read is *refused* with its
reason and nothing of it is stored, and the other files go on. With ``jobs`` > 1 every
worker process opens its own :class:`Store` on the same URL and saves what it parsed, so
documents never travel between processes (SQLite's WAL lets one writer commit while the other
parses; PostgreSQL takes concurrent writers as it is).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from .errors import JixiaoError
from .ingest.files import expand, read_path
from .model import Document
from .review import Ruleset, load_ruleset
from .services import documents
from .services.actor import Actor, cli_actor
from .store import Store

Status = Literal["stored", "skipped", "replaced", "refused"]
_STATUS: dict[str, Status] = {
    "stored": "stored", "skipped": "skipped", "replaced": "replaced", "restored": "stored",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ReadOptions:
    layout: str | None = None
    year: int | None = None
    encoding: str | None = None
    replace: bool = False
    review: bool = True  # review each document before saving (findings stored with it)
    ruleset: Ruleset | None = None  # None: the bundled default ruleset
    publish: bool = False  # publish what is stored (visible to visitors without an account)
    actor: Actor | None = None  # who imports (None: the operator at the command line)


@dataclass(slots=True)
class Outcome:
    path: str
    status: Status
    reason: str = ""
    department: str | None = None
    year: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    warnings: int = 0
    document_id: int | None = None
    exit_code: int = 0
    findings: int | None = None  # review findings saved with it; None: not reviewed


def ingest_file(store: Store, path: str, options: ReadOptions) -> list[Outcome]:
    """Read one file and save every document in it; one outcome per document (or the file)."""
    try:
        docs = read_path(path, layout=options.layout, year=options.year, encoding=options.encoding)
    except JixiaoError as exc:
        return [Outcome(path, "refused", exc.describe(with_source=False), exit_code=exc.exit_code)]
    return [_save(store, path, doc, options) for doc in docs]


@cache
def _default_ruleset() -> Ruleset:
    return load_ruleset()


def _save(store: Store, path: str, doc: Document, options: ReadOptions) -> Outcome:
    outcome = Outcome(
        path,
        "refused",
        department=doc.department,
        year=doc.year,
        counts=doc.counts(),
        warnings=sum(1 for n in doc.notes if n.level == "warning"),
    )
    ruleset = None
    try:
        if options.review:
            ruleset = options.ruleset or _default_ruleset()
        result = documents.save(
            store, doc, options.actor or cli_actor(), replace_existing=options.replace,
            ruleset=ruleset, reviewed=options.review, publish=options.publish,
        )  # fmt: skip
    except JixiaoError as exc:
        outcome.reason, outcome.exit_code = exc.message, exc.exit_code
        return outcome
    outcome.status = _STATUS[result.status]
    outcome.reason = result.reason
    outcome.document_id = result.document_id
    outcome.findings = result.findings
    return outcome


# -- worker processes: one Store each, opened once ---------------------------------------------
_worker_store: Store | None = None


def _open_worker_store(url: str, connect_args: dict[str, Any]) -> None:
    global _worker_store
    _worker_store = Store(url, connect_args=connect_args)


def _worker(job: tuple[str, ReadOptions]) -> list[Outcome]:
    assert _worker_store is not None
    return ingest_file(_worker_store, *job)


def load(
    store: Store,
    paths: Iterable[str | Path],
    options: ReadOptions | None = None,
    *,
    jobs: int = 1,
    on_file: Callable[[list[Outcome]], None] | None = None,
) -> list[Outcome]:
    """Ingest files and folders into ``store``; one :class:`Outcome` per document or file."""
    opts = options or ReadOptions()
    files = [str(p) for p in expand(paths)]
    outcomes: list[Outcome] = []

    def collect(found: list[Outcome]) -> None:
        outcomes.extend(found)
        if on_file is not None:
            on_file(found)

    if jobs <= 1 or len(files) < 2:
        for path in files:
            collect(ingest_file(store, path, opts))
        return outcomes
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_open_worker_store, initargs=store.open_args
    ) as pool:
        for found in pool.map(_worker, [(p, opts) for p in files], chunksize=2):
            collect(found)
    return outcomes
