"""The search kept per query and reader (:mod:`jixiao.web.searching`): each reader gets the hits
of what they may read, and a write drops what was kept (both databases)."""

from __future__ import annotations

import copy
from collections.abc import Iterator

import pytest

from jixiao.ingest.files import read_path
from jixiao.store import Store

from .auth_helpers import World, make_world, sign_in
from .conftest import Backend
from .helpers import SEED
from .web_helpers import TestClient, client_for, db_url


@pytest.fixture
def world(backend: Backend) -> Iterator[World]:
    with Store(backend.url, connect_args=backend.connect_args) as store:
        made = make_world(store, db_url(backend))
    yield made


def _total(client: TestClient, q: str) -> int:
    found = client.get("/api/v1/search", params={"q": q})
    assert found.status_code == 200, found.text[:300]
    total: int = found.json()["total"]
    return total


def test_a_kept_search_is_the_readers_own_and_a_write_drops_it(world: World) -> None:
    with client_for(world.db) as visitor:
        reviewer = TestClient(visitor.app)  # the same app, so the same kept searches
        assert sign_in(reviewer, "dep").status_code == 303  # reads the whole draft
        for _ in range(2):  # asked, then kept: the draft's 乙 projects for the reviewer only
            assert _total(reviewer, "（乙）") > 0
            assert _total(visitor, "（乙）") == 0
            assert 'data-testid="hit"' not in visitor.get("/search", params={"q": "（乙）"}).text
        assert _total(visitor, "独一无二") == 0
        doc = copy.deepcopy(read_path(SEED)[0])
        doc.department, doc.source = "新来的局", None
        doc.units[0].projects[0].name = "独一无二的项目"
        with Store(world.db) as store:  # another process's write, as far as the app knows
            store.save(doc, status="published")
        assert _total(visitor, "独一无二") == 1
        page = visitor.get("/search", params={"q": "独一无二"}).text
        assert page.count('data-testid="hit"') == 1 and "新来的局" in page
