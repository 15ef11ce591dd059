"""Load table files into a store: expand paths, parse (in parallel), save one by one.

Each document is saved in its own transaction; a file that cannot be read is *refused* with
its reason and nothing of it is stored, and the other files go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .errors import JixiaoError
from .ingest.files import expand, read_path
from .model import Document
from .store import Store

Status = Literal["stored", "skipped", "replaced", "refused"]


@dataclass(frozen=True, slots=True)
class ReadOptions:
    layout: str | None = None
    year: int | None = None
    encoding: str | None = None


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


def _read(job: tuple[str, ReadOptions]) -> list[Document] | tuple[str, int]:
    """Worker: the documents of one file, or (message, exit code) for a user error."""
    path, opts = job
    try:
        return read_path(path, layout=opts.layout, year=opts.year, encoding=opts.encoding)
    except JixiaoError as exc:
        return (exc.describe(with_source=False), exc.exit_code)


def read_all(
    paths: Iterable[str], options: ReadOptions, jobs: int = 1
) -> Iterator[tuple[str, list[Document] | tuple[str, int]]]:
    """(path, documents or error) for each file, in order; ``jobs`` > 1 parses in processes."""
    work = [(p, options) for p in paths]
    if jobs <= 1 or len(work) < 2:
        for job in work:
            yield job[0], _read(job)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from zip((p for p, _ in work), pool.map(_read, work, chunksize=4), strict=True)


def load(
    store: Store,
    paths: Iterable[str | Path],
    options: ReadOptions | None = None,
    *,
    jobs: int = 1,
    replace: bool = False,
    on_file: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Ingest files and folders into ``store``; one :class:`Outcome` per document or file."""
    files = [str(p) for p in expand(paths)]
    outcomes: list[Outcome] = []
    for path, result in read_all(files, options or ReadOptions(), jobs):
        if isinstance(result, tuple):
            found = [Outcome(path, "refused", result[0], exit_code=result[1])]
        else:
            found = [_save(store, path, doc, replace) for doc in result]
        for outcome in found:
            outcomes.append(outcome)
            if on_file is not None:
                on_file(outcome)
    return outcomes


def _save(store: Store, path: str, doc: Document, replace: bool) -> Outcome:
    base = Outcome(
        path,
        "refused",
        department=doc.department,
        year=doc.year,
        counts=doc.counts(),
        warnings=sum(1 for n in doc.notes if n.level == "warning"),
    )
    try:
        result = store.save(doc, replace=replace)
    except JixiaoError as exc:
        base.reason, base.exit_code = exc.message, exc.exit_code
        return base
    base.status = result.status
    base.reason = result.reason
    base.document_id = result.document_id
    return base
