"""Load table files into a store: expand paths, then read, parse, review and save each file.

Each document is reviewed (with ``ReadOptions.ruleset``, else the bundled default ruleset;
``review=False`` stores it unreviewed) and saved with its findings in its own transaction. A
document is reviewed on its own here: corpus-scope rules (near-duplicate projects across
documents, double counting) see just that document, so their cross-document findings need
``jixiao review`` over the stored corpus. A file that cannot be read is *refused* with its
reason and nothing of it is stored, and the other files go on.

Each file is read, reviewed and saved in a worker process (:mod:`jixiao.isolation`: ``jobs``
of them, each with the memory and time limits of ``ReadOptions.limits``), which opens its own
:class:`Store` on the same URL, so documents never travel between processes (SQLite's WAL
lets one writer commit while another parses; PostgreSQL takes concurrent writers as it is).
A worker that dies or runs out of time is that file's error (its transaction, if one was
open, is rolled back by the database), and a fresh worker takes the next file. A store in
memory cannot be shared with a worker: its files are read in this process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from .errors import JixiaoError
from .ingest.files import expand, read_path
from .isolation import Workers, error_of, run_one
from .limits import Limits
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
    limits: Limits = field(default_factory=Limits.defaults)


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
    encoding: str | None = None  # the encoding the text was read in when it was guessed


def ingest_file(store: Store, path: str, options: ReadOptions) -> list[Outcome]:
    """Read one file and save every document in it; one outcome per document (or the file)."""
    try:
        docs = read_path(
            path,
            layout=options.layout,
            year=options.year,
            encoding=options.encoding,
            limits=options.limits,
        )
    except JixiaoError as exc:
        return [refused(path, exc)]
    return [_save(store, path, doc, options) for doc in docs]


def refused(path: str, exc: JixiaoError) -> Outcome:
    """The outcome of a file refused with ``exc``."""
    return Outcome(path, "refused", exc.describe(with_source=False), exit_code=exc.exit_code)


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
        encoding=next(
            (n.code.removeprefix("encoding.") for n in doc.notes if n.code.startswith("encoding.")),
            None,
        ),
    )
    ruleset = None
    try:
        if options.review:
            ruleset = options.ruleset or _default_ruleset()
        result = documents.save(
            store, doc, options.actor or cli_actor(), replace_existing=options.replace,
            ruleset=ruleset, reviewed=options.review, publish=options.publish,
        )  # fmt: skip
    except Exception as exc:  # a review rule's bug must not end the batch
        error = error_of(exc, path, options.limits)
        outcome.reason, outcome.exit_code = error.message, error.exit_code
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


def _parse_job(job: tuple[str, ReadOptions]) -> list[Document]:
    path, options = job
    return read_path(
        path,
        layout=options.layout,
        year=options.year,
        encoding=options.encoding,
        limits=options.limits,
    )


def parse_isolated(path: str, options: ReadOptions | None = None) -> list[Document]:
    """Read one file in an isolated worker (:mod:`jixiao.isolation`) and return its documents;
    its error, if any, is raised here."""
    opts = options or ReadOptions()
    return run_one(_parse_job, (path, opts), path, opts.limits)


def _in_memory(store: Store) -> bool:
    url = store.open_args[0]
    return url in (":memory:", "sqlite://", "sqlite:///:memory:")


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

    if _in_memory(store):
        for path in files:
            collect(ingest_file(store, path, opts))
        return outcomes
    results: dict[int, list[Outcome]] = {}
    with Workers(
        min(jobs, len(files)), opts.limits, _open_worker_store, store.open_args
    ) as workers:
        for done in workers.run(_worker, [(p, opts) for p in files], lambda job: job[0]):
            path = files[done.index]
            found = done.value if done.error is None else [refused(path, done.error)]
            assert found is not None
            results[done.index] = found
            collect(found)
    return [o for k in sorted(results) for o in results[k]]
