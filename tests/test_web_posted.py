"""What a post carries (``jixiao.web.posted``): every route but the two form saves runs off the
event loop, an upload's name and size are checked, and the app's own input limits (``jixiao
serve --limit``) apply to uploads, not only the environment's."""

from __future__ import annotations

import inspect
import io
import re
from collections.abc import Iterator

import pytest
from fastapi import UploadFile
from starlette.datastructures import FormData

from jixiao.errors import InputError, LimitError
from jixiao.limits import Limits
from jixiao.settings import Settings
from jixiao.store import Store
from jixiao.web import create_app
from jixiao.web.auth import api_routes
from jixiao.web.posted import read_upload, text_fields

from .auth_helpers import World, csrf_of, make_world, sign_in
from .conftest import Backend
from .web_helpers import client_for, db_url


def test_only_the_form_saves_run_on_the_event_loop() -> None:
    # an ``async def`` route runs on the event loop: while it reads a file in a worker or
    # renders, every other request waits. Routes are plain functions, run in the thread pool
    # (the form is read by the ``posted`` dependency on the loop), but for the two form saves,
    # kept on the loop on purpose: one save at a time per process (see jixiao.web.posted)
    app = create_app(Settings(db="sqlite://"))
    routes = list(api_routes(app.routes))
    assert len(routes) > 50
    on_loop = {r.name for r in routes if inspect.iscoroutinefunction(r.endpoint)}
    assert on_loop == {"project_save", "task_report_save"}


def _upload(data: bytes, filename: str | None) -> UploadFile:
    return UploadFile(io.BytesIO(data), filename=filename)


def test_an_upload_keeps_its_last_name_part_within_the_size_limit() -> None:
    limits = Limits.defaults().with_overrides({"file_mb": 1})
    name, data = read_upload(_upload(b"abc", "C:\\文件\\目标表.xlsx"), limits,
                             default="表.xlsx", expected="表")  # fmt: skip
    assert (name, data) == ("目标表.xlsx", b"abc")
    assert (
        read_upload(_upload(b"x", None), limits, default="表.xlsx", expected="表")[0] == "表.xlsx"
    )
    assert (
        read_upload(_upload(b"x", "../"), limits, default="表.xlsx", expected="表")[0] == "表.xlsx"
    )
    with pytest.raises(InputError, match="没有选择文件，或文件是空的") as empty:
        read_upload(_upload(b"", "空.xlsx"), limits, default="表.xlsx", expected="运行监控表")
    assert empty.value.expected == "运行监控表"
    big = b"x" * ((1 << 20) + 1)
    with pytest.raises(LimitError) as past:
        read_upload(_upload(big, "大.xlsx"), limits, default="表.xlsx", expected="表")
    assert past.value.key == "file_mb" and "大.xlsx" in past.value.describe()


def test_text_fields_leave_files_out() -> None:
    form = FormData([("a", "1"), ("f", _upload(b"x", "f.txt")), ("a", "2")])
    assert text_fields(form) == {"a": "2"}


@pytest.fixture
def world(backend: Backend) -> Iterator[World]:
    with Store(backend.url, connect_args=backend.connect_args) as store:
        made = make_world(store, db_url(backend))
    yield made


def test_the_apps_limits_apply_to_uploads(world: World) -> None:
    # with a limit of 1 MB set for the app (as ``jixiao serve --limit file_mb=1`` would), a
    # file of 1 MB and a byte is refused beside the field, saying which limit; nothing filed
    small = Limits.defaults().with_overrides({"file_mb": 1})
    with client_for(world.db, limits=small, max_body_kb=4096) as client:
        assert sign_in(client, "unit_a").status_code == 303
        token = csrf_of(client.get("/fill").text)
        files = {"file": ("大表.txt", b"x" * ((1 << 20) + 1), "text/plain")}
        response = client.post("/fill/upload", data={"csrf": token}, files=files)
        assert response.status_code == 422
        error = re.search(r'data-testid="upload-error">([^<]+)<', response.text)
        assert error and "超过上限 1 MB" in error.group(1) and "file_mb" in error.group(1)
