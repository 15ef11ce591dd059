"""What the web app's tests share: a database holding three documents, and a client on the app.

* the seed, stored with its review findings (``reviewed``);
* a later year of it (:func:`tests.browser.later_year`), stored without findings, so the app
  reviews it on the fly;
* a copy whose project name, goal and indicator name are HTML (``<script>…``), for escaping.

The client is FastAPI's in-process :class:`~fastapi.testclient.TestClient`, used as a context
manager so the app's lifespan opens (and closes) its store.
"""

from __future__ import annotations

import copy
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import quote

from jixiao.ingest.files import read_path
from jixiao.model import Document
from jixiao.review import load_ruleset, review
from jixiao.settings import Settings
from jixiao.store import Store
from jixiao.web import create_app

from .browser import later_year
from .conftest import Backend
from .helpers import SEED

with warnings.catch_warnings():
    # Starlette asks for httpx2 instead of httpx; the client works the same with either.
    warnings.filterwarnings("ignore", message=".*install `httpx2`.*")
    from fastapi.testclient import TestClient

SCRIPT_NAME = "<script>alert('项目')</script>"
SCRIPT_GOAL = "<b>加粗</b>的目标 & 更多"
SCRIPT_INDICATOR = "<img src=x onerror=alert(1)>"
TRICKY_DEPARTMENT = "转义测试局"


@dataclass(frozen=True, slots=True)
class Ids:
    seed: int
    later: int
    tricky: int
    later_year: int  # the later document's year (the seed's own is unknown)


def tricky(seed: Document) -> Document:
    """The seed under another department, its first project named and described in HTML."""
    doc = copy.deepcopy(seed)
    doc.department = TRICKY_DEPARTMENT
    doc.year = 2030
    doc.source = None
    first = doc.units[0].projects[0]
    first.name = SCRIPT_NAME
    first.goal = SCRIPT_GOAL
    first.indicators[0].name = SCRIPT_INDICATOR
    return doc


def fill(store: Store) -> Ids:
    """The three documents, published (visitors without an account see published ones)."""
    seed = read_path(SEED)[0]
    ruleset = load_ruleset()
    public = "published"
    seed_id = store.save(
        seed, findings=review(seed, ruleset), ruleset=ruleset.name, status=public
    ).document_id
    later = later_year(seed)
    later_id = store.save(later, status=public).document_id
    odd = tricky(seed)
    tricky_id = store.save(
        odd, findings=review(odd, ruleset), ruleset=ruleset.name, status=public
    ).document_id
    assert seed.year is None and later.year is not None and later.year != odd.year
    return Ids(seed_id, later_id, tricky_id, later.year)


def db_url(backend: Backend) -> str:
    """The backend's database as one URL (a PostgreSQL schema goes into ``options``)."""
    options = backend.connect_args.get("options")
    if not options:
        return backend.url
    return f"{backend.url}{'&' if '?' in backend.url else '?'}options={quote(options)}"


@contextmanager
def client_for(db: str, **settings: object) -> Iterator[TestClient]:
    app = create_app(Settings(db=db, **settings))  # type: ignore[arg-type]
    with TestClient(app) as client:
        yield client
