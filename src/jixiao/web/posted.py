"""What a form post carries, read on the event loop so that the route itself can be a plain
``def``: FastAPI runs those in its thread pool, so a route that reads an upload in its worker
process, audits files or renders a page does not hold up every other request (an ``async def``
route runs on the event loop itself).

Two routes are ``async`` on purpose, the form saves (``project_save``, ``task_report_save``):
a save applies the edit and reviews it (CPU under the GIL) before it takes the store's write
lock, and on the loop the saves of a process run one at a time, ahead of the reads. Measured
with ``bench.bench_workflow`` (200 users, 1,000,000 indicators, 2026-12-07): edits on the loop
760 in 60 s, p50 0.55 s / p99 2.1 s; in the thread pool 446, p50 3.7 s / p99 13.3 s (write-lock
waits); in the thread pool one at a time behind a lock 568, p50 7.3 s (the lock starves them).

:func:`posted` is the form as a dependency (Starlette keeps the parsed form for the request, so
the CSRF check and the route read it once); :func:`read_upload` takes an uploaded file's bytes
within the app's size limit, from the spooled copy FastAPI has already received.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Annotated

from fastapi import Depends, Request, UploadFile
from starlette.datastructures import FormData

from ..errors import InputError
from ..limits import Limits


async def posted(request: Request) -> FormData:
    """The posted form (urlencoded or multipart)."""
    return await request.form()


Posted = Annotated[FormData, Depends(posted)]


def text_fields(form: FormData) -> dict[str, str]:
    """The form's text fields (the last value of each name; files left out)."""
    return {key: value for key, value in form.items() if isinstance(value, str)}


def read_upload(
    file: UploadFile, limits: Limits, *, default: str, expected: str
) -> tuple[str, bytes]:
    """The file's name (its last path part, at most 200 characters; ``default`` when the
    browser sent none) and bytes; an empty file or one past ``file_mb`` is an input error."""
    name = PurePosixPath((file.filename or "").replace("\\", "/")).name[:200]
    if name in ("", ".", ".."):
        name = default
    data = file.file.read(limits.file_mb * (1 << 20) + 1)
    if not data:
        raise InputError("没有选择文件，或文件是空的", expected=expected)
    limits.check("file_mb", -(-len(data) // (1 << 20)), name)
    return name, data
