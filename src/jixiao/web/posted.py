"""What a form post carries, read on the event loop so that the route itself is a plain
``def``: FastAPI runs those in its thread pool, and a route that saves, reads a file in a worker
or renders a page must not hold up every other request while it does (an ``async def`` route
runs on the event loop itself).

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
