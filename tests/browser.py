"""A live server and a real headless Chromium for the browser tests (tests/test_web_browser.py).

The server is the real app (``create_app``) under uvicorn in a background thread, on a free port,
over an SQLite file holding the seed, a later year of it and a self-evaluation. The browser is
Debian's ``/usr/bin/chromium`` (installed by ``make system-deps``) driven by Playwright, which
downloads nothing. Without that browser the tests skip, except under ``CI=true``, where they
fail.
Screenshots go to ``test-artifacts/`` at the repository root.
"""

from __future__ import annotations

import copy
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.ingest.files import read_path
from jixiao.model import Document, Funds, Project
from jixiao.review import load_ruleset, review
from jixiao.store import Store

from .helpers import SEED
from .selfeval import selfeval_document

CHROMIUM = Path(os.environ.get("JIXIAO_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def later_year(seed: Document) -> Document:
    """The seed as the next year's table might be: one project dropped, one added, one
    re-funded, one target raised."""
    doc = copy.deepcopy(seed)
    doc.year = (seed.year or 2000) + 1
    doc.source = None
    unit = doc.units[0]
    unit.projects.pop(0)
    first = unit.projects[0]
    assert first.funds.total is not None
    first.funds.total += Decimal("50")
    unit.projects[2].indicators[0].annual.text = "≥1000个"
    doc.units[-1].projects.append(
        Project("新设立的示范项目", Funds(total=Decimal("12.5"), fiscal=Decimal("12.5")), "新目标")
    )
    return doc


@dataclass(frozen=True, slots=True)
class Site:
    url: str
    db: str
    seed_id: int
    later_id: int
    selfeval_id: int  # a self-evaluation (tests/selfeval.py), stored without review


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fill(db: str) -> tuple[int, int, int]:
    seed = read_path(SEED, year=2024)[0]
    later = later_year(seed)
    ruleset = load_ruleset()
    with Store(db) as store:
        ids = []
        for doc in (seed, later):
            findings = review(doc, ruleset)
            saved = store.save(doc, findings=findings, status="published")
            ids.append(saved.document_id)
        ids.append(store.save(selfeval_document(), status="published").document_id)
    return ids[0], ids[1], ids[2]


@contextmanager
def serving(db: str) -> Iterator[str]:
    """The web app on the database ``db`` served by uvicorn in a thread while the block runs;
    yields its URL."""
    import uvicorn

    from jixiao.settings import Settings
    from jixiao.web import create_app

    port = _free_port()
    app = create_app(Settings.from_env(db=db))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    db = str(tmp_path_factory.mktemp("site") / "site.db")
    seed_id, later_id, selfeval_id = _fill(db)
    with serving(db) as url:
        yield Site(url, db, seed_id, later_id, selfeval_id)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: `make system-deps` installs Debian's chromium")
        pytest.skip(f"no Chromium at {CHROMIUM} (make system-deps installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        try:
            yield chromium
        finally:
            chromium.close()


def shoot(page: object, name: str) -> Path:
    """Save a full-page screenshot as a test artifact."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path
