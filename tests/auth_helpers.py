"""What the account tests share: a database with published documents, a draft department
with two units, one account per role placed in the org tree, and clients signed in as them."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from jixiao.ingest.files import read_path
from jixiao.model import Document
from jixiao.services import accounts
from jixiao.services.actor import cli_actor
from jixiao.services.policy import load_policy
from jixiao.store import ProjectFilter, Store

from .helpers import SEED
from .web_helpers import Ids, TestClient, client_for, fill

DRAFT_DEPARTMENT = "草稿局"
UNIT_A, UNIT_B = "甲单位", "乙单位"
PASSWORD = "Sesame#2024x"

ACCOUNTS = {
    # user name: (role, org path)
    "sys": ("system_admin", None),
    "sec": ("security_admin", None),
    "aud": ("audit_admin", None),
    "fin": ("finance_reviewer", "财政"),
    "dep": ("department_reviewer", DRAFT_DEPARTMENT),
    "unit_a": ("unit_filler", f"{DRAFT_DEPARTMENT}/{UNIT_A}"),
    "view_b": ("viewer", f"{DRAFT_DEPARTMENT}/{UNIT_B}"),
}


def draft_document() -> Document:
    """The seed under another department, as two units (甲 and 乙), for scope tests."""
    seed = read_path(SEED)[0]
    doc = copy.deepcopy(seed)
    doc.department = DRAFT_DEPARTMENT
    doc.year = 2031
    doc.source = None
    first = doc.units[0]
    second = copy.deepcopy(first)
    first.name, second.name = UNIT_A, UNIT_B
    for project in second.projects:
        project.name = f"{project.name}（乙）"
    doc.units = [first, second]
    return doc


@dataclass(frozen=True, slots=True)
class World:
    db: str
    ids: Ids
    draft: int
    project_a: str  # a project of 甲单位 in the draft
    project_b: str  # one of 乙单位
    published_project: str


def make_world(store: Store, db: str) -> World:
    ids = fill(store)
    draft = store.save(draft_document()).document_id  # a draft: status left as stored
    rows = store.projects_page(ProjectFilter(document_id=draft, limit=500)).items
    a = next(r.id for r in rows if r.unit == UNIT_A)
    b = next(r.id for r in rows if r.unit == UNIT_B)
    published = store.projects_page(ProjectFilter(document_id=ids.seed, limit=1)).items[0].id
    policy = load_policy()
    for username, (role, org) in ACCOUNTS.items():
        new = accounts.NewUser(username, f"测试 {username}", PASSWORD, [role], org,
                               must_change=False)  # fmt: skip
        accounts.create_user(store, policy, cli_actor(), (), new)
    return World(db, ids, draft, a, b, published)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD, **extra: str) -> Any:
    """Sign ``client`` in through the login form; returns the response (a redirect if it
    worked)."""
    token = csrf_of(client.get("/login").text)
    data = {"username": username, "password": password, "csrf": token, **extra}
    return client.post("/login", data=data, follow_redirects=False)


@contextmanager
def signed_in(db: str, username: str | None) -> Iterator[TestClient]:
    """A client on a fresh app over ``db``, signed in as ``username`` (``None``: anonymous)."""
    with client_for(db) as client:
        if username is not None:
            response = sign_in(client, username)
            assert response.status_code == 303, response.text[:300]
        yield client
